#include "gui/mixer_view.h"

#include "gui/journal.h"
#include "gui/views.h"
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
const ImU32 kSendTeal = IM_COL32(80, 220, 200, 255); // what shows a send (sends on fader)
const ImU32 kSoloYellow = IM_COL32(240, 210, 50, 255);
constexpr float kStripTop = 250.0f;
constexpr float kMasterRows = 44.0f; // PROC and SOLO under a master's name (the FX returns leave them empty) // header, input section, EQ, dynamics, pan, switches
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

// Every channel's and bus's SOLO.
std::vector<ParamId> soloIds(const ConsoleTree& t) {
    std::vector<ParamId> ids;
    for (const ChannelIds& c : t.channels) ids.push_back(c.solo);
    for (const MasterIds& b : t.buses) ids.push_back(b.solo);
    return ids;
}

bool anySolo(const ParamStore& s, const ConsoleTree& t) { // read every frame: no list built
    for (const ChannelIds& c : t.channels)
        if (s.get(c.solo) >= 0.5f) return true;
    for (const MasterIds& b : t.buses)
        if (s.get(b.solo) >= 0.5f) return true;
    return false;
}

bool mutedByGroup(const ParamStore& s, const ConsoleTree& t, const ChannelIds& ids) {
    for (int d = 0; d < kDcas; ++d)
        if (s.get(ids.dca[d]) >= 0.5f && s.get(t.dcas[d].mute) >= 0.5f) return true;
    for (int g = 0; g < kMuteGroups; ++g)
        if (s.get(ids.mgrp[g]) >= 0.5f && s.get(t.muteGroups[g].mute) >= 0.5f) return true;
    return false;
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
    // Sends on fader: the strip's pan, mute and this row act on its send to the chosen bus.
    const int nb = console.config().buses();
    const SendIds* send = state.sendsOnFader >= 0 && state.sendsOnFader < nb ? &ids.sends[static_cast<size_t>(state.sendsOnFader)] : nullptr;
    if (send) {
        ChoiceButton("tap", s, send->tap, ImVec2(kStripWidth, 16), kSendTeal, -1); // post -> pre -> pre-eq
        Probe(state, "tap " + std::to_string(c + 1));
    } else {
        Switch("HPF", s, ids.hpfOn, ImVec2(kStripWidth, 16), IM_COL32(90, 170, 240, 255));
    }
    EqCurve("eq", eqViewOf(s, ids), console.sampleRate(), ImVec2(kStripWidth, 34), 15.0f);
    // Dynamics: gate and compressor gain reduction.
    GrBar(m.gate.readDb(), ImVec2(kStripWidth * 0.5f - 2, 8), IM_COL32(90, 200, 120, 255));
    ImGui::SameLine(0, 4);
    GrBar(m.comp.readDb(), ImVec2(kStripWidth * 0.5f - 2, 8), IM_COL32(240, 150, 40, 255));
    if (!send) {
        Knob("pan", s, ids.pan, 13.0f, "pan");
    } else if (send->pan != kNoParam) { // a stereo bus: the send's own pan (a stereo IEM)
        Knob("span", s, send->pan, 13.0f, "s.pan");
        Probe(state, "send pan " + std::to_string(c + 1));
    } else {
        ImGui::BeginGroup(); // a mono bus has no send pan
        ImGui::Dummy(ImVec2(26, 26));
        ImGui::TextDisabled("mono");
        ImGui::EndGroup();
    }
    ImGui::SameLine();
    ImGui::BeginGroup();
    if (send) {
        Switch("ON", s, send->on, ImVec2(24, 20), kSendTeal); // the send on or off: the mix's own mute
        Probe(state, "send on " + std::to_string(c + 1));
    } else {
        Switch("M", s, ids.mute, ImVec2(24, 20), IM_COL32(235, 60, 50, 255));
        Probe(state, "mute " + std::to_string(c + 1));
    }
    if (!send && mutedByGroup(s, console.tree(), ids)) { // a DCA or mute group mutes it: a red frame, its own mute as it was
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(255, 70, 60, 255), 0, 0, 2.0f);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("muted by a DCA or mute group");
    }
    Switch("S", s, ids.solo, ImVec2(24, 20), IM_COL32(240, 210, 50, 255));
    ImGui::EndGroup();
    // The fader: the channel's own, or its send to the chosen bus (sends on fader).
    const ParamId faderId = channelFaderParam(console, state, c);
    Fader("fader", s, faderId, ImVec2(kStripWidth - 16, gFaderHeight), send ? kSendTeal : IM_COL32(200, 200, 210, 255));
    Probe(state, "fader " + std::to_string(c + 1));
    ImGui::SameLine(0, 2);
    Meter("post", m.out.read(), ImVec2(10, gFaderHeight));
    char value[24];
    std::snprintf(value, sizeof value, "%s", s.spec(faderId).format(s.get(faderId)).c_str());
    ImGui::TextUnformatted(value);
    ImGui::EndGroup();
    ImGui::PopID();
}

