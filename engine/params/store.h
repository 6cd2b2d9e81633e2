// The parameter store: one atomic value per parameter, the spine every surface uses.
//
// Built once on the control thread (add(), then freeze()); after that the set of
// parameters never changes, values are read and written lock-free from any thread, and
// every write carries its source and a generation stamp so each surface can ask "what
// changed since I last looked" without echoing its own moves.
//
// Change tracking (DESIGN.md): a global generation counter and a stamp per parameter. A
// writer marks the stamp pending before taking a generation, so a reader that scans
// stamps newer than the generation it last saw can never miss a write in flight (it may
// see one twice, which is harmless: surfaces compare against the last value they sent).
#pragma once

#include "params/spec.h"

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hr {

using ParamId = uint32_t;

// Who wrote a value. A surface skips feedback for its own writes; a hand beats a fade.
enum class Source : uint8_t { None, Gui, Mcu, Midi, Osc, Prompt, Recall, Fade, Show, Engine };
const char* sourceName(Source s);

bool pathMatches(std::string_view pattern, std::string_view path); // '*' one segment, '**' any

class ParamStore {
public:
    ParamStore() = default;
    ParamStore(const ParamStore&) = delete;
    ParamStore& operator=(const ParamStore&) = delete;

    // ---- building (control thread, before freeze) ----
    ParamId add(ParamSpec spec, uint32_t owner); // owner: a strip or bus index, see ownerGeneration
    void freeze(uint32_t ownerCount);            // allocates the values; sets every default

    // ---- lookup (any thread after freeze; never changes) ----
    size_t size() const { return specs_.size(); }
    const ParamSpec& spec(ParamId id) const { return specs_[id]; }
    uint32_t owner(ParamId id) const { return owners_[id]; }
    std::optional<ParamId> find(std::string_view path) const; // exact path
    std::vector<ParamId> match(std::string_view pattern) const; // in id order

    // ---- values (any thread, lock-free) ----
    float get(ParamId id) const noexcept { return values_[id].load(std::memory_order_relaxed); }
    float set(ParamId id, float value, Source src) noexcept; // clamps to the spec; returns stored value
    float setPosition(ParamId id, float pos, Source src) noexcept; // via the spec's taper
    float position(ParamId id) const noexcept { return specs_[id].toPosition(get(id)); }
    Source lastSource(ParamId id) const noexcept;            // source of the latest write

    // ---- text (control threads only; the audio thread never reads text) ----
    std::string text(ParamId id) const;
    void setText(ParamId id, std::string value, Source src);

    // ---- touch: a hand is on the control (GUI drag, MCU touch note) ----
    void touch(ParamId id, Source src, bool on) noexcept; // per-source bit
    bool touched(ParamId id) const noexcept { return touch_[id].load(std::memory_order_relaxed) != 0; }
    bool touchedBy(ParamId id, Source src) const noexcept;

    // ---- change tracking ----
    uint64_t generation() const noexcept { return generation_.load(std::memory_order_acquire); }
    uint64_t stamp(ParamId id) const noexcept { return stamps_[id].load(std::memory_order_acquire); }
    // Bumped by every write to a parameter of that owner, except Source::Fade writes.
    uint64_t ownerGeneration(uint32_t owner) const noexcept {
        return ownerGens_[owner].load(std::memory_order_acquire);
    }
    // Calls f(id) for every parameter written after generation `since`; returns the
    // generation to pass next time. Control threads; O(parameters).
    template <class F> uint64_t forEachChangedSince(uint64_t since, F&& f) const {
        const uint64_t now = generation();
        for (ParamId id = 0; id < specs_.size(); ++id)
            if (stamp(id) > since) f(id);
        return now;
    }

    void resetToDefaults(Source src); // every value and text to its spec's default

private:
    void stampWrite(ParamId id, Source src) noexcept;

    std::vector<ParamSpec> specs_;
    std::vector<uint32_t> owners_;
    std::unordered_map<std::string, ParamId> byPath_;
    std::unique_ptr<std::atomic<float>[]> values_;
    std::unique_ptr<std::atomic<uint64_t>[]> stamps_;
    std::unique_ptr<std::atomic<uint8_t>[]> sources_;
    std::unique_ptr<std::atomic<uint16_t>[]> touch_;
    std::unique_ptr<std::atomic<uint64_t>[]> ownerGens_;
    uint32_t ownerCount_ = 0;
    std::atomic<uint64_t> generation_{0};

    mutable std::mutex textMutex_; // guards texts_ (control threads only)
    std::vector<std::string> texts_;
};

} // namespace hr
