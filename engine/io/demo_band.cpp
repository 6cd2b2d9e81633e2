// DemoBand: the song, the players and the microphones (see demo_band.h).
//
// Sections: the channels · the song (chords, drum, bass and guitar patterns, melody) ·
// prepare / reset · the players (what starts on each 16th) · process and the mics.
#include "io/demo_band.h"

#include <algorithm>
#include <cmath>

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#endif

namespace hr {

using demo::Vowel;

// ---- the channels --------------------------------------------------------------------

namespace {
struct ChannelSpec {
    const char* name;
    float trimDb; // mic-pre gain: brings each instrument to peaks of about -18..-6 dBFS
};
// Order and names match the default show's channels.
constexpr ChannelSpec kChannelSpecs[DemoBand::kChannels] = {
    {"Kick", -8.8f},       {"Snare", -11.4f}, {"Hi-Hat", -8.0f},  {"Rack Tom", -12.7f},
    {"Floor Tom", -13.1f}, {"OH L", -6.0f},   {"OH R", -6.0f},    {"Bass", -9.0f},
    {"Gtr 1", -9.0f},      {"Gtr 2", -8.0f},  {"Keys L", -17.4f}, {"Keys R", -17.4f},
    {"Lead Vox", -4.0f},   {"BV 1", -9.6f},   {"BV 2", -10.0f},   {"Ac Gtr", -13.3f},
};

float dbToGain(float db) {
    return std::pow(10.f, db / 20.f);
}

// ---- the song ------------------------------------------------------------------------
// 112 BPM, 4/4, G major, I–V–vi–IV twice: bars 0–3 verse, bars 4–7 chorus. Patterns are one
// bar of 16ths, one character per 16th, so the score reads like a drum chart.

constexpr int kStepsPerBar = 16;
constexpr int kLoopSteps = DemoBand::kLoopBars * kStepsPerBar;

struct Chord {
    int bassRoot; // MIDI note on the bass (G1, D2, E2, C2: the positions a bassist uses)
    int open[6];  // open-position shape, low E string first; -1 = not played
    int power[6]; // root–fifth–octave for palm mutes
    int high[6];  // a triad on the top four strings
    int keys[4];  // left-hand root and a close right-hand triad, voice-led
    int tones[3]; // pitch classes, for the backing vocals' harmonies
    int oohs[2];  // what BV 1 and BV 2 hold in the verse
};
// clang-format off
constexpr Chord kChords[4] = {
    {31, {43, 47, 50, 55, 59, 67}, {43, 50, 55, -1, -1, -1}, {-1, -1, 55, 59, 62, 67},
     {43, 55, 59, 62}, {7, 11, 2}, {59, 62}}, // G
    {38, {-1, 45, 50, 57, 62, 66}, {-1, 50, 57, 62, -1, -1}, {-1, -1, 57, 62, 66, 69},
     {38, 54, 57, 62}, {2, 6, 9}, {57, 66}}, // D
    {40, {40, 47, 52, 55, 59, 64}, {40, 47, 52, -1, -1, -1}, {-1, -1, 59, 64, 67, 71},
     {40, 55, 59, 64}, {4, 7, 11}, {55, 64}}, // Em
    {36, {-1, 48, 52, 55, 60, 64}, {-1, 48, 55, 60, -1, -1}, {-1, -1, 60, 64, 67, 72},
     {36, 55, 60, 64}, {0, 4, 7}, {55, 64}}, // C
};
// clang-format on
const Chord& chordOfBar(int bar) {
    return kChords[bar % 4];
}
bool isChorus(int bar) {
    return bar >= 4;
}

// Drums: X accent, x medium, o soft, g ghost; hats also H/h half-open, O open.
struct DrumBar {
    const char *kick, *snare, *hat, *rack, *floor, *crash;
};
constexpr const char* kNone = "................";
// clang-format off
constexpr DrumBar kDrumBars[DemoBand::kLoopBars] = {
    // verse: kick on 1 and 3 with a pickup on the "a" of 2, ghosted snare, 16th hats
    {"X......xX.......", "....X.g.....X..g", "XoxoXoxoXoxoXoxo", kNone, kNone, "X..............."},
    {"X......xX.......", "....X.g.....X...", "XoxoXoxoXoxoXo..", "..............x.",
     "...............X", kNone}, // a two-note pickup round the toms
    {"X......xX.......", "....X.g.....X..g", "XoxoXoxoXoxoXoxo", kNone, kNone, kNone},
    {"X......xX.......", "....X.g.....X...", "XoxoXoxoXoxo....", ".............xx.",
     "...............X", kNone}, // into the chorus
    // chorus: a push on the "and" of 3, half-open 8th hats, crash on the one
    {"X......xX.x.....", "....X.......X...", "H.h.H.h.H.h.H.h.", kNone, kNone, "X..............."},
    {"X......xX.x.....", "....X.......X...", "H.h.H.h.H.h.H.O.", kNone, kNone, kNone},
    {"X......xX.x.....", "....X.......X...", "H.h.H.h.H.h.H.h.", kNone, kNone, kNone},
    {"X......xX...X...", "....X...XxoX....", "H.h.H.h.........", "............Xx..",
     "..............XX", kNone}, // the fill that turns the loop round
};
// clang-format on

float drumVelocity(char c) {
    switch (c) {
    case 'X':
    case 'O':
        return 1.0f;
    case 'H':
        return 0.9f;
    case 'x':
        return 0.75f;
    case 'h':
        return 0.6f;
    case 'o':
        return 0.5f;
    case 'g':
        return 0.22f;
    default:
        return 0.f;
    }
}

// Bass: R root, O octave, F fifth, A a semitone below the next bar's root; '-' holds.
constexpr const char* kBassVerse = "R-----.RR-----A-";
constexpr const char* kBassChorus = "R-R-R-R-R-R-R-A-";
constexpr const char* kBassTurnaround = "R-R-R-R-R-R-O-F-"; // lands on G, the root at the top

// Guitars. Gtr 1: M/m palm-muted power chord, D/U full strum. Gtr 2: 1–4 picks a string
// of the high triad, S a short stab. Ac Gtr: D/U strums. Keys: X strikes, '-' holds.
constexpr const char* kGtr1Verse = "M.m.m.m.M.m.m.m.";
constexpr const char* kGtr1Chorus = "D..D..D.D.U.D.U.";
constexpr const char* kGtr2Verse = "1.2.3.4.2.3.4.3.";
constexpr const char* kGtr2Chorus = "..S...S...S...S.";
constexpr const char* kAcoustic = "D...D.U...U.D.U.";
constexpr const char* kKeysVerse = "X---------X-----";
constexpr const char* kKeysChorus = "X-------X-------";

// How many 16ths a note starting at `step` lasts: itself plus the '-' after it.
int heldSteps(const char* pattern, int step) {
    int length = 1;
    while (step + length < kStepsPerBar && pattern[step + length] == '-')
        ++length;
    return length;
}

// The lead vocal (a tenor, D3–E4). Steps count from the top of the loop.
struct SungNote {
    int step, lengthSteps, midiNote;
    Vowel vowel;
    bool consonant; // starts with a "t"/"s"
};
// clang-format off
constexpr SungNote kMelody[] = {
    {2, 2, 50, Vowel::E, true},   {4, 4, 55, Vowel::A, false},  {8, 2, 55, Vowel::I, true},
    {10, 2, 57, Vowel::O, true},  {12, 4, 59, Vowel::A, false}, // G
    {16, 6, 57, Vowel::E, true},  {22, 2, 54, Vowel::I, false}, {24, 6, 50, Vowel::O, true}, // D
    {34, 2, 52, Vowel::E, true},  {36, 4, 55, Vowel::A, false}, {40, 2, 59, Vowel::I, true},
    {42, 2, 57, Vowel::E, false}, {44, 4, 55, Vowel::O, true}, // Em
    {48, 4, 52, Vowel::A, true},  {52, 2, 55, Vowel::I, false}, {54, 2, 52, Vowel::E, true},
    {56, 7, 50, Vowel::O, false}, // C
    {64, 6, 62, Vowel::O, true},  {70, 2, 59, Vowel::A, false}, {72, 2, 62, Vowel::E, true},
    {74, 2, 64, Vowel::I, false}, {76, 4, 62, Vowel::A, true}, // chorus: G
    {80, 4, 57, Vowel::A, false}, {84, 2, 59, Vowel::E, true},  {86, 2, 57, Vowel::I, false},
    {88, 5, 54, Vowel::O, true},  {94, 2, 55, Vowel::E, true}, // D
    {96, 6, 59, Vowel::A, false}, {102, 2, 55, Vowel::E, true}, {104, 2, 59, Vowel::I, false},
    {106, 2, 60, Vowel::E, true}, {108, 4, 59, Vowel::O, false}, // Em
    {112, 4, 60, Vowel::A, true}, {116, 2, 59, Vowel::E, false}, {118, 2, 57, Vowel::I, true},
    {120, 6, 55, Vowel::O, false}, // C, landing on G for the top of the loop
};
// clang-format on

// The nearest chord tone at least a minor third above (direction +1) or below (-1).
int harmony(int midiNote, const Chord& chord, int direction) {
    for (int interval = 3; interval <= 9; ++interval) {
        const int candidate = midiNote + direction * interval;
        for (int pc : chord.tones)
            if ((candidate % 12 + 12) % 12 == pc) return candidate;
    }
    return midiNote + direction * 4;
}

// The amp of Gtr 1: tanh by its Padé approximant, clamped where that stops being monotonic.
float softClip(float x) {
    x = std::clamp(x, -3.f, 3.f);
    return x * (27.f + x * x) / (27.f + 9.f * x * x);
}

#if defined(__SSE__) || defined(__x86_64__)
// Flush denormals while the band plays so decaying tails cost nothing and the result does
// not depend on the caller's floating-point mode (DESIGN.md: FTZ/DAZ live and in render).
struct ScopedFlushDenormals {
    unsigned saved = _mm_getcsr();
    ScopedFlushDenormals() { _mm_setcsr(saved | 0x8040u); } // FTZ | DAZ
    ~ScopedFlushDenormals() { _mm_setcsr(saved); }
};
#else
struct ScopedFlushDenormals {};
#endif
} // namespace

const char* DemoBand::channelName(int channel) noexcept {
    return channel >= 0 && channel < kChannels ? kChannelSpecs[channel].name : nullptr;
}

// ---- prepare / reset -----------------------------------------------------------------

void DemoBand::prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    samplesPerStep_ = sampleRate * 60.0 / (kTempoBpm * 4.0);
    for (int c = 0; c < kChannels; ++c)
        channelGain_[c] = dbToGain(kChannelSpecs[c].trimDb);

