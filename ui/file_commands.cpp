// [SECTION] Index: names, the recent list, open / save / new, what comes after a prompt,
// the dialog, autosave and recovery, the dispatcher, start of a session.
#include "ui/file_commands.hpp"

#include <algorithm>
#include <system_error>
#include <type_traits>

#include "planner/io.hpp"
#include "planner/plan_io.hpp"
#include "ui/export_menu.hpp"
#include "ui/recent.hpp"

namespace ui {

namespace {

// [SECTION] Names
std::string file_name(const fs::path& p) {
    return p.filename().string();
}

void warn(AppState& state, std::string text) {
    report(state, text);
    state.notice = Notification{std::move(text), false, true};
}

// [SECTION] The recent list
void remember(AppState& state, const fs::path& path) {
    state.files.recent = add_recent(std::move(state.files.recent), path);
    if (state.files.state_dir.empty()) return;
    if (auto r = save_recent(state.files.state_dir / "recent.json", state.files.recent); !r)
        report(state, "recent plans not kept: " + r.error().message());
}

fs::path autosaves(const AppState& state) {
    return autosave_dir(state.files.state_dir);
}

// The document is as saved: no autosave of it is needed any more.
void mark_saved(AppState& state) {
    state.doc.saved_version = state.doc.version;
    state.files.autosaved_version = state.doc.version;
    remove_autosave(autosaves(state), state.files.session);
}

// [SECTION] Open, save, new
bool open_now(AppState& state, const fs::path& path) {
    auto plan = planner::io::load_plan_file(path);
    if (!plan) {
        // Nothing is opened and the file is not touched; the plan shown stays as it was.
        warn(state, "Not opened, and left as it is: " + plan.error().message());
        return false;
    }
    if (!replace_document(state, std::move(*plan))) {
        warn(state, "Not opened: " + path.string() + " could not be planned (see Messages)");
        return false;
    }
    state.files.path = fs::absolute(path).lexically_normal();
    mark_saved(state);
    remember(state, *state.files.path);
    return true;
}

bool save_now(AppState& state, const fs::path& path, std::string* error) {
    const fs::path target = fs::absolute(path).lexically_normal();
    if (auto r = planner::io::save_plan_file(target, state.plan); !r) {
        const std::string message = "Not saved: " + r.error().message();
        if (error != nullptr) *error = message;
        warn(state, message);
        return false;
    }
    state.files.path = target;
    mark_saved(state);
    remember(state, target);
    state.notice = Notification{"Saved " + file_name(target) + ".", false, false};
    return true;
}

void new_now(AppState& state) {
    (void)replace_document(state, planner::Plan{});
    state.files.path.reset();
    mark_saved(state);  // an empty plan has nothing to lose
}

std::vector<std::string> list_plans(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        std::error_code type_ec;
        if (planner::io::is_plan_path(name) && !it->is_directory(type_ec)) names.push_back(name);
    }
    std::sort(names.begin(), names.end());
    return names;
}

fs::path default_folder(const AppState& state) {
    if (state.files.path) return state.files.path->parent_path();
    if (!state.files.recent.empty()) return state.files.recent.front().parent_path();
    if (!state.files.home.empty()) return state.files.home;
    std::error_code ec;
    return fs::current_path(ec);
}

void show_dialog(AppState& state, DialogKind kind, Then then = Then::nothing,
                 fs::path then_path = {}, ExportJob job = {}) {
    FileDialog d;
    d.job = job;
    d.id = ++state.files.dialogs_shown;
    d.kind = kind;
    d.folder = default_folder(state);
    d.folders = recent_folders(state.files.recent, state.files.home);
    d.entries = list_plans(d.folder);
    if (kind == DialogKind::save_as)
        d.path = (d.folder / (state.files.path ? file_name(*state.files.path)
                                               : std::string("plan.courseplan.json")))
                     .string();
    else if (kind == DialogKind::export_file)
        d.path = (d.folder / export_file_name(state, d.job.kind)).string();
    else
        d.path = d.folder.empty() ? std::string() : (d.folder / "").string();
    d.then = then;
    d.then_path = std::move(then_path);
    state.files.dialog = std::move(d);
}

// [SECTION] What comes after a prompt (or a save the prompt asked for)
void carry_on(AppState& state, Then then, const fs::path& path) {
    switch (then) {
        case Then::nothing: break;
        case Then::quit: state.files.quit = true; break;
        case Then::new_plan: new_now(state); break;
        case Then::open_dialog: show_dialog(state, DialogKind::open); break;
        case Then::open_path: (void)open_now(state, path); break;
    }
}

// New, Open and Quit: straight on when nothing is unsaved, else the prompt first.
bool ask_or_carry_on(AppState& state, Then then, const fs::path& path = {}) {
    if (unsaved(state)) {
        state.files.prompt = SavePrompt{then, path};
        return true;
    }
    carry_on(state, then, path);
    return true;
}

// [SECTION] The dialog
// An export: the picture or calendar written where asked (0600, atomically), never a plan.
bool confirm_export(AppState& state) {
    FileDialog& d = *state.files.dialog;
    if (d.path.empty() || d.path.back() == '/') {
        d.error = "Type a file name after the folder.";
        return true;
    }
    fs::path path = resolve_typed_path(d.path, state.files.home, false);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {  // a folder typed in: save into it
        d.folder = path;
        d.path = (path / export_file_name(state, d.job.kind)).string();
        d.error.clear();
        return true;
    }
    if (!path.has_extension()) path += export_extension(d.job.kind);
    if (fs::exists(path, ec) && !d.confirm_replace) {
        d.path = path.string();
        d.confirm_replace = true;
        d.error = file_name(path) + " exists. Replace writes over it.";
        return true;
    }
    const planner::Result<std::string> bytes = export_bytes(state, d.job);
    if (!bytes) {
        d.error = "Not exported: " + bytes.error().message();
        d.confirm_replace = false;
        return true;
    }
    std::string warning;
    if (auto w = planner::io::write_file_atomic(path, *bytes, true, &warning); !w) {
        d.error = "Not exported: " + w.error().message();
        d.confirm_replace = false;
        return true;
    }
    state.files.dialog.reset();
    state.notice = Notification{
        "Exported " + file_name(path) + "." + (warning.empty() ? "" : " " + warning), false, false};
    return true;
}

bool confirm(AppState& state) {
    if (state.files.dialog->kind == DialogKind::export_file) return confirm_export(state);
    FileDialog& d = *state.files.dialog;
    const bool save = d.kind == DialogKind::save_as;
    if (d.path.empty() || d.path.back() == '/') {
        d.error = save ? "Type a file name after the folder." : "Choose a plan in the list.";
        return true;
    }
    const fs::path path = resolve_typed_path(d.path, state.files.home, save);
    std::error_code ec;
    if (fs::is_directory(path, ec)) {  // a folder typed in: show it
        d.folder = path;
        d.entries = list_plans(path);
        d.path = (path / "").string();
        d.error.clear();
        return true;
    }
    if (!save) {
        if (!fs::exists(path, ec)) {
            d.error = "There is no file " + path.string() + ".";
            return true;
        }
        if (open_now(state, path)) {
            state.files.dialog.reset();
        } else {
            d.error = state.notice ? state.notice->text : "Not opened.";
        }
        return true;
    }
    if (fs::exists(path, ec) && !d.confirm_replace) {
        d.path = path.string();
        d.confirm_replace = true;
        d.error = file_name(path) + " exists. Replace saves over it (the old one is kept as " +
                  file_name(path) + "~).";
        return true;
    }
    std::string error;
    if (!save_now(state, path, &error)) {
        d.error = error;
        d.confirm_replace = false;
        return true;
    }
    const Then then = d.then;
    const fs::path then_path = d.then_path;
    state.files.dialog.reset();
    carry_on(state, then, then_path);
    return true;
}

// [SECTION] Autosave and recovery
bool autosave_now(AppState& state) {
    const fs::path dir = autosaves(state);
    if (dir.empty()) return false;
    if (!unsaved(state)) {  // undone back to the saved plan: nothing to keep
        remove_autosave(dir, state.files.session);
        state.files.autosaved_version = state.doc.version;
        return false;
    }
    if (state.files.autosaved_version == state.doc.version) return false;
    state.files.autosaved_version = state.doc.version;
    // The lock first: an autosave on disk always has a live session or none behind it.
    if (!state.files.lock) state.files.lock = SessionLock::take(dir, state.files.session);
    if (!state.files.lock) {
        report(state, "unsaved changes not autosaved: " + dir.string() + " could not be locked");
        return true;
    }
    if (auto r = write_autosave(dir, state.files.session, planner::io::plan_to_json(state.plan),
                                state.files.path);
        !r) {
        report(state, "unsaved changes not autosaved: " + r.error().message());
        return true;
    }
    return false;  // nothing on screen changes
}

bool recover(AppState& state, bool restore) {
    if (!state.files.recovery) return false;
    const AutosaveInfo info = *state.files.recovery;
    state.files.recovery.reset();
    if (!restore) {
        discard_autosave(info);
        return true;
    }
    auto plan = planner::io::load_plan_file(info.plan_file);
    if (!plan || !replace_document(state, std::move(*plan))) {
        warn(state, "The unsaved changes could not be restored" +
                        (plan ? std::string(".") : ": " + plan.error().message()) +
                        " They are kept in " + info.plan_file.string() + ".");
        return true;
    }
    state.files.path = info.original;
    state.doc.saved_version = 0;  // restored changes are unsaved until saved
    if (!state.files.lock)
        state.files.lock = SessionLock::take(autosaves(state), state.files.session);
    if (state.files.lock && adopt_autosave(info, autosaves(state), state.files.session))
        state.files.autosaved_version = state.doc.version;
    state.notice =
        Notification{"Restored the unsaved changes" +
                         (info.saved_at.empty() ? std::string() : " from " + info.saved_at) +
                         (info.original ? " to " + file_name(*info.original) : std::string()) + ".",
                     false, false};
    return true;
}

}  // namespace

