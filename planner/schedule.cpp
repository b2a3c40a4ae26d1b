// The schedule engine: protocol + course -> dated visits, notices and summary figures.
// [SECTION] Helpers (dates, text)
// [SECTION] Validation
// [SECTION] Clinic days
// [SECTION] Expansion state
// [SECTION] Weekly phases
// [SECTION] Interval phases
// [SECTION] expand
// [SECTION] summarize
#include "planner/schedule.hpp"

#include <algorithm>
#include <array>
#include <numeric>
#include <set>
#include <string>
#include <utility>

#include "planner/limits.hpp"
#include "planner/text.hpp"

namespace planner {

namespace {

// [SECTION] Helpers (dates, text)

using limits::kMaxVisits;  // shared with validate (planner/limits.hpp)
constexpr int kMinutesPerDay = 24 * 60;

// Monday-first index 0..6 (chrono's iso_encoding is 1..7, Monday = 1).
int monday_index(chr::weekday d) {
    return static_cast<int>(d.iso_encoding()) - 1;
}

chr::weekday from_monday_index(int i) {
    return chr::weekday{static_cast<unsigned>((i + 1) % 7)};
}

std::string day_text(chr::sys_days d) {  // "Thu 24 Dec 2026"
    return text::long_date(d);
}

std::string phase_field(std::size_t i, const char* rest) {
    return "phases[" + std::to_string(i) + "]" + rest;
}

// `months` after `from`; a day the month lacks (31 Jan + 1 month) becomes its last day.
chr::sys_days add_months(chr::sys_days from, int months) {
    const chr::year_month_day ymd{from};
    const chr::year_month_day moved = ymd + chr::months{months};
    if (moved.ok()) return chr::sys_days{moved};
    return chr::sys_days{
        chr::year_month_day_last{moved.year(), chr::month_day_last{moved.month()}}};
}

// [SECTION] Validation

std::optional<Error> validate(const Protocol& protocol, const Course& course) {
    if (!course.start.ok()) return Error{"course.start", "a valid calendar date"};
    const int year = static_cast<int>(course.start.year());
    if (year < 1900 || year > 2200) return Error{"course.start", "a year from 1900 to 2200"};
    if (course.booster_months < 0 || course.booster_months > limits::kMaxBoosterMonths)
        return Error{"course.booster_months", "a whole number of months from 0 to 120"};
    if (course.start_time < chr::minutes{0} || course.start_time >= chr::minutes{kMinutesPerDay})
        return Error{"course.start_time", "a time from 00:00 to 23:59"};
    for (const auto& d : course.clinic_days)
        if (!d.ok()) return Error{"course.clinic_days", "weekdays from Monday to Sunday"};
    for (const auto& d : protocol.default_clinic_days)
        if (!d.ok()) return Error{"default_clinic_days", "weekdays from Monday to Sunday"};
    for (const auto& d : course.closed)
        if (!d.ok()) return Error{"course.closed", "valid calendar dates"};
    if (protocol.phases.empty()) return Error{"phases", "at least one phase"};
    const auto& visit = protocol.visit;
    if (visit.treatment_minutes.value.min < 1 ||
        visit.treatment_minutes.value.max < visit.treatment_minutes.value.min ||
        visit.treatment_minutes.value.max > kMinutesPerDay)
        return Error{"visit.treatment_minutes", "minutes with 1 <= min <= max <= 1440"};
    if (visit.observation_minutes.value.min < 0 ||
        visit.observation_minutes.value.max < visit.observation_minutes.value.min ||
        visit.observation_minutes.value.max > kMinutesPerDay)
        return Error{"visit.observation_minutes", "minutes with 0 <= min <= max <= 1440"};
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        const Phase& phase = protocol.phases[i];
        const Cadence& c = phase.cadence;
        if (c.kind == Cadence::Kind::weekly) {
            if (c.per_week < 1 || c.per_week > 7)
                return Error{phase_field(i, ".cadence.per_week"), "an integer from 1 to 7"};
            if (c.weeks < 1 || c.weeks > 104)
                return Error{phase_field(i, ".cadence.weeks"), "an integer from 1 to 104"};
            if (phase.visits &&
                (phase.visits->value.min < 1 || phase.visits->value.max < phase.visits->value.min))
                return Error{phase_field(i, ".visits"), "visits with 1 <= min <= max"};
        } else {
            if (c.every_weeks.min < 1 || c.every_weeks.min > 52)
                return Error{phase_field(i, ".cadence.every_weeks.min"), "an integer from 1 to 52"};
            if (c.every_weeks.max < c.every_weeks.min || c.every_weeks.max > 52)
                return Error{phase_field(i, ".cadence.every_weeks.max"),
                             "an integer from every_weeks.min to 52"};
            if (c.count < 0 || c.count > 1000)
                return Error{phase_field(i, ".cadence.count"),
                             "an integer from 1 to 1000, or none to repeat until the horizon"};
        }
    }
    const chr::minutes end = course.start_time + chr::minutes{visit.treatment_minutes.value.max} +
                             chr::minutes{visit.observation_minutes.value.max};
    if (end >= chr::minutes{kMinutesPerDay})
        return Error{"course.start_time", "a start time that lets the visit end before midnight"};
    return std::nullopt;
}

// [SECTION] Clinic days

// Smallest gap (days) between consecutive picked days, around the 7-day cycle.
int min_cyclic_gap(const std::vector<int>& sorted_days) {
    if (sorted_days.empty()) return 0;
    int gap = sorted_days.front() + 7 - sorted_days.back();
    for (std::size_t i = 1; i < sorted_days.size(); ++i)
        gap = std::min(gap, sorted_days[i] - sorted_days[i - 1]);
    return gap;
}

// [SECTION] Expansion state

// A notice whose text needs the final visit numbers, so it is written after sorting.
struct PendingNotice {
    Notice::Kind kind = Notice::Kind::moved;
    std::size_t visit = 0;  // index into State::visits (creation order)
    chr::sys_days from{};
    bool closed = true;  // moved because the clinic is closed (else the day was taken)
    std::size_t phase = 0;
    int week = 0;  // week_short: the 7-day block the visit left
    chr::sys_days block_start{};
    int planned_in_week = 0;
};

struct State {
    const Protocol& protocol;
    const Course& course;
    std::size_t course_index;
    std::vector<chr::weekday> clinic_days;
    std::set<chr::sys_days> closed;
    std::set<chr::sys_days> occupied;  // days already holding a visit of this course
    std::vector<Visit> visits;         // creation order
    std::vector<PendingNotice> pending;
    std::vector<Notice> notices;  // notices that need no visit numbers

