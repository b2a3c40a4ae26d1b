// Autosave: unsaved changes are written a few seconds after each edit to
// <state dir>/autosave/session-<name>.courseplan.json, with session-<name>.json saying which
// plan file they belong to. The session holds a lock on session-<name>.lock while it runs.
// A clean save, a discard or a clean exit removes its files. At the next start, an autosave
// whose lock nobody holds means a window ended without saving (a crash, a kill, a power
// cut): the window offers to restore it.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "planner/result.hpp"

namespace ui {

namespace fs = std::filesystem;

inline constexpr double kAutosaveDelay = 3.0;  // seconds after the last edit

struct AutosaveInfo {
    fs::path plan_file;                // the unsaved plan
    fs::path meta_file;                // what it belongs to
    std::optional<fs::path> original;  // the plan file it was opened from; none: untitled
    std::string saved_at;              // local time, "2026-11-25 14:02"
    std::string session;               // the name of the session that wrote it
};

// A running session's hold on its autosave (flock on the lock file, released when the last
// copy goes, at the latest when the process ends however it ends).
class SessionLock {
public:
    [[nodiscard]] static std::shared_ptr<SessionLock> take(const fs::path& dir,
                                                           const std::string& session);
    ~SessionLock();
    SessionLock(const SessionLock&) = delete;
    SessionLock& operator=(const SessionLock&) = delete;

private:
    explicit SessionLock(int fd) : fd_(fd) {}
    int fd_ = -1;
};

[[nodiscard]] fs::path autosave_dir(const fs::path& state_dir);  // empty in, empty out
// "<pid>-<seconds since 1970>": unique among sessions past and present.
[[nodiscard]] std::string new_session_name();

// Writes a session's autosave (atomic, 0600; creates the folder).
[[nodiscard]] planner::Result<bool> write_autosave(const fs::path& dir, const std::string& session,
                                                   std::string_view plan_text,
                                                   const std::optional<fs::path>& original);
// Removes a session's autosave, if any (the lock stays with the session).
void remove_autosave(const fs::path& dir, const std::string& session);
// A clean exit: the autosave and the lock file go.
void end_session(const fs::path& dir, const std::string& session);
// Autosaves no running session holds, newest first.
[[nodiscard]] std::vector<AutosaveInfo> find_orphans(const fs::path& dir);
// Renames an orphan to this session's name, so it stays safe until the next save.
[[nodiscard]] bool adopt_autosave(const AutosaveInfo& orphan, const fs::path& dir,
                                  const std::string& session);
void discard_autosave(const AutosaveInfo& orphan);

}  // namespace ui
