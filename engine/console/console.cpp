// Console: set-up, reading the parameter tree, and the per-segment signal flow.
//
// Sections: construction and prepare, reading parameters (audio thread, once per block),
// process (chunks of maxBlock, segments of kTick), meters.
#include "console/console.h"

#include "console/bank_util.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <xmmintrin.h>

namespace hr {

using dsp::kLanes;
using dsp::kTick;

namespace {

// Flush denormals to zero for the scope (FTZ and DAZ), live and in render alike, so filter
// tails never fall into slow denormal arithmetic and output is the same everywhere.
class DenormalGuard {
public:
    DenormalGuard() : saved_(_mm_getcsr()) { _mm_setcsr(saved_ | 0x8040); }
    ~DenormalGuard() { _mm_setcsr(saved_); }

private:
    unsigned saved_;
};

constexpr double kOutputRampSeconds = 0.25;   // outputs fade in from silence over this, and out on panic
constexpr double kMonitorGlideSeconds = 0.010; // the monitor level's time constant

using bank::on;
using bank::readEq;

template <class P> void readComp(const ParamStore& s, const CompIds& c, P& p) {
    p.compOn = on(s, c.on);
    p.compThresholdDb = s.get(c.threshold);
    p.compRatio = s.get(c.ratio);
    p.compKneeDb = s.get(c.knee);
    p.compAttackMs = s.get(c.attack);
    p.compReleaseMs = s.get(c.release);
    p.compMakeupDb = s.get(c.makeup);
    p.autoMakeup = on(s, c.autoMakeup);
}

} // namespace

// ---- construction and prepare ------------------------------------------------------------

Console::Console(const ConsoleConfig& config) : tree_(config) {
    channelMeters_ = std::make_unique<StripMeters[]>(static_cast<size_t>(config.channels));
    busMeters_ = std::make_unique<MasterMeters[]>(static_cast<size_t>(std::max(1, config.buses())));
    buildFadeTable();
    prepare(config.sampleRate, config.blockSize);
}

Console::~Console() = default;

void Console::prepare(double sampleRate, int maxBlock) {
    const ConsoleConfig& cfg = config();
    sampleRate_ = sampleRate;
    maxBlock_ = std::max(1, maxBlock);
    ballistics_.sampleRate = sampleRate;
    outputRamp_ = dsp::Smoothing::linear(sampleRate, kOutputRampSeconds, 1);
    monitorGlide_ = dsp::Smoothing::onePole(sampleRate, kMonitorGlideSeconds, 1);

    busSignal_.clear();
    signals_ = 0;
    for (int w : cfg.busWidths) {
        busSignal_.push_back(signals_);
        signals_ += w;
    }
    strips_.clear();
    for (int first = 0; first < cfg.channels; first += kLanes) {
        auto bank = std::make_unique<StripBank>();
        bank->prepare(first, std::min(kLanes, cfg.channels - first), cfg.busWidths, sampleRate);
        strips_.push_back(std::move(bank));
    }
    mainLane_ = 2 * cfg.buses();
    masters_.clear();
    for (int lane = 0; lane < mainLane_ + 2; lane += kLanes) {
        auto bank = std::make_unique<MasterBank>();
        bank->prepare(sampleRate);
        masters_.push_back(std::move(bank));
    }

    busAcc_.assign(static_cast<size_t>(std::max(1, signals_)) * kTick, dsp::LaneVec{});
    sig_.assign(tree_.outputChoices.size() * static_cast<size_t>(maxBlock_), 0.0f);
    inPtrs_.assign(kMaxIo, nullptr);
    playBuf_.assign(static_cast<size_t>(cfg.channels) * static_cast<size_t>(maxBlock_), 0.0f);
    playPtrs_.assign(static_cast<size_t>(cfg.channels), nullptr);
    outChoice_.assign(static_cast<size_t>(cfg.outputs), 0);
    seenGen_.assign(tree_.ownerCount(), ~uint64_t{0});
    channelSolo_.assign(static_cast<size_t>(cfg.channels), 0);
    channelDirty_.assign(static_cast<size_t>(cfg.channels), 0);
    busSolo_.assign(static_cast<size_t>(cfg.buses()), 0);
    channelDcaDb_.assign(static_cast<size_t>(cfg.channels), 0.0f);
    channelGroupMute_.assign(static_cast<size_t>(cfg.channels), 0);
    busGroupMute_.assign(static_cast<size_t>(cfg.buses()), 0);
    talkBus_.assign(static_cast<size_t>(cfg.buses()), 0);
    genBus_.assign(static_cast<size_t>(cfg.buses()), 0);
    talkGen_.prepare(sampleRate);
    prepareMatrices(sampleRate);
    prepareFx(sampleRate);
    reset();
}

void Console::reset() {
    // Read every parameter, then let every glide jump to it: a reset console starts
    // exactly where its tree is, with no ramps from the previous state.
    std::fill(seenGen_.begin(), seenGen_.end(), ~uint64_t{0});
    readParams();
    for (auto& s : strips_) s->reset();
    for (auto& m : masters_) m->reset();
    talkGen_.reset();
    matrixBank_->reset();
    resetFx();
    std::copy(&mtxTarget_[0][0], &mtxTarget_[0][0] + kMatrices * (1 + kMaxBuses), &mtxGain_[0][0]);
    for (int c = 0; c < config().channels; ++c) {
        channelMeters_[c].in.reset();
        channelMeters_[c].out.reset();
    }
    for (int b = 0; b < config().buses(); ++b)
        for (int s = 0; s < 2; ++s) {
            busMeters_[b].in[s].reset();
            busMeters_[b].out[s].reset();
        }
    monitorGain_ = monitorTarget_;
    now_ = 0;
    time_.store(0);
}

void Console::clearClips() {
    for (int c = 0; c < config().channels; ++c) {
        channelMeters_[c].in.clearClip();
        channelMeters_[c].out.clearClip();
    }
    auto clear = [](MasterMeters& m) {
        for (int s = 0; s < 2; ++s) {
            m.in[s].clearClip();
            m.out[s].clearClip();
        }
    };
    for (int b = 0; b < config().buses(); ++b) clear(busMeters_[b]);
    clear(mainMeters_);
    clear(monitorMeters_);
}

void Console::panic(bool on) { panic_.store(on); }

void Console::rampInOutputs() { rampIn_.store(true); }

// ---- reading parameters (audio thread) ------------------------------------------------

void Console::readChannel(int c) noexcept {
    const ParamStore& s = params();
    const ChannelIds& ids = tree_.channels[static_cast<size_t>(c)];
    StripParams p;
    p.input = static_cast<int>(s.get(ids.input));
    p.source = static_cast<SourceKind>(static_cast<int>(s.get(ids.source)));
    p.oscFreqHz = s.get(ids.oscFreq);
    p.oscLevelDb = s.get(ids.oscLevel);
    p.trimDb = s.get(ids.trim);
    p.polarity = on(s, ids.polarity);
    p.delayMs = s.get(ids.delay);
    p.hpfOn = on(s, ids.hpfOn);
    p.hpfFreqHz = s.get(ids.hpfFreq);
    p.hpfOrder = s.get(ids.hpfSlope) >= 0.5f ? 4 : 2;
    p.gateOn = on(s, ids.gateOn);
    p.gateExpander = s.get(ids.gateMode) >= 0.5f;
    p.gateThresholdDb = s.get(ids.gateThreshold);
    p.gateRangeDb = s.get(ids.gateRange);
    p.gateRatio = s.get(ids.gateRatio);
    p.gateAttackMs = s.get(ids.gateAttack);
    p.gateHoldMs = s.get(ids.gateHold);
    p.gateReleaseMs = s.get(ids.gateRelease);
    readEq(s, ids.eqOn, ids.eq, p);
    readComp(s, ids.comp, p);
    p.compFirst = s.get(ids.order) >= 0.5f;
    float dcaDb = 0.0f;
    bool groupMuted = false;
    channelGroups(c, &dcaDb, &groupMuted);
    channelDcaDb_[static_cast<size_t>(c)] = dcaDb;
    channelGroupMute_[static_cast<size_t>(c)] = groupMuted;
    p.mute = on(s, ids.mute) || groupMuted; // the channel's own mute stays in the tree
    p.faderDb = s.get(ids.fader) + dcaDb;   // its own fader never moves
    p.pan = s.get(ids.pan);
    p.solo = on(s, ids.solo);
    p.linked = on(s, tree_.channels[static_cast<size_t>(c & ~1)].link);
    channelSolo_[static_cast<size_t>(c)] = p.solo;

    StripBank& bank = *strips_[static_cast<size_t>(c / kLanes)];
    const int lane = c % kLanes;
    bank.setStrip(lane, p);
    for (int b = 0; b < config().buses(); ++b) {
        const SendIds& sd = ids.sends[static_cast<size_t>(b)];
        SendParams sp{s.get(sd.level), on(s, sd.on), static_cast<SendTap>(static_cast<int>(s.get(sd.tap))),
                      sd.pan == kNoParam ? 0.0f : s.get(sd.pan)};
        bank.setSend(lane, b, sp);
    }
}

void Console::readMaster(int index) noexcept {
    const ParamStore& s = params();
    const bool isMain = index == config().buses();
    const MasterIds& ids = isMain ? tree_.main : tree_.buses[static_cast<size_t>(index)];
    MasterParams p;
    readEq(s, ids.eqOn, ids.eq, p);
    readComp(s, ids.comp, p);
    if (!isMain) busGroupMute_[static_cast<size_t>(index)] = busGroupMuted(index);
    p.mute = on(s, ids.mute) || (!isMain && busGroupMute_[static_cast<size_t>(index)]);
    p.faderDb = s.get(ids.fader);
    p.delayMs = s.get(ids.delay);
    p.linked = isMain || config().busWidths[static_cast<size_t>(index)] == 2;
    if (!isMain) busSolo_[static_cast<size_t>(index)] = on(s, ids.solo);
    const int lane0 = isMain ? mainLane_ : 2 * index;
    const bool stereo = isMain || config().busWidths[static_cast<size_t>(index)] == 2;
    for (int side = 0; side < 2; ++side) {
        const int lane = lane0 + side;
        MasterBank& bank = *masters_[static_cast<size_t>(lane / kLanes)];
        bank.setMaster(lane % kLanes, p);
        bank.setUsed(lane % kLanes, side == 0 || stereo);
    }
}

void Console::readGlobal() noexcept {
    const ParamStore& s = params();
    afl_ = s.get(tree_.monitorMode) >= 0.5f;
    monitorTarget_ = dbToGain(s.get(tree_.monitorLevel));
    for (size_t k = 0; k < outChoice_.size(); ++k) outChoice_[k] = static_cast<int>(s.get(tree_.outputs[k]));
    const TalkIds& t = tree_.talk;
    talkGen_.setTalk(TalkParams{static_cast<int>(s.get(t.input)), on(s, t.on), s.get(t.level), s.get(t.dim)});
    talkMain_ = on(s, t.main);
    const GenIds& gn = tree_.gen;
    talkGen_.setGen(GenParams{static_cast<GenType>(static_cast<int>(s.get(gn.type))), s.get(gn.freq), s.get(gn.level)});
    genMain_ = on(s, gn.main);
    for (size_t b = 0; b < talkBus_.size(); ++b) {
        talkBus_[b] = on(s, t.bus[b]);
        genBus_[b] = on(s, gn.bus[b]);
    }
}

void Console::readGroups() noexcept {
    const ParamStore& s = params();
    for (int d = 0; d < kDcas; ++d) {
        dcaDb_[d] = s.get(tree_.dcas[d].fader);
        dcaMute_[d] = on(s, tree_.dcas[d].mute);
    }
    for (int g = 0; g < kMuteGroups; ++g) mgrpMute_[g] = on(s, tree_.muteGroups[g].mute);
}

void Console::channelGroups(int c, float* dcaDb, bool* muted) const noexcept {
    const ParamStore& s = params();
    const ChannelIds& ids = tree_.channels[static_cast<size_t>(c)];
    float db = 0.0f;
    bool m = false;
    for (int d = 0; d < kDcas; ++d)
        if (on(s, ids.dca[d])) { // several DCAs: their gains multiply
            db += dcaDb_[d];
            m = m || dcaMute_[d];
        }
    for (int g = 0; g < kMuteGroups; ++g) m = m || (mgrpMute_[g] && on(s, ids.mgrp[g]));
    *dcaDb = db;
    *muted = m;
}

bool Console::busGroupMuted(int b) const noexcept {
    const ParamStore& s = params();
    const MasterIds& ids = tree_.buses[static_cast<size_t>(b)];
    for (int g = 0; g < kMuteGroups; ++g)
        if (mgrpMute_[g] && on(s, ids.mgrp[g])) return true;
    return false;
}

void Console::readParams() noexcept {
    const ParamStore& s = params();
    const int nc = config().channels, nb = config().buses();
    bool changed = false;
    const bool aflBefore = afl_;
    const uint32_t global = tree_.globalOwner();
    if (s.ownerGeneration(global) != seenGen_[global]) {
        seenGen_[global] = s.ownerGeneration(global);
        readGlobal();
        changed = true;
    }
    // The odd channel of a linked pair reads the link switch that lives on the even one.
    for (int c = 0; c < nc; ++c)
        channelDirty_[static_cast<size_t>(c)] = s.ownerGeneration(tree_.channelOwner(c)) != seenGen_[tree_.channelOwner(c)];
    // A DCA or mute-group master moved: only the channels and buses it changes are read again.
    const uint32_t groups = tree_.groupOwner();
    if (s.ownerGeneration(groups) != seenGen_[groups] || dcaFading_) {
        seenGen_[groups] = s.ownerGeneration(groups);
        dcaFading_ = false;
        readGroups();
        for (int c = 0; c < nc; ++c) {
            float db;
            bool muted;
            channelGroups(c, &db, &muted);
            // Compared bit for bit: a DCA glide that moves by less than a float step is still read.
            if (std::memcmp(&db, &channelDcaDb_[static_cast<size_t>(c)], sizeof db) != 0 ||
                muted != static_cast<bool>(channelGroupMute_[static_cast<size_t>(c)]))
                channelDirty_[static_cast<size_t>(c)] = 1;
        }
        for (int b = 0; b < nb; ++b)
            if (busGroupMuted(b) != static_cast<bool>(busGroupMute_[static_cast<size_t>(b)])) seenGen_[tree_.busOwner(b)] = ~uint64_t{0};
    }
    const uint32_t fxOwner = tree_.fxOwner();
    if (s.ownerGeneration(fxOwner) != seenGen_[fxOwner]) {
        seenGen_[fxOwner] = s.ownerGeneration(fxOwner);
        readFx();
    }
    const uint32_t matrices = tree_.matrixOwner();
    if (s.ownerGeneration(matrices) != seenGen_[matrices]) {
        seenGen_[matrices] = s.ownerGeneration(matrices);
        readMatrices();
    }
    for (int c = 1; c < nc; c += 2) channelDirty_[static_cast<size_t>(c)] |= channelDirty_[static_cast<size_t>(c - 1)];
    for (int c = 0; c < nc; ++c) {
        if (!channelDirty_[static_cast<size_t>(c)]) continue;
        seenGen_[tree_.channelOwner(c)] = s.ownerGeneration(tree_.channelOwner(c));
        readChannel(c);
        changed = true;
    }
    for (int b = 0; b <= nb; ++b) {
        const uint32_t o = b < nb ? tree_.busOwner(b) : tree_.mainOwner();
        const uint64_t g = s.ownerGeneration(o);
        if (g == seenGen_[o]) continue;
        seenGen_[o] = g;
        readMaster(b);
        changed = true;
    }
    if (changed && fadeActiveCount_ > 0) dropHandMovedFades();
    if (changed) {
        bool any = false;
        for (uint8_t v : channelSolo_) any = any || v;
        for (uint8_t v : busSolo_) any = any || v;
        soloActive_.store(any, std::memory_order_relaxed);
    }
    // Strips re-read above already took their solo; PFL/AFL changing moves every strip's tap.
    if (afl_ != aflBefore)
        for (int c = 0; c < nc; ++c)
            strips_[static_cast<size_t>(c / kLanes)]->setSolo(c % kLanes, channelSolo_[static_cast<size_t>(c)], afl_);
}

// ---- process ---------------------------------------------------------------------------

void Console::process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                      const float* const* playback) noexcept {
    DenormalGuard guard;
    AudioUse::Scope inBlock(use_); // the fade plan, the recorder and the player are in use
    adoptFade();
    readParams();
    // Recording: which banks must keep their input tap this block.
    Recorder* rec = recorder_.load(std::memory_order_seq_cst);
    AudioUse::Scope recording(rec ? &rec->audioUse() : nullptr); // its track table is in use until the block ends
    recording_ = rec && rec->active() ? rec : nullptr;
    for (size_t b = 0; b < strips_.size(); ++b) {
        bool input = false;
        for (int l = 0; recording_ && l < strips_[b]->lanes(); ++l) {
            const int t = recording_->trackOf(static_cast<int>(b) * kLanes + l);
            input = input || (t >= 0 && !recording_->postTap(t));
        }
        strips_[b]->keepInputTap(input);
    }
    numIn = std::min(numIn, kMaxIo);
    for (int done = 0; done < frames;) {
        const int n = std::min(maxBlock_, frames - done);
        for (int k = 0; k < numIn; ++k) inPtrs_[static_cast<size_t>(k)] = in[k] ? in[k] + done : nullptr;
        float* outs[kMaxIo];
        for (int k = 0; k < std::min(numOut, kMaxIo); ++k) outs[k] = out[k] ? out[k] + done : nullptr;
        // Playback sources: given for this call (offline), or pulled from the player.
        const int nc = config().channels;
        Player* player = player_.load(std::memory_order_seq_cst);
        for (int c = 0; c < nc; ++c) {
            if (playback) {
                playPtrs_[static_cast<size_t>(c)] = playback[c] ? playback[c] + done : nullptr;
            } else {
                playPtrs_[static_cast<size_t>(c)] = player ? &playBuf_[static_cast<size_t>(c) * static_cast<size_t>(maxBlock_)] : nullptr;
            }
        }
        if (!playback && player) {
            float* bufs[kMaxChannels];
            for (int c = 0; c < nc; ++c) bufs[c] = &playBuf_[static_cast<size_t>(c) * static_cast<size_t>(maxBlock_)];
            player->pull(bufs, nc, n);
        }
        processChunk(inPtrs_.data(), numIn, playPtrs_.data(), outs, std::min(numOut, kMaxIo), n);
        done += n;
    }
    publishMeters(frames);
    time_.store(now_, std::memory_order_relaxed);
}

