#include "jack_rig.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fstream>
#include <poll.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <sys/prctl.h>
#include <unistd.h>

namespace hr::e2e {

namespace {
void silence(const char*) {} // keep libjack's "cannot connect" chatter out of test output

pid_t spawn(const std::vector<std::string>& args, int in, int out, int err) {
    std::vector<char*> argv;
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    const pid_t pid = fork();
    if (pid == 0) {
        // A test process that dies (a failed REQUIRE that aborts, a sanitizer's report) takes
        // its servers and headrooms with it: SIGTERM, so a jackd still leaves JACK's registry.
        prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (in >= 0) dup2(in, STDIN_FILENO);
        if (out >= 0) dup2(out, STDOUT_FILENO);
        if (err >= 0) dup2(err, STDERR_FILENO);
        for (int fd = 3; fd < 256; ++fd) close(fd);
        execvp(argv[0], argv.data());
        _exit(127);
    }
    return pid;
}

bool stopProcess(pid_t pid) {
    if (pid <= 0) return true;
    kill(pid, SIGTERM);
    // A server killed hard leaves its entry in JACK's shared registry (8 servers at most),
    // so give it time to leave cleanly even on a loaded machine.
    for (int i = 0; i < 500; ++i) {
        if (waitpid(pid, nullptr, WNOHANG) == pid) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    kill(pid, SIGKILL);
    waitpid(pid, nullptr, 0);
    return false;
}
} // namespace

// ---- JackServer --------------------------------------------------------------------------

JackServer::JackServer(std::string name, int ports, Mode mode) : name_(std::move(name)), ports_(ports), mode_(mode) {
    setenv("JACK_DEFAULT_SERVER", name_.c_str(), 1); // headroom and our clients find it
    jack_set_error_function(silence);
    jack_set_info_function(silence);
}

JackServer::~JackServer() { stop(); }

bool JackServer::start() {
    // HEADROOM_JACKD_LOG=1 keeps the server's own messages in /tmp/jackd-NAME.log (xruns,
    // clients that did not finish their cycle).
    const int devnull = getenv("HEADROOM_JACKD_LOG") ? open(("/tmp/jackd-" + name_ + ".log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644)
                                                    : open("/dev/null", O_WRONLY);
    std::vector<std::string> args{"jackd", "-n", name_, "--no-realtime"};
    if (mode_ == Mode::Sync) args.push_back("-S");
    for (const std::string& a : {std::string("-d"), std::string("dummy"), std::string("-r"), std::to_string(kRate), std::string("-p"),
                                 std::to_string(kPeriod), std::string("-C"), std::to_string(ports_), std::string("-P"), std::to_string(ports_)})
        args.push_back(a);
    pid_ = spawn(args, -1, devnull, devnull);
    close(devnull);
    for (int i = 0; i < 100; ++i) {
        if (jack_client_t* c = jack_client_open("probe", JackNoStartServer, nullptr)) {
            jack_client_close(c);
            return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

void JackServer::stop() {
    stopProcess(pid_);
    pid_ = -1;
}

// ---- Headroom ----------------------------------------------------------------------------

Headroom::Headroom(const std::vector<std::string>& args) {
    int toChild[2], fromChild[2];
    REQUIRE(pipe(toChild) == 0);
    REQUIRE(pipe(fromChild) == 0);
    char tmpl[] = "/tmp/headroom-e2e-log-XXXXXX";
    const int err = mkstemp(tmpl);
    logPath_ = tmpl;
    std::vector<std::string> argv = {HEADROOM_BINARY};
    argv.insert(argv.end(), args.begin(), args.end());
    pid_ = spawn(argv, toChild[0], fromChild[1], err);
    close(toChild[0]);
    close(fromChild[1]);
    close(err);
    in_ = toChild[1];
    out_ = fromChild[0];
}

Headroom::~Headroom() { stop(); }

void Headroom::stop() {
    if (in_ >= 0) close(in_);
    if (out_ >= 0) close(out_);
    in_ = out_ = -1;
    stopProcess(pid_);
    pid_ = -1;
}

std::string Headroom::command(const std::string& line, int lines) {
    const std::string text = line + "\n";
    REQUIRE(write(in_, text.data(), text.size()) == static_cast<ssize_t>(text.size()));
    std::string answer;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (lines > 0 && std::chrono::steady_clock::now() < deadline) {
        const size_t nl = buffered_.find('\n');
        if (nl != std::string::npos) {
            answer += buffered_.substr(0, nl + 1);
            buffered_.erase(0, nl + 1);
            --lines;
            continue;
        }
        pollfd p{out_, POLLIN, 0};
        if (poll(&p, 1, 100) <= 0) continue;
        char buf[4096];
        const ssize_t n = read(out_, buf, sizeof buf);
        if (n <= 0) break;
        buffered_.append(buf, static_cast<size_t>(n));
    }
    return answer;
}

std::string Headroom::log() const {
    std::ifstream in(logPath_);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

bool Headroom::waitForLog(const std::string& text, std::chrono::milliseconds timeout) const {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (log().find(text) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
}

// ---- Player --------------------------------------------------------------------------------

Player::Player(const std::string& name, int ports) : voices_(static_cast<size_t>(ports)) {
    client_ = jack_client_open(name.c_str(), JackNoStartServer, nullptr);
    if (!client_) return;
    for (int k = 0; k < ports; ++k)
        ports_.push_back(jack_port_register(client_, ("out_" + std::to_string(k + 1)).c_str(), JACK_DEFAULT_AUDIO_TYPE,
                                            JackPortIsOutput, 0));
    jack_set_process_callback(client_, &Player::process, this);
    jack_activate(client_);
}

Player::~Player() {
    if (client_) jack_client_close(client_);
}

std::string Player::portName(int port) const { return jack_port_name(ports_[static_cast<size_t>(port)]); }

void Player::setConstant(int port, float value) {
    voices_[static_cast<size_t>(port)].value = value;
    voices_[static_cast<size_t>(port)].kind = 1;
}

void Player::setSine(int port, float freqHz, float amplitude) {
    voices_[static_cast<size_t>(port)].value = amplitude;
    voices_[static_cast<size_t>(port)].freq = freqHz;
    voices_[static_cast<size_t>(port)].kind = 2;
}

void Player::fireImpulse(int port) {
    impulseFrame_ = 0;
    impulsePort_ = port;
}

int Player::process(jack_nframes_t n, void* arg) {
    auto* self = static_cast<Player*>(arg);
    const int impulse = self->impulsePort_.exchange(-1);
    for (size_t k = 0; k < self->ports_.size(); ++k) {
        auto* buf = static_cast<float*>(jack_port_get_buffer(self->ports_[k], n));
        Voice& v = self->voices_[k];
        const int kind = v.kind.load();
        for (jack_nframes_t i = 0; i < n; ++i) {
            float x = 0.0f;
            if (kind == 1) x = v.value.load(std::memory_order_relaxed);
            if (kind == 2) {
                x = v.value.load(std::memory_order_relaxed) * static_cast<float>(std::sin(2.0 * M_PI * v.phase));
                v.phase += v.freq.load(std::memory_order_relaxed) / kRate;
                if (v.phase >= 1.0) v.phase -= 1.0;
            }
            buf[i] = x;
        }
        if (static_cast<int>(k) == impulse) {
            buf[0] = 1.0f;
            self->impulseFrame_ = jack_last_frame_time(self->client_);
        }
    }
    return 0;
}

// ---- Recorder ------------------------------------------------------------------------------

Recorder::Recorder(const std::string& name, int ports) : rings_(static_cast<size_t>(ports), std::vector<float>(kRing)) {
    client_ = jack_client_open(name.c_str(), JackNoStartServer, nullptr);
    if (!client_) return;
    for (int k = 0; k < ports; ++k)
        ports_.push_back(jack_port_register(client_, ("in_" + std::to_string(k + 1)).c_str(), JACK_DEFAULT_AUDIO_TYPE,
                                            JackPortIsInput, 0));
    jack_set_process_callback(client_, &Recorder::process, this);
    jack_activate(client_);
}

Recorder::~Recorder() {
    if (client_) jack_client_close(client_);
}

std::string Recorder::portName(int port) const { return jack_port_name(ports_[static_cast<size_t>(port)]); }

jack_nframes_t Recorder::now() const { return jack_frame_time(client_); }

int Recorder::process(jack_nframes_t n, void* arg) {
    auto* self = static_cast<Recorder*>(arg);
    const jack_nframes_t start = jack_last_frame_time(self->client_);
    for (size_t k = 0; k < self->ports_.size(); ++k) {
        const auto* buf = static_cast<const float*>(jack_port_get_buffer(self->ports_[k], n));
        for (jack_nframes_t i = 0; i < n; ++i) self->rings_[k][(start + i) % kRing] = buf[i];
    }
    self->latest_.store(start + n, std::memory_order_release);
    return 0;
}

float Recorder::at(int port, jack_nframes_t frame) const { return rings_[static_cast<size_t>(port)][frame % kRing]; }

void Recorder::waitFrames(jack_nframes_t frames) const {
    const jack_nframes_t target = latest() + frames;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (static_cast<int32_t>(latest() - target) < 0 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
}

float Recorder::peak(int port, jack_nframes_t from, jack_nframes_t to) const {
    float p = 0.0f;
    for (jack_nframes_t t = from; t != to; ++t) p = std::max(p, std::fabs(at(port, t)));
    return p;
}

// ---- connections -------------------------------------------------------------------------

bool connect(const std::string& from, const std::string& to) {
    jack_client_t* c = jack_client_open("hr-connect", JackNoStartServer, nullptr);
    if (!c) return false;
    const int r = jack_connect(c, from.c_str(), to.c_str());
    jack_client_close(c);
    return r == 0 || r == EEXIST;
}

bool waitForPort(const std::string& name, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        if (jack_client_t* c = jack_client_open("hr-wait", JackNoStartServer, nullptr)) {
            const bool found = jack_port_by_name(c, name.c_str()) != nullptr;
            jack_client_close(c);
            if (found) return true;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    return false;
}

std::string jackGraph() {
    std::string out;
    if (FILE* p = popen("jack_lsp -c 2>&1", "r")) {
        char buf[512];
        while (fgets(buf, sizeof buf, p)) out += buf;
        pclose(p);
    }
    return out;
}

} // namespace hr::e2e
