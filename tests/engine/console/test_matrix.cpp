// Matrix outputs: a mix of main and the buses, through the matrix's own delay, EQ, limiter and fader.
#include "support/harness.h"

#include <catch2/catch.hpp>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;
constexpr int kSecond = 48000;

ConsoleConfig matrixConsole() {
    ConsoleConfig cfg;
    cfg.channels = 2;
    cfg.inputs = 2;
    cfg.outputs = 6;
    cfg.busWidths = {1, 2};
    cfg.matrixWidths = {1, 2, 1, 1, 1, 1, 1, 1};
    cfg.sampleRate = kRate;
    cfg.blockSize = kBlock;
    return cfg;
}

Signal noise(int frames, uint32_t seed) {
    Signal s(static_cast<size_t>(frames));
    for (float& x : s) {
        seed = seed * 1664525u + 1013904223u;
        x = static_cast<float>(static_cast<int32_t>(seed)) / 2147483648.0f * 0.25f;
    }
    return s;
}
} // namespace

TEST_CASE("a matrix output equals its mix of main and the buses, through its delay to the sample", "[console][matrix]") {
    Console console(matrixConsole());
    const Signal a = noise(kSecond / 2, 1), b = noise(kSecond / 2, 2);
    setParam(console, "/ch/1/pan", -0.4f);
    setParam(console, "/ch/2/pan", 0.7f);
    setParam(console, "/ch/1/send/1/level", -3.0f);  // mono bus 1
    setParam(console, "/ch/2/send/2/level", -1.0f);  // stereo bus 2
    setParam(console, "/ch/2/send/2/pan", -0.5f);
    setParam(console, "/mtx/1/src/main", -6.0f);     // mono matrix: main as (L + R) / 2
    setParam(console, "/mtx/1/src/bus/1", -2.0f);
    setParam(console, "/mtx/1/delay", 10.0f);        // 480 samples
    setParam(console, "/mtx/2/src/bus/2", 0.0f);     // stereo matrix: bus 2 side for side
    setParam(console, "/mtx/2/src/bus/1", -10.0f);   // and mono bus 1 on both sides
    setParam(console, "/mtx/2/fader", -4.0f);
    console.reset(); // every level settled from the first sample
    const int m1 = console.matrixSignalChoice(0), m2 = console.matrixSignalChoice(1);
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1);
    const auto out = runConsole(console, {a, b}, 37, {1, 2, bus1, bus2, bus2 + 1, m1, m2, m2 + 1});
    const double gMain = std::pow(10.0, -6.0 / 20.0), gBus1 = std::pow(10.0, -2.0 / 20.0);
    size_t checked = 0;
    for (size_t i = 0; i < out[0].size(); ++i) {
        const double in1 = i >= 480 ? gMain * 0.5 * (out[0][i - 480] + out[1][i - 480]) + gBus1 * out[2][i - 480] : 0.0;
        REQUIRE(out[5][i] == Approx(in1).margin(1e-6));
        const double fader = std::pow(10.0, -4.0 / 20.0), g1 = std::pow(10.0, -10.0 / 20.0);
        REQUIRE(out[6][i] == Approx(fader * (out[3][i] + g1 * out[2][i])).margin(1e-6));
        REQUIRE(out[7][i] == Approx(fader * (out[4][i] + g1 * out[2][i])).margin(1e-6));
        ++checked;
    }
    REQUIRE(checked == out[0].size());
    REQUIRE(peakAbs(out[5], 1000, out[5].size()) > 0.01); // it carried something

    // The other matrices carry nothing, and one can be patched to an output by name.
    REQUIRE(peakAbs(runConsole(console, {a, b}, kBlock, {console.matrixSignalChoice(2)})[0], 0, a.size()) == 0.0);
    setParam(console, "/out/3/source", "mtx1");
    setParam(console, "/out/4/source", "mtx2.R");
    std::vector<Signal> hw(6, Signal(a.size(), 0.0f));
    Signal want1(a.size()), want2(a.size());
    for (size_t done = 0; done < a.size(); done += kBlock) {
        const float* in[2] = {a.data() + done, b.data() + done};
        float* o[6];
        for (size_t k = 0; k < 6; ++k) o[k] = hw[k].data() + done;
        console.process(in, 2, o, 6, kBlock);
        std::copy(console.signal(m1), console.signal(m1) + kBlock, want1.begin() + static_cast<long>(done));
        std::copy(console.signal(m2 + 1), console.signal(m2 + 1) + kBlock, want2.begin() + static_cast<long>(done));
    }
    REQUIRE(hw[2] == want1);
    REQUIRE(hw[3] == want2);
    REQUIRE(peakAbs(hw[2], 0, hw[2].size()) > 0.01);
}

TEST_CASE("a matrix's limiter holds its output near the threshold, its mute silences it", "[console][matrix]") {
    Console console(matrixConsole());
    const Signal loud = sine(500.0, 0.9, kSecond);
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/mtx/3/src/main", 0.0f);
    setParam(console, "/mtx/3/limit/on", "on");
    setParam(console, "/mtx/3/limit/threshold", -12.0f);
    const int m3 = console.matrixSignalChoice(2);
    auto out = runConsole(console, {loud, Signal(loud.size(), 0.0f)}, kBlock, {m3});
    // 0.9 peak on main L, (L + R) / 2 into a mono matrix: -6.9 dBFS in; held to -12 dBFS (+0.5 dB).
    REQUIRE(20.0 * std::log10(peakAbs(out[0], out[0].size() / 2, out[0].size())) < -11.5);
    REQUIRE(20.0 * std::log10(peakAbs(out[0], out[0].size() / 2, out[0].size())) > -13.0);
    REQUIRE(console.matrixMeters(2).comp.readDb() > 4.0f);
    setParam(console, "/mtx/3/mute", "on");
    out = runConsole(console, {loud, Signal(loud.size(), 0.0f)}, kBlock, {m3});
    REQUIRE(std::fabs(out[0].back()) < 1e-6f);
}
