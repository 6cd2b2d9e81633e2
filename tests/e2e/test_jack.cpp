// End to end on a real JACK server (dummy backend): headroom runs with --api jack, a
// player client feeds its inputs and a recorder client captures its outputs.
#include "jack_rig.h"

#include <catch2/catch.hpp>

#include <cstring>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <thread>
#include <unistd.h>

using namespace hr::e2e;

namespace {

// 4 channels: 1 with +6 dB trim hard left on main; 2 muted by its fader, feeding bus 1
// pre-fader; 3 hard right on main. Outputs: main L, main R, bus 1, off.
const char* kShow = R"({
  "headroom": 1, "name": "e2e",
  "console": { "sampleRate": 48000, "channels": 4, "inputs": 4, "outputs": 4, "buses": ["mono"] },
  "params": {
    "/ch/1/trim": 6.0206, "/ch/1/pan": -1,
    "/ch/2/fader": "-inf", "/ch/2/send/1/level": 0, "/ch/2/send/1/tap": "pre",
    "/ch/3/pan": 1,
    "/out/1/source": "main.L", "/out/2/source": "main.R", "/out/3/source": "bus1", "/out/4/source": "off"
  }
})";

std::string writeShow() {
    const auto path = std::filesystem::temp_directory_path() / ("headroom-e2e-" + std::to_string(getpid()) + ".json");
    std::ofstream(path) << kShow;
    return path.string();
}

std::string serverName() { return "hr-e2e-" + std::to_string(getpid()); } // JACK keeps 8 in its registry: .ci/run clears stale ones

std::vector<std::string> runArgs(const std::string& show) {
    return {"run", "--api", "jack", "--show", show, "--inputs", "4", "--outputs", "4", "--buffer",
            std::to_string(kPeriod), "--retry-seconds", "0.5", "--watchdog-seconds", "1"};
}

void wire(Player& player, Recorder& recorder) {
    for (int k = 0; k < 4; ++k) {
        REQUIRE(connect(player.portName(k), "headroom:in_" + std::to_string(k + 1)));
        REQUIRE(connect("headroom:out_" + std::to_string(k + 1), recorder.portName(k)));
    }
}

} // namespace

