// Small pieces shared by StripBank and MasterBank (internal to engine/console).
#pragma once

#include "console/strip_bank.h"

#include <algorithm>
#include <cmath>

namespace hr::bank {

constexpr double kGainGlideSeconds = 0.010;  // faders, mutes, sends, pan: one-pole time constant
constexpr double kGainTailPerSecond = 4.5;   // the gains' tail moves at least this per second, so a mute reaches true silence
constexpr double kFilterGlideSeconds = 0.020; // EQ/HPF frequency, gain and Q
constexpr double kPi = 3.14159265358979323846;

// The gains' glide, stepped once per tick (dsp::LaneRamp), and the filters' glide, stepped once
// per coefficient tick (kTick * kCoefTicks samples); both by time, whatever the rate.
inline dsp::Smoothing gainGlide(double sampleRate) {
    return dsp::Smoothing::onePole(sampleRate, kGainGlideSeconds, dsp::kTick, kGainTailPerSecond);
}
inline dsp::Smoothing filterGlide(double sampleRate) {
    return dsp::Smoothing::onePole(sampleRate, kFilterGlideSeconds, dsp::kTick * kCoefTicks);
}

// Constant-power pan, -3 dB at centre: L = cos(theta), R = sin(theta), theta = (pan+1)*pi/4.
inline void panGains(float pan, float* left, float* right) {
    const double theta = (static_cast<double>(pan) + 1.0) * kPi / 4.0;
    *left = static_cast<float>(std::cos(theta));
    *right = static_cast<float>(std::sin(theta));
}

inline void accumulateLevel(const dsp::LaneVec* buf, int n, dsp::LaneVec& peak, dsp::LaneVec& sumSq) noexcept {
    dsp::FV p = dsp::ld(peak), q = dsp::ld(sumSq);
    for (int i = 0; i < n; ++i) {
        const dsp::FV x = dsp::ld(buf[i]);
        p = dsp::vmax(p, dsp::vabs(x));
        q += x * x;
    }
    dsp::st(peak, p);
    dsp::st(sumSq, q);
}

// One lane of a compressor from a strip's or master's settings (both carry the same fields).
template <class P> void setCompressorLane(dsp::CompressorLanes& comp, int lane, const P& p, double sampleRate) {
    comp.on[lane] = p.compOn ? 1.0f : 0.0f;
    comp.threshold[lane] = p.compThresholdDb;
    comp.invRatio[lane] = 1.0f / p.compRatio; // limit: 1/inf = 0
    comp.knee[lane] = p.compKneeDb;
    comp.attack[lane] = dsp::timeCoef(p.compAttackMs, sampleRate);
    comp.release[lane] = dsp::timeCoef(p.compReleaseMs, sampleRate);
    comp.makeupDb[lane] = p.compMakeupDb +
        (p.autoMakeup ? dsp::autoMakeupDb(p.compThresholdDb, p.compRatio, p.compKneeDb) : 0.0f);
    comp.link[lane] = p.linked ? 1.0f : 0.0f;
}

// An EQ band's section from its glide; exactly identity at 0 dB, so a flat or switched-off
// band is transparent and costs nothing.
inline dsp::BiquadDouble eqSection(const FilterGlide& g, dsp::EqType type, double sampleRate) {
    if (g.gainDb == 0.0f) return dsp::BiquadDouble{};
    return dsp::designEqDouble(type, sampleRate, std::exp2(g.freqLog2), g.gainDb, std::exp2(g.qLog2));
}

// Reading the tree (audio thread): a switch, an EQ band's type, a whole EQ.
inline bool on(const ParamStore& s, ParamId id) { return id != kNoParam && s.get(id) >= 0.5f; }

inline dsp::EqType bandType(const ParamStore& s, const EqBandIds& ids, int band) {
    if (ids.type == kNoParam || s.get(ids.type) < 0.5f) return dsp::EqType::Peak;
    return band == 0 ? dsp::EqType::LowShelf : dsp::EqType::HighShelf;
}

template <class P> void readEq(const ParamStore& s, ParamId eqOn, const EqBandIds* eq, P& p) {
    p.eqOn = on(s, eqOn);
    for (int b = 0; b < kEqBands; ++b) {
        p.bandOn[b] = on(s, eq[b].on);
        p.bandType[b] = bandType(s, eq[b], b);
        p.bandFreqHz[b] = s.get(eq[b].freq);
        p.bandGainDb[b] = s.get(eq[b].gain);
        p.bandQ[b] = s.get(eq[b].q);
    }
}

} // namespace hr::bank
