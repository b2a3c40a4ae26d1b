// Month grids and week rows: a painter of layout::fit_month and layout::fit_row. Which
// chips fit, which label variant, what goes into "+N more" and where each window's slot is
// come from the layout; this file only chooses the cell size and paints.
#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

[[nodiscard]] planner::PhaseKind kind_of(const std::vector<planner::PlannedCourse>& courses,
                                         std::size_t course, std::size_t visit) {
    if (course >= courses.size()) return planner::PhaseKind::induction;
    const auto& pc = courses[course];
    if (visit >= pc.expansion.visits.size()) return planner::PhaseKind::induction;
    const std::size_t phase = pc.expansion.visits[visit].phase;
    return phase < pc.protocol.phases.size() ? pc.protocol.phases[phase].kind
                                             : planner::PhaseKind::induction;
}

[[nodiscard]] bool optional_visit(const std::vector<planner::PlannedCourse>& courses,
                                  std::size_t course, std::size_t visit) {
    return course < courses.size() && visit < courses[course].expansion.visits.size() &&
           courses[course].expansion.visits[visit].optional;
}

void paint_chip(Canvas& c, const layout::PlacedChip& placed, const Rect& r, const RowPaint& p) {
    const layout::Chip& chip = placed.chip;
    const Rgb color = course_color(chip.course);
    const double em = p.em;
    Rgb ink = text_on(color);
    Rgb shape_fill = ink;
    Rgb shape_ink = color;
    c.rounded_rect_path(r.x, r.y, r.w, r.h, em * 0.3);
    if (chip.optional) {
        c.color(p.style.pal().background);
        cairo_fill_preserve(c.cr());
        c.color(color, soft_alpha(p.style.theme));
        cairo_fill_preserve(c.cr());
        c.color(color);
        dashed_stroke(c, em * 0.3, std::max(1.0, em * 0.09));
        ink = p.style.pal().text;
        shape_fill = color;
        shape_ink = text_on(color);
    } else if (!p.current) {  // a week around the current one: quieter, same contrast
        c.color(color, soft_alpha(p.style.theme));
        cairo_fill_preserve(c.cr());
        c.color(color);
        cairo_set_line_width(c.cr(), std::max(1.0, em * 0.08));
        cairo_stroke(c.cr());
        ink = p.style.pal().text;
        shape_fill = color;
        shape_ink = text_on(color);
    } else {
        c.color(color);
        cairo_fill(c.cr());
    }
    if (chip.moved) {  // a folded corner: moved off a closed day
        const double s = std::min(r.h * 0.55, p.px(p.cell.corner) * 1.1);
        c.color(chip.optional || !p.current ? color : ink);
        cairo_move_to(c.cr(), r.right() - s, r.y);
        cairo_line_to(c.cr(), r.right(), r.y);
        cairo_line_to(c.cr(), r.right(), r.y + s);
        cairo_close_path(c.cr());
        cairo_fill(c.cr());
    }
    paint_label(c, placed.label, chip.kind, r, p.px(p.cell.text), p.cell, ink, shape_fill,
                shape_ink);
}

void paint_band(Canvas& c, const layout::PlacedBand& placed, const Rect& r, const RowPaint& p,
                const std::vector<planner::PlannedCourse>& courses) {
    const layout::BandPart& band = placed.part;
    const Rgb color = course_color(band.course);
    c.color(color, soft_alpha(p.style.theme));
    c.fill_rect(r.x, r.y, r.w, r.h);
    c.color(color);
    const double line = std::max(1.0, p.em * 0.08);
    const double dash = optional_visit(courses, band.course, band.visit) ? p.em * 0.3 : 0.0;
    c.line(r.x, r.y, r.right(), r.y, line, dash);
    c.line(r.x, r.bottom(), r.right(), r.bottom(), line, dash);
    if (band.starts_here) c.fill_rect(r.x, r.y, std::max(1.5, p.em * 0.15), r.h);
    if (band.ends_here) c.fill_rect(r.right() - std::max(1.5, p.em * 0.15), r.y, p.em * 0.15, r.h);
}

}  // namespace

