// Writers: golden files for every format, RFC 5545 folding and escaping, stable UIDs,
// daylight-saving conversion, windows, reminders, the disclaimer and the no-dose rule.
//
// Golden files live in tests/data/golden/. To regenerate them after an intended
// change, run the tests with UPDATE_GOLDEN=1, e.g.
//   UPDATE_GOLDEN=1 build/tests/planner_tests -tc='export: golden*'
// then review the diff with `git diff tests/data/golden` before committing.
#include "planner/export.hpp"

#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "planner/disclaimer.hpp"
#include "planner/plan.hpp"

using namespace planner;
using namespace std::chrono_literals;
namespace ex = planner::exporter;

namespace {

// [SECTION] Helpers

// Sets TZ for one test and restores the previous value afterwards.
class ScopedTz {
public:
    explicit ScopedTz(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ~ScopedTz() {
        if (old_)
            setenv("TZ", old_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }
    ScopedTz(const ScopedTz&) = delete;
    ScopedTz& operator=(const ScopedTz&) = delete;

private:
    std::optional<std::string> old_;
};

constexpr std::int64_t kStamp = 1767225600;  // 2026-01-01T00:00:00Z

ex::Options fixed_options(bool reminders = false) {
    ex::Options o;
    o.timestamp = kStamp;
    o.reminders = reminders;
    return o;
}

chr::sys_days day(int y, unsigned m, unsigned d) {
    return chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}};
}

std::vector<std::string> split_crlf(const std::string& s) {
    std::vector<std::string> lines;
    std::size_t pos = 0;
    while (pos < s.size()) {
        const auto end = s.find("\r\n", pos);
        if (end == std::string::npos) {
            lines.push_back(s.substr(pos));
            break;
        }
        lines.push_back(s.substr(pos, end - pos));
        pos = end + 2;
    }
    return lines;
}

std::string unfold(const std::string& folded) {
    std::string out;
    for (std::size_t i = 0; i < folded.size(); ++i) {
        if (folded.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        out += folded[i];
    }
    if (out.size() >= 2 && out.compare(out.size() - 2, 2, "\r\n") == 0) out.resize(out.size() - 2);
    return out;
}

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80         ? 1
                          : (c >> 5) == 6  ? 2
                          : (c >> 4) == 14 ? 3
                          : (c >> 3) == 30 ? 4
                                           : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

std::size_t count(const std::string& haystack, const std::string& needle) {
    std::size_t n = 0;
    for (auto pos = haystack.find(needle); pos != std::string::npos;
         pos = haystack.find(needle, pos + needle.size()))
        ++n;
    return n;
}

// The event block (BEGIN:VEVENT..END:VEVENT, unfolded) whose UID is `uid`.
std::string event_with_uid(const std::string& ics, const std::string& uid) {
    const std::string text = unfold(ics);
    const auto at = text.find("UID:" + uid + "\r\n");
    if (at == std::string::npos) return {};
    const auto begin = text.rfind("BEGIN:VEVENT", at);
    const auto end = text.find("END:VEVENT", at);
    return text.substr(begin, end - begin);
}

// [SECTION] Fixtures: courses built by hand, as the engine would return them

Visit dated(std::size_t course, std::size_t phase, int n, int total, int in_course,
            chr::sys_days date, int start_min, int treat, int observe) {
    Visit v;
    v.course = course;
    v.phase = phase;
    v.number_in_phase = n;
    v.phase_total = total;
    v.number_in_course = in_course;
    v.earliest = v.latest = date;
    v.treatment_start = chr::minutes{start_min};
    v.treatment_end = chr::minutes{start_min + treat};
    v.observation_end = chr::minutes{start_min + treat + observe};
    return v;
}

Visit window(std::size_t course, std::size_t phase, int n, int total, int in_course,
             chr::sys_days from, chr::sys_days to, bool optional) {
    Visit v;
    v.course = course;
    v.phase = phase;
    v.number_in_phase = n;
    v.phase_total = total;
    v.number_in_course = in_course;
    v.earliest = from;
    v.latest = to;
    v.optional = optional;
    return v;
}

// IV: six infusions over two weeks from Mon 2026-03-02 (crossing the US spring-forward
// change on 2026-03-08), one moved by a closed date, then two booster windows.
PlannedCourse iv_course() {
    PlannedCourse pc;
    Protocol& p = pc.protocol;
    p.id = "iv-six-two-weeks";
    p.title = "IV ketamine: six infusions over two weeks";
    p.description = "Three infusions a week for two weeks, then boosters every 2 to 4 weeks.";
    p.route = Route::iv;
    p.default_clinic_days = {chr::Monday, chr::Wednesday, chr::Friday};
    p.visit.treatment_minutes = {{40, 40}, {"andrade2017"}};  // a single published value
    p.visit.observation_minutes = {{15, 120}, {"clinic-pages"}};
    p.visit.ride_home = {true, {"seed001"}};
    p.visit.no_driving_until_next_day = {true, {"seed001"}};
    p.visit.fasting = Fasting{6, 0, {"seed001"}};
    Phase induction;
    induction.id = "induction";
    induction.name = "Initial series";
    induction.kind = PhaseKind::induction;
    induction.cadence.per_week = 3;
    induction.cadence.weeks = 2;
    induction.cadence.sources = {"murrough2013"};
    Phase boosters;
    boosters.id = "boosters";
    boosters.name = "Boosters if needed";
    boosters.kind = PhaseKind::booster;
    boosters.cadence.kind = Cadence::Kind::interval;
    boosters.cadence.every_weeks = {2, 4};
    boosters.cadence.as_needed = true;
    boosters.cadence.sources = {"seed002"};
    boosters.note = "As needed, not a prescription.";
    p.phases = {induction, boosters};
    p.sources = {
        {"murrough2013",
         "Murrough et al. 2013, Rapid and longer-term antidepressant effects of repeated ketamine "
         "infusions in treatment-resistant major depression, Biological Psychiatry",
         "https://doi.org/10.1016/j.biopsych.2012.06.022", "doi:10.1016/j.biopsych.2012.06.022", "",
         SourceKind::study},
        {"andrade2017", "Andrade 2017, Ketamine for Depression, 4",
         "https://doi.org/10.4088/JCP.17f11738", "doi:10.4088/JCP.17f11738", "",
         SourceKind::review},
        {"seed001", "What Does Ketamine Treat? Unlocking the Potential Benefits", "",
         "Clinic web article; no public URL was found",
         "No solid food for 6 hours before, and arrange a ride home.", SourceKind::clinic},
        {"seed002", "Ketamine Infusion Therapy", "", "Clinic web article; no public URL was found",
         "Maintenance every two to four weeks as needed.", SourceKind::clinic},
        {"clinic-pages", "Ketamine clinic web pages on post-infusion observation", "", "",
         "15 to 60 minutes of observation.", SourceKind::clinic},
    };
    pc.course.id = p.id;
    pc.course.protocol_id = p.id;
    pc.course.start = chr::year{2026} / 3 / 2;
    pc.course.closed = {chr::year{2026} / 3 / 4};

    auto& v = pc.expansion.visits;
    v.push_back(dated(0, 0, 1, 6, 1, day(2026, 3, 2), 540, 40, 120));
    v.push_back(dated(0, 0, 2, 6, 2, day(2026, 3, 5), 540, 40, 120));
    v.back().moved_from = day(2026, 3, 4);
    v.back().move_reason = planner::MoveReason::closed;
    v.push_back(dated(0, 0, 3, 6, 3, day(2026, 3, 6), 540, 40, 120));
    v.push_back(dated(0, 0, 4, 6, 4, day(2026, 3, 9), 540, 40, 120));
    v.push_back(dated(0, 0, 5, 6, 5, day(2026, 3, 11), 540, 40, 120));
    v.push_back(dated(0, 0, 6, 6, 6, day(2026, 3, 13), 540, 40, 120));
    v.push_back(window(0, 1, 1, 2, 7, day(2026, 3, 27), day(2026, 4, 10), true));
    v.push_back(window(0, 1, 2, 2, 8, day(2026, 4, 24), day(2026, 5, 22), true));
    planner::Difference moved;
    moved.course = p.id;
    moved.visit = planner::VisitId{p.id, "induction", 2};
    moved.phase = "induction";
    moved.week = moved.last_week = 1;
    moved.rule = "same-week";
    moved.published = "3 infusions a week";
    moved.planned = "on Thu 5 Mar 2026";
    moved.sources = {"murrough2013"};
    moved.affects = {*moved.visit};
    moved.date = day(2026, 3, 4);
    moved.text =
        "Infusion 2 (Initial series) moves from Wed 4 Mar to Thu 5 Mar, as the clinic "
        "is closed.";
    pc.expansion.differences.push_back(moved);
    pc.expansion.notices.push_back(
        {Notice::Kind::horizon_cut, 0, day(2026, 6, 13),
         "Boosters if needed shown up to Sat 13 Jun 2026 (3 months); the published schedule has "
         "no fixed end."});

    pc.summary.visits = {6, 8};
    pc.summary.clinic_minutes = {6 * 55, 8 * 160};
    pc.summary.ride_home_days = {6, 8};
    pc.summary.first = day(2026, 3, 2);
    pc.summary.last = day(2026, 5, 22);
    pc.summary.phases = {
        {"Initial series", PhaseKind::induction, {6, 6}, 0, day(2026, 3, 2), day(2026, 3, 13)},
        {"Boosters if needed", PhaseKind::booster, {0, 2}, 2, day(2026, 3, 27), day(2026, 5, 22)},
    };
    return pc;
}

// A nasal-spray course from Mon 2026-10-26 across the US fall-back change on
// 2026-11-01, with text that needs escaping (commas, semicolons, UTF-8, Markdown).
PlannedCourse nasal_course() {
    PlannedCourse pc;
    Protocol& p = pc.protocol;
    p.id = "nasal-example";
    p.title = "Esketamine nasal spray (Spravato\u00ae): twice a week, then weekly";
    p.description =
        "Label schedule; weeks 1\u20134 twice a week, weeks 5\u20138 weekly | *example*";
    p.route = Route::nasal;
    p.default_clinic_days = {chr::Monday, chr::Thursday};
    p.visit.treatment_minutes = {{10, 20}, {"label"}};
    p.visit.observation_minutes = {{120, 120}, {"label"}, true};  // at least 2 hours
    p.visit.ride_home = {true, {"label"}};
    p.visit.no_driving_until_next_day = {true, {"label"}};
    p.visit.fasting = Fasting{0, 30, {"patient-site"}, 2};  // avoid food 2 h, liquids 30 min
    Phase induction;
    induction.id = "induction";
    induction.name = "Induction \u2013 weeks 1 to 4";
    induction.kind = PhaseKind::induction;
    induction.cadence.per_week = 2;
    induction.cadence.weeks = 2;
    induction.cadence.sources = {"label"};
    Phase maintenance;
    maintenance.id = "maintenance";
    maintenance.name = "Maintenance; weekly";
    maintenance.kind = PhaseKind::maintenance;
    maintenance.cadence.per_week = 1;
    maintenance.cadence.weeks = 2;
    maintenance.cadence.sources = {"label"};
    Phase later;
    later.id = "later";
    later.name = "Week 9 and after";
    later.kind = PhaseKind::maintenance;
    later.cadence.kind = Cadence::Kind::interval;
    later.cadence.every_weeks = {1, 2};
    later.cadence.count = 1;
    later.cadence.sources = {"label"};
    p.phases = {induction, maintenance, later};
    p.sources = {
        {"label",
         "SPRAVATO (esketamine) nasal spray, prescribing information, section 2.2; Table 1",
         "https://dailymed.nlm.nih.gov/dailymed/"
         "drugInfo.cfm?setid=d81a6a79-a74a-44b7-822c-0dfa3036eaed",
         "DailyMed d81a6a79-a74a-44b7-822c-0dfa3036eaed", "", SourceKind::label},
        {"patient-site", "Treatment with SPRAVATO, patient site", "https://www.spravato.com/", "",
         "Manufacturer patient page, not the label", SourceKind::maker},
    };
    pc.course.id = p.id;
    pc.course.protocol_id = p.id;
    pc.course.start = chr::year{2026} / 10 / 26;

    auto& v = pc.expansion.visits;
    v.push_back(dated(1, 0, 1, 4, 1, day(2026, 10, 26), 540, 20, 120));
    v.push_back(dated(1, 0, 2, 4, 2, day(2026, 10, 29), 540, 20, 120));
    v.push_back(dated(1, 0, 3, 4, 3, day(2026, 11, 2), 540, 20, 120));
    v.push_back(dated(1, 0, 4, 4, 4, day(2026, 11, 5), 540, 20, 120));
    v.push_back(dated(1, 1, 1, 2, 5, day(2026, 11, 12), 540, 20, 120));
    v.push_back(dated(1, 1, 2, 2, 6, day(2026, 11, 19), 540, 20, 120));
    v.back().optional = true;
    v.push_back(window(1, 2, 1, 1, 7, day(2026, 11, 26), day(2026, 12, 3), false));

    pc.summary.visits = {6, 7};
    pc.summary.clinic_minutes = {6 * 130, 7 * 140};
    pc.summary.ride_home_days = {6, 7};
    pc.summary.first = day(2026, 10, 26);
    pc.summary.last = day(2026, 12, 3);
    pc.summary.phases = {
        {"Induction \u2013 weeks 1 to 4",
         PhaseKind::induction,
         {4, 4},
         0,
         day(2026, 10, 26),
         day(2026, 11, 5)},
        {"Maintenance; weekly",
         PhaseKind::maintenance,
         {1, 2},
         0,
         day(2026, 11, 12),
         day(2026, 11, 19)},
        {"Week 9 and after",
         PhaseKind::maintenance,
         {1, 1},
         1,
         day(2026, 11, 26),
         day(2026, 12, 3)},
    };
    return pc;
}

std::vector<PlannedCourse> fixture() {
    auto nasal = nasal_course();
    for (auto& v : nasal.expansion.visits) v.course = 1;
    return {iv_course(), nasal};
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void check_golden(const std::string& name, const std::string& actual) {
    const std::string path = std::string{TEST_DATA_DIR} + "/golden/" + name;
    if (const char* update = std::getenv("UPDATE_GOLDEN"); update && std::string{update} == "1") {
        std::ofstream out(path, std::ios::binary);
        out << actual;
        MESSAGE("updated " << path);
        return;
    }
    const std::string expected = read_file(path);
    REQUIRE_MESSAGE(!expected.empty(), "missing golden file " << path << " (UPDATE_GOLDEN=1)");
    if (actual == expected) return;
    // report the first differing line rather than two whole files
    std::istringstream a{actual};
    std::istringstream e{expected};
    std::string la;
    std::string le;
    int n = 0;
    while (true) {
        ++n;
        const bool more_a = static_cast<bool>(std::getline(a, la));
        const bool more_e = static_cast<bool>(std::getline(e, le));
        if (!more_a) la = "<end of output>";
        if (!more_e) le = "<end of file>";
        if ((!more_a && !more_e) || la != le) break;
    }
    FAIL_CHECK(path << ":" << n << ": expected [" << le << "] got [" << la
                    << "]; if intended, UPDATE_GOLDEN=1");
}

const std::regex& dose_pattern() {
    static const std::regex re{R"(([0-9][[:space:]]*(mg|mcg|µg|ml)\b)|mg/kg)", std::regex::icase};
    return re;
}

}  // namespace

// [SECTION] Folding and escaping

TEST_CASE("export: ics_fold_line keeps short lines and folds at 75 octets") {
    CHECK(ex::ics_fold_line("SUMMARY:short") == "SUMMARY:short\r\n");
    const std::string exactly75(75, 'a');
    CHECK(ex::ics_fold_line(exactly75) == exactly75 + "\r\n");
    const std::string s76(76, 'a');
    CHECK(ex::ics_fold_line(s76) == std::string(75, 'a') + "\r\n a\r\n");
    const std::string long_ascii(400, 'x');
    const auto folded = ex::ics_fold_line(long_ascii);
    for (const auto& l : split_crlf(folded)) CHECK(l.size() <= 75);
    CHECK(unfold(folded) == long_ascii);
}

TEST_CASE("export: ics_fold_line never splits a UTF-8 character") {
    std::vector<std::string> lines;
    std::string e_acute;
    for (int i = 0; i < 120; ++i) e_acute += "\u00e9";
    lines.push_back("DESCRIPTION:" + e_acute);
    std::string emoji;
    for (int i = 0; i < 60; ++i) emoji += "\U0001F489\u2013";  // 4 + 3 octets
    lines.push_back("SUMMARY:" + emoji);
    for (int shift = 0; shift < 4; ++shift)
        lines.push_back(std::string(static_cast<std::size_t>(shift), 'a') + "X:" + emoji + e_acute);
    for (const auto& line : lines) {
        const auto folded = ex::ics_fold_line(line);
        REQUIRE(folded.size() > 2);
        CHECK(folded.substr(folded.size() - 2) == "\r\n");
        const auto physical = split_crlf(folded);
        CHECK(physical.size() > 1);
        for (std::size_t i = 0; i < physical.size(); ++i) {
            CHECK(physical[i].size() <= 75);
            CHECK(valid_utf8(physical[i]));  // each piece is whole characters
            if (i > 0) CHECK(physical[i][0] == ' ');
        }
        CHECK(unfold(folded) == line);
    }
}

TEST_CASE("export: ics_fold_line keeps a TEXT escape on one physical line") {
    for (std::size_t prefix = 0; prefix < 6; ++prefix) {
        std::string value;
        for (int i = 0; i < 40; ++i) value += i % 3 == 0 ? "a,b;" : "\\\n";
        const std::string line =
            std::string(prefix, 'X') + "DESCRIPTION:" + ex::ics_escape_text(value);
        const auto folded = ex::ics_fold_line(line);
        for (const auto& l : split_crlf(folded)) {
            CHECK(l.size() <= 75);
            std::size_t slashes = 0;
            while (slashes < l.size() && l[l.size() - 1 - slashes] == '\\') ++slashes;
            CHECK(slashes % 2 == 0);  // no physical line ends inside an escape
        }
        CHECK(unfold(folded) == line);
    }
}

TEST_CASE("export: ics_escape_text escapes RFC 5545 TEXT") {
    CHECK(ex::ics_escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne");
    CHECK(ex::ics_escape_text("one\r\ntwo\rthree") == "one\\ntwo\\nthree");
    CHECK(ex::ics_escape_text("tab\there") == "tab here");
    CHECK(ex::ics_escape_text(std::string{"bell\x07"}) == "bell");
    CHECK(ex::ics_escape_text("Spravato\u00ae \U0001F489") == "Spravato\u00ae \U0001F489");
    // invalid UTF-8 (a lone continuation byte, a truncated sequence) becomes U+FFFD
    CHECK(ex::ics_escape_text(std::string{"a\x80z"}) == "a\uFFFDz");
    CHECK(ex::ics_escape_text(std::string{"a\xE2\x82"}) == "a\uFFFD\uFFFD");
    CHECK(ex::ics_escape_text("Window: a:b") == "Window: a:b");  // colons need no escape
}

// [SECTION] Golden files

// Through the engine: the fixture's protocols with closed days, too few clinic days and a
// plan's changes, so every kind of difference reaches every format.
std::vector<PlannedCourse> differences_fixture() {
    planner::Plan plan;
    Course iv;
    iv.start = chr::year{2026} / 12 / 7;
    iv.closed = {chr::year{2026} / 12 / 9, chr::year{2026} / 12 / 25};
    plan.add_course(iv_course().protocol, iv);
    Course nasal;
    nasal.start = chr::year{2026} / 12 / 7;
    nasal.clinic_days = {chr::Monday};
    nasal.start_time = chr::minutes{8 * 60 + 30};
    plan.add_course(nasal_course().protocol, nasal);
    plan.add_course(iv_course().protocol, iv);  // a second one: iv-six-two-weeks-2
    plan.overrides[{"iv-six-two-weeks-2", "induction", 3}].skipped = true;
    plan.overrides[{"iv-six-two-weeks-2", "induction", 5}].missed = true;
    plan.overrides[{"iv-six-two-weeks-2", "induction", 6}].date = chr::year{2026} / 12 / 19;
    plan.overrides[{"iv-six-two-weeks-2", "induction", 6}].note = "Saturday clinic; bring a book";
    plan.overrides[{"nasal-example", "maintenance", 1}].time = chr::minutes{10 * 60};
    const auto r = planner::plan_courses(plan);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message()));
    return *r;
}

TEST_CASE("export: golden differences in every format, the terminal included") {
    const ScopedTz tz{"America/New_York"};
    const auto courses = differences_fixture();
    std::size_t differences = 0;
    for (const auto& pc : courses) differences += pc.differences().size();
    CHECK(differences >= 8);
    // The goldens hold the note: asked for, as `export --notes` does.
    ex::Options with_notes = fixed_options();
    with_notes.notes = true;
    check_golden("differences.ics", ex::to_ics(courses, with_notes));
    check_golden("differences.json", ex::to_json(courses, with_notes));
    check_golden("differences.csv", ex::to_csv(courses, with_notes));
    check_golden("differences.md", ex::to_markdown(courses, with_notes));
    check_golden("differences.txt", ex::terminal_calendar(courses, {}, false));
    // Every difference is in every format (JSON by its sentence; ICS unfolded and unescaped).
    const auto json = nlohmann::json::parse(ex::to_json(courses, fixed_options()));
    std::string ics;  // unfolded, TEXT escapes undone
    {
        const std::string raw = unfold(ex::to_ics(courses, fixed_options()));
        for (std::size_t k = 0; k < raw.size(); ++k) {
            if (raw[k] == '\\' && k + 1 < raw.size()) {
                ++k;
                ics += raw[k] == 'n' ? '\n' : raw[k];
            } else {
                ics += raw[k];
            }
        }
    }
    const auto csv = ex::to_csv(courses, fixed_options());
    const auto md = ex::to_markdown(courses, fixed_options());
    const auto txt = ex::terminal_calendar(courses, {}, false);
    std::size_t i = 0;
    for (const auto& pc : courses) {
        REQUIRE(json["courses"][i]["differences"].size() == pc.differences().size());
        for (const auto& d : pc.differences()) {
            CAPTURE(d.text);
            CHECK(json["courses"][i]["differences"].dump().find(d.rule) != std::string::npos);
            CHECK(ics.find("- " + d.text) != std::string::npos);
            CHECK(csv.find(d.text) != std::string::npos);
            CHECK(md.find(d.text.substr(0, 20)) != std::string::npos);
            CHECK(txt.find(d.text.substr(0, 20)) != std::string::npos);
        }
        ++i;
    }
}

TEST_CASE("export: notes are personal, so every format writes them only when asked") {
    const ScopedTz tz{"America/New_York"};
    const auto courses = differences_fixture();
    const std::string note = "Saturday clinic; bring a book";
    ex::Options asked = fixed_options();
    asked.notes = true;
    for (const auto format : {ex::Format::ics, ex::Format::json, ex::Format::csv, ex::Format::md}) {
        CAPTURE(static_cast<int>(format));
        // ICS escapes the semicolon; the words before it are the same in every format.
        CHECK(ex::write(format, courses, fixed_options()).find("Saturday clinic") ==
              std::string::npos);
        CHECK(ex::write(format, courses, asked).find("Saturday clinic") != std::string::npos);
    }
    // Left out of the file, never out of the plan: the terminal calendar still shows it.
    CHECK(ex::terminal_calendar(courses, {}, false).find(note) != std::string::npos);
}

TEST_CASE("export: golden files for every format") {
    const ScopedTz tz{"America/New_York"};
    const auto courses = fixture();
    check_golden("two_courses.ics", ex::to_ics(courses, fixed_options()));
    check_golden("two_courses_remind.ics", ex::to_ics(courses, fixed_options(true)));
    check_golden("two_courses.json", ex::to_json(courses, fixed_options()));
    check_golden("two_courses.csv", ex::to_csv(courses, fixed_options()));
    check_golden("two_courses.md", ex::to_markdown(courses, fixed_options()));
}

TEST_CASE("export: write dispatches to each writer") {
    const ScopedTz tz{"America/New_York"};
    const auto courses = fixture();
    const auto o = fixed_options();
    CHECK(ex::write(ex::Format::ics, courses, o) == ex::to_ics(courses, o));
    CHECK(ex::write(ex::Format::json, courses, o) == ex::to_json(courses, o));
    CHECK(ex::write(ex::Format::csv, courses, o) == ex::to_csv(courses, o));
    CHECK(ex::write(ex::Format::md, courses, o) == ex::to_markdown(courses, o));
}

// [SECTION] Every format: disclaimer, no dose

TEST_CASE("export: every format carries the disclaimer and no dose unit") {
    const ScopedTz tz{"America/New_York"};
    const auto courses = fixture();
    for (const auto format : {ex::Format::ics, ex::Format::json, ex::Format::csv, ex::Format::md}) {
        for (const bool remind : {false, true}) {
            const auto out = ex::write(format, courses, fixed_options(remind));
            const auto text = format == ex::Format::ics ? unfold(out) : out;
            CAPTURE(static_cast<int>(format));
            CHECK(text.find(format == ex::Format::ics
                                ? ex::ics_escape_text(kDisclaimer)
                                : std::string{kDisclaimer}) != std::string::npos);
            CHECK_FALSE(std::regex_search(text, dose_pattern()));
            CHECK(valid_utf8(out));
        }
        // also with no courses at all
        const auto empty = ex::write(format, {}, fixed_options());
        CHECK((format == ex::Format::ics ? unfold(empty) : empty)
                  .find(format == ex::Format::ics ? ex::ics_escape_text(kDisclaimer)
                                                  : std::string{kDisclaimer}) != std::string::npos);
    }
}

TEST_CASE("export: the dose check itself catches a dose") {
    // guards the regex: if it stopped matching, the test above would pass vacuously
    CHECK(std::regex_search(std::string{"0.5 mg/kg"}, dose_pattern()));
    CHECK(std::regex_search(std::string{"56 mg"}, dose_pattern()));
    CHECK(std::regex_search(std::string{"2ml"}, dose_pattern()));
    CHECK_FALSE(std::regex_search(std::string{"15 minutes, 6 hours"}, dose_pattern()));
}

// [SECTION] iCalendar behaviour

TEST_CASE("export: ics structure, CRLF and line lengths") {
    const ScopedTz tz{"America/New_York"};
    const auto ics = ex::to_ics(fixture(), fixed_options(true));
    CHECK(ics.rfind("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Course Planner//EN\r\n", 0) == 0);
    CHECK(ics.find("CALSCALE:GREGORIAN\r\n") != std::string::npos);
    CHECK(ics.find("METHOD:") == std::string::npos);
    CHECK(ics.substr(ics.size() - 15) == "END:VCALENDAR\r\n");
    // no bare LF or CR anywhere
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics[i] == '\n') REQUIRE((i > 0 && ics[i - 1] == '\r'));
        if (ics[i] == '\r') REQUIRE((i + 1 < ics.size() && ics[i + 1] == '\n'));
    }
    for (const auto& l : split_crlf(ics)) CHECK(l.size() <= 75);
    CHECK(count(ics, "BEGIN:VEVENT") == 15);
    CHECK(count(ics, "END:VEVENT") == 15);
    std::set<std::string> uids;
    for (const auto& l : split_crlf(unfold(ics)))
        if (l.rfind("UID:", 0) == 0) uids.insert(l);
    CHECK(uids.size() == 15);
    CHECK(uids.count("UID:iv-six-two-weeks.induction.3@course-planner") == 1);
    CHECK(uids.count("UID:nasal-example.later.1@course-planner") == 1);
    CHECK(ics.find("DTSTAMP:20260101T000000Z\r\n") != std::string::npos);
    CHECK(ics.find("LAST-MODIFIED:20260101T000000Z\r\n") != std::string::npos);
}

