// [SECTION] Index: edit names, apply (the one place state changes), undo, replan, start-up.
#include "ui/app.hpp"

#include <algorithm>
#include <type_traits>

#include "planner/layout.hpp"
#include "planner/parse.hpp"
#include "planner/schedule.hpp"
#include "planner/text.hpp"
#include "ui/file_commands.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"
#include "ui/visit_edits.hpp"
#include "ui/widgets.hpp"

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

// Fills in who a selection is, from its indices.
void name_selection(const AppState& state, Selection& s) {
    if (s.course >= state.planned.size()) return;
    const planner::PlannedCourse& pc = state.planned[s.course];
    s.course_id = pc.id();
    s.visit_id.reset();
    if (s.visit && *s.visit < pc.expansion.visits.size())
        s.visit_id = pc.visit_id(pc.expansion.visits[*s.visit]);
}

// After a re-plan the selection follows its course and visit by id. A visit that is gone
// (skipped, or its course removed) or a course that is hidden leaves the details panel.
void fix_selection(AppState& state) {
    for (std::optional<Selection>* s : {&state.view.selection, &state.view.hovered}) {
        if (!*s) continue;
        Selection& sel = **s;
        if (sel.course_id.empty()) name_selection(state, sel);  // made before this kept ids
        const std::optional<std::size_t> course = course_index(state, sel.course_id);
        if (!course || state.planned[*course].course.hidden) {
            s->reset();
            continue;
        }
        sel.course = *course;
        sel.visit.reset();
        if (!sel.visit_id) continue;
        std::size_t index = 0;
        // Gone (skipped): the course stays selected, and an undo brings the visit back to it.
        if (find_visit(state, *sel.visit_id, nullptr, &index) != nullptr) sel.visit = index;
    }
}

bool covers(const planner::Visit& v, chr::sys_days day) {
    return v.earliest <= day && day <= v.latest;
}

// True when a shown course has a visit (or a window) on this day.
bool day_has_visit(const AppState& state, chr::year_month_day day) {
    if (!day.ok()) return false;
    const chr::sys_days d{day};
    for (const planner::PlannedCourse& pc : state.planned) {
        if (pc.course.hidden) continue;
        for (const planner::Visit& v : pc.expansion.visits)
            if (covers(v, d)) return true;
    }
    return false;
}

int week_count(const AppState& state) {
    return static_cast<int>(planner::layout::week_steps(state.planned, 0, -1).size());
}

// Changes the plan transactionally: if the engine refuses the result, the old plan comes
// back and the reason is shown.
template <class Edit>
bool edit_courses(AppState& state, Edit&& edit) {
    Document before = state.plan;
    if (!edit(state.plan)) return false;
    const bool focus_had_visit = day_has_visit(state, state.view.focused_day);
    if (replan(state)) {
        state.doc.edited = true;
    } else {
        state.plan = std::move(before);
        (void)replan(state);
    }
    fix_selection(state);
    // The focus ring stays on a day only while that day has something to focus.
    if (focus_had_visit && !day_has_visit(state, state.view.focused_day))
        state.view.focused_day = chr::year_month_day{};
    state.view.present_week =
        std::clamp(state.view.present_week, 0, std::max(0, week_count(state) - 1));
    return true;
}

std::string letter(std::size_t course) {
    return course_letter(course);  // a string since letters run on past Z (AA, AB)
}

constexpr const char* kWeekdayPlural[] = {"Sundays",   "Mondays", "Tuesdays", "Wednesdays",
                                          "Thursdays", "Fridays", "Saturdays"};

// Puts the document back as it was at `step` (undo and redo alike).
void restore(AppState& state, HistoryStep<Document>&& step) {
    state.plan = std::move(step.doc);
    state.doc.version = step.version;
    state.input_errors.clear();  // they were about what was typed then
    const bool focus_had_visit = day_has_visit(state, state.view.focused_day);
    if (!replan(state)) push_error(state, "the restored plan could not be expanded");
    fix_selection(state);
    if (focus_had_visit && !day_has_visit(state, state.view.focused_day))
        state.view.focused_day = chr::year_month_day{};
    state.view.present_week =
        std::clamp(state.view.present_week, 0, std::max(0, week_count(state) - 1));
}

}  // namespace

namespace {
bool apply_command(AppState& state, const Command& command);
}  // namespace

bool unsaved(const AppState& state) {
    return state.doc.version != state.doc.saved_version;
}

std::string start_field(std::size_t course) {
    return "start " + std::to_string(course);
}

