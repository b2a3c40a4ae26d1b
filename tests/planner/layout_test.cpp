#include "planner/layout.hpp"

#include <doctest/doctest.h>

#include "planner/text.hpp"
#include "tests/planner/hand_courses.hpp"

namespace {

using namespace hand;
namespace layout = planner::layout;

// Column of a date in a grid, or -1.
int column_of(const layout::MonthGrid& g, sys_days day) {
    for (const auto& week : g.weeks)
        for (std::size_t c = 0; c < week.size(); ++c)
            if (sys_days{week[c].date} == day) return static_cast<int>(c);
    return -1;
}

const layout::DayCell& cell_of(const layout::MonthGrid& g, sys_days day) {
    for (const auto& week : g.weeks)
        for (const auto& cell : week)
            if (sys_days{cell.date} == day && cell.in_month) return cell;
    FAIL("date not in grid");
    return g.weeks.front().front();
}

int in_month_days(const layout::MonthGrid& g) {
    int n = 0;
    for (const auto& week : g.weeks)
        for (const auto& cell : week) n += cell.in_month ? 1 : 0;
    return n;
}

}  // namespace

TEST_CASE("month grid header follows the week start") {
    const std::vector<PlannedCourse> none;
    layout::CalendarOptions monday;
    monday.week_start = Monday;
    layout::CalendarOptions sunday;
    sunday.week_start = Sunday;
    const auto gm = layout::month_grid(year{2026} / November, none, monday);
    const auto gs = layout::month_grid(year{2026} / November, none, sunday);
    REQUIRE(gm.header.size() == 7);
    REQUIRE(gs.header.size() == 7);
    CHECK(gm.header.front() == Monday);
    CHECK(gm.header.back() == Sunday);
    CHECK(gs.header.front() == Sunday);
    CHECK(gs.header.back() == Saturday);
    // 1 Nov 2026 is a Sunday.
    CHECK(column_of(gs, d(2026, 11, 1)) == 0);
    CHECK(column_of(gm, d(2026, 11, 1)) == 6);
    CHECK_FALSE(gm.weeks.front().front().in_month);  // Mon 26 Oct
    CHECK(gm.weeks.front().front().date == year{2026} / October / 26);
    CHECK(gs.weeks.front().front().in_month);

    layout::CalendarOptions wednesday;
    wednesday.week_start = Wednesday;
    const auto gw = layout::month_grid(year{2026} / November, none, wednesday);
    CHECK(gw.header.front() == Wednesday);
    CHECK(column_of(gw, d(2026, 11, 1)) == 4);
}

TEST_CASE("month grid rows: leap years, four and six rows, every day exactly once") {
    const std::vector<PlannedCourse> none;
    layout::CalendarOptions monday;
    layout::CalendarOptions sunday;
    sunday.week_start = Sunday;
    CHECK(in_month_days(layout::month_grid(year{2028} / February, none, monday)) == 29);
    CHECK(in_month_days(layout::month_grid(year{2027} / February, none, monday)) == 28);
    CHECK(in_month_days(layout::month_grid(year{2100} / February, none, sunday)) == 28);
    CHECK(in_month_days(layout::month_grid(year{2000} / February, none, sunday)) == 29);
    // 1 Aug 2026 is a Saturday: 5 leading days + 31 = 36 cells -> 6 rows.
    CHECK(layout::month_grid(year{2026} / August, none, monday).weeks.size() == 6);
    CHECK(layout::month_grid(year{2026} / August, none, sunday).weeks.size() == 6);
    // 1 Sep 2026 is a Tuesday: 1 + 30 = 31 cells -> 5 rows with a Monday start.
    CHECK(layout::month_grid(year{2026} / September, none, monday).weeks.size() == 5);
    // 1 Feb 2026 is a Sunday and February 2026 has 28 days: 4 rows with a Sunday start.
    CHECK(layout::month_grid(year{2026} / February, none, sunday).weeks.size() == 4);

    for (auto ws : {Monday, Sunday, Saturday}) {
        layout::CalendarOptions opt;
        opt.week_start = ws;
        for (auto m = year{2025} / January; m <= year{2029} / December; m += months{1}) {
            const auto g = layout::month_grid(m, none, opt);
            CHECK(g.weeks.size() >= 4);
            CHECK(g.weeks.size() <= 6);
            CHECK(in_month_days(g) == static_cast<int>(unsigned{(m / last).day()}));
            sys_days expect = sys_days{g.weeks.front().front().date};
            CHECK(weekday{expect} == ws);
            bool has_first = false;
            for (const auto& week : g.weeks) {
                REQUIRE(week.size() == 7);
                for (const auto& cell : week) {
                    CHECK(sys_days{cell.date} == expect);
                    CHECK(cell.in_month == (cell.date.year() / cell.date.month() == m));
                    has_first = has_first || (cell.in_month && cell.date.day() == day{1});
                    expect += days{1};
                }
            }
            CHECK(has_first);
            // The last row holds at least one day of the month.
            CHECK(g.weeks.back().front().in_month);
        }
    }
}

