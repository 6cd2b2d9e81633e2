// The Channel view: the selected channel whole, every parameter of its strip.
//
//   header   number, name and colour (rename and recolour here), previous/next, copy and
//            paste (whole, EQ or dynamics), and the channel presets (save, load);
//   input    patch input and source (live, sine, pink, playback) with the oscillator, trim,
//            polarity, delay, stereo link, record arm and tap, the input meter;
//   EQ       the graph (dB and frequency scales, a handle per band and the HPF), HPF on,
//            frequency and slope, every band typed with its type;
//   gate     transfer curve with the live level, mode, threshold, range, ratio, attack,
//            hold, release;
//   comp     transfer curve, threshold, ratio, knee, attack, release, make-up, auto
//            make-up, and the EQ/comp order;
//   fader    fader and meter, MUTE, SOLO, pan;
//   groups   DCA and mute-group membership; every send with level, ON, tap and pan.
//
// A paste or a preset load is one undo step (ctrl-Z).
#include "gui/views.h"

#include "dsp/dynamics.h"
#include "gui/journal.h"
#include "user_config.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

namespace hr::gui {

namespace {

const ImU32 kInputBlue = IM_COL32(90, 170, 240, 255);
const ImU32 kGateGreen = IM_COL32(90, 200, 120, 255);
const ImU32 kCompOrange = IM_COL32(240, 150, 40, 255);
const ImU32 kSendTeal = IM_COL32(80, 220, 200, 255);
const char* const kParts[] = {"whole", "eq", "dynamics"};

// Runs `change` on the channel and journals what it changed as one undo step.
template <class F> void asOneStep(ParamStore& s, int channel, F&& change) {
    const ChannelSettings before = captureChannel(s, channel, ChannelPart::Whole, true);
    change();
    const ChannelSettings after = captureChannel(s, channel, ChannelPart::Whole, true);
    std::vector<EditJournal::Change> changes;
    const std::string prefix = "/ch/" + std::to_string(channel) + "/";
    for (size_t k = 0; k < before.values.size() && k < after.values.size(); ++k)
        if (before.values[k].second != after.values[k].second)
            if (const auto id = s.find(prefix + before.values[k].first))
                changes.push_back({*id, before.values[k].second, after.values[k].second});
    journal().record(std::move(changes));
}

void header(Session& session, GuiState& state, const ChannelIds& ids) {
    Console& console = session.engine->console();
    ParamStore& s = console.params();
    ChannelPanel& p = state.channel;
    const int n = console.config().channels;
    const int channel = state.selected + 1;
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) state.selected = (state.selected + n - 1) % n;
    ImGui::SameLine();
    ImGui::Text("/ch/%d", channel);
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) state.selected = (state.selected + 1) % n;
    ImGui::SameLine();
    NameField("##chname", s, ids.name, 160);
    Probe(state, "channel name");
    ImGui::SameLine();
    ColourPicker("colour", s, ids.colour);
    Probe(state, "colours");
    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(90);
    ImGui::Combo("##part", &p.part, kParts, 3);
    Probe(state, "part");
    ImGui::SameLine();
    const ChannelPart part = static_cast<ChannelPart>(std::clamp(p.part, 0, 2));
    if (ImGui::Button("Copy")) {
        p.clipboard = captureChannel(s, channel, part, part == ChannelPart::Whole);
        p.copied = true;
        p.copiedFrom = channel;
        p.note = std::string("copied the ") + channelPartName(part) + " of channel " + std::to_string(channel);
    }
    Probe(state, "copy");
    ImGui::SameLine();
    const bool canPaste = p.copied;
    if (ImGui::Button(canPaste ? ("Paste " + std::string(channelPartName(p.clipboard.part)) + " of " +
                                  std::to_string(p.copiedFrom) + "###paste").c_str()
                               : "Paste###paste") &&
        canPaste) {
        std::string why;
        std::optional<int> changed;
        asOneStep(s, channel, [&] { changed = applyChannel(s, channel, p.clipboard, Source::Gui, &why); });
        p.note = changed ? "pasted onto channel " + std::to_string(channel) + ": " + std::to_string(*changed) + " values changed"
                         : "paste refused: " + why;
    }
    Probe(state, "paste");
    // Presets: the part chosen above is what Save keeps; Load puts back what the file holds.
    ImGui::SameLine(0, 20);
    ImGui::SetNextItemWidth(140);
    ImGui::InputTextWithHint("##preset", "preset name", p.presetName, sizeof p.presetName);
    Probe(state, "preset name");
    ImGui::SameLine();
    const std::string folder = presetFolder();
    if (ImGui::Button("Save preset") && p.presetName[0]) {
        std::string why;
        p.note = saveChannelPreset(s, channel, part, folder, p.presetName, &why)
                     ? std::string("saved the ") + channelPartName(part) + " of channel " + std::to_string(channel) + " as " + p.presetName
                     : "not saved: " + why;
        p.listedAt = -1e9;
    }
    Probe(state, "save preset");
    ImGui::SameLine();
    if (ImGui::GetTime() - p.listedAt > 2.0) { // the folder, read again now and then
        p.presets = listChannelPresets(folder);
        p.listedAt = ImGui::GetTime();
    }
    ImGui::SetNextItemWidth(150);
    if (ImGui::BeginCombo("##load", "Load preset")) {
        if (p.presets.empty()) ImGui::TextDisabled("no presets in %s", folder.c_str());
        for (const PresetListing& preset : p.presets) {
            if (!ImGui::Selectable((preset.name + "  (" + preset.part + ")").c_str())) continue;
            std::string why;
            std::optional<int> changed;
            asOneStep(s, channel, [&] { changed = loadChannelPreset(s, channel, folder, preset.name, Source::Gui, &why); });
            p.note = changed ? preset.name + " on channel " + std::to_string(channel) + ": " + std::to_string(*changed) + " values changed"
                             : "not loaded: " + why;
        }
        ImGui::EndCombo();
    }
    Probe(state, "load preset");
    if (!p.note.empty()) {
        ImGui::SameLine();
        ImGui::TextDisabled("%s", p.note.c_str());
    }
}

