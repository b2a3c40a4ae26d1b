// The schedule engine: a pure function from a protocol placed on the calendar to
// dated visits, and the summary figures people compare.
#pragma once

#include <cstddef>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

// Expands `course` (whose protocol is `protocol`) into dated visits. Errors name
// the field ("course.start", "phases[1].cadence") and what was expected.
[[nodiscard]] Result<Expansion> expand(const Protocol& protocol, const Course& course,
                                       std::size_t course_index = 0);

// The clinic weekdays a course uses: the course's own, else the protocol's default,
// else Monday to Friday. Sorted Monday first.
[[nodiscard]] std::vector<chr::weekday> effective_clinic_days(const Protocol& protocol,
                                                              const Course& course);

// Picks `per_week` of the clinic weekdays spaced as evenly as the week allows
// ("twice a week" -> at least two days apart, "three a week" -> Mon/Wed/Fri-like).
[[nodiscard]] std::vector<chr::weekday> pick_weekdays(const std::vector<chr::weekday>& clinic_days,
                                                      int per_week);

[[nodiscard]] Summary summarize(const Protocol& protocol, const Course& course,
                                const Expansion& expansion);

}  // namespace planner