// A DCA: its fader (the members' own faders never move), MUTE, and who is in it.
void dcaStrip(Session& session, GuiState& state, int d) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const DcaIds& ids = console.tree().dcas[d];
    ImGui::PushID(2000 + d);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, kStripWidth, &clicked);
    bankMark(state, console.config().channels + console.config().buses() + d, kStripWidth);
    // Its members, as channel numbers ("1-4 7"), under the name.
    std::string members;
    const int nc = console.config().channels;
    for (int c = 0; c < nc; ++c) {
        if (s.get(console.tree().channels[static_cast<size_t>(c)].dca[d]) < 0.5f) continue;
        int last = c;
        while (last + 1 < nc && s.get(console.tree().channels[static_cast<size_t>(last + 1)].dca[d]) >= 0.5f) ++last;
        members += (members.empty() ? "" : " ") + std::to_string(c + 1) + (last > c ? "-" + std::to_string(last + 1) : "");
        c = last;
    }
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + kStripWidth);
    ImGui::TextDisabled("%s", members.empty() ? "no members" : ("ch " + members).c_str());
    ImGui::PopTextWrapPos();
    Switch("MUTE", s, ids.mute, ImVec2(kStripWidth, 20), IM_COL32(235, 60, 50, 255));
    const float h = gFaderHeight + kStripTop - 80.0f;
    Fader("fader", s, ids.fader, ImVec2(kStripWidth - 16, h), IM_COL32(250, 200, 70, 255));
    ImGui::TextUnformatted(s.spec(ids.fader).format(s.get(ids.fader)).c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}

// The mute groups, always in view above the masters: lit red while the group mutes.
void muteGroupRow(Session& session) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    ImGui::TextUnformatted("MUTE GROUPS");
    for (int g = 0; g < kMuteGroups; ++g) {
        if (g) ImGui::SameLine(0, 4);
        ImGui::PushID(3000 + g);
        std::string label = s.text(console.tree().muteGroups[g].name);
        if (label.size() > 8) label.resize(8);
        Switch((label + "##mg").c_str(), s, console.tree().muteGroups[g].mute, ImVec2(kMasterWidth, 22), IM_COL32(235, 60, 50, 255));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("right-click: which buses are in it (channels: the Channel view)");
        // Right-click: the buses in the group (a wedge muted with the band between songs).
        if (ImGui::BeginPopupContextItem("members")) {
            ImGui::Text("buses in %s", s.text(console.tree().muteGroups[g].name).c_str());
            for (int b = 0; b < console.config().buses(); ++b) {
                ImGui::PushID(b);
                Switch(s.text(console.tree().buses[static_cast<size_t>(b)].name).c_str(), s, console.tree().buses[static_cast<size_t>(b)].mgrp[g],
                       ImVec2(140, 20), IM_COL32(235, 60, 50, 255));
                ImGui::PopID();
            }
            ImGui::EndPopup();
        }
        ImGui::PopID();
    }
}

// A master's fader with its output meter beside it and its value under them (buses, main,
// FX returns, matrices).
void masterFader(ParamStore& s, ParamId fader, const MasterMeters& m, bool stereo, const ImVec2& size, ImU32 cap) {
    Fader("fader", s, fader, size, cap);
    ImGui::SameLine(0, 2);
    if (stereo) StereoMeter("out", m.out[0].read(), m.out[1].read(), ImVec2(14, size.y));
    else Meter("out", m.out[0].read(), ImVec2(10, size.y));
    ImGui::TextUnformatted(s.spec(fader).format(s.get(fader)).c_str());
}

