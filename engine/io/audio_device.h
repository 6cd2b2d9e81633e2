// AudioDevice: a duplex RtAudio stream (non-interleaved float, real-time scheduling
// requested), a native JACK client, or the built-in null device (a real-time clock
// thread), driving a LiveEngine. RtAudio's exceptions stop here; callers get a message
// naming the device and what to try.
//
// Why JACK is native: RtAudio 5's JACK backend runs the user callback before it copies
// the input ports (RtApiJack::callbackEvent), so every input reaches the console one
// period late. A console must not add latency, so --api jack talks to libjack directly:
// inputs, processing and outputs in one cycle, ports named in_1.. and out_1.., and the
// server's shutdown noticed at once.
//
// A stream that dies while running (interface unplugged, JACK server gone) is noticed by
// the error callback or by a watchdog (no callback for `watchdog`), and failed() turns
// true; the owner closes the device and opens it again (see app/run.cpp).
#pragma once

#include "io/live.h"

#include <atomic>
#include <mutex>
#include <memory>
#include <string>
#include <thread>
#include <vector>

class RtAudio;
typedef struct _jack_client jack_client_t;
typedef struct _jack_port jack_port_t;

namespace hr {

struct DeviceRequest {
    std::string api;      // "jack", "alsa", "pulse", "null"; "" = the first that opens
    std::string device;   // name (exact or a unique part) or index; "" = the API's default
    int rate = 48000;     // Hz; JACK uses its server's rate
    int buffer = 256;     // frames asked for; the device may grant another size
    int inputs = 0;       // 0 = as many as the console's patch has (at most the device's)
    int outputs = 0;      // 0 = as many as the console's patch has
};

struct DeviceState {       // what was actually opened
    std::string api;       // "jack", "null", ...
    std::string device;    // device name
    double rate = 0.0;     // granted sample rate
    int buffer = 0;        // granted block size
    int inputs = 0, outputs = 0;
};

struct ApiListing {
    std::string api;
    struct Device {
        int index;
        std::string name;
        int inputs, outputs;
        std::vector<unsigned> rates;
        bool defaultIn, defaultOut;
    };
    std::vector<Device> devices;
    std::string error; // why the API could not be probed, if it could not
};

std::vector<ApiListing> listAudioDevices(); // control thread; never throws
std::vector<std::string> compiledAudioApis();

class AudioDevice {
public:
    explicit AudioDevice(LiveEngine& engine);
    ~AudioDevice();

    // control thread: opens and starts; on failure returns false with *error naming the
    // device and what to try. Console inputs/outputs bound the channel counts.
    bool open(const DeviceRequest& request, int consoleInputs, int consoleOutputs, std::string* error);
    void close();                         // control thread: stops and closes (idempotent)
    bool isOpen() const { return open_; }
    bool failed() const;                  // any thread: the stream died while running
    std::string failure() const;          // why, once failed()
    const DeviceState& state() const { return state_; }
    void setWatchdog(std::chrono::milliseconds ms) { watchdog_ = ms; }

private:
    bool openNull(const DeviceRequest& request, int inputs, int outputs, std::string* error);
    bool openRtAudio(const DeviceRequest& request, int inputs, int outputs, std::string* error);
    bool openJack(const DeviceRequest& request, int inputs, int outputs, std::string* error);
    static int jackProcess(uint32_t frames, void* self);
    void nullLoop();
    static int callback(void* out, void* in, unsigned frames, double time, unsigned status, void* user);

    LiveEngine& engine_;
    std::unique_ptr<RtAudio> rt_;
    jack_client_t* jack_ = nullptr;
    std::vector<jack_port_t*> jackIn_, jackOut_;
    std::atomic<bool> jackXrun_{false};
    std::atomic<bool> jackGone_{false}; // set last by the shutdown callback, after jackReason_
    // JACK's shutdown callback must act like an async signal handler (jack.h): no lock, no
    // allocation. It copies the reason here, once, before setting jackGone_.
    char jackReason_[256] = {};
    DeviceState state_;
    bool open_ = false;
    std::thread nullThread_;
    std::atomic<bool> nullRunning_{false};
    std::vector<float> nullOut_;
    std::vector<float*> outPtrs_;
    std::vector<const float*> inPtrs_;
    std::chrono::milliseconds watchdog_{2000};
    std::chrono::steady_clock::time_point openedAt_;
    mutable std::atomic<bool> failed_{false};
    mutable std::mutex watchMutex_; // failed()'s watchdog, from any thread
    mutable uint64_t watchBlocks_ = 0;
    mutable std::chrono::steady_clock::time_point watchChange_{};
    std::string failure_;
};

} // namespace hr
