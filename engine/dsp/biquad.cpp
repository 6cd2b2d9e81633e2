// Biquad designs; the contract is in biquad.h.
//
// Sections:
//   1. power polynomials: |p(e^jw)|^2 of a second-order polynomial as a quadratic in
//      x = sin^2(w/2), and back (spectral factorisation)
//   2. analog prototypes (RBJ Audio EQ Cookbook, s-domain forms)
//   3. closed-form starting designs: impulse-invariant poles, Vicanek's matched bell,
//      matched-Z shelves
//   4. the magnitude fit that corrects the top octaves
//   5. public designs and responses; Butterworth high-pass
#include "dsp/biquad.h"

#include <algorithm>
#include <cmath>
#include <initializer_list>

namespace hr::dsp {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr double kDbPerNeper = 4.342944819032518; // 10 / ln(10): power ratio -> dB
constexpr double kTopHz = 20000.0;      // the fit's upper edge: the top of the audible band
constexpr double kRefineAboveDb = 0.05; // a start this close to the prototype is kept as is
constexpr int kFitPasses = 4;           // more passes gain < 0.01 dB (measured)
constexpr int kLogPoints = 24;          // fit points spread from fLo to fTop
constexpr int kMaxFitPoints = 40;       // kLogPoints + 3 features x 5 points + margin

struct Section {
    double b0 = 1, b1 = 0, b2 = 0, a1 = 0, a2 = 0;
};

double clampFinite(double v, double lo, double hi, double fallback) {
    return std::isfinite(v) ? std::clamp(v, lo, hi) : fallback;
}

double sinSquaredHalf(double freqHz, double sampleRate) { // x = sin^2(w/2), w = 2 pi f / fs
    const double s = std::sin(kPi * freqHz / sampleRate);
    return s * s;
}

// ---- 1. power polynomials --------------------------------------------------------------
// |p0 + p1 z^-1 + p2 z^-2|^2 on the unit circle is c0 + c1 x + c2 x^2 in x = sin^2(w/2), with
// c0 = (p0+p1+p2)^2 (DC), c0+c1+c2 = (p0-p1+p2)^2 (Nyquist), c2 = 16 p0 p2. This is Vicanek's
// phi0/phi1/phi2 form (2016): x comes from sin(), not 1 - cos(), so low frequencies
// need no cancellation, and the sums are exact for float coefficients held in double.
struct PowerPoly {
    double c0 = 1, c1 = 0, c2 = 0;
    double at(double x) const { return c0 + x * (c1 + x * c2); }
};

PowerPoly powerOf(double p0, double p1, double p2) {
    const double dc = p0 + p1 + p2, nyquist = p0 - p1 + p2, c2 = 16.0 * p0 * p2;
    return {dc * dc, nyquist * nyquist - dc * dc - c2, c2};
}

// The minimum-phase p0 + p1 z^-1 + p2 z^-2 (p0 > 0) whose power is `c`. Fails unless c is
// positive on the whole circle (x in [0, 1]); then the roots are strictly inside it.
bool spectralFactor(const PowerPoly& c, double p[3]) {
    const double atNyquist = c.at(1.0);
    if (!(c.c0 > 0.0) || !(atNyquist > 0.0)) return false;
    if (c.c2 > 0.0) {
        const double xMin = -c.c1 / (2.0 * c.c2);
        if (xMin > 0.0 && xMin < 1.0 && !(c.at(xMin) > 0.0)) return false;
    }
    const double dc = std::sqrt(c.c0), nyquist = std::sqrt(atNyquist);
    const double sum02 = 0.5 * (dc + nyquist);                                   // p0 + p2
    const double diff02 = std::sqrt(std::max(0.0, sum02 * sum02 - 0.25 * c.c2)); // p0 - p2
    p[0] = 0.5 * (sum02 + diff02);
    p[1] = 0.5 * (dc - nyquist);
    p[2] = c.c2 / (16.0 * p[0]);
    return true;
}

// ---- 2. analog prototypes --------------------------------------------------------------
// |H(j omega)|^2, omega = f / f0, A = 10^(gainDb/40), of the s-domain prototypes of
// R. Bristow-Johnson's Audio EQ Cookbook:
//   bell        H(s) = (s^2 + s (A/Q) + 1) / (s^2 + s/(A Q) + 1)
//   low shelf   H(s) = A (s^2 + (sqrt(A)/Q) s + A) / (A s^2 + (sqrt(A)/Q) s + 1)
//   high shelf  H(s) = A (A s^2 + (sqrt(A)/Q) s + 1) / (s^2 + (sqrt(A)/Q) s + A)
// A = 1 makes numerator and denominator identical, so 0 dB is exactly flat.
double analogEqPower(EqType type, double A, double q, double omega) {
    const double w2 = omega * omega, slope = omega * std::sqrt(A) / q;
    double numRe = 0, numIm = 0, denRe = 0, denIm = 0, scale = A;
    switch (type) {
    case EqType::Peak:
        numRe = denRe = 1.0 - w2;
        numIm = omega * A / q;
        denIm = omega / (A * q);
        scale = 1.0;
        break;
    case EqType::LowShelf:
        numRe = A - w2;
        denRe = 1.0 - A * w2;
        numIm = denIm = slope;
        break;
    case EqType::HighShelf:
        numRe = 1.0 - A * w2;
        denRe = A - w2;
        numIm = denIm = slope;
        break;
    }
    return scale * scale * (numRe * numRe + numIm * numIm) / (denRe * denRe + denIm * denIm);
}

// ---- 3. closed-form starting designs ---------------------------------------------------
// Roots of s^2 + (w/Q) s + w^2 mapped by z = e^(sT) (impulse invariance) as the polynomial
// 1 + c1 z^-1 + c2 z^-2: radius e^(-zeta w), angle w sqrt(1 - zeta^2), or two real roots when
// zeta = 1/(2Q) > 1 (Vicanek 2016). Always inside the unit circle, even for w > pi.
void impulseInvariantPair(double wRad, double q, double* c1, double* c2) {
    const double zeta = 0.5 / q;
    const double r = std::exp(-zeta * wRad);
    *c2 = r * r;
    *c1 = zeta <= 1.0 ? -2.0 * r * std::cos(wRad * std::sqrt(1.0 - zeta * zeta))
                      : -2.0 * r * std::cosh(wRad * std::sqrt(zeta * zeta - 1.0));
}

// M. Vicanek, "Matched Second Order Digital Filters" (2016), peaking EQ, for a boost
// (A >= 1): poles by impulse invariance (the prototype's denominator has Q = A q); the
// numerator's power is chosen so |H| is exactly 1 at DC and exactly A^2 at the centre with
// zero slope there, so the peak sits on the centre frequency at its full height.
Section vicanekBell(double w0, double A, double q) {
    Section s;
    impulseInvariantPair(w0, A * q, &s.a1, &s.a2);
    const double dcSum = 1.0 + s.a1 + s.a2, nySum = 1.0 - s.a1 + s.a2;
    const double A0 = dcSum * dcSum, A1 = nySum * nySum, A2 = -4.0 * s.a2;
    const double sinHalf = std::sin(0.5 * w0);
    const double phi1 = sinHalf * sinHalf, phi0 = 1.0 - phi1, phi2 = 4.0 * phi0 * phi1;
    const double peakPower = A * A * A * A;
    const double r1 = (A0 * phi0 + A1 * phi1 + A2 * phi2) * peakPower;   // numerator power at w0
    const double r2 = (-A0 + A1 + 4.0 * (phi0 - phi1) * A2) * peakPower; // its slope in phi1
    const double B0 = A0;
    const double B2 = (r1 - r2 * phi1 - B0) / (4.0 * phi1 * phi1);
    const double B1 = std::max(0.0, r2 + B0 + 4.0 * (phi1 - phi0) * B2);
    const double rootB0 = std::sqrt(B0), rootB1 = std::sqrt(B1);
    const double sum02 = 0.5 * (rootB0 + rootB1);
    s.b0 = 0.5 * (sum02 + std::sqrt(std::max(0.0, sum02 * sum02 + B2)));
    s.b1 = 0.5 * (rootB0 - rootB1);
    s.b2 = -B2 / (4.0 * s.b0);
    return s;
}

// 1/H. The cookbook bell is symmetric, H(s; 1/A) = 1/H(s; A), so a cut is designed as the
// inverse of the boost of the same size: the boost's numerator is minimum phase, so the
// inverse is stable, and it keeps the boost's sharper poles as the cut's zeros. Designing
// the cut directly (broad poles, Q = A q < q) doubles the error near Nyquist (measured).
Section inverse(const Section& s) {
    return {1.0 / s.b0, s.a1 / s.b0, s.a2 / s.b0, s.b1 / s.b0, s.b2 / s.b0};
}

// Shelves by the matched-Z transform: the prototype's poles and zeros (low shelf: poles at
// f0/sqrt(A), zeros at f0 sqrt(A); high shelf the other way round; every pair with the
// band's Q) mapped by z = e^(sT), gain set so the DC level is exact. The shape is exact
// wherever the band sits well below Nyquist; the fit (section 4) corrects the top octaves.
Section matchedShelf(EqType type, double w0, double A, double q) {
    const double rootA = std::sqrt(A);
    const bool low = type == EqType::LowShelf;
    Section s;
    double z1 = 0, z2 = 0;
    impulseInvariantPair(low ? w0 / rootA : w0 * rootA, q, &s.a1, &s.a2);
    impulseInvariantPair(low ? w0 * rootA : w0 / rootA, q, &z1, &z2);
    const double dcGain = low ? A * A : 1.0;
    const double k = dcGain * (1.0 + s.a1 + s.a2) / (1.0 + z1 + z2);
    s.b0 = k;
    s.b1 = k * z1;
    s.b2 = k * z2;
    return s;
}

// ---- 4. the magnitude fit ----------------------------------------------------------------
// The closed-form starts match the prototype at DC and around the band but drift in the
// top octaves (Vicanek's bell is 0.7 dB off at 20 kHz for a 10 kHz, Q 0.7, +-15 dB band
// at 48 kHz). Where the drift exceeds kRefineAboveDb, the five coefficients are fitted to
// the prototype's power over points spanning the band up to 20 kHz:
//   |H|^2 = N(x) / D(x), N and D quadratics in x = sin^2(w/2), N(0) / D(0) = the DC power.
// Each pass is a weighted linear least-squares problem in the four other coefficients: the
// residual N(x_i) - h_i D(x_i), divided by h_i times the previous pass's D(x_i), is the
// relative error of |H|^2 (Steiglitz & McBride, IEEE Trans. Automatic Control, 1965), and
// Lawson's reweighting (each point's weight scaled by its error) pulls the least-squares
// answer toward the minimax one. N and D are spectrally factored into a stable,
// minimum-phase section. A pass's result is kept only if it is realisable and its largest
// error at the points is below the start's, so the fit never makes a band worse there.
// Above 20 kHz nothing is fitted: at 48 kHz the last 4 kHz may depart by up to 1.5 dB, the
// price of holding the audible band (a biquad has five coefficients, not more). The fit
// lands within about 1.3x of the best any biquad can do (minimax, measured case by case).
struct FitPoints {
    int count = 0;
    double x[kMaxFitPoints] = {};     // sin^2(w/2)
    double power[kMaxFitPoints] = {}; // the prototype's |H|^2 there
};

// The fit's upper edge: 20 kHz, or just above a band set higher, below Nyquist.
double fitTopHz(double sampleRate, double f0) {
    return std::min(0.97 * 0.5 * sampleRate, std::max(kTopHz, 1.1 * f0));
}

// The starts drift from the prototype toward the top of the band, so three points there
// tell whether the fit is needed at all; most bands below a few kHz stop here, at a fifth
// of the cost of building the fit points.
bool startIsClose(EqType type, const Section& s, double sampleRate, double f0, double A, double q) {
    const double topHz = fitTopHz(sampleRate, f0);
    const PowerPoly num = powerOf(s.b0, s.b1, s.b2), den = powerOf(1.0, s.a1, s.a2);
    const double limit = std::exp(0.5 * kRefineAboveDb / kDbPerNeper);
    for (double freqHz : {topHz, 0.5 * topHz, std::min(2.0 * f0, topHz)}) {
        const double x = sinSquaredHalf(freqHz, sampleRate);
        const double r = num.at(x) / (den.at(x) * analogEqPower(type, A, q, freqHz / f0));
        if (!(r < limit && r > 1.0 / limit)) return false;
    }
    return true;
}

FitPoints fitPoints(EqType type, double sampleRate, double f0, double A, double q) {
    FitPoints pts;
    const double topHz = fitTopHz(sampleRate, f0);
    const double loHz = std::min(std::max(f0 / 16.0, 10.0), topHz / 8.0);
    auto add = [&](double freqHz) {
        if (pts.count == kMaxFitPoints || !(freqHz > 0.0) || freqHz > topHz) return;
        pts.x[pts.count] = sinSquaredHalf(freqHz, sampleRate);
        pts.power[pts.count] = analogEqPower(type, A, q, freqHz / f0);
        ++pts.count;
    };
    // The last point is topHz itself, not a rounded power: without it the fit extrapolates
    // to the top of the band and a centre one ulp away can read 0.2 dB worse (measured).
    const double step = std::pow(topHz / loHz, 1.0 / (kLogPoints - 1));
    double freqHz = loHz;
    for (int k = 0; k < kLogPoints - 1; ++k, freqHz *= step)
        add(freqHz);
    add(topHz);
    // The prototype's features, sampled across their width so a sharp band is not missed
    // between the log points: the bell's centre; a shelf's pole and zero pairs and midpoint.
    const double rootA = std::sqrt(A);
    const double features[3] = {f0, f0 / rootA, f0 * rootA};
    for (int k = 0; k < (type == EqType::Peak ? 1 : 3); ++k) {
        add(features[k]);
        if (q > 0.8)
            for (double octaves : {-0.5, -0.2, 0.2, 0.5})
                add(features[k] * std::exp2(octaves / q));
    }
    return pts;
}

// max over the points of max(r, 1/r), r = N / (D h): 1 + (error in nepers) for small errors
double worstRatio(const PowerPoly& num, const PowerPoly& den, const FitPoints& pts) {
    double worst = 1.0;
    for (int i = 0; i < pts.count; ++i) {
        const double r = num.at(pts.x[i]) / (den.at(pts.x[i]) * pts.power[i]);
        if (!(r > 0.0)) return HUGE_VAL;
        worst = std::max(worst, std::max(r, 1.0 / r));
    }
    return worst;
}

// Gaussian elimination with partial pivoting on [M | rhs]; false if singular.
bool solve4(double m[4][5]) {
    for (int col = 0; col < 4; ++col) {
        int pivot = col;
        for (int r = col + 1; r < 4; ++r)
            if (std::fabs(m[r][col]) > std::fabs(m[pivot][col])) pivot = r;
        if (!(std::fabs(m[pivot][col]) > 1e-300)) return false;
        if (pivot != col)
            for (int k = 0; k < 5; ++k)
                std::swap(m[col][k], m[pivot][k]);
        for (int r = 0; r < 4; ++r) {
            if (r == col) continue;
            const double f = m[r][col] / m[col][col];
            for (int k = col; k < 5; ++k)
                m[r][k] -= f * m[col][k];
        }
    }
    for (int r = 0; r < 4; ++r)
        m[r][4] /= m[r][r];
    return true;
}

Section fitMagnitude(const Section& start, const FitPoints& pts, double dcPower) {
    const PowerPoly startDen = powerOf(1.0, start.a1, start.a2);
    const PowerPoly startNum = powerOf(start.b0, start.b1, start.b2);
    double bestRatio = worstRatio(startNum, startDen, pts);
    if (pts.count < 5 || bestRatio < std::exp(kRefineAboveDb / kDbPerNeper)) return start;

    double xMax = 0.0; // unknowns are solved in u = x / xMax, so they stay of order one
    for (int i = 0; i < pts.count; ++i)
        xMax = std::max(xMax, pts.x[i]);
    PowerPoly den{1.0, startDen.c1 / startDen.c0, startDen.c2 / startDen.c0}; // D(0) = 1
    PowerPoly bestNum = startNum, bestDen = startDen;
    bool improved = false;
    double weight[kMaxFitPoints];
    std::fill(weight, weight + pts.count, 1.0);

    for (int pass = 0; pass < kFitPasses; ++pass) {
        double m[4][5] = {};
        bool denPositive = true;
        for (int i = 0; i < pts.count && denPositive; ++i) {
            const double u = pts.x[i] / xMax, h = pts.power[i];
            const double prevDen = den.at(pts.x[i]);
            denPositive = prevDen > 0.0;
            const double scale = 1.0 / (h * prevDen);
            const double w = weight[i] * scale * scale;
            const double row[4] = {u, u * u, -h * u, -h * u * u};
            const double rhs = h - dcPower;
            for (int a = 0; a < 4; ++a) {
                m[a][4] += w * row[a] * rhs;
                for (int b = 0; b < 4; ++b)
                    m[a][b] += w * row[a] * row[b];
            }
        }
        if (!denPositive || !solve4(m)) break; // the last pass's D left the positive side
        const PowerPoly num{dcPower, m[0][4] / xMax, m[1][4] / (xMax * xMax)};
        den = PowerPoly{1.0, m[2][4] / xMax, m[3][4] / (xMax * xMax)};

        const double ratio = worstRatio(num, den, pts);
        double p[3];
        if (ratio < bestRatio && spectralFactor(num, p) && spectralFactor(den, p)) {
            bestRatio = ratio;
            bestNum = num;
            bestDen = den;
            improved = true;
        }
        // Lawson: scale each weight by its error (ratio - 1 ~ |error in nepers|), floored so
        // no point drops out entirely.
        double err[kMaxFitPoints], meanErr = 0.0;
        for (int i = 0; i < pts.count; ++i) {
            const double r = num.at(pts.x[i]) / (den.at(pts.x[i]) * pts.power[i]);
            err[i] = r > 0.0 ? std::max(r, 1.0 / r) - 1.0 : 1.0;
            meanErr += err[i] / pts.count;
        }
        if (!(meanErr > 1e-15)) break;
        for (int i = 0; i < pts.count; ++i)
            weight[i] *= (err[i] + 0.05 * meanErr) / meanErr;
    }
    if (!improved) return start;
    double n[3], d[3];
    spectralFactor(bestNum, n);
    spectralFactor(bestDen, d);
    return {n[0] / d[0], n[1] / d[0], n[2] / d[0], d[1] / d[0], d[2] / d[0]};
}

double sectionDb(double b0, double b1, double b2, double a1, double a2, double sampleRate,
                 double freqHz) {
    const double x = sinSquaredHalf(freqHz, sampleRate);
    return kDbPerNeper * std::log(powerOf(b0, b1, b2).at(x) / powerOf(1.0, a1, a2).at(x));
}

} // namespace

