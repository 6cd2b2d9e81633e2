// A Mackie Control surface over real MIDI ports on a JACK server (dummy backend): a test
// client plays the surface (RtMidi's JACK API), moves faders and presses buttons into
// headroom's "mcu in", and reads the motor-fader bytes from "mcu out".
#include "jack_rig.h"

#include <catch2/catch.hpp>
#include <rtmidi/RtMidi.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace hr::e2e;

namespace {
const char* kShow = R"({
  "headroom": 1, "name": "mcu",
  "console": { "sampleRate": 48000, "channels": 4, "inputs": 4, "outputs": 4, "buses": ["mono"] },
  "params": { "/ch/1/pan": -1, "/out/1/source": "main.L", "/out/2/source": "main.R" }
})";

int findPort(RtMidi& m, const std::string& part) {
    for (unsigned i = 0; i < m.getPortCount(); ++i)
        if (m.getPortName(i).find(part) != std::string::npos) return static_cast<int>(i);
    return -1;
}

struct Captured {
    std::mutex mutex;
    std::vector<std::vector<unsigned char>> messages;
};
} // namespace

TEST_CASE("a Mackie Control surface over JACK MIDI drives headroom and follows it", "[jack][midi][e2e]") {
    const auto tmp = std::filesystem::temp_directory_path();
    setenv("HEADROOM_CONFIG", (tmp / "headroom-e2e-midi-config.json").c_str(), 1);
    std::filesystem::remove(tmp / "headroom-e2e-midi-config.json");
    const std::string show = (tmp / ("headroom-e2e-midi-" + std::to_string(getpid()) + ".json")).string();
    std::ofstream(show) << kShow;
    JackServer server("hr-midi-" + std::to_string(getpid()), 4);
    REQUIRE(server.start());
    Headroom headroom({"run", "--api", "jack", "--show", show, "--inputs", "4", "--outputs", "4", "--buffer", "256"});
    REQUIRE(waitForPort("headroom:in_1", std::chrono::seconds(10)));

    // Before the RtMidi clients: RtMidi hands the callback's argument to JACK's thread with no
    // synchronisation, so what it points to must exist before that thread starts.
    Captured captured;
    RtMidiOut surfaceOut(RtMidi::UNIX_JACK, "hr-surface-out");
    RtMidiIn surfaceIn(RtMidi::UNIX_JACK, "hr-surface-in");
    int in = -1, out = -1;
    for (int i = 0; i < 50 && (in < 0 || out < 0); ++i) {
        in = findPort(surfaceOut, "mcu in");
        out = findPort(surfaceIn, "mcu out");
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    INFO(headroom.log());
    REQUIRE(in >= 0);
    REQUIRE(out >= 0);
    surfaceIn.setCallback([](double, std::vector<unsigned char>* m, void* arg) {
        auto* c = static_cast<Captured*>(arg);
        std::lock_guard<std::mutex> lock(c->mutex);
        c->messages.push_back(*m);
    }, &captured);
    surfaceIn.ignoreTypes(false, true, true);
    surfaceIn.openPort(static_cast<unsigned>(out));
    surfaceOut.openPort(static_cast<unsigned>(in));
    std::this_thread::sleep_for(std::chrono::milliseconds(300));

    // The surface moves fader 1 to half travel (-10 dB on the console law) and mutes strip 2.
    auto send = [&](std::vector<unsigned char> m) { surfaceOut.sendMessage(&m); };
    // The connection between two JACK MIDI clients takes a cycle or two to carry data.
    // Bounded by time (kPatience), not by tries; the log is read when it ends.
    std::string fader;
    const auto movedBy = std::chrono::steady_clock::now() + kPatience;
    while (fader != "/ch/1/fader -10.0 dB\n" && std::chrono::steady_clock::now() < movedBy) {
        send({0xE0, 0x00, 0x40});
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
        fader = headroom.command("get /ch/1/fader");
    }
    INFO("headroom's log when the fader was waited for:\n" << headroom.log());
    REQUIRE(fader == "/ch/1/fader -10.0 dB\n");
    send({0x90, 0x11, 0x7F});
    send({0x90, 0x11, 0x00});
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    REQUIRE(headroom.command("get /ch/2/mute") == "/ch/2/mute on\n");

    // Latency: a fader move, sent at a known frame, against the first output sample it changes.
    Player player("hr-player", 1);
    Recorder recorder("hr-recorder", 1);
    REQUIRE(connect(player.portName(0), "headroom:in_1"));
    REQUIRE(connect("headroom:out_1", recorder.portName(0)));
    player.setConstant(0, 0.5f);
    recorder.waitFrames(kRate / 2);
    const float before = recorder.at(0, recorder.latest() - 1);
    const jack_nframes_t sentAt = recorder.now();
    send({0xE0, 0x7F, 0x7F}); // to the top: +10 dB
    recorder.waitFrames(kRate / 4);
    jack_nframes_t changed = 0;
    for (jack_nframes_t f = sentAt - kPeriod; f != recorder.latest(); ++f)
        if (std::fabs(recorder.at(0, f) - before) > 1e-4f) {
            changed = f;
            break;
        }
    REQUIRE(changed != 0);
    const int32_t latency = static_cast<int32_t>(changed - sentAt);
    WARN("MCU fader move to audio: " << latency << " frames (" << latency * 1000.0 / kRate << " ms) at " << kPeriod
                                     << "-frame periods, from the surface's send to the first changed sample");
    REQUIRE(latency <= 3 * kPeriod); // the surface's own MIDI out waits a cycle; then one block

    // The prompt moves fader 2: its motor gets the exact position, once.
    {
        std::lock_guard<std::mutex> lock(captured.mutex);
        captured.messages.clear();
    }
    REQUIRE(headroom.command("set /ch/2/fader -20") == "/ch/2/fader -20.0 dB\n");
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    {
        std::lock_guard<std::mutex> lock(captured.mutex);
        const std::vector<unsigned char> motor{0xE1, 0x00, 0x30}; // 0.375 of travel = 6144
        REQUIRE(std::count(captured.messages.begin(), captured.messages.end(), motor) == 1);
        captured.messages.clear();
    }

    // The transport keys: RECORD records a take (where the prompt recorded last), lit; STOP ends it.
    const auto takes = tmp / ("headroom-e2e-midi-takes-" + std::to_string(getpid()));
    std::filesystem::remove_all(takes);
    REQUIRE(headroom.command("arm 1").rfind("ok:", 0) == 0);
    REQUIRE(headroom.command("record start " + takes.string()).rfind("ok: recording 1 tracks", 0) == 0);
    REQUIRE(headroom.command("record stop").rfind("ok: take", 0) == 0);
    send({0x90, 0x5F, 0x7F});
    REQUIRE(headroom.waitForLog("MIDI: mcu RECORD: ok: recording 1 tracks to " + takes.string(), kPatience));
    auto received = [&](const std::vector<unsigned char>& m) {
        for (int i = 0; i < 100; ++i) {
            {
                std::lock_guard<std::mutex> lock(captured.mutex);
                if (std::count(captured.messages.begin(), captured.messages.end(), m) > 0) return true;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        return false;
    };
    REQUIRE(received({0x90, 0x5F, 0x7F})); // RECORD lit
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    {
        std::lock_guard<std::mutex> lock(captured.mutex);
        captured.messages.clear(); // what follows comes after the lit LED
    }
    send({0x90, 0x5D, 0x7F});
    REQUIRE(headroom.waitForLog("MIDI: mcu STOP: ok: take " + takes.string(), kPatience));
    REQUIRE(received({0x90, 0x5F, 0x00})); // and dark again
    int folders = 0;
    for (const auto& entry : std::filesystem::directory_iterator(takes)) folders += entry.is_directory() ? 1 : 0;
    REQUIRE(folders == 2); // the prompt's take and the surface's
    std::filesystem::remove_all(takes);
    REQUIRE(headroom.command("midi close") == "ok: surface 'mcu' closed\n");
    // A device that is not there (yet) is waited for, not refused: it opens when it appears.
    REQUIRE(headroom.command("midi open no-such-port") ==
            "ok: mcu: Mackie Control, main 'no-such-port' / 'no-such-port' waiting (no MIDI input 'no-such-port')\n");
    REQUIRE(headroom.command("midi open") == "ok: mcu: Mackie Control, main virtual 'mcu in' / virtual 'mcu out' open\n");
    REQUIRE(headroom.command("quit") == "ok: quit\n");
}
