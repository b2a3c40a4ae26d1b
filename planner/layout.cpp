#include "planner/layout.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "planner/text.hpp"

namespace planner::layout {

namespace {

[[nodiscard]] chr::sys_days to_sys(chr::year_month_day d) {
    return chr::sys_days{d};
}

[[nodiscard]] PhaseKind kind_of(const Protocol& protocol, std::size_t phase) {
    return phase < protocol.phases.size() ? protocol.phases[phase].kind : PhaseKind::induction;
}

[[nodiscard]] char marker_of(const Protocol& protocol, std::size_t phase) {
    return phase_marker(kind_of(protocol, phase));
}

[[nodiscard]] int days_between(chr::sys_days from, chr::sys_days to) {
    return static_cast<int>((to - from).count());
}

// Earliest and latest visit dates of the shown courses; nullopt when none has a visit.
struct Span {
    chr::sys_days first{};
    chr::sys_days last{};
};
[[nodiscard]] std::optional<Span> visit_span(const std::vector<PlannedCourse>& courses) {
    std::optional<Span> span;
    for (const auto& c : courses) {
        if (c.course.hidden) continue;
        for (const auto& v : c.expansion.visits) {
            if (!span) span = Span{v.earliest, v.latest};
            span->first = std::min(span->first, v.earliest);
            span->last = std::max(span->last, v.latest);
        }
    }
    return span;
}

// The visits of each course that touch [from, to], in visit order: a long plan has hundreds,
// and each day looks only at these.
[[nodiscard]] std::vector<std::vector<std::size_t>> touching(
    const std::vector<PlannedCourse>& courses, chr::sys_days from, chr::sys_days to) {
    std::vector<std::vector<std::size_t>> out(courses.size());
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const auto& visits = courses[ci].expansion.visits;
        for (std::size_t vi = 0; vi < visits.size(); ++vi)
            if (visits[vi].latest >= from && visits[vi].earliest <= to) out[ci].push_back(vi);
    }
    return out;
}

// What happens on one day: closed clinics, dated visits as chips, windows as band parts.
[[nodiscard]] DayCell day_cell(chr::sys_days day, const std::vector<PlannedCourse>& courses,
                               const CalendarOptions& options,
                               const std::vector<std::vector<std::size_t>>& near) {
    DayCell cell;
    cell.date = chr::year_month_day{day};
    cell.in_month = true;
    cell.today = options.today && to_sys(*options.today) == day;
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const auto& pc = courses[ci];
        if (pc.course.hidden) continue;
        if (std::find(pc.course.closed.begin(), pc.course.closed.end(), cell.date) !=
            pc.course.closed.end())
            cell.closed_for.push_back(ci);
        const auto& visits = pc.expansion.visits;
        for (const std::size_t vi : near[ci]) {
            const Visit& v = visits[vi];
            if (day < v.earliest || day > v.latest) continue;
            if (v.is_window()) {
                cell.bands.push_back(BandPart{ci, vi, day == v.earliest, day == v.latest});
            } else {
                cell.chips.push_back(Chip{ci, vi, marker_of(pc.protocol, v.phase),
                                          kind_of(pc.protocol, v.phase), v.optional,
                                          v.moved_from.has_value()});
            }
        }
    }
    return cell;
}

}  // namespace

std::string course_letter(std::size_t course) {
    // Bijective base 26: 0 -> A, 25 -> Z, 26 -> AA, 27 -> AB, 701 -> ZZ, 702 -> AAA.
    std::string out;
    for (std::size_t n = course + 1; n > 0; n = (n - 1) / 26)
        out.insert(out.begin(), static_cast<char>('A' + (n - 1) % 26));
    return out;
}

Measure fixed_width(double em_per_char) {
    return [em_per_char](std::string_view s, bool) {
        return static_cast<double>(text::display_width(s)) * em_per_char;
    };
}

