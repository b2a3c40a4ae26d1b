// The details panel: what the selected visit involves, the selected course in brief, the
// published sources with their links, and the summary figures of every shown course side
// by side.
#include <imgui.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/citations.hpp"
#include "planner/glossary.hpp"
#include "planner/text.hpp"
#include "ui/app.hpp"
#include "ui/draw_util.hpp"
#include "ui/plan_changes.hpp"
#include "ui/stamps.hpp"
#include "ui/text_cache.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

namespace words = planner::text;

void heading(std::string_view text) {
    ImGui::PushFont(font(FontRole::heading));
    trace::text_wrapped(text);
    if (trace::active()) trace::item("heading " + std::string(text));
    ImGui::PopFont();
}

void subheading(std::string_view text) {
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    trace::text_line(text);
    ImGui::PopStyleColor();
}

void bullet(std::string_view label, std::string_view value) {
    ImGui::Bullet();
    ImGui::SameLine();
    trace::text_wrapped(std::string(label) + ": " + std::string(value));
}

// The ids of every source behind what this visit shows.
std::vector<std::string> visit_sources(const planner::Protocol& p, std::size_t phase) {
    std::vector<std::string> ids;
    const auto add = [&](const std::vector<std::string>& list) {
        for (const std::string& id : list)
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    };
    add(p.visit.treatment_minutes.sources);
    add(p.visit.observation_minutes.sources);
    add(p.visit.ride_home.sources);
    add(p.visit.no_driving_until_next_day.sources);
    if (p.visit.fasting) add(p.visit.fasting->sources);
    if (phase < p.phases.size()) {
        add(p.phases[phase].cadence.sources);
        if (p.phases[phase].visits) add(p.phases[phase].visits->sources);
        add(p.phases[phase].note_sources);
    }
    if (p.illustrative) add(p.illustrative_sources);
    return ids;
}

// ImGui 1.86 has no hyperlink: the URL is shown as text and copied on click. Grouped by kind
// (label first), each numbered as the [n] marks beside the figures.
void sources_list(const planner::Protocol& p, const std::vector<std::string>& ids) {
    subheading("Published sources");
    std::optional<planner::SourceKind> group;
    for (const planner::Source* s : planner::sources_by_kind(p)) {
        const std::string& id = s->id;
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) continue;
        if (group != s->kind) subheading(planner::source_kind_label(s->kind));
        group = s->kind;
        ImGui::PushID(id.c_str());
        ImGui::Bullet();
        ImGui::SameLine();
        ImGui::BeginGroup();
        trace::text_wrapped("[" + std::to_string(planner::source_number(p, id)) + "] " + s->title);
        if (!s->note.empty()) text_dim(s->note, true);
        const std::string& link = !s->url.empty() ? s->url : s->identifier;
        if (!link.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_ButtonActive));
            if (ImGui::Selectable(link.c_str())) ImGui::SetClipboardText(link.c_str());
            ImGui::PopStyleColor();
            trace::text(link);
            trace::item("source " + id);
            if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to copy");
        }
        ImGui::EndGroup();
        ImGui::PopID();
    }
}

void visit_details(const AppState& state, std::size_t course, std::size_t index) {
    const planner::PlannedCourse& pc = state.planned[course];
    const planner::Protocol& p = pc.protocol;
    const planner::Visit& v = pc.expansion.visits[index];
    const std::string noun = planner::visit_noun(p, false);
    const planner::Phase* phase = v.phase < p.phases.size() ? &p.phases[v.phase] : nullptr;

    heading(words::capitalized(words::visit_label(p, v)));
    if (phase != nullptr)
        text_dim(phase->name + " (" + std::string(planner::phase_kind_label(phase->kind)) +
                     ")  \xC2\xB7  " + noun + " " + std::to_string(v.number_in_course) +
                     " of the course",
                 true);
    text_dim(course_letter(course) + "  " + p.title, true);

    ImGui::Spacing();
    if (v.is_window()) {
        trace::text_wrapped("Some day " + words::between_dates(v.earliest, v.latest));
    } else {
        trace::text_wrapped(words::long_date(v.earliest));
        trace::text_wrapped(words::visit_times(p, v));
    }
    if (v.optional) {
        const bool as_needed = phase != nullptr && phase->cadence.as_needed;
        text_dim(as_needed ? "As needed: a window the published schedule allows, not a "
                             "prescription. Whether and when is decided with the clinician."
                           : "Optional: past the published minimum number of visits.",
                 true);
    }
    if (v.moved_from)
        text_dim("Moved from " + words::long_date(*v.moved_from) +
                     (v.move_reason == planner::MoveReason::missed ? ": missed that day."
                      : v.move_reason == planner::MoveReason::plan ? " by this plan."
                      : v.move_reason == planner::MoveReason::taken
                          ? ": a moved visit takes that day."
                          : ": the clinic is closed that day."),
                 true);

    subheading("What the visit involves");
    for (const planner::VisitFact& f : planner::visit_facts(p, true)) {
        bullet(f.label, f.value);
        if (!f.note.empty()) text_dim(f.note, true);
    }
    if (!p.visit.ride_home.value) bullet("Ride home", "not required by the source");
    if (phase != nullptr && !phase->cadence.derived.empty())
        text_dim(phase->cadence.derived + " " + planner::citation_marks(p, phase->cadence.sources),
                 true);
    if (phase != nullptr && !phase->note.empty())
        text_dim(phase->note + " " + planner::citation_marks(p, phase->note_sources), true);
    sources_list(p, visit_sources(p, v.phase));
}

