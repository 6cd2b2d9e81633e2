// MIDI learn, pure: learning each kind of control, soft takeover, 14-bit pairs, NRPN,
// notes as toggles and momentary, feedback without echo, and the show's JSON.
#include "learn.h"
#include "console/console.h"

#include <catch2/catch.hpp>

#include <cmath>

using namespace hr;
using namespace hr::midi;

namespace {
struct Rig {
    ConsoleTree tree{ConsoleConfig{}};
    ParamStore& s = tree.store();
    Learn learn{s};
    bool in(std::vector<uint8_t> m) { return learn.receive(m.data(), m.size()); }
    float pos(const std::string& p) { return s.position(*s.find(p)); }
    float get(const std::string& p) { return s.get(*s.find(p)); }
};
} // namespace

TEST_CASE("learn a 7-bit CC with soft takeover, feedback goes out for other sources only", "[learn]") {
    Rig r;
    std::string why;
    REQUIRE_FALSE(r.learn.arm("/ch/99/fader", &why));
    REQUIRE(why == "/ch/99/fader: no such parameter");
    REQUIRE(r.learn.arm("/ch/1/fader", &why));
    REQUIRE(r.in({0xB2, 7, 90})); // CC 7 on channel 3 moved: learnt, and applied
    REQUIRE(r.learn.maps().size() == 1);
    REQUIRE(r.learn.describe(r.learn.maps()[0]) == "/ch/1/fader <- cc 7 ch 3 (soft takeover)");
    REQUIRE(r.pos("/ch/1/fader") == Approx(90.0f / 127.0f));
    REQUIRE(r.learn.poll().empty()); // it moved it: no echo

    // A recall moves the fader elsewhere: the knob must pick it up before it acts.
    r.s.set(*r.s.find("/ch/1/fader"), -30.0f, Source::Recall); // position 0.25
    const auto fb = r.learn.poll();
    REQUIRE(fb == std::vector<std::vector<uint8_t>>{{0xB2, 7, 32}}); // LEDs/motors see it
    r.in({0xB2, 7, 100});
    REQUIRE(r.get("/ch/1/fader") == -30.0f); // no jump
    r.in({0xB2, 7, 33});                    // within reach of 0.25: picked up
    REQUIRE(r.pos("/ch/1/fader") == Approx(33.0f / 127.0f));
    r.in({0xB2, 7, 60});
    REQUIRE(r.pos("/ch/1/fader") == Approx(60.0f / 127.0f));

    // The controller reconnects: every mapping's value goes out again, and a knob without a
    // motor must pick the value up again before it acts.
    REQUIRE(r.learn.poll().empty());
    // A resend to a controller that stayed connected (the settle resend after it opened)
    // keeps the hand: the knob that moved the fader still drives it, jump or not.
    r.learn.resend(false);
    r.learn.poll();
    r.in({0xB2, 7, 70});
    REQUIRE(r.pos("/ch/1/fader") == Approx(70.0f / 127.0f));
    r.learn.resend();
    const float at = r.pos("/ch/1/fader");
    REQUIRE(r.learn.poll() == std::vector<std::vector<uint8_t>>{{0xB2, 7, static_cast<uint8_t>(std::lround(at * 127))}});
    REQUIRE(r.learn.poll().empty());
    r.in({0xB2, 7, 120});
    REQUIRE(r.pos("/ch/1/fader") == Approx(at)); // not picked up yet: no jump
    REQUIRE(r.learn.unlearn("/ch/1/fader"));
    REQUIRE_FALSE(r.in({0xB2, 7, 10}));
}

