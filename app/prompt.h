// The prompt: the console as a line protocol (DESIGN.md "The prompt").
//
//   get PATH                 /ch/3/fader -6.0 dB
//   set PATH VALUE           the new value, as get prints it
//   list [PATTERN]           one line per parameter, then a blank line
//   meters [PATTERN]         one line per strip (/ch/N, /bus/N, /main, /monitor), then a blank line
//   status                   api, device, rate, buffer, DSP load, xruns, uptime
//   save [FILE]  load FILE   show files (atomic save; a bad file changes nothing)
//   new [CHANNELS [MONO_BUSES [STEREO_BUSES]]]   a blank console, untitled until saved
//   scene list|store NAME|update [N]|recall N|NAME|go|prev|undo|redo|delete N|rename N NAME|
//         duplicate N|move N TO|fade N SECONDS|notes N TEXT|scope N GROUPS...|safe add|remove|list
//   arm all|none|main|CH...  disarm all|main|CH...  record start [DIR]|stop  takes
//   play N|latest|NAME|FOLDER  transport play|stop|locate S|loop A B|loop off  source CH...|all live|playback
//   learn PATH  unlearn PATH  maps   MIDI learn (move a control after `learn`)
//   midi [list] | ports | open [IN [OUT]] | close [NAME]   control surfaces and their ports
//   midi surface NAME mcu [main|xt [IN [OUT]]]... | generic [IN [OUT]]   add or replace one
//   midi pc [recall|go [any|CH]] | pc send off|CH   program change in and out
//   clear                    clears the clip lights
//   panic on|off             silences every output (ramped)
//   help  quit
//
// Every answer is one line (listings end with a blank line); errors start with "error:",
// name what was refused and why, and change nothing. The Prompt knows nothing of stdin:
// run.cpp feeds it lines from a terminal, a pipe or a --script file.
#pragma once

#include "io/audio_device.h"
#include "io/live.h"
#include "learn.h"
#include "surface_host.h"
#include "show/scenes.h"
#include "show/show.h"

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

namespace hr {

// What the prompt drives: the live console, its show file and the device status.
struct Session {
    LiveEngine* engine = nullptr;
    const AudioDevice* device = nullptr; // may be null (no device yet, or offline)
    std::string showPath;                // where save writes by default
    std::string showName;
    std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();
    std::string deviceNote;              // e.g. "retrying every 3 s" while the device is away
    SceneList scenes;                    // the show's cue list, bound to engine->console()
    Recorder recorder;                   // fed by engine->console() while a take runs
    Player player;                       // plays a take into channels whose source is playback
    std::string recordDir = "takes";     // where `record start` puts takes
    bool recordFloat = false;            // 32-bit float takes instead of 24-bit
    double recordRingSeconds = 4.0;      // per-track ring: how long the disk may stall without loss
    uint64_t savedChanges = 0;           // showChanges() at the last load or save: the unsaved mark
    std::mutex control;                  // held by the prompt, a GUI frame and the surface thread while they act
    std::function<void()> consoleReplaced; // called (holding `control`) after load swapped the console
    std::unique_ptr<midi::Learn> learn;  // MIDI learn mappings (the show's "midi" section)
    SurfaceHost* surfaces = nullptr;     // the control surfaces (the show's "surfaces"); null offline
};

// What a show keeps beyond the console and scenes: MIDI maps, program change, surfaces.
nlohmann::ordered_json showExtras(const Session& session);

// Everything the show file keeps as one count that grows with every change: parameters
// (names, colours and patch too), scenes and safes, MIDI maps, surfaces, program change.
// Called holding session.control.
uint64_t showChanges(const Session& session);
inline bool unsaved(const Session& session) { return showChanges(session) != session.savedChanges; }
constexpr uint64_t kNeverSaved = ~0ull; // savedChanges for a state no file holds (a recovered one)

class Prompt {
public:
    explicit Prompt(Session& session) : session_(session) {}

    std::string execute(const std::string& line); // the whole answer, ending in '\n' ("" for a blank line)
    // The same, for a caller that holds session.control (a surface's transport keys); not
    // for the midi commands, which let go of it while ports open.
    std::string executeLocked(const std::string& line);
    bool quitRequested() const { return quit_; }
    // A parsed show (read from `readFrom`, for messages) replaces the console's, with its
    // scenes, maps and surfaces, and becomes the show saved to `path` ("": untitled).
    // Holding session.control. Returns "ok: ..." or "error: ..." (then nothing changed).
    std::string adopt(Show&& show, const std::string& path, const std::string& readFrom);

    static std::vector<std::string> tokenize(const std::string& line, std::string* error); // quotes group words
    static std::string quote(const std::string& text); // "text" with \ before " and \: one word to tokenize

private:
    std::string get(const std::vector<std::string>& args);
    std::string set(const std::vector<std::string>& args);
    std::string list(const std::vector<std::string>& args);
    std::string meters(const std::vector<std::string>& args);
    std::string status();
    std::string save(const std::vector<std::string>& args);
    std::string load(const std::vector<std::string>& args);
    std::string newShow(const std::vector<std::string>& args);
    std::string scene(const std::vector<std::string>& args);
    std::string arm(const std::vector<std::string>& args, bool on);
    std::string record(const std::vector<std::string>& args);
    std::string takes();
    std::string play(const std::vector<std::string>& args);
    std::string transport(const std::vector<std::string>& args);
    std::string fx(const std::vector<std::string>& args);
    std::string source(const std::vector<std::string>& args);
    std::string solo(const std::vector<std::string>& args);   // prompt_channel.cpp
    std::string preset(const std::vector<std::string>& args); //
    std::string learnCommand(const std::string& cmd, const std::vector<std::string>& args);
    std::string midiCommand(const std::vector<std::string>& args);
    std::string surfaceCommand(const std::vector<std::string>& args);
    std::string programChangeCommand(const std::vector<std::string>& args);
    bool configureSurfaces(std::vector<SurfaceConfig> surfaces); // lets go of `control` while they open; false: still opening
    std::string noSuchParameter(const std::string& path) const; // the error, with the real reason
    // The parameters a path names: one, or every match of a pattern ('*', '**', number lists
    // like 1-8 or 1,3,5 in a segment; *pattern says it was one), in id order.
    std::vector<ParamId> resolve(const std::string& path, bool* pattern) const;
    std::string show(ParamId id) const; // "PATH VALUE"

    Session& session_;
    bool quit_ = false;
};

} // namespace hr
