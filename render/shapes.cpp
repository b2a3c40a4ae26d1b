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
    c.rounded_rect_path(x, y, side, side, side * 0.2);
    cairo_fill(c.cr());
    const std::string letter = letter_of(course);
    const Font font{side * 0.72, true};
    const Size s = c.measure(letter, font);
    c.text(x + (side - s.w) / 2.0, y + (side - s.h) / 2.0, letter, font, text_on(color));
}

void marker_shape(Canvas& c, double cx, double cy, double r, char marker, Rgb fill, Rgb outline,
                  bool hollow) {
    cairo_t* cr = c.cr();
    constexpr double kPi = 3.14159265358979323846;
    cairo_new_path(cr);
    switch (marker) {
        case 'M':  // diamond
            cairo_move_to(cr, cx, cy - r * 1.15);
            cairo_line_to(cr, cx + r * 1.15, cy);
            cairo_line_to(cr, cx, cy + r * 1.15);
            cairo_line_to(cr, cx - r * 1.15, cy);
            cairo_close_path(cr);
            break;
        case 'B':  // square
            c.rounded_rect_path(cx - r * 0.9, cy - r * 0.9, r * 1.8, r * 1.8, r * 0.25);
            break;
        default:  // circle
            cairo_arc(cr, cx, cy, r, 0.0, 2.0 * kPi);
            break;
    }
    c.color(fill);
    cairo_fill_preserve(cr);
    c.color(outline);
    cairo_set_line_width(cr, std::max(1.0, r * 0.18));
    if (hollow) {
        const double dash = std::max(1.5, r * 0.45);
        cairo_set_dash(cr, &dash, 1, 0.0);
    }
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0.0);
}

}  // namespace render::detail
