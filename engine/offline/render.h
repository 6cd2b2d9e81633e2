// Offline render: the console over a multichannel WAV, in blocks of the show's size,
// writing main L/R and any bus to WAV. Repeated renders are bit-identical.
#pragma once

#include "show/show.h"

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

} // namespace hr
