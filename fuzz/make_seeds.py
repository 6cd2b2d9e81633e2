#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/seeds/ that are made, not copied (run from anywhere; it
rewrites only the files it names). Shows come from scenes/ plus the small ones below; WAVs
are written with sox and libsndfile's sndfile-convert (see the end); two more WAV seeds are
the first 2 KB of tracks headroom itself recorded (headroom run --api null --demo, arm 1,
record start): bwf-cut-short.wav from a take stopped, bwf-junk-killed.wav from one killed
with kill -9 while recording (its JUNK chunk still waiting to become ds64).

MIDI seeds use the framing of fuzz/fuzz_support.h: every JACK event is a header byte
(tag << 6 | (size - 1)) and its bytes; fuzz_mcu and fuzz_learn give byte 0 first."""
import json
import os
import shutil
import subprocess
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
SEEDS = os.path.join(HERE, "seeds")
ROOT = os.path.dirname(HERE)


def write(target, name, data):
    os.makedirs(os.path.join(SEEDS, target), exist_ok=True)
    with open(os.path.join(SEEDS, target, name), "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())


def events(*evs):
    """evs: (tag, [bytes]) pairs, or a bare list of bytes (tag 0); long SysEx is split into
    events of 64 bytes, continued as RtMidi joins them."""
    out = bytearray()
    for e in evs:
        tag, msg = e if isinstance(e, tuple) else (0, e)
        for i in range(0, len(msg), 64):
            part = msg[i:i + 64]
            out.append(tag << 6 | (len(part) - 1))
            out += bytes(part)
    return bytes(out)


# ---- Mackie Control: real messages (the Mackie Control protocol, as midi/mcu/mcu.h) ----
def pitch(ch, v): return [0xE0 | ch, v & 0x7F, v >> 7]
def note(n, vel=127): return [0x90, n, vel]
def cc(n, v, ch=0): return [0xB0 | ch, n, v]
def sysex(dev, *body): return [0xF0, 0x00, 0x00, 0x66, dev, *body, 0xF7]

write("mcu", "faders", b"\x00" + events(note(0x68), pitch(0, 8192), pitch(1, 16383), note(0x68, 0), pitch(8, 12000),
                                        note(0x70), pitch(8, 0), note(0x70, 0)))
write("mcu", "buttons", b"\x00" + events(note(0x10), note(0x10, 0), note(0x08), note(0x00), note(0x18), note(0x2F), note(0x2F),
                                         note(0x2F), note(0x2E), note(0x31), note(0x30), note(0x32), note(0x29), note(0x29),
                                         note(0x2A), note(0x5E), note(0x5F), note(0x5D), note(0x5B)))
write("mcu", "vpots", b"\x00" + events(cc(0x10, 0x05), cc(0x11, 0x41), cc(0x17, 0x3F), note(0x20), note(0x32), cc(0x10, 0x7F)))
write("mcu", "handshake", b"\x00" + events(sysex(0x14, 0x01, 1, 2, 3, 4, 5, 6, 7), sysex(0x10, 0x01, 1, 2, 3, 4, 5, 6, 7, 9, 8, 7, 6),
                                           sysex(0x14, 0x12, 0, *b"hello")))
# Three units (XT, main, XT: main at 1), each its own port; a program change on any channel.
write("mcu", "xt-units", bytes([0x02 | (1 << 2)]) + events((0, sysex(0x15, 0x01)), (1, sysex(0x14, 0x01)), (2, sysex(0x15, 0x01)),
                                                          (0, pitch(3, 5000)), (2, note(0x69)), (2, pitch(1, 100)),
                                                          (1, note(0x2F)), (2, note(0x10)), (1, pitch(8, 9000)), (1, [0xC0, 1])))
write("mcu", "rebind", b"\x00" + events(note(0x68), note(0x2F), note(0x32)) + bytes([0xFF]) + bytes(64) + events(pitch(0, 1), note(0x68, 0)))
write("mcu", "long-sysex", b"\x00" + events(sysex(0x14, 0x12, 0, *(b"x" * 100)), [0xF8], [0xFE], note(0x18)))

# ---- MIDI learn: a generic controller's messages (MIDI 1.0: CC, 14-bit pairs, NRPN, notes, bend) ----
def nrpn(ch, number, value):
    return [cc(99, number >> 7, ch), cc(98, number & 0x7F, ch), cc(6, value >> 7, ch), cc(38, value & 0x7F, ch)]

write("learn", "learn-each-kind", b"\x00" + events((1, cc(7, 100)), (1, cc(8, 64)), (0, cc(40, 3)), *[(1 if i == 0 else 0, m) for i, m in enumerate(nrpn(1, 300, 9000))],
                                                   (1, note(60)), (0, note(60, 0)), (1, pitch(15, 8000)), (2, cc(7, 1)), (0, [0xC0, 0])))
write("learn", "mapped", b"\x01" + events(cc(7, 0), cc(7, 64), cc(8, 10), cc(40, 100), *nrpn(1, 300, 12000), note(60), note(60, 0),
                                          note(61), note(61, 0), pitch(15, 16383), (2, cc(7, 64)), (3, cc(7, 1)), (3, cc(0, 5, 15))))
write("learn", "pickup", b"\x01" + events((2, cc(7, 10)), cc(7, 120), cc(7, 80), cc(7, 82), (3, pitch(15, 0)), (3, pitch(15, 100))))

# ---- the prompt: lines from the README ----
PROMPT = {
    "params": """get /ch/3/fader
