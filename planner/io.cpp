// Preset files: a scan that records where every value starts, nlohmann/json for the
// syntax and the values, then the rules of PRESET_FORMAT.md, each problem with
// file:line:column. Also the preset library and atomic file writes.
//
// [SECTION] Limits and small helpers
// [SECTION] Positions: UTF-8 check, line/column cursor, position-recording scan
// [SECTION] Checker: the preset rules, building the Protocol as it goes
// [SECTION] Validate, parse, write back
// [SECTION] Library and folders
// [SECTION] Files

#include "planner/io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "planner/io_json.hpp"
#include "planner/limits.hpp"
#include "planner/parse.hpp"
#include "planner/rules.hpp"

// libunistring: Unicode normalisation, case folding and character categories.
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

namespace planner::io {
namespace {

// [SECTION] Limits and small helpers

using Json = nlohmann::json;
namespace fs = std::filesystem;

constexpr std::size_t kMaxFileBytes = std::size_t{4} << 20;
constexpr int kMaxDepth = 32;
constexpr std::size_t kMaxStringBytes = 2000;
// Positions are kept for the first items of arrays and the first levels of nesting, enough
// for any real preset; deeper or later values report their nearest kept ancestor's.
constexpr std::size_t kMaxPositions = 100000;
constexpr std::size_t kKeptItems = 1000;
constexpr int kKeptDepth = 8;
constexpr std::size_t kMaxProblemsKept = 10000;  // before sorting; bounds absurd files
constexpr std::size_t kMaxProblems = 100;
constexpr std::string_view kNoDose = "no dose: the planner shows timing and frequency only";

struct Pos {
    int line = 0;
    int column = 0;
};

[[nodiscard]] std::string lower_ascii(std::string_view s) {
    std::string out(s);
    for (auto& c : out)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return out;
}

[[nodiscard]] std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

[[nodiscard]] std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

[[nodiscard]] std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

// [SECTION] No dose: text normalised, then amounts, unit words and titration wording

// The text a reader sees, in a form that cannot hide a dose: Unicode compatibility form
// (NFKC: full-width "５０ｍｇ" is "50mg", "㎎" is "mg") with case folded, format characters
// (zero-width space, soft hyphen, bidi controls: Unicode category Cf) removed, and every
// space separator or line break (NBSP, thin space, U+2028, tab, newline ...) one space.
[[nodiscard]] std::string dose_normal_form(std::string_view text) {
    // ASCII is its own NFKC form and folds to lower case: no libunistring for most text
    if (std::all_of(text.begin(), text.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
        std::string out = lower_ascii(text);
        for (char& c : out)
            if (c >= '\t' && c <= '\r') c = ' ';  // the ASCII white space beside ' '
        return out;
    }
    std::size_t len = 0;
    uint8_t* folded = u8_casefold(reinterpret_cast<const uint8_t*>(text.data()), text.size(),
                                  nullptr, UNINORM_NFKC, nullptr, &len);
    if (folded == nullptr) return lower_ascii(text);  // out of memory or invalid: best effort
    std::string out;
    out.reserve(len);
    for (std::size_t i = 0; i < len;) {
        ucs4_t uc = 0;
        const int n = u8_mbtouc(&uc, folded + i, len - i);
        const std::size_t step = n > 0 ? static_cast<std::size_t>(n) : 1;
        if (uc_is_general_category(uc, UC_CATEGORY_Cf)) {
            // dropped: it is invisible
        } else if (uc_is_property_white_space(uc) || uc_is_general_category(uc, UC_CATEGORY_Z)) {
            out += ' ';
        } else {
            out.append(reinterpret_cast<const char*>(folded + i), step);
        }
        i += step;
    }
    std::free(folded);
    return out;
}

[[nodiscard]] bool is_letter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

[[nodiscard]] bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

// Words of normalised text: runs of ASCII letters and digits and of any non-ASCII letter
// (so "μg" is one word); everything else separates them. Each a view into `t`, so its byte
// offset is `word.data() - t.data()`; nothing is copied.
[[nodiscard]] bool is_word_byte(char c) {
    return static_cast<unsigned char>(c) >= 0x80 || is_letter(c) || is_digit(c);
}

template <typename Visit>  // Visit(std::string_view word) -> bool: true stops the walk
bool any_word(std::string_view t, Visit&& visit) {
    std::size_t i = 0;
    while (i < t.size()) {
        if (!is_word_byte(t[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < t.size() && is_word_byte(t[i])) ++i;
        if (visit(t.substr(start, i - start))) return true;
    }
    return false;
}

// Mass and volume units, as whole words (with a plural s) or right after a number.
constexpr std::array<std::string_view, 12> kUnits{
    "mg",   "mcg",       "\xCE\xBCg", "ug",         "ml",         "g",
    "gram", "milligram", "microgram", "milliliter", "millilitre", "kg"};

[[nodiscard]] bool is_unit(std::string_view word) {
    if (word.size() > 1 && word.back() == 's') word.remove_suffix(1);
    return std::find(kUnits.begin(), kUnits.end(), word) != kUnits.end();
}

// The wording that always speaks of an amount: titration (titrate, titrated, ...), dosage,
// and a unit word on its own ("in mg", "mg/kg", "per kg") except the lone letter "g" ("e.g.").
// "dose" alone is not refused ("no dose is shown", a cited title "In What Dose"), but a dose
// followed by a number is ("dose 0.5", "doses of 56").
[[nodiscard]] bool has_dose_wording(const std::string& t) {
    return any_word(t, [&](std::string_view word) {
        if (word.rfind("titrat", 0) == 0) return true;
        if (word == "dosage" || word == "dosages") return true;
        if (word != "g" && word != "gs" && is_unit(word)) return true;
        if (word == "dose" || word == "doses") {
            std::size_t k = static_cast<std::size_t>(word.data() - t.data()) + word.size();
            while (k < t.size() && (t[k] == ' ' || t[k] == ':' || t[k] == '=')) ++k;
            if (t.compare(k, 3, "of ") == 0) k += 3;
            while (k < t.size() && t[k] == ' ') ++k;
            if (k < t.size() && is_digit(t[k])) return true;
        }
        return false;
    });
}

// A number followed by a unit: "25 mg", "0.5mg/kg", "2 - 4 ml", "３ｍｇ".
[[nodiscard]] bool has_dose_amount(const std::string& t) {
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (!is_digit(t[i])) continue;
        std::size_t j = i + 1;
        while (j < t.size() && (is_digit(t[j]) || t[j] == '.' || t[j] == ',')) ++j;
        while (j < t.size() && (t[j] == ' ' || t[j] == '-')) ++j;
        std::size_t end = j;
        while (end < t.size() && (static_cast<unsigned char>(t[end]) >= 0x80 || is_letter(t[end])))
            ++end;
        if (end > j && is_unit(std::string_view(t).substr(j, end - j))) return true;
        i = j > i ? j - 1 : i;
    }
    return false;
}

[[nodiscard]] bool has_dose(std::string_view text) {
    const std::string t = dose_normal_form(text);
    return has_dose_amount(t) || has_dose_wording(t);
}

// A field name about doses: any of its words (split at '_', '-', '/', ...) a dose word.
[[nodiscard]] bool is_dose_key(std::string_view key) {
    const std::string t = dose_normal_form(key);
    return any_word(t, [](std::string_view word) {
        return word.rfind("titrat", 0) == 0 || word == "dose" || word == "doses" ||
               word == "dosage" || word == "dosing" || word == "mgkg" || word == "mgperkg" ||
               (word != "g" && is_unit(word));
    });
}

// [SECTION] Ids and one-line text

// Lowercase letter first, then lowercase letters and digits in groups joined by one '-':
// nothing a command line could take for an option ("--help", "-1-1").
[[nodiscard]] bool valid_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || !(id[0] >= 'a' && id[0] <= 'z') || id.back() == '-')
        return false;
    for (std::size_t i = 0; i < id.size(); ++i) {
        const char c = id[i];
        const bool ok = (c >= 'a' && c <= 'z') || is_digit(c) || (c == '-' && id[i - 1] != '-');
        if (!ok) return false;
    }
    return true;
}

constexpr std::string_view kIdRule =
    "an id: a lowercase letter, then lowercase letters and digits, single '-' between "
    "groups, at most 64 characters (such as \"iv-six-two-weeks\")";

// The first line break of any kind (LF, CR, VT, FF, NEL, U+2028, U+2029), or npos.
[[nodiscard]] std::size_t line_break_at(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c == '\n' || c == '\r' || c == '\v' || c == '\f') return i;
        if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return i;
        if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
            (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
             static_cast<unsigned char>(s[i + 2]) == 0xA9))
            return i;
    }
    return std::string_view::npos;
}

// The first control character other than LF (C0, DEL, C1, U+2028/2029) as "U+001B", or "".
[[nodiscard]] std::string control_in(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        unsigned cp = 0x110000;
        if ((c < 0x20 && c != '\n') || c == 0x7F) {
            cp = c;
        } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
                   static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
            cp = static_cast<unsigned char>(s[i + 1]);
        } else if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
                   (static_cast<unsigned char>(s[i + 2]) == 0xA8 ||
                    static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
            cp = 0x2000u + 0x28u + (static_cast<unsigned char>(s[i + 2]) - 0xA8u);
        }
        if (cp <= 0x10FFFF) {
            std::array<char, 12> buf{};
            std::snprintf(buf.data(), buf.size(), "U+%04X", cp);
            return buf.data();
        }
    }
    return {};
}

// [SECTION] Positions: UTF-8 check, line/column cursor, position-recording scan

