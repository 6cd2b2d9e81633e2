// The channel strip through the whole console: each stage measured at the main or bus
// outputs against its analytic answer.
#include "dsp/biquad.h"
#include "dsp/dynamics.h"
#include "dsp/lanes.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;
constexpr int kSecond = 48000;
constexpr double kCentreDb = -3.0103; // constant-power pan at centre

ConsoleConfig smallConsole(int channels, std::vector<int> buses = {1, 1}) {
    ConsoleConfig cfg;
    cfg.channels = channels;
    cfg.inputs = channels;
    cfg.outputs = 2;
    cfg.busWidths = std::move(buses);
    cfg.sampleRate = kRate;
    cfg.blockSize = kBlock;
    return cfg;
}

// Steady-state level (dB RMS) of a signal over its last quarter.
double settledDb(const Signal& s) { return rmsDb(s, s.size() * 3 / 4, s.size()); }
} // namespace

TEST_CASE("trim, fader and the constant-power pan law reach main at the expected level", "[console]") {
    Console console(smallConsole(1));
    const Signal in = sine(1000.0, 0.1, kSecond / 2); // -20 dBFS peak, -23.01 dB RMS
    const double inDb = settledDb(in);

    auto out = runConsole(console, {in}, kBlock, {1, 2});
    REQUIRE(settledDb(out[0]) == Approx(inDb + kCentreDb).margin(0.01));
    REQUIRE(settledDb(out[1]) == Approx(inDb + kCentreDb).margin(0.01));

    setParam(console, "/ch/1/trim", 6.0f);
    setParam(console, "/ch/1/fader", -10.0f);
    setParam(console, "/ch/1/pan", -1.0f); // hard left: L unity, R silent
    out = runConsole(console, {in}, kBlock, {1, 2});
    REQUIRE(settledDb(out[0]) == Approx(inDb + 6.0 - 10.0).margin(0.01));
    REQUIRE(peakAbs(out[1], out[1].size() / 2, out[1].size()) < 1e-6);

    setParam(console, "/ch/1/pan", 0.5f); // theta = 3pi/8: L = cos, R = sin
    out = runConsole(console, {in}, kBlock, {1, 2});
    REQUIRE(settledDb(out[0]) == Approx(inDb - 4.0 + 20.0 * std::log10(std::cos(3.0 * M_PI / 8.0))).margin(0.01));
    REQUIRE(settledDb(out[1]) == Approx(inDb - 4.0 + 20.0 * std::log10(std::sin(3.0 * M_PI / 8.0))).margin(0.01));

    setParam(console, "/ch/1/polarity", "on");
    out = runConsole(console, {constant(0.25f, kSecond / 4)}, kBlock, {1});
    REQUIRE(out[0].back() < 0.0f);
}

TEST_CASE("a fader jump and a mute glide: no step larger than the ramp allows", "[console][smoothing]") {
    Console console(smallConsole(1));
    const Signal dc = constant(0.5f, kSecond / 10);
    auto out = runConsole(console, {dc}, kBlock, {1});
    const float settled = out[0].back();
    REQUIRE(settled == Approx(0.5 * std::pow(10.0, kCentreDb / 20.0)).epsilon(1e-4));

    // A 10 ms one-pole, advanced every tick and linear between: the steepest step of a
    // full jump is k/kTick of it, k = 1 - exp(-kTick / 480).
    const double k = 1.0 - std::exp(-dsp::kTick / (0.010 * kRate));
    const double allowed = settled * k / dsp::kTick * 1.01;
    setParam(console, "/ch/1/fader", "-inf");
    out = runConsole(console, {dc}, kBlock, {1});
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= allowed);
    REQUIRE(maxStep(out[0], 0, out[0].size()) > allowed * 0.5); // it did move at full speed
    REQUIRE(std::fabs(out[0].back()) < 1e-6f);                 // and reached silence

    setParam(console, "/ch/1/fader", 0.0f);
    setParam(console, "/ch/1/mute", "on");
    out = runConsole(console, {dc}, kBlock, {1});
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= allowed);
    REQUIRE(std::fabs(out[0].back()) < 1e-6f);
    setParam(console, "/ch/1/mute", "off");
    out = runConsole(console, {dc}, kBlock, {1});
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= allowed);
    REQUIRE(out[0].back() == Approx(settled).epsilon(1e-4));
}

