// The surface host: configuration (and its JSON), the service loop, and the watch over
// devices and the JACK server.
#include "surface_host.h"

#include "show/json_read.h"

#include <algorithm>
#include <pthread.h>
#include <cctype>
#include <set>
#include <utility>

namespace hr {

// ---- configuration -----------------------------------------------------------------------

std::string SurfaceConfig::virtualName(size_t unit, bool in) const {
    std::string base = name;
    if (kind == Kind::Mcu && unit < units.size() && units[unit].extender) {
        int k = 0; // XTs count from the left
        for (size_t u = 0; u <= unit; ++u) k += units[u].extender ? 1 : 0;
        base += " xt" + std::to_string(k);
    }
    return base + (in ? " in" : " out");
}

int SurfaceConfig::mainUnit() const {
    for (size_t u = 0; u < units.size(); ++u)
        if (!units[u].extender) return static_cast<int>(u);
    return 0;
}

nlohmann::ordered_json surfacesToJson(const std::vector<SurfaceConfig>& surfaces) {
    auto j = nlohmann::ordered_json::array();
    for (const SurfaceConfig& s : surfaces) {
        nlohmann::ordered_json e{{"name", s.name}, {"kind", s.kind == SurfaceConfig::Kind::Mcu ? "mcu" : "generic"}};
        if (s.kind == SurfaceConfig::Kind::Generic) {
            e["in"] = s.units.front().in;
            e["out"] = s.units.front().out;
        } else {
            e["units"] = nlohmann::ordered_json::array();
            for (const auto& u : s.units) e["units"].push_back({{"role", u.extender ? "xt" : "main"}, {"in", u.in}, {"out", u.out}});
        }
        j.push_back(e);
    }
    return j;
}

namespace {
bool text(const nlohmann::ordered_json& e, const char* key, const std::string& where, const std::string& at, std::string* value,
          std::string* why, std::string* pointer) {
    if (!e.contains(key)) {
        value->clear(); // absent: a virtual port
        return true;
    }
    if (!e[key].is_string()) {
        if (pointer) *pointer = at + "/" + key;
        *why = where + "." + key + ": expected a port name (text; \"\" for a virtual port)";
        return false;
    }
    *value = e[key].get<std::string>();
    return true;
}
} // namespace

bool surfacesFromJson(const nlohmann::ordered_json& j, std::vector<SurfaceConfig>* out, std::string* why, std::string* pointer) {
    if (!j.is_array()) {
        if (pointer) *pointer = "/surfaces";
        *why = "surfaces: expected a list of surfaces";
        return false;
    }
    std::vector<SurfaceConfig> result;
    std::set<std::string> names;
    for (size_t i = 0; i < j.size(); ++i) {
        const auto& e = j[i];
        const std::string where = "surfaces[" + std::to_string(i) + "]";
        const std::string at = "/surfaces/" + std::to_string(i);
        if (!e.is_object()) {
            if (pointer) *pointer = at;
            *why = where + ": expected an object with name, kind and ports";
            return false;
        }
        SurfaceConfig s;
        if (!e.contains("name") || !e["name"].is_string() || e["name"].get<std::string>().empty()) {
            if (pointer) *pointer = at + "/name";
            *why = where + ".name: expected a name (it names the virtual ports)";
            return false;
        }
        s.name = e["name"].get<std::string>();
        if (!validSurfaceName(s.name)) {
            if (pointer) *pointer = at + "/name";
            *why = where + ".name: '" + s.name + "' is not a surface name (letters, digits, - and _)";
            return false;
        }
        if (!names.insert(s.name).second) {
            if (pointer) *pointer = at + "/name";
            *why = where + ".name: '" + s.name + "' is used twice";
            return false;
        }
        const std::string kind = e.contains("kind") && e["kind"].is_string() ? e["kind"].get<std::string>() : "";
        if (kind == "generic") {
            s.kind = SurfaceConfig::Kind::Generic;
            if (!text(e, "in", where, at, &s.units[0].in, why, pointer) || !text(e, "out", where, at, &s.units[0].out, why, pointer)) return false;
        } else if (kind == "mcu") {
            s.units.clear();
            const auto units = e.value("units", nlohmann::ordered_json::array({nlohmann::ordered_json::object()}));
            if (!units.is_array() || units.empty() || units.size() > 8) {
                if (pointer) *pointer = at + "/units";
                *why = where + ".units: expected 1 to 8 units (the main unit and its XT extenders, left to right)";
                return false;
            }
            int mains = 0;
            for (size_t u = 0; u < units.size(); ++u) {
                const std::string uw = where + ".units[" + std::to_string(u) + "]";
                const std::string uat = at + "/units/" + std::to_string(u);
                if (!units[u].is_object()) {
                    if (pointer) *pointer = uat;
                    *why = uw + ": expected an object with role, in and out";
                    return false;
                }
                SurfaceConfig::Unit unit;
                if (units[u].contains("role") && !units[u]["role"].is_string()) {
                    if (pointer) *pointer = uat + "/role";
                    *why = uw + ".role: expected \"main\" or \"xt\"";
                    return false;
                }
                const std::string role = units[u].value("role", "main");
                if (role != "main" && role != "xt") {
                    if (pointer) *pointer = uat + "/role";
                    *why = uw + ".role: '" + role + "' is not main or xt";
                    return false;
                }
                unit.extender = role == "xt";
                mains += unit.extender ? 0 : 1;
                if (!text(units[u], "in", uw, uat, &unit.in, why, pointer) || !text(units[u], "out", uw, uat, &unit.out, why, pointer)) return false;
                s.units.push_back(unit);
            }
            if (mains != 1) {
                if (pointer) *pointer = at + "/units";
                *why = where + ".units: expected exactly one main unit (the others are xt), found " + std::to_string(mains);
                return false;
            }
        } else {
            if (pointer) *pointer = at + "/kind";
            *why = where + ".kind: expected \"mcu\" or \"generic\"";
            return false;
        }
        result.push_back(std::move(s));
    }
    *out = std::move(result);
    return true;
}

nlohmann::ordered_json programChangeToJson(const ProgramChange& pc) {
    nlohmann::ordered_json j;
    if (pc.channel == 0) j["channel"] = "any";
    else j["channel"] = pc.channel;
    j["action"] = pc.go ? "go" : "recall";
    if (pc.sendChannel == 0) j["send"] = "off";
    else j["send"] = pc.sendChannel;
    return j;
}

bool programChangeFromJson(const nlohmann::ordered_json& j, ProgramChange* out, std::string* why, std::string* pointer) {
    ProgramChange pc;
    auto channel = [&](const char* key, const char* word, int* value) {
        if (!j.contains(key)) return true;
        const auto& v = j[key];
        if (v.is_string() && v.get<std::string>() == word) {
            *value = 0;
            return true;
        }
        if (jsonInt(v, 1, 16, value)) return true;
        if (pointer) *pointer = std::string("/midi/programChange/") + key;
        *why = std::string("midi.programChange.") + key + ": expected a MIDI channel 1-16 or \"" + word + "\"";
        return false;
    };
    if (!j.is_object()) {
        if (pointer) *pointer = "/midi/programChange";
        *why = "midi.programChange: expected an object (channel, action, send)";
        return false;
    }
    if (!channel("channel", "any", &pc.channel) || !channel("send", "off", &pc.sendChannel)) return false;
    const std::string action = j.contains("action") && j["action"].is_string() ? j["action"].get<std::string>() : "recall";
    if (action != "recall" && action != "go") {
        if (pointer) *pointer = "/midi/programChange/action";
        *why = "midi.programChange.action: expected \"recall\" (scene v+1) or \"go\"";
        return false;
    }
    pc.go = action == "go";
    *out = pc;
    return true;
}

std::vector<SurfaceConfig> defaultSurfaces(const std::string& mcuIn, const std::string& mcuOut) {
    SurfaceConfig mcu;
    mcu.units[0].in = mcuIn;
    mcu.units[0].out = mcuOut;
    SurfaceConfig generic;
    generic.name = "midi";
    generic.kind = SurfaceConfig::Kind::Generic;
    return {mcu, generic};
}

bool validSurfaceName(const std::string& name) {
    return !name.empty() && name.size() <= 32 &&
           std::all_of(name.begin(), name.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; });
}

