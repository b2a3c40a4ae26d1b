// Parsers for what people type (dates, weekdays, times) and the matching formatters.
#include "planner/parse.hpp"

#include <algorithm>
#include <array>
#include <ctime>
#include <string>

namespace planner {
namespace {

constexpr int kFirstYear = 1900;
constexpr int kLastYear = 2200;

[[nodiscard]] bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

[[nodiscard]] char lower(char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}

[[nodiscard]] std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// Splits on ',' keeping empty items, so "a,,b" can be reported.
[[nodiscard]] std::vector<std::string_view> split_commas(std::string_view s) {
    std::vector<std::string_view> items;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = s.find(',', start);
        if (comma == std::string_view::npos) {
            items.push_back(trim(s.substr(start)));
            return items;
        }
        items.push_back(trim(s.substr(start, comma - start)));
        start = comma + 1;
    }
}

[[nodiscard]] int digits(std::string_view s) {
    int v = 0;
    for (const char c : s) v = v * 10 + (c - '0');
    return v;
}

}  // namespace

std::string quote(std::string_view text) {
    std::string out = "'";
    std::size_t n = 0;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        if (n >= 40 && (u & 0xC0) != 0x80) {
            out += "...";
            break;
        }
        out += (u < 0x20 || u == 0x7F) ? '?' : c;
        ++n;
    }
    return out + "'";
}

Result<chr::year_month_day> parse_date(std::string_view text, std::string_view where) {
    const std::string w(where);
    const bool shape = text.size() == 10 && text[4] == '-' && text[7] == '-' &&
                       std::all_of(text.begin(), text.begin() + 4, is_digit) && is_digit(text[5]) &&
                       is_digit(text[6]) && is_digit(text[8]) && is_digit(text[9]);
    if (!shape) return Error{w, quote(text) + " is not a date: expected YYYY-MM-DD"};
    const int y = digits(text.substr(0, 4));
    const int m = digits(text.substr(5, 2));
    const int d = digits(text.substr(8, 2));
    if (y < kFirstYear || y > kLastYear)
        return Error{w,
                     quote(text) + " is out of range: expected a date in the years 1900 to 2200"};
    const chr::year_month_day ymd{chr::year{y}, chr::month{static_cast<unsigned>(m)},
                                  chr::day{static_cast<unsigned>(d)}};
    if (!ymd.ok())
        return Error{w,
                     quote(text) + " is not a date: expected a real calendar date as YYYY-MM-DD"};
    return ymd;
}

Result<std::vector<chr::year_month_day>> parse_date_list(std::string_view text,
                                                         std::string_view where) {
    std::vector<chr::year_month_day> dates;
    if (trim(text).empty()) return dates;
    for (const auto item : split_commas(text)) {
        if (item.empty())
            return Error{std::string(where), quote(text) +
                                                 " has an empty item: expected dates as "
                                                 "YYYY-MM-DD separated by commas"};
        auto date = parse_date(item, where);
        if (!date) return date.error();
        dates.push_back(*date);
    }
    return dates;
}

Result<chr::weekday> parse_weekday(std::string_view text, std::string_view where) {
    static constexpr std::array<std::string_view, 7> names{
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};
    std::string low;
    for (const char c : trim(text)) low += lower(c);
    // A prefix of at least three letters: "mon", "tues", "thurs", "monday".
    if (low.size() >= 3) {
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (low.size() <= names[i].size() && names[i].substr(0, low.size()) == low)
                return chr::weekday{static_cast<unsigned>(i + 1)};
        }
    }
    return Error{std::string(where),
                 quote(text) + " is not a weekday: expected mon, tue, wed, thu, fri, sat or sun"};
}

Result<std::vector<chr::weekday>> parse_weekday_list(std::string_view text,
                                                     std::string_view where) {
    if (trim(text).empty())
        return Error{
            std::string(where),
            "no weekday given: expected weekdays separated by commas, such as mon,wed,fri"};
    std::vector<chr::weekday> days;
    for (const auto item : split_commas(text)) {
        auto day = parse_weekday(item, where);
        if (!day) return day.error();
        days.push_back(*day);
    }
    std::sort(days.begin(), days.end(),
              [](chr::weekday a, chr::weekday b) { return a.iso_encoding() < b.iso_encoding(); });
    days.erase(std::unique(days.begin(), days.end()), days.end());
    return days;
}

Result<chr::minutes> parse_time(std::string_view text, std::string_view where) {
    const auto t = trim(text);
    const std::size_t colon = t.find(':');
    const bool shape = colon != std::string_view::npos && (colon == 1 || colon == 2) &&
                       t.size() == colon + 3 &&
                       std::all_of(t.begin(), t.begin() + static_cast<long>(colon), is_digit) &&
                       is_digit(t[colon + 1]) && is_digit(t[colon + 2]);
    if (shape) {
        const int h = digits(t.substr(0, colon));
        const int m = digits(t.substr(colon + 1));
        if (h <= 23 && m <= 59) return chr::minutes{h * 60 + m};
    }
    return Error{std::string(where),
                 quote(text) + " is not a time: expected HH:MM from 00:00 to 23:59"};
}

chr::year_month_day next_monday(chr::year_month_day today) {
    const chr::sys_days day{today};
    const unsigned iso = chr::weekday{day}.iso_encoding();  // Monday 1 .. Sunday 7
    return chr::year_month_day{day + chr::days{8 - static_cast<int>(iso)}};
}

chr::year_month_day today_local() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    return chr::year_month_day{chr::year{local.tm_year + 1900},
                               chr::month{static_cast<unsigned>(local.tm_mon + 1)},
                               chr::day{static_cast<unsigned>(local.tm_mday)}};
}

}  // namespace planner
