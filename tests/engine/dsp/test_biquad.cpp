// dsp/biquad: every EQ design measured against its analog prototype (never against its own
// formula), the high-pass against Butterworth's, the float coefficients run on real samples
// against responseDb, and stability over the whole parameter range.
//
// Sections: grid 30 Hz..10 kHz; above 10 kHz; float storage; Butterworth high-pass;
// real samples; 0 dB; stability.
#include "dsp/biquad.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

using namespace hr::dsp;

namespace {

// ---- constants ---------------------------------------------------------------------------
constexpr double kPi = 3.14159265358979323846;
constexpr double kRate = 48000.0;
constexpr double kAllRates[] = {44100.0, 48000.0, 88200.0, 96000.0, 192000.0};
constexpr EqType kTypes[] = {EqType::Peak, EqType::LowShelf, EqType::HighShelf};
constexpr double kGridGainsDb[] = {-15, -9, -3, 3, 9, 15};
constexpr double kGridQs[] = {0.3, 0.7, 2, 10};
constexpr double kGridLowHz = 30.0, kGridHighHz = 10000.0;
constexpr double kGridStepOctaves = 1.0 / 6.0;
constexpr double kGridToleranceDb = 0.1; // at the centre and an octave either side

// High-Q shelves near the top of the band: no single biquad reaches 0.1 dB there. Minimax
// fits (Nelder-Mead on the five coefficients, 20 Hz..20 kHz, made while designing this unit)
// bound what any section can do: 0.126 dB for an 8 kHz, Q 2, +-15 dB shelf; 0.186 dB at
// 6 kHz and 0.333 dB at 8 kHz for Q 10. These are this design's measured figures.
constexpr double kShelfQ2AboveHz = 5000.0, kShelfQ2ToleranceDb = 0.17;   // measured 0.159
constexpr double kShelfQ10AboveHz = 6500.0, kShelfQ10ToleranceDb = 0.70; // measured 0.673

// Between the grid points, on a 1/24-octave sweep from 20 Hz to 20 kHz (measured + margin).
constexpr double kDenseBellDb = 0.11;      // measured 0.102
constexpr double kDenseShelfLowQDb = 0.06; // Q <= 0.7, measured 0.048
constexpr double kDenseShelfQ2Db = 0.20;   // measured 0.189 (Q 2 shelves at 8.6 kHz)
constexpr double kDenseShelfQ10Db = 0.95;  // measured 0.936 (Q 10 shelves at 9.7 kHz)

constexpr double kHighCentresHz[] = {12000.0, 16000.0, 20000.0};
constexpr double kHighRates[] = {44100.0, 48000.0};

constexpr double kButterworthCornerDb = -3.0103; // 10 log10(1/2)
constexpr double kHpfRates[] = {48000.0, 96000.0};
constexpr double kHpfLowHz = 20.0, kHpfHighHz = 600.0;

constexpr double kSineLevelDbTolerance = 0.05; // measured level vs responseDb
constexpr double kSettleSeconds = 1.0, kMeasureSeconds = 0.5;

struct Worst {
    double errDb = 0.0;
    std::string where;
    void take(double err, const std::string& at) {
        if (err > errDb) {
            errDb = err;
            where = at;
        }
    }
};

const char* typeName(EqType t) {
    return t == EqType::Peak ? "bell" : t == EqType::LowShelf ? "low shelf" : "high shelf";
}

std::string describe(EqType t, double fs, double f0, double gainDb, double q, double atHz) {
    char s[160];
    std::snprintf(s, sizeof s, "%s %.0f Hz %+.1f dB Q %.2f at %.0f Hz (fs %.0f)", typeName(t), f0,
                  gainDb, q, atHz, fs);
    return s;
}

std::vector<double> gridCentresHz() {
    std::vector<double> c;
    for (int k = 0;; ++k) {
        const double f = kGridLowHz * std::exp2(k * kGridStepOctaves);
        if (f > kGridHighHz * 1.0001) break;
        c.push_back(f);
    }
    return c;
}

double designErrorDb(EqType t, double fs, double f0, double gainDb, double q, double atHz) {
    const BiquadDouble d = designEqDouble(t, fs, f0, gainDb, q);
    return std::fabs(responseDb(d, fs, atHz) - analogEqDb(t, f0, gainDb, q, atHz));
}

double gridToleranceDb(EqType t, double q, double f0) {
    if (t == EqType::Peak || q <= 1.0) return kGridToleranceDb;
    if (q <= 2.0) return f0 > kShelfQ2AboveHz ? kShelfQ2ToleranceDb : kGridToleranceDb;
    return f0 > kShelfQ10AboveHz ? kShelfQ10ToleranceDb : kGridToleranceDb;
}

double denseToleranceDb(EqType t, double q) {
    if (t == EqType::Peak) return kDenseBellDb;
    return q <= 0.7 ? kDenseShelfLowQDb : q <= 2.0 ? kDenseShelfQ2Db : kDenseShelfQ10Db;
}

// The cookbook's bilinear bell (RBJ, Audio EQ Cookbook), what most consoles ship: the
// reference the design is meant to beat near Nyquist.
Biquad cookbookBell(double fs, double f0, double gainDb, double q) {
    const double A = std::pow(10.0, gainDb / 40.0), w0 = 2.0 * kPi * f0 / fs;
    const double alpha = std::sin(w0) / (2.0 * q), c = std::cos(w0), a0 = 1.0 + alpha / A;
    return Biquad{static_cast<float>((1.0 + alpha * A) / a0), static_cast<float>(-2.0 * c / a0),
                  static_cast<float>((1.0 - alpha * A) / a0), static_cast<float>(-2.0 * c / a0),
                  static_cast<float>((1.0 - alpha / A) / a0)};
}

// Transposed direct form II in float, as the engine's BiquadLanes runs it.
struct Tdf2 {
    Biquad c;
    float s1 = 0.0f, s2 = 0.0f;
    float process(float x) {
        const float y = c.b0 * x + s1;
        s1 = c.b1 * x - c.a1 * y + s2;
        s2 = c.b2 * x - c.a2 * y;
        return y;
    }
};

// Level change (dB) of a sine through the cascade, measured on samples: settle, then the
// RMS ratio over a window holding a whole number of periods (freqHz is put on that grid).
double measuredGainDb(const std::vector<Biquad>& sections, double fs, double* freqHz) {
    const int window = static_cast<int>(fs * kMeasureSeconds);
    const double cycles = std::max(1.0, std::round(*freqHz * window / fs));
    *freqHz = cycles * fs / window;
    std::vector<Tdf2> chain;
    for (const Biquad& b : sections)
        chain.push_back(Tdf2{b});
    const int settle = static_cast<int>(fs * kSettleSeconds);
    double sumIn = 0.0, sumOut = 0.0;
    for (int n = 0; n < settle + window; ++n) {
        const float x = static_cast<float>(0.5 * std::sin(2.0 * kPi * *freqHz * n / fs));
        float y = x;
        for (Tdf2& s : chain)
            y = s.process(y);
        if (n >= settle) {
            sumIn += static_cast<double>(x) * x;
            sumOut += static_cast<double>(y) * y;
        }
    }
    return 10.0 * std::log10(sumOut / sumIn);
}

bool insideUnitCircle(const Biquad& b) { // the stability triangle, written out here
    return std::fabs(b.a2) < 1.0f && std::fabs(b.a1) < 1.0f + b.a2;
}

} // namespace

