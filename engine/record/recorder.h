// Recorder: every armed input to its own mono WAV, never blocking the audio thread.
//
// audio thread --capture()--> SampleRing per track --disk thread--> libsndfile
//
// A take is a folder "<date>_<time>_<show>" (the show's name as a shell types it: letters,
// digits, '.', '_' and '-' only) holding "NN-Name.wav" per armed channel
// (NN zero-padded to the width of the channel count), "Main-L.wav"/"Main-R.wav" when main
// is armed, and take.json (names, taps, rate, start time, length, dropped samples).
// Files are Broadcast WAV (bext: origination date/time, time reference in samples since
// local midnight), 24-bit
// integer or 32-bit float, written as RF64 that libsndfile turns back into plain WAV on
// close when the file stayed under 4 GiB. Headers are rewritten every second, so a killed
// process leaves files that play up to the last second; `headroom repair` recovers the rest.
// A full disk or a write error stops the take with every file finalised and playable up to
// its last written sample, and leaves audio running.
#pragma once

#include "io/handoff.h"
#include "record/disk_nap.h"
#include "record/sample_ring.h"

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

typedef struct sf_private_tag SNDFILE;

namespace hr {

struct RecordTrack {
    int channel = 0;      // 0-based console channel; -1 main L, -2 main R
    std::string name;     // the channel's name, for the file name
    bool postTap = false; // after the strip's processing (pre-fader) instead of the input
};

struct RecordOptions {
    std::string folder;              // where takes go; the take is a new folder inside
    std::string showName;            // part of the take folder's name
    double sampleRate = 48000.0;
    int channelCount = 16;           // the console's, for the width of NN
    bool floatFormat = false;        // 32-bit float instead of 24-bit integer
    double ringSeconds = 4.0;        // per track; how long the disk may stall without loss
    double headerSeconds = 1.0;      // how often headers are rewritten
    uint64_t startSample = 0;        // the console's sample time at the start (in take.json)
    // The wall-clock start (default: now). bext's TimeReference is the samples since that
    // day's local midnight, as DAWs "spot to original time"; take.json has it too.
    std::chrono::system_clock::time_point startTime{};
};

struct TrackStatus {
    std::string file;
    uint64_t written = 0, dropped = 0;
    double peakFill = 0.0; // most of the ring ever used, 0..1
};

class Recorder {
public:
    Recorder() = default;
    ~Recorder();
    Recorder(const Recorder&) = delete;
    Recorder& operator=(const Recorder&) = delete;

    // control thread: creates the take folder and files, starts the disk thread, then
    // capture. On failure nothing is left running and *error names the path and reason.
    // The track table is rebuilt only once the audio thread has let go of the last one
    // (io/handoff.h); an audio block stuck for over a second refuses the start.
    bool start(const RecordOptions& options, const std::vector<RecordTrack>& tracks, std::string* error);
    void stop();                          // control thread: stop capture, drain, finalise, write take.json
    bool active() const noexcept { return capturing_.load(std::memory_order_seq_cst); } // any thread
    std::string takePath() const { return take_; }
    std::string error() const;            // why the take stopped by itself ("" if it did not)
    std::vector<TrackStatus> status() const;
    double seconds() const;               // length recorded so far
    void setDiskStallForTest(bool stalled) { stall_.store(stalled); } // tests: the writer sleeps

    // audio thread: inside an AudioUse::Scope of audioUse() from before active() to after the
    // block's last call below (Console::process holds one), so nothing below is read while
    // the control thread rebuilds the track table.
    AudioUse& audioUse() noexcept { return use_; }
    // audio thread, inside that scope, when active(): the track each channel feeds (-1 none),
    // and its tap
    int trackOf(int channel) const noexcept { return channel >= 0 && channel < static_cast<int>(byChannel_.size()) ? byChannel_[static_cast<size_t>(channel)] : -1; }
    int mainTrack(int side) const noexcept { return mainTracks_[side]; }
    bool postTap(int track) const noexcept { return tracks_[static_cast<size_t>(track)]->spec.postTap; }
    void capture(int track, const float* samples, int n) noexcept; // never waits; counts what does not fit

private:
    struct Track {
        RecordTrack spec;
        std::string file;
        SNDFILE* sf = nullptr;
        SampleRing ring;
        std::atomic<uint64_t> written{0}, dropped{0};
    };
    void diskLoop();  // the disk thread: diskWrite, and any exception stops the take
    void diskWrite();
    void failStop(const std::string& why); // disk thread: finalise everything
    void closeFiles();
    void writeTakeJson(const std::string& stoppedBy);

    RecordOptions options_;
    std::string take_;
    std::string startedAt_;
    uint64_t timeReference_ = 0; // samples since local midnight at the start
    std::vector<std::unique_ptr<Track>> tracks_;
    std::vector<int> byChannel_;
    int mainTracks_[2] = {-1, -1};
    std::atomic<bool> capturing_{false}, running_{false}, stall_{false};
    AudioUse use_; // the audio thread's blocks that may read the track table
    std::thread disk_;
    DiskNap nap_; // the disk thread's pause between looks, cut short by a stop
    mutable std::mutex errorMutex_;
    std::string error_;
    bool closed_ = true;
};

std::string safeFileName(const std::string& name); // no / \ : or control characters
std::string shellWord(const std::string& name);    // letters, digits, . _ -; other runs become one '-'

// headroom repair TAKE: rewrites the header of every WAV in the take to the samples
// actually on disk. Returns a report ("01-Kick.wav: 12.3 s (was 11.0 s)" per file).
bool repairTake(const std::string& folder, std::string* report, std::string* error);

} // namespace hr
