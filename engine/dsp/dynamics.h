// Dynamics: the gate/expander and the compressor, as static curves (pure functions, used
// by the engine, the tests and the GUI's transfer curves) and as lane-wise units.
//
// Compressor: feed-forward, log-domain gain computer with a soft knee and the smooth
// decoupled peak detector of Giannoulis, Massberg & Reiss, "Digital Dynamic Range
// Compressor Design - A Tutorial and Analysis", JAES 2012 (eq. 4 and 17). Odd/even lane
// pairs can link their detectors (the louder side controls both).
// Gate/expander: peak detector, threshold with hold, attack/release ballistics on the
// gain in dB; the gate closes by `range`, the expander by (thr - level)*(ratio - 1)
// up to `range`.
#pragma once

#include "dsp/fastmath.h"
#include "dsp/lanes.h"

#include <algorithm>
#include <cmath>

namespace hr::dsp {

// ---- static curves (any thread) ------------------------------------------------------

// Output level of the compressor's gain computer for an input level, in dB. ratio may be
// +inf (limit); kneeDb 0 is a hard knee.
inline float compressorCurveDb(float inDb, float thresholdDb, float ratio, float kneeDb) noexcept {
    const float slope = 1.0f / ratio - 1.0f; // 0 at 1:1, -1 at limit
    const float over = inDb - thresholdDb;
    if (2.0f * over < -kneeDb) return inDb;
    if (2.0f * std::fabs(over) <= kneeDb) {
        const float d = over + 0.5f * kneeDb;
        return inDb + slope * d * d / (2.0f * kneeDb);
    }
    return thresholdDb + over / ratio;
}

// Auto make-up: half the gain reduction the curve applies at 0 dBFS, which brings a
// compressed signal back near its loudness without pushing peaks over.
inline float autoMakeupDb(float thresholdDb, float ratio, float kneeDb) noexcept {
    return -0.5f * compressorCurveDb(0.0f, thresholdDb, ratio, kneeDb);
}

// Static gain of the gate/expander in dB (<= 0) for a steady input level.
inline float gateCurveDb(float inDb, float thresholdDb, float rangeDb, float ratio, bool expander) noexcept {
    if (inDb >= thresholdDb) return 0.0f;
    if (!expander) return -rangeDb;
    return std::max(-rangeDb, (inDb - thresholdDb) * (ratio - 1.0f));
}

// One-pole coefficient for a time constant; 0 ms gives an instant response.
inline float timeCoef(float ms, double sampleRate) noexcept {
    return ms <= 0.0f ? 0.0f : static_cast<float>(std::exp(-1000.0 / (ms * sampleRate)));
}

// ---- CompressorLanes ---------------------------------------------------------------------
struct CompressorLanes {
    LaneVec threshold, invRatio, knee, attack, release, makeupDb, on, link;
    LaneVec y1, yL;  // detector state (dB of gain reduction)
    LaneVec grMaxDb; // largest reduction since the meter last read it (positive dB)

    void reset() noexcept { y1 = yL = grMaxDb = LaneVec{}; }
    bool any() const noexcept {
        for (int l = 0; l < kLanes; ++l)
            if (on[l] != 0.0f) return true;
        return false;
    }
    void process(LaneVec* buf, int n) noexcept {
        const FV thr = ld(threshold), slope = ld(invRatio) - 1.0f, w = ld(knee), halfW = 0.5f * w;
        const FV inv2W = 1.0f / (2.0f * w + 1e-12f);
        const FV aA = ld(attack), aR = ld(release), makeup = ld(makeupDb);
        const auto isOn = ld(on) != 0.0f;
        const auto linked = ld(link) != 0.0f;
        FV s1 = ld(y1), sL = ld(yL), gr = ld(grMaxDb);
        for (int i = 0; i < n; ++i) {
            const FV x = ld(buf[i]);
            const FV lvl = kDbPerLog2 * fastLog2(vabs(x) + 1e-30f);
            const FV det = linked ? vmax(lvl, swapPairs(lvl)) : lvl;
            // Gain computer with soft knee (Giannoulis et al. 2012, eq. 4), as gain in dB.
            const FV over = det - thr;
            const FV d = over + halfW;
            const FV inKnee = slope * d * d * inv2W;
            const FV gc = (2.0f * over < -w) ? FV{} : (2.0f * vabs(over) <= w ? inKnee : slope * over);
            const FV xL = -gc;
            // Smooth decoupled peak detector (eq. 17).
            s1 = vmax(xL, aR * s1 + (1.0f - aR) * xL);
            sL = aA * sL + (1.0f - aA) * s1;
            const FV g = fastExp2((makeup - sL) * kLog2PerDb);
            st(buf[i], isOn ? x * g : x);
            gr = vmax(gr, isOn ? sL : FV{});
        }
        st(y1, s1);
        st(yL, sL);
        st(grMaxDb, gr);
    }
};

// ---- GateLanes ---------------------------------------------------------------------------
struct GateLanes {
    LaneVec threshold, range, ratioMinus1, expander, attack, release, holdSamples, on, link;
    LaneVec env, hold, gainDb; // detector, hold countdown, current gain
    LaneVec grMaxDb;           // largest attenuation since the meter last read it
    float detectorRelease = 0.0f; // peak detector decay (20 ms), set in prepare

    void prepare(double sampleRate) noexcept { detectorRelease = timeCoef(20.0f, sampleRate); }
    void reset() noexcept { env = hold = gainDb = grMaxDb = LaneVec{}; }
    bool any() const noexcept {
        for (int l = 0; l < kLanes; ++l)
            if (on[l] != 0.0f) return true;
        return false;
    }
    void process(LaneVec* buf, int n) noexcept {
        const FV thr = ld(threshold), closedDb = -ld(range), rm1 = ld(ratioMinus1), holdN = ld(holdSamples);
        const FV aA = ld(attack), aR = ld(release);
        const auto isOn = ld(on) != 0.0f;
        const auto linked = ld(link) != 0.0f;
        const auto isExpander = ld(expander) != 0.0f;
        const FV decay = splat(detectorRelease);
        FV e = ld(env), h = ld(hold), gDb = ld(gainDb), gr = ld(grMaxDb);
        for (int i = 0; i < n; ++i) {
            const FV x = ld(buf[i]);
            e = vmax(vabs(x), e * decay);
            const FV lvl = kDbPerLog2 * fastLog2(e + 1e-30f);
            const FV det = linked ? vmax(lvl, swapPairs(lvl)) : lvl;
            const auto open = det >= thr;
            h = open ? holdN : vmax(FV{}, h - 1.0f);
            const FV closed = isExpander ? vmax(closedDb, (det - thr) * rm1) : closedDb;
            const FV target = (open || h > 0.0f) ? FV{} : closed;
            const FV a = target > gDb ? aA : aR;
            gDb = a * gDb + (1.0f - a) * target;
            const FV g = fastExp2(gDb * kLog2PerDb);
            st(buf[i], isOn ? x * g : x);
            gr = vmax(gr, isOn ? -gDb : FV{});
        }
        st(env, e);
        st(hold, h);
        st(gainDb, gDb);
        st(grMaxDb, gr);
    }
};

} // namespace hr::dsp
