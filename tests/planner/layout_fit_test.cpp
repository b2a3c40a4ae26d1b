// planner::layout fitting: chips that fit, "+N more", window slots, label variants, the
// timeline's range, axis and phase labels, the legend; and the property that every visit is
// drawn or counted for any plan at any window size.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <set>

#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/text.hpp"
#include "tests/planner/hand_courses.hpp"

namespace {

using namespace hand;
namespace layout = planner::layout;

const layout::Measure kMono = layout::fixed_width(0.55);

// A proportional stand-in: narrow letters narrow, wide ones wide, bold a little wider.
double proportional(std::string_view s, bool bold) {
    double w = 0.0;
    for (const char c : s) {
        if ((static_cast<unsigned char>(c) & 0xC0) == 0x80) continue;
        w += std::string_view{"il.,:;'!|1 "}.find(c) != std::string_view::npos ? 0.3
             : (c >= 'A' && c <= 'Z') || c == 'm' || c == 'w'                  ? 0.72
                                                                               : 0.55;
    }
    return bold ? w * 1.06 : w;
}

std::vector<layout::DayCell> cells_of(const layout::MonthGrid& g, sys_days day) {
    for (const auto& week : g.weeks)
        for (const auto& cell : week)
            if (sys_days{cell.date} == day) return week;
    FAIL("date not in grid");
    return {};
}

const layout::FittedCell& fitted(const layout::FittedRow& row, sys_days day) {
    for (const auto& c : row.cells)
        if (sys_days{c.date} == day) return c;
    FAIL("date not in row");
    return row.cells.front();
}

// Every chip and band part of each in-month cell is drawn or counted, and what is drawn
// stays inside its cell.
void check_row(const std::vector<layout::DayCell>& cells, const layout::FittedRow& row,
               const layout::CellStyle& st) {
    REQUIRE(row.cells.size() == cells.size());
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const auto& in = cells[c];
        const auto& out = row.cells[c];
        if (!in.in_month) {
            CHECK(out.chips.empty());
            continue;
        }
        std::size_t hidden_chips = 0;
        std::size_t hidden_bands = 0;
        for (const auto& h : out.hidden) (h.window ? hidden_bands : hidden_chips) += 1;
        CHECK(out.chips.size() + hidden_chips == in.chips.size());
        CHECK(out.bands.size() + hidden_bands == in.bands.size());
        for (const auto& chip : in.chips) {
            const bool drawn = std::any_of(out.chips.begin(), out.chips.end(), [&](const auto& p) {
                return p.chip.course == chip.course && p.chip.visit == chip.visit;
            });
            const bool counted = std::any_of(out.hidden.begin(), out.hidden.end(), [&](auto& h) {
                return !h.window && h.course == chip.course && h.visit == chip.visit;
            });
            CHECK(drawn != counted);
        }
        if (out.hidden.empty()) {
            CHECK(out.more_label.empty());
        } else {
            // "+N more" or "+N" with N the number hidden.
            const std::string n = "+" + std::to_string(out.hidden.size());
            CHECK(out.more_label.rfind(n, 0) == 0);
            CHECK((out.more_label == n || out.more_label == n + " more"));
        }
        if (st.cell_h > 0.0) {
            const double bottom = st.cell_h - st.pad - row.slots * st.band_h;
            for (const auto& p : out.chips)
                CHECK(st.day_h + (p.line + 1) * st.chip_h <= bottom + 1e-6);
            if (out.more_line >= 0)
                CHECK(st.day_h + (out.more_line + 1) * st.chip_h <= bottom + 1e-6);
        }
        const double inner = st.cell_w - 2.0 * st.pad;
        for (const auto& p : out.chips) {
            CHECK(p.label.letter == layout::course_letter(p.chip.course));
            if (p.label.marker) CHECK(p.label.width <= inner + 1e-6);
        }
        std::set<int> slots;
        for (const auto& b : out.bands) {
            CHECK(b.slot < row.slots);
            CHECK(slots.insert(b.slot).second);  // two windows never share a slot in a cell
            if (b.labelled && b.label.marker) CHECK(b.label.width <= b.label_room + 1e-6);
        }
    }
}

}  // namespace

