// The terminal calendar of `course-planner show`: a painter of layout::month_grid, like cal(1).
// Plain output is ASCII apart from preset text, so it pastes anywhere; colour only decorates
// letters that are already there.

#include <algorithm>
#include <array>
#include <cstdio>

#include "planner/citations.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export.hpp"
#include "planner/export_common.hpp"
#include "planner/text.hpp"
#include "planner/text_guard.hpp"

namespace planner::exporter {

namespace {

// [SECTION] Text with optional ANSI colour and a known visible width

constexpr std::size_t kMaxWidth = 100;
constexpr std::size_t kMonthGap = 2;

// Okabe-Ito approximations in the xterm 256-colour cube, in the window's order (ui/theme.cpp):
// blue, orange, bluish green, reddish purple, vermillion, sky blue, yellow.
constexpr std::array<int, 7> kCourseColours{31, 214, 36, 175, 166, 74, 185};
constexpr int kClosedColour = 244;

class Line {
public:
    explicit Line(bool color) : color_(color) {}
    // Appends `text`; `sgr` ("1;38;5;214") colours it when colour is on.
    Line& add(std::string_view raw, std::string_view sgr = {}) {
        // Preset text never reaches the terminal raw: no escape sequence, no bidi override.
        const std::string text = terminal_safe(raw);
        if (color_ && !sgr.empty() && !text.empty()) {
            text_ += "\x1b[";
            text_ += sgr;
            text_ += 'm';
            text_ += text;
            text_ += "\x1b[0m";
        } else {
            text_ += text;
        }
        width_ += text::display_width(text);
        return *this;
    }
    Line& append(const Line& other) {
        text_ += other.text_;
        width_ += other.width_;
        return *this;
    }
    Line& pad_to(std::size_t width) {
        if (width_ < width) add(std::string(width - width_, ' '));
        return *this;
    }
    [[nodiscard]] std::size_t width() const { return width_; }
    [[nodiscard]] std::string str() const {
        std::string out = text_;
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out;
    }

private:
    bool color_;
    std::string text_;
    std::size_t width_ = 0;
};

[[nodiscard]] std::string course_sgr(std::size_t course, bool bold = true) {
    // Written once per colour, not once per day cell.
    static const auto table = [] {
        std::array<std::array<std::string, 2>, kCourseColours.size()> out;
        for (std::size_t i = 0; i < kCourseColours.size(); ++i) {
            out[i][0] = "38;5;" + std::to_string(kCourseColours[i]);
            out[i][1] = "1;" + out[i][0];
        }
        return out;
    }();
    return table[course % kCourseColours.size()][bold ? 1 : 0];
}

// [SECTION] Wrapping

// Greedy word wrap to `width` visible characters; '\n' starts a new line.
[[nodiscard]] std::vector<std::string> wrap(std::string_view text, std::size_t width) {
    if (const auto nl = text.find('\n'); nl != std::string_view::npos) {
        auto lines = wrap(text.substr(0, nl), width);
        for (auto& l : wrap(text.substr(nl + 1), width)) lines.push_back(std::move(l));
        return lines;
    }
    std::vector<std::string> lines;
    std::string line;
    std::size_t line_width = 0;  // display_width(line), kept as it grows
    const auto is_space = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    for (std::size_t i = 0; i < text.size();) {
        if (is_space(text[i])) {
            ++i;
            continue;
        }
        const std::size_t start = i;
        while (i < text.size() && !is_space(text[i])) ++i;
        const std::string_view word = text.substr(start, i - start);
        const std::size_t word_width = text::display_width(word);
        if (!line.empty() && line_width + 1 + word_width > width) {
            lines.push_back(std::move(line));
            line.clear();
            line_width = 0;
        }
        // A single word longer than the width (a URL) stays whole on its own line.
        if (!line.empty()) {
            line += ' ';
            ++line_width;
        }
        line += word;
        line_width += word_width;
    }
    if (!line.empty() || lines.empty()) lines.push_back(line);
    return lines;
}

[[nodiscard]] bool shown(const PlannedCourse& pc) {
    return !pc.course.hidden;
}

// [SECTION] Month grids

// What a day cell shows after its number: "AI", "AiBM", "A~", "Ax". An optional visit has a
// lower-case phase marker so two courses still fit in four characters.
struct CellText {
    struct Part {
        std::string text;
        std::string sgr;
    };
    std::vector<Part> parts;
    [[nodiscard]] std::size_t width() const {
        std::size_t w = 0;
        for (const auto& p : parts) w += p.text.size();
        return w;
    }
};

[[nodiscard]] CellText cell_text(const layout::DayCell& cell, std::size_t course_count) {
    CellText out;
    for (std::size_t ci = 0; ci < course_count; ++ci) {
        std::string token;
        for (const auto& chip : cell.chips) {
            if (chip.course != ci) continue;
            token += chip.marker;
            if (chip.optional) token += '*';
        }
        std::string sgr = course_sgr(ci);
        // A closed day inside a window says more than the window: no visit can fall on it.
        const bool closed =
            std::find(cell.closed_for.begin(), cell.closed_for.end(), ci) != cell.closed_for.end();
        if (token.empty() && closed) {
            token = "x";
            sgr = "38;5;" + std::to_string(kClosedColour);
        }
        if (token.empty() &&
            std::any_of(cell.bands.begin(), cell.bands.end(),
                        [&](const layout::BandPart& b) { return b.course == ci; })) {
            token = "~";
            sgr = course_sgr(ci, false);
        }
        if (!token.empty()) out.parts.push_back({layout::course_letter(ci) + token, sgr});
    }
    return out;
}

// One month as lines of equal visible width.
[[nodiscard]] std::vector<Line> month_lines(const layout::MonthGrid& grid, std::size_t course_count,
                                            std::size_t annotation, bool color) {
    const std::size_t cell_width = 3 + annotation;
    const std::size_t width = 7 * cell_width;
    std::vector<Line> lines;

    const std::string title = text::month_title(grid.month);
    Line head{color};
    head.pad_to((width - title.size()) / 2).add(title, "1").pad_to(width);
    lines.push_back(head);

    Line days{color};
    for (const auto& wd : grid.header)
        days.add(" ").add(text::weekday_two(wd), "2").pad_to(days.width() + annotation);
    lines.push_back(days);

    for (const auto& week : grid.weeks) {
        Line row{color};
        for (const auto& cell : week) {
            const std::size_t end = row.width() + cell_width;
            if (!cell.in_month) {
                row.pad_to(end);
                continue;
            }
            row.add(cell.today ? ">" : " ");
            char number[4];
            std::snprintf(number, sizeof number, "%2u", unsigned{cell.date.day()});
            row.add(number, cell.today ? "7" : "");
            for (const auto& part : cell_text(cell, course_count).parts)
                row.add(part.text, part.sgr);
            row.pad_to(end);
        }
        lines.push_back(row);
    }
    return lines;
}

void put_calendar(std::string& out, const std::vector<PlannedCourse>& courses,
                  const layout::CalendarOptions& options, bool color) {
    const auto months = layout::months_spanned(courses);
    std::vector<layout::MonthGrid> grids;
    for (const auto& m : months) grids.push_back(layout::month_grid(m, courses, options));

    // One cell width for every month so the grids line up.
    std::size_t annotation = 2;
    for (const auto& g : grids)
        for (const auto& week : g.weeks)
            for (const auto& cell : week)
                if (cell.in_month)
                    annotation = std::max(annotation, cell_text(cell, courses.size()).width());

    const std::size_t month_width = 7 * (3 + annotation);
    const std::size_t per_row =
        std::clamp<std::size_t>((kMaxWidth + kMonthGap) / (month_width + kMonthGap), 1, 3);

    for (std::size_t first = 0; first < grids.size(); first += per_row) {
        std::vector<std::vector<Line>> blocks;
        for (std::size_t i = first; i < std::min(grids.size(), first + per_row); ++i)
            blocks.push_back(month_lines(grids[i], courses.size(), annotation, color));
        std::size_t rows = 0;
        for (const auto& b : blocks) rows = std::max(rows, b.size());
        for (std::size_t r = 0; r < rows; ++r) {
            Line line{color};
            for (std::size_t b = 0; b < blocks.size(); ++b) {
                if (b > 0) line.pad_to(b * (month_width + kMonthGap));
                if (r < blocks[b].size()) line.append(blocks[b][r]);
            }
            out += line.str() + "\n";
        }
        out += "\n";
    }
}

// [SECTION] Legend, summary, notes, sources

constexpr std::size_t kIndent = 5;  // "  A  " before a course's lines

// Lines of `text` wrapped under a "  A  " head (or blanks), each continuation indented.
void put_wrapped(std::string& out, const Line& head, std::string_view text, bool color) {
    const auto lines = wrap(text, kMaxWidth - kIndent);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        Line line{color};
        if (i == 0) line.append(head);
        line.pad_to(kIndent).add(lines[i]);
        out += line.str() + "\n";
    }
}

[[nodiscard]] Line letter_head(std::size_t course, bool color) {
    Line head{color};
    head.add("  ").add(layout::course_letter(course), course_sgr(course));
    return head;
}

void put_legend(std::string& out, const std::vector<PlannedCourse>& courses,
                const layout::CalendarOptions& options, bool color) {
    out += "Legend\n";
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const auto& p = courses[ci].protocol;
        if (!shown(courses[ci])) continue;
        put_wrapped(out, letter_head(ci, color),
                    p.title + " (" + std::string{route_label(p.route)} + ")", color);
        if (!p.description.empty()) put_wrapped(out, Line{color}, p.description, color);
        if (p.illustrative && !p.illustrative_note.empty())
            put_wrapped(out, Line{color}, p.illustrative_note, color);
    }
    // Examples use the first shown course's letter and colour; only marks that appear.
    std::size_t first = 0;
    while (first < courses.size() && !shown(courses[first])) ++first;
    const std::string letter = layout::course_letter(first);
    const std::string closed_sgr = "38;5;" + std::to_string(kClosedColour);
    const auto items = layout::legend(courses, layout::LegendNeeds{options.today.has_value()});
    std::string phases;
    char marker = phase_marker(PhaseKind::induction);
    for (const auto& item : items) {
        if (item.kind != layout::LegendKind::phase) continue;
        if (phases.empty()) marker = item.key.front();
        phases += (phases.empty() ? "" : ", ") + item.key + " " + item.text;
    }
    const auto example = [&](std::string_view marks, std::string_view sgr, std::string_view what) {
        Line line{color};
        line.add("   9").add(marks, sgr).pad_to(11).add(what);
        return line;
    };
    std::vector<Line> marks;
    marks.push_back(example(letter + marker, course_sgr(first),
                            "a visit of course " + letter + " on the 9th; phases: " + phases));
    for (const auto& item : items) {
        using layout::LegendKind;
        if (item.kind == LegendKind::optional)
            marks.push_back(example(letter + marker + "*", course_sgr(first), "optional visit"));
        if (item.kind == LegendKind::window)
            marks.push_back(example(letter + "~", course_sgr(first, false), item.text));
        if (item.kind == LegendKind::closed)
            marks.push_back(
                example(letter + "x", closed_sgr, "course " + letter + "'s clinic is closed"));
        if (item.kind == LegendKind::today) {
            Line today{color};
            today.add("  ").add(">").add(" 9", "7").pad_to(11).add("today");
            marks.push_back(today);
        }
    }
    // The first line alone; the others two a line when they fit side by side.
    out += marks.front().str() + "\n";
    for (std::size_t i = 1; i < marks.size(); ++i) {
        Line line = marks[i];
        if (i + 1 < marks.size() && line.width() < 40 && marks[i + 1].width() < kMaxWidth - 40) {
            line.pad_to(40).append(marks[i + 1]);
            ++i;
        }
        out += line.str() + "\n";
    }
    out += "\n";
}

