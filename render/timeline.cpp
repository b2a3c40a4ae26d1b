// The comparison timeline: a painter of layout::timeline fitted by layout::fit_whole (the
// whole course), layout::axis_ticks (labels that never overlap) and layout::fit_lanes
// (phase names in their band, under it, shortened or sent to the legend).
#include <algorithm>
#include <cmath>
#include <string>

#include "render/paint.hpp"

namespace render::detail {

namespace layout = planner::layout;

namespace {

constexpr double kLabelLine = 1.3;  // em per phase-label line, at band_text size

struct Transform {
    double x0 = 0.0;  // the plot's left edge
    double em = 16.0;
    layout::TimelineView view;
    [[nodiscard]] double x(double day) const {
        return x0 + (day - view.pan_days) / view.days_per_em * em;
    }
};

void paint_lane(Canvas& c, const layout::Lane& lane, const layout::FittedLane& fitted,
                const std::vector<layout::AxisTick>& ticks, const Transform& t, const Rect& row,
                double label_w, const std::vector<planner::PlannedCourse>& courses,
                const Style& style) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Rgb color = course_color(lane.course);
    const Rect plot{row.x + label_w, row.y, row.w - label_w, row.h};
    const double band_size = em * t.view.band_text;
    const double line_h = band_size * kLabelLine;
    const double labels_bottom = row.y + em * 0.35 + fitted.lines * line_h;

    cairo_save(c.cr());
    cairo_rectangle(c.cr(), plot.x, plot.y, plot.w, plot.h);
    cairo_clip(c.cr());
    for (const auto& band : lane.phases) {
        const double bx = t.x(band.from_day);
        const double bw = t.x(band.to_day + 1) - bx;
        c.color(color, soft_alpha(style.theme) * 0.7);
        c.rounded_rect_path(bx, row.y + em * 0.25, bw, row.h - em * 0.5, em * 0.25);
        cairo_fill(c.cr());
        c.color(color);
        c.line(bx, row.y + em * 0.25, bx, row.bottom() - em * 0.25, std::max(1.0, em * 0.1));
    }
    // Week lines only below the phase labels, so no line runs through a name.
    for (const auto& tick : ticks) {
        const double x = t.x(tick.day);
        c.color(pal.grid, tick.label.empty() ? 0.45 : 0.9);
        c.line(x, labels_bottom, x, row.bottom(), 0.8);
    }
    for (const auto& label : fitted.labels) {
        const double x = plot.x + label.x * em;
        const double y = row.y + em * 0.35 + label.line * line_h;
        const double r = band_size * 0.45;
        marker_shape(c, x + em * 0.35 + r, y + line_h * 0.45, r, label.kind, color, pal.background,
                     false, text_on(color));
        if (!label.text.empty())
            c.text(x + em * 0.35 + 2.0 * r + em * 0.3, y, label.text, Font{band_size, false},
                   pal.text);
    }

    // Visits: the phase's shape carrying its glyph; windows as bars.
    const double cy = (labels_bottom + row.bottom()) / 2.0;
    const double room = std::max((row.bottom() - labels_bottom) * 0.4, em * 0.3);
    const double px_per_day = em / t.view.days_per_em;
    const double r = std::clamp(px_per_day * 0.42, em * 0.25, std::min(em * 0.62, room));
    for (const auto& mark : lane.visits) {
        if (mark.to_day > mark.from_day) {
            const double half = std::min(em * 0.5, room);
            const double bx = t.x(mark.from_day) + 1.0;
            const double bw = t.x(mark.to_day + 1) - 1.0 - bx;
            c.rounded_rect_path(bx, cy - half, bw, 2.0 * half, em * 0.2);
            c.color(pal.background);
            cairo_fill_preserve(c.cr());
            c.color(color, soft_alpha(style.theme));
            cairo_fill_preserve(c.cr());
            c.color(color);
            if (mark.optional) {
                dashed_stroke(c, em * 0.3, std::max(1.0, em * 0.08));
            } else {
                cairo_set_line_width(c.cr(), std::max(1.0, em * 0.08));
                cairo_stroke(c.cr());
            }
            // Labelled only where the word fits before a later window drawn over this one.
            double free_w = bw;
            for (const auto& other : lane.visits)
                if (other.to_day > other.from_day && other.from_day > mark.from_day &&
                    other.from_day <= mark.to_day)
                    free_w = std::min(free_w, t.x(other.from_day) - bx);
            const Font font{em * 0.85, false};
            if (c.measure("window", font).w + em * 0.6 <= free_w)
                c.text(bx + em * 0.3, cy - c.line_height(font) / 2.0, "window", font, pal.text);
        } else {
            marker_shape(c, t.x(mark.from_day + 0.5), cy, r, mark.kind,
                         mark.optional ? pal.background : color,
                         mark.optional ? color : pal.background, mark.optional,
                         mark.optional ? pal.text : text_on(color));
        }
    }
    cairo_restore(c.cr());

