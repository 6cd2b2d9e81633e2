// Lane-wise building blocks for strip banks (DESIGN.md "Strip banks").
//
// A bank processes kLanes channels at once, sample-major: buf[i][lane]. Every loop below
// runs over lanes innermost, so the compiler turns it into one SIMD instruction per
// sample; per-channel differences are per-lane coefficients. The console runs in
// segments of at most kTick samples aligned to absolute sample time, and smoothed values
// move once per tick, so the output does not depend on the block size.
//
// Sections: LaneBuf, LaneRamp (gain smoothing), BiquadLanes (filter cascade),
// DelayLanes (per-lane delay line).
#pragma once

#include "dsp/biquad.h"
#include "dsp/simd.h"
#include "dsp/smoothing.h"

#include <cstdint>
#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

namespace hr::dsp {

constexpr int kTick = 32;  // samples per smoothing tick (0.67 ms at 48 kHz)

using LaneBuf = LaneVec[kTick]; // one segment of a bank, sample-major

// ---- LaneRamp: gain smoothing --------------------------------------------------------
// A glide toward the target, evaluated once per tick by a Smoothing (dsp/smoothing.h),
// linear between ticks: the gain is continuous, moves as the Smoothing says (a one-pole whose
// tail finishes at a fixed rate, for the banks' gains), and a settled ramp costs a single
// flag test.
struct LaneRamp {
    LaneVec cur, step, end, target;
    LaneVec follow; // 1 on lanes a scene fade drives: reach the target within one tick
    bool moving = false;
    bool zero = true; // settled at 0 on every lane: the stage using it can be skipped

