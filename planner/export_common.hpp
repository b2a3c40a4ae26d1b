// Internal helpers shared by the writers (export_*.cpp): time stamps, titles and the
// sources behind a visit. Words for dates, times and durations are in planner/text.hpp.
// Plain text only: each writer escapes for its format.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "planner/export.hpp"
#include "planner/text.hpp"

namespace planner::exporter::detail {

// The stamp a writer uses: Options::timestamp, else default_timestamp().
[[nodiscard]] std::int64_t resolve_timestamp(const Options& options);
// The courses as a writer may show them: without the visits' notes unless Options::notes.
[[nodiscard]] std::vector<PlannedCourse> notes_as_asked(const std::vector<PlannedCourse>& courses,
                                                        const Options& options);

// Local wall-clock time on `day` (minutes after midnight, may pass 24:00) to a UTC
// time_t with mktime in the process's TZ, so daylight-saving changes are honoured.
[[nodiscard]] std::time_t local_to_utc(chr::sys_days day, chr::minutes minutes);

// A dated visit in real time: `length` minutes from a local start on `day`. A start that
// does not exist that day (the clocks go forward over it) is moved to the first time after
// the gap; a start that exists twice (the clocks go back) is the first of the two. The end
// is `length` real minutes later, whatever the clocks do in between.
struct ClockSpan {
    std::time_t start = 0;                 // UTC
    std::time_t end = 0;                   // UTC, start + length
    std::optional<chr::minutes> moved_to;  // local start when the asked one does not exist
    bool clocks_change = false;            // the UTC offset at the end differs from the start
};
[[nodiscard]] ClockSpan clock_span(chr::sys_days day, chr::minutes start, chr::minutes length);

// HH:MM of a UTC time on the local clock (TZ).
[[nodiscard]] std::string local_hhmm(std::time_t t);

// A TZ the C library does not know (it then uses UTC without a word): the message to show,
// or nothing when TZ is unset, empty, a zone file or a POSIX rule.
[[nodiscard]] std::optional<std::string> tz_problem();

// "IV ketamine" from "IV ketamine: six infusions over two weeks".
[[nodiscard]] std::string short_title(const Protocol& protocol);

// The clinic weekdays in use (the engine's effective_clinic_days).
[[nodiscard]] std::vector<chr::weekday> clinic_days(const PlannedCourse& course);

// Sources cited for what a visit involves and for its phase, each once, in order.
[[nodiscard]] std::vector<const Source*> visit_sources(const PlannedCourse& course,
                                                       const Visit& visit);

// The identifier when the URL does not already show it ("doi:10.1/x" vs doi.org/10.1/x).
[[nodiscard]] std::string extra_identifier(const Source& source);

// "Illustrative: no standard published course." with the preset's note, said once.
[[nodiscard]] std::string illustrative_text(const Protocol& protocol);

[[nodiscard]] const Phase* phase_of(const PlannedCourse& course, const Visit& visit);

[[nodiscard]] std::string_view notice_kind_id(Notice::Kind kind);

// A phase's note; "As published: ..." when this plan has the phase in other weeks, so a
// note such as "Weeks 5 to 8." never reads as this plan's weeks. Empty when none.
[[nodiscard]] std::string phase_note(const PlannedCourse& course, std::size_t phase);

// The differences whose affected visits include `id`, in the course's order.
[[nodiscard]] std::vector<const Difference*> differences_of(const PlannedCourse& course,
                                                            const VisitId& id);

// "Sources: SPRAVATO nasal spray; SPRAVATO missed treatment sessions" for a difference.
[[nodiscard]] std::string difference_sources(const PlannedCourse& course, const Difference& d);

// "moved_closed", ... for files: why a visit left its day; empty when it did not.
[[nodiscard]] std::string_view move_reason_id(MoveReason reason);

}  // namespace planner::exporter::detail
