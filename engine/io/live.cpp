#include "io/live.h"

#include <algorithm>

namespace hr {

LiveEngine::LiveEngine(std::unique_ptr<Console> console) : owned_(std::move(console)) {
    active_.store(owned_.get());
    prepare(owned_->sampleRate(), owned_->maxBlock());
}

LiveEngine::~LiveEngine() = default;

void LiveEngine::prepare(double sampleRate, int maxBlock) {
    sampleRate_ = sampleRate;
    maxBlock_ = std::max(1, maxBlock);
    owned_->prepare(sampleRate, maxBlock_);
    band_.prepare(sampleRate);
    demoBuf_.assign(static_cast<size_t>(DemoBand::kChannels) * static_cast<size_t>(maxBlock_), 0.0f);
    inPtrs_.assign(kMaxIo, nullptr);
    owned_->rampInOutputs();
}

bool LiveEngine::replaceConsole(std::unique_ptr<Console> next, std::chrono::milliseconds patience) {
    if (next->sampleRate() != sampleRate_ || next->maxBlock() != maxBlock_) next->prepare(sampleRate_, maxBlock_); // built for it: once
    next->rampInOutputs();
    active_.store(next.get(), std::memory_order_seq_cst); // unpublish the old one
    deadWood_.push_back({use_.ticket(), std::move(owned_)});
    owned_ = std::move(next);
    // Free, here on the control thread, what the audio thread has acknowledged; wait for
    // the block that may be in the newest one.
    const bool freed = use_.waitPassed(deadWood_.back().ticket, patience);
    deadWood_.erase(std::remove_if(deadWood_.begin(), deadWood_.end(), [&](const Retired& r) { return use_.passed(r.ticket); }),
                    deadWood_.end());
    return freed;
}

void LiveEngine::process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                         bool xrun) noexcept {
    const auto start = std::chrono::steady_clock::now();
    AudioUse::Scope inBlock(use_); // the console loaded below is in use until the block ends
    Console* console = active_.load(std::memory_order_seq_cst);

    numIn = in ? std::min(numIn, kMaxIo) : 0; // the null device has no inputs
    for (int k = 0; k < numIn; ++k) inPtrs_[static_cast<size_t>(k)] = in ? in[k] : nullptr;
    int inputs = numIn;
    for (int done = 0; done < frames;) {
        const int n = std::min(frames - done, maxBlock_);
        const float* const* ins = numIn > 0 ? in : nullptr;
        if (demo_.load(std::memory_order_relaxed)) {
            // The demo band replaces inputs 1..16; any further device inputs pass through.
            float* demo[DemoBand::kChannels];
            for (int c = 0; c < DemoBand::kChannels; ++c) demo[c] = &demoBuf_[static_cast<size_t>(c) * maxBlock_];
            band_.process(demo, DemoBand::kChannels, n);
            inputs = std::max(numIn, static_cast<int>(DemoBand::kChannels));
            for (int k = 0; k < inputs; ++k)
                inPtrs_[static_cast<size_t>(k)] = k < DemoBand::kChannels ? demo[k] : (in && k < numIn ? in[k] + done : nullptr);
            ins = inPtrs_.data();
        } else if (in && done > 0) {
            for (int k = 0; k < numIn; ++k) inPtrs_[static_cast<size_t>(k)] = in[k] + done;
            ins = inPtrs_.data();
        }
        float* outs[kMaxIo];
        const int m = std::min(numOut, kMaxIo);
        for (int k = 0; k < m; ++k) outs[k] = out[k] + done;
        console->process(ins, inputs, outs, m, n);
        done += n;
    }

    // DSP load: time in the callback against the period, published once a second.
    const double busy = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    const double period = frames / sampleRate_;
    windowBusy_ += busy;
    windowPeriod_ += period;
    windowPeak_ = std::max(windowPeak_, busy / period);
    if (xrun) xruns_.fetch_add(1, std::memory_order_relaxed);
    if (windowPeriod_ >= 1.0) {
        loadAverage_.store(100.0 * windowBusy_ / windowPeriod_, std::memory_order_relaxed);
        loadPeak_.store(100.0 * windowPeak_, std::memory_order_relaxed);
        windowBusy_ = windowPeriod_ = windowPeak_ = 0.0;
    }
    blocks_.fetch_add(1, std::memory_order_release);
}

LoadFigures LiveEngine::load() const {
    return {loadAverage_.load(), loadPeak_.load(), xruns_.load(), blocks_.load()};
}

} // namespace hr
