// The schedule engine: protocol + course + a plan's overrides -> dated visits (and windows),
// then the differences from the published schedule (planner/differences.cpp) and the summary.
// Every choice it makes is a named rule (planner/rules.hpp, docs/presets.md).
// [SECTION] Helpers (dates)
// [SECTION] Validation
// [SECTION] Clinic days
// [SECTION] Expansion state
// [SECTION] Overrides
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

#include "planner/differences.hpp"
#include "planner/limits.hpp"
#include "planner/text.hpp"

namespace planner {

namespace {

// [SECTION] Helpers (dates)

using limits::kMaxVisits;  // shared with validate (planner/limits.hpp)
constexpr int kMinutesPerDay = 24 * 60;
// A weekly phase that closures stretch past this many weeks is refused (never a hang).
constexpr int kMaxPhaseWeeks = 5200;

// Monday-first index 0..6 (chrono's iso_encoding is 1..7, Monday = 1).
int monday_index(chr::weekday d) {
    return static_cast<int>(d.iso_encoding()) - 1;
}

chr::weekday from_monday_index(int i) {
    return chr::weekday{static_cast<unsigned>((i + 1) % 7)};
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

using Days = std::pair<chr::sys_days, chr::sys_days>;  // earliest, latest

struct State {
    State(const Protocol& p, const Course& c, std::size_t index)
        : protocol(p), course(c), course_index(index), course_id(c.id.empty() ? p.id : c.id) {}

    const Protocol& protocol;
    const Course& course;
    std::size_t course_index;
    std::string course_id;
    std::array<bool, 7> clinic{};  // Monday-first
    std::set<chr::sys_days> closed;
    std::set<chr::sys_days> occupied;  // days holding a visit of this course (or a moved one)
    chr::sys_days start{};
    std::vector<Visit> visits;  // phase by phase, in number order
    std::vector<Visit> skipped;
    std::vector<Notice> notices;
    std::vector<PhaseSpan> spans;
    std::vector<int> totals;                              // visits per phase, as published
    std::vector<std::map<int, VisitOverride>> overrides;  // per phase, by number
    // The latest visit of the phases so far (skipped ones included: the others keep their
    // dates), which the next phase follows; and the last day any of them takes.
    std::optional<Days> last_visit;

    [[nodiscard]] bool is_clinic_day(chr::sys_days d) const {
        return clinic[static_cast<std::size_t>(monday_index(chr::weekday{d}))];
    }
    [[nodiscard]] bool is_closed(chr::sys_days d) const { return closed.count(d) != 0; }
    [[nodiscard]] bool is_open(chr::sys_days d) const { return is_clinic_day(d) && !is_closed(d); }
    // Loops over is_free() end: a clinic has at least one weekday and only finitely many
    // days are closed or occupied.
    [[nodiscard]] bool is_free(chr::sys_days d) const {
        return is_open(d) && occupied.count(d) == 0;
    }
    [[nodiscard]] int week_of(chr::sys_days d) const {
        const auto n = (d - start).count();
        return static_cast<int>(n >= 0 ? n / 7 : (n - 6) / 7) + 1;
    }
    [[nodiscard]] chr::sys_days week_start(int week) const {
        return start + chr::days{7 * (week - 1)};
    }

    [[nodiscard]] const VisitOverride* override_of(std::size_t phase, int number) const {
        const auto& m = overrides[phase];
        const auto it = m.find(number);
        return it == m.end() ? nullptr : &it->second;
    }

    [[nodiscard]] Visit make_visit(std::size_t phase, chr::sys_days earliest,
                                   chr::sys_days latest) const {
        Visit v;
        v.course = course_index;
        v.phase = phase;
        v.earliest = earliest;
        v.latest = latest;
        v.treatment_start = course.start_time;
        return v;
    }

    // The person's time and note, then the visit's ends (longest published durations).
    void finish(Visit& v, const VisitOverride* o) const {
        if (o != nullptr && o->time) {
            v.treatment_start = *o->time;
            v.time_changed = true;
        }
        if (o != nullptr) v.note = o->note;
        v.treatment_end =
            v.treatment_start + chr::minutes{protocol.visit.treatment_minutes.value.max};
        v.observation_end =
            v.treatment_end + chr::minutes{protocol.visit.observation_minutes.value.max};
        v.week = week_of(v.earliest);
    }

    // Held visits go to `visits`, skipped ones to `skipped`; both count towards the cap.
    std::optional<Error> add(Visit v, bool is_skipped = false) {
        if (visits.size() + skipped.size() >= kMaxVisits)
            return Error{"phases",
                         "at most 5000 visits in a course: fewer phases, shorter "
                         "phases or fewer booster months"};
        remember(v);
        if (is_skipped) {
            skipped.push_back(std::move(v));
            return std::nullopt;
        }
        if (!v.is_window()) occupied.insert(v.earliest);
        visits.push_back(std::move(v));
        return std::nullopt;
    }
    void remember(const Visit& v) {
        if (!last_visit || v.latest > last_visit->second) last_visit = Days{v.earliest, v.latest};
    }
};

// [SECTION] Overrides

// Sorts a plan's overrides of this course by phase and checks what needs no expansion.
std::optional<Error> collect_overrides(State& st, const Overrides& all) {
    st.overrides.assign(st.protocol.phases.size(), {});
    std::set<chr::sys_days> targets;
    for (const auto& [id, o] : all) {
        if (id.course != st.course_id) continue;
        const std::string where = id.str();
        std::size_t phase = st.protocol.phases.size();
        std::string ids;
        for (std::size_t i = 0; i < st.protocol.phases.size(); ++i) {
            if (st.protocol.phases[i].id == id.phase) phase = i;
            ids += (ids.empty() ? "" : ", ") + st.protocol.phases[i].id;
        }
        if (phase == st.protocol.phases.size())
            return Error{where, "a phase of " + st.protocol.id + " (" + ids + ")"};
        if (o.skipped && (o.date || o.missed || o.time))
            return Error{where, "a skipped visit alone: no date, time or missed with it"};
        if (o.missed && o.date)
            return Error{where, "missed or moved to a date, not both (a date says where it went)"};
        if (o.date) {
            if (!o.date->ok() || static_cast<int>(o.date->year()) < 1900 ||
                static_cast<int>(o.date->year()) > 2200)
                return Error{where, "a date in the years 1900 to 2200"};
            const chr::sys_days day{*o.date};
            if (st.is_closed(day))
                return Error{where, "a day the clinic is open (" + text::iso_date(day) +
                                        " is closed in this course)"};
            if (!targets.insert(day).second)
                return Error{where, "a date no other visit of this course is moved to (" +
                                        text::iso_date(day) + ")"};
        }
        if (o.time) {
            const chr::minutes end = *o.time +
                                     chr::minutes{st.protocol.visit.treatment_minutes.value.max} +
                                     chr::minutes{st.protocol.visit.observation_minutes.value.max};
            if (*o.time < chr::minutes{0} || end >= chr::minutes{kMinutesPerDay})
                return Error{where, "a start time that lets the visit end before midnight"};
        }
        st.overrides[phase][id.number] = o;
    }
    // Moved visits hold their days first, so no other visit lands on them.
    st.occupied.insert(targets.begin(), targets.end());
    return std::nullopt;
}

std::optional<Error> check_numbers(const State& st, std::size_t phase, int total) {
    for (const auto& [number, o] : st.overrides[phase]) {
        if (number <= total) continue;
        const Phase& p = st.protocol.phases[phase];
        return Error{VisitId{st.course_id, p.id, number}.str(),
                     "a visit the phase has (" + p.name + " has " + std::to_string(total) + ")"};
    }
    return std::nullopt;
}

// [SECTION] Weekly phases

struct Slot {
    chr::sys_days day{};
    std::optional<chr::sys_days> from;  // the pattern's day it replaces
    MoveReason why = MoveReason::none;
};

// Up to `quota` visits in one week: the picked weekdays that are free, then, for each one
// that is not, the nearest free clinic day of the same week (rule same-week; ties to the
// later day). Fewer than `quota` when the week has no room (rule keep-count).
std::vector<Slot> week_slots(const State& st, int week, const std::array<bool, 7>& picked,
                             int quota, const std::set<chr::sys_days>& missed) {
    const chr::sys_days first = st.week_start(week);
    std::vector<chr::sys_days> pattern;
    for (int d = 0; d < 7 && static_cast<int>(pattern.size()) < quota; ++d) {
        const chr::sys_days day = first + chr::days{d};
        if (picked[static_cast<std::size_t>(monday_index(chr::weekday{day}))])
            pattern.push_back(day);
    }
    const auto usable = [&](chr::sys_days d) { return st.is_free(d) && missed.count(d) == 0; };
    std::vector<Slot> slots;
    std::set<chr::sys_days> used;
    std::vector<chr::sys_days> displaced;
    for (const auto day : pattern) {
        if (usable(day)) {
            slots.push_back({day, std::nullopt, MoveReason::none});
            used.insert(day);
        } else {
            displaced.push_back(day);
        }
    }
    for (const auto day : displaced) {
        std::optional<chr::sys_days> best;
        for (int d = 0; d < 7; ++d) {
            const chr::sys_days other = first + chr::days{d};
            if (other == day || used.count(other) != 0 || !usable(other)) continue;
            if (!best || chr::abs(other - day) <= chr::abs(*best - day)) best = other;
        }
        if (!best) continue;
        const MoveReason why = missed.count(day) != 0 ? MoveReason::missed
                               : st.is_closed(day)    ? MoveReason::closed
                                                      : MoveReason::taken;
        slots.push_back({*best, day, why});
        used.insert(*best);
    }
    std::sort(slots.begin(), slots.end(),
              [](const Slot& a, const Slot& b) { return a.day < b.day; });
    return slots;
}

std::optional<Error> expand_weekly(State& st, std::size_t phase_index, int start_week) {
    const Phase& phase = st.protocol.phases[phase_index];
    const Cadence& c = phase.cadence;
    int total = c.per_week * c.weeks;
    if (phase.visits) total = std::min(total, phase.visits->value.max);
    st.totals[phase_index] = total;
    if (auto err = check_numbers(st, phase_index, total)) return err;
    std::array<bool, 7> picked{};
    for (const auto d : pick_weekdays(effective_clinic_days(st.protocol, st.course), c.per_week))
        picked[static_cast<std::size_t>(monday_index(d))] = true;

    // A missed visit leaves its day: the phase is laid out again without that day until
    // every missed visit's day is known (each round fixes at least one more).
    std::map<int, chr::sys_days> missed_on;
    std::set<chr::sys_days> missed_days;
    std::vector<std::pair<int, Slot>> placed;
    while (true) {
        placed.clear();
        int number = 1;
        for (int week = start_week; number <= total; ++week) {
            if (week - start_week > kMaxPhaseWeeks)
                return Error{phase_field(phase_index, ".cadence"),
                             "a phase the clinic's open days can hold (closed days leave no "
                             "room for 100 years)"};
            for (const Slot& s : week_slots(st, week, picked,
                                            std::min(c.per_week, total - number + 1), missed_days))
                placed.emplace_back(number++, s);
        }
        bool again = false;
        for (const auto& [n, s] : placed) {
            const VisitOverride* o = st.override_of(phase_index, n);
            if (o != nullptr && o->missed && missed_on.count(n) == 0) {
                missed_on[n] = s.day;
                missed_days.insert(s.day);
                again = true;
            }
        }
        if (!again) break;
    }

    PhaseSpan& span = st.spans[phase_index];
    span.first_week = start_week;
    span.last_week = placed.empty() ? start_week : st.week_of(placed.back().second.day);
    for (const auto& [n, s] : placed) {
        Visit v = st.make_visit(phase_index, s.day, s.day);
        v.number_in_phase = n;
        v.optional = phase.visits && n > phase.visits->value.min;
        if (s.from) {
            v.moved_from = s.from;
            v.move_reason = s.why;
        }
        if (const auto it = missed_on.find(n); it != missed_on.end()) {
            v.moved_from = it->second;
            v.move_reason = MoveReason::missed;
        }
        const VisitOverride* o = st.override_of(phase_index, n);
        if (o != nullptr && o->date) {
            v.moved_from = s.day;
            v.move_reason = MoveReason::plan;
            v.earliest = v.latest = chr::sys_days{*o->date};
        }
        v.week_in_phase = st.week_of(v.earliest) - start_week + 1;
        st.finish(v, o);
        const bool skip = o != nullptr && o->skipped;
        if (auto err = st.add(std::move(v), skip)) return err;
    }
    return std::nullopt;
}

// [SECTION] Interval phases

// First free clinic day on or after `from`, avoiding `blocked`.
chr::sys_days next_free(const State& st, chr::sys_days from,
                        const std::set<chr::sys_days>& blocked = {}) {
    chr::sys_days d = from;
    while (!st.is_free(d) || blocked.count(d) != 0) d += chr::days{1};
    return d;
}

// True when a closed clinic day lies in [from, to).
bool closed_between(const State& st, chr::sys_days from, chr::sys_days to) {
    for (auto it = st.closed.lower_bound(from); it != st.closed.end() && *it < to; ++it)
        if (st.is_clinic_day(*it)) return true;
    return false;
}

// A dated visit due on `due`: the next open clinic day (rule next-open-day), or, when the
// plan says it was missed there, the one after.
Visit dated_visit(const State& st, std::size_t phase_index, chr::sys_days due,
                  const VisitOverride* o) {
    const chr::sys_days day = next_free(st, due);
    Visit v = st.make_visit(phase_index, day, day);
    if (closed_between(st, due, day)) {
        v.moved_from = due;
        v.move_reason = MoveReason::closed;
    }
    if (o != nullptr && o->missed) {
        const chr::sys_days later = next_free(st, day, {day});
        v.moved_from = day;
        v.move_reason = MoveReason::missed;
        v.earliest = v.latest = later;
    }
    return v;
}

// Each visit follows the previous one (rule window-follows): from its earliest day plus the
// shortest interval to its latest day plus the longest, then narrowed to open clinic days.
// `anchor` is the visit the phase counts from; none: the phase opens the course, so its
// first visit is on the course start.
std::optional<Error> expand_interval(State& st, std::size_t phase_index,
                                     std::optional<Days> anchor) {
    const Phase& phase = st.protocol.phases[phase_index];
    const Cadence& c = phase.cadence;
    const chr::days step_min{7 * c.every_weeks.min};
    const chr::days step_max{7 * c.every_weeks.max};
    const chr::sys_days horizon =
        add_months(anchor ? anchor->second : st.start, st.course.booster_months);
    PhaseSpan& span = st.spans[phase_index];
    span.anchor_week = anchor ? st.week_of(anchor->second) : 0;
    if (c.count == 0) span.horizon = horizon;

    int number = 1;
    std::optional<chr::sys_days> first;
    std::optional<chr::sys_days> last;
    const auto place = [&](Visit v, const VisitOverride* o) -> std::optional<Error> {
        v.number_in_phase = number++;
        v.optional = c.as_needed;
        v.may_pass_horizon = c.count == 0 && v.is_window() && v.latest > horizon;
        if (o != nullptr && o->date) {
            if (v.is_window()) {
                v.picked_from = Days{v.earliest, v.latest};
            } else {
                v.moved_from = v.earliest;
            }
            v.move_reason = MoveReason::plan;
            v.earliest = v.latest = chr::sys_days{*o->date};
            v.closed_in_window.clear();
            v.may_pass_horizon = false;
        }
        st.finish(v, o);
        if (!first || v.earliest < *first) first = v.earliest;
        if (!last || v.latest > *last) last = v.latest;
        anchor = Days{v.earliest, v.latest};
        return st.add(std::move(v), o != nullptr && o->skipped);
    };

    if (!anchor) {
        const VisitOverride* o = st.override_of(phase_index, 1);
        if (auto err = place(dated_visit(st, phase_index, st.start, o), o)) return err;
    }
    while (true) {
        const chr::sys_days from = anchor->first + step_min;
        const chr::sys_days to = anchor->second + step_max;
        // A window holds no day, so only closed and non-clinic days narrow it (a day another
        // visit was moved to, even this one's, stays inside).
        chr::sys_days first_day = from;
        while (!st.is_open(first_day)) first_day += chr::days{1};
        if (c.count > 0 ? number > c.count : first_day > horizon) break;
        const VisitOverride* o = st.override_of(phase_index, number);
        if (from == to) {  // a fixed interval: a dated visit
            if (auto err = place(dated_visit(st, phase_index, from, o), o)) return err;
            continue;
        }
        if (o != nullptr && !o->date && (o->missed || o->time))
            return Error{VisitId{st.course_id, phase.id, number}.str(),
                         "a dated visit: a window has no day or time to miss or change (give "
                         "it a date first)"};
        chr::sys_days latest = to;
        while (latest >= first_day && !st.is_open(latest)) latest -= chr::days{1};
        Visit v = st.make_visit(phase_index, first_day, first_day);
        if (latest < first_day) {  // no open clinic day in the window: the first one after
            v.moved_from = from;
            v.move_reason = MoveReason::closed;
            for (auto it = st.closed.lower_bound(from); it != st.closed.end() && *it <= to; ++it)
                if (st.is_clinic_day(*it)) v.closed_in_window.push_back(*it);
        } else {
            v.latest = latest;
            for (auto it = st.closed.lower_bound(first_day); it != st.closed.end() && *it <= latest;
                 ++it)
                if (st.is_clinic_day(*it)) v.closed_in_window.push_back(*it);
        }
        if (auto err = place(std::move(v), o)) return err;
    }
    st.totals[phase_index] = number - 1;
    if (auto err = check_numbers(st, phase_index, number - 1)) return err;
    span.first_week = first ? st.week_of(*first) : 0;
    span.last_week = last ? st.week_of(*last) : 0;
    if (c.count == 0) {
        st.notices.push_back(Notice{Notice::Kind::horizon_cut, st.course_index, horizon,
                                    phase.name + " shown up to " + text::long_date(horizon) + " (" +
                                        std::to_string(st.course.booster_months) +
                                        (st.course.booster_months == 1 ? " month" : " months") +
                                        "); the published schedule has no fixed end."});
    }
    return std::nullopt;
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

Result<Expansion> expand(const Protocol& protocol, const Course& course, std::size_t course_index,
                         const Overrides& overrides) {
    if (auto err = validate(protocol, course)) return *err;
    State st(protocol, course, course_index);
    for (const auto d : effective_clinic_days(protocol, course))
        st.clinic[static_cast<std::size_t>(monday_index(d))] = true;
    for (const auto& d : course.closed) st.closed.insert(chr::sys_days{d});
    st.start = chr::sys_days{course.start};
    st.spans.assign(protocol.phases.size(), {});
    st.totals.assign(protocol.phases.size(), 0);
    if (auto err = collect_overrides(st, overrides)) return *err;

    // Rule phase-order: a weekly phase starts in its published week, or in the week after
    // the previous phase's last visit if that is later. The published weeks run on only
    // while every phase before has a fixed number of weeks.
    int published_week = 1;  // 0: no longer fixed
    int published_last = 0;  // the previous phase's published last week; 0: none
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        const Phase& phase = protocol.phases[i];
        const Cadence& c = phase.cadence;
        PhaseSpan& span = st.spans[i];
        if (c.kind == Cadence::Kind::weekly) {
            const int after = st.last_visit ? st.week_of(st.last_visit->second) + 1 : 1;
            const int start_week = std::max(published_week > 0 ? published_week : after, after);
            if (auto err = expand_weekly(st, i, start_week)) return *err;
            const int total = st.totals[i];
            published_last = 0;
            if (published_week > 0) {
                span.published_first_week = published_week;
                span.published_last_week =
                    published_week + (total + c.per_week - 1) / c.per_week - 1;
                published_last = span.published_last_week;
                published_week += c.weeks;
            }
        } else {
            if (i > 0) span.published_anchor_week = published_last;
            std::optional<Days> anchor = st.last_visit;
            if (i > 0 && !anchor) anchor = Days{st.start, st.start};
            if (auto err = expand_interval(st, i, i == 0 ? std::nullopt : anchor)) return *err;
            published_week = 0;
            published_last = 0;
        }
    }

    // Date order; numbers in the course follow it, numbers in a phase stay as published.
    std::stable_sort(st.visits.begin(), st.visits.end(), [](const Visit& a, const Visit& b) {
        if (a.earliest != b.earliest) return a.earliest < b.earliest;
        if (a.latest != b.latest) return a.latest < b.latest;
        if (a.phase != b.phase) return a.phase < b.phase;
        return a.number_in_phase < b.number_in_phase;
    });
    Expansion out;
    out.visits = std::move(st.visits);
    for (std::size_t pos = 0; pos < out.visits.size(); ++pos) {
        out.visits[pos].number_in_course = static_cast<int>(pos) + 1;
        out.visits[pos].phase_total = st.totals[out.visits[pos].phase];
    }
    out.skipped = std::move(st.skipped);
    for (auto& v : out.skipped) v.phase_total = st.totals[v.phase];
    out.notices = std::move(st.notices);
    out.phases = std::move(st.spans);
    out.differences = find_differences(protocol, course, out);
    return out;
}

// [SECTION] summarize

Summary summarize(const Protocol& protocol, const Course& course, const Expansion& expansion) {
    Summary s;
    const chr::sys_days course_start =
        course.start.ok() ? chr::sys_days{course.start} : chr::sys_days{};
    const auto& tm = protocol.visit.treatment_minutes.value;
    const auto& om = protocol.visit.observation_minutes.value;
    const auto week_of = [&](chr::sys_days d) {
        const auto n = (d - course_start).count();
        return static_cast<int>(n >= 0 ? n / 7 : (n - 6) / 7) + 1;
    };
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        const Phase& phase = protocol.phases[i];
        PhaseSummary ps;
        ps.name = phase.name;
        ps.kind = phase.kind;
        std::optional<chr::sys_days> first;
        std::optional<chr::sys_days> last;
        // The counts are the visits drawn: at most all of them; at least those neither
        // optional nor possibly past the booster horizon.
        for (const auto& v : expansion.visits) {
            if (v.phase != i) continue;
            ++ps.visits.max;
            if (!v.optional && !v.may_pass_horizon) ++ps.visits.min;
            if (v.is_window()) ++ps.windows;
            if (!first || v.earliest < *first) first = v.earliest;
            if (!last || v.latest > *last) last = v.latest;
        }
        ps.first = first.value_or(course_start);
        ps.last = last.value_or(course_start);
        if (first) {
            ps.first_week = week_of(*first);
            ps.last_week = week_of(*last);
        }
        if (i < expansion.phases.size()) ps.shifted = expansion.phases[i].shifted();
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
