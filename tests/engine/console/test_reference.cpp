// The lane-wise strip banks against the scalar reference strip: every channel of a
// console with varied settings, parameters moving between blocks, equals its reference
// within float rounding.
#include "console/reference_strip.h"
#include "support/harness.h"

#include <catch2/catch.hpp>

using namespace hr;
using namespace hr::test;

namespace {
constexpr int kChannels = 20; // a full bank and part of another
constexpr int kFrames = 24000;
constexpr int kBlock = 64;

// Channel c's settings: every stage on somewhere, different on every lane.
StripParams settings(int c, int phase) {
    StripParams p;
    p.input = c + 1;
    p.trimDb = static_cast<float>(c % 5) * 2.0f - 4.0f + static_cast<float>(phase);
    p.polarity = c % 4 == 1;
    p.delayMs = static_cast<float>(c % 3) * 1.5f;
    p.hpfOn = c % 2 == 0;
    p.hpfFreqHz = 40.0f + 25.0f * static_cast<float>(c) + 30.0f * static_cast<float>(phase); // within 20..600
    p.hpfOrder = c % 4 == 0 ? 4 : 2;
    p.gateOn = c % 3 == 0;
    p.gateExpander = c % 6 == 3;
    p.gateThresholdDb = -30.0f;
    p.gateRangeDb = 20.0f;
    p.gateRatio = 3.0f;
    p.gateHoldMs = 10.0f;
    p.gateReleaseMs = 40.0f;
    for (int b = 0; b < kEqBands; ++b) {
        p.bandFreqHz[b] = 80.0f * std::pow(4.0f, static_cast<float>(b)) * (1.0f + 0.1f * static_cast<float>(c));
        p.bandGainDb[b] = static_cast<float>((c + b) % 7) - 3.0f + 2.0f * static_cast<float>(phase);
        p.bandQ[b] = 0.5f + 0.3f * static_cast<float>(b + c % 3);
        p.bandOn[b] = (c + b) % 5 != 0;
    }
    p.bandType[0] = c % 2 ? dsp::EqType::Peak : dsp::EqType::LowShelf;
    p.eqOn = c != 7;
    p.compOn = c % 2 == 1 || c == 4;
    p.compThresholdDb = -24.0f + static_cast<float>(c);
    p.compRatio = c == 5 ? INFINITY : 2.0f + static_cast<float>(c % 4);
    p.compKneeDb = static_cast<float>(c % 3) * 4.0f;
    p.compAttackMs = 3.0f;
    p.compReleaseMs = 80.0f;
    p.autoMakeup = c % 4 == 3;
    p.compFirst = c % 3 == 2;
    p.faderDb = -static_cast<float>(c) - 6.0f * static_cast<float>(phase);
    p.mute = phase == 1 && c == 9;
    p.pan = -1.0f + 2.0f * static_cast<float>(c) / (kChannels - 1);
    return p;
}

void write(Console& console, int c, const StripParams& p) {
    const std::string ch = "/ch/" + std::to_string(c + 1);
    ParamStore& s = console.params();
    auto set = [&](const std::string& path, float v) { s.set(*s.find(ch + path), v, Source::Engine); };
    set("/trim", p.trimDb);
    set("/polarity", p.polarity);
    set("/delay", p.delayMs);
    set("/hpf/on", p.hpfOn);
    set("/hpf/freq", p.hpfFreqHz);
    set("/hpf/slope", p.hpfOrder == 4);
    set("/gate/on", p.gateOn);
    set("/gate/mode", p.gateExpander);
    set("/gate/threshold", p.gateThresholdDb);
    set("/gate/range", p.gateRangeDb);
    set("/gate/ratio", p.gateRatio);
    set("/gate/hold", p.gateHoldMs);
    set("/gate/release", p.gateReleaseMs);
    set("/eq/on", p.eqOn);
    for (int b = 0; b < kEqBands; ++b) {
        const std::string band = "/eq/" + std::to_string(b + 1);
        set(band + "/freq", p.bandFreqHz[b]);
        set(band + "/gain", p.bandGainDb[b]);
        set(band + "/q", p.bandQ[b]);
        set(band + "/on", p.bandOn[b]);
    }
    set("/eq/1/type", p.bandType[0] == dsp::EqType::LowShelf);
    set("/comp/on", p.compOn);
    set("/comp/threshold", p.compThresholdDb);
    set("/comp/ratio", p.compRatio);
    set("/comp/knee", p.compKneeDb);
    set("/comp/attack", p.compAttackMs);
    set("/comp/release", p.compReleaseMs);
    set("/comp/automakeup", p.autoMakeup);
    set("/order", p.compFirst);
    set("/fader", p.faderDb);
    set("/mute", p.mute);
    set("/pan", p.pan);
    // Each channel feeds its own mono bus post-fader at 0 dB: bus c carries channel c alone.
    set("/send/" + std::to_string(c + 1) + "/level", 0.0f);
}
} // namespace

TEST_CASE("strip banks equal the scalar reference strip within float rounding", "[console][reference]") {
    ConsoleConfig cfg;
    cfg.channels = kChannels;
    cfg.inputs = kChannels;
    cfg.busWidths.assign(kChannels, 1);
    cfg.blockSize = kBlock;
    Console console(cfg);
    for (int c = 0; c < kChannels; ++c) write(console, c, settings(c, 0));
    console.reset();

    std::vector<Signal> in;
    for (int c = 0; c < kChannels; ++c) {
        Signal s = sine(55.0 * (c + 1), 0.05 + 0.04 * c, kFrames);
        for (int i = 0; i < kFrames; ++i) // bursts, so gates open and close and compressors move
            s[static_cast<size_t>(i)] *= ((i / (2400 + 300 * c)) % 2) ? 1.0f : 0.05f;
        in.push_back(s);
    }
    std::vector<int> choices;
    for (int c = 0; c < kChannels; ++c) choices.push_back(console.busSignalChoice(c));

    // Two halves: the second moves every parameter, so both sides glide the same way.
    std::vector<Signal> out(kChannels, Signal(kFrames));
    for (int half = 0; half < 2; ++half) {
        if (half == 1)
            for (int c = 0; c < kChannels; ++c) write(console, c, settings(c, 1));
        std::vector<Signal> part;
        for (const Signal& s : in) part.emplace_back(s.begin() + half * kFrames / 2, s.begin() + (half + 1) * kFrames / 2);
        const auto got = runConsole(console, part, kBlock, choices);
        for (int c = 0; c < kChannels; ++c)
            std::copy(got[static_cast<size_t>(c)].begin(), got[static_cast<size_t>(c)].end(),
                      out[static_cast<size_t>(c)].begin() + half * kFrames / 2);
    }

    for (int c = 0; c < kChannels; ++c) {
        double worst = 0.0, peak = 0.0;
        ReferenceStrip ref(settings(c, 0), kRate); // the same schedule: settled, then moved at the half

        for (int i = 0; i < kFrames; ++i) {
            if (i == kFrames / 2) ref.set(settings(c, 1));
            const float want = ref.tick(in[static_cast<size_t>(c)][static_cast<size_t>(i)]).post;
            worst = std::max(worst, double(std::fabs(want - out[static_cast<size_t>(c)][static_cast<size_t>(i)])));
            peak = std::max(peak, double(std::fabs(want)));
        }
        INFO("channel " << c + 1 << ": worst difference " << worst << " of peak " << peak);
        REQUIRE(peak > 1e-3);             // the channel carried signal
        REQUIRE(worst <= 2e-5 * std::max(1.0, peak));
    }
}
