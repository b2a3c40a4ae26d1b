// The views keep what they compute from the plan across frames (AppState::caches, the
// calendar's months, the wrapped lines of ui/text_cache). These tests check that this changes
// nothing a person sees: after an edit, a new width, a new font size, a theme or a selection,
// the very next frame draws exactly what a cold start (every cache empty) draws, vertex for
// vertex, and the same traced widgets and words.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/frame.hpp"
#include "ui/replay.hpp"
#include "ui/text_cache.hpp"
#include "ui/views.hpp"

namespace chr = std::chrono;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;
constexpr chr::year_month_day kStart = chr::year{2026} / 11 / 30;

// What one frame drew: every vertex (as bits) in drawing order, and what the views traced.
struct Drawn {
    std::vector<std::uint32_t> vertices;  // x, y, u, v, colour per vertex of each triangle
    std::vector<std::string> texts;
    std::vector<std::string> items;
    bool operator==(const Drawn&) const = default;
};

std::uint32_t bits(float f) {
    std::uint32_t u = 0;
    std::memcpy(&u, &f, sizeof u);
    return u;
}

// Glyphs of a wrapped line out of view may be left out by a cached text (they are clipped
// away anyway), so only the triangles with a corner inside the display count. Panels replayed
// from their last frame come as lists of their own after their window's (ui/replay.hpp):
// the same triangles in the same order.
Drawn capture(const trace::Sink& sink, ImVec2 display) {
    Drawn d;
    const ImDrawData* data = ImGui::GetDrawData();
    REQUIRE(data != nullptr);
    test::for_each_triangle(*data, display, [&](test::Triangle v, bool inside) {
        // A replayed panel's window may hold a triangle with its three corners on one point
        // and no colour, to keep its list in the frame (ui/replay.cpp): it draws nothing.
        const bool point = v[0]->pos.x == v[1]->pos.x && v[0]->pos.x == v[2]->pos.x &&
                           v[0]->pos.y == v[1]->pos.y && v[0]->pos.y == v[2]->pos.y &&
                           v[0]->col == 0;
        if (!inside || point) return;
        for (const ImDrawVert* p : v)
            d.vertices.insert(d.vertices.end(), {bits(p->pos.x), bits(p->pos.y), bits(p->uv.x),
                                                 bits(p->uv.y), p->col});
    });
    d.texts = sink.texts;
    for (const trace::Item& item : sink.items)
        d.items.push_back(item.label + " " + std::to_string(item.min.x) + "," +
                          std::to_string(item.min.y) + " " + std::to_string(item.max.x) + "," +
                          std::to_string(item.max.y));
    return d;
}

template <class T>
void first_difference(const std::vector<T>& a, const std::vector<T>& b, const char* what) {
    for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i)
        if (a[i] != b[i]) {
            MESSAGE(what << " " << i << ": " << a[i] << " | " << b[i]);
            return;
        }
}