    kick_.prepare(sampleRate);
    snare_.prepare(sampleRate);
    hat_.prepare(sampleRate);
    rackTom_.prepare(sampleRate, 147.f, 0.30f); // tuned to D3
    floorTom_.prepare(sampleRate, 98.f, 0.45f); // tuned to G2
    crash_.prepare(sampleRate);
    // Spaced overheads: a source off to one side reaches the far mic ~0.6 ms later.
    overheadFarSamples_ = int(std::lround(0.0006 * sampleRate));
    overheadFarL_.prepare(overheadFarSamples_);
    overheadFarR_.prepare(overheadFarSamples_);
    overheadHpL_.setCutoff(100.f, sampleRate);
    overheadHpR_.setCutoff(100.f, sampleRate);

    bass_.prepare(sampleRate);
    gtr1_.prepare(sampleRate, 0x47545231u);
    gtr2_.prepare(sampleRate, 0x47545232u);
    acoustic_.prepare(sampleRate, 0x41434F55u);
    gtr1Hp_.setCutoff(90.f, sampleRate);
    gtr1CabLp1_.setCutoff(4500.f, sampleRate); // a 12" speaker rolls off above ~5 kHz
    gtr1CabLp2_.setCutoff(4500.f, sampleRate);
    gtr2Lp_.setCutoff(7000.f, sampleRate);
    acousticHp_.setCutoff(80.f, sampleRate);
    acousticBodyCoefs_ = demo::svfCoefs(110.f, 3.f, sampleRate); // the box's air resonance
    keys_.prepare(sampleRate);
    lead_.prepare(sampleRate, demo::kTenorFormants, 5.4f, 0x4C454144u);
    bv1_.prepare(sampleRate, demo::kTenorFormants, 5.0f, 0x42563031u);
    bv2_.prepare(sampleRate, demo::kAltoFormants, 5.8f, 0x42563032u);
    reset();
}

