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
