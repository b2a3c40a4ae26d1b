// The calendar, timeline and presentation views on a headless ImGui context: what
// they draw (through the hit records they also use for their own clicks) and the
// commands they push for mouse and keys.
#include "ui/views.hpp"

#include <GLFW/glfw3.h>  // key codes: the driver's key map is imgui_impl_glfw's
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "planner/layout.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"

namespace {

namespace chr = std::chrono;
using planner::PhaseKind;

constexpr chr::year_month_day kToday = chr::year{2027} / 3 / 3;  // a Wednesday

planner::Phase phase(std::string name, PhaseKind kind) {
    planner::Phase p;
    p.id = name;
    p.name = std::move(name);
    p.kind = kind;
    return p;
}

planner::Visit visit(std::size_t course, std::size_t phase_index, int n, int total,
                     chr::year_month_day day, int window_days = 0) {
    planner::Visit v;
    v.course = course;
    v.phase = phase_index;
    v.number_in_phase = n;
    v.phase_total = total;
    v.number_in_course = n;
    v.earliest = chr::sys_days{day};
    v.latest = v.earliest + chr::days{window_days};
    v.treatment_start = chr::minutes{9 * 60};
    v.treatment_end = chr::minutes{9 * 60 + 40};
    v.observation_end = chr::minutes{11 * 60};
    return v;
}

// Course A: IV, six infusions Mon/Wed/Fri over two weeks (the last moved off a closed
// Friday), then an optional booster window. Course B: nasal spray twice a week, four weeks.
// Built by hand so the test does not depend on the engine.
ui::AppState make_state() {
    ui::AppState state;
    state.today = kToday;

    planner::PlannedCourse iv;
    iv.protocol.id = "iv-test";
    iv.protocol.title = "IV test course";
    iv.protocol.route = planner::Route::iv;
    iv.protocol.phases = {phase("Initial series", PhaseKind::induction),
                          phase("Boosters", PhaseKind::booster)};
    iv.course.protocol_id = iv.protocol.id;
    iv.course.start = chr::year{2027} / 3 / 1;
    iv.course.closed = {chr::year{2027} / 3 / 12};
    const int days[] = {1, 3, 5, 8, 10, 13};
    for (int i = 0; i < 6; ++i)
        iv.expansion.visits.push_back(
            visit(0, 0, i + 1, 6, chr::year{2027} / 3 / static_cast<unsigned>(days[i])));
    iv.expansion.visits.back().moved_from = chr::sys_days{chr::year{2027} / 3 / 12};
    auto booster = visit(0, 1, 1, 1, chr::year{2027} / 3 / 29, 25);  // to 23 April
    booster.optional = true;
    iv.expansion.visits.push_back(booster);

    planner::PlannedCourse spray;
    spray.protocol.id = "nasal-test";
    spray.protocol.title = "Nasal spray test course";
    spray.protocol.route = planner::Route::nasal;
    spray.protocol.phases = {phase("Induction", PhaseKind::induction)};
    spray.course.protocol_id = spray.protocol.id;
    spray.course.start = chr::year{2027} / 3 / 2;
    for (int i = 0; i < 8; ++i) {
        const chr::sys_days d = chr::sys_days{chr::year{2027} / 3 / 2} +
                                chr::days{(i / 2) * 7 + (i % 2) * 3};  // Tue, Fri
        spray.expansion.visits.push_back(visit(1, 0, i + 1, 8, chr::year_month_day{d}));
    }

    state.planned = {iv, spray};
    state.plan.courses = {{iv.protocol, iv.course}, {spray.protocol, spray.course}};
    return state;
}

std::size_t dated_visits(const ui::AppState& state, bool include_hidden = false) {
    std::size_t n = 0;
    for (const auto& pc : state.planned)
        if (include_hidden || !pc.course.hidden)
            n += static_cast<std::size_t>(
                std::count_if(pc.expansion.visits.begin(), pc.expansion.visits.end(),
                              [](const planner::Visit& v) { return !v.is_window(); }));
    return n;
}

// A host window like the frame's: the views draw into the current window.
void host(const std::function<void()>& body) {
    ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
    ImGui::SetNextWindowSize(ImGui::GetIO().DisplaySize);
    ImGui::Begin(
        "host", nullptr,
        ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings);
    body();
    ImGui::End();
}

template <class T>
std::vector<T> pushed(const ui::Commands& out) {
    std::vector<T> found;
    for (const auto& c : out)
        if (const T* t = std::get_if<T>(&c)) found.push_back(*t);
    return found;
}

const ui::VisitHit* find_hit(const std::vector<ui::VisitHit>& hits, std::size_t course,
                             std::size_t visit) {
    for (const auto& h : hits)
        if (h.course == course && h.visit == visit) return &h;
    return nullptr;
}

}  // namespace

