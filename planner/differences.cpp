// Compares an expansion with its protocol (see differences.hpp).
// [SECTION] Words: names, counts, dates
// [SECTION] Weekly phases: weeks short or over, weeks moved
// [SECTION] Interval phases
// [SECTION] Visits: moved, missed, left out
// [SECTION] find_differences
#include "planner/differences.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "planner/rules.hpp"
#include "planner/schedule.hpp"
#include "planner/text.hpp"

namespace planner {

namespace {

// [SECTION] Words: names, counts, dates

std::string count_of(const Protocol& p, int n) {
    return std::to_string(n) + " " + std::string(visit_noun(p.route, n != 1));
}

std::string weeks_text(int first, int last) {
    return first == last ? "week " + std::to_string(first)
                         : "weeks " + std::to_string(first) + " to " + std::to_string(last);
}

// "Thu 24 Dec": the year is left out to keep sentences short (the files carry ISO dates).
std::string day(chr::sys_days d) {
    return text::weekday_date(d);
}

// "(ELEKT-D trial)" for the first source the phase's cadence cites; empty when none.
std::string cite(const Protocol& p, const std::vector<std::string>& ids) {
    for (const auto& id : ids)
        if (const Source* s = p.find_source(id)) return " (" + short_source_name(*s) + ")";
    return {};
}

// "Session 6 (Induction)", or "session 6 (Induction)" inside a sentence.
std::string visit_name(const Protocol& p, const Visit& v, bool capital = true) {
    std::string noun(visit_noun(p.route, false));
    if (capital) noun = text::capitalized(noun);
    const std::string phase = v.phase < p.phases.size() ? p.phases[v.phase].name : "";
    return noun + " " + std::to_string(v.number_in_phase) +
           (phase.empty() ? "" : " (" + phase + ")");
}

struct Context {
    const Protocol& protocol;
    const Course& course;
    const Expansion& expansion;
    std::string course_id;
    chr::sys_days start{};
    int clinic_days = 0;
    std::vector<Difference> out;

    [[nodiscard]] int week_of(chr::sys_days d) const {
        const auto n = (d - start).count();
        return static_cast<int>(n >= 0 ? n / 7 : (n - 6) / 7) + 1;
    }
    [[nodiscard]] chr::sys_days week_start(int week) const {
        return start + chr::days{7 * (week - 1)};
    }
    [[nodiscard]] VisitId id_of(const Visit& v) const {
        return VisitId{course_id, protocol.phases[v.phase].id, v.number_in_phase};
    }
    // The phase's cadence sources, then the sources of the rule the phase names.
    [[nodiscard]] std::vector<std::string> sources(std::size_t phase, bool with_rule) const {
        const Phase& ph = protocol.phases[phase];
        std::vector<std::string> ids = ph.cadence.sources;
        if (with_rule && ph.reschedule)
            for (const auto& id : ph.reschedule->sources)
                if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
        return ids;
    }
    // The rule for a week that cannot hold its visits: the preset's, else keep-count.
    [[nodiscard]] std::string full_week_rule(std::size_t phase) const {
        const Phase& ph = protocol.phases[phase];
        return ph.reschedule ? ph.reschedule->rule : std::string(rule::keep_count);
    }

