// Plan files in the window: save and open round trips, the title and its unsaved mark, the
// recent plans, a newer or damaged plan refused and left byte for byte as it was, the
// unsaved-changes prompt, the in-window file dialog, autosave and the restore after a crash.
// Every test works in a fresh temporary folder; nothing touches the person's own files.
#include <GLFW/glfw3.h>
#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "planner/io.hpp"
#include "planner/parse.hpp"
#include "planner/plan_io.hpp"
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/autosave.hpp"
#include "ui/file_commands.hpp"
#include "ui/flags.hpp"
#include "ui/frame.hpp"
#include "ui/recent.hpp"
#include "ui/session.hpp"

namespace chr = std::chrono;
namespace fs = std::filesystem;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;

// A fresh folder per test, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cp-files-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        path = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string read(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777u;
}

// A window's start. Sessions are told apart by name; one ends when its state is destroyed.
AppState fresh(const TempDir& dir, const std::string& session = "now") {
    ::setenv("COURSE_PLANNER_NO_PORTAL", "1", 1);  // the window's own dialog, always
    AppState s = make_app_state(planner::io::load_library({PRESETS_DIR}),
                                {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                                planner::next_monday(kToday), kToday);
    fs::create_directories(dir.path / "home");
    start_session(s, dir.path / "state", dir.path / "home", session);
    return s;
}

struct Harness {
    TempDir dir;
    AppState state = fresh(dir);
    test::Driver driver;
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
    };
    Harness() { driver.frames(2, draw); }
    // One frame first: a modal that just opened is placed once its size is known, as a
    // person sees it before clicking.
    bool click(std::string_view label) {
        driver.frame(draw);
        return driver.click(label, draw);
    }
    bool shown(std::string_view label) const { return driver.sink().find(label) != nullptr; }
    void type_path(const std::string& text) {
        REQUIRE(click("dialog path"));
        driver.key(GLFW_KEY_A, draw, true);
        driver.type(text, draw);
    }
    void menu(std::string_view item) {
        REQUIRE(click("menu file"));
        REQUIRE(click(item));
    }
};

std::string text_of(const AppState& s) {
    return planner::io::plan_to_json(s.plan);
}

}  // namespace

TEST_CASE("Save as, then Open in a new window: the same plan, the title follows") {
    TempDir dir;
    AppState s = fresh(dir);
    CHECK(window_title(s) == "Untitled plan - Course Planner");
    REQUIRE(apply(s, cmd::ToggleClinicDay{0, chr::Wednesday}));
    CHECK(window_title(s) == "*Untitled plan - Course Planner");
    const fs::path file = dir.path / "home" / "mine.courseplan.json";
    REQUIRE(apply(s, cmd::SaveAs{file}));
    CHECK(fs::exists(file));
    CHECK(mode_of(file) == 0600u);
    CHECK(window_title(s) == "mine.courseplan.json - Course Planner");
    CHECK_FALSE(unsaved(s));
    REQUIRE(s.files.recent.size() == 1);
    CHECK(s.files.recent.front() == file);
    CHECK(read(file) == text_of(s));

    AppState other = fresh(dir);  // a later start: the recent list was kept
    REQUIRE(other.files.recent.size() == 1);
    CHECK(other.files.recent.front() == file);
    REQUIRE(apply(other, cmd::OpenPlan{file}));
    CHECK(text_of(other) == text_of(s));
    CHECK(other.plan.courses[0].course.clinic_days ==
          std::vector<chr::weekday>{chr::Monday, chr::Friday});
    CHECK_FALSE(unsaved(other));
    CHECK_FALSE(other.doc.history.can_undo());  // opening is not an edit
    CHECK(window_title(other) == "mine.courseplan.json - Course Planner");
}

TEST_CASE("Save writes to the plan's own file and keeps the previous version as FILE~") {
    TempDir dir;
    AppState s = fresh(dir);
    const fs::path file = dir.path / "a.courseplan.json";
    REQUIRE(apply(s, cmd::SaveAs{file}));
    const std::string first = read(file);
    REQUIRE(apply(s, cmd::SetStart{1, chr::year{2026} / 12 / 14}));
    REQUIRE(apply(s, cmd::Save{}));
    CHECK_FALSE(s.files.dialog.has_value());  // it has a file: no dialog
    CHECK(read(file) == text_of(s));
    CHECK(read(dir.path / "a.courseplan.json~") == first);
    CHECK(mode_of(dir.path / "a.courseplan.json~") == 0600u);
    // Undo back to the saved plan: clean again; one more undo: unsaved.
    REQUIRE(apply(s, cmd::ToggleClinicDay{0, chr::Monday}));
    CHECK(unsaved(s));
    REQUIRE(apply(s, cmd::Undo{}));
    CHECK_FALSE(unsaved(s));
    REQUIRE(apply(s, cmd::Undo{}));
    CHECK(unsaved(s));
}

