// Writers: the same plan as iCalendar, CSV, JSON, Markdown and a terminal
// calendar. Every output carries the disclaimer. Every string from a preset or a
// person passes through the writer's own escaping here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "planner/layout.hpp"
#include "planner/plan.hpp"

namespace planner::exporter {

enum class Format { ics, json, csv, md };

struct Options {
    bool reminders = false;  // ics: an alarm the evening before each dated visit (and, at
                             // waking hours, when the food and liquids rules begin)
    chr::minutes reminder_time{18 * 60};  // local time of the evening-before alarm
    bool notes = false;  // a person's notes on visits: personal, so written only when asked
    // DTSTAMP and "generated" stamps; SOURCE_DATE_EPOCH when set, else now.
    std::optional<std::int64_t> timestamp;
    chr::weekday week_start = chr::Monday;
};

[[nodiscard]] std::string to_ics(const std::vector<PlannedCourse>& courses, const Options& options);
[[nodiscard]] std::string to_json(const std::vector<PlannedCourse>& courses,
                                  const Options& options);
[[nodiscard]] std::string to_csv(const std::vector<PlannedCourse>& courses, const Options& options);
[[nodiscard]] std::string to_markdown(const std::vector<PlannedCourse>& courses,
                                      const Options& options);
[[nodiscard]] std::string write(Format format, const std::vector<PlannedCourse>& courses,
                                const Options& options);

// The stamp for Options::timestamp: SOURCE_DATE_EPOCH when set to a number, else now.
// Writers use it themselves when Options::timestamp is empty.
[[nodiscard]] std::int64_t default_timestamp();

// The terminal calendar of `course-planner show`: month grids like cal(1), courses
// side by side, a legend, the summary and the disclaimer. `color` adds ANSI colour
// on top of the letters (never colour alone).
[[nodiscard]] std::string terminal_calendar(const std::vector<PlannedCourse>& courses,
                                            const layout::CalendarOptions& options, bool color);

// The comparison table of `show` and the handout: a label and, per course, its text
// (a '\n' starts a new line: "Mon 7 Dec - Fri 18 Dec 2026\n12 days").
struct SummaryRow {
    std::string label;
    std::vector<std::string> cells;
};
[[nodiscard]] std::vector<SummaryRow> summary_rows(
    const std::vector<const PlannedCourse*>& courses);

// Helpers shared by writers (exposed for tests).
[[nodiscard]] std::string ics_escape_text(std::string_view text);
[[nodiscard]] std::string ics_fold_line(std::string_view line);  // adds CRLF; 75-octet folding
[[nodiscard]] std::string visit_description(const PlannedCourse& course, const Visit& visit);
// The iCalendar UID of a visit: from its VisitId only, so exporting a course alone or
// beside others, or after moving its start, gives the same UIDs.
[[nodiscard]] std::string ics_uid(const VisitId& id);

// What an .ics of `courses` must tell the person exporting it, one line each: a TZ the
// computer does not know (times fall back to UTC), and every visit start that does not exist
// on its day (the clocks go forward over it) with the time it was moved to.
[[nodiscard]] std::vector<std::string> ics_notices(const std::vector<PlannedCourse>& courses);

}  // namespace planner::exporter
