// Player: a take played back into the channels whose source is "playback" (virtual
// soundcheck). A disk thread reads ahead into a ring per track; the audio thread takes one
// block at a time and never waits: when a ring runs dry it plays silence and counts an
// underrun. Transport: play, stop, locate, loop A..B.
//
// Locate hands over through a flush: the control thread asks for a new position; the disk
// thread stops writing and says so; the audio thread then empties the rings and says so;
// then the disk thread seeks and refills. No sample from before the locate survives it. Looping is seamless: the disk thread reads to B and continues from A.
#pragma once

#include "record/sample_ring.h"
#include "record/take.h"
#include "io/handoff.h"
#include "record/disk_nap.h"

#include <atomic>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace hr {

class Player {
public:
    Player() = default;
    ~Player();
    Player(const Player&) = delete;
    Player& operator=(const Player&) = delete;

    // control thread: opens a take for a console of `channels` at `sampleRate`; *report says
    // which track feeds which channel. Replaces a loaded take; the transport stops. A take
    // that is refused (not a take, another rate) changes nothing: the loaded one plays on.
    bool load(const std::string& folder, int channels, const std::vector<std::string>& names, double sampleRate,
              std::string* report, std::string* error);
    // control thread: stops the disk thread once the audio thread has let go of the rings
    // (io/handoff.h). False, with the take still loaded but silent, when an audio block has
    // been inside pull() for longer than a second: nothing it reads is freed or reused.
    bool unload();
    bool loaded() const { return loaded_.load(std::memory_order_acquire); } // any thread
    const std::string& folder() const { return folder_; }

    // transport (any thread)
    void play() { playing_.store(true); }
    void stop() { playing_.store(false); }
    void locate(double seconds);                     // clamped to the take (nan: the start)
    void loop(double fromSeconds, double toSeconds); // and locates to the start of the loop
    void loopOff() { loopTo_.store(-1); }
    bool playing() const { return playing_.load(); }
    double position() const { return double(position_.load()) / rate_; } // seconds
    double length() const { return double(length_) / rate_; }
    double loopFrom() const { return double(loopFrom_.load()) / rate_; }
    double loopTo() const { const int64_t t = loopTo_.load(); return t < 0 ? -1.0 : double(t) / rate_; }
    uint64_t underruns() const { return underruns_.load(); }
    bool hasTrack(int channel) const { return reader_ && reader_->hasTrack(channel); }

    // audio thread: one block into out[channel] (stride n; null entries are skipped).
    void pull(float* const* out, int channels, int n) noexcept;

private:
    void diskLoop(); // the disk thread: diskRead, and no exception escapes it
    void diskRead();

    std::unique_ptr<TakeReader> reader_; // the loaded take (replaced only while the disk thread is stopped)
    std::string folder_;
    double rate_ = 48000.0;
    int64_t length_ = 0;
    std::atomic<int> channels_{0}; // read by pull() only once loaded_ is seen
    std::vector<std::unique_ptr<SampleRing>> rings_; // per channel with a track, else null
    AudioUse use_;                // pull() is inside it; unload waits it out before touching rings_
    std::thread disk_;
    DiskNap nap_; // the disk thread's pause between looks, cut short by a stop
    std::atomic<bool> running_{false}, loaded_{false}, playing_{false};
    std::atomic<uint64_t> flushGen_{0}, flushAck_{0}, diskParked_{0}, underruns_{0};
    std::atomic<int64_t> seekTo_{0}, position_{0}, loopFrom_{0}, loopTo_{-1};
    uint64_t seenFlush_ = 0;  // audio thread
    bool primed_ = false;     // audio thread: data has flowed since the last flush
};

} // namespace hr
