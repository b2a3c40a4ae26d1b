// planner/parse: dates, weekdays and times as people type them.
#include "planner/parse.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <string>

#include "planner/text.hpp"

using namespace planner;
using chr::day;
using chr::month;
using chr::year;

namespace {

chr::year_month_day ymd(int y, unsigned m, unsigned d) {
    return chr::year_month_day{year{y}, month{m}, day{d}};
}

}  // namespace

TEST_CASE("parse: every day from 1900-01-01 to 2200-12-31 formats and parses back") {
    const chr::sys_days first{ymd(1900, 1, 1)};
    const chr::sys_days last{ymd(2200, 12, 31)};
    long count = 0;
    int failures = 0;
    for (chr::sys_days d = first; d <= last; d += chr::days{1}) {
        const std::string text = text::iso_date(d);
        const auto back = parse_date(text, "--start");
        if (!back.ok() || chr::sys_days{*back} != d || text.size() != 10) {
            if (++failures < 5) FAIL_CHECK("round trip failed for " << text);
        }
        ++count;
    }
    CHECK(failures == 0);
    CHECK(count == 109938);  // 301 years, 73 of them leap years (1900, 2100, 2200 are not)
    CHECK(text::iso_date(ymd(1900, 1, 1)) == "1900-01-01");
    CHECK(text::iso_date(chr::sys_days{ymd(2200, 12, 31)}) == "2200-12-31");
}

TEST_CASE("parse: leap years") {
    CHECK(parse_date("2024-02-29", "d").ok());
    CHECK(parse_date("2000-02-29", "d").ok());
    CHECK_FALSE(parse_date("1900-02-29", "d").ok());
    CHECK_FALSE(parse_date("2100-02-29", "d").ok());
    CHECK_FALSE(parse_date("2026-02-29", "d").ok());
    CHECK(parse_date("2028-02-29", "d").ok());
    CHECK(*parse_date("2028-02-29", "d") == ymd(2028, 2, 29));
}

TEST_CASE("parse: date errors quote the text and say what was expected") {
    const auto bad_day = parse_date("2026-02-30", "--start");
    REQUIRE_FALSE(bad_day.ok());
    CHECK(bad_day.error().where == "--start");
    CHECK(bad_day.error().what ==
          "'2026-02-30' is not a date: expected a real calendar date as YYYY-MM-DD");
    const auto bad_month = parse_date("2026-13-01", "--start");
    REQUIRE_FALSE(bad_month.ok());
    CHECK(bad_month.error().message() ==
          "--start: '2026-13-01' is not a date: expected a real calendar date as YYYY-MM-DD");
    CHECK_FALSE(parse_date("2026-00-10", "d").ok());
    CHECK_FALSE(parse_date("2026-01-00", "d").ok());
    CHECK_FALSE(parse_date("2026-04-31", "d").ok());
    for (const char* shape :
         {"2026-1-01", "26-01-01", "2026/01/01", "20260101", "", " 2026-01-01", "2026-01-01 ",
          "2026-01-01x", "2026-0a-01", "+026-01-01", "2026-01--1", "tomorrow"}) {
        const auto r = parse_date(shape, "--closed");
        REQUIRE_FALSE_MESSAGE(r.ok(), shape);
        CHECK(r.error().where == "--closed");
        CHECK(r.error().what == "'" + std::string(shape) + "' is not a date: expected YYYY-MM-DD");
    }
    const auto early = parse_date("1899-12-31", "--start");
    REQUIRE_FALSE(early.ok());
    CHECK(early.error().what ==
          "'1899-12-31' is out of range: expected a date in the years 1900 to 2200");
    CHECK_FALSE(parse_date("2201-01-01", "--start").ok());
    CHECK(parse_date("1900-01-01", "--start").ok());
    CHECK(parse_date("2200-12-31", "--start").ok());
    // Long or odd text is quoted short and printable.
    const auto long_text = parse_date(std::string(500, '9') + "\n", "--start");
    REQUIRE_FALSE(long_text.ok());
    CHECK(long_text.error().what.size() < 120);
    CHECK(long_text.error().what.find('\n') == std::string::npos);
}

TEST_CASE("parse: date lists") {
    const auto two = parse_date_list("2026-12-24,2026-12-25", "--closed");
    REQUIRE(two.ok());
    CHECK(*two == std::vector<chr::year_month_day>{ymd(2026, 12, 24), ymd(2026, 12, 25)});
    const auto spaced = parse_date_list(" 2026-12-24 , 2027-01-01 ", "--closed");
    REQUIRE(spaced.ok());
    CHECK(spaced->size() == 2);
    const auto empty = parse_date_list("", "--closed");
    REQUIRE(empty.ok());
    CHECK(empty->empty());
    const auto bad = parse_date_list("2026-12-24,2026-02-30", "--closed");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where == "--closed");
    CHECK(bad.error().what.find("'2026-02-30'") == 0);
    const auto hole = parse_date_list("2026-12-24,,2026-12-26", "--closed");
    REQUIRE_FALSE(hole.ok());
    CHECK(hole.error().what.find("empty item") != std::string::npos);
    CHECK_FALSE(parse_date_list("2026-12-24,", "--closed").ok());
}

