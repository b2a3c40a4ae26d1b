// Engine tests: protocols are built in code so these never depend on preset files.
// Dates are civil dates (no time zone), so daylight saving changes cannot move a visit.
#include "planner/schedule.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <bit>
#include <chrono>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "planner/differences.hpp"
#include "planner/plan.hpp"

namespace {

using namespace std::chrono;
using planner::Cadence;
using planner::Course;
using planner::Notice;
using planner::Phase;
using planner::PhaseKind;
using planner::Protocol;
using planner::Visit;

Phase weekly(const std::string& name, int per_week, int weeks) {
    Phase p;
    p.id = name;
    p.name = name;
    p.kind = PhaseKind::induction;
    p.cadence.kind = Cadence::Kind::weekly;
    p.cadence.per_week = per_week;
    p.cadence.weeks = weeks;
    return p;
}

Phase interval(const std::string& name, int min_weeks, int max_weeks, int count,
               bool as_needed = false) {
    Phase p;
    p.id = name;
    p.name = name;
    p.kind = PhaseKind::booster;
    p.cadence.kind = Cadence::Kind::interval;
    p.cadence.every_weeks = {min_weeks, max_weeks};
    p.cadence.count = count;
    p.cadence.as_needed = as_needed;
    return p;
}

Protocol protocol_of(std::vector<Phase> phases, std::vector<weekday> clinic_days = {}) {
    Protocol p;
    p.id = "test-protocol";
    p.title = "Test";
    p.route = planner::Route::iv;
    p.default_clinic_days = std::move(clinic_days);
    p.visit.treatment_minutes.value = {40, 40};
    p.visit.observation_minutes.value = {15, 120};
    p.visit.ride_home.value = true;
    p.phases = std::move(phases);
    return p;
}

Course course_at(year_month_day start) {
    Course c;
    c.protocol_id = "test-protocol";
    c.start = start;
    return c;
}

const std::vector<weekday> kMonWedFri{Monday, Wednesday, Friday};

planner::Expansion expand_ok(const Protocol& p, const Course& c, std::size_t index = 0) {
    auto r = planner::expand(p, c, index);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? std::string{} : r.error().message()));
    return std::move(r).value();
}

std::vector<const Visit*> in_phase(const planner::Expansion& e, std::size_t phase) {
    std::vector<const Visit*> out;
    for (const auto& v : e.visits)
        if (v.phase == phase) out.push_back(&v);
    return out;
}

int count_between(const planner::Expansion& e, sys_days from, sys_days to) {
    return static_cast<int>(std::count_if(e.visits.begin(), e.visits.end(), [&](const Visit& v) {
        return v.earliest >= from && v.earliest <= to;
    }));
}

}  // namespace

TEST_CASE("schedule: three a week gives six visits within 14 days on Mon/Wed/Fri, 2024-2030") {
    const Protocol p = protocol_of({weekly("Initial series", 3, 2)}, kMonWedFri);
    int starts = 0;
    for (sys_days d = sys_days{2024y / January / 1}; d <= sys_days{2030y / December / 31};
         d += days{1}) {
        const auto e = expand_ok(p, course_at(year_month_day{d}));
        REQUIRE(e.visits.size() == 6);
        std::set<sys_days> distinct;
        for (const auto& v : e.visits) {
            distinct.insert(v.earliest);
            const weekday w{v.earliest};
            CHECK((w == Monday || w == Wednesday || w == Friday));
            CHECK(v.earliest >= d);
            CHECK(!v.is_window());
        }
        CHECK(distinct.size() == 6);
        CHECK((e.visits.back().earliest - e.visits.front().earliest).count() <= 13);
        CHECK(count_between(e, d, d + days{6}) == 3);
        CHECK(count_between(e, d + days{7}, d + days{13}) == 3);
        for (std::size_t i = 0; i < e.visits.size(); ++i) {
            CHECK(e.visits[i].number_in_course == static_cast<int>(i) + 1);
            CHECK(e.visits[i].number_in_phase == static_cast<int>(i) + 1);
            CHECK(e.visits[i].phase_total == 6);
            CHECK(e.visits[i].week_in_phase == (i < 3 ? 1 : 2));
        }
        ++starts;
    }
    CHECK(starts == 2557);
}

TEST_CASE("schedule: twice a week on Monday to Friday lands on Monday and Thursday") {
    const Protocol p = protocol_of({weekly("Twice weekly", 2, 4)});
    for (sys_days d = sys_days{2026y / January / 1}; d <= sys_days{2027y / December / 31};
         d += days{1}) {
        const auto e = expand_ok(p, course_at(year_month_day{d}));
        REQUIRE(e.visits.size() == 8);
        for (std::size_t i = 1; i < e.visits.size(); ++i)
            CHECK((e.visits[i].earliest - e.visits[i - 1].earliest).count() >= 2);
        for (const auto& v : e.visits) {
            const weekday w{v.earliest};
            CHECK((w == Monday || w == Thursday));
        }
    }
}

