#include "record/take.h"

#include "show/json_read.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace hr {

namespace fs = std::filesystem;

std::vector<TakeInfo> listTakes(const std::string& folder) {
    std::vector<TakeInfo> out;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const fs::path json = it->path() / "take.json";
        if (!fs::exists(json, ec)) continue;
        TakeInfo t;
        t.path = it->path().string();
        t.name = it->path().filename().string();
        std::string text, why;
        nlohmann::ordered_json j;
        JsonError je;
        if (readTextFile(json.string(), &text, &why) && parseJson(text, &j, &je) && j.is_object()) {
            if (j.contains("seconds") && j["seconds"].is_number()) t.seconds = j["seconds"].get<double>();
            if (j.contains("tracks") && j["tracks"].is_array()) t.tracks = static_cast<int>(j["tracks"].size());
            if (j.contains("start") && j["start"].is_string()) t.start = j["start"].get<std::string>();
            t.recording = j.contains("stopped") && j["stopped"] == "recording";
        }
        out.push_back(std::move(t));
    }
    std::sort(out.begin(), out.end(), [](const TakeInfo& a, const TakeInfo& b) { return a.name < b.name; });
    return out;
}

std::string findTake(const std::string& folder, const std::string& which, std::string* error) {
    const std::vector<TakeInfo> takes = listTakes(folder);
    if (which == "latest" || which == "last") {
        if (takes.empty()) *error = "no takes in " + folder;
        return takes.empty() ? "" : takes.back().path;
    }
    if (!which.empty() && which.size() < 6 && which.find_first_not_of("0123456789") == std::string::npos) {
        const size_t n = std::stoul(which);
        if (n >= 1 && n <= takes.size()) return takes[n - 1].path;
        *error = "no take " + which + " in " + folder + " (" + std::to_string(takes.size()) + " takes; see takes)";
        return "";
    }
    for (const TakeInfo& t : takes)
        if (t.name == which) return t.path;
    std::error_code ec;
    if (fs::is_directory(which, ec)) return which;
    *error = "'" + which + "' is not a take in " + folder + " (a number from takes, latest, a take's name or a folder)";
    return "";
}

TakeReader::~TakeReader() {
    for (Track& t : tracks_)
        if (t.sf) sf_close(t.sf);
}

