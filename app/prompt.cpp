#include "prompt.h"
#include "prompt_words.h"

#include "show/show.h"
#include "show_midi.h"
#include "devices.h"
#include "user_config.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>

namespace hr {

using words::number;
using words::numberList;
using words::seconds;

namespace {

std::string fmtDb(float db) {
    if (std::isinf(db)) return "-inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", db);
    return buf;
}

std::string meterText(const Meter* left, const Meter* right) {
    const MeterValue l = left->read();
    if (!right) {
        return "peak " + fmtDb(l.peakDb) + " hold " + fmtDb(l.holdDb) + " rms " + fmtDb(l.rmsDb) +
               " clip " + (l.clip ? "on" : "off");
    }
    const MeterValue r = right->read();
    return "peak " + fmtDb(l.peakDb) + "/" + fmtDb(r.peakDb) + " hold " + fmtDb(l.holdDb) + "/" + fmtDb(r.holdDb) +
           " rms " + fmtDb(l.rmsDb) + "/" + fmtDb(r.rmsDb) + " clip " + (l.clip || r.clip ? "on" : "off");
}

const char* kHelp =
    "commands: get PATH | set PATH VALUE | list [PATTERN] | meters [PATTERN] | status | save [FILE] | "
    "load FILE | new [CH [MONO [STEREO]]] | scene list|store|update|recall|go|prev|undo|redo|delete|rename|duplicate|move|fade|notes|scope|safe | "
    "arm all|none|main|CH... | disarm ... | record start [DIR]|stop | takes | play N|latest|NAME|FOLDER | "
    "transport play|stop|locate S|loop A B|loop off | source CH...|all live|playback | learn PATH | unlearn PATH | maps | midi list|ports|open|close|surface|pc | "
    "fx tap K | solo clear | preset list|save CH [whole|eq|dynamics] NAME|load CH NAME | clear | panic on|off | help | quit\n";

} // namespace

std::string Prompt::quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
}

std::vector<std::string> Prompt::tokenize(const std::string& line, std::string* error) {
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
        if (i >= line.size()) break;
        std::string tok;
        if (line[i] == '"') {
            ++i;
            bool closed = false;
            while (i < line.size()) {
                if (line[i] == '\\' && i + 1 < line.size()) {
                    tok += line[i + 1];
                    i += 2;
                } else if (line[i] == '"') {
                    closed = true;
                    ++i;
                    break;
                } else {
                    tok += line[i++];
                }
            }
            if (!closed) {
                *error = "unclosed quote";
                return {};
            }
        } else {
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) tok += line[i++];
        }
        out.push_back(tok);
    }
    return out;
}

std::string Prompt::execute(const std::string& line) {
    std::lock_guard<std::mutex> lock(session_.control); // the surface thread waits while a command runs
    // No command ends the show: whatever a command throws becomes its error line.
    try {
        return executeLocked(line);
    } catch (const std::exception& e) {
        return std::string("error: the command failed: ") + e.what() + "\n";
    } catch (...) {
        return "error: the command failed\n";
    }
}

std::string Prompt::executeLocked(const std::string& line) {
    // A NUL byte means nothing in the grammar, and a path holding one names another file to
    // the OS (it ends there): `record start "s<NUL>x"` twice looped for ever looking for a free
    // take folder name.
    if (line.find('\0') != std::string::npos) return "error: the line holds a NUL byte\n";
    std::string tokError;
    const std::vector<std::string> t = tokenize(line, &tokError);
    if (!tokError.empty()) return "error: " + tokError + "\n";
    if (t.empty() || t[0][0] == '#') return ""; // blank lines and comments (scripts)
    const std::string& cmd = t[0];
    const std::vector<std::string> args(t.begin() + 1, t.end());
    if (cmd == "get") return get(args);
    if (cmd == "set") return set(args);
    if (cmd == "list") return list(args);
    if (cmd == "meters") return meters(args);
    if (cmd == "status") return status();
    if (cmd == "save") return save(args);
    if (cmd == "load") return load(args);
    if (cmd == "new") return newShow(args);
    if (cmd == "scene") return scene(args);
    if (cmd == "arm") return arm(args, true);
    if (cmd == "disarm") return arm(args, false);
    if (cmd == "record") return record(args);
    if (cmd == "takes") return takes();
    if (cmd == "play") return play(args);
    if (cmd == "transport") return transport(args);
    if (cmd == "source") return source(args);
    if (cmd == "learn" || cmd == "unlearn" || cmd == "maps") return learnCommand(cmd, args);
    if (cmd == "midi") return midiCommand(args);
    if (cmd == "solo") return solo(args);
    if (cmd == "preset") return preset(args);
    if (cmd == "clear") {
        session_.engine->console().clearClips();
        return "ok: clip lights cleared\n";
    }
    if (cmd == "panic") {
        if (args.size() != 1 || (args[0] != "on" && args[0] != "off")) return "error: panic: expected on or off\n";
        session_.engine->console().panic(args[0] == "on");
        return std::string("ok: panic ") + (args[0] == "on" ? "on: every output silenced" : "off: outputs restored") + "\n";
    }
    if (cmd == "fx") return fx(args);
    if (cmd == "help") return kHelp;
    if (cmd == "quit" || cmd == "exit") {
        quit_ = true;
        return "ok: quit\n";
    }
    return "error: " + cmd + ": unknown command (try help)\n";
}

