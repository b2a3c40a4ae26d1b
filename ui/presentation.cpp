// Presentation mode: large type, no editing controls, one week at a time. The week
// steps and their caption lines come from planner::layout::week_steps, the days from
// layout::week_cells and what fits in them (chips, "+N more", window slots, labels) from
// layout::fit_row; this file paints a strip of weeks around the current one, the caption
// and the legend, all sized from the presentation font so they read from the back of a
// room. The frame draws the disclaimer banner above it in the same large type.
//
// [SECTION] Sizes
// [SECTION] The strip
// [SECTION] The view

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "planner/text.hpp"
#include "ui/draw_util.hpp"
#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"

namespace ui {

namespace {

namespace layout = planner::layout;

constexpr int kRowsShown = 4;  // the current week, one before, two after

// [SECTION] Sizes

// The strip's cells in em of the presentation size: chips in 0.8 of it, so a chip's letter
// is as tall as body text on a laptop times two.
layout::CellStyle strip_style(float cell_w, float em) {
    layout::CellStyle st;
    st.cell_w = cell_w / em;
    st.day_h = 1.05;
    st.chip_h = 1.3;
    st.band_h = 1.05;
    st.pad = 0.18;
    st.text = 0.8;
    st.small = 0.62;
    st.band_text = 0.62;
    st.chip_pad = 0.22;
    st.gap = 0.25;
    st.marker_w = 0.75;
    st.corner = 0.5;
    st.min_row_h = 2.4;
    st.empty_row_h = 2.0;
    return st;
}

// The weeks around the current one: smaller chips, so more of their visits show.
layout::CellStyle neighbour_style(float cell_w, float em) {
    layout::CellStyle st = strip_style(cell_w, em);
    st.day_h = 0.95;
    st.chip_h = 0.95;
    st.band_h = 0.8;
    st.text = 0.58;
    st.band_text = 0.5;
    st.marker_w = 0.6;
    st.corner = 0.38;
    return st;
}

// [SECTION] The strip

struct Strip {
    const AppState& state;
    const Palette& pal;
    ImDrawList* dl;
    float em;       // presentation size in pixels
    float label_w;  // the "Week 3" column
    float cell_w;
    PresentationRecord& record;
    [[nodiscard]] float px(double v) const { return static_cast<float>(v) * em; }
};

void draw_chip(const Strip& s, const layout::CellStyle& st, const layout::PlacedChip& placed,
               ImVec2 min, ImVec2 max, bool current) {
    const layout::Chip& chip = placed.chip;
    const ImU32 color = course_color(chip.course);
    const ImU32 soft = course_color_soft(chip.course, s.state.settings.theme);
    const float round = s.em * 0.22f;
    // The current week in full colour; the weeks around it quieter (soft fill, outline)
    // rather than faded, so their text keeps its contrast in both themes.
    ImU32 ink = s.pal.text;
    ImU32 shape_fill = color;
    ImU32 shape_ink = draw::text_on(color);
    if (chip.optional) {
        draw::rect_filled(s.dl, min, max, soft, round);
        draw::dashed_rect(s.dl, min, max, color, s.em * 0.3f, 2.0f);
    } else if (current) {
        draw::rect_filled(s.dl, min, max, color, round);
        ink = draw::text_on(color);
        shape_fill = ink;
        shape_ink = color;
    } else {
        draw::rect_filled(s.dl, min, max, soft, round);
        draw::rect(s.dl, min, max, color, round, 0, 1.5f);
    }
    if (chip.moved) {  // the folded corner: moved off a closed day
        const float c = s.px(st.corner) * 0.9f;
        s.dl->AddTriangleFilled(ImVec2(max.x - c, min.y), ImVec2(max.x, min.y),
                                ImVec2(max.x, min.y + c), current && !chip.optional ? ink : color);
        if (trace::active())
            trace::rect("moved " + std::to_string(chip.course) + "/" + std::to_string(chip.visit),
                        ImVec2(max.x - c, min.y), ImVec2(max.x, min.y + c));
    }
    s.dl->PushClipRect(min, max, true);
    draw::paint_label(s.dl, placed.label, chip.kind, min, max, s.px(st.text), st, ink, shape_fill,
                      shape_ink);
    s.dl->PopClipRect();
}

void draw_row(const Strip& s, const layout::WeekStep& step, const layout::FittedRow& row,
              const layout::CellStyle& st, bool current, ImVec2 at) {
    const Palette& pal = s.pal;
    ImDrawList* dl = s.dl;
    ImFont* f = ImGui::GetFont();
    const float h = s.px(row.height);
    const ImVec2 row_max(at.x + s.label_w + 7.0f * s.cell_w, at.y + h);
    if (current) dl->AddRectFilled(at, row_max, pal.highlight, s.em * 0.3f);

    const std::string week = "Week " + std::to_string(step.index + 1);
    const float wsize = s.em * 0.8f;
    if (current)
        draw::bold_text(dl, f, wsize, ImVec2(at.x + s.em * 0.3f, at.y + s.em * 0.3f), pal.text,
                        week);
    else
        draw::text(dl, f, wsize, ImVec2(at.x + s.em * 0.3f, at.y + s.em * 0.3f), pal.text_dim,
                   week);

    const float pad = s.px(st.pad);
    const float small = s.px(st.small);
    const float band_top = at.y + h - pad - s.px(row.slots * st.band_h);
    std::vector<std::pair<const layout::PlacedBand*, std::pair<ImVec2, ImVec2>>> labels;
    for (std::size_t d = 0; d < row.cells.size(); ++d) {
        const layout::FittedCell& cell = row.cells[d];
        const ImVec2 cmin(at.x + s.label_w + static_cast<float>(d) * s.cell_w, at.y);
        const ImVec2 cmax(cmin.x + s.cell_w, at.y + h);
        draw::rect(dl, cmin, ImVec2(cmax.x + 1.0f, cmax.y + 1.0f), pal.grid);
        const chr::sys_days day{cell.date};
        const std::string head =
            std::string(planner::text::weekday_short(chr::weekday{day})) + " " + cell.day_number;
        const ImVec2 head_at(cmin.x + pad * 1.5f, cmin.y + pad);
        const float head_w = f->CalcTextSizeA(small, 1e9f, 0.0f, head.c_str()).x;
        if (cell.today) {
            draw::bold_text(dl, f, small, head_at, pal.today, head);
            if (!cell.today_label.empty())
                draw::text(dl, f, small, ImVec2(head_at.x + head_w + small * 0.4f, head_at.y),
                           pal.today, cell.today_label);
            dl->AddRect(cmin, cmax, pal.today, 0.0f, 0, 2.5f);
        } else {
            draw::text(dl, f, small, head_at, current ? pal.text : pal.text_dim, head);
        }
        if (!cell.closed_for.empty()) {
            dl->AddLine(ImVec2(cmin.x + pad, cmax.y - pad), ImVec2(cmax.x - pad, cmin.y + pad),
                        pal.closed, 2.0f);
            if (!cell.closed_label.empty()) {
                const float cw = f->CalcTextSizeA(small, 1e9f, 0.0f, cell.closed_label.c_str()).x;
                draw::text(dl, f, small, ImVec2(cmax.x - cw - pad * 1.5f, head_at.y), pal.closed,
                           cell.closed_label);
                trace::text(cell.closed_label);
            }
        }
        for (const layout::PlacedChip& chip : cell.chips) {
            const float y = cmin.y + s.px(st.day_h + chip.line * st.chip_h);
            const ImVec2 chmin(cmin.x + pad, y);
            const ImVec2 chmax(cmax.x - pad, y + s.px(st.chip_h) - s.em * 0.15f);
            draw_chip(s, st, chip, chmin, chmax, current);
            if (current) {
                s.record.chips.push_back(
                    VisitHit{chmin, chmax, chip.chip.course, chip.chip.visit, false, true});
                draw::trace_hit("chip", s.record.chips.back());
            }
        }
        if (!cell.more_label.empty()) {
            const float size = cell.more_line >= 0 ? s.px(st.text) : small;
            const ImVec2 mat = cell.more_line >= 0
                                   ? ImVec2(cmin.x + pad + s.px(st.chip_pad),
                                            cmin.y + s.px(st.day_h + cell.more_line * st.chip_h))
                                   : ImVec2(head_at.x + head_w + small * 0.4f, head_at.y);
            draw::bold_text(dl, f, size, mat, pal.text, cell.more_label);
            trace::text(cell.more_label);
            if (current)
                for (const layout::Hidden& hid : cell.hidden)
                    ++(hid.window ? s.record.counted_bands : s.record.counted);
        }
        for (const layout::PlacedBand& band : cell.bands) {
            const float by = band_top + s.px(band.slot * st.band_h);
            const ImVec2 bmin(band.part.starts_here ? cmin.x + pad : cmin.x, by);
            const ImVec2 bmax(band.part.ends_here ? cmax.x - pad : cmax.x,
                              by + s.px(st.band_h) - s.em * 0.12f);
            dl->AddRectFilled(bmin, bmax,
                              course_color_soft(band.part.course, s.state.settings.theme));
            draw::rect(dl, bmin, bmax, course_color(band.part.course));
            if (band.labelled) labels.push_back({&band, {bmin, bmax}});
        }
    }
    // Window labels last, over the days their window covers in this row.
    for (const auto& [band, rect] : labels) {
        const ImVec2 right(rect.first.x + s.px(band->label_room), rect.second.y);
        dl->PushClipRect(rect.first, right, true);
        draw::paint_label(
            dl, band->label, draw::phase_kind(s.state, band->part.course, band->part.visit),
            rect.first, right, s.px(st.band_text), st, pal.text, course_color(band->part.course),
            draw::text_on(course_color(band->part.course)));
        dl->PopClipRect();
    }
}

}  // namespace

// [SECTION] The view

void draw_presentation(const AppState& state, Commands& out, PresentationRecord& record) {
    record = PresentationRecord{};
    const Palette& pal = palette(state.settings.theme);
    // Captions only for the weeks the strip can show (a week before, two after, or the last
    // few when the plan ends), not for every week of a long plan.
    const int wanted = state.view.present_week;
    std::vector<layout::WeekStep> steps =
        layout::week_steps(state.planned, wanted - kRowsShown, wanted + kRowsShown);
    const int count = static_cast<int>(steps.size());
    record.week_count = count;

    // Keys first: they work whatever is drawn. Page Up/Down for presentation clickers.
    const int week = count > 0 ? std::clamp(state.view.present_week, 0, count - 1) : 0;
    if (week != wanted)  // a week past the plan's end: captions around the one shown
        steps = layout::week_steps(state.planned, week - kRowsShown, week + kRowsShown);
    if (draw::key_pressed(ImGuiKey_Escape)) push(out, cmd::Present{false});
    const bool next = draw::key_pressed(ImGuiKey_RightArrow) ||
                      draw::key_pressed(ImGuiKey_PageDown) || draw::key_pressed(ImGuiKey_Space);
    const bool prev = draw::key_pressed(ImGuiKey_LeftArrow) || draw::key_pressed(ImGuiKey_PageUp);
    if (next && week + 1 < count) push(out, cmd::StepWeek{+1});
    if (prev && week > 0) push(out, cmd::StepWeek{-1});

    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.background);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text);
    const bool open =
        ImGui::BeginChild("##presentation", ImVec2(0.0f, 0.0f), false,
                          ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse |
                              ImGuiWindowFlags_NoBackground);  // the window's colour already
    if (!open) {  // EndChild is called whatever BeginChild returned
        ImGui::EndChild();
        ImGui::PopStyleColor(2);
        return;
    }
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    record.area_max = ImVec2(origin.x + avail.x, origin.y + avail.y);
    const float body = ImGui::GetFontSize();

    ImGui::PushFont(font(FontRole::large));
    ImFont* f = ImGui::GetFont();
    // The presentation size: the large face, smaller only when the window is too small for it.
    const float em =
        std::clamp(std::min(avail.y / 15.0f, avail.x / 28.0f), body * 1.15f, ImGui::GetFontSize());
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (count == 0) {
        draw::text(dl, f, em, ImVec2(origin.x, origin.y + em), pal.text,
                   "No course to present. Leave with Esc and add one.");
        trace::text("No course to present. Leave with Esc and add one.");
        ImGui::PopFont();
        ImGui::EndChild();
        ImGui::PopStyleColor(2);
        return;
    }
    const layout::WeekStep& step = steps[static_cast<std::size_t>(week)];
    record.week = week;
    record.caption = step.caption;
    trace::text(step.caption);

    // "Week 2 of 12" in bold and the dates: the anchor of the slide.
    float y = origin.y;
    record.heading = "Week " + std::to_string(week + 1) + " of " + std::to_string(count);
    draw::bold_text(dl, f, em, ImVec2(origin.x, y), pal.text, record.heading);
    trace::text(record.heading);
    const std::string dates = planner::text::date_range(step.first, step.last);
    const float hw = f->CalcTextSizeA(em, 1e9f, 0.0f, record.heading.c_str()).x;
    draw::text(dl, f, em, ImVec2(origin.x + hw + em, y), pal.text_dim, dates);
    trace::text(dates);
    y += em * 1.4f;

    // One caption line per busy course, with its badge; lines wrap at words.
    const float cap = em * 0.72f;
    record.text_size = cap;
    const auto pixels = [&](float size) {
        return [f, size](std::string_view t, bool) {
            return static_cast<double>(
                f->CalcTextSizeA(size, 1e9f, 0.0f, t.data(), t.data() + t.size()).x);
        };
    };
    const float badge = cap * 1.05f;
    for (const auto& line : step.lines) {
        const auto wrapped =
            layout::wrap_words(line.text, avail.x - badge - cap * 0.5f, 1.0, false, pixels(cap));
        draw::course_badge(dl, ImVec2(origin.x, y + cap * 0.2f), badge, line.course);
        for (const auto& w : wrapped) {
            draw::text(dl, f, cap, ImVec2(origin.x + badge + cap * 0.5f, y), pal.text, w);
            y += cap * 1.3f;
        }
        record.lines.push_back(line.text);
        trace::text(line.text);
    }
    y += em * 0.25f;

    // The legend at the bottom, in big type too; its height is measured first so no line of
    // it is ever clipped.
    const float legend_size = std::max(body, em * 0.62f);
    record.legend_size = legend_size;
    layout::LegendNeeds needs;
    needs.today = state.today.ok();
    needs.more = true;  // room for the "+N more" key in case a row needs it
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y));
    const float legend_h = draw::legend(state, needs, legend_size, true, false);
    needs.more = false;
    const float bottom = origin.y + avail.y;
    const float strip_bottom = bottom - legend_h - em * 0.3f;

    // The strip: the current week, as tall as it needs (up to 60% of the room), and its
    // neighbours in what is left: one before and two after while they fit.
    Strip s{state, pal,   dl, em, f->CalcTextSizeA(em * 0.8f, 1e9f, 0.0f, "Week 00").x + em * 0.6f,
            0.0f,  record};
    s.cell_w = std::floor((avail.x - s.label_w - 2.0f) / 7.0f);
    const layout::Measure measure = draw::measure();
    const float room = std::max(strip_bottom - y, em * 2.0f);
    layout::CalendarOptions options;
    options.week_start = state.settings.week_start;
    if (state.today.ok()) options.today = state.today;
    const auto cells = [&](int k) {
        return layout::week_cells(steps[static_cast<std::size_t>(k)].first, state.planned, options);
    };
    layout::CellStyle grow = strip_style(s.cell_w, em);
    const auto current_cells = cells(week);
    const float needed = s.px(layout::fit_row(current_cells, state.planned, grow, measure).height);
    const layout::CellStyle small_style = neighbour_style(s.cell_w, em);
    const float neighbour_min = s.px(small_style.day_h + small_style.chip_h + small_style.pad);
    int before = week > 0 ? 1 : 0;
    int after = std::min(2, count - 1 - week);
    // Fewer neighbours rather than a current week too short for its visits.
    float cur_h = room;
    while (true) {
        const int others = before + after;
        cur_h = std::min(needed + 1.0f, room - static_cast<float>(others) * neighbour_min);
        if (cur_h >= needed || others == 0) break;
        if (after > 1)
            --after;
        else if (before > 0)
            --before;
        else
            --after;
    }
    const int others = before + after;
    // At least an equal share, so the current week is never the smallest row.
    cur_h = std::clamp(std::max(cur_h, room / static_cast<float>(others + 1)),
                       std::min(room, neighbour_min),
                       std::max(room - static_cast<float>(others) * neighbour_min, neighbour_min));
    const float other_h = others > 0 ? (room - cur_h) / static_cast<float>(others) : 0.0f;
    float ry = y;
    for (int k = week - before; k <= week + after; ++k) {
        const bool current = k == week;
        layout::CellStyle st = current ? grow : small_style;
        st.cell_h = (current ? cur_h : other_h) / em;
        const auto row_cells = current ? current_cells : cells(k);
        const auto row = layout::fit_row(row_cells, state.planned, st, measure);
        record.rows.push_back(k);
        draw_row(s, steps[static_cast<std::size_t>(k)], row, st, current, ImVec2(origin.x, ry));
        ry += s.px(row.height);
        needs.more = needs.more || std::any_of(row.cells.begin(), row.cells.end(),
                                               [](auto& c) { return !c.hidden.empty(); });
    }

    // The legend, drawn where it was measured for.
    const float legend_y = std::max(ry + em * 0.3f, strip_bottom + em * 0.3f);
    ImGui::SetCursorScreenPos(ImVec2(origin.x, legend_y));
    record.legend_min = ImVec2(origin.x, legend_y);
    const float drawn_h = draw::legend(state, needs, legend_size, true, true);
    record.legend_max = ImVec2(origin.x + avail.x, legend_y + drawn_h);
    ImGui::PopFont();

    ImGui::EndChild();
    ImGui::PopStyleColor(2);
}

void draw_presentation(const AppState& state, Commands& out) {
    PresentationRecord record;
    draw_presentation(state, out, record);
}

}  // namespace ui