TEST_CASE("parse: weekday names") {
    const struct {
        const char* text;
        chr::weekday day;
    } cases[] = {{"mon", chr::Monday},     {"Mon", chr::Monday},          {"monday", chr::Monday},
                 {"MONDAY", chr::Monday},  {"tue", chr::Tuesday},         {"Tues", chr::Tuesday},
                 {"wed", chr::Wednesday},  {"Wednesday", chr::Wednesday}, {"thu", chr::Thursday},
                 {"thurs", chr::Thursday}, {"fri", chr::Friday},          {"FRIDAY", chr::Friday},
                 {"sat", chr::Saturday},   {"saturday", chr::Saturday},   {"sun", chr::Sunday},
                 {"Sunday", chr::Sunday},  {" sun ", chr::Sunday}};
    for (const auto& c : cases) {
        const auto r = parse_weekday(c.text, "--days");
        REQUIRE_MESSAGE(r.ok(), c.text);
        CHECK(*r == c.day);
    }
    for (const char* bad : {"", "m", "mo", "mondays", "funday", "monx", "1", "s", "su", "th"}) {
        const auto r = parse_weekday(bad, "--days");
        REQUIRE_FALSE_MESSAGE(r.ok(), bad);
        CHECK(r.error().where == "--days");
        CHECK(r.error().what == "'" + std::string(bad) +
                                    "' is not a weekday: expected mon, tue, wed, thu, fri, sat "
                                    "or sun");
    }
}

TEST_CASE("parse: weekday lists are sorted Monday first without duplicates") {
    const auto r = parse_weekday_list("sun,fri,mon,Monday,wed", "--days");
    REQUIRE(r.ok());
    CHECK(*r == std::vector<chr::weekday>{chr::Monday, chr::Wednesday, chr::Friday, chr::Sunday});
    const auto bad = parse_weekday_list("mon,xyz", "--days");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().what.find("'xyz'") == 0);
    CHECK_FALSE(parse_weekday_list("", "--days").ok());
    CHECK_FALSE(parse_weekday_list("mon,,tue", "--days").ok());
}

TEST_CASE("parse: times") {
    CHECK(*parse_time("00:00", "--time") == chr::minutes{0});
    CHECK(*parse_time("09:30", "--time") == chr::minutes{570});
    CHECK(*parse_time("9:30", "--time") == chr::minutes{570});
    CHECK(*parse_time("23:59", "--time") == chr::minutes{1439});
    for (const char* bad : {"24:00", "23:60", "9", "09:3", "0930", "09:30:00", "-1:00", "ab:cd", "",
                            "123:00", "09.30"}) {
        const auto r = parse_time(bad, "--time");
        REQUIRE_FALSE_MESSAGE(r.ok(), bad);
        CHECK(r.error().where == "--time");
        CHECK(r.error().what ==
              "'" + std::string(bad) + "' is not a time: expected HH:MM from 00:00 to 23:59");
    }
    for (int m = 0; m < 1440; ++m) {
        const auto back = parse_time(text::clock_time(chr::minutes{m}), "t");
        REQUIRE(back.ok());
        CHECK(back->count() == m);
    }
    CHECK(text::clock_time(chr::minutes{570}) == "09:30");
    CHECK(text::clock_time(chr::minutes{1440 + 15}) ==
          "00:15");  // past midnight: the next day's clock
}

TEST_CASE("parse: next Monday, today") {
    // 2026-12-07 is a Monday: the next one is a week later.
    CHECK(next_monday(ymd(2026, 12, 7)) == ymd(2026, 12, 14));
    CHECK(next_monday(ymd(2026, 12, 6)) == ymd(2026, 12, 7));   // Sunday
    CHECK(next_monday(ymd(2026, 12, 8)) == ymd(2026, 12, 14));  // Tuesday
    CHECK(next_monday(ymd(2026, 12, 31)) == ymd(2027, 1, 4));   // over a year end
    for (int i = 0; i < 14; ++i) {
        const chr::sys_days d = chr::sys_days{ymd(2026, 3, 1)} + chr::days{i};
        const chr::sys_days n{next_monday(chr::year_month_day{d})};
        CHECK(chr::weekday{n} == chr::Monday);
        CHECK(n > d);
        CHECK(n - d <= chr::days{7});
    }
    // today_local follows the local calendar (ctest sets TZ=UTC; compare with the C library).
    const auto today = today_local();
    CHECK(today.ok());
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    CHECK(static_cast<int>(today.year()) == local.tm_year + 1900);
    CHECK(static_cast<unsigned>(today.month()) == static_cast<unsigned>(local.tm_mon + 1));
}
