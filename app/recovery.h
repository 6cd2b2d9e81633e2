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

// Loads a recovery file into the running console (holding session.control) as the show's
// unsaved state: the show keeps its path, so Save writes the show, not the recovery file.
// Returns the prompt's answer ("ok: ..." or "error: ...").
std::string recoverInto(Session& session, const std::string& recoveryPath);
// Removes the show's recovery file (its unsaved work was discarded on purpose).
void discardRecovery(const std::string& showPath);

class Autosave {
public:
    Autosave(Session& session, std::chrono::milliseconds interval) : session_(session), interval_(interval) {}
    // control thread, called often (not holding session.control): writes when the interval
    // passed and the show changed (parameters, scenes, safes, maps, surfaces) since the last
    // autosave or save.
    // Returns an error to report, or "".
    std::string poll();
    std::string writeNow(); // not holding session.control: writes whatever the state; an error or ""
    const std::string& path() const { return path_; }

private:
    Session& session_;
    std::chrono::milliseconds interval_;
    std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
    uint64_t writtenChanges_ = kNeverSaved; // showChanges() when the recovery file was written
    std::string path_;
};

} // namespace hr