void Console::processChunk(const float* const* in, int numIn, const float* const* play, float* const* out, int numOut,
                           int frames) noexcept {
    const float* segIn[kMaxIo];
    const float* segPlay[kMaxChannels];
    for (int offset = 0; offset < frames;) {
        const int n = std::min(frames - offset, kTick - static_cast<int>(now_ % kTick));
        for (int k = 0; k < numIn; ++k) segIn[k] = in[k] ? in[k] + offset : nullptr;
        for (int c = 0; c < config().channels; ++c) segPlay[c] = play[c] ? play[c] + offset : nullptr;
        runSegment(segIn, numIn, segPlay, offset, n);
        offset += n;
        now_ += static_cast<uint64_t>(n);
    }
    // Output patch, with the start-up ramp and the panic mute.
    const float target = panic_.load(std::memory_order_relaxed) ? 0.0f : 1.0f;
    if (rampIn_.exchange(false, std::memory_order_relaxed)) outputGain_ = 0.0f;
    float gainEnd = outputGain_;
    for (int k = 0; k < numOut; ++k) {
        if (!out[k]) continue;
        const int choice = k < static_cast<int>(outChoice_.size()) ? outChoice_[static_cast<size_t>(k)] : 0;
        const float* src = &sig_[static_cast<size_t>(choice) * static_cast<size_t>(maxBlock_)];
        float g = outputGain_;
        for (int i = 0; i < frames; ++i) {
            g = outputRamp_.next(g, target);
            out[k][i] = src[i] * g;
        }
        gainEnd = g;
    }
    outputGain_ = gainEnd;
}

