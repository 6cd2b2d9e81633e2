// Mackie Control, pure protocol: bytes in -> parameter changes, parameter changes -> exact
// bytes out, with no MIDI port.
#include "mcu/mcu.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

#include <chrono>
#include <random>
#include <thread>

using namespace hr;
using mcu::Message;

namespace {
ConsoleConfig channels(int n) {
    ConsoleConfig cfg;
    cfg.channels = n;
    cfg.inputs = n;
    return cfg;
}

struct Rig {
    Console console{channels(20)};
    SceneList scenes{console};
    mcu::Surface surface{console, &scenes};
    ParamStore& s = console.params();

    void in(Message m) { surface.receive(m.data(), m.size()); }
    std::vector<Message> out() { return surface.poll(); }
    float get(const std::string& path) { return s.get(*s.find(path)); }
    void set(const std::string& path, float v) { s.set(*s.find(path), v, Source::Gui); }
    static bool has(const std::vector<Message>& msgs, const Message& m) {
        return std::find(msgs.begin(), msgs.end(), m) != msgs.end();
    }
    static int countStatus(const std::vector<Message>& msgs, uint8_t status) {
        return static_cast<int>(std::count_if(msgs.begin(), msgs.end(), [&](const Message& m) { return !m.empty() && m[0] == status; }));
    }
};
Message pitch(int ch, int v) { return {static_cast<uint8_t>(0xE0 | ch), static_cast<uint8_t>(v & 0x7F), static_cast<uint8_t>(v >> 7)}; }
Message note(int n, int vel) { return {0x90, static_cast<uint8_t>(n), static_cast<uint8_t>(vel)}; }
std::string scribble(const Message& m) { return std::string(m.begin() + 7, m.end() - 1); }
} // namespace

TEST_CASE("MCU faders move the channel faders, motors follow other sources, never echo or duplicate", "[mcu]") {
    Rig r;
    const auto first = r.out(); // everything once: 8 faders + master, LEDs, names, rings, meters, display
    REQUIRE(Rig::countStatus(first, 0xE0) == 1);
    REQUIRE(Rig::has(first, pitch(8, static_cast<int>(std::lround(0.75 * 16383))))); // main at 0 dB on the master
    REQUIRE(r.out().empty()); // and nothing twice

    r.in(pitch(0, 8192)); // strip 1 to half travel
    const ParamSpec& spec = r.s.spec(*r.s.find("/ch/1/fader"));
    REQUIRE(r.get("/ch/1/fader") == Approx(spec.fromPosition(8192.0f / 16383.0f)));
    REQUIRE(r.s.lastSource(*r.s.find("/ch/1/fader")) == Source::Mcu);
    REQUIRE(r.out().empty()); // the surface moved it: no motor echo

    r.set("/ch/2/fader", -10.0f); // the GUI moves channel 2: its motor follows, exactly once
    const int pos = static_cast<int>(std::lround(spec.toPosition(-10.0f) * 16383));
    auto msgs = r.out();
    REQUIRE(msgs == std::vector<Message>{pitch(1, pos)});
    REQUIRE(r.out().empty());

    r.in(pitch(8, 16383)); // the master fader is main
    REQUIRE(r.get("/main/fader") == Approx(10.0f));
}

TEST_CASE("a touched fader holds its motor back and shows its value, release lets it follow", "[mcu]") {
    Rig r;
    r.out();
    r.in(note(0x68 + 2, 127)); // touch strip 3
    REQUIRE(r.s.touchedBy(*r.s.find("/ch/3/fader"), Source::Mcu));
    auto msgs = r.out();
    // The bottom scribble row of strip 3 shows the value while touched.
    bool shown = false;
    for (const Message& m : msgs)
        if (m.size() > 8 && m[0] == 0xF0 && m[6] == 56 + 2 * 7) shown = scribble(m) == "0.0    ";
    REQUIRE(shown);
    r.set("/ch/3/fader", -20.0f); // a recall moves it under the hand
    REQUIRE(Rig::countStatus(r.out(), 0xE2) == 0);
    r.in(note(0x68 + 2, 0)); // released
    REQUIRE_FALSE(r.s.touchedBy(*r.s.find("/ch/3/fader"), Source::Mcu));
    msgs = r.out();
    REQUIRE(Rig::countStatus(msgs, 0xE2) == 1); // now the motor goes there
}

