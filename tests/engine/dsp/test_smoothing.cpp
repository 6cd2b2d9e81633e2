// Glides by time, not by sample: dsp::Smoothing alone, then every glide of the console
// (fader, mute, monitor level, EQ, the output start-up ramp) timed at 44.1, 48, 96 and 192 kHz.
#include "console/bank_util.h"
#include "console/console.h"
#include "dsp/smoothing.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hr;
using namespace hr::test;

namespace {
constexpr double kRates[] = {44100.0, 48000.0, 96000.0, 192000.0};

// Seconds until a value stepped by `s` every `perStep` samples from `from` toward `to` is
// within `within` of it (exactly on it when within is 0).
double secondsToReach(const dsp::Smoothing& s, double rate, int perStep, float from, float to, float within) {
    float v = from;
    long steps = 0;
    while (std::fabs(v - to) > within && steps < 100000000) {
        v = s.next(v, to);
        ++steps;
    }
    return static_cast<double>(steps) * perStep / rate;
}

ConsoleConfig oneChannel(double rate) {
    ConsoleConfig cfg;
    cfg.channels = 1;
    cfg.inputs = 1;
    cfg.outputs = 2;
    cfg.busWidths = {1};
    cfg.sampleRate = rate;
    return cfg;
}

// Seconds from the start of `s` until it stays within `withinDb` of `target` (linear level).
double settleSeconds(const Signal& s, float target, double withinDb, double rate) {
    const double lo = target * std::pow(10.0, -withinDb / 20.0), hi = target * std::pow(10.0, withinDb / 20.0);
    size_t last = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] < lo || s[i] > hi) last = i + 1;
    return static_cast<double>(last) / rate;
}

double silentAfter(const Signal& s, double rate) { // seconds until it is exactly 0 and stays there
    size_t last = 0;
    for (size_t i = 0; i < s.size(); ++i)
        if (s[i] != 0.0f) last = i + 1;
    return static_cast<double>(last) / rate;
}
} // namespace

TEST_CASE("a Smoothing glides for the same time at 44.1, 48, 96 and 192 kHz", "[dsp][smoothing]") {
    for (double rate : kRates) {
        INFO("rate " << rate);
        const double sample = 1.0 / rate, tick = dsp::kTick / rate;
        // One-pole, stepped per sample and per tick: 1/e of the way left after its time constant.
        const auto perSample = dsp::Smoothing::onePole(rate, 0.010, 1);
        REQUIRE(secondsToReach(perSample, rate, 1, 1.0f, 0.0f, std::exp(-1.0f)) == Approx(0.010).margin(sample));
        const auto perTick = dsp::Smoothing::onePole(rate, 0.010, dsp::kTick);
        REQUIRE(secondsToReach(perTick, rate, dsp::kTick, 1.0f, 0.0f, std::exp(-1.0f)) == Approx(0.010).margin(tick));
        // Linear: silence to unity in its time, half of it in half.
        const auto ramp = dsp::Smoothing::linear(rate, 0.25, 1);
        // (Stepped in float: the steps' rounding adds up to a few samples over 0.25 s.)
        REQUIRE(secondsToReach(ramp, rate, 1, 0.0f, 1.0f, 0.0f) == Approx(0.25).margin(0.0002));
        REQUIRE(secondsToReach(ramp, rate, 1, 0.5f, 1.0f, 0.0f) == Approx(0.125).margin(0.0002));
        // The banks' gain glide lands exactly on 0 (its tail runs at a fixed rate per second),
        // in the same time at every rate.
        const auto gain = bank::gainGlide(rate), gain48 = bank::gainGlide(48000.0);
        const double toSilence = secondsToReach(gain, rate, dsp::kTick, 1.0f, 0.0f, 0.0f);
        REQUIRE(toSilence == Approx(secondsToReach(gain48, 48000.0, dsp::kTick, 1.0f, 0.0f, 0.0f)).margin(0.001));
        REQUIRE(toSilence > 0.020);
        REQUIRE(toSilence < 0.080);
        // The filters' glide, per coefficient tick.
        const int coefTick = dsp::kTick * kCoefTicks;
        const auto filter = bank::filterGlide(rate);
        REQUIRE(secondsToReach(filter, rate, coefTick, 1.0f, 0.0f, std::exp(-1.0f)) ==
                Approx(bank::kFilterGlideSeconds).margin(static_cast<double>(coefTick) / rate));
    }
}

