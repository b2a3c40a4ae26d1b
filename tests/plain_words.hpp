// Plain words, counted: sentences of at most 25 words, shared by the planner and window
// tests. Source titles, links and identifiers are quoted as published and not counted; citation
// marks ("[1, 2]", also Markdown-escaped) are not words.
#pragma once

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "planner/model.hpp"

namespace plain_words {

using planner::Protocol;

inline constexpr std::size_t kMaxWords = 25;

inline void erase_all(std::string& text, const std::string& part) {
    if (part.empty()) return;
    for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at))
        text.replace(at, part.size(), " ");
}

// Drops what is quoted rather than written here: source titles, links, identifiers, and the
// citation marks "[1, 2]" (also Markdown-escaped, "\[1, 2\]").
inline std::string without_quotes(std::string text, const std::vector<Protocol>& presets) {
    for (const auto& p : presets)
        for (const auto& s : p.sources) {
            erase_all(text, s.title);
            erase_all(text, s.url);
            erase_all(text, s.identifier);
        }
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool escaped = text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '[';
        if (text[i] == '[' || escaped) {
            const auto close = text.find(']', i);
            const auto inside = text.substr(i, close == std::string::npos ? 0 : close - i);
            const bool marks =
                close != std::string::npos &&
                std::all_of(inside.begin() + (escaped ? 2 : 1), inside.end(), [](char c) {
                    return std::isdigit(static_cast<unsigned char>(c)) || c == ',' || c == ' ' ||
                           c == '\\';
                });
            if (marks) {
                i = close;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

// Sentences: split at . ! ? followed by a space or the end, at line breaks and at table bars.
inline std::vector<std::string> sentences(const std::string& text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool end_mark = (c == '.' || c == '!' || c == '?') &&
                              (i + 1 == text.size() || text[i + 1] == ' ' || text[i + 1] == '\n');
        if (c == '\n' || c == '|' || end_mark) {
            if (end_mark) cur += c;
            out.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    out.push_back(cur);
    return out;
}

inline std::size_t words(const std::string& sentence) {
    std::size_t n = 0;
    bool in_word = false;
    bool counted = false;
    for (const char c : sentence + " ") {
        if (c == ' ' || c == '\t') {
            if (in_word && counted) ++n;
            in_word = counted = false;
        } else {
            in_word = true;
            counted = counted || std::isalnum(static_cast<unsigned char>(c));
        }
    }
    return n;
}

inline void check_plain(const std::string& where, const std::string& text,
                        const std::vector<Protocol>& presets) {
    for (const auto& s : sentences(without_quotes(text, presets))) {
        if (words(s) <= kMaxWords) continue;
        CAPTURE(where);
        CAPTURE(s);
        FAIL_CHECK("a sentence of " << words(s) << " words (at most " << kMaxWords << ")");
    }
}

}  // namespace plain_words
