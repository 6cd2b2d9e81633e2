// The Scenes view clicked and typed through a headless ImGui: store, rename, notes, move,
// duplicate, delete (after its question), and the big GO panel stepping through the cues.
#include "gui/views.h"
#include "prompt.h"
#include "support/headless_gui.h"

#include <catch2/catch.hpp>
#include <imgui.h>

using namespace hr;
using namespace hr::gui;

namespace {
struct ScenesRig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    GuiState state;
    ProbeMap probe;
    hr::test::Headless gui;
    ScenesRig() {
        ConsoleConfig cfg;
        cfg.channels = 4;
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        session.scenes.bind(engine->console());
        state.probe = &probe;
        state.view = View::Scenes;
    }
    std::string operator()(const std::string& line) { return Prompt(session).execute(line); }
    void frame(ImVec2 mouse = ImVec2(-1, -1), bool down = false) {
        gui.frame(mouse, down, [&] { DrawScenes(session, state); });
    }
    bool click(const std::string& name) {
        return gui.click(probe, name, [&] { DrawScenes(session, state); });
    }
    bool type(const std::string& name, const std::string& text) {
        return gui.type(probe, name, text, [&] { DrawScenes(session, state); });
    }
    bool unsavedNow() { return unsaved(session); }
};
} // namespace

TEST_CASE("the Scenes view stores, renames, writes notes, moves, duplicates and deletes scenes", "[gui][scenes]") {
    ScenesRig r;
    const uint64_t before = showChanges(r.session);
    REQUIRE(r.type("new name", "Intro"));
    REQUIRE(r.click("store"));
    REQUIRE(r.session.scenes.size() == 1);
    REQUIRE(r.session.scenes.scene(1).name == "Intro");
    REQUIRE(r.state.selectedScene == 1);
    REQUIRE(showChanges(r.session) != before); // the show is unsaved and autosaved
    REQUIRE(r.type("new name", "Verse"));
    REQUIRE(r.click("store"));
    REQUIRE(r.session.scenes.size() == 2);

    REQUIRE(r.type("rename", "Verse 2"));
    REQUIRE(r.session.scenes.scene(2).name == "Verse 2");
    REQUIRE(r.type("notes", "unmute the band"));
    REQUIRE(r.session.scenes.scene(2).notes == "unmute the band");

    REQUIRE(r.click("move up"));
    REQUIRE(r.session.scenes.scene(1).name == "Verse 2");
    REQUIRE(r.state.selectedScene == 1); // the selection follows the scene
    REQUIRE(r.click("move up"));         // already first: nothing moves
    REQUIRE(r.session.scenes.scene(1).name == "Verse 2");
    REQUIRE(r.click("move down"));
    REQUIRE(r.session.scenes.scene(2).name == "Verse 2");

    REQUIRE(r.click("duplicate"));
    REQUIRE(r.session.scenes.size() == 3);
    REQUIRE(r.session.scenes.scene(3).notes == "unmute the band");
    REQUIRE(r.state.selectedScene == 3);

    REQUIRE(r.click("delete"));
    REQUIRE(r.click("delete cancel")); // the question first: Cancel keeps it
    REQUIRE(r.session.scenes.size() == 3);
    REQUIRE(r.click("scene 1"));
    REQUIRE(r.state.selectedScene == 1);
    REQUIRE(r.click("delete"));
    REQUIRE(r.click("delete yes"));
    REQUIRE(r.session.scenes.size() == 2);
    REQUIRE(r.session.scenes.scene(1).name == "Verse 2");
}

TEST_CASE("the GO panel recalls the next cue, and the fields follow a rename made at the prompt", "[gui][scenes]") {
    ScenesRig r;
    ParamStore& s = r.engine->console().params();
    const ParamId fader = *s.find("/ch/2/fader");
    s.set(fader, -10.0f, Source::Prompt);
    r("scene store Intro");
    s.set(fader, -20.0f, Source::Prompt);
    r("scene store Verse");
    r("scene notes 2 band in");
    REQUIRE(r.session.scenes.current() == 0);
    REQUIRE(r.click("go"));
    REQUIRE(r.session.scenes.current() == 1);
    REQUIRE(s.get(fader) == Approx(-10.0f));
    REQUIRE(r.click("go"));
    REQUIRE(r.session.scenes.current() == 2);
    REQUIRE(s.get(fader) == Approx(-20.0f));
    REQUIRE(r.click("go")); // the end of the list: refused, said in the message line
    REQUIRE(r.session.scenes.current() == 2);
    REQUIRE(r.state.message.find("last scene") != std::string::npos);
    REQUIRE(r.click("prev"));
    REQUIRE(r.session.scenes.current() == 1);

    REQUIRE(r.click("scene 2"));
    REQUIRE(std::string(r.state.scenes.notes) == "band in");
    r("scene rename 2 Chorus");
    r.frame();
    REQUIRE(std::string(r.state.scenes.name) == "Chorus");
}
