#include "dsp/echo.h"

#include <algorithm>
#include <cmath>

namespace hr::dsp {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kGlideSeconds = 0.050; // a new time is reached along a 50 ms one-pole

struct Tone {
    float a;
    float apply(float x, float& state, float& prev, bool highPass) const noexcept {
        if (highPass) {
            state = a * (state + x - prev);
            prev = x;
            return state;
        }
        state += (1.0f - a) * (x - state);
        return state;
    }
};
} // namespace

void Echo::prepare(double sampleRate, int latencySamples) {
    // Allocated and cleared here only: reset() forgets the contents instead of clearing 1 MB
    // on the audio thread (a type change would cost a whole block).
    rate_ = sampleRate;
    latency_ = latencySamples;
    const size_t size = static_cast<size_t>(std::ceil(kMaxMs * 1e-3 * sampleRate)) + 4;
    bufL_.assign(size, 0.0f);
    bufR_.assign(size, 0.0f);
    glide_ = 1.0 - std::exp(-1.0 / (kGlideSeconds * sampleRate));
    set(p_);
    reset();
}

void Echo::reset() noexcept {
    written_ = 0; // what was written before reads as silence
    pos_ = 0;
    delay_ = target_;
    lowStateL_ = lowPrevL_ = highStateL_ = lowStateR_ = lowPrevR_ = highStateR_ = 0.0f;
}

void Echo::set(const EchoParams& p) noexcept {
    p_ = p;
    const double ms = std::clamp(static_cast<double>(p.timeMs), 1.0, kMaxMs);
    target_ = std::clamp(ms * 1e-3 * rate_, static_cast<double>(latency_) + 1.0, static_cast<double>(bufL_.size()) - 3.0);
    lowOn_ = p.lowCutHz > 20.0f;
    highOn_ = p.highCutHz < 20000.0f;
    lowA_ = static_cast<float>(std::exp(-2.0 * kPi * p.lowCutHz / rate_));
    highA_ = static_cast<float>(std::exp(-2.0 * kPi * std::min<double>(p.highCutHz, 0.45 * rate_) / rate_));
}

// The sample written `delay` samples before the current write position, linearly
// interpolated; an integer delay reads one sample exactly.
float Echo::read(const std::vector<float>& buf, double delay) const noexcept {
    const int size = static_cast<int>(buf.size());
    const int whole = static_cast<int>(delay);
    const float frac = static_cast<float>(delay - whole);
    int i = pos_ - whole;
    if (i < 0) i += size;
    int j = i - 1;
    if (j < 0) j += size;
    // Only what was written since reset() is there (`whole` back is written_ >= whole).
    const float a = whole <= written_ ? buf[static_cast<size_t>(i)] : 0.0f;
    if (frac == 0.0f) return a;
    const float b = whole + 1 <= written_ ? buf[static_cast<size_t>(j)] : 0.0f;
    return a + frac * (b - a);
}

void Echo::process(const float* inL, const float* inR, float* outL, float* outR, int n) noexcept {
    const Tone low{lowA_}, high{highA_};
    const float fb = std::clamp(p_.feedback, 0.0f, 0.95f);
    const int size = static_cast<int>(bufL_.size());
    for (int s = 0; s < n; ++s) {
        if (delay_ != target_) {
            delay_ += (target_ - delay_) * glide_;
            if (std::fabs(target_ - delay_) < 1e-3) delay_ = target_;
        }
        // Heard `latency_` early (the console hears it that much late); fed back on time, so
        // every repeat after the first is a whole delay after the one before.
        const float yl = read(bufL_, delay_ - latency_), yr = read(bufR_, delay_ - latency_);
        float tl = read(bufL_, delay_), tr = read(bufR_, delay_);
        if (lowOn_) {
            tl = low.apply(tl, lowStateL_, lowPrevL_, true);
            tr = low.apply(tr, lowStateR_, lowPrevR_, true);
        }
        if (highOn_) {
            float unused = 0.0f;
            tl = high.apply(tl, highStateL_, unused, false);
            tr = high.apply(tr, highStateR_, unused, false);
        }
        float wl, wr;
        if (p_.pingPong) {
            wl = 0.5f * (inL[s] + inR[s]) + fb * tr;
            wr = fb * tl;
        } else {
            wl = inL[s] + fb * tl;
            wr = inR[s] + fb * tr;
        }
        bufL_[static_cast<size_t>(pos_)] = wl;
        bufR_[static_cast<size_t>(pos_)] = wr;
        if (++pos_ == size) pos_ = 0;
        if (written_ < size) ++written_;
        outL[s] = yl;
        outR[s] = yr;
    }
}

} // namespace hr::dsp
