// Colours of the pictures, the same values as the window's (ui/theme.cpp): Okabe-Ito
// course colours, always paired with the course letter or a phase marker.
// Header-only and free of cairo, so the UI tests can check both tables agree.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace render {

struct Rgb {
    std::uint8_t r = 0;
    std::uint8_t g = 0;
    std::uint8_t b = 0;
    friend constexpr bool operator==(const Rgb&, const Rgb&) = default;
};

enum class Theme { light, dark };

// Field for field the window's ui::Palette.
struct Palette {
    Rgb background;
    Rgb text;
    Rgb text_dim;
    Rgb grid;         // calendar cell borders, timeline week lines
    Rgb other_month;  // fill for days outside the shown month
    Rgb today;        // outline of today's cell
    Rgb closed;       // strike-through of a closed date
    Rgb selection;    // unused in pictures (nothing is selected); kept to match the window
    Rgb highlight;    // the current week of a week slide
    Rgb banner_bg;    // the disclaimer strip
    Rgb banner_text;
};

// Okabe & Ito 2008, in the window's order: blue, orange, bluish green, reddish purple,
// vermillion, sky blue, yellow.
inline constexpr std::array<Rgb, 7> kOkabeIto{{
    {0, 114, 178},
    {230, 159, 0},
    {0, 158, 115},
    {204, 121, 167},
    {213, 94, 0},
    {86, 180, 233},
    {240, 228, 66},
}};

inline constexpr Palette kLight{
    {250, 250, 248}, {20, 20, 24}, {100, 100, 110}, {205, 205, 212}, {238, 238, 236}, {0, 0, 0},
    {120, 120, 128}, {0, 0, 0},    {255, 236, 160}, {255, 243, 205}, {60, 40, 0},
};

inline constexpr Palette kDark{
    {28, 29, 33}, {236, 236, 240}, {160, 160, 170}, {70, 72, 80},
    {38, 39, 44}, {255, 255, 255}, {150, 150, 160}, {255, 255, 255},
    {90, 80, 30}, {70, 55, 10},    {255, 236, 190},
};

[[nodiscard]] constexpr const Palette& palette(Theme theme) {
    return theme == Theme::dark ? kDark : kLight;
}

[[nodiscard]] constexpr Rgb course_color(std::size_t course) {
    return kOkabeIto[course % kOkabeIto.size()];
}

// The translucent fill of phase bands and windows: the window's alpha per theme.
[[nodiscard]] constexpr double soft_alpha(Theme theme) {
    return theme == Theme::dark ? 90.0 / 255.0 : 70.0 / 255.0;
}

}  // namespace render
