#include "planner/text_guard.hpp"

#include <array>
#include <cstdio>

namespace planner {

namespace {

[[nodiscard]] unsigned char byte(std::string_view s, std::size_t i) {
    return static_cast<unsigned char>(s[i]);
}

// Length of the valid UTF-8 sequence at s[i] (RFC 3629), or 0.
[[nodiscard]] std::size_t utf8_length(std::string_view s, std::size_t i) {
    const unsigned char c = byte(s, i);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size() || byte(s, i + 1) < lo || byte(s, i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(s, i + k) < 0x80 || byte(s, i + k) > 0xBF) return 0;
    return len;
}

[[nodiscard]] unsigned code_point(std::string_view s, std::size_t i, std::size_t len) {
    if (len == 1) return byte(s, i);
    unsigned cp = byte(s, i) & (len == 2 ? 0x1Fu : len == 3 ? 0x0Fu : 0x07u);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (byte(s, i + k) & 0x3Fu);
    return cp;
}

[[nodiscard]] bool is_bidi_control(unsigned cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E) ||
           (cp >= 0x2066 && cp <= 0x2069);
}

}  // namespace

std::size_t bidi_control_at(std::string_view text, std::size_t i) {
    const std::size_t len = utf8_length(text, i);
    return len > 1 && is_bidi_control(code_point(text, i, len)) ? len : 0;
}

std::string terminal_safe(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        // A run of printable ASCII (most of any text) is copied whole.
        std::size_t run = i;
        while (run < text.size() && text[run] >= 0x20 && text[run] < 0x7F) ++run;
        if (run > i) {
            out.append(text.substr(i, run - i));
            i = run;
            continue;
        }
        const std::size_t len = utf8_length(text, i);
        if (len == 0) {
            out += kPlaceholder;
            ++i;
            continue;
        }
        const unsigned cp = code_point(text, i, len);
        if (cp == '\t' || cp == '\n') {
            out += ' ';
        } else if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F) || is_bidi_control(cp)) {
            out += kPlaceholder;
        } else {
            out.append(text.substr(i, len));
        }
        i += len;
    }
    return out;
}

std::string without_bidi_controls(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        if (const std::size_t len = bidi_control_at(text, i); len > 0) {
            out += kPlaceholder;
            i += len;
        } else {
            out += text[i++];
        }
    }
    return out;
}

std::string json_escape_bidi_controls(std::string_view json) {
    std::string out;
    out.reserve(json.size());
    for (std::size_t i = 0; i < json.size();) {
        if (const std::size_t len = bidi_control_at(json, i); len > 0) {
            std::array<char, 8> buf{};
            std::snprintf(buf.data(), buf.size(), "\\u%04X", code_point(json, i, len));
            out += buf.data();
            i += len;
        } else {
            out += json[i++];
        }
    }
    return out;
}

}  // namespace planner
