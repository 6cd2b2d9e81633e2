// The GUI: widgets driven through ImGui's io without a window (mouse drags, double-click,
// touch), the view model (taper, sends on fader, the EQ curve against the engine's own
// output), every panel rendered against an offline console, and the real window under
// Xvfb writing a screenshot.
#include "gui/views.h"
#include "gui/widgets.h"
#include "support/harness.h"
#include "support/headless_gui.h"

#include <catch2/catch.hpp>
#include <sstream>
#include <fstream>
#include <imgui.h>
#include <imgui_internal.h> // GetHoveredID: where a widget is
#include <stb/stb_image.h>

#include <filesystem>
#include <set>
#include <cstring>
#include <limits>
#include <sys/wait.h>

using namespace hr;
using namespace hr::gui;

using hr::test::Headless;

TEST_CASE("fader travel and dB go through the parameter's taper both ways", "[gui]") {
    ConsoleTree tree(ConsoleConfig{});
    const ParamSpec& fader = tree.store().spec(tree.channels[0].fader);
    REQUIRE(faderPosition(fader, 0.0f) == Approx(0.75f));
    REQUIRE(faderValue(fader, 0.75f) == Approx(0.0f).margin(1e-5));
    REQUIRE(faderValue(fader, 0.0f) == -std::numeric_limits<float>::infinity());
    for (float db : {-60.0f, -30.0f, -10.0f, -3.0f, 5.0f}) REQUIRE(faderValue(fader, faderPosition(fader, db)) == Approx(db));
}

TEST_CASE("dragging a fader moves it, touches it while held, double-click resets, ctrl is fine", "[gui]") {
    Headless gui;
    ConsoleTree tree(ConsoleConfig{});
    ParamStore& s = tree.store();
    const ParamId id = tree.channels[2].fader;
    const ImVec2 at(100, 100), size(60, 324); // travel = 300 px
    auto draw = [&] {
        ImGui::SetCursorScreenPos(at);
        Fader("f", s, id, size, IM_COL32(200, 200, 200, 255));
    };
    const float capY = at.y + 12.0f + (1.0f - s.position(id)) * 300.0f;
    gui.frame(ImVec2(130, capY), false, draw);
    gui.frame(ImVec2(130, capY), true, draw); // press
    REQUIRE(s.touchedBy(id, Source::Gui));
    gui.frame(ImVec2(130, capY - 30.0f), true, draw); // up 30 px: +0.1 of travel
    REQUIRE(s.position(id) == Approx(0.85f).margin(1e-4));
    REQUIRE(s.get(id) == Approx(4.0f).margin(0.01)); // 0.85 of travel is +4 dB on the console law
    REQUIRE(s.lastSource(id) == Source::Gui);
    gui.frame(ImVec2(130, capY - 30.0f), false, draw); // release
    gui.frame(ImVec2(130, capY - 30.0f), false, draw);
    REQUIRE_FALSE(s.touchedBy(id, Source::Gui));

    ImGui::GetIO().KeyCtrl = true; // fine: a tenth of the movement
    gui.frame(ImVec2(130, 200), true, draw);
    gui.frame(ImVec2(130, 170), true, draw);
    REQUIRE(s.position(id) == Approx(0.86f).margin(1e-4));
    gui.frame(ImVec2(130, 170), false, draw);
    ImGui::GetIO().KeyCtrl = false;

    gui.frame(ImVec2(130, 200), true, draw); // double-click: back to 0 dB
    gui.frame(ImVec2(130, 200), false, draw);
    gui.frame(ImVec2(130, 200), true, draw);
    REQUIRE(s.get(id) == 0.0f);
    gui.frame(ImVec2(130, 200), false, draw);
}

TEST_CASE("sends on fader: the channel faders move the picked bus's sends", "[gui]") {
    ConsoleConfig cfg;
    Console console(cfg);
    GuiState state;
    REQUIRE(channelFaderParam(console, state, 4) == console.tree().channels[4].fader);
    state.sendsOnFader = 2;
    const ParamId send = channelFaderParam(console, state, 4);
    REQUIRE(console.params().spec(send).path == "/ch/5/send/3/level");
    console.params().setPosition(send, 0.75f, Source::Gui); // the fader cap at 0 dB
    REQUIRE(console.params().get(*console.params().find("/ch/5/send/3/level")) == Approx(0.0f).margin(1e-5));
}

