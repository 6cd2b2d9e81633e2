// Stress tests for every handoff from the control thread to the audio thread (io/handoff.h):
// console swaps, take loads during playback, record start/stop cycles and overlapping scene
// fades, each with an audio thread running blocks as fast as it can the whole time. Under
// tools/sanitize thread (and address) a use of freed memory or a race is a report; here each
// test also checks what the handoff promises: the old thing is freed (no dead wood left),
// the new one is in use, and what was recorded is whole.
#include "console/console.h"
#include "io/live.h"
#include "record/player.h"
#include "record/recorder.h"
#include "show/scenes.h"
#include "support/harness.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <atomic>
#include <cstdlib>
#include <chrono>
#include <functional>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace hr;
using namespace hr::test;

namespace {
namespace fs = std::filesystem;
constexpr int kBlock = 64;

ConsoleConfig shape(int channels, int buses) {
    ConsoleConfig cfg;
    cfg.channels = cfg.inputs = channels;
    cfg.outputs = 2;
    cfg.busWidths.assign(static_cast<size_t>(buses), 1);
    return cfg;
}

// The audio thread: blocks back to back until stopped (a device that never waits, so every
// handoff meets a block in flight as often as it can).
class AudioThread {
public:
    explicit AudioThread(std::function<void()> block) : block_(std::move(block)), thread_([this] {
        while (running_.load(std::memory_order_relaxed)) {
            block_();
            blocks_.fetch_add(1, std::memory_order_relaxed);
        }
    }) {}
    ~AudioThread() { stop(); }
    void stop() {
        running_.store(false);
        if (thread_.joinable()) thread_.join();
    }
    uint64_t blocks() const { return blocks_.load(); }
    void waitBlocks(uint64_t n) const { // at least n more blocks
        const uint64_t until = blocks() + n;
        while (blocks() < until) std::this_thread::yield();
    }

private:
    std::function<void()> block_;
    std::atomic<bool> running_{true};
    std::atomic<uint64_t> blocks_{0};
    std::thread thread_;
};

struct Outputs {
    std::vector<float> buf = std::vector<float>(2 * kBlock);
    float* ptrs[2] = {&buf[0], &buf[kBlock]};
};
} // namespace

// HEADROOM_STRESS_SWAPS sets the count (default 10,000; tools/sanitize runs 2,000: a console
// takes a few ms to build, and 10 times that under a sanitizer).
TEST_CASE("10,000 console swaps with the audio thread running: each old console freed once it is let go", "[handoff]") {
    const char* env = std::getenv("HEADROOM_STRESS_SWAPS");
    const int swaps = env ? std::atoi(env) : 10000;
    LiveEngine engine(std::make_unique<Console>(shape(2, 1)));
    engine.prepare(48000.0, kBlock);
    engine.setDemo(true); // inputs are fed: every swap lands on a console doing work
    Outputs out;
    AudioThread audio([&] { engine.process(nullptr, 0, out.ptrs, 2, kBlock, false); });
    int kept = 0;
    for (int i = 0; i < swaps; ++i) {
        // shows of other shapes, as `load` swaps them in
        ConsoleConfig cfg = shape(1 + i % 4, i % 3);
        cfg.blockSize = kBlock; // built for the engine's block, as `load` builds it
        if (!engine.replaceConsole(std::make_unique<Console>(cfg))) ++kept;
        REQUIRE(engine.console().config().channels == 1 + i % 4);
    }
    audio.waitBlocks(2);
    audio.stop();
    REQUIRE(kept == 0);                // every swap was acknowledged within its patience
    REQUIRE(engine.deadWood() == 0);   // and nothing is left to free
    REQUIRE(audio.blocks() > static_cast<uint64_t>(swaps) / 10); // the audio thread ran throughout
}

TEST_CASE("a take loaded again and again while it plays: the rings are reused only once let go", "[handoff]") {
    const std::string dir = freshDir("headroom-handoff-test", "takes");
    // A take of two tracks, 0.2 s, recorded by the recorder itself.
    std::string take;
    {
        Recorder rec;
        RecordOptions o;
        o.folder = dir;
        o.channelCount = 2;
        std::string error;
        REQUIRE(rec.start(o, {{0, "A", false}, {1, "B", false}}, &error));
        const Signal s = sine(440.0, 0.5, kBlock);
        for (int b = 0; b < 150; ++b) {
            rec.capture(0, s.data(), kBlock);
            rec.capture(1, s.data(), kBlock);
        }
        rec.stop();
        take = rec.takePath();
    }
    Player player;
    std::string report, error;
    REQUIRE(player.load(take, 2, {"A", "B"}, 48000.0, &report, &error));
    Outputs out;
    AudioThread audio([&] { player.pull(out.ptrs, 2, kBlock); });
    for (int i = 0; i < 300; ++i) {
        player.play();
        if (i % 3 == 0) player.locate(0.05);
        REQUIRE(player.load(take, 2, {"A", "B"}, 48000.0, &report, &error)); // replaces the one playing
        REQUIRE(player.loaded());
    }
    player.play();
    audio.waitBlocks(50);
    audio.stop();
    REQUIRE(player.unload());
}

