// MIDI learn: any parameter path mapped to a control of any MIDI controller, as pure code
// (bytes in -> parameter changes, parameter changes -> feedback bytes out).
//
// Kinds learnt from the first message after `arm`: 7-bit CC; 14-bit CC pairs (MSB on CC
// 0-31, LSB on CC+32, as the MIDI 1.0 spec pairs them); NRPN (CC 99/98 select, CC 6/38
// data); note on (a switch toggles, or follows the key with `momentary`); pitch bend.
// Soft takeover for controls without motors: a move takes effect only once the control has
// passed the parameter's current position, so nothing jumps. Learnt CCs and notes echo the
// parameter back (LEDs, motors) when other sources change it, never twice and never to the
// control that moved it. Mappings are kept by path in the show ("midi": {"maps": [...]}).
#pragma once

#include "params/store.h"

#include <nlohmann/json.hpp>

#include <atomic>
#include <optional>
#include <string>
#include <vector>

namespace hr::midi {

enum class Kind : uint8_t { Cc7, Cc14, Nrpn, Note, PitchBend };

struct Mapping {
    std::string path;
    Kind kind = Kind::Cc7;
    int channel = 0;        // 0-15
    int number = 0;         // CC, NRPN number (14-bit) or note
    bool momentary = false; // notes: follow the key instead of toggling
    bool softTakeover = true;
    // state
    ParamId id = kNoParamId;
    bool pickedUp = false;
    int lastSent = -1;      // feedback value last sent
    static constexpr ParamId kNoParamId = 0xffffffffu;
};

class Learn {
public:
    explicit Learn(ParamStore& store) : store_(&store) {}
    void rebind(ParamStore& store); // a new console: ids found again by path

    bool arm(const std::string& path, std::string* why);   // the next message maps to this path
    bool armed() const { return armed_ != Mapping::kNoParamId; }
    bool unlearn(const std::string& path);
    const std::vector<Mapping>& maps() const { return maps_; }
    uint64_t revision() const { return revision_.load(std::memory_order_relaxed); } // counts changes to the maps
    std::string describe(const Mapping& m) const;          // "/ch/1/fader <- CC 7 ch 1 (soft takeover)"

    // control thread: one complete MIDI message; true when it was used
    bool receive(const uint8_t* data, size_t size);
    std::vector<std::vector<uint8_t>> poll();               // feedback for values changed elsewhere
    // The next poll() sends every mapping's value. releaseHands: the controller (re)connected,
    // so where its controls stand is unknown and soft takeover must pick each up again; false
    // for a resend to a controller that stayed connected (a control moved since is still held).
    void resend(bool releaseHands = true);

    nlohmann::ordered_json toJson() const;
    // The show's "midi" section: its maps replace these. False with *why (and *pointer, the
    // JSON pointer in the show) when anything is malformed; then nothing changes.
    bool fromJson(const nlohmann::ordered_json& j, std::string* why, std::string* pointer = nullptr);
    // The same check against any tree, changing nothing (a show is checked before it loads).
    static bool mapsFromJson(const nlohmann::ordered_json& j, const ParamStore& store, std::vector<Mapping>* out,
                             std::string* why, std::string* pointer = nullptr);

private:
    void apply(Mapping& m, float position);
    void learnFrom(Kind kind, int channel, int number);
    ParamStore* store_;
    std::vector<Mapping> maps_;
    std::atomic<uint64_t> revision_{0};
    ParamId armed_ = Mapping::kNoParamId;
    int nrpn_[16] = {};            // selected NRPN per channel (CC 99/98)
    int cc14Msb_[16][32] = {};     // last MSB of each 14-bit pair per channel
    int nrpnMsb_[16] = {};         // data entry MSB (CC 6) per channel
};

} // namespace hr::midi
