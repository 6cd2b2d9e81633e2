// The parameter store: set/get with clamping, sources, touch, path patterns, and change
// tracking that never misses a write made from another thread.
#include "console/tree.h"
#include "params/store.h"

#include <catch2/catch.hpp>

#include <atomic>
#include <set>
#include <thread>

using namespace hr;

TEST_CASE("a console's tree has every parameter at its path", "[params][tree]") {
    ConsoleConfig cfg;
    cfg.channels = 16;
    cfg.busWidths = {1, 1, 2};
    const ConsoleTree tree(cfg);
    const ParamStore& s = tree.store();
    for (const char* path : {"/ch/3/name", "/ch/3/trim", "/ch/3/hpf/freq", "/ch/3/eq/2/gain", "/ch/3/comp/ratio",
                             "/ch/3/send/2/level", "/ch/3/send/2/tap", "/ch/3/send/3/pan", "/ch/3/mute",
                             "/ch/16/fader", "/bus/2/fader", "/main/fader", "/ch/3/input", "/out/1/source",
                             "/ch/1/link", "/ch/3/gate/range", "/ch/3/order", "/monitor/mode", "/bus/3/delay"})
        REQUIRE(s.find(path).has_value());
    REQUIRE_FALSE(s.find("/ch/17/fader"));
    REQUIRE_FALSE(s.find("/ch/3/send/1/pan")); // bus 1 is mono
    REQUIRE_FALSE(s.find("/ch/2/link"));       // the link lives on the odd channel of a pair
    REQUIRE(s.spec(*s.find("/ch/3/trim")).group == Group::Input);
    REQUIRE(s.spec(*s.find("/ch/3/send/2/level")).group == Group::Sends);
    REQUIRE(s.get(*s.find("/ch/3/input")) == 3.0f); // default patch: channel n <- input n
    REQUIRE(s.text(*s.find("/ch/3/name")) == "Ch 3");
}

TEST_CASE("set clamps to the spec and records its source, equal values are not writes", "[params]") {
    ConsoleConfig cfg;
    ConsoleTree tree(cfg);
    ParamStore& s = tree.store();
    const ParamId trim = *s.find("/ch/1/trim");
    REQUIRE(s.set(trim, 30.0f, Source::Gui) == 24.0f);
    REQUIRE(s.lastSource(trim) == Source::Gui);
    const uint64_t g = s.generation();
    s.set(trim, 24.0f, Source::Mcu);
    REQUIRE(s.generation() == g);               // no change, no stamp
    REQUIRE(s.lastSource(trim) == Source::Gui); // and no new source
    s.setPosition(trim, 0.5f, Source::Mcu);
    REQUIRE(s.get(trim) == Approx(0.0f));
    REQUIRE(s.lastSource(trim) == Source::Mcu);
}

TEST_CASE("touch is tracked per source", "[params]") {
    ConsoleTree tree(ConsoleConfig{});
    ParamStore& s = tree.store();
    const ParamId f = *s.find("/ch/2/fader");
    s.touch(f, Source::Gui, true);
    s.touch(f, Source::Mcu, true);
    REQUIRE(s.touched(f));
    REQUIRE(s.touchedBy(f, Source::Mcu));
    s.touch(f, Source::Mcu, false);
    REQUIRE(s.touched(f));
    REQUIRE_FALSE(s.touchedBy(f, Source::Mcu));
    s.touch(f, Source::Gui, false);
    REQUIRE_FALSE(s.touched(f));
}

TEST_CASE("path patterns: * is one segment, ** any number", "[params]") {
    REQUIRE(pathMatches("/bus/3/**", "/bus/3/fader"));
    REQUIRE(pathMatches("/bus/3/**", "/bus/3/eq/2/gain"));
    REQUIRE_FALSE(pathMatches("/bus/3/**", "/bus/31/fader"));
    REQUIRE(pathMatches("/ch/*/trim", "/ch/12/trim"));
    REQUIRE_FALSE(pathMatches("/ch/*/trim", "/ch/12/eq/trim"));
    REQUIRE(pathMatches("/ch/*/send/3/**", "/ch/7/send/3/level"));
    REQUIRE_FALSE(pathMatches("/ch/*/send/3/**", "/ch/7/send/13/level"));
    ConsoleConfig cfg;
    cfg.channels = 4;
    ConsoleTree tree(cfg);
    REQUIRE(tree.store().match("/ch/*/fader").size() == 4);
    REQUIRE(tree.store().match("/ch/2/fader").size() == 1);
}

TEST_CASE("a surface sees each change once and misses none across threads", "[params][tracking]") {
    ConsoleConfig cfg;
    cfg.channels = 32;
    ConsoleTree tree(cfg);
    ParamStore& s = tree.store();
    const std::vector<ParamId> faders = s.match("/ch/*/fader");
    REQUIRE(faders.size() == 32);

    uint64_t seen = s.generation();
    s.set(faders[4], -12.0f, Source::Gui);
    s.set(faders[9], -3.0f, Source::Mcu);
    std::set<ParamId> changed;
    seen = s.forEachChangedSince(seen, [&](ParamId id) { changed.insert(id); });
    REQUIRE(changed == std::set<ParamId>{faders[4], faders[9]});
    changed.clear();
    seen = s.forEachChangedSince(seen, [&](ParamId id) { changed.insert(id); });
    REQUIRE(changed.empty());

    // A writer thread moves every fader to a known last value while a reader polls; once
    // the writer is done, one more poll must leave the reader's view equal to the store.
    std::atomic<bool> done{false};
    std::thread writer([&] {
        for (int round = 0; round < 2000; ++round)
            for (ParamId id : faders) s.set(id, -static_cast<float>((round + id) % 60), Source::Osc);
        done = true;
    });
    std::vector<float> view(s.size(), 0.0f);
    for (ParamId id : faders) view[id] = s.get(id);
    while (!done) seen = s.forEachChangedSince(seen, [&](ParamId id) { view[id] = s.get(id); });
    writer.join();
    seen = s.forEachChangedSince(seen, [&](ParamId id) { view[id] = s.get(id); });
    for (ParamId id : faders) REQUIRE(view[id] == s.get(id));
}
