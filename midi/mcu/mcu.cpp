// Mackie Control: decoding the surface's messages and building its feedback.
//
// Sections: handshake, receive, banking and buttons, feedback (poll).
#include "mcu/mcu.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace hr::mcu {

namespace {
constexpr uint8_t kSysexHeader[] = {0xF0, 0x00, 0x00, 0x66}; // Mackie; then the device
constexpr uint8_t kMainId = 0x14, kExtenderId = 0x15;             // MCU, MCU XT
constexpr uint8_t kLogicId = 0x10, kLogicExtenderId = 0x11;        // Logic Control, its XT: they ask a challenge
constexpr int kTouchBase = 0x68, kMasterTouch = 0x70;
constexpr int kRec = 0x00, kSolo = 0x08, kMute = 0x10, kSelect = 0x18;
constexpr int kBankLeft = 0x2E, kBankRight = 0x2F, kChannelLeft = 0x30, kChannelRight = 0x31, kFlip = 0x32;
constexpr int kSend = 0x29, kPan = 0x2A;
constexpr int kRewind = 0x5B, kStop = 0x5D, kPlay = 0x5E, kRecord = 0x5F;
constexpr int kTalk = 0x36;          // F1: talkback, held (momentary) or a short press (latched); lit while talking
constexpr double kTalkHoldSeconds = 0.3;
constexpr int kPotBase = 0x10, kRingBase = 0x30;
constexpr int kPotPress = 0x20;      // V-Pot pushed: back to the default (pan centre, send at its default)
constexpr int kMeterRefresh = 25;    // polls (10 ms each): the surface lets a meter fall unless it is told again
constexpr int kPotValuePolls = 100;  // a turned V-Pot shows its value for 1 s
constexpr int kMaxPitch = 16383;

Message noteOn(int note, bool on) { return {0x90, static_cast<uint8_t>(note), static_cast<uint8_t>(on ? 127 : 0)}; }
} // namespace

std::array<uint8_t, 4> handshakeResponse(const uint8_t c[4]) {
    return {static_cast<uint8_t>(0x7F & (c[0] + (c[1] ^ 0x0A) - c[3])),
            static_cast<uint8_t>(0x7F & ((c[3] < 8 ? c[2] >> c[3] : 0) ^ (c[0] + c[3]))),
            static_cast<uint8_t>(0x7F & ((c[3] - (c[2] << 2)) ^ (c[0] | c[1]))),
            static_cast<uint8_t>(0x7F & (c[1] - c[2] + (0xF0 ^ (c[3] << 4))))};
}

Surface::Surface(Console& console, SceneList* scenes, int units, int mainUnit, std::atomic<int>* selection)
    : console_(&console), scenes_(scenes), units_(std::max(1, units)), mainUnit_(std::clamp(mainUnit, 0, units_ - 1)),
      selection_(selection ? selection : &ownSelection_) {
    touched_.assign(static_cast<size_t>(strips() + 1), kNoParam);
    unitId_.assign(static_cast<size_t>(units_), 0);
    potShown_.assign(static_cast<size_t>(strips() + 1), 0);
    sent_.assign(static_cast<size_t>(strips() + 1), Sent{});
    replies_.resize(static_cast<size_t>(units_));
}

void Surface::resend(int unit, bool releaseHands) {
    if (unit < 0 || unit >= units_) return;
    auto clear = [&](int strip) { // shown afresh, and a hand that was on it when it went is gone
        sent_[static_cast<size_t>(strip)] = Sent{};
        if (releaseHands) release(strip);
    };
    for (int k = 0; k < 8; ++k) clear(unit * 8 + k);
    if (unit == mainUnit_) {
        clear(strips());
        sentScene_ = -1;
        sentTalk_ = -1;
        for (int& t : sentTransport_) t = -1;
    }
}

void Surface::release(int strip) {
    ParamId& held = touched_[static_cast<size_t>(strip)];
    if (held != kNoParam && held != kTouchedNothing) console_->params().touch(held, Source::Mcu, false);
    held = kNoParam;
}