TEST_CASE("MUTE, SOLO, REC and SELECT toggle and light, names on the scribble strips", "[mcu]") {
    Rig r;
    r.s.setText(*r.s.find("/ch/1/name"), "Kick In", Source::Gui);
    auto first = r.out();
    bool named = false;
    for (const Message& m : first)
        if (m.size() > 8 && m[0] == 0xF0 && m[5] == 0x12 && m[6] == 0) named = scribble(m) == "Kick In";
    REQUIRE(named);
    REQUIRE(Rig::has(first, note(0x18, 127))); // strip 1 selected
    r.in(note(0x10, 127));                     // MUTE 1 pressed
    r.in(note(0x10, 0));                       // and released: no second toggle
    REQUIRE(r.get("/ch/1/mute") == 1.0f);
    REQUIRE(r.out() == std::vector<Message>{note(0x10, 127)});
    r.in(note(0x09, 127)); // SOLO 2
    r.in(note(0x02, 127)); // REC 3
    r.in(note(0x1B, 127)); // SELECT 4
    const auto msgs = r.out();
    REQUIRE(r.get("/ch/2/solo") == 1.0f);
    REQUIRE(r.get("/ch/3/rec/arm") == 1.0f);
    REQUIRE(Rig::has(msgs, note(0x09, 127)));
    REQUIRE(Rig::has(msgs, note(0x02, 127)));
    REQUIRE(Rig::has(msgs, note(0x1B, 127)));
    REQUIRE(Rig::has(msgs, note(0x18, 0))); // strip 1 no longer selected
}

