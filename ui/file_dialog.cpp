// [SECTION] Index: modal helper, file dialog, unsaved-changes prompt, recovery, entry point.
#include "ui/file_dialog.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>
#include <vector>

#include "ui/export_menu.hpp"
#include "ui/file_commands.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

// [SECTION] Modal helper
// Opens the modal `id` while `wanted` and closes it once not; true between Begin and End
// (EndPopup only then). The id stays the same whatever the title says (### in the id).
bool begin_modal(const char* id, bool wanted, float width_em) {
    const bool open = ImGui::IsPopupOpen(id);
    if (!wanted && !open) return false;
    if (wanted && !open) ImGui::OpenPopup(id);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(
        ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.45f),
        ImGuiCond_Always, ImVec2(0.5f, 0.5f));
    const float em = ImGui::GetFontSize();
    const float width = std::min(width_em * em, vp->WorkSize.x - 2.0f * em);
    ImGui::SetNextWindowSize(ImVec2(width, 0.0f));
    if (!ImGui::BeginPopupModal(
            id, nullptr,
            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoResize))
        return false;
    if (!wanted) {
        ImGui::CloseCurrentPopup();
        ImGui::EndPopup();
        return false;
    }
    return true;
}

void heading(const std::string& text) {
    ImGui::PushFont(font(FontRole::heading));
    trace::text_wrapped(text);
    ImGui::PopFont();
    ImGui::Spacing();
}

bool button(const char* label, const char* trace_label) {
    const bool clicked = ImGui::Button(label, ImVec2(ImGui::GetFontSize() * 6.0f, 0.0f));
    trace::item(trace_label);
    return clicked;
}

ImU32 warning_color(Theme theme) {
    return theme == Theme::dark ? IM_COL32(0xE6, 0x9F, 0x00, 0xFF)
                                : IM_COL32(0xB0, 0x4A, 0x00, 0xFF);
}

// "~/plans" for a folder under home: shorter, and what the person calls it.
std::string folder_label(const fs::path& folder, const fs::path& home) {
    const std::string f = folder.string();
    const std::string h = home.string();
    if (!h.empty() && f == h) return "~";
    if (!h.empty() && f.rfind(h + "/", 0) == 0) return "~" + f.substr(h.size());
    return f;
}

// [SECTION] File dialog
void file_dialog(const AppState& state, Commands& out) {
    const FileDialog* d = state.files.dialog ? &*state.files.dialog : nullptr;
    const bool exporting = d != nullptr && d->kind == DialogKind::export_file;
    const bool save = d != nullptr && (d->kind == DialogKind::save_as || exporting);
    const char* id = exporting ? "Export###file dialog"
                     : save    ? "Save the plan as###file dialog"
                               : "Open a plan###file dialog";
    if (!begin_modal(id, d != nullptr, 36.0f)) return;
    const float em = ImGui::GetFontSize();

    if (d->with_portal) {  // the desktop's chooser is open; the window waits for it
        trace::text_wrapped("Choose the file in the desktop's file chooser.");
        ImGui::Spacing();
        if (button("Cancel", "dialog cancel")) push(out, cmd::DialogCancel{});
        ImGui::EndPopup();
        return;
    }

    heading(exporting ? export_title(d->job.kind) : save ? "Save the plan as" : "Open a plan");
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("File");
    ImGui::SameLine(em * 3.5f);
    std::string buffer = d->path;
    buffer.resize(std::max<std::size_t>(buffer.size() + 256, 1024), '\0');
    ImGui::SetNextItemWidth(-1.0f);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    if (ImGui::InputText("##path", buffer.data(), buffer.size(), ImGuiInputTextFlags_AutoSelectAll))
        push(out, cmd::DialogEdit{std::string(buffer.c_str())});
    trace::item("dialog path");
    // Enter leaves a single-line field: then it means Open or Save.
    const bool entered = ImGui::IsItemDeactivated() &&
                         (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) ||
                          ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_KeyPadEnter)));
    if (entered) {
        push(out, cmd::DialogEdit{std::string(buffer.c_str())});
        push(out, cmd::DialogConfirm{});
    }

    // The recent plans' folders, then home: one click lists a folder.
    if (!d->folders.empty()) {
        text_dim("Folders", false);
        for (std::size_t i = 0; i < d->folders.size(); ++i) {
            const std::string label = folder_label(d->folders[i], state.files.home);
            ImGui::PushID(static_cast<int>(i));
            if (i > 0 &&
                ImGui::GetItemRectMax().x + ImGui::CalcTextSize(label.c_str()).x + em * 1.5f <
                    ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
                ImGui::SameLine();
            if (ImGui::SmallButton(label.c_str())) push(out, cmd::DialogFolder{d->folders[i]});
            trace::item("dialog folder " + std::to_string(i));
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", d->folders[i].string().c_str());
            ImGui::PopID();
        }
    }

    ImGui::Spacing();
    if (!exporting) text_dim("Plans in " + folder_label(d->folder, state.files.home), true);
    if (!exporting)
        ImGui::BeginChild("##entries", ImVec2(0.0f, ImGui::GetTextLineHeightWithSpacing() * 7.5f),
                          true);
    if (!exporting && d->entries.empty()) text_dim("No plan files (*.courseplan.json) here.", true);
    for (const std::string& name : exporting ? std::vector<std::string>{} : d->entries) {
        const bool chosen = fs::path(d->path).filename() == name;
        if (ImGui::Selectable(name.c_str(), chosen, ImGuiSelectableFlags_AllowDoubleClick)) {
            push(out, cmd::DialogPick{name});
            if (ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) push(out, cmd::DialogConfirm{});
        }
        trace::item("dialog file " + name);
    }
    if (!exporting) ImGui::EndChild();  // EndChild always, whatever BeginChild returned

    if (!d->error.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, warning_color(state.settings.theme));
        trace::text_wrapped("\xE2\x9A\xA0 " + d->error);
        ImGui::PopStyleColor();
    }
    ImGui::Spacing();
    const char* ok = !save                ? "Open"
                     : d->confirm_replace ? "Replace"
                     : exporting          ? "Export"
                                          : "Save";
    if (button(ok, "dialog ok")) push(out, cmd::DialogConfirm{});
    ImGui::SameLine();
    if (button("Cancel", "dialog cancel") ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        push(out, cmd::DialogCancel{});
    ImGui::EndPopup();
}

