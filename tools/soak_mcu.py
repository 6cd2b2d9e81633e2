#!/usr/bin/python3
"""tools/soak's helper: drives headroom for the soak and measures it, then reports.

  soak_mcu.py show SRC DST CHANNELS        write a CHANNELS-channel show built from SRC
  soak_mcu.py drive --mode gui|headless ... move MCU faders, recall scenes, keep a take
                                           recording, sample JACK and headroom; write JSON
  soak_mcu.py monitor FILE                 log JACK's xruns to FILE until SIGTERM
  soak_mcu.py report RESULTS TAKES_DIR      print the summary table
  soak_mcu.py shot XWD PNG [ROWS]          the top ROWS rows of Xvfb's framebuffer as PNG

Needs Debian's python3-rtmidi (/usr/bin/python3) and libjack. JACK_DEFAULT_SERVER selects
the server, as for every JACK client.
"""
import argparse
import ctypes
import json
import math
import os
import re
import struct
import sys
import threading
import time
import zlib

# ---- the show -----------------------------------------------------------------------------


def make_show(src, dst, channels):
    """Copy SRC's channels round-robin up to CHANNELS (params and scene values), patch
    every channel to the demo band's inputs 1-16 so every strip carries signal, and arm
    every channel and main for recording (the GUI has no prompt to `arm all`)."""
    with open(src) as f:
        show = json.load(f)
    base = show["console"]["channels"]
    show["console"]["channels"] = channels
    show["console"]["inputs"] = max(channels, show["console"]["inputs"])
    show["name"] = "%s (soak: %d channels)" % (show.get("name", "show"), channels)
    ch = re.compile(r"^/ch/(\d+)/(.*)$")

    def widen(values):
        out = {}
        for k, v in values.items():
            m = ch.match(k)
            if not m:
                out[k] = v
                continue
            n, rest = int(m.group(1)), m.group(2)
            for copy in range(n, channels + 1, base):
                if rest == "name" and copy != n:
                    v2 = ("%s %d" % (v, (copy - 1) // base + 1))[:31]
                else:
                    v2 = v
                out["/ch/%d/%s" % (copy, rest)] = v2
        return out

    show["params"] = widen(show["params"])
    for c in range(1, channels + 1):
        show["params"]["/ch/%d/input" % c] = (c - 1) % 16 + 1
        show["params"]["/ch/%d/rec/arm" % c] = "on"
    show["params"]["/main/rec/arm"] = "on"
    for sc in show.get("scenes", {}).get("list", []):
        if "values" in sc:
            sc["values"] = {k: v for k, v in widen(sc["values"]).items() if not k.endswith("/input")}
    with open(dst, "w") as f:
        json.dump(show, f, indent=2)
    return len(show.get("scenes", {}).get("list", []))


# ---- JACK (ctypes: there is no python3-jack-client here) -----------------------------------


class Jack:
    """A JACK client through ctypes. Only the monitor process takes the xrun callback: a
    Python callback on libjack's notification thread needs the GIL, and a thread holding it
    in a JACK server request (rtmidi opening its client or port) waits for every client's
    notification: a deadlock. The driver's client has no callback at all."""
    XRUN_CB = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)

    def __init__(self, name, xruns=False):
        lib = ctypes.CDLL("libjack.so.0")
        lib.jack_client_open.restype = ctypes.c_void_p
        lib.jack_client_open.argtypes = [ctypes.c_char_p, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
        lib.jack_set_xrun_callback.argtypes = [ctypes.c_void_p, Jack.XRUN_CB, ctypes.c_void_p]
        lib.jack_activate.argtypes = [ctypes.c_void_p]
        lib.jack_client_close.argtypes = [ctypes.c_void_p]
        for f in ("jack_cpu_load", "jack_get_max_delayed_usecs", "jack_get_xrun_delayed_usecs"):
            getattr(lib, f).restype = ctypes.c_float
            getattr(lib, f).argtypes = [ctypes.c_void_p]
        for f in ("jack_frame_time", "jack_get_buffer_size", "jack_get_sample_rate"):
            getattr(lib, f).restype = ctypes.c_uint32
            getattr(lib, f).argtypes = [ctypes.c_void_p]
        lib.jack_reset_max_delayed_usecs.argtypes = [ctypes.c_void_p]
        self.lib = lib
        status = ctypes.c_int(0)
        self.client = lib.jack_client_open(name.encode(), 1, ctypes.byref(status))  # JackNoStartServer
        if not self.client:
            raise RuntimeError("cannot open a JACK client (status 0x%x)" % status.value)
        self.xruns = []  # (monotonic time, delay usecs)
        self.lock = threading.Lock()
        if xruns:
            self._cb = Jack.XRUN_CB(self._xrun)  # keep a reference: JACK calls it from its thread
            lib.jack_set_xrun_callback(self.client, self._cb, None)
        lib.jack_activate(self.client)
        self.rate = lib.jack_get_sample_rate(self.client)
        self.period = lib.jack_get_buffer_size(self.client)
        self.frames_hi = 0
        self.last_frames = lib.jack_frame_time(self.client)

    def _xrun(self, _arg):
        d = self.lib.jack_get_xrun_delayed_usecs(self.client)
        with self.lock:
            self.xruns.append((time.monotonic(), d))
        return 0

    def frames(self):
        """JACK's frame counter, unwrapped past 2^32."""
        f = self.lib.jack_frame_time(self.client)
        if f < self.last_frames:
            self.frames_hi += 1 << 32
        self.last_frames = f
        return self.frames_hi + f

    def cpu_load(self):
        return self.lib.jack_cpu_load(self.client)

    def max_delayed_usecs(self):
        return self.lib.jack_get_max_delayed_usecs(self.client)

    def close(self):
        self.lib.jack_client_close(self.client)


def monitor(path):
    """Counts JACK's xrun notifications until SIGTERM: one line per xrun (monotonic time,
    delay in us). The main thread only sleeps, so the callback always gets the GIL."""
    import signal
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))
    jack = Jack("soak-xruns", xruns=True)
    done = 0
    with open(path, "w") as f:
        f.write("# rate %d period %d\n" % (jack.rate, jack.period))
        f.flush()
        while not stop:
            time.sleep(0.25)
            with jack.lock:
                new = jack.xruns[done:]
            for t, d in new:
                f.write("%.6f %.1f\n" % (t, d))
            done += len(new)
            f.flush()
    jack.close()


