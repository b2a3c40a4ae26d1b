// Views that fit: the whole frame drawn headless with the window's own fonts at the sizes
// people use (1024x640, 1280x800, 1920x1080) and 1 to 4 courses of the shipped presets.
// Each check is one of the breaks issue 9 lists: visits dropped in presentation, a legend
// clipped, a caption without observation times, the moved corner, closed days without a
// letter, a comparison table one letter wide, the calendar needing a horizontal scroll,
// the timeline showing part of the course, grid lines through labels, "1 Jan 1970".
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/parse.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/frame.hpp"
#include "ui/views.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;
constexpr chr::year_month_day kStart = chr::year{2026} / 12 / 7;

const std::vector<std::string> kOne{"spravato-label"};
const std::vector<std::string> kTwo{"iv-six-two-weeks", "spravato-label"};
const std::vector<std::string> kThree{"iv-six-two-weeks", "spravato-label", "subcutaneous-kads"};
const std::vector<std::string> kFour{"iv-six-two-weeks", "spravato-label", "subcutaneous-kads",
                                     "iv-six-three-weeks"};

struct Harness {
    AppState state;
    test::Driver driver;
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
    };
    Harness(ImVec2 size, const std::vector<std::string>& presets)
        : state(make_app_state(planner::io::load_library({PRESETS_DIR}), presets, kStart, kToday)),
          driver(size, true) {
        driver.frames(3, draw);
    }
    [[nodiscard]] std::vector<trace::Item> items(std::string_view prefix) const {
        std::vector<trace::Item> out;
        for (const auto& i : driver.sink().items)
            if (i.label.rfind(prefix, 0) == 0) out.push_back(i);
        return out;
    }
};

struct Case {
    ImVec2 size;
    const std::vector<std::string>* presets;
};

const std::vector<Case> kCases{{{1024, 640}, &kOne},  {{1024, 640}, &kTwo},  {{1024, 640}, &kFour},
                               {{1280, 800}, &kTwo},  {{1280, 800}, &kFour}, {{1920, 1080}, &kOne},
                               {{1920, 1080}, &kFour}};

std::size_t dated_in(const AppState& s, chr::sys_days first, chr::sys_days last) {
    std::size_t n = 0;
    for (const auto& pc : s.planned)
        for (const auto& v : pc.expansion.visits)
            n += !v.is_window() && v.earliest >= first && v.earliest <= last ? 1 : 0;
    return n;
}

bool overlaps(const trace::Item& a, const trace::Item& b) {
    return a.min.x < b.max.x && b.min.x < a.max.x && a.min.y < b.max.y && b.min.y < a.max.y;
}

}  // namespace

TEST_CASE("presentation: every visit of the week is drawn or counted, at every size") {
    for (const Case& c : kCases) {
        CAPTURE(c.size.x);
        CAPTURE(c.presets->size());
        Harness h(c.size, *c.presets);
        h.state.view.presenting = true;
        const auto steps = planner::layout::week_steps(h.state.planned);
        REQUIRE_FALSE(steps.empty());
        for (std::size_t w = 0; w < steps.size(); ++w) {
            h.state.view.present_week = static_cast<int>(w);
            PresentationRecord rec;
            Commands out;
            h.driver.frame([&] {
                ImGui::SetNextWindowPos(ImVec2(0, 0));
                ImGui::SetNextWindowSize(c.size);
                ImGui::Begin("p", nullptr, ImGuiWindowFlags_NoDecoration);
                draw_presentation(h.state, out, rec);
                ImGui::End();
            });
            CAPTURE(w);
            CHECK(rec.chips.size() + static_cast<std::size_t>(rec.counted) ==
                  dated_in(h.state, steps[w].first, steps[w].last));
            // The legend is whole: below the strip and inside the area.
            CHECK(rec.legend_max.y <= rec.area_max.y + 0.5f);
            for (const auto& chip : rec.chips) CHECK(chip.max.y <= rec.legend_min.y + 0.5f);
        }
    }
}

