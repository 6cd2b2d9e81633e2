#include "learn.h"

#include "show/json_read.h"

#include <algorithm>
#include <cmath>

namespace hr::midi {

namespace {
constexpr float kPickup = 0.02f; // soft takeover: how close a control must come to be picked up
const char* kindName(Kind k) {
    switch (k) {
    case Kind::Cc7: return "cc";
    case Kind::Cc14: return "cc14";
    case Kind::Nrpn: return "nrpn";
    case Kind::Note: return "note";
    case Kind::PitchBend: return "pitchbend";
    }
    return "?";
}
} // namespace

void Learn::rebind(ParamStore& store) {
    store_ = &store;
    armed_ = Mapping::kNoParamId;
    for (Mapping& m : maps_) {
        const auto id = store.find(m.path);
        m.id = id ? *id : Mapping::kNoParamId;
        m.pickedUp = false;
        m.lastSent = -1;
    }
}

bool Learn::arm(const std::string& path, std::string* why) {
    const auto id = store_->find(path);
    if (!id) {
        *why = path + ": no such parameter";
        return false;
    }
    if (store_->spec(*id).isText()) {
        *why = path + ": text cannot be mapped to a control";
        return false;
    }
    armed_ = *id;
    return true;
}

bool Learn::unlearn(const std::string& path) {
    const auto before = maps_.size();
    maps_.erase(std::remove_if(maps_.begin(), maps_.end(), [&](const Mapping& m) { return m.path == path; }), maps_.end());
    if (maps_.size() == before) return false;
    revision_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

std::string Learn::describe(const Mapping& m) const {
    std::string s = m.path + " <- " + kindName(m.kind);
    if (m.kind != Kind::PitchBend) s += " " + std::to_string(m.number);
    s += " ch " + std::to_string(m.channel + 1);
    if (m.kind == Kind::Note) s += m.momentary ? " momentary" : " toggle";
    if (m.softTakeover && m.kind != Kind::Note) s += " (soft takeover)";
    return s;
}

void Learn::learnFrom(Kind kind, int channel, int number) {
    unlearn(store_->spec(armed_).path); // one control per parameter
    Mapping m;
    m.path = store_->spec(armed_).path;
    m.id = armed_;
    m.kind = kind;
    m.channel = channel;
    m.number = number;
    m.momentary = false;
    m.pickedUp = true; // the control that was just moved is where the hand is
    maps_.push_back(m);
    armed_ = Mapping::kNoParamId;
    revision_.fetch_add(1, std::memory_order_relaxed);
}

void Learn::apply(Mapping& m, float position) {
    if (m.id == Mapping::kNoParamId) return;
    position = std::clamp(position, 0.0f, 1.0f);
    if (m.softTakeover && !m.pickedUp) {
        // No jump: wait until the control reaches where the parameter is.
        if (std::fabs(position - store_->position(m.id)) > kPickup) return;
        m.pickedUp = true;
    }
    store_->setPosition(m.id, position, Source::Midi);
}

bool Learn::receive(const uint8_t* d, size_t n) {
    if (n < 2 || d[0] < 0x80 || d[0] >= 0xF0) return false;
    for (size_t i = 1; i < n && i < 3; ++i)
        if (d[i] > 0x7F) return false;
    const int status = d[0] & 0xF0, ch = d[0] & 0x0F;
    bool used = false;
    if (status == 0xB0 && n >= 3) {
        const int num = d[1], val = d[2];
        if (num == 99) nrpn_[ch] = (val << 7) | (nrpn_[ch] & 0x7F);
        if (num == 98) nrpn_[ch] = (nrpn_[ch] & ~0x7F) | val;
        if (num == 99 || num == 98) return armed() || !maps_.empty();
        if (num == 6 || num == 38) { // NRPN data entry, coarse then fine
            if (num == 6) nrpnMsb_[ch] = val;
            const int value = num == 6 ? val << 7 : (nrpnMsb_[ch] << 7) | val;
            if (armed()) learnFrom(Kind::Nrpn, ch, nrpn_[ch]);
            for (Mapping& m : maps_)
                if (m.kind == Kind::Nrpn && m.channel == ch && m.number == nrpn_[ch]) {
                    apply(m, static_cast<float>(value) / 16383.0f);
                    used = true;
                }
            return used;
        }
        if (armed()) {
            // A CC 32..63 right after its MSB makes a learnt 7-bit pair a 14-bit one.
            learnFrom(Kind::Cc7, ch, num);
        }
        if (num >= 32 && num < 64) {
            for (Mapping& m : maps_)
                if (m.channel == ch && m.number == num - 32 && (m.kind == Kind::Cc7 || m.kind == Kind::Cc14)) {
                    if (m.kind == Kind::Cc7) revision_.fetch_add(1, std::memory_order_relaxed); // the show keeps the kind
                    m.kind = Kind::Cc14;
                    apply(m, static_cast<float>((cc14Msb_[ch][num - 32] << 7) | val) / 16383.0f);
                    used = true;
                }
            maps_.erase(std::remove_if(maps_.begin(), maps_.end(),
                                       [&](const Mapping& m) { return m.kind == Kind::Cc7 && m.channel == ch && m.number == num &&
                                                                       std::any_of(maps_.begin(), maps_.end(), [&](const Mapping& o) {
                                                                           return o.kind == Kind::Cc14 && o.channel == ch && o.number == num - 32;
                                                                       }); }),
                        maps_.end()); // an LSB mistaken for a control of its own while learning
        }
        if (num < 32) cc14Msb_[ch][num] = val;
        for (Mapping& m : maps_) {
            if (m.channel != ch || m.number != num) continue;
            if (m.kind == Kind::Cc7) apply(m, static_cast<float>(val) / 127.0f);
            else if (m.kind == Kind::Cc14) apply(m, static_cast<float>(val << 7) / 16383.0f);
            else continue;
            used = true;
        }
        return used;
    }
    if ((status == 0x90 || status == 0x80) && n >= 3) {
        const bool down = status == 0x90 && d[2] > 0;
        if (armed() && down) learnFrom(Kind::Note, ch, d[1]);
        for (Mapping& m : maps_) {
            if (m.kind != Kind::Note || m.channel != ch || m.number != d[1] || m.id == Mapping::kNoParamId) continue;
            if (m.momentary) store_->set(m.id, down ? store_->spec(m.id).maxValue : store_->spec(m.id).minValue, Source::Midi);
            else if (down) store_->setPosition(m.id, store_->position(m.id) >= 0.5f ? 0.0f : 1.0f, Source::Midi);
            used = true;
        }
        return used;
    }
    if (status == 0xE0 && n >= 3) {
        if (armed()) learnFrom(Kind::PitchBend, ch, 0);
        for (Mapping& m : maps_)
            if (m.kind == Kind::PitchBend && m.channel == ch) {
                apply(m, static_cast<float>(d[1] | (d[2] << 7)) / 16383.0f);
                used = true;
            }
        return used;
    }
    return false;
}

std::vector<std::vector<uint8_t>> Learn::poll() {
    std::vector<std::vector<uint8_t>> out;
    for (Mapping& m : maps_) {
        if (m.id == Mapping::kNoParamId || m.kind == Kind::Nrpn) continue;
        const float pos = store_->position(m.id);
        const int value = m.kind == Kind::Cc7 ? static_cast<int>(std::lround(pos * 127))
                          : m.kind == Kind::Note ? (pos >= 0.5f ? 127 : 0)
                                                 : static_cast<int>(std::lround(pos * 16383));
        if (value == m.lastSent) continue;
        const bool fromHere = store_->lastSource(m.id) == Source::Midi;
        m.lastSent = value;
        if (fromHere && m.pickedUp) continue; // the control that moved it is already there
        m.pickedUp = false; // moved elsewhere: a control without a motor must pick it up again
        const uint8_t ch = static_cast<uint8_t>(m.channel);
        switch (m.kind) {
        case Kind::Cc7: out.push_back({static_cast<uint8_t>(0xB0 | ch), static_cast<uint8_t>(m.number), static_cast<uint8_t>(value)}); break;
        case Kind::Cc14:
            out.push_back({static_cast<uint8_t>(0xB0 | ch), static_cast<uint8_t>(m.number), static_cast<uint8_t>(value >> 7)});
            out.push_back({static_cast<uint8_t>(0xB0 | ch), static_cast<uint8_t>(m.number + 32), static_cast<uint8_t>(value & 0x7F)});
            break;
        case Kind::Note: out.push_back({static_cast<uint8_t>(0x90 | ch), static_cast<uint8_t>(m.number), static_cast<uint8_t>(value)}); break;
        case Kind::PitchBend:
            out.push_back({static_cast<uint8_t>(0xE0 | ch), static_cast<uint8_t>(value & 0x7F), static_cast<uint8_t>(value >> 7)});
            break;
        case Kind::Nrpn: break;
        }
    }
    return out;
}

void Learn::resend(bool releaseHands) {
    for (Mapping& m : maps_) {
        m.lastSent = -1;
        if (releaseHands) m.pickedUp = false;
    }
}

nlohmann::ordered_json Learn::toJson() const {
    nlohmann::ordered_json maps = nlohmann::ordered_json::array();
    for (const Mapping& m : maps_)
        maps.push_back({{"path", m.path}, {"kind", kindName(m.kind)}, {"channel", m.channel + 1}, {"number", m.number},
                        {"momentary", m.momentary}, {"softTakeover", m.softTakeover}});
    return {{"maps", maps}};
}

bool Learn::fromJson(const nlohmann::ordered_json& j, std::string* why, std::string* pointer) {
    std::vector<Mapping> maps;
    if (!mapsFromJson(j, *store_, &maps, why, pointer)) return false;
    maps_ = std::move(maps);
    revision_.fetch_add(1, std::memory_order_relaxed);
    return true;
}

bool Learn::mapsFromJson(const nlohmann::ordered_json& j, const ParamStore& store, std::vector<Mapping>* out,
                         std::string* why, std::string* pointer) {
    auto refuse = [&](const std::string& at, const std::string& reason) {
        if (pointer) *pointer = at;
        *why = reason;
        return false;
    };
    if (!j.is_object()) return refuse("/midi", "midi: expected an object (maps, programChange)");
    const nlohmann::ordered_json none = nlohmann::ordered_json::array();
    const auto& list = j.contains("maps") ? j["maps"] : none;
    if (!list.is_array()) return refuse("/midi/maps", "midi.maps: expected a list of mappings");
    std::vector<Mapping> maps;
    for (size_t i = 0; i < list.size(); ++i) {
        const auto& e = list[i];
        const std::string at = "/midi/maps/" + std::to_string(i);
        const std::string where = "midi.maps[" + std::to_string(i + 1) + "]";
        if (!e.is_object() || !e.contains("path") || !e["path"].is_string())
            return refuse(at, where + ": expected an object with a parameter \"path\"");
        Mapping m;
        m.path = e["path"].get<std::string>();
        const auto id = store.find(m.path);
        if (!id) return refuse(at + "/path", "midi.maps: " + m.path + ": no such parameter");
        m.id = *id;
        const std::string kind = e.contains("kind") && e["kind"].is_string() ? e["kind"].get<std::string>() : e.contains("kind") ? "?" : "cc";
        const Kind kinds[] = {Kind::Cc7, Kind::Cc14, Kind::Nrpn, Kind::Note, Kind::PitchBend};
        bool known = false;
        for (Kind k : kinds)
            if (kind == kindName(k)) {
                m.kind = k;
                known = true;
            }
        if (!known) return refuse(at + "/kind", "midi.maps: " + m.path + ": kind is not cc, cc14, nrpn, note or pitchbend");
        int channel = 1;
        if (e.contains("channel") && !jsonInt(e["channel"], 1, 16, &channel))
            return refuse(at + "/channel", "midi.maps: " + m.path + ": channel is not 1-16");
        if (e.contains("number") && !jsonInt(e["number"], 0, 16383, &m.number))
            return refuse(at + "/number", "midi.maps: " + m.path + ": number is not 0-16383");
        m.channel = channel - 1;
        for (const auto& [key, flag] : {std::pair<const char*, bool*>{"momentary", &m.momentary}, {"softTakeover", &m.softTakeover}}) {
            if (!e.contains(key)) continue;
            if (!e[key].is_boolean()) return refuse(at + "/" + key, "midi.maps: " + m.path + ": " + key + " is not true or false");
            *flag = e[key].get<bool>();
        }
        maps.push_back(m);
    }
    *out = std::move(maps);
    return true;
}

} // namespace hr::midi