    [[nodiscard]] bool is_clinic_day(chr::sys_days d) const {
        const chr::weekday w{d};
        return std::find(clinic_days.begin(), clinic_days.end(), w) != clinic_days.end();
    }
    [[nodiscard]] bool is_closed(chr::sys_days d) const { return closed.count(d) != 0; }
    // Loops over is_free() end: clinic_days is never empty and only finitely many days
    // are closed or occupied.
    [[nodiscard]] bool is_free(chr::sys_days d) const {
        return is_clinic_day(d) && !is_closed(d) && occupied.count(d) == 0;
    }

    Visit make_visit(std::size_t phase, int week, chr::sys_days earliest,
                     chr::sys_days latest) const {
        Visit v;
        v.course = course_index;
        v.phase = phase;
        v.week_in_phase = week;
        v.earliest = earliest;
        v.latest = latest;
        v.treatment_start = course.start_time;
        v.treatment_end =
            v.treatment_start + chr::minutes{protocol.visit.treatment_minutes.value.max};
        v.observation_end =
            v.treatment_end + chr::minutes{protocol.visit.observation_minutes.value.max};
        return v;
    }

    std::optional<Error> add(Visit v) {
        if (visits.size() >= kMaxVisits)
            return Error{"phases",
                         "at most 5000 visits in a course: fewer phases, shorter "
                         "phases or fewer booster months"};
        if (!v.is_window()) occupied.insert(v.earliest);
        visits.push_back(v);
        return std::nullopt;
    }