TEST_CASE("presentation: legend and caption in big type, observation in every caption line") {
    Harness h({1920, 1080}, kFour);
    h.state.view.presenting = true;
    h.driver.frames(2, h.draw);
    PresentationRecord rec;
    Commands out;
    h.driver.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0, 0));
        ImGui::SetNextWindowSize(ImVec2(1920, 1000));
        ImGui::Begin("p", nullptr, ImGuiWindowFlags_NoDecoration);
        draw_presentation(h.state, out, rec);
        ImGui::End();
    });
    // Body text is 17 px; from the back of a room the key needs more.
    CHECK(rec.legend_size >= 20.0f);
    CHECK(rec.text_size >= 20.0f);
    REQUIRE(rec.lines.size() == 4);  // all four courses have visits in week 1
    for (const auto& line : rec.lines) {
        CAPTURE(line);
        CHECK(line.find("minutes") != std::string::npos);
        CHECK(line.find("of observation") != std::string::npos);
    }
    CHECK(std::any_of(rec.lines.begin(), rec.lines.end(), [](const std::string& l) {
        return l.find("Spravato: two sessions, 5 to 30 minutes each, then ") == 0 &&
               l.find("2 hours of observation") != std::string::npos;
    }));

    // The banner is in the large type too, wrapped, never clipped: taller than in the editor.
    h.state.view.presenting = false;
    h.driver.frame(h.draw);
    const trace::Item* small = h.driver.sink().find("banner");
    REQUIRE(small != nullptr);
    const float editing = small->max.y - small->min.y;
    h.state.view.presenting = true;
    h.driver.frame(h.draw);
    const trace::Item* big = h.driver.sink().find("banner");
    REQUIRE(big != nullptr);
    CHECK(big->max.y - big->min.y > editing * 1.5f);
}

TEST_CASE("closed days name their course, a visit moved off one has its folded corner") {
    Harness h({1280, 800}, kTwo);
    // Course B (Spravato) meets Mon and Thu; with Friday open too, closing Thu 10 Dec moves
    // that session to Fri 11 Dec. (Course A's week has no free clinic day: its Mon/Wed/Fri
    // are all used, so a closed day there makes the phase longer instead.)
    REQUIRE(apply(h.state, cmd::ToggleClinicDay{1, chr::Friday}));
    REQUIRE(apply(h.state, cmd::AddClosed{1, chr::year{2026} / 12 / 10}));
    const auto& visits = h.state.planned[1].expansion.visits;
    const auto moved = std::find_if(visits.begin(), visits.end(),
                                    [](const planner::Visit& v) { return v.moved_from; });
    REQUIRE(moved != visits.end());
    const std::string corner =
        "moved 1/" + std::to_string(static_cast<std::size_t>(moved - visits.begin()));
    CHECK(moved->earliest == chr::sys_days{chr::year{2026} / 12 / 11});
    CHECK(moved->moved_from == chr::sys_days{chr::year{2026} / 12 / 10});
    h.driver.frames(2, h.draw);
    CHECK(h.driver.sink().has_text("closed B"));
    CHECK(h.driver.sink().find(corner) != nullptr);

    h.state.view.presenting = true;
    h.state.view.present_week = 0;
    h.driver.frames(2, h.draw);
    CHECK(h.driver.sink().has_text("closed B"));
    CHECK(h.driver.sink().find(corner) != nullptr);
}

TEST_CASE("side by side: readable with 3 and 4 courses, details stay on screen") {
    for (const auto* presets : {&kThree, &kFour}) {
        for (const ImVec2 size : {ImVec2(1024, 640), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
            CAPTURE(size.x);
            CAPTURE(presets->size());
            Harness h(size, *presets);
            ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
            for (std::size_t i = 0; i < presets->size(); ++i) {
                const std::string letter = planner::layout::course_letter(i);
                for (const std::string figure :
                     {"Visits", "Clinic hours", "Ride-home days", "Span"}) {
                    const trace::Item* item =
                        h.driver.sink().find("figure " + figure + " " + letter);
                    REQUIRE(item != nullptr);
                    // Never a word broken into letters: the value is at least as wide as its
                    // longest word.
                    const auto prefix = figure + " " + letter + ": ";
                    const auto& texts = h.driver.sink().texts;
                    const auto text = std::find_if(texts.begin(), texts.end(), [&](auto& t) {
                        return t.rfind(prefix, 0) == 0;
                    });
                    REQUIRE(text != texts.end());
                    float longest = 0.0f;
                    for (const auto& w : planner::layout::wrap_words(
                             text->substr(prefix.size()), 0.0, 1.0, false,
                             [&](std::string_view s, bool) {
                                 return static_cast<double>(
                                     font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, s.data(),
                                                         s.data() + s.size())
                                         .x);
                             }))
                        longest = std::max(
                            longest, font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, w.c_str()).x);
                    CHECK(item->max.x - item->min.x >= longest - 0.5f);
                    CHECK(item->max.x <= size.x);
                }
            }
            // A selected visit's details come first, on screen.
            REQUIRE(apply(h.state, cmd::Select{Selection{0, std::size_t{0}}}));
            h.driver.frames(2, h.draw);
            const trace::Item* details = h.driver.sink().find("heading Infusion 1 of 6");
            const trace::Item* table = h.driver.sink().find("heading Side by side");
            REQUIRE(details != nullptr);
            REQUIRE(table != nullptr);
            CHECK(details->max.y < size.y);
            CHECK(details->min.y < table->min.y);
        }
    }
}