// An FX return beside the bus masters: its name, MUTE, fader and stereo meter.
void fxReturnStrip(Session& session, int k) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const FxReturnIds& ids = console.tree().fxReturns[k];
    const MasterMeters& m = console.fxReturnMeters(k);
    ImGui::PushID(4000 + k);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, kMasterWidth, &clicked);
    const int type = static_cast<int>(s.get(console.tree().fx[k].type));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("FX %d return: %s", k + 1, s.spec(console.tree().fx[k].type).choices[static_cast<size_t>(type)].c_str());
    ImGui::Dummy(ImVec2(kMasterWidth, 6)); // level with the buses' gain-reduction bars
    ImGui::Dummy(ImVec2(kMasterWidth, 18));
    Switch("MUTE", s, ids.mute, ImVec2(kMasterWidth, 18), IM_COL32(235, 60, 50, 255));
    ImGui::Dummy(ImVec2(kMasterWidth, 18));
    const float h = gFaderHeight + kStripTop - 70.0f - kMasterRows;
    masterFader(s, ids.fader, m, true, ImVec2(kMasterWidth - 16, h), IM_COL32(120, 200, 255, 255));
    ImGui::EndGroup();
    ImGui::PopID();
}

// A matrix master: name, limiter with its gain reduction, delay, MUTE, fader and meter.
void matrixStrip(Session& session, int mtx) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const MatrixIds& ids = console.tree().matrices[mtx];
    const MasterMeters& m = console.matrixMeters(mtx);
    const bool stereo = console.config().matrixWidths[static_cast<size_t>(mtx)] == 2;
    ImGui::PushID(5000 + mtx);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, kStripWidth, &clicked);
    EqCurve("eq", matrixEqView(s, ids), console.sampleRate(), ImVec2(kStripWidth, 34), 15.0f);
    Switch("LIMIT", s, ids.limitOn, ImVec2(kStripWidth, 18), IM_COL32(240, 150, 40, 255));
    GrBar(m.comp.readDb(), ImVec2(kStripWidth, 6), IM_COL32(240, 150, 40, 255));
    Knob("delay", s, ids.delay, 13.0f, "delay");
    ImGui::SameLine(0, 22);
    Knob("main", s, ids.srcMain, 13.0f, "main");
    Switch("MUTE", s, ids.mute, ImVec2(kStripWidth, 20), IM_COL32(235, 60, 50, 255));
    const float h = gFaderHeight + kStripTop - 200.0f;
    masterFader(s, ids.fader, m, stereo, ImVec2(kStripWidth - 20, h), IM_COL32(200, 160, 255, 255));
    ImGui::EndGroup();
    ImGui::PopID();
}

void masterStrip(Session& session, GuiState& state, int bus, float shorter = 0.0f) { // bus == buses(): main
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
    const std::string number = isMain ? "main" : std::to_string(bus + 1);
    if (ImGui::Button("PROC", ImVec2(kMasterWidth, 18))) { // EQ, compressor, delay and the sends: the Bus view
        state.selectedBus = bus;
        state.view = View::Bus;
    }
    Probe(state, "proc " + number);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("EQ, compressor, delay%s", isMain ? "" : " and every send to this bus");
    Switch("MUTE", s, ids.mute, ImVec2(kMasterWidth, 18), IM_COL32(235, 60, 50, 255));
    if (isMain) {
        ImGui::Dummy(ImVec2(kMasterWidth, 18));
    } else {
        Switch("SOLO", s, ids.solo, ImVec2(kMasterWidth, 18), kSoloYellow); // the mix on the monitor output, PFL or AFL
        Probe(state, "bus solo " + number);
    }
    const float h = gFaderHeight + kStripTop - 70.0f - kMasterRows - shorter;
    masterFader(s, ids.fader, m, stereo, ImVec2(kMasterWidth - 16, h), isMain ? IM_COL32(240, 80, 80, 255) : IM_COL32(200, 200, 210, 255));
    ImGui::EndGroup();
    ImGui::PopID();
}

// The monitor section under main: the monitor output's level, PFL or AFL, and CLEAR SOLO,
// lit while anything is soloed (a channel or a bus), which turns every solo off.
constexpr float kMonitorHeight = 118.0f;

