#include "gui/mixer_view.h"

#include "gui/journal.h"
#include "gui/views.h"
#include "gui/widgets.h"
#include "prompt_words.h"
#include "user_config.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <string>

namespace hr::gui {

namespace {
constexpr float kWideStrip = 86.0f, kNarrowStrip = 58.0f; // a channel strip, and in narrow mode
constexpr float kMasterWidth = 62.0f;                     // a bus master at most, and main
constexpr float kMinMasterWidth = 44.0f;                  // squeezed so that every master is in view
constexpr int kBankSize = 8;                              // a bank of channel strips, as on a Mackie Control
const ImU32 kSendTeal = IM_COL32(80, 220, 200, 255);      // what shows a send (sends on fader)
const ImU32 kSoloYellow = IM_COL32(240, 210, 50, 255);
const ImU32 kMuteRed = IM_COL32(235, 60, 50, 255);

float gStripWidth = kWideStrip; // this frame's channel strip width
float gBottom = 800.0f;         // this frame's screen y where the strips end: faders reach down to it

// A fader's height from the cursor to the bottom of the strips, leaving a line for its value.
float faderHeightHere() {
    return std::max(60.0f, gBottom - ImGui::GetCursorScreenPos().y - ImGui::GetTextLineHeightWithSpacing() - 2.0f);
}

int colourOf(const ParamStore& s, ParamId id) { return static_cast<int>(s.get(id)); }

// A value under a narrow fader, in smaller type when it would run into the next strip's.
void FittedText(const std::string& text, float width) {
    const float full = ImGui::CalcTextSize(text.c_str()).x;
    const float scale = full > width - 2.0f ? std::max(0.6f, (width - 2.0f) / full) : 1.0f;
    ImGui::SetWindowFontScale(scale);
    ImGui::TextUnformatted(text.c_str());
    ImGui::SetWindowFontScale(1.0f);
}
} // namespace

bool FittedButton(const std::string& label, const ImVec2& size) {
    const float room = size.x - 6.0f;
    const float full = ImGui::CalcTextSize(label.c_str()).x;
    std::string shown = label;
    float scale = full > room ? room / full : 1.0f;
    const size_t space = label.find(' ');
    if (scale < 0.8f && space != std::string::npos) { // two lines, split at the space nearest the middle
        size_t best = space;
        const int middle = static_cast<int>(label.size());
        for (size_t at = space; at != std::string::npos; at = label.find(' ', at + 1))
            if (std::abs(static_cast<int>(at) * 2 - middle) < std::abs(static_cast<int>(best) * 2 - middle)) best = at;
        const std::string first = label.substr(0, best), second = label.substr(best + 1);
        shown = first + "\n" + second;
        const float wide = std::max(ImGui::CalcTextSize(first.c_str()).x, ImGui::CalcTextSize(second.c_str()).x);
        scale = std::min({1.0f, room / wide, (size.y - 1.0f) / (2.0f * ImGui::GetFontSize())});
    }
    scale = std::max(scale, 0.5f);
    ImGui::SetWindowFontScale(scale);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(1, 0));
    const bool pressed = ImGui::Button((shown + "###" + label).c_str(), size);
    ImGui::PopStyleVar();
    ImGui::SetWindowFontScale(1.0f);
    if (scale < 1.0f && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", label.c_str());
    return pressed;
}

namespace {

void stripHeader(const std::string& name, ImU32 colour, bool selected, float width, bool* clicked) {
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(10, 10, 10, 255));
    *clicked = FittedButton(name, ImVec2(width, 22));
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

// A channel strip: number and name, input meter, trim and HPF (wide strips), the HPF switch
// or the send's tap, the EQ curve, gate and compressor gain reduction, pan, mute and solo,
// the fader with the post-fader meter and its value. In sends on fader, pan, mute and the
// HPF row act on the channel's send to the chosen bus.
void channelStrip(Session& session, GuiState& state, int c) {
    const float w = gStripWidth;
    const bool narrow = w < kWideStrip;
    // Strips scrolled out of view take their place and draw nothing (128 strips: most are).
    const ImVec2 stripSize(w, std::max(1.0f, gBottom - ImGui::GetCursorScreenPos().y));
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
    stripHeader(std::to_string(c + 1) + " " + s.text(ids.name), paletteColour(colourOf(s, ids.colour)), state.selected == c, w, &clicked);
    Probe(state, "strip " + std::to_string(c + 1));
    bankMark(state, c, w);
    if (clicked) {
        state.selected = c;
        state.view = View::Channel; // the name opens the channel's detail
    }
    if (narrow) { // the input level as a bar; trim and HPF frequency live in the Channel view
        ImGui::Dummy(ImVec2(w, 1));
        MeterBar(m.in.read(), ImVec2(w, 6));
    } else { // input: meter with clip light, trim and HPF
        Meter("in", m.in.read(), ImVec2(10, 58));
        ImGui::SameLine();
        ImGui::BeginGroup();
        Knob("trim", s, ids.trim, 13.0f, "trim");
        ImGui::EndGroup();
        ImGui::SameLine(0, 10);
        ImGui::BeginGroup();
        Knob("hpf", s, ids.hpfFreq, 13.0f, "hpf");
        ImGui::EndGroup();
    }
    const int nb = console.config().buses();
    const SendIds* send = state.sendsOnFader >= 0 && state.sendsOnFader < nb ? &ids.sends[static_cast<size_t>(state.sendsOnFader)] : nullptr;
    if (send) {
        ChoiceButton("tap", s, send->tap, ImVec2(w, 16), kSendTeal, -1); // post -> pre -> pre-eq
        Probe(state, "tap " + std::to_string(c + 1));
    } else {
        Switch("HPF", s, ids.hpfOn, ImVec2(w, 16), IM_COL32(90, 170, 240, 255));
    }
    EqCurve("eq", eqViewOf(s, ids), console.sampleRate(), ImVec2(w, narrow ? 24 : 34), 15.0f);
    GrBar(m.gate.readDb(), ImVec2(w * 0.5f - 2, 8), IM_COL32(90, 200, 120, 255));
    ImGui::SameLine(0, 4);
    GrBar(m.comp.readDb(), ImVec2(w * 0.5f - 2, 8), IM_COL32(240, 150, 40, 255));
    const float knob = narrow ? 11.0f : 13.0f;
    if (!send) {
        Knob("pan", s, ids.pan, knob, "pan");
    } else if (send->pan != kNoParam) { // a stereo bus: the send's own pan (a stereo IEM)
        Knob("span", s, send->pan, knob, "s.pan");
        Probe(state, "send pan " + std::to_string(c + 1));
    } else {
        ImGui::BeginGroup(); // a mono bus has no send pan
        ImGui::Dummy(ImVec2(2 * knob, 2 * knob));
        ImGui::TextDisabled("mono");
        ImGui::EndGroup();
    }
    ImGui::SameLine(0, narrow ? 2 : 8);
    ImGui::BeginGroup();
    if (send) {
        Switch("ON", s, send->on, ImVec2(24, 20), kSendTeal); // the send on or off: the mix's own mute
        Probe(state, "send on " + std::to_string(c + 1));
    } else {
        Switch("M", s, ids.mute, ImVec2(24, 20), kMuteRed);
        Probe(state, "mute " + std::to_string(c + 1));
    }
    if (!send && mutedByGroup(s, console.tree(), ids)) { // a DCA or mute group mutes it: a red frame, its own mute as it was
        const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
        ImGui::GetWindowDrawList()->AddRect(ImVec2(a.x - 1, a.y - 1), ImVec2(b.x + 1, b.y + 1), IM_COL32(255, 70, 60, 255), 0, 0, 2.0f);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("muted by a DCA or mute group");
    }
    Switch("S", s, ids.solo, ImVec2(24, 20), kSoloYellow);
    ImGui::EndGroup();
    const ParamId faderId = channelFaderParam(console, state, c);
    const float h = faderHeightHere();
    Fader("fader", s, faderId, ImVec2(w - 16, h), send ? kSendTeal : IM_COL32(200, 200, 210, 255));
    Probe(state, "fader " + std::to_string(c + 1));
    ImGui::SameLine(0, 2);
    Meter("post", m.out.read(), ImVec2(10, h));
    FittedText(s.spec(faderId).format(s.get(faderId)), w);
    ImGui::EndGroup();
    ImGui::PopID();
}

// A DCA: its fader (the members' own faders never move), MUTE, and who is in it.
void dcaStrip(Session& session, GuiState& state, int d) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const DcaIds& ids = console.tree().dcas[d];
    const float w = gStripWidth;
    ImGui::PushID(2000 + d);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, w, &clicked);
    bankMark(state, console.config().channels + console.config().buses() + d, w);
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
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + w);
    ImGui::TextDisabled("%s", members.empty() ? "no members" : ("ch " + members).c_str());
    ImGui::PopTextWrapPos();
    Switch("MUTE", s, ids.mute, ImVec2(w, 20), kMuteRed);
    Fader("fader", s, ids.fader, ImVec2(w - 16, faderHeightHere()), IM_COL32(250, 200, 70, 255));
    ImGui::TextUnformatted(s.spec(ids.fader).format(s.get(ids.fader)).c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}

