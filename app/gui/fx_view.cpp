// The FX view: the four FX slots (type, source bus, the reverb's or delay's controls, TAP,
// the return's balance, fader and sends), the matrices' source levels, and the talkback and
// generator routing. Immediate mode: every frame reads the store.
#include "gui/views.h"

#include <cstdio>
#include <string>

namespace hr::gui {

namespace {

constexpr ImU32 kFxColour = IM_COL32(120, 200, 255, 255);
constexpr float kKnobGap = 34.0f; // room for each knob's caption

// A choice parameter as a combo box of its names.
void ChoiceCombo(const char* label, ParamStore& s, ParamId id, float width) {
    const ParamSpec& spec = s.spec(id);
    const int now = static_cast<int>(s.get(id));
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(label, spec.choices[static_cast<size_t>(now)].c_str())) {
        for (size_t i = 0; i < spec.choices.size(); ++i)
            if (ImGui::Selectable(spec.choices[i].c_str(), static_cast<int>(i) == now)) s.set(id, static_cast<float>(i), Source::Gui);
        ImGui::EndCombo();
    }
}

void fxSlot(Console& console, int k, float width) {
    ParamStore& s = console.params();
    const FxIds& f = console.tree().fx[k];
    const FxReturnIds& r = console.tree().fxReturns[k];
    ImGui::PushID(k);
    ImGui::BeginChild("slot", ImVec2(width, 0), true);
    ImGui::TextColored(ImVec4(0.47f, 0.78f, 1.0f, 1.0f), "FX %d  %s", k + 1, s.text(r.name).c_str());
    ChoiceCombo("type", s, f.type, width * 0.45f);
    ValueField("in (bus, 0 off)", s, f.in, 40);
    const int type = static_cast<int>(s.get(f.type));
    if (type >= 1 && type <= 3) { // plate, hall, room
        Knob("decay", s, f.decay, 16.0f, "decay");
        ImGui::SameLine(0, kKnobGap);
        Knob("predelay", s, f.predelay, 16.0f, "predelay");
        ImGui::SameLine(0, kKnobGap);
        Knob("size", s, f.size, 16.0f, "size");
        ImGui::SameLine(0, kKnobGap);
        Knob("damping", s, f.damping, 16.0f, "damping");
        ImGui::SameLine(0, kKnobGap);
        Knob("diffusion", s, f.diffusion, 16.0f, "diffusion");
        ImGui::Text("%s  %s  %s  %s  %s", s.spec(f.decay).format(s.get(f.decay)).c_str(), s.spec(f.predelay).format(s.get(f.predelay)).c_str(),
                    s.spec(f.size).format(s.get(f.size)).c_str(), s.spec(f.damping).format(s.get(f.damping)).c_str(),
                    s.spec(f.diffusion).format(s.get(f.diffusion)).c_str());
    } else if (type == 4) { // delay
        Knob("time", s, f.time, 16.0f, "time");
        ImGui::SameLine(0, kKnobGap);
        Knob("feedback", s, f.feedback, 16.0f, "feedback");
        ImGui::SameLine(0, kKnobGap);
        ImGui::BeginGroup();
        ChoiceCombo("division", s, f.division, 70);
        ValueField("BPM", s, f.tempo, 50);
        ImGui::EndGroup();
        // With a division, the time the tempo gives (as console_fx.cpp computes it) is what plays.
        const int division = static_cast<int>(s.get(f.division));
        const std::string time = division > 0 ? s.spec(f.time).format(static_cast<float>(60000.0 / s.get(f.tempo) * divisionBeats(division))) + " (tempo)"
                                                                : s.spec(f.time).format(s.get(f.time));
        ImGui::Text("%s  %s", time.c_str(), s.spec(f.feedback).format(s.get(f.feedback)).c_str());
        Switch("PING-PONG", s, f.pingpong, ImVec2(90, 22), kFxColour);
        ImGui::SameLine();
        if (ImGui::Button("TAP", ImVec2(70, 22))) s.set(f.tap, 1.0f, Source::Gui); // the engine times it, sets it off
    }
    if (type != 0) {
        Knob("lowcut", s, f.lowcut, 16.0f, "low cut");
        ImGui::SameLine(0, kKnobGap);
        Knob("highcut", s, f.highcut, 16.0f, "high cut");
        ImGui::SameLine(0, 12);
        ImGui::Text("%s / %s", s.spec(f.lowcut).format(s.get(f.lowcut)).c_str(), s.spec(f.highcut).format(s.get(f.highcut)).c_str());
    }
    ImGui::Separator();
    ImGui::TextUnformatted("return");
    Switch("MUTE", s, r.mute, ImVec2(60, 20), IM_COL32(235, 60, 50, 255));
    ImGui::SameLine();
    Knob("balance", s, r.balance, 13.0f, "bal");
    ImGui::SameLine();
    ValueField("dB##fader", s, r.fader, 56);
    const MasterMeters& m = console.fxReturnMeters(k);
    ImGui::SameLine(0, 12);
    ImGui::Text("peak %.1f / %.1f dBFS", m.out[0].read().peakDb, m.out[1].read().peakDb);
    ImGui::TextUnformatted("sends (pre-fader)");
    for (int b = 0; b < console.config().buses(); ++b) {
        ImGui::PushID(100 + b);
        std::string name = s.text(console.tree().buses[static_cast<size_t>(b)].name);
        if (name.size() > 12) name.resize(12);
        ImGui::Text("%-12s", name.c_str());
        ImGui::SameLine(100);
        ValueField("dB", s, r.send[static_cast<size_t>(b)], 56);
        ImGui::PopID();
    }
    ImGui::EndChild();
    ImGui::PopID();
}

} // namespace

