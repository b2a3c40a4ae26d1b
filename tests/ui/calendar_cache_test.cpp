// The calendar keeps its month layouts across frames (AppState::calendar_cache) and lays out
// only the months on screen. These tests check that this changes nothing a person sees: a
// month out of view takes the height it has when drawn, and an edit shows at once.
#include <doctest/doctest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/views.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;
constexpr chr::year_month_day kStart = chr::year{2026} / 12 / 7;

// Two years of a course with boosters beside the nasal spray: far more months than fit.
AppState long_plan() {
    AppState state = make_app_state(planner::io::load_library({PRESETS_DIR}),
                                    {"iv-boosters", "spravato-label"}, kStart, kToday);
    for (planner::PlanCourse& pc : state.plan.courses) pc.course.booster_months = 24;
    REQUIRE(replan(state));
    return state;
}

std::size_t dated_visits(const AppState& state) {
    std::size_t n = 0;
    for (const auto& pc : state.planned)
        if (!pc.course.hidden)
            n += static_cast<std::size_t>(
                std::count_if(pc.expansion.visits.begin(), pc.expansion.visits.end(),
                              [](const planner::Visit& v) { return !v.is_window(); }));
    return n;
}

std::optional<float> day_top(const CalendarHits& hits, chr::year_month_day day) {
    for (const DayHit& d : hits.days)
        if (d.date == day) return d.min.y;
    return std::nullopt;
}

struct Calendar {
    AppState state = long_plan();
    test::Driver driver;
    Commands out;
    CalendarHits hits;
    explicit Calendar(ImVec2 size) : driver(size, true) {}
    void frames(int n) {
        driver.frames(n, [this] {
            ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
            ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
            ImGui::Begin("calendar host", nullptr,
                         ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
            draw_calendar_view(state, out, hits);
            ImGui::End();
        });
    }
};

}  // namespace

TEST_CASE("calendar: a month out of view takes the height it has when drawn") {
    // The eleventh month shown, well below the first screen.
    Calendar tall(ImVec2(1200.0f, 40000.0f));  // every month on screen: nothing skipped
    tall.frames(2);
    REQUIRE(tall.hits.months.size() > 12);
    const chr::year_month_day target = tall.hits.months[10] / chr::day{15};
    CHECK(tall.hits.chips.size() == dated_visits(tall.state));
    const std::optional<float> full = day_top(tall.hits, target);
    REQUIRE(full);
    // Measured from the first month's first day: the two windows (each its own ImGui
    // context) need not be scrolled to the same pixel.
    const chr::year_month_day first = tall.hits.months.front() / chr::day{1};
    const std::optional<float> tall_first = day_top(tall.hits, first);
    REQUIRE(tall_first);

    Calendar small(ImVec2(1200.0f, 640.0f));
    small.frames(2);
    CHECK_FALSE(day_top(small.hits, target));  // out of view: not laid out at all
    CHECK(small.hits.windows.size() < tall.hits.windows.size());  // later windows: skipped
    CHECK(small.hits.months == tall.hits.months);
    // The focused day's month is laid out wherever it is; before the view scrolls to it
    // (the next frame), it sits exactly where the full layout put it.
    small.state.view.focused_day = target;
    small.frames(1);
    const std::optional<float> skipped_above = day_top(small.hits, target);
    REQUIRE(skipped_above);
    const std::optional<float> small_first = day_top(small.hits, first);
    REQUIRE(small_first);
    CHECK(*skipped_above - *small_first == *full - *tall_first);
}

TEST_CASE("calendar: an edit shows on the next frame, a plain redraw keeps the layout") {
    Calendar cal(ImVec2(1200.0f, 800.0f));
    cal.frames(2);
    REQUIRE(cal.state.calendar_cache.key);
    const CalendarCache::Key before = *cal.state.calendar_cache.key;
    cal.frames(1);
    CHECK(*cal.state.calendar_cache.key == before);  // nothing changed: kept

    const chr::year_month_day later = chr::year{2026} / 12 / 14;
    REQUIRE(apply(cal.state, cmd::SetStart{0, later}));
    cal.frames(1);
    CHECK_FALSE(*cal.state.calendar_cache.key == before);
    const auto first = std::min_element(
        cal.hits.chips.begin(), cal.hits.chips.end(), [&](const VisitHit& a, const VisitHit& b) {
            return std::make_pair(a.course, a.visit) < std::make_pair(b.course, b.visit);
        });
    REQUIRE(first != cal.hits.chips.end());
    REQUIRE(first->course == 0);
    const planner::Visit& v = cal.state.planned[0].expansion.visits[first->visit];
    CHECK(chr::year_month_day{v.earliest} == later);
    CHECK(day_top(cal.hits, later));
}
