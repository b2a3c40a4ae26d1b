// [SECTION] Index: labels, Edit menu, menu bar, notice line.
#include "ui/menus.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "ui/export_menu.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"

namespace ui {

std::string undo_label(const AppState& state) {
    const std::string name = state.doc.history.undo_name();
    return name.empty() ? "Undo" : "Undo " + name;
}

std::string redo_label(const AppState& state) {
    const std::string name = state.doc.history.redo_name();
    return name.empty() ? "Redo" : "Redo " + name;
}

namespace {

void file_menu(const AppState& state, Commands& out) {
    const bool open = ImGui::BeginMenu("File");
    trace::item("menu file");
    if (!open) return;  // EndMenu only if BeginMenu returned true
    if (ImGui::MenuItem("New", "Ctrl+N")) push(out, cmd::NewPlan{});
    trace::item("menu new");
    if (ImGui::MenuItem("Open\xE2\x80\xA6", "Ctrl+O")) push(out, cmd::ShowOpen{});
    trace::item("menu open");
    const bool recent = ImGui::BeginMenu("Open recent", !state.files.recent.empty());
    trace::item("menu recent");
    if (recent) {  // EndMenu only if BeginMenu returned true
        for (std::size_t i = 0; i < state.files.recent.size(); ++i) {
            const fs::path& p = state.files.recent[i];
            ImGui::PushID(static_cast<int>(i));
            if (ImGui::MenuItem(p.filename().string().c_str())) push(out, cmd::OpenPlan{p});
            trace::item("menu recent " + std::to_string(i));
            trace::text(p.filename().string());
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", p.string().c_str());
            ImGui::PopID();
        }
        ImGui::EndMenu();
    }
    ImGui::Separator();
    if (ImGui::MenuItem("Save", "Ctrl+S")) push(out, cmd::Save{});
    trace::item("menu save");
    if (ImGui::MenuItem("Save as\xE2\x80\xA6", "Ctrl+Shift+S")) push(out, cmd::ShowSaveAs{});
    trace::item("menu save as");
    ImGui::Separator();
    if (ImGui::MenuItem("Quit", "Ctrl+Q")) push(out, cmd::Quit{});
    trace::item("menu quit");
    ImGui::EndMenu();
}

void edit_menu(const AppState& state, Commands& out) {
    const bool open = ImGui::BeginMenu("Edit");
    trace::item("menu edit");
    if (!open) return;  // EndMenu only if BeginMenu returned true
    const std::string undo = undo_label(state);
    const std::string redo = redo_label(state);
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, state.doc.history.can_undo()))
        push(out, cmd::Undo{});
    trace::item("menu undo");
    trace::text(undo);
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, state.doc.history.can_redo()))
        push(out, cmd::Redo{});
    trace::item("menu redo");
    trace::text(redo);
    ImGui::EndMenu();
}

}  // namespace

void draw_menu_bar(const AppState& state, Commands& out) {
    if (!ImGui::BeginMenuBar()) return;  // EndMenuBar only if BeginMenuBar returned true
    file_menu(state, out);
    edit_menu(state, out);
    draw_export_menu(state, out);
    ImGui::EndMenuBar();
}

void draw_notice(const AppState& state, Commands& out) {
    if (!state.notice) return;
    const Palette& pal = palette(state.settings.theme);
    const float em = ImGui::GetFontSize();
    const ImGuiStyle& st = ImGui::GetStyle();
    // Text wrapped before the buttons, on a rounded strip drawn behind once its height is known.
    const float buttons =
        (state.notice->offers_undo ? ImGui::CalcTextSize("Undo").x + st.FramePadding.x * 2.0f + em
                                   : 0.0f) +
        ImGui::CalcTextSize("\xC3\x97").x + st.FramePadding.x * 2.0f + em * 2.0f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(1);
    const ImVec2 start = ImGui::GetCursorScreenPos();
    const float right = ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x;
    ImGui::SetCursorScreenPos(ImVec2(start.x + em * 0.6f, start.y + em * 0.3f));
    ImGui::BeginGroup();
    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + (right - start.x) - buttons);
    if (state.notice->warning) {  // the sign says it, not only the colour
        ImGui::PushStyleColor(ImGuiCol_Text, state.settings.theme == Theme::dark
                                                 ? IM_COL32(0xE6, 0x9F, 0x00, 0xFF)
                                                 : IM_COL32(0xB0, 0x4A, 0x00, 0xFF));
        trace::text_wrapped("\xE2\x9A\xA0 " + state.notice->text);
        ImGui::PopStyleColor();
    } else {
        trace::text_wrapped(state.notice->text);
    }
    ImGui::PopTextWrapPos();
    ImGui::EndGroup();
    if (state.notice->offers_undo) {
        ImGui::SameLine(0.0f, em);
        if (ImGui::SmallButton("Undo")) push(out, cmd::Undo{});
        trace::item("notice undo");
    }
    ImGui::SameLine(0.0f, em);
    if (ImGui::SmallButton("\xC3\x97##notice")) push(out, cmd::DismissNotice{});  // ×
    trace::item("notice dismiss");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss");
    const float bottom = ImGui::GetItemRectMax().y;
    ImGui::SetCursorScreenPos(ImVec2(start.x, std::max(bottom, ImGui::GetCursorScreenPos().y)));
    const ImVec2 max(right, ImGui::GetCursorScreenPos().y + em * 0.3f - st.ItemSpacing.y);
    dl->ChannelsSetCurrent(0);
    dl->AddRectFilled(start, max, pal.other_month, em * 0.3f);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(start.x, max.y));
    ImGui::Dummy(ImVec2(0.0f, em * 0.3f));
}

}  // namespace ui
