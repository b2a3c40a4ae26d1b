// Parsers for what people type: dates, weekdays, times. Used by the CLI and the window.
#pragma once

#include <chrono>
#include <string_view>
#include <vector>

#include "planner/model.hpp"
#include "planner/result.hpp"

namespace planner {

// "2026-12-01" -> a valid date in years 1900..2200. `where` names the flag or field.
[[nodiscard]] Result<chr::year_month_day> parse_date(std::string_view text, std::string_view where);
// "2026-12-24,2026-12-25"
[[nodiscard]] Result<std::vector<chr::year_month_day>> parse_date_list(std::string_view text,
                                                                       std::string_view where);
// "mon", "Monday", "tue"... (case-insensitive, three-letter prefix or full name)
[[nodiscard]] Result<chr::weekday> parse_weekday(std::string_view text, std::string_view where);
// "mon,thu" -> sorted Monday first, no duplicates
[[nodiscard]] Result<std::vector<chr::weekday>> parse_weekday_list(std::string_view text,
                                                                   std::string_view where);
// "09:30" -> minutes after midnight (00:00..23:59)
[[nodiscard]] Result<chr::minutes> parse_time(std::string_view text, std::string_view where);

// Quotes text a person or a file supplied, for an error message: at most 40 bytes,
// control characters shown as '?', so a message stays one short line.
[[nodiscard]] std::string quote(std::string_view text);

// The way back (dates and times as text) is planner/text.hpp: iso_date, clock_time.

// The Monday after `today` (a week later when today is a Monday): the default start.
[[nodiscard]] chr::year_month_day next_monday(chr::year_month_day today);
[[nodiscard]] chr::year_month_day today_local();

}  // namespace planner
