// SurfaceHost: a Mackie Control surface on MIDI ports, serviced by its own thread: every
// millisecond it hands what arrived to the protocol (so a fader move reaches the store at
// once, and the audio within a block), and every 10 ms it sends the feedback. Program
// change n on any channel recalls scene n+1 (DECISIONS.md), and every recall sends its
// program change out to keep other gear in step.
#pragma once

#include "learn.h"
#include "mcu/mcu.h"
#include "ports.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

namespace hr {

class SurfaceHost {
public:
    ~SurfaceHost();
    // control thread: opens the ports (virtual when the names are empty) and starts servicing.
    // `control` is the session's lock around scenes and the console (the prompt and GUI hold it
    // while they work); the service thread takes it for each pass.
    bool start(Console& console, SceneList& scenes, std::mutex& control, const std::string& connectIn,
               const std::string& connectOut, std::string* error);
    void rebind(Console& console, SceneList& scenes); // control thread holding `control`: a new show
    // MIDI learn on a second pair of virtual ports ("midi in"/"midi out"); null: none.
    void setLearn(midi::Learn* learn) { learn_ = learn; }
    void stop();
    bool running() const { return running_.load(); }
    const std::string& inPort() const { return inPort_; }   // "" = virtual
    const std::string& outPort() const { return outPort_; }

private:
    void loop();
    MidiPorts ports_, learnPorts_;
    midi::Learn* learn_ = nullptr;
    std::unique_ptr<mcu::Surface> surface_;
    SceneList* scenes_ = nullptr;
    std::mutex* control_ = nullptr;
    std::thread thread_;
    std::atomic<bool> running_{false};
    int sentProgram_ = -1;
    std::string inPort_, outPort_;
};

} // namespace hr
