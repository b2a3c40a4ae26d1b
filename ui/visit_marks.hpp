// The marks a visit carries when this plan departs from the published schedule or holds a
// note: a small badge with a glyph ("≠" differs, "✎" note), never colour alone. The calendar
// and timeline call this after painting a chip or a mark; the legend names them.
#pragma once

#include <imgui.h>

#include <cstddef>
#include <vector>

#include "ui/app.hpp"

namespace ui {

struct VisitMarks {
    bool differs = false;  // a difference from the published schedule names this visit
    bool note = false;
};

[[nodiscard]] VisitMarks visit_marks(const AppState& state, std::size_t course, std::size_t visit);
// Paints the badges at the right end of [min, max] (on top of the chip); nothing when the
// visit has no mark. `small` for timeline marks.
void draw_visit_marks(ImDrawList* dl, const AppState& state, std::size_t course, std::size_t visit,
                      ImVec2 min, ImVec2 max, bool small = false);

// The differences from the published schedule that name this visit (by id).
[[nodiscard]] std::vector<const planner::Difference*> visit_differences(const AppState& state,
                                                                        std::size_t course,
                                                                        std::size_t visit);

inline constexpr const char* kDiffersGlyph = "\xE2\x89\xA0";  // ≠
inline constexpr const char* kNoteGlyph = "\xE2\x9C\x8E";     // ✎

}  // namespace ui
