#include "planner/text.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdio>

namespace planner::text {

namespace {

constexpr std::array<std::string_view, 12> kMonths{"January",   "February", "March",    "April",
                                                   "May",       "June",     "July",     "August",
                                                   "September", "October",  "November", "December"};
constexpr std::array<std::string_view, 7> kWeekdays{"Sunday",   "Monday", "Tuesday", "Wednesday",
                                                    "Thursday", "Friday", "Saturday"};

[[nodiscard]] chr::year_month_day ymd_of(chr::sys_days day) {
    return chr::year_month_day{day};
}

[[nodiscard]] std::string day_number(chr::year_month_day d) {
    return std::to_string(static_cast<unsigned>(d.day()));
}

[[nodiscard]] std::string year_number(chr::year_month_day d) {
    return std::to_string(static_cast<int>(d.year()));
}

// Whole or half hours read better as hours; anything else stays in minutes.
[[nodiscard]] bool as_hours(int minutes) {
    return minutes >= 60 && minutes % 30 == 0;
}

[[nodiscard]] std::string hours_number(int minutes) {  // 90 -> "1.5", 120 -> "2"
    return minutes % 60 == 0 ? std::to_string(minutes / 60) : std::to_string(minutes / 60) + ".5";
}

[[nodiscard]] std::string one_duration(int minutes) {
    if (as_hours(minutes)) return hours_number(minutes) + (minutes == 60 ? " hour" : " hours");
    return std::to_string(minutes) + (minutes == 1 ? " minute" : " minutes");
}

[[nodiscard]] std::string tenths_text(long tenths) {  // 33 -> "3.3", 40 -> "4"
    if (tenths % 10 == 0) return std::to_string(tenths / 10);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

}  // namespace

// [SECTION] Dates

std::string iso_date(chr::sys_days day) {
    return iso_date(ymd_of(day));
}

std::string iso_date(chr::year_month_day d) {
    if (!d.ok()) return "?";
    std::array<char, 24> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(d.year()),
                  static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
    return buf.data();
}

std::string iso_timestamp(std::int64_t seconds) {
    const auto tp = chr::sys_seconds{chr::seconds{seconds}};
    const auto day = chr::floor<chr::days>(tp);
    const chr::hh_mm_ss hms{tp - day};
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return iso_date(day) + buf.data();
}

std::string long_date(chr::sys_days day) {
    return weekday_date(day) + " " + year_number(ymd_of(day));
}

std::string long_date(chr::year_month_day day) {
    return day.ok() ? long_date(chr::sys_days{day}) : std::string{"?"};
}

std::string weekday_date(chr::sys_days day) {
    return std::string{weekday_short(chr::weekday{day})} + " " + short_date(day);
}

std::string short_date(chr::sys_days day) {
    const auto d = ymd_of(day);
    return day_number(d) + " " + std::string{month_short(d.month())};
}

std::string date_range(chr::sys_days first, chr::sys_days last) {
    if (last < first) std::swap(first, last);
    const auto a = ymd_of(first);
    const auto b = ymd_of(last);
    if (first == last) return short_date(first) + " " + year_number(a);
    if (a.year() == b.year() && a.month() == b.month())
        return day_number(a) + "-" + short_date(last) + " " + year_number(b);
    if (a.year() == b.year())
        return short_date(first) + " - " + short_date(last) + " " + year_number(b);
    return short_date(first) + " " + year_number(a) + " - " + short_date(last) + " " +
           year_number(b);
}

std::string long_date_range(chr::sys_days first, chr::sys_days last) {
    if (last < first) std::swap(first, last);
    if (first == last) return long_date(first);
    if (ymd_of(first).year() == ymd_of(last).year())
        return weekday_date(first) + " - " + long_date(last);
    return long_date(first) + " - " + long_date(last);
}

std::string between_dates(chr::sys_days first, chr::sys_days last) {
    if (last < first) std::swap(first, last);
    if (ymd_of(first).year() == ymd_of(last).year())
        return "between " + weekday_date(first) + " and " + long_date(last);
    return "between " + long_date(first) + " and " + long_date(last);
}

std::string_view month_name(chr::month m) {
    return m.ok() ? kMonths[static_cast<unsigned>(m) - 1] : std::string_view{"?"};
}

std::string_view month_short(chr::month m) {
    return month_name(m).substr(0, 3);
}

std::string month_title(chr::year_month m) {
    return std::string{month_name(m.month())} + " " + std::to_string(static_cast<int>(m.year()));
}

std::string_view weekday_name(chr::weekday d) {
    return d.ok() ? kWeekdays[d.c_encoding()] : std::string_view{"?"};
}

std::string_view weekday_short(chr::weekday d) {
    return weekday_name(d).substr(0, 3);
}

std::string_view weekday_two(chr::weekday d) {
    return weekday_name(d).substr(0, 2);
}

std::string weekday_list(const std::vector<chr::weekday>& days) {
    std::string out;
    for (const auto d : days) out += (out.empty() ? "" : ", ") + std::string{weekday_short(d)};
    return out;
}

// [SECTION] Times

std::string clock_time(chr::minutes after_midnight) {
    const long long total = ((after_midnight.count() % 1440) + 1440) % 1440;
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02lld:%02lld", total / 60, total % 60);
    return buf.data();
}

std::string time_range(chr::minutes from, chr::minutes to) {
    return clock_time(from) + "-" + clock_time(to);
}

std::string visit_times(const Protocol& protocol, const Visit& visit) {
    std::string out = std::string{treatment_label(protocol)} + " " +
                      time_range(visit.treatment_start, visit.treatment_end);
    if (visit.observation_end > visit.treatment_end)
        out += std::string{", then observation until "} +
               (protocol.visit.observation_minutes.at_least ? "at least " : "") +
               clock_time(visit.observation_end);
    return out;
}

// [SECTION] Durations and hours

std::string duration(Range minutes, bool at_least) {
    if (minutes.max <= 0 && !(at_least && minutes.min > 0)) return "not stated";
    if (at_least) return "at least " + one_duration(minutes.min > 0 ? minutes.min : minutes.max);
    if (minutes.single()) return one_duration(minutes.min);
    if (minutes.min <= 0) return "up to " + one_duration(minutes.max);
    if (as_hours(minutes.min) && as_hours(minutes.max))
        return hours_number(minutes.min) + " to " + hours_number(minutes.max) + " hours";
    return std::to_string(minutes.min) + " to " + std::to_string(minutes.max) + " minutes";
}

std::string duration(const CitedRange& minutes) {
    return duration(minutes.value, minutes.at_least);
}

std::string duration_cited(const CitedRange& minutes, std::string_view marks,
                           std::string_view min_marks, std::string_view max_marks) {
    const auto mark = [](std::string_view m) {
        return m.empty() ? std::string{} : " " + std::string{m};
    };
    const Range v = minutes.value;
    const bool per_end =
        !minutes.at_least && !v.single() && v.min > 0 && (!min_marks.empty() || !max_marks.empty());
    if (!per_end) return duration(minutes) + mark(marks);
    if (as_hours(v.min) && as_hours(v.max))
        return hours_number(v.min) + mark(min_marks) + " to " + hours_number(v.max) +
               mark(max_marks) + " hours";
    return std::to_string(v.min) + mark(min_marks) + " to " + std::to_string(v.max) +
           mark(max_marks) + " minutes";
}

std::string observation_phrase(const CitedRange& minutes) {
    if (minutes.value.max <= 0 && !(minutes.at_least && minutes.value.min > 0)) return {};
    return duration(minutes) + " of observation";
}

double hours_value(int minutes) {
    return static_cast<double>(std::lround(minutes / 6.0)) / 10.0;
}

std::string hours_total(Range minutes) {
    const long lo = std::lround(minutes.min / 6.0);
    const long hi = std::lround(minutes.max / 6.0);
    if (lo == hi) return tenths_text(lo) + (lo == 10 ? " hour" : " hours");
    return tenths_text(lo) + " to " + tenths_text(hi) + " hours";
}

bool visit_time_at_least(const VisitInfo& visit) {
    return visit.treatment_minutes.at_least || visit.observation_minutes.at_least;
}

std::string hours_total(Range minutes, bool at_least) {
    if (!at_least) return hours_total(minutes);
    const long lo = std::lround(minutes.min / 6.0);
    return "at least " + tenths_text(lo) + (lo == 10 ? " hour" : " hours");
}

std::string fasting_text(const Fasting& fasting) {
    std::string out;
    if (fasting.food_hours > 0) out = "food for at least " + one_duration(fasting.food_hours * 60);
    if (fasting.solid_food_hours > 0)
        out = "solid food for at least " + one_duration(fasting.solid_food_hours * 60);
    if (fasting.liquids_minutes > 0)
        out += (out.empty() ? "liquids for at least " : " and liquids for at least ") +
               one_duration(fasting.liquids_minutes);
    return out.empty() ? out : "avoid " + out + " before";
}

// [SECTION] Counts

std::string count_word(int n) {
    static constexpr std::array<const char*, 11> words{
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
    return n >= 0 && n <= 10 ? std::string{words[static_cast<std::size_t>(n)]} : std::to_string(n);
}

std::string range_text(Range r) {
    if (r.single()) return std::to_string(r.min);
    return std::to_string(r.min) + " to " + std::to_string(r.max);
}

std::string counted(Range r, std::string_view singular, std::string_view plural) {
    const bool one = r.single() && r.min == 1;
    return range_text(r) + " " + std::string{one ? singular : plural};
}

std::string counted(int n, std::string_view singular, std::string_view plural) {
    return counted(Range{n, n}, singular, plural);
}

std::string visits_text(Route route, Range visits) {
    return counted(visits, visit_noun(route, false), visit_noun(route, true));
}

std::string visits_text(const Protocol& protocol, Range visits) {
    return counted(visits, visit_noun(protocol, false), visit_noun(protocol, true));
}

std::string span_length(chr::sys_days first, chr::sys_days last) {
    const int days = static_cast<int>((last - first).count()) + 1;
    std::string out = counted(days, "day", "days");
    if (days >= 14) out += ", about " + std::to_string((days + 3) / 7) + " weeks";
    return out;
}

std::string capitalized(std::string_view text) {
    std::string s{text};
    if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
    return s;
}

// [SECTION] Visits

namespace {

[[nodiscard]] const Phase* phase_of(const Protocol& protocol, const Visit& visit) {
    return visit.phase < protocol.phases.size() ? &protocol.phases[visit.phase] : nullptr;
}

[[nodiscard]] std::string number_of(const Visit& visit) {
    std::string out = std::to_string(visit.number_in_phase);
    if (visit.phase_total > 0) out += " of " + std::to_string(visit.phase_total);
    return out;
}

}  // namespace

std::string visit_label(const Protocol& protocol, const Visit& visit) {
    const std::string noun = visit_noun(protocol, false);
    if (visit.is_window()) {
        const Phase* phase = phase_of(protocol, visit);
        const std::string kind =
            phase ? std::string{phase_kind_id(phase->kind)} + " " : std::string{};
        if (visit.optional)
            return "possible " + kind + noun + " " + std::to_string(visit.number_in_phase);
        return kind + noun + " " + number_of(visit);
    }
    std::string label = noun + " " + number_of(visit);
    if (visit.optional) label += ", optional";
    return label;
}

std::string visit_title(const Protocol& protocol, const Visit& visit) {
    const Phase* phase = phase_of(protocol, visit);
    return (phase ? phase->name + ": " : std::string{}) + visit_noun(protocol, false) + " " +
           number_of(visit);
}

std::string visit_fraction(const Visit& visit) {
    std::string out = std::to_string(visit.number_in_phase);
    if (visit.phase_total > 0) out += "/" + std::to_string(visit.phase_total);
    return out;
}

std::string window_noun(const Protocol& protocol, const Visit& visit) {
    const Phase* phase = phase_of(protocol, visit);
    if (phase && phase->kind == PhaseKind::booster) return "booster window";
    return visit_noun(protocol, false) + " window";
}

// [SECTION] Text measures

std::size_t display_width(std::string_view text) {
    // Count bytes that do not continue a UTF-8 sequence.
    return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char ch) {
        return (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
    }));
}

std::string truncate(std::string_view text, std::size_t width) {
    if (display_width(text) <= width) return std::string{text};
    std::string out;
    std::size_t out_width = 0;  // display_width(out), kept as it grows (it was quadratic)
    for (const char ch : text) {
        const bool starts_char = (static_cast<unsigned char>(ch) & 0xC0) != 0x80;
        if (starts_char && out_width + 3 >= width) break;
        out += ch;
        if (starts_char) ++out_width;
    }
    while (!out.empty() && out.back() == ' ') out.pop_back();
    return out + "...";
}

}  // namespace planner::text
