// Comparison timeline: one lane per shown course, weeks since start (or calendar
// dates) along x, phases as bands, visits as marks, windows as bars. The lanes come
// from planner::layout::timeline; this file paints them and turns mouse and keys
// into cmd::SetTimelineView.
//
// [SECTION] View transform
// [SECTION] Axis
// [SECTION] Lanes
// [SECTION] Input
// [SECTION] The view

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "planner/text.hpp"
#include "ui/draw_util.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"
#include "ui/visit_marks.hpp"

namespace ui {

namespace {

namespace layout = planner::layout;

constexpr float kMinDaysPerEm = 0.08f;  // about 12 em per day: hours become visible
constexpr float kMaxDaysPerEm = 30.0f;  // about a year across a laptop screen
constexpr float kZoomStep = 1.25f;

// [SECTION] View transform

struct Transform {
    float x0 = 0.0f;  // screen x of the plot's left edge
    float px_per_day = 1.0f;
    float pan_days = 0.0f;  // day at x0
    [[nodiscard]] float x(float day) const { return x0 + (day - pan_days) * px_per_day; }
    [[nodiscard]] float day_at(float sx) const { return pan_days + (sx - x0) / px_per_day; }
};

float clamp_zoom(float days_per_em) {
    if (!(days_per_em > 0.0f)) return 0.5f;  // also catches NaN
    return std::clamp(days_per_em, kMinDaysPerEm, kMaxDaysPerEm);
}

float clamp_pan(float pan, const layout::Timeline& tl) {
    if (!std::isfinite(pan)) return 0.0f;
    return std::clamp(pan, -14.0f, static_cast<float>(std::max(tl.last_day, 0)));
}

// [SECTION] Axis

void draw_axis(const AppState& state, const layout::Timeline& tl, const Transform& t,
               ImVec2 plot_min, ImVec2 plot_max, float axis_h, TimelineHits& hits) {
    const Palette& pal = palette(state.settings.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    const float em = ImGui::GetFontSize();
    const float px_week = 7.0f * t.px_per_day;
    // Label every n weeks so labels never overlap.
    const float label_w =
        f->CalcTextSizeA(em, 1e9f, 0.0f, tl.relative ? "Week 52" : "30 Sep 2027").x + em;
    const int every = std::max(1, static_cast<int>(std::ceil(label_w / std::max(px_week, 1.0f))));

    // Day lines when a day is wide enough to point at.
    const int first_day = static_cast<int>(std::floor(t.day_at(plot_min.x)));
    const int last_day = static_cast<int>(std::ceil(t.day_at(plot_max.x)));
    if (t.px_per_day >= em * 0.9f)
        for (int d = first_day; d <= last_day; ++d)
            dl->AddLine(ImVec2(t.x(static_cast<float>(d)), plot_min.y + axis_h),
                        ImVec2(t.x(static_cast<float>(d)), plot_max.y),
                        draw::with_alpha(pal.grid, 0.45f));

    const int first_week = static_cast<int>(std::floor(static_cast<float>(first_day) / 7.0f));
    const int last_week = static_cast<int>(std::ceil(static_cast<float>(last_day) / 7.0f));
    for (int w = first_week; w <= last_week; ++w) {
        const float x = t.x(static_cast<float>(w * 7));
        dl->AddLine(ImVec2(x, plot_min.y + axis_h * 0.55f), ImVec2(x, plot_max.y), pal.grid,
                    w % every == 0 ? 1.5f : 1.0f);
        if (w < 0 || w % every != 0) continue;
        std::string label;
        if (tl.relative) {
            label = "Week " + std::to_string(w + 1);
        } else {
            const chr::year_month_day d{tl.origin + chr::days{w * 7}};
            label = planner::text::short_date(chr::sys_days{d});
            if (w == 0 || d.month() == chr::January)
                label += " " + std::to_string(static_cast<int>(d.year()));
        }
        draw::text(dl, f, em, ImVec2(x + em * 0.3f, plot_min.y + em * 0.3f), pal.text_dim, label);
        if (x + label_w > plot_min.x && x < plot_max.x) hits.axis_labels.push_back(label);
    }
    dl->AddLine(ImVec2(plot_min.x, plot_min.y + axis_h), ImVec2(plot_max.x, plot_min.y + axis_h),
                pal.grid);

    // Today, on calendar dates only (weeks since start have no single today).
    if (!tl.relative && state.today.ok()) {
        const float day =
            static_cast<float>((chr::sys_days{state.today} - tl.origin).count()) + 0.5f;
        const float x = t.x(day);
        if (x >= plot_min.x && x <= plot_max.x) {
            dl->AddLine(ImVec2(x, plot_min.y + axis_h), ImVec2(x, plot_max.y), pal.today, 2.0f);
            draw::bold_text(dl, f, em * 0.85f, ImVec2(x + em * 0.25f, plot_min.y + axis_h + 2.0f),
                            pal.today, "today");
        }
    }
}

// [SECTION] Lanes

void draw_lane(const AppState& state, const layout::Lane& lane, const Transform& t, ImVec2 lane_min,
               ImVec2 lane_max, float label_w, TimelineHits& hits) {
    const Palette& pal = palette(state.settings.theme);
    const Theme theme = state.settings.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    const float em = ImGui::GetFontSize();
    const ImU32 color = course_color(lane.course);
    const ImVec2 plot_min(lane_min.x + label_w, lane_min.y);
    const ImVec4 plot_clip(plot_min.x, lane_min.y, lane_max.x, lane_max.y);
    const float lane_h = lane_max.y - lane_min.y;

    // Phases: translucent bands with their names.
    dl->PushClipRect(plot_min, lane_max, true);
    for (const layout::LaneBand& band : lane.phases) {
        const ImVec2 bmin(t.x(static_cast<float>(band.from_day)), lane_min.y + em * 0.3f);
        const ImVec2 bmax(t.x(static_cast<float>(band.to_day + 1)), lane_max.y - em * 0.3f);
        dl->AddRectFilled(bmin, bmax, draw::with_alpha(course_color_soft(lane.course, theme), 0.7f),
                          em * 0.3f);
        dl->AddLine(ImVec2(bmin.x, bmin.y), ImVec2(bmin.x, bmax.y), color, 2.0f);
        // The name may run past a short band, up to where the next phase starts.
        float next_x = lane_max.x;
        for (const layout::LaneBand& other : lane.phases)
            if (other.from_day > band.from_day)
                next_x = std::min(next_x, t.x(static_cast<float>(other.from_day)));
        const std::string label = std::string(1, band.marker) + "  " + band.label;
        const ImVec4 clip(std::max(bmin.x, plot_min.x), bmin.y,
                          std::min(next_x - em * 0.2f, lane_max.x), bmax.y);
        draw::text(dl, f, em * 0.85f,
                   ImVec2(std::max(bmin.x, plot_min.x) + em * 0.35f, bmin.y + em * 0.15f),
                   pal.text_dim, label, &clip);
    }

    // Visits: a shape per phase kind carrying its marker letter; windows as bars.
    const float cy = lane_min.y + lane_h * 0.62f;
    const float r = std::clamp(t.px_per_day * 0.42f, em * 0.3f, em * 0.62f);
    for (const layout::LaneMark& mark : lane.visits) {
        const bool selected = draw::is_selected(state, lane.course, mark.visit);
        ImVec2 hmin, hmax;
        if (mark.to_day > mark.from_day) {
            const ImVec2 bmin(t.x(static_cast<float>(mark.from_day)) + 1.0f, cy - em * 0.5f);
            const ImVec2 bmax(t.x(static_cast<float>(mark.to_day + 1)) - 1.0f, cy + em * 0.5f);
            hmin = bmin;
            hmax = bmax;
            // Off the visible days (a long plan has hundreds): recorded, not painted.
            if (bmax.x + em >= plot_clip.x && bmin.x - em <= plot_clip.z) {
                dl->AddRectFilled(bmin, bmax, pal.background, em * 0.25f);
                dl->AddRectFilled(bmin, bmax, course_color_soft(lane.course, theme), em * 0.25f);
                if (mark.optional)
                    draw::dashed_rect(dl, bmin, bmax, color, em * 0.3f, 1.5f);
                else
                    dl->AddRect(bmin, bmax, color, em * 0.25f, 0, 1.5f);
                std::string label = std::string(1, mark.marker) + " window";
                if (f->CalcTextSizeA(em * 0.85f, 1e9f, 0.0f, label.c_str()).x + em * 0.6f >
                    bmax.x - bmin.x)
                    label.resize(1);
                const ImVec4 clip(std::max(bmin.x, plot_clip.x), bmin.y,
                                  std::min(bmax.x, plot_clip.z), bmax.y);
                draw::text(dl, f, em * 0.85f, ImVec2(bmin.x + em * 0.3f, cy - em * 0.43f), pal.text,
                           label, &clip);
            }
        } else {
            const ImVec2 c(t.x(static_cast<float>(mark.from_day) + 0.5f), cy);
            const ImU32 fill = mark.optional ? pal.background : color;
            const bool shown =
                c.x + r * 1.2f + em >= plot_clip.x && c.x - r * 1.2f - em <= plot_clip.z;
            if (shown)
                draw::marker_shape(dl, c, r, mark.marker, fill,
                                   mark.optional ? color : pal.background, mark.optional);
            if (shown && r >= em * 0.45f) {
                const char letter[2] = {mark.marker, '\0'};
                const float size = r * 1.3f;
                const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, letter);
                draw::text(dl, f, size, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.5f),
                           mark.optional ? pal.text : draw::text_on(color), letter);
            }
            // Clicks land on at least an em, even when zoomed far out.
            const float hr = std::max(r * 1.2f, em * 0.5f);
            hmin = ImVec2(c.x - hr, c.y - hr);
            hmax = ImVec2(c.x + hr, c.y + hr);
        }
        if (selected)
            dl->AddRect(ImVec2(hmin.x - 2.0f, hmin.y - 2.0f), ImVec2(hmax.x + 2.0f, hmax.y + 2.0f),
                        pal.selection, em * 0.25f, 0, 2.5f);
        draw_visit_marks(dl, state, lane.course, mark.visit, hmin, hmax, true);  // ≠, ✎
        const bool on_screen = hmax.x > plot_clip.x && hmin.x < plot_clip.z;
        hits.marks.push_back(VisitHit{ImVec2(std::max(hmin.x, plot_clip.x), hmin.y),
                                      ImVec2(std::min(hmax.x, plot_clip.z), hmax.y), lane.course,
                                      mark.visit, mark.to_day > mark.from_day, on_screen});
        if (on_screen) draw::trace_hit("mark", hits.marks.back());
    }
    dl->PopClipRect();