TEST_CASE("channel delay is exact to the sample", "[console][delay]") {
    Console console(smallConsole(1));
    setParam(console, "/ch/1/delay", 10.0f); // 480 samples at 48 kHz
    setParam(console, "/ch/1/pan", -1.0f);
    Signal impulse(4096, 0.0f);
    impulse[100] = 1.0f;
    console.reset(); // start settled at the new pan
    const auto out = runConsole(console, {impulse}, 37, {1});
    size_t at = 0;
    for (size_t i = 0; i < out[0].size(); ++i)
        if (std::fabs(out[0][i]) > 0.5f) at = i;
    REQUIRE(at == 100 + 480);
    REQUIRE(out[0][580] == Approx(1.0f).epsilon(1e-6));
}

TEST_CASE("pre-fader sends ignore the fader, post-fader sends follow it, mute silences both", "[console][sends]") {
    Console console(smallConsole(1));
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1);
    const Signal in = sine(440.0, 0.2, kSecond / 2);
    const double inDb = settledDb(in);
    setParam(console, "/ch/1/send/1/level", -6.0f);
    setParam(console, "/ch/1/send/1/tap", "pre");
    setParam(console, "/ch/1/send/2/level", -6.0f);
    setParam(console, "/ch/1/send/2/tap", "post");
    setParam(console, "/ch/1/fader", -12.0f);
    auto out = runConsole(console, {in}, kBlock, {bus1, bus2});
    REQUIRE(settledDb(out[0]) == Approx(inDb - 6.0).margin(0.01));
    REQUIRE(settledDb(out[1]) == Approx(inDb - 18.0).margin(0.01));

    setParam(console, "/ch/1/fader", "-inf");
    out = runConsole(console, {in}, kBlock, {bus1, bus2});
    REQUIRE(settledDb(out[0]) == Approx(inDb - 6.0).margin(0.01));
    REQUIRE(peakAbs(out[1], out[1].size() / 2, out[1].size()) < 1e-6);

    setParam(console, "/ch/1/fader", 0.0f);
    setParam(console, "/ch/1/mute", "on");
    out = runConsole(console, {in}, kBlock, {bus1, bus2});
    REQUIRE(peakAbs(out[0], out[0].size() / 2, out[0].size()) < 1e-6);
    REQUIRE(peakAbs(out[1], out[1].size() / 2, out[1].size()) < 1e-6);

    setParam(console, "/ch/1/mute", "off");
    setParam(console, "/ch/1/send/1/on", "off");
    out = runConsole(console, {in}, kBlock, {bus1});
    REQUIRE(peakAbs(out[0], out[0].size() / 2, out[0].size()) < 1e-6);
}

TEST_CASE("the pre-EQ tap is taken before the EQ, the pre-fader tap after it", "[console][sends]") {
    Console console(smallConsole(1));
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1);
    const Signal in = sine(1000.0, 0.1, kSecond / 2);
    const double inDb = settledDb(in);
    setParam(console, "/ch/1/eq/2/freq", 1000.0f);
    setParam(console, "/ch/1/eq/2/gain", 12.0f);
    setParam(console, "/ch/1/send/1/level", 0.0f);
    setParam(console, "/ch/1/send/1/tap", "pre-eq");
    setParam(console, "/ch/1/send/2/level", 0.0f);
    setParam(console, "/ch/1/send/2/tap", "pre");
    const auto out = runConsole(console, {in}, kBlock, {bus1, bus2});
    REQUIRE(settledDb(out[0]) == Approx(inDb).margin(0.01));
    REQUIRE(settledDb(out[1]) == Approx(inDb + 12.0).margin(0.1));
}