void Surface::rebind(Console& console, SceneList* scenes) {
    if (&console == console_) // the same console loaded anew: let go of what hands held
        for (int strip = 0; strip <= strips(); ++strip) release(strip);
    console_ = &console;
    scenes_ = scenes;
    sentScene_ = -1;
    sentTalk_ = -1;
    offset_ = 0;
    sendsBus_ = -1;
    sent_.assign(sent_.size(), Sent{}); // everything is sent again
    touched_.assign(touched_.size(), kNoParam); // another console's touches went with it
}

Surface::StripRef Surface::refOf(int strip) const {
    if (strip < 0 || strip >= strips()) return {};
    const int c = channelOf(strip), nc = console_->config().channels, nb = console_->config().buses();
    if (c < nc) return {StripRef::Channel, c};
    if (c < nc + nb) return {StripRef::Bus, c - nc};          // past the channels, the bus masters
    if (c < nc + nb + kDcas) return {StripRef::Dca, c - nc - nb}; // then the DCAs
    return {};
}

ParamId Surface::faderParam(int strip) const {
    if (strip == strips()) return console_->tree().main.fader; // the master fader
    const StripRef r = refOf(strip);
    if (r.kind == StripRef::Bus) return console_->tree().buses[static_cast<size_t>(r.index)].fader;
    if (r.kind == StripRef::Dca) return console_->tree().dcas[r.index].fader;
    if (r.kind != StripRef::Channel) return kNoParam;
    const int c = r.index;
    const ChannelIds& ids = console_->tree().channels[static_cast<size_t>(c)];
    if (flip_) return ids.pan;
    if (sendsBus_ >= 0) return ids.sends[static_cast<size_t>(sendsBus_)].level;
    return ids.fader;
}

ParamId Surface::potParam(int strip) const {
    const int c = channelOf(strip);
    if (strip >= strips() || c >= console_->config().channels) return kNoParam;
    const ChannelIds& ids = console_->tree().channels[static_cast<size_t>(c)];
    if (flip_) return sendsBus_ >= 0 ? ids.sends[static_cast<size_t>(sendsBus_)].level : ids.fader;
    return ids.pan; // sends on fader leaves pan on the V-Pots
}

// ---- receive -----------------------------------------------------------------------------

