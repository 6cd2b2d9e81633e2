// SurfaceHost: the control surfaces on their MIDI ports, serviced by one thread.
//
// A surface is a Mackie Control (a main unit plus XT extenders, each unit on its own ports)
// or a generic MIDI controller (MIDI learn maps, program change). Each port is a device's
// port, found by a part of its name, or, with no name, a virtual port named after the
// surface ("mcu in", "mcu xt1 out", "midi in") that any JACK MIDI client can connect to.
//
// The service thread, every millisecond, hands what arrived to the protocols under the
// session's lock (a fader move reaches the store at once, and the audio within a block),
// and every 10 ms sends the feedback. Every 500 ms it looks at the JACK MIDI ports: a device
// that went away is reported and waited for, and reopened when it comes back (a replugged
// device registers a new port, which is noticed too); when the JACK server goes away every
// RtMidi client is dropped and recreated once a server answers again.
//
// Program change on a chosen channel (or any) recalls scene v+1 (DECISIONS.md) or steps GO;
// every recall, from anywhere, sends its program change out of the generic surfaces.
#pragma once

#include "learn.h"
#include "mcu/mcu.h"
#include "ports.h"
#include "watch.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace hr {

struct SurfaceConfig {
    enum class Kind { Mcu, Generic };
    struct Unit {
        std::string in, out;  // parts of device port names; "" = a virtual port
        bool extender = false; // an MCU XT (the surface's one non-extender is its main unit)
        bool operator==(const Unit& o) const { return in == o.in && out == o.out && extender == o.extender; }
    };
    std::string name = "mcu";
    Kind kind = Kind::Mcu;
    std::vector<Unit> units{Unit{}}; // left to right
    bool operator==(const SurfaceConfig& o) const { return name == o.name && kind == o.kind && units == o.units; }

    std::string virtualName(size_t unit, bool in) const; // "mcu in", "mcu xt1 out"
    int mainUnit() const;                                 // index of the main unit
};

struct ProgramChange {
    int channel = 0;      // listen on 1-16; 0 = any channel
    bool go = false;      // any program change steps GO instead of recalling scene v+1
    int sendChannel = 1;  // a recall sends its program change on 1-16; 0 = none
    bool operator==(const ProgramChange& o) const { return channel == o.channel && go == o.go && sendChannel == o.sendChannel; }
};

// The show's "surfaces" list and "midi"."programChange"; *why names the field and the reason,
// *pointer (when given) is the JSON pointer of the wrong value in the show ("/surfaces/2/kind").
nlohmann::ordered_json surfacesToJson(const std::vector<SurfaceConfig>& surfaces);
bool surfacesFromJson(const nlohmann::ordered_json& j, std::vector<SurfaceConfig>* out, std::string* why,
                      std::string* pointer = nullptr);
nlohmann::ordered_json programChangeToJson(const ProgramChange& pc);
bool programChangeFromJson(const nlohmann::ordered_json& j, ProgramChange* out, std::string* why,
                           std::string* pointer = nullptr);
// With no surfaces in the show: one Mackie Control on these ports and a generic "midi" controller.
std::vector<SurfaceConfig> defaultSurfaces(const std::string& mcuIn, const std::string& mcuOut);
// What a show's extra sections say about surfaces: "surfaces" (present or not) and
// "midi"."programChange". False with *why naming the field when either is malformed.
struct ShowSurfaces {
    bool present = false, pcPresent = false;
    std::vector<SurfaceConfig> surfaces;
    ProgramChange pc;
};
bool validSurfaceName(const std::string& name); // letters, digits, - and _: it names JACK ports
bool showSurfacesFromJson(const nlohmann::ordered_json& extra, ShowSurfaces* out, std::string* why,
                          std::string* pointer = nullptr);

// control thread, holding the session's lock: one message from a unit of a surface. A
// program change on pc's channel recalls scene v+1 or steps GO; anything else goes to the
// Mackie Control (mcu, its unit `unit`) or, from a generic controller (mcu null), to MIDI
// learn. True when it was a program change the surfaces listen to (it is not sent back out).
bool routeMessage(const uint8_t* data, size_t size, const ProgramChange& pc, SceneList& scenes, mcu::Surface* mcu,
                  int unit, midi::Learn* learn);

// Where a Mackie Control's faders are: strips counted across the channels, then the bus masters.
struct BankWindow {
    std::string name;
    int first = 0, strips = 0;
};

