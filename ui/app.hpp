// The window's state and the commands that change it. Views are functions of
// (const AppState&) that push Commands; App::apply is the one place that changes
// state, re-expands the plan (planner::plan_courses) and asks for a redraw.
// The state keeps a planner::Plan: courses with stable ids and their own protocol copies,
// and per-visit overrides by VisitId (what a plan file saves).
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/plan.hpp"

namespace ui {

namespace chr = std::chrono;

enum class Theme { light, dark };
enum class View { calendar, timeline };

// Persisted between runs (XDG config dir), read key by key with defaults.
struct Settings {
    Theme theme = Theme::light;
    float zoom = 1.0f;  // Ctrl+plus/minus; multiplies the monitor's content scale
    int window_width = 1400;
    int window_height = 900;
    chr::weekday week_start = chr::Monday;
    View view = View::calendar;
    bool timeline_dates = false;  // false: weeks since start; true: calendar dates
};

struct Selection {
    std::size_t course = 0;
    std::optional<std::size_t> visit;  // index into that course's expansion.visits
};

// Not persisted: where the person is looking.
struct ViewState {
    bool presenting = false;
    int present_week = 0;  // index into layout::week_steps
    std::optional<Selection> selection;
    std::optional<Selection> hovered;
    chr::year_month first_month{};      // calendar scroll anchor
    float timeline_days_per_em = 0.5f;  // zoom: days shown per em of width
    float timeline_pan_days = 0.0f;     // first visible day
    chr::year_month_day focused_day{};  // keyboard navigation in the calendar
};

struct AppState {
    planner::io::Library library;
    // The plan as the person set it up; `planned` is recomputed from it.
    planner::Plan plan;
    std::vector<planner::PlannedCourse> planned;  // visible and hidden, same order as plan
    std::vector<std::string> errors;              // shown in the courses panel, newest last
    Settings settings;
    ViewState view;
    chr::year_month_day today{};
};

// [SECTION] Commands
namespace cmd {
struct AddCourse {
    std::string protocol_id;
    chr::year_month_day start;
};
struct RemoveCourse {
    std::size_t course;
};
struct SetHidden {
    std::size_t course;
    bool hidden;
};
struct SetStart {
    std::size_t course;
    chr::year_month_day start;
};
struct ToggleClinicDay {
    std::size_t course;
    chr::weekday day;
};
struct AddClosed {
    std::size_t course;
    chr::year_month_day date;
};
struct RemoveClosed {
    std::size_t course;
    chr::year_month_day date;
};
struct Select {
    std::optional<Selection> selection;
};
struct SetView {
    View view;
};
struct SetTimelineDates {
    bool dates;
};
struct SetTheme {
    Theme theme;
};
struct SetZoom {
    float zoom;
};
struct SetWeekStart {
    chr::weekday day;
};
struct Present {
    bool on;
};
struct StepWeek {
    int delta;
};
struct ScrollCalendar {
    chr::year_month first_month;
};
struct SetTimelineView {
    float days_per_em;
    float pan_days;
};
struct FocusDay {
    chr::year_month_day day;
};
}  // namespace cmd

using Command = std::variant<cmd::AddCourse, cmd::RemoveCourse, cmd::SetHidden, cmd::SetStart,
                             cmd::ToggleClinicDay, cmd::AddClosed, cmd::RemoveClosed, cmd::Select,
                             cmd::SetView, cmd::SetTimelineDates, cmd::SetTheme, cmd::SetZoom,
                             cmd::SetWeekStart, cmd::Present, cmd::StepWeek, cmd::ScrollCalendar,
                             cmd::SetTimelineView, cmd::FocusDay>;

using Commands = std::vector<Command>;

// Applies one command; returns true when something visible changed.
bool apply(AppState& state, const Command& command);
// Re-expands every course (cheap: microseconds); errors go to state.errors.
bool replan(AppState& state);  // false: the engine refused; the reason is in errors
// A protocol of the library, or nullptr when it has none with this id.
[[nodiscard]] const planner::Protocol* find_protocol(const AppState& state, const std::string& id);

// [SECTION] Start-up
// The first-start default: IV six infusions over two weeks beside Spravato, both starting
// next Monday (planner::next_monday).
inline constexpr const char* kDefaultPresets[] = {"iv-six-two-weeks", "spravato-label"};
// A state with this library and these courses (protocol ids; missing ones become errors),
// planned, with the calendar scrolled to the start month.
[[nodiscard]] AppState make_app_state(planner::io::Library library,
                                      const std::vector<std::string>& protocol_ids,
                                      chr::year_month_day start, chr::year_month_day today);
// The same, loading the library from planner::io::preset_dirs() (problems go to errors).
[[nodiscard]] AppState make_default_app_state(chr::year_month_day today);

// [SECTION] Views (one file each). Each draws from the state and pushes commands.
void draw_banner(const AppState& state);  // the disclaimer: every view, every frame
void draw_courses_panel(const AppState& state, Commands& out);
void draw_calendar_view(const AppState& state, Commands& out);
void draw_timeline_view(const AppState& state, Commands& out);
void draw_details_panel(const AppState& state, Commands& out);
void draw_presentation(const AppState& state, Commands& out);  // full screen, large type

}  // namespace ui