    // Latest day of any visit made so far (equal to the previous phase's last visit except
    // in pathological spill-overs, where this keeps phases from overlapping).
    [[nodiscard]] std::optional<chr::sys_days> last_day() const {
        std::optional<chr::sys_days> last;
        for (const auto& v : visits)
            if (!last || v.latest > *last) last = v.latest;
        return last;
    }
};

// [SECTION] Weekly phases

struct Planned {
    chr::sys_days day;
    int week;  // 1-based 7-day block
};

// The days a weekly phase starting on `start` is published to use, before closures.
std::vector<Planned> planned_days(const State& st, std::size_t phase_index, chr::sys_days start) {
    const Phase& phase = st.protocol.phases[phase_index];
    const Cadence& c = phase.cadence;
    const auto picked = pick_weekdays(st.clinic_days, c.per_week);
    int limit = c.per_week * c.weeks;
    if (phase.visits) limit = std::min(limit, phase.visits->value.max);
    std::vector<Planned> planned;
    for (int w = 0; w < c.weeks && static_cast<int>(planned.size()) < limit; ++w) {
        const chr::sys_days block = start + chr::days{7 * w};
        for (int d = 0; d < 7 && static_cast<int>(planned.size()) < limit; ++d) {
            const chr::sys_days day = block + chr::days{d};
            if (std::find(picked.begin(), picked.end(), chr::weekday{day}) != picked.end())
                planned.push_back({day, w + 1});
        }
    }
    return planned;
}

std::optional<Error> expand_weekly(State& st, std::size_t phase_index, chr::sys_days start) {
    const Phase& phase = st.protocol.phases[phase_index];
    const Cadence& c = phase.cadence;
    const auto picked = pick_weekdays(st.clinic_days, c.per_week);
    if (static_cast<int>(picked.size()) < c.per_week) {
        st.notices.push_back(
            Notice{Notice::Kind::clinic_days_short, st.course_index, start,
                   "Clinic open " + std::to_string(picked.size()) +
                       (picked.size() == 1 ? " day" : " days") +
                       " a week; the published schedule has " + std::to_string(c.per_week) + " " +
                       (c.per_week == 1 ? "visit" : "visits") + " a week (" + phase.name + ")."});
    }
    const std::vector<Planned> planned = planned_days(st, phase_index, start);

    // A visit pushed past its block must not take a day the following block-aligned weekly
    // phases are planned to use (their dates do not depend on this phase's moves).
    // Built on the first push only: most courses never need it.
    std::optional<std::set<chr::sys_days>> reserved;
    const auto reserve_next_phases = [&] {
        reserved.emplace();
        chr::sys_days next_start = start + chr::days{7 * c.weeks};
        for (std::size_t j = phase_index + 1;
             j < st.protocol.phases.size() &&
             st.protocol.phases[j].cadence.kind == Cadence::Kind::weekly;
             ++j) {
            for (const auto& p : planned_days(st, j, next_start))
                if (!st.is_closed(p.day)) reserved->insert(p.day);
            next_start += chr::days{7 * st.protocol.phases[j].cadence.weeks};
        }
    };

    // Days that keep their visit are held first, so a moved visit never lands on them.
    std::vector<bool> stays(planned.size());
    for (std::size_t k = 0; k < planned.size(); ++k) {
        stays[k] = !st.is_closed(planned[k].day) && st.occupied.count(planned[k].day) == 0;
        if (stays[k]) st.occupied.insert(planned[k].day);
    }

    for (std::size_t k = 0; k < planned.size(); ++k) {
        const Planned& p = planned[k];
        const bool optional = phase.visits && static_cast<int>(k) >= phase.visits->value.min;
        chr::sys_days day = p.day;
        if (!stays[k]) {
            const chr::sys_days block_start = start + chr::days{7 * (p.week - 1)};
            const chr::sys_days block_end = block_start + chr::days{6};
            PendingNotice pn;
            pn.visit = st.visits.size();
            pn.from = p.day;
            pn.closed = st.is_closed(p.day);
            pn.phase = phase_index;
            day = p.day + chr::days{1};
            while (day <= block_end && !st.is_free(day)) day += chr::days{1};
            if (day > block_end) {
                if (!reserved) reserve_next_phases();
                day = block_end + chr::days{1};
                while (!st.is_free(day) || reserved->count(day) != 0) day += chr::days{1};
                pn.kind = Notice::Kind::week_short;
                pn.week = p.week;
                pn.block_start = block_start;
                pn.planned_in_week = static_cast<int>(
                    std::count_if(planned.begin(), planned.end(),
                                  [&](const Planned& q) { return q.week == p.week; }));
            }
            st.pending.push_back(pn);
        }
        Visit v = st.make_visit(phase_index, p.week, day, day);
        v.optional = optional;
        if (day != p.day) v.moved_from = p.day;
        // held days are already in `occupied`; add() inserts the moved ones
        if (auto err = st.add(v)) return err;
    }
    return std::nullopt;
}

// [SECTION] Interval phases

// `first_at_start`: the protocol opens with this phase, so its first visit is on the
// course start itself and the rule runs from there.
std::optional<Error> expand_interval(State& st, std::size_t phase_index, chr::sys_days anchor,
                                     bool first_at_start) {
    const Phase& phase = st.protocol.phases[phase_index];
    const Cadence& c = phase.cadence;
    const chr::sys_days horizon = add_months(anchor, st.course.booster_months);
    const bool fixed = c.every_weeks.min == c.every_weeks.max;
    const chr::days step_min{7 * c.every_weeks.min};
    const chr::days step_max{7 * c.every_weeks.max};
    // Windows assume the previous visit fell mid-window, so the next one is counted from there.
    const chr::days step_mid{(7 * c.every_weeks.min + 7 * c.every_weeks.max) / 2};

    // A dated visit on `nominal`, moved forward to the next open clinic day.
    auto add_dated = [&](chr::sys_days nominal) -> std::optional<Error> {
        chr::sys_days day = nominal;
        bool closed_skipped = false;
        while (!st.is_free(day)) {
            if (st.is_closed(day) && st.is_clinic_day(day)) closed_skipped = true;
            day += chr::days{1};
        }
        Visit v = st.make_visit(phase_index, 0, day, day);
        v.optional = c.as_needed;
        if (closed_skipped) {
            v.moved_from = nominal;
            PendingNotice pn;
            pn.visit = st.visits.size();
            pn.from = nominal;
            pn.phase = phase_index;
            st.pending.push_back(pn);
        }
        return st.add(v);
    };

    int made = 0;
    chr::sys_days prev = anchor;  // fixed: the previous actual date; range: previous nominal
    if (first_at_start) {
        if (auto err = add_dated(anchor)) return err;
        prev = st.visits.back().earliest;
        ++made;
    }
    const auto more = [&](chr::sys_days next_earliest) {
        return c.count > 0 ? made < c.count : next_earliest <= horizon;
    };
    while (true) {
        if (fixed) {
            const chr::sys_days nominal = prev + step_min;
            if (!more(nominal)) break;
            if (auto err = add_dated(nominal)) return err;
            prev = st.visits.back().earliest;
        } else {
            const chr::sys_days earliest = prev + step_min;
            if (!more(earliest)) break;
            Visit v = st.make_visit(phase_index, 0, earliest, prev + step_max);
            v.optional = c.as_needed;
            if (auto err = st.add(v)) return err;
            prev += step_mid;
        }
        ++made;
    }
    if (c.count == 0) {
        st.notices.push_back(Notice{Notice::Kind::horizon_cut, st.course_index, horizon,
                                    phase.name + " shown up to " + day_text(horizon) + " (" +
                                        std::to_string(st.course.booster_months) +
                                        (st.course.booster_months == 1 ? " month" : " months") +
                                        "); the published schedule has no fixed end."});
    }
    return std::nullopt;
}

// [SECTION] expand

Notice write_notice(const State& st, const PendingNotice& pn, const std::vector<Visit>& sorted,
                    const std::vector<std::size_t>& rank) {
    const Visit& v = sorted[rank[pn.visit]];
    const std::string noun = visit_noun(st.protocol, false);
    const std::string nouns = visit_noun(st.protocol, true);
    const std::string what = noun + " " + std::to_string(v.number_in_course);
    const std::string why = pn.closed ? "Clinic closed " + day_text(pn.from)
                                      : day_text(pn.from) + " already holds a visit";
    Notice n;
    n.kind = pn.kind;
    n.course = st.course_index;
    n.date = pn.from;
    if (pn.kind == Notice::Kind::moved) {
        n.text = why + ": " + what + " moved to " + day_text(v.earliest) + ".";
    } else {
        const chr::sys_days block_end = pn.block_start + chr::days{6};
        const auto kept = std::count_if(sorted.begin(), sorted.end(), [&](const Visit& o) {
            return o.phase == pn.phase && o.earliest >= pn.block_start && o.earliest <= block_end;
        });
        n.text = "Week " + std::to_string(pn.week) + " of " + st.protocol.phases[pn.phase].name +
                 " has " + std::to_string(kept) + " of " + std::to_string(pn.planned_in_week) +
                 " " + nouns + ": " + (pn.closed ? "clinic closed " + day_text(pn.from) : why) +
                 ", " + what + " moved to " + day_text(v.earliest) + ".";
    }
    return n;
}

}  // namespace

