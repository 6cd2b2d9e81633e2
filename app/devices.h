// headroom devices: the compiled audio APIs with their devices, and the MIDI ports.
#pragma once

#include <string>
#include <vector>

namespace hr {
int listDevices(bool json); // prints to stdout; returns the exit code

struct MidiListing {
    std::string api;
    std::vector<std::string> inputs, outputs;
    std::string error;
};
std::vector<MidiListing> listMidiPorts(); // every RtMidi API's ports; library chatter hushed
}