bool showSurfacesFromJson(const nlohmann::ordered_json& extra, ShowSurfaces* out, std::string* why, std::string* pointer) {
    ShowSurfaces result;
    try { // every field is checked; this only guards a type the checks did not foresee
        if (extra.contains("surfaces")) {
            result.present = true;
            if (!surfacesFromJson(extra["surfaces"], &result.surfaces, why, pointer)) return false;
        }
        if (extra.contains("midi") && extra["midi"].is_object() && extra["midi"].contains("programChange")) {
            result.pcPresent = true;
            if (!programChangeFromJson(extra["midi"]["programChange"], &result.pc, why, pointer)) return false;
        }
    } catch (const nlohmann::json::exception& e) {
        *why = std::string("surfaces: ") + e.what();
        return false;
    }
    *out = std::move(result);
    return true;
}

// ---- the running surfaces ----------------------------------------------------------------

bool routeMessage(const uint8_t* d, size_t n, const ProgramChange& pc, SceneList& scenes, mcu::Surface* mcu, int unit,
                  midi::Learn* learn) {
    if (n >= 2 && (d[0] & 0xF0) == 0xC0 && d[1] < 0x80) {
        if (pc.channel != 0 && (d[0] & 0x0F) + 1 != pc.channel) return false; // another channel's: ignored
        std::string why; // program change v recalls scene v+1 (DECISIONS.md), or steps GO
        if (pc.go) scenes.go(nullptr, &why);
        else scenes.recall(d[1] + 1, nullptr, &why);
        return true;
    }
    if (mcu) mcu->receive(unit, d, n);
    else if (learn) learn->receive(d, n);
    return false;
}

