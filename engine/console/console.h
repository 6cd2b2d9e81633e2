// Console: the whole mixing engine of one console shape (DESIGN.md "The signal path").
//
// input patch -> strips (banks of dsp::kLanes) -> sends (tap per bus) -> aux buses -> output patch
//                                    -> pan -> main L/R ----------------------> output patch
// solo (PFL/AFL) replaces the monitor pair while any solo is on; it never changes what
// the buses and main carry.
//
// The parameter tree is read once per block, and only the strips whose parameters
// changed (ParamStore::ownerGeneration). process() never allocates, locks or waits; it
// runs in segments of at most dsp::kTick samples aligned to absolute sample time, so
// the output does not depend on the block size.
#pragma once

#include "console/master_bank.h"
#include "console/meters.h"
#include "console/strip_bank.h"
#include "console/talkback.h"
#include "dsp/echo.h"
#include "dsp/reverb.h"
#include "console/tree.h"
#include "io/handoff.h"
#include "record/player.h"
#include "record/recorder.h"

#include <atomic>
#include <memory>
#include <vector>

namespace hr {

struct StripMeters {
    Meter in;            // after trim, before processing
    Meter out;           // after fader and mute
    GrMeter gate, comp;  // gain reduction, dB
};

struct MasterMeters {
    Meter in[2];  // bus sum before processing: [0] left/mono, [1] right
    Meter out[2]; // after fader and delay
    GrMeter comp; //
};

class Console {
public:
    explicit Console(const ConsoleConfig& config); // control thread: builds the tree
    ~Console();
    Console(const Console&) = delete;
    Console& operator=(const Console&) = delete;

    ConsoleTree& tree() { return tree_; }
    const ConsoleTree& tree() const { return tree_; }
    ParamStore& params() { return tree_.store(); }
    const ParamStore& params() const { return tree_.store(); }
    const ConsoleConfig& config() const { return tree_.config(); }

    void prepare(double sampleRate, int maxBlock); // control thread: sizes everything, allocates
    void reset();                                  // control thread, audio stopped: clears all state,
                                                   // glides jump to the tree's current values
    double sampleRate() const { return sampleRate_; }
    int maxBlock() const { return maxBlock_; }

    // audio thread: in[k] is interface input k (k < numIn), out[k] interface output k.
    // Any frames count; blocks longer than maxBlock are split.
    // playback[c], when given, is channel c's playback source for this call (offline render
    // of a take); otherwise a set Player supplies it.
    void process(const float* const* in, int numIn, float* const* out, int numOut, int frames,
                 const float* const* playback = nullptr) noexcept;
    uint64_t sampleTime() const noexcept { return time_.load(std::memory_order_relaxed); } // any thread
    // audio thread, after process() of at most maxBlock frames: the planar signal an output
    // patch choice carries (0 off, 1-2 main L/R, 3-4 monitor L/R, then bus signals).
    const float* signal(int choice) const noexcept { return &sig_[static_cast<size_t>(choice) * static_cast<size_t>(maxBlock_)]; }
    int busSignalChoice(int bus) const noexcept { return 5 + busSignal_[static_cast<size_t>(bus)]; } // 0-based bus
    int matrixSignalChoice(int m) const noexcept { return tree_.firstMatrixChoice() + matrixSignal_[m]; } // 0-based, its L

    // meters (any thread)
    const StripMeters& channelMeters(int ch) const { return channelMeters_[ch]; } // 0-based
    const MasterMeters& busMeters(int bus) const { return busMeters_[bus]; }      // 0-based
    const MasterMeters& mainMeters() const { return mainMeters_; }
    const MasterMeters& monitorMeters() const { return monitorMeters_; }
    const MasterMeters& matrixMeters(int m) const { return matrixMeters_[m]; }    // 0-based
    const MasterMeters& fxReturnMeters(int k) const { return fxMeters_[k]; }     // 0-based, after its fader
    void clearClips();                   // any thread
    void panic(bool on);                 // any thread: every output to silence (ramped) or back
    bool panicked() const { return panic_.load(); }
    void rampInOutputs();                // any thread: outputs rise from silence (start, show load)
    bool soloActive() const { return soloActive_.load(std::memory_order_relaxed); }

    // control thread: the recorder the audio thread feeds (nullptr: none). Set it before
    // Recorder::start and clear it after Recorder::stop. Returns once no block can still use
    // the one it replaces (io/handoff.h), so that one may then be destroyed; false if an
    // audio block has been running for over a second (then it must be kept).
    bool setRecorder(Recorder* recorder) {
        recorder_.store(recorder, std::memory_order_seq_cst);
        return use_.waitIdle();
    }
    // control thread: the take player feeding channels whose source is playback (nullptr:
    // none); returns as setRecorder does.
    bool setPlayer(Player* player) {
        player_.store(player, std::memory_order_seq_cst);
        return use_.waitIdle();
    }