    // Label column: the course letter badge, title and route.
    dl->AddRectFilled(lane_min, ImVec2(plot_min.x, lane_max.y), pal.background);
    const float side = em * 1.3f;
    draw::course_badge(dl, ImVec2(lane_min.x + em * 0.4f, lane_min.y + em * 0.45f), side,
                       lane.course);
    const float tx = lane_min.x + em * 0.4f + side + em * 0.5f;
    // The title wrapped on at most two lines, then the route.
    const float wrap = std::max(plot_min.x - em * 0.4f - tx, em);
    const float line_h = f->FontSize > 0.0f ? em * ImGui::GetTextLineHeight() / f->FontSize : em;
    const float title_h =
        std::min(f->CalcTextSizeA(em, 1e9f, wrap, lane.label.c_str()).y, line_h * 2.0f);
    const float top = lane_min.y + em * 0.35f;
    const ImVec4 title_clip(lane_min.x, lane_min.y, plot_min.x - em * 0.3f, top + title_h);
    dl->AddText(f, em, ImVec2(tx, top), pal.text, lane.label.c_str(), nullptr, wrap, &title_clip);
    if (lane.course < state.planned.size() && top + title_h + line_h <= lane_max.y) {
        const std::string_view route =
            planner::route_label(state.planned[lane.course].protocol.route);
        const ImVec4 clip(lane_min.x, lane_min.y, plot_min.x - em * 0.3f, lane_max.y);
        draw::text(dl, f, em * 0.85f, ImVec2(tx, top + title_h + em * 0.1f), pal.text_dim, route,
                   &clip);
    }
    dl->AddLine(ImVec2(lane_min.x, lane_max.y), lane_max, pal.grid);
    hits.lanes.push_back(TimelineLaneHit{lane_min, lane_max, lane.course, lane.label});
    if (trace::active()) {
        trace::rect("lane " + std::to_string(lane.course), lane_min, lane_max);
        trace::text(lane.label);
    }
}

// [SECTION] Input

struct ViewChange {
    float days_per_em;
    float pan;
};

// Ctrl+wheel or +/- zoom about the mouse (or the centre); wheel, drag and arrows pan.
ViewChange handle_input(const Transform& t, float days_per_em, bool hovered, bool active, bool keys,
                        ImVec2 plot_min, ImVec2 plot_max) {
    const ImGuiIO& io = ImGui::GetIO();
    const float em = ImGui::GetFontSize();
    ViewChange v{days_per_em, t.pan_days};
    const auto zoom_about = [&](float factor, float sx) {
        const float day = t.day_at(sx);
        v.days_per_em = clamp_zoom(v.days_per_em * factor);
        v.pan = day - (sx - t.x0) * v.days_per_em / em;
    };
    const float centre = (plot_min.x + plot_max.x) * 0.5f;
    if (hovered && io.MouseWheel != 0.0f) {
        if (io.KeyCtrl)
            zoom_about(std::pow(kZoomStep, -io.MouseWheel), io.MousePos.x);
        else
            v.pan -= io.MouseWheel * 3.0f * em / t.px_per_day;
    }
    if (hovered && io.MouseWheelH != 0.0f) v.pan -= io.MouseWheelH * 3.0f * em / t.px_per_day;
    if (active && ImGui::IsMouseDragging(ImGuiMouseButton_Left, 0.0f))
        v.pan -= io.MouseDelta.x / t.px_per_day;
    if (keys) {
        if (draw::key_pressed(ImGuiKey_LeftArrow)) v.pan -= 7.0f;
        if (draw::key_pressed(ImGuiKey_RightArrow)) v.pan += 7.0f;
        if (draw::key_pressed(ImGuiKey_Home)) v.pan = -1.0f;
        const int steps = draw::typed_zoom_steps();
        if (steps != 0) zoom_about(std::pow(kZoomStep, static_cast<float>(-steps)), centre);
    }
    return v;
}

}  // namespace