TEST_CASE("banking by 8 and by 1 across channels and bus masters, sends on fader, flip and V-Pots", "[mcu]") {
    Rig r;
    r.out();
    r.in(note(0x2F, 127)); // BANK >
    REQUIRE(r.surface.bankOffset() == 8);
    r.in(pitch(0, 0));
    REQUIRE(std::isinf(r.get("/ch/9/fader")));
    r.in(note(0x2F, 127));
    REQUIRE(r.surface.bankOffset() == 16);
    for (int i = 0; i < 4; ++i) r.in(note(0x31, 127)); // CHANNEL > 4 times: 20 channels, then the buses
    REQUIRE(r.surface.bankOffset() == 20);
    r.in(pitch(0, 0)); // strip 1 is now bus 1's master fader
    REQUIRE(std::isinf(r.get("/bus/1/fader")));
    r.in(note(0x11, 127)); // MUTE on strip 2: bus 2
    REQUIRE(r.get("/bus/2/mute") == 1.0f);
    const auto msgs = r.out();
    REQUIRE(Rig::has(msgs, note(0x11, 127)));
    bool named = false;
    for (const Message& m : msgs)
        if (m.size() > 8 && m[0] == 0xF0 && m[5] == 0x12 && m[6] == 7) named = scribble(m) == "Bus 2  ";
    REQUIRE(named);
    r.in(note(0x11, 127)); // bus 2 unmuted again: its LED goes out
    REQUIRE(Rig::has(r.out(), note(0x11, 0)));
    // Past the 8 bus masters, the 16 DCAs: fader, MUTE and name.
    r.in(note(0x2F, 127)); // BANK >
    REQUIRE(r.surface.bankOffset() == 28);
    r.in(pitch(0, 0));
    REQUIRE(std::isinf(r.get("/dca/1/fader")));
    REQUIRE(r.get("/ch/1/fader") == 0.0f); // a DCA moves no member's fader
    r.in(note(0x11, 127)); // MUTE on strip 2: DCA 2
    REQUIRE(r.get("/dca/2/mute") == 1.0f);
    const auto dcaMsgs = r.out();
    REQUIRE(Rig::has(dcaMsgs, note(0x11, 127)));
    named = false;
    for (const Message& m : dcaMsgs)
        if (m.size() > 8 && m[0] == 0xF0 && m[5] == 0x12 && m[6] == 7) named = scribble(m) == "DCA 2  ";
    REQUIRE(named);
    r.in(note(0x2F, 127)); // the last bank: DCAs 9-16
    REQUIRE(r.surface.bankOffset() == 36);
    r.in(note(0x2F, 127));
    REQUIRE(r.surface.bankOffset() == 36);
    r.in(pitch(7, 0x3FFF));
    REQUIRE(r.get("/dca/16/fader") == 10.0f);
    for (int i = 0; i < 4; ++i) r.in(note(0x2E, 127)); // BANK <
    REQUIRE(r.surface.bankOffset() == 4);
    r.in(note(0x30, 127)); // CHANNEL <
    REQUIRE(r.surface.bankOffset() == 3);
    r.in(note(0x2E, 127));
    REQUIRE(r.surface.bankOffset() == 0);
    r.out();

    r.in({0xB0, 0x10, 0x05});      // V-Pot 1 clockwise, 5 ticks: pan
    REQUIRE(r.get("/ch/1/pan") == Approx(0.10f).margin(1e-4));
    r.in({0xB0, 0x10, 0x40 | 0x0A}); // counter-clockwise, 10 ticks
    REQUIRE(r.get("/ch/1/pan") == Approx(-0.10f).margin(1e-4));

    r.in(note(0x29, 127)); // SEND: the faders move the sends to bus 1
    REQUIRE(r.surface.sendsBus() == 0);
    r.in(pitch(0, 12287));
    REQUIRE(r.get("/ch/1/send/1/level") == Approx(0.0f).margin(0.05));
    r.in({0xB0, 0x10, 0x05}); // the V-Pots keep pan (the send is on the fader)
    REQUIRE(r.get("/ch/1/pan") == Approx(0.0f).margin(1e-4));
    REQUIRE(r.get("/ch/1/send/1/level") == Approx(0.0f).margin(0.05));
    r.in(note(0x32, 127)); // FLIP in sends mode: fader = pan, V-Pot = the send
    r.in(pitch(0, 16383));
    REQUIRE(r.get("/ch/1/pan") == Approx(1.0f));
    r.in({0xB0, 0x10, 0x45});
    REQUIRE(r.get("/ch/1/send/1/level") < -0.5f);
    r.in(note(0x32, 127));
    r.in(note(0x2A, 127)); // PAN: back to the channel faders
    REQUIRE(r.surface.sendsBus() == -1);

    r.in(note(0x32, 127)); // FLIP: the faders move pan
    REQUIRE(r.surface.flipped());
    r.in(pitch(1, 16383));
    REQUIRE(r.get("/ch/2/pan") == Approx(1.0f));
}

TEST_CASE("a Logic Control's challenge is answered, an MCU's device-ready gets everything again, the display shows the scene",
          "[mcu]") {
    // The Logic Control documentation's formula, worked by hand for one challenge.
    const uint8_t challenge[4] = {0x01, 0x02, 0x7F, 0x03};
    REQUIRE(mcu::handshakeResponse(challenge) == std::array<uint8_t, 4>{0x06, 0x0B, 0x04, 0x43});
    Rig r;
    r.out();
    r.in({0xF0, 0x00, 0x00, 0x66, 0x10, 0x01, 1, 2, 3, 4, 5, 6, 7, 0x01, 0x02, 0x7F, 0x03, 0xF7});
    auto msgs = r.out();
    REQUIRE(Rig::has(msgs, Message{0xF0, 0x00, 0x00, 0x66, 0x10, 0x02, 1, 2, 3, 4, 5, 6, 7, 0x06, 0x0B, 0x04, 0x43, 0xF7}));
    // Its scribble strips are addressed as it named itself (0x10).
    r.s.setText(*r.s.find("/ch/1/name"), "Kick", Source::Gui);
    msgs = r.out();
    REQUIRE(std::any_of(msgs.begin(), msgs.end(), [](const Message& m) { return m.size() > 8 && m[4] == 0x10 && m[5] == 0x12; }));
    // An MCU powered on says "device ready": no reply, everything shown again.
    Rig mcu;
    mcu.out();
    REQUIRE(mcu.out().empty());
    mcu.in({0xF0, 0x00, 0x00, 0x66, 0x14, 0x01, 0xF7});
    msgs = mcu.out();
    REQUIRE(Rig::countStatus(msgs, 0xE0) == 1); // the motors again
    REQUIRE(std::none_of(msgs.begin(), msgs.end(), [](const Message& m) { return m.size() > 5 && m[0] == 0xF0 && m[5] == 0x02; }));
    r.scenes.store("a", "");
    r.scenes.store("b", "");
    std::string why;
    r.scenes.recall(2, nullptr, &why);
    const auto after = r.out();
    REQUIRE(Rig::has(after, Message{0xB0, 0x4B, '0'}));
    REQUIRE(Rig::has(after, Message{0xB0, 0x4A, '2'}));
}

