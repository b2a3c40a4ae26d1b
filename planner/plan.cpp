#include "planner/plan.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "planner/schedule.hpp"

namespace planner {

std::string next_course_id(const Plan& plan, std::string_view preset_id) {
    const auto taken = [&](const std::string& id) { return plan.find_course(id) != nullptr; };
    std::string id(preset_id);
    for (int n = 2; taken(id); ++n) id = std::string(preset_id) + "-" + std::to_string(n);
    return id;
}

std::string Plan::add_course(Protocol protocol, Course course) {
    course.protocol_id = protocol.id;
    if (course.id.empty() || find_course(course.id) != nullptr)
        course.id = next_course_id(*this, protocol.id);
    std::string id = course.id;
    courses.push_back(PlanCourse{std::move(protocol), std::move(course)});
    return id;
}

bool Plan::remove_course(std::size_t index) {
    if (index >= courses.size()) return false;
    const std::string id = courses[index].course.id;
    std::erase_if(overrides, [&](const auto& entry) { return entry.first.course == id; });
    courses.erase(courses.begin() + static_cast<std::ptrdiff_t>(index));
    return true;
}

const PlanCourse* Plan::find_course(std::string_view id) const {
    for (const auto& c : courses)
        if (c.course.id == id) return &c;
    return nullptr;
}

void merge_plan(Plan& into, Plan other) {
    std::set<std::string> taken;
    for (const auto& c : into.courses) taken.insert(c.course.id);
    for (const auto& c : other.courses) taken.insert(c.course.id);
    std::map<std::string, std::string> renamed;
    for (auto& [protocol, course] : other.courses) {
        if (into.find_course(course.id) != nullptr) {
            std::string id = protocol.id;
            for (int n = 2; taken.count(id) != 0; ++n) id = protocol.id + "-" + std::to_string(n);
            taken.insert(id);
            renamed[course.id] = id;
            course.id = id;
        }
        into.courses.push_back(PlanCourse{std::move(protocol), std::move(course)});
    }
    for (auto& [id, o] : other.overrides) {
        VisitId key = id;
        if (const auto it = renamed.find(id.course); it != renamed.end()) key.course = it->second;
        into.overrides[key] = std::move(o);
    }
}

VisitId PlannedCourse::visit_id(const Visit& visit) const {
    const std::string phase =
        visit.phase < protocol.phases.size() ? protocol.phases[visit.phase].id : std::string{};
    return VisitId{course.id.empty() ? protocol.id : course.id, phase, visit.number_in_phase};
}

Result<std::vector<PlannedCourse>> plan_courses(const Plan& plan) {
    std::vector<PlannedCourse> out;
    out.reserve(plan.courses.size());
    for (const auto& [id, o] : plan.overrides)
        if (plan.find_course(id.course) == nullptr)
            return Error{id.str(),
                         "a visit of a course in the plan (no course \"" + id.course + "\")"};
    for (std::size_t i = 0; i < plan.courses.size(); ++i) {
        const auto& [protocol, course] = plan.courses[i];
        auto expansion = expand(protocol, course, i, plan.overrides);
        if (!expansion) {
            // An override's error already names its course in the visit id.
            const Error& e = expansion.error();
            const bool named = e.where.find('/') != std::string::npos;
            const std::string who = course.id.empty() ? protocol.id : course.id;
            return Error{named ? e.where : who + ": " + e.where, e.what};
        }
        Summary summary = summarize(protocol, course, *expansion);
        PlannedCourse pc{protocol, course, std::move(expansion).value(), std::move(summary)};
        if (pc.course.id.empty()) pc.course.id = protocol.id;
        out.push_back(std::move(pc));
    }
    return out;
}

Result<std::vector<PlannedCourse>> plan_courses(
    const std::vector<std::pair<Protocol, Course>>& courses) {
    Plan plan;
    for (const auto& [protocol, course] : courses) plan.add_course(protocol, course);
    return plan_courses(plan);
}

}  // namespace planner
