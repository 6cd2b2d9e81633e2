// One parameter value as JSON, the same in a show's params and in its scenes: switches and
// choices by name, infinities as "-inf"/"limit", numbers as the shortest decimal that reads
// back as the same float (so save -> load -> save is byte-identical).
#pragma once

#include "params/spec.h"

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

} // namespace hr
