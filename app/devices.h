// headroom devices: the compiled audio APIs with their devices, and the MIDI ports.
#pragma once

namespace hr {
int listDevices(bool json); // prints to stdout; returns the exit code
}
