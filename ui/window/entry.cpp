// The window module's side (see abi.hpp): what the program does once it knows the window
// is to be opened on a display, with its courses resolved.
#include <cstdlib>
#include <filesystem>
#include <utility>

#include "planner/parse.hpp"
#include "ui/app.hpp"
#include "ui/autosave.hpp"
#include "ui/file_commands.hpp"
#include "ui/fonts.hpp"
#include "ui/platform.hpp"
#include "ui/recent.hpp"
#include "ui/settings.hpp"
#include "ui/window/abi.hpp"

#define CP_EXPORT extern "C" [[gnu::visibility("default")]]

namespace {

int open_window(const ui::WindowFlags& flags, ui::Courses courses) {
    // 1. Settings (damaged ones are kept aside), then the flags on top for this run. A
    // screenshot uses the defaults unless asked, so it is the same on every machine.
    const std::chrono::year_month_day today = planner::today_local();
    ui::WindowOptions options;
    const bool read_settings = !flags.screenshot || flags.use_settings;
    const ui::LoadedSettings loaded =
        read_settings ? ui::load_settings(ui::settings_path()) : ui::LoadedSettings{};
    if (read_settings && loaded.writable) options.settings_file = ui::settings_path();
    ui::AppState state =
        ui::make_app_state(std::move(courses.library), courses.ids,
                           flags.start.value_or(planner::next_monday(today)), today);
    state.library_unread = std::move(courses.unread);  // read after the first frame
    for (const std::string& w : loaded.warnings) (void)ui::apply(state, ui::cmd::ReportError{w});
    state.settings = loaded.settings;
    if (flags.theme) state.settings.theme = *flags.theme;
    if (flags.view) state.settings.view = *flags.view;
    if (flags.width) state.settings.window_width = *flags.width;
    if (flags.height) state.settings.window_height = *flags.height;
    state.view.presenting = flags.present;

    // 2. The plan: the one given, else the last one opened (unless presets were given). A
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

    // 3. The window.
    options.screenshot = flags.screenshot;
    options.frames = flags.frames;
    options.font_cache_dir = ui::font_cache_dir();
    options.fullscreen_when_presenting = !flags.screenshot.has_value();
    return ui::run_window(state, options);
}

}  // namespace

CP_EXPORT void course_planner_window_stamp(std::string* out) {
    *out = ui::window::abi_stamp();
}

CP_EXPORT void course_planner_window_run(const ui::WindowFlags* flags, ui::Courses* courses,
                                         int* status) {
    *status = open_window(*flags, std::move(*courses));
}
