// apply(): every command's effect on the state, through the real engine and presets.
#include "ui/app.hpp"

#include <doctest/doctest.h>

#include <algorithm>

#include "planner/io.hpp"
#include "planner/parse.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;  // a Wednesday

AppState default_state() {
    return make_app_state(planner::io::load_library({PRESETS_DIR}),
                          {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                          planner::next_monday(kToday), kToday);
}

const planner::Visit& first_visit(const AppState& s, std::size_t course) {
    REQUIRE(course < s.planned.size());
    REQUIRE_FALSE(s.planned[course].expansion.visits.empty());
    return s.planned[course].expansion.visits.front();
}

bool has_visit_on(const AppState& s, std::size_t course, chr::sys_days day) {
    const auto& v = s.planned[course].expansion.visits;
    return std::any_of(v.begin(), v.end(),
                       [&](const planner::Visit& x) { return x.earliest == day; });
}

}  // namespace

TEST_CASE("default courses: IV six over two weeks beside Spravato, both next Monday") {
    const AppState s = default_state();
    REQUIRE(s.plan.courses.size() == 2);
    CHECK(s.plan.courses[0].course.protocol_id == "iv-six-two-weeks");
    CHECK(s.plan.courses[1].course.protocol_id == "spravato-label");
    const chr::year_month_day monday = chr::year{2026} / 11 / 30;
    CHECK(s.plan.courses[0].course.start == monday);
    CHECK(s.plan.courses[1].course.start == monday);
    REQUIRE(s.planned.size() == 2);
    CHECK(first_visit(s, 0).earliest == chr::sys_days{monday});
    CHECK(first_visit(s, 1).earliest == chr::sys_days{monday});
    CHECK(s.view.first_month == chr::year{2026} / chr::November);
    CHECK_FALSE(s.view.selection.has_value());
}

TEST_CASE("next Monday from every day of a fortnight") {
    for (int d = 0; d < 14; ++d) {
        const chr::sys_days day = chr::sys_days{kToday} + chr::days{d};
        const chr::sys_days next{planner::next_monday(chr::year_month_day{day})};
        CHECK(chr::weekday{next} == chr::Monday);
        CHECK(next > day);
        CHECK(next - day <= chr::days{7});
    }
}

TEST_CASE("AddCourse: a known preset is planned and selected, an unknown one is an error") {
    AppState s = default_state();
    CHECK_FALSE(apply(s, cmd::AddCourse{"no-such-preset", planner::next_monday(kToday)}));
    CHECK(s.plan.courses.size() == 2);
    REQUIRE_FALSE(s.errors.empty());
    CHECK(s.errors.back().find("no-such-preset") != std::string::npos);

    CHECK(apply(s, cmd::AddCourse{"im-illustrative", chr::year{2027} / 1 / 4}));
    REQUIRE(s.plan.courses.size() == 3);
    REQUIRE(s.planned.size() == 3);
    CHECK(s.planned[2].protocol.id == "im-illustrative");
    CHECK(first_visit(s, 2).earliest >= chr::sys_days{chr::year{2027} / 1 / 4});
    REQUIRE(s.view.selection.has_value());
    CHECK(s.view.selection->course == 2);
}

TEST_CASE("SetStart moves every visit by the same number of days") {
    AppState s = default_state();
    std::vector<chr::sys_days> before;
    for (const auto& v : s.planned[0].expansion.visits) before.push_back(v.earliest);
    CHECK(apply(s, cmd::SetStart{0, chr::year{2026} / 12 / 7}));
    const auto& after = s.planned[0].expansion.visits;
    REQUIRE(after.size() == before.size());
    for (std::size_t i = 0; i < after.size(); ++i)
        CHECK(after[i].earliest - before[i] == chr::days{7});
    // The other course does not move.
    CHECK(first_visit(s, 1).earliest == chr::sys_days{chr::year{2026} / 11 / 30});
    CHECK_FALSE(apply(s, cmd::SetStart{0, chr::year{2026} / 12 / 7}));  // unchanged
    // Not a date: the start stays, the field says why (true: the message is new to draw).
    CHECK(apply(s, cmd::SetStart{0, chr::year{2026} / 2 / 30}));
    CHECK(s.input_errors.count(start_field(0)) == 1);
    CHECK(s.plan.courses[0].course.start == chr::year{2026} / 12 / 7);
    CHECK_FALSE(apply(s, cmd::SetStart{9, chr::year{2026} / 12 / 7}));  // no such course
}

