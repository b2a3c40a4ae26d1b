// Small shapes shared by the painters: badges, phase marker shapes, ink on a fill.
#include <algorithm>
#include <array>
#include <string>

#include "planner/layout.hpp"
#include "render/paint.hpp"

namespace render::detail {

Rgb text_on(Rgb fill) {
    // Relative luminance, roughly: yellow and orange take black, blue and vermillion white.
    const double y = 0.2126 * fill.r + 0.7152 * fill.g + 0.0722 * fill.b;
    return y > 140.0 ? Rgb{0, 0, 0} : Rgb{255, 255, 255};
}

void course_badge(Canvas& c, double x, double y, double side, std::size_t course) {
    const Rgb color = course_color(course);
    c.color(color);
    c.rounded_rect_path(x, y, side, side, side * 0.25);
    cairo_fill(c.cr());
    const std::string letter = letter_of(course);
    // Two letters (AA) are set smaller so they stay inside the badge.
    const Font font{std::max(side * (letter.size() > 1 ? 0.55 : 0.75), c.min_font_size()), true};
    const Size s = c.measure(letter, font);
    c.text(x + (side - s.w) / 2.0, y + (side - s.h) / 2.0, letter, font, text_on(color));
}

void marker_shape(Canvas& c, double cx, double cy, double r, planner::PhaseKind kind, Rgb fill,
                  Rgb outline, bool hollow, Rgb glyph) {
    cairo_t* cr = c.cr();
    constexpr double kPi = 3.14159265358979323846;
    cairo_new_path(cr);
    switch (planner::phase_shape(kind)) {
        case planner::PhaseShape::diamond:
            cairo_move_to(cr, cx, cy - r * 1.2);
            cairo_line_to(cr, cx + r * 1.2, cy);
            cairo_line_to(cr, cx, cy + r * 1.2);
            cairo_line_to(cr, cx - r * 1.2, cy);
            cairo_close_path(cr);
            break;
        case planner::PhaseShape::square:
            c.rounded_rect_path(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, r * 0.25);
            break;
        case planner::PhaseShape::circle: cairo_arc(cr, cx, cy, r, 0.0, 2.0 * kPi); break;
    }
    c.color(fill);
    cairo_fill_preserve(cr);
    c.color(outline);
    if (hollow) {
        dashed_stroke(c, std::max(1.5, r * 0.35), std::max(1.5, r * 0.2));
    } else {
        cairo_set_line_width(cr, 1.0);
        cairo_stroke(cr);
    }
    // The glyph only where it can be read; the shape alone still tells the phase.
    const double size = r * 1.45;
    if (r < 6.0 || size < c.min_font_size()) return;
    const std::string text(1, planner::phase_marker(kind));
    const Font font{size, false};
    const Size s = c.measure(text, font);
    c.text(cx - s.w / 2.0, cy - s.h * 0.55, text, font, glyph);
}

}  // namespace render::detail
