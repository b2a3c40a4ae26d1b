#include "planner/limits.hpp"

#include <algorithm>

namespace planner::limits {

std::size_t max_visits(const Protocol& protocol, int booster_months) {
    std::size_t total = 0;
    const long long horizon_days = 31LL * std::max(booster_months, 0);
    for (const Phase& phase : protocol.phases) {
        const Cadence& c = phase.cadence;
        if (c.kind == Cadence::Kind::weekly) {
            const long long all =
                static_cast<long long>(std::max(c.per_week, 0)) * std::max(c.weeks, 0);
            const long long cap =
                phase.visits ? std::min<long long>(phase.visits->value.max, all) : all;
            total += static_cast<std::size_t>(std::max(cap, 0LL));
        } else if (c.count > 0) {
            total += static_cast<std::size_t>(c.count);
        } else {
            const long long step = 7LL * std::max(c.every_weeks.min, 1);
            total += static_cast<std::size_t>(horizon_days / step + 1);
        }
    }
    return total;
}

}  // namespace planner::limits
