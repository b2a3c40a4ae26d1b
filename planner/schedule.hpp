// The schedule engine: a pure function from a protocol placed on the calendar to
// dated visits, and the summary figures people compare.
#pragma once

#include <cstddef>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

// Expands `course` (whose protocol is `protocol`) into dated visits. Errors name
// the field ("course.start", "phases[1].cadence.per_week") and what was expected.
// Dates are civil dates: time zones and daylight saving never move a visit.
[[nodiscard]] Result<Expansion> expand(const Protocol& protocol, const Course& course,
                                       std::size_t course_index = 0);

// The clinic weekdays a course uses: the course's own, else the protocol's default,
// else Monday to Friday. Sorted Monday first, no duplicates; invalid weekdays are dropped
// (expand reports them as errors).
[[nodiscard]] std::vector<chr::weekday> effective_clinic_days(const Protocol& protocol,
                                                              const Course& course);

// Picks `per_week` of the clinic weekdays spaced as evenly as the week allows
// ("twice a week" -> at least two days apart, "three a week" -> Mon/Wed/Fri-like):
// the largest smallest gap around the week, ties to the earliest set Monday first.
// Fewer clinic days than `per_week`: all of them.
[[nodiscard]] std::vector<chr::weekday> pick_weekdays(const std::vector<chr::weekday>& clinic_days,
                                                      int per_week);

// Visit counts, clinic time and spans per phase and for the course. An interval phase
// with windows repeated to the horizon counts all-longest .. all-shortest intervals.
[[nodiscard]] Summary summarize(const Protocol& protocol, const Course& course,
                                const Expansion& expansion);

}  // namespace planner
