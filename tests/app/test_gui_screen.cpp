// Screen fit, in a headless ImGui of the window's size: --size parsing, every bus master
// and main in view at 1280x720 (nothing to scroll to), the input banks, the custom bank and
// narrow strips, and patch grids that reach every input and signal a page at a time.
#include "gui/gui_app.h"
#include "gui/views.h"
#include "prompt.h"
#include "support/harness.h"
#include "support/headless_gui.h"
#include "user_config.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <cstdlib>

using namespace hr;
using namespace hr::gui;

namespace {
struct ScreenRig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    GuiState state;
    ProbeMap probe;
    hr::test::Headless gui;
    explicit ScreenRig(int channels = 16, int inputs = 16, ImVec2 display = ImVec2(1280, 720),
                       std::vector<int> buses = {1, 1, 1, 1, 1, 2, 1, 1, 2}) { // the band show's 9 buses
        ConsoleConfig cfg;
        cfg.channels = channels;
        cfg.inputs = inputs;
        cfg.busWidths = std::move(buses);
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        state.probe = &probe;
        ImGui::GetIO().DisplaySize = display;
    }
    void draw() {
        if (state.view == View::Patch) DrawPatch(session, state);
        else DrawMixer(session, state);
    }
    void frame() {
        probe.clear();
        gui.frame(ImVec2(-1, -1), false, [&] { draw(); });
    }
    bool click(const std::string& name) { return gui.click(probe, name, [&] { draw(); }); }
    bool inView(const std::string& name) {
        const auto it = probe.find(name);
        const ImVec2 d = ImGui::GetIO().DisplaySize;
        return it != probe.end() && it->second.min.x >= 0 && it->second.max.x <= d.x && it->second.max.y <= d.y;
    }
    ParamStore& params() { return engine->console().params(); }
    float get(const std::string& path) { return params().get(*params().find(path)); }
};
} // namespace

TEST_CASE("gui --size takes WxH or a width, from 1024x600 to 7680x4320", "[gui][screen]") {
    int w = 0, h = 0;
    std::string why;
    REQUIRE(parseWindowSize("1280x720", &w, &h, &why));
    REQUIRE((w == 1280 && h == 720));
    REQUIRE(parseWindowSize("1920X1080", &w, &h, &why));
    REQUIRE((w == 1920 && h == 1080));
    REQUIRE(parseWindowSize("1600", &w, &h, &why));
    REQUIRE((w == 1600 && h == 900));
    REQUIRE_FALSE(parseWindowSize("800x600", &w, &h, &why));
    REQUIRE(why.find("1024x600 to 7680x4320") != std::string::npos);
    for (const char* bad : {"", "x", "1280x", "1280x720x3", "big", "1280 x 720", "99999999999x720"}) {
        REQUIRE_FALSE(parseWindowSize(bad, &w, &h, &why));
        REQUIRE_FALSE(why.empty());
    }
}

TEST_CASE("at 1280x720 every bus master, its PROC and SOLO, and main are in view", "[gui][screen]") {
    for (bool narrow : {false, true}) {
        ScreenRig r;
        r.state.narrow = narrow;
        r.frame();
        for (int b = 1; b <= 9; ++b) {
            REQUIRE(r.inView("bus " + std::to_string(b)));
            REQUIRE(r.inView("proc " + std::to_string(b)));
            REQUIRE(r.inView("bus solo " + std::to_string(b)));
        }
        REQUIRE(r.inView("proc main"));
        REQUIRE(r.inView("clear solo"));
        REQUIRE(r.inView("fader 1"));
        int strips = 0; // channel strips wholly in view without scrolling
        for (int c = 1; c <= 16; ++c) strips += r.inView("fader " + std::to_string(c)) && r.probe.at("fader " + std::to_string(c)).max.x <
                                                                                              r.probe.at("bus 1").min.x;
        WARN((narrow ? "narrow" : "wide") << " strips in view at 1280x720: " << strips);
        REQUIRE(strips >= (narrow ? 8 : 6)); // narrow: a whole bank of 8 beside every master
    }
}

