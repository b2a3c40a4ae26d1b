// The rescheduling rules: the table itself, each rule on its own (protocols built in code),
// and the cases of issue 7 through the shipped presets.
#include "planner/rules.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "planner/differences.hpp"
#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/plan.hpp"
#include "planner/schedule.hpp"

namespace {

namespace chr = std::chrono;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using planner::Cadence;
using planner::Course;
using planner::Difference;
using planner::Expansion;
using planner::Phase;
using planner::Protocol;
using planner::Visit;

const fs::path kPresetsDir = PRESETS_DIR;
const fs::path kDocs = fs::path(TEST_DATA_DIR) / ".." / ".." / "docs";

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

Phase weekly(const std::string& id, int per_week, int weeks) {
    Phase p;
    p.id = id;
    p.name = id;
    p.cadence.kind = Cadence::Kind::weekly;
    p.cadence.per_week = per_week;
    p.cadence.weeks = weeks;
    p.cadence.sources = {"src"};
    return p;
}

Phase interval(const std::string& id, int min_weeks, int max_weeks, int count) {
    Phase p;
    p.id = id;
    p.name = id;
    p.kind = planner::PhaseKind::booster;
    p.cadence.kind = Cadence::Kind::interval;
    p.cadence.every_weeks = {min_weeks, max_weeks};
    p.cadence.count = count;
    p.cadence.sources = {"src"};
    return p;
}

Protocol protocol_of(std::vector<Phase> phases, std::vector<chr::weekday> days) {
    Protocol p;
    p.id = "rules";
    p.title = "Rules";
    p.route = planner::Route::nasal;
    p.default_clinic_days = std::move(days);
    p.visit.treatment_minutes.value = {10, 10};
    p.visit.observation_minutes.value = {120, 120};
    p.phases = std::move(phases);
    p.sources = {{"src", "Example et al. 2020, A trial, A Journal", "https://example.org", "", ""}};
    return p;
}

Course at(chr::year_month_day start, std::vector<chr::year_month_day> closed = {}) {
    Course c;
    c.start = start;
    c.closed = std::move(closed);
    return c;
}

Expansion run(const Protocol& p, const Course& c, const planner::Overrides& o = {}) {
    auto e = planner::expand(p, c, 0, o);
    REQUIRE_MESSAGE(e.ok(), (e.ok() ? "" : e.error().message()));
    return std::move(e).value();
}

std::vector<chr::sys_days> dates(const Expansion& e, std::size_t phase) {
    std::vector<chr::sys_days> out;
    for (const auto& v : e.visits)
        if (v.phase == phase) out.push_back(v.earliest);
    return out;
}

chr::sys_days d(int y, unsigned m, unsigned day) {
    return chr::sys_days{chr::year{y} / m / day};
}

std::vector<std::string> texts(const std::vector<Difference>& ds) {
    std::vector<std::string> out;
    for (const auto& x : ds) out.push_back(x.rule + ": " + x.text);
    return out;
}

planner::PlannedCourse preset_course(const std::string& id, Course c,
                                     const planner::Overrides& o = {}) {
    auto p = planner::io::load_protocol_file(kPresetsDir / (id + ".json"));
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
    planner::Plan plan;
    plan.add_course(*p, std::move(c));
    plan.overrides = o;
    auto r = planner::plan_courses(plan);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message()));
    return r->front();
}

}  // namespace

TEST_CASE("rules: the table has unique ids and short informative sentences, all documented") {
    const std::string docs = slurp(kDocs / "presets.md");
    REQUIRE_FALSE(docs.empty());
    std::set<std::string_view> ids;
    for (const planner::Rule& r : planner::rules()) {
        CAPTURE(r.id);
        CHECK(ids.insert(r.id).second);
        CHECK(planner::word_count(r.sentence) <= 25);
        CHECK(r.sentence.back() == '.');
        for (const char* advice : {"should", "must", "you ", "You "})
            CHECK(r.sentence.find(advice) == std::string_view::npos);
        CHECK(r.reference == "docs/presets.md#how-the-planner-places-visits");
        CHECK(docs.find("| `" + std::string(r.id) + "` |") != std::string::npos);
        CHECK(planner::find_rule(r.id) == &r);
    }
    CHECK(ids.size() == 10);
    CHECK(planner::find_rule("no-such-rule") == nullptr);
    std::set<std::string_view> nameable;
    for (const planner::Rule& r : planner::rules())
        if (r.preset_may_name) nameable.insert(r.id);
    CHECK(nameable == std::set<std::string_view>{"keep-count", "continue-schedule"});
    CHECK(docs.find("## How the planner places visits") != std::string::npos);
    // The old promise is gone: no source states a minimum gap.
    CHECK(docs.find("at least two days apart") == std::string::npos);
}