void course_details(const AppState& state, std::size_t course) {
    const planner::PlannedCourse& pc = state.planned[course];
    const planner::Protocol& p = pc.protocol;
    heading(p.title);
    text_dim(
        std::string(planner::route_label(p.route)) + "  \xC2\xB7  course " + course_letter(course),
        true);
    ImGui::Spacing();
    trace::text_wrapped(p.description);
    if (p.illustrative)
        text_dim(p.illustrative_note.empty() ? "Illustrative: no standard published course."
                                             : p.illustrative_note,
                 true);
    subheading("Phases");
    for (const planner::PhaseSummary& ph : pc.summary.phases) {
        std::string line = ph.name + ": " + words::visits_text(p, ph.visits);
        if (ph.visits.max > 0) line += ", " + words::date_range(ph.first, ph.last);
        ImGui::Bullet();
        ImGui::SameLine();
        trace::text_wrapped(line);
    }
    std::vector<std::string> ids;
    for (const planner::Source& s : p.sources) ids.push_back(s.id);
    sources_list(p, ids);
}

// The words a plan uses, in plain language (planner/glossary), folded away until opened.
void glossary_section() {
    ImGui::Spacing();
    const bool open = ImGui::CollapsingHeader("Words used here");
    trace::item("glossary");
    if (!open) return;
    for (const planner::GlossaryEntry& g : planner::glossary()) bullet(g.term, g.definition);
}

// A figure of one course for the comparison: the row label and the value.
struct Figure {
    const char* label;
    std::string (*value)(const planner::PlannedCourse&);
};

const Figure kFigures[] = {
    {"Visits",
     [](const planner::PlannedCourse& pc) {
         return words::visits_text(pc.protocol, pc.summary.visits);
     }},
    {"Clinic hours",
     [](const planner::PlannedCourse& pc) {
         return words::hours_total(pc.summary.clinic_minutes,
                                   words::visit_time_at_least(pc.protocol.visit));
     }},
    {"Ride-home days",
     [](const planner::PlannedCourse& pc) { return words::range_text(pc.summary.ride_home_days); }},
    {"Span",
     [](const planner::PlannedCourse& pc) {
         if (pc.summary.visits.max == 0) return std::string("no visits");
         return words::span_length(pc.summary.first, pc.summary.last);
     }},
};

// A small filled circle in the course colour with its letter after it.
void letter_dot(std::size_t course, const std::string& letter) {
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = ImGui::GetFontSize() * 0.35f;
    draw::circle_filled(ImGui::GetWindowDrawList(),
                        ImVec2(p.x + r, p.y + ImGui::GetTextLineHeight() * 0.5f), r,
                        course_color(course));
    ImGui::SetCursorScreenPos(ImVec2(p.x + r * 2.8f, p.y));
    ImGui::TextUnformatted(letter.c_str());
}

// The figures' words and the widest word of any, once per plan and font (AppState::caches).
const ComparisonCache& comparison(const AppState& state) {
    ComparisonCache& cache = state.caches.comparison;
    const ComparisonCache::Key key{plan_key(state), ImGui::GetFont(), ImGui::GetFontSize()};
    if (cache.key == key) return cache;
    cache = ComparisonCache{};
    cache.key = key;
    for (std::size_t i = 0; i < state.planned.size(); ++i)
        if (!state.planned[i].course.hidden) cache.shown.push_back(i);
    cache.values.resize(std::size(kFigures));
    // The widest word a column must hold whole ("infusions", "sessions", "injections").
    cache.widest = ImGui::CalcTextSize("Course AA").x;
    for (const std::size_t i : cache.shown) {
        cache.letters.push_back(course_letter(i));
        cache.routes.emplace_back(planner::route_label(state.planned[i].protocol.route));
        for (std::size_t f = 0; f < std::size(kFigures); ++f) {
            std::string value = kFigures[f].value(state.planned[i]);
            for (const auto& w :
                 planner::layout::wrap_words(value, 0.0, 1.0, false, draw::measure()))
                cache.widest = std::max(cache.widest, ImGui::CalcTextSize(w.c_str()).x);
            cache.values[f].push_back(std::move(value));
        }
    }
    return cache;
}

