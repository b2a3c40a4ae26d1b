#include <doctest/doctest.h>

#include <filesystem>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "planner/disclaimer.hpp"
#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/text.hpp"
#include "tests/planner/hand_courses.hpp"

namespace {

using namespace hand;
namespace layout = planner::layout;

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in{text};
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::string strip_ansi(const std::string& text) {
    return std::regex_replace(text, std::regex{"\x1b\\[[0-9;]*m"}, "");
}

// What the grid lines of a terminal calendar mark, parsed back from the text: a grid line
// holds only day numbers, course letters, phase markers and the ~ * x > signs.
struct Marks {
    std::map<std::string, int> dated;    // course letters -> cells with a visit
    std::map<std::string, int> windows;  // course letters -> cells inside a window
    std::map<std::string, int> tokens;   // "Ai", "Ai*" (optional), "Bm", "A~" -> count
    std::map<std::string, int> closed;   // course letters -> closed days
    std::vector<std::string> cells;      // "6AiBi", "5Ax", ">4Ai"
};

// Course letters are upper case (A..Z, AA..), phase glyphs lower case (i, m, b), an optional
// visit adds '*'.
Marks parse_grid(const std::string& text) {
    Marks m;
    const std::regex grid_line{"^[ 0-9A-Zimb~x>*]+$"};
    const std::regex cell{"(>?)\\s?(\\d{1,2})((?:[A-Z]+(?:[imb]\\*?|~|x)+)*)"};
    const std::regex token{"([A-Z]+)([imb]\\*?|~|x)"};
    for (const auto& line : lines_of(text)) {
        if (line.empty() || !std::regex_match(line, grid_line)) continue;
        for (std::sregex_iterator it{line.begin(), line.end(), cell}, end; it != end; ++it) {
            const auto& c = *it;
            m.cells.push_back(c[1].str() + c[2].str() + c[3].str());
            const std::string marks = c[3].str();
            for (std::sregex_iterator t{marks.begin(), marks.end(), token}; t != end; ++t) {
                const std::string letter = (*t)[1].str();
                const std::string kind = (*t)[2].str();
                ++m.tokens[letter + kind];
                if (kind == "~")
                    ++m.windows[letter];
                else if (kind == "x")
                    ++m.closed[letter];
                else
                    ++m.dated[letter];
            }
        }
    }
    return m;
}

bool has_cell(const Marks& m, const std::string& cell) {
    return std::find(m.cells.begin(), m.cells.end(), cell) != m.cells.end();
}

std::vector<PlannedCourse> iv_and_spravato() {
    auto iv = iv_course();
    iv.course.closed = {year{2026} / November / 5};
    iv.expansion.visits[5].optional = true;  // Fri 13 Nov
    return {summarized(iv), summarized(spravato_course())};
}

layout::CalendarOptions options(weekday start = Monday) {
    layout::CalendarOptions o;
    o.week_start = start;
    o.today = year{2026} / November / 4;
    return o;
}

// Doses never appear: a number with a dose unit, mg/kg, or the word dose.
// A dose amount: what no output may hold (sources may name the word "dose" in a title).
const std::regex kDoseUnits{"([0-9]\\s*(mg|mcg|ug|ml)\\b)|mg/kg", std::regex::icase};
const std::regex kDoseWords{"([0-9]\\s*(mg|mcg|ug|ml)\\b)|mg/kg|\\bdose|\\btitrat",
                            std::regex::icase};

}  // namespace

