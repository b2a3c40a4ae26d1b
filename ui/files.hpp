// The window's plan files: which file the plan belongs to, the recent plans, the file
// dialog, the unsaved-changes prompt, autosave and the restore offered after a crash. The
// state lives here; the commands that change it are in ui/app.hpp and are applied by
// ui/file_commands.cpp, the one place the window opens, saves and autosaves plans.
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ui/autosave.hpp"

namespace ui {

namespace fs = std::filesystem;

enum class DialogKind { open, save_as, export_file };

// What the Export menu writes: a slide of the view on screen, the handout, a calendar file.
enum class ExportKind { slide_png, slide_svg, slide_pdf, handout, calendar };
struct ExportJob {
    ExportKind kind = ExportKind::slide_png;
    bool reminders = false;  // calendar: the evening-before and before-fasting alarms
    bool notes = false;      // calendar: the visits' notes (personal: only when ticked)
    bool letter = false;     // handout: US Letter paper, else A4
};

// What to do once unsaved changes are saved or discarded.
enum class Then { nothing, quit, new_plan, open_dialog, open_path };

// The in-window file dialog (the desktop's chooser is used instead when a portal runs).
struct FileDialog {
    std::uint64_t id = 0;  // each dialog shown has its own (the platform offers it once)
    DialogKind kind = DialogKind::open;
    std::string path;                  // the field: the full path of the file
    fs::path folder;                   // the folder listed below the field
    std::vector<std::string> entries;  // its plan files (*.courseplan.json), sorted
    std::vector<fs::path> folders;     // the recent plans' folders, then home
    bool confirm_replace = false;      // save_as: the file exists; Replace saves over it
    bool with_portal = false;          // the desktop's chooser has it; the window waits
    std::string error;                 // why the last try failed
    Then then = Then::nothing;         // after saving (from the unsaved-changes prompt)
    fs::path then_path;
    ExportJob job{};  // export_file: what is written
};

// "Save changes to X before closing?" with Save, Discard and Cancel.
struct SavePrompt {
    Then then = Then::quit;
    fs::path path;  // Then::open_path: the plan to open next
};

struct FileState {
    std::optional<fs::path> path;       // the plan's file; none: an untitled plan
    std::vector<fs::path> recent;       // newest first, at most kRecentPlans
    fs::path state_dir;                 // recent.json and autosave/; empty: nothing is kept
    fs::path home;                      // "~" in the path field; listed in the dialog
    std::string session;                // this window's name for its autosave
    std::shared_ptr<SessionLock> lock;  // held from the first autosave until the window ends
    std::optional<FileDialog> dialog;
    std::uint64_t dialogs_shown = 0;
    std::optional<SavePrompt> prompt;
    std::optional<AutosaveInfo> recovery;  // unsaved changes of a session that ended
    std::uint64_t autosaved_version = 0;   // the document version last autosaved
    bool quit = false;                     // the platform closes the window
};

}  // namespace ui