// The mute groups, always in view above the masters: lit red while the group mutes.
void muteGroupRow(Session& session, float paneWidth) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const float w = std::clamp((paneWidth - 16.0f) / kMuteGroups - 4.0f, 30.0f, kMasterWidth);
    ImGui::TextUnformatted("MUTE GROUPS");
    for (int g = 0; g < kMuteGroups; ++g) {
        if (g) ImGui::SameLine(0, 4);
        ImGui::PushID(3000 + g);
        const ParamId mute = console.tree().muteGroups[g].mute;
        const bool on = s.get(mute) >= 0.5f;
        ImGui::PushStyleColor(ImGuiCol_Button, on ? kMuteRed : IM_COL32(50, 50, 58, 255));
        ImGui::PushStyleColor(ImGuiCol_Text, on ? IM_COL32(10, 10, 10, 255) : IM_COL32(200, 200, 200, 255));
        if (FittedButton(s.text(console.tree().muteGroups[g].name), ImVec2(w, 22))) {
            journal().record(mute, on ? 1.0f : 0.0f, on ? 0.0f : 1.0f);
            s.set(mute, on ? 0.0f : 1.0f, Source::Gui);
        }
        ImGui::PopStyleColor(2);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: right-click for the buses in it (channels: the Channel view)",
                                                      s.text(console.tree().muteGroups[g].name).c_str());
        // Right-click: the buses in the group (a wedge muted with the band between songs).
        if (ImGui::BeginPopupContextItem("members")) {
            ImGui::Text("buses in %s", s.text(console.tree().muteGroups[g].name).c_str());
            for (int b = 0; b < console.config().buses(); ++b) {
                ImGui::PushID(b);
                Switch(s.text(console.tree().buses[static_cast<size_t>(b)].name).c_str(), s, console.tree().buses[static_cast<size_t>(b)].mgrp[g],
                       ImVec2(140, 20), kMuteRed);
                ImGui::PopID();
            }
            ImGui::EndPopup();
        }
        ImGui::PopID();
    }
}