TEST_CASE("terminal calendar: disclaimer first and last, legend, summary, sources") {
    const auto courses = iv_and_spravato();
    const std::string out = planner::exporter::terminal_calendar(courses, options(), false);
    const auto lines = lines_of(out);
    REQUIRE(lines.size() > 20);
    CHECK(lines.front() == planner::kDisclaimer);
    CHECK(lines.back() == planner::kDisclaimer);
    CHECK(out.find("November 2026") != std::string::npos);
    CHECK(out.find("December 2026") != std::string::npos);
    CHECK(out.find("January 2027") == std::string::npos);
    CHECK(out.find("\nLegend\n") != std::string::npos);
    CHECK(out.find("  A  IV ketamine: six infusions over two weeks (IV, into a vein)") !=
          std::string::npos);
    CHECK(out.find("  B  Spravato (esketamine) nasal spray, per its label (Nasal spray)") !=
          std::string::npos);
    CHECK(out.find("phases: i induction, m maintenance, b booster") != std::string::npos);
    CHECK(out.find("optional visit") != std::string::npos);
    CHECK(out.find("window: one visit on any day of the band") != std::string::npos);
    CHECK(out.find("course A's clinic is closed") != std::string::npos);
    // Summary side by side: one line holds both courses' figures.
    CHECK(out.find("A: IV") != std::string::npos);
    CHECK(std::regex_search(out, std::regex{"Visits +5 to 7 infusions +12 sessions"}));
    CHECK(std::regex_search(out, std::regex{"Phase 1 +Initial series \\(i\\): 5 to 6 infusions +"
                                            "Induction \\(i\\): 8 sessions"}));
    CHECK(std::regex_search(
        out, std::regex{"Mon 2 Nov - Fri 13 Nov 2026 +Tue 3 Nov - Fri 27 Nov 2026"}));
    CHECK(
        std::regex_search(out, std::regex{"Span +Mon 2 Nov - Fri 11 Dec 2026 +"
                                          "Tue 3 Nov - Tue 22 Dec 2026\n +40 days, about 6 weeks +"
                                          "50 days, about 7 weeks\n"}));
    CHECK(out.find("Boosters if needed: As needed, not a prescription.") != std::string::npos);
    CHECK(out.find("\nSources\n") != std::string::npos);
    CHECK(out.find("https://doi.org/10.1176/appi.ajp.2018.18070834") != std::string::npos);
    CHECK(out.find("d81a6a79-a74a-44b7-822c-0dfa3036eaed") != std::string::npos);
    for (std::size_t i = 1; i + 1 < lines.size(); ++i) {
        CAPTURE(lines[i]);
        CHECK(planner::text::display_width(lines[i]) <= 100);
    }
}

TEST_CASE("terminal calendar: every visit day is marked once per course") {
    const auto courses = iv_and_spravato();
    const std::string out = planner::exporter::terminal_calendar(courses, options(), false);
    Marks m = parse_grid(out);
    // IV: six dated infusions and a window of 15 days; Spravato: twelve dated sessions.
    CHECK(m.dated["A"] == 6);
    CHECK(m.windows["A"] == 15);
    CHECK(m.dated["B"] == 12);
    CHECK(m.windows["B"] == 0);
    CHECK(m.tokens["Ai"] == 5);
    CHECK(m.tokens["Ai*"] == 1);
    CHECK(m.tokens["Bi"] == 8);
    CHECK(m.tokens["Bm"] == 4);
    CHECK(m.closed["A"] == 1);
    CHECK(m.closed["B"] == 0);
    CHECK(has_cell(m, "6AiBi"));    // both courses on Fri 6 Nov
    CHECK(has_cell(m, "13Ai*Bi"));  // optional infusion
    CHECK(has_cell(m, "5Ax"));      // the IV clinic is closed on Thu 5 Nov
    CHECK(has_cell(m, ">4Ai"));     // today
    CHECK(has_cell(m, "27A~Bi"));   // the booster window opens on a Spravato day
    CHECK(has_cell(m, "1A~Bm"));
    // 61 days of November and December, each printed once.
    CHECK(m.cells.size() == 61);

    // A closed day inside the booster window shows the closure, and Spravato's visit beside it.
    auto closed = courses;
    closed[0].course.closed.push_back(year{2026} / December / 1);
    Marks c = parse_grid(planner::exporter::terminal_calendar(closed, options(), false));
    CHECK(has_cell(c, "1AxBm"));
    CHECK(c.closed["A"] == 2);
    CHECK(c.windows["A"] == 14);
    CHECK(c.dated["B"] == 12);
}

