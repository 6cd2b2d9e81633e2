// Scenes: the cue list, recall with scope, safes and fades, undo/redo, and the JSON form.
//
// Sections: scope, the list, recall, safes, JSON.
#include "show/scenes.h"

#include "show/json_value.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cmath>

namespace hr {

using json = nlohmann::ordered_json;

namespace {
constexpr double kMaxFadeSeconds = 30.0;
bool fail(std::string* why, std::string text) {
    if (why) *why = std::move(text);
    return false;
}
} // namespace

// ---- scope -------------------------------------------------------------------------------

bool SceneScope::contains(const ParamSpec& spec) const {
    if (!((groups >> static_cast<unsigned>(spec.group)) & 1u)) return false;
    if (strips.empty()) return true;
    for (const std::string& p : strips)
        if (pathMatches(p, spec.path) || pathMatches(p + "/**", spec.path)) return true;
    return false;
}

std::string SceneScope::describe() const {
    std::string out;
    if (groups == ~0u) out = "all groups";
    else
        for (int g = 0; g <= static_cast<int>(kLastGroup); ++g)
            if ((groups >> g) & 1u) out += (out.empty() ? "" : " ") + std::string(groupName(static_cast<Group>(g)));
    if (out.empty()) out = "no groups";
    out += strips.empty() ? " on every strip" : " on";
    for (const auto& s : strips) out += " " + s;
    return out;
}

// ---- the list ----------------------------------------------------------------------------

void SceneList::bind(Console& console) {
    console_ = &console;
    rebuildSafeMask();
}

std::optional<int> SceneList::find(const std::string& key, std::string* why) const {
    auto none = [&](const std::string& reason) -> std::optional<int> {
        if (why) *why = reason;
        return std::nullopt;
    };
    const std::string count = " (" + std::to_string(size()) + " scenes)";
    if (!key.empty() && std::all_of(key.begin(), key.end(), ::isdigit)) {
        if (key.size() > 9) return none("no scene " + key + count); // more scenes than an int holds (stoi threw)
        const int n = std::stoi(key);
        if (n >= 1 && n <= size()) return n;
        return none("no scene " + key + count);
    }
    if (key.empty()) return none("a scene number or name is missing");
    for (int i = 0; i < size(); ++i)
        if (scenes_[static_cast<size_t>(i)].name == key) return i + 1;
    // Then, ignoring case: the whole name, else the one name it starts, else the one name
    // with a word it starts ("ballad" finds "2 Ballad"; "b" finds nothing when "Bye" is there too).
    auto lower = [](std::string t) {
        for (char& c : t) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        return t;
    };
    const std::string k = lower(key);
    std::vector<int> whole, prefix, word;
    for (int i = 0; i < size(); ++i) {
        const std::string name = lower(scenes_[static_cast<size_t>(i)].name);
        if (name == k) whole.push_back(i + 1);
        if (name.rfind(k, 0) == 0) prefix.push_back(i + 1);
        for (size_t at = 0; at < name.size(); ++at)
            if ((at == 0 || !std::isalnum(static_cast<unsigned char>(name[at - 1]))) && name.compare(at, k.size(), k) == 0) {
                word.push_back(i + 1);
                break;
            }
    }
    for (const std::vector<int>* found : {&whole, &prefix, &word}) {
        if (found->size() == 1) return found->front();
        if (found->size() > 1) {
            std::string names;
            for (size_t j = 0; j < found->size() && j < 4; ++j)
                names += (j ? ", " : "") + std::to_string((*found)[j]) + " \"" + scenes_[static_cast<size_t>((*found)[j] - 1)].name + "\"";
            if (found->size() > 4) names += ", ...";
            return none("'" + key + "' could be scene " + names + "; give more of the name or its number");
        }
    }
    return none("no scene named '" + key + "'" + count);
}

bool SceneList::checkNumber(int number, std::string* why) const {
    if (number >= 1 && number <= size()) return true;
    return fail(why, "scene " + std::to_string(number) + " does not exist (" + std::to_string(size()) + " scenes)");
}

SceneList::Snapshot SceneList::snapshot() const {
    const ParamStore& s = console_->params();
    Snapshot snap;
    snap.values.resize(s.size());
    snap.texts.resize(s.size());
    for (ParamId id = 0; id < s.size(); ++id) {
        if (s.spec(id).isText()) snap.texts[id] = s.text(id);
        else snap.values[id] = s.get(id);
    }
    return snap;
}

void SceneList::restore(const Snapshot& snap, Source src) {
    ParamStore& s = console_->params();
    for (ParamId id = 0; id < s.size(); ++id) {
        if (s.spec(id).isText()) s.setText(id, snap.texts[id], src);
        else s.set(id, snap.values[id], src); // equal values are not written
    }
}

int SceneList::store(const std::string& name, const std::string& notes) {
    Scene scene;
    scene.name = name;
    scene.notes = notes;
    const Snapshot snap = snapshot();
    const ParamStore& s = console_->params();
    for (ParamId id = 0; id < s.size(); ++id) {
        if (s.spec(id).group == Group::Record) continue; // a recall never arms or disarms tracks
        if (s.spec(id).isText()) scene.texts.emplace_back(id, snap.texts[id]);
        else scene.values.emplace_back(id, snap.values[id]);
    }
    scenes_.push_back(std::move(scene));
    ++revision_;
    return size();
}

bool SceneList::update(int number, std::string* why) {
    if (!checkNumber(number, why)) return false;
    Scene& scene = scenes_[static_cast<size_t>(number - 1)];
    const Snapshot snap = snapshot();
    const ParamStore& s = console_->params();
    scene.values.clear();
    scene.texts.clear();
    for (ParamId id = 0; id < s.size(); ++id) {
        if (s.spec(id).group == Group::Record) continue;
        if (s.spec(id).isText()) scene.texts.emplace_back(id, snap.texts[id]);
        else scene.values.emplace_back(id, snap.values[id]);
    }
    ++revision_;
    return true;
}

bool SceneList::rename(int number, const std::string& name, std::string* why) {
    if (!checkNumber(number, why)) return false;
    if (name.empty()) return fail(why, "a scene needs a name");
    scenes_[static_cast<size_t>(number - 1)].name = name;
    ++revision_;
    return true;
}

bool SceneList::setNotes(int number, const std::string& notes, std::string* why) {
    if (!checkNumber(number, why)) return false;
    scenes_[static_cast<size_t>(number - 1)].notes = notes;
    ++revision_;
    return true;
}

int SceneList::duplicate(int number, std::string* why) {
    if (!checkNumber(number, why)) return 0;
    Scene copy = scenes_[static_cast<size_t>(number - 1)];
    copy.name += " copy";
    scenes_.insert(scenes_.begin() + number, std::move(copy));
    if (current_ > number) ++current_;
    ++revision_;
    return number + 1;
}

bool SceneList::remove(int number, std::string* why) {
    if (!checkNumber(number, why)) return false;
    scenes_.erase(scenes_.begin() + (number - 1));
    if (current_ == number) current_ = 0;
    else if (current_ > number) --current_;
    ++revision_;
    return true;
}

bool SceneList::move(int number, int to, std::string* why) {
    if (!checkNumber(number, why) || !checkNumber(to, why)) return false;
    Scene scene = std::move(scenes_[static_cast<size_t>(number - 1)]);
    scenes_.erase(scenes_.begin() + (number - 1));
    scenes_.insert(scenes_.begin() + (to - 1), std::move(scene));
    if (current_ == number) current_ = to;
    else if (number < current_ && to >= current_) --current_;
    else if (number > current_ && to <= current_ && current_ > 0) ++current_;
    ++revision_;
    return true;
}

bool SceneList::setFade(int number, double seconds, std::string* why) {
    if (!checkNumber(number, why)) return false;
    if (!(seconds >= 0.0 && seconds <= kMaxFadeSeconds)) return fail(why, "a fade is 0..30 seconds");
    scenes_[static_cast<size_t>(number - 1)].fadeSeconds = seconds;
    ++revision_;
    return true;
}

bool SceneList::setScope(int number, const std::vector<std::string>& words, std::string* why) {
    if (!checkNumber(number, why)) return false;
    SceneScope scope;
    scope.groups = 0;
    bool anyGroup = false;
    for (const std::string& w : words) {
        if (w == "all") {
            scope.groups = ~0u;
            anyGroup = true;
        } else if (!w.empty() && w[0] == '/') {
            scope.strips.push_back(w);
        } else if (const auto g = groupFromName(w)) {
            scope.groups |= 1u << static_cast<unsigned>(*g);
            anyGroup = true;
        } else {
            return fail(why, "'" + w + "' is not a group (input hpf gate eq comp fader sends names patch solo osc) "
                                        "or a strip path (/ch/3, /bus/2, /ch/*/send/3)");
        }
    }
    if (!anyGroup) scope.groups = ~0u; // only strips named: every group on them
    scenes_[static_cast<size_t>(number - 1)].scope = scope;
    ++revision_;
    return true;
}

// ---- recall ------------------------------------------------------------------------------

bool SceneList::recall(int number, RecallReport* report, std::string* why) {
    if (!checkNumber(number, why)) return false;
    const auto t0 = std::chrono::steady_clock::now();
    const Scene& scene = scenes_[static_cast<size_t>(number - 1)];
    ParamStore& s = console_->params();
    Snapshot before = snapshot();
    Snapshot after = before;
    RecallReport r;
    std::vector<Console::FadeTarget> fades;
    auto admit = [&](ParamId id) {
        if (!scene.scope.contains(s.spec(id))) {
            ++r.outOfScope;
            return false;
        }
        if (isSafe(id)) {
            ++r.safe;
            return false;
        }
        return true;
    };
    for (const auto& [id, value] : scene.values) {
        if (!admit(id) || before.values[id] == value) continue;
        ++r.changed;
        after.values[id] = value;
        if (scene.fadeSeconds > 0.0 && console_->fadeable(id)) {
            fades.push_back({id, value});
            ++r.fading;
        } else {
            s.set(id, value, Source::Recall);
        }
    }
    for (const auto& [id, text] : scene.texts) {
        if (!admit(id) || before.texts[id] == text) continue;
        ++r.changed;
        after.texts[id] = text;
        s.setText(id, text, Source::Recall);
    }
    // Always hand over a plan: a new recall ends a running fade cleanly. An audio thread stuck
    // in a block takes no plan: the values are set as they are, without the fade.
    if (!console_->startFade(fades, scene.fadeSeconds)) {
        for (const Console::FadeTarget& f : fades) s.set(f.id, f.value, Source::Recall);
        r.fading = 0;
    }
    undo_ = std::move(before);
    redo_ = std::move(after);
    current_ = number;
    ++recalls_;
    ++revision_; // the show keeps its current scene
    r.controlMs = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    if (report) *report = r;
    return true;
}

bool SceneList::go(RecallReport* report, std::string* why) {
    if (current_ >= size()) return fail(why, size() == 0 ? "no scenes" : "already at the last scene");
    return recall(current_ + 1, report, why);
}

bool SceneList::prev(RecallReport* report, std::string* why) {
    if (current_ <= 1) return fail(why, "already at the first scene");
    return recall(current_ - 1, report, why);
}

bool SceneList::undo(std::string* why) {
    if (!undo_) return fail(why, "no recall to undo");
    console_->cancelFade();
    restore(*undo_, Source::Recall);
    return true;
}

bool SceneList::redo(std::string* why) {
    if (!redo_) return fail(why, "no recall to redo");
    console_->cancelFade();
    restore(*redo_, Source::Recall);
    return true;
}

// ---- safes -------------------------------------------------------------------------------

void SceneList::rebuildSafeMask() {
    if (!console_) return;
    const ParamStore& s = console_->params();
    safeMask_.assign(s.size(), 0);
    for (const std::string& p : safes_)
        for (ParamId id : s.match(p)) safeMask_[id] = 1;
}

bool SceneList::addSafe(const std::string& pattern, std::string* why) {
    if (pattern.empty() || pattern[0] != '/') return fail(why, "a safe is a path pattern (/bus/3/**, /ch/*/trim)");
    if (console_ && console_->params().match(pattern).empty())
        return fail(why, pattern + ": matches no parameter");
    if (std::find(safes_.begin(), safes_.end(), pattern) == safes_.end()) safes_.push_back(pattern);
    rebuildSafeMask();
    ++revision_;
    return true;
}

bool SceneList::removeSafe(const std::string& pattern, std::string* why) {
    const auto it = std::find(safes_.begin(), safes_.end(), pattern);
    if (it == safes_.end()) return fail(why, pattern + " is not a safe");
    safes_.erase(it);
    rebuildSafeMask();
    ++revision_;
    return true;
}

// ---- JSON --------------------------------------------------------------------------------

json SceneList::toJson() const {
    json j;
    j["current"] = current_;
    j["safes"] = safes_;
    json list = json::array();
    for (const Scene& scene : scenes_) {
        json e;
        e["name"] = scene.name;
        e["notes"] = scene.notes;
        e["fade"] = scene.fadeSeconds;
        if (scene.scope.groups != ~0u || !scene.scope.strips.empty()) {
            json groups = json::array();
            for (int g = 0; g <= static_cast<int>(kLastGroup); ++g)
                if ((scene.scope.groups >> g) & 1u) groups.push_back(groupName(static_cast<Group>(g)));
            e["scope"] = {{"groups", groups}, {"strips", scene.scope.strips}};
        }
        json values = json::object();
        const ParamStore& s = console_->params();
        for (const auto& [id, text] : scene.texts) values[s.spec(id).path] = text;
        for (const auto& [id, v] : scene.values) values[s.spec(id).path] = paramJson(s.spec(id), v);
        e["values"] = values;
        list.push_back(e);
    }
    j["list"] = list;
    return j;
}

std::optional<SceneList> SceneList::fromJson(const json& j, const ParamStore& store, std::string* why, std::string* pointer) {
    SceneList out;
    auto bad = [&](const std::string& at, const std::string& text) -> std::optional<SceneList> {
        if (pointer) *pointer = at;
        if (why) *why = text;
        return std::nullopt;
    };
    if (!j.is_object()) return bad("", "scenes: expected an object with \"list\"");
    if (j.contains("safes")) {
        const json& safes = j["safes"];
        if (!safes.is_array()) return bad("/safes", "scenes.safes: expected a list of path patterns");
        for (size_t i = 0; i < safes.size(); ++i) {
            const json& p = safes[i];
            if (!p.is_string() || p.get<std::string>().empty() || p.get<std::string>()[0] != '/')
                return bad(pointerTo("/safes", i), "scenes.safes: " + jsonText(p) + " is not a path pattern");
            if (store.match(p.get<std::string>()).empty())
                return bad(pointerTo("/safes", i), "scenes.safes: " + p.get<std::string>() + " matches no parameter");
            out.safes_.push_back(p.get<std::string>());
        }
    }
    const json list = j.contains("list") ? j["list"] : json::array();
    if (!list.is_array()) return bad("/list", "scenes.list: expected a list of scenes");
    for (size_t i = 0; i < list.size(); ++i) {
        const json& e = list[i];
        const std::string at = pointerTo("/list", i);
        const std::string where = "scenes.list[" + std::to_string(i + 1) + "]";
        if (!e.is_object() || !e.contains("name") || !e["name"].is_string())
            return bad(at, where + ": a scene needs a \"name\"");
        Scene scene;
        scene.name = e["name"].get<std::string>();
        const std::string label = where + " (\"" + scene.name + "\")";
        if (e.contains("notes") && e["notes"].is_string()) scene.notes = e["notes"].get<std::string>();
        if (e.contains("fade")) {
            const json& f = e["fade"];
            if (!f.is_number() || !(f.get<double>() >= 0.0) || f.get<double>() > kMaxFadeSeconds)
                return bad(at + "/fade", label + ".fade: " + jsonText(f) + " is not 0..30 seconds");
            scene.fadeSeconds = f.get<double>();
        }
        if (e.contains("scope")) {
            const json& sc = e["scope"];
            if (!sc.is_object()) return bad(at + "/scope", label + ".scope: expected an object of groups and strips");
            scene.scope.groups = sc.contains("groups") ? 0 : ~0u;
            const json groups = sc.contains("groups") ? sc["groups"] : json::array();
            if (!groups.is_array()) return bad(at + "/scope/groups", label + ".scope.groups: expected a list of parameter groups");
            for (size_t g = 0; g < groups.size(); ++g) {
                const auto group = groups[g].is_string() ? groupFromName(groups[g].get<std::string>()) : std::nullopt;
                if (!group)
                    return bad(pointerTo(at + "/scope/groups", g), label + ".scope: " + jsonText(groups[g]) + " is not a parameter group");
                scene.scope.groups |= 1u << static_cast<unsigned>(*group);
            }
            const json strips = sc.contains("strips") ? sc["strips"] : json::array();
            if (!strips.is_array()) return bad(at + "/scope/strips", label + ".scope.strips: expected a list of strip paths");
            for (size_t k = 0; k < strips.size(); ++k) {
                if (!strips[k].is_string())
                    return bad(pointerTo(at + "/scope/strips", k), label + ".scope: " + jsonText(strips[k]) + " is not a strip path");
                scene.scope.strips.push_back(strips[k].get<std::string>());
            }
        }
        const json values = e.contains("values") ? e["values"] : json::object();
        if (!values.is_object()) return bad(at + "/values", label + ".values: expected an object of path: value");
        for (auto it = values.begin(); it != values.end(); ++it) {
            const std::string& path = it.key();
            const std::string valueAt = pointerTo(at + "/values", path);
            const json& v = it.value();
            const auto id = store.find(path);
            if (!id) return bad(valueAt, label + " " + path + ": no such parameter");
            const ParamSpec& spec = store.spec(*id);
            if (spec.isText()) {
                if (!v.is_string()) return bad(valueAt, label + " " + path + ": wrong type: expected text in quotes");
                scene.texts.emplace_back(*id, v.get<std::string>());
                continue;
            }
            float value = 0.0f;
            if (std::string reason; !paramFromJson(spec, v, &value, &reason)) return bad(valueAt, label + " " + path + ": " + reason);
            scene.values.emplace_back(*id, value);
        }
        out.scenes_.push_back(std::move(scene));
    }
    if (j.contains("current")) {
        int current = 0;
        if (!jsonInt(j["current"], 0, static_cast<long long>(out.scenes_.size()), &current))
            return bad("/current", "scenes.current: " + jsonText(j["current"]) + " is not a scene number");
        out.current_ = current;
    }
    return out;
}

} // namespace hr
