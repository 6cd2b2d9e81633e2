// The prompt's grammar, answered line by line against a live engine with no device.
#include "prompt.h"
#include "show/show.h"
#include "user_config.h"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace hr;

namespace {
struct Rig {
    std::unique_ptr<LiveEngine> engine;
    Session session;
    std::unique_ptr<Prompt> prompt;
    explicit Rig(int channels = 16) {
        ConsoleConfig cfg;
        cfg.channels = channels;
        engine = std::make_unique<LiveEngine>(std::make_unique<Console>(cfg));
        session.engine = engine.get();
        prompt = std::make_unique<Prompt>(session);
    }
    std::string operator()(const std::string& line) { return prompt->execute(line); }
};
std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / "headroom-prompt-test";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}
} // namespace

TEST_CASE("get and set answer in the one grammar", "[prompt]") {
    Rig p;
    REQUIRE(p("get /ch/3/fader") == "/ch/3/fader 0.0 dB\n");
    REQUIRE(p("set /ch/3/fader -6") == "/ch/3/fader -6.0 dB\n");
    REQUIRE(p("get /ch/3/fader") == "/ch/3/fader -6.0 dB\n");
    REQUIRE(p("set /ch/3/fader -inf") == "/ch/3/fader -inf dB\n");
    REQUIRE(p("set /ch/3/fader banana") == "error: /ch/3/fader: 'banana' is not a level in dB\n");
    REQUIRE(p("get /ch/3/fader") == "/ch/3/fader -inf dB\n"); // the error changed nothing
    REQUIRE(p("get /ch/99/fader") == "error: /ch/99/fader: no such parameter (16 channels)\n");
    REQUIRE(p("set /ch/1/eq/2/freq 1.5k") == "/ch/1/eq/2/freq 1.50kHz\n");
    REQUIRE(p("set /ch/1/comp/ratio limit") == "/ch/1/comp/ratio limit\n");
    REQUIRE(p("set /ch/1/send/2/tap pre") == "/ch/1/send/2/tap pre\n");
    REQUIRE(p("set /ch/1/name \"Lead Vox\"") == "/ch/1/name \"Lead Vox\"\n");
    REQUIRE(p("get /ch/1/name") == "/ch/1/name \"Lead Vox\"\n");
    REQUIRE(p("set /ch/1/name \"unclosed") == "error: unclosed quote\n");
    REQUIRE(p("set /ch/1/trim") == "error: set: expected a path and a value (set /ch/1/fader -6)\n");
    REQUIRE(p("frobnicate") == "error: frobnicate: unknown command (try help)\n");
    REQUIRE(p("") == "");
    REQUIRE(p("# a comment in a script") == "");
    // A write from the prompt is marked as the prompt's, for surfaces' echo rules.
    const ParamStore& s = p.engine->console().params();
    REQUIRE(s.lastSource(*s.find("/ch/3/fader")) == Source::Prompt);
}

TEST_CASE("list prints one line per parameter and a blank line", "[prompt]") {
    Rig p(4);
    const std::string out = p("list /ch/2/eq/3/*");
    REQUIRE(out == "/ch/2/eq/3/on on\n/ch/2/eq/3/freq 2.00kHz\n/ch/2/eq/3/gain 0.0 dB\n/ch/2/eq/3/q 0.70\n\n");
    const std::string strip = p("list /ch/2"); // a strip's whole subtree
    REQUIRE(strip.find("/ch/2/trim 0.0 dB\n") != std::string::npos);
    REQUIRE(strip.find("/ch/3/") == std::string::npos);
    REQUIRE(p("list /nothing/*") == "error: /nothing/*: matches no parameter\n");
}

TEST_CASE("meters list strips with peak, hold, rms, clip and gain reduction", "[prompt]") {
    Rig p(2);
    const std::string out = p("meters");
    REQUIRE(out.find("/ch/1 in peak -inf hold -inf rms -inf clip off | out peak -inf") == 0);
    REQUIRE(out.find("/bus/8 in") != std::string::npos);
    REQUIRE(out.find("/main in peak -inf/-inf") != std::string::npos);
    REQUIRE(out.find("/monitor out") != std::string::npos);
    REQUIRE(out.back() == '\n');
    REQUIRE(out.substr(out.size() - 2) == "\n\n");
    REQUIRE(p("meters /ch/*").find("/bus/") == std::string::npos);
    REQUIRE(p("meters /nope") == "error: /nope: matches no meter (/ch/N, /bus/N, /main, /monitor)\n");
}

