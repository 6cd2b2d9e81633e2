// headroom run: opens the device (or falls back to the null device with the demo band),
// runs the prompt on stdin and --script, retries a device that fails, and stops cleanly
// on quit, SIGINT or SIGTERM. End of stdin is not quit: it runs as a service.
#include "run.h"

#include "prompt.h"
#include "recovery.h"
#include "show/show.h"
#include "show_midi.h"
#include "user_config.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <poll.h>
#include <thread>
#include <unistd.h>

namespace hr {

namespace {

std::atomic<int> gSignal{0};
void onSignal(int sig) { gSignal.store(sig); }

void say(const std::string& text) { // notes and faults: stderr, flushed
    std::fprintf(stderr, "headroom: %s\n", text.c_str());
    std::fflush(stderr);
}

void answer(const std::string& text) { // prompt answers: stdout, flushed at once
    std::fputs(text.c_str(), stdout);
    std::fflush(stdout);
}

std::string describe(const DeviceState& s) {
    char buf[256];
    std::snprintf(buf, sizeof buf, "'%s' on %s at %.0f Hz, %d frames, %d in / %d out", s.device.c_str(), s.api.c_str(),
                  s.rate, s.buffer, s.inputs, s.outputs);
    return buf;
}

} // namespace

std::string shippedScenesDir() {
    // Installed: <prefix>/bin/headroom finds <prefix>/share/headroom/scenes beside it, wherever
    // the prefix is (HEADROOM_SCENES_FROM_BIN is that path relative to the binary's folder, set
    // by packaging/package.cmake). A binary in a build folder falls back to the source tree.
    std::error_code ec;
    const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
    if (!ec) {
        const std::filesystem::path installed = (exe.parent_path() / HEADROOM_SCENES_FROM_BIN).lexically_normal();
        if (std::filesystem::is_directory(installed, ec)) return installed.string();
    }
    if (std::filesystem::is_directory(HEADROOM_SCENES_DIR, ec)) return HEADROOM_SCENES_DIR;
    return "scenes";
}

std::string defaultShowPath() {
    const std::string p = shippedScenesDir() + "/default.json";
    std::error_code ec;
    return std::filesystem::exists(p, ec) ? p : "";
}

std::unique_ptr<LiveRig> startLive(const RunOptions& o, int* exitCode) {
    // ---- the show ----
    // The show: as named, else the one last loaded or saved, else the shipped default.json.
    const std::string remembered = o.show.empty() ? lastShow() : "";
    const std::string showPath = !o.show.empty() ? o.show : (!remembered.empty() ? remembered : defaultShowPath());
    std::string loadPath = showPath;
    std::string when;
    const std::string recovery = newerRecovery(o.show.empty() ? remembered : o.show, &when);
    if (!recovery.empty() && o.recover) {
        say("recovering the live state from " + recovery + " (" + when + ")");
        loadPath = recovery;
    } else if (!recovery.empty()) {
        say("note: " + recovery + " is newer than the show (" + when +
            "): unsaved work from the last run; start with --recover to apply it");
    }
    Show show;
    if (!loadPath.empty()) {
        ShowError e;
        auto loaded = loadShowFile(loadPath, &e);
        if (!loaded) {
            say("error: " + e.message());
            *exitCode = 1;
            return nullptr;
        }
        show = std::move(*loaded);
    } else {
        show.name = "built-in 16x8";
        say("note: no show given and no default.json in " + shippedScenesDir() + "; using a blank 16-channel, 8-bus console");
    }
    ShowSurfaces surfaces; // the show's control surfaces, checked before anything opens
    if (ShowError e; !checkShowMidi(show, loadPath, &surfaces, &e)) {
        say("error: " + e.message());
        *exitCode = 1;
        return nullptr;
    }
    auto console = std::make_unique<Console>(show.config);
    applyShow(show, *console);
    console->reset();
    auto rig = std::make_unique<LiveRig>();
    if (!recovery.empty() && !o.recover) rig->recoveryOffer = {recovery, when}; // the GUI asks
    rig->consoleInputs = show.config.inputs;
    rig->consoleOutputs = show.config.outputs;
    rig->engine = std::make_unique<LiveEngine>(std::move(console));
    rig->device = std::make_unique<AudioDevice>(*rig->engine);
    LiveEngine& engine = *rig->engine;
    AudioDevice& device = *rig->device;
    device.setWatchdog(std::chrono::milliseconds(static_cast<int>(o.watchdogSeconds * 1000)));

    // ---- the device ----
    DeviceRequest& request = rig->request;
    request.api = o.api;
    request.device = o.device;
    request.rate = o.rate;
    request.buffer = o.buffer;
    request.inputs = o.inputs;
    request.outputs = o.outputs;
    if (!(o.demo && o.api.empty())) {
        const std::string warn = loadUserConfig(&request, !o.api.empty(), !o.device.empty(), o.rate > 0, o.buffer > 0);
        if (!warn.empty()) say("note: " + warn);
    }
    if (request.rate <= 0) request.rate = 48000;
    if (request.buffer <= 0) request.buffer = 256;
    if (o.demo && o.api.empty()) request.api = "null";
    // Named on the command line: a failure retries until it is there. Remembered from the
    // last run: a failure says so and falls back to the null device with the demo band.
    const bool named = !o.api.empty() || !o.device.empty();
    const bool fromConfig = !named && (!request.api.empty() || !request.device.empty());
    engine.setDemo(o.demo);

    Session& session = rig->session;
    session.engine = &engine;
    session.device = &device;
    session.showPath = o.show.empty() ? remembered : o.show;
    rememberShow(session.showPath);
    session.showName = show.name;
    session.scenes = std::move(show.scenes);
    session.scenes.bind(engine.console());
    engine.console().setRecorder(&session.recorder);
    engine.console().setPlayer(&session.player);
    if (!o.recordDir.empty()) session.recordDir = o.recordDir;
    session.recordFloat = o.recordFloat;
    session.recordRingSeconds = o.recordRingSeconds;

    std::string error;
    bool& retrying = rig->retrying;
    const int consoleInputs = rig->consoleInputs, consoleOutputs = rig->consoleOutputs;
    if (device.open(request, consoleInputs, consoleOutputs, &error)) {
        say("audio " + describe(device.state()) + (engine.demo() ? ", demo band on the inputs" : ""));
        if (o.remember && request.api != "null") saveUserConfig(request);
    } else if (fromConfig) {
        const std::string what = "api " + request.api + (request.device.empty() ? "" : ", device \"" + request.device + "\"");
        say("note: the audio device remembered from the last run (" + what + ") is not there (" + error +
            "); running on the null device with the demo band. To wait for it, name it (headroom run --api " +
            (request.api.empty() ? std::string("jack") : request.api) + (request.device.empty() ? "" : " --device \"" + request.device + "\"") +
            "); to use another, pick it in the Setup view or give --api/--device");
        request.api = "null";
        request.device.clear();
        engine.setDemo(true);
        device.open(request, consoleInputs, consoleOutputs, &error);
    } else if (!named) {
        say("note: no audio device could be opened (" + error + "); running on the null device with the demo band");
        request.api = "null";
        engine.setDemo(true);
        device.open(request, consoleInputs, consoleOutputs, &error);
    } else {
        say("error: " + error + "; retrying every " + std::to_string(static_cast<int>(o.retrySeconds)) + " s");
        session.deviceNote = "device unavailable, retrying";
        retrying = true;
    }

    rig->retrySeconds = o.retrySeconds;
    session.learn = std::make_unique<midi::Learn>(engine.console().params());
    if (show.extra.contains("midi")) {
        std::string why;
        session.learn->fromJson(show.extra["midi"], &why); // checked with the show: it cannot fail
    }
    // The show's surfaces; without any, a Mackie Control on the remembered ports (else virtual
    // "mcu in"/"mcu out") and a generic controller on virtual "midi in"/"midi out".
    if (!surfaces.present) surfaces.surfaces = defaultSurfaces(configValue("midiIn"), configValue("midiOut"));
    if (!o.midiIn.empty() || !o.midiOut.empty()) { // the command line names the Mackie Control's main unit
        auto it = std::find_if(surfaces.surfaces.begin(), surfaces.surfaces.end(),
                               [](const SurfaceConfig& c) { return c.kind == SurfaceConfig::Kind::Mcu; });
        if (it == surfaces.surfaces.end()) it = surfaces.surfaces.insert(surfaces.surfaces.begin(), SurfaceConfig{});
        SurfaceConfig::Unit& main = it->units[static_cast<size_t>(it->mainUnit())];
        main.in = o.midiIn;
        main.out = !o.midiOut.empty() ? o.midiOut : o.midiIn;
    }
    LiveRig* r = rig.get();
    session.consoleReplaced = [r] { r->surfaces.rebind(r->engine->console(), r->session.scenes); };
    session.surfaces = &rig->surfaces;
    rig->surfaces.setNotify([](const std::string& text) { say(text); });
    // A Mackie Control's transport keys drive the take recorder and player, as the prompt would.
    rig->surfaces.setTransport(
        [r](mcu::Key key) {
            Prompt prompt(r->session);
            Session& s = r->session;
            switch (key) {
            case mcu::Key::Record: return prompt.executeLocked(s.recorder.active() ? "record stop" : "record start");
            case mcu::Key::Play: return prompt.executeLocked("transport play");
            case mcu::Key::Rewind: return prompt.executeLocked("transport locate 0");
            case mcu::Key::Stop: { // stops a take recording and the player: one line
                std::string answer = s.recorder.active() ? prompt.executeLocked("record stop") : "";
                if (s.player.loaded()) {
                    if (!answer.empty()) answer.replace(answer.size() - 1, 1, "; "); // "ok: take ...; ok: stopped at ..."
                    answer += prompt.executeLocked("transport stop");
                }
                return answer;
            }
            }
            return std::string();
        },
        [r] { return std::make_pair(r->session.player.loaded() && r->session.player.playing(), r->session.recorder.active()); });
    rig->surfaces.start(engine.console(), session.scenes, session.control, session.learn.get(), surfaces.surfaces, surfaces.pc);
    // A recovered state is what no file holds: unsaved until saved.
    session.savedChanges = loadPath != showPath ? kNeverSaved : showChanges(session);
    return rig;
}

void LiveRig::supervise() {
    // A failed stream is closed and reopened every retrySeconds, keeping the console's
    // state; it never silently becomes the null device.
    if (!retrying && device->failed()) {
        say("error: audio " + describe(device->state()) + " stopped: " + device->failure() + "; retrying every " +
            std::to_string(static_cast<int>(retrySeconds)) + " s");
        device->close();
        session.deviceNote = "device lost, retrying";
        retrying = true;
        lastRetry = std::chrono::steady_clock::now();
    }
    if (retrying && std::chrono::steady_clock::now() - lastRetry >= std::chrono::duration<double>(retrySeconds)) {
        lastRetry = std::chrono::steady_clock::now();
        std::string error;
        if (device->open(request, consoleInputs, consoleOutputs, &error)) {
            say("audio " + describe(device->state()) + " is back; carrying on");
            session.deviceNote.clear();
            retrying = false;
        }
    }
}

void LiveRig::shutdown() {
    surfaces.stop();
    device->close();
    if (session.recorder.active()) {
        session.recorder.stop();
        say("take " + session.recorder.takePath() + " finalised");
    }
    engine->console().setRecorder(nullptr);
    engine->console().setPlayer(nullptr);
    session.player.unload();
}

int runConsole(const RunOptions& o) {
    int exitCode = 0;
    auto rig = startLive(o, &exitCode);
    if (!rig) return exitCode;
    Session& session = rig->session;
    LiveEngine& engine = *rig->engine;
    // ---- the prompt ----
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    std::signal(SIGPIPE, SIG_IGN);
    std::signal(SIGXFSZ, SIG_IGN); // a file-size limit is a write error for the recorder, not death
    Prompt prompt(session);
    if (!o.recordDir.empty()) { // --record DIR: record from launch (everything, if nothing is armed)
        const ParamStore& s = engine.console().params();
        bool any = s.get(engine.console().tree().mainRecArm) >= 0.5f;
        for (const ChannelIds& ch : engine.console().tree().channels) any = any || s.get(ch.recArm) >= 0.5f;
        if (!any) answer(prompt.execute("arm all"));
        const std::string started = prompt.execute("record start " + o.recordDir);
        if (started.rfind("error:", 0) == 0) say(started.substr(0, started.size() - 1));
        else say(started.substr(4, started.size() - 5));
    }
    Autosave autosave(session, std::chrono::milliseconds(static_cast<int>(o.autosaveSeconds * 1000)));
    if (!o.script.empty()) {
        std::ifstream script(o.script);
        if (!script) {
            say("error: " + o.script + ": cannot read the script");
            return 1;
        }
        std::string line;
        while (!prompt.quitRequested() && std::getline(script, line)) answer(prompt.execute(line));
    }
    const bool tty = isatty(STDIN_FILENO);
    bool stdinOpen = true;
    std::string pending;
    std::string reportedRecordError;
    if (tty && !prompt.quitRequested()) answer("> ");
    while (!prompt.quitRequested() && gSignal.load() == 0) {
        rig->supervise();
        const std::string autosaveError = autosave.poll();
        if (!autosaveError.empty()) say("error: " + autosaveError);
        if (const std::string e = session.recorder.error(); !e.empty() && e != reportedRecordError) {
            say("error: " + e);
            reportedRecordError = e;
        }
        if (!stdinOpen) {
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            continue;
        }
        pollfd pfd{STDIN_FILENO, POLLIN, 0};
        if (poll(&pfd, 1, 100) <= 0) continue;
        char buf[4096];
        const ssize_t got = read(STDIN_FILENO, buf, sizeof buf);
        if (got <= 0) {
            stdinOpen = false; // end of input is not quit
            continue;
        }
        pending.append(buf, static_cast<size_t>(got));
        size_t nl;
        while (!prompt.quitRequested() && (nl = pending.find('\n')) != std::string::npos) {
            const std::string line = pending.substr(0, nl);
            pending.erase(0, nl + 1);
            answer(prompt.execute(line));
            if (tty && !prompt.quitRequested()) answer("> ");
        }
    }
    if (gSignal.load() != 0) say(std::string("stopping on ") + (gSignal.load() == SIGINT ? "SIGINT" : "SIGTERM"));
    rig->shutdown();
    return 0;
}

} // namespace hr