void monitorSection(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const ConsoleTree& t = console.tree();
    ImGui::Separator();
    ImGui::TextUnformatted("MONITOR");
    Knob("monlevel", s, t.monitorLevel, 13.0f, "level");
    ImGui::SameLine();
    ChoiceButton("monmode", s, t.monitorMode, ImVec2(kMasterWidth - 30, 26), kSoloYellow);
    Probe(state, "monitor mode");
    const bool soloed = console.soloActive() || anySolo(s, t);
    ImGui::PushStyleColor(ImGuiCol_Button, soloed ? kSoloYellow : IM_COL32(50, 50, 58, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, soloed ? IM_COL32(10, 10, 10, 255) : IM_COL32(160, 160, 160, 255));
    if (ImGui::Button("CLEAR\nSOLO", ImVec2(kMasterWidth, 34))) {
        for (ParamId id : soloIds(t)) {
            if (s.get(id) < 0.5f) continue;
            journal().record(id, s.get(id), 0.0f);
            s.set(id, 0.0f, Source::Gui);
        }
    }
    ImGui::PopStyleColor(2);
    Probe(state, "clear solo");
}
} // namespace

ParamId channelFaderParam(const Console& console, const GuiState& state, int channel) {
    const ChannelIds& ids = console.tree().channels[static_cast<size_t>(channel)];
    if (state.sendsOnFader >= 0 && state.sendsOnFader < console.config().buses())
        return ids.sends[static_cast<size_t>(state.sendsOnFader)].level;
    return ids.fader;
}

namespace {
// The four bands of any EQ in the tree, as the curve draws them.
void readBands(const ParamStore& s, ParamId eqOn, const EqBandIds* eq, EqView& v) {
    v.eqOn = s.get(eqOn) >= 0.5f;
    for (int b = 0; b < 4; ++b) {
        v.bandOn[b] = s.get(eq[b].on) >= 0.5f;
        v.freqHz[b] = s.get(eq[b].freq);
        v.gainDb[b] = s.get(eq[b].gain);
        v.q[b] = s.get(eq[b].q);
        const bool shelf = eq[b].type != kNoParam && s.get(eq[b].type) >= 0.5f;
        v.bandType[b] = shelf ? (b == 0 ? 1 : 2) : 0;
    }
}
} // namespace

EqView masterEqView(const ParamStore& s, const MasterIds& ids) {
    EqView v;
    readBands(s, ids.eqOn, ids.eq, v);
    return v;
}

EqView matrixEqView(const ParamStore& s, const MatrixIds& ids) {
    EqView v;
    readBands(s, ids.eqOn, ids.eq, v);
    return v;
}

EqView eqViewOf(const ParamStore& s, const ChannelIds& ids) {
    EqView v;
    v.hpfOn = s.get(ids.hpfOn) >= 0.5f;
    v.hpfHz = s.get(ids.hpfFreq);
    v.hpfOrder = s.get(ids.hpfSlope) >= 0.5f ? 4 : 2;
    readBands(s, ids.eqOn, ids.eq, v);
    return v;
}