// [SECTION] The view

void draw_timeline_view(const AppState& state, Commands& out, TimelineHits& hits) {
    hits = TimelineHits{};
    const Palette& pal = palette(state.settings.theme);
    const float em = ImGui::GetFontSize();
    const layout::Timeline tl = layout::timeline(state.planned, !state.settings.timeline_dates);

    // Toolbar: dates toggle, zoom buttons, a hint.
    bool dates = state.settings.timeline_dates;
    if (ImGui::Checkbox("Calendar dates", &dates)) out.push_back(cmd::SetTimelineDates{dates});
    trace::item("timeline dates");
    const float days_per_em = clamp_zoom(state.view.timeline_days_per_em);
    const float pan = clamp_pan(state.view.timeline_pan_days, tl);
    ImGui::SameLine(0.0f, em * 1.5f);
    const bool zoom_out = ImGui::Button(" - ##zoom_out");
    trace::item("timeline zoom out");
    ImGui::SameLine();
    const bool zoom_in = ImGui::Button(" + ##zoom_in");
    trace::item("timeline zoom in");
    ImGui::SameLine();
    const bool fit = ImGui::Button("Fit");
    trace::item("timeline fit");
    ImGui::SameLine(0.0f, em * 1.5f);
    // The controls hint where it fits, else behind a (?).
    constexpr const char* kHint = "Zoom: Ctrl+wheel or +/-    Pan: drag, wheel or arrows";
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_dim);
    if (ImGui::CalcTextSize(kHint).x <= ImGui::GetContentRegionAvail().x) {
        ImGui::TextUnformatted(kHint);
    } else {
        ImGui::TextUnformatted("(?)");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", kHint);
    }
    ImGui::PopStyleColor();
    draw::legend(state);
    ImGui::Spacing();

    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.background);
    // The wheel and the arrows pan and zoom here, not ImGui's scrolling or navigation.
    const bool open =
        ImGui::BeginChild("##timeline", ImVec2(0.0f, 0.0f), true,
                          ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavInputs);
    if (!open) {  // EndChild is called whatever BeginChild returned
        ImGui::EndChild();
        ImGui::PopStyleColor();
        return;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float label_w = std::clamp(avail.x * 0.26f, em * 9.0f, em * 16.0f);
    const float axis_h = em * 2.0f;
    // Lanes share the height, within limits that keep marks and labels readable.
    const float lane_h =
        tl.lanes.empty() ? em * 4.5f
                         : std::clamp((avail.y - axis_h - em) / static_cast<float>(tl.lanes.size()),
                                      em * 4.5f, em * 6.5f);
    const float lanes_h = static_cast<float>(tl.lanes.size()) * lane_h;
    const ImVec2 canvas_size(std::max(avail.x, em * 20.0f),
                             std::max(avail.y, axis_h + lanes_h + em));
    const bool released = ImGui::InvisibleButton("##timeline_canvas", canvas_size);
    const bool hovered = ImGui::IsItemHovered();
    const bool active = ImGui::IsItemActive();

    const ImVec2 plot_min(origin.x + label_w, origin.y);
    const ImVec2 plot_max(origin.x + canvas_size.x, origin.y + axis_h + lanes_h);
    Transform t;
    t.x0 = plot_min.x;
    t.px_per_day = em / days_per_em;
    t.pan_days = pan;
    hits.plot_min = plot_min;
    hits.plot_max = plot_max;
    hits.pixels_per_day = t.px_per_day;

    ImDrawList* dl = ImGui::GetWindowDrawList();
    dl->PushClipRect(plot_min, ImVec2(plot_max.x, origin.y + canvas_size.y), true);
    draw_axis(state, tl, t, plot_min, plot_max, axis_h, hits);
    dl->PopClipRect();
    // What x means, above the lane labels.
    draw::text(dl, ImGui::GetFont(), em * 0.85f, ImVec2(origin.x + em * 0.4f, origin.y + em * 0.4f),
               pal.text_dim, tl.relative ? "weeks since each start" : "calendar dates");
    float y = origin.y + axis_h;
    for (const layout::Lane& lane : tl.lanes) {
        if (!draw::course_shown(state, lane.course)) continue;
        draw_lane(state, lane, t, ImVec2(origin.x, y), ImVec2(plot_max.x, y + lane_h), label_w,
                  hits);
        y += lane_h;
    }
    if (tl.lanes.empty()) {
        draw::text(dl, ImGui::GetFont(), em, ImVec2(plot_min.x + em, origin.y + axis_h + em),
                   pal.text_dim, "No course shown. Add one in the courses panel.");
    }

    const ImGuiIO& io = ImGui::GetIO();
    const auto under = [&](ImVec2 p) -> const VisitHit* {
        // Dated marks sit on top of windows, so they win.
        for (const auto& h : hits.marks)
            if (!h.window && h.visible && h.contains(p)) return &h;
        for (const auto& h : hits.marks)
            if (h.window && h.visible && h.contains(p)) return &h;
        return nullptr;
    };
    if (hovered && !active)
        if (const VisitHit* h = under(io.MousePos)) draw::visit_tooltip(state, h->course, h->visit);
    // A click (released without dragging) selects the mark under the mouse.
    const float threshold = io.MouseDragThreshold * io.MouseDragThreshold;
    if (released && io.MouseDragMaxDistanceSqr[0] < threshold)
        if (const VisitHit* h = under(io.MousePos))
            out.push_back(cmd::Select{Selection{h->course, h->visit}});

    // A visit being dragged along its lane (ui/edit_views) does not pan the view.
    ViewChange v = handle_input(t, days_per_em, hovered, active && !state.view.drag,
                                draw::keys_for_this_view(), plot_min, plot_max);
    const float plot_w = std::max(plot_max.x - plot_min.x, em);
    if (zoom_in) v.days_per_em = clamp_zoom(v.days_per_em / kZoomStep);
    if (zoom_out) v.days_per_em = clamp_zoom(v.days_per_em * kZoomStep);
    // First time shown with the default view: fit up to the first twelve weeks.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID fitted_id = ImGui::GetID("##fitted");
    const bool first_fit = !storage->GetBool(fitted_id, false) && !tl.lanes.empty() &&
                           state.view.timeline_days_per_em == ViewState{}.timeline_days_per_em &&
                           state.view.timeline_pan_days == ViewState{}.timeline_pan_days;
    if (!tl.lanes.empty()) storage->SetBool(fitted_id, true);
    if (fit || first_fit) {
        const int days = first_fit ? std::min(tl.last_day + 9, 12 * 7 + 2) : tl.last_day + 9;
        v.days_per_em = clamp_zoom(static_cast<float>(days) * em / plot_w);
        v.pan = -1.0f;
    }
    v.pan = clamp_pan(v.pan, tl);
    if (v.days_per_em != state.view.timeline_days_per_em || v.pan != state.view.timeline_pan_days)
        if (v.days_per_em != days_per_em || v.pan != pan)
            out.push_back(cmd::SetTimelineView{v.days_per_em, v.pan});

    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_timeline_view(const AppState& state, Commands& out) {
    TimelineHits hits;
    draw_timeline_view(state, out, hits);
}

}  // namespace ui
