// Meters: written by the audio thread once per block, read lock-free by any thread.
//
// Ballistics follow IEC 60268-18 peak programme meters: instant rise, fall of 20 dB in
// 1.7 s; the peak hold stays 2 s and then falls at the same rate; RMS integrates over
// 300 ms. The clip light latches at 0 dBFS until cleared.
#pragma once

#include <atomic>
#include <limits>

namespace hr {

struct MeterValue {
    float peakDb;  // dBFS, with fall-off
    float holdDb;  // highest peak of the last 2 s
    float rmsDb;   // dBFS, 300 ms
    bool clip;     // latched at 0 dBFS
};

struct MeterBallistics {
    float fallDbPerSecond = 20.0f / 1.7f;
    float holdSeconds = 2.0f;
    float rmsSeconds = 0.3f;
    double sampleRate = 48000.0;
};

class Meter {
public:
    MeterValue read() const noexcept; // any thread
    void clearClip() noexcept { clip_.store(false, std::memory_order_relaxed); } // any thread
    void reset() noexcept;            // control thread, stream stopped

    // audio thread: one block's largest |sample| and sum of squares over `frames` samples
    void publish(float blockPeak, float blockSumSquares, int frames, const MeterBallistics& b) noexcept;

private:
    static constexpr float kFloorDb = -std::numeric_limits<float>::infinity();
    std::atomic<float> peakDb_{kFloorDb}, holdDb_{kFloorDb}, rmsDb_{kFloorDb};
    std::atomic<bool> clip_{false};
    // audio thread only
    float peakDbState_ = -150.0f, holdDbState_ = -150.0f, holdLeft_ = 0.0f, meanSquare_ = 0.0f;
};

// A gain-reduction reading in dB (positive = reduction), the largest of the last block.
class GrMeter {
public:
    float readDb() const noexcept { return db_.load(std::memory_order_relaxed); }
    void publish(float db) noexcept { db_.store(db, std::memory_order_relaxed); }

private:
    std::atomic<float> db_{0.0f};
};

} // namespace hr
