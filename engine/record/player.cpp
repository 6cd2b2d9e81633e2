#include "record/player.h"

#include <algorithm>
#include <chrono>

namespace hr {

namespace {
constexpr double kReadAheadSeconds = 2.0;
constexpr int kChunk = 4096; // frames the disk thread reads at a time

// The frame at `seconds` into a take of `length` frames, clamped in double before the cast
// (a time of 1e300 s, inf or nan is the end, the end, the start: none is undefined).
int64_t frameAt(double seconds, double rate, int64_t length) {
    const double frame = seconds * rate;
    if (!(frame > 0.0)) return 0;
    return frame >= static_cast<double>(length) ? length : static_cast<int64_t>(frame);
}
} // namespace

Player::~Player() { unload(); }

bool Player::load(const std::string& folder, int channels, const std::vector<std::string>& names, double sampleRate,
                  std::string* report, std::string* error) {
    // The new take is opened and checked first: a refused one leaves the one playing as it was.
    auto next = std::make_unique<TakeReader>();
    if (!next->open(folder, channels, names, report, error)) return false;
    if (next->sampleRate() != sampleRate) {
        *error = folder + ": the take is " + std::to_string(static_cast<int>(next->sampleRate())) +
                 " Hz and the console runs at " + std::to_string(static_cast<int>(sampleRate)) +
                 " Hz; run the console at the take's rate (--rate)";
        return false;
    }
    if (!unload()) {
        *error = folder + ": not loaded: the audio thread has not let go of the take playing (a block has run for over a second)";
        return false;
    }
    reader_ = std::move(next); // the disk thread is stopped: nothing reads the old one
    folder_ = folder;
    rate_ = sampleRate;
    length_ = reader_->frames();
    channels_.store(channels, std::memory_order_relaxed);
    rings_.clear(); // no block reads them: unload() waited for the audio thread to let go
    for (int c = 0; c < channels; ++c) {
        std::unique_ptr<SampleRing> ring;
        if (reader_->hasTrack(c)) {
            ring = std::make_unique<SampleRing>();
            ring->allocate(static_cast<size_t>(kReadAheadSeconds * sampleRate));
        }
        rings_.push_back(std::move(ring));
    }
    playing_.store(false);
    position_.store(0);
    seekTo_.store(0);
    loopTo_.store(-1);
    underruns_.store(0);
    flushGen_.store(0);
    flushAck_.store(0);
    diskParked_.store(0);
    seenFlush_ = 0;
    primed_ = false;
    running_.store(true);
    nap_.arm();
    disk_ = std::thread([this] { diskLoop(); });
    loaded_.store(true, std::memory_order_release);
    return true;
}

bool Player::unload() {
    loaded_.store(false, std::memory_order_seq_cst); // unpublish the rings
    playing_.store(false);
    const bool idle = use_.waitIdle();
    running_.store(false);
    nap_.wake();
    if (disk_.joinable()) disk_.join(); // the disk thread only writes the rings; stopping it is always safe
    return idle;
}

void Player::locate(double seconds) {
    seekTo_.store(frameAt(seconds, rate_, length_));
    flushGen_.fetch_add(1, std::memory_order_acq_rel);
}

void Player::loop(double fromSeconds, double toSeconds) {
    loopFrom_.store(frameAt(fromSeconds, rate_, length_));
    loopTo_.store(frameAt(toSeconds, rate_, length_));
    locate(fromSeconds);
}

// ---- audio thread ------------------------------------------------------------------------

void Player::pull(float* const* out, int channels, int n) noexcept {
    AudioUse::Scope inBlock(use_); // rings_ are in use until this returns
    int count = channels;
    auto silence = [&] {
        for (int c = 0; c < count; ++c)
            if (out[c]) std::fill(out[c], out[c] + n, 0.0f);
    };
    if (!loaded_.load(std::memory_order_seq_cst)) {
        silence();
        return;
    }
    count = std::min(channels, channels_.load(std::memory_order_relaxed));
    const uint64_t flush = flushGen_.load(std::memory_order_acquire);
    if (flush != seenFlush_) { // a locate: once the disk thread has parked, empty the rings
        if (diskParked_.load(std::memory_order_acquire) != flush) {
            silence();
            return;
        }
        for (auto& r : rings_)
            if (r) r->discard();
        seenFlush_ = flush;
        position_.store(seekTo_.load());
        primed_ = false;
        flushAck_.store(flush, std::memory_order_release);
    }
    if (!playing_.load(std::memory_order_relaxed)) {
        silence();
        return;
    }
    bool ready = true;
    for (const auto& r : rings_)
        if (r && r->available() < static_cast<size_t>(n)) ready = false;
    const int64_t pos = position_.load(std::memory_order_relaxed);
    if (!ready) {
        silence();
        if (primed_ && pos + n < length_) underruns_.fetch_add(1, std::memory_order_relaxed); // the disk fell behind
        return;
    }
    primed_ = true;
    for (int c = 0; c < count; ++c) {
        SampleRing* r = rings_[static_cast<size_t>(c)].get();
        if (r) r->read(out[c] ? out[c] : nullptr, static_cast<size_t>(n));
        else if (out[c]) std::fill(out[c], out[c] + n, 0.0f);
    }
    int64_t next = pos + n;
    const int64_t to = loopTo_.load(std::memory_order_relaxed), from = loopFrom_.load(std::memory_order_relaxed);
    if (to > from && next >= to) next = from + (next - to); // the disk thread wrapped the same way
    position_.store(std::min(next, length_), std::memory_order_relaxed);
}

// ---- disk thread -------------------------------------------------------------------------

void Player::diskLoop() {
    // Nothing may escape the thread: a fault ends the read-ahead; the audio thread then plays
    // silence and counts underruns, as for a disk that fell behind.
    try {
        diskRead();
    } catch (const std::exception&) {
    }
}

void Player::diskRead() {
    const int channels = channels_.load(std::memory_order_relaxed);
    std::vector<float> buffer(static_cast<size_t>(channels) * kChunk);
    std::vector<float*> ptrs(static_cast<size_t>(channels));
    for (int c = 0; c < channels; ++c)
        ptrs[static_cast<size_t>(c)] = rings_[static_cast<size_t>(c)] ? &buffer[static_cast<size_t>(c) * kChunk] : nullptr;
    uint64_t handled = 0;
    int64_t diskPos = 0;
    reader_->seek(0);
    while (running_.load(std::memory_order_acquire)) {
        const uint64_t flush = flushGen_.load(std::memory_order_acquire);
        if (flush != handled) {
            diskParked_.store(flush, std::memory_order_release); // no write from before the locate follows
            if (flushAck_.load(std::memory_order_acquire) != flush) { // the audio thread has not emptied yet
                nap_.nap(std::chrono::milliseconds(1));
                continue;
            }
            diskPos = seekTo_.load();
            reader_->seek(diskPos);
            handled = flush;
        }
        size_t room = SIZE_MAX;
        for (const auto& r : rings_)
            if (r) room = std::min(room, r->capacity() - r->available());
        if (room < static_cast<size_t>(kChunk) || diskPos >= length_) {
            nap_.nap(std::chrono::milliseconds(5));
            continue;
        }
        int n = kChunk;
        const int64_t to = loopTo_.load(), from = loopFrom_.load();
        const bool looping = to > from && diskPos < to;
        if (looping) n = static_cast<int>(std::min<int64_t>(n, to - diskPos));
        n = static_cast<int>(std::min<int64_t>(n, length_ - diskPos));
        if (!reader_->read(ptrs.data(), n)) break;
        for (int c = 0; c < channels; ++c)
            if (rings_[static_cast<size_t>(c)]) rings_[static_cast<size_t>(c)]->write(ptrs[static_cast<size_t>(c)], static_cast<size_t>(n));
        diskPos += n;
        if (looping && diskPos >= to) { // seamless loop: continue from A
            diskPos = from;
            reader_->seek(from);
        }
    }
}

} // namespace hr