TEST_CASE("save and load: a bad file changes nothing, a good one replaces the console", "[prompt][show]") {
    Rig p;
    p("set /ch/1/fader -12");
    const std::string path = scratch("saved.json");
    REQUIRE(p("save " + path) == "ok: saved " + path + "\n");
    p("set /ch/1/fader 0");

    const std::string bad = scratch("bad.json");
    std::ofstream(bad) << "{ \"console\": { \"channels\": 4 }, \"params\": { \"/ch/1/fader\": 99 } }";
    const std::string answer = p("load " + bad);
    REQUIRE(answer.rfind("error: " + bad + ":1:", 0) == 0);
    REQUIRE(answer.find("/ch/1/fader") != std::string::npos);
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader 0.0 dB\n"); // untouched
    REQUIRE(p.engine->console().config().channels == 16);

    REQUIRE(p("load " + path) == "ok: loaded " + path + " (16 channels, 8 buses)\n");
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader -12.0 dB\n");

    const std::string band = std::string(HEADROOM_SOURCE_DIR) + "/scenes/band.json";
    REQUIRE(p("load " + band) == "ok: loaded " + band + " (16 channels, 9 buses)\n");
    REQUIRE(p("get /ch/13/name") == "/ch/13/name \"Lead Vox\"\n");

    std::ofstream(scratch("small.json")) << R"({"console": {"channels": 4, "inputs": 4, "outputs": 2, "buses": ["stereo"]}})";
    REQUIRE(p("load " + scratch("small.json")) == "ok: loaded " + scratch("small.json") + " (4 channels, 1 buses)\n");
    REQUIRE(p("get /ch/5/fader") == "error: /ch/5/fader: no such parameter (4 channels)\n");
    REQUIRE(p("save") == "ok: saved " + scratch("small.json") + "\n"); // save goes to the loaded file
}

TEST_CASE("status names the device, load and xruns, quit ends the session", "[prompt]") {
    Rig p;
    const std::string s = p("status");
    REQUIRE(s.rfind("api none", 0) == 0);
    REQUIRE(s.find(" load 0.0% peak 0.0% xruns 0 uptime 00:00:0") != std::string::npos);
    REQUIRE(s.find("console 16x8") != std::string::npos);
    REQUIRE_FALSE(p.prompt->quitRequested());
    REQUIRE(p("quit") == "ok: quit\n");
    REQUIRE(p.prompt->quitRequested());
}