    void setTarget(int lane, float t) noexcept { // audio thread
        if (target[lane] != t) { target[lane] = t; moving = true; zero = false; }
    }
    void snap() noexcept { // jump to the targets (reset, start of a render)
        for (int l = 0; l < kLanes; ++l) { cur[l] = end[l] = target[l]; step[l] = 0.0f; }
        moving = false;
        settle();
    }
    void settle() noexcept {
        zero = true;
        for (int l = 0; l < kLanes; ++l) zero = zero && cur[l] == 0.0f;
    }
    // Starts a tick (at absolute sample time divisible by kTick); `glide` steps once per
    // tick. A tick may span two blocks: the stages carry cur across.
    void tick(const Smoothing& glide) noexcept {
        if (!moving) return;
        bool still = false;
        constexpr float inv = 1.0f / static_cast<float>(kTick);
        for (int l = 0; l < kLanes; ++l) {
            cur[l] = end[l];
            // A lane a scene fade drives lands on its target within the tick.
            const float next = follow[l] != 0.0f ? target[l] : glide.next(end[l], target[l]);
            if (next != target[l]) still = true;
            end[l] = next;
            step[l] = (next - cur[l]) * inv;
        }
        // One more tick to land exactly when the last glide reached its target.
        bool settled = !still;
        for (int l = 0; l < kLanes && settled; ++l) settled = step[l] == 0.0f;
        if (settled) {
            moving = false;
            settle();
        }
    }
    bool isZero() const noexcept { return zero; } // silent for this whole tick
    void setFollow(int lane, bool on) noexcept { follow[lane] = on ? 1.0f : 0.0f; }
};

// y[i] = x[i] * ramp (per lane), advancing the ramp through the segment.
inline void applyRamp(LaneVec* __restrict y, const LaneVec* __restrict x, LaneRamp& r, int n) noexcept {
    FV g = ld(r.cur);
    const FV step = ld(r.step);
    for (int i = 0; i < n; ++i) {
        st(y[i], ld(x[i]) * g);
        g += step;
    }
    st(r.cur, g);
}

// buf[i] *= ramp, in place.
inline void scaleRamp(LaneVec* buf, LaneRamp& r, int n) noexcept {
    FV g = ld(r.cur);
    const FV step = ld(r.step);
    for (int i = 0; i < n; ++i) {
        st(buf[i], ld(buf[i]) * g);
        g += step;
    }
    st(r.cur, g);
}

// acc[i] += x[i] * ramp (per lane).
inline void accumulateRamp(LaneVec* __restrict acc, const LaneVec* __restrict x, LaneRamp& r, int n) noexcept {
    FV g = ld(r.cur);
    const FV step = ld(r.step);
    for (int i = 0; i < n; ++i) {
        st(acc[i], ld(acc[i]) + ld(x[i]) * g);
        g += step;
    }
    st(r.cur, g);
}

// ---- BiquadLanes: a cascade of second-order sections per lane ----------------------
// Transposed direct form II, written with "delta" coefficients: a1 + 2, a2 - 1, b1 + 2 b0
// and b2 - b0 are stored instead of a1, a2, b1, b2. Low bands at high sample rates put both
// poles and zeros next to z = 1, where plain float coefficients lose most of their digits
// (a 20 Hz shelf at 192 kHz read 1.7 dB off); the small deltas keep them (Wilson,
// "Filter topologies", JAES 1993, on the same idea for direct forms). The recursion is
// algebraically the same:
//   y = b0 x + s1;   s1' = db1 x - da1 y + 2 s1 + s2;   s2' = db2 x - da2 y - s1
// Sample-outer, section-inner: the sections give the core independent work.
template <int Sections> struct BiquadLanes {
    LaneVec b0[Sections], db1[Sections], db2[Sections], da1[Sections], da2[Sections];
    LaneVec s1[Sections], s2[Sections];
    bool active = true; // false when every lane of every section is identity

    BiquadLanes() { setAllIdentity(); }
    void setAllIdentity() noexcept {
        for (int k = 0; k < Sections; ++k)
            for (int l = 0; l < kLanes; ++l) set(k, l, identityBiquad());
        active = false;
    }
    void set(int section, int lane, const BiquadDouble& c) noexcept {
        b0[section][lane] = static_cast<float>(c.b0);
        db1[section][lane] = static_cast<float>(c.b1 + 2.0 * c.b0);
        db2[section][lane] = static_cast<float>(c.b2 - c.b0);
        da1[section][lane] = static_cast<float>(c.a1 + 2.0);
        da2[section][lane] = static_cast<float>(c.a2 - 1.0);
    }
    void set(int section, int lane, const Biquad& c) noexcept {
        set(section, lane, BiquadDouble{c.b0, c.b1, c.b2, c.a1, c.a2});
    }
    void updateActive() noexcept { // call after set(): skip the cascade when all identity
        active = false;
        for (int k = 0; k < Sections; ++k)
            for (int l = 0; l < kLanes; ++l)
                if (b0[k][l] != 1.0f || db1[k][l] != 2.0f || db2[k][l] != -1.0f || da1[k][l] != 2.0f ||
                    da2[k][l] != -1.0f)
                    active = true;
    }
    void reset() noexcept {
        for (int k = 0; k < Sections; ++k) s1[k] = s2[k] = LaneVec{};
    }
    void resetLane(int lane) noexcept {
        for (int k = 0; k < Sections; ++k) s1[k][lane] = s2[k][lane] = 0.0f;
    }
    void process(LaneVec* buf, int n) noexcept {
        if (!active) return; // identity sections keep zero state, so skipping is exact
        FV cb0[Sections], cd1[Sections], cd2[Sections], ca1[Sections], ca2[Sections], z1[Sections], z2[Sections];
        for (int k = 0; k < Sections; ++k) {
            cb0[k] = ld(b0[k]); cd1[k] = ld(db1[k]); cd2[k] = ld(db2[k]);
            ca1[k] = ld(da1[k]); ca2[k] = ld(da2[k]);
            z1[k] = ld(s1[k]); z2[k] = ld(s2[k]);
        }
        for (int i = 0; i < n; ++i) {
            FV x = ld(buf[i]);
            for (int k = 0; k < Sections; ++k) {
                const FV y = cb0[k] * x + z1[k];
                const FV n1 = cd1[k] * x - ca1[k] * y + 2.0f * z1[k] + z2[k];
                z2[k] = cd2[k] * x - ca2[k] * y - z1[k];
                z1[k] = n1;
                x = y;
            }
            st(buf[i], x);
        }
        for (int k = 0; k < Sections; ++k) {
            st(s1[k], z1[k]);
            st(s2[k], z2[k]);
        }
    }
};

// ---- DelayLanes: a delay line per lane, whole samples ---------------------------------
// Changing a delay jumps the read point (set delays at soundcheck, as on any console).
class DelayLanes {
public:
    void prepare(int maxDelaySamples) { // control thread: allocates
        size_ = 1;
        while (size_ < maxDelaySamples + kTick + 1) size_ <<= 1;
        ring_.assign(static_cast<size_t>(size_), LaneVec{});
        write_ = 0;
    }
    void reset() noexcept {
        for (auto& v : ring_) v = LaneVec{};
        write_ = 0;
    }
    void setDelay(int lane, int samples) noexcept { delay_[lane] = samples; }
    bool any() const noexcept {
        for (int l = 0; l < kLanes; ++l)
            if (delay_[l] != 0) return true;
        return false;
    }
    void process(LaneVec* buf, int n) noexcept {
        const int mask = size_ - 1;
        for (int i = 0; i < n; ++i) ring_[static_cast<size_t>((write_ + i) & mask)] = buf[i];
        if (any()) {
            for (int i = 0; i < n; ++i)
                for (int l = 0; l < kLanes; ++l)
                    buf[i][l] = ring_[static_cast<size_t>((write_ + i - delay_[l]) & mask)][l];
        }
        write_ = (write_ + n) & mask;
    }

private:
    std::vector<LaneVec> ring_;
    int size_ = 1;
    int write_ = 0;
    int delay_[kLanes] = {};
};

} // namespace hr::dsp
