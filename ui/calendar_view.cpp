// Month calendar: the months of the plan stacked in a scrolling child window, one
// chip per visit, windows as bands, closed days struck through. Everything placed
// comes from planner::layout::month_grid; this file only paints and handles input.
//
// [SECTION] Metrics and small helpers
// [SECTION] Cells: chips, bands, closed days
// [SECTION] One month
// [SECTION] Keyboard
// [SECTION] The view

#include <algorithm>
#include <string>
#include <utility>
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

// [SECTION] Metrics and small helpers

// Sizes in em so the grid reads the same at any zoom and on a projector.
struct Metrics {
    float em = 16.0f;
    float cell_w = 0.0f;
    float day_h = 0.0f;   // the day number line at the top of a cell
    float chip_h = 0.0f;  // one chip including the gap below it
    float band_h = 0.0f;  // one window band
    float pad = 0.0f;
    float min_row_h = 0.0f;
    float empty_row_h = 0.0f;  // a week with nothing in it stays short
};

Metrics metrics(float avail_w) {
    Metrics m;
    m.em = ImGui::GetFontSize();
    m.cell_w = std::max(avail_w / 7.0f, m.em * 5.0f);
    m.day_h = m.em * 1.7f;
    m.chip_h = m.em * 1.55f;
    m.band_h = m.em * 1.45f;
    m.pad = m.em * 0.3f;
    m.min_row_h = m.em * 5.2f;
    m.empty_row_h = m.em * 3.4f;
    return m;
}

using BandKey = std::pair<std::size_t, std::size_t>;  // course, visit

// Each window crossing a week row keeps one slot (vertical position) across the row, in the
// order the row first meets them. A window covers every day from its first to its last and
// each day lists its windows in (course, visit) order, so a window is new to the row unless
// the day before has it: one walk, where a long plan has hundreds of windows in a row.
struct BandSlots {
    std::size_t count = 0;
    std::vector<std::vector<std::size_t>> of_band;  // [column][band in the cell]: its slot
};

BandSlots band_slots(const std::vector<layout::DayCell>& week, const AppState& state) {
    BandSlots slots;
    slots.of_band.resize(week.size());
    const auto key = [](const layout::BandPart& b) { return BandKey{b.course, b.visit}; };
    for (std::size_t c = 0; c < week.size(); ++c) {
        const layout::DayCell& cell = week[c];
        if (!cell.in_month) continue;
        std::vector<std::size_t>& mine = slots.of_band[c];
        mine.assign(cell.bands.size(), 0);
        const bool after_day = c > 0 && week[c - 1].in_month;
        std::size_t p = 0;
        for (std::size_t j = 0; j < cell.bands.size(); ++j) {
            const layout::BandPart& b = cell.bands[j];
            if (!draw::course_shown(state, b.course)) continue;
            if (after_day) {
                const auto& before = week[c - 1].bands;
                while (p < before.size() && key(before[p]) < key(b)) ++p;
                if (p < before.size() && key(before[p]) == key(b)) {
                    mine[j] = slots.of_band[c - 1][p];
                    continue;
                }
            }
            mine[j] = slots.count++;
        }
    }
    return slots;
}

std::size_t shown_chips(const layout::DayCell& cell, const AppState& state) {
    return static_cast<std::size_t>(
        std::count_if(cell.chips.begin(), cell.chips.end(),
                      [&](const layout::Chip& c) { return draw::course_shown(state, c.course); }));
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
    const Metrics& m;
    ImDrawList* dl;
    ImVec4 clip;  // the visible part of the scrolling child
    CalendarHits& hits;
};

bool visible(const CellContext& ctx, ImVec2 min, ImVec2 max) {
    return max.y > ctx.clip.y && min.y < ctx.clip.w && max.x > ctx.clip.x && min.x < ctx.clip.z;
}

