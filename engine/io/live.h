// LiveEngine: the console as the audio callback sees it, plus what a live rig needs
// around it: the demo band as a source, DSP load and xrun figures, and a console that
// can be replaced (a show of another shape) at a block boundary.
//
// Threads: process() is the audio thread's only entry; everything else is the control
// thread's. A replaced console is published with an atomic pointer swap and freed on
// the control thread once the audio thread has acknowledged it (io/handoff.h): until then
// it is dead wood, freed by a later replaceConsole or the destructor, never on a timeout.
#pragma once

#include "console/console.h"
#include "io/demo_band.h"
#include "io/handoff.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <vector>

namespace hr {

struct LoadFigures {
    double averagePercent = 0.0; // callback time / period, over the last second
    double peakPercent = 0.0;    // the worst block of the last second
    uint64_t xruns = 0;          // under/overruns the driver reported
    uint64_t blocks = 0;         // callbacks run
};

class LiveEngine {
public:
    explicit LiveEngine(std::unique_ptr<Console> console); // control thread
    ~LiveEngine();

    Console& console() { return *owned_; } // control thread: the current console
    // control thread: swaps in a console at the next block boundary and frees the old one
    // once the audio thread has let go of it (waits for that at most `patience`, a block
    // being at most a period). Returns false when the old console is still dead wood: the
    // audio thread has not finished the block it was in; it is freed by a later call.
    bool replaceConsole(std::unique_ptr<Console> next,
                        std::chrono::milliseconds patience = std::chrono::milliseconds(1000));
    size_t deadWood() const { return deadWood_.size(); } // control thread: consoles not yet freed

    // control thread, stream stopped: the rate and largest block the device grants
    void prepare(double sampleRate, int maxBlock);
    double sampleRate() const { return sampleRate_; }
    int maxBlock() const { return maxBlock_; }

    void setDemo(bool on) { demo_.store(on); } // any thread: the demo band feeds inputs 1..16
    bool demo() const { return demo_.load(); }

    // audio thread: one device block. `xrun` when the driver reported an under/overrun.
    void process(const float* const* in, int numIn, float* const* out, int numOut, int frames, bool xrun) noexcept;

    LoadFigures load() const;   // any thread
    uint64_t blocks() const { return blocks_.load(std::memory_order_acquire); } // any thread

private:
    std::unique_ptr<Console> owned_;
    std::atomic<Console*> active_{nullptr}; // what the audio thread processes (loaded seq_cst)
    AudioUse use_;                          // entered by process() for the whole block
    struct Retired {
        uint64_t ticket;
        std::unique_ptr<Console> console;
    };
    std::vector<Retired> deadWood_; // replaced consoles the audio thread may still be in
    double sampleRate_ = 48000.0;
    int maxBlock_ = 256;

    std::atomic<bool> demo_{false};
    DemoBand band_;
    std::vector<float> demoBuf_;
    std::vector<const float*> inPtrs_;

    // load measurement (audio thread writes, others read)
    std::atomic<uint64_t> blocks_{0}, xruns_{0};
    std::atomic<double> loadAverage_{0.0}, loadPeak_{0.0};
    double windowBusy_ = 0.0, windowPeriod_ = 0.0, windowPeak_ = 0.0; // audio thread only
};

} // namespace hr
