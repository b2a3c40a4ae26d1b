// The shipped presets: each loads, cites its sources, and expands to the pattern its
// source publishes ("six infusions within 14 days", "twice a week in weeks 1 to 4"...).
#include <doctest/doctest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "planner/model.hpp"
#include "planner/schedule.hpp"

namespace {

namespace chr = std::chrono;
using namespace std::chrono_literals;  // 2026y

const std::filesystem::path kPresetsDir{PRESETS_DIR};

// Starts on different weekdays: the published pattern must not depend on the start day.
constexpr chr::year_month_day kMonday{2026y / chr::March / 2};
constexpr chr::year_month_day kWednesday{2026y / chr::March / 4};
constexpr chr::year_month_day kSaturday{2026y / chr::March / 7};
constexpr chr::year_month_day kYearEnd{2026y / chr::December / 30};  // crosses into 2027
const std::vector<chr::year_month_day> kStarts{kMonday, kWednesday, kSaturday, kYearEnd};

const std::vector<std::string> kShippedIds{"iv-six-two-weeks",
                                           "iv-six-three-weeks",
                                           "iv-six-to-eight",
                                           "iv-boosters",
                                           "iv-weekly-maintenance",
                                           "iv-singh2016-twice-weekly",
                                           "iv-singh2016-three-weekly",
                                           "spravato-label",
                                           "spravato-suicidal-ideation",
                                           "iv-bolus-six-two-weeks",
                                           "subcutaneous-kads",
                                           "im-illustrative",
                                           "oral-lozenge-illustrative"};

planner::Protocol load(const std::string& id) {
    const auto loaded = planner::io::load_protocol_file(kPresetsDir / (id + ".json"));
    if (!loaded.ok()) FAIL_CHECK(loaded.error().message());
    REQUIRE(loaded.ok());
    return loaded.value();
}

planner::Expansion expand_at(const planner::Protocol& p, chr::year_month_day start) {
    planner::Course course;
    course.protocol_id = p.id;
    course.start = start;
    const auto expanded = planner::expand(p, course);
    if (!expanded.ok()) FAIL_CHECK(expanded.error().message());
    REQUIRE(expanded.ok());
    // With its own clinic days and no closed dates a preset keeps its published pattern:
    // nothing moved, no week short. Only an open-ended phase's horizon notice is expected.
    for (const auto& n : expanded.value().notices) {
        CAPTURE(n.text);
        CHECK(n.kind == planner::Notice::Kind::horizon_cut);
    }
    for (const auto& d : expanded.value().differences) FAIL_CHECK(d.text);
    return expanded.value();
}

std::vector<planner::Visit> phase_visits(const planner::Expansion& e, std::size_t phase) {
    std::vector<planner::Visit> out;
    for (const auto& v : e.visits)
        if (v.phase == phase) out.push_back(v);
    return out;
}

// "2026-03-02" for test messages (g++ 12 has no operator<< for calendar types).
std::string ymd_text(chr::year_month_day d) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf;
}

// Days from the course start to the visit's earliest date.
long day_of(const planner::Visit& v, chr::year_month_day start) {
    return (v.earliest - chr::sys_days{start}).count();
}

// Visits whose earliest date falls in the 7-day block `block` (0-based) after the start.
int count_in_block(const std::vector<planner::Visit>& visits, chr::year_month_day start,
                   long block) {
    return static_cast<int>(std::count_if(visits.begin(), visits.end(), [&](const auto& v) {
        const long d = day_of(v, start);
        return d >= 7 * block && d < 7 * (block + 1);
    }));
}

// `per_week` dated, required visits in each of `weeks` blocks starting at block `first_block`.
void check_weekly(const std::vector<planner::Visit>& visits, chr::year_month_day start,
                  long first_block, int per_week, int weeks) {
    REQUIRE(visits.size() == static_cast<std::size_t>(per_week * weeks));
    for (long b = first_block; b < first_block + weeks; ++b) {
        CAPTURE(b);
        CHECK(count_in_block(visits, start, b) == per_week);
    }
    for (const auto& v : visits) {
        CHECK_FALSE(v.is_window());
        CHECK_FALSE(v.optional);
    }
}

