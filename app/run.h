// headroom run: the console on a live audio device, driven from the prompt.
#pragma once

#include "prompt.h"
#include "surface_host.h"

#include <chrono>
#include <memory>
#include <string>

namespace hr {

struct RunOptions {
    std::string show;          // show file; "" = the last one loaded, else the shipped default.json
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
    std::string midiIn, midiOut; // --midi-in/--midi-out: the Mackie Control's main unit ("" = the show's, else remembered, else virtual)
    bool recordFloat = false;  // 32-bit float takes
    double recordRingSeconds = 4.0; // per-track ring
};

// What `run` and `gui` share: the show loaded, the engine and the device opened (or the
// null device with the demo band), the session for the prompt.
struct LiveRig {
    std::unique_ptr<LiveEngine> engine;
    std::unique_ptr<AudioDevice> device;
    Session session;
    SurfaceHost surfaces;      // the control surfaces on their MIDI ports
    DeviceRequest request;
    int consoleInputs = 0, consoleOutputs = 0;
    bool retrying = false;
    double retrySeconds = 3.0;
    std::pair<std::string, std::string> recoveryOffer; // a newer recovery file not applied, and its age ("" when none)
    std::chrono::steady_clock::time_point lastRetry = std::chrono::steady_clock::now();
    void supervise();  // control thread, often: a failed device is retried
    void shutdown();   // stops the device, finalises a take, unloads the player
};
std::unique_ptr<LiveRig> startLive(const RunOptions& options, int* exitCode); // null on a bad show

int runConsole(const RunOptions& options); // returns the exit code

std::string shippedScenesDir(); // <prefix>/share/headroom/scenes when installed, else the source tree's scenes/
std::string defaultShowPath();  // default.json in shippedScenesDir(); "" when it is not there

} // namespace hr
