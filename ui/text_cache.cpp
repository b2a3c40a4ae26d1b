#include "ui/text_cache.hpp"

#include <imgui.h>
#include <imgui_internal.h>

#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ui {

namespace {

struct Layout {
    // What the layout was made for (the map's key is a hash of these).
    std::string text;
    const ImFont* font = nullptr;
    float size = 0.0f;
    float wrap = 0.0f;
    // ImGui::CalcTextSize(text, end, false, wrap): the item's size.
    ImVec2 extent;
    // Each line as ImFont::RenderText draws it under this wrap width: [begin, end) in text.
    std::vector<std::pair<std::uint32_t, std::uint32_t>> lines;
};

constexpr std::size_t kMaxEntries = 4096;  // a panel shows tens; this only bounds a long run

std::unordered_map<std::size_t, Layout>& cache() {
    static std::unordered_map<std::size_t, Layout> map;  // the UI runs on one thread
    return map;
}

std::size_t hash_of(std::string_view text, const ImFont* font, float size, float wrap) {
    std::size_t h = std::hash<std::string_view>{}(text);
    const auto mix = [&h](std::size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<const void*>{}(font));
    mix(std::hash<float>{}(size));
    mix(std::hash<float>{}(wrap));
    return h;
}

// The line breaks of ImFont::RenderText with word wrap on, for text without '\n': at each line
// start CalcWordWrapPositionA at the full width; at least one character per line; the blanks
// after a break skipped.
void break_lines(Layout& layout) {
    const char* begin = layout.text.data();
    const char* end = begin + layout.text.size();
    const float scale = layout.size / layout.font->FontSize;
    const char* s = begin;
    while (s < end) {
        const char* eol = layout.font->CalcWordWrapPositionA(scale, s, end, layout.wrap);
        if (eol == s) {  // too narrow for anything: one character (RenderText decodes it whole)
            unsigned int c = 0;
            eol = s + std::max(1, ImTextCharFromUtf8(&c, s, end));
            if (eol > end) eol = end;
        }
        layout.lines.emplace_back(static_cast<std::uint32_t>(s - begin),
                                  static_cast<std::uint32_t>(eol - begin));
        s = eol;
        while (s < end && (*s == ' ' || *s == '\t')) ++s;
    }
}

}  // namespace

void wrapped_text(std::string_view text) {
    ImGuiWindow* window = ImGui::GetCurrentWindow();
    if (window->SkipItems) return;
    const char* begin = text.data();
    const char* end = begin + text.size();
    const float wrap_pos = window->DC.TextWrapPos;
    if (wrap_pos < 0.0f || text.empty() || std::memchr(begin, '\n', text.size()) != nullptr ||
        std::memchr(begin, '\r', text.size()) != nullptr) {
        ImGui::TextUnformatted(begin, end);
        return;
    }
    // As ImGui::TextEx does with a wrap position.
    const ImVec2 text_pos(window->DC.CursorPos.x,
                          window->DC.CursorPos.y + window->DC.CurrLineTextBaseOffset);
    const float wrap = ImGui::CalcWrapWidthForPos(window->DC.CursorPos, wrap_pos);
    ImFont* font = ImGui::GetFont();
    const float size = ImGui::GetFontSize();
    auto& map = cache();
    const std::size_t key = hash_of(text, font, size, wrap);
    auto it = map.find(key);
    if (it == map.end() || it->second.font != font || it->second.size != size ||
        it->second.wrap != wrap || it->second.text != text) {
        if (map.size() >= kMaxEntries) map.clear();
        Layout layout;
        layout.text.assign(text);
        layout.font = font;
        layout.size = size;
        layout.wrap = wrap;
        layout.extent = ImGui::CalcTextSize(begin, end, false, wrap);
        break_lines(layout);
        it = map.insert_or_assign(key, std::move(layout)).first;
    }
    const Layout& layout = it->second;
    const ImRect bb(text_pos, ImVec2(text_pos.x + layout.extent.x, text_pos.y + layout.extent.y));
    ImGui::ItemSize(layout.extent, 0.0f);
    if (!ImGui::ItemAdd(bb, 0)) return;

    // As RenderTextWrapped -> AddText -> ImFont::RenderText: the first line at the floored
    // position, each next one a line height lower (added up, not floored).
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    if ((col & IM_COL32_A_MASK) == 0) return;
    ImDrawList* dl = window->DrawList;
    const float x = std::floor(bb.Min.x);
    float y = std::floor(bb.Min.y);
    const float line_h = font->FontSize * (size / font->FontSize);
    for (const auto& [from, to] : layout.lines) {
        const float row = std::floor(y);
        const int first = dl->VtxBuffer.Size;
        dl->AddText(font, size, ImVec2(x, row), col, begin + from, begin + to);
        if (const float shift = y - row; shift != 0.0f)
            for (int v = first; v < dl->VtxBuffer.Size; ++v) dl->VtxBuffer[v].pos.y += shift;
        y += line_h;
    }
}

void clear_text_cache() {
    cache().clear();
}

}  // namespace ui
