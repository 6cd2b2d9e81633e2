// Handoff: how the control side gets something back from the audio thread. One mechanism
// for everything the audio thread lets go of: the console (LiveEngine::replaceConsole), the
// player's rings and disk thread (Player::load/unload), the recorder's track table
// (Recorder::start/stop) and the scene fade plan (Console::startFade).
//
// Each object the audio thread uses owns an AudioUse: a block counter that the audio thread
// makes odd when it starts using the object and even when it is done (enter/leave, two
// atomic increments per block, never a wait). The control thread:
//   1. unpublishes: stores the pointer or flag through which the audio thread reaches the
//      thing, seq_cst; the audio thread loads it seq_cst after enter(), so no block that
//      starts after the ticket can still see it (a plain load on x86 and ARMv8);
//   2. takes a ticket: AudioUse::ticket() reads the counter;
//   3. frees or reuses the thing only once AudioUse::passed(ticket): the counter was even
//      (no block was using the object), or it has moved on (the block that was has ended:
//      the audio thread has acknowledged). That is Ardour's RCU "dead wood" rule with a
//      block counter instead of a list scan; Linux's RCU calls it a grace period.
// Nothing is freed on a timeout. waitPassed() polls for a bounded time (a block is at most
// one period, ~1.3 ms at 64 frames) and says false when the audio thread is stuck inside a
// block; the caller then keeps the thing (LiveEngine holds it as dead wood and frees it on
// a later call) or refuses the operation, and says so. A stopped stream leaves the counter
// even, so nothing waits for a device that is down.
//
// Lock order: Session::control (app/prompt.h; the one lock every control-side writer takes:
// prompt, GUI, surfaces) first, then jackClientLock() (io/jack_clients.h), then the leaf
// locks (SurfaceHost's live and wanted mutexes, Recorder's error mutex, AudioDevice's
// watchdog mutex, MidiPorts' error mutex). None is taken on the audio thread or in a JACK
// callback, and none is held while waiting for a grace period longer than waitPassed's patience.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <thread>

namespace hr {

class AudioUse {
public:
    // audio thread: around every use of the object within a block
    void enter() noexcept { count_.fetch_add(1, std::memory_order_seq_cst); } // odd: in use
    void leave() noexcept { count_.fetch_add(1, std::memory_order_release); } // even: done

    // Scope: enter on construction, leave on destruction (audio thread); a null pointer (no
    // object this block, e.g. no recorder set) does nothing.
    class Scope {
    public:
        explicit Scope(AudioUse& use) noexcept : Scope(&use) {}
        explicit Scope(AudioUse* use) noexcept : use_(use) {
            if (use_) use_->enter();
        }
        ~Scope() {
            if (use_) use_->leave();
        }
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        AudioUse* use_;
    };

    // control thread, after unpublishing (a seq_cst store the audio thread loads seq_cst after enter)
    uint64_t ticket() const noexcept { return count_.load(std::memory_order_seq_cst); }
    // any block that could have seen the unpublished thing has ended
    bool passed(uint64_t ticket) const noexcept {
        return (ticket & 1u) == 0 || count_.load(std::memory_order_acquire) != ticket;
    }
    // polls passed() for at most `patience`; false: the audio thread is still in that block
    bool waitPassed(uint64_t ticket, std::chrono::milliseconds patience = std::chrono::milliseconds(1000)) const {
        if (passed(ticket)) return true;
        const auto deadline = std::chrono::steady_clock::now() + patience;
        while (!passed(ticket)) {
            if (std::chrono::steady_clock::now() >= deadline) return false;
            std::this_thread::sleep_for(std::chrono::microseconds(100));
        }
        return true;
    }
    // control thread: ticket and wait in one (after unpublishing)
    bool waitIdle(std::chrono::milliseconds patience = std::chrono::milliseconds(1000)) const {
        return waitPassed(ticket(), patience);
    }

private:
    std::atomic<uint64_t> count_{0};
};

} // namespace hr