TEST_CASE("a plan from a newer version opens nothing, says why and is left byte for byte") {
    Harness h;
    const fs::path file = h.dir.path / "future.courseplan.json";
    std::string text = planner::io::plan_to_json(h.state.plan);
    const auto at = text.find("\"format_version\": 1");
    REQUIRE(at != std::string::npos);
    text.replace(at, 19, "\"format_version\": 7");
    text += "\n";  // bytes a rewrite would not keep
    write(file, text);
    const std::string before = text_of(h.state);

    CHECK(apply(h.state, cmd::OpenPlan{file}));
    h.driver.frame(h.draw);
    CHECK(text_of(h.state) == before);            // nothing opened
    CHECK_FALSE(h.state.files.path.has_value());  // and the plan is not tied to that file
    CHECK(h.driver.sink().has_text("format_version 7, from a newer Course Planner"));
    CHECK(h.driver.sink().has_text("Not opened, and left as it is"));
    // Saving over it is refused too.
    CHECK(apply(h.state, cmd::SaveAs{file}));
    h.driver.frame(h.draw);
    CHECK(h.driver.sink().has_text("from a newer Course Planner, and is left as it is"));
    CHECK(read(file) == text);
    CHECK_FALSE(fs::exists(h.dir.path / "future.courseplan.json~"));
}

TEST_CASE("a damaged plan says file, line, column and what was expected") {
    Harness h;
    const fs::path file = h.dir.path / "broken.courseplan.json";
    const std::string text = "{\n  \"format_version\": 1,\n  \"courses\": 3\n}\n";
    write(file, text);
    CHECK(apply(h.state, cmd::OpenPlan{file}));
    h.driver.frame(h.draw);
    CHECK(h.driver.sink().has_text(file.string() + ":3:"));
    CHECK(h.driver.sink().has_text("courses"));
    CHECK(read(file) == text);
    CHECK(h.state.plan.courses.size() == 2);  // the plan shown stays
}

TEST_CASE("Quit with unsaved changes asks: Cancel stays, Discard quits") {
    Harness h;
    h.menu("menu quit");
    CHECK(h.state.files.quit);  // nothing unsaved: no question
    h.state.files.quit = false;
    REQUIRE(h.click("course 0 day wed"));
    h.menu("menu quit");
    CHECK_FALSE(h.state.files.quit);
    REQUIRE(h.shown("prompt save"));
    CHECK(h.driver.sink().has_text("Save the changes to Untitled plan before closing?"));
    REQUIRE(h.click("prompt cancel"));
    CHECK_FALSE(h.shown("prompt save"));
    CHECK_FALSE(h.state.files.quit);
    CHECK(unsaved(h.state));
    h.driver.key(GLFW_KEY_Q, h.draw, true);  // Ctrl+Q: the same question
    REQUIRE(h.shown("prompt discard"));
    REQUIRE(h.click("prompt discard"));
    CHECK(h.state.files.quit);
}

TEST_CASE("Quit, Save on an untitled plan: the dialog asks where, then the window closes") {
    Harness h;
    REQUIRE(h.click("course 1 remove"));
    h.driver.key(GLFW_KEY_Q, h.draw, true);
    REQUIRE(h.click("prompt save"));
    REQUIRE(h.shown("dialog path"));
    CHECK_FALSE(h.state.files.quit);
    const fs::path file = h.dir.path / "home" / "closing.courseplan.json";
    h.type_path((h.dir.path / "home" / "closing").string());  // the suffix is added
    REQUIRE(h.click("dialog ok"));
    CHECK(fs::exists(file));
    CHECK(h.state.files.quit);
    CHECK(read(file) == text_of(h.state));
}

