// Fuzz target: lines into the prompt (app/prompt.h), as `headroom run` feeds them from a
// terminal, a pipe or a --script file: one line per '\n', each through Prompt::execute, then
// one block of audio (the audio thread's share, here on this thread: fades, the recorder and
// the player move). A fresh console, session and prompt for every input.
//
// Sandbox: nothing may leave the scratch folder, block or start a device.
//  - files: each input works in a fresh folder that holds the user config and the recovery
//    state ($HEADROOM_CONFIG, $HEADROOM_STATE_DIR), the show (save with no name), takes
//    (record start with no folder) and a short recorded take, "take", for `play take`. A file
//    named on `save`, `load`, `play` or `record start` is taken inside that folder when it
//    is a relative path with no ".." (the line is rebuilt with that path, quoted in the
//    prompt's grammar); a line naming any other path is skipped.
//  - `midi ports` is skipped: it opens JACK clients to list the system's ports. The surface
//    host is never started, so `midi surface/open/close` configure it without opening ports.
//  - `quit` ends the input, as it ends the prompt loop. No audio device is opened (there is
//    no AudioDevice in the session; status says "none").
#include "fuzz_support.h"
#include "prompt.h"
#include "show/show.h"

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <sstream>

using namespace hr;

namespace {
constexpr int kBlock = 64;
constexpr size_t kMaxLines = 64; // an input's lines, so one input stays quick
// Lines that write or read a whole show or take (save, load, record start, play) cost 100 times
// a `set`; libFuzzer's copies of a seed's lines made inputs of dozens of them, and the target
// ran 70 inputs/s. Past this many per input they are skipped: the next input tries them again.
constexpr int kMaxFileLines = 2;

bool insideFolder(const std::string& path) { // relative, never climbing out
    if (path.empty() || path[0] == '/') return false;
    for (size_t from = 0;;) {
        const size_t to = path.find('/', from);
        if (path.compare(from, to == std::string::npos ? std::string::npos : to - from, "..") == 0) return false;
        if (to == std::string::npos) return true;
        from = to + 1;
    }
}

// A take of two short tracks at 48 kHz, recorded once per process by the prompt itself.
const std::string& recordedTake(const std::string& dir) {
    static const std::string take = [&] {
        LiveEngine engine(std::make_unique<Console>(fuzz::consoleShape(2, {1})));
        Session session;
        session.engine = &engine;
        session.recordDir = dir;
        session.recordRingSeconds = 0.1;
        Prompt prompt(session);
        prompt.execute("arm all");
        prompt.execute("record start");
        std::vector<float> buf(2 * 64);
        float* outs[2] = {&buf[0], &buf[64]};
        for (int i = 0; i < 20; ++i) engine.process(nullptr, 0, outs, 2, 64, false);
        prompt.execute("record stop");
        engine.console().setRecorder(nullptr);
        return session.recorder.takePath();
    }();
    return take;
}

// The line to run, with its file argument moved into `dir`; "" to skip it. `fileLines` counts
// the lines that touch a whole show or take.
std::string sandboxed(const std::string& line, const std::string& dir, int& fileLines) {
    std::string error;
    std::vector<std::string> t = Prompt::tokenize(line, &error);
    if (t.empty()) return line; // blank, or a tokenizer error for the prompt to report
    if (t[0] == "save" || t[0] == "load" || t[0] == "play" || (t[0] == "record" && t.size() >= 2 && t[1] == "start"))
        if (++fileLines > kMaxFileLines) return "";
    size_t file = 0; // index of the token naming a file (0: none)
    if ((t[0] == "save" || t[0] == "load" || t[0] == "play") && t.size() == 2) file = 1;
    if (t[0] == "record" && t.size() >= 3 && t[1] == "start") file = 2;
    if (t[0] == "midi" && t.size() >= 2 && t[1] == "ports") return "";
    if (file == 0) return line;
    if (!insideFolder(t[file])) return "";
    t[file] = dir + "/" + t[file];
    std::string rebuilt;
    for (const std::string& w : t) rebuilt += (rebuilt.empty() ? "" : " ") + Prompt::quote(w);
    return rebuilt;
}
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string& dir = fuzz::scratchDir("prompt");
    const std::string scratch = dir + "/work", take = recordedTake(dir + "/made");
    static const bool env = [&] {
        setenv("HEADROOM_CONFIG", (scratch + "/config.json").c_str(), 1);
        setenv("HEADROOM_STATE_DIR", (scratch + "/state").c_str(), 1);
        return true;
    }();
    (void)env;
    std::error_code ec;
    std::filesystem::remove_all(scratch, ec);
    std::filesystem::create_directories(scratch);
    std::filesystem::copy(take, scratch + "/take", std::filesystem::copy_options::recursive, ec);

    // The engine and its console are built once (fuzz_support.h); the session and the prompt
    // are new for each input. Only a show of the same shape can be loaded (the prompt can
    // only save its own), but a console swapped by `load` is replaced by a fresh one.
    static const ConsoleConfig cfg = fuzz::consoleShape(4, {1, 2});
    static LiveEngine engine(std::make_unique<Console>(cfg));
    if (!sameShape(engine.console().config(), cfg)) engine.replaceConsole(std::make_unique<Console>(cfg));
    fuzz::fresh(engine.console(), false); // DSP state kept: no prompt line's answer depends on it
    Session session;
    session.engine = &engine;
    session.showPath = scratch + "/show.json";
    session.showName = "fuzz";
    session.recordDir = scratch + "/takes";
    session.recordRingSeconds = 0.05;
    session.scenes.bind(engine.console());
    session.learn = std::make_unique<midi::Learn>(engine.console().params());
    SurfaceHost host; // never started: surfaces are configured, no port opens
    host.configure(defaultSurfaces("", ""), std::chrono::milliseconds(0));
    session.surfaces = &host;
    Prompt prompt(session);
    struct Detach { // the console outlives this input's recorder and player
        LiveEngine& engine;
        ~Detach() {
            engine.console().setRecorder(nullptr);
            engine.console().setPlayer(nullptr);
        }
    } detach{engine};

    std::vector<float> outBuf(static_cast<size_t>(cfg.outputs) * kBlock);
    std::vector<float*> outs;
    for (int k = 0; k < cfg.outputs; ++k) outs.push_back(&outBuf[static_cast<size_t>(k) * kBlock]);
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::string line;
    int fileLines = 0;
    for (size_t n = 0; n < kMaxLines && !prompt.quitRequested() && std::getline(in, line); ++n) {
        const std::string run = sandboxed(line, scratch, fileLines);
        if (run.empty()) continue;
        prompt.execute(run);
        engine.process(nullptr, 0, outs.data(), cfg.outputs, kBlock, false);
    }
    return 0;
}