TEST_CASE("14-bit CC pairs, NRPN, pitch bend, and notes as toggles or momentary", "[learn]") {
    Rig r;
    std::string why;
    r.learn.arm("/ch/2/pan", &why);
    r.in({0xB0, 1, 64}); // MSB, then its LSB: a 14-bit control
    r.in({0xB0, 33, 0});
    REQUIRE(r.learn.maps().size() == 1);
    REQUIRE(r.learn.maps()[0].kind == Kind::Cc14);
    r.in({0xB0, 1, 127});
    r.in({0xB0, 33, 127});
    REQUIRE(r.pos("/ch/2/pan") == Approx(1.0f));
    r.in({0xB0, 1, 32});
    r.in({0xB0, 33, 5});
    REQUIRE(r.pos("/ch/2/pan") == Approx(((32 << 7) | 5) / 16383.0f).margin(1e-6));

    r.learn.arm("/ch/3/trim", &why);
    r.in({0xB1, 99, 2}); // NRPN 2*128+10
    r.in({0xB1, 98, 10});
    r.in({0xB1, 6, 64});
    REQUIRE(r.learn.maps().back().kind == Kind::Nrpn);
    REQUIRE(r.learn.maps().back().number == 266);
    r.in({0xB1, 38, 0});
    REQUIRE(r.pos("/ch/3/trim") == Approx(0.5f).margin(0.001));

    r.learn.arm("/main/fader", &why);
    r.in({0xE5, 0x00, 0x40});
    REQUIRE(r.learn.maps().back().kind == Kind::PitchBend);
    REQUIRE(r.pos("/main/fader") == Approx(8192.0f / 16383.0f));

    r.learn.arm("/ch/4/mute", &why);
    r.in({0x90, 36, 100}); // learnt as a toggle, and toggled
    REQUIRE(r.get("/ch/4/mute") == 1.0f);
    r.in({0x80, 36, 0});
    REQUIRE(r.get("/ch/4/mute") == 1.0f);
    r.in({0x90, 36, 100});
    REQUIRE(r.get("/ch/4/mute") == 0.0f);

    nlohmann::ordered_json j = r.learn.toJson();
    j["maps"][3]["momentary"] = true; // the mute key as a talkback-style momentary
    Rig back;
    INFO(why);
    REQUIRE(back.learn.fromJson(j, &why));
    REQUIRE(back.learn.maps().size() == 4);
    back.in({0x90, 36, 100});
    REQUIRE(back.get("/ch/4/mute") == 1.0f);
    back.in({0x90, 36, 0});
    REQUIRE(back.get("/ch/4/mute") == 0.0f);
    j["maps"][0]["path"] = "/ch/77/pan";
    REQUIRE_FALSE(back.learn.fromJson(j, &why));
    REQUIRE(why == "midi.maps: /ch/77/pan: no such parameter");
}

TEST_CASE("learn takes garbage without crashing or leaving values out of range", "[learn][fuzz]") {
    Rig r;
    std::string why;
    r.learn.arm("/ch/1/fader", &why);
    r.in({0xB0, 7, 10}); // one map of each kind to keep the parser busy
    r.learn.arm("/ch/2/mute", &why);
    r.in({0x90, 40, 1});
    r.learn.arm("/ch/3/pan", &why);
    r.in({0xE1, 0, 64});
    uint32_t seed = 99;
    std::vector<uint8_t> msg;
    for (int i = 0; i < 200000; ++i) {
        seed = seed * 1664525u + 1013904223u;
        msg.resize(seed % 6);
        for (auto& b : msg) {
            seed = seed * 1664525u + 1013904223u;
            b = static_cast<uint8_t>(seed >> 24);
        }
        r.learn.receive(msg.data(), msg.size());
        if (i % 500 == 0) r.learn.poll();
    }
    r.learn.receive(nullptr, 0);
    for (ParamId id = 0; id < r.s.size(); ++id)
        if (!r.s.spec(id).isText()) REQUIRE(r.s.spec(id).inRange(r.s.get(id)));
    REQUIRE(r.learn.maps().size() >= 3);
}

TEST_CASE("a learnt note taps an FX's tempo on every press, and keys talkback", "[learn][fx][talk]") {
    ConsoleConfig cfg;
    cfg.channels = 2;
    cfg.inputs = 2;
    cfg.busWidths = {1};
    Console console(cfg);
    ParamStore& s = console.params();
    Learn learn{s};
    auto in = [&](std::vector<uint8_t> m) { return learn.receive(m.data(), m.size()); };
    auto run = [&](int frames) { // the console's blocks: the engine takes each tap
        for (int done = 0; done < frames; done += 64) console.process(nullptr, 0, nullptr, 0, 64);
    };
    s.set(*s.find("/fx/1/type"), 4.0f, Source::Gui);
    s.set(*s.find("/fx/1/division"), 4.0f, Source::Gui); // 1/4
    std::string why;
    REQUIRE(learn.arm("/fx/1/tap", &why));
    in({0x90, 60, 100}); // learnt as a toggle: a press is a tap
    in({0x80, 60, 0});
    run(256);
    REQUIRE(s.get(*s.find("/fx/1/tap")) == 0.0f); // taken
    run(19200 - 256);                              // 0.4 s after the first press
    in({0x90, 60, 100});
    in({0x80, 60, 0});
    run(64);
    REQUIRE(s.get(*s.find("/fx/1/tempo")) == Approx(150.0f).margin(0.5f)); // not the default 120

    REQUIRE(learn.arm("/talk/on", &why));
    in({0x90, 61, 100});
    REQUIRE(s.get(*s.find("/talk/on")) == 1.0f);
}
