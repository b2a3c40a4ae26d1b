// The window's command-line flags (the subcommands belong to cli/) and whether there is a
// display to open it on: GUI-free, so the program decides before loading the window module.
#pragma once

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "planner/result.hpp"
#include "ui/app.hpp"

namespace ui {

struct WindowFlags {
    std::vector<std::string> presets;  // --preset ID (repeatable): replaces the default courses
    std::optional<chr::year_month_day> start;  // --start DATE
    std::optional<View> view;                  // --view calendar|timeline
    bool present = false;                      // --present
    std::optional<Theme> theme;                // --theme light|dark
    std::optional<int> width;                  // --size WxH
    std::optional<int> height;
    std::optional<std::filesystem::path> screenshot;  // --screenshot FILE.png
    int frames = 0;                                   // --frames N (0: run until closed)
    std::optional<std::filesystem::path> plan;        // PLAN.courseplan.json: open this plan
    // --use-settings: a screenshot reads the saved settings too (by default it does not, so the
    // same flags give the same picture on any machine).
    bool use_settings = false;
};

// True when `arg` is one of the flags above or a plan file (so main opens the window, not
// the CLI): desktops start an app with the file to open as its argument.
[[nodiscard]] bool is_window_flag(const std::string& arg);
// Parses the flags; the error names the flag and what it expects.
[[nodiscard]] planner::Result<WindowFlags> parse_window_flags(const std::vector<std::string>& args);

// The courses the window opens on: the flags' presets (ids or preset files), else the
// first-start default, with the library they come from (a preset file is added to it). The
// error is the first preset that cannot be found or read, under "--preset". Only the files
// holding these ids are parsed (planner::io::load_library for some ids): the window reads
// the rest from `unread` once its first frame is on screen (ui::complete_library).
struct Courses {
    planner::io::Library library;
    std::vector<std::string> ids;
    std::vector<std::filesystem::path> unread;  // the preset folders
};
[[nodiscard]] planner::Result<Courses> load_courses(const WindowFlags& flags);

// False when there is no X11 or Wayland display to open a window on.
[[nodiscard]] bool has_display();
// What the program says then (`make run` prints the terminal calendar instead).
inline constexpr const char* kNoDisplay =
    "course-planner: no display to open the window on (try `course-planner show "
    "iv-six-two-weeks spravato-label` for the terminal calendar)";

}  // namespace ui
