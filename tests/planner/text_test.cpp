// planner/text: the one wording of dates, times, durations, hours, counts and visit labels.
#include "planner/text.hpp"

#include <doctest/doctest.h>

#include <string>

#include "planner/parse.hpp"

using namespace planner;
using chr::day;
using chr::month;
using chr::year;

namespace {

chr::sys_days sd(int y, unsigned m, unsigned d) {
    return chr::sys_days{chr::year_month_day{year{y}, month{m}, day{d}}};
}

Range r(int lo, int hi) {
    return Range{lo, hi};
}

}  // namespace

TEST_CASE("text: ISO dates round-trip through the parser for every day of 1900 to 2200") {
    int failures = 0;
    for (chr::sys_days d = sd(1900, 1, 1); d <= sd(2200, 12, 31); d += chr::days{1}) {
        const std::string iso = text::iso_date(d);
        const auto back = parse_date(iso, "t");
        // The long form names the same weekday, day, month and year.
        const chr::year_month_day ymd{d};
        const std::string lng = text::long_date(d);
        const std::string want = std::string{text::weekday_short(chr::weekday{d})} + " " +
                                 std::to_string(unsigned{ymd.day()}) + " " +
                                 std::string{text::month_short(ymd.month())} + " " +
                                 std::to_string(int{ymd.year()});
        if (!back.ok() || chr::sys_days{*back} != d || lng != want) {
            if (++failures < 5) FAIL_CHECK("date text wrong for " << iso << ": " << lng);
        }
    }
    CHECK(failures == 0);
    CHECK(text::iso_date(chr::year_month_day{year{2026}, month{2}, day{30}}) == "?");
    CHECK(text::long_date(chr::year_month_day{year{2026}, month{13}, day{1}}) == "?");
}

TEST_CASE("text: dates people read") {
    CHECK(text::long_date(sd(2026, 12, 7)) == "Mon 7 Dec 2026");
    CHECK(text::long_date(sd(2000, 2, 29)) == "Tue 29 Feb 2000");
    CHECK(text::weekday_date(sd(2026, 12, 7)) == "Mon 7 Dec");
    CHECK(text::short_date(sd(2026, 12, 7)) == "7 Dec");
    CHECK(text::month_title(year{2026} / month{12}) == "December 2026");
    CHECK(text::month_name(month{9}) == "September");
    CHECK(text::month_short(month{9}) == "Sep");
    CHECK(text::month_name(month{13}) == "?");
    CHECK(text::weekday_name(chr::Wednesday) == "Wednesday");
    CHECK(text::weekday_short(chr::Wednesday) == "Wed");
    CHECK(text::weekday_two(chr::Sunday) == "Su");
    CHECK(text::weekday_list({chr::Monday, chr::Thursday}) == "Mon, Thu");
    CHECK(text::iso_timestamp(0) == "1970-01-01T00:00:00Z");
    CHECK(text::iso_timestamp(1796644800) == "2026-12-07T12:00:00Z");
}

TEST_CASE("text: date ranges, compact and long") {
    CHECK(text::date_range(sd(2026, 12, 7), sd(2026, 12, 7)) == "7 Dec 2026");
    CHECK(text::date_range(sd(2026, 12, 7), sd(2026, 12, 11)) == "7-11 Dec 2026");
    CHECK(text::date_range(sd(2026, 11, 30), sd(2026, 12, 4)) == "30 Nov - 4 Dec 2026");
    CHECK(text::date_range(sd(2026, 12, 28), sd(2027, 1, 3)) == "28 Dec 2026 - 3 Jan 2027");
    CHECK(text::date_range(sd(2026, 12, 11), sd(2026, 12, 7)) == "7-11 Dec 2026");  // swapped
    CHECK(text::long_date_range(sd(2026, 12, 7), sd(2026, 12, 11)) ==
          "Mon 7 Dec - Fri 11 Dec 2026");
    CHECK(text::long_date_range(sd(2026, 12, 28), sd(2027, 1, 3)) ==
          "Mon 28 Dec 2026 - Sun 3 Jan 2027");
    CHECK(text::long_date_range(sd(2026, 12, 7), sd(2026, 12, 7)) == "Mon 7 Dec 2026");
    CHECK(text::between_dates(sd(2026, 12, 7), sd(2026, 12, 11)) ==
          "between Mon 7 Dec and Fri 11 Dec 2026");
    CHECK(text::between_dates(sd(2026, 12, 28), sd(2027, 1, 3)) ==
          "between Mon 28 Dec 2026 and Sun 3 Jan 2027");
}

