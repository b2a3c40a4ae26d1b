// Editing in the window, driven like a person would: drag a visit in the calendar and along
// its lane in the timeline, the visit menu (skip, missed, note, time, back to the published
// schedule), closing a day with the tool and with Ctrl+click, a course's usual time; each
// one undone and redone. The marks and the "Differs from the published schedule" list follow
// every edit, and the selection follows its visit by id.
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <string>

#include "planner/io.hpp"
#include "planner/parse.hpp"
#include "planner/text.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/frame.hpp"
#include "ui/visit_edits.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;
// The default plan: IV (course A) Mon/Wed/Fri from Mon 30 Nov, Spravato (B) Mon/Thu.
const planner::VisitId kIv2{"iv-six-two-weeks", "induction", 2};  // Wed 2 Dec
const planner::VisitId kIv4{"iv-six-two-weeks", "induction", 4};  // Mon 7 Dec
const planner::VisitId kSpray3{"spravato-label", "induction", 3};

chr::sys_days day(unsigned month, unsigned d) {
    return chr::sys_days{chr::year{2026} / month / d};
}

struct Harness {
    AppState state = make_app_state(planner::io::load_library({PRESETS_DIR}),
                                    {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                                    planner::next_monday(kToday), kToday);
    test::Driver driver;
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
    };
    Harness() { driver.frames(3, draw); }
    bool click(std::string_view label, int button = 0, bool ctrl = false) {
        driver.frame(draw);
        return driver.click(label, draw, button, ctrl);
    }
    bool has(std::string_view text) const { return driver.sink().has_text(text); }
    bool shown(std::string_view label) const { return driver.sink().find(label) != nullptr; }
    // "chip 0/1": the calendar chip of that visit as drawn now.
    std::string chip(const planner::VisitId& id, std::string kind = "chip") const {
        std::size_t course = 0;
        std::size_t index = 0;
        REQUIRE(find_visit(state, id, &course, &index) != nullptr);
        return kind + " " + std::to_string(course) + "/" + std::to_string(index);
    }
    chr::sys_days date_of(const planner::VisitId& id) const {
        const planner::Visit* v = find_visit(state, id);
        REQUIRE(v != nullptr);
        return v->earliest;
    }
    const planner::VisitOverride* override_of(const planner::VisitId& id) const {
        return find_override(state, id);
    }
    void type_into(std::string_view field, std::string_view text) {
        REQUIRE(click(field));
        driver.key(GLFW_KEY_A, draw, true);
        driver.type(text, draw);
        driver.key(GLFW_KEY_ENTER, draw);
    }
    void open_menu(const planner::VisitId& id) {
        REQUIRE(click(chip(id), 1));
        driver.frame(draw);
        REQUIRE(shown("menu skip"));
    }
};

}  // namespace

TEST_CASE("drag a chip to another day: moved there, marked, listed, undo and redo") {
    Harness h;
    REQUIRE(h.date_of(kIv2) == day(12, 2));
    CHECK_FALSE(h.shown(h.chip(kIv2, "differs")));
    REQUIRE(h.driver.drag(h.chip(kIv2), "day 2026-12-03", h.draw));
    h.driver.frame(h.draw);
    CHECK(h.date_of(kIv2) == day(12, 3));
    REQUIRE(h.override_of(kIv2) != nullptr);
    CHECK(h.override_of(kIv2)->date == chr::year_month_day{day(12, 3)});
    // The selection is the moved visit, found by its id.
    REQUIRE(h.state.view.selection.has_value());
    CHECK(h.state.view.selection->visit_id == kIv2);
    CHECK(h.shown(h.chip(kIv2, "differs")));  // the ≠ mark on its chip
    CHECK(h.has("Differs from the published schedule"));
    CHECK(h.has("Rule: This plan puts the visit on a date of its own."));
    CHECK(h.has("Source: "));
    CHECK(h.state.doc.history.undo_name() ==
          "move induction infusion 2 of course A to Thu 3 Dec 2026");

    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.date_of(kIv2) == day(12, 2));
    CHECK(h.override_of(kIv2) == nullptr);
    CHECK_FALSE(h.shown(h.chip(kIv2, "differs")));
    h.driver.key(GLFW_KEY_Y, h.draw, true);
    CHECK(h.date_of(kIv2) == day(12, 3));
}

TEST_CASE("a drag that ends where it began, or a plain click, changes nothing") {
    Harness h;
    REQUIRE(h.driver.drag(h.chip(kIv2), "day 2026-12-02", h.draw));
    CHECK(h.override_of(kIv2) == nullptr);
    REQUIRE(h.click(h.chip(kIv2)));
    CHECK(h.override_of(kIv2) == nullptr);
    CHECK_FALSE(h.state.doc.history.can_undo());
    CHECK_FALSE(h.state.view.drag.has_value());
}