TEST_CASE("export: UIDs stay the same when the start date moves") {
    const ScopedTz tz{"America/New_York"};
    auto courses = fixture();
    const auto before = ex::to_ics(courses, fixed_options());
    for (auto& pc : courses)
        for (auto& v : pc.expansion.visits) {
            v.earliest += chr::days{7};
            v.latest += chr::days{7};
        }
    const auto after = ex::to_ics(courses, fixed_options());
    const auto uids = [](const std::string& ics) {
        std::vector<std::string> out;
        for (const auto& l : split_crlf(unfold(ics)))
            if (l.rfind("UID:", 0) == 0) out.push_back(l);
        return out;
    };
    CHECK(uids(before) == uids(after));
    CHECK(uids(before).size() == 15);
    CHECK(before != after);
    CHECK(event_with_uid(after, "iv-six-two-weeks.induction.1@course-planner")
              .find("DTSTART:20260309T130000Z") != std::string::npos);
}

TEST_CASE("export: local times convert to UTC across daylight-saving changes") {
    const ScopedTz tz{"America/New_York"};
    const auto ics = ex::to_ics(fixture(), fixed_options());
    const auto start = [&](const std::string& uid) {
        const auto ev = event_with_uid(ics, uid);
        const auto at = ev.find("DTSTART:");
        return at == std::string::npos ? std::string{} : ev.substr(at + 8, 16);
    };
    const auto end = [&](const std::string& uid) {
        const auto ev = event_with_uid(ics, uid);
        const auto at = ev.find("DTEND:");
        return at == std::string::npos ? std::string{} : ev.substr(at + 6, 16);
    };
    // spring forward on 2026-03-08: 09:00 EST is 14:00Z, 09:00 EDT is 13:00Z
    CHECK(start("iv-six-two-weeks.induction.3@course-planner") == "20260306T140000Z");
    CHECK(start("iv-six-two-weeks.induction.4@course-planner") == "20260309T130000Z");
    // DTEND is the end of observation: 09:00 + 40 + 120 minutes = 11:40 local
    CHECK(end("iv-six-two-weeks.induction.4@course-planner") == "20260309T154000Z");
    // fall back on 2026-11-01: 09:00 EDT is 13:00Z, 09:00 EST is 14:00Z
    CHECK(start("nasal-example.induction.2@course-planner") == "20261029T130000Z");
    CHECK(start("nasal-example.induction.3@course-planner") == "20261102T140000Z");

    const ScopedTz utc{"UTC"};  // same course, another zone: the wall clock stays 09:00
    const auto ics_utc = ex::to_ics(fixture(), fixed_options());
    CHECK(event_with_uid(ics_utc, "iv-six-two-weeks.induction.4@course-planner")
              .find("DTSTART:20260309T090000Z") != std::string::npos);
}