// Offset of the first byte that does not start a valid UTF-8 sequence, or npos.
[[nodiscard]] std::size_t invalid_utf8_at(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x80) {
            ++i;
            continue;
        }
        std::size_t len = 0;
        unsigned cp = 0;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            cp = c & 0x1Fu;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            cp = c & 0x0Fu;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            cp = c & 0x07u;
        } else {
            return i;
        }
        if (i + len > s.size()) return i;
        for (std::size_t k = 1; k < len; ++k) {
            const auto cc = static_cast<unsigned char>(s[i + k]);
            if ((cc & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (cc & 0x3Fu);
        }
        if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
            (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
            return i;
        i += len;
    }
    return std::string_view::npos;
}

// Walks text keeping a 1-based line and column; a column counts code points and
// CRLF (or a lone CR) is one line break.
class Cursor {
public:
    explicit Cursor(std::string_view text) : text_(text) {}
    [[nodiscard]] bool done() const { return off_ >= text_.size(); }
    [[nodiscard]] char peek() const { return done() ? '\0' : text_[off_]; }
    [[nodiscard]] std::size_t offset() const { return off_; }
    [[nodiscard]] Pos pos() const { return {line_, column_}; }
    void advance() {
        if (done()) return;
        const auto c = static_cast<unsigned char>(text_[off_++]);
        if (c == '\n') {
            ++line_;
            column_ = 1;
        } else if (c == '\r') {
            if (peek() != '\n') {
                ++line_;
                column_ = 1;
            }
        } else if ((c & 0xC0) != 0x80) {
            ++column_;
        }
    }
    void skip_whitespace() {
        while (!done() && (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r'))
            advance();
    }

private:
    std::string_view text_;
    std::size_t off_ = 0;
    int line_ = 1;
    int column_ = 1;
};

[[nodiscard]] Pos pos_at(std::string_view text, std::size_t offset) {
    Cursor c(text);
    while (!c.done() && c.offset() < offset) c.advance();
    return c.pos();
}

struct Scan {
    bool positions = true;  // false: values and keys stay empty (a first pass, see check)
    std::unordered_map<std::string, Pos> values;          // path -> where the value starts
    std::unordered_map<std::string, Pos> keys;            // path -> where its key starts
    std::vector<std::pair<Pos, std::string>> duplicates;  // key position, path
    std::optional<std::pair<Pos, std::string>> too_deep;  // first container past the limit
    std::optional<Pos> overflow;                          // first number too large for a double
    bool malformed = false;                               // nlohmann gives the message
    Pos stop{};  // start of the token where the scan stopped
    std::size_t stop_offset = 0;
};

// A tolerant scan of the JSON text: records where values and keys start, finds
// duplicate keys and nesting past the limit, and stops at the first malformed token.
class Scanner {
public:
    Scanner(std::string_view text, Scan& out) : cur_(text), text_(text), out_(out) {}

    void run() {
        cur_.skip_whitespace();
        if (!value("", 0, true)) return;
        cur_.skip_whitespace();
        if (!cur_.done()) fail();
    }

private:
    bool fail() {
        out_.malformed = true;
        out_.stop = cur_.pos();
        out_.stop_offset = cur_.offset();
        return false;
    }

    static void record(std::unordered_map<std::string, Pos>& map, const std::string& path, Pos p) {
        if (map.size() < kMaxPositions) map.insert_or_assign(path, p);
    }

    // keep: record positions in this value (see kKeptItems).
    bool value(const std::string& path, int depth, bool keep) {
        keep = keep && out_.positions;
        if (keep) record(out_.values, path, cur_.pos());
        keep = keep && depth < kKeptDepth;
        switch (cur_.peek()) {
            case '{': return object(path, depth + 1, keep);
            case '[': return array(path, depth + 1, keep);
            case '"': return string_token(nullptr);
            default: break;
        }
        const Pos start = cur_.pos();
        const std::size_t from = cur_.offset();
        while (!cur_.done()) {
            const char c = cur_.peek();
            if (!(is_letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'))
                break;
            cur_.advance();
        }
        const auto token = text_.substr(from, cur_.offset() - from);
        if (token.empty()) return fail();
        if (!out_.overflow && (token[0] == '-' || (token[0] >= '0' && token[0] <= '9')) &&
            !std::isfinite(std::strtod(std::string(token).c_str(), nullptr)))
            out_.overflow = start;
        return true;
    }

    bool too_deep(const std::string& path, int depth) {
        if (depth <= kMaxDepth) return false;
        out_.too_deep = std::make_pair(cur_.pos(), path);
        return true;
    }

    bool object(const std::string& path, int depth, bool keep) {
        if (too_deep(path, depth)) return false;
        cur_.advance();  // '{'
        cur_.skip_whitespace();
        if (cur_.peek() == '}') {
            cur_.advance();
            return true;
        }
        std::set<std::string> seen;
        while (true) {
            cur_.skip_whitespace();
            if (cur_.peek() != '"') return fail();
            const Pos key_pos = cur_.pos();
            std::string key;
            if (!string_token(&key)) return false;
            const std::string child = join(path, key);
            if (!seen.insert(key).second) out_.duplicates.emplace_back(key_pos, child);
            if (keep) record(out_.keys, child, key_pos);
            cur_.skip_whitespace();
            if (cur_.peek() != ':') return fail();
            cur_.advance();
            cur_.skip_whitespace();
            if (!value(child, depth, keep)) return false;
            cur_.skip_whitespace();
            if (cur_.peek() == ',') {
                cur_.advance();
                continue;
            }
            if (cur_.peek() == '}') {
                cur_.advance();
                return true;
            }
            return fail();
        }
    }

    bool array(const std::string& path, int depth, bool keep) {
        if (too_deep(path, depth)) return false;
        cur_.advance();  // '['
        cur_.skip_whitespace();
        if (cur_.peek() == ']') {
            cur_.advance();
            return true;
        }
        for (std::size_t i = 0;; ++i) {
            cur_.skip_whitespace();
            const bool keep_item = keep && i < kKeptItems;
            if (!value(index(path, i), depth, keep_item)) return false;
            cur_.skip_whitespace();
            if (cur_.peek() == ',') {
                cur_.advance();
                continue;
            }
            if (cur_.peek() == ']') {
                cur_.advance();
                return true;
            }
            return fail();
        }
    }

    // Reads a string token; decodes it into *decoded when given (keys).
    bool string_token(std::string* decoded) {
        const std::size_t start = cur_.offset();
        cur_.advance();  // opening quote
        bool escaped = false;
        while (true) {
            if (cur_.done()) return fail();
            const char c = cur_.peek();
            if (static_cast<unsigned char>(c) < 0x20) return fail();
            if (c == '\\') {
                escaped = true;
                cur_.advance();
                if (cur_.done()) return fail();
                cur_.advance();
                continue;
            }
            cur_.advance();
            if (c == '"') break;
        }
        if (decoded == nullptr) return true;
        const auto raw = text_.substr(start, cur_.offset() - start);
        if (!escaped) {
            *decoded = std::string(raw.substr(1, raw.size() - 2));
            return true;
        }
        try {
            *decoded = Json::parse(raw).get<std::string>();
        } catch (const std::exception&) {
            return fail();
        }
        return true;
    }

    Cursor cur_;
    std::string_view text_;
    Scan& out_;
};

// "...parse error at line 1, column 2: syntax error while parsing object - unexpected
// end of input; expected string literal" -> "unexpected end of input; expected string
// literal (in object)", without nlohmann's "last read" echo of the file text.
[[nodiscard]] std::string clean_parse_error(std::string what) {
    const std::size_t colon = what.find(": ", what.find("parse error"));
    if (colon != std::string::npos) what = what.substr(colon + 2);
    std::string context;
    const std::string syntax = "syntax error while parsing ";
    if (what.rfind(syntax, 0) == 0) {
        const std::size_t dash = what.find(" - ");
        if (dash != std::string::npos) {
            context = what.substr(syntax.size(), dash - syntax.size());
            what = what.substr(dash + 3);
        }
    } else if (what.rfind("syntax error ", 0) == 0) {
        what = what.substr(std::string("syntax error ").size());
        if (what.rfind("- ", 0) == 0) what = what.substr(2);
    }
    const std::size_t last = what.find("; last read: '");
    if (last != std::string::npos) {
        const std::size_t end = what.find("'; expected", last + 14);
        what.erase(last, end == std::string::npos ? std::string::npos : end + 1 - last);
    }
    if (what.size() > 200) what = what.substr(0, 200) + "...";
    return context.empty() ? what : what + " (in " + context + ")";
}

// [SECTION] Checker: the preset rules, building the Protocol as it goes

// What a sources list backs up; which kinds of source can back it is in supports().
enum class Role { cadence, as_needed, visits, duration, visit_fact, reschedule, note };

struct Citation {
    std::string path;  // "phases[0].cadence.sources"
    Role role;
    std::vector<std::string> ids;
};

// The table of docs/presets.md "What each kind of source can support". Notes may cite any
// kind; an illustrative preset may rest on anything but an agency page; otherwise a schedule
// needs a label, trial, study or review, and what a visit involves may also come from the
// maker's site or a clinic page (never from an at-home service or a cohort).
[[nodiscard]] bool supports(Role role, SourceKind kind, bool illustrative) {
    using K = SourceKind;
    if (role == Role::note) return true;
    if (illustrative) return kind != K::agency;
    const bool research =
        kind == K::label || kind == K::trial || kind == K::study || kind == K::review;
    switch (role) {
        case Role::cadence: return research;
        case Role::visits: return research || kind == K::clinic;
        case Role::as_needed:
        case Role::duration:
        case Role::visit_fact:
        case Role::reschedule: return research || kind == K::maker || kind == K::clinic;
        case Role::note: return true;
    }
    return false;
}

[[nodiscard]] std::string_view role_text(Role role) {
    switch (role) {
        case Role::cadence:
            return "a cadence in a preset that is not illustrative: a label, trial, study or "
                   "review";
        case Role::visits:
            return "a visit count in a preset that is not illustrative: a label, trial, study, "
                   "review or clinic page";
        case Role::as_needed:
            return "an as-needed cadence: a label, trial, study, review, the maker's site or a "
                   "clinic page";
        case Role::duration:
            return "a duration: a label, trial, study, review, the maker's site or a clinic page";
        case Role::visit_fact:
            return "what a visit involves: a label, trial, study, review, the maker's site or a "
                   "clinic page";
        case Role::reschedule:
            return "a rescheduling rule: a label, trial, study, review, the maker's site or a "
                   "clinic page";
        case Role::note: return "a note";
    }
    return "a field";
}

class Checker {
public:
    // `prefix`: where the preset sits in a larger file ("courses[0].protocol" in a plan).
    Checker(std::string_view file, const Scan& scan, std::vector<Problem>& out,
            std::string prefix = {})
        : file_(file), scan_(scan), out_(out), prefix_(std::move(prefix)) {}

    Protocol run(const Json& root);
    // The checks every string gets (size, no dose), for files that embed other values.
    void check_strings(const Json& v, const std::string& path) { walk(v, path); }

private:
    [[nodiscard]] std::string full(const std::string& path) const {
        if (prefix_.empty()) return path;
        return path.empty() ? prefix_
                            : (path.front() == '[' ? prefix_ + path : prefix_ + "." + path);
    }

    // [SECTION] Checker: reporting
    [[nodiscard]] Pos where(std::string path) const {
        if (!scan_.positions) return {1, 1};  // a first pass: a problem means a second one
        path = full(path);
        while (true) {
            const auto it = scan_.values.find(path);
            if (it != scan_.values.end()) return it->second;
            if (path.empty()) return {1, 1};
            // A key may hold ']' or '[' itself ("a]"): only a '[' makes an index.
            if (const std::size_t open = path.rfind('[');
                path.back() == ']' && open != std::string::npos) {
                path.erase(open);
            } else {
                const std::size_t dot = path.rfind('.');
                path.erase(dot == std::string::npos ? 0 : dot);
            }
        }
    }

    void add_at(Pos p, const std::string& path, std::string expected) {
        if (out_.size() >= kMaxProblemsKept) return;
        const std::string field = full(path);
        out_.push_back(Problem{file_, p.line, p.column, field.empty() ? "(root)" : field,
                               std::move(expected)});
    }
    void add(const std::string& path, std::string expected) {
        add_at(where(path), path, std::move(expected));
    }
    void add_key(const std::string& path, std::string expected) {
        const auto it = scan_.keys.find(full(path));
        add_at(it != scan_.keys.end() ? it->second : where(path), path, std::move(expected));
    }

    // [SECTION] Checker: generic rules (doses, string sizes) over every value
    void walk(const Json& v, const std::string& path) {
        if (v.is_string()) {
            const auto& s = v.get_ref<const std::string&>();
            if (s.size() > kMaxStringBytes)
                add(path, "a string of at most 2000 bytes");
            else if (has_dose(s))
                add(path, std::string(kNoDose));
        } else if (v.is_object()) {
            for (auto it = v.begin(); it != v.end(); ++it) {
                const std::string child = join(path, it.key());
                if (is_dose_key(it.key())) add_key(child, std::string(kNoDose));
                walk(it.value(), child);
            }
        } else if (v.is_array()) {
            for (std::size_t i = 0; i < v.size(); ++i) walk(v[i], index(path, i));
        }
    }

    // [SECTION] Checker: field readers
    [[nodiscard]] static const Json* member(const Json& obj, std::string_view key) {
        const auto it = obj.find(std::string(key));
        return it == obj.end() ? nullptr : &*it;
    }

    void missing(const std::string& path, std::string_view expected) {
        add(path, std::string(expected) + " (the field is missing)");
    }

    // Reports fields not in `allowed` (dose keys are reported by walk()).
    void known_fields(const Json& obj, const std::string& path,
                      std::initializer_list<std::string_view> allowed) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const std::string& key = it.key();
            if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
            if (is_dose_key(key)) continue;
            std::string list;
            for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            add_key(join(path, key),
                    "a known field (" + quote(key) + " is not one; allowed here: " + list + ")");
        }
    }

    // Checks an object value; false (and a problem) when it is not one.
    bool is_object(const Json& v, const std::string& path, std::string_view what) {
        if (v.is_object()) return true;
        add(path, "an object with " + std::string(what));
        return false;
    }

    std::optional<int> integer(const Json& obj, const std::string& parent, std::string_view key,
                               int lo, int hi, bool required, std::string_view why = {}) {
        const std::string path = join(parent, key);
        std::string expected = "an integer from " + std::to_string(lo) + " to " +
                               std::to_string(hi) + std::string(why);
        const Json* v = member(obj, key);
        if (v == nullptr) {
            if (required) missing(path, expected);
            return std::nullopt;
        }
        if (v->is_number_integer()) {
            const bool in_range =
                v->is_number_unsigned()
                    ? v->get<std::uint64_t>() <= static_cast<std::uint64_t>(std::max(hi, 0)) &&
                          static_cast<std::int64_t>(v->get<std::uint64_t>()) >= lo
                    : v->get<std::int64_t>() >= lo && v->get<std::int64_t>() <= hi;
            if (in_range) return static_cast<int>(v->get<std::int64_t>());
        }
        add(path, std::move(expected));
        return std::nullopt;
    }

    std::optional<bool> boolean(const Json& obj, const std::string& parent, std::string_view key,
                                bool required) {
        const std::string path = join(parent, key);
        const Json* v = member(obj, key);
        if (v == nullptr) {
            if (required) missing(path, "true or false");
            return std::nullopt;
        }
        if (v->is_boolean()) return v->get<bool>();
        add(path, "true or false");
        return std::nullopt;
    }

    // A string; max_chars 0 means only the general 2000-byte limit.
    std::optional<std::string> text(const Json& obj, const std::string& parent,
                                    std::string_view key, bool required, bool non_empty,
                                    std::size_t max_chars = 0, bool one_line = false) {
        const std::string path = join(parent, key);
        std::string expected = non_empty ? "a non-empty string" : "a string";
        if (max_chars > 0) expected += " of at most " + std::to_string(max_chars) + " characters";
        if (one_line) expected += " on one line";
        const Json* v = member(obj, key);
        if (v == nullptr) {
            if (required) missing(path, expected);
            return std::nullopt;
        }
        if (!v->is_string()) {
            add(path, std::move(expected));
            return std::nullopt;
        }
        const auto& s = v->get_ref<const std::string&>();
        if (s.size() > kMaxStringBytes) return std::nullopt;  // reported by walk()
        const bool bad = (non_empty && s.empty()) ||
                         (max_chars > 0 && code_points(s) > max_chars) ||
                         (one_line && line_break_at(s) != std::string::npos);
        if (bad) {
            add(path, std::move(expected));
            return std::nullopt;
        }
        // Escapes and controls would reach terminals and calendars; a line break only in notes.
        if (const std::string control = control_in(s); !control.empty()) {
            add(path, "text without control characters (" + control + " is one)");
            return std::nullopt;
        }
        return s;
    }

    std::optional<std::string> id_field(const Json& obj, const std::string& parent,
                                        std::string_view key) {
        const std::string path = join(parent, key);
        const Json* v = member(obj, key);
        if (v == nullptr) {
            missing(path, kIdRule);
            return std::nullopt;
        }
        if (v->is_string() && valid_id(v->get_ref<const std::string&>()))
            return v->get<std::string>();
        add(path, std::string(kIdRule));
        return std::nullopt;
    }

    // A "sources": [ids] list (or another key); each id declared in the top-level sources.
    // Recorded with its role, so the kinds of the sources it names can be checked at the end.
    std::vector<std::string> source_refs(const Json& obj, const std::string& parent, Role role,
                                         std::string_view key = "sources", bool required = true) {
        const std::string path = join(parent, key);
        constexpr std::string_view expected =
            "a non-empty list of source ids declared in the top-level \"sources\"";
        std::vector<std::string> refs;
        const Json* v = member(obj, key);
        if (v == nullptr) {
            if (required) missing(path, expected);
            return refs;
        }
        if (!v->is_array() || v->empty()) {
            add(path, std::string(expected));
            return refs;
        }
        for (std::size_t i = 0; i < v->size(); ++i) {
            const Json& item = (*v)[i];
            if (!item.is_string()) {
                add(index(path, i), "a source id (a string)");
                continue;
            }
            const auto& id = item.get_ref<const std::string&>();
            if (sources_listed_ && declared_.count(id) == 0) {
                add(index(path, i), "a source id declared in the top-level \"sources\" (" +
                                        quote(id) + " is not declared)");
                continue;
            }
            refs.push_back(id);
        }
        citations_.push_back(Citation{path, role, refs});
        return refs;
    }

    // The optional "derived" sentence: how a number no source states was worked out.
    std::string derived_text(const Json& obj, const std::string& parent) {
        return text(obj, parent, "derived", false, true, 0, true).value_or(std::string{});
    }

    // {"min": int, "max": int, "sources": [ids]} with lo <= min <= max <= hi; or, with
    // `minutes`, {"at_least": int, "sources"} (a minimum with no published maximum). A range
    // whose ends differ may cite each end instead: "min_sources" and "max_sources".
    std::optional<CitedRange> cited_range(const Json& obj, const std::string& parent,
                                          std::string_view key, int lo, int hi, bool required,
                                          Role role, bool minutes, std::string_view max_why = {}) {
        const std::string path = join(parent, key);
        const Json* v = member(obj, key);
        const std::string what =
            minutes ? "min, max and sources, or at_least and sources" : "min, max and sources";
        if (v == nullptr) {
            if (required) missing(path, "an object with " + what);
            return std::nullopt;
        }
        if (!is_object(*v, path, what)) return std::nullopt;
        if (minutes)
            known_fields(
                *v, path,
                {"min", "max", "at_least", "sources", "min_sources", "max_sources", "derived"});
        else
            known_fields(*v, path,
                         {"min", "max", "sources", "min_sources", "max_sources", "derived"});
        CitedRange out;
        out.derived = derived_text(*v, path);
        const bool per_end =
            member(*v, "min_sources") != nullptr || member(*v, "max_sources") != nullptr;
        if (minutes && member(*v, "at_least") != nullptr) {
            out.at_least = true;
            if (member(*v, "min") != nullptr || member(*v, "max") != nullptr)
                add(path, "either at_least or min and max, not both");
            if (per_end)
                add(path,
                    "one sources list with at_least (a minimum has one end, so no "
                    "min_sources or max_sources)");
            const auto least = integer(*v, path, "at_least", lo, hi, true);
            out.sources = source_refs(*v, path, role);
            if (!least) return std::nullopt;
            out.value = Range{*least, *least};
            return out;
        }
        const auto min = integer(*v, path, "min", lo, hi, true, max_why);
        const auto max =
            min ? integer(*v, path, "max", *min, hi, true,
                          max_why.empty() && *min > lo ? " (not less than min)" : max_why)
                : integer(*v, path, "max", lo, hi, true, max_why);
        if (per_end) {
            if (member(*v, "sources") != nullptr)
                add(path, "sources, or min_sources and max_sources, not both");
            out.min_sources = source_refs(*v, path, role, "min_sources");
            out.max_sources = source_refs(*v, path, role, "max_sources");
            if (min && max && *min == *max)
                add(path,
                    "one sources list for a single value (min_sources and max_sources "
                    "are for a range whose ends differ)");
            out.sources = out.min_sources;
            for (const auto& id : out.max_sources)
                if (std::find(out.sources.begin(), out.sources.end(), id) == out.sources.end())
                    out.sources.push_back(id);
        } else {
            out.sources = source_refs(*v, path, role);
        }
        if (!min || !max) return std::nullopt;
        out.value = Range{*min, *max};
        return out;
    }

    std::optional<CitedFlag> cited_flag(const Json& obj, const std::string& parent,
                                        std::string_view key) {
        const std::string path = join(parent, key);
        const Json* v = member(obj, key);
        if (v == nullptr) {
            missing(path, "an object with value and sources");
            return std::nullopt;
        }
        if (!is_object(*v, path, "value and sources")) return std::nullopt;
        known_fields(*v, path, {"value", "sources"});
        const auto value = boolean(*v, path, "value", true);
        auto sources = source_refs(*v, path, Role::visit_fact);
        if (!value) return std::nullopt;
        return CitedFlag{*value, std::move(sources)};
    }

    // [SECTION] Checker: the parts of a preset
    void read_sources(const Json& root, Protocol& p);
    void read_visit(const Json& root, Protocol& p);
    void read_phases(const Json& root, Protocol& p);
    std::optional<Phase> read_phase(const Json& v, const std::string& path);
    std::optional<Cadence> read_cadence(const Json& phase, const std::string& phase_path);
    std::optional<Reschedule> read_reschedule(const Json& phase, const std::string& phase_path,
                                              const std::optional<Cadence>& cadence);
    void read_clinic_days(const Json& root, Protocol& p);
    void check_citations(const Protocol& p);

    std::string file_;
    const Scan& scan_;
    std::vector<Problem>& out_;
    std::set<std::string> declared_;  // top-level source ids
    bool sources_listed_ = false;     // false: the sources list itself is the problem
    std::string prefix_;
    std::vector<Citation> citations_;     // every sources list read, for check_citations
    std::set<std::string> unknown_kind_;  // sources whose kind is itself the problem
};

Protocol Checker::run(const Json& root) {
    Protocol p;
    if (!root.is_object()) {
        add("", "a JSON object holding one preset (schema_version, id, title, ...)");
        return p;
    }
    // A newer file is reported alone: its other "problems" are probably new features.
    if (const Json* v = member(root, "schema_version"); v != nullptr && v->is_number_integer()) {
        const bool newer =
            v->is_number_unsigned() ? v->get<std::uint64_t>() > 1 : v->get<std::int64_t>() > 1;
        if (newer) {
            add("schema_version",
                "a schema_version of 1 or lower (this file is from a newer Course Planner)");
            return p;
        }
    }
    walk(root, "");
    known_fields(root, "",
                 {"schema_version", "id", "title", "description", "route", "illustrative",
                  "illustrative_note", "illustrative_sources", "visit_noun", "default_clinic_days",
                  "visit", "phases", "sources"});
    if (const auto v = integer(root, "", "schema_version", 1, 1, true)) p.schema_version = *v;
    if (auto v = id_field(root, "", "id")) p.id = std::move(*v);
    if (auto v = text(root, "", "title", true, true, 200, true)) p.title = std::move(*v);
    if (auto v = text(root, "", "description", true, true, 300, true)) p.description = *v;

    constexpr std::string_view route_rule = "one of iv, nasal, im, subcutaneous, oral";
    if (const Json* v = member(root, "route"); v == nullptr) {
        missing("route", route_rule);
    } else {
        bool found = false;
        for (const Route r :
             {Route::iv, Route::nasal, Route::im, Route::subcutaneous, Route::oral}) {
            if (v->is_string() && v->get_ref<const std::string&>() == route_id(r)) {
                p.route = r;
                found = true;
            }
        }
        if (!found) add("route", std::string(route_rule));
    }

    p.illustrative = boolean(root, "", "illustrative", false).value_or(false);
    constexpr std::string_view note_rule =
        "a non-empty note when illustrative is true (\"Illustrative: no standard published "
        "course. ...\")";
    if (const Json* v = member(root, "illustrative_note"); v != nullptr) {
        if (auto note = text(root, "", "illustrative_note", false, true, 0, true))
            p.illustrative_note = *note;
    } else if (p.illustrative) {
        missing("illustrative_note", note_rule);
    }

    if (const Json* v = member(root, "visit_noun"); v != nullptr) {
        const bool ok =
            v->is_string() && (*v == "infusion" || *v == "injection" || *v == "session");
        if (ok)
            p.noun = v->get<std::string>();
        else
            add("visit_noun", "one of infusion, injection, session (what one visit is called)");
    }

    read_sources(root, p);  // first: the other fields cite these ids
    if (member(root, "illustrative_sources") != nullptr) {
        if (member(root, "illustrative_note") == nullptr)
            add_key("illustrative_sources", "illustrative_sources only with an illustrative_note");
        p.illustrative_sources = source_refs(root, "", Role::note, "illustrative_sources");
    }
    read_clinic_days(root, p);
    read_visit(root, p);
    const std::size_t before = out_.size();
    read_phases(root, p);
    // What validate accepts, the engine must expand: the same visit limit, at the longest
    // booster horizon a course may ask for.
    if (out_.size() == before && !p.phases.empty()) {
        const std::size_t most = limits::max_visits(p, limits::kMaxBoosterMonths);
        if (most > limits::kMaxVisits)
            add("phases", "phases that make at most " + std::to_string(limits::kMaxVisits) +
                              " visits in a course (these can make " + std::to_string(most) +
                              ", counting as-needed boosters over " +
                              std::to_string(limits::kMaxBoosterMonths) + " months)");
    }
    check_citations(p);
    return p;
}

void Checker::check_citations(const Protocol& p) {
    if (!sources_listed_) return;
    std::set<std::string> cited;
    for (const Citation& c : citations_) {
        std::vector<std::string> kinds;
        bool supported = c.ids.empty();
        for (const auto& id : c.ids) {
            cited.insert(id);
            const Source* s = p.find_source(id);
            if (s == nullptr || unknown_kind_.count(id) > 0) {
                supported = true;  // a bad source entry is reported where it is declared
                continue;
            }
            supported = supported || supports(c.role, s->kind, p.illustrative);
            const std::string label = lower_ascii(source_kind_label(s->kind));
            if (std::find(kinds.begin(), kinds.end(), label) == kinds.end()) kinds.push_back(label);
        }
        if (supported) continue;
        std::string list;
        for (const auto& k : kinds) list += (list.empty() ? "" : ", ") + k;
        const std::string what =
            p.illustrative ? "it in an illustrative preset: any kind but a public agency page"
                           : std::string(role_text(c.role));
        add(c.path, "a source of a kind that can support " + what +
                        " (this list cites only: " + list + ")");
    }
    for (std::size_t i = 0; i < p.sources.size(); ++i) {
        const std::string& id = p.sources[i].id;
        if (id.empty() || cited.count(id) > 0) continue;
        add(index("sources", i) + ".id", "a source that some field cites (" + quote(id) +
                                             " is declared, but no sources list names it)");
    }
}

void Checker::read_sources(const Json& root, Protocol& p) {
    const Json* list = member(root, "sources");
    constexpr std::string_view rule =
        "a non-empty list of sources, each {\"id\", \"title\", \"kind\", \"url\" or "
        "\"identifier\"}";
    if (list == nullptr) {
        missing("sources", rule);
        return;
    }
    if (!list->is_array() || list->empty()) {
        add("sources", std::string(rule));
        return;
    }
    // Declare every id first so a bad source does not also break its citations.
    sources_listed_ = true;
    for (const auto& s : *list)
        if (s.is_object())
            if (const Json* id = member(s, "id"); id != nullptr && id->is_string())
                declared_.insert(id->get<std::string>());

    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& s = (*list)[i];
        const std::string path = index("sources", i);
        if (!is_object(s, path, "id, title and a url or identifier")) continue;
        known_fields(s, path, {"id", "title", "kind", "url", "identifier", "note"});
        Source src;
        if (auto id = id_field(s, path, "id")) {
            const auto [it, fresh] = seen.emplace(*id, i);
            if (!fresh)
                add(join(path, "id"), "a source id used once in the file (" + quote(*id) +
                                          " is also sources[" + std::to_string(it->second) +
                                          "].id)");
            src.id = std::move(*id);
        }
        if (auto v = text(s, path, "title", true, true, 0, true)) src.title = std::move(*v);
        constexpr std::string_view kind_rule =
            "one of label, trial, study, cohort, review, agency, maker, clinic, service";
        if (const Json* k = member(s, "kind"); k == nullptr) {
            missing(join(path, "kind"), kind_rule);
            unknown_kind_.insert(src.id);
        } else if (const auto kind = k->is_string()
                                         ? source_kind_from_id(k->get_ref<const std::string&>())
                                         : std::nullopt) {
            src.kind = *kind;
        } else {
            add(join(path, "kind"), std::string(kind_rule));
            unknown_kind_.insert(src.id);
        }
        if (const Json* url = member(s, "url"); url != nullptr) {
            const bool ok =
                url->is_string() && url->get_ref<const std::string&>().rfind("https://", 0) == 0 &&
                url->get_ref<const std::string&>().size() > 8 &&
                url->get_ref<const std::string&>().find_first_of(" \t\r\n") == std::string::npos;
            if (ok)
                src.url = url->get<std::string>();
            else
                add(join(path, "url"), "an https:// URL");
        }
        if (auto v = text(s, path, "identifier", false, true, 0, true))
            src.identifier = std::move(*v);
        if (auto v = text(s, path, "note", false, true, 0, true)) src.note = std::move(*v);
        // A note alone is not a citation: a reader must be able to follow the source.
        if (member(s, "url") == nullptr && member(s, "identifier") == nullptr)
            add(path, "a source with a \"url\" or an \"identifier\" a reader can follow");
        p.sources.push_back(std::move(src));
    }
}

void Checker::read_clinic_days(const Json& root, Protocol& p) {
    const Json* list = member(root, "default_clinic_days");
    if (list == nullptr) return;
    constexpr std::string_view day_rule = "a weekday id: mon, tue, wed, thu, fri, sat or sun";
    if (!list->is_array() || list->empty()) {
        add("default_clinic_days", "a non-empty list of weekday ids such as [\"mon\", \"thu\"]");
        return;
    }
    for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& d = (*list)[i];
        const std::string path = index("default_clinic_days", i);
        std::optional<chr::weekday> day;
        for (unsigned w = 0; w < 7 && d.is_string(); ++w)
            if (weekday_id(chr::weekday{w}) == d.get_ref<const std::string&>())
                day = chr::weekday{w};
        if (!day) {
            add(path, std::string(day_rule));
            continue;
        }
        if (std::find(p.default_clinic_days.begin(), p.default_clinic_days.end(), *day) !=
            p.default_clinic_days.end()) {
            add(path, "each weekday once (" + quote(d.get<std::string>()) + " is repeated)");
            continue;
        }
        p.default_clinic_days.push_back(*day);
    }
    std::sort(p.default_clinic_days.begin(), p.default_clinic_days.end(),
              [](chr::weekday a, chr::weekday b) { return a.iso_encoding() < b.iso_encoding(); });
}

void Checker::read_visit(const Json& root, Protocol& p) {
    const Json* v = member(root, "visit");
    constexpr std::string_view what =
        "treatment_minutes, observation_minutes, ride_home, no_driving_until_next_day";
    if (v == nullptr) {
        missing("visit", "an object with " + std::string(what));
        return;
    }
    if (!is_object(*v, "visit", what)) return;
    known_fields(*v, "visit",
                 {"treatment_minutes", "observation_minutes", "ride_home",
                  "no_driving_until_next_day", "fasting"});
    constexpr int most = limits::kMaxVisitMinutes;
    const auto treatment =
        cited_range(*v, "visit", "treatment_minutes", 1, most, true, Role::duration, true);
    if (treatment) p.visit.treatment_minutes = *treatment;
    const auto observation =
        cited_range(*v, "visit", "observation_minutes", 0, most, true, Role::duration, true);
    if (observation) p.visit.observation_minutes = *observation;
    // The engine needs the visit to end the day it starts (limits.hpp).
    if (treatment && observation && treatment->value.max + observation->value.max > most)
        add("visit.observation_minutes.max",
            "at most " + std::to_string(most - treatment->value.max) +
                " minutes: treatment and observation together at most " + std::to_string(most) +
                " minutes (12 hours)");
    if (auto f = cited_flag(*v, "visit", "ride_home")) p.visit.ride_home = std::move(*f);
    if (auto f = cited_flag(*v, "visit", "no_driving_until_next_day"))
        p.visit.no_driving_until_next_day = std::move(*f);
    if (const Json* f = member(*v, "fasting"); f != nullptr) {
        const std::string path = "visit.fasting";
        if (is_object(*f, path, "food_hours or solid_food_hours, liquids_minutes and sources")) {
            known_fields(*f, path,
                         {"food_hours", "solid_food_hours", "liquids_minutes", "sources"});
            Fasting fasting;
            if (member(*f, "food_hours") != nullptr && member(*f, "solid_food_hours") != nullptr)
                add(path, "food_hours (no food at all) or solid_food_hours, not both");
            fasting.food_hours = integer(*f, path, "food_hours", 0, 24, false).value_or(0);
            fasting.solid_food_hours =
                integer(*f, path, "solid_food_hours", 0, 24, false).value_or(0);
            fasting.liquids_minutes =
                integer(*f, path, "liquids_minutes", 0, 1440, false).value_or(0);
            fasting.sources = source_refs(*f, path, Role::visit_fact);
            p.visit.fasting = std::move(fasting);
        }
    }
}

void Checker::read_phases(const Json& root, Protocol& p) {
    const Json* list = member(root, "phases");
    constexpr std::string_view rule = "a list of 1 to 50 phases";
    if (list == nullptr) {
        missing("phases", rule);
        return;
    }
    if (!list->is_array() || list->empty() || list->size() > 50) {
        add("phases", std::string(rule));
        return;
    }
    std::map<std::string, std::size_t> seen;
    for (std::size_t i = 0; i < list->size(); ++i) {
        const std::string path = index("phases", i);
        auto phase = read_phase((*list)[i], path);
        if (!phase) continue;
        if (!phase->id.empty()) {
            const auto [it, fresh] = seen.emplace(phase->id, i);
            if (!fresh)
                add(join(path, "id"), "a phase id used once in the file (" + quote(phase->id) +
                                          " is also phases[" + std::to_string(it->second) +
                                          "].id)");
        }
        p.phases.push_back(std::move(*phase));
    }
}

std::optional<Phase> Checker::read_phase(const Json& v, const std::string& path) {
    if (!is_object(v, path, "id, name, kind and cadence")) return std::nullopt;
    known_fields(v, path,
                 {"id", "name", "kind", "cadence", "visits", "reschedule", "note", "note_sources"});
    Phase phase;
    if (auto id = id_field(v, path, "id")) phase.id = std::move(*id);
    if (auto name = text(v, path, "name", true, true, 200, true)) phase.name = std::move(*name);
    constexpr std::string_view kind_rule = "one of induction, maintenance, booster";
    if (const Json* k = member(v, "kind"); k == nullptr) {
        missing(join(path, "kind"), kind_rule);
    } else {
        bool found = false;
        for (const PhaseKind pk :
             {PhaseKind::induction, PhaseKind::maintenance, PhaseKind::booster}) {
            if (k->is_string() && k->get_ref<const std::string&>() == phase_kind_id(pk)) {
                phase.kind = pk;
                found = true;
            }
        }
        if (!found) add(join(path, "kind"), std::string(kind_rule));
    }
    const auto cadence = read_cadence(v, path);
    if (cadence) phase.cadence = *cadence;
    if (member(v, "visits") != nullptr) {
        const std::string vpath = join(path, "visits");
        if (cadence && cadence->kind == Cadence::Kind::interval) {
            add(vpath, "no visits cap in an interval phase (visits is for weekly phases only)");
        } else {
            const int cap = cadence ? cadence->per_week * cadence->weeks : 7 * 104;
            const std::string why =
                cadence ? " (at most per_week*weeks = " + std::to_string(cap) + ")" : "";
            phase.visits = cited_range(v, path, "visits", 1, cap, false, Role::visits, false, why);
        }
    }
    if (member(v, "reschedule") != nullptr) phase.reschedule = read_reschedule(v, path, cadence);
    if (auto note = text(v, path, "note", false, false)) phase.note = std::move(*note);
    if (member(v, "note_sources") != nullptr) {
        if (member(v, "note") == nullptr)
            add_key(join(path, "note_sources"), "note_sources only with a note");
        phase.note_sources = source_refs(v, path, Role::note, "note_sources");
    }
    return phase;
}

// {"rule": a rule a preset may name (planner/rules.hpp), "sources": [ids]}: weekly phases.
std::optional<Reschedule> Checker::read_reschedule(const Json& phase, const std::string& phase_path,
                                                   const std::optional<Cadence>& cadence) {
    const std::string path = join(phase_path, "reschedule");
    const Json& r = *member(phase, "reschedule");
    if (!is_object(r, path, "rule and sources")) return std::nullopt;
    known_fields(r, path, {"rule", "sources"});
    std::string names;
    for (const Rule& rule : rules())
        if (rule.preset_may_name) names += (names.empty() ? "" : " or ") + std::string(rule.id);
    const std::string expected = "a rule a preset may name: " + names;
    Reschedule out;
    if (const Json* rule = member(r, "rule"); rule == nullptr) {
        missing(join(path, "rule"), expected);
    } else if (const Rule* found =
                   rule->is_string() ? find_rule(rule->get_ref<const std::string&>()) : nullptr;
               found == nullptr || !found->preset_may_name) {
        add(join(path, "rule"), expected);
    } else {
        out.rule = std::string(found->id);
    }
    out.sources = source_refs(r, path, Role::reschedule);
    if (cadence && cadence->kind == Cadence::Kind::interval) {
        add(path, "no reschedule rule in an interval phase (it is for weekly phases)");
        return std::nullopt;
    }
    if (out.rule.empty()) return std::nullopt;
    return out;
}

std::optional<Cadence> Checker::read_cadence(const Json& phase, const std::string& phase_path) {
    const std::string path = join(phase_path, "cadence");
    constexpr std::string_view forms =
        "per_week and weeks (weekly) or every_weeks (interval), with sources";
    const Json* c = member(phase, "cadence");
    if (c == nullptr) {
        missing(path, "a cadence: " + std::string(forms));
        return std::nullopt;
    }
    if (!is_object(*c, path, forms)) return std::nullopt;
    known_fields(*c, path,
                 {"per_week", "weeks", "every_weeks", "count", "as_needed", "sources", "derived"});
    const bool weekly = member(*c, "per_week") != nullptr || member(*c, "weeks") != nullptr;
    const bool interval = member(*c, "every_weeks") != nullptr || member(*c, "count") != nullptr ||
                          member(*c, "as_needed") != nullptr;
    Cadence cadence;
    const Json* needed_flag = member(*c, "as_needed");
    const bool as_needed_cadence =
        needed_flag != nullptr && needed_flag->is_boolean() && needed_flag->get<bool>();
    cadence.sources = source_refs(*c, path, as_needed_cadence ? Role::as_needed : Role::cadence);
    cadence.derived = derived_text(*c, path);
    if (weekly && interval) {
        add(path,
            "one cadence form, not both: per_week and weeks (weekly) or every_weeks, count, "
            "as_needed (interval)");
        return std::nullopt;
    }
    if (!weekly && !interval) {
        add(path, "a cadence form: " + std::string(forms));
        return std::nullopt;
    }
    if (weekly) {
        cadence.kind = Cadence::Kind::weekly;
        const auto per_week = integer(*c, path, "per_week", 1, 7, true);
        const auto weeks = integer(*c, path, "weeks", 1, 104, true);
        if (!per_week || !weeks) return std::nullopt;
        cadence.per_week = *per_week;
        cadence.weeks = *weeks;
        return cadence;
    }
    cadence.kind = Cadence::Kind::interval;
    const std::string epath = join(path, "every_weeks");
    const Json* e = member(*c, "every_weeks");
    std::optional<Range> every;
    if (e == nullptr) {
        missing(epath, "an object with min and max (weeks from 1 to 52)");
    } else if (is_object(*e, epath, "min and max (weeks from 1 to 52)")) {
        known_fields(*e, epath, {"min", "max"});
        const auto min = integer(*e, epath, "min", 1, 52, true);
        const auto max =
            min ? integer(*e, epath, "max", *min, 52, true, *min > 1 ? " (not less than min)" : "")
                : integer(*e, epath, "max", 1, 52, true);
        if (min && max) every = Range{*min, *max};
    }
    const Json* count = member(*c, "count");
    const auto n = integer(*c, path, "count", 1, 1000, false);
    const Json* as_needed = member(*c, "as_needed");
    const auto needed = boolean(*c, path, "as_needed", false);
    if (!every || (count != nullptr && !n) || (as_needed != nullptr && !needed))
        return std::nullopt;
    cadence.every_weeks = *every;
    cadence.count = n.value_or(0);
    cadence.as_needed = needed.value_or(false);
    return cadence;
}

// [SECTION] Validate, parse, write back

struct Checked {
    Protocol protocol;
    std::vector<Problem> problems;
};

// Reads a JSON text the way every Course Planner file is read (size, BOM, UTF-8, duplicate
// keys, nesting, syntax), each problem with its position; false when `root` is unusable.
bool read_json(std::string_view text, std::string_view file, std::string_view empty, Scan& scan,
               Json& root, std::vector<Problem>& problems) {
    const auto add = [&](Pos p, std::string field, std::string expected) {
        problems.push_back(
            Problem{std::string(file), p.line, p.column, std::move(field), std::move(expected)});
    };
    if (text.size() > kMaxFileBytes) {
        add({1, 1}, "(file)", "a file of at most 4 MiB");
        return false;
    }
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
    if (const std::size_t bad = invalid_utf8_at(text); bad != std::string_view::npos) {
        add(pos_at(text, bad), "(text)", "valid UTF-8 text");
        return false;
    }
    if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
        add({1, 1}, "(json)", std::string(empty));
        return false;
    }
    Scanner(text, scan).run();
    for (const auto& [p, path] : scan.duplicates)
        add(p, path, "each field only once in an object (duplicate key)");
    if (scan.too_deep) {
        add(scan.too_deep->first, scan.too_deep->second.empty() ? "(root)" : scan.too_deep->second,
            "nesting of at most 32 levels");
        return false;
    }
    try {
        root = Json::parse(text);
    } catch (const Json::parse_error& e) {
        // nlohmann points at the end of the bad token; the scan, when it saw the same
        // problem, at its start, which is where a person looks.
        const std::size_t offset = e.byte > 0 ? e.byte - 1 : 0;
        const Pos p =
            scan.malformed && scan.stop_offset <= offset ? scan.stop : pos_at(text, offset);
        add(p, "(json)", "valid JSON: " + clean_parse_error(e.what()));
        return false;
    } catch (const Json::out_of_range&) {  // 1e400
        add(scan.overflow.value_or(Pos{1, 1}), "(json)",
            "valid JSON: a number that fits in a double");
        return false;
    }
    if (scan.malformed) {  // nlohmann accepted what the scan did not: trust the scan
        add(scan.stop, "(json)", "valid JSON");
        return false;
    }
    return true;
}

