// StripBank: parameters to per-lane coefficients (setStrip, setSend, updateCoefficients)
// and the lane-wise signal path (process).
#include "console/strip_bank.h"

#include "console/bank_util.h"
#include "dsp/fastmath.h"
#include "params/spec.h"

#include <algorithm>
#include <cmath>

namespace hr {

using dsp::kLanes;
using dsp::kTick;
using dsp::LaneVec;

using namespace bank;

// ---- FilterGlide -------------------------------------------------------------------------

void FilterGlide::setTarget(float freqHz, float gain, float q) noexcept {
    const float f = std::log2(freqHz), ql = std::log2(q);
    if (f != freqLog2T || gain != gainDbT || ql != qLog2T) moving = true;
    freqLog2T = f;
    gainDbT = gain;
    qLog2T = ql;
}

void FilterGlide::snap() noexcept {
    freqLog2 = freqLog2T;
    gainDb = gainDbT;
    qLog2 = qLog2T;
    moving = true; // one redesign at the next coefficient tick
}

bool FilterGlide::step(const dsp::Smoothing& glide) noexcept {
    if (!moving) return false;
    auto move = [&glide](float& v, float t, float snap) {
        v = glide.next(v, t, snap);
        return v != t;
    };
    const bool a = move(freqLog2, freqLog2T, 1e-3f);
    const bool b = move(gainDb, gainDbT, 1e-2f);
    const bool c = move(qLog2, qLog2T, 1e-3f);
    moving = a || b || c;
    return true; // moved this step (the last step lands exactly on the target)
}

// ---- set-up ----------------------------------------------------------------------------

void StripBank::prepare(int firstChannel, int lanes, const std::vector<int>& busWidths, double sampleRate) {
    first_ = firstChannel;
    lanes_ = lanes;
    sampleRate_ = sampleRate;
    gainGlide_ = gainGlide(sampleRate);
    filterGlide_ = filterGlide(sampleRate);
    delay_.prepare(static_cast<int>(std::ceil(0.5 * sampleRate)));
    gate_.prepare(sampleRate);

    busWidth_ = busWidths;
    busSignal_.clear();
    signals_ = 0;
    for (int w : busWidths) {
        busSignal_.push_back(signals_);
        signals_ += w;
    }
    sends_.assign(static_cast<size_t>(kLanes) * busWidths.size(), SendParams{-INFINITY, true, SendTap::PostFader, 0.0f});
    sendRamps_.assign(static_cast<size_t>(signals_) * 3, dsp::LaneRamp{});
    for (int l = 0; l < kLanes; ++l) {
        rng_[l].state = 0x9E3779B9u * static_cast<uint32_t>(first_ + l + 1); // seeded per channel
        params_[l] = StripParams{};
        setStrip(l, params_[l]);
    }
    reset();
}

void StripBank::reset() noexcept {
    for (auto* r : {&trim_, &fader_, &mainL_, &mainR_, &soloL_, &soloR_}) r->snap();
    for (auto& r : sendRamps_) r.snap();
    sendsMoving_ = false;
    delay_.reset();
    hpf_.reset();
    gate_.reset();
    eqPre_.reset();
    eqPost_.reset();
    comp_.reset();
    for (int l = 0; l < kLanes; ++l) {
        oscPhase_[l] = 0.0;
        pink_[l].reset();
        hpfGlide_[l].snap();
        for (auto& g : eqGlide_[l]) g.snap();
    }
    inPeak_ = inSumSq_ = outPeak_ = outSumSq_ = LaneVec{};
    updateCoefficients(true);
}

void StripBank::setStrip(int lane, const StripParams& p) noexcept {
    const bool active = lane < lanes_;
    input_[lane] = active ? p.input : 0;
    source_[lane] = p.source;
    oscInc_[lane] = p.oscFreqHz / sampleRate_;
    oscGain_[lane] = dbToGain(p.oscLevelDb);

    trim_.setTarget(lane, active ? dbToGain(p.trimDb) * (p.polarity ? -1.0f : 1.0f) : 0.0f);
    delay_.setDelay(lane, static_cast<int>(std::lround(p.delayMs * 0.001 * sampleRate_)));

    const StripParams& was = params_[lane];
    hpfGlide_[lane].setTarget(p.hpfFreqHz, 0.0f, 1.0f);
    if (was.hpfOn != p.hpfOn || was.hpfOrder != p.hpfOrder) hpfGlide_[lane].moving = true; // redesign
    for (int b = 0; b < kEqBands; ++b) {
        const float gain = (p.eqOn && p.bandOn[b]) ? p.bandGainDb[b] : 0.0f;
        eqGlide_[lane][b].setTarget(p.bandFreqHz[b], gain, p.bandQ[b]);
        if (was.bandType[b] != p.bandType[b] || was.compFirst != p.compFirst) eqGlide_[lane][b].moving = true;
    }
    filterDirty_ = true;

    gate_.on[lane] = p.gateOn ? 1.0f : 0.0f;
    gate_.expander[lane] = p.gateExpander ? 1.0f : 0.0f;
    gate_.threshold[lane] = p.gateThresholdDb;
    gate_.range[lane] = p.gateRangeDb;
    gate_.ratioMinus1[lane] = p.gateRatio - 1.0f;
    gate_.attack[lane] = dsp::timeCoef(p.gateAttackMs, sampleRate_);
    gate_.release[lane] = dsp::timeCoef(p.gateReleaseMs, sampleRate_);
    gate_.holdSamples[lane] = static_cast<float>(p.gateHoldMs * 0.001 * sampleRate_);
    gate_.link[lane] = p.linked ? 1.0f : 0.0f;

    setCompressorLane(comp_, lane, p, sampleRate_);

    const float fader = (p.mute || !active) ? 0.0f : dbToGain(p.faderDb);
    fader_.setTarget(lane, fader);
    float l = 0.0f, r = 0.0f;
    panGains(p.pan, &l, &r);
    mainL_.setTarget(lane, l);
    mainR_.setTarget(lane, r);

    params_[lane] = p;
    anyCompFirst_ = anyEqFirst_ = false;
    for (int k = 0; k < lanes_; ++k) (params_[k].compFirst ? anyCompFirst_ : anyEqFirst_) = true;
    setSolo(lane, p.solo, aflMode_);
    // Mute folds into every send: the caller sets each send next (setSend), which reads it.
}

void StripBank::setSend(int lane, int bus, const SendParams& s) noexcept {
    sends_[static_cast<size_t>(lane) * busWidth_.size() + bus] = s;
    updateSendRamp(lane, static_cast<size_t>(bus), false);
}

void StripBank::setSolo(int lane, bool solo, bool afl) noexcept {
    aflMode_ = afl;
    float l = 1.0f, r = 1.0f;
    if (afl) panGains(params_[lane].pan, &l, &r);
    soloL_.setTarget(lane, solo ? l : 0.0f);
    soloR_.setTarget(lane, solo ? r : 0.0f);
}

void StripBank::updateSendRamp(int lane, size_t b, bool follow) noexcept {
    // Mute silences every send. The post-fader tap is already muted (the fader ramp
    // carries the mute), so only the pre-fader and pre-EQ taps fold it in here.
    const bool muted = params_[lane].mute;
    const bool active = lane < lanes_;
    sendsMoving_ = true;
    const SendParams& s = sends_[static_cast<size_t>(lane) * busWidth_.size() + b];
    const float g = (s.on && active) ? dbToGain(s.levelDb) : 0.0f;
    float gl = g, gr = 0.0f;
    if (busWidth_[b] == 2) {
        panGains(s.pan, &gl, &gr);
        gl *= g;
        gr *= g;
    }
    const size_t sig = static_cast<size_t>(busSignal_[b]);
    for (int t = 0; t < 3; ++t) {
        const bool used = static_cast<int>(s.tap) == t && (t == static_cast<int>(SendTap::PostFader) || !muted);
        dsp::LaneRamp& left = sendRamps_[sig * 3 + t];
        left.setTarget(lane, used ? gl : 0.0f);
        left.setFollow(lane, follow);
        if (busWidth_[b] == 2) {
            dsp::LaneRamp& right = sendRamps_[(sig + 1) * 3 + t];
            right.setTarget(lane, used ? gr : 0.0f);
            right.setFollow(lane, follow);
        }
    }
}

// ---- scene fades ---------------------------------------------------------------------

void StripBank::fadeFader(int lane, float faderDb) noexcept {
    params_[lane].faderDb = faderDb;
    const bool silent = params_[lane].mute || lane >= lanes_ || std::isinf(faderDb);
    fader_.setTarget(lane, silent ? 0.0f : dsp::fastDbToGain(faderDb));
    fader_.setFollow(lane, true);
}

void StripBank::fadePan(int lane, float pan) noexcept {
    params_[lane].pan = pan;
    float l = 0.0f, r = 0.0f;
    panGains(pan, &l, &r);
    mainL_.setTarget(lane, l);
    mainR_.setTarget(lane, r);
    mainL_.setFollow(lane, true);
    mainR_.setFollow(lane, true);
    setSolo(lane, params_[lane].solo, aflMode_);
}

void StripBank::fadeSend(int lane, int bus, float levelDb, float pan) noexcept {
    SendParams& s = sends_[static_cast<size_t>(lane) * busWidth_.size() + static_cast<size_t>(bus)];
    s.levelDb = levelDb;
    s.pan = pan;
    updateSendRamp(lane, static_cast<size_t>(bus), true);
}

void StripBank::endFade() noexcept {
    for (auto* r : {&fader_, &mainL_, &mainR_}) r->follow = dsp::LaneVec{};
    for (auto& r : sendRamps_) r.follow = dsp::LaneVec{};
}

void StripBank::updateCoefficients(bool force) noexcept {
    bool moving = false;
    for (int l = 0; l < kLanes; ++l) {
        const StripParams& p = params_[l];
        if (hpfGlide_[l].step(filterGlide_) || force) {
            dsp::BiquadDouble sec[2] = {};
            if (p.hpfOn && l < lanes_)
                dsp::designButterworthHighPassDouble(sampleRate_, std::exp2(hpfGlide_[l].freqLog2), p.hpfOrder, sec);
            hpf_.set(0, l, sec[0]);
            hpf_.set(1, l, sec[1]);
        }
        moving = moving || hpfGlide_[l].moving;
        for (int b = 0; b < kEqBands; ++b) {
            FilterGlide& g = eqGlide_[l][b];
            if (!g.step(filterGlide_) && !force) continue;
            const dsp::BiquadDouble c = l < lanes_ ? eqSection(g, p.bandType[b], sampleRate_) : dsp::BiquadDouble{};
            (p.compFirst ? eqPost_ : eqPre_).set(b, l, c);
            (p.compFirst ? eqPre_ : eqPost_).set(b, l, dsp::identityBiquad());
            moving = moving || g.moving;
        }
    }
    hpf_.updateActive();
    eqPre_.updateActive();
    eqPost_.updateActive();
    filterDirty_ = moving;
}

// ---- signal path -----------------------------------------------------------------------

void StripBank::fillSources(const float* const* in, int numIn, const float* const* play, int n) noexcept {
    for (int l = 0; l < kLanes; ++l) {
        switch (source_[l]) {
        case SourceKind::Playback: {
            const float* p = play && l < lanes_ ? play[first_ + l] : nullptr;
            for (int i = 0; i < n; ++i) x_[i][l] = p ? p[i] : 0.0f;
            break;
        }
        case SourceKind::Live: {
            const int k = input_[l] - 1;
            if (k >= 0 && k < numIn && in[k]) {
                for (int i = 0; i < n; ++i) x_[i][l] = in[k][i];
            } else {
                for (int i = 0; i < n; ++i) x_[i][l] = 0.0f;
            }
            break;
        }
        case SourceKind::Sine:
            for (int i = 0; i < n; ++i) {
                x_[i][l] = oscGain_[l] * static_cast<float>(std::sin(2.0 * kPi * oscPhase_[l]));
                oscPhase_[l] += oscInc_[l];
                if (oscPhase_[l] >= 1.0) oscPhase_[l] -= 1.0;
            }
            break;
        case SourceKind::Pink:
            // Paul Kellet's refined pink filter over xorshift32 white noise (seeded per channel).
            for (int i = 0; i < n; ++i) {
                const float pink = pink_[l].next(rng_[l].next());
                x_[i][l] = oscGain_[l] * pink * 0.25f; // about the sine's RMS at the same level
            }
            break;
        }
    }
}

void StripBank::process(const float* const* in, int numIn, const float* const* play, int n, uint64_t time,
                        LaneVec* busAcc, LaneVec* mainAcc, LaneVec* monitorAcc, bool soloActive) noexcept {
    if (time % kTick == 0) {
        for (auto* r : {&trim_, &fader_, &mainL_, &mainR_, &soloL_, &soloR_}) r->tick(gainGlide_);
        if (sendsMoving_) { // most of the time no send moves: skip touching them all
            bool any = false;
            for (auto& r : sendRamps_) {
                r.tick(gainGlide_);
                any = any || r.moving;
            }
            sendsMoving_ = any;
        }
    }
    if (filterDirty_ && time % (kTick * kCoefTicks) == 0) updateCoefficients(false);

    fillSources(in, numIn, play, n);
    if (keepInput_) std::copy(x_, x_ + n, inputTap_);
    dsp::scaleRamp(x_, trim_, n);
    accumulateLevel(x_, n, inPeak_, inSumSq_);
    delay_.process(x_, n);
    hpf_.process(x_, n);
    if (gate_.any()) gate_.process(x_, n);

    bool preEqUsed = false;
    for (int s = 0; s < signals_ && !preEqUsed; ++s) preEqUsed = !sendRamps_[s * 3].isZero();
    if (preEqUsed) std::copy(x_, x_ + n, preEq_);

    if (anyEqFirst_) eqPre_.process(x_, n);
    if (comp_.any()) comp_.process(x_, n);
    if (anyCompFirst_) eqPost_.process(x_, n);

    std::copy(x_, x_ + n, pre_);
    dsp::applyRamp(post_, pre_, fader_, n);
    accumulateLevel(post_, n, outPeak_, outSumSq_);
    dsp::accumulateRamp(mainAcc, post_, mainL_, n);
    dsp::accumulateRamp(mainAcc + kTick, post_, mainR_, n);

    const LaneVec* taps[3] = {preEq_, pre_, post_};
    for (int s = 0; s < signals_; ++s)
        for (int t = 0; t < 3; ++t) {
            dsp::LaneRamp& r = sendRamps_[static_cast<size_t>(s) * 3 + t];
            if (!r.isZero()) dsp::accumulateRamp(busAcc + static_cast<size_t>(s) * kTick, taps[t], r, n);
        }

    if (soloActive) {
        const LaneVec* tap = aflMode_ ? post_ : pre_;
        if (!soloL_.isZero()) dsp::accumulateRamp(monitorAcc, tap, soloL_, n);
        if (!soloR_.isZero()) dsp::accumulateRamp(monitorAcc + kTick, tap, soloR_, n);
    }
}

void StripBank::copyTap(int lane, bool post, float* dst, int n) const noexcept {
    const dsp::LaneVec* src = post ? pre_ : inputTap_;
    for (int i = 0; i < n; ++i) dst[i] = src[i][lane];
}

StripBank::LaneMeters StripBank::takeMeters(int lane) noexcept {
    LaneMeters m{inPeak_[lane], inSumSq_[lane], outPeak_[lane], outSumSq_[lane], gate_.grMaxDb[lane],
                 comp_.grMaxDb[lane]};
    inPeak_[lane] = inSumSq_[lane] = outPeak_[lane] = outSumSq_[lane] = 0.0f;
    gate_.grMaxDb[lane] = comp_.grMaxDb[lane] = 0.0f;
    return m;
}

} // namespace hr
