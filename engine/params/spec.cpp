// Parameter specs: tapers, range checks and the value grammar (print and parse).
//
// Sections: conversions, tapers, range, printing, parsing, builders.
#include "params/spec.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

namespace hr {

namespace {
constexpr float kInf = std::numeric_limits<float>::infinity();
constexpr float kFaderFloorDb = -90.0f; // lowest finite point of the fader law
constexpr float kRatioTop = 0.95f;      // travel where the ratio taper reaches its max
} // namespace

// ---- conversions -------------------------------------------------------------------------

float dbToGain(float db) { return db == -kInf ? 0.0f : std::pow(10.0f, db * 0.05f); }
float gainToDb(float gain) { return gain <= 0.0f ? -kInf : 20.0f * std::log10(gain); }

const char* groupName(Group g) {
    switch (g) {
    case Group::Input: return "input";
    case Group::Hpf: return "hpf";
    case Group::Gate: return "gate";
    case Group::Eq: return "eq";
    case Group::Comp: return "comp";
    case Group::Fader: return "fader";
    case Group::Sends: return "sends";
    case Group::Names: return "names";
    case Group::Patch: return "patch";
    case Group::Solo: return "solo";
    case Group::Osc: return "osc";
    case Group::Record: return "record";
    case Group::Config: return "config";
    case Group::Dca: return "dca";
    case Group::MuteGroups: return "mutegroups";
    case Group::Fx: return "fx";
    case Group::Matrix: return "matrix";
    case Group::Talk: return "talk";
    }
    return "?";
}

std::optional<Group> groupFromName(std::string_view name) {
    for (int g = 0; g <= static_cast<int>(kLastGroup); ++g)
        if (name == groupName(static_cast<Group>(g))) return static_cast<Group>(g);
    return std::nullopt;
}

// ---- tapers ------------------------------------------------------------------------------

// Fader law in four linear segments of dB over travel, as the X32 OSC documentation gives
// it: -90..-60 dB over 0..1/16, -60..-30 over ..1/4, -30..-10 over ..1/2, -10..+10 over ..1.
static float faderPosToDb(float pos) {
    if (pos <= 0.0f) return -kInf;
    if (pos >= 0.5f) return pos * 40.0f - 30.0f;
    if (pos >= 0.25f) return pos * 80.0f - 50.0f;
    if (pos >= 0.0625f) return pos * 160.0f - 70.0f;
    return pos * 480.0f - 90.0f;
}

static float faderDbToPos(float db) {
    if (db <= kFaderFloorDb) return 0.0f;
    if (db >= -10.0f) return (db + 30.0f) / 40.0f;
    if (db >= -30.0f) return (db + 50.0f) / 80.0f;
    if (db >= -60.0f) return (db + 70.0f) / 160.0f;
    return (db + 90.0f) / 480.0f;
}

float ParamSpec::toPosition(float v) const {
    float pos = 0.0f;
    switch (taper) {
    case Taper::Linear: pos = (v - minValue) / (maxValue - minValue); break;
    case Taper::Log: pos = std::log(v / minValue) / std::log(maxValue / minValue); break;
    case Taper::Fader: pos = faderDbToPos(v); break;
    case Taper::Ratio:
        pos = v == kInf ? 1.0f : kRatioTop * std::log(v / minValue) / std::log(maxValue / minValue);
        break;
    case Taper::Steps:
        pos = maxValue > minValue ? (v - minValue) / (maxValue - minValue) : 0.0f;
        break;
    }
    return std::clamp(pos, 0.0f, 1.0f);
}

float ParamSpec::fromPosition(float pos) const {
    pos = std::clamp(pos, 0.0f, 1.0f);
    float v = 0.0f;
    switch (taper) {
    case Taper::Linear: v = minValue + pos * (maxValue - minValue); break;
    case Taper::Log: v = minValue * std::pow(maxValue / minValue, pos); break;
    case Taper::Fader: v = std::min(faderPosToDb(pos), maxValue); break;
    case Taper::Ratio:
        if (pos >= 0.5f * (1.0f + kRatioTop) && allowsPosInf) return kInf;
        v = minValue * std::pow(maxValue / minValue, std::min(pos / kRatioTop, 1.0f));
        break;
    case Taper::Steps: v = std::round(minValue + pos * (maxValue - minValue)); break;
    }
    return clamp(v);
}

// ---- range -------------------------------------------------------------------------------

bool ParamSpec::inRange(float v) const {
    if (isText() || std::isnan(v)) return false;
    if (v == -kInf) return allowsNegInf;
    if (v == kInf) return allowsPosInf;
    if (v < minValue || v > maxValue) return false;
    if (isDiscrete() && v != std::round(v)) return false;
    return true;
}

float ParamSpec::clamp(float v) const {
    if (std::isnan(v)) return defaultValue;
    if (v == -kInf && allowsNegInf) return v;
    if (v == kInf && allowsPosInf) return v;
    if (allowsNegInf && v < minValue) return -kInf;
    v = std::clamp(v, minValue, maxValue);
    return isDiscrete() ? std::round(v) : v;
}

// ---- printing ----------------------------------------------------------------------------

static std::string printf1(const char* fmt, double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, fmt, v);
    return buf;
}

