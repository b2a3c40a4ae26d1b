// The entry point of the window module (course-planner-window.so): Dear ImGui, GLFW, OpenGL
// and the views, which the program loads only to open the window, so the command line
// (`show`, `export`, `list`, `validate`) maps none of their libraries.
#pragma once

#include <string>

#include "ui/flags.hpp"

namespace ui::window {

inline constexpr const char* kFileName = "course-planner-window.so";
inline constexpr const char* kStampSymbol = "course_planner_window_stamp";
inline constexpr const char* kRunSymbol = "course_planner_window_run";

// The module and the program must come from one build: they pass C++ objects.
inline std::string abi_stamp() {
    return std::string(COURSE_PLANNER_VERSION) + "/" + std::to_string(sizeof(WindowFlags)) + "/" +
           std::to_string(sizeof(Courses)) + "/" + std::to_string(sizeof(planner::io::Library)) +
           "/" + std::to_string(sizeof(planner::Protocol));
}

// Runs the window on `courses` (moved from) with the parsed flags; `status` is the
// program's exit status.
using RunFn = void (*)(const WindowFlags* flags, Courses* courses, int* status);

}  // namespace ui::window
