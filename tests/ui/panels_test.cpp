// The window driven like a person would: the frame drawn headless, widgets clicked by their
// traced labels, text read back from the trace.
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "planner/disclaimer.hpp"
#include "planner/glossary.hpp"
#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/parse.hpp"
#include "planner/text.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/flags.hpp"
#include "ui/fonts.hpp"
#include "ui/frame.hpp"
#include "ui/theme.hpp"
#include "ui/widgets.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;

struct Harness {
    AppState state = make_app_state(planner::io::load_library({PRESETS_DIR}),
                                    {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                                    planner::next_monday(kToday), kToday);
    test::Driver driver;
    int frames = 0;
    // One frame of the app: draw from the state, then apply what the frame asked for.
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
        ++frames;
    };
    Harness() { driver.frames(2, draw); }
    bool click(std::string_view label) { return driver.click(label, draw); }
};

std::size_t visit_index(const AppState& s, std::size_t course, std::size_t phase, int number) {
    const auto& visits = s.planned[course].expansion.visits;
    for (std::size_t i = 0; i < visits.size(); ++i)
        if (visits[i].phase == phase && visits[i].number_in_phase == number) return i;
    FAIL("no such visit");
    return 0;
}

// The area of the frame's triangles whose three corners are this colour (clipped to the
// display, roughly: a triangle counts whole if any corner is on it).
double area_in(ImU32 color, ImVec2 display) {
    double area = 0.0;
    const ImDrawData* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    test::for_each_triangle(*data, display, [&](test::Triangle v, bool on) {
        if (!on || v[0]->col != color || v[1]->col != color || v[2]->col != color) return;
        area += std::abs((v[1]->pos.x - v[0]->pos.x) * (v[2]->pos.y - v[0]->pos.y) -
                         (v[2]->pos.x - v[0]->pos.x) * (v[1]->pos.y - v[0]->pos.y)) *
                0.5;
    });
    return area;
}

}  // namespace

TEST_CASE("the window is not painted over in its own background colour") {
    // The frame is cleared to the background colour, so painting it again shows nothing and
    // costs a software renderer its time per pixel: the calendar's days of the month, the
    // panels and the windows leave it as it is (a hollow chip fills its own small shape).
    for (const Theme theme : {Theme::light, Theme::dark}) {
        CAPTURE(static_cast<int>(theme));
        Harness h;
        h.state.settings.theme = theme;
        apply_style(theme, 1.0f);
        h.driver.frames(3, h.draw);
        const ImVec2 display = ImGui::GetIO().DisplaySize;
        const double window = static_cast<double>(display.x) * display.y;
        CHECK(h.click("day 2026-12-01"));  // a day with no visit: nothing drawn on it
        h.driver.frames(2, h.draw);
        CHECK(area_in(palette(theme).background, display) < window * 0.002);
    }
}

TEST_CASE("the banner is drawn on every view, every frame, whatever the settings") {
    Harness h;
    for (const View view : {View::calendar, View::timeline}) {
        for (const Theme theme : {Theme::light, Theme::dark}) {
            for (const bool presenting : {false, true}) {
                h.state.settings.view = view;
                h.state.settings.theme = theme;
                h.state.view.presenting = presenting;
                for (int f = 0; f < 3; ++f) {
                    h.driver.frame(h.draw);
                    const trace::Item* banner = h.driver.sink().find("banner");
                    REQUIRE(banner != nullptr);
                    CHECK(h.driver.sink().has_text(planner::kDisclaimer));
                    CHECK(banner->min.y < h.driver.io().DisplaySize.y * 0.1f);  // at the top
                    CHECK(banner->max.x - banner->min.x > h.driver.io().DisplaySize.x * 0.9f);
                }
            }
        }
    }
}

TEST_CASE("adding a course from the preset list") {
    Harness h;
    REQUIRE(h.state.plan.courses.size() == 2);
    REQUIRE(h.click("add course"));
    REQUIRE(h.driver.sink().find("preset im-illustrative") != nullptr);
    CHECK(h.driver.sink().has_text("IM injection"));  // grouped under its route
    REQUIRE(h.click("preset im-illustrative"));
    REQUIRE(h.state.plan.courses.size() == 3);
    CHECK(h.state.plan.courses[2].course.protocol_id == "im-illustrative");
    CHECK(h.state.plan.courses[2].course.start ==
          h.state.plan.courses[0].course.start);                // beside the first course
    CHECK(h.driver.sink().find("course 2 remove") != nullptr);  // its card is drawn
}

