// Channel settings and presets: which parameters each part holds, a preset's JSON read
// back onto another channel, and documents that are refused with the value they name.
#include "console/console.h"
#include "show/channel_preset.h"

#include <catch2/catch.hpp>

using namespace hr;
using json = nlohmann::ordered_json;

namespace {
Console smallConsole() {
    ConsoleConfig cfg;
    cfg.channels = 3;
    cfg.busWidths = {1, 2};
    return Console(cfg);
}
bool holds(const ChannelSettings& s, const std::string& rest) {
    for (const auto& v : s.values)
        if (v.first == rest) return true;
    return false;
}
} // namespace

TEST_CASE("each part holds its own parameters and never which strip it is", "[show][preset]") {
    Console console = smallConsole();
    const ParamStore& s = console.params();
    const ChannelSettings eq = captureChannel(s, 1, ChannelPart::Eq, false);
    REQUIRE(holds(eq, "hpf/slope"));
    REQUIRE(holds(eq, "eq/4/type"));
    REQUIRE_FALSE(holds(eq, "gate/threshold"));
    const ChannelSettings dyn = captureChannel(s, 1, ChannelPart::Dynamics, false);
    REQUIRE(holds(dyn, "gate/hold"));
    REQUIRE(holds(dyn, "comp/automakeup"));
    REQUIRE(holds(dyn, "order"));
    REQUIRE_FALSE(holds(dyn, "eq/1/gain"));
    const ChannelSettings preset = captureChannel(s, 1, ChannelPart::Whole, false);
    REQUIRE(holds(preset, "trim"));
    REQUIRE_FALSE(holds(preset, "fader"));
    const ChannelSettings copy = captureChannel(s, 1, ChannelPart::Whole, true);
    REQUIRE(holds(copy, "fader"));
    REQUIRE(holds(copy, "send/2/pan"));
    for (const char* never : {"name", "colour", "input", "source", "solo", "link", "rec/arm", "dca/1", "mgrp/1"})
        REQUIRE_FALSE(holds(copy, never));
    REQUIRE(captureChannel(s, 9, ChannelPart::Whole, true).values.empty());
}

TEST_CASE("a preset's JSON loads onto another channel, and a bad one names the value and changes nothing", "[show][preset]") {
    Console console = smallConsole();
    ParamStore& s = console.params();
    s.set(*s.find("/ch/1/eq/3/gain"), 5.5f, Source::Prompt);
    s.set(*s.find("/ch/1/hpf/slope"), 1.0f, Source::Prompt);
    const json doc = presetJson(s, 1, captureChannel(s, 1, ChannelPart::Eq, false));
    REQUIRE(doc["values"]["hpf/slope"] == "24");
    std::string pointer, why;
    const auto read = presetFromJson(s, 2, doc, &pointer, &why);
    REQUIRE(read);
    REQUIRE(applyChannel(s, 2, *read, Source::Prompt, &why) == 2);
    REQUIRE(s.get(*s.find("/ch/2/eq/3/gain")) == 5.5f);

    json wrongPart = doc;
    wrongPart["values"]["gate/threshold"] = -20; // not EQ
    REQUIRE_FALSE(presetFromJson(s, 2, wrongPart, &pointer, &why));
    REQUIRE(pointer == "/values/gate~1threshold");
    json badValue = doc;
    badValue["values"]["eq/3/gain"] = 99;
    REQUIRE_FALSE(presetFromJson(s, 3, badValue, &pointer, &why));
    REQUIRE(pointer == "/values/eq~13~1gain");
    json notPreset = json::object();
    REQUIRE_FALSE(presetFromJson(s, 3, notPreset, &pointer, &why));
    REQUIRE(why.find("not a headroom channel preset") != std::string::npos);

    ChannelSettings outOfRange = captureChannel(s, 1, ChannelPart::Eq, false);
    outOfRange.values.back().second = 1e9f;
    const float before = s.get(*s.find("/ch/3/eq/3/gain"));
    REQUIRE_FALSE(applyChannel(s, 3, outOfRange, Source::Prompt, &why));
    REQUIRE(s.get(*s.find("/ch/3/eq/3/gain")) == before);
}
