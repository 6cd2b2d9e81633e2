// Console widgets: drawing with ImDrawList, interaction through invisible buttons.
#include "gui/widgets.h"

#include "dsp/biquad.h"
#include "gui/journal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace hr::gui {

namespace {
constexpr float kMeterFloorDb = -60.0f;
const ImU32 kTrack = IM_COL32(22, 22, 26, 255);
const ImU32 kScale = IM_COL32(150, 150, 160, 255);

float meterFraction(float db) { return std::isinf(db) ? 0.0f : std::clamp((db - kMeterFloorDb) / -kMeterFloorDb, 0.0f, 1.0f); }

// Shared interaction: drag moves travel, ctrl-drag fine, wheel steps, double-click default.
bool dragTravel(ParamStore& s, ParamId param, float pixelsForFullTravel, float wheelStep) {
    const ParamSpec& spec = s.spec(param);
    ImGuiIO& io = ImGui::GetIO();
    bool edited = false;
    const bool active = ImGui::IsItemActive();
    if (s.touchedBy(param, Source::Gui) != active) s.touch(param, Source::Gui, active);
    if (ImGui::IsItemActivated()) journal().began(param, s.get(param));
    if (ImGui::IsItemDeactivated()) journal().finished(param, s.get(param)); // one undo step per grab
    if (ImGui::IsItemHovered() && ImGui::IsMouseDoubleClicked(0)) {
        journal().record(param, s.get(param), spec.defaultValue);
        s.set(param, spec.defaultValue, Source::Gui);
        journal().began(param, spec.defaultValue); // the release that follows is not a second step
        return true;
    }
    if (active && !ImGui::IsItemActivated() && io.MouseDelta.y != 0.0f) { // the press itself does not move it
        const float fine = io.KeyCtrl ? 0.1f : 1.0f;
        const float pos = s.position(param) - io.MouseDelta.y / pixelsForFullTravel * fine;
        s.setPosition(param, pos, Source::Gui);
        edited = true;
    }
    if (ImGui::IsItemHovered() && io.MouseWheel != 0.0f) {
        s.setPosition(param, s.position(param) + io.MouseWheel * wheelStep * (io.KeyCtrl ? 0.1f : 1.0f), Source::Gui);
        edited = true;
    }
    return edited;
}
} // namespace

float faderPosition(const ParamSpec& spec, float db) { return spec.toPosition(db); }
float faderValue(const ParamSpec& spec, float position) { return spec.fromPosition(position); }

ImU32 paletteColour(int index) {
    static const ImU32 colours[] = {IM_COL32(110, 110, 118, 255), IM_COL32(200, 60, 60, 255),  IM_COL32(230, 130, 40, 255),
                                    IM_COL32(220, 200, 60, 255),  IM_COL32(80, 180, 80, 255),  IM_COL32(60, 190, 200, 255),
                                    IM_COL32(70, 110, 220, 255),  IM_COL32(150, 90, 210, 255), IM_COL32(220, 110, 170, 255),
                                    IM_COL32(230, 230, 230, 255)};
    return colours[std::clamp(index, 0, 9)];
}

