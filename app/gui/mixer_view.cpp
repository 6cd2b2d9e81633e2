#include "gui/mixer_view.h"

#include "gui/widgets.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <string>

namespace hr::gui {

namespace {
constexpr float kStripWidth = 86.0f;
constexpr float kMasterWidth = 62.0f;
constexpr float kStripTop = 250.0f; // header, input section, EQ, dynamics, pan, switches
float gFaderHeight = 260.0f;        // set each frame from the window's height

int colourOf(const ParamStore& s, ParamId id) { return static_cast<int>(s.get(id)); }

void stripHeader(const std::string& name, ImU32 colour, bool selected, float width, bool* clicked) {
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(10, 10, 10, 255));
    *clicked = ImGui::Button(name.c_str(), ImVec2(width, 22));
    ImGui::PopStyleColor(2);
    if (selected) {
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(a, b, IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
    }
}

// The strips a Mackie Control has on its faders: a coloured bar under the name.
void bankMark(const GuiState& state, int strip, float width) {
    static const ImU32 colours[] = {IM_COL32(255, 150, 40, 255), IM_COL32(120, 200, 255, 255), IM_COL32(200, 120, 255, 255)};
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    for (size_t k = 0; k < state.banks.size(); ++k) {
        const BankWindow& w = state.banks[k];
        if (strip < w.first || strip >= w.first + w.strips) continue;
        const float y = b.y + 1.0f + 4.0f * static_cast<float>(k);
        ImGui::GetWindowDrawList()->AddRectFilled(ImVec2(a.x, y), ImVec2(a.x + width, y + 3.0f), colours[k % 3]);
    }
}

void channelStrip(Session& session, GuiState& state, int c) {
    // Strips scrolled out of view take their place and draw nothing (64 strips: most are).
    const ImVec2 stripSize(kStripWidth, kStripTop + gFaderHeight + 20.0f);
    if (!ImGui::IsRectVisible(stripSize)) {
        ImGui::Dummy(stripSize);
        return;
    }
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const ChannelIds& ids = console.tree().channels[static_cast<size_t>(c)];
    const StripMeters& m = console.channelMeters(c);
    ImGui::PushID(c);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), state.selected == c, kStripWidth, &clicked);
    bankMark(state, c, kStripWidth);
    if (clicked) {
        state.selected = c;
        state.view = View::Channel; // the name opens the channel's detail
    }
    // Input: meter with clip light, trim and HPF.
    Meter("in", m.in.read(), ImVec2(10, 58));
    ImGui::SameLine();
    ImGui::BeginGroup();
    Knob("trim", s, ids.trim, 13.0f, "trim");
    ImGui::EndGroup();
    ImGui::SameLine(0, 10);
    ImGui::BeginGroup();
    Knob("hpf", s, ids.hpfFreq, 13.0f, "hpf");
    ImGui::EndGroup();
    Switch("HPF", s, ids.hpfOn, ImVec2(kStripWidth, 16), IM_COL32(90, 170, 240, 255));
    EqCurve("eq", eqViewOf(s, ids), console.sampleRate(), ImVec2(kStripWidth, 34), 15.0f);
    // Dynamics: gate and compressor gain reduction.
    GrBar(m.gate.readDb(), ImVec2(kStripWidth * 0.5f - 2, 8), IM_COL32(90, 200, 120, 255));
    ImGui::SameLine(0, 4);
    GrBar(m.comp.readDb(), ImVec2(kStripWidth * 0.5f - 2, 8), IM_COL32(240, 150, 40, 255));
    Knob("pan", s, ids.pan, 13.0f, "pan");
    ImGui::SameLine();
    ImGui::BeginGroup();
    Switch("M", s, ids.mute, ImVec2(24, 20), IM_COL32(235, 60, 50, 255));
    Switch("S", s, ids.solo, ImVec2(24, 20), IM_COL32(240, 210, 50, 255));
    ImGui::EndGroup();
    // The fader: the channel's own, or its send to the chosen bus (sends on fader).
    const bool sends = state.sendsOnFader >= 0;
    const ParamId faderId = channelFaderParam(console, state, c);
    Fader("fader", s, faderId, ImVec2(kStripWidth - 16, gFaderHeight),
          sends ? IM_COL32(80, 220, 200, 255) : IM_COL32(200, 200, 210, 255));
    ImGui::SameLine(0, 2);
    Meter("post", m.out.read(), ImVec2(10, gFaderHeight));
    char value[24];
    std::snprintf(value, sizeof value, "%s", s.spec(faderId).format(s.get(faderId)).c_str());
    ImGui::TextUnformatted(value);
    ImGui::EndGroup();
    ImGui::PopID();
}