std::string Prompt::noSuchParameter(const std::string& path) const {
    const ConsoleConfig& c = session_.engine->console().config();
    const ParamStore& s = session_.engine->console().params();
    std::vector<std::string> seg;
    for (size_t at = 1; at <= path.size();) { // "/ch/2/eq/2/type" -> ch 2 eq 2 type
        const size_t slash = std::min(path.find('/', at), path.size());
        seg.push_back(path.substr(at, slash - at));
        at = slash + 1;
    }
    // A strip number past the console's: say how many there are.
    if (path.size() > 1 && path[0] == '/' && seg.size() >= 2 && number(seg[1], nullptr) && s.match("/" + seg[0] + "/" + seg[1] + "/**").empty() &&
        !s.match("/" + seg[0] + "/*/**").empty()) {
        std::string shape = std::to_string(c.channels) + " channels";
        if (seg[0] == "bus") shape = std::to_string(c.buses()) + " buses";
        else if (seg[0] == "out") shape = std::to_string(c.outputs) + " outputs";
        else if (seg[0] != "ch") shape = "see list /" + seg[0];
        return "error: " + path + ": no such parameter (" + shape + ")\n";
    }
    if (seg.size() >= 4 && seg[0] == "ch" && seg[2] == "send" && number(seg[3], nullptr) && s.match("/ch/" + seg[1] + "/send/" + seg[3] + "/**").empty())
        return "error: " + path + ": no such parameter (" + std::to_string(c.buses()) + " buses)\n";
    // Else: the longest part of the path that exists, and what it holds.
    size_t known = 0;
    std::string prefix;
    for (size_t k = 0; k < seg.size(); ++k) {
        const std::string p = prefix + "/" + seg[k];
        if (s.match(p + "/**").empty() && !s.find(p)) break;
        prefix = p;
        known = k + 1;
    }
    if (known == 0) return "error: " + path + ": no such parameter (paths start /ch, /bus, /main, /dca, /fx, /mtx, /out ...: see list)\n";
    std::vector<std::string> children;
    for (ParamId id : s.match(prefix + "/**")) {
        const std::string& p = s.spec(id).path;
        const size_t from = prefix.size() + 1, end = std::min(p.find('/', from), p.size());
        const std::string child = p.substr(from, end - from);
        if (std::find(children.begin(), children.end(), child) == children.end()) children.push_back(child);
    }
    std::string has;
    for (size_t k = 0; k < children.size() && k < 12; ++k) has += (k ? ", " : "") + children[k];
    if (children.size() > 12) has += ", ...";
    std::string answer = "error: " + path + ": no such parameter; " + prefix + " has " + has;
    // The same name elsewhere in the strip (another band, another unit): say where.
    std::string elsewhere;
    for (size_t k = 2; k < seg.size(); ++k) elsewhere += "/" + (number(seg[k], nullptr) ? std::string("*") : seg[k]);
    if (seg.size() > 2) {
        const std::vector<ParamId> there = s.match("/" + seg[0] + "/" + seg[1] + elsewhere);
        std::string where;
        for (size_t k = 0; k < there.size() && k < 4; ++k) where += (k ? ", " : "") + s.spec(there[k]).path;
        if (!where.empty()) answer += " (" + seg.back() + " is on " + where + ")";
    }
    return answer + "\n";
}


std::vector<ParamId> Prompt::resolve(const std::string& path, bool* pattern) const {
    // A segment that is a number list matches as '*', and the paths found keep only the
    // numbers listed there; '*' and '**' go to the store's match. One pass over the store.
    const ParamStore& s = session_.engine->console().params();
    *pattern = path.find('*') != std::string::npos;
    std::string glob;
    std::vector<std::pair<size_t, std::vector<int>>> lists; // segment index, numbers allowed
    size_t index = 0;
    for (size_t at = 1; !path.empty() && path[0] == '/' && at <= path.size(); ++index) {
        const size_t slash = std::min(path.find('/', at), path.size());
        const std::string seg = path.substr(at, slash - at);
        std::vector<int> ns;
        if ((seg.find('-') != std::string::npos || seg.find(',') != std::string::npos) && numberList(seg, &ns)) {
            std::sort(ns.begin(), ns.end());
            lists.emplace_back(index, std::move(ns));
            glob += "/*";
        } else {
            glob += "/" + seg;
        }
        at = slash + 1;
    }
    if (lists.empty()) return s.match(path);
    *pattern = true;
    std::vector<ParamId> ids;
    for (ParamId id : s.match(glob)) {
        const std::string& p = s.spec(id).path;
        bool keep = true;
        for (const auto& [want, ns] : lists) { // the path's segment `want`, as a number, is listed
            size_t at = 1;
            for (size_t k = 0; k < want && at != std::string::npos; ++k) at = p.find('/', at) + 1;
            int n = 0;
            const size_t end = std::min(p.find('/', at), p.size());
            keep = keep && at != 0 && number(p.substr(at, end - at), &n) && std::binary_search(ns.begin(), ns.end(), n);
        }
        if (keep) ids.push_back(id);
    }
    return ids;
}