TEST_CASE("ToggleClinicDay closes and opens a weekday, the last open day stays") {
    AppState s = default_state();
    const chr::sys_days wednesday{chr::year{2026} / 12 / 2};
    REQUIRE(has_visit_on(s, 0, wednesday));  // IV clinic: Mon, Wed, Fri
    CHECK(apply(s, cmd::ToggleClinicDay{0, chr::Wednesday}));
    CHECK(s.plan.courses[0].course.clinic_days ==
          std::vector<chr::weekday>{chr::Monday, chr::Friday});
    CHECK_FALSE(has_visit_on(s, 0, wednesday));
    CHECK(apply(s, cmd::ToggleClinicDay{0, chr::Wednesday}));
    CHECK(s.plan.courses[0].course.clinic_days ==
          std::vector<chr::weekday>{chr::Monday, chr::Wednesday, chr::Friday});
    CHECK(has_visit_on(s, 0, wednesday));
    CHECK(apply(s, cmd::ToggleClinicDay{0, chr::Monday}));
    CHECK(apply(s, cmd::ToggleClinicDay{0, chr::Wednesday}));
    const std::size_t errors = s.errors.size();
    CHECK_FALSE(apply(s, cmd::ToggleClinicDay{0, chr::Friday}));  // would close every day
    CHECK(s.errors.size() == errors + 1);
    CHECK(s.plan.courses[0].course.clinic_days == std::vector<chr::weekday>{chr::Friday});
}

TEST_CASE("AddClosed moves the visit off that day, RemoveClosed brings it back") {
    AppState s = default_state();
    const chr::year_month_day wednesday = chr::year{2026} / 12 / 2;
    REQUIRE(has_visit_on(s, 0, chr::sys_days{wednesday}));
    CHECK(apply(s, cmd::AddClosed{0, wednesday}));
    CHECK_FALSE(apply(s, cmd::AddClosed{0, wednesday}));  // already closed
    CHECK(s.plan.courses[0].course.closed == std::vector<chr::year_month_day>{wednesday});
    CHECK_FALSE(has_visit_on(s, 0, chr::sys_days{wednesday}));
    CHECK(has_visit_on(s, 1, chr::sys_days{wednesday}) ==
          has_visit_on(default_state(), 1, chr::sys_days{wednesday}));  // other clinic unaffected
    CHECK(apply(s, cmd::RemoveClosed{0, wednesday}));
    CHECK(s.plan.courses[0].course.closed.empty());
    CHECK(has_visit_on(s, 0, chr::sys_days{wednesday}));
    CHECK_FALSE(apply(s, cmd::RemoveClosed{0, wednesday}));
}

TEST_CASE("RemoveCourse and SetHidden keep the selection pointing at the right course") {
    AppState s = default_state();
    CHECK(apply(s, cmd::Select{Selection{1, 0}}));
    CHECK(apply(s, cmd::RemoveCourse{0}));
    REQUIRE(s.plan.courses.size() == 1);
    CHECK(s.plan.courses[0].course.protocol_id == "spravato-label");
    REQUIRE(s.view.selection.has_value());
    CHECK(s.view.selection->course == 0);  // shifted down with its course
    CHECK(apply(s, cmd::SetHidden{0, true}));
    CHECK(s.planned[0].course.hidden);
    CHECK_FALSE(apply(s, cmd::SetHidden{0, true}));
    CHECK(apply(s, cmd::RemoveCourse{0}));
    CHECK(s.plan.courses.empty());
    CHECK(s.planned.empty());
    CHECK_FALSE(s.view.selection.has_value());
    CHECK_FALSE(apply(s, cmd::RemoveCourse{0}));
}

