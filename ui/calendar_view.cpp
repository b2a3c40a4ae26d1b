// Month calendar: the months of the plan stacked in a scrolling child window, one
// chip per visit, windows as bands, closed days struck through. What goes where, which
// label fits and what overflows come from planner::layout (month_grid, fit_month); this
// file only paints and handles input.
//
// [SECTION] Metrics and small helpers
// [SECTION] Cells: chips, bands, closed days
// [SECTION] One month
// [SECTION] The months, kept across frames (AppState::calendar_cache)
// [SECTION] Keyboard
// [SECTION] The view

#include <algorithm>
#include <cmath>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/text.hpp"
#include "ui/draw_util.hpp"
#include "ui/replay.hpp"
#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"
#include "ui/visit_marks.hpp"

namespace ui {

namespace {

namespace layout = planner::layout;

// [SECTION] Metrics and small helpers

// The layout's cell style with the cell width from the pane: seven whole-pixel columns that
// always fit, so there is never a horizontal scrollbar. Sizes in em of the body font.
layout::CellStyle cell_style(float avail_w, float em) {
    layout::CellStyle st;
    st.cell_w = std::floor(std::max(avail_w, em * 7.0f) / 7.0f) / em;
    return st;
}

// The months to show: the plan's, plus today's month when it comes just before.
std::vector<chr::year_month> months_to_show(const AppState& state) {
    std::vector<chr::year_month> months = layout::months_spanned(state.planned);
    const bool today_ok = state.today.ok();
    const chr::year_month this_month =
        today_ok ? state.today.year() / state.today.month() : chr::year_month{};
    if (months.empty()) {
        if (today_ok) months.push_back(this_month);
        return months;
    }
    if (today_ok && this_month + chr::months{1} == months.front())
        months.insert(months.begin(), this_month);
    return months;
}

// [SECTION] Cells: chips, bands, closed days

struct CellContext {
    const AppState& state;
    const Palette& pal;
    const layout::CellStyle& st;
    float em;
    ImDrawList* dl;
    ImVec4 clip;  // the visible part of the scrolling child
    CalendarHits& hits;
    bool paint = true;  // false for rows scrolled out of view: their hits only
    [[nodiscard]] float px(double v) const { return static_cast<float>(v) * em; }
};

bool visible(const CellContext& ctx, ImVec2 min, ImVec2 max) {
    return max.y > ctx.clip.y && min.y < ctx.clip.w && max.x > ctx.clip.x && min.x < ctx.clip.z;
}

void draw_chip(const CellContext& ctx, const layout::PlacedChip& placed, ImVec2 min, ImVec2 max) {
    if (!ctx.paint) return;
    const layout::Chip& chip = placed.chip;
    const ImU32 color = course_color(chip.course);
    const float round = ctx.em * 0.3f;
    ImU32 ink = draw::text_on(color);
    ImU32 shape_fill = ink;
    ImU32 shape_ink = color;
    if (chip.optional) {
        draw::rect_filled(ctx.dl, min, max, ctx.pal.background, round);
        draw::rect_filled(ctx.dl, min, max,
                          course_color_soft(chip.course, ctx.state.settings.theme), round);
        draw::dashed_rect(ctx.dl, min, max, color, ctx.em * 0.3f, 1.5f);
        ink = ctx.pal.text;
        shape_fill = color;
        shape_ink = draw::text_on(color);
    } else {
        draw::rect_filled(ctx.dl, min, max, color, round);
    }
    if (draw::is_selected(ctx.state, chip.course, chip.visit)) {
        const float g = 2.0f;
        ctx.dl->AddRect(ImVec2(min.x - g, min.y - g), ImVec2(max.x + g, max.y + g),
                        ctx.pal.selection, round + g, 0, 2.5f);
    }
    if (chip.moved) {  // a folded corner: this visit was moved off a closed day
        const float s = ctx.px(ctx.st.corner) * 1.1f;
        ctx.dl->AddTriangleFilled(ImVec2(max.x - s, min.y), ImVec2(max.x, min.y),
                                  ImVec2(max.x, min.y + s), ink);
        if (trace::active())
            trace::rect("moved " + std::to_string(chip.course) + "/" + std::to_string(chip.visit),
                        ImVec2(max.x - s, min.y), ImVec2(max.x, min.y + s));
    }
    ctx.dl->PushClipRect(min, max, true);
    draw::paint_label(ctx.dl, placed.label, chip.kind, min, max, ctx.px(ctx.st.text), ctx.st, ink,
                      shape_fill, shape_ink);
    ctx.dl->PopClipRect();
    draw_visit_marks(ctx.dl, ctx.state, chip.course, chip.visit, min, max);  // ≠ differs, ✎ note
}

void draw_band(const CellContext& ctx, const layout::PlacedBand& placed, ImVec2 min, ImVec2 max) {
    if (!ctx.paint) return;
    const layout::BandPart& band = placed.part;
    const planner::Visit* v = draw::find_visit(ctx.state, band.course, band.visit);
    const ImU32 color = course_color(band.course);
    const float round = ctx.em * 0.35f;
    ImDrawFlags corners = ImDrawFlags_RoundCornersNone;
    if (band.starts_here) corners |= ImDrawFlags_RoundCornersLeft;
    if (band.ends_here) corners |= ImDrawFlags_RoundCornersRight;
    draw::rect_filled(ctx.dl, min, max, course_color_soft(band.course, ctx.state.settings.theme),
                      round, corners);
    // Edges in the full colour, dashed for an optional window; solid ends where it ends.
    const ImVec2 bl(min.x, max.y - 1.0f);
    const ImVec2 br(max.x, max.y - 1.0f);
    if (v && v->optional) {
        draw::dashed_line(ctx.dl, min, ImVec2(max.x, min.y), color, ctx.em * 0.3f, 1.5f);
        draw::dashed_line(ctx.dl, bl, br, color, ctx.em * 0.3f, 1.5f);
    } else {
        ctx.dl->AddLine(min, ImVec2(max.x, min.y), color, 1.5f);
        ctx.dl->AddLine(bl, br, color, 1.5f);
    }
    if (band.starts_here) ctx.dl->AddRectFilled(min, ImVec2(min.x + 3.0f, max.y), color);
    if (band.ends_here) ctx.dl->AddRectFilled(ImVec2(max.x - 3.0f, min.y), max, color);
    if (draw::is_selected(ctx.state, band.course, band.visit))
        ctx.dl->AddRect(ImVec2(min.x - 1.0f, min.y - 2.0f), ImVec2(max.x + 1.0f, max.y + 2.0f),
                        ctx.pal.selection, round, corners, 2.5f);
}

// A window's label runs over the days of its row that the window covers (the layout says
// how far), drawn after every cell of the row so no later cell paints over it.
void draw_band_label(const CellContext& ctx, const layout::PlacedBand& placed, ImVec2 min,
                     ImVec2 max) {
    if (!ctx.paint) return;
    const float right = min.x + ctx.px(placed.label_room);
    ctx.dl->PushClipRect(min, ImVec2(right, max.y), true);
    draw::paint_label(
        ctx.dl, placed.label, draw::phase_kind(ctx.state, placed.part.course, placed.part.visit),
        min, ImVec2(right, max.y), ctx.px(ctx.st.band_text), ctx.st, ctx.pal.text,
        course_color(placed.part.course), draw::text_on(course_color(placed.part.course)));
    ctx.dl->PopClipRect();
}

void draw_closed(const CellContext& ctx, const layout::FittedCell& cell, ImVec2 min, ImVec2 max) {
    ctx.hits.closed_days.push_back(cell.date);
    if (!ctx.paint) return;
    const float pad = ctx.px(ctx.st.pad);
    ctx.dl->AddLine(ImVec2(min.x + pad, max.y - pad), ImVec2(max.x - pad, min.y + pad),
                    ctx.pal.closed, 1.5f);
    if (!cell.closed_label.empty()) {
        ImFont* f = ImGui::GetFont();
        const float size = ctx.px(ctx.st.small);
        const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, cell.closed_label.c_str());
        draw::text(ctx.dl, f, size, ImVec2(max.x - ts.x - pad, min.y + pad * 1.2f), ctx.pal.closed,
                   cell.closed_label);
        trace::text(cell.closed_label);
    }
}

// [SECTION] One month

struct Pending {
    bool clicked = false;
    ImVec2 click_at;
    bool hovered = false;
    // Enter on the focused day selects its first chip.
    std::optional<Selection> first_on_focus;
    // Where the focused cell was drawn (to scroll it into view after keyboard moves).
    std::optional<std::pair<ImVec2, ImVec2>> focus_rect;
    std::vector<std::pair<chr::year_month, float>> month_tops;  // in scroll coordinates
};

void draw_month(const CellContext& month_ctx, const layout::FittedMonth& month, Pending& pending) {
    const layout::CellStyle& st = month_ctx.st;
    const Palette& pal = month_ctx.pal;
    ImDrawList* dl = month_ctx.dl;
    const float cell_w = month_ctx.px(st.cell_w);
    const float pad = month_ctx.px(st.pad);

    const float scroll_y = ImGui::GetScrollY();
    const float window_y = ImGui::GetWindowPos().y;
    pending.month_tops.emplace_back(month.month,
                                    ImGui::GetCursorScreenPos().y - window_y + scroll_y);

    // Heading: "March 2027" in the heading font.
    ImGui::PushFont(font(FontRole::heading));
    trace::text_line(month.title);
    ImGui::PopFont();

    // Weekday header, starting at the week-start setting.
    const ImVec2 header_at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(cell_w * 7.0f, month_ctx.em * 1.5f));
    for (std::size_t i = 0; i < month.header_text.size(); ++i)
        draw::text(dl, ImGui::GetFont(), month_ctx.em,
                   ImVec2(header_at.x + static_cast<float>(i) * cell_w + pad,
                          header_at.y + month_ctx.em * 0.2f),
                   pal.text_dim, month.header_text[i]);
    if (month_ctx.hits.header.empty()) month_ctx.hits.header = month.header;

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const std::string id = "##month" + std::to_string(draw::month_key(month.month));
    const float total_h = std::max(month_ctx.px(month.height), 1.0f);
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(cell_w * 7.0f, total_h))) {
        pending.clicked = true;
        pending.click_at = ImGui::GetIO().MousePos;
    }
    if (ImGui::IsItemHovered()) pending.hovered = true;

    const auto& focused = month_ctx.state.view.focused_day;
    float y = origin.y;
    for (const layout::FittedRow& row : month.rows) {
        const float h = month_ctx.px(row.height);
        // Rows out of view keep their hits but draw nothing (a long plan stays cheap to draw).
        CellContext rctx = month_ctx;
        rctx.paint = y + h >= month_ctx.clip.y && y <= month_ctx.clip.w;
        const CellContext& ctx = rctx;
        const bool paint = rctx.paint;
        const float band_top = y + h - pad - ctx.px(row.slots * st.band_h);
        std::vector<std::pair<const layout::PlacedBand*, std::pair<ImVec2, ImVec2>>> labels;
        for (std::size_t c = 0; c < row.cells.size(); ++c) {
            const layout::FittedCell& cell = row.cells[c];
            const ImVec2 min(origin.x + static_cast<float>(c) * cell_w, y);
            const ImVec2 max(min.x + cell_w, y + h);
            if (paint) {
                // A day of the month is the window's background, which is already there (the
                // frame is cleared to it and the calendar draws nothing beneath its cells): only
                // the days of the months either side are filled. The grid is opaque, so a line
                // drawn twice where two cells meet is the same line.
                if (!cell.in_month) dl->AddRectFilled(min, max, pal.other_month);
                draw::rect(dl, min, ImVec2(max.x + 1.0f, max.y + 1.0f), pal.grid);
            }

            // Day number; today in bold with an outline round the cell.
            const ImVec2 num_at(min.x + pad, min.y + pad * 0.8f);
            if (!cell.in_month) {
                if (paint)
                    draw::text(dl, ImGui::GetFont(), ctx.em, num_at,
                               draw::with_alpha(pal.text_dim, 0.6f), cell.day_number);
                continue;
            }
            ctx.hits.days.push_back(DayHit{min, max, cell.date});
            if (trace::active() && visible(ctx, min, max))
                trace::rect("day " + planner::text::iso_date(cell.date), min, max);
            const float nx =
                ImGui::GetFont()->CalcTextSizeA(ctx.em, 1e9f, 0.0f, cell.day_number.c_str()).x;
            if (cell.today) {
                if (paint) {
                    draw::bold_text(dl, ImGui::GetFont(), ctx.em * 1.05f, num_at, pal.today,
                                    cell.day_number);
                    if (!cell.today_label.empty())
                        draw::text(
                            dl, ImGui::GetFont(), ctx.px(st.small),
                            ImVec2(num_at.x + nx + ctx.px(st.gap), num_at.y + ctx.em * 0.15f),
                            pal.text_dim, cell.today_label);
                }
                ctx.hits.today_days.push_back(cell.date);
            } else if (paint) {
                draw::text(dl, ImGui::GetFont(), ctx.em, num_at, pal.text, cell.day_number);
            }
            if (!cell.closed_for.empty()) draw_closed(ctx, cell, min, max);

            for (const layout::PlacedChip& chip : cell.chips) {
                const float cy = min.y + ctx.px(st.day_h + chip.line * st.chip_h);
                const ImVec2 cmin(min.x + pad, cy);
                const ImVec2 cmax(max.x - pad, cy + ctx.px(st.chip_h) - ctx.em * 0.25f);
                draw_chip(ctx, chip, cmin, cmax);
                ctx.hits.chips.push_back(VisitHit{cmin, cmax, chip.chip.course, chip.chip.visit,
                                                  false, visible(ctx, cmin, cmax)});
                if (ctx.hits.chips.back().visible) draw::trace_hit("chip", ctx.hits.chips.back());
                if (focused == cell.date && !pending.first_on_focus)
                    pending.first_on_focus = Selection{chip.chip.course, chip.chip.visit};
            }
            if (!cell.more_label.empty() && paint) {
                const float my = cell.more_line >= 0
                                     ? min.y + ctx.px(st.day_h + cell.more_line * st.chip_h)
                                     : num_at.y;
                const float mx = cell.more_line >= 0 ? min.x + pad + ctx.px(st.chip_pad)
                                                     : num_at.x + nx + ctx.px(st.gap);
                draw::text(dl, ImGui::GetFont(), ctx.em, ImVec2(mx, my), pal.text, cell.more_label);
                trace::text(cell.more_label);
            }

            for (const layout::PlacedBand& band : cell.bands) {
                const float by = band_top + ctx.px(band.slot * st.band_h);
                const ImVec2 bmin(band.part.starts_here ? min.x + pad : min.x, by);
                const ImVec2 bmax(band.part.ends_here ? max.x - pad : max.x,
                                  by + ctx.px(st.band_h) - ctx.em * 0.25f);
                draw_band(ctx, band, bmin, bmax);
                if (band.labelled) labels.push_back({&band, {bmin, bmax}});
                ctx.hits.windows.push_back(VisitHit{bmin, bmax, band.part.course, band.part.visit,
                                                    true, visible(ctx, bmin, bmax)});
                if (focused == cell.date && !pending.first_on_focus)
                    pending.first_on_focus = Selection{band.part.course, band.part.visit};
            }

            if (cell.today && paint)
                dl->AddRect(ImVec2(min.x + 1.0f, min.y + 1.0f), max, pal.today, 0.0f, 0, 2.0f);
            if (focused == cell.date) {
                if (paint)
                    dl->AddRect(ImVec2(min.x + 3.0f, min.y + 3.0f),
                                ImVec2(max.x - 2.0f, max.y - 2.0f), draw::focus_color(),
                                ctx.em * 0.2f, 0, 2.5f);
                pending.focus_rect = std::make_pair(min, max);
            }
        }
        for (const auto& [band, rect] : labels)
            draw_band_label(ctx, *band, rect.first, rect.second);
        y += h;
    }
    ImGui::Dummy(ImVec2(1.0f, month_ctx.em * 1.2f));
}

