#include "offline/render.h"

#include "record/take.h"

#include <sndfile.h>

#include <algorithm>
#include <filesystem>
#include <memory>
#include <set>

namespace hr {

namespace {

struct SndfileCloser {
    void operator()(SNDFILE* f) const { if (f) sf_close(f); }
};
using SndfilePtr = std::unique_ptr<SNDFILE, SndfileCloser>;

SndfilePtr openOutput(const std::string& path, int channels, int rate, SampleFormat format, std::string* error) {
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = channels;
    info.format = SF_FORMAT_WAV | (format == SampleFormat::Float32 ? SF_FORMAT_FLOAT : SF_FORMAT_PCM_24);
    SndfilePtr f(sf_open(path.c_str(), SFM_WRITE, &info));
    if (!f) *error = path + ": cannot write: " + sf_strerror(nullptr);
    return f;
}

// The show's console at a file's rate: false with *error when the console cannot run at it
// (a header may say anything: 1 Hz, 2 GHz).
bool consoleAtRate(ConsoleConfig cfg, int rate, const std::string& path, ConsoleConfig* out, std::string* error) {
    cfg.sampleRate = rate;
    if (const std::string why = cfg.validate(); !why.empty()) {
        *error = path + ": " + std::to_string(rate) + " Hz: " + why;
        return false;
    }
    *out = cfg;
    return true;
}

struct BusOut { bool matrix; int index; int width; SndfilePtr file; }; // a --bus or --mtx file, 1-based index

// Opens the --bus and --mtx files: false with *error naming the bus, matrix or file.
bool openBusOutputs(const RenderJob& job, const ConsoleConfig& cfg, int rate, std::vector<BusOut>* outs, std::string* error) {
    for (const auto& [bus, path] : job.buses) {
        if (bus < 1 || bus > cfg.buses()) {
            *error = "--bus " + std::to_string(bus) + ": the show has " + std::to_string(cfg.buses()) + " buses";
            return false;
        }
        const int width = cfg.busWidths[static_cast<size_t>(bus - 1)];
        SndfilePtr f = openOutput(path, width, rate, job.format, error);
        if (!f) return false;
        outs->push_back({false, bus, width, std::move(f)});
    }
    for (const auto& [m, path] : job.matrices) {
        if (m < 1 || m > kMatrices) {
            *error = "--mtx " + std::to_string(m) + ": the matrices are 1.." + std::to_string(kMatrices);
            return false;
        }
        const int width = cfg.matrixWidths[static_cast<size_t>(m - 1)];
        SndfilePtr f = openOutput(path, width, rate, job.format, error);
        if (!f) return false;
        outs->push_back({true, m, width, std::move(f)});
    }
    return true;
}

int choiceOf(const Console& console, const BusOut& b) {
    return b.matrix ? console.matrixSignalChoice(b.index - 1) : console.busSignalChoice(b.index - 1);
}

// Writes n frames of `l` (and `r` when stereo) to f.
bool writeFrames(SNDFILE* f, const float* l, const float* r, int n, std::vector<float>& buf) {
    for (int i = 0; i < n; ++i) {
        buf[static_cast<size_t>(i) * (r ? 2 : 1)] = l[i];
        if (r) buf[static_cast<size_t>(i) * 2 + 1] = r[i];
    }
    return sf_writef_float(f, buf.data(), n) == n;
}

// A take folder as the input: every channel with a track plays it (virtual soundcheck),
// exactly as the player feeds a live console.
RenderResult renderTake(const RenderJob& job, const Show& show) {
    RenderResult result;
    ConsoleConfig cfg = show.config;
    if (job.blockSize > 0) cfg.blockSize = job.blockSize;
    std::vector<std::string> names(static_cast<size_t>(cfg.channels));
    {
        Console probe(cfg);
        applyShow(show, probe);
        for (int c = 0; c < cfg.channels; ++c) names[static_cast<size_t>(c)] = probe.params().text(probe.tree().channels[static_cast<size_t>(c)].name);
    }
    TakeReader take;
    std::string report;
    if (!take.open(job.inputPath, cfg.channels, names, &report, &result.error) ||
        !consoleAtRate(cfg, static_cast<int>(take.sampleRate()), job.inputPath, &cfg, &result.error))
        return result;
    Console console(cfg);
    applyShow(show, console);
    for (int c = 0; c < cfg.channels; ++c)
        if (take.hasTrack(c)) console.params().set(console.tree().channels[static_cast<size_t>(c)].source, 3.0f, Source::Engine);
    console.reset();
    result.notes = "take tracks:\n" + report;

    std::string error;
    SndfilePtr mainOut = openOutput(job.mainPath, 2, static_cast<int>(cfg.sampleRate), job.format, &error);
    if (!mainOut) {
        result.error = error;
        return result;
    }
    std::vector<BusOut> busOuts;
    if (!openBusOutputs(job, cfg, static_cast<int>(cfg.sampleRate), &busOuts, &result.error)) return result;
    const int block = cfg.blockSize;
    std::vector<float> planar(static_cast<size_t>(cfg.channels) * block), buf(static_cast<size_t>(block) * 2);
    std::vector<float*> ptrs(static_cast<size_t>(cfg.channels));
    for (int c = 0; c < cfg.channels; ++c) ptrs[static_cast<size_t>(c)] = &planar[static_cast<size_t>(c) * block];
    for (int64_t done = 0; done < take.frames(); done += block) {
        const int n = static_cast<int>(std::min<int64_t>(block, take.frames() - done));
        if (!take.read(ptrs.data(), n)) {
            result.error = job.inputPath + ": read failed";
            return result;
        }
        console.process(nullptr, 0, nullptr, 0, n, ptrs.data());
        bool ok = writeFrames(mainOut.get(), console.signal(1), console.signal(2), n, buf);
        for (auto& b : busOuts) {
            const int choice = choiceOf(console, b);
            ok = ok && writeFrames(b.file.get(), console.signal(choice), b.width == 2 ? console.signal(choice + 1) : nullptr, n, buf);
        }
        if (!ok) {
            result.error = "write failed (is the disk full?)";
            return result;
        }
        if (job.progress && (done / block) % 256 == 0) job.progress(double(done) / double(take.frames()));
    }
    if (job.progress) job.progress(1.0);
    result.ok = true;
    result.frames = take.frames();
    result.seconds = double(take.frames()) / cfg.sampleRate;
    return result;
}

} // namespace

RenderResult render(const RenderJob& job) {
    RenderResult result;
    ShowError showError;
    auto show = loadShowFile(job.showPath, &showError);
    if (!show) {
        result.error = showError.message();
        return result;
    }

    if (std::filesystem::is_directory(job.inputPath)) return renderTake(job, *show);
    RenderInput in;
    if (!in.open(job.inputPath, show->config, job.blockSize, &result.error)) return result;
    const int fileChannels = in.channels();

    // The console runs at the file's rate; the show's times and frequencies are in natural units.
    const ConsoleConfig& cfg = in.config();
    const int rate = static_cast<int>(cfg.sampleRate);
    Console console(cfg);
    applyShow(*show, console);
    console.reset(); // start exactly at the show's values

    // Every strip that listens to an interface input must find it in the file.
    std::set<int> used;
    for (int c = 0; c < cfg.channels; ++c) {
        const ChannelIds& ids = console.tree().channels[static_cast<size_t>(c)];
        const int input = static_cast<int>(console.params().get(ids.input));
        const bool live = console.params().get(ids.source) < 0.5f;
        if (input <= 0 || !live) continue;
        if (input > fileChannels) {
            result.error = job.inputPath + ": has " + std::to_string(fileChannels) + " channels, but /ch/" +
                           std::to_string(c + 1) + " (" + console.params().text(ids.name) + ") is patched to input " +
                           std::to_string(input) + "; give a file with at least " + std::to_string(input) +
                           " channels or repatch the channel";
            return result;
        }
        used.insert(input);
    }
    std::string unused;
    for (int k = 1; k <= fileChannels; ++k)
        if (!used.count(k)) unused += (unused.empty() ? "" : ",") + std::to_string(k);
    if (!unused.empty()) result.notes = "input channels not patched to any strip: " + unused;

    std::string error;
    SndfilePtr mainOut = openOutput(job.mainPath, 2, rate, job.format, &error);
    if (!mainOut) {
        result.error = error;
        return result;
    }
    std::vector<BusOut> busOuts;
    if (!openBusOutputs(job, cfg, rate, &busOuts, &result.error)) return result;

    const int block = cfg.blockSize;
    std::vector<float> outBuf(static_cast<size_t>(block) * 2);
    const int64_t total = in.frames();
    int64_t done = 0;
    for (int n; (n = in.read()) > 0;) {
        console.process(in.planar(), fileChannels, nullptr, 0, n);
        bool ok = writeFrames(mainOut.get(), console.signal(1), console.signal(2), n, outBuf);
        for (auto& b : busOuts) {
            const int choice = choiceOf(console, b);
            ok = ok && writeFrames(b.file.get(), console.signal(choice), b.width == 2 ? console.signal(choice + 1) : nullptr, n, outBuf);
        }
        if (!ok) {
            result.error = "write failed: " + std::string(sf_strerror(mainOut.get()));
            return result;
        }
        done += n;
        if (job.progress && total > 0 && (done / block) % 256 == 0) job.progress(double(done) / double(total));
    }
    if (job.progress) job.progress(1.0);
    result.ok = true;
    result.frames = done;
    result.seconds = double(done) / rate;
    return result;
}

// ---- the input WAV -------------------------------------------------------------------------

RenderInput::~RenderInput() {
    if (file_) sf_close(file_);
}

bool RenderInput::open(const std::string& path, const ConsoleConfig& show, int blockSize, std::string* error) {
    SF_INFO info{};
    file_ = sf_open(path.c_str(), SFM_READ, &info);
    if (!file_) {
        *error = path + ": cannot read: " + sf_strerror(nullptr);
        return false;
    }
    ConsoleConfig cfg = show;
    if (blockSize > 0) cfg.blockSize = blockSize;
    if (!consoleAtRate(cfg, info.samplerate, path, &config_, error)) return false;
    channels_ = info.channels;
    frames_ = info.frames;
    const size_t block = static_cast<size_t>(config_.blockSize);
    interleaved_.assign(block * static_cast<size_t>(channels_), 0.0f);
    planar_.assign(block * static_cast<size_t>(channels_), 0.0f);
    ptrs_.resize(static_cast<size_t>(channels_));
    for (size_t k = 0; k < ptrs_.size(); ++k) ptrs_[k] = &planar_[k * block];
    return true;
}

int RenderInput::read() {
    const int block = config_.blockSize;
    const sf_count_t got = file_ ? sf_readf_float(file_, interleaved_.data(), block) : 0;
    if (got <= 0) return 0;
    const int n = static_cast<int>(got);
    for (int i = 0; i < n; ++i)
        for (int k = 0; k < channels_; ++k)
            planar_[static_cast<size_t>(k) * block + i] = interleaved_[static_cast<size_t>(i) * channels_ + k];
    return n;
}

} // namespace hr