std::string Prompt::show(ParamId id) const {
    const ParamStore& s = session_.engine->console().params();
    const ParamSpec& spec = s.spec(id);
    return spec.path + " " + (spec.isText() ? quote(s.text(id)) : spec.format(s.get(id)));
}

std::string Prompt::get(const std::vector<std::string>& args) {
    if (args.size() != 1) return "error: get: expected one parameter path (get /ch/1/fader)\n";
    const auto id = session_.engine->console().params().find(args[0]);
    if (!id) return noSuchParameter(args[0]);
    return show(*id) + "\n";
}

std::string Prompt::set(const std::vector<std::string>& args) {
    // set PATH VALUE: the value may be several words ("100 ms", "Lead Vox"); PATH may be a
    // pattern or hold ranges (/ch/*/send/1/level, /ch/1-8/mute), and every match is set.
    if (args.size() < 2) return "error: set: expected a path and a value (set /ch/1/fader -6)\n";
    std::string value = args[1];
    for (size_t k = 2; k < args.size(); ++k) value += " " + args[k];
    ParamStore& s = session_.engine->console().params();
    bool pattern = false;
    const std::vector<ParamId> ids = resolve(args[0], &pattern);
    if (ids.empty()) return pattern ? "error: set: " + args[0] + " matches no parameter\n" : noSuchParameter(args[0]);
    // Every value is read before any is set: one that is refused sets nothing.
    std::vector<float> values(ids.size(), 0.0f);
    for (size_t k = 0; k < ids.size(); ++k) {
        const ParamSpec& spec = s.spec(ids[k]);
        if (spec.isText()) continue;
        std::string why;
        const auto v = spec.parse(value, &why);
        if (!v) return "error: " + spec.path + ": " + why + (pattern ? " (nothing set)" : "") + "\n";
        values[k] = *v;
    }
    int changed = 0;
    for (size_t k = 0; k < ids.size(); ++k) {
        const ParamSpec& spec = s.spec(ids[k]);
        if (spec.isText()) {
            changed += s.text(ids[k]) != value;
            s.setText(ids[k], value, Source::Prompt);
        } else {
            const float before = s.get(ids[k]);
            changed += s.set(ids[k], values[k], Source::Prompt) != before;
        }
    }
    if (!pattern) return show(ids[0]) + "\n";
    const ParamSpec& first = s.spec(ids[0]);
    return "ok: " + args[0] + ": " + std::to_string(ids.size()) + " parameters set to " +
           (first.isText() ? quote(value) : first.format(values[0])) + ", " + std::to_string(changed) + " changed\n";
}

std::string Prompt::list(const std::vector<std::string>& args) {
    if (args.size() > 1) return "error: list: expected at most one pattern (list /ch/1/**)\n";
    const ParamStore& s = session_.engine->console().params();
    std::string pattern = args.empty() ? "/**" : args[0];
    if (pattern.find('*') == std::string::npos && !s.find(pattern)) pattern += "/**"; // a strip's whole subtree
    const std::vector<ParamId> ids = s.match(pattern);
    if (ids.empty()) return "error: " + args[0] + ": matches no parameter\n";
    std::string out;
    for (ParamId id : ids) out += show(id) + "\n";
    return out + "\n";
}

std::string Prompt::meters(const std::vector<std::string>& args) {
    if (args.size() > 1) return "error: meters: expected at most one pattern (meters /ch/*)\n";
    const std::string pattern = args.empty() ? "/**" : args[0];
    const Console& c = session_.engine->console();
    const ConsoleConfig& cfg = c.config();
    std::string out;
    auto add = [&](const std::string& name, const std::string& text) {
        if (pathMatches(pattern, name)) out += name + " " + text + "\n";
    };
    for (int ch = 0; ch < cfg.channels; ++ch) {
        const StripMeters& m = c.channelMeters(ch);
        add("/ch/" + std::to_string(ch + 1), "in " + meterText(&m.in, nullptr) + " | out " + meterText(&m.out, nullptr) +
                                                 " | gate " + fmtDb(m.gate.readDb()) + " comp " + fmtDb(m.comp.readDb()));
    }
    for (int b = 0; b < cfg.buses(); ++b) {
        const MasterMeters& m = c.busMeters(b);
        const bool stereo = cfg.busWidths[static_cast<size_t>(b)] == 2;
        add("/bus/" + std::to_string(b + 1), "in " + meterText(&m.in[0], stereo ? &m.in[1] : nullptr) + " | out " +
                                                 meterText(&m.out[0], stereo ? &m.out[1] : nullptr) + " | comp " +
                                                 fmtDb(m.comp.readDb()));
    }
    const MasterMeters& mm = c.mainMeters();
    add("/main", "in " + meterText(&mm.in[0], &mm.in[1]) + " | out " + meterText(&mm.out[0], &mm.out[1]) + " | comp " +
                     fmtDb(mm.comp.readDb()));
    const MasterMeters& mon = c.monitorMeters();
    add("/monitor", std::string("out ") + meterText(&mon.out[0], &mon.out[1]) + " | solo " + (c.soloActive() ? "on" : "off"));
    if (out.empty()) return "error: " + pattern + ": matches no meter (/ch/N, /bus/N, /main, /monitor)\n";
    return out + "\n";
}

