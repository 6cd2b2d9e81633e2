// The selected channel, scenes and patch views (views.cpp); the mixer is mixer_view.h.
#pragma once

#include "gui/mixer_view.h"
#include "devices.h"
#include "run.h"

namespace hr::gui {

void DrawChannel(Session& session, GuiState& state); // EQ graph, dynamics curves, typed values, sends
void DrawScenes(Session& session, GuiState& state);  // cue list, recall, fade, scope, safes
void DrawPatch(Session& session, GuiState& state);   // input and output patch
void DrawFx(Session& session, GuiState& state);      // FX slots and returns, matrix sources, talkback, generator
void DrawSetup(LiveRig& rig, GuiState& state);       // audio API, device, rate, buffer (restarts the stream); surfaces
// The surfaces editor in Setup: each unit's ports, XTs added left or right, surfaces added
// and removed. True when the user changed something.
bool EditSurfaces(std::vector<SurfaceConfig>* surfaces, const std::vector<MidiListing>& midi);

// Keyboard: left/right select the previous/next channel, M/S mute/solo it, G is scene GO,
// ctrl-Z / ctrl-shift-Z undo and redo GUI edits. Ignored while a text field has the keys.
void HandleKeys(Session& session, GuiState& state);

} // namespace hr::gui
