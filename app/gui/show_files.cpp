#include "gui/views.h"

#include "recovery.h"
#include "user_config.h"

#include <imgui.h>

#include <algorithm>
#include <cstring>
#include <filesystem>

namespace hr::gui {

namespace fs = std::filesystem;

namespace {

void setPath(ShowDialogs& d, const std::string& path) {
    std::snprintf(d.path, sizeof d.path, "%s", path.c_str());
}

bool ok(const std::string& answer) { return answer.rfind("ok:", 0) == 0 || answer.rfind("note:", 0) == 0; }

std::string firstLine(std::string answer) {
    while (!answer.empty() && answer.back() == '\n') answer.pop_back();
    return answer;
}

// The show files in a folder, and its sub-folders (hidden ones, backups and recovery files left out).
void list(ShowDialogs& d) {
    if (d.listed == d.folder) return;
    d.listed = d.folder;
    d.entries.clear();
    std::error_code ec;
    for (fs::directory_iterator it(d.folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        const bool folder = it->is_directory(ec);
        const bool show = !folder && it->path().extension() == ".json" && name.find(".recovery.") == std::string::npos;
        if (folder || show) d.entries.push_back({name, it->path().string(), folder});
    }
    std::sort(d.entries.begin(), d.entries.end(), [](const auto& a, const auto& b) {
        return a.folder != b.folder ? a.folder : a.name < b.name;
    });
}

std::vector<std::string> shippedShows() {
    std::vector<std::string> out;
    std::error_code ec;
    for (fs::directory_iterator it(shippedScenesDir(), ec), end; !ec && it != end; it.increment(ec))
        if (it->path().extension() == ".json") out.push_back(it->path().string());
    std::sort(out.begin(), out.end());
    return out;
}

void centreNext() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->Pos.x + vp->Size.x * 0.5f, vp->Pos.y + vp->Size.y * 0.4f), ImGuiCond_Appearing,
                            ImVec2(0.5f, 0.5f));
}

// What waited for the unsaved-changes question (or for Save as), now that it is answered.
void carryOn(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    const ShowDialogs::Next next = d.next;
    d.next = ShowDialogs::Next::Nothing;
    switch (next) {
    case ShowDialogs::Next::Nothing: break;
    case ShowDialogs::Next::New: d.askNew = true; break;
    case ShowDialogs::Next::Open: OpenShow(session, state, d.nextPath, true); break;
    case ShowDialogs::Next::Quit: d.quit = true; break;
    }
}