TEST_CASE("rule phase-order: a phase starts in its published week or after the previous one") {
    const Protocol p =
        protocol_of({weekly("a", 2, 2), weekly("b", 1, 2)}, {chr::Monday, chr::Thursday});
    // As published: a in weeks 1-2, b in weeks 3-4.
    const auto plain = run(p, at(2026y / 3 / 2));
    CHECK(plain.phases[1].first_week == 3);
    CHECK(plain.phases[1].published_first_week == 3);
    CHECK(dates(plain, 1) == std::vector{d(2026, 3, 16), d(2026, 3, 23)});
    CHECK(plain.differences.empty());
    // a's last week loses its Thursday: a runs into week 3, b starts in week 4.
    const auto late = run(p, at(2026y / 3 / 2, {2026y / 3 / 12}));
    CHECK(dates(late, 0).back() == d(2026, 3, 16));
    CHECK(dates(late, 1) == std::vector{d(2026, 3, 23), d(2026, 3, 30)});
    CHECK(late.phases[1].first_week == 4);
    const auto t = texts(late.differences);
    CHECK(std::find(t.begin(), t.end(),
                    "phase-order: b is in weeks 4 to 5; the published course has weeks 3 to 4 "
                    "(Example et al. 2020).") != t.end());
}

TEST_CASE("rule same-week: the nearest free clinic day of the same week, ties to the later") {
    const std::vector<chr::weekday> mon_fri{chr::Monday, chr::Tuesday, chr::Wednesday,
                                            chr::Thursday, chr::Friday};
    const Protocol p = protocol_of({weekly("a", 2, 1)}, mon_fri);  // Mon/Thu
    // Thursday closed: Wednesday and Friday are as near; Friday, the later, is taken.
    CHECK(dates(run(p, at(2026y / 3 / 2, {2026y / 3 / 5})), 0) ==
          std::vector{d(2026, 3, 2), d(2026, 3, 6)});
    // Thursday and Friday closed: Wednesday, before it, still in the week.
    const auto e = run(p, at(2026y / 3 / 2, {2026y / 3 / 5, 2026y / 3 / 6}));
    CHECK(dates(e, 0) == std::vector{d(2026, 3, 2), d(2026, 3, 4)});
    REQUIRE(e.differences.size() == 1);
    CHECK(e.differences[0].rule == "same-week");
    CHECK(e.differences[0].visit == planner::VisitId{"rules", "a", 2});
    CHECK(e.differences[0].affects == std::vector{planner::VisitId{"rules", "a", 2}});
    CHECK(e.differences[0].text ==
          "Session 2 (a) moves from Thu 5 Mar to Wed 4 Mar, as the clinic is closed.");
}

TEST_CASE("rule keep-count: never fewer visits, a week without room makes the phase longer") {
    // Once a week for 4 weeks on Mondays; Monday of week 2 closed: weeks 1, 3, 4, 5.
    const Protocol p = protocol_of({weekly("a", 1, 4)}, {chr::Monday});
    const auto e = run(p, at(2026y / 3 / 2, {2026y / 3 / 9}));
    CHECK(dates(e, 0) ==
          std::vector{d(2026, 3, 2), d(2026, 3, 16), d(2026, 3, 23), d(2026, 3, 30)});
    for (const auto& v : e.visits) CHECK(v.phase_total == 4);
    CHECK(texts(e.differences) ==
          std::vector<std::string>{
              "keep-count: a keeps its 4 sessions over weeks 1 to 5; the published course "
              "has weeks 1 to 4 (Example et al. 2020).",
              "keep-count: Week 2 has no session, as the clinic is closed Mon 9 Mar; the "
              "published course has 1 a week (Example et al. 2020)."});
    // The week without a visit is carried by the next visit's event.
    CHECK(e.differences[1].affects == std::vector{planner::VisitId{"rules", "a", 2}});
    // Twice a week with one clinic day: 8 sessions over 8 weeks, not 4 of 8.
    const Protocol twice = protocol_of({weekly("a", 2, 4)}, {chr::Monday});
    const auto one_day = run(twice, at(2026y / 3 / 2));
    REQUIRE(one_day.visits.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) CHECK(one_day.visits[i].week == static_cast<int>(i) + 1);
}

