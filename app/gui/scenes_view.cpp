// The Scenes view: the cue list (number, name, fade, scope, the first line of the notes) with
// the current cue lit green and the next one amber; the selected scene's name, notes, fade
// and scope edited in place, moved up or down (or dragged), duplicated and deleted (after a
// question); and a large GO panel that shows what GO will recall next, with its notes, where
// "unmute the band on verse 2" lives. Every edit goes through SceneList, so the show is
// marked unsaved and autosaved like any other change.
#include "gui/views.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

namespace hr::gui {

namespace {

const ImU32 kCurrentGreen = IM_COL32(40, 110, 60, 255);
const ImU32 kNextAmber = IM_COL32(120, 90, 20, 255);

void copyText(char* to, size_t size, const std::string& from) {
    std::snprintf(to, size, "%s", from.c_str());
}

std::string firstLine(const std::string& text) { return text.substr(0, text.find('\n')); }

// The selected scene's name and notes in the fields, read again when another scene is picked
// or the list changed elsewhere (the prompt, a surface) while no field is being typed in.
void readFields(const SceneList& list, GuiState& state) {
    ScenesPanel& p = state.scenes;
    const bool other = p.editing != state.selectedScene;
    if (!other && (p.readAt == list.revision() || ImGui::IsAnyItemActive())) return;
    p.editing = state.selectedScene;
    p.readAt = list.revision();
    const bool valid = state.selectedScene > 0 && state.selectedScene <= list.size();
    copyText(p.name, sizeof p.name, valid ? list.scene(state.selectedScene).name : "");
    copyText(p.notes, sizeof p.notes, valid ? list.scene(state.selectedScene).notes : "");
}

void cueList(SceneList& list, GuiState& state, std::string* why, float height) {
    const int next = list.current() + 1;
    if (!ImGui::BeginTable("cues", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollY,
                           ImVec2(0, height)))
        return;
    ImGui::TableSetupScrollFreeze(0, 1);
    ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 34);
    ImGui::TableSetupColumn("scene", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("fade", ImGuiTableColumnFlags_WidthFixed, 50);
    ImGui::TableSetupColumn("scope", ImGuiTableColumnFlags_WidthStretch, 0.7f);
    ImGui::TableSetupColumn("notes", ImGuiTableColumnFlags_WidthStretch, 1.3f);
    ImGui::TableHeadersRow();
    int dragFrom = 0, dropOn = 0;
    for (int n = 1; n <= list.size(); ++n) {
        const Scene& sc = list.scene(n);
        ImGui::TableNextRow();
        if (n == list.current()) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kCurrentGreen);
        else if (n == next) ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg0, kNextAmber);
        ImGui::TableNextColumn();
        ImGui::Text("%d", n);
        ImGui::TableNextColumn();
        const std::string label = sc.name + "##" + std::to_string(n);
        if (ImGui::Selectable(label.c_str(), state.selectedScene == n, ImGuiSelectableFlags_SpanAllColumns))
            state.selectedScene = n;
        Probe(state, "scene " + std::to_string(n));
        if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) list.recall(n, nullptr, why);
        // Drag a cue onto another row to move it there.
        if (ImGui::BeginDragDropSource()) {
            ImGui::SetDragDropPayload("headroom-scene", &n, sizeof n);
            ImGui::Text("move %d %s", n, sc.name.c_str());
            ImGui::EndDragDropSource();
        }
        if (ImGui::BeginDragDropTarget()) {
            if (const ImGuiPayload* payload = ImGui::AcceptDragDropPayload("headroom-scene")) {
                std::memcpy(&dragFrom, payload->Data, sizeof dragFrom);
                dropOn = n;
            }
            ImGui::EndDragDropTarget();
        }
        ImGui::TableNextColumn();
        ImGui::Text("%.1f s", sc.fadeSeconds);
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(sc.scope.describe().c_str());
        ImGui::TableNextColumn();
        ImGui::TextUnformatted(firstLine(sc.notes).c_str());
    }
    ImGui::EndTable();
    if (dragFrom > 0 && dropOn > 0 && dragFrom != dropOn && list.move(dragFrom, dropOn, why)) state.selectedScene = dropOn;
}

