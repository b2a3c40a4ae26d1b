// [SECTION] Index: helpers, edit bar, calendar, timeline, visit menu.
#include "ui/edit_views.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>

#include "planner/parse.hpp"
#include "planner/plan_io.hpp"
#include "planner/text.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/visit_edits.hpp"
#include "ui/visit_marks.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

namespace words = planner::text;

// [SECTION] Helpers
bool inside(ImVec2 p, ImVec2 min, ImVec2 max) {
    return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y;
}

bool any_popup() {
    return ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopupId | ImGuiPopupFlags_AnyPopupLevel);
}

// The course days are closed for: the one chosen in the edit bar, else the selected one,
// else the first shown.
std::optional<std::size_t> tool_course(const AppState& state) {
    if (auto i = course_index(state, state.view.day_tool_course);
        i && !state.planned[*i].course.hidden)
        return i;
    if (state.view.selection && state.view.selection->course < state.planned.size() &&
        !state.planned[state.view.selection->course].course.hidden)
        return state.view.selection->course;
    for (std::size_t i = 0; i < state.planned.size(); ++i)
        if (!state.planned[i].course.hidden) return i;
    return std::nullopt;
}

std::string letter(std::size_t course) {
    return course_letter(course);  // a string since letters run on past Z (AA, AB)
}

bool segment(const char* label, bool active, const std::string& trace_label, ImU32 fill = 0) {
    if (active) {
        ImGui::PushStyleColor(ImGuiCol_Button,
                              fill != 0 ? fill : ImGui::GetColorU32(ImGuiCol_ButtonActive));
        ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
    }
    const bool clicked = ImGui::SmallButton(label);
    if (active) ImGui::PopStyleColor(2);
    trace::item(trace_label);
    return clicked;
}

// The plan's own word for a visit: "B  Induction: session 3 of 8".
std::string visit_heading(const AppState& state, std::size_t course, const planner::Visit& v) {
    return letter(course) + "  " + words::visit_title(state.planned[course].protocol, v);
}

// Starts a drag (left button) or opens the visit menu (right button) on a drawn visit.
void press_on_visit(const AppState& state, const VisitHit& hit, bool timeline, float grab_days,
                    Commands& out) {
    if (hit.course >= state.planned.size()) return;
    const planner::PlannedCourse& pc = state.planned[hit.course];
    if (hit.visit >= pc.expansion.visits.size()) return;
    const planner::VisitId id = pc.visit_id(pc.expansion.visits[hit.visit]);
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
        DragState d;
        d.visit = id;
        d.course = hit.course;
        d.index = hit.visit;
        d.press_x = io.MousePos.x;
        d.press_y = io.MousePos.y;
        d.grab_days = grab_days;
        d.timeline = timeline;
        push(out, cmd::SetDrag{d});
    } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Right)) {
        push(out, cmd::Select{Selection{hit.course, hit.visit}});
        push(out, cmd::OpenVisitMenu{id});
        ImGui::OpenPopup(kVisitMenu);
    }
}

bool past_threshold(const DragState& d) {
    const ImGuiIO& io = ImGui::GetIO();
    const float dx = io.MousePos.x - d.press_x;
    const float dy = io.MousePos.y - d.press_y;
    return dx * dx + dy * dy >= io.MouseDragThreshold * io.MouseDragThreshold;
}

// What a drag would do, shown beside the mouse: "Move to Thu 17 Dec 2026".
void drag_tooltip(const AppState& state, const DragState& d,
                  std::optional<chr::year_month_day> to) {
    const planner::Visit* v = find_visit(state, d.visit);
    if (v == nullptr) return;
    ImGui::BeginTooltip();
    trace::text_line(visit_heading(state, d.course, *v));
    if (to && chr::sys_days{*to} != v->earliest)
        trace::text_line("Move to " + words::long_date(*to));
    else
        trace::text_line(to ? "Where it is now" : "Drop it on a day");
    ImGui::EndTooltip();
}

}  // namespace

