// Autosave and recovery: the live state is written every `interval` to a recovery file
// (atomically, like a save) while anything changed; on start, a recovery file newer than
// its show is reported, and applied with --recover. Recovery files live in
// $HEADROOM_STATE_DIR, else $XDG_STATE_HOME/headroom, else ~/.local/state/headroom, named
// after the show ("band.json" -> "band.recovery.json"; no show -> "untitled.recovery.json").
#pragma once

#include "prompt.h"

#include <chrono>
#include <string>

namespace hr {

std::string recoveryPathFor(const std::string& showPath);

// The recovery file to offer at start: "" when there is none, or it is not newer than the
// show. *when describes its age for the message.
std::string newerRecovery(const std::string& showPath, std::string* when);

class Autosave {
public:
    Autosave(Session& session, std::chrono::milliseconds interval) : session_(session), interval_(interval) {}
    // control thread, called often: writes when the interval passed and something changed.
    // Returns an error to report, or "".
    std::string poll();
    std::string writeNow(); // not holding session.control: writes whatever the state; an error or ""
    const std::string& path() const { return path_; }

private:
    Session& session_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
    uint64_t savedGeneration_ = 0;
    std::string path_;
};

} // namespace hr
