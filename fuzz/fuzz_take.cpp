// Fuzz target: a take folder's take.json (engine/record/take.cpp), as `play TAKE` and
// `render --in TAKE` open it: TakeReader maps its tracks onto a console's channels and
// reads a block. The folder also holds two short real tracks (01-Kick.wav, 02-Snare.wav,
// 48 kHz, and a 44.1 kHz 03-Odd.wav) for take.json to name or not. In the scratch folder.
#include "fuzz_support.h"
#include "record/take.h"

#include <sndfile.h>

#include <filesystem>

using namespace hr;

namespace {
void writeTrack(const std::string& path, int rate, int frames) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = 1;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    std::vector<float> samples(static_cast<size_t>(frames), 0.25f);
    sf_writef_float(f, samples.data(), frames);
    sf_close(f);
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string take = [] {
        const std::string t = fuzz::scratchDir("take") + "/take";
        std::filesystem::create_directories(t);
        writeTrack(t + "/01-Kick.wav", 48000, 100);
        writeTrack(t + "/02-Snare.wav", 48000, 300);
        writeTrack(t + "/03-Odd.wav", 44100, 10);
        return t;
    }();
    fuzz::writeFile(take + "/take.json", data, size);
    constexpr int kChannels = 4, kBlock = 64;
    TakeReader reader;
    std::string report, error;
    if (!reader.open(take, kChannels, {"Kick", "Snare", "", "Vox"}, &report, &error)) return 0;
    std::vector<float> planar(static_cast<size_t>(kChannels) * kBlock);
    float* out[kChannels];
    for (int c = 0; c < kChannels; ++c) out[c] = &planar[static_cast<size_t>(c) * kBlock];
    reader.read(out, kBlock);
    reader.seek(reader.frames() - 1);
    reader.read(out, kBlock);
    return 0;
}