TEST_CASE("the EQ curve the GUI draws is the response the strip runs", "[gui][eq]") {
    Console console(ConsoleConfig{});
    test::setParam(console, "/ch/1/pan", -1.0f);
    test::setParam(console, "/ch/1/hpf/on", "on");
    test::setParam(console, "/ch/1/hpf/freq", 120.0f);
    test::setParam(console, "/ch/1/eq/2/freq", 400.0f);
    test::setParam(console, "/ch/1/eq/2/gain", -6.0f);
    test::setParam(console, "/ch/1/eq/4/gain", 5.0f);
    console.reset();
    const EqView view = eqViewOf(console.params(), console.tree().channels[0]);
    for (double f : {80.0, 400.0, 1500.0, 9000.0}) {
        const test::Signal in = test::sine(f, 0.1, 48000);
        const auto out = test::runConsole(console, {in}, 64, {1});
        const double measured = test::rmsDb(out[0], 36000, 48000) - test::rmsDb(in, 36000, 48000);
        INFO(f << " Hz");
        REQUIRE(eqResponseDb(view, console.sampleRate(), f) == Approx(measured).margin(0.05));
    }
}

TEST_CASE("the mixer renders every strip and master against an offline console", "[gui]") {
    Headless gui;
    ConsoleConfig cfg;
    cfg.channels = 64;
    cfg.inputs = 64;
    LiveEngine engine(std::make_unique<Console>(cfg));
    Session session;
    session.engine = &engine;
    GuiState state;
    for (int i = 0; i < 3; ++i) {
        gui.frame(ImVec2(-1, -1), false, [&] {
            DrawStatusBar(session, state);
            DrawMixer(session, state);
        });
    }
    // The strips in view and the 9 masters draw; the 50-odd scrolled out of view only hold
    // their place (software GL pays for every vertex).
    const int visible = ImGui::GetDrawData()->TotalVtxCount;
    REQUIRE(visible > 8000);
    REQUIRE(visible < 30000);
    state.sendsOnFader = 1;
    gui.frame(ImVec2(-1, -1), false, [&] { DrawMixer(session, state); });
    REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 8000);
}

TEST_CASE("headroom gui under Xvfb writes a screenshot of a mixer", "[gui][xvfb]") {
    const std::string png = (std::filesystem::temp_directory_path() / "headroom-gui-test.png").string();
    std::filesystem::remove(png);
    const std::string cmd = "HEADROOM_CONFIG=/tmp/headroom-gui-cfg.json HEADROOM_STATE_DIR=/tmp/headroom-gui-state "
                            "xvfb-run -a -s \"-screen 0 1600x900x24\" " +
                            std::string(HEADROOM_BINARY) + " gui --demo --show " + HEADROOM_SOURCE_DIR +
                            "/scenes/band.json --screenshot " + png + " --frames 40 2>&1";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p);
    std::string out;
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
    const int status = pclose(p);
    INFO(out);
    REQUIRE(WEXITSTATUS(status) == 0);
    REQUIRE(out.find("wrote " + png + " (1600x900") != std::string::npos);
    int w = 0, h = 0, channels = 0;
    unsigned char* pixels = stbi_load(png.c_str(), &w, &h, &channels, 4);
    REQUIRE(pixels);
    REQUIRE(w == 1600);
    REQUIRE(h == 900);
    std::set<uint32_t> colours;
    for (int i = 0; i < w * h; ++i) {
        uint32_t c;
        std::memcpy(&c, pixels + 4 * i, 4);
        colours.insert(c);
    }
    stbi_image_free(pixels);
    REQUIRE(colours.size() > 500); // a mixer: strip colours, meters, text, not a blank window
}

TEST_CASE("the window keeps its size: a SIGTERM leaves it remembered and the next start opens at it", "[gui][xvfb]") {
    const std::string dir = (std::filesystem::temp_directory_path() / "headroom-gui-size").string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string env = "HEADROOM_CONFIG=" + dir + "/config.json HEADROOM_STATE_DIR=" + dir + "/state ";
    auto run = [](const std::string& cmd) {
        FILE* p = popen(cmd.c_str(), "r");
        std::string out;
        char buf[4096];
        size_t n = 0;
        while (p && (n = fread(buf, 1, sizeof buf, p)) > 0) out.append(buf, n);
        const int status = p ? pclose(p) : -1;
        return std::make_pair(WEXITSTATUS(status), out);
    };
    const auto [status, out] = run(env + "xvfb-run -a -s \"-screen 0 1600x900x24\" sh -c '" + std::string(HEADROOM_BINARY) +
                                   " gui --demo --size 1300x740 & pid=$!; sleep 4; kill -TERM $pid; wait $pid' 2>&1");
    INFO(out);
    REQUIRE(status == 0);
    std::ifstream config(dir + "/config.json");
    std::stringstream text;
    text << config.rdbuf();
    REQUIRE(text.str().find("\"guiSize\": \"1300x740\"") != std::string::npos);
    const std::string png = dir + "/kept.png";
    const auto [status2, out2] = run(env + "xvfb-run -a -s \"-screen 0 1600x900x24\" " + std::string(HEADROOM_BINARY) +
                                     " gui --demo --screenshot " + png + " --frames 5 2>&1");
    INFO(out2);
    REQUIRE(status2 == 0);
    REQUIRE(out2.find("wrote " + png + " (1300x740") != std::string::npos);
}