std::string ParamSpec::formatBare(float v) const {
    switch (unit) {
    case Unit::Db: return v == -kInf ? "-inf" : printf1("%.1f", v);
    case Unit::Hz: return v >= 1000.0f ? printf1("%.2fk", v / 1000.0) : printf1("%.1f", v);
    case Unit::Ms: return printf1(v < 10.0f ? "%.2f" : "%.1f", v);
    case Unit::Ratio: return v == kInf ? "limit" : printf1("%.1f", v);
    case Unit::Pan: return printf1("%.2f", v);
    case Unit::Q: return printf1("%.2f", v);
    case Unit::Switch:
    case Unit::Choice: {
        const auto i = static_cast<size_t>(std::max(0.0f, v));
        return i < choices.size() ? choices[i] : printf1("%.0f", v);
    }
    case Unit::Count: return printf1("%.0f", v);
    case Unit::Text: return "";
    case Unit::Seconds: return printf1("%.2f", v);
    case Unit::Percent: return printf1("%.0f", v);
    case Unit::Bpm: return printf1("%.1f", v);
    }
    return "";
}

std::string ParamSpec::format(float v) const {
    std::string s = formatBare(v);
    switch (unit) {
    case Unit::Db: return s + " dB";
    case Unit::Hz: return s + "Hz";
    case Unit::Ms: return s + " ms";
    case Unit::Ratio: return v == kInf ? s : s + ":1";
    case Unit::Seconds: return s + " s";
    case Unit::Percent: return s + " %";
    case Unit::Bpm: return s + " BPM";
    default: return s;
    }
}

// ---- parsing -----------------------------------------------------------------------------

static std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

static const char* unitNoun(Unit u) {
    switch (u) {
    case Unit::Db: return "a level in dB";
    case Unit::Hz: return "a frequency in Hz";
    case Unit::Ms: return "a time in ms";
    case Unit::Ratio: return "a ratio (a number, or 'limit')";
    case Unit::Pan: return "a pan position (-1..+1, or L50, C, R50)";
    case Unit::Q: return "a Q value";
    case Unit::Switch: return "'on' or 'off'";
    case Unit::Choice: return "one of the choices";
    case Unit::Count: return "a whole number";
    case Unit::Text: return "text";
    case Unit::Seconds: return "a time in s";
    case Unit::Percent: return "a percentage";
    case Unit::Bpm: return "a tempo in BPM";
    }
    return "a value";
}

// Splits "1.5kHz" into 1.5, "khz"; returns false when no number leads.
static bool splitNumber(const std::string& s, double* number, std::string* suffix) {
    const char* begin = s.c_str();
    char* end = nullptr;
    *number = std::strtod(begin, &end);
    if (end == begin) return false;
    *suffix = std::string(end);
    return true;
}

