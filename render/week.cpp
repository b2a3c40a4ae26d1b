// One presentation week as the window's presentation mode shows it: the heading, one
// caption line per busy course, then the week's row between one before and two after.
// A painter of layout::week_steps, layout::week_cells and layout::fit_row.
#include <algorithm>
#include <cmath>
#include <string>

#include "planner/text.hpp"
#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

constexpr int kRowsShown = 4;  // the current week, one before, two after

// The strip's cells in em of the slide's presentation size (as the window's presentation).
layout::CellStyle strip_style(double cell_w_em) {
    layout::CellStyle st;
    st.cell_w = cell_w_em;
    st.day_h = 1.05;
    st.chip_h = 1.3;
    st.band_h = 1.05;
    st.pad = 0.18;
    st.text = 0.8;
    st.small = 0.62;
    st.band_text = 0.62;
    st.chip_pad = 0.22;
    st.gap = 0.25;
    st.marker_w = 0.75;
    st.corner = 0.5;
    return st;
}

// The weeks around the current one: smaller chips, so more of their visits show.
layout::CellStyle neighbour_style(double cell_w_em) {
    layout::CellStyle st = strip_style(cell_w_em);
    st.day_h = 0.95;
    st.chip_h = 0.95;
    st.band_h = 0.8;
    st.text = 0.58;
    st.band_text = 0.5;
    st.marker_w = 0.6;
    st.corner = 0.38;
    return st;
}

// Raises every text size of `st` to at least `floor` em (a printed page's 9 pt).
void at_least(layout::CellStyle& st, double floor) {
    for (double* size : {&st.text, &st.small, &st.band_text}) *size = std::max(*size, floor);
}

}  // namespace

void paint_week(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                const std::vector<layout::WeekStep>& steps, int week,
                const layout::CalendarOptions& options, const Style& style,
                layout::LegendNeeds* needs) {
    const Palette& pal = style.pal();
    if (steps.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{style.em, false}, pal.text_dim);
        return;
    }
    // The presentation size: larger than body text, as the window's presentation mode.
    const double em = std::min(style.em * 1.45, std::min(area.h / 11.0, area.w / 24.0));
    const int count = static_cast<int>(steps.size());
    week = std::clamp(week, 0, count - 1);
    const layout::WeekStep& step = steps[static_cast<std::size_t>(week)];

    // "Week 2 of 12" in bold and the dates: the anchor of the slide.
    const std::string heading = "Week " + std::to_string(week + 1) + " of " + std::to_string(count);
    const Size hs = c.text(area.x, area.y, heading, Font{em, true}, pal.text);
    c.text(area.x + hs.w + em, area.y, planner::text::date_range(step.first, step.last),
           Font{em, false}, pal.text_dim);
    double y = area.y + em * 1.4;

    // One caption line per busy course, with its badge; lines wrap at words.
    const double cap = em * 0.72;
    const double badge = cap * 1.05;
    const layout::Measure measure = measure_for(c);
    for (const auto& line : step.lines) {
        const double room = area.w - badge - cap * 0.5;
        course_badge(c, area.x, y + cap * 0.2, badge, line.course);
        for (const auto& w : layout::wrap_words(line.text, room / cap, 1.0, false, measure)) {
            c.text(area.x + badge + cap * 0.5, y, w, Font{cap, false}, pal.text);
            y += cap * 1.3;
        }
    }
    if (step.lines.empty()) {
        c.text(area.x, y, step.caption, Font{cap, false}, pal.text);
        y += cap * 1.3;
    }
    y += em * 0.25;

    // The strip: the current week taller than the weeks around it.
    const int first = std::clamp(week - 1, 0, std::max(0, count - kRowsShown));
    const int last = std::min(count - 1, first + kRowsShown - 1);
    const double label_w = c.measure("Week 00", Font{em * 0.8, true}).w + em * 0.6;
    const double cell_w = (area.w - label_w) / 7.0;
    const int rows = last - first + 1;
    // Weekday names once above the strip: every row starts on the same weekday.
    const double head_size = std::max(em * 0.55, c.min_font_size());
    const double room =
        std::max(area.bottom() - y - c.line_height(Font{head_size, false}) - em * 0.1, em * 3.0);
    // The current week as tall as its visits need (its chips at full size), between 40% and
    // 60% of the strip; the weeks around it share the rest.
    layout::CellStyle grown = strip_style(cell_w / em);
    at_least(grown, c.min_font_size() / em);
    grown.cell_h = 0.0;
    const double natural =
        layout::fit_row(layout::week_cells(step.first, courses, options), courses, grown, measure)
            .height *
        em;
    const double current_h = rows == 1 ? room : std::clamp(natural, room * 0.4, room * 0.6);
    const double other_h = rows == 1 ? 0.0 : (room - current_h) / static_cast<double>(rows - 1);
    for (int d = 0; d < 7; ++d) {
        const chr::weekday wd{steps[static_cast<std::size_t>(first)].first + chr::days{d}};
        c.text(area.x + label_w + d * cell_w + em * 0.2, y, planner::text::weekday_short(wd),
               Font{head_size, false}, pal.text_dim);
    }
    y += c.line_height(Font{head_size, false}) + em * 0.1;
    for (int r = first; r <= last; ++r) {
        const auto& s = steps[static_cast<std::size_t>(r)];
        const bool current = r == week;
        layout::CellStyle st = current ? strip_style(cell_w / em) : neighbour_style(cell_w / em);
        at_least(st, c.min_font_size() / em);
        st.cell_h = (current ? current_h : other_h) / em;
        const layout::FittedRow row =
            layout::fit_row(layout::week_cells(s.first, courses, options), courses, st, measure);
        const double h = row.height * em;
        if (current) {
            c.color(pal.highlight);
            c.rounded_rect_path(area.x, y, area.w, h, em * 0.3);
            cairo_fill(c.cr());
        }
        c.text(area.x + em * 0.3, y + em * 0.3, "Week " + std::to_string(r + 1),
               Font{em * 0.8, current}, current ? pal.text : pal.text_dim);
        paint_row(c, row, area.x + label_w, y, courses, RowPaint{style, st, em, current, false});
        if (needs)
            for (const auto& cell : row.cells) needs->more = needs->more || !cell.hidden.empty();
        y += h;
    }
}

}  // namespace render::detail