std::string Prompt::status() {
    const Console& c = session_.engine->console();
    const LoadFigures load = session_.engine->load();
    const auto up = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::steady_clock::now() - session_.started).count();
    char buf[512];
    const DeviceState* d = session_.device && session_.device->isOpen() ? &session_.device->state() : nullptr;
    std::snprintf(buf, sizeof buf,
                  "api %s device \"%s\" rate %.0f buffer %d inputs %d outputs %d load %.1f%% peak %.1f%% xruns %llu "
                  "uptime %02lld:%02lld:%02lld show \"%s\" console %dx%d%s%s%s\n",
                  d ? d->api.c_str() : "none", d ? d->device.c_str() : "", d ? d->rate : session_.engine->sampleRate(),
                  d ? d->buffer : session_.engine->maxBlock(), d ? d->inputs : 0, d ? d->outputs : 0, load.averagePercent,
                  load.peakPercent, static_cast<unsigned long long>(load.xruns), static_cast<long long>(up / 3600),
                  static_cast<long long>((up / 60) % 60), static_cast<long long>(up % 60), session_.showName.c_str(),
                  c.config().channels, c.config().buses(), session_.engine->demo() ? " demo" : "",
                  session_.deviceNote.empty() ? "" : " note: ", session_.deviceNote.c_str());
    std::string out = buf;
    out.pop_back(); // the newline
    if (session_.recorder.active() || !session_.recorder.error().empty()) {
        uint64_t dropped = 0;
        for (const TrackStatus& t : session_.recorder.status()) dropped += t.dropped;
        char rec[160];
        std::snprintf(rec, sizeof rec, " record %s %.1f s dropped %llu", session_.recorder.active() ? "on" : "stopped",
                      session_.recorder.seconds(), static_cast<unsigned long long>(dropped));
        out += rec;
        if (!session_.recorder.error().empty()) out += " error: " + session_.recorder.error();
    }
    if (session_.player.loaded()) {
        char tr[200];
        std::snprintf(tr, sizeof tr, " transport %s %.2f/%.2f s underruns %llu", session_.player.playing() ? "play" : "stop",
                      session_.player.position(), session_.player.length(),
                      static_cast<unsigned long long>(session_.player.underruns()));
        out += tr;
        if (session_.player.loopTo() >= 0) {
            std::snprintf(tr, sizeof tr, " loop %.2f-%.2f", session_.player.loopFrom(), session_.player.loopTo());
            out += tr;
        }
    }
    return out + "\n";
}

nlohmann::ordered_json showExtras(const Session& session) {
    nlohmann::ordered_json extra = nlohmann::ordered_json::object();
    if (session.learn) extra["midi"] = session.learn->toJson();
    if (session.surfaces) {
        extra["midi"]["programChange"] = programChangeToJson(session.surfaces->programChange());
        extra["surfaces"] = surfacesToJson(session.surfaces->surfaces());
    }
    return extra;
}

uint64_t showChanges(const Session& session) {
    uint64_t n = session.engine->console().params().generation() + session.scenes.revision();
    if (session.learn) n += session.learn->revision();
    if (session.surfaces) n += session.surfaces->revision();
    return n;
}

std::string Prompt::save(const std::vector<std::string>& args) {
    if (args.size() > 1) return "error: save: expected at most one file name\n";
    const std::string path = args.empty() ? session_.showPath : args[0];
    if (path.empty()) return "error: save: no show file yet; give one (save myshow.json)\n";
    std::string error;
    const std::string doc = serializeShow(session_.engine->console(), session_.showName, &session_.scenes, showExtras(session_));
    if (!saveShowFile(path, doc, &error)) return "error: " + error + "\n";
    session_.showPath = path;
    rememberShow(path);
    session_.savedChanges = showChanges(session_);
    return "ok: saved " + path + "\n";
}

std::string Prompt::load(const std::vector<std::string>& args) {
    if (args.size() != 1) return "error: load: expected a show file\n";
    ShowError e;
    auto show = loadShowFile(args[0], &e);
    if (!show) return "error: " + e.message() + "\n";
    return adopt(std::move(*show), args[0], args[0]);
}

