// Recorder: take folders, Broadcast WAV/RF64 files, the disk thread, failure handling,
// and repair of takes cut short.
//
// Sections: names, start, capture, the disk thread, stop and failure, take.json, repair.
#include "record/recorder.h"

#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <cctype>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>

namespace hr {

namespace fs = std::filesystem;

// ---- names -------------------------------------------------------------------------------

std::string safeFileName(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (c < 32 || c == '/' || c == '\\' || c == ':' || c == '*' || c == '?' || c == '"' || c == '<' ||
            c == '>' || c == '|' || c == 127)
            out += '_';
        else
            out += static_cast<char>(c);
    }
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out.empty() ? "untitled" : out;
}

std::string shellWord(const std::string& name) {
    std::string out;
    for (unsigned char c : name) {
        if (std::isalnum(c) != 0 && c < 128) out += static_cast<char>(c);
        else if (c == '.' || c == '_' || (c == '-' && (out.empty() || out.back() != '-'))) out += static_cast<char>(c);
        else if (!out.empty() && out.back() != '-') out += '-';
        if (out.size() >= 48) break;
    }
    while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
    while (!out.empty() && (out.front() == '-' || out.front() == '.')) out.erase(out.begin()); // not an option, not hidden
    return out.empty() ? "untitled" : out;
}

// ---- start -------------------------------------------------------------------------------

Recorder::~Recorder() { stop(); }

bool Recorder::start(const RecordOptions& o, const std::vector<RecordTrack>& specs, std::string* error) {
    stop();
    // capturing_ is false: once every block that may have seen it true has ended, no block
    // reads the track table, and it can be rebuilt.
    if (!use_.waitIdle()) {
        *error = "not started: the audio thread has not finished its block with the last take (over a second)";
        return false;
    }
    options_ = o;
    {
        std::lock_guard<std::mutex> lock(errorMutex_);
        error_.clear();
    }
    if (specs.empty()) {
        *error = "no track is armed (arm all, or arm 1 2 3)";
        return false;
    }
    const auto startTime = o.startTime == std::chrono::system_clock::time_point{} ? std::chrono::system_clock::now() : o.startTime;
    const std::time_t now = std::chrono::system_clock::to_time_t(startTime);
    std::tm local{};
    localtime_r(&now, &local);
    {
        // Samples since local midnight: the whole seconds of the clock, plus the part of one.
        const auto whole = std::chrono::system_clock::from_time_t(now);
        const double fraction = std::chrono::duration<double>(startTime - whole).count();
        const double sinceMidnight = local.tm_hour * 3600.0 + local.tm_min * 60.0 + local.tm_sec + fraction;
        timeReference_ = static_cast<uint64_t>(std::llround(std::max(0.0, sinceMidnight) * o.sampleRate));
    }
    char stamp[32], date[16], time[16];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%d_%H-%M-%S", &local);
    std::strftime(date, sizeof date, "%Y-%m-%d", &local);
    std::strftime(time, sizeof time, "%H:%M:%S", &local);
    startedAt_ = std::string(date) + "T" + time;
    const std::string show = shellWord(o.showName);
    take_ = (fs::path(o.folder) / (std::string(stamp) + "_" + show)).string();
    std::error_code ec;
    // Two takes in one second: number them. Bounded: a path the OS reads otherwise than it
    // is spelt (cut at a NUL byte) may always exist; the create below then says so.
    for (int n = 2; fs::exists(take_, ec) && n < 1000; ++n)
        take_ = (fs::path(o.folder) / (std::string(stamp) + "_" + show + "_" + std::to_string(n))).string();
    if (!fs::create_directories(take_, ec)) {
        *error = take_ + ": cannot create the take folder: " + ec.message();
        return false;
    }

    const int width = static_cast<int>(std::to_string(std::max(1, o.channelCount)).size());
    tracks_.clear();
    byChannel_.assign(static_cast<size_t>(std::max(0, o.channelCount)), -1);
    mainTracks_[0] = mainTracks_[1] = -1;
    const size_t ringSamples = static_cast<size_t>(o.ringSeconds * o.sampleRate);
    for (const RecordTrack& spec : specs) {
        auto t = std::make_unique<Track>();
        t->spec = spec;
        char nn[16];
        std::snprintf(nn, sizeof nn, "%0*d", width, spec.channel + 1);
        const std::string base = spec.channel >= 0 ? std::string(nn) + "-" + safeFileName(spec.name)
                                                   : std::string(spec.channel == -1 ? "Main-L" : "Main-R");
        t->file = (fs::path(take_) / (base + ".wav")).string();
        SF_INFO info{};
        info.samplerate = static_cast<int>(o.sampleRate);
        info.channels = 1;
        info.format = SF_FORMAT_RF64 | (o.floatFormat ? SF_FORMAT_FLOAT : SF_FORMAT_PCM_24);
        t->sf = sf_open(t->file.c_str(), SFM_WRITE, &info);
        if (!t->sf) {
            *error = t->file + ": cannot create: " + sf_strerror(nullptr);
            closeFiles();
            return false;
        }
        sf_command(t->sf, SFC_RF64_AUTO_DOWNGRADE, nullptr, SF_TRUE); // plain WAV if it stays under 4 GiB
        SF_BROADCAST_INFO bext{};
        std::snprintf(bext.description, sizeof bext.description, "%s", spec.name.c_str());
        std::snprintf(bext.originator, sizeof bext.originator, "headroom");
        std::memcpy(bext.origination_date, date, 10);
        std::memcpy(bext.origination_time, time, 8);
        bext.time_reference_low = static_cast<uint32_t>(timeReference_ & 0xffffffffu);
        bext.time_reference_high = static_cast<uint32_t>(timeReference_ >> 32);
        bext.version = 1;
        sf_command(t->sf, SFC_SET_BROADCAST_INFO, &bext, sizeof bext);
        t->ring.allocate(ringSamples);
        if (spec.channel >= 0 && spec.channel < o.channelCount) byChannel_[static_cast<size_t>(spec.channel)] = static_cast<int>(tracks_.size());
        if (spec.channel < 0) mainTracks_[spec.channel == -1 ? 0 : 1] = static_cast<int>(tracks_.size());
        tracks_.push_back(std::move(t));
    }
    closed_ = false;
    writeTakeJson("");
    running_.store(true);
    nap_.arm();
    disk_ = std::thread([this] { diskLoop(); });
    capturing_.store(true, std::memory_order_release);
    return true;
}