TEST_CASE("scenes from the prompt: a show run song by song", "[prompt][scenes]") {
    Rig p(4);
    p.session.scenes.bind(p.engine->console());
    REQUIRE(p("scene list") == "(no scenes)\n\n");
    p("set /ch/1/fader -10");
    REQUIRE(p("scene store \"Song 1\" \"count in\"") == "ok: stored scene 1 \"Song 1\"\n");
    p("set /ch/1/fader -2");
    REQUIRE(p("scene store \"Song 2\"") == "ok: stored scene 2 \"Song 2\"\n");
    REQUIRE(p("scene fade 2 1.5") == "ok: scene 2 fades over 1.5 s\n");
    REQUIRE(p("scene fade 2 99") == "error: scene fade: a fade is 0..30 seconds\n");
    REQUIRE(p("scene fade 2 nan") == "error: scene fade: 'nan' is not a time in seconds\n");
    REQUIRE(p("scene fade 99 2") == "error: scene fade: no scene 99 (2 scenes)\n"); // the real reason
    REQUIRE(p("scene fade 2") == "error: scene fade: expected a scene and seconds (scene fade 2 3.5)\n");
    REQUIRE(p("scene list") == " 1 \"Song 1\" fade 0.0 s scope all groups on every strip notes \"count in\"\n"
                               " 2 \"Song 2\" fade 1.5 s scope all groups on every strip\n\n");

    const std::string recalled = p("scene recall \"Song 1\"");
    REQUIRE(recalled.rfind("ok: recalled scene 1 \"Song 1\": 1 changed (0 fading over 0.0 s), 0 safe, 0 out of scope,", 0) == 0);
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader -10.0 dB\n");
    REQUIRE(p("scene list").rfind("*1 \"Song 1\"", 0) == 0); // the cue position
    REQUIRE(p("scene go").rfind("ok: recalled scene 2 \"Song 2\": 1 changed (1 fading over 1.5 s)", 0) == 0);
    REQUIRE(p("scene go") == "error: scene go: already at the last scene\n");
    REQUIRE(p("scene undo") == "ok: undo of the last recall\n");
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader -10.0 dB\n");
    REQUIRE(p("scene prev").rfind("ok: recalled scene 1", 0) == 0);

    REQUIRE(p("scene safe add /ch/1/fader") == "ok: /ch/1/fader is safe from recalls\n");
    REQUIRE(p("scene safe list") == "/ch/1/fader\n\n");
    p("set /ch/1/fader -30");
    REQUIRE(p("scene recall 1").find("1 safe") != std::string::npos);
    REQUIRE(p("get /ch/1/fader") == "/ch/1/fader -30.0 dB\n");
    REQUIRE(p("scene safe remove /ch/1/fader") == "ok: /ch/1/fader is no longer safe\n");

    REQUIRE(p("scene scope 1 eq /ch/2") == "ok: scene 1 recalls eq on /ch/2\n");
    REQUIRE(p("scene rename 1 Opener") == "ok: scene 1 is now \"Opener\"\n");
    REQUIRE(p("scene duplicate Opener") == "ok: scene 2 \"Opener copy\"\n");
    REQUIRE(p("scene move 3 1") == "ok: scene \"Song 2\" is now number 1\n");
    REQUIRE(p("scene delete 2") == "ok: deleted scene 2 \"Opener\"\n");
    REQUIRE(p("scene update 1") == "ok: updated scene 1 \"Song 2\"\n");
    REQUIRE(p("scene recall 9") == "error: scene recall: no scene 9 (2 scenes)\n");
    REQUIRE(p("scene dance") .rfind("error: scene dance: unknown", 0) == 0);
}

TEST_CASE("numbers too large for a channel or a position are refused, not thrown", "[prompt]") {
    Rig p(4);
    REQUIRE(p("arm 99999999999") == "error: arm: '99999999999' is not all, none, main or channels 1..4 (3, 1-8, 1,3,5)\n");
    REQUIRE(p("disarm 2147483648") == "error: disarm: '2147483648' is not all, none, main or channels 1..4 (3, 1-8, 1,3,5)\n");
    REQUIRE(p("source 99999999999 live") == "error: source: '99999999999' is not channels 1..4 (3, 1-8, 1,3,5) or all\n");
    p.session.scenes.bind(p.engine->console());
    REQUIRE(p("scene store A").rfind("ok: stored scene 1", 0) == 0);
    REQUIRE(p("scene move 1 99999999999") == "error: scene move: '99999999999' is not a position 1..1\n");
    REQUIRE(p("arm 2147483647") == "error: arm: '2147483647' is not all, none, main or channels 1..4 (3, 1-8, 1,3,5)\n");
}

TEST_CASE("a line holding a NUL byte is refused whole", "[prompt]") {
    Rig p(4);
    const std::string nul(1, '\0');
    REQUIRE(p("arm all") == "ok: 4 channels armed, 4 changed\n");
    REQUIRE(p("record start " + scratch("nul") + nul + "x") == "error: the line holds a NUL byte\n");
    REQUIRE_FALSE(p.session.recorder.active());
    REQUIRE(p("set /ch/1/name \"a" + nul + "b\"") == "error: the line holds a NUL byte\n");
    REQUIRE(p("get /ch/1/name") == "/ch/1/name \"Ch 1\"\n");
}

