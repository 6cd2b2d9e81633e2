// ReferenceStrip: one channel strip written the plain way (scalar, one sample and one
// stage at a time), the yardstick the lane-wise StripBank is tested against. Same
// semantics as StripBank (see strip_bank.h): the same glides per tick, the same filter
// designs per coefficient tick, the same dynamics; different code. Not for real time.
#pragma once

#include "console/strip_bank.h"

#include <vector>

namespace hr {

class ReferenceStrip {
public:
    ReferenceStrip(const StripParams& p, double sampleRate); // starts settled at p
    void set(const StripParams& p);                          // new targets (between blocks)

    struct Out { float preEq, pre, post, mainL, mainR; };
    Out tick(float in);  // one sample of live input, at the strip's own sample clock

private:
    struct Glide { // the scalar twin of dsp::LaneRamp
        float cur = 0, step = 0, end = 0, target = 0;
        void snap() { cur = end = target; step = 0; }
        void startTick(const dsp::Smoothing& glide);
        float next() { const float v = cur; cur += step; return v; }
    };
    struct Section { // the bank's delta form, one lane (see dsp::BiquadLanes)
        float b0 = 1, db1 = 2, db2 = -1, da1 = 2, da2 = -1, s1 = 0, s2 = 0;
        void set(const dsp::BiquadDouble& c);
        float run(float x);
    };

    void designFilters(bool force);

    StripParams p_;
    double rate_;
    uint64_t time_ = 0;
    dsp::Smoothing gainGlide_, filterGlide_; // console/bank_util.h
    Glide trim_, fader_, panL_, panR_;
    std::vector<float> delay_;
    size_t write_ = 0;
    FilterGlide hpfGlide_, eqGlide_[kEqBands];
    Section hpf_[2], eq_[kEqBands];
    bool filterDirty_ = true;
    // gate
    float env_ = 0, hold_ = 0, gateDb_ = 0, detRelease_;
    // compressor
    float y1_ = 0, yL_ = 0;
};

} // namespace hr