TEST_CASE("months_spanned crosses a year end and ignores hidden courses") {
    CHECK(layout::months_spanned({}).empty());
    auto iv = iv_course(d(2026, 12, 14));
    const auto months = layout::months_spanned({iv});
    // Induction 14-25 Dec 2026, booster window 8-22 Jan 2027.
    REQUIRE(months.size() == 2);
    CHECK(months[0] == year{2026} / December);
    CHECK(months[1] == year{2027} / January);

    auto late = spravato_course(d(2027, 3, 2));
    auto spans = layout::months_spanned({iv, late});
    REQUIRE(spans.size() == 5);  // Dec 2026 .. 20 Apr 2027
    CHECK(spans.back() == year{2027} / April);
    late.course.hidden = true;
    CHECK(layout::months_spanned({iv, late}).size() == 2);
    iv.course.hidden = true;
    CHECK(layout::months_spanned({iv, late}).empty());
}

TEST_CASE("month grid chips, bands, closed days, today and hidden courses") {
    auto iv = iv_course();
    iv.expansion.visits[2].moved_from = d(2026, 11, 5);
    iv.expansion.visits[5].optional = true;
    iv.course.closed = {year{2026} / November / 5};
    auto sp = spravato_course();
    layout::CalendarOptions opt;
    opt.today = year{2026} / November / 4;
    const auto g = layout::month_grid(year{2026} / November, {iv, sp}, opt);

    const auto& mon = cell_of(g, d(2026, 11, 2));
    REQUIRE(mon.chips.size() == 1);
    CHECK(mon.chips[0].course == 0);
    CHECK(mon.chips[0].visit == 0);
    CHECK(mon.chips[0].marker == 'I');
    CHECK_FALSE(mon.chips[0].optional);
    CHECK_FALSE(mon.today);
    CHECK(cell_of(g, d(2026, 11, 4)).today);

    const auto& tue = cell_of(g, d(2026, 11, 3));
    REQUIRE(tue.chips.size() == 1);
    CHECK(tue.chips[0].course == 1);

    const auto& fri = cell_of(g, d(2026, 11, 6));
    REQUIRE(fri.chips.size() == 2);  // both courses on one day, in course order
    CHECK(fri.chips[0].course == 0);
    CHECK(fri.chips[0].moved);
    CHECK(fri.chips[1].course == 1);
    CHECK_FALSE(fri.chips[1].moved);

    CHECK(cell_of(g, d(2026, 11, 13)).chips[0].optional);
    const auto& closed = cell_of(g, d(2026, 11, 5));
    CHECK(closed.closed_for == std::vector<std::size_t>{0});
    CHECK(closed.chips.empty());

    // Spravato maintenance (phase 1) is marked M.
    const auto& maint = cell_of(g, d(2026, 11, 24));
    REQUIRE(maint.chips.size() == 1);
    CHECK(maint.chips[0].marker == 'I');  // week 4 of the induction
    const auto dec = layout::month_grid(year{2026} / December, {iv, sp}, opt);
    const auto& m1 = cell_of(dec, d(2026, 12, 1));
    REQUIRE(m1.chips.size() == 1);
    CHECK(m1.chips[0].marker == 'M');

    // The booster window runs 27 Nov .. 11 Dec: a band on every day, no chip.
    int band_days = 0;
    for (const auto* grid : {&g, &dec})
        for (const auto& week : grid->weeks)
            for (const auto& cell : week) {
                if (!cell.in_month) continue;
                for (const auto& b : cell.bands) {
                    CHECK(b.course == 0);
                    CHECK(b.visit == 6);
                    CHECK(b.starts_here == (sys_days{cell.date} == d(2026, 11, 27)));
                    CHECK(b.ends_here == (sys_days{cell.date} == d(2026, 12, 11)));
                    ++band_days;
                }
            }
    CHECK(band_days == 15);
    REQUIRE(cell_of(g, d(2026, 11, 27)).chips.size() == 1);  // Spravato's, not a booster chip
    CHECK(cell_of(g, d(2026, 11, 27)).chips[0].course == 1);

    // Leading/trailing cells carry their own date's visits too (the grid is continuous).
    const auto& trailing = g.weeks.back().back();
    CHECK_FALSE(trailing.in_month);
    CHECK(trailing.bands.size() == 1);  // Sun 6 Dec

    iv.course.hidden = true;
    const auto h = layout::month_grid(year{2026} / November, {iv, sp}, opt);
    CHECK(cell_of(h, d(2026, 11, 2)).chips.empty());
    CHECK(cell_of(h, d(2026, 11, 5)).closed_for.empty());
    CHECK(cell_of(h, d(2026, 11, 27)).bands.empty());
    REQUIRE(cell_of(h, d(2026, 11, 6)).chips.size() == 1);
    CHECK(cell_of(h, d(2026, 11, 6)).chips[0].course == 1);
}