TEST_CASE("rule continue-schedule: a preset names it and its source is cited") {
    Protocol p = protocol_of({weekly("induction", 2, 2)}, {chr::Monday, chr::Thursday});
    p.sources.push_back(
        {"maker", "Maker guidance: missed sessions", "https://example.org/m", "", ""});
    p.phases[0].reschedule = planner::Reschedule{"continue-schedule", {"maker"}};
    planner::Overrides o;
    o[{"rules", "induction", 4}].missed = true;  // Thu of week 2, no other clinic day left
    const auto e = run(p, at(2026y / 3 / 2), o);
    CHECK(dates(e, 0).back() == d(2026, 3, 16));
    bool span = false;
    for (const auto& x : e.differences) {
        CAPTURE(x.text);
        if (x.visit) continue;
        CHECK(x.rule == "continue-schedule");
        CHECK(std::find(x.sources.begin(), x.sources.end(), "maker") != x.sources.end());
        span = span || x.text.find("keeps its 4 sessions") != std::string::npos;
    }
    CHECK(span);
    // The missed visit itself names the same rule and the schedule continuing.
    const auto it = std::find_if(e.differences.begin(), e.differences.end(),
                                 [](const Difference& x) { return x.visit.has_value(); });
    REQUIRE(it != e.differences.end());
    CHECK(it->rule == "continue-schedule");
    CHECK(it->text ==
          "Session 4 (induction), missed on Thu 12 Mar, is made up on Mon 16 Mar; the "
          "schedule continues from there.");
}

TEST_CASE("rule week-cap: a once-a-week phase never has two visits in a week from the start") {
    // Induction ends on a Monday of week 3 (Thursday closed); weekly maintenance on Thursdays
    // would fit that week, but the phase starts the week after: never two in one week.
    Phase maintenance = weekly("m", 1, 2);
    const Protocol p = protocol_of({weekly("i", 2, 2), maintenance}, {chr::Monday, chr::Thursday});
    const auto e = run(p, at(2026y / 3 / 2, {2026y / 3 / 12}));
    std::map<int, int> per_week;
    for (const auto& v : e.visits)
        if (v.phase == 1) CHECK(++per_week[v.week] == 1);
    CHECK(e.phases[1].first_week == 4);
    // Only a visit a plan moves by hand can put two in a week, and that is a difference.
    planner::Overrides o;
    o[{"rules", "m", 2}].date = 2026y / 3 / 26;  // week 4, beside m/1 on Mon 23 Mar
    const auto moved = run(p, at(2026y / 3 / 2, {2026y / 3 / 12}), o);
    const auto t = texts(moved.differences);
    CHECK(std::find(t.begin(), t.end(),
                    "plan-move: Week 4 has 2 sessions of this phase; the published course has 1 "
                    "a week (Example et al. 2020).") != t.end());
}

