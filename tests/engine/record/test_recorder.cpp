// Recording through the offline console: takes equal their input, taps, bext, WAV vs RF64,
// and ring overflow counted, never hidden.
#include "record/recorder.h"
#include "support/harness.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace hr;
using namespace hr::test;

namespace {
namespace fs = std::filesystem;
constexpr int kBlock = 64;
constexpr int kFrames = 48000;

std::string scratch(const std::string& name) { return hr::test::freshDir("headroom-record-test", name); }

std::vector<float> readMono(const std::string& path, SF_INFO* info) {
    *info = SF_INFO{};
    SNDFILE* f = sf_open(path.c_str(), SFM_READ, info);
    REQUIRE(f);
    std::vector<float> data(static_cast<size_t>(info->frames));
    sf_readf_float(f, data.data(), info->frames);
    sf_close(f);
    return data;
}

// The bext chunk's TimeReference, read from the RIFF chunks by hand (EBU Tech 3285: after
// description 256, originator 32, reference 32, date 10 and time 8 bytes, two 32-bit words).
uint64_t bextTimeReference(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    char head[12];
    f.read(head, 12);
    REQUIRE(std::string(head, 4) == "RIFF");
    REQUIRE(std::string(head + 8, 4) == "WAVE");
    char chunk[8];
    while (f.read(chunk, 8)) {
        const uint32_t size = uint8_t(chunk[4]) | uint8_t(chunk[5]) << 8 | uint8_t(chunk[6]) << 16 | uint32_t(uint8_t(chunk[7])) << 24;
        if (std::string(chunk, 4) == "bext") {
            std::vector<unsigned char> b(size);
            f.read(reinterpret_cast<char*>(b.data()), size);
            REQUIRE(size >= 346);
            uint64_t ref = 0;
            for (int k = 7; k >= 0; --k) ref = ref << 8 | b[338 + static_cast<size_t>(k)];
            return ref;
        }
        f.seekg(size + (size & 1), std::ios::cur);
    }
    FAIL("no bext chunk in " << path);
    return 0;
}

ConsoleConfig threeChannels() {
    ConsoleConfig cfg;
    cfg.channels = 3;
    cfg.inputs = 3;
    cfg.outputs = 2;
    cfg.busWidths = {1};
    return cfg;
}

std::vector<Signal> inputs() {
    return {sine(100.0, 0.5, kFrames), sine(1234.5, 0.25, kFrames), square(50.0, 0.125, kFrames)};
}
} // namespace

