// The label every screen and every export carries. It cannot be switched off.
#pragma once

#include <string_view>

namespace planner {

inline constexpr std::string_view kDisclaimer =
    "Educational illustration of published schedules - not medical advice, not a dosing tool. "
    "Talk to your clinician.";

inline constexpr std::string_view kDisclaimerShort =
    "Educational illustration, not medical advice, not a dosing tool";

}  // namespace planner