std::string document_name(const AppState& state) {
    return state.files.path ? file_name(*state.files.path) : std::string("Untitled plan");
}

std::string window_title(const AppState& state) {
    return (unsaved(state) ? "*" : "") + document_name(state) + " - Course Planner";
}

fs::path resolve_typed_path(const std::string& typed, const fs::path& home, bool add_suffix) {
    std::string text = typed;
    if (!home.empty() && (text == "~" || text.rfind("~/", 0) == 0))
        text = home.string() + text.substr(1);
    fs::path path(text);
    if (add_suffix && !planner::io::is_plan_path(path.filename().string()) &&
        !path.filename().empty()) {
        std::string name = path.filename().string();
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0)
            name.resize(name.size() - 5);
        path.replace_filename(name + std::string(planner::io::kPlanSuffix));
    }
    std::error_code ec;
    return fs::absolute(path, ec).lexically_normal();
}

// [SECTION] The dispatcher
bool apply_file_command(AppState& state, const Command& command) {
    return std::visit(
        [&state](const auto& c) -> bool {
            using T = std::decay_t<decltype(c)>;
            FileState& files = state.files;
            if constexpr (std::is_same_v<T, cmd::NewPlan>) {
                return ask_or_carry_on(state, Then::new_plan);
            } else if constexpr (std::is_same_v<T, cmd::ShowOpen>) {
                return ask_or_carry_on(state, Then::open_dialog);
            } else if constexpr (std::is_same_v<T, cmd::OpenPlan>) {
                return ask_or_carry_on(state, Then::open_path, c.path);
            } else if constexpr (std::is_same_v<T, cmd::ShowSaveAs>) {
                show_dialog(state, DialogKind::save_as);
                return true;
            } else if constexpr (std::is_same_v<T, cmd::Save>) {
                if (files.path)
                    (void)save_now(state, *files.path, nullptr);
                else
                    show_dialog(state, DialogKind::save_as);
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SaveAs>) {
                (void)save_now(state, c.path, nullptr);
                return true;
            } else if constexpr (std::is_same_v<T, cmd::Quit>) {
                if (files.dialog || files.prompt) return false;  // answer those first
                return ask_or_carry_on(state, Then::quit);
            } else if constexpr (std::is_same_v<T, cmd::AnswerPrompt>) {
                if (!files.prompt) return false;
                const SavePrompt prompt = *files.prompt;
                files.prompt.reset();
                switch (c.answer) {
                    case cmd::Answer::cancel: return true;
                    case cmd::Answer::discard:
                        // The changes go with what replaces them (or with the window).
                        remove_autosave(autosaves(state), files.session);
                        files.autosaved_version = 0;  // written again if they stay (a failed open)
                        carry_on(state, prompt.then, prompt.path);
                        return true;
                    case cmd::Answer::save:
                        if (!files.path) {
                            show_dialog(state, DialogKind::save_as, prompt.then, prompt.path);
                            return true;
                        }
                        if (save_now(state, *files.path, nullptr))
                            carry_on(state, prompt.then, prompt.path);
                        return true;
                }
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogEdit>) {
                if (!files.dialog) return false;
                files.dialog->path = c.path;
                files.dialog->confirm_replace = false;
                files.dialog->error.clear();
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogFolder>) {
                if (!files.dialog) return false;
                FileDialog& d = *files.dialog;
                const std::string name =
                    d.kind == DialogKind::save_as ? fs::path(d.path).filename().string() : "";
                d.folder = c.folder;
                d.entries = list_plans(c.folder);
                d.path = (c.folder / name).string();
                d.confirm_replace = false;
                d.error.clear();
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogPick>) {
                if (!files.dialog) return false;
                files.dialog->path = (files.dialog->folder / c.name).string();
                files.dialog->confirm_replace = false;
                files.dialog->error.clear();
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogConfirm>) {
                if (!files.dialog) return false;
                return confirm(state);
            } else if constexpr (std::is_same_v<T, cmd::DialogCancel>) {
                if (!files.dialog) return false;
                files.dialog.reset();  // and whatever was to follow it (a quit) is off
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogPortal>) {
                if (!files.dialog || files.dialog->with_portal) return false;
                files.dialog->with_portal = true;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::DialogChosen>) {
                if (!files.dialog) return false;
                if (!c.path) {
                    files.dialog.reset();
                    return true;
                }
                FileDialog& d = *files.dialog;
                d.path = c.path->string();
                d.confirm_replace = true;  // the desktop's chooser asked about replacing
                d.with_portal = false;     // a failure shows in the window's own dialog
                return confirm(state);
            } else if constexpr (std::is_same_v<T, cmd::ShowExport>) {
                if (files.dialog || files.prompt) return false;
                show_dialog(state, DialogKind::export_file, Then::nothing, {}, c.job);
                return true;
            } else if constexpr (std::is_same_v<T, cmd::SetExportOptions>) {
                const ExportJob& o = state.view.export_options;
                if (o.reminders == c.options.reminders && o.notes == c.options.notes &&
                    o.letter == c.options.letter)
                    return false;
                state.view.export_options = c.options;
                return true;
            } else if constexpr (std::is_same_v<T, cmd::Autosave>) {
                return autosave_now(state);
            } else if constexpr (std::is_same_v<T, cmd::Recover>) {
                return recover(state, c.restore);
            } else {
                return false;
            }
        },
        command);
}

void start_session(AppState& state, const fs::path& state_dir, const fs::path& home,
                   const std::string& session) {
    state.files.state_dir = state_dir;
    state.files.home = home;
    state.files.session = session;
    state.files.autosaved_version = state.doc.version;  // nothing to autosave yet
    if (state_dir.empty()) return;
    state.files.recent = load_recent(state_dir / "recent.json");
    std::vector<AutosaveInfo> orphans = find_orphans(autosave_dir(state_dir));
    if (!orphans.empty()) state.files.recovery = std::move(orphans.front());
}

}  // namespace ui