void inputColumn(Console& console, GuiState& state, const ChannelIds& ids) {
    ParamStore& s = console.params();
    ImGui::BeginGroup();
    ImGui::TextUnformatted("INPUT");
    ValueField("input", s, ids.input, 50);
    ChoiceButton("source", s, ids.source, ImVec2(90, 20), kInputBlue);
    Probe(state, "source");
    const int source = static_cast<int>(s.get(ids.source));
    if (source == 1 || source == 2) { // the oscillator: sine or pink
        if (source == 1) ValueField("osc Hz", s, ids.oscFreq, 60);
        ValueField("osc dB", s, ids.oscLevel, 60);
    }
    Meter("in", console.channelMeters(state.selected).in.read(), ImVec2(12, 110));
    ImGui::SameLine();
    ImGui::BeginGroup();
    Knob("trim", s, ids.trim, 16.0f, "trim");
    ValueField("dB##trim", s, ids.trim, 50);
    Switch("POLARITY", s, ids.polarity, ImVec2(90, 20), kInputBlue);
    Probe(state, "polarity");
    ValueField("ms delay", s, ids.delay, 50);
    ImGui::EndGroup();
    if (ids.link != kNoParam) {
        Switch(("LINK " + std::to_string(state.selected + 1) + "+" + std::to_string(state.selected + 2)).c_str(), s, ids.link,
               ImVec2(110, 20), kInputBlue);
    }
    Switch("REC ARM", s, ids.recArm, ImVec2(72, 20), IM_COL32(225, 60, 50, 255));
    ImGui::SameLine();
    ChoiceButton("rectap", s, ids.recTap, ImVec2(56, 20), IM_COL32(200, 200, 210, 255));
    ImGui::EndGroup();
}

