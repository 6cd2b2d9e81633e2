// The FX units alone: the reverb's decay time measured from its impulse response by Schroeder's
// backward integration (Schroeder, "New method of measuring reverberation time", JASA 37, 1965),
// and the echo's repeats to the sample.
#include "dsp/echo.h"
#include "dsp/reverb.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>
#include <xmmintrin.h>

using namespace hr::dsp;

namespace {
constexpr double kRate = 48000.0;

std::vector<float> impulseResponse(const ReverbParams& p, double seconds, bool left = true) {
    Reverb r;
    r.prepare(kRate, 200.0);
    r.set(p);
    r.reset();
    const int n = static_cast<int>(seconds * kRate);
    std::vector<float> in(static_cast<size_t>(n), 0.0f), l(in.size()), rr(in.size());
    in[0] = 1.0f;
    for (int done = 0; done < n; done += 64) {
        const int k = std::min(64, n - done);
        r.process(&in[static_cast<size_t>(done)], &l[static_cast<size_t>(done)], &rr[static_cast<size_t>(done)], k);
    }
    return left ? l : rr;
}

// T30 (the slope from -5 to -35 dB of the energy decay curve), as RT60 in seconds.
double t30(const std::vector<float>& h) {
    std::vector<double> edc(h.size());
    double sum = 0.0;
    for (size_t i = h.size(); i-- > 0;) {
        sum += static_cast<double>(h[i]) * h[i];
        edc[i] = sum;
    }
    const double total = edc[0];
    size_t a = 0, b = 0;
    for (size_t i = 0; i < edc.size(); ++i) {
        const double db = 10.0 * std::log10(edc[i] / total);
        if (a == 0 && db <= -5.0) a = i;
        if (b == 0 && db <= -35.0) {
            b = i;
            break;
        }
    }
    REQUIRE(a > 0);
    REQUIRE(b > a);
    return 2.0 * double(b - a) / kRate; // 30 dB in (b - a) samples: 60 dB in twice that
}

std::vector<float> differenced(const std::vector<float>& h) { // +6 dB/oct: the highs weigh
    std::vector<float> d(h.size(), 0.0f);
    for (size_t i = 1; i < h.size(); ++i) d[i] = h[i] - h[i - 1];
    return d;
}
} // namespace

TEST_CASE("the reverb's RT60, measured by Schroeder integration, is within 10 % of its decay", "[dsp][fx][reverb]") {
    const unsigned csr = _mm_getcsr();
    _mm_setcsr(csr | 0x8040); // FTZ/DAZ, as the console runs it
    for (ReverbType type : {ReverbType::Plate, ReverbType::Hall, ReverbType::Room})
        for (float decay : {0.5f, 2.0f, 6.0f}) {
            ReverbParams p;
            p.type = type;
            p.decaySeconds = decay;
            p.damping = 0.0f;
            p.predelayMs = 0.0f;
            const double measured = t30(impulseResponse(p, 1.2 * decay + 0.5));
            INFO("type " << static_cast<int>(type) << ", decay " << decay << " s: T30 " << measured << " s");
            REQUIRE(measured == Approx(decay).epsilon(0.10));
        }
    _mm_setcsr(csr);
}

TEST_CASE("damping shortens the high frequencies' decay, size lengthens the lines, left and right differ",
          "[dsp][fx][reverb]") {
    ReverbParams p;
    p.type = ReverbType::Hall;
    p.decaySeconds = 2.0f;
    p.damping = 0.0f;
    const double flat = t30(differenced(impulseResponse(p, 3.0)));
    p.damping = 0.8f; // highs at Nyquist decay in 1 - 0.72 = 28 % of the time
    const double damped = t30(differenced(impulseResponse(p, 3.0)));
    REQUIRE(damped < 0.7 * flat);
    // The lows (below a 200 Hz one-pole) still take 2 s.
    auto lows = impulseResponse(p, 3.0);
    const float a = std::exp(-2.0f * 3.14159265f * 200.0f / static_cast<float>(kRate));
    float state = 0.0f;
    for (float& x : lows) x = state += (1.0f - a) * (x - state);
    REQUIRE(t30(lows) == Approx(2.0).epsilon(0.10));

    Reverb r;
    r.prepare(kRate, 200.0);
    p.size = 1.0f;
    r.set(p);
    const int small = r.lineLength(7);
    p.size = 2.0f;
    r.set(p);
    REQUIRE(r.lineLength(7) >= 2 * small - 1);

    p.size = 1.0f;
    const auto l = impulseResponse(p, 0.5, true), rr = impulseResponse(p, 0.5, false);
    double cross = 0.0, el = 0.0, er = 0.0;
    for (size_t i = 0; i < l.size(); ++i) {
        cross += double(l[i]) * rr[i];
        el += double(l[i]) * l[i];
        er += double(rr[i]) * rr[i];
    }
    REQUIRE(std::fabs(cross / std::sqrt(el * er)) < 0.5); // a wide stereo image, not two copies
}

