// The headroom executable, run as a user would: exit codes and what it prints.
#include "support/process.h"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <sys/wait.h>

namespace {
struct Run {
    int status;
    std::string output; // stdout and stderr
};

Run run(const std::string& args) {
    const hr::test::ProcessResult r = hr::test::runShell(std::string(HEADROOM_BINARY) + " " + args);
    return {r.status, r.output};
}

std::string shell(const std::string& command) { // a command line that must succeed
    const hr::test::ProcessResult r = hr::test::runShell(command);
    REQUIRE(r.status == 0);
    return r.output;
}

std::string scratch(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / "headroom-cli-test";
    std::filesystem::create_directories(dir);
    return (dir / name).string();
}
const std::string kScenes = std::string(HEADROOM_SOURCE_DIR) + "/scenes/";

std::string slurp(const std::string& path) {
    std::ifstream in(path);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}
} // namespace

TEST_CASE("headroom check reports a good show and refuses a bad one with file, line and reason", "[cli]") {
    const Run good = run("check " + kScenes + "band.json");
    REQUIRE(good.status == 0);
    REQUIRE(good.output.find("16 channels, 9 buses") != std::string::npos);

    const std::string bad = scratch("bad.json");
    std::ofstream(bad) << "{\n  \"console\": {\"channels\": 2},\n  \"params\": {\"/ch/1/fader\": \"loud\"}\n}\n";
    const Run r = run("check " + bad);
    REQUIRE(r.status == 1);
    REQUIRE(r.output == "error: " + bad + ":3:29: /ch/1/fader: 'loud' is not a level in dB\n");
}

TEST_CASE("headroom demo-take and render make a stereo mix of the demo band", "[cli][render]") {
    const std::string take = scratch("band.wav"), mix = scratch("mix.wav");
    const Run t = run("demo-take " + take + " --seconds 2");
    REQUIRE(t.status == 0);
    REQUIRE(t.output.find("16 tracks") != std::string::npos);
    const Run r = run("render --show " + kScenes + "band.json --in " + take + " --out " + mix + " --bus 4=" + scratch("bass.wav"));
    INFO(r.output);
    REQUIRE(r.status == 0);
    REQUIRE(r.output.find("rendered 2.00 s") != std::string::npos);
    REQUIRE(std::filesystem::file_size(mix) > 2 * 48000 * 2 * 3); // 24-bit stereo, 2 s

    const Run bad = run("render --show " + kScenes + "band.json --in " + take + " --out " + mix + " --bus two=x.wav");
    REQUIRE(bad.status == 2);
    REQUIRE(bad.output.find("--bus two=x.wav: expected N=FILE") != std::string::npos);
}

TEST_CASE("headroom bench prints a row per console shape", "[cli][bench]") {
    const Run r = run("bench --seconds 0.2 --runs 1");
    REQUIRE(r.status == 0);
    for (const char* shape : {"16x8", "32x16", "64x16", "128x32"}) REQUIRE(r.output.find(shape) != std::string::npos);
    REQUIRE(r.output.find("ns/ch-sample") != std::string::npos);
}

TEST_CASE("headroom devices lists the audio APIs with the null device, and MIDI, as text and JSON", "[cli][devices]") {
    const Run text = run("devices");
    REQUIRE(text.status == 0);
    REQUIRE(text.output.find("audio\n") == 0);
    REQUIRE(text.output.find("  null\n    0: null") != std::string::npos);
    REQUIRE(text.output.find("\nmidi\n") != std::string::npos);
    const Run json = run("devices --json");
    REQUIRE(json.status == 0);
    REQUIRE(json.output.find("\"api\": \"null\"") != std::string::npos);
    REQUIRE(json.output.find("\"midi\": [") != std::string::npos);
}

