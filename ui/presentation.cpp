// Presentation mode: large type, no editing controls, one week at a time. The week
// steps and their captions come from planner::layout::week_steps, the chips from
// planner::layout::month_grid; this file paints a strip of weeks around the current
// one. The frame draws the disclaimer banner above it.
//
// [SECTION] Day lookup
// [SECTION] The strip
// [SECTION] The view

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "planner/text.hpp"
#include "ui/draw_util.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/views.hpp"

namespace ui {

namespace {

namespace layout = planner::layout;

constexpr int kRowsShown = 4;  // the current week, one before, two after

// [SECTION] Day lookup

// The in-month cells of every month the shown weeks touch, by date.
std::map<int, layout::DayCell> cells_for(const AppState& state,
                                         const std::vector<layout::WeekStep>& steps, int from,
                                         int to) {
    std::map<int, layout::DayCell> cells;
    if (from > to) return cells;
    layout::CalendarOptions options;
    options.week_start = state.settings.week_start;
    if (state.today.ok()) options.today = state.today;
    const chr::year_month_day a{steps[static_cast<std::size_t>(from)].first};
    const chr::year_month_day b{steps[static_cast<std::size_t>(to)].last};
    for (chr::year_month m = a.year() / a.month(); m <= b.year() / b.month(); m += chr::months{1}) {
        const layout::MonthGrid grid = layout::month_grid(m, state.planned, options);
        for (const auto& week : grid.weeks)
            for (const auto& cell : week)
                if (cell.in_month) cells[draw::day_key(cell.date)] = cell;
    }
    return cells;
}

// [SECTION] The strip

struct StripMetrics {
    float em;
    float label_w;
    float cell_w;
    float row_h;
    float chip_h;
};

void draw_chip(const AppState& state, ImDrawList* dl, const StripMetrics& m,
               const layout::Chip& chip, ImVec2 min, ImVec2 max, bool current) {
    const Palette& pal = palette(state.settings.theme);
    const ImU32 color = course_color(chip.course);
    const ImU32 soft = course_color_soft(chip.course, state.settings.theme);
    const float round = m.em * 0.25f;
    // The current week in full colour; the weeks around it quieter (soft fill, outline)
    // rather than faded, so their text keeps its contrast in both themes.
    ImU32 ink = pal.text;
    if (chip.optional) {
        dl->AddRectFilled(min, max, soft, round);
        draw::dashed_rect(dl, min, max, color, m.em * 0.3f, 2.0f);
    } else if (current) {
        dl->AddRectFilled(min, max, color, round);
        ink = draw::text_on(color);
    } else {
        dl->AddRectFilled(min, max, soft, round);
        dl->AddRect(min, max, color, round, 0, 1.5f);
    }
    // The longest label that fits: "A  I 3/6  09:00", "A  I 3/6", "A  I3".
    const planner::Visit* v = draw::find_visit(state, chip.course, chip.visit);
    const std::string head = std::string(1, course_letter(chip.course)) + "  " + chip.marker;
    const std::string star = chip.optional ? "*" : "";
    std::vector<std::string> variants;
    if (v) {
        const std::string n = std::to_string(v->number_in_phase);
        const std::string of = v->phase_total > 0 ? n + "/" + std::to_string(v->phase_total) : n;
        variants.push_back(head + " " + of + star + "  " +
                           planner::text::clock_time(v->treatment_start));
        variants.push_back(head + " " + of + star);
        variants.push_back(head + n + star);
    }
    variants.push_back(head + star);
    ImFont* f = ImGui::GetFont();
    std::string label = variants.back();
    for (const auto& candidate : variants)
        if (f->CalcTextSizeA(m.em, 1e9f, 0.0f, candidate.c_str()).x + m.em * 0.7f <=
            max.x - min.x) {
            label = candidate;
            break;
        }
    dl->PushClipRect(min, max, true);
    draw::bold_text(dl, f, m.em, ImVec2(min.x + m.em * 0.3f, min.y + (max.y - min.y - m.em) * 0.5f),
                    current ? ink : draw::with_alpha(ink, 0.85f), label);
    dl->PopClipRect();
}

void draw_row(const AppState& state, const layout::WeekStep& step, bool current,
              const std::map<int, layout::DayCell>& cells, ImVec2 at, const StripMetrics& m,
              PresentationRecord& record) {
    const Palette& pal = palette(state.settings.theme);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* f = ImGui::GetFont();
    const ImVec2 row_max(at.x + m.label_w + 7.0f * m.cell_w, at.y + m.row_h);
    if (current) dl->AddRectFilled(at, row_max, pal.highlight, m.em * 0.3f);

    const std::string week = "Week " + std::to_string(step.index + 1);
    if (current)
        draw::bold_text(dl, f, m.em, ImVec2(at.x + m.em * 0.4f, at.y + m.em * 0.4f), pal.text,
                        week);
    else
        draw::text(dl, f, m.em, ImVec2(at.x + m.em * 0.4f, at.y + m.em * 0.4f), pal.text_dim, week);

    for (int d = 0; d < 7; ++d) {
        const chr::year_month_day date{step.first + chr::days{d}};
        const ImVec2 cmin(at.x + m.label_w + static_cast<float>(d) * m.cell_w, at.y);
        const ImVec2 cmax(cmin.x + m.cell_w, at.y + m.row_h);
        dl->AddRect(cmin, ImVec2(cmax.x + 1.0f, cmax.y + 1.0f), pal.grid);
        const chr::weekday wd{chr::sys_days{date}};
        const std::string head = std::string(planner::text::weekday_short(wd)) + " " +
                                 std::to_string(static_cast<unsigned>(date.day()));
        const float small = m.em * 0.7f;
        const ImVec2 head_at(cmin.x + m.em * 0.3f, cmin.y + m.em * 0.25f);
        const auto it = cells.find(draw::day_key(date));
        const bool today = it != cells.end() ? it->second.today : date == state.today;
        if (today)
            draw::bold_text(dl, f, small, head_at, pal.today, head + "  today");
        else
            draw::text(dl, f, small, head_at, current ? pal.text : pal.text_dim, head);
        if (today) dl->AddRect(cmin, cmax, pal.today, 0.0f, 0, 2.5f);
        if (it == cells.end()) continue;
        const layout::DayCell& cell = it->second;
        if (std::any_of(cell.closed_for.begin(), cell.closed_for.end(),
                        [&](std::size_t c) { return draw::course_shown(state, c); })) {
            dl->AddLine(ImVec2(cmin.x + m.em * 0.3f, cmax.y - m.em * 0.3f),
                        ImVec2(cmax.x - m.em * 0.3f, cmin.y + m.em * 0.3f), pal.closed, 2.0f);
            draw::text(dl, f, small, ImVec2(cmin.x + m.em * 0.3f, cmax.y - small * 1.3f),
                       pal.closed, "closed");
        }
        float y = cmin.y + small + m.em * 0.5f;
        for (const layout::Chip& chip : cell.chips) {
            if (!draw::course_shown(state, chip.course)) continue;
            const ImVec2 chmin(cmin.x + m.em * 0.2f, y);
            const ImVec2 chmax(cmax.x - m.em * 0.2f,
                               std::min(y + m.chip_h - m.em * 0.15f, cmax.y - 2.0f));
            if (chmax.y <= chmin.y) break;
            draw_chip(state, dl, m, chip, chmin, chmax, current);
            if (current) {
                record.chips.push_back(
                    VisitHit{chmin, chmax, chip.course, chip.visit, false, true});
                draw::trace_hit("chip", record.chips.back());
            }
            y += m.chip_h;
        }
        for (const layout::BandPart& band : cell.bands) {
            if (!draw::course_shown(state, band.course)) continue;
            const float by = cmax.y - m.em * 1.2f;
            const ImVec2 bmin(band.starts_here ? cmin.x + m.em * 0.2f : cmin.x, by);
            const ImVec2 bmax(band.ends_here ? cmax.x - m.em * 0.2f : cmax.x, by + m.em * 0.9f);
            dl->AddRectFilled(bmin, bmax, course_color_soft(band.course, state.settings.theme));
            dl->AddRect(bmin, bmax, course_color(band.course));
            const bool continues = d > 0 && [&] {
                const auto prev = cells.find(
                    draw::day_key(chr::year_month_day{chr::sys_days{date} - chr::days{1}}));
                return prev != cells.end() &&
                       std::any_of(prev->second.bands.begin(), prev->second.bands.end(),
                                   [&](const layout::BandPart& p) {
                                       return p.course == band.course && p.visit == band.visit;
                                   });
            }();
            if (!continues) {
                const planner::Visit* v = draw::find_visit(state, band.course, band.visit);
                const auto& phases = state.planned[band.course].protocol.phases;
                const char marker = v && v->phase < phases.size()
                                        ? planner::phase_marker(phases[v->phase].kind)
                                        : 'B';
                const ImVec4 clip(bmin.x, bmin.y, at.x + m.label_w + 7.0f * m.cell_w, bmax.y);
                draw::text(
                    dl, f, small, ImVec2(bmin.x + m.em * 0.2f, bmin.y + m.em * 0.1f), pal.text,
                    std::string(1, course_letter(band.course)) + "  " + marker + " window", &clip);
            }
        }
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
    if (draw::key_pressed(ImGuiKey_Escape)) out.push_back(cmd::Present{false});
    const bool next = draw::key_pressed(ImGuiKey_RightArrow) ||
                      draw::key_pressed(ImGuiKey_PageDown) || draw::key_pressed(ImGuiKey_Space);
    const bool prev = draw::key_pressed(ImGuiKey_LeftArrow) || draw::key_pressed(ImGuiKey_PageUp);
    if (next && week + 1 < count) out.push_back(cmd::StepWeek{+1});
    if (prev && week > 0) out.push_back(cmd::StepWeek{-1});

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
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float small_h = ImGui::GetTextLineHeightWithSpacing();

    ImGui::PushFont(font(FontRole::large));
    const float em = ImGui::GetFontSize();
    if (count == 0) {
        ImGui::Dummy(ImVec2(0.0f, em));
        ImGui::TextUnformatted("No course to present. Leave with Esc and add one.");
        ImGui::PopFont();
        ImGui::EndChild();
        ImGui::PopStyleColor(2);
        return;
    }
    const layout::WeekStep& step = steps[static_cast<std::size_t>(week)];
    record.week = week;

    // "Week 2 of 12" and the dates, then the caption, large.
    record.heading = "Week " + std::to_string(week + 1) + " of " + std::to_string(count);
    {
        // Bold, in the large face: the anchor of the slide.
        const ImVec2 p = ImGui::GetCursorScreenPos();
        const ImVec2 size = ImGui::CalcTextSize(record.heading.c_str());
        draw::bold_text(ImGui::GetWindowDrawList(), ImGui::GetFont(), em, p, pal.text,
                        record.heading);
        ImGui::Dummy(ImVec2(size.x + 2.0f, size.y));
        trace::text(record.heading);
    }
    ImGui::SameLine(0.0f, em);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_dim);
    trace::text_line(planner::text::date_range(step.first, step.last));
    ImGui::PopStyleColor();
    record.caption = step.caption;
    trace::text_wrapped(step.caption);
    ImGui::Spacing();

    // The strip: the current week with one before and two after.
    const int first = std::clamp(week - 1, 0, std::max(0, count - kRowsShown));
    const int last = std::min(count - 1, first + kRowsShown - 1);
    const std::map<int, layout::DayCell> cells = cells_for(state, steps, first, last);
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float room_h = avail.y - (at.y - ImGui::GetWindowPos().y) - small_h * 1.5f;
    StripMetrics m{};
    m.em = em;
    m.label_w = ImGui::CalcTextSize("Week 00").x + em * 0.8f;
    m.cell_w = std::max((avail.x - m.label_w - 2.0f) / 7.0f, em * 3.0f);
    const int rows = last - first + 1;
    m.row_h = std::clamp(room_h / static_cast<float>(rows), em * 2.5f, em * 6.0f);
    m.chip_h = em * 1.45f;
    for (int r = first; r <= last; ++r) {
        record.rows.push_back(r);
        draw_row(state, steps[static_cast<std::size_t>(r)], r == week, cells,
                 ImVec2(at.x, at.y + static_cast<float>(r - first) * m.row_h), m, record);
    }
    ImGui::Dummy(ImVec2(m.label_w + 7.0f * m.cell_w, static_cast<float>(rows) * m.row_h));
    ImGui::PopFont();

    // The legend, small, at the bottom (the frame adds the key hint below this child).
    const float bottom = ImGui::GetWindowPos().y + ImGui::GetWindowSize().y - small_h * 1.2f;
    if (ImGui::GetCursorScreenPos().y < bottom) ImGui::SetCursorScreenPos(ImVec2(at.x, bottom));
    draw::legend(state);

    ImGui::EndChild();
    ImGui::PopStyleColor(2);
}

void draw_presentation(const AppState& state, Commands& out) {
    PresentationRecord record;
    draw_presentation(state, out, record);
}

}  // namespace ui
