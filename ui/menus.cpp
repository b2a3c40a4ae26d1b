// [SECTION] Index: labels, Edit menu, menu bar, notice line.
#include "ui/menus.hpp"

#include <imgui.h>

#include <string>

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

void edit_menu(const AppState& state, Commands& out) {
    const bool open = ImGui::BeginMenu("Edit");
    trace::item("menu edit");
    if (!open) return;  // EndMenu only if BeginMenu returned true
    const std::string undo = undo_label(state);
    const std::string redo = redo_label(state);
    if (ImGui::MenuItem(undo.c_str(), "Ctrl+Z", false, state.doc.history.can_undo()))
        out.push_back(cmd::Undo{});
    trace::item("menu undo");
    trace::text(undo);
    if (ImGui::MenuItem(redo.c_str(), "Ctrl+Shift+Z", false, state.doc.history.can_redo()))
        out.push_back(cmd::Redo{});
    trace::item("menu redo");
    trace::text(redo);
    ImGui::EndMenu();
}

}  // namespace

void draw_menu_bar(const AppState& state, Commands& out) {
    if (!ImGui::BeginMenuBar()) return;  // EndMenuBar only if BeginMenuBar returned true
    edit_menu(state, out);
    ImGui::EndMenuBar();
}

void draw_notice(const AppState& state, Commands& out) {
    if (!state.notice) return;
    const Palette& pal = palette(state.settings.theme);
    const float em = ImGui::GetFontSize();
    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.other_month);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(em * 0.6f, em * 0.25f));
    ImGui::PushStyleVar(ImGuiStyleVar_ChildRounding, em * 0.3f);
    ImGui::BeginChild("##notice", ImVec2(0.0f, ImGui::GetFrameHeight() + em * 0.5f), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    ImGui::AlignTextToFramePadding();
    trace::text_line(state.notice->text);
    if (state.notice->offers_undo) {
        ImGui::SameLine(0.0f, em);
        if (ImGui::SmallButton("Undo")) out.push_back(cmd::Undo{});
        trace::item("notice undo");
    }
    ImGui::SameLine(0.0f, em);
    if (ImGui::SmallButton("\xC3\x97##notice")) out.push_back(cmd::DismissNotice{});  // ×
    trace::item("notice dismiss");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss");
    ImGui::EndChild();  // EndChild always, whatever BeginChild returned
    ImGui::PopStyleVar(2);
    ImGui::PopStyleColor();
}

}  // namespace ui
