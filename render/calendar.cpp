// Month grids: a painter of layout::month_grid. Months are arranged side by side and
// in rows to fill the rectangle; inside a cell, chips, windows and closed days are
// drawn as the layout placed them.
#include <algorithm>
#include <array>
#include <cmath>
#include <string>

#include "planner/text.hpp"
#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

struct Metrics {
    double em = 16.0;
    double cell_w = 0.0;
    double cell_h = 0.0;
    double head_h = 0.0;  // month name
    double days_h = 0.0;  // weekday header
    double num_h = 0.0;   // the day number line inside a cell
    double chip_h = 0.0;
    double band_h = 0.0;
    double pad = 0.0;
};

[[nodiscard]] Metrics metrics(double em, double cell_w, double cell_h) {
    Metrics m;
    m.em = em;
    m.cell_w = cell_w;
    m.cell_h = cell_h;
    m.head_h = em * 1.7;
    m.days_h = em * 1.3;
    m.num_h = em * 1.15;
    m.chip_h = em * 1.2;
    m.band_h = em * 1.0;
    m.pad = em * 0.2;
    return m;
}

using BandKey = std::pair<std::size_t, std::size_t>;

// Windows crossing a week row, each keeping one slot across the row.
std::vector<BandKey> band_slots(const std::vector<layout::DayCell>& week) {
    std::vector<BandKey> slots;
    for (const auto& cell : week) {
        if (!cell.in_month) continue;
        for (const auto& b : cell.bands) {
            const BandKey key{b.course, b.visit};
            if (std::find(slots.begin(), slots.end(), key) == slots.end()) slots.push_back(key);
        }
    }
    return slots;
}

void paint_chip(Canvas& c, const layout::Chip& chip, double x, double y, double w, double h,
                const Metrics& m, const Style& style) {
    const Rgb color = course_color(chip.course);
    const double round = m.em * 0.25;
    Rgb ink = text_on(color);
    c.rounded_rect_path(x, y, w, h, round);
    if (chip.optional) {
        c.color(style.pal().background);
        cairo_fill_preserve(c.cr());
        c.color(color, soft_alpha(style.theme));
        cairo_fill_preserve(c.cr());
        c.color(color);
        const double dash = m.em * 0.25;
        cairo_set_dash(c.cr(), &dash, 1, 0.0);
        cairo_set_line_width(c.cr(), std::max(1.0, m.em * 0.09));
        cairo_stroke(c.cr());
        cairo_set_dash(c.cr(), nullptr, 0, 0.0);
        ink = style.pal().text;
    } else {
        c.color(color);
        cairo_fill(c.cr());
    }
    if (chip.moved) {  // a folded corner: moved off a closed day
        const double s = std::min(h * 0.5, m.em * 0.5);
        c.color(ink);
        cairo_move_to(c.cr(), x + w - s, y);
        cairo_line_to(c.cr(), x + w, y);
        cairo_line_to(c.cr(), x + w, y + s);
        cairo_close_path(c.cr());
        cairo_fill(c.cr());
    }
    const Font bold{m.em * 0.8, true};
    const Font body{m.em * 0.8, false};
    const std::string letter = letter_of(chip.course);
    const double ty = y + (h - c.line_height(bold)) / 2.0;
    const double lx = x + m.em * 0.25;
    const Size ls = c.measure(letter, bold);
    if (ls.w + m.em * 0.3 > w) return;
    c.text(lx, ty, letter, bold, ink);
    const std::string mark = std::string(1, chip.marker) + (chip.optional ? "*" : "");
    const double rx = lx + ls.w + m.em * 0.3;
    const double room = x + w - rx - (chip.moved ? m.em * 0.5 : m.em * 0.15);
    if (c.measure(mark, body).w <= room) c.text(rx, ty, mark, body, ink);
}

// The parts of a month are painted in passes so a window's label, which may run on over
// the next cells of its row, is never covered by them.
enum class Pass { cells, marks, labels };

