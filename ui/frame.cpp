// [SECTION] Index: keys, toolbar, editing layout, presentation layout, draw_frame.
#include "ui/frame.hpp"

#include <GLFW/glfw3.h>  // key codes only: io.KeysDown holds GLFW codes (imgui_impl_glfw)
#include <imgui.h>

#include <algorithm>
#include <array>
#include <string>

#include "ui/edit_views.hpp"
#include "ui/file_commands.hpp"
#include "ui/file_dialog.hpp"
#include "ui/menus.hpp"
#include "ui/replay.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

constexpr std::array<float, 13> kZoomSteps{0.5f,  0.67f, 0.75f, 0.8f, 0.9f, 1.0f, 1.1f,
                                           1.25f, 1.5f,  1.75f, 2.0f, 2.5f, 3.0f};

bool pressed(int key) {
    return ImGui::IsKeyPressed(key, true);
}

// Segmented control: two or more buttons, the active one filled.
bool segment(const char* label, bool active, const char* trace_label) {
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_ButtonActive));
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    }
    const bool clicked = ImGui::Button(label);
    if (active) ImGui::PopStyleColor(2);
    trace::item(trace_label);
    return clicked;
}

void toolbar(const AppState& state, Commands& out) {
    const Settings& s = state.settings;
    ImGui::PushFont(font(FontRole::heading));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Course Planner");
    ImGui::PopFont();
    // The plan's file, as in the title bar (a screenshot or full screen has none).
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 0.8f);
    text_dim((unsaved(state) ? "*" : "") + document_name(state), false);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", state.files.path ? state.files.path->string().c_str()
                                                 : "Not saved yet: File > Save as");
    ImGui::SameLine(0.0f, ImGui::GetFontSize() * 2.0f);

    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(ImGui::GetFontSize() * 0.15f, ImGui::GetStyle().ItemSpacing.y));
    if (segment("Calendar", s.view == View::calendar, "view calendar"))
        push(out, cmd::SetView{View::calendar});
    ImGui::SameLine();
    if (segment("Timeline", s.view == View::timeline, "view timeline"))
        push(out, cmd::SetView{View::timeline});
    ImGui::PopStyleVar();

    // Right-aligned group: settings, zoom, present.
    const std::string zoom_label = std::to_string(static_cast<int>(s.zoom * 100.0f + 0.5f)) + "%";
    const char* week_label =
        s.week_start == chr::Monday ? "Weeks start Monday" : "Weeks start Sunday";
    const char* theme_label = s.theme == Theme::dark ? "Light theme" : "Dark theme";
    const char* present_label = "\xE2\x96\xB6  Present (F5)";
    const ImGuiStyle& st = ImGui::GetStyle();
    const auto button_w = [&](const char* text) {
        return ImGui::CalcTextSize(text).x + st.FramePadding.x * 2.0f;
    };
    const float group_w = button_w(week_label) + button_w(theme_label) + button_w("-") +
                          button_w(zoom_label.c_str()) + button_w("+") + button_w(present_label) +
                          st.ItemSpacing.x * 5.0f + ImGui::GetFontSize() * 1.0f;
    ImGui::SameLine(
        std::max(ImGui::GetCursorPosX(), ImGui::GetWindowContentRegionMax().x - group_w));
    if (ImGui::Button(week_label))
        push(out, cmd::SetWeekStart{s.week_start == chr::Monday ? chr::Sunday : chr::Monday});
    trace::item("week start");
    ImGui::SameLine();
    if (ImGui::Button(theme_label))
        push(out, cmd::SetTheme{s.theme == Theme::dark ? Theme::light : Theme::dark});
    trace::item("theme");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Ctrl+T");
    ImGui::SameLine();
    if (ImGui::Button("-")) push(out, cmd::SetZoom{zoom_step(s.zoom, -1)});
    trace::item("zoom out");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom out (Ctrl+minus)");
    ImGui::SameLine();
    if (ImGui::Button(zoom_label.c_str())) push(out, cmd::SetZoom{1.0f});
    trace::item("zoom reset");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Actual size (Ctrl+0)");
    ImGui::SameLine();
    if (ImGui::Button("+")) push(out, cmd::SetZoom{zoom_step(s.zoom, +1)});
    trace::item("zoom in");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Zoom in (Ctrl+plus)");
    ImGui::SameLine(0.0f, ImGui::GetFontSize());
    ImGui::PushStyleColor(ImGuiCol_Button, course_color(0));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    if (ImGui::Button(present_label)) push(out, cmd::Present{true});
    ImGui::PopStyleColor(2);
    trace::item("present");
}

