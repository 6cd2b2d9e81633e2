// One lock for every JACK client headroom opens, activates, deactivates or closes, on any
// thread: the audio device (engine/io), the MIDI ports and the port watch (midi/). libjack's
// client open and close share process-wide state (the server connection's descriptors and
// the client table), and ThreadSanitizer showed the supervisor and the surface thread racing
// in it when both opened a client at once. Never taken on the audio thread nor in a JACK
// callback. Lock order: after the session's control lock (io/handoff.h).
#pragma once

#include <mutex>

namespace hr {

std::mutex& jackClientLock();

} // namespace hr
