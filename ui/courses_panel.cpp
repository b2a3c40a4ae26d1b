// The courses panel: add a course from the preset list, set its start date (text field and
// date picker), clinic weekdays and closed dates, hide or remove it, and read the engine's
// notices and the app's messages.
#include <imgui.h>

#include <algorithm>
#include <cctype>
#include <string>
#include <vector>

#include "planner/parse.hpp"
#include "planner/schedule.hpp"
#include "planner/text.hpp"
#include "ui/app.hpp"
#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

constexpr std::size_t kMaxNotices = 4;  // per course; the rest are counted

// A filled circle with the course's letter: colour is never the only cue.
void course_badge(std::size_t index, float size) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + size * 0.5f, p.y + size * 0.5f);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    draw::circle_filled(draw, c, size * 0.5f, course_color(index));
    const std::string letter = course_letter(index);
    const ImVec2 ts = ImGui::CalcTextSize(letter.c_str());
    draw->AddText(ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f), IM_COL32(255, 255, 255, 255),
                  letter.c_str());
    ImGui::Dummy(ImVec2(size, size));
}

void heading(const char* text) {
    ImGui::PushFont(font(FontRole::heading));
    trace::text_line(text);
    ImGui::PopFont();
}

// Okabe-Ito vermillion on light, orange on dark: readable on either background.
ImU32 warning_color(Theme theme) {
    return theme == Theme::dark ? IM_COL32(0xE6, 0x9F, 0x00, 0xFF)
                                : IM_COL32(0xB0, 0x4A, 0x00, 0xFF);
}

// A message in the warning colour with a dismiss button before it.
void error_line(const AppState& state, const std::string& text, const std::string& trace_label,
                Command dismiss, Commands& out) {
    ImGui::PushID(trace_label.c_str());
    // The button first: after wrapped text it would sit past the panel's edge.
    if (ImGui::SmallButton("\xC3\x97")) push(out, std::move(dismiss));  // ×
    if (trace::active()) trace::item(trace_label + " dismiss");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Dismiss");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, warning_color(state.settings.theme));
    trace::text_wrapped("\xE2\x9A\xA0 " + text);  // warning sign: not colour alone
    ImGui::PopStyleColor();
    ImGui::PopID();
}

void start_row(const AppState& state, std::size_t i, Commands& out) {
    const planner::Course& course = state.plan.courses[i].course;
    const std::string prefix = "course " + std::to_string(i);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Starts");
    ImGui::SameLine(ImGui::GetFontSize() * 3.7f);
    // The field shows the stored date; Enter applies what was typed.
    std::string buffer = planner::text::iso_date(course.start);
    buffer.resize(16, '\0');
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6.6f);
    if (ImGui::InputText("##start", buffer.data(), buffer.size(),
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
                             ImGuiInputTextFlags_CharsNoBlank)) {
        auto date = planner::parse_date(buffer.c_str(), "start date");
        if (date)
            push(out, cmd::SetStart{i, *date});
        else  // says what is accepted, as the command line does
            push(out, cmd::InputError{start_field(i), date.error().message()});
    }
    if (trace::active()) trace::item(prefix + " start field");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Type a date as YYYY-MM-DD and press Enter");
    ImGui::SameLine();
    if (ImGui::Button("Pick\xE2\x80\xA6")) open_date_picker("start picker", course.start);
    if (trace::active()) trace::item(prefix + " start pick");
    if (auto day = date_picker_popup("start picker", course.start, state.today,
                                     state.settings.week_start, prefix + " start picker"))
        push(out, cmd::SetStart{i, *day});
    if (state.today.ok() && course.start < state.today)  // allowed: a course already begun
        text_dim("In the past: today is " + planner::text::long_date(state.today) + ".", true);
    if (const auto it = state.input_errors.find(start_field(i)); it != state.input_errors.end())
        error_line(state, it->second, prefix + " start error", cmd::DismissInputError{it->first},
                   out);
}