void DemoBand::reset() noexcept {
    sampleIndex_ = songStep_ = nextStepSample_ = 0;
    feel_.seed(0x46454546u);
    kick_.reset(), snare_.reset(), hat_.reset(), rackTom_.reset(), floorTom_.reset();
    crash_.reset();
    for (auto& p : pending_)
        p = PendingHit{};
    overheadFarL_.reset(), overheadFarR_.reset(), overheadHpL_.reset(), overheadHpR_.reset();
    bass_.reset();
    gtr1_.reset(), gtr2_.reset(), acoustic_.reset();
    gtr1CabLp1_.reset(), gtr1CabLp2_.reset(), gtr1Hp_.reset(), gtr2Lp_.reset();
    acousticHp_.reset(), acousticBody_.reset();
    keys_.reset();
    lead_.reset(), bv1_.reset(), bv2_.reset();
}

// ---- the players ---------------------------------------------------------------------

int DemoBand::stepsToSamples(int steps) const noexcept {
    return int(steps * samplesPerStep_);
}

float DemoBand::humanize(float velocity) noexcept {
    return velocity * (1.f + 0.06f * feel_.bipolar());
}

void DemoBand::scheduleHit(Drum drum, float velocity, float lateMs, float decayMs) noexcept {
    // Always a little late, never early, so a hit never has to start in the past.
    const float jitterMs = 1.5f * (feel_.bipolar() + 1.f);
    pending_[drum] = {int((lateMs + jitterMs) * 1e-3 * sampleRate_), humanize(velocity), decayMs};
}