TEST_CASE("rule window-follows: windows widen, name closed days, agree with the counts") {
    const Protocol p =
        protocol_of({weekly("w", 1, 1), interval("later", 1, 2, 4)}, {chr::Monday, chr::Thursday});
    const auto e = run(p, at(2026y / 3 / 2, {2026y / 3 / 19}));
    std::vector<const Visit*> windows;
    for (const auto& v : e.visits)
        if (v.phase == 1) windows.push_back(&v);
    REQUIRE(windows.size() == 4);
    // After Mon 2 Mar: [9, 16], [16, 30], [23, 13 Apr], [30, 27 Apr], all Mondays.
    const std::vector<std::pair<chr::sys_days, chr::sys_days>> want{
        {d(2026, 3, 9), d(2026, 3, 16)},
        {d(2026, 3, 16), d(2026, 3, 30)},
        {d(2026, 3, 23), d(2026, 4, 13)},
        {d(2026, 3, 30), d(2026, 4, 27)}};
    for (std::size_t k = 0; k < 4; ++k) {
        CHECK(windows[k]->earliest == want[k].first);
        CHECK(windows[k]->latest == want[k].second);
    }
    CHECK(windows[0]->closed_in_window.empty());
    CHECK(windows[1]->closed_in_window == std::vector{d(2026, 3, 19)});  // Thu 19 Mar
    const auto s = planner::summarize(p, at(2026y / 3 / 2), e);
    CHECK(s.phases[1].windows == 4);
    CHECK(s.phases[1].visits == planner::Range{4, 4});  // a fixed count: all required
    // Ends narrow to open clinic days: a window ending on a closed Monday ends on Thursday.
    const auto closed_end = run(p, at(2026y / 3 / 2, {2026y / 3 / 16}));
    CHECK(closed_end.visits[1].earliest == d(2026, 3, 9));
    CHECK(closed_end.visits[1].latest == d(2026, 3, 12));
    // No open day at all in a window: the first one after, said plainly.
    const auto none = run(p, at(2026y / 3 / 2, {2026y / 3 / 9, 2026y / 3 / 12, 2026y / 3 / 16}));
    CHECK_FALSE(none.visits[1].is_window());
    CHECK(none.visits[1].earliest == d(2026, 3, 19));
    CHECK(none.differences.front().rule == "window-follows");
}

TEST_CASE("rule next-open-day and horizon") {
    const Protocol fixed = protocol_of({interval("every-2", 2, 2, 3)}, {chr::Monday});
    const auto e = run(fixed, at(2026y / 3 / 2, {2026y / 3 / 16}));
    CHECK(dates(e, 0) == std::vector{d(2026, 3, 2), d(2026, 3, 23), d(2026, 4, 6)});
    REQUIRE(e.differences.size() == 1);
    CHECK(e.differences[0].rule == "next-open-day");
    const Protocol open = protocol_of({interval("open", 2, 4, 0)}, {chr::Monday});
    Course c = at(2026y / 3 / 2);
    c.booster_months = 2;
    const auto h = run(open, c);
    REQUIRE(h.notices.size() == 1);
    CHECK(h.notices[0].kind == planner::Notice::Kind::horizon_cut);
    CHECK(h.differences.empty());  // the horizon is a notice, not a difference
    REQUIRE(h.phases[0].horizon.has_value());
    for (const auto& v : h.visits) CHECK(v.earliest <= *h.phases[0].horizon);
}

TEST_CASE("issue 7: Spravato over Christmas keeps its phases apart and numbers") {
    Course c = at(2026y / 12 / 7, {2026y / 12 / 24, 2026y / 12 / 31, 2027y / 1 / 4});
    const auto pc = preset_course("spravato-label", c);
    const auto& e = pc.expansion;
    CHECK(dates(e, 0) == std::vector{d(2026, 12, 7), d(2026, 12, 10), d(2026, 12, 14),
                                     d(2026, 12, 17), d(2026, 12, 21), d(2026, 12, 28),
                                     d(2027, 1, 7), d(2027, 1, 11)});
    // Weekly maintenance starts after induction's last session, one a week.
    CHECK(dates(e, 1) == std::vector{d(2027, 1, 18), d(2027, 1, 25), d(2027, 2, 1), d(2027, 2, 8)});
    for (const auto& v : e.visits) CHECK(v.number_in_phase <= v.phase_total);
    CHECK(texts(pc.differences()) ==
          std::vector<std::string>{
              "continue-schedule: Induction keeps its 8 sessions over weeks 1 to 6; the "
              "published course has weeks 1 to 4 (SPRAVATO nasal spray).",
              "continue-schedule: Week 3 has 1 session, as the clinic is closed Thu 24 Dec; "
              "the published course has 2 a week (SPRAVATO nasal spray).",
              "continue-schedule: Week 4 has 1 session, as the clinic is closed Thu 31 Dec; "
              "the published course has 2 a week (SPRAVATO nasal spray).",
              "phase-order: Maintenance, weekly is in weeks 7 to 10; the published course has "
              "weeks 5 to 8 (SPRAVATO nasal spray).",
              "phase-order: Maintenance, every 1 to 2 weeks starts after week 10; the published "
              "course starts it after week 8 (SPRAVATO nasal spray)."});
    CHECK(std::find(pc.differences()[0].sources.begin(), pc.differences()[0].sources.end(),
                    "janssen-missed") != pc.differences()[0].sources.end());
    // "Weeks 5 to 8." is the published phase, said as such.
    const auto md = planner::exporter::to_markdown({pc}, {});
    CHECK(md.find("Maintenance, weekly: As published: Weeks 5 to 8.") != std::string::npos);
}

