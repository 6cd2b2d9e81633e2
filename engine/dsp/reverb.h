// Reverb: a feedback delay network after Jot & Chaigne ("Digital delay networks for designing
// artificial reverberators", AES 90th Convention, 1991), the design most studio reverbs have
// followed since.
//
//   in (L+R)/2 -> predelay -> low cut / high cut (one-pole, 6 dB/oct; off at 20 Hz / 20 kHz) -> 4 series allpass
//   diffusers (Schroeder) -> 8 delay lines, each through its absorption filter, mixed by a
//   normalised 8x8 Hadamard matrix (lossless: all decay comes from the absorption) and fed
//   back -> L and R taken from the lines with orthogonal sign patterns.
//
// The decay is exact by construction: line i of d_i samples has the gain
//     g_i = 10^(-3 d_i / (T60 fs))
// so every circulation loses 60 dB per T60 seconds whatever path it takes (Jot 1991, eq. 3).
// Damping makes high frequencies die sooner with Jot's one-pole absorption filter
//     H_i(z) = g_i (1 - b_i) / (1 - b_i z^-1),  b_i = ln(10)/4 log10(g_i) (1 - 1/alpha^2)
// where alpha = T60(Nyquist) / T60(DC) = 1 - 0.9 damping (damping 0..1).
//
// Types set the lines' lengths (hall: 30-75 ms, room: 10-26 ms, plate: 18-44 ms with denser
// diffusion); size scales them (0.25..2). Everything is allocated in prepare() for the
// largest size at the sample rate; process() never allocates.
#pragma once

#include <cstdint>
#include <vector>

namespace hr::dsp {

enum class ReverbType : uint8_t { Plate, Hall, Room };

struct ReverbParams {
    ReverbType type = ReverbType::Plate;
    float decaySeconds = 2.0f;  // RT60 at low and middle frequencies
    float predelayMs = 20.0f;   //
    float size = 1.0f;          // 0.25..2, scales every line
    float damping = 0.3f;       // 0..1: high frequencies' decay, 1 - 0.9 damping of the low's
    float diffusion = 0.7f;     // 0..1: the input diffusers' allpass gain / 0.75
    float lowCutHz = 20.0f;     // on the reverb's input; 20 Hz: off
    float highCutHz = 20000.0f; // 20 kHz: off
};

class Reverb {
public:
    static constexpr int kLines = 8;
    static constexpr int kDiffusers = 4;

    void prepare(double sampleRate, double maxPredelayMs); // control thread: allocates
    void reset() noexcept;                                 // every line silent (tails end); O(1)
    // audio thread: new settings. A type or size change moves the lines' lengths: reset()
    // first (the console fades out, switches, and fades in); the rest applies at once.
    void set(const ReverbParams& p) noexcept;
    // audio thread: n samples of mono input to stereo output (may alias neither).
    void process(const float* in, float* outL, float* outR, int n) noexcept;

    // The lengths in samples the current type and size give (tests, the bench).
    int lineLength(int i) const noexcept { return len_[i]; }

private:
    struct Line {
        std::vector<float> buf;
        int pos = 0;
    };
    double rate_ = 48000.0;
    ReverbParams p_;
    Line lines_[kLines];
    Line diffusers_[kDiffusers];
    Line predelay_;
    int len_[kLines] = {}, diffLen_[kDiffusers] = {}, preLen_ = 0;
    float gain_[kLines] = {}, absorb_[kLines] = {}, lp_[kLines] = {}; // absorption filter: g, b, state
    float diffGain_ = 0.5f;
    // Samples since reset(), counted until every line has been written once: a line's old
    // contents read as silence until then. Past the longest line, predelay or diffuser at
    // any rate up to 192 kHz (2 x 73 ms, 200 ms), nothing old can be read.
    static constexpr int kWarm = 1 << 20;
    int primed_ = 0;
    float lowCutA_ = 0.0f, highCutA_ = 0.0f, lowState_ = 0.0f, lowPrev_ = 0.0f, highState_ = 0.0f;
    bool lowOn_ = false, highOn_ = false;
};

} // namespace hr::dsp