// Visits in one 7-day block at least two days apart ("twice a week" is never back to back).
void check_spread(const std::vector<planner::Visit>& visits) {
    for (std::size_t i = 1; i < visits.size(); ++i)
        CHECK((visits[i].earliest - visits[i - 1].earliest).count() >= 2);
}

}  // namespace

TEST_CASE("presets: every shipped preset loads, validates and cites its sources") {
    std::set<std::string> found;
    for (const auto& entry : std::filesystem::directory_iterator(kPresetsDir)) {
        const auto& path = entry.path();
        if (path.extension() != ".json" || path.filename() == "schema.json") continue;
        CAPTURE(path.string());
        const auto text = planner::io::read_text_file(path);
        REQUIRE(text.ok());
        const auto problems = planner::io::validate_protocol(text.value(), path.string());
        for (const auto& pr : problems) FAIL_CHECK(pr.to_string());
        const auto loaded = planner::io::load_protocol_file(path);
        REQUIRE(loaded.ok());
        const planner::Protocol& p = loaded.value();
        CHECK(p.id == path.stem().string());
        found.insert(p.id);

        REQUIRE_FALSE(p.sources.empty());
        for (const auto& s : p.sources) {
            CAPTURE(s.id);
            CHECK_FALSE(s.title.empty());
            CHECK((!s.url.empty() || !s.identifier.empty()));
            if (!s.url.empty()) CHECK(s.url.rfind("https://", 0) == 0);
        }
        if (p.illustrative) CHECK(p.illustrative_note.rfind("Illustrative", 0) == 0);
        for (const auto& start : kStarts) {
            const auto e = expand_at(p, start);
            CHECK_FALSE(e.visits.empty());
            // Without closed dates every dated visit falls on one of the course's clinic days.
            planner::Course course;
            course.start = start;
            const auto days = planner::effective_clinic_days(p, course);
            for (const auto& v : e.visits) {
                if (v.is_window()) continue;
                CHECK(std::find(days.begin(), days.end(), chr::weekday{v.earliest}) != days.end());
                CHECK(v.earliest >= chr::sys_days{start});
            }
        }
    }
    for (const auto& id : kShippedIds) {
        CAPTURE(id);
        CHECK(found.count(id) == 1);
    }
}

TEST_CASE("presets: only the IM and oral courses are illustrative") {
    for (const auto& id : kShippedIds) {
        CAPTURE(id);
        const auto p = load(id);
        const bool expected = id == "im-illustrative" || id == "oral-lozenge-illustrative";
        CHECK(p.illustrative == expected);
        if (expected)
            CHECK(p.illustrative_note.find("no standard published course") != std::string::npos);
    }
    CHECK(load("im-illustrative").route == planner::Route::im);
    CHECK(load("oral-lozenge-illustrative").route == planner::Route::oral);
    CHECK(load("oral-lozenge-illustrative").illustrative_note.find("FDA") != std::string::npos);
}

TEST_CASE("presets: IV six infusions over two weeks, then as-needed booster windows") {
    const auto p = load("iv-six-two-weeks");
    CHECK(p.route == planner::Route::iv);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        const auto series = phase_visits(e, 0);
        check_weekly(series, start, 0, 3, 2);
        for (const auto& v : series) CHECK(day_of(v, start) < 14);
        check_spread(series);
        const auto boosters = phase_visits(e, 1);
        REQUIRE_FALSE(boosters.empty());
        // Every 2 to 4 weeks, each window following the previous visit (Fridays throughout).
        auto earliest = series.back().earliest;
        auto latest = series.back().latest;
        for (const auto& v : boosters) {
            CHECK(v.optional);
            CHECK(v.is_window());
            CHECK((v.earliest - earliest).count() == 14);
            // ... up to the booster horizon, where a window that could run past it stops.
            REQUIRE(e.phases[1].horizon.has_value());
            CHECK(v.latest <= *e.phases[1].horizon);
            if (v.may_pass_horizon)
                CHECK((v.latest - latest).count() < 28);
            else
                CHECK((v.latest - latest).count() == 28);
            earliest = v.earliest;
            latest = v.latest;
        }
    }
}