// ---- 5. public designs and responses -------------------------------------------------------
Biquad identityBiquad() noexcept {
    return Biquad{};
}

bool isStable(const Biquad& b) noexcept { // the stability triangle of 1 + a1 z^-1 + a2 z^-2
    return std::fabs(b.a2) < 1.0f && std::fabs(b.a1) < 1.0f + b.a2;
}

Biquad toFloat(const BiquadDouble& d) noexcept {
    Biquad b{static_cast<float>(d.b0), static_cast<float>(d.b1), static_cast<float>(d.b2),
             static_cast<float>(d.a1), static_cast<float>(d.a2)};
    // A pole pair within float's resolution of z = 1 (a few Hz at 192 kHz) can round onto
    // the circle; step a1 toward zero until it is inside again (1 + a1 + a2 > 0).
    for (int i = 0; i < 8 && !isStable(b); ++i)
        b.a1 = std::nextafter(b.a1, 0.0f);
    return isStable(b) ? b : identityBiquad();
}

BiquadDouble designEqDouble(EqType type, double sampleRate, double freqHz, double gainDb,
                            double q) noexcept {
    if (!std::isfinite(gainDb) || gainDb == 0.0) return {};
    const double fs = clampFinite(sampleRate, 1000.0, 1e6, 48000.0);
    const double f0 = clampFinite(freqHz, 1.0, 0.49 * fs, 1000.0);
    const double bandQ = clampFinite(q, 0.05, 50.0, 0.7);
    const double A = std::pow(10.0, clampFinite(gainDb, -48.0, 48.0, 0.0) / 40.0);
    const double w0 = 2.0 * kPi * f0 / fs;

    Section start;
    if (type == EqType::Peak)
        start = A >= 1.0 ? vicanekBell(w0, A, bandQ) : inverse(vicanekBell(w0, 1.0 / A, bandQ));
    else
        start = matchedShelf(type, w0, A, bandQ);
    const Section s = startIsClose(type, start, fs, f0, A, bandQ)
                          ? start
                          : fitMagnitude(start, fitPoints(type, fs, f0, A, bandQ),
                                         analogEqPower(type, A, bandQ, 0.0));
    return {s.b0, s.b1, s.b2, s.a1, s.a2};
}