TEST_CASE("export: a time inside the spring-forward gap still gives one instant") {
    const ScopedTz tz{"America/New_York"};
    auto courses = fixture();
    courses.pop_back();
    auto& v = courses[0].expansion.visits[0];
    v = dated(0, 0, 1, 6, 1, day(2026, 3, 8), 150, 40, 120);  // 02:30 does not exist that day
    const auto ev = event_with_uid(ex::to_ics(courses, fixed_options()),
                                   "iv-six-two-weeks.induction.1@course-planner");
    // moved to 03:30 EDT, 07:30Z; the end 160 real minutes later, 06:10 EDT, is 10:10Z
    CHECK(ev.find("DTSTART:20260308T073000Z") != std::string::npos);
    CHECK(ev.find("DTEND:20260308T101000Z") != std::string::npos);
}

TEST_CASE("export: a window is an all-day transparent span, never an appointment") {
    const ScopedTz tz{"America/New_York"};
    const auto ics = ex::to_ics(fixture(), fixed_options(true));
    const auto ev = event_with_uid(ics, "iv-six-two-weeks.boosters.1@course-planner");
    REQUIRE(!ev.empty());
    CHECK(ev.find("DTSTART;VALUE=DATE:20260327\r\n") != std::string::npos);
    CHECK(ev.find("DTEND;VALUE=DATE:20260411\r\n") != std::string::npos);  // latest + 1 day
    CHECK(ev.find("TRANSP:TRANSPARENT\r\n") != std::string::npos);
    CHECK(ev.find("SUMMARY:Window: possible booster infusion 1 (IV ketamine)\\, if needed\r\n") !=
          std::string::npos);
    CHECK(ev.find("VALARM") == std::string::npos);  // no alarm for a window
    CHECK(ev.find("CATEGORIES:Booster") != std::string::npos);
    const auto fixed_window = event_with_uid(ics, "nasal-example.later.1@course-planner");
    CHECK(fixed_window.find("SUMMARY:Window: maintenance session 1 of 1 (Esketamine nasal spray "
                            "(Spravato\u00ae))\r\n") != std::string::npos);
}

