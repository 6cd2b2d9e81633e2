// Fuzz target: a WAV file (any bytes: libsndfile decides what it is), through the code that
// opens and reads WAVs for offline render and playback:
//  - RenderInput, render()'s input (engine/offline/render.cpp): opened and checked against a
//    small show, read block by block and run through a console as render() runs it (a console
//    built once and freshened, fuzz_support.h: render() itself builds one per call, which
//    would make this target crawl);
//  - a take folder holding the file as track 01 (no take.json: the NN- name maps it), as
//    `play` and `render --in TAKE` open it: TakeReader (engine/record/take.cpp) read to its
//    end, and Player::load (engine/record/player.cpp) at 48 kHz and at the take's own rate,
//    then unload (its disk thread reads meanwhile);
//  - `headroom repair` of that take (repairWav's own RIFF/RF64 chunk walk, recorder.cpp).
// Everything is written in the scratch folder.
#include "fuzz_support.h"
#include "offline/render.h"
#include "record/player.h"
#include "record/recorder.h"

#include <filesystem>

using namespace hr;

namespace {
constexpr int kChannels = 2;

const ConsoleConfig& showConfig() { // two channels on inputs 1-2 and one mono bus: quick to run
    static const ConsoleConfig cfg = fuzz::consoleShape(kChannels, {1});
    return cfg;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string& dir = fuzz::scratchDir("wav");
    const std::string take = dir + "/take";
    std::filesystem::create_directories(take);
    fuzz::writeFile(dir + "/in.wav", data, size);
    fuzz::writeFile(take + "/01-In.wav", data, size);
    std::string report, error;

    RenderInput in;
    if (in.open(dir + "/in.wav", showConfig(), 0, &error)) {
        static Console console(showConfig());
        fuzz::fresh(console, true); // the file is heard through it: no state from the last one
        for (int n; (n = in.read()) > 0;) console.process(in.planar(), in.channels(), nullptr, 0, n);
    }

    TakeReader reader;
    double rate = 48000.0;
    if (reader.open(take, kChannels, {"In", ""}, &report, &error)) {
        constexpr int kBlock = 256;
        std::vector<float> planar(kChannels * kBlock);
        float* out[kChannels] = {&planar[0], &planar[kBlock]};
        for (int64_t done = 0; done < reader.frames() && reader.read(out, kBlock); done += kBlock) {
        }
        rate = reader.sampleRate();
    }
    // The player at 48 kHz, and at the take's own rate when a device could run at it (run
    // --rate takes 8000..384000 Hz; the live console runs at the device's rate).
    std::vector<double> rates{48000.0};
    if (rate != 48000.0 && rate >= 8000.0 && rate <= 384000.0) rates.push_back(rate);
    for (double r : rates) {
        Player player;
        if (player.load(take, kChannels, {"In", ""}, r, &report, &error)) player.unload();
    }
    repairTake(take, &report, &error);
    return 0;
}