std::string short_name(const Protocol& protocol) {
    std::string lower = protocol.title + " " + protocol.id;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](char ch) {
        return ch >= 'A' && ch <= 'Z' ? static_cast<char>(ch + 32) : ch;
    });
    if (lower.find("spravato") != std::string::npos) return "Spravato";
    switch (protocol.route) {
        case Route::iv: return "IV";
        case Route::nasal: return "Nasal";
        case Route::im: return "IM";
        case Route::subcutaneous: return "SC";
        case Route::oral: return "Oral";
    }
    return "Course";
}

// [SECTION] Month grids

std::vector<chr::year_month> months_spanned(const std::vector<PlannedCourse>& courses) {
    std::vector<chr::year_month> months;
    const auto span = visit_span(courses);
    if (!span) return months;
    const chr::year_month_day first{span->first};
    const chr::year_month_day last{span->last};
    for (auto m = first.year() / first.month(); m <= last.year() / last.month();
         m += chr::months{1})
        months.push_back(m);
    return months;
}

std::vector<DayCell> week_cells(chr::sys_days first, const std::vector<PlannedCourse>& courses,
                                const CalendarOptions& options) {
    const auto near = touching(courses, first, first + chr::days{6});
    std::vector<DayCell> cells;
    for (int d = 0; d < 7; ++d)
        cells.push_back(day_cell(first + chr::days{d}, courses, options, near));
    return cells;
}

MonthGrid month_grid(chr::year_month month, const std::vector<PlannedCourse>& courses,
                     const CalendarOptions& options) {
    MonthGrid grid;
    grid.month = month;
    grid.header.reserve(7);
    for (unsigned i = 0; i < 7; ++i) grid.header.push_back(options.week_start + chr::days{i});

    const chr::sys_days first = chr::sys_days{month / chr::day{1}};
    const chr::sys_days last = chr::sys_days{month / chr::last};
    // weekday subtraction is modulo 7: the number of leading days from the previous month.
    const auto lead = chr::weekday{first} - options.week_start;
    const chr::sys_days grid_start = first - lead;
    const int cells = static_cast<int>(lead.count()) + days_between(first, last) + 1;
    const int rows = (cells + 6) / 7;

    const auto near = touching(courses, grid_start, grid_start + chr::days{rows * 7 - 1});

    grid.weeks.reserve(static_cast<std::size_t>(rows));
    for (int r = 0; r < rows; ++r) {
        std::vector<DayCell> week;
        week.reserve(7);
        for (int c = 0; c < 7; ++c) {
            const chr::sys_days day = grid_start + chr::days{r * 7 + c};
            DayCell cell = day_cell(day, courses, options, near);
            cell.in_month = day >= first && day <= last;
            week.push_back(std::move(cell));
        }
        grid.weeks.push_back(std::move(week));
    }
    return grid;
}

// [SECTION] Comparison timeline

Timeline timeline(const std::vector<PlannedCourse>& courses, bool relative) {
    Timeline tl;
    tl.relative = relative;
    bool any = false;
    for (const auto& pc : courses) {
        if (pc.course.hidden) continue;
        const chr::sys_days start = to_sys(pc.course.start);
        tl.origin = any ? std::min(tl.origin, start) : start;
        any = true;
    }
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const auto& pc = courses[ci];
        if (pc.course.hidden) continue;
        Lane lane;
        lane.course = ci;
        lane.label = pc.protocol.title;
        lane.origin = relative ? to_sys(pc.course.start) : tl.origin;
        // Phases in protocol order, each spanning its first to its last visit.
        std::map<std::size_t, LaneBand> bands;
        const auto& visits = pc.expansion.visits;
        for (std::size_t vi = 0; vi < visits.size(); ++vi) {
            const Visit& v = visits[vi];
            const int from = days_between(lane.origin, v.earliest);
            const int to = days_between(lane.origin, v.latest);
            const char marker = marker_of(pc.protocol, v.phase);
            const PhaseKind kind = kind_of(pc.protocol, v.phase);
            lane.visits.push_back(LaneMark{vi, marker, kind, from, to, v.optional});
            auto [it, inserted] = bands.try_emplace(v.phase);
            LaneBand& band = it->second;
            if (inserted) {
                band.phase = v.phase;
                band.label = v.phase < pc.protocol.phases.size() ? pc.protocol.phases[v.phase].name
                                                                 : std::string{};
                band.marker = marker;
                band.kind = kind;
                band.from_day = from;
                band.to_day = to;
            }
            band.from_day = std::min(band.from_day, from);
            band.to_day = std::max(band.to_day, to);
        }
        for (auto& [phase, band] : bands) {
            tl.last_day = std::max(tl.last_day, band.to_day);
            lane.phases.push_back(std::move(band));
        }
        tl.lanes.push_back(std::move(lane));
    }
    return tl;
}

