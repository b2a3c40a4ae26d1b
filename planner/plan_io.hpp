// Plan files (*.courseplan.json): a Plan with its embedded protocols and overrides, read
// with the same position-recording reader as presets, so every problem is
// file:line:column: field: what was expected. The format is docs/plans.md and
// schemas/courseplan.schema.json.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "planner/io.hpp"
#include "planner/plan.hpp"
#include "planner/result.hpp"

namespace planner::io {

inline constexpr int kPlanFormatVersion = 1;
inline constexpr std::string_view kPlanSuffix = ".courseplan.json";

// A path ending in .courseplan.json (any letter case): a plan, not a preset.
[[nodiscard]] bool is_plan_path(std::string_view path);

// Every problem in a plan text (empty: the text is a valid plan whose courses expand).
[[nodiscard]] std::vector<Problem> validate_plan(std::string_view text, std::string_view file);
// Parses a plan; the error is the first problem. A plan from a newer format version is
// refused with a message naming its version.
[[nodiscard]] Result<Plan> parse_plan(std::string_view text, std::string_view file);
[[nodiscard]] Result<Plan> load_plan_file(const std::filesystem::path& path);

// What is wrong with a visit's note ("a non-empty note of at most 300 characters on one
// line", no dose), or empty when it is fine. The CLI's --note and plan files share it.
[[nodiscard]] std::string note_problem(std::string_view note);

// The plan file text (round trip of parse_plan).
[[nodiscard]] std::string plan_to_json(const Plan& plan);

// Writes atomically with mode 0600, keeping the file it replaces as `path~`. Refuses, and
// leaves the file as it is, when `path` holds a plan from a newer format version.
[[nodiscard]] Result<bool> save_plan_file(const std::filesystem::path& path, const Plan& plan);

}  // namespace planner::io
