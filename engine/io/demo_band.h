// DemoBand: a synthesized band on 16 mono tracks, for machines with no audio interface.
//
// It feeds the console's inputs when there is nothing to plug in (CI, a laptop on a
// train) so that meters move and every feature can be tried, and it writes the multitrack
// WAV that `headroom render` mixes. It plays an 8-bar pop-rock loop at 112 BPM in G major
// (G–D–Em–C, four bars of verse then four of chorus), each instrument close-miked on its
// own channel at mic-pre level (peaks around -18..-6 dBFS), with a little bleed between
// the drum mics as on a real kit.
//
// Generated in code and deterministic: every noise source has a fixed seed, and the song
// advances one sample at a time, so two instances, or one instance fed blocks of 64 or of
// 37 frames, produce identical samples. The song and its channel levels are in
// demo_band.cpp; the instruments in demo_band_voices.{h,cpp} and demo_band_drums.cpp.
#pragma once

#include "io/demo_band_voices.h"

#include <cstdint>

namespace hr {

class DemoBand {
public:
    static constexpr int kChannels = 16;
    static constexpr double kTempoBpm = 112.0;
    static constexpr int kLoopBars = 8;

    static const char* channelName(int channel) noexcept; // any thread; 0-based; nullptr past 16

    void
    prepare(double sampleRate); // control thread; 44.1–192 kHz; sizes delay lines, then reset()
    void reset() noexcept;      // audio or control thread; top of the song, no tails
    // audio thread: writes `frames` samples to out[0..numChannels-1] (null pointers are
    // skipped); channels past 16 get silence, all of them before prepare().
    void process(float* const* out, int numChannels, int frames) noexcept;

    double sampleRate() const noexcept { return sampleRate_; } // any thread; 0 before prepare()
    double loopSeconds() const noexcept { return kLoopBars * 4 * 60.0 / kTempoBpm; } // ≈17.1 s

private:
    // A drum hit waiting for its moment: drummers play a few ms behind or ahead of the grid.
    struct PendingHit {
        int countdown = -1; // samples until it sounds; -1: none
        float velocity = 0.f;
        float decayMs = 0.f; // hi-hat only
    };
    enum Drum { Kick, Snare, Hat, RackTom, FloorTom, Cymbal, kDrums };

    void playStep(int loopStep) noexcept; // starts every note on this 16th
    void playDrums(int bar, int step) noexcept;
    void playGuitars(int bar, int step) noexcept;
    void playVocals(int loopStep) noexcept;
    void scheduleHit(Drum drum, float velocity, float lateMs, float decayMs = 0.f) noexcept;
    void renderFrame(float (&channels)[kChannels]) noexcept;
    int stepsToSamples(int steps) const noexcept; // a duration on the 16th grid
    float humanize(float velocity) noexcept;      // ±6 % so no two hits are identical

    double sampleRate_ = 0.0;
    double samplesPerStep_ = 0.0;       // one 16th note
    float channelGain_[kChannels] = {}; // each mic's pre gain, linear
    int64_t sampleIndex_ = 0;           // since the top of the song
    int64_t songStep_ = 0;              // 16ths since the top of the song
    int64_t nextStepSample_ = 0;
    demo::Rng feel_; // velocities and timing of the players

    demo::Kick kick_;
    demo::Snare snare_;
    demo::HiHat hat_;
    demo::Tom rackTom_, floorTom_;
    demo::Crash crash_;
    PendingHit pending_[kDrums];
    demo::DelayLine overheadFarL_, overheadFarR_; // the far overhead hears a source later
    demo::OnePole overheadHpL_, overheadHpR_;
    int overheadFarSamples_ = 0;

    demo::Bass bass_;
    demo::Guitar gtr1_, gtr2_, acoustic_;
    demo::OnePole gtr1CabLp1_, gtr1CabLp2_, gtr1Hp_, gtr2Lp_, acousticHp_;
    demo::Svf acousticBody_;
    demo::SvfCoefs acousticBodyCoefs_;
    demo::ElectricPiano keys_;
    demo::Singer lead_, bv1_, bv2_;
};

} // namespace hr