TEST_CASE("the reverb's predelay holds the first output back by its time", "[dsp][fx][reverb]") {
    auto firstOut = [](float predelayMs) {
        ReverbParams p;
        p.predelayMs = predelayMs;
        const auto h = impulseResponse(p, 0.3);
        size_t first = 0;
        while (first < h.size() && h[first] == 0.0f) ++first;
        return first;
    };
    REQUIRE(firstOut(0.0f) > 0);
    REQUIRE(firstOut(50.0f) - firstOut(0.0f) == 2400);
    REQUIRE(firstOut(120.0f) - firstOut(0.0f) == 5760);
}

TEST_CASE("the echo's first repeat is exact to the sample, and each one is the feedback times the last",
          "[dsp][fx][delay]") {
    Echo e;
    e.prepare(kRate, 32); // as the console runs it: 32 samples are taken off
    EchoParams p;
    p.timeMs = 250.0f; // 12000 samples
    p.feedback = 0.5f;
    e.set(p);
    e.reset();
    const int n = 48000;
    std::vector<float> in(static_cast<size_t>(n), 0.0f), l(in.size()), r(in.size());
    in[100] = 1.0f;
    e.process(in.data(), in.data(), l.data(), r.data(), n);
    const size_t first = 100 + 12000 - 32;
    for (size_t i = 0; i < first; ++i) REQUIRE(l[i] == 0.0f);
    REQUIRE(l[first] == 1.0f);
    REQUIRE(l[first + 12000] == 0.5f); // the repeats are a whole delay apart
    REQUIRE(l[first + 24000] == 0.25f);
    REQUIRE(r[first] == 1.0f);

    // Ping-pong: left, then right, then left; the tone filters take the highs off each repeat.
    p.pingPong = true;
    p.highCutHz = 3000.0f;
    e.set(p);
    e.reset();
    e.process(in.data(), in.data(), l.data(), r.data(), n);
    REQUIRE(l[first] == 1.0f);
    REQUIRE(r[first] == 0.0f);
    double rightEnergy = 0.0, leftSecond = 0.0;
    for (size_t i = first + 12000 - 10; i < first + 12000 + 400; ++i) {
        rightEnergy += double(r[i]) * r[i];
        leftSecond += double(l[i]) * l[i];
    }
    REQUIRE(rightEnergy > 0.0);
    REQUIRE(leftSecond == 0.0);
    REQUIRE(*std::max_element(r.begin(), r.end()) < 0.5f); // the high cut rounded the repeat off
}

TEST_CASE("reset silences the reverb and the echo at once, whatever they held", "[dsp][fx]") {
    Reverb rev;
    rev.prepare(kRate, 200.0);
    Echo echo;
    echo.prepare(kRate, 32);
    EchoParams ep;
    ep.timeMs = 2500.0f;
    ep.feedback = 0.9f;
    echo.set(ep);
    std::vector<float> noise(96000), l(noise.size()), r(noise.size());
    uint32_t seed = 7;
    for (float& x : noise) x = static_cast<float>(static_cast<int32_t>(seed = seed * 1664525u + 1013904223u)) / 2147483648.0f;
    rev.process(noise.data(), l.data(), r.data(), static_cast<int>(noise.size()));
    echo.process(noise.data(), noise.data(), l.data(), r.data(), static_cast<int>(noise.size()));
    rev.reset();
    echo.reset();
    ReverbParams bigger; // longer lines and predelay than before: still nothing old is read
    bigger.size = 2.0f;
    bigger.predelayMs = 200.0f;
    rev.set(bigger);
    ep.timeMs = 3000.0f;
    echo.set(ep);
    const std::vector<float> silence(noise.size(), 0.0f);
    rev.process(silence.data(), l.data(), r.data(), static_cast<int>(silence.size()));
    for (size_t i = 0; i < l.size(); ++i) REQUIRE((l[i] == 0.0f && r[i] == 0.0f));
    echo.process(silence.data(), silence.data(), l.data(), r.data(), static_cast<int>(silence.size()));
    for (size_t i = 0; i < l.size(); ++i) REQUIRE((l[i] == 0.0f && r[i] == 0.0f));
}
