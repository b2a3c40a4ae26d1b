// Limits shared by preset validation (planner/io) and the engine (planner/schedule), so that
// every preset `validate` accepts also expands and exports, whatever the course options.
#pragma once

#include <cstddef>

#include "planner/model.hpp"

namespace planner::limits {

// Visits one course may hold; the engine stops with an error past it.
inline constexpr std::size_t kMaxVisits = 5000;
// The longest booster horizon a course may ask for (Course::booster_months).
inline constexpr int kMaxBoosterMonths = 120;
// Treatment plus observation at their longest: 12 hours, so a visit starting at the default
// 09:00 (or any time up to 12:00) ends the same day, as the engine requires.
inline constexpr int kMaxVisitMinutes = 720;

// The most visits `protocol` can make with a booster horizon of `booster_months`: weekly
// phases at their cap, counted interval phases at their count, open-ended ones at their
// shortest interval over the whole horizon (31-day months, so never an underestimate).
[[nodiscard]] std::size_t max_visits(const Protocol& protocol, int booster_months);

}  // namespace planner::limits