layout::Measure measure_for(const Canvas& c) {
    // Measured once at a large size, so pango's rounding stays below a thousandth of an em.
    constexpr double kAt = 100.0;
    auto cache = std::make_shared<std::map<std::pair<std::string, bool>, double>>();
    return [&c, cache](std::string_view text, bool bold) {
        auto key = std::make_pair(std::string{text}, bold);
        const auto it = cache->find(key);
        if (it != cache->end()) return it->second;
        const double w = c.measure(text, Font{kAt, bold}).w / kAt;
        cache->emplace(std::move(key), w);
        return w;
    };
}

void dashed_stroke(Canvas& c, double dash, double width) {
    cairo_set_dash(c.cr(), &dash, 1, 0.0);
    cairo_set_line_width(c.cr(), width);
    cairo_stroke(c.cr());
    cairo_set_dash(c.cr(), nullptr, 0, 0.0);
}

void paint_label(Canvas& c, const layout::Label& label, planner::PhaseKind kind, const Rect& r,
                 double size, const layout::CellStyle& st, Rgb ink, Rgb shape_fill, Rgb shape_ink) {
    cairo_save(c.cr());
    cairo_rectangle(c.cr(), r.x, r.y, r.w, r.h);
    cairo_clip(c.cr());
    const Font bold{size, true};
    const Font body{size, false};
    const double ty = r.y + (r.h - c.line_height(body)) / 2.0;
    double x = r.x + st.chip_pad * size;
    const Size ls = c.text(x, ty, label.letter, bold, ink);
    x += ls.w;
    if (label.marker) {
        const double w = st.marker_w * size;
        const double radius = std::min(w * 0.5, r.h * 0.36);
        marker_shape(c, x + st.gap * size + w * 0.5, r.y + r.h / 2.0, radius, kind, shape_fill,
                     shape_ink, false, shape_ink);
        x += st.gap * size + w;
    }
    if (!label.detail.empty()) c.text(x + st.gap * size, ty, label.detail, body, ink);
    cairo_restore(c.cr());
}