// ---- capture (audio thread) ----------------------------------------------------------------

void Recorder::capture(int track, const float* samples, int n) noexcept {
    if (!capturing_.load(std::memory_order_relaxed) || track < 0) return; // a failStop on the disk thread
    Track& t = *tracks_[static_cast<size_t>(track)];
    const size_t wrote = t.ring.write(samples, static_cast<size_t>(n));
    if (wrote < static_cast<size_t>(n)) t.dropped.fetch_add(static_cast<uint64_t>(n) - wrote, std::memory_order_relaxed);
}

// ---- the disk thread -----------------------------------------------------------------------

void Recorder::diskLoop() {
    // Nothing may escape the thread (std::terminate would end the show): a fault stops the
    // take the way a full disk does, with every file finalised.
    try {
        diskWrite();
    } catch (const std::exception& e) {
        failStop(std::string("the disk thread failed: ") + e.what() + ": recording stopped, every file plays up to its last written sample");
    }
}

void Recorder::diskWrite() {
    std::vector<float> chunk(1 << 16);
    auto lastHeader = std::chrono::steady_clock::now();
    while (true) {
        const bool stopping = !running_.load(std::memory_order_acquire);
        bool any = false;
        if (!stall_.load()) {
            for (auto& t : tracks_) {
                const size_t n = t->ring.read(chunk.data(), chunk.size());
                if (n == 0) continue;
                any = true;
                if (sf_write_float(t->sf, chunk.data(), static_cast<sf_count_t>(n)) != static_cast<sf_count_t>(n)) {
                    failStop(t->file + ": write failed (" + std::string(sf_strerror(t->sf)) +
                             "; is the disk full?): recording stopped, every file plays up to its last written sample");
                    return;
                }
                t->written.fetch_add(n, std::memory_order_relaxed);
            }
        }
        // Rewrite the headers now and then, so a killed process leaves playable files.
        if (std::chrono::steady_clock::now() - lastHeader >= std::chrono::duration<double>(options_.headerSeconds)) {
            for (auto& t : tracks_) sf_command(t->sf, SFC_UPDATE_HEADER_NOW, nullptr, 0);
            lastHeader = std::chrono::steady_clock::now();
        }
        if (!any) {
            if (stopping) break;
            nap_.nap(std::chrono::milliseconds(5));
        }
    }
}

