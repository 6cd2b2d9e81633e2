// Bounded JSON reading, and positions for JSON pointers (RFC 6901).
#include "show/json_read.h"

#include <cerrno>
#include <cfloat>
#include <cmath>
#include <cstring>
#include <fstream>
#include <limits>
#include <vector>

namespace hr {

namespace {

bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

void skipSpace(const std::string& t, size_t* i) {
    while (*i < t.size() && isSpace(t[*i])) ++*i;
}

void appendUtf8(std::string* out, unsigned cp) {
    if (cp < 0x80) {
        *out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        *out += static_cast<char>(0xC0 | (cp >> 6));
        *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *out += static_cast<char>(0xE0 | (cp >> 12));
        *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        *out += static_cast<char>(0xF0 | (cp >> 18));
        *out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        *out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        *out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

unsigned hex4(const std::string& t, size_t at) {
    unsigned v = 0;
    for (size_t k = at; k < at + 4 && k < t.size(); ++k) {
        const char c = t[k];
        v = v * 16 + static_cast<unsigned>(c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c - 'A' + 10);
    }
    return v;
}

// The string that starts at t[*i] == '"', unescaped; *i moves past its closing quote.
std::string readString(const std::string& t, size_t* i) {
    std::string out;
    ++*i;
    while (*i < t.size() && t[*i] != '"') {
        if (t[*i] != '\\') {
            out += t[(*i)++];
            continue;
        }
        const char e = *i + 1 < t.size() ? t[*i + 1] : '"';
        *i += 2;
        switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
            unsigned cp = hex4(t, *i);
            *i += 4;
            if (cp >= 0xD800 && cp < 0xDC00 && *i + 6 <= t.size() && t[*i] == '\\' && t[*i + 1] == 'u') {
                cp = 0x10000 + ((cp - 0xD800) << 10) + (hex4(t, *i + 2) - 0xDC00);
                *i += 6;
            }
            appendUtf8(&out, cp);
            break;
        }
        default: out += e; // \" \\ \/
        }
    }
    ++*i;
    return out;
}

// Moves *i past the value that starts there (iteratively: depth is only counted).
void skipValue(const std::string& t, size_t* i) {
    if (*i >= t.size()) return;
    if (t[*i] == '"') {
        readString(t, i);
        return;
    }
    if (t[*i] != '[' && t[*i] != '{') {
        while (*i < t.size() && !isSpace(t[*i]) && t[*i] != ',' && t[*i] != ']' && t[*i] != '}') ++*i;
        return;
    }
    int depth = 0;
    while (*i < t.size()) {
        const char c = t[*i];
        if (c == '"') {
            readString(t, i);
            continue;
        }
        ++*i;
        if (c == '[' || c == '{') ++depth;
        else if ((c == ']' || c == '}') && --depth == 0) return;
    }
}

std::vector<std::string> pointerTokens(const std::string& pointer) {
    std::vector<std::string> tokens;
    size_t at = 0;
    while (at < pointer.size() && pointer[at] == '/') {
        const size_t end = std::min(pointer.find('/', at + 1), pointer.size());
        std::string token;
        for (size_t k = at + 1; k < end; ++k) {
            if (pointer[k] == '~' && k + 1 < end) {
                token += pointer[k + 1] == '1' ? '/' : '~';
                ++k;
            } else {
                token += pointer[k];
            }
        }
        tokens.push_back(std::move(token));
        at = end;
    }
    return tokens;
}

// Where the value for `token` starts inside the object or array at t[at]; npos if absent.
// A key given twice is found at its last place: nlohmann keeps the last value.
size_t childOf(const std::string& t, size_t at, const std::string& token) {
    size_t i = at + 1, found = std::string::npos;
    if (t[at] == '{') {
        for (;;) {
            skipSpace(t, &i);
            if (i >= t.size() || t[i] != '"') return found;
            const std::string key = readString(t, &i);
            skipSpace(t, &i);
            ++i; // ':'
            skipSpace(t, &i);
            if (key == token) found = i;
            skipValue(t, &i);
            skipSpace(t, &i);
            if (i >= t.size() || t[i] != ',') return found;
            ++i;
        }
    }
    if (token.empty() || token.find_first_not_of("0123456789") != std::string::npos || token.size() > 18) return found;
    const unsigned long long want = std::stoull(token);
    for (unsigned long long n = 0;; ++n) {
        skipSpace(t, &i);
        if (i >= t.size() || t[i] == ']') return found;
        if (n == want) return i;
        skipValue(t, &i);
        skipSpace(t, &i);
        if (i >= t.size() || t[i] != ',') return found;
        ++i;
    }
}

} // namespace

void lineColumnAt(const std::string& text, size_t offset, int* line, int* column) {
    *line = 1;
    *column = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++*line;
            *column = 1;
        } else {
            ++*column;
        }
    }
}

