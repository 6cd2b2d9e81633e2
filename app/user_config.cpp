#include "user_config.h"

#include "show/json_read.h"
#include "show/show.h"

#include <nlohmann/json.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace hr {

std::string userConfigPath() {
    if (const char* p = std::getenv("HEADROOM_CONFIG")) return p;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x) return std::string(x) + "/headroom/config.json";
    if (const char* h = std::getenv("HOME")) return std::string(h) + "/.config/headroom/config.json";
    return ".headroom-config.json";
}

std::string presetFolder() {
    if (const char* p = std::getenv("HEADROOM_PRESETS"); p && *p) return p;
    const std::filesystem::path config(userConfigPath());
    return (config.has_parent_path() ? config.parent_path() / "presets" : std::filesystem::path("presets")).string();
}

namespace {
// The config as an object; a file that is not one is reported in *problem
// ("FILE:LINE:COL: reason") and read as empty (it is kept as FILE.bak by the next save).
nlohmann::ordered_json readConfig(std::string* problem = nullptr) {
    const std::string path = userConfigPath();
    std::error_code ec;
    if (!std::filesystem::exists(path, ec)) return nlohmann::ordered_json::object();
    std::string text, why;
    nlohmann::ordered_json j;
    JsonError e;
    if (!readTextFile(path, &text, &why)) {
        if (problem) *problem = path + ": ignored (" + why + ")";
    } else if (!parseJson(text, &j, &e)) {
        if (problem) *problem = path + ":" + std::to_string(e.line) + ":" + std::to_string(e.column) + ": ignored (" + e.reason + ")";
    } else if (!j.is_object()) {
        if (problem) *problem = path + ": ignored (expected a JSON object)";
    } else {
        return j;
    }
    return nlohmann::ordered_json::object();
}
} // namespace

std::string loadUserConfig(DeviceRequest* r, bool apiGiven, bool deviceGiven, bool rateGiven, bool bufferGiven) {
    std::string problem;
    const auto j = readConfig(&problem);
    auto textAt = [&](const char* key, std::string* out) {
        if (j.contains(key) && j[key].is_string()) *out = j[key].get<std::string>();
        else if (j.contains(key)) problem = userConfigPath() + ": \"" + key + "\" ignored (expected text)";
    };
    auto intAt = [&](const char* key, int lo, int hi, int* out) {
        if (j.contains(key) && !jsonInt(j[key], lo, hi, out))
            problem = userConfigPath() + ": \"" + key + "\" ignored (expected a whole number " + std::to_string(lo) + "-" +
                      std::to_string(hi) + ")";
    };
    // A device belongs to its API: take the remembered device only with its API.
    if (!apiGiven && j.contains("api")) {
        textAt("api", &r->api);
        if (!deviceGiven) textAt("device", &r->device);
    }
    if (!rateGiven) intAt("rate", 8000, 384000, &r->rate);
    if (!bufferGiven) intAt("buffer", 16, 8192, &r->buffer);
    return problem;
}

namespace {
std::string writeConfig(const nlohmann::ordered_json& j) {
    const std::string path = userConfigPath();
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    std::string error;
    if (!saveShowFile(path, j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n", &error)) return error;
    return "";
}
} // namespace

std::string saveUserConfig(const DeviceRequest& opened) {
    nlohmann::ordered_json j = readConfig(); // keep what else is remembered (the last show)
    j["api"] = opened.api;
    j["device"] = opened.device;
    j["rate"] = opened.rate;
    j["buffer"] = opened.buffer;
    return writeConfig(j);
}

std::string lastShow() {
    const nlohmann::ordered_json j = readConfig();
    if (!j.contains("show") || !j["show"].is_string()) return "";
    const std::string path = j["show"].get<std::string>();
    return std::filesystem::exists(path) ? path : "";
}

std::string configValue(const std::string& key) {
    const nlohmann::ordered_json j = readConfig();
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

void setConfigValue(const std::string& key, const std::string& value) {
    nlohmann::ordered_json j = readConfig();
    j[key] = value;
    writeConfig(j);
}

void rememberShow(const std::string& showPath) {
    if (showPath.empty()) return;
    nlohmann::ordered_json j = readConfig();
    const std::string path = std::filesystem::absolute(showPath).lexically_normal().string();
    j["show"] = path;
    nlohmann::ordered_json recent = nlohmann::ordered_json::array({path}); // newest first, each once
    if (j.contains("recent") && j["recent"].is_array())
        for (const auto& r : j["recent"])
            if (r.is_string() && r.get<std::string>() != path && recent.size() < kRecentShows) recent.push_back(r);
    j["recent"] = recent;
    writeConfig(j);
}

std::vector<std::string> recentShows() {
    const nlohmann::ordered_json j = readConfig();
    std::vector<std::string> out;
    std::error_code ec;
    if (j.contains("recent") && j["recent"].is_array())
        for (const auto& r : j["recent"])
            if (r.is_string() && std::filesystem::is_regular_file(r.get<std::string>(), ec)) out.push_back(r.get<std::string>());
    return out;
}

} // namespace hr