void DrawFx(Session& session, GuiState&) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    const float avail = ImGui::GetContentRegionAvail().x;
    const float slotWidth = (avail - 3 * 8.0f) / kFxSlots;
    ImGui::BeginChild("fx", ImVec2(0, ImGui::GetContentRegionAvail().y * 0.58f), false);
    for (int k = 0; k < kFxSlots; ++k) {
        if (k) ImGui::SameLine(0, 8);
        fxSlot(console, k, slotWidth);
    }
    ImGui::EndChild();

    // Matrices: each one's mix of main and the buses, and its delay.
    ImGui::BeginChild("matrices", ImVec2(avail * 0.62f, 0), true, ImGuiWindowFlags_HorizontalScrollbar);
    const int nb = console.config().buses();
    ImGui::TextUnformatted("matrix sources (dB; the masters are on the mixer's MATRIX layer)");
    if (ImGui::BeginTable("mtx", 3 + nb, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollX)) {
        ImGui::TableSetupColumn("matrix");
        ImGui::TableSetupColumn("delay ms");
        ImGui::TableSetupColumn("main");
        for (int b = 0; b < nb; ++b) ImGui::TableSetupColumn(s.text(console.tree().buses[static_cast<size_t>(b)].name).c_str());
        ImGui::TableHeadersRow();
        for (int m = 0; m < kMatrices; ++m) {
            const MatrixIds& x = console.tree().matrices[m];
            ImGui::PushID(m);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(s.text(x.name).c_str());
            ImGui::TableNextColumn();
            ValueField("##delay", s, x.delay, 50);
            ImGui::TableNextColumn();
            ValueField("##main", s, x.srcMain, 50);
            for (int b = 0; b < nb; ++b) {
                ImGui::TableNextColumn();
                ImGui::PushID(b);
                ValueField("##bus", s, x.srcBus[static_cast<size_t>(b)], 50);
                ImGui::PopID();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    ImGui::EndChild();
    ImGui::SameLine(0, 8);

    // Talkback and the line-check generator.
    ImGui::BeginChild("talk", ImVec2(0, 0), true);
    const TalkIds& t = console.tree().talk;
    const GenIds& g = console.tree().gen;
    ImGui::TextUnformatted("talkback");
    TalkSwitch("TALK", s, t.on, ImVec2(80, 26), IM_COL32(120, 230, 90, 255));
    ImGui::SameLine();
    ValueField("input", s, t.input, 40);
    ValueField("level dB", s, t.level, 50);
    ImGui::SameLine();
    ValueField("dim dB", s, t.dim, 50);
    Switch("to main", s, t.main, ImVec2(70, 20), IM_COL32(120, 230, 90, 255));
    for (int b = 0; b < nb; ++b) {
        ImGui::SameLine(0, 3);
        ImGui::PushID(600 + b);
        Switch(std::to_string(b + 1).c_str(), s, t.bus[static_cast<size_t>(b)], ImVec2(26, 20), IM_COL32(120, 230, 90, 255));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.text(console.tree().buses[static_cast<size_t>(b)].name).c_str());
        ImGui::PopID();
    }
    ImGui::Separator();
    ImGui::TextUnformatted("generator");
    ChoiceCombo("type##gen", s, g.type, 80);
    ImGui::SameLine();
    ValueField("Hz##gen", s, g.freq, 60);
    ImGui::SameLine();
    ValueField("dBFS##gen", s, g.level, 50);
    Switch("to main##gen", s, g.main, ImVec2(70, 20), IM_COL32(250, 200, 70, 255));
    for (int b = 0; b < nb; ++b) {
        ImGui::SameLine(0, 3);
        ImGui::PushID(700 + b);
        Switch(std::to_string(b + 1).c_str(), s, g.bus[static_cast<size_t>(b)], ImVec2(26, 20), IM_COL32(250, 200, 70, 255));
        ImGui::PopID();
    }
    ImGui::EndChild();
}

} // namespace hr::gui
