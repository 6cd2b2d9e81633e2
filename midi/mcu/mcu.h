// Mackie Control Universal: the protocol as pure code, bytes in -> parameter changes and
// parameter changes -> bytes out, with no MIDI port (Ardour's libs/surfaces/mackie shape:
// controls build messages; a separate layer sends them).
//
// Mackie Control protocol, as the MCU/Logic Control documentation gives it:
//   fader n (1..8)     pitch bend on MIDI channel n-1, 14-bit; master = channel 9
//   fader touch        note 0x68+n-1 (master 0x70), velocity 127 touched / 0 released
//   REC / SOLO / MUTE / SELECT of strip n: notes 0x00 / 0x08 / 0x10 / 0x18 + n-1,
//                      127 pressed / 0 released; the same notes light the LEDs
//   BANK < >  0x2E 0x2F   CHANNEL < >  0x30 0x31   FLIP 0x32   SEND 0x29   PAN 0x2A
//   REWIND 0x5B  STOP 0x5D  PLAY 0x5E  RECORD 0x5F (the take player and recorder; lit)
//   F1 0x36            talkback: held, on until let go; a short press latches it (lit)
//   V-Pot n            CC 0x10+n-1, relative: bit 6 = counter-clockwise, bits 0-5 = ticks;
//                      pushed: note 0x20+n-1 (back to the default)
//   V-Pot LED ring     CC 0x30+n-1: mode << 4 | position 1..11
//   scribble strip     SysEx F0 00 00 66 14 12 offset ascii... F7 (2 rows of 56 characters)
//   channel meter      channel pressure D0, (strip << 4) | level 0..12; the surface lets it
//                      fall by itself, so a lit meter is sent again every 250 ms
//   assignment display CC 0x4B (left digit) 0x4A (right digit), 7-segment ASCII subset
//
// Banking runs across the channels, then the bus masters (their faders, MUTE, SOLO, names
// and meters), then the 16 DCAs (fader, MUTE, name), so a 16x8 console is 40 strips: five
// banks of 8, the DCAs on the last two.
//
// A surface is one main unit plus XT extenders, placed left to right, each on its own MIDI
// ports and speaking the same strip messages for its own 8 strips (an XT's SysEx carries
// device id 0x15 where the main unit's has 0x14). Strips count across the units from the
// left; the master fader, BANK, CHANNEL, FLIP, SEND, PAN and the assignment display belong
// to the main unit. Three units bank by 24.
//
// Feedback keeps the last value sent per control, so nothing is sent twice, and holds back
// a fader's motor while its touch sensor is held (the value follows after release).
#pragma once

#include "console/console.h"
#include "show/scenes.h"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace hr::mcu {

using Message = std::vector<uint8_t>;

enum class Key : uint8_t { Rewind, Stop, Play, Record }; // the transport keys the console answers

class Surface {
public:
    // units: main unit plus XT extenders (8 strips each), left to right; mainUnit: where
    // the main unit stands among them (0 = leftmost). selection: the selected channel
    // (0-based) shared with the GUI and other surfaces; null: the surface's own.
    Surface(Console& console, SceneList* scenes, int units = 1, int mainUnit = 0, std::atomic<int>* selection = nullptr);

    void rebind(Console& console, SceneList* scenes); // a new show: its console and cue list; back to bank 1

    // control thread: one complete MIDI message from a unit (any length; bad or unknown
    // ones are ignored). Replies (a Logic Control challenge) are queued for poll().
    void receive(int unit, const uint8_t* data, size_t size);
    void receive(const uint8_t* data, size_t size) { receive(mainUnit_, data, size); }

    // control thread: everything to send now, per unit: motor faders, LEDs, scribble strips,
    // meters, the assignment display; only what changed since the last call.
    std::vector<std::vector<Message>> pollUnits();
    std::vector<Message> poll() { return std::move(pollUnits()[static_cast<size_t>(mainUnit_)]); } // the main unit's
    // A unit (re)connected: everything it shows is sent again, and a hand that was on one of
    // its controls when it went is gone. `releaseHands` false: only the sending (the settle
    // resend just after an open).
    void resend(int unit, bool releaseHands = true);
    // The main unit's transport keys pressed since the last call (the console's take player
    // and recorder answer them), and what their LEDs show.
    std::vector<Key> takeKeys() { return std::exchange(keys_, {}); }
    void setTransport(bool playing, bool recording) { playing_ = playing; recording_ = recording; }

    int bankOffset() const { return offset_; }      // 0-based strip index on strip 1: channels, then buses
    bool flipped() const { return flip_; }
    int sendsBus() const { return sendsBus_; }       // bus on the faders in sends mode, -1 none
    int selected() const { return selection_->load(); } // the channel SELECT chose (0-based)
    int strips() const { return 8 * units_; }
    int units() const { return units_; }
    int mainUnit() const { return mainUnit_; }

private:
    struct Sent { int fader = -1; int led[4] = {-1, -1, -1, -1}; std::string top, bottom; int ring = -1; int meter = -1; int meterAge = 0; };
    struct StripRef {                      // what a strip shows: a channel, a bus master or a DCA
        enum Kind { None, Channel, Bus, Dca } kind = None;
        int index = 0;                     // 0-based within its kind
    };
    StripRef refOf(int strip) const;       // by the bank offset; None past the last DCA
    ParamId faderParam(int strip) const;   // what strip's fader moves (kNoParam past the last DCA)
    ParamId potParam(int strip) const;     // what its V-Pot moves
    int channelOf(int strip) const { return offset_ + strip; }
    void press(int strip, int row);        // REC / SOLO / MUTE / SELECT (row 0..3) of a strip
    void button(int note);                 // the main unit's BANK, CHANNEL, FLIP, SEND, PAN
    void bankBy(int channels);
    void talkKey(bool down);               // F1: talkback, momentary when held, latched by a short press
    std::string label(int strip) const;    // 7 characters for the scribble strip

    Console* console_;
    SceneList* scenes_;
    int units_;
    int mainUnit_;
    int offset_ = 0;
    bool flip_ = false;
    int sendsBus_ = -1;
    void release(int strip);           // lets go of the touch a strip holds
    static constexpr ParamId kTouchedNothing = kNoParam - 1; // a hand on a fader that moves nothing
    std::vector<ParamId> touched_;     // per strip (+1 master): what the hand on it holds; kNoParam none
    std::vector<uint8_t> unitId_;      // per unit: the device id it named itself with (0: not yet)
    std::vector<int> potShown_;        // per strip: polls left showing the V-Pot's value
    std::vector<Sent> sent_;           // per strip (+1 master)
    std::vector<std::vector<Message>> replies_; // per unit
    std::vector<Key> keys_;
    bool playing_ = false, recording_ = false;
    int sentTransport_[3] = {-1, -1, -1}; // STOP, PLAY, RECORD LEDs as last sent
    int sentScene_ = -1;
    int sentTalk_ = -1;
    std::chrono::steady_clock::time_point talkPressed_{};
    bool talkWasOn_ = false;
    std::atomic<int> ownSelection_{0};
    std::atomic<int>* selection_;
};

// The response a Logic Control (device id 0x10, XT 0x11) expects to its host connection
// query (F0 00 00 66 10 01 <7 serial> <4 challenge> F7 -> F0 00 00 66 10 02 <serial>
// <4 response> F7), as the Logic Control documentation gives it. An MCU's 01 message
// (id 0x14, XT 0x15) is "device ready": it is answered by sending it everything.
std::array<uint8_t, 4> handshakeResponse(const uint8_t challenge[4]);

} // namespace hr::mcu
