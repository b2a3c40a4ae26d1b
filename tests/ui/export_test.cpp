// The window's Export menu, driven like a person would: each entry opens the save dialog,
// Enter writes the file, and the file opens in an independent reader (pdfinfo,
// rsvg-convert, the PNG header, python3-icalendar). The calendar file has reminders and
// notes only when their boxes are ticked.
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
#include "tests/ui/driver.hpp"
#include "ui/app.hpp"
#include "ui/export_menu.hpp"
#include "ui/file_commands.hpp"
#include "ui/frame.hpp"

namespace chr = std::chrono;
namespace fs = std::filesystem;
using namespace ui;

namespace {

constexpr chr::year_month_day kToday = chr::year{2026} / 11 / 25;

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cp-export-XXXXXX").string();
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

// Runs a shell command quietly; its exit status.
int run(const std::string& command) {
    const int status = std::system((command + " >/dev/null 2>&1").c_str());
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

std::string quoted(const fs::path& p) {
    return "'" + p.string() + "'";
}

struct Harness {
    TempDir dir;
    AppState state = [this] {
        ::setenv("COURSE_PLANNER_NO_PORTAL", "1", 1);  // the window's own dialog
        ::setenv("SOURCE_DATE_EPOCH", "1767225600", 1);
        AppState s = make_app_state(planner::io::load_library({PRESETS_DIR}),
                                    {std::begin(kDefaultPresets), std::end(kDefaultPresets)},
                                    planner::next_monday(kToday), kToday);
        fs::create_directories(dir.path / "home");
        start_session(s, dir.path / "state", dir.path / "home", "now");
        return s;
    }();
    test::Driver driver;
    test::Driver::Draw draw = [this] {
        Commands commands;
        draw_frame(state, commands);
        (void)apply_all(state, commands);
    };
    Harness() { driver.frames(2, draw); }
    bool click(std::string_view label) {
        driver.frame(draw);
        return driver.click(label, draw);
    }
    bool shown(std::string_view label) const { return driver.sink().find(label) != nullptr; }
    // Export menu, the entry, then the dialog's own suggestion (in home) with Enter.
    fs::path export_via_menu(std::string_view entry) {
        REQUIRE(click("menu export"));
        REQUIRE(click(entry));
        driver.frame(draw);
        REQUIRE(shown("dialog path"));
        REQUIRE(state.files.dialog.has_value());
        const fs::path path = state.files.dialog->path;
        CHECK(path.parent_path() == dir.path / "home");
        REQUIRE(click("dialog ok"));
        CHECK_FALSE(state.files.dialog.has_value());
        return path;
    }
};

unsigned mode_of(const fs::path& p) {
    struct stat st {};
    REQUIRE(::stat(p.c_str(), &st) == 0);
    return st.st_mode & 0777u;
}

}  // namespace

TEST_CASE("Export: a slide of the calendar as PNG, 1920 x 1080, private") {
    Harness h;
    const fs::path png = h.export_via_menu("menu export png");
    CHECK(png.filename() == "course-plan-calendar.png");
    const std::string bytes = read(png);
    REQUIRE(bytes.size() > 24);
    CHECK(bytes.compare(0, 8, "\x89PNG\r\n\x1a\n") == 0);
    const auto be32 = [&](std::size_t at) {
        return (static_cast<unsigned>(static_cast<unsigned char>(bytes[at])) << 24) |
               (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 1])) << 16) |
               (static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 2])) << 8) |
               static_cast<unsigned>(static_cast<unsigned char>(bytes[at + 3]));
    };
    CHECK(be32(16) == 1920);
    CHECK(be32(20) == 1080);
    CHECK(mode_of(png) == 0600);
    CHECK(h.state.notice.has_value());
    CHECK(h.state.notice->text == "Exported course-plan-calendar.png.");
    // The picture of this plan as export_bytes paints it (painting is deterministic).
    ExportJob job;
    job.kind = ExportKind::slide_png;
    const auto again = export_bytes(h.state, job);
    REQUIRE(again.ok());
    CHECK(bytes == *again);
}

