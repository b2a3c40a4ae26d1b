// A slide: the title, the legend, one view and the disclaimer strip, at any size from
// 320 px to 8K. The disclaimer is always drawn whole (it wraps rather than shrinks).
#include <algorithm>
#include <string>

#include "planner/disclaimer.hpp"
#include "planner/export.hpp"
#include "planner/text.hpp"
#include "render/paint.hpp"
#include "render/render.hpp"

namespace render {

namespace layout = planner::layout;
using detail::Rect;
using detail::Style;

namespace detail {

double paint_legend(Canvas& c, double x, double y, double width,
                    const std::vector<planner::PlannedCourse>& courses,
                    const layout::LegendNeeds& needs, const Style& style, bool draw) {
    using layout::LegendKind;
    const Palette& pal = style.pal();
    const double em = style.em * 0.85;
    const Font font{em, false};
    const double line_h = c.line_height(font) * 1.2;
    const double gap = em * 1.1;
    const layout::Measure measure = measure_for(c);
    double cx = 0.0;
    double cy = 0.0;
    for (layout::LegendItem item : layout::legend(courses, needs)) {
        // A picture cannot be zoomed: its "+N" points to where every visit is listed.
        if (item.kind == LegendKind::more)
            item.text = style.compact
                            ? "more visits than fit here; the visit list below has every one"
                            : "more visits than fit here; the handout lists every visit";
        const bool badge = item.kind == LegendKind::course || item.kind == LegendKind::phase_name;
        const double key_w =
            badge ? em * (item.kind == LegendKind::phase_name ? 2.6 : 1.4) : em * 1.5;
        // A title wider than the line wraps at words, indented under its text.
        const auto lines = layout::wrap_words(item.text, (width - key_w) / em, 1.0, false, measure);
        double text_w = 0.0;
        for (const auto& l : lines) text_w = std::max(text_w, measure(l, false) * em);
        const double w = key_w + text_w;
        if (cx > 0.0 && cx + w > width) {
            cx = 0.0;
            cy += line_h;
        }
        if (draw) {
            const double ax = x + cx;
            const double mid = y + cy + line_h / 2.0;
            const Rgb first = course_color(0);
            switch (item.kind) {
                case LegendKind::course:
                    course_badge(c, ax, mid - em * 0.5, em, item.course);
                    break;
                case LegendKind::phase:
                    // Neutral grey: the phase shape is no course's.
                    marker_shape(c, ax + em * 0.55, mid, em * 0.5, item.phase, pal.text_dim,
                                 pal.background, false, pal.background);
                    break;
                case LegendKind::phase_name:
                    course_badge(c, ax, mid - em * 0.5, em, item.course);
                    marker_shape(c, ax + em * 1.65, mid, em * 0.42, item.phase,
                                 course_color(item.course), pal.background, false,
                                 text_on(course_color(item.course)));
                    break;
                case LegendKind::optional:
                    c.color(pal.text_dim);
                    c.rounded_rect_path(ax, mid - em * 0.4, em * 1.1, em * 0.8, em * 0.15);
                    dashed_stroke(c, em * 0.2, std::max(1.0, em * 0.08));
                    break;
                case LegendKind::window:
                    c.color(first, soft_alpha(style.theme));
                    c.fill_rect(ax, mid - em * 0.3, em * 1.1, em * 0.6);
                    c.color(first);
                    c.stroke_rect(ax, mid - em * 0.3, em * 1.1, em * 0.6, 1.0);
                    break;
                case LegendKind::moved:
                    c.color(first);
                    c.rounded_rect_path(ax, mid - em * 0.4, em * 1.1, em * 0.8, em * 0.15);
                    cairo_fill(c.cr());
                    c.color(text_on(first));
                    cairo_move_to(c.cr(), ax + em * 0.65, mid - em * 0.4);
                    cairo_line_to(c.cr(), ax + em * 1.1, mid - em * 0.4);
                    cairo_line_to(c.cr(), ax + em * 1.1, mid + em * 0.05);
                    cairo_close_path(c.cr());
                    cairo_fill(c.cr());
                    break;
                case LegendKind::closed:
                    c.color(pal.closed);
                    c.line(ax, mid + em * 0.4, ax + em * 1.1, mid - em * 0.4, 2.0);
                    break;
                case LegendKind::today:
                    c.color(pal.today);
                    c.stroke_rect(ax, mid - em * 0.4, em * 1.1, em * 0.8, 2.0);
                    break;
                case LegendKind::more:
                    c.text(ax, mid - c.line_height(Font{em, true}) / 2.0, item.key, Font{em, true},
                           pal.text);
                    break;
            }
            double ty = y + cy + (line_h - c.line_height(font)) / 2.0;
            for (const auto& l : lines) {
                c.text(ax + key_w, ty, l, font,
                       item.kind == LegendKind::course ? pal.text : pal.text_dim);
                ty += line_h;
            }
        }
        cy += line_h * static_cast<double>(std::max<std::size_t>(lines.size(), 1) - 1);
        cx += w + gap;
    }
    return cy + line_h;
}

double paint_figures(Canvas& c, const Rect& area,
                     const std::vector<planner::PlannedCourse>& courses, const Style& style) {
    std::vector<const planner::PlannedCourse*> shown;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden) {
            shown.push_back(&courses[i]);
            index.push_back(i);
        }
    if (shown.empty()) return 0.0;
    const Palette& pal = style.pal();
    const double em = style.em * 0.85;
    const Font label_font{em, true};
    const Font cell_font{em, false};
    const double label_w = timeline_label_width(area.w, style.em);
    const double col_w = (area.w - label_w) / static_cast<double>(shown.size());
    const double pad = em * 0.3;
    double y = area.y;
    // Each course's badge over its column.
    const double side = em * 1.1;
    for (std::size_t k = 0; k < shown.size(); ++k)
        course_badge(c, area.x + label_w + static_cast<double>(k) * col_w + pad, y, side, index[k]);
    c.text(area.x, y, "Figures from the sources", label_font, pal.text_dim,
           TextBox{label_w - pad, Align::left, 1, false});
    y += side + pad;
    for (const auto& row : planner::exporter::summary_rows(shown)) {
        if (row.label != "Visits" && row.label != "Each visit" && row.label != "Time in clinic" &&
            row.label != "Span")
            continue;
        double h = c.measure(row.label, label_font, TextBox{label_w - pad}).h;
        for (const auto& cell : row.cells)
            h = std::max(h, c.measure(cell, cell_font, TextBox{col_w - 2.0 * pad}).h);
        if (y + h + pad > area.bottom()) break;  // a row fits whole or not at all
        c.color(pal.grid);
        c.line(area.x, y, area.right(), y, 1.0);
        c.text(area.x, y + pad * 0.5, row.label, label_font, pal.text, TextBox{label_w - pad});
        for (std::size_t k = 0; k < row.cells.size() && k < shown.size(); ++k)
            c.text(area.x + label_w + static_cast<double>(k) * col_w + pad, y + pad * 0.5,
                   row.cells[k], cell_font, pal.text, TextBox{col_w - 2.0 * pad});
        y += h + pad;
    }
    return y - area.y;
}

}  // namespace detail

