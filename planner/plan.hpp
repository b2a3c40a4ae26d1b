// A plan: the courses a person shows together, each with its own copy of the protocol (a
// later preset change never alters a saved plan), plus the person's changes to single visits
// keyed by VisitId. Every front end (CLI, window, writers) expands one into PlannedCourses.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

struct PlanCourse {
    Protocol protocol;  // embedded copy
    Course course;      // course.id is stable; course.protocol_id == protocol.id
};

struct Plan {
    std::vector<PlanCourse> courses;
    Overrides overrides;  // keyed by VisitId (course id + phase id + number in phase)

    // Adds a course with the next free stable id for its preset: the preset id first,
    // then "<id>-2", "<id>-3", ... (never reusing an id still in the plan). Returns the id.
    std::string add_course(Protocol protocol, Course course);
    // Removes the course and its overrides; false when there is none at `index`.
    bool remove_course(std::size_t index);
    [[nodiscard]] const PlanCourse* find_course(std::string_view id) const;
};

// Adds `other`'s courses and overrides after `into`'s. A course whose id `into` already has
// gets the next free id for its preset, and its overrides follow it.
void merge_plan(Plan& into, Plan other);

// The stable id the next course from `preset_id` gets in `plan`.
[[nodiscard]] std::string next_course_id(const Plan& plan, std::string_view preset_id);

struct PlannedCourse {
    Protocol protocol;
    Course course;
    Expansion expansion;
    Summary summary;

    [[nodiscard]] const std::string& id() const { return course.id; }
    [[nodiscard]] VisitId visit_id(const Visit& visit) const;
    // Where this course departs from the published schedule, sorted by date.
    [[nodiscard]] const std::vector<Difference>& differences() const {
        return expansion.differences;
    }
};

// Expands every course of the plan with its overrides; the course index is its position.
// Errors are prefixed with the course id (several courses share field names).
[[nodiscard]] Result<std::vector<PlannedCourse>> plan_courses(const Plan& plan);

// The same for courses without overrides; ids are given in order (add_course).
[[nodiscard]] Result<std::vector<PlannedCourse>> plan_courses(
    const std::vector<std::pair<Protocol, Course>>& courses);

}  // namespace planner
