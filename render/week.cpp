// One presentation week as the window's presentation mode shows it: the heading, the
// caption, then the week's row with one before and two after. A painter of
// layout::week_steps and the day cells of layout::month_grid.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "planner/text.hpp"
#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

constexpr int kRowsShown = 4;  // the current week, one before, two after

[[nodiscard]] int day_key(chr::sys_days d) {
    return static_cast<int>(d.time_since_epoch().count());
}

std::map<int, layout::DayCell> cells_between(const std::vector<planner::PlannedCourse>& courses,
                                             chr::sys_days from, chr::sys_days to,
                                             const layout::CalendarOptions& options) {
    std::map<int, layout::DayCell> cells;
    const chr::year_month_day a{from};
    const chr::year_month_day b{to};
    for (chr::year_month m = a.year() / a.month(); m <= b.year() / b.month(); m += chr::months{1})
        for (const auto& week : layout::month_grid(m, courses, options).weeks)
            for (const auto& cell : week)
                if (cell.in_month) cells[day_key(chr::sys_days{cell.date})] = cell;
    return cells;
}

void paint_chip(Canvas& c, const layout::Chip& chip, const planner::PlannedCourse& pc, double x,
                double y, double w, double h, bool current, double em, const Style& style) {
    const Palette& pal = style.pal();
    const Rgb color = course_color(chip.course);
    c.rounded_rect_path(x, y, w, h, em * 0.2);
    Rgb ink = pal.text;
    if (chip.optional) {
        c.color(color, soft_alpha(style.theme));
        cairo_fill_preserve(c.cr());
        c.color(color);
        const double dash = em * 0.25;
        cairo_set_dash(c.cr(), &dash, 1, 0.0);
        cairo_set_line_width(c.cr(), std::max(1.0, em * 0.1));
        cairo_stroke(c.cr());
        cairo_set_dash(c.cr(), nullptr, 0, 0.0);
    } else if (current) {
        c.color(color);
        cairo_fill(c.cr());
        ink = text_on(color);
    } else {
        c.color(color, soft_alpha(style.theme));
        cairo_fill_preserve(c.cr());
        c.color(color);
        cairo_set_line_width(c.cr(), std::max(1.0, em * 0.08));
        cairo_stroke(c.cr());
    }
    if (chip.moved) {
        const double s = std::min(h * 0.5, em * 0.5);
        c.color(current && !chip.optional ? ink : color);
        cairo_move_to(c.cr(), x + w - s, y);
        cairo_line_to(c.cr(), x + w, y);
        cairo_line_to(c.cr(), x + w, y + s);
        cairo_close_path(c.cr());
        cairo_fill(c.cr());
    }
    const planner::Visit* v =
        chip.visit < pc.expansion.visits.size() ? &pc.expansion.visits[chip.visit] : nullptr;
    const std::string head = letter_of(chip.course) + "  " + chip.marker;
    const std::string star = chip.optional ? "*" : "";
    std::vector<std::string> variants;
    if (v) {
        const std::string n = std::to_string(v->number_in_phase);
        const std::string of = v->phase_total > 0 ? n + "/" + std::to_string(v->phase_total) : n;
        variants.push_back(head + " " + of + star + "  " +
                           planner::text::clock_time(v->treatment_start));
        variants.push_back(head + " " + of + star);
        variants.push_back(head + n + star);
    }
    variants.push_back(head + star);
    const Font font{em * 0.8, true};
    std::string label = variants.back();
    for (const auto& v2 : variants)
        if (c.measure(v2, font).w + em * 0.6 <= w) {
            label = v2;
            break;
        }
    cairo_save(c.cr());
    cairo_rectangle(c.cr(), x, y, w, h);
    cairo_clip(c.cr());
    c.text(x + em * 0.25, y + (h - c.line_height(font)) / 2.0, label, font, ink);
    cairo_restore(c.cr());
}

}  // namespace