class SurfaceHost {
public:
    SurfaceHost();
    ~SurfaceHost();
    // control thread, once: starts servicing these surfaces. `control` is the session's lock
    // around scenes and the console (the prompt and the GUI hold it while they work).
    void start(Console& console, SceneList& scenes, std::mutex& control, midi::Learn* learn,
               std::vector<SurfaceConfig> surfaces, ProgramChange pc);
    void stop();
    bool running() const { return running_.load(); }
    void rebind(Console& console, SceneList& scenes); // holding `control`: a new show's console

    // Any thread not holding `control` (the service thread takes it each pass): the surfaces
    // wanted from now on. Returns once the service thread has opened what it can (or after
    // `wait`; 0: at once, they open within milliseconds).
    // True when they were applied within `wait`.
    bool configure(std::vector<SurfaceConfig> surfaces, std::chrono::milliseconds wait = std::chrono::milliseconds(3000));
    std::vector<SurfaceConfig> surfaces() const;
    void setProgramChange(const ProgramChange& pc);
    ProgramChange programChange() const;
    uint64_t revision() const; // counts configure() and setProgramChange() calls: what the show keeps changed
    std::vector<std::string> status() const; // a line per surface: its units, ports and state
    std::vector<BankWindow> banks() const;   // each Mackie Control's strips now (for the GUI)
    // The selected channel (0-based), shared by every Mackie Control's SELECT and the GUI.
    int selectedChannel() const { return selection_.load(); }
    void selectChannel(int channel) { selection_.store(channel); }
    // The Mackie Controls' transport keys: `press` (called holding `control`) acts and returns
    // what to tell; `state` says whether the take player plays and a take records (LEDs).
    void setTransport(std::function<std::string(mcu::Key)> press, std::function<std::pair<bool, bool>()> state) {
        press_ = std::move(press);
        transportState_ = std::move(state);
    }
    // Called from the service thread (no lock held) when a device goes away or comes back,
    // or the JACK server does.
    void setNotify(std::function<void(const std::string&)> notify) { notify_ = std::move(notify); }

private:
    struct Unit;
    struct Live;
    void loop();
    void pass(std::chrono::steady_clock::time_point& lastFeedback, std::vector<uint8_t>& message,
              std::vector<std::pair<MidiPorts*, mcu::Message>>& outgoing);
    void apply();                 // the wanted surfaces: open new and changed ones, close removed
    void scan();                  // devices and the server: report, reopen
    void openUnit(Live& live, size_t u);
    void drop(Unit& unit);        // closes its ports, or abandons them if the server died
    std::string missingDevice(const SurfaceConfig::Unit& unit) const; // "no MIDI input 'X'", "" when both are there
    void publish();               // status lines for other threads
    void say(const std::string& text); // queued until the next publish()

    Console* console_ = nullptr;
    SceneList* scenes_ = nullptr;
    std::mutex* control_ = nullptr;
    midi::Learn* learn_ = nullptr;
    std::function<void(const std::string&)> notify_;
    std::function<std::string(mcu::Key)> press_;
    std::function<std::pair<bool, bool>()> transportState_;

    mutable std::mutex wantedMutex_;  // wanted_, wantedVersion_, pc_, status_
    std::condition_variable applied_;
    std::vector<SurfaceConfig> wanted_;
    uint64_t wantedVersion_ = 0, appliedVersion_ = 0;
    ProgramChange pc_;
    uint64_t pcVersion_ = 0;
    std::vector<std::string> status_;
    std::vector<BankWindow> banks_;
    std::vector<std::string> notes_;  // service thread: what to tell after the next publish

    std::mutex liveMutex_;            // live_'s shape and surfaces (the service thread and rebind)
    std::vector<std::unique_ptr<Live>> live_;
    MidiWatch watch_;                 // service thread only
    bool jackUp_ = false;
    std::chrono::steady_clock::time_point lastScan_{};

    std::atomic<int> selection_{0};
    std::thread thread_;
    std::atomic<bool> running_{false};
    uint64_t sentRecalls_ = 0;        // scenes_->recalls() when the last program change went out
    bool learnResend_ = false;        // a generic controller opened: its feedback again, hands released
    bool learnRefresh_ = false;       // its settle resend: the feedback again, hands kept
};

} // namespace hr
