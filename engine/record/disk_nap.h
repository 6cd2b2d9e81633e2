#pragma once
// A disk thread's pause between looks at its rings, cut short when the control thread stops
// it: `Player::unload` and `Recorder::stop` join their disk thread at once instead of after
// the rest of a 5 ms nap (they run under the session's control lock, so every stop held the
// GUI and the surfaces that long). Only the control and disk threads touch it; the audio
// thread never wakes anyone (the disk thread finds its work by looking at the rings).
#include <chrono>
#include <condition_variable>
#include <mutex>

namespace hr {

class DiskNap {
public:
    // Before the disk thread starts: naps last their full length again.
    void arm() {
        std::lock_guard<std::mutex> lock(mutex_);
        woken_ = false;
    }
    // The disk thread: sleep for `length`, or less once wake() was called.
    void nap(std::chrono::milliseconds length) {
        std::unique_lock<std::mutex> lock(mutex_);
        woken_cv_.wait_for(lock, length, [this] { return woken_; });
    }
    // The control thread, after telling the disk thread to stop: it stops napping.
    void wake() {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            woken_ = true;
        }
        woken_cv_.notify_all();
    }

private:
    std::mutex mutex_;
    std::condition_variable woken_cv_;
    bool woken_ = false;
};

} // namespace hr