void paint_band(Canvas& c, const layout::BandPart& band, Pass pass, double x, double y, double w,
                double h, double label_room, const std::vector<planner::PlannedCourse>& courses,
                const Metrics& m, const Style& style) {
    const Rgb color = course_color(band.course);
    const planner::Visit* v =
        band.course < courses.size() && band.visit < courses[band.course].expansion.visits.size()
            ? &courses[band.course].expansion.visits[band.visit]
            : nullptr;
    if (pass == Pass::marks) {
        c.color(color, soft_alpha(style.theme));
        c.fill_rect(x, y, w, h);
        c.color(color);
        const double line = std::max(1.0, m.em * 0.08);
        const double dash = v && v->optional ? m.em * 0.25 : 0.0;
        c.line(x, y, x + w, y, line, dash);
        c.line(x, y + h, x + w, y + h, line, dash);
        if (band.starts_here) c.fill_rect(x, y, m.em * 0.15, h);
        if (band.ends_here) c.fill_rect(x + w - m.em * 0.15, y, m.em * 0.15, h);
        return;
    }
    char marker = 'B';
    if (v && v->phase < courses[band.course].protocol.phases.size())
        marker = planner::phase_marker(courses[band.course].protocol.phases[v->phase].kind);
    const std::string text =
        letter_of(band.course) + " " + marker + " window" + (v && v->optional ? "*" : "");
    const Font font{m.em * 0.7, false};
    cairo_save(c.cr());
    cairo_rectangle(c.cr(), x, y, label_room, h);
    cairo_clip(c.cr());
    c.text(x + m.em * 0.3, y + (h - c.line_height(font)) / 2.0, text, font, style.pal().text);
    cairo_restore(c.cr());
}

void paint_cell(Canvas& c, Pass pass, const layout::DayCell& cell,
                const std::vector<layout::DayCell>& week, std::size_t column,
                const std::vector<BandKey>& slots, double x, double y,
                const std::vector<planner::PlannedCourse>& courses, const Metrics& m,
                const Style& style) {
    const Palette& pal = style.pal();
    const Font num_font{m.em * 0.8, false};
    const std::string num = std::to_string(static_cast<unsigned>(cell.date.day()));
    if (pass == Pass::cells) {
        c.color(cell.in_month ? pal.background : pal.other_month);
        c.fill_rect(x, y, m.cell_w, m.cell_h);
        c.color(pal.grid);
        c.stroke_rect(x, y, m.cell_w, m.cell_h, std::max(0.5, m.em * 0.05));
        c.text(x + m.pad * 1.5, y + m.pad, num, num_font, cell.in_month ? pal.text : pal.text_dim);
    }
    if (!cell.in_month) return;

    if (pass == Pass::cells && !cell.closed_for.empty()) {
        c.color(pal.closed);
        c.line(x + m.pad, y + m.cell_h - m.pad, x + m.cell_w - m.pad, y + m.pad,
               std::max(1.0, m.em * 0.08));
        std::string hint = "closed";
        for (const std::size_t k : cell.closed_for) hint += " " + letter_of(k);
        const Font small{m.em * 0.7, false};
        const Size hs = c.measure(hint, small);
        if (hs.w + m.em * 1.6 < m.cell_w)
            c.text(x + m.cell_w - hs.w - m.pad * 1.5, y + m.pad * 1.5, hint, small, pal.closed);
    }

    // Chips as far as the cell holds them above the window slots, then "+N more".
    const double bands_h = static_cast<double>(slots.size()) * m.band_h;
    const double room = m.cell_h - m.num_h - bands_h - m.pad;
    const auto fit = static_cast<std::size_t>(std::max(0.0, std::floor(room / m.chip_h)));
    const std::size_t n = cell.chips.size();
    const std::size_t shown = n <= fit ? n : (fit == 0 ? 0 : fit - 1);
    double cy = y + m.num_h;
    for (std::size_t i = 0; i < shown && pass == Pass::marks; ++i) {
        paint_chip(c, cell.chips[i], x + m.pad, cy + static_cast<double>(i) * m.chip_h,
                   m.cell_w - 2.0 * m.pad, m.chip_h - m.em * 0.15, m, style);
    }
    if (shown < n && pass == Pass::marks) {
        cy += static_cast<double>(shown) * m.chip_h;
        const std::string more = "+" + std::to_string(n - shown) + " more";
        const Font small{m.em * 0.7, true};
        c.text(x + m.pad * 1.5, cy + (m.chip_h - c.line_height(small)) / 2.0, more, small,
               pal.text);
    }

    const double band_top = y + m.cell_h - m.pad - bands_h;
    for (const auto& band : cell.bands) {
        if (pass == Pass::cells) break;
        const auto it = std::find(slots.begin(), slots.end(), BandKey{band.course, band.visit});
        const double by = band_top + static_cast<double>(it - slots.begin()) * m.band_h;
        const double bx = band.starts_here ? x + m.pad : x;
        const double bw = (band.ends_here ? x + m.cell_w - m.pad : x + m.cell_w) - bx;
        const bool continues =
            column > 0 && week[column - 1].in_month &&
            std::any_of(
                week[column - 1].bands.begin(), week[column - 1].bands.end(),
                [&](const auto& p) { return p.course == band.course && p.visit == band.visit; });
        // The label may run on over the following cells of the row that the window crosses.
        std::size_t run = 1;
        while (column + run < week.size() &&
               std::any_of(
                   week[column + run].bands.begin(), week[column + run].bands.end(),
                   [&](const auto& p) { return p.course == band.course && p.visit == band.visit; }))
            ++run;
        if (pass == Pass::labels && continues) continue;
        paint_band(c, band, pass, bx, by, bw, m.band_h - m.em * 0.15,
                   static_cast<double>(run) * m.cell_w - m.pad, courses, m, style);
    }
}

