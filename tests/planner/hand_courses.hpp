// Courses built by hand (protocol, course, dated visits, summary) so layout and terminal tests
// do not depend on the engine.
#pragma once

#include <chrono>
#include <stdexcept>

#include "planner/plan.hpp"

namespace hand {

using namespace std::chrono;
using planner::PhaseKind;
using planner::PlannedCourse;
using planner::Protocol;
using planner::Visit;

inline sys_days d(int y, unsigned m, unsigned day) {
    return sys_days{year{y} / month{m} / day};
}

inline Protocol iv_protocol() {
    Protocol p;
    p.id = "iv-test";
    p.title = "IV ketamine: six infusions over two weeks";
    p.route = planner::Route::iv;
    p.default_clinic_days = {Monday, Wednesday, Friday};
    p.visit.treatment_minutes.value = {40, 40};
    p.visit.observation_minutes.value = {15, 120};
    p.description =
        "Three infusions a week for two weeks, then boosters every 2 to 4 weeks if needed.";
    p.visit.ride_home.value = true;
    p.visit.no_driving_until_next_day.value = true;
    p.visit.fasting = planner::Fasting{6, 0, {"seed001"}};
    planner::Phase induction;
    induction.id = "induction";
    induction.name = "Initial series";
    induction.kind = PhaseKind::induction;
    induction.cadence.per_week = 3;
    induction.cadence.weeks = 2;
    planner::Phase boosters;
    boosters.id = "boosters";
    boosters.name = "Boosters if needed";
    boosters.kind = PhaseKind::booster;
    boosters.cadence.kind = planner::Cadence::Kind::interval;
    boosters.cadence.every_weeks = {2, 4};
    boosters.cadence.as_needed = true;
    boosters.note = "As needed, not a prescription.";
    p.phases = {induction, boosters};
    p.sources = {
        {"phillips2019", "Phillips et al. 2019", "https://doi.org/10.1176/appi.ajp.2018.18070834",
         "doi:10.1176/appi.ajp.2018.18070834", ""},
        {"seed001", "What Does Ketamine Treat? Unlocking the Potential Benefits", "",
         "Clinic web article; no public URL was found",
         "Clinic web article: no solid food for 6 hours before, arrange a ride home."}};
    return p;
}

inline Protocol spravato_protocol() {
    Protocol p;
    p.id = "spravato-test";
    p.title = "Spravato (esketamine) nasal spray, per its label";
    p.route = planner::Route::nasal;
    p.visit.treatment_minutes.value = {10, 15};
    p.visit.observation_minutes.value = {120, 120};
    p.description = "Twice a week for weeks 1 to 4, once a week for weeks 5 to 8.";
    p.visit.ride_home.value = true;
    p.visit.no_driving_until_next_day.value = true;
    p.visit.fasting = planner::Fasting{2, 30, {"label"}};
    p.sources = {{"label", "SPRAVATO prescribing information, section 2.2", "",
                  "DailyMed setid d81a6a79-a74a-44b7-822c-0dfa3036eaed", ""}};
    p.default_clinic_days = {Tuesday, Friday};
    planner::Phase induction;
    induction.id = "induction";
    induction.name = "Induction";
    induction.kind = PhaseKind::induction;
    induction.cadence.per_week = 2;
    induction.cadence.weeks = 4;
    planner::Phase maintenance;
    maintenance.id = "maintenance";
    maintenance.name = "Maintenance";
    maintenance.kind = PhaseKind::maintenance;
    maintenance.cadence.per_week = 1;
    maintenance.cadence.weeks = 4;
    p.phases = {induction, maintenance};
    return p;
}

inline Visit dated(std::size_t course, std::size_t phase, sys_days day, bool optional = false) {
    Visit v;
    v.course = course;
    v.phase = phase;
    v.earliest = day;
    v.latest = day;
    v.optional = optional;
    return v;
}

inline Visit window(std::size_t course, std::size_t phase, sys_days from, sys_days to) {
    Visit v = dated(course, phase, from, true);
    v.latest = to;
    return v;
}

inline void number(PlannedCourse& pc) {
    for (std::size_t i = 0; i < pc.expansion.visits.size(); ++i) {
        pc.expansion.visits[i].number_in_course = static_cast<int>(i) + 1;
        pc.expansion.visits[i].course = 0;
    }
}

// IV: Mon/Wed/Fri from Mon 2 Nov 2026, six infusions, then one booster window 2 to 4 weeks later.
inline PlannedCourse iv_course(sys_days start = d(2026, 11, 2)) {
    PlannedCourse pc;
    pc.protocol = iv_protocol();
    pc.course.protocol_id = pc.protocol.id;
    pc.course.start = year_month_day{start};
    for (int w = 0; w < 2; ++w)
        for (int k : {0, 2, 4}) pc.expansion.visits.push_back(dated(0, 0, start + days{7 * w + k}));
    const sys_days last = pc.expansion.visits.back().earliest;
    pc.expansion.visits.push_back(window(0, 1, last + days{14}, last + days{28}));
    number(pc);
    return pc;
}

// Spravato: Tue/Fri from Tue 3 Nov 2026 for four weeks, then weekly Tuesdays for four weeks.
inline PlannedCourse spravato_course(sys_days start = d(2026, 11, 3)) {
    PlannedCourse pc;
    pc.protocol = spravato_protocol();
    pc.course.protocol_id = pc.protocol.id;
    pc.course.start = year_month_day{start};
    for (int w = 0; w < 4; ++w)
        for (int k : {0, 3}) pc.expansion.visits.push_back(dated(1, 0, start + days{7 * w + k}));
    for (int w = 4; w < 8; ++w) pc.expansion.visits.push_back(dated(1, 1, start + days{7 * w}));
    number(pc);
    return pc;
}

// The figures summarize() reports, counted from the visits (ranges: required..all).
inline planner::Summary summary_of(const PlannedCourse& pc) {
    planner::Summary s;
    const auto& info = pc.protocol.visit;
    const int per_visit_min = info.treatment_minutes.value.min + info.observation_minutes.value.min;
    const int per_visit_max = info.treatment_minutes.value.max + info.observation_minutes.value.max;
    for (std::size_t p = 0; p < pc.protocol.phases.size(); ++p) {
        planner::PhaseSummary ph;
        ph.name = pc.protocol.phases[p].name;
        ph.kind = pc.protocol.phases[p].kind;
        bool any = false;
        for (const auto& v : pc.expansion.visits) {
            if (v.phase != p) continue;
            ph.first = any ? std::min(ph.first, v.earliest) : v.earliest;
            ph.last = any ? std::max(ph.last, v.latest) : v.latest;
            any = true;
            ph.visits.max += 1;
            ph.visits.min += v.optional ? 0 : 1;
            ph.windows += v.is_window() ? 1 : 0;
        }
        s.visits.min += ph.visits.min;
        s.visits.max += ph.visits.max;
        s.phases.push_back(ph);
    }
    s.clinic_minutes = {s.visits.min * per_visit_min, s.visits.max * per_visit_max};
    s.ride_home_days = info.ride_home.value ? s.visits : planner::Range{};
    if (!pc.expansion.visits.empty()) {
        s.first = pc.expansion.visits.front().earliest;
        for (const auto& v : pc.expansion.visits) s.last = std::max(s.last, v.latest);
    }
    return s;
}

// The same protocols through the engine: plan_courses with each course starting on `starts`.
inline std::vector<PlannedCourse> planned(const std::vector<std::pair<Protocol, sys_days>>& in) {
    std::vector<std::pair<Protocol, planner::Course>> pairs;
    for (const auto& [protocol, start] : in) {
        planner::Course c;
        c.protocol_id = protocol.id;
        c.start = year_month_day{start};
        pairs.emplace_back(protocol, c);
    }
    auto plan = planner::plan_courses(pairs);
    if (!plan) throw std::runtime_error(plan.error().message());
    return std::move(plan).value();
}

inline PlannedCourse summarized(PlannedCourse pc) {
    pc.summary = summary_of(pc);
    return pc;
}

}  // namespace hand
