// The demo band's instruments: small synthesizers that each render one sample per call.
//
// Internal to DemoBand (io/demo_band.h). Every voice follows the same contract:
// prepare(sampleRate) on the control thread (may allocate), then reset(), the trigger
// functions and process() on the audio thread (noexcept, no allocation). A voice advances
// one sample per process() call and reads nothing but its own state, so its output depends
// only on when it was triggered, never on how the caller cuts blocks.
//
// Sections: helpers (oscillators, noise, envelopes, filters) · drums (implemented in
// demo_band_drums.cpp) · bass · plucked strings and guitars · electric piano · singer.
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

namespace hr::demo {

// ---- helpers -------------------------------------------------------------------------

// sin(2π·phase) for any phase in turns; a Taylor polynomial on a quarter wave (error
// < 4e-6), so the many oscillators cost no libm call.
inline float sinTurns(float phaseTurns) noexcept {
    float x = phaseTurns - std::floor(phaseTurns + 0.5f); // -0.5..0.5
    if (x > 0.25f)
        x = 0.5f - x;
    else if (x < -0.25f)
        x = -0.5f - x;
    const float t = x * 6.28318531f, t2 = t * t;
    return t * (1.f + t2 * (-1.f / 6 + t2 * (1.f / 120 + t2 * (-1.f / 5040 + t2 / 362880.f))));
}

constexpr float kSilent = 1e-5f; // -100 dB: an envelope below this has finished

// One sample's step of an oscillator's phase, in turns, wrapped to 0..1.
inline float advancePhase(float phaseTurns, float incTurns) noexcept {
    phaseTurns += incTurns;
    return phaseTurns >= 1.f ? phaseTurns - 1.f : phaseTurns;
}

inline float midiToHz(float note) noexcept {
    return 440.f * std::exp2((note - 69.f) / 12.f);
}

// Per-sample multiplier of an exponential decay with time constant `tauSec` (1/e).
inline float decayCoef(float tauSec, double sampleRate) noexcept {
    return float(std::exp(-1.0 / (double(tauSec) * sampleRate)));
}

// Polynomial band-limited step (Välimäki & Huovilainen 2007): subtracted at a saw's reset
// it removes the aliasing a naive saw has at bass and vocal pitches.
inline float polyBlep(float phase, float incTurns) noexcept {
    if (phase < incTurns) {
        const float t = phase / incTurns;
        return t + t - t * t - 1.f;
    }
    if (phase > 1.f - incTurns) {
        const float t = (phase - 1.f) / incTurns;
        return t * t + t + t + 1.f;
    }
    return 0.f;
}

// xorshift32 (Marsaglia 2003): a fixed seed makes every noise source repeatable.
class Rng {
public:
    void seed(uint32_t s) noexcept { state_ = s ? s : 0x9E3779B9u; }
    float bipolar() noexcept { // -1..1
        state_ ^= state_ << 13;
        state_ ^= state_ >> 17;
        state_ ^= state_ << 5;
        return float(int32_t(state_)) * (1.f / 2147483648.f);
    }

private:
    uint32_t state_ = 0x9E3779B9u;
};

// White noise with the same spectral density at every sample rate: a filtered band (the
// hats' 7–15 kHz) then has the same level at 44.1 and 192 kHz, where plain uniform noise
// would spread its power over a four times wider band and lose 6 dB.
class WhiteNoise {
public:
    void prepare(double sampleRate) { gain_ = float(std::sqrt(sampleRate / 48000.0)); }
    void seed(uint32_t s) noexcept { rng_.seed(s); }
    float next() noexcept { return gain_ * rng_.bipolar(); }

private:
    Rng rng_;
    float gain_ = 1.f;
};

// Trapezoidal state-variable filter (A. Simper, "Solving the continuous SVF equations using
// trapezoidal integration and equivalent currents", Cytomic 2013): stable when its cutoff
// moves every sample, which the bass filter and the voices' formants do.
struct SvfCoefs {
    float k = 2.f, a1 = 1.f, a2 = 0.f, a3 = 0.f;
};
SvfCoefs svfCoefs(float freqHz, float q, double sampleRate) noexcept;     // exact (std::tan)
SvfCoefs svfCoefsFast(float freqHz, float q, double sampleRate) noexcept; // for per-sample moves

class Svf {
public:
    struct Out {
        float low, band, high;
    };
    void reset() noexcept { ic1_ = ic2_ = 0.f; }
    Out process(float x, const SvfCoefs& c) noexcept {
        const float v3 = x - ic2_;
        const float v1 = c.a1 * ic1_ + c.a2 * v3;
        const float v2 = ic2_ + c.a2 * ic1_ + c.a3 * v3;
        ic1_ = 2.f * v1 - ic1_;
        ic2_ = 2.f * v2 - ic2_;
        return {v2, v1, x - c.k * v1 - v2};
    }

private:
    float ic1_ = 0.f, ic2_ = 0.f;
};

// One-pole lowpass; the highpass is the input minus it.
class OnePole {
public:
    void setCutoff(float freqHz, double sampleRate) noexcept {
        coef_ = 1.f - float(std::exp(-6.283185307 * freqHz / sampleRate));
    }
    void reset() noexcept { z_ = 0.f; }
    float lowpass(float x) noexcept { return z_ += coef_ * (x - z_); }
    float highpass(float x) noexcept { return x - lowpass(x); }

private:
    float coef_ = 1.f, z_ = 0.f;
};

// Removes the step when a drum restarts its oscillator while the last hit still rings: an
// offset that starts at the old output and dies away in ~1 ms, so the waveform stays
// continuous (the head's displacement does not jump when the stick lands either).
class Declick {
public:
    void prepare(double sampleRate) { coef_ = decayCoef(0.001f, sampleRate); }
    void reset() noexcept { offset_ = last_ = 0.f; }
    void retrigger() noexcept { offset_ = last_; } // call before the new sound's first sample
    float process(float x) noexcept {
        last_ = x + offset_;
        offset_ *= coef_;
        return last_;
    }

private:
    float coef_ = 0.f, offset_ = 0.f, last_ = 0.f;
};

// A delay line for a few milliseconds (the overheads' path difference); sized in prepare().
class DelayLine {
public:
    void prepare(int maxDelaySamples) { buffer_.assign(size_t(maxDelaySamples) + 1, 0.f); }
    void reset() noexcept;
    float process(float x, int delaySamples) noexcept; // delaySamples 0..maxDelaySamples

private:
    std::vector<float> buffer_;
    int pos_ = 0;
};

// Six square oscillators at inharmonic pitches, summed (-6..6): the TR-808's metallic
// cluster, the tone under the hats' and the crash's noise.
class SquareCluster {
public:
    void prepare(const float (&freqsHz)[6], double sampleRate) noexcept;
    void reset() noexcept;
    float process() noexcept;

private:
    float phases_[6] = {}, incs_[6] = {};
};

// Attack / decay-to-sustain / release, all exponential like an analog envelope generator.
class Envelope {
public:
    void prepare(double sampleRate, float attackMs, float decayMs, float sustain, float releaseMs);
    void reset() noexcept {
        level_ = 0.f;
        stage_ = Stage::Idle;
    }
    void noteOn() noexcept { stage_ = Stage::Attack; }
    void noteOff() noexcept {
        if (stage_ != Stage::Idle) stage_ = Stage::Release;
    }
    bool active() const noexcept { return stage_ != Stage::Idle; }
    float level() const noexcept { return level_; }
    float next() noexcept;

private:
    enum class Stage { Idle, Attack, Decay, Release };
    Stage stage_ = Stage::Idle;
    float level_ = 0.f, sustain_ = 1.f;
    float attackCoef_ = 0.f, decayCoef_ = 0.f, releaseCoef_ = 0.f;
};

// ---- drums ---------------------------------------------------------------------------

// Kick: a sine swept from ~160 Hz down to 50 Hz (the shell's pitch drop) plus a short
// lowpassed click for the beater.
class Kick {
public:
    void prepare(double sampleRate);
    void reset() noexcept;
    void trigger(float velocity) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    WhiteNoise noise_;
    OnePole clickLp_;
    Declick declick_;
    float phase_ = 0.f, velocity_ = 0.f;
    float pitchEnv_ = 0.f, ampEnv_ = 0.f, clickEnv_ = 0.f;
    float pitchCoef_ = 0.f, ampCoef_ = 0.f, clickCoef_ = 0.f;
};

// Snare: two drum-head modes (tuned body) and band-passed noise for the wires.
class Snare {
public:
    void prepare(double sampleRate);
    void reset() noexcept;
    void trigger(float velocity) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    WhiteNoise noise_;
    Svf wiresBp_;
    SvfCoefs wiresCoefs_;
    OnePole wiresHp_, wiresLp_;
    float phase1_ = 0.f, phase2_ = 0.f, velocity_ = 0.f;
    float pitchEnv_ = 0.f, bodyEnv_ = 0.f, wiresEnv_ = 0.f;
    float pitchCoef_ = 0.f, bodyCoef_ = 0.f, wiresCoef_ = 0.f;
};

// Hi-hat: noise and six detuned squares (the TR-808's metallic cluster) through a steep
// highpass; `decayMs` sets closed (≈25), half-open (≈90) or open (≈300). A new hit chokes
// the previous one, as the closing hat does.
class HiHat {
public:
    void prepare(double sampleRate);
    void reset() noexcept;
    void trigger(float velocity, float decayMs) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    WhiteNoise noise_;
    SquareCluster metal_;
    Svf hp1_, hp2_, lp_;
    SvfCoefs hpCoefs_, lpCoefs_;
    float env_ = 0.f, envCoef_ = 0.f, velocity_ = 0.f;
};

// Tom: a pitched membrane (fundamental plus its 1.59× mode) with a downward pitch bend
// and a stick click; tuned per drum.
class Tom {
public:
    void prepare(double sampleRate, float pitchHz, float decaySec);
    void reset() noexcept;
    void trigger(float velocity) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    WhiteNoise noise_;
    OnePole stickLp_;
    Declick declick_;
    float pitchHz_ = 100.f;
    float phase1_ = 0.f, phase2_ = 0.f, velocity_ = 0.f;
    float pitchEnv_ = 0.f, env1_ = 0.f, env2_ = 0.f, stickEnv_ = 0.f;
    float pitchCoef_ = 0.f, coef1_ = 0.f, coef2_ = 0.f, stickCoef_ = 0.f;
};

// Crash cymbal: metallic squares and noise above 4 kHz with a splash and a long wash.
// Heard only through the overheads, as on a real kit with no cymbal spot mics.
class Crash {
public:
    void prepare(double sampleRate);
    void reset() noexcept;
    void trigger(float velocity) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    WhiteNoise noise_;
    SquareCluster metal_;
    Svf hp1_, hp2_, lp_;
    SvfCoefs hpCoefs_, lpCoefs_;
    float washEnv_ = 0.f, splashEnv_ = 0.f, velocity_ = 0.f;
    float washCoef_ = 0.f, splashCoef_ = 0.f;
};

// ---- bass ----------------------------------------------------------------------------

// Finger bass: band-limited saw plus a sine at the fundamental, through a lowpass whose
// cutoff falls after each pluck. `gateSamples` is how long the finger holds the note.
class Bass {
public:
    void prepare(double sampleRate);
    void reset() noexcept;
    void noteOn(int midiNote, float velocity, int gateSamples) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    Envelope amp_;
    Svf lp_;
    float phase_ = 0.f, incTurns_ = 0.f, velocity_ = 0.f;
    float filterEnv_ = 0.f, filterCoef_ = 0.f;
    int gateSamples_ = 0;
};

// ---- plucked strings and guitars ----------------------------------------------------

// One Karplus–Strong string (Karplus & Strong 1983; tuning by a first-order allpass after
// Jaffe & Smith 1983). The loop filter is a one-pole lowpass set in Hz rather than KS's
// two-point average, so a string sounds the same at 44.1 and 192 kHz; its phase delay is
// subtracted when tuning. The delay line is sized in prepare() for `lowestHz`.
class PluckedString {
public:
    void prepare(double sampleRate, float lowestHz);
    void reset() noexcept;
    // Fills the loop with noise, lowpassed by `brightness` (0 dull..1 bright); the note
    // rings to -60 dB in `t60Sec`.
    void pluck(int midiNote, float velocity, float brightness, float t60Sec, Rng& rng) noexcept;
    void damp(float t60Sec) noexcept; // the fretting hand lets go: faster decay
    float process() noexcept;

private:
    double sr_ = 48000.0;
    std::vector<float> line_;
    int length_ = 0, pos_ = 0;
    float freqHz_ = 100.f, loss_ = 0.f, apCoef_ = 0.f, loopCoef_ = 1.f;
    float loopLp_ = 0.f, apIn_ = 0.f, apOut_ = 0.f;
};

// Six strings and a picking hand: strums sweep the strings low→high (down) or high→low
// (up) with a few milliseconds between strings; notes can be choked after a time
// (palm mutes, stabs).
class Guitar {
public:
    static constexpr int kStrings = 6;
    struct Stroke {
        float velocity = 1.f;
        float brightness = 0.7f;
        float t60Sec = 2.f;
        float spreadMs = 6.f;       // time between adjacent strings in a strum
        int chokeAfterSamples = -1; // -1: let ring
    };
    void prepare(double sampleRate, uint32_t seed);
    void reset() noexcept;
    void strum(const int (&notes)[kStrings], bool down, const Stroke& stroke) noexcept; // -1 = skip
    void pick(int string, int midiNote, const Stroke& stroke) noexcept;
    float process() noexcept;

private:
    struct Pending {
        int countdown = -1; // samples until the pick reaches this string
        int midiNote = 0;
        Stroke stroke;
    };
    double sr_ = 48000.0;
    uint32_t seed_ = 1;
    Rng rng_;
    PluckedString strings_[kStrings];
    Pending pending_[kStrings];
    int chokeCountdown_[kStrings] = {};
};

// ---- electric piano ------------------------------------------------------------------

// Tine piano by two-operator FM (Chowning 1973; the DX7 "E.Piano" idea): a 1:1 modulator
// whose index falls after the hammer strike, a quiet high partial for the tine's ping,
// and the suitcase's stereo tremolo.
class ElectricPiano {
public:
    static constexpr int kVoices = 10;
    void prepare(double sampleRate);
    void reset() noexcept;
    void noteOn(int midiNote, float velocity, int gateSamples) noexcept;
    void process(float& left, float& right) noexcept;

private:
    struct Voice {
        Envelope amp;
        float carrier = 0.f, modulator = 0.f, tine = 0.f, incTurns = 0.f;
        float index = 0.f, indexCoef = 0.f, tineEnv = 0.f, tineCoef = 0.f;
        float velocity = 0.f, gainL = 0.f, gainR = 0.f;
        int gateSamples = 0;
    };
    double sr_ = 48000.0;
    Voice voices_[kVoices];
    float tremoloPhase_ = 0.f, tremoloInc_ = 0.f;
};

// ---- singer --------------------------------------------------------------------------

enum class Vowel : uint8_t { A, E, I, O, U };

// Formant frequencies and bandwidths of the five vowels for one voice type (the Csound
// manual's appendix "Formant values"; its levels are not needed in a cascade).
struct FormantSet {
    static constexpr int kFormants = 4;
    float freqHz[5][kFormants];
    float bandwidthHz[5][kFormants];
};
extern const FormantSet kTenorFormants;
extern const FormantSet kAltoFormants;

// A sung voice: band-limited saw (the glottal pulse train) with breath noise, through a
// cascade of four formant resonators that glide between vowels (Klatt 1980: in cascade, each
// resonator passes the low harmonics at unity gain, so vowels keep their natural relative
// loudness, which parallel bandpasses lose when F1 falls between harmonics); legato pitch
// glide, delayed vibrato, and a short noise burst for consonants.
class Singer {
public:
    void prepare(double sampleRate, const FormantSet& formants, float vibratoHz, uint32_t seed);
    void reset() noexcept;
    void noteOn(int midiNote, Vowel vowel, float velocity, int gateSamples,
                bool consonant) noexcept;
    float process() noexcept;

private:
    double sr_ = 48000.0;
    const FormantSet* formants_ = nullptr;
    uint32_t seed_ = 1;
    WhiteNoise noise_;
    Envelope amp_;
    Svf formant_[FormantSet::kFormants];
    OnePole consonantHp_, breathLp_, tiltLp_, presenceHp_;
    float formantHz_[FormantSet::kFormants] = {}, formantTargetHz_[FormantSet::kFormants] = {};
    float formantQ_[FormantSet::kFormants] = {};
    float pitchNote_ = 60.f, targetNote_ = 60.f, glideCoef_ = 0.f, formantGlideCoef_ = 0.f;
    float phase_ = 0.f, vibratoPhase_ = 0.f, vibratoInc_ = 0.f, vibratoSemitones_ = 0.f;
    float driftPhase_ = 0.f, driftInc_ = 0.f;
    float velocity_ = 0.f, consonantEnv_ = 0.f, consonantCoef_ = 0.f;
    int gateSamples_ = 0, samplesSinceOnset_ = 0, vibratoDelaySamples_ = 0;
};

} // namespace hr::demo