// With `positions` false the scan records no positions: the pass a good preset needs, the
// same checks without the maps. A preset with any problem is checked again with them, so
// each problem still says where it is.
Checked check(std::string_view text, std::string_view file, bool positions) {
    Checked out;
    Scan scan;
    scan.positions = positions;
    Json root;
    if (read_json(text, file, "a JSON object holding one preset (the file is empty)", scan, root,
                  out.problems)) {
        out.protocol = Checker(file, scan, out.problems).run(root);
        out.protocol.file = std::string(file);
    }
    if (!positions && !out.problems.empty()) return check(text, file, true);
    return out;
}

Checked check(std::string_view text, std::string_view file) {
    return check(text, file, false);
}

Checked check_safely(std::string_view text, std::string_view file) {
    try {
        auto out = check(text, file);
        std::stable_sort(out.problems.begin(), out.problems.end(),
                         [](const Problem& a, const Problem& b) {
                             return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                         });
        if (out.problems.size() > kMaxProblems) out.problems.resize(kMaxProblems);
        return out;
    } catch (const std::exception& e) {  // a bug here must not take the app down
        Checked out;
        out.problems.push_back(Problem{
            std::string(file), 0, 0, "(file)",
            std::string("a preset Course Planner can read (internal error: ") + e.what() + ")"});
        return out;
    }
}

