#include "ui/theme.hpp"

#include <array>

namespace ui {

namespace {

// Okabe & Ito 2008, "Color Universal Design": orange, sky blue, bluish green,
// vermillion, blue, reddish purple, yellow (black is kept for text).
constexpr std::array<ImU32, 7> kOkabeIto{
    IM_COL32(0, 114, 178, 255),   // blue
    IM_COL32(230, 159, 0, 255),   // orange
    IM_COL32(0, 158, 115, 255),   // bluish green
    IM_COL32(204, 121, 167, 255), // reddish purple
    IM_COL32(213, 94, 0, 255),    // vermillion
    IM_COL32(86, 180, 233, 255),  // sky blue
    IM_COL32(240, 228, 66, 255),  // yellow
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

const Palette& palette(Theme theme) { return theme == Theme::dark ? kDark : kLight; }

ImU32 course_color(std::size_t course_index) { return kOkabeIto[course_index % kOkabeIto.size()]; }

ImU32 course_color_soft(std::size_t course_index, Theme theme) {
    const ImU32 c = course_color(course_index);
    const ImU32 alpha = theme == Theme::dark ? 90u : 70u;
    return (c & ~IM_COL32_A_MASK) | (alpha << IM_COL32_A_SHIFT);
}

char course_letter(std::size_t course_index) {
    return static_cast<char>('A' + static_cast<int>(course_index % 26));
}

ImFont* font(FontRole role) {
    const ImGuiIO& io = ImGui::GetIO();
    const int index = static_cast<int>(role);
    if (index < io.Fonts->Fonts.Size) return io.Fonts->Fonts[index];
    return io.Fonts->Fonts.Size > 0 ? io.Fonts->Fonts[0] : nullptr;
}

void apply_style(Theme theme, float scale) {
    ImGuiStyle style;
    if (theme == Theme::dark)
        ImGui::StyleColorsDark(&style);
    else
        ImGui::StyleColorsLight(&style);
    style.WindowRounding = 4.0f;
    style.FrameRounding = 3.0f;
    style.GrabRounding = 3.0f;
    style.ScaleAllSizes(scale);
    ImGui::GetStyle() = style;
}

}  // namespace ui
