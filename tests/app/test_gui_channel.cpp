// The Channel view clicked and typed through a headless ImGui: rename and recolour, the
// input section's switches, gate mode and EQ/comp order, copy and paste as one undo step,
// and channel presets saved from the view and loaded at the prompt, with a damaged preset
// refused by file and line and the channel left as it was.
#include "gui/journal.h"
#include "gui/views.h"
#include "prompt.h"
#include "support/harness.h"
#include "support/headless_gui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

using namespace hr;
using namespace hr::gui;

namespace {
struct ChannelRig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    GuiState state;
    ProbeMap probe;
    hr::test::Headless gui;
    std::string presets = hr::test::freshDir("headroom-gui-channel", "presets");
    ChannelRig() {
        ConsoleConfig cfg;
        cfg.channels = 4;
        cfg.busWidths = {1, 2};
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        state.probe = &probe;
        setenv("HEADROOM_PRESETS", presets.c_str(), 1);
    }
    ~ChannelRig() { unsetenv("HEADROOM_PRESETS"); }
    std::string operator()(const std::string& line) { return Prompt(session).execute(line); }
    void frame(ImVec2 at = ImVec2(-1, -1), bool down = false) {
        gui.frame(at, down, [&] { DrawChannel(session, state); });
    }
    bool click(const std::string& name) {
        return gui.click(probe, name, [&] { DrawChannel(session, state); });
    }
    void clickAt(ImVec2 at) {
        frame(at);
        frame(at, true);
        frame(at, false);
        frame();
    }
    bool type(const std::string& name, const std::string& text) {
        return gui.type(probe, name, text, [&] { DrawChannel(session, state); });
    }
    ParamStore& params() { return engine->console().params(); }
    float get(const std::string& path) { return params().get(*params().find(path)); }
    void set(const std::string& path, float v) { params().set(*params().find(path), v, Source::Prompt); }
};
} // namespace

TEST_CASE("the Channel view renames and recolours a channel and reaches every section's switches", "[gui][channel]") {
    ChannelRig r;
    r.state.selected = 1; // channel 2
    REQUIRE(r.type("channel name", "Snare top"));
    REQUIRE(r.params().text(*r.params().find("/ch/2/name")) == "Snare top");
    REQUIRE(r.params().lastSource(*r.params().find("/ch/2/name")) == Source::Gui);
    r.frame();
    const ItemRect colours = r.probe.at("colours");
    r.clickAt(ImVec2(colours.min.x + 20.0f * 4 + 9.0f, colours.min.y + 9.0f)); // the fifth swatch: green
    REQUIRE(r.get("/ch/2/colour") == 4.0f);

    REQUIRE(r.click("polarity"));
    REQUIRE(r.get("/ch/2/polarity") == 1.0f);
    REQUIRE(r.click("gate mode"));
    REQUIRE(r.get("/ch/2/gate/mode") == 1.0f); // expander
    REQUIRE(r.click("order"));
    REQUIRE(r.get("/ch/2/order") == 1.0f); // comp-eq
    REQUIRE(r.click("source"));
    REQUIRE(r.get("/ch/2/source") == 1.0f); // sine: the oscillator's fields appear
    REQUIRE(r.probe.count("send pan 2") == 1); // bus 2 is stereo: its send pan is here
    REQUIRE(r.probe.count("send pan 1") == 0);
    REQUIRE(r.click("send on 2"));
    REQUIRE(r.get("/ch/2/send/2/on") == 0.0f);
}

