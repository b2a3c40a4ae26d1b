#include "planner/plan.hpp"

#include "planner/schedule.hpp"

namespace planner {

Result<std::vector<PlannedCourse>> plan_courses(
    const std::vector<std::pair<Protocol, Course>>& courses) {
    std::vector<PlannedCourse> out;
    out.reserve(courses.size());
    for (std::size_t i = 0; i < courses.size(); ++i) {
        const auto& [protocol, course] = courses[i];
        auto expansion = expand(protocol, course, i);
        if (!expansion) {
            // Several courses can share field names, so the protocol id says whose it is.
            return Error{protocol.id + ": " + expansion.error().where, expansion.error().what};
        }
        Summary summary = summarize(protocol, course, *expansion);
        out.push_back(
            PlannedCourse{protocol, course, std::move(expansion).value(), std::move(summary)});
    }
    return out;
}

}  // namespace planner
