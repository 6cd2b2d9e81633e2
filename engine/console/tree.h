// The console's shape and its parameter tree.
//
// ConsoleConfig is the shape (channel and bus counts, bus widths, interface I/O); the tree
// is every adjustable value of a console of that shape (DESIGN.md "The parameter tree"),
// built once into a ParamStore. The *Ids structs name each parameter's id so the engine
// never looks paths up at run time.
#pragma once

#include "params/store.h"

#include <string>
#include <vector>

namespace hr {

constexpr int kMaxChannels = 128;
constexpr int kMaxBuses = 64;
constexpr int kMaxIo = 256;   // interface inputs or outputs
constexpr int kEqBands = 4;
constexpr int kDcas = 16;      // /dca/1..16 (a Yamaha CL's count; an X32 has 8)
constexpr int kMuteGroups = 8; // /mgrp/1..8
constexpr int kMatrices = 8;   // /mtx/1..8
constexpr int kFxSlots = 4;    // /fx/1..4, each returning on /fxret/K

struct ConsoleConfig {
    double sampleRate = 48000.0;  // the show's rate; the device's rate wins when live
    int channels = 16;            // 1..128
    std::vector<int> busWidths = std::vector<int>(8, 1); // 1 (mono) or 2 (stereo) per aux bus
    int inputs = 16;              // interface inputs the patch can use
    int outputs = 16;             // interface outputs the patch can feed
    int blockSize = 64;           // preferred block size for render
    std::vector<int> matrixWidths = std::vector<int>(kMatrices, 1); // 1 (mono) or 2 (stereo) per matrix

    int buses() const { return static_cast<int>(busWidths.size()); }
    std::string validate() const; // "" when valid, else the reason
};

enum class SourceKind : uint8_t { Live, Sine, Pink, Playback }; // /ch/N/source
enum class SendTap : uint8_t { PreEq, PreFader, PostFader };   // /ch/N/send/B/tap
enum class DynOrder : uint8_t { EqComp, CompEq };               // /ch/N/order
enum class GateMode : uint8_t { Gate, Expander };               // /ch/N/gate/mode

struct EqBandIds { ParamId on, type, freq, gain, q; }; // type is kNoParam on peak-only bands
struct CompIds { ParamId on, threshold, ratio, knee, attack, release, makeup, autoMakeup; };
struct SendIds { ParamId level, on, tap, pan; }; // pan is kNoParam on mono buses

constexpr ParamId kNoParam = 0xffffffffu;

struct ChannelIds {
    ParamId name, colour, input, source, oscFreq, oscLevel;
    ParamId trim, polarity, delay;
    ParamId hpfOn, hpfFreq, hpfSlope;
    ParamId gateOn, gateMode, gateThreshold, gateRange, gateRatio, gateAttack, gateHold, gateRelease;
    ParamId eqOn;
    EqBandIds eq[kEqBands];
    CompIds comp;
    ParamId order, mute, fader, pan, solo, link; // link is kNoParam on even channels
    ParamId recArm, recTap;                      // /ch/N/rec/arm, /ch/N/rec/tap input|post
    ParamId dca[kDcas];                          // /ch/N/dca/D: member of DCA D
    ParamId mgrp[kMuteGroups];                   // /ch/N/mgrp/G: member of mute group G
    std::vector<SendIds> sends;                  // one per bus
};

struct MasterIds { // a bus master or main L/R
    ParamId name, colour, eqOn;
    EqBandIds eq[kEqBands];
    CompIds comp;
    ParamId mute, fader, delay, solo; // solo is kNoParam on main
    ParamId mgrp[kMuteGroups];        // /bus/B/mgrp/G; kNoParam on main
};

struct DcaIds { ParamId fader, mute, name, colour; }; // /dca/D/...
struct MuteGroupIds { ParamId mute, name; };          // /mgrp/G/...
struct MatrixIds { // /mtx/M/...: a mix of main and the buses with its own processing
    ParamId name, colour, eqOn;
    EqBandIds eq[kEqBands];
    ParamId limitOn, limitThreshold, limitRelease; // a brick-wall limiter (a compressor at ratio limit)
    ParamId mute, fader, delay;                    // delay 0..500 ms, for delay towers and fills
    ParamId srcMain;                               // /mtx/M/src/main level
    std::vector<ParamId> srcBus;                   // /mtx/M/src/bus/B level, one per bus
};
struct FxIds { // /fx/K/...: one effect, fed from an aux bus
    ParamId in, type;                                           // in: bus number, 0 off
    ParamId decay, predelay, size, damping, diffusion;          // reverbs
    ParamId time, division, tempo, tap, feedback, pingpong;     // delay
    ParamId lowcut, highcut;                                    // both
};
// Quarter notes per /fx/K/division choice (1/1 = 4, 1/8. = 0.75, 1/8T = 1/3); 0 for off.
double divisionBeats(int choice);

struct FxReturnIds { // /fxret/K/...: the effect's stereo return, summed into main
    ParamId name, colour, fader, mute, balance;
    std::vector<ParamId> send;                                  // /fxret/K/send/B/level
};
struct TalkIds {                                       // /talk/...
    ParamId input, on, level, main, dim;
    std::vector<ParamId> bus;                          // /talk/bus/B, one per bus
};
struct GenIds {                                        // /gen/... (the line-check generator)
    ParamId type, freq, level, main;
    std::vector<ParamId> bus;                          // /gen/bus/B
};

// Output patch choices: what an interface output carries.
struct OutputSignal { std::string name; int kind; int index; }; // kind: see tree.cpp

class ConsoleTree {
public:
    explicit ConsoleTree(const ConsoleConfig& config); // builds and freezes the store

