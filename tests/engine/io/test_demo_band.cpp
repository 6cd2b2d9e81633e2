// DemoBand: deterministic, block-size independent, sensible levels and spectra.
#include "io/demo_band.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <string>
#include <vector>

namespace {

constexpr double kSampleRate = 48000.0;
constexpr int kBlock = 256;
constexpr double kLevelSeconds = 8.0;
constexpr int kFftSize = 8192;

using Tracks = std::vector<std::vector<float>>; // [channel][sample]

// Renders `frames` samples of the 16 tracks, `block` frames per process() call.
Tracks render(hr::DemoBand& band, int frames, int block) {
    constexpr int numChannels = hr::DemoBand::kChannels;
    Tracks tracks(numChannels, std::vector<float>(static_cast<size_t>(frames)));
    std::vector<float*> out(numChannels);
    for (int start = 0; start < frames; start += block) {
        const int n = std::min(block, frames - start);
        for (int c = 0; c < numChannels; ++c)
            out[size_t(c)] = tracks[size_t(c)].data() + start;
        band.process(out.data(), numChannels, n);
    }
    return tracks;
}

int secondsToFrames(double seconds, double sampleRate = kSampleRate) {
    return int(seconds * sampleRate);
}

double peakDb(const std::vector<float>& x) {
    float peak = 0.f;
    for (float v : x)
        peak = std::max(peak, std::abs(v));
    return 20.0 * std::log10(std::max(double(peak), 1e-12));
}

bool allFinite(const std::vector<float>& x) {
    for (float v : x)
        if (!std::isfinite(v)) return false;
    return true;
}

// In-place radix-2 FFT (Cooley–Tukey); the size must be a power of two.
void fft(std::vector<std::complex<double>>& a) {
    const size_t n = a.size();
    for (size_t i = 1, j = 0; i < n; ++i) {
        size_t bit = n >> 1;
        for (; j & bit; bit >>= 1)
            j ^= bit;
        j ^= bit;
        if (i < j) std::swap(a[i], a[j]);
    }
    for (size_t len = 2; len <= n; len <<= 1) {
        const double angle = -2.0 * M_PI / double(len);
        const std::complex<double> wlen(std::cos(angle), std::sin(angle));
        for (size_t i = 0; i < n; i += len) {
            std::complex<double> w(1.0);
            for (size_t k = 0; k < len / 2; ++k) {
                const auto u = a[i + k], v = a[i + k + len / 2] * w;
                a[i + k] = u + v;
                a[i + k + len / 2] = u - v;
                w *= wlen;
            }
        }
    }
}

// Fraction of the signal's energy between loHz and hiHz, summed over consecutive
// rectangular frames (Parseval: the bins of all frames add up to the total energy).
double energyFraction(const std::vector<float>& x, double loHz, double hiHz) {
    double inBand = 0.0, total = 0.0;
    std::vector<std::complex<double>> frame(kFftSize);
    for (size_t start = 0; start + kFftSize <= x.size(); start += kFftSize) {
        for (int i = 0; i < kFftSize; ++i)
            frame[size_t(i)] = x[start + size_t(i)];
        fft(frame);
        for (int k = 0; k <= kFftSize / 2; ++k) {
            const double hz = k * kSampleRate / kFftSize, e = std::norm(frame[size_t(k)]);
            total += e;
            if (hz >= loHz && hz < hiHz) inBand += e;
        }
    }
    return total > 0.0 ? inBand / total : 0.0;
}

// Fundamental by autocorrelation: the first lag whose correlation is within 15 % of the
// best between minHz and maxHz, refined by a parabola through its neighbours.
double fundamentalHz(const float* x, int frames, double minHz, double maxHz) {
    const int minLag = int(kSampleRate / maxHz), maxLag = int(kSampleRate / minHz);
    const int n = frames - maxLag - 1;
    std::vector<double> r(size_t(maxLag) + 2);
    for (int lag = minLag - 1; lag <= maxLag + 1; ++lag)
        for (int i = 0; i < n; ++i)
            r[size_t(lag)] += double(x[i]) * x[i + lag];
    const double best = *std::max_element(r.begin() + minLag, r.begin() + maxLag + 1);
    int lag = minLag;
    while (lag < maxLag && !(r[size_t(lag)] > 0.85 * best && r[size_t(lag)] >= r[size_t(lag) + 1]))
        ++lag;
    const double a = r[size_t(lag) - 1], b = r[size_t(lag)], c = r[size_t(lag) + 1];
    return kSampleRate / (lag + 0.5 * (a - c) / (a - 2.0 * b + c));
}

double hzToMidi(double hz) {
    return 69.0 + 12.0 * std::log2(hz / 440.0);
}

} // namespace

TEST_CASE("DemoBand names its 16 channels like the default show", "[demo]") {
    REQUIRE(std::string(hr::DemoBand::channelName(0)) == "Kick");
    REQUIRE(std::string(hr::DemoBand::channelName(7)) == "Bass");
    REQUIRE(std::string(hr::DemoBand::channelName(15)) == "Ac Gtr");
    REQUIRE(hr::DemoBand::channelName(16) == nullptr);
    REQUIRE(hr::DemoBand::channelName(-1) == nullptr);
}