// [SECTION] Edit bar
void draw_edit_bar(const AppState& state, bool calendar, Commands& out) {
    const float em = ImGui::GetFontSize();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    // Flow layout: the next piece on this line when it fits, else on the next one.
    const auto next = [&](float width, float gap) {
        ImGui::SameLine(0.0f, gap);
        if (ImGui::GetCursorScreenPos().x + width > right) ImGui::NewLine();
    };
    const auto button_w = [](const char* label) {
        return ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2.0f;
    };
    ImGui::AlignTextToFramePadding();
    if (calendar) {
        const bool closing = state.view.day_tool == DayTool::close_days;
        text_dim("Click a day to", false);
        next(button_w("select"), em * 0.4f);
        if (segment("select", !closing, "edit select tool"))
            push(out, cmd::SetDayTool{DayTool::select, ""});
        next(button_w("close or reopen it"), em * 0.2f);
        if (segment("close or reopen it", closing, "edit close tool"))
            push(out, cmd::SetDayTool{DayTool::close_days, ""});
        const std::optional<std::size_t> target = tool_course(state);
        if (closing && target) {
            next(ImGui::CalcTextSize("for").x, em * 0.4f);
            text_dim("for", false);
            for (std::size_t i = 0; i < state.planned.size(); ++i) {
                if (state.planned[i].course.hidden) continue;
                const std::string label = "course " + letter(i);
                next(button_w(label.c_str()), em * 0.2f);
                ImGui::PushID(static_cast<int>(i));
                if (segment(label.c_str(), *target == i, "edit close for " + letter(i),
                            course_color(i)))
                    push(out, cmd::SetDayTool{DayTool::close_days, state.planned[i].id()});
                ImGui::PopID();
            }
        }
    } else {
        text_dim("Drag a visit along its lane to move it", false);
    }
    next(ImGui::CalcTextSize("(?)").x, em * 0.6f);
    text_dim("(?)", false);
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "Drag a visit to another day to move it.\n"
            "Right-click a visit to move it to a date, skip it, mark it missed,\n"
            "add a note or set its time.\n"
            "Ctrl+click a day in the calendar to close or reopen it for the course\n"
            "chosen with \"close or reopen it\". Every change can be undone (Ctrl+Z).");
    // What the marks mean, once the plan has any.
    bool differs = false;
    bool notes = false;
    for (const planner::PlannedCourse& pc : state.planned) {
        if (pc.course.hidden) continue;
        differs = differs || !pc.differences().empty();
        for (const planner::Visit& v : pc.expansion.visits) notes = notes || !v.note.empty();
    }
    const std::string differs_key =
        std::string(kDiffersGlyph) + " differs from the published schedule";
    const std::string note_key = std::string(kNoteGlyph) + " note";
    if (differs) {
        next(ImGui::CalcTextSize(differs_key.c_str()).x, em * 1.2f);
        text_dim(differs_key, false);
    }
    if (notes) {
        next(ImGui::CalcTextSize(note_key.c_str()).x, em * 1.2f);
        text_dim(note_key, false);
    }
}

// [SECTION] Calendar
void calendar_edits(const AppState& state, const CalendarHits& hits, Commands& out) {
    // The view's scrolling region, as drawn: its child window is the last item.
    const ImVec2 cmin = ImGui::GetItemRectMin();
    const ImVec2 cmax = ImGui::GetItemRectMax();
    const ImGuiIO& io = ImGui::GetIO();
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                                ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                         inside(io.MousePos, cmin, cmax);
    const auto day_at = [&](ImVec2 p) -> std::optional<chr::year_month_day> {
        if (!inside(p, cmin, cmax)) return std::nullopt;
        for (const DayHit& d : hits.days)
            if (inside(p, d.min, d.max)) return d.date;
        return std::nullopt;
    };
    const auto visit_at = [&](ImVec2 p) -> const VisitHit* {
        for (const VisitHit& h : hits.chips)
            if (h.visible && h.contains(p)) return &h;
        for (const VisitHit& h : hits.windows)
            if (h.visible && h.contains(p)) return &h;
        return nullptr;
    };

    const std::optional<DragState>& drag = state.view.drag;
    if (drag && !drag->timeline) {
        const std::optional<chr::year_month_day> to = day_at(io.MousePos);
        const bool moving = past_threshold(*drag);
        if (moving && ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            drag_tooltip(state, *drag, to);
            for (const DayHit& d : hits.days) {
                if (!to || d.date != *to) continue;
                // Drawn over the view (which paints after this panel), clipped to it.
                ImDrawList* fg = ImGui::GetForegroundDrawList();
                fg->PushClipRect(cmin, cmax, true);
                fg->AddRect(ImVec2(d.min.x + 2.0f, d.min.y + 2.0f),
                            ImVec2(d.max.x - 2.0f, d.max.y - 2.0f), course_color(drag->course),
                            ImGui::GetFontSize() * 0.25f, 0, 3.0f);
                fg->PopClipRect();
                trace::rect("drop target " + words::iso_date(d.date), d.min, d.max);
            }
        }
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (moving && to) {
                push(out, cmd::Select{Selection{drag->course, drag->index}});
                push(out, cmd::MoveVisit{drag->visit, *to});
            }
            push(out, cmd::SetDrag{std::nullopt});
        }
        return;
    }
    // With only the visit menu open, a right-click elsewhere opens it on that visit.
    if (!hovered || (any_popup() && !ImGui::IsPopupOpen(kVisitMenu))) return;

    // A click on a day with the close tool, or Ctrl+click: closed <-> open for the course.
    const bool closing = state.view.day_tool == DayTool::close_days || io.KeyCtrl;
    if (closing) {
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Left))
            if (const auto day = day_at(io.MousePos))
                if (const auto course = tool_course(state))
                    push(out, cmd::ToggleClosedDay{*course, *day});
        if (ImGui::IsMouseClicked(ImGuiMouseButton_Right))
            if (const VisitHit* h = visit_at(io.MousePos)) press_on_visit(state, *h, false, 0, out);
        return;
    }
    if (const VisitHit* h = visit_at(io.MousePos)) press_on_visit(state, *h, false, 0.0f, out);
}

