// [SECTION] Index: names, overrides, the dispatcher.
#include "ui/visit_edits.hpp"

#include <algorithm>

#include "planner/plan_io.hpp"
#include "planner/text.hpp"
#include "ui/theme.hpp"

namespace ui {

namespace {

// [SECTION] Names
std::string course_words(const AppState& state, std::string_view course_id) {
    const auto i = course_index(state, course_id);
    return "course " + std::string(1, course_letter(i ? *i : 0));
}

// [SECTION] Overrides
// Changes one visit's override; an override left empty is removed, so a plan holds only
// what differs.
bool edit_override(AppState& state, const planner::VisitId& id,
                   const std::function<void(planner::VisitOverride&)>& change) {
    if (!course_index(state, id.course)) return false;
    return edit_plan(state, [&](planner::Plan& plan) {
        planner::VisitOverride o;
        if (const auto it = plan.overrides.find(id); it != plan.overrides.end()) o = it->second;
        const planner::VisitOverride before = o;
        change(o);
        if (o == before) return false;
        if (o.empty())
            plan.overrides.erase(id);
        else
            plan.overrides[id] = o;
        return true;
    });
}

}  // namespace

std::string visit_words(const AppState& state, const planner::VisitId& id) {
    const auto i = course_index(state, id.course);
    if (!i) return id.str();
    const planner::Protocol& p = state.planned[*i].protocol;
    std::string kind;
    for (const planner::Phase& ph : p.phases)
        if (ph.id == id.phase) kind = std::string(planner::phase_kind_id(ph.kind)) + " ";
    return kind + std::string(planner::visit_noun(p.route, false)) + " " +
           std::to_string(id.number) + " of " + course_words(state, id.course);
}

const planner::VisitOverride* find_override(const AppState& state, const planner::VisitId& id) {
    const auto it = state.plan.overrides.find(id);
    return it == state.plan.overrides.end() ? nullptr : &it->second;
}

std::string visit_edit_name(const AppState& state, const Command& command) {
    return std::visit(
        [&state](const auto& c) -> std::string {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, cmd::MoveVisit>) {
                return "move " + visit_words(state, c.visit) + " to " +
                       planner::text::long_date(c.date);
            } else if constexpr (std::is_same_v<T, cmd::SetSkipped>) {
                return (c.skipped ? "skip " : "bring back ") + visit_words(state, c.visit);
            } else if constexpr (std::is_same_v<T, cmd::SetMissed>) {
                return (c.missed ? "mark missed: " : "not missed: ") + visit_words(state, c.visit);
            } else if constexpr (std::is_same_v<T, cmd::SetNote>) {
                const planner::VisitOverride* o = find_override(state, c.visit);
                const bool had = o != nullptr && !o->note.empty();
                return std::string(c.note.empty() ? "remove the note of "
                                   : had          ? "change the note of "
                                                  : "add a note to ") +
                       visit_words(state, c.visit);
            } else if constexpr (std::is_same_v<T, cmd::SetVisitTime>) {
                return (c.time ? "set the time of " : "usual time for ") +
                       visit_words(state, c.visit);
            } else if constexpr (std::is_same_v<T, cmd::RestoreVisit>) {
                return "put " + visit_words(state, c.visit) + " back on the published schedule";
            } else if constexpr (std::is_same_v<T, cmd::SetCourseTime>) {
                return "set the usual time of course " + std::string(1, course_letter(c.course));
            } else if constexpr (std::is_same_v<T, cmd::ToggleClosedDay>) {
                bool closed = false;
                if (c.course < state.plan.courses.size()) {
                    const auto& list = state.plan.courses[c.course].course.closed;
                    closed = std::find(list.begin(), list.end(), c.date) != list.end();
                }
                return std::string(closed ? "reopen " : "close ") +
                       planner::text::long_date(c.date) + " for course " +
                       std::string(1, course_letter(c.course));
            } else {
                return "";
            }
        },
        command);
}

