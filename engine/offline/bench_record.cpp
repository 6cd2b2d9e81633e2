#include "offline/bench_record.h"

#include "record/player.h"
#include "record/recorder.h"

#include <chrono>
#include <filesystem>
#include <thread>
#include <vector>

namespace hr {

RecordBench benchRecord(const std::string& dir, int tracks, double rate, double seconds, const std::string& playTake) {
    RecordBench r;
    r.tracks = tracks;
    r.rate = rate;
    r.seconds = seconds;
    constexpr int kBlock = 256;
    Recorder rec;
    RecordOptions o;
    o.folder = dir;
    o.showName = "bench";
    o.sampleRate = rate;
    o.channelCount = tracks;
    std::vector<RecordTrack> specs;
    for (int t = 0; t < tracks; ++t) specs.push_back({t, "Track " + std::to_string(t + 1), false});
    Player player;
    if (!playTake.empty()) {
        std::string report;
        if (!player.load(playTake, tracks, std::vector<std::string>(static_cast<size_t>(tracks)), rate, &report, &r.error)) return r;
        player.play();
    }
    if (!rec.start(o, specs, &r.error)) return r;
    r.take = rec.takePath();

    // Noise that is not the same on every track (so nothing compresses it away anywhere).
    std::vector<float> noise(static_cast<size_t>(kBlock) * 64);
    uint32_t seed = 1;
    for (float& v : noise) {
        seed = seed * 1664525u + 1013904223u;
        v = static_cast<float>(static_cast<int32_t>(seed)) / 4294967296.0f;
    }
    std::vector<float> play(static_cast<size_t>(tracks) * kBlock);
    std::vector<float*> playPtrs(static_cast<size_t>(tracks));
    for (int t = 0; t < tracks; ++t) playPtrs[static_cast<size_t>(t)] = &play[static_cast<size_t>(t) * kBlock];

    const auto period = std::chrono::duration<double>(kBlock / rate);
    auto next = std::chrono::steady_clock::now();
    const auto start = next;
    const long blocks = static_cast<long>(seconds * rate / kBlock);
    for (long b = 0; b < blocks; ++b) {
        for (int t = 0; t < tracks; ++t)
            rec.capture(t, &noise[static_cast<size_t>((b + t) % 64) * kBlock], kBlock);
        if (!playTake.empty()) player.pull(playPtrs.data(), tracks, kBlock);
        next += std::chrono::duration_cast<std::chrono::steady_clock::duration>(period);
        std::this_thread::sleep_until(next);
    }
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (const TrackStatus& s : rec.status()) {
        r.dropped += s.dropped;
        r.peakRingFill = std::max(r.peakRingFill, s.peakFill);
    }
    rec.stop();
    uint64_t bytes = 0;
    for (const TrackStatus& s : rec.status()) bytes += s.written * 3;
    r.megabytesPerSecond = double(bytes) / 1e6 / elapsed;
    r.underruns = player.underruns();
    r.error = rec.error();
    return r;
}

} // namespace hr
