// SampleRing: a single-producer, single-consumer ring of float samples with bulk writes
// and reads. The audio thread writes a segment at a time and never waits: what does not
// fit is counted as dropped, never hidden. The disk thread reads in large chunks.
// (readerwriterqueue carries objects one at a time; a sample stream wants memcpy-sized
// blocks, so this is the small lock-free ring it needs: two atomic indices.)
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <cstring>
#include <vector>

namespace hr {

class SampleRing {
public:
    void allocate(size_t capacity) { // control thread, before use: rounds up to a power of two
        size_t n = 1;
        while (n < capacity) n <<= 1;
        buffer_.assign(n, 0.0f);
        mask_ = n - 1;
        read_.store(0);
        write_.store(0);
        peak_.store(0);
    }
    size_t capacity() const { return buffer_.size(); }

    // audio thread: writes what fits; returns the number of samples written
    size_t write(const float* src, size_t n) noexcept {
        const uint64_t w = write_.load(std::memory_order_relaxed);
        const uint64_t r = read_.load(std::memory_order_acquire);
        const size_t used = static_cast<size_t>(w - r);
        const size_t room = buffer_.size() - used;
        const size_t count = std::min(n, room);
        const size_t at = static_cast<size_t>(w) & mask_;
        const size_t first = std::min(count, buffer_.size() - at);
        std::memcpy(&buffer_[at], src, first * sizeof(float));
        std::memcpy(&buffer_[0], src + first, (count - first) * sizeof(float));
        write_.store(w + count, std::memory_order_release);
        if (used + count > peak_.load(std::memory_order_relaxed)) peak_.store(used + count, std::memory_order_relaxed);
        return count;
    }

    // consumer: reads up to n samples (dst null: skips them); returns how many
    size_t read(float* dst, size_t n) noexcept {
        const uint64_t r = read_.load(std::memory_order_relaxed);
        const uint64_t w = write_.load(std::memory_order_acquire);
        const size_t count = std::min(n, static_cast<size_t>(w - r));
        const size_t at = static_cast<size_t>(r) & mask_;
        const size_t first = std::min(count, buffer_.size() - at);
        if (dst) {
            std::memcpy(dst, &buffer_[at], first * sizeof(float));
            std::memcpy(dst + first, &buffer_[0], (count - first) * sizeof(float));
        }
        read_.store(r + count, std::memory_order_release);
        return count;
    }

    void discard() noexcept { read_.store(write_.load(std::memory_order_acquire), std::memory_order_release); } // consumer

    size_t available() const noexcept { // samples waiting to be read
        return static_cast<size_t>(write_.load(std::memory_order_acquire) - read_.load(std::memory_order_acquire));
    }
    size_t peakFill() const noexcept { return peak_.load(std::memory_order_relaxed); } // most ever waiting

private:
    std::vector<float> buffer_;
    size_t mask_ = 0;
    std::atomic<uint64_t> read_{0}, write_{0};
    std::atomic<size_t> peak_{0};
};

} // namespace hr
