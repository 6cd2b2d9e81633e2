// The demo band's drum kit: kick, snare, hi-hat, toms and crash (see demo_band_voices.h).
//
// Each drum is a few oscillators and filtered noise with exponential envelopes; the
// constants are each drum's tuning (Hz) and decay (time constants in seconds).
#include "io/demo_band_voices.h"

#include <algorithm>

namespace hr::demo {

void SquareCluster::prepare(const float (&freqsHz)[6], double sampleRate) noexcept {
    for (int i = 0; i < 6; ++i)
        incs_[i] = float(freqsHz[i] / sampleRate);
}

void SquareCluster::reset() noexcept {
    std::fill(std::begin(phases_), std::end(phases_), 0.f);
}

float SquareCluster::process() noexcept {
    float sum = 0.f;
    for (int i = 0; i < 6; ++i) {
        phases_[i] = advancePhase(phases_[i], incs_[i]);
        sum += phases_[i] < 0.5f ? 1.f : -1.f;
    }
    return sum;
}

// ---- drums ---------------------------------------------------------------------------

void Kick::prepare(double sampleRate) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    pitchCoef_ = decayCoef(0.030f, sr_);
    ampCoef_ = decayCoef(0.30f, sr_);
    clickCoef_ = decayCoef(0.0015f, sr_);
    clickLp_.setCutoff(3000.f, sr_);
    declick_.prepare(sr_);
}

void Kick::reset() noexcept {
    noise_.seed(0x4B49434Bu);
    clickLp_.reset();
    declick_.reset();
    phase_ = velocity_ = pitchEnv_ = ampEnv_ = clickEnv_ = 0.f;
}

void Kick::trigger(float velocity) noexcept {
    velocity_ = velocity;
    pitchEnv_ = ampEnv_ = clickEnv_ = 1.f;
    phase_ = 0.f; // every hit starts on the same transient, as a beater does
    declick_.retrigger();
}

float Kick::process() noexcept {
    if (ampEnv_ < kSilent) return declick_.process(0.f);
    const float freqHz = 50.f + 110.f * pitchEnv_;
    phase_ = advancePhase(phase_, float(freqHz / sr_));
    const float body = sinTurns(phase_) * ampEnv_;
    const float click = clickLp_.lowpass(noise_.next()) * clickEnv_;
    pitchEnv_ *= pitchCoef_;
    ampEnv_ *= ampCoef_;
    clickEnv_ *= clickCoef_;
    return declick_.process(velocity_ * (body + 0.35f * click));
}

void Snare::prepare(double sampleRate) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    pitchCoef_ = decayCoef(0.015f, sr_);
    bodyCoef_ = decayCoef(0.07f, sr_);
    wiresCoef_ = decayCoef(0.13f, sr_);
    wiresCoefs_ = svfCoefs(4000.f, 0.6f, sr_);
    wiresHp_.setCutoff(1500.f, sr_);
    wiresLp_.setCutoff(10000.f, sr_); // keeps the band the same at every sample rate
}

void Snare::reset() noexcept {
    noise_.seed(0x534E4152u);
    wiresBp_.reset();
    wiresHp_.reset(), wiresLp_.reset();
    phase1_ = phase2_ = velocity_ = pitchEnv_ = bodyEnv_ = wiresEnv_ = 0.f;
}

void Snare::trigger(float velocity) noexcept {
    velocity_ = velocity;
    pitchEnv_ = bodyEnv_ = wiresEnv_ = 1.f;
}

float Snare::process() noexcept {
    if (wiresEnv_ < kSilent) return 0.f;
    // Modes of a 14" head tuned near 185 Hz; the hit bends them up by a fifth of their pitch.
    const float bend = 1.f + 0.2f * pitchEnv_;
    phase1_ = advancePhase(phase1_, float(185.0 * bend / sr_));
    phase2_ = advancePhase(phase2_, float(330.0 * bend / sr_));
    const float body = (sinTurns(phase1_) + 0.6f * sinTurns(phase2_)) * bodyEnv_;
    const float band = wiresBp_.process(noise_.next(), wiresCoefs_).band * wiresCoefs_.k;
    const float wires = wiresLp_.lowpass(wiresHp_.highpass(band)) * wiresEnv_;
    pitchEnv_ *= pitchCoef_;
    bodyEnv_ *= bodyCoef_;
    wiresEnv_ *= wiresCoef_;
    return velocity_ * (0.8f * body + 1.1f * wires);
}

