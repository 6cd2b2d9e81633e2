// Bounded JSON reading: nesting, size and number limits, and JSON pointers placed in the
// text. The documents here are the kinds that once crashed `headroom check` (issue 12's
// fuzzing: 326 stack overflows from deep nesting, 90 uncaught type errors).
#include "show/json_read.h"
#include "show/show.h"

#include <catch2/catch.hpp>

#include <string>

using namespace hr;

namespace {
const char* kShow = R"({
  "headroom": 1,
  "console": { "channels": 2, "inputs": 2, "outputs": 2, "buses": ["mono"] },
  "params": { "/ch/1/fader": -3 },
  "scenes": { "list": [ { "name": "A", "values": { "/ch/1/fader": -6 } },
                        { "name": "B", "SCOPE" } ] }
})";

ShowError refused(const std::string& text) {
    ShowError e;
    REQUIRE_FALSE(parseShow(text, "x.json", &e).has_value());
    REQUIRE_FALSE(e.reason.empty());
    return e;
}

std::string withScope(const std::string& scope) {
    std::string t(kShow);
    t.replace(t.find("\"SCOPE\""), 7, "\"scope\": " + scope);
    return t;
}
} // namespace

TEST_CASE("nesting deeper than the limit is refused where it starts, at any size", "[show][errors][json]") {
    for (const char* open : {"[", "{\"a\":"}) {
        std::string deep = "{\"x\": ";
        for (int i = 0; i < 200000; ++i) deep += open; // once a stack overflow in parse and dump
        const ShowError e = refused(deep);
        REQUIRE(e.reason.find("nested deeper than 64 levels") == 0);
        REQUIRE(e.line == 1);
        REQUIRE(e.column == 7 + (kMaxJsonDepth - 1) * static_cast<int>(std::string(open).size()));
    }
    std::string ok = "[";
    for (int i = 1; i < kMaxJsonDepth; ++i) ok += "[";
    ok += std::string(kMaxJsonDepth, ']');
    nlohmann::ordered_json doc;
    JsonError e;
    REQUIRE(parseJson(ok, &doc, &e)); // exactly the limit is fine
    REQUIRE_FALSE(parseJson("[" + ok + "]", &doc, &e));
    // Brackets inside strings are text, not nesting.
    REQUIRE(parseJson("{\"a\": \"" + std::string(1000, '[') + "\\\"[\"}", &doc, &e));
}

TEST_CASE("numbers beyond float and int are refused, not undefined", "[show][errors][json]") {
    std::string t = withScope("{}");
    t.replace(t.find("-3 }"), 2, "1e999");
    ShowError e = refused(t); // nlohmann throws out_of_range 406 here, not parse_error
    REQUIRE(e.reason.find("malformed JSON: number overflow") == 0);
    REQUIRE(e.line == 4);
    t = withScope("{}");
    t.replace(t.find("-3 }"), 2, "1e300"); // a double, but no float: out of range, not UB
    REQUIRE(refused(t).reason.find("/ch/1/fader: ") == 0);
    t = withScope("{}");
    t.replace(t.find("\"channels\": 2"), 13, "\"channels\": 18446744073709551615");
    REQUIRE(refused(t).reason == "console.channels: expected a whole number");
}

TEST_CASE("wrong types anywhere in scenes are refused at the value's line and column", "[show][errors][json]") {
    struct Case { std::string scope; std::string reason; };
    for (const Case& c : {Case{"5", "scenes.list[2] (\"B\").scope: expected an object of groups and strips"},
                          Case{"{\"groups\": \"fader\"}", "scenes.list[2] (\"B\").scope.groups: expected a list of parameter groups"},
                          Case{"{\"groups\": [true]}", "scenes.list[2] (\"B\").scope: true is not a parameter group"},
                          Case{"{\"strips\": {}}", "scenes.list[2] (\"B\").scope.strips: expected a list of strip paths"}}) {
        const ShowError e = refused(withScope(c.scope));
        REQUIRE(e.reason == c.reason);
        REQUIRE(e.line == 6);
        REQUIRE(e.column >= 46);
        REQUIRE(e.pointer.rfind("/scenes/list/1/scope", 0) == 0);
    }
    std::string t = withScope("{}");
    t.replace(t.find("-6"), 2, "[]");
    const ShowError e = refused(t);
    REQUIRE(e.pointer == "/scenes/list/0/values/~1ch~11~1fader");
    REQUIRE(e.line == 5); // the scene's value, not the same path in "params" (line 4)
    REQUIRE(e.column == 67);
    t = withScope("{}");
    t.replace(t.find("\"list\""), 6, "\"current\": \"1\", \"list\"");
    REQUIRE(refused(t).reason == "scenes.current: \"1\" is not a scene number");
}

TEST_CASE("a JSON pointer finds its value through escapes, arrays and repeated keys", "[json]") {
    const std::string text = "{\"a/b\": {\"x~\": [1, {\"k\": 2}, \"\\u00e9\\\"]\"]},\n \"a/b\": {\"x~\": [7, 8]}, \"\\u00e9\": 3}";
    int line = 0, column = 0;
    locatePointer(text, "/a~1b/x~0/1", &line, &column); // the last "a/b" is the one nlohmann keeps
    REQUIRE(line == 2);
    REQUIRE(column == 20);
    locatePointer(text, "/\xc3\xa9", &line, &column); // a key written as \u00e9
    REQUIRE(text.substr(text.size() - 2, 1) == "3");
    REQUIRE(column == static_cast<int>(text.size() - text.rfind('\n') - 2));
    locatePointer(text, "/a~1b/x~0/9", &line, &column); // past the end: the enclosing array
    REQUIRE(line == 2);
    REQUIRE(column == 16);
    REQUIRE(pointerTo("/params", "/ch/1/fader") == "/params/~1ch~11~1fader");
    REQUIRE(pointerTo(pointerTo("", "a~b"), 3) == "/a~0b/3");
}

TEST_CASE("messages name the line and column, else the pointer", "[json]") {
    ShowError e;
    e.file = "f.json";
    e.reason = "why";
    e.pointer = "/a";
    REQUIRE(e.message() == "f.json: at /a: why");
    e.line = 2;
    e.column = 5;
    REQUIRE(e.message() == "f.json:2:5: why");
}
