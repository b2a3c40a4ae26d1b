// Internal helpers shared by the writers (export_*.cpp): dates, times, labels and
// the sources behind a visit. Plain text only: each writer escapes for its format.
#pragma once

#include <cstdint>
#include <ctime>
#include <optional>
#include <string>
#include <vector>

#include "planner/export.hpp"

namespace planner::exporter::detail {

[[nodiscard]] std::string iso_date(chr::sys_days day);    // 2026-03-02
[[nodiscard]] std::string hhmm(chr::minutes minutes);     // 09:40 (wraps past midnight)
[[nodiscard]] std::string iso_timestamp(std::int64_t t);  // 2026-03-02T12:00:00Z
[[nodiscard]] std::string weekday_short(chr::weekday d);  // Mon

// The stamp a writer uses: Options::timestamp, else default_timestamp().
[[nodiscard]] std::int64_t resolve_timestamp(const Options& options);

// Local wall-clock time on `day` (minutes after midnight, may pass 24:00) to a UTC
// time_t with mktime in the process's TZ, so daylight-saving changes are honoured.
[[nodiscard]] std::time_t local_to_utc(chr::sys_days day, chr::minutes minutes);

// "IV ketamine" from "IV ketamine: six infusions over two weeks".
[[nodiscard]] std::string short_title(const Protocol& protocol);

// "infusion 3 of 6" (+ ", optional"); windows: "possible booster infusion 2".
[[nodiscard]] std::string visit_label(const PlannedCourse& course, const Visit& visit);

// "about 40 minutes" or "15 to 120 minutes"; "not stated" when nothing was published.
[[nodiscard]] std::string minutes_text(const Range& minutes);
// "6" or "6 to 8".
[[nodiscard]] std::string range_text(const Range& range);
// Hours with one decimal: "1.5".
[[nodiscard]] std::string hours_text(int minutes);
[[nodiscard]] double hours_one_decimal(int minutes);

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