// ---- grid 30 Hz..10 kHz ---------------------------------------------------------------------
TEST_CASE("EQ bands follow the prototype at f0 and an octave either side, 30 Hz..10 kHz",
          "[biquad]") {
    for (EqType t : kTypes) {
        for (double q : kGridQs) {
            Worst worst, worstDense;
            bool withinTolerance = true;
            for (double f0 : gridCentresHz()) {
                for (double g : kGridGainsDb) {
                    for (double at : {f0 / 2.0, f0, 2.0 * f0}) {
                        const double err = designErrorDb(t, kRate, f0, g, q, at);
                        worst.take(err, describe(t, kRate, f0, g, q, at));
                        if (err > gridToleranceDb(t, q, f0)) withinTolerance = false;
                    }
                    for (double at = 20.0; at <= 20000.0; at *= std::exp2(1.0 / 24.0))
                        worstDense.take(designErrorDb(t, kRate, f0, g, q, at),
                                        describe(t, kRate, f0, g, q, at));
                }
            }
            INFO("worst at the grid points: " << worst.errDb << " dB, " << worst.where);
            INFO("worst between them: " << worstDense.errDb << " dB, " << worstDense.where);
            CHECK(withinTolerance);
            CHECK(worstDense.errDb <= denseToleranceDb(t, q));
        }
    }
}

