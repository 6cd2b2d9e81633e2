// Fast log2/exp2 for per-sample, per-lane dynamics. Plain arithmetic on the float's bits
// so GCC vectorises the loops that call them (std::log2/std::exp2 do not vectorise
// without -ffast-math). log2 uses the atanh series on a mantissa folded into
// [sqrt(1/2), sqrt(2)) (error below 1e-7); exp2 a degree-6 Taylor polynomial on
// [-1/2, 1/2] (relative error below 2e-7). exp2(0) is exactly 1, so a stage whose gain
// is 0 dB is an identity.
#pragma once

#include "dsp/simd.h"

#include <cstdint>
#include <cstring>

namespace hr::dsp {

constexpr float kDbPerLog2 = 6.0205999f;  // 20*log10(2): dB per doubling
constexpr float kLog2PerDb = 0.16609640f; // 1/kDbPerLog2

inline float fastLog2(float x) noexcept { // x > 0 (0 gives -127)
    uint32_t bits;
    std::memcpy(&bits, &x, sizeof bits);
    float e = static_cast<float>(static_cast<int32_t>((bits >> 23) & 0xffu) - 127);
    bits = (bits & 0x007fffffu) | 0x3f800000u; // mantissa in [1, 2)
    float m;
    std::memcpy(&m, &bits, sizeof m);
    const bool high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    e = high ? e + 1.0f : e;
    const float t = (m - 1.0f) / (m + 1.0f); // |t| < 0.172
    const float t2 = t * t;
    // log2(m) = (2/ln2) * atanh(t) = (2/ln2) * (t + t^3/3 + t^5/5 + t^7/7 + ...)
    return e + t * (2.88539008f + t2 * (0.96179669f + t2 * (0.57707802f + t2 * 0.41219858f)));
}

inline float fastExp2(float x) noexcept { // x clamped to [-126, 126]
    x = x < -126.0f ? -126.0f : (x > 126.0f ? 126.0f : x);
    const int32_t biased = static_cast<int32_t>(x + 127.5f); // round(x) + 127, always > 0
    const float f = x - static_cast<float>(biased - 127);    // [-1/2, 1/2]
    const float p = 1.0f + f * (0.69314718f + f * (0.24022651f + f * (0.05550411f +
                    f * (0.00961813f + f * (0.00133336f + f * 0.00015404f)))));
    const uint32_t bits = static_cast<uint32_t>(biased) << 23;
    float scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

// The same functions on a bank's lanes (GCC vector types; see simd.h).

inline FV fastLog2(FV x) noexcept {
    IV bits;
    std::memcpy(&bits, &x, sizeof bits);
    FV e = __builtin_convertvector(((bits >> 23) & 0xff) - 127, FV);
    bits = (bits & 0x007fffff) | 0x3f800000;
    FV m;
    std::memcpy(&m, &bits, sizeof m);
    const auto high = m > 1.41421356f;
    m = high ? m * 0.5f : m;
    e = high ? e + 1.0f : e;
    const FV t = (m - 1.0f) / (m + 1.0f);
    const FV t2 = t * t;
    return e + t * (2.88539008f + t2 * (0.96179669f + t2 * (0.57707802f + t2 * 0.41219858f)));
}

inline FV fastExp2(FV x) noexcept {
    const FV lo = FV{} - 126.0f, hi = FV{} + 126.0f;
    x = x < lo ? lo : (x > hi ? hi : x);
    const IV biased = __builtin_convertvector(x + 127.5f, IV);
    const FV f = x - __builtin_convertvector(biased - 127, FV);
    const FV p = 1.0f + f * (0.69314718f + f * (0.24022651f + f * (0.05550411f +
                  f * (0.00961813f + f * (0.00133336f + f * 0.00015404f)))));
    const IV bits = biased << 23;
    FV scale;
    std::memcpy(&scale, &bits, sizeof scale);
    return p * scale;
}

inline float fastDbToGain(float db) noexcept { return fastExp2(db * kLog2PerDb); }
inline float fastGainToDb(float g) noexcept { return kDbPerLog2 * fastLog2(g + 1e-30f); }

} // namespace hr::dsp
