// headroom: the command line. Subcommands:
//   render     the console over a multichannel WAV, to main (and bus) WAVs
//   bench      the engine's speed on consoles of several shapes
//   demo-take  writes the built-in demo band as a multichannel WAV
//   check      loads a show file and reports what it holds, or why it is refused
//   run        the console on a live audio device, driven from the prompt (run.cpp)
//   devices    audio APIs, devices and MIDI ports (devices.cpp)
//   gui        the console window (gui/); the default, headless without a display
#include "devices.h"
#include "gui/gui_app.h"
#include "io/demo_band.h"
#include "run.h"
#include "offline/bench.h"
#include "offline/bench_record.h"
#include "offline/render.h"
#include "record/recorder.h"
#include "show/show.h"
#include "show_midi.h"

#include <CLI/CLI.hpp>
#include <sndfile.h>

#include <cstdio>
#include <string>
#include <unistd.h>
#include <vector>

// The project's version, project(headroom VERSION ...), set by packaging/package.cmake.
#ifndef HEADROOM_VERSION
#error "HEADROOM_VERSION is not defined (packaging/package.cmake sets it from project(VERSION))"
#endif

namespace {

// "N=FILE" pairs of --bus and --mtx: false after saying which one is malformed.
bool numberedFiles(const char* flag, const std::vector<std::string>& args, std::vector<std::pair<int, std::string>>* out) {
    for (const std::string& b : args) {
        const auto eq = b.find('=');
        int n = 0;
        if (eq == std::string::npos || std::sscanf(b.substr(0, eq).c_str(), "%d", &n) != 1) {
            std::fprintf(stderr, "error: %s %s: expected N=FILE (e.g. %s 2=out2.wav)\n", flag, b.c_str(), flag);
            return false;
        }
        out->emplace_back(n, b.substr(eq + 1));
    }
    return true;
}

int cmdRender(const std::string& show, const std::string& in, const std::string& out,
              const std::vector<std::string>& buses, const std::vector<std::string>& matrices, const std::string& format, int block) {
    hr::RenderJob job;
    job.showPath = show;
    job.inputPath = in;
    job.mainPath = out;
    job.blockSize = block;
    job.format = format == "float" ? hr::SampleFormat::Float32 : hr::SampleFormat::Pcm24;
    if (!numberedFiles("--bus", buses, &job.buses) || !numberedFiles("--mtx", matrices, &job.matrices)) return 2;
    const bool tty = isatty(STDERR_FILENO);
    job.progress = [tty](double f) {
        if (tty) std::fprintf(stderr, "\rrendering %3d%%", static_cast<int>(f * 100.0 + 0.5));
    };
    const hr::RenderResult r = hr::render(job);
    if (tty) std::fprintf(stderr, "\n");
    if (!r.ok) {
        std::fprintf(stderr, "error: %s\n", r.error.c_str());
        return 1;
    }
    if (!r.notes.empty()) std::fprintf(stderr, "note: %s\n", r.notes.c_str());
    std::printf("rendered %.2f s (%lld frames) to %s", r.seconds, static_cast<long long>(r.frames), out.c_str());
    for (const auto& [n, path] : job.buses) std::printf(", bus %d to %s", n, path.c_str());
    std::printf("\n");
    return 0;
}

int cmdBench(double seconds, int runs, int block, const std::string& saveShow) {
    if (!saveShow.empty()) { // the 128x32 console as a show, to load live (headroom run --show)
        const auto console = hr::makeBenchConsole(128, 32, block);
        std::string error;
        if (!hr::saveShowFile(saveShow, hr::serializeShow(*console, "bench 128x32, every feature on"), &error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            return 1;
        }
        std::printf("wrote %s\n", saveShow.c_str());
        return 0;
    }
    struct Shape { int channels, buses; };
    const Shape shapes[] = {{16, 8}, {32, 16}, {64, 16}, {128, 32}};
    std::printf("headroom bench: every strip feature on, every send on, 48 kHz, blocks of %d,\n"
                "%.0f s of noise, median of %d runs\n\n", block, seconds, runs);
    std::printf("%-10s %14s %14s\n", "console", "ns/ch-sample", "share of core");
    for (const Shape& s : shapes) {
        const hr::BenchResult r = hr::benchConsole(s.channels, s.buses, seconds, block, runs);
        char name[32];
        std::snprintf(name, sizeof name, "%dx%d", s.channels, s.buses);
        std::printf("%-10s %14.2f %13.2f%%\n", name, r.nsPerChannelSample, 100.0 * r.realtimeShare);
        std::fflush(stdout);
    }
    // The console-wide units: 4 FX (plate, hall, room, delay), DCAs, 2 matrices, talkback and
    // the generator, over noise and over silence (a denormal slow-down would show there).
    for (const bool silent : {false, true}) {
        const hr::BenchResult r = hr::benchConsole(128, 32, seconds, block, runs, true, silent);
        std::printf("%-10s %14.2f %13.2f%%   with 4 FX, DCAs, 2 matrices, talkback, generator; %s\n", "128x32",
                    r.nsPerChannelSample, 100.0 * r.realtimeShare, silent ? "silent inputs" : "noise");
        std::fflush(stdout);
    }
    const hr::RecallBench rb = hr::benchRecall(128, 32, std::max(3, runs * 2));
    std::printf("\nscene recall, 128x32, every parameter changed (median of %d): %.2f ms on the control thread;\n"
                "the audio thread's next 64-frame block takes %.2f ms of its %.2f ms\n",
                std::max(3, runs * 2), rb.controlMs, rb.firstBlockMs, rb.blockPeriodMs);
    return 0;
}

int cmdDemoTake(const std::string& out, double seconds, int rate) {
    hr::DemoBand band;
    band.prepare(rate);
    constexpr int kBlock = 512;
    const int ch = hr::DemoBand::kChannels;
    SF_INFO info{};
    info.samplerate = rate;
    info.channels = ch;
    info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_24;
    SNDFILE* f = sf_open(out.c_str(), SFM_WRITE, &info);
    if (!f) {
        std::fprintf(stderr, "error: %s: cannot write: %s\n", out.c_str(), sf_strerror(nullptr));
        return 1;
    }
    std::vector<float> planar(static_cast<size_t>(ch) * kBlock), inter(static_cast<size_t>(ch) * kBlock);
    std::vector<float*> ptrs(static_cast<size_t>(ch));
    for (int k = 0; k < ch; ++k) ptrs[static_cast<size_t>(k)] = &planar[static_cast<size_t>(k) * kBlock];
    const long long total = static_cast<long long>(seconds * rate);
    for (long long done = 0; done < total; done += kBlock) {
        const int n = static_cast<int>(std::min<long long>(kBlock, total - done));
        band.process(ptrs.data(), ch, n);
        for (int i = 0; i < n; ++i)
            for (int k = 0; k < ch; ++k) inter[static_cast<size_t>(i) * ch + k] = ptrs[static_cast<size_t>(k)][i];
        sf_writef_float(f, inter.data(), n);
    }
    sf_close(f);
    std::printf("wrote %.1f s of the demo band (%d tracks:", seconds, ch);
    for (int k = 0; k < ch; ++k) std::printf("%s %s", k ? "," : "", hr::DemoBand::channelName(k));
    std::printf(") to %s\n", out.c_str());
    return 0;
}

int cmdCheck(const std::string& path) {
    hr::ShowError e;
    auto show = hr::loadShowFile(path, &e);
    if (!show) {
        std::fprintf(stderr, "error: %s\n", e.message().c_str());
        return 1;
    }
    hr::ShowSurfaces surfaces;
    if (!hr::checkShowMidi(*show, path, &surfaces, &e)) {
        std::fprintf(stderr, "error: %s\n", e.message().c_str());
        return 1;
    }
    std::printf("%s: \"%s\", %d channels, %d buses, %d inputs, %d outputs, %zu values set, %s\n", path.c_str(),
                show->name.c_str(), show->config.channels, show->config.buses(), show->config.inputs,
                show->config.outputs, show->values.size() + show->texts.size(),
                surfaces.present ? (std::to_string(surfaces.surfaces.size()) + " control surfaces").c_str()
                                 : "default control surfaces");
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    CLI::App app{"headroom: a mixing console for live sound and recording"};
    app.require_subcommand(0, 1);
    app.set_version_flag("--version", "headroom " HEADROOM_VERSION); // first line read by help2man

    hr::RunOptions run;
    auto* runCmd = app.add_subcommand("run", "run the console on an audio device, driven from the prompt on stdin");
    runCmd->add_option("--show", run.show, "show file (default: the last one loaded, else the shipped default.json)")->check(CLI::ExistingFile);
    runCmd->add_option("--api", run.api, "audio API")->check(CLI::IsMember({"jack", "alsa", "pulse", "null"}));
    runCmd->add_option("--device", run.device, "device name (or a unique part) or index (see headroom devices)");
    runCmd->add_option("--rate", run.rate, "sample rate in Hz")->check(CLI::Range(8000, 384000));
    runCmd->add_option("--buffer", run.buffer, "buffer size in frames (the device may grant another)")->check(CLI::Range(16, 8192));
    runCmd->add_option("--inputs", run.inputs, "device inputs to open (default: the show's)")->check(CLI::Range(1, 256));
    runCmd->add_option("--outputs", run.outputs, "device outputs to open (default: the show's)")->check(CLI::Range(1, 256));
    runCmd->add_flag("--demo", run.demo, "the built-in demo band feeds inputs 1-16 (alone: on the null device)");
    runCmd->add_option("--script", run.script, "run these prompt commands first")->check(CLI::ExistingFile);
    runCmd->add_option("--retry-seconds", run.retrySeconds, "retry a failed device this often")->check(CLI::Range(0.1, 600.0));
    runCmd->add_option("--watchdog-seconds", run.watchdogSeconds, "a device silent this long has failed")->check(CLI::Range(0.1, 60.0));
    runCmd->add_option("--autosave-seconds", run.autosaveSeconds, "write the live state to the recovery file this often (0: never)")->check(CLI::Range(0.0, 3600.0));
    runCmd->add_flag("--recover", run.recover, "start from the recovery file when it is newer than the show");
    runCmd->add_option("--record", run.recordDir, "record from launch into takes in DIR (arms every channel if none is)");
    runCmd->add_flag("--record-float", run.recordFloat, "record 32-bit float instead of 24-bit");
    runCmd->add_option("--midi-in", run.midiIn, "the Mackie Control surface's MIDI input port (a unique part of its name)");
    runCmd->add_option("--midi-out", run.midiOut, "its MIDI output port (default: as --midi-in)");
    runCmd->add_option("--record-ring-seconds", run.recordRingSeconds, "per-track ring: how long the disk may stall without loss")->check(CLI::Range(0.1, 60.0));

    std::string benchDir;
    int benchTracks = 64, benchRate = 96000;
    double benchSeconds = 60.0;
    bool benchPlayback = false;
    auto* benchRec = app.add_subcommand("bench-record", "sustained recording (and playback) at real-time pace, with disk figures");
    benchRec->add_option("--dir", benchDir, "where the bench takes go")->required();
    benchRec->add_option("--tracks", benchTracks, "tracks")->check(CLI::Range(1, 256));
    benchRec->add_option("--rate", benchRate, "sample rate")->check(CLI::Range(8000, 192000));
    benchRec->add_option("--seconds", benchSeconds, "length")->check(CLI::Range(1.0, 3600.0));
    benchRec->add_flag("--playback", benchPlayback, "also play back the take just recorded, every track, while recording again");

    std::string repairPath;
    auto* repairCmd = app.add_subcommand("repair", "rewrite the headers of a take cut short (kill -9, power loss)");
    repairCmd->add_option("take", repairPath, "take folder")->required();

    hr::gui::GuiOptions gui;
    auto* guiCmd = app.add_subcommand("gui", "the console window (the default when a display is present)");
    guiCmd->add_option("--show", run.show, "show file")->check(CLI::ExistingFile);
    guiCmd->add_option("--api", run.api, "audio API")->check(CLI::IsMember({"jack", "alsa", "pulse", "null"}));
    guiCmd->add_option("--device", run.device, "device name or index");
    guiCmd->add_flag("--demo", run.demo, "the demo band feeds inputs 1-16");
    guiCmd->add_option("--autosave-seconds", run.autosaveSeconds, "write the live state to the recovery file this often (0: never)")->check(CLI::Range(0.0, 3600.0));
    guiCmd->add_flag("--recover", run.recover, "start from the recovery file when it is newer than the show (else the window asks)");
    guiCmd->add_option("--screenshot", gui.screenshot, "render --frames frames, write this PNG and quit");
    guiCmd->add_option("--frames", gui.frames, "frames before the screenshot")->check(CLI::Range(1, 100000));
    guiCmd->add_option("--size", gui.size, "window size WxH (1280x720, 1920x1080; W alone: 16:9); default: as it was last closed")
        ->check([](const std::string& text) {
            int w = 0, h = 0;
            std::string why;
            return hr::gui::parseWindowSize(text, &w, &h, &why) ? std::string() : why;
        });
    guiCmd->add_flag("--narrow", gui.narrow, "narrow channel strips (more of them on a small screen)");
    guiCmd->add_option("--fps", gui.maxFps, "frame-rate cap")->check(CLI::Range(1, 240));
    guiCmd->add_option("--view", gui.view, "the view to open")->check(CLI::IsMember({"mixer", "dca", "matrix", "channel", "bus", "sends", "scenes", "record", "patch", "fx", "setup"}));

    bool json = false;
    auto* devicesCmd = app.add_subcommand("devices", "list audio APIs, devices and MIDI ports");
    devicesCmd->add_flag("--json", json, "as JSON");

    std::string show, in, out, format = "pcm24";
    std::vector<std::string> buses, matrices;
    int block = 0;
    auto* render = app.add_subcommand("render", "mix a multichannel WAV through a show into WAV files");
    render->add_option("--show", show, "show file (JSON)")->required()->check(CLI::ExistingFile);
    render->add_option("--in", in, "multichannel WAV (channel k is interface input k) or a take folder")->required()->check(CLI::ExistingPath);
    render->add_option("--out", out, "main L/R output WAV")->required();
    render->add_option("--bus", buses, "also write bus N to FILE (N=FILE, repeatable)");
    render->add_option("--mtx", matrices, "also write matrix M to FILE (M=FILE, repeatable)");
    render->add_option("--format", format, "output sample format")->check(CLI::IsMember({"pcm24", "float"}));
    render->add_option("--block", block, "block size (default: the show's)")->check(CLI::Range(1, 8192));

    double seconds = 10.0;
    int runs = 5, benchBlock = 64;
    auto* bench = app.add_subcommand("bench", "measure the engine on 16x8, 32x16, 64x16 and 128x32 consoles");
    bench->add_option("--seconds", seconds, "audio seconds per run")->check(CLI::Range(0.1, 600.0));
    bench->add_option("--runs", runs, "runs per console (the median is shown)")->check(CLI::Range(1, 99));
    bench->add_option("--block", benchBlock, "block size")->check(CLI::Range(1, 8192));
    std::string benchShow;
    bench->add_option("--save-show", benchShow, "write the 128x32 bench console as a show file instead");

    std::string takeOut;
    double takeSeconds = 30.0;
    int takeRate = 48000;
    auto* demo = app.add_subcommand("demo-take", "write the built-in demo band as a 16-track WAV");
    demo->add_option("out", takeOut, "output WAV")->required();
    demo->add_option("--seconds", takeSeconds, "length")->check(CLI::Range(0.1, 3600.0));
    demo->add_option("--rate", takeRate, "sample rate")->check(CLI::IsMember({44100, 48000, 88200, 96000, 192000}));

    std::string checkPath;
    auto* check = app.add_subcommand("check", "load a show file and report it, or why it is refused");
    check->add_option("show", checkPath, "show file")->required();

    CLI11_PARSE(app, argc, argv);
    if (*runCmd) return hr::runConsole(run);
    if (*guiCmd) return hr::gui::runGui(run, gui);
    if (*devicesCmd) return hr::listDevices(json);
    if (*benchRec) {
        auto show = [](const hr::RecordBench& r, const char* what) {
            std::printf("%s: %d tracks at %.0f Hz, 24-bit, %.0f s: writer %.1f MB/s, peak ring fill %.1f%%, "
                        "%llu samples dropped, %llu playback underruns%s%s\n",
                        what, r.tracks, r.rate, r.seconds, r.megabytesPerSecond, 100.0 * r.peakRingFill, r.dropped,
                        r.underruns, r.error.empty() ? "" : "; error: ", r.error.c_str());
        };
        const hr::RecordBench first = hr::benchRecord(benchDir, benchTracks, benchRate, benchSeconds, "");
        show(first, "record");
        if (benchPlayback && first.error.empty())
            show(hr::benchRecord(benchDir, benchTracks, benchRate, benchSeconds, first.take), "record while playing back");
        return first.dropped == 0 && first.error.empty() ? 0 : 1;
    }
    if (*repairCmd) {
        std::string report, error;
        if (!hr::repairTake(repairPath, &report, &error)) {
            std::fprintf(stderr, "error: %s\n", error.c_str());
            return 1;
        }
        std::printf("%s", report.c_str());
        return 0;
    }
    if (app.get_subcommands().empty()) return hr::gui::runGui(run, gui); // headless when there is no display
    if (*render) return cmdRender(show, in, out, buses, matrices, format, block);
    if (*bench) return cmdBench(seconds, runs, benchBlock, benchShow);
    if (*demo) return cmdDemoTake(takeOut, takeSeconds, takeRate);
    if (*check) return cmdCheck(checkPath);
    return 0;
}
