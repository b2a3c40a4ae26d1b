// Settings: round trip, key-by-key defaults, damaged files kept aside, XDG location.
#include "ui/settings.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace fs = std::filesystem;
namespace chr = std::chrono;
using namespace ui;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cp-settings-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p) << text;
}

Settings changed_settings() {
    Settings s;
    s.theme = Theme::dark;
    s.zoom = 1.25f;
    s.window_width = 1280;
    s.window_height = 800;
    s.week_start = chr::Sunday;
    s.view = View::timeline;
    s.timeline_dates = true;
    return s;
}

}  // namespace

TEST_CASE("settings: every field survives a round trip") {
    const Settings s = changed_settings();
    const ParsedSettings parsed = parse_settings(settings_to_json(s));
    CHECK(parsed.ok);
    CHECK(parsed.warnings.empty());
    CHECK(same_settings(parsed.settings, s));
    CHECK(parsed.settings.theme == Theme::dark);
    CHECK(parsed.settings.zoom == doctest::Approx(1.25f));
    CHECK(parsed.settings.window_width == 1280);
    CHECK(parsed.settings.week_start == chr::Sunday);
    CHECK(parsed.settings.view == View::timeline);
    CHECK(parsed.settings.timeline_dates);
    CHECK_FALSE(same_settings(parsed.settings, Settings{}));
}

TEST_CASE("settings: a mistyped key keeps its default, the others still load") {
    const ParsedSettings p = parse_settings(
        R"({"theme": 3, "zoom": 99, "window_width": "wide", "window_height": 700,
            "week_start": "sun", "view": "gantt", "timeline_dates": "yes", "future_key": 1})");
    CHECK(p.ok);
    CHECK(p.warnings.size() == 5);  // theme, zoom, window_width, view, timeline_dates
    const Settings defaults;
    CHECK(p.settings.theme == defaults.theme);
    CHECK(p.settings.zoom == doctest::Approx(defaults.zoom));
    CHECK(p.settings.window_width == defaults.window_width);
    CHECK(p.settings.window_height == 700);
    CHECK(p.settings.week_start == chr::Sunday);
    CHECK(p.settings.view == defaults.view);
    CHECK(p.settings.timeline_dates == defaults.timeline_dates);
}

TEST_CASE("settings: not JSON, or not an object, is damaged") {
    CHECK_FALSE(parse_settings("{\"theme\": ").ok);
    CHECK_FALSE(parse_settings("[1, 2]").ok);
    CHECK_FALSE(parse_settings("").ok);
}

TEST_CASE("settings: a missing file gives the defaults without a warning") {
    TempDir dir;
    const LoadedSettings l = load_settings(dir.path / "course-planner" / "settings.json");
    CHECK(l.warnings.empty());
    CHECK(l.writable);
    CHECK(same_settings(l.settings, Settings{}));
}

TEST_CASE("settings: a damaged file is kept aside, never overwritten, defaults in use") {
    TempDir dir;
    const fs::path file = dir.path / "course-planner" / "settings.json";
    const std::string damaged = "{\"theme\": \"dark\", oops";
    write(file, damaged);
    const LoadedSettings l = load_settings(file);
    CHECK(same_settings(l.settings, Settings{}));
    REQUIRE_FALSE(l.warnings.empty());
    CHECK(l.writable);
    CHECK_FALSE(fs::exists(file));
    fs::path aside;
    for (const auto& entry : fs::directory_iterator(file.parent_path()))
        if (entry.path().filename().string().rfind("settings.json.bad-", 0) == 0)
            aside = entry.path();
    REQUIRE_FALSE(aside.empty());
    CHECK(read(aside) == damaged);
    CHECK(l.warnings.back().find(aside.string()) != std::string::npos);

    // Saving afterwards writes a fresh file and leaves the damaged one alone.
    REQUIRE(save_settings(file, changed_settings()).ok());
    CHECK(read(aside) == damaged);
    const LoadedSettings again = load_settings(file);
    CHECK(again.warnings.empty());
    CHECK(same_settings(again.settings, changed_settings()));
}

TEST_CASE("settings: saved privately, creating the folder") {
    TempDir dir;
    const fs::path file = dir.path / "deep" / "course-planner" / "settings.json";
    REQUIRE(save_settings(file, changed_settings()).ok());
    struct stat st {};
    REQUIRE(stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(parse_settings(read(file)).ok);
}

TEST_CASE("settings: the path follows XDG_CONFIG_HOME, else HOME/.config") {
    const char* old_xdg = std::getenv("XDG_CONFIG_HOME");
    const char* old_home = std::getenv("HOME");
    const std::string saved_xdg = old_xdg ? old_xdg : "";
    const std::string saved_home = old_home ? old_home : "";
    setenv("XDG_CONFIG_HOME", "/tmp/xdg-test", 1);
    CHECK(settings_path() == fs::path("/tmp/xdg-test/course-planner/settings.json"));
    setenv("XDG_CONFIG_HOME", "relative/ignored", 1);
    setenv("HOME", "/tmp/home-test", 1);
    CHECK(settings_path() == fs::path("/tmp/home-test/.config/course-planner/settings.json"));
    unsetenv("XDG_CONFIG_HOME");
    CHECK(settings_path() == fs::path("/tmp/home-test/.config/course-planner/settings.json"));
    if (old_xdg) setenv("XDG_CONFIG_HOME", saved_xdg.c_str(), 1);
    if (old_home)
        setenv("HOME", saved_home.c_str(), 1);
    else
        unsetenv("HOME");
}
