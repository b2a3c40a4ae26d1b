// Summary figures: the numbers people compare between courses.
#include <doctest/doctest.h>

#include <chrono>
#include <string>
#include <vector>

#include "planner/schedule.hpp"

namespace {

using namespace std::chrono;
using planner::Cadence;
using planner::Course;
using planner::Phase;
using planner::PhaseKind;
using planner::Protocol;
using planner::Range;

Phase weekly_phase(const std::string& name, int per_week, int weeks) {
    Phase p;
    p.id = name;
    p.name = name;
    p.cadence.kind = Cadence::Kind::weekly;
    p.cadence.per_week = per_week;
    p.cadence.weeks = weeks;
    return p;
}

Phase interval_phase(const std::string& name, Range every, int count, bool as_needed) {
    Phase p;
    p.id = name;
    p.name = name;
    p.kind = PhaseKind::booster;
    p.cadence.kind = Cadence::Kind::interval;
    p.cadence.every_weeks = every;
    p.cadence.count = count;
    p.cadence.as_needed = as_needed;
    return p;
}

Protocol make(std::vector<Phase> phases, Range treatment, Range observation, bool ride) {
    Protocol p;
    p.id = "summary-test";
    p.default_clinic_days = {Monday, Wednesday, Friday};
    p.visit.treatment_minutes.value = treatment;
    p.visit.observation_minutes.value = observation;
    p.visit.ride_home.value = ride;
    p.phases = std::move(phases);
    return p;
}

planner::Summary summary_of(const Protocol& p, const Course& c) {
    const auto e = planner::expand(p, c);
    REQUIRE_MESSAGE(e.ok(), (e.ok() ? std::string{} : e.error().message()));
    return planner::summarize(p, c, *e);
}

}  // namespace

TEST_CASE("summary: six infusions then as-needed boosters every 2 to 4 weeks") {
    const Protocol p =
        make({weekly_phase("Initial series", 3, 2), interval_phase("Boosters", {2, 4}, 0, true)},
             {40, 40}, {15, 120}, true);
    Course c;
    c.start = 2026y / January / 5;
    c.booster_months = 3;  // 16 Jan to 16 Apr: 90 days
    const auto s = summary_of(p, c);
    REQUIRE(s.phases.size() == 2);
    CHECK(s.phases[0].name == "Initial series");
    CHECK(s.phases[0].visits == Range{6, 6});
    CHECK(s.phases[0].windows == 0);
    CHECK(s.phases[0].first == sys_days{2026y / January / 5});
    CHECK(s.phases[0].last == sys_days{2026y / January / 16});
    // As needed: none required; at most 90 / 14 = 6 if every gap were the shortest, and
    // exactly that many windows are drawn (the counts agree with the windows).
    CHECK(s.phases[1].visits == Range{0, 6});
    CHECK(s.phases[1].windows == 6);
    CHECK(s.phases[1].kind == PhaseKind::booster);
    CHECK(s.phases[1].first == sys_days{2026y / January / 30});
    // The sixth window: 6 x 2 to 6 x 4 weeks after Fri 16 Jan.
    CHECK(s.phases[1].last == sys_days{2026y / July / 3});
    CHECK(s.visits == Range{6, 12});
    CHECK(s.clinic_minutes == Range{6 * 55, 12 * 160});
    CHECK(s.ride_home_days == Range{6, 12});
    CHECK(s.first == sys_days{2026y / January / 5});
    CHECK(s.last == sys_days{2026y / July / 3});
}

TEST_CASE("summary: required range boosters count from the real intervals") {
    const Protocol p =
        make({weekly_phase("Initial series", 3, 2), interval_phase("Boosters", {2, 4}, 0, false)},
             {40, 60}, {0, 30}, false);
    Course c;
    c.start = 2026y / January / 5;
    c.booster_months = 3;
    const auto s = summary_of(p, c);
    CHECK(s.phases[1].visits == Range{90 / 28, 90 / 14});
    CHECK(s.visits == Range{6 + 3, 6 + 6});
    CHECK(s.clinic_minutes == Range{9 * 40, 12 * 90});
    CHECK(s.ride_home_days == Range{0, 0});
}

TEST_CASE("summary: optional capped visits and fixed boosters") {
    Phase series = weekly_phase("Series", 3, 3);
    series.visits = planner::CitedRange{{6, 8}, {"s"}};
    const Protocol p =
        make({series, interval_phase("Monthly", {4, 4}, 3, false)}, {40, 40}, {60, 60}, true);
    Course c;
    c.start = 2026y / June / 1;
    const auto s = summary_of(p, c);
    CHECK(s.phases[0].visits == Range{6, 8});
    CHECK(s.phases[1].visits == Range{3, 3});
    CHECK(s.phases[1].windows == 0);
    CHECK(s.visits == Range{9, 11});
    CHECK(s.clinic_minutes == Range{9 * 100, 11 * 100});
    CHECK(s.ride_home_days == Range{9, 11});
    // Last capped visit Wed 17 Jun; then every 4 weeks: 15 Jul, 12 Aug, 9 Sep.
    CHECK(s.phases[1].first == sys_days{2026y / July / 15});
    CHECK(s.last == sys_days{2026y / September / 9});
    CHECK((s.last - s.first).count() == 100);
}

TEST_CASE("summary: a protocol that opens with range boosters counts its start visit") {
    const Protocol p =
        make({interval_phase("Boosters", {2, 4}, 0, false)}, {40, 40}, {0, 0}, false);
    Course c;
    c.start = 2026y / January / 5;
    c.booster_months = 2;  // 5 Jan to 5 Mar: 59 days
    const auto s = summary_of(p, c);
    CHECK(s.phases[0].visits == Range{1 + 59 / 28, 1 + 59 / 14});
    CHECK(s.phases[0].first == sys_days{2026y / January / 5});
}