TEST_CASE("presets: IV six infusions over three weeks, two a week") {
    const auto p = load("iv-six-three-weeks");
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        const auto series = phase_visits(e, 0);
        check_weekly(series, start, 0, 2, 3);
        for (const auto& v : series) CHECK(day_of(v, start) < 21);
        check_spread(series);
        const auto boosters = phase_visits(e, 1);
        REQUIRE_FALSE(boosters.empty());
        for (const auto& v : boosters) CHECK((v.optional && v.is_window()));
    }
}

TEST_CASE("presets: IV six to eight infusions, the last two optional") {
    const auto p = load("iv-six-to-eight");
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto series = phase_visits(expand_at(p, start), 0);
        REQUIRE(series.size() == 8);
        for (std::size_t i = 0; i < series.size(); ++i) CHECK(series[i].optional == (i >= 6));
        for (const auto& v : series) CHECK(day_of(v, start) < 21);
        for (long b = 0; b < 3; ++b) CHECK(count_in_block(series, start, b) <= 3);
    }
}

TEST_CASE("presets: Singh 2016, twice or three times a week for up to four weeks") {
    const auto twice = load("iv-singh2016-twice-weekly");
    const auto three = load("iv-singh2016-three-weekly");
    for (const auto* p : {&twice, &three}) {
        CAPTURE(p->id);
        CHECK(p->route == planner::Route::iv);
        REQUIRE(p->phases.size() == 1);
        const auto* singh = p->find_source("singh2016");
        REQUIRE(singh != nullptr);
        CHECK(singh->kind == planner::SourceKind::trial);
        CHECK(singh->url == "https://doi.org/10.1176/appi.ajp.2016.16010037");
        // The trial's own infusion time, nothing else: no derived figure, no dose.
        CHECK(p->visit.treatment_minutes.value == planner::Range{40, 40});
        CHECK(p->visit.treatment_minutes.sources == std::vector<std::string>{"singh2016"});
        CHECK(p->phases[0].cadence.sources == std::vector<std::string>{"singh2016"});
    }
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto a = expand_at(twice, start);
        check_weekly(a.visits, start, 0, 2, 4);
        check_spread(a.visits);
        const auto b = expand_at(three, start);
        check_weekly(b.visits, start, 0, 3, 4);
        for (const auto& v : b.visits) CHECK(day_of(v, start) < 28);
    }
}

TEST_CASE("presets: IV boosters only are optional windows 2 to 4 weeks apart") {
    const auto p = load("iv-boosters");
    REQUIRE(p.phases.size() == 1);
    CHECK(p.phases[0].kind == planner::PhaseKind::booster);
    CHECK(p.phases[0].cadence.as_needed);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        REQUIRE(e.visits.size() >= 2);
        for (const auto& v : e.visits) CHECK(v.optional);
        int windows = 0;
        for (std::size_t i = 1; i < e.visits.size(); ++i) {
            const auto& v = e.visits[i];
            CHECK(v.is_window());
            windows += v.is_window() ? 1 : 0;
            const long from_prev = (v.earliest - e.visits[i - 1].earliest).count();
            CHECK(from_prev >= 14);
            CHECK(from_prev <= 28);
        }
        CHECK(windows >= 1);
    }
}

TEST_CASE("presets: IV weekly maintenance after six over two weeks (Phillips 2019)") {
    const auto p = load("iv-weekly-maintenance");
    CHECK(p.description.find("those who responded") != std::string::npos);
    CHECK(p.phases[1].note.find("only people who responded") != std::string::npos);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        check_weekly(phase_visits(e, 0), start, 0, 3, 2);
        check_weekly(phase_visits(e, 1), start, 2, 1, 4);
    }
}

