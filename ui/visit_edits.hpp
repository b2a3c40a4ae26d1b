// The editing side of apply: changes to single visits (moved to a date, skipped, missed, a
// note, a time, back to the published date), a course's usual time, a day closed or
// reopened from the calendar, and the view-only state of drags, the visit menu and the day
// tool. Each edit changes the plan's overrides (by VisitId) and lets the engine re-plan;
// the engine refuses what cannot be (a visit moved onto a closed day), and the reason
// shows in Messages.
#pragma once

#include <string>
#include <type_traits>

#include "ui/app.hpp"

namespace ui {

template <class T>
inline constexpr bool is_visit_command =
    std::is_same_v<T, cmd::MoveVisit> || std::is_same_v<T, cmd::SetSkipped> ||
    std::is_same_v<T, cmd::SetMissed> || std::is_same_v<T, cmd::SetNote> ||
    std::is_same_v<T, cmd::SetVisitTime> || std::is_same_v<T, cmd::RestoreVisit> ||
    std::is_same_v<T, cmd::SetCourseTime> || std::is_same_v<T, cmd::ToggleClosedDay> ||
    std::is_same_v<T, cmd::SetDrag> || std::is_same_v<T, cmd::OpenVisitMenu> ||
    std::is_same_v<T, cmd::SetDayTool>;

// Applies one of the commands above; false for any other.
bool apply_visit_command(AppState& state, const Command& command);
// "move induction session 3 of course B to Thu 17 Dec 2026"; empty for the view-only ones.
[[nodiscard]] std::string visit_edit_name(const AppState& state, const Command& command);

// "induction session 3 of course B": a visit named by its id, whether or not it is planned.
[[nodiscard]] std::string visit_words(const AppState& state, const planner::VisitId& id);
// The override the plan holds for a visit, or nullptr.
[[nodiscard]] const planner::VisitOverride* find_override(const AppState& state,
                                                          const planner::VisitId& id);

}  // namespace ui
