// Colours, fonts and sizes shared by every view. Course colours come from the
// Okabe-Ito colour-blind-safe palette and are always paired with a letter or glyph.
#pragma once

#include <imgui.h>

#include <cstddef>

#include "ui/app.hpp"

namespace ui {

struct Palette {
    ImU32 background;
    ImU32 text;
    ImU32 text_dim;
    ImU32 grid;         // calendar cell borders, timeline week lines
    ImU32 other_month;  // fill for days outside the shown month
    ImU32 today;        // outline of today's cell
    ImU32 closed;       // strike-through of a closed date
    ImU32 selection;    // outline of the selected visit / focused day
    ImU32 highlight;    // presentation mode: the current week
    ImU32 banner_bg;
    ImU32 banner_text;
};

[[nodiscard]] const Palette& palette(Theme theme);
// Okabe-Ito, in an order whose first two colours (IV, Spravato by default) differ most.
[[nodiscard]] ImU32 course_color(std::size_t course_index);
// The same hue, translucent: phase bands and booster windows.
[[nodiscard]] ImU32 course_color_soft(std::size_t course_index, Theme theme);
// A letter per course (A, B, C...) drawn with its colour, so colour is never alone.
[[nodiscard]] char course_letter(std::size_t course_index);

// Fonts are loaded by the platform in this order (large once presentation has opened, which
// the platform ensures before a presentation frame); headless tests have only the default.
enum class FontRole { regular = 0, heading = 1, large = 2 };
[[nodiscard]] ImFont* font(FontRole role);

// Applies the ImGui style for a theme at a scale (content scale times zoom).
void apply_style(Theme theme, float scale);

}  // namespace ui