// [SECTION] Presentation week steps

namespace {

// What one course does in one week.
struct CourseWeek {
    std::string name;  // short name, made unique among shown courses
    const PlannedCourse* course = nullptr;
    std::size_t index = 0;  // the course's index in the plan
    int dated = 0;
    int optional = 0;
    std::vector<std::pair<std::string, int>> windows;  // "booster window" -> count
};

[[nodiscard]] std::string plural_window(const std::string& noun, int n) {
    return (n == 1 ? std::string{"a"} : text::count_word(n)) + " " + noun + (n == 1 ? "" : "s");
}

[[nodiscard]] std::string windows_text(const CourseWeek& w) {
    std::string out;
    for (std::size_t i = 0; i < w.windows.size(); ++i) {
        if (i > 0) out += i + 1 == w.windows.size() ? " and " : ", ";
        out += plural_window(w.windows[i].first, w.windows[i].second);
    }
    return out;
}

// "three infusions (one optional)"
[[nodiscard]] std::string count_text(const CourseWeek& w, bool with_optional) {
    std::string out =
        text::count_word(w.dated) + " " + visit_noun(w.course->protocol, w.dated != 1);
    if (with_optional && w.optional > 0) {
        out += w.optional == w.dated ? (w.dated == 1 ? ", optional" : ", all optional")
                                     : " (" + text::count_word(w.optional) + " optional)";
    }
    return out;
}

// What the course does that week. detail: 0 everything, 1 no observation, 2 no minutes,
// 3 no optional count. "three infusions, 40 minutes each, then 15 to 120 minutes of
// observation, and a booster window".
[[nodiscard]] std::string week_text(const CourseWeek& w, int detail) {
    const VisitInfo& info = w.course->protocol.visit;
    std::string out;
    if (w.dated > 0) {
        out = count_text(w, detail < 3);
        if (detail < 2 && info.treatment_minutes.value.max > 0) {
            out += ", " + text::duration(info.treatment_minutes) + (w.dated == 1 ? "" : " each");
            const std::string obs = text::observation_phrase(info.observation_minutes);
            if (detail < 1 && !obs.empty()) out += ", then " + obs;
        }
    }
    if (!w.windows.empty()) {
        if (!out.empty()) out += ", and ";
        out += windows_text(w);
    }
    return out;
}

[[nodiscard]] std::vector<const CourseWeek*> busy_of(const std::vector<CourseWeek>& weeks) {
    std::vector<const CourseWeek*> busy;
    for (const auto& w : weeks)
        if (w.dated > 0 || !w.windows.empty()) busy.push_back(&w);
    return busy;
}

[[nodiscard]] std::string caption(int index, const std::vector<CourseWeek>& weeks,
                                  std::size_t shown) {
    const std::string head = "Week " + std::to_string(index + 1) + ": ";
    const auto busy = busy_of(weeks);
    if (busy.empty()) return head + "no visits";
    std::string out;
    for (int detail = 0; detail <= 3; ++detail) {
        out = head;
        for (std::size_t i = 0; i < busy.size(); ++i) {
            if (i > 0) out += " \u00b7 ";
            if (shown > 1) out += busy[i]->name + ": ";
            out += week_text(*busy[i], detail);
        }
        if (text::display_width(out) <= kMaxCaptionChars) return out;
    }
    return text::truncate(out, kMaxCaptionChars);
}

[[nodiscard]] std::vector<WeekStep::Line> caption_lines(const std::vector<CourseWeek>& weeks,
                                                        std::size_t shown) {
    std::vector<WeekStep::Line> lines;
    for (const CourseWeek* w : busy_of(weeks))
        lines.push_back(
            {w->index, (shown > 1 ? w->name + ": " : std::string{}) + week_text(*w, 0)});
    return lines;
}

}  // namespace

