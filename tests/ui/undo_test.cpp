// Undo and redo: the History on its own, every document edit through apply, the Edit menu,
// the keys, the notice after removing a course, and what is never undone.
#include "ui/undo.hpp"

#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <string>

#include "planner/io.hpp"
#include "planner/parse.hpp"
#include "planner/plan_io.hpp"
#include "planner/text.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/frame.hpp"
#include "ui/menus.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;

AppState default_state() {
    return make_app_state(planner::io::load_library({PRESETS_DIR}),
                          {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                          planner::next_monday(kToday), kToday);
}

// The document as its plan file text, so two states can be compared field by field.
std::string describe(const Document& plan) {
    return planner::io::plan_to_json(plan);
}

// The visits as text: undo must give back the same plan, not only the same inputs.
std::string visits(const AppState& s) {
    std::string out;
    for (const auto& pc : s.planned)
        for (const auto& v : pc.expansion.visits)
            out +=
                planner::text::iso_date(v.earliest) + " " + std::to_string(v.number_in_phase) + ",";
    return out;
}

struct Harness {
    AppState state = default_state();
    test::Driver driver;
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
    };
    Harness() { driver.frames(2, draw); }
    bool click(std::string_view label) { return driver.click(label, draw); }
};

}  // namespace

TEST_CASE("History: undo and redo step through snapshots, a new edit drops the redo side") {
    History<int> h;
    CHECK_FALSE(h.can_undo());
    CHECK_FALSE(h.undo(0, 0).has_value());
    h.record(1, 10, "one");
    h.record(2, 20, "two");
    CHECK(h.undo_name() == "two");
    auto back = h.undo(3, 30);
    REQUIRE(back.has_value());
    CHECK(back->doc == 2);
    CHECK(back->version == 20);
    CHECK(h.redo_name() == "two");
    auto forward = h.redo(2, 20);
    REQUIRE(forward.has_value());
    CHECK(forward->doc == 3);
    CHECK(forward->version == 30);
    (void)h.undo(3, 30);
    h.record(4, 20, "four");  // an edit after undo: "two" cannot be redone any more
    CHECK_FALSE(h.can_redo());
    CHECK(h.undo_levels() == 2);
}

TEST_CASE("History keeps kUndoLevels steps and drops the oldest") {
    History<std::size_t> h;
    for (std::size_t i = 0; i < kUndoLevels + 25; ++i) h.record(i, i, std::to_string(i));
    CHECK(h.undo_levels() == kUndoLevels);
    std::size_t last = 0;
    while (auto step = h.undo(0, 0)) last = step->doc;
    CHECK(last == 25);
}

TEST_CASE("every document edit is undone and redone exactly, with its name") {
    struct Case {
        Command command;
        std::string name;
    };
    const chr::year_month_day wednesday = chr::year{2026} / 12 / 2;
    const Case cases[] = {
        {cmd::AddCourse{"im-illustrative", chr::year{2026} / 11 / 30}, "add course C"},
        {cmd::RemoveCourse{1}, "remove course B"},
        {cmd::SetHidden{0, true}, "hide course A"},
        {cmd::SetStart{0, chr::year{2026} / 12 / 14}, "change the start of course A"},
        {cmd::ToggleClinicDay{0, chr::Wednesday}, "close Wednesdays for course A"},
        {cmd::ToggleClinicDay{0, chr::Tuesday}, "open Tuesdays for course A"},
        {cmd::AddClosed{0, wednesday}, "close Wed 2 Dec 2026 for course A"},
    };
    for (const Case& c : cases) {
        CAPTURE(c.name);
        AppState s = default_state();
        const std::string before = describe(s.plan);
        const std::string before_visits = visits(s);
        CHECK(edit_name(s, c.command) == c.name);
        REQUIRE(apply(s, c.command));
        const std::string after = describe(s.plan);
        const std::string after_visits = visits(s);
        CHECK(after != before);
        CHECK(unsaved(s));
        CHECK(undo_label(s) == "Undo " + c.name);
        REQUIRE(apply(s, cmd::Undo{}));
        CHECK(describe(s.plan) == before);
        CHECK(visits(s) == before_visits);
        CHECK_FALSE(unsaved(s));  // back where it was opened
        CHECK(redo_label(s) == "Redo " + c.name);
        REQUIRE(apply(s, cmd::Redo{}));
        CHECK(describe(s.plan) == after);
        CHECK(visits(s) == after_visits);
        CHECK(unsaved(s));
        CHECK_FALSE(apply(s, cmd::Redo{}));  // nothing more to redo
    }
}

