// The program's side of the window module (see abi.hpp): loaded on the first call.
#pragma once

#include "ui/flags.hpp"

namespace ui::window {

// Loads course-planner-window.so and runs the window; the exit status. When the module
// cannot be loaded: one line on stderr naming the file, and 2.
[[nodiscard]] int run(const WindowFlags& flags, Courses courses);

}  // namespace ui::window
