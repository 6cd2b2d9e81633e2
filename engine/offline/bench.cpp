#include "offline/bench.h"

#include "show/scenes.h"

#include <algorithm>
#include <chrono>
#include <cstdint>

namespace hr {

void enableEveryFeature(Console& console) {
    ParamStore& s = console.params();
    const ConsoleTree& t = console.tree();
    auto set = [&](ParamId id, float v) { s.set(id, v, Source::Engine); };
    for (size_t c = 0; c < t.channels.size(); ++c) {
        const ChannelIds& ch = t.channels[c];
        set(ch.trim, 3.0f);
        set(ch.delay, 2.0f);
        set(ch.hpfOn, 1.0f);
        set(ch.hpfSlope, 1.0f);
        set(ch.gateOn, 1.0f);
        set(ch.gateThreshold, -60.0f);
        for (int b = 0; b < kEqBands; ++b) set(ch.eq[b].gain, b % 2 ? -3.0f : 4.0f);
        set(ch.comp.on, 1.0f);
        set(ch.comp.threshold, -25.0f);
        set(ch.fader, -6.0f);
        set(ch.pan, (c % 2) ? 0.3f : -0.3f);
        if (ch.link != kNoParam) set(ch.link, 1.0f);
        for (const SendIds& sd : ch.sends) set(sd.level, -10.0f);
    }
    for (const MasterIds& m : t.buses) {
        for (int b = 0; b < kEqBands; ++b) set(m.eq[b].gain, 2.0f);
        set(m.comp.on, 1.0f);
    }
    for (int b = 0; b < kEqBands; ++b) set(t.main.eq[b].gain, 1.0f);
    set(t.main.comp.on, 1.0f);
}

void enableFxAndGroups(Console& console) {
    ParamStore& s = console.params();
    const ConsoleTree& t = console.tree();
    auto set = [&](ParamId id, float v) { s.set(id, v, Source::Engine); };
    const int nb = console.config().buses();
    for (size_t c = 0; c < t.channels.size(); ++c) set(t.channels[c].dca[c % 4], 1.0f);
    for (int d = 0; d < 4; ++d) set(t.dcas[d].fader, -2.0f);
    for (int k = 0; k < kFxSlots && k < nb; ++k) {
        set(t.fx[k].in, static_cast<float>(k + 1));
        set(t.fx[k].type, static_cast<float>(k + 1)); // plate, hall, room, delay
        set(t.fx[k].lowcut, 120.0f);
        set(t.fx[k].highcut, 9000.0f);
        for (int b = 0; b < std::min(2, nb); ++b) set(t.fxReturns[k].send[static_cast<size_t>(b)], -12.0f);
    }
    for (int m = 0; m < 2; ++m) {
        set(t.matrices[m].srcMain, -3.0f);
        if (nb > 0) set(t.matrices[m].srcBus[0], -6.0f);
        set(t.matrices[m].eq[1].gain, 3.0f);
        set(t.matrices[m].limitOn, 1.0f);
        set(t.matrices[m].delay, 40.0f);
    }
    set(t.talk.input, 1.0f);
    set(t.talk.on, 1.0f);
    if (nb > 0) set(t.talk.bus[0], 1.0f);
    set(t.gen.type, 1.0f); // pink
    set(t.gen.level, -40.0f);
    if (nb > 1) set(t.gen.bus[1], 1.0f);
}

std::unique_ptr<Console> makeBenchConsole(int channels, int buses, int block) {
    ConsoleConfig cfg;
    cfg.channels = channels;
    cfg.inputs = channels;
    cfg.outputs = 2 + buses;
    cfg.busWidths.assign(static_cast<size_t>(buses), 1);
    cfg.blockSize = block;
    cfg.sampleRate = 48000.0;
    auto console = std::make_unique<Console>(cfg);
    enableEveryFeature(*console);
    return console;
}

BenchResult benchConsole(int channels, int buses, double seconds, int block, int runs, bool fx, bool silence) {
    constexpr double kRate = 48000.0;
    const auto owned = makeBenchConsole(channels, buses, block);
    Console& console = *owned;
    if (fx) enableFxAndGroups(console);
    const ConsoleConfig& cfg = console.config();

    // One second of seeded white noise per input at -20 dBFS, looped.
    const int loop = static_cast<int>(kRate);
    std::vector<float> noise(static_cast<size_t>(channels) * loop);
    uint32_t rng = 12345u;
    for (float& v : noise) {
        rng = rng * 1664525u + 1013904223u;
        v = silence ? 0.0f : 0.1f * (static_cast<float>(rng >> 8) / 8388608.0f - 1.0f);
    }
    std::vector<float> out(static_cast<size_t>(cfg.outputs) * block);
    std::vector<float*> outPtrs(static_cast<size_t>(cfg.outputs));
    for (int k = 0; k < cfg.outputs; ++k) outPtrs[static_cast<size_t>(k)] = &out[static_cast<size_t>(k) * block];
    std::vector<const float*> inPtrs(static_cast<size_t>(channels));

    const int64_t frames = static_cast<int64_t>(seconds * kRate);
    BenchResult r;
    r.channels = channels;
    r.buses = buses;
    for (int run = 0; run < runs; ++run) {
        console.reset();
        const auto start = std::chrono::steady_clock::now();
        for (int64_t done = 0; done < frames; done += block) {
            const int pos = static_cast<int>(done % (loop - block));
            for (int k = 0; k < channels; ++k) inPtrs[static_cast<size_t>(k)] = &noise[static_cast<size_t>(k) * loop + pos];
            console.process(inPtrs.data(), channels, outPtrs.data(), cfg.outputs, block);
        }
        const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
        r.runSeconds.push_back(took.count());
    }
    std::vector<double> sorted = r.runSeconds;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    r.nsPerChannelSample = median * 1e9 / (static_cast<double>(channels) * static_cast<double>(frames));
    r.realtimeShare = median / seconds;
    return r;
}

} // namespace hr

namespace hr {

RecallBench benchRecall(int channels, int buses, int runs) {
    const auto console = makeBenchConsole(channels, buses, 64);
    SceneList list(*console);
    list.store("every feature on", "");
    // A second scene where every numeric parameter sits elsewhere in its range.
    ParamStore& s = console->params();
    for (ParamId id = 0; id < s.size(); ++id)
        if (!s.spec(id).isText()) s.setPosition(id, 1.0f - s.position(id) * 0.5f, Source::Engine);
    list.store("elsewhere", "");
    std::vector<double> control, block;
    std::string why;
    for (int i = 0; i < runs; ++i) {
        SceneList::RecallReport report;
        list.recall(1 + i % 2, &report, &why);
        const auto t0 = std::chrono::steady_clock::now();
        console->process(nullptr, 0, nullptr, 0, 64); // reads every strip, takes the fade plan
        block.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
        control.push_back(report.controlMs);
        for (int b = 0; b < 200; ++b) console->process(nullptr, 0, nullptr, 0, 64); // let the glides settle
    }
    std::sort(control.begin(), control.end());
    std::sort(block.begin(), block.end());
    return {control[control.size() / 2], block[block.size() / 2], 64.0 / 48.0};
}

} // namespace hr