static const float kHatSquaresHz[6] = {205.3f, 304.4f, 369.6f, 522.7f, 540.0f, 800.0f}; // TR-808

void HiHat::prepare(double sampleRate) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    metal_.prepare(kHatSquaresHz, sr_);
    hpCoefs_ = svfCoefs(7000.f, 0.7071f, sr_);
    lpCoefs_ = svfCoefs(15000.f, 0.7071f, sr_); // the same band at every sample rate
}

void HiHat::reset() noexcept {
    noise_.seed(0x48415453u);
    hp1_.reset(), hp2_.reset(), lp_.reset();
    metal_.reset();
    env_ = velocity_ = 0.f;
}

void HiHat::trigger(float velocity, float decayMs) noexcept {
    velocity_ = velocity;
    env_ = 1.f;
    envCoef_ = decayCoef(decayMs * 1e-3f, sr_);
}

float HiHat::process() noexcept {
    if (env_ < kSilent) return 0.f;
    const float x = 0.6f * noise_.next() + 0.12f * metal_.process();
    const float high = hp2_.process(hp1_.process(x, hpCoefs_).high, hpCoefs_).high;
    const float y = lp_.process(high, lpCoefs_).low * env_;
    env_ *= envCoef_;
    return velocity_ * y;
}

void Tom::prepare(double sampleRate, float pitchHz, float decaySec) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    pitchHz_ = pitchHz;
    pitchCoef_ = decayCoef(0.08f, sr_);
    coef1_ = decayCoef(decaySec, sr_);
    coef2_ = decayCoef(decaySec * 0.35f, sr_);
    stickCoef_ = decayCoef(0.004f, sr_);
    stickLp_.setCutoff(2500.f, sr_);
    declick_.prepare(sr_);
}

void Tom::reset() noexcept {
    noise_.seed(0x544F4D53u ^ uint32_t(pitchHz_));
    stickLp_.reset();
    declick_.reset();
    phase1_ = phase2_ = velocity_ = pitchEnv_ = env1_ = env2_ = stickEnv_ = 0.f;
}

void Tom::trigger(float velocity) noexcept {
    velocity_ = velocity;
    pitchEnv_ = env1_ = env2_ = stickEnv_ = 1.f;
    phase1_ = phase2_ = 0.f;
    declick_.retrigger();
}

float Tom::process() noexcept {
    if (env1_ < kSilent) return declick_.process(0.f);
    const float freqHz = pitchHz_ * (1.f + 0.25f * pitchEnv_);
    phase1_ = advancePhase(phase1_, float(freqHz / sr_));
    phase2_ = advancePhase(phase2_, float(1.59 * freqHz / sr_)); // circular membrane's (1,1) mode
    const float y = sinTurns(phase1_) * env1_ + 0.35f * sinTurns(phase2_) * env2_ +
                    0.4f * stickLp_.lowpass(noise_.next()) * stickEnv_;
    pitchEnv_ *= pitchCoef_;
    env1_ *= coef1_;
    env2_ *= coef2_;
    stickEnv_ *= stickCoef_;
    return declick_.process(velocity_ * y);
}

static const float kCrashSquaresHz[6] = {311.f, 427.f, 571.f, 723.f, 939.f, 1221.f};

void Crash::prepare(double sampleRate) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    metal_.prepare(kCrashSquaresHz, sr_);
    hpCoefs_ = svfCoefs(4500.f, 0.7071f, sr_);
    lpCoefs_ = svfCoefs(14000.f, 0.7071f, sr_);
    washCoef_ = decayCoef(1.1f, sr_);
    splashCoef_ = decayCoef(0.12f, sr_);
}

void Crash::reset() noexcept {
    noise_.seed(0x43524153u);
    hp1_.reset(), hp2_.reset(), lp_.reset();
    metal_.reset();
    washEnv_ = splashEnv_ = velocity_ = 0.f;
}

void Crash::trigger(float velocity) noexcept {
    velocity_ = velocity;
    washEnv_ = splashEnv_ = 1.f;
}

float Crash::process() noexcept {
    if (washEnv_ < kSilent) return 0.f;
    const float x = 0.7f * noise_.next() + 0.1f * metal_.process();
    const float high = hp2_.process(hp1_.process(x, hpCoefs_).high, hpCoefs_).high;
    const float y = lp_.process(high, lpCoefs_).low * (0.5f * washEnv_ + 0.8f * splashEnv_);
    washEnv_ *= washCoef_;
    splashEnv_ *= splashCoef_;
    return velocity_ * y;
}

} // namespace hr::demo
