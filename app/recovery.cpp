#include "recovery.h"

#include "show/show.h"

#include <cstdlib>
#include <filesystem>

namespace hr {

namespace fs = std::filesystem;

std::string recoveryPathFor(const std::string& showPath) {
    std::string dir;
    if (const char* d = std::getenv("HEADROOM_STATE_DIR"); d && *d) dir = d;
    else if (const char* x = std::getenv("XDG_STATE_HOME"); x && *x) dir = std::string(x) + "/headroom";
    else if (const char* h = std::getenv("HOME")) dir = std::string(h) + "/.local/state/headroom";
    else dir = ".";
    const std::string stem = showPath.empty() ? "untitled" : fs::path(showPath).stem().string();
    return dir + "/" + stem + ".recovery.json";
}

std::string newerRecovery(const std::string& showPath, std::string* when) {
    const std::string path = recoveryPathFor(showPath);
    std::error_code ec;
    if (!fs::exists(path, ec)) return "";
    const auto recovered = fs::last_write_time(path, ec);
    if (!showPath.empty() && fs::exists(showPath, ec) && fs::last_write_time(showPath, ec) >= recovered) return "";
    const auto age = std::chrono::duration_cast<std::chrono::seconds>(fs::file_time_type::clock::now() - recovered).count();
    if (when) *when = "written " + std::to_string(age) + " s ago";
    return path;
}

std::string Autosave::writeNow() {
    path_ = recoveryPathFor(session_.showPath);
    std::error_code ec;
    fs::create_directories(fs::path(path_).parent_path(), ec);
    std::string error, doc;
    {
        std::lock_guard<std::mutex> lock(session_.control); // scenes and maps change on the surface thread too
        doc = serializeShow(session_.engine->console(), session_.showName, &session_.scenes, showExtras(session_));
    }
    if (!saveShowFile(path_, doc, &error)) return "autosave failed: " + error;
    savedGeneration_ = session_.engine->console().params().generation();
    last_ = std::chrono::steady_clock::now();
    return "";
}

std::string Autosave::poll() {
    if (interval_.count() <= 0 || std::chrono::steady_clock::now() - last_ < interval_) return "";
    last_ = std::chrono::steady_clock::now();
    if (session_.engine->console().params().generation() == savedGeneration_) return ""; // nothing new
    try {
        return writeNow();
    } catch (const std::exception& e) { // never the end of the show
        return std::string("autosave failed: ") + e.what();
    }
}

} // namespace hr
