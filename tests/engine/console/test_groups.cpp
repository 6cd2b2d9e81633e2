// DCA groups and mute groups through the whole console, measured at main and the buses.
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <cstring>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kBlock = 64;
constexpr int kSecond = 48000;

ConsoleConfig groupConsole(int channels) {
    ConsoleConfig cfg;
    cfg.channels = channels;
    cfg.inputs = channels;
    cfg.outputs = 2;
    cfg.busWidths = {1, 1};
    cfg.sampleRate = kRate;
    cfg.blockSize = kBlock;
    return cfg;
}

double settledDb(const Signal& s) { return rmsDb(s, s.size() * 3 / 4, s.size()); }
double silentAfter(const Signal& s, size_t from) { return peakAbs(s, from, s.size()); }
} // namespace

TEST_CASE("a DCA scales its members at the fader: -10 dB is 10.00 dB, two DCAs add, pre-fader sends stay",
          "[console][dca]") {
    Console console(groupConsole(2));
    const int pre = console.busSignalChoice(0), post = console.busSignalChoice(1);
    const Signal in = sine(1000.0, 0.2, kSecond / 2), silence(in.size(), 0.0f);
    setParam(console, "/ch/1/send/1/level", -6.0f);
    setParam(console, "/ch/1/send/1/tap", "pre");
    setParam(console, "/ch/1/send/2/level", -6.0f);
    setParam(console, "/ch/1/send/2/tap", "post");
    setParam(console, "/ch/1/fader", -3.0f);
    auto before = runConsole(console, {in, silence}, kBlock, {1, pre, post});

    setParam(console, "/ch/1/dca/2", "on");
    setParam(console, "/dca/2/fader", -10.0f);
    auto after = runConsole(console, {in, silence}, kBlock, {1, pre, post});
    REQUIRE(settledDb(after[0]) - settledDb(before[0]) == Approx(-10.0).margin(0.01));
    REQUIRE(settledDb(after[1]) - settledDb(before[1]) == Approx(0.0).margin(0.01));   // pre-fader
    REQUIRE(settledDb(after[2]) - settledDb(before[2]) == Approx(-10.0).margin(0.01)); // post-fader
    REQUIRE(console.params().get(*console.params().find("/ch/1/fader")) == -3.0f); // its own fader never moved

    // A member of two DCAs, at -6 and -4: 10 dB down.
    setParam(console, "/dca/2/fader", -6.0f);
    setParam(console, "/ch/1/dca/5", "on");
    setParam(console, "/dca/5/fader", -4.0f);
    after = runConsole(console, {in, silence}, kBlock, {1, pre, post});
    REQUIRE(settledDb(after[0]) - settledDb(before[0]) == Approx(-10.0).margin(0.01));
    REQUIRE(settledDb(after[1]) - settledDb(before[1]) == Approx(0.0).margin(0.01));

    // A DCA of which it is not a member does nothing to it.
    setParam(console, "/ch/1/dca/5", "off");
    setParam(console, "/ch/1/dca/2", "off");
    setParam(console, "/dca/3/fader", -20.0f);
    after = runConsole(console, {in, silence}, kBlock, {1});
    REQUIRE(settledDb(after[0]) == Approx(settledDb(before[0])).margin(0.01));
}

TEST_CASE("a DCA at 0 dB leaves every output bit-identical to no DCA", "[console][dca][determinism]") {
    const Signal a = sine(220.0, 0.3, kSecond / 4), b = sine(3100.0, 0.2, kSecond / 4);
    auto render = [&](bool withDca) {
        Console console(groupConsole(2));
        setParam(console, "/ch/1/fader", -7.5f);
        setParam(console, "/ch/2/fader", 4.0f);
        setParam(console, "/ch/1/send/2/level", -3.0f);
        if (withDca) {
            setParam(console, "/ch/1/dca/1", "on");
            setParam(console, "/ch/2/dca/1", "on");
            setParam(console, "/ch/2/dca/16", "on");
            setParam(console, "/dca/1/fader", 0.0f);
        }
        return runConsole(console, {a, b}, kBlock, {1, 2, console.busSignalChoice(1)});
    };
    const auto plain = render(false), dca = render(true);
    for (size_t k = 0; k < plain.size(); ++k) {
        REQUIRE(plain[k].size() == dca[k].size());
        REQUIRE(std::memcmp(plain[k].data(), dca[k].data(), plain[k].size() * sizeof(float)) == 0);
    }
}

TEST_CASE("a DCA glides as a fader does and its mute mutes every member, sends too", "[console][dca][smoothing]") {
    Console console(groupConsole(1));
    const int pre = console.busSignalChoice(0);
    const Signal dc = constant(0.5f, kSecond / 10);
    setParam(console, "/ch/1/send/1/level", 0.0f);
    setParam(console, "/ch/1/send/1/tap", "pre");
    setParam(console, "/ch/1/dca/1", "on");
    auto out = runConsole(console, {dc}, kBlock, {1, pre});
    const float settled = out[0].back();

    // The same bound as a channel fader's jump (test_strip.cpp): a 10 ms glide, no step over it.
    const double k = 1.0 - std::exp(-dsp::kTick / (0.010 * kRate));
    const double allowed = settled * k / dsp::kTick * 1.01;
    setParam(console, "/dca/1/fader", "-inf");
    out = runConsole(console, {dc}, kBlock, {1, pre});
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= allowed);
    REQUIRE(maxStep(out[0], 0, out[0].size()) > allowed * 0.5);
    REQUIRE(std::fabs(out[0].back()) < 1e-6f);
    REQUIRE(out[1].back() == Approx(0.5f).epsilon(1e-4)); // a pre-fader send ignores the DCA's level

    setParam(console, "/dca/1/fader", 0.0f);
    setParam(console, "/dca/1/mute", "on");
    out = runConsole(console, {dc}, kBlock, {1, pre});
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= allowed);
    REQUIRE(silentAfter(out[0], out[0].size() / 2) < 1e-6);
    REQUIRE(silentAfter(out[1], out[1].size() / 2) < 1e-6); // mute silences pre-fader sends too
    REQUIRE(console.params().get(*console.params().find("/ch/1/mute")) == 0.0f);

    setParam(console, "/dca/1/mute", "off");
    out = runConsole(console, {dc}, kBlock, {1, pre});
    REQUIRE(out[0].back() == Approx(settled).epsilon(1e-4));
}