bool Fader(const char* id, ParamStore& s, ParamId param, const ImVec2& size, ImU32 capColour) {
    const ParamSpec& spec = s.spec(param);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, size);
    const float travel = size.y - 24.0f; // the cap's height is kept inside the track
    const bool edited = dragTravel(s, param, travel, 0.01f);

    const float xMid = p.x + size.x * 0.62f;
    auto yOf = [&](float pos) { return p.y + 12.0f + (1.0f - pos) * travel; };
    // dB scale: the marks an engineer reads at a glance; a narrow fader has fewer, in smaller type.
    const bool narrow = size.x < 40.0f;
    const float type = ImGui::GetFontSize() * (narrow ? 0.65f : 1.0f);
    const float halfCap = narrow ? std::min(11.0f, size.x * 0.36f) : 11.0f;
    for (float db : {10.0f, 5.0f, 0.0f, -5.0f, -10.0f, -20.0f, -30.0f, -40.0f, -60.0f}) {
        if (narrow && (db == 5.0f || db == -5.0f || db == -20.0f || db == -40.0f)) continue;
        const float y = yOf(faderPosition(spec, db));
        char text[8];
        std::snprintf(text, sizeof text, db > 0 ? "+%.0f" : "%.0f", db);
        dl->AddLine(ImVec2(xMid - halfCap + 2, y), ImVec2(xMid - 4, y), kScale);
        dl->AddText(ImGui::GetFont(), type, ImVec2(p.x, y - type * 0.5f), db == 0 ? IM_COL32(230, 230, 230, 255) : kScale, text);
    }
    dl->AddText(ImGui::GetFont(), type, ImVec2(p.x, yOf(0.0f) - type * 0.5f), kScale, "-oo");
    dl->AddRectFilled(ImVec2(xMid - 2, yOf(1.0f)), ImVec2(xMid + 2, yOf(0.0f)), kTrack, 2.0f);
    // The cap, with a line at its centre; lit while the hand is on it.
    const float y = yOf(s.position(param));
    const bool touched = ImGui::IsItemActive();
    const ImU32 cap = touched ? IM_COL32(255, 255, 255, 255) : capColour;
    dl->AddRectFilled(ImVec2(xMid - halfCap, y - 11), ImVec2(xMid + halfCap, y + 11), IM_COL32(48, 48, 54, 255), 3.0f);
    dl->AddRect(ImVec2(xMid - halfCap, y - 11), ImVec2(xMid + halfCap, y + 11), cap, 3.0f, 0, 1.5f);
    dl->AddLine(ImVec2(xMid - halfCap + 1, y), ImVec2(xMid + halfCap - 1, y), cap, 2.0f);
    if (touched || ImGui::IsItemHovered()) ImGui::SetTooltip("%s", spec.format(s.get(param)).c_str());
    return edited;
}

void Meter(const char* id, const MeterValue& m, const ImVec2& size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    (void)id;
    const float clipH = 5.0f;
    const float top = p.y + clipH + 2.0f, bottom = p.y + size.y;
    dl->AddRectFilled(ImVec2(p.x, top), ImVec2(p.x + size.x, bottom), kTrack);
    // Segments: green to -18 dBFS, yellow to -6, red above (as console meters colour them).
    const float level = meterFraction(m.peakDb);
    auto yOf = [&](float frac) { return bottom - frac * (bottom - top); };
    const float g = meterFraction(-18.0f), yl = meterFraction(-6.0f);
    auto seg = [&](float from, float to, ImU32 c) {
        if (level <= from) return;
        dl->AddRectFilled(ImVec2(p.x + 1, yOf(std::min(level, to))), ImVec2(p.x + size.x - 1, yOf(from)), c);
    };
    seg(0.0f, g, IM_COL32(60, 200, 80, 255));
    seg(g, yl, IM_COL32(230, 210, 50, 255));
    seg(yl, 1.0f, IM_COL32(235, 70, 50, 255));
    const float rms = meterFraction(m.rmsDb);
    if (rms > 0) dl->AddLine(ImVec2(p.x, yOf(rms)), ImVec2(p.x + size.x, yOf(rms)), IM_COL32(255, 255, 255, 90));
    const float hold = meterFraction(m.holdDb);
    if (hold > 0) dl->AddLine(ImVec2(p.x, yOf(hold)), ImVec2(p.x + size.x, yOf(hold)), IM_COL32(255, 255, 255, 230), 2.0f);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + clipH), m.clip ? IM_COL32(255, 30, 30, 255) : IM_COL32(70, 20, 20, 255));
}

