// The pictures (render/palette.hpp) and the window (ui/theme.cpp) use the same colours.
#include "render/palette.hpp"

#include <doctest/doctest.h>

#include "ui/theme.hpp"

namespace {

render::Rgb rgb(ImU32 c) {
    return render::Rgb{static_cast<std::uint8_t>((c >> IM_COL32_R_SHIFT) & 0xFF),
                       static_cast<std::uint8_t>((c >> IM_COL32_G_SHIFT) & 0xFF),
                       static_cast<std::uint8_t>((c >> IM_COL32_B_SHIFT) & 0xFF)};
}

void check_same(const ui::Palette& u, const render::Palette& r) {
    CHECK(rgb(u.background) == r.background);
    CHECK(rgb(u.text) == r.text);
    CHECK(rgb(u.text_dim) == r.text_dim);
    CHECK(rgb(u.grid) == r.grid);
    CHECK(rgb(u.other_month) == r.other_month);
    CHECK(rgb(u.today) == r.today);
    CHECK(rgb(u.closed) == r.closed);
    CHECK(rgb(u.selection) == r.selection);
    CHECK(rgb(u.highlight) == r.highlight);
    CHECK(rgb(u.banner_bg) == r.banner_bg);
    CHECK(rgb(u.banner_text) == r.banner_text);
}

}  // namespace

TEST_CASE("palette: pictures and window share every colour in both themes") {
    check_same(ui::palette(ui::Theme::light), render::palette(render::Theme::light));
    check_same(ui::palette(ui::Theme::dark), render::palette(render::Theme::dark));
    for (std::size_t i = 0; i < 9; ++i) {
        CAPTURE(i);
        CHECK(rgb(ui::course_color(i)) == render::course_color(i));
        const ImU32 soft = ui::course_color_soft(i, ui::Theme::light);
        CHECK(static_cast<double>((soft >> IM_COL32_A_SHIFT) & 0xFF) / 255.0 ==
              doctest::Approx(render::soft_alpha(render::Theme::light)));
        const ImU32 soft_dark = ui::course_color_soft(i, ui::Theme::dark);
        CHECK(static_cast<double>((soft_dark >> IM_COL32_A_SHIFT) & 0xFF) / 255.0 ==
              doctest::Approx(render::soft_alpha(render::Theme::dark)));
    }
}