TEST_CASE("typing a start date and pressing Enter moves the course's visits") {
    Harness h;
    const chr::sys_days before = h.state.planned[0].expansion.visits.front().earliest;
    REQUIRE(h.click("course 0 start field"));
    // Select all (the field selects all on click) and type over it.
    h.driver.key(GLFW_KEY_A, h.draw, true);
    h.driver.type("2026-12-14", h.draw);
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK(h.state.plan.courses[0].course.start == chr::year{2026} / 12 / 14);
    CHECK(h.state.planned[0].expansion.visits.front().earliest - before == chr::days{14});
    CHECK(h.state.plan.courses[1].course.start == chr::year{2026} / 11 / 30);
}

TEST_CASE("picking a start date in the date picker moves the course's visits") {
    Harness h;
    REQUIRE(h.click("course 1 start pick"));
    REQUIRE(h.driver.sink().find("course 1 start picker next") != nullptr);
    CHECK(h.driver.sink().has_text("November 2026"));
    REQUIRE(h.click("course 1 start picker next"));
    CHECK(h.driver.sink().has_text("December 2026"));
    REQUIRE(h.click("course 1 start picker next"));
    CHECK(h.driver.sink().has_text("January 2027"));
    REQUIRE(h.click("course 1 start picker day 2027-01-04"));
    CHECK(h.state.plan.courses[1].course.start == chr::year{2027} / 1 / 4);
    CHECK(h.state.planned[1].expansion.visits.front().earliest ==
          chr::sys_days{chr::year{2027} / 1 / 4});
    CHECK(h.driver.sink().find("course 1 start picker next") == nullptr);  // closed
}

TEST_CASE("clinic weekday toggles and closed dates from the panel") {
    Harness h;
    REQUIRE(h.click("course 0 day wed"));
    CHECK(h.state.plan.courses[0].course.clinic_days ==
          std::vector<chr::weekday>{chr::Monday, chr::Friday});
    REQUIRE(h.click("course 0 day wed"));
    CHECK(h.state.plan.courses[0].course.clinic_days.size() == 3);

    REQUIRE(h.click("course 0 add closed"));
    REQUIRE(h.click("course 0 closed picker day 2026-12-02"));
    CHECK(h.state.plan.courses[0].course.closed ==
          std::vector<chr::year_month_day>{chr::year{2026} / 12 / 2});
    CHECK(h.driver.sink().has_text("Closed "));
    REQUIRE(h.click("course 0 closed 2026-12-02 remove"));
    CHECK(h.state.plan.courses[0].course.closed.empty());
}

TEST_CASE("hide and remove from the course card") {
    Harness h;
    REQUIRE(h.click("course 1 hide"));
    CHECK(h.state.plan.courses[1].course.hidden);
    CHECK_FALSE(h.driver.sink().has_text("Visits B:"));  // hidden courses leave the table
    REQUIRE(h.click("course 1 hide"));
    CHECK_FALSE(h.state.plan.courses[1].course.hidden);
    REQUIRE(h.click("course 0 remove"));
    REQUIRE(h.state.plan.courses.size() == 1);
    CHECK(h.state.plan.courses[0].course.protocol_id == "spravato-label");
}

TEST_CASE("a selected visit shows what it involves: infusion 3 of 6, times, ride home, source") {
    Harness h;
    h.driver.frame(h.draw);
    CHECK_FALSE(h.driver.sink().has_text("Infusion 3 of 6"));
    const std::size_t third = visit_index(h.state, 0, 0, 3);
    REQUIRE(apply(h.state, cmd::Select{Selection{0, third}}));
    h.driver.frame(h.draw);
    const auto& sink = h.driver.sink();
    CHECK(sink.has_text("Infusion 3 of 6"));
    // The published range, each end with the numbers of the sources that state it.
    CHECK(sink.has_text("Infusion: 40 [3, 5, 6, 7] to 90 [4] minutes"));
    CHECK(sink.has_text("Ride home: someone else drives you home ["));
    CHECK_FALSE(sink.has_text("in the chair"));
    CHECK(sink.has_text("https://doi.org/"));
    CHECK(sink.has_text("[1] Phillips et al. 2019"));  // numbered, a trial before a study
    CHECK(sink.has_text(
        planner::text::long_date(h.state.planned[0].expansion.visits[third].earliest)));

    // A Spravato session reads as a session, with the label's observation time.
    REQUIRE(apply(h.state, cmd::Select{Selection{1, visit_index(h.state, 1, 0, 2)}}));
    h.driver.frame(h.draw);
    CHECK(h.driver.sink().has_text("Session 2 of 8"));
    CHECK_FALSE(h.driver.sink().has_text("Infusion"));
    CHECK(h.driver.sink().has_text("Observation afterwards: at least 2 hours [1, 2]"));
    CHECK(h.driver.sink().has_text("Food: avoid food for at least 2 hours before [1, 4]"));
    CHECK(h.driver.sink().has_text("This is a minimum, so it can take longer."));
}

