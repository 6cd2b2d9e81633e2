// Show files (JSON): the console's shape, every parameter value, and what later parts
// keep beside them (scenes, surface mappings), carried through untouched.
//
//   { "headroom": 1, "name": "...",
//     "console": { "sampleRate": 48000, "channels": 16, "inputs": 16, "outputs": 16,
//                  "blockSize": 64, "buses": ["mono", "stereo", ...] },
//     "params":  { "/ch/1/name": "Kick", "/ch/1/fader": -5.0, "/ch/1/send/2/tap": "pre", ... },
//     "scenes": [...], "surfaces": [...] }
//
// A value is a number in the parameter's unit or a string in the prompt's grammar
// ("-inf", "on", "pre", "limit", "1kHz"); parameters not named keep their defaults.
// Loading parses and checks everything first (file, line and column, parameter path
// and reason on error), so a bad file changes nothing. Saving is atomic and keeps the
// previous file as FILE.bak.
#pragma once

#include "console/console.h"
#include "show/scenes.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hr {

struct ShowError {
    std::string file;    // as given
    int line = 0;        // 1-based; 0 when unknown
    int column = 0;      // 1-based; 0 when unknown
    std::string pointer; // JSON pointer of the wrong value ("/scenes/list/2/fade"); "" for none
    std::string reason;  // what is wrong, naming the parameter path where there is one
    std::string message() const; // "FILE:LINE:COL: REASON", else "FILE: at POINTER: REASON"
};

struct Show {
    std::string name;                                      // the show's title
    ConsoleConfig config;                                  //
    std::vector<std::pair<ParamId, float>> values;         // checked, ids of a tree of `config`
    std::vector<std::pair<ParamId, std::string>> texts;    //
    SceneList scenes;                                       // checked against the tree of `config`
    nlohmann::ordered_json extra = nlohmann::ordered_json::object(); // surfaces and what later parts keep
    std::string source;                                    // the document as read, for positions of later checks
};

// Parses and checks a show; nullopt with *error filled when anything is wrong. Never throws:
// the document is bounded (show/json_read.h) and every value's type is checked.
std::optional<Show> parseShow(const std::string& text, const std::string& fileName, ShowError* error);
std::optional<Show> loadShowFile(const std::string& path, ShowError* error); // reads, then parseShow

// A refusal by a later check of the show's extras (surfaces, MIDI maps), placed in its
// file: `pointer` is the JSON pointer of the wrong value.
ShowError showErrorAt(const Show& show, const std::string& file, const std::string& pointer, const std::string& reason);

// Applies a parsed show to a console of the same shape: every parameter to its default,
// then the show's values (control thread). Returns false if the shapes differ.
bool applyShow(const Show& show, Console& console, Source src = Source::Show);

bool sameShape(const ConsoleConfig& a, const ConsoleConfig& b);

// The console as a show document (every parameter, in tree order), with its scenes.
std::string serializeShow(const Console& console, const std::string& name, const SceneList* scenes = nullptr,
                          const nlohmann::ordered_json& extra = nlohmann::ordered_json::object());

// Atomic save: write FILE.tmp, flush and fsync, copy the old FILE to FILE.bak, rename.
bool saveShowFile(const std::string& path, const std::string& document, std::string* error);
extern void (*gBeforeRenameForTest)(); // tests: runs between the fsync and the rename

} // namespace hr