std::string Prompt::newShow(const std::vector<std::string>& args) {
    // new [CHANNELS [MONO_BUSES [STEREO_BUSES]]]: a blank console, untitled until saved.
    int shape[3] = {16, 8, 0};
    if (args.size() > 3) return "error: new: expected at most channels, mono buses and stereo buses (new 32 8 4)\n";
    for (size_t k = 0; k < args.size(); ++k) {
        int n = -1;
        const char* end = args[k].data() + args[k].size();
        if (std::from_chars(args[k].data(), end, n).ptr != end || n < (k == 0 ? 1 : 0) || n > (k == 0 ? kMaxChannels : kMaxBuses))
            return "error: new: " + args[k] + ": " + (k == 0 ? "channels are 1.." + std::to_string(kMaxChannels)
                                                               : "buses are 0.." + std::to_string(kMaxBuses)) + "\n";
        shape[k] = n;
    }
    Show show;
    show.name = "untitled";
    show.config.channels = shape[0];
    show.config.busWidths.assign(static_cast<size_t>(shape[1]), 1);
    show.config.busWidths.insert(show.config.busWidths.end(), static_cast<size_t>(shape[2]), 2);
    show.config.inputs = shape[0];
    show.config.outputs = std::max(2, std::min(256, 2 + shape[1] + 2 * shape[2]));
    if (const std::string why = show.config.validate(); !why.empty()) return "error: new: " + why + "\n";
    show.scenes = SceneList();
    return adopt(std::move(show), "", "new show");
}

std::string Prompt::adopt(Show&& show, const std::string& path, const std::string& readFrom) {
    const std::string what = path.empty() ? "new" : "load";
    if (session_.recorder.active()) return "error: " + what + ": a take is recording; record stop first\n";
    ShowError e;
    ShowSurfaces surfaces; // checked before anything changes
    if (!checkShowMidi(show, readFrom, &surfaces, &e)) return "error: " + e.message() + "\n"; // maps too
    Console& current = session_.engine->console();
    std::string note;
    if (sameShape(show.config, current.config())) {
        current.cancelFade();
        applyShow(show, current);
        current.rampInOutputs();
    } else {
        auto next = std::make_unique<Console>(show.config);
        applyShow(show, *next);
        if (!session_.engine->replaceConsole(std::move(next)))
            note = "note: " + what + ": the audio thread has not finished its block on the old console; it is freed later\n";
    }
    session_.scenes = std::move(show.scenes);
    session_.scenes.bind(session_.engine->console());
    session_.engine->console().setRecorder(&session_.recorder);
    session_.engine->console().setPlayer(&session_.player);
    if (session_.learn) {
        session_.learn->rebind(session_.engine->console().params());
        std::string why; // checked with the show above: cannot fail
        session_.learn->fromJson(show.extra.contains("midi") ? show.extra["midi"] : nlohmann::ordered_json::object(), &why);
    }
    if (session_.consoleReplaced) session_.consoleReplaced(); // surfaces follow the new console
    if (session_.surfaces) { // the show's settings, else the ones in use stay; they open in the background
        if (surfaces.pcPresent) session_.surfaces->setProgramChange(surfaces.pc);
        if (surfaces.present) session_.surfaces->configure(surfaces.surfaces, std::chrono::milliseconds(0));
    }
    session_.showPath = path;
    if (!path.empty()) rememberShow(path);
    session_.showName = show.name;
    session_.savedChanges = showChanges(session_);
    const ConsoleConfig& c = session_.engine->console().config();
    const std::string shape = std::to_string(c.channels) + " channels, " + std::to_string(c.buses()) + " buses";
    return note + (path.empty() ? "ok: new show (" + shape + "); save FILE names it\n" : "ok: loaded " + readFrom + " (" + shape + ")\n");
}

} // namespace hr

