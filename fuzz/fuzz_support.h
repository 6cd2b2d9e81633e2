// What the fuzz targets share: a scratch folder for the files a target writes, and the path
// MIDI bytes take from a JACK port to a surface's protocol.
//
// MIDI framing of a fuzz input (fuzz_mcu, fuzz_learn): a run of JACK MIDI events, each a
// header byte and its bytes: tag = header >> 6 (what the target makes of it: a unit, an
// action), size = (header & 0x3F) + 1; the last event is cut where the input ends. Each event
// goes through what RtMidi 5's JACK input does with it (SysEx continued across events until
// one ends in F7; MIDI time code, clock and active sensing ignored, as MidiPorts asks with
// ignoreTypes(false, true, true)) and then into MidiPorts::deliver, the input callback's copy
// into the queue (empty or over-long messages dropped). The targets drain the queue with
// MidiPorts::receive and routeMessage, as the surface host's service thread does.
#pragma once

#include "console/console.h"
#include "ports.h"
#include "show/scenes.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace hr::fuzz {

// A folder for this process (on /dev/shm where there is one, so a save's fsync costs
// nothing), created on first use and removed at exit. `name` tells targets apart.
const std::string& scratchDir(const char* name);
void writeFile(const std::string& path, const uint8_t* data, size_t size); // replaces the file
void writeFile(const std::string& path, const std::string& text);

// A console of `channels` channels on as many inputs and outputs, with these aux buses
// (1 mono, 2 stereo): small shapes keep a target quick.
ConsoleConfig consoleShape(int channels, std::vector<int> busWidths);

// Consoles are built once per process and freshened for each input: building one costs
// milliseconds under ASan (delay lines sized for 500 ms), which would slow a target to a
// crawl. fresh() puts one back as a new one of its shape starts: every value and text at
// its default, no hand on any control, no fade, panic off, clip lights out, no recorder or
// player attached; with clearAudio also the DSP state (filters, delay lines: a memset of
// megabytes), for targets whose inputs are heard through it.
void fresh(Console& console, bool clearAudio);

// A cue list of `count` scenes ("Song 1", ...) stored from a console just freshened: stored
// once per console and copied after (a copy costs far less than a snapshot of every
// parameter), bound to the console.
SceneList defaultScenes(Console& console, int count);

struct JackEvent {
    uint8_t header = 0;          // tag << 6 | (size - 1)
    int tag = 0;                 // header >> 6
    std::vector<uint8_t> bytes;  // 1..64 bytes (fewer at the end of the input)
};
std::vector<JackEvent> splitEvents(const uint8_t* data, size_t size);

// RtMidi 5's JACK input (rtmidi's jackProcessIn) for one port: assembles events into
// messages and hands each complete one to the port's callback, here MidiPorts::deliver.
class JackMidiIn {
public:
    void event(const std::vector<uint8_t>& bytes, MidiPorts& port);

private:
    std::vector<unsigned char> message_;
    bool continueSysex_ = false;
};

} // namespace hr::fuzz
