#include "ui/settings.hpp"

#include <cmath>
#include <cstdlib>
#include <ctime>
#include <nlohmann/json.hpp>
#include <system_error>

#include "planner/io.hpp"

namespace ui {

namespace fs = std::filesystem;
using nlohmann::json;

fs::path settings_path() {
    const char* xdg = std::getenv("XDG_CONFIG_HOME");
    fs::path base;
    if (xdg != nullptr && xdg[0] == '/') {
        base = xdg;  // the XDG spec ignores relative values
    } else {
        const char* home = std::getenv("HOME");
        if (home == nullptr || home[0] == '\0') return {};
        base = fs::path(home) / ".config";
    }
    return base / "course-planner" / "settings.json";
}

namespace {

void warn_type(std::vector<std::string>& warnings, std::string_view key,
               std::string_view expected) {
    warnings.push_back("settings.json: \"" + std::string(key) + "\": expected " +
                       std::string(expected) + "; using the default");
}

}  // namespace

ParsedSettings parse_settings(std::string_view text) {
    ParsedSettings out;
    json doc;
    try {
        doc = json::parse(text);
    } catch (const json::exception& e) {
        out.ok = false;
        out.warnings.push_back(std::string("settings.json is not valid JSON (") + e.what() + ")");
        return out;
    }
    if (!doc.is_object()) {
        out.ok = false;
        out.warnings.push_back("settings.json: expected a JSON object");
        return out;
    }
    Settings& s = out.settings;
    auto& w = out.warnings;
    if (auto it = doc.find("theme"); it != doc.end()) {
        if (it->is_string() && *it == "dark")
            s.theme = Theme::dark;
        else if (it->is_string() && *it == "light")
            s.theme = Theme::light;
        else
            warn_type(w, "theme", "\"light\" or \"dark\"");
    }
    if (auto it = doc.find("zoom"); it != doc.end()) {
        if (it->is_number() && it->get<double>() >= kMinZoom && it->get<double>() <= kMaxZoom)
            s.zoom = it->get<float>();
        else
            warn_type(w, "zoom", "a number from 0.5 to 3");
    }
    const auto read_size = [&](const char* key, int& value) {
        auto it = doc.find(key);
        if (it == doc.end()) return;
        if (it->is_number_integer() && it->get<long long>() >= kMinWindowSize &&
            it->get<long long>() <= kMaxWindowSize)
            value = it->get<int>();
        else
            warn_type(w, key, "a whole number of pixels from 320 to 16384");
    };
    read_size("window_width", s.window_width);
    read_size("window_height", s.window_height);
    if (auto it = doc.find("week_start"); it != doc.end()) {
        if (it->is_string() && *it == "mon")
            s.week_start = chr::Monday;
        else if (it->is_string() && *it == "sun")
            s.week_start = chr::Sunday;
        else
            warn_type(w, "week_start", "\"mon\" or \"sun\"");
    }
    if (auto it = doc.find("view"); it != doc.end()) {
        if (it->is_string() && *it == "calendar")
            s.view = View::calendar;
        else if (it->is_string() && *it == "timeline")
            s.view = View::timeline;
        else
            warn_type(w, "view", "\"calendar\" or \"timeline\"");
    }
    if (auto it = doc.find("timeline_dates"); it != doc.end()) {
        if (it->is_boolean())
            s.timeline_dates = it->get<bool>();
        else
            warn_type(w, "timeline_dates", "true or false");
    }
    return out;  // unknown keys are ignored: a newer version may have written them
}

std::string settings_to_json(const Settings& s) {
    json doc = json::object();
    doc["theme"] = s.theme == Theme::dark ? "dark" : "light";
    doc["zoom"] = std::round(static_cast<double>(s.zoom) * 100.0) / 100.0;  // 1.1, not 1.1000000238
    doc["window_width"] = s.window_width;
    doc["window_height"] = s.window_height;
    doc["week_start"] = s.week_start == chr::Sunday ? "sun" : "mon";
    doc["view"] = s.view == View::timeline ? "timeline" : "calendar";
    doc["timeline_dates"] = s.timeline_dates;
    return doc.dump(2) + "\n";
}

bool same_settings(const Settings& a, const Settings& b) {
    return settings_to_json(a) == settings_to_json(b);
}

LoadedSettings load_settings(const fs::path& path) {
    LoadedSettings out;
    if (path.empty()) return out;
    std::error_code ec;
    if (!fs::exists(path, ec)) return out;
    auto text = planner::io::read_text_file(path, 1u << 20);
    if (!text) {
        out.warnings.push_back(text.error().message() + "; using default settings");
        return out;
    }
    ParsedSettings parsed = parse_settings(*text);
    out.warnings = std::move(parsed.warnings);
    if (parsed.ok) {
        out.settings = parsed.settings;
        return out;
    }
    // Keep the damaged file for the person; the next save writes a fresh one.
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%SZ", &tm);
    fs::path aside = path;
    aside += std::string(".bad-") + stamp;
    for (int n = 1; fs::exists(aside, ec); ++n) {
        aside = path;
        aside += std::string(".bad-") + stamp + "-" + std::to_string(n);
    }
    fs::rename(path, aside, ec);
    out.writable = !ec;
    if (ec)
        out.warnings.push_back("could not keep the damaged settings aside (" + ec.message() +
                               "); settings will not be saved this session");
    else
        out.warnings.push_back("default settings in use; the damaged file was kept as " +
                               aside.string());
    return out;
}

planner::Result<bool> save_settings(const fs::path& path, const Settings& settings) {
    if (path.empty()) return planner::Error{"settings", "no HOME or XDG_CONFIG_HOME to save into"};
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    if (ec)
        return planner::Error{path.parent_path().string(),
                              "could not create (" + ec.message() + ")"};
    return planner::io::write_file_atomic(path, settings_to_json(settings), true);
}

}  // namespace ui