void editing_layout(const AppState& state, Commands& out) {
    const float gap = ImGui::GetFontSize() * 1.0f;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    // Side panels in ems, a share of the width between limits; the centre gets the rest, at
    // least enough for seven readable days from 1024x640 up.
    const float em = ImGui::GetFontSize();
    const float left = std::clamp(avail.x * 0.22f, em * 16.0f, em * 22.0f);
    const float right = std::clamp(avail.x * 0.22f, em * 13.0f, em * 24.0f);
    const float centre =
        std::max(ImGui::GetFontSize() * 10.0f, avail.x - left - right - 2.0f * gap);

    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding,
                        ImVec2(ImGui::GetFontSize() * 0.5f, ImGui::GetFontSize() * 0.5f));
    PanelReplays& panels = state.caches.panels.get();
    const bool replay = state.caches.replay_panels;
    ImGui::BeginChild("courses", ImVec2(left, avail.y), false);
    replayable(panels.courses, state.revision, replay, out,
               [&] { draw_courses_panel(state, out); });
    ImGui::EndChild();  // EndChild always, whatever BeginChild returned
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginChild("centre", ImVec2(centre, avail.y), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    replayable(panels.centre, state.revision, replay, out, [&] {
        // Editing sits on top of the views' hit records (ui/edit_views).
        const bool timeline = state.settings.view == View::timeline;
        replayable_stretch(panels.centre_top, state.revision, replay, out,
                           [&] { draw_edit_bar(state, !timeline, out); });
        if (timeline) {
            TimelineHits hits;
            draw_timeline_view(state, out, hits);
            timeline_edits(state, hits, out);
        } else {
            CalendarHits hits;
            draw_calendar_view(state, out, hits);
            calendar_edits(state, hits, out);
        }
        draw_visit_menu(state, out);
    });
    ImGui::EndChild();
    ImGui::SameLine(0.0f, gap);
    ImGui::BeginChild("details", ImVec2(right, avail.y), false);
    replayable(panels.details, state.revision, replay, out,
               [&] { draw_details_panel(state, out); });
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void presentation_layout(const AppState& state, Commands& out) {
    const float hint_h = ImGui::GetFrameHeightWithSpacing();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    ImGui::BeginChild("presentation", ImVec2(avail.x, avail.y - hint_h), false,
                      ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
    draw_presentation(state, out);
    ImGui::EndChild();
    // The view prints its own key hints; this is the way out for a mouse.
    ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x -
                         ImGui::CalcTextSize("Leave presentation").x -
                         ImGui::GetStyle().FramePadding.x * 2.0f);
    if (ImGui::Button("Leave presentation")) push(out, cmd::Present{false});
    trace::item("leave presentation");
}

}  // namespace

float zoom_step(float zoom, int direction) {
    if (direction > 0) {
        for (const float z : kZoomSteps)
            if (z > zoom + 0.001f) return z;
        return kZoomSteps.back();
    }
    for (auto it = kZoomSteps.rbegin(); it != kZoomSteps.rend(); ++it)
        if (*it < zoom - 0.001f) return *it;
    return kZoomSteps.front();
}

