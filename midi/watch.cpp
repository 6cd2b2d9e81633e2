#include "watch.h"

#include "ports.h"

#include "io/jack_clients.h"

#include <jack/jack.h>

#include <algorithm>

namespace hr {

namespace {
bool ours(const std::string& fullName) { return fullName.rfind(std::string(kMidiClient), 0) == 0; } // headroom-midi[-NN]:...
} // namespace

MidiWatch::~MidiWatch() { close(); }

bool MidiWatch::connect() {
    close();
    jack_set_error_function([](const char*) {}); // no server is an answer here, not a message
    jack_set_info_function([](const char*) {});
    std::lock_guard<std::mutex> jack(jackClientLock());
    client_ = jack_client_open("headroom-watch", JackNoStartServer, nullptr);
    if (!client_) return false;
    gone_.store(false);
    jack_on_shutdown(client_, &MidiWatch::onShutdown, this);
    if (jack_activate(client_) != 0) { // a client that is not active hears no shutdown
        jack_client_close(client_);
        client_ = nullptr;
        return false;
    }
    lastFrame_ = jack_last_frame_time(client_);
    lastAdvance_ = std::chrono::steady_clock::now();
    return true;
}

void MidiWatch::close() {
    std::lock_guard<std::mutex> jack(jackClientLock());
    if (client_ && !gone_.load()) jack_client_close(client_);
    client_ = nullptr; // a dead server's client is left alone: calls into it can crash libjack
}

void MidiWatch::onShutdown(void* self) { static_cast<MidiWatch*>(self)->gone_.store(true); }

std::string MidiWatch::portName(const std::string& part, bool source) const {
    if (!alive()) return "";
    const char** ports = jack_get_ports(client_, nullptr, JACK_DEFAULT_MIDI_TYPE, source ? JackPortIsOutput : JackPortIsInput);
    if (!ports) return "";
    std::string found;
    for (const char** p = ports; *p && found.empty(); ++p)
        if (std::string name(*p); name.find(part) != std::string::npos && !ours(name)) found = name;
    jack_free(ports);
    return found;
}

bool MidiWatch::linked(const std::string& part, bool source, const std::string& ourPort) const {
    if (!alive()) return false;
    // Our port (a sink when the device is a source), and whether any of its peers is the device.
    const char** ports = jack_get_ports(client_, nullptr, JACK_DEFAULT_MIDI_TYPE, source ? JackPortIsInput : JackPortIsOutput);
    if (!ports) return false;
    const std::string suffix = ":" + ourPort;
    std::string mine;
    for (const char** p = ports; *p && mine.empty(); ++p)
        if (std::string name(*p); ours(name) && name.size() > suffix.size() &&
                                  name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            mine = name;
    jack_free(ports);
    jack_port_t* port = mine.empty() ? nullptr : jack_port_by_name(client_, mine.c_str());
    const char** links = port ? jack_port_get_all_connections(client_, port) : nullptr;
    if (!links) return false;
    bool found = false;
    for (const char** l = links; *l && !found; ++l)
        if (std::string name(*l); !ours(name) && name.find(part) != std::string::npos) found = true;
    jack_free(links);
    return found;
}

bool MidiWatch::cycling() {
    if (!alive()) return false;
    const jack_nframes_t frame = jack_last_frame_time(client_);
    const auto now = std::chrono::steady_clock::now();
    if (frame != lastFrame_) {
        lastFrame_ = frame;
        lastAdvance_ = now;
    }
    // A cycle is due every period: allow three, and never less than 200 ms.
    const double rate = jack_get_sample_rate(client_), period = jack_get_buffer_size(client_);
    const auto window = std::chrono::duration<double>(rate > 0 ? 3.0 * period / rate : 0.0);
    return now - lastAdvance_ < std::max<std::chrono::steady_clock::duration>(
                                    std::chrono::milliseconds(200), std::chrono::duration_cast<std::chrono::steady_clock::duration>(window));
}

} // namespace hr