TEST_CASE("text: clock times and a visit's times") {
    CHECK(text::clock_time(chr::minutes{570}) == "09:30");
    CHECK(text::clock_time(chr::minutes{0}) == "00:00");
    CHECK(text::clock_time(chr::minutes{1440 + 15}) == "00:15");  // the next day's clock
    CHECK(text::clock_time(chr::minutes{-30}) == "23:30");
    CHECK(text::time_range(chr::minutes{540}, chr::minutes{580}) == "09:00-09:40");
    for (int m = 0; m < 1440; ++m) {
        const auto back = parse_time(text::clock_time(chr::minutes{m}), "t");
        REQUIRE(back.ok());
        CHECK(back->count() == m);
    }
    Visit v;
    v.treatment_start = chr::minutes{540};
    v.treatment_end = chr::minutes{580};
    v.observation_end = chr::minutes{700};
    // The treatment part is named for the route; a published minimum stays "at least".
    Protocol iv;
    CHECK(text::visit_times(iv, v) == "Infusion 09:00-09:40, then observation until 11:40");
    Protocol nasal;
    nasal.route = Route::nasal;
    nasal.visit.observation_minutes.at_least = true;
    CHECK(text::visit_times(nasal, v) ==
          "Spray and rest 09:00-09:40, then observation until at least 11:40");
    Protocol bolus;
    bolus.noun = "injection";
    CHECK(text::visit_times(bolus, v).rfind("Injection 09:00", 0) == 0);
    v.observation_end = v.treatment_end;
    CHECK(text::visit_times(iv, v) == "Infusion 09:00-09:40");
}

TEST_CASE("text: durations in one wording") {
    CHECK(text::duration(r(40, 40)) == "40 minutes");
    CHECK(text::duration(r(1, 1)) == "1 minute");
    CHECK(text::duration(r(60, 60)) == "1 hour");
    CHECK(text::duration(r(90, 90)) == "1.5 hours");
    CHECK(text::duration(r(120, 120)) == "2 hours");
    CHECK(text::duration(r(100, 100)) == "100 minutes");  // not a half hour: minutes
    CHECK(text::duration(r(40, 90)) == "40 to 90 minutes");
    CHECK(text::duration(r(5, 30)) == "5 to 30 minutes");
    CHECK(text::duration(r(90, 120)) == "1.5 to 2 hours");
    CHECK(text::duration(r(60, 120)) == "1 to 2 hours");
    CHECK(text::duration(r(0, 30)) == "up to 30 minutes");
    CHECK(text::duration(r(0, 0)) == "not stated");
    CHECK(text::duration(r(120, 120), true) == "at least 2 hours");
    CHECK(text::duration(r(45, 45), true) == "at least 45 minutes");
    CitedRange obs{r(120, 120), {}};
    CHECK(text::duration(obs) == "2 hours");
    CHECK(text::observation_phrase(obs) == "2 hours of observation");
    obs.at_least = true;
    CHECK(text::duration(obs) == "at least 2 hours");
    CHECK(text::observation_phrase(obs) == "at least 2 hours of observation");
    CHECK(text::observation_phrase(CitedRange{}).empty());
}

