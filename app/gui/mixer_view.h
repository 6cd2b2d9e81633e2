// The mixer view: channel strips (scrolling), bus masters and main at the right edge,
// always visible, and the status bar. Immediate mode: every frame reads the store.
#pragma once

#include "gui/show_files.h"
#include "gui/widgets.h"
#include "prompt.h"
#include "show/channel_preset.h"

#include <future>
#include <map>
#include <string>
#include <vector>

namespace hr::gui {

enum class View { Mixer, Channel, Bus, Scenes, Record, Patch, Fx, Setup };

// The Record view's own state: the takes listed, the one picked, the timeline being dragged.
struct RecordPanel {
    std::vector<TakeInfo> takes;
    std::future<std::vector<TakeInfo>> listing; // the folder being read, off the frame
    double listedAt = -1e9;  // ImGui time the record folder was last read
    int selectedTake = 0;    // 1-based; 0 none
    char folder[512] = "";   // the take folder field
    bool scrubbing = false;  // the timeline is held: locate on release
    float scrubTo = 0.0f;
    double loopA = 0.0;      // where "Loop from here" was pressed
    std::string note;        // the last thing done ("ok: recording 16 tracks to ...")
    std::string disk;        // the disk space line, read once a second
    double diskAt = -1e9;
    int diskTracks = -1;
};

// The Scenes view's own state: the fields of the scene being edited, and the question
// before a delete.
struct ScenesPanel {
    char newName[128] = "";     // Store new
    int editing = 0;            // the scene `name` and `notes` were read from (1-based)
    uint64_t readAt = ~0ull;    // the scene list's revision then
    char name[128] = "";
    char notes[4096] = "";
    int askDelete = 0;          // the scene the delete question is about
    char safe[128] = "/bus/1/**";
};

// The Channel view's own state: the channel clipboard and the presets.
struct ChannelPanel {
    bool copied = false;
    ChannelSettings clipboard; // what Copy took
    int copiedFrom = 0;        // 1-based
    int part = 0;              // ChannelPart for Copy and Save preset: whole, eq, dynamics
    char presetName[128] = "";
    std::vector<PresetListing> presets;
    double listedAt = -1e9;
    std::string note;          // the last thing done ("pasted the eq of 3 onto 5: 12 values")
};

// Where named widgets were drawn last frame, for tests that click them (null: not kept).
struct ItemRect { ImVec2 min, max; };
using ProbeMap = std::map<std::string, ItemRect>;

constexpr int kCustomBank = -2;

struct GuiState {
    View view = View::Mixer;     // what to show; set by tabs, clicks and --view
    View tabShown = View::Mixer; // what the tab bar shows
    int selected = 0;      // 0-based channel
    int selectedBus = 0;   // 0-based bus the Bus view shows; buses(): main
    int sendsOnFader = -1; // bus whose sends the channel faders show; -1: the channel faders
    int layer = 0;         // what the strips pane shows: 0 the channels, 1 the 16 DCAs, 2 the 8 matrices
    int bank = -1;         // on the channels layer: -1 all (scrolling), k the k-th bank of 8, kCustomBank
    std::vector<int> customChannels; // the custom bank (1-based), from customText
    char customText[128] = "";       // as typed: "1-4,13,16"
    bool narrow = false;             // narrow strips: more of them on a small screen
    int inputPage = 0, outputPage = 0; // the patch grids' pages of 48 columns
    int selectedScene = 0; // 1-based; 0 none
    std::string message;   // the last refusal (scene operations, device changes)
    double fps = 0.0;
    std::vector<BankWindow> banks; // the Mackie Controls' strips, read once a frame
    int surfaceSelection = 0;      // the surfaces' selected channel as last seen
    ShowDialogs files;             // new, open, save, and the questions before work is lost
    RecordPanel record;            // the Record view
    ScenesPanel scenes;            // the Scenes view
    ChannelPanel channel;          // the Channel view
    ProbeMap* probe = nullptr;     // tests: where named widgets are
};

// A button whose label fits its width: smaller type, then two lines; never cut (the whole
// label is the tooltip when it was made smaller).
bool FittedButton(const std::string& label, const ImVec2& size);

// Notes where the last item was drawn under `name`, when state.probe is set (tests).
void Probe(GuiState& state, const std::string& name);

// The selected channel follows a surface's SELECT, and the surfaces' SELECT lights follow the GUI.
void syncSelection(SurfaceHost& surfaces, GuiState& state);

void DrawMixer(Session& session, GuiState& state);     // fills the current window
void DrawStatusBar(Session& session, GuiState& state); // one line: device, rate, load, show, clock
EqView eqViewOf(const ParamStore& s, const ChannelIds& ids);
EqView masterEqView(const ParamStore& s, const MasterIds& ids);
EqView matrixEqView(const ParamStore& s, const MatrixIds& ids);
// What a channel's fader moves: its own fader, or its send to the bus picked for sends on fader.
ParamId channelFaderParam(const Console& console, const GuiState& state, int channel);

} // namespace hr::gui
