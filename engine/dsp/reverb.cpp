#include "dsp/reverb.h"

#include <algorithm>
#include <cmath>

namespace hr::dsp {

namespace {
constexpr double kPi = 3.14159265358979323846;
constexpr double kMaxSize = 2.0;

// Line lengths in ms at size 1, mutually prime once in samples (rounded to odd numbers).
constexpr double kLineMs[3][Reverb::kLines] = {
    {17.3, 19.7, 23.1, 26.3, 29.9, 33.7, 37.9, 43.1}, // plate
    {29.7, 37.1, 41.1, 43.7, 53.3, 59.3, 67.1, 73.3}, // hall
    {10.1, 11.9, 13.7, 15.1, 17.9, 19.9, 23.3, 25.7}, // room
};
// Input diffusers: the lengths of Dattorro's plate ("Effect Design, Part 1", JAES 45(9),
// 1997: 142, 107, 379 and 277 samples at 29761 Hz).
constexpr double kDiffuserMs[Reverb::kDiffusers] = {4.771, 3.595, 12.735, 9.307};
constexpr float kWet = 0.35f; // output scale: a 2 s hall about as loud as its input

int odd(double samples) {
    const int n = std::max(1, static_cast<int>(std::lround(samples)));
    return n | 1;
}

float onePoleCoef(double hz, double rate) { return static_cast<float>(std::exp(-2.0 * kPi * hz / rate)); }

// Normalised 8-point Walsh-Hadamard transform, in place: orthogonal, so lossless.
inline void hadamard8(float* v) noexcept {
    for (int h = 1; h < 8; h *= 2)
        for (int i = 0; i < 8; i += 2 * h)
            for (int j = i; j < i + h; ++j) {
                const float a = v[j], b = v[j + h];
                v[j] = a + b;
                v[j + h] = a - b;
            }
    constexpr float kNorm = 0.35355339f; // 1 / sqrt(8)
    for (int i = 0; i < 8; ++i) v[i] *= kNorm;
}

constexpr float kSignL[Reverb::kLines] = {1, -1, 1, -1, 1, -1, 1, -1};
constexpr float kSignR[Reverb::kLines] = {1, 1, -1, -1, 1, 1, -1, -1};
constexpr float kSignIn[Reverb::kLines] = {1, 1, 1, 1, -1, -1, -1, -1};
} // namespace

void Reverb::prepare(double sampleRate, double maxPredelayMs) {
    rate_ = sampleRate;
    for (int i = 0; i < kLines; ++i) {
        double longest = 0.0;
        for (const auto& type : kLineMs) longest = std::max(longest, type[i]);
        lines_[i].buf.assign(static_cast<size_t>(odd(longest * kMaxSize * 1e-3 * sampleRate)) + 1, 0.0f);
    }
    for (int i = 0; i < kDiffusers; ++i)
        diffusers_[i].buf.assign(static_cast<size_t>(odd(kDiffuserMs[i] * kMaxSize * 1e-3 * sampleRate)) + 1, 0.0f);
    predelay_.buf.assign(static_cast<size_t>(maxPredelayMs * 1e-3 * sampleRate) + 2, 0.0f);
    set(p_);
    reset();
}

// O(1) on the audio thread: nothing is cleared (the lines hold 1.7 MB at 192 kHz); what a
// line held before reads as silence until it has been written again (primed_).
void Reverb::reset() noexcept {
    for (Line& l : lines_) l.pos = 0;
    for (Line& l : diffusers_) l.pos = 0;
    predelay_.pos = 0;
    primed_ = 0;
    std::fill(std::begin(lp_), std::end(lp_), 0.0f);
    lowState_ = lowPrev_ = highState_ = 0.0f;
}

void Reverb::set(const ReverbParams& p) noexcept {
    p_ = p;
    const double size = std::clamp(static_cast<double>(p.size), 0.25, kMaxSize);
    const double t60 = std::max(0.05, static_cast<double>(p.decaySeconds));
    const double alpha = std::clamp(1.0 - 0.9 * static_cast<double>(p.damping), 0.1, 1.0);
    const int type = static_cast<int>(p.type);
    for (int i = 0; i < kLines; ++i) {
        len_[i] = std::min(odd(kLineMs[type][i] * size * 1e-3 * rate_), static_cast<int>(lines_[i].buf.size()));
        const double g = std::pow(10.0, -3.0 * len_[i] / (t60 * rate_));
        const double b = std::log(10.0) / 4.0 * std::log10(g) * (1.0 - 1.0 / (alpha * alpha)); // Jot's absorption pole
        gain_[i] = static_cast<float>(g * (1.0 - b));
        absorb_[i] = static_cast<float>(b);
        if (lines_[i].pos >= len_[i]) lines_[i].pos = 0;
    }
    for (int i = 0; i < kDiffusers; ++i) {
        diffLen_[i] = std::min(odd(kDiffuserMs[i] * size * 1e-3 * rate_), static_cast<int>(diffusers_[i].buf.size()));
        if (diffusers_[i].pos >= diffLen_[i]) diffusers_[i].pos = 0;
    }
    // A plate's diffusion is denser at the same setting.
    diffGain_ = static_cast<float>(std::clamp(static_cast<double>(p.diffusion), 0.0, 1.0) * (p.type == ReverbType::Plate ? 0.75 : 0.65));
    preLen_ = std::clamp(static_cast<int>(std::lround(p.predelayMs * 1e-3 * rate_)), 0, static_cast<int>(predelay_.buf.size()) - 1);
    lowOn_ = p.lowCutHz > 20.0f;
    highOn_ = p.highCutHz < 20000.0f;
    lowCutA_ = onePoleCoef(p.lowCutHz, rate_);
    highCutA_ = onePoleCoef(std::min(static_cast<double>(p.highCutHz), 0.45 * rate_), rate_);
}

void Reverb::process(const float* in, float* outL, float* outR, int n) noexcept {
    const int preSize = static_cast<int>(predelay_.buf.size());
    for (int s = 0; s < n; ++s) {
        // Predelay: a ring of the largest size, read preLen_ behind the write.
        float x = in[s];
        predelay_.buf[static_cast<size_t>(predelay_.pos)] = x;
        int r = predelay_.pos - preLen_;
        if (r < 0) r += preSize;
        const bool cold = primed_ < kWarm; // some line may still hold what was there before reset()
        x = !cold || preLen_ <= primed_ ? predelay_.buf[static_cast<size_t>(r)] : 0.0f;
        if (++predelay_.pos == preSize) predelay_.pos = 0;
        // Low cut (one-pole high-pass) and high cut (one-pole low-pass).
        if (lowOn_) {
            lowState_ = lowCutA_ * (lowState_ + x - lowPrev_);
            lowPrev_ = x;
            x = lowState_;
        }
        if (highOn_) {
            highState_ += (1.0f - highCutA_) * (x - highState_);
            x = highState_;
        }
        // Diffusers: Schroeder allpasses in series.
        for (int d = 0; d < kDiffusers; ++d) {
            Line& l = diffusers_[d];
            const float delayed = !cold || diffLen_[d] <= primed_ ? l.buf[static_cast<size_t>(l.pos)] : 0.0f;
            const float w = x + diffGain_ * delayed;
            x = delayed - diffGain_ * w;
            l.buf[static_cast<size_t>(l.pos)] = w;
            if (++l.pos == diffLen_[d]) l.pos = 0;
        }
        // The network: each line's output through its absorption filter, mixed, fed back.
        float v[kLines];
        float left = 0.0f, right = 0.0f;
        for (int i = 0; i < kLines; ++i) {
            const float o = !cold || len_[i] <= primed_ ? lines_[i].buf[static_cast<size_t>(lines_[i].pos)] : 0.0f;
            lp_[i] = gain_[i] * o + absorb_[i] * lp_[i];
            v[i] = lp_[i];
            left += kSignL[i] * v[i];
            right += kSignR[i] * v[i];
        }
        hadamard8(v);
        for (int i = 0; i < kLines; ++i) {
            Line& l = lines_[i];
            l.buf[static_cast<size_t>(l.pos)] = v[i] + kSignIn[i] * 0.35355339f * x;
            if (++l.pos == len_[i]) l.pos = 0;
        }
        outL[s] = left * kWet;
        outR[s] = right * kWet;
        if (cold) ++primed_;
    }
}

} // namespace hr::dsp