// The selected scene: name, notes, fade, scope; up, down, duplicate, delete.
void sceneEditor(SceneList& list, GuiState& state, std::string* why) {
    ScenesPanel& p = state.scenes;
    const int n = state.selectedScene;
    if (n <= 0 || n > list.size()) {
        ImGui::TextDisabled("pick a scene to edit its name, notes, fade and scope");
        return;
    }
    const Scene& sc = list.scene(n);
    ImGui::Text("scene %d", n);
    ImGui::SameLine();
    ImGui::SetNextItemWidth(260);
    ImGui::InputText("##rename", p.name, sizeof p.name);
    Probe(state, "rename");
    if (ImGui::IsItemDeactivatedAfterEdit() && sc.name != p.name) list.rename(n, p.name, why);
    // Moving and duplicating change the list under `sc`: they are done after the editor is drawn.
    ImGui::SameLine();
    const bool up = ImGui::Button("Move up");
    Probe(state, "move up");
    ImGui::SameLine();
    const bool down = ImGui::Button("Move down");
    Probe(state, "move down");
    ImGui::SameLine();
    const bool duplicate = ImGui::Button("Duplicate");
    Probe(state, "duplicate");
    ImGui::SameLine();
    if (ImGui::Button("Delete...")) p.askDelete = n;
    Probe(state, "delete");
    ImGui::TextUnformatted("notes (shown under GO when this is the next cue)");
    ImGui::InputTextMultiline("##notes", p.notes, sizeof p.notes, ImVec2(-1, 90));
    Probe(state, "notes");
    if (ImGui::IsItemDeactivatedAfterEdit() && sc.notes != p.notes) list.setNotes(n, p.notes, why);
    float fade = static_cast<float>(sc.fadeSeconds);
    ImGui::SetNextItemWidth(120);
    if (ImGui::InputFloat("fade (s)", &fade, 0.5f, 1.0f, "%.1f", ImGuiInputTextFlags_EnterReturnsTrue))
        list.setFade(n, fade, why);
    ImGui::TextUnformatted("scope:");
    for (int g = 0; g < static_cast<int>(Group::Record); ++g) {
        bool on = (sc.scope.groups >> g) & 1u;
        ImGui::SameLine();
        if (ImGui::Checkbox(groupName(static_cast<Group>(g)), &on)) {
            std::vector<std::string> words;
            for (int k = 0; k < static_cast<int>(Group::Record); ++k) {
                const bool set = k == g ? on : ((sc.scope.groups >> k) & 1u);
                if (set) words.push_back(groupName(static_cast<Group>(k)));
            }
            words.insert(words.end(), sc.scope.strips.begin(), sc.scope.strips.end());
            if (!words.empty()) list.setScope(n, words, why);
        }
    }
    if (up && n > 1 && list.move(n, n - 1, why)) state.selectedScene = n - 1;
    if (down && n < list.size() && list.move(n, n + 1, why)) state.selectedScene = n + 1;
    if (duplicate)
        if (const int copy = list.duplicate(n, why); copy > 0) state.selectedScene = copy;
}

