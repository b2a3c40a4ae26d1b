#include "ui/plan_changes.hpp"

#include <imgui.h>

#include <string>
#include <vector>

#include "planner/differences.hpp"
#include "planner/rules.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/visit_marks.hpp"
#include "ui/widgets.hpp"

namespace ui {

namespace {

std::string sources_text(const planner::Protocol& p, const std::vector<std::string>& ids) {
    std::string out;
    for (const std::string& id : ids) {
        const planner::Source* s = p.find_source(id);
        const std::string name = s != nullptr ? planner::short_source_name(*s) : id;
        if (out.find(name) != std::string::npos) continue;
        out += (out.empty() ? "" : "; ") + name;
    }
    return out;
}

// One difference: its sentence, then the rule and the source in dim type.
void difference_line(const AppState& state, std::size_t course, const planner::Difference& d,
                     std::size_t n, Commands& out) {
    const planner::PlannedCourse& pc = state.planned[course];
    ImGui::PushID(static_cast<int>(n));
    ImGui::Bullet();
    ImGui::SameLine();
    ImGui::BeginGroup();
    trace::text_wrapped(course_letter(course) + "  " + d.text);
    if (const planner::Rule* rule = planner::find_rule(d.rule))
        text_dim("Rule: " + std::string(rule->sentence), true);
    const std::string sources = sources_text(pc.protocol, d.sources);
    if (!sources.empty()) text_dim("Source: " + sources, true);
    // A change the plan made itself can be put back from here (a skipped visit has no
    // chip to right-click).
    const bool own = d.rule == planner::rule::plan_move || d.rule == planner::rule::plan_skip;
    if (own && d.visit) {
        if (ImGui::SmallButton("Put back")) push(out, cmd::RestoreVisit{*d.visit});
        trace::item("put back " + d.visit->str());
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Back to the published schedule");
    }
    ImGui::EndGroup();
    ImGui::PopID();
}

}  // namespace

void draw_plan_changes(const AppState& state, Commands& out) {
    const std::optional<Selection>& sel = state.view.selection;
    const bool visit = sel && sel->visit && sel->course < state.planned.size() &&
                       *sel->visit < state.planned[sel->course].expansion.visits.size();

    // The note first: it is the person's own.
    if (visit) {
        const planner::Visit& v = state.planned[sel->course].expansion.visits[*sel->visit];
        if (!v.note.empty()) {
            ImGui::Spacing();
            text_dim(std::string(kNoteGlyph) + " Your note", false);
            trace::text_wrapped(v.note);
        }
    }

    // Which differences: the visit's, the course's, or every shown course's.
    std::vector<std::pair<std::size_t, const planner::Difference*>> list;
    if (visit) {
        for (const planner::Difference* d : visit_differences(state, sel->course, *sel->visit))
            list.emplace_back(sel->course, d);
    } else {
        for (std::size_t i = 0; i < state.planned.size(); ++i) {
            if (state.planned[i].course.hidden || (sel && sel->course != i)) continue;
            for (const planner::Difference& d : state.planned[i].differences())
                list.emplace_back(i, &d);
        }
    }
    if (list.empty()) return;
    ImGui::Spacing();
    ImGui::PushFont(font(FontRole::heading));
    trace::text_wrapped(std::string(kDiffersGlyph) + "  Differs from the published schedule");
    ImGui::PopFont();
    for (std::size_t n = 0; n < list.size(); ++n)
        difference_line(state, list[n].first, *list[n].second, n, out);
}

}  // namespace ui