[[nodiscard]] Error to_error(const Problem& p) {
    std::string where = p.file;
    if (p.line > 0) where += ":" + std::to_string(p.line) + ":" + std::to_string(p.column);
    if (!p.field.empty()) where += (where.empty() ? "" : ": ") + p.field;
    return Error{where, p.expected};
}

using Ordered = nlohmann::ordered_json;

Ordered cited_range_json(const CitedRange& r) {
    Ordered j;
    if (r.at_least) {
        j["at_least"] = r.value.min;
    } else {
        j["min"] = r.value.min;
        j["max"] = r.value.max;
    }
    if (!r.min_sources.empty() && !r.max_sources.empty()) {
        j["min_sources"] = r.min_sources;
        j["max_sources"] = r.max_sources;
    } else {
        j["sources"] = r.sources;
    }
    if (!r.derived.empty()) j["derived"] = r.derived;
    return j;
}

Ordered cited_flag_json(const CitedFlag& f) {
    Ordered j;
    j["value"] = f.value;
    j["sources"] = f.sources;
    return j;
}

}  // namespace

std::string Problem::to_string() const {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line) + ":" + std::to_string(column);
    if (!field.empty()) out += (out.empty() ? "" : ": ") + field;
    return out + (out.empty() ? "" : ": ") + expected;
}