TEST_CASE("terminal calendar: week start sets the header and the column of each day") {
    const auto courses = iv_and_spravato();
    for (const auto start : {Monday, Sunday}) {
        const std::string out =
            planner::exporter::terminal_calendar(courses, options(start), false);
        const auto lines = lines_of(out);
        const auto title = std::find_if(lines.begin(), lines.end(), [](const std::string& l) {
            return l.find("November 2026") != std::string::npos;
        });
        REQUIRE(title != lines.end());
        const std::string& header = *(title + 1);
        const std::string& first_row = *(title + 2);
        const std::regex order{start == Monday ? "^ Mo +Tu +We +Th +Fr +Sa +Su"
                                               : "^ Su +Mo +Tu +We +Th +Fr +Sa"};
        CAPTURE(header);
        CHECK(std::regex_search(header, order));
        // 1 Nov 2026 (a Sunday) sits under "Su": the first column with a Sunday start, the last
        // column of the first row with a Monday start.
        const auto su = header.find("Su");
        REQUIRE(su != std::string::npos);
        CHECK(first_row.substr(su - 1, 3) == "  1");
        if (start == Sunday) CHECK(first_row.rfind("  1", 0) == 0);
        if (start == Monday) CHECK(first_row.find_first_not_of(' ') > 35);
        CHECK(parse_grid(out).dated["A"] == 6);
    }
}

TEST_CASE("terminal calendar: colour decorates the same text, plain output has no escapes") {
    const auto courses = iv_and_spravato();
    const std::string plain = planner::exporter::terminal_calendar(courses, options(), false);
    const std::string colored = planner::exporter::terminal_calendar(courses, options(), true);
    CHECK(plain.find('\x1b') == std::string::npos);
    CHECK(colored.find("\x1b[") != std::string::npos);
    CHECK(colored.find("1;38;5;31mA") != std::string::npos);  // Okabe-Ito blue for course A
    CHECK(colored.find("1;38;5;214mB") !=
          std::string::npos);  // orange for course B, as in the window
    CHECK(strip_ansi(colored) == plain);
    CHECK(lines_of(colored).front() == planner::kDisclaimer);
    CHECK(lines_of(colored).back() == planner::kDisclaimer);
    // Plain output is ASCII apart from what presets say.
    CHECK(std::all_of(plain.begin(), plain.end(),
                      [](char ch) { return static_cast<unsigned char>(ch) < 0x80; }));
}

TEST_CASE("terminal calendar: no dose words, hidden courses, empty plans, year end") {
    const auto courses = iv_and_spravato();
    for (bool color : {false, true}) {
        const std::string out = planner::exporter::terminal_calendar(courses, options(), color);
        CHECK_FALSE(std::regex_search(out, kDoseWords));
    }
    // The regex does catch a dose (so the check above can fail).
    CHECK(std::regex_search(std::string{"0.5 mg/kg over 40 min"}, kDoseWords));
    CHECK(std::regex_search(std::string{"56 mg"}, kDoseWords));

    auto hidden = courses;
    hidden[0].course.hidden = true;
    const std::string one = planner::exporter::terminal_calendar(hidden, options(), false);
    Marks m = parse_grid(one);
    CHECK(m.dated["A"] == 0);
    CHECK(m.windows["A"] == 0);
    CHECK(m.closed["A"] == 0);
    CHECK(m.dated["B"] == 12);
    CHECK(one.find("IV ketamine") == std::string::npos);
    CHECK(lines_of(one).front() == planner::kDisclaimer);

    hidden[1].course.hidden = true;
    const std::string none = planner::exporter::terminal_calendar(hidden, options(), false);
    CHECK(none.find("No course to show.") != std::string::npos);
    CHECK(lines_of(none).front() == planner::kDisclaimer);
    CHECK(lines_of(none).back() == planner::kDisclaimer);
    CHECK(planner::exporter::terminal_calendar({}, options(), true).find(planner::kDisclaimer) ==
          0);

    // A shown course without visits has no dates to print (never 1970).
    auto empty = courses;
    empty[1].expansion.visits.clear();
    empty[1].summary = summary_of(empty[1]);
    const std::string no_visits = planner::exporter::terminal_calendar(empty, options(), false);
    CHECK(no_visits.find("1970") == std::string::npos);
    CHECK(no_visits.find("no visits") != std::string::npos);
    CHECK(parse_grid(no_visits).dated["A"] == 6);

    const std::vector<PlannedCourse> december{summarized(iv_course(d(2026, 12, 14)))};
    const std::string ye = planner::exporter::terminal_calendar(december, options(), false);
    CHECK(ye.find("December 2026") != std::string::npos);
    CHECK(ye.find("January 2027") != std::string::npos);
    CHECK(ye.find("Mon 14 Dec 2026 - Fri 22 Jan 2027") != std::string::npos);
    Marks ym = parse_grid(ye);
    CHECK(ym.dated["A"] == 6);
    CHECK(ym.windows["A"] == 15);
}