double paint_row(Canvas& c, const layout::FittedRow& row, double x, double y,
                 const std::vector<planner::PlannedCourse>& courses, const RowPaint& p) {
    const Palette& pal = p.style.pal();
    const layout::CellStyle& st = p.cell;
    const double cell_w = p.px(st.cell_w);
    const double h = p.px(row.height);
    const double pad = p.px(st.pad);
    const double band_top = y + h - pad - p.px(row.slots * st.band_h);
    const Font number{p.px(st.text), false};
    const Font small{p.px(st.small), false};
    // Cells first, then their marks, then window labels, which may run on over later cells.
    for (std::size_t col = 0; col < row.cells.size(); ++col) {
        const layout::FittedCell& cell = row.cells[col];
        const double cx = x + static_cast<double>(col) * cell_w;
        if (p.fill_cells) {
            c.color(cell.in_month ? pal.background : pal.other_month);
            c.fill_rect(cx, y, cell_w, h);
        }
        c.color(pal.grid);
        c.stroke_rect(cx, y, cell_w, h, std::max(0.5, p.em * 0.05));
    }
    for (std::size_t col = 0; col < row.cells.size(); ++col) {
        const layout::FittedCell& cell = row.cells[col];
        const double cx = x + static_cast<double>(col) * cell_w;
        const double nx = cx + pad;
        const double ny = y + pad * 0.8;
        if (!cell.in_month) {
            c.text(nx, ny, cell.day_number, number, pal.text_dim);
            continue;
        }
        const Size ns =
            c.text(nx, ny, cell.day_number, number, p.current ? pal.text : pal.text_dim);
        double line_x = nx + ns.w + p.px(st.gap);
        const double small_y = ny + (ns.h - c.line_height(small)) / 2.0;
        if (!cell.more_label.empty() && cell.more_line < 0) {
            line_x += c.text(line_x, ny, cell.more_label, Font{p.px(st.small), true}, pal.text).w +
                      p.px(st.gap);
        }
        if (!cell.closed_for.empty()) {
            c.color(pal.closed);
            c.line(cx + pad, y + h - pad, cx + cell_w - pad, y + pad, std::max(1.0, p.em * 0.09));
            if (!cell.closed_label.empty()) {
                const double w = c.measure(cell.closed_label, small).w;
                c.text(cx + cell_w - pad - w, small_y, cell.closed_label, small, pal.closed);
            }
        }
        if (!cell.today_label.empty()) c.text(line_x, small_y, cell.today_label, small, pal.today);

        for (const layout::PlacedChip& chip : cell.chips) {
            const double chip_y = y + p.px(st.day_h + chip.line * st.chip_h);
            paint_chip(c, chip,
                       Rect{cx + pad, chip_y, cell_w - 2.0 * pad, p.px(st.chip_h) - p.em * 0.25},
                       p);
        }
        if (!cell.more_label.empty() && cell.more_line >= 0) {
            const double my = y + p.px(st.day_h + cell.more_line * st.chip_h);
            c.text(cx + pad + p.px(st.chip_pad),
                   my + (p.px(st.chip_h) - p.em * 0.25 - c.line_height(number)) / 2.0,
                   cell.more_label, Font{p.px(st.text), true}, pal.text);
        }
        for (const layout::PlacedBand& band : cell.bands) {
            const double by = band_top + p.px(band.slot * st.band_h);
            const double bx = band.part.starts_here ? cx + pad : cx;
            const double bw = (band.part.ends_here ? cx + cell_w - pad : cx + cell_w) - bx;
            paint_band(c, band, Rect{bx, by, bw, p.px(st.band_h) - p.em * 0.25}, p, courses);
        }
        if (cell.today) {
            c.color(pal.today);
            c.stroke_rect(cx + 1.0, y + 1.0, cell_w - 2.0, h - 2.0, std::max(1.5, p.em * 0.12));
        }
    }
    for (std::size_t col = 0; col < row.cells.size(); ++col) {
        const double cx = x + static_cast<double>(col) * cell_w;
        for (const layout::PlacedBand& band : row.cells[col].bands) {
            if (!band.labelled) continue;
            const double by = band_top + p.px(band.slot * st.band_h);
            const double bx = band.part.starts_here ? cx + pad : cx;
            const Rgb color = course_color(band.part.course);
            paint_label(c, band.label, kind_of(courses, band.part.course, band.part.visit),
                        Rect{bx, by, p.px(band.label_room), p.px(st.band_h) - p.em * 0.25},
                        p.px(st.band_text), st, pal.text, color, text_on(color));
        }
    }
    return h;
}