std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses) {
    return week_steps(courses, 0, std::numeric_limits<int>::max());
}

std::vector<WeekStep> week_steps(const std::vector<PlannedCourse>& courses, int caption_from,
                                 int caption_to) {
    std::vector<WeekStep> steps;
    const auto span = visit_span(courses);
    if (!span) return steps;
    chr::sys_days first = span->first;
    std::vector<CourseWeek> shown;
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const auto& pc = courses[ci];
        if (pc.course.hidden) continue;
        first = std::min(first, to_sys(pc.course.start));
        shown.push_back(CourseWeek{short_name(pc.protocol), &pc, ci, 0, 0, {}});
    }
    // Two courses with the same short name get their letters: "IV A", "IV B".
    for (std::size_t i = 0; i < shown.size(); ++i) {
        const bool clash = std::count_if(shown.begin(), shown.end(), [&](const CourseWeek& w) {
                               return w.name == shown[i].name;
                           }) > 1;
        if (!clash) continue;
        const std::string name = shown[i].name;
        for (auto& w : shown)
            if (w.name == name) w.name += " " + course_letter(w.index);
    }

    const int weeks = days_between(first, span->last) / 7 + 1;
    // Each week looks only at the visits that touch it (a long plan has hundreds): per
    // course, (week, visit) pairs in week order, visits in their own order within a week.
    std::vector<std::vector<std::pair<int, std::size_t>>> touching(shown.size());
    for (std::size_t ci = 0; ci < shown.size(); ++ci) {
        const auto& visits = shown[ci].course->expansion.visits;
        for (std::size_t vi = 0; vi < visits.size(); ++vi) {
            // only the captioned weeks: a window can touch a hundred weeks
            const int from =
                std::max({0, caption_from, days_between(first, visits[vi].earliest) / 7});
            const int to =
                std::min({weeks - 1, caption_to, days_between(first, visits[vi].latest) / 7});
            for (int k = from; k <= to; ++k) touching[ci].emplace_back(k, vi);
        }
        std::stable_sort(touching[ci].begin(), touching[ci].end(),
                         [](const auto& a, const auto& b) { return a.first < b.first; });
    }
    std::vector<std::size_t> next(shown.size(), 0);
    for (int k = 0; k < weeks; ++k) {
        WeekStep step;
        step.index = k;
        step.first = first + chr::days{7 * k};
        step.last = step.first + chr::days{6};
        if (k < caption_from || k > caption_to) {  // dates only
            steps.push_back(std::move(step));
            continue;
        }
        std::vector<CourseWeek> per_course = shown;
        for (std::size_t ci = 0; ci < per_course.size(); ++ci) {
            auto& w = per_course[ci];
            while (next[ci] < touching[ci].size() && touching[ci][next[ci]].first < k) ++next[ci];
            for (; next[ci] < touching[ci].size() && touching[ci][next[ci]].first == k;
                 ++next[ci]) {
                const Visit& v = w.course->expansion.visits[touching[ci][next[ci]].second];
                if (v.latest < step.first || v.earliest > step.last) continue;
                if (!v.is_window()) {
                    ++w.dated;
                    if (v.optional) ++w.optional;
                    continue;
                }
                const std::string noun = text::window_noun(w.course->protocol, v);
                auto it = std::find_if(w.windows.begin(), w.windows.end(),
                                       [&](const auto& p) { return p.first == noun; });
                if (it == w.windows.end())
                    w.windows.emplace_back(noun, 1);
                else
                    ++it->second;
            }
        }
        step.caption = caption(k, per_course, shown.size());
        step.lines = caption_lines(per_course, shown.size());
        steps.push_back(std::move(step));
    }
    return steps;
}

}  // namespace planner::layout
