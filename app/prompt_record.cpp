// The prompt's recording and playback commands: arm and disarm, record start/stop, takes,
// play, transport and source. The grammar is in prompt.h.
#include "prompt.h"
#include "prompt_words.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

namespace hr {

using words::number;
using words::numberList;
using words::seconds;

std::string Prompt::arm(const std::vector<std::string>& args, bool on) {
    const char* verb = on ? "arm" : "disarm";
    if (args.empty()) return std::string("error: ") + verb + ": expected all, none, main or channel numbers\n";
    Console& c = session_.engine->console();
    ParamStore& s = c.params();
    std::vector<ParamId> ids;
    bool value = on;
    for (const std::string& a : args) {
        if (a == "all") {
            for (const ChannelIds& ch : c.tree().channels) ids.push_back(ch.recArm);
        } else if (a == "none" && on) {
            for (const ChannelIds& ch : c.tree().channels) ids.push_back(ch.recArm);
            ids.push_back(c.tree().mainRecArm);
            value = false;
        } else if (a == "main") {
            ids.push_back(c.tree().mainRecArm);
        } else if (std::vector<int> ns; numberList(a, &ns) && !ns.empty() &&
                                        *std::min_element(ns.begin(), ns.end()) >= 1 && *std::max_element(ns.begin(), ns.end()) <= c.config().channels) {
            for (int k : ns) ids.push_back(c.tree().channels[static_cast<size_t>(k - 1)].recArm); // 3, 1-8, 1,3,5
        } else {
            return std::string("error: ") + verb + ": '" + a + "' is not all, none, main or channels 1.." +
                   std::to_string(c.config().channels) + " (3, 1-8, 1,3,5)\n";
        }
    }
    int changed = 0;
    for (ParamId id : ids) {
        const float before = s.get(id);
        changed += s.set(id, value ? 1.0f : 0.0f, Source::Prompt) != before;
    }
    int armed = 0;
    for (const ChannelIds& ch : c.tree().channels) armed += s.get(ch.recArm) >= 0.5f;
    const bool mainArmed = s.get(c.tree().mainRecArm) >= 0.5f;
    std::string note = session_.recorder.active() ? " (the running take keeps its tracks)" : "";
    return "ok: " + std::to_string(armed) + " channels armed" + (mainArmed ? " and main" : "") + ", " + std::to_string(changed) +
           " changed" + note + "\n";
}

std::string Prompt::record(const std::vector<std::string>& args) {
    if (args.empty() || (args[0] != "start" && args[0] != "stop")) return "error: record: expected start [DIR] or stop\n";
    Recorder& rec = session_.recorder;
    if (args[0] == "stop") {
        if (!rec.active()) return "error: record stop: no take is recording\n";
        rec.stop();
        uint64_t dropped = 0;
        for (const TrackStatus& t : rec.status()) dropped += t.dropped;
        char buf[256];
        std::snprintf(buf, sizeof buf, "ok: take %s: %.1f s, %zu tracks, %llu samples dropped\n", rec.takePath().c_str(),
                      rec.seconds(), rec.status().size(), static_cast<unsigned long long>(dropped));
        return buf;
    }
    if (rec.active()) return "error: record start: a take is already recording (" + rec.takePath() + ")\n";
    Console& c = session_.engine->console();
    const ParamStore& s = c.params();
    std::vector<RecordTrack> tracks;
    for (int ch = 0; ch < c.config().channels; ++ch) {
        const ChannelIds& ids = c.tree().channels[static_cast<size_t>(ch)];
        if (s.get(ids.recArm) >= 0.5f) tracks.push_back({ch, s.text(ids.name), s.get(ids.recTap) >= 0.5f});
    }
    if (s.get(c.tree().mainRecArm) >= 0.5f) {
        tracks.push_back({-1, "Main L", false});
        tracks.push_back({-2, "Main R", false});
    }
    RecordOptions o;
    o.folder = args.size() > 1 ? args[1] : session_.recordDir;
    o.showName = session_.showName.empty() ? "untitled" : session_.showName;
    o.sampleRate = session_.engine->sampleRate();
    o.channelCount = c.config().channels;
    o.floatFormat = session_.recordFloat;
    o.ringSeconds = session_.recordRingSeconds;
    o.startSample = c.sampleTime();
    std::string error;
    c.setRecorder(&rec);
    if (!rec.start(o, tracks, &error)) return "error: record start: " + error + "\n";
    session_.recordDir = o.folder;
    return "ok: recording " + std::to_string(tracks.size()) + " tracks to " + rec.takePath() + "\n";
}

std::string Prompt::takes() {
    // One line per take, numbered for play N: "  3  2026-12-07_20-45-00_Band  212.4 s  17 tracks".
    const std::vector<TakeInfo> found = listTakes(session_.recordDir);
    std::string out;
    for (size_t k = 0; k < found.size(); ++k) {
        const TakeInfo& t = found[k];
        char line[64];
        if (t.seconds >= 0) std::snprintf(line, sizeof line, "%9.1f s  %d tracks", t.seconds, t.tracks);
        else std::snprintf(line, sizeof line, "  (no length in take.json)");
        out += (k + 1 < 10 ? "  " : k + 1 < 100 ? " " : "") + std::to_string(k + 1) + "  " + t.path + line +
               (t.recording ? (session_.recorder.active() && session_.recorder.takePath() == t.path ? "  recording" : "  cut short (headroom repair)") : "") + "\n";
    }
    return (out.empty() ? "(no takes in " + session_.recordDir + ")\n" : out) + "\n";
}

} // namespace hr

