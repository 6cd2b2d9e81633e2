// Fuzz target: MIDI bytes from a Mackie Control (a main unit and XT extenders) into the
// protocol, through the real input path (fuzz_support.h): RtMidi's assembly per unit's port,
// MidiPorts' queue, routeMessage (program change to the cue list, the rest to mcu::Surface),
// then the feedback poll and the transport keys, as the surface host's service pass runs.
//
// Input: byte 0 sets the surface: units = 1 + (b & 3), the main unit at (b >> 2) % units,
// program change steps GO when b & 0x10, listens on channel (b >> 5) & 7 (0: any). Then
// JACK events; an event's tag is the unit it comes from (mod units). The header 0xFF (unit
// 3, 64 bytes) is no event but a new show: the surface rebinds to the other console (12
// channels and 4 buses, or 3 channels and 1 bus), as a load of another shape does.
#include "fuzz_support.h"
#include "mcu/mcu.h"
#include "surface_host.h"

#include <memory>

using namespace hr;

namespace {
// A show: its console (built once, fresh for each input: fuzz_support.h) and a cue list of
// two scenes.
struct Show {
    explicit Show(Console& c) : console(c), scenes(fuzz::defaultScenes(c, 2)) {}
    Console& console;
    SceneList scenes;
};

Console& freshConsole(bool big) {
    static Console large(fuzz::consoleShape(12, {1, 2, 1, 1})), small(fuzz::consoleShape(3, {2}));
    Console& c = big ? large : small;
    fuzz::fresh(c, false);
    return c;
}

constexpr int kMaxUnits = 4;
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Show big(freshConsole(true)), small(freshConsole(false));
    Show* show = &big;
    const int units = 1 + (data[0] & 3);
    ProgramChange pc;
    pc.go = (data[0] & 0x10) != 0;
    pc.channel = (data[0] >> 5) & 7;
    std::atomic<int> selection{0};
    mcu::Surface surface(big.console, &big.scenes, units, (data[0] >> 2) % units, &selection);
    static MidiPorts ports[kMaxUnits]; // their queues are large: kept, and empty between inputs
    fuzz::JackMidiIn jack[kMaxUnits];
    bool playing = false, recording = false;
    std::vector<uint8_t> message;
    for (const fuzz::JackEvent& e : fuzz::splitEvents(data + 1, size - 1)) {
        if (e.header == 0xFF) { // a show of the other shape is loaded
            show = show == &big ? &small : &big;
            surface.rebind(show->console, &show->scenes);
            continue;
        }
        const int unit = e.tag % units;
        jack[unit].event(e.bytes, ports[unit]);
        for (int u = 0; u < units; ++u)
            while (ports[u].receive(&message))
                routeMessage(message.data(), message.size(), pc, show->scenes, &surface, u, nullptr);
        for (mcu::Key key : surface.takeKeys()) { // what run.cpp's transport answers do to the LEDs
            if (key == mcu::Key::Play) playing = true;
            if (key == mcu::Key::Stop) playing = recording = false;
            if (key == mcu::Key::Record) recording = !recording;
        }
        surface.setTransport(playing, recording);
        surface.pollUnits();
    }
    return 0;
}
