// The patch grids (inputs to channels, signals to outputs), the setup view and the keys.
// The other views have their own files: channel_view.cpp, bus_view.cpp, scenes_view.cpp,
// record_view.cpp, fx_view.cpp.
//
// Sections: patch view, setup view, keys.
#include "gui/views.h"

#include "gui/journal.h"
#include "devices.h"
#include "user_config.h"

#include <algorithm>
#include <future>
#include <cmath>
#include <cstdio>

namespace hr::gui {

// ---- patch view ----------------------------------------------------------------------------

namespace {

// Dear ImGui tables hold at most 64 columns: a grid wider than kPatchPage is drawn a page
// at a time, with a button per page above it ("1-48", "49-96", ...). Returns the first
// column (0-based) of the page shown.
constexpr int kPatchPage = 48;

int pageButtons(const char* id, int count, int* page, GuiState& state) {
    const int pages = (count + kPatchPage - 1) / kPatchPage;
    *page = std::clamp(*page, 0, std::max(0, pages - 1));
    for (int k = 0; k < pages && pages > 1; ++k) {
        ImGui::SameLine(0, k ? 2 : 12);
        const std::string label = std::to_string(k * kPatchPage + 1) + "-" + std::to_string(std::min(count, (k + 1) * kPatchPage));
        const bool lit = k == *page;
        ImGui::PushStyleColor(ImGuiCol_Button, lit ? IM_COL32(250, 200, 70, 255) : IM_COL32(60, 60, 66, 255));
        ImGui::PushStyleColor(ImGuiCol_Text, lit ? IM_COL32(10, 10, 10, 255) : IM_COL32(230, 230, 230, 255));
        if (ImGui::SmallButton((label + "##" + id).c_str())) *page = k;
        ImGui::PopStyleColor(2);
        Probe(state, std::string(id) + " page " + label);
    }
    return *page * kPatchPage;
}

} // namespace

void DrawPatch(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const ConsoleConfig& cfg = console.config();
    ImGui::TextUnformatted("input patch: interface inputs (columns) to channels (rows)");
    const int first = pageButtons("inputs", cfg.inputs, &state.inputPage, state);
    const int shown = std::min(kPatchPage, cfg.inputs - first);
    const float half = std::max(160.0f, (ImGui::GetContentRegionAvail().y - 60.0f) * 0.5f);
    if (shown > 0 && ImGui::BeginTable("inputs", shown + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
                                       ImVec2(0, half))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("channel", ImGuiTableColumnFlags_WidthFixed, 130);
        for (int k = first + 1; k <= first + shown; ++k) ImGui::TableSetupColumn(std::to_string(k).c_str(), ImGuiTableColumnFlags_WidthFixed, 22);
        ImGui::TableHeadersRow();
        for (int c = 0; c < cfg.channels; ++c) {
            const ChannelIds& ids = console.tree().channels[static_cast<size_t>(c)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d %s", c + 1, s.text(ids.name).c_str());
            for (int k = first + 1; k <= first + shown; ++k) {
                ImGui::TableNextColumn();
                ImGui::PushID(c * 1000 + k);
                const bool on = static_cast<int>(s.get(ids.input)) == k;
                if (ImGui::RadioButton("##p", on)) {
                    journal().record(ids.input, s.get(ids.input), on ? 0.0f : static_cast<float>(k));
                    s.set(ids.input, on ? 0.0f : static_cast<float>(k), Source::Gui);
                }
                Probe(state, "in " + std::to_string(c + 1) + " " + std::to_string(k));
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    ImGui::TextUnformatted("output patch: signals (columns) to interface outputs (rows)");
    const std::vector<std::string>& choices = console.tree().outputChoices;
    const int ofirst = pageButtons("signals", static_cast<int>(choices.size()), &state.outputPage, state);
    const int oshown = std::min(kPatchPage, static_cast<int>(choices.size()) - ofirst);
    if (oshown > 0 && ImGui::BeginTable("outputs", oshown + 1, ImGuiTableFlags_Borders | ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY,
                                        ImVec2(0, 0))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("output", ImGuiTableColumnFlags_WidthFixed, 60);
        for (int k = ofirst; k < ofirst + oshown; ++k)
            ImGui::TableSetupColumn(choices[static_cast<size_t>(k)].c_str(), ImGuiTableColumnFlags_WidthFixed, 48);
        ImGui::TableHeadersRow();
        for (int o = 0; o < cfg.outputs; ++o) {
            const ParamId id = console.tree().outputs[static_cast<size_t>(o)];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("out %d", o + 1);
            for (int k = ofirst; k < ofirst + oshown; ++k) {
                ImGui::TableNextColumn();
                ImGui::PushID(5000 + o * 1000 + k);
                const float choice = static_cast<float>(k);
                if (ImGui::RadioButton("##o", s.get(id) == choice)) {
                    journal().record(id, s.get(id), choice);
                    s.set(id, choice, Source::Gui);
                }
                Probe(state, "out " + std::to_string(o + 1) + " " + choices[static_cast<size_t>(k)]);
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
}

} // namespace hr::gui

namespace hr::gui {

// ---- setup view ----------------------------------------------------------------------------

void DrawSetup(LiveRig& rig, GuiState& state) {
    static std::vector<ApiListing> apis;
    static int api = 0, device = 0, rate = 48000, buffer = 256;
    if (apis.empty() || ImGui::Button("Rescan devices")) {
        apis = listAudioDevices();
        api = device = 0;
        for (size_t i = 0; i < apis.size(); ++i)
            if (apis[i].api == rig.request.api) api = static_cast<int>(i);
        rate = rig.request.rate;
        buffer = rig.request.buffer;
    }
    const DeviceState& now = rig.device->state();
    ImGui::Text("now: %s '%s' at %.0f Hz, %d frames, %d in / %d out%s", now.api.c_str(), now.device.c_str(), now.rate,
                now.buffer, now.inputs, now.outputs, rig.retrying ? " (retrying)" : "");
    ImGui::SetNextItemWidth(200);
    if (ImGui::BeginCombo("audio API", apis.empty() ? "" : apis[static_cast<size_t>(api)].api.c_str())) {
        for (size_t i = 0; i < apis.size(); ++i)
            if (ImGui::Selectable(apis[i].api.c_str(), api == static_cast<int>(i))) {
                api = static_cast<int>(i);
                device = 0;
            }
        ImGui::EndCombo();
    }
    if (!apis.empty()) {
        const ApiListing& a = apis[static_cast<size_t>(api)];
        if (!a.error.empty()) ImGui::TextColored(ImVec4(1, 0.6f, 0.4f, 1), "%s", a.error.c_str());
        ImGui::SetNextItemWidth(400);
        const std::string current = a.devices.empty() ? "(default)" : a.devices[static_cast<size_t>(std::min<int>(device, static_cast<int>(a.devices.size()) - 1))].name;
        if (ImGui::BeginCombo("device", current.c_str())) {
            for (size_t i = 0; i < a.devices.size(); ++i) {
                const auto& d = a.devices[i];
                const std::string label = d.name + " (" + std::to_string(d.inputs) + " in, " + std::to_string(d.outputs) + " out)";
                if (ImGui::Selectable(label.c_str(), device == static_cast<int>(i))) device = static_cast<int>(i);
            }
            ImGui::EndCombo();
        }
    }
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("sample rate (Hz)", &rate, 0);
    ImGui::SetNextItemWidth(120);
    ImGui::InputInt("buffer (frames)", &buffer, 0);
    if (ImGui::Button("Apply (restarts the stream; the console keeps its state)") && !apis.empty()) {
        const ApiListing& a = apis[static_cast<size_t>(api)];
        DeviceRequest r = rig.request;
        r.api = a.api == "null" ? "null" : a.api;
        r.device = a.devices.empty() || a.api == "null" ? "" : a.devices[static_cast<size_t>(device)].name;
        if (a.api == "jack") r.device = "";
        r.rate = std::clamp(rate, 8000, 384000);
        r.buffer = std::clamp(buffer, 16, 8192);
        rig.device->close();
        std::string error;
        if (rig.device->open(r, rig.consoleInputs, rig.consoleOutputs, &error)) {
            rig.request = r;
            rig.retrying = false;
            rig.session.deviceNote.clear();
            saveUserConfig(r);
            state.message = "audio device changed";
        } else {
            state.message = error + " (the previous device is retried)";
            rig.retrying = true; // supervise() reopens the remembered request
        }
    }
    if (!state.message.empty()) ImGui::TextUnformatted(state.message.c_str());
    ImGui::Separator();
    // The control surfaces: each unit's ports, XTs left or right, surfaces added and removed.
    static std::vector<MidiListing> midi;
    static bool scanned = false;
    ImGui::TextUnformatted("Control surfaces (saved with the show; the Mackie Control 'mcu' is also remembered for shows without)");
    static std::future<std::vector<MidiListing>> listing; // JACK clients come and go: not in the frame
    if ((!scanned || ImGui::Button("Rescan MIDI")) && !listing.valid()) {
        listing = std::async(std::launch::async, listMidiPorts);
        scanned = true;
    }
    if (listing.valid() && listing.wait_for(std::chrono::seconds(0)) == std::future_status::ready) midi = listing.get();
    if (listing.valid()) {
        ImGui::SameLine();
        ImGui::TextDisabled("listing MIDI ports...");
    }
    auto surfaces = rig.surfaces.surfaces();
    if (EditSurfaces(&surfaces, midi)) {
        for (const SurfaceConfig& c : surfaces)
            if (c.name == "mcu" && c.kind == SurfaceConfig::Kind::Mcu) {
                setConfigValue("midiIn", c.units[static_cast<size_t>(c.mainUnit())].in);
                setConfigValue("midiOut", c.units[static_cast<size_t>(c.mainUnit())].out);
            }
        rig.surfaces.configure(surfaces, std::chrono::milliseconds(0)); // holding the frame's lock: no wait
    }
    for (const std::string& line : rig.surfaces.status()) ImGui::TextUnformatted(line.c_str());
    for (const MidiListing& m : midi)
        if (!m.error.empty()) ImGui::TextDisabled("%s: %s", m.api.c_str(), m.error.c_str());
}

bool EditSurfaces(std::vector<SurfaceConfig>* surfaces, const std::vector<MidiListing>& midi) {
    bool changed = false;
    auto portCombo = [&](const char* label, std::string* value, bool in) {
        ImGui::SetNextItemWidth(280);
        if (!ImGui::BeginCombo(label, value->empty() ? "(virtual port)" : value->c_str())) return;
        if (ImGui::Selectable("(virtual port)", value->empty()) && !value->empty()) {
            value->clear();
            changed = true;
        }
        for (const MidiListing& m : midi)
            for (const std::string& port : in ? m.inputs : m.outputs)
                if (port.rfind(kMidiClient, 0) != 0 && ImGui::Selectable(port.c_str(), *value == port) && *value != port) {
                    *value = port; // never one of headroom's own ports
                    changed = true;
                }
        ImGui::EndCombo();
    };
    int removeSurface = -1;
    for (size_t i = 0; i < surfaces->size(); ++i) {
        SurfaceConfig& c = (*surfaces)[i];
        const bool mcu = c.kind == SurfaceConfig::Kind::Mcu;
        ImGui::PushID(static_cast<int>(i));
        ImGui::Text("%s: %s", c.name.c_str(), mcu ? "Mackie Control" : "generic MIDI (learn, program change)");
        int removeUnit = -1;
        for (size_t u = 0; u < c.units.size(); ++u) {
            SurfaceConfig::Unit& unit = c.units[u];
            ImGui::PushID(static_cast<int>(u));
            ImGui::TextUnformatted(!mcu ? "      " : unit.extender ? "  xt  " : "  main");
            ImGui::SameLine();
            portCombo("in", &unit.in, true);
            ImGui::SameLine();
            portCombo("out", &unit.out, false);
            if (unit.extender) {
                ImGui::SameLine();
                if (ImGui::SmallButton("remove")) removeUnit = static_cast<int>(u);
            }
            ImGui::PopID();
        }
        if (removeUnit >= 0) {
            c.units.erase(c.units.begin() + removeUnit);
            changed = true;
        }
        ImGui::TextUnformatted("      ");
        ImGui::SameLine();
        if (mcu && c.units.size() < 8) {
            SurfaceConfig::Unit xt;
            xt.extender = true;
            if (ImGui::SmallButton("+ XT left")) {
                c.units.insert(c.units.begin(), xt);
                changed = true;
            }
            ImGui::SameLine();
            if (ImGui::SmallButton("+ XT right")) {
                c.units.push_back(xt);
                changed = true;
            }
            ImGui::SameLine();
        }
        if (ImGui::SmallButton("remove surface")) removeSurface = static_cast<int>(i);
        ImGui::PopID();
    }
    if (removeSurface >= 0) {
        surfaces->erase(surfaces->begin() + removeSurface);
        changed = true;
    }
    auto add = [&](const char* base, SurfaceConfig::Kind kind) {
        SurfaceConfig c;
        c.kind = kind;
        c.name = base;
        for (int k = 2; std::any_of(surfaces->begin(), surfaces->end(), [&](const SurfaceConfig& s) { return s.name == c.name; }); ++k)
            c.name = base + std::to_string(k);
        surfaces->push_back(c);
        changed = true;
    };
    if (ImGui::Button("Add a Mackie Control")) add("mcu", SurfaceConfig::Kind::Mcu);
    ImGui::SameLine();
    if (ImGui::Button("Add a generic MIDI controller")) add("midi", SurfaceConfig::Kind::Generic);
    return changed;
}

void HandleKeys(Session& session, GuiState& state) {
    ImGuiIO& io = ImGui::GetIO();
    if (io.WantTextInput) return;
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const int n = console.config().channels;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) state.selected = (state.selected + n - 1) % n;
    if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) state.selected = (state.selected + 1) % n;
    const ChannelIds& ids = console.tree().channels[static_cast<size_t>(state.selected)];
    auto toggle = [&](ParamId id) {
        const float v = s.get(id) >= 0.5f ? 0.0f : 1.0f;
        journal().record(id, s.get(id), v);
        s.set(id, v, Source::Gui);
    };
    if (io.KeyCtrl && ImGui::IsKeyPressed('Z')) {
        if (io.KeyShift) journal().redo(s);
        else journal().undo(s);
        return;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed('S')) {
        if (io.KeyShift) RequestSaveAs(session, state);
        else RequestSave(session, state);
        return;
    }
    if (io.KeyCtrl && ImGui::IsKeyPressed('O')) return RequestOpen(session, state);
    if (io.KeyCtrl && ImGui::IsKeyPressed('N')) return RequestNew(session, state);
    if (io.KeyCtrl) return;
    if (ImGui::IsKeyPressed('M')) toggle(ids.mute);
    if (ImGui::IsKeyPressed('S')) toggle(ids.solo);
    if (ImGui::IsKeyPressed('G')) {
        std::string why;
        if (!session.scenes.go(nullptr, &why)) state.message = why;
    }
}

} // namespace hr::gui