void deleteQuestion(SceneList& list, GuiState& state, std::string* why) {
    ScenesPanel& p = state.scenes;
    if (p.askDelete > 0 && !ImGui::IsPopupOpen("###deletescene")) ImGui::OpenPopup("###deletescene");
    if (!ImGui::BeginPopupModal("Delete scene###deletescene", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
    const bool valid = p.askDelete > 0 && p.askDelete <= list.size();
    if (valid) ImGui::Text("Delete scene %d \"%s\"? Its stored values go with it.", p.askDelete, list.scene(p.askDelete).name.c_str());
    const bool yes = ImGui::Button("Delete", ImVec2(120, 0));
    Probe(state, "delete yes");
    if (yes && valid) {
        if (list.remove(p.askDelete, why)) state.selectedScene = std::min(p.askDelete, list.size());
        p.askDelete = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::SameLine();
    const bool no = ImGui::Button("Cancel", ImVec2(120, 0));
    Probe(state, "delete cancel");
    if (no || !valid) {
        p.askDelete = 0;
        ImGui::CloseCurrentPopup();
    }
    ImGui::EndPopup();
}

// The GO panel: what is live now, and in large type what GO recalls next and its notes.
void goPanel(SceneList& list, GuiState& state, std::string* why) {
    const int now = list.current(), next = now + 1;
    ImGui::SetWindowFontScale(1.3f);
    if (now > 0) ImGui::TextColored(ImVec4(0.5f, 0.9f, 0.55f, 1), "NOW  %d  %s", now, list.scene(now).name.c_str());
    else ImGui::TextDisabled("NOW  (no scene recalled yet)");
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Separator();
    ImGui::TextDisabled("NEXT");
    ImGui::SetWindowFontScale(2.2f);
    const bool any = next <= list.size();
    ImGui::PushTextWrapPos(0.0f);
    if (any) ImGui::TextColored(ImVec4(1.0f, 0.8f, 0.3f, 1), "%d  %s", next, list.scene(next).name.c_str());
    else ImGui::TextDisabled("%s", list.size() ? "end of the cue list" : "no scenes");
    ImGui::SetWindowFontScale(1.4f);
    if (any && !list.scene(next).notes.empty()) ImGui::TextUnformatted(list.scene(next).notes.c_str());
    else if (any) ImGui::TextDisabled("(no notes)");
    if (any && list.scene(next).fadeSeconds > 0) ImGui::TextDisabled("fades in %.1f s", list.scene(next).fadeSeconds);
    ImGui::PopTextWrapPos();
    ImGui::SetWindowFontScale(1.0f);
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Button, any ? IM_COL32(40, 160, 70, 255) : IM_COL32(50, 60, 54, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, any ? IM_COL32(60, 190, 90, 255) : IM_COL32(50, 60, 54, 255));
    ImGui::SetWindowFontScale(2.6f);
    if (ImGui::Button("GO##big", ImVec2(-1, 110))) list.go(nullptr, why);
    Probe(state, "go");
    ImGui::SetWindowFontScale(1.0f);
    ImGui::PopStyleColor(2);
    ImGui::TextDisabled("G on the keyboard is GO too");
    const float half = (ImGui::GetContentRegionAvail().x - 8) / 3.0f;
    if (ImGui::Button("Prev", ImVec2(half, 30))) list.prev(nullptr, why);
    Probe(state, "prev");
    ImGui::SameLine(0, 4);
    if (ImGui::Button("Undo recall", ImVec2(half, 30))) list.undo(why);
    ImGui::SameLine(0, 4);
    if (ImGui::Button("Redo recall", ImVec2(half, 30))) list.redo(why);
}

void safesPanel(SceneList& list, GuiState& state, std::string* why) {
    ImGui::TextUnformatted("recall safes (no recall touches these):");
    for (const std::string& p : std::vector<std::string>(list.safes())) {
        ImGui::BulletText("%s", p.c_str());
        ImGui::SameLine();
        if (ImGui::SmallButton(("remove##" + p).c_str())) list.removeSafe(p, why);
    }
    ImGui::SetNextItemWidth(200);
    ImGui::InputText("##safe", state.scenes.safe, sizeof state.scenes.safe);
    ImGui::SameLine();
    if (ImGui::Button("Add safe")) list.addSafe(state.scenes.safe, why);
}

} // namespace

void DrawScenes(Session& session, GuiState& state) {
    SceneList& list = session.scenes;
    std::string why;
    readFields(list, state);
    const float goWidth = std::clamp(ImGui::GetContentRegionAvail().x * 0.36f, 300.0f, 560.0f);
    ImGui::BeginChild("cuelist", ImVec2(ImGui::GetContentRegionAvail().x - goWidth - 8, 0));
    ImGui::SetNextItemWidth(220);
    ImGui::InputTextWithHint("##newname", "name of the new scene", state.scenes.newName, sizeof state.scenes.newName);
    Probe(state, "new name");
    ImGui::SameLine();
    if (ImGui::Button("Store new") && state.scenes.newName[0]) {
        state.selectedScene = list.store(state.scenes.newName, "");
        state.scenes.newName[0] = '\0';
    }
    Probe(state, "store");
    ImGui::SameLine();
    if (ImGui::Button("Update") && state.selectedScene > 0) list.update(state.selectedScene, &why);
    ImGui::SameLine();
    if (ImGui::Button("Recall") && state.selectedScene > 0) list.recall(state.selectedScene, nullptr, &why);
    Probe(state, "recall");
    ImGui::SameLine();
    ImGui::TextDisabled("(double-click a cue: recall it; drag it: move it)");
    if (!state.message.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", state.message.c_str());
    const float below = 200.0f; // the editor
    cueList(list, state, &why, std::max(140.0f, ImGui::GetContentRegionAvail().y - below));
    ImGui::Separator();
    sceneEditor(list, state, &why);
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("go", ImVec2(0, 0), true);
    goPanel(list, state, &why);
    ImGui::Separator();
    safesPanel(list, state, &why);
    ImGui::EndChild();
    deleteQuestion(list, state, &why);
    if (!why.empty()) state.message = why;
}

} // namespace hr::gui