using Row = SummaryRow;

void put_summary(std::string& out, const std::vector<PlannedCourse>& courses, bool color) {
    constexpr std::size_t kLabelWidth = 18;
    constexpr std::size_t kPerTable = 2;
    std::vector<const PlannedCourse*> visible;
    std::vector<std::size_t> index;
    for (std::size_t ci = 0; ci < courses.size(); ++ci)
        if (shown(courses[ci])) {
            visible.push_back(&courses[ci]);
            index.push_back(ci);
        }
    for (std::size_t first = 0; first < visible.size(); first += kPerTable) {
        const std::size_t n = std::min(kPerTable, visible.size() - first);
        const std::vector<const PlannedCourse*> group(
            visible.begin() + static_cast<long>(first),
            visible.begin() + static_cast<long>(first + n));
        const std::size_t column = std::min<std::size_t>(60, (kMaxWidth - kLabelWidth) / n - 2);
        Line head{color};
        head.add("Summary").pad_to(kLabelWidth);
        for (std::size_t k = 0; k < n; ++k) {
            head.pad_to(kLabelWidth + k * (column + 2));
            const std::size_t ci = index[first + k];
            head.add(layout::course_letter(ci), course_sgr(ci))
                .add(": " + layout::short_name(group[k]->protocol));
        }
        out += head.str() + "\n";
        for (const Row& r : summary_rows(group)) {
            std::vector<std::vector<std::string>> wrapped;
            std::size_t height = 1;
            for (const auto& cell : r.cells) {
                wrapped.push_back(wrap(cell, column));
                height = std::max(height, wrapped.back().size());
            }
            for (std::size_t l = 0; l < height; ++l) {
                Line line{color};
                line.add(l == 0 ? "  " + r.label : "");
                for (std::size_t k = 0; k < n; ++k) {
                    line.pad_to(kLabelWidth + k * (column + 2));
                    if (l < wrapped[k].size()) line.add(wrapped[k][l]);
                }
                out += line.str() + "\n";
            }
        }
        out += "\n";
    }
}