namespace {

constexpr double kMonthGap = 1.0;   // em between months
constexpr double kMonthHead = 2.9;  // em: the month's name and the weekday header

// Where the months go: `cols` side by side at `em`, rows growing to hold every visit as in
// the window, or (when nothing fits even at the smallest type) fixed cells that count the
// rest in "+N more".
struct MonthsPlan {
    std::size_t cols = 1;
    double em = 16.0;
    double month_w = 0.0;
    std::vector<layout::FittedMonth> fitted;
    layout::CellStyle cell;
    [[nodiscard]] double height() const {  // of all month rows, in pixels
        double total = 0.0;
        for (std::size_t r = 0; r * cols < fitted.size(); ++r) {
            double tallest = 0.0;
            for (std::size_t k = r * cols; k < std::min(fitted.size(), (r + 1) * cols); ++k)
                tallest = std::max(tallest, fitted[k].height);
            total += (tallest + kMonthHead) * em + (r > 0 ? kMonthGap * em : 0.0);
        }
        return total;
    }
};

MonthsPlan plan_months(const std::vector<layout::MonthGrid>& grids, double width, double cols_d,
                       double em, double cell_h_px,
                       const std::vector<planner::PlannedCourse>& courses, bool compact,
                       const layout::Measure& measure) {
    MonthsPlan plan;
    if (compact) {
        plan.cell.pad = 0.15;
        plan.cell.chip_pad = 0.2;
        plan.cell.gap = 0.2;
        plan.cell.marker_w = 0.8;
        plan.cell.min_row_h = 4.2;
        plan.cell.empty_row_h = 2.9;
    }
    plan.cols = static_cast<std::size_t>(cols_d);
    plan.em = em;
    plan.month_w = (width - kMonthGap * em * (cols_d - 1.0)) / cols_d;
    plan.cell.cell_w = plan.month_w / 7.0 / em;
    plan.cell.cell_h = cell_h_px / em;
    for (const auto& grid : grids)
        plan.fitted.push_back(layout::fit_month(grid, courses, plan.cell, measure));
    return plan;
}

// The arrangement with the largest type that shows every visit inside `area` (height <= 0:
// any height up to `max_height` when that is > 0, at `style.em`, in `fixed_cols` columns).
// Type never goes below `min_em`.
std::optional<MonthsPlan> arrange_all(Canvas& c, double width, double height,
                                      const std::vector<layout::MonthGrid>& grids,
                                      const std::vector<planner::PlannedCourse>& courses,
                                      const Style& style, std::size_t fixed_cols, double min_em,
                                      const layout::Measure& measure, double max_height) {
    const layout::CellStyle defaults;
    // Small text stays at the canvas's floor (a page's 9 pt).
    const double floor_em = c.min_font_size() / std::min(defaults.small, defaults.band_text);
    min_em = std::max(floor_em, min_em);
    // A cell holds the letter, the phase shape and a little more.
    const auto wide_enough = [](const MonthsPlan& p) { return p.cell.cell_w >= 4.2; };
    if (height <= 0.0) {
        const std::size_t cols = std::max<std::size_t>(fixed_cols, 1);
        const double em = std::max(style.em, floor_em);
        MonthsPlan grown = plan_months(grids, width, static_cast<double>(cols), em, 0.0, courses,
                                       style.compact, measure);
        if (max_height <= 0.0 || grown.height() <= max_height) return grown;
        // Too tall for a page (overlapping windows stack up): fixed cells that fill
        // max_height, the rest counted in "+N more".
        double heads = 0.0;
        double weeks = 0.0;
        for (std::size_t r = 0; r * cols < grids.size(); ++r) {
            std::size_t most = 0;
            for (std::size_t k = r * cols; k < std::min(grids.size(), (r + 1) * cols); ++k)
                most = std::max(most, grids[k].weeks.size());
            weeks += static_cast<double>(most);
            heads += (kMonthHead + (r > 0 ? kMonthGap : 0.0)) * em;
        }
        const double cell_h = (max_height - heads) / std::max(weeks, 1.0);
        return plan_months(grids, width, static_cast<double>(cols), em, std::max(cell_h, em),
                           courses, style.compact, measure);
    }
    std::optional<MonthsPlan> best;
    for (std::size_t cols = 1; cols <= std::min<std::size_t>(grids.size(), 6); ++cols) {
        // The largest em that fits: heights shrink as em grows smaller, so bisect.
        double lo = min_em;
        double hi = std::max(style.em, min_em);
        MonthsPlan at_lo = plan_months(grids, width, static_cast<double>(cols), lo, 0.0, courses,
                                       style.compact, measure);
        if (at_lo.height() > height || !wide_enough(at_lo)) continue;
        MonthsPlan found = at_lo;
        for (int step = 0; step < 12; ++step) {
            const double mid = (lo + hi) / 2.0;
            MonthsPlan p = plan_months(grids, width, static_cast<double>(cols), mid, 0.0, courses,
                                       style.compact, measure);
            if (p.height() <= height && wide_enough(p)) {
                lo = mid;
                found = std::move(p);
            } else {
                hi = mid;
            }
        }
        if (!best || found.em > best->em) best = std::move(found);
    }
    return best;
}

// Fixed cells with "+N more" counting what does not fit (the legend says so): for a month
// that holds more than the area can show even at the smallest type.
MonthsPlan arrange_fixed(double width, double height, const std::vector<layout::MonthGrid>& grids,
                         const std::vector<planner::PlannedCourse>& courses, double min_em,
                         bool compact, const layout::Measure& measure) {
    std::size_t cols = 1;
    double best_score = -1.0;
    for (std::size_t n = 1; n <= std::min<std::size_t>(grids.size(), 8); ++n) {
        const double rows = std::ceil(static_cast<double>(grids.size()) / static_cast<double>(n));
        const double cw = (width - kMonthGap * min_em * static_cast<double>(n - 1)) /
                          static_cast<double>(n) / 7.0;
        const double ch =
            ((height - kMonthGap * min_em * (rows - 1.0)) / rows - kMonthHead * min_em) / 6.0;
        const double score = std::min(cw, ch * 1.6);
        if (score > best_score) {
            best_score = score;
            cols = n;
        }
    }
    const double rows = std::ceil(static_cast<double>(grids.size()) / static_cast<double>(cols));
    const double cell_h =
        ((height - kMonthGap * min_em * (rows - 1.0)) / rows - kMonthHead * min_em) / 6.0;
    return plan_months(grids, width, static_cast<double>(cols), min_em, std::max(cell_h, 1.0),
                       courses, compact, measure);
}

std::vector<layout::MonthGrid> grids_of(const std::vector<chr::year_month>& months,
                                        const std::vector<planner::PlannedCourse>& courses,
                                        const layout::CalendarOptions& options) {
    std::vector<layout::MonthGrid> grids;
    for (const auto& month : months) grids.push_back(layout::month_grid(month, courses, options));
    return grids;
}

// Every month when they all fit at a readable size; else the first months that do (the
// caller says which are left out); else one month in fixed cells.
MonthsPlan arrange(Canvas& c, double width, double height,
                   const std::vector<layout::MonthGrid>& grids,
                   const std::vector<planner::PlannedCourse>& courses, const Style& style,
                   std::size_t fixed_cols, const layout::Measure& measure,
                   double max_height = 0.0) {
    constexpr double kReadable = 0.6;  // of the body size: smaller reads badly on a projector
    constexpr double kSmallest = 0.45;
    for (std::size_t shown = grids.size(); shown >= 1; --shown) {
        const std::vector<layout::MonthGrid> first(grids.begin(),
                                                   grids.begin() + static_cast<long>(shown));
        if (auto plan = arrange_all(c, width, height, first, courses, style, fixed_cols,
                                    style.em * kReadable, measure, max_height))
            return *plan;
    }
    const std::vector<layout::MonthGrid> one(grids.begin(), grids.begin() + 1);
    if (auto plan = arrange_all(c, width, height, one, courses, style, fixed_cols,
                                style.em * kSmallest, measure, max_height))
        return *plan;
    return arrange_fixed(width, height, one, courses, style.em * kSmallest, style.compact, measure);
}

// One month of `plan` with its top-left at (x, y): the title, the weekday header, then its
// week rows from `first` to `last` (exclusive).
void paint_month(Canvas& c, const MonthsPlan& plan, const layout::FittedMonth& month, double x,
                 double y, std::size_t first, std::size_t last, const std::string& title,
                 const Style& style, const std::vector<planner::PlannedCourse>& courses,
                 layout::LegendNeeds* needs) {
    const Palette& pal = style.pal();
    const double em = plan.em;
    double my = y;
    c.text(x, my + em * 0.1, title, Font{em * 1.1, true}, pal.text);
    my += em * 1.6;
    for (std::size_t d = 0; d < month.header_text.size(); ++d)
        c.text(x + static_cast<double>(d) * plan.cell.cell_w * em + em * plan.cell.pad, my,
               month.header_text[d], Font{em * plan.cell.small, false}, pal.text_dim);
    my += em * 1.3;
    const RowPaint p{style, plan.cell, em, true, true};
    for (std::size_t r = first; r < last; ++r) {
        const layout::FittedRow& row = month.rows[r];
        my += paint_row(c, row, x, my, courses, p);
        if (needs)
            for (const auto& cell : row.cells) needs->more = needs->more || !cell.hidden.empty();
    }
}

}  // namespace

