#include "fuzz_support.h"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <unistd.h>

namespace hr::fuzz {

namespace fs = std::filesystem;

const std::string& scratchDir(const char* name) {
    // Never destroyed: the atexit handler that removes the folder runs after static destructors.
    static const std::string* dir = [name] {
        std::error_code ec;
        const fs::path base = fs::is_directory("/dev/shm", ec) ? fs::path("/dev/shm") : fs::temp_directory_path();
        const fs::path d = base / ("headroom-fuzz-" + std::string(name) + "-" + std::to_string(getpid()));
        fs::create_directories(d);
        std::atexit([] {
            std::error_code e;
            fs::remove_all(*dir, e);
        });
        return new std::string(d.string());
    }();
    return *dir;
}

void writeFile(const std::string& path, const uint8_t* data, size_t size) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
}

void writeFile(const std::string& path, const std::string& text) {
    writeFile(path, reinterpret_cast<const uint8_t*>(text.data()), text.size());
}

ConsoleConfig consoleShape(int channels, std::vector<int> busWidths) {
    ConsoleConfig cfg;
    cfg.channels = cfg.inputs = cfg.outputs = channels;
    cfg.busWidths = std::move(busWidths);
    return cfg;
}

void fresh(Console& console, bool clearAudio) {
    ParamStore& s = console.params();
    s.resetToDefaults(Source::Engine);
    for (ParamId id = 0; id < s.size(); ++id)
        if (s.touched(id))
            for (Source src : {Source::Gui, Source::Mcu, Source::Midi, Source::Osc, Source::Prompt}) s.touch(id, src, false);
    // Every fade ends: an empty plan, adopted by a block of no frames (the audio thread's part).
    console.cancelFade();
    console.process(nullptr, 0, nullptr, 0, 0);
    console.panic(false);
    console.clearClips();
    console.setRecorder(nullptr);
    console.setPlayer(nullptr);
    if (clearAudio) console.reset();
}

SceneList defaultScenes(Console& console, int count) {
    static std::map<std::pair<const Console*, int>, SceneList> stored;
    auto it = stored.find({&console, count});
    if (it == stored.end()) {
        SceneList list(console);
        for (int n = 1; n <= count; ++n) list.store("Song " + std::to_string(n), "");
        it = stored.emplace(std::make_pair(&console, count), std::move(list)).first;
    }
    SceneList copy = it->second;
    copy.bind(console);
    return copy;
}

std::vector<JackEvent> splitEvents(const uint8_t* data, size_t size) {
    std::vector<JackEvent> events;
    for (size_t i = 0; i < size;) {
        const uint8_t header = data[i++];
        const size_t n = std::min<size_t>((header & 0x3F) + 1u, size - i);
        if (n == 0) break; // a header with no bytes after it: JACK has no empty events
        events.push_back({header, header >> 6, std::vector<uint8_t>(data + i, data + i + n)});
        i += n;
    }
    return events;
}

void JackMidiIn::event(const std::vector<uint8_t>& b, MidiPorts& port) {
    // As rtmidi 5.0's jackProcessIn, with ignoreFlags = time code/clock and active sensing.
    if (!continueSysex_) message_.clear();
    message_.insert(message_.end(), b.begin(), b.end());
    switch (b[0]) {
    case 0xF0: continueSysex_ = b.back() != 0xF7; break;
    case 0xF1:
    case 0xF8:
    case 0xFE: return; // ignored types
    default:
        if (continueSysex_) continueSysex_ = b.back() != 0xF7;
    }
    if (!continueSysex_) port.deliver(message_);
}

} // namespace hr::fuzz
