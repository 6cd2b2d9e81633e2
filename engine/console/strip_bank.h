// StripBank: dsp::kLanes (16) channel strips processed lane-wise (DESIGN.md "Strip banks").
//
// channel strip: source -> trim/polarity -> delay -> HPF -> gate -> [pre-EQ tap]
//                -> EQ <-> compressor (order per lane) -> [pre-fader tap]
//                -> fader * mute -> [post-fader tap] -> pan -> main L/R
// Sends take one of the three taps per lane; a send's gain ramps fold in its level, its
// on switch and the channel's mute, so mute silences every send, pre or post, ramped.
// Filter parameters glide once per coefficient tick (kTick * kCoefTicks samples).
#pragma once

#include "console/tree.h"
#include "dsp/biquad.h"
#include "dsp/dynamics.h"
#include "dsp/lanes.h"
#include "dsp/noise.h"
#include "dsp/smoothing.h"

#include <cstdint>
#include <vector>

namespace hr {

constexpr int kCoefTicks = 2;  // filter coefficients move every 64 samples

// Everything a strip reads from the parameter tree, in natural units (audio thread copy).
struct StripParams {
    int input = 0;                 // 1-based interface input, 0 = none
    SourceKind source = SourceKind::Live;
    float oscFreqHz = 1000.0f, oscLevelDb = -18.0f;
    float trimDb = 0.0f;
    bool polarity = false;
    float delayMs = 0.0f;
    bool hpfOn = false;
    float hpfFreqHz = 80.0f;
    int hpfOrder = 2;
    bool gateOn = false, gateExpander = false;
    float gateThresholdDb = -50.0f, gateRangeDb = 40.0f, gateRatio = 2.0f;
    float gateAttackMs = 0.5f, gateHoldMs = 50.0f, gateReleaseMs = 150.0f;
    bool eqOn = true;
    bool bandOn[kEqBands] = {true, true, true, true};
    dsp::EqType bandType[kEqBands] = {dsp::EqType::LowShelf, dsp::EqType::Peak, dsp::EqType::Peak,
                                      dsp::EqType::HighShelf};
    float bandFreqHz[kEqBands] = {100.0f, 500.0f, 2000.0f, 8000.0f};
    float bandGainDb[kEqBands] = {0, 0, 0, 0};
    float bandQ[kEqBands] = {0.7f, 0.7f, 0.7f, 0.7f};
    bool compOn = false, autoMakeup = false;
    float compThresholdDb = -20.0f, compRatio = 3.0f, compKneeDb = 6.0f;
    float compAttackMs = 10.0f, compReleaseMs = 150.0f, compMakeupDb = 0.0f;
    bool compFirst = false;
    bool mute = false, solo = false, linked = false;
    float faderDb = 0.0f, pan = 0.0f;
};

struct SendParams { float levelDb; bool on; SendTap tap; float pan; };

// EQ/HPF parameters of one lane, gliding toward their targets at the coefficient tick.
struct FilterGlide {
    float freqLog2 = 0, gainDb = 0, qLog2 = 0;      // current
    float freqLog2T = 0, gainDbT = 0, qLog2T = 0;   // target
    bool moving = true;
    void setTarget(float freqHz, float gain, float q) noexcept;
    void snap() noexcept;
    bool step(const dsp::Smoothing& glide) noexcept; // true when the value moved (coefficients need redesign)
};

class StripBank {
public:
    // control thread: allocates. `bussesOut` = bus signals (mono 1, stereo 2 each).
    void prepare(int firstChannel, int lanes, const std::vector<int>& busWidths, double sampleRate);
    void reset() noexcept; // clears every state; ramps jump to their targets

    // audio thread: parameter changes, read once per block
    void setStrip(int lane, const StripParams& p) noexcept; // then setSend for every bus (mute folds into sends)
    void setSend(int lane, int bus, const SendParams& s) noexcept;
    void setSolo(int lane, bool solo, bool afl) noexcept;

    // audio thread, once per tick during a scene fade: the value the parameter must have at
    // the end of this tick; the lane's ramp reaches it exactly (follow mode).
    void fadeFader(int lane, float faderDb) noexcept;
    void fadePan(int lane, float pan) noexcept;
    void fadeSend(int lane, int bus, float levelDb, float pan) noexcept;
    void endFade() noexcept; // every ramp back to its own glide
    const SendParams& send(int lane, int bus) const noexcept { return sends_[static_cast<size_t>(lane) * busWidth_.size() + bus]; }

    // audio thread: one segment (n <= kTick) starting at absolute sample `time`.
    // in[k] points at interface input k (already offset to this segment).
    // play[k] is channel k's playback signal (offset to this segment), or null for silence.
    void process(const float* const* in, int numIn, const float* const* play, int n, uint64_t time,
                 dsp::LaneVec* busAcc, dsp::LaneVec* mainAcc, dsp::LaneVec* monitorAcc, bool soloActive) noexcept;
    // audio thread, after process(): one lane's record tap for this segment (input = the
    // source before trim, kept only while keepInputTap is set; post = after EQ/dynamics).
    void copyTap(int lane, bool post, float* dst, int n) const noexcept;
    void keepInputTap(bool on) noexcept { keepInput_ = on; }

    // audio thread, once per block: meters' block figures, then cleared.
    struct LaneMeters { float inPeak, inSumSq, outPeak, outSumSq, gateGrDb, compGrDb; };
    LaneMeters takeMeters(int lane) noexcept;

    int firstChannel() const { return first_; }
    int lanes() const { return lanes_; }

private:
    void fillSources(const float* const* in, int numIn, const float* const* play, int n) noexcept;
    void updateCoefficients(bool force) noexcept;
    void updateSendRamp(int lane, size_t bus, bool follow) noexcept;

    int first_ = 0, lanes_ = 0;
    double sampleRate_ = 48000.0;
    dsp::Smoothing gainGlide_, filterGlide_; // console/bank_util.h

    // sources
    int input_[dsp::kLanes] = {};
    SourceKind source_[dsp::kLanes] = {};
    double oscPhase_[dsp::kLanes] = {}, oscInc_[dsp::kLanes] = {};
    float oscGain_[dsp::kLanes] = {};
    dsp::WhiteNoise rng_[dsp::kLanes];
    dsp::PinkFilter pink_[dsp::kLanes];

    // processing
    dsp::LaneRamp trim_, fader_, mainL_, mainR_, soloL_, soloR_;
    dsp::DelayLanes delay_;
    dsp::BiquadLanes<2> hpf_;
    dsp::GateLanes gate_;
    dsp::BiquadLanes<kEqBands> eqPre_, eqPost_;
    dsp::CompressorLanes comp_;
    bool anyCompFirst_ = false, anyEqFirst_ = true, aflMode_ = false;

    // filter parameters (targets and glides)
    StripParams params_[dsp::kLanes];
    FilterGlide hpfGlide_[dsp::kLanes];
    FilterGlide eqGlide_[dsp::kLanes][kEqBands];
    bool filterDirty_ = true;

    // sends: per bus signal, one ramp per tap
    std::vector<int> busSignal_;              // first signal of each bus
    std::vector<int> busWidth_;
    std::vector<SendParams> sends_;           // [lane * buses + bus]
    std::vector<dsp::LaneRamp> sendRamps_;    // [signal * 3 + tap]
    int signals_ = 0;
    bool sendsMoving_ = true;                 // some send ramp still glides

    // taps and meters
    dsp::LaneBuf x_, preEq_, pre_, post_, inputTap_;
    bool keepInput_ = false;
    dsp::LaneVec inPeak_, inSumSq_, outPeak_, outSumSq_;
};

} // namespace hr
