// Builds the parameter tree of a console shape. Paths, ranges and defaults are the
// console's contract with every surface and every show file: change them with care.
#include "console/tree.h"

#include <iterator>
#include <limits>
#include <string>

namespace hr {

namespace {

const std::vector<std::string> kColours = {"grey", "red", "orange", "yellow", "green",
                                           "cyan", "blue", "purple", "pink", "white"};

std::string num(int n) { return std::to_string(n); }

EqBandIds addEqBand(ParamStore& s, const std::string& base, int band, uint32_t owner, Group group = Group::Eq) {
    // Defaults spread the four bands over the audio range, flat.
    static const float kDefaultHz[kEqBands] = {100.0f, 500.0f, 2000.0f, 8000.0f};
    const std::string p = base + "/eq/" + num(band + 1);
    EqBandIds ids{};
    ids.on = s.add(switchSpec(p + "/on", group, true), owner);
    ids.type = kNoParam;
    if (band == 0) ids.type = s.add(choiceSpec(p + "/type", group, {"peak", "lowshelf"}, 1), owner);
    if (band == kEqBands - 1)
        ids.type = s.add(choiceSpec(p + "/type", group, {"peak", "highshelf"}, 1), owner);
    ids.freq = s.add(freqSpec(p + "/freq", group, 20.0f, 20000.0f, kDefaultHz[band]), owner);
    ids.gain = s.add(gainSpec(p + "/gain", group, -15.0f, 15.0f, 0.0f), owner);
    ParamSpec q = gainSpec(p + "/q", group, 0.3f, 10.0f, 0.7f);
    q.unit = Unit::Q;
    q.taper = Taper::Log;
    ids.q = s.add(std::move(q), owner);
    return ids;
}

CompIds addComp(ParamStore& s, const std::string& base, uint32_t owner) {
    const std::string p = base + "/comp";
    CompIds ids{};
    ids.on = s.add(switchSpec(p + "/on", Group::Comp, false), owner);
    ids.threshold = s.add(gainSpec(p + "/threshold", Group::Comp, -60.0f, 0.0f, -20.0f), owner);
    ParamSpec ratio = gainSpec(p + "/ratio", Group::Comp, 1.0f, 20.0f, 3.0f);
    ratio.unit = Unit::Ratio;
    ratio.taper = Taper::Ratio;
    ratio.allowsPosInf = true; // "limit"
    ids.ratio = s.add(std::move(ratio), owner);
    ids.knee = s.add(gainSpec(p + "/knee", Group::Comp, 0.0f, 24.0f, 6.0f), owner);
    ids.attack = s.add(timeSpec(p + "/attack", Group::Comp, 0.05f, 200.0f, 10.0f, Taper::Log), owner);
    ids.release = s.add(timeSpec(p + "/release", Group::Comp, 5.0f, 4000.0f, 150.0f, Taper::Log), owner);
    ids.makeup = s.add(gainSpec(p + "/makeup", Group::Comp, 0.0f, 24.0f, 0.0f), owner);
    ids.autoMakeup = s.add(switchSpec(p + "/automakeup", Group::Comp, false), owner);
    return ids;
}

MasterIds addMaster(ParamStore& s, const std::string& base, const std::string& name, bool solo,
                    uint32_t owner) {
    MasterIds ids{};
    ids.name = s.add(textSpec(base + "/name", Group::Names, name), owner);
    ids.colour = s.add(choiceSpec(base + "/colour", Group::Names, kColours, 0), owner);
    ids.eqOn = s.add(switchSpec(base + "/eq/on", Group::Eq, true), owner);
    for (int b = 0; b < kEqBands; ++b) ids.eq[b] = addEqBand(s, base, b, owner);
    ids.comp = addComp(s, base, owner);
    ids.mute = s.add(switchSpec(base + "/mute", Group::Fader, false), owner);
    ids.fader = s.add(levelSpec(base + "/fader", Group::Fader, 0.0f), owner);
    ids.delay = s.add(timeSpec(base + "/delay", Group::Input, 0.0f, 500.0f, 0.0f, Taper::Linear), owner);
    ids.solo = solo ? s.add(switchSpec(base + "/solo", Group::Solo, false), owner) : kNoParam;
    for (int g = 0; g < kMuteGroups; ++g)
        ids.mgrp[g] = solo ? s.add(switchSpec(base + "/mgrp/" + num(g + 1), Group::MuteGroups, false), owner) : kNoParam;
    return ids;
}

} // namespace

double divisionBeats(int choice) {
    // off, 1/1, 1/2, 1/4., 1/4, 1/4T, 1/8., 1/8, 1/8T, 1/16., 1/16, 1/16T (the /fx/K/division choices)
    static const double kBeats[] = {0.0, 4.0, 2.0, 1.5, 1.0, 2.0 / 3.0, 0.75, 0.5, 1.0 / 3.0, 0.375, 0.25, 1.0 / 6.0};
    return choice > 0 && choice < static_cast<int>(std::size(kBeats)) ? kBeats[choice] : 0.0;
}

std::string ConsoleConfig::validate() const {
    if (channels < 1 || channels > kMaxChannels)
        return "channels must be 1.." + num(kMaxChannels) + ", not " + num(channels);
    if (buses() > kMaxBuses) return "buses must be 0.." + num(kMaxBuses) + ", not " + num(buses());
    for (int b = 0; b < buses(); ++b)
        if (busWidths[b] != 1 && busWidths[b] != 2)
            return "bus " + num(b + 1) + " width must be mono or stereo";
    if (static_cast<int>(matrixWidths.size()) != kMatrices) return "there must be " + num(kMatrices) + " matrices";
    for (int m = 0; m < kMatrices; ++m)
        if (matrixWidths[static_cast<size_t>(m)] != 1 && matrixWidths[static_cast<size_t>(m)] != 2)
            return "matrix " + num(m + 1) + " width must be mono or stereo";
    if (inputs < 1 || inputs > kMaxIo) return "inputs must be 1.." + num(kMaxIo);
    if (outputs < 1 || outputs > kMaxIo) return "outputs must be 1.." + num(kMaxIo);
    if (sampleRate < 22050.0 || sampleRate > 384000.0) return "sample rate out of range";
    if (blockSize < 1 || blockSize > 8192) return "block size must be 1..8192";
    return "";
}

ConsoleTree::ConsoleTree(const ConsoleConfig& config) : config_(config) {
    ParamStore& s = store_;
    const int nb = config.buses();

    channels.resize(config.channels);
    for (int c = 0; c < config.channels; ++c) {
        const uint32_t o = channelOwner(c);
        const std::string p = "/ch/" + num(c + 1);
        ChannelIds& ch = channels[c];
        ch.name = s.add(textSpec(p + "/name", Group::Names, "Ch " + num(c + 1)), o);
        ch.colour = s.add(choiceSpec(p + "/colour", Group::Names, kColours, 0), o);
        ParamSpec input = gainSpec(p + "/input", Group::Patch, 0.0f, float(config.inputs),
                                   c < config.inputs ? float(c + 1) : 0.0f);
        input.unit = Unit::Count;
        input.taper = Taper::Steps;
        ch.input = s.add(std::move(input), o);
        ch.source = s.add(choiceSpec(p + "/source", Group::Patch, {"live", "sine", "pink", "playback"}, 0), o);
        ch.oscFreq = s.add(freqSpec(p + "/osc/freq", Group::Osc, 20.0f, 20000.0f, 1000.0f), o);
        ch.oscLevel = s.add(gainSpec(p + "/osc/level", Group::Osc, -90.0f, 0.0f, -18.0f), o);
        ch.trim = s.add(gainSpec(p + "/trim", Group::Input, -24.0f, 24.0f, 0.0f), o);
        ch.polarity = s.add(switchSpec(p + "/polarity", Group::Input, false), o);
        ch.delay = s.add(timeSpec(p + "/delay", Group::Input, 0.0f, 500.0f, 0.0f, Taper::Linear), o);
        ch.hpfOn = s.add(switchSpec(p + "/hpf/on", Group::Hpf, false), o);
        ch.hpfFreq = s.add(freqSpec(p + "/hpf/freq", Group::Hpf, 20.0f, 600.0f, 80.0f), o);
        ch.hpfSlope = s.add(choiceSpec(p + "/hpf/slope", Group::Hpf, {"12", "24"}, 0), o);
        ch.gateOn = s.add(switchSpec(p + "/gate/on", Group::Gate, false), o);
        ch.gateMode = s.add(choiceSpec(p + "/gate/mode", Group::Gate, {"gate", "expander"}, 0), o);
        ch.gateThreshold = s.add(gainSpec(p + "/gate/threshold", Group::Gate, -80.0f, 0.0f, -50.0f), o);
        ch.gateRange = s.add(gainSpec(p + "/gate/range", Group::Gate, 0.0f, 80.0f, 40.0f), o);
        ParamSpec gr = gainSpec(p + "/gate/ratio", Group::Gate, 1.0f, 10.0f, 2.0f);
        gr.unit = Unit::Ratio;
        gr.taper = Taper::Log;
        ch.gateRatio = s.add(std::move(gr), o);
        ch.gateAttack = s.add(timeSpec(p + "/gate/attack", Group::Gate, 0.05f, 100.0f, 0.5f, Taper::Log), o);
        ch.gateHold = s.add(timeSpec(p + "/gate/hold", Group::Gate, 0.0f, 2000.0f, 50.0f, Taper::Linear), o);
        ch.gateRelease = s.add(timeSpec(p + "/gate/release", Group::Gate, 5.0f, 4000.0f, 150.0f, Taper::Log), o);
        ch.eqOn = s.add(switchSpec(p + "/eq/on", Group::Eq, true), o);
        for (int b = 0; b < kEqBands; ++b) ch.eq[b] = addEqBand(s, p, b, o);
        ch.comp = addComp(s, p, o);
        ch.order = s.add(choiceSpec(p + "/order", Group::Comp, {"eq-comp", "comp-eq"}, 0), o);
        ch.mute = s.add(switchSpec(p + "/mute", Group::Fader, false), o);
        ch.fader = s.add(levelSpec(p + "/fader", Group::Fader, 0.0f), o);
        ParamSpec pan = gainSpec(p + "/pan", Group::Fader, -1.0f, 1.0f, 0.0f);
        pan.unit = Unit::Pan;
        ch.pan = s.add(std::move(pan), o);
        ch.solo = s.add(switchSpec(p + "/solo", Group::Solo, false), o);
        ch.link = (c % 2 == 0 && c + 1 < config.channels)
                      ? s.add(switchSpec(p + "/link", Group::Input, false), o)
                      : kNoParam;
        ch.recArm = s.add(switchSpec(p + "/rec/arm", Group::Record, false), o);
        ch.recTap = s.add(choiceSpec(p + "/rec/tap", Group::Record, {"input", "post"}, 0), o);
        for (int d = 0; d < kDcas; ++d) ch.dca[d] = s.add(switchSpec(p + "/dca/" + num(d + 1), Group::Dca, false), o);
        for (int g = 0; g < kMuteGroups; ++g)
            ch.mgrp[g] = s.add(switchSpec(p + "/mgrp/" + num(g + 1), Group::MuteGroups, false), o);
        ch.sends.resize(nb);
        for (int b = 0; b < nb; ++b) {
            const std::string sp = p + "/send/" + num(b + 1);
            SendIds& sd = ch.sends[b];
            sd.level = s.add(levelSpec(sp + "/level", Group::Sends, -std::numeric_limits<float>::infinity()), o);
            sd.on = s.add(switchSpec(sp + "/on", Group::Sends, true), o);
            sd.tap = s.add(choiceSpec(sp + "/tap", Group::Sends, {"pre-eq", "pre", "post"}, 2), o);
            if (config.busWidths[b] == 2) {
                ParamSpec sendPan = gainSpec(sp + "/pan", Group::Sends, -1.0f, 1.0f, 0.0f);
                sendPan.unit = Unit::Pan;
                sd.pan = s.add(std::move(sendPan), o);
            } else {
                sd.pan = kNoParam;
            }
        }
    }

    buses.resize(nb);
    for (int b = 0; b < nb; ++b)
        buses[b] = addMaster(s, "/bus/" + num(b + 1), "Bus " + num(b + 1), true, busOwner(b));
    main = addMaster(s, "/main", "Main", false, mainOwner());
    mainRecArm = s.add(switchSpec("/main/rec/arm", Group::Record, false), mainOwner());

    const uint32_t g = globalOwner();
    monitorMode = s.add(choiceSpec("/monitor/mode", Group::Solo, {"pfl", "afl"}, 0), g);
    monitorLevel = s.add(levelSpec("/monitor/level", Group::Solo, 0.0f), g);

    // Talkback and the generator (console/talkback.h).
    ParamSpec talkInput = gainSpec("/talk/input", Group::Talk, 0.0f, float(config.inputs), 0.0f);
    talkInput.unit = Unit::Count;
    talkInput.taper = Taper::Steps;
    talk.input = s.add(std::move(talkInput), g);
    talk.on = s.add(switchSpec("/talk/on", Group::Talk, false), g);
    talk.level = s.add(levelSpec("/talk/level", Group::Talk, 0.0f), g);
    talk.main = s.add(switchSpec("/talk/main", Group::Talk, false), g);
    talk.dim = s.add(gainSpec("/talk/dim", Group::Talk, -60.0f, 0.0f, -20.0f), g);
    gen.type = s.add(choiceSpec("/gen/type", Group::Talk, {"sine", "pink", "white"}, 0), g);
    gen.freq = s.add(freqSpec("/gen/freq", Group::Talk, 20.0f, 20000.0f, 1000.0f), g);
    gen.level = s.add(levelSpec("/gen/level", Group::Talk, -std::numeric_limits<float>::infinity(), 0.0f), g);
    gen.main = s.add(switchSpec("/gen/main", Group::Talk, false), g);
    for (int b = 0; b < nb; ++b) {
        talk.bus.push_back(s.add(switchSpec("/talk/bus/" + num(b + 1), Group::Talk, false), g));
        gen.bus.push_back(s.add(switchSpec("/gen/bus/" + num(b + 1), Group::Talk, false), g));
    }

    // Output patch: off, main L/R, monitor L/R, then every bus signal.
    outputChoices = {"off", "main.L", "main.R", "mon.L", "mon.R"};
    for (int b = 0; b < nb; ++b) {
        if (config.busWidths[b] == 2) {
            outputChoices.push_back("bus" + num(b + 1) + ".L");
            outputChoices.push_back("bus" + num(b + 1) + ".R");
        } else {
            outputChoices.push_back("bus" + num(b + 1));
        }
    }
    const int busEnd = static_cast<int>(outputChoices.size());
    firstMatrixChoice_ = busEnd;
    for (int m = 0; m < kMatrices; ++m) {
        if (config.matrixWidths[static_cast<size_t>(m)] == 2) {
            outputChoices.push_back("mtx" + num(m + 1) + ".L");
            outputChoices.push_back("mtx" + num(m + 1) + ".R");
        } else {
            outputChoices.push_back("mtx" + num(m + 1));
        }
    }
    for (int k = 0; k < config.outputs; ++k) {
        // Default: main on 1-2, then the buses in order, then the monitor pair (matrices: patched by hand).
        int def = 0;
        if (k < 2) def = 1 + k;
        else if (k - 2 + 5 < busEnd) def = 5 + (k - 2);
        else if (k - 2 - (busEnd - 5) < 2)
            def = 3 + (k - 2 - (busEnd - 5));
        outputs.push_back(s.add(choiceSpec("/out/" + num(k + 1) + "/source", Group::Patch,
                                           outputChoices, def), g));
    }

    // DCA and mute-group masters: their own owner, so a DCA move re-reads only their members.
    const uint32_t grp = groupOwner();
    for (int d = 0; d < kDcas; ++d) {
        const std::string p = "/dca/" + num(d + 1);
        dcas[d].fader = s.add(levelSpec(p + "/fader", Group::Dca, 0.0f), grp);
        dcas[d].mute = s.add(switchSpec(p + "/mute", Group::Dca, false), grp);
        dcas[d].name = s.add(textSpec(p + "/name", Group::Dca, "DCA " + num(d + 1)), grp);
        dcas[d].colour = s.add(choiceSpec(p + "/colour", Group::Dca, kColours, 0), grp);
    }
    for (int g = 0; g < kMuteGroups; ++g) {
        const std::string p = "/mgrp/" + num(g + 1);
        muteGroups[g].mute = s.add(switchSpec(p + "/mute", Group::MuteGroups, false), grp);
        muteGroups[g].name = s.add(textSpec(p + "/name", Group::MuteGroups, "Mute " + num(g + 1)), grp);
    }

    // Matrices: one owner for all eight (their reading is cheap; they change rarely).
    const uint32_t mo = matrixOwner();
    for (int m = 0; m < kMatrices; ++m) {
        const std::string p = "/mtx/" + num(m + 1);
        MatrixIds& x = matrices[m];
        x.name = s.add(textSpec(p + "/name", Group::Matrix, "Matrix " + num(m + 1)), mo);
        x.colour = s.add(choiceSpec(p + "/colour", Group::Matrix, kColours, 0), mo);
        x.eqOn = s.add(switchSpec(p + "/eq/on", Group::Matrix, true), mo);
        for (int b = 0; b < kEqBands; ++b) x.eq[b] = addEqBand(s, p, b, mo, Group::Matrix);
        x.limitOn = s.add(switchSpec(p + "/limit/on", Group::Matrix, false), mo);
        x.limitThreshold = s.add(gainSpec(p + "/limit/threshold", Group::Matrix, -40.0f, 0.0f, -6.0f), mo);
        x.limitRelease = s.add(timeSpec(p + "/limit/release", Group::Matrix, 5.0f, 2000.0f, 100.0f, Taper::Log), mo);
        x.mute = s.add(switchSpec(p + "/mute", Group::Matrix, false), mo);
        x.fader = s.add(levelSpec(p + "/fader", Group::Matrix, 0.0f), mo);
        x.delay = s.add(timeSpec(p + "/delay", Group::Matrix, 0.0f, 500.0f, 0.0f, Taper::Linear), mo);
        x.srcMain = s.add(levelSpec(p + "/src/main", Group::Matrix, -std::numeric_limits<float>::infinity()), mo);
        for (int b = 0; b < nb; ++b)
            x.srcBus.push_back(s.add(levelSpec(p + "/src/bus/" + num(b + 1), Group::Matrix, -std::numeric_limits<float>::infinity()), mo));
    }

    // FX slots and their returns (console/console_fx.cpp).
    const uint32_t fo = fxOwner();
    for (int k = 0; k < kFxSlots; ++k) {
        const std::string p = "/fx/" + num(k + 1);
        FxIds& f = fx[k];
        ParamSpec in = gainSpec(p + "/in", Group::Fx, 0.0f, float(nb), 0.0f);
        in.unit = Unit::Count;
        in.taper = Taper::Steps;
        f.in = s.add(std::move(in), fo);
        f.type = s.add(choiceSpec(p + "/type", Group::Fx, {"off", "plate", "hall", "room", "delay"}, 0), fo);
        auto spec = [&](const std::string& name, Unit unit, Taper taper, float lo, float hi, float def) {
            ParamSpec x = gainSpec(p + "/" + name, Group::Fx, lo, hi, def);
            x.unit = unit;
            x.taper = taper;
            return s.add(std::move(x), fo);
        };
        f.decay = spec("decay", Unit::Seconds, Taper::Log, 0.2f, 10.0f, 2.0f);
        f.predelay = s.add(timeSpec(p + "/predelay", Group::Fx, 0.0f, 200.0f, 20.0f, Taper::Linear), fo);
        f.size = spec("size", Unit::Percent, Taper::Linear, 25.0f, 200.0f, 100.0f);
        f.damping = spec("damping", Unit::Percent, Taper::Linear, 0.0f, 100.0f, 30.0f);
        f.diffusion = spec("diffusion", Unit::Percent, Taper::Linear, 0.0f, 100.0f, 70.0f);
        f.time = s.add(timeSpec(p + "/time", Group::Fx, 1.0f, 3000.0f, 375.0f, Taper::Log), fo);
        f.division = s.add(choiceSpec(p + "/division", Group::Fx,
                                      {"off", "1/1", "1/2", "1/4.", "1/4", "1/4T", "1/8.", "1/8", "1/8T", "1/16.", "1/16", "1/16T"}, 0), fo);
        f.tempo = spec("tempo", Unit::Bpm, Taper::Linear, 40.0f, 300.0f, 120.0f);
        f.tap = s.add(switchSpec(p + "/tap", Group::Fx, false), fo);
        f.feedback = spec("feedback", Unit::Percent, Taper::Linear, 0.0f, 95.0f, 35.0f);
        f.pingpong = s.add(switchSpec(p + "/pingpong", Group::Fx, false), fo);
        f.lowcut = s.add(freqSpec(p + "/lowcut", Group::Fx, 20.0f, 2000.0f, 20.0f), fo);
        f.highcut = s.add(freqSpec(p + "/highcut", Group::Fx, 1000.0f, 20000.0f, 20000.0f), fo);

        const std::string r = "/fxret/" + num(k + 1);
        FxReturnIds& ret = fxReturns[k];
        ret.name = s.add(textSpec(r + "/name", Group::Fx, "FX " + num(k + 1)), fo);
        ret.colour = s.add(choiceSpec(r + "/colour", Group::Fx, kColours, 0), fo);
        ret.fader = s.add(levelSpec(r + "/fader", Group::Fx, 0.0f), fo);
        ret.mute = s.add(switchSpec(r + "/mute", Group::Fx, false), fo);
        ParamSpec bal = gainSpec(r + "/balance", Group::Fx, -1.0f, 1.0f, 0.0f);
        bal.unit = Unit::Pan;
        ret.balance = s.add(std::move(bal), fo);
        for (int b = 0; b < nb; ++b)
            ret.send.push_back(s.add(levelSpec(r + "/send/" + num(b + 1) + "/level", Group::Fx, -std::numeric_limits<float>::infinity()), fo));
    }

    s.freeze(ownerCount());
}

} // namespace hr