void draw_chip(const CellContext& ctx, const layout::Chip& chip, ImVec2 min, ImVec2 max) {
    const planner::Visit* v = draw::find_visit(ctx.state, chip.course, chip.visit);
    const ImU32 color = course_color(chip.course);
    const float round = ctx.m.em * 0.3f;
    ImU32 ink = draw::text_on(color);
    if (chip.optional) {
        ctx.dl->AddRectFilled(min, max, ctx.pal.background, round);
        ctx.dl->AddRectFilled(min, max, course_color_soft(chip.course, ctx.state.settings.theme),
                              round);
        draw::dashed_rect(ctx.dl, min, max, color, ctx.m.em * 0.3f, 1.5f);
        ink = ctx.pal.text;
    } else {
        ctx.dl->AddRectFilled(min, max, color, round);
    }
    if (draw::is_selected(ctx.state, chip.course, chip.visit)) {
        const float g = 2.0f;
        ctx.dl->AddRect(ImVec2(min.x - g, min.y - g), ImVec2(max.x + g, max.y + g),
                        ctx.pal.selection, round + g, 0, 2.5f);
    }
    if (chip.moved) {  // a folded corner: this visit was moved off a closed day
        const float s = ctx.m.em * 0.55f;
        ctx.dl->AddTriangleFilled(ImVec2(max.x - s, min.y), ImVec2(max.x, min.y),
                                  ImVec2(max.x, min.y + s), ink);
    }

    // The course letter (bold), then the phase marker and number as far as they fit.
    ImFont* f = ImGui::GetFont();
    const float size = ctx.m.em;
    const float ty = min.y + (max.y - min.y - size) * 0.5f;
    const char letter[2] = {course_letter(chip.course), '\0'};
    const float lx = min.x + ctx.m.em * 0.35f;
    draw::bold_text(ctx.dl, f, size, ImVec2(lx, ty), ink, letter);
    const float rx = lx + f->CalcTextSizeA(size, 1e9f, 0.0f, letter).x + ctx.m.em * 0.45f;
    const std::string mark(1, chip.marker);
    const std::string star = chip.optional ? "*" : "";
    std::vector<std::string> variants;
    if (v) {
        const std::string number = std::to_string(v->number_in_phase);
        const std::string of =
            v->phase_total > 0 ? number + "/" + std::to_string(v->phase_total) : number;
        variants.push_back(mark + " " + of + star + "  " +
                           planner::text::clock_time(v->treatment_start));
        variants.push_back(mark + " " + of + star);
        variants.push_back(mark + number + star);
    }
    variants.push_back(mark + star);
    const float room = max.x - rx - (chip.moved ? ctx.m.em * 0.5f : ctx.m.em * 0.2f);
    const std::string* label = &variants.back();
    for (const auto& s : variants) {
        if (f->CalcTextSizeA(size, 1e9f, 0.0f, s.c_str()).x <= room) {
            label = &s;
            break;
        }
    }
    const ImVec4 clip(min.x, min.y, max.x, max.y);
    draw::text(ctx.dl, f, size, ImVec2(rx, ty), ink, *label, &clip);
    draw_visit_marks(ctx.dl, ctx.state, chip.course, chip.visit, min, max);  // ≠ differs, ✎ note
}

void draw_band(const CellContext& ctx, const layout::BandPart& band, bool label_here, ImVec2 min,
               ImVec2 max) {
    const planner::Visit* v = draw::find_visit(ctx.state, band.course, band.visit);
    const ImU32 color = course_color(band.course);
    const float round = ctx.m.em * 0.35f;
    ImDrawFlags corners = ImDrawFlags_RoundCornersNone;
    if (band.starts_here) corners |= ImDrawFlags_RoundCornersLeft;
    if (band.ends_here) corners |= ImDrawFlags_RoundCornersRight;
    ctx.dl->AddRectFilled(min, max, course_color_soft(band.course, ctx.state.settings.theme), round,
                          corners);
    // Edges in the full colour, dashed for an optional window; solid ends where it ends.
    const ImVec2 bl(min.x, max.y - 1.0f);
    const ImVec2 br(max.x, max.y - 1.0f);
    if (v && v->optional) {
        draw::dashed_line(ctx.dl, min, ImVec2(max.x, min.y), color, ctx.m.em * 0.3f, 1.5f);
        draw::dashed_line(ctx.dl, bl, br, color, ctx.m.em * 0.3f, 1.5f);
    } else {
        ctx.dl->AddLine(min, ImVec2(max.x, min.y), color, 1.5f);
        ctx.dl->AddLine(bl, br, color, 1.5f);
    }
    if (band.starts_here) ctx.dl->AddRectFilled(min, ImVec2(min.x + 3.0f, max.y), color);
    if (band.ends_here) ctx.dl->AddRectFilled(ImVec2(max.x - 3.0f, min.y), max, color);
    if (draw::is_selected(ctx.state, band.course, band.visit))
        ctx.dl->AddRect(ImVec2(min.x - 1.0f, min.y - 2.0f), ImVec2(max.x + 1.0f, max.y + 2.0f),
                        ctx.pal.selection, round, corners, 2.5f);
    if (label_here) {
        char marker = 'B';
        if (v && v->phase < ctx.state.planned[band.course].protocol.phases.size())
            marker = planner::phase_marker(
                ctx.state.planned[band.course].protocol.phases[v->phase].kind);
        const std::string label =
            std::string(1, course_letter(band.course)) + "  " + std::string(1, marker) + " window" +
            (v && v->optional ? "*" : "") + (band.starts_here ? "" : " (cont.)");
        ImFont* f = ImGui::GetFont();
        const float size = ctx.m.em * 0.9f;
        const ImVec4 clip(min.x, min.y, min.x + ctx.m.cell_w * 7.0f, max.y);
        draw::text(ctx.dl, f, size,
                   ImVec2(min.x + ctx.m.em * 0.45f, min.y + (max.y - min.y - size) * 0.5f),
                   ctx.pal.text, label, &clip);
    }
}