// [SECTION] The dispatcher
bool apply_visit_command(AppState& state, const Command& command) {
    return std::visit(
        [&state](const auto& c) -> bool {
            using T = std::decay_t<decltype(c)>;
            if constexpr (std::is_same_v<T, cmd::MoveVisit>) {
                if (!c.date.ok()) return false;
                std::size_t course = 0;
                const planner::Visit* v = find_visit(state, c.visit, &course);
                // Dropped back where it is: nothing to change.
                if (v != nullptr && !v->is_window() && v->earliest == chr::sys_days{c.date})
                    return false;
                return edit_override(state, c.visit, [&](planner::VisitOverride& o) {
                    o.date = c.date;
                    o.skipped = false;
                    o.missed = false;  // a date says where it went
                });
            } else if constexpr (std::is_same_v<T, cmd::SetSkipped>) {
                return edit_override(state, c.visit, [&](planner::VisitOverride& o) {
                    o.skipped = c.skipped;
                    if (c.skipped) {  // a skipped visit has no date, time or missed
                        o.date.reset();
                        o.time.reset();
                        o.missed = false;
                    }
                });
            } else if constexpr (std::is_same_v<T, cmd::SetMissed>) {
                return edit_override(state, c.visit, [&](planner::VisitOverride& o) {
                    o.missed = c.missed;
                    if (c.missed) {
                        o.date.reset();
                        o.skipped = false;
                    }
                });
            } else if constexpr (std::is_same_v<T, cmd::SetNote>) {
                const std::string field = "note " + c.visit.str();
                if (!c.note.empty()) {
                    if (const std::string problem = planner::io::note_problem(c.note);
                        !problem.empty()) {
                        state.input_errors[field] = "note: expected " + problem;
                        return true;
                    }
                }
                const bool cleared = state.input_errors.erase(field) > 0;
                return edit_override(state, c.visit,
                                     [&](planner::VisitOverride& o) { o.note = c.note; }) ||
                       cleared;
            } else if constexpr (std::is_same_v<T, cmd::SetVisitTime>) {
                state.input_errors.erase("time " + c.visit.str());
                return edit_override(state, c.visit, [&](planner::VisitOverride& o) {
                    o.time = c.time;
                    if (c.time) o.skipped = false;
                });
            } else if constexpr (std::is_same_v<T, cmd::RestoreVisit>) {
                return edit_override(state, c.visit, [&](planner::VisitOverride& o) {
                    o.date.reset();
                    o.skipped = false;
                    o.missed = false;
                });
            } else if constexpr (std::is_same_v<T, cmd::SetCourseTime>) {
                if (c.course >= state.plan.courses.size()) return false;
                state.input_errors.erase("course time " + std::to_string(c.course));
                if (state.plan.courses[c.course].course.start_time == c.time) return true;
                return edit_plan(state, [&](planner::Plan& plan) {
                    plan.courses[c.course].course.start_time = c.time;
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::ToggleClosedDay>) {
                if (c.course >= state.plan.courses.size() || !c.date.ok()) return false;
                return edit_plan(state, [&](planner::Plan& plan) {
                    auto& list = plan.courses[c.course].course.closed;
                    const auto it = std::find(list.begin(), list.end(), c.date);
                    if (it != list.end())
                        list.erase(it);
                    else
                        list.insert(std::upper_bound(list.begin(), list.end(), c.date), c.date);
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::SetDrag>) {
                const bool had = state.view.drag.has_value();
                state.view.drag = c.drag;
                return had || c.drag.has_value();
            } else if constexpr (std::is_same_v<T, cmd::OpenVisitMenu>) {
                if (state.view.menu_visit == c.visit) return false;
                state.view.menu_visit = c.visit;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetDayTool>) {
                if (!c.course.empty()) {
                    if (!course_index(state, c.course)) return false;
                    state.view.day_tool_course = c.course;
                }
                const bool changed = state.view.day_tool != c.tool || !c.course.empty();
                state.view.day_tool = c.tool;
                return changed;
            } else {
                return false;
            }
        },
        command);
}

}  // namespace ui
