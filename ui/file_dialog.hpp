// The file windows drawn over everything: the in-window file dialog (a path field, the
// recent folders, the plans in the folder), the unsaved-changes prompt (Save / Discard /
// Cancel) and the restore offered after a crash. Each is an ImGui modal opened while the
// state asks for it; each only pushes commands.
#pragma once

#include "ui/app.hpp"

namespace ui {

void draw_file_windows(const AppState& state, Commands& out);

}  // namespace ui
