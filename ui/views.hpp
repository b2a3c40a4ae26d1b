// What the calendar, timeline and presentation views drew, in screen coordinates.
// Each view fills its record every frame and does its own hover and click handling
// from it, so tests click exactly where the product looks.
//
// Views draw into the current ImGui window (the frame's Begin), filling
// GetContentRegionAvail(); they never call Begin themselves.
// Keys: the calendar (arrows, Page Up/Down, Home, Enter) and the timeline (arrows, Home,
// +/-) act when their window tree has focus and no widget takes the keys. Presentation
// handles Left/Right, Page Up/Down, Space and Esc itself (pushing StepWeek and
// Present{false}), so the frame must not push those again.
#pragma once

#include <imgui.h>

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

#include "ui/app.hpp"

namespace ui {

// A drawn visit: a chip in a day cell, a mark on a lane, or a piece of a window band.
struct VisitHit {
    ImVec2 min;
    ImVec2 max;
    std::size_t course = 0;
    std::size_t visit = 0;
    bool window = false;   // a piece of "a booster between these dates"
    bool visible = false;  // inside the scrolled region (not clipped away)
    [[nodiscard]] bool contains(ImVec2 p) const {
        return p.x >= min.x && p.y >= min.y && p.x < max.x && p.y < max.y;
    }
};

struct DayHit {
    ImVec2 min;
    ImVec2 max;
    chr::year_month_day date{};
};

struct CalendarHits {
    std::vector<VisitHit> chips;    // one per drawn dated visit (in-month cells only)
    std::vector<VisitHit> windows;  // one per drawn band piece
    std::vector<DayHit> days;       // in-month day cells
    std::vector<chr::year_month> months;
    std::vector<chr::weekday> header;              // the weekday header as drawn (first month)
    std::vector<chr::year_month_day> closed_days;  // cells drawn struck through
    std::vector<chr::year_month_day> today_days;   // cells drawn with the today outline
    float visible_left = 0.0f;  // the grid's visible part, in screen x (inside any scrollbar)
    float visible_right = 0.0f;
    float scroll_max_x = 0.0f;  // > 0: the grid needs a horizontal scrollbar
};

struct TimelineLaneHit {
    ImVec2 min;
    ImVec2 max;
    std::size_t course = 0;
    std::string label;
};

struct TimelineHits {
    struct GridLine {
        float x = 0.0f;
        float y0 = 0.0f;
        float y1 = 0.0f;
    };
    std::vector<TimelineLaneHit> lanes;
    std::vector<GridLine> grid_lines;                    // week lines drawn in the lanes
    std::vector<std::pair<ImVec2, ImVec2>> label_rects;  // phase labels as drawn
    std::vector<VisitHit> marks;                         // dated visits and windows
    std::vector<std::string> axis_labels;                // "Week 1"... or dates, as drawn
    ImVec2 plot_min;
    ImVec2 plot_max;
    float pixels_per_day = 0.0f;
};

struct PresentationRecord {
    int week = -1;  // the week drawn highlighted, -1 when nothing to present
    int week_count = 0;
    std::string heading;             // "Week 2 of 12"
    std::string caption;             // the layout's one-line caption (WeekStep::caption)
    std::vector<std::string> lines;  // the caption lines drawn, one per busy course
    std::vector<int> rows;           // week indices shown in the strip
    std::vector<VisitHit> chips;     // the current week's drawn chips
    int counted = 0;                 // the current week's dated visits counted in "+N more"
    int counted_bands = 0;           // and window band parts (a day of a window) counted there
    float text_size = 0.0f;          // pixels of the caption lines
    float legend_size = 0.0f;        // pixels of the legend text
    ImVec2 legend_min;               // where the legend was drawn (all of it)
    ImVec2 legend_max;
    ImVec2 area_max;  // the bottom right of the presentation area
};

// The same views as in app.hpp, with their records exposed.
void draw_calendar_view(const AppState& state, Commands& out, CalendarHits& hits);
void draw_timeline_view(const AppState& state, Commands& out, TimelineHits& hits);
void draw_presentation(const AppState& state, Commands& out, PresentationRecord& record);

}  // namespace ui