// [SECTION] Unsaved-changes prompt
void save_prompt(const AppState& state, Commands& out) {
    const SavePrompt* p = state.files.prompt ? &*state.files.prompt : nullptr;
    if (!begin_modal("Unsaved changes###save prompt", p != nullptr, 30.0f)) return;
    const char* before = p->then == Then::quit       ? "closing"
                         : p->then == Then::new_plan ? "starting a new plan"
                                                     : "opening another plan";
    heading("Save the changes to " + document_name(state) + " before " + before + "?");
    ImGui::PushTextWrapPos(0.0f);
    text_dim(state.files.path ? "If you discard them, the changes since the last save are lost."
                              : "This plan has not been saved yet. If you discard it, it is lost.",
             true);
    ImGui::PopTextWrapPos();
    ImGui::Spacing();
    if (button("Save", "prompt save")) push(out, cmd::AnswerPrompt{cmd::Answer::save});
    ImGui::SameLine();
    if (button("Discard", "prompt discard")) push(out, cmd::AnswerPrompt{cmd::Answer::discard});
    ImGui::SameLine();
    if (button("Cancel", "prompt cancel") ||
        ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false))
        push(out, cmd::AnswerPrompt{cmd::Answer::cancel});
    ImGui::EndPopup();
}

// [SECTION] Recovery
void recovery(const AppState& state, Commands& out) {
    const AutosaveInfo* r = state.files.recovery ? &*state.files.recovery : nullptr;
    // The save prompt and dialog come first: a recovery is only offered at start.
    if (!begin_modal("Unsaved changes found###recovery",
                     r != nullptr && !state.files.dialog && !state.files.prompt, 30.0f))
        return;
    heading("Restore the unsaved changes?");
    const std::string what = r->original ? r->original->filename().string() : "an untitled plan";
    trace::text_wrapped("Course Planner closed" +
                        (r->saved_at.empty() ? std::string() : " on " + r->saved_at) +
                        " before the changes to " + what + " were saved.");
    ImGui::Spacing();
    if (button("Restore", "recover restore")) push(out, cmd::Recover{true});
    ImGui::SameLine();
    if (button("Discard", "recover discard")) push(out, cmd::Recover{false});
    ImGui::EndPopup();
}

}  // namespace

// [SECTION] Entry point
void draw_file_windows(const AppState& state, Commands& out) {
    recovery(state, out);
    save_prompt(state, out);
    file_dialog(state, out);
}

}  // namespace ui