TEST_CASE("every view renders, keys select channels, mute, solo, GO, ctrl-Z undoes GUI edits", "[gui]") {
    Headless gui;
    ConsoleConfig cfg;
    cfg.channels = 8;
    LiveEngine engine(std::make_unique<Console>(cfg));
    Session session;
    session.engine = &engine;
    session.scenes.bind(engine.console());
    session.scenes.store("one", "");
    session.scenes.store("two", "");
    GuiState state;
    for (auto draw : {DrawMixer, DrawChannel, DrawScenes, DrawPatch, DrawFx}) {
        gui.frame(ImVec2(-1, -1), false, [&] { draw(session, state); });
        REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 300); // text, tables and shapes: not an empty window
    }
    ParamStore& s = engine.console().params();
    ImGuiIO& io = ImGui::GetIO();
    auto press = [&](int key, bool ctrl = false, bool shift = false) {
        io.KeyCtrl = ctrl;
        io.KeyShift = shift;
        io.KeysDown[key] = true;
        gui.frame(ImVec2(-1, -1), false, [&] { HandleKeys(session, state); });
        io.KeysDown[key] = false;
        gui.frame(ImVec2(-1, -1), false, [&] { HandleKeys(session, state); });
        io.KeyCtrl = io.KeyShift = false;
    };
    io.KeyMap[ImGuiKey_LeftArrow] = 263; // as GLFW numbers them
    io.KeyMap[ImGuiKey_RightArrow] = 262;
    press(262);
    press(262);
    REQUIRE(state.selected == 2);
    press(263);
    REQUIRE(state.selected == 1);
    press('M');
    REQUIRE(s.get(*s.find("/ch/2/mute")) == 1.0f);
    press('S');
    REQUIRE(s.get(*s.find("/ch/2/solo")) == 1.0f);
    press('Z', true); // undo the solo
    REQUIRE(s.get(*s.find("/ch/2/solo")) == 0.0f);
    press('Z', true); // and the mute
    REQUIRE(s.get(*s.find("/ch/2/mute")) == 0.0f);
    press('Z', true, true); // redo the mute
    REQUIRE(s.get(*s.find("/ch/2/mute")) == 1.0f);
    press('G');
    REQUIRE(session.scenes.current() == 1);
    press('G');
    REQUIRE(session.scenes.current() == 2);
}

TEST_CASE("the setup view renders the audio APIs, devices and MIDI port choices", "[gui]") {
    Headless gui;
    LiveRig rig;
    rig.engine = std::make_unique<LiveEngine>(std::make_unique<Console>(ConsoleConfig{}));
    rig.device = std::make_unique<AudioDevice>(*rig.engine);
    rig.session.engine = rig.engine.get();
    rig.request.api = "null";
    rig.consoleInputs = rig.consoleOutputs = 16;
    GuiState state;
    gui.frame(ImVec2(-1, -1), false, [&] { DrawSetup(rig, state); });
    REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 300);
    rig.device->close();
}

TEST_CASE("the selected channel follows a surface's SELECT, and the surfaces follow the GUI", "[gui]") {
    SurfaceHost surfaces; // not started: the selection is shared state only
    GuiState state;
    surfaces.selectChannel(5); // SELECT on a surface
    syncSelection(surfaces, state);
    REQUIRE(state.selected == 5);
    state.selected = 2; // a click on strip 3
    syncSelection(surfaces, state);
    REQUIRE(surfaces.selectedChannel() == 2);
    syncSelection(surfaces, state); // and it stays
    REQUIRE(state.selected == 2);
    REQUIRE(surfaces.selectedChannel() == 2);
}