TEST_CASE("text: clinic hours, fasting, counts and spans") {
    CHECK(text::hours_total(r(240, 240)) == "4 hours");
    CHECK(text::hours_total(r(60, 60)) == "1 hour");
    CHECK(text::hours_total(r(200, 960)) == "3.3 to 16 hours");
    // Each observation a minimum: only the shortest total is known.
    CHECK(text::hours_total(r(1000, 1200), true) == "at least 16.7 hours");
    CHECK(text::hours_total(r(1000, 1200), false) == "16.7 to 20 hours");
    CHECK(text::hours_total(r(239, 241)) == "4 hours");  // equal after rounding: one figure
    CHECK(text::hours_value(200) == doctest::Approx(3.3));
    CHECK(text::hours_value(240) == doctest::Approx(4.0));
    Fasting f;
    f.solid_food_hours = 2;
    f.liquids_minutes = 30;
    // The sources' words, as minimums: "avoid", "at least"; "food" when the label says food.
    CHECK(text::fasting_text(f) ==
          "avoid solid food for at least 2 hours and liquids for at least 30 minutes before");
    f.liquids_minutes = 0;
    CHECK(text::fasting_text(f) == "avoid solid food for at least 2 hours before");
    CHECK(text::fasting_text(Fasting{0, 30, {}, 2}) ==
          "avoid food for at least 2 hours and liquids for at least 30 minutes before");
    CHECK(text::fasting_text(Fasting{}).empty());
    CHECK(text::count_word(0) == "no");
    CHECK(text::count_word(1) == "one");
    CHECK(text::count_word(10) == "ten");
    CHECK(text::count_word(12) == "12");
    CHECK(text::range_text(r(6, 8)) == "6 to 8");
    CHECK(text::counted(1, "day", "days") == "1 day");
    CHECK(text::counted(r(1, 2), "day", "days") == "1 to 2 days");
    CHECK(text::visits_text(Route::iv, r(6, 8)) == "6 to 8 infusions");
    CHECK(text::visits_text(Route::nasal, r(1, 1)) == "1 session");
    CHECK(text::span_length(sd(2026, 12, 7), sd(2026, 12, 18)) == "12 days");
    CHECK(text::span_length(sd(2026, 12, 7), sd(2027, 1, 22)) == "47 days, about 7 weeks");
    CHECK(text::capitalized("infusion 3 of 6") == "Infusion 3 of 6");
    CHECK(text::display_width("a \u00b7 b") == 5);
    CHECK(text::truncate("abcdefghij", 10) == "abcdefghij");
    CHECK(text::truncate("abcdefghijk", 10) == "abcdefg...");
}

TEST_CASE("text: visit labels") {
    Protocol p;
    p.route = Route::iv;
    Phase induction;
    induction.name = "Initial series";
    induction.kind = PhaseKind::induction;
    Phase boosters;
    boosters.name = "Boosters";
    boosters.kind = PhaseKind::booster;
    p.phases = {induction, boosters};
    Visit v;
    v.phase = 0;
    v.number_in_phase = 3;
    v.phase_total = 6;
    v.earliest = v.latest = sd(2026, 12, 9);
    CHECK(text::visit_label(p, v) == "infusion 3 of 6");
    CHECK(text::visit_title(p, v) == "Initial series: infusion 3 of 6");
    CHECK(text::visit_fraction(v) == "3/6");
    v.optional = true;
    CHECK(text::visit_label(p, v) == "infusion 3 of 6, optional");
    v.phase = 1;
    v.number_in_phase = 2;
    v.phase_total = 3;
    v.latest = v.earliest + chr::days{20};
    CHECK(text::visit_label(p, v) == "possible booster infusion 2");
    CHECK(text::window_noun(p, v) == "booster window");
    v.optional = false;
    CHECK(text::visit_label(p, v) == "booster infusion 2 of 3");
    p.route = Route::nasal;
    v.phase = 0;
    CHECK(text::window_noun(p, v) == "session window");
}