TEST_CASE("export: dated events say what the visit is") {
    const ScopedTz tz{"America/New_York"};
    const auto ics = ex::to_ics(fixture(), fixed_options());
    const auto ev = event_with_uid(ics, "iv-six-two-weeks.induction.3@course-planner");
    CHECK(ev.find("SUMMARY:IV ketamine: infusion 3 of 6 (Initial series)\r\n") !=
          std::string::npos);
    CHECK(ev.find("TRANSP:OPAQUE") != std::string::npos);
    CHECK(ev.find("CATEGORIES:Induction") != std::string::npos);
    const auto opt = event_with_uid(ics, "nasal-example.maintenance.2@course-planner");
    CHECK(opt.find("SUMMARY:Esketamine nasal spray (Spravato\u00ae): session 2 of 2\\, optional "
                   "(Maintenance\\; weekly)\r\n") != std::string::npos);
}

TEST_CASE("export: visit_description lists what the visit involves, sources, disclaimer") {
    const auto courses = fixture();
    const auto& iv = courses[0];
    const auto d = ex::visit_description(iv, iv.expansion.visits[1]);
    CHECK(d.find("Infusion 2 of 6.") != std::string::npos);
    // Each figure with the numbers of its sources, as the source list below numbers them.
    CHECK(d.find("Infusion: 40 minutes [2].") != std::string::npos);
    CHECK(d.find("Observation afterwards: 15 to 120 minutes [5].") != std::string::npos);
    CHECK(d.find("Planned here: Infusion 09:00-09:40, then observation until 11:40") !=
          std::string::npos);
    CHECK(d.find("Ride home: someone else drives you home [3].") != std::string::npos);
    CHECK(d.find("Driving: none until the next day [3].") != std::string::npos);
    CHECK(d.find("Solid food: avoid solid food for at least 6 hours before [3].") !=
          std::string::npos);
    CHECK(d.find("Time in the chair") == std::string::npos);
    CHECK(d.find("in the chair") == std::string::npos);
    CHECK(d.find("Moved from Wed 4 Mar 2026") != std::string::npos);
    CHECK(d.find("Phase: Initial series (induction).") != std::string::npos);
    // Grouped by kind, the kind beside each: the study first, then the review, clinic pages.
    CHECK(d.find("[1] Study: Murrough et al. 2013") != std::string::npos);
    CHECK(d.find("[2] Review: Andrade 2017") != std::string::npos);
    CHECK(d.find("[1] Study") < d.find("[2] Review"));
    CHECK(d.find("[3] Clinic page: What Does Ketamine Treat?") != std::string::npos);
    CHECK(d.find("https://doi.org/10.1016/j.biopsych.2012.06.022") != std::string::npos);
    CHECK(d.find("(Clinic web article; no public URL was found)") != std::string::npos);
    CHECK(d.find("shared/seeds") == std::string::npos);
    CHECK(d.find("Ketamine Infusion Therapy") == std::string::npos);  // a booster source only
    CHECK(d.size() >= kDisclaimer.size());
    CHECK(d.substr(d.size() - kDisclaimer.size()) == kDisclaimer);

    const auto w = ex::visit_description(iv, iv.expansion.visits[6]);
    CHECK(w.find("A window, not an appointment") != std::string::npos);
    CHECK(w.find("between Fri 27 Mar and Fri 10 Apr 2026, only if needed") != std::string::npos);
    CHECK(w.find("Planned here") == std::string::npos);  // no clock time for a window
    CHECK(w.find("Ketamine Infusion Therapy") != std::string::npos);

    const auto n = ex::visit_description(courses[1], courses[1].expansion.visits[5]);
    CHECK(n.find("Optional: only if needed.") != std::string::npos);
    // The label's words: avoid food, and observation as a minimum.
    CHECK(n.find("Food: avoid food for at least 2 hours before [2].") != std::string::npos);
    CHECK(n.find("Liquids: avoid liquids for at least 30 minutes before [2].") !=
          std::string::npos);
    CHECK(n.find("solid food") == std::string::npos);
    CHECK(n.find("Observation afterwards: at least 2 hours [1]. This is a minimum") !=
          std::string::npos);
    CHECK(n.find("The observation is a minimum, so the visit can end later.") != std::string::npos);
    CHECK(n.find("Spray and rest: 10 to 20 minutes [1].") != std::string::npos);
}

