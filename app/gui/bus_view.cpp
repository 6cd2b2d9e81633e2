// The Bus view: one bus master (or main) whole, for the monitor engineer. Its name and
// colour, the EQ graph with a handle per band and every band typed, the compressor's
// transfer curve with the live level and every value, the output delay, MUTE, SOLO and the
// fader with its meter; under them, the mix itself: every channel's send to this bus as a
// small strip (level fader, ON, tap, and the send pan on a stereo bus), so a wedge or an IEM
// mix is built on one screen. The buses are picked along the top; the PROC button on a bus
// master in the mixer opens its page here.
#include "gui/views.h"

#include "dsp/dynamics.h"
#include "gui/journal.h"

#include <imgui.h>

#include <algorithm>
#include <string>

namespace hr::gui {

namespace {

const ImU32 kSendTeal = IM_COL32(80, 220, 200, 255);

// The buses, then MAIN, as buttons in their colours: the one shown is framed.
void busPicker(Console& console, GuiState& state) {
    ParamStore& s = console.params();
    const int nb = console.config().buses();
    for (int b = 0; b <= nb; ++b) {
        const MasterIds& ids = b == nb ? console.tree().main : console.tree().buses[static_cast<size_t>(b)];
        if (b) ImGui::SameLine(0, 4);
        ImGui::PushID(b);
        ImGui::PushStyleColor(ImGuiCol_Button, paletteColour(static_cast<int>(s.get(ids.colour))));
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(10, 10, 10, 255));
        const std::string label = b == nb ? "MAIN" : std::to_string(b + 1) + " " + s.text(ids.name);
        if (ImGui::Button(label.c_str())) state.selectedBus = b;
        ImGui::PopStyleColor(2);
        Probe(state, b == nb ? "pick main" : "pick bus " + std::to_string(b + 1));
        if (b == state.selectedBus)
            ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
        ImGui::PopID();
    }
}

// One channel's send to the bus: its name in its colour, the level fader, ON, the tap, and
// the pan on a stereo bus.
void sendStrip(Console& console, GuiState& state, int c, int bus, bool stereo, float height) {
    ParamStore& s = console.params();
    const ChannelIds& ch = console.tree().channels[static_cast<size_t>(c)];
    const SendIds& sd = ch.sends[static_cast<size_t>(bus)];
    constexpr float w = 64.0f;
    ImGui::PushID(c);
    ImGui::BeginGroup();
    ImGui::PushStyleColor(ImGuiCol_Button, paletteColour(static_cast<int>(s.get(ch.colour))));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(10, 10, 10, 255));
    if (FittedButton(std::to_string(c + 1) + " " + s.text(ch.name), ImVec2(w, 22))) state.selected = c;
    ImGui::PopStyleColor(2);
    ChoiceButton("tap", s, sd.tap, ImVec2(w, 18), kSendTeal, -1); // post -> pre -> pre-eq
    Probe(state, "bus tap " + std::to_string(c + 1));
    if (stereo) {
        Knob("pan", s, sd.pan, 12.0f, "pan");
        Probe(state, "bus pan " + std::to_string(c + 1));
        ImGui::SameLine();
    }
    Switch("ON", s, sd.on, ImVec2(stereo ? w - 30 : w, 20), kSendTeal);
    Probe(state, "bus on " + std::to_string(c + 1));
    Fader("send", s, sd.level, ImVec2(w - 14, height), kSendTeal);
    Probe(state, "bus send " + std::to_string(c + 1));
    ImGui::SameLine(0, 2);
    Meter("m", console.channelMeters(c).out.read(), ImVec2(8, height));
    ImGui::TextUnformatted(s.spec(sd.level).format(s.get(sd.level)).c_str());
    ImGui::EndGroup();
    ImGui::PopID();
}

} // namespace

