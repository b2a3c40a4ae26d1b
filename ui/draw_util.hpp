// Small drawing and formatting helpers shared by the calendar, timeline and
// presentation views. Pure painting: nothing here decides where a visit goes.
#pragma once

#include <imgui.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <string_view>

#include "ui/app.hpp"
#include "ui/views.hpp"

namespace ui::draw {

// [SECTION] Date keys (words for dates and times are planner/text.hpp)
// A date as one int (days since 1970-01-01), for ImGuiStorage.
[[nodiscard]] int day_key(chr::year_month_day d);
[[nodiscard]] int month_key(chr::year_month m);

// [SECTION] State lookups
[[nodiscard]] const planner::Visit* find_visit(const AppState& state, std::size_t course,
                                               std::size_t visit);
[[nodiscard]] bool course_shown(const AppState& state, std::size_t course);
[[nodiscard]] bool is_selected(const AppState& state, std::size_t course, std::size_t visit);
// "Initial series: infusion 3 of 6" (planner::text::visit_title); empty when not found.
[[nodiscard]] std::string visit_title(const AppState& state, std::size_t course, std::size_t visit);

// [SECTION] Input
// True when keys typed now are meant for the view being drawn (its window tree has
// focus and no text field or widget is taking them).
[[nodiscard]] bool keys_for_this_view();
[[nodiscard]] bool key_pressed(ImGuiKey key);
// '+', '=' or '-' typed (1.86 has no key codes for them, so read the characters).
[[nodiscard]] int typed_zoom_steps();

// [SECTION] Colours
[[nodiscard]] ImU32 with_alpha(ImU32 color, float alpha);
// Black or white, whichever reads better on `fill`.
[[nodiscard]] ImU32 text_on(ImU32 fill);
// Keyboard focus outline: ImGui's own nav colour, so it reads as focus in both themes.
[[nodiscard]] ImU32 focus_color();

// [SECTION] Shapes
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash, float thickness);
void dashed_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float dash, float thickness);
// Draws twice, one pixel apart: a bold face without loading another font.
void bold_text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color,
               std::string_view text);
void text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view text,
          const ImVec4* clip = nullptr);
// A rounded square in the course colour carrying the course letter.
void course_badge(ImDrawList* dl, ImVec2 min, float side, std::size_t course);
// Phase marker shape: I circle, M diamond, B square; hollow for optional visits.
void marker_shape(ImDrawList* dl, ImVec2 center, float radius, char marker, ImU32 fill,
                  ImU32 outline, bool hollow);

// [SECTION] Test hooks
// Records a drawn visit for ui::trace as "<kind> <course>/<visit>" ("chip 1/4").
void trace_hit(std::string_view kind, const VisitHit& hit);

// [SECTION] Legend
// One wrapped line: a badge and title per shown course, then what the markers mean.
void legend(const AppState& state);

// [SECTION] Tooltip
// The visit under the mouse: course, "infusion 3 of 6", date, times, phase, hints.
void visit_tooltip(const AppState& state, std::size_t course, std::size_t visit);

}  // namespace ui::draw
