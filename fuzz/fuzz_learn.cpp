// Fuzz target: MIDI bytes from a generic controller into MIDI learn (midi/learn.cpp), through
// the real input path (fuzz_support.h): RtMidi's assembly, MidiPorts' queue, routeMessage
// (program change to the cue list, the rest to Learn), then the feedback poll.
//
// Input: byte 0 picks the mode: odd, mapped (a map of every kind is loaded first, as a show's
// "midi" section gives them); even, learn (nothing mapped). Then JACK events whose tag says
// what happens around the event: 0 it arrives; 1 a parameter is armed first (`learn PATH`,
// the next path of kPaths: switches, choices, text, paths only the larger console has);
// 2 after it, the GUI moves the mapped parameters (feedback must follow); 3 first, a show of
// the other shape is loaded (rebind: ids found again by path) or, every other time, the
// controller reconnects (resend).
#include "fuzz_support.h"
#include "learn.h"
#include "surface_host.h"

#include <nlohmann/json.hpp>

using namespace hr;

namespace {
const char* const kPaths[] = {"/ch/1/fader",  "/ch/2/mute",      "/ch/1/pan",        "/ch/3/eq/2/freq",
                              "/ch/1/name",   "/main/fader",     "/bus/1/fader",     "/ch/8/send/4/level",
                              "/ch/1/comp/ratio", "/ch/1/send/1/tap", "/ch/1/hpf/on", "/nowhere"};

// One map of each kind, on several channels, as a saved show holds them.
const char* kMaps = R"({"maps": [
  {"path": "/ch/1/fader", "kind": "cc", "channel": 1, "number": 7},
  {"path": "/ch/2/fader", "kind": "cc14", "channel": 1, "number": 8, "softTakeover": false},
  {"path": "/ch/1/pan", "kind": "nrpn", "channel": 2, "number": 300},
  {"path": "/ch/2/mute", "kind": "note", "channel": 1, "number": 60},
  {"path": "/ch/1/solo", "kind": "note", "channel": 1, "number": 61, "momentary": true},
  {"path": "/main/fader", "kind": "pitchbend", "channel": 16, "number": 0},
  {"path": "/ch/8/send/4/level", "kind": "cc", "channel": 16, "number": 0}]})";

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    static Console big(fuzz::consoleShape(8, {1, 1, 1, 1})), small(fuzz::consoleShape(2, {1})); // built once (fuzz_support.h)
    fuzz::fresh(big, false);
    fuzz::fresh(small, false);
    Console* console = &big;
    SceneList bigScenes = fuzz::defaultScenes(big, 1), smallScenes = fuzz::defaultScenes(small, 1); // each its own shape
    SceneList* scenes = &bigScenes;
    midi::Learn learn(big.params());
    if (data[0] & 1) {
        std::string why;
        learn.fromJson(nlohmann::ordered_json::parse(kMaps), &why);
    }
    static MidiPorts port; // its queue is large: kept, and empty between inputs
    fuzz::JackMidiIn jack;
    size_t nextPath = 0, reconnects = 0;
    std::vector<uint8_t> message;
    for (const fuzz::JackEvent& e : fuzz::splitEvents(data + 1, size - 1)) {
        std::string why;
        if (e.tag == 1) learn.arm(kPaths[nextPath++ % std::size(kPaths)], &why);
        if (e.tag == 3 && reconnects++ % 2 == 0) {
            console = console == &big ? &small : &big;
            scenes = console == &big ? &bigScenes : &smallScenes;
            learn.rebind(console->params());
        } else if (e.tag == 3) {
            learn.resend();
        }
        jack.event(e.bytes, port);
        while (port.receive(&message)) routeMessage(message.data(), message.size(), ProgramChange{}, *scenes, nullptr, 0, &learn);
        if (e.tag == 2) {
            ParamStore& s = console->params();
            for (const midi::Mapping& m : learn.maps())
                if (m.id != midi::Mapping::kNoParamId) s.setPosition(m.id, 1.0f - s.position(m.id), Source::Gui);
        }
        learn.poll();
    }
    return 0;
}