TEST_CASE("garbage, truncated and unknown messages never crash or leave values out of range", "[mcu][fuzz]") {
    Rig r;
    std::mt19937 rng(1234);
    std::vector<uint8_t> buf;
    for (int i = 0; i < 200000; ++i) {
        const size_t n = rng() % 20;
        buf.resize(n);
        for (auto& b : buf) b = static_cast<uint8_t>(rng());
        if (n > 0 && rng() % 3 == 0) buf[0] = static_cast<uint8_t>(0x80 | (rng() & 0x7F)); // plausible status bytes
        r.surface.receive(buf.data(), buf.size());
        if (i % 1000 == 0) r.out();
    }
    r.surface.receive(nullptr, 0);
    // The same into a main unit with two XTs, from any unit number (also ones that are not there).
    mcu::Surface three(r.console, &r.scenes, 3, 1);
    for (int i = 0; i < 100000; ++i) {
        const size_t n = rng() % 20;
        buf.resize(n);
        for (auto& b : buf) b = static_cast<uint8_t>(rng());
        if (n > 0 && rng() % 2 == 0) buf[0] = static_cast<uint8_t>(0x80 | (rng() & 0x7F));
        three.receive(static_cast<int>(rng() % 6) - 1, buf.data(), buf.size());
        if (i % 1000 == 0) REQUIRE(three.pollUnits().size() == 3);
    }
    REQUIRE(three.bankOffset() >= 0);
    REQUIRE(three.bankOffset() <= r.console.config().channels + r.console.config().buses() + kDcas - three.strips());
    for (ParamId id = 0; id < r.s.size(); ++id)
        if (!r.s.spec(id).isText()) REQUIRE(r.s.spec(id).inRange(r.s.get(id)));
    REQUIRE(r.surface.bankOffset() >= 0);
    REQUIRE(r.surface.bankOffset() <= 36);
}

