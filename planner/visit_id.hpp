// A stable name for one visit: course id + phase id + number in the phase, never a
// position in a list. Overrides, selections, differences and ICS UIDs use it.
#pragma once

#include <compare>
#include <string>
#include <string_view>

#include "planner/result.hpp"

namespace planner {

struct VisitId {
    std::string course;  // stable course id: "spravato-label", "spravato-label-2"
    std::string phase;   // the phase id in the protocol: "induction"
    int number = 0;      // 1-based number in the phase, as published

    // "spravato-label/induction/3": usable on the command line and as a JSON key.
    [[nodiscard]] std::string str() const;
    friend auto operator<=>(const VisitId&, const VisitId&) = default;
    friend bool operator==(const VisitId&, const VisitId&) = default;
};

// Parses the string form; `where` names the flag or field for the error.
[[nodiscard]] Result<VisitId> parse_visit_id(std::string_view text, std::string_view where);

// Course and phase ids: 1 to 80 lowercase letters, digits or '-' (a preset id, 64 at most,
// plus a "-N" suffix for a second course from the same preset).
[[nodiscard]] bool valid_course_id(std::string_view id);

}  // namespace planner