struct SurfaceHost::Unit {
    SurfaceConfig::Unit config;
    std::string inName, outName; // the virtual port names, also ours on a device's ports
    MidiPorts ports;
    bool open = false;
    bool missing = false;        // waiting for its device to appear (else: for a retry, or JACK)
    bool seen = false;           // it has been open: a later open is a return
    int unlinked = 0;            // scans in a row that found its device there but not connected
    std::string waiting;         // why it is not open
    std::chrono::steady_clock::time_point retryAt{}; // after an open that failed for another reason
    // A JACK connection carries data only from a cycle or two after it is made, so what is
    // sent to a unit just opened may be lost: everything is sent once more at this time.
    std::chrono::steady_clock::time_point resendAt{};
};

struct SurfaceHost::Live {
    SurfaceConfig config;
    std::vector<std::unique_ptr<Unit>> units;
    std::unique_ptr<mcu::Surface> mcu; // a Mackie Control; null for a generic controller
};

SurfaceHost::SurfaceHost() = default;
SurfaceHost::~SurfaceHost() { stop(); }

void SurfaceHost::start(Console& console, SceneList& scenes, std::mutex& control, midi::Learn* learn,
                        std::vector<SurfaceConfig> surfaces, ProgramChange pc) {
    stop();
    console_ = &console;
    scenes_ = &scenes;
    control_ = &control;
    learn_ = learn;
    {
        std::lock_guard<std::mutex> lock(wantedMutex_);
        wanted_ = std::move(surfaces);
        pc_ = pc;
        ++wantedVersion_;
    }
    sentRecalls_ = scenes.recalls();
    running_.store(true);
    thread_ = std::thread([this] {
        pthread_setname_np(pthread_self(), "hr-surfaces"); // what top -H shows
        loop();
    });
}

void SurfaceHost::stop() {
    running_.store(false);
    if (thread_.joinable()) thread_.join();
    std::vector<std::unique_ptr<Live>> old;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        old.swap(live_);
    }
    for (auto& live : old)
        for (auto& unit : live->units) drop(*unit);
    watch_.close();
    jackUp_ = false;
    appliedVersion_ = 0;
}

void SurfaceHost::rebind(Console& console, SceneList& scenes) {
    std::lock_guard<std::mutex> lock(liveMutex_);
    console_ = &console;
    scenes_ = &scenes;
    sentRecalls_ = scenes.recalls(); // a new show's cue list: nothing recalled yet to announce
    for (auto& live : live_)
        if (live->mcu) live->mcu->rebind(console, &scenes); // the units keep the ids they gave
}

