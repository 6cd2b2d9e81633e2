#include "params/store.h"

#include <limits>
#include <stdexcept>

namespace hr {

namespace {
constexpr uint64_t kPending = std::numeric_limits<uint64_t>::max(); // write in flight
}

const char* sourceName(Source s) {
    switch (s) {
    case Source::None: return "none";
    case Source::Gui: return "gui";
    case Source::Mcu: return "mcu";
    case Source::Midi: return "midi";
    case Source::Osc: return "osc";
    case Source::Prompt: return "prompt";
    case Source::Recall: return "recall";
    case Source::Fade: return "fade";
    case Source::Show: return "show";
    case Source::Engine: return "engine";
    }
    return "?";
}

// Segment-wise glob: "*" matches one path segment, "**" any number (including none).
static bool matchSegments(std::string_view pat, std::string_view path) {
    auto head = [](std::string_view s) { return s.substr(0, s.find('/')); };
    auto tail = [](std::string_view s) {
        const auto slash = s.find('/');
        return slash == std::string_view::npos ? std::string_view{} : s.substr(slash + 1);
    };
    if (pat.empty()) return path.empty();
    const std::string_view p = head(pat);
    if (p == "**") {
        const std::string_view rest = tail(pat);
        for (std::string_view s = path;; s = tail(s)) {
            if (matchSegments(rest, s)) return true;
            if (s.empty()) return false;
        }
    }
    if (path.empty()) return false;
    if (p != "*" && p != head(path)) return false;
    return matchSegments(tail(pat), tail(path));
}

bool pathMatches(std::string_view pattern, std::string_view path) {
    if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    return matchSegments(pattern, path);
}

ParamId ParamStore::add(ParamSpec spec, uint32_t owner) {
    if (values_) throw std::logic_error("ParamStore::add after freeze: " + spec.path);
    const auto id = static_cast<ParamId>(specs_.size());
    if (!byPath_.emplace(spec.path, id).second)
        throw std::logic_error("duplicate parameter path " + spec.path);
    specs_.push_back(std::move(spec));
    owners_.push_back(owner);
    return id;
}

void ParamStore::freeze(uint32_t ownerCount) {
    const size_t n = specs_.size();
    ownerCount_ = ownerCount;
    values_ = std::make_unique<std::atomic<float>[]>(n);
    stamps_ = std::make_unique<std::atomic<uint64_t>[]>(n);
    sources_ = std::make_unique<std::atomic<uint8_t>[]>(n);
    touch_ = std::make_unique<std::atomic<uint16_t>[]>(n);
    ownerGens_ = std::make_unique<std::atomic<uint64_t>[]>(ownerCount);
    texts_.resize(n);
    for (size_t i = 0; i < n; ++i) {
        values_[i].store(specs_[i].defaultValue);
        stamps_[i].store(0);
        sources_[i].store(0);
        touch_[i].store(0);
        texts_[i] = specs_[i].textDefault;
    }
    for (uint32_t i = 0; i < ownerCount; ++i) ownerGens_[i].store(0);
}

std::optional<ParamId> ParamStore::find(std::string_view path) const {
    const auto it = byPath_.find(std::string(path));
    if (it == byPath_.end()) return std::nullopt;
    return it->second;
}

std::vector<ParamId> ParamStore::match(std::string_view pattern) const {
    std::vector<ParamId> ids;
    if (pattern.find('*') == std::string_view::npos) {
        if (auto id = find(pattern)) ids.push_back(*id);
        return ids;
    }
    for (ParamId id = 0; id < specs_.size(); ++id)
        if (pathMatches(pattern, specs_[id].path)) ids.push_back(id);
    return ids;
}

void ParamStore::stampWrite(ParamId id, Source src) noexcept {
    stamps_[id].store(kPending, std::memory_order_release);
    sources_[id].store(static_cast<uint8_t>(src), std::memory_order_relaxed);
    const uint64_t g = generation_.fetch_add(1, std::memory_order_acq_rel) + 1;
    stamps_[id].store(g, std::memory_order_release);
    // A scene fade's writes come from the audio thread, which already applies them; they
    // are stamped for surfaces but do not make the console re-read the strip.
    const uint32_t o = owners_[id];
    if (o < ownerCount_ && src != Source::Fade) ownerGens_[o].fetch_add(1, std::memory_order_acq_rel);
}

float ParamStore::set(ParamId id, float value, Source src) noexcept {
    const ParamSpec& s = specs_[id];
    if (s.isText()) return 0.0f;
    value = s.clamp(value);
    if (values_[id].load(std::memory_order_relaxed) == value) return value;
    values_[id].store(value, std::memory_order_release);
    stampWrite(id, src);
    return value;
}

float ParamStore::setPosition(ParamId id, float pos, Source src) noexcept {
    return set(id, specs_[id].fromPosition(pos), src);
}

Source ParamStore::lastSource(ParamId id) const noexcept {
    return static_cast<Source>(sources_[id].load(std::memory_order_relaxed));
}

std::string ParamStore::text(ParamId id) const {
    std::lock_guard<std::mutex> lock(textMutex_);
    return texts_[id];
}

void ParamStore::setText(ParamId id, std::string value, Source src) {
    {
        std::lock_guard<std::mutex> lock(textMutex_);
        if (texts_[id] == value) return;
        texts_[id] = std::move(value);
    }
    stampWrite(id, src);
}

void ParamStore::touch(ParamId id, Source src, bool on) noexcept {
    const auto bit = static_cast<uint16_t>(1u << static_cast<unsigned>(src));
    if (on) touch_[id].fetch_or(bit, std::memory_order_acq_rel);
    else touch_[id].fetch_and(static_cast<uint16_t>(~bit), std::memory_order_acq_rel);
}

bool ParamStore::touchedBy(ParamId id, Source src) const noexcept {
    return (touch_[id].load(std::memory_order_relaxed) >> static_cast<unsigned>(src)) & 1u;
}

void ParamStore::resetToDefaults(Source src) {
    for (ParamId id = 0; id < specs_.size(); ++id) {
        if (specs_[id].isText()) setText(id, specs_[id].textDefault, src);
        else set(id, specs_[id].defaultValue, src);
    }
}

} // namespace hr