    // ---- scene fades (console_fades.cpp) ----
    struct FadeTarget { ParamId id; float value; };
    bool fadeable(ParamId id) const { return fadeKind_[id] != FadeKind::None; } // faders, pan, sends
    // control thread: glides these parameters from where they are to `value` over `seconds`,
    // linearly in control position (so -inf glides naturally), on the audio thread; replaces a
    // running fade. Surfaces see the gliding values (Source::Fade); a hand on a control ends
    // that control's fade. Ends are quantised to the smoothing tick (dsp::kTick samples).
    // A plan not yet adopted is withdrawn and the new one written once no block can be
    // reading it (io/handoff.h): at most one block's wait with the stream running, none with
    // it stopped. False, with no fade started, if an audio block has run for over a second.
    bool startFade(const std::vector<FadeTarget>& targets, double seconds);
    void cancelFade(); // control thread: every fading control stays where it is
    bool fading() const { return fading_.load(std::memory_order_acquire); } // any thread

private:
    enum class FadeKind : uint8_t { None, ChannelFader, ChannelPan, SendLevel, SendPan, MasterFader, DcaFader };
    struct FadeEntry {
        ParamId id;
        float fromPos, toPos, lastValue;
        FadeKind kind;
        int index, bus; // channel or master index; bus for sends
    };
    void buildFadeTable();
    void adoptFade() noexcept;
    void applyFades(uint64_t tickEnd) noexcept;
    void dropHandMovedFades() noexcept;
    void endFades() noexcept;

    void readParams() noexcept;
    void readGroups() noexcept;                                      // DCA and mute-group masters
    void channelGroups(int ch, float* dcaDb, bool* muted) const noexcept; // what its groups do to it
    bool busGroupMuted(int bus) const noexcept;
    void readChannel(int ch) noexcept;
    void readMaster(int index) noexcept; // bus index, or buses() for main
    void readGlobal() noexcept;
    void processChunk(const float* const* in, int numIn, const float* const* play, float* const* out, int numOut,
                      int frames) noexcept;
    void runSegment(const float* const* in, int numIn, const float* const* play, int offset, int n) noexcept;
    void publishMeters(int frames) noexcept;

    ConsoleTree tree_;
    double sampleRate_ = 48000.0;
    int maxBlock_ = 0;
    std::atomic<uint64_t> time_{0};
    uint64_t now_ = 0; // audio thread's copy of time_

    std::vector<std::unique_ptr<StripBank>> strips_;
    std::vector<std::unique_ptr<MasterBank>> masters_; // buses at lanes 2b, 2b+1; main after them
    int mainLane_ = 0;
    std::vector<int> busSignal_;  // first send signal of each bus
    int signals_ = 0;

    std::vector<dsp::LaneVec> busAcc_; // [signal][kTick]
    dsp::LaneBuf mainAcc_[2], monitorAcc_[2];
    std::vector<float> sig_;           // planar outputs by output choice: [choice][maxBlock]
    std::vector<const float*> inPtrs_; // per-segment input pointers
    std::vector<int> outChoice_;       // per interface output

    AudioUse use_; // process() is inside it: the fade plan, recorder_ and player_ are in use
    std::atomic<Recorder*> recorder_{nullptr};
    std::atomic<Player*> player_{nullptr};
    std::vector<float> playBuf_;             // [channel][maxBlock] from the player
    std::vector<const float*> playPtrs_;     // per channel, for the current chunk
    Recorder* recording_ = nullptr;    // audio thread: the recorder for this block, if capturing
    float tapScratch_[dsp::kTick] = {};

    std::vector<uint64_t> seenGen_;    // per owner, last generation read
    // DCAs and mute groups (audio thread): a DCA's level adds to each member's fader in dB (so
    // one at 0 dB changes no bit), any DCA or mute-group mute ORs into the member's mute.
    float dcaDb_[kDcas] = {};
    bool dcaMute_[kDcas] = {}, mgrpMute_[kMuteGroups] = {};
    bool dcaFading_ = false;                   // a scene fade moved a DCA: its members are read again
    std::vector<float> channelDcaDb_;          // per channel: the sum of its DCAs, dB
    std::vector<uint8_t> channelGroupMute_;    // per channel: a DCA or mute group mutes it
    std::vector<uint8_t> busGroupMute_;        // per bus: a mute group mutes it
    // Talkback and the generator (audio thread): where each goes.
    TalkGen talkGen_;
    std::vector<uint8_t> talkBus_, genBus_;    // per bus
    bool talkMain_ = false, genMain_ = false;
    void addTalkGen(int n) noexcept;           // into the chosen buses' and main's sums

