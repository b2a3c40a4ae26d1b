// The menu bar (File, Edit) and the notice line under the toolbar. Both only push commands;
// their shortcuts are handled with the other global keys in frame.cpp.
#pragma once

#include "ui/app.hpp"

namespace ui {

// Inside a window created with ImGuiWindowFlags_MenuBar.
void draw_menu_bar(const AppState& state, Commands& out);
// "Course B removed. Undo (Ctrl+Z)" with its buttons; nothing when there is no notice.
void draw_notice(const AppState& state, Commands& out);

// "Undo remove course B", or "Undo" when there is nothing to undo (the item is disabled).
[[nodiscard]] std::string undo_label(const AppState& state);
[[nodiscard]] std::string redo_label(const AppState& state);

}  // namespace ui