double months_height(Canvas& c, double width, const std::vector<planner::PlannedCourse>& courses,
                     const std::vector<chr::year_month>& months,
                     const layout::CalendarOptions& options, const Style& style, std::size_t cols,
                     double max_height) {
    if (months.empty()) return style.em * 2.0;
    const layout::Measure measure = measure_for(c);
    return arrange(c, width, 0.0, grids_of(months, courses, options), courses, style, cols, measure,
                   max_height)
        .height();
}

std::size_t paint_months(Canvas& c, const Rect& area,
                         const std::vector<planner::PlannedCourse>& courses,
                         const std::vector<chr::year_month>& months,
                         const layout::CalendarOptions& options, const Style& style,
                         layout::LegendNeeds* needs, std::size_t cols, double max_height) {
    const Palette& pal = style.pal();
    if (months.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{style.em, false}, pal.text_dim);
        return 0;
    }
    const layout::Measure measure = measure_for(c);
    const MonthsPlan plan =
        arrange(c, area.w, cols > 0 ? 0.0 : area.h, grids_of(months, courses, options), courses,
                style, cols, measure, cols > 0 ? max_height : 0.0);
    const double em = plan.em;
    double y = area.y;
    for (std::size_t r = 0; r * plan.cols < plan.fitted.size(); ++r) {
        double tallest = 0.0;
        for (std::size_t col = 0; col < plan.cols; ++col) {
            const std::size_t i = r * plan.cols + col;
            if (i >= plan.fitted.size()) break;
            const layout::FittedMonth& month = plan.fitted[i];
            tallest = std::max(tallest, month.height);
            const double x = area.x + static_cast<double>(col) * (plan.month_w + kMonthGap * em);
            paint_month(c, plan, month, x, y, 0, month.rows.size(), month.title, style, courses,
                        needs);
        }
        y += (tallest + kMonthHead + kMonthGap) * em;
    }
    return plan.fitted.size();
}