TEST_CASE("a drop on a closed day is refused with the reason, nothing changes") {
    Harness h;
    REQUIRE(apply(h.state, cmd::AddClosed{0, chr::year{2026} / 12 / 3}));
    h.driver.frames(2, h.draw);
    const std::size_t steps = h.state.doc.history.undo_levels();
    REQUIRE(h.driver.drag(h.chip(kIv2), "day 2026-12-03", h.draw));
    h.driver.frame(h.draw);
    CHECK(h.date_of(kIv2) == day(12, 2));
    CHECK(h.override_of(kIv2) == nullptr);
    CHECK(h.state.doc.history.undo_levels() == steps);
    CHECK(h.has("2026-12-03 is closed in this course"));
}

TEST_CASE("drag a mark along its lane in the timeline") {
    Harness h;
    REQUIRE(apply(h.state, cmd::SetView{View::timeline}));
    h.driver.frames(3, h.draw);
    // The timeline opens fitted to the whole course, a few pixels a day: zoom in so that a
    // one-day drag passes ImGui's drag threshold.
    (void)apply(h.state, cmd::SetTimelineView{0.25f, h.state.view.timeline_pan_days});
    h.driver.frames(2, h.draw);
    // Pixels per day from two marks two days apart (Mon 30 Nov and Wed 2 Dec).
    const trace::Item* first = h.driver.sink().find("mark 0/0");
    const trace::Item* second = h.driver.sink().find("mark 0/1");
    REQUIRE(first != nullptr);
    REQUIRE(second != nullptr);
    const float per_day = ((second->min.x + second->max.x) - (first->min.x + first->max.x)) / 4.0f;
    REQUIRE(per_day > 2.0f);
    const float pan = h.state.view.timeline_pan_days;
    REQUIRE(h.driver.drag_by(h.chip(kIv2, "mark"), per_day, h.draw));
    h.driver.frame(h.draw);
    CHECK(h.date_of(kIv2) == day(12, 3));
    CHECK(h.state.view.timeline_pan_days == doctest::Approx(pan));  // the view did not pan
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.date_of(kIv2) == day(12, 2));
    h.driver.key(GLFW_KEY_Z, h.draw, true, true);
    CHECK(h.date_of(kIv2) == day(12, 3));
    // Dragging the empty timeline still pans it.
    const trace::Item* lane = h.driver.sink().find("lane 1");
    REQUIRE(lane != nullptr);
    REQUIRE(h.driver.drag_to(ImVec2(lane->max.x - 40.0f, lane->min.y + 6.0f),
                             ImVec2(lane->max.x - 140.0f, lane->min.y + 6.0f), h.draw));
    CHECK(h.state.view.timeline_pan_days != doctest::Approx(pan));
    CHECK(h.state.doc.history.undo_levels() == 1);
}

TEST_CASE("visit menu: skip leaves the visit out and says so, Put back and undo restore it") {
    Harness h;
    h.open_menu(kSpray3);
    CHECK(h.has("B  Induction: session 3 of 8"));
    REQUIRE(h.click("menu skip"));
    CHECK(find_visit(h.state, kSpray3) == nullptr);
    REQUIRE(h.override_of(kSpray3) != nullptr);
    CHECK(h.override_of(kSpray3)->skipped);
    CHECK_FALSE(h.shown("menu skip"));  // the menu closed
    CHECK(h.has("is left out"));
    CHECK(h.has("Rule: This plan leaves the visit out; the other visits keep their dates."));
    CHECK(h.state.doc.history.undo_name() == "skip induction session 3 of course B");
    // The changes list is long with two courses: the button is further down the panel.
    REQUIRE(h.driver.scroll_to("put back " + kSpray3.str(), h.draw));
    REQUIRE(h.click("put back " + kSpray3.str()));
    CHECK(find_visit(h.state, kSpray3) != nullptr);
    CHECK(h.override_of(kSpray3) == nullptr);
    h.driver.key(GLFW_KEY_Z, h.draw, true);  // undo the put back: skipped again
    CHECK(find_visit(h.state, kSpray3) == nullptr);
    h.driver.key(GLFW_KEY_Z, h.draw, true);  // undo the skip
    CHECK(find_visit(h.state, kSpray3) != nullptr);
    h.driver.key(GLFW_KEY_Y, h.draw, true);
    CHECK(find_visit(h.state, kSpray3) == nullptr);
}