TEST_CASE("timeline: relative and absolute lanes for two courses with different starts") {
    const auto iv = iv_course(d(2026, 11, 2));
    const auto sp = spravato_course(d(2026, 11, 10));

    const auto rel = layout::timeline({iv, sp}, true);
    CHECK(rel.relative);
    REQUIRE(rel.lanes.size() == 2);
    CHECK(rel.lanes[0].label == iv.protocol.title);
    CHECK(rel.lanes[1].label == sp.protocol.title);
    CHECK(rel.lanes[1].course == 1);
    CHECK(rel.lanes[0].visits.front().from_day == 0);
    CHECK(rel.lanes[1].visits.front().from_day == 0);
    CHECK(rel.lanes[1].origin == d(2026, 11, 10));
    REQUIRE(rel.lanes[0].phases.size() == 2);
    CHECK(rel.lanes[0].phases[0].label == "Initial series");
    CHECK(rel.lanes[0].phases[0].marker == 'I');
    CHECK(rel.lanes[0].phases[0].from_day == 0);
    CHECK(rel.lanes[0].phases[0].to_day == 11);
    CHECK(rel.lanes[0].phases[1].marker == 'B');
    CHECK(rel.lanes[0].phases[1].from_day == 25);
    CHECK(rel.lanes[0].phases[1].to_day == 39);
    const auto& booster = rel.lanes[0].visits.back();
    CHECK(booster.from_day == 25);
    CHECK(booster.to_day == 39);
    CHECK(booster.optional);
    // Spravato: last weekly visit on day 49 of its own course.
    CHECK(rel.lanes[1].phases[1].marker == 'M');
    CHECK(rel.lanes[1].phases[1].from_day == 28);
    CHECK(rel.lanes[1].phases[1].to_day == 49);
    CHECK(rel.last_day == 49);

    const auto abs = layout::timeline({iv, sp}, false);
    CHECK_FALSE(abs.relative);
    CHECK(abs.origin == d(2026, 11, 2));
    CHECK(abs.lanes[0].visits.front().from_day == 0);
    CHECK(abs.lanes[1].visits.front().from_day == 8);
    CHECK(abs.lanes[1].phases[1].to_day == 57);
    CHECK(abs.last_day == 57);
    CHECK(abs.lanes[0].origin == abs.origin);
    CHECK(abs.lanes[1].origin == abs.origin);

    auto hidden = iv;
    hidden.course.hidden = true;
    const auto one = layout::timeline({hidden, sp}, false);
    REQUIRE(one.lanes.size() == 1);
    CHECK(one.lanes[0].course == 1);
    CHECK(one.origin == d(2026, 11, 10));
    CHECK(one.lanes[0].visits.front().from_day == 0);
    CHECK(layout::timeline({}, true).lanes.empty());
}

