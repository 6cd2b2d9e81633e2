// Reading JSON that headroom did not write: show files, the user config, take.json and the
// recovery file. Every document is held to limits before nlohmann parses it, so no file,
// however malformed, deep or large, can crash or hang the program:
//
//   - at most kMaxJsonBytes, nested at most kMaxJsonDepth deep (nlohmann's dump, copy and
//     compare recurse; a document of 100,000 '[' overflowed the stack);
//   - parse errors come back with the 1-based line and column, never as an exception.
//
// Checks that find a wrong value name it by JSON pointer (RFC 6901: "/surfaces/2/kind");
// locatePointer() turns that into the line and column of the value in the text.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string>

namespace hr {

constexpr int kMaxJsonDepth = 64;                  // arrays and objects inside each other
constexpr size_t kMaxJsonBytes = size_t{256} << 20; // a 128-channel show with 200 scenes is ~40 MB

struct JsonError {
    int line = 0;       // 1-based; 0 when there is no position
    int column = 0;     // 1-based
    std::string reason; // "malformed JSON: ...", "nested deeper than 64 levels", ...
};

// Parses `text` within the limits above; false with *error filled when it is not JSON or
// breaks a limit. Never throws.
bool parseJson(const std::string& text, nlohmann::ordered_json* doc, JsonError* error);

// Reads a whole file (at most kMaxJsonBytes); false with *error = "cannot open: ..." etc.
bool readTextFile(const std::string& path, std::string* text, std::string* error);

// 1-based line and column of the value at `pointer` in `text` (which parseJson accepted);
// of the nearest enclosing value that exists when the pointer goes further than the text.
// "" is the whole document. Always gives a position inside the text.
void locatePointer(const std::string& text, const std::string& pointer, int* line, int* column);

// A JSON pointer one step further: key escaped as RFC 6901 says (~ -> ~0, / -> ~1).
std::string pointerTo(const std::string& base, const std::string& key);
std::string pointerTo(const std::string& base, size_t index);

// 1-based line and column of byte `offset` in `text`.
void lineColumnAt(const std::string& text, size_t offset, int* line, int* column);

// A value as compact JSON text for a message; invalid UTF-8 (only in text headroom was given,
// never in a parsed file) is replaced, not thrown (nlohmann's type_error 316).
std::string jsonText(const nlohmann::ordered_json& v);

// A JSON number as a float without undefined behaviour: beyond float's range it becomes
// +-infinity (which no range check accepts but -inf faders).
float jsonFloat(const nlohmann::ordered_json& v);

// A JSON number that is an integer in [lo, hi]; false for anything else.
bool jsonInt(const nlohmann::ordered_json& v, long long lo, long long hi, int* out);

} // namespace hr