TEST_CASE("export: reminders the evening before, at waking hours, in the sources' words") {
    const ScopedTz tz{"America/New_York"};
    const auto plain = ex::to_ics(fixture(), fixed_options(false));
    CHECK(plain.find("VALARM") == std::string::npos);
    const auto ics = ex::to_ics(fixture(), fixed_options(true));
    // 12 dated visits, one evening alarm each. The IV fast begins at 03:00 for a 09:00 visit, so
    // it has no alarm of its own; the nasal spray's food (07:00) and liquids (08:30) rules do.
    CHECK(count(ics, "BEGIN:VALARM") == 12 + 2 * 6);
    CHECK(count(ics, "ACTION:DISPLAY") == 24);
    CHECK(count(ics, "TRIGGER;VALUE=DATE-TIME") == 0);  // relative triggers only (khal)
    CHECK(ics.find("-PT6H") == std::string::npos);
    // 18:00 the evening before a 09:00 visit is 15 hours before it...
    const auto third = event_with_uid(ics, "iv-six-two-weeks.induction.3@course-planner");
    CHECK(third.find("TRIGGER;RELATED=START:-PT15H\r\n") != std::string::npos);
    const auto fourth = event_with_uid(ics, "iv-six-two-weeks.induction.4@course-planner");
    CHECK(fourth.find("TRIGGER;RELATED=START:-PT15H\r\n") != std::string::npos);
    // ...but 14 hours across the night the clocks go forward (Sat 7 to Sun 8 March 2026), so
    // it still fires at 18:00 local.
    auto sunday = fixture();
    sunday[0].expansion.visits[3].earliest = sunday[0].expansion.visits[3].latest = day(2026, 3, 8);
    const auto moved = event_with_uid(ex::to_ics(sunday, fixed_options(true)),
                                      "iv-six-two-weeks.induction.4@course-planner");
    CHECK(moved.find("TRIGGER;RELATED=START:-PT14H\r\n") != std::string::npos);
    CHECK(fourth.find("Tomorrow at 09:00: IV ketamine: infusion 4 of 6 (Initial series).") !=
          std::string::npos);
    CHECK(fourth.find("A clinic page says: no driving until the next day\\, so someone else "
                      "drives you home.") != std::string::npos);
    CHECK(fourth.find("A clinic page says: avoid solid food for at least 6 hours before. For "
                      "this visit\\, that is from 03:00 for solid food.") != std::string::npos);
    CHECK(fourth.find("Arrange") == std::string::npos);  // informs, never orders
    CHECK(count(fourth, std::string{ex::ics_escape_text(kDisclaimer)}) == 2);  // event + alarm
    const auto nasal = event_with_uid(ics, "nasal-example.induction.1@course-planner");
    CHECK(nasal.find("TRIGGER;RELATED=START:-PT2H\r\n") != std::string::npos);
    CHECK(nasal.find("TRIGGER;RELATED=START:-PT30M\r\n") != std::string::npos);
    CHECK(nasal.find("The maker's site says to avoid liquids for at least 30 minutes before. "
                     "Your visit starts at 09:00.") != std::string::npos);
    CHECK(nasal.find("The maker's site says to avoid food for at least 2 hours before.") !=
          std::string::npos);
    // Each alarm carries the disclaimer: 3 alarms and the event itself.
    CHECK(count(nasal, std::string{ex::ics_escape_text(kDisclaimer)}) == 4);
}