TEST_CASE("issue 7: the closed infusion is the one named, and counts never shrink") {
    const auto closed = preset_course("iv-six-two-weeks", at(2026y / 12 / 7, {2026y / 12 / 9}));
    CHECK(dates(closed.expansion, 0) == std::vector{d(2026, 12, 7), d(2026, 12, 11),
                                                    d(2026, 12, 14), d(2026, 12, 16),
                                                    d(2026, 12, 18), d(2026, 12, 21)});
    for (const auto& x : closed.differences()) CHECK(x.text.find("nfusion 4") == std::string::npos);
    CHECK(closed.differences()[0].text.find("closed Wed 9 Dec;") != std::string::npos);

    Course tue_fri = at(2026y / 12 / 7);
    tue_fri.clinic_days = {chr::Tuesday, chr::Friday};
    const auto iv = preset_course("iv-six-two-weeks", tue_fri);
    REQUIRE(dates(iv.expansion, 0).size() == 6);
    for (const auto& v : iv.expansion.visits)
        if (v.phase == 0) CHECK(v.phase_total == 6);

    Course mondays = at(2026y / 12 / 7);
    mondays.clinic_days = {chr::Monday};
    const auto sp = preset_course("spravato-label", mondays);
    CHECK(dates(sp.expansion, 0).size() == 8);
    CHECK(sp.summary.phases[0].visits == planner::Range{8, 8});
    CHECK(sp.summary.phases[0].last_week == 8);
    CHECK(sp.differences()[0].text ==
          "Weeks 1 to 4 have 1 session each with 1 clinic day a week; the published "
          "course has 2 a week (SPRAVATO nasal spray).");
}

TEST_CASE("issue 7: windows follow the previous visit and the counts match what is drawn") {
    const auto sp = preset_course("spravato-label", at(2026y / 12 / 7));
    const Visit* prev = nullptr;
    for (const auto& v : sp.expansion.visits) {
        if (v.phase == 1) prev = &v;
        if (v.phase != 2) continue;
        REQUIRE(prev != nullptr);
        CHECK(v.earliest == prev->earliest + chr::days{7});
        // Up to the booster horizon (Sun 25 Apr 2027), where a window that could run past
        // it stops, on the last clinic day before it (Thu 22 Apr): nothing is drawn after
        // the date the horizon notice gives.
        const chr::sys_days horizon{2027y / 4 / 25};
        const bool past = prev->latest + chr::days{14} > horizon;
        CHECK(v.latest == (past ? chr::sys_days{2027y / 4 / 22} : prev->latest + chr::days{14}));
        CHECK(v.may_pass_horizon == past);
        prev = &v;
    }
    for (const char* id : {"iv-boosters", "spravato-label", "iv-six-two-weeks"}) {
        CAPTURE(id);
        const auto pc = preset_course(id, at(2026y / 12 / 7));
        for (std::size_t i = 0; i < pc.summary.phases.size(); ++i) {
            int drawn = 0;
            int windows = 0;
            for (const auto& v : pc.expansion.visits) {
                drawn += v.phase == i ? 1 : 0;
                windows += v.phase == i && v.is_window() ? 1 : 0;
            }
            CHECK(pc.summary.phases[i].visits.max == drawn);
            CHECK(pc.summary.phases[i].windows == windows);
        }
    }
    // Two clinic days side by side: twice a week uses both (no spacing is published).
    Course mon_tue = at(2026y / 12 / 7);
    mon_tue.clinic_days = {chr::Monday, chr::Tuesday};
    const auto adjacent = preset_course("spravato-label", mon_tue);
    CHECK(dates(adjacent.expansion, 0)[1] - dates(adjacent.expansion, 0)[0] == chr::days{1});
    CHECK(adjacent.differences().empty());
}