// A month out of view: the same items as draw_month, as empty space of the same sizes, so the
// months below sit where they would and the scroll range is the same. No hits, no paint.
void skip_month(const CellContext& ctx, chr::year_month month, double height, Pending& pending) {
    const float cell_w = ctx.px(ctx.st.cell_w);
    pending.month_tops.emplace_back(
        month, ImGui::GetCursorScreenPos().y - ImGui::GetWindowPos().y + ImGui::GetScrollY());
    ImGui::PushFont(font(FontRole::heading));
    ImGui::Dummy(ImVec2(1.0f, ImGui::GetFontSize()));  // the heading's line
    ImGui::PopFont();
    ImGui::Dummy(ImVec2(cell_w * 7.0f, ctx.em * 1.5f));  // the weekday header
    ImGui::Dummy(ImVec2(cell_w * 7.0f, std::max(ctx.px(height), 1.0f)));
    ImGui::Dummy(ImVec2(1.0f, ctx.em * 1.2f));
}

// [SECTION] The months, kept across frames (AppState::calendar_cache)

CalendarCache& cached_months(const AppState& state, const std::vector<chr::year_month>& months,
                             const layout::CellStyle& st, const layout::CalendarOptions& options) {
    CalendarCache& cache = state.calendar_cache;
    const CalendarCache::Key key{state.planned_revision, state.planned.data(), state.planned.size(),
                                 options.week_start,     state.today,          st.cell_w,
                                 ImGui::GetFont(),       ImGui::GetFontSize()};
    if (cache.key == key && cache.months == months) return cache;
    cache.key = key;
    cache.months = months;
    cache.entries.clear();
    cache.entries.reserve(months.size());
    for (const chr::year_month month : months) {
        CalendarCache::Month entry;
        entry.grid = layout::month_grid(month, state.planned, options);
        entry.height = layout::month_height(entry.grid, st);
        cache.entries.push_back(std::move(entry));
    }
    return cache;
}

