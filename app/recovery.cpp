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

std::string recoverInto(Session& session, const std::string& recoveryPath) {
    ShowError e;
    auto show = loadShowFile(recoveryPath, &e);
    if (!show) return "error: " + e.message() + "\n";
    const std::string answer = Prompt(session).adopt(std::move(*show), session.showPath, recoveryPath);
    if (answer.rfind("error:", 0) == 0) return answer;
    session.savedChanges = kNeverSaved; // the show file does not hold it yet
    return "ok: recovered the unsaved work from " + recoveryPath + "\n";
}

void discardRecovery(const std::string& showPath) {
    std::error_code ec;
    fs::remove(recoveryPathFor(showPath), ec);
}

std::string Autosave::writeNow() {
    path_ = recoveryPathFor(session_.showPath);
    std::error_code ec;
    fs::create_directories(fs::path(path_).parent_path(), ec);
    std::string error, doc;
    uint64_t changes = 0;
    {
        std::lock_guard<std::mutex> lock(session_.control); // scenes and maps change on the surface thread too
        doc = serializeShow(session_.engine->console(), session_.showName, &session_.scenes, showExtras(session_));
        changes = showChanges(session_);
    }
    if (!saveShowFile(path_, doc, &error)) return "autosave failed: " + error;
    writtenChanges_ = changes;
    last_ = std::chrono::steady_clock::now();
    return "";
}

std::string Autosave::poll() {
    if (interval_.count() <= 0 || std::chrono::steady_clock::now() - last_ < interval_) return "";
    last_ = std::chrono::steady_clock::now();
    {
        std::lock_guard<std::mutex> lock(session_.control);
        const uint64_t now = showChanges(session_);
        if (now == writtenChanges_ || now == session_.savedChanges) return ""; // nothing new, or saved as it is
    }
    try {
        return writeNow();
    } catch (const std::exception& e) { // never the end of the show
        return std::string("autosave failed: ") + e.what();
    }
}

} // namespace hr