TEST_CASE("calendar draws one chip per shown dated visit, windows as bands") {
    ui::test::Driver driver;
    const ui::AppState state = make_state();
    ui::Commands out;
    ui::CalendarHits hits;
    const auto draw = [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); };
    driver.frames(2, draw);

    CHECK(hits.months == std::vector<chr::year_month>{chr::year{2027} / 3, chr::year{2027} / 4});
    CHECK(hits.chips.size() == dated_visits(state));
    for (const auto& pc : state.planned)
        for (std::size_t v = 0; v < pc.expansion.visits.size(); ++v) {
            const planner::Visit& visit = pc.expansion.visits[v];
            const std::size_t c = visit.course;
            if (visit.is_window()) {
                CHECK(find_hit(hits.chips, c, v) == nullptr);
                CHECK(find_hit(hits.windows, c, v) != nullptr);
            } else {
                CHECK(std::count_if(hits.chips.begin(), hits.chips.end(), [&](const auto& h) {
                          return h.course == c && h.visit == v;
                      }) == 1);
            }
        }
    // The booster window runs 29 March to 23 April: one band piece per in-month day.
    CHECK(hits.windows.size() == 26);
    // Closed and today are drawn where the plan says.
    CHECK(hits.closed_days == std::vector<chr::year_month_day>{chr::year{2027} / 3 / 12});
    CHECK(hits.today_days == std::vector<chr::year_month_day>{kToday});
    // Chips sit inside their day's cell.
    const ui::VisitHit* chip = find_hit(hits.chips, 0, 1);  // Wed 3 March
    REQUIRE(chip != nullptr);
    const auto day = std::find_if(hits.days.begin(), hits.days.end(),
                                  [](const ui::DayHit& d) { return d.date == kToday; });
    REQUIRE(day != hits.days.end());
    CHECK(chip->min.x >= day->min.x);
    CHECK(chip->max.x <= day->max.x);
    CHECK(chip->min.y >= day->min.y);
    CHECK(chip->max.y <= day->max.y);
    CHECK(driver.sink().has_text("March 2027"));
    CHECK(pushed<ui::cmd::Select>(out).empty());
}

TEST_CASE("calendar: hidden courses draw nothing") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    state.planned[1].course.hidden = true;
    ++state.planned_revision;  // what replan does: the calendar keeps its layout until then
    ui::Commands out;
    ui::CalendarHits hits;
    driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); });
    CHECK(hits.chips.size() == dated_visits(state));
    CHECK(hits.chips.size() == 6);
    CHECK(std::none_of(hits.chips.begin(), hits.chips.end(),
                       [](const auto& h) { return h.course == 1; }));

    state.planned[0].course.hidden = true;
    ++state.planned_revision;
    driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); });
    CHECK(hits.chips.empty());
    CHECK(hits.windows.empty());
}

TEST_CASE("calendar: clicking a chip selects its visit, hovering pushes nothing") {
    ui::test::Driver driver;
    const ui::AppState state = make_state();
    ui::Commands out;
    ui::CalendarHits hits;
    const auto draw = [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); };
    driver.frames(2, draw);
    out.clear();

    REQUIRE(driver.hover("chip 1/2", draw));  // spray visit 3, Tue 9 March
    CHECK(pushed<ui::cmd::Select>(out).empty());

    REQUIRE(driver.click("chip 1/2", draw));
    const auto selects = pushed<ui::cmd::Select>(out);
    REQUIRE(selects.size() == 1);
    REQUIRE(selects[0].selection.has_value());
    CHECK(selects[0].selection->course == 1);
    CHECK(selects[0].selection->visit == std::optional<std::size_t>{2});
    // ...and its day becomes the focused day, so the arrows continue from there.
    const auto chip_focus = pushed<ui::cmd::FocusDay>(out);
    REQUIRE(chip_focus.size() == 1);
    CHECK(chip_focus[0].day == chr::year{2027} / 3 / 9);

    // Clicking an empty part of a day focuses the day.
    out.clear();
    REQUIRE(driver.click("day 2027-03-18", draw));
    const auto focus = pushed<ui::cmd::FocusDay>(out);
    REQUIRE(focus.size() == 1);
    CHECK(focus[0].day == chr::year{2027} / 3 / 18);
    CHECK(pushed<ui::cmd::Select>(out).empty());
}

