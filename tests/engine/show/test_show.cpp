// Show files: round trip, every kind of bad file with its error, and atomic saves.
#include "show/show.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace hr;
using namespace hr::test;

namespace {
std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}
std::string tempPath(const std::string& name) {
    return (std::filesystem::temp_directory_path() / ("headroom-test-" + name)).string();
}
const char* kMinimal = R"({
  "headroom": 1,
  "name": "t",
  "console": { "sampleRate": 48000, "channels": 4, "inputs": 4, "outputs": 4, "buses": ["mono", "stereo"] },
  "params": {
    "/ch/1/name": "Kick",
    "/ch/1/fader": -5.5,
    "/ch/2/send/2/tap": "pre",
    "/ch/2/send/2/level": "-inf",
    "/ch/3/comp/ratio": "limit",
    "/ch/3/eq/2/freq": "2.5kHz"
  }
})";
ShowError parseError(const std::string& text) {
    ShowError e;
    REQUIRE_FALSE(parseShow(text, "bad.json", &e).has_value());
    return e;
}
} // namespace

TEST_CASE("a show parses, applies, and round-trips to the same tree", "[show]") {
    ShowError e;
    auto show = parseShow(kMinimal, "t.json", &e);
    INFO(e.message());
    REQUIRE(show.has_value());
    REQUIRE(show->config.channels == 4);
    REQUIRE(show->config.busWidths == std::vector<int>{1, 2});
    Console console(show->config);
    REQUIRE(applyShow(*show, console));
    ParamStore& s = console.params();
    REQUIRE(s.text(*s.find("/ch/1/name")) == "Kick");
    REQUIRE(s.get(*s.find("/ch/1/fader")) == -5.5f);
    REQUIRE(s.get(*s.find("/ch/2/send/2/tap")) == 1.0f);
    REQUIRE(std::isinf(s.get(*s.find("/ch/3/comp/ratio"))));
    REQUIRE(s.get(*s.find("/ch/3/eq/2/freq")) == 2500.0f);

    // load -> save -> load gives the same tree; save -> load -> save the same bytes
    s.set(*s.find("/ch/4/eq/3/q"), 0.7f, Source::Gui); // a value with no short float form
    s.set(*s.find("/ch/4/pan"), 0.123f, Source::Gui);
    const std::string first = serializeShow(console, "t");
    auto again = parseShow(first, "first", &e);
    REQUIRE(again.has_value());
    Console second(again->config);
    applyShow(*again, second);
    for (ParamId id = 0; id < s.size(); ++id) {
        INFO(s.spec(id).path);
        if (s.spec(id).isText()) REQUIRE(second.params().text(id) == s.text(id));
        else REQUIRE(second.params().get(id) == s.get(id));
    }
    REQUIRE(serializeShow(second, "t") == first);
}

