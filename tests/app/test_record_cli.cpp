// Recording faults, run as a user would meet them: a full disk (a file-size limit) and a
// killed process (kill -9), then `headroom repair`.
#include "support/harness.h"
#include "support/process.h"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sndfile.h>

#include <csignal>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

namespace {
namespace fs = std::filesystem;

std::string scratch(const std::string& name) { return hr::test::freshDir("headroom-record-cli", name); }

std::string shell(const std::string& command) { return hr::test::runShell(command).output; }

fs::path onlyTake(const std::string& dir) {
    std::vector<fs::path> takes;
    for (const auto& e : fs::directory_iterator(dir)) takes.push_back(e.path());
    REQUIRE(takes.size() == 1);
    return takes[0];
}

sf_count_t framesOf(const fs::path& wav) {
    SF_INFO info{};
    SNDFILE* f = sf_open(wav.c_str(), SFM_READ, &info);
    if (!f) return -1;
    sf_close(f);
    return info.frames;
}

const std::string kEnv = "HEADROOM_CONFIG=/tmp/headroom-record-cli-cfg.json HEADROOM_STATE_DIR=/tmp/headroom-record-cli-state ";
} // namespace

TEST_CASE("a full disk stops the take with every file playable and audio still running", "[record][cli][faults]") {
    const std::string dir = scratch("full");
    // ulimit -f counts 512-byte blocks: 300 KiB per file, about 2 s of 24-bit audio. Status is
    // asked once take.json says the take stopped (at most 30 s: slow machines, sanitizer builds).
    const std::string waitStopped = "i=0; while [ $i -lt 120 ] && ! grep -qs \"write failed\" " + dir +
                                    "/*/take.json; do sleep 0.25; i=$((i+1)); done";
    const std::string out = shell("ulimit -f 600; (sleep 1; " + waitStopped + "; echo status; echo quit) | " + kEnv +
                                  HEADROOM_BINARY + " run --demo --autosave-seconds 0 --record " + dir);
    INFO(out);
    REQUIRE(out.find("write failed") != std::string::npos);
    REQUIRE(out.find("recording stopped, every file plays up to its last written sample") != std::string::npos);
    REQUIRE(out.find(" record stopped ") != std::string::npos); // status still answers: audio runs on
    REQUIRE(out.find("ok: quit") != std::string::npos);
    const fs::path take = onlyTake(dir);
    int files = 0;
    for (const auto& e : fs::directory_iterator(take)) {
        if (e.path().extension() != ".wav") continue;
        ++files;
        const sf_count_t frames = framesOf(e.path());
        INFO(e.path());
        REQUIRE(frames > 48000);                       // more than a second made it
        REQUIRE(frames * 3 <= 600 * 512);              // and no more than the limit allowed
        REQUIRE(std::abs(double(fs::file_size(e.path()) - frames * 3)) < 4096); // the header covers what is on disk
    }
    REQUIRE(files == 16);
    std::ifstream tj(take / "take.json");
    REQUIRE(nlohmann::json::parse(tj)["stopped"].get<std::string>().find("write failed") != std::string::npos);
}