void Surface::receive(int unit, const uint8_t* d, size_t n) {
    if (n == 0 || d[0] < 0x80 || unit < 0 || unit >= units_) return; // stray data is ignored
    ParamStore& s = console_->params();
    const uint8_t status = d[0] & 0xF0, ch = d[0] & 0x0F;
    const bool main = unit == mainUnit_;
    const int first = unit * 8; // the unit's first strip
    if (status == 0xE0 && n >= 3) { // a fader moved
        if (d[1] > 0x7F || d[2] > 0x7F) return;
        const int value = d[1] | (d[2] << 7);
        if (ch > 8 || (ch == 8 && !main)) return;
        const int strip = ch == 8 ? strips() : first + ch;
        const ParamId p = faderParam(strip);
        if (p == kNoParam) return;
        s.setPosition(p, static_cast<float>(value) / kMaxPitch, Source::Mcu);
        sent_[static_cast<size_t>(strip)].fader = value; // the motor is already there: no echo
        return;
    }
    if ((status == 0x90 || status == 0x80) && n >= 3) {
        if (d[1] > 0x7F || d[2] > 0x7F) return;
        const bool down = status == 0x90 && d[2] > 0;
        const int note = d[1];
        if ((note >= kTouchBase && note < kTouchBase + 8) || (note == kMasterTouch && main)) {
            const int strip = note == kMasterTouch ? strips() : first + note - kTouchBase;
            release(strip); // what it held (banking may have moved the strip since)
            if (down) {
                const ParamId p = faderParam(strip);
                touched_[static_cast<size_t>(strip)] = p == kNoParam ? kTouchedNothing : p;
                if (p != kNoParam) s.touch(p, Source::Mcu, true);
            }
            return;
        }
        if (note == kTalk && main) {
            talkKey(down);
            return;
        }
        if (down && note < kSelect + 8) press(first + note % 8, note / 8);
        else if (down && note >= kPotPress && note < kPotPress + 8) {
            const ParamId p = potParam(first + note - kPotPress);
            if (p != kNoParam) s.set(p, s.spec(p).defaultValue, Source::Mcu);
            potShown_[static_cast<size_t>(first + note - kPotPress)] = kPotValuePolls;
        }
        else if (down && main) button(note);
        return;
    }
    if (status == 0xB0 && n >= 3 && d[1] >= kPotBase && d[1] < kPotBase + 8 && d[2] <= 0x7F) { // a V-Pot turned
        const int strip = first + d[1] - kPotBase;
        const int ticks = (d[2] & 0x3F) * ((d[2] & 0x40) ? -1 : 1); // sign bit, speed in the low bits
        const ParamId p = potParam(strip);
        if (p != kNoParam) s.setPosition(p, s.position(p) + 0.01f * static_cast<float>(ticks), Source::Mcu);
        potShown_[static_cast<size_t>(strip)] = kPotValuePolls; // its value on the lower row for a while
        return;
    }
    if (d[0] == 0xF0 && n >= 7 && std::equal(std::begin(kSysexHeader), std::end(kSysexHeader), d) &&
        (d[4] == kMainId || d[4] == kExtenderId || d[4] == kLogicId || d[4] == kLogicExtenderId)) {
        unitId_[static_cast<size_t>(unit)] = d[4]; // its SysEx is addressed as it names itself
        const bool logic = d[4] == kLogicId || d[4] == kLogicExtenderId;
        if (d[5] == 0x01 && logic && n == 6 + 7 + 4 + 1) { // Logic Control: host connection query
            Message reply(kSysexHeader, kSysexHeader + 4);
            reply.push_back(d[4]);
            reply.push_back(0x02); // the serial back, and the challenge's response
            reply.insert(reply.end(), d + 6, d + 13);
            const auto r = handshakeResponse(d + 13);
            reply.insert(reply.end(), r.begin(), r.end());
            reply.push_back(0xF7);
            replies_[static_cast<size_t>(unit)].push_back(reply);
        } else if (d[5] == 0x01) { // MCU / XT: device ready (powered on): show it everything
            resend(unit);
        }
        return; // other and truncated SysEx: nothing to do
    }
}

// ---- banking and buttons -----------------------------------------------------------------

void Surface::bankBy(int channels) {
    const int last = std::max(0, console_->config().channels + console_->config().buses() + kDcas - strips());
    offset_ = std::clamp(offset_ + channels, 0, last);
}

void Surface::press(int strip, int row) {
    ParamStore& s = console_->params();
    auto toggle = [&](ParamId id) { s.set(id, s.get(id) >= 0.5f ? 0.0f : 1.0f, Source::Mcu); };
    const StripRef r = refOf(strip);
    if (r.kind == StripRef::Bus) { // a bus master: MUTE and SOLO
        const MasterIds& ids = console_->tree().buses[static_cast<size_t>(r.index)];
        if (row == kSolo / 8) toggle(ids.solo);
        else if (row == kMute / 8) toggle(ids.mute);
        return;
    }
    if (r.kind == StripRef::Dca) { // a DCA: MUTE
        if (row == kMute / 8) toggle(console_->tree().dcas[r.index].mute);
        return;
    }
    if (r.kind != StripRef::Channel) return;
    const int c = r.index;
    const ChannelIds& ids = console_->tree().channels[static_cast<size_t>(c)];
    if (row == kRec / 8) toggle(ids.recArm);
    else if (row == kSolo / 8) toggle(ids.solo);
    else if (row == kMute / 8) toggle(ids.mute);
    else selection_->store(c);
}

