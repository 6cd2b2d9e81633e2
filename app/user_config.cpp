#include "user_config.h"

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

std::string loadUserConfig(DeviceRequest* r, bool apiGiven, bool deviceGiven, bool rateGiven, bool bufferGiven) {
    const std::string path = userConfigPath();
    std::ifstream in(path);
    if (!in) return "";
    std::stringstream ss;
    ss << in.rdbuf();
    try {
        const auto j = nlohmann::json::parse(ss.str());
        // A device belongs to its API: take the remembered device only with its API.
        if (!apiGiven && j.contains("api")) {
            r->api = j["api"].get<std::string>();
            if (!deviceGiven && j.contains("device")) r->device = j["device"].get<std::string>();
        }
        if (!rateGiven && j.contains("rate")) r->rate = j["rate"].get<int>();
        if (!bufferGiven && j.contains("buffer")) r->buffer = j["buffer"].get<int>();
    } catch (const std::exception& e) {
        return path + ": ignored (" + e.what() + ")";
    }
    return "";
}

namespace {
nlohmann::json readConfig() {
    std::ifstream in(userConfigPath());
    if (!in) return nlohmann::json::object();
    try {
        auto j = nlohmann::json::parse(in);
        return j.is_object() ? j : nlohmann::json::object();
    } catch (const std::exception&) {
        return nlohmann::json::object();
    }
}

std::string writeConfig(const nlohmann::json& j) {
    const std::string path = userConfigPath();
    std::error_code ec;
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ec);
    std::string error;
    if (!saveShowFile(path, j.dump(2) + "\n", &error)) return error;
    return "";
}
} // namespace

std::string saveUserConfig(const DeviceRequest& opened) {
    nlohmann::json j = readConfig(); // keep what else is remembered (the last show)
    j["api"] = opened.api;
    j["device"] = opened.device;
    j["rate"] = opened.rate;
    j["buffer"] = opened.buffer;
    return writeConfig(j);
}

std::string lastShow() {
    const nlohmann::json j = readConfig();
    if (!j.contains("show") || !j["show"].is_string()) return "";
    const std::string path = j["show"].get<std::string>();
    return std::filesystem::exists(path) ? path : "";
}

std::string configValue(const std::string& key) {
    const nlohmann::json j = readConfig();
    return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

void setConfigValue(const std::string& key, const std::string& value) {
    nlohmann::json j = readConfig();
    j[key] = value;
    writeConfig(j);
}

void rememberShow(const std::string& showPath) {
    if (showPath.empty()) return;
    nlohmann::json j = readConfig();
    j["show"] = std::filesystem::absolute(showPath).string();
    writeConfig(j);
}

} // namespace hr
