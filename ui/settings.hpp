// Settings persisted between runs in ($XDG_CONFIG_HOME or ~/.config)/course-planner/
// settings.json. Read key by key with a default and a type check, so a damaged file never
// stops the app: it is kept aside as settings.json.bad-<timestamp> and never overwritten.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.hpp"
#include "ui/app.hpp"

namespace ui {

// The settings file for this user; empty when neither XDG_CONFIG_HOME nor HOME is set.
[[nodiscard]] std::filesystem::path settings_path();

struct LoadedSettings {
    Settings settings;
    std::vector<std::string> warnings;  // one sentence each, for state.errors
    bool writable = true;               // false when a damaged file could not be moved aside
};

// Reads a settings text; every missing or mistyped key keeps its default (with a warning
// for a mistyped or out-of-range one). `ok` is false when the text is not a JSON object.
struct ParsedSettings {
    Settings settings;
    std::vector<std::string> warnings;
    bool ok = true;
};
[[nodiscard]] ParsedSettings parse_settings(std::string_view text);
[[nodiscard]] std::string settings_to_json(const Settings& settings);
[[nodiscard]] bool same_settings(const Settings& a, const Settings& b);

// Missing file: defaults, no warning. Damaged file: defaults, a warning, and the file
// renamed aside so the next save cannot destroy what the person may want to recover.
[[nodiscard]] LoadedSettings load_settings(const std::filesystem::path& path);
// Atomic write (temp file, fsync, rename), mode 0600; creates the folder.
[[nodiscard]] planner::Result<bool> save_settings(const std::filesystem::path& path,
                                                  const Settings& settings);

// Limits shared by the settings reader and the zoom keys.
inline constexpr float kMinZoom = 0.5f;
inline constexpr float kMaxZoom = 3.0f;
inline constexpr int kMinWindowSize = 320;
inline constexpr int kMaxWindowSize = 16384;
// The smallest window the views are laid out for (every visit drawn or counted, seven days
// across): the window cannot be made smaller, and --size asks for at least this.
inline constexpr int kMinWindowWidth = 800;
inline constexpr int kMinWindowHeight = 600;

}  // namespace ui
