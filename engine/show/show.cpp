// Show files: parse and check, apply, serialise, save atomically.
#include "show/show.h"

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

// 1-based line and column of byte offset `pos` in `text`.
void lineColumn(const std::string& text, size_t pos, int* line, int* column) {
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < pos && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

// Where a key first appears as a JSON string in the text (nlohmann keeps no positions),
// at or after `from`.
void locateKey(const std::string& text, const std::string& key, int* line, int* column, size_t from = 0) {
    const size_t pos = text.find("\"" + key + "\"", from);
    if (pos == std::string::npos) {
        *line = *column = 0;
        return;
    }
    lineColumn(text, pos, line, column);
}

bool fail(ShowError* e, const std::string& text, const std::string& key, std::string reason) {
    if (e) {
        if (!key.empty()) locateKey(text, key, &e->line, &e->column);
        e->reason = std::move(reason);
    }
    return false;
}

bool readConfig(const json& doc, const std::string& text, ConsoleConfig* cfg, ShowError* e) {
    if (!doc.contains("console")) return fail(e, text, "", "no \"console\" section (channels, buses, inputs, outputs)");
    const json& c = doc["console"];
    if (!c.is_object()) return fail(e, text, "console", "\"console\" must be an object");
    auto readInt = [&](const char* key, int* out) {
        if (!c.contains(key)) return true;
        const json& v = c[key];
        if (!v.is_number_integer()) return fail(e, text, key, std::string("console.") + key + ": expected a whole number");
        *out = v.get<int>();
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
        if (!b.is_array()) return fail(e, text, "buses", "console.buses: expected a list of \"mono\"/\"stereo\"");
        cfg->busWidths.clear();
        for (const json& w : b) {
            if (w == "mono") cfg->busWidths.push_back(1);
            else if (w == "stereo") cfg->busWidths.push_back(2);
            else return fail(e, text, "buses", "console.buses: " + w.dump() + " is not \"mono\" or \"stereo\"");
        }
    }
    const std::string why = cfg->validate();
    if (!why.empty()) return fail(e, text, "console", "console: " + why);
    return true;
}

} // namespace

std::string ShowError::message() const {
    std::string m = file;
    if (line > 0) m += ":" + std::to_string(line) + ":" + std::to_string(column);
    return m + ": " + reason;
}

std::optional<Show> parseShow(const std::string& text, const std::string& fileName, ShowError* error) {
    ShowError local;
    ShowError* e = error ? error : &local;
    *e = ShowError{};
    e->file = fileName;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::parse_error& x) {
        // x.byte is 1-based and points just past the offending character.
        lineColumn(text, x.byte > 0 ? x.byte - 1 : 0, &e->line, &e->column);
        const char* what = std::strstr(x.what(), "syntax error");
        e->reason = std::string("malformed JSON: ") + (what ? what : x.what());
        if (text.find_first_not_of(" \t\r\n") == std::string::npos) e->reason = "the file is empty";
        return std::nullopt;
    }
    if (!doc.is_object()) {
        fail(e, text, "", "a show is a JSON object");
        return std::nullopt;
    }
    if (doc.contains("headroom") && doc["headroom"] != kFormatVersion) {
        fail(e, text, "headroom", "show format " + doc["headroom"].dump() + " is not one this headroom reads (1)");
        return std::nullopt;
    }
    Show show;
    if (doc.contains("name") && doc["name"].is_string()) show.name = doc["name"].get<std::string>();
    if (!readConfig(doc, text, &show.config, e)) return std::nullopt;

    if (doc.contains("params")) {
        const json& params = doc["params"];
        if (!params.is_object()) {
            fail(e, text, "params", "\"params\" must be an object of path: value");
            return std::nullopt;
        }
        const ConsoleTree tree(show.config); // the shape's tree, to check paths and ranges
        const ParamStore& store = tree.store();
        for (auto it = params.begin(); it != params.end(); ++it) {
            const std::string& path = it.key();
            const json& v = it.value();
            const auto id = store.find(path);
            if (!id) {
                fail(e, text, path, path + ": no such parameter (" + std::to_string(show.config.channels) +
                                        " channels, " + std::to_string(show.config.buses()) + " buses)");
                return std::nullopt;
            }
            const ParamSpec& spec = store.spec(*id);
            if (spec.isText()) {
                if (!v.is_string()) {
                    fail(e, text, path, path + ": wrong type: expected text in quotes, found " + v.dump());
                    return std::nullopt;
                }
                show.texts.emplace_back(*id, v.get<std::string>());
                continue;
            }
            float value = 0.0f;
            if (v.is_number()) {
                value = v.get<float>();
                if (!spec.inRange(value)) {
                    std::string why;
                    spec.parse(v.dump(), &why);
                    fail(e, text, path, path + ": " + (why.empty() ? "value out of range" : why));
                    return std::nullopt;
                }
            } else if (v.is_string()) {
                std::string why;
                const auto parsed = spec.parse(v.get<std::string>(), &why);
                if (!parsed) {
                    fail(e, text, path, path + ": " + why);
                    return std::nullopt;
                }
                value = *parsed;
            } else if (v.is_boolean() && spec.unit == Unit::Switch) {
                value = v.get<bool>() ? 1.0f : 0.0f;
            } else {
                fail(e, text, path, path + ": wrong type: " + v.dump() + " is not a value for " + spec.format(spec.defaultValue));
                return std::nullopt;
            }
            show.values.emplace_back(*id, value);
        }
    }
    if (doc.contains("scenes")) {
        const ConsoleTree tree(show.config);
        std::string why, key, scene;
        auto scenes = SceneList::fromJson(doc["scenes"], tree.store(), &why, &key, &scene);
        if (!scenes) {
            // Point at the key inside the right scene: the same path appears in "params" too.
            size_t from = text.find("\"scenes\"");
            if (!scene.empty() && from != std::string::npos) from = text.find("\"" + scene + "\"", from);
            locateKey(text, key, &e->line, &e->column, from == std::string::npos ? 0 : from);
            e->reason = why;
            return std::nullopt;
        }
        show.scenes = std::move(*scenes);
    }
    for (auto it = doc.begin(); it != doc.end(); ++it)
        if (it.key() != "headroom" && it.key() != "name" && it.key() != "console" && it.key() != "params" &&
            it.key() != "scenes")
            show.extra[it.key()] = it.value();
    return show;
}

std::optional<Show> loadShowFile(const std::string& path, ShowError* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        if (error) {
            *error = ShowError{};
            error->file = path;
            error->reason = std::string("cannot open: ") + std::strerror(errno);
        }
        return std::nullopt;
    }
    std::stringstream ss;
    ss << in.rdbuf();
    return parseShow(ss.str(), path, error);
}

bool sameShape(const ConsoleConfig& a, const ConsoleConfig& b) {
    return a.channels == b.channels && a.busWidths == b.busWidths && a.inputs == b.inputs && a.outputs == b.outputs;
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
    return doc.dump(2) + "\n";
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
