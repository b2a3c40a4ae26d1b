// The window's state and the commands that change it. Views are functions of
// (const AppState&) that push Commands; apply is the one place that changes state: it
// re-expands the plan (planner::plan_courses), records undo steps for document edits,
// tells saved from unsaved and asks for a redraw. The platform code pushes commands too
// (today's date, the window size, its own errors): it never writes the state itself.
// The document is a planner::Plan: courses with stable ids and their own protocol copies,
// and per-visit overrides by VisitId (what a plan file saves).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/plan.hpp"
#include "ui/files.hpp"
#include "ui/undo.hpp"

namespace ui {

namespace chr = std::chrono;

enum class Theme { light, dark };
enum class View { calendar, timeline };

// Persisted between runs (XDG config dir), read key by key with defaults.
struct Settings {
    Theme theme = Theme::light;
    float zoom = 1.0f;  // Ctrl+plus/minus; multiplies the monitor's content scale
    // The first window fits a 1366x768 laptop screen with its panel (the size of Dear ImGui's
    // own example); the window is remembered at the size it is left.
    int window_width = 1280;
    int window_height = 720;
    chr::weekday week_start = chr::Monday;
    View view = View::calendar;
    bool timeline_dates = false;  // false: weeks since start; true: calendar dates
};

struct Selection {
    std::size_t course = 0;
    std::optional<std::size_t> visit;  // index into that course's expansion.visits
    // Filled by apply: who that is, so the selection follows its visit through edits (the
    // indices above are found again from these after every re-plan).
    std::string course_id{};
    std::optional<planner::VisitId> visit_id{};
};

// A visit being dragged to another day (calendar) or along its lane (timeline).
struct DragState {
    planner::VisitId visit;
    std::size_t course = 0;
    std::size_t index = 0;  // into the course's visits when the drag began
    float press_x = 0.0f;   // where the mouse went down, in screen pixels
    float press_y = 0.0f;
    float grab_days = 0.0f;  // timeline: how far into a window the mouse took hold, in days
    bool timeline = false;
};

// What a click on a calendar day does: select (the default), or close / reopen that day
// for one course. Ctrl+click closes or reopens whatever the tool.
enum class DayTool { select, close_days };

// Not persisted: where the person is looking.
struct ViewState {
    bool presenting = false;
    int present_week = 0;  // index into layout::week_steps
    std::optional<Selection> selection;
    std::optional<Selection> hovered;
    chr::year_month first_month{};      // calendar scroll anchor
    float timeline_days_per_em = 0.5f;  // zoom: days shown per em of width
    float timeline_pan_days = 0.0f;     // first visible day
    chr::year_month_day focused_day{};  // keyboard navigation in the calendar
    std::optional<DragState> drag;
    std::optional<planner::VisitId> menu_visit;  // the visit whose context menu is open
    DayTool day_tool = DayTool::select;
    std::string day_tool_course;  // the course id days are closed for
    ExportJob export_options{};   // the Export menu's ticks (reminders, notes, paper)
};

// What the calendar computed from the plan, kept across frames. ImGui redraws the whole
// window on every event (a mouse move, a key), but the month grids and their fitted labels
// change only when the plan does (replan bumps AppState::planned_revision), the pane's
// width, the font or the options change: the key holds all of them, and any change clears
// the lot. Grids and heights are made for every month shown; a month's labels are fitted
// the first time it is drawn, so a long plan costs only the months on screen.
struct CalendarCache {
    struct Key {
        std::uint64_t revision = 0;
        const void* planned = nullptr;  // the plan's storage: a new vector is a new plan
        std::size_t courses = 0;
        chr::weekday week_start{};
        chr::year_month_day today{};
        double cell_w = 0.0;  // em
        const void* font = nullptr;
        float font_size = 0.0f;
        bool operator==(const Key&) const = default;
    };
    struct Month {
        planner::layout::MonthGrid grid;
        double height = 0.0;                                 // em: layout::month_height
        std::optional<planner::layout::FittedMonth> fitted;  // once it has been drawn
    };
    std::optional<Key> key;
    std::vector<chr::year_month> months;
    std::vector<Month> entries;  // one per month, same order
};

// The same idea for the other views: what they compute from the plan and the pane, kept
// until the plan (planned_revision, the storage of planned), the width or the font changes.
// Each key holds everything its result depends on; a key that differs rebuilds the entry.
// Colours, the selection and the scroll position are never cached: they are read per frame.
struct PlanKey {
    std::uint64_t revision = 0;
    const void* planned = nullptr;
    std::size_t courses = 0;
    bool operator==(const PlanKey&) const = default;
};

// The legend's words, wrapped lines and places (draw::legend). The views ask for a few
// different legends in one frame (the timeline measures, then draws), so a few are kept.
struct LegendCache {
    struct Key {
        PlanKey plan;
        bool today = false;
        bool more = false;
        std::vector<std::pair<std::size_t, std::size_t>> phase_names;
        bool brief = false;
        const void* font = nullptr;
        float em = 0.0f;
        float width = 0.0f;
        bool operator==(const Key&) const = default;
    };
    struct Placed {
        planner::layout::LegendItem item;
        float key_w = 0.0f;
        float x = 0.0f;  // from the legend's origin
        float y = 0.0f;
        std::vector<std::string> lines;
    };
    struct Entry {
        Key key;
        std::vector<Placed> items;
        float height = 0.0f;
    };
    std::vector<Entry> entries;  // newest last, at most kEntries
    static constexpr std::size_t kEntries = 8;
};

// Which visits a difference from the published schedule names (the ≠ badge), per course.
struct MarksCache {
    std::optional<PlanKey> key;
    std::vector<std::vector<bool>> differs;  // [course][visit]
};

// The comparison table's figures (details panel) and the widest word a column must hold.
struct ComparisonCache {
    struct Key {
        PlanKey plan;
        const void* font = nullptr;
        float font_size = 0.0f;
        bool operator==(const Key&) const = default;
    };
    std::optional<Key> key;
    std::vector<std::size_t> shown;                // courses not hidden
    std::vector<std::vector<std::string>> values;  // [figure][shown]
    std::vector<std::string> letters;              // [shown]
    std::vector<std::string> routes;               // [shown]
    float widest = 0.0f;                           // pixels
};

// The timeline's lanes, their fitted labels, axis ticks and lane titles: kept while the plan,
// the pane, the zoom and pan and the font stay the same.
struct TimelineCache {
    struct Key {
        PlanKey plan;
        bool relative = true;
        const void* font = nullptr;
        float font_size = 0.0f;
        bool operator==(const Key&) const = default;
    };
    struct FitKey {
        double plot_w = 0.0;
        double days_per_em = 0.0;
        double pan_days = 0.0;
        double lane_h = 0.0;
        bool operator==(const FitKey&) const = default;
    };
    struct Fitted {
        FitKey key;
        std::vector<planner::layout::FittedLane> lanes;
    };
    struct TitleKey {
        float wrap = 0.0f;
        int lines = 0;
        bool operator==(const TitleKey&) const = default;
    };
    std::optional<Key> key;
    planner::layout::Timeline timeline;
    std::vector<Fitted> fitted;  // the last few (the view fits twice a frame)
    std::optional<FitKey> ticks_key;
    std::vector<planner::layout::AxisTick> ticks;
    std::optional<TitleKey> titles_key;
    std::vector<std::optional<std::vector<std::string>>> titles;  // [lane]: lines as drawn
};

// The three panels of the editing layout, each drawn again from its last frame while
// nothing it shows changed (ui/replay.hpp, which defines PanelReplays). A copy starts empty,
// like every cache: it draws in full once.
struct PanelReplays;
class PanelReplayStore {
public:
    PanelReplayStore();
    ~PanelReplayStore();
    PanelReplayStore(const PanelReplayStore&);
    PanelReplayStore& operator=(const PanelReplayStore&);
    PanelReplayStore(PanelReplayStore&&) noexcept;
    PanelReplayStore& operator=(PanelReplayStore&&) noexcept;
    [[nodiscard]] PanelReplays& get() const;

private:
    mutable std::unique_ptr<PanelReplays> p_;
};

struct ViewCaches {
    LegendCache legend;
    MarksCache marks;
    ComparisonCache comparison;
    TimelineCache timeline;
    PanelReplayStore panels;
    bool replay_panels = true;  // off only in the tests that compare
};

// What undo steps through and a plan file saves: the courses as the person set them up
// and their per-visit changes.
using Document = planner::Plan;

// The document's history and whether it is saved. Every document state has its own
// version number, so undoing back to the saved state makes the plan clean again.
struct DocumentState {
    History<Document> history;
    std::uint64_t version = 0;        // of the document as it is now
    std::uint64_t saved_version = 0;  // as last opened or saved
    std::uint64_t next_version = 1;
    bool edited = false;  // set by an edit that went through (apply reads and resets it)
};

// One line under the toolbar about the last edit, e.g. "Course B removed. Undo (Ctrl+Z)".
// It stays until the next edit or until dismissed: no timer wakes the window for it.
struct Notification {
    std::string text;
    bool offers_undo = false;  // draws an Undo button beside the text
    bool warning = false;      // something failed (a plan that could not be opened)
};

struct AppState {
    planner::io::Library library;
    // Folders whose other presets are still to be read: the window starts on a library of its
    // courses' own presets (ui::load_courses) and reads the rest once its first frame is on
    // screen (complete_library). Empty when the library is whole.
    std::vector<std::filesystem::path> library_unread;
    // The plan as the person set it up; `planned` is recomputed from it.
    Document plan;
    std::vector<planner::PlannedCourse> planned;  // visible and hidden, same order as plan
    std::uint64_t planned_revision = 0;           // bumped by every replan
    // Bumped by every command that changed something (apply): what a replayed panel checks.
    std::uint64_t revision = 0;
    std::vector<std::string> errors;  // shown in the courses panel, newest last
    // A field's bad input, keyed by field ("start 0"): shown beside it, gone once the field
    // holds a valid value again or when dismissed.
    std::map<std::string, std::string> input_errors;
    std::optional<Notification> notice;
    DocumentState doc;
    FileState files;
    Settings settings;
    ViewState view;
    chr::year_month_day today{};
    // Derived from the fields above and rebuilt when they change (see CalendarCache); the
    // views take a const AppState, so it is the one mutable part.
    mutable CalendarCache calendar_cache;
    mutable ViewCaches caches;  // the other views' (see ViewCaches)
};

// The key of what state.planned is now.
[[nodiscard]] inline PlanKey plan_key(const AppState& state) {
    return PlanKey{state.planned_revision, state.planned.data(), state.planned.size()};
}

// True when the document differs from the file it was opened from or last saved to.
[[nodiscard]] bool unsaved(const AppState& state);
// The key of a course's start date field in input_errors.
[[nodiscard]] std::string start_field(std::size_t course);

// [SECTION] Commands
namespace cmd {
struct AddCourse {
    std::string protocol_id;
    chr::year_month_day start;
};
struct RemoveCourse {
    std::size_t course;
};
struct SetHidden {
    std::size_t course;
    bool hidden;
};
struct SetStart {
    std::size_t course;
    chr::year_month_day start;
};
struct ToggleClinicDay {
    std::size_t course;
    chr::weekday day;
};
struct AddClosed {
    std::size_t course;
    chr::year_month_day date;
};
struct RemoveClosed {
    std::size_t course;
    chr::year_month_day date;
};
struct Select {
    std::optional<Selection> selection;
};
struct SetView {
    View view;
};
struct SetTimelineDates {
    bool dates;
};
struct SetTheme {
    Theme theme;
};
struct SetZoom {
    float zoom;
};
struct SetWeekStart {
    chr::weekday day;
};
struct Present {
    bool on;
};
struct StepWeek {
    int delta;
};
struct ScrollCalendar {
    chr::year_month first_month;
};
struct SetTimelineView {
    float days_per_em;
    float pan_days;
};
struct FocusDay {
    chr::year_month_day day;
};
// The document's history (Ctrl+Z; Ctrl+Shift+Z or Ctrl+Y).
struct Undo {};
struct Redo {};
// From the platform: a new day began, the window was resized, something failed.
struct SetToday {
    chr::year_month_day today;
};
struct SetWindowSize {
    int width;
    int height;
};
struct ReportError {
    std::string message;
};
struct DismissError {
    std::size_t index;  // into AppState::errors
};
// A field's input could not be used; `message` says what is accepted.
struct InputError {
    std::string field;
    std::string message;
};
struct DismissInputError {
    std::string field;
};
struct DismissNotice {};
// Files. New, Open, Quit (and opening a recent plan) ask first when there are unsaved
// changes; Save without a file asks where, like Save As.
struct NewPlan {};
struct ShowOpen {};
struct ShowSaveAs {};
struct OpenPlan {
    fs::path path;
};
struct Save {};
struct SaveAs {
    fs::path path;
};
struct Quit {};
// The unsaved-changes prompt.
enum class Answer { save, discard, cancel };
struct AnswerPrompt {
    Answer answer;
};
// The in-window file dialog.
struct DialogEdit {
    std::string path;
};
struct DialogFolder {
    fs::path folder;
};
struct DialogPick {
    std::string name;  // a file in the folder shown
};
struct DialogConfirm {};
struct DialogCancel {};
// From the platform: the desktop's chooser took the dialog; what it returned (none: cancel).
struct DialogPortal {};
struct DialogChosen {
    std::optional<fs::path> path;
};
// Changes to one visit of the plan (overrides, by stable id), undoable like any edit.
struct MoveVisit {
    planner::VisitId visit;
    chr::year_month_day date;
};
struct SetSkipped {
    planner::VisitId visit;
    bool skipped;
};
struct SetMissed {
    planner::VisitId visit;
    bool missed;
};
struct SetNote {
    planner::VisitId visit;
    std::string note;  // empty: no note
};
struct SetVisitTime {
    planner::VisitId visit;
    std::optional<chr::minutes> time;  // none: the course's usual time
};
// Back to the published date: no move, no skip, no missed (a note and a time stay).
struct RestoreVisit {
    planner::VisitId visit;
};
struct SetCourseTime {
    std::size_t course;
    chr::minutes time;  // the usual visit start, minutes after midnight
};
// A day clicked with the close tool (or Ctrl+click): closed becomes open and back.
struct ToggleClosedDay {
    std::size_t course;
    chr::year_month_day date;
};
// View only, never undone: a drag in progress, the visit menu, the day tool.
struct SetDrag {
    std::optional<DragState> drag;
};
struct OpenVisitMenu {
    std::optional<planner::VisitId> visit;
};
struct SetDayTool {
    DayTool tool;
    std::string course;  // a course id; empty: keep the one chosen
};
// The Export menu: ask where (the save dialog), then write the file; and its ticks.
struct ShowExport {
    ExportJob job;
};
struct SetExportOptions {
    ExportJob options;
};
// From the platform's timer: write the unsaved changes to the autosave folder.
struct Autosave {};
// The restore offered at start: true restores the unsaved changes, false discards them.
struct Recover {
    bool restore;
};
}  // namespace cmd

using Command = std::variant<
    cmd::AddCourse, cmd::RemoveCourse, cmd::SetHidden, cmd::SetStart, cmd::ToggleClinicDay,
    cmd::AddClosed, cmd::RemoveClosed, cmd::Select, cmd::SetView, cmd::SetTimelineDates,
    cmd::SetTheme, cmd::SetZoom, cmd::SetWeekStart, cmd::Present, cmd::StepWeek,
    cmd::ScrollCalendar, cmd::SetTimelineView, cmd::FocusDay, cmd::Undo, cmd::Redo, cmd::SetToday,
    cmd::SetWindowSize, cmd::ReportError, cmd::DismissError, cmd::InputError,
    cmd::DismissInputError, cmd::DismissNotice, cmd::NewPlan, cmd::ShowOpen, cmd::ShowSaveAs,
    cmd::OpenPlan, cmd::Save, cmd::SaveAs, cmd::Quit, cmd::AnswerPrompt, cmd::DialogEdit,
    cmd::DialogFolder, cmd::DialogPick, cmd::DialogConfirm, cmd::DialogCancel, cmd::DialogPortal,
    cmd::DialogChosen, cmd::Autosave, cmd::Recover, cmd::MoveVisit, cmd::SetSkipped, cmd::SetMissed,
    cmd::SetNote, cmd::SetVisitTime, cmd::RestoreVisit, cmd::SetCourseTime, cmd::ToggleClosedDay,
    cmd::SetDrag, cmd::OpenVisitMenu, cmd::SetDayTool, cmd::ShowExport, cmd::SetExportOptions>;

using Commands = std::vector<Command>;
// What the views call to ask for something. Out of line: growing a vector of this 57-way
// variant costs several seconds of compile time in every file that does it.
void push(Commands& out, Command&& command);

// Applies one command; returns true when something visible changed. A document edit that
// goes through is recorded for undo under its name (edit_name).
bool apply(AppState& state, const Command& command);
// What Undo would call this command ("remove course B"), or empty when it is not a document
// edit (selection, scrolling, zoom, theme and the like are not undone).
[[nodiscard]] std::string edit_name(const AppState& state, const Command& command);
// Changes the plan transactionally and records it as an edit: if the engine refuses the
// result, the plan stays as it was and the reason is in errors. `edit` returns false when
// it changed nothing.
bool edit_plan(AppState& state, const std::function<bool(planner::Plan&)>& edit);
// The visit with this id in the plan as planned, or nullptr (skipped, or no such visit).
[[nodiscard]] const planner::Visit* find_visit(const AppState& state, const planner::VisitId& id,
                                               std::size_t* course = nullptr,
                                               std::size_t* index = nullptr);
[[nodiscard]] std::optional<std::size_t> course_index(const AppState& state,
                                                      std::string_view course_id);
// Replaces the whole document (a plan opened, restored or new): planned, the undo history
// cleared, the selection dropped, the calendar at the plan's first month, a new version.
// False, and nothing changed, when the engine refuses the plan (the reason is in errors).
bool replace_document(AppState& state, Document doc);
// Adds a message to errors (the newest kept).
void report(AppState& state, std::string message);
// Re-expands every course (cheap: microseconds); errors go to state.errors.
bool replan(AppState& state);  // false: the engine refused; the reason is in errors
// A protocol of the library, or nullptr when it has none with this id.
[[nodiscard]] const planner::Protocol* find_protocol(const AppState& state, const std::string& id);
// Reads the whole library from state.library_unread, then empties it (nothing to do when it
// is empty already). Its protocols replace the library's, except one read from elsewhere (a
// preset file named on the command line) whose id the folders do not hold, which stays; its
// problems are reported, each once. True when it read the folders.
bool complete_library(AppState& state);

// [SECTION] Start-up
// The first-start default: IV six infusions over two weeks beside Spravato, both starting
// next Monday (planner::next_monday).
inline constexpr const char* kDefaultPresets[] = {"iv-six-two-weeks", "spravato-label"};
// A state with this library and these courses (protocol ids; missing ones become errors),
// planned, with the calendar scrolled to the start month.
[[nodiscard]] AppState make_app_state(planner::io::Library library,
                                      const std::vector<std::string>& protocol_ids,
                                      chr::year_month_day start, chr::year_month_day today);
// The same, loading the library from planner::io::preset_dirs() (problems go to errors).
[[nodiscard]] AppState make_default_app_state(chr::year_month_day today);

// [SECTION] Views (one file each). Each draws from the state and pushes commands.
void draw_banner(const AppState& state);  // the disclaimer: every view, every frame
void draw_courses_panel(const AppState& state, Commands& out);
void draw_calendar_view(const AppState& state, Commands& out);
void draw_timeline_view(const AppState& state, Commands& out);
void draw_details_panel(const AppState& state, Commands& out);
void draw_presentation(const AppState& state, Commands& out);  // full screen, large type

}  // namespace ui
