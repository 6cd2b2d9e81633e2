// AudioDevice: RtAudio streams and the null device. Sections: listing, opening
// (RtAudio, null), the callbacks, failure detection.
#include "io/audio_device.h"
#include "io/jack_clients.h"

#include <jack/jack.h>
#include <rtaudio/RtAudio.h>

#include <algorithm>
#include <cerrno>
#include <fcntl.h>
#include <unistd.h>
#include <cstring>
#include <mutex>
#include <pthread.h>
#include <time.h>

namespace hr {

std::mutex& jackClientLock() {
    static std::mutex lock;
    return lock;
}

namespace {

std::mutex gErrorMutex;       // guards gErrorText
std::string gErrorText;       // the last stream error RtAudio reported
std::atomic<bool> gStreamError{false};

// RtAudio 5 reports stream errors through a plain function: keep the message for the
// control thread, which polls failed().
void onRtAudioError(RtAudioError::Type type, const std::string& text) {
    if (type == RtAudioError::WARNING || type == RtAudioError::DEBUG_WARNING) return;
    std::lock_guard<std::mutex> lock(gErrorMutex);
    gErrorText = text;
    gStreamError.store(true);
}

std::string lower(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

RtAudio::Api apiByName(const std::string& name) {
    if (name == "jack") return RtAudio::UNIX_JACK;
    if (name == "alsa") return RtAudio::LINUX_ALSA;
    if (name == "pulse") return RtAudio::LINUX_PULSE;
    if (name == "oss") return RtAudio::LINUX_OSS;
    return RtAudio::UNSPECIFIED;
}

} // namespace

// ---- listing -----------------------------------------------------------------------------

std::vector<std::string> compiledAudioApis() {
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    std::vector<std::string> names;
    for (RtAudio::Api a : apis)
        if (a != RtAudio::RTAUDIO_DUMMY) names.push_back(RtAudio::getApiName(a));
    names.push_back("null");
    return names;
}

std::vector<ApiListing> listAudioDevices() {
    std::vector<ApiListing> out;
    std::vector<RtAudio::Api> apis;
    RtAudio::getCompiledApi(apis);
    for (RtAudio::Api a : apis) {
        if (a == RtAudio::RTAUDIO_DUMMY) continue;
        ApiListing listing;
        listing.api = RtAudio::getApiName(a);
        try {
            std::lock_guard<std::mutex> jack(jackClientLock()); // RtAudio's JACK API opens a client
            RtAudio rt(a);
            rt.showWarnings(false);
            const unsigned n = rt.getDeviceCount();
            for (unsigned i = 0; i < n; ++i) {
                const RtAudio::DeviceInfo info = rt.getDeviceInfo(i);
                if (!info.probed) continue;
                listing.devices.push_back({static_cast<int>(i), info.name, static_cast<int>(info.inputChannels),
                                           static_cast<int>(info.outputChannels), info.sampleRates,
                                           info.isDefaultInput, info.isDefaultOutput});
            }
            if (n == 0) listing.error = a == RtAudio::UNIX_JACK ? "no devices (is the JACK server running?)" : "no devices";
        } catch (const RtAudioError& e) {
            listing.error = e.getMessage();
        }
        out.push_back(std::move(listing));
    }
    ApiListing null;
    null.api = "null";
    null.devices.push_back({0, "null (a clock, no sound; the demo band can feed it)", 0, 256, {44100, 48000, 96000}, true, true});
    out.push_back(std::move(null));
    return out;
}

// ---- opening -----------------------------------------------------------------------------

AudioDevice::AudioDevice(LiveEngine& engine) : engine_(engine) {}

AudioDevice::~AudioDevice() { close(); }

bool AudioDevice::open(const DeviceRequest& request, int consoleInputs, int consoleOutputs, std::string* error) {
    close();
    std::lock_guard<std::mutex> jack(jackClientLock()); // held while any API opens its client
    failed_.store(false);
    gStreamError.store(false);
    const int inputs = request.inputs > 0 ? request.inputs : consoleInputs;
    const int outputs = request.outputs > 0 ? request.outputs : consoleOutputs;
    bool ok = false;
    if (request.api == "null") ok = openNull(request, inputs, outputs, error);
    else if (request.api == "jack") ok = openJack(request, inputs, outputs, error);
    else if (!request.api.empty()) ok = openRtAudio(request, inputs, outputs, error);
    else { // nothing named: a running JACK server first (Linux pro audio), then RtAudio's default
        std::string jackError;
        ok = openJack(request, inputs, outputs, &jackError);
        if (!ok) {
            // Probing ALSA and PulseAudio with no card makes their libraries print to stderr;
            // the caller says in one line what happened.
            const int saved = dup(STDERR_FILENO);
            const int null = ::open("/dev/null", O_WRONLY);
            if (null >= 0) dup2(null, STDERR_FILENO);
            ok = openRtAudio(request, inputs, outputs, error);
            if (saved >= 0) dup2(saved, STDERR_FILENO);
            if (null >= 0) ::close(null);
            if (saved >= 0) ::close(saved);
        }
        if (!ok) *error = jackError + "; " + *error;
    }
    open_ = ok;
    openedAt_ = std::chrono::steady_clock::now();
    return ok;
}

bool AudioDevice::openNull(const DeviceRequest& request, int, int outputs, std::string*) {
    state_ = {"null", "null", static_cast<double>(request.rate > 0 ? request.rate : 48000),
              std::max(16, request.buffer), 0, outputs};
    engine_.prepare(state_.rate, state_.buffer);
    nullOut_.assign(static_cast<size_t>(outputs) * static_cast<size_t>(state_.buffer), 0.0f);
    outPtrs_.resize(static_cast<size_t>(outputs));
    for (int k = 0; k < outputs; ++k) outPtrs_[static_cast<size_t>(k)] = &nullOut_[static_cast<size_t>(k) * state_.buffer];
    nullRunning_.store(true);
    nullThread_ = std::thread([this] { nullLoop(); });
    return true;
}

bool AudioDevice::openRtAudio(const DeviceRequest& request, int inputs, int outputs, std::string* error) {
    const std::string apiName = request.api.empty() ? std::string("default") : request.api;
    const RtAudio::Api api = apiByName(request.api);
    if (!request.api.empty() && api == RtAudio::UNSPECIFIED) {
        *error = "audio API '" + request.api + "' is not one headroom knows; try jack, alsa, pulse or null";
        return false;
    }
    try {
        rt_ = std::make_unique<RtAudio>(api);
        rt_->showWarnings(false);
        const unsigned count = rt_->getDeviceCount();
        if (count == 0) {
            *error = "no audio devices on API " + apiName +
                     (api == RtAudio::UNIX_JACK ? " (is the JACK server running? start it, or use --api null)"
                                                : " (is an interface connected? try --api jack or --api null)");
            rt_.reset();
            return false;
        }
        // Pick the device: an index, an exact name, a unique part of a name, or the default.
        int chosen = -1;
        std::vector<RtAudio::DeviceInfo> infos;
        for (unsigned i = 0; i < count; ++i) infos.push_back(rt_->getDeviceInfo(i));
        if (request.device.empty()) {
            chosen = static_cast<int>(inputs > 0 ? rt_->getDefaultInputDevice() : rt_->getDefaultOutputDevice());
        } else if (std::all_of(request.device.begin(), request.device.end(), ::isdigit)) {
            // all digits: a number too long for an int is no device, not an exception
            chosen = request.device.size() > 9 ? -1 : std::stoi(request.device);
            if (chosen >= static_cast<int>(count)) chosen = -1;
        } else {
            int partial = -1, partials = 0;
            for (unsigned i = 0; i < count; ++i) {
                if (infos[i].name == request.device) chosen = static_cast<int>(i);
                else if (lower(infos[i].name).find(lower(request.device)) != std::string::npos) {
                    partial = static_cast<int>(i);
                    ++partials;
                }
            }
            if (chosen < 0 && partials == 1) chosen = partial;
        }
        if (chosen < 0) {
            std::string names;
            for (unsigned i = 0; i < count; ++i) names += (i ? ", " : "") + std::to_string(i) + " '" + infos[i].name + "'";
            *error = "audio device '" + request.device + "' not found on " + apiName + "; devices: " + names +
                     " (see headroom devices)";
            rt_.reset();
            return false;
        }
        const RtAudio::DeviceInfo& info = infos[static_cast<size_t>(chosen)];
        const int devIn = static_cast<int>(info.inputChannels), devOut = static_cast<int>(info.outputChannels);
        if (request.inputs > devIn || request.outputs > devOut) {
            *error = "audio device '" + info.name + "' has " + std::to_string(devIn) + " inputs and " +
                     std::to_string(devOut) + " outputs; asked for " + std::to_string(request.inputs) + " and " +
                     std::to_string(request.outputs) + " (use --inputs/--outputs within those)";
            rt_.reset();
            return false;
        }
        inputs = std::min(inputs, devIn);
        outputs = std::min(outputs, devOut);
        if (inputs == 0 && outputs == 0) {
            *error = "audio device '" + info.name + "' has no inputs or outputs";
            rt_.reset();
            return false;
        }
        unsigned rate = static_cast<unsigned>(request.rate);
        if (api != RtAudio::UNIX_JACK && !info.sampleRates.empty() &&
            std::find(info.sampleRates.begin(), info.sampleRates.end(), rate) == info.sampleRates.end()) {
            std::string rates;
            for (unsigned r : info.sampleRates) rates += (rates.empty() ? "" : ", ") + std::to_string(r);
            *error = "audio device '" + info.name + "' does not run at " + std::to_string(rate) + " Hz; it offers " + rates +
                     " (use --rate)";
            rt_.reset();
            return false;
        }
        if (api == RtAudio::UNIX_JACK) rate = info.preferredSampleRate ? info.preferredSampleRate : rate;

        RtAudio::StreamParameters inParams, outParams;
        inParams.deviceId = outParams.deviceId = static_cast<unsigned>(chosen);
        inParams.nChannels = static_cast<unsigned>(inputs);
        outParams.nChannels = static_cast<unsigned>(outputs);
        RtAudio::StreamOptions options;
        options.flags = RTAUDIO_NONINTERLEAVED | RTAUDIO_SCHEDULE_REALTIME | RTAUDIO_MINIMIZE_LATENCY;
        options.streamName = "headroom";
        options.priority = 70;
        unsigned buffer = static_cast<unsigned>(request.buffer);
        rt_->openStream(outputs > 0 ? &outParams : nullptr, inputs > 0 ? &inParams : nullptr, RTAUDIO_FLOAT32, rate,
                        &buffer, &AudioDevice::callback, this, &options, &onRtAudioError);
        const double granted = rt_->getStreamSampleRate();
        state_ = {RtAudio::getApiName(rt_->getCurrentApi()), info.name, granted > 0 ? granted : double(rate),
                  static_cast<int>(buffer), inputs, outputs};
        engine_.prepare(state_.rate, state_.buffer); // the granted size is used everywhere
        rt_->startStream();
        return true;
    } catch (const RtAudioError& e) {
        *error = "audio device '" + (request.device.empty() ? std::string("default") : request.device) + "' on " +
                 apiName + ": " + e.getMessage() + " (see headroom devices, or use --api null)";
        rt_.reset();
        return false;
    }
}

bool AudioDevice::openJack(const DeviceRequest& request, int inputs, int outputs, std::string* error) {
    // libjack prints its own complaints (no server) to stderr; headroom says it once, its way.
    jack_set_error_function([](const char*) {});
    jack_set_info_function([](const char*) {});
    jack_status_t status{};
    jack_ = jack_client_open("headroom", JackNoStartServer, &status);
    if (!jack_) {
        *error = "the JACK server is not running (start it, e.g. jackd -d alsa, or use --api null)";
        return false;
    }
    jackGone_.store(false);
    jackXrun_.store(false);
    const std::string peer = request.device.empty() ? std::string("system") : request.device;
    state_ = {"jack", peer, static_cast<double>(jack_get_sample_rate(jack_)), static_cast<int>(jack_get_buffer_size(jack_)),
              inputs, outputs};
    // JACK may change its period later; the engine splits any longer block into pieces.
    engine_.prepare(state_.rate, state_.buffer);
    jackIn_.clear();
    jackOut_.clear();
    for (int k = 0; k < inputs; ++k)
        jackIn_.push_back(jack_port_register(jack_, ("in_" + std::to_string(k + 1)).c_str(), JACK_DEFAULT_AUDIO_TYPE,
                                             JackPortIsInput, 0));
    for (int k = 0; k < outputs; ++k)
        jackOut_.push_back(jack_port_register(jack_, ("out_" + std::to_string(k + 1)).c_str(), JACK_DEFAULT_AUDIO_TYPE,
                                              JackPortIsOutput, 0));
    if (std::find(jackIn_.begin(), jackIn_.end(), nullptr) != jackIn_.end() ||
        std::find(jackOut_.begin(), jackOut_.end(), nullptr) != jackOut_.end()) {
        *error = "JACK refused to register headroom's ports";
        jack_client_close(jack_);
        jack_ = nullptr;
        return false;
    }
    jack_set_process_callback(jack_, &AudioDevice::jackProcess, this);
    jack_set_xrun_callback(jack_, [](void* self) { static_cast<AudioDevice*>(self)->jackXrun_.store(true); return 0; }, this);
    jackReason_[0] = '\0';
    jack_on_info_shutdown(jack_, [](jack_status_t, const char* reason, void* arg) {
        // As an async signal handler: copy into the fixed buffer, then publish.
        auto* self = static_cast<AudioDevice*>(arg);
        size_t n = 0;
        for (; reason && reason[n] && n + 1 < sizeof self->jackReason_; ++n) self->jackReason_[n] = reason[n];
        self->jackReason_[n] = '\0';
        self->jackGone_.store(true, std::memory_order_release);
    }, this);
    if (jack_activate(jack_) != 0) {
        *error = "JACK would not activate headroom's client";
        jack_client_close(jack_);
        jack_ = nullptr;
        return false;
    }
    // Connect to the peer's physical ports in order, as an interface's jacks are.
    const std::string prefix = peer + ":";
    const char** capture = jack_get_ports(jack_, ("^" + peer + ":").c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsOutput);
    const char** playback = jack_get_ports(jack_, ("^" + peer + ":").c_str(), JACK_DEFAULT_AUDIO_TYPE, JackPortIsInput);
    for (int k = 0; capture && capture[k] && k < inputs; ++k) jack_connect(jack_, capture[k], jack_port_name(jackIn_[k]));
    for (int k = 0; playback && playback[k] && k < outputs; ++k) jack_connect(jack_, jack_port_name(jackOut_[k]), playback[k]);
    const bool peerFound = (capture && capture[0]) || (playback && playback[0]);
    if (capture) jack_free(capture);
    if (playback) jack_free(playback);
    if (!peerFound && !request.device.empty()) {
        *error = "JACK client '" + peer + "' has no audio ports to connect to (see headroom devices)";
        jack_client_close(jack_);
        jack_ = nullptr;
        return false;
    }
    state_.device = jack_get_client_name(jack_) + std::string(" <-> ") + peer;
    return true;
}

int AudioDevice::jackProcess(uint32_t frames, void* arg) {
    auto* self = static_cast<AudioDevice*>(arg);
    const float* ins[kMaxIo];
    float* outs[kMaxIo];
    const int ni = std::min(static_cast<int>(self->jackIn_.size()), kMaxIo);
    const int no = std::min(static_cast<int>(self->jackOut_.size()), kMaxIo);
    for (int k = 0; k < ni; ++k) ins[k] = static_cast<const float*>(jack_port_get_buffer(self->jackIn_[k], frames));
    for (int k = 0; k < no; ++k) outs[k] = static_cast<float*>(jack_port_get_buffer(self->jackOut_[k], frames));
    self->engine_.process(ni > 0 ? ins : nullptr, ni, outs, no, static_cast<int>(frames),
                          self->jackXrun_.exchange(false, std::memory_order_relaxed));
    return 0;
}

void AudioDevice::close() {
    if (nullRunning_.exchange(false) && nullThread_.joinable()) nullThread_.join();
    std::lock_guard<std::mutex> jack(jackClientLock());
    if (rt_) {
        try {
            if (rt_->isStreamRunning()) rt_->stopStream();
            if (rt_->isStreamOpen()) rt_->closeStream();
        } catch (const RtAudioError&) {
            // The device is already gone; nothing more to close.
        }
        rt_.reset();
    }
    if (jack_) {
        // After a server shutdown the client is dead: closing it only frees it.
        jack_deactivate(jack_);
        jack_client_close(jack_);
        jack_ = nullptr;
    }
    open_ = false;
}

// ---- callbacks ---------------------------------------------------------------------------

int AudioDevice::callback(void* out, void* in, unsigned frames, double, unsigned status, void* user) {
    auto* self = static_cast<AudioDevice*>(user);
    const int n = static_cast<int>(frames);
    // Non-interleaved: channel k starts at k * frames. Pointers live on the stack: no allocation.
    const float* ins[kMaxIo];
    float* outs[kMaxIo];
    const int ni = std::min(self->state_.inputs, kMaxIo), no = std::min(self->state_.outputs, kMaxIo);
    for (int k = 0; k < ni; ++k) ins[k] = static_cast<const float*>(in) + static_cast<size_t>(k) * frames;
    for (int k = 0; k < no; ++k) outs[k] = static_cast<float*>(out) + static_cast<size_t>(k) * frames;
    self->engine_.process(ni > 0 ? ins : nullptr, ni, outs, no, n, status != 0);
    return 0;
}

void AudioDevice::nullLoop() {
    // Real-time scheduling where allowed; a plain thread otherwise.
    sched_param sp{};
    sp.sched_priority = 70;
    pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
    const long periodNs = static_cast<long>(1e9 * state_.buffer / state_.rate);
    timespec next{};
    clock_gettime(CLOCK_MONOTONIC, &next);
    while (nullRunning_.load(std::memory_order_relaxed)) {
        engine_.process(nullptr, 0, outPtrs_.data(), state_.outputs, state_.buffer, false);
        next.tv_nsec += periodNs;
        while (next.tv_nsec >= 1000000000L) {
            next.tv_nsec -= 1000000000L;
            ++next.tv_sec;
        }
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, nullptr);
    }
}

// ---- failure -----------------------------------------------------------------------------

bool AudioDevice::failed() const {
    if (!open_) return false;
    if (failed_.load()) return true;
    if (jackGone_.load()) {
        failed_.store(true);
        return true;
    }
    if (gStreamError.load()) {
        failed_.store(true);
        return true;
    }
    if (rt_ && !rt_->isStreamOpen()) { // RtAudio closes the stream when JACK shuts it down
        failed_.store(true);
        return true;
    }
    // Watchdog: a running stream calls back every few ms; silence for long means it is gone.
    std::lock_guard<std::mutex> lock(watchMutex_);
    const uint64_t blocks = engine_.blocks();
    const auto now = std::chrono::steady_clock::now();
    if (blocks != watchBlocks_ || watchChange_ < openedAt_) {
        watchBlocks_ = blocks;
        watchChange_ = now;
    } else if (now - watchChange_ > watchdog_) {
        failed_.store(true);
        return true;
    }
    return false;
}

std::string AudioDevice::failure() const {
    if (jackGone_.load(std::memory_order_acquire)) return std::string("the JACK server shut headroom down: ") + jackReason_;
    {
        std::lock_guard<std::mutex> lock(gErrorMutex);
        if (gStreamError.load() && !gErrorText.empty()) return gErrorText;
    }
    if (rt_ && !rt_->isStreamOpen()) return "the stream was closed by the audio server";
    return "no audio callback for " + std::to_string(watchdog_.count()) + " ms";
}

} // namespace hr
