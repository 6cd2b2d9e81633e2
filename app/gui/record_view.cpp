// The Record view: the take recorder and the player in one place, for tracking a band and
// for virtual soundcheck. Record and stop with the elapsed time and the disk time left; arm
// per channel, all, none and main; each channel's source live or playback, or all of them;
// the takes in the record folder with their lengths; load, play, stop, locate and loop.
// Recording and the transport go through the prompt's own commands, so the GUI, the prompt
// and a Mackie Control's transport keys do exactly the same thing.
#include "gui/views.h"

#include "gui/journal.h"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <future>

namespace hr::gui {

namespace fs = std::filesystem;

namespace {

const ImU32 kRecRed = IM_COL32(225, 60, 50, 255);
const ImU32 kPlayGreen = IM_COL32(90, 200, 110, 255);

std::string clock(double seconds) { // 1:02:03.4, or 2:03.4 under an hour
    if (!(seconds >= 0)) seconds = 0;
    const int tenths = static_cast<int>(std::floor(seconds * 10.0));
    const int h = tenths / 36000, m = tenths / 600 % 60, s = tenths / 10 % 60, t = tenths % 10;
    char buf[32];
    if (h > 0) std::snprintf(buf, sizeof buf, "%d:%02d:%02d.%d", h, m, s, t);
    else std::snprintf(buf, sizeof buf, "%d:%02d.%d", m, s, t);
    return buf;
}

// The free space where the takes go (the nearest folder that exists), and how long that
// records at `tracks` mono tracks.
std::string diskLeft(const Session& session, int tracks) {
    std::error_code ec;
    fs::path at = fs::absolute(session.recordDir.empty() ? "." : session.recordDir, ec);
    while (!at.empty() && !fs::exists(at, ec) && at != at.root_path()) at = at.parent_path();
    const fs::space_info space = fs::space(at, ec);
    if (ec) return "disk space unknown (" + ec.message() + ")";
    char buf[128];
    const double gb = double(space.available) / 1e9;
    const double bytesPerSecond = std::max(1, tracks) * session.engine->sampleRate() * (session.recordFloat ? 4.0 : 3.0);
    const double hours = double(space.available) / bytesPerSecond / 3600.0;
    if (tracks <= 0) std::snprintf(buf, sizeof buf, "%.1f GB free", gb);
    else std::snprintf(buf, sizeof buf, "%.1f GB free: %d h %02d min at %d tracks", gb, static_cast<int>(hours),
                       static_cast<int>(std::fmod(hours * 60.0, 60.0)), tracks);
    return buf;
}

bool colouredButton(const char* label, bool lit, ImU32 colour, const ImVec2& size) {
    ImGui::PushStyleColor(ImGuiCol_Button, lit ? colour : IM_COL32(50, 50, 58, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, lit ? colour : IM_COL32(70, 70, 80, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, lit ? IM_COL32(10, 10, 10, 255) : IM_COL32(220, 220, 220, 255));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(3);
    return pressed;
}

// A prompt command, its refusal shown in the view's message line.
void run(Session& session, GuiState& state, const std::string& line) {
    const std::string answer = Prompt(session).executeLocked(line);
    const size_t end = answer.find('\n');
    const std::string first = answer.substr(0, end);
    if (answer.rfind("error:", 0) == 0) state.message = first;
    else state.record.note = first;
    state.record.listedAt = -1e9; // the takes may have changed: read the folder again
}

void setAll(ParamStore& s, const std::vector<ParamId>& ids, float value) {
    for (ParamId id : ids) {
        if (s.get(id) == value) continue;
        journal().record(id, s.get(id), value);
        s.set(id, value, Source::Gui);
    }
}

void transportRow(Session& session, GuiState& state) {
    Recorder& rec = session.recorder;
    Console& c = session.engine->console();
    ParamStore& s = c.params();
    RecordPanel& panel = state.record;
    const bool recording = rec.active();
    int armed = 0;
    for (const ChannelIds& ch : c.tree().channels) armed += s.get(ch.recArm) >= 0.5f;
    const int tracks = armed + (s.get(c.tree().mainRecArm) >= 0.5f ? 2 : 0);

    // Record / stop: blinking while a take is recording.
    const bool blink = recording && std::fmod(ImGui::GetTime(), 1.0) < 0.6;
    ImGui::PushStyleColor(ImGuiCol_Border, kRecRed);
    ImGui::PushStyleVar(ImGuiStyleVar_FrameBorderSize, 2.0f);
    const bool pressed = colouredButton(recording ? "STOP REC###rec" : "REC###rec", blink, kRecRed, ImVec2(120, 44));
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
    if (pressed)
        run(session, state, recording ? "record stop" : "record start");
    Probe(state, "rec");
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (recording) {
        uint64_t dropped = 0;
        const std::vector<TrackStatus> status = rec.status();
        for (const TrackStatus& t : status) dropped += t.dropped;
        ImGui::TextColored(ImVec4(1.0f, 0.35f, 0.3f, 1.0f), "RECORDING %s  %zu tracks%s", clock(rec.seconds()).c_str(),
                           status.size(), dropped ? "" : ", nothing dropped");
        if (dropped) {
            ImGui::SameLine();
            ImGui::TextColored(ImVec4(1.0f, 0.6f, 0.2f, 1.0f), "%llu samples dropped", static_cast<unsigned long long>(dropped));
        }
        ImGui::TextDisabled("%s", rec.takePath().c_str());
    } else {
        ImGui::Text("%d channels armed%s: %d tracks", armed, s.get(c.tree().mainRecArm) >= 0.5f ? " and main" : "", tracks);
        if (!rec.error().empty()) ImGui::TextColored(ImVec4(1.0f, 0.5f, 0.4f, 1.0f), "last take: %s", rec.error().c_str());
        else ImGui::TextDisabled("%s", panel.note.c_str());
    }
    if (ImGui::GetTime() - panel.diskAt > 1.0 || tracks != panel.diskTracks) { // a statfs once a second, not every frame
        panel.disk = diskLeft(session, tracks);
        panel.diskAt = ImGui::GetTime();
        panel.diskTracks = tracks;
    }
    ImGui::TextUnformatted(panel.disk.c_str());
    ImGui::EndGroup();
    ImGui::SameLine(0, 30);
    ImGui::BeginGroup();
    // Where takes go, and their format: fixed while a take records.
    if (panel.folder[0] == '\0' || (!ImGui::IsAnyItemActive() && session.recordDir != panel.folder))
        std::snprintf(panel.folder, sizeof panel.folder, "%s", session.recordDir.c_str());
    ImGui::BeginDisabled(recording);
    ImGui::SetNextItemWidth(320);
    if (ImGui::InputText("take folder", panel.folder, sizeof panel.folder, ImGuiInputTextFlags_EnterReturnsTrue) ||
        (ImGui::IsItemDeactivatedAfterEdit() && panel.folder[0])) {
        session.recordDir = panel.folder;
        panel.listedAt = -1e9;
    }
    ImGui::Checkbox("32-bit float (else 24-bit)", &session.recordFloat);
    ImGui::EndDisabled();
    ImGui::EndGroup();
}

void armGrid(Session& session, GuiState& state) {
    Console& c = session.engine->console();
    ParamStore& s = c.params();
    const auto& channels = c.tree().channels;
    std::vector<ParamId> arms, sources;
    for (const ChannelIds& ch : channels) {
        arms.push_back(ch.recArm);
        sources.push_back(ch.source);
    }
    ImGui::TextDisabled("ARM");
    ImGui::SameLine();
    if (ImGui::SmallButton("all##arm")) setAll(s, arms, 1.0f);
    Probe(state, "arm all");
    ImGui::SameLine();
    if (ImGui::SmallButton("none##arm")) {
        setAll(s, arms, 0.0f);
        setAll(s, {c.tree().mainRecArm}, 0.0f);
    }
    Probe(state, "arm none");
    ImGui::SameLine();
    Switch("main L/R##arm", s, c.tree().mainRecArm, ImVec2(90, 0), kRecRed);
    ImGui::SameLine(0, 30);
    ImGui::TextDisabled("SOURCE");
    ImGui::SameLine();
    if (ImGui::SmallButton("all live")) setAll(s, sources, static_cast<float>(SourceKind::Live));
    Probe(state, "all live");
    ImGui::SameLine();
    if (ImGui::SmallButton("all playback")) setAll(s, sources, static_cast<float>(SourceKind::Playback));
    Probe(state, "all playback");
    if (session.recorder.active()) {
        ImGui::SameLine(0, 20);
        ImGui::TextDisabled("(arming now changes the next take, not this one)");
    }

    // One cell per channel: its number and name, the arm switch, the tap and the source.
    const float cell = 150.0f;
    const int perRow = std::max(1, static_cast<int>((ImGui::GetContentRegionAvail().x + 6) / (cell + 6)));
    ImGui::BeginChild("armgrid", ImVec2(0, std::min(320.0f, 8 + 62.0f * ((static_cast<int>(channels.size()) + perRow - 1) / perRow))), false);
    for (size_t k = 0; k < channels.size(); ++k) {
        const ChannelIds& ch = channels[k];
        if (k % static_cast<size_t>(perRow) != 0) ImGui::SameLine(0, 6);
        ImGui::PushID(static_cast<int>(k));
        ImGui::BeginGroup();
        const std::string label = std::to_string(k + 1) + " " + s.text(ch.name);
        const bool armed = s.get(ch.recArm) >= 0.5f;
        const ImVec2 at = ImGui::GetCursorScreenPos(); // the channel's colour, a stripe at the left
        ImGui::GetWindowDrawList()->AddRectFilled(at, ImVec2(at.x + 5, at.y + 24), paletteColour(static_cast<int>(s.get(ch.colour))));
        ImGui::SetCursorScreenPos(ImVec2(at.x + 7, at.y));
        if (colouredButton((label + "###arm").c_str(), armed, kRecRed, ImVec2(cell - 7, 24))) {
            journal().record(ch.recArm, armed ? 1.0f : 0.0f, armed ? 0.0f : 1.0f);
            s.set(ch.recArm, armed ? 0.0f : 1.0f, Source::Gui);
        }
        Probe(state, "arm " + std::to_string(k + 1));
        const bool post = s.get(ch.recTap) >= 0.5f;
        if (colouredButton(post ? "post###tap" : "input###tap", post, IM_COL32(230, 190, 80, 255), ImVec2(cell / 2 - 2, 20))) {
            journal().record(ch.recTap, post ? 1.0f : 0.0f, post ? 0.0f : 1.0f);
            s.set(ch.recTap, post ? 0.0f : 1.0f, Source::Gui);
        }
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("records the interface input, or post: after EQ and dynamics, before the fader");
        ImGui::SameLine(0, 4);
        const float source = s.get(ch.source);
        const bool playback = source == static_cast<float>(SourceKind::Playback);
        const char* what = playback ? "PLAYBACK###src" : source == 0.0f ? "live###src" : "generator###src";
        if (colouredButton(what, playback, kPlayGreen, ImVec2(cell / 2 - 2, 20))) {
            const float next = static_cast<float>(playback ? SourceKind::Live : SourceKind::Playback);
            journal().record(ch.source, source, next);
            s.set(ch.source, next, Source::Gui);
        }
        Probe(state, "source " + std::to_string(k + 1));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("what the channel hears: its interface input, or the loaded take's track");
        MeterBar(c.channelMeters(static_cast<int>(k)).in.read(), ImVec2(cell, 6)); // what is being recorded (the input)
        ImGui::EndGroup();
        ImGui::PopID();
    }
    ImGui::EndChild();
}

void takesAndPlayer(Session& session, GuiState& state) {
    RecordPanel& panel = state.record;
    Player& player = session.player;
    const double now = ImGui::GetTime();
    // The folder is read every 2 s and after each action, off the frame (the frame holds the
    // control lock: a folder of many takes on a slow disk must not stall the surfaces).
    if (now - panel.listedAt > 2.0 && !panel.listing.valid()) {
        panel.listing = std::async(std::launch::async, listTakes, session.recordDir);
        panel.listedAt = now;
    }
    if (panel.listing.valid() && panel.listing.wait_for(std::chrono::seconds(0)) == std::future_status::ready)
        panel.takes = panel.listing.get();
    ImGui::BeginChild("takes", ImVec2(ImGui::GetContentRegionAvail().x * 0.55f, -28), true);
    ImGui::Text("TAKES in %s", session.recordDir.c_str());
    if (panel.takes.empty()) ImGui::TextDisabled("none yet: arm channels and press REC");
    if (ImGui::BeginTable("takelist", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollY)) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, 30);
        ImGui::TableSetupColumn("take");
        ImGui::TableSetupColumn("length", ImGuiTableColumnFlags_WidthFixed, 80);
        ImGui::TableSetupColumn("tracks", ImGuiTableColumnFlags_WidthFixed, 50);
        ImGui::TableHeadersRow();
        for (size_t k = 0; k < panel.takes.size(); ++k) {
            const TakeInfo& t = panel.takes[k];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            const bool loaded = player.loaded() && fs::path(player.folder()) == fs::path(t.path);
            ImGui::Text("%s%zu", loaded ? ">" : " ", k + 1);
            ImGui::TableNextColumn();
            if (ImGui::Selectable((t.name + "##take").c_str(), panel.selectedTake == static_cast<int>(k) + 1,
                                  ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowDoubleClick)) {
                panel.selectedTake = static_cast<int>(k) + 1;
                if (ImGui::IsMouseDoubleClicked(0)) run(session, state, "play " + std::to_string(k + 1));
            }
            Probe(state, "take " + std::to_string(k + 1));
            ImGui::TableNextColumn();
            if (session.recorder.active() && session.recorder.takePath() == t.path) ImGui::TextColored(ImVec4(1, 0.35f, 0.3f, 1), "recording");
            else if (t.seconds >= 0) ImGui::TextUnformatted(clock(t.seconds).c_str());
            else ImGui::TextDisabled("?");
            ImGui::TableNextColumn();
            ImGui::Text("%d", t.tracks);
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::SameLine();

    ImGui::BeginChild("player", ImVec2(0, -28), true);
    ImGui::TextUnformatted("PLAYER (virtual soundcheck: channels on playback hear the take)");
    const bool canLoad = panel.selectedTake >= 1 && panel.selectedTake <= static_cast<int>(panel.takes.size());
    ImGui::BeginDisabled(!canLoad);
    if (ImGui::Button("Load selected take", ImVec2(180, 28))) run(session, state, "play " + std::to_string(panel.selectedTake));
    Probe(state, "load");
    ImGui::EndDisabled();
    ImGui::SameLine();
    if (ImGui::Button("Load latest", ImVec2(120, 28))) run(session, state, "play latest");
    if (!player.loaded()) {
        ImGui::TextDisabled("no take loaded");
        ImGui::EndChild();
        return;
    }
    ImGui::Text("%s", fs::path(player.folder()).filename().c_str());
    const bool playing = player.playing();
    if (colouredButton(playing ? "STOP###play" : "PLAY###play", playing, kPlayGreen, ImVec2(100, 36)))
        run(session, state, playing ? "transport stop" : "transport play");
    Probe(state, "play");
    ImGui::SameLine();
    if (ImGui::Button("|<", ImVec2(40, 36))) run(session, state, "transport locate 0");
    ImGui::SameLine();
    ImGui::Text("%s / %s%s", clock(player.position()).c_str(), clock(player.length()).c_str(),
                player.underruns() ? "  (underruns)" : "");
    // The timeline: drag to locate (on release, so the disk thread seeks once).
    float at = static_cast<float>(panel.scrubbing ? panel.scrubTo : player.position());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::SliderFloat("##timeline", &at, 0.0f, static_cast<float>(std::max(0.01, player.length())), "")) {
        panel.scrubbing = true;
        panel.scrubTo = at;
    }
    Probe(state, "timeline");
    if (panel.scrubbing && ImGui::IsItemDeactivated()) {
        panel.scrubbing = false;
        char line[64];
        std::snprintf(line, sizeof line, "transport locate %.3f", panel.scrubTo);
        run(session, state, line);
    }
    // Loop A..B from the play position.
    if (ImGui::Button("Loop from here")) panel.loopA = player.position();
    Probe(state, "loop a");
    ImGui::SameLine();
    if (ImGui::Button("to here")) {
        const double b = player.position();
        char line[96];
        std::snprintf(line, sizeof line, "transport loop %.3f %.3f", std::min(panel.loopA, b), std::max(panel.loopA, b));
        run(session, state, line);
    }
    Probe(state, "loop b");
    ImGui::SameLine();
    if (ImGui::Button("Loop off")) run(session, state, "transport loop off");
    ImGui::SameLine();
    if (player.loopTo() >= 0) ImGui::Text("looping %s-%s", clock(player.loopFrom()).c_str(), clock(player.loopTo()).c_str());
    else ImGui::TextDisabled("no loop (A at %s)", clock(panel.loopA).c_str());
    ImGui::EndChild();
}

} // namespace

void Probe(GuiState& state, const std::string& name) {
    if (!state.probe) return;
    (*state.probe)[name] = {ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
}

void DrawRecord(Session& session, GuiState& state) {
    transportRow(session, state);
    ImGui::Separator();
    armGrid(session, state);
    ImGui::Separator();
    takesAndPlayer(session, state);
    if (!state.message.empty()) ImGui::TextColored(ImVec4(1, 0.5f, 0.4f, 1), "%s", state.message.c_str());
}

} // namespace hr::gui