def read_xruns(path):
    out = []
    try:
        with open(path) as f:
            for line in f:
                if not line.startswith("#"):
                    t, d = line.split()
                    out.append((float(t), float(d)))
    except OSError:
        pass
    return out


# ---- headroom's side -----------------------------------------------------------------------


def rss_kib(pid):
    try:
        with open("/proc/%d/status" % pid) as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def cpu_seconds(pid):
    """utime + stime of a process, in seconds."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return None


def rt_threads(pid):
    """headroom's threads with real-time scheduling: name (priority)."""
    out = []
    try:
        for tid in sorted(os.listdir("/proc/%d/task" % pid), key=int):
            try:
                with open("/proc/%d/task/%s/stat" % (pid, tid)) as f:
                    text = f.read()
                name = text[text.index("(") + 1:text.rindex(")")]
                fields = text.rsplit(")", 1)[1].split()
                policy, rtprio = int(fields[38]), int(fields[37])
                if policy in (1, 2):
                    out.append("%s (%s %d)" % (name, "FIFO" if policy == 1 else "RR", rtprio))
            except (OSError, ValueError, IndexError):
                pass
    except OSError:
        pass
    return out


def jackd_log_size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


class Log:
    """Follows headroom's log (stdout and stderr) from where it was when opened."""

    def __init__(self, path):
        self.path = path
        self.offset = 0
        self.partial = ""

    def lines(self):
        try:
            with open(self.path, "rb") as f:
                f.seek(self.offset)
                data = f.read()
        except OSError:
            return []
        self.offset += len(data)
        text = self.partial + data.decode("utf-8", "replace")
        parts = text.split("\n")
        self.partial = parts.pop()
        return parts


STATUS = re.compile(r"^api (\S+) .*?load ([\d.]+)% peak ([\d.]+)% xruns (\d+)")
RECORD = re.compile(r" record (on|stopped) ([\d.]+) s dropped (\d+)")


