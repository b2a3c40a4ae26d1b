// A slide: the title, the legend, one view and the disclaimer strip, at any size from
// 320 px to 8K. The disclaimer is always drawn whole (it wraps rather than shrinks).
#include <algorithm>
#include <array>
#include <string>

#include "planner/disclaimer.hpp"
#include "render/paint.hpp"
#include "render/render.hpp"

namespace render {

namespace layout = planner::layout;
using detail::Rect;
using detail::Style;

namespace detail {

double paint_legend(Canvas& c, double x, double y, double width,
                    const std::vector<planner::PlannedCourse>& courses, const Style& style,
                    bool draw) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Font font{em * 0.8, false};
    const double line_h = c.line_height(font) * 1.25;
    const double gap = em * 1.0;
    double cx = x;
    double cy = y;
    // Flow layout: an item goes on the current line when it fits, else on the next.
    const auto place = [&](double w) {
        if (cx > x && cx + w > x + width) {
            cx = x;
            cy += line_h;
        }
        const double at = cx;
        cx += w + gap;
        return at;
    };
    for (std::size_t i = 0; i < courses.size(); ++i) {
        if (courses[i].course.hidden) continue;
        const std::string& title = courses[i].protocol.title;
        const double side = em;
        const double tw = std::min(c.measure(title, font).w, width - side - em * 0.4);
        const double at = place(side + em * 0.4 + tw);
        if (draw) {
            course_badge(c, at, cy + (line_h - side) / 2.0 - em * 0.05, side, i);
            c.text(at + side + em * 0.4, cy + (line_h - c.line_height(font)) / 2.0, title, font,
                   pal.text, TextBox{tw + 1.0, Align::left, 0, true});
        }
    }
    static constexpr std::array<const char*, 6> kKeys{
        "I induction",         "M maintenance",        "B booster",
        "* optional (dashed)", "folded corner: moved", "/ clinic closed"};
    for (const char* key : kKeys) {
        const double at = place(c.measure(key, font).w);
        if (draw) c.text(at, cy + (line_h - c.line_height(font)) / 2.0, key, font, pal.text_dim);
    }
    return cy + line_h - y;
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
double paint_disclaimer(Canvas& c, double width, double height, const Style& style, bool draw) {
    const Palette& pal = style.pal();
    const double em = style.em;
    const Font font{em * 0.8, true};
    const std::string text{planner::kDisclaimer};
    const double pad = em * 0.45;
    const Size s = c.measure(text, font, TextBox{width - 2.0 * em, Align::center, 0, false});
    const double h = s.h + 2.0 * pad;
    if (draw) {
        c.color(pal.banner_bg);
        c.fill_rect(0.0, height - h, width, h);
        c.text(em, height - h + pad, text, font, pal.banner_text,
               TextBox{width - 2.0 * em, Align::center, 0, false});
    }
    return h;
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

    const std::string title = slide_title(courses);
    auto canvas =
        Canvas::create(format, options.width, options.height,
                       DocumentInfo{title + " - " + view_name(options.view), options.timestamp});
    if (!canvas) return canvas.error();
    Canvas& c = **canvas;
    const double w = options.width;
    const double h = options.height;
    // Type scales with the picture: about 40 lines of text on the short side.
    Style style;
    style.theme = options.theme;
    style.em = std::clamp(std::min(w / 62.0, h / 38.0), 8.0, 120.0);
    const Palette& pal = style.pal();
    const double em = style.em;
    const double margin = em * 1.2;

    c.color(pal.background);
    c.fill_rect(0.0, 0.0, w, h);

    // Title and the view's name.
    const Font title_font{em * 1.5, true};
    const Font sub_font{em * 0.9, false};
    const std::string sub = view_name(options.view);
    const double sub_w = c.measure(sub, sub_font).w;
    const Size ts = c.text(margin, margin * 0.8, title, title_font, pal.text,
                           TextBox{w - 2.0 * margin - sub_w - em, Align::left, 1, false});
    c.text(w - margin - sub_w, margin * 0.8 + (ts.h - c.line_height(sub_font)) / 2.0, sub, sub_font,
           pal.text_dim);
    double y = margin * 0.8 + ts.h + em * 0.3;
    y += detail::paint_legend(c, margin, y, w - 2.0 * margin, courses, style) + em * 0.6;

    const double strip = paint_disclaimer(c, w, h, style, true);
    const Rect body{margin, y, w - 2.0 * margin, h - strip - em * 0.8 - y};
    switch (options.view) {
        case View::calendar:
            detail::paint_months(c, body, courses, layout::months_spanned(courses),
                                 options.calendar, style);
            break;
        case View::timeline: detail::paint_timeline(c, body, courses, style); break;
        case View::week:
            detail::paint_week(c, body, courses, steps, options.week, options.calendar, style);
            break;
    }

    std::string desc = view_name(options.view) + ". ";
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden)
            desc += detail::letter_of(i) + ": " + courses[i].protocol.title + ". ";
    if (options.view == View::week && !steps.empty())
        desc += steps[static_cast<std::size_t>(options.week)].caption + ". ";
    desc += std::string{planner::kDisclaimer};
    return c.finish(title, desc);
}

}  // namespace render