TEST_CASE("banks of 8, a custom bank and narrow strips choose the strips shown", "[gui][screen]") {
    ScreenRig r(32, 32, ImVec2(1920, 1080));
    REQUIRE(r.click("bank 9-16"));
    r.frame();
    REQUIRE(r.probe.count("strip 9") == 1);
    REQUIRE(r.probe.count("strip 16") == 1);
    REQUIRE(r.probe.count("strip 8") == 0);
    REQUIRE(r.probe.count("strip 17") == 0);
    REQUIRE(r.click("bank 25-32"));
    r.frame();
    REQUIRE(r.probe.count("strip 32") == 1);
    REQUIRE(r.probe.count("strip 24") == 0);

    std::snprintf(r.state.customText, sizeof r.state.customText, "%s", "");
    r.state.customChannels = {20, 3, 7};
    REQUIRE(r.click("layer custom"));
    r.frame();
    REQUIRE(r.probe.count("strip 20") == 1);
    REQUIRE(r.probe.count("strip 3") == 1);
    REQUIRE(r.probe.count("strip 1") == 0);
    REQUIRE(r.probe.at("strip 20").max.x < r.probe.at("strip 3").min.x); // in the order typed

    REQUIRE(r.click("layer inputs"));
    r.frame();
    const float wide = r.probe.at("strip 1").max.x - r.probe.at("strip 1").min.x;
    REQUIRE(r.click("narrow"));
    REQUIRE(r.state.narrow);
    r.frame();
    const float narrow = r.probe.at("strip 1").max.x - r.probe.at("strip 1").min.x;
    REQUIRE(narrow < wide * 0.75f);
    REQUIRE(r.click("mute 1")); // a narrow strip still mutes
    REQUIRE(r.get("/ch/1/mute") == 1.0f);
}

TEST_CASE("the patch grids reach every input and every signal, a page at a time", "[gui][screen]") {
    ScreenRig r(8, 100, ImVec2(1920, 1080), std::vector<int>(40, 1)); // 40 buses: over 48 signals
    r.state.view = View::Patch;
    r.frame();
    REQUIRE(r.probe.count("in 3 48") == 1);
    REQUIRE(r.probe.count("in 3 60") == 0);
    REQUIRE(r.click("inputs page 97-100"));
    r.frame();
    REQUIRE(r.probe.count("in 3 100") == 1);
    REQUIRE(r.click("in 3 100"));
    REQUIRE(r.get("/ch/3/input") == 100.0f);
    const std::vector<std::string>& signals = r.engine->console().tree().outputChoices;
    REQUIRE(signals.size() > 48);
    const std::string last = signals.back();
    REQUIRE(r.probe.count("out 1 " + last) == 0);
    const int n = static_cast<int>(signals.size());
    const int page = (n - 1) / 48;
    REQUIRE(r.click("signals page " + std::to_string(page * 48 + 1) + "-" + std::to_string(n)));
    REQUIRE(r.click("out 1 " + last));
    REQUIRE(r.get("/out/1/source") == static_cast<float>(n - 1));
}

TEST_CASE("narrow strips and the custom bank are kept in the user config for the next start", "[gui][screen]") {
    const std::string dir = hr::test::freshDir("headroom-gui-screen", "config");
    struct ConfigFor { // this test's own config; the run's scratch one put back however the test ends
        std::string kept;
        explicit ConfigFor(const std::string& path) : kept(std::getenv("HEADROOM_CONFIG") ? std::getenv("HEADROOM_CONFIG") : "") {
            setenv("HEADROOM_CONFIG", path.c_str(), 1);
        }
        ~ConfigFor() {
            if (kept.empty()) unsetenv("HEADROOM_CONFIG");
            else setenv("HEADROOM_CONFIG", kept.c_str(), 1);
        }
    } config(dir + "/config.json");
    ScreenRig r(32, 32, ImVec2(1920, 1080));
    REQUIRE(r.click("narrow"));
    REQUIRE(configValue("narrowStrips") == "on");
    REQUIRE(r.gui.type(r.probe, "custom field", "5-6,2", [&] { r.draw(); }));
    REQUIRE(r.state.customChannels == std::vector<int>{5, 6, 2});
    REQUIRE(configValue("customBank") == "5-6,2");
    REQUIRE(r.click("narrow"));
    REQUIRE(configValue("narrowStrips") == "off");
}
