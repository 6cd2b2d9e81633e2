// Test harness: runs a Console offline over planar inputs and collects chosen signals.
#pragma once

#include "console/console.h"

#include <cmath>
#include <string>
#include <vector>

namespace hr::test {

constexpr double kRate = 48000.0;

using Signal = std::vector<float>;

// Choices as in the output patch: 1-2 main L/R, 3-4 monitor L/R, busSignalChoice(b) for buses.
std::vector<Signal> runConsole(Console& console, const std::vector<Signal>& inputs, int block,
                               const std::vector<int>& choices);

Signal sine(double freqHz, double peak, int frames, double rate = kRate);
Signal square(double freqHz, double peak, int frames, double rate = kRate); // |x| constant
Signal constant(float value, int frames);

double rmsDb(const Signal& s, size_t from, size_t to);  // dBFS RMS over [from, to)
double peakAbs(const Signal& s, size_t from, size_t to);
double maxStep(const Signal& s, size_t from, size_t to); // largest |s[n] - s[n-1]|

void setParam(Console& console, const std::string& path, float value);     // REQUIREs the path
// An empty scratch folder: <tmp>/<suite>/<name>, emptied first.
std::string freshDir(const std::string& suite, const std::string& name);
void setParam(Console& console, const std::string& path, const char* value); // via the grammar

} // namespace hr::test