// ---- above 10 kHz ---------------------------------------------------------------------------
// Measured worst errors to 20 kHz (and to Nyquist), centres 12/16/20 kHz at 44.1 and 48 kHz,
// gains +-3/9/15 dB. The cookbook's bilinear designs are 2..23 dB off in the same conditions.
TEST_CASE("above 10 kHz the error against the prototype stays within the measured figures",
          "[biquad]") {
    struct Limit {
        EqType type;
        double minQ, maxQ, toTopDb, toNyquistDb;
    };
    // Measured on this sweep: bell 0.221 dB to 20 kHz (a 20 kHz, Q 10 band at 44.1 kHz;
    // 0.11 dB at 48 kHz), 1.49 dB above 20 kHz. Shelves Q <= 2: 0.75 dB (a 20 kHz shelf at
    // 44.1 kHz: its poles and zeros straddle Nyquist and the fit cannot keep N and D positive,
    // so the matched-Z start stays), 0.12 dB at 48 kHz; 1.23 dB above 20 kHz. Shelves Q 10:
    // 7.6 dB (16 kHz): the prototype's Q-10 resonance sits beyond Nyquist.
    const Limit limits[] = {{EqType::Peak, 0.3, 10.0, 0.25, 1.9},
                            {EqType::LowShelf, 0.3, 2.0, 0.8, 1.5},
                            {EqType::HighShelf, 0.3, 2.0, 0.8, 1.5},
                            {EqType::LowShelf, 10.0, 10.0, 8.0, 15.5},
                            {EqType::HighShelf, 10.0, 10.0, 8.0, 15.5}};
    for (const Limit& lim : limits) {
        Worst toTop, toNyquist;
        for (double fs : kHighRates)
            for (double f0 : kHighCentresHz)
                for (double g : kGridGainsDb)
                    for (double q : kGridQs) {
                        if (q < lim.minQ || q > lim.maxQ) continue;
                        const Biquad b = designEq(lim.type, fs, f0, g, q);
                        for (double at = 20.0; at < 0.5 * fs; at *= std::exp2(1.0 / 48.0)) {
                            const double err = std::fabs(responseDb(b, fs, at) -
                                                         analogEqDb(lim.type, f0, g, q, at));
                            (at <= 20000.0 ? toTop : toNyquist)
                                .take(err, describe(lim.type, fs, f0, g, q, at));
                        }
                    }
        toNyquist.take(toTop.errDb, toTop.where);
        WARN(typeName(lim.type) << " (Q " << lim.minQ << ".." << lim.maxQ
                                << ") above 10 kHz: worst " << toTop.errDb << " dB to 20 kHz ("
                                << toTop.where << "), " << toNyquist.errDb << " dB to Nyquist");
        CHECK(toTop.errDb <= lim.toTopDb);
        CHECK(toNyquist.errDb <= lim.toNyquistDb);
    }
}

TEST_CASE("a +9 dB Q 1 bell at 12 kHz read at 16 kHz: on the prototype, not 2.5 dB low",
          "[biquad]") {
    const double analogDb = analogEqDb(EqType::Peak, 12000.0, 9.0, 1.0, 16000.0);
    const double oursDb =
        responseDb(designEq(EqType::Peak, kRate, 12000.0, 9.0, 1.0), kRate, 16000.0);
    const double cookbookDb = responseDb(cookbookBell(kRate, 12000.0, 9.0, 1.0), kRate, 16000.0);
    INFO("analog " << analogDb << " dB, ours " << oursDb << " dB, cookbook " << cookbookDb
                   << " dB");
    CHECK(oursDb == Approx(analogDb).margin(0.05)); // measured -0.030 dB
    CHECK(cookbookDb < analogDb - 2.0);             // measured -2.67 dB: what we replace
}

