// MasterBank: up to dsp::kLanes bus or main signals processed lane-wise, as the strips are.
//
// bus / main: sum -> EQ -> compressor/limiter -> mute -> fader -> output delay
// A stereo bus (and main) occupies an even/odd lane pair whose compressor detectors are
// linked, so the image does not shift when one side is louder.
#pragma once

#include "console/strip_bank.h"

namespace hr {

struct MasterParams {
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
    bool mute = false, linked = false;
    float faderDb = 0.0f, delayMs = 0.0f;
};

class MasterBank {
public:
    void prepare(double sampleRate);                          // control thread: allocates
    void reset() noexcept;                                    // clears state, ramps jump
    void setMaster(int lane, const MasterParams& p) noexcept; // audio thread, once per block
    void setUsed(int lane, bool used) noexcept { used_[lane] = used; }
    void fadeFader(int lane, float faderDb) noexcept; // audio thread, per tick of a scene fade
    void endFade() noexcept { gain_.follow = dsp::LaneVec{}; }

    // audio thread: input() is filled by the console, then process() runs the segment.
    dsp::LaneVec* input() noexcept { return x_; }
    void process(int n, uint64_t time) noexcept;
    const dsp::LaneVec* output() const noexcept { return x_; }
    const dsp::LaneVec* preFader() const noexcept { return pre_; }

    struct LaneMeters { float inPeak, inSumSq, outPeak, outSumSq, compGrDb; };
    LaneMeters takeMeters(int lane) noexcept;

private:
    void updateCoefficients(bool force) noexcept;

    double sampleRate_ = 48000.0;
    dsp::Smoothing gainGlide_, filterGlide_; // console/bank_util.h
    MasterParams params_[dsp::kLanes];
    bool used_[dsp::kLanes] = {};
    FilterGlide eqGlide_[dsp::kLanes][kEqBands];
    bool filterDirty_ = true;
    dsp::BiquadLanes<kEqBands> eq_;
    dsp::CompressorLanes comp_;
    dsp::LaneRamp gain_;
    dsp::DelayLanes delay_;
    dsp::LaneBuf x_, pre_;
    dsp::LaneVec inPeak_, inSumSq_, outPeak_, outSumSq_;
};

} // namespace hr
