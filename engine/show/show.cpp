// Show files: parse and check, apply, serialise, save atomically.
#include "show/show.h"

#include "show/json_read.h"
#include "show/json_value.h"

#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <fcntl.h>
#include <unistd.h>

namespace hr {

using json = nlohmann::ordered_json;

namespace {

constexpr int kFormatVersion = 1;

// Refuses with the value at `pointer` (its line and column in `text`).
bool fail(ShowError* e, const std::string& text, const std::string& pointer, std::string reason) {
    if (e) {
        e->pointer = pointer;
        locatePointer(text, pointer, &e->line, &e->column);
        e->reason = std::move(reason);
    }
    return false;
}

bool readConfig(const json& doc, const std::string& text, ConsoleConfig* cfg, ShowError* e) {
    if (!doc.contains("console")) return fail(e, text, "", "no \"console\" section (channels, buses, inputs, outputs)");
    const json& c = doc["console"];
    if (!c.is_object()) return fail(e, text, "/console", "\"console\" must be an object");
    auto readInt = [&](const char* key, int* out) {
        if (!c.contains(key)) return true;
        if (!jsonInt(c[key], 0, 1 << 24, out))
            return fail(e, text, pointerTo("/console", key), std::string("console.") + key + ": expected a whole number");
        return true;
    };
    int rate = static_cast<int>(cfg->sampleRate);
    if (!readInt("sampleRate", &rate) || !readInt("channels", &cfg->channels) ||
        !readInt("inputs", &cfg->inputs) || !readInt("outputs", &cfg->outputs) ||
        !readInt("blockSize", &cfg->blockSize))
        return false;
    cfg->sampleRate = rate;
    if (c.contains("buses")) {
        const json& b = c["buses"];
        if (!b.is_array()) return fail(e, text, "/console/buses", "console.buses: expected a list of \"mono\"/\"stereo\"");
        cfg->busWidths.clear();
        for (size_t i = 0; i < b.size(); ++i) {
            const json& w = b[i];
            if (w == "mono") cfg->busWidths.push_back(1);
            else if (w == "stereo") cfg->busWidths.push_back(2);
            else return fail(e, text, pointerTo("/console/buses", i), "console.buses: " + jsonText(w) + " is not \"mono\" or \"stereo\"");
        }
    }
    if (c.contains("matrices")) {
        const json& m = c["matrices"];
        if (!m.is_array() || m.size() != static_cast<size_t>(kMatrices))
            return fail(e, text, "/console/matrices", "console.matrices: expected a list of " + std::to_string(kMatrices) + " \"mono\"/\"stereo\"");
        for (size_t i = 0; i < m.size(); ++i) {
            const json& w = m[i];
            if (w == "mono") cfg->matrixWidths[i] = 1;
            else if (w == "stereo") cfg->matrixWidths[i] = 2;
            else return fail(e, text, pointerTo("/console/matrices", i), "console.matrices: " + jsonText(w) + " is not \"mono\" or \"stereo\"");
        }
    }
    const std::string why = cfg->validate();
    if (!why.empty()) return fail(e, text, "/console", "console: " + why);
    return true;
}

std::optional<Show> checkShow(json& doc, const std::string& text, ShowError* e);

} // namespace

std::string ShowError::message() const {
    std::string m = file;
    if (line > 0) m += ":" + std::to_string(line) + ":" + std::to_string(column);
    else if (!pointer.empty()) m += ": at " + pointer;
    return m + ": " + reason;
}

ShowError showErrorAt(const Show& show, const std::string& file, const std::string& pointer, const std::string& reason) {
    ShowError e;
    e.file = file;
    fail(&e, show.source, pointer, reason);
    if (show.source.empty()) e.line = e.column = 0; // a show that was not read from text
    return e;
}

std::optional<Show> parseShow(const std::string& text, const std::string& fileName, ShowError* error) {
    ShowError local;
    ShowError* e = error ? error : &local;
    *e = ShowError{};
    e->file = fileName;
    json doc;
    JsonError parseError;
    if (!parseJson(text, &doc, &parseError)) {
        e->line = parseError.line;
        e->column = parseError.column;
        e->reason = parseError.reason;
        return std::nullopt;
    }
    try { // every value's type is checked; this only guards one the checks did not foresee
        return checkShow(doc, text, e);
    } catch (const std::exception& x) {
        e->reason = std::string("unreadable: ") + x.what();
        return std::nullopt;
    }
}

namespace {

std::optional<Show> checkShow(json& doc, const std::string& text, ShowError* e) {
    if (!doc.is_object()) {
        fail(e, text, "", "a show is a JSON object");
        return std::nullopt;
    }
    if (doc.contains("headroom") && doc["headroom"] != kFormatVersion) {
        fail(e, text, "/headroom", "show format " + jsonText(doc["headroom"]) + " is not one this headroom reads (1)");
        return std::nullopt;
    }
    Show show;
    if (doc.contains("name") && doc["name"].is_string()) show.name = doc["name"].get<std::string>();
    if (!readConfig(doc, text, &show.config, e)) return std::nullopt;

    if (doc.contains("params")) {
        const json& params = doc["params"];
        if (!params.is_object()) {
            fail(e, text, "/params", "\"params\" must be an object of path: value");
            return std::nullopt;
        }
        const ConsoleTree tree(show.config); // the shape's tree, to check paths and ranges
        const ParamStore& store = tree.store();
        for (auto it = params.begin(); it != params.end(); ++it) {
            const std::string& path = it.key();
            const std::string at = pointerTo("/params", path);
            const json& v = it.value();
            const auto id = store.find(path);
            if (!id) {
                fail(e, text, at, path + ": no such parameter (" + std::to_string(show.config.channels) +
                                      " channels, " + std::to_string(show.config.buses()) + " buses)");
                return std::nullopt;
            }
            const ParamSpec& spec = store.spec(*id);
            if (spec.isText()) {
                if (!v.is_string()) {
                    fail(e, text, at, path + ": wrong type: expected text in quotes, found " + jsonText(v));
                    return std::nullopt;
                }
                show.texts.emplace_back(*id, v.get<std::string>());
                continue;
            }
            float value = 0.0f;
            if (std::string why; !paramFromJson(spec, v, &value, &why)) {
                fail(e, text, at, path + ": " + why);
                return std::nullopt;
            }
            show.values.emplace_back(*id, value);
        }
    }
    if (doc.contains("scenes")) {
        const ConsoleTree tree(show.config);
        std::string why, pointer;
        auto scenes = SceneList::fromJson(doc["scenes"], tree.store(), &why, &pointer);
        if (!scenes) {
            fail(e, text, "/scenes" + pointer, why);
            return std::nullopt;
        }
        show.scenes = std::move(*scenes);
    }
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "headroom" && it.key() != "name" && it.key() != "console" && it.key() != "params" &&
            it.key() != "scenes")
            show.extra[it.key()] = it.value();
    show.source = text;
    return show;
}

} // namespace

