// The fitting half of planner::layout: what fits in a day cell, which label variant, what
// overflows into "+N more", window slots, the timeline's range, axis and phase labels, and
// the legend. Everything is measured in em with the painter's own text measure.
// [SECTION] Words
// [SECTION] Labels
// [SECTION] Rows and months
// [SECTION] Timeline
// [SECTION] Legend
#include <algorithm>
#include <cmath>
#include <optional>

#include "planner/layout.hpp"
#include "planner/text.hpp"

namespace planner::layout {

namespace {

constexpr double kEps = 1e-4;  // em: float pixels from the painters round-trip through here

[[nodiscard]] const Visit* visit_at(const std::vector<PlannedCourse>& courses, std::size_t course,
                                    std::size_t visit) {
    if (course >= courses.size()) return nullptr;
    const auto& visits = courses[course].expansion.visits;
    return visit < visits.size() ? &visits[visit] : nullptr;
}

}  // namespace

// [SECTION] Words

namespace {

// The words of `text` split at white space, as `std::istream >> std::string` splits them
// (without a stream: this runs for every wrapped line of every frame).
[[nodiscard]] std::vector<std::string_view> words_of(std::string_view text) {
    constexpr std::string_view kSpace = " \t\n\v\f\r";
    std::vector<std::string_view> words;
    std::size_t i = text.find_first_not_of(kSpace);
    while (i != std::string_view::npos) {
        const std::size_t end = text.find_first_of(kSpace, i);
        words.push_back(text.substr(i, end == std::string_view::npos ? end : end - i));
        i = end == std::string_view::npos ? end : text.find_first_not_of(kSpace, end);
    }
    return words;
}

}  // namespace

std::vector<std::string> wrap_words(std::string_view text, double width, double size, bool bold,
                                    const Measure& measure) {
    std::vector<std::string> lines;
    std::size_t start = 0;
    std::string line;
    std::string joined;
    while (true) {  // '\n' starts a new paragraph
        const std::size_t nl = text.find('\n', start);
        const std::string_view para =
            text.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start);
        line.clear();
        bool any = false;
        for (const std::string_view word : words_of(para)) {
            joined.assign(line);
            if (!joined.empty()) joined += ' ';
            joined += word;
            if (!line.empty() && measure(joined, bold) * size > width + kEps) {
                lines.push_back(line);
                line.assign(word);
            } else {
                line.swap(joined);
            }
            any = true;
        }
        if (any || lines.empty() || nl != std::string_view::npos) lines.push_back(line);
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    return lines;
}

std::string shorten_words(std::string_view text, double width, double size, bool bold,
                          const Measure& measure) {
    if (measure(text, bold) * size <= width + kEps) return std::string{text};
    const std::vector<std::string_view> words = words_of(text);
    for (std::size_t keep = words.size(); keep-- > 1;) {
        std::string out;
        for (std::size_t i = 0; i < keep; ++i) {
            if (i) out += ' ';
            out += words[i];
        }
        while (!out.empty() && (out.back() == ',' || out.back() == ';' || out.back() == ':'))
            out.pop_back();
        out += "...";
        if (measure(out, bold) * size <= width + kEps) return out;
    }
    return {};
}

// [SECTION] Labels

namespace {

// The first variant that fits `room`: each detail (long to short) after the letter and the
// phase shape, then the letter alone.
[[nodiscard]] Label fit_label(const std::string& letter, const std::vector<std::string>& details,
                              double size, double room, double extra, const CellStyle& st,
                              const Measure& measure) {
    const double base = 2.0 * st.chip_pad + measure(letter, true) * size + extra;
    for (const std::string& d : details) {
        const double w = base + (st.gap + st.marker_w) * size +
                         (d.empty() ? 0.0 : st.gap * size + measure(d, false) * size);
        if (w <= room + kEps) return Label{letter, true, d, w};
    }
    return Label{letter, false, {}, base};
}

[[nodiscard]] std::vector<std::string> chip_details(const Visit* v) {
    if (v == nullptr) return {""};
    const std::string fraction = text::visit_fraction(*v);
    return {fraction + "  " + text::clock_time(v->treatment_start), fraction,
            std::to_string(v->number_in_phase), ""};
}

[[nodiscard]] std::vector<std::string> band_details(const PlannedCourse* pc, const Visit* v,
                                                    bool continued) {
    if (pc == nullptr || v == nullptr) return {""};
    const std::string noun = text::window_noun(pc->protocol, *v);
    const std::string cont = continued ? " (cont.)" : "";
    return {noun + (v->optional ? ", if needed" : "") + cont, noun + cont, "window", ""};
}

// The first text of `variants` that fits `room` at `size`; empty when none does.
[[nodiscard]] std::string first_fit(const std::vector<std::string>& variants, double room,
                                    double size, const Measure& measure) {
    for (const auto& v : variants)
        if (measure(v, false) * size <= room + kEps) return v;
    return {};
}

}  // namespace

// [SECTION] Rows and months

namespace {

// A window's run of days in one row, and the slot it keeps across the row.
struct Segment {
    std::size_t course = 0;
    std::size_t visit = 0;
    int first = 0;
    int last = 0;
    int slot = 0;
};

// What a row's height depends on: its windows' slots and its chip lines. No text is measured.
struct RowShape {
    std::vector<Segment> segments;
    double height = 0.0;
    int kept_slots = 0;
    int capacity = 0;  // chip lines (with "+N more") the row has room for
};

[[nodiscard]] RowShape shape_row(const std::vector<DayCell>& cells, const CellStyle& st) {
    RowShape shape;
    std::vector<Segment>& segments = shape.segments;
    std::size_t most_chips = 0;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const DayCell& cell = cells[c];
        if (!cell.in_month) continue;
        most_chips = std::max(most_chips, cell.chips.size());
        for (const BandPart& b : cell.bands) {
            auto it = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) {
                return s.course == b.course && s.visit == b.visit;
            });
            if (it == segments.end())
                segments.push_back({b.course, b.visit, static_cast<int>(c), static_cast<int>(c)});
            else
                it->last = static_cast<int>(c);
        }
    }
    // Interval colouring: windows that overlap in the row never share a slot.
    std::stable_sort(segments.begin(), segments.end(),
                     [](const Segment& a, const Segment& b) { return a.first < b.first; });
    std::vector<int> slot_end;
    for (Segment& s : segments) {
        std::size_t k = 0;
        while (k < slot_end.size() && slot_end[k] >= s.first) ++k;
        if (k == slot_end.size()) slot_end.push_back(s.last);
        slot_end[k] = s.last;
        s.slot = static_cast<int>(k);
    }
    const int slots = static_cast<int>(slot_end.size());
    const int lines_needed = static_cast<int>(most_chips);

    shape.kept_slots = slots;
    shape.capacity = lines_needed;
    if (st.cell_h <= 0.0) {
        const bool empty = lines_needed == 0 && slots == 0;
        shape.height = std::max(empty ? st.empty_row_h : st.min_row_h,
                                st.day_h + lines_needed * st.chip_h + slots * st.band_h + st.pad);
    } else {
        shape.height = st.cell_h;
        const double avail = st.cell_h - st.day_h - st.pad;
        if (lines_needed * st.chip_h + slots * st.band_h > avail + kEps) {
            // Windows keep their slots while a line remains for chips or "+N more".
            while (shape.kept_slots > 0 && shape.kept_slots * st.band_h + st.chip_h > avail + kEps)
                --shape.kept_slots;
        }
        shape.capacity =
            std::max(0, static_cast<int>(
                            std::floor((avail - shape.kept_slots * st.band_h) / st.chip_h + kEps)));
    }
    return shape;
}

}  // namespace