void paint_week(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                const std::vector<layout::WeekStep>& steps, int week,
                const layout::CalendarOptions& options, const Style& style) {
    const Palette& pal = style.pal();
    const double em = style.em;
    if (steps.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{em, false}, pal.text_dim);
        return;
    }
    const int count = static_cast<int>(steps.size());
    week = std::clamp(week, 0, count - 1);
    const layout::WeekStep& step = steps[static_cast<std::size_t>(week)];

    // Heading and caption, large: the anchor of the slide.
    const Font heading{em * 1.3, true};
    const std::string head = "Week " + std::to_string(week + 1) + " of " + std::to_string(count);
    const Size hs = c.text(area.x, area.y, head, heading, pal.text);
    c.text(area.x + hs.w + em, area.y + (hs.h - c.line_height(Font{em, false})) / 2.0,
           planner::text::long_date_range(step.first, step.last), Font{em, false}, pal.text_dim);
    double y = area.y + hs.h + em * 0.3;
    const Size cs = c.text(area.x, y, step.caption, Font{em * 1.05, false}, pal.text,
                           TextBox{area.w, Align::left, 3, false});
    y += cs.h + em * 0.6;

    const int first = std::clamp(week - 1, 0, std::max(0, count - kRowsShown));
    const int last = std::min(count - 1, first + kRowsShown - 1);
    const auto cells = cells_between(courses, steps[static_cast<std::size_t>(first)].first,
                                     steps[static_cast<std::size_t>(last)].last, options);
    const double label_w = c.measure("Week 00", Font{em * 0.9, true}).w + em * 0.8;
    const double cell_w = (area.w - label_w) / 7.0;
    const int rows = last - first + 1;
    const double row_h = std::max(em * 2.5, (area.bottom() - y) / static_cast<double>(rows));
    const double chip_h = em * 1.45;
    const Font small{em * 0.75, false};
    for (int r = first; r <= last; ++r) {
        const auto& s = steps[static_cast<std::size_t>(r)];
        const bool current = r == week;
        const double ry = y + static_cast<double>(r - first) * row_h;
        if (current) {
            c.color(pal.highlight);
            c.rounded_rect_path(area.x, ry, area.w, row_h, em * 0.3);
            cairo_fill(c.cr());
        }
        c.text(area.x + em * 0.4, ry + em * 0.4, "Week " + std::to_string(r + 1),
               Font{em * 0.9, current}, current ? pal.text : pal.text_dim);
        for (int d = 0; d < 7; ++d) {
            const chr::sys_days date = s.first + chr::days{d};
            const double cx = area.x + label_w + static_cast<double>(d) * cell_w;
            c.color(pal.grid);
            c.stroke_rect(cx, ry, cell_w, row_h, std::max(0.5, em * 0.05));
            const chr::year_month_day ymd{date};
            c.text(cx + em * 0.3, ry + em * 0.2,
                   std::string(planner::text::weekday_short(chr::weekday{date})) + " " +
                       std::to_string(static_cast<unsigned>(ymd.day())),
                   small, current ? pal.text : pal.text_dim);
            const auto it = cells.find(day_key(date));
            if (it == cells.end()) continue;
            const layout::DayCell& cell = it->second;
            if (!cell.closed_for.empty()) {
                c.color(pal.closed);
                c.line(cx + em * 0.3, ry + row_h - em * 0.3, cx + cell_w - em * 0.3, ry + em * 0.3,
                       std::max(1.0, em * 0.1));
                std::string hint = "closed";
                for (const std::size_t k : cell.closed_for) hint += " " + letter_of(k);
                c.text(cx + em * 0.3, ry + row_h - c.line_height(small) - em * 0.2, hint, small,
                       pal.closed);
            }
            double cy = ry + c.line_height(small) + em * 0.4;
            const double bands_h = cell.bands.empty() ? 0.0 : em * 1.1;
            const double room = ry + row_h - bands_h - em * 0.15 - cy;
            const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor(room / chip_h)));
            const std::size_t n = cell.chips.size();
            const std::size_t shown = n <= fit ? n : (fit == 0 ? 0 : fit - 1);
            for (std::size_t i = 0; i < shown; ++i) {
                const auto& chip = cell.chips[i];
                paint_chip(c, chip, courses[chip.course], cx + em * 0.2, cy, cell_w - em * 0.4,
                           chip_h - em * 0.2, current, em, style);
                cy += chip_h;
            }
            if (shown < n)
                c.text(cx + em * 0.3, cy, "+" + std::to_string(n - shown) + " more",
                       Font{em * 0.8, true}, pal.text);
            for (const auto& band : cell.bands) {
                const double by = ry + row_h - em * 1.1;
                const double bx = band.starts_here ? cx + em * 0.2 : cx;
                const double bw = (band.ends_here ? cx + cell_w - em * 0.2 : cx + cell_w) - bx;
                c.color(course_color(band.course), soft_alpha(style.theme));
                c.fill_rect(bx, by, bw, em * 0.9);
                c.color(course_color(band.course));
                c.stroke_rect(bx, by, bw, em * 0.9, 1.0);
                if (band.starts_here || d == 0) {
                    const auto& pc = courses[band.course];
                    const planner::Visit& v = pc.expansion.visits[band.visit];
                    const char marker =
                        v.phase < pc.protocol.phases.size()
                            ? planner::phase_marker(pc.protocol.phases[v.phase].kind)
                            : 'B';
                    cairo_save(c.cr());
                    cairo_rectangle(c.cr(), bx, by, area.right() - bx, em * 0.9);
                    cairo_clip(c.cr());
                    c.text(bx + em * 0.2, by + em * 0.05,
                           letter_of(band.course) + "  " + marker + " window", small, pal.text);
                    cairo_restore(c.cr());
                }
            }
        }
    }
}

}  // namespace render::detail