bool SurfaceHost::configure(std::vector<SurfaceConfig> surfaces, std::chrono::milliseconds wait) {
    std::unique_lock<std::mutex> lock(wantedMutex_);
    wanted_ = std::move(surfaces);
    const uint64_t version = ++wantedVersion_;
    if (!running_.load() || wait.count() <= 0) return false;
    return applied_.wait_for(lock, wait, [&] { return appliedVersion_ >= version; });
}

std::vector<SurfaceConfig> SurfaceHost::surfaces() const {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    return wanted_;
}

void SurfaceHost::setProgramChange(const ProgramChange& pc) {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    pc_ = pc;
    ++pcVersion_;
}

uint64_t SurfaceHost::revision() const {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    return wantedVersion_ + pcVersion_;
}

ProgramChange SurfaceHost::programChange() const {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    return pc_;
}

std::vector<std::string> SurfaceHost::status() const {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    return status_;
}

std::vector<BankWindow> SurfaceHost::banks() const {
    std::lock_guard<std::mutex> lock(wantedMutex_);
    return banks_;
}

void SurfaceHost::say(const std::string& text) {
    notes_.push_back(text); // told after the status is published, so a reader of either sees both
}

void SurfaceHost::publish() {
    std::vector<std::string> lines;
    for (const auto& live : live_) {
        const SurfaceConfig& c = live->config;
        std::string line = c.name + ": " + (c.kind == SurfaceConfig::Kind::Mcu ? "Mackie Control" : "generic MIDI (learn, program change)");
        for (size_t u = 0; u < live->units.size(); ++u) {
            const Unit& unit = *live->units[u];
            auto port = [&](bool in) {
                const std::string& part = in ? unit.config.in : unit.config.out;
                return part.empty() ? "virtual '" + (in ? unit.inName : unit.outName) + "'" : "'" + part + "'";
            };
            line += u ? "; " : ", ";
            if (c.kind == SurfaceConfig::Kind::Mcu) line += unit.config.extender ? "xt " : "main ";
            line += port(true) + " / " + port(false) + (unit.open ? " open" : " waiting (" + unit.waiting + ")");
        }
        lines.push_back(line);
    }
    {
        std::lock_guard<std::mutex> lock(wantedMutex_);
        status_ = std::move(lines);
    }
    for (const std::string& note : notes_)
        if (notify_) notify_(note);
    notes_.clear();
}

void SurfaceHost::drop(Unit& unit) {
    // A dead server's clients are abandoned, never closed: RtMidi's close calls into libjack,
    // which crashes once a new server runs (and may, before the shutdown is noticed).
    if (watch_.alive()) unit.ports.close();
    else unit.ports.abandon();
}

void SurfaceHost::openUnit(Live& live, size_t u) {
    Unit& unit = *live.units[u];
    const bool wasMissing = unit.missing;
    drop(unit);
    unit.open = false;
    unit.missing = false;
    if (!jackUp_ || !watch_.alive()) {
        unit.waiting = "no JACK server";
        return;
    }
    const SurfaceConfig::Unit& c = unit.config;
    if (std::string why = missingDevice(c); !why.empty()) {
        unit.missing = true;
        unit.waiting = why;
        return;
    }
    std::string error;
    if (!unit.ports.open(unit.inName, unit.outName, c.in, c.out, &error)) { // the watch saw a server (midi/ports.h)
        unit.waiting = error;
        unit.retryAt = std::chrono::steady_clock::now() + std::chrono::seconds(5); // not every scan
        return;
    }
    unit.open = true;
    unit.waiting.clear();
    unit.resendAt = std::chrono::steady_clock::now() + std::chrono::milliseconds(300);
    if (wasMissing)
        say("MIDI: surface '" + live.config.name + "': '" + (c.in.empty() ? c.out : c.in) + (unit.seen ? "' is back; reopened" : "' found; opened"));
    unit.seen = true;
    std::lock_guard<std::mutex> lock(liveMutex_);
    if (live.mcu) live.mcu->resend(static_cast<int>(u)); // a unit just plugged in shows everything
    if (live.config.kind == SurfaceConfig::Kind::Generic) learnResend_ = true; // a controller gets its LEDs back
}