// A master's fader with its output meter beside it and its value under them (buses, main,
// FX returns, matrices), down to the bottom of the strips, less `shorter`.
void masterFader(ParamStore& s, ParamId fader, const MasterMeters& m, bool stereo, float width, ImU32 cap, float shorter = 0.0f) {
    const float meter = stereo ? 14.0f : 10.0f;
    const float h = std::max(60.0f, faderHeightHere() - shorter);
    Fader("fader", s, fader, ImVec2(width - meter - 2, h), cap);
    ImGui::SameLine(0, 2);
    if (stereo) StereoMeter("out", m.out[0].read(), m.out[1].read(), ImVec2(meter, h));
    else Meter("out", m.out[0].read(), ImVec2(meter, h));
    FittedText(s.spec(fader).format(s.get(fader)), width);
}

// An FX return beside the bus masters: its name, MUTE, fader and stereo meter, level with them.
void fxReturnStrip(Session& session, int k, float w) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const FxReturnIds& ids = console.tree().fxReturns[k];
    const MasterMeters& m = console.fxReturnMeters(k);
    ImGui::PushID(4000 + k);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, w, &clicked);
    const int type = static_cast<int>(s.get(console.tree().fx[k].type));
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("FX %d return: %s", k + 1, s.spec(console.tree().fx[k].type).choices[static_cast<size_t>(type)].c_str());
    ImGui::Dummy(ImVec2(w, 6)); // level with the buses' gain-reduction bars and PROC
    ImGui::Dummy(ImVec2(w, 18));
    Switch("MUTE", s, ids.mute, ImVec2(w, 18), kMuteRed);
    ImGui::Dummy(ImVec2(w, 18));
    masterFader(s, ids.fader, m, true, w, IM_COL32(120, 200, 255, 255));
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
    const float w = gStripWidth;
    ImGui::PushID(5000 + mtx);
    ImGui::BeginGroup();
    bool clicked = false;
    stripHeader(s.text(ids.name), paletteColour(colourOf(s, ids.colour)), false, w, &clicked);
    EqCurve("eq", matrixEqView(s, ids), console.sampleRate(), ImVec2(w, 34), 15.0f);
    Switch("LIMIT", s, ids.limitOn, ImVec2(w, 18), IM_COL32(240, 150, 40, 255));
    GrBar(m.comp.readDb(), ImVec2(w, 6), IM_COL32(240, 150, 40, 255));
    Knob("delay", s, ids.delay, 13.0f, "delay");
    ImGui::SameLine(0, w < kWideStrip ? 4 : 22);
    Knob("main", s, ids.srcMain, 13.0f, "main");
    Switch("MUTE", s, ids.mute, ImVec2(w, 20), kMuteRed);
    masterFader(s, ids.fader, m, stereo, w - 4, IM_COL32(200, 160, 255, 255));
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

