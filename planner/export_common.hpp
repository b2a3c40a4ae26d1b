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

}  // namespace planner::exporter::detail