set /ch/3/fader -inf
set /ch/3/fader banana
set /ch/1/name "Lead Vox"
set /ch/1/eq/2/freq 1.5k
set /ch/1/comp/ratio limit
set /ch/1/pan L50
set /out/3/source bus2.R
list /ch/3/eq/**
meters /ch/*
status
clear
panic on
panic off
help
""",
    "scenes": """scene store "Song 1" "notes"
set /ch/1/fader -10
scene store "Song 2"
scene fade 2 3.5
scene scope 2 fader sends /ch/1
scene safe add /bus/3/**
scene recall 1
scene go
scene prev
scene undo
scene redo
scene list
scene rename 1 "Opener"
scene notes 1 "count in"
scene duplicate 1
scene move 3 1
scene delete 2
scene update
scene safe list
scene safe remove /bus/3/**
save
load show.json
save other.json
""",
    "record": """arm all
disarm 2
arm main
record start
status
record stop
takes
play missing-take
source 1 2 playback
source all live
transport play
transport locate 1.5
transport loop 1 2
transport loop off
transport stop
""",
    "midi": """midi
midi list
midi surface desk mcu xt main X-Touch xt - -
midi surface pads generic nanoPAD
midi open X-Touch
midi close desk
midi pc go 3
midi pc recall any
midi pc send off
midi pc send 2
learn /ch/1/fader
unlearn /ch/1/fader
maps
quit
get /ch/1/fader
""",
}
for name, text in PROMPT.items():
    write("prompt", name, text)

# ---- the user config ----
write("config", "full", json.dumps({"api": "jack", "device": "system", "rate": 48000, "buffer": 256, "show": "/nowhere/show.json",
                                     "midiIn": "X-Touch", "midiOut": "X-Touch"}, indent=2) + "\n")
write("config", "partial", '{"rate": 96000}\n')
write("config", "empty", "{}\n")

# ---- take.json (engine/record/recorder.cpp writeTakeJson) ----
track = lambda f, ch, name: {"file": f, "channel": ch, "name": name, "tap": "input", "frames": 100, "dropped": 0}
write("take", "take.json", json.dumps({"show": "band", "sampleRate": 48000, "format": "pcm24", "start": "2024-05-01T20:00:00",
                                       "startSample": 0, "frames": 300, "seconds": 0.00625, "stopped": "stop",
                                       "tracks": [track("01-Kick.wav", 1, "Kick"), track("02-Snare.wav", 2, "Snare"),
                                                  track("Main-L.wav", 0, "Main L")]}, indent=2) + "\n")
write("take", "odd-rate", json.dumps({"tracks": [track("01-Kick.wav", 1, "Kick"), track("03-Odd.wav", 3, "Odd")]}))
write("take", "too-many-channels", json.dumps({"tracks": [track("02-Snare.wav", 9, "Snare"), track("01-Kick.wav", 4, "Vox")]}))

# ---- shows: the shipped ones (not festival.json: 78 KB), and small ones with every section ----
os.makedirs(os.path.join(SEEDS, "show"), exist_ok=True)
for name in ("default.json", "band.json", "podcast.json"):
    shutil.copy(os.path.join(ROOT, "scenes", name), os.path.join(SEEDS, "show", name))
small = {
    "headroom": 1, "name": "small, every section",
    "console": {"sampleRate": 48000, "channels": 4, "inputs": 4, "outputs": 4, "blockSize": 64, "buses": ["mono", "stereo"]},
    "params": {"/ch/1/name": "Kick", "/ch/1/fader": -5.0, "/ch/2/eq/1/type": "lowshelf", "/ch/2/comp/ratio": "limit",
               "/ch/3/pan": "L50", "/ch/1/send/2/tap": "pre", "/out/1/source": "main.L", "/ch/4/hpf/freq": "1kHz"},
    "scenes": {"current": 1, "safes": ["/bus/1/**", "/ch/*/trim"],
               "list": [{"name": "A", "notes": "n", "fade": 1.5, "scope": {"groups": ["fader", "sends"], "strips": ["/ch/1"]},
                         "values": {"/ch/1/fader": -3.0, "/ch/2/mute": "on"}},
                        {"name": "B", "fade": 0.0, "values": {"/ch/1/fader": "-inf"}}]},
    "surfaces": [{"name": "desk", "kind": "mcu", "units": [{"role": "xt", "in": "X-Touch-Ext", "out": "X-Touch-Ext"},
                                                          {"role": "main", "in": "X-Touch", "out": "X-Touch"}]},
                 {"name": "midi", "kind": "generic", "in": "", "out": ""}],
    "midi": {"maps": [{"path": "/ch/1/fader", "kind": "cc", "channel": 1, "number": 7, "momentary": False, "softTakeover": True},
                      {"path": "/ch/2/mute", "kind": "note", "channel": 2, "number": 60, "momentary": True, "softTakeover": True},
                      {"path": "/main/fader", "kind": "pitchbend", "channel": 1, "number": 0}],
             "programChange": {"channel": "any", "action": "recall", "send": 1}},
}
write("show", "small.json", json.dumps(small, indent=2) + "\n")
write("show", "minimal.json", '{"headroom": 1, "console": {"channels": 1, "buses": []}}\n')