    const ConsoleConfig& config() const { return config_; }
    ParamStore& store() { return store_; }
    const ParamStore& store() const { return store_; }

    std::vector<ChannelIds> channels;      // [0..channels)
    std::vector<MasterIds> buses;          // [0..buses)
    MasterIds main;                        //
    ParamId monitorMode, monitorLevel;     // /monitor/mode pfl|afl, /monitor/level
    ParamId mainRecArm;                    // /main/rec/arm: main L/R to Main-L.wav, Main-R.wav
    std::vector<ParamId> outputs;          // /out/K/source, one per interface output
    std::vector<std::string> outputChoices; // names of what an output can carry
    DcaIds dcas[kDcas];                    // /dca/1..16
    MuteGroupIds muteGroups[kMuteGroups];  // /mgrp/1..8
    MatrixIds matrices[kMatrices];         // /mtx/1..8
    FxIds fx[kFxSlots];                    // /fx/1..4
    FxReturnIds fxReturns[kFxSlots];       // /fxret/1..4
    TalkIds talk;                          //
    GenIds gen;                            //

    // Owners for ParamStore::ownerGeneration: which strip a parameter belongs to.
    uint32_t channelOwner(int ch) const { return static_cast<uint32_t>(ch); }
    uint32_t busOwner(int bus) const { return static_cast<uint32_t>(config_.channels + bus); }
    uint32_t mainOwner() const { return static_cast<uint32_t>(config_.channels + config_.buses()); }
    uint32_t globalOwner() const { return mainOwner() + 1; }
    uint32_t groupOwner() const { return mainOwner() + 2; } // DCA and mute-group masters
    uint32_t matrixOwner() const { return mainOwner() + 3; } // every matrix
    uint32_t fxOwner() const { return mainOwner() + 4; }     // every FX slot and return
    uint32_t ownerCount() const { return fxOwner() + 1; }
    int firstMatrixChoice() const { return firstMatrixChoice_; } // output choice of matrix 1 (its L)

private:
    int firstMatrixChoice_ = 0;
    ConsoleConfig config_;
    ParamStore store_;
};

} // namespace hr