double row_height(const std::vector<DayCell>& cells, const CellStyle& style) {
    return shape_row(cells, style).height;
}

double month_height(const MonthGrid& grid, const CellStyle& style) {
    double height = 0.0;
    for (const auto& week : grid.weeks) height += row_height(week, style);
    return height;
}

FittedRow fit_row(const std::vector<DayCell>& cells, const std::vector<PlannedCourse>& courses,
                  const CellStyle& st, const Measure& measure) {
    FittedRow row;
    const RowShape shape = shape_row(cells, st);
    const std::vector<Segment>& segments = shape.segments;
    const int kept_slots = shape.kept_slots;
    const int capacity = shape.capacity;
    row.height = shape.height;
    row.slots = kept_slots;
    row.cells.reserve(cells.size());

    const double inner = st.cell_w - 2.0 * st.pad;
    for (std::size_t c = 0; c < cells.size(); ++c) {
        const DayCell& cell = cells[c];
        FittedCell fc;
        fc.date = cell.date;
        fc.in_month = cell.in_month;
        fc.today = cell.today;
        fc.day_number = std::to_string(static_cast<unsigned>(cell.date.day()));
        if (!cell.in_month) {
            row.cells.push_back(std::move(fc));
            continue;
        }
        fc.closed_for = cell.closed_for;

        // Windows: their slots, labelled where their run in this row begins.
        std::vector<Hidden> hidden_bands;
        for (const BandPart& b : cell.bands) {
            const auto seg = std::find_if(segments.begin(), segments.end(), [&](const Segment& s) {
                return s.course == b.course && s.visit == b.visit;
            });
            if (seg->slot >= kept_slots) {
                hidden_bands.push_back({b.course, b.visit, true});
                continue;
            }
            PlacedBand pb;
            pb.part = b;
            pb.slot = seg->slot;
            pb.labelled = seg->first == static_cast<int>(c);
            if (pb.labelled) {
                const auto& last_cell = cells[static_cast<std::size_t>(seg->last)];
                const bool ends = std::any_of(
                    last_cell.bands.begin(), last_cell.bands.end(), [&](const BandPart& p) {
                        return p.course == b.course && p.visit == b.visit && p.ends_here;
                    });
                pb.label_room = (seg->last - seg->first + 1) * st.cell_w -
                                (b.starts_here ? st.pad : 0.0) - (ends ? st.pad : 0.0);
                const PlannedCourse* pc = b.course < courses.size() ? &courses[b.course] : nullptr;
                pb.label = fit_label(
                    course_letter(b.course),
                    band_details(pc, visit_at(courses, b.course, b.visit), !b.starts_here),
                    st.band_text, pb.label_room, 0.0, st, measure);
            }
            fc.bands.push_back(std::move(pb));
        }

        // Chips while lines last; the rest and any window without a slot in "+N more".
        const int n = static_cast<int>(cell.chips.size());
        const bool all = hidden_bands.empty() && n <= capacity;
        const int shown = all ? n : std::max(0, std::min(n, capacity - 1));
        for (int i = 0; i < n; ++i) {
            const Chip& chip = cell.chips[static_cast<std::size_t>(i)];
            if (i >= shown) {
                fc.hidden.push_back({chip.course, chip.visit, false});
                continue;
            }
            PlacedChip pcp;
            pcp.chip = chip;
            pcp.line = i;
            pcp.label = fit_label(course_letter(chip.course),
                                  chip_details(visit_at(courses, chip.course, chip.visit)), st.text,
                                  inner, chip.moved ? st.corner : 0.0, st, measure);
            fc.chips.push_back(std::move(pcp));
        }
        fc.hidden.insert(fc.hidden.end(), hidden_bands.begin(), hidden_bands.end());

        // The day line: the number, then "+N more" when no chip line is left, the closed
        // courses, then "today", each as far as it fits.
        double room = inner - measure(fc.day_number, false) * st.text - st.gap;
        if (!fc.hidden.empty()) {
            const std::string count = "+" + std::to_string(fc.hidden.size());
            const std::vector<std::string> variants{count + " more", count};
            if (capacity >= 1) {
                fc.more_line = shown;
                fc.more_label = first_fit(variants, inner - 2.0 * st.chip_pad, st.text, measure);
                if (fc.more_label.empty()) fc.more_label = count;
            } else {
                fc.more_line = -1;
                fc.more_label = first_fit(variants, room, st.small, measure);
                if (fc.more_label.empty()) fc.more_label = count;
                room -= measure(fc.more_label, false) * st.small + st.gap;
            }
        }
        if (!fc.closed_for.empty()) {
            std::string letters;
            for (const std::size_t k : fc.closed_for)
                letters += (letters.empty() ? "" : " ") + course_letter(k);
            fc.closed_label = first_fit({"closed " + letters, letters}, room, st.small, measure);
            if (!fc.closed_label.empty())
                room -= measure(fc.closed_label, false) * st.small + st.gap;
        }
        if (fc.today) fc.today_label = first_fit({"today"}, room, st.small, measure);
        row.lines = std::max(row.lines, shown + (fc.more_line >= 0 ? 1 : 0));
        row.cells.push_back(std::move(fc));
    }
    return row;
}

