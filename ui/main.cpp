// course-planner: a subcommand runs the CLI; no subcommand (or window flags, or a plan file)
// opens the window.
#include <algorithm>
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"
#include "planner/io.hpp"
#include "planner/parse.hpp"
#include "ui/app.hpp"
#include "ui/autosave.hpp"
#include "ui/file_commands.hpp"
#include "ui/flags.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"
#include "ui/recent.hpp"
#include "ui/settings.hpp"

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
    const std::chrono::year_month_day today = planner::today_local();
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
        std::cerr << "course-planner: no display to open the window on (try `course-planner "
                     "show iv-six-two-weeks spravato-label` for the terminal calendar)\n";
        return 2;
    }

    // 3. Settings (damaged ones are kept aside), then the flags on top for this run.
    ui::WindowOptions options;
    const ui::LoadedSettings loaded = ui::load_settings(ui::settings_path());
    if (loaded.writable) options.settings_file = ui::settings_path();
    ui::AppState state = ui::make_app_state(
        std::move(library), ids, flags.start.value_or(planner::next_monday(today)), today);
    for (const std::string& w : loaded.warnings) (void)ui::apply(state, ui::cmd::ReportError{w});
    state.settings = loaded.settings;
    if (flags.theme) state.settings.theme = *flags.theme;
    if (flags.view) state.settings.view = *flags.view;
    if (flags.width) state.settings.window_width = *flags.width;
    if (flags.height) state.settings.window_height = *flags.height;
    state.view.presenting = flags.present;

    // 4. The plan: the one given, else the last one opened (unless presets were given). A
    // plan that cannot be opened says why in the window and is left untouched. An autosave
    // left by a session that ended unsaved is offered on top.
    const char* home = std::getenv("HOME");
    ui::start_session(state, ui::state_dir(), home != nullptr ? home : "", ui::new_session_name());
    if (flags.plan) {
        (void)ui::apply(state, ui::cmd::OpenPlan{*flags.plan});
    } else if (flags.presets.empty() && !state.files.recent.empty()) {
        std::error_code ec;
        if (std::filesystem::exists(state.files.recent.front(), ec))
            (void)ui::apply(state, ui::cmd::OpenPlan{state.files.recent.front()});
    }

    // 5. The window.
    options.screenshot = flags.screenshot;
    options.frames = flags.frames;
    options.font_cache_dir = ui::font_cache_dir();
    options.fullscreen_when_presenting = !flags.screenshot.has_value();
    return ui::run_window(state, options);
}