TEST_CASE("fit_row: growing rows hold everything, fixed rows count the rest in +N more") {
    auto iv = iv_course();
    auto sp = spravato_course();
    auto iv2 = iv_course(d(2026, 11, 6));  // Fri 6 Nov: three courses on one day
    const std::vector<PlannedCourse> courses{iv, sp, iv2};
    const auto g = layout::month_grid(year{2026} / November, courses, {});
    const auto week = cells_of(g, d(2026, 11, 6));

    layout::CellStyle grow;
    grow.cell_w = 8.0;
    const auto all = layout::fit_row(week, courses, grow, kMono);
    check_row(week, all, grow);
    const auto& fri = fitted(all, d(2026, 11, 6));
    CHECK(fri.chips.size() == 3);
    CHECK(fri.hidden.empty());
    CHECK(all.height >= grow.day_h + 3 * grow.chip_h);

    layout::CellStyle tight = grow;
    tight.cell_h = grow.day_h + 2 * grow.chip_h + grow.pad;  // two chip lines
    const auto cut = layout::fit_row(week, courses, tight, kMono);
    check_row(week, cut, tight);
    const auto& f2 = fitted(cut, d(2026, 11, 6));
    CHECK(f2.chips.size() == 1);  // one chip, then "+2 more" on the second line
    CHECK(f2.hidden.size() == 2);
    CHECK(f2.more_line == 1);
    CHECK(f2.more_label == "+2 more");
    // Mon 2 Nov has one visit: it fits, nothing hidden.
    CHECK(fitted(cut, d(2026, 11, 2)).hidden.empty());

    layout::CellStyle none = grow;
    none.cell_h = grow.day_h + grow.pad;  // no chip line at all: the count goes on the day line
    const auto bare = layout::fit_row(week, courses, none, kMono);
    check_row(week, bare, none);
    const auto& f3 = fitted(bare, d(2026, 11, 6));
    CHECK(f3.chips.empty());
    CHECK(f3.more_line == -1);
    CHECK(f3.more_label.rfind("+3", 0) == 0);
}

TEST_CASE("fit_row: label variants from long to the letter alone") {
    auto iv = iv_course();
    iv.expansion.visits[0].number_in_phase = 1;
    iv.expansion.visits[0].phase_total = 6;
    iv.expansion.visits[0].treatment_start = minutes{9 * 60};
    const std::vector<PlannedCourse> courses{iv};
    const auto g = layout::month_grid(year{2026} / November, courses, {});
    const auto week = cells_of(g, d(2026, 11, 2));
    std::vector<std::string> seen;
    bool letter_only = false;
    for (const double w : {12.0, 6.0, 4.0, 3.2, 2.0, 1.0}) {
        layout::CellStyle st;
        st.cell_w = w;
        const auto row = layout::fit_row(week, courses, st, kMono);
        const auto& chip = fitted(row, d(2026, 11, 2)).chips.at(0);
        CAPTURE(w);
        CHECK(chip.label.letter == "A");
        if (chip.label.marker) CHECK(chip.label.width <= w - 2 * st.pad + 1e-9);
        letter_only = letter_only || !chip.label.marker;
        seen.push_back(chip.label.detail);
    }
    CHECK(seen.front() == "1/6  09:00");
    CHECK(std::find(seen.begin(), seen.end(), "1/6") != seen.end());
    CHECK(letter_only);
}

