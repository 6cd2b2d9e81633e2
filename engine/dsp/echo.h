// Echo: a stereo delay with feedback, tone in the feedback path and ping-pong, for the FX
// slots. The read tap glides to a new time (a tape delay's pitch bend, never a click), and
// sits on it exactly: a repeat lands on the sample the time names (test_fx.cpp).
//
//   straight:  L' = inL + fb * tone(L_delayed),  R' = inR + fb * tone(R_delayed)
//   ping-pong: L' = (inL + inR) / 2 + fb * tone(R_delayed),  R' = fb * tone(L_delayed)
//              (the first repeat on the left, then right, left, ...)
// Tone: a one-pole low cut and high cut (6 dB/oct); at 20 Hz and 20 kHz they are off, so the
// repeats then decay by exactly the feedback each time.
#pragma once

#include <vector>

namespace hr::dsp {

struct EchoParams {
    float timeMs = 375.0f;      // 1..3000
    float feedback = 0.35f;     // 0..0.95 per repeat
    float lowCutHz = 20.0f;     // 20 = off
    float highCutHz = 20000.0f; // 20000 = off
    bool pingPong = false;
};

class Echo {
public:
    static constexpr double kMaxMs = 3000.0;

    // control thread: allocates. `latencySamples` is taken off the output's time (not the
    // feedback's): the console hears the return that much later (a tick), so every repeat
    // still lands on time.
    void prepare(double sampleRate, int latencySamples);
    void reset() noexcept;                     // silence (O(1): the old contents are forgotten); the tap jumps to its time
    void set(const EchoParams& p) noexcept;    // audio thread
    void process(const float* inL, const float* inR, float* outL, float* outR, int n) noexcept; // audio thread

    double delaySamples() const noexcept { return target_; } // where the feedback tap settles (tests)

private:
    float read(const std::vector<float>& buf, double delay) const noexcept;

    double rate_ = 48000.0;
    int latency_ = 0;
    EchoParams p_;
    std::vector<float> bufL_, bufR_;
    int pos_ = 0;
    int written_ = 0; // samples written since reset(), up to the buffer's size
    double delay_ = 0.0, target_ = 0.0, glide_ = 0.0; // tap now, its target, glide per sample
    float lowA_ = 0.0f, highA_ = 0.0f;
    bool lowOn_ = false, highOn_ = false;
    float lowStateL_ = 0, lowPrevL_ = 0, highStateL_ = 0, lowStateR_ = 0, lowPrevR_ = 0, highStateR_ = 0;
};

} // namespace hr::dsp
