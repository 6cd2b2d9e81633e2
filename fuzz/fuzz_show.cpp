// Fuzz target: a show file, through what `headroom check` and the prompt's `load` do with it
// (app/main.cpp cmdCheck, Prompt::load): parse and check the show and its MIDI sections
// (checkShowMidi: surfaces, program change, learn maps), and when it is taken, build its
// console, apply it, bind its scenes and read its MIDI maps. Recovery files are shows read
// the same way, so this target covers them.
#include "learn.h"
#include "show/show.h"
#include "show_midi.h"

#include <cstdint>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    hr::ShowError error;
    auto show = hr::parseShow(text, "fuzz.json", &error);
    if (!show) return 0;
    hr::ShowSurfaces surfaces;
    if (!hr::checkShowMidi(*show, "fuzz.json", &surfaces, &error)) return 0;
    hr::Console console(show->config);
    hr::applyShow(*show, console);
    hr::SceneList scenes = std::move(show->scenes);
    scenes.bind(console);
    hr::midi::Learn learn(console.params());
    if (show->extra.contains("midi")) {
        std::string why;
        learn.fromJson(show->extra["midi"], &why);
    }
    return 0;
}