void eqColumn(Console& console, const ChannelIds& ids, float width, float height) {
    ParamStore& s = console.params();
    ImGui::BeginGroup();
    EqGraph(s, eqViewOf(s, ids), ids.hpfFreq, ids.eq, console.sampleRate(), ImVec2(width, height));
    Switch("HPF", s, ids.hpfOn, ImVec2(50, 20), kInputBlue);
    ImGui::SameLine();
    ValueField("Hz##hpf", s, ids.hpfFreq, 70);
    ImGui::SameLine();
    ChoiceButton("slope", s, ids.hpfSlope, ImVec2(40, 20), kInputBlue);
    ImGui::SameLine();
    ImGui::TextUnformatted("dB/oct");
    EqBandRows(s, ids.eqOn, ids.eq);
    ImGui::EndGroup();
}

void gateColumn(Console& console, GuiState& state, const ChannelIds& ids, float side) {
    ParamStore& s = console.params();
    const StripMeters& m = console.channelMeters(state.selected);
    const float thr = s.get(ids.gateThreshold), range = s.get(ids.gateRange), ratio = s.get(ids.gateRatio);
    const bool expander = s.get(ids.gateMode) >= 0.5f, on = s.get(ids.gateOn) >= 0.5f;
    ImGui::BeginGroup();
    TransferCurve("gate / expander", [&](float x) { return on ? x + dsp::gateCurveDb(x, thr, range, ratio, expander) : x; },
                  m.in.read().peakDb, m.gate.readDb(), ImVec2(side, side));
    ImGui::PushID("gate");
    Switch("gate", s, ids.gateOn, ImVec2(50, 20), kGateGreen);
    ImGui::SameLine();
    ChoiceButton("mode", s, ids.gateMode, ImVec2(80, 20), kGateGreen);
    Probe(state, "gate mode");
    ValueField("thr", s, ids.gateThreshold, 50);
    ImGui::SameLine();
    ValueField("range", s, ids.gateRange, 50);
    ValueField("ratio", s, ids.gateRatio, 50);
    ImGui::SameLine();
    ValueField("attack", s, ids.gateAttack, 50);
    ValueField("hold", s, ids.gateHold, 50);
    ImGui::SameLine();
    ValueField("release", s, ids.gateRelease, 50);
    ImGui::PopID();
    ImGui::EndGroup();
}

void compColumn(Console& console, GuiState& state, const ChannelIds& ids, float side) {
    ParamStore& s = console.params();
    const StripMeters& m = console.channelMeters(state.selected);
    const float thr = s.get(ids.comp.threshold), ratio = s.get(ids.comp.ratio), knee = s.get(ids.comp.knee);
    const bool on = s.get(ids.comp.on) >= 0.5f;
    ImGui::BeginGroup();
    TransferCurve("compressor", [&](float x) { return on ? dsp::compressorCurveDb(x, thr, ratio, knee) : x; },
                  m.in.read().peakDb, m.comp.readDb(), ImVec2(side, side));
    CompRows(s, ids.comp);
    ImGui::TextUnformatted("order");
    ImGui::SameLine();
    ChoiceButton("order", s, ids.order, ImVec2(90, 20), kCompOrange);
    Probe(state, "order");
    ImGui::EndGroup();
}

void faderColumn(Console& console, GuiState& state, const ChannelIds& ids, float height) {
    ParamStore& s = console.params();
    ImGui::BeginGroup();
    Switch("MUTE", s, ids.mute, ImVec2(60, 20), IM_COL32(235, 60, 50, 255));
    Switch("SOLO", s, ids.solo, ImVec2(60, 20), IM_COL32(240, 210, 50, 255));
    Knob("pan", s, ids.pan, 14.0f, "pan");
    Fader("fader", s, ids.fader, ImVec2(46, height), IM_COL32(200, 200, 210, 255));
    ImGui::SameLine(0, 2);
    Meter("post", console.channelMeters(state.selected).out.read(), ImVec2(10, height));
    ImGui::TextUnformatted(s.spec(ids.fader).format(s.get(ids.fader)).c_str());
    ImGui::EndGroup();
}