// The first dated visit drawn, in month order (where the arrow keys start with no focus).
std::optional<Selection> first_chip(const CalendarCache& cache) {
    for (const CalendarCache::Month& m : cache.entries)
        for (const auto& week : m.grid.weeks)
            for (const layout::DayCell& cell : week)
                if (cell.in_month && !cell.chips.empty())
                    return Selection{cell.chips.front().course, cell.chips.front().visit};
    return std::nullopt;
}

// [SECTION] Keyboard

// Arrow keys move the focused day, Page Up/Down a month, Home to today.
std::optional<chr::year_month_day> keyboard_focus(const AppState& state,
                                                  const std::vector<chr::year_month>& months,
                                                  chr::year_month_day base) {
    int days = 0;
    int month_steps = 0;
    if (draw::key_pressed(ImGuiKey_LeftArrow)) days -= 1;
    if (draw::key_pressed(ImGuiKey_RightArrow)) days += 1;
    if (draw::key_pressed(ImGuiKey_UpArrow)) days -= 7;
    if (draw::key_pressed(ImGuiKey_DownArrow)) days += 7;
    if (draw::key_pressed(ImGuiKey_PageUp)) month_steps -= 1;
    if (draw::key_pressed(ImGuiKey_PageDown)) month_steps += 1;
    const bool home = draw::key_pressed(ImGuiKey_Home) && state.today.ok();
    if (days == 0 && month_steps == 0 && !home) return std::nullopt;
    chr::year_month_day next = base;
    if (home) {
        next = state.today;
    } else if (!state.view.focused_day.ok()) {
        next = base;  // the first key press shows where the focus is
    } else {
        next = chr::year_month_day{chr::sys_days{base} + chr::days{days}};
        if (month_steps != 0) {
            const chr::year_month ym = next.year() / next.month() + chr::months{month_steps};
            const chr::day last = (ym / chr::last).day();
            next = ym / std::min(next.day(), last);
        }
    }
    // Stay inside the months drawn.
    if (!months.empty()) {
        const chr::year_month_day lo = months.front() / chr::day{1};
        const chr::year_month_day hi{months.back() / chr::last};
        if (chr::sys_days{next} < chr::sys_days{lo}) next = lo;
        if (chr::sys_days{next} > chr::sys_days{hi}) next = hi;
    }
    if (next == state.view.focused_day) return std::nullopt;
    return next;
}