TEST_CASE("channel copy and paste: whole or EQ only, names kept, one undo step puts it back", "[gui][channel]") {
    ChannelRig r;
    r.set("/ch/1/eq/2/gain", -7.0f);
    r.set("/ch/1/hpf/on", 1.0f);
    r.set("/ch/1/comp/threshold", -30.0f);
    r.set("/ch/1/fader", -5.0f);
    r.set("/ch/1/send/1/level", -9.0f);
    REQUIRE(r("set /ch/1/name Kick").rfind("/ch/1/name", 0) == 0);
    r.state.selected = 0;
    r.state.channel.part = 1; // eq
    REQUIRE(r.click("copy"));
    r.state.selected = 2;
    REQUIRE(r.click("paste"));
    REQUIRE(r.get("/ch/3/eq/2/gain") == -7.0f);
    REQUIRE(r.get("/ch/3/hpf/on") == 1.0f);
    REQUIRE(r.get("/ch/3/comp/threshold") != -30.0f); // EQ only
    REQUIRE(r.get("/ch/3/fader") == 0.0f);

    r.state.selected = 0;
    r.state.channel.part = 0; // whole: the mix comes too
    REQUIRE(r.click("copy"));
    r.state.selected = 3;
    const size_t steps = journal().steps();
    REQUIRE(r.click("paste"));
    REQUIRE(journal().steps() == steps + 1);
    REQUIRE(r.get("/ch/4/comp/threshold") == -30.0f);
    REQUIRE(r.get("/ch/4/fader") == -5.0f);
    REQUIRE(r.get("/ch/4/send/1/level") == -9.0f);
    REQUIRE(r.params().text(*r.params().find("/ch/4/name")) != "Kick"); // which strip it is stays
    REQUIRE(journal().undo(r.params()));
    REQUIRE(r.get("/ch/4/comp/threshold") != -30.0f);
    REQUIRE(r.get("/ch/4/fader") == 0.0f);
    REQUIRE(r.get("/ch/4/send/1/level") < -200.0f);
}

TEST_CASE("channel presets: saved from the view, listed and loaded at the prompt, a damaged one refused", "[gui][channel]") {
    ChannelRig r;
    r.set("/ch/1/gate/threshold", -33.0f);
    r.set("/ch/1/comp/ratio", 6.0f);
    r.set("/ch/1/eq/1/gain", 4.0f);
    r.state.selected = 0;
    r.state.channel.part = 2; // dynamics
    REQUIRE(r.type("preset name", "Kick dyn"));
    REQUIRE(r.click("save preset"));
    const std::string file = r.presets + "/Kick dyn.json";
    REQUIRE(std::filesystem::exists(file));
    REQUIRE(r("preset list") == "ok: 1 presets in " + r.presets + "\n  Kick dyn (dynamics)\n");

    REQUIRE(r("preset load 2 Kick dyn").rfind("ok: Kick dyn on channel 2:", 0) == 0);
    REQUIRE(r.get("/ch/2/gate/threshold") == -33.0f);
    REQUIRE(r.get("/ch/2/comp/ratio") == 6.0f);
    REQUIRE(r.get("/ch/2/eq/1/gain") == 0.0f); // not in a dynamics preset

    REQUIRE(r("preset save 1 eq Kick eq").rfind("ok: saved the eq of channel 1", 0) == 0);
    REQUIRE(r("preset load 3 Kick eq").rfind("ok:", 0) == 0);
    REQUIRE(r.get("/ch/3/eq/1/gain") == 4.0f);

    { // a value out of range on line 5: refused by file and line, nothing changed
        std::ofstream bad(r.presets + "/bad.json");
        bad << "{\n  \"headroom-preset\": 1,\n  \"part\": \"dynamics\",\n  \"values\": {\n    \"gate/threshold\": -20,\n"
               "    \"comp/ratio\": 99\n  }\n}\n";
    }
    const float before = r.get("/ch/4/gate/threshold");
    const std::string answer = r("preset load 4 bad");
    REQUIRE(answer.find("error: preset: " + r.presets + "/bad.json:6:") == 0);
    REQUIRE(answer.find("comp/ratio") != std::string::npos);
    REQUIRE(answer.find("channel 4 unchanged") != std::string::npos);
    REQUIRE(r.get("/ch/4/gate/threshold") == before);
    REQUIRE(r("preset load 4 nothing-here").find("cannot open") != std::string::npos);
    REQUIRE(r("preset load 9 Kick eq").find("is not a channel") != std::string::npos);
}
