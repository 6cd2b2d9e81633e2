// Shows in the GUI: the unsaved mark over everything a show file keeps, autosave and
// recovery, `new`, and the dialogs (unsaved changes, the browser, Replace?, recovery)
// clicked through a headless ImGui against a live engine with no device.
#include "gui/views.h"
#include "prompt.h"
#include "recovery.h"
#include "support/headless_gui.h"
#include "user_config.h"

#include <catch2/catch.hpp>
#include <imgui.h>
#include <imgui_internal.h> // FindWindowByName, GetHoveredID: where a dialog's button is

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

using namespace hr;
using namespace hr::gui;

namespace {
namespace fs = std::filesystem;

std::string scratch(const std::string& name) {
    const auto dir = fs::temp_directory_path() / "headroom-gui-shows-test";
    fs::create_directories(dir);
    return (dir / name).string();
}

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Rig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    SurfaceHost surfaces; // not started: configurations only
    explicit Rig(int channels = 8) {
        ConsoleConfig cfg;
        cfg.channels = channels;
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        session.learn = std::make_unique<midi::Learn>(engine->console().params());
        session.surfaces = &surfaces;
    }
    std::string operator()(const std::string& line) { return Prompt(session).execute(line); }
    bool unsavedNow() {
        std::lock_guard<std::mutex> lock(session.control);
        return unsaved(session);
    }
};

// A headless ImGui drawing the show dialogs each frame, with a click on a dialog's button.
struct Dialogs {
    Rig& rig;
    GuiState state;
    hr::test::Headless gui;
    explicit Dialogs(Rig& r) : rig(r) {}
    void frame(ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
        gui.frame(mouse, down, [&] {
            std::lock_guard<std::mutex> lock(rig.session.control); // as the GUI's frame holds it
            DrawShowButtons(rig.session, state);
            DrawShowDialogs(rig.session, state);
        });
    }
    // The dialog `window` ("###unsaved") on screen this frame, or null.
    static ImGuiWindow* open(const char* window) {
        ImGuiWindow* w = ImGui::FindWindowByName(window);
        return w && w->Active ? w : nullptr;
    }
    // Clicks the button `label` of dialog `window`: the mouse goes over the dialog until ImGui
    // hovers that button. False when the dialog or the button is not there.
    bool click(const char* window, const char* label) {
        for (int k = 0; k < 3; ++k) frame(); // a dialog sizes itself over its first frames
        ImGuiWindow* w = open(window);
        if (!w) return false;
        const ImGuiID want = w->GetIDNoKeepAlive(label);
        const ImVec2 from = w->Pos, to(w->Pos.x + w->Size.x, w->Pos.y + w->Size.y);
        for (float y = from.y + 2; y < to.y; y += 5)
            for (float x = from.x + 2; x < to.x; x += 10) {
                frame(ImVec2(x, y));
                if (ImGui::GetHoveredID() == want) {
                    frame(ImVec2(x, y), true);
                    frame(ImVec2(x, y), false);
                    frame();
                    return true;
                }
            }
        return false;
    }
};
} // namespace

