#include "show/channel_preset.h"

#include "show/json_read.h"
#include "show/json_value.h"
#include "show/show.h"

#include <algorithm>
#include <filesystem>

namespace hr {

namespace fs = std::filesystem;
using json = nlohmann::ordered_json;

namespace {

std::string prefixOf(int channel) { return "/ch/" + std::to_string(channel) + "/"; }

// Whether the parameter `spec` (under a channel, `rest` its path below it) is in `part`.
bool inPart(const ParamSpec& spec, const std::string& rest, ChannelPart part, bool withMix) {
    switch (spec.group) {
    case Group::Hpf:
    case Group::Eq: return part != ChannelPart::Dynamics;
    case Group::Gate:
    case Group::Comp: return part != ChannelPart::Eq; // the compressor, and the EQ/comp order
    case Group::Input: return part == ChannelPart::Whole && rest != "link"; // trim, polarity, delay
    case Group::Fader:
    case Group::Sends: return part == ChannelPart::Whole && withMix;
    default: return false; // names, patch, solo, osc, record, DCA and mute groups: which strip it is
    }
}

} // namespace

const char* channelPartName(ChannelPart part) {
    switch (part) {
    case ChannelPart::Eq: return "eq";
    case ChannelPart::Dynamics: return "dynamics";
    default: return "whole";
    }
}

std::optional<ChannelPart> channelPartFromName(const std::string& name) {
    if (name == "whole") return ChannelPart::Whole;
    if (name == "eq") return ChannelPart::Eq;
    if (name == "dynamics" || name == "dyn") return ChannelPart::Dynamics;
    return std::nullopt;
}

ChannelSettings captureChannel(const ParamStore& s, int channel, ChannelPart part, bool withMix) {
    ChannelSettings out;
    out.part = part;
    out.withMix = withMix;
    const std::string prefix = prefixOf(channel);
    for (ParamId id = 0; id < s.size(); ++id) {
        const ParamSpec& spec = s.spec(id);
        if (spec.isText() || spec.path.compare(0, prefix.size(), prefix) != 0) continue;
        const std::string rest = spec.path.substr(prefix.size());
        if (inPart(spec, rest, part, withMix)) out.values.emplace_back(rest, s.get(id));
    }
    return out;
}

std::optional<int> applyChannel(ParamStore& s, int channel, const ChannelSettings& settings, Source src, std::string* why) {
    const std::string prefix = prefixOf(channel);
    std::vector<std::pair<ParamId, float>> plan;
    plan.reserve(settings.values.size());
    for (const auto& [rest, value] : settings.values) { // every value checked before any is set
        const auto id = s.find(prefix + rest);
        if (!id) {
            *why = prefix + rest + ": no such parameter on this console";
            return std::nullopt;
        }
        if (!inPart(s.spec(*id), rest, settings.part, settings.withMix)) {
            *why = prefix + rest + " is not part of a " + channelPartName(settings.part) + " setting";
            return std::nullopt;
        }
        if (!s.spec(*id).inRange(value)) {
            *why = prefix + rest + ": " + s.spec(*id).format(value) + " is out of range";
            return std::nullopt;
        }
        plan.emplace_back(*id, value);
    }
    int changed = 0;
    for (const auto& [id, value] : plan) {
        if (s.get(id) == value) continue;
        s.set(id, value, src);
        ++changed;
    }
    return changed;
}

json presetJson(const ParamStore& s, int channel, const ChannelSettings& settings) {
    json doc;
    doc["headroom-preset"] = 1;
    doc["part"] = channelPartName(settings.part);
    json values = json::object();
    const std::string prefix = prefixOf(channel);
    for (const auto& [rest, value] : settings.values)
        if (const auto id = s.find(prefix + rest)) values[rest] = paramJson(s.spec(*id), value);
    doc["values"] = std::move(values);
    return doc;
}

std::optional<ChannelSettings> presetFromJson(const ParamStore& s, int channel, const json& doc, std::string* pointer,
                                              std::string* why) {
    *pointer = "";
    if (!doc.is_object() || !doc.contains("headroom-preset")) {
        *why = "not a headroom channel preset (no \"headroom-preset\")";
        return std::nullopt;
    }
    int version = 0;
    if (!jsonInt(doc["headroom-preset"], 1, 1, &version)) {
        *pointer = "/headroom-preset";
        *why = "version " + jsonText(doc["headroom-preset"]) + " is not one this headroom reads (1)";
        return std::nullopt;
    }
    ChannelSettings out;
    const auto part = doc.contains("part") && doc["part"].is_string() ? channelPartFromName(doc["part"].get<std::string>())
                                                                      : std::nullopt;
    if (!part) {
        *pointer = "/part";
        *why = "expected \"whole\", \"eq\" or \"dynamics\"";
        return std::nullopt;
    }
    out.part = *part;
    if (!doc.contains("values") || !doc["values"].is_object()) {
        *pointer = "/values";
        *why = "expected an object of values";
        return std::nullopt;
    }
    const std::string prefix = prefixOf(channel);
    for (const auto& [rest, v] : doc["values"].items()) {
        *pointer = pointerTo("/values", rest);
        const auto id = s.find(prefix + rest);
        if (!id || s.spec(*id).isText() || !inPart(s.spec(*id), rest, out.part, false)) {
            *why = "\"" + rest + "\" is not a " + std::string(channelPartName(out.part)) + " setting of a channel";
            return std::nullopt;
        }
        float value = 0.0f;
        std::string bad;
        if (!paramFromJson(s.spec(*id), v, &value, &bad)) {
            *why = rest + ": " + bad;
            return std::nullopt;
        }
        out.values.emplace_back(rest, value);
    }
    *pointer = "";
    return out;
}

std::string presetPath(const std::string& folder, const std::string& name) {
    return (fs::path(folder) / (name + ".json")).string();
}

bool saveChannelPreset(const ParamStore& s, int channel, ChannelPart part, const std::string& folder,
                       const std::string& name, std::string* why) {
    if (name.empty() || name.find('/') != std::string::npos || name[0] == '.') {
        *why = "a preset name is a file name: not empty, no '/', not starting with '.'";
        return false;
    }
    std::error_code ec;
    fs::create_directories(folder, ec);
    if (ec) {
        *why = folder + ": cannot create the preset folder: " + ec.message();
        return false;
    }
    const ChannelSettings settings = captureChannel(s, channel, part, false);
    if (settings.values.empty()) {
        *why = "no channel " + std::to_string(channel);
        return false;
    }
    return saveShowFile(presetPath(folder, name), presetJson(s, channel, settings).dump(2) + "\n", why);
}

std::optional<int> loadChannelPreset(ParamStore& s, int channel, const std::string& folder, const std::string& name,
                                     Source src, std::string* why) {
    const std::string path = presetPath(folder, name);
    std::string text;
    if (!readTextFile(path, &text, why)) {
        *why = path + ": " + *why;
        return std::nullopt;
    }
    json doc;
    JsonError je;
    if (!parseJson(text, &doc, &je)) {
        *why = path + ":" + std::to_string(je.line) + ":" + std::to_string(je.column) + ": " + je.reason;
        return std::nullopt;
    }
    std::string pointer;
    const auto settings = presetFromJson(s, channel, doc, &pointer, why);
    if (!settings) {
        int line = 0, column = 0;
        locatePointer(text, pointer, &line, &column);
        *why = path + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + *why;
        return std::nullopt;
    }
    const auto changed = applyChannel(s, channel, *settings, src, why);
    if (!changed) *why = path + ": " + *why;
    return changed;
}

std::vector<PresetListing> listChannelPresets(const std::string& folder) {
    std::vector<PresetListing> out;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator(folder, ec)) {
        if (entry.path().extension() != ".json") continue;
        PresetListing p;
        p.name = entry.path().stem().string();
        std::string text, why;
        json doc;
        JsonError je;
        if (readTextFile(entry.path().string(), &text, &why) && parseJson(text, &doc, &je) && doc.is_object() &&
            doc.contains("part") && doc["part"].is_string())
            p.part = doc["part"].get<std::string>();
        else
            p.part = "?";
        out.push_back(std::move(p));
    }
    std::sort(out.begin(), out.end(), [](const PresetListing& a, const PresetListing& b) { return a.name < b.name; });
    return out;
}

} // namespace hr
