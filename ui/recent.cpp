#include "ui/recent.hpp"

#include <algorithm>
#include <cstdlib>
#include <nlohmann/json.hpp>
#include <system_error>

#include "planner/io.hpp"

namespace ui {

using nlohmann::json;

fs::path state_dir() {
    const char* xdg = std::getenv("XDG_STATE_HOME");
    if (xdg != nullptr && xdg[0] == '/') return fs::path(xdg) / "course-planner";
    const char* home = std::getenv("HOME");  // the XDG spec ignores relative values
    if (home == nullptr || home[0] == '\0') return {};
    return fs::path(home) / ".local" / "state" / "course-planner";
}

std::vector<fs::path> parse_recent(std::string_view text) {
    std::vector<fs::path> out;
    const json doc = json::parse(text, nullptr, false);
    if (!doc.is_object()) return out;
    const auto it = doc.find("recent");
    if (it == doc.end() || !it->is_array()) return out;
    for (const json& entry : *it) {
        if (!entry.is_string()) continue;
        const fs::path p = fs::path(entry.get<std::string>()).lexically_normal();
        if (p.is_absolute() && std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
        if (out.size() == kRecentPlans) break;
    }
    return out;
}

std::string recent_to_json(const std::vector<fs::path>& recent) {
    json list = json::array();
    for (const fs::path& p : recent) list.push_back(p.string());
    return json{{"recent", list}}.dump(2) + "\n";
}

std::vector<fs::path> load_recent(const fs::path& file) {
    std::error_code ec;
    if (file.empty() || !fs::exists(file, ec)) return {};
    auto text = planner::io::read_text_file(file, 1u << 16);
    if (!text) return {};
    return parse_recent(*text);
}

planner::Result<bool> save_recent(const fs::path& file, const std::vector<fs::path>& recent) {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec)
        return planner::Error{file.parent_path().string(),
                              "could not create (" + ec.message() + ")"};
    return planner::io::write_file_atomic(file, recent_to_json(recent), true);
}

std::vector<fs::path> add_recent(std::vector<fs::path> recent, const fs::path& path) {
    const fs::path p = path.lexically_normal();
    recent.erase(std::remove(recent.begin(), recent.end(), p), recent.end());
    recent.insert(recent.begin(), p);
    if (recent.size() > kRecentPlans) recent.resize(kRecentPlans);
    return recent;
}

std::vector<fs::path> recent_folders(const std::vector<fs::path>& recent, const fs::path& home) {
    std::vector<fs::path> out;
    const auto add = [&](const fs::path& folder) {
        if (!folder.empty() && std::find(out.begin(), out.end(), folder) == out.end())
            out.push_back(folder);
    };
    for (const fs::path& p : recent) add(p.parent_path());
    add(home);
    return out;
}

}  // namespace ui