TEST_CASE("fit_row: overlapping windows of two courses get their own slots") {
    auto a = iv_course();
    auto b = iv_course(d(2026, 11, 4));  // its window overlaps a's by most of its length
    const std::vector<PlannedCourse> courses{a, b};
    const auto g = layout::month_grid(year{2026} / December, courses, {});
    layout::CellStyle st;
    for (const auto& week : g.weeks) {
        const auto row = layout::fit_row(week, courses, st, kMono);
        check_row(week, row, st);
        for (const auto& cell : row.cells) {
            if (cell.bands.size() < 2) continue;
            CHECK(cell.bands[0].slot != cell.bands[1].slot);
            CHECK(row.slots >= 2);
        }
    }
    // Two windows of one course that do not overlap in a row can share a slot.
    auto c = iv_course();
    c.expansion.visits.push_back(window(0, 1, d(2026, 12, 2), d(2026, 12, 3)));
    c.expansion.visits.push_back(window(0, 1, d(2026, 12, 4), d(2026, 12, 5)));
    const std::vector<PlannedCourse> one{c};
    const auto g2 = layout::month_grid(year{2026} / December, one, {});
    const auto week = cells_of(g2, d(2026, 12, 2));
    const auto row = layout::fit_row(week, one, st, kMono);
    check_row(week, row, st);
    const auto& wed = fitted(row, d(2026, 12, 2));
    const auto& fri = fitted(row, d(2026, 12, 4));
    CHECK(wed.bands.size() == 2);  // the long booster window and the short one
    CHECK(fri.bands.size() == 2);
    int short_slot_wed = -1;
    int short_slot_fri = -1;
    for (const auto& bnd : wed.bands)
        if (bnd.part.visit == 7) short_slot_wed = bnd.slot;
    for (const auto& bnd : fri.bands)
        if (bnd.part.visit == 8) short_slot_fri = bnd.slot;
    CHECK(short_slot_wed == short_slot_fri);
    CHECK(row.slots == 2);
}

TEST_CASE("fit_row: closed days and today on the day line, with the course letter") {
    auto iv = iv_course();
    iv.course.closed = {year{2026} / November / 5};
    auto sp = spravato_course();
    sp.course.closed = {year{2026} / November / 5};
    const std::vector<PlannedCourse> courses{iv, sp};
    layout::CalendarOptions opt;
    opt.today = year{2026} / November / 5;
    const auto g = layout::month_grid(year{2026} / November, courses, opt);
    const auto week = cells_of(g, d(2026, 11, 5));
    layout::CellStyle wide;
    wide.cell_w = 14.0;
    // The rows are kept: fitted() returns a cell inside them.
    const auto wide_row = layout::fit_row(week, courses, wide, kMono);
    const auto& w = fitted(wide_row, d(2026, 11, 5));
    CHECK(w.closed_label == "closed A B");
    CHECK(w.today_label == "today");
    layout::CellStyle narrow;
    narrow.cell_w = 4.0;
    const auto narrow_row = layout::fit_row(week, courses, narrow, kMono);
    const auto& n = fitted(narrow_row, d(2026, 11, 5));
    CHECK(n.closed_label == "A B");
    CHECK(n.today_label.empty());
    CHECK(n.today);
}

TEST_CASE("fit_month: weekday names shorten with the cell") {
    const auto g = layout::month_grid(year{2026} / November, {}, {});
    layout::CellStyle st;
    st.cell_w = 8.0;
    const auto wide = layout::fit_month(g, {}, st, kMono);
    CHECK(wide.title == "November 2026");
    CHECK(wide.header_text.front() == "Mon");
    st.cell_w = 1.8;
    CHECK(layout::fit_month(g, {}, st, kMono).header_text.front() == "Mo");
    st.cell_w = 1.0;
    CHECK(layout::fit_month(g, {}, st, kMono).header_text.front() == "M");
    CHECK(wide.rows.size() == g.weeks.size());
}

TEST_CASE("timeline: the whole course fits, axis labels never overlap") {
    const auto plan = layout::timeline({iv_course(), spravato_course()}, true);
    const auto fit = layout::fit_whole(plan, 40.0);
    CHECK(fit.pan_days == -1.0);
    // The last day (49) and a day of margin are inside the plot.
    CHECK((plan.last_day + 1 - fit.pan_days) / fit.days_per_em <= 40.0 + 1e-9);
    CHECK((plan.last_day + 2 - fit.pan_days) / fit.days_per_em >= 40.0 - 1e-9);
    CHECK(layout::fit_whole(layout::timeline({}, true), 40.0).days_per_em == 0.5);

    for (const double plot_w : {15.0, 40.0, 120.0}) {
        for (const bool relative : {true, false}) {
            const auto tl = layout::timeline({iv_course(), spravato_course()}, relative);
            const auto f = layout::fit_whole(tl, plot_w);
            layout::TimelineView view;
            view.plot_w = plot_w;
            view.days_per_em = f.days_per_em;
            view.pan_days = f.pan_days;
            const auto ticks = layout::axis_ticks(tl, view, kMono);
            REQUIRE_FALSE(ticks.empty());
            double end = -1e9;
            int labelled = 0;
            for (const auto& t : ticks) {
                if (t.label.empty()) continue;
                ++labelled;
                CHECK(t.x >= end);
                end = t.x + kMono(t.label, false) * view.axis_text;
            }
            CHECK(labelled >= 1);
            if (!relative) {
                const auto first = std::find_if(ticks.begin(), ticks.end(), [](const auto& t) {
                    return !t.label.empty() && t.x >= 0.0;
                });
                REQUIRE(first != ticks.end());
                CHECK(first->label.find("2026") != std::string::npos);
            }
        }
    }
}