Biquad designEq(EqType type, double sampleRate, double freqHz, double gainDb, double q) noexcept {
    return toFloat(designEqDouble(type, sampleRate, freqHz, gainDb, q));
}

// Bilinear transform with the cutoff prewarped (k = tan(pi fc / fs)), so -3 dB lands exactly
// on fc. Butterworth pole pairs: order 2, Q = 1/sqrt(2); order 4, Q = 1/(2 cos(pi/8)) and
// 1/(2 cos(3 pi/8)). b1 = -2 b0 and b2 = b0 are exact in float, so the double zero stays
// exactly at DC.
int designButterworthHighPassDouble(double sampleRate, double freqHz, int order, BiquadDouble* sections) noexcept {
    const double fs = clampFinite(sampleRate, 1000.0, 1e6, 48000.0);
    const double fc = clampFinite(freqHz, 1.0, 0.49 * fs, 80.0);
    const double k = std::tan(kPi * fc / fs);
    const double q2[1] = {1.0 / std::sqrt(2.0)};
    const double q4[2] = {0.5 / std::cos(kPi / 8.0), 0.5 / std::cos(3.0 * kPi / 8.0)};
    const int count = order == 4 ? 2 : 1;
    for (int i = 0; i < count; ++i) {
        const double q = order == 4 ? q4[i] : q2[0];
        const double norm = 1.0 / (1.0 + k / q + k * k);
        sections[i] = {norm, -2.0 * norm, norm, 2.0 * (k * k - 1.0) * norm, (1.0 - k / q + k * k) * norm};
    }
    return count;
}

