#include "ui/session.hpp"

#include <algorithm>
#include <string>

#include "ui/export_menu.hpp"

namespace ui {

Session::Session(std::function<void()> wake) : portal_(std::move(wake)) {}

bool Session::tick(AppState& state, double now) {
    bool changed = false;
    // Autosave: the deadline moves with each edit, so a burst of edits writes once.
    if (state.doc.version != seen_version_ || state.files.autosaved_version != seen_autosaved_) {
        seen_version_ = state.doc.version;
        seen_autosaved_ = state.files.autosaved_version;
        autosave_at_ = state.doc.version != state.files.autosaved_version && !state.files.quit
                           ? now + kAutosaveDelay
                           : 0.0;
    }
    if (autosave_at_ > 0.0 && now >= autosave_at_) {
        autosave_at_ = 0.0;
        changed = apply(state, cmd::Autosave{}) || changed;
    }

    // The desktop's chooser: offered each new dialog once; the window's own one otherwise.
    const FileDialog* dialog = state.files.dialog ? &*state.files.dialog : nullptr;
    if (dialog != nullptr && dialog->id != offered_dialog_ && !portal_.busy()) {
        offered_dialog_ = dialog->id;
        const bool exporting = dialog->kind == DialogKind::export_file;
        const bool save = dialog->kind == DialogKind::save_as || exporting;
        const std::string title = exporting ? export_title(dialog->job.kind)
                                  : save    ? "Save the plan as"
                                            : "Open a plan";
        const std::string pattern =
            exporting ? "*" + export_extension(dialog->job.kind) : "*.courseplan.json";
        if (portal_.start(save, title, dialog->folder, fs::path(dialog->path).filename().string(),
                          pattern))
            changed = apply(state, cmd::DialogPortal{}) || changed;
    }
    if (portal_.busy() && (dialog == nullptr || !dialog->with_portal)) portal_.cancel();
    if (auto result = portal_.take_result()) {
        if (state.files.dialog && state.files.dialog->with_portal)
            changed = apply(state, cmd::DialogChosen{*result}) || changed;
    }
    return changed;
}

double Session::timeout(double now, double idle) const {
    if (autosave_at_ <= 0.0) return idle;
    return std::clamp(autosave_at_ - now, 0.0, idle);
}

}  // namespace ui