// Where arrows start when nothing is focused yet: today if shown, else the first visit.
chr::year_month_day focus_base(const AppState& state, const std::vector<chr::year_month>& months,
                               const CalendarCache& cache) {
    if (state.view.focused_day.ok()) return state.view.focused_day;
    if (state.today.ok() && std::find(months.begin(), months.end(),
                                      state.today.year() / state.today.month()) != months.end())
        return state.today;
    if (const auto chip = first_chip(cache)) {
        if (const planner::Visit* v = draw::find_visit(state, chip->course, *chip->visit))
            return chr::year_month_day{v->earliest};
    }
    return months.empty() ? state.today : months.front() / chr::day{1};
}

// What one month adds to the frame's pending input and hit records: kept with a replayed month.
struct MonthPart {
    Pending pending;
    CalendarHits hits;
    void add_to(Pending& p, CalendarHits& h) const {
        p.clicked = p.clicked || pending.clicked;
        if (pending.clicked) p.click_at = pending.click_at;
        p.hovered = p.hovered || pending.hovered;
        if (pending.first_on_focus) p.first_on_focus = pending.first_on_focus;
        if (pending.focus_rect) p.focus_rect = pending.focus_rect;
        p.month_tops.insert(p.month_tops.end(), pending.month_tops.begin(),
                            pending.month_tops.end());
        if (h.header.empty()) h.header = hits.header;
        const auto append = [](auto& to, const auto& from) {
            to.insert(to.end(), from.begin(), from.end());
        };
        append(h.chips, hits.chips);
        append(h.windows, hits.windows);
        append(h.days, hits.days);
        append(h.closed_days, hits.closed_days);
        append(h.today_days, hits.today_days);
    }
};