std::string edit_name(const AppState& state, const Command& command) {
    return std::visit(
        [&state, &command](const auto& c) -> std::string {
            using T = std::decay_t<decltype(c)>;
            const auto course = [&](std::size_t i) { return "course " + letter(i); };
            if constexpr (std::is_same_v<T, cmd::AddCourse>) {
                return "add " + course(state.plan.courses.size());
            } else if constexpr (std::is_same_v<T, cmd::RemoveCourse>) {
                return "remove " + course(c.course);
            } else if constexpr (std::is_same_v<T, cmd::SetHidden>) {
                return (c.hidden ? "hide " : "show ") + course(c.course);
            } else if constexpr (std::is_same_v<T, cmd::SetStart>) {
                return "change the start of " + course(c.course);
            } else if constexpr (std::is_same_v<T, cmd::ToggleClinicDay>) {
                bool open = false;
                if (valid_course(state, c.course)) {
                    const planner::PlanCourse& pc = state.plan.courses[c.course];
                    const auto days = planner::effective_clinic_days(pc.protocol, pc.course);
                    open = std::find(days.begin(), days.end(), c.day) != days.end();
                }
                return std::string(open ? "close " : "open ") + kWeekdayPlural[c.day.c_encoding()] +
                       " for " + course(c.course);
            } else if constexpr (std::is_same_v<T, cmd::AddClosed>) {
                return "close " + planner::text::long_date(c.date) + " for " + course(c.course);
            } else if constexpr (std::is_same_v<T, cmd::RemoveClosed>) {
                return "reopen " + planner::text::long_date(c.date) + " for " + course(c.course);
            } else if constexpr (is_visit_command<T>) {
                (void)c;
                return visit_edit_name(state, command);
            } else {
                return "";
            }
        },
        command);
}

void push(Commands& out, Command&& command) {
    out.push_back(std::move(command));
}

bool apply(AppState& state, const Command& command) {
    // What a replayed panel checks (ui/replay.hpp): any command may have changed what a view
    // shows, except the window size the platform reports every frame (the panels' sizes
    // tell that).
    if (!std::holds_alternative<cmd::SetWindowSize>(command)) ++state.revision;
    if (std::holds_alternative<cmd::Undo>(command) || std::holds_alternative<cmd::Redo>(command)) {
        const bool undo = std::holds_alternative<cmd::Undo>(command);
        auto step = undo ? state.doc.history.undo(state.plan, state.doc.version)
                         : state.doc.history.redo(state.plan, state.doc.version);
        if (!step) return false;
        const std::string name = step->name;
        restore(state, std::move(*step));
        state.notice = Notification{(undo ? "Undone: " : "Redone: ") + name + ".", false};
        return true;
    }
    std::string name = edit_name(state, command);
    if (name.empty()) return apply_command(state, command);
    Document before = state.plan;
    const std::uint64_t before_version = state.doc.version;
    state.doc.edited = false;
    const bool changed = apply_command(state, command);
    if (!state.doc.edited) return changed;  // refused or a no-op: nothing to undo
    state.doc.edited = false;
    state.doc.history.record(std::move(before), before_version, std::move(name));
    state.doc.version = state.doc.next_version++;
    if (const auto* remove = std::get_if<cmd::RemoveCourse>(&command))
        state.notice =
            Notification{"Course " + letter(remove->course) + " removed. Undo (Ctrl+Z)", true};
    else
        state.notice.reset();
    return true;
}

const planner::Protocol* find_protocol(const AppState& state, const std::string& id) {
    for (const planner::Protocol& p : state.library.protocols)
        if (p.id == id) return &p;
    return nullptr;
}

bool complete_library(AppState& state) {
    if (state.library_unread.empty()) return false;
    planner::io::Library whole = planner::io::load_library(state.library_unread);
    state.library_unread.clear();
    for (planner::Protocol& p : state.library.protocols) {  // a preset file's own id
        const auto& known = whole.protocols;
        if (std::none_of(known.begin(), known.end(),
                         [&](const planner::Protocol& k) { return k.id == p.id; }))
            whole.protocols.push_back(std::move(p));
    }
    for (const planner::io::Problem& p : whole.problems) {
        const auto& told = state.library.problems;
        if (std::none_of(told.begin(), told.end(), [&](const planner::io::Problem& t) {
                return t.to_string() == p.to_string();
            }))
            push_error(state, p.to_string());
    }
    whole.codepoints = std::move(state.library.codepoints);  // of the same files
    state.library = std::move(whole);
    ++state.revision;  // the add-course list changed: no panel is replayed from before
    return true;
}

bool replan(AppState& state) {
    auto planned = planner::plan_courses(state.plan);
    if (!planned) {
        push_error(state, planned.error().message());
        return false;
    }
    state.planned = std::move(*planned);
    ++state.planned_revision;
    return true;
}

bool edit_plan(AppState& state, const std::function<bool(planner::Plan&)>& edit) {
    return edit_courses(state, edit);
}

std::optional<std::size_t> course_index(const AppState& state, std::string_view course_id) {
    for (std::size_t i = 0; i < state.planned.size(); ++i)
        if (state.planned[i].id() == course_id) return i;
    return std::nullopt;
}

const planner::Visit* find_visit(const AppState& state, const planner::VisitId& id,
                                 std::size_t* course, std::size_t* index) {
    const std::optional<std::size_t> c = course_index(state, id.course);
    if (!c) return nullptr;
    const planner::PlannedCourse& pc = state.planned[*c];
    for (std::size_t i = 0; i < pc.expansion.visits.size(); ++i) {
        const planner::Visit& v = pc.expansion.visits[i];
        if (v.number_in_phase != id.number || v.phase >= pc.protocol.phases.size() ||
            pc.protocol.phases[v.phase].id != id.phase)
            continue;
        if (course != nullptr) *course = *c;
        if (index != nullptr) *index = i;
        return &v;
    }
    return nullptr;
}