void Surface::talkKey(bool down) {
    ParamStore& s = console_->params();
    const ParamId talk = console_->tree().talk.on;
    const auto now = std::chrono::steady_clock::now();
    if (down) {
        talkPressed_ = now;
        talkWasOn_ = s.get(talk) >= 0.5f;
        if (!talkWasOn_) s.set(talk, 1.0f, Source::Mcu);
        return;
    }
    const std::chrono::duration<double> held = now - talkPressed_;
    if (held.count() > kTalkHoldSeconds || talkWasOn_) s.set(talk, 0.0f, Source::Mcu); // let go, or a press on a latched one
}

void Surface::button(int note) {
    switch (note) {
    case kBankLeft: bankBy(-strips()); break;
    case kBankRight: bankBy(strips()); break;
    case kChannelLeft: bankBy(-1); break;
    case kChannelRight: bankBy(1); break;
    case kFlip: flip_ = !flip_; break;
    case kSend: // sends on fader: each press moves to the next bus, then back to the channels
        sendsBus_ = sendsBus_ + 1 < console_->config().buses() ? sendsBus_ + 1 : -1;
        break;
    case kPan: sendsBus_ = -1; break;
    case kRewind: keys_.push_back(Key::Rewind); break;
    case kStop: keys_.push_back(Key::Stop); break;
    case kPlay: keys_.push_back(Key::Play); break;
    case kRecord: keys_.push_back(Key::Record); break;
    default: break;
    }
}

// ---- feedback ----------------------------------------------------------------------------

std::string Surface::label(int strip) const {
    const StripRef r = refOf(strip);
    const ConsoleTree& t = console_->tree();
    std::string name;
    if (r.kind == StripRef::Channel) name = console_->params().text(t.channels[static_cast<size_t>(r.index)].name);
    if (r.kind == StripRef::Bus) name = console_->params().text(t.buses[static_cast<size_t>(r.index)].name);
    if (r.kind == StripRef::Dca) name = console_->params().text(t.dcas[r.index].name);
    name.resize(7, ' ');
    return name;
}

