// Fuzz target: the user config file (app/user_config.cpp), as headroom reads it at start
// (loadUserConfig, lastShow, the remembered MIDI ports) and rewrites it when it remembers
// something (setConfigValue, as `midi open` does). $HEADROOM_CONFIG points into the
// scratch folder.
#include "fuzz_support.h"
#include "user_config.h"

#include <cstdlib>

using namespace hr;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = [] {
        const std::string p = fuzz::scratchDir("config") + "/config.json";
        setenv("HEADROOM_CONFIG", p.c_str(), 1);
        return p;
    }();
    fuzz::writeFile(path, data, size);
    DeviceRequest request;
    loadUserConfig(&request, false, false, false, false);
    loadUserConfig(&request, true, false, true, false); // an API and a rate on the command line
    lastShow();
    configValue("midiIn");
    setConfigValue("midiOut", "X-Touch");
    return 0;
}