// Two windows side by side, fed the same frames: one keeps its caches as the app does, the
// other draws every frame from a copy of the state with every cache empty. ImGui's own
// state (scrollbars, table columns) moves the same way in both, so any difference is a
// cache that kept something it should have dropped.
struct Harness {
    AppState state;
    test::Driver warm{ImVec2(1400.0f, 900.0f), true};
    test::Driver cold{ImVec2(1400.0f, 900.0f), true};
    explicit Harness(std::vector<std::string> presets = {"iv-six-two-weeks", "spravato-label"})
        : state(make_app_state(planner::io::load_library({PRESETS_DIR}), presets, kStart, kToday)) {
        for (int i = 0; i < 3; ++i) check("start");
    }
    void display(ImVec2 size) {
        warm.io().DisplaySize = size;
        cold.io().DisplaySize = size;
    }
    void font_scale(float scale) {
        warm.io().FontGlobalScale = scale;
        cold.io().FontGlobalScale = scale;
    }
    // One frame in both; what the kept one asks for is then applied.
    void check(const char* what_) {
        const std::string what = what_;
        CAPTURE(what);
        Commands out;
        warm.frame([&] { draw_frame(state, out); });
        const Drawn kept = capture(warm.sink(), warm.io().DisplaySize);
        AppState fresh = state;
        fresh.calendar_cache = CalendarCache{};
        fresh.caches = ViewCaches{};
        cold.frame([&] {
            Commands ignored;
            draw_frame(fresh, ignored);
        });
        const Drawn made = capture(cold.sink(), cold.io().DisplaySize);
        CHECK(kept.texts == made.texts);
        CHECK(kept.items == made.items);
        CHECK(kept.vertices.size() == made.vertices.size());
        CHECK(kept.vertices == made.vertices);
        if (!(kept == made)) {
            first_difference(kept.texts, made.texts, "text");
            first_difference(kept.items, made.items, "item");
            first_difference(kept.vertices, made.vertices, "vertex value");
        }
        (void)apply_all(state, out);
    }
    void pointer(ImVec2 at) {
        warm.io().MousePos = at;
        cold.io().MousePos = at;
    }
    // The frame right after a change, and three more: by the third quiet frame the parts that
    // did not change are drawn again from the last (ui/replay.hpp).
    void check_same_as_cold(const char* what) {
        for (int i = 0; i < 4; ++i) check(what);
    }
    [[nodiscard]] const PanelReplays& panels() const { return state.caches.panels.get(); }
};

// Every change the caches depend on, one after the other, each checked on the next frame.
void every_change(Harness& h) {
    h.check_same_as_cold("warm");
    REQUIRE(apply(h.state, cmd::SetStart{0, chr::year{2026} / 12 / 7}));  // an edit: replan
    h.check_same_as_cold("edit");
    REQUIRE(apply(h.state, cmd::ToggleClinicDay{1, chr::Friday}));
    h.check_same_as_cold("clinic day");
    const planner::PlannedCourse& pc = h.state.planned[0];
    REQUIRE(pc.expansion.visits.size() > 2);
    REQUIRE(apply(h.state, cmd::MoveVisit{pc.visit_id(pc.expansion.visits[1]),
                                          chr::year_month_day{pc.expansion.visits[1].earliest +
                                                              chr::days{1}}}));
    h.check_same_as_cold("moved visit (a difference mark)");
    REQUIRE(apply(h.state,
                  cmd::SetNote{h.state.planned[0].visit_id(h.state.planned[0].expansion.visits[2]),
                               "Bring the forms"}));
    h.check_same_as_cold("note");
    h.display(ImVec2(1024.0f, 640.0f));
    h.check_same_as_cold("narrow window");
    h.display(ImVec2(1920.0f, 1080.0f));
    h.check_same_as_cold("wide window");
    h.font_scale(1.25f);  // every size in em follows, as a zoom does
    h.check_same_as_cold("larger type");
    h.font_scale(1.0f);
    REQUIRE(apply(h.state, cmd::SetTheme{Theme::dark}));
    h.check_same_as_cold("dark theme");
    REQUIRE(apply(h.state, cmd::Select{Selection{1, 2}}));
    h.check_same_as_cold("a visit selected");
    REQUIRE(apply(h.state, cmd::Select{Selection{0, std::nullopt}}));
    h.check_same_as_cold("a course selected");
    REQUIRE(apply(h.state, cmd::SetHidden{1, true}));
    h.check_same_as_cold("a course hidden");
    REQUIRE(apply(h.state, cmd::AddCourse{"iv-boosters", kStart}));
    h.check_same_as_cold("a course added");
    REQUIRE(apply(h.state, cmd::Undo{}));
    h.check_same_as_cold("undo");
    // A test that writes state.planned itself says so with the revisions (the views' caches
    // read planned_revision, a replayed panel the state's revision).
    h.state.planned[0].expansion.visits.pop_back();
    ++h.state.planned_revision;
    ++h.state.revision;
    h.check_same_as_cold("planned written directly");
}

}  // namespace

