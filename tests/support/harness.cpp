#include "support/harness.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

namespace hr::test {

std::vector<Signal> runConsole(Console& console, const std::vector<Signal>& inputs, int block,
                               const std::vector<int>& choices) {
    const size_t frames = inputs.empty() ? 0 : inputs[0].size();
    std::vector<Signal> out(choices.size(), Signal(frames, 0.0f));
    REQUIRE(block <= console.maxBlock()); // signal() holds one chunk of at most maxBlock
    std::vector<const float*> in(inputs.size());
    for (size_t done = 0; done < frames;) {
        const int n = static_cast<int>(std::min<size_t>(static_cast<size_t>(block), frames - done));
        for (size_t k = 0; k < inputs.size(); ++k) in[k] = inputs[k].data() + done;
        console.process(in.data(), static_cast<int>(in.size()), nullptr, 0, n);
        for (size_t c = 0; c < choices.size(); ++c) {
            const float* s = console.signal(choices[c]);
            std::copy(s, s + n, out[c].begin() + static_cast<long>(done));
        }
        done += static_cast<size_t>(n);
    }
    return out;
}

Signal sine(double freqHz, double peak, int frames, double rate) {
    Signal s(static_cast<size_t>(frames));
    for (int i = 0; i < frames; ++i) s[static_cast<size_t>(i)] = static_cast<float>(peak * std::sin(2.0 * M_PI * freqHz * i / rate));
    return s;
}

Signal square(double freqHz, double peak, int frames, double rate) {
    Signal s(static_cast<size_t>(frames));
    const double period = rate / freqHz;
    for (int i = 0; i < frames; ++i)
        s[static_cast<size_t>(i)] = static_cast<float>(std::fmod(i, period) < period / 2 ? peak : -peak);
    return s;
}

Signal constant(float value, int frames) { return Signal(static_cast<size_t>(frames), value); }

double rmsDb(const Signal& s, size_t from, size_t to) {
    double sum = 0.0;
    for (size_t i = from; i < to; ++i) sum += double(s[i]) * s[i];
    return 10.0 * std::log10(sum / double(to - from) + 1e-30);
}

double peakAbs(const Signal& s, size_t from, size_t to) {
    double p = 0.0;
    for (size_t i = from; i < to; ++i) p = std::max(p, double(std::fabs(s[i])));
    return p;
}

double maxStep(const Signal& s, size_t from, size_t to) {
    double m = 0.0;
    for (size_t i = std::max<size_t>(from, 1); i < to; ++i) m = std::max(m, double(std::fabs(s[i] - s[i - 1])));
    return m;
}

void setParam(Console& console, const std::string& path, float value) {
    const auto id = console.params().find(path);
    INFO(path);
    REQUIRE(id.has_value());
    console.params().set(*id, value, Source::Engine);
}

void setParam(Console& console, const std::string& path, const char* value) {
    const auto id = console.params().find(path);
    INFO(path);
    REQUIRE(id.has_value());
    if (console.params().spec(*id).isText()) {
        console.params().setText(*id, value, Source::Engine);
        return;
    }
    std::string why;
    const auto v = console.params().spec(*id).parse(value, &why);
    INFO(why);
    REQUIRE(v.has_value());
    console.params().set(*id, *v, Source::Engine);
}

std::string freshDir(const std::string& suite, const std::string& name) {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / suite / name;
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir.string();
}

} // namespace hr::test
