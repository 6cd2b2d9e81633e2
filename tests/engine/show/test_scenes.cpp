// Scenes: recall in scope, safes, fades to the sample, the hand beats a fade, undo/redo,
// files that round-trip and survive a killed save, and bad scene sections.
#include "show/scenes.h"
#include "show/show.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;

ConsoleConfig smallConsole() {
    ConsoleConfig cfg;
    cfg.channels = 4;
    cfg.inputs = 4;
    cfg.outputs = 4;
    cfg.busWidths = {1, 2};
    return cfg;
}

float get(Console& c, const std::string& path) { return c.params().get(*c.params().find(path)); }

std::vector<float> allValues(Console& c) {
    std::vector<float> v;
    for (ParamId id = 0; id < c.params().size(); ++id) v.push_back(c.params().get(id));
    return v;
}

std::string readFile(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / "headroom-scenes-test";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}
} // namespace

TEST_CASE("recall restores exactly the stored values in scope, safes and scope leave the rest bit-identical",
          "[scenes]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/1/fader", -7.5f);
    setParam(console, "/ch/2/eq/2/gain", 4.0f);
    setParam(console, "/ch/3/send/2/level", -12.0f);
    setParam(console, "/bus/1/fader", -3.0f);
    REQUIRE(list.store("A", "first song") == 1);
    const std::vector<float> a = allValues(console);

    setParam(console, "/ch/1/fader", 0.0f);
    setParam(console, "/ch/2/eq/2/gain", -6.0f);
    setParam(console, "/ch/3/send/2/level", "-inf");
    setParam(console, "/bus/1/fader", -20.0f);
    setParam(console, "/ch/4/trim", 9.0f);
    REQUIRE(list.store("B", "") == 2);
    const std::vector<float> b = allValues(console);

    std::string why;
    SceneList::RecallReport r;
    REQUIRE(list.recall(1, &r, &why));
    REQUIRE(allValues(console) == a); // exact, every parameter
    REQUIRE(r.changed == 5);
    REQUIRE(list.current() == 1);

    // Safes: the monitor mix on bus 1 and channel 4's trim keep their live values.
    REQUIRE(list.addSafe("/bus/1/**", &why));
    REQUIRE(list.addSafe("/ch/*/trim", &why));
    REQUIRE_FALSE(list.addSafe("/nothing/**", &why));
    REQUIRE(list.recall(2, &r, &why));
    std::vector<float> expected = b;
    const ParamStore& s = console.params();
    expected[*s.find("/bus/1/fader")] = a[*s.find("/bus/1/fader")];
    expected[*s.find("/ch/4/trim")] = a[*s.find("/ch/4/trim")];
    REQUIRE(allValues(console) == expected);
    REQUIRE(r.safe > 0);

    // Scope: scene 1 recalls only faders on channel 1 and bus sends; all else stays.
    REQUIRE(list.removeSafe("/bus/1/**", &why));
    REQUIRE(list.setScope(1, {"fader", "/ch/1"}, &why));
    const std::vector<float> before = allValues(console);
    REQUIRE(list.recall(1, &r, &why));
    std::vector<float> scoped = before;
    scoped[*s.find("/ch/1/fader")] = -7.5f;
    REQUIRE(allValues(console) == scoped);
    REQUIRE(r.outOfScope > 0);
    REQUIRE_FALSE(list.setScope(1, {"faders"}, &why));
    REQUIRE(why.find("'faders' is not a group") == 0);
}

TEST_CASE("undo puts back the state before the recall, redo the recall", "[scenes]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/2/mute", "on");
    list.store("muted", "");
    setParam(console, "/ch/2/mute", "off");
    setParam(console, "/ch/2/fader", -4.0f);
    const std::vector<float> live = allValues(console);
    std::string why;
    REQUIRE_FALSE(list.undo(&why));
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/ch/2/mute") == 1.0f);
    REQUIRE(list.undo(&why));
    REQUIRE(allValues(console) == live);
    REQUIRE(list.redo(&why));
    REQUIRE(get(console, "/ch/2/mute") == 1.0f);
    REQUIRE(get(console, "/ch/2/fader") == 0.0f);
}