// ---- float storage --------------------------------------------------------------------------
// The engine runs float coefficients. In the direct form, 1 + a1 + a2 (the denominator at
// DC) shrinks with (f/fs)^2 and runs out of float resolution: harmless from 150 Hz at
// 48 kHz, a few tenths of a dB at 30 Hz, and many dB for 20-30 Hz bands at 192 kHz.
TEST_CASE("float coefficients move the response < 0.02 dB from 150 Hz at 48 kHz", "[biquad]") {
    Worst above, below, highRate;
    for (EqType t : kTypes)
        for (double q : kGridQs)
            for (double g : kGridGainsDb)
                for (double f0 : gridCentresHz()) {
                    for (double fs : {kRate, 192000.0}) {
                        const BiquadDouble d = designEqDouble(t, fs, f0, g, q);
                        const Biquad b = toFloat(d);
                        for (double at :
                             {f0 / 2.0, f0 / std::sqrt(2.0), f0, f0 * std::sqrt(2.0), 2.0 * f0}) {
                            const double err =
                                std::fabs(responseDb(b, fs, at) - responseDb(d, fs, at));
                            Worst& w = fs != kRate ? highRate : f0 >= 150.0 ? above : below;
                            w.take(err, describe(t, fs, f0, g, q, at));
                        }
                    }
                }
    WARN("float coefficients: " << above.errDb << " dB from 150 Hz at 48 kHz; " << below.errDb
                                << " dB at 30..150 Hz (" << below.where << "); " << highRate.errDb
                                << " dB at 192 kHz (" << highRate.where << ")");
    CHECK(above.errDb < 0.02);   // measured 0.013
    CHECK(below.errDb < 0.7);    // measured 0.61 at 30 Hz
    CHECK(highRate.errDb < 7.0); // measured 5.95 at 30 Hz: the direct form's limit (biquad.h)
}

// ---- Butterworth high-pass --------------------------------------------------------------------
TEST_CASE("Butterworth high-pass: -3 dB at fc, 12/24 dB per octave, flat passband", "[biquad]") {
    for (double fs : kHpfRates)
        for (int order : {2, 4})
            for (double fc = kHpfLowHz; fc <= kHpfHighHz * 1.0001; fc *= std::exp2(1.0 / 6.0)) {
                Biquad s[2];
                const int n = designButterworthHighPass(fs, fc, order, s);
                INFO("order " << order << ", fc " << fc << " Hz, fs " << fs);
                REQUIRE(n == order / 2);
                for (int i = 0; i < n; ++i)
                    REQUIRE(insideUnitCircle(s[i]));
                CHECK(responseDb(s, n, fs, fc) == Approx(kButterworthCornerDb).margin(0.05));
                CHECK(responseDb(s, n, fs, fc / 2.0) <= (order == 2 ? -11.5 : -23.5));
                const double slopeDb =
                    responseDb(s, n, fs, fc / 4.0) - responseDb(s, n, fs, fc / 8.0);
                CHECK(slopeDb == Approx(6.0 * order).margin(0.5));
                CHECK(std::fabs(responseDb(s, n, fs, 10.0 * fc)) <= 0.1);
                // and the curve against Butterworth's an octave either side: the prewarped
                // bilinear map is exact at fc and close below; at 96 kHz a 20 Hz corner meets
                // float's resolution (0.35 dB at fc/2, measured)
                const double curveDb = fs == kRate ? 0.05 : 0.4;
                for (double at : {fc / 2.0, 2.0 * fc})
                    CHECK(responseDb(s, n, fs, at) ==
                          Approx(analogButterworthHighPassDb(order, fc, at)).margin(curveDb));
            }
    Biquad s[2];
    CHECK(designButterworthHighPass(kRate, 80.0, 3, s) == 1); // unsupported orders run as 2
}

// ---- real samples ----------------------------------------------------------------------------
TEST_CASE("a sine through the float coefficients (transposed DF-II) changes level by responseDb",
          "[biquad]") {
    struct Case {
        const char* name;
        double fs;
        std::vector<Biquad> sections;
        std::vector<double> freqsHz;
    };
    Biquad hpf[2];
    const int hpfCount = designButterworthHighPass(kRate, 80.0, 4, hpf);
    const std::vector<Case> cases = {
        {"bell 1 kHz +9 dB Q 1",
         kRate,
         {designEq(EqType::Peak, kRate, 1000, 9, 1)},
         {500, 1000, 2000, 5000}},
        {"bell 12 kHz +9 dB Q 1 (fitted)",
         kRate,
         {designEq(EqType::Peak, kRate, 12000, 9, 1)},
         {6000, 12000, 16000, 20000}},
        {"bell 60 Hz -12 dB Q 4",
         96000.0,
         {designEq(EqType::Peak, 96000.0, 60, -12, 4)},
         {50, 60, 70, 120}},
        {"low shelf 100 Hz -6 dB Q 0.7",
         kRate,
         {designEq(EqType::LowShelf, kRate, 100, -6, 0.7)},
         {40, 100, 250, 1000}},
        {"high shelf 8 kHz +6 dB Q 0.7",
         44100.0,
         {designEq(EqType::HighShelf, 44100.0, 8000, 6, 0.7)},
         {2000, 8000, 16000, 20000}},
        {"high-pass 80 Hz order 4",
         kRate,
         std::vector<Biquad>(hpf, hpf + hpfCount),
         {40, 80, 160, 800}},
    };
    for (const Case& c : cases) {
        for (double f : c.freqsHz) {
            double freqHz = f;
            const double measuredDb = measuredGainDb(c.sections, c.fs, &freqHz);
            const double expectedDb =
                responseDb(c.sections.data(), static_cast<int>(c.sections.size()), c.fs, freqHz);
            INFO(c.name << " at " << freqHz << " Hz: measured " << measuredDb << " dB, responseDb "
                        << expectedDb);
            CHECK(measuredDb == Approx(expectedDb).margin(kSineLevelDbTolerance));
        }
    }
}