TEST_CASE("Select refuses what does not exist") {
    AppState s = default_state();
    const std::size_t visits = s.planned[0].expansion.visits.size();
    CHECK_FALSE(apply(s, cmd::Select{Selection{5, std::nullopt}}));
    CHECK_FALSE(apply(s, cmd::Select{Selection{0, visits}}));
    CHECK_FALSE(s.view.selection.has_value());
    CHECK(apply(s, cmd::Select{Selection{0, visits - 1}}));
    CHECK_FALSE(apply(s, cmd::Select{Selection{0, visits - 1}}));  // same selection
    CHECK(apply(s, cmd::Select{std::nullopt}));
    CHECK_FALSE(s.view.selection.has_value());
}

TEST_CASE("settings commands: view, theme, zoom limits, week start") {
    AppState s = default_state();
    CHECK(apply(s, cmd::SetView{View::timeline}));
    CHECK(s.settings.view == View::timeline);
    CHECK_FALSE(apply(s, cmd::SetView{View::timeline}));
    CHECK(apply(s, cmd::SetTimelineDates{true}));
    CHECK(s.settings.timeline_dates);
    CHECK(apply(s, cmd::SetTheme{Theme::dark}));
    CHECK(s.settings.theme == Theme::dark);
    CHECK(apply(s, cmd::SetZoom{10.0f}));
    CHECK(s.settings.zoom == doctest::Approx(3.0f));
    CHECK(apply(s, cmd::SetZoom{0.0f}));
    CHECK(s.settings.zoom == doctest::Approx(0.5f));
    CHECK_FALSE(apply(s, cmd::SetWeekStart{chr::Wednesday}));
    CHECK(apply(s, cmd::SetWeekStart{chr::Sunday}));
    CHECK(s.settings.week_start == chr::Sunday);
}

TEST_CASE("Present and StepWeek: weeks stay within the plan") {
    AppState s = default_state();
    CHECK(apply(s, cmd::Present{true}));
    CHECK(s.view.presenting);
    CHECK(s.view.present_week == 0);
    CHECK_FALSE(apply(s, cmd::StepWeek{-1}));
    CHECK(apply(s, cmd::StepWeek{+1}));
    CHECK(s.view.present_week == 1);
    const int weeks = static_cast<int>(planner::layout::week_steps(s.planned).size());
    REQUIRE(weeks > 2);
    CHECK(apply(s, cmd::StepWeek{1000}));
    CHECK(s.view.present_week == weeks - 1);
    CHECK(apply(s, cmd::Present{false}));
    CHECK(apply(s, cmd::Present{true}));
    CHECK(s.view.present_week == 0);  // a new presentation starts at week 1
}

TEST_CASE("view commands: calendar scroll, timeline zoom and pan, focused day") {
    AppState s = default_state();
    CHECK(apply(s, cmd::ScrollCalendar{chr::year{2027} / chr::March}));
    CHECK(s.view.first_month == chr::year{2027} / chr::March);
    CHECK(apply(s, cmd::SetTimelineView{100.0f, 12.0f}));
    CHECK(s.view.timeline_days_per_em <= 30.0f);
    CHECK(s.view.timeline_pan_days == doctest::Approx(12.0f));
    CHECK(apply(s, cmd::FocusDay{chr::year{2026} / 12 / 24}));
    CHECK(s.view.focused_day == chr::year{2026} / 12 / 24);
    CHECK_FALSE(apply(s, cmd::FocusDay{chr::year{2026} / 13 / 1}));
}
