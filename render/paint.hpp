// Internal to render/: the painters shared by slides and the handout. Each paints
// planner::layout values into a rectangle; sizes are multiples of Style::em, and the
// layout's own sizes (CellStyle, TimelineView) are in em too.
#pragma once

#include <string>
#include <vector>

#include "planner/layout.hpp"
#include "planner/plan.hpp"
#include "render/canvas.hpp"
#include "render/palette.hpp"

namespace render::detail {

namespace chr = std::chrono;

struct Rect {
    double x = 0.0;
    double y = 0.0;
    double w = 0.0;
    double h = 0.0;
    [[nodiscard]] double right() const { return x + w; }
    [[nodiscard]] double bottom() const { return y + h; }
};

// The smallest text a painter sets itself, as a fraction of Style::em: a figure whose em
// is at least floor / kSmallestText keeps every word at or above the floor.
inline constexpr double kSmallestText = 0.75;

struct Style {
    Theme theme = Theme::light;
    double em = 16.0;  // the body text size
    // Tighter insets in month cells (print: a chip keeps its phase shape in a narrow cell).
    bool compact = false;
    [[nodiscard]] const Palette& pal() const { return palette(theme); }
};

// The course's letters as text ("A", ... "Z", "AA"), whatever layout returns them as.
[[nodiscard]] inline std::string letter_of(std::size_t course) {
    std::string out;
    out += planner::layout::course_letter(course);
    return out;
}

// Black or white, whichever reads better on `fill`.
[[nodiscard]] Rgb text_on(Rgb fill);

// The layout's text measure with this canvas's fonts (width at 1 em), cached per text.
// The canvas must outlive the measure.
[[nodiscard]] planner::layout::Measure measure_for(const Canvas& c);

// Strokes the current path dashed.
void dashed_stroke(Canvas& c, double dash, double width);

// A rounded square in the course colour carrying the course letter.
void course_badge(Canvas& c, double x, double y, double side, std::size_t course);

// The phase's shape (planner::phase_shape: circle, diamond, square) with its glyph inside
// when there is room; dashed outline when hollow (an optional visit).
void marker_shape(Canvas& c, double cx, double cy, double r, planner::PhaseKind kind, Rgb fill,
                  Rgb outline, bool hollow, Rgb glyph);

// A layout::Label in `r`: the letter (bold), the phase shape, the detail; clipped to `r`.
void paint_label(Canvas& c, const planner::layout::Label& label, planner::PhaseKind kind,
                 const Rect& r, double size, const planner::layout::CellStyle& st, Rgb ink,
                 Rgb shape_fill, Rgb shape_ink);

// How one fitted row is painted: the cell style it was fitted with, at `em` pixels.
struct RowPaint {
    Style style;
    planner::layout::CellStyle cell;
    double em = 16.0;
    bool current = true;     // false: a week around the current one, chips quieter
    bool fill_cells = true;  // false: the row's own background shows (a highlighted week)
    [[nodiscard]] double px(double v) const { return v * em; }
};
// Paints a layout::FittedRow with its top-left at (x, y); returns its height.
double paint_row(Canvas& c, const planner::layout::FittedRow& row, double x, double y,
                 const std::vector<planner::PlannedCourse>& courses, const RowPaint& p);

// The months in `area`: a few side by side and rows of them, with the largest type at
// which every visit shows (rows grow as in the window); only when that is too small,
// fixed cells with "+N more". With `cols` > 0: that many side by side at `style.em`,
// rows growing, as tall as months_height says; when that passes `max_height` (> 0), fixed
// cells fill max_height and count the rest. `needs` learns whether a "+N more" was drawn.
// Returns how many of `months`, from the first, were drawn (all but on a crowded slide).
std::size_t paint_months(Canvas& c, const Rect& area,
                         const std::vector<planner::PlannedCourse>& courses,
                         const std::vector<chr::year_month>& months,
                         const planner::layout::CalendarOptions& options, const Style& style,
                         planner::layout::LegendNeeds* needs = nullptr, std::size_t cols = 0,
                         double max_height = 0.0);
// The height paint_months takes for `months` in `cols` columns of `width`.
[[nodiscard]] double months_height(Canvas& c, double width,
                                   const std::vector<planner::PlannedCourse>& courses,
                                   const std::vector<chr::year_month>& months,
                                   const planner::layout::CalendarOptions& options,
                                   const Style& style, std::size_t cols, double max_height = 0.0);

// Months set `cols` side by side (rows growing to hold every visit), as pieces a page can
// cut between week rows: the height of the titles and weekday header, and of each week row.
struct MonthRows {
    double head = 0.0;
    std::vector<std::vector<double>> rows;  // per month, per week row
    // Height of week rows [first, last) of every month side by side, the head included.
    [[nodiscard]] double height(std::size_t first, std::size_t last) const;
    [[nodiscard]] std::size_t count() const;  // week rows of the longest month
};
[[nodiscard]] MonthRows month_rows(Canvas& c, double width,
                                   const std::vector<planner::PlannedCourse>& courses,
                                   const std::vector<chr::year_month>& months,
                                   const planner::layout::CalendarOptions& options,
                                   const Style& style, std::size_t cols);
// Week rows [first, last) of `months` side by side, each under its title ("..., continued"
// past the first row) and weekday header.
void paint_month_rows(Canvas& c, const Rect& area,
                      const std::vector<planner::PlannedCourse>& courses,
                      const std::vector<chr::year_month>& months,
                      const planner::layout::CalendarOptions& options, const Style& style,
                      std::size_t cols, std::size_t first, std::size_t last,
                      planner::layout::LegendNeeds* needs = nullptr);

// The comparison timeline fitted to `area`: the whole course from its first day. Returns
// the height it used (lanes stop growing at a readable height).
double paint_timeline(Canvas& c, const Rect& area,
                      const std::vector<planner::PlannedCourse>& courses, const Style& style,
                      planner::layout::LegendNeeds* needs = nullptr);

// Width of the timeline's label column in `area_w` (the figures under it line up with it).
[[nodiscard]] double timeline_label_width(double area_w, double em);

// The figures of each shown course (visits, each visit, time in clinic, span: the rows
// `show` prints) as a table in `area`, a column per course beside the timeline's label
// column; rows that do not fit whole are left out. Returns the height used.
double paint_figures(Canvas& c, const Rect& area,
                     const std::vector<planner::PlannedCourse>& courses, const Style& style);

// Presentation week `week` with its neighbours, its heading and caption.
void paint_week(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                const std::vector<planner::layout::WeekStep>& steps, int week,
                const planner::layout::CalendarOptions& options, const Style& style,
                planner::layout::LegendNeeds* needs = nullptr);

// layout::legend flowed into `width` from (x, y); returns the height used. With `draw`
// false it only measures.
double paint_legend(Canvas& c, double x, double y, double width,
                    const std::vector<planner::PlannedCourse>& courses,
                    const planner::layout::LegendNeeds& needs, const Style& style,
                    bool draw = true);

}  // namespace render::detail