std::vector<Problem> validate_protocol(std::string_view text, std::string_view file) {
    return check_safely(text, file).problems;
}

Result<Protocol> parse_protocol(std::string_view text, std::string_view file) {
    auto checked = check_safely(text, file);
    if (!checked.problems.empty()) return to_error(checked.problems.front());
    return std::move(checked.protocol);
}

Result<Protocol> load_protocol_file(const fs::path& path) {
    auto text = read_text_file(path);
    if (!text) return text.error();
    return parse_protocol(*text, path.string());
}

std::string protocol_to_json(const Protocol& p) {
    Ordered j;
    j["schema_version"] = p.schema_version;
    j["id"] = p.id;
    j["title"] = p.title;
    j["description"] = p.description;
    j["route"] = route_id(p.route);
    j["illustrative"] = p.illustrative;
    if (!p.illustrative_note.empty()) j["illustrative_note"] = p.illustrative_note;
    if (!p.illustrative_sources.empty()) j["illustrative_sources"] = p.illustrative_sources;
    if (!p.noun.empty()) j["visit_noun"] = p.noun;
    if (!p.default_clinic_days.empty()) {
        Ordered days = Ordered::array();
        for (const auto d : p.default_clinic_days) days.push_back(weekday_id(d));
        j["default_clinic_days"] = days;
    }
    Ordered visit;
    visit["treatment_minutes"] = cited_range_json(p.visit.treatment_minutes);
    visit["observation_minutes"] = cited_range_json(p.visit.observation_minutes);
    visit["ride_home"] = cited_flag_json(p.visit.ride_home);
    visit["no_driving_until_next_day"] = cited_flag_json(p.visit.no_driving_until_next_day);
    if (p.visit.fasting) {
        Ordered f;
        if (p.visit.fasting->food_hours > 0) f["food_hours"] = p.visit.fasting->food_hours;
        if (p.visit.fasting->solid_food_hours > 0)
            f["solid_food_hours"] = p.visit.fasting->solid_food_hours;
        if (p.visit.fasting->liquids_minutes > 0)
            f["liquids_minutes"] = p.visit.fasting->liquids_minutes;
        f["sources"] = p.visit.fasting->sources;
        visit["fasting"] = f;
    }
    j["visit"] = visit;
    Ordered phases = Ordered::array();
    for (const auto& ph : p.phases) {
        Ordered o;
        o["id"] = ph.id;
        o["name"] = ph.name;
        o["kind"] = phase_kind_id(ph.kind);
        Ordered c;
        if (ph.cadence.kind == Cadence::Kind::weekly) {
            c["per_week"] = ph.cadence.per_week;
            c["weeks"] = ph.cadence.weeks;
        } else {
            c["every_weeks"] = {{"min", ph.cadence.every_weeks.min},
                                {"max", ph.cadence.every_weeks.max}};
            if (ph.cadence.count > 0) c["count"] = ph.cadence.count;
            if (ph.cadence.as_needed) c["as_needed"] = true;
        }
        c["sources"] = ph.cadence.sources;
        if (!ph.cadence.derived.empty()) c["derived"] = ph.cadence.derived;
        o["cadence"] = c;
        if (ph.visits) o["visits"] = cited_range_json(*ph.visits);
        if (ph.reschedule) {
            Ordered r;
            r["rule"] = ph.reschedule->rule;
            r["sources"] = ph.reschedule->sources;
            o["reschedule"] = r;
        }
        if (!ph.note.empty()) o["note"] = ph.note;
        if (!ph.note_sources.empty()) o["note_sources"] = ph.note_sources;
        phases.push_back(o);
    }
    j["phases"] = phases;
    Ordered sources = Ordered::array();
    for (const auto& s : p.sources) {
        Ordered o;
        o["id"] = s.id;
        o["title"] = s.title;
        o["kind"] = source_kind_id(s.kind);
        if (!s.url.empty()) o["url"] = s.url;
        if (!s.identifier.empty()) o["identifier"] = s.identifier;
        if (!s.note.empty()) o["note"] = s.note;
        sources.push_back(o);
    }
    j["sources"] = sources;
    return j.dump(2, ' ', false, Ordered::error_handler_t::replace) + "\n";
}