TEST_CASE("schedule: Spravato-like 2/wk x4, 1/wk x4, then every 1 to 2 weeks") {
    Phase induction = weekly("Induction", 2, 4);
    Phase maintenance = weekly("Maintenance", 1, 4);
    maintenance.kind = PhaseKind::maintenance;
    Phase later = interval("Week 9 on", 1, 2, 0);
    later.kind = PhaseKind::maintenance;
    const Protocol p = protocol_of({induction, maintenance, later});
    for (sys_days d = sys_days{2026y / January / 1}; d <= sys_days{2026y / December / 31};
         d += days{1}) {
        Course c = course_at(year_month_day{d});
        c.booster_months = 3;
        const auto e = expand_ok(p, c);
        for (int w = 0; w < 4; ++w) {
            const sys_days b = d + days{7 * w};
            CHECK(count_between(e, b, b + days{6}) == 2);
        }
        for (int w = 4; w < 8; ++w) {
            const sys_days b = d + days{7 * w};
            CHECK(count_between(e, b, b + days{6}) == 1);
        }
        const auto ind = in_phase(e, 0);
        const auto maint = in_phase(e, 1);
        const auto windows = in_phase(e, 2);
        REQUIRE(ind.size() == 8);
        REQUIRE(maint.size() == 4);
        REQUIRE(!windows.empty());
        CHECK(maint.front()->earliest >= d + days{28});  // block aligned: week 5 is day 28
        CHECK(maint.front()->week == 5);
        CHECK(maint.back()->week_in_phase == 4);
        CHECK(maint.back()->week == 8);
        // Each window follows the previous visit: [earliest + 7, latest + 14], so they widen.
        sys_days earliest = maint.back()->earliest;
        sys_days latest = maint.back()->latest;
        for (const Visit* v : windows) {
            CHECK(v->is_window());
            CHECK(v->week_in_phase == 0);
            CHECK(v->earliest == earliest + days{7});
            CHECK(v->latest == latest + days{14});
            earliest = v->earliest;
            latest = v->latest;
        }
        CHECK(e.differences.empty());
    }
}