void trace_figure(const Figure& fig, const std::string& letter, const std::string& value) {
    if (!trace::active()) return;
    trace::item("figure " + std::string(fig.label) + " " + letter);
    trace::text(std::string(fig.label) + " " + letter + ": " + value);
}

// Summary figures of every shown course side by side: a table while each column has room
// for its longest word, else one line per course under each figure (never a word cut into
// letters, never a header cut).
void comparison_table(const AppState& state) {
    const ComparisonCache& figures = comparison(state);
    const std::vector<std::size_t>& shown = figures.shown;
    if (shown.empty()) return;
    heading("Side by side");
    const float em = ImGui::GetFontSize();
    const float label_w = em * 6.5f;
    const float avail = ImGui::GetContentRegionAvail().x;
    const float column = (avail - label_w) / static_cast<float>(shown.size());
    if (column >= figures.widest + em * 1.2f) {
        const ImGuiTableFlags flags = ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_RowBg |
                                      ImGuiTableFlags_SizingStretchProp | ImGuiTableFlags_PadOuterX;
        if (!ImGui::BeginTable("summary", static_cast<int>(shown.size()) + 1, flags))
            return;  // EndTable only if BeginTable returned true
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, label_w);
        std::string name;
        for (std::size_t k = 0; k < shown.size(); ++k) {
            name = "Course " + figures.letters[k];
            ImGui::TableSetupColumn(name.c_str(), ImGuiTableColumnFlags_WidthStretch);
        }
        ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
        ImGui::TableNextColumn();
        for (std::size_t k = 0; k < shown.size(); ++k) {
            ImGui::TableNextColumn();
            // Badge and letter on one line, the route below, wrapped at words.
            letter_dot(shown[k], figures.letters[k]);
            if (trace::active()) trace::text("Course " + figures.letters[k]);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            trace::text_wrapped(figures.routes[k]);
            ImGui::PopStyleColor();
        }
        // The row label is in the first column; each cell's traced text names its row for
        // tests, but only the value is drawn.
        for (std::size_t f = 0; f < std::size(kFigures); ++f) {
            const Figure& fig = kFigures[f];
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            text_dim(fig.label, false);
            for (std::size_t k = 0; k < shown.size(); ++k) {
                ImGui::TableNextColumn();
                const std::string& value = figures.values[f][k];
                ImGui::PushTextWrapPos(0.0f);
                wrapped_text(value);
                ImGui::PopTextWrapPos();
                trace_figure(fig, figures.letters[k], value);
            }
        }
        ImGui::EndTable();
        return;
    }
    // Narrow, or many courses: each figure, then one line per course with its letter.
    for (std::size_t f = 0; f < std::size(kFigures); ++f) {
        const Figure& fig = kFigures[f];
        subheading(fig.label);
        for (std::size_t k = 0; k < shown.size(); ++k) {
            const std::string& value = figures.values[f][k];
            letter_dot(shown[k], figures.letters[k]);
            ImGui::SameLine(0.0f, em * 0.5f);
            ImGui::PushTextWrapPos(0.0f);
            wrapped_text(value);
            ImGui::PopTextWrapPos();
            trace_figure(fig, figures.letters[k], value);
        }
    }
}

}  // namespace

void draw_details_panel(const AppState& state, Commands& out) {
    const std::optional<Selection>& sel = state.view.selection;
    const bool selected = sel && sel->course < state.planned.size();
    // Nothing selected: the comparison first (it answers "how do these courses differ"
    // without a click). Something selected: what it involves first, the comparison below.
    if (selected) {
        const auto& visits = state.planned[sel->course].expansion.visits;
        if (sel->visit && *sel->visit < visits.size())
            visit_details(state, sel->course, *sel->visit);
        else
            course_details(state, sel->course);
    } else {
        comparison_table(state);
    }
    ImGui::Spacing();
    ImGui::Separator();
    // The plan's own changes: the note, what differs from the published schedule.
    draw_plan_changes(state, out);
    ImGui::Spacing();
    if (selected) {
        ImGui::Separator();
        ImGui::Spacing();
        comparison_table(state);
    } else {
        heading("Details");
        text_dim(
            "Select a visit in the calendar or timeline to see what it involves, or "
            "Details on a course card.",
            true);
    }
    glossary_section();
}

}  // namespace ui
