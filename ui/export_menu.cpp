// [SECTION] Index: names, bytes, the menu.
#include "ui/export_menu.hpp"

#include <imgui.h>

#include <algorithm>

#include "planner/export.hpp"
#include "planner/layout.hpp"
#include "render/render.hpp"
#include "ui/trace.hpp"

namespace ui {

// [SECTION] Names
std::string export_extension(ExportKind kind) {
    switch (kind) {
        case ExportKind::slide_png: return ".png";
        case ExportKind::slide_svg: return ".svg";
        case ExportKind::slide_pdf: return ".pdf";
        case ExportKind::handout: return ".pdf";
        case ExportKind::calendar: return ".ics";
    }
    return "";
}

std::string export_title(ExportKind kind) {
    switch (kind) {
        case ExportKind::slide_png: return "Export a slide as PNG";
        case ExportKind::slide_svg: return "Export a slide as SVG";
        case ExportKind::slide_pdf: return "Export a slide as PDF";
        case ExportKind::handout: return "Export the handout";
        case ExportKind::calendar: return "Add to my calendar";
    }
    return "";
}

namespace {

// Which picture the slide is: the view on screen (the presentation's week when presenting).
render::View slide_view(const AppState& state) {
    if (state.view.presenting) return render::View::week;
    return state.settings.view == View::timeline ? render::View::timeline : render::View::calendar;
}

}  // namespace

std::string export_file_name(const AppState& state, ExportKind kind) {
    std::string base = "course-plan";
    if (state.files.path) {
        std::string name = state.files.path->filename().string();
        const std::string suffix = ".courseplan.json";
        if (name.size() > suffix.size() &&
            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
            name.resize(name.size() - suffix.size());
        if (!name.empty()) base = name;
    }
    std::string what;
    switch (kind) {
        case ExportKind::slide_png:
        case ExportKind::slide_svg:
        case ExportKind::slide_pdf:
            what = slide_view(state) == render::View::week       ? "-week"
                   : slide_view(state) == render::View::timeline ? "-timeline"
                                                                 : "-calendar";
            break;
        case ExportKind::handout: what = "-handout"; break;
        case ExportKind::calendar: what = ""; break;
    }
    return base + what + export_extension(kind);
}

// [SECTION] Bytes
planner::Result<std::string> export_bytes(const AppState& state, const ExportJob& job) {
    const bool any_shown = std::any_of(state.planned.begin(), state.planned.end(),
                                       [](const auto& pc) { return !pc.course.hidden; });
    if (!any_shown) return planner::Error{"export", "a shown course (every course is hidden)"};
    const std::int64_t stamp = planner::exporter::default_timestamp();
    planner::layout::CalendarOptions calendar;
    calendar.week_start = state.settings.week_start;
    switch (job.kind) {
        case ExportKind::slide_png:
        case ExportKind::slide_svg:
        case ExportKind::slide_pdf: {
            render::SlideOptions o;
            o.view = slide_view(state);
            o.week = std::max(0, state.view.present_week);
            o.width = 1920;  // a projector's slide, whatever the window's size
            o.height = 1080;
            o.theme =
                state.settings.theme == Theme::dark ? render::Theme::dark : render::Theme::light;
            o.calendar = calendar;
            o.timestamp = stamp;
            const render::Format f = job.kind == ExportKind::slide_png   ? render::Format::png
                                     : job.kind == ExportKind::slide_svg ? render::Format::svg
                                                                         : render::Format::pdf;
            return render::slide(f, state.planned, o);
        }
        case ExportKind::handout: {
            render::HandoutOptions o;
            o.paper = job.letter ? render::Paper::letter : render::Paper::a4;
            o.calendar = calendar;
            o.timestamp = stamp;
            return render::handout(state.planned, o);
        }
        case ExportKind::calendar: {
            // The calendar file holds the shown courses only, like the picture on screen.
            std::vector<planner::PlannedCourse> shown;
            for (const planner::PlannedCourse& pc : state.planned)
                if (!pc.course.hidden) shown.push_back(pc);
            planner::exporter::Options o;
            o.reminders = job.reminders;
            o.notes = job.notes;
            o.timestamp = stamp;
            o.week_start = state.settings.week_start;
            return planner::exporter::write(planner::exporter::Format::ics, shown, o);
        }
    }
    return planner::Error{"export", "a known kind of file"};
}

// [SECTION] The menu
void draw_export_menu(const AppState& state, Commands& out) {
    const bool open = ImGui::BeginMenu("Export");
    trace::item("menu export");
    if (!open) return;  // EndMenu only if BeginMenu returned true
    const ExportJob& options = state.view.export_options;
    const auto entry = [&](const char* label, ExportKind kind, const char* trace_label,
                           const char* tip) {
        if (ImGui::MenuItem(label)) {
            ExportJob job = options;
            job.kind = kind;
            push(out, cmd::ShowExport{job});
        }
        trace::item(trace_label);
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", tip);
    };
    const char* view = state.view.presenting                   ? "this week"
                       : state.settings.view == View::timeline ? "the timeline"
                                                               : "the calendar";
    ImGui::TextDisabled("A slide of %s, 1920 x 1080", view);
    entry("Slide as PNG\xE2\x80\xA6", ExportKind::slide_png, "menu export png",
          "A picture for slides, with the legend and the disclaimer");
    entry("Slide as SVG\xE2\x80\xA6", ExportKind::slide_svg, "menu export svg",
          "A picture that stays sharp at any size");
    entry("Slide as PDF\xE2\x80\xA6", ExportKind::slide_pdf, "menu export pdf",
          "One page, for printing or a PDF viewer");
    ImGui::Separator();
    entry("Handout (PDF)\xE2\x80\xA6", ExportKind::handout, "menu export handout",
          "Pages to print: each course's months, what a visit involves, the sources");
    bool letter = options.letter;
    if (ImGui::MenuItem("   on US Letter paper (else A4)", nullptr, &letter)) {
        ExportJob o = options;
        o.letter = letter;
        push(out, cmd::SetExportOptions{o});
    }
    trace::item("menu export letter");
    ImGui::Separator();
    entry("Add to my calendar (.ics)\xE2\x80\xA6", ExportKind::calendar, "menu export ics",
          "A calendar file with every visit; calendar apps import it");
    bool reminders = options.reminders;
    if (ImGui::MenuItem("   with reminders", nullptr, &reminders)) {
        ExportJob o = options;
        o.reminders = reminders;
        push(out, cmd::SetExportOptions{o});
    }
    trace::item("menu export reminders");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("The evening before a visit with a ride home, and before fasting");
    bool notes = options.notes;
    if (ImGui::MenuItem("   with my notes", nullptr, &notes)) {
        ExportJob o = options;
        o.notes = notes;
        push(out, cmd::SetExportOptions{o});
    }
    trace::item("menu export notes");
    if (ImGui::IsItemHovered())
        ImGui::SetTooltip("Notes are personal: they are left out unless this is ticked");
    ImGui::EndMenu();
}

}  // namespace ui