void Console::runSegment(const float* const* in, int numIn, const float* const* play, int offset, int n) noexcept {
    const bool solo = soloActive_.load(std::memory_order_relaxed);
    if ((fadeActiveCount_ > 0 || fadeUnfollow_) && now_ % kTick == 0) applyFades(now_ + kTick);
    std::fill(busAcc_.begin(), busAcc_.end(), dsp::LaneVec{});
    for (auto* acc : {mainAcc_, monitorAcc_})
        for (int s = 0; s < 2; ++s) std::fill(acc[s], acc[s] + kTick, dsp::LaneVec{});

    for (auto& bank : strips_) bank->process(in, numIn, play, n, now_, busAcc_.data(), mainAcc_[0], monitorAcc_[0], solo);
    if (recording_) { // armed channels' taps into their rings (lock-free, never waits)
        for (int c = 0; c < config().channels; ++c) {
            const int t = recording_->trackOf(c);
            if (t < 0) continue;
            strips_[static_cast<size_t>(c / kLanes)]->copyTap(c % kLanes, recording_->postTap(t), tapScratch_, n);
            recording_->capture(t, tapScratch_, n);
        }
    }

    // Sum each signal's lanes into its master lane: the one transposition back per bus.
    auto sumLanes = [n](const dsp::LaneVec* acc, dsp::LaneVec* dst, int lane) {
        for (int i = 0; i < n; ++i) {
            float sum = 0.0f;
            for (int l = 0; l < kLanes; ++l) sum += acc[i][l];
            dst[i][lane] = sum;
        }
    };
    for (auto& m : masters_) std::fill(m->input(), m->input() + kTick, dsp::LaneVec{});
    const int nb = config().buses();
    for (int b = 0; b < nb; ++b)
        for (int side = 0; side < config().busWidths[static_cast<size_t>(b)]; ++side) {
            const int lane = 2 * b + side;
            sumLanes(&busAcc_[static_cast<size_t>(busSignal_[static_cast<size_t>(b)] + side) * kTick],
                     masters_[static_cast<size_t>(lane / kLanes)]->input(), lane % kLanes);
        }
    for (int side = 0; side < 2; ++side) {
        const int lane = mainLane_ + side;
        sumLanes(mainAcc_[side], masters_[static_cast<size_t>(lane / kLanes)]->input(), lane % kLanes);
    }
    talkGen_.render(in, numIn, n);
    if (talkGen_.talking() || talkGen_.generating()) addTalkGen(n);
    addFxReturns(n);
    for (auto& m : masters_) m->process(n, now_);

    // Planar outputs, indexed like the output patch's choices.
    const size_t mb = static_cast<size_t>(maxBlock_);
    auto planar = [&](int choice) { return &sig_[static_cast<size_t>(choice) * mb + static_cast<size_t>(offset)]; };
    auto masterOut = [&](int lane, float* dst) {
        const dsp::LaneVec* o = masters_[static_cast<size_t>(lane / kLanes)]->output();
        for (int i = 0; i < n; ++i) dst[i] = o[i][lane % kLanes];
    };
    std::fill(planar(0), planar(0) + n, 0.0f);
    masterOut(mainLane_, planar(1));
    masterOut(mainLane_ + 1, planar(2));
    int choice = 5;
    for (int b = 0; b < nb; ++b)
        for (int side = 0; side < config().busWidths[static_cast<size_t>(b)]; ++side) masterOut(2 * b + side, planar(choice++));

    runFx(offset, n);

    // While talking, main drops by the dim; talk to main is heard over it, not dimmed with it.
    if (talkGen_.dimming())
        for (int side = 1; side <= 2; ++side)
            for (int i = 0; i < n; ++i) planar(side)[i] *= talkGen_.dim()[i];
    if (talkMain_ && talkGen_.talking())
        for (int side = 1; side <= 2; ++side)
            for (int i = 0; i < n; ++i) planar(side)[i] += talkGen_.talk()[i];

    runMatrices(offset, n);

    if (recording_) {
        recording_->capture(recording_->mainTrack(0), planar(1), n);
        recording_->capture(recording_->mainTrack(1), planar(2), n);
    }

    // Monitor: the solo bus while any solo is on, else main.
    float* mon[2] = {planar(3), planar(4)};
    for (int side = 0; side < 2; ++side) {
        if (solo) {
            for (int i = 0; i < n; ++i) {
                float sum = 0.0f;
                for (int l = 0; l < kLanes; ++l) sum += monitorAcc_[side][i][l];
                mon[side][i] = sum;
            }
            int busChoice = 5;
            for (int b = 0; b < nb; ++b) {
                const int w = config().busWidths[static_cast<size_t>(b)];
                if (busSolo_[static_cast<size_t>(b)] && afl_) { // AFL: the mix as it leaves, after fader and delay
                    const float* src = planar(busChoice + (w == 2 ? side : 0));
                    for (int i = 0; i < n; ++i) mon[side][i] += src[i];
                } else if (busSolo_[static_cast<size_t>(b)]) { // PFL: after EQ and compressor, before mute and fader
                    const int lane = 2 * b + (w == 2 ? side : 0);
                    const dsp::LaneVec* pre = masters_[static_cast<size_t>(lane / kLanes)]->preFader();
                    for (int i = 0; i < n; ++i) mon[side][i] += pre[i][lane % kLanes];
                }
                busChoice += w;
            }
            if (talkGen_.dimming()) // main's copy is dimmed already; the solo bus is dimmed here
                for (int i = 0; i < n; ++i) mon[side][i] *= talkGen_.dim()[i];
        } else {
            std::copy(planar(1 + side), planar(1 + side) + n, mon[side]);
        }
    }
    float g = monitorGain_;
    for (int side = 0; side < 2; ++side) {
        g = monitorGain_;
        for (int i = 0; i < n; ++i) {
            g = monitorGlide_.next(g, monitorTarget_, 1e-6f);
            mon[side][i] *= g;
            monPeak_[side] = std::max(monPeak_[side], std::fabs(mon[side][i]));
            monSumSq_[side] += mon[side][i] * mon[side][i];
        }
    }
    monitorGain_ = g;
}

