// Scenes: snapshots of the parameter tree, recalled song by song (DESIGN.md "Shows and
// scenes").
//
// A scene holds values for (a subset of) the tree, a scope (which parameter groups and
// which strips it recalls), notes and a fade time. The show holds the cue list with a
// current position, and recall safes: path patterns no recall touches. Recalling applies
// every value that is in the scene, in its scope and not safe: faders, sends and pan glide
// over the fade time on the audio thread; everything else changes at once (mutes ramp).
// The last recall can be undone and redone.
//
// In the show file:
//   "scenes": { "current": 2, "safes": ["/bus/3/**", "/ch/*/send/3/**"],
//               "list": [ { "name": "Song 1", "notes": "", "fade": 2.0,
//                           "scope": { "groups": ["fader", "eq"], "strips": ["/ch/1", "/bus/2"] },
//                           "values": { "/ch/1/fader": -5.0, ... } }, ... ] }
// A scene without "scope" recalls everything it holds; values it does not hold are not
// recalled. Stored scenes hold the whole tree.
#pragma once

#include "console/console.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <cstdint>
#include <string>
#include <vector>

namespace hr {

struct SceneScope {
    uint32_t groups = ~0u;              // bit per hr::Group
    std::vector<std::string> strips;    // "/ch/3", "/bus/*", "/main"; empty = every strip
    bool contains(const ParamSpec& spec) const;
    std::string describe() const;       // "all" or "fader eq on /ch/1 /bus/2"
};

struct Scene {
    std::string name, notes;
    double fadeSeconds = 0.0;           // 0..30
    SceneScope scope;
    std::vector<std::pair<ParamId, float>> values;
    std::vector<std::pair<ParamId, std::string>> texts;
};

class SceneList {
public:
    SceneList() = default;
    explicit SceneList(Console& console) { bind(console); }
    void bind(Console& console); // the console recalls act on (same shape as the scenes' tree)
    bool bound() const { return console_ != nullptr; }

    // ---- the cue list (control thread); numbers are 1-based; errors return false + *why ----
    int size() const { return static_cast<int>(scenes_.size()); }
    const Scene& scene(int number) const { return scenes_[static_cast<size_t>(number - 1)]; }
    int current() const { return current_; }                        // 0 = none recalled yet
    uint64_t recalls() const { return recalls_; }                    // counts recalls (GO, prev too)
    uint64_t revision() const { return revision_; }                  // counts every change the show file keeps
    // "3", or a name: whole, else ignoring case, else the one name it starts, else the one name
    // with a word it starts ("ballad" is "2 Ballad"). *why says why none (none, or which ones).
    std::optional<int> find(const std::string& numberOrName, std::string* why = nullptr) const;
    int store(const std::string& name, const std::string& notes);    // snapshot at the end; returns its number
    bool update(int number, std::string* why);                      // re-snapshot in place
    bool rename(int number, const std::string& name, std::string* why);
    bool setNotes(int number, const std::string& notes, std::string* why);
    int duplicate(int number, std::string* why);                     // copy after it; 0 on error
    bool remove(int number, std::string* why);
    bool move(int number, int to, std::string* why);
    bool setFade(int number, double seconds, std::string* why);
    bool setScope(int number, const std::vector<std::string>& words, std::string* why); // group names, strip paths, "all"

    // ---- recall ----
    struct RecallReport { int changed = 0, fading = 0, safe = 0, outOfScope = 0; double controlMs = 0.0; };
    bool recall(int number, RecallReport* report, std::string* why);
    bool go(RecallReport* report, std::string* why);   // the next scene after current
    bool prev(RecallReport* report, std::string* why); // the one before
    bool undo(std::string* why);                        // back to before the last recall
    bool redo(std::string* why);                        // that recall again

    // ---- recall safes (whole show) ----
    const std::vector<std::string>& safes() const { return safes_; }
    bool addSafe(const std::string& pattern, std::string* why);
    bool removeSafe(const std::string& pattern, std::string* why);
    bool isSafe(ParamId id) const { return id < safeMask_.size() && safeMask_[id]; }

    // ---- the show file ----
    nlohmann::ordered_json toJson() const;
    // Parses the "scenes" section against a console's tree; on error fills *why with the
    // offending entry and the reason ("scenes.list[2] ("Verse") /ch/9/fader: ...") and
    // *pointer with the JSON pointer of the wrong value inside the section ("/list/1/fade").
    // Every type is checked: no document makes it throw.
    static std::optional<SceneList> fromJson(const nlohmann::ordered_json& j, const ParamStore& store,
                                             std::string* why, std::string* pointer);

private:
    struct Snapshot { std::vector<float> values; std::vector<std::string> texts; };
    Snapshot snapshot() const;
    void restore(const Snapshot& s, Source src);
    bool checkNumber(int number, std::string* why) const;
    void rebuildSafeMask();

    Console* console_ = nullptr;
    std::vector<Scene> scenes_;
    int current_ = 0;
    uint64_t recalls_ = 0;
    uint64_t revision_ = 0;
    std::vector<std::string> safes_;
    std::vector<uint8_t> safeMask_;
    std::optional<Snapshot> undo_, redo_;
};

} // namespace hr