TEST_CASE("presets: Spravato label, two a week in weeks 1-4, weekly in 5-8, then 1 to 2 weeks") {
    const auto p = load("spravato-label");
    CHECK(p.route == planner::Route::nasal);
    // Label and REMS: at least 2 hours, a minimum with no published maximum.
    CHECK(p.visit.observation_minutes.at_least);
    CHECK(p.visit.observation_minutes.value == planner::Range{120, 120});
    REQUIRE(p.visit.fasting.has_value());
    CHECK(p.visit.fasting->food_hours == 2);  // the label's "avoid food", not "solid food"
    CHECK(p.visit.fasting->liquids_minutes == 30);
    REQUIRE(p.phases.size() == 3);
    CHECK_FALSE(p.phases[2].cadence.as_needed);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        const auto induction = phase_visits(e, 0);
        check_weekly(induction, start, 0, 2, 4);
        check_spread(induction);
        const auto weekly = phase_visits(e, 1);
        check_weekly(weekly, start, 4, 1, 4);
        const auto later = phase_visits(e, 2);
        REQUIRE_FALSE(later.empty());
        auto earliest = weekly.back().earliest;
        auto latest = weekly.back().latest;
        for (const auto& v : later) {
            CHECK(day_of(v, start) >= 56);  // week 9 onwards
            CHECK(v.is_window());
            CHECK_FALSE(v.optional);
            // every 1 to 2 weeks after the previous visit: the windows widen by a week each
            CHECK((v.earliest - earliest).count() == 7);
            // ... up to the booster horizon, where a window that could run past it stops.
            REQUIRE(e.phases[2].horizon.has_value());
            CHECK(v.latest <= *e.phases[2].horizon);
            if (v.may_pass_horizon)
                CHECK((v.latest - latest).count() < 14);
            else
                CHECK((v.latest - latest).count() == 14);
            earliest = v.earliest;
            latest = v.latest;
        }
        // A visit plans for the longest published day: up to 30 minutes plus 2 hours.
        const auto& first = e.visits.front();
        CHECK((first.observation_end - first.treatment_start).count() == 150);
    }
}

TEST_CASE("presets: Spravato for suicidal ideation, twice a week for four weeks only") {
    const auto p = load("spravato-suicidal-ideation");
    REQUIRE(p.phases.size() == 1);
    CHECK(p.phases[0].note.find("has not been systematically evaluated") != std::string::npos);
    // The label's points: with an oral antidepressant, not in place of a hospital stay; and the
    // US crisis line, cited to its own page.
    CHECK(p.description.find("antidepressant taken by mouth") != std::string::npos);
    CHECK(p.phases[0].note.find("does not replace a hospital stay") != std::string::npos);
    CHECK(p.phases[0].note.find("988") != std::string::npos);
    const auto* lifeline = p.find_source("lifeline988");
    REQUIRE(lifeline != nullptr);
    CHECK(lifeline->kind == planner::SourceKind::agency);
    CHECK(std::find(p.phases[0].note_sources.begin(), p.phases[0].note_sources.end(),
                    "lifeline988") != p.phases[0].note_sources.end());
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        check_weekly(e.visits, start, 0, 2, 4);
        for (const auto& v : e.visits) CHECK(day_of(v, start) < 28);
    }
}

TEST_CASE("presets: repeated IV bolus, six injections within two weeks (Mandal 2019)") {
    const auto p = load("iv-bolus-six-two-weeks");
    CHECK(p.route == planner::Route::iv);
    CHECK(p.title.find("dose") == std::string::npos);
    // A bolus is an injection, never an "infusion".
    CHECK(planner::visit_noun(p, false) == "injection");
    CHECK(planner::treatment_label(p) == "Injection");
    CHECK(p.title.find("infusion") == std::string::npos);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        check_weekly(e.visits, start, 0, 3, 2);
        for (const auto& v : e.visits) CHECK(day_of(v, start) < 14);
    }
}

TEST_CASE("presets: subcutaneous KADS, twice a week for four weeks") {
    const auto p = load("subcutaneous-kads");
    CHECK(p.route == planner::Route::subcutaneous);
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        const auto e = expand_at(p, start);
        check_weekly(e.visits, start, 0, 2, 4);
        check_spread(e.visits);
    }
}

TEST_CASE("presets: illustrative IM and oral courses expand to their stated counts") {
    for (const auto& start : kStarts) {
        const std::string when = ymd_text(start);
        CAPTURE(when);
        check_weekly(expand_at(load("im-illustrative"), start).visits, start, 0, 1, 4);
        check_weekly(expand_at(load("oral-lozenge-illustrative"), start).visits, start, 0, 2, 6);
    }
}