// A bus master or main (bus == buses()): name (click: sends on fader), compressor gain
// reduction, PROC (the Bus view), MUTE, SOLO, fader and meter.
void masterStrip(Session& session, GuiState& state, int bus, float w, float shorter = 0.0f) {
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
    const std::string number = isMain ? "main" : std::to_string(bus + 1);
    stripHeader(isMain ? s.text(ids.name) : number + " " + s.text(ids.name),
                chosen ? kSendTeal : paletteColour(colourOf(s, ids.colour)), chosen, w, &clicked);
    Probe(state, "bus " + number);
    if (!isMain) bankMark(state, console.config().channels + bus, w);
    if (clicked && !isMain) state.sendsOnFader = chosen ? -1 : bus; // pick again to return
    GrBar(m.comp.readDb(), ImVec2(w, 6), IM_COL32(240, 150, 40, 255));
    if (ImGui::Button("PROC", ImVec2(w, 18))) { // EQ, compressor, delay and the sends: the Bus view
        state.selectedBus = bus;
        state.view = View::Bus;
    }
    Probe(state, "proc " + number);
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("EQ, compressor, delay%s", isMain ? "" : " and every send to this bus");
    Switch("MUTE", s, ids.mute, ImVec2(w, 18), kMuteRed);
    if (isMain) {
        ImGui::Dummy(ImVec2(w, 18));
    } else {
        Switch("SOLO", s, ids.solo, ImVec2(w, 18), kSoloYellow); // the mix on the monitor output, PFL or AFL
        Probe(state, "bus solo " + number);
    }
    masterFader(s, ids.fader, m, stereo, w, isMain ? IM_COL32(240, 80, 80, 255) : IM_COL32(200, 200, 210, 255), shorter);
    ImGui::EndGroup();
    ImGui::PopID();
}

