// The Record view clicked through a headless ImGui against a live engine with no device:
// arm, record and stop, the takes list, load, play, stop, loop and the source switches, with
// the audio thread's blocks run by hand so the recorder and the player really move audio.
#include "gui/views.h"
#include "prompt.h"
#include "support/harness.h"
#include "support/headless_gui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

#include <chrono>
#include <filesystem>
#include <thread>

using namespace hr;
using namespace hr::gui;

namespace {
struct RecordRig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    GuiState state;
    ProbeMap probe;
    hr::test::Headless gui;
    RecordRig() {
        ConsoleConfig cfg;
        cfg.channels = 4;
        cfg.inputs = 4;
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        engine->console().setRecorder(&session.recorder);
        engine->console().setPlayer(&session.player);
        session.recordDir = hr::test::freshDir("headroom-gui-record", "takes");
        state.probe = &probe;
    }
    ~RecordRig() {
        session.recorder.stop();
        session.player.unload();
        engine->console().setRecorder(nullptr);
        engine->console().setPlayer(nullptr);
    }
    void frame(ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
        gui.frame(mouse, down, [&] { DrawRecord(session, state); });
    }
    bool click(const std::string& name) { // the widget the view noted as `name`, once the takes are listed
        settle();
        return gui.click(probe, name, [&] { DrawRecord(session, state); });
    }
    void settle() { // the takes folder is read off the frame: frames until that reading is in
        frame();
        for (int k = 0; k < 2000 && state.record.listing.valid(); ++k) {
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
            frame();
        }
    }
    void blocks(int n, bool paced = false) { // the audio thread: 256-frame blocks of silence from the interface
        for (int i = 0; i < n; ++i) {
            engine->process(nullptr, 0, nullptr, 0, 256, false);
            if (paced) std::this_thread::sleep_for(std::chrono::microseconds(5333)); // real time: the disk thread keeps up
        }
    }
    ParamStore& params() { return engine->console().params(); }
    float get(const std::string& path) { return params().get(*params().find(path)); }
};
} // namespace

TEST_CASE("the Record view arms, records and stops, lists the take, loads, plays and loops it", "[gui][record]") {
    RecordRig r;
    REQUIRE(r.click("arm all"));
    for (int ch = 1; ch <= 4; ++ch) REQUIRE(r.get("/ch/" + std::to_string(ch) + "/rec/arm") == 1.0f);
    REQUIRE(r.click("arm 2")); // one strip off again
    REQUIRE(r.get("/ch/2/rec/arm") == 0.0f);
    REQUIRE(r.params().lastSource(*r.params().find("/ch/2/rec/arm")) == Source::Gui);

    REQUIRE(r.click("rec"));
    REQUIRE(r.session.recorder.active());
    REQUIRE(r.session.recorder.takePath().rfind(r.session.recordDir + "/", 0) == 0);
    r.blocks(100); // 0.53 s
    REQUIRE(r.click("rec"));
    REQUIRE_FALSE(r.session.recorder.active());
    REQUIRE(r.state.message.empty());

    REQUIRE(r.click("take 1")); // the list was read again after the stop
    REQUIRE(r.state.record.takes.size() == 1);
    REQUIRE(r.state.record.takes[0].tracks == 3);
    REQUIRE(r.state.record.takes[0].seconds == Approx(100 * 256 / 48000.0).margin(0.01));
    REQUIRE(r.state.record.selectedTake == 1);
    REQUIRE(r.click("load"));
    REQUIRE(r.session.player.loaded());
    REQUIRE(std::filesystem::path(r.session.player.folder()) == std::filesystem::path(r.state.record.takes[0].path));

    REQUIRE(r.click("all playback"));
    for (int ch = 1; ch <= 4; ++ch) REQUIRE(r.get("/ch/" + std::to_string(ch) + "/source") == 3.0f);
    REQUIRE(r.click("source 1")); // back to live
    REQUIRE(r.get("/ch/1/source") == 0.0f);
    REQUIRE(r.click("all live"));
    REQUIRE(r.get("/ch/3/source") == 0.0f);

    REQUIRE(r.click("loop a")); // A at 0
    REQUIRE(r.click("play"));
    REQUIRE(r.session.player.playing());
    r.blocks(40, true);
    REQUIRE(r.session.player.position() > 0.1);
    REQUIRE(r.click("loop b"));
    REQUIRE(r.session.player.loopTo() > 0.1);
    REQUIRE(r.session.player.loopFrom() == Approx(0.0));
    REQUIRE(r.click("play")); // now STOP
    REQUIRE_FALSE(r.session.player.playing());

    REQUIRE(r.click("arm none"));
    REQUIRE(r.get("/ch/1/rec/arm") == 0.0f);
    REQUIRE(r.click("rec")); // nothing armed: refused, said in the view
    REQUIRE_FALSE(r.session.recorder.active());
    REQUIRE(r.state.message == "error: record start: no track is armed (arm all, or arm 1 2 3)");
}