std::vector<chr::weekday> effective_clinic_days(const Protocol& protocol, const Course& course) {
    const auto& source = !course.clinic_days.empty()             ? course.clinic_days
                         : !protocol.default_clinic_days.empty() ? protocol.default_clinic_days
                                                                 : std::vector<chr::weekday>{};
    std::array<bool, 7> on{};
    if (source.empty()) {
        for (int i = 0; i < 5; ++i) on[static_cast<std::size_t>(i)] = true;  // Mon..Fri
    }
    for (const auto& d : source)
        if (d.ok()) on[static_cast<std::size_t>(monday_index(d))] = true;  // invalid: dropped
    std::vector<chr::weekday> out;
    for (int i = 0; i < 7; ++i)
        if (on[static_cast<std::size_t>(i)]) out.push_back(from_monday_index(i));
    return out;
}

std::vector<chr::weekday> pick_weekdays(const std::vector<chr::weekday>& clinic_days,
                                        int per_week) {
    std::array<bool, 7> on{};
    for (const auto& d : clinic_days)
        if (d.ok()) on[static_cast<std::size_t>(monday_index(d))] = true;
    std::vector<int> days;
    for (int i = 0; i < 7; ++i)
        if (on[static_cast<std::size_t>(i)]) days.push_back(i);
    if (per_week <= 0) return {};
    const auto k = static_cast<std::size_t>(per_week);
    std::vector<int> best;
    if (k >= days.size()) {
        best = days;
    } else {
        // Combinations in lexicographic order; only a strictly larger gap replaces the best,
        // so ties keep the earliest set.
        std::vector<std::size_t> idx(k);
        std::iota(idx.begin(), idx.end(), std::size_t{0});
        int best_gap = -1;
        while (true) {
            std::vector<int> set;
            for (auto i : idx) set.push_back(days[i]);
            const int gap = min_cyclic_gap(set);
            if (gap > best_gap) {
                best_gap = gap;
                best = set;
            }
            std::size_t pos = k;
            while (pos > 0 && idx[pos - 1] == days.size() - k + pos - 1) --pos;
            if (pos == 0) break;
            ++idx[pos - 1];
            for (std::size_t j = pos; j < k; ++j) idx[j] = idx[j - 1] + 1;
        }
    }
    std::vector<chr::weekday> out;
    for (int d : best) out.push_back(from_monday_index(d));
    return out;
}

