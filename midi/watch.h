// MidiWatch: a small JACK client of its own (no ports) that tells the surface host which
// MIDI ports exist, whether a device's port is the same one it connected to (a device
// unplugged and plugged back registers a new port with a new id), and whether the JACK
// server is still there (its shutdown callback). RtMidi's clients do not survive a JACK
// restart; this is how the host knows to recreate them.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>

typedef struct _jack_client jack_client_t;

namespace hr {

class MidiWatch {
public:
    ~MidiWatch();
    bool connect();               // control thread: false while there is no JACK server
    void close();   // after the server died: the client is dropped, not closed (see MidiPorts::abandon)
    bool alive() const { return client_ != nullptr && !gone_.load(); }

    // The id of the first MIDI port whose name contains `part`: a source (a device's output,
    // which headroom reads) or a sink (a device's input). 0: no such port.
    uint64_t find(const std::string& part, bool source) const;

private:
    static void onShutdown(void* self);
    jack_client_t* client_ = nullptr;
    std::atomic<bool> gone_{false};
};

} // namespace hr