TEST_CASE("the unsaved mark follows everything a show file keeps, autosave and recovery carry it", "[gui][shows]") {
    Rig p;
    const std::string show = scratch("gig.json");
    REQUIRE(p("save " + show) == "ok: saved " + show + "\n");
    REQUIRE_FALSE(p.unsavedNow());
    auto changes = [&](const std::string& line) { // the change marks the show unsaved, a save clears it
        const std::string answer = p(line);
        INFO(line << " -> " << answer);
        REQUIRE(answer.find("error") == std::string::npos);
        REQUIRE(p.unsavedNow());
        REQUIRE(p("save") == "ok: saved " + show + "\n");
        REQUIRE_FALSE(p.unsavedNow());
    };
    changes("set /ch/1/fader -6");
    changes("set /ch/2/name Kick");
    changes("scene store Verse");
    changes("scene notes 1 \"capo 2\"");
    changes("scene safe add /ch/8/*");
    changes("midi pc go 3");
    changes("midi surface desk mcu");
    changes("midi surface knobs generic");
    REQUIRE(p("learn /ch/3/fader").rfind("ok:", 0) == 0);
    REQUIRE_FALSE(p.unsavedNow()); // arming learn is not a change
    const std::vector<uint8_t> cc{0xB0, 7, 100};
    p.session.learn->receive(cc.data(), cc.size()); // the map is made, and it moves the fader
    REQUIRE(p.unsavedNow());
    REQUIRE(p("save") == "ok: saved " + show + "\n");
    REQUIRE(slurp(show).find("\"cc\"") != std::string::npos);
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader -6.0 dB\n"); // reading is not a change
    REQUIRE_FALSE(p.unsavedNow());

    // Autosave writes a scene edit (not a parameter) to the recovery file, once.
    const std::string recovery = recoveryPathFor(show);
    fs::remove(recovery);
    Autosave autosave(p.session, std::chrono::milliseconds(1));
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    REQUIRE(autosave.poll().empty());
    REQUIRE_FALSE(fs::exists(recovery)); // saved as it is: nothing to recover
    REQUIRE(p("scene rename 1 Chorus").rfind("ok:", 0) == 0);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    REQUIRE(autosave.poll().empty());
    REQUIRE(slurp(recovery).find("Chorus") != std::string::npos);
    fs::remove(recovery);
    std::this_thread::sleep_for(std::chrono::milliseconds(3));
    REQUIRE(autosave.poll().empty());
    REQUIRE_FALSE(fs::exists(recovery)); // nothing new since
    REQUIRE(autosave.writeNow().empty());

    // Recovered: the show keeps its own path, and stays unsaved until saved there.
    REQUIRE(p("load " + show).rfind("ok: loaded", 0) == 0);
    REQUIRE(p("scene list").find("Verse") != std::string::npos);
    std::string answer;
    {
        std::lock_guard<std::mutex> lock(p.session.control);
        answer = recoverInto(p.session, recovery);
    }
    REQUIRE(answer == "ok: recovered the unsaved work from " + recovery + "\n");
    REQUIRE(p.session.showPath == show);
    REQUIRE(p.unsavedNow());
    REQUIRE(p("scene list").find("Chorus") != std::string::npos);
    REQUIRE(p("save") == "ok: saved " + show + "\n");
    REQUIRE(slurp(show).find("Chorus") != std::string::npos);
    REQUIRE_FALSE(p.unsavedNow());
}

TEST_CASE("new: a blank untitled console of the asked shape, a bad shape changes nothing", "[gui][shows][prompt]") {
    Rig p(16);
    REQUIRE(p("scene store One").rfind("ok:", 0) == 0);
    REQUIRE(p("midi surface knobs generic").rfind("ok:", 0) == 0);
    REQUIRE(p("learn /ch/3/fader").rfind("ok:", 0) == 0);
    const std::vector<uint8_t> cc{0xB0, 7, 100};
    p.session.learn->receive(cc.data(), cc.size());
    REQUIRE(p("new 0") == "error: new: 0: channels are 1..128\n");
    REQUIRE(p("new 8 x") == "error: new: x: buses are 0..64\n");
    REQUIRE(p("new 1 2 3 4").rfind("error: new: expected at most", 0) == 0);
    REQUIRE(p.engine->console().config().channels == 16); // refused: as it was
    REQUIRE(p("new 24 6 2") == "ok: new show (24 channels, 8 buses); save FILE names it\n");
    const ConsoleConfig& c = p.engine->console().config();
    REQUIRE(c.channels == 24);
    REQUIRE(c.inputs == 24);
    REQUIRE(c.outputs == 2 + 6 + 2 * 2);
    REQUIRE(c.busWidths[0] == 1);
    REQUIRE(c.busWidths[7] == 2);
    REQUIRE(p.session.showPath.empty());
    REQUIRE(p("scene list").find("One") == std::string::npos);
    REQUIRE(p("maps") == "(no MIDI maps)\n\n"); // a new show has none of the old one's maps
    REQUIRE(p("save") == "error: save: no show file yet; give one (save myshow.json)\n");
    REQUIRE_FALSE(p.unsavedNow());
    REQUIRE(p("new").rfind("ok: new show (16 channels, 8 buses)", 0) == 0);
}

