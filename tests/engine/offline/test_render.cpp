// Offline render: real WAV files in and out through libsndfile, bit-identical repeats,
// bus files, input formats, and the channel-count mismatch error.
#include "offline/render.h"
#include "support/harness.h"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <filesystem>
#include <fstream>

using namespace hr;
using namespace hr::test;

namespace {
namespace fs = std::filesystem;

fs::path scratch(const std::string& name) {
    const fs::path dir = fs::temp_directory_path() / "headroom-render-test";
    fs::create_directories(dir);
    return dir / name;
}

// Writes `channels` tracks of distinct sines, `seconds` long, in the given format.
void writeMultitrack(const fs::path& path, int channels, double seconds, int format) {
    SF_INFO info{};
    info.samplerate = 48000;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | format;
    SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
    REQUIRE(f);
    const int frames = static_cast<int>(seconds * 48000);
    std::vector<float> inter(static_cast<size_t>(frames) * channels);
    for (int i = 0; i < frames; ++i)
        for (int c = 0; c < channels; ++c)
            inter[static_cast<size_t>(i) * channels + c] =
                static_cast<float>(0.2 * std::sin(2.0 * M_PI * (110.0 * (c + 1)) * i / 48000.0));
    REQUIRE(sf_writef_float(f, inter.data(), frames) == frames);
    sf_close(f);
}

std::vector<float> readAll(const fs::path& path, SF_INFO* info) {
    *info = SF_INFO{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, info);
    REQUIRE(f);
    std::vector<float> data(static_cast<size_t>(info->frames * info->channels));
    sf_readf_float(f, data.data(), info->frames);
    sf_close(f);
    return data;
}

// Rewrites the rate a WAV's fmt chunk gives (and its byte rate), as a damaged or hostile
// header may: the samples stay as they are.
void setHeaderRate(const fs::path& path, uint32_t rate) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    std::string head(512, '\0');
    f.read(head.data(), static_cast<std::streamsize>(head.size()));
    const size_t fmt = head.find("fmt ");
    REQUIRE(fmt != std::string::npos);
    const uint32_t blockAlign = static_cast<uint8_t>(head[fmt + 20]) | (static_cast<uint8_t>(head[fmt + 21]) << 8);
    for (auto [offset, value] : {std::pair<size_t, uint32_t>{fmt + 12, rate}, {fmt + 16, rate * blockAlign}}) {
        const char bytes[4] = {char(value), char(value >> 8), char(value >> 16), char(value >> 24)};
        f.seekp(static_cast<std::streamoff>(offset));
        f.write(bytes, 4);
    }
}

std::string bandShow() { return std::string(HEADROOM_SOURCE_DIR) + "/scenes/band.json"; }
} // namespace