TEST_CASE("Quit, Save on a plan with a file: saved there, then the window closes") {
    Harness h;
    const fs::path file = h.dir.path / "p.courseplan.json";
    REQUIRE(apply(h.state, cmd::SaveAs{file}));
    REQUIRE(apply(h.state, cmd::AddClosed{0, chr::year{2026} / 12 / 2}));
    REQUIRE(apply(h.state, cmd::Quit{}));
    h.driver.frame(h.draw);
    CHECK(h.driver.sink().has_text("Save the changes to p.courseplan.json before closing?"));
    REQUIRE(h.click("prompt save"));
    CHECK(h.state.files.quit);
    CHECK(read(file) == text_of(h.state));
    CHECK(read(file).find("2026-12-02") != std::string::npos);
}

TEST_CASE("New and Open ask first too, Discard then does what was asked") {
    Harness h;
    const fs::path file = h.dir.path / "kept.courseplan.json";
    REQUIRE(apply(h.state, cmd::SaveAs{file}));
    REQUIRE(apply(h.state, cmd::SetHidden{0, true}));
    h.menu("menu new");
    REQUIRE(h.shown("prompt discard"));
    CHECK(h.driver.sink().has_text("before starting a new plan?"));
    REQUIRE(h.click("prompt discard"));
    CHECK(h.state.plan.courses.empty());
    CHECK_FALSE(h.state.files.path.has_value());
    CHECK(h.driver.sink().has_text("No course yet"));
    // Open recent: the saved plan comes back as saved (course A shown).
    REQUIRE(h.click("menu file"));
    REQUIRE(h.click("menu recent"));
    REQUIRE(h.shown("menu recent 0"));
    CHECK(h.driver.sink().has_text("kept.courseplan.json"));
    REQUIRE(h.click("menu recent 0"));
    REQUIRE(h.state.plan.courses.size() == 2);
    CHECK_FALSE(h.state.plan.courses[0].course.hidden);
    CHECK(h.state.files.path == file);
}

TEST_CASE("the in-window Open dialog: recent folders, the plans in a folder, Enter opens") {
    Harness h;
    const fs::path plans = h.dir.path / "home" / "plans";
    fs::create_directories(plans);
    AppState writer = fresh(h.dir);
    REQUIRE(apply(writer, cmd::RemoveCourse{0}));
    REQUIRE(apply(writer, cmd::SaveAs{plans / "spray only.courseplan.json"}));
    write(plans / "notes.txt", "not a plan");
    h.state.files.recent = load_recent(h.dir.path / "state" / "recent.json");
    REQUIRE(h.state.files.recent.size() == 1);

    h.menu("menu open");
    REQUIRE(h.shown("dialog path"));
    CHECK(h.driver.sink().has_text("Open a plan"));
    CHECK(h.driver.sink().has_text("Plans in ~/plans"));  // the recent plan's folder
    REQUIRE(h.shown("dialog file spray only.courseplan.json"));
    CHECK_FALSE(h.shown("dialog file notes.txt"));
    REQUIRE(h.click("dialog folder 1"));  // home
    CHECK(h.driver.sink().has_text("Plans in ~"));
    CHECK(h.driver.sink().has_text("No plan files"));
    REQUIRE(h.click("dialog folder 0"));
    REQUIRE(h.click("dialog file spray only.courseplan.json"));
    CHECK(h.state.files.dialog->path == (plans / "spray only.courseplan.json").string());
    REQUIRE(h.click("dialog ok"));
    CHECK_FALSE(h.state.files.dialog.has_value());
    REQUIRE(h.state.plan.courses.size() == 1);
    CHECK(h.state.plan.courses[0].course.protocol_id == "spravato-label");

    // Typed, with "~", and Enter.
    h.menu("menu open");
    h.type_path("~/plans/nothing-here.courseplan.json");
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK(h.driver.sink().has_text("There is no file"));
    h.type_path("~/plans/spray only.courseplan.json");
    h.driver.key(GLFW_KEY_ENTER, h.draw);
    CHECK_FALSE(h.state.files.dialog.has_value());
    h.menu("menu open");
    REQUIRE(h.click("dialog cancel"));
    CHECK_FALSE(h.state.files.dialog.has_value());
}