FittedMonth fit_month(const MonthGrid& grid, const std::vector<PlannedCourse>& courses,
                      const CellStyle& style, const Measure& measure) {
    FittedMonth out;
    out.month = grid.month;
    out.title = text::month_title(grid.month);
    out.header = grid.header;
    const double inner = style.cell_w - 2.0 * style.pad;
    for (const chr::weekday d : grid.header) {
        std::string name{text::weekday_short(d)};
        if (measure("Wed", false) * style.text > inner + kEps) name = text::weekday_two(d);
        if (measure("We", false) * style.text > inner + kEps) name = name.substr(0, 1);
        out.header_text.push_back(name);
    }
    for (const auto& week : grid.weeks) {
        out.rows.push_back(fit_row(week, courses, style, measure));
        out.height += out.rows.back().height;
    }
    return out;
}

// [SECTION] Timeline

Fit fit_whole(const Timeline& timeline, double plot_w) {
    Fit fit;
    if (timeline.lanes.empty() || plot_w <= 0.0) return fit;
    int first = timeline.last_day;
    for (const Lane& lane : timeline.lanes)
        for (const LaneMark& m : lane.visits) first = std::min(first, m.from_day);
    // A day of margin before the first visit and after the last one.
    const int days = timeline.last_day - first + 3;
    fit.days_per_em = static_cast<double>(days) / plot_w;
    fit.pan_days = first - 1.0;
    return fit;
}

