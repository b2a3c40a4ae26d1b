// Text from presets at the writers: no terminal escape reaches a terminal, no bidirectional
// override reaches a reader unmarked (planner/text_guard, used by every writer).
#include "planner/text_guard.hpp"

#include <doctest/doctest.h>

#include <regex>
#include <string>

#include "planner/export.hpp"
#include "tests/planner/hand_courses.hpp"

namespace {

const std::string kEsc = "\x1b";
// Every kind of control and override a hostile preset could carry.
const std::string kHostile =
    "A\x1b]0;owned\x07"
    "B\x1b[2J"
    "C" +
    std::string(1, '\0') +
    "D\x7f"
    "E\xc2\x9b"
    "31m"
    "F\xe2\x80\xae"
    "G\xe2\x81\xa6"
    "H\xe2\x80\x8f"
    "I\xd8\x9c"
    "J\r"
    "K";

bool has_raw_control(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if ((c < 0x20 && c != '\n') || c == 0x7f) return true;
        if (c == 0xc2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) < 0xa0 &&
            static_cast<unsigned char>(s[i + 1]) >= 0x80)
            return true;
    }
    return false;
}

bool has_bidi(const std::string& s) {
    for (std::size_t i = 0; i < s.size(); ++i)
        if (planner::bidi_control_at(s, i) > 0) return true;
    return false;
}

}  // namespace

TEST_CASE("text guard: terminal_safe shows every control and override as U+FFFD") {
    const std::string safe = planner::terminal_safe(kHostile);
    CHECK_FALSE(has_raw_control(safe));
    CHECK_FALSE(has_bidi(safe));
    // ESC, BEL, ESC, NUL, DEL, CSI (C1), RLO, LRI, RLM, ALM, CR: 11 placeholders.
    std::size_t count = 0;
    for (std::size_t at = safe.find(planner::kPlaceholder); at != std::string::npos;
         at = safe.find(planner::kPlaceholder, at + 1))
        ++count;
    CHECK(count == 11);
    CHECK(safe.find("]0;owned") != std::string::npos);  // the text stays readable, inert
    CHECK(planner::terminal_safe("tab\tand\nline") == "tab and line");
    CHECK(planner::terminal_safe("caf\xc3\xa9 \xe2\x89\xa5 6") == "caf\xc3\xa9 \xe2\x89\xa5 6");
    CHECK(planner::terminal_safe("bad \xff byte") == "bad \xef\xbf\xbd byte");
}

TEST_CASE("text guard: bidi controls are replaced for readers and escaped in JSON") {
    const std::string rlo = "\xe2\x80\xae";
    CHECK(planner::without_bidi_controls("a" + rlo + "b") ==
          "a\xef\xbf\xbd"
          "b");
    CHECK(planner::without_bidi_controls("\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d") ==
          "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d");  // Hebrew letters themselves stay
    CHECK(planner::json_escape_bidi_controls("{\"t\": \"a" + rlo + "b\xe2\x81\xa9\"}") ==
          "{\"t\": \"a\\u202Eb\\u2069\"}");
    for (const char* cp : {"\xd8\x9c", "\xe2\x80\x8e", "\xe2\x80\x8f", "\xe2\x80\xaa",
                           "\xe2\x80\xae", "\xe2\x81\xa6", "\xe2\x81\xa9"})
        CHECK(planner::bidi_control_at(cp, 0) == std::string(cp).size());
    CHECK(planner::bidi_control_at("\xe2\x80\xaf", 0) == 0);  // narrow no-break space is not
}

TEST_CASE("text guard: a hostile protocol reaches the terminal calendar inert, colour or not") {
    auto course = hand::iv_course();
    course.protocol.title = "IV " + kHostile;
    course.protocol.description = kHostile;
    course.protocol.phases[0].name = kHostile;
    course.protocol.phases[1].note = kHostile;
    course.protocol.sources[0].title = kHostile;
    course.protocol.sources[0].note = kHostile;
    planner::layout::CalendarOptions options;
    for (const bool color : {false, true}) {
        INFO("colour " << color);
        std::string out = planner::exporter::terminal_calendar({course}, options, color);
        if (color) {
            // Only the writer's own colour sequences: ESC [ digits ; m
            CHECK(out.find(kEsc) != std::string::npos);
            out = std::regex_replace(out, std::regex{"\x1b\\[[0-9;]*m"}, "");
        }
        CHECK_FALSE(has_raw_control(out));
        CHECK_FALSE(has_bidi(out));
        CHECK(out.find("]0;owned") != std::string::npos);
    }
}

TEST_CASE("text guard: every export format neutralises bidi overrides its own way") {
    auto course = hand::iv_course();
    const std::string rlo = "\xe2\x80\xae";
    course.protocol.title = "IV " + rlo + "reversed";
    course.protocol.phases[0].name = "Series " + rlo + "x";
    course.protocol.sources[0].title = "Source " + rlo + "y";
    planner::exporter::Options options;
    options.timestamp = 1767225600;
    using planner::exporter::Format;
    for (const Format f : {Format::ics, Format::csv, Format::md}) {
        std::string out = planner::exporter::write(f, {course}, options);
        out = std::regex_replace(out, std::regex{"\r\n "}, "");  // unfold iCalendar lines
        INFO(out.substr(0, 600));
        CHECK_FALSE(has_bidi(out));
        // CSV holds no preset text yet beyond ids; the other two show the title.
        if (f != Format::csv) CHECK(out.find("\xef\xbf\xbdreversed") != std::string::npos);
    }
    const std::string json = planner::exporter::write(Format::json, {course}, options);
    CHECK_FALSE(has_bidi(json));
    CHECK(json.find("\\u202Ereversed") != std::string::npos);  // kept, as an escape
}
