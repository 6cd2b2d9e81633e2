// TakeReader: a recorded take folder opened for reading, its tracks mapped onto a
// console's channels by number (take.json), with a report of what matched. Used by the
// player's disk thread and by offline render; reading is synchronous, one block at a time.
#pragma once

#include <sndfile.h>

#include <string>
#include <vector>

namespace hr {

// A take in a record folder, as `takes` lists it and the GUI's takes list shows it.
struct TakeInfo {
    std::string path, name;  // the folder, and its name
    double seconds = -1.0;   // length from take.json (-1: unknown)
    int tracks = 0;
    std::string start;       // take.json's start ("2026-12-07T20:45:00"), or ""
    bool recording = false;  // take.json says it is still being recorded (or was cut short)
};
// The takes in `folder` (sub-folders with a take.json), oldest first (their names start
// with the date and time). A take.json that cannot be read still lists its folder.
std::vector<TakeInfo> listTakes(const std::string& folder);
// A take named as `play` takes it: N (1-based, as listTakes numbers them), latest, a folder
// name in `folder`, or a path. "" with *error when there is no such take.
std::string findTake(const std::string& folder, const std::string& which, std::string* error);

class TakeReader {
public:
    TakeReader() = default;
    ~TakeReader();
    TakeReader(const TakeReader&) = delete;
    TakeReader& operator=(const TakeReader&) = delete;

    // Opens the take and maps its tracks onto channels 1..channels by the channel number in
    // take.json (or NN- in the file name). *report says, per channel, which file feeds it,
    // which channels get no track and which tracks have no channel; names that differ are
    // noted. Returns false with *error when the folder is not a take.
    bool open(const std::string& folder, int channels, const std::vector<std::string>& channelNames,
              std::string* report, std::string* error);

    double sampleRate() const { return rate_; }
    int64_t frames() const { return frames_; }            // the longest track
    bool hasTrack(int channel) const { return channel >= 0 && channel < static_cast<int>(byChannel_.size()) && byChannel_[static_cast<size_t>(channel)] >= 0; }

    bool seek(int64_t frame);                              // every track to this frame
    // Reads n frames of every mapped channel into out[channel] (planar, stride n); past the
    // end of a track gives silence. Returns false on a read error.
    bool read(float* const* out, int n);

private:
    struct Track { std::string file; int channel; SNDFILE* sf = nullptr; int64_t frames = 0; };
    std::vector<Track> tracks_;
    std::vector<int> byChannel_; // channel -> track index or -1
    double rate_ = 48000.0;
    int64_t frames_ = 0, pos_ = 0;
};

} // namespace hr
