// Benchmark: consoles of several shapes with every strip feature on, over noise.
#pragma once

#include "console/console.h"

#include <memory>
#include <vector>

namespace hr {

// Switches on everything a strip and a bus master can do (HPF 24 dB/oct, gate, four EQ
// bands with gain, compressor, delay, every send at -10 dB post-fader, bus EQ and
// compressor), so a benchmark or an allocation test exercises the whole path.
void enableEveryFeature(Console& console);
// And the console-wide units on top: every channel in a DCA, 4 FX running (plate, hall and room
// on buses 1-3, a delay on bus 4, returning into main and buses 1-2), matrices 1-2 fed from main
// and bus 1 with EQ, limiter and delay, talkback on to bus 1 and the generator (pink) on bus 2.
void enableFxAndGroups(Console& console);

// A console of the benchmark's shape (channels x mono buses, 48 kHz) with every feature on.
std::unique_ptr<Console> makeBenchConsole(int channels, int buses, int block);

struct BenchResult {
    int channels = 0, buses = 0;
    double nsPerChannelSample = 0.0; // median run: wall time / (channels * frames)
    double realtimeShare = 0.0;      // median run: wall time / audio time (1.0 = a whole core)
    std::vector<double> runSeconds;  // every run's wall time
};

// control thread: a full scene recall (every parameter different) on a channels x buses
// console, medians of `runs`: the control thread's time, and the audio thread's first block
// after it (64 frames: reads every strip) against that block's period.
struct RecallBench { double controlMs = 0.0, firstBlockMs = 0.0, blockPeriodMs = 0.0; };
RecallBench benchRecall(int channels, int buses, int runs);

// control thread: processes `seconds` of noise in blocks of `block` at 48 kHz, `runs` times.
// `fx`: with enableFxAndGroups too; `silence`: the inputs are silent (denormals would show).
BenchResult benchConsole(int channels, int buses, double seconds, int block, int runs, bool fx = false, bool silence = false);

} // namespace hr
