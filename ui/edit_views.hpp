// Editing on the calendar and the timeline, on top of what the views drew (their hit
// records): drag a visit to another day (or along its lane), right-click a visit for its
// menu (move to a date, time, note, skipped, missed, back to the published schedule),
// click a day with the close tool (or Ctrl+click) to close or reopen it for a course.
// Called in the centre panel right after the view, so the visit menu's popup lives there.
#pragma once

#include "ui/app.hpp"
#include "ui/views.hpp"

namespace ui {

// The line above the centre view: what a click on a day does (calendar), how to move a
// visit (timeline), and what the marks on visits mean when the plan has any.
void draw_edit_bar(const AppState& state, bool calendar, Commands& out);
void calendar_edits(const AppState& state, const CalendarHits& hits, Commands& out);
void timeline_edits(const AppState& state, const TimelineHits& hits, Commands& out);
// The visit menu (opened by a right-click on a visit).
void draw_visit_menu(const AppState& state, Commands& out);

inline constexpr const char* kVisitMenu = "visit menu";

}  // namespace ui
