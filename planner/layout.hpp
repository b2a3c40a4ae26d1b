// Geometry as plain data: month grids and comparison lanes in abstract units
// (cells, days). The ImGui views, the terminal calendar and image exporters are
// painters of these; none of them decides where a visit goes.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "planner/plan.hpp"

namespace planner::layout {

struct CalendarOptions {
    chr::weekday week_start = chr::Monday;     // Monday or Sunday: a setting, not an assumption
    std::optional<chr::year_month_day> today;  // marked when inside the grid
};

// A visit drawn in a day cell.
struct Chip {
    std::size_t course = 0;
    std::size_t visit = 0;  // index into the course's expansion.visits
    char marker = 'I';      // phase marker: I, M, B
    bool optional = false;
    bool moved = false;
};

// Part of a window ("a booster between these dates") that crosses this cell.
struct BandPart {
    std::size_t course = 0;
    std::size_t visit = 0;
    bool starts_here = false;  // the window's first day
    bool ends_here = false;    // the window's last day
};

struct DayCell {
    chr::year_month_day date{};
    bool in_month = false;  // false: leading/trailing day of a neighbouring month
    bool today = false;
    std::vector<std::size_t> closed_for;  // courses whose clinic is closed this day
    std::vector<Chip> chips;
    std::vector<BandPart> bands;
};

struct MonthGrid {
    chr::year_month month{};
    std::vector<chr::weekday> header;         // 7 weekdays starting at week_start
    std::vector<std::vector<DayCell>> weeks;  // 4 to 6 rows of 7 cells
};

// Months from the first to the last month that holds a visit of a visible course.
[[nodiscard]] std::vector<chr::year_month> months_spanned(
    const std::vector<PlannedCourse>& courses);
[[nodiscard]] MonthGrid month_grid(chr::year_month month, const std::vector<PlannedCourse>& courses,
                                   const CalendarOptions& options);

// Comparison timeline: one lane per visible course, x in days.
struct LaneBand {  // a phase
    std::size_t phase = 0;
    std::string label;
    char marker = 'I';
    int from_day = 0;  // inclusive, days since the timeline origin
    int to_day = 0;    // inclusive
};
struct LaneMark {  // a visit (a window when to_day > from_day)
    std::size_t visit = 0;
    char marker = 'I';
    int from_day = 0;
    int to_day = 0;
    bool optional = false;
};
struct Lane {
    std::size_t course = 0;
    std::string label;
    chr::sys_days origin{};  // this lane's day 0 (its course start when relative)
    std::vector<LaneBand> phases;
    std::vector<LaneMark> visits;
};
struct Timeline {
    // relative: day 0 is each course's own start ("weeks since start");
    // absolute: day 0 is the earliest start of all shown courses (calendar dates).
    bool relative = true;
    chr::sys_days origin{};
    int last_day = 0;  // largest to_day over all lanes
    std::vector<Lane> lanes;
};
[[nodiscard]] Timeline timeline(const std::vector<PlannedCourse>& courses, bool relative);

// The week (7-day block from the earliest course start) that presentation mode steps through.
struct WeekStep {
    int index = 0;  // 0-based
    chr::sys_days first{};
    chr::sys_days last{};
    std::string caption;  // "Week 2: three infusions, each about 40 minutes plus observation"
};
[[nodiscard]] std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses);
// The same steps, with captions only for weeks caption_from to caption_to (the others have
// dates and an empty caption): presentation shows a few weeks of a plan that may have 260.
[[nodiscard]] std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses,
                                               int caption_from, int caption_to);

// Captions longer than this are shortened (one projector line).
inline constexpr std::size_t kMaxCaptionChars = 110;

// Letter that names a course on grids and legends: 'A' for index 0, 'B'... (wraps after 'Z').
[[nodiscard]] char course_letter(std::size_t course);
// A short label for captions: "Spravato" when the title or id says so, else the route
// ("IV", "Nasal", "IM", "SC", "Oral").
[[nodiscard]] std::string short_name(const Protocol& protocol);

}  // namespace planner::layout