void DrawMixer(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    const int nb = console.config().buses();
    gFaderHeight = std::max(160.0f, ImGui::GetContentRegionAvail().y - kStripTop - 40.0f);
    const float mastersWidth = (nb + kFxSlots) * (kMasterWidth + 8.0f) + 16.0f;
    const float mainWidth = kMasterWidth + 24.0f; // main has its own pane at the right edge: always in view
    const float avail = ImGui::GetContentRegionAvail().x - mainWidth - 8.0f;
    const float stripsWidth = std::max(200.0f, avail - std::min(mastersWidth, avail * 0.4f));
    ImGui::BeginChild("strips", ImVec2(stripsWidth, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    if (session.surfaces) state.banks = session.surfaces->banks();
    // Layers: the input channels, the DCAs or the matrices.
    static const char* const kLayers[] = {"INPUTS", "DCA 1-16", "MATRIX 1-8"};
    for (int layer = 0; layer < 3; ++layer) {
        if (layer) ImGui::SameLine(0, 4);
        const bool lit = state.layer == layer;
        ImGui::PushStyleColor(ImGuiCol_Button, lit ? IM_COL32(250, 200, 70, 255) : IM_COL32(60, 60, 66, 255));
        ImGui::PushStyleColor(ImGuiCol_Text, lit ? IM_COL32(10, 10, 10, 255) : IM_COL32(230, 230, 230, 255));
        if (ImGui::Button(kLayers[layer], ImVec2(100, 20))) state.layer = layer;
        ImGui::PopStyleColor(2);
    }
    if (state.sendsOnFader >= 0 && state.layer == 0) {
        ParamStore& s = console.params();
        ImGui::SameLine(0, 12);
        ImGui::TextColored(ImVec4(0.3f, 0.86f, 0.78f, 1.0f), "SENDS ON FADER: %s (click the bus again to return)",
                           s.text(console.tree().buses[static_cast<size_t>(state.sendsOnFader)].name).c_str());
    }
    if (state.layer == 1) {
        for (int d = 0; d < kDcas; ++d) {
            if (d) ImGui::SameLine(0, 6);
            dcaStrip(session, state, d);
        }
    } else if (state.layer == 2) {
        for (int mtx = 0; mtx < kMatrices; ++mtx) {
            if (mtx) ImGui::SameLine(0, 6);
            matrixStrip(session, mtx);
        }
    } else {
        for (int c = 0; c < console.config().channels; ++c) {
            if (c) ImGui::SameLine(0, 6);
            channelStrip(session, state, c);
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("masters", ImVec2(ImGui::GetContentRegionAvail().x - mainWidth - 8.0f, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    muteGroupRow(session);
    for (int b = 0; b < nb; ++b) {
        if (b) ImGui::SameLine(0, 6);
        masterStrip(session, state, b);
    }
    for (int k = 0; k < kFxSlots; ++k) { // the FX returns beside the buses
        if (nb || k) ImGui::SameLine(0, 6);
        fxReturnStrip(session, k);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("main", ImVec2(0, 0), true);
    ImGui::TextUnformatted("MAIN");
    ImGui::Dummy(ImVec2(kMasterWidth, 22)); // level with the mute-group row
    masterStrip(session, state, nb, kMonitorHeight);
    monitorSection(session, state);
    ImGui::EndChild();
}

void syncSelection(SurfaceHost& surfaces, GuiState& state) {
    const int chosen = surfaces.selectedChannel();
    if (chosen != state.surfaceSelection) state.selected = chosen; // SELECT pressed on a surface
    else if (state.selected != chosen) surfaces.selectChannel(state.selected); // chosen here
    state.surfaceSelection = state.selected;
}

void DrawStatusBar(Session& session, GuiState& state) {
    // Talkback, always in view: hold to talk, a short click latches.
    Console& c = session.engine->console();
    DrawShowButtons(session, state);
    ImGui::SameLine(0, 12);
    TalkSwitch("TALK", c.params(), c.tree().talk.on, ImVec2(70, 20), IM_COL32(120, 230, 90, 255));
    ImGui::SameLine(0, 10);
    if (session.recorder.active()) { // a take recording shows in every view; a click opens the Record view
        const int tenths = static_cast<int>(session.recorder.seconds() * 10.0);
        char rec[48];
        std::snprintf(rec, sizeof rec, "REC %d:%02d:%02d", tenths / 36000, tenths / 600 % 60, tenths / 10 % 60);
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 90, 80, 255));
        if (ImGui::SmallButton(rec)) state.view = View::Record;
        ImGui::PopStyleColor();
        ImGui::SameLine(0, 10);
    }
    const LoadFigures load = session.engine->load();
    const DeviceState* d = session.device && session.device->isOpen() ? &session.device->state() : nullptr;
    const std::time_t now = std::time(nullptr);
    char clock[16];
    std::strftime(clock, sizeof clock, "%H:%M:%S", std::localtime(&now));
    ImGui::Text("%s %s | %.0f Hz | %d frames | DSP %.1f%% (peak %.1f%%) | xruns %llu | %s | %.0f fps",
                d ? d->api.c_str() : "no device", d ? d->device.c_str() : "", d ? d->rate : session.engine->sampleRate(),
                d ? d->buffer : session.engine->maxBlock(), load.averagePercent, load.peakPercent,
                static_cast<unsigned long long>(load.xruns), clock, state.fps);
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