void clinic_days_row(const AppState& state, std::size_t i, Commands& out) {
    const planner::PlannedCourse* planned = i < state.planned.size() ? &state.planned[i] : nullptr;
    const std::string prefix = "course " + std::to_string(i);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Clinic");
    ImGui::SameLine(ImGui::GetFontSize() * 3.7f);
    std::vector<chr::weekday> open;
    if (planned != nullptr)
        open = planner::effective_clinic_days(planned->protocol, state.plan.courses[i].course);
    // Seven toggles in the card's width from the narrowest panel (16 em) up.
    const float room = ImGui::GetContentRegionAvail().x;  // right of the label
    const float spacing = ImGui::GetFontSize() * 0.15f;
    const float side = std::clamp((room - 6.0f * spacing) / 7.0f, ImGui::GetFontSize() * 1.1f,
                                  ImGui::GetFrameHeight() * 0.95f);
    ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing,
                        ImVec2(spacing, ImGui::GetStyle().ItemSpacing.y));
    // No frame padding: the letter is centred in the square, never clipped by it.
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(0.0f, 0.0f));
    for (unsigned k = 0; k < 7; ++k) {
        const chr::weekday day = state.settings.week_start + chr::days{k};
        const bool on = std::find(open.begin(), open.end(), day) != open.end();
        if (k > 0) ImGui::SameLine();
        ImGui::PushID(static_cast<int>(day.c_encoding()));
        if (on) {
            ImGui::PushStyleColor(ImGuiCol_Button, course_color(i));
            ImGui::PushStyleColor(ImGuiCol_ButtonHovered, course_color(i));
            ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(255, 255, 255, 255));
        }
        const char letter[2] = {planner::text::weekday_name(day).front(), '\0'};
        if (ImGui::Button(letter, ImVec2(side, side))) push(out, cmd::ToggleClinicDay{i, day});
        if (on) ImGui::PopStyleColor(3);
        if (trace::active()) trace::item(prefix + " day " + std::string(planner::weekday_id(day)));
        if (ImGui::IsItemHovered())
            ImGui::SetTooltip("%s: %s", std::string(planner::text::weekday_name(day)).c_str(),
                              on ? "open (click to close)" : "closed (click to open)");
        ImGui::PopID();
    }
    ImGui::PopStyleVar(2);
}

// The course's usual visit start; a visit's own time is set from its menu.
void time_row(const AppState& state, std::size_t i, Commands& out) {
    const planner::Course& course = state.plan.courses[i].course;
    const std::string prefix = "course " + std::to_string(i);
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted("Time");
    ImGui::SameLine(ImGui::GetFontSize() * 4.3f);
    std::string buffer = planner::text::clock_time(course.start_time);
    buffer.resize(8, '\0');
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 3.6f);
    if (ImGui::InputText("##time", buffer.data(), buffer.size(),
                         ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll |
                             ImGuiInputTextFlags_CharsNoBlank)) {
        if (auto t = planner::parse_time(buffer.c_str(), "time"))
            push(out, cmd::SetCourseTime{i, *t});
        else
            push(out, cmd::InputError{"course time " + std::to_string(i), t.error().message()});
    }
    if (trace::active()) trace::item(prefix + " time field");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The usual start of a visit, as HH:MM; Enter sets it");
    ImGui::SameLine();
    text_dim("usual start", false);
    const std::string field = "course time " + std::to_string(i);
    if (const auto it = state.input_errors.find(field); it != state.input_errors.end())
        error_line(state, it->second, prefix + " time error", cmd::DismissInputError{field}, out);
}

void closed_dates_row(const AppState& state, std::size_t i, Commands& out) {
    const planner::Course& course = state.plan.courses[i].course;
    const std::string prefix = "course " + std::to_string(i);
    for (const chr::year_month_day& date : course.closed) {
        const std::string text = "Closed " + planner::text::long_date(date);
        ImGui::PushID(planner::text::iso_date(date).c_str());
        ImGui::AlignTextToFramePadding();
        trace::text_line(text);
        ImGui::SameLine();
        if (ImGui::SmallButton("\xC3\x97")) push(out, cmd::RemoveClosed{i, date});  // ×
        if (trace::active())
            trace::item(prefix + " closed " + planner::text::iso_date(date) + " remove");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Open again on this date");
        ImGui::PopID();
    }
    const chr::year_month_day initial = course.closed.empty() ? course.start : course.closed.back();
    if (ImGui::Button("+ Closed date")) open_date_picker("closed picker", initial);
    if (trace::active()) trace::item(prefix + " add closed");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip(
            "A day the clinic is closed: a visit on it moves to another clinic day that week, "
            "or the phase runs longer");
    if (auto day = date_picker_popup("closed picker", initial, state.today,
                                     state.settings.week_start, prefix + " closed picker"))
        push(out, cmd::AddClosed{i, *day});
}