TEST_CASE("timeline lanes: phase labels fit, stack on a second line or go to the legend") {
    const auto tl = layout::timeline({iv_course(), spravato_course()}, true);
    for (const double plot_w : {8.0, 20.0, 60.0}) {
        for (const double lane_h : {3.5, 5.0}) {
            layout::TimelineView view;
            const auto f = layout::fit_whole(tl, plot_w);
            view.plot_w = plot_w;
            view.lane_h = lane_h;
            view.days_per_em = f.days_per_em;
            view.pan_days = f.pan_days;
            const auto lanes = layout::fit_lanes(tl, view, kMono);
            REQUIRE(lanes.size() == tl.lanes.size());
            for (const auto& lane : lanes) {
                CAPTURE(plot_w);
                CAPTURE(lane_h);
                // Labels on one line never overlap and stay inside the plot.
                for (int line = 0; line < 2; ++line) {
                    double end = -1e9;
                    for (const auto& l : lane.labels) {
                        if (l.line != line) continue;
                        CHECK(l.x >= end - 1e-9);
                        CHECK(l.x >= -1e-9);
                        CHECK(l.x + l.width <= plot_w + 1e-9);
                        end = l.x + l.width;
                    }
                }
                if (lane_h < 4.4)
                    for (const auto& l : lane.labels) CHECK(l.line == 0);
                // Each phase has its full name on screen or in the legend.
                const auto& phases = tl.lanes[lane.lane].phases;
                for (std::size_t p = 0; p < phases.size(); ++p) {
                    const bool full = std::any_of(
                        lane.labels.begin(), lane.labels.end(),
                        [&](const auto& l) { return l.phase == p && l.text == phases[p].label; });
                    const bool legend = std::find(lane.dropped.begin(), lane.dropped.end(), p) !=
                                        lane.dropped.end();
                    CHECK(full != legend);
                }
            }
            if (plot_w >= 60.0)
                for (const auto& lane : lanes) CHECK(lane.dropped.empty());
        }
    }
}

TEST_CASE("wrap_words and shorten_words keep words whole") {
    const auto lines = layout::wrap_words("IV ketamine: six infusions over two weeks", 10.0, 1.0,
                                          false, layout::fixed_width(1.0));
    CHECK(lines ==
          std::vector<std::string>{"IV", "ketamine:", "six", "infusions", "over two", "weeks"});
    const auto url = layout::wrap_words("see https://example.org/a/very/long/path now", 10.0, 1.0,
                                        false, layout::fixed_width(1.0));
    CHECK(url == std::vector<std::string>{"see", "https://example.org/a/very/long/path", "now"});
    CHECK(layout::wrap_words("", 10.0, 1.0, false, kMono) == std::vector<std::string>{""});
    CHECK(layout::wrap_words("a\nb", 10.0, 1.0, false, kMono) ==
          std::vector<std::string>{"a", "b"});
    const auto m1 = layout::fixed_width(1.0);
    CHECK(layout::shorten_words("Maintenance, every 1 to 2 weeks", 40.0, 1.0, false, m1) ==
          "Maintenance, every 1 to 2 weeks");
    CHECK(layout::shorten_words("Maintenance, every 1 to 2 weeks", 21.0, 1.0, false, m1) ==
          "Maintenance, every...");
    CHECK(layout::shorten_words("Maintenance, every 1 to 2 weeks", 15.0, 1.0, false, m1) ==
          "Maintenance...");
    CHECK(layout::shorten_words("Maintenance, every 1 to 2 weeks", 5.0, 1.0, false, m1).empty());
}