void report(AppState& state, std::string message) {
    push_error(state, std::move(message));
}

bool replace_document(AppState& state, Document doc) {
    Document before = std::move(state.plan);
    state.plan = std::move(doc);
    if (!replan(state)) {
        state.plan = std::move(before);
        (void)replan(state);
        return false;
    }
    state.doc.history.clear();
    state.doc.version = state.doc.next_version++;
    state.input_errors.clear();
    state.notice.reset();
    state.view.selection.reset();
    state.view.hovered.reset();
    state.view.present_week = 0;
    // The earliest start, or today for a plan without courses.
    chr::year_month_day first{};
    for (const planner::PlanCourse& pc : state.plan.courses)
        if (pc.course.start.ok() && (!first.ok() || pc.course.start < first))
            first = pc.course.start;
    if (!first.ok()) first = state.today;
    if (first.ok()) {
        state.view.first_month = first.year() / first.month();
        state.view.focused_day = first;
    }
    return true;
}

namespace {

bool apply_command(AppState& state, const Command& command) {
    return std::visit(
        [&state, &command](const auto& c) -> bool {
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
                // Input errors and selections after the removed course shift down by one.
                std::map<std::string, std::string> shifted;
                for (const std::string prefix : {"start ", "course time "})
                    for (std::size_t i = 0; i < state.plan.courses.size(); ++i) {
                        const auto it = state.input_errors.find(prefix + std::to_string(i));
                        if (it == state.input_errors.end()) continue;
                        if (i != c.course)
                            shifted[prefix + std::to_string(i < c.course ? i : i - 1)] = it->second;
                        state.input_errors.erase(it);
                    }
                for (auto& [field, message] : shifted) state.input_errors[field] = message;

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
                // The same years the command line accepts, said the same way.
                if (auto checked = planner::parse_date(
                        c.start.ok() ? planner::text::iso_date(c.start) : "", "start date");
                    !checked) {
                    state.input_errors[start_field(c.course)] =
                        c.start.ok() ? checked.error().message()
                                     : "start date: not a calendar date: expected YYYY-MM-DD";
                    return true;  // the message is new: draw it
                }
                const bool cleared = state.input_errors.erase(start_field(c.course)) > 0;
                if (course_at(c.course).start == c.start) return cleared;
                return edit_courses(state,
                                    [&](planner::Plan& plan) {
                                        plan.courses[c.course].course.start = c.start;
                                        return true;
                                    }) ||
                       cleared;
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
                if (s) name_selection(state, *s);
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
            } else if constexpr (std::is_same_v<T, cmd::Undo> || std::is_same_v<T, cmd::Redo>) {
                return false;  // handled by apply before dispatch
            } else if constexpr (std::is_same_v<T, cmd::SetToday>) {
                if (!c.today.ok() || c.today == state.today) return false;
                state.today = c.today;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetWindowSize>) {
                const auto fits = [](int v) { return v >= kMinWindowSize && v <= kMaxWindowSize; };
                if (!fits(c.width) || !fits(c.height)) return false;
                if (state.settings.window_width == c.width &&
                    state.settings.window_height == c.height)
                    return false;
                state.settings.window_width = c.width;
                state.settings.window_height = c.height;
                return false;  // the frame already has the new size: nothing else to draw
            } else if constexpr (std::is_same_v<T, cmd::ReportError>) {
                if (c.message.empty()) return false;
                push_error(state, c.message);
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DismissError>) {
                if (c.index >= state.errors.size()) return false;
                state.errors.erase(state.errors.begin() + static_cast<std::ptrdiff_t>(c.index));
                return true;
            } else if constexpr (std::is_same_v<T, cmd::InputError>) {
                auto& slot = state.input_errors[c.field];
                if (slot == c.message) return false;
                slot = c.message;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DismissInputError>) {
                return state.input_errors.erase(c.field) > 0;
            } else if constexpr (std::is_same_v<T, cmd::DismissNotice>) {
                if (!state.notice) return false;
                state.notice.reset();
                return true;
            } else if constexpr (is_visit_command<T>) {
                (void)c;
                return apply_visit_command(state, command);
            } else {
                (void)c;
                return apply_file_command(state, command);
            }
        },
        command);
}

}  // namespace

AppState make_app_state(planner::io::Library library, const std::vector<std::string>& protocol_ids,
                        chr::year_month_day start, chr::year_month_day today) {
    AppState state;
    state.library = std::move(library);
    state.today = today;
    for (const planner::io::Problem& p : state.library.problems) push_error(state, p.to_string());
    for (const std::string& id : protocol_ids) (void)apply(state, cmd::AddCourse{id, start});
    // A fresh start is not an edit: nothing to undo, nothing unsaved.
    state.doc.history.clear();
    state.doc.saved_version = state.doc.version;
    state.notice.reset();
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