TEST_CASE(
    "view caches: the calendar, legend, courses and details panels show every change on the next "
    "frame") {
    Harness h;
    every_change(h);
}

TEST_CASE("view caches: the timeline shows every change on the next frame") {
    Harness h;
    REQUIRE(apply(h.state, cmd::SetView{View::timeline}));
    h.check_same_as_cold("timeline");
    every_change(h);
    REQUIRE(apply(h.state, cmd::SetTimelineDates{true}));
    h.check_same_as_cold("calendar dates");
    REQUIRE(apply(h.state, cmd::SetTimelineView{1.5f, 3.0f}));
    h.check_same_as_cold("zoomed and panned");
}

TEST_CASE("view caches: the presentation shows every change on the next frame") {
    Harness h({"iv-six-two-weeks", "spravato-label", "iv-boosters"});
    REQUIRE(apply(h.state, cmd::Present{true}));
    h.check_same_as_cold("presenting");
    REQUIRE(apply(h.state, cmd::StepWeek{+1}));
    h.check_same_as_cold("next week");
    REQUIRE(apply(h.state, cmd::SetStart{0, chr::year{2026} / 12 / 7}));
    h.check_same_as_cold("edit");
    REQUIRE(apply(h.state, cmd::SetTheme{Theme::dark}));
    h.check_same_as_cold("dark theme");
    h.display(ImVec2(1024.0f, 640.0f));
    h.check_same_as_cold("smaller window");
}

// The parts of the editing layout (ui/replay.hpp) and how many frames each was replayed.
std::vector<std::pair<std::string, int>> replays(const PanelReplays& p) {
    return {{"top", p.top.replayed},
            {"courses", p.courses.replayed},
            {"edit bar", p.centre_top.replayed},
            {"legend", p.legend.replayed},
            {"months", p.calendar.replayed},
            {"details", p.details.replayed}};
}

TEST_CASE("replay: quiet frames draw every part again from the last, as a cold frame draws it") {
    Harness h;
    h.check_same_as_cold("quiet");
    for (const auto& [part, frames] : replays(h.panels())) {
        CAPTURE(part);
        CHECK(frames > 0);
    }
    // The centre holds the calendar's own window: it is never kept whole, its parts are.
    CHECK(h.panels().centre.replayed == 0);
    CHECK_FALSE(h.panels().centre.last);
}

TEST_CASE("replay: the part under the pointer is drawn in full, and so is all on a key") {
    Harness h;
    h.check_same_as_cold("quiet");
    const trace::Item* remove = h.warm.sink().find("course 0 remove");
    REQUIRE(remove != nullptr);
    h.pointer(
        ImVec2((remove->min.x + remove->max.x) * 0.5f, (remove->min.y + remove->max.y) * 0.5f));
    h.check_same_as_cold("pointer over the courses panel");
    CHECK(h.panels().courses.replayed == 0);
    CHECK(h.panels().details.replayed > 0);
    CHECK(h.panels().calendar.replayed > 0);

    const trace::Item* grid = h.warm.sink().find("calendar visible");
    REQUIRE(grid != nullptr);
    h.pointer(ImVec2((grid->min.x + grid->max.x) * 0.5f, grid->min.y + 40.0f));
    h.check_same_as_cold("pointer over the calendar");
    CHECK(h.panels().calendar.replayed == 0);
    CHECK(h.panels().courses.replayed > 0);  // left by the pointer: drawn again, then replayed

    h.pointer(ImVec2(-1.0f, -1.0f));
    h.warm.io().KeyShift = h.cold.io().KeyShift = true;  // a modifier held: nothing is replayed
    h.check_same_as_cold("shift held");
    for (const auto& [part, frames] : replays(h.panels())) {
        CAPTURE(part);
        CHECK(frames == 0);
    }
    h.warm.io().KeyShift = h.cold.io().KeyShift = false;
    h.check_same_as_cold("shift let go");
    CHECK(h.panels().courses.replayed > 0);
}