void put_differences(std::string& out, const std::vector<PlannedCourse>& courses, bool color) {
    std::string body;
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        if (!shown(courses[ci])) continue;
        for (const auto& d : courses[ci].differences()) {
            const std::string cited = detail::difference_sources(courses[ci], d);
            put_wrapped(body, letter_head(ci, color),
                        d.text + " [" + d.rule + (cited.empty() ? "" : "; " + cited) + "]", color);
        }
    }
    if (body.empty()) return;
    out += "Differences from the published schedule\n" + body + "\n";
}

void put_notes(std::string& out, const std::vector<PlannedCourse>& courses, bool color) {
    std::string body;
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        if (!shown(courses[ci])) continue;
        const Protocol& p = courses[ci].protocol;
        for (const auto& n : courses[ci].expansion.notices)
            put_wrapped(body, letter_head(ci, color), n.text, color);
        // What a visit involves, each number with its sources' numbers.
        for (const VisitFact& f : visit_facts(p, true))
            put_wrapped(body, letter_head(ci, color),
                        f.label + ": " + f.value + "." + (f.note.empty() ? "" : " " + f.note),
                        color);
        for (const auto& v : courses[ci].expansion.visits)
            if (!v.note.empty())
                put_wrapped(body, letter_head(ci, color),
                            text::long_date(v.earliest) + ": " + v.note, color);
        for (std::size_t i = 0; i < p.phases.size(); ++i) {
            const Phase& ph = p.phases[i];
            if (!ph.cadence.derived.empty())
                put_wrapped(body, letter_head(ci, color),
                            ph.name + ": " + ph.cadence.derived + " " +
                                citation_marks(p, ph.cadence.sources),
                            color);
            const std::string note = detail::phase_note(courses[ci], i);
            if (!note.empty()) {
                const std::string m = citation_marks(p, ph.note_sources);
                put_wrapped(body, letter_head(ci, color),
                            ph.name + ": " + note + (m.empty() ? "" : " " + m), color);
            }
        }
    }
    if (body.empty()) return;
    out += "Notes\n" + body + "\n";
}