TEST_CASE("schedule: pick_weekdays is the best spread for all 127 clinic-day sets") {
    // Monday-first index 0..6 of a chrono weekday
    const auto idx = [](weekday w) { return static_cast<int>(w.iso_encoding()) - 1; };
    const std::vector<weekday> week{Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
    for (unsigned mask = 1; mask < 128; ++mask) {
        std::vector<weekday> clinic;
        for (int i = 6; i >= 0; --i)  // given in reverse order: the function must sort
            if (mask & (1u << i)) clinic.push_back(week[static_cast<std::size_t>(i)]);
        const int n = std::popcount(mask);
        for (int k = 1; k <= 7; ++k) {
            const auto got = planner::pick_weekdays(clinic, k);
            const int want_size = std::min(k, n);
            REQUIRE(static_cast<int>(got.size()) == want_size);
            unsigned got_mask = 0;
            for (std::size_t i = 0; i < got.size(); ++i) {
                got_mask |= 1u << idx(got[i]);
                if (i > 0) CHECK(idx(got[i - 1]) < idx(got[i]));
            }
            CHECK((got_mask & ~mask) == 0u);
            CHECK(std::popcount(got_mask) == want_size);
            // Brute force, written differently: every submask, gap = walk forward to the next
            // chosen day; ties broken by comparing the lowest differing day.
            const auto walk_gap = [](unsigned m) {
                int worst = 8;
                for (int d = 0; d < 7; ++d) {
                    if (!(m & (1u << d))) continue;
                    int step = 1;
                    while (!(m & (1u << ((d + step) % 7)))) ++step;
                    worst = std::min(worst, step);
                }
                return worst;
            };
            const auto earlier = [](unsigned a, unsigned b) {  // a before b, same size sets
                const unsigned diff = a ^ b;
                const unsigned low = diff & (~diff + 1u);
                return (a & low) != 0;
            };
            unsigned best = 0;
            int best_gap = -1;
            for (unsigned sub = mask;; sub = (sub - 1) & mask) {
                if (std::popcount(sub) == want_size) {
                    const int g = walk_gap(sub);
                    if (g > best_gap || (g == best_gap && earlier(sub, best))) {
                        best = sub;
                        best_gap = g;
                    }
                }
                if (sub == 0) break;
            }
            CHECK(walk_gap(got_mask) == best_gap);
            CHECK(got_mask == best);
        }
    }
    using V = std::vector<weekday>;
    const V mon_fri{Monday, Tuesday, Wednesday, Thursday, Friday};
    CHECK(planner::pick_weekdays(mon_fri, 2) == V{Monday, Thursday});
    CHECK(planner::pick_weekdays(mon_fri, 3) == V{Monday, Wednesday, Friday});
    CHECK(planner::pick_weekdays(kMonWedFri, 2) == V{Monday, Friday});
    CHECK(planner::pick_weekdays(V{Tuesday, Thursday}, 3) == V{Tuesday, Thursday});
}

TEST_CASE("schedule: effective clinic days fall back and are sorted Monday first") {
    using V = std::vector<weekday>;
    Protocol p = protocol_of({weekly("w", 1, 1)});
    Course c = course_at(2026y / March / 2);
    CHECK(planner::effective_clinic_days(p, c) == V{Monday, Tuesday, Wednesday, Thursday, Friday});
    p.default_clinic_days = {Sunday, Wednesday, Monday, Wednesday};
    CHECK(planner::effective_clinic_days(p, c) == V{Monday, Wednesday, Sunday});
    c.clinic_days = {Saturday, Tuesday};
    CHECK(planner::effective_clinic_days(p, c) == V{Tuesday, Saturday});
}

TEST_CASE("schedule: a closed day moves the visit within its week") {
    Protocol p = protocol_of({weekly("Initial series", 2, 2)});  // Mon/Thu
    Course c = course_at(2026y / December / 21);
    c.closed = {2026y / December / 24};
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() == 4);
    const Visit& moved = e.visits[1];
    CHECK(moved.earliest == sys_days{2026y / December / 25});
    REQUIRE(moved.moved_from.has_value());
    CHECK(*moved.moved_from == sys_days{2026y / December / 24});
    CHECK(moved.move_reason == planner::MoveReason::closed);
    CHECK(moved.week_in_phase == 1);
    CHECK(!e.visits[0].moved_from.has_value());
    CHECK(e.notices.empty());
    REQUIRE(e.differences.size() == 1);
    const planner::Difference& d = e.differences[0];
    CHECK(d.rule == "same-week");
    CHECK(d.visit == planner::VisitId{"test-protocol", "Initial series", 2});
    CHECK(d.date == sys_days{2026y / December / 24});
    CHECK(d.text ==
          "Infusion 2 (Initial series) moves from Thu 24 Dec to Fri 25 Dec, as the "
          "clinic is closed.");
}

TEST_CASE("schedule: no free day left in the week: the phase keeps its count and runs longer") {
    Protocol p = protocol_of({weekly("Initial series", 3, 2)}, kMonWedFri);
    Course c = course_at(2026y / December / 21);
    c.closed = {2027y / January / 1};
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() == 6);
    const std::vector<sys_days> want{
        sys_days{2026y / December / 21}, sys_days{2026y / December / 23},
        sys_days{2026y / December / 25}, sys_days{2026y / December / 28},
        sys_days{2026y / December / 30}, sys_days{2027y / January / 4}};
    for (std::size_t i = 0; i < want.size(); ++i) CHECK(e.visits[i].earliest == want[i]);
    CHECK(e.visits[5].number_in_phase == 6);
    CHECK(e.visits[5].phase_total == 6);
    CHECK(e.visits[5].week_in_phase == 3);  // the phase runs a week longer
    CHECK(e.visits[5].week == 3);
    REQUIRE(e.differences.size() == 2);
    CHECK(e.differences[0].rule == "keep-count");
    CHECK(e.differences[0].week == 1);
    CHECK(e.differences[0].text ==
          "Initial series keeps its 6 infusions over weeks 1 to 3; the published course "
          "has weeks 1 to 2.");
    CHECK(e.differences[1].rule == "keep-count");
    CHECK(e.differences[1].week == 2);
    CHECK(e.differences[1].text ==
          "Week 2 has 2 infusions, as the clinic is closed Fri 1 Jan; the published course "
          "has 3 a week.");
}