std::string SurfaceHost::missingDevice(const SurfaceConfig::Unit& c) const {
    if (!c.in.empty() && watch_.portName(c.in, true).empty()) return "no MIDI input '" + c.in + "'";
    if (!c.out.empty() && watch_.portName(c.out, false).empty()) return "no MIDI output '" + c.out + "'";
    return "";
}

void SurfaceHost::apply() {
    std::vector<SurfaceConfig> wanted;
    uint64_t version;
    {
        std::lock_guard<std::mutex> lock(wantedMutex_);
        wanted = wanted_;
        version = wantedVersion_;
    }
    // A surface whose units only changed ports keeps its state (bank, flip, sends mode): the
    // changed units alone reopen.
    for (auto& live : live_)
        for (const SurfaceConfig& config : wanted) {
            if (config.name != live->config.name || config.kind != live->config.kind || config == live->config ||
                config.units.size() != live->units.size())
                continue;
            bool sameRoles = true;
            for (size_t u = 0; u < config.units.size(); ++u)
                sameRoles = sameRoles && config.units[u].extender == live->config.units[u].extender;
            if (!sameRoles) continue;
            {
                std::lock_guard<std::mutex> lock(liveMutex_);
                live->config = config;
            }
            for (size_t u = 0; u < config.units.size(); ++u)
                if (!(live->units[u]->config == config.units[u])) {
                    live->units[u]->config = config.units[u];
                    live->units[u]->seen = false; // another device: its first open is not a return
                    openUnit(*live, u);
                }
        }
    // Close what is no longer wanted (or changed) first: its ports are free before the new open.
    std::vector<std::unique_ptr<Live>> old;
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        for (auto& live : live_)
            if (std::find(wanted.begin(), wanted.end(), live->config) == wanted.end()) old.push_back(std::move(live));
        live_.erase(std::remove(live_.begin(), live_.end(), nullptr), live_.end());
    }
    for (auto& live : old)
        for (auto& unit : live->units) drop(*unit);
    old.clear();
    std::vector<std::unique_ptr<Live>> fresh;
    for (const SurfaceConfig& config : wanted) {
        const bool running = std::any_of(live_.begin(), live_.end(), [&](const auto& l) { return l->config == config; });
        if (running) continue;
        auto live = std::make_unique<Live>();
        live->config = config;
        for (size_t u = 0; u < config.units.size(); ++u) {
            auto unit = std::make_unique<Unit>();
            unit->config = config.units[u];
            unit->inName = config.virtualName(u, true);
            unit->outName = config.virtualName(u, false);
            live->units.push_back(std::move(unit));
        }
        for (size_t u = 0; u < live->units.size(); ++u) openUnit(*live, u);
        fresh.push_back(std::move(live));
    }
    {
        std::lock_guard<std::mutex> lock(liveMutex_);
        for (auto& live : fresh) {
            if (live->config.kind == SurfaceConfig::Kind::Mcu)
                live->mcu = std::make_unique<mcu::Surface>(*console_, scenes_, static_cast<int>(live->config.units.size()),
                                                           live->config.mainUnit(), &selection_);
            live_.push_back(std::move(live));
        }
        std::vector<std::unique_ptr<Live>> ordered; // in the order wanted
        for (const SurfaceConfig& config : wanted)
            for (auto& live : live_)
                if (live && live->config == config) ordered.push_back(std::move(live));
        live_ = std::move(ordered);
    }
    publish();
    {
        std::lock_guard<std::mutex> lock(wantedMutex_);
        appliedVersion_ = version;
    }
    applied_.notify_all();
}

