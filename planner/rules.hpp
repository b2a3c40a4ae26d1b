// The rescheduling rules as data: what the engine does when the calendar cannot hold the
// published schedule as it is. Each rule has a short id (used in differences, files and
// tests), the sentence a reader sees, and where it is documented. A preset may say which
// rule applies to a phase and cite its own source for it (Phase::reschedule).
#pragma once

#include <span>
#include <string_view>

namespace planner {

struct Rule {
    std::string_view id;           // "keep-count"
    std::string_view sentence;     // plain, at most 25 words
    std::string_view reference;    // where the planner documents it (a docs/ anchor)
    bool preset_may_name = false;  // a preset's phase "reschedule.rule" may be this one
};

namespace rule {
inline constexpr std::string_view phase_order = "phase-order";
inline constexpr std::string_view same_week = "same-week";
inline constexpr std::string_view keep_count = "keep-count";
inline constexpr std::string_view continue_schedule = "continue-schedule";
inline constexpr std::string_view week_cap = "week-cap";
inline constexpr std::string_view window_follows = "window-follows";
inline constexpr std::string_view next_open_day = "next-open-day";
inline constexpr std::string_view horizon = "horizon";
inline constexpr std::string_view plan_move = "plan-move";
inline constexpr std::string_view plan_skip = "plan-skip";
}  // namespace rule

// Every rule, in the order docs/presets.md lists them.
[[nodiscard]] std::span<const Rule> rules();
// nullptr when `id` names no rule.
[[nodiscard]] const Rule* find_rule(std::string_view id);

}  // namespace planner
