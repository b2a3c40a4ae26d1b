// Plain words in the window: every sentence the window shows for each shipped preset (course
// card, summary, the details of a visit of each phase and of a booster window, the glossary
// opened, the calendar, timeline and presentation views) is at most 25 words, counted as in
// tests/planner/plain_words_test.cpp over the text the views trace.
#include <doctest/doctest.h>

#include <set>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "tests/plain_words.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/frame.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;

// Each text this frame traced, checked once per preset (the same line repeats every frame).
void check_frame(const std::string& where, const test::Driver& driver,
                 const std::vector<planner::Protocol>& presets, std::set<std::string>& seen,
                 std::size_t& checked) {
    for (const std::string& text : driver.sink().texts) {
        if (!seen.insert(text).second) continue;
        plain_words::check_plain(where, text, presets);
        ++checked;
    }
}

}  // namespace

TEST_CASE("plain words: every sentence the window shows is at most 25 words") {
    auto library = planner::io::load_library({PRESETS_DIR});
    std::vector<planner::Protocol> presets;
    for (const auto& p : library.protocols) presets.push_back(p);
    REQUIRE(presets.size() >= 13);
    std::size_t checked = 0;
    for (const auto& p : presets) {
        CAPTURE(p.id);
        AppState state = make_app_state(library, {p.id}, chr::year{2026} / 12 / 7, kToday);
        REQUIRE(state.planned.size() == 1);
        test::Driver driver;
        const test::Driver::Draw draw = [&state] {
            Commands commands;
            draw_frame(state, commands);
            (void)apply_all(state, commands);
        };
        std::set<std::string> seen;
        driver.frames(2, draw);
        REQUIRE(driver.click("glossary", draw));  // the glossary stays open from here on
        // One visit of each phase, and each kind (dated, optional, window), in the details.
        std::set<std::pair<std::size_t, int>> kinds;
        const auto& visits = state.planned[0].expansion.visits;
        for (std::size_t i = 0; i < visits.size(); ++i) {
            const auto& v = visits[i];
            const int kind = (v.optional ? 1 : 0) + (v.earliest != v.latest ? 2 : 0);
            if (!kinds.insert({v.phase, kind}).second) continue;
            REQUIRE(apply(state, cmd::Select{Selection{0, i}}));
            for (const View view : {View::calendar, View::timeline}) {
                state.settings.view = view;
                driver.frame(draw);
                check_frame(p.id + ": visit " + std::to_string(i), driver, presets, seen, checked);
            }
        }
        state.view.presenting = true;
        driver.frame(draw);
        check_frame(p.id + ": presentation", driver, presets, seen, checked);
        CHECK(seen.size() > 20);
    }
    CHECK(checked > 500);
}