TEST_CASE("a fade glides in fader position and hits its target at the stated time, to the sample", "[scenes][fade]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/1/fader", -20.0f);
    list.store("quiet", "");
    setParam(console, "/ch/1/fader", 0.0f);
    std::string why;
    REQUIRE(list.setFade(1, 0.5, &why)); // 24000 samples
    REQUIRE_FALSE(list.setFade(1, 31.0, &why));
    console.reset();
    runConsole(console, {constant(0.5f, 640)}, kBlock, {1}); // settled at 0 dB; 640 is tick-aligned
    const uint64_t start = console.sampleTime();

    SceneList::RecallReport r;
    REQUIRE(list.recall(1, &r, &why));
    REQUIRE(r.fading == 1);
    REQUIRE(get(console, "/ch/1/fader") == 0.0f); // not yet: the audio thread moves it
    const auto out = runConsole(console, {constant(0.5f, 30000)}, kBlock, {1})[0];
    const size_t end = 24000;
    const double target = 0.5 * std::pow(10.0, -20.0 / 20.0);
    REQUIRE(out[end] == Approx(target).epsilon(1e-6)); // the gain lands on the target at `end`
    REQUIRE(out[end - 1] > target * 1.00001);           // and not a sample earlier
    REQUIRE(out[end + 1000] == out[end]);               // and stays
    // Halfway in time is halfway in fader travel (0 dB at 0.75, -20 dB at 0.375).
    const ParamSpec& spec = console.params().spec(*console.params().find("/ch/1/fader"));
    const double halfDb = spec.fromPosition(0.5f * (spec.toPosition(0.0f) + spec.toPosition(-20.0f)));
    REQUIRE(out[end / 2] == Approx(0.5 * std::pow(10.0, halfDb / 20.0)).epsilon(1e-4));
    // Surfaces saw the glide and the store ends on the scene's value.
    REQUIRE(get(console, "/ch/1/fader") == -20.0f);
    REQUIRE(console.params().lastSource(*console.params().find("/ch/1/fader")) == Source::Fade);
    REQUIRE_FALSE(console.fading());
    (void)start;
}

TEST_CASE("a hand on a fading control wins, a new recall ends a running fade", "[scenes][fade]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/1/fader", "-inf");
    setParam(console, "/ch/2/fader", "-inf");
    list.store("down", "");
    setParam(console, "/ch/1/fader", 0.0f);
    setParam(console, "/ch/2/fader", 0.0f);
    std::string why;
    list.setFade(1, 2.0, &why);
    console.reset();
    list.recall(1, nullptr, &why);
    runConsole(console, {constant(0.5f, 24000)}, kBlock, {1}); // half a second in
    REQUIRE(console.fading());
    // The engineer grabs channel 1's fader and sets -6 dB: it stays there.
    const ParamId f1 = *console.params().find("/ch/1/fader");
    console.params().set(f1, -6.0f, Source::Gui);
    const auto out = runConsole(console, {constant(0.5f, 96000)}, kBlock, {1})[0];
    REQUIRE(console.params().get(f1) == -6.0f);
    REQUIRE(out.back() == Approx(0.5 * std::pow(10.0, -6.0 / 20.0)).epsilon(1e-4));
    REQUIRE(std::isinf(get(console, "/ch/2/fader"))); // the other fade finished
}

TEST_CASE("save -> load -> save is byte-identical with scenes and safes", "[scenes][show]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/1/fader", -3.3f);
    list.store("Verse", "keys up");
    setParam(console, "/ch/1/fader", -0.7f);
    list.store("Chorus", "");
    std::string why;
    list.setFade(2, 1.5, &why);
    list.setScope(2, {"fader", "sends", "/ch/*/send/2"}, &why);
    list.addSafe("/bus/2/**", &why);
    list.recall(1, nullptr, &why);
    const std::string first = serializeShow(console, "round trip", &list);
    ShowError e;
    auto show = parseShow(first, "first.json", &e);
    INFO(e.message());
    REQUIRE(show.has_value());
    Console second(show->config);
    applyShow(*show, second);
    show->scenes.bind(second);
    REQUIRE(show->scenes.size() == 2);
    REQUIRE(show->scenes.current() == 1);
    REQUIRE(show->scenes.scene(2).fadeSeconds == 1.5);
    REQUIRE(serializeShow(second, "round trip", &show->scenes) == first);
}

