// Smoothing: how fast a value glides, said in seconds and scaled by the sample rate (like
// JUCE's SmoothedValue::reset(sampleRate, seconds)), so a glide takes the same time at 44.1,
// 48, 96 or 192 kHz. Every glide in the engine steps with one: the gain ramps of the strip and
// master banks (dsp/lanes.h LaneRamp), the EQ and HPF glides, the reference strip, the output
// start-up ramp and the monitor level.
//
// A step moves a value toward its target by
//     min(|d|, max(|d| * k, minStep))          d = target - value
// so one type covers the three shapes the console uses:
//   onePole(rate, tau, samplesPerStep)               exponential, time constant tau;
//   onePole(rate, tau, samplesPerStep, tailPerSec)   the same, but its tail finishes at a fixed
//                                                    rate (a mute reaches true silence);
//   linear(rate, seconds, samplesPerStep)            a full-scale (0..1) move takes `seconds`.
// A value within `snap` of its target lands on it.
#pragma once

#include <algorithm>
#include <cmath>

namespace hr::dsp {

struct Smoothing {
    float k = 1.0f;       // fraction of the distance per step (0: linear)
    float minStep = 0.0f; // at least this far per step (the linear rate, or a one-pole's tail)

    // Time constant `seconds` for a value stepped every `samplesPerStep` samples; the tail,
    // if given, moves at least `tailPerSecond` value units per second.
    static Smoothing onePole(double sampleRate, double seconds, int samplesPerStep, double tailPerSecond = 0.0) {
        Smoothing s;
        s.k = seconds > 0.0 ? static_cast<float>(1.0 - std::exp(-samplesPerStep / (seconds * sampleRate))) : 1.0f;
        s.minStep = static_cast<float>(tailPerSecond * samplesPerStep / sampleRate);
        return s;
    }
    // A move of 1 (silence to unity) takes `seconds`; smaller moves take proportionally less.
    static Smoothing linear(double sampleRate, double seconds, int samplesPerStep) {
        Smoothing s;
        s.k = 0.0f;
        s.minStep = seconds > 0.0 ? static_cast<float>(samplesPerStep / (seconds * sampleRate)) : 1.0f;
        return s;
    }

    // The value after one step from `v` toward `target`.
    float next(float v, float target, float snap = 1e-7f) const noexcept {
        const float d = target - v;
        const float a = std::fabs(d);
        const float move = std::min(a, std::max(a * k, minStep));
        const float n = v + (d < 0.0f ? -move : move);
        return std::fabs(target - n) < snap ? target : n;
    }
};

} // namespace hr::dsp
