// The file side of apply: New, Open, Save, Save As, the recent plans, the in-window file
// dialog, the unsaved-changes prompt, autosave and the restore after a crash. Plans are
// read and written by planner/io (plan_io: atomic, 0600, FILE~ kept, newer versions
// refused untouched); the recent list and autosaves are the window's own state files.
#pragma once

#include <filesystem>
#include <string>

#include "ui/app.hpp"

namespace ui {

// Applies one of the file commands (cmd::NewPlan ... cmd::Recover); false for any other.
bool apply_file_command(AppState& state, const Command& command);

// Where this session keeps its state: the recent plans are read from `state_dir`, and an
// autosave left there by a session that ended unsaved is offered (files.recovery).
// An empty `state_dir` keeps nothing (tests, or no HOME).
void start_session(AppState& state, const fs::path& state_dir, const fs::path& home,
                   const std::string& session);

// "plan.courseplan.json - Course Planner", with a leading "*" while there are unsaved
// changes; "Untitled plan" before the plan has a file.
[[nodiscard]] std::string window_title(const AppState& state);
// The plan's file name, or "Untitled plan".
[[nodiscard]] std::string document_name(const AppState& state);

// The name a typed path gets: "~/" expanded, ".courseplan.json" added when missing
// (save only), made absolute against the current folder.
[[nodiscard]] fs::path resolve_typed_path(const std::string& typed, const fs::path& home,
                                          bool add_suffix);

}  // namespace ui
