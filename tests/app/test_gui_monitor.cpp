// Monitor mixes in the GUI, clicked through a headless ImGui: sends on fader (the strip's
// pan is the send pan on a stereo bus, its mute the send's ON, a tap switch per strip), bus
// SOLO and the monitor section (PFL/AFL, CLEAR SOLO), and the Bus view (PROC, the master's
// processing, every send to the bus). Then the count of actions for a drummer's stereo IEM
// built from scratch, checked at the bus output by rendering it.
#include "gui/views.h"
#include "prompt.h"
#include "support/headless_gui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cmath>

using namespace hr;
using namespace hr::gui;

namespace {
struct MonitorRig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    GuiState state;
    ProbeMap probe;
    hr::test::Headless gui;
    int actions = 0; // clicks and drags, as a user would count them
    MonitorRig() {
        ConsoleConfig cfg;
        cfg.channels = 8;
        cfg.inputs = 8;
        cfg.busWidths = {1, 2}; // bus 1 a mono wedge, bus 2 the drummer's stereo IEM
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        state.probe = &probe;
    }
    void draw() {
        switch (state.view) {
        case View::Bus: DrawBus(session, state); break;
        default: DrawMixer(session, state); break;
        }
    }
    bool click(const std::string& name) {
        ++actions;
        return gui.click(probe, name, [&] { draw(); });
    }
    // Drags the widget `name` by dy pixels (down is positive), held near its top: one action.
    bool drag(const std::string& name, float dy) {
        probe.clear();
        gui.frame(ImVec2(-1, -1), false, [&] { draw(); });
        const auto it = probe.find(name);
        if (it == probe.end()) return false;
        ++actions;
        const ImVec2 at((it->second.min.x + it->second.max.x) * 0.5f, it->second.min.y + 4.0f);
        gui.frame(at, false, [&] { draw(); });
        gui.frame(at, true, [&] { draw(); });
        for (int k = 1; k <= 8; ++k) gui.frame(ImVec2(at.x, at.y + dy * k / 8.0f), true, [&] { draw(); });
        gui.frame(ImVec2(at.x, at.y + dy), false, [&] { draw(); });
        gui.frame(ImVec2(-1, -1), false, [&] { draw(); });
        return true;
    }
    ParamStore& params() { return engine->console().params(); }
    float get(const std::string& path) { return params().get(*params().find(path)); }
    void set(const std::string& path, float v) { params().set(*params().find(path), v, Source::Prompt); }
};
} // namespace

TEST_CASE("sends on fader: pan is the send pan on a stereo bus, mute the send ON, and a tap switch per strip",
          "[gui][monitor]") {
    MonitorRig r;
    r.state.sendsOnFader = 1; // the stereo IEM
    const float fohPan = r.get("/ch/3/pan");
    REQUIRE(r.drag("send pan 3", -60.0f));
    REQUIRE(r.get("/ch/3/send/2/pan") > 0.3f); // dragged up: towards the right
    REQUIRE(r.get("/ch/3/pan") == fohPan);     // FOH pan untouched

    REQUIRE(r.get("/ch/3/send/2/on") == 1.0f);
    REQUIRE(r.click("send on 3"));
    REQUIRE(r.get("/ch/3/send/2/on") == 0.0f);
    REQUIRE(r.get("/ch/3/mute") == 0.0f); // FOH mute untouched
    REQUIRE(r.params().lastSource(*r.params().find("/ch/3/send/2/on")) == Source::Gui);

    REQUIRE(r.get("/ch/3/send/2/tap") == 2.0f); // post
    REQUIRE(r.click("tap 3"));
    REQUIRE(r.get("/ch/3/send/2/tap") == 1.0f); // then pre: one click for a monitor send
    REQUIRE(r.click("tap 3"));
    REQUIRE(r.get("/ch/3/send/2/tap") == 0.0f); // then pre-eq
    REQUIRE(r.click("tap 3"));
    REQUIRE(r.get("/ch/3/send/2/tap") == 2.0f); // and round to post

    r.state.sendsOnFader = 0; // a mono wedge: no send pan to show
    r.probe.clear();
    r.gui.frame(ImVec2(-1, -1), false, [&] { r.draw(); });
    REQUIRE(r.probe.count("send pan 3") == 0);
    REQUIRE(r.probe.count("send on 3") == 1);
    r.state.sendsOnFader = -1; // back to the channel faders: the mute is the mute again
    REQUIRE(r.click("mute 3"));
    REQUIRE(r.get("/ch/3/mute") == 1.0f);
}

TEST_CASE("bus SOLO, the monitor section's PFL/AFL and CLEAR SOLO, from the GUI and the prompt", "[gui][monitor]") {
    MonitorRig r;
    REQUIRE(r.click("bus solo 2"));
    REQUIRE(r.get("/bus/2/solo") == 1.0f);
    r.set("/ch/4/solo", 1.0f);
    REQUIRE(r.get("/monitor/mode") == 0.0f); // pfl
    REQUIRE(r.click("monitor mode"));
    REQUIRE(r.get("/monitor/mode") == 1.0f); // afl
    REQUIRE(r.click("clear solo"));
    REQUIRE(r.get("/bus/2/solo") == 0.0f);
    REQUIRE(r.get("/ch/4/solo") == 0.0f);
    r.set("/ch/1/solo", 1.0f);
    r.set("/bus/1/solo", 1.0f);
    REQUIRE(Prompt(r.session).execute("solo clear") == "ok: 2 solos cleared\n");
    REQUIRE(r.get("/ch/1/solo") == 0.0f);
    REQUIRE(Prompt(r.session).execute("solo all").rfind("error: solo:", 0) == 0);
}

