// The disclaimer strip: drawn by the frame above every view, in presentation mode and in
// every screenshot. No setting reaches this function, so nothing can hide it.
#include <imgui.h>

#include <string>

#include "planner/disclaimer.hpp"
#include "ui/app.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"

namespace ui {

void draw_banner(const AppState& state) {
    const Palette& pal = palette(state.settings.theme);
    // U+26A0 warning sign comes from the merged DejaVu font; the built-in font shows '?',
    // so the words carry the meaning on their own.
    const std::string text = std::string("\xE2\x9A\xA0  ") + std::string(planner::kDisclaimer);
    const float width = ImGui::GetContentRegionAvail().x;
    const float pad_x = ImGui::GetFontSize() * 1.0f;
    const float pad_y = ImGui::GetFontSize() * 0.45f;
    const float wrap = width - 2.0f * pad_x;
    const ImVec2 text_size = ImGui::CalcTextSize(text.c_str(), nullptr, false, wrap);
    const ImVec2 min = ImGui::GetCursorScreenPos();
    const ImVec2 max(min.x + width, min.y + text_size.y + 2.0f * pad_y);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->AddRectFilled(min, max, pal.banner_bg, ImGui::GetFontSize() * 0.35f);
    // Centred when it fits on one line, left-aligned and wrapped otherwise.
    const float x = text_size.x < wrap ? min.x + (width - text_size.x) * 0.5f : min.x + pad_x;
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize(), ImVec2(x, min.y + pad_y), pal.banner_text,
                  text.c_str(), nullptr, wrap);
    ImGui::Dummy(ImVec2(width, max.y - min.y));
    trace::item("banner");
    trace::text(planner::kDisclaimer);
}

}  // namespace ui