TEST_CASE("terminal calendar of the engine's plan marks each visit day") {
    const auto plan =
        planned({{iv_protocol(), d(2026, 11, 30)}, {spravato_protocol(), d(2026, 12, 1)}});
    for (const auto start : {Monday, Sunday}) {
        const std::string out = planner::exporter::terminal_calendar(plan, options(start), false);
        Marks m = parse_grid(out);
        for (std::size_t ci = 0; ci < plan.size(); ++ci) {
            const std::string letter = layout::course_letter(ci);
            CAPTURE(letter);
            // Independent count: dated visits; window days not already a visit day of the course.
            std::set<sys_days> visit_days;
            std::set<sys_days> window_days;
            int dated_visits = 0;
            for (const auto& v : plan[ci].expansion.visits) {
                if (!v.is_window()) {
                    ++dated_visits;
                    visit_days.insert(v.earliest);
                }
            }
            for (const auto& v : plan[ci].expansion.visits)
                if (v.is_window())
                    for (sys_days day = v.earliest; day <= v.latest; day += days{1})
                        if (!visit_days.count(day)) window_days.insert(day);
            CHECK(m.dated[letter] == dated_visits);
            CHECK(m.windows[letter] == static_cast<int>(window_days.size()));
        }
        CHECK_FALSE(std::regex_search(out, kDoseWords));
        CHECK(lines_of(out).front() == planner::kDisclaimer);
        CHECK(lines_of(out).back() == planner::kDisclaimer);
    }
}

TEST_CASE("terminal calendar and week steps of every shipped preset") {
    std::vector<planner::Protocol> protocols;
    for (const auto& entry : std::filesystem::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        auto p = planner::io::load_protocol_file(entry.path());
        REQUIRE_MESSAGE(p.ok(), entry.path().string());
        protocols.push_back(std::move(p).value());
    }
    REQUIRE(protocols.size() >= 2);
    std::sort(protocols.begin(), protocols.end(),
              [](const Protocol& a, const Protocol& b) { return a.id < b.id; });

    auto check_plan = [](const std::vector<PlannedCourse>& plan) {
        const std::string out = planner::exporter::terminal_calendar(plan, options(), false);
        const auto lines = lines_of(out);
        CHECK(lines.front() == planner::kDisclaimer);
        CHECK(lines.back() == planner::kDisclaimer);
        CHECK_FALSE(std::regex_search(out, kDoseUnits));
        CHECK(out.find("Legend") != std::string::npos);
        Marks m = parse_grid(out);
        for (std::size_t ci = 0; ci < plan.size(); ++ci) {
            int dated_visits = 0;
            for (const auto& v : plan[ci].expansion.visits) dated_visits += v.is_window() ? 0 : 1;
            CHECK(m.dated[layout::course_letter(ci)] == dated_visits);
            CHECK(out.find(plan[ci].protocol.title) != std::string::npos);
        }
        for (const auto& step : layout::week_steps(plan)) {
            CAPTURE(step.caption);
            CHECK(planner::text::display_width(step.caption) <= layout::kMaxCaptionChars);
            CHECK_FALSE(std::regex_search(step.caption, kDoseWords));
        }
    };
    // Each preset alone, and each next to the next one (two courses on one grid).
    for (std::size_t i = 0; i < protocols.size(); ++i) {
        CAPTURE(protocols[i].id);
        check_plan(planned({{protocols[i], d(2026, 11, 30)}}));
        const auto& other = protocols[(i + 1) % protocols.size()];
        check_plan(planned({{protocols[i], d(2026, 11, 30)}, {other, d(2026, 12, 3)}}));
    }
}