TEST_CASE("headroom run: no device named falls back to the null device with the demo band, a named one retries",
          "[cli][run]") {
    const std::string script = scratch("status-quit.txt");
    std::ofstream(script) << "status\nget /ch/13/name\nquit\n";
    const std::string config = "HEADROOM_CONFIG=" + scratch("no-config.json") + " JACK_DEFAULT_SERVER=headroom-nonexistent ";
    std::filesystem::remove(scratch("no-config.json"));

    std::string out = shell(config + HEADROOM_BINARY + " run --show " + kScenes + "band.json --script " + script + " < /dev/null");
    INFO(out);
    REQUIRE(out.find("running on the null device with the demo band") != std::string::npos);
    REQUIRE(out.find("api null") != std::string::npos);
    REQUIRE(out.find(" demo") != std::string::npos);
    REQUIRE(out.find("/ch/13/name \"Lead Vox\"") != std::string::npos);
    REQUIRE(out.find("ok: quit") != std::string::npos);

    out = shell(config + HEADROOM_BINARY + " run --api jack --script " + script + " < /dev/null");
    INFO(out);
    REQUIRE(out.find("error: the JACK server is not running") != std::string::npos);
    REQUIRE(out.find("retrying every 3 s") != std::string::npos);
    REQUIRE(out.find("api none") != std::string::npos); // still answering while the device is away
    REQUIRE(out.find("null device") == std::string::npos);

    // Remembered from the last run, not named: it says so and falls back to the demo band.
    std::ofstream(scratch("remembered-jack.json")) << R"({"api": "jack", "device": "system"})";
    const std::string rememberedJack = "HEADROOM_CONFIG=" + scratch("remembered-jack.json") + " JACK_DEFAULT_SERVER=headroom-nonexistent ";
    out = shell(rememberedJack + HEADROOM_BINARY + " run --show " + kScenes + "band.json --script " + script + " < /dev/null");
    INFO(out);
    REQUIRE(out.find("note: the audio device remembered from the last run (api jack, device \"system\") is not there") != std::string::npos);
    REQUIRE(out.find("running on the null device with the demo band. To wait for it, name it (headroom run --api jack --device \"system\")") !=
            std::string::npos);
    REQUIRE(out.find("api null") != std::string::npos);
    REQUIRE(out.find(" demo") != std::string::npos);
    REQUIRE(out.find("retrying") == std::string::npos);
    REQUIRE(slurp(scratch("remembered-jack.json")).find("\"jack\"") != std::string::npos); // still remembered for next time
}

TEST_CASE("headroom run autosaves the live state and offers it back with --recover", "[cli][recovery]") {
    const std::string dir = scratch("state");
    std::filesystem::remove_all(dir);
    const std::string show = scratch("gig.json");
    std::filesystem::copy_file(kScenes + "band.json", show, std::filesystem::copy_options::overwrite_existing);
    const std::string env = "HEADROOM_STATE_DIR=" + dir + " HEADROOM_CONFIG=" + scratch("cfg.json") + " ";
    const std::string run = env + HEADROOM_BINARY + " run --api null --autosave-seconds 0.2 --show " + show;

    // A change, then the process goes away without saving.
    std::string out = shell("(printf \"set /ch/1/fader -12\\n\"; sleep 1; printf \"quit\\n\") | " + run);
    INFO(out);
    const std::string recovery = dir + "/gig.recovery.json";
    REQUIRE(std::filesystem::exists(recovery));
    REQUIRE(std::filesystem::last_write_time(recovery) > std::filesystem::last_write_time(show));

    out = shell("printf \"get /ch/1/fader\\nquit\\n\" | " + run);
    REQUIRE(out.find("gig.recovery.json is newer than the show") != std::string::npos);
    REQUIRE(out.find("/ch/1/fader -3.0 dB") != std::string::npos); // the show's value: reported, not applied

    out = shell("printf \"get /ch/1/fader\\nsave\\nquit\\n\" | " + run + " --recover");
    REQUIRE(out.find("recovering the live state from") != std::string::npos);
    REQUIRE(out.find("/ch/1/fader -12.0 dB") != std::string::npos);
    REQUIRE(out.find("ok: saved " + show) != std::string::npos); // save goes to the show, not the recovery file

    out = shell("printf \"quit\\n\" | " + run);
    REQUIRE(out.find("newer than the show") == std::string::npos); // saved: nothing to offer
}

TEST_CASE("headroom reopens the show it last loaded or saved", "[cli][config]") {
    const std::string env = "HEADROOM_CONFIG=" + scratch("last-show.json") + " HEADROOM_STATE_DIR=" + scratch("last-state") + " ";
    std::filesystem::remove(scratch("last-show.json"));
    const std::string run = env + HEADROOM_BINARY + " run --api null --autosave-seconds 0";
    std::string out = shell("printf \"status\\nquit\\n\" | " + run);
    REQUIRE(out.find("show \"Default: 16 inputs, 8 mixes\"") != std::string::npos);
    out = shell("printf \"load " + kScenes + "podcast.json\\nquit\\n\" | " + run);
    REQUIRE(out.find("ok: loaded") != std::string::npos);
    out = shell("printf \"status\\nquit\\n\" | " + run); // no --show: the podcast again
    INFO(out);
    REQUIRE(out.find("console 8x6") != std::string::npos);
}