void groupsAndSends(Console& console, GuiState& state, const ChannelIds& ids) {
    ParamStore& s = console.params();
    ImGui::TextUnformatted("DCA");
    for (int d = 0; d < kDcas; ++d) {
        ImGui::SameLine(0, 3);
        ImGui::PushID(200 + d);
        Switch(std::to_string(d + 1).c_str(), s, ids.dca[d], ImVec2(26, 20), IM_COL32(250, 200, 70, 255));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.text(console.tree().dcas[d].name).c_str());
        ImGui::PopID();
    }
    ImGui::SameLine(0, 24);
    ImGui::TextUnformatted("mute groups");
    for (int g = 0; g < kMuteGroups; ++g) {
        ImGui::SameLine(0, 3);
        ImGui::PushID(300 + g);
        Switch(std::to_string(g + 1).c_str(), s, ids.mgrp[g], ImVec2(26, 20), IM_COL32(235, 60, 50, 255));
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", s.text(console.tree().muteGroups[g].name).c_str());
        ImGui::PopID();
    }
    ImGui::Separator();
    const int nb = console.config().buses();
    const int perRow = std::max(1, static_cast<int>(ImGui::GetContentRegionAvail().x / 330.0f));
    if (!ImGui::BeginTable("sends", perRow, ImGuiTableFlags_BordersInnerV)) return;
    for (int b = 0; b < nb; ++b) {
        const SendIds& sd = ids.sends[static_cast<size_t>(b)];
        ImGui::TableNextColumn();
        ImGui::PushID(100 + b);
        const std::string name = std::to_string(b + 1) + " " + s.text(console.tree().buses[static_cast<size_t>(b)].name);
        ImGui::TextUnformatted(name.c_str());
        ImGui::SameLine(110);
        ValueField("##lvl", s, sd.level, 56);
        ImGui::SameLine();
        Switch("ON", s, sd.on, ImVec2(30, 20), kSendTeal);
        Probe(state, "send on " + std::to_string(b + 1));
        ImGui::SameLine();
        ChoiceButton("tap", s, sd.tap, ImVec2(60, 20), kSendTeal, -1);
        if (sd.pan != kNoParam) {
            ImGui::SameLine();
            ValueField("##pan", s, sd.pan, 44);
            Probe(state, "send pan " + std::to_string(b + 1));
        }
        ImGui::PopID();
    }
    ImGui::EndTable();
}

} // namespace

void DrawChannel(Session& session, GuiState& state) {
    Console& console = session.engine->console();
    state.selected = std::clamp(state.selected, 0, console.config().channels - 1);
    const ChannelIds& ids = console.tree().channels[static_cast<size_t>(state.selected)];
    header(session, state, console.tree().channels[static_cast<size_t>(state.selected)]);
    ImGui::Separator();
    ImGui::BeginChild("whole", ImVec2(0, 0), false, ImGuiWindowFlags_HorizontalScrollbar);
    const float avail = ImGui::GetContentRegionAvail().x;
    const float side = std::clamp(ImGui::GetContentRegionAvail().y * 0.3f, 150.0f, 220.0f);
    const float eqWidth = std::clamp(avail - 180.0f - 2 * (side + 90.0f) - 90.0f - 60.0f, 320.0f, 760.0f);
    const float rowHeight = side + 150.0f;
    inputColumn(console, state, ids);
    ImGui::SameLine(0, 16);
    eqColumn(console, ids, eqWidth, rowHeight - 140.0f);
    ImGui::SameLine(0, 16);
    gateColumn(console, state, ids, side);
    ImGui::SameLine(0, 16);
    compColumn(console, state, ids, side);
    ImGui::SameLine(0, 16);
    faderColumn(console, state, ids, rowHeight - 110.0f);
    ImGui::Separator();
    groupsAndSends(console, state, ids);
    ImGui::EndChild();
}

} // namespace hr::gui