Result<Expansion> expand(const Protocol& protocol, const Course& course, std::size_t course_index) {
    if (auto err = validate(protocol, course)) return *err;
    State st{protocol, course, course_index, effective_clinic_days(protocol, course), {}, {}, {},
             {},       {}};
    for (const auto& d : course.closed) st.closed.insert(chr::sys_days{d});

    const chr::sys_days course_start{course.start};
    chr::sys_days weekly_start = course_start;  // where the next weekly phase begins
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        const Phase& phase = protocol.phases[i];
        const bool after_weekly =
            i > 0 && protocol.phases[i - 1].cadence.kind == Cadence::Kind::weekly;
        const auto last = st.last_day();
        if (phase.cadence.kind == Cadence::Kind::weekly) {
            // After a weekly phase: block aligned; after an interval phase: the day after.
            const chr::sys_days start = i == 0         ? course_start
                                        : after_weekly ? weekly_start
                                                       : last.value_or(course_start) + chr::days{1};
            if (auto err = expand_weekly(st, i, start)) return *err;
            weekly_start = start + chr::days{7 * phase.cadence.weeks};
        } else {
            const chr::sys_days anchor = i == 0 ? course_start : last.value_or(course_start);
            if (auto err = expand_interval(st, i, anchor, i == 0)) return *err;
        }
    }

    // Sort by date; rank[k] = sorted position of the k-th visit made.
    std::vector<std::size_t> order(st.visits.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Visit& va = st.visits[a];
        const Visit& vb = st.visits[b];
        if (va.earliest != vb.earliest) return va.earliest < vb.earliest;
        if (va.latest != vb.latest) return va.latest < vb.latest;
        return va.phase < vb.phase;
    });
    Expansion out;
    std::vector<std::size_t> rank(order.size());
    std::vector<int> per_phase(protocol.phases.size(), 0);
    for (std::size_t pos = 0; pos < order.size(); ++pos) {
        rank[order[pos]] = pos;
        Visit v = st.visits[order[pos]];
        v.number_in_course = static_cast<int>(pos) + 1;
        v.number_in_phase = ++per_phase[v.phase];
        out.visits.push_back(v);
    }
    for (auto& v : out.visits) v.phase_total = per_phase[v.phase];

    out.notices = st.notices;
    for (const auto& pn : st.pending) out.notices.push_back(write_notice(st, pn, out.visits, rank));
    std::stable_sort(out.notices.begin(), out.notices.end(), [](const Notice& a, const Notice& b) {
        return a.date.value_or(chr::sys_days{}) < b.date.value_or(chr::sys_days{});
    });
    return out;
}