TEST_CASE("a take recorded through the console equals its input, sample for sample", "[record]") {
    for (bool floatFormat : {true, false}) {
        Console console(threeChannels());
        setParam(console, "/ch/2/trim", 6.0206f); // the input tap is before trim
        setParam(console, "/ch/3/rec/tap", "post");
        setParam(console, "/ch/3/trim", 6.0206f); // the post tap follows trim and processing
        setParam(console, "/ch/3/fader", -20.0f); // but not the fader
        console.reset();
        Recorder rec;
        RecordOptions o;
        o.folder = scratch(floatFormat ? "float" : "pcm24");
        o.showName = "test: show/1";
        o.channelCount = 3;
        o.floatFormat = floatFormat;
        o.startSample = 123456789012ull;
        std::tm at{}; // today, 14:30:15.25 local time
        const std::time_t today = std::time(nullptr);
        localtime_r(&today, &at);
        at.tm_hour = 14;
        at.tm_min = 30;
        at.tm_sec = 15;
        at.tm_isdst = -1;
        o.startTime = std::chrono::system_clock::from_time_t(std::mktime(&at)) + std::chrono::milliseconds(250);
        const uint64_t sinceMidnight = static_cast<uint64_t>((14 * 3600 + 30 * 60 + 15.25) * 48000.0);
        std::string error;
        console.setRecorder(&rec);
        REQUIRE(rec.start(o, {{0, "Kick", false}, {1, "Snare/Top", false}, {2, "Bass", true}, {-1, "Main L", false}}, &error));
        const auto in = inputs();
        const auto mainOut = runConsole(console, in, kBlock, {1})[0];
        rec.stop();
        console.setRecorder(nullptr);

        const fs::path take = rec.takePath();
        REQUIRE(take.filename().string().find("_14-30-15_test-show-1") != std::string::npos); // a word a shell types
        const double tolerance = floatFormat ? 0.0 : 1.0 / 8388608.0;                // 24-bit LSB
        SF_INFO info{};
        const auto kick = readMono((take / "1-Kick.wav").string(), &info);
        REQUIRE(info.frames == kFrames);
        REQUIRE((info.format & SF_FORMAT_SUBMASK) == (floatFormat ? SF_FORMAT_FLOAT : SF_FORMAT_PCM_24));
        const auto snare = readMono((take / "2-Snare_Top.wav").string(), &info);
        const auto bass = readMono((take / "3-Bass.wav").string(), &info);
        const auto main = readMono((take / "Main-L.wav").string(), &info);
        for (size_t i = 0; i < kFrames; ++i) {
            REQUIRE(std::fabs(kick[i] - in[0][i]) <= tolerance);
            REQUIRE(std::fabs(snare[i] - in[1][i]) <= tolerance);
            REQUIRE(std::fabs(bass[i] - 2.0f * in[2][i]) <= tolerance + 1e-6);
            REQUIRE(std::fabs(main[i] - mainOut[i]) <= tolerance);
        }

        // Broadcast WAV: origination date/time and the time reference in samples.
        SNDFILE* f = sf_open((take / "1-Kick.wav").c_str(), SFM_READ, &info);
        SF_BROADCAST_INFO bext{};
        REQUIRE(sf_command(f, SFC_GET_BROADCAST_INFO, &bext, sizeof bext) == SF_TRUE);
        sf_close(f);
        const uint64_t ref = bext.time_reference_low | (uint64_t(bext.time_reference_high) << 32);
        REQUIRE(ref == sinceMidnight); // samples since midnight: a DAW spots the take to 14:30:15.25
        REQUIRE(bextTimeReference((take / "Main-L.wav").string()) == sinceMidnight); // read without libsndfile
        REQUIRE(std::string(bext.origination_time, 8) == "14:30:15");
        REQUIRE(std::string(bext.origination_date, 10).size() == 10);
        REQUIRE(bext.origination_date[4] == '-');
        REQUIRE(bext.origination_time[2] == ':');
        REQUIRE(std::string(bext.originator) == "headroom");
        // Under 4 GiB the RF64 file was turned back into a plain WAV on close.
        std::ifstream raw(take / "1-Kick.wav", std::ios::binary);
        char magic[5] = {};
        raw.read(magic, 4);
        REQUIRE(std::string(magic) == "RIFF");

        std::ifstream tj(take / "take.json");
        const auto j = nlohmann::json::parse(tj);
        REQUIRE(j["frames"] == kFrames);
        REQUIRE(j["timeReference"] == sinceMidnight);
        REQUIRE(j["startSample"] == 123456789012ull);
        REQUIRE(j["tracks"][2]["tap"] == "post");
        REQUIRE(j["tracks"][0]["dropped"] == 0);
        REQUIRE(j["stopped"] == "stop");
    }
}

TEST_CASE("a stalled writer overflows the ring: the loss is counted and written down, audio never waits", "[record]") {
    Console console(threeChannels());
    Recorder rec;
    RecordOptions o;
    o.folder = scratch("overflow");
    o.channelCount = 3;
    o.ringSeconds = 0.05; // 2400 samples, rounded up to 4096
    std::string error;
    console.setRecorder(&rec);
    REQUIRE(rec.start(o, {{0, "Kick", false}}, &error));
    rec.setDiskStallForTest(true);
    runConsole(console, inputs(), kBlock, {1}); // one second against a 4096-sample ring
    const TrackStatus during = rec.status()[0];
    REQUIRE(during.dropped == kFrames - 4096);
    REQUIRE(during.peakFill == 1.0);
    rec.stop(); // the writer drains what the ring held
    console.setRecorder(nullptr);
    const TrackStatus after = rec.status()[0];
    REQUIRE(after.written == 4096);
    REQUIRE(after.written + after.dropped == kFrames);
    std::ifstream tj(fs::path(rec.takePath()) / "take.json");
    REQUIRE(nlohmann::json::parse(tj)["tracks"][0]["dropped"] == kFrames - 4096);
}

TEST_CASE("a take folder the OS reads cut short (a NUL byte) ends in an error, not an endless search for a free name", "[record]") {
    // The OS sees dir/cut: it exists after the first take, and every numbered name is it too.
    RecordOptions o;
    o.folder = scratch("nul") + "/cut" + std::string(1, '\0') + "rest";
    o.channelCount = 1;
    Recorder rec;
    std::string error;
    rec.start(o, {{0, "Kick", false}}, &error);
    rec.stop();
    REQUIRE_FALSE(rec.start(o, {{0, "Kick", false}}, &error));
    REQUIRE(error.find("cannot create the take folder") != std::string::npos);
}

