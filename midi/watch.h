// MidiWatch: a small JACK client of its own (no ports) that tells the surface host which
// MIDI ports exist, whether a device's port is still connected to ours (a device unplugged
// and plugged back loses its connections, even when JACK gives the new port the old id),
// whether the server runs its cycles, and whether it is still there (its shutdown
// callback). RtMidi's clients do not survive a JACK restart; this is how the host knows to
// recreate them.
#pragma once

#include <jack/types.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>

namespace hr {

class MidiWatch {
public:
    ~MidiWatch();
    bool connect();               // service thread: false while there is no JACK server
    void close();                 // after the server died: the client is dropped, not closed (see MidiPorts::abandon)
    bool alive() const { return client_ != nullptr && !gone_.load(); }

    // The full name of the first MIDI port whose name contains `part`, not one of headroom's
    // own: a source (a device's output, which headroom reads) or a sink (its input). "": none.
    std::string portName(const std::string& part, bool source) const;
    // That port is connected to a port of ours with this short name ("desk in").
    bool linked(const std::string& part, bool source, const std::string& ours) const;
    bool cycling(); // the server ran a cycle lately (three periods, at least 200 ms)

private:
    static void onShutdown(void* self);
    jack_client_t* client_ = nullptr;
    std::atomic<bool> gone_{false};
    jack_nframes_t lastFrame_ = 0;
    std::chrono::steady_clock::time_point lastAdvance_{};
};

} // namespace hr