void DemoBand::playDrums(int bar, int step) noexcept {
    const DrumBar& d = kDrumBars[bar];
    if (d.kick[step] != '.') scheduleHit(Kick, drumVelocity(d.kick[step]), 0.f);
    if (d.snare[step] != '.') scheduleHit(Snare, drumVelocity(d.snare[step]), 3.f); // laid back
    if (const char h = d.hat[step]; h != '.') {
        const float decayMs = h == 'O' ? 350.f : (h == 'H' || h == 'h') ? 90.f : 25.f;
        const float swingMs = step % 2 ? 10.f : 0.f; // the "e" and "a" sit late: a 16th swing
        scheduleHit(Hat, drumVelocity(h), swingMs, decayMs);
    }
    if (d.rack[step] != '.') scheduleHit(RackTom, drumVelocity(d.rack[step]), 1.f);
    if (d.floor[step] != '.') scheduleHit(FloorTom, drumVelocity(d.floor[step]), 1.f);
    if (d.crash[step] != '.') scheduleHit(Cymbal, drumVelocity(d.crash[step]), 0.f);
}

void DemoBand::playGuitars(int bar, int step) noexcept {
    const Chord& chord = chordOfBar(bar);
    const bool chorus = isChorus(bar);
    using Stroke = demo::Guitar::Stroke;
    int upper[6]; // an upstroke catches only the top four strings
    for (int i = 0; i < 6; ++i)
        upper[i] = i < 2 ? -1 : chord.open[i];

    const char g1 = (chorus ? kGtr1Chorus : kGtr1Verse)[step];
    if (g1 == 'M' || g1 == 'm') {
        const Stroke mute{humanize(g1 == 'M' ? 1.f : 0.75f), 0.2f, 0.4f, 2.f, stepsToSamples(2)};
        gtr1_.strum(chord.power, true, mute);
    } else if (g1 == 'D') {
        gtr1_.strum(chord.open, true, Stroke{humanize(0.9f), 0.6f, 3.f, 7.f, -1});
    } else if (g1 == 'U') {
        gtr1_.strum(upper, false, Stroke{humanize(0.6f), 0.6f, 3.f, 5.f, -1});
    }

    const char g2 = (chorus ? kGtr2Chorus : kGtr2Verse)[step];
    if (g2 >= '1' && g2 <= '4') {
        const int string = 1 + (g2 - '0');
        gtr2_.pick(string, chord.high[string], Stroke{humanize(0.8f), 0.75f, 2.5f, 0.f, -1});
    } else if (g2 == 'S') {
        const int stabSamples = int(0.12 * sampleRate_);
        gtr2_.strum(chord.high, true, Stroke{humanize(0.6f), 0.8f, 1.5f, 3.f, stabSamples});
    }

    const char ac = kAcoustic[step];
    const float acLevel = chorus ? 1.f : 0.75f;
    if (ac == 'D')
        acoustic_.strum(chord.open, true, Stroke{humanize(acLevel), 0.9f, 2.5f, 8.f, -1});
    else if (ac == 'U')
        acoustic_.strum(upper, false, Stroke{humanize(0.7f * acLevel), 0.9f, 2.5f, 5.f, -1});
}

