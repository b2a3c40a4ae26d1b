// The stress plan every benchmark shares: eight courses, one of each kind the library has,
// each showing five years of as-needed visits (the CLI's --months cap). make bench passes
// the same ids to `course-planner export` so the whole-process figure is for the same plan.
#pragma once

#include <chrono>

namespace bench {

inline constexpr const char* kStressPresets[] = {
    "iv-six-two-weeks", "iv-six-three-weeks",         "iv-boosters",       "iv-weekly-maintenance",
    "spravato-label",   "spravato-suicidal-ideation", "subcutaneous-kads", "im-illustrative"};
inline constexpr int kStressMonths = 60;
inline constexpr std::chrono::year_month_day kStressStart =
    std::chrono::year{2026} / std::chrono::January / 5;  // a Monday

}  // namespace bench