TEST_CASE("replay: off, nothing is replayed and the frames are the same") {
    Harness h;
    h.state.caches.replay_panels = false;
    h.check_same_as_cold("quiet, replay off");
    for (const auto& [part, frames] : replays(h.panels())) {
        CAPTURE(part);
        CHECK(frames == 0);
    }
}

TEST_CASE("view caches: a plain redraw keeps what was computed") {
    Harness h;
    REQUIRE(h.state.caches.comparison.key);
    REQUIRE(h.state.caches.marks.key);
    REQUIRE_FALSE(h.state.caches.legend.entries.empty());
    const auto comparison = *h.state.caches.comparison.key;
    const auto legend = h.state.caches.legend.entries.back().key;
    h.check("redraw");
    CHECK(*h.state.caches.comparison.key == comparison);
    CHECK(h.state.caches.legend.entries.back().key == legend);
    REQUIRE(apply(h.state, cmd::SetStart{0, chr::year{2026} / 12 / 7}));
    h.check("edit");
    CHECK_FALSE(*h.state.caches.comparison.key == comparison);
    CHECK_FALSE(h.state.caches.legend.entries.back().key == legend);
}

TEST_CASE("wrapped_text draws what ImGui's wrapped text draws, at any width") {
    for (const bool real_fonts : {true, false}) {
        CAPTURE(real_fonts);
        test::Driver driver(ImVec2(900.0f, 600.0f), real_fonts);
        const std::string text =
            "Boosters if needed shown up to Thu 18 Mar 2027 (3 months); the published schedule has "
            "no fixed end. \xE2\x89\xA0 A verylongwordthatcannotbreakanywhereatall ends it.";
        for (const float width : {40.0f, 120.0f, 233.5f, 400.0f, 2000.0f}) {
            CAPTURE(width);
            std::vector<ImDrawVert> ours, imgui;
            ImVec2 ours_size, imgui_size;
            for (const bool cached : {true, false}) {
                driver.frame([&] {
                    ImGui::SetNextWindowPos(ImVec2(10.5f, 20.25f));
                    ImGui::SetNextWindowSize(ImVec2(width + 40.0f, 580.0f));
                    ImGui::Begin("host", nullptr, ImGuiWindowFlags_NoDecoration);
                    ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + width);
                    const ImVec2 before = ImGui::GetCursorScreenPos();
                    ImDrawList* dl = ImGui::GetWindowDrawList();
                    const int first = dl->VtxBuffer.Size;
                    if (cached)
                        wrapped_text(text);
                    else
                        ImGui::TextUnformatted(text.c_str(), text.c_str() + text.size());
                    std::vector<ImDrawVert>& out = cached ? ours : imgui;
                    out.assign(dl->VtxBuffer.begin() + first, dl->VtxBuffer.end());
                    (cached ? ours_size : imgui_size) = ImGui::GetItemRectSize();
                    (void)before;
                    ImGui::PopTextWrapPos();
                    ImGui::End();
                });
            }
            CHECK(ours_size.x == imgui_size.x);
            CHECK(ours_size.y == imgui_size.y);
            REQUIRE(ours.size() == imgui.size());
            for (std::size_t i = 0; i < ours.size(); ++i) {
                CHECK(ours[i].pos.x == doctest::Approx(imgui[i].pos.x).epsilon(1e-6));
                CHECK(ours[i].pos.y == doctest::Approx(imgui[i].pos.y).epsilon(1e-6));
                CHECK(ours[i].uv.x == imgui[i].uv.x);
                CHECK(ours[i].col == imgui[i].col);
            }
        }
    }
}