void SurfaceHost::scan() {
    lastScan_ = std::chrono::steady_clock::now();
    if (jackUp_ && !watch_.alive()) { // the server went away: every RtMidi client with it
        jackUp_ = false;
        watch_.close();
        for (auto& live : live_)
            for (auto& unit : live->units) {
                unit->ports.abandon();
                unit->open = false;
                unit->missing = false;
                unit->waiting = "no JACK server";
            }
        say("MIDI: the JACK server went away; the surfaces reopen when it is back");
        publish();
        return;
    }
    if (!jackUp_) {
        if (!watch_.connect()) return;
        jackUp_ = true;
        say("MIDI: JACK server found; opening the surfaces");
        for (auto& live : live_) // the same surfaces (bank, flip, sends mode kept), new clients
            for (size_t u = 0; u < live->units.size(); ++u) openUnit(*live, u);
        publish();
        return;
    }
    bool changed = false;
    const auto now = std::chrono::steady_clock::now();
    for (auto& live : live_)
        for (size_t u = 0; u < live->units.size(); ++u) {
            Unit& unit = *live->units[u];
            const SurfaceConfig::Unit& c = unit.config;
            if (unit.open) {
                // A device port that went (and maybe came back: JACK may reuse its id) has lost
                // our connection.
                const bool inLost = !c.in.empty() && !watch_.linked(c.in, true, unit.inName);
                const bool outLost = !c.out.empty() && !watch_.linked(c.out, false, unit.outName);
                if (!inLost && !outLost) {
                    unit.unlinked = 0;
                    continue;
                }
                if (!watch_.alive()) return; // the server died meanwhile: the next scan says so
                const std::string gone = missingDevice(c);
                // Still there but not connected: a patchbay, or a connection not yet shown in
                // the graph. Twice in a row, and it is connected again by reopening.
                if (gone.empty() && ++unit.unlinked < 2) continue;
                unit.unlinked = 0;
                say("MIDI: surface '" + live->config.name + "': '" + (inLost ? c.in : c.out) +
                    (gone.empty() ? "' was disconnected; reconnecting" : "' went away; waiting for it to come back"));
                drop(unit);
                unit.open = false;
                unit.missing = true;
                unit.waiting = gone.empty() ? "reconnecting" : gone;
                changed = true;
            }
            // Waiting for its device: reopen once it is there (a replug: at once). Else retry later.
            if (unit.missing ? missingDevice(c).empty() : now >= unit.retryAt) {
                openUnit(*live, u);
                changed = true;
            }
        }
    if (changed || !notes_.empty()) publish();
}