TEST_CASE("export: the evening reminder time can be set, it never fires in the night") {
    const ScopedTz tz{"America/New_York"};
    auto options = fixed_options(true);
    options.reminder_time = chr::minutes{20 * 60 + 30};
    const auto ics = ex::to_ics(fixture(), options);
    const auto third = event_with_uid(ics, "iv-six-two-weeks.induction.3@course-planner");
    CHECK(third.find("TRIGGER;RELATED=START:-PT12H30M\r\n") != std::string::npos);
    // A 06:30 visit: the food rule would begin at 04:30, so only the evening alarm and the
    // liquids one (06:00 is also before 07:00, so none) remain.
    auto early = fixture();
    for (auto& v : early[1].expansion.visits) {
        v.treatment_start = chr::minutes{6 * 60 + 30};
        v.treatment_end = v.treatment_start + chr::minutes{20};
        v.observation_end = v.treatment_end + chr::minutes{120};
    }
    const auto nasal = event_with_uid(ex::to_ics(early, fixed_options(true)),
                                      "nasal-example.induction.1@course-planner");
    CHECK(count(nasal, "BEGIN:VALARM") == 1);
    CHECK(nasal.find("TRIGGER;RELATED=START:-PT12H30M\r\n") != std::string::npos);
}

// [SECTION] JSON, CSV, Markdown

