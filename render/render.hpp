// Pictures of a plan through cairo and pango: slides (PNG, SVG, PDF) of the month
// calendar, the comparison timeline or one presentation week, and a printable PDF
// handout. A painter of planner::layout: where a visit goes, which label fits and
// what overflows into "+N more" is decided there, never here. Every picture carries
// the title, the legend and the disclaimer in the picture itself.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "planner/layout.hpp"
#include "planner/plan.hpp"
#include "planner/result.hpp"
#include "render/canvas.hpp"
#include "render/palette.hpp"

namespace render {

enum class View { calendar, timeline, week };

struct SlideOptions {
    View view = View::calendar;
    int week = 0;      // View::week: 0-based index into layout::week_steps
    int width = 1280;  // pixels (PNG), px (SVG), points (PDF page)
    int height = 800;
    Theme theme = Theme::light;
    planner::layout::CalendarOptions calendar;  // week start; today is never marked
    std::int64_t timestamp = 0;                 // PDF creation date
};

// Smallest and largest slide sides accepted (a 4K slide is the upper end).
inline constexpr int kMinSlideSide = 320;
inline constexpr int kMaxSlideSide = 7680;

// The slide's bytes in `format`. Errors: a size out of range, a week past the plan.
[[nodiscard]] planner::Result<std::string> slide(Format format,
                                                 const std::vector<planner::PlannedCourse>& courses,
                                                 const SlideOptions& options);

enum class Paper { a4, letter };

struct PaperSize {
    double width = 0.0;  // points
    double height = 0.0;
};
[[nodiscard]] PaperSize paper_size(Paper paper);  // A4 595 x 842, Letter 612 x 792

struct HandoutOptions {
    Paper paper = Paper::a4;
    planner::layout::CalendarOptions calendar;
    std::int64_t timestamp = 0;
};

// What the painter checked while drawing a handout (tests read it).
struct HandoutReport {
    int pages = 0;
    double smallest_font = 0.0;  // points; never below kMinHandoutFont
    int raised_fonts = 0;        // requests below the floor that were raised to it
    int overflows = 0;           // blocks taller than a page, cut at the page edge
};
inline constexpr double kMinHandoutFont = 9.0;

// The handout PDF: a comparison page first when there are several courses, then per
// course its months, what a visit involves, reminders, differences, sources as links;
// the disclaimer and "Page N of M" in every footer.
[[nodiscard]] planner::Result<std::string> handout(
    const std::vector<planner::PlannedCourse>& courses, const HandoutOptions& options,
    HandoutReport* report = nullptr);

}  // namespace render