TEST_CASE("every kind of bad show file is refused with where and why", "[show][errors]") {
    SECTION("malformed JSON names the line and column") {
        const ShowError e = parseError("{\n  \"headroom\": 1,\n  \"console\": { \"channels\": 4 ,, }\n}");
        REQUIRE(e.line == 3);
        REQUIRE(e.column > 1);
        REQUIRE(e.reason.find("malformed JSON") != std::string::npos);
        REQUIRE(e.message().rfind("bad.json:3:", 0) == 0);
    }
    SECTION("truncated file") {
        const std::string text(kMinimal);
        const ShowError e = parseError(text.substr(0, text.size() / 2));
        REQUIRE(e.reason.find("malformed JSON") != std::string::npos);
        REQUIRE(e.line > 1);
    }
    SECTION("empty file") { REQUIRE(parseError("").reason == "the file is empty"); }
    SECTION("unknown parameter") {
        std::string text(kMinimal);
        text.replace(text.find("/ch/3/eq/2/freq"), 15, "/ch/9/eq/2/freq");
        const ShowError e = parseError(text);
        REQUIRE(e.reason.find("/ch/9/eq/2/freq: no such parameter") == 0);
        REQUIRE(e.line == 11);
    }
    SECTION("value out of range") {
        std::string text(kMinimal);
        text.replace(text.find("-5.5"), 4, "99.0");
        const ShowError e = parseError(text);
        REQUIRE(e.reason.find("/ch/1/fader") == 0);
        REQUIRE(e.reason.find("out of range") != std::string::npos);
        REQUIRE(e.line == 7);
    }
    SECTION("wrong type") {
        std::string text(kMinimal);
        text.replace(text.find("\"Kick\""), 6, "42");
        const ShowError e = parseError(text);
        REQUIRE(e.reason.find("/ch/1/name: wrong type") == 0);
        text = kMinimal;
        text.replace(text.find("\"pre\""), 5, "[1]");
        REQUIRE(parseError(text).reason.find("/ch/2/send/2/tap: wrong type") == 0);
    }
    SECTION("a value the grammar refuses") {
        std::string text(kMinimal);
        text.replace(text.find("\"pre\""), 5, "\"sideways\"");
        REQUIRE(parseError(text).reason == "/ch/2/send/2/tap: 'sideways' is not one of pre-eq|pre|post");
    }
    SECTION("a console shape out of range") {
        std::string text(kMinimal);
        text.replace(text.find("\"channels\": 4"), 13, "\"channels\": 500");
        const ShowError e = parseError(text);
        REQUIRE(e.reason.find("channels must be 1..128") != std::string::npos);
        REQUIRE(e.line == 4);
    }
}

TEST_CASE("saving is atomic and keeps the previous file as a backup", "[show][save]") {
    const std::string path = tempPath("save.json");
    std::filesystem::remove(path);
    std::filesystem::remove(path + ".bak");
    ConsoleConfig cfg;
    cfg.channels = 2;
    Console console(cfg);
    std::string error;
    REQUIRE(saveShowFile(path, serializeShow(console, "one"), &error));
    const std::string v1 = readFile(path);
    setParam(console, "/ch/1/fader", -7.0f);
    REQUIRE(saveShowFile(path, serializeShow(console, "two"), &error));
    REQUIRE(readFile(path + ".bak") == v1);
    REQUIRE(readFile(path) != v1);
    REQUIRE_FALSE(std::filesystem::exists(path + ".tmp"));
    ShowError e;
    auto loaded = loadShowFile(path, &e);
    REQUIRE(loaded.has_value());
    REQUIRE(loaded->name == "two");

    REQUIRE_FALSE(saveShowFile("/nonexistent-dir/x.json", "{}", &error));
    REQUIRE(error.find("/nonexistent-dir/x.json") == 0);
}

TEST_CASE("every shipped show loads, recalls each of its scenes and renders", "[show][shipped]") {
    int shows = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::string(HEADROOM_SOURCE_DIR) + "/scenes")) {
        if (entry.path().extension() != ".json") continue;
        ++shows;
        ShowError e;
        auto show = loadShowFile(entry.path().string(), &e);
        INFO(entry.path().string() << ": " << e.message());
        REQUIRE(show.has_value());
        Console console(show->config);
        REQUIRE(applyShow(*show, console));
        show->scenes.bind(console);
        std::string why;
        for (int n = 1; n <= show->scenes.size(); ++n) {
            INFO("scene " << n);
            REQUIRE(show->scenes.recall(n, nullptr, &why));
        }
        // Render a second of tones through every input the show patches.
        std::vector<Signal> in;
        for (int k = 0; k < show->config.inputs; ++k) in.push_back(sine(110.0 * (1 + k % 7), 0.1, 48000));
        console.reset();
        const auto out = runConsole(console, in, 64, {1, 2});
        REQUIRE(peakAbs(out[0], 0, out[0].size()) + peakAbs(out[1], 0, out[1].size()) > 1e-4);
    }
    REQUIRE(shows >= 2);
}