void masterStrip(Session& session, GuiState& state, int bus) { // bus == buses(): main
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const bool isMain = bus == console.config().buses();
    const MasterIds& ids = isMain ? console.tree().main : console.tree().buses[static_cast<size_t>(bus)];
    const MasterMeters& m = isMain ? console.mainMeters() : console.busMeters(bus);
    const bool stereo = isMain || console.config().busWidths[static_cast<size_t>(bus)] == 2;
    ImGui::PushID(1000 + bus);
    ImGui::BeginGroup();
    bool clicked = false;
    const bool chosen = !isMain && state.sendsOnFader == bus;
    stripHeader(s.text(ids.name), chosen ? IM_COL32(80, 220, 200, 255) : paletteColour(colourOf(s, ids.colour)), chosen,
                kMasterWidth, &clicked);
    if (!isMain) bankMark(state, console.config().channels + bus, kMasterWidth);
    if (clicked && !isMain) state.sendsOnFader = chosen ? -1 : bus; // pick again to return
    GrBar(m.comp.readDb(), ImVec2(kMasterWidth, 6), IM_COL32(240, 150, 40, 255));
    Switch("MUTE", s, ids.mute, ImVec2(kMasterWidth, 18), IM_COL32(235, 60, 50, 255));
    const float h = gFaderHeight + kStripTop - 70.0f;
    Fader("fader", s, ids.fader, ImVec2(kMasterWidth - 16, h), isMain ? IM_COL32(240, 80, 80, 255) : IM_COL32(200, 200, 210, 255));
    ImGui::SameLine(0, 2);
    if (stereo) StereoMeter("out", m.out[0].read(), m.out[1].read(), ImVec2(14, h));
    else Meter("out", m.out[0].read(), ImVec2(10, h));
    ImGui::TextUnformatted(s.spec(ids.fader).format(s.get(ids.fader)).c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}
} // namespace

ParamId channelFaderParam(const Console& console, const GuiState& state, int channel) {
    const ChannelIds& ids = console.tree().channels[static_cast<size_t>(channel)];
    if (state.sendsOnFader >= 0 && state.sendsOnFader < console.config().buses())
        return ids.sends[static_cast<size_t>(state.sendsOnFader)].level;
    return ids.fader;
}

EqView eqViewOf(const ParamStore& s, const ChannelIds& ids) {
    EqView v;
    v.hpfOn = s.get(ids.hpfOn) >= 0.5f;
    v.hpfHz = s.get(ids.hpfFreq);
    v.hpfOrder = s.get(ids.hpfSlope) >= 0.5f ? 4 : 2;
    v.eqOn = s.get(ids.eqOn) >= 0.5f;
    for (int b = 0; b < 4; ++b) {
        v.bandOn[b] = s.get(ids.eq[b].on) >= 0.5f;
        v.freqHz[b] = s.get(ids.eq[b].freq);
        v.gainDb[b] = s.get(ids.eq[b].gain);
        v.q[b] = s.get(ids.eq[b].q);
        const bool shelf = ids.eq[b].type != kNoParam && s.get(ids.eq[b].type) >= 0.5f;
        v.bandType[b] = shelf ? (b == 0 ? 1 : 2) : 0;
    }
    return v;
}

void DrawMixer(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    const int nb = console.config().buses();
    gFaderHeight = std::max(160.0f, ImGui::GetContentRegionAvail().y - kStripTop - 40.0f);
    const float mastersWidth = (nb + 1) * (kMasterWidth + 8.0f) + 16.0f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float stripsWidth = std::max(200.0f, avail - std::min(mastersWidth, avail * 0.4f));
    ImGui::BeginChild("strips", ImVec2(stripsWidth, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    if (session.surfaces) state.banks = session.surfaces->banks();
    if (state.sendsOnFader >= 0) {
        ParamStore& s = console.params();
        ImGui::TextColored(ImVec4(0.3f, 0.86f, 0.78f, 1.0f), "SENDS ON FADER: %s (click the bus again to return)",
                           s.text(console.tree().buses[static_cast<size_t>(state.sendsOnFader)].name).c_str());
    }
    for (int c = 0; c < console.config().channels; ++c) {
        if (c) ImGui::SameLine(0, 6);
        channelStrip(session, state, c);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("masters", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    for (int b = 0; b <= nb; ++b) {
        if (b) ImGui::SameLine(0, 6);
        masterStrip(session, state, b);
    }
    ImGui::EndChild();
}

void syncSelection(SurfaceHost& surfaces, GuiState& state) {
    const int chosen = surfaces.selectedChannel();
    if (chosen != state.surfaceSelection) state.selected = chosen; // SELECT pressed on a surface
    else if (state.selected != chosen) surfaces.selectChannel(state.selected); // chosen here
    state.surfaceSelection = state.selected;
}

void DrawStatusBar(Session& session, GuiState& state) {
    const LoadFigures load = session.engine->load();
    const DeviceState* d = session.device && session.device->isOpen() ? &session.device->state() : nullptr;
    const std::time_t now = std::time(nullptr);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", std::localtime(&now));
    ImGui::Text("%s %s | %.0f Hz | %d frames | DSP %.1f%% (peak %.1f%%) | xruns %llu | %s%s | %s | %.0f fps",
                d ? d->api.c_str() : "no device", d ? d->device.c_str() : "", d ? d->rate : session.engine->sampleRate(),
                d ? d->buffer : session.engine->maxBlock(), load.averagePercent, load.peakPercent,
                static_cast<unsigned long long>(load.xruns), session.showName.c_str(),
                session.engine->console().params().generation() != session.savedGeneration ? " *" : "", clock, state.fps);
    if (!session.surfaces) return;
    for (const std::string& line : session.surfaces->status()) { // each surface, amber while it waits for its ports
        const bool waiting = line.find(" waiting (") != std::string::npos;
        ImGui::SameLine();
        ImGui::TextColored(waiting ? ImVec4(1.0f, 0.7f, 0.2f, 1.0f) : ImVec4(0.6f, 0.9f, 0.6f, 1.0f), "| %s%s",
                           line.substr(0, line.find(':')).c_str(), waiting ? " waiting" : "");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line.c_str());
    }
}

} // namespace hr::gui
