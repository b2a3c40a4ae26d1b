#include "ui/widgets.hpp"

#include <cstdio>
#include <string>

#include "planner/text.hpp"
#include "ui/trace.hpp"

namespace ui {

namespace {

// Months since year 0, for ImGui's int storage.
int month_key(chr::year_month ym) {
    return static_cast<int>(ym.year()) * 12 + static_cast<int>(static_cast<unsigned>(ym.month())) -
           1;
}
chr::year_month from_key(int key) {
    return chr::year{key / 12} / chr::month{static_cast<unsigned>(key % 12 + 1)};
}

}  // namespace

void open_date_picker(const char* popup_id, chr::year_month_day initial) {
    const ImGuiID id = ImGui::GetID(popup_id);
    const chr::year_month_day shown = initial.ok() ? initial : chr::year{2026} / 1 / 1;
    ImGui::GetStateStorage()->SetInt(id, month_key(shown.year() / shown.month()));
    ImGui::OpenPopup(popup_id);
}

std::optional<chr::year_month_day> date_picker_popup(const char* popup_id,
                                                     chr::year_month_day selected,
                                                     chr::year_month_day today,
                                                     chr::weekday week_start,
                                                     std::string_view trace_prefix) {
    const ImGuiID storage_id = ImGui::GetID(popup_id);
    ImGuiStorage* storage = ImGui::GetStateStorage();  // the parent window's, read before Begin
    if (!ImGui::BeginPopup(popup_id)) return std::nullopt;  // EndPopup only if Begin succeeded
    std::optional<chr::year_month_day> picked;
    const std::string prefix(trace_prefix);
    int key = storage->GetInt(storage_id, month_key(selected.year() / selected.month()));
    const chr::year_month month = from_key(key);

    const float cell = ImGui::GetFrameHeight() * 1.25f;
    if (ImGui::ArrowButton("##prev", ImGuiDir_Left)) --key;
    trace::item(prefix + " prev");
    ImGui::SameLine();
    const std::string title_text = planner::text::month_title(month);
    const char* title = title_text.c_str();
    const float title_w = ImGui::CalcTextSize(title).x;
    const float row_w = cell * 7.0f + ImGui::GetStyle().ItemSpacing.x * 6.0f;
    const float arrow_w = ImGui::GetFrameHeight();
    ImGui::SetCursorPosX(ImGui::GetCursorPosX() +
                         std::max(0.0f, (row_w - 2.0f * arrow_w - title_w) * 0.5f -
                                            ImGui::GetStyle().ItemSpacing.x));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(title);
    trace::text(title);
    ImGui::SameLine(ImGui::GetCursorStartPos().x + row_w - arrow_w);
    if (ImGui::ArrowButton("##next", ImGuiDir_Right)) ++key;
    trace::item(prefix + " next");
    storage->SetInt(storage_id, key);

    for (unsigned i = 0; i < 7; ++i) {
        const chr::weekday wd = week_start + chr::days{i};
        const std::string name_text{planner::text::weekday_two(wd)};
        const char* name = name_text.c_str();
        const float w = ImGui::CalcTextSize(name).x;
        ImGui::SetCursorPosX(ImGui::GetCursorStartPos().x +
                             static_cast<float>(i) * (cell + ImGui::GetStyle().ItemSpacing.x) +
                             (cell - w) * 0.5f);
        ImGui::TextDisabled("%s", name);
        if (i < 6) ImGui::SameLine();
    }

    const chr::sys_days first{month / chr::day{1}};
    const chr::sys_days grid_start = first - (chr::weekday{first} - week_start);
    const chr::sys_days sel = selected.ok() ? chr::sys_days{selected} : chr::sys_days{};
    const chr::sys_days now = today.ok() ? chr::sys_days{today} : chr::sys_days{};
    for (int row = 0; row < 6; ++row) {
        for (int col = 0; col < 7; ++col) {
            const chr::sys_days day = grid_start + chr::days{row * 7 + col};
            const chr::year_month_day ymd{day};
            if (col > 0) ImGui::SameLine();
            const bool in_month = ymd.month() == month.month();
            char label[24];
            std::snprintf(label, sizeof label, "%u##%d", static_cast<unsigned>(ymd.day()),
                          row * 7 + col);
            const bool is_selected = selected.ok() && day == sel;
            if (is_selected)
                ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
            else
                ImGui::PushStyleColor(ImGuiCol_Button, IM_COL32(0, 0, 0, 0));
            if (!in_month)
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            if (ImGui::Button(label, ImVec2(cell, cell))) picked = ymd;
            if (!in_month) ImGui::PopStyleColor();
            ImGui::PopStyleColor();
            if (today.ok() && day == now)
                ImGui::GetWindowDrawList()->AddRect(
                    ImGui::GetItemRectMin(), ImGui::GetItemRectMax(),
                    ImGui::GetColorU32(ImGuiCol_Text), ImGui::GetStyle().FrameRounding, 0,
                    std::max(1.0f, ImGui::GetFontSize() / 12.0f));
            trace::item(prefix + " day " + planner::text::iso_date(ymd));
        }
    }
    if (picked) ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return picked;
}

void begin_card() {
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw->ChannelsSplit(2);
    draw->ChannelsSetCurrent(1);
    const float pad = ImGui::GetFontSize() * 0.75f;
    ImGui::SetCursorPos(ImVec2(ImGui::GetCursorPosX() + pad, ImGui::GetCursorPosY() + pad));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetContentRegionMax().x - pad);
}

void end_card(ImU32 background, ImU32 accent) {
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    const float pad = ImGui::GetFontSize() * 0.75f;
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const ImVec2 group_min = ImGui::GetItemRectMin();
    const ImVec2 group_max = ImGui::GetItemRectMax();
    const float left = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMin().x;
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    const ImVec2 min(left, group_min.y - pad);
    const ImVec2 max(right, group_max.y + pad);
    draw->ChannelsSetCurrent(0);
    const float rounding = ImGui::GetFontSize() * 0.5f;
    draw->AddRectFilled(min, max, background, rounding);
    draw->AddRectFilled(min, ImVec2(min.x + ImGui::GetFontSize() * 0.3f, max.y), accent, rounding,
                        ImDrawFlags_RoundCornersLeft);
    draw->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(left, max.y));
    ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.6f));
}

void text_dim(std::string_view text, bool wrapped) {
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    if (wrapped)
        trace::text_wrapped(text);
    else
        trace::text_line(text);
    ImGui::PopStyleColor();
}

}  // namespace ui