namespace {

[[nodiscard]] std::string slide_title(const std::vector<planner::PlannedCourse>& courses) {
    std::vector<const planner::PlannedCourse*> shown;
    for (const auto& pc : courses)
        if (!pc.course.hidden) shown.push_back(&pc);
    if (shown.empty()) return "No course";
    if (shown.size() == 1) return shown.front()->protocol.title;
    std::string title;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i > 0) title += " vs ";
        title += layout::short_name(shown[i]->protocol);
    }
    return title;
}

[[nodiscard]] std::string view_name(View view) {
    switch (view) {
        case View::calendar: return "Month calendar";
        case View::timeline: return "Comparison timeline";
        case View::week: return "Week by week";
    }
    return "";
}

// The disclaimer strip at the bottom; returns its height.
double paint_disclaimer(Canvas& c, double width, double height, const Style& style) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Font font{em * 0.85, true};
    const std::string text{planner::kDisclaimer};
    const double pad = em * 0.45;
    const TextBox box{width - 2.0 * em, Align::center, 0, false};
    const double h = c.measure(text, font, box).h + 2.0 * pad;
    c.color(pal.banner_bg);
    c.fill_rect(0.0, height - h, width, h);
    c.text(em, height - h + pad, text, font, pal.banner_text, box);
    return h;
}