TEST_CASE("a bus equals the sum of its sends", "[console][sends]") {
    Console console(smallConsole(3, {1, 2}));
    const int mono = console.busSignalChoice(0), left = console.busSignalChoice(1);
    std::vector<Signal> in = {sine(300.0, 0.1, 9600), sine(700.0, 0.2, 9600), sine(1900.0, 0.05, 9600)};
    const float levels[3] = {-3.0f, -9.0f, 0.0f};
    const float pans[3] = {-0.5f, 0.0f, 1.0f};
    for (int c = 0; c < 3; ++c) {
        const std::string p = "/ch/" + std::to_string(c + 1);
        setParam(console, p + "/send/1/level", levels[c]);
        setParam(console, p + "/send/2/level", levels[c]);
        setParam(console, p + "/send/2/pan", pans[c]);
        setParam(console, p + "/send/1/tap", c == 1 ? "pre" : "post");
    }
    const auto out = runConsole(console, in, kBlock, {mono, left, left + 1});
    for (size_t i = 4800; i < 9600; ++i) {
        double m = 0.0, l = 0.0, r = 0.0;
        for (int c = 0; c < 3; ++c) {
            const double g = std::pow(10.0, levels[c] / 20.0);
            const double theta = (pans[c] + 1.0) * M_PI / 4.0;
            m += in[static_cast<size_t>(c)][i] * g;
            l += in[static_cast<size_t>(c)][i] * g * std::cos(theta);
            r += in[static_cast<size_t>(c)][i] * g * std::sin(theta);
        }
        REQUIRE(out[0][i] == Approx(m).margin(1e-5));
        REQUIRE(out[1][i] == Approx(l).margin(1e-5));
        REQUIRE(out[2][i] == Approx(r).margin(1e-5));
    }
}

TEST_CASE("the compressor's static curve holds within 0.2 dB, knee included", "[console][comp]") {
    const float thresholdDb = -20.0f, ratio = 4.0f, kneeDb = 10.0f;
    for (float levelDb : {-40.0f, -27.0f, -23.0f, -20.0f, -17.0f, -12.0f, -6.0f, 0.0f}) {
        Console console(smallConsole(1));
        setParam(console, "/ch/1/pan", -1.0f);
        setParam(console, "/ch/1/comp/on", "on");
        setParam(console, "/ch/1/comp/threshold", thresholdDb);
        setParam(console, "/ch/1/comp/ratio", ratio);
        setParam(console, "/ch/1/comp/knee", kneeDb);
        // A square wave keeps |x| constant, so the detector sees one steady level.
        const Signal in = square(100.0, std::pow(10.0, levelDb / 20.0), kSecond);
        const auto out = runConsole(console, {in}, kBlock, {1});
        const double gainDb = settledDb(out[0]) - settledDb(in);
        const double expected = dsp::compressorCurveDb(levelDb, thresholdDb, ratio, kneeDb) - levelDb;
        INFO("input " << levelDb << " dBFS");
        REQUIRE(gainDb == Approx(expected).margin(0.2));
    }
}

TEST_CASE("the gate closes by its range below threshold and opens above", "[console][gate]") {
    Console console(smallConsole(1));
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/1/gate/on", "on");
    setParam(console, "/ch/1/gate/threshold", -40.0f);
    setParam(console, "/ch/1/gate/range", 30.0f);
    setParam(console, "/ch/1/gate/release", 50.0f); // one-pole in dB: settled well inside a second
    Signal quiet = square(200.0, std::pow(10.0, -50.0 / 20.0), kSecond);
    auto out = runConsole(console, {quiet}, kBlock, {1});
    REQUIRE(settledDb(out[0]) - settledDb(quiet) == Approx(-30.0).margin(0.05));

    Signal loud = square(200.0, std::pow(10.0, -30.0 / 20.0), kSecond);
    out = runConsole(console, {loud}, kBlock, {1});
    REQUIRE(settledDb(out[0]) - settledDb(loud) == Approx(0.0).margin(0.05));

    setParam(console, "/ch/1/gate/mode", "expander");
    setParam(console, "/ch/1/gate/ratio", 2.0f);
    out = runConsole(console, {quiet}, kBlock, {1}); // 10 dB under: expands by 10 dB more
    REQUIRE(settledDb(out[0]) - settledDb(quiet) == Approx(-10.0).margin(0.1));
}