// [SECTION] Timeline
void timeline_edits(const AppState& state, const TimelineHits& hits, Commands& out) {
    const ImGuiIO& io = ImGui::GetIO();
    const float ppd = hits.pixels_per_day;
    if (!(ppd > 0.0f)) return;
    const std::optional<DragState>& drag = state.view.drag;
    if (drag && drag->timeline) {
        const planner::Visit* v = find_visit(state, drag->visit);
        std::optional<chr::year_month_day> to;
        if (v != nullptr) {
            // Along its lane: whole days from where the mouse took hold.
            const int delta = static_cast<int>(std::lround((io.MousePos.x - drag->press_x) / ppd));
            const int grab = static_cast<int>(std::floor(drag->grab_days));
            to = chr::year_month_day{v->earliest + chr::days{grab + delta}};
        }
        const bool moving = past_threshold(*drag);
        if (moving && ImGui::IsMouseDown(ImGuiMouseButton_Left)) drag_tooltip(state, *drag, to);
        if (!ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            if (moving && to && v != nullptr &&
                (v->is_window() || chr::sys_days{*to} != v->earliest)) {
                push(out, cmd::Select{Selection{drag->course, drag->index}});
                push(out, cmd::MoveVisit{drag->visit, *to});
            }
            push(out, cmd::SetDrag{std::nullopt});
        }
        return;
    }
    const bool hovered = ImGui::IsWindowHovered(ImGuiHoveredFlags_ChildWindows |
                                                ImGuiHoveredFlags_AllowWhenBlockedByActiveItem) &&
                         inside(io.MousePos, hits.plot_min, ImVec2(hits.plot_max.x, 1e9f));
    if (!hovered || (any_popup() && !ImGui::IsPopupOpen(kVisitMenu))) return;
    // Dated marks sit on top of windows, so they win.
    const VisitHit* hit = nullptr;
    for (const VisitHit& h : hits.marks)
        if (!h.window && h.visible && h.contains(io.MousePos)) hit = &h;
    if (hit == nullptr)
        for (const VisitHit& h : hits.marks)
            if (h.window && h.visible && h.contains(io.MousePos)) hit = &h;
    if (hit == nullptr) return;
    const float grab = hit->window ? (io.MousePos.x - hit->min.x) / ppd : 0.0f;
    press_on_visit(state, *hit, true, grab, out);
}