// Everything but the legend's contents depends on how tall the legend is, and the legend
// on what the view drew ("+N more", phase names the timeline could not hold): paint once
// to learn the needs, then again for real.
layout::LegendNeeds paint_slide(Canvas& c, const std::vector<planner::PlannedCourse>& courses,
                                const SlideOptions& options,
                                const std::vector<layout::WeekStep>& steps,
                                const layout::LegendNeeds& legend_needs) {
    const double w = options.width;
    const double h = options.height;
    // Type scales with the picture: about 38 lines of text on the short side.
    Style style;
    style.theme = options.theme;
    style.em = std::clamp(std::min(w / 62.0, h / 38.0), 8.0, 120.0);
    const Palette& pal = style.pal();
    const double em = style.em;
    const double margin = em * 1.2;

    c.color(pal.background);
    c.fill_rect(0.0, 0.0, w, h);
    const std::string title = slide_title(courses);
    const Font title_font{em * 1.5, true};
    const Font sub_font{em * 0.9, false};
    const std::string sub = view_name(options.view);
    const double sub_w = c.measure(sub, sub_font).w;
    const Size ts = c.text(margin, margin * 0.8, title, title_font, pal.text,
                           TextBox{w - 2.0 * margin - sub_w - em, Align::left, 1, false});
    c.text(w - margin - sub_w, margin * 0.8 + (ts.h - c.line_height(sub_font)) / 2.0, sub, sub_font,
           pal.text_dim);
    double y = margin * 0.8 + ts.h + em * 0.3;
    y += detail::paint_legend(c, margin, y, w - 2.0 * margin, courses, legend_needs, style) +
         em * 0.5;

    const double strip = paint_disclaimer(c, w, h, style);
    const Rect body{margin, y, w - 2.0 * margin, h - strip - em * 0.8 - y};
    layout::LegendNeeds found;
    switch (options.view) {
        case View::calendar: {
            // A line kept for saying which months are left out, when some are.
            const auto months = layout::months_spanned(courses);
            const double note_h = c.line_height(Font{em * 0.9, false}) * 1.2;
            const Rect grid{body.x, body.y, body.w, body.h - note_h};
            const std::size_t shown =
                detail::paint_months(c, grid, courses, months, options.calendar, style, &found);
            if (shown > 0 && shown < months.size())
                c.text(body.x, grid.bottom() + note_h * 0.1,
                       "Shown: " + planner::text::month_title(months.front()) + " to " +
                           planner::text::month_title(months[shown - 1]) + ". The plan runs to " +
                           planner::text::month_title(months.back()) +
                           "; the timeline view shows all of it.",
                       Font{em * 0.9, false}, pal.text_dim);
            break;
        }
        case View::timeline: {
            // Room the lanes leave goes to each course's figures, under the lanes.
            const double used = detail::paint_timeline(c, body, courses, style, &found);
            const double gap = em * 1.2;
            if (body.h - used > em * 4.0)
                detail::paint_figures(
                    c, Rect{body.x, body.y + used + gap, body.w, body.h - used - gap}, courses,
                    style);
            break;
        }
        case View::week:
            detail::paint_week(c, body, courses, steps, options.week, options.calendar, style,
                               &found);
            break;
    }
    return found;
}

[[nodiscard]] bool same(const layout::LegendNeeds& a, const layout::LegendNeeds& b) {
    return a.today == b.today && a.more == b.more && a.phase_names == b.phase_names;
}

}  // namespace

planner::Result<std::string> slide(Format format,
                                   const std::vector<planner::PlannedCourse>& courses,
                                   const SlideOptions& options) {
    const auto in_range = [](int side) { return side >= kMinSlideSide && side <= kMaxSlideSide; };
    if (!in_range(options.width) || !in_range(options.height))
        return planner::Error{"--size", "each side from " + std::to_string(kMinSlideSide) + " to " +
                                            std::to_string(kMaxSlideSide) + " pixels"};
    const std::vector<layout::WeekStep> steps = layout::week_steps(courses);
    if (options.view == View::week && !steps.empty() &&
        (options.week < 0 || options.week >= static_cast<int>(steps.size())))
        return planner::Error{"--week", "a week from 1 to " + std::to_string(steps.size()) +
                                            " (the plan has " + std::to_string(steps.size()) +
                                            " weeks)"};

    // Dry runs on a one-pixel canvas (the same fonts measure the same) until the legend's
    // needs settle; two rounds are enough in practice, three bound it.
    layout::LegendNeeds needs;
    for (int round = 0; round < 3; ++round) {
        auto scratch = Canvas::create(Format::png, 1, 1, {});
        if (!scratch) return scratch.error();
        const layout::LegendNeeds found = paint_slide(**scratch, courses, options, steps, needs);
        if (same(found, needs)) break;
        needs = found;
    }

    const std::string title = slide_title(courses);
    auto canvas =
        Canvas::create(format, options.width, options.height,
                       DocumentInfo{title + " - " + view_name(options.view), options.timestamp});
    if (!canvas) return canvas.error();
    Canvas& c = **canvas;
    paint_slide(c, courses, options, steps, needs);

    std::string desc = view_name(options.view) + ". ";
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden)
            desc += detail::letter_of(i) + ": " + courses[i].protocol.title + ". ";
    if (options.view == View::week && !steps.empty())
        for (const auto& line : steps[static_cast<std::size_t>(options.week)].lines)
            desc += line.text + ". ";
    desc += std::string{planner::kDisclaimer};
    return c.finish(title, desc);
}

}  // namespace render