namespace hr {

std::string Prompt::play(const std::vector<std::string>& args) {
    if (args.size() != 1) return "error: play: expected a take: a number from takes, latest, its name or a folder\n";
    Console& c = session_.engine->console();
    std::vector<std::string> names;
    for (const ChannelIds& ch : c.tree().channels) names.push_back(c.params().text(ch.name));
    std::string report, error;
    const std::string take = findTake(session_.recordDir, args[0], &error);
    if (take.empty()) return "error: play: " + error + "\n";
    if (session_.recorder.active() && session_.recorder.takePath() == take)
        return "error: play: " + take + " is still recording; record stop first\n";
    // Refused (not a take, another rate): the take loaded before stays loaded and playing.
    if (!session_.player.load(take, c.config().channels, names, session_.engine->sampleRate(), &report, &error))
        return "error: play: " + error + (session_.player.loaded() ? " (" + session_.player.folder() + " is still loaded)" : "") + "\n";
    c.setPlayer(&session_.player);
    char head[64];
    std::snprintf(head, sizeof head, " (%.2f s); channels with source playback hear it:\n", session_.player.length());
    return "ok: loaded " + take + head + report + "\n";
}

std::string Prompt::transport(const std::vector<std::string>& a) {
    Player& p = session_.player;
    if (a.empty()) return "error: transport: expected play, stop, locate SECONDS or loop A B|off\n";
    if (!p.loaded()) return "error: transport: no take loaded (play TAKE)\n";
    char buf[128];
    if (a[0] == "play" && a.size() == 1) {
        p.play();
        std::snprintf(buf, sizeof buf, "ok: playing from %.2f s\n", p.position());
        return buf;
    }
    if (a[0] == "stop" && a.size() == 1) {
        p.stop();
        std::snprintf(buf, sizeof buf, "ok: stopped at %.2f s\n", p.position());
        return buf;
    }
    if (a[0] == "locate" && a.size() == 2) {
        double s = 0.0;
        if (!seconds(a[1], &s) || s < 0) return "error: transport locate: '" + a[1] + "' is not a time in seconds\n";
        p.locate(s);
        std::snprintf(buf, sizeof buf, "ok: located to %.2f s\n", std::min(s, p.length()));
        return buf;
    }
    if (a[0] == "loop" && a.size() == 2 && a[1] == "off") {
        p.loopOff();
        return "ok: loop off\n";
    }
    if (a[0] == "loop" && a.size() == 3) {
        double from = 0.0, to = 0.0;
        if (!seconds(a[1], &from) || !seconds(a[2], &to) || !(to > from) || from < 0)
            return "error: transport loop: expected A B in seconds, A < B\n";
        p.loop(from, to);
        std::snprintf(buf, sizeof buf, "ok: looping %.2f-%.2f s\n", from, std::min(to, p.length()));
        return buf;
    }
    return "error: transport: expected play, stop, locate SECONDS or loop A B|off\n";
}

std::string Prompt::source(const std::vector<std::string>& a) {
    if (a.size() < 2) return "error: source: expected channels (or all) and live|playback\n";
    const std::string kind = a.back();
    if (kind != "live" && kind != "playback") return "error: source: '" + kind + "' is not live or playback\n";
    Console& c = session_.engine->console();
    std::vector<int> channels;
    for (size_t i = 0; i + 1 < a.size(); ++i) {
        std::vector<int> ns;
        if (a[i] == "all") {
            for (int ch = 1; ch <= c.config().channels; ++ch) channels.push_back(ch);
        } else if (numberList(a[i], &ns) && !ns.empty() && *std::min_element(ns.begin(), ns.end()) >= 1 &&
                   *std::max_element(ns.begin(), ns.end()) <= c.config().channels) {
            channels.insert(channels.end(), ns.begin(), ns.end()); // 3, 1-8, 1,3,5
        } else {
            return "error: source: '" + a[i] + "' is not channels 1.." + std::to_string(c.config().channels) + " (3, 1-8, 1,3,5) or all\n";
        }
    }
    const float value = kind == "live" ? 0.0f : 3.0f; // choice index: live|sine|pink|playback
    std::sort(channels.begin(), channels.end());
    channels.erase(std::unique(channels.begin(), channels.end()), channels.end());
    int changed = 0;
    for (int ch : channels) {
        const ParamId id = c.tree().channels[static_cast<size_t>(ch - 1)].source;
        const float before = c.params().get(id);
        changed += c.params().set(id, value, Source::Prompt) != before;
    }
    return "ok: " + std::to_string(channels.size()) + " channels on " + kind + " input, " + std::to_string(changed) + " changed\n";
}

} // namespace hr