    Difference& add(std::size_t phase, std::string rule_id, std::string text) {
        Difference d;
        d.course = course_id;
        d.phase = protocol.phases[phase].id;
        d.rule = std::move(rule_id);
        d.text = std::move(text);
        out.push_back(std::move(d));
        return out.back();
    }
};

std::string per_week_text(const Protocol& p, int n) {
    return std::to_string(n) + " " + std::string(visit_noun(p.route, n != 1)) + " a week";
}

// [SECTION] Weekly phases: weeks short or over, weeks moved

// Why week `week` of the phase holds fewer visits than published, in a few words to follow
// "Week 3 has 1 session" (", as the clinic is closed Thu 24 Dec"); empty
// when a visit left out is the reason (its own difference gives the phase's count).
std::string short_reason(const Context& ctx, std::size_t phase, int week) {
    const chr::sys_days from = ctx.week_start(week);
    const chr::sys_days to = from + chr::days{6};
    const auto in_week = [&](chr::sys_days d) { return d >= from && d <= to; };
    const auto clinic = effective_clinic_days(ctx.protocol, ctx.course);
    std::vector<chr::sys_days> closed;
    for (const auto& c : ctx.course.closed) {
        const chr::sys_days d{c};
        if (in_week(d) && std::find(clinic.begin(), clinic.end(), chr::weekday{d}) != clinic.end())
            closed.push_back(d);
    }
    std::sort(closed.begin(), closed.end());
    closed.erase(std::unique(closed.begin(), closed.end()), closed.end());
    if (closed.size() == 1) return ", as the clinic is closed " + day(closed.front());
    if (closed.size() > 1)
        return ", as the clinic is closed " + std::to_string(closed.size()) + " days";
    const std::string noun{visit_noun(ctx.protocol.route, false)};
    for (const Visit& v : ctx.expansion.visits) {
        if (v.phase != phase || !v.moved_from || !in_week(*v.moved_from)) continue;
        if (v.move_reason == MoveReason::missed)
            return ", as " + noun + " " + std::to_string(v.number_in_phase) + " was missed " +
                   day(*v.moved_from);
        if (v.move_reason == MoveReason::plan && !in_week(v.earliest))
            return ", as " + noun + " " + std::to_string(v.number_in_phase) + " moved to " +
                   day(v.earliest);
    }
    // A visit left out says the phase's count in its own difference.
    for (const Visit& v : ctx.expansion.skipped)
        if (v.phase == phase && in_week(v.earliest)) return {};
    if (ctx.clinic_days < ctx.protocol.phases[phase].cadence.per_week)
        return " with " + std::to_string(ctx.clinic_days) +
               (ctx.clinic_days == 1 ? " clinic day" : " clinic days") + " a week";
    return ", as a moved visit takes a clinic day";
}

void weekly_phase(Context& ctx, std::size_t phase) {
    const Protocol& p = ctx.protocol;
    const Phase& ph = p.phases[phase];
    const int per_week = ph.cadence.per_week;
    const PhaseSpan& span = ctx.expansion.phases[phase];
    int total = per_week * ph.cadence.weeks;
    if (ph.visits) total = std::min(total, ph.visits->value.max);
    std::map<int, std::vector<const Visit*>> by_week;
    for (const Visit& v : ctx.expansion.visits)
        if (v.phase == phase) by_week[v.week].push_back(&v);
    const std::string cited = cite(p, ph.cadence.sources);

    // Weeks the published schedule has, placed where the phase starts: fewer than published.
    const int published_weeks = (total + per_week - 1) / per_week;
    struct Short {
        int first = 0;
        int last = 0;
        int held = 0;
        std::string reason;
    };
    std::vector<Short> runs;
    for (int j = 1; j <= published_weeks; ++j) {
        const int week = span.first_week + j - 1;
        const int expected = std::clamp(total - per_week * (j - 1), 0, per_week);
        const auto it = by_week.find(week);
        const int held = it == by_week.end() ? 0 : static_cast<int>(it->second.size());
        if (held >= expected) continue;  // a last, partial week publishes fewer
        std::string reason = short_reason(ctx, phase, week);
        if (reason.empty()) continue;
        // The same cause week after week (too few clinic days) is said once.
        if (!runs.empty() && runs.back().last == week - 1 && runs.back().held == held &&
            runs.back().reason == reason && reason.rfind(" with ", 0) == 0) {
            runs.back().last = week;
            continue;
        }
        runs.push_back(Short{week, week, held, reason});
    }
    for (const Short& r : runs) {
        const std::string rule_id = ctx.full_week_rule(phase);
        const std::string has =
            r.held == 0 ? "no " + std::string(visit_noun(p.route, false)) : count_of(p, r.held);
        const std::string head = r.first == r.last
                                     ? "Week " + std::to_string(r.first) + " has " + has
                                     : "Weeks " + std::to_string(r.first) + " to " +
                                           std::to_string(r.last) + " have " + has + " each";
        Difference& d = ctx.add(phase, rule_id,
                                head + r.reason + "; the published course has " +
                                    std::to_string(per_week) + " a week" + cited + ".");
        d.week = r.first;
        d.last_week = r.last;
        d.published = per_week_text(p, per_week);
        d.planned =
            has + (r.first == r.last ? " in " : " a week in ") + weeks_text(r.first, r.last);
        d.sources = ctx.sources(phase, true);
        d.date = ctx.week_start(r.first);
        for (int w = r.first; w <= r.last; ++w)
            if (const auto it = by_week.find(w); it != by_week.end())
                for (const Visit* v : it->second) d.affects.push_back(ctx.id_of(*v));
        if (d.affects.empty())  // no visit that week: the next one of the phase carries it
            if (const auto it = by_week.upper_bound(r.last); it != by_week.end())
                d.affects.push_back(ctx.id_of(*it->second.front()));
    }

    // More than published in a week: only a visit the plan moved does that (rule week-cap).
    for (const auto& [week, visits] : by_week) {
        if (static_cast<int>(visits.size()) <= per_week) continue;
        Difference& d = ctx.add(phase, std::string(rule::plan_move),
                                "Week " + std::to_string(week) + " has " +
                                    count_of(p, static_cast<int>(visits.size())) +
                                    " of this phase; the published course has " +
                                    std::to_string(per_week) + " a week" + cited + ".");
        d.week = d.last_week = week;
        d.published = per_week_text(p, per_week);
        d.planned =
            count_of(p, static_cast<int>(visits.size())) + " in week " + std::to_string(week);
        d.sources = ctx.sources(phase, false);
        d.date = ctx.week_start(week);
        for (const Visit* v : visits) d.affects.push_back(ctx.id_of(*v));
    }

    // The phase's weeks against the published ones (rule phase-order or keep-count).
    if (!span.shifted()) return;
    const bool later = span.first_week != span.published_first_week;
    const std::string where = weeks_text(span.first_week, span.last_week);
    const std::string published = weeks_text(span.published_first_week, span.published_last_week);
    const std::string count =
        ph.visits && ph.visits->value.min < total
            ? std::to_string(ph.visits->value.min) + " to " + count_of(p, total)
            : count_of(p, total);
    const bool left_out = std::any_of(ctx.expansion.skipped.begin(), ctx.expansion.skipped.end(),
                                      [&](const Visit& v) { return v.phase == phase; });
    std::string text = later      ? ph.name + " is in " + where
                       : left_out ? ph.name + " runs in " + where
                                  : ph.name + " keeps its " + count + " over " + where;
    text += "; the published course has " + published + cited + ".";
    Difference& d = ctx.add(
        phase, later ? std::string(rule::phase_order) : ctx.full_week_rule(phase), std::move(text));
    d.week = span.first_week;
    d.last_week = span.last_week;
    d.published = published;
    d.planned = where;
    d.sources = ctx.sources(phase, !later);
    d.date = ctx.week_start(span.first_week);
    const Visit* edge = nullptr;
    for (const Visit& v : ctx.expansion.visits) {
        if (v.phase != phase) continue;
        if (edge == nullptr || (later ? v.earliest < edge->earliest : v.latest > edge->latest))
            edge = &v;
    }
    if (edge != nullptr) d.affects.push_back(ctx.id_of(*edge));
}

// [SECTION] Interval phases

void interval_phase(Context& ctx, std::size_t phase) {
    const PhaseSpan& span = ctx.expansion.phases[phase];
    if (!span.shifted()) return;
    const Phase& ph = ctx.protocol.phases[phase];
    Difference& d = ctx.add(phase, std::string(rule::phase_order),
                            ph.name + " starts after week " + std::to_string(span.anchor_week) +
                                "; the published course starts it after week " +
                                std::to_string(span.published_anchor_week) +
                                cite(ctx.protocol, ph.cadence.sources) + ".");
    d.week = d.last_week = span.anchor_week + 1;
    d.published = "after week " + std::to_string(span.published_anchor_week);
    d.planned = "after week " + std::to_string(span.anchor_week);
    d.sources = ctx.sources(phase, false);
    d.date = ctx.week_start(span.anchor_week + 1);
    for (const Visit& v : ctx.expansion.visits)
        if (v.phase == phase) {
            d.affects.push_back(ctx.id_of(v));
            break;
        }
}

std::string every_text(const Cadence& c) {
    if (c.every_weeks.min == c.every_weeks.max)
        return c.every_weeks.min == 1 ? "every week"
                                      : "every " + std::to_string(c.every_weeks.min) + " weeks";
    return "every " + std::to_string(c.every_weeks.min) + " to " +
           std::to_string(c.every_weeks.max) + " weeks";
}

// [SECTION] Visits: moved, missed, left out

void moved_visit(Context& ctx, const Visit& v) {
    const Protocol& p = ctx.protocol;
    const Phase& ph = p.phases[v.phase];
    const bool weekly = ph.cadence.kind == Cadence::Kind::weekly;
    // Most visits are where the schedule put them: nothing to name or cite.
    if (v.picked_from ? v.earliest >= v.picked_from->first && v.earliest <= v.picked_from->second
                      : !v.moved_from)
        return;
    const std::string name = visit_name(p, v);
    const std::string cited = cite(p, ph.cadence.sources);
    std::string rule_id;
    std::string text;
    if (v.picked_from) {
        const auto [from, to] = *v.picked_from;
        if (v.earliest >= from && v.earliest <= to) return;  // a date inside its window
        rule_id = rule::plan_move;
        text = name + " is on " + day(v.earliest) + ", outside its window of " +
               text::short_date(from) + " to " + text::short_date(to) + ".";
    } else if (!v.moved_from) {
        return;
    } else if (v.move_reason == MoveReason::plan) {
        rule_id = rule::plan_move;
        text = "This plan moves " + visit_name(p, v, false) + " from " + day(*v.moved_from) +
               " to " + day(v.earliest) + ".";
    } else if (!weekly && v.move_reason == MoveReason::closed &&
               ph.cadence.every_weeks.min != ph.cadence.every_weeks.max) {
        rule_id = rule::window_follows;
        text = name + " is on " + day(v.earliest) + ": no clinic day is open in its window" +
               cited + ".";
    } else if (!weekly) {
        rule_id = rule::next_open_day;
        text = name + (v.move_reason == MoveReason::missed ? ", missed on " : " moves from ") +
               day(*v.moved_from) + (v.move_reason == MoveReason::missed ? ", moves to " : " to ") +
               day(v.earliest) + ", the next open clinic day.";
    } else if (v.move_reason == MoveReason::missed) {
        const bool same = ctx.week_of(v.earliest) == ctx.week_of(*v.moved_from);
        rule_id = same ? std::string(rule::same_week) : ctx.full_week_rule(v.phase);
        text = name + ", missed on " + day(*v.moved_from) + ", is made up on " + day(v.earliest) +
               (same ? " in the same week." : "; the schedule continues from there.");
    } else {
        rule_id = rule::same_week;
        text = name + " moves from " + day(*v.moved_from) + " to " + day(v.earliest) +
               (v.move_reason == MoveReason::closed ? ", as the clinic is closed."
                                                    : ", as a moved visit takes its day.");
    }
    Difference& d = ctx.add(v.phase, std::move(rule_id), std::move(text));
    d.visit = ctx.id_of(v);
    d.week = d.last_week = v.week;
    d.published = weekly ? per_week_text(p, ph.cadence.per_week) : every_text(ph.cadence);
    d.planned = v.is_window() ? "a window " + day(v.earliest) + " to " + day(v.latest)
                              : "on " + day(v.earliest);
    d.sources = ctx.sources(v.phase, d.rule == rule::continue_schedule);
    d.date = v.moved_from.value_or(v.earliest);
    d.affects.push_back(*d.visit);
}

void skipped_visit(Context& ctx, const Visit& v) {
    const Protocol& p = ctx.protocol;
    const Phase& ph = p.phases[v.phase];
    int held = 0;
    for (const Visit& o : ctx.expansion.visits) held += o.phase == v.phase ? 1 : 0;
    const std::string cited = cite(p, ph.cadence.sources);
    std::string text = visit_name(p, v) + " is left out";
    text += v.optional ? "; it is optional in the published course" + cited + "."
                       : "; the phase has " + std::to_string(held) + " of its " +
                             count_of(p, v.phase_total) + cited + ".";
    Difference& d = ctx.add(v.phase, std::string(rule::plan_skip), std::move(text));
    d.visit = ctx.id_of(v);
    d.week = d.last_week = v.week;
    d.published = count_of(p, v.phase_total);
    d.planned = count_of(p, held);
    d.sources = ctx.sources(v.phase, false);
    d.date = v.earliest;
    d.affects.push_back(*d.visit);
}

}  // namespace

int word_count(std::string_view text) {
    int words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool space = c == ' ' || c == '\n' || c == '\t';
        if (!space && !in_word) ++words;
        in_word = !space;
    }
    return words;
}