std::vector<std::vector<Message>> Surface::pollUnits() {
    std::vector<std::vector<Message>> units(static_cast<size_t>(units_));
    units.swap(replies_);
    replies_.resize(static_cast<size_t>(units_));
    const ParamStore& s = console_->params();
    for (int strip = 0; strip <= strips(); ++strip) {
        Sent& sent = sent_[static_cast<size_t>(strip)];
        const int unit = strip == strips() ? mainUnit_ : strip / 8, local = strip % 8;
        std::vector<Message>& out = units[static_cast<size_t>(unit)];
        const ParamId fader = faderParam(strip);
        // Motor fader: held back while the hand is on it; the value follows after release.
        if (fader != kNoParam && touched_[static_cast<size_t>(strip)] == kNoParam) {
            const int v = static_cast<int>(std::lround(s.position(fader) * kMaxPitch));
            if (v != sent.fader) {
                const uint8_t ch = static_cast<uint8_t>(strip == strips() ? 8 : local);
                out.push_back({static_cast<uint8_t>(0xE0 | ch), static_cast<uint8_t>(v & 0x7F), static_cast<uint8_t>(v >> 7)});
                sent.fader = v;
            }
        }
        if (strip == strips()) break;
        const StripRef r = refOf(strip);
        const int c = r.index, bus = r.index;
        const bool exists = r.kind == StripRef::Channel, isBus = r.kind == StripRef::Bus, isDca = r.kind == StripRef::Dca;
        const ChannelIds* ids = exists ? &console_->tree().channels[static_cast<size_t>(c)] : nullptr;
        const MasterIds* bm = isBus ? &console_->tree().buses[static_cast<size_t>(bus)] : nullptr;
        const int leds[4] = {exists && s.get(ids->recArm) >= 0.5f,
                             (exists && s.get(ids->solo) >= 0.5f) || (isBus && s.get(bm->solo) >= 0.5f),
                             (exists && s.get(ids->mute) >= 0.5f) || (isBus && s.get(bm->mute) >= 0.5f) ||
                                 (isDca && s.get(console_->tree().dcas[r.index].mute) >= 0.5f),
                             exists && c == selection_->load()};
        for (int k = 0; k < 4; ++k)
            if (leds[k] != sent.led[k]) {
                out.push_back(noteOn(k * 8 + local, leds[k] != 0));
                sent.led[k] = leds[k];
            }
        // Scribble strip: the name on top; below, the value while the fader is touched, or
        // for a second after its V-Pot turned.
        const std::string top = label(strip);
        std::string bottom = "       ";
        int& potShown = potShown_[static_cast<size_t>(strip)];
        const ParamId shown = fader != kNoParam && touched_[static_cast<size_t>(strip)] != kNoParam ? fader
                              : potShown > 0                                           ? potParam(strip)
                                                                                       : kNoParam;
        if (potShown > 0) --potShown;
        if (shown != kNoParam) {
            bottom = s.spec(shown).formatBare(s.get(shown));
            bottom.resize(7, ' ');
        }
        for (int row = 0; row < 2; ++row) {
            const std::string& text = row ? bottom : top;
            std::string& last = row ? sent.bottom : sent.top;
            if (text == last) continue;
            Message m(kSysexHeader, kSysexHeader + 4);
            const uint8_t known = unitId_[static_cast<size_t>(unit)];
            m.push_back(known ? known : unit == mainUnit_ ? kMainId : kExtenderId);
            m.push_back(0x12);
            m.push_back(static_cast<uint8_t>(row * 56 + local * 7));
            for (char ch : text) m.push_back(static_cast<uint8_t>(ch) & 0x7F);
            m.push_back(0xF7);
            out.push_back(m);
            last = text;
        }
        // V-Pot ring: a dot at the pot's position (11 steps).
        const ParamId pot = potParam(strip);
        const int ring = pot == kNoParam ? 0 : 1 + static_cast<int>(std::lround(s.position(pot) * 10.0f));
        if (ring != sent.ring) {
            out.push_back({0xB0, static_cast<uint8_t>(kRingBase + local), static_cast<uint8_t>(ring)});
            sent.ring = ring;
        }
        // Meter: channel pressure, 0..12 over -60..0 dBFS of the post-fader peak.
        const float db = exists ? console_->channelMeters(c).out.read().peakDb
                                : (isBus ? console_->busMeters(bus).out[0].read().peakDb : -INFINITY);
        const int level = std::isinf(db) ? 0 : std::clamp(static_cast<int>((db + 60.0f) / 5.0f), 0, 12);
        // A lit meter is told again every 250 ms: the surface lets it fall by itself.
        if (level != sent.meter || (level > 0 && ++sent.meterAge >= kMeterRefresh)) {
            out.push_back({0xD0, static_cast<uint8_t>((local << 4) | level)});
            sent.meter = level;
            sent.meterAge = 0;
        }
    }
    // Transport LEDs on the main unit: PLAY while the take player plays, RECORD while a take
    // records, STOP while neither.
    const int talking = s.get(console_->tree().talk.on) >= 0.5f;
    if (talking != sentTalk_) {
        units[static_cast<size_t>(mainUnit_)].push_back(noteOn(kTalk, talking != 0));
        sentTalk_ = talking;
    }
    const int lit[3] = {!playing_ && !recording_, playing_, recording_};
    const int notes[3] = {kStop, kPlay, kRecord};
    for (int k = 0; k < 3; ++k)
        if (lit[k] != sentTransport_[k]) {
            units[static_cast<size_t>(mainUnit_)].push_back(noteOn(notes[k], lit[k] != 0));
            sentTransport_[k] = lit[k];
        }
    // The assignment display shows the current scene number.
    const int scene = scenes_ ? scenes_->current() : 0;
    if (scene != sentScene_) {
        std::vector<Message>& out = units[static_cast<size_t>(mainUnit_)];
        out.push_back({0xB0, 0x4B, static_cast<uint8_t>('0' + (scene / 10) % 10)});
        out.push_back({0xB0, 0x4A, static_cast<uint8_t>('0' + scene % 10)});
        sentScene_ = scene;
    }
    return units;
}

} // namespace hr::mcu
