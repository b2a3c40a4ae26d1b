// The window backend behind one small interface: GLFW + OpenGL 3 set up and torn down in a
// fixed order, fonts at the monitor's content scale times the zoom, event-driven frame pacing
// (idle uses no CPU), full screen for presentation, and PNG screenshots of the back buffer.
#pragma once

#include <filesystem>
#include <optional>

#include "ui/app.hpp"
#include "ui/flags.hpp"  // has_display

namespace ui {

struct WindowOptions {
    bool fullscreen_when_presenting = true;  // off for screenshots: they keep the asked size
    std::optional<std::filesystem::path> screenshot;  // save the settled frame, then exit
    int frames = 0;                                   // render this many frames, then exit
    std::filesystem::path settings_file;              // empty: never save settings
    std::filesystem::path font_cache_dir;             // empty: build the font atlas every start
};

// Opens the window and runs until it is closed (or the frames / screenshot are done).
// Returns the exit status: 0, or 2 with one line on stderr when no window could be made.
[[nodiscard]] int run_window(AppState& state, const WindowOptions& options);

}  // namespace ui
