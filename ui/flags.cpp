#include "ui/flags.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdlib>

#include "planner/parse.hpp"
#include "planner/plan_io.hpp"
#include "ui/settings.hpp"

namespace ui {

namespace {

constexpr std::array<const char*, 9> kFlags{"--preset",     "--start",  "--view",
                                            "--present",    "--theme",  "--size",
                                            "--screenshot", "--frames", "--use-settings"};

std::optional<int> to_int(std::string_view text) {
    int value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
    return value;
}

}  // namespace

planner::Result<Courses> load_courses(const WindowFlags& flags) {
    // The ids to parse: the flags' (a preset file's own id too, so a shipped preset with that
    // id is the one used, as with the whole library), else the default's.
    std::vector<std::string> wanted;
    std::vector<std::optional<planner::Result<planner::Protocol>>> files(flags.presets.size());
    for (std::size_t i = 0; i < flags.presets.size(); ++i) {
        const std::string& preset = flags.presets[i];
        if (planner::io::is_preset_path(preset)) {
            files[i] = planner::io::resolve_preset({}, preset);
            if (files[i]->ok()) wanted.push_back((*files[i])->id);
        } else {
            wanted.push_back(preset);
        }
    }
    if (flags.presets.empty())
        wanted.assign(std::begin(kDefaultPresets), std::end(kDefaultPresets));
    Courses courses;
    courses.unread = planner::io::preset_dirs();
    courses.library =
        planner::io::load_library(courses.unread, wanted, planner::io::Codepoints::collect);
    for (std::size_t i = 0; i < flags.presets.size(); ++i) {
        auto protocol = files[i] ? std::move(*files[i])
                                 : planner::io::resolve_preset(courses.library, flags.presets[i]);
        if (!protocol) return planner::Error{"--preset", protocol.error().message()};
        courses.ids.push_back(protocol->id);
        const auto& known = courses.library.protocols;
        if (std::none_of(known.begin(), known.end(),
                         [&](const planner::Protocol& p) { return p.id == courses.ids.back(); }))
            courses.library.protocols.push_back(std::move(*protocol));  // a preset file
    }
    if (courses.ids.empty())
        courses.ids.assign(std::begin(kDefaultPresets), std::end(kDefaultPresets));
    return courses;
}

bool is_window_flag(const std::string& arg) {
    if (arg.rfind("--", 0) != 0 && planner::io::is_plan_path(arg)) return true;
    const std::string name = arg.substr(0, arg.find('='));
    for (const char* f : kFlags)
        if (name == f) return true;
    return false;
}

planner::Result<WindowFlags> parse_window_flags(const std::vector<std::string>& args) {
    WindowFlags flags;
    for (std::size_t i = 0; i < args.size(); ++i) {
        std::string name = args[i];
        std::optional<std::string> inline_value;
        if (const auto eq = name.find('='); eq != std::string::npos && name.rfind("--", 0) == 0) {
            inline_value = name.substr(eq + 1);
            name = name.substr(0, eq);
        }
        const auto value = [&]() -> planner::Result<std::string> {
            if (inline_value) return *inline_value;
            if (i + 1 >= args.size()) return planner::Error{name, "needs a value"};
            return args[++i];
        };
        if (name.rfind("--", 0) != 0 && planner::io::is_plan_path(name)) {
            if (flags.plan) return planner::Error{name, "one plan file at a time"};
            flags.plan = name;
            continue;
        }
        if (name == "--present" || name == "--use-settings") {
            if (inline_value) return planner::Error{name, "takes no value"};
            (name == "--present" ? flags.present : flags.use_settings) = true;
            continue;
        }
        if (!is_window_flag(name))
            return planner::Error{name.empty() ? std::string("\"\"") : name,
                                  "not a window flag (flags: --preset ID, --start DATE, "
                                  "--view calendar|timeline, --present, --theme light|dark, "
                                  "--size WxH, --screenshot FILE.png, --frames N, "
                                  "--use-settings, PLAN.courseplan.json)"};
        auto v = value();
        if (!v) return v.error();
        const std::string& text = *v;
        if (name == "--preset") {
            if (text.empty()) return planner::Error{name, "a preset id or a preset file"};
            flags.presets.push_back(text);
        } else if (name == "--start") {
            auto date = planner::parse_date(text, "--start");
            if (!date) return date.error();
            flags.start = *date;
        } else if (name == "--view") {
            if (text == "calendar")
                flags.view = View::calendar;
            else if (text == "timeline")
                flags.view = View::timeline;
            else
                return planner::Error{name, "calendar or timeline, not \"" + text + "\""};
        } else if (name == "--theme") {
            if (text == "light")
                flags.theme = Theme::light;
            else if (text == "dark")
                flags.theme = Theme::dark;
            else
                return planner::Error{name, "light or dark, not \"" + text + "\""};
        } else if (name == "--size") {
            const auto x = text.find('x');
            const auto w = x == std::string::npos ? std::nullopt : to_int(text.substr(0, x));
            const auto h = x == std::string::npos ? std::nullopt : to_int(text.substr(x + 1));
            if (!w || !h || *w < kMinWindowWidth || *h < kMinWindowHeight || *w > kMaxWindowSize ||
                *h > kMaxWindowSize)
                return planner::Error{name,
                                      "WIDTHxHEIGHT in pixels from 800x600 to 16384x16384, like "
                                      "1280x800"};
            flags.width = *w;
            flags.height = *h;
        } else if (name == "--screenshot") {
            if (text.size() < 5 || text.substr(text.size() - 4) != ".png")
                return planner::Error{name, "a file name ending in .png"};
            flags.screenshot = text;
        } else if (name == "--frames") {
            const auto n = to_int(text);
            if (!n || *n < 1 || *n > 1000000)
                return planner::Error{name, "a whole number of frames from 1 to 1000000"};
            flags.frames = *n;
        }
    }
    if (flags.plan && !flags.presets.empty())
        return planner::Error{"--preset", "not with a plan file: the plan brings its own courses"};
    return flags;
}

bool has_display() {
    const char* x11 = std::getenv("DISPLAY");
    const char* wayland = std::getenv("WAYLAND_DISPLAY");
    return (x11 != nullptr && x11[0] != '\0') || (wayland != nullptr && wayland[0] != '\0');
}

}  // namespace ui