TEST_CASE("recording and playback from the prompt", "[prompt][record]") {
    Rig p(4);
    p.engine->console().setRecorder(&p.session.recorder);
    p.engine->console().setPlayer(&p.session.player);
    const std::string dir = scratch("takes");
    std::filesystem::remove_all(dir);
    REQUIRE(p("record start " + dir) == "error: record start: no track is armed (arm all, or arm 1 2 3)\n");
    REQUIRE(p("arm 1 3 main") == "ok: 2 channels armed and main, 3 changed\n");
    REQUIRE(p("arm 9") == "error: arm: '9' is not all, none, main or channels 1..4 (3, 1-8, 1,3,5)\n");
    REQUIRE(p("disarm 3") == "ok: 1 channels armed and main, 1 changed\n");
    p.session.showName = "Rock band: 16 inputs, 5 wedges";
    const std::string started = p("record start " + dir);
    REQUIRE(started.rfind("ok: recording 3 tracks to " + dir + "/", 0) == 0);
    REQUIRE(p("record start") .rfind("error: record start: a take is already recording", 0) == 0);
    // The audio thread: a few blocks of silence go to disk.
    for (int i = 0; i < 100; ++i) p.engine->process(nullptr, 0, nullptr, 0, 256, false);
    REQUIRE(p("status").find(" record on 0.5 s dropped 0") != std::string::npos);
    const std::string stopped = p("record stop");
    REQUIRE(stopped.find(": 0.5 s, 3 tracks, 0 samples dropped") != std::string::npos);
    REQUIRE(p("record stop") == "error: record stop: no take is recording\n");
    const std::string listed = p("takes");
    REQUIRE(listed.rfind("  1  " + dir + "/", 0) == 0);
    REQUIRE(listed.find("      0.5 s  3 tracks\n\n") != std::string::npos);
    const std::string take = listed.substr(5, listed.find("  ", 5) - 5);
    const std::string name = std::filesystem::path(take).filename().string();
    REQUIRE(name.find_first_of(" ,:\"'") == std::string::npos); // "Rock band: 16 inputs, 5 wedges": a shell types it
    REQUIRE(name.find("_Rock-band-16-inputs-5-wedges") != std::string::npos);

    REQUIRE(p("transport play") == "error: transport: no take loaded (play TAKE)\n");
    REQUIRE(p("play 2") == "error: play: no take 2 in " + dir + " (1 takes; see takes)\n");
    REQUIRE(p("play latest").rfind("ok: loaded " + take + " (0.53 s)", 0) == 0);
    REQUIRE(p("play " + name).rfind("ok: loaded " + take + " (0.53 s)", 0) == 0);
    const std::string loaded = p("play 1");
    REQUIRE(loaded.find("ok: loaded " + take + " (0.53 s)") == 0);
    REQUIRE(loaded.find("ch 1 \"Ch 1\" <- 1-Ch 1.wav") != std::string::npos);
    REQUIRE(loaded.find("ch 2 \"Ch 2\": no track") != std::string::npos);
    REQUIRE(p("source all playback") == "ok: 4 channels on playback input, 4 changed\n");
    REQUIRE(p("get /ch/2/source") == "/ch/2/source playback\n");
    REQUIRE(p("source 2 live") == "ok: 1 channels on live input, 1 changed\n");
    REQUIRE(p("source 2 tape") == "error: source: 'tape' is not live or playback\n");
    REQUIRE(p("transport play") == "ok: playing from 0.00 s\n");
    REQUIRE(p("transport loop 0.1 0.3") == "ok: looping 0.10-0.30 s\n");
    REQUIRE(p("transport loop 0.3 0.1") == "error: transport loop: expected A B in seconds, A < B\n");
    REQUIRE(p("transport locate 0.2") == "ok: located to 0.20 s\n");
    // Times that are no number of seconds are refused; a huge one is the end of the take.
    for (const std::string t : {"nan", "inf", "-inf", "1e999", ""})
        REQUIRE(p("transport locate \"" + t + "\"") == "error: transport locate: '" + t + "' is not a time in seconds\n");
    REQUIRE(p("transport loop 0 inf") == "error: transport loop: expected A B in seconds, A < B\n");
    REQUIRE(p("transport loop nan 1") == "error: transport loop: expected A B in seconds, A < B\n");
    REQUIRE(p("transport locate 1e300") == "ok: located to 0.53 s\n");
    REQUIRE(p("transport loop 0.1 1e300") == "ok: looping 0.10-0.53 s\n");
    REQUIRE(p("transport locate 0.2") == "ok: located to 0.20 s\n");
    REQUIRE(p("status").find(" transport play ") != std::string::npos);
    // A play that is refused changes nothing: the take loaded plays on where it was.
    std::filesystem::create_directories(dir + "/not-a-take");
    REQUIRE(p("play " + dir + "/not-a-take") == "error: play: " + dir + "/not-a-take: no tracks (take.json or NN-Name.wav files) (" +
                                                     take + " is still loaded)\n");
    REQUIRE(p("play nothing-here") == "error: play: 'nothing-here' is not a take in " + dir +
                                          " (a number from takes, latest, a take's name or a folder)\n");
    REQUIRE(p.session.player.loaded());
    REQUIRE(p.session.player.playing());
    REQUIRE(p.session.player.folder() == take);
    REQUIRE(p("transport stop").rfind("ok: stopped at", 0) == 0);
    p.engine->console().setRecorder(nullptr);
    p.engine->console().setPlayer(nullptr);
}

