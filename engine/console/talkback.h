// Talkback and the line-check generator: two signals the console adds into chosen buses and
// main, and the dim that drops main and the monitor pair while the engineer talks.
//
//   talk:  interface input /talk/input x /talk/level, gated by /talk/on (ramped like a mute)
//          -> the chosen buses' sums, ahead of their masters (the wedge's EQ, limiter and
//          fader act on it as on the band), and, with /talk/main, onto main after the dim
//          (so the engineer is heard over the dimmed band, not dimmed with it);
//   dim:   while talking, main and the monitor pair drop by /talk/dim dB (ramped);
//   gen:   sine, pink or white at /gen/level (dBFS; sine peak, noise about the same RMS)
//          -> the chosen buses' and main's sums. Separate from each channel's oscillator.
// Gains glide as a fader's do (10 ms one-pole), per sample; nothing here allocates.
#pragma once

#include "dsp/lanes.h"
#include "dsp/noise.h"
#include "dsp/smoothing.h"

#include <cstdint>
#include <limits>

namespace hr {

enum class GenType : uint8_t { Sine, Pink, White }; // /gen/type

struct TalkParams {
    int input = 0;          // 1-based interface input, 0 none
    bool on = false;        //
    float levelDb = 0.0f;   //
    float dimDb = -20.0f;   // main and monitor gain while talking
};

struct GenParams {
    GenType type = GenType::Sine;
    float freqHz = 1000.0f;
    float levelDb = -std::numeric_limits<float>::infinity(); // off
};

class TalkGen {
public:
    void prepare(double sampleRate);            // control thread
    void reset() noexcept;                      // glides jump to their targets, state cleared
    void setTalk(const TalkParams& p) noexcept; // audio thread
    void setGen(const GenParams& p) noexcept;   // audio thread

    // audio thread: this segment's signals (n <= dsp::kTick) from the interface inputs.
    void render(const float* const* in, int numIn, int n) noexcept;
    const float* talk() const noexcept { return talk_; } // the talk signal, gated and levelled
    const float* gen() const noexcept { return gen_; }   // the generator
    const float* dim() const noexcept { return dim_; }   // main / monitor gain per sample
    bool talking() const noexcept { return talkSounds_; } // talk_ is not all zeros
    bool generating() const noexcept { return genSounds_; }
    bool dimming() const noexcept { return dimmed_; }    // dim_ is not all ones

private:
    double sampleRate_ = 48000.0;
    dsp::Smoothing glide_;
    TalkParams talkP_;
    GenParams genP_;
    float talkGain_ = 0.0f, talkTarget_ = 0.0f; // level x on
    float dimGain_ = 1.0f, dimTarget_ = 1.0f;
    float genGain_ = 0.0f, genTarget_ = 0.0f;
    double phase_ = 0.0, phaseInc_ = 0.0;
    dsp::WhiteNoise white_;
    dsp::PinkFilter pink_;
    bool talkSounds_ = false, genSounds_ = false, dimmed_ = false;
    float talk_[dsp::kTick] = {}, gen_[dsp::kTick] = {}, dim_[dsp::kTick] = {};
};

} // namespace hr