TEST_CASE("calendar: arrows move the focused day, Enter selects its first visit") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    state.view.focused_day = kToday;
    ui::Commands out;
    ui::CalendarHits hits;
    const auto draw = [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); };
    driver.frames(2, draw);
    out.clear();

    driver.key(GLFW_KEY_RIGHT, draw);
    auto focus = pushed<ui::cmd::FocusDay>(out);
    REQUIRE(focus.size() == 1);
    CHECK(focus[0].day == chr::year{2027} / 3 / 4);

    out.clear();
    driver.key(GLFW_KEY_DOWN, draw);
    focus = pushed<ui::cmd::FocusDay>(out);
    REQUIRE(focus.size() == 1);
    CHECK(focus[0].day == chr::year{2027} / 3 / 10);

    out.clear();
    driver.key(GLFW_KEY_LEFT, draw);
    focus = pushed<ui::cmd::FocusDay>(out);
    REQUIRE(focus.size() == 1);
    CHECK(focus[0].day == chr::year{2027} / 3 / 2);

    // Enter on Wed 3 March selects the IV infusion 2 drawn there.
    out.clear();
    driver.key(GLFW_KEY_ENTER, draw);
    const auto selects = pushed<ui::cmd::Select>(out);
    REQUIRE(selects.size() == 1);
    CHECK(selects[0].selection->course == 0);
    CHECK(selects[0].selection->visit == std::optional<std::size_t>{1});

    // Apply a focus move: the outline follows, Enter now picks the new day's visit.
    state.view.focused_day = chr::year{2027} / 3 / 5;  // IV 3 and spray 2
    out.clear();
    driver.key(GLFW_KEY_ENTER, draw);
    const auto again = pushed<ui::cmd::Select>(out);
    REQUIRE(again.size() == 1);
    CHECK(again[0].selection->course == 0);
    CHECK(again[0].selection->visit == std::optional<std::size_t>{2});
}

TEST_CASE("calendar: week start Sunday puts Sunday in the first column") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    ui::Commands out;
    ui::CalendarHits hits;
    const auto column_x = [&](chr::year_month_day d) {
        const auto it = std::find_if(hits.days.begin(), hits.days.end(),
                                     [&](const ui::DayHit& h) { return h.date == d; });
        REQUIRE(it != hits.days.end());
        return it->min.x;
    };
    const chr::year_month_day sunday = chr::year{2027} / 3 / 7;
    const chr::year_month_day monday = chr::year{2027} / 3 / 1;

    driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); });
    REQUIRE(hits.header.size() == 7);
    CHECK(hits.header.front() == chr::Monday);
    CHECK(column_x(monday) < column_x(sunday));

    state.settings.week_start = chr::Sunday;
    driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, hits); }); });
    REQUIRE(hits.header.size() == 7);
    CHECK(hits.header.front() == chr::Sunday);
    CHECK(hits.header.back() == chr::Saturday);
    CHECK(column_x(sunday) < column_x(monday));
    const float leftmost =
        std::min_element(hits.days.begin(), hits.days.end(), [](const auto& a, const auto& b) {
            return a.min.x < b.min.x;
        })->min.x;
    CHECK(column_x(sunday) == leftmost);
    // Same chips whatever the week start.
    CHECK(hits.chips.size() == dated_visits(state));
}