TEST_CASE("Export: SVG and PDF slides of the timeline open in rsvg-convert and pdfinfo") {
    Harness h;
    REQUIRE(apply(h.state, cmd::SetView{View::timeline}));
    const fs::path svg = h.export_via_menu("menu export svg");
    CHECK(svg.filename() == "course-plan-timeline.svg");
    CHECK(run("rsvg-convert -o " + quoted(h.dir.path / "svg.png") + " " + quoted(svg)) == 0);
    CHECK(fs::file_size(h.dir.path / "svg.png") > 1000);
    const fs::path pdf = h.export_via_menu("menu export pdf");
    CHECK(pdf.filename() == "course-plan-timeline.pdf");
    CHECK(run("pdfinfo " + quoted(pdf)) == 0);
    CHECK(run("pdftotext " + quoted(pdf) + " - | grep -q 'not a dosing tool\\|educational'") == 0);
}

TEST_CASE("Export: the handout is a PDF of several pages, A4 unless Letter is ticked") {
    Harness h;
    const fs::path a4 = h.export_via_menu("menu export handout");
    CHECK(a4.filename() == "course-plan-handout.pdf");
    REQUIRE(run("pdfinfo " + quoted(a4)) == 0);
    CHECK(run("pdfinfo " + quoted(a4) + " | grep -q 'Page size: *595.* x 842'") == 0);
    REQUIRE(h.click("menu export"));
    REQUIRE(h.click("menu export letter"));
    CHECK(h.state.view.export_options.letter);
    fs::remove(a4);
    const fs::path letter = h.export_via_menu("menu export handout");
    CHECK(run("pdfinfo " + quoted(letter) + " | grep -q 'Page size: *612 x 792'") == 0);
}

TEST_CASE("Add to my calendar: an .ics python3-icalendar reads, reminders and notes when ticked") {
    Harness h;
    const planner::VisitId first{"iv-six-two-weeks", "induction", 1};
    REQUIRE(apply(h.state, cmd::SetNote{first, "Sam drives me home"}));
    const fs::path ics = h.export_via_menu("menu export ics");
    CHECK(ics.filename() == "course-plan.ics");
    const std::string check =
        "/usr/bin/python3 -c \"import icalendar,sys; "
        "c=icalendar.Calendar.from_ical(open(sys.argv[1],"
        "'rb').read()); ev=[e for e in c.walk('VEVENT')]; assert len(ev) > 8; "
        "sys.exit(0 if any(e.walk('VALARM') for e in ev) else 3)\" ";
    CHECK(run(check + quoted(ics)) == 3);                              // events, no alarms
    CHECK(read(ics).find("Sam drives me home") == std::string::npos);  // notes are personal
    CHECK(read(ics).find("BEGIN:VALARM") == std::string::npos);

    REQUIRE(h.click("menu export"));
    REQUIRE(h.click("menu export reminders"));
    REQUIRE(h.click("menu export"));
    REQUIRE(h.click("menu export notes"));
    CHECK(h.state.view.export_options.reminders);
    CHECK(h.state.view.export_options.notes);
    // The same name again: Replace first, then it is written over.
    REQUIRE(h.click("menu export"));
    REQUIRE(h.click("menu export ics"));
    REQUIRE(h.click("dialog ok"));
    REQUIRE(h.state.files.dialog.has_value());
    CHECK(h.state.files.dialog->confirm_replace);
    REQUIRE(h.click("dialog ok"));
    CHECK_FALSE(h.state.files.dialog.has_value());
    CHECK(run(check + quoted(ics)) == 0);  // alarms now
    CHECK(read(ics).find("Sam drives me home") != std::string::npos);
    // Exporting is not an edit: nothing to undo, nothing unsaved.
    CHECK(h.state.doc.history.undo_name() == "add a note to induction infusion 1 of course A");
}

TEST_CASE("Export with every course hidden says why and writes nothing") {
    Harness h;
    REQUIRE(apply(h.state, cmd::SetHidden{0, true}));
    REQUIRE(apply(h.state, cmd::SetHidden{1, true}));
    REQUIRE(h.click("menu export"));
    REQUIRE(h.click("menu export png"));
    const fs::path path = h.state.files.dialog->path;
    REQUIRE(h.click("dialog ok"));
    REQUIRE(h.state.files.dialog.has_value());
    CHECK(h.state.files.dialog->error.find("every course is hidden") != std::string::npos);
    CHECK_FALSE(fs::exists(path));
}