TEST_CASE("schedule: a phase that runs longer moves the next phase later (never interleaved)") {
    // Mon/Wed/Fri; Wednesday and Friday of week 2 closed: the first phase needs week 3.
    Protocol p = protocol_of({weekly("Initial series", 3, 2), weekly("Next", 3, 1)}, kMonWedFri);
    Course c = course_at(2026y / March / 2);
    c.closed = {2026y / March / 11, 2026y / March / 13};
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() == 9);
    const auto first = in_phase(e, 0);
    const auto next = in_phase(e, 1);
    CHECK(first[3]->earliest == sys_days{2026y / March / 9});
    CHECK(first[4]->earliest == sys_days{2026y / March / 16});
    CHECK(first[5]->earliest == sys_days{2026y / March / 18});
    // "Next" is published for week 3; it starts in week 4, after the first phase's last visit.
    CHECK(next[0]->earliest == sys_days{2026y / March / 23});
    CHECK(next[2]->earliest == sys_days{2026y / March / 27});
    for (const Visit* v : next) CHECK(!v->moved_from.has_value());
    CHECK(e.phases[1].published_first_week == 3);
    CHECK(e.phases[1].first_week == 4);
    REQUIRE(e.differences.size() == 3);
    CHECK(e.differences[0].text ==
          "Initial series keeps its 6 infusions over weeks 1 to 3; the published course "
          "has weeks 1 to 2.");
    CHECK(e.differences[1].text ==
          "Week 2 has 1 infusion, as the clinic is closed 2 days; the published course has 3 "
          "a week.");
    CHECK(e.differences[2].rule == "phase-order");
    CHECK(e.differences[2].text == "Next is in week 4; the published course has week 3.");
}

TEST_CASE("schedule: leap day courses in 2028") {
    // Tue/Thu clinic, twice a week from Mon 28 Feb 2028: Tue 29 Feb is a visit.
    Protocol p = protocol_of({weekly("Initial series", 2, 2)}, {Tuesday, Thursday});
    const auto e = expand_ok(p, course_at(2028y / February / 28));
    REQUIRE(e.visits.size() == 4);
    CHECK(e.visits[0].earliest == sys_days{2028y / February / 29});
    CHECK(e.visits[1].earliest == sys_days{2028y / March / 2});
    CHECK(e.visits[2].earliest == sys_days{2028y / March / 7});

    // Closed on the leap day: Thu 2 Mar is taken, so the visit goes past the week, and past
    // Tue 7 and Thu 9 Mar, which are planned for week 2.
    Course c = course_at(2028y / February / 28);
    c.closed = {2028y / February / 29};
    const auto moved = expand_ok(p, c);
    REQUIRE(moved.visits.size() == 4);
    CHECK(moved.visits[0].earliest == sys_days{2028y / March / 2});
    CHECK(moved.visits[1].earliest == sys_days{2028y / March / 7});
    CHECK(moved.visits[2].earliest == sys_days{2028y / March / 9});
    CHECK(moved.visits[3].earliest == sys_days{2028y / March / 14});
    CHECK(moved.visits[3].week_in_phase == 3);
    REQUIRE(moved.differences.size() == 2);
    CHECK(moved.differences[0].text ==
          "Week 1 has 1 infusion, as the clinic is closed Tue 29 Feb; the published course "
          "has 2 a week.");

    // The horizon is 31 Jan + 1 month, clamped to 29 Feb (not 2 Mar).
    Protocol b = protocol_of({weekly("One", 1, 1), interval("Boosters", 2, 3, 0)});
    Course bc = course_at(2028y / January / 31);
    bc.booster_months = 1;
    const auto be = expand_ok(b, bc);
    const auto windows = in_phase(be, 1);
    REQUIRE(windows.size() == 2);  // earliest days 14 Feb and 28 Feb are inside the horizon
    CHECK(windows[0]->earliest == sys_days{2028y / February / 14});
    CHECK(windows[0]->latest == sys_days{2028y / February / 21});
    CHECK(!windows[0]->may_pass_horizon);
    CHECK(windows[1]->earliest == sys_days{2028y / February / 28});
    CHECK(windows[1]->latest == sys_days{2028y / March / 13});
    CHECK(windows[1]->may_pass_horizon);
    bool horizon_notice = false;
    for (const auto& n : be.notices)
        if (n.kind == Notice::Kind::horizon_cut) {
            horizon_notice = true;
            CHECK(n.date == sys_days{2028y / February / 29});
        }
    CHECK(horizon_notice);
}

TEST_CASE("schedule: a visits cap of 6 to 8 makes two optional visits") {
    Phase series = weekly("Series", 3, 3);
    series.visits = planner::CitedRange{{6, 8}, {"s"}};
    const auto e = expand_ok(protocol_of({series}, kMonWedFri), course_at(2026y / June / 1));
    REQUIRE(e.visits.size() == 8);
    for (std::size_t i = 0; i < 8; ++i) CHECK(e.visits[i].optional == (i >= 6));
    CHECK(e.visits.back().earliest == sys_days{2026y / June / 17});  // Mon 1 Jun start
    CHECK(e.visits.back().phase_total == 8);
}