TEST_CASE("calendar: all seven days visible without a horizontal scrollbar") {
    for (const Case& c : kCases) {
        CAPTURE(c.size.x);
        CAPTURE(c.presets->size());
        Harness h(c.size, *c.presets);
        const trace::Item* visible = h.driver.sink().find("calendar visible");
        REQUIRE(visible != nullptr);
        CHECK_FALSE(h.driver.sink().has_text("calendar hscroll"));
        std::set<int> columns;
        for (const auto& day : h.items("day ")) {
            CHECK(day.min.x >= visible->min.x - 0.5f);
            CHECK(day.max.x <= visible->max.x + 0.5f);
            columns.insert(static_cast<int>(day.min.x));
        }
        CHECK(columns.size() == 7);
        // Every dated visit on screen is a chip inside its day.
        for (const auto& chip : h.items("chip ")) CHECK(chip.max.x <= visible->max.x + 0.5f);
    }
}

TEST_CASE("timeline: the whole course by default, the pane's height, no line through a label") {
    for (const Case& c : kCases) {
        CAPTURE(c.size.x);
        CAPTURE(c.presets->size());
        Harness h(c.size, *c.presets);
        h.state.settings.view = View::timeline;
        h.driver.frames(3, h.draw);
        std::size_t visits = 0;
        for (const auto& pc : h.state.planned) visits += pc.expansion.visits.size();
        const auto marks = h.items("mark ");
        CHECK(marks.size() == visits);  // every visit on screen, none panned away
        const trace::Item* pane = h.driver.sink().find("timeline pane");
        REQUIRE(pane != nullptr);
        for (const auto& m : marks) {
            CHECK(m.min.x >= pane->min.x);
            CHECK(m.max.x <= pane->max.x + 0.5f);
        }
        const auto lanes = h.items("lane ");
        REQUIRE(lanes.size() == c.presets->size());
        // The lanes use the pane's height (up to a comfortable lane height).
        const float used = lanes.back().max.y - pane->min.y;
        const float em = ImGui::GetIO().Fonts->Fonts[0]->FontSize;
        CHECK((used >= (pane->max.y - pane->min.y) - em * 1.0f ||
               lanes.front().max.y - lanes.front().min.y >= em * 9.9f));
        for (const auto& g : h.items("grid"))
            for (const auto& l : h.items("phase label")) {
                CAPTURE(g.min.x);
                CAPTURE(g.min.y);
                CAPTURE(g.max.y);
                CAPTURE(l.min.x);
                CAPTURE(l.max.x);
                CAPTURE(l.min.y);
                CAPTURE(l.max.y);
                CHECK_FALSE(overlaps(g, l));
            }
    }
}

TEST_CASE("timeline: no course with calendar dates shows no date at all (never 1970)") {
    Harness h({1280, 800}, kTwo);
    h.state.settings.view = View::timeline;
    h.state.settings.timeline_dates = true;
    REQUIRE(apply(h.state, cmd::RemoveCourse{1}));
    REQUIRE(apply(h.state, cmd::RemoveCourse{0}));
    h.driver.frames(2, h.draw);
    for (const auto& t : h.driver.sink().texts) CHECK(t.find("1970") == std::string::npos);
    CHECK(h.driver.sink().has_text("No course shown"));
}

TEST_CASE("course letters continue AA, AB after Z in the window") {
    std::vector<std::string> many;
    for (int i = 0; i < 28; ++i) many.push_back(kFour[static_cast<std::size_t>(i) % kFour.size()]);
    Harness h({1920, 1080}, many);
    REQUIRE(h.state.planned.size() == 28);
    CHECK(h.driver.sink().has_text("AB " + h.state.planned[27].protocol.title));
    CHECK(h.driver.sink().has_text("Visits AB: "));
}

TEST_CASE("Ctrl+= and Ctrl+Shift+= and keypad + all zoom in") {
    Harness h({1280, 800}, kTwo);
    h.driver.key(GLFW_KEY_EQUAL, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.1f));
    h.driver.key(GLFW_KEY_EQUAL, h.draw, true, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.25f));
    h.driver.key(GLFW_KEY_KP_ADD, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.5f));
}