void MeterBar(const MeterValue& m, const ImVec2& size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    const float clipW = 6.0f;
    const float left = p.x, right = p.x + size.x - clipW - 2.0f;
    dl->AddRectFilled(ImVec2(left, p.y), ImVec2(right, p.y + size.y), kTrack);
    const float level = meterFraction(m.peakDb);
    auto xOf = [&](float frac) { return left + frac * (right - left); };
    const float g = meterFraction(-18.0f), yl = meterFraction(-6.0f);
    auto seg = [&](float from, float to, ImU32 c) {
        if (level <= from) return;
        dl->AddRectFilled(ImVec2(xOf(from), p.y + 1), ImVec2(xOf(std::min(level, to)), p.y + size.y - 1), c);
    };
    seg(0.0f, g, IM_COL32(60, 200, 80, 255));
    seg(g, yl, IM_COL32(230, 210, 50, 255));
    seg(yl, 1.0f, IM_COL32(235, 70, 50, 255));
    const float hold = meterFraction(m.holdDb);
    if (hold > 0) dl->AddLine(ImVec2(xOf(hold), p.y), ImVec2(xOf(hold), p.y + size.y), IM_COL32(255, 255, 255, 230), 2.0f);
    dl->AddRectFilled(ImVec2(right + 2.0f, p.y), ImVec2(p.x + size.x, p.y + size.y), m.clip ? IM_COL32(255, 30, 30, 255) : IM_COL32(70, 20, 20, 255));
}

void StereoMeter(const char* id, const MeterValue& l, const MeterValue& r, const ImVec2& size) {
    const ImVec2 half(size.x * 0.5f - 1.0f, size.y);
    Meter(id, l, half);
    ImGui::SameLine(0, 2);
    Meter(id, r, half);
}

void GrBar(float reductionDb, const ImVec2& size, ImU32 colour) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), kTrack);
    const float frac = std::clamp(reductionDb / 24.0f, 0.0f, 1.0f);
    if (frac > 0) dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + frac * size.y), colour);
}

bool Knob(const char* id, ParamStore& s, ParamId param, float radius, const char* caption) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton(id, ImVec2(radius * 2.0f, radius * 2.0f + 12.0f));
    const bool edited = dragTravel(s, param, 150.0f, 0.02f);
    const ImVec2 c(p.x + radius, p.y + radius);
    const float pos = s.position(param);
    constexpr float kStart = 3.14159f * 0.75f, kSweep = 3.14159f * 1.5f;
    dl->AddCircleFilled(c, radius, IM_COL32(50, 50, 58, 255));
    dl->PathArcTo(c, radius - 2.0f, kStart, kStart + kSweep * pos, 24);
    dl->PathStroke(IM_COL32(90, 170, 240, 255), 0, 3.0f);
    const float a = kStart + kSweep * pos;
    dl->AddLine(c, ImVec2(c.x + std::cos(a) * (radius - 3), c.y + std::sin(a) * (radius - 3)), IM_COL32(230, 230, 230, 255), 2.0f);
    dl->AddText(ImVec2(p.x, p.y + radius * 2.0f), kScale, caption);
    if (ImGui::IsItemActive() || ImGui::IsItemHovered())
        ImGui::SetTooltip("%s %s", caption, s.spec(param).format(s.get(param)).c_str());
    return edited;
}