TEST_CASE("schedule: booster windows up to the horizon, as needed") {
    const Protocol p = protocol_of(
        {weekly("Initial series", 3, 2), interval("Boosters", 2, 4, 0, true)}, kMonWedFri);
    Course c = course_at(2026y / January / 5);
    c.booster_months = 3;
    const auto e = expand_ok(p, c);
    const auto windows = in_phase(e, 1);
    REQUIRE(windows.size() == 6);  // earliest 14k days after Fri 16 Jan, up to Thu 16 Apr
    const std::vector<std::pair<sys_days, sys_days>> want{
        {sys_days{2026y / January / 30}, sys_days{2026y / February / 13}},
        {sys_days{2026y / February / 13}, sys_days{2026y / March / 13}},
        {sys_days{2026y / February / 27}, sys_days{2026y / April / 10}},
        {sys_days{2026y / March / 13}, sys_days{2026y / May / 8}},
        {sys_days{2026y / March / 27}, sys_days{2026y / June / 5}},
        {sys_days{2026y / April / 10}, sys_days{2026y / July / 3}}};
    for (std::size_t i = 0; i < 6; ++i) {
        CHECK(windows[i]->earliest == want[i].first);
        CHECK(windows[i]->latest == want[i].second);
        CHECK(windows[i]->optional);
        CHECK(windows[i]->number_in_phase == static_cast<int>(i) + 1);
        CHECK(windows[i]->number_in_course == static_cast<int>(i) + 7);
    }
    c.booster_months = 0;
    CHECK(in_phase(expand_ok(p, c), 1).empty());
    c.booster_months = 12;
    const auto year_expansion = expand_ok(p, c);  // in_phase points into it: keep it alive
    const auto year = in_phase(year_expansion, 1);
    CHECK(year.size() == 26);  // 14k <= 365 days after 16 Jan
    CHECK(year.back()->earliest <= sys_days{2027y / January / 16});
}

TEST_CASE("schedule: fixed intervals move off closed and non-clinic days") {
    // First phase: the first visit is the course start itself (a Sunday, so Monday).
    Protocol p = protocol_of({interval("Weekly", 2, 2, 4)});
    Course c = course_at(2026y / March / 1);
    c.closed = {2026y / March / 16};
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() == 4);
    CHECK(e.visits[0].earliest == sys_days{2026y / March / 2});
    CHECK(!e.visits[0].moved_from.has_value());  // not a clinic day is not a closure
    CHECK(e.visits[1].earliest == sys_days{2026y / March / 17});
    CHECK(e.visits[1].moved_from == sys_days{2026y / March / 16});
    CHECK(e.visits[2].earliest == sys_days{2026y / March / 31});  // from the real date
    CHECK(e.visits[3].earliest == sys_days{2026y / April / 14});
    for (const auto& v : e.visits) {
        CHECK(!v.optional);
        CHECK(!v.is_window());
        CHECK(v.week_in_phase == 0);
    }
    CHECK(e.notices.empty());
    REQUIRE(e.differences.size() == 1);
    CHECK(e.differences[0].rule == "next-open-day");
    CHECK(e.differences[0].text ==
          "Infusion 2 (Weekly) moves from Mon 16 Mar to Tue 17 Mar, the next open "
          "clinic day.");
}

TEST_CASE("schedule: a weekly phase after an interval phase starts the week after it") {
    Protocol p = protocol_of({interval("Two", 1, 1, 2), weekly("Then", 1, 2)});
    const auto e = expand_ok(p, course_at(2026y / March / 2));  // Mon 2, Mon 9
    REQUIRE(e.visits.size() == 4);
    // The last interval visit is in week 2: the weekly phase takes weeks 3 and 4.
    CHECK(e.visits[2].earliest == sys_days{2026y / March / 16});
    CHECK(e.visits[3].earliest == sys_days{2026y / March / 23});
    CHECK(e.visits[3].week_in_phase == 2);
}

TEST_CASE("schedule: fewer clinic days than visits a week keeps the count over more weeks") {
    Protocol p = protocol_of({weekly("Initial series", 3, 2)});
    Course c = course_at(2026y / March / 2);
    c.clinic_days = {Thursday, Tuesday};
    const auto e = expand_ok(p, c, 2);
    REQUIRE(e.visits.size() == 6);  // six infusions over three weeks, not "4 of 6"
    for (const auto& v : e.visits) {
        CHECK(v.course == 2);
        CHECK(v.phase_total == 6);
    }
    CHECK(e.visits.back().earliest == sys_days{2026y / March / 19});
    REQUIRE(e.differences.size() == 2);
    CHECK(e.differences[0].text ==
          "Weeks 1 to 2 have 2 infusions each with 2 clinic days a week; the "
          "published course has 3 a week.");
    CHECK(e.differences[0].week == 1);
    CHECK(e.differences[0].last_week == 2);
    CHECK(e.differences[1].text ==
          "Initial series keeps its 6 infusions over weeks 1 to 3; the published course "
          "has weeks 1 to 2.");
}