TEST_CASE("an EQ band and the HPF in the strip give their designed response", "[console][eq]") {
    for (float freqHz : {100.0f, 1000.0f, 8000.0f}) {
        Console console(smallConsole(1));
        setParam(console, "/ch/1/pan", -1.0f);
        setParam(console, "/ch/1/eq/2/freq", freqHz);
        setParam(console, "/ch/1/eq/2/gain", 9.0f);
        setParam(console, "/ch/1/eq/2/q", 2.0f);
        for (double f : {freqHz / 2.0, double(freqHz), freqHz * 2.0}) {
            const Signal in = sine(f, 0.05, kSecond / 2);
            const auto out = runConsole(console, {in}, kBlock, {1});
            INFO("band at " << freqHz << " Hz, measured at " << f << " Hz");
            REQUIRE(settledDb(out[0]) - settledDb(in) ==
                    Approx(dsp::analogEqDb(dsp::EqType::Peak, freqHz, 9.0, 2.0, f)).margin(0.1));
        }
    }
    Console console(smallConsole(1));
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/1/hpf/on", "on");
    setParam(console, "/ch/1/hpf/freq", 100.0f);
    const Signal at = sine(100.0, 0.1, kSecond);
    auto out = runConsole(console, {at}, kBlock, {1});
    REQUIRE(settledDb(out[0]) - settledDb(at) == Approx(-3.01).margin(0.05));
    setParam(console, "/ch/1/hpf/slope", "24");
    out = runConsole(console, {at}, kBlock, {1});
    REQUIRE(settledDb(out[0]) - settledDb(at) == Approx(-3.01).margin(0.05));
    const Signal below = sine(25.0, 0.1, kSecond);
    out = runConsole(console, {below}, kBlock, {1});
    REQUIRE(settledDb(out[0]) - settledDb(below) == Approx(-48.2).margin(0.5)); // 2 octaves at 24 dB/oct
}

TEST_CASE("solo replaces the monitor pair and never changes main or the buses", "[console][solo]") {
    Console console(smallConsole(2));
    const Signal a = sine(500.0, 0.1, kSecond / 2), b = sine(900.0, 0.1, kSecond / 2);
    setParam(console, "/ch/1/send/1/level", 0.0f);
    const int bus1 = console.busSignalChoice(0);
    const auto before = runConsole(console, {a, b}, kBlock, {1, 2, bus1, 3});
    REQUIRE(settledDb(before[3]) == Approx(settledDb(before[0])).margin(0.01)); // monitor = main

    setParam(console, "/ch/2/solo", "on");
    setParam(console, "/ch/2/fader", "-inf");
    setParam(console, "/ch/2/mute", "on");
    const auto after = runConsole(console, {a, b}, kBlock, {1, bus1, 3});
    REQUIRE(settledDb(after[0]) == Approx(settledDb(a) + kCentreDb).margin(0.01)); // main: channel 1 only
    REQUIRE(settledDb(after[1]) == Approx(settledDb(a)).margin(0.01));              // bus untouched
    REQUIRE(settledDb(after[2]) == Approx(settledDb(b)).margin(0.01)); // PFL hears the muted channel
}

TEST_CASE("a bus solo puts the mix on the monitor: PFL before its fader and mute, AFL as it leaves", "[console][solo]") {
    Console console(smallConsole(1, {2, 1})); // bus 1 stereo (an IEM), bus 2 mono
    const Signal a = sine(500.0, 0.1, kSecond / 2);
    setParam(console, "/ch/1/fader", "-inf"); // main silent: the monitor can only hear the bus
    setParam(console, "/ch/1/send/1/level", 0.0f);
    setParam(console, "/ch/1/send/1/tap", "pre");
    setParam(console, "/ch/1/send/1/pan", -1.0f); // hard left in the IEM
    setParam(console, "/bus/1/fader", -10.0f);
    setParam(console, "/bus/1/solo", "on");
    auto out = runConsole(console, {a}, kBlock, {3, 4});
    REQUIRE(settledDb(out[0]) == Approx(settledDb(a)).margin(0.05)); // PFL: before the bus fader
    REQUIRE(settledDb(out[1]) < -100.0);                             // its right side: nothing panned there
    setParam(console, "/bus/1/mute", "on");
    out = runConsole(console, {a}, kBlock, {3});
    REQUIRE(settledDb(out[0]) == Approx(settledDb(a)).margin(0.05)); // PFL hears a muted mix
    setParam(console, "/monitor/mode", "afl");
    out = runConsole(console, {a}, kBlock, {3});
    REQUIRE(settledDb(out[0]) < -100.0); // AFL: the muted mix is silent
    setParam(console, "/bus/1/mute", "off");
    out = runConsole(console, {a}, kBlock, {3, 4});
    REQUIRE(settledDb(out[0]) == Approx(settledDb(a) - 10.0).margin(0.05)); // after the fader
    setParam(console, "/bus/1/solo", "off");
    out = runConsole(console, {a}, kBlock, {3});
    REQUIRE(settledDb(out[0]) < -100.0); // no solo: the monitor is main again, silent here
}