void put_sources(std::string& out, const std::vector<PlannedCourse>& courses, bool color) {
    out += "Sources\n";
    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        if (!shown(courses[ci])) continue;
        const Protocol& p = courses[ci].protocol;
        for (const Source* src : sources_by_kind(p)) {
            const Source& s = *src;
            std::string text = source_heading(p, s);
            // The link when there is one (a DOI URL says the DOI), else the identifier.
            const std::string& where = s.url.empty() ? s.identifier : s.url;
            if (!where.empty()) text += ", " + where;
            if (!s.note.empty()) text += " (" + s.note + ")";
            put_wrapped(out, letter_head(ci, color), text, color);
        }
    }
    out += "\n";
}

}  // namespace

std::vector<SummaryRow> summary_rows(const std::vector<const PlannedCourse*>& group) {
    std::vector<SummaryRow> rows;
    auto row = [&](std::string label, auto&& text_of) {
        SummaryRow r{std::move(label), {}};
        for (const auto* pc : group) r.cells.push_back(text_of(*pc));
        rows.push_back(std::move(r));
    };
    row("Route",
        [](const PlannedCourse& pc) { return std::string{route_label(pc.protocol.route)}; });
    row("Visits",
        [](const PlannedCourse& pc) { return text::visits_text(pc.protocol, pc.summary.visits); });
    row("Each visit", [](const PlannedCourse& pc) {
        const auto& v = pc.protocol.visit;
        // Named for the route: a nasal spray has no "time in the chair".
        std::string out =
            std::string{treatment_label(pc.protocol)} + " " + text::duration(v.treatment_minutes);
        if (const std::string obs = text::observation_phrase(v.observation_minutes); !obs.empty())
            out += ", then " + obs;
        return out;
    });
    row("Time in clinic", [](const PlannedCourse& pc) {
        return text::hours_total(pc.summary.clinic_minutes,
                                 text::visit_time_at_least(pc.protocol.visit)) +
               " in total";
    });
    row("Ride home", [](const PlannedCourse& pc) {
        const auto& v = pc.protocol.visit;
        if (!v.ride_home.value) return std::string{"not stated as needed"};
        std::string out = text::counted(pc.summary.ride_home_days, "day", "days");
        if (v.no_driving_until_next_day.value) out += "; no driving until the next day";
        return out;
    });
    row("Fasting", [](const PlannedCourse& pc) {
        const auto& f = pc.protocol.visit.fasting;
        const std::string out = f ? text::fasting_text(*f) : std::string{};
        return out.empty() ? std::string{"none stated"} : out;
    });
    std::size_t phases = 0;
    for (const auto* pc : group) phases = std::max(phases, pc->summary.phases.size());
    for (std::size_t i = 0; i < phases; ++i) {
        row("Phase " + std::to_string(i + 1), [&](const PlannedCourse& pc) {
            if (i >= pc.summary.phases.size()) return std::string{};
            const PhaseSummary& ph = pc.summary.phases[i];
            std::string out = ph.name + " (" + phase_marker(ph.kind) +
                              "): " + text::visits_text(pc.protocol, ph.visits);
            if (ph.windows > 0) out += ", " + text::counted(ph.windows, "window", "windows");
            if (ph.visits.max > 0) out += "\n" + text::long_date_range(ph.first, ph.last);
            return out;
        });
    }
    row("Span", [](const PlannedCourse& pc) {
        if (pc.expansion.visits.empty()) return std::string{"no visits"};
        return text::long_date_range(pc.summary.first, pc.summary.last) + "\n" +
               text::span_length(pc.summary.first, pc.summary.last);
    });
    return rows;
}

std::string terminal_calendar(const std::vector<PlannedCourse>& courses,
                              const layout::CalendarOptions& options, bool color) {
    std::string out;
    out += std::string{kDisclaimer} + "\n\n";
    if (std::none_of(courses.begin(), courses.end(), shown)) {
        out += "No course to show.\n\n";
    } else {
        put_calendar(out, courses, options, color);
        put_legend(out, courses, options, color);
        put_summary(out, courses, color);
        put_differences(out, courses, color);
        put_notes(out, courses, color);
        put_sources(out, courses, color);
    }
    out += std::string{kDisclaimer} + "\n";
    return out;
}

}  // namespace planner::exporter