TEST_CASE("schedule: visit times and the midnight limit") {
    Protocol p = protocol_of({weekly("w", 1, 1)});
    Course c = course_at(2026y / March / 2);
    c.start_time = minutes{9 * 60 + 30};
    const auto e = expand_ok(p, c);
    CHECK(e.visits[0].treatment_start == minutes{570});
    CHECK(e.visits[0].treatment_end == minutes{610});
    CHECK(e.visits[0].observation_end == minutes{730});
    c.start_time = minutes{24 * 60 - 161};  // ends 23:59
    CHECK(planner::expand(p, c).ok());
    c.start_time = minutes{24 * 60 - 160};  // would end at midnight
    const auto r = planner::expand(p, c);
    REQUIRE(!r.ok());
    CHECK(r.error().where == "course.start_time");
    CHECK(r.error().what == "a start time that lets the visit end before midnight");
}

TEST_CASE("schedule: every validation error names its field") {
    const auto where = [](const Protocol& p, const Course& c) {
        const auto r = planner::expand(p, c);
        return r.ok() ? std::string{"ok"} : r.error().where;
    };
    const Protocol good = protocol_of({weekly("w", 2, 2), interval("b", 2, 4, 0)});
    const Course start = course_at(2026y / March / 2);
    CHECK(where(good, start) == "ok");

    Course c = start;
    c.start = 2026y / February / 30;
    CHECK(where(good, c) == "course.start");
    CHECK(planner::expand(good, c).error().what == "a valid calendar date");
    c.start = 1899y / December / 31;
    CHECK(where(good, c) == "course.start");
    CHECK(planner::expand(good, c).error().what == "a year from 1900 to 2200");
    c.start = 2201y / January / 1;
    CHECK(where(good, c) == "course.start");
    c.start = 1900y / January / 1;
    CHECK(where(good, c) == "ok");
    c.start = 2200y / December / 31;
    CHECK(where(good, c) == "ok");

    c = start;
    c.booster_months = -1;
    CHECK(where(good, c) == "course.booster_months");
    c.booster_months = 121;
    CHECK(where(good, c) == "course.booster_months");
    c.booster_months = 120;
    CHECK(where(good, c) == "ok");

    c = start;
    c.start_time = minutes{-1};
    CHECK(where(good, c) == "course.start_time");
    c.start_time = minutes{1440};
    CHECK(where(good, c) == "course.start_time");

    c = start;
    c.clinic_days = {Monday, weekday{9}};
    CHECK(where(good, c) == "course.clinic_days");
    Protocol p = good;
    p.default_clinic_days = {weekday{8}};
    CHECK(where(p, start) == "default_clinic_days");

    p = good;
    p.phases.clear();
    CHECK(where(p, start) == "phases");
    for (int bad : {0, 8}) {
        p = good;
        p.phases[1] = weekly("x", bad, 2);
        CHECK(where(p, start) == "phases[1].cadence.per_week");
    }
    for (int bad : {0, 105}) {
        p = good;
        p.phases[0].cadence.weeks = bad;
        CHECK(where(p, start) == "phases[0].cadence.weeks");
    }
    p = good;
    p.phases[0].cadence.weeks = 104;
    CHECK(where(p, start) == "ok");
    for (int bad : {0, 53}) {
        p = good;
        p.phases[1].cadence.every_weeks = {bad, 52};
        CHECK(where(p, start) == "phases[1].cadence.every_weeks.min");
    }
    for (int bad : {1, 53}) {
        p = good;
        p.phases[1].cadence.every_weeks = {2, bad};
        CHECK(where(p, start) == "phases[1].cadence.every_weeks.max");
    }
    p = good;
    p.phases[1].cadence.count = -1;
    CHECK(where(p, start) == "phases[1].cadence.count");
    p = good;
    p.phases[0].visits = planner::CitedRange{{3, 2}, {}};
    CHECK(where(p, start) == "phases[0].visits");
    p = good;
    p.visit.treatment_minutes.value = {0, 40};
    CHECK(where(p, start) == "visit.treatment_minutes");
}

