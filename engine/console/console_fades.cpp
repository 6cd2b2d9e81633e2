// Console: scene fades. The control thread hands over a plan (which controls, from where,
// to where, how long); the audio thread adopts it at a block boundary and, at every
// smoothing tick, sets each control's ramp to the value the fade has at the end of that
// tick, so the gain follows the fade exactly at every tick boundary and is linear in
// between. Values move linearly in control position (the fader law), so a glide to or
// from -inf sounds like a fader pulled by hand.
#include "console/console.h"

#include <algorithm>

namespace hr {

using dsp::kLanes;
using dsp::kTick;

namespace {
constexpr double kPublishSeconds = 0.010; // surfaces see the glide every 10 ms
}

void Console::buildFadeTable() {
    const size_t n = params().size();
    fadeKind_.assign(n, FadeKind::None);
    fadeIndex_.assign(n, 0);
    fadeBus_.assign(n, 0);
    size_t count = 0;
    auto mark = [&](ParamId id, FadeKind kind, int index, int bus) {
        if (id == kNoParam) return;
        fadeKind_[id] = kind;
        fadeIndex_[id] = index;
        fadeBus_[id] = bus;
        ++count;
    };
    for (int c = 0; c < config().channels; ++c) {
        const ChannelIds& ch = tree_.channels[static_cast<size_t>(c)];
        mark(ch.fader, FadeKind::ChannelFader, c, 0);
        mark(ch.pan, FadeKind::ChannelPan, c, 0);
        for (int b = 0; b < config().buses(); ++b) {
            mark(ch.sends[static_cast<size_t>(b)].level, FadeKind::SendLevel, c, b);
            mark(ch.sends[static_cast<size_t>(b)].pan, FadeKind::SendPan, c, b);
        }
    }
    for (int b = 0; b < config().buses(); ++b) mark(tree_.buses[static_cast<size_t>(b)].fader, FadeKind::MasterFader, b, 0);
    mark(tree_.main.fader, FadeKind::MasterFader, config().buses(), 0);
    for (int d = 0; d < kDcas; ++d) mark(tree_.dcas[d].fader, FadeKind::DcaFader, d, 0);
    fadePending_.assign(count, FadeEntry{});
    fadeActive_.assign(count, FadeEntry{});
}

bool Console::startFade(const std::vector<FadeTarget>& targets, double seconds) {
    // One plan slot: withdraw a plan the audio thread has not adopted (a newer recall replaces
    // it), then write only once no block that may have seen it is still copying it.
    fadePendingReady_.store(false, std::memory_order_seq_cst);
    if (!use_.waitIdle()) return false;
    const ParamStore& s = params();
    size_t n = 0;
    for (const FadeTarget& t : targets) {
        if (!fadeable(t.id) || n >= fadePending_.size()) continue;
        const ParamSpec& spec = s.spec(t.id);
        const float now = s.get(t.id);
        fadePending_[n++] = {t.id, spec.toPosition(now), spec.toPosition(spec.clamp(t.value)), now, fadeKind_[t.id],
                             fadeIndex_[t.id], fadeBus_[t.id]};
    }
    fadePendingCount_ = n;
    fadePendingSeconds_ = std::max(0.0, seconds);
    fadePendingReady_.store(true, std::memory_order_release);
    fading_.store(n > 0, std::memory_order_release);
    return true;
}

void Console::cancelFade() { startFade({}, 0.0); }

void Console::adoptFade() noexcept {
    if (!fadePendingReady_.load(std::memory_order_seq_cst)) return;
    std::copy(fadePending_.begin(), fadePending_.begin() + static_cast<long>(fadePendingCount_), fadeActive_.begin());
    fadeActiveCount_ = fadePendingCount_;
    // Start at the next tick boundary; the length is whole samples at this rate.
    fadeStart_ = (now_ + kTick - 1) / kTick * kTick;
    fadeLength_ = std::max<uint64_t>(1, static_cast<uint64_t>(std::llround(fadePendingSeconds_ * sampleRate_)));
    fadeLastPublish_ = 0;
    fadePendingReady_.store(false, std::memory_order_release);
    endFades(); // a replaced fade's lanes stop following unless the new one drives them
    fading_.store(fadeActiveCount_ > 0, std::memory_order_release);
}

void Console::endFades() noexcept {
    for (auto& s : strips_) s->endFade();
    for (auto& m : masters_) m->endFade();
}

// A control whose value in the store is not what the fade last wrote was moved by a
// hand (GUI, surface, prompt): the hand wins, that control's fade ends there.
void Console::dropHandMovedFades() noexcept {
    const ParamStore& s = params();
    for (size_t i = 0; i < fadeActiveCount_;) {
        if (s.get(fadeActive_[i].id) != fadeActive_[i].lastValue) {
            fadeActive_[i] = fadeActive_[--fadeActiveCount_];
            fadeUnfollow_ = true;
        } else {
            ++i;
        }
    }
    if (fadeActiveCount_ == 0) fading_.store(false, std::memory_order_release);
}

void Console::applyFades(uint64_t tickEnd) noexcept {
    if (fadeUnfollow_) { // lanes no longer driven go back to their own glides
        endFades();
        fadeUnfollow_ = false;
    }
    if (fadeActiveCount_ == 0 || tickEnd <= fadeStart_) return;
    const double u = std::min(1.0, double(tickEnd - fadeStart_) / double(fadeLength_));
    const bool last = u >= 1.0;
    const bool publish = last || tickEnd - fadeLastPublish_ >= static_cast<uint64_t>(kPublishSeconds * sampleRate_);
    ParamStore& s = params();
    for (size_t i = 0; i < fadeActiveCount_; ++i) {
        FadeEntry& e = fadeActive_[i];
        const float pos = e.fromPos + (e.toPos - e.fromPos) * static_cast<float>(u);
        const float value = s.spec(e.id).fromPosition(pos);
        switch (e.kind) {
        case FadeKind::ChannelFader: // the DCAs it belongs to still scale it
            strips_[static_cast<size_t>(e.index / kLanes)]->fadeFader(e.index % kLanes, value + channelDcaDb_[static_cast<size_t>(e.index)]);
            break;
        case FadeKind::ChannelPan: strips_[static_cast<size_t>(e.index / kLanes)]->fadePan(e.index % kLanes, value); break;
        case FadeKind::SendLevel:
        case FadeKind::SendPan: {
            StripBank& bank = *strips_[static_cast<size_t>(e.index / kLanes)];
            const SendParams& now = bank.send(e.index % kLanes, e.bus);
            if (e.kind == FadeKind::SendLevel) bank.fadeSend(e.index % kLanes, e.bus, value, now.pan);
            else bank.fadeSend(e.index % kLanes, e.bus, now.levelDb, value);
            break;
        }
        case FadeKind::MasterFader: {
            const int lane0 = e.index == config().buses() ? mainLane_ : 2 * e.index;
            for (int side = 0; side < 2; ++side)
                masters_[static_cast<size_t>((lane0 + side) / kLanes)]->fadeFader((lane0 + side) % kLanes, value);
            break;
        }
        case FadeKind::DcaFader: // a fade's writes leave the owner's generation alone: say so, for the next block
            dcaDb_[e.index] = value;
            dcaFading_ = true;
            break;
        case FadeKind::None: break;
        }
        if (publish || e.kind == FadeKind::DcaFader) {
            s.set(e.id, value, Source::Fade); // lock-free; surfaces (motor faders) follow
            e.lastValue = s.get(e.id);
        }
    }
    if (publish) fadeLastPublish_ = tickEnd;
    if (last) { // every control sits on its target; the lanes stop following next tick
        fadeActiveCount_ = 0;
        fadeUnfollow_ = true;
        fading_.store(false, std::memory_order_release);
    }
}

} // namespace hr