# ---- WAVs: a few short real files (render's input, a take's track) ----
with tempfile.TemporaryDirectory() as tmp:
    def sox(name, *args):
        subprocess.run(["sox", "-n", *args, os.path.join(tmp, name), "synth", "0.004", "sine", "440"], check=True)
        shutil.copy(os.path.join(tmp, name), os.path.join(SEEDS, "wav", name))
    os.makedirs(os.path.join(SEEDS, "wav"), exist_ok=True)
    sox("mono-16.wav", "-r", "48000", "-c", "1", "-b", "16")
    sox("stereo-24.wav", "-r", "48000", "-c", "2", "-b", "24")
    sox("mono-float.wav", "-r", "44100", "-c", "1", "-b", "32", "-e", "floating-point")
    sox("four-8.wav", "-r", "8000", "-c", "4", "-b", "8")
    sox("mono-96k.wav", "-r", "96000", "-c", "1", "-b", "24")
    # RF64 and Broadcast WAV, as the recorder writes takes
    subprocess.run(["sndfile-convert", "-pcm24", os.path.join(SEEDS, "wav", "mono-16.wav"), os.path.join(tmp, "t.rf64")], check=True)
    shutil.copy(os.path.join(tmp, "t.rf64"), os.path.join(SEEDS, "wav", "mono-rf64.wav"))
    subprocess.run(["sndfile-convert", "-ms-adpcm", os.path.join(SEEDS, "wav", "mono-16.wav"), os.path.join(tmp, "a.wav")], check=True)
    shutil.copy(os.path.join(tmp, "a.wav"), os.path.join(SEEDS, "wav", "mono-adpcm.wav"))