bool Switch(const char* label, ParamStore& s, ParamId param, const ImVec2& size, ImU32 litColour) {
    const bool on = s.get(param) >= 0.5f;
    ImGui::PushStyleColor(ImGuiCol_Button, on ? litColour : IM_COL32(50, 50, 58, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, on ? litColour : IM_COL32(70, 70, 80, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, on ? IM_COL32(10, 10, 10, 255) : IM_COL32(200, 200, 200, 255));
    const bool pressed = ImGui::Button(label, size);
    ImGui::PopStyleColor(3);
    if (pressed) {
        journal().record(param, on ? 1.0f : 0.0f, on ? 0.0f : 1.0f);
        s.set(param, on ? 0.0f : 1.0f, Source::Gui);
    }
    return pressed;
}

bool NameField(const char* id, ParamStore& s, ParamId name, float width) {
    // One field is typed in at a time: it keeps its text between frames; the others show the store.
    static ImGuiID typing = 0;
    static char buf[128];
    const ImGuiID me = ImGui::GetID(id);
    char shown[128];
    char* text = typing == me ? buf : shown;
    if (typing != me) std::snprintf(shown, sizeof shown, "%s", s.text(name).c_str());
    ImGui::SetNextItemWidth(width);
    ImGui::InputText(id, text, sizeof buf);
    if (ImGui::IsItemActivated()) {
        typing = me;
        std::snprintf(buf, sizeof buf, "%s", text);
    }
    const bool done = ImGui::IsItemDeactivatedAfterEdit();
    if (!ImGui::IsItemActive() && typing == me) typing = 0;
    if (!done || s.text(name) == text) return false;
    s.setText(name, text, Source::Gui);
    return true;
}

bool ColourPicker(const char* id, ParamStore& s, ParamId colour) {
    const ParamSpec& spec = s.spec(colour);
    const int now = static_cast<int>(s.get(colour));
    bool changed = false;
    ImGui::PushID(id);
    ImGui::BeginGroup(); // swatch k at x + 20 k
    for (int k = 0; k < static_cast<int>(spec.choices.size()); ++k) {
        if (k) ImGui::SameLine(0, 2);
        ImGui::PushID(k);
        ImGui::PushStyleColor(ImGuiCol_Button, paletteColour(k));
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, paletteColour(k));
        if (ImGui::Button("##c", ImVec2(18, 18)) && k != now) {
            journal().record(colour, s.get(colour), static_cast<float>(k));
            s.set(colour, static_cast<float>(k), Source::Gui);
            changed = true;
        }
        ImGui::PopStyleColor(2);
        if (k == now) ImGui::GetWindowDrawList()->AddRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax(), IM_COL32(255, 255, 255, 255), 0, 0, 2.0f);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", spec.choices[static_cast<size_t>(k)].c_str());
        ImGui::PopID();
    }
    ImGui::EndGroup();
    ImGui::PopID();
    return changed;
}

void EqBandRows(ParamStore& s, ParamId eqOn, const EqBandIds* eq) {
    Switch("EQ", s, eqOn, ImVec2(50, 20), IM_COL32(120, 200, 255, 255));
    for (int b = 0; b < kEqBands; ++b) {
        ImGui::PushID(b);
        Switch(("band " + std::to_string(b + 1)).c_str(), s, eq[b].on, ImVec2(70, 20), IM_COL32(120, 200, 255, 255));
        ImGui::SameLine();
        ValueField("Hz", s, eq[b].freq, 70);
        ImGui::SameLine();
        ValueField("dB", s, eq[b].gain, 60);
        ImGui::SameLine();
        ValueField("Q", s, eq[b].q, 50);
        if (eq[b].type != kNoParam) {
            ImGui::SameLine();
            ChoiceButton("type", s, eq[b].type, ImVec2(90, 20), IM_COL32(120, 200, 255, 255));
        }
        ImGui::PopID();
    }
}

void CompRows(ParamStore& s, const CompIds& c) {
    ImGui::PushID("comp");
    Switch("comp", s, c.on, ImVec2(50, 20), IM_COL32(240, 150, 40, 255));
    ImGui::SameLine();
    ValueField("thr", s, c.threshold, 50);
    ImGui::SameLine();
    ValueField("ratio", s, c.ratio, 50);
    ImGui::SameLine();
    ValueField("knee", s, c.knee, 44);
    ValueField("attack", s, c.attack, 60);
    ImGui::SameLine();
    ValueField("release", s, c.release, 60);
    ValueField("makeup", s, c.makeup, 50);
    ImGui::SameLine();
    Switch("auto makeup", s, c.autoMakeup, ImVec2(100, 20), IM_COL32(240, 150, 40, 255));
    ImGui::PopID();
}