// ---- stop and failure ------------------------------------------------------------------------

void Recorder::closeFiles() {
    for (auto& t : tracks_)
        if (t->sf) {
            sf_close(t->sf); // finalises the header: the file plays to its last sample
            t->sf = nullptr;
        }
    closed_ = true;
}

void Recorder::failStop(const std::string& why) {
    capturing_.store(false, std::memory_order_seq_cst);
    {
        std::lock_guard<std::mutex> lock(errorMutex_);
        error_ = why;
    }
    closeFiles();
    writeTakeJson(why);
}

void Recorder::stop() {
    if (!running_.load() && !disk_.joinable()) return;
    capturing_.store(false, std::memory_order_seq_cst);
    // A block that saw capture on may still write into the rings: drain after it has ended.
    // (If it never ends, its writes go to rings no one reads any more: nothing is freed here.)
    (void)use_.waitIdle();
    stall_.store(false);
    running_.store(false, std::memory_order_release);
    nap_.wake();
    if (disk_.joinable()) disk_.join();
    if (!closed_) {
        closeFiles();
        writeTakeJson("stop");
    }
}

std::string Recorder::error() const {
    std::lock_guard<std::mutex> lock(errorMutex_);
    return error_;
}

std::vector<TrackStatus> Recorder::status() const {
    std::vector<TrackStatus> out;
    for (const auto& t : tracks_)
        out.push_back({t->file, t->written.load(), t->dropped.load(),
                       t->ring.capacity() ? double(t->ring.peakFill()) / double(t->ring.capacity()) : 0.0});
    return out;
}

double Recorder::seconds() const {
    uint64_t most = 0;
    for (const auto& t : tracks_) most = std::max(most, t->written.load() + t->ring.available());
    return double(most) / options_.sampleRate;
}

// ---- take.json -----------------------------------------------------------------------------

void Recorder::writeTakeJson(const std::string& stoppedBy) {
    nlohmann::ordered_json j;
    j["show"] = options_.showName;
    j["sampleRate"] = options_.sampleRate;
    j["format"] = options_.floatFormat ? "float32" : "pcm24";
    j["start"] = startedAt_;
    j["startSample"] = options_.startSample;
    j["timeReference"] = timeReference_; // samples since local midnight, as in each file's bext
    uint64_t frames = 0;
    for (const auto& t : tracks_) frames = std::max(frames, t->written.load());
    j["frames"] = frames;
    j["seconds"] = double(frames) / options_.sampleRate;
    j["stopped"] = stoppedBy.empty() ? "recording" : stoppedBy;
    j["tracks"] = nlohmann::ordered_json::array();
    for (const auto& t : tracks_)
        j["tracks"].push_back({{"file", fs::path(t->file).filename().string()},
                               {"channel", t->spec.channel >= 0 ? t->spec.channel + 1 : 0},
                               {"name", t->spec.channel >= 0 ? t->spec.name : (t->spec.channel == -1 ? "Main L" : "Main R")},
                               {"tap", t->spec.postTap ? "post" : "input"},
                               {"frames", t->written.load()},
                               {"dropped", t->dropped.load()}});
    // Names are the user's bytes: invalid UTF-8 is written as U+FFFD, never thrown.
    std::ofstream((fs::path(take_) / "take.json").string()) << j.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
}

// ---- repair --------------------------------------------------------------------------------

namespace {
uint32_t le32(const unsigned char* p) { return p[0] | (p[1] << 8) | (p[2] << 16) | (uint32_t(p[3]) << 24); }
void put32(unsigned char* p, uint64_t v) { for (int i = 0; i < 4; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i)); }
void put64(unsigned char* p, uint64_t v) { for (int i = 0; i < 8; ++i) p[i] = static_cast<unsigned char>(v >> (8 * i)); }