TEST_CASE("closing with unsaved changes asks: Cancel keeps the window, Save writes the show, Don't save drops them",
          "[gui][shows]") {
    Rig rig;
    Dialogs gui(rig);
    const std::string show = scratch("close.json");
    REQUIRE(rig("save " + show).rfind("ok:", 0) == 0);
    auto close = [&] {
        gui.state.files.quit = false;
        std::lock_guard<std::mutex> lock(rig.session.control);
        RequestClose(rig.session, gui.state);
    };
    close();
    REQUIRE(gui.state.files.quit); // nothing to lose: it closes at once

    REQUIRE(rig("set /ch/1/fader -7").find("error") == std::string::npos);
    close();
    REQUIRE_FALSE(gui.state.files.quit);
    REQUIRE(gui.click("###unsaved", "Cancel"));
    REQUIRE_FALSE(gui.state.files.quit);
    REQUIRE(Dialogs::open("###unsaved") == nullptr);
    REQUIRE(rig.unsavedNow());

    close();
    REQUIRE(gui.click("###unsaved", "Save"));
    REQUIRE(gui.state.files.quit);
    REQUIRE(slurp(show).find("\"/ch/1/fader\": -7") != std::string::npos);
    REQUIRE_FALSE(rig.unsavedNow());

    REQUIRE(rig("set /ch/1/fader -20").find("error") == std::string::npos);
    REQUIRE(Autosave(rig.session, std::chrono::milliseconds(0)).writeNow().empty());
    REQUIRE(fs::exists(recoveryPathFor(show)));
    close();
    REQUIRE(gui.click("###unsaved", "Don't save"));
    REQUIRE(gui.state.files.quit);
    REQUIRE_FALSE(fs::exists(recoveryPathFor(show))); // dropped on purpose: not offered next time
    REQUIRE(slurp(show).find("\"/ch/1/fader\": -7") != std::string::npos);
}

TEST_CASE("Open: a refused file keeps the console and says why, unsaved work is asked about first, recent shows",
          "[gui][shows]") {
    Rig rig;
    Dialogs gui(rig);
    const std::string bad = scratch("broken.json");
    std::ofstream(bad) << "{ \"console\": { \"channels\": 4 },\n  \"params\": { \"/ch/1/fader\": \"loud\" } }";
    const std::string good = scratch("four.json");
    std::ofstream(good) << R"({"name": "Four", "console": {"channels": 4, "inputs": 4, "outputs": 2, "buses": ["stereo"]}})";
    REQUIRE(rig("set /ch/2/fader -3").find("error") == std::string::npos);

    std::lock_guard<std::mutex> lock(rig.session.control);
    REQUIRE_FALSE(OpenShow(rig.session, gui.state, bad, true));
    REQUIRE(gui.state.files.error.rfind("error: " + bad + ":2:", 0) == 0);
    REQUIRE(rig.engine->console().config().channels == 8);
    REQUIRE(rig.engine->console().params().get(*rig.engine->console().params().find("/ch/2/fader")) == Approx(-3.0f));
    REQUIRE(gui.state.files.askBrowser); // the browser comes back with the reason
    gui.state.files.askBrowser = false;

    REQUIRE_FALSE(OpenShow(rig.session, gui.state, good, false)); // unsaved: asked first
    REQUIRE(gui.state.files.askUnsaved);
    REQUIRE(rig.engine->console().config().channels == 8);
    rig.session.control.unlock(); // the dialogs take it each frame, as the GUI's loop does
    const bool clicked = gui.click("###unsaved", "Don't save");
    rig.session.control.lock();
    REQUIRE(clicked);
    REQUIRE(rig.engine->console().config().channels == 4);
    REQUIRE(rig.session.showPath == good);
    REQUIRE(rig.session.showName == "Four");
    const std::vector<std::string> recent = recentShows();
    REQUIRE(recent.front() == good);
    REQUIRE(std::find(recent.begin(), recent.end(), bad) == recent.end()); // refused: not remembered
}

TEST_CASE("Save as over another show asks Replace?, the browser lists the folder's shows", "[gui][shows]") {
    Rig rig;
    Dialogs gui(rig);
    const std::string folder = scratch("saveas");
    fs::remove_all(folder);
    fs::create_directories(folder + "/sub");
    const std::string other = folder + "/other.json";
    std::ofstream(other) << "{}";
    std::ofstream(folder + "/other.recovery.json") << "{}"; // recovery files are not offered
    REQUIRE(rig("set /ch/4/fader -9").find("error") == std::string::npos);
    {
        std::lock_guard<std::mutex> lock(rig.session.control);
        RequestSaveAs(rig.session, gui.state);
    }
    std::snprintf(gui.state.files.path, sizeof gui.state.files.path, "%s", other.c_str());
    gui.frame();
    gui.frame();
    REQUIRE(Dialogs::open("###browser") != nullptr);
    std::vector<std::string> names;
    for (const auto& e : gui.state.files.entries) names.push_back(e.name);
    REQUIRE(names == std::vector<std::string>{"sub", "other.json"});

    REQUIRE(gui.click("###browser", "Save"));
    REQUIRE(Dialogs::open("###overwrite") != nullptr);
    REQUIRE(slurp(other) == "{}"); // not yet
    REQUIRE(gui.click("###overwrite", "Cancel"));
    REQUIRE(slurp(other) == "{}");
    REQUIRE(Dialogs::open("###browser") != nullptr); // back in the browser

    REQUIRE(gui.click("###browser", "Save"));
    REQUIRE(gui.click("###overwrite", "Replace"));
    REQUIRE(slurp(other).find("\"/ch/4/fader\": -9") != std::string::npos);
    REQUIRE(slurp(other + ".bak") == "{}"); // the file it replaced is kept
    REQUIRE(rig.session.showPath == other);
    REQUIRE_FALSE(rig.unsavedNow());
    REQUIRE(Dialogs::open("###browser") == nullptr);
}