TEST_CASE("legend: courses, the phase kinds in use and the marks that appear") {
    auto iv = iv_course();
    iv.expansion.visits[2].moved_from = d(2026, 11, 5);
    iv.course.closed = {year{2026} / November / 5};
    const auto sp = spravato_course();
    const auto items = layout::legend({iv, sp}, layout::LegendNeeds{true, true, {{0, 1}}});
    std::vector<layout::LegendKind> kinds;
    for (const auto& i : items) kinds.push_back(i.kind);
    using K = layout::LegendKind;
    CHECK(kinds == std::vector<K>{K::course, K::course, K::phase, K::phase, K::phase, K::optional,
                                  K::window, K::moved, K::closed, K::today, K::more,
                                  K::phase_name});
    CHECK(items[0].key == "A");
    CHECK(items[0].text == iv.protocol.title);
    CHECK(items[2].key == "i");
    CHECK(items[2].text == "induction");
    CHECK(items[3].key == "m");
    CHECK(items[4].key == "b");
    CHECK(items.back().key == "A b");
    CHECK(items.back().text == "Boosters if needed");
    // No phase glyph is ever a course letter.
    for (const auto& i : items)
        if (i.kind == K::phase) CHECK(i.key != items[0].key);

    // Only what appears: one course without windows, moves or closed days.
    auto plain = spravato_course();
    const auto few = layout::legend({plain}, {});
    CHECK(few.size() == 3);  // the course, induction, maintenance
    auto hidden = iv;
    hidden.course.hidden = true;
    CHECK(layout::legend({hidden}, {}).empty());
}

TEST_CASE("week steps: caption lines keep the times and the observation for every course") {
    auto sp = spravato_course();
    sp.protocol.visit.observation_minutes.at_least = true;
    auto im = iv_course();
    im.protocol.route = planner::Route::im;
    const auto steps = layout::week_steps({iv_course(), sp, im, iv_course(d(2026, 11, 3))});
    REQUIRE_FALSE(steps.empty());
    const auto& lines = steps[0].lines;
    REQUIRE(lines.size() == 4);
    CHECK(lines[0].course == 0);
    CHECK(lines[0].text ==
          "IV A: three infusions, 40 minutes each, then 15 to 120 minutes of observation");
    CHECK(lines[1].text ==
          "Spravato: two sessions, 10 to 15 minutes each, then at least 2 hours of observation");
    CHECK(lines[2].text.find("IM: three injections, 40 minutes each") == 0);
    CHECK(lines[3].course == 3);
    // The one-line caption stays short; the lines carry everything.
    CHECK(planner::text::display_width(steps[0].caption) <= layout::kMaxCaptionChars);
    const auto one = layout::week_steps({sp});
    REQUIRE(one[0].lines.size() == 1);
    CHECK(one[0].lines[0].text ==
          "two sessions, 10 to 15 minutes each, then at least 2 hours of observation");
}