TEST_CASE("an XT extender left of the main unit carries strips 1-8, the main unit 9-16 and the master", "[mcu]") {
    Console console{channels(32)};
    SceneList scenes{console};
    mcu::Surface surface{console, &scenes, 2, 1}; // [XT][main]
    ParamStore& s = console.params();
    auto id = [&](const std::string& path) { return *s.find(path); };
    auto in = [&](int unit, Message m) { surface.receive(unit, m.data(), m.size()); };
    REQUIRE(surface.strips() == 16);

    auto first = surface.pollUnits();
    REQUIRE(first.size() == 2);
    // The master fader and the assignment display go to the main unit only.
    auto hasStatus = [](const std::vector<Message>& msgs, uint8_t status) {
        return std::any_of(msgs.begin(), msgs.end(), [&](const Message& m) { return m[0] == status; });
    };
    REQUIRE(hasStatus(first[1], 0xE8));
    REQUIRE_FALSE(hasStatus(first[0], 0xE8));
    REQUIRE(std::count(first[1].begin(), first[1].end(), Message{0xB0, 0x4A, '0'}) == 1);
    REQUIRE(std::count(first[0].begin(), first[0].end(), Message{0xB0, 0x4A, '0'}) == 0);
    // Scribble strips: the XT's SysEx has device id 0x15, the main unit's 0x14; each unit's
    // names are its own strips'.
    auto names = [](const std::vector<Message>& msgs, uint8_t device) {
        std::string text(56, ' ');
        for (const Message& m : msgs)
            if (m.size() > 8 && m[0] == 0xF0 && m[4] == device && m[5] == 0x12 && m[6] < 56)
                text.replace(m[6], m.size() - 8, std::string(m.begin() + 7, m.end() - 1));
        return text;
    };
    s.setText(id("/ch/1/name"), "Kick", Source::Gui);
    s.setText(id("/ch/9/name"), "Bass", Source::Gui);
    const auto named = surface.pollUnits();
    REQUIRE(names(named[0], 0x15).substr(0, 7) == "Kick   ");
    REQUIRE(names(named[1], 0x14).substr(0, 7) == "Bass   ");
    REQUIRE(names(named[0], 0x14) == std::string(56, ' ')); // nothing with the main unit's id on the XT

    // Fader 1 of the XT is channel 1; fader 1 of the main unit is channel 9.
    in(0, pitch(0, 16383));
    in(1, pitch(0, 0));
    REQUIRE(s.position(id("/ch/1/fader")) == Approx(1.0f));
    REQUIRE(s.position(id("/ch/9/fader")) == Approx(0.0f));
    // The master fader only exists on the main unit: channel 9 pitch bend from the XT is ignored.
    const float main = s.get(id("/main/fader"));
    in(0, pitch(8, 0));
    REQUIRE(s.get(id("/main/fader")) == main);
    in(1, pitch(8, 0));
    REQUIRE(s.position(id("/main/fader")) == Approx(0.0f));
    // MUTE on strip 3 of each unit; touch and the motor per unit.
    in(0, note(0x12, 127));
    in(1, note(0x12, 127));
    REQUIRE(s.get(id("/ch/3/mute")) == 1.0f);
    REQUIRE(s.get(id("/ch/11/mute")) == 1.0f);
    auto msgs = surface.pollUnits();
    REQUIRE(std::count(msgs[0].begin(), msgs[0].end(), note(0x12, 127)) == 1);
    REQUIRE(std::count(msgs[1].begin(), msgs[1].end(), note(0x12, 127)) == 1);
    in(0, note(0x69, 127)); // hand on the XT's fader 2 (channel 2)
    s.set(id("/ch/2/fader"), -20.0f, Source::Gui);
    s.set(id("/ch/10/fader"), -20.0f, Source::Gui);
    msgs = surface.pollUnits();
    REQUIRE_FALSE(hasStatus(msgs[0], 0xE1)); // held while touched
    REQUIRE(hasStatus(msgs[1], 0xE1));       // the main unit's fader 2 follows
    in(0, note(0x69, 0));
    msgs = surface.pollUnits();
    REQUIRE(hasStatus(msgs[0], 0xE1)); // and after release, the XT's
    // BANK is the main unit's button and moves all 16 strips; from the XT it does nothing.
    in(0, note(0x2F, 127));
    REQUIRE(surface.bankOffset() == 0);
    in(1, note(0x2F, 127));
    REQUIRE(surface.bankOffset() == 16);
    in(0, pitch(0, 0));
    REQUIRE(s.position(id("/ch/17/fader")) == Approx(0.0f));
    surface.pollUnits(); // the new bank shown
    // The XT powered on again ("device ready") gets everything it shows again; the main unit nothing.
    in(0, {0xF0, 0x00, 0x00, 0x66, 0x15, 0x01, 0xF7});
    msgs = surface.pollUnits();
    REQUIRE(names(msgs[0], 0x15).substr(0, 7) != std::string(7, ' '));
    REQUIRE(msgs[1].empty());
    // A unit that went away with a hand on a fader: the touch is let go when it comes back.
    in(0, note(0x68, 127));
    REQUIRE(s.touched(id("/ch/17/fader")));
    surface.resend(0);
    REQUIRE_FALSE(s.touched(id("/ch/17/fader")));
    s.set(id("/ch/17/fader"), -5.0f, Source::Gui);
    msgs = surface.pollUnits();
    REQUIRE(hasStatus(msgs[0], 0xE0)); // its motor follows again
}