TEST_CASE("output does not depend on the block size", "[console][determinism]") {
    auto render = [](int block) {
        Console console(smallConsole(4));
        for (int c = 1; c <= 4; ++c) {
            const std::string p = "/ch/" + std::to_string(c);
            setParam(console, p + "/hpf/on", "on");
            setParam(console, p + "/gate/on", "on");
            setParam(console, p + "/comp/on", "on");
            setParam(console, p + "/eq/3/gain", 6.0f);
            setParam(console, p + "/send/1/level", -3.0f);
        }
        setParam(console, "/bus/1/comp/on", "on");
        std::vector<Signal> in;
        for (int c = 0; c < 4; ++c) in.push_back(sine(100.0 * (c + 1), 0.3, 20000));
        return runConsole(console, in, block, {1, 2, console.busSignalChoice(0)});
    };
    const auto a = render(64), b = render(37), c = render(5);
    REQUIRE(a == b);
    REQUIRE(a == c);
}

TEST_CASE("meters read peak, hold, RMS and latch the clip light", "[console][meters]") {
    Console console(smallConsole(1));
    const Signal in = sine(1000.0, 0.1, 3 * kSecond); // -20 dBFS peak, -23.0 dBFS RMS (300 ms settles)
    runConsole(console, {in}, kBlock, {1});
    const MeterValue m = console.channelMeters(0).in.read();
    REQUIRE(m.peakDb == Approx(-20.0).margin(0.05));
    REQUIRE(m.holdDb == Approx(-20.0).margin(0.05));
    REQUIRE(m.rmsDb == Approx(-23.01).margin(0.1));
    REQUIRE_FALSE(m.clip);
    // Post-fader meter follows fader and pan is not in it: -6 dB fader reads 6 dB lower.
    setParam(console, "/ch/1/fader", -6.0f);
    runConsole(console, {in}, kBlock, {1});
    REQUIRE(console.channelMeters(0).out.read().peakDb == Approx(-26.0).margin(0.05));
    REQUIRE(console.mainMeters().out[0].read().peakDb == Approx(-29.0).margin(0.1)); // -3 dB pan law

    // Silence: the peak falls at 20 dB per 1.7 s, the hold stays 2 s, the clip latches.
    runConsole(console, {constant(1.0f, kBlock)}, kBlock, {1});
    REQUIRE(console.channelMeters(0).in.read().clip);
    runConsole(console, {constant(0.0f, kSecond)}, kBlock, {1});
    const MeterValue after = console.channelMeters(0).in.read();
    REQUIRE(after.peakDb == Approx(-20.0 / 1.7).margin(0.2)); // fell from 0 dBFS for one second
    REQUIRE(after.holdDb == Approx(0.0).margin(0.01));
    REQUIRE(after.clip);
    console.clearClips();
    REQUIRE_FALSE(console.channelMeters(0).in.read().clip);
}