// Sets the RIFF/RF64 sizes to what is on disk. Returns the frames now declared, or -1.
int64_t repairWav(const std::string& path, int64_t* before, std::string* why) {
    std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
    if (!f) {
        *why = "cannot open";
        return -1;
    }
    const uint64_t size = fs::file_size(path);
    std::vector<unsigned char> head(std::min<uint64_t>(size, 1 << 16));
    f.read(reinterpret_cast<char*>(head.data()), static_cast<std::streamsize>(head.size()));
    if (head.size() < 12 || (std::memcmp(head.data(), "RIFF", 4) && std::memcmp(head.data(), "RF64", 4))) {
        *why = "not a WAV or RF64 file";
        return -1;
    }
    const bool rf64 = std::memcmp(head.data(), "RF64", 4) == 0;
    constexpr uint64_t kDs64Bytes = 24; // RIFF size, data size, frames: 8 bytes each (EBU Tech 3306)
    size_t ds64 = 0, data = 0, blockAlign = 0;
    uint64_t ds64Len = 0;
    for (size_t off = 12; off + 8 <= head.size();) {
        const uint64_t len = le32(&head[off + 4]); // 64-bit: a length near 4 GiB must not wrap to a step of 0
        if (!std::memcmp(&head[off], "ds64", 4)) {
            ds64 = off + 8;
            ds64Len = len;
        }
        if (!std::memcmp(&head[off], "fmt ", 4) && off + 22 <= head.size()) blockAlign = head[off + 20] | (head[off + 21] << 8);
        if (!std::memcmp(&head[off], "data", 4)) {
            data = off;
            break;
        }
        off += 8 + len + (len & 1);
    }
    if (!data || !blockAlign || (rf64 && !ds64)) {
        *why = "no data chunk found";
        return -1;
    }
    if (rf64 && (ds64Len < kDs64Bytes || ds64 + kDs64Bytes > data)) { // its sizes would be read and written past it
        *why = "the ds64 chunk is too short to hold the sizes";
        return -1;
    }
    const uint64_t dataBytes = (size - (data + 8)) / blockAlign * blockAlign;
    *before = rf64 ? static_cast<int64_t>(le32(&head[ds64 + 8]) | (uint64_t(le32(&head[ds64 + 12])) << 32)) / static_cast<int64_t>(blockAlign)
                   : static_cast<int64_t>(le32(&head[data + 4]) / blockAlign);
    if (rf64) {
        put64(&head[ds64], size - 8);
        put64(&head[ds64 + 8], dataBytes);
        put64(&head[ds64 + 16], dataBytes / blockAlign);
    } else {
        put32(&head[4], std::min<uint64_t>(size - 8, 0xffffffffu));
        put32(&head[data + 4], std::min<uint64_t>(dataBytes, 0xffffffffu));
    }
    f.seekp(0);
    f.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(data + 8));
    return static_cast<int64_t>(dataBytes / blockAlign);
}
} // namespace

bool repairTake(const std::string& folder, std::string* report, std::string* error) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        *error = folder + ": not a take folder";
        return false;
    }
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(folder, ec))
        if (e.path().extension() == ".wav") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    if (files.empty()) {
        *error = folder + ": no WAV files in the take";
        return false;
    }
    SF_INFO probe{};
    for (const fs::path& p : files) {
        int64_t before = 0;
        std::string why;
        const int64_t frames = repairWav(p.string(), &before, &why);
        SNDFILE* sf = sf_open(p.c_str(), SFM_READ, &probe);
        const double rate = sf ? probe.samplerate : 48000.0;
        if (sf) sf_close(sf);
        char line[512];
        if (frames < 0) std::snprintf(line, sizeof line, "%s: %s\n", p.filename().c_str(), why.c_str());
        else
            std::snprintf(line, sizeof line, "%s: %.2f s (the header said %.2f s; %.2f s recovered)\n", p.filename().c_str(),
                          double(frames) / rate, double(before) / rate, double(frames - before) / rate);
        *report += line;
    }
    return true;
}

} // namespace hr
