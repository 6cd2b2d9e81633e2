// A rig for end-to-end tests on a real JACK server (dummy backend): the server itself,
// a headroom process driven over its prompt, and two independent test clients, a player
// feeding headroom's inputs and a recorder capturing its outputs. Two clients, because
// one client that both feeds and reads headroom forms a cycle JACK breaks with a period
// of delay (DECISIONS.md): player -> headroom -> recorder runs in one cycle.
#pragma once

#include <jack/jack.h>

#include <atomic>
#include <chrono>
#include <string>
#include <sys/types.h>
#include <vector>

namespace hr::e2e {

// How long a test waits for something to arrive (a MIDI message, a log line): a wait until it
// is there, so it costs nothing when it comes at once; generous for loaded machines and the
// sanitizer builds, which run headroom 5-15 times slower.
inline constexpr std::chrono::seconds kPatience{10};

constexpr int kRate = 48000;
constexpr int kPeriod = 256; // functional tests run at 256 frames or more (DECISIONS.md)

// jackd -n NAME --no-realtime -d dummy, started and stopped by its PID. Asynchronous (JACK's default)
// unless Mode::Sync: jackd -S runs every client inside the driver's cycle, so a test can see
// same-cycle output, but JACK 1.9.21's sync engine does not recover once a cycle times out
// ("ProcessWriteSlaves error, engine may now behave abnormally" every period after): on a
// loaded machine a client that joins mid-cycle then never runs again. Only the test that
// measures same-cycle output uses it.
class JackServer {
public:
    enum class Mode { Async, Sync };
    JackServer(std::string name, int ports, Mode mode = Mode::Async);
    ~JackServer();
    bool start();       // waits until a client can connect
    void stop();        // SIGTERM, then SIGKILL; waits for the process
    const std::string& name() const { return name_; }

private:
    std::string name_;
    int ports_;
    Mode mode_;
    pid_t pid_ = -1;
};

// headroom run ..., its stdin and stdout on pipes, stderr to a log file.
class Headroom {
public:
    explicit Headroom(const std::vector<std::string>& args);
    ~Headroom();
    std::string command(const std::string& line, int lines = 1); // sends a line, returns `lines` answer lines
    pid_t pid() const { return pid_; }
    std::string log() const; // what it printed on stderr so far
    bool waitForLog(const std::string& text, std::chrono::milliseconds timeout) const;
    void stop();

private:
    pid_t pid_ = -1;
    int in_ = -1, out_ = -1;
    std::string logPath_, buffered_;
};

// A JACK client with output ports; each port plays a constant, a sine or silence, and
// can fire a single impulse at the start of the next cycle.
class Player {
public:
    Player(const std::string& name, int ports);
    ~Player();
    bool ok() const { return client_ != nullptr; }
    void setConstant(int port, float value);
    void setSine(int port, float freqHz, float amplitude);
    void fireImpulse(int port);                 // next cycle, sample 0
    jack_nframes_t impulseFrame() const { return impulseFrame_.load(); } // 0 until fired
    std::string portName(int port) const;

private:
    static int process(jack_nframes_t n, void* self);
    jack_client_t* client_ = nullptr;
    std::vector<jack_port_t*> ports_;
    struct Voice { std::atomic<int> kind{0}; std::atomic<float> value{0}, freq{0}; double phase = 0; };
    std::vector<Voice> voices_;
    std::atomic<int> impulsePort_{-1};
    std::atomic<jack_nframes_t> impulseFrame_{0};
};

// A JACK client with input ports, recording into rings indexed by absolute frame time.
class Recorder {
public:
    Recorder(const std::string& name, int ports);
    ~Recorder();
    bool ok() const { return client_ != nullptr; }
    std::string portName(int port) const;
    jack_nframes_t now() const;                      // the server's current frame time
    jack_nframes_t latest() const { return latest_.load(); } // end of the newest recorded cycle
    float at(int port, jack_nframes_t frame) const;  // a recorded sample (recent frames only)
    void waitFrames(jack_nframes_t frames) const;    // sleeps until that many more frames are recorded
    float peak(int port, jack_nframes_t from, jack_nframes_t to) const;

private:
    static int process(jack_nframes_t n, void* self);
    static constexpr jack_nframes_t kRing = 1 << 20; // 21 s at 48 kHz
    jack_client_t* client_ = nullptr;
    std::vector<jack_port_t*> ports_;
    std::vector<std::vector<float>> rings_;
    std::atomic<jack_nframes_t> latest_{0};
};

bool connect(const std::string& from, const std::string& to); // via a short-lived client
bool waitForPort(const std::string& name, std::chrono::milliseconds timeout);
std::string jackGraph(); // every port and its connections (jack_lsp -c), for a failure's message

} // namespace hr::e2e
