// headroom run: the console on a live audio device, driven from the prompt.
#pragma once

#include <string>

namespace hr {

struct RunOptions {
    std::string show;          // show file; "" = scenes/default.json
    std::string api, device;   // as DeviceRequest; "" = remembered, else first that opens
    int rate = 0, buffer = 0;  // 0 = remembered, else 48000 / 256
    int inputs = 0, outputs = 0;
    bool demo = false;         // the demo band feeds the inputs (alone: on the null device)
    std::string script;        // commands to run first
    double retrySeconds = 3.0; // device retry interval after a failure
    double watchdogSeconds = 2.0; // no callback for this long = the device is gone
    bool remember = true;      // write the user config after a successful open
    double autosaveSeconds = 30.0; // live state to the recovery file this often (0 = never)
    bool recover = false;      // start from a recovery file newer than the show
    std::string recordDir;     // --record DIR: record from launch into DIR
    bool recordFloat = false;  // 32-bit float takes
    double recordRingSeconds = 4.0; // per-track ring
};

int runConsole(const RunOptions& options); // returns the exit code

std::string defaultShowPath(); // scenes/default.json next to the binary's source tree or install

} // namespace hr
