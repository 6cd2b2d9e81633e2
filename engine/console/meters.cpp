#include "console/meters.h"

#include <algorithm>
#include <cmath>

namespace hr {

namespace {
constexpr float kSilentDb = -150.0f; // below this a meter reads -inf
float toDb(float x) { return x > 0.0f ? 20.0f * std::log10(x) : kSilentDb; }
float shown(float db) { return db <= kSilentDb ? -std::numeric_limits<float>::infinity() : db; }
} // namespace

MeterValue Meter::read() const noexcept {
    return {peakDb_.load(std::memory_order_relaxed), holdDb_.load(std::memory_order_relaxed),
            rmsDb_.load(std::memory_order_relaxed), clip_.load(std::memory_order_relaxed)};
}

void Meter::reset() noexcept {
    peakDbState_ = holdDbState_ = kSilentDb;
    holdLeft_ = meanSquare_ = 0.0f;
    peakDb_.store(shown(kSilentDb));
    holdDb_.store(shown(kSilentDb));
    rmsDb_.store(shown(kSilentDb));
    clip_.store(false);
}

void Meter::publish(float blockPeak, float blockSumSquares, int frames, const MeterBallistics& b) noexcept {
    const float seconds = static_cast<float>(frames / b.sampleRate);
    const float fall = b.fallDbPerSecond * seconds;
    const float peakDb = toDb(blockPeak);

    peakDbState_ = std::max(peakDb, std::max(kSilentDb, peakDbState_ - fall));
    if (peakDb >= holdDbState_) {
        holdDbState_ = peakDb;
        holdLeft_ = b.holdSeconds;
    } else if (holdLeft_ > 0.0f) {
        holdLeft_ -= seconds;
    } else {
        holdDbState_ = std::max(peakDbState_, holdDbState_ - fall);
    }
    // One-pole on the mean square with a 300 ms time constant, advanced by a whole block.
    const float k = 1.0f - std::exp(-seconds / b.rmsSeconds);
    const float blockMs = frames > 0 ? blockSumSquares / static_cast<float>(frames) : 0.0f;
    meanSquare_ += (blockMs - meanSquare_) * k;
    if (meanSquare_ < 1e-15f) meanSquare_ = 0.0f;

    peakDb_.store(shown(peakDbState_), std::memory_order_relaxed);
    holdDb_.store(shown(holdDbState_), std::memory_order_relaxed);
    const float rmsDb = meanSquare_ > 0.0f ? 10.0f * std::log10(meanSquare_) : kSilentDb;
    rmsDb_.store(shown(rmsDb), std::memory_order_relaxed);
    if (blockPeak >= 1.0f) clip_.store(true, std::memory_order_relaxed);
}

} // namespace hr