TEST_CASE("the details panel explains the words it uses, folded away until opened") {
    Harness h;
    h.driver.frame(h.draw);
    REQUIRE(h.driver.sink().find("glossary") != nullptr);
    CHECK_FALSE(h.driver.sink().has_text("Median: The middle value"));
    REQUIRE(h.click("glossary"));
    h.driver.frame(h.draw);
    for (const auto& g : planner::glossary()) {
        CAPTURE(std::string(g.term));
        CHECK(h.driver.sink().has_text(std::string(g.term) + ": " + std::string(g.definition)));
    }
}

TEST_CASE("clicking a visit chip in the calendar selects it and shows its details") {
    Harness h;
    h.driver.frame(h.draw);
    const std::string chip = "chip 0/0";  // recorded by the calendar view (ui/draw_util.cpp)
    REQUIRE(h.driver.sink().find(chip) != nullptr);
    REQUIRE(h.click(chip));
    REQUIRE(h.state.view.selection.has_value());
    CHECK(h.state.view.selection->course == 0);
    CHECK(h.state.view.selection->visit == std::optional<std::size_t>{0});
    CHECK(h.driver.sink().has_text("Infusion 1 of 6"));
    CHECK(h.driver.sink().has_text("Initial series"));
}

TEST_CASE("the summary figures of both courses are side by side") {
    Harness h;
    h.driver.frame(h.draw);
    for (std::size_t i = 0; i < 2; ++i) {
        const planner::Summary& s = h.state.planned[i].summary;
        const std::string letter(1, static_cast<char>('A' + i));
        const auto route = h.state.planned[i].protocol.route;
        CHECK(h.driver.sink().has_text("Visits " + letter + ": " +
                                       planner::text::visits_text(route, s.visits)));
        const bool at_least = planner::text::visit_time_at_least(h.state.planned[i].protocol.visit);
        CHECK(h.driver.sink().has_text("Clinic hours " + letter + ": " +
                                       planner::text::hours_total(s.clinic_minutes, at_least)));
        CHECK(at_least == (i == 1));  // Spravato's observation is a minimum: so is its total
        if (at_least) CHECK(h.driver.sink().has_text("Clinic hours B: at least "));
        CHECK(h.driver.sink().has_text("Ride-home days " + letter + ": " +
                                       planner::text::range_text(s.ride_home_days)));
    }
    REQUIRE(h.click("course 1 details"));
    CHECK(h.driver.sink().has_text(h.state.planned[1].protocol.title));
}

TEST_CASE("presentation: the button and F5 start it, arrows step weeks, Esc leaves") {
    Harness h;
    REQUIRE(h.click("present"));
    CHECK(h.state.view.presenting);
    CHECK(h.driver.sink().find("course 0 remove") == nullptr);  // editing controls hidden
    h.driver.key(GLFW_KEY_RIGHT, h.draw);
    CHECK(h.state.view.present_week == 1);
    h.driver.key(GLFW_KEY_RIGHT, h.draw);
    CHECK(h.state.view.present_week == 2);
    h.driver.key(GLFW_KEY_LEFT, h.draw);
    CHECK(h.state.view.present_week == 1);
    h.driver.key(GLFW_KEY_ESCAPE, h.draw);
    CHECK_FALSE(h.state.view.presenting);
    h.driver.key(GLFW_KEY_RIGHT, h.draw);  // not presenting: arrows do not step weeks
    CHECK(h.state.view.present_week == 1);
    h.driver.key(GLFW_KEY_F5, h.draw);
    CHECK(h.state.view.presenting);
    CHECK(h.state.view.present_week == 0);
    REQUIRE(h.click("leave presentation"));
    CHECK_FALSE(h.state.view.presenting);
}

