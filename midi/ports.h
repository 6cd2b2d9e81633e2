// MidiPorts: one surface's MIDI input and output through RtMidi (JACK where ALSA has no
// sequencer, as here). With no port named, virtual ports any JACK MIDI client can connect
// to ("mcu in" / "mcu out"). RtMidi's input callback runs on JACK's real-time thread: it
// only copies the message into a bounded lock-free queue (readerwriterqueue), counting
// what does not fit; the control thread drains it. RtMidi errors stop here.
#pragma once

#include <readerwriterqueue/readerwriterqueue.h>
#include <rtmidi/RtMidi.h>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>


namespace hr {

// RtMidi makes a JACK client per port; JACK numbers the names (headroom-midi-01, ...). Never
// plain "headroom": after a JACK restart the MIDI clients may come back before the audio
// client, which must get that name (its ports are headroom:in_N). Device names never match
// ports of these clients.
constexpr const char* kMidiClient = "headroom-midi";

class MidiPorts {
public:
    MidiPorts();
    ~MidiPorts();

    // control thread: opens input and output; empty `connect*` opens virtual ports named
    // inName / outName. Returns false with *error naming the port and the reason.
    // The caller knows a JACK server runs (SurfaceHost's watch holds a live client); without
    // one RtMidi fails and *error says so. No probe client is opened first: one opened and
    // closed just before RtMidi's own client made JACK 1.9.21 leave that new client
    // "Triggered" and never run (about 1 open in 25 on a loaded machine; the surface then
    // received nothing, for good).
    bool open(const std::string& inName, const std::string& outName, const std::string& connectIn,
              const std::string& connectOut, std::string* error);
    void close();
    // After the JACK server died: drops the RtMidi clients without a call into them (RtMidi
    // unregisters its port on close, which crashes libjack once a new server has started).
    // Each is kept, never freed, for the process's lifetime (a few hundred bytes): a JACK restart
    // is rare and a crash is not an option.
    void abandon();
    bool isOpen() const { return in_ != nullptr; }

    bool receive(std::vector<uint8_t>* message); // control thread: the next message, if any
    // What the input callback does with a message RtMidi assembled: queues a copy, or counts it
    // dropped (empty, longer than Raw holds, queue full). Real-time safe; with no port open it
    // feeds receive() for tests and the fuzz targets.
    void deliver(const std::vector<unsigned char>& message);
    void send(const std::vector<uint8_t>& message); // control thread
    uint64_t dropped() const { return dropped_.load(); } // messages the queue could not take

    struct Raw { uint8_t size = 0; uint8_t data[62] = {}; }; // MCU messages are short; longer SysEx is dropped

private:
    static void onMessage(double stamp, std::vector<unsigned char>* message, void* self);
    static void onError(RtMidiError::Type type, const std::string& text, void* self);
    std::mutex errorMutex_;
    std::string error_; // the last error RtMidi reported while opening
    std::unique_ptr<RtMidiIn> in_;
    std::unique_ptr<RtMidiOut> out_;
    moodycamel::ReaderWriterQueue<Raw> queue_;
    std::atomic<uint64_t> dropped_{0};
};

} // namespace hr