TEST_CASE("export: json lists courses and visits, windows have no date or time") {
    const ScopedTz tz{"America/New_York"};
    const auto j = nlohmann::ordered_json::parse(ex::to_json(fixture(), fixed_options()));
    CHECK(j.begin().key() == "disclaimer");
    CHECK(j["disclaimer"] == std::string{kDisclaimer});
    CHECK(j["generated"] == "2026-01-01T00:00:00Z");
    REQUIRE(j["courses"].size() == 2);
    const auto& c = j["courses"][0];
    CHECK(c["index"] == 0);
    CHECK(c["id"] == "iv-six-two-weeks");
    CHECK(c["route"] == "iv");
    CHECK(c["start"] == "2026-03-02");
    CHECK(c["clinic_days"] == nlohmann::ordered_json::array({"mon", "wed", "fri"}));
    CHECK(c["summary"]["visits"]["min"] == 6);
    CHECK(c["summary"]["clinic_hours"]["min"] == doctest::Approx(5.5));
    CHECK(c["summary"]["clinic_hours"]["max"] == doctest::Approx(21.3));
    // The nasal course's observation is a minimum, so its clinic hours are one too.
    const auto& nasal_hours = j["courses"][1]["summary"]["clinic_hours"];
    CHECK(nasal_hours.contains("at_least"));
    CHECK_FALSE(nasal_hours.contains("max"));
    CHECK(c["summary"]["phases"][1]["windows"] == 2);
    CHECK(c["sources"][0]["url"] == "https://doi.org/10.1016/j.biopsych.2012.06.022");
    REQUIRE(j["visits"].size() == 15);
    const auto& v = j["visits"][3];
    CHECK(v["course"] == "iv-six-two-weeks");
    CHECK(v["phase"] == "induction");
    CHECK(v["date"] == "2026-03-09");
    CHECK(v["start"] == "09:00");
    CHECK(v["end"] == "11:40");
    CHECK(v["treatment_end"] == "09:40");
    CHECK(v["number_in_phase"] == 4);
    CHECK(j["visits"][1]["moved_from"] == "2026-03-04");
    CHECK_FALSE(v.contains("moved_from"));
    const auto& w = j["visits"][6];
    CHECK(w["earliest"] == "2026-03-27");
    CHECK(w["latest"] == "2026-04-10");
    CHECK(w["optional"] == true);
    CHECK_FALSE(w.contains("date"));
    CHECK_FALSE(w.contains("start"));
    CHECK_FALSE(w.contains("end"));
}

TEST_CASE("export: csv is RFC 4180 with the disclaimer as a visible last row") {
    const auto csv = ex::to_csv(fixture(), fixed_options());
    for (std::size_t i = 0; i < csv.size(); ++i)
        if (csv[i] == '\n') REQUIRE((i > 0 && csv[i - 1] == '\r'));
    const auto rows = split_crlf(csv);
    REQUIRE(rows.size() == 1 + 15 + 2);
    CHECK(rows[0] ==
          "course,phase,kind,number,of,date,earliest,latest,start,treatment_end,end,"
          "end_is_minimum,optional,ride_home,moved_from,visit_id,status,note,differences,"
          "published_notes,sources");
    CHECK(rows[2] ==
          "iv-six-two-weeks,induction,induction,2,6,2026-03-05,,,09:00,09:40,11:40,no,no,yes,"
          "2026-03-04,iv-six-two-weeks/induction/2,planned,,\"Infusion 2 (Initial series) moves "
          "from Wed 4 Mar to Thu 5 Mar, as the clinic is closed.\",,\"[1] Study: Murrough et al. "
          "2013, Rapid and longer-term antidepressant effects of repeated ketamine infusions in "
          "treatment-resistant major depression, Biological Psychiatry; [2] Review: Andrade "
          "2017, Ketamine for Depression, 4; [3] Clinic page: What Does Ketamine Treat? "
          "Unlocking the Potential Benefits; [5] Clinic page: Ketamine clinic web pages on "
          "post-infusion observation\"");
    CHECK(rows[7].rfind("iv-six-two-weeks,boosters,booster,1,2,,2026-03-27,2026-04-10,,,,no,yes,"
                        "yes,,iv-six-two-weeks/boosters/1,planned,,,\"As needed, not a "
                        "prescription.",
                        0) == 0);
    // The nasal spray's observation is a minimum: its end is the earliest it can be.
    CHECK(rows[9].find(",11:20,yes,no,yes,") != std::string::npos);
    CHECK(rows[16].empty());
    // the disclaimer has a comma, so it is quoted
    CHECK(rows[17] == "Note,\"" + std::string{kDisclaimer} + "\"");

    auto quoted = fixture();
    quoted[0].course.id = "a,\"b\"";
    quoted[0].protocol.phases[0].id = "=cmd()";
    const auto q = split_crlf(ex::to_csv(quoted, fixed_options()));
    CHECK(q[1].rfind("\"a,\"\"b\"\"\",'=cmd(),induction,", 0) == 0);
}

TEST_CASE("export: csv never starts a field with a formula character") {
    for (const std::string lead : {"=", "+", "-", "@", "\t", "\r"}) {
        auto hostile = fixture();
        hostile[0].course.id = lead + "HYPERLINK(\"http://x\")";
        const auto rows = split_crlf(ex::to_csv(hostile, fixed_options()));
        REQUIRE(rows.size() > 1);
        // Quoted (the field holds a quote) and the formula character is behind a '.
        CHECK(rows[1].rfind("\"'" + lead + "HYPERLINK(\"\"http://x\"\")\",", 0) == 0);
    }
}

TEST_CASE("export: markdown escapes preset text and repeats the disclaimer") {
    const auto md = ex::to_markdown(fixture(), fixed_options());
    CHECK(md.rfind("# Course plan\n\n> **" + std::string{kDisclaimer} + "**\n", 0) == 0);
    CHECK(md.size() > kDisclaimer.size() + 8);
    CHECK(md.substr(md.size() - kDisclaimer.size() - 7) ==
          "> **" + std::string{kDisclaimer} + "**\n");
    CHECK(md.find("weekly \\| \\*example\\*") != std::string::npos);
    CHECK(md.find("| 7 | between Fri 27 Mar and Fri 10 Apr 2026 |") != std::string::npos);
    CHECK(md.find("| 3 | Fri 6 Mar 2026 | Infusion 09:00-09:40, then observation until "
                  "11:40 | Initial series | infusion 3 of 6 | ride home |") != std::string::npos);
    // The nasal spray's observation is a minimum.
    CHECK(md.find("Spray and rest 09:00-09:20, then observation until at least 11:20") !=
          std::string::npos);
    CHECK(md.find("in the chair") == std::string::npos);
    CHECK(md.find("[Murrough et al. 2013") != std::string::npos);
    CHECK(md.find("(https://doi.org/10.1016/j.biopsych.2012.06.022)") != std::string::npos);

    auto hostile = fixture();
    hostile[0].protocol.title = "A|B *c* _d_ `e` [f](g) <script> \\ h";
    hostile[0].protocol.sources[0].url = "javascript:alert(1)";
    const auto h = ex::to_markdown(hostile, fixed_options());
    CHECK(h.find("## 1. A\\|B \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) &lt;script&gt; \\\\ h\n") !=
          std::string::npos);
    CHECK(h.find("javascript:alert(1)") != std::string::npos);  // shown as text
    CHECK(h.find("](javascript:") == std::string::npos);        // never as a link
}