TEST_CASE("RemoveClosed is undone too, and a refused edit records nothing") {
    AppState s = default_state();
    const chr::year_month_day wednesday = chr::year{2026} / 12 / 2;
    REQUIRE(apply(s, cmd::AddClosed{0, wednesday}));
    REQUIRE(apply(s, cmd::RemoveClosed{0, wednesday}));
    CHECK(undo_label(s) == "Undo reopen Wed 2 Dec 2026 for course A");
    CHECK(s.doc.history.undo_levels() == 2);
    CHECK_FALSE(apply(s, cmd::RemoveClosed{0, wednesday}));    // not closed: no step
    CHECK_FALSE(apply(s, cmd::AddCourse{"no-such", kToday}));  // unknown preset: no step
    CHECK_FALSE(apply(s, cmd::SetStart{0, s.plan.courses[0].course.start}));  // unchanged: no step
    CHECK(s.doc.history.undo_levels() == 2);
    REQUIRE(apply(s, cmd::Undo{}));
    CHECK(s.plan.courses[0].course.closed == std::vector<chr::year_month_day>{wednesday});
    REQUIRE(apply(s, cmd::Undo{}));
    CHECK(s.plan.courses[0].course.closed.empty());
    CHECK_FALSE(apply(s, cmd::Undo{}));
}

TEST_CASE("view-only commands are never undone") {
    AppState s = default_state();
    const Command view_only[] = {cmd::Select{Selection{0, 0}},
                                 cmd::SetView{View::timeline},
                                 cmd::SetTheme{Theme::dark},
                                 cmd::SetZoom{1.5f},
                                 cmd::SetWeekStart{chr::Sunday},
                                 cmd::ScrollCalendar{chr::year{2027} / chr::February},
                                 cmd::SetTimelineView{2.0f, 7.0f},
                                 cmd::FocusDay{chr::year{2026} / 12 / 3},
                                 cmd::Present{true},
                                 cmd::StepWeek{1},
                                 cmd::SetToday{chr::year{2026} / 11 / 26},
                                 cmd::SetWindowSize{1024, 640},
                                 cmd::ReportError{"a message"}};
    for (const Command& c : view_only) {
        CHECK(edit_name(s, c).empty());
        (void)apply(s, c);
    }
    CHECK_FALSE(s.doc.history.can_undo());
    CHECK_FALSE(unsaved(s));
    CHECK(undo_label(s) == "Undo");
}

TEST_CASE("many levels: forty edits undone one by one give back the first plan") {
    AppState s = default_state();
    const std::string first = describe(s.plan);
    std::vector<std::string> states{first};
    for (int i = 0; i < 40; ++i) {
        const chr::year_month_day day{chr::sys_days{chr::year{2026} / 12 / 1} + chr::days{i}};
        REQUIRE(apply(s, cmd::SetStart{static_cast<std::size_t>(i % 2), day}));
        states.push_back(describe(s.plan));
    }
    for (int i = 40; i > 0; --i) {
        CHECK(describe(s.plan) == states[static_cast<std::size_t>(i)]);
        REQUIRE(apply(s, cmd::Undo{}));
    }
    CHECK(describe(s.plan) == first);
    CHECK_FALSE(unsaved(s));
    for (int i = 0; i < 40; ++i) REQUIRE(apply(s, cmd::Redo{}));
    CHECK(describe(s.plan) == states.back());
}

TEST_CASE("removing a course says so and offers Undo, the notice's button brings it back") {
    Harness h;
    REQUIRE(h.click("course 1 remove"));
    REQUIRE(h.state.plan.courses.size() == 1);
    REQUIRE(h.state.notice.has_value());
    CHECK(h.state.notice->text == "Course B removed. Undo (Ctrl+Z)");
    CHECK(h.driver.sink().has_text("Course B removed. Undo (Ctrl+Z)"));
    REQUIRE(h.click("notice undo"));
    REQUIRE(h.state.plan.courses.size() == 2);
    CHECK(h.state.plan.courses[1].course.protocol_id == "spravato-label");
    CHECK(h.driver.sink().has_text("Undone: remove course B."));
    REQUIRE(h.click("notice dismiss"));
    CHECK_FALSE(h.state.notice.has_value());
    CHECK(h.driver.sink().find("notice dismiss") == nullptr);
}

TEST_CASE("the Edit menu names the step and undoes it, disabled when there is none") {
    Harness h;
    REQUIRE(h.click("menu edit"));
    CHECK(h.driver.sink().has_text("Undo"));
    REQUIRE(h.click("menu undo"));  // disabled: nothing happens
    CHECK(h.state.plan.courses.size() == 2);
    h.driver.key(GLFW_KEY_ESCAPE, h.draw);
    CHECK(h.driver.sink().find("menu undo") == nullptr);  // closed
    REQUIRE(h.click("course 1 remove"));
    CHECK(h.state.plan.courses.size() == 1);
    REQUIRE(h.click("menu edit"));
    CHECK(h.driver.sink().has_text("Undo remove course B"));
    REQUIRE(h.click("menu undo"));
    CHECK(h.state.plan.courses.size() == 2);
    REQUIRE(h.click("menu edit"));
    CHECK(h.driver.sink().has_text("Redo remove course B"));
    REQUIRE(h.click("menu redo"));
    CHECK(h.state.plan.courses.size() == 1);
}