std::vector<AxisTick> axis_ticks(const Timeline& timeline, const TimelineView& view,
                                 const Measure& measure) {
    std::vector<AxisTick> ticks;
    if (view.days_per_em <= 0.0 || view.plot_w <= 0.0) return ticks;
    const double week_em = 7.0 / view.days_per_em;
    const double label_w =
        measure(timeline.relative ? "Week 52" : "30 Sep 2027", false) * view.axis_text + 1.0;
    const int every = std::max(1, static_cast<int>(std::ceil(label_w / week_em - kEps)));
    const double first_day = view.pan_days;
    const double last_day = view.pan_days + view.plot_w * view.days_per_em;
    const int first_week = static_cast<int>(std::floor(first_day / 7.0));
    const int last_week = static_cast<int>(std::ceil(last_day / 7.0));
    std::optional<chr::year> last_year;
    for (int w = first_week; w <= last_week; ++w) {
        AxisTick t;
        t.day = w * 7;
        t.x = (t.day - view.pan_days) / view.days_per_em;
        if (w >= 0 && w % every == 0) {
            if (timeline.relative) {
                t.label = "Week " + std::to_string(w + 1);
            } else {
                const chr::sys_days day = timeline.origin + chr::days{t.day};
                const chr::year y = chr::year_month_day{day}.year();
                t.label = text::short_date(day);
                // The year on the first label shown and where it changes.
                if ((!last_year && t.x >= -kEps) || (last_year && *last_year != y))
                    t.label += " " + std::to_string(static_cast<int>(y));
                if (t.x >= -kEps) last_year = y;
            }
        }
        ticks.push_back(std::move(t));
    }
    return ticks;
}

std::vector<FittedLane> fit_lanes(const Timeline& timeline, const TimelineView& view,
                                  const Measure& measure) {
    std::vector<FittedLane> out;
    const double size = view.band_text;
    const double gap = 0.3;
    const auto width_of = [&](const std::string& t) {
        return 0.35 + 0.9 * size + (t.empty() ? 0.0 : gap + measure(t, false) * size) + 0.35;
    };
    const int lines = view.lane_h >= 4.4 ? 2 : 1;
    for (std::size_t li = 0; li < timeline.lanes.size(); ++li) {
        const Lane& lane = timeline.lanes[li];
        FittedLane fl;
        fl.lane = li;
        std::vector<std::size_t> order(lane.phases.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            return lane.phases[a].from_day < lane.phases[b].from_day;
        });
        double end0 = -1e9;
        double end1 = -1e9;
        for (const std::size_t pi : order) {
            const LaneBand& band = lane.phases[pi];
            const double x0 = (band.from_day - view.pan_days) / view.days_per_em;
            const double x1 = (band.to_day + 1 - view.pan_days) / view.days_per_em;
            if (x1 <= 0.0 || x0 >= view.plot_w) continue;  // panned out of view
            const double vx0 = std::max(x0, 0.0);
            const double vx1 = std::min(x1, view.plot_w);
            PlacedPhaseLabel label{pi, band.marker, band.kind, band.label, 0.0, 0.0, 0};
            const double full = width_of(band.label);
            const double start0 = std::max(vx0, end0 + gap);
            const double start1 = std::max(vx0, end1 + gap);
            if (start0 + full <= vx1 + kEps) {
                label.x = start0;
                label.width = full;
                end0 = start0 + full;
            } else if (lines == 2 && start1 < vx1 && start1 + full <= view.plot_w + kEps) {
                label.x = start1;
                label.width = full;
                label.line = 1;
                end1 = start1 + full;
                fl.lines = 2;
            } else {
                // Shortened at a word, or the glyph alone; the full name goes to the legend.
                fl.dropped.push_back(pi);
                const double room = vx1 - start0 - width_of("") + 0.35;
                label.text = room > 0.0 ? shorten_words(band.label, room, size, false, measure)
                                        : std::string{};
                label.width = width_of(label.text);
                label.x = start0;
                if (start0 + label.width > vx1 + kEps) continue;  // not even the glyph
                end0 = start0 + label.width;
            }
            fl.labels.push_back(std::move(label));
        }
        out.push_back(std::move(fl));
    }
    return out;
}