// [SECTION] Visit menu
void draw_visit_menu(const AppState& state, Commands& out) {
    const float em = ImGui::GetFontSize();
    if (!ImGui::BeginPopup(kVisitMenu)) {  // EndPopup only if BeginPopup returned true
        if (state.view.menu_visit) push(out, cmd::OpenVisitMenu{std::nullopt});
        return;
    }
    std::size_t course = 0;
    std::size_t index = 0;
    const planner::Visit* v = state.view.menu_visit
                                  ? find_visit(state, *state.view.menu_visit, &course, &index)
                                  : nullptr;
    if (v == nullptr) {  // opened this frame (the id comes with the commands), or gone
        if (state.view.menu_visit) {
            ImGui::CloseCurrentPopup();
            push(out, cmd::OpenVisitMenu{std::nullopt});
        }
        ImGui::EndPopup();
        return;
    }
    const planner::VisitId id = *state.view.menu_visit;
    const planner::VisitOverride* o = find_override(state, id);
    ImGui::PushFont(font(FontRole::heading));
    trace::text_line(visit_heading(state, course, *v));
    ImGui::PopFont();
    text_dim(v->is_window() ? "Any day " + words::between_dates(v->earliest, v->latest)
                            : words::long_date(v->earliest) + ", " +
                                  words::visit_times(state.planned[course].protocol, *v),
             false);
    ImGui::Separator();

    // Move to a date: the date picker, in a popup of its own.
    const chr::year_month_day shown{v->earliest};
    if (ImGui::Selectable(
            v->is_window() ? "Pick a date in the window\xE2\x80\xA6" : "Move to a date\xE2\x80\xA6",
            false, ImGuiSelectableFlags_DontClosePopups))
        open_date_picker("move picker", shown);
    trace::item("menu move");
    if (auto day = date_picker_popup("move picker", shown, state.today, state.settings.week_start,
                                     "menu move picker")) {
        push(out, cmd::MoveVisit{id, *day});
        ImGui::CloseCurrentPopup();
    }

    // Time and note: Enter applies what was typed.
    const float field_x = em * 3.2f;
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Time");
    ImGui::SameLine(field_x);
    std::string time = words::clock_time(v->treatment_start);
    time.resize(8, '\0');
    ImGui::SetNextItemWidth(em * 4.0f);
    if (ImGui::InputText("##time", time.data(), time.size(),
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
                             ImGuiInputTextFlags_CharsNoBlank)) {
        if (auto t = planner::parse_time(time.c_str(), "time")) {
            push(out, cmd::SetVisitTime{id, *t});
            ImGui::CloseCurrentPopup();
        } else
            push(out, cmd::InputError{"time " + id.str(), t.error().message()});
    }
    trace::item("menu time field");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("This visit's start, as HH:MM; Enter sets it");
    if (o != nullptr && o->time) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Usual time")) {
            push(out, cmd::SetVisitTime{id, std::nullopt});
            ImGui::CloseCurrentPopup();
        }
        trace::item("menu time usual");
    }
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Note");
    ImGui::SameLine(field_x);
    std::string note = v->note;
    note.resize(note.size() + 512, '\0');
    ImGui::SetNextItemWidth(em * 16.0f);
    if (ImGui::InputTextWithHint("##note", "who drives me, a question for the clinic", note.data(),
                                 note.size(), ImGuiInputTextFlags_EnterReturnsTrue)) {
        const std::string typed(note.c_str());
        push(out, cmd::SetNote{id, typed});
        // Kept open when the note is refused, so the reason shows beside it.
        if (typed.empty() || planner::io::note_problem(typed).empty()) ImGui::CloseCurrentPopup();
    }
    trace::item("menu note field");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "One line, for you: it goes into exports only when asked. Enter keeps it");
    if (!v->note.empty()) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Remove")) {
            push(out, cmd::SetNote{id, ""});
            ImGui::CloseCurrentPopup();
        }
        trace::item("menu note remove");
    }
    for (const char* field : {"time ", "note "})
        if (auto it = state.input_errors.find(field + id.str()); it != state.input_errors.end()) {
            ImGui::PushTextWrapPos(em * 22.0f);
            trace::text_wrapped("\xE2\x9A\xA0 " + it->second);
            ImGui::PopTextWrapPos();
        }
    ImGui::Separator();

    if (ImGui::MenuItem("Skip this visit")) push(out, cmd::SetSkipped{id, true});
    trace::item("menu skip");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Left out of the plan; the other visits keep their dates");
    const bool missed = o != nullptr && o->missed;
    if (ImGui::MenuItem("Missed on this day", nullptr, missed))
        push(out, cmd::SetMissed{id, !missed});
    trace::item("menu missed");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The planner finds another day for it under the phase's rule");
    const bool changed = o != nullptr && (o->date || o->skipped || o->missed);
    if (ImGui::MenuItem("Back to the published schedule", nullptr, false, changed))
        push(out, cmd::RestoreVisit{id});
    trace::item("menu restore");
    ImGui::EndPopup();
}

}  // namespace ui
