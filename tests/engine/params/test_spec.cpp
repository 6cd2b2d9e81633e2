// Parameter specs: tapers both ways, range checks, and the value grammar of DECISIONS.md.
#include "params/spec.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace hr;

namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();
}

TEST_CASE("fader taper maps travel to dB and back", "[params][taper]") {
    const ParamSpec fader = levelSpec("/ch/1/fader", Group::Fader, 0.0f);
    // Fixed points of the console law: -inf at the bottom, 0 dB at 3/4, +10 dB at the top.
    REQUIRE(fader.fromPosition(0.0f) == -kInf);
    REQUIRE(fader.fromPosition(0.75f) == Approx(0.0f).margin(1e-5));
    REQUIRE(fader.fromPosition(1.0f) == Approx(10.0f));
    REQUIRE(fader.fromPosition(0.5f) == Approx(-10.0f));
    REQUIRE(fader.fromPosition(0.25f) == Approx(-30.0f));
    REQUIRE(fader.toPosition(-kInf) == 0.0f);
    REQUIRE(fader.toPosition(0.0f) == Approx(0.75f));
    // Both ways over the whole travel, monotonic.
    float last = -kInf;
    for (int i = 1; i <= 1000; ++i) {
        const float pos = static_cast<float>(i) / 1000.0f;
        const float db = fader.fromPosition(pos);
        REQUIRE(db > last);
        REQUIRE(fader.toPosition(db) == Approx(pos).margin(1e-5));
        last = db;
    }
}

TEST_CASE("log taper for frequencies and the ratio taper with limit", "[params][taper]") {
    const ParamSpec f = freqSpec("/ch/1/hpf/freq", Group::Hpf, 20.0f, 600.0f, 80.0f);
    REQUIRE(f.fromPosition(0.0f) == Approx(20.0f));
    REQUIRE(f.fromPosition(1.0f) == Approx(600.0f));
    REQUIRE(f.fromPosition(0.5f) == Approx(std::sqrt(20.0f * 600.0f)));
    REQUIRE(f.toPosition(std::sqrt(20.0f * 600.0f)) == Approx(0.5f));

    ParamSpec ratio = gainSpec("/ch/1/comp/ratio", Group::Comp, 1.0f, 20.0f, 3.0f);
    ratio.unit = Unit::Ratio;
    ratio.taper = Taper::Ratio;
    ratio.allowsPosInf = true;
    REQUIRE(ratio.fromPosition(0.0f) == Approx(1.0f));
    REQUIRE(ratio.fromPosition(1.0f) == kInf);
    REQUIRE(ratio.toPosition(kInf) == 1.0f);
    REQUIRE(ratio.toPosition(4.0f) < 0.95f);
    REQUIRE(ratio.fromPosition(ratio.toPosition(4.0f)) == Approx(4.0f));
}

TEST_CASE("values parse in the prompt grammar and print in natural units", "[params][grammar]") {
    const ParamSpec fader = levelSpec("/ch/3/fader", Group::Fader, 0.0f);
    std::string why;
    REQUIRE(*fader.parse("-6", &why) == -6.0f);
    REQUIRE(*fader.parse("-6dB", &why) == -6.0f);
    REQUIRE(*fader.parse("-inf", &why) == -kInf);
    REQUIRE(fader.format(-6.0f) == "-6.0 dB");
    REQUIRE(fader.format(-kInf) == "-inf dB");
    REQUIRE_FALSE(fader.parse("banana", &why));
    REQUIRE(why == "'banana' is not a level in dB");
    REQUIRE_FALSE(fader.parse("11", &why));
    REQUIRE(why.find("out of range") != std::string::npos);

    const ParamSpec freq = freqSpec("/ch/1/eq/2/freq", Group::Eq, 20.0f, 20000.0f, 1000.0f);
    REQUIRE(*freq.parse("1k", &why) == 1000.0f);
    REQUIRE(*freq.parse("1.5kHz", &why) == 1500.0f);
    REQUIRE(*freq.parse("250hz", &why) == 250.0f);
    REQUIRE(*freq.parse(freq.formatBare(2500.0f), &why) == 2500.0f); // prints what it parses
    REQUIRE_FALSE(freq.parse("5", &why));

    const ParamSpec t = timeSpec("/ch/1/comp/attack", Group::Comp, 0.05f, 200.0f, 10.0f, Taper::Log);
    REQUIRE_FALSE(t.parse("250ms", &why)); // 250 > 200
    REQUIRE(*t.parse("0.1s", &why) == Approx(100.0f));

    const ParamSpec tap = choiceSpec("/ch/1/send/1/tap", Group::Sends, {"pre-eq", "pre", "post"}, 2);
    REQUIRE(*tap.parse("pre", &why) == 1.0f);
    REQUIRE(*tap.parse("POST", &why) == 2.0f);
    REQUIRE_FALSE(tap.parse("mid", &why));
    REQUIRE(why == "'mid' is not one of pre-eq|pre|post");
    REQUIRE(tap.format(0.0f) == "pre-eq");

    const ParamSpec sw = switchSpec("/ch/1/mute", Group::Fader, false);
    REQUIRE(*sw.parse("on", &why) == 1.0f);
    REQUIRE(*sw.parse("off", &why) == 0.0f);
    REQUIRE(sw.format(1.0f) == "on");

    ParamSpec pan = gainSpec("/ch/1/pan", Group::Fader, -1.0f, 1.0f, 0.0f);
    pan.unit = Unit::Pan;
    REQUIRE(*pan.parse("L50", &why) == Approx(-0.5f));
    REQUIRE(*pan.parse("R100", &why) == Approx(1.0f));
    REQUIRE(*pan.parse("C", &why) == 0.0f);
}

TEST_CASE("range checks and clamping respect the infinities a spec allows", "[params]") {
    const ParamSpec fader = levelSpec("/ch/1/fader", Group::Fader, 0.0f);
    REQUIRE(fader.inRange(-kInf));
    REQUIRE_FALSE(fader.inRange(kInf));
    REQUIRE_FALSE(fader.inRange(std::nanf("")));
    REQUIRE(fader.clamp(20.0f) == 10.0f);
    REQUIRE(fader.clamp(-200.0f) == -kInf);
    const ParamSpec trim = gainSpec("/ch/1/trim", Group::Input, -24.0f, 24.0f, 0.0f);
    REQUIRE_FALSE(trim.inRange(-kInf));
    REQUIRE(trim.clamp(-kInf) == -24.0f);
    REQUIRE(trim.clamp(std::nanf("")) == 0.0f);
}