void Console::addTalkGen(int n) noexcept {
    const float* talk = talkGen_.talking() ? talkGen_.talk() : nullptr;
    const float* gen = talkGen_.generating() ? talkGen_.gen() : nullptr;
    auto add = [&](int lane, const float* x) {
        dsp::LaneVec* in = masters_[static_cast<size_t>(lane / kLanes)]->input();
        for (int i = 0; i < n; ++i) in[i][lane % kLanes] += x[i];
    };
    for (int b = 0; b < config().buses(); ++b)
        for (int side = 0; side < config().busWidths[static_cast<size_t>(b)]; ++side) {
            if (talk && talkBus_[static_cast<size_t>(b)]) add(2 * b + side, talk);
            if (gen && genBus_[static_cast<size_t>(b)]) add(2 * b + side, gen);
        }
    if (gen && genMain_)
        for (int side = 0; side < 2; ++side) add(mainLane_ + side, gen);
}

// ---- meters ----------------------------------------------------------------------------

void Console::publishMeters(int frames) noexcept {
    for (int c = 0; c < config().channels; ++c) {
        const StripBank::LaneMeters m = strips_[static_cast<size_t>(c / kLanes)]->takeMeters(c % kLanes);
        StripMeters& sm = channelMeters_[c];
        sm.in.publish(m.inPeak, m.inSumSq, frames, ballistics_);
        sm.out.publish(m.outPeak, m.outSumSq, frames, ballistics_);
        sm.gate.publish(m.gateGrDb);
        sm.comp.publish(m.compGrDb);
    }
    auto master = [&](int lane0, bool stereo, MasterMeters& mm) {
        float gr = 0.0f;
        for (int side = 0; side < (stereo ? 2 : 1); ++side) {
            const int lane = lane0 + side;
            const MasterBank::LaneMeters m = masters_[static_cast<size_t>(lane / kLanes)]->takeMeters(lane % kLanes);
            mm.in[side].publish(m.inPeak, m.inSumSq, frames, ballistics_);
            mm.out[side].publish(m.outPeak, m.outSumSq, frames, ballistics_);
            gr = std::max(gr, m.compGrDb);
        }
        mm.comp.publish(gr);
    };
    for (int b = 0; b < config().buses(); ++b) master(2 * b, config().busWidths[static_cast<size_t>(b)] == 2, busMeters_[b]);
    master(mainLane_, true, mainMeters_);
    publishMatrixMeters(frames);
    publishFxMeters(frames);
    for (int side = 0; side < 2; ++side) {
        monitorMeters_.out[side].publish(monPeak_[side], monSumSq_[side], frames, ballistics_);
        monPeak_[side] = monSumSq_[side] = 0.0f;
    }
}

} // namespace hr
