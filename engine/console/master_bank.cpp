#include "console/master_bank.h"

#include "console/bank_util.h"
#include "dsp/fastmath.h"
#include "params/spec.h"

namespace hr {

using dsp::kLanes;
using dsp::kTick;
using namespace bank;

void MasterBank::prepare(double sampleRate) {
    sampleRate_ = sampleRate;
    gainGlide_ = gainGlide(sampleRate);
    filterGlide_ = filterGlide(sampleRate);
    delay_.prepare(static_cast<int>(std::ceil(0.5 * sampleRate)));
    for (int l = 0; l < kLanes; ++l) setMaster(l, MasterParams{});
    reset();
}

void MasterBank::reset() noexcept {
    gain_.snap();
    eq_.reset();
    comp_.reset();
    delay_.reset();
    for (auto& lane : eqGlide_)
        for (auto& g : lane) g.snap();
    inPeak_ = inSumSq_ = outPeak_ = outSumSq_ = dsp::LaneVec{};
    updateCoefficients(true);
}

void MasterBank::setMaster(int lane, const MasterParams& p) noexcept {
    for (int b = 0; b < kEqBands; ++b) {
        const float gain = (p.eqOn && p.bandOn[b]) ? p.bandGainDb[b] : 0.0f;
        eqGlide_[lane][b].setTarget(p.bandFreqHz[b], gain, p.bandQ[b]);
        if (params_[lane].bandType[b] != p.bandType[b]) eqGlide_[lane][b].moving = true; // redesign
    }
    params_[lane] = p;
    filterDirty_ = true;
    setCompressorLane(comp_, lane, p, sampleRate_);
    gain_.setTarget(lane, p.mute ? 0.0f : dbToGain(p.faderDb));
    delay_.setDelay(lane, static_cast<int>(std::lround(p.delayMs * 0.001 * sampleRate_)));
}

void MasterBank::fadeFader(int lane, float faderDb) noexcept {
    params_[lane].faderDb = faderDb;
    const bool silent = params_[lane].mute || std::isinf(faderDb);
    gain_.setTarget(lane, silent ? 0.0f : dsp::fastDbToGain(faderDb));
    gain_.setFollow(lane, true);
}

void MasterBank::updateCoefficients(bool force) noexcept {
    bool moving = false;
    for (int l = 0; l < kLanes; ++l)
        for (int b = 0; b < kEqBands; ++b) {
            FilterGlide& g = eqGlide_[l][b];
            if (!g.step(filterGlide_) && !force) continue;
            eq_.set(b, l, eqSection(g, params_[l].bandType[b], sampleRate_));
            moving = moving || g.moving;
        }
    eq_.updateActive();
    filterDirty_ = moving;
}

void MasterBank::process(int n, uint64_t time) noexcept {
    if (time % kTick == 0) gain_.tick(gainGlide_);
    if (filterDirty_ && time % (kTick * kCoefTicks) == 0) updateCoefficients(false);
    accumulateLevel(x_, n, inPeak_, inSumSq_);
    eq_.process(x_, n);
    if (comp_.any()) comp_.process(x_, n);
    std::copy(x_, x_ + n, pre_);
    dsp::scaleRamp(x_, gain_, n);
    delay_.process(x_, n);
    accumulateLevel(x_, n, outPeak_, outSumSq_);
}

MasterBank::LaneMeters MasterBank::takeMeters(int lane) noexcept {
    LaneMeters m{inPeak_[lane], inSumSq_[lane], outPeak_[lane], outSumSq_[lane], comp_.grMaxDb[lane]};
    inPeak_[lane] = inSumSq_[lane] = outPeak_[lane] = outSumSq_[lane] = 0.0f;
    comp_.grMaxDb[lane] = 0.0f;
    return m;
}

} // namespace hr