TEST_CASE("unsaved work from the last run is offered at start: Recover applies it, unsaved, under the show's name",
          "[gui][shows][recovery]") {
    Rig rig;
    Dialogs gui(rig);
    const std::string show = scratch("offered.json");
    REQUIRE(rig("save " + show).rfind("ok:", 0) == 0);
    REQUIRE(rig("set /ch/5/fader -11").find("error") == std::string::npos);
    REQUIRE(Autosave(rig.session, std::chrono::milliseconds(0)).writeNow().empty());
    REQUIRE(rig("load " + show).rfind("ok:", 0) == 0); // the saved show, as at start
    REQUIRE(rig("get /ch/5/fader") == "/ch/5/fader 0.0 dB\n");

    gui.state.files.recoverPath = recoveryPathFor(show);
    gui.state.files.recoverWhen = "1 minute newer than the show";
    gui.state.files.askRecover = true;
    REQUIRE(gui.click("###recover", "Start from the saved show"));
    REQUIRE(rig("get /ch/5/fader") == "/ch/5/fader 0.0 dB\n");
    REQUIRE(fs::exists(recoveryPathFor(show))); // kept until the next autosave replaces it

    gui.state.files.askRecover = true;
    REQUIRE(gui.click("###recover", "Recover them"));
    REQUIRE(rig("get /ch/5/fader") == "/ch/5/fader -11.0 dB\n");
    REQUIRE(rig.session.showPath == show);
    REQUIRE(rig.unsavedNow());
    REQUIRE(Dialogs::open("###recover") == nullptr);
}

TEST_CASE("ctrl-S saves the show, ctrl-N asks about unsaved work, then a new blank console", "[gui][shows]") {
    Rig rig;
    Dialogs gui(rig);
    const std::string show = scratch("keys.json");
    REQUIRE(rig("save " + show).rfind("ok:", 0) == 0);
    REQUIRE(rig("set /ch/6/fader -13").find("error") == std::string::npos);
    ImGuiIO& io = ImGui::GetIO();
    auto press = [&](int key, bool shift = false) {
        io.KeyCtrl = true;
        io.KeyShift = shift;
        io.KeysDown[key] = true;
        for (bool down : {true, false}) {
            io.KeysDown[key] = down;
            ImGui::NewFrame();
            {
                std::lock_guard<std::mutex> lock(rig.session.control);
                HandleKeys(rig.session, gui.state);
            }
            ImGui::Render();
        }
        io.KeyCtrl = io.KeyShift = false;
    };
    press('S');
    REQUIRE(slurp(show).find("\"/ch/6/fader\": -13") != std::string::npos);
    REQUIRE_FALSE(rig.unsavedNow());
    REQUIRE(rig("set /ch/6/fader -14").find("error") == std::string::npos);
    press('N');
    REQUIRE(gui.click("###unsaved", "Don't save"));
    REQUIRE(gui.click("###new", "Create")); // the shape asked for: 16 channels, 8 mono buses by default
    REQUIRE(rig.session.showPath.empty());
    REQUIRE(rig.engine->console().config().channels == 16);
    REQUIRE(rig("get /ch/6/fader") == "/ch/6/fader 0.0 dB\n");
    press('S', true); // untitled: Save as opens the browser on untitled.json
    gui.frame();
    REQUIRE(Dialogs::open("###browser") != nullptr);
    REQUIRE(std::string(gui.state.files.path).find("untitled.json") != std::string::npos);
}