TEST_CASE("two DemoBands play identical samples", "[demo]") {
    hr::DemoBand a, b;
    a.prepare(kSampleRate);
    b.prepare(kSampleRate);
    const Tracks ta = render(a, secondsToFrames(4.0), kBlock);
    const Tracks tb = render(b, secondsToFrames(4.0), kBlock);
    for (int c = 0; c < hr::DemoBand::kChannels; ++c) {
        INFO("channel " << hr::DemoBand::channelName(c));
        REQUIRE(ta[size_t(c)] == tb[size_t(c)]);
    }
}

TEST_CASE("DemoBand output does not depend on the block size", "[demo]") {
    hr::DemoBand a, b;
    a.prepare(kSampleRate);
    b.prepare(kSampleRate);
    const Tracks t64 = render(a, secondsToFrames(6.0), 64);
    const Tracks t37 = render(b, secondsToFrames(6.0), 37);
    for (int c = 0; c < hr::DemoBand::kChannels; ++c) {
        INFO("channel " << hr::DemoBand::channelName(c));
        REQUIRE(t64[size_t(c)] == t37[size_t(c)]);
    }
}

TEST_CASE("every DemoBand channel sits at mic-pre level with no NaN or Inf", "[demo]") {
    for (double sampleRate : {44100.0, 48000.0, 96000.0, 192000.0}) {
        hr::DemoBand band;
        band.prepare(sampleRate);
        const Tracks t = render(band, secondsToFrames(kLevelSeconds, sampleRate), kBlock);
        for (int c = 0; c < hr::DemoBand::kChannels; ++c) {
            INFO(sampleRate << " Hz, channel " << hr::DemoBand::channelName(c));
            REQUIRE(allFinite(t[size_t(c)]));
            const double peak = peakDb(t[size_t(c)]);
            CHECK(peak > -30.0);
            CHECK(peak < -3.0);
        }
    }
}

TEST_CASE("the kick is low and the hi-hat is high", "[demo]") {
    hr::DemoBand band;
    band.prepare(kSampleRate);
    const Tracks t = render(band, secondsToFrames(kLevelSeconds), kBlock);
    const double kickLow = energyFraction(t[0], 0.0, 150.0);
    const double hatHigh = energyFraction(t[2], 5000.0, kSampleRate);
    INFO("kick below 150 Hz: " << kickLow << ", hi-hat above 5 kHz: " << hatHigh);
    CHECK(kickLow > 0.9);
    CHECK(hatHigh > 0.9);
}

TEST_CASE("the bass plays the roots of G, D, Em and C", "[demo]") {
    hr::DemoBand band;
    band.prepare(kSampleRate);
    const Tracks t = render(band, secondsToFrames(band.loopSeconds() / 2), kBlock);
    const double samplesPerStep = kSampleRate * 60.0 / (hr::DemoBand::kTempoBpm * 4.0);
    const int roots[4] = {31, 38, 40, 36}; // G1, D2, E2, C2
    for (int bar = 0; bar < 4; ++bar) {
        const int start = int((bar * 16 + 1) * samplesPerStep); // inside the bar's first note
        const double note =
            hzToMidi(fundamentalHz(&t[7][size_t(start)], int(2 * samplesPerStep), 30.0, 400.0));
        INFO("bar " << bar + 1);
        CHECK(note == Approx(roots[bar]).margin(0.3));
    }
}

TEST_CASE("DemoBand reset() goes back to the top of the song", "[demo]") {
    hr::DemoBand band;
    band.prepare(kSampleRate);
    const Tracks first = render(band, secondsToFrames(1.0), kBlock);
    render(band, secondsToFrames(2.5), kBlock); // move on, into ringing tails
    band.reset();
    const Tracks again = render(band, secondsToFrames(1.0), kBlock);
    for (int c = 0; c < hr::DemoBand::kChannels; ++c) {
        INFO("channel " << hr::DemoBand::channelName(c));
        REQUIRE(first[size_t(c)] == again[size_t(c)]);
    }
}

TEST_CASE("DemoBand leaves channels past 16 silent", "[demo]") {
    constexpr int kWide = 20;
    hr::DemoBand band;
    band.prepare(kSampleRate);
    std::vector<std::vector<float>> tracks(kWide, std::vector<float>(kBlock, 1.f));
    std::vector<float*> out;
    for (auto& t : tracks)
        out.push_back(t.data());
    for (int i = 0; i < 20; ++i)
        band.process(out.data(), kWide, kBlock);
    for (int c = hr::DemoBand::kChannels; c < kWide; ++c)
        for (float v : tracks[size_t(c)])
            REQUIRE(v == 0.f);
    float kickPeak = 0.f; // and the first 16 were written
    for (float v : tracks[0])
        kickPeak = std::max(kickPeak, std::abs(v));
    REQUIRE(kickPeak < 1.f);
}