// [SECTION] Legend

std::vector<LegendItem> legend(const std::vector<PlannedCourse>& courses,
                               const LegendNeeds& needs) {
    std::vector<LegendItem> items;
    bool kinds[3] = {false, false, false};
    bool optional = false;
    bool window = false;
    bool moved = false;
    bool closed = false;
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const PlannedCourse& pc = courses[ci];
        if (pc.course.hidden) continue;
        const auto colon = pc.protocol.title.find(':');
        items.push_back(
            {LegendKind::course, ci, PhaseKind::induction, course_letter(ci), pc.protocol.title,
             colon == std::string::npos || colon == 0 ? pc.protocol.title
                                                      : pc.protocol.title.substr(0, colon)});
        const auto& visits = pc.expansion.visits;
        for (const Visit& v : visits) {
            if (v.phase < pc.protocol.phases.size())
                kinds[static_cast<int>(pc.protocol.phases[v.phase].kind)] = true;
            optional = optional || v.optional;
            window = window || v.is_window();
            moved = moved || v.moved_from.has_value();
        }
        // A closed day is marked only where the course has visits around it.
        if (!visits.empty()) {
            chr::sys_days first = visits.front().earliest;
            chr::sys_days last = visits.front().latest;
            for (const Visit& v : visits) {
                first = std::min(first, v.earliest);
                last = std::max(last, v.latest);
            }
            for (const auto& day : pc.course.closed)
                closed = closed || (chr::sys_days{day} >= first && chr::sys_days{day} <= last);
        }
    }
    for (const PhaseKind k : {PhaseKind::induction, PhaseKind::maintenance, PhaseKind::booster}) {
        if (!kinds[static_cast<int>(k)]) continue;
        std::string label{phase_kind_label(k)};
        label[0] = static_cast<char>(label[0] - 'A' + 'a');
        items.push_back({LegendKind::phase, 0, k, std::string(1, phase_marker(k)), label});
    }
    if (optional)
        items.push_back(
            {LegendKind::optional, 0, PhaseKind::induction, "*", "optional (dashed outline)"});
    if (window)
        items.push_back({LegendKind::window, 0, PhaseKind::induction, "~",
                         "window: one visit on any day of the band"});
    if (moved)
        items.push_back({LegendKind::moved, 0, PhaseKind::induction, "",
                         "folded corner: moved off a closed day"});
    if (closed)
        items.push_back({LegendKind::closed, 0, PhaseKind::induction, "x",
                         "clinic closed (struck through, with the course letter)"});
    if (needs.today)
        items.push_back({LegendKind::today, 0, PhaseKind::induction, "", "today (outlined)"});
    if (needs.more)
        items.push_back({LegendKind::more, 0, PhaseKind::induction, "+N",
                         "more visits than fit: zoom in or enlarge the window"});
    for (const auto& [ci, pi] : needs.phase_names) {
        if (ci >= courses.size() || pi >= courses[ci].protocol.phases.size()) continue;
        const Phase& ph = courses[ci].protocol.phases[pi];
        items.push_back({LegendKind::phase_name, ci, ph.kind,
                         course_letter(ci) + " " + std::string(1, phase_marker(ph.kind)), ph.name});
    }
    // A brief title shared by two courses says too little: both get their full titles.
    std::vector<bool> clash(items.size(), false);
    for (std::size_t i = 0; i < items.size(); ++i)
        for (std::size_t j = 0; j < items.size(); ++j)
            clash[i] = clash[i] ||
                       (i != j && items[i].kind == LegendKind::course &&
                        items[j].kind == LegendKind::course && items[i].brief == items[j].brief);
    for (std::size_t i = 0; i < items.size(); ++i)
        if (clash[i]) items[i].brief = items[i].text;
    for (auto& item : items)
        if (item.brief.empty()) item.brief = item.text;
    return items;
}

}  // namespace planner::layout
