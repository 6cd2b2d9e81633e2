// One parameter value as JSON, the same in a show's params and in its scenes: switches and
// choices by name, infinities as "-inf"/"limit", numbers as the shortest decimal that reads
// back as the same float (so save -> load -> save is byte-identical).
#pragma once

#include "params/spec.h"
#include "show/json_read.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace hr {

inline nlohmann::ordered_json paramJson(const ParamSpec& spec, float v) {
    if (spec.unit == Unit::Switch || spec.unit == Unit::Choice || std::isinf(v)) return spec.formatBare(v);
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    return std::strtod(std::string(buf, r.ptr).c_str(), nullptr);
}

// A value for `spec` (not a text parameter) as a show or a scene gives it: a number in its
// unit, text in the prompt's grammar, or true/false for a switch. False with *why when it
// is none of these or out of range.
inline bool paramFromJson(const ParamSpec& spec, const nlohmann::ordered_json& v, float* value, std::string* why) {
    if (v.is_number()) {
        *value = jsonFloat(v);
        if (spec.inRange(*value)) return true;
        spec.parse(jsonText(v), why);
        if (why->empty()) *why = "value out of range";
        return false;
    }
    if (v.is_string()) {
        const auto parsed = spec.parse(v.get<std::string>(), why);
        if (parsed) *value = *parsed;
        return parsed.has_value();
    }
    if (v.is_boolean() && spec.unit == Unit::Switch) {
        *value = v.get<bool>() ? 1.0f : 0.0f;
        return true;
    }
    *why = "wrong type: " + jsonText(v) + " is not a value for " + spec.format(spec.defaultValue);
    return false;
}

} // namespace hr
