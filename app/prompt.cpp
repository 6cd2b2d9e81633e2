#include "prompt.h"

#include "show/show.h"

#include <cmath>
#include <cstdio>

namespace hr {

namespace {

std::string fmtDb(float db) {
    if (std::isinf(db)) return "-inf";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", db);
    return buf;
}

std::string quote(const std::string& text) {
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\') out += '\\';
        out += c;
    }
    return out + "\"";
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
    "load FILE | clear | panic on|off | help | quit\n";

} // namespace

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
    if (cmd == "clear") {
        session_.engine->console().clearClips();
        return "ok: clip lights cleared\n";
    }
    if (cmd == "panic") {
        if (args.size() != 1 || (args[0] != "on" && args[0] != "off")) return "error: panic: expected on or off\n";
        session_.engine->console().panic(args[0] == "on");
        return std::string("ok: panic ") + (args[0] == "on" ? "on: every output silenced" : "off: outputs restored") + "\n";
    }
    if (cmd == "help") return kHelp;
    if (cmd == "quit" || cmd == "exit") {
        quit_ = true;
        return "ok: quit\n";
    }
    return "error: " + cmd + ": unknown command (try help)\n";
}

std::string Prompt::noSuchParameter(const std::string& path) const {
    const ConsoleConfig& c = session_.engine->console().config();
    std::string shape = std::to_string(c.channels) + " channels";
    if (path.rfind("/bus/", 0) == 0 || path.find("/send/") != std::string::npos)
        shape = std::to_string(c.buses()) + " buses";
    else if (path.rfind("/out/", 0) == 0)
        shape = std::to_string(c.outputs) + " outputs";
    return "error: " + path + ": no such parameter (" + shape + ")\n";
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
    if (args.size() != 2) return "error: set: expected a path and a value (set /ch/1/fader -6)\n";
    ParamStore& s = session_.engine->console().params();
    const auto id = s.find(args[0]);
    if (!id) return noSuchParameter(args[0]);
    const ParamSpec& spec = s.spec(*id);
    if (spec.isText()) {
        s.setText(*id, args[1], Source::Prompt);
        return show(*id) + "\n";
    }
    std::string why;
    const auto v = spec.parse(args[1], &why);
    if (!v) return "error: " + spec.path + ": " + why + "\n";
    s.set(*id, *v, Source::Prompt);
    return show(*id) + "\n";
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
    return buf;
}

std::string Prompt::save(const std::vector<std::string>& args) {
    if (args.size() > 1) return "error: save: expected at most one file name\n";
    const std::string path = args.empty() ? session_.showPath : args[0];
    if (path.empty()) return "error: save: no show file yet; give one (save myshow.json)\n";
    std::string error;
    const std::string doc = serializeShow(session_.engine->console(), session_.showName);
    if (!saveShowFile(path, doc, &error)) return "error: " + error + "\n";
    session_.showPath = path;
    return "ok: saved " + path + "\n";
}

std::string Prompt::load(const std::vector<std::string>& args) {
    if (args.size() != 1) return "error: load: expected a show file\n";
    ShowError e;
    auto show = loadShowFile(args[0], &e);
    if (!show) return "error: " + e.message() + "\n";
    Console& current = session_.engine->console();
    if (sameShape(show->config, current.config())) {
        applyShow(*show, current);
        current.rampInOutputs();
    } else {
        auto next = std::make_unique<Console>(show->config);
        applyShow(*show, *next);
        session_.engine->replaceConsole(std::move(next), std::chrono::milliseconds(500));
    }
    session_.showPath = args[0];
    session_.showName = show->name;
    const ConsoleConfig& c = session_.engine->console().config();
    return "ok: loaded " + args[0] + " (" + std::to_string(c.channels) + " channels, " + std::to_string(c.buses()) +
           " buses)\n";
}

} // namespace hr
