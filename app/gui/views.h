// The selected channel, scenes and patch views (views.cpp); the mixer is mixer_view.h.
#pragma once

#include "gui/mixer_view.h"
#include "devices.h"
#include "run.h"

namespace hr::gui {

void DrawChannel(Session& session, GuiState& state); // EQ graph, dynamics curves, typed values, sends
void DrawBus(Session& session, GuiState& state);     // a bus master or main: EQ, compressor, delay, and every send to it (bus_view.cpp)
void DrawScenes(Session& session, GuiState& state);  // cue list, recall, fade, scope, safes
void DrawRecord(Session& session, GuiState& state);  // record/stop, arming, sources, takes, the player (record_view.cpp)
void DrawPatch(Session& session, GuiState& state);   // input and output patch, every input and signal (pages of 48)
void DrawFx(Session& session, GuiState& state);      // FX slots and returns, matrix sources, talkback, generator
void DrawSetup(LiveRig& rig, GuiState& state);       // audio API, device, rate, buffer (restarts the stream); surfaces
// The surfaces editor in Setup: each unit's ports, XTs added left or right, surfaces added
// and removed. True when the user changed something.
bool EditSurfaces(std::vector<SurfaceConfig>* surfaces, const std::vector<MidiListing>& midi);

// Shows (show_files.cpp): the buttons and title at the start of the status bar, and the
// dialogs, drawn over every view. The requests ask about unsaved work first where it would
// be lost; SaveShow and OpenShow report a refusal in state.files.error and return false.
void DrawShowButtons(Session& session, GuiState& state);
void DrawShowDialogs(Session& session, GuiState& state);
void RequestNew(Session& session, GuiState& state);
void RequestOpen(Session& session, GuiState& state);
void RequestSave(Session& session, GuiState& state);
void RequestSaveAs(Session& session, GuiState& state);
void RequestClose(Session& session, GuiState& state); // the window's close button: state.files.quit when it may
bool SaveShow(Session& session, GuiState& state, const std::string& path);
bool OpenShow(Session& session, GuiState& state, const std::string& path, bool askedAboutUnsaved);

// Keyboard: left/right select the previous/next channel, M/S mute/solo it, G is scene GO,
// ctrl-Z / ctrl-shift-Z undo and redo GUI edits, ctrl-N/O/S new, open, save (shift: save as). Ignored while a text field has the keys.
void HandleKeys(Session& session, GuiState& state);

} // namespace hr::gui
