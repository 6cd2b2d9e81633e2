// The FX slots through the whole console: fed from a bus, returned into main and the buses.
#include "show/scenes.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;
constexpr int kSecond = 48000;

ConsoleConfig fxConsole() {
    ConsoleConfig cfg;
    cfg.channels = 2;
    cfg.inputs = 2;
    cfg.outputs = 2;
    cfg.busWidths = {1, 1, 2};
    cfg.sampleRate = kRate;
    cfg.blockSize = kBlock;
    return cfg;
}

float get(Console& c, const std::string& path) { return c.params().get(*c.params().find(path)); }

// Channel 1 feeds bus 1 pre-fader and nothing else; FX 1 takes bus 1.
void fxFromBus1(Console& console, const char* type) {
    setParam(console, "/ch/1/fader", "-inf");
    setParam(console, "/ch/1/send/1/level", 0.0f);
    setParam(console, "/ch/1/send/1/tap", "pre");
    setParam(console, "/fx/1/in", 1.0f);
    setParam(console, "/fx/1/type", type);
}
} // namespace

TEST_CASE("a delay on an FX return: the first repeat on its sample at main and in a wedge, feedback each time",
          "[console][fx][delay]") {
    Console console(fxConsole());
    fxFromBus1(console, "delay");
    setParam(console, "/fx/1/time", 250.0f); // 12000 samples
    setParam(console, "/fx/1/feedback", 50.0f);
    setParam(console, "/fxret/1/send/2/level", -6.0f); // the delay in wedge 2 too
    console.reset();
    Signal impulse(kSecond, 0.0f), silence(kSecond, 0.0f);
    impulse[1000] = 0.5f;
    const auto out = runConsole(console, {impulse, silence}, 37, {1, 2, console.busSignalChoice(1)});
    const size_t first = 1000 + 12000;
    for (size_t i = 0; i < first; ++i) REQUIRE(out[0][i] == 0.0f);
    REQUIRE(out[0][first] == Approx(0.5f).epsilon(1e-6)); // return at 0 dB, balance centre: full on both sides
    REQUIRE(out[1][first] == Approx(0.5f).epsilon(1e-6));
    REQUIRE(out[0][first + 12000] == Approx(0.25f).epsilon(1e-6));
    REQUIRE(out[0][first + 24000] == Approx(0.125f).epsilon(1e-6));
    REQUIRE(out[2][first] == Approx(0.5f * std::pow(10.0f, -6.0f / 20.0f)).epsilon(1e-5)); // the wedge
    for (size_t i = 0; i < first; ++i) REQUIRE(out[2][i] == 0.0f);

    // Balance hard left: the right side is gone; the return's fader and mute act on main only.
    setParam(console, "/fxret/1/balance", -1.0f);
    setParam(console, "/fxret/1/fader", -10.0f);
    console.reset();
    const auto bal = runConsole(console, {impulse, silence}, kBlock, {1, 2, console.busSignalChoice(1)});
    REQUIRE(bal[0][first] == Approx(0.5f * std::pow(10.0f, -0.5f)).epsilon(1e-5));
    REQUIRE(bal[1][first] == 0.0f);
    REQUIRE(bal[2][first] == Approx(out[2][first]).epsilon(1e-6)); // the wedge's send is pre-fader
    REQUIRE(console.fxReturnMeters(0).out[0].read().peakDb > -30.0f);
}

TEST_CASE("a reverb return rings on across a scene recall, and a type change fades out and back in",
          "[console][fx][reverb]") {
    Console console(fxConsole());
    SceneList list(console);
    fxFromBus1(console, "hall");
    setParam(console, "/fx/1/decay", 3.0f);
    console.reset();
    list.store("verse", "");
    const Signal burst = sine(700.0, 0.3, kSecond / 4);
    Signal tail(kSecond / 2, 0.0f);
    runConsole(console, {burst, Signal(burst.size(), 0.0f)}, kBlock, {1});

    // A recall of the same settings with a different return fader: the tail goes on.
    setParam(console, "/fxret/1/fader", -3.0f);
    std::string why;
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/fxret/1/fader") == 0.0f);
    auto out = runConsole(console, {tail, tail}, kBlock, {1});
    REQUIRE(rmsDb(out[0], 0, 4800) > -40.0);             // still ringing after the recall
    REQUIRE(rmsDb(out[0], 0, 4800) < rmsDb(out[0], 0, 480) + 1.0); // and decaying, not restarted

    // A scene whose scope leaves out fx does not touch the FX; one that includes it does.
    setParam(console, "/fx/1/decay", 1.0f);
    REQUIRE(list.setScope(1, {"fader", "sends"}, &why));
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/fx/1/decay") == 1.0f);
    REQUIRE(list.setScope(1, {"fx"}, &why));
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/fx/1/decay") == 3.0f);

    // Hall to plate while it rings: the return fades out within 10 ms, switches, comes back.
    runConsole(console, {burst, Signal(burst.size(), 0.0f)}, kBlock, {1});
    setParam(console, "/fx/1/type", "plate");
    out = runConsole(console, {burst, Signal(burst.size(), 0.0f)}, kBlock, {1});
    double smallest = 1.0;
    for (size_t i = 440; i < 560; ++i) smallest = std::min(smallest, static_cast<double>(std::fabs(out[0][i])));
    REQUIRE(smallest < 1e-4);                            // silent at the switch (10 ms + a tick)
    REQUIRE(peakAbs(out[0], 0, 200) > 1e-3);             // it had been ringing
    REQUIRE(rmsDb(out[0], out[0].size() / 2, out[0].size()) > -40.0); // the plate rings now
    for (size_t i = 1; i < out[0].size(); ++i) REQUIRE(std::fabs(out[0][i] - out[0][i - 1]) < 0.1);
}

TEST_CASE("taps set the delay's tempo (or its time with no division), from any surface", "[console][fx][delay]") {
    Console console(fxConsole());
    fxFromBus1(console, "delay");
    setParam(console, "/fx/1/division", "1/8");
    const Signal silence(kSecond / 2, 0.0f);
    const ParamId tap = *console.params().find("/fx/1/tap");
    runConsole(console, {silence, silence}, kBlock, {1});
    console.params().set(tap, 1.0f, Source::Midi);
    runConsole(console, {Signal(19200, 0.0f), Signal(19200, 0.0f)}, kBlock, {1}); // 0.4 s later
    console.params().set(tap, 1.0f, Source::Gui);
    runConsole(console, {Signal(kBlock, 0.0f), Signal(kBlock, 0.0f)}, kBlock, {1});
    REQUIRE(get(console, "/fx/1/tempo") == Approx(150.0f).margin(0.5f)); // a block's jitter at most
    REQUIRE(console.params().lastSource(*console.params().find("/fx/1/tempo")) == Source::Engine);

    setParam(console, "/fx/1/division", "off");
    runConsole(console, {Signal(168000, 0.0f), Signal(168000, 0.0f)}, kBlock, {1}); // 3.5 s since: a new count
    console.params().set(tap, 1.0f, Source::Prompt);
    runConsole(console, {Signal(19200, 0.0f), Signal(19200, 0.0f)}, kBlock, {1});
    console.params().set(tap, 1.0f, Source::Prompt);
    runConsole(console, {Signal(kBlock, 0.0f), Signal(kBlock, 0.0f)}, kBlock, {1});
    REQUIRE(get(console, "/fx/1/time") == Approx(400.0f).margin(1.5f));
}
