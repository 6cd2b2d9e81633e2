// Disk benchmark: sustained recording (and optionally playback) at real-time pace, the way a
// device would drive it, with figures for the writer's throughput and the rings' fill.
#pragma once

#include <string>

namespace hr {

struct RecordBench {
    int tracks = 0;
    double rate = 0.0, seconds = 0.0;
    double megabytesPerSecond = 0.0; // what the writer put on disk, over the run
    double peakRingFill = 0.0;       // the fullest any track's ring got, 0..1
    unsigned long long dropped = 0;  // samples lost (must be 0)
    unsigned long long underruns = 0; // playback blocks starved (must be 0)
    std::string take, error;
};

// Records `tracks` of noise at `rate` for `seconds` into dir, paced in blocks of 256 frames.
// With playTake non-empty, plays that take back (every track) at the same time.
RecordBench benchRecord(const std::string& dir, int tracks, double rate, double seconds, const std::string& playTake);

} // namespace hr
