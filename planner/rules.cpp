#include "planner/rules.hpp"

#include <array>

namespace planner {

namespace {

constexpr std::string_view kDoc = "docs/presets.md#how-the-planner-places-visits";

// Sentences are what a reader sees beside a difference: short, informative, never advice.
constexpr std::array<Rule, 10> kRules{{
    {rule::phase_order,
     "A phase starts in its published week, or in the week after the previous phase's last "
     "visit if that is later.",
     kDoc, false},
    {rule::same_week,
     "A visit on a closed or missed day moves to another clinic day in the same week, when one "
     "is free.",
     kDoc, false},
    {rule::keep_count,
     "When no clinic day is left that week, the phase keeps its published number of visits and "
     "runs longer.",
     kDoc, true},
    {rule::continue_schedule,
     "A missed session does not restart the course: the schedule continues at its published "
     "frequency, so the phase runs longer.",
     kDoc, true},
    {rule::week_cap,
     "A week, counted from the course start, never holds more visits than the published number "
     "a week.",
     kDoc, false},
    {rule::window_follows,
     "Each window follows the previous visit: from its earliest day plus the shortest interval "
     "to its latest day plus the longest.",
     kDoc, false},
    {rule::next_open_day,
     "A visit at a fixed interval that falls on a closed day moves to the next open clinic day.",
     kDoc, false},
    {rule::horizon, "Visits with no published end are shown up to the booster horizon.", kDoc,
     false},
    {rule::plan_move, "This plan puts the visit on a date of its own.", kDoc, false},
    {rule::plan_skip, "This plan leaves the visit out; the other visits keep their dates.", kDoc,
     false},
}};

}  // namespace

std::span<const Rule> rules() {
    return kRules;
}

const Rule* find_rule(std::string_view id) {
    for (const Rule& r : kRules)
        if (r.id == id) return &r;
    return nullptr;
}

}  // namespace planner