TEST_CASE("record start and stop, 200 cycles, with the console running: every take whole and consistent", "[handoff]") {
    const std::string dir = freshDir("headroom-handoff-test", "cycles");
    Console console(shape(2, 1));
    console.prepare(48000.0, kBlock);
    Recorder rec;
    console.setRecorder(&rec);
    std::vector<Signal> in = {sine(100.0, 0.5, kBlock), sine(300.0, 0.5, kBlock)};
    const float* ins[2] = {in[0].data(), in[1].data()};
    Outputs out;
    AudioThread audio([&] { console.process(ins, 2, out.ptrs, 2, kBlock); });
    RecordOptions o;
    o.folder = dir;
    o.channelCount = 2;
    o.ringSeconds = 0.5;
    std::vector<std::string> takes;
    for (int i = 0; i < 200; ++i) {
        std::string error;
        // the tap and the track table change every cycle: each start rebuilds what process() reads
        REQUIRE(rec.start(o, i % 2 ? std::vector<RecordTrack>{{0, "A", false}, {1, "B", true}}
                                   : std::vector<RecordTrack>{{1, "B", false}, {-1, "", false}, {-2, "", false}},
                          &error));
        audio.waitBlocks(4);
        rec.stop();
        takes.push_back(rec.takePath());
    }
    audio.stop();
    console.setRecorder(nullptr);
    for (const std::string& take : takes) {
        INFO(take);
        std::ifstream f(take + "/take.json");
        const auto j = nlohmann::json::parse(f);
        REQUIRE(j["stopped"] == "stop");
        for (const auto& t : j["tracks"]) {
            SF_INFO info{};
            SNDFILE* sf = sf_open((take + "/" + t["file"].get<std::string>()).c_str(), SFM_READ, &info);
            REQUIRE(sf);
            sf_close(sf);
            REQUIRE(info.frames == t["frames"].get<sf_count_t>()); // what take.json says is what the file holds
            REQUIRE(t["frames"].get<int64_t>() > 0);
        }
    }
}

TEST_CASE("scene fades started over each other with the audio thread running: the last one wins, exactly", "[handoff]") {
    Console console(shape(4, 1));
    console.prepare(48000.0, kBlock);
    Outputs out;
    AudioThread audio([&] { console.process(nullptr, 0, out.ptrs, 2, kBlock); });
    ParamStore& s = console.params();
    const ParamId fader = *s.find("/ch/1/fader"), pan = *s.find("/ch/2/pan");
    for (int i = 0; i < 2000; ++i) {
        const float target = -static_cast<float>(i % 40);
        REQUIRE(console.startFade({{fader, target}, {pan, (i % 2) ? 0.5f : -0.5f}}, 0.001 * (i % 5)));
    }
    REQUIRE(console.startFade({{fader, -12.0f}, {pan, 0.25f}}, 0.01));
    for (int i = 0; i < 2000 && (console.fading() || s.get(fader) != -12.0f); ++i) audio.waitBlocks(1);
    audio.stop();
    REQUIRE_FALSE(console.fading());
    REQUIRE(s.get(fader) == -12.0f);
    REQUIRE(s.get(pan) == 0.25f);
}

TEST_CASE("with the stream stopped a fade, a take load and a record start wait for nothing", "[handoff]") {
    // No audio thread: the block counter is even, so no handoff waits (a device that is down
    // never stalls the control thread or the surfaces behind its lock).
    Console console(shape(2, 1));
    console.prepare(48000.0, kBlock);
    const auto t0 = std::chrono::steady_clock::now();
    for (int i = 0; i < 1000; ++i) REQUIRE(console.startFade({{*console.params().find("/ch/1/fader"), -6.0f}}, 1.0));
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    INFO(ms << " ms for 1000 fades handed over with no audio thread");
    REQUIRE(ms < 1000.0); // the old code waited 200 ms for each: 200 s
}
