// course-planner: a subcommand runs the CLI; no subcommand (or window flags, or a plan file)
// opens the window. The program links no GUI code: the window is the module
// course-planner-window.so (ui/window), loaded only once the window is to be opened.
#include <algorithm>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "planner/io.hpp"
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
    planner::io::Library library = planner::io::load_library(planner::io::preset_dirs());
    std::vector<std::string> ids;
    for (const std::string& preset : flags.presets) {
        auto protocol = planner::io::resolve_preset(library, preset);
        if (!protocol) {
            std::cerr << "course-planner: --preset: " << protocol.error().message() << "\n";
            return 2;
        }
        ids.push_back(protocol->id);
        const bool known =
            std::any_of(library.protocols.begin(), library.protocols.end(),
                        [&](const planner::Protocol& p) { return p.id == ids.back(); });
        if (!known) library.protocols.push_back(std::move(*protocol));  // a preset file
    }
    if (ids.empty()) ids.assign(std::begin(ui::kDefaultPresets), std::end(ui::kDefaultPresets));
    if (!ui::has_display()) {
        std::cerr << ui::kNoDisplay << "\n";
        return 2;
    }

    // 3. The window: settings, the plan and the frame loop are the module's.
    return ui::window::run(flags, std::move(library), ids);
}
