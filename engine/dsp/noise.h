// Noise for test signals, seeded so a render is the same every time: xorshift32 white noise
// (Marsaglia 2003, "Xorshift RNGs") and Paul Kellet's refined pink filter (the "pink noise
// (economy/refined)" filters from the music-dsp archive, within 0.05 dB of -3 dB/octave from
// 9 Hz to Nyquist at 44.1 kHz).
#pragma once

#include <cstdint>

namespace hr::dsp {

struct WhiteNoise {
    uint32_t state = 0x9E3779B9u; // never 0
    float next() noexcept {       // uniform in [-1, 1)
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        return static_cast<float>(static_cast<int32_t>(state)) * (1.0f / 2147483648.0f);
    }
};

struct PinkFilter {
    float b[7] = {};
    void reset() noexcept {
        for (float& v : b) v = 0.0f;
    }
    float next(float white) noexcept { // unscaled: about 4x the white noise's RMS
        b[0] = 0.99886f * b[0] + white * 0.0555179f;
        b[1] = 0.99332f * b[1] + white * 0.0750759f;
        b[2] = 0.96900f * b[2] + white * 0.1538520f;
        b[3] = 0.86650f * b[3] + white * 0.3104856f;
        b[4] = 0.55000f * b[4] + white * 0.5329522f;
        b[5] = -0.7616f * b[5] - white * 0.0168980f;
        const float pink = b[0] + b[1] + b[2] + b[3] + b[4] + b[5] + b[6] + white * 0.5362f;
        b[6] = white * 0.115926f;
        return pink;
    }
};

} // namespace hr::dsp
