// A channel's settings lifted off one strip and put on another: the GUI's channel copy and
// paste, and channel presets, small JSON files a user keeps ("Kick in", "Lead vox SM58").
//
// Each holds values by the path under the channel ("hpf/freq", "eq/2/gain"), for one part:
//
//   whole     input (trim, polarity, delay), HPF, gate, EQ, compressor and its order; a copy
//             also takes the mix (fader, mute, pan and every send);
//   eq        the HPF and the four EQ bands;
//   dynamics  the gate and the compressor (and the EQ/comp order).
//
// Never the name, colour, patch, solo, record arm, DCA or mute-group membership, or the
// stereo link: those say which strip it is, not how it sounds. A paste or a preset load
// checks every value first and changes nothing when one is refused.
#pragma once

#include "params/store.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hr {

enum class ChannelPart { Whole, Eq, Dynamics };
const char* channelPartName(ChannelPart part); // "whole", "eq", "dynamics"
std::optional<ChannelPart> channelPartFromName(const std::string& name);

struct ChannelSettings {
    ChannelPart part = ChannelPart::Whole;
    bool withMix = false;                             // fader, mute, pan and sends too (a copy)
    std::vector<std::pair<std::string, float>> values; // "eq/2/gain" -> -3
};

// `channel` is 1-based. An empty result means no such channel.
ChannelSettings captureChannel(const ParamStore& s, int channel, ChannelPart part, bool withMix);
// Applies every value or none: the count of values that changed, or nullopt with *why.
std::optional<int> applyChannel(ParamStore& s, int channel, const ChannelSettings& settings, Source src, std::string* why);

// A preset file: {"headroom-preset": 1, "part": "eq", "values": {"eq/1/freq": 80, ...}},
// values as a show file writes them (switches and choices by name, "-inf").
nlohmann::ordered_json presetJson(const ParamStore& s, int channel, const ChannelSettings& settings);
// Checks a preset document against the channel it is loaded onto; the reason names the
// value (JSON pointer) and why.
std::optional<ChannelSettings> presetFromJson(const ParamStore& s, int channel, const nlohmann::ordered_json& doc,
                                              std::string* pointer, std::string* why);

// Preset files in a folder: NAME.json. saveChannelPreset writes through a temporary file;
// loadChannelPreset reads, checks and applies, or changes nothing and says why, naming the
// file and line.
std::string presetPath(const std::string& folder, const std::string& name);
bool saveChannelPreset(const ParamStore& s, int channel, ChannelPart part, const std::string& folder,
                       const std::string& name, std::string* why);
std::optional<int> loadChannelPreset(ParamStore& s, int channel, const std::string& folder, const std::string& name,
                                     Source src, std::string* why);
struct PresetListing { std::string name, part; };
std::vector<PresetListing> listChannelPresets(const std::string& folder); // sorted by name

} // namespace hr