TEST_CASE("timeline: one lane per shown course, clicking a mark selects it") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    ui::Commands out;
    ui::TimelineHits hits;
    const auto draw = [&] { host([&] { ui::draw_timeline_view(state, out, hits); }); };
    driver.frames(2, draw);

    REQUIRE(hits.lanes.size() == 2);
    CHECK(hits.lanes[0].course == 0);
    CHECK(hits.lanes[1].course == 1);
    CHECK(hits.lanes[0].label == "IV test course");
    CHECK(hits.lanes[0].max.y <= hits.lanes[1].min.y);
    CHECK(hits.marks.size() ==
          state.planned[0].expansion.visits.size() + state.planned[1].expansion.visits.size());
    CHECK(!hits.axis_labels.empty());
    CHECK(hits.axis_labels.front() == "Week 1");

    // Relative x: each course's first visit sits at its own day 0, so both line up.
    const ui::VisitHit* a = find_hit(hits.marks, 0, 0);
    const ui::VisitHit* b = find_hit(hits.marks, 1, 0);
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    CHECK(a->min.x == doctest::Approx(b->min.x));
    // A mark lies in its own lane.
    CHECK(b->min.y >= hits.lanes[1].min.y);
    CHECK(b->max.y <= hits.lanes[1].max.y);

    out.clear();
    REQUIRE(driver.click("mark 1/3", draw));
    const auto selects = pushed<ui::cmd::Select>(out);
    REQUIRE(selects.size() == 1);
    CHECK(selects[0].selection->course == 1);
    CHECK(selects[0].selection->visit == std::optional<std::size_t>{3});

    // Hiding a course removes its lane.
    state.planned[0].course.hidden = true;
    ++state.planned_revision;  // what replan does: the timeline keeps its lanes until then
    driver.frames(2, draw);
    REQUIRE(hits.lanes.size() == 1);
    CHECK(hits.lanes[0].course == 1);
    CHECK(std::none_of(hits.marks.begin(), hits.marks.end(),
                       [](const auto& m) { return m.course == 0; }));
}

TEST_CASE("timeline: calendar dates shift a later start, the toggle pushes SetTimelineDates") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    state.settings.timeline_dates = true;
    ui::Commands out;
    ui::TimelineHits hits;
    const auto draw = [&] { host([&] { ui::draw_timeline_view(state, out, hits); }); };
    driver.frames(2, draw);
    const ui::VisitHit* a = find_hit(hits.marks, 0, 0);  // Mon 1 March
    const ui::VisitHit* b = find_hit(hits.marks, 1, 0);  // Tue 2 March
    REQUIRE(a != nullptr);
    REQUIRE(b != nullptr);
    CHECK(b->min.x - a->min.x == doctest::Approx(hits.pixels_per_day));
    REQUIRE(!hits.axis_labels.empty());
    CHECK(hits.axis_labels.front() == "1 Mar 2027");

    out.clear();
    REQUIRE(driver.click("timeline dates", draw));
    const auto toggles = pushed<ui::cmd::SetTimelineDates>(out);
    REQUIRE(!toggles.empty());
    CHECK(toggles.front().dates == false);
}

TEST_CASE("timeline: Ctrl+wheel and +/- zoom, arrows and drag pan") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    state.view.timeline_days_per_em = 1.0f;  // not the default: no first-time fit
    state.view.timeline_pan_days = 0.0f;
    ui::Commands out;
    ui::TimelineHits hits;
    const auto draw = [&] { host([&] { ui::draw_timeline_view(state, out, hits); }); };
    driver.frames(2, draw);
    CHECK(pushed<ui::cmd::SetTimelineView>(out).empty());

    const ImVec2 inside((hits.plot_min.x + hits.plot_max.x) * 0.5f,
                        (hits.plot_min.y + hits.plot_max.y) * 0.5f);
    ImGuiIO& io = driver.io();
    io.MousePos = inside;
    driver.frame(draw);
    io.KeyCtrl = true;
    io.MouseWheel = 1.0f;
    driver.frame(draw);
    io.KeyCtrl = false;
    io.MouseWheel = 0.0f;
    auto views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(views.size() == 1);
    CHECK(views[0].days_per_em < 1.0f);  // zoomed in: fewer days per em
    // The day under the mouse stays under the mouse.
    const float em = ImGui::GetFontSize();
    const float day_before = 0.0f + (inside.x - hits.plot_min.x) / hits.pixels_per_day;
    const float day_after =
        views[0].pan_days + (inside.x - hits.plot_min.x) * views[0].days_per_em / em;
    CHECK(day_after == doctest::Approx(day_before).epsilon(0.001));

    out.clear();
    io.MouseWheel = -1.0f;  // plain wheel pans
    driver.frame(draw);
    io.MouseWheel = 0.0f;
    views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(views.size() == 1);
    CHECK(views[0].days_per_em == 1.0f);
    CHECK(views[0].pan_days > 0.0f);

    out.clear();
    driver.key(GLFW_KEY_RIGHT, draw);
    views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(views.size() == 1);
    CHECK(views[0].pan_days == doctest::Approx(7.0f));

    out.clear();
    driver.type("+", draw);
    views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(views.size() == 1);
    CHECK(views[0].days_per_em < 1.0f);
    out.clear();
    driver.type("-", draw);
    views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(views.size() == 1);
    CHECK(views[0].days_per_em > 1.0f);

    // Drag left by 100 px: the view moves 100 px worth of days later; no selection.
    out.clear();
    io.MousePos = inside;
    driver.frame(draw);
    io.MouseDown[0] = true;
    driver.frame(draw);
    io.MousePos = ImVec2(inside.x - 100.0f, inside.y);
    driver.frame(draw);
    io.MouseDown[0] = false;
    driver.frame(draw);
    views = pushed<ui::cmd::SetTimelineView>(out);
    REQUIRE(!views.empty());
    CHECK(views.back().pan_days == doctest::Approx(100.0f / hits.pixels_per_day).epsilon(0.01));
    CHECK(pushed<ui::cmd::Select>(out).empty());
}

