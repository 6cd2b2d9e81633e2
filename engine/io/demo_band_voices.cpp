// The demo band's instruments (see demo_band_voices.h for what each one models).
//
// Sections: helpers · bass · plucked strings and guitars · electric piano · singer.
// The drums are in demo_band_drums.cpp.
#include "io/demo_band_voices.h"

#include <algorithm>

namespace hr::demo {

namespace {
constexpr float kTwoPi = 6.28318531f;
} // namespace

// ---- helpers -------------------------------------------------------------------------

static SvfCoefs svfFromG(float g, float q) noexcept {
    SvfCoefs c;
    c.k = 1.f / q;
    c.a1 = 1.f / (1.f + g * (g + c.k));
    c.a2 = g * c.a1;
    c.a3 = g * c.a2;
    return c;
}

SvfCoefs svfCoefs(float freqHz, float q, double sampleRate) noexcept {
    const double nyquistSafeHz = std::min(double(freqHz), 0.49 * sampleRate);
    return svfFromG(float(std::tan(3.14159265358979 * nyquistSafeHz / sampleRate)), q);
}

SvfCoefs svfCoefsFast(float freqHz, float q, double sampleRate) noexcept {
    // tan(x) by its series to x^7: within 0.2 % for x < 0.5 (cutoffs below sampleRate / 6),
    // which covers the moving filters (bass ≤ 2.5 kHz, formants ≤ 4 kHz at 44.1 kHz).
    const float x = std::min(float(3.14159265 * freqHz / sampleRate), 0.7f);
    const float x2 = x * x;
    const float g = x * (1.f + x2 * (1.f / 3 + x2 * (2.f / 15 + x2 * (17.f / 315))));
    return svfFromG(g, q);
}

void DelayLine::reset() noexcept {
    std::fill(buffer_.begin(), buffer_.end(), 0.f);
    pos_ = 0;
}

float DelayLine::process(float x, int delaySamples) noexcept {
    const int size = int(buffer_.size());
    if (size == 0) return x;
    buffer_[size_t(pos_)] = x;
    int read = pos_ - std::clamp(delaySamples, 0, size - 1);
    if (read < 0) read += size;
    pos_ = pos_ + 1 == size ? 0 : pos_ + 1;
    return buffer_[size_t(read)];
}

void Envelope::prepare(double sampleRate, float attackMs, float decayMs, float sustain,
                       float releaseMs) {
    // The attack aims past 1 (at 1.3, as an analog generator's capacitor does) so that it
    // reaches 1 in `attackMs` and turns into the decay with a knee rather than a corner.
    const double attackSamples = std::max(1.0, attackMs * 1e-3 * sampleRate);
    attackCoef_ = float(1.0 - std::exp(std::log(1.0 - 1.0 / 1.3) / attackSamples));
    decayCoef_ = decayCoef(decayMs * 1e-3f, sampleRate);
    releaseCoef_ = decayCoef(releaseMs * 1e-3f, sampleRate);
    sustain_ = sustain;
}

float Envelope::next() noexcept {
    switch (stage_) {
    case Stage::Idle:
        return 0.f;
    case Stage::Attack:
        level_ += (1.3f - level_) * attackCoef_;
        if (level_ >= 1.f) {
            level_ = 1.f;
            stage_ = Stage::Decay;
        }
        break;
    case Stage::Decay:
        level_ = sustain_ + (level_ - sustain_) * decayCoef_;
        break;
    case Stage::Release:
        level_ *= releaseCoef_;
        break;
    }
    if (stage_ != Stage::Attack && level_ < kSilent) {
        level_ = 0.f;
        stage_ = Stage::Idle;
    }
    return level_;
}

// ---- bass ----------------------------------------------------------------------------

void Bass::prepare(double sampleRate) {
    sr_ = sampleRate;
    amp_.prepare(sr_, 4.f, 900.f, 0.55f, 45.f);
    filterCoef_ = decayCoef(0.15f, sr_);
}

void Bass::reset() noexcept {
    amp_.reset();
    lp_.reset();
    phase_ = incTurns_ = velocity_ = filterEnv_ = 0.f;
    gateSamples_ = 0;
}

void Bass::noteOn(int midiNote, float velocity, int gateSamples) noexcept {
    incTurns_ = float(midiToHz(float(midiNote)) / sr_);
    velocity_ = velocity;
    gateSamples_ = gateSamples;
    filterEnv_ = 1.f;
    amp_.noteOn(); // phase runs on: a new note starts from where the string is, no click
}

float Bass::process() noexcept {
    if (gateSamples_ > 0 && --gateSamples_ == 0) amp_.noteOff();
    const float env = amp_.next();
    if (!amp_.active()) return 0.f;
    phase_ = advancePhase(phase_, incTurns_);
    const float saw = 2.f * phase_ - 1.f - polyBlep(phase_, incTurns_);
    const float cutoffHz = 220.f + 1600.f * velocity_ * filterEnv_;
    filterEnv_ *= filterCoef_;
    const float low = lp_.process(saw, svfCoefsFast(cutoffHz, 0.9f, sr_)).low;
    return (0.8f * low + 0.7f * sinTurns(phase_)) * env * velocity_;
}

// ---- plucked strings and guitars ----------------------------------------------------

void PluckedString::prepare(double sampleRate, float lowestHz) {
    sr_ = sampleRate;
    line_.assign(size_t(sampleRate / lowestHz) + 4, 0.f);
}

void PluckedString::reset() noexcept {
    std::fill(line_.begin(), line_.end(), 0.f);
    length_ = pos_ = 0;
    loopLp_ = apIn_ = apOut_ = 0.f;
}

void PluckedString::pluck(int midiNote, float velocity, float brightness, float t60Sec,
                          Rng& rng) noexcept {
    freqHz_ = midiToHz(float(midiNote));
    // Loop lowpass from dull (palm on the strings, 700 Hz) to bright (new strings, 8 kHz).
    const double cutoffHz = 700.0 * std::pow(11.5, double(std::clamp(brightness, 0.f, 1.f)));
    const double a = std::exp(-6.283185307 * cutoffHz / sr_);
    loopCoef_ = float(1.0 - a);
    // Tuning: loop delay = N (line) + the lowpass's phase delay + the allpass's fraction.
    const double w = 6.283185307 * freqHz_ / sr_;
    const double lowpassDelay = std::atan2(a * std::sin(w), 1.0 - a * std::cos(w)) / w;
    const double wanted = sr_ / freqHz_ - lowpassDelay;
    length_ = std::clamp(int(wanted - 0.1), 2, int(line_.size()));
    const double frac = wanted - length_;
    apCoef_ = float((1.0 - frac) / (1.0 + frac));
    loss_ = float(std::pow(10.0, -3.0 / (double(t60Sec) * freqHz_))); // per trip round the loop

    // Excitation: noise shaped by the pick (brightness), without DC (which would never decay).
    const float pickCoef = loopCoef_;
    float z = 0.f, sum = 0.f;
    for (int i = 0; i < length_; ++i) {
        z += pickCoef * (rng.bipolar() - z);
        line_[size_t(i)] = z;
        sum += z;
    }
    const float mean = sum / float(length_);
    float energy = 0.f;
    for (int i = 0; i < length_; ++i) {
        line_[size_t(i)] -= mean;
        energy += line_[size_t(i)] * line_[size_t(i)];
    }
    const float scale = velocity / std::sqrt(energy / float(length_) + 1e-12f);
    for (int i = 0; i < length_; ++i)
        line_[size_t(i)] *= 0.3f * scale;
    pos_ = 0;
    loopLp_ = apIn_ = apOut_ = 0.f;
}

void PluckedString::damp(float t60Sec) noexcept {
    loss_ = std::min(loss_, float(std::pow(10.0, -3.0 / (double(t60Sec) * freqHz_))));
}

float PluckedString::process() noexcept {
    if (length_ == 0) return 0.f;
    const float x = line_[size_t(pos_)];
    loopLp_ += loopCoef_ * (x - loopLp_);
    const float ap = apCoef_ * loopLp_ + apIn_ - apCoef_ * apOut_;
    apIn_ = loopLp_;
    apOut_ = ap;
    line_[size_t(pos_)] = ap * loss_;
    pos_ = pos_ + 1 == length_ ? 0 : pos_ + 1;
    return x;
}

void Guitar::prepare(double sampleRate, uint32_t seed) {
    sr_ = sampleRate;
    seed_ = seed;
    for (auto& s : strings_)
        s.prepare(sampleRate, 70.f); // below the low E (82 Hz)
}

void Guitar::reset() noexcept {
    rng_.seed(seed_);
    for (auto& s : strings_)
        s.reset();
    for (auto& p : pending_)
        p.countdown = -1;
    std::fill(std::begin(chokeCountdown_), std::end(chokeCountdown_), -1);
}

void Guitar::strum(const int (&notes)[kStrings], bool down, const Stroke& stroke) noexcept {
    const int spreadSamples = int(stroke.spreadMs * 1e-3 * sr_);
    int order = 0;
    for (int i = 0; i < kStrings; ++i) {
        const int string = down ? i : kStrings - 1 - i;
        if (notes[string] < 0) continue;
        Pending& p = pending_[string];
        p.countdown = order++ * spreadSamples;
        p.midiNote = notes[string];
        p.stroke = stroke;
    }
}

void Guitar::pick(int string, int midiNote, const Stroke& stroke) noexcept {
    if (string < 0 || string >= kStrings) return;
    pending_[string] = {0, midiNote, stroke};
}

float Guitar::process() noexcept {
    float sum = 0.f;
    for (int i = 0; i < kStrings; ++i) {
        Pending& p = pending_[i];
        if (p.countdown == 0) {
            strings_[i].pluck(p.midiNote, p.stroke.velocity, p.stroke.brightness, p.stroke.t60Sec,
                              rng_);
            chokeCountdown_[i] = p.stroke.chokeAfterSamples;
        }
        if (p.countdown >= 0) --p.countdown;
        if (chokeCountdown_[i] > 0 && --chokeCountdown_[i] == 0) strings_[i].damp(0.05f);
        sum += strings_[i].process();
    }
    return sum;
}

// ---- electric piano ------------------------------------------------------------------

void ElectricPiano::prepare(double sampleRate) {
    sr_ = sampleRate;
    for (auto& v : voices_)
        v.amp.prepare(sr_, 2.f, 1600.f, 0.f, 220.f);
    tremoloInc_ = float(3.6 / sr_); // suitcase vibrato rate
}

void ElectricPiano::reset() noexcept {
    for (auto& v : voices_) {
        v.amp.reset();
        v.gateSamples = 0;
    }
    tremoloPhase_ = 0.f;
}

void ElectricPiano::noteOn(int midiNote, float velocity, int gateSamples) noexcept {
    Voice* voice = &voices_[0]; // a free voice, else the quietest
    for (auto& v : voices_) {
        if (!v.amp.active()) {
            voice = &v;
            break;
        }
        if (v.amp.level() < voice->amp.level()) voice = &v;
    }
    Voice& v = *voice;
    v.incTurns = float(midiToHz(float(midiNote)) / sr_);
    v.carrier = v.modulator = v.tine = 0.f;
    v.velocity = velocity;
    v.index = 0.6f + 2.2f * velocity; // harder hammer, more bark
    v.indexCoef = decayCoef(0.35f, sr_);
    v.tineEnv = velocity * velocity;
    v.tineCoef = decayCoef(0.025f, sr_);
    const float pan = std::clamp((float(midiNote) - 57.f) / 24.f, -0.6f, 0.6f); // low keys left
    v.gainL = std::sqrt(0.5f * (1.f - pan));
    v.gainR = std::sqrt(0.5f * (1.f + pan));
    v.gateSamples = gateSamples;
    v.amp.noteOn();
}

void ElectricPiano::process(float& left, float& right) noexcept {
    left = right = 0.f;
    for (auto& v : voices_) {
        if (!v.amp.active()) continue;
        if (v.gateSamples > 0 && --v.gateSamples == 0) v.amp.noteOff();
        const float env = v.amp.next();
        const float mod = sinTurns(v.modulator) * v.index * (1.f / kTwoPi);
        const float y = (sinTurns(v.carrier + mod) + 0.2f * sinTurns(v.tine) * v.tineEnv) * env;
        left += y * v.velocity * v.gainL;
        right += y * v.velocity * v.gainR;
        v.carrier = advancePhase(v.carrier, v.incTurns);
        v.modulator = advancePhase(v.modulator, v.incTurns);
        v.tine = advancePhase(v.tine, std::min(7.f * v.incTurns, 0.45f));
        v.index = 0.3f + (v.index - 0.3f) * v.indexCoef;
        v.tineEnv *= v.tineCoef;
    }
    const float tremolo = 0.35f * sinTurns(tremoloPhase_);
    tremoloPhase_ = advancePhase(tremoloPhase_, tremoloInc_);
    left *= 1.f + tremolo;
    right *= 1.f - tremolo;
}

// ---- singer --------------------------------------------------------------------------

// Vowels in the order of Vowel (A E I O U); Csound manual, appendix "Formant values".
// clang-format off
const FormantSet kTenorFormants = {
    {{650, 1080, 2650, 2900}, {400, 1700, 2600, 3200}, {290, 1870, 2800, 3250},
     {400, 800, 2600, 2800}, {350, 600, 2700, 2900}},
    {{80, 90, 120, 130}, {70, 80, 100, 120}, {40, 90, 100, 120}, {40, 80, 100, 120},
     {40, 60, 100, 120}}};
const FormantSet kAltoFormants = {
    {{800, 1150, 2800, 3500}, {400, 1600, 2700, 3300}, {350, 1700, 2700, 3700},
     {450, 800, 2830, 3500}, {325, 700, 2530, 3500}},
    {{80, 90, 120, 130}, {60, 80, 120, 150}, {50, 100, 120, 150}, {70, 80, 100, 130},
     {50, 60, 170, 180}}};
// clang-format on

void Singer::prepare(double sampleRate, const FormantSet& formants, float vibratoHz,
                     uint32_t seed) {
    sr_ = sampleRate;
    noise_.prepare(sr_);
    formants_ = &formants;
    seed_ = seed;
    amp_.prepare(sr_, 40.f, 4000.f, 0.8f, 80.f);
    glideCoef_ = 1.f - decayCoef(0.025f, sr_);        // portamento between legato notes
    formantGlideCoef_ = 1.f - decayCoef(0.030f, sr_); // the mouth moves between vowels
    vibratoInc_ = float(vibratoHz / sr_);
    vibratoSemitones_ = 0.3f;
    driftInc_ = float(0.37 / sr_);
    vibratoDelaySamples_ = int(0.18 * sr_); // singers start a long note straight
    consonantCoef_ = decayCoef(0.012f, sr_);
    consonantHp_.setCutoff(4000.f, sr_);
    breathLp_.setCutoff(5000.f, sr_);
    // A saw falls 6 dB/oct like the glottal flow derivative, which already includes the lips'
    // radiation; this only softens the buzz above the formants.
    tiltLp_.setCutoff(6000.f, sr_);
    presenceHp_.setCutoff(2000.f, sr_);
}

void Singer::reset() noexcept {
    noise_.seed(seed_);
    amp_.reset();
    for (auto& f : formant_)
        f.reset();
    consonantHp_.reset(), breathLp_.reset(), tiltLp_.reset(), presenceHp_.reset();
    phase_ = vibratoPhase_ = driftPhase_ = velocity_ = consonantEnv_ = 0.f;
    gateSamples_ = samplesSinceOnset_ = 0;
}

void Singer::noteOn(int midiNote, Vowel vowel, float velocity, int gateSamples,
                    bool consonant) noexcept {
    const bool fromSilence = amp_.level() < 0.05f;
    targetNote_ = float(midiNote);
    if (fromSilence) pitchNote_ = targetNote_ - 0.4f; // a small scoop up into the note
    const int v = int(vowel);
    const float f0Hz = midiToHz(targetNote_);
    for (int i = 0; i < FormantSet::kFormants; ++i) {
        formantTargetHz_[i] = formants_->freqHz[v][i];
        if (fromSilence) formantHz_[i] = formantTargetHz_[i];
        // At least 0.35·f0 wide: on high notes a narrow formant would make the one harmonic
        // that meets it ring out alone, whistling as the vibrato sweeps it.
        formantQ_[i] = formantTargetHz_[i] / std::max(formants_->bandwidthHz[v][i], 0.35f * f0Hz);
    }
    velocity_ = velocity;
    gateSamples_ = gateSamples;
    samplesSinceOnset_ = 0;
    if (consonant) consonantEnv_ = 1.f;
    amp_.noteOn();
}

float Singer::process() noexcept {
    if (gateSamples_ > 0 && --gateSamples_ == 0) amp_.noteOff();
    const float env = amp_.next();
    if (!amp_.active() && consonantEnv_ < kSilent) return 0.f;

    pitchNote_ += (targetNote_ - pitchNote_) * glideCoef_;
    const float ramp = std::clamp(float(samplesSinceOnset_ - vibratoDelaySamples_) /
                                      float(vibratoDelaySamples_ * 2),
                                  0.f, 1.f);
    ++samplesSinceOnset_;
    const float note = pitchNote_ + vibratoSemitones_ * ramp * sinTurns(vibratoPhase_) +
                       0.06f * sinTurns(driftPhase_);
    vibratoPhase_ = advancePhase(vibratoPhase_, vibratoInc_);
    driftPhase_ = advancePhase(driftPhase_, driftInc_);

    const float inc = std::min(float(midiToHz(note) / sr_), 0.25f);
    phase_ = advancePhase(phase_, inc);
    const float saw = 2.f * phase_ - 1.f - polyBlep(phase_, inc);
    const float source = tiltLp_.lowpass(saw) + 0.15f * breathLp_.lowpass(noise_.next());

    float voice = source;
    for (int i = 0; i < FormantSet::kFormants; ++i) {
        formantHz_[i] += (formantTargetHz_[i] - formantHz_[i]) * formantGlideCoef_;
        const SvfCoefs c = svfCoefsFast(formantHz_[i], formantQ_[i], sr_);
        voice = formant_[i].process(voice, c).low;
    }
    // Four resonators alone sound dull above F2: a singer's 3 kHz cluster and a vocal mic's
    // presence peak lift that region, here by 8 dB above 2 kHz.
    voice += 1.5f * presenceHp_.highpass(voice);
    const float consonant = consonantHp_.highpass(noise_.next()) * consonantEnv_;
    consonantEnv_ *= consonantCoef_;
    // The cascade's gain at F1 is its Q (about 20 dB): scale back to around full scale.
    return velocity_ * (0.1f * voice * env + 0.2f * consonant);
}

} // namespace hr::demo
