// A plan: the courses a person shows together, each resolved to its protocol,
// visits and summary. Every front end (CLI, window, exporters) works from this.
#pragma once

#include <vector>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

struct PlannedCourse {
    Protocol protocol;
    Course course;
    Expansion expansion;
    Summary summary;
};

// Expands each (protocol, course) pair; the course index is its position.
[[nodiscard]] Result<std::vector<PlannedCourse>> plan_courses(
    const std::vector<std::pair<Protocol, Course>>& courses);

}  // namespace planner
