#include "console/reference_strip.h"

#include "console/bank_util.h"
#include "dsp/dynamics.h"
#include "dsp/fastmath.h"
#include "params/spec.h"

#include <algorithm>
#include <cmath>

namespace hr {

void ReferenceStrip::Glide::startTick(const dsp::Smoothing& glide) {
    cur = end;
    end = glide.next(end, target);
    step = (end - cur) * (1.0f / dsp::kTick);
}

void ReferenceStrip::Section::set(const dsp::BiquadDouble& c) {
    b0 = float(c.b0);
    db1 = float(c.b1 + 2.0 * c.b0);
    db2 = float(c.b2 - c.b0);
    da1 = float(c.a1 + 2.0);
    da2 = float(c.a2 - 1.0);
}

float ReferenceStrip::Section::run(float x) {
    const float y = b0 * x + s1;
    const float n1 = db1 * x - da1 * y + 2.0f * s1 + s2;
    s2 = db2 * x - da2 * y - s1;
    s1 = n1;
    return y;
}

ReferenceStrip::ReferenceStrip(const StripParams& p, double sampleRate) : rate_(sampleRate) {
    gainGlide_ = bank::gainGlide(sampleRate);
    filterGlide_ = bank::filterGlide(sampleRate);
    detRelease_ = dsp::timeCoef(20.0f, sampleRate);
    delay_.assign(static_cast<size_t>(std::ceil(0.5 * sampleRate)) + 1, 0.0f);
    set(p);
    for (Glide* g : {&trim_, &fader_, &panL_, &panR_}) g->snap();
    hpfGlide_.snap();
    for (auto& g : eqGlide_) g.snap();
    designFilters(true);
}

void ReferenceStrip::set(const StripParams& p) {
    if (p.hpfOn != p_.hpfOn || p.hpfOrder != p_.hpfOrder) hpfGlide_.moving = true; // redesign
    for (int b = 0; b < kEqBands; ++b)
        if (p.bandType[b] != p_.bandType[b]) eqGlide_[b].moving = true;
    p_ = p;
    trim_.target = dbToGain(p.trimDb) * (p.polarity ? -1.0f : 1.0f);
    fader_.target = p.mute ? 0.0f : dbToGain(p.faderDb);
    bank::panGains(p.pan, &panL_.target, &panR_.target);
    hpfGlide_.setTarget(p.hpfFreqHz, 0.0f, 1.0f);
    for (int b = 0; b < kEqBands; ++b)
        eqGlide_[b].setTarget(p.bandFreqHz[b], (p.eqOn && p.bandOn[b]) ? p.bandGainDb[b] : 0.0f, p.bandQ[b]);
    filterDirty_ = true;
}

void ReferenceStrip::designFilters(bool force) {
    bool moving = false;
    if (hpfGlide_.step(filterGlide_) || force) {
        dsp::BiquadDouble sec[2] = {};
        if (p_.hpfOn) dsp::designButterworthHighPassDouble(rate_, std::exp2(hpfGlide_.freqLog2), p_.hpfOrder, sec);
        for (int k = 0; k < 2; ++k) hpf_[k].set(sec[k]);
    }
    moving = moving || hpfGlide_.moving;
    for (int b = 0; b < kEqBands; ++b) {
        if (!eqGlide_[b].step(filterGlide_) && !force) continue;
        eq_[b].set(bank::eqSection(eqGlide_[b], p_.bandType[b], rate_));
        moving = moving || eqGlide_[b].moving;
    }
    filterDirty_ = moving;
}

ReferenceStrip::Out ReferenceStrip::tick(float in) {
    if (time_ % dsp::kTick == 0)
        for (Glide* g : {&trim_, &fader_, &panL_, &panR_}) g->startTick(gainGlide_);
    if (filterDirty_ && time_ % (dsp::kTick * kCoefTicks) == 0) designFilters(false);
    ++time_;

    float x = in * trim_.next();

    // delay: whole samples
    const size_t size = delay_.size();
    delay_[write_] = x;
    const size_t d = static_cast<size_t>(std::lround(p_.delayMs * 0.001 * rate_));
    x = delay_[(write_ + size - d) % size];
    write_ = (write_ + 1) % size;

    x = hpf_[1].run(hpf_[0].run(x));

    // gate / expander (a stand-alone strip is never linked)
    env_ = std::max(std::fabs(x), env_ * detRelease_);
    const float lvl = dsp::fastGainToDb(env_);
    const bool open = lvl >= p_.gateThresholdDb;
    hold_ = open ? static_cast<float>(p_.gateHoldMs * 0.001 * rate_) : std::max(0.0f, hold_ - 1.0f);
    const float closed = p_.gateExpander
                             ? std::max(-p_.gateRangeDb, (lvl - p_.gateThresholdDb) * (p_.gateRatio - 1.0f))
                             : -p_.gateRangeDb;
    const float target = (open || hold_ > 0.0f) ? 0.0f : closed;
    const float a = target > gateDb_ ? dsp::timeCoef(p_.gateAttackMs, rate_) : dsp::timeCoef(p_.gateReleaseMs, rate_);
    gateDb_ = a * gateDb_ + (1.0f - a) * target;
    if (p_.gateOn) x *= dsp::fastDbToGain(gateDb_);

    const float preEq = x;
    auto eq = [&](float v) {
        for (auto& s : eq_) v = s.run(v);
        return v;
    };
    auto comp = [&](float v) {
        const float level = dsp::fastGainToDb(std::fabs(v));
        const float gc = dsp::compressorCurveDb(level, p_.compThresholdDb, p_.compRatio, p_.compKneeDb) - level;
        const float rel = dsp::timeCoef(p_.compReleaseMs, rate_), att = dsp::timeCoef(p_.compAttackMs, rate_);
        y1_ = std::max(-gc, rel * y1_ + (1.0f - rel) * -gc);
        yL_ = att * yL_ + (1.0f - att) * y1_;
        const float makeup = p_.compMakeupDb +
            (p_.autoMakeup ? dsp::autoMakeupDb(p_.compThresholdDb, p_.compRatio, p_.compKneeDb) : 0.0f);
        return p_.compOn ? v * dsp::fastDbToGain(makeup - yL_) : v;
    };
    x = p_.compFirst ? eq(comp(x)) : comp(eq(x));

    const float pre = x;
    const float post = pre * fader_.next();
    return {preEq, pre, post, post * panL_.next(), post * panR_.next()};
}

} // namespace hr
