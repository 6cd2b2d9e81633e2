// Console: the FX slots and their returns.
//
//   bus B's output -> /fx/K (off | plate | hall | room: dsp::Reverb; delay: dsp::Echo)
//     -> a tick's ring -> /fxret/K: fader, mute, balance -> main's sum
//                                   send/B/level (pre-fader, muted with it) -> bus sums
//
// The ring: the slot writes this segment's output where it reads the return a tick later,
// so a return's sends can feed the bus that feeds its FX without a loop inside a segment.
// The units take that tick off their time (Echo's latency, the reverb's predelay), so a
// delay's repeat still lands on the sample its time names, at main and at the buses.
// A type (or a reverb's size) change fades the slot out over 10 ms, clears it, switches and
// fades in; every other change applies at once and tails ring on, across scene recalls too.
// Taps: /fx/K/tap set on, from any surface, is a tap at the block it arrives in; the engine
// takes it and sets the switch off again (so a learnt note taps on every press). Two within
// 3 s set /fx/K/tempo (or /fx/K/time while the division is off), written by the engine
// (Source::Engine) so every surface sees it.
#include "console/console.h"

#include "console/bank_util.h"

#include <algorithm>
#include <cmath>

namespace hr {

using dsp::kTick;

namespace {
constexpr double kSwitchFadeSeconds = 0.010;
constexpr double kMaxPredelayMs = 200.0;
constexpr double kTapWindowSeconds = 3.0, kTapMinSeconds = 0.06;

enum FxType { kOff = 0, kPlate, kHall, kRoom, kDelay };

} // namespace

void Console::prepareFx(double sampleRate) {
    fx_ = std::make_unique<FxSlot[]>(kFxSlots);
    for (int k = 0; k < kFxSlots; ++k) {
        fx_[k].reverb.prepare(sampleRate, kMaxPredelayMs);
        fx_[k].echo.prepare(sampleRate, kTick);
    }
    fxGlide_ = dsp::Smoothing::onePole(sampleRate, bank::kGainGlideSeconds, 1, bank::kGainTailPerSecond);
    fxFadeStep_ = static_cast<float>(1.0 / (kSwitchFadeSeconds * sampleRate));
}

// The slot becomes what the tree asks for, cleared: its tails end.
void Console::switchFx(FxSlot& f) noexcept {
    f.type = f.wanted;
    f.size = f.wantedSize;
    f.reverbParams.size = f.size;
    f.reverb.set(f.reverbParams);
    f.reverb.reset();
    f.echo.set(f.echoParams);
    f.echo.reset();
}

void Console::resetFx() noexcept {
    for (int k = 0; k < kFxSlots; ++k) {
        FxSlot& f = fx_[k];
        switchFx(f);
        f.fade = 1.0f;
        for (auto& side : f.ring) std::fill(std::begin(side), std::end(side), 0.0f);
        std::copy(std::begin(f.retTarget), std::end(f.retTarget), std::begin(f.retGain));
        std::copy(std::begin(f.sendTarget), std::end(f.sendTarget), std::begin(f.sendGain));
    }
}

void Console::readFx() noexcept {
    ParamStore& s = params();
    const int nb = config().buses();
    for (int k = 0; k < kFxSlots; ++k) {
        const FxIds& ids = tree_.fx[k];
        FxSlot& f = fx_[k];
        f.wanted = static_cast<int>(s.get(ids.type));
        const int in = static_cast<int>(s.get(ids.in));
        f.inBus = in >= 1 && in <= nb ? in - 1 : -1;
        const int reverbType = f.wanted == kHall ? 1 : f.wanted == kRoom ? 2 : 0; // dsp::ReverbType
        f.reverbParams.type = static_cast<dsp::ReverbType>(reverbType);
        f.reverbParams.decaySeconds = s.get(ids.decay);
        // The return is heard a tick late: the predelay gives that tick back where it can.
        f.reverbParams.predelayMs = std::max(0.0f, s.get(ids.predelay) - static_cast<float>(kTick * 1000.0 / sampleRate_));
        f.wantedSize = s.get(ids.size) / 100.0f;
        f.reverbParams.size = f.size; // a new size waits for the switch
        f.reverbParams.damping = s.get(ids.damping) / 100.0f;
        f.reverbParams.diffusion = s.get(ids.diffusion) / 100.0f;
        f.reverbParams.lowCutHz = f.echoParams.lowCutHz = s.get(ids.lowcut);
        f.reverbParams.highCutHz = f.echoParams.highCutHz = s.get(ids.highcut);
        const int division = static_cast<int>(s.get(ids.division));
        f.echoParams.timeMs = division > 0 ? static_cast<float>(60000.0 / s.get(ids.tempo) * divisionBeats(division)) : s.get(ids.time);
        f.echoParams.feedback = s.get(ids.feedback) / 100.0f;
        f.echoParams.pingPong = bank::on(s, ids.pingpong);
        if (f.type == f.wanted) { // same unit: the new settings now (a reverb keeps its size until a switch)
            f.reverb.set(f.reverbParams);
            f.echo.set(f.echoParams);
        }
        if (bank::on(s, ids.tap)) { // a tap: taken, and the switch put back for the next one
            tapFx(k, f);
            s.set(ids.tap, 0.0f, Source::Engine);
        }

        const FxReturnIds& r = tree_.fxReturns[k];
        const bool muted = bank::on(s, r.mute);
        const float fader = muted ? 0.0f : dbToGain(s.get(r.fader));
        const float balance = s.get(r.balance); // the far side turns down, the near side stays
        f.retTarget[0] = fader * std::min(1.0f, 1.0f - balance);
        f.retTarget[1] = fader * std::min(1.0f, 1.0f + balance);
        for (int b = 0; b < nb; ++b) f.sendTarget[b] = muted ? 0.0f : dbToGain(s.get(r.send[static_cast<size_t>(b)]));
    }
}

void Console::tapFx(int k, FxSlot& f) noexcept {
    const uint64_t now = now_;
    const double since = f.tapSeen ? double(now - f.lastTap) / sampleRate_ : 0.0;
    f.lastTap = now;
    f.tapSeen = true;
    if (since < kTapMinSeconds || since > kTapWindowSeconds) return; // the first tap of a new count
    ParamStore& s = params();
    const FxIds& ids = tree_.fx[k];
    if (s.get(ids.division) >= 0.5f) s.set(ids.tempo, s.spec(ids.tempo).clamp(static_cast<float>(60.0 / since)), Source::Engine);
    else s.set(ids.time, s.spec(ids.time).clamp(static_cast<float>(since * 1000.0)), Source::Engine);
}

void Console::addFxReturns(int n) noexcept {
    const int nb = config().buses();
    for (int k = 0; k < kFxSlots; ++k) {
        FxSlot& f = fx_[k];
        if (f.type == kOff && f.wanted == kOff) continue; // an empty slot's ring stays silent
        float ret[2][kTick];
        for (int side = 0; side < 2; ++side)
            for (int i = 0; i < n; ++i) ret[side][i] = f.ring[side][(now_ + static_cast<uint64_t>(i)) % kTick];
        // Main: through the return's fader and balance.
        for (int side = 0; side < 2; ++side) {
            const int lane = mainLane_ + side;
            dsp::LaneVec* in = masters_[static_cast<size_t>(lane / dsp::kLanes)]->input();
            float g = f.retGain[side];
            float peak = f.peak[side], sumSq = f.sumSq[side];
            for (int i = 0; i < n; ++i) {
                g = fxGlide_.next(g, f.retTarget[side]);
                const float y = ret[side][i] * g;
                in[i][lane % dsp::kLanes] += y;
                peak = std::max(peak, std::fabs(y));
                sumSq += y * y;
            }
            f.retGain[side] = g;
            f.peak[side] = peak;
            f.sumSq[side] = sumSq;
        }
        // The buses: a vocal reverb in the singer's wedge.
        for (int b = 0; b < nb; ++b) {
            float g = f.sendGain[b];
            const float target = f.sendTarget[b];
            if (g == 0.0f && target == 0.0f) continue;
            const bool stereo = config().busWidths[static_cast<size_t>(b)] == 2;
            dsp::LaneVec* inL = masters_[static_cast<size_t>((2 * b) / dsp::kLanes)]->input();
            dsp::LaneVec* inR = masters_[static_cast<size_t>((2 * b + 1) / dsp::kLanes)]->input();
            for (int i = 0; i < n; ++i) {
                g = fxGlide_.next(g, target);
                if (stereo) {
                    inL[i][(2 * b) % dsp::kLanes] += g * ret[0][i];
                    inR[i][(2 * b + 1) % dsp::kLanes] += g * ret[1][i];
                } else {
                    inL[i][(2 * b) % dsp::kLanes] += g * 0.5f * (ret[0][i] + ret[1][i]);
                }
            }
            f.sendGain[b] = g;
        }
    }
}

void Console::runFx(int offset, int n) noexcept {
    const size_t mb = static_cast<size_t>(maxBlock_);
    static const float kSilence[kTick] = {};
    for (int k = 0; k < kFxSlots; ++k) {
        FxSlot& f = fx_[k];
        if (f.type == kOff && f.wanted == kOff) continue;
        const float* l = kSilence;
        const float* r = kSilence;
        if (f.inBus >= 0) {
            l = &sig_[static_cast<size_t>(busSignalChoice(f.inBus)) * mb + static_cast<size_t>(offset)];
            r = config().busWidths[static_cast<size_t>(f.inBus)] == 2 ? l + mb : l;
        }
        float outL[kTick], outR[kTick];
        const bool switching = f.type != f.wanted || (f.type != kDelay && f.type != kOff && f.size != f.wantedSize);
        if (f.type == kDelay) {
            f.echo.process(l, r, outL, outR, n);
        } else if (f.type != kOff) {
            float mono[kTick];
            for (int i = 0; i < n; ++i) mono[i] = l == r ? l[i] : 0.5f * (l[i] + r[i]);
            f.reverb.process(mono, outL, outR, n);
        } else {
            std::fill(outL, outL + n, 0.0f);
            std::fill(outR, outR + n, 0.0f);
        }
        // A switch: fade out, clear and change, fade in.
        if (switching || f.fade < 1.0f) {
            for (int i = 0; i < n; ++i) {
                f.fade = switching ? std::max(0.0f, f.fade - fxFadeStep_) : std::min(1.0f, f.fade + fxFadeStep_);
                outL[i] *= f.fade;
                outR[i] *= f.fade;
            }
            if (switching && f.fade == 0.0f) {
                switchFx(f);
            }
        }
        for (int i = 0; i < n; ++i) {
            const size_t at = (now_ + static_cast<uint64_t>(i)) % kTick;
            f.ring[0][at] = outL[i];
            f.ring[1][at] = outR[i];
        }
        if (f.type == kOff && f.wanted == kOff) // switched off: nothing left to hear when it comes back
            for (auto& side : f.ring) std::fill(std::begin(side), std::end(side), 0.0f);
    }
}

void Console::publishFxMeters(int frames) noexcept {
    for (int k = 0; k < kFxSlots; ++k) {
        FxSlot& f = fx_[k];
        for (int side = 0; side < 2; ++side) {
            fxMeters_[k].out[side].publish(f.peak[side], f.sumSq[side], frames, ballistics_);
            f.peak[side] = f.sumSq[side] = 0.0f;
        }
    }
}

} // namespace hr