void course_card(const AppState& state, std::size_t i, Commands& out) {
    const planner::Course& course = state.plan.courses[i].course;
    const Palette& pal = palette(state.settings.theme);
    const planner::Protocol* protocol = &state.plan.courses[i].protocol;
    const std::string prefix = "course " + std::to_string(i);
    ImGui::PushID(static_cast<int>(i));
    begin_card();
    if (course.hidden) ImGui::PushStyleVar(ImGuiStyleVar_Alpha, 0.55f);

    course_badge(i, ImGui::GetFontSize() * 1.5f);
    ImGui::SameLine();
    ImGui::BeginGroup();
    trace::text_wrapped(protocol != nullptr ? protocol->title : course.protocol_id);
    if (protocol != nullptr) {
        std::string line(planner::route_label(protocol->route));
        if (i < state.planned.size()) {
            const planner::Summary& s = state.planned[i].summary;
            line += "  \xC2\xB7  " + planner::text::visits_text(*protocol, s.visits);
        }
        if (course.hidden) line += "  \xC2\xB7  hidden";
        text_dim(line, true);
    }
    ImGui::EndGroup();
    ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.2f));

    start_row(state, i, out);
    clinic_days_row(state, i, out);
    time_row(state, i, out);
    closed_dates_row(state, i, out);

    if (i < state.planned.size()) {
        // Differences from the published schedule first, then the notices.
        std::vector<const std::string*> notes;
        for (const auto& d : state.planned[i].differences()) notes.push_back(&d.text);
        for (const auto& n : state.planned[i].expansion.notices) notes.push_back(&n.text);
        for (std::size_t n = 0; n < notes.size() && n < kMaxNotices; ++n)
            text_dim("\xE2\x80\xA2 " + *notes[n], true);
        if (notes.size() > kMaxNotices)
            text_dim(
                "\xE2\x80\xA2 and " + std::to_string(notes.size() - kMaxNotices) + " more notes",
                true);
    }

    ImGui::Dummy(ImVec2(0.0f, ImGui::GetFontSize() * 0.2f));
    if (ImGui::Button(course.hidden ? "Show" : "Hide"))
        push(out, cmd::SetHidden{i, !course.hidden});
    if (trace::active()) trace::item(prefix + " hide");
    ImGui::SameLine();
    if (ImGui::Button("Remove")) push(out, cmd::RemoveCourse{i});
    if (trace::active()) trace::item(prefix + " remove");
    ImGui::SameLine();
    if (ImGui::Button("Details")) push(out, cmd::Select{Selection{i, std::nullopt}});
    if (trace::active()) trace::item(prefix + " details");

    if (course.hidden) ImGui::PopStyleVar();
    const bool selected = state.view.selection && state.view.selection->course == i;
    end_card(selected ? pal.other_month : ImGui::GetColorU32(ImGuiCol_FrameBg), course_color(i));
    ImGui::PopID();
}

void add_course_popup(const AppState& state, Commands& out) {
    if (ImGui::Button("+ Add a course", ImVec2(-1.0f, 0.0f))) ImGui::OpenPopup("add course");
    trace::item("add course");
    ImGui::SetNextWindowSizeConstraints(
        ImVec2(ImGui::GetFontSize() * 24.0f, 0.0f),
        ImVec2(ImGui::GetFontSize() * 30.0f, ImGui::GetIO().DisplaySize.y * 0.8f));
    if (!ImGui::BeginPopup("add course")) return;  // EndPopup only if BeginPopup returned true
    // A new course starts beside the first one, so the comparison lines up.
    const chr::year_month_day start = state.plan.courses.empty()
                                          ? planner::next_monday(state.today)
                                          : state.plan.courses.front().course.start;
    const auto& protocols = state.library.protocols;  // sorted by route, then title
    if (protocols.empty()) text_dim("No presets were found.", false);
    for (std::size_t k = 0; k < protocols.size(); ++k) {
        const planner::Protocol& p = protocols[k];
        if (k == 0 || protocols[k - 1].route != p.route) {
            if (k > 0) ImGui::Spacing();
            ImGui::PushFont(font(FontRole::heading));
            trace::text_line(planner::route_label(p.route));
            ImGui::PopFont();
        }
        ImGui::PushID(p.id.c_str());
        std::string label = p.title;
        std::string lower = label;
        std::transform(lower.begin(), lower.end(), lower.begin(),
                       [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
        if (p.illustrative && lower.find("illustrative") == std::string::npos)
            label += "  (illustrative)";
        if (ImGui::Selectable(label.c_str())) push(out, cmd::AddCourse{p.id, start});
        if (trace::active()) trace::item("preset " + p.id);
        ImGui::Indent(ImGui::GetFontSize() * 0.6f);
        ImGui::PushTextWrapPos(ImGui::GetFontSize() * 28.0f);
        text_dim(p.description, true);
        if (p.illustrative && !p.illustrative_note.empty()) text_dim(p.illustrative_note, true);
        ImGui::PopTextWrapPos();
        ImGui::Unindent(ImGui::GetFontSize() * 0.6f);
        ImGui::PopID();
    }
    ImGui::EndPopup();
}

}  // namespace

void draw_courses_panel(const AppState& state, Commands& out) {
    heading("Courses");
    ImGui::Spacing();
    if (state.plan.courses.empty())
        text_dim("No course yet: add one from the published presets.", true);
    for (std::size_t i = 0; i < state.plan.courses.size(); ++i) course_card(state, i, out);
    add_course_popup(state, out);

    if (!state.errors.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        heading("Messages");
        // Newest first: the one just caused is the one a person looks for.
        for (std::size_t k = state.errors.size(); k-- > 0;)
            error_line(state, state.errors[k], "message " + std::to_string(k), cmd::DismissError{k},
                       out);
    }
}

}  // namespace ui
