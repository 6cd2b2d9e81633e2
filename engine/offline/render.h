// Offline render: the console over a multichannel WAV, in blocks of the show's size,
// writing main L/R and any bus to WAV. Repeated renders are bit-identical.
#pragma once

#include "show/show.h"

#include <sndfile.h>

#include <functional>
#include <string>
#include <vector>

namespace hr {

enum class SampleFormat { Pcm24, Float32 };

struct RenderJob {
    std::string showPath;                            // show file
    std::string inputPath;                           // N-channel WAV: channel k is interface input k
    std::string mainPath;                            // main L/R out, stereo
    std::vector<std::pair<int, std::string>> buses;  // 1-based bus number -> file (mono or stereo)
    std::vector<std::pair<int, std::string>> matrices; // 1-based matrix number -> file (mono or stereo)
    SampleFormat format = SampleFormat::Pcm24;
    int blockSize = 0;                               // 0: the show's preferred block size
    std::function<void(double)> progress;            // 0..1, called now and then (may be empty)
};

struct RenderResult {
    bool ok = false;
    std::string error;     // names the file and the reason
    std::string notes;     // e.g. input channels that no strip uses
    int64_t frames = 0;
    double seconds = 0.0;  // length of the material
};

RenderResult render(const RenderJob& job);

// The multichannel WAV render() reads: opened and checked against the show, then read a
// block at a time into planar channels (control thread).
class RenderInput {
public:
    RenderInput() = default;
    ~RenderInput();
    RenderInput(const RenderInput&) = delete;
    RenderInput& operator=(const RenderInput&) = delete;

    // False with *error naming the file: unreadable, or at a rate the console cannot run at.
    // blockSize 0: the show's.
    bool open(const std::string& path, const ConsoleConfig& show, int blockSize, std::string* error);
    const ConsoleConfig& config() const { return config_; } // the show's shape at the file's rate and the block size
    int channels() const { return channels_; }              // the file's: channel k is interface input k
    int64_t frames() const { return frames_; }              // as the header says; read() finds what is there
    int read();                                             // the next block (frames read, 0 at the end) into planar()
    const float* const* planar() const { return ptrs_.data(); }

private:
    SNDFILE* file_ = nullptr;
    ConsoleConfig config_;
    int channels_ = 0;
    int64_t frames_ = 0;
    std::vector<float> interleaved_, planar_;
    std::vector<const float*> ptrs_;
};

} // namespace hr