// The scrolling region's months, hover, clicks, keys and scrolling.
void draw_months(const AppState& state, Commands& out, CalendarHits& hits, const Palette& pal) {
    PanelReplays& panels = state.caches.panels.get();
    const std::vector<chr::year_month> months = months_to_show(state);
    hits.months = months;
    const float em = ImGui::GetFontSize();
    const layout::CellStyle st = cell_style(ImGui::GetContentRegionAvail().x, em);
    const ImVec2 wmin = ImGui::GetWindowPos();
    const ImVec2 wsize = ImGui::GetWindowSize();
    const CellContext ctx{state,
                          pal,
                          st,
                          em,
                          ImGui::GetWindowDrawList(),
                          ImVec4(wmin.x, wmin.y, wmin.x + wsize.x, wmin.y + wsize.y),
                          hits};
    const layout::Measure measure = draw::measure();
    hits.visible_left = wmin.x + ImGui::GetWindowContentRegionMin().x;
    hits.visible_right = wmin.x + ImGui::GetWindowContentRegionMax().x;
    hits.scroll_max_x = ImGui::GetScrollMaxX();
    if (trace::active()) {
        trace::rect("calendar visible", ImVec2(hits.visible_left, wmin.y),
                    ImVec2(hits.visible_right, wmin.y + wsize.y));
        if (hits.scroll_max_x > 0.0f) trace::text("calendar hscroll");
    }

    layout::CalendarOptions options;
    options.week_start = state.settings.week_start;
    if (state.today.ok()) options.today = state.today;

    // Months out of view are empty space of their height (a five-year plan costs the months
    // on screen); the month of the focused day is always laid out, so the keyboard can bring
    // it into view. Heading, weekday header and gaps take under 8 em.
    Pending pending;
    CalendarCache& cache = cached_months(state, months, st, options);
    const chr::year_month_day focused = state.view.focused_day;
    for (std::size_t i = 0; i < months.size(); ++i) {
        CalendarCache::Month& entry = cache.entries[i];
        const float top = ImGui::GetCursorScreenPos().y;
        const float bottom = top + ctx.px(entry.height) + em * 8.0f;
        const bool focus_here = focused.ok() && focused.year() / focused.month() == months[i];
        if (!focus_here && (bottom < ctx.clip.y || top > ctx.clip.w)) {
            skip_month(ctx, months[i], entry.height, pending);
            continue;
        }
        if (!entry.fitted) entry.fitted = layout::fit_month(entry.grid, state.planned, st, measure);
        // A month away from the pointer is drawn again from the last frame, with what it added
        // to the hit records (ui/replay.hpp).
        MonthPart part;
        replayable_stretch(panels.month(draw::month_key(months[i])), state.revision,
                           state.caches.replay_panels, out, part, [&] {
                               const CellContext month_ctx{ctx.state, ctx.pal,  ctx.st,   ctx.em,
                                                           ctx.dl,    ctx.clip, part.hits};
                               draw_month(month_ctx, *entry.fitted, part.pending);
                           });
        part.add_to(pending, hits);
    }

    if (months.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, pal.text_dim);
        ImGui::TextUnformatted("No course shown. Add one in the courses panel.");
        ImGui::PopStyleColor();
    }

    // Hover: a tooltip for the visit under the mouse; nothing is pushed.
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const auto under = [&](ImVec2 p) -> const VisitHit* {
        for (const auto& h : hits.chips)
            if (h.contains(p)) return &h;
        for (const auto& h : hits.windows)
            if (h.contains(p)) return &h;
        return nullptr;
    };
    if (pending.hovered) {
        if (const VisitHit* h = under(mouse)) {
            const float g = 1.0f;
            ctx.dl->AddRect(ImVec2(h->min.x - g, h->min.y - g), ImVec2(h->max.x + g, h->max.y + g),
                            draw::with_alpha(pal.text, 0.55f), em * 0.3f, 0, 1.5f);
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left))
                draw::visit_tooltip(state, h->course, h->visit);
        }
    }

    // Click: select the visit under the mouse; the day clicked becomes the focused day.
    if (pending.clicked) {
        const ImVec2 p = pending.click_at;
        if (const VisitHit* h = under(p)) push(out, cmd::Select{Selection{h->course, h->visit}});
        for (const auto& d : hits.days)
            if (p.x >= d.min.x && p.x < d.max.x && p.y >= d.min.y && p.y < d.max.y &&
                d.date != state.view.focused_day)
                push(out, cmd::FocusDay{d.date});
    }

    // Keyboard: arrows move the focused day, Enter selects its first visit.
    if (draw::keys_for_this_view()) {
        if (const auto next = keyboard_focus(state, months, focus_base(state, months, cache)))
            push(out, cmd::FocusDay{*next});
        if ((draw::key_pressed(ImGuiKey_Enter) || draw::key_pressed(ImGuiKey_KeyPadEnter)) &&
            pending.first_on_focus)
            push(out, cmd::Select{*pending.first_on_focus});
    }

    // Scrolling: bring a newly focused day into view; follow and report the month anchor.
    ImGuiStorage* storage = ImGui::GetStateStorage();
    const ImGuiID focus_id = ImGui::GetID("##focus_seen");
    const ImGuiID applied_id = ImGui::GetID("##anchor_applied");
    const ImGuiID reported_id = ImGui::GetID("##anchor_reported");
    bool scrolled = false;
    const int focus_key = draw::day_key(state.view.focused_day);
    if (focus_key != storage->GetInt(focus_id, 0)) {
        storage->SetInt(focus_id, focus_key);
        if (pending.focus_rect) {
            const auto [fmin, fmax] = *pending.focus_rect;
            if (fmin.y < ctx.clip.y || fmax.y > ctx.clip.w) {
                ImGui::SetScrollFromPosY(fmin.y - wmin.y - em * 3.0f, 0.0f);
                scrolled = true;
            }
        }
    }
    const int wanted = draw::month_key(state.view.first_month);
    if (!scrolled && wanted != 0 && wanted != storage->GetInt(applied_id, 0) &&
        !pending.month_tops.empty()) {
        // Scroll to the requested month, or the nearest one drawn.
        auto target = pending.month_tops.front();
        for (const auto& top : pending.month_tops)
            if (draw::month_key(top.first) <= wanted) target = top;
        ImGui::SetScrollY(target.second);
        storage->SetInt(applied_id, wanted);
        storage->SetInt(reported_id, draw::month_key(target.first));
        scrolled = true;
    }
    if (!scrolled && !pending.month_tops.empty()) {
        const float top = ImGui::GetScrollY() + em;
        chr::year_month first = pending.month_tops.front().first;
        for (const auto& t : pending.month_tops)
            if (t.second <= top) first = t.first;
        const int key = draw::month_key(first);
        if (key != storage->GetInt(reported_id, 0)) {
            storage->SetInt(reported_id, key);
            storage->SetInt(applied_id, key);
            if (key != wanted) push(out, cmd::ScrollCalendar{first});
        }
    }
}

}  // namespace