// A choice shown as its current word; a click steps to the next choice (and around).
bool ChoiceButton(const char* id, ParamStore& s, ParamId param, const ImVec2& size, ImU32 colour, int step) {
    const ParamSpec& spec = s.spec(param);
    const int n = static_cast<int>(spec.choices.size());
    const int now = std::clamp(static_cast<int>(s.get(param)), 0, std::max(0, n - 1));
    std::string label = n ? spec.choices[static_cast<size_t>(now)] : "?";
    for (char& c : label) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    ImGui::PushStyleColor(ImGuiCol_Button, colour);
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(10, 10, 10, 255));
    const bool pressed = ImGui::Button((label + "###" + id).c_str(), size);
    ImGui::PopStyleColor(2);
    if (pressed && n > 1) {
        const float next = static_cast<float>(((now + step) % n + n) % n);
        journal().record(param, s.get(param), next);
        s.set(param, next, Source::Gui);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s: click for the %s choice", spec.path.c_str(), step > 0 ? "next" : "previous");
    return pressed;
}

// A parameter typed in its own grammar ("-6", "1k", "limit"); refused text changes nothing.
void ValueField(const char* label, ParamStore& s, ParamId id, float width) {
    const ParamSpec& spec = s.spec(id);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%s", spec.formatBare(s.get(id)).c_str());
    ImGui::SetNextItemWidth(width);
    if (ImGui::InputText(label, buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll)) {
        std::string why;
        if (const auto v = spec.parse(buf, &why)) {
            journal().record(id, s.get(id), *v);
            s.set(id, *v, Source::Gui);
        }
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s %s", spec.path.c_str(), spec.format(s.get(id)).c_str());
}

bool TalkSwitch(const char* label, ParamStore& s, ParamId param, const ImVec2& size, ImU32 litColour) {
    constexpr double kHoldSeconds = 0.3; // held longer than this: momentary
    const bool on = s.get(param) >= 0.5f;
    ImGui::PushStyleColor(ImGuiCol_Button, on ? litColour : IM_COL32(50, 50, 58, 255));
    ImGui::PushStyleColor(ImGuiCol_ButtonHovered, on ? litColour : IM_COL32(70, 70, 80, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, on ? IM_COL32(10, 10, 10, 255) : IM_COL32(200, 200, 200, 255));
    ImGui::Button(label, size);
    ImGui::PopStyleColor(3);
    ImGuiStorage* st = ImGui::GetStateStorage();
    const ImGuiID id = ImGui::GetID(label); // the button's own id
    if (ImGui::IsItemActivated()) { // pressed: on at once, whichever way it ends
        st->SetFloat(id, static_cast<float>(ImGui::GetTime()));
        st->SetBool(id + 1, on);
        if (!on) s.set(param, 1.0f, Source::Gui);
    }
    if (ImGui::IsItemDeactivated()) {
        const double held = ImGui::GetTime() - static_cast<double>(st->GetFloat(id));
        if (held > kHoldSeconds || st->GetBool(id + 1)) s.set(param, 0.0f, Source::Gui); // let go, or a click on a latched one
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("hold to talk; a short click latches it");
    return s.get(param) >= 0.5f;
}

double eqResponseDb(const EqView& eq, double sampleRate, double freqHz) {
    double db = 0.0;
    if (eq.hpfOn) {
        dsp::Biquad sec[2];
        const int n = dsp::designButterworthHighPass(sampleRate, eq.hpfHz, eq.hpfOrder, sec);
        db += dsp::responseDb(sec, n, sampleRate, freqHz);
    }
    if (!eq.eqOn) return db;
    for (int b = 0; b < 4; ++b) {
        if (!eq.bandOn[b] || eq.gainDb[b] == 0.0f) continue;
        const dsp::Biquad c = dsp::designEq(static_cast<dsp::EqType>(eq.bandType[b]), sampleRate, eq.freqHz[b], eq.gainDb[b], eq.q[b]);
        db += dsp::responseDb(c, sampleRate, freqHz);
    }
    return db;
}

void EqCurve(const char* id, const EqView& eq, double sampleRate, const ImVec2& size, float rangeDb) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    (void)id;
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(16, 20, 26, 255), 2.0f);
    const float mid = p.y + size.y * 0.5f;
    dl->AddLine(ImVec2(p.x, mid), ImVec2(p.x + size.x, mid), IM_COL32(60, 60, 70, 255));
    constexpr int kPoints = 48;
    ImVec2 pts[kPoints];
    for (int i = 0; i < kPoints; ++i) {
        const double f = 20.0 * std::pow(1000.0, double(i) / (kPoints - 1)); // 20 Hz .. 20 kHz
        const double db = std::clamp(eqResponseDb(eq, sampleRate, f), double(-rangeDb), double(rangeDb));
        pts[i] = ImVec2(p.x + size.x * float(i) / (kPoints - 1), mid - float(db / rangeDb) * size.y * 0.5f);
    }
    dl->AddPolyline(pts, kPoints, IM_COL32(120, 200, 255, 255), 0, 1.5f);
}

// ---- EQ graph and transfer curves (the Channel and Bus views) ----

namespace {
constexpr float kGraphDb = 18.0f;

float xOfHz(double hz, float x0, float w) { return x0 + w * static_cast<float>(std::log(hz / 20.0) / std::log(1000.0)); }
double hzOfX(float x, float x0, float w) { return 20.0 * std::pow(1000.0, std::clamp((x - x0) / w, 0.0f, 1.0f)); }

} // namespace

void EqGraph(ParamStore& s, const EqView& view, ParamId hpfFreq, const EqBandIds* eq, double rate, const ImVec2& size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(14, 18, 24, 255));
    auto yOfDb = [&](double db) { return p.y + size.y * 0.5f - static_cast<float>(db / kGraphDb) * size.y * 0.5f; };
    for (double f : {50.0, 100.0, 200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0}) {
        const float x = xOfHz(f, p.x, size.x);
        dl->AddLine(ImVec2(x, p.y), ImVec2(x, p.y + size.y), IM_COL32(40, 44, 52, 255));
        char t[8];
        std::snprintf(t, sizeof t, f >= 1000 ? "%.0fk" : "%.0f", f >= 1000 ? f / 1000 : f);
        dl->AddText(ImVec2(x + 2, p.y + size.y - 14), IM_COL32(120, 120, 130, 255), t);
    }
    for (double db : {-12.0, -6.0, 0.0, 6.0, 12.0}) {
        dl->AddLine(ImVec2(p.x, yOfDb(db)), ImVec2(p.x + size.x, yOfDb(db)), db == 0 ? IM_COL32(80, 80, 90, 255) : IM_COL32(40, 44, 52, 255));
        char t[8]; // the dB scale at the left edge
        std::snprintf(t, sizeof t, "%+.0f", db);
        dl->AddText(ImVec2(p.x + 3, yOfDb(db) - 14), IM_COL32(120, 120, 130, 255), db == 0 ? "0 dB" : t);
    }
    ImVec2 pts[160];
    for (int i = 0; i < 160; ++i) {
        const double f = hzOfX(p.x + size.x * i / 159.0f, p.x, size.x);
        pts[i] = ImVec2(p.x + size.x * i / 159.0f, yOfDb(std::clamp(eqResponseDb(view, rate, f), -double(kGraphDb), double(kGraphDb))));
    }
    dl->AddPolyline(pts, 160, IM_COL32(120, 200, 255, 255), 0, 2.0f);
    // Band handles: drag for frequency and gain, the wheel for Q; the HPF handle drags frequency.
    static const ImU32 bandColours[4] = {IM_COL32(240, 120, 80, 255), IM_COL32(240, 210, 80, 255),
                                         IM_COL32(120, 220, 120, 255), IM_COL32(160, 140, 250, 255)};
    ImGuiIO& io = ImGui::GetIO();
    for (int b = hpfFreq == kNoParam ? 0 : -1; b < 4; ++b) {
        const ParamId freq = b < 0 ? hpfFreq : eq[b].freq;
        const float gainDb = b < 0 ? 0.0f : s.get(eq[b].gain);
        const ImVec2 c(xOfHz(s.get(freq), p.x, size.x), yOfDb(gainDb));
        ImGui::SetCursorScreenPos(ImVec2(c.x - 8, c.y - 8));
        ImGui::PushID(b + 10);
        ImGui::InvisibleButton("handle", ImVec2(16, 16));
        if (ImGui::IsItemActivated()) journal().began(freq, s.get(freq));
        if (ImGui::IsItemActive() && (io.MouseDelta.x != 0 || io.MouseDelta.y != 0)) {
            s.set(freq, static_cast<float>(hzOfX(io.MousePos.x, p.x, size.x)), Source::Gui);
            if (b >= 0) s.set(eq[b].gain, static_cast<float>((p.y + size.y * 0.5f - io.MousePos.y) / (size.y * 0.5f) * kGraphDb), Source::Gui);
        }
        if (ImGui::IsItemDeactivated()) journal().finished(freq, s.get(freq));
        if (b >= 0 && ImGui::IsItemHovered() && io.MouseWheel != 0.0f)
            s.setPosition(eq[b].q, s.position(eq[b].q) + io.MouseWheel * 0.03f, Source::Gui);
        if (ImGui::IsItemHovered() || ImGui::IsItemActive())
            ImGui::SetTooltip("%s  %s%s%s", b < 0 ? "HPF" : ("band " + std::to_string(b + 1)).c_str(),
                              s.spec(freq).format(s.get(freq)).c_str(), b < 0 ? "" : "  ",
                              b < 0 ? "" : (s.spec(eq[b].gain).format(gainDb) + "  Q " + s.spec(eq[b].q).formatBare(s.get(eq[b].q))).c_str());
        ImGui::PopID();
        const ImU32 col = b < 0 ? IM_COL32(90, 170, 240, 255) : bandColours[b];
        dl->AddCircleFilled(c, 6.0f, col);
        dl->AddCircle(c, 7.5f, IM_COL32(0, 0, 0, 200));
    }
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + size.y + 4));
}