TEST_CASE("Save as over an existing file asks to replace it, Ctrl+S and Ctrl+Shift+S") {
    Harness h;
    const fs::path file = h.dir.path / "home" / "same.courseplan.json";
    write(file, "{}");                       // not a plan: replaced, and kept as the backup
    h.driver.key(GLFW_KEY_S, h.draw, true);  // untitled: Save asks where
    REQUIRE(h.shown("dialog path"));
    CHECK(h.driver.sink().has_text("Save the plan as"));
    h.type_path(file.string());
    REQUIRE(h.click("dialog ok"));
    CHECK(h.driver.sink().has_text("same.courseplan.json exists. Replace saves over it"));
    CHECK(read(file) == "{}");
    REQUIRE(h.click("dialog ok"));  // now labelled Replace
    CHECK_FALSE(h.state.files.dialog.has_value());
    CHECK(read(file) == text_of(h.state));
    CHECK(read(fs::path(file.string() + "~")) == "{}");
    h.driver.key(GLFW_KEY_S, h.draw, true, true);  // Save as: the dialog again
    REQUIRE(h.shown("dialog path"));
    CHECK(h.state.files.dialog->path == file.string());
    h.driver.key(GLFW_KEY_ESCAPE, h.draw);
    CHECK_FALSE(h.state.files.dialog.has_value());
}

TEST_CASE("autosave: written 0600 after an edit, gone after a save, restore after a crash") {
    TempDir dir;
    const fs::path autosaves = dir.path / "state" / "autosave";
    const fs::path original = dir.path / "home" / "plan.courseplan.json";
    std::string unsaved_text;
    {
        AppState s = fresh(dir, "crashed");
        REQUIRE(apply(s, cmd::SaveAs{original}));
        REQUIRE(apply(s, cmd::ToggleClinicDay{0, chr::Wednesday}));
        CHECK_FALSE(apply(s, cmd::Autosave{}));
        const fs::path written = autosaves / "session-crashed.courseplan.json";
        REQUIRE(fs::exists(written));
        CHECK(mode_of(written) == 0600u);
        CHECK(read(written) == text_of(s));
        unsaved_text = text_of(s);
        // ... and the process ends here without saving.
    }
    Harness h;
    h.state = fresh(dir, "next");  // the next start
    REQUIRE(h.state.files.recovery.has_value());
    h.driver.frame(h.draw);
    h.driver.frame(h.draw);
    REQUIRE(h.shown("recover restore"));
    CHECK(h.driver.sink().has_text("before the changes to plan.courseplan.json were saved"));
    REQUIRE(h.click("recover restore"));
    CHECK(text_of(h.state) == unsaved_text);
    CHECK(unsaved(h.state));
    CHECK(h.state.files.path == original);
    CHECK(h.driver.sink().has_text("Restored the unsaved changes"));
    // The autosave is this session's own now, until it is saved.
    const fs::path mine = autosaves / "session-next.courseplan.json";
    CHECK(fs::exists(mine));
    REQUIRE(apply(h.state, cmd::Save{}));
    CHECK_FALSE(fs::exists(mine));
    CHECK(read(original) == unsaved_text);
    CHECK(find_orphans(autosaves).empty());
}

TEST_CASE("an autosave can be discarded at the next start, a running session's is left alone") {
    TempDir dir;
    const fs::path autosaves = dir.path / "state" / "autosave";
    {
        AppState s = fresh(dir, "ended");
        REQUIRE(apply(s, cmd::RemoveCourse{0}));
        (void)apply(s, cmd::Autosave{});
    }
    AppState running = fresh(dir, "running");  // still open: its lock is held
    REQUIRE(apply(running, cmd::RemoveCourse{1}));
    (void)apply(running, cmd::Autosave{});
    AppState next = fresh(dir, "next");
    REQUIRE(next.files.recovery.has_value());
    CHECK(next.files.recovery->session == "ended");
    CHECK_FALSE(next.files.recovery->original.has_value());  // untitled
    REQUIRE(apply(next, cmd::Recover{false}));
    CHECK_FALSE(next.files.recovery.has_value());
    CHECK(find_orphans(autosaves).empty());
    CHECK_FALSE(fs::exists(autosaves / "session-ended.courseplan.json"));
    CHECK(fs::exists(autosaves / "session-running.courseplan.json"));
    CHECK(next.plan.courses.size() == 2);  // discarding keeps what was opened
}

