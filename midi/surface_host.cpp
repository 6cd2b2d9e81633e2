#include "surface_host.h"

#include <chrono>

namespace hr {

SurfaceHost::~SurfaceHost() { stop(); }

bool SurfaceHost::start(Console& console, SceneList& scenes, std::mutex& control, const std::string& connectIn,
                        const std::string& connectOut, std::string* error) {
    stop();
    control_ = &control;
    inPort_ = connectIn;
    outPort_ = connectOut;
    if (!ports_.open("mcu in", "mcu out", connectIn, connectOut, error)) return false;
    std::string learnError; // a generic controller for MIDI learn connects here
    learnPorts_.open("midi in", "midi out", "", "", &learnError);
    surface_ = std::make_unique<mcu::Surface>(console, &scenes);
    scenes_ = &scenes;
    sentProgram_ = scenes.current();
    running_.store(true);
    thread_ = std::thread([this] { loop(); });
    return true;
}

void SurfaceHost::rebind(Console& console, SceneList& scenes) {
    if (!surface_) return;
    surface_ = std::make_unique<mcu::Surface>(console, &scenes);
    scenes_ = &scenes;
}

void SurfaceHost::stop() {
    running_.store(false);
    if (thread_.joinable()) thread_.join();
    ports_.close();
    learnPorts_.close();
    surface_.reset();
}

void SurfaceHost::loop() {
    auto lastFeedback = std::chrono::steady_clock::now();
    std::vector<uint8_t> message;
    std::vector<mcu::Message> toSurface, toController;
    while (running_.load()) {
        toSurface.clear();
        toController.clear();
        {
            // Under the session's lock only what touches the console and the scenes; the
            // sending happens after (RtMidi's JACK output may wait for its ring to drain).
            std::lock_guard<std::mutex> lock(*control_);
            while (ports_.receive(&message)) {
                if (!message.empty() && (message[0] & 0xF0) == 0xC0 && message.size() >= 2 && message[1] < 0x80) {
                    std::string why; // program change v recalls scene v+1 (DECISIONS.md)
                    if (scenes_->recall(message[1] + 1, nullptr, &why)) sentProgram_ = scenes_->current();
                    continue;
                }
                surface_->receive(message.data(), message.size());
            }
            while (learn_ && learnPorts_.receive(&message)) learn_->receive(message.data(), message.size());
            if (std::chrono::steady_clock::now() - lastFeedback >= std::chrono::milliseconds(10)) {
                toSurface = surface_->poll();
                if (learn_) toController = learn_->poll();
                const int current = scenes_->current();
                if (current != sentProgram_ && current > 0) { // a recall from anywhere: tell other gear
                    toSurface.push_back({0xC0, static_cast<uint8_t>((current - 1) & 0x7F)});
                    sentProgram_ = current;
                }
                lastFeedback = std::chrono::steady_clock::now();
            }
        }
        for (const auto& m : toSurface) ports_.send(m);
        for (const auto& m : toController) learnPorts_.send(m);
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
}

} // namespace hr
