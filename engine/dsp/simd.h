// The lane width of the strip banks and the GCC vector types the kernels use.
//
// kLanes channels are processed by one instruction: 16 floats fill an AVX-512 register
// (and are two AVX2 registers where AVX-512 is missing; GCC splits the vector types).
// Kernels load state into FV locals, run a segment, and store it back, so state stays
// in registers across samples.
#pragma once

#include <cstdint>
#include <cstring>

namespace hr::dsp {

constexpr int kLanes = 16; // channels per bank

typedef float FV __attribute__((vector_size(sizeof(float) * kLanes)));
typedef int32_t IV __attribute__((vector_size(sizeof(int32_t) * kLanes)));

struct alignas(64) LaneVec {
    float v[kLanes] = {};
    float& operator[](int l) { return v[l]; }
    float operator[](int l) const { return v[l]; }
};

inline FV ld(const LaneVec& a) noexcept { FV r; std::memcpy(&r, a.v, sizeof r); return r; }
inline void st(LaneVec& a, FV v) noexcept { std::memcpy(a.v, &v, sizeof v); }
inline FV splat(float x) noexcept { return FV{} + x; }
inline FV vabs(FV x) noexcept {
    IV b;
    std::memcpy(&b, &x, sizeof b);
    b &= 0x7fffffff;
    std::memcpy(&x, &b, sizeof x);
    return x;
}
inline FV vmax(FV a, FV b) noexcept { return a > b ? a : b; }
inline FV vmin(FV a, FV b) noexcept { return a < b ? a : b; }
// Swaps each even lane with the odd one after it: the other side of a linked pair.
inline FV swapPairs(FV v) noexcept {
    static_assert(kLanes == 16, "pair mask below is written for 16 lanes");
#if defined(__clang__) // the fuzz build (tools/fuzz); clang has no __builtin_shuffle
    return __builtin_shufflevector(v, v, 1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14);
#else
    return __builtin_shuffle(v, IV{1, 0, 3, 2, 5, 4, 7, 6, 9, 8, 11, 10, 13, 12, 15, 14});
#endif
}

} // namespace hr::dsp