std::optional<Show> loadShowFile(const std::string& path, ShowError* error) {
    std::string text, why;
    if (!readTextFile(path, &text, &why)) {
        if (error) {
            *error = ShowError{};
            error->file = path;
            error->reason = why;
        }
        return std::nullopt;
    }
    return parseShow(text, path, error);
}

bool sameShape(const ConsoleConfig& a, const ConsoleConfig& b) {
    return a.channels == b.channels && a.busWidths == b.busWidths && a.inputs == b.inputs && a.outputs == b.outputs &&
           a.matrixWidths == b.matrixWidths;
}

bool applyShow(const Show& show, Console& console, Source src) {
    if (!sameShape(show.config, console.config())) return false;
    ParamStore& store = console.params();
    std::vector<float> values(store.size());
    std::vector<uint8_t> given(store.size(), 0);
    for (const auto& [id, v] : show.values) {
        values[id] = v;
        given[id] = 1;
    }
    for (ParamId id = 0; id < store.size(); ++id) {
        const ParamSpec& spec = store.spec(id);
        if (!spec.isText()) store.set(id, given[id] ? values[id] : spec.defaultValue, src);
        else store.setText(id, spec.textDefault, src);
    }
    for (const auto& [id, t] : show.texts) store.setText(id, t, src);
    return true;
}

std::string serializeShow(const Console& console, const std::string& name, const SceneList* scenes, const json& extra) {
    const ConsoleConfig& cfg = console.config();
    json doc;
    doc["headroom"] = kFormatVersion;
    doc["name"] = name;
    json c;
    c["sampleRate"] = static_cast<int>(cfg.sampleRate);
    c["channels"] = cfg.channels;
    c["inputs"] = cfg.inputs;
    c["outputs"] = cfg.outputs;
    c["blockSize"] = cfg.blockSize;
    json buses = json::array();
    for (int w : cfg.busWidths) buses.push_back(w == 2 ? "stereo" : "mono");
    c["buses"] = buses;
    json matrices = json::array();
    for (int w : cfg.matrixWidths) matrices.push_back(w == 2 ? "stereo" : "mono");
    c["matrices"] = matrices;
    doc["console"] = c;
    json params = json::object();
    const ParamStore& store = console.params();
    for (ParamId id = 0; id < store.size(); ++id) {
        const ParamSpec& spec = store.spec(id);
        const float v = store.get(id);
        if (spec.isText()) params[spec.path] = store.text(id);
        else params[spec.path] = paramJson(spec, v);
    }
    doc["params"] = params;
    if (scenes) doc["scenes"] = scenes->toJson();
    for (auto it = extra.begin(); it != extra.end(); ++it) doc[it.key()] = it.value();
    return doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n"; // text typed at a prompt may not be UTF-8
}

void (*gBeforeRenameForTest)() = nullptr;

bool saveShowFile(const std::string& path, const std::string& document, std::string* error) {
    namespace fs = std::filesystem;
    auto failWith = [&](const std::string& what) {
        if (error) *error = path + ": " + what + ": " + std::strerror(errno);
        return false;
    };
    const std::string tmp = path + ".tmp";
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return failWith("cannot write " + tmp);
    size_t done = 0;
    while (done < document.size()) {
        const ssize_t w = ::write(fd, document.data() + done, document.size() - done);
        if (w < 0) {
            if (errno == EINTR) continue;
            ::close(fd);
            ::unlink(tmp.c_str());
            return failWith("write failed");
        }
        done += static_cast<size_t>(w);
    }
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        ::unlink(tmp.c_str());
        return failWith("flush failed");
    }
    if (gBeforeRenameForTest) gBeforeRenameForTest();
    std::error_code ec;
    if (fs::exists(path, ec)) fs::copy_file(path, path + ".bak", fs::copy_options::overwrite_existing, ec);
    if (::rename(tmp.c_str(), path.c_str()) != 0) return failWith("cannot replace the show");
    // Make the rename durable: fsync the directory.
    const fs::path dir = fs::path(path).has_parent_path() ? fs::path(path).parent_path() : fs::path(".");
    const int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (dfd >= 0) {
        ::fsync(dfd);
        ::close(dfd);
    }
    return true;
}

} // namespace hr