TEST_CASE("visit menu: missed moves the visit under the phase's rule and marks it") {
    Harness h;
    const chr::sys_days before = h.date_of(kIv2);
    h.open_menu(kIv2);
    REQUIRE(h.click("menu missed"));
    REQUIRE(h.override_of(kIv2) != nullptr);
    CHECK(h.override_of(kIv2)->missed);
    const planner::Visit* v = find_visit(h.state, kIv2);
    REQUIRE(v != nullptr);
    CHECK(v->earliest != before);
    CHECK(v->move_reason == planner::MoveReason::missed);
    CHECK(h.shown(h.chip(kIv2, "differs")));
    // Back to the published schedule from the menu.
    h.open_menu(kIv2);
    REQUIRE(h.click("menu restore"));
    CHECK(h.override_of(kIv2) == nullptr);
    CHECK(h.date_of(kIv2) == before);
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.override_of(kIv2)->missed);
}

TEST_CASE("visit menu: a note shows in details and the tooltip, a dose is refused") {
    Harness h;
    h.open_menu(kIv4);
    h.type_into("menu note field", "Sam drives me home");
    REQUIRE(h.override_of(kIv4) != nullptr);
    CHECK(h.override_of(kIv4)->note == "Sam drives me home");
    CHECK(find_visit(h.state, kIv4)->note == "Sam drives me home");
    CHECK(h.state.doc.history.undo_name() == "add a note to induction infusion 4 of course A");
    REQUIRE(h.click(h.chip(kIv4)));  // select it: details show the note
    CHECK(h.has("Your note"));
    CHECK(h.has("Sam drives me home"));
    CHECK(h.shown(h.chip(kIv4, "note")));  // the ✎ mark
    REQUIRE(h.driver.hover(h.chip(kIv4), h.draw));
    h.driver.frame(h.draw);
    CHECK(h.has("Note: Sam drives me home"));  // the tooltip
    // A dose in a note is refused, and says so.
    h.open_menu(kIv4);
    h.type_into("menu note field", "take 50 mg");
    CHECK(h.override_of(kIv4)->note == "Sam drives me home");
    CHECK(h.has("no dose"));
    REQUIRE(h.click("menu note remove"));
    CHECK(h.override_of(kIv4) == nullptr);
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.override_of(kIv4)->note == "Sam drives me home");
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.override_of(kIv4) == nullptr);
}

TEST_CASE("visit menu: its own time, the course's usual time in the panel") {
    Harness h;
    h.open_menu(kIv4);
    h.type_into("menu time field", "10:30");
    CHECK(find_visit(h.state, kIv4)->treatment_start == chr::minutes{10 * 60 + 30});
    CHECK(find_visit(h.state, kIv2)->treatment_start == chr::minutes{9 * 60});
    CHECK(h.state.doc.history.undo_name() == "set the time of induction infusion 4 of course A");
    h.open_menu(kIv4);
    h.type_into("menu time field", "25:00");
    CHECK(h.has("'25:00'"));
    CHECK(find_visit(h.state, kIv4)->treatment_start == chr::minutes{10 * 60 + 30});
    REQUIRE(h.click("menu time usual"));
    CHECK(find_visit(h.state, kIv4)->treatment_start == chr::minutes{9 * 60});
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(find_visit(h.state, kIv4)->treatment_start == chr::minutes{10 * 60 + 30});

    h.type_into("course 0 time field", "13:15");
    CHECK(h.state.plan.courses[0].course.start_time == chr::minutes{13 * 60 + 15});
    CHECK(find_visit(h.state, kIv2)->treatment_start == chr::minutes{13 * 60 + 15});
    CHECK(h.state.doc.history.undo_name() == "set the usual time of course A");
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(find_visit(h.state, kIv2)->treatment_start == chr::minutes{9 * 60});
    h.driver.key(GLFW_KEY_Y, h.draw, true);
    CHECK(find_visit(h.state, kIv2)->treatment_start == chr::minutes{13 * 60 + 15});
}

TEST_CASE("closing a day with the tool and with Ctrl+click, the visit moves, undo") {
    Harness h;
    REQUIRE(h.click("edit close tool"));
    REQUIRE(h.shown("edit close for A"));
    REQUIRE(h.click("edit close for A"));
    REQUIRE(h.click("day 2026-12-02"));
    const auto& closed = h.state.plan.courses[0].course.closed;
    CHECK(closed == std::vector<chr::year_month_day>{chr::year{2026} / 12 / 2});
    CHECK(h.date_of(kIv2) != day(12, 2));
    CHECK(h.state.doc.history.undo_name() == "close Wed 2 Dec 2026 for course A");
    REQUIRE(h.click("day 2026-12-02"));  // again: open again
    CHECK(h.state.plan.courses[0].course.closed.empty());
    CHECK(h.date_of(kIv2) == day(12, 2));
    // Back to selecting; Ctrl+click closes for course B when B is chosen.
    REQUIRE(h.click("edit close for B"));
    REQUIRE(h.click("edit select tool"));
    REQUIRE(h.click("day 2026-12-03", 0, true));
    CHECK(h.state.plan.courses[1].course.closed ==
          std::vector<chr::year_month_day>{chr::year{2026} / 12 / 3});
    CHECK(h.state.plan.courses[0].course.closed.empty());
    h.driver.key(GLFW_KEY_Z, h.draw, true);
    CHECK(h.state.plan.courses[1].course.closed.empty());
    h.driver.key(GLFW_KEY_Z, h.draw, true);  // the reopen
    CHECK_FALSE(h.state.plan.courses[0].course.closed.empty());
    h.driver.key(GLFW_KEY_Z, h.draw, true);  // the close
    CHECK(h.state.plan.courses[0].course.closed.empty());
}