TEST_CASE("schedule: more than 5000 visits is an error, not a hang") {
    std::vector<Phase> phases(7, weekly("daily", 7, 104));  // 7 * 728 = 5096 visits
    Protocol p =
        protocol_of(phases, {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday});
    const auto r = planner::expand(p, course_at(2026y / March / 2));
    REQUIRE(!r.ok());
    CHECK(r.error().where == "phases");
    CHECK(r.error().what ==
          "at most 5000 visits in a course: fewer phases, shorter phases or fewer booster months");
    p.phases.resize(6);  // 4368 visits
    CHECK(planner::expand(p, course_at(2026y / March / 2)).ok());
}

TEST_CASE("schedule: plan_courses indexes courses and prefixes errors with the protocol id") {
    Protocol iv = protocol_of({weekly("Initial series", 3, 2)}, kMonWedFri);
    iv.id = "iv-six";
    Protocol spray = protocol_of({weekly("Induction", 2, 4)});
    spray.id = "spravato-label";
    const auto plan = planner::plan_courses(
        {{iv, course_at(2026y / March / 2)}, {spray, course_at(2026y / March / 3)}});
    REQUIRE(plan.ok());
    REQUIRE(plan->size() == 2);
    CHECK((*plan)[0].expansion.visits.size() == 6);
    CHECK((*plan)[1].expansion.visits.size() == 8);
    for (const auto& v : (*plan)[1].expansion.visits) CHECK(v.course == 1);
    CHECK((*plan)[1].summary.visits == planner::Range{8, 8});
    CHECK((*plan)[1].protocol.id == "spravato-label");

    Course bad = course_at(2026y / March / 3);
    bad.start = 2026y / February / 29;
    const auto failed = planner::plan_courses({{iv, course_at(2026y / March / 2)}, {spray, bad}});
    REQUIRE(!failed.ok());
    CHECK(failed.error().where == "spravato-label: course.start");
    CHECK(failed.error().message() == "spravato-label: course.start: a valid calendar date");
}