TEST_CASE("export: an illustrative course says so once in every format") {
    auto courses = fixture();
    for (const std::string note : {"", "Illustrative: no standard course; shown weekly.",
                                   "A cohort median, shown weekly."}) {
        courses[1].protocol.illustrative = true;
        courses[1].protocol.illustrative_note = note;
        const auto md = ex::to_markdown(courses, fixed_options());
        CHECK(count(md, "Illustrative") == 1);
        if (!note.empty()) CHECK(md.find(note.substr(note.size() - 12)) != std::string::npos);
        const auto d = ex::visit_description(courses[1], courses[1].expansion.visits[0]);
        CHECK(count(d, "Illustrative") == 1);
        const auto j = nlohmann::json::parse(ex::to_json(courses, fixed_options()));
        CHECK(j["courses"][1]["illustrative"] == true);
        CHECK(j["courses"][0]["illustrative"] == false);
    }
}

TEST_CASE("export: default_timestamp follows SOURCE_DATE_EPOCH") {
    const char* old = std::getenv("SOURCE_DATE_EPOCH");
    const std::optional<std::string> saved = old ? std::optional<std::string>{old} : std::nullopt;
    setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
    CHECK(ex::default_timestamp() == 1767225600);
    ex::Options o;  // no timestamp: the writer asks default_timestamp itself
    CHECK(ex::to_json({}, o).find("\"generated\": \"2026-01-01T00:00:00Z\"") != std::string::npos);
    setenv("SOURCE_DATE_EPOCH", "not a number", 1);
    CHECK(ex::default_timestamp() > 1700000000);  // falls back to now
    if (saved)
        setenv("SOURCE_DATE_EPOCH", saved->c_str(), 1);
    else
        unsetenv("SOURCE_DATE_EPOCH");
}

// [SECTION] Through the engine (planner::plan_courses)

namespace {

// US rule since 2007: DST from the second Sunday in March to the first Sunday in
// November, so 09:00 local is 13:00Z inside it and 14:00Z outside.
int new_york_offset_hours(chr::sys_days date) {
    const chr::year y = chr::year_month_day{date}.year();
    const chr::sys_days begin{y / chr::March / chr::Sunday[2]};
    const chr::sys_days end{y / chr::November / chr::Sunday[1]};
    return (date >= begin && date < end) ? 4 : 5;
}

std::string utc_text(chr::sys_days date, chr::minutes local, int offset_hours) {
    const auto t = chr::sys_seconds{date} + local + chr::hours{offset_hours};
    const auto d = chr::floor<chr::days>(t);
    const chr::year_month_day ymd{d};
    const chr::hh_mm_ss hms{t - d};
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d%02u%02uT%02d%02d%02dZ", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                  static_cast<int>(hms.hours().count()), static_cast<int>(hms.minutes().count()),
                  static_cast<int>(hms.seconds().count()));
    return buf;
}

// Written out, not through ex::ics_uid: the UID is course id . phase id . number.
std::string uid_of(const PlannedCourse& pc, std::size_t /*index*/, const Visit& v) {
    return pc.course.id + "." + pc.protocol.phases[v.phase].id + "." +
           std::to_string(v.number_in_phase) + "@course-planner";
}

}  // namespace

TEST_CASE("export: engine plans export with stable UIDs and US DST offsets, 2025-2028") {
    const ScopedTz tz{"America/New_York"};
    const Protocol iv = iv_course().protocol;
    const Protocol nasal = nasal_course().protocol;
    std::vector<std::string> first_uids;
    int checked = 0;
    for (auto start = day(2025, 1, 6); start < day(2028, 12, 31); start += chr::days{17}) {
        Course a;
        a.protocol_id = iv.id;
        a.start = chr::year_month_day{start};
        Course b;
        b.protocol_id = nasal.id;
        b.start = chr::year_month_day{start + chr::days{3}};
        b.start_time = chr::minutes{8 * 60 + 30};
        const auto planned = plan_courses({{iv, a}, {nasal, b}});
        REQUIRE_MESSAGE(planned.ok(), planned.error().message());
        const auto& courses = planned.value();
        const auto ics = ex::to_ics(courses, fixed_options(true));
        const auto text = unfold(ics);
        for (const auto& l : split_crlf(ics)) REQUIRE(l.size() <= 75);

        std::vector<std::string> uids;
        std::size_t visits = 0;
        for (std::size_t ci = 0; ci < courses.size(); ++ci) {
            for (const Visit& v : courses[ci].expansion.visits) {
                ++visits;
                const auto uid = uid_of(courses[ci], ci, v);
                uids.push_back(uid);
                const auto ev = event_with_uid(ics, uid);
                REQUIRE_MESSAGE(!ev.empty(), uid);
                if (v.is_window()) {
                    CHECK(ev.find("DTSTART;VALUE=DATE:") != std::string::npos);
                    CHECK(ev.find("SUMMARY:Window: ") != std::string::npos);
                    CHECK(ev.find("VALARM") == std::string::npos);
                    continue;
                }
                const int off = new_york_offset_hours(v.earliest);
                CHECK_MESSAGE(ev.find("DTSTART:" + utc_text(v.earliest, v.treatment_start, off)) !=
                                  std::string::npos,
                              uid << " on " << utc_text(v.earliest, chr::minutes{0}, 0));
                CHECK(ev.find("DTEND:" + utc_text(v.earliest, v.observation_end, off)) !=
                      std::string::npos);
                // the evening alarm fires at 18:00 local the day before, whatever the offsets
                // of that evening and of the visit
                const auto eve = v.earliest - chr::days{1};
                const long long before = v.treatment_start.count() + 24 * 60 - 18 * 60 +
                                         (off - new_york_offset_hours(eve)) * 60;
                std::string trigger =
                    "TRIGGER;RELATED=START:-PT" + std::to_string(before / 60) + "H";
                if (before % 60 != 0) trigger += std::to_string(before % 60) + "M";
                CHECK_MESSAGE(ev.find(trigger + "\r\n") != std::string::npos,
                              uid << " " << trigger);
                ++checked;
            }
        }
        CHECK(count(text, "BEGIN:VEVENT") == visits);
        CHECK(std::set<std::string>(uids.begin(), uids.end()).size() == uids.size());
        // identity, not date: the first visits keep their UIDs whatever the start date
        if (first_uids.empty()) first_uids.assign(uids.begin(), uids.begin() + 6);
        CHECK(std::vector<std::string>(uids.begin(), uids.begin() + 6) == first_uids);

        const auto j = nlohmann::json::parse(ex::to_json(courses, fixed_options()));
        CHECK(j["visits"].size() == visits);
        for (const auto f : {ex::Format::json, ex::Format::csv, ex::Format::md})
            CHECK_FALSE(std::regex_search(ex::write(f, courses, fixed_options()), dose_pattern()));
        CHECK_FALSE(std::regex_search(text, dose_pattern()));
    }
    CHECK(checked > 1000);
}