TEST_CASE("headroom on JACK: gain, mute, pre-fader send, same-cycle output, prompt timing, its own callback within the period", "[jack][e2e]") {
    setenv("HEADROOM_CONFIG", (std::filesystem::temp_directory_path() / "headroom-e2e-config.json").c_str(), 1);
    JackServer server(serverName(), 8, JackServer::Mode::Sync);
    REQUIRE(server.start());
    Headroom headroom(runArgs(writeShow()));
    REQUIRE(waitForPort("headroom:in_1", std::chrono::seconds(10)));
    INFO(headroom.log());
    // The port exists before headroom says so: wait for the line, don't race it (it lost once
    // on a loaded machine in a fresh root).
    REQUIRE(headroom.waitForLog("audio 'headroom <-> system' on jack at 48000 Hz, 256 frames, 4 in / 4 out", std::chrono::seconds(10)));

    Player player("hr-player", 4);
    Recorder recorder("hr-recorder", 4);
    REQUIRE(player.ok());
    REQUIRE(recorder.ok());
    wire(player, recorder);

    recorder.waitFrames(kRate / 10);
    // What headroom answers for is its own callback: its peak time against the period. The
    // whole graph's xruns on a shared machine are not (3 of them once failed this test while
    // headroom's own peak was 17 %); they are shown, not asserted.
    auto figure = [&](const char* name) {
        const std::string st = headroom.command("status");
        const size_t at = st.find(std::string(" ") + name + " ");
        REQUIRE(at != std::string::npos);
        return std::stod(st.substr(at + std::strlen(name) + 2));
    };
    const double xrunsBefore = figure("xruns");

    // +6 dB trim to main: a constant arrives doubled once the glides have settled.
    player.setConstant(0, 0.1f);
    player.setSine(1, 500.0f, 0.1f);
    recorder.waitFrames(kRate / 2);
    const jack_nframes_t t = recorder.latest();
    REQUIRE(recorder.at(0, t - 1) == Approx(0.2f).epsilon(0.001));
    // The pre-fader send reaches bus 1 with channel 2's fader at -inf; main R hears nothing.
    REQUIRE(recorder.peak(2, t - kRate / 10, t) == Approx(0.1f).epsilon(0.01));
    REQUIRE(recorder.peak(1, t - kRate / 10, t) < 1e-6f);

    // Same cycle: an impulse into channel 3 leaves main R at the frame it went in.
    player.fireImpulse(2);
    for (int i = 0; i < 200 && player.impulseFrame() == 0; ++i) recorder.waitFrames(kPeriod); // a loaded machine may lag
    recorder.waitFrames(4 * kPeriod);
    const jack_nframes_t sent = player.impulseFrame();
    REQUIRE(sent != 0);
    int32_t arrived = -99999;
    for (jack_nframes_t f = sent - 2 * kPeriod; f != sent + 4 * kPeriod; ++f)
        if (recorder.at(1, f) > 0.5f) arrived = static_cast<int32_t>(f - sent);
    INFO("the impulse arrived " << arrived << " frames after it was sent");
    REQUIRE(recorder.at(1, sent) == Approx(1.0f).epsilon(1e-6));
    REQUIRE(recorder.peak(1, sent + 1, sent + 2 * kPeriod) < 1e-6f);

    // set over the prompt: the output starts to change within one block of the answer.
    const std::string answer = headroom.command("set /ch/1/mute on");
    const jack_nframes_t answered = recorder.now();
    REQUIRE(answer == "/ch/1/mute on\n");
    recorder.waitFrames(kRate / 4);
    jack_nframes_t firstChange = 0;
    for (jack_nframes_t f = answered - 4 * kPeriod; f != recorder.latest(); ++f)
        if (recorder.at(0, f) < 0.1995f) {
            firstChange = f;
            break;
        }
    REQUIRE(firstChange != 0);
    INFO("first changed frame is " << static_cast<int32_t>(firstChange - answered) << " frames after the answer");
    REQUIRE(static_cast<int32_t>(firstChange - answered) <= kPeriod + 32);
    // Mute: silence after the ramp.
    REQUIRE(recorder.peak(0, recorder.latest() - kRate / 20, recorder.latest()) == 0.0f);

    const std::string status = headroom.command("status");
    INFO(status);
    REQUIRE(status.find("api jack") == 0);
    INFO("JACK reported " << figure("xruns") - xrunsBefore << " xruns of the graph during the run");
#ifndef HEADROOM_SANITIZED
    REQUIRE(figure("peak") < 100.0); // headroom's callback never took longer than a period
#else // a sanitizer's instrumented build measures the sanitizer: the figure is reported, and real
    REQUIRE(figure("peak") > 0.0);
#endif
    REQUIRE(headroom.command("quit") == "ok: quit\n");
}

TEST_CASE("headroom reconnects after the JACK server restarts and passes audio again", "[jack][e2e]") {
    setenv("HEADROOM_CONFIG", (std::filesystem::temp_directory_path() / "headroom-e2e-config.json").c_str(), 1);
    JackServer server(serverName(), 8);
    REQUIRE(server.start());
    Headroom headroom(runArgs(writeShow()));
    REQUIRE(waitForPort("headroom:in_1", std::chrono::seconds(10)));
    headroom.command("set /ch/3/trim 3");
    {
        Player player("hr-player", 4);
        Recorder recorder("hr-recorder", 4);
        wire(player, recorder);
        player.setConstant(2, 0.1f);
        recorder.waitFrames(kRate / 2);
        REQUIRE(recorder.at(1, recorder.latest() - 1) == Approx(0.1f * std::pow(10.0f, 3.0f / 20.0f)).epsilon(0.001));
    }

    server.stop(); // the interface is unplugged
    INFO(headroom.log());
    REQUIRE(headroom.waitForLog("stopped:", std::chrono::seconds(10)));
    REQUIRE(server.start()); // and plugged back in
    REQUIRE(headroom.waitForLog("is back; carrying on", std::chrono::seconds(15)));
    REQUIRE(waitForPort("headroom:in_3", std::chrono::seconds(5)));

    Player player("hr-player", 4);
    Recorder recorder("hr-recorder", 4);
    REQUIRE(player.ok());
    wire(player, recorder);
    player.setConstant(2, 0.1f);
    recorder.waitFrames(kRate / 2);
    // The console kept its state across the restart: the +3 dB trim set before it.
    INFO("after: " << headroom.log());
    REQUIRE(recorder.at(1, recorder.latest() - 1) == Approx(0.1f * std::pow(10.0f, 3.0f / 20.0f)).epsilon(0.001));
    REQUIRE(headroom.command("get /ch/3/trim") == "/ch/3/trim 3.0 dB\n");
}