void handle_keys(const AppState& state, Commands& out) {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl) {
        if (pressed(GLFW_KEY_EQUAL) || pressed(GLFW_KEY_KP_ADD))
            push(out, cmd::SetZoom{zoom_step(state.settings.zoom, +1)});
        if (pressed(GLFW_KEY_MINUS) || pressed(GLFW_KEY_KP_SUBTRACT))
            push(out, cmd::SetZoom{zoom_step(state.settings.zoom, -1)});
        if (pressed(GLFW_KEY_0) || pressed(GLFW_KEY_KP_0)) push(out, cmd::SetZoom{1.0f});
        if (ImGui::IsKeyPressed(GLFW_KEY_T, false))
            push(out,
                 cmd::SetTheme{state.settings.theme == Theme::dark ? Theme::light : Theme::dark});
        // A file window asking something takes the keys; a text field has its own undo.
        const bool asking = state.files.dialog || state.files.prompt || state.files.recovery;
        if (!asking && !io.WantTextInput && !state.view.presenting) {
            if (ImGui::IsKeyPressed(GLFW_KEY_Z, true))
                push(out, io.KeyShift ? Command{cmd::Redo{}} : Command{cmd::Undo{}});
            if (ImGui::IsKeyPressed(GLFW_KEY_Y, true)) push(out, cmd::Redo{});
        }
        if (!asking) {
            if (ImGui::IsKeyPressed(GLFW_KEY_N, false)) push(out, cmd::NewPlan{});
            if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) push(out, cmd::ShowOpen{});
            if (ImGui::IsKeyPressed(GLFW_KEY_S, false))
                push(out, io.KeyShift ? Command{cmd::ShowSaveAs{}} : Command{cmd::Save{}});
            if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) push(out, cmd::Quit{});
        }
        return;
    }
    if (io.WantTextInput) return;  // typing a date: keys belong to the field
    // F5 has no ImGuiKey in 1.86; the presentation view handles its own arrows and Esc.
    if (ImGui::IsKeyPressed(GLFW_KEY_F5, false)) push(out, cmd::Present{!state.view.presenting});
}

void draw_frame(const AppState& state, Commands& out) {
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    const float pad = ImGui::GetFontSize() * (state.view.presenting ? 1.0f : 0.8f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, pad));
    ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0.0f);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 0.0f);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette(state.settings.theme).background);
    // No background: the platform clears to the same colour, and on a software renderer
    // (llvmpipe) a second full-window fill is a measurable part of every frame.
    ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                             ImGuiWindowFlags_NoSavedSettings |
                             ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoBackground;
    if (!state.view.presenting) flags |= ImGuiWindowFlags_MenuBar;  // presenting: no controls
    ImGui::Begin("Course Planner", nullptr, flags);  // End always, whatever Begin returned
    ImGui::PopStyleVar(3);
    ImGui::PopStyleColor();
    if (!state.view.presenting) draw_menu_bar(state, out);

    // The banner comes first in both layouts; in presentation it uses the large type.
    if (state.view.presenting) {
        ImGui::PushFont(font(FontRole::large));
        draw_banner(state);
        ImGui::PopFont();
        ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.3f));
        presentation_layout(state, out);
    } else {
        // Banner, toolbar and notice: drawn again from the last frame while they stay the
        // same (ui/replay.hpp).
        replayable_stretch(state.caches.panels.get().top, state.revision,
                           state.caches.replay_panels, out, [&] {
                               draw_banner(state);
                               ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.3f));
                               toolbar(state, out);
                               ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.3f));
                               draw_notice(state, out);
                           });
        editing_layout(state, out);
    }
    handle_keys(state, out);
    draw_file_windows(state, out);  // modals over everything, presenting or not
    ImGui::End();
}

bool apply_all(AppState& state, const Commands& commands) {
    bool changed = false;
    for (const Command& c : commands) changed = apply(state, c) || changed;
    return changed;
}

}  // namespace ui