void DemoBand::playVocals(int loopStep) noexcept {
    const int bar = loopStep / kStepsPerBar;
    const Chord& chord = chordOfBar(bar);
    const int breathSamples = int(0.03 * sampleRate_); // a gap to breathe between notes
    if (!isChorus(bar) && loopStep % kStepsPerBar == 0) {
        const int gate = stepsToSamples(kStepsPerBar - 1);
        bv1_.noteOn(chord.oohs[0], Vowel::U, 0.7f, gate, false);
        bv2_.noteOn(chord.oohs[1], Vowel::U, 0.6f, gate, false);
    }
    for (const SungNote& n : kMelody) {
        if (n.step != loopStep) continue;
        const int gate = std::max(stepsToSamples(n.lengthSteps) - breathSamples, breathSamples);
        const float level = isChorus(bar) ? 1.f : 0.85f;
        lead_.noteOn(n.midiNote, n.vowel, humanize(level), gate, n.consonant);
        if (isChorus(bar)) { // three-part harmony: a tenor above, an alto an octave up below
            bv1_.noteOn(harmony(n.midiNote, chord, +1), n.vowel, humanize(0.8f), gate, false);
            bv2_.noteOn(harmony(n.midiNote, chord, -1) + 12, n.vowel, humanize(0.8f), gate, false);
        }
    }
}

void DemoBand::playStep(int loopStep) noexcept {
    const int bar = loopStep / kStepsPerBar, step = loopStep % kStepsPerBar;
    const Chord& chord = chordOfBar(bar);
    playDrums(bar, step);

    const char* bassLine = bar == 7 ? kBassTurnaround : isChorus(bar) ? kBassChorus : kBassVerse;
    if (const char b = bassLine[step]; b != '-' && b != '.') {
        int note = chord.bassRoot;
        if (b == 'O') note += 12;
        if (b == 'F') note += 7;
        if (b == 'A') note = chordOfBar(bar + 1).bassRoot - 1;
        const int gate = stepsToSamples(heldSteps(bassLine, step)) * 9 / 10;
        bass_.noteOn(note, humanize(step % 4 == 0 ? 1.f : 0.85f), gate);
    }

    playGuitars(bar, step);

    const char* keys = isChorus(bar) ? kKeysChorus : kKeysVerse;
    if (keys[step] == 'X') {
        const int gate = stepsToSamples(heldSteps(keys, step)) - int(0.02 * sampleRate_);
        for (int note : chord.keys)
            keys_.noteOn(note, humanize(isChorus(bar) ? 0.7f : 0.55f), gate);
    }

    playVocals(loopStep);
}

