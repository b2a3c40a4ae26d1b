#include "ui/visit_marks.hpp"

#include <algorithm>
#include <map>

#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"

namespace ui {

std::vector<const planner::Difference*> visit_differences(const AppState& state, std::size_t course,
                                                          std::size_t visit) {
    std::vector<const planner::Difference*> out;
    if (course >= state.planned.size()) return out;
    const planner::PlannedCourse& pc = state.planned[course];
    if (visit >= pc.expansion.visits.size()) return out;
    const planner::VisitId id = pc.visit_id(pc.expansion.visits[visit]);
    for (const planner::Difference& d : pc.differences())
        if ((d.visit && *d.visit == id) ||
            std::find(d.affects.begin(), d.affects.end(), id) != d.affects.end())
            out.push_back(&d);
    return out;
}

namespace {

// Which visits some difference names, per course: found once per plan (AppState::caches),
// not by a search of every difference for every mark drawn.
const MarksCache& marks_cache(const AppState& state) {
    MarksCache& cache = state.caches.marks;
    const PlanKey key = plan_key(state);
    if (cache.key == key) return cache;
    cache.key = key;
    cache.differs.assign(state.planned.size(), {});
    for (std::size_t c = 0; c < state.planned.size(); ++c) {
        const planner::PlannedCourse& pc = state.planned[c];
        std::vector<bool>& flags = cache.differs[c];
        flags.assign(pc.expansion.visits.size(), false);
        if (pc.differences().empty()) continue;
        std::multimap<planner::VisitId, std::size_t> index;
        for (std::size_t v = 0; v < pc.expansion.visits.size(); ++v)
            index.emplace(pc.visit_id(pc.expansion.visits[v]), v);
        const auto mark = [&](const planner::VisitId& id) {
            const auto [from, to] = index.equal_range(id);
            for (auto it = from; it != to; ++it) flags[it->second] = true;
        };
        for (const planner::Difference& d : pc.differences()) {
            if (d.visit) mark(*d.visit);
            for (const planner::VisitId& id : d.affects) mark(id);
        }
    }
    return cache;
}

}  // namespace

VisitMarks visit_marks(const AppState& state, std::size_t course, std::size_t visit) {
    VisitMarks m;
    if (course >= state.planned.size()) return m;
    const auto& visits = state.planned[course].expansion.visits;
    if (visit >= visits.size()) return m;
    const MarksCache& cache = marks_cache(state);
    m.differs = course < cache.differs.size() && visit < cache.differs[course].size() &&
                cache.differs[course][visit];
    m.note = !visits[visit].note.empty();
    return m;
}

void draw_visit_marks(ImDrawList* dl, const AppState& state, std::size_t course, std::size_t visit,
                      ImVec2 min, ImVec2 max, bool small) {
    const VisitMarks m = visit_marks(state, course, visit);
    if (!m.differs && !m.note) return;
    const Palette& pal = palette(state.settings.theme);
    const float em = ImGui::GetFontSize();
    const float r = std::min(em * (small ? 0.42f : 0.5f), (max.y - min.y) * 0.5f);
    const ImU32 ring = course_color(course);
    // Badges sit on the top edge at the right, over the chip's corner, so they never hide
    // the course letter; the second one to the left of the first.
    float cx = max.x - r * 0.6f;
    const float cy = min.y;
    ImFont* f = ImGui::GetFont();
    const auto badge = [&](const char* glyph, const char* name) {
        draw::circle_filled(dl, ImVec2(cx, cy), r, pal.background);
        draw::circle(dl, ImVec2(cx, cy), r, ring, 0, 1.5f);
        const float size = r * 1.6f;
        const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, glyph);
        dl->AddText(f, size, ImVec2(cx - ts.x * 0.5f, cy - ts.y * 0.5f), pal.text, glyph);
        if (trace::active())
            trace::rect(
                std::string(name) + " " + std::to_string(course) + "/" + std::to_string(visit),
                ImVec2(cx - r, cy - r), ImVec2(cx + r, cy + r));
        cx -= r * 2.2f;
    };
    if (m.differs) badge(kDiffersGlyph, "differs");
    if (m.note) badge(kNoteGlyph, "note");
}

}  // namespace ui
