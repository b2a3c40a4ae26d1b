// [SECTION] Index: apply (the one place state changes), replan, start-up.
#include "ui/app.hpp"

#include <algorithm>
#include <type_traits>

#include "planner/layout.hpp"
#include "planner/parse.hpp"
#include "planner/schedule.hpp"
#include "ui/settings.hpp"

namespace ui {

namespace {

constexpr std::size_t kMaxErrors = 20;  // the panel shows the newest; older ones are dropped

void push_error(AppState& state, std::string message) {
    state.errors.push_back(std::move(message));
    if (state.errors.size() > kMaxErrors)
        state.errors.erase(state.errors.begin(),
                           state.errors.end() - static_cast<std::ptrdiff_t>(kMaxErrors));
}

bool valid_course(const AppState& state, std::size_t index) {
    return index < state.plan.courses.size();
}

// Keeps the selection pointing at an existing course and visit.
void fix_selection(AppState& state) {
    for (std::optional<Selection>* s : {&state.view.selection, &state.view.hovered}) {
        if (!*s) continue;
        if ((*s)->course >= state.planned.size()) {
            s->reset();
            continue;
        }
        const auto& visits = state.planned[(*s)->course].expansion.visits;
        if ((*s)->visit && *(*s)->visit >= visits.size()) (*s)->visit.reset();
    }
}

int week_count(const AppState& state) {
    return static_cast<int>(planner::layout::week_steps(state.planned, 0, -1).size());
}

// Changes the plan transactionally: if the engine refuses the result, the old plan comes
// back and the reason is shown.
template <class Edit>
bool edit_courses(AppState& state, Edit&& edit) {
    planner::Plan before = state.plan;
    if (!edit(state.plan)) return false;
    if (!replan(state)) {
        state.plan = std::move(before);
        (void)replan(state);
    }
    fix_selection(state);
    state.view.present_week =
        std::clamp(state.view.present_week, 0, std::max(0, week_count(state) - 1));
    return true;
}

}  // namespace

const planner::Protocol* find_protocol(const AppState& state, const std::string& id) {
    for (const planner::Protocol& p : state.library.protocols)
        if (p.id == id) return &p;
    return nullptr;
}

bool replan(AppState& state) {
    auto planned = planner::plan_courses(state.plan);
    if (!planned) {
        push_error(state, planned.error().message());
        return false;
    }
    state.planned = std::move(*planned);
    return true;
}

bool apply(AppState& state, const Command& command) {
    return std::visit(
        [&state](const auto& c) -> bool {
            using T = std::decay_t<decltype(c)>;
            const auto course_at = [&state](std::size_t i) -> const planner::Course& {
                return state.plan.courses[i].course;
            };
            auto& view = state.view;
            if constexpr (std::is_same_v<T, cmd::AddCourse>) {
                if (find_protocol(state, c.protocol_id) == nullptr) {
                    push_error(state, "no preset \"" + c.protocol_id + "\" in the library");
                    return false;
                }
                if (!c.start.ok()) {
                    push_error(state, "a course needs a valid start date");
                    return false;
                }
                const bool done = edit_courses(state, [&](planner::Plan& plan) {
                    planner::Course course;
                    course.start = c.start;
                    plan.add_course(*find_protocol(state, c.protocol_id), std::move(course));
                    return true;
                });
                if (done && state.plan.courses.size() == state.planned.size())
                    view.selection = Selection{state.plan.courses.size() - 1, std::nullopt};
                return done;
            } else if constexpr (std::is_same_v<T, cmd::RemoveCourse>) {
                if (!valid_course(state, c.course)) return false;
                // Selections after the removed course shift down by one.
                for (std::optional<Selection>* s : {&view.selection, &view.hovered}) {
                    if (!*s) continue;
                    if ((*s)->course == c.course)
                        s->reset();
                    else if ((*s)->course > c.course)
                        --(*s)->course;
                }
                return edit_courses(
                    state, [&](planner::Plan& plan) { return plan.remove_course(c.course); });
            } else if constexpr (std::is_same_v<T, cmd::SetHidden>) {
                if (!valid_course(state, c.course) || course_at(c.course).hidden == c.hidden)
                    return false;
                return edit_courses(state, [&](planner::Plan& plan) {
                    plan.courses[c.course].course.hidden = c.hidden;
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::SetStart>) {
                if (!valid_course(state, c.course)) return false;
                if (!c.start.ok()) {
                    push_error(state, "not a calendar date; the start date is unchanged");
                    return false;
                }
                if (course_at(c.course).start == c.start) return false;
                return edit_courses(state, [&](planner::Plan& plan) {
                    plan.courses[c.course].course.start = c.start;
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::ToggleClinicDay>) {
                if (!valid_course(state, c.course)) return false;
                std::vector<chr::weekday> days = planner::effective_clinic_days(
                    state.plan.courses[c.course].protocol, course_at(c.course));
                const auto it = std::find(days.begin(), days.end(), c.day);
                if (it != days.end()) {
                    if (days.size() == 1) {
                        push_error(state, "a clinic needs at least one open weekday");
                        return false;
                    }
                    days.erase(it);
                } else {
                    days.push_back(c.day);
                    std::sort(days.begin(), days.end(), [](chr::weekday a, chr::weekday b) {
                        return a.iso_encoding() < b.iso_encoding();
                    });
                }
                return edit_courses(state, [&](planner::Plan& plan) {
                    plan.courses[c.course].course.clinic_days = days;
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::AddClosed>) {
                if (!valid_course(state, c.course) || !c.date.ok()) return false;
                const auto& closed = course_at(c.course).closed;
                if (std::find(closed.begin(), closed.end(), c.date) != closed.end()) return false;
                return edit_courses(state, [&](planner::Plan& plan) {
                    auto& list = plan.courses[c.course].course.closed;
                    list.insert(std::upper_bound(list.begin(), list.end(), c.date), c.date);
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::RemoveClosed>) {
                if (!valid_course(state, c.course)) return false;
                return edit_courses(state, [&](planner::Plan& plan) {
                    auto& list = plan.courses[c.course].course.closed;
                    const auto it = std::find(list.begin(), list.end(), c.date);
                    if (it == list.end()) return false;
                    list.erase(it);
                    return true;
                });
            } else if constexpr (std::is_same_v<T, cmd::Select>) {
                std::optional<Selection> s = c.selection;
                if (s && s->course >= state.planned.size()) return false;
                if (s && s->visit && *s->visit >= state.planned[s->course].expansion.visits.size())
                    return false;
                const bool same = s.has_value() == view.selection.has_value() &&
                                  (!s || (s->course == view.selection->course &&
                                          s->visit == view.selection->visit));
                view.selection = s;
                return !same;
            } else if constexpr (std::is_same_v<T, cmd::SetView>) {
                if (state.settings.view == c.view) return false;
                state.settings.view = c.view;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetTimelineDates>) {
                if (state.settings.timeline_dates == c.dates) return false;
                state.settings.timeline_dates = c.dates;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetTheme>) {
                if (state.settings.theme == c.theme) return false;
                state.settings.theme = c.theme;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetZoom>) {
                const float zoom = std::clamp(c.zoom, kMinZoom, kMaxZoom);
                if (zoom == state.settings.zoom) return false;
                state.settings.zoom = zoom;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetWeekStart>) {
                if (c.day != chr::Monday && c.day != chr::Sunday) return false;
                if (state.settings.week_start == c.day) return false;
                state.settings.week_start = c.day;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::Present>) {
                if (view.presenting == c.on) return false;
                view.presenting = c.on;
                if (c.on) view.present_week = 0;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::StepWeek>) {
                const int last = std::max(0, week_count(state) - 1);
                const int week = std::clamp(view.present_week + c.delta, 0, last);
                if (week == view.present_week) return false;
                view.present_week = week;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::ScrollCalendar>) {
                if (!c.first_month.ok() || c.first_month == view.first_month) return false;
                view.first_month = c.first_month;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetTimelineView>) {
                // Between a few hours and a month per em: beyond that nothing is readable.
                const float per_em = std::clamp(c.days_per_em, 0.05f, 30.0f);
                const float pan = std::max(-3650.0f, std::min(c.pan_days, 3650.0f));
                if (per_em == view.timeline_days_per_em && pan == view.timeline_pan_days)
                    return false;
                view.timeline_days_per_em = per_em;
                view.timeline_pan_days = pan;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::FocusDay>) {
                if (!c.day.ok() || c.day == view.focused_day) return false;
                view.focused_day = c.day;
                return true;
            }
        },
        command);
}

AppState make_app_state(planner::io::Library library, const std::vector<std::string>& protocol_ids,
                        chr::year_month_day start, chr::year_month_day today) {
    AppState state;
    state.library = std::move(library);
    state.today = today;
    for (const planner::io::Problem& p : state.library.problems) push_error(state, p.to_string());
    for (const std::string& id : protocol_ids) (void)apply(state, cmd::AddCourse{id, start});
    state.view.selection.reset();
    state.view.first_month = start.year() / start.month();
    state.view.focused_day = start;
    return state;
}

AppState make_default_app_state(chr::year_month_day today) {
    std::vector<std::string> ids(std::begin(kDefaultPresets), std::end(kDefaultPresets));
    return make_app_state(planner::io::load_library(planner::io::preset_dirs()), ids,
                          planner::next_monday(today), today);
}

}  // namespace ui
