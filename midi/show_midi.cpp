#include "show_midi.h"

#include "console/tree.h"
#include "learn.h"

namespace hr {

bool checkShowMidi(const Show& show, const std::string& file, ShowSurfaces* surfaces, ShowError* error) {
    std::string why, pointer;
    if (!showSurfacesFromJson(show.extra, surfaces, &why, &pointer)) {
        *error = showErrorAt(show, file, pointer, why);
        return false;
    }
    if (show.extra.contains("midi")) {
        const ConsoleTree tree(show.config);
        std::vector<midi::Mapping> maps;
        if (!midi::Learn::mapsFromJson(show.extra["midi"], tree.store(), &maps, &why, &pointer)) {
            *error = showErrorAt(show, file, pointer, why);
            return false;
        }
    }
    return true;
}

} // namespace hr