TEST_CASE("zoom with Ctrl+plus/minus/0 and the toolbar, theme and view buttons") {
    Harness h;
    h.driver.key(GLFW_KEY_EQUAL, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.1f));
    h.driver.key(GLFW_KEY_KP_ADD, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.25f));
    h.driver.key(GLFW_KEY_MINUS, h.draw, true);
    h.driver.key(GLFW_KEY_MINUS, h.draw, true);
    h.driver.key(GLFW_KEY_MINUS, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(0.9f));
    h.driver.key(GLFW_KEY_0, h.draw, true);
    CHECK(h.state.settings.zoom == doctest::Approx(1.0f));
    REQUIRE(h.click("zoom in"));
    CHECK(h.state.settings.zoom == doctest::Approx(1.1f));
    REQUIRE(h.click("theme"));
    CHECK(h.state.settings.theme == Theme::dark);
    REQUIRE(h.click("view timeline"));
    CHECK(h.state.settings.view == View::timeline);
    REQUIRE(h.click("week start"));
    CHECK(h.state.settings.week_start == chr::Sunday);
}

TEST_CASE("zoom steps stay within the limits") {
    CHECK(zoom_step(1.0f, +1) == doctest::Approx(1.1f));
    CHECK(zoom_step(1.0f, -1) == doctest::Approx(0.9f));
    CHECK(zoom_step(3.0f, +1) == doctest::Approx(3.0f));
    CHECK(zoom_step(0.5f, -1) == doctest::Approx(0.5f));
    CHECK(zoom_step(1.05f, +1) == doctest::Approx(1.1f));
}

TEST_CASE("window flags: values checked, one error each") {
    auto ok =
        parse_window_flags({"--preset", "iv-six-two-weeks", "--preset=spravato-label", "--start",
                            "2027-01-04", "--view", "timeline", "--present", "--theme", "dark",
                            "--size", "1280x800", "--screenshot", "/tmp/x.png", "--frames", "3"});
    REQUIRE(ok.ok());
    CHECK(ok->presets == std::vector<std::string>{"iv-six-two-weeks", "spravato-label"});
    CHECK(ok->start == chr::year{2027} / 1 / 4);
    CHECK(ok->view == View::timeline);
    CHECK(ok->present);
    CHECK(ok->theme == Theme::dark);
    CHECK(ok->width == 1280);
    CHECK(ok->height == 800);
    CHECK(ok->frames == 3);
    for (const std::vector<std::string>& bad : {std::vector<std::string>{"--size", "1280"},
                                                {"--size", "10x10"},
                                                {"--view", "month"},
                                                {"--theme", "blue"},
                                                {"--start", "2026-02-30"},
                                                {"--frames", "-1"},
                                                {"--screenshot", "a.jpg"},
                                                {"--preset"},
                                                {"--present=yes"},
                                                {"--bogus"}}) {
        auto r = parse_window_flags(bad);
        CHECK_FALSE(r.ok());
        if (!r.ok())
            CHECK(r.error().message().find(bad[0].substr(0, bad[0].find('='))) !=
                  std::string::npos);
    }
    CHECK(is_window_flag("--present"));
    CHECK(is_window_flag("--theme=dark"));
    CHECK_FALSE(is_window_flag("show"));
}

namespace {

// The file a library's protocol of this id came from ("" when it has none).
std::string file_of(const planner::io::Library& library, const std::string& id) {
    for (const planner::Protocol& p : library.protocols)
        if (p.id == id) return p.file;
    return "";
}

// The window's library once its first frame is on screen, from the courses it started on.
planner::io::Library completed(Courses courses) {
    AppState state = make_app_state(std::move(courses.library), courses.ids,
                                    planner::next_monday(kToday), kToday);
    state.library_unread = std::move(courses.unread);
    CHECK(complete_library(state));
    CHECK(state.library_unread.empty());
    CHECK_FALSE(complete_library(state));  // once
    return state.library;
}

}  // namespace