std::optional<float> ParamSpec::parse(std::string_view textIn, std::string* why) const {
    const std::string raw(textIn);
    const std::string t = lower(textIn);
    auto fail = [&](std::string reason) -> std::optional<float> {
        if (why) *why = std::move(reason);
        return std::nullopt;
    };
    auto notA = [&]() { return fail("'" + raw + "' is not " + unitNoun(unit)); };
    auto checked = [&](double d) -> std::optional<float> {
        const auto v = static_cast<float>(d);
        if (!inRange(v)) {
            std::string range = formatBare(minValue) + ".." + formatBare(maxValue);
            if (allowsNegInf) range = "-inf, " + range;
            if (allowsPosInf) range += ", limit";
            return fail("'" + raw + "' is out of range (" + range + ")");
        }
        return v;
    };

    if (t.empty()) return fail("a value is missing");
    if (unit == Unit::Text) return fail("text is set with quotes, not as a number");
    if (unit == Unit::Switch || unit == Unit::Choice) {
        for (size_t i = 0; i < choices.size(); ++i)
            if (t == lower(choices[i])) return static_cast<float>(i);
        if (unit == Unit::Switch && (t == "1" || t == "true")) return 1.0f;
        if (unit == Unit::Switch && (t == "0" || t == "false")) return 0.0f;
        std::string names;
        for (const auto& c : choices) names += (names.empty() ? "" : "|") + c;
        return fail("'" + raw + "' is not one of " + names);
    }
    if (unit == Unit::Db && (t == "-inf" || t == "-infinity" || t == "off")) return checked(-kInf);
    if (unit == Unit::Ratio && (t == "limit" || t == "inf")) return checked(kInf);
    if (unit == Unit::Count && (t == "off" || t == "none")) return checked(0.0);
    if (unit == Unit::Pan) {
        if (t == "c" || t == "center" || t == "centre") return 0.0f;
        if ((t[0] == 'l' || t[0] == 'r') && t.size() > 1) {
            char* end = nullptr;
            const double pct = std::strtod(t.c_str() + 1, &end);
            if (*end != '\0') return notA();
            return checked((t[0] == 'l' ? -pct : pct) / 100.0);
        }
    }

    double number = 0.0;
    std::string suffix;
    if (!splitNumber(t, &number, &suffix) || !std::isfinite(number)) return notA();
    while (!suffix.empty() && suffix.front() == ' ') suffix.erase(0, 1);
    switch (unit) {
    case Unit::Db:
        if (suffix != "" && suffix != "db") return notA();
        break;
    case Unit::Hz:
        if (suffix == "k" || suffix == "khz") number *= 1000.0;
        else if (suffix != "" && suffix != "hz") return notA();
        break;
    case Unit::Ms:
        if (suffix == "s") number *= 1000.0;
        else if (suffix != "" && suffix != "ms") return notA();
        break;
    case Unit::Ratio:
        if (suffix != "" && suffix != ":1") return notA();
        break;
    case Unit::Seconds:
        if (suffix == "ms") number /= 1000.0;
        else if (suffix != "" && suffix != "s") return notA();
        break;
    case Unit::Percent:
        if (suffix != "" && suffix != "%") return notA();
        break;
    case Unit::Bpm:
        if (suffix != "" && suffix != "bpm") return notA();
        break;
    default:
        if (suffix != "") return notA();
    }
    return checked(number);
}

// ---- builders ----------------------------------------------------------------------------

ParamSpec levelSpec(std::string path, Group g, float defDb, float maxDb) {
    ParamSpec s;
    s.path = std::move(path);
    s.unit = Unit::Db;
    s.taper = Taper::Fader;
    s.group = g;
    s.minValue = kFaderFloorDb;
    s.maxValue = maxDb;
    s.defaultValue = defDb;
    s.allowsNegInf = true;
    return s;
}

ParamSpec gainSpec(std::string path, Group g, float minDb, float maxDb, float defDb) {
    ParamSpec s;
    s.path = std::move(path);
    s.unit = Unit::Db;
    s.taper = Taper::Linear;
    s.group = g;
    s.minValue = minDb;
    s.maxValue = maxDb;
    s.defaultValue = defDb;
    return s;
}

ParamSpec freqSpec(std::string path, Group g, float minHz, float maxHz, float defHz) {
    ParamSpec s = gainSpec(std::move(path), g, minHz, maxHz, defHz);
    s.unit = Unit::Hz;
    s.taper = Taper::Log;
    return s;
}

ParamSpec timeSpec(std::string path, Group g, float minMs, float maxMs, float defMs, Taper t) {
    ParamSpec s = gainSpec(std::move(path), g, minMs, maxMs, defMs);
    s.unit = Unit::Ms;
    s.taper = t;
    return s;
}

ParamSpec switchSpec(std::string path, Group g, bool def) {
    ParamSpec s = choiceSpec(std::move(path), g, {"off", "on"}, def ? 1 : 0);
    s.unit = Unit::Switch;
    return s;
}

ParamSpec choiceSpec(std::string path, Group g, std::vector<std::string> choices, int def) {
    ParamSpec s;
    s.path = std::move(path);
    s.unit = Unit::Choice;
    s.taper = Taper::Steps;
    s.group = g;
    s.minValue = 0.0f;
    s.maxValue = static_cast<float>(choices.size() - 1);
    s.defaultValue = static_cast<float>(def);
    s.choices = std::move(choices);
    return s;
}

ParamSpec textSpec(std::string path, Group g, std::string def) {
    ParamSpec s;
    s.path = std::move(path);
    s.unit = Unit::Text;
    s.taper = Taper::Steps;
    s.group = g;
    s.textDefault = std::move(def);
    return s;
}

} // namespace hr
