// course-planner: a subcommand runs the CLI; no subcommand (or window flags, or a plan file)
// opens the window. The program links no GUI code: the window is the module
// course-planner-window.so (ui/window), loaded only once the window is to be opened.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "ui/flags.hpp"
#include "ui/window/loader.hpp"

int main(int argc, char** argv) {
    const std::vector<std::string> args(argv + 1, argv + argc);
    // 1. Flags for the window, else a subcommand for the CLI (nullopt: open the window).
    ui::WindowFlags flags;
    if (!args.empty() && ui::is_window_flag(args.front())) {
        auto parsed = ui::parse_window_flags(args);
        if (!parsed) {
            std::cerr << "course-planner: " << parsed.error().message() << "\n";
            return 2;
        }
        flags = std::move(*parsed);
    } else if (auto status = cli::run(args, std::cout, std::cerr)) {
        return *status;
    }

    // 2. Courses: the flags' presets (ids or files), else the first-start default.
    planner::Result<ui::Courses> courses = ui::load_courses(flags);
    if (!courses) {
        std::cerr << "course-planner: " << courses.error().message() << "\n";
        return 2;
    }
    if (!ui::has_display()) {
        std::cerr << ui::kNoDisplay << "\n";
        return 2;
    }

    // 3. The window: settings, the plan and the frame loop are the module's.
    return ui::window::run(flags, std::move(*courses));
}