TEST_CASE("window courses: the rest of the library comes with its problems, each told once") {
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cp-rest-test";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    std::ifstream in(std::filesystem::path(PRESETS_DIR) / "iv-boosters.json");
    const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::ofstream(dir / "good.json") << good;
    std::string arrow = good;  // another preset, with an arrow in its title, not asked for
    arrow.replace(arrow.find("\"iv-boosters\""), 13, "\"arrow\"");
    arrow.replace(arrow.find("\"title\": \"") + 10, 0, "Week 1 \xE2\x86\x92 ");
    std::ofstream(dir / "arrow.json") << arrow;
    std::ofstream(dir / "wanted-broken.json") << "{\"schema_version\": 1, \"id\": \"wanted\", ";
    std::ofstream(dir / "other-broken.json") << "{\"schema_version\": 1, \"id\": \"other\", ";
    const std::vector<std::filesystem::path> dirs{dir};
    AppState state = make_app_state(planner::io::load_library(dirs, {"wanted", "iv-boosters"},
                                                              planner::io::Codepoints::collect),
                                    {"iv-boosters"}, planner::next_monday(kToday), kToday);
    state.library_unread = dirs;
    const auto told = [&](const std::string& file) {
        return std::count_if(state.errors.begin(), state.errors.end(), [&](const std::string& e) {
            return e.find(file) != std::string::npos;
        });
    };
    CHECK(told("wanted-broken.json") == 1);
    CHECK(told("other-broken.json") == 0);
    REQUIRE(state.plan.courses.size() == 1);
    REQUIRE(state.library.protocols.size() == 1);
    // The window's font is made now, for the symbols of the presets not read yet too.
    const std::vector<ImWchar> symbols = symbols_in(state.library);
    CHECK(std::count(symbols.begin(), symbols.end(), 0x2192) == 1);
    const std::uint64_t revision = state.revision;
    CHECK(complete_library(state));
    CHECK(told("wanted-broken.json") == 1);
    CHECK(told("other-broken.json") == 1);
    CHECK(state.library.problems.size() == 2);
    REQUIRE(state.library.protocols.size() == 2);
    CHECK(state.library.protocols[1].id == "arrow");  // sorted by route, then title
    CHECK(state.library.protocols[1].title.find("Week 1 \xE2\x86\x92") == 0);
    CHECK(symbols_in(state.library) == symbols);  // the same files' code points are kept
    CHECK(state.plan.courses.size() == 1);        // the courses are untouched
    CHECK(state.revision > revision);             // no panel is replayed from before
    std::filesystem::remove_all(dir);
}

TEST_CASE("window courses: the default, ids, a preset file, and the first that is not found") {
    // The first frame needs only the courses' own presets; the rest are read after it.
    auto none = load_courses(WindowFlags{});
    REQUIRE(none.ok());
    CHECK(none->ids ==
          std::vector<std::string>(std::begin(kDefaultPresets), std::end(kDefaultPresets)));
    CHECK(none->unread == planner::io::preset_dirs());
    REQUIRE(none->library.protocols.size() == 2);
    const planner::io::Library whole = planner::io::load_library(planner::io::preset_dirs());
    const std::size_t shipped = whole.protocols.size();
    CHECK(shipped > 2);
    // The font is made for every preset's symbols before the others are parsed.
    std::vector<std::string> ids;
    for (const planner::Protocol& p : whole.protocols) ids.push_back(p.id);
    CHECK(symbols_in(none->library) ==
          symbols_in(planner::io::load_library(planner::io::preset_dirs(), ids,
                                               planner::io::Codepoints::collect)));
    const planner::io::Library after = completed(*none);
    REQUIRE(after.protocols.size() == shipped);
    for (std::size_t i = 0; i < shipped; ++i)
        CHECK(after.protocols[i].id == whole.protocols[i].id);  // the same order

    // A preset file with an id of its own joins the library; a shipped one's id is not doubled.
    const std::filesystem::path dir = std::filesystem::temp_directory_path() / "cp-courses-test";
    std::filesystem::create_directories(dir);
    std::ifstream in(std::filesystem::path(PRESETS_DIR) / "iv-boosters.json");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string from = "\"id\": \"iv-boosters\"";
    REQUIRE(text.find(from) != std::string::npos);
    text.replace(text.find(from), from.size(), "\"id\": \"my-own-copy\"");
    std::ofstream(dir / "mine.json") << text;
    WindowFlags flags;
    flags.presets = {"spravato-label", (dir / "mine.json").string(),
                     (std::filesystem::path(PRESETS_DIR) / "iv-boosters.json").string()};
    auto some = load_courses(flags);
    REQUIRE(some.ok());
    CHECK(some->ids == std::vector<std::string>{"spravato-label", "my-own-copy", "iv-boosters"});
    CHECK(some->library.protocols.size() == 3);
    // The shipped file named by its path is the shipped preset, as the folders have it.
    CHECK(file_of(some->library, "iv-boosters") == file_of(whole, "iv-boosters"));
    const planner::io::Library all = completed(*some);
    CHECK(all.protocols.size() == shipped + 1);
    CHECK(file_of(all, "my-own-copy") == (dir / "mine.json").string());
    CHECK(file_of(all, "iv-boosters") == file_of(whole, "iv-boosters"));

    flags.presets = {"spravato-label", "no-such-preset", "nor-this"};
    auto bad = load_courses(flags);
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().where == "--preset");
    CHECK(bad.error().what.find("no-such-preset") != std::string::npos);
    CHECK(bad.error().what.find("nor-this") == std::string::npos);
    std::filesystem::remove_all(dir);
}