// [SECTION] summarize

Summary summarize(const Protocol& protocol, const Course& course, const Expansion& expansion) {
    Summary s;
    const chr::sys_days course_start =
        course.start.ok() ? chr::sys_days{course.start} : chr::sys_days{};
    std::optional<chr::sys_days> last_so_far;  // the anchor rule of expand()
    const auto& tm = protocol.visit.treatment_minutes.value;
    const auto& om = protocol.visit.observation_minutes.value;
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        const Phase& phase = protocol.phases[i];
        const Cadence& c = phase.cadence;
        PhaseSummary ps;
        ps.name = phase.name;
        ps.kind = phase.kind;
        const chr::sys_days anchor = i == 0 ? course_start : last_so_far.value_or(course_start);
        std::optional<chr::sys_days> first;
        std::optional<chr::sys_days> last;
        for (const auto& v : expansion.visits) {
            if (v.phase != i) continue;
            ++ps.visits.max;
            if (!v.optional) ++ps.visits.min;
            if (v.is_window()) ++ps.windows;
            if (!first || v.earliest < *first) first = v.earliest;
            if (!last || v.latest > *last) last = v.latest;
        }
        if (c.kind == Cadence::Kind::interval && c.every_weeks.min < c.every_weeks.max &&
            c.count == 0 && c.every_weeks.min > 0) {
            // How many visits fit depends on the real intervals: all longest .. all shortest.
            const int horizon_days =
                static_cast<int>((add_months(anchor, course.booster_months) - anchor).count());
            const int start_visit = i == 0 ? 1 : 0;  // the first phase also has its start visit
            ps.visits.min = c.as_needed ? 0 : horizon_days / (7 * c.every_weeks.max) + start_visit;
            ps.visits.max = horizon_days / (7 * c.every_weeks.min) + start_visit;
        }
        ps.first = first.value_or(anchor);
        ps.last = last.value_or(anchor);
        if (last && (!last_so_far || *last > *last_so_far)) last_so_far = last;
        s.visits.min += ps.visits.min;
        s.visits.max += ps.visits.max;
        s.clinic_minutes.min += ps.visits.min * (tm.min + om.min);
        s.clinic_minutes.max += ps.visits.max * (tm.max + om.max);
        s.phases.push_back(ps);
    }
    s.ride_home_days = protocol.visit.ride_home.value ? s.visits : Range{};
    s.first = course_start;
    s.last = course_start;
    if (!expansion.visits.empty()) {
        s.first = expansion.visits.front().earliest;
        s.last = expansion.visits.front().latest;
        for (const auto& v : expansion.visits) {
            s.first = std::min(s.first, v.earliest);
            s.last = std::max(s.last, v.latest);
        }
    }
    return s;
}

}  // namespace planner
