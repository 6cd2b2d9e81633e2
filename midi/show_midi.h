// What a show file says about MIDI (its "surfaces" list and "midi" section: program change
// and learn maps), checked in one place before a show is taken, so `headroom check`,
// `headroom run` and the prompt's `load` refuse the same files with the same message:
// FILE:LINE:COL and the reason, nothing changed.
#pragma once

#include "show/show.h"
#include "surface_host.h"

#include <string>

namespace hr {

// control thread: checks `show`'s MIDI sections (learn map paths against the show's own
// console shape); fills *surfaces, or *error placed at the wrong value in `file`.
bool checkShowMidi(const Show& show, const std::string& file, ShowSurfaces* surfaces, ShowError* error);

} // namespace hr