def drive(a):
    import rtmidi

    out = {"mode": a.mode, "seconds": a.seconds, "moves_per_second": a.moves, "scene_every": a.scene_every,
           "scenes": a.scenes, "warmup": a.warmup}
    import signal
    signal.alarm(int(a.seconds + a.warmup + 180))  # a watchdog: never hang the soak
    log = Log(a.log)
    events = []  # what happened, for the log
    t0 = time.monotonic()

    def note(text):
        events.append("%8.2f %s" % (time.monotonic() - t0, text))
        print("soak: %8.2f s %s" % (time.monotonic() - t0, text), flush=True)

    # The MIDI ports headroom opens (virtual: "mcu in"/"mcu out", the generic "midi in").
    mcu_out = rtmidi.MidiOut(rtmidi.API_UNIX_JACK, name="soak-mcu")
    mcu_in = rtmidi.MidiIn(rtmidi.API_UNIX_JACK, name="soak-mcu-fb")
    pc_out = rtmidi.MidiOut(rtmidi.API_UNIX_JACK, name="soak-pc")

    def find(dev, part):
        for i, p in enumerate(dev.get_ports()):
            if p.endswith(part) and "soak" not in p:
                return i, p
        return None, None

    deadline = time.monotonic() + 60
    while True:
        i1, p1 = find(mcu_out, ":mcu in")
        i2, p2 = find(mcu_in, ":mcu out")
        i3, p3 = find(pc_out, ":midi in")
        if i1 is not None and i2 is not None and i3 is not None:
            break
        if time.monotonic() > deadline:
            raise SystemExit("soak: headroom's MIDI ports did not appear in 60 s (mcu in / mcu out / midi in)")
        time.sleep(0.25)
    mcu_out.open_port(i1)
    mcu_in.open_port(i2)
    pc_out.open_port(i3)
    # Every client of this process is open: now the callback-free client for JACK's clock.
    jack = Jack("soak-clock")
    out["jack"] = {"rate": jack.rate, "period": jack.period}
    note("MIDI connected: %s, %s, %s" % (p1, p2, p3))

    feedback = {"messages": 0, "bends": 0, "record_led": None, "record_led_at": None}

    def poll_feedback():  # polled: a Python MIDI callback would run on JACK's real-time thread
        while True:
            msg = mcu_in.get_message()
            if not msg:
                return
            m = msg[0]
            feedback["messages"] += 1
            if m and (m[0] & 0xF0) == 0xE0:
                feedback["bends"] += 1
            if len(m) >= 3 and m[0] == 0x90 and m[1] == 0x5F:  # RECORD's LED
                feedback["record_led"] = m[2] > 0
                feedback["record_led_at"] = jack.frames()

    mcu_in.ignore_types(sysex=False)
    time.sleep(1.0)  # let the surface see its connections

    fifo = open(a.fifo, "w", buffering=1) if a.mode == "headless" else None
    bar = None
    if a.mode == "gui" and a.xwd:
        m = re.search(r"audio '(.*)' on (\S+) at (\d+) Hz, (\d+) frames", open(a.log, errors="replace").read())
        if m:
            bar = StatusBar(a.xwd, "%s %s | %s Hz | %s frames | DSP " % (m.group(2), m.group(1), m.group(3), m.group(4)))

    def command(line):
        fifo.write(line + "\n")
        fifo.flush()

    statuses = []  # (seconds since the take started, avg, peak, xruns, rec_seconds, dropped)
    clock0 = [t0]

    def since_take():
        return time.monotonic() - clock0[0]
    take_answers = []

    def read_log():
        poll_feedback()
        for line in log.lines():
            m = STATUS.match(line)
            if m:
                r = RECORD.search(line)
                statuses.append((since_take(), float(m.group(2)), float(m.group(3)), int(m.group(4)),
                                 float(r.group(2)) if r else None, int(r.group(3)) if r else None))
            elif line.startswith("ok: recording") or line.startswith("ok: take") or "record" in line.lower():
                take_answers.append((jack.frames(), line))

    def wait_for(pred, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            read_log()
            if pred():
                return True
            time.sleep(0.005)
        return False

    # ---- the take: started now, stopped at the end --------------------------------------
    def start_take():
        before = jack.frames()
        if a.mode == "headless":
            command("record start %s" % a.takes)
            ok = wait_for(lambda: any(t[1].startswith("ok: recording") or t[1].startswith("error") for t in take_answers), 10)
        else:
            mcu_out.send_message([0x90, 0x5F, 127])
            mcu_out.send_message([0x90, 0x5F, 0])
            ok = wait_for(lambda: feedback["record_led"] is True, 10)
        after = jack.frames()
        return ok, before, after

    def stop_take():
        before = jack.frames()
        n = len(take_answers)
        if a.mode == "headless":
            command("record stop")
            ok = wait_for(lambda: any(t[1].startswith("ok: take") for t in take_answers[n:]), 30)
        else:
            mcu_out.send_message([0x90, 0x5F, 127])
            mcu_out.send_message([0x90, 0x5F, 0])
            ok = wait_for(lambda: feedback["record_led"] is False, 30)
        after = jack.frames()
        return ok, before, after

    ok, sb, sa = start_take()
    if not ok:
        read_log()
        raise SystemExit("soak: the take did not start: %s" % [t[1] for t in take_answers])
    note("take started (JACK frames %d..%d)" % (sb, sa))
    take_t0 = time.monotonic()
    clock0[0] = take_t0
    jack_log = {"start": jackd_log_size(a.jack_log)}

    # ---- the soak loop --------------------------------------------------------------------
    moves = touches = recalls = 0
    loads = []  # JACK DSP load samples after the warm-up
    rss = []  # (t, KiB)
    rss_start = None
    next_move = time.monotonic()
    next_scene = time.monotonic() + a.scene_every
    next_status = time.monotonic() + 1.0
    next_load = time.monotonic() + 0.5
    next_rss = time.monotonic()
    scene = 0
    touched = [False] * 8
    strip = 0
    end = take_t0 + a.seconds
    warm = take_t0 + a.warmup
    jack_reset = False
    next_keep = 0.0
    cpu_start, cpu_t0, threads, load_start = cpu_seconds(a.pid), time.monotonic(), rt_threads(a.pid), loadavg()
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if now >= next_move:  # one fader move, 20/s, round robin over the strips held
            next_move += 1.0 / a.moves
            # Each strip is held for 4 s of every 5 (touch, then moves), then let go for 1 s
            # so its motor follows the recalls; the moves go round the strips being held.
            for k in range(8):
                hold = ((now - take_t0 + k * 0.625) % 5.0) < 4.0
                if hold and not touched[k]:
                    mcu_out.send_message([0x90, 0x68 + k, 127])
                    touched[k] = True
                    touches += 1
                if not hold and touched[k]:
                    mcu_out.send_message([0x90, 0x68 + k, 0])
                    touched[k] = False
            for _ in range(8):
                k = strip
                strip = (strip + 1) % 8
                if touched[k]:
                    phase = (now - take_t0) / 7.0 + k * 0.37
                    v = int((0.55 + 0.4 * math.sin(2 * math.pi * phase)) * 16383)
                    mcu_out.send_message([0xE0 | k, v & 0x7F, v >> 7])
                    moves += 1
                    break
        if now >= next_scene:  # a scene recall every few seconds, cycling through the cue list
            next_scene += a.scene_every
            if a.mode == "headless":
                command("scene recall %d" % (scene + 1))
            else:
                pc_out.send_message([0xC0, scene])  # program change v recalls scene v+1
            recalls += 1
            scene = (scene + 1) % max(1, a.scenes)
        if a.mode == "headless" and now >= next_status:
            next_status += 1.0
            command("status")
        if bar and now >= next_status:  # read 4 times a second (learning the glyphs), kept once a second
            next_status += 0.25
            v = bar.read()
            if v and now >= next_keep:
                next_keep = now + 1.0
                statuses.append((since_take(), v[0], v[1], v[2], None, None))
        if now >= next_load:
            next_load += 0.5
            if now >= warm:
                loads.append(jack.cpu_load())
        if now >= warm and not jack_reset:
            jack.lib.jack_reset_max_delayed_usecs(jack.client)
            jack_reset = True
        if now >= next_rss:
            next_rss += 10.0
            r = rss_kib(a.pid)
            if r is None:
                raise SystemExit("soak: headroom (pid %d) is gone" % a.pid)
            rss.append((round(now - take_t0, 1), r))
        if rss_start is None and now >= warm:
            rss_start = rss_kib(a.pid)
            cpu_start, cpu_t0 = cpu_seconds(a.pid), time.monotonic()
            threads = rt_threads(a.pid)
            load_start = loadavg()
            jack_log["warm"] = jackd_log_size(a.jack_log)
            note("warm-up over: VmRSS %s KiB" % rss_start)
        read_log()
        time.sleep(max(0.0, min(next_move, next_scene, next_load, next_rss, next_status) - time.monotonic()))
    t_end = time.monotonic()
    rss_end = rss_kib(a.pid)
    jack_log["end"] = jackd_log_size(a.jack_log)
    cpu_end, cpu_t1 = cpu_seconds(a.pid), time.monotonic()
    load_end = loadavg()
    for k in range(8):
        if touched[k]:
            mcu_out.send_message([0x90, 0x68 + k, 0])
    if bar:  # the last reading of the status bar, from the same image as status-end.png
        import shutil
        time.sleep(0.3)
        frozen = os.path.join(os.path.dirname(a.out), "status-end.xwd")
        shutil.copyfile(a.xwd, frozen)
        bar.xwd = frozen
        v = bar.read()
        if v:
            statuses.append((since_take(), v[0], v[1], v[2], None, None))
        shot(frozen, os.path.join(os.path.dirname(a.out), "status-end.png"), 40)
        os.remove(frozen)
    if a.mode == "headless":  # the last status before the take stops
        n = len(statuses)
        command("status")
        wait_for(lambda: len(statuses) > n, 5)
    ok, eb, ea = stop_take()
    note("take stopped (JACK frames %d..%d)%s" % (eb, ea, "" if ok else ": NO ANSWER"))
    time.sleep(0.5)
    read_log()
    xr = read_xruns(a.xruns)
    out.update({
        "take_start_frames": [sb, sa], "take_stop_frames": [eb, ea], "take_stopped": ok,
        "elapsed_wall": time.monotonic() - take_t0,
        "moves": moves, "touches": touches, "recalls": recalls, "feedback": feedback,
        "jack_log": jack_log,
        "jack_xruns_total": sum(1 for t, _ in xr if take_t0 <= t <= t_end),
        "jack_xruns_after_warmup": sum(1 for t, _ in xr if warm <= t <= t_end),
        "jack_load": {"samples": len(loads), "mean": sum(loads) / len(loads) if loads else None,
                      "max": max(loads) if loads else None},
        "jack_max_delayed_usecs": jack.max_delayed_usecs(),
        "headroom_cpu_percent": 100.0 * (cpu_end - cpu_start) / max(1e-9, cpu_t1 - cpu_t0),
        "rt_threads": threads, "loadavg": [load_start, load_end], "nproc": os.cpu_count(),
        "rss_start_kib": rss_start, "rss_end_kib": rss_end, "rss": rss,
        "status": statuses, "status_source": "prompt" if a.mode == "headless" else "gui",
        "status_reads": [bar.reads, bar.tries] if bar else None, "take_answers": [t[1] for t in take_answers], "events": events,
    })
    jack.close()
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)