// The input layer's strips: all of them, one bank of kBankSize, or the custom bank.
std::vector<int> shownChannels(const GuiState& state, int channels) {
    std::vector<int> out;
    if (state.bank == kCustomBank) {
        for (int c : state.customChannels)
            if (c >= 1 && c <= channels) out.push_back(c - 1);
        return out;
    }
    const int first = state.bank < 0 ? 0 : state.bank * kBankSize;
    const int last = state.bank < 0 ? channels : std::min(channels, first + kBankSize);
    for (int c = first; c < last; ++c) out.push_back(c);
    return out;
}

bool layerButton(const char* label, bool lit, float width) {
    ImGui::PushStyleColor(ImGuiCol_Button, lit ? IM_COL32(250, 200, 70, 255) : IM_COL32(60, 60, 66, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, lit ? IM_COL32(10, 10, 10, 255) : IM_COL32(230, 230, 230, 255));
    const bool pressed = ImGui::Button(label, ImVec2(width, 20));
    ImGui::PopStyleColor(2);
    return pressed;
}

// The row above the strips: the layers (inputs, DCAs, matrices), the input banks and the
// custom bank, narrow strips.
void layerRow(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    const int channels = console.config().channels;
    if (layerButton("INPUTS", state.layer == 0 && state.bank == -1, 64)) state.layer = 0, state.bank = -1;
    Probe(state, "layer inputs");
    const int banks = (channels + kBankSize - 1) / kBankSize;
    for (int b = 0; b < banks && banks > 1; ++b) {
        ImGui::SameLine(0, 2);
        const std::string label = std::to_string(b * kBankSize + 1) + "-" + std::to_string(std::min(channels, (b + 1) * kBankSize));
        if (layerButton(label.c_str(), state.layer == 0 && state.bank == b, 0)) state.layer = 0, state.bank = b;
        Probe(state, "bank " + label);
    }
    ImGui::SameLine(0, 2);
    if (layerButton("CUSTOM", state.layer == 0 && state.bank == kCustomBank, 0)) state.layer = 0, state.bank = kCustomBank;
    Probe(state, "layer custom");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("the channels typed beside it, in that order (kept for the next start)");
    ImGui::SameLine(0, 2);
    ImGui::SetNextItemWidth(90);
    if (ImGui::InputTextWithHint("##custom", "1-4,13,16", state.customText, sizeof state.customText)) {
        std::vector<int> list;
        if (words::numberList(state.customText, &list, 256)) state.customChannels = list;
        else if (!state.customText[0]) state.customChannels.clear();
    }
    Probe(state, "custom field");
    if (ImGui::IsItemDeactivatedAfterEdit()) setConfigValue("customBank", state.customText);
    ImGui::SameLine(0, 8);
    if (layerButton("DCA", state.layer == 1, 0)) state.layer = 1;
    ImGui::SameLine(0, 2);
    if (layerButton("MATRIX", state.layer == 2, 0)) state.layer = 2;
    ImGui::SameLine(0, 8);
    if (layerButton("NARROW", state.narrow, 0)) {
        state.narrow = !state.narrow;
        setConfigValue("narrowStrips", state.narrow ? "on" : "off");
    }
    Probe(state, "narrow");
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
    const ImGuiStyle& style = ImGui::GetStyle();
    gStripWidth = state.narrow ? kNarrowStrip : kWideStrip;
    // Main has its own pane at the right edge; the bus masters and FX returns beside it take
    // up to half of the rest, squeezed to kMinMasterWidth before their pane scrolls.
    const float mainPane = kMasterWidth + 2 * style.WindowPadding.x + 4.0f;
    const float rest = ImGui::GetContentRegionAvail().x - mainPane - 2 * style.ItemSpacing.x;
    constexpr float kGap = 6.0f;
    const float pad = 2 * style.WindowPadding.x + 2.0f;
    const float share = rest * 0.5f;
    // The FX returns sit beside the buses when every one of them fits; else they are in the FX view.
    const bool returnsHere = (nb + kFxSlots) * (kMinMasterWidth + kGap) - kGap + pad <= share;
    const int masters = std::max(1, nb + (returnsHere ? kFxSlots : 0));
    auto paneFor = [&](float w) { return masters * (w + kGap) - kGap + pad; };
    float masterW = kMasterWidth;
    if (paneFor(kMasterWidth) > share) masterW = std::max(kMinMasterWidth, (share - pad + kGap) / masters - kGap);
    const float mastersPane = std::min(paneFor(masterW), share);
    const float stripsPane = std::max(200.0f, rest - mastersPane);
    const float scrollbar = style.ScrollbarSize;
    auto bottomOfChild = [&](bool scrolls) {
        return ImGui::GetWindowPos().y + ImGui::GetWindowHeight() - style.WindowPadding.y - (scrolls ? scrollbar : 0.0f);
    };

    ImGui::BeginChild("strips", ImVec2(stripsPane, 0), true, ImGuiWindowFlags_AlwaysHorizontalScrollbar);
    gBottom = bottomOfChild(true);
    if (session.surfaces) state.banks = session.surfaces->banks();
    layerRow(session, state);
    if (state.sendsOnFader >= 0 && state.layer == 0) {
        ParamStore& s = console.params();
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
        const std::vector<int> shown = shownChannels(state, console.config().channels);
        if (shown.empty()) ImGui::TextDisabled("no channels in the custom bank: type them beside CUSTOM (1-4,13,16)");
        for (size_t k = 0; k < shown.size(); ++k) {
            if (k) ImGui::SameLine(0, 6);
            channelStrip(session, state, shown[k]);
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("masters", ImVec2(mastersPane, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    const bool scrolls = paneFor(masterW) > mastersPane + 0.5f;
    gBottom = bottomOfChild(scrolls);
    muteGroupRow(session, mastersPane);
    for (int b = 0; b < nb; ++b) {
        if (b) ImGui::SameLine(0, kGap);
        masterStrip(session, state, b, masterW);
    }
    for (int k = 0; returnsHere && k < kFxSlots; ++k) { // the FX returns beside the buses
        if (nb || k) ImGui::SameLine(0, kGap);
        fxReturnStrip(session, k, masterW);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("main", ImVec2(0, 0), true);
    gBottom = bottomOfChild(false);
    ImGui::TextUnformatted("MAIN");
    ImGui::Dummy(ImVec2(kMasterWidth, 22)); // level with the mute-group row
    masterStrip(session, state, nb, kMasterWidth, kMonitorHeight);
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
    char full[512], brief[160];
    std::snprintf(full, sizeof full, "%s %s | %.0f Hz | %d frames | DSP %.1f%% (peak %.1f%%) | xruns %llu | %s | %.0f fps",
                  d ? d->api.c_str() : "no device", d ? d->device.c_str() : "", d ? d->rate : session.engine->sampleRate(),
                  d ? d->buffer : session.engine->maxBlock(), load.averagePercent, load.peakPercent,
                  static_cast<unsigned long long>(load.xruns), clock, state.fps);
    std::snprintf(brief, sizeof brief, "DSP %.1f%% | xruns %llu | %s", load.averagePercent,
                  static_cast<unsigned long long>(load.xruns), clock);
    const std::vector<std::string> surfaces = session.surfaces ? session.surfaces->status() : std::vector<std::string>{};
    // On a small screen the short form, the rest in its tooltip; the surfaces as dots.
    const float room = ImGui::GetContentRegionAvail().x - 110.0f * static_cast<float>(surfaces.size());
    const bool fits = ImGui::CalcTextSize(full).x <= room;
    ImGui::TextUnformatted(fits ? full : brief);
    if (!fits && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", full);
    for (const std::string& line : surfaces) { // each surface, amber while it waits for its ports
        const bool waiting = line.find(" waiting (") != std::string::npos;
        ImGui::SameLine();
        ImGui::TextColored(waiting ? ImVec4(1.0f, 0.7f, 0.2f, 1.0f) : ImVec4(0.6f, 0.9f, 0.6f, 1.0f), "| %s%s",
                           line.substr(0, line.find(':')).c_str(), waiting ? " waiting" : "");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", line.c_str());
    }
}

} // namespace hr::gui