// [SECTION] The view

void draw_calendar_view(const AppState& state, Commands& out, CalendarHits& hits) {
    hits = CalendarHits{};
    const Palette& pal = palette(state.settings.theme);
    PanelReplays& panels = state.caches.panels.get();
    replayable_stretch(panels.legend, state.revision, state.caches.replay_panels, out, [&] {
        draw::legend(state, planner::layout::LegendNeeds{state.today.ok()});
        ImGui::Spacing();
    });

    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.background);
    // No ImGui keyboard navigation inside: the arrows move the focused day instead. The grid
    // always fits the width, so there is no horizontal scrollbar; the vertical one is
    // always there so the width does not jump when the months outgrow the pane.
    const bool open =
        ImGui::BeginChild("##calendar", ImVec2(0.0f, 0.0f), false,
                          ImGuiWindowFlags_AlwaysVerticalScrollbar | ImGuiWindowFlags_NoNavInputs |
                              ImGuiWindowFlags_NoBackground);  // the window's colour already
    if (!open) {  // EndChild is called whatever BeginChild returned
        ImGui::EndChild();
        ImGui::PopStyleColor();
        return;
    }
    // The months are drawn again from the last frame while nothing they show changed; the hit
    // records come back with them (ui/replay.hpp).
    replayable(panels.calendar, state.revision, state.caches.replay_panels, out, hits,
               [&] { draw_months(state, out, hits, pal); });
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_calendar_view(const AppState& state, Commands& out) {
    CalendarHits hits;
    draw_calendar_view(state, out, hits);
}

}  // namespace ui