# ---- the take's files ----------------------------------------------------------------------


def wav_frames(path):
    """Frames in a WAV/BWF/RF64 file, from its chunks (fmt block align, data or ds64 size)."""
    with open(path, "rb") as f:
        head = f.read(12)
        if len(head) < 12 or head[8:12] != b"WAVE":
            return None
        rf64 = head[0:4] in (b"RF64", b"BW64")
        align = None
        ds64_data = None
        while True:
            h = f.read(8)
            if len(h) < 8:
                return None
            cid, size = h[0:4], struct.unpack("<I", h[4:8])[0]
            if cid == b"ds64":
                body = f.read(size)
                ds64_data = struct.unpack("<Q", body[8:16])[0]
                size = 0
            elif cid == b"fmt ":
                body = f.read(size)
                align = struct.unpack("<H", body[12:14])[0]
                size = 0
            elif cid == b"data":
                n = ds64_data if (rf64 and size == 0xFFFFFFFF and ds64_data is not None) else size
                return n // align if align else None
            f.seek(size + (size & 1), 1)


def report(results_path, takes_dir, out_dir):
    r = json.load(open(results_path))
    rate, period = r["jack"]["rate"], r["jack"]["period"]
    period_ms = 1000.0 * period / rate
    takes = sorted(d for d in os.listdir(takes_dir) if os.path.isdir(os.path.join(takes_dir, d))) if os.path.isdir(takes_dir) else []
    take = os.path.join(takes_dir, takes[-1]) if takes else None
    tj = json.load(open(os.path.join(take, "take.json"))) if take and os.path.exists(os.path.join(take, "take.json")) else None
    rows = []

    def row(what, value, note=""):
        rows.append((what, value, note))

    st = r["status"]
    if r.get("status_source") == "gui":
        src = "read off the GUI's status bar each second (glyph matching; %d of %d reads)" % tuple(r["status_reads"] or (0, 0))
    else:
        src = "headroom's status every second"
    steady = [s for s in st if s[0] >= r["warmup"]]
    row("mode", "%s, %d s, 64 channels, demo band, JACK dummy %d Hz / %d frames" % (r["mode"], r["seconds"], rate, period))
    row("machine", "%d cores, load average %s after warm-up, %s at the end" % (r["nproc"], r["loadavg"][0], r["loadavg"][1]),
        "shared with other work")
    row("headroom CPU", "%.0f%% of one core" % r["headroom_cpu_percent"],
        "after warm-up; real-time threads: %s" % (", ".join("%s x%d" % (t, r["rt_threads"].count(t)) if r["rt_threads"].count(t) > 1 else t
                                                     for t in sorted(set(r["rt_threads"]), key=r["rt_threads"].index)) or "none"))
    row("MCU fader moves", "%d (%d touches), %.1f/s" % (r["moves"], r["touches"], r["moves"] / max(1e-9, r["elapsed_wall"])),
        "feedback from 'mcu out': %d messages, %d fader bends" % (r["feedback"]["messages"], r["feedback"]["bends"]))
    row("scene recalls", "%d, every %.0f s" % (r["recalls"], r["scene_every"]),
        "program change on 'midi in'" if r["mode"] == "gui" else "scene recall N on the prompt")
    # xruns
    row("xruns, JACK", "%d during the soak, %d after the warm-up" % (r["jack_xruns_total"], r["jack_xruns_after_warmup"]),
        "xrun notifications a JACK client got (soak-xruns): driver late or a client not finished")
    jl = os.path.join(out_dir, "jackd.log")
    if os.path.exists(jl):
        with open(jl, "rb") as f:
            data = f.read()
        for label, a_, b_ in (("during the soak", "start", "end"), ("after the warm-up", "warm", "end")):
            lo_, hi_ = r["jack_log"].get(a_, 0), r["jack_log"].get(b_, len(data))
            text = data[lo_:hi_].decode("utf-8", "replace")
            late = [int(x) for x in re.findall(r"JackTimedDriver::Process XRun = (\d+) usec", text)]
            nf = re.findall(r"JackEngine::XRun: client = (\S+) was not finished", text)
            by = {}
            for c in nf:
                by[c] = by.get(c, 0) + 1
            row("jackd's log, " + label, "%d driver late wake-ups (max %d us), %d clients not finished" % (len(late), max(late, default=0), len(nf)),
                ", ".join("%s %d" % kv for kv in sorted(by.items(), key=lambda kv: -kv[1])) or "no client was late")
    if st:
        first = steady[0] if steady else st[0]
        row("xruns, headroom", "%d at the end, %d at %.0f s (the first reading after the warm-up)" % (st[-1][3], first[3], first[0]),
            "headroom counts at most one per callback; " + src)
    else:
        row("xruns, headroom", "n/a", "no status read (GUI: see the status-bar screenshots)")
    # callback time
    if steady:
        peaks = [s[2] for s in steady]
        avgs = [s[1] for s in steady]
        pk = max(peaks)
        row("headroom callback peak", "%.1f%% of the period = %.3f ms of %.3f ms" % (pk, pk * period_ms / 100, period_ms),
            "max over %d samples after the warm-up, each the worst block of its last second; %s" % (len(steady), src))
        row("headroom callback mean", "%.1f%% (mean of 1-s averages), worst 1-s average %.1f%%" % (sum(avgs) / len(avgs), max(avgs)),
            "seconds whose worst block overran the period: %d of %d" % (sum(1 for x in peaks if x > 100.0), len(peaks)))
    else:
        row("headroom callback peak", "n/a", "no status read (GUI: see the status-bar screenshots)")
    jlx = r["jack_load"]
    if jlx["samples"]:
        row("JACK DSP load (whole graph)", "mean %.1f%%, max %.1f%%" % (jlx["mean"], jlx["max"]),
            "jack_cpu_load every 0.5 s after warm-up (JACK2: worst cycle of 32, smoothed)")
    row("JACK max delayed", "%.0f us" % r["jack_max_delayed_usecs"], "jack_get_max_delayed_usecs after warm-up")
    # the take
    if tj:
        files = [t["file"] for t in tj["tracks"]]
        frames = {t["file"]: wav_frames(os.path.join(take, t["file"])) for t in tj["tracks"]}
        dropped = sum(t["dropped"] for t in tj["tracks"])
        fset = sorted(set(v for v in frames.values() if v is not None))
        sb, sa = r["take_start_frames"]
        eb, ea = r["take_stop_frames"]
        lo, hi = eb - sa, ea - sb  # the take began inside [sb, sa] and ended inside [eb, ea]
        wav = fset[-1] if fset else 0
        lo_miss, hi_miss = max(0, lo - wav), max(0, hi - wav)
        row("take", "%d tracks, %s, %.1f s" % (len(files), tj.get("format"), tj.get("seconds", 0)), os.path.basename(take))
        row("dropped samples (take.json)", "%d" % dropped, "ring overflows counted by the recorder, all tracks")
        row("frames in the WAVs", ", ".join(str(v) for v in fset) if fset else "unreadable",
            "all tracks equal" if len(fset) == 1 and None not in frames.values() else "TRACKS DIFFER: %s" % frames)
        row("JACK frames while recording", "~%d (%d..%d)" % (lo, lo, hi),
            "JACK's frame clock from the start's answer to the stop command (capture starts just before the one, stops on the other)")
        if wav > hi:
            row("missing vs JACK clock", "none (WAV %d frames longer than the bracket)" % (wav - hi))
        else:
            row("missing vs JACK clock", "~%d frames = %d periods (at most %d)" % (lo_miss, lo_miss // period, hi_miss),
                "0 is inside the bracket" if lo <= wav <= hi else
                "JACK cycles the take lacks: headroom callbacks that did not run (a late client's wake-ups merge)")
        row("take.json frames", "%d" % tj.get("frames", 0), "stopped by: %s" % tj.get("stopped"))
    else:
        row("take", "NONE FOUND in %s" % takes_dir)
    if st and st[-1][5] is not None:
        row("dropped (headroom status)", "%d" % st[-1][5], "last status while recording")
    # memory
    rs, re_ = r["rss_start_kib"], r["rss_end_kib"]
    if rs and re_:
        rmax = max(k for _, k in r["rss"])
        row("VmRSS after %d s warm-up" % r["warmup"], "%.1f MiB (%d kB)" % (rs / 1024, rs))
        row("VmRSS at the end", "%.1f MiB (%d kB)" % (re_ / 1024, re_), "change %+d kB; max sampled %.1f MiB" % (re_ - rs, rmax / 1024))
    w1 = max(len(x[0]) for x in rows)
    w2 = max(len(x[1]) for x in rows)
    line = "+-%s-+-%s-+" % ("-" * w1, "-" * w2)
    print("headroom soak: summary")
    print(line)
    for what, value, note in rows:
        print("| %s | %s | %s" % (what.ljust(w1), value.ljust(w2), note))
    print(line)


# ---- a screenshot of Xvfb's framebuffer (XWD) without ImageMagick ---------------------------


def shot(xwd, png, rows):
    with open(xwd, "rb") as f:
        data = f.read()
    h = struct.unpack(">25I", data[:100])
    header_size, width, height = h[0], h[4], h[5]
    bpp, bpl, ncolors = h[11], h[12], h[19]
    byte_order = h[7]
    if bpp != 32:
        raise SystemExit("shot: %d bits per pixel not handled" % bpp)
    off = header_size + ncolors * 12
    rows = min(rows, height)
    raw = bytearray()
    for y in range(rows):
        line = data[off + y * bpl: off + y * bpl + width * 4]
        raw.append(0)
        for x in range(width):
            p = line[4 * x: 4 * x + 4]
            if byte_order == 0:  # LSBFirst: B G R X
                raw += bytes((p[2], p[1], p[0]))
            else:
                raw += bytes((p[1], p[2], p[3]))

    def chunk(t, b):
        return struct.pack(">I", len(b)) + t + b + struct.pack(">I", zlib.crc32(t + b) & 0xFFFFFFFF)

    with open(png, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, rows, 8, 2, 0, 0, 0)) +
                chunk(b"IDAT", zlib.compress(bytes(raw), 6)) + chunk(b"IEND", b""))


