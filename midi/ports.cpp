#include "ports.h"

#include "io/jack_clients.h"

#include <jack/jack.h>
#include <rtmidi/RtMidi.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <vector>
#include <utility>

namespace hr {

namespace {
constexpr size_t kQueue = 4096; // messages; a surface sends a few hundred a second at most


RtMidi::Api jackOrDefault() {
    std::vector<RtMidi::Api> apis;
    RtMidi::getCompiledApi(apis);
    // ALSA throws without a sequencer (no /dev/snd): prefer JACK where it is built in.
    return std::find(apis.begin(), apis.end(), RtMidi::UNIX_JACK) != apis.end() ? RtMidi::UNIX_JACK : RtMidi::UNSPECIFIED;
}

int findPort(RtMidi& m, const std::string& name) {
    for (unsigned i = 0; i < m.getPortCount(); ++i)
        if (const std::string port = m.getPortName(i); port.find(name) != std::string::npos && port.rfind(kMidiClient, 0) != 0)
            return static_cast<int>(i); // never one of our own ports
    return -1;
}

// Opens `m` on the port whose name contains `connect`, or a virtual port `name` when it is empty.
void attach(RtMidi& m, const std::string& name, const std::string& connect, const char* what) {
    if (connect.empty()) return m.openVirtualPort(name);
    const int p = findPort(m, connect);
    if (p < 0) throw RtMidiError(std::string("no MIDI ") + what + " port '" + connect + "' (see headroom devices)");
    m.openPort(static_cast<unsigned>(p), name);
}
} // namespace

MidiPorts::MidiPorts() : queue_(kQueue) {}

MidiPorts::~MidiPorts() { close(); }

bool MidiPorts::open(const std::string& inName, const std::string& outName, const std::string& connectIn,
                     const std::string& connectOut, std::string* error) {
    close();
    std::lock_guard<std::mutex> jack(jackClientLock()); // each RtMidi object is a JACK client
    if (jackOrDefault() == RtMidi::UNIX_JACK) { // libjack's own messages: RtMidi's error callback reports
        jack_set_error_function([](const char*) {});
        jack_set_info_function([](const char*) {});
    }
    try {
        in_ = std::make_unique<RtMidiIn>(jackOrDefault(), kMidiClient, 1024);
        out_ = std::make_unique<RtMidiOut>(jackOrDefault(), kMidiClient);
        // With an error callback RtMidi reports instead of throwing (and prints nothing): the
        // message is kept and checked after every step.
        in_->setErrorCallback(&MidiPorts::onError, this);
        out_->setErrorCallback(&MidiPorts::onError, this);
        auto check = [this] {
            std::lock_guard<std::mutex> lock(errorMutex_);
            if (!error_.empty()) throw RtMidiError(std::exchange(error_, {}));
        };
        in_->ignoreTypes(false, true, true); // SysEx in (the handshake); no clock or active sensing
        in_->setCallback(&MidiPorts::onMessage, this);
        attach(*in_, inName, connectIn, "input");
        check();
        attach(*out_, outName, connectOut, "output");
        check();
    } catch (const RtMidiError& e) {
        *error = "MIDI ports '" + inName + "'/'" + outName + "': " + e.getMessage();
        in_.reset();
        out_.reset();
        return false;
    }
    return true;
}

void MidiPorts::close() {
    // Closing the client stops JACK's thread first; cancelling the callback while it runs is
    // a race in RtMidi (it reads the callback and its argument unsynchronised).
    {
        std::lock_guard<std::mutex> jack(jackClientLock());
        in_.reset();
        out_.reset();
    }
    Raw drop;
    while (queue_.try_dequeue(drop)) {
    }
}

void MidiPorts::onError(RtMidiError::Type type, const std::string& text, void* arg) {
    if (type == RtMidiError::WARNING || type == RtMidiError::DEBUG_WARNING) return; // e.g. a full output ring
    auto* self = static_cast<MidiPorts*>(arg);
    std::lock_guard<std::mutex> lock(self->errorMutex_); // control thread (RtMidi's calls), never the JACK thread
    self->error_ = text;
}

void MidiPorts::abandon() {
    // The dead server's thread calls nothing any more, and RtMidi's destructors would talk to
    // the server that is gone: the objects are kept, never destroyed, for the process's
    // lifetime (held here, so they stay reachable: not a leak that hides others).
    struct Abandoned {
        std::mutex mutex;
        std::vector<std::unique_ptr<RtMidiIn>> ins;
        std::vector<std::unique_ptr<RtMidiOut>> outs;
    };
    static Abandoned* const abandoned = new Abandoned; // never deleted: no exit-time destructor
    {
        std::lock_guard<std::mutex> lock(abandoned->mutex);
        if (in_) abandoned->ins.push_back(std::move(in_));
        if (out_) abandoned->outs.push_back(std::move(out_));
    }
    Raw drop;
    while (queue_.try_dequeue(drop)) {
    }
}

void MidiPorts::onMessage(double, std::vector<unsigned char>* message, void* arg) {
    static_cast<MidiPorts*>(arg)->deliver(*message);
}

void MidiPorts::deliver(const std::vector<unsigned char>& message) {
    // JACK's real-time thread: copy and queue, never allocate or wait.
    Raw raw;
    if (message.empty() || message.size() > sizeof raw.data) {
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    raw.size = static_cast<uint8_t>(message.size());
    std::copy(message.begin(), message.end(), raw.data);
    if (!queue_.try_enqueue(raw)) dropped_.fetch_add(1, std::memory_order_relaxed); // full: counted
}

bool MidiPorts::receive(std::vector<uint8_t>* message) {
    Raw raw;
    if (!queue_.try_dequeue(raw)) return false;
    message->assign(raw.data, raw.data + raw.size);
    return true;
}

void MidiPorts::send(const std::vector<uint8_t>& message) {
    if (!out_ || message.empty()) return;
    try {
        out_->sendMessage(&message);
    } catch (const std::exception&) {
        // The port went away; the surface's owner reopens it.
    }
}

} // namespace hr