TEST_CASE("MIDI learn from the prompt, maps are saved in the show", "[prompt][learn]") {
    Rig p(4);
    p.session.learn = std::make_unique<midi::Learn>(p.engine->console().params());
    REQUIRE(p("maps") == "(no MIDI maps)\n\n");
    REQUIRE(p("learn /ch/9/fader") == "error: learn: /ch/9/fader: no such parameter\n");
    REQUIRE(p("learn /ch/2/fader") == "ok: move a control on a generic MIDI controller to map it to /ch/2/fader\n");
    const std::vector<uint8_t> cc{0xB0, 7, 127};
    p.session.learn->receive(cc.data(), cc.size()); // what the surface thread does with "midi in"
    REQUIRE(p("get /ch/2/fader") == "/ch/2/fader 10.0 dB\n");
    REQUIRE(p("maps") == "/ch/2/fader <- cc 7 ch 1 (soft takeover)\n\n");
    const std::string path = scratch("learnt.json");
    REQUIRE(p("save " + path) == "ok: saved " + path + "\n");
    REQUIRE(p("unlearn /ch/2/fader") == "ok: /ch/2/fader is no longer mapped\n");
    REQUIRE(p("maps") == "(no MIDI maps)\n\n");
    REQUIRE(p("load " + path).rfind("ok: loaded", 0) == 0);
    REQUIRE(p("maps") == "/ch/2/fader <- cc 7 ch 1 (soft takeover)\n\n");
}