void draw_closed(const CellContext& ctx, const layout::DayCell& cell, ImVec2 min, ImVec2 max) {
    ctx.dl->AddLine(ImVec2(min.x + ctx.m.pad, max.y - ctx.m.pad),
                    ImVec2(max.x - ctx.m.pad, min.y + ctx.m.pad), ctx.pal.closed, 1.5f);
    std::string hint = "closed";
    for (const std::size_t c : cell.closed_for)
        if (draw::course_shown(ctx.state, c)) hint += std::string(" ") + course_letter(c);
    ImFont* f = ImGui::GetFont();
    const float size = ctx.m.em * 0.8f;
    const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, hint.c_str());
    draw::text(ctx.dl, f, size, ImVec2(max.x - ts.x - ctx.m.pad, min.y + ctx.m.pad * 1.2f),
               ctx.pal.closed, hint);
    ctx.hits.closed_days.push_back(cell.date);
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

void draw_month(const CellContext& ctx, const layout::MonthGrid& grid, Pending& pending) {
    const Metrics& m = ctx.m;
    const Palette& pal = ctx.pal;
    ImDrawList* dl = ctx.dl;

    const float scroll_y = ImGui::GetScrollY();
    const float window_y = ImGui::GetWindowPos().y;
    pending.month_tops.emplace_back(grid.month,
                                    ImGui::GetCursorScreenPos().y - window_y + scroll_y);

    // Heading: "March 2027" in the heading font.
    ImGui::PushFont(font(FontRole::heading));
    trace::text_line(planner::text::month_title(grid.month));
    ImGui::PopFont();

    // Weekday header, starting at the week-start setting.
    const ImVec2 header_at = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(m.cell_w * 7.0f, m.em * 1.5f));
    for (std::size_t i = 0; i < grid.header.size(); ++i) {
        const std::string_view name = planner::text::weekday_short(grid.header[i]);
        draw::text(dl, ImGui::GetFont(), m.em,
                   ImVec2(header_at.x + static_cast<float>(i) * m.cell_w + m.pad,
                          header_at.y + m.em * 0.2f),
                   pal.text_dim, name);
    }
    if (ctx.hits.header.empty()) ctx.hits.header = grid.header;

    // Row heights: enough for the busiest day and every window crossing the row.
    std::vector<float> heights;
    std::vector<BandSlots> slots;
    float total_h = 0.0f;
    for (const auto& week : grid.weeks) {
        std::size_t most = 0;
        for (const auto& cell : week)
            if (cell.in_month) most = std::max(most, shown_chips(cell, ctx.state));
        slots.push_back(band_slots(week, ctx.state));
        const bool empty = most == 0 && slots.back().count == 0;
        const float h = std::max(empty ? m.empty_row_h : m.min_row_h,
                                 m.day_h + static_cast<float>(most) * m.chip_h +
                                     static_cast<float>(slots.back().count) * m.band_h + m.pad);
        heights.push_back(h);
        total_h += h;
    }

    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const std::string id = "##month" + std::to_string(draw::month_key(grid.month));
    if (ImGui::InvisibleButton(id.c_str(), ImVec2(m.cell_w * 7.0f, std::max(total_h, 1.0f)))) {
        pending.clicked = true;
        pending.click_at = ImGui::GetIO().MousePos;
    }
    if (ImGui::IsItemHovered()) pending.hovered = true;

    // A month scrolled out of view is laid out and hit-recorded but not painted: a long
    // plan has dozens of months and only one or two show.
    const bool paint = visible(
        ctx, origin, ImVec2(origin.x + m.cell_w * 7.0f, origin.y + std::max(total_h, 1.0f)));
    const auto& focused = ctx.state.view.focused_day;
    float y = origin.y;
    for (std::size_t r = 0; r < grid.weeks.size(); ++r) {
        const auto& week = grid.weeks[r];
        const float h = heights[r];
        for (std::size_t c = 0; c < week.size(); ++c) {
            const layout::DayCell& cell = week[c];
            const ImVec2 min(origin.x + static_cast<float>(c) * m.cell_w, y);
            const ImVec2 max(min.x + m.cell_w, y + h);
            if (paint) {
                dl->AddRectFilled(min, max, cell.in_month ? pal.background : pal.other_month);
                dl->AddRect(min, ImVec2(max.x + 1.0f, max.y + 1.0f), pal.grid);
            }

            // Day number; today in bold with an outline round the cell.
            char num[4] = "";
            if (paint) std::snprintf(num, sizeof num, "%u", static_cast<unsigned>(cell.date.day()));
            const ImVec2 num_at(min.x + m.pad, min.y + m.pad * 0.8f);
            if (!cell.in_month) {
                if (paint)
                    draw::text(dl, ImGui::GetFont(), m.em, num_at,
                               draw::with_alpha(pal.text_dim, 0.6f), num);
                continue;
            }
            ctx.hits.days.push_back(DayHit{min, max, cell.date});
            if (trace::active() && visible(ctx, min, max))
                trace::rect("day " + planner::text::iso_date(cell.date), min, max);
            if (!paint) {
                if (cell.today) ctx.hits.today_days.push_back(cell.date);
            } else if (cell.today) {
                draw::bold_text(dl, ImGui::GetFont(), m.em * 1.05f, num_at, pal.today, num);
                const float nx = ImGui::GetFont()->CalcTextSizeA(m.em, 1e9f, 0.0f, num).x;
                draw::text(dl, ImGui::GetFont(), m.em * 0.8f,
                           ImVec2(num_at.x + nx + m.em * 0.5f, num_at.y + m.em * 0.15f),
                           pal.text_dim, "today");
                ctx.hits.today_days.push_back(cell.date);
            } else {
                draw::text(dl, ImGui::GetFont(), m.em, num_at, pal.text, num);
            }
            if (paint && !cell.closed_for.empty() &&
                std::any_of(cell.closed_for.begin(), cell.closed_for.end(),
                            [&](std::size_t k) { return draw::course_shown(ctx.state, k); }))
                draw_closed(ctx, cell, min, max);

            // Chips, one per dated visit of a shown course.
            float cy = min.y + m.day_h;
            for (const layout::Chip& chip : cell.chips) {
                if (!draw::course_shown(ctx.state, chip.course)) continue;
                const ImVec2 cmin(min.x + m.pad, cy);
                const ImVec2 cmax(max.x - m.pad, cy + m.chip_h - m.em * 0.25f);
                if (paint) draw_chip(ctx, chip, cmin, cmax);
                ctx.hits.chips.push_back(
                    VisitHit{cmin, cmax, chip.course, chip.visit, false, visible(ctx, cmin, cmax)});
                if (ctx.hits.chips.back().visible) draw::trace_hit("chip", ctx.hits.chips.back());
                if (focused == cell.date && !pending.first_on_focus)
                    pending.first_on_focus = Selection{chip.course, chip.visit};
                cy += m.chip_h;
            }

            // Window bands below the chips, in the row's slots.
            const auto& row_slots = slots[r];
            const float band_top = y + h - m.pad - static_cast<float>(row_slots.count) * m.band_h;
            for (std::size_t j = 0; j < cell.bands.size(); ++j) {
                const layout::BandPart& band = cell.bands[j];
                if (!draw::course_shown(ctx.state, band.course)) continue;
                const float by = band_top + static_cast<float>(row_slots.of_band[c][j]) * m.band_h;
                const ImVec2 bmin(band.starts_here ? min.x + m.pad : min.x, by);
                const ImVec2 bmax(band.ends_here ? max.x - m.pad : max.x,
                                  by + m.band_h - m.em * 0.25f);
                // Label a band where it starts and again where it enters a row.
                // (a window covers every day from its first to its last, so one not starting
                // here is also in the day before)
                const bool continues = c > 0 && week[c - 1].in_month && !band.starts_here;
                if (paint) draw_band(ctx, band, !continues, bmin, bmax);
                ctx.hits.windows.push_back(
                    VisitHit{bmin, bmax, band.course, band.visit, true, visible(ctx, bmin, bmax)});
                if (focused == cell.date && !pending.first_on_focus)
                    pending.first_on_focus = Selection{band.course, band.visit};
            }

            if (paint && cell.today)
                dl->AddRect(ImVec2(min.x + 1.0f, min.y + 1.0f), max, pal.today, 0.0f, 0, 2.0f);
            if (focused == cell.date) {
                if (paint)
                    dl->AddRect(ImVec2(min.x + 3.0f, min.y + 3.0f),
                                ImVec2(max.x - 2.0f, max.y - 2.0f), draw::focus_color(),
                                m.em * 0.2f, 0, 2.5f);
                pending.focus_rect = std::make_pair(min, max);
            }
        }
        y += h;
    }
    ImGui::Dummy(ImVec2(1.0f, m.em * 1.2f));
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
                               const CalendarHits& hits) {
    if (state.view.focused_day.ok()) return state.view.focused_day;
    if (state.today.ok() && std::find(months.begin(), months.end(),
                                      state.today.year() / state.today.month()) != months.end())
        return state.today;
    for (const auto& chip : hits.chips) {
        if (const planner::Visit* v = draw::find_visit(state, chip.course, chip.visit))
            return chr::year_month_day{v->earliest};
    }
    return months.empty() ? state.today : months.front() / chr::day{1};
}

}  // namespace