// ---- process and the mics ------------------------------------------------------------

void DemoBand::renderFrame(float (&ch)[kChannels]) noexcept {
    for (int d = 0; d < kDrums; ++d) {
        PendingHit& p = pending_[d];
        if (p.countdown == 0) {
            switch (Drum(d)) {
            case Kick:
                kick_.trigger(p.velocity);
                break;
            case Snare:
                snare_.trigger(p.velocity);
                break;
            case Hat:
                hat_.trigger(p.velocity, p.decayMs);
                break;
            case RackTom:
                rackTom_.trigger(p.velocity);
                break;
            case FloorTom:
                floorTom_.trigger(p.velocity);
                break;
            case Cymbal:
                crash_.trigger(p.velocity);
                break;
            case kDrums:
                break;
            }
        }
        if (p.countdown >= 0) --p.countdown;
    }
    const float kick = kick_.process(), snare = snare_.process(), hat = hat_.process();
    const float rack = rackTom_.process(), floor = floorTom_.process(), crash = crash_.process();

    // Close mics, each with a little of its neighbours (bleed), as on a real kit.
    ch[0] = kick + 0.02f * snare;
    ch[1] = snare + 0.12f * hat + 0.05f * kick;
    ch[2] = hat + 0.04f * snare;
    ch[3] = rack + 0.06f * snare + 0.03f * kick;
    ch[4] = floor + 0.05f * snare + 0.04f * kick;
    // Spaced pair above the kit: hats and rack tom on the left, floor tom and crash on the
    // right, kick and snare in the middle; the far mic hears a side source later and softer.
    const float centre = 0.08f * kick + 0.3f * snare;
    const float farL = overheadFarL_.process(0.25f * floor + 0.35f * crash, overheadFarSamples_);
    const float farR = overheadFarR_.process(0.2f * hat + 0.2f * rack, overheadFarSamples_);
    ch[5] = overheadHpL_.highpass(centre + 0.45f * hat + 0.35f * rack + farL);
    ch[6] = overheadHpR_.highpass(centre + 0.6f * crash + 0.4f * floor + farR);

    ch[7] = bass_.process();
    const float amp = softClip(1.5f * gtr1Hp_.highpass(gtr1_.process())); // crunch, not metal
    ch[8] = gtr1CabLp2_.lowpass(gtr1CabLp1_.lowpass(amp));
    ch[9] = gtr2Lp_.lowpass(gtr2_.process());
    keys_.process(ch[10], ch[11]);
    ch[12] = lead_.process();
    ch[13] = bv1_.process();
    ch[14] = bv2_.process();
    const float acoustic = acousticHp_.highpass(acoustic_.process());
    ch[15] = acoustic +
             0.6f * acousticBody_.process(acoustic, acousticBodyCoefs_).band * acousticBodyCoefs_.k;
}

void DemoBand::process(float* const* out, int numChannels, int frames) noexcept {
    if (out == nullptr || frames <= 0) return;
    if (sampleRate_ <= 0.0) { // not prepared: silence on every channel
        for (int c = 0; c < numChannels; ++c)
            if (out[c]) std::fill(out[c], out[c] + frames, 0.f);
        return;
    }
    ScopedFlushDenormals noDenormals;
    const int written = std::min(numChannels, int(kChannels));
    for (int i = 0; i < frames; ++i) {
        // The song clock: every 16th starts on the sample nearest its exact time, counted
        // from the top of the song, so blocks can be cut anywhere.
        if (sampleIndex_ == nextStepSample_) {
            playStep(int(songStep_ % kLoopSteps));
            ++songStep_;
            nextStepSample_ = std::llround(double(songStep_) * samplesPerStep_);
        }
        float frame[kChannels];
        renderFrame(frame);
        ++sampleIndex_;
        for (int c = 0; c < written; ++c)
            if (out[c]) out[c][i] = frame[c] * channelGain_[c];
    }
    for (int c = kChannels; c < numChannels; ++c)
        if (out[c]) std::fill(out[c], out[c] + frames, 0.f);
}

} // namespace hr