TEST_CASE("the surfaces editor adds XTs left and right, removes them, adds and removes surfaces", "[gui]") {
    Headless gui;
    std::vector<SurfaceConfig> surfaces(1); // a Mackie Control 'mcu', one unit
    const std::vector<MidiListing> midi;
    bool changed = false;
    auto draw = [&] { changed = EditSurfaces(&surfaces, midi) || changed; };
    // Where a widget is: the mouse is moved over the window until ImGui says it hovers that id.
    auto click = [&](const std::vector<std::string>& path) {
        ImGuiID want = 0;
        auto findId = [&] {
            for (size_t k = 0; k + 1 < path.size(); ++k) ImGui::PushID(std::stoi(path[k]));
            want = ImGui::GetID(path.back().c_str());
            for (size_t k = 0; k + 1 < path.size(); ++k) ImGui::PopID();
        };
        for (float y = 4; y < 400; y += 6)
            for (float x = 4; x < 900; x += 12) {
                gui.frame(ImVec2(x, y), false, [&] { findId(); draw(); });
                if (ImGui::GetHoveredID() == want) {
                    changed = false;
                    gui.frame(ImVec2(x, y), true, draw);
                    gui.frame(ImVec2(x, y), false, draw);
                    return true;
                }
            }
        return false;
    };
    REQUIRE(click({"0", "+ XT right"}));
    REQUIRE(changed);
    REQUIRE(surfaces[0].units.size() == 2);
    REQUIRE(surfaces[0].units[1].extender);
    REQUIRE(click({"0", "+ XT left"}));
    REQUIRE(surfaces[0].units.size() == 3);
    REQUIRE(surfaces[0].units[0].extender);
    REQUIRE(surfaces[0].mainUnit() == 1);
    REQUIRE(click({"0", "0", "remove"})); // the left XT
    REQUIRE(surfaces[0].units.size() == 2);
    REQUIRE(surfaces[0].mainUnit() == 0);
    REQUIRE(click({"Add a generic MIDI controller"}));
    REQUIRE(surfaces.size() == 2);
    REQUIRE(surfaces[1].name == "midi");
    REQUIRE(surfaces[1].kind == SurfaceConfig::Kind::Generic);
    REQUIRE(click({"Add a Mackie Control"}));
    REQUIRE(surfaces[2].name == "mcu2"); // names stay unique
    REQUIRE(click({"1", "remove surface"}));
    REQUIRE(surfaces.size() == 2);
    REQUIRE(surfaces[1].name == "mcu2");
    changed = false;
    gui.frame(ImVec2(-1, -1), false, draw);
    REQUIRE_FALSE(changed); // nothing changes by itself
}

TEST_CASE("the talk button: held it talks until let go, a short click latches and a second one releases", "[gui][talk]") {
    Headless gui;
    ConsoleTree tree(ConsoleConfig{});
    ParamStore& s = tree.store();
    const ParamId talk = tree.talk.on;
    auto draw = [&] {
        ImGui::SetCursorScreenPos(ImVec2(100, 100));
        TalkSwitch("TALK", s, talk, ImVec2(80, 30), IM_COL32(120, 230, 90, 255));
    };
    const ImVec2 on(140, 115);
    auto frames = [&](int n, bool down) { // n frames at 60 fps
        for (int i = 0; i < n; ++i) gui.frame(on, down, draw);
    };
    frames(2, false);
    frames(2, true); // pressed: talking at once
    REQUIRE(s.get(talk) == 1.0f);
    frames(2, false); // a short click (2 frames, 33 ms): latched
    REQUIRE(s.get(talk) == 1.0f);
    frames(2, true);
    frames(2, false); // a click on it while latched: off
    REQUIRE(s.get(talk) == 0.0f);
    frames(30, true); // held half a second: momentary
    REQUIRE(s.get(talk) == 1.0f);
    frames(2, false);
    REQUIRE(s.get(talk) == 0.0f);
}

TEST_CASE("the mixer's DCA and matrix layers and the FX view render the band show's units", "[gui][dca][fx]") {
    Headless gui;
    ConsoleConfig cfg;
    cfg.channels = 8;
    cfg.busWidths = {1, 1, 2};
    LiveEngine engine(std::make_unique<Console>(cfg));
    Session session;
    session.engine = &engine;
    GuiState state;
    ParamStore& s = engine.console().params();
    s.set(*s.find("/ch/1/dca/1"), 1.0f, Source::Gui);
    s.set(*s.find("/fx/1/type"), 4.0f, Source::Gui); // a delay: its TAP shows
    for (int layer : {0, 1, 2}) {
        state.layer = layer;
        gui.frame(ImVec2(-1, -1), false, [&] { DrawMixer(session, state); });
        REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 3000);
    }
    gui.frame(ImVec2(-1, -1), false, [&] { DrawFx(session, state); });
    REQUIRE(ImGui::GetDrawData()->TotalVtxCount > 3000);
}
