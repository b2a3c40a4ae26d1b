// Geometry as plain data: month grids and comparison lanes in abstract units
// (cells, days, em). The ImGui views, the terminal calendar and the cairo painter
// paint these; none of them decides where a visit goes, which label fits or what
// overflows into "+N more". Painters supply a text measure for their own font.
// [SECTION] Names and measures
// [SECTION] Month grids
// [SECTION] Fitted cells: chips that fit, "+N more", window slots, label variants
// [SECTION] Comparison timeline
// [SECTION] Fitted timeline: range, axis, band labels that never collide
// [SECTION] Presentation week steps
// [SECTION] Legend
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/plan.hpp"

namespace planner::layout {

// [SECTION] Names and measures

// The letters that name a course on grids and legends: "A" for index 0 ... "Z", then "AA",
// "AB" ... (like spreadsheet columns), so no two courses ever share one.
[[nodiscard]] std::string course_letter(std::size_t course);
// A short label for captions: "Spravato" when the title or id says so, else the route
// ("IV", "Nasal", "IM", "SC", "Oral").
[[nodiscard]] std::string short_name(const Protocol& protocol);

// Width of `text` drawn at 1 em (bold or regular), in em. Each painter measures with its own
// font (ImGui CalcTextSize / em, pango, one unit per character in a terminal).
using Measure = std::function<double(std::string_view text, bool bold)>;
// A fixed width per code point: the terminal's measure, and the tests'.
[[nodiscard]] Measure fixed_width(double em_per_char = 0.55);
// `text` broken at spaces into lines at most `width` em wide at `size` em; a word wider than
// a line (a URL) stays whole on its own line, never cut into letters.
[[nodiscard]] std::vector<std::string> wrap_words(std::string_view text, double width, double size,
                                                  bool bold, const Measure& measure);
// `text` shortened at a word boundary to fit `width` em, ending in "..."; the whole text when
// it fits; empty when not even the first word does.
[[nodiscard]] std::string shorten_words(std::string_view text, double width, double size, bool bold,
                                        const Measure& measure);

// [SECTION] Month grids

struct CalendarOptions {
    chr::weekday week_start = chr::Monday;     // Monday or Sunday: a setting, not an assumption
    std::optional<chr::year_month_day> today;  // marked when inside the grid
};

// A visit drawn in a day cell.
struct Chip {
    std::size_t course = 0;
    std::size_t visit = 0;                  // index into the course's expansion.visits
    char marker = 'i';                      // phase glyph (planner::phase_marker): i, m, b
    PhaseKind kind = PhaseKind::induction;  // its shape: planner::phase_shape(kind)
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

// The 7 days from `first` (a presentation week, which starts on the course's first day and
// may cross a month): every cell counts as in the month.
[[nodiscard]] std::vector<DayCell> week_cells(chr::sys_days first,
                                              const std::vector<PlannedCourse>& courses,
                                              const CalendarOptions& options);

// [SECTION] Fitted cells: chips that fit, "+N more", window slots, label variants

// Sizes inside a day cell, in em of the painter's body text. Every default is what the
// window's calendar uses; a painter sets the cell size and may scale the rest.
struct CellStyle {
    double cell_w = 7.0;       // width of one day
    double cell_h = 0.0;       // height of a row; 0: each row grows to hold all it has
    double day_h = 1.7;        // the day-number line at the top
    double chip_h = 1.55;      // one chip line including the gap below it
    double band_h = 1.45;      // one window slot including its gap
    double pad = 0.3;          // inside the cell, on every side
    double min_row_h = 5.2;    // a growing row with something in it is never shorter
    double empty_row_h = 3.4;  // a growing row with nothing in it
    double text = 1.0;         // chip text size
    double small = 0.8;        // day line labels ("today", "closed A")
    double band_text = 0.9;    // window label size
    double chip_pad = 0.35;    // text inset inside a chip, each side
    double gap = 0.35;         // between the letter, the phase shape and the detail
    double marker_w = 0.9;     // the phase shape with its glyph
    double corner = 0.5;       // room the folded "moved" corner takes at the right
};

// The text of a chip or a window label: the course letter (bold), then the phase glyph in
// its shape (when `marker`), then `detail`. Painters draw exactly these parts.
struct Label {
    std::string letter;  // "A"
    bool marker = true;  // draw the phase shape with its glyph after the letter
    std::string detail;  // "3/6  09:00", "3/6", "booster window", "" ...
    double width = 0.0;  // em, as measured, padding included
};

struct PlacedChip {
    Chip chip;
    Label label;
    int line = 0;  // chip line in the cell, 0 at the top
};

struct PlacedBand {
    BandPart part;
    int slot = 0;             // window slot in the row, 0 at the top of the slot block
    bool labelled = false;    // the label is drawn from this cell
    Label label;              // when labelled
    double label_room = 0.0;  // em the label may use from this cell's left edge
};

// A visit of the cell that did not fit: counted in "+N more".
struct Hidden {
    std::size_t course = 0;
    std::size_t visit = 0;
    bool window = false;
};

struct FittedCell {
    chr::year_month_day date{};
    bool in_month = false;
    bool today = false;
    std::string day_number;    // "7"
    std::string today_label;   // "today", or "" when it does not fit (the outline remains)
    std::string closed_label;  // "closed A B", "A B" or "" when no shown course is closed
    std::vector<std::size_t> closed_for;
    std::vector<PlacedChip> chips;
    std::vector<PlacedBand> bands;
    std::vector<Hidden> hidden;  // not drawn: counted in "+N more"
    std::string more_label;      // "+2 more", "+2"; empty when nothing is hidden
    int more_line = -1;          // chip line of "+N more"; -1: on the day line
};

struct FittedRow {
    double height = 0.0;            // em
    int slots = 0;                  // window slots drawn at the bottom of the row
    int lines = 0;                  // chip lines that fit
    std::vector<FittedCell> cells;  // 7
};

struct FittedMonth {
    chr::year_month month{};
    std::string title;                     // "December 2026"
    std::vector<chr::weekday> header;      // as in MonthGrid
    std::vector<std::string> header_text;  // "Mon", or "M" when a cell is too narrow
    std::vector<FittedRow> rows;
    double height = 0.0;  // em of all rows
};

// Places chips, "+N more", window slots and labels in one row of cells. Cells outside the
// month are kept empty (their visits belong to the neighbouring month's grid).
[[nodiscard]] FittedRow fit_row(const std::vector<DayCell>& cells,
                                const std::vector<PlannedCourse>& courses, const CellStyle& style,
                                const Measure& measure);
[[nodiscard]] FittedMonth fit_month(const MonthGrid& grid,
                                    const std::vector<PlannedCourse>& courses,
                                    const CellStyle& style, const Measure& measure);
// The height fit_row and fit_month give, without fitting any label (no text is measured):
// what a view needs for rows it does not draw.
[[nodiscard]] double row_height(const std::vector<DayCell>& cells, const CellStyle& style);
[[nodiscard]] double month_height(const MonthGrid& grid, const CellStyle& style);

// [SECTION] Comparison timeline

// Comparison timeline: one lane per visible course, x in days.
struct LaneBand {  // a phase
    std::size_t phase = 0;
    std::string label;
    char marker = 'i';
    PhaseKind kind = PhaseKind::induction;
    int from_day = 0;  // inclusive, days since the timeline origin
    int to_day = 0;    // inclusive
};
struct LaneMark {  // a visit (a window when to_day > from_day)
    std::size_t visit = 0;
    char marker = 'i';
    PhaseKind kind = PhaseKind::induction;
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

// [SECTION] Fitted timeline: range, axis, band labels that never collide

// Where the plot is and how it is zoomed, in em of the painter's body text.
struct TimelineView {
    double plot_w = 40.0;      // width of the plot (right of the lane titles)
    double lane_h = 5.0;       // height of one lane
    double days_per_em = 0.5;  // zoom
    double pan_days = -1.0;    // the day at the plot's left edge
    double band_text = 0.85;   // phase label size
    double axis_text = 1.0;    // axis label size
};

// The zoom that shows the whole course (every lane, first to last day, a day of margin each
// side) in `plot_w` em, and the pan that goes with it.
struct Fit {
    double days_per_em = 0.5;
    double pan_days = -1.0;
};
[[nodiscard]] Fit fit_whole(const Timeline& timeline, double plot_w);

struct AxisTick {
    int day = 0;        // days since the timeline origin
    double x = 0.0;     // em from the plot's left edge
    std::string label;  // "Week 3", "7 Dec", "4 Jan 2027"; empty: a minor tick (no label)
};
// Week ticks across the visible range, labels spaced so they never overlap.
[[nodiscard]] std::vector<AxisTick> axis_ticks(const Timeline& timeline, const TimelineView& view,
                                               const Measure& measure);

// A phase band's label as placed: text on line 0 (inside the band) or line 1 (under it,
// free to run past a short band up to the next label on that line).
struct PlacedPhaseLabel {
    std::size_t phase = 0;  // index into Lane::phases
    char marker = 'i';
    PhaseKind kind = PhaseKind::induction;
    std::string text;  // the phase name, shortened at a word ("Maintenance, every...") or ""
    double x = 0.0;    // em from the plot's left edge
    double width = 0.0;
    int line = 0;
};
struct FittedLane {
    std::size_t lane = 0;  // index into Timeline::lanes
    std::vector<PlacedPhaseLabel> labels;
    std::vector<std::size_t> dropped;  // Lane::phases whose full names go to the legend
    int lines = 1;                     // label lines the lane uses (1 or 2)
};
[[nodiscard]] std::vector<FittedLane> fit_lanes(const Timeline& timeline, const TimelineView& view,
                                                const Measure& measure);

// [SECTION] Presentation week steps

// The week (7-day block from the earliest course start) that presentation mode steps through.
struct WeekStep {
    int index = 0;  // 0-based
    chr::sys_days first{};
    chr::sys_days last{};
    // One line for slides and window titles, at most kMaxCaptionChars: "Week 2: three
    // infusions, 40 minutes each, then 15 to 120 minutes of observation".
    std::string caption;
    // The caption in full, one line per course busy that week; painters draw the course's
    // letter badge before each (`text` does not repeat it).
    struct Line {
        std::size_t course = 0;
        std::string text;  // "Spravato: two sessions, 5 to 30 minutes each, then at least 2
                           // hours of observation"; one course shown: no name before it
    };
    std::vector<Line> lines;
};
[[nodiscard]] std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses);
// The same steps, with captions only for weeks caption_from to caption_to (the others have
// dates and an empty caption): presentation shows a few weeks of a plan that may have 260.
[[nodiscard]] std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses,
                                               int caption_from, int caption_to);

// Captions longer than this are shortened (one projector line).
inline constexpr std::size_t kMaxCaptionChars = 110;

// [SECTION] Legend

// What a painter's legend shows, in order: each shown course (letter and title), the phase
// kinds in use, then the marks that appear.
enum class LegendKind { course, phase, optional, window, moved, closed, today, more, phase_name };
struct LegendItem {
    LegendKind kind = LegendKind::course;
    std::size_t course = 0;                  // course, closed, phase_name
    PhaseKind phase = PhaseKind::induction;  // phase
    std::string key;                         // what is drawn as the key: "A", "i", "*", "+N" ...
    std::string text;     // "IV ketamine: six infusions...", "induction", "optional (dashed)"
    std::string brief{};  // for big type: a course's title up to its colon ("IV ketamine")
};
struct LegendNeeds {
    bool today = false;  // the view shows today
    bool more = false;   // some cell shows "+N more"
    // Phase names the timeline could not place in full: (course, Protocol::phases index),
    // i.e. (Lane::course, LaneBand::phase) of each FittedLane::dropped.
    std::vector<std::pair<std::size_t, std::size_t>> phase_names{};
};
[[nodiscard]] std::vector<LegendItem> legend(const std::vector<PlannedCourse>& courses,
                                             const LegendNeeds& needs);

}  // namespace planner::layout