// [SECTION] Library and folders

std::vector<fs::path> preset_dirs() {
    std::vector<fs::path> dirs;
    const auto add = [&dirs](const fs::path& dir) {
        std::error_code ec;
        if (dir.empty() || !fs::is_directory(dir, ec)) return;
        for (const auto& d : dirs)
            if (fs::equivalent(d, dir, ec)) return;
        dirs.push_back(dir);
    };
    if (const char* env = std::getenv("COURSE_PLANNER_PRESETS"); env != nullptr) {
        const std::string_view list(env);
        std::size_t start = 0;
        while (start <= list.size()) {
            const std::size_t colon = std::min(list.find(':', start), list.size());
            add(fs::path(std::string(list.substr(start, colon - start))));
            start = colon + 1;
        }
    }
    // The shipped presets come from one folder: beside an installed binary
    // (BIN/../share/course-planner/presets, so a package or a DESTDIR copy finds its own),
    // else the source tree's for a build-tree binary, else the configured install folder.
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    const fs::path beside =
        ec ? fs::path() : exe.parent_path().parent_path() / "share" / "course-planner" / "presets";
#ifdef COURSE_PLANNER_SOURCE_PRESETS
    const fs::path source = COURSE_PLANNER_SOURCE_PRESETS;
#else
    const fs::path source;
#endif
#ifdef COURSE_PLANNER_INSTALLED_PRESETS
    const fs::path installed = COURSE_PLANNER_INSTALLED_PRESETS;
#else
    const fs::path installed;
#endif
    for (const fs::path& shipped : {beside, source, installed}) {
        if (!shipped.empty() && fs::is_directory(shipped, ec)) {
            add(shipped);
            break;
        }
    }
    fs::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg != nullptr && xdg[0] == '/')
        data = xdg;
    else if (const char* home = std::getenv("HOME"); home != nullptr && home[0] != '\0')
        data = fs::path(home) / ".local" / "share";
    if (!data.empty()) add(data / "course-planner" / "presets");
    return dirs;
}