TEST_CASE("the Bus view: PROC opens a bus whole, its processing and every send to it", "[gui][monitor]") {
    MonitorRig r;
    REQUIRE(r.click("proc 2"));
    REQUIRE(r.state.view == View::Bus);
    REQUIRE(r.state.selectedBus == 1);
    REQUIRE(r.click("bus on 5"));
    REQUIRE(r.get("/ch/5/send/2/on") == 0.0f);
    REQUIRE(r.click("bus tap 5"));
    REQUIRE(r.get("/ch/5/send/2/tap") == 1.0f);
    REQUIRE(r.click("all post"));
    REQUIRE(r.get("/ch/5/send/2/tap") == 2.0f);
    REQUIRE(r.click("bus page solo"));
    REQUIRE(r.get("/bus/2/solo") == 1.0f);
    REQUIRE(r.click("pick bus 1"));
    REQUIRE(r.state.selectedBus == 0);
    r.probe.clear();
    r.gui.frame(ImVec2(-1, -1), false, [&] { r.draw(); });
    REQUIRE(r.probe.count("bus pan 5") == 0); // bus 1 is mono
    REQUIRE(r.click("pick main"));
    r.probe.clear();
    r.gui.frame(ImVec2(-1, -1), false, [&] { r.draw(); });
    REQUIRE(r.probe.count("bus name") == 1);
    REQUIRE(r.probe.count("bus send 1") == 0); // main has no sends
}

TEST_CASE("a drummer's stereo IEM from scratch in the GUI: the actions counted, the mix rendered", "[gui][monitor]") {
    MonitorRig r;
    // The drum kit on 1-6 (kick, snare, hat, tom, OH L, OH R), bass on 7, vocal on 8. The
    // IEM starts empty: every send at -inf (the default), post-fader.
    r.actions = 0;
    REQUIRE(r.click("proc 2")); // the IEM's page in the Bus view: every send on one screen
    REQUIRE(r.click("all pre")); // every send pre-fader: the FOH faders no longer move the IEM
    for (int c = 1; c <= 8; ++c) REQUIRE(r.drag("bus send " + std::to_string(c), -60.0f - 10.0f * c)); // up from -inf
    REQUIRE(r.drag("bus pan 5", 40.0f));  // overhead left to the left
    REQUIRE(r.drag("bus pan 6", -40.0f)); // overhead right to the right
    REQUIRE(r.drag("bus pan 4", 20.0f));  // tom a little left
    const int actions = r.actions;
    // 1 (PROC) + 1 (all pre) + 8 (send levels) + 3 (pans) = 13.
    REQUIRE(actions == 13);
    WARN("drummer's stereo IEM from scratch: " << actions << " actions");
    for (int c = 1; c <= 8; ++c) {
        const std::string p = "/ch/" + std::to_string(c) + "/send/2/";
        REQUIRE(r.get(p + "tap") == 1.0f);
        REQUIRE(r.get(p + "level") > -200.0f); // every send is up from -inf
    }
    REQUIRE(r.get("/ch/5/send/2/pan") * r.get("/ch/6/send/2/pan") < 0.0f); // the overheads spread apart

    // At the output: pull a block of the demo inputs through the console and see the IEM's
    // two sides differ where the overheads were panned, while main is untouched.
    Console& c = r.engine->console();
    const int busL = c.busSignalChoice(1);
    std::vector<std::vector<float>> in(8, std::vector<float>(256, 0.0f)), out(2, std::vector<float>(256, 0.0f));
    for (int i = 0; i < 256; ++i) in[4][static_cast<size_t>(i)] = 0.25f * std::sin(0.05f * i); // OH L only
    const float* ins[8];
    for (int k = 0; k < 8; ++k) ins[k] = in[static_cast<size_t>(k)].data();
    float* outs[2] = {out[0].data(), out[1].data()};
    r.set("/out/1/source", static_cast<float>(busL));
    r.set("/out/2/source", static_cast<float>(busL + 1));
    for (int k = 0; k < 40; ++k) r.engine->process(ins, 8, outs, 2, 256, false);
    double l = 0, rr = 0;
    for (int i = 0; i < 256; ++i) {
        l += out[0][static_cast<size_t>(i)] * out[0][static_cast<size_t>(i)];
        rr += out[1][static_cast<size_t>(i)] * out[1][static_cast<size_t>(i)];
    }
    REQUIRE(l > 0.0);
    REQUIRE((r.get("/ch/5/send/2/pan") < 0.0f ? l > rr : rr > l)); // OH L sits on its panned side
}