TEST_CASE("midi surface, open, close and pc: the grammar, refusals, and what is remembered", "[prompt][surfaces]") {
    Rig p;
    SurfaceHost surfaces; // not started: configurations are taken, the ports are not opened here
    p.session.surfaces = &surfaces;
    REQUIRE(p("midi surface \"my desk\" mcu") ==
            "error: midi surface: 'my desk' is not a surface name (letters, digits, - and _; it names the virtual ports)\n");
    REQUIRE(p("midi surface desk mcu xt") == "error: midi surface: a Mackie Control has exactly one main unit (the others are xt)\n");
    REQUIRE(p("midi surface desk hui").rfind("error: midi surface: expected NAME mcu", 0) == 0);
    REQUIRE(p("midi surface desk mcu main a b c").rfind("error: midi surface: expected NAME mcu", 0) == 0);
    REQUIRE(p("midi surface desk mcu xt Ext main Main MainOut") == "ok: desk: configured; its ports are still opening (see midi)\n");
    auto list = surfaces.surfaces();
    REQUIRE(list.size() == 1);
    REQUIRE(list[0].units.size() == 2);
    REQUIRE(list[0].units[0] == SurfaceConfig::Unit{"Ext", "Ext", true});
    REQUIRE(list[0].units[1] == SurfaceConfig::Unit{"Main", "MainOut", false});
    REQUIRE(p("midi open main") == "error: midi open: expected [IN [OUT]] port names (none or -: virtual ports)\n");
    REQUIRE(p("midi open - -").rfind("ok: mcu: configured", 0) == 0);
    REQUIRE(configValue("midiIn").empty()); // "-" is a virtual port, not a name to remember
    REQUIRE(p("midi open X-Touch").rfind("ok: mcu", 0) == 0);
    REQUIRE(configValue("midiIn") == "X-Touch");
    REQUIRE(configValue("midiOut") == "X-Touch");
    REQUIRE(surfaces.surfaces().size() == 2);
    REQUIRE(p("midi close nothere") == "error: midi close: no surface 'nothere'\n");
    REQUIRE(p("midi close desk") == "ok: surface 'desk' closing\n");
    REQUIRE(surfaces.surfaces().size() == 1);
    REQUIRE(p("midi pc go 3") == "ok: program change on channel 3 steps GO; every recall sends its program change on channel 1\n");
    REQUIRE(surfaces.programChange() == ProgramChange{3, true, 1});
    REQUIRE(p("midi pc send off") == "ok: program change on channel 3 steps GO; recalls send no program change\n");
    REQUIRE(p("midi pc recall 0") == "error: midi pc recall: expected a MIDI channel 1-16 or any\n");
    REQUIRE(surfaces.programChange() == ProgramChange{3, true, 0}); // the refusal changed nothing
}

TEST_CASE("every command with huge numbers and odd tokens answers with its own error, never a throw", "[prompt][fuzz]") {
    // Run in a scratch folder: save, load, play and record take their odd tokens as file names.
    const auto dir = std::filesystem::path(scratch("odd-tokens"));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const auto cwd = std::filesystem::current_path();
    std::filesystem::current_path(dir);
    const std::vector<std::string> commands = {"get", "set", "list", "meters", "status", "scene", "arm", "disarm",
                                               "record", "play", "transport", "source", "takes", "learn", "unlearn",
                                               "maps", "midi", "clear", "panic", "help", "save", "load"};
    const std::vector<std::string> odd = {"99999999999999999999", "-99999999999999999999", "2147483648", "-1", "0",
                                          "nan", "inf", "-inf", "1e309", "0x10", "1.5", "\"\"", "/ch/99999999999/fader",
                                          "/ch/1/fader", "/ch/1/name", "all", "on", "off", "1", "65", "-", "--"};
    const std::vector<std::string> subs = {"recall", "store", "fade", "go", "prev", "undo", "redo", "rename", "delete",
                                           "move", "notes", "safe", "scope", "update", "duplicate", "list", "locate",
                                           "loop", "start", "stop", "surface", "open", "close", "pc", "on"};
    Rig p(4);
    REQUIRE(p("scene store A") == "error: scene store: no console is bound to the cue list\n"); // (it crashed)
    p.session.scenes.bind(p.engine->console());
    size_t lines = 0;
    std::string thrown;
    auto run = [&](const std::string& line) {
        ++lines;
        const std::string answer = p(line);
        if (answer.find("the command failed") != std::string::npos && thrown.empty()) thrown = line + " -> " + answer;
    };
    for (const std::string& c : commands) {
        run(c);
        for (const std::string& a : odd) {
            run(c + " " + a);
            for (const std::string& b : odd) run(c + " " + a + " " + b);
        }
        for (const std::string& s : subs)
            for (const std::string& a : odd) {
                run(c + " " + s + " " + a);
                for (const char* b : {"1", "99999999999999999999", "nan", "-1"}) run(c + " " + s + " " + a + " " + std::string(b));
            }
        run("record stop");
    }
    std::filesystem::current_path(cwd);
    INFO(lines << " lines");
    REQUIRE(lines > 10000);
    REQUIRE(thrown.empty()); // every refusal is the command's own, none the catch-all's
    REQUIRE_FALSE(p.prompt->quitRequested());
    REQUIRE(p("get /ch/1/fader").rfind("/ch/1/fader ", 0) == 0); // and the console still answers
}