namespace {

// Reads the top-level "id" of a preset and stops: enough to know whether a file is one of
// the presets asked for, without parsing or validating the rest.
class IdReader : public nlohmann::json_sax<Json> {
public:
    std::optional<std::string> id;
    bool null() override { return scalar(); }
    bool boolean(bool) override { return scalar(); }
    bool number_integer(number_integer_t) override { return scalar(); }
    bool number_unsigned(number_unsigned_t) override { return scalar(); }
    bool number_float(number_float_t, const string_t&) override { return scalar(); }
    bool string(string_t& value) override {
        if (at_id_) id = value;
        return scalar();
    }
    bool binary(binary_t&) override { return scalar(); }
    bool start_object(std::size_t) override { return open(); }
    bool key(string_t& name) override {
        at_id_ = depth_ == 1 && name == "id";
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(); }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override {
        return false;
    }

private:
    bool scalar() { return !at_id_; }  // the id's value read: stop
    bool open() {
        if (at_id_) return false;  // an id that is not a string: the full check says so
        ++depth_;
        return true;
    }
    bool close() {
        --depth_;
        return depth_ > 0;
    }
    int depth_ = 0;
    bool at_id_ = false;
};

[[nodiscard]] std::optional<std::string> top_level_id(std::string_view text) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);  // BOM
    IdReader reader;
    try {
        (void)Json::sax_parse(text.begin(), text.end(), &reader);
    } catch (const std::exception&) {  // the full check reports what is wrong
        return std::nullopt;
    }
    return reader.id;
}

// The value of four hex digits, or -1.
[[nodiscard]] long hex4(std::string_view text) {
    if (text.size() < 4 || text[0] == '-' || text[0] == '+') return -1;
    long v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + 4, v, 16);
    return ec == std::errc{} && end == text.data() + 4 ? v : -1;
}

// Adds the code points above U+007F of a file's text to `out` (unsorted): UTF-8 sequences
// (invalid bytes are skipped) and \uXXXX escapes, a surrogate pair as one code point.
void collect_codepoints(std::string_view text, std::vector<char32_t>& out) {
    const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '\\' && i + 1 < text.size() && text[i + 1] == 'u') {
            long cp = hex4(text.substr(i + 2));
            std::size_t step = cp < 0 ? 2 : 6;
            if (cp >= 0xD800 && cp <= 0xDBFF && text.substr(i + 6, 2) == "\\u") {
                const long low = hex4(text.substr(i + 8));
                if (low >= 0xDC00 && low <= 0xDFFF) {
                    cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    step = 12;
                }
            }
            if (cp >= 0x80 && (cp < 0xD800 || cp > 0xDFFF))
                out.push_back(static_cast<char32_t>(cp));
            i += step;
        } else if (c == '\\') {
            i += 2;  // \\ or \" and the like: never the start of an escape
        } else if (static_cast<unsigned char>(c) < 0x80) {
            ++i;
        } else {
            ucs4_t uc = 0;
            const int n = u8_mbtoucr(&uc, bytes + i, text.size() - i);
            if (n > 0) out.push_back(static_cast<char32_t>(uc));
            i += n > 0 ? static_cast<std::size_t>(n) : 1;
        }
    }
}

// Every preset file of the folders, in order; with `only`, just the files whose top-level
// id is one of those (the others are neither parsed nor validated).
Library load(const std::vector<fs::path>& dirs, const std::vector<std::string>* only,
             Codepoints codepoints) {
    Library lib;
    std::map<std::string, std::size_t> by_id;
    for (const auto& dir : dirs) {
        std::vector<fs::path> files;
        std::error_code ec;
        for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
            const auto& path = it->path();
            std::error_code fec;
            if (path.extension() == ".json" && path.filename() != "schema.json" &&
                it->is_regular_file(fec))
                files.push_back(path);
        }
        if (ec) {
            lib.problems.push_back(
                Problem{dir.string(), 0, 0, "", "a readable preset folder (" + ec.message() + ")"});
            continue;
        }
        std::sort(files.begin(), files.end());
        for (const auto& path : files) {
            auto text = read_text_file(path);
            if (!text) {
                lib.problems.push_back(Problem{path.string(), 0, 0, "", text.error().what});
                continue;
            }
            if (codepoints == Codepoints::collect) collect_codepoints(*text, lib.codepoints);
            if (only != nullptr) {
                const auto id = top_level_id(*text);
                if (!id || std::find(only->begin(), only->end(), *id) == only->end()) continue;
            }
            auto checked = check_safely(*text, path.string());
            if (!checked.problems.empty()) {
                for (auto& p : checked.problems) lib.problems.push_back(std::move(p));
                continue;
            }
            const auto [it, fresh] = by_id.emplace(checked.protocol.id, lib.protocols.size());
            if (fresh)
                lib.protocols.push_back(std::move(checked.protocol));
            else
                lib.protocols[it->second] = std::move(checked.protocol);
        }
    }
    std::stable_sort(lib.protocols.begin(), lib.protocols.end(),
                     [](const Protocol& a, const Protocol& b) {
                         return std::tie(a.route, a.title) < std::tie(b.route, b.title);
                     });
    std::sort(lib.codepoints.begin(), lib.codepoints.end());
    lib.codepoints.erase(std::unique(lib.codepoints.begin(), lib.codepoints.end()),
                         lib.codepoints.end());
    return lib;
}

}  // namespace

Library load_library(const std::vector<fs::path>& dirs) {
    return load(dirs, nullptr, Codepoints::skip);
}

Library load_library(const std::vector<fs::path>& dirs, const std::vector<std::string>& ids,
                     Codepoints codepoints) {
    return load(dirs, &ids, codepoints);
}

bool is_preset_path(std::string_view id_or_path) {
    return id_or_path.find('/') != std::string_view::npos ||
           (id_or_path.size() >= 5 && id_or_path.substr(id_or_path.size() - 5) == ".json");
}