std::string short_source_name(const Source& source) {
    const std::string& t = source.title;
    std::size_t cut = std::string::npos;
    const std::size_t colon = t.find(": ");
    const std::size_t question = t.find("? ");
    std::size_t year_end = std::string::npos;
    for (std::size_t i = 0; i + 4 <= t.size() && i < 60; ++i) {
        const bool starts = i == 0 || !std::isalnum(static_cast<unsigned char>(t[i - 1]));
        const bool digits =
            std::all_of(t.begin() + static_cast<long>(i), t.begin() + static_cast<long>(i + 4),
                        [](char c) { return c >= '0' && c <= '9'; });
        const bool ends = i + 4 == t.size() || !std::isalnum(static_cast<unsigned char>(t[i + 4]));
        if (starts && digits && ends && (t[i] == '1' || t[i] == '2')) {
            year_end = i + 4;
            break;
        }
    }
    std::string et_al;  // "Mandal, Sinha and Goyal 2019" -> "Mandal et al. 2019"
    if (colon != std::string::npos && (year_end == std::string::npos || colon < year_end)) {
        cut = colon;
    } else if (year_end != std::string::npos) {
        cut = year_end;
        const std::string authors = t.substr(0, year_end - 4);
        const std::size_t first = std::min(authors.find(", "), authors.find(" and "));
        if (first != std::string::npos && authors.find(" et al.") == std::string::npos)
            et_al = authors.substr(0, first) + " et al. " + t.substr(year_end - 4, 4);
    } else if (question != std::string::npos)
        cut = question + 1;
    else
        cut = t.find(", ");
    const std::string head = et_al.empty() ? t.substr(0, cut) : et_al;
    // Parentheses out ("SPRAVATO (esketamine) nasal spray" -> "SPRAVATO nasal spray").
    std::string flat;
    int depth = 0;
    for (const char c : head) {
        if (c == '(') ++depth;
        if (depth == 0) flat += c;
        if (c == ')' && depth > 0) --depth;
    }
    std::string out;
    int words = 0;
    bool in_word = false;
    for (const char c : flat) {
        if (c == ' ') {
            in_word = false;
            continue;
        }
        if (!in_word) {
            if (++words > 4) break;
            if (!out.empty()) out += ' ';
        }
        in_word = true;
        out += c;
    }
    return out.empty() ? source.id : out;
}

// [SECTION] find_differences

std::vector<Difference> find_differences(const Protocol& protocol, const Course& course,
                                         const Expansion& expansion) {
    Context ctx{protocol, course, expansion, course.id.empty() ? protocol.id : course.id,
                {},       0,      {}};
    if (!course.start.ok() || expansion.phases.size() != protocol.phases.size()) return {};
    ctx.start = chr::sys_days{course.start};
    ctx.clinic_days = static_cast<int>(effective_clinic_days(protocol, course).size());
    for (std::size_t i = 0; i < protocol.phases.size(); ++i) {
        if (protocol.phases[i].cadence.kind == Cadence::Kind::weekly)
            weekly_phase(ctx, i);
        else
            interval_phase(ctx, i);
    }
    for (const Visit& v : expansion.visits) moved_visit(ctx, v);
    for (const Visit& v : expansion.skipped) skipped_visit(ctx, v);
    std::stable_sort(ctx.out.begin(), ctx.out.end(),
                     [](const Difference& a, const Difference& b) { return a.date < b.date; });
    return std::move(ctx.out);
}

}  // namespace planner