TEST_CASE("clear clips clears every latch: strips, bus and main inputs and outputs, monitor", "[console][meters]") {
    Console console(smallConsole(1));
    // A full-scale input at +10 dB drives every stage past 0 dBFS: the bus and main sums
    // (their "in" meters) as well as what leaves them.
    setParam(console, "/ch/1/fader", 10.0f);
    setParam(console, "/ch/1/send/1/level", 10.0f);
    setParam(console, "/ch/1/send/1/on", "on");
    setParam(console, "/bus/1/fader", 10.0f);
    setParam(console, "/main/fader", 10.0f);
    runConsole(console, {constant(1.0f, 4800)}, kBlock, {1});
    auto latched = [&console] {
        std::vector<std::string> on;
        if (console.channelMeters(0).in.read().clip) on.push_back("ch in");
        if (console.channelMeters(0).out.read().clip) on.push_back("ch out");
        if (console.busMeters(0).in[0].read().clip) on.push_back("bus in");
        if (console.busMeters(0).out[0].read().clip) on.push_back("bus out");
        for (int s = 0; s < 2; ++s) {
            if (console.mainMeters().in[s].read().clip) on.push_back("main in " + std::to_string(s));
            if (console.mainMeters().out[s].read().clip) on.push_back("main out " + std::to_string(s));
        }
        return on;
    };
    REQUIRE(latched().size() == 8);
    console.clearClips();
    REQUIRE(latched().empty());
}

TEST_CASE("a linked pair's compressors act together on the louder side", "[console][comp]") {
    Console console(smallConsole(2));
    for (const char* ch : {"/ch/1", "/ch/2"}) {
        setParam(console, std::string(ch) + "/comp/on", "on");
        setParam(console, std::string(ch) + "/comp/threshold", -30.0f);
        setParam(console, std::string(ch) + "/comp/ratio", 4.0f);
        setParam(console, std::string(ch) + "/comp/knee", 0.0f);
    }
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/2/pan", 1.0f);
    const Signal loud = square(100.0, 0.1, kSecond), quiet = square(100.0, 0.01, kSecond); // -20 and -40 dBFS
    auto out = runConsole(console, {loud, quiet}, kBlock, {1, 2});
    REQUIRE(settledDb(out[1]) - settledDb(quiet) == Approx(0.0).margin(0.05)); // unlinked: below threshold
    setParam(console, "/ch/1/link", "on");
    out = runConsole(console, {loud, quiet}, kBlock, {1, 2});
    const double reduction = -(10.0 - 10.0 / 4.0); // the loud side is 10 dB over at 4:1
    REQUIRE(settledDb(out[0]) - settledDb(loud) == Approx(reduction).margin(0.2));
    REQUIRE(settledDb(out[1]) - settledDb(quiet) == Approx(reduction).margin(0.2));
}

TEST_CASE("low bands stay true at high sample rates (delta-coefficient sections)", "[console][eq]") {
    // A 20 Hz 24 dB/oct HPF and a 30 Hz Q2 low shelf at 192 kHz: plain float coefficients
    // read these up to 1.7 dB off; the strip's sections must match the analog prototypes.
    for (double rate : {96000.0, 192000.0}) {
        ConsoleConfig cfg = smallConsole(1);
        cfg.sampleRate = rate;
        Console console(cfg);
        setParam(console, "/ch/1/pan", -1.0f);
        setParam(console, "/ch/1/hpf/on", "on");
        setParam(console, "/ch/1/hpf/freq", 20.0f);
        setParam(console, "/ch/1/hpf/slope", "24");
        setParam(console, "/ch/1/eq/1/freq", 30.0f);
        setParam(console, "/ch/1/eq/1/gain", 6.0f);
        setParam(console, "/ch/1/eq/1/q", 2.0f);
        console.reset();
        for (double f : {15.0, 20.0, 30.0, 60.0}) {
            const Signal in = sine(f, 0.1, static_cast<int>(rate * 3), rate);
            const auto out = runConsole(console, {in}, kBlock, {1});
            const double measured = settledDb(out[0]) - settledDb(in);
            const double analog = dsp::analogButterworthHighPassDb(4, 20.0, f) + dsp::analogEqDb(dsp::EqType::LowShelf, 30.0, 6.0, 2.0, f);
            INFO(rate << " Hz rate, " << f << " Hz");
            REQUIRE(measured == Approx(analog).margin(0.1));
        }
    }
}