void paint_month(Canvas& c, const layout::MonthGrid& grid, double x, double y, const Metrics& m,
                 const std::vector<planner::PlannedCourse>& courses, const Style& style) {
    const Palette& pal = style.pal();
    const std::string title = planner::text::month_title(grid.month);
    c.text(x, y + m.em * 0.2, title, Font{m.em * 1.1, true}, pal.text);
    const double days_y = y + m.head_h;
    for (std::size_t i = 0; i < grid.header.size(); ++i)
        c.text(x + static_cast<double>(i) * m.cell_w + m.pad * 1.5, days_y,
               planner::text::weekday_short(grid.header[i]), Font{m.em * 0.75, false},
               pal.text_dim);
    for (const Pass pass : {Pass::cells, Pass::marks, Pass::labels}) {
        double ry = days_y + m.days_h;
        for (const auto& week : grid.weeks) {
            const auto slots = band_slots(week);
            for (std::size_t col = 0; col < week.size(); ++col)
                paint_cell(c, pass, week[col], week, col, slots,
                           x + static_cast<double>(col) * m.cell_w, ry, courses, m, style);
            ry += m.cell_h;
        }
    }
}

}  // namespace

double month_height(const Canvas& /*c*/, double width, const Style& style) {
    const double cell_w = width / 7.0;
    const Metrics m = metrics(style.em, cell_w, 0.0);
    return m.head_h + m.days_h + 6.0 * (m.num_h + m.chip_h + m.band_h + m.pad);
}

void paint_months(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                  const std::vector<chr::year_month>& months,
                  const layout::CalendarOptions& options, const Style& style) {
    if (months.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{style.em, false}, style.pal().text_dim);
        return;
    }
    std::vector<layout::MonthGrid> grids;
    for (const auto& month : months) grids.push_back(layout::month_grid(month, courses, options));
    const double gap = style.em;
    const double head = style.em * (1.7 + 1.3);

    // Columns that give the roomiest cells: wide enough for a chip label, tall enough for
    // the chips of a busy day.
    std::size_t best_cols = 1;
    double best_score = -1.0;
    for (std::size_t cols = 1; cols <= std::min<std::size_t>(grids.size(), 6); ++cols) {
        const std::size_t rows = (grids.size() + cols - 1) / cols;
        const double cell_w =
            (area.w - gap * static_cast<double>(cols - 1)) / static_cast<double>(cols) / 7.0;
        const double cell_h =
            ((area.h - gap * static_cast<double>(rows - 1)) / static_cast<double>(rows) - head) /
            6.0;
        const double score = std::min(cell_w, cell_h * 1.5);
        if (score > best_score) {
            best_score = score;
            best_cols = cols;
        }
    }
    const std::size_t cols = best_cols;
    const std::size_t rows = (grids.size() + cols - 1) / cols;
    const double month_w =
        (area.w - gap * static_cast<double>(cols - 1)) / static_cast<double>(cols);
    const double month_h =
        (area.h - gap * static_cast<double>(rows - 1)) / static_cast<double>(rows);
    // Smaller type when the cells are small, so a day number and a chip still fit.
    Style s = style;
    s.em = std::min(style.em, std::max(style.em * 0.5, (month_h - head) / 6.0 / 2.6));
    s.em = std::min(s.em, month_w / 7.0 / 2.6);
    s.em = std::max(s.em, c.min_font_size() / kSmallestText);
    for (std::size_t i = 0; i < grids.size(); ++i) {
        const std::size_t r = i / cols;
        const std::size_t col = i % cols;
        std::size_t weeks = 0;
        for (std::size_t k = r * cols; k < std::min(grids.size(), (r + 1) * cols); ++k)
            weeks = std::max(weeks, grids[k].weeks.size());
        const double cell_h =
            (month_h - s.em * (1.7 + 1.3)) / static_cast<double>(std::max<std::size_t>(weeks, 4));
        const Metrics m = metrics(s.em, month_w / 7.0, std::min(cell_h, month_w / 7.0 * 1.2));
        paint_month(c, grids[i], area.x + static_cast<double>(col) * (month_w + gap),
                    area.y + static_cast<double>(r) * (month_h + gap), m, courses, s);
    }
}

}  // namespace render::detail