TEST_CASE("repair refuses headers it cannot mend, leaving them as they are: no endless chunk walk, no write past a short ds64", "[record][repair]") {
    auto le32 = [](uint32_t v) { return std::string{char(v), char(v >> 8), char(v >> 16), char(v >> 24)}; };
    const std::string fmt = "fmt " + le32(16) + std::string("\x01\x00\x01\x00", 4) + le32(48000) + le32(96000) +
                            std::string("\x02\x00\x10\x00", 4);
    // A chunk length of 0xFFFFFFF7 (odd, padded) once made the walk's step 8 + len + 1 wrap to 0.
    const std::string wrap = "RIFF" + le32(100) + "WAVE" + "JUNK" + le32(0xFFFFFFF7u) + std::string(32, 'x');
    // An RF64 file whose ds64 chunk holds none of its 24 bytes: the sizes were read and written past it.
    const std::string shortDs64 = "RF64" + le32(0xFFFFFFFFu) + "WAVE" + fmt + "ds64" + le32(0) + "data" + le32(0xFFFFFFFFu);
    const std::string dir = scratch("repair-bad");
    std::ofstream(dir + "/01-Wrap.wav", std::ios::binary) << wrap;
    std::ofstream(dir + "/02-Ds64.wav", std::ios::binary) << shortDs64;
    std::string report, error;
    REQUIRE(repairTake(dir, &report, &error));
    REQUIRE(report == "01-Wrap.wav: no data chunk found\n02-Ds64.wav: the ds64 chunk is too short to hold the sizes\n");
    auto read = [](const std::string& path) {
        std::ifstream in(path, std::ios::binary);
        return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    };
    REQUIRE(read(dir + "/01-Wrap.wav") == wrap);
    REQUIRE(read(dir + "/02-Ds64.wav") == shortDs64);
}

TEST_CASE("file names are safe on every filesystem", "[record]") {
    REQUIRE(safeFileName("Kick In/Out") == "Kick In_Out");
    REQUIRE(safeFileName("a\\b:c*d?\"e<f>g|h") == "a_b_c_d__e_f_g_h");
    REQUIRE(safeFileName(std::string("tab\there")) == "tab_here");
    REQUIRE(safeFileName("trailing. ") == "trailing");
    REQUIRE(safeFileName("") == "untitled");
}

TEST_CASE("a track that passes 4 GiB stays RF64 and reads back whole", "[record][rf64]") {
    const std::string dir = scratch("rf64");
    Recorder rec;
    RecordOptions o;
    o.folder = dir;
    o.channelCount = 1;
    o.floatFormat = true; // 4 bytes a sample: 4 GiB in 1.07 G samples (6.2 h at 48 kHz)
    std::string error;
    REQUIRE(rec.start(o, {{0, "Long day", false}}, &error));
    constexpr uint64_t kTarget = (uint64_t(4) << 30) / 4 + (1 << 20); // just past 4 GiB of data
    constexpr size_t kChunk = 1 << 16;
    std::vector<float> chunk(kChunk);
    for (size_t i = 0; i < kChunk; ++i) chunk[i] = static_cast<float>(i % 1000) / 1000.0f;
    const size_t ring = 262144; // 4 s at 48 kHz, rounded up to a power of two
    uint64_t captured = 0;
    while (captured < kTarget) { // pace like a device would: never more than the ring holds
        while (captured - rec.status()[0].written > ring - kChunk) std::this_thread::sleep_for(std::chrono::microseconds(200));
        rec.capture(0, chunk.data(), kChunk);
        captured += kChunk;
    }
    rec.stop();
    REQUIRE(rec.status()[0].dropped == 0);
    const std::string file = (fs::path(rec.takePath()) / "1-Long day.wav").string();
    std::ifstream raw(file, std::ios::binary);
    char magic[5] = {};
    raw.read(magic, 4);
    REQUIRE(std::string(magic) == "RF64"); // past the WAV limit the file stays RF64
    SF_INFO info{};
    SNDFILE* f = sf_open(file.c_str(), SFM_READ, &info);
    REQUIRE(f);
    REQUIRE(static_cast<uint64_t>(info.frames) == captured);
    // The last chunk reads back as written.
    std::vector<float> tail(kChunk);
    sf_seek(f, info.frames - static_cast<sf_count_t>(kChunk), SEEK_SET);
    REQUIRE(sf_readf_float(f, tail.data(), kChunk) == static_cast<sf_count_t>(kChunk));
    sf_close(f);
    REQUIRE(tail == chunk);
    fs::remove_all(dir); // 4 GiB
}