TEST_CASE("presentation: caption from the layout, arrows step, Esc leaves") {
    ui::test::Driver driver;
    ui::AppState state = make_state();
    state.view.presenting = true;
    state.view.present_week = 1;
    ui::Commands out;
    ui::PresentationRecord record;
    const auto draw = [&] { host([&] { ui::draw_presentation(state, out, record); }); };
    driver.frames(2, draw);

    const auto steps = planner::layout::week_steps(state.planned);
    REQUIRE(steps.size() > 2);
    CHECK(record.week == 1);
    CHECK(record.week_count == static_cast<int>(steps.size()));
    CHECK(record.caption == steps[1].caption);
    CHECK(driver.sink().has_text(steps[1].caption));
    CHECK(record.heading == "Week 2 of " + std::to_string(steps.size()));
    CHECK(driver.sink().has_text(record.heading));
    // The strip shows the weeks around the current one; the current week's chips are its visits.
    CHECK(std::find(record.rows.begin(), record.rows.end(), 0) != record.rows.end());
    CHECK(std::find(record.rows.begin(), record.rows.end(), 2) != record.rows.end());
    std::size_t in_week = 0;
    for (const auto& pc : state.planned)
        for (const auto& v : pc.expansion.visits)
            if (!v.is_window() && v.earliest >= steps[1].first && v.earliest <= steps[1].last)
                ++in_week;
    CHECK(record.chips.size() == in_week);

    out.clear();
    driver.key(GLFW_KEY_RIGHT, draw);
    auto steps_pushed = pushed<ui::cmd::StepWeek>(out);
    REQUIRE(steps_pushed.size() == 1);
    CHECK(steps_pushed[0].delta == +1);

    out.clear();
    driver.key(GLFW_KEY_LEFT, draw);
    steps_pushed = pushed<ui::cmd::StepWeek>(out);
    REQUIRE(steps_pushed.size() == 1);
    CHECK(steps_pushed[0].delta == -1);

    out.clear();
    driver.key(GLFW_KEY_ESCAPE, draw);
    const auto present = pushed<ui::cmd::Present>(out);
    REQUIRE(present.size() == 1);
    CHECK(present[0].on == false);

    // At the first week there is nothing before it.
    state.view.present_week = 0;
    out.clear();
    driver.key(GLFW_KEY_LEFT, draw);
    CHECK(pushed<ui::cmd::StepWeek>(out).empty());
    CHECK(record.caption == steps[0].caption);
}

TEST_CASE("views draw in both themes and with no course") {
    ui::test::Driver driver;
    for (const ui::Theme theme : {ui::Theme::light, ui::Theme::dark}) {
        ui::AppState state = make_state();
        state.settings.theme = theme;
        ui::Commands out;
        ui::CalendarHits cal;
        ui::TimelineHits tl;
        ui::PresentationRecord rec;
        driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, cal); }); });
        driver.frames(2, [&] { host([&] { ui::draw_timeline_view(state, out, tl); }); });
        driver.frames(2, [&] { host([&] { ui::draw_presentation(state, out, rec); }); });
        CHECK(cal.chips.size() == dated_visits(state));
        CHECK(tl.lanes.size() == 2);
        CHECK(rec.week == 0);

        state.planned.clear();
        ++state.revision;  // written directly, not through apply: a replayed view must know
        driver.frames(2, [&] { host([&] { ui::draw_calendar_view(state, out, cal); }); });
        driver.frames(2, [&] { host([&] { ui::draw_timeline_view(state, out, tl); }); });
        driver.frames(2, [&] { host([&] { ui::draw_presentation(state, out, rec); }); });
        CHECK(cal.chips.empty());
        CHECK(cal.months == std::vector<chr::year_month>{chr::year{2027} / 3});  // today's
        CHECK(tl.lanes.empty());
        CHECK(rec.week == -1);
    }
}
