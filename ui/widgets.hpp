// Small widgets shared by the panels: a date picker (month grid in a popup) and cards.
// Their words come from planner/text.hpp. Sizes are in multiples of the font size, never pixels.
#pragma once

#include <imgui.h>

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "planner/model.hpp"

namespace ui {

namespace chr = std::chrono;

// Opens the date picker popup `popup_id` showing the month of `initial`. The month shown is
// kept in ImGui's per-window storage, like any other widget state (open popups, scrolling).
void open_date_picker(const char* popup_id, chr::year_month_day initial);
// Draws the popup when open; returns the day clicked. Traced as "<trace_prefix> prev",
// "<trace_prefix> next" and "<trace_prefix> day YYYY-MM-DD".
[[nodiscard]] std::optional<chr::year_month_day> date_picker_popup(const char* popup_id,
                                                                   chr::year_month_day selected,
                                                                   chr::year_month_day today,
                                                                   chr::weekday week_start,
                                                                   std::string_view trace_prefix);

// A card: a rounded background drawn behind a group after its content is known.
void begin_card();
void end_card(ImU32 background, ImU32 accent);

// Dim text for secondary lines.
void text_dim(std::string_view text, bool wrapped = false);

}  // namespace ui