// [SECTION] The view

void draw_calendar_view(const AppState& state, Commands& out, CalendarHits& hits) {
    hits = CalendarHits{};
    const Palette& pal = palette(state.settings.theme);
    draw::legend(state);
    ImGui::Spacing();

    ImGui::PushStyleColor(ImGuiCol_ChildBg, pal.background);
    // No ImGui keyboard navigation inside: the arrows move the focused day instead.
    const bool open =
        ImGui::BeginChild("##calendar", ImVec2(0.0f, 0.0f), false,
                          ImGuiWindowFlags_HorizontalScrollbar | ImGuiWindowFlags_NoNavInputs |
                              ImGuiWindowFlags_NoBackground);  // the window's colour already
    if (!open) {  // EndChild is called whatever BeginChild returned
        ImGui::EndChild();
        ImGui::PopStyleColor();
        return;
    }

    const std::vector<chr::year_month> months = months_to_show(state);
    hits.months = months;
    const float avail_w = ImGui::GetContentRegionAvail().x;
    const Metrics m = metrics(avail_w);
    const ImVec2 wmin = ImGui::GetWindowPos();
    const ImVec2 wsize = ImGui::GetWindowSize();
    const CellContext ctx{state,
                          pal,
                          m,
                          ImGui::GetWindowDrawList(),
                          ImVec4(wmin.x, wmin.y, wmin.x + wsize.x, wmin.y + wsize.y),
                          hits};

    layout::CalendarOptions options;
    options.week_start = state.settings.week_start;
    if (state.today.ok()) options.today = state.today;

    Pending pending;
    for (const chr::year_month month : months)
        draw_month(ctx, layout::month_grid(month, state.planned, options), pending);

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
                            draw::with_alpha(pal.text, 0.55f), m.em * 0.3f, 0, 1.5f);
            if (!ImGui::IsMouseDown(ImGuiMouseButton_Left))
                draw::visit_tooltip(state, h->course, h->visit);
        }
    }

    // Click: select the visit under the mouse; the day clicked becomes the focused day.
    if (pending.clicked) {
        const ImVec2 p = pending.click_at;
        if (const VisitHit* h = under(p))
            out.push_back(cmd::Select{Selection{h->course, h->visit}});
        for (const auto& d : hits.days)
            if (p.x >= d.min.x && p.x < d.max.x && p.y >= d.min.y && p.y < d.max.y &&
                d.date != state.view.focused_day)
                out.push_back(cmd::FocusDay{d.date});
    }

    // Keyboard: arrows move the focused day, Enter selects its first visit.
    if (draw::keys_for_this_view()) {
        if (const auto next = keyboard_focus(state, months, focus_base(state, months, hits)))
            out.push_back(cmd::FocusDay{*next});
        if ((draw::key_pressed(ImGuiKey_Enter) || draw::key_pressed(ImGuiKey_KeyPadEnter)) &&
            pending.first_on_focus)
            out.push_back(cmd::Select{*pending.first_on_focus});
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
                ImGui::SetScrollFromPosY(fmin.y - wmin.y - m.em * 3.0f, 0.0f);
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
        const float top = ImGui::GetScrollY() + m.em;
        chr::year_month first = pending.month_tops.front().first;
        for (const auto& t : pending.month_tops)
            if (t.second <= top) first = t.first;
        const int key = draw::month_key(first);
        if (key != storage->GetInt(reported_id, 0)) {
            storage->SetInt(reported_id, key);
            storage->SetInt(applied_id, key);
            if (key != wanted) out.push_back(cmd::ScrollCalendar{first});
        }
    }

    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void draw_calendar_view(const AppState& state, Commands& out) {
    CalendarHits hits;
    draw_calendar_view(state, out, hits);
}

}  // namespace ui
