#include "devices.h"

#include "io/jack_clients.h"

#include "io/audio_device.h"

#include <nlohmann/json.hpp>
#include <rtmidi/RtMidi.h>

#include <cstdio>
#include <fcntl.h>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace hr {

namespace {

// RtMidi's default API here is ALSA, which throws without a sequencer: ask each API and
// catch per API (DECISIONS.md).
std::vector<MidiListing> listMidi() {
    std::vector<MidiListing> out;
    std::vector<RtMidi::Api> apis;
    RtMidi::getCompiledApi(apis);
    for (RtMidi::Api api : apis) {
        if (api == RtMidi::RTMIDI_DUMMY) continue;
        MidiListing m;
        m.api = RtMidi::getApiName(api);
        try {
            std::lock_guard<std::mutex> jack(jackClientLock()); // each RtMidi object is a JACK client
            RtMidiIn in(api, "headroom-probe");
            for (unsigned i = 0; i < in.getPortCount(); ++i) m.inputs.push_back(in.getPortName(i));
            RtMidiOut outPorts(api, "headroom-probe");
            for (unsigned i = 0; i < outPorts.getPortCount(); ++i) m.outputs.push_back(outPorts.getPortName(i));
        } catch (const RtMidiError& e) {
            m.error = e.getMessage();
        }
        out.push_back(std::move(m));
    }
    return out;
}

} // namespace

// Probing prints libasound's and RtMidi's own complaints on stderr (no sound card, no
// JACK server); the listing says the same thing once, per API, so hush them meanwhile.
class QuietStderr {
public:
    QuietStderr() : saved_(dup(STDERR_FILENO)), cerr_(std::cerr.rdbuf(sink_.rdbuf())) {
        const int null = open("/dev/null", O_WRONLY);
        if (null >= 0) {
            dup2(null, STDERR_FILENO);
            close(null);
        }
    }
    ~QuietStderr() {
        std::cerr.rdbuf(cerr_);
        if (saved_ >= 0) {
            dup2(saved_, STDERR_FILENO);
            close(saved_);
        }
    }

private:
    int saved_;
    std::stringstream sink_;
    std::streambuf* cerr_;
};

std::vector<MidiListing> listMidiPorts() {
    QuietStderr quiet;
    return listMidi();
}

int listDevices(bool json) {
    std::vector<ApiListing> audio;
    std::vector<MidiListing> midi;
    {
        QuietStderr quiet;
        audio = listAudioDevices();
        midi = listMidi();
    }
    if (json) {
        nlohmann::ordered_json j;
        j["audio"] = nlohmann::ordered_json::array();
        for (const ApiListing& a : audio) {
            nlohmann::ordered_json api;
            api["api"] = a.api;
            api["devices"] = nlohmann::ordered_json::array();
            for (const auto& d : a.devices)
                api["devices"].push_back({{"index", d.index}, {"name", d.name}, {"inputs", d.inputs},
                                          {"outputs", d.outputs}, {"sampleRates", d.rates},
                                          {"defaultInput", d.defaultIn}, {"defaultOutput", d.defaultOut}});
            if (!a.error.empty()) api["error"] = a.error;
            j["audio"].push_back(api);
        }
        j["midi"] = nlohmann::ordered_json::array();
        for (const MidiListing& m : midi) {
            nlohmann::ordered_json api{{"api", m.api}, {"inputs", m.inputs}, {"outputs", m.outputs}};
            if (!m.error.empty()) api["error"] = m.error;
            j["midi"].push_back(api);
        }
        std::printf("%s\n", j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace).c_str()); // device names are the system's bytes
        return 0;
    }
    std::printf("audio\n");
    for (const ApiListing& a : audio) {
        std::printf("  %s%s%s\n", a.api.c_str(), a.error.empty() ? "" : ": ", a.error.c_str());
        for (const auto& d : a.devices) {
            std::string rates;
            for (unsigned r : d.rates) rates += (rates.empty() ? "" : " ") + std::to_string(r);
            std::printf("    %d: %s  (%d in, %d out; %s Hz)%s%s\n", d.index, d.name.c_str(), d.inputs, d.outputs,
                        rates.c_str(), d.defaultIn ? " default-in" : "", d.defaultOut ? " default-out" : "");
        }
    }
    std::printf("midi\n");
    for (const MidiListing& m : midi) {
        std::printf("  %s%s%s\n", m.api.c_str(), m.error.empty() ? "" : ": ", m.error.c_str());
        for (const auto& p : m.inputs) std::printf("    in:  %s\n", p.c_str());
        for (const auto& p : m.outputs) std::printf("    out: %s\n", p.c_str());
    }
    return 0;
}

} // namespace hr