void SurfaceHost::loop() {
    auto lastFeedback = std::chrono::steady_clock::now();
    std::vector<uint8_t> message;
    std::vector<std::pair<MidiPorts*, mcu::Message>> outgoing;
    if (!watch_.connect()) say("MIDI: no JACK server (there is no ALSA sequencer here); the surfaces open when one starts");
    else jackUp_ = true;
    lastScan_ = std::chrono::steady_clock::now();
    while (running_.load()) {
        try {
            pass(lastFeedback, message, outgoing);
        } catch (const std::exception& e) { // a fault here must not take the console with it
            say(std::string("MIDI: error in the surface thread: ") + e.what() + "; carrying on");
            publish();
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

void SurfaceHost::pass(std::chrono::steady_clock::time_point& lastFeedback, std::vector<uint8_t>& message,
                       std::vector<std::pair<MidiPorts*, mcu::Message>>& outgoing) {
    uint64_t wantedVersion;
    ProgramChange pc;
    {
        std::lock_guard<std::mutex> lock(wantedMutex_);
        wantedVersion = wantedVersion_;
        pc = pc_;
    }
    if (wantedVersion != appliedVersion_) apply();
    if (std::chrono::steady_clock::now() - lastScan_ >= std::chrono::milliseconds(jackUp_ ? 500 : 1000)) scan();
    // RtMidi's JACK output spins while its ring is full: send only while JACK runs its cycles.
    const bool cycling = jackUp_ && watch_.cycling();
    outgoing.clear();
    std::vector<std::pair<std::string, mcu::Key>> keys;
    {
        // Under the session's lock only what touches the console and the scenes; the
        // sending happens after.
        std::lock_guard<std::mutex> control(*control_);
        std::lock_guard<std::mutex> lock(liveMutex_);
        const auto now = std::chrono::steady_clock::now();
        for (auto& live : live_)
            for (size_t u = 0; u < live->units.size(); ++u) {
                Unit& unit = *live->units[u];
                if (!unit.open || unit.resendAt == std::chrono::steady_clock::time_point{} || now < unit.resendAt) continue;
                unit.resendAt = {};
                if (live->mcu) live->mcu->resend(static_cast<int>(u), false);
                if (live->config.kind == SurfaceConfig::Kind::Generic) learnRefresh_ = true;
            }
        bool genericOpen = false;
        for (auto& live : live_)
            for (size_t u = 0; u < live->units.size(); ++u) {
                Unit& unit = *live->units[u];
                genericOpen = genericOpen || (!live->mcu && unit.open);
                while (unit.open && unit.ports.receive(&message))
                    if (routeMessage(message.data(), message.size(), pc, *scenes_, live->mcu.get(), static_cast<int>(u), learn_))
                        sentRecalls_ = scenes_->recalls(); // it came from outside: not echoed
            }
        if (learn_ && std::exchange(learnResend_, false)) learn_->resend();
        // The settle resend keeps the hands: a control moved since the unit opened was picked
        // up then, and is where its parameter is (CI once saw a knob dropped mid-sweep).
        if (learn_ && std::exchange(learnRefresh_, false)) learn_->resend(false);
        const auto transport = transportState_ ? transportState_() : std::pair<bool, bool>{false, false};
        for (auto& live : live_) {
            if (!live->mcu) continue;
            for (mcu::Key key : live->mcu->takeKeys()) keys.emplace_back(live->config.name, key);
            live->mcu->setTransport(transport.first, transport.second);
        }
        if (std::chrono::steady_clock::now() - lastFeedback >= std::chrono::milliseconds(10)) {
            lastFeedback = std::chrono::steady_clock::now();
            // While JACK runs no cycles nothing is polled, so what was sent stays what the
            // surfaces show: the changes go out once it runs again.
            if (cycling) {
                // Learn feedback only while a controller is there to see it (else it is kept).
                std::vector<mcu::Message> generic = learn_ && genericOpen ? learn_->poll() : std::vector<mcu::Message>{};
                if (scenes_->recalls() != sentRecalls_) { // a recall from anywhere: tell other gear
                    const int current = scenes_->current();
                    if (pc.sendChannel > 0 && current > 0)
                        generic.push_back({static_cast<uint8_t>(0xC0 | (pc.sendChannel - 1)), static_cast<uint8_t>((current - 1) & 0x7F)});
                    sentRecalls_ = scenes_->recalls();
                }
                std::vector<BankWindow> banks;
                for (auto& live : live_) {
                    const bool anyOpen = std::any_of(live->units.begin(), live->units.end(), [](const auto& u) { return u->open; });
                    if (live->mcu && anyOpen)
                        banks.push_back({live->config.name, live->mcu->bankOffset(), live->mcu->strips()});
                    if (live->mcu) {
                        auto units = live->mcu->pollUnits();
                        for (size_t u = 0; u < units.size() && u < live->units.size(); ++u)
                            if (live->units[u]->open) // a closed unit gets everything again when it opens
                                for (auto& m : units[u]) outgoing.emplace_back(&live->units[u]->ports, std::move(m));
                    } else if (live->units[0]->open) {
                        for (const auto& m : generic) outgoing.emplace_back(&live->units[0]->ports, m);
                    }
                }
                std::lock_guard<std::mutex> lock(wantedMutex_);
                banks_ = std::move(banks);
            }
        }
    }
    for (const auto& [ports, m] : outgoing) ports->send(m);
    // Transport keys start and stop takes (files opened, a disk thread joined): under the
    // session's lock as a prompt command is, but not holding the surfaces' own.
    if (!keys.empty() && press_) {
        std::lock_guard<std::mutex> control(*control_);
        for (const auto& [name, key] : keys) {
            static const char* names[] = {"REWIND", "STOP", "PLAY", "RECORD"};
            std::string answer = press_(key);
            while (!answer.empty() && answer.back() == '\n') answer.pop_back();
            if (!answer.empty()) say("MIDI: " + name + " " + names[static_cast<int>(key)] + ": " + answer);
        }
    }
    if (!notes_.empty()) publish();
}

} // namespace hr