// ---- 0 dB ------------------------------------------------------------------------------------
TEST_CASE("gain 0 dB is exactly flat, a hundredth of a dB stays on the prototype", "[biquad]") {
    const Biquad identity = identityBiquad();
    for (double fs : kAllRates)
        for (EqType t : kTypes)
            for (double f0 : {20.0, 100.0, 1000.0, 10000.0, 20000.0})
                for (double q : kGridQs) {
                    const Biquad b = designEq(t, fs, f0, 0.0, q);
                    INFO(describe(t, fs, f0, 0.0, q, f0));
                    CHECK(std::memcmp(&b, &identity, sizeof b) == 0);
                    CHECK(analogEqDb(t, f0, 0.0, q, 0.5 * f0) == 0.0);
                    // no step at 0 dB: the design of a tiny gain is continuous with flat (in
                    // double; in float, low bands at high rates meet the storage limit above)
                    const BiquadDouble tiny = designEqDouble(t, fs, f0, 0.01, q);
                    for (double at = 10.0; at < 0.5 * fs; at *= 1.5) {
                        CHECK(std::fabs(responseDb(b, fs, at)) <= 0.001);
                        if (f0 <= kGridHighHz && at <= 20000.0)
                            CHECK(std::fabs(responseDb(tiny, fs, at) -
                                            analogEqDb(t, f0, 0.01, q, at)) <= 0.002);
                    }
                }
    CHECK(responseDb(&identity, 1, kRate, 1000.0) == 0.0);
}

// ---- stability -------------------------------------------------------------------------------
TEST_CASE("every design has its poles inside the unit circle, at every rate, over the whole range",
          "[biquad]") {
    int designs = 0;
    for (double fs : kAllRates)
        for (EqType t : kTypes)
            for (double f0 = 20.0; f0 <= 20000.0 * 1.0001; f0 *= std::exp2(1.0 / 6.0))
                for (double g = -15.0; g <= 15.0; g += 1.5)
                    for (double q : {0.3, 0.5, 0.7, 1.0, 2.0, 4.0, 10.0}) {
                        const Biquad b = designEq(t, fs, f0, g, q);
                        const Biquad again = designEq(t, fs, f0, g, q);
                        ++designs;
                        if (!insideUnitCircle(b) || std::memcmp(&b, &again, sizeof b) != 0) {
                            FAIL_CHECK("unstable or not a pure function: " << describe(t, fs, f0, g,
                                                                                       q, f0));
                        }
                    }
    CHECK(designs > 100000);
    // The edge the brief names: a 20 kHz band at 44.1 kHz; and arguments outside the range.
    for (EqType t : kTypes) {
        CHECK(insideUnitCircle(designEq(t, 44100.0, 20000.0, 15.0, 10.0)));
        CHECK(insideUnitCircle(designEq(t, 44100.0, 20000.0, -15.0, 0.3)));
        const double nan = std::nan("");
        for (double f0 : {0.0, -5.0, 30000.0, nan})
            for (double q : {0.0, -1.0, 100.0, nan})
                for (double g : {40.0, -40.0, nan}) {
                    const Biquad b = designEq(t, 44100.0, f0, g, q);
                    CHECK((insideUnitCircle(b) && std::isfinite(b.b0) && std::isfinite(b.b1) &&
                           std::isfinite(b.b2)));
                }
    }
    for (double fs : kAllRates)
        for (int order : {2, 4})
            for (double fc = kHpfLowHz; fc <= kHpfHighHz; fc *= std::exp2(1.0 / 6.0)) {
                Biquad s[2];
                const int n = designButterworthHighPass(fs, fc, order, s);
                for (int i = 0; i < n; ++i)
                    CHECK(insideUnitCircle(s[i]));
            }
}