void DrawBus(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const int nb = console.config().buses();
    busPicker(console, state); // first: what it picks is drawn this frame
    ImGui::Separator();
    state.selectedBus = std::clamp(state.selectedBus, 0, nb);
    const bool isMain = state.selectedBus == nb;
    const MasterIds& ids = isMain ? console.tree().main : console.tree().buses[static_cast<size_t>(state.selectedBus)];
    const MasterMeters& m = isMain ? console.mainMeters() : console.busMeters(state.selectedBus);
    const bool stereo = isMain || console.config().busWidths[static_cast<size_t>(state.selectedBus)] == 2;

    // The master: name, colour, EQ, compressor, delay, MUTE, SOLO, fader.
    ImGui::Text("%s", isMain ? "/main" : ("/bus/" + std::to_string(state.selectedBus + 1)).c_str());
    ImGui::SameLine();
    NameField("name##bus", s, ids.name, 180);
    Probe(state, "bus name");
    ImGui::SameLine();
    ColourPicker("colour##bus", s, ids.colour);
    ImGui::SameLine(0, 16);
    ImGui::TextDisabled("%s", stereo ? "stereo" : "mono");
    const float top = ImGui::GetContentRegionAvail().y;
    const float masterHeight = std::clamp(top * 0.5f, 280.0f, 420.0f);
    ImGui::BeginGroup();
    const float graphW = std::clamp(ImGui::GetContentRegionAvail().x * 0.4f, 380.0f, 640.0f);
    const EqView view = masterEqView(s, ids);
    EqGraph(s, view, kNoParam, ids.eq, console.sampleRate(), ImVec2(graphW, masterHeight - 150));
    EqBandRows(s, ids.eqOn, ids.eq);
    ImGui::EndGroup();
    ImGui::SameLine(0, 20);
    ImGui::BeginGroup();
    const float cThr = s.get(ids.comp.threshold), cRatio = s.get(ids.comp.ratio), cKnee = s.get(ids.comp.knee);
    const bool compOn = s.get(ids.comp.on) >= 0.5f;
    const float side = std::min(220.0f, masterHeight - 120);
    TransferCurve("compressor / limiter", [&](float x) { return compOn ? dsp::compressorCurveDb(x, cThr, cRatio, cKnee) : x; },
                  m.in[0].read().peakDb, m.comp.readDb(), ImVec2(side, side));
    CompRows(s, ids.comp);
    ValueField("output delay", s, ids.delay, 70);
    ImGui::EndGroup();
    ImGui::SameLine(0, 20);
    ImGui::BeginGroup();
    Switch("MUTE", s, ids.mute, ImVec2(70, 22), IM_COL32(235, 60, 50, 255));
    Probe(state, "bus mute");
    if (!isMain) {
        Switch("SOLO", s, ids.solo, ImVec2(70, 22), IM_COL32(240, 210, 50, 255));
        Probe(state, "bus page solo");
    }
    const float fh = masterHeight - (isMain ? 70 : 96);
    Fader("fader", s, ids.fader, ImVec2(54, fh), isMain ? IM_COL32(240, 80, 80, 255) : IM_COL32(200, 200, 210, 255));
    ImGui::SameLine(0, 2);
    if (stereo) StereoMeter("out", m.out[0].read(), m.out[1].read(), ImVec2(14, fh));
    else Meter("out", m.out[0].read(), ImVec2(10, fh));
    ImGui::TextUnformatted(s.spec(ids.fader).format(s.get(ids.fader)).c_str());
    ImGui::EndGroup();
    ImGui::Separator();

    if (isMain) {
        ImGui::TextDisabled("main is fed by the channel faders and pans (the Mixer view)");
        return;
    }
    ImGui::Text("the mix: every channel's send to %s", s.text(ids.name).c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton(state.sendsOnFader == state.selectedBus ? "sends on fader: on" : "sends on fader"))
        state.sendsOnFader = state.sendsOnFader == state.selectedBus ? -1 : state.selectedBus;
    // Every send's tap at once: a monitor mix is pre-fader, so FOH's faders do not move it.
    for (int tap = 0; tap < 3; ++tap) {
        ImGui::SameLine();
        const std::string label = std::string("all ") + (tap == 0 ? "pre-eq" : tap == 1 ? "pre" : "post");
        if (ImGui::SmallButton(label.c_str()))
            for (int c = 0; c < console.config().channels; ++c) {
                const ParamId id = console.tree().channels[static_cast<size_t>(c)].sends[static_cast<size_t>(state.selectedBus)].tap;
                if (s.get(id) == static_cast<float>(tap)) continue;
                journal().record(id, s.get(id), static_cast<float>(tap));
                s.set(id, static_cast<float>(tap), Source::Gui);
            }
        Probe(state, label);
    }
    ImGui::BeginChild("sends", ImVec2(0, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    const float h = std::max(100.0f, ImGui::GetContentRegionAvail().y - 100.0f);
    for (int c = 0; c < console.config().channels; ++c) {
        if (c) ImGui::SameLine(0, 6);
        sendStrip(console, state, c, state.selectedBus, stereo, h);
    }
    ImGui::EndChild();
}

} // namespace hr::gui