namespace hr {

namespace {
std::string recallAnswer(const SceneList& list, int n, const SceneList::RecallReport& r) {
    char buf[256];
    const Scene& sc = list.scene(n);
    std::snprintf(buf, sizeof buf, "ok: recalled scene %d \"%s\": %d changed (%d fading over %.1f s), %d safe, %d out of scope, %.2f ms\n",
                  n, sc.name.c_str(), r.changed, r.fading, sc.fadeSeconds, r.safe, r.outOfScope, r.controlMs);
    return buf;
}
} // namespace

std::string Prompt::scene(const std::vector<std::string>& a) {
    SceneList& list = session_.scenes;
    const std::string sub = a.empty() ? "list" : a[0];
    std::string why;
    auto err = [&](const std::string& text) { return "error: scene " + sub + ": " + text + "\n"; };
    if (!list.bound()) return err("no console is bound to the cue list");
    auto scene = [&](size_t i, int* n) {
        if (a.size() <= i) return false;
        const auto found = list.find(a[i], &why);
        if (!found) return false;
        *n = *found;
        return true;
    };
    int n = 0, to = 0;
    SceneList::RecallReport report;
    if (sub == "list") {
        std::string out;
        for (int i = 1; i <= list.size(); ++i) {
            const Scene& sc = list.scene(i);
            char buf[128];
            std::snprintf(buf, sizeof buf, "%s%d ", i == list.current() ? "*" : " ", i);
            out += buf + quote(sc.name);
            std::snprintf(buf, sizeof buf, " fade %.1f s", sc.fadeSeconds);
            out += buf + std::string(" scope ") + sc.scope.describe();
            if (!sc.notes.empty()) out += " notes " + quote(sc.notes);
            out += "\n";
        }
        if (list.size() == 0) out = "(no scenes)\n";
        return out + "\n";
    }
    if (sub == "store") {
        if (a.size() < 2 || a.size() > 3) return err("expected a name (scene store \"Song 1\" [\"notes\"])");
        n = list.store(a[1], a.size() == 3 ? a[2] : "");
        return "ok: stored scene " + std::to_string(n) + " " + quote(a[1]) + "\n";
    }
    if (sub == "update") {
        n = list.current();
        if (a.size() == 2 && !scene(1, &n)) return err(why);
        if (n == 0) return err("no current scene; give a number");
        if (!list.update(n, &why)) return err(why);
        return "ok: updated scene " + std::to_string(n) + " " + quote(list.scene(n).name) + "\n";
    }
    if (sub == "recall") {
        if (a.size() < 2) return err("expected a number or a name");
        std::string key = a[1]; // scene recall Three Chords: the words are one name
        for (size_t k = 2; k < a.size(); ++k) key += " " + a[k];
        const auto found = list.find(key, &why);
        if (!found) return err(why);
        n = *found;
        if (!list.recall(n, &report, &why)) return err(why);
        return recallAnswer(list, n, report);
    }
    if (sub == "go" || sub == "prev") {
        if (!(sub == "go" ? list.go(&report, &why) : list.prev(&report, &why))) return err(why);
        return recallAnswer(list, list.current(), report);
    }
    if (sub == "undo" || sub == "redo") {
        if (!(sub == "undo" ? list.undo(&why) : list.redo(&why))) return err(why);
        return "ok: " + sub + " of the last recall\n";
    }
    if (sub == "delete") {
        if (a.size() != 2) return err("expected a scene number or name");
        if (!scene(1, &n)) return err(why);
        const std::string name = list.scene(n).name;
        list.remove(n, &why);
        return "ok: deleted scene " + std::to_string(n) + " " + quote(name) + "\n";
    }
    if (sub == "rename" || sub == "notes") {
        if (a.size() < 3) return err("expected a scene and a text (scene " + sub + " 2 \"text\")");
        if (!scene(1, &n)) return err(why);
        std::string text = a[2]; // several words without quotes are one text: scene notes 2 band in
        for (size_t k = 3; k < a.size(); ++k) text += " " + a[k];
        if (!(sub == "rename" ? list.rename(n, text, &why) : list.setNotes(n, text, &why))) return err(why);
        return "ok: scene " + std::to_string(n) + (sub == "rename" ? " is now " : " notes ") + quote(text) + "\n";
    }
    if (sub == "duplicate") {
        if (a.size() != 2) return err("expected a scene number or name");
        if (!scene(1, &n)) return err(why);
        to = list.duplicate(n, &why);
        return "ok: scene " + std::to_string(to) + " " + quote(list.scene(to).name) + "\n";
    }
    if (sub == "move") {
        if (a.size() != 3) return err("expected a scene and a position (scene move 5 2)");
        if (!scene(1, &n)) return err(why);
        if (!number(a[2], &to)) return err("'" + a[2] + "' is not a position 1.." + std::to_string(list.size()));
        if (!list.move(n, to, &why)) return err(why);
        return "ok: scene " + quote(list.scene(to).name) + " is now number " + std::to_string(to) + "\n";
    }
    if (sub == "fade") {
        double fade = 0.0;
        if (a.size() != 3) return err("expected a scene and seconds (scene fade 2 3.5)");
        if (!scene(1, &n)) return err(why);
        if (!seconds(a[2], &fade)) return err("'" + a[2] + "' is not a time in seconds");
        if (!list.setFade(n, fade, &why)) return err(why);
        char buf[96];
        std::snprintf(buf, sizeof buf, "ok: scene %d fades over %.1f s\n", n, fade);
        return buf;
    }
    if (sub == "scope") {
        if (a.size() < 3) return err("expected a scene and groups or strips (scene scope 2 fader sends /ch/1)");
        if (!scene(1, &n)) return err(why);
        if (!list.setScope(n, std::vector<std::string>(a.begin() + 2, a.end()), &why)) return err(why);
        return "ok: scene " + std::to_string(n) + " recalls " + list.scene(n).scope.describe() + "\n";
    }
    if (sub == "safe") {
        const std::string op = a.size() > 1 ? a[1] : "list";
        if (op == "list") {
            std::string out;
            for (const auto& p : list.safes()) out += p + "\n";
            return (out.empty() ? "(no safes)\n" : out) + "\n";
        }
        if (a.size() != 3 || (op != "add" && op != "remove")) return err("expected add|remove PATTERN or list");
        if (!(op == "add" ? list.addSafe(a[2], &why) : list.removeSafe(a[2], &why))) return err(why);
        return "ok: " + a[2] + (op == "add" ? " is safe from recalls\n" : " is no longer safe\n");
    }
    return "error: scene " + sub + ": unknown (list store update recall go prev undo redo delete rename duplicate move fade notes scope safe)\n";
}

} // namespace hr