    // Label column: badge, the title wrapped at words (cut at a word when it runs long: the
    // legend gives it whole), then the route.
    const double side = em * 1.2;
    course_badge(c, row.x + em * 0.2, row.y + em * 0.35, side, lane.course);
    const double tx = row.x + em * 0.2 + side + em * 0.4;
    const double tw = label_w - (tx - row.x) - em * 0.4;
    const Font title{em, false};
    const double text_h = c.line_height(title);
    const int title_lines = std::max(1, static_cast<int>((row.h - em * 0.7) / text_h) - 1);
    const layout::Measure measure = measure_for(c);
    auto lines = layout::wrap_words(lane.label, tw / em, 1.0, false, measure);
    if (static_cast<int>(lines.size()) > title_lines) {
        std::string rest;
        for (std::size_t i = static_cast<std::size_t>(title_lines) - 1; i < lines.size(); ++i)
            rest += (rest.empty() ? "" : " ") + lines[i];
        lines.resize(static_cast<std::size_t>(title_lines));
        lines.back() = layout::shorten_words(rest, tw / em, 1.0, false, measure);
    }
    double ty = row.y + em * 0.35;
    for (const auto& l : lines) {
        c.text(tx, ty, l, title, pal.text);
        ty += text_h;
    }
    if (lane.course < courses.size() && ty + text_h <= row.bottom()) {
        // The route wraps at words too ("Subcutaneous injection" in a narrow column).
        const Font route{em * 0.85, false};
        const std::string name{planner::route_label(courses[lane.course].protocol.route)};
        for (const auto& l : layout::wrap_words(name, tw / route.size, 1.0, false, measure)) {
            if (ty + c.line_height(route) > row.bottom()) break;
            c.text(tx, ty + em * 0.1, l, route, pal.text_dim);
            ty += c.line_height(route);
        }
    }
    c.color(pal.grid);
    c.line(row.x, row.bottom(), row.right(), row.bottom(), 0.8);
}

}  // namespace

double timeline_label_width(double area_w, double em) {
    return std::clamp(area_w * 0.26, em * 9.0, em * 16.0);
}

double paint_timeline(Canvas& c, const Rect& area,
                      const std::vector<planner::PlannedCourse>& courses, const Style& style,
                      layout::LegendNeeds* needs) {
    const layout::Timeline tl = layout::timeline(courses, true);
    const Palette& pal = style.pal();
    const double em = style.em;
    if (tl.lanes.empty()) {
        c.text(area.x, area.y, "No course to show.", Font{em, false}, pal.text_dim);
        return c.line_height(Font{em, false});
    }
    const double label_w = timeline_label_width(area.w, em);
    const double axis_h = em * 2.0;
    const double lane_h =
        std::clamp((area.h - axis_h) / static_cast<double>(tl.lanes.size()), em * 3.6, em * 10.0);
    Transform t;
    t.x0 = area.x + label_w;
    t.em = em;
    t.view.plot_w = (area.w - label_w) / em;
    t.view.lane_h = lane_h / em;
    const layout::Fit whole = layout::fit_whole(tl, t.view.plot_w);
    t.view.days_per_em = whole.days_per_em;
    t.view.pan_days = whole.pan_days;
    const layout::Measure measure = measure_for(c);
    const auto ticks = layout::axis_ticks(tl, t.view, measure);
    const auto fitted = layout::fit_lanes(tl, t.view, measure);
    if (needs)
        for (const auto& fl : fitted)
            for (const std::size_t p : fl.dropped)
                needs->phase_names.push_back(
                    {tl.lanes[fl.lane].course, tl.lanes[fl.lane].phases[p].phase});

    // The axis: week ticks, labels where the layout put them, none cut at the right edge.
    const double plot_right = area.right();
    c.text(area.x + em * 0.2, area.y + em * 0.3, "weeks since each start", Font{em * 0.85, false},
           pal.text_dim);
    for (const auto& tick : ticks) {
        const double x = t.x(tick.day);
        if (x < t.x0 - 1.0 || x > plot_right + 1.0) continue;
        c.color(pal.grid);
        c.line(x, area.y + axis_h * (tick.label.empty() ? 0.75 : 0.45), x, area.y + axis_h,
               tick.label.empty() ? 1.0 : 1.5);
        const Font font{em * t.view.axis_text, false};
        if (tick.label.empty() || x + em * 0.3 + c.measure(tick.label, font).w > plot_right)
            continue;
        c.text(x + em * 0.3, area.y + em * 0.3, tick.label, font, pal.text_dim);
    }
    c.color(pal.grid);
    c.line(t.x0, area.y + axis_h, plot_right, area.y + axis_h, 1.0);
    double y = area.y + axis_h;
    for (std::size_t i = 0; i < tl.lanes.size(); ++i) {
        paint_lane(c, tl.lanes[i], fitted[i], ticks, t, Rect{area.x, y, area.w, lane_h}, label_w,
                   courses, style);
        y += lane_h;
    }
    return y - area.y;
}

}  // namespace render::detail
