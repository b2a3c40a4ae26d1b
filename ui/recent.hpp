// The window's state between runs that is not a setting ($XDG_STATE_HOME, else
// ~/.local/state, /course-planner/): the five most recent plans (the first one reopens at
// the next start) and the folders they are in, for the in-window file dialog.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.hpp"

namespace ui {

namespace fs = std::filesystem;

inline constexpr std::size_t kRecentPlans = 5;

// ($XDG_STATE_HOME or ~/.local/state)/course-planner; empty when neither is set.
[[nodiscard]] fs::path state_dir();

// recent.json: {"recent": ["/abs/path.courseplan.json", ...]}, newest first. Entries that
// are not absolute paths are dropped; a damaged file is an empty list (it is only a list).
[[nodiscard]] std::vector<fs::path> parse_recent(std::string_view text);
[[nodiscard]] std::string recent_to_json(const std::vector<fs::path>& recent);
[[nodiscard]] std::vector<fs::path> load_recent(const fs::path& file);
[[nodiscard]] planner::Result<bool> save_recent(const fs::path& file,
                                                const std::vector<fs::path>& recent);

// `path` first, without duplicates, at most kRecentPlans.
[[nodiscard]] std::vector<fs::path> add_recent(std::vector<fs::path> recent, const fs::path& path);
// The folders of the recent plans, newest first, then `home`; each once.
[[nodiscard]] std::vector<fs::path> recent_folders(const std::vector<fs::path>& recent,
                                                   const fs::path& home);

}  // namespace ui
