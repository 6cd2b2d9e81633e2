// Virtual soundcheck: a take recorded through the console plays back through it, offline
// (render of the take folder) and through the real-time player, equal to the live run;
// transport locate and loop; tracks mapped by number with a report.
#include "offline/render.h"
#include "record/player.h"
#include "record/recorder.h"
#include "show/show.h"
#include "support/harness.h"

#include <catch2/catch.hpp>
#include <sndfile.h>

#include <filesystem>
#include <thread>

using namespace hr;
using namespace hr::test;

namespace {
namespace fs = std::filesystem;
constexpr int kBlock = 64;
constexpr int kFrames = 48000;

std::string scratch(const std::string& name) { return hr::test::freshDir("headroom-playback-test", name); }

// A small console with processing on every channel, its show saved, and a take of its
// three inputs recorded while it mixed them live. Returns the live main L.
Signal recordLive(const std::string& dir, std::string* showPath, std::string* take) {
    ConsoleConfig cfg;
    cfg.channels = 3;
    cfg.inputs = 3;
    cfg.outputs = 2;
    cfg.busWidths = {1};
    Console console(cfg);
    setParam(console, "/ch/1/hpf/on", "on");
    setParam(console, "/ch/2/comp/on", "on");
    setParam(console, "/ch/2/comp/threshold", -30.0f);
    setParam(console, "/ch/3/eq/2/gain", 6.0f);
    setParam(console, "/ch/3/gate/on", "on");
    setParam(console, "/ch/1/name", "Kick");
    *showPath = dir + "/show.json";
    std::string error;
    REQUIRE(saveShowFile(*showPath, serializeShow(console, "pb"), &error));
    console.reset();
    Recorder rec;
    RecordOptions o;
    o.folder = dir;
    o.channelCount = 3;
    o.floatFormat = true;
    console.setRecorder(&rec);
    REQUIRE(rec.start(o, {{0, "Kick", false}, {1, "Snare", false}, {2, "Vox", false}}, &error));
    std::vector<Signal> in = {sine(60.0, 0.5, kFrames), square(220.0, 0.3, kFrames), sine(880.0, 0.2, kFrames)};
    for (size_t i = 0; i < kFrames; ++i) in[2][i] *= (i / 4800) % 2 ? 1.0f : 0.01f; // the gate works
    const auto out = runConsole(console, in, kBlock, {1})[0];
    rec.stop();
    console.setRecorder(nullptr);
    *take = rec.takePath();
    return out;
}
} // namespace

TEST_CASE("rendering a take through the console equals the live mix of the same take", "[playback]") {
    const std::string dir = scratch("render");
    std::string show, take;
    const Signal live = recordLive(dir, &show, &take);
    RenderJob job;
    job.showPath = show;
    job.inputPath = take;
    job.mainPath = dir + "/replay.wav";
    job.format = SampleFormat::Float32;
    const RenderResult r = render(job);
    INFO(r.error);
    REQUIRE(r.ok);
    REQUIRE(r.notes.find("ch 1 \"Kick\" <- 1-Kick.wav") != std::string::npos);
    SF_INFO info{};
    SNDFILE* f = sf_open(job.mainPath.c_str(), SFM_READ, &info);
    REQUIRE(f);
    std::vector<float> stereo(static_cast<size_t>(info.frames) * 2);
    sf_readf_float(f, stereo.data(), info.frames);
    sf_close(f);
    REQUIRE(info.frames == kFrames);
    for (size_t i = 0; i < kFrames; ++i) REQUIRE(stereo[i * 2] == live[i]); // bit for bit
}

TEST_CASE("the real-time player feeds playback channels, with locate, loop and stop", "[playback]") {
    const std::string dir = scratch("player");
    std::string show, take;
    const Signal live = recordLive(dir, &show, &take);
    ShowError e;
    auto s = loadShowFile(show, &e);
    REQUIRE(s.has_value());
    Console console(s->config);
    applyShow(*s, console);
    for (int c = 1; c <= 3; ++c) setParam(console, "/ch/" + std::to_string(c) + "/source", "playback");
    console.reset();
    Player player;
    std::string report, error;
    REQUIRE(player.load(take, 3, {"Kick", "Snare", "Vox"}, kRate, &report, &error));
    console.setPlayer(&player);

    // Paced like a device: the disk thread reads ahead while blocks go by.
    auto run = [&](int frames) {
        Signal out;
        std::vector<const float*> none;
        for (int done = 0; done < frames; done += kBlock) {
            console.process(nullptr, 0, nullptr, 0, kBlock);
            out.insert(out.end(), console.signal(1), console.signal(1) + kBlock);
            std::this_thread::sleep_for(std::chrono::microseconds(300));
        }
        return out;
    };
    run(kBlock * 20); // stopped: silence, and the rings fill
    player.play();
    const Signal played = run(kFrames);
    REQUIRE(player.underruns() == 0);
    size_t start = 0;
    while (start < played.size() && played[start] == 0.0f) ++start;
    REQUIRE(start % kBlock == 0); // playback starts on a block
    REQUIRE(start < kBlock * 40);
    // The gate on channel 3 sat closed through the silence before playback (live, it
    // started open), so compare once both have seen the same half second.
    for (size_t i = kFrames / 2; i + start < played.size(); ++i) REQUIRE(played[i + start] == Approx(live[i]).margin(1e-6));

    // Stop feeds silence (the strips' filter tails ring out); locate to 0.5 s starts there.
    player.stop();
    const Signal stopped = run(kBlock * 60);
    REQUIRE(peakAbs(stopped, stopped.size() - kBlock * 10, stopped.size()) < 1e-4);
    player.locate(0.5);
    player.play();
    run(kBlock * 30); // the disk thread parks, the rings empty, it refills from 0.5 s
    REQUIRE(player.position() >= 0.5);
    REQUIRE(player.position() < 0.6);

    // Loop 0.2..0.3 s: after the first pass the position stays inside the loop.
    player.loop(0.2, 0.3);
    run(kFrames / 2);
    REQUIRE(player.position() >= 0.2);
    REQUIRE(player.position() < 0.3);
    REQUIRE(player.underruns() == 0);
    console.setPlayer(nullptr);
}

TEST_CASE("a take with other tracks maps by number and says so", "[playback]") {
    const std::string dir = scratch("mapping");
    Recorder rec;
    RecordOptions o;
    o.folder = dir;
    o.channelCount = 8;
    std::string error;
    REQUIRE(rec.start(o, {{1, "Guitar", false}, {6, "Extra", false}}, &error));
    rec.stop();
    TakeReader reader;
    std::string report;
    REQUIRE(reader.open(rec.takePath(), 3, {"Kick", "Gtr", "Vox"}, &report, &error));
    REQUIRE(report.find("ch 1 \"Kick\": no track (silent in playback)") != std::string::npos);
    REQUIRE(report.find("ch 2 \"Gtr\" <- 2-Guitar.wav (recorded as \"Guitar\")") != std::string::npos);
    REQUIRE(report.find("7-Extra.wav: this console has no channel 7 (ignored)") != std::string::npos);
    REQUIRE_FALSE(reader.open(dir + "/nope", 3, {}, &report, &error));
    REQUIRE(error.find("not a take folder") != std::string::npos);
}