Result<Protocol> resolve_preset(const Library& library, std::string_view id_or_path) {
    if (is_preset_path(id_or_path)) return load_protocol_file(fs::path(std::string(id_or_path)));
    for (const auto& p : library.protocols)
        if (p.id == id_or_path) return p;
    return Error{"PRESET", "unknown preset " + quote(id_or_path) +
                               ": expected an id listed by `course-planner list`, or the path "
                               "of a .json preset file"};
}

// [SECTION] Files

namespace {

[[nodiscard]] std::string errno_text(int err) {
    return std::strerror(err);
}

// Closes a descriptor when it goes out of scope (error paths).
class Fd {
public:
    explicit Fd(int fd) : fd_(fd) {}
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() {
        if (fd_ >= 0) ::close(fd_);
    }
    [[nodiscard]] int get() const { return fd_; }
    int release() { return std::exchange(fd_, -1); }

private:
    int fd_;
};

[[nodiscard]] bool write_all(int fd, std::string_view data) {
    while (!data.empty()) {
        const ssize_t n = ::write(fd, data.data(), data.size());
        if (n < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        data.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

[[nodiscard]] std::string file_kind(mode_t mode) {
    if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
    if (S_ISCHR(mode)) return "a character device";
    if (S_ISBLK(mode)) return "a block device";
    if (S_ISSOCK(mode)) return "a socket";
    if (S_ISDIR(mode)) return "a folder";
    return "a special file";
}

[[nodiscard]] std::string size_text(std::size_t bytes) {
    if (bytes % (std::size_t{1} << 20) == 0) return std::to_string(bytes >> 20) + " MiB";
    return std::to_string(bytes) + " bytes";
}

}  // namespace

Result<std::string> read_text_file(const fs::path& path, std::size_t max_bytes) {
    const std::string name = "'" + path.string() + "'";
    // O_NONBLOCK: opening a FIFO must not wait for a writer; the type check refuses it.
    const Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC));
    if (fd.get() < 0) return Error{"", "cannot read " + name + ": " + errno_text(errno)};
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0)
        return Error{"", "cannot read " + name + ": " + errno_text(errno)};
    if (S_ISDIR(st.st_mode)) return Error{"", "cannot read " + name + ": it is a folder"};
    if (!S_ISREG(st.st_mode))
        return Error{
            "", "cannot read " + name + ": expected a regular file, not " + file_kind(st.st_mode)};
    const std::string too_big =
        "cannot read " + name + ": expected a file of at most " + size_text(max_bytes);
    if (static_cast<std::size_t>(st.st_size) > max_bytes) return Error{"", too_big};
    std::string data;
    char buf[65536];
    while (true) {
        const ssize_t n = ::read(fd.get(), buf, sizeof buf);
        if (n < 0) {
            if (errno == EINTR) continue;
            return Error{"", "cannot read " + name + ": " + errno_text(errno)};
        }
        if (n == 0) break;
        data.append(buf, static_cast<std::size_t>(n));
        if (data.size() > max_bytes) return Error{"", too_big};  // grew while reading
    }
    return data;
}

namespace {

// Where a write really goes: a symlink chain followed to its last name (which may not
// exist yet); relative link targets count from the link's folder.
Result<fs::path> final_target(const fs::path& path, const std::string& name) {
    fs::path current = path;
    for (int hop = 0; hop < 40; ++hop) {
        struct stat st {};
        if (::lstat(current.c_str(), &st) != 0 || !S_ISLNK(st.st_mode)) return current;
        std::string link(static_cast<std::size_t>(st.st_size > 0 ? st.st_size : 255) + 1, '\0');
        const ssize_t n = ::readlink(current.c_str(), link.data(), link.size());
        if (n < 0) return Error{"", "cannot write " + name + ": " + errno_text(errno)};
        link.resize(static_cast<std::size_t>(n));
        const fs::path next(link);
        current = next.is_absolute() ? next : current.parent_path() / next;
    }
    return Error{"", "cannot write " + name + ": " + errno_text(ELOOP)};
}

// A FIFO or a character device (a terminal, /dev/null) is written as a stream, in place.
Result<bool> write_stream(const fs::path& path, std::string_view content, const std::string& name) {
    const Fd fd(::open(path.c_str(), O_WRONLY | O_NOCTTY | O_CLOEXEC));
    if (fd.get() < 0) return Error{"", "cannot write " + name + ": " + errno_text(errno)};
    struct stat st {};
    if (::fstat(fd.get(), &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode)))
        return Error{"", "cannot write " + name + ": it changed while it was opened"};
    if (!write_all(fd.get(), content))
        return Error{"", "cannot write " + name + ": " + errno_text(errno)};
    return true;
}

}  // namespace

Result<bool> write_file_atomic(const fs::path& path, std::string_view content, bool private_file,
                               std::string* warning) {
    const std::string name = "'" + path.string() + "'";
    const auto fail = [&name](int err) {
        return Error{"", "cannot write " + name + ": " + errno_text(err)};
    };
    if (path.empty()) return Error{"", "cannot write '': expected a file name"};
    auto real = final_target(path, name);
    if (!real) return real.error();
    const fs::path target = *real;
    struct stat existing {};
    const bool exists = ::stat(target.c_str(), &existing) == 0;
    if (exists) {
        if (S_ISDIR(existing.st_mode))
            return Error{"", "cannot write " + name + ": it is a folder"};
        if (S_ISFIFO(existing.st_mode) || S_ISCHR(existing.st_mode))
            return write_stream(target, content, name);
        if (!S_ISREG(existing.st_mode))
            return Error{"", "cannot write " + name + ": expected a regular file, a FIFO or a " +
                                 "character device, not " + file_kind(existing.st_mode)};
        // Replacing would bypass a read-only mode; refuse like a write in place would.
        if (::faccessat(AT_FDCWD, target.c_str(), W_OK, AT_EACCESS) != 0) return fail(errno);
    } else if (errno != ENOENT) {
        return fail(errno);
    }
    const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
    const mode_t mode = private_file ? 0600 : 0644;
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    fs::path tmp;
    int raw = -1;
    for (int attempt = 0; attempt < 100 && raw < 0; ++attempt) {
        tmp = dir / ("." + target.filename().string() + ".tmp-" + std::to_string(::getpid()) + "-" +
                     std::to_string(stamp) + "-" + std::to_string(attempt));
        raw = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
        if (raw < 0 && errno != EEXIST) return fail(errno);
    }
    if (raw < 0) return fail(EEXIST);
    Fd fd(raw);
    const auto abandon = [&tmp, &fail](int err) {
        ::unlink(tmp.c_str());
        return fail(err);
    };
    // The umask may have cleared bits; the mode is part of the contract.
    if (::fchmod(fd.get(), mode) != 0) return abandon(errno);
    if (!write_all(fd.get(), content)) return abandon(errno);
    if (::fsync(fd.get()) != 0) return abandon(errno);
    if (::close(fd.release()) != 0) return abandon(errno);
    if (::rename(tmp.c_str(), target.c_str()) != 0) return abandon(errno);
    // The rename is durable only once the folder is synced.
    const Fd dir_fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (dir_fd.get() >= 0) ::fsync(dir_fd.get());
    if (exists && existing.st_nlink > 1 && warning != nullptr)
        *warning = name + " had " + std::to_string(existing.st_nlink) +
                   " hard links: it is now a new file, the other names keep the old content";
    return true;
}

// [SECTION] Shared with the plan reader (planner/io_json.hpp)

namespace detail {

struct ScanData {
    Scan scan;
};

JsonText read_json_text(std::string_view text, std::string_view file, std::string_view empty) {
    JsonText out;
    auto data = std::make_shared<ScanData>();
    try {
        out.ok = read_json(text, file, empty, data->scan, out.root, out.problems);
    } catch (const std::exception& e) {  // a bug here must not take the app down
        out.ok = false;
        out.problems.push_back(Problem{
            std::string(file), 0, 0, "(file)",
            std::string("a file Course Planner can read (internal error: ") + e.what() + ")"});
    }
    out.scan = std::move(data);
    return out;
}

Position value_position(const JsonText& doc, std::string path) {
    if (!doc.scan) return {1, 1};
    const auto& values = doc.scan->scan.values;
    while (true) {
        if (const auto it = values.find(path); it != values.end())
            return {it->second.line, it->second.column};
        if (path.empty()) return {1, 1};
        if (path.back() == ']') {
            path.erase(path.rfind('['));
        } else {
            const std::size_t dot = path.rfind('.');
            path.erase(dot == std::string::npos ? 0 : dot);
        }
    }
}

Position key_position(const JsonText& doc, const std::string& path) {
    if (doc.scan)
        if (const auto it = doc.scan->scan.keys.find(path); it != doc.scan->scan.keys.end())
            return {it->second.line, it->second.column};
    return value_position(doc, path);
}

Protocol check_protocol_value(const JsonText& doc, const nlohmann::json& value,
                              const std::string& prefix, std::string_view file,
                              std::vector<Problem>& problems) {
    const ScanData empty;
    Protocol p = Checker(file, doc.scan ? doc.scan->scan : empty.scan, problems, prefix).run(value);
    p.file = std::string(file);
    return p;
}

void check_strings(const JsonText& doc, const nlohmann::json& value, const std::string& path,
                   std::string_view file, std::vector<Problem>& problems) {
    const ScanData empty;
    Checker(file, doc.scan ? doc.scan->scan : empty.scan, problems).check_strings(value, path);
}

bool text_has_dose_amount(std::string_view text) {
    return has_dose(text);
}

Error problem_error(const Problem& p) {
    return to_error(p);
}

void sort_problems(std::vector<Problem>& problems) {
    std::stable_sort(problems.begin(), problems.end(), [](const Problem& a, const Problem& b) {
        return std::tie(a.line, a.column) < std::tie(b.line, b.column);
    });
    if (problems.size() > kMaxProblems) problems.resize(kMaxProblems);
}

}  // namespace detail

}  // namespace planner::io
