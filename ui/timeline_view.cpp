// Comparison timeline: one lane per shown course, weeks since start (or calendar
// dates) along x, phases as bands, visits as marks, windows as bars. The lanes come
// from planner::layout::timeline, the default range (the whole course), the axis
// labels and where each phase name goes (in its band, on a second line, shortened or
// in the legend) from layout::fit_whole, axis_ticks and fit_lanes; this file paints
// them and turns mouse and keys into cmd::SetTimelineView.
//
// [SECTION] View transform
// [SECTION] Axis
// [SECTION] Kept across frames (AppState::caches.timeline)
// [SECTION] Lanes
// [SECTION] Input
// [SECTION] The view

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "planner/text.hpp"
#include "ui/draw_util.hpp"
#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"
#include "ui/visit_marks.hpp"

namespace ui {

namespace {

namespace layout = planner::layout;

constexpr float kMinDaysPerEm = 0.08f;  // about 12 em per day: hours become visible
constexpr float kMaxDaysPerEm = 60.0f;  // about two years across a laptop screen
constexpr float kZoomStep = 1.25f;
constexpr float kLabelLine = 1.3f;  // em per phase-label line (at band_text size)

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

void draw_axis(const AppState& state, const layout::Timeline& tl,
               const std::vector<layout::AxisTick>& ticks, const Transform& t, ImVec2 plot_min,
               ImVec2 plot_max, float axis_h, TimelineHits& hits) {
    const Palette& pal = palette(state.settings.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    const float em = ImGui::GetFontSize();
    for (const layout::AxisTick& tick : ticks) {
        const float x = t.x(static_cast<float>(tick.day));
        if (x < plot_min.x - 1.0f || x > plot_max.x + 1.0f) continue;
        dl->AddLine(ImVec2(x, plot_min.y + axis_h * (tick.label.empty() ? 0.75f : 0.45f)),
                    ImVec2(x, plot_min.y + axis_h), pal.grid, tick.label.empty() ? 1.0f : 1.5f);
        // A label that would be cut at the plot's right edge is left out whole.
        if (tick.label.empty() ||
            x + em * 0.3f + f->CalcTextSizeA(em, 1e9f, 0.0f, tick.label.c_str()).x > plot_max.x)
            continue;
        draw::text(dl, f, em, ImVec2(x + em * 0.3f, plot_min.y + em * 0.3f), pal.text_dim,
                   tick.label);
        hits.axis_labels.push_back(tick.label);
        trace::text(tick.label);
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

// [SECTION] Kept across frames (AppState::caches.timeline)

TimelineCache& timeline_cache(const AppState& state) {
    TimelineCache& cache = state.caches.timeline;
    const TimelineCache::Key key{plan_key(state), !state.settings.timeline_dates, ImGui::GetFont(),
                                 ImGui::GetFontSize()};
    if (cache.key == key) return cache;
    cache = TimelineCache{};
    cache.key = key;
    cache.timeline = layout::timeline(state.planned, key.relative);
    return cache;
}

TimelineCache::FitKey fit_key(const layout::TimelineView& view) {
    return TimelineCache::FitKey{view.plot_w, view.days_per_em, view.pan_days, view.lane_h};
}

// The lanes' phase labels for this view; the last few views are kept (the view fits twice
// a frame, with and without a scrollbar).
const std::vector<layout::FittedLane>& fitted_lanes(TimelineCache& cache,
                                                    const layout::TimelineView& view) {
    const TimelineCache::FitKey key = fit_key(view);
    for (const TimelineCache::Fitted& f : cache.fitted)
        if (f.key == key) return f.lanes;
    if (cache.fitted.size() >= 4) cache.fitted.erase(cache.fitted.begin());
    cache.fitted.push_back({key, layout::fit_lanes(cache.timeline, view, draw::measure())});
    return cache.fitted.back().lanes;
}

const std::vector<layout::AxisTick>& axis_ticks(TimelineCache& cache,
                                                const layout::TimelineView& view) {
    const TimelineCache::FitKey key = fit_key(view);
    if (cache.ticks_key != key) {
        cache.ticks = layout::axis_ticks(cache.timeline, view, draw::measure());
        cache.ticks_key = key;
    }
    return cache.ticks;
}

// [SECTION] Lanes

struct LaneGeometry {
    ImVec2 min;
    ImVec2 max;
    float label_w = 0.0f;
    int title_lines = 2;
};

float title_wrap(const LaneGeometry& g) {
    const float em = ImGui::GetFontSize();
    const float side = em * 1.3f;
    const float tx = g.min.x + em * 0.4f + side + em * 0.5f;
    const float plot_x = g.min.x + g.label_w;
    return std::max(plot_x - em * 0.5f - tx, em);
}

// The lane's title wrapped at words in the label column, cut at a word after `title_lines`
// lines (the legend above gives the whole title).
const std::vector<std::string>& lane_title(TimelineCache& cache, std::size_t lane,
                                           const LaneGeometry& g) {
    const TimelineCache::TitleKey key{title_wrap(g), g.title_lines};
    if (cache.titles_key != key) {
        cache.titles.assign(cache.timeline.lanes.size(), {});
        cache.titles_key = key;
    }
    std::optional<std::vector<std::string>>& kept = cache.titles[lane];
    if (kept) return *kept;
    std::vector<std::string>& lines = kept.emplace();
    const float em = ImGui::GetFontSize();
    const std::string& label = cache.timeline.lanes[lane].label;
    lines = layout::wrap_words(label, key.wrap / em, 1.0, false, draw::measure());
    if (static_cast<int>(lines.size()) > key.lines) {
        std::string rest;
        for (std::size_t i = static_cast<std::size_t>(key.lines) - 1; i < lines.size(); ++i)
            rest += (rest.empty() ? "" : " ") + lines[i];
        lines.resize(static_cast<std::size_t>(key.lines));
        lines.back() = layout::shorten_words(rest, key.wrap / em, 1.0, false, draw::measure());
    }
    return lines;
}

void draw_lane(const AppState& state, const layout::Lane& lane, const layout::FittedLane& fitted,
               const std::vector<std::string>& title, const std::vector<layout::AxisTick>& ticks,
               const layout::TimelineView& view, const Transform& t, const LaneGeometry& g,
               TimelineHits& hits) {
    const Palette& pal = palette(state.settings.theme);
    const Theme theme = state.settings.theme;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    const float em = ImGui::GetFontSize();
    const ImU32 color = course_color(lane.course);
    const ImVec2 lane_min = g.min;
    const ImVec2 lane_max = g.max;
    const ImVec2 plot_min(lane_min.x + g.label_w, lane_min.y);
    const ImVec4 plot_clip(plot_min.x, lane_min.y, lane_max.x, lane_max.y);
    const float band_size = em * static_cast<float>(view.band_text);
    const float line_h = band_size * kLabelLine;
    const float labels_bottom = lane_min.y + em * 0.35f + static_cast<float>(fitted.lines) * line_h;

    dl->PushClipRect(plot_min, lane_max, true);
    // Phases: translucent bands.
    for (const layout::LaneBand& band : lane.phases) {
        const ImVec2 bmin(t.x(static_cast<float>(band.from_day)), lane_min.y + em * 0.3f);
        const ImVec2 bmax(t.x(static_cast<float>(band.to_day + 1)), lane_max.y - em * 0.3f);
        dl->AddRectFilled(bmin, bmax, draw::with_alpha(course_color_soft(lane.course, theme), 0.7f),
                          em * 0.3f);
        dl->AddLine(ImVec2(bmin.x, bmin.y), ImVec2(bmin.x, bmax.y), color, 2.0f);
    }
    // Week lines only below the phase labels, so no line runs through a name.
    for (const layout::AxisTick& tick : ticks) {
        const float x = t.x(static_cast<float>(tick.day));
        if (x < plot_min.x || x > lane_max.x) continue;
        dl->AddLine(ImVec2(x, labels_bottom + 1.0f), ImVec2(x, lane_max.y),
                    draw::with_alpha(pal.grid, tick.label.empty() ? 0.45f : 0.9f));
        hits.grid_lines.push_back({x, labels_bottom + 1.0f, lane_max.y});
        if (trace::active())
            trace::rect("grid", ImVec2(x, labels_bottom + 1.0f), ImVec2(x, lane_max.y));
    }
    // Phase names where the layout put them: in the band, on the line under it, shortened or
    // as the glyph alone (the legend then names the phase).
    for (const layout::PlacedPhaseLabel& label : fitted.labels) {
        const float x = plot_min.x + static_cast<float>(label.x) * em;
        const float y = lane_min.y + em * 0.35f + static_cast<float>(label.line) * line_h;
        const float r = band_size * 0.45f;
        draw::marker_shape(dl, ImVec2(x + em * 0.35f + r, y + line_h * 0.45f), r, label.kind, color,
                           pal.background, false, draw::text_on(color));
        if (!label.text.empty())
            draw::text(dl, f, band_size, ImVec2(x + em * 0.35f + 2.0f * r + em * 0.3f, y), pal.text,
                       label.text);
        const ImVec2 rmin(x, y);
        const ImVec2 rmax(x + static_cast<float>(label.width) * em, y + line_h);
        hits.label_rects.push_back({rmin, rmax});
        if (trace::active()) trace::rect("phase label", rmin, rmax);
        trace::text(label.text);
    }

    // Visits: a shape per phase kind carrying its glyph; windows as bars.
    const float cy = (labels_bottom + lane_max.y) * 0.5f;
    const float mark_room = std::max((lane_max.y - labels_bottom) * 0.4f, em * 0.3f);
    const float r = std::clamp(t.px_per_day * 0.42f, em * 0.3f, std::min(em * 0.62f, mark_room));
    for (const layout::LaneMark& mark : lane.visits) {
        const bool selected = draw::is_selected(state, lane.course, mark.visit);
        ImVec2 hmin, hmax;
        if (mark.to_day > mark.from_day) {
            const float half = std::min(em * 0.5f, mark_room);
            const ImVec2 bmin(t.x(static_cast<float>(mark.from_day)) + 1.0f, cy - half);
            const ImVec2 bmax(t.x(static_cast<float>(mark.to_day + 1)) - 1.0f, cy + half);
            // Off the visible days (a long plan has hundreds): recorded, not painted.
            if (bmax.x + em >= plot_clip.x && bmin.x - em <= plot_clip.z) {
                draw::rect_filled(dl, bmin, bmax, pal.background, em * 0.25f);
                draw::rect_filled(dl, bmin, bmax, course_color_soft(lane.course, theme),
                                  em * 0.25f);
                if (mark.optional)
                    draw::dashed_rect(dl, bmin, bmax, color, em * 0.3f, 1.5f);
                else
                    draw::rect(dl, bmin, bmax, color, em * 0.25f, 0, 1.5f);
                const float size = em * 0.85f;
                if (f->CalcTextSizeA(size, 1e9f, 0.0f, "window").x + em * 0.6f <= bmax.x - bmin.x) {
                    const ImVec4 clip(std::max(bmin.x, plot_clip.x), bmin.y,
                                      std::min(bmax.x, plot_clip.z), bmax.y);
                    draw::text(dl, f, size, ImVec2(bmin.x + em * 0.3f, cy - size * 0.55f), pal.text,
                               "window", &clip);
                }
            }
            hmin = bmin;
            hmax = bmax;
        } else {
            const ImVec2 c(t.x(static_cast<float>(mark.from_day) + 0.5f), cy);
            const ImU32 fill = mark.optional ? pal.background : color;
            const bool shown =
                c.x + r * 1.2f + em >= plot_clip.x && c.x - r * 1.2f - em <= plot_clip.z;
            if (shown)
                draw::marker_shape(dl, c, r, mark.kind, fill,
                                   mark.optional ? color : pal.background, mark.optional,
                                   mark.optional ? pal.text : draw::text_on(color));
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

    // Label column: the course letter badge, the title wrapped at words, then the route.
    dl->AddRectFilled(lane_min, ImVec2(plot_min.x, lane_max.y), pal.background);
    const float side = em * 1.3f;
    draw::course_badge(dl, ImVec2(lane_min.x + em * 0.4f, lane_min.y + em * 0.45f), side,
                       lane.course);
    const float tx = lane_min.x + em * 0.4f + side + em * 0.5f;
    const float text_h = ImGui::GetTextLineHeight();
    float ty = lane_min.y + em * 0.35f;
    for (const auto& l : title) {
        draw::text(dl, f, em, ImVec2(tx, ty), pal.text, l);
        ty += text_h;
    }
    if (lane.course < state.planned.size() && ty + text_h <= lane_max.y) {
        const std::string_view route =
            planner::route_label(state.planned[lane.course].protocol.route);
        draw::text(dl, f, em * 0.85f, ImVec2(tx, ty + em * 0.1f), pal.text_dim, route);
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
    TimelineCache& cache = timeline_cache(state);
    const layout::Timeline& tl = cache.timeline;

    // Toolbar: dates toggle, zoom buttons, a hint.
    bool dates = state.settings.timeline_dates;
    if (ImGui::Checkbox("Calendar dates", &dates)) push(out, cmd::SetTimelineDates{dates});
    trace::item("timeline dates");
    ImGui::SameLine(0.0f, em * 1.5f);
    const bool zoom_out = ImGui::Button(" - ##zoom_out");
    trace::item("timeline zoom out");
    ImGui::SameLine();
    const bool zoom_in = ImGui::Button(" + ##zoom_in");
    trace::item("timeline zoom in");
    ImGui::SameLine();
    const bool fit = ImGui::Button("Fit");
    trace::item("timeline fit");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Show the whole course (Home goes to day 1)");
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

    // Geometry first: the legend lists the phase names the lanes could not hold, and the
    // lanes share the pane's height that the legend leaves.
    const ImGuiStyle& style = ImGui::GetStyle();
    const float pane_w = ImGui::GetContentRegionAvail().x;
    const float label_w = std::clamp(pane_w * 0.26f, em * 9.0f, em * 16.0f);
    const float axis_h = em * 2.0f;
    const float min_lane_h = em * 3.6f;
    const std::size_t lanes = tl.lanes.size();
    const auto plot_width = [&](bool scrolls) {
        return std::max(pane_w - 2.0f * style.WindowPadding.x - label_w -
                            (scrolls ? style.ScrollbarSize : 0.0f),
                        em * 4.0f);
    };
    // The first time it is shown with the default view, and on Fit: the whole course.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID fitted_id = ImGui::GetID("##fitted");
    const bool first_fit = !storage->GetBool(fitted_id, false) && !tl.lanes.empty() &&
                           state.view.timeline_days_per_em == ViewState{}.timeline_days_per_em &&
                           state.view.timeline_pan_days == ViewState{}.timeline_pan_days;
    if (!tl.lanes.empty()) storage->SetBool(fitted_id, true);
    layout::TimelineView view;
    layout::Fit whole;
    float days_per_em = clamp_zoom(state.view.timeline_days_per_em);
    float pan = clamp_pan(state.view.timeline_pan_days, tl);
    layout::LegendNeeds needs;
    needs.today = !tl.relative && state.today.ok() && !tl.lanes.empty();
    const std::vector<layout::FittedLane>* fitted = nullptr;  // in cache.fitted
    float lane_h = min_lane_h;
    bool scrolls = false;
    // Two passes: the legend's height depends on the names the lanes drop, the lanes' height
    // on what the legend leaves.
    for (int pass = 0; pass < 2; ++pass) {
        whole = layout::fit_whole(tl, plot_width(scrolls) / em);
        if (first_fit) {
            days_per_em = clamp_zoom(static_cast<float>(whole.days_per_em));
            pan = clamp_pan(static_cast<float>(whole.pan_days), tl);
        }
        view.plot_w = plot_width(scrolls) / em;
        view.days_per_em = days_per_em;
        view.pan_days = pan;
        view.lane_h = lane_h / em;
        fitted = &fitted_lanes(cache, view);
        needs.phase_names.clear();
        for (const auto& fl : *fitted)
            for (const std::size_t p : fl.dropped)
                needs.phase_names.push_back(
                    {tl.lanes[fl.lane].course, tl.lanes[fl.lane].phases[p].phase});
        const float legend_h = draw::legend(state, needs, 0.0f, false, false);
        const float inner_h = ImGui::GetContentRegionAvail().y - legend_h -
                              style.ItemSpacing.y * 2.0f - 2.0f * style.WindowPadding.y - 2.0f;
        scrolls = axis_h + static_cast<float>(lanes) * min_lane_h > inner_h;
        lane_h = lanes == 0 ? min_lane_h
                            : std::clamp((inner_h - axis_h) / static_cast<float>(lanes), min_lane_h,
                                         em * 10.0f);
    }
    view.lane_h = lane_h / em;
    draw::legend(state, needs);
    ImGui::Spacing();
    const std::vector<layout::AxisTick>& ticks = axis_ticks(cache, view);

    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.background);
    // The wheel and the arrows pan and zoom here, not ImGui's scrolling or navigation.
    const bool open = ImGui::BeginChild(
        "##timeline", ImVec2(0.0f, 0.0f), true,
        ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavInputs |
            (scrolls ? ImGuiWindowFlags_AlwaysVerticalScrollbar : ImGuiWindowFlags_NoScrollbar));
    if (!open) {  // EndChild is called whatever BeginChild returned
        ImGui::EndChild();
        ImGui::PopStyleColor();
        return;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    if (trace::active())
        trace::rect("timeline pane", origin, ImVec2(origin.x + avail.x, origin.y + avail.y));
    const float lanes_h = static_cast<float>(lanes) * lane_h;
    const ImVec2 canvas_size(std::max(avail.x, em * 20.0f), std::max(avail.y, axis_h + lanes_h));
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
    if (!tl.lanes.empty()) {
        dl->PushClipRect(plot_min, ImVec2(plot_max.x, origin.y + canvas_size.y), true);
        draw_axis(state, tl, ticks, t, plot_min, plot_max, axis_h, hits);
        dl->PopClipRect();
        // What x means, above the lane labels.
        draw::text(dl, ImGui::GetFont(), em * 0.85f,
                   ImVec2(origin.x + em * 0.4f, origin.y + em * 0.4f), pal.text_dim,
                   tl.relative ? "weeks since each start" : "calendar dates");
    }
    const float text_h = ImGui::GetTextLineHeight();
    const int title_lines =
        std::max(1, static_cast<int>((lane_h - em * 0.7f) / text_h) - 1);  // the route below
    float y = origin.y + axis_h;
    for (std::size_t li = 0; li < tl.lanes.size(); ++li) {
        const LaneGeometry g{ImVec2(origin.x, y), ImVec2(plot_max.x, y + lane_h), label_w,
                             title_lines};
        draw_lane(state, tl.lanes[li], (*fitted)[li], lane_title(cache, li, g), ticks, view, t, g,
                  hits);
        y += lane_h;
    }
    if (tl.lanes.empty()) {
        draw::text(dl, ImGui::GetFont(), em, ImVec2(origin.x + em, origin.y + em), pal.text_dim,
                   "No course shown. Add one in the courses panel.");
        trace::text("No course shown. Add one in the courses panel.");
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
            push(out, cmd::Select{Selection{h->course, h->visit}});

    // A visit being dragged along its lane (ui/edit_views) does not pan the view.
    ViewChange v = handle_input(t, days_per_em, hovered, active && !state.view.drag,
                                draw::keys_for_this_view(), plot_min, plot_max);
    if (zoom_in) v.days_per_em = clamp_zoom(v.days_per_em / kZoomStep);
    if (zoom_out) v.days_per_em = clamp_zoom(v.days_per_em * kZoomStep);
    if (fit) {
        v.days_per_em = clamp_zoom(static_cast<float>(whole.days_per_em));
        v.pan = static_cast<float>(whole.pan_days);
    }
    v.pan = clamp_pan(v.pan, tl);
    if (v.days_per_em != state.view.timeline_days_per_em || v.pan != state.view.timeline_pan_days)
        if (first_fit || v.days_per_em != days_per_em || v.pan != pan)
            push(out, cmd::SetTimelineView{v.days_per_em, v.pan});

    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_timeline_view(const AppState& state, Commands& out) {
    TimelineHits hits;
    draw_timeline_view(state, out, hits);
}

}  // namespace ui