namespace hr {

// fx tap K: a tap on FX K's tempo, as its GUI button and a learnt MIDI note give it:
// /fx/K/tap on, which the engine times and sets off again (console_fx.cpp).
std::string Prompt::fx(const std::vector<std::string>& args) {
    int k = 0;
    if (args.size() != 2 || args[0] != "tap" || !number(args[1], &k) || k < 1 || k > kFxSlots)
        return "error: fx: expected fx tap K (K 1.." + std::to_string(kFxSlots) + ")\n";
    Console& c = session_.engine->console();
    c.params().set(c.tree().fx[k - 1].tap, 1.0f, Source::Prompt);
    return "ok: fx " + std::to_string(k) + " tapped (two taps within 3 s set its tempo, or its time with no division)\n";
}

} // namespace hr

namespace hr {

std::string Prompt::learnCommand(const std::string& cmd, const std::vector<std::string>& args) {
    if (!session_.learn) return "error: " + cmd + ": no MIDI learn here\n";
    midi::Learn& learn = *session_.learn;
    if (cmd == "maps") {
        std::string out;
        for (const midi::Mapping& m : learn.maps()) out += learn.describe(m) + "\n";
        return (out.empty() ? "(no MIDI maps)\n" : out) + "\n";
    }
    if (args.size() != 1) return "error: " + cmd + ": expected a parameter path\n";
    std::string why;
    if (cmd == "unlearn") return learn.unlearn(args[0]) ? "ok: " + args[0] + " is no longer mapped\n" : "error: unlearn: " + args[0] + " is not mapped\n";
    std::string where; // the generic surfaces learn listens to
    if (session_.surfaces) {
        for (const SurfaceConfig& c : session_.surfaces->surfaces())
            if (c.kind == SurfaceConfig::Kind::Generic)
                where += (where.empty() ? " (" : ", ") + c.name + " on " +
                         (c.units[0].in.empty() ? "virtual '" + c.virtualName(0, true) + "'" : "'" + c.units[0].in + "'");
        if (where.empty()) return "error: learn: no generic MIDI surface to learn from; add one (midi surface NAME generic [IN [OUT]])\n";
        where += ")";
    }
    if (!learn.arm(args[0], &why)) return "error: learn: " + why + "\n";
    return "ok: move a control on a generic MIDI controller" + where + " to map it to " + args[0] + "\n";
}

} // namespace hr

