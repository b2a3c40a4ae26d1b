// The comparison timeline: a painter of layout::timeline, fitted so the whole course
// shows from its first day. Lanes share the height; phases are bands, visits marks.
#include <algorithm>
#include <cmath>
#include <string>

#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

struct Transform {
    double x0 = 0.0;
    double px_per_day = 1.0;
    [[nodiscard]] double x(double day) const { return x0 + (day + 1.0) * px_per_day; }
};

void paint_axis(Canvas& c, const layout::Timeline& tl, const Transform& t, const Rect& plot,
                double axis_h, const Style& style) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Font font{em * 0.8, false};
    const double label_w = c.measure("Week 52", font).w + em * 0.6;
    const double px_week = 7.0 * t.px_per_day;
    const int every = std::max(1, static_cast<int>(std::ceil(label_w / std::max(px_week, 1.0))));
    const int weeks = tl.last_day / 7 + 1;
    for (int w = 0; w <= weeks; ++w) {
        const double x = t.x(static_cast<double>(w * 7));
        if (x > plot.right()) break;
        c.color(pal.grid);
        c.line(x, plot.y + axis_h * 0.6, x, plot.bottom(), w % every == 0 ? 1.2 : 0.6);
        if (w % every != 0 || w == weeks) continue;
        if (x + label_w > plot.right() + em) continue;
        c.text(x + em * 0.25, plot.y + em * 0.2, "Week " + std::to_string(w + 1), font,
               pal.text_dim);
    }
    c.color(pal.grid);
    c.line(plot.x, plot.y + axis_h, plot.right(), plot.y + axis_h, 1.0);
}

void paint_lane(Canvas& c, const layout::Lane& lane, const Transform& t, const Rect& row,
                double label_w, const std::vector<planner::PlannedCourse>& courses,
                const Style& style) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Rgb color = course_color(lane.course);
    const Rect plot{row.x + label_w, row.y, row.w - label_w, row.h};

    cairo_save(c.cr());
    cairo_rectangle(c.cr(), plot.x, plot.y, plot.w, plot.h);
    cairo_clip(c.cr());
    const Font band_font{em * 0.75, false};
    for (const auto& band : lane.phases) {
        const double bx = t.x(band.from_day);
        const double bw = t.x(band.to_day + 1) - bx;
        c.color(color, soft_alpha(style.theme) * 0.7);
        c.rounded_rect_path(bx, row.y + em * 0.25, bw, row.h - em * 0.5, em * 0.25);
        cairo_fill(c.cr());
        c.color(color);
        c.line(bx, row.y + em * 0.25, bx, row.bottom() - em * 0.25, std::max(1.0, em * 0.1));
        double next_x = plot.right();
        for (const auto& other : lane.phases)
            if (other.from_day > band.from_day) next_x = std::min(next_x, t.x(other.from_day));
        cairo_save(c.cr());
        cairo_rectangle(c.cr(), bx, row.y, next_x - bx - em * 0.2, row.h);
        cairo_clip(c.cr());
        c.text(bx + em * 0.3, row.y + em * 0.3, std::string(1, band.marker) + "  " + band.label,
               band_font, pal.text_dim);
        cairo_restore(c.cr());
    }

    const double cy = row.y + row.h * 0.62;
    const double r = std::clamp(t.px_per_day * 0.42, em * 0.22, em * 0.55);
    for (const auto& mark : lane.visits) {
        if (mark.to_day > mark.from_day) {
            const double bx = t.x(mark.from_day) + 1.0;
            const double bw = t.x(mark.to_day + 1) - 1.0 - bx;
            c.rounded_rect_path(bx, cy - em * 0.45, bw, em * 0.9, em * 0.2);
            c.color(pal.background);
            cairo_fill_preserve(c.cr());
            c.color(color, soft_alpha(style.theme));
            cairo_fill_preserve(c.cr());
            c.color(color);
            cairo_set_line_width(c.cr(), std::max(1.0, em * 0.08));
            if (mark.optional) {
                const double dash = em * 0.25;
                cairo_set_dash(c.cr(), &dash, 1, 0.0);
            }
            cairo_stroke(c.cr());
            cairo_set_dash(c.cr(), nullptr, 0, 0.0);
            const Font font{em * 0.7, false};
            std::string label = std::string(1, mark.marker) + " window";
            if (c.measure(label, font).w + em * 0.5 > bw) label.resize(1);
            if (c.measure(label, font).w + em * 0.3 <= bw)
                c.text(bx + em * 0.25, cy - c.line_height(font) / 2.0, label, font, pal.text);
        } else {
            const double cx = t.x(mark.from_day + 0.5);
            marker_shape(c, cx, cy, r, mark.marker, mark.optional ? pal.background : color,
                         mark.optional ? color : pal.background, mark.optional);
            // The letter repeats what the shape says; it is left out when it would be tiny.
            if (r >= em * 0.4 && r * 1.2 >= std::max(c.min_font_size(), em * kSmallestText)) {
                const std::string letter(1, mark.marker);
                const Font font{r * 1.2, true};
                const Size s = c.measure(letter, font);
                c.text(cx - s.w / 2.0, cy - s.h / 2.0, letter, font,
                       mark.optional ? pal.text : text_on(color));
            }
        }
    }
    cairo_restore(c.cr());

    // Label column: badge, title on up to two lines, the route.
    const double side = em * 1.2;
    course_badge(c, row.x + em * 0.2, row.y + em * 0.35, side, lane.course);
    const double tx = row.x + em * 0.2 + side + em * 0.4;
    const double tw = label_w - (tx - row.x) - em * 0.4;
    const Font title{em * 0.8, true};
    const Size ts = c.text(tx, row.y + em * 0.3, lane.label, title, pal.text,
                           TextBox{tw, Align::left, 2, false});
    if (lane.course < courses.size() && row.y + em * 0.3 + ts.h + em < row.bottom())
        c.text(tx, row.y + em * 0.35 + ts.h,
               std::string(planner::route_label(courses[lane.course].protocol.route)),
               Font{em * 0.7, false}, pal.text_dim, TextBox{tw, Align::left, 1, false});
    c.color(pal.grid);
    c.line(row.x, row.bottom(), row.right(), row.bottom(), 0.8);
}

}  // namespace

void paint_timeline(Canvas& c, const Rect& area, const std::vector<planner::PlannedCourse>& courses,
                    const Style& style) {
    const layout::Timeline tl = layout::timeline(courses, true);
    const double em = style.em;
    if (tl.lanes.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{em, false}, style.pal().text_dim);
        return;
    }
    const double label_w = std::clamp(area.w * 0.24, em * 7.0, em * 14.0);
    const double axis_h = em * 1.6;
    const double lane_h =
        std::clamp((area.h - axis_h) / static_cast<double>(tl.lanes.size()), em * 3.2, em * 9.0);
    const Rect plot{area.x + label_w, area.y, area.w - label_w,
                    axis_h + lane_h * static_cast<double>(tl.lanes.size())};
    Transform t;
    t.x0 = plot.x;
    t.px_per_day = plot.w / static_cast<double>(tl.last_day + 3);
    c.text(area.x + em * 0.2, area.y + em * 0.2, "weeks since each start", Font{em * 0.75, false},
           style.pal().text_dim);
    paint_axis(c, tl, t, plot, axis_h, style);
    double y = area.y + axis_h;
    for (const auto& lane : tl.lanes) {
        paint_lane(c, lane, t, Rect{area.x, y, area.w, lane_h}, label_w, courses, style);
        y += lane_h;
    }
}

}  // namespace render::detail