// For random plans (1 to 8 courses of the shipped presets, random starts, clinic days and
// closed dates) and window sizes from 800x600 to 3840x2160 at zooms from 0.5 to 3: every dated
// visit is drawn or counted in "+N more" in the month grids, in the presentation week rows and
// as a slide (fixed cell heights), and nothing drawn leaves its cell.
TEST_CASE("property: every visit is drawn or counted at any size") {
    std::vector<planner::Protocol> protocols;
    for (const auto& entry : std::filesystem::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        auto p = planner::io::load_protocol_file(entry.path());
        REQUIRE_MESSAGE(p.ok(), entry.path().string());
        protocols.push_back(std::move(p).value());
    }
    std::sort(protocols.begin(), protocols.end(),
              [](const auto& a, const auto& b) { return a.id < b.id; });
    REQUIRE(protocols.size() >= 5);

    std::mt19937 rng{20261207};
    const auto uniform = [&](int lo, int hi) {
        return std::uniform_int_distribution<int>{lo, hi}(rng);
    };
    int plans = 0;
    int hidden_seen = 0;
    for (int trial = 0; trial < 60; ++trial) {
        std::vector<std::pair<planner::Protocol, planner::Course>> in;
        const int n = uniform(1, 8);
        for (int k = 0; k < n; ++k) {
            planner::Course c;
            const auto& p = protocols[static_cast<std::size_t>(
                uniform(0, static_cast<int>(protocols.size()) - 1))];
            c.protocol_id = p.id;
            const sys_days start = d(2026, 1, 5) + days{uniform(0, 700)};
            c.start = year_month_day{start};
            if (uniform(0, 2) == 0)
                for (int wd = 1; wd <= 5; ++wd)
                    if (uniform(0, 1) == 1)
                        c.clinic_days.push_back(weekday{static_cast<unsigned>(wd)});
            for (int x = uniform(0, 4); x > 0; --x)
                c.closed.push_back(year_month_day{start + days{uniform(0, 60)}});
            in.emplace_back(p, c);
        }
        auto plan = planner::plan_courses(in);
        if (!plan) continue;  // the engine refused the random clinic days: nothing to lay out
        const auto& courses = *plan;
        ++plans;
        const int width = uniform(800, 3840);
        const int height = uniform(600, 2160);
        const double em = 17.0 * std::uniform_real_distribution<double>{0.5, 3.0}(rng);
        const double w_em = width / em;
        const double h_em = height / em;
        CAPTURE(trial);
        CAPTURE(width);
        CAPTURE(height);
        CAPTURE(em);

        const auto measure = trial % 2 == 0 ? kMono : layout::Measure{proportional};
        layout::CalendarOptions opt;
        opt.week_start = trial % 3 == 0 ? Sunday : Monday;
        // The window's calendar (growing rows in about half the width) and a slide (fixed rows).
        layout::CellStyle grow;
        grow.cell_w = std::max(w_em * 0.55 / 7.0, 1.0);
        std::size_t dated = 0;
        for (const auto& pc : courses)
            for (const auto& v : pc.expansion.visits) dated += v.is_window() ? 0 : 1;
        std::size_t drawn_or_counted = 0;
        for (const auto month : layout::months_spanned(courses)) {
            const auto grid = layout::month_grid(month, courses, opt);
            layout::CellStyle slide = grow;
            slide.cell_w = w_em / 7.0;
            slide.cell_h = std::max((h_em - 4.0) / static_cast<double>(grid.weeks.size()), 0.5);
            const auto fg = layout::fit_month(grid, courses, grow, measure);
            const auto fs = layout::fit_month(grid, courses, slide, measure);
            for (std::size_t r = 0; r < grid.weeks.size(); ++r) {
                check_row(grid.weeks[r], fg.rows[r], grow);
                check_row(grid.weeks[r], fs.rows[r], slide);
                for (const auto& cell : fg.rows[r].cells) CHECK(cell.hidden.empty());
                for (const auto& cell : fs.rows[r].cells) {
                    for (const auto& h : cell.hidden) drawn_or_counted += h.window ? 0 : 1;
                    drawn_or_counted += cell.chips.size();
                    hidden_seen += cell.hidden.empty() ? 0 : 1;
                }
            }
        }
        CHECK(drawn_or_counted == dated);

        // Presentation: the current week in 40% of the height, its neighbours smaller.
        std::size_t week_total = 0;
        for (const auto& step : layout::week_steps(courses)) {
            const auto cells = layout::week_cells(step.first, courses, opt);
            for (const double share : {0.4, 0.12}) {
                layout::CellStyle st;
                st.cell_w = (w_em - 6.0) / 7.0;
                st.cell_h = h_em * share;
                const auto row = layout::fit_row(cells, courses, st, measure);
                check_row(cells, row, st);
                if (share == 0.4)
                    for (const auto& cell : row.cells) {
                        week_total += cell.chips.size();
                        for (const auto& h : cell.hidden) week_total += h.window ? 0 : 1;
                    }
            }
        }
        CHECK(week_total == dated);
    }
    CHECK(plans >= 40);
    CHECK(hidden_seen > 0);  // small sizes did overflow, so "+N more" was exercised
}
