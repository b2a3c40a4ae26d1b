// Every word people read about dates, times, durations, counts and visits, in one place.
// Writers (ICS, JSON, CSV, Markdown, terminal), the window and the image painters all call
// these, so "40 minutes" reads the same in a calendar invite, on a slide and on screen.
// Plain text only: each writer escapes it for its format. docs/architecture.md lists the
// wording rules.
// [SECTION] Dates
// [SECTION] Times
// [SECTION] Durations and hours
// [SECTION] Counts
// [SECTION] Visits
// [SECTION] Text measures
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include "planner/model.hpp"

namespace planner::text {

// [SECTION] Dates
[[nodiscard]] std::string iso_date(chr::sys_days day);          // 2026-12-07 (files, fields)
[[nodiscard]] std::string iso_date(chr::year_month_day day);    // "?" when not a valid date
[[nodiscard]] std::string iso_timestamp(std::int64_t seconds);  // 2026-12-07T12:00:00Z
[[nodiscard]] std::string long_date(chr::sys_days day);         // Mon 7 Dec 2026
[[nodiscard]] std::string long_date(chr::year_month_day day);
[[nodiscard]] std::string weekday_date(chr::sys_days day);  // Mon 7 Dec (the year is known)
[[nodiscard]] std::string short_date(chr::sys_days day);    // 7 Dec
// Compact range: "7-11 Dec 2026", "30 Nov - 4 Dec 2026", "28 Dec 2026 - 3 Jan 2027";
// one day: "7 Dec 2026".
[[nodiscard]] std::string date_range(chr::sys_days first, chr::sys_days last);
// With weekdays: "Mon 7 Dec - Fri 11 Dec 2026", "Mon 28 Dec 2026 - Sun 3 Jan 2027".
[[nodiscard]] std::string long_date_range(chr::sys_days first, chr::sys_days last);
// A window in a sentence: "between Mon 7 Dec and Fri 11 Dec 2026".
[[nodiscard]] std::string between_dates(chr::sys_days first, chr::sys_days last);
[[nodiscard]] std::string_view month_name(chr::month m);       // December
[[nodiscard]] std::string_view month_short(chr::month m);      // Dec
[[nodiscard]] std::string month_title(chr::year_month m);      // December 2026
[[nodiscard]] std::string_view weekday_name(chr::weekday d);   // Monday
[[nodiscard]] std::string_view weekday_short(chr::weekday d);  // Mon
[[nodiscard]] std::string_view weekday_two(chr::weekday d);    // Mo (month grid headers)
// "Mon, Thu"
[[nodiscard]] std::string weekday_list(const std::vector<chr::weekday>& days);

// [SECTION] Times
// A clock time, 24-hour: 09:30. Past midnight wraps (24:10 is 00:10 the next day).
[[nodiscard]] std::string clock_time(chr::minutes after_midnight);
[[nodiscard]] std::string time_range(chr::minutes from, chr::minutes to);  // 09:00-09:40
// A dated visit's planned times, the treatment part named for the route: "Infusion
// 09:00-09:40, then observation until 11:40"; "Spray and rest 09:00-09:30, then observation
// until at least 11:30" when the observation is a published minimum.
[[nodiscard]] std::string visit_times(const Protocol& protocol, const Visit& visit);

// [SECTION] Durations and hours
// Minutes as people say them: "40 minutes", "1 hour", "1.5 hours", "2 hours"; a range in
// one unit, "5 to 30 minutes", "1.5 to 2 hours", "40 to 90 minutes"; a published minimum
// with no maximum: "at least 2 hours". "not stated" when nothing was published (max 0).
// Hours are used when every figure is at least an hour and a multiple of half an hour.
[[nodiscard]] std::string duration(Range minutes, bool at_least = false);
[[nodiscard]] std::string duration(const CitedRange& minutes);  // uses minutes.at_least
// The same words with citation marks: after each end when the ends cite their own sources
// ("40 [1, 2] to 90 [3] minutes"), else after the whole ("at least 2 hours [4]"). Marks are
// "[1, 2]" text or empty (planner/citations makes them).
[[nodiscard]] std::string duration_cited(const CitedRange& minutes, std::string_view marks,
                                         std::string_view min_marks, std::string_view max_marks);
// "2 hours of observation", "at least 2 hours of observation"; empty when none is published.
[[nodiscard]] std::string observation_phrase(const CitedRange& minutes);
// Clinic hours of a whole course, to a tenth of an hour: "4 hours", "3.3 to 16 hours",
// "1 hour"; equal ends after rounding give one figure.
[[nodiscard]] std::string hours_total(Range minutes);
// The same, where a visit's time is a minimum (Spravato's observation, an injection's time):
// only the shortest total is known, "at least 16.7 hours".
[[nodiscard]] std::string hours_total(Range minutes, bool at_least);
// Whether a visit's time is a minimum: its treatment or its observation is "at least".
[[nodiscard]] bool visit_time_at_least(const VisitInfo& visit);
// The same rounding as a number, for JSON: 3.3.
[[nodiscard]] double hours_value(int minutes);
// In the sources' words, as minimums: "avoid food for at least 2 hours and liquids for at
// least 30 minutes before" (the Spravato label), "avoid solid food for at least 6 hours before";
// empty when none is stated.
[[nodiscard]] std::string fasting_text(const Fasting& fasting);

// [SECTION] Counts
[[nodiscard]] std::string count_word(int n);    // "no", "one" .. "ten", then digits
[[nodiscard]] std::string range_text(Range r);  // "6", "6 to 8"
// "1 day", "3 days", "6 to 8 infusions": the noun is plural unless the range is exactly 1.
[[nodiscard]] std::string counted(Range r, std::string_view singular, std::string_view plural);
[[nodiscard]] std::string counted(int n, std::string_view singular, std::string_view plural);
// "6 to 8 infusions", "1 session", "12 injections".
[[nodiscard]] std::string visits_text(Route route, Range visits);
// The preset's own word when it names one: an IV bolus course has "6 injections".
[[nodiscard]] std::string visits_text(const Protocol& protocol, Range visits);
// Length of a span of days: "12 days"; from two weeks on "47 days, about 7 weeks".
[[nodiscard]] std::string span_length(chr::sys_days first, chr::sys_days last);
// "infusion" -> "Infusion" (ASCII first letter only; preset text is never changed).
[[nodiscard]] std::string capitalized(std::string_view text);

// [SECTION] Visits
// "infusion 3 of 6", "infusion 7 of 8, optional"; windows: "booster infusion 1 of 3",
// and an as-needed (optional) one "possible booster infusion 2".
[[nodiscard]] std::string visit_label(const Protocol& protocol, const Visit& visit);
// "Initial series: infusion 3 of 6" (the phase name, then the label without "optional").
[[nodiscard]] std::string visit_title(const Protocol& protocol, const Visit& visit);
// "3/6" (or "3" when the phase has no total), for chips.
[[nodiscard]] std::string visit_fraction(const Visit& visit);
// "booster window", "infusion window": what a window is called in captions and labels.
[[nodiscard]] std::string window_noun(const Protocol& protocol, const Visit& visit);

// [SECTION] Text measures
// Number of user-perceived characters (UTF-8 code points) in `text`.
[[nodiscard]] std::size_t display_width(std::string_view text);
// `text` cut to at most `width` code points, ending in "..." when cut.
[[nodiscard]] std::string truncate(std::string_view text, std::size_t width);

}  // namespace planner::text
