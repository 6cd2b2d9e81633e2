// Biquad coefficient design: parametric EQ bands, Butterworth high-pass, and the response
// the GUI draws. Pure functions (no state, no allocation, no exceptions): any thread,
// including the audio thread at the coefficient tick. An EQ design costs about 0.1-0.2 us
// below 1 kHz, 1 us to 5 kHz and 2-3.5 us above (the fit below); the high-pass 0.03 us.
//
// EQ bands follow the s-domain prototypes of R. Bristow-Johnson's Audio EQ Cookbook, but
// are not bilinear-transformed: the cookbook's bilinear designs cramp toward Nyquist (a
// +9 dB, Q 1 bell at 12 kHz reads 2.5 dB low at 16 kHz at 48 kHz). Instead each band
// starts from a closed-form design whose magnitude matches the analog one at low
// frequencies (Vicanek 2016 for the bell, matched-Z for the shelves), and where that start
// drifts from the prototype in the top octaves, a short fit moves the five coefficients so
// the magnitude tracks the prototype across the audible band (biquad.cpp, section 4).
//
// Accuracy against the prototype at 48 kHz, measured by test_biquad.cpp (designs in double):
//   bells, and shelves with Q <= 1: within 0.1 dB at the centre and an octave either side
//     for centres 30 Hz..10 kHz; within 0.25 dB to 20 kHz for centres up to 20 kHz.
//   shelves with Q 2 above 5 kHz and Q 10 above 6.5 kHz: up to 0.16 / 0.67 dB, against a
//     floor of 0.13 / 0.33 dB that no single biquad beats (minimax fits, 8 kHz, +-15 dB).
//   Q 10 shelves above 10 kHz: several dB (7.6 at 16 kHz): the prototype's resonance sits
//     at or beyond Nyquist.
//   above 20 kHz the response may depart by up to 1.5 dB: the fit spends the five
//     coefficients on the audible band.
// Float coefficients: the direct form's 1 + a1 + a2 shrinks as (f/fs)^2 and runs out of
// float resolution for low bands: < 0.02 dB from 150 Hz at 48 kHz, 0.6 dB for a 30 Hz Q 10
// shelf at 48 kHz, 6 dB for a 30 Hz Q 10 bell at 192 kHz. The strips do not run these float
// sections: they take the double designs (designEqDouble, designButterworthHighPassDouble)
// and keep small "delta" coefficients (dsp::BiquadLanes), which hold low bands to within
// 0.04 dB at 192 kHz. responseDb() of a float Biquad shows what plain float would do.
#pragma once

#include <cstdint>

namespace hr::dsp {

// Coefficients of one second-order section, a0 normalised to 1:
// y[n] = b0 x[n] + b1 x[n-1] + b2 x[n-2] - a1 y[n-1] - a2 y[n-2]
// BiquadDouble is the same section before rounding to float (what the designs compute).
// clang-format off
struct Biquad { float b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0; };
struct BiquadDouble { double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0; };
// clang-format on
enum class EqType : uint8_t { Peak, LowShelf, HighShelf };

// ---- designs (any thread) --------------------------------------------------------------
Biquad identityBiquad() noexcept; // passes the signal unchanged (b0 = 1, all else 0)

// A parametric EQ band (cookbook prototype, Q as the cookbook defines it; gainDb 0 returns
// identityBiquad()). Valid ranges: freqHz 20..20000 (below 0.49 * sampleRate), gainDb
// -15..+15, q 0.3..10; arguments outside are clamped to something stable.
Biquad designEq(EqType type, double sampleRate, double freqHz, double gainDb, double q) noexcept;
BiquadDouble designEqDouble(EqType type, double sampleRate, double freqHz, double gainDb,
                            double q) noexcept; // the same design before rounding to float

// Butterworth high-pass of order 2 or 4 (other orders are treated as 2), -3 dB at freqHz,
// bilinear with prewarping. Writes 1 or 2 sections into `sections`, returns how many.
int designButterworthHighPass(double sampleRate, double freqHz, int order,
                              Biquad* sections) noexcept;
int designButterworthHighPassDouble(double sampleRate, double freqHz, int order,
                                    BiquadDouble* sections) noexcept; // the same before rounding

Biquad toFloat(const BiquadDouble& b) noexcept; // nearest floats; stays stable
bool isStable(const Biquad& b) noexcept;        // poles strictly inside the unit circle

// ---- responses (any thread) ------------------------------------------------------------
double responseDb(const Biquad& b, double sampleRate, double freqHz) noexcept;       // |H| in dB
double responseDb(const BiquadDouble& b, double sampleRate, double freqHz) noexcept; // |H| in dB
double responseDb(const Biquad* sections, int count, double sampleRate,
                  double freqHz) noexcept; // cascade

// The analog prototypes the designs approximate, |H(j 2 pi freqHz)| in dB.
double analogEqDb(EqType type, double f0Hz, double gainDb, double q, double freqHz) noexcept;
double analogButterworthHighPassDb(int order, double fcHz, double freqHz) noexcept;

} // namespace hr::dsp