TEST_CASE("week steps: captions for one course") {
    const auto steps = layout::week_steps({iv_course()});
    // 2 Nov .. 11 Dec 2026: six weeks.
    REQUIRE(steps.size() == 6);
    CHECK(steps[0].first == d(2026, 11, 2));
    CHECK(steps[0].last == d(2026, 11, 8));
    CHECK(steps[5].first == d(2026, 12, 7));
    CHECK(steps[1].index == 1);
    CHECK(steps[0].caption == "Week 1: three infusions, each 40 minutes plus observation");
    CHECK(steps[1].caption == "Week 2: three infusions, each 40 minutes plus observation");
    CHECK(steps[2].caption == "Week 3: no visits");
    CHECK(steps[3].caption == "Week 4: a booster window");
    CHECK(steps[5].caption == "Week 6: a booster window");

    auto ranged = iv_course();
    ranged.protocol.visit.treatment_minutes.value = {40, 60};
    ranged.expansion.visits[4].optional = true;
    ranged.expansion.visits[5].optional = true;
    ranged.expansion.visits.erase(ranged.expansion.visits.begin() + 1);
    const auto r = layout::week_steps({ranged});
    CHECK(r[0].caption == "Week 1: two infusions, each 40 to 60 minutes plus observation");
    CHECK(r[1].caption ==
          "Week 2: three infusions (two optional), each 40 to 60 minutes plus observation");

    // A window opening in a week with infusions.
    auto mixed = iv_course();
    mixed.expansion.visits.back().earliest = d(2026, 11, 14);
    const auto mx = layout::week_steps({mixed});
    CHECK(mx[1].caption ==
          "Week 2: three infusions, each 40 minutes plus observation, and a booster window");
}

TEST_CASE("week steps: captions for two courses and shortening") {
    const auto steps = layout::week_steps({iv_course(), spravato_course()});
    // 2 Nov .. 22 Dec (last Spravato visit): eight weeks... and a day: 2 Nov + 49 = 22 Dec.
    REQUIRE(steps.size() == 8);
    // With "+ observation" twice this would be 119 characters: observation goes first.
    CHECK(steps[0].caption ==
          "Week 1: IV: three infusions (40 minutes each) \u00b7 Spravato: two sessions (10 to 15 "
          "minutes each)");
    CHECK(steps[2].caption ==
          "Week 3: Spravato: two sessions (10 to 15 minutes each + observation)");
    CHECK(steps[4].caption ==
          "Week 5: IV: a booster window \u00b7 Spravato: one session (10 to 15 minutes + "
          "observation)");
    for (const auto& s : steps) {
        CHECK(planner::text::display_width(s.caption) <= layout::kMaxCaptionChars);
        CHECK(s.caption.find("dose") == std::string::npos);
        CHECK(s.caption.find("mg") == std::string::npos);
    }

    // Three courses in one week do not fit with every detail: observation and minutes go first.
    auto third = iv_course();
    third.protocol.route = planner::Route::im;
    const auto crowded = layout::week_steps({iv_course(), spravato_course(), third});
    CHECK(crowded[0].caption ==
          "Week 1: IV: three infusions \u00b7 Spravato: two sessions \u00b7 IM: three injections");

    // Two courses with the same short name are told apart by their letters.
    const auto twins = layout::week_steps({iv_course(), iv_course(d(2026, 11, 9))});
    CHECK(twins[1].caption.find("IV A: three infusions") != std::string::npos);
    CHECK(twins[1].caption.find("IV B: three infusions") != std::string::npos);

    CHECK(layout::week_steps({}).empty());
}

TEST_CASE("week steps: captions for a range of weeks are those of the whole plan") {
    const std::vector<planner::PlannedCourse> plan{iv_course(), spravato_course()};
    const auto all = layout::week_steps(plan);
    REQUIRE(all.size() == 8);
    for (const auto& [from, to] : std::vector<std::pair<int, int>>{
             {0, 7}, {2, 4}, {-3, 1}, {6, 20}, {5, 5}, {0, -1}, {9, 12}}) {
        CAPTURE(from);
        CAPTURE(to);
        const auto some = layout::week_steps(plan, from, to);
        REQUIRE(some.size() == all.size());
        for (std::size_t k = 0; k < all.size(); ++k) {
            const int i = static_cast<int>(k);
            CHECK(some[k].index == all[k].index);
            CHECK(some[k].first == all[k].first);
            CHECK(some[k].last == all[k].last);
            CHECK(some[k].caption == (i >= from && i <= to ? all[k].caption : std::string{}));
        }
    }
}

