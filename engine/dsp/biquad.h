// Biquad coefficient design: parametric EQ bands, Butterworth high-pass, and the response
// the GUI draws. Pure functions (no state, no allocation, no exceptions): any thread,
// including the audio thread at the coefficient tick.
//
// EQ bands follow the s-domain prototypes of R. Bristow-Johnson's Audio EQ Cookbook, but
// are not bilinear-transformed: the cookbook's bilinear designs cramp toward Nyquist (a
// +9 dB, Q 1 bell at 12 kHz reads 2.5 dB low at 16 kHz at 48 kHz). Instead each band
// starts from a closed-form design whose magnitude matches the analog one exactly at low
// frequencies (Vicanek 2016 for the bell, matched-Z for the shelves), and where that
// start departs from the analog response in the top octaves, a short fit moves the five
// coefficients so the magnitude tracks the prototype across the audible band (see
// biquad.cpp for the method and the error it leaves).
//
// Accuracy against the analog prototype (designs in double, measured by test_biquad.cpp):
//   bell:    within 0.1 dB for centres up to 10 kHz at 48 kHz, at the centre and an octave
//            either side; shelves with Q <= 1 as well; high-Q shelves near the top of the
//            band are limited by what any single biquad can do (see the tests' figures).
//   above 20 kHz (48 kHz and up) the response may depart from the prototype by up to about
//            1 dB: the fit spends the biquad's five coefficients on the audible band.
// Storing the coefficients as float costs accuracy at low frequencies at high sample
// rates (a 30 Hz shelf at 192 kHz): the direct form's 1 + a1 + a2 underflows float's
// resolution there. responseDb() reads the float coefficients, so it shows the truth.
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
