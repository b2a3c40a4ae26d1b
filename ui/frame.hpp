// The whole window for one frame: the banner on top of everything, then either the editing
// layout (courses left, calendar or timeline centre, details right) or presentation mode.
// Also the keys that work everywhere: F5, Ctrl+plus/minus/0, Ctrl+T. The presentation view
// handles its own arrows and Esc.
#pragma once

#include "ui/app.hpp"

namespace ui {

// Draws into the current ImGui frame (between NewFrame and Render) and queues commands.
void draw_frame(const AppState& state, Commands& out);
// The global keys only (called by draw_frame; separate so tests can check it alone).
void handle_keys(const AppState& state, Commands& out);
// Applies a frame's commands in order; true when anything visible changed.
bool apply_all(AppState& state, const Commands& commands);

// Browser-like zoom steps: the next one up or down from `zoom`.
[[nodiscard]] float zoom_step(float zoom, int direction);

}  // namespace ui
