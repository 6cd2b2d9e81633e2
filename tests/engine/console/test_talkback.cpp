// Talkback and the line-check generator through the whole console, measured at its outputs.
#include "support/harness.h"

#include <catch2/catch.hpp>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;
constexpr int kSecond = 48000;

ConsoleConfig talkConsole() {
    ConsoleConfig cfg;
    cfg.channels = 2;
    cfg.inputs = 2;
    cfg.outputs = 2;
    cfg.busWidths = {1, 1, 2};
    cfg.sampleRate = kRate;
    cfg.blockSize = kBlock;
    return cfg;
}

double settledDb(const Signal& s) { return rmsDb(s, s.size() * 3 / 4, s.size()); }
} // namespace

TEST_CASE("talkback reaches exactly the chosen buses, dims main and the monitor by the set amount", "[console][talk]") {
    Console console(talkConsole());
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1), bus3L = console.busSignalChoice(2);
    const Signal band = sine(220.0, 0.5, kSecond / 2), mic = sine(1000.0, 0.1, kSecond / 2);
    setParam(console, "/ch/2/mute", "on"); // the talkback mic is input 2; its channel is not in the mix
    setParam(console, "/ch/1/send/1/level", "-inf");
    auto before = runConsole(console, {band, mic}, kBlock, {1, 3, bus1, bus2, bus3L});
    REQUIRE(peakAbs(before[3], 0, before[3].size()) == 0.0);

    setParam(console, "/talk/input", 2.0f);
    setParam(console, "/talk/level", -6.0f);
    setParam(console, "/talk/bus/2", "on");
    setParam(console, "/talk/bus/3", "on");
    setParam(console, "/talk/dim", -20.0f);
    auto out = runConsole(console, {band, mic}, kBlock, {1, 3, bus1, bus2, bus3L});
    REQUIRE(peakAbs(out[3], 0, out[3].size()) == 0.0); // routed but not on: nothing yet
    REQUIRE(settledDb(out[0]) == Approx(settledDb(before[0])).margin(0.001));

    setParam(console, "/talk/on", "on");
    out = runConsole(console, {band, mic}, kBlock, {1, 3, bus1, bus2, bus3L});
    REQUIRE(settledDb(out[3]) == Approx(settledDb(mic) - 6.0).margin(0.01)); // bus 2: the mic at -6 dB
    REQUIRE(settledDb(out[4]) == Approx(settledDb(mic) - 6.0).margin(0.01)); // stereo bus 3, both sides
    REQUIRE(peakAbs(out[2], 0, out[2].size()) == 0.0);                      // bus 1 was not chosen
    REQUIRE(settledDb(out[0]) - settledDb(before[0]) == Approx(-20.0).margin(0.01)); // main dimmed
    REQUIRE(settledDb(out[1]) - settledDb(before[1]) == Approx(-20.0).margin(0.01)); // and the monitor
    // The dim glides, as a fader does: no step anywhere near the 0.32 a cut would make.
    REQUIRE(maxStep(out[0], 0, 4800) < 0.5 * 2.0 * M_PI * 220.0 / kRate * 1.2);

    // Talk to main: the engineer is heard over the dimmed band.
    setParam(console, "/talk/main", "on");
    setParam(console, "/ch/1/mute", "on");
    out = runConsole(console, {band, mic}, kBlock, {1});
    REQUIRE(settledDb(out[0]) == Approx(settledDb(mic) - 6.0).margin(0.01));

    // Released: the dim lifts and the buses carry nothing.
    setParam(console, "/ch/1/mute", "off");
    setParam(console, "/talk/on", "off");
    out = runConsole(console, {band, mic}, kBlock, {1, bus2});
    REQUIRE(settledDb(out[0]) == Approx(settledDb(before[0])).margin(0.01));
    REQUIRE(peakAbs(out[1], out[1].size() / 2, out[1].size()) == 0.0);
}

TEST_CASE("the generator: sine, pink and white at their level on the chosen buses and main", "[console][talk]") {
    Console console(talkConsole());
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1);
    const Signal silence(kSecond, 0.0f);
    setParam(console, "/gen/level", -18.0f);
    setParam(console, "/gen/bus/1", "on");
    auto out = runConsole(console, {silence, silence}, kBlock, {1, bus1, bus2});
    REQUIRE(settledDb(out[1]) == Approx(-18.0 - 3.0103).margin(0.01)); // a sine's RMS, at its peak level
    REQUIRE(peakAbs(out[1], out[1].size() / 2, out[1].size()) == Approx(std::pow(10.0, -18.0 / 20.0)).epsilon(1e-3));
    REQUIRE(peakAbs(out[0], 0, out[0].size()) == 0.0);
    REQUIRE(peakAbs(out[2], 0, out[2].size()) == 0.0);
    // 1 kHz: 48 samples a cycle, so every zero crossing is 24 samples after the last.
    std::vector<size_t> rising;
    for (size_t i = out[1].size() / 2; i + 1 < out[1].size(); ++i)
        if (out[1][i] <= 0.0f && out[1][i + 1] > 0.0f) rising.push_back(i);
    REQUIRE(rising.size() > 10);
    REQUIRE(rising[10] - rising[0] == 480);

    setParam(console, "/gen/type", "pink");
    setParam(console, "/gen/main", "on");
    out = runConsole(console, {silence, silence}, kBlock, {1, bus1});
    REQUIRE(settledDb(out[1]) == Approx(-21.0).margin(0.3)); // noise: the sine's RMS at the same level
    REQUIRE(settledDb(out[0]) == Approx(settledDb(out[1])).margin(0.01)); // into main's sum, both sides, as into the bus
    setParam(console, "/gen/type", "white");
    out = runConsole(console, {silence, silence}, kBlock, {bus1});
    REQUIRE(settledDb(out[0]) == Approx(-21.0).margin(0.3));
    setParam(console, "/gen/level", "-inf");
    out = runConsole(console, {silence, silence}, kBlock, {bus1});
    REQUIRE(peakAbs(out[0], out[0].size() / 2, out[0].size()) == 0.0);
}