TEST_CASE("schedule: random protocols and closures keep every invariant") {
    std::mt19937 rng{20261125u};  // fixed seed: the same cases on every run
    const auto pick = [&](int lo, int hi) {
        return lo + static_cast<int>(rng() % static_cast<unsigned>(hi - lo + 1));
    };
    for (int round = 0; round < 3000; ++round) {
        std::vector<Phase> phases;
        const int n_phases = pick(1, 4);
        for (int i = 0; i < n_phases; ++i) {
            if (pick(0, 1) == 0) {
                Phase ph = weekly("W" + std::to_string(i), pick(1, 7), pick(1, 6));
                if (pick(0, 2) == 0) {
                    const int lo = pick(1, ph.cadence.per_week * ph.cadence.weeks);
                    ph.visits = planner::CitedRange{
                        {lo, pick(lo, ph.cadence.per_week * ph.cadence.weeks)}, {"s"}};
                }
                phases.push_back(ph);
            } else {
                const int lo = pick(1, 4);
                phases.push_back(interval("I" + std::to_string(i), lo, pick(lo, 6),
                                          pick(0, 1) == 0 ? 0 : pick(1, 5), pick(0, 1) == 1));
            }
        }
        std::vector<weekday> clinic;
        for (unsigned d = 0; d < 7; ++d)
            if (pick(0, 2) != 0) clinic.push_back(weekday{d});
        Protocol p = protocol_of(phases, clinic);
        Course c = course_at(year_month_day{sys_days{2024y / January / 1} + days{pick(0, 2500)}});
        c.booster_months = pick(0, 6);
        const sys_days start{c.start};
        for (int k = pick(0, 20); k > 0; --k)
            c.closed.push_back(year_month_day{start + days{pick(0, 120)}});
        const auto e = expand_ok(p, c, 5);
        const auto clinic_days = planner::effective_clinic_days(p, c);
        const std::set<sys_days> closed = [&] {
            std::set<sys_days> s;
            for (const auto& d : c.closed) s.insert(sys_days{d});
            return s;
        }();

        std::set<sys_days> dated;
        std::vector<int> seen(phases.size(), 0);
        for (std::size_t i = 0; i < e.visits.size(); ++i) {
            const Visit& v = e.visits[i];
            CHECK(v.course == 5);
            CHECK(v.number_in_course == static_cast<int>(i) + 1);
            if (i > 0) CHECK(e.visits[i - 1].earliest <= v.earliest);
            CHECK(v.number_in_phase == ++seen[v.phase]);
            CHECK(v.earliest <= v.latest);
            if (v.is_window()) continue;
            CHECK(dated.insert(v.earliest).second);  // one visit a day
            CHECK(std::find(clinic_days.begin(), clinic_days.end(), weekday{v.earliest}) !=
                  clinic_days.end());
            CHECK(closed.count(v.earliest) == 0);
            if (v.moved_from && v.move_reason == planner::MoveReason::closed &&
                phases[v.phase].cadence.kind == Cadence::Kind::weekly)
                CHECK(v.week == (*v.moved_from - start).count() / 7 + 1);  // rule same-week
        }
        for (const auto& v : e.visits) CHECK(v.phase_total == seen[v.phase]);
        for (std::size_t i = 0; i < phases.size(); ++i) {
            const Cadence& cad = phases[i].cadence;
            const int made = seen[i];
            if (cad.kind == Cadence::Kind::weekly) {
                int want = cad.per_week * cad.weeks;  // rule keep-count: never fewer
                if (phases[i].visits) want = std::min(want, phases[i].visits->value.max);
                CHECK(made == want);
            } else if (cad.count > 0) {
                CHECK(made == cad.count);
            }
        }
        // Rule week-cap: no week, counted from the course start, holds more than per_week.
        std::map<std::pair<std::size_t, int>, int> per_week;
        for (const auto& v : e.visits)
            if (phases[v.phase].cadence.kind == Cadence::Kind::weekly) {
                CHECK(v.week == (v.earliest - start).count() / 7 + 1);
                CHECK(++per_week[{v.phase, v.week}] <= phases[v.phase].cadence.per_week);
            }
        // Rule phase-order: a weekly phase starts after every earlier visit's last day; an
        // interval phase's windows follow the previous visit, so they start after its
        // earliest day (and after its last day when it is dated).
        for (std::size_t i = 1; i < phases.size(); ++i) {
            std::optional<Visit> last_before;
            for (const auto& v : e.visits)
                if (v.phase < i && (!last_before || v.latest > last_before->latest))
                    last_before = v;
            if (!last_before) continue;
            const bool weekly_phase = phases[i].cadence.kind == Cadence::Kind::weekly;
            for (const auto& v : e.visits) {
                if (v.phase != i) continue;
                CHECK(v.earliest > last_before->earliest);
                if (weekly_phase || !last_before->is_window())
                    CHECK(v.earliest > last_before->latest);
            }
        }
        for (const auto& d : e.differences) CHECK(planner::word_count(d.text) <= 25);
        for (const auto& n : e.notices) {
            CHECK(n.course == 5);
            CHECK(n.date.has_value());
            CHECK(!n.text.empty());
        }
        const auto s = planner::summarize(p, c, e);
        CHECK(s.visits.min <= s.visits.max);
        CHECK(s.clinic_minutes.min <= s.clinic_minutes.max);
        if (!e.visits.empty()) {
            CHECK(s.first == e.visits.front().earliest);
            CHECK(s.last >= e.visits.back().latest);
        }
    }
}

TEST_CASE("schedule: a protocol that opens with as-needed boosters starts on the start day") {
    const Protocol p = protocol_of({interval("Boosters", 2, 4, 0, true)});
    Course c = course_at(2026y / August / 31);
    c.booster_months = 6;  // 31 Aug + 6 months: 28 Feb 2027 (clamped)
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() >= 2);
    CHECK(e.visits[0].earliest == sys_days{2026y / August / 31});
    CHECK(!e.visits[0].is_window());
    CHECK(e.visits[0].optional);
    CHECK(e.visits[1].earliest == sys_days{2026y / September / 14});
    CHECK(e.visits[1].latest == sys_days{2026y / September / 28});
    for (const auto& v : e.visits) {
        CHECK(v.optional);
        CHECK(v.earliest <= sys_days{2027y / February / 28});
    }
    // Window k has earliest 31 Aug + 14k days <= 28 Feb (181 days): k = 1..12.
    CHECK(e.visits.size() == 1 + 12);
}

TEST_CASE("schedule: a weekly phase every clinic day of 100 years closes is an error, not a hang") {
    Protocol p = protocol_of({weekly("Once", 1, 1)}, {Monday});
    Course c = course_at(2026y / March / 2);  // a Monday
    for (int w = 0; w <= 5201; ++w)
        c.closed.push_back(year_month_day{sys_days{2026y / March / 2} + days{7 * w}});
    const auto r = planner::expand(p, c);
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "phases[0].cadence");
    CHECK(r.error().what ==
          "a phase the clinic's open days can hold (closed days leave no room for 100 years)");
    c.closed.resize(100);  // two years closed: the visit is in week 101
    const auto e = expand_ok(p, c);
    REQUIRE(e.visits.size() == 1);
    CHECK(e.visits[0].week == 101);
}
