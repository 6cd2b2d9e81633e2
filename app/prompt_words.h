// The prompt's words as typed: numbers, times in seconds and number lists, shared by the
// prompt's sources (prompt.cpp, prompt_record.cpp). Never a throw: a word is one or it is not.
#pragma once

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

namespace hr::words {

// A channel, scene or position as typed: digits only, and small enough for an int
// ("99999999999" is no number here, not an exception).
// (out may be null: only whether it is one.)
inline bool number(const std::string& text, int* out) {
    if (text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return false;
    int n = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
    if (out) *out = n;
    return ec == std::errc() && end == text.data() + text.size();
}
// A time in seconds as typed: the whole word, a finite number ("", "nan", "inf" and "1e999"
// are none).
inline bool seconds(const std::string& text, double* out) {
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || *end != '\0' || !std::isfinite(v)) return false;
    *out = v;
    return true;
}

// "1-8", "1,3,5", "2-4,9": the numbers, ascending as typed; false when it is no such list
// (or names more than `limit` numbers).
inline bool numberList(const std::string& text, std::vector<int>* out, int limit = 4096) {
    if (text.empty() || text.find_first_not_of("0123456789-,") != std::string::npos) return false;
    std::vector<int> got;
    for (size_t at = 0; at <= text.size();) {
        const size_t comma = std::min(text.find(',', at), text.size());
        const std::string part = text.substr(at, comma - at);
        const size_t dash = part.find('-');
        int from = 0, to = 0;
        if (dash == std::string::npos) {
            if (!number(part, &from)) return false;
            to = from;
        } else if (!number(part.substr(0, dash), &from) || !number(part.substr(dash + 1), &to) || to < from) {
            return false;
        }
        if (to - from >= limit || static_cast<int>(got.size()) + (to - from) >= limit) return false;
        for (int64_t n = from; n <= to; ++n) got.push_back(static_cast<int>(n)); // to may be INT_MAX
        at = comma + 1;
    }
    *out = std::move(got);
    return true;
}

} // namespace hr::words