TEST_CASE("caption helpers") {
    CHECK(planner::text::count_word(1) == "one");
    CHECK(planner::text::count_word(10) == "ten");
    CHECK(planner::text::count_word(12) == "12");
    CHECK(layout::course_letter(0) == 'A');
    CHECK(layout::course_letter(1) == 'B');
    CHECK(layout::short_name(spravato_protocol()) == "Spravato");
    CHECK(layout::short_name(iv_protocol()) == "IV");
    CHECK(planner::text::display_width("a \u00b7 b") == 5);
}

TEST_CASE("layout of the engine's plan: every visit lands in one cell, steps cover the course") {
    const auto plan =
        planned({{iv_protocol(), d(2026, 11, 2)}, {spravato_protocol(), d(2026, 11, 3)}});
    REQUIRE(plan.size() == 2);
    layout::CalendarOptions opt;
    opt.week_start = Sunday;
    const auto months = layout::months_spanned(plan);
    REQUIRE_FALSE(months.empty());
    CHECK(months.front() == year{2026} / November);

    for (std::size_t ci = 0; ci < plan.size(); ++ci) {
        const auto& visits = plan[ci].expansion.visits;
        std::vector<int> seen(visits.size(), 0);
        std::vector<int> band_days(visits.size(), 0);
        for (const auto& m : months) {
            const auto g = layout::month_grid(m, plan, opt);
            for (const auto& week : g.weeks)
                for (const auto& cell : week) {
                    if (!cell.in_month) continue;
                    for (const auto& chip : cell.chips) {
                        if (chip.course != ci) continue;
                        REQUIRE(chip.visit < visits.size());
                        CHECK(visits[chip.visit].earliest == sys_days{cell.date});
                        CHECK(chip.optional == visits[chip.visit].optional);
                        ++seen[chip.visit];
                    }
                    for (const auto& band : cell.bands)
                        if (band.course == ci) ++band_days[band.visit];
                }
        }
        for (std::size_t vi = 0; vi < visits.size(); ++vi) {
            CAPTURE(vi);
            const auto& v = visits[vi];
            if (v.is_window()) {
                CHECK(seen[vi] == 0);
                CHECK(band_days[vi] == (v.latest - v.earliest).count() + 1);
            } else {
                CHECK(seen[vi] == 1);
                CHECK(band_days[vi] == 0);
            }
        }
    }
    sys_days latest{};
    for (const auto& pc : plan)
        for (const auto& v : pc.expansion.visits) latest = std::max(latest, v.latest);
    CHECK(months.back() == year_month_day{latest}.year() / year_month_day{latest}.month());

    const auto steps = layout::week_steps(plan);
    REQUIRE_FALSE(steps.empty());
    CHECK(steps.front().first == d(2026, 11, 2));
    CHECK(steps.front().caption ==
          "Week 1: IV: three infusions (40 minutes each) \u00b7 Spravato: two sessions (10 to "
          "15 minutes each)");
    for (std::size_t i = 1; i < steps.size(); ++i)
        CHECK(steps[i].first == steps[i - 1].last + days{1});
    sys_days last{};
    for (const auto& pc : plan)
        for (const auto& v : pc.expansion.visits) last = std::max(last, v.latest);
    CHECK(steps.back().first <= last);
    CHECK(steps.back().last >= last);

    const auto rel = layout::timeline(plan, true);
    const auto abs = layout::timeline(plan, false);
    REQUIRE(rel.lanes.size() == 2);
    CHECK(rel.lanes[0].visits.front().from_day == 0);
    CHECK(rel.lanes[1].visits.front().from_day == 0);
    CHECK(abs.lanes[1].visits.front().from_day == 1);
    CHECK(abs.lanes[1].visits.size() == plan[1].expansion.visits.size());
}

TEST_CASE("week steps of the engine's IV course") {
    const auto plan = planned({{iv_protocol(), d(2026, 11, 2)}});
    const auto steps = layout::week_steps(plan);
    REQUIRE(steps.size() >= 3);
    CHECK(steps[0].caption == "Week 1: three infusions, each 40 minutes plus observation");
    CHECK(steps[1].caption == "Week 2: three infusions, each 40 minutes plus observation");
    CHECK(steps[2].caption == "Week 3: no visits");  // the first booster window opens in week 4
}