TEST_CASE("a save killed between writing and renaming leaves the old show intact", "[scenes][show][save]") {
    const std::string path = scratch("killed.json");
    std::filesystem::remove(path + ".tmp");
    Console console(smallConsole());
    std::string error;
    REQUIRE(saveShowFile(path, serializeShow(console, "old"), &error));
    const std::string old = readFile(path);
    setParam(console, "/ch/1/fader", -9.0f);
    const std::string next = serializeShow(console, "new");

    const pid_t child = fork();
    if (child == 0) {
        gBeforeRenameForTest = [] { pause(); }; // stop after the fsync, before the rename
        saveShowFile(path, next, &error);
        _exit(0);
    }
    for (int i = 0; i < 500 && readFile(path + ".tmp") != next; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    REQUIRE(readFile(path + ".tmp") == next); // the child got as far as the temporary file
    kill(child, SIGKILL);
    waitpid(child, nullptr, 0);
    REQUIRE(readFile(path) == old);
    ShowError e;
    REQUIRE(loadShowFile(path, &e).has_value());
}

TEST_CASE("bad scene sections are refused with their line and reason", "[scenes][show][errors]") {
    Console console(smallConsole());
    SceneList list(console);
    list.store("One", "");
    const std::string good = serializeShow(console, "t", &list);
    auto refused = [](const std::string& text) {
        ShowError e;
        REQUIRE_FALSE(parseShow(text, "bad.json", &e).has_value());
        return e;
    };
    SECTION("an out-of-range value names the scene and the line inside it") {
        std::string text = good;
        const size_t scenes = text.find("\"scenes\"");
        const size_t at = text.find("\"/ch/2/fader\": 0.0", scenes);
        REQUIRE(at != std::string::npos);
        text.replace(at, 18, "\"/ch/2/fader\": 40.0");
        const ShowError e = refused(text);
        REQUIRE(e.reason.find("scenes.list[1] (\"One\") /ch/2/fader: '40.0' is out of range") == 0);
        int line = 1;
        for (size_t i = 0; i < at; ++i) line += text[i] == '\n';
        REQUIRE(e.line == line);
    }
    SECTION("a fade beyond 30 s") {
        std::string text = good;
        text.replace(text.find("\"fade\": 0.0"), 11, "\"fade\": 45.0");
        REQUIRE(refused(text).reason.find(".fade: 45.0 is not 0..30 seconds") != std::string::npos);
    }
    SECTION("a safe that matches nothing, a current past the end, a truncated file") {
        std::string text = good;
        text.replace(text.find("\"safes\": []"), 11, "\"safes\": [\"/bus/9/**\"]");
        REQUIRE(refused(text).reason == "scenes.safes: /bus/9/** matches no parameter");
        text = good;
        text.replace(text.find("\"current\": 0"), 12, "\"current\": 3");
        REQUIRE(refused(text).reason == "scenes.current: 3 is not a scene number");
        const ShowError t = refused(good.substr(0, good.size() - 200));
        REQUIRE(t.reason.find("malformed JSON") == 0);
        REQUIRE(t.line > 100);
    }
}

TEST_CASE("recalls are counted (program change out follows them), edits of the list are not", "[scenes]") {
    Console console(smallConsole());
    SceneList list(console);
    list.store("a", "");
    list.store("b", "");
    std::string why;
    REQUIRE(list.recalls() == 0);
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(list.recall(1, nullptr, &why)); // the same scene again is a recall too
    REQUIRE(list.go(nullptr, &why));
    REQUIRE(list.prev(nullptr, &why));
    REQUIRE(list.recalls() == 4);
    REQUIRE_FALSE(list.recall(9, nullptr, &why)); // refused: not counted
    REQUIRE(list.duplicate(1, &why) == 2);
    REQUIRE(list.move(2, 3, &why));
    REQUIRE(list.remove(3, &why));
    REQUIRE(list.undo(&why));
    REQUIRE(list.recalls() == 4);
}

TEST_CASE("scenes recall DCAs and mute groups in their own scope groups, and fade DCA faders", "[scenes][dca]") {
    Console console(smallConsole());
    SceneList list(console);
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/1/dca/3", "on");
    setParam(console, "/dca/3/fader", -20.0f);
    setParam(console, "/mgrp/2/mute", "on");
    list.store("verse", "");
    setParam(console, "/dca/3/fader", 0.0f);
    setParam(console, "/mgrp/2/mute", "off");
    std::string why;

    // A scene scoped to faders only leaves the DCA and the mute group alone.
    REQUIRE(list.setScope(1, {"fader"}, &why));
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/dca/3/fader") == 0.0f);
    REQUIRE(get(console, "/mgrp/2/mute") == 0.0f);
    REQUIRE(list.setScope(1, {"dca", "mutegroups"}, &why));
    REQUIRE(list.recall(1, nullptr, &why));
    REQUIRE(get(console, "/dca/3/fader") == -20.0f);
    REQUIRE(get(console, "/mgrp/2/mute") == 1.0f);

    // A fade moves the DCA in fader travel, and the member follows it, at the halfway mark too.
    setParam(console, "/dca/3/fader", 0.0f);
    REQUIRE(list.setFade(1, 0.5, &why));
    console.reset();
    runConsole(console, {constant(0.5f, 640)}, kBlock, {1});
    SceneList::RecallReport r;
    REQUIRE(list.recall(1, &r, &why));
    REQUIRE(r.fading >= 1);
    const auto out = runConsole(console, {constant(0.5f, 36000)}, kBlock, {1})[0];
    const ParamSpec& spec = console.params().spec(*console.params().find("/dca/3/fader"));
    const double halfDb = spec.fromPosition(0.5f * (spec.toPosition(0.0f) + spec.toPosition(-20.0f)));
    // The member's gain trails the DCA by its fader glide (10 ms): within 0.5 dB of halfway.
    REQUIRE(20.0 * std::log10(out[12000] / 0.5) == Approx(halfDb).margin(0.5));
    REQUIRE(out.back() == Approx(0.5 * std::pow(10.0, -20.0 / 20.0)).epsilon(1e-4));
    REQUIRE(get(console, "/dca/3/fader") == -20.0f);
    REQUIRE(get(console, "/ch/1/fader") == 0.0f); // the member's own fader never moved
}
