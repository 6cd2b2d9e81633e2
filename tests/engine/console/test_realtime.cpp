// The audio thread's rule: process() never allocates, with every feature on, while
// parameters move, solo is on and the console runs odd block sizes.
#include "offline/bench.h"
#include "record/recorder.h"
#include "support/alloc_counter.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace hr;
using namespace hr::test;

TEST_CASE("process() allocates nothing with every feature on, a fade running and a take recording", "[console][realtime]") {
    ConsoleConfig cfg;
    cfg.channels = 20; // two full banks and a partial one
    cfg.inputs = 20;
    cfg.outputs = 12;
    cfg.busWidths = {1, 2, 1, 2};
    cfg.blockSize = 128;
    Console console(cfg);
    enableEveryFeature(console);
    enableFxAndGroups(console); // 4 FX, DCAs, matrices, talkback and the generator running
    setParam(console, "/mgrp/1/mute", "on");
    setParam(console, "/ch/11/mgrp/1", "on");
    setParam(console, "/fx/4/pingpong", "on");
    setParam(console, "/fx/4/division", "1/8");
    setParam(console, "/ch/3/solo", "on");
    setParam(console, "/ch/4/order", "comp-eq");
    setParam(console, "/ch/5/source", "sine");
    setParam(console, "/ch/6/source", "pink");
    setParam(console, "/ch/7/send/2/tap", "pre-eq");
    setParam(console, "/bus/2/delay", 3.0f);

    std::vector<Signal> in;
    for (int c = 0; c < cfg.inputs; ++c) in.push_back(sine(100.0 + 37.0 * c, 0.3, 4096));
    std::vector<const float*> inPtrs;
    for (auto& s : in) inPtrs.push_back(s.data());
    std::vector<Signal> out(static_cast<size_t>(cfg.outputs), Signal(4096));
    std::vector<float*> outPtrs;
    for (auto& s : out) outPtrs.push_back(s.data());
    ParamStore& params = console.params();
    const ParamId fader = *params.find("/ch/2/fader");
    const ParamId eqGain = *params.find("/ch/9/eq/2/gain");
    const ParamId mute = *params.find("/ch/10/mute");
    const ParamId fxType = *params.find("/fx/1/type");
    const ParamId fxTap = *params.find("/fx/4/tap");
    const ParamId dca = *params.find("/dca/2/fader");

    // A scene fade running and a take recording while the blocks go by.
    std::vector<Console::FadeTarget> fades;
    for (int c = 0; c < cfg.channels; ++c) fades.push_back({console.tree().channels[static_cast<size_t>(c)].fader, -20.0f});
    console.startFade(fades, 0.01);
    Recorder recorder;
    RecordOptions options;
    options.folder = (std::filesystem::temp_directory_path() / "headroom-realtime-take").string();
    options.channelCount = cfg.channels;
    std::string error;
    console.setRecorder(&recorder);
    REQUIRE(recorder.start(options, {{0, "a", false}, {5, "b", true}, {-1, "Main L", false}, {-2, "Main R", false}}, &error));

    size_t allocations = 0;
    {
        AllocationScope scope;
        int done = 0;
        for (int block : {64, 128, 37, 1, 500, 64, 64, 100}) {
            // Parameter writes from this thread too: set() is lock-free and allocation-free.
            params.set(fader, -static_cast<float>(done % 40), Source::Engine);
            params.set(eqGain, static_cast<float>(done % 12), Source::Engine);
            params.set(mute, static_cast<float>((done / 64) % 2), Source::Engine);
            // An FX type change (fade out, switch, fade in), a tap and a DCA move, in the counted blocks.
            params.set(fxType, static_cast<float>(1 + (done / 64) % 4), Source::Engine);
            params.set(fxTap, 1.0f, Source::Prompt);
            params.set(dca, -static_cast<float>(done % 30), Source::Engine);
            console.process(inPtrs.data(), cfg.inputs, outPtrs.data(), cfg.outputs, block);
            done += block;
        }
        allocations = scope.count();
    }
    REQUIRE(allocations == 0);
    REQUIRE_FALSE(console.fading()); // the fade ran inside the counted blocks
    recorder.stop();
    console.setRecorder(nullptr);
    REQUIRE(recorder.status()[0].written > 0);
    std::filesystem::remove_all(options.folder);

    // The counter counts: a vector on this thread is seen.
    AllocationScope probe;
    std::vector<int>* volatile seen = new std::vector<int>(10); // through a volatile: the compiler may not elide it
    delete seen;
    REQUIRE(probe.count() > 0);
}