bool parseJson(const std::string& text, nlohmann::ordered_json* doc, JsonError* error) {
    *error = JsonError{};
    if (text.size() > kMaxJsonBytes) {
        error->reason = "larger than " + std::to_string(kMaxJsonBytes >> 20) + " MB";
        return false;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string::npos) {
        error->reason = "the file is empty";
        return false;
    }
    int depth = 0;
    bool inString = false, escaped = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped) escaped = false;
            else if (c == '\\') escaped = true;
            else if (c == '"') inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > kMaxJsonDepth) {
                lineColumnAt(text, i, &error->line, &error->column);
                error->reason = "nested deeper than " + std::to_string(kMaxJsonDepth) + " levels (arrays and objects inside each other)";
                return false;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    try {
        *doc = nlohmann::ordered_json::parse(text);
        return true;
    } catch (const nlohmann::json::parse_error& x) {
        // x.byte is 1-based and points just past the offending character.
        lineColumnAt(text, x.byte > 0 ? x.byte - 1 : 0, &error->line, &error->column);
        const char* what = std::strstr(x.what(), "syntax error");
        error->reason = std::string("malformed JSON: ") + (what ? what : x.what());
    } catch (const nlohmann::json::exception& x) {
        // out_of_range 406, "number overflow parsing '1e999'": no byte offset; find the number.
        const std::string what = x.what();
        const size_t q = what.find('\'');
        const size_t q2 = q == std::string::npos ? q : what.find('\'', q + 1);
        const size_t at = q2 == std::string::npos ? q2 : text.find(what.substr(q + 1, q2 - q - 1));
        if (at != std::string::npos) lineColumnAt(text, at, &error->line, &error->column);
        const size_t tail = what.find("] ");
        error->reason = "malformed JSON: " + (tail == std::string::npos ? what : what.substr(tail + 2));
    }
    return false;
}

bool readTextFile(const std::string& path, std::string* text, std::string* error) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        *error = std::string("cannot open: ") + std::strerror(errno);
        return false;
    }
    in.seekg(0, std::ios::end);
    const std::streamoff size = in.tellg();
    if (size < 0) {
        *error = "cannot read its size";
        return false;
    }
    if (static_cast<unsigned long long>(size) > kMaxJsonBytes) {
        *error = "larger than " + std::to_string(kMaxJsonBytes >> 20) + " MB";
        return false;
    }
    in.seekg(0);
    text->assign(static_cast<size_t>(size), '\0');
    if (!in.read(text->data(), size)) {
        *error = std::string("cannot read: ") + std::strerror(errno);
        return false;
    }
    return true;
}

void locatePointer(const std::string& text, const std::string& pointer, int* line, int* column) {
    size_t at = 0;
    skipSpace(text, &at);
    for (const std::string& token : pointerTokens(pointer)) {
        if (at >= text.size() || (text[at] != '{' && text[at] != '[')) break;
        const size_t child = childOf(text, at, token);
        if (child == std::string::npos) break;
        at = child;
    }
    lineColumnAt(text, at, line, column);
}

std::string pointerTo(const std::string& base, const std::string& key) {
    std::string p = base + "/";
    for (char c : key) {
        if (c == '~') p += "~0";
        else if (c == '/') p += "~1";
        else p += c;
    }
    return p;
}

std::string pointerTo(const std::string& base, size_t index) { return base + "/" + std::to_string(index); }

std::string jsonText(const nlohmann::ordered_json& v) {
    std::string s = v.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    if (s.size() > 80) s = s.substr(0, 77) + "...";
    return s;
}

float jsonFloat(const nlohmann::ordered_json& v) {
    const double d = v.get<double>();
    if (d > FLT_MAX) return std::numeric_limits<float>::infinity();
    if (d < -FLT_MAX) return -std::numeric_limits<float>::infinity();
    return static_cast<float>(d);
}

bool jsonInt(const nlohmann::ordered_json& v, long long lo, long long hi, int* out) {
    if (!v.is_number_integer()) return false;
    if (v.is_number_unsigned()) {
        const auto u = v.get<unsigned long long>();
        if (hi < 0 || u > static_cast<unsigned long long>(hi) || static_cast<long long>(u) < lo) return false;
        *out = static_cast<int>(u);
        return true;
    }
    const auto s = v.get<long long>();
    if (s < lo || s > hi) return false;
    *out = static_cast<int>(s);
    return true;
}

} // namespace hr
