// Console: the matrix outputs. Each of the 8 is a mix of main L/R and the bus outputs (after
// their masters, the talkback dim and talk to main), each source at its own level, through a
// MasterBank of their own: 4-band EQ, a limiter, mute, fader and up to 500 ms of delay, for
// delay towers, fills and feeds to a broadcast truck. A mono matrix takes a stereo source as
// (L + R) / 2; a stereo matrix takes a mono bus on both sides.
#include "console/console.h"

#include "console/bank_util.h"

#include <algorithm>
#include <cmath>

namespace hr {

using dsp::kLanes;
using dsp::kTick;

namespace {
constexpr float kLimiterAttackMs = 0.5f; // fast, so peaks pass the threshold by little
}

void Console::prepareMatrices(double sampleRate) {
    matrixBank_ = std::make_unique<MasterBank>();
    matrixBank_->prepare(sampleRate);
    int signal = 0;
    for (int m = 0; m < kMatrices; ++m) {
        matrixSignal_[m] = signal;
        signal += config().matrixWidths[static_cast<size_t>(m)];
    }
    // Source levels glide as a send's do: 10 ms, stepped every sample.
    mtxGlide_ = dsp::Smoothing::onePole(sampleRate, bank::kGainGlideSeconds, 1, bank::kGainTailPerSecond);
}

void Console::readMatrices() noexcept {
    const ParamStore& s = params();
    for (int m = 0; m < kMatrices; ++m) {
        const MatrixIds& x = tree_.matrices[m];
        const bool stereo = config().matrixWidths[static_cast<size_t>(m)] == 2;
        MasterParams p;
        bank::readEq(s, x.eqOn, x.eq, p);
        p.compOn = bank::on(s, x.limitOn);
        p.compThresholdDb = s.get(x.limitThreshold);
        p.compRatio = INFINITY; // a limiter: nothing passes the threshold once it has caught up
        p.compKneeDb = 0.0f;
        p.compAttackMs = kLimiterAttackMs;
        p.compReleaseMs = s.get(x.limitRelease);
        p.mute = bank::on(s, x.mute);
        p.faderDb = s.get(x.fader);
        p.delayMs = s.get(x.delay);
        p.linked = stereo;
        for (int side = 0; side < 2; ++side) {
            matrixBank_->setMaster(2 * m + side, p);
            matrixBank_->setUsed(2 * m + side, side == 0 || stereo);
        }
        mtxTarget_[m][0] = dbToGain(s.get(x.srcMain));
        for (int b = 0; b < config().buses(); ++b) mtxTarget_[m][1 + b] = dbToGain(s.get(x.srcBus[static_cast<size_t>(b)]));
    }
}

void Console::runMatrices(int offset, int n) noexcept {
    const size_t mb = static_cast<size_t>(maxBlock_);
    auto planar = [&](int choice) { return &sig_[static_cast<size_t>(choice) * mb + static_cast<size_t>(offset)]; };
    dsp::LaneVec* in = matrixBank_->input();
    std::fill(in, in + n, dsp::LaneVec{});
    const int nb = config().buses();
    for (int m = 0; m < kMatrices; ++m) {
        const bool stereo = config().matrixWidths[static_cast<size_t>(m)] == 2;
        for (int k = 0; k <= nb; ++k) {
            float g = mtxGain_[m][k];
            const float target = mtxTarget_[m][k];
            if (g == 0.0f && target == 0.0f) continue; // not in this mix
            const float *l, *r;
            if (k == 0) {
                l = planar(1);
                r = planar(2);
            } else {
                const int b = k - 1;
                l = planar(busSignalChoice(b));
                r = config().busWidths[static_cast<size_t>(b)] == 2 ? l + mb : l; // the bus's R is the next signal
            }
            if (stereo) {
                for (int i = 0; i < n; ++i) {
                    g = mtxGlide_.next(g, target);
                    in[i][2 * m] += g * l[i];
                    in[i][2 * m + 1] += g * r[i];
                }
            } else if (l != r) {
                for (int i = 0; i < n; ++i) {
                    g = mtxGlide_.next(g, target);
                    in[i][2 * m] += g * 0.5f * (l[i] + r[i]);
                }
            } else {
                for (int i = 0; i < n; ++i) {
                    g = mtxGlide_.next(g, target);
                    in[i][2 * m] += g * l[i];
                }
            }
            mtxGain_[m][k] = g;
        }
    }
    matrixBank_->process(n, now_);
    const dsp::LaneVec* out = matrixBank_->output();
    for (int m = 0; m < kMatrices; ++m)
        for (int side = 0; side < config().matrixWidths[static_cast<size_t>(m)]; ++side) {
            float* dst = planar(matrixSignalChoice(m) + side);
            for (int i = 0; i < n; ++i) dst[i] = out[i][2 * m + side];
        }
}

void Console::publishMatrixMeters(int frames) noexcept {
    for (int m = 0; m < kMatrices; ++m) {
        MasterMeters& mm = matrixMeters_[m];
        float gr = 0.0f;
        for (int side = 0; side < config().matrixWidths[static_cast<size_t>(m)]; ++side) {
            const MasterBank::LaneMeters lm = matrixBank_->takeMeters(2 * m + side);
            mm.in[side].publish(lm.inPeak, lm.inSumSq, frames, ballistics_);
            mm.out[side].publish(lm.outPeak, lm.outSumSq, frames, ballistics_);
            gr = std::max(gr, lm.compGrDb);
        }
        mm.comp.publish(gr);
    }
}

} // namespace hr