TEST_CASE("render mixes a multitrack WAV to main and bus WAVs, identically every time", "[render]") {
    const fs::path in = scratch("in16.wav");
    writeMultitrack(in, 16, 3.0, SF_FORMAT_PCM_24);
    RenderJob job;
    job.showPath = bandShow();
    job.inputPath = in.string();
    job.mainPath = scratch("mix1.wav").string();
    job.buses = {{1, scratch("vox-wedge.wav").string()}, {6, scratch("drum-iem.wav").string()}};
    const RenderResult first = render(job);
    INFO(first.error);
    REQUIRE(first.ok);
    REQUIRE(first.frames == 3 * 48000);

    job.mainPath = scratch("mix2.wav").string();
    job.buses.clear();
    REQUIRE(render(job).ok);

    SF_INFO a{}, b{}, wedge{}, iem{};
    const auto mix1 = readAll(scratch("mix1.wav"), &a);
    const auto mix2 = readAll(scratch("mix2.wav"), &b);
    REQUIRE(a.channels == 2);
    REQUIRE((a.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_24);
    REQUIRE(mix1 == mix2); // bit-identical
    REQUIRE(peakAbs(mix1, 0, mix1.size()) > 0.05);
    REQUIRE(peakAbs(mix1, 0, mix1.size()) < 1.0);
    readAll(scratch("vox-wedge.wav"), &wedge);
    readAll(scratch("drum-iem.wav"), &iem);
    REQUIRE(wedge.channels == 1); // bus 1 is mono
    REQUIRE(iem.channels == 2);   // bus 6 is the stereo drum IEM
    REQUIRE(iem.frames == a.frames);
}

TEST_CASE("render reads integer and float WAVs and writes float when asked", "[render]") {
    for (int format : {SF_FORMAT_PCM_16, SF_FORMAT_PCM_24, SF_FORMAT_PCM_32, SF_FORMAT_FLOAT}) {
        const fs::path in = scratch("fmt.wav");
        writeMultitrack(in, 16, 0.5, format);
        RenderJob job;
        job.showPath = bandShow();
        job.inputPath = in.string();
        job.mainPath = scratch("fmt-out.wav").string();
        job.format = SampleFormat::Float32;
        REQUIRE(render(job).ok);
        SF_INFO info{};
        const auto out = readAll(job.mainPath, &info);
        REQUIRE((info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_FLOAT);
        REQUIRE(peakAbs(out, 0, out.size()) > 0.05);
    }
}

TEST_CASE("render refuses a file with fewer channels than the patch uses, naming the strip", "[render][errors]") {
    const fs::path in = scratch("in8.wav");
    writeMultitrack(in, 8, 0.2, SF_FORMAT_PCM_24);
    RenderJob job;
    job.showPath = bandShow();
    job.inputPath = in.string();
    job.mainPath = scratch("never.wav").string();
    const RenderResult r = render(job);
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.error.find("has 8 channels") != std::string::npos);
    REQUIRE(r.error.find("/ch/9 (Gtr 1)") != std::string::npos);

    job.inputPath = scratch("missing.wav").string();
    REQUIRE(render(job).error.find("missing.wav: cannot read") != std::string::npos);

    writeMultitrack(in, 20, 0.2, SF_FORMAT_PCM_24); // more channels than patched: a note
    job.inputPath = in.string();
    const RenderResult extra = render(job);
    REQUIRE(extra.ok);
    REQUIRE(extra.notes == "input channels not patched to any strip: 17,18,19,20");

    job.buses = {{10, scratch("ten.wav").string()}};
    REQUIRE(render(job).error == "--bus 10: the show has 9 buses");
    job.buses.clear();
    job.matrices = {{9, scratch("nine.wav").string()}};
    REQUIRE(render(job).error == "--mtx 9: the matrices are 1..8");
}

TEST_CASE("render refuses a WAV or take whose header gives a rate the console cannot run at", "[render][errors]") {
    // A console at the header's 200 MHz would size its delay lines for 500 ms of it (8 GB).
    const fs::path in = scratch("rate.wav");
    writeMultitrack(in, 16, 0.1, SF_FORMAT_PCM_16);
    setHeaderRate(in, 200000000);
    RenderJob job;
    job.showPath = bandShow();
    job.inputPath = in.string();
    job.mainPath = scratch("rate-out.wav").string();
    fs::remove(job.mainPath);
    const RenderResult r = render(job);
    REQUIRE_FALSE(r.ok);
    REQUIRE(r.error == in.string() + ": 200000000 Hz: sample rate out of range");
    REQUIRE_FALSE(fs::exists(job.mainPath));

    const fs::path take = scratch("rate-take");
    fs::create_directories(take);
    writeMultitrack(take / "01-Kick.wav", 1, 0.1, SF_FORMAT_PCM_16);
    setHeaderRate(take / "01-Kick.wav", 1);
    job.inputPath = take.string();
    REQUIRE(render(job).error == take.string() + ": 1 Hz: sample rate out of range");
}

TEST_CASE("render writes matrix outputs: the band show's delay towers are main, 45 ms late", "[render][matrix]") {
    const fs::path in = scratch("in16m.wav"), mix = scratch("mix-m.wav"), towers = scratch("towers.wav");
    writeMultitrack(in, 16, 0.5, SF_FORMAT_FLOAT);
    RenderJob job;
    job.showPath = bandShow();
    job.inputPath = in.string();
    job.mainPath = mix.string();
    job.format = SampleFormat::Float32;
    job.matrices = {{1, towers.string()}};
    const RenderResult r = render(job);
    INFO(r.error);
    REQUIRE(r.ok);
    SF_INFO mi, ti;
    const auto m = readAll(mix, &mi), t = readAll(towers, &ti);
    REQUIRE(ti.channels == 2); // matrix 1 is stereo in the band show
    REQUIRE(ti.frames == mi.frames);
    size_t firstMain = 0, firstTower = 0;
    while (firstMain < m.size() / 2 && m[firstMain * 2] == 0.0f) ++firstMain;
    while (firstTower < t.size() / 2 && t[firstTower * 2] == 0.0f) ++firstTower;
    REQUIRE(firstTower == firstMain + 2160); // /mtx/1/delay 45 ms at 48 kHz
    double energy = 0.0;
    for (float x : t) energy += double(x) * x;
    REQUIRE(energy > 1.0);
}
