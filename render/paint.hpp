// Internal to render/: the painters shared by slides and the handout. Each paints
// planner::layout values into a rectangle; sizes are multiples of Style::em.
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

// The smallest text a painter draws, as a fraction of Style::em: a figure whose em is at
// least floor / kSmallestText keeps every word at or above the floor.
inline constexpr double kSmallestText = 0.7;

struct Style {
    Theme theme = Theme::light;
    double em = 16.0;  // the body text size
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

// A rounded square in the course colour carrying the course letter.
void course_badge(Canvas& c, double x, double y, double side, std::size_t course);

// Phase marker shape (I circle, M diamond, B square), hollow for an optional visit.
void marker_shape(Canvas& c, double cx, double cy, double r, char marker, Rgb fill, Rgb outline,
                  bool hollow);

// The months of the plan arranged to fill `area` (a few side by side, rows of them).
void paint_months(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                  const std::vector<chr::year_month>& months,
                  const planner::layout::CalendarOptions& options, const Style& style);
// Height one month needs at `width` so its cells still hold a chip and a band.
[[nodiscard]] double month_height(const Canvas& c, double width, const Style& style);

// The comparison timeline fitted to `area`: the whole course from its first day.
void paint_timeline(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                    const Style& style);

// Presentation week `week` with its neighbours, its heading and caption.
void paint_week(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                const std::vector<planner::layout::WeekStep>& steps, int week,
                const planner::layout::CalendarOptions& options, const Style& style);

// The legend flowed into `width` from (x, y); returns the height used. With `draw` false
// it only measures.
double paint_legend(Canvas& c, double x, double y, double width,
                    const std::vector<planner::PlannedCourse>& courses, const Style& style,
                    bool draw = true);

}  // namespace render::detail