TEST_CASE("the selection follows its visit by id, a hidden course's visit leaves details") {
    Harness h;
    std::size_t course = 0;
    std::size_t index = 0;
    REQUIRE(find_visit(h.state, kIv4, &course, &index) != nullptr);
    REQUIRE(apply(h.state, cmd::Select{Selection{course, index}}));
    // Skipping an earlier visit shifts every index after it.
    REQUIRE(apply(h.state, cmd::SetSkipped{kIv2, true}));
    REQUIRE(h.state.view.selection.has_value());
    REQUIRE(h.state.view.selection->visit.has_value());
    const planner::Visit& selected = h.state.planned[h.state.view.selection->course]
                                         .expansion.visits[*h.state.view.selection->visit];
    CHECK(selected.number_in_phase == 4);
    CHECK(*h.state.view.selection->visit == index - 1);
    h.driver.frames(2, h.draw);
    CHECK(h.has("Infusion 4 of 6"));
    // Skipping the selected visit itself: the course stays selected, the visit goes.
    REQUIRE(apply(h.state, cmd::SetSkipped{kIv4, true}));
    REQUIRE(h.state.view.selection.has_value());
    CHECK_FALSE(h.state.view.selection->visit.has_value());
    REQUIRE(apply(h.state, cmd::Undo{}));
    REQUIRE(h.state.view.selection->visit.has_value());
    CHECK(h.state.view.selection->visit_id == kIv4);
    // Hiding its course: out of details.
    REQUIRE(apply(h.state, cmd::SetHidden{0, true}));
    CHECK_FALSE(h.state.view.selection.has_value());
    h.driver.frames(2, h.draw);
    CHECK_FALSE(h.has("Infusion 4 of 6"));
    // Removing the course before it: the selection moves with its course.
    REQUIRE(apply(h.state, cmd::SetHidden{0, false}));
    REQUIRE(find_visit(h.state, kSpray3, &course, &index) != nullptr);
    REQUIRE(apply(h.state, cmd::Select{Selection{course, index}}));
    REQUIRE(apply(h.state, cmd::RemoveCourse{0}));
    REQUIRE(h.state.view.selection.has_value());
    CHECK(h.state.view.selection->course == 0);
    CHECK(h.state.view.selection->visit_id == kSpray3);
}

TEST_CASE("the focus ring leaves a day once it has no visit") {
    Harness h;
    REQUIRE(apply(h.state, cmd::FocusDay{chr::year{2026} / 12 / 2}));  // IV 2 only
    REQUIRE(apply(h.state, cmd::SetSkipped{kIv2, true}));
    CHECK_FALSE(h.state.view.focused_day.ok());
    REQUIRE(apply(h.state, cmd::FocusDay{chr::year{2026} / 12 / 7}));  // IV 4 and Spravato 3
    REQUIRE(apply(h.state, cmd::SetSkipped{kIv4, true}));
    CHECK(h.state.view.focused_day == chr::year{2026} / 12 / 7);       // Spravato is still there
    REQUIRE(apply(h.state, cmd::FocusDay{chr::year{2026} / 12 / 8}));  // empty: kept
    REQUIRE(apply(h.state, cmd::SetStart{1, chr::year{2026} / 12 / 14}));
    CHECK(h.state.view.focused_day == chr::year{2026} / 12 / 8);
}

TEST_CASE("the differences list: every shown course with nothing selected, rule and source") {
    Harness h;
    CHECK_FALSE(h.has("Differs from the published schedule"));
    REQUIRE(apply(h.state, cmd::ToggleClinicDay{0, chr::Wednesday}));  // IV: 2 days a week
    h.driver.frames(2, h.draw);
    CHECK(h.has("Differs from the published schedule"));
    const auto& diffs = h.state.planned[0].differences();
    REQUIRE_FALSE(diffs.empty());
    for (const auto& d : diffs) CHECK(h.has(d.text));
    CHECK(h.has("Rule: "));
    CHECK(h.has("Source: Murrough et al. 2013"));
    // Hidden: its differences leave the list too.
    REQUIRE(apply(h.state, cmd::SetHidden{0, true}));
    h.driver.frames(2, h.draw);
    CHECK_FALSE(h.has("Differs from the published schedule"));
}