bool TakeReader::open(const std::string& folder, int channels, const std::vector<std::string>& names,
                      std::string* report, std::string* error) {
    std::error_code ec;
    if (!fs::is_directory(folder, ec)) {
        *error = folder + ": not a take folder";
        return false;
    }
    // The channel of each file: take.json when it is there, else the file name's NN- prefix.
    struct Entry { std::string file; int channel; std::string name; };
    std::vector<Entry> entries;
    const std::string takeJson = (fs::path(folder) / "take.json").string();
    if (fs::exists(takeJson, ec)) {
        std::string text, why;
        nlohmann::ordered_json j;
        JsonError je;
        if (!readTextFile(takeJson, &text, &why)) {
            *error = takeJson + ": " + why;
            return false;
        }
        if (!parseJson(text, &j, &je)) {
            *error = takeJson + ":" + std::to_string(je.line) + ":" + std::to_string(je.column) + ": " + je.reason;
            return false;
        }
        auto refuse = [&](const std::string& pointer, const std::string& reason) {
            int line = 0, column = 0;
            locatePointer(text, pointer, &line, &column);
            *error = takeJson + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + reason;
            return false;
        };
        if (!j.is_object() || !j.contains("tracks") || !j["tracks"].is_array())
            return refuse(j.is_object() && j.contains("tracks") ? "/tracks" : "", "expected an object with a \"tracks\" list");
        const auto& tracks = j["tracks"];
        for (size_t i = 0; i < tracks.size(); ++i) {
            const auto& t = tracks[i];
            const std::string at = "/tracks/" + std::to_string(i);
            if (!t.is_object() || !t.contains("file") || !t["file"].is_string())
                return refuse(at, "tracks[" + std::to_string(i) + "]: expected an object with \"file\" and \"channel\"");
            const std::string file = t["file"].get<std::string>();
            if (file.empty() || file.find('/') != std::string::npos)
                return refuse(at + "/file", "tracks[" + std::to_string(i) + "].file: '" + file + "' is not a file in the take folder");
            int channel = 0;
            if (!t.contains("channel") || !jsonInt(t["channel"], -1, 4096, &channel))
                return refuse(at + "/channel", "tracks[" + std::to_string(i) + "].channel: expected a channel number");
            const std::string name = t.contains("name") && t["name"].is_string() ? t["name"].get<std::string>() : "";
            entries.push_back({file, channel, name});
        }
    } else {
        for (const auto& e : fs::directory_iterator(folder, ec)) {
            const std::string f = e.path().filename().string();
            if (e.path().extension() != ".wav" || f.find('-') == std::string::npos) continue;
            const std::string nn = f.substr(0, f.find('-'));
            if (nn.empty() || nn.size() > 4 || nn.find_first_not_of("0123456789") != std::string::npos) continue;
            entries.push_back({f, std::stoi(nn), f.substr(f.find('-') + 1, f.size() - f.find('-') - 5)});
        }
    }
    if (entries.empty()) {
        *error = folder + ": no tracks (take.json or NN-Name.wav files)";
        return false;
    }
    byChannel_.assign(static_cast<size_t>(channels), -1);
    std::string unmatched;
    frames_ = 0;
    bool rateSet = false;
    for (const Entry& e : entries) {
        if (e.channel < 1) continue; // main L/R recordings are not inputs
        if (e.channel > channels) {
            unmatched += "  " + e.file + ": this console has no channel " + std::to_string(e.channel) + " (ignored)\n";
            continue;
        }
        SF_INFO info{};
        Track t{(fs::path(folder) / e.file).string(), e.channel - 1, nullptr, 0};
        t.sf = sf_open(t.file.c_str(), SFM_READ, &info);
        if (!t.sf) {
            *error = t.file + ": cannot read: " + sf_strerror(nullptr);
            return false;
        }
        if (info.channels != 1) {
            sf_close(t.sf);
            *error = t.file + ": not a mono track";
            return false;
        }
        if (rateSet && info.samplerate != rate_) {
            sf_close(t.sf);
            *error = t.file + ": " + std::to_string(info.samplerate) + " Hz, unlike the rest of the take";
            return false;
        }
        rate_ = info.samplerate;
        rateSet = true;
        t.frames = info.frames;
        frames_ = std::max(frames_, t.frames);
        byChannel_[static_cast<size_t>(t.channel)] = static_cast<int>(tracks_.size());
        tracks_.push_back(t);
    }
    std::string lines;
    for (int c = 0; c < channels; ++c) {
        const std::string name = c < static_cast<int>(names.size()) ? names[static_cast<size_t>(c)] : "";
        const int t = byChannel_[static_cast<size_t>(c)];
        if (t < 0) {
            lines += "  ch " + std::to_string(c + 1) + " \"" + name + "\": no track (silent in playback)\n";
            continue;
        }
        const std::string file = fs::path(tracks_[static_cast<size_t>(t)].file).filename().string();
        std::string trackName;
        for (const Entry& e : entries)
            if (e.channel == c + 1) trackName = e.name;
        lines += "  ch " + std::to_string(c + 1) + " \"" + name + "\" <- " + file;
        if (!trackName.empty() && trackName != name) lines += " (recorded as \"" + trackName + "\")";
        lines += "\n";
    }
    if (report) *report = lines + unmatched;
    pos_ = 0;
    return true;
}

bool TakeReader::seek(int64_t frame) {
    pos_ = std::max<int64_t>(0, frame);
    for (Track& t : tracks_)
        if (sf_seek(t.sf, std::min(pos_, t.frames), SEEK_SET) < 0) return false;
    return true;
}

bool TakeReader::read(float* const* out, int n) {
    for (size_t c = 0; c < byChannel_.size(); ++c) {
        if (!out[c]) continue;
        const int t = byChannel_[c];
        sf_count_t got = 0;
        if (t >= 0) {
            Track& tr = tracks_[static_cast<size_t>(t)];
            if (pos_ < tr.frames) got = sf_readf_float(tr.sf, out[c], n);
            if (got < 0) return false;
        }
        std::fill(out[c] + got, out[c] + n, 0.0f);
    }
    pos_ += n;
    return true;
}

} // namespace hr