TEST_CASE("Ctrl+Z undoes, Ctrl+Shift+Z and Ctrl+Y redo") {
    Harness h;
    REQUIRE(h.click("course 0 day wed"));
    const std::string closed = describe(h.state.plan);
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(describe(h.state.plan) != closed);
    CHECK(h.state.plan.courses[0].course.clinic_days.empty());  // back to the preset's own days
    h.driver.key(GLFW_KEY_Z, h.draw, true, true);
    CHECK(describe(h.state.plan) == closed);
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    h.driver.key(GLFW_KEY_Y, h.draw, true);
    CHECK(describe(h.state.plan) == closed);
    h.driver.key(GLFW_KEY_Z, h.draw);  // without Ctrl: nothing
    CHECK(describe(h.state.plan) == closed);
}

TEST_CASE("Ctrl+Z in a text field is the field's own: the plan is not undone") {
    Harness h;
    REQUIRE(h.click("course 0 day wed"));
    const std::string closed = describe(h.state.plan);
    REQUIRE(h.click("course 0 start field"));
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(describe(h.state.plan) == closed);
}

TEST_CASE("a start date out of range says what is accepted, a valid one clears it") {
    Harness h;
    REQUIRE(h.click("course 0 start field"));
    h.driver.key(GLFW_KEY_A, h.draw, true);
    h.driver.type("9999-12-31", h.draw);
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK(h.state.plan.courses[0].course.start == chr::year{2026} / 11 / 30);  // unchanged
    CHECK(h.driver.sink().has_text("expected a date in the years 1900 to 2200"));
    CHECK(h.driver.sink().has_text("'9999-12-31'"));
    CHECK_FALSE(h.state.doc.history.can_undo());
    // A valid date: the course moves and the message goes.
    REQUIRE(h.click("course 0 start field"));
    h.driver.key(GLFW_KEY_A, h.draw, true);
    h.driver.type("2026-12-07", h.draw);
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK(h.state.plan.courses[0].course.start == chr::year{2026} / 12 / 7);
    CHECK_FALSE(h.driver.sink().has_text("1900 to 2200"));
    CHECK(h.state.input_errors.empty());
}

TEST_CASE("a bad start date's message can be dismissed, and so can any message") {
    Harness h;
    REQUIRE(h.click("course 1 start field"));
    h.driver.key(GLFW_KEY_A, h.draw, true);
    h.driver.type("2026-02-30", h.draw);
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK(h.driver.sink().has_text("expected a real calendar date"));
    REQUIRE(h.click("course 1 start error dismiss"));
    CHECK_FALSE(h.driver.sink().has_text("expected a real calendar date"));
    (void)apply(h.state, cmd::ReportError{"settings not saved: disk full"});
    h.driver.frame(h.draw);
    CHECK(h.driver.sink().has_text("settings not saved: disk full"));
    REQUIRE(h.click("message 0 dismiss"));
    CHECK(h.state.errors.empty());
    CHECK_FALSE(h.driver.sink().has_text("disk full"));
}

TEST_CASE("a start date in the past is allowed and marked as past") {
    Harness h;
    CHECK_FALSE(h.driver.sink().has_text("In the past"));
    REQUIRE(apply(h.state, cmd::SetStart{0, chr::year{2026} / 11 / 2}));
    h.driver.frame(h.draw);
    CHECK(h.state.plan.courses[0].course.start == chr::year{2026} / 11 / 2);
    CHECK(h.driver.sink().has_text("In the past: today is Wed 25 Nov 2026."));
    CHECK(h.state.input_errors.empty());
}

TEST_CASE("the platform's facts go through apply: today, window size, errors") {
    AppState s = default_state();
    CHECK(apply(s, cmd::SetToday{chr::year{2026} / 11 / 26}));
    CHECK(s.today == chr::year{2026} / 11 / 26);
    CHECK_FALSE(apply(s, cmd::SetToday{chr::year{2026} / 2 / 30}));
    (void)apply(s, cmd::SetWindowSize{1024, 640});
    CHECK(s.settings.window_width == 1024);
    CHECK(s.settings.window_height == 640);
    (void)apply(s, cmd::SetWindowSize{100, 640});  // below the minimum: ignored
    CHECK(s.settings.window_width == 1024);
    CHECK(apply(s, cmd::ReportError{"one"}));
    CHECK(apply(s, cmd::ReportError{"two"}));
    CHECK(apply(s, cmd::DismissError{0}));
    CHECK(s.errors == std::vector<std::string>{"two"});
    CHECK_FALSE(apply(s, cmd::DismissError{5}));
}
