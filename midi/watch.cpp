#include "watch.h"

#include <jack/jack.h>

namespace hr {

MidiWatch::~MidiWatch() { close(); }

bool MidiWatch::connect() {
    close();
    jack_set_error_function([](const char*) {}); // no server is an answer here, not a message
    jack_set_info_function([](const char*) {});
    client_ = jack_client_open("headroom-watch", JackNoStartServer, nullptr);
    if (!client_) return false;
    gone_.store(false);
    jack_on_shutdown(client_, &MidiWatch::onShutdown, this);
    if (jack_activate(client_) != 0) { // a client that is not active hears no shutdown
        close();
        return false;
    }
    return true;
}

void MidiWatch::close() {
    if (client_ && !gone_.load()) jack_client_close(client_);
    client_ = nullptr; // a dead server's client is left alone: calls into it can crash libjack
}

void MidiWatch::onShutdown(void* self) { static_cast<MidiWatch*>(self)->gone_.store(true); }

uint64_t MidiWatch::find(const std::string& part, bool source) const {
    if (!alive()) return 0;
    const char** ports = jack_get_ports(client_, nullptr, JACK_DEFAULT_MIDI_TYPE, source ? JackPortIsOutput : JackPortIsInput);
    if (!ports) return 0;
    uint64_t id = 0;
    for (const char** p = ports; *p && id == 0; ++p)
        if (std::string(*p).find(part) != std::string::npos)
            if (jack_port_t* port = jack_port_by_name(client_, *p)) id = jack_port_uuid(port);
    jack_free(ports);
    return id;
}

} // namespace hr