TEST_CASE("the console-wide units at the prompt: DCAs, mute groups, FX with fx tap, talkback, matrices",
          "[prompt][dca][fx]") {
    Rig p(4);
    REQUIRE(p("list /dca/1/*") == "/dca/1/fader 0.0 dB\n/dca/1/mute off\n/dca/1/name \"DCA 1\"\n/dca/1/colour grey\n\n");
    REQUIRE(p("set /ch/2/dca/1 on") == "/ch/2/dca/1 on\n");
    REQUIRE(p("list /ch/*/dca/1") == "/ch/1/dca/1 off\n/ch/2/dca/1 on\n/ch/3/dca/1 off\n/ch/4/dca/1 off\n\n");
    REQUIRE(p("set /mgrp/3/name Band") == "/mgrp/3/name \"Band\"\n");
    REQUIRE(p("set /fx/1/type hall") == "/fx/1/type hall\n");
    REQUIRE(p("set /fx/1/decay 2.5s") == "/fx/1/decay 2.50 s\n");
    REQUIRE(p("set /fx/1/decay 800ms") == "/fx/1/decay 0.80 s\n");
    REQUIRE(p("set /fx/1/size 150") == "/fx/1/size 150 %\n");
    REQUIRE(p("set /fx/2/tempo 128") == "/fx/2/tempo 128.0 BPM\n");
    REQUIRE(p("set /fx/2/division 1/8.") == "/fx/2/division 1/8.\n");
    REQUIRE(p("set /fx/1/feedback 99") == "error: /fx/1/feedback: '99' is out of range (0..95)\n");
    REQUIRE(p("fx tap 2") == "ok: fx 2 tapped (two taps within 3 s set its tempo, or its time with no division)\n");
    REQUIRE(p("get /fx/2/tap") == "/fx/2/tap on\n"); // until the engine takes it (no stream runs here)
    REQUIRE(p("fx tap 5") == "error: fx: expected fx tap K (K 1..4)\n");
    REQUIRE(p("fx tap 99999999999") == "error: fx: expected fx tap K (K 1..4)\n");
    REQUIRE(p("set /talk/on on") == "/talk/on on\n");
    REQUIRE(p("set /talk/dim -30") == "/talk/dim -30.0 dB\n");
    REQUIRE(p("set /mtx/2/src/bus/1 -6") == "/mtx/2/src/bus/1 -6.0 dB\n");
    REQUIRE(p("set /out/3/source mtx2") == "/out/3/source mtx2\n");
    REQUIRE(p("set /gen/type pink") == "/gen/type pink\n");
}