namespace hr {

namespace {
// Lets go of the session's lock for a while (execute() holds it for the whole command) and
// takes it back however the scope ends.
struct Unlocked {
    explicit Unlocked(std::mutex& m) : mutex(m) { mutex.unlock(); }
    ~Unlocked() { mutex.lock(); }
    std::mutex& mutex;
};
} // namespace

bool Prompt::configureSurfaces(std::vector<SurfaceConfig> surfaces) {
    // The service thread takes `control` for each pass: let go while it opens the ports.
    Unlocked unlocked(session_.control);
    return session_.surfaces->configure(std::move(surfaces));
}

namespace {
std::string surfaceLine(const SurfaceHost& host, const std::string& name) {
    for (const std::string& line : host.status())
        if (line.rfind(name + ": ", 0) == 0) return line;
    return name + ": not open";
}

std::string describe(const ProgramChange& pc) {
    std::string out = "program change on " + (pc.channel ? "channel " + std::to_string(pc.channel) : std::string("any channel")) +
                      (pc.go ? " steps GO" : " recalls scene v+1");
    out += pc.sendChannel ? "; every recall sends its program change on channel " + std::to_string(pc.sendChannel)
                          : "; recalls send no program change";
    return out;
}

std::string port(const std::string& word) { return word == "-" ? std::string() : word; } // "-": a virtual port

bool parseChannel(const std::string& word, const char* none, int* channel) {
    if (word == none) {
        *channel = 0;
        return true;
    }
    char* end = nullptr;
    const long v = std::strtol(word.c_str(), &end, 10);
    if (word.empty() || *end != '\0' || v < 1 || v > 16) return false;
    *channel = static_cast<int>(v);
    return true;
}
} // namespace

std::string Prompt::midiCommand(const std::vector<std::string>& a) {
    if (!session_.surfaces) return "error: midi: no control surfaces here\n";
    SurfaceHost& host = *session_.surfaces;
    const std::string sub = a.empty() ? "list" : a[0];
    if (sub == "list" || sub == "ports") {
        std::string out;
        std::vector<MidiListing> ports;
        if (sub == "ports") { // JACK clients come and go for the listing: not under the lock
            Unlocked unlocked(session_.control);
            ports = listMidiPorts();
        }
        for (const MidiListing& m : ports) {
                for (const auto& p : m.inputs) out += "in  " + m.api + ": " + p + "\n";
                for (const auto& p : m.outputs) out += "out " + m.api + ": " + p + "\n";
                if (!m.error.empty()) out += m.api + ": " + m.error + "\n";
            }
        for (const std::string& line : host.status()) out += line + "\n";
        out += describe(host.programChange()) + "\n";
        return out + "\n";
    }
    if (sub == "close") {
        if (a.size() > 2) return "error: midi close: expected at most one surface name\n";
        const std::string name = a.size() > 1 ? a[1] : "mcu";
        auto surfaces = host.surfaces();
        const auto it = std::find_if(surfaces.begin(), surfaces.end(), [&](const SurfaceConfig& c) { return c.name == name; });
        if (it == surfaces.end()) return "error: midi close: no surface '" + name + "'\n";
        surfaces.erase(it);
        const bool done = configureSurfaces(std::move(surfaces));
        return "ok: surface '" + name + "' " + (done ? "closed" : "closing") + "\n";
    }
    if (sub == "open") { // the Mackie Control 'mcu', one unit (remembered for shows without surfaces)
        if (a.size() > 3 || std::any_of(a.begin() + 1, a.end(), [](const std::string& w) { return w == "main" || w == "xt"; }))
            return "error: midi open: expected [IN [OUT]] port names (none or -: virtual ports)\n";
        std::vector<std::string> words{"surface", "mcu", "mcu", "main"};
        words.insert(words.end(), a.begin() + 1, a.end());
        const std::string answer = surfaceCommand(words);
        if (answer.rfind("ok:", 0) == 0) { // remembered for shows without surfaces
            const std::string in = a.size() > 1 ? port(a[1]) : "";
            setConfigValue("midiIn", in);
            setConfigValue("midiOut", a.size() > 2 ? port(a[2]) : in);
        }
        return answer;
    }
    if (sub == "surface") return surfaceCommand(a);
    if (sub == "pc") return programChangeCommand(a);
    return "error: midi: expected list, ports, open [IN [OUT]], close [NAME], surface NAME KIND ..., or pc\n";
}

std::string Prompt::surfaceCommand(const std::vector<std::string>& a) {
    // surface NAME mcu [main|xt [IN [OUT]]]...  |  surface NAME generic [IN [OUT]]   ("-": a virtual port)
    const char* usage = "error: midi surface: expected NAME mcu [main|xt [IN [OUT]]]... or NAME generic [IN [OUT]] "
                        "(port names are parts of the device's; - or none: a virtual port)\n";
    if (a.size() < 3) return usage;
    if (!validSurfaceName(a[1]))
        return "error: midi surface: '" + a[1] + "' is not a surface name (letters, digits, - and _; it names the virtual ports)\n";
    SurfaceConfig c;
    c.name = a[1];
    if (a[2] == "generic") {
        if (a.size() > 5) return usage;
        c.kind = SurfaceConfig::Kind::Generic;
        c.units[0].in = a.size() > 3 ? port(a[3]) : "";
        c.units[0].out = a.size() > 4 ? port(a[4]) : c.units[0].in;
    } else if (a[2] == "mcu") {
        c.units.clear();
        for (size_t i = 3; i < a.size();) {
            if (a[i] != "main" && a[i] != "xt") return "error: midi surface: '" + a[i] + "' is not a unit (main or xt)\n";
            SurfaceConfig::Unit u;
            u.extender = a[i++] == "xt";
            std::vector<std::string> names;
            while (i < a.size() && a[i] != "main" && a[i] != "xt" && names.size() < 2) names.push_back(port(a[i++]));
            if (i < a.size() && a[i] != "main" && a[i] != "xt") return usage;
            u.in = names.empty() ? "" : names[0];
            u.out = names.size() > 1 ? names[1] : u.in;
            c.units.push_back(u);
        }
        if (c.units.empty()) c.units.push_back({});
        const auto mains = std::count_if(c.units.begin(), c.units.end(), [](const auto& u) { return !u.extender; });
        if (mains != 1) return "error: midi surface: a Mackie Control has exactly one main unit (the others are xt)\n";
        if (c.units.size() > 8) return "error: midi surface: at most 8 units (a main unit and 7 XTs)\n";
    } else {
        return usage;
    }
    auto surfaces = session_.surfaces->surfaces();
    const auto it = std::find_if(surfaces.begin(), surfaces.end(), [&](const SurfaceConfig& s) { return s.name == c.name; });
    if (it != surfaces.end()) *it = c;
    else surfaces.push_back(c);
    if (!configureSurfaces(std::move(surfaces))) return "ok: " + c.name + ": configured; its ports are still opening (see midi)\n";
    return "ok: " + surfaceLine(*session_.surfaces, c.name) + "\n";
}

std::string Prompt::programChangeCommand(const std::vector<std::string>& a) {
    SurfaceHost& host = *session_.surfaces;
    ProgramChange pc = host.programChange();
    if (a.size() == 1) return describe(pc) + "\n";
    if (a[1] == "send") {
        if (a.size() != 3 || !parseChannel(a[2], "off", &pc.sendChannel))
            return "error: midi pc send: expected a MIDI channel 1-16 or off\n";
    } else if (a[1] == "recall" || a[1] == "go") {
        pc.go = a[1] == "go";
        if (a.size() > 3 || (a.size() == 3 && !parseChannel(a[2], "any", &pc.channel)))
            return "error: midi pc " + a[1] + ": expected a MIDI channel 1-16 or any\n";
    } else {
        return "error: midi pc: expected recall|go [any|CH] or send off|CH\n";
    }
    host.setProgramChange(pc);
    return "ok: " + describe(pc) + "\n";
}

} // namespace hr
