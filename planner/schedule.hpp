// The schedule engine: a pure function from a protocol placed on the calendar to
// dated visits, and the summary figures people compare.
#pragma once

#include <cstddef>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

// Expands `course` (whose protocol is `protocol`) into dated visits and windows, applies
// the plan's `overrides` of this course (keyed by VisitId; others are ignored), and lists
// the differences from the published schedule. The rules it follows are planner/rules.hpp.
// Errors name the field ("course.start", "phases[1].cadence.per_week") or the visit id of
// an override ("spravato-label/induction/9") and what was expected.
// Dates are civil dates: time zones and daylight saving never move a visit.
[[nodiscard]] Result<Expansion> expand(const Protocol& protocol, const Course& course,
                                       std::size_t course_index = 0,
                                       const Overrides& overrides = {});

// The clinic weekdays a course uses: the course's own, else the protocol's default,
// else Monday to Friday. Sorted Monday first, no duplicates; invalid weekdays are dropped
// (expand reports them as errors).
[[nodiscard]] std::vector<chr::weekday> effective_clinic_days(const Protocol& protocol,
                                                              const Course& course);

// Picks `per_week` of the clinic weekdays spread as evenly as the week allows (the largest
// smallest gap around the week, ties to the earliest set Monday first): Mon/Thu for twice
// a week on Monday to Friday, Mon/Wed/Fri for three. No minimum gap is promised (no source
// states one), so with clinic days side by side two visits can be on consecutive days.
// Fewer clinic days than `per_week`: all of them.
[[nodiscard]] std::vector<chr::weekday> pick_weekdays(const std::vector<chr::weekday>& clinic_days,
                                                      int per_week);

// Visit counts, clinic time and spans per phase and for the course, counted from the visits
// drawn: a phase's maximum is every visit and window shown, its minimum leaves out optional
// ones and windows that may fall past the booster horizon.
[[nodiscard]] Summary summarize(const Protocol& protocol, const Course& course,
                                const Expansion& expansion);

}  // namespace planner