MonthRows month_rows(Canvas& c, double width, const std::vector<planner::PlannedCourse>& courses,
                     const std::vector<chr::year_month>& months,
                     const layout::CalendarOptions& options, const Style& style, std::size_t cols) {
    const layout::Measure measure = measure_for(c);
    const MonthsPlan plan =
        arrange(c, width, 0.0, grids_of(months, courses, options), courses, style, cols, measure);
    MonthRows out;
    out.head = kMonthHead * plan.em;
    for (const auto& month : plan.fitted) {
        out.rows.emplace_back();
        for (const auto& row : month.rows) out.rows.back().push_back(row.height * plan.em);
    }
    return out;
}

double MonthRows::height(std::size_t first, std::size_t last) const {
    double tallest = 0.0;
    for (const auto& month : rows) {
        double h = 0.0;
        for (std::size_t r = first; r < std::min(last, month.size()); ++r) h += month[r];
        tallest = std::max(tallest, h);
    }
    return head + tallest;
}

std::size_t MonthRows::count() const {
    std::size_t most = 0;
    for (const auto& month : rows) most = std::max(most, month.size());
    return most;
}

void paint_month_rows(Canvas& c, const Rect& area,
                      const std::vector<planner::PlannedCourse>& courses,
                      const std::vector<chr::year_month>& months,
                      const layout::CalendarOptions& options, const Style& style, std::size_t cols,
                      std::size_t first, std::size_t last, layout::LegendNeeds* needs) {
    const layout::Measure measure = measure_for(c);
    const MonthsPlan plan =
        arrange(c, area.w, 0.0, grids_of(months, courses, options), courses, style, cols, measure);
    for (std::size_t k = 0; k < plan.fitted.size() && k < plan.cols; ++k) {
        const layout::FittedMonth& month = plan.fitted[k];
        if (first >= month.rows.size()) continue;  // a shorter month has ended
        const double x = area.x + static_cast<double>(k) * (plan.month_w + kMonthGap * plan.em);
        paint_month(c, plan, month, x, area.y, first, std::min(last, month.rows.size()),
                    first == 0 ? month.title : month.title + ", continued", style, courses, needs);
    }
}

}  // namespace render::detail