TEST_CASE("a take cut by kill -9 plays to its last second, and repair recovers the rest", "[record][cli][faults]") {
    const std::string dir = scratch("killed");
    const pid_t pid = fork();
    if (pid == 0) {
        setenv("HEADROOM_CONFIG", "/tmp/headroom-record-cli-cfg.json", 1);
        setenv("HEADROOM_STATE_DIR", "/tmp/headroom-record-cli-state", 1);
        const int null = open("/dev/null", O_RDWR);
        dup2(null, 0);
        dup2(null, 1);
        dup2(null, 2);
        execl(HEADROOM_BINARY, HEADROOM_BINARY, "run", "--demo", "--autosave-seconds", "0", "--record", dir.c_str(),
              static_cast<char*>(nullptr));
        _exit(127);
    }
    // Killed once the disk holds 3.5 s of the kick (not after a time: a loaded machine starts
    // headroom late), at most 60 s on.
    const fs::path kickOnDisk = [&] {
        for (int i = 0; i < 600; ++i, std::this_thread::sleep_for(std::chrono::milliseconds(100))) {
            std::error_code ec;
            if (!fs::exists(dir, ec)) continue;
            for (const auto& t : fs::directory_iterator(dir, ec)) {
                const fs::path k = t.path() / "01-Kick.wav";
                if (fs::exists(k, ec) && double(fs::file_size(k, ec)) / 3.0 > 3.5 * 48000) return k;
            }
        }
        return fs::path();
    }();
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    REQUIRE_FALSE(kickOnDisk.empty());

    const fs::path take = onlyTake(dir);
    const fs::path kick = take / "01-Kick.wav";
    const sf_count_t asKilled = framesOf(kick);
    const double onDisk = double(fs::file_size(kick)) / 3.0;
    INFO("header says " << asKilled << " frames, the disk holds about " << onDisk);
    REQUIRE(asKilled > 2 * 48000);                 // plays (the header is at most a second old)
    REQUIRE(onDisk - double(asKilled) < 1.5 * 48000); // and loses at most the last second or so

    FILE* p = popen((std::string(HEADROOM_BINARY) + " repair \"" + take.string() + "\"").c_str(), "r");
    REQUIRE(p);
    std::string report;
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) report.append(buf, n);
    REQUIRE(pclose(p) == 0);
    INFO(report);
    REQUIRE(report.find("01-Kick.wav: ") != std::string::npos);
    REQUIRE(report.find("recovered") != std::string::npos);
    const sf_count_t repaired = framesOf(kick);
    REQUIRE(repaired >= asKilled);
    REQUIRE(std::abs(double(repaired) - onDisk) < 400.0); // everything on disk plays now (less the header)
}

TEST_CASE("a take recorded live renders offline with render --in TAKE_FOLDER, and plays back by number", "[record][cli][render]") {
    const std::string dir = scratch("render-take");
    const std::string band = std::string(HEADROOM_SOURCE_DIR) + "/scenes/band.json";
    const std::string out = shell("(sleep 1.5; echo record stop; echo takes; echo play 1; echo play latest; echo quit) | " + kEnv +
                                  HEADROOM_BINARY + " run --demo --autosave-seconds 0 --show " + band + " --record " + dir);
    INFO(out);
    const fs::path take = onlyTake(dir);
    // The band show is "Rock band: 16 inputs, ...": its take folder has no spaces or commas.
    REQUIRE(take.filename().string().find_first_of(" ,:") == std::string::npos);
    REQUIRE(out.find("  1  " + take.string()) != std::string::npos);
    REQUIRE(out.find("ok: loaded " + take.string() + " (") != std::string::npos);
    REQUIRE(out.find("error: play") == std::string::npos);

    const std::string mix = scratch("render-mix") + "/mix.wav";
    const auto r = hr::test::runShell(std::string(HEADROOM_BINARY) + " render --show " + band + " --in " + take.string() + " --out " + mix);
    INFO(r.output);
    REQUIRE(r.status == 0);
    SF_INFO info{};
    SNDFILE* f = sf_open(mix.c_str(), SFM_READ, &info);
    REQUIRE(f);
    std::vector<float> samples(static_cast<size_t>(info.frames * info.channels));
    sf_readf_float(f, samples.data(), info.frames);
    sf_close(f);
    REQUIRE(info.channels == 2);
    REQUIRE(info.frames == framesOf(take / "01-Kick.wav")); // as long as the take
    REQUIRE(info.frames > 48000);
    float peak = 0.0f;
    for (float s : samples) peak = std::max(peak, std::fabs(s));
    REQUIRE(peak > 0.01f); // the band, mixed: not silence
}
