#include "ui/theme.hpp"

#include <array>

namespace ui {

namespace {

// Okabe & Ito 2008, "Color Universal Design": orange, sky blue, bluish green,
// vermillion, blue, reddish purple, yellow (black is kept for text).
constexpr std::array<ImU32, 7> kOkabeIto{
    IM_COL32(0, 114, 178, 255),    // blue
    IM_COL32(230, 159, 0, 255),    // orange
    IM_COL32(0, 158, 115, 255),    // bluish green
    IM_COL32(204, 121, 167, 255),  // reddish purple
    IM_COL32(213, 94, 0, 255),     // vermillion
    IM_COL32(86, 180, 233, 255),   // sky blue
    IM_COL32(240, 228, 66, 255),   // yellow
};

constexpr Palette kLight{
    IM_COL32(250, 250, 248, 255), IM_COL32(20, 20, 24, 255),    IM_COL32(100, 100, 110, 255),
    IM_COL32(205, 205, 212, 255), IM_COL32(238, 238, 236, 255), IM_COL32(0, 0, 0, 255),
    IM_COL32(120, 120, 128, 255), IM_COL32(0, 0, 0, 255),       IM_COL32(255, 236, 160, 255),
    IM_COL32(255, 243, 205, 255), IM_COL32(60, 40, 0, 255),
};

constexpr Palette kDark{
    IM_COL32(28, 29, 33, 255),    IM_COL32(236, 236, 240, 255), IM_COL32(160, 160, 170, 255),
    IM_COL32(70, 72, 80, 255),    IM_COL32(38, 39, 44, 255),    IM_COL32(255, 255, 255, 255),
    IM_COL32(150, 150, 160, 255), IM_COL32(255, 255, 255, 255), IM_COL32(90, 80, 30, 255),
    IM_COL32(70, 55, 10, 255),    IM_COL32(255, 236, 190, 255),
};

}  // namespace

const Palette& palette(Theme theme) {
    return theme == Theme::dark ? kDark : kLight;
}

ImU32 course_color(std::size_t course_index) {
    return kOkabeIto[course_index % kOkabeIto.size()];
}

ImU32 course_color_soft(std::size_t course_index, Theme theme) {
    const ImU32 c = course_color(course_index);
    const ImU32 alpha = theme == Theme::dark ? 90u : 70u;
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

std::string course_letter(std::size_t course_index) {
    return planner::layout::course_letter(course_index);
}

ImFont* font(FontRole role) {
    const ImGuiIO& io = ImGui::GetIO();
    const int index = static_cast<int>(role);
    if (index < io.Fonts->Fonts.Size) return io.Fonts->Fonts[index];
    return io.Fonts->Fonts.Size > 0 ? io.Fonts->Fonts[0] : nullptr;
}

void apply_style(Theme theme, float scale) {
    ImGuiStyle style;
    const bool dark = theme == Theme::dark;
    if (dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    // A calm, flat look: neutral controls, one accent (the first course colour), soft borders.
    const Palette& pal = palette(theme);
    const auto rgba = [](int r, int g, int b, int a = 255) {
        return ImVec4(static_cast<float>(r) / 255.0f, static_cast<float>(g) / 255.0f,
                      static_cast<float>(b) / 255.0f, static_cast<float>(a) / 255.0f);
    };
    ImVec4* c = style.Colors;
    const ImVec4 accent = dark ? rgba(86, 160, 233) : rgba(0, 114, 178);
    c[ImGuiCol_Text] = ImGui::ColorConvertU32ToFloat4(pal.text);
    c[ImGuiCol_TextDisabled] = ImGui::ColorConvertU32ToFloat4(pal.text_dim);
    c[ImGuiCol_WindowBg] = ImGui::ColorConvertU32ToFloat4(pal.background);
    c[ImGuiCol_ChildBg] = rgba(0, 0, 0, 0);
    c[ImGuiCol_PopupBg] = dark ? rgba(44, 45, 51) : rgba(255, 255, 255);
    c[ImGuiCol_Border] = dark ? rgba(70, 72, 80) : rgba(218, 218, 224);
    c[ImGuiCol_FrameBg] = dark ? rgba(48, 50, 56) : rgba(255, 255, 255);
    c[ImGuiCol_FrameBgHovered] = dark ? rgba(58, 60, 68) : rgba(242, 244, 248);
    c[ImGuiCol_FrameBgActive] = dark ? rgba(64, 66, 76) : rgba(232, 238, 246);
    c[ImGuiCol_Button] = dark ? rgba(54, 56, 63) : rgba(236, 237, 241);
    c[ImGuiCol_ButtonHovered] = dark ? rgba(68, 70, 79) : rgba(222, 224, 231);
    c[ImGuiCol_ButtonActive] = accent;
    c[ImGuiCol_Header] = dark ? rgba(60, 66, 80) : rgba(226, 236, 247);
    c[ImGuiCol_HeaderHovered] = dark ? rgba(66, 74, 92) : rgba(214, 228, 244);
    c[ImGuiCol_HeaderActive] = dark ? rgba(74, 84, 104) : rgba(200, 218, 240);
    c[ImGuiCol_CheckMark] = accent;
    c[ImGuiCol_SliderGrab] = accent;
    c[ImGuiCol_SliderGrabActive] = accent;
    c[ImGuiCol_Separator] = c[ImGuiCol_Border];
    c[ImGuiCol_ScrollbarBg] = rgba(0, 0, 0, 0);
    c[ImGuiCol_ScrollbarGrab] = dark ? rgba(80, 82, 90) : rgba(200, 200, 206);
    c[ImGuiCol_TableHeaderBg] = dark ? rgba(44, 45, 51) : rgba(240, 240, 243);
    c[ImGuiCol_TableBorderLight] = c[ImGuiCol_Border];
    c[ImGuiCol_TableBorderStrong] = c[ImGuiCol_Border];
    c[ImGuiCol_TableRowBg] = rgba(0, 0, 0, 0);
    c[ImGuiCol_TableRowBgAlt] = dark ? rgba(255, 255, 255, 8) : rgba(0, 0, 0, 8);
    c[ImGuiCol_TextSelectedBg] = dark ? rgba(86, 160, 233, 90) : rgba(0, 114, 178, 60);
    c[ImGuiCol_NavHighlight] = accent;
    style.WindowRounding = 6.0f;
    style.ChildRounding = 6.0f;
    style.PopupRounding = 6.0f;
    style.FrameRounding = 5.0f;
    style.GrabRounding = 5.0f;
    style.ScrollbarRounding = 6.0f;
    style.FrameBorderSize = 1.0f;
    style.PopupBorderSize = 1.0f;
    style.WindowPadding = ImVec2(12.0f, 12.0f);
    style.FramePadding = ImVec2(9.0f, 5.0f);
    style.ItemSpacing = ImVec2(8.0f, 7.0f);
    style.ItemInnerSpacing = ImVec2(6.0f, 5.0f);
    style.ScrollbarSize = 12.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ui
