// Parameter specs: what a parameter is (path, unit, range, default, taper, group)
// and the one value grammar every surface uses to print and parse it.
//
// Values are kept in natural units (dB, Hz, ms, ratio, pan -1..+1). A switch is
// 0/1, a choice is its index, a count is a whole number; text lives beside the
// numbers (see store.h). Minus infinity is a real value for levels ("-inf").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hr {

enum class Unit : uint8_t {
    Db,     // decibels; levels may allow -inf
    Hz,     // frequency
    Ms,     // time
    Ratio,  // compressor/expander ratio n:1; may allow +inf printed as "limit"
    Pan,    // -1 (left) .. +1 (right)
    Q,      // filter quality, unitless
    Switch, // off | on
    Choice, // index into spec.choices
    Count,  // a whole number (patch points)
    Text,   // a name; never read by the audio thread
    Seconds, // long times: a reverb's decay
    Percent, // 0..100 (feedback, diffusion, damping, size)
    Bpm,     // tempo, beats per minute
};

enum class Taper : uint8_t {
    Linear, // position maps linearly onto min..max
    Log,    // position maps onto log(min)..log(max)
    Fader,  // console fader law: -inf at 0, 0 dB at 0.75, +10 dB at 1 (X32 OSC law)
    Ratio,  // log 1..max over 0..0.95; the top of travel is "limit"
    Steps,  // switches, choices, counts: evenly spaced steps
};

// What part of a strip a parameter belongs to: the unit of recall scope (DESIGN.md).
enum class Group : uint8_t {
    Input, Hpf, Gate, Eq, Comp, Fader, Sends, Names, Patch, Solo, Osc, Record, Config,
    Dca,        // /dca/D/*, /ch/N/dca/D membership
    MuteGroups, // /mgrp/G/*, /ch/N/mgrp/G and /bus/B/mgrp/G membership
    Fx,         // /fx/K/*, /fxret/K/*
    Matrix,     // /mtx/M/*
    Talk,       // /talk/*, /gen/*
};
constexpr Group kLastGroup = Group::Talk; // for loops over every group

const char* groupName(Group g);                       // "input", "hpf", ... as scopes name them
std::optional<Group> groupFromName(std::string_view); // inverse of groupName

struct ParamSpec {
    std::string path;                 // "/ch/3/eq/2/gain", stable across shape changes
    Unit unit = Unit::Db;             //
    Taper taper = Taper::Linear;      //
    Group group = Group::Input;       //
    float minValue = 0.0f;            // lowest finite value
    float maxValue = 1.0f;            // highest finite value
    float defaultValue = 0.0f;        // value of a new console (may be -inf)
    bool allowsNegInf = false;        // Db: -inf below minValue (faders, sends)
    bool allowsPosInf = false;        // Ratio: +inf above maxValue ("limit")
    std::vector<std::string> choices; // Choice/Switch names, by index
    std::string textDefault;          // Text: the default text

    bool isText() const { return unit == Unit::Text; }
    bool isDiscrete() const { return unit == Unit::Switch || unit == Unit::Choice || unit == Unit::Count; }

    float toPosition(float value) const;   // value -> 0..1 control travel (GUI, MCU, MIDI, OSC)
    float fromPosition(float pos) const;   // 0..1 travel -> value; clamps pos
    bool inRange(float value) const;       // value is allowed (range, infinities, whole steps)
    float clamp(float value) const;        // nearest allowed value (NaN -> default)
    std::string format(float value) const; // "-6.0 dB", "-inf dB", "80 Hz", "on", "pre", "limit"
    std::string formatBare(float value) const; // as format() without the unit: "-6.0", "on"

    // Parses the value grammar of DECISIONS.md: "-6", "-6dB", "1k", "1kHz", "250ms", "-inf",
    // "limit", "on"/"off", a choice name. Returns the value, or nullopt and sets *why to a
    // reason that reads after the path ("'banana' is not a level in dB").
    std::optional<float> parse(std::string_view text, std::string* why) const;
};

// Common spec builders; ranges and tapers follow the console, not the GUI.
ParamSpec levelSpec(std::string path, Group g, float defDb, float maxDb = 10.0f); // -inf..max, fader law
ParamSpec gainSpec(std::string path, Group g, float minDb, float maxDb, float defDb); // linear dB
ParamSpec freqSpec(std::string path, Group g, float minHz, float maxHz, float defHz);  // log Hz
ParamSpec timeSpec(std::string path, Group g, float minMs, float maxMs, float defMs, Taper t);
ParamSpec switchSpec(std::string path, Group g, bool def);
ParamSpec choiceSpec(std::string path, Group g, std::vector<std::string> choices, int def);
ParamSpec textSpec(std::string path, Group g, std::string def);

float dbToGain(float db); // -inf -> 0
float gainToDb(float gain); // 0 -> -inf

} // namespace hr