// A transfer curve (input dB -> output dB) with the live input level as a moving dot.
void TransferCurve(const char* title, const std::function<float(float)>& curve, float liveDb, float grDb, const ImVec2& size) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImGui::TextUnformatted(title);
    const ImVec2 p = ImGui::GetCursorScreenPos();
    ImGui::Dummy(size);
    dl->AddRectFilled(p, ImVec2(p.x + size.x, p.y + size.y), IM_COL32(14, 18, 24, 255));
    auto x = [&](float db) { return p.x + (db + 80.0f) / 80.0f * size.x; };
    auto y = [&](float db) { return p.y + size.y - (std::max(db, -80.0f) + 80.0f) / 80.0f * size.y; };
    dl->AddLine(ImVec2(x(-80), y(-80)), ImVec2(x(0), y(0)), IM_COL32(50, 54, 62, 255)); // unity
    ImVec2 pts[81];
    for (int i = 0; i <= 80; ++i) pts[i] = ImVec2(x(float(i - 80)), y(curve(float(i - 80))));
    dl->AddPolyline(pts, 81, IM_COL32(240, 170, 60, 255), 0, 2.0f);
    if (!std::isinf(liveDb) && liveDb > -80.0f) dl->AddCircleFilled(ImVec2(x(liveDb), y(curve(liveDb))), 5.0f, IM_COL32(255, 255, 255, 255));
    ImGui::Text("gain reduction %.1f dB", grDb);
}


} // namespace hr::gui