TEST_CASE("a mute group silences its members within the mute ramp and gives back each one's own mute",
          "[console][mutegroups]") {
    Console console(groupConsole(3));
    const int bus1 = console.busSignalChoice(0);
    const Signal dc = constant(0.25f, kSecond / 10);
    for (const char* ch : {"/ch/1", "/ch/2", "/ch/3"}) setParam(console, std::string(ch) + "/send/1/level", 0.0f);
    setParam(console, "/ch/1/mgrp/3", "on");
    setParam(console, "/ch/2/mgrp/3", "on");
    setParam(console, "/ch/2/mute", "on"); // muted on its own before the group
    setParam(console, "/ch/1/pan", -1.0f);
    setParam(console, "/ch/2/pan", -1.0f);
    setParam(console, "/ch/3/pan", 1.0f); // not a member: main R only
    console.reset();
    auto out = runConsole(console, {dc, dc, dc}, kBlock, {1, 2, bus1});
    REQUIRE(out[0].back() == Approx(0.25f).epsilon(1e-4)); // ch 1 only: ch 2 is muted
    const float right = out[1].back();

    // The same console muting ch 1 on its own: the group's mute must be that ramp, sample for sample.
    Console alone(groupConsole(3));
    for (const char* path : {"/ch/1/send/1/level", "/ch/2/send/1/level", "/ch/3/send/1/level"}) setParam(alone, path, 0.0f);
    setParam(alone, "/ch/2/mute", "on");
    setParam(alone, "/ch/1/pan", -1.0f);
    setParam(alone, "/ch/2/pan", -1.0f);
    setParam(alone, "/ch/3/pan", 1.0f);
    alone.reset();
    (void)runConsole(alone, {dc, dc, dc}, kBlock, {1});
    setParam(alone, "/ch/1/mute", "on");
    const auto reference = runConsole(alone, {dc, dc, dc}, kBlock, {1});

    setParam(console, "/mgrp/3/mute", "on");
    out = runConsole(console, {dc, dc, dc}, kBlock, {1, 2, bus1});
    REQUIRE(out[0] == reference[0]);
    REQUIRE(out[0][480] < 0.25f * 0.5f); // it did fall, ramped: no step larger than a mute's
    const double k = 1.0 - std::exp(-dsp::kTick / (0.010 * kRate));
    REQUIRE(maxStep(out[0], 0, out[0].size()) <= 0.25 * k / dsp::kTick * 1.01);
    REQUIRE(std::fabs(out[0].back()) < 1e-6f);
    REQUIRE(out[1].back() == right);                      // a channel outside the group plays on
    REQUIRE(out[2].back() == Approx(0.25f).epsilon(1e-4)); // bus 1 now carries ch 3 alone

    // Released: ch 1 comes back, ch 2 keeps its own mute.
    setParam(console, "/mgrp/3/mute", "off");
    out = runConsole(console, {dc, dc, dc}, kBlock, {1, 2, bus1});
    REQUIRE(out[0].back() == Approx(0.25f).epsilon(1e-4));
    REQUIRE(console.params().get(*console.params().find("/ch/2/mute")) == 1.0f);
    setParam(console, "/ch/2/mute", "off");
    out = runConsole(console, {dc, dc, dc}, kBlock, {1, 2, bus1});
    REQUIRE(out[0].back() == Approx(0.5f).epsilon(1e-4));
}

TEST_CASE("a bus in a mute group is muted with it", "[console][mutegroups]") {
    Console console(groupConsole(1));
    const int bus1 = console.busSignalChoice(0), bus2 = console.busSignalChoice(1);
    const Signal dc = constant(0.25f, kSecond / 10);
    setParam(console, "/ch/1/send/1/level", 0.0f);
    setParam(console, "/ch/1/send/2/level", 0.0f);
    setParam(console, "/bus/1/mgrp/8", "on");
    auto out = runConsole(console, {dc}, kBlock, {bus1, bus2});
    REQUIRE(out[0].back() == Approx(0.25f).epsilon(1e-4));
    setParam(console, "/mgrp/8/mute", "on");
    out = runConsole(console, {dc}, kBlock, {1, bus1, bus2});
    REQUIRE(std::fabs(out[1].back()) < 1e-6f);
    REQUIRE(out[1][480] < 0.25f * 0.5f);
    REQUIRE(out[2].back() == Approx(0.25f).epsilon(1e-4));
    REQUIRE(out[0].back() > 0.1f); // main is not in the group
    setParam(console, "/mgrp/8/mute", "off");
    out = runConsole(console, {dc}, kBlock, {bus1});
    REQUIRE(out[0].back() == Approx(0.25f).epsilon(1e-4));
}
