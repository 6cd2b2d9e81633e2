#include "console/talkback.h"

#include "console/bank_util.h"
#include "params/spec.h"

#include <cmath>

namespace hr {

namespace {
// Kellet's filter over uniform white noise has an RMS of 1.66: this brings it to the sine's
// 0.707 at the same level (measured over 1 s by test_talkback.cpp).
constexpr float kPinkToSineRms = 0.4269f;
} // namespace

void TalkGen::prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    // Stepped every sample: the same 10 ms time constant and tail as the banks' gain ramps.
    glide_ = dsp::Smoothing::onePole(sampleRate, bank::kGainGlideSeconds, 1, bank::kGainTailPerSecond);
    setTalk(talkP_);
    setGen(genP_);
    reset();
}

void TalkGen::reset() noexcept {
    talkGain_ = talkTarget_;
    dimGain_ = dimTarget_;
    genGain_ = genTarget_;
    phase_ = 0.0;
    white_ = dsp::WhiteNoise{};
    pink_.reset();
}

void TalkGen::setTalk(const TalkParams& p) noexcept {
    talkP_ = p;
    const bool on = p.on && p.input > 0;
    talkTarget_ = on ? dbToGain(p.levelDb) : 0.0f;
    dimTarget_ = on ? dbToGain(p.dimDb) : 1.0f;
}

void TalkGen::setGen(const GenParams& p) noexcept {
    genP_ = p;
    genTarget_ = dbToGain(p.levelDb);
    phaseInc_ = p.freqHz / sampleRate_;
}

void TalkGen::render(const float* const* in, int numIn, int n) noexcept {
    // Talk: the input through its gate. Silent and settled: nothing to add.
    const int k = talkP_.input - 1;
    const float* mic = k >= 0 && k < numIn ? in[k] : nullptr;
    talkSounds_ = (talkGain_ != 0.0f || talkTarget_ != 0.0f) && mic;
    if (talkSounds_) {
        for (int i = 0; i < n; ++i) {
            talkGain_ = glide_.next(talkGain_, talkTarget_);
            talk_[i] = mic[i] * talkGain_;
        }
    } else {
        talkGain_ = talkTarget_; // no input to carry: nothing to glide
    }
    dimmed_ = dimGain_ != 1.0f || dimTarget_ != 1.0f;
    if (dimmed_)
        for (int i = 0; i < n; ++i) {
            dimGain_ = glide_.next(dimGain_, dimTarget_);
            dim_[i] = dimGain_;
        }

    genSounds_ = genGain_ != 0.0f || genTarget_ != 0.0f;
    if (!genSounds_) return;
    for (int i = 0; i < n; ++i) {
        genGain_ = glide_.next(genGain_, genTarget_);
        float x = 0.0f;
        switch (genP_.type) {
        case GenType::Sine:
            x = static_cast<float>(std::sin(2.0 * bank::kPi * phase_));
            phase_ += phaseInc_;
            if (phase_ >= 1.0) phase_ -= 1.0;
            break;
        case GenType::Pink: x = pink_.next(white_.next()) * kPinkToSineRms; break;
        case GenType::White: x = white_.next() * 1.2247449f; break;         // uniform: RMS 1/sqrt(3); x sqrt(1.5): the sine's
        }
        gen_[i] = x * genGain_;
    }
}

} // namespace hr
