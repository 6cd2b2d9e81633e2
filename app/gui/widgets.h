// Console widgets as Dear ImGui-style free functions: a tall fader with a dB scale, meters
// with peak hold and a clip light, gain-reduction bars, rotary knobs, lit switches and the
// EQ curve. Each reads the parameter store every frame and writes only when the hand edits;
// a dragged control is "touched" (ParamStore::touch, Source::Gui), the notion the Mackie
// feedback uses. Double-click resets to the default, ctrl-drag is fine adjustment, the
// wheel steps.
#pragma once

#include "console/meters.h"
#include "console/tree.h"
#include "params/store.h"

#include <imgui.h>

#include <functional>

namespace hr::gui {

// Fader travel (0..1) for a value in dB through the parameter's taper, and back: the GUI
// moves exactly as the Mackie faders and MIDI do.
float faderPosition(const ParamSpec& spec, float db);
float faderValue(const ParamSpec& spec, float position);

bool Fader(const char* id, ParamStore& s, ParamId param, const ImVec2& size, ImU32 capColour); // edited?
void Meter(const char* id, const MeterValue& m, const ImVec2& size);   // vertical, -60..0 dBFS
void StereoMeter(const char* id, const MeterValue& l, const MeterValue& r, const ImVec2& size);
void MeterBar(const MeterValue& m, const ImVec2& size); // horizontal, -60..0 dBFS, peak hold, clip light at the right
void GrBar(float reductionDb, const ImVec2& size, ImU32 colour);       // 0..24 dB, top down
bool Knob(const char* id, ParamStore& s, ParamId param, float radius, const char* caption); // edited?
bool Switch(const char* label, ParamStore& s, ParamId param, const ImVec2& size, ImU32 litColour); // toggled?
// A choice parameter (a send's tap pre-eq|pre|post) as a button showing its current word;
// a click steps to the next one (step -1: the one before, so a send's tap goes post -> pre ->
// pre-eq). True when clicked.
bool ChoiceButton(const char* id, ParamStore& s, ParamId param, const ImVec2& size, ImU32 colour, int step = 1);
void ValueField(const char* label, ParamStore& s, ParamId id, float width); // typed in the prompt's grammar
// A momentary-or-latching switch (talkback): held, it is on until let go; a short click latches
// it on or off. True while it is on.
bool TalkSwitch(const char* label, ParamStore& s, ParamId param, const ImVec2& size, ImU32 litColour);

struct EqView { // one strip's filters, drawn from the engine's own designs
    bool hpfOn = false;
    float hpfHz = 80.0f;
    int hpfOrder = 2;
    bool eqOn = true;
    bool bandOn[4] = {true, true, true, true};
    int bandType[4] = {1, 0, 0, 2}; // dsp::EqType
    float freqHz[4] = {100, 500, 2000, 8000}, gainDb[4] = {0, 0, 0, 0}, q[4] = {0.7f, 0.7f, 0.7f, 0.7f};
};
double eqResponseDb(const EqView& eq, double sampleRate, double freqHz); // what the strip runs
void EqCurve(const char* id, const EqView& eq, double sampleRate, const ImVec2& size, float rangeDb);

// The large EQ graph of the Channel and Bus views: the response with a dB and frequency scale,
// a handle per band (drag: frequency and gain; wheel: Q) and one for the HPF when hpfFreq is
// not kNoParam. `eq` is the four bands' ids.
void EqGraph(ParamStore& s, const EqView& view, ParamId hpfFreq, const EqBandIds* eq, double sampleRate, const ImVec2& size);
// A dynamics transfer curve (input dB -> output dB) with the live input level as a moving dot.
void TransferCurve(const char* title, const std::function<float(float)>& curve, float liveDb, float grDb, const ImVec2& size);

// A strip's name typed in place (taken on Enter or when the field is left) and its colour
// picked from the palette, each drawn swatch by swatch. True when changed.
bool NameField(const char* id, ParamStore& s, ParamId name, float width);
bool ColourPicker(const char* id, ParamStore& s, ParamId colour);
// The rows of typed values under an EQ graph (on, frequency, gain, Q, type per band), and
// a compressor's (on, threshold, ratio, knee, attack, release, make-up, auto make-up).
void EqBandRows(ParamStore& s, ParamId eqOn, const EqBandIds* eq);
void CompRows(ParamStore& s, const CompIds& comp);

ImU32 paletteColour(int index); // the tree's colour choices: grey red orange ... white

} // namespace hr::gui