TEST_CASE("set, arm and source take patterns and ranges and say how many values changed", "[prompt][patterns]") {
    Rig p(16);
    REQUIRE(p("set /ch/3/send/1/level 0").find("error") == std::string::npos);
    REQUIRE(p("set /ch/*/send/1/level 0") == "ok: /ch/*/send/1/level: 16 parameters set to 0.0 dB, 15 changed\n");
    REQUIRE(p("set /ch/*/send/1/level -inf") == "ok: /ch/*/send/1/level: 16 parameters set to -inf dB, 16 changed\n");
    REQUIRE(p("set /ch/*/send/1/level -inf") == "ok: /ch/*/send/1/level: 16 parameters set to -inf dB, 0 changed\n");
    REQUIRE(p("get /ch/3/send/1/level") == "/ch/3/send/1/level -inf dB\n");
    REQUIRE(p("set /ch/1-8/mute on") == "ok: /ch/1-8/mute: 8 parameters set to on, 8 changed\n");
    REQUIRE(p("get /ch/8/mute") == "/ch/8/mute on\n");
    REQUIRE(p("get /ch/9/mute") == "/ch/9/mute off\n");
    REQUIRE(p("set /ch/1,3,10-11/fader -5") == "ok: /ch/1,3,10-11/fader: 4 parameters set to -5.0 dB, 4 changed\n");
    REQUIRE(p("get /ch/11/fader") == "/ch/11/fader -5.0 dB\n");
    REQUIRE(p("get /ch/2/fader") == "/ch/2/fader 0.0 dB\n");
    // One value refused sets none; a pattern that matches nothing says so.
    REQUIRE(p("set /ch/1-2/fader banana") == "error: /ch/1/fader: 'banana' is not a level in dB (nothing set)\n");
    REQUIRE(p("set /ch/*/nothing 1") == "error: set: /ch/*/nothing matches no parameter\n");
    // A value in words: a unit after a space, a name without quotes.
    REQUIRE(p("set /ch/1/comp/release 100 ms") == "/ch/1/comp/release 100.0 ms\n");
    REQUIRE(p("set /ch/1/name Lead Vox") == "/ch/1/name \"Lead Vox\"\n");
    REQUIRE(p("arm 1-8") == "ok: 8 channels armed, 8 changed\n");
    REQUIRE(p("arm 5-10") == "ok: 10 channels armed, 2 changed\n");
    REQUIRE(p("disarm 1,3") == "ok: 8 channels armed, 2 changed\n");
    REQUIRE(p("arm 0-3") == "error: arm: '0-3' is not all, none, main or channels 1..16 (3, 1-8, 1,3,5)\n");
    REQUIRE(p("arm 9-4") == "error: arm: '9-4' is not all, none, main or channels 1..16 (3, 1-8, 1,3,5)\n");
    REQUIRE(p("source 1-4 9 playback") == "ok: 5 channels on playback input, 5 changed\n");
    REQUIRE(p("get /ch/9/source") == "/ch/9/source playback\n");
}

TEST_CASE("a path that is not there is answered with the real reason", "[prompt][errors]") {
    Rig p(16);
    // Band 2 is a peaking band: the parameter is missing, not the channel.
    REQUIRE(p("set /ch/2/eq/2/type lowshelf") ==
            "error: /ch/2/eq/2/type: no such parameter; /ch/2/eq/2 has on, freq, gain, q (type is on /ch/2/eq/1/type, /ch/2/eq/4/type)\n");
    REQUIRE(p("get /ch/20/fader") == "error: /ch/20/fader: no such parameter (16 channels)\n");
    REQUIRE(p("get /ch/1/send/12/level") == "error: /ch/1/send/12/level: no such parameter (8 buses)\n");
    REQUIRE(p("get /ch/1/fadr").rfind("error: /ch/1/fadr: no such parameter; /ch/1 has ", 0) == 0);
    REQUIRE(p("get /chan/1/fader").rfind("error: /chan/1/fader: no such parameter (paths start /ch, /bus", 0) == 0);
}

TEST_CASE("scenes are found by number, name, a unique prefix or a word", "[prompt][scenes]") {
    Rig p(4);
    p.session.scenes.bind(p.engine->console());
    for (const char* name : {"1 Opener", "2 Ballad", "3 Three Chords", "4 Bye Bye"}) REQUIRE(p("scene store \"" + std::string(name) + "\"").rfind("ok:", 0) == 0);
    REQUIRE(p("scene recall Ballad").rfind("ok: recalled scene 2 \"2 Ballad\"", 0) == 0);
    REQUIRE(p("scene recall ballad").rfind("ok: recalled scene 2", 0) == 0);
    REQUIRE(p("scene recall Three Chords").rfind("ok: recalled scene 3", 0) == 0); // the words are one name
    REQUIRE(p("scene recall 3 th").rfind("ok: recalled scene 3", 0) == 0);          // a prefix of the whole name
    REQUIRE(p("scene recall chord").rfind("ok: recalled scene 3", 0) == 0);         // the start of a word
    REQUIRE(p("scene recall b") ==
            "error: scene recall: 'b' could be scene 2 \"2 Ballad\", 4 \"4 Bye Bye\"; give more of the name or its number\n");
    REQUIRE(p("scene recall Encore") == "error: scene recall: no scene named 'Encore' (4 scenes)\n");
    REQUIRE(p("scene fade bye 2") == "ok: scene 4 fades over 2.0 s\n");
}