TEST_CASE("motor faders follow a scene recall, exactly once per fader that moved", "[mcu]") {
    Rig r;
    r.out();
    r.set("/ch/1/fader", -10.0f);
    r.set("/ch/4/fader", -30.0f);
    r.scenes.store("verse", "");
    r.set("/ch/1/fader", 0.0f);
    r.set("/ch/4/fader", 0.0f);
    r.out();
    std::string why;
    REQUIRE(r.scenes.recall(1, nullptr, &why));
    const auto msgs = r.out();
    const ParamSpec& spec = r.s.spec(*r.s.find("/ch/1/fader"));
    auto motor = [&](int ch, float db) { return pitch(ch, static_cast<int>(std::lround(spec.toPosition(db) * 16383))); };
    REQUIRE(std::count(msgs.begin(), msgs.end(), motor(0, -10.0f)) == 1);
    REQUIRE(std::count(msgs.begin(), msgs.end(), motor(3, -30.0f)) == 1);
    REQUIRE(Rig::countStatus(msgs, 0xE1) == 0); // strip 2 did not move: nothing sent
    REQUIRE(Rig::has(msgs, Message{0xB0, 0x4A, '1'})); // and the display shows scene 1
}

TEST_CASE("a V-Pot shows its value for a second after a turn, a push returns it to the default, lit meters are refreshed",
          "[mcu]") {
    Rig r;
    r.out();
    r.in({0xB0, 0x12, 0x45}); // V-Pot 3, five ticks counter-clockwise: pan left
    REQUIRE(r.get("/ch/3/pan") < 0.0f);
    auto bottomOf = [](const std::vector<Message>& msgs, int strip) -> std::string {
        for (const Message& m : msgs)
            if (m.size() > 8 && m[0] == 0xF0 && m[5] == 0x12 && m[6] == 56 + strip * 7) return scribble(m);
        return "(none)";
    };
    const std::string shown = bottomOf(r.out(), 2);
    std::string want = r.s.spec(*r.s.find("/ch/3/pan")).formatBare(r.get("/ch/3/pan"));
    want.resize(7, ' ');
    REQUIRE(shown == want);
    REQUIRE(shown != "       ");
    std::string cleared = "(none)";
    int polls = 1;
    for (; polls < 200 && cleared == "(none)"; ++polls) cleared = bottomOf(r.out(), 2);
    REQUIRE(cleared == "       ");
    REQUIRE(polls >= 99); // a second of 10 ms polls
    REQUIRE(polls <= 102);
    r.in(note(0x22, 127)); // push V-Pot 3: centre
    REQUIRE(r.get("/ch/3/pan") == 0.0f);

    // A sine on channel 1 lights its meter; with the level steady the meter is told again
    // every 25 polls (250 ms), and a dark meter is not repeated.
    test::setParam(r.console, "/ch/1/source", "sine");
    test::runConsole(r.console, std::vector<test::Signal>(20, test::Signal(4800, 0.0f)), 64, {1});
    auto meters = [](const std::vector<Message>& msgs, int strip) {
        return std::count_if(msgs.begin(), msgs.end(), [&](const Message& m) { return m.size() == 2 && m[0] == 0xD0 && (m[1] >> 4) == strip; });
    };
    REQUIRE(meters(r.out(), 0) == 1);
    int sends = 0;
    for (int i = 0; i < 200; ++i) {
        const auto msgs = r.out();
        sends += static_cast<int>(meters(msgs, 0)) + static_cast<int>(meters(msgs, 1)) * 1000;
    }
    REQUIRE(sends == 200 / 25); // 200 polls: 8 refreshes; strip 2 (silent) never
}

TEST_CASE("SELECT is one selection shared by every surface (and the GUI)", "[mcu]") {
    Rig r;
    std::atomic<int> selection{0};
    mcu::Surface a(r.console, &r.scenes, 1, 0, &selection), b(r.console, &r.scenes, 1, 0, &selection);
    a.pollUnits();
    b.pollUnits();
    const Message select4{0x90, 0x1B, 0x7F};
    a.receive(select4.data(), select4.size()); // SELECT on strip 4 of surface a
    REQUIRE(selection.load() == 3);
    const auto onB = b.poll();
    REQUIRE(Rig::has(onB, note(0x1B, 127))); // lit on b too
    REQUIRE(Rig::has(onB, note(0x18, 0)));   // and strip 1 dark
    selection.store(6); // the GUI selects channel 7
    REQUIRE(Rig::has(a.poll(), note(0x1E, 127)));
}