TEST_CASE("every console glide takes the same time at 44.1, 48, 96 and 192 kHz", "[console][smoothing]") {
    struct Times { double fader, mute, monitor, eq, ramp; };
    auto measure = [](double rate) {
        Times t{};
        const int second = static_cast<int>(rate);
        const int block = 64;
        const Signal dc = constant(0.5f, second / 4);
        {
            Console console(oneChannel(rate));
            runConsole(console, {dc}, block, {1}); // settled
            const float before = runConsole(console, {dc}, block, {1})[0].back();
            // Fader -20 dB: main within 0.1 dB of its new level.
            setParam(console, "/ch/1/fader", -20.0f);
            t.fader = settleSeconds(runConsole(console, {dc}, block, {1})[0], before * 0.1f, 0.1, rate);
            // Mute: main exactly silent.
            setParam(console, "/ch/1/mute", "on");
            t.mute = silentAfter(runConsole(console, {dc}, block, {1})[0], rate);
            setParam(console, "/ch/1/mute", "off");
            setParam(console, "/ch/1/fader", 0.0f);
            runConsole(console, {dc}, block, {1});
            // Monitor level -20 dB (nothing soloed: the monitor carries main).
            const float monBefore = runConsole(console, {dc}, block, {3})[0].back();
            REQUIRE(monBefore > 0.1f);
            setParam(console, "/monitor/level", -20.0f);
            t.monitor = settleSeconds(runConsole(console, {dc}, block, {3})[0], monBefore * 0.1f, 0.1, rate);
        }
        {
            // EQ gain: a low shelf +12 dB at 1 kHz on DC, main within 0.1 dB of 4x.
            Console console(oneChannel(rate));
            setParam(console, "/ch/1/eq/1/freq", 1000.0f);
            runConsole(console, {dc}, block, {1});
            const float flat = runConsole(console, {dc}, block, {1})[0].back();
            setParam(console, "/ch/1/eq/1/gain", 12.0f);
            const Signal out = runConsole(console, {dc}, block, {1})[0];
            t.eq = settleSeconds(out, out.back(), 0.1, rate);
            REQUIRE(out.back() / flat == Approx(std::pow(10.0, 12.0 / 20.0)).epsilon(0.02));
        }
        {
            // The output start-up ramp: interface output 1 (main L) reaches full level.
            Console console(oneChannel(rate));
            runConsole(console, {dc}, block, {1});
            console.rampInOutputs();
            const int blocks = second / block;
            std::vector<float> out(static_cast<size_t>(blocks * block), 0.0f), bufL(block), bufR(block);
            for (int done = 0; done < blocks * block; done += block) {
                const float* in[1] = {dc.data()};
                float* outs[2] = {bufL.data(), bufR.data()};
                console.process(in, 1, outs, 2, block);
                std::copy(bufL.begin(), bufL.end(), out.begin() + done);
            }
            size_t full = 0;
            while (full < out.size() && out[full] < out.back()) ++full;
            t.ramp = static_cast<double>(full) / rate;
        }
        return t;
    };
    const Times at48 = measure(48000.0);
    REQUIRE(at48.fader > 0.005);
    REQUIRE(at48.mute > 0.005);
    REQUIRE(at48.monitor > 0.005);
    REQUIRE(at48.eq > 0.005);
    REQUIRE(at48.ramp == Approx(0.25).margin(0.002));
    for (double rate : kRates) {
        INFO("rate " << rate << ": fader, mute, monitor, EQ, ramp at 48 kHz " << at48.fader << " " << at48.mute << " "
                     << at48.monitor << " " << at48.eq << " " << at48.ramp);
        const Times t = measure(rate);
        CAPTURE(t.fader, t.mute, t.monitor, t.eq, t.ramp);
        // Within a tick or a coefficient tick at the slowest rate, where glides are stepped.
        REQUIRE(t.fader == Approx(at48.fader).margin(0.0015));
        REQUIRE(t.mute == Approx(at48.mute).margin(0.0015));
        REQUIRE(t.monitor == Approx(at48.monitor).margin(0.0005));
        REQUIRE(t.eq == Approx(at48.eq).margin(0.005));
        REQUIRE(t.ramp == Approx(at48.ramp).margin(0.0005));
    }
}