int designButterworthHighPass(double sampleRate, double freqHz, int order, Biquad* sections) noexcept {
    BiquadDouble d[2];
    const int count = designButterworthHighPassDouble(sampleRate, freqHz, order, d);
    for (int i = 0; i < count; ++i) sections[i] = toFloat(d[i]);
    return count;
}

double responseDb(const Biquad& b, double sampleRate, double freqHz) noexcept {
    return sectionDb(b.b0, b.b1, b.b2, b.a1, b.a2, sampleRate, freqHz);
}

double responseDb(const BiquadDouble& b, double sampleRate, double freqHz) noexcept {
    return sectionDb(b.b0, b.b1, b.b2, b.a1, b.a2, sampleRate, freqHz);
}

double responseDb(const Biquad* sections, int count, double sampleRate, double freqHz) noexcept {
    double db = 0.0;
    for (int i = 0; i < count; ++i)
        db += responseDb(sections[i], sampleRate, freqHz);
    return db;
}

double analogEqDb(EqType type, double f0Hz, double gainDb, double q, double freqHz) noexcept {
    if (gainDb == 0.0) return 0.0;
    const double A = std::pow(10.0, gainDb / 40.0);
    return kDbPerNeper * std::log(analogEqPower(type, A, q, freqHz / f0Hz));
}

// |H|^2 = W^2n / (1 + W^2n), W = f / fc (Butterworth, -3 dB at fc).
double analogButterworthHighPassDb(int order, double fcHz, double freqHz) noexcept {
    const double n = order == 4 ? 4.0 : 2.0;
    return -kDbPerNeper * std::log1p(std::pow(fcHz / freqHz, 2.0 * n));
}

} // namespace hr::dsp