# ---- reading the GUI's status bar (it has no prompt): glyph matching on Xvfb's framebuffer ----


class StatusBar:
    """Reads 'DSP a% (peak p%) | xruns N' off the console window's first line, drawn in Dear
    ImGui's pixel font (ProggyClean 13 px, 7 px a character, from x 8, y 8). Glyphs are learnt
    from text known to be there: the line's start (api, device, rate, buffer: from headroom's
    log) and the clock (the time of the screenshot); a glyph needs two agreeing sightings."""
    X0, Y0, W, H = 8, 8, 7, 14

    def __init__(self, xwd, prefix):
        self.xwd = xwd
        self.prefix = prefix
        self.votes = {}  # cell -> {char: count}
        self.glyph = {}  # cell -> char
        self.blank = bytes(self.W * self.H)
        self.reads = self.tries = 0

    def cells(self):
        with open(self.xwd, "rb") as f:
            h = struct.unpack(">25I", f.read(100))
            header, width, bpl, ncolors, order = h[0], h[4], h[12], h[19], h[7]
            f.seek(header + ncolors * 12 + self.Y0 * bpl)
            data = f.read(self.H * bpl)
        if h[11] != 32 or len(data) < self.H * bpl:
            return []
        g = 1 if order == 0 else 2  # the green byte: LSBFirst B G R X, else X R G B
        out = []
        for i in range((width - self.X0) // self.W):
            x0 = self.X0 + i * self.W
            out.append(bytes(1 if data[y * bpl + 4 * (x0 + x) + g] > 128 else 0
                             for y in range(self.H) for x in range(self.W)))
        return out

    def teach(self, cells, text):
        for c, ch in zip(cells, text):
            if c == self.blank:
                continue
            v = self.votes.setdefault(c, {})
            v[ch] = v.get(ch, 0) + 1
            best = max(v, key=v.get)
            if v[best] >= 2 and v[best] >= 0.8 * sum(v.values()):
                self.glyph[c] = best

    def char(self, c):
        return " " if c == self.blank else self.glyph.get(c)

    def number(self, cells):
        digits = [self.char(c) for c in cells]
        if not digits or any(d is None or not d.isdigit() for d in digits):
            return None
        return int("".join(digits))

    def read(self):
        """(avg %, peak %, xruns) or None; teaches the glyphs as it goes."""
        self.tries += 1
        t1 = time.time()
        try:
            cells = self.cells()
        except (OSError, struct.error):
            return None
        t2 = time.time()
        if len(cells) < len(self.prefix) + 40:
            return None
        self.teach(cells, self.prefix)
        bar = self.glyph.get(cells[self.prefix.rindex("|")]) and cells[self.prefix.rindex("|")]
        seps = [i for i, c in enumerate(cells) if c == bar]
        if len(seps) < 7:
            return None
        field = lambda k: cells[seps[k - 1] + 2:seps[k] - 1]  # between "| " and " |"
        dsp, xr, clock = field(3), field(4), field(6)
        # The clock: learnt when the screenshot fell well inside one second.
        if int(t1) == int(t2) and t1 - int(t1) > 0.25 and len(clock) == 8:
            self.teach(clock, time.strftime("%H:%M:%S", time.localtime(t1)))
        words, cur = [], []
        for c in dsp + [self.blank]:
            if c == self.blank:
                if cur:
                    words.append(cur)
                cur = []
            else:
                cur.append(c)
        if len(words) != 4 or len(words[1]) < 4 or len(words[3]) < 5:
            return None
        avg, peak = words[1], words[3]
        a_i, a_f = self.number(avg[:-3]), self.number(avg[-2:-1])  # D+ . D %
        p_i, p_f = self.number(peak[:-4]), self.number(peak[-3:-2])  # D+ . D % )
        xw = [c for c in xr]
        x_cells = xw[6:] if len(xw) > 6 else []  # "xruns " then the count
        xruns = self.number(x_cells)
        if None in (a_i, a_f, p_i, p_f, xruns):
            return None
        self.reads += 1
        return a_i + a_f / 10.0, p_i + p_f / 10.0, xruns


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("show")
    s.add_argument("src")
    s.add_argument("dst")
    s.add_argument("channels", type=int)
    d = sub.add_parser("drive")
    d.add_argument("--mode", choices=["gui", "headless"], required=True)
    d.add_argument("--seconds", type=float, required=True)
    d.add_argument("--warmup", type=float, default=10.0)
    d.add_argument("--moves", type=float, default=20.0)
    d.add_argument("--scene-every", type=float, default=5.0)
    d.add_argument("--scenes", type=int, default=1)
    d.add_argument("--pid", type=int, required=True)
    d.add_argument("--log", required=True)
    d.add_argument("--fifo")
    d.add_argument("--takes", required=True)
    d.add_argument("--out", required=True)
    d.add_argument("--xruns", required=True)
    d.add_argument("--xwd", default="")
    d.add_argument("--jack-log", required=True)
    mo = sub.add_parser("monitor")
    mo.add_argument("out")
    r = sub.add_parser("report")
    r.add_argument("results")
    r.add_argument("takes")
    r.add_argument("outdir")
    sh = sub.add_parser("shot")
    sh.add_argument("xwd")
    sh.add_argument("png")
    sh.add_argument("rows", type=int, nargs="?", default=40)
    a = p.parse_args()
    if a.cmd == "show":
        print(make_show(a.src, a.dst, a.channels))
    elif a.cmd == "drive":
        drive(a)
    elif a.cmd == "monitor":
        monitor(a.out)
    elif a.cmd == "report":
        report(a.results, a.takes, a.outdir)
    elif a.cmd == "shot":
        shot(a.xwd, a.png, a.rows)


if __name__ == "__main__":
    main()