TEST_CASE("autosave after undoing back to the saved plan removes the autosave") {
    TempDir dir;
    AppState s = fresh(dir);
    REQUIRE(apply(s, cmd::SaveAs{dir.path / "u.courseplan.json"}));
    REQUIRE(apply(s, cmd::SetHidden{1, true}));
    (void)apply(s, cmd::Autosave{});
    const fs::path mine = dir.path / "state" / "autosave" / "session-now.courseplan.json";
    REQUIRE(fs::exists(mine));
    REQUIRE(apply(s, cmd::Undo{}));
    (void)apply(s, cmd::Autosave{});
    CHECK_FALSE(fs::exists(mine));
}

TEST_CASE("the session's timer: one wake-up a few seconds after the last edit, then none") {
    TempDir dir;
    AppState s = fresh(dir);
    Session session([] {});
    const double idle = 60.0;
    CHECK_FALSE(session.tick(s, 100.0));
    CHECK(session.timeout(100.0, idle) == doctest::Approx(idle));  // nothing due: asleep
    REQUIRE(apply(s, cmd::SetStart{0, chr::year{2026} / 12 / 21}));
    (void)session.tick(s, 101.0);
    CHECK(session.timeout(101.0, idle) == doctest::Approx(kAutosaveDelay));
    REQUIRE(apply(s, cmd::SetStart{0, chr::year{2026} / 12 / 28}));
    (void)session.tick(s, 102.0);  // a second edit moves the deadline
    CHECK(session.timeout(102.0, idle) == doctest::Approx(kAutosaveDelay));
    const fs::path mine = dir.path / "state" / "autosave" / "session-now.courseplan.json";
    (void)session.tick(s, 102.0 + kAutosaveDelay - 0.5);
    CHECK_FALSE(fs::exists(mine));
    (void)session.tick(s, 102.0 + kAutosaveDelay);
    CHECK(fs::exists(mine));
    CHECK(session.timeout(110.0, idle) == doctest::Approx(idle));  // done: asleep again
}

TEST_CASE("recent plans: newest first, five at most, each once, a damaged list is empty") {
    std::vector<fs::path> r;
    for (int i = 0; i < 7; ++i) r = add_recent(r, "/p/" + std::to_string(i) + ".courseplan.json");
    REQUIRE(r.size() == kRecentPlans);
    CHECK(r.front() == "/p/6.courseplan.json");
    r = add_recent(r, "/p/4.courseplan.json");
    CHECK(r.front() == "/p/4.courseplan.json");
    CHECK(r.size() == kRecentPlans);
    CHECK(parse_recent(recent_to_json(r)) == r);
    CHECK(parse_recent("{\"recent\": [\"relative.courseplan.json\", 3, \"/a.courseplan.json\"]}") ==
          std::vector<fs::path>{"/a.courseplan.json"});
    CHECK(parse_recent("not json").empty());
    CHECK(recent_folders(r, "/home/me").back() == "/home/me");
    CHECK(recent_folders(r, "/home/me").front() == "/p");
}

TEST_CASE("typed paths: ~ expanded, the suffix added when saving") {
    CHECK(resolve_typed_path("~/x", "/home/me", true) == "/home/me/x.courseplan.json");
    CHECK(resolve_typed_path("~/x.json", "/home/me", true) == "/home/me/x.courseplan.json");
    CHECK(resolve_typed_path("/a/b.courseplan.json", "/h", true) == "/a/b.courseplan.json");
    CHECK(resolve_typed_path("/a/b.CoursePlan.json", "/h", true) == "/a/b.CoursePlan.json");
    CHECK(resolve_typed_path("/a/b", "/h", false) == "/a/b");
}

TEST_CASE("a plan file as the argument opens the window on it") {
    auto flags = parse_window_flags({"plans/a.courseplan.json"});
    REQUIRE(flags);
    REQUIRE(flags->plan.has_value());
    CHECK(*flags->plan == "plans/a.courseplan.json");
    CHECK(is_window_flag("a.courseplan.json"));
    CHECK(is_window_flag("A.COURSEPLAN.JSON"));
    CHECK_FALSE(is_window_flag("a.json"));
    auto both = parse_window_flags({"--size", "1280x800", "x.courseplan.json"});
    REQUIRE(both);
    CHECK(both->plan == fs::path("x.courseplan.json"));
    CHECK_FALSE(parse_window_flags({"a.courseplan.json", "b.courseplan.json"}));
    auto mixed = parse_window_flags({"a.courseplan.json", "--preset", "spravato-label"});
    REQUIRE_FALSE(mixed);
    CHECK(mixed.error().message().find("the plan brings its own courses") != std::string::npos);
}