void unsavedDialog(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    centreNext();
    if (!ImGui::BeginPopupModal("Unsaved changes###unsaved", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const char* what = d.next == ShowDialogs::Next::Quit ? "closing" : d.next == ShowDialogs::Next::New ? "a new show" : "opening another show";
    ImGui::Text("\"%s\" has changes that are not saved.", session.showName.c_str());
    ImGui::Text("Save them before %s?", what);
    if (!session.showPath.empty()) ImGui::TextDisabled("%s", session.showPath.c_str());
    if (!d.error.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", d.error.c_str());
    ImGui::Spacing();
    if (ImGui::Button("Save", ImVec2(110, 30))) {
        if (session.showPath.empty()) { // untitled: Save as first, then carry on
            ImGui::CloseCurrentPopup();
            RequestSaveAs(session, state);
        } else if (SaveShow(session, state, session.showPath)) {
            ImGui::CloseCurrentPopup();
            carryOn(session, state);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Don't save", ImVec2(110, 30))) {
        ImGui::CloseCurrentPopup();
        if (d.next == ShowDialogs::Next::Quit) discardRecovery(session.showPath); // discarded on purpose: not offered again
        d.error.clear();
        carryOn(session, state);
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(110, 30)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        ImGui::CloseCurrentPopup();
        d.next = ShowDialogs::Next::Nothing;
        d.error.clear();
    }
    ImGui::EndPopup();
}

void newDialog(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    centreNext();
    if (!ImGui::BeginPopupModal("New show###new", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::TextUnformatted("A blank console, untitled until it is saved:");
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("channels (1-128)", &d.shape[0]);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("mono buses (wedges)", &d.shape[1]);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("stereo buses (in-ears)", &d.shape[2]);
    d.shape[0] = std::clamp(d.shape[0], 1, kMaxChannels);
    d.shape[1] = std::clamp(d.shape[1], 0, kMaxBuses);
    d.shape[2] = std::clamp(d.shape[2], 0, kMaxBuses - d.shape[1]);
    ImGui::TextDisabled("or start from a shipped show: Open, then Save as");
    if (!d.error.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", d.error.c_str());
    if (ImGui::Button("Create", ImVec2(110, 30))) {
        const std::string answer = Prompt(session).executeLocked("new " + std::to_string(d.shape[0]) + " " +
                                                                 std::to_string(d.shape[1]) + " " + std::to_string(d.shape[2]));
        if (ok(answer)) {
            d.error.clear();
            d.done = firstLine(answer);
            state.selected = 0;
            state.sendsOnFader = -1;
            state.selectedScene = 0;
            ImGui::CloseCurrentPopup();
        } else {
            d.error = firstLine(answer);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Cancel", ImVec2(110, 30)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape))) {
        d.error.clear();
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// Open and Save as: recent and shipped shows on the left, the folder on the right, a path below.
void browserDialog(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    const bool saving = d.browse == ShowDialogs::Browse::SaveAs;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowSize(ImVec2(std::min(900.0f, vp->Size.x - 40), std::min(560.0f, vp->Size.y - 40)), ImGuiCond_Appearing);
    centreNext();
    if (!ImGui::BeginPopupModal(saving ? "Save show as###browser" : "Open show###browser", nullptr, ImGuiWindowFlags_NoSavedSettings)) return;
    list(d);
    bool accept = false;
    const float bottom = 96.0f;
    ImGui::BeginChild("places", ImVec2(260, -bottom), true);
    auto place = [&](const std::string& p) {
        const std::string label = fs::path(p).filename().string() + "##" + p;
        if (ImGui::Selectable(label.c_str(), p == d.path, ImGuiSelectableFlags_AllowDoubleClick)) {
            setPath(d, p);
            d.folder = fs::path(p).parent_path().string();
            if (ImGui::IsMouseDoubleClicked(0)) accept = true;
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.c_str());
    };
    ImGui::TextDisabled("RECENT");
    if (d.recent.empty()) ImGui::TextDisabled("  (none yet)");
    for (const std::string& p : d.recent) place(p);
    ImGui::Spacing();
    ImGui::TextDisabled("SHIPPED SHOWS");
    for (const std::string& p : d.shipped) place(p);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("folder", ImVec2(0, -bottom), true);
    if (ImGui::SmallButton("up")) {
        d.folder = fs::path(d.folder).parent_path().string();
        if (d.folder.empty()) d.folder = "/";
    }
    ImGui::SameLine();
    ImGui::TextUnformatted(d.folder.c_str());
    ImGui::Separator();
    std::string enter;
    for (const ShowDialogs::Entry& e : d.entries) {
        const std::string label = (e.folder ? "[" + e.name + "]" : e.name) + "##" + e.path;
        if (ImGui::Selectable(label.c_str(), e.path == d.path, ImGuiSelectableFlags_AllowDoubleClick)) {
            if (e.folder) enter = e.path;
            else {
                setPath(d, e.path);
                if (ImGui::IsMouseDoubleClicked(0)) accept = true;
            }
        }
    }
    if (d.entries.empty()) ImGui::TextDisabled("no show files here");
    if (!enter.empty()) {
        d.folder = enter;
        if (saving) setPath(d, (fs::path(enter) / fs::path(d.path).filename()).string());
    }
    ImGui::EndChild();
    ImGui::SetNextItemWidth(-1);
    if (ImGui::InputText("##path", d.path, sizeof d.path, ImGuiInputTextFlags_EnterReturnsTrue)) accept = true;
    if (!d.error.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", d.error.c_str());
    else ImGui::TextDisabled(saving ? "the show is written atomically; the file it replaces is kept as FILE.bak"
                                    : "a file that is refused changes nothing: the console stays as it is");
    if (ImGui::Button(saving ? "Save" : "Open", ImVec2(110, 30))) accept = true;
    ImGui::SameLine();
    const bool cancel = ImGui::Button("Cancel", ImVec2(110, 30)) || ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape));
    if (accept && d.path[0]) {
        std::string path = d.path;
        if (saving && fs::path(path).extension().empty()) path += ".json";
        std::error_code ec;
        if (fs::is_directory(path, ec)) {
            d.folder = path;
        } else if (saving) {
            if (fs::exists(path, ec) && fs::absolute(path, ec) != fs::absolute(session.showPath, ec)) {
                setPath(d, path);
                d.askOverwrite = true; // asked over this dialog
            } else if (SaveShow(session, state, path)) {
                ImGui::CloseCurrentPopup();
                carryOn(session, state);
            }
        } else {
            ImGui::CloseCurrentPopup();
            OpenShow(session, state, path, false);
        }
    } else if (cancel) {
        d.error.clear();
        d.next = ShowDialogs::Next::Nothing;
        ImGui::CloseCurrentPopup();
    }
    // Save as over an existing file: asked inside the browser, which stays open on No.
    if (d.askOverwrite) {
        ImGui::OpenPopup("Replace?###overwrite");
        d.askOverwrite = false;
    }
    centreNext();
    if (ImGui::BeginPopupModal("Replace?###overwrite", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::Text("%s exists. Replace it?", d.path);
        ImGui::TextDisabled("(the file it replaces is kept as %s.bak)", fs::path(d.path).filename().c_str());
        bool replaced = false;
        if (ImGui::Button("Replace", ImVec2(110, 30))) {
            ImGui::CloseCurrentPopup();
            replaced = SaveShow(session, state, d.path);
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel", ImVec2(110, 30))) ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        if (replaced) {
            ImGui::CloseCurrentPopup(); // the browser too
            carryOn(session, state);
        }
    }
    ImGui::EndPopup();
}

void recoverDialog(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    centreNext();
    if (!ImGui::BeginPopupModal("Unsaved work from the last run###recover", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    ImGui::Text("headroom stopped last time with changes to \"%s\" that were not saved.",
                session.showPath.empty() ? "untitled" : fs::path(session.showPath).filename().c_str());
    ImGui::TextDisabled("%s, %s", d.recoverPath.c_str(), d.recoverWhen.c_str());
    if (!d.error.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", d.error.c_str());
    if (ImGui::Button("Recover them", ImVec2(160, 30))) {
        const std::string answer = recoverInto(session, d.recoverPath);
        if (ok(answer)) {
            d.done = firstLine(answer);
            d.error.clear();
            ImGui::CloseCurrentPopup();
        } else {
            d.error = firstLine(answer);
        }
    }
    ImGui::SameLine();
    if (ImGui::Button("Start from the saved show", ImVec2(220, 30))) {
        d.error.clear();
        ImGui::CloseCurrentPopup(); // the recovery file stays until the next autosave replaces it
    }
    ImGui::EndPopup();
}

} // namespace

bool SaveShow(Session& session, GuiState& state, const std::string& path) {
    const std::string answer = Prompt(session).executeLocked("save " + Prompt::quote(path));
    if (!ok(answer)) {
        state.files.error = firstLine(answer);
        return false;
    }
    state.files.error.clear();
    state.files.done = firstLine(answer);
    return true;
}

bool OpenShow(Session& session, GuiState& state, const std::string& path, bool asked) {
    ShowDialogs& d = state.files;
    if (!asked && unsaved(session)) {
        d.next = ShowDialogs::Next::Open;
        d.nextPath = path;
        d.askUnsaved = true;
        return false;
    }
    const std::string answer = Prompt(session).executeLocked("load " + Prompt::quote(path));
    if (!ok(answer)) { // refused: the console is as it was; the browser opens again with why
        d.error = firstLine(answer);
        d.browse = ShowDialogs::Browse::Open;
        d.askBrowser = true;
        return false;
    }
    d.error.clear();
    d.done = firstLine(answer.substr(answer.rfind("ok:")));
    state.selected = 0;
    state.sendsOnFader = -1;
    state.selectedScene = 0;
    return true;
}

void RequestNew(Session& session, GuiState& state) {
    if (unsaved(session)) {
        state.files.next = ShowDialogs::Next::New;
        state.files.askUnsaved = true;
    } else {
        state.files.askNew = true;
    }
}

void RequestOpen(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    d.browse = ShowDialogs::Browse::Open;
    d.askBrowser = true;
    d.error.clear();
    setPath(d, session.showPath);
}

void RequestSave(Session& session, GuiState& state) {
    if (session.showPath.empty()) RequestSaveAs(session, state);
    else SaveShow(session, state, session.showPath);
}

void RequestSaveAs(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    d.browse = ShowDialogs::Browse::SaveAs;
    d.askBrowser = true;
    std::error_code ec;
    const std::string folder = session.showPath.empty() ? fs::current_path(ec).string() : fs::path(session.showPath).parent_path().string();
    std::string name = session.showPath.empty() ? "untitled.json" : fs::path(session.showPath).filename().string();
    // A shipped show is a template: saved elsewhere (the folder it is in may not be writable).
    if (!session.showPath.empty() && fs::path(session.showPath).parent_path() == fs::path(shippedScenesDir()))
        setPath(d, (fs::current_path(ec) / name).string());
    else
        setPath(d, (fs::path(folder.empty() ? "." : folder) / name).string());
}

void RequestClose(Session& session, GuiState& state) {
    if (!unsaved(session)) {
        state.files.quit = true;
        return;
    }
    state.files.next = ShowDialogs::Next::Quit;
    state.files.askUnsaved = true;
}

void DrawShowButtons(Session& session, GuiState& state) {
    if (ImGui::SmallButton("New")) RequestNew(session, state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("a blank console (ctrl-N)");
    ImGui::SameLine(0, 3);
    if (ImGui::SmallButton("Open")) RequestOpen(session, state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("a show file, a recent or a shipped show (ctrl-O)");
    ImGui::SameLine(0, 3);
    if (ImGui::SmallButton("Save")) RequestSave(session, state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s (ctrl-S)", session.showPath.empty() ? "untitled: asks for a name" : session.showPath.c_str());
    ImGui::SameLine(0, 3);
    if (ImGui::SmallButton("Save as")) RequestSaveAs(session, state);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("ctrl-shift-S");
    ImGui::SameLine(0, 8);
    const std::string title = session.showName.empty() ? "untitled" : session.showName;
    if (unsaved(session)) {
        ImGui::TextColored(ImVec4(1.0f, 0.75f, 0.25f, 1.0f), "%s (unsaved)", title.c_str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("changes since the last save; autosaved to the recovery file");
    } else {
        ImGui::TextUnformatted(title.c_str());
        if (ImGui::IsItemHovered() && !state.files.done.empty()) ImGui::SetTooltip("%s", state.files.done.c_str());
    }
}

void DrawShowDialogs(Session& session, GuiState& state) {
    ShowDialogs& d = state.files;
    auto open = [](bool& flag, const char* id) {
        if (!flag) return;
        ImGui::OpenPopup(id);
        flag = false;
    };
    if (d.askBrowser) {
        d.recent = recentShows();
        d.shipped = shippedShows();
        if (d.path[0]) d.folder = fs::path(d.path).parent_path().string();
        std::error_code ec;
        if (d.folder.empty() || !fs::is_directory(d.folder, ec)) d.folder = fs::current_path(ec).string();
        d.folder = fs::absolute(d.folder, ec).lexically_normal().string(); // where it is, not ../scenes
        if (d.folder.size() > 1 && d.folder.back() == '/') d.folder.pop_back();
        d.listed.clear(); // read the folder again: files come and go
    }
    open(d.askUnsaved, "###unsaved");
    open(d.askNew, "###new");
    open(d.askBrowser, "###browser");
    open(d.askRecover, "###recover");
    unsavedDialog(session, state);
    newDialog(session, state);
    browserDialog(session, state);
    recoverDialog(session, state);
}

} // namespace hr::gui