TEST_CASE("the main unit's transport keys are passed on, and PLAY, RECORD and STOP light as told", "[mcu]") {
    Rig r;
    auto first = r.out();
    REQUIRE(Rig::has(first, note(0x5D, 127))); // STOP lit: nothing runs
    REQUIRE(Rig::has(first, note(0x5E, 0)));
    REQUIRE(Rig::has(first, note(0x5F, 0)));
    r.in(note(0x5F, 127)); // RECORD
    r.in(note(0x5F, 0));   // its release is nothing
    r.in(note(0x5E, 127)); // PLAY
    r.in(note(0x5B, 127)); // REWIND
    r.in(note(0x5D, 127)); // STOP
    REQUIRE(r.surface.takeKeys() == std::vector<mcu::Key>{mcu::Key::Record, mcu::Key::Play, mcu::Key::Rewind, mcu::Key::Stop});
    REQUIRE(r.surface.takeKeys().empty());
    r.surface.setTransport(false, true); // a take records
    auto msgs = r.out();
    REQUIRE(Rig::has(msgs, note(0x5F, 127)));
    REQUIRE(Rig::has(msgs, note(0x5D, 0)));
    REQUIRE(r.out().empty()); // once
    // An XT has no transport: its notes there are ignored.
    mcu::Surface two(r.console, &r.scenes, 2, 1);
    const Message record = note(0x5F, 127);
    two.receive(0, record.data(), record.size());
    REQUIRE(two.takeKeys().empty());
    two.receive(1, record.data(), record.size());
    REQUIRE(two.takeKeys() == std::vector<mcu::Key>{mcu::Key::Record});
}

TEST_CASE("a new show rebinds the surface: bank 1, everything sent again, held touches let go, the unit's id kept", "[mcu]") {
    Rig r;
    r.in({0xF0, 0x00, 0x00, 0x66, 0x10, 0x01, 1, 2, 3, 4, 5, 6, 7, 0x01, 0x02, 0x7F, 0x03, 0xF7}); // a Logic Control
    r.in(note(0x2F, 127)); // BANK >
    r.in(note(0x68, 127)); // a hand on fader 1 (channel 9)
    r.out();
    REQUIRE(r.s.touched(*r.s.find("/ch/9/fader")));
    r.surface.rebind(r.console, &r.scenes); // the same console, a show of the same shape loaded
    REQUIRE(r.surface.bankOffset() == 0);
    REQUIRE_FALSE(r.s.touched(*r.s.find("/ch/9/fader")));
    const auto msgs = r.out();
    REQUIRE(Rig::countStatus(msgs, 0xE0) == 1); // the motors again
    REQUIRE(std::any_of(msgs.begin(), msgs.end(), [](const Message& m) { return m.size() > 8 && m[4] == 0x10 && m[5] == 0x12; }));
}

TEST_CASE("F1 is talkback: held it talks until let go, a short press latches, and it is lit while talking", "[mcu][talk]") {
    Rig r;
    r.out();
    r.in(note(0x36, 127)); // pressed: talking at once
    REQUIRE(r.get("/talk/on") == 1.0f);
    REQUIRE(Rig::has(r.out(), note(0x36, 127)));
    r.in(note(0x36, 0)); // a short press: latched
    REQUIRE(r.get("/talk/on") == 1.0f);
    r.in(note(0x36, 127)); // pressed again while latched: off when let go
    r.in(note(0x36, 0));
    REQUIRE(r.get("/talk/on") == 0.0f);
    REQUIRE(Rig::has(r.out(), note(0x36, 0)));
    r.in(note(0x36, 127)); // held past 0.3 s: momentary
    std::this_thread::sleep_for(std::chrono::milliseconds(350));
    REQUIRE(r.get("/talk/on") == 1.0f);
    r.in(note(0x36, 0));
    REQUIRE(r.get("/talk/on") == 0.0f);
}