    // Matrices (console_matrix.cpp): mixes of main and the bus outputs through a MasterBank of
    // their own (EQ, limiter, mute, fader, delay), matrix m on lanes 2m and 2m+1.
    void prepareMatrices(double sampleRate);
    void readMatrices() noexcept;
    void runMatrices(int offset, int n) noexcept;     // after main and the buses are final
    void publishMatrixMeters(int frames) noexcept;
    std::unique_ptr<MasterBank> matrixBank_;
    int matrixSignal_[kMatrices] = {};                // first signal of each, after the first matrix choice
    float mtxGain_[kMatrices][1 + kMaxBuses] = {};    // source gains now: [0] main, [1 + b] bus b
    float mtxTarget_[kMatrices][1 + kMaxBuses] = {};
    dsp::Smoothing mtxGlide_;
    MasterMeters matrixMeters_[kMatrices];

    // FX (console_fx.cpp): each slot takes an aux bus's output and returns in stereo one tick
    // later (the return's sends feed buses whose outputs feed the FX: a tick breaks the loop;
    // the units take the tick off their delay and predelay, so repeats still land on time).
    struct FxSlot {
        dsp::Reverb reverb;
        dsp::Echo echo;
        int type = 0, wanted = 0;              // running and asked-for /fx/K/type (0 off .. 4 delay)
        float size = 1.0f, wantedSize = 1.0f;  // a reverb's size change switches as a type change does
        float fade = 1.0f;                     // output fade for a switch: out, switch, in
        int inBus = -1;                        // 0-based, -1 off
        dsp::ReverbParams reverbParams;
        dsp::EchoParams echoParams;
        uint64_t lastTap = 0;                  // sample time of the last tap
        bool tapSeen = false;
        float ring[2][dsp::kTick] = {};        // the return, a tick late
        float retGain[2] = {}, retTarget[2] = {};     // to main: fader x mute x balance, per side
        float sendGain[kMaxBuses] = {}, sendTarget[kMaxBuses] = {}; // to the buses (pre-fader, muted with it)
        float peak[2] = {}, sumSq[2] = {};     // the return's meters, after its fader
    };
    void prepareFx(double sampleRate);
    void resetFx() noexcept;                    // tails end, gains jump, pending switches done
    void switchFx(FxSlot& slot) noexcept;       // to the asked-for type and size, cleared
    void readFx() noexcept;
    void tapFx(int k, FxSlot& slot) noexcept;   // /fx/K/tap set on: the tempo or time from the last tap
    void addFxReturns(int n) noexcept;          // into main's and the buses' sums, before their masters
    void runFx(int offset, int n) noexcept;     // after the buses are final
    void publishFxMeters(int frames) noexcept;
    std::unique_ptr<FxSlot[]> fx_;
    dsp::Smoothing fxGlide_;
    float fxFadeStep_ = 1.0f;
    MasterMeters fxMeters_[kFxSlots];
    std::vector<uint8_t> channelSolo_, busSolo_, channelDirty_;
    bool afl_ = false;
    std::atomic<bool> soloActive_{false};
    float monitorGain_ = 1.0f, monitorTarget_ = 1.0f;
    float outputGain_ = 1.0f;
    dsp::Smoothing outputRamp_, monitorGlide_; // by time, set in prepare()
    std::atomic<bool> panic_{false};
    std::atomic<bool> rampIn_{false};

    // scene fades: a plan handed over by the control thread, run per tick on the audio thread
    std::vector<FadeKind> fadeKind_;
    std::vector<int> fadeIndex_, fadeBus_;
    std::vector<FadeEntry> fadePending_, fadeActive_; // both sized to every fadeable parameter
    size_t fadePendingCount_ = 0, fadeActiveCount_ = 0;
    double fadePendingSeconds_ = 0.0;
    std::atomic<bool> fadePendingReady_{false};
    std::atomic<bool> fading_{false};
    uint64_t fadeStart_ = 0, fadeLength_ = 0, fadeLastPublish_ = 0;
    bool fadeUnfollow_ = false;

    std::unique_ptr<StripMeters[]> channelMeters_;
    std::unique_ptr<MasterMeters[]> busMeters_;
    MasterMeters mainMeters_, monitorMeters_;
    float monPeak_[2] = {}, monSumSq_[2] = {};
    MeterBallistics ballistics_;
};

} // namespace hr
