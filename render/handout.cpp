// The printable handout: blocks of text and figures flowed onto A4 or Letter pages.
// Every block is measured first, so pages are known before painting and each footer
// can say "Page N of M". Text wraps with pango inside the page; a long plan simply
// takes more pages. Nothing is smaller than kMinHandoutFont.
//
// [SECTION] Flow: blocks, pages, footers
// [SECTION] Blocks: headings, paragraphs, tables, figures
// [SECTION] Comparison page
// [SECTION] Course pages
// [SECTION] handout()
#include <algorithm>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "planner/citations.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export_common.hpp"
#include "planner/glossary.hpp"
#include "render/paint.hpp"
#include "render/render.hpp"

namespace render {

namespace layout = planner::layout;
namespace words = planner::exporter::detail;
namespace text = planner::text;
namespace chr = std::chrono;
using detail::Rect;
using detail::Style;

namespace {

// [SECTION] Flow: blocks, pages, footers

constexpr double kMargin = 48.0;    // points, about 17 mm: printers need at least 5 mm
constexpr double kBody = 10.5;      // body text
constexpr double kSmall = 9.0;      // footers, table notes: the floor
constexpr double kHeading = 14.0;   // section headings
constexpr double kTitle = 18.0;     // a course's title
constexpr double kFigureEm = 13.0;  // figures: their smallest text is 0.7 em, above 9 pt

struct Block {
    std::function<double(Canvas&, double width)> height;
    std::function<void(Canvas&, const Rect&)> paint;  // given at least its height
    bool new_page = false;                            // starts a page (a course, the comparison)
    bool grow = false;              // takes the room left at the bottom of its page (figures)
    bool keep_with_next = false;    // a heading stays with what it introduces
    std::string bookmark;           // a PDF outline entry at this block
    const Block* header = nullptr;  // repeated on top of a page this block starts (tables)
    // A block that may be cut (month grids, between week rows): the part that fits `room`
    // and the rest, or nothing when not even a first part fits.
    std::function<std::optional<std::pair<Block, Block>>(Canvas&, double width, double room)> split;
};

// What a legend learns from the figures before it ("+N more" drawn, phase names the
// timeline could not hold): from a dry run when pages are laid out, then as painted.
struct LegendState {
    bool measured_once = false;
    layout::LegendNeeds measured;
    layout::LegendNeeds painted;
};

// What blocks point at and must outlive them: repeated table headers, one-course views,
// legend states.
struct Store {
    std::vector<std::unique_ptr<Block>> headers;
    std::vector<std::unique_ptr<std::vector<planner::PlannedCourse>>> plans;
    std::vector<std::unique_ptr<LegendState>> legends;
};

struct Placed {
    const Block* block = nullptr;
    double y = 0.0;
    double h = 0.0;
    bool header = false;
};

struct Page {
    std::vector<Placed> items;
};

class Flow {
public:
    Flow(Canvas& c, double width, double height) : c_(c), width_(width), height_(height) {}

    [[nodiscard]] double body_width() const { return width_ - 2.0 * kMargin; }
    // The room between the running header and the footer.
    [[nodiscard]] double body_height() const {
        return height_ - 2.0 * kMargin - header_height() - footer_height();
    }

    // Measures the footer, then places every block; returns the pages.
    std::vector<Page> paginate(const std::vector<Block>& blocks, int& overflows) {
        footer_h_ = footer_height();
        const double top = kMargin + header_height();
        const double bottom = height_ - kMargin - footer_h_;
        std::vector<Page> pages(1);
        double y = top;
        const double w = body_width();
        const auto place = [&](const Block* b, double h) {
            if (pages.back().items.empty() && b->header != nullptr) {
                const double hh = b->header->height(c_, w);
                pages.back().items.push_back(Placed{b->header, y, hh, true});
                y += hh;
            }
            if (y + h > bottom + 0.5) ++overflows;
            pages.back().items.push_back(Placed{b, y, h, false});
            y += h;
        };
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const Block* b = &blocks[i];
            for (;;) {
                const double h = b->height(c_, w);
                double need = h;
                // A heading takes the first line of what follows with it.
                if (b->keep_with_next && i + 1 < blocks.size())
                    need += std::min(blocks[i + 1].height(c_, w), (bottom - top) / 3.0);
                const bool empty = pages.back().items.empty();
                if (b->new_page && !empty) {
                    pages.emplace_back();
                    y = top;
                    continue;
                }
                // Too tall for the room left: a block that can be cut fills the room, the rest
                // goes on; else a new page.
                if (y + need > bottom && b->split) {
                    if (auto parts = b->split(c_, w, bottom - y)) {
                        parts_.push_back(std::move(parts->first));
                        place(&parts_.back(), parts_.back().height(c_, w));
                        parts_.push_back(std::move(parts->second));
                        b = &parts_.back();
                        pages.emplace_back();
                        y = top;
                        continue;
                    }
                }
                if (!empty && y + need > bottom) {
                    pages.emplace_back();
                    y = top;
                    continue;
                }
                place(b, h);
                break;
            }
            const bool last_on_page = i + 1 == blocks.size() || blocks[i + 1].new_page;
            if (last_on_page) grow(pages.back(), bottom - y);
        }
        return pages;
    }

    void paint(const std::vector<Page>& pages, std::string_view running_title) {
        for (std::size_t p = 0; p < pages.size(); ++p) {
            if (p > 0) c_.new_page();
            c_.color(Rgb{255, 255, 255});
            c_.fill_rect(0.0, 0.0, width_, height_);
            paint_header(running_title);
            for (const Placed& item : pages[p].items) {
                if (!item.header && !item.block->bookmark.empty()) c_.outline(item.block->bookmark);
                cairo_save(c_.cr());
                // A block never paints outside the page body, even if it was too tall.
                cairo_rectangle(c_.cr(), 0.0, kMargin, width_,
                                height_ - 2.0 * kMargin - footer_h_ + kMargin * 0.5);
                cairo_clip(c_.cr());
                item.block->paint(c_, Rect{kMargin, item.y, body_width(), item.h});
                cairo_restore(c_.cr());
            }
            paint_footer(static_cast<int>(p) + 1, static_cast<int>(pages.size()));
        }
    }

private:
    // The room left on a page goes to its growing figure; what follows it moves down.
    static void grow(Page& page, double room) {
        if (room <= 0.0) return;
        double shift = 0.0;
        for (Placed& item : page.items) {
            item.y += shift;
            if (shift == 0.0 && item.block->grow) {
                item.h += room;
                shift = room;
            }
        }
    }

    [[nodiscard]] double header_height() const {
        return c_.line_height(Font{kSmall, false}) + 10.0;
    }
    [[nodiscard]] double footer_height() const {
        return c_.measure(std::string{planner::kDisclaimer}, Font{kSmall, true},
                          TextBox{footer_text_width(), Align::left, 0, false})
                   .h +
               12.0;
    }
    [[nodiscard]] double footer_text_width() const {
        return body_width() - c_.measure("Page 999 of 999", Font{kSmall, false}).w - 16.0;
    }

    void paint_header(std::string_view title) {
        const Palette& pal = palette(Theme::light);
        c_.text(kMargin, kMargin - 4.0, title, Font{kSmall, false}, pal.text_dim,
                TextBox{body_width(), Align::left, 1, false});
    }

    void paint_footer(int page, int pages) {
        const Palette& pal = palette(Theme::light);
        const double y = height_ - kMargin - footer_h_ + 8.0;
        c_.color(pal.grid);
        c_.line(kMargin, y - 4.0, width_ - kMargin, y - 4.0, 0.6);
        c_.text(kMargin, y + 2.0, std::string{planner::kDisclaimer}, Font{kSmall, true}, pal.text,
                TextBox{footer_text_width(), Align::left, 0, false});
        const std::string number = "Page " + std::to_string(page) + " of " + std::to_string(pages);
        const Font font{kSmall, false};
        c_.text(width_ - kMargin - c_.measure(number, font).w, y + 2.0, number, font, pal.text);
    }

    Canvas& c_;
    std::deque<Block> parts_;  // the pieces of cut blocks (pages point at them)
    double width_;
    double height_;
    double footer_h_ = 0.0;
};

// [SECTION] Blocks: headings, paragraphs, tables, figures

const Palette& ink() {
    return palette(Theme::light);
}

Block heading(std::string text, double size, std::string bookmark = {}) {
    Block b;
    b.height = [text, size](Canvas& c, double w) {
        return c.measure(text, Font{size, true}, TextBox{w}).h + size * 0.5;
    };
    b.paint = [text, size](Canvas& c, const Rect& r) {
        c.text(r.x, r.y + size * 0.3, text, Font{size, true}, ink().text, TextBox{r.w});
    };
    b.keep_with_next = true;
    b.bookmark = std::move(bookmark);
    return b;
}

Block paragraph(std::string text, double size = kBody, bool dim = false, double indent = 0.0) {
    Block b;
    b.height = [=](Canvas& c, double w) {
        return c.measure(text, Font{size, false}, TextBox{w - indent}).h + size * 0.35;
    };
    b.paint = [=](Canvas& c, const Rect& r) {
        c.text(r.x + indent, r.y, text, Font{size, false}, dim ? ink().text_dim : ink().text,
               TextBox{r.w - indent});
    };
    return b;
}

Block spacer(double h) {
    Block b;
    b.height = [h](Canvas&, double) { return h; };
    b.paint = [](Canvas&, const Rect&) {};
    return b;
}

// A row of cells: column widths as fractions of the body width; the first may be bold.
struct Row {
    std::vector<std::string> cells;
    bool bold_first = false;
    bool header = false;
};

Block table_row(Row row, std::vector<double> fractions) {
    const auto font_of = [row](std::size_t i) {
        return Font{kSmall + (row.header ? 0.0 : 0.5), row.header || (row.bold_first && i == 0)};
    };
    Block b;
    b.height = [=](Canvas& c, double w) {
        double h = 0.0;
        for (std::size_t i = 0; i < row.cells.size() && i < fractions.size(); ++i)
            h = std::max(h, c.measure(row.cells[i], font_of(i), TextBox{w * fractions[i] - 6.0}).h);
        return h + 6.0;
    };
    b.paint = [=](Canvas& c, const Rect& box) {
        const double x = box.x;
        const double y = box.y;
        const double w = box.w;
        const double h = box.h;
        double cx = x;
        if (row.header) {
            c.color(ink().other_month);
            c.fill_rect(x, y, w, h);
        }
        for (std::size_t i = 0; i < row.cells.size() && i < fractions.size(); ++i) {
            c.text(cx + 3.0, y + 3.0, row.cells[i], font_of(i), ink().text,
                   TextBox{w * fractions[i] - 6.0});
            cx += w * fractions[i];
        }
        c.color(ink().grid);
        c.line(x, y + h, x + w, y + h, 0.5);
    };
    return b;
}

using FigurePaint = std::function<void(Canvas&, const Rect&, layout::LegendNeeds*)>;

// A figure that tells `legend` what it drew. Its first measure paints it once on a scratch
// canvas with the same fonts and floor, so the legend's height is known before any page.
using FigureHeight = std::function<double(Canvas&, double width)>;

Block figure(FigureHeight height_of, FigurePaint paint, LegendState* legend, bool grow = false) {
    Block b;
    b.height = [height_of, paint, legend](Canvas& c, double w) {
        const double height = height_of(c, w);
        if (!legend->measured_once) {
            legend->measured_once = true;
            if (auto scratch = Canvas::create(Format::png, 1, 1, {})) {
                (*scratch)->set_min_font_size(c.min_font_size());
                paint(**scratch, Rect{0.0, 0.0, w, height}, &legend->measured);
            }
        }
        return height;
    };
    b.paint = [paint, legend](Canvas& c, const Rect& r) { paint(c, r, &legend->painted); };
    b.grow = grow;
    return b;
}

// The legend of `courses` after the figures that share `state`, as tall as its lines.
Block legend(const std::vector<planner::PlannedCourse>* courses, const LegendState* state,
             const Style& style) {
    Block b;
    b.height = [=](Canvas& c, double w) {
        return detail::paint_legend(c, 0.0, 0.0, w, *courses, state->measured, style, false) +
               style.em * 0.6;
    };
    b.paint = [=](Canvas& c, const Rect& r) {
        detail::paint_legend(c, r.x, r.y + style.em * 0.3, r.w, *courses, state->painted, style);
    };
    return b;
}

// Blocks that stay on one page together (a heading and its short table).
Block group(std::vector<Block> parts) {
    Block b;
    b.height = [parts](Canvas& c, double w) {
        double h = 0.0;
        for (const auto& p : parts) h += p.height(c, w);
        return h;
    };
    b.paint = [parts](Canvas& c, const Rect& r) {
        double y = r.y;
        for (const auto& p : parts) {
            const double h = p.height(c, r.w);
            p.paint(c, Rect{r.x, y, r.w, h});
            y += h;
        }
    };
    return b;
}

// A source as a numbered line whose link is clickable.
Block source_line(int number, const planner::Source& s) {
    std::string text = "[" + std::to_string(number) + "] " +
                       std::string{planner::source_kind_label(s.kind)} + ": " + s.title;
    const std::string extra = words::extra_identifier(s);
    if (!extra.empty()) text += " (" + extra + ")";
    if (!s.note.empty()) text += ". " + s.note;
    const std::string url =
        s.url.empty() && s.identifier.starts_with("http") ? s.identifier : s.url;
    Block b;
    b.height = [=](Canvas& c, double w) {
        double h = c.measure(text, Font{kBody, false}, TextBox{w - 12.0}).h;
        if (!url.empty()) h += c.measure(url, Font{kSmall + 0.5, false}, TextBox{w - 12.0}).h;
        return h + 5.0;
    };
    b.paint = [=](Canvas& c, const Rect& r) {
        const Size s1 = c.text(r.x, r.y, text, Font{kBody, false}, ink().text, TextBox{r.w - 12.0});
        if (url.empty()) return;
        c.link_begin(url);
        c.text(r.x + 12.0, r.y + s1.h, url, Font{kSmall + 0.5, false}, course_color(0),
               TextBox{r.w - 24.0});
        c.link_end();
    };
    return b;
}

// [SECTION] Comparison page

// The rows `show` prints, under a header naming each course.
std::vector<Row> comparison_rows(const std::vector<const planner::PlannedCourse*>& shown,
                                 const std::vector<std::size_t>& index) {
    std::vector<Row> rows;
    Row head{{""}, false, true};
    for (std::size_t k = 0; k < shown.size(); ++k)
        head.cells.push_back(detail::letter_of(index[k]) + ": " + shown[k]->protocol.title);
    rows.push_back(head);
    for (auto& r : planner::exporter::summary_rows(shown)) {
        Row row{{std::move(r.label)}, true, false};
        for (auto& cell : r.cells) row.cells.push_back(std::move(cell));
        rows.push_back(std::move(row));
    }
    return rows;
}

void comparison_page(std::vector<Block>& blocks, Store& store,
                     const std::vector<planner::PlannedCourse>& courses) {
    std::vector<const planner::PlannedCourse*> shown;
    std::vector<std::size_t> index;
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden) {
            shown.push_back(&courses[i]);
            index.push_back(i);
        }
    Block h = heading("Comparing " + text::count_word(static_cast<int>(shown.size())) + " courses",
                      kTitle, "Comparison");
    h.new_page = true;
    blocks.push_back(h);
    blocks.push_back(paragraph(
        "Each column is one published schedule placed on the same calendar. The figures are "
        "the ones the sources state; the course pages that follow cite them.",
        kBody, true));
    std::vector<double> fractions{0.16};
    for (std::size_t k = 0; k < shown.size(); ++k)
        fractions.push_back(0.84 / static_cast<double>(shown.size()));
    for (Row& r : comparison_rows(shown, index)) blocks.push_back(table_row(r, fractions));
    blocks.push_back(spacer(14.0));
    blocks.push_back(heading("Side by side, weeks since each start", kHeading));
    const double lanes = static_cast<double>(shown.size());
    const Style style{Theme::light, kFigureEm, true};
    store.legends.push_back(std::make_unique<LegendState>());
    LegendState* state = store.legends.back().get();
    // The timeline takes the rest of the page, its legend under it.
    blocks.push_back(
        figure([lanes](Canvas&, double) { return kFigureEm * (2.2 + 4.2 * lanes); },
               [&courses, style](Canvas& c, const Rect& r, layout::LegendNeeds* needs) {
                   detail::paint_timeline(c, r, courses, style, needs);
               },
               state, true));
    blocks.push_back(legend(&courses, state, style));
}

// [SECTION] Course pages

// " [1, 3]": the numbers of the cited sources, as every output numbers them (by kind).
[[nodiscard]] std::string cite(const planner::Protocol& p, const std::vector<std::string>& ids) {
    const std::string marks = planner::citation_marks(p, ids);
    return marks.empty() ? marks : " " + marks;
}

// The facts every writer prints (planner::visit_facts), and reminders in the sources' words.
void visit_facts(std::vector<Block>& blocks, const planner::PlannedCourse& pc) {
    const planner::Protocol& p = pc.protocol;
    const planner::VisitInfo& v = p.visit;
    const std::vector<double> cols{0.3, 0.7};
    std::vector<Block> facts{heading("What a visit involves", kHeading)};
    for (const planner::VisitFact& f : planner::visit_facts(p, true))
        facts.push_back(
            table_row(Row{{f.label, f.value + (f.note.empty() ? "" : ". " + f.note)}, true}, cols));
    blocks.push_back(group(std::move(facts)));
    // Reminders as the sources word them, as a list to keep on the fridge.
    std::vector<std::string> reminders;
    if (v.no_driving_until_next_day.value)
        reminders.push_back(planner::says(p, v.no_driving_until_next_day.sources) +
                            ": no driving until the next day" +
                            (v.ride_home.value ? ", so someone else drives you home." : "."));
    else if (v.ride_home.value)
        reminders.push_back(planner::says(p, v.ride_home.sources) +
                            ": someone else drives you home.");
    if (v.fasting && !text::fasting_text(*v.fasting).empty())
        reminders.push_back(planner::says(p, v.fasting->sources) + ": " +
                            text::fasting_text(*v.fasting) + " each visit.");
    if (!reminders.empty()) {
        std::vector<Block> list{spacer(6.0), heading("Reminders", kHeading)};
        for (const auto& r : reminders) list.push_back(paragraph("\u2022 " + r, kBody, false, 4.0));
        blocks.push_back(group(std::move(list)));
    }
}

void visit_list(std::vector<Block>& blocks, Store& store, const planner::PlannedCourse& pc) {
    // The time column words the treatment and observation as every writer does: the widest.
    const std::vector<double> cols{0.22, 0.34, 0.2, 0.24};
    blocks.push_back(heading("The visits", kHeading));
    store.headers.push_back(std::make_unique<Block>(
        table_row(Row{{"Date", "Time", "Visit", "Notes"}, false, true}, cols)));
    const Block* header = store.headers.back().get();
    blocks.push_back(*header);
    // The plan's visits and those it leaves out, in date order.
    std::vector<std::pair<const planner::Visit*, bool>> rows;
    for (const planner::Visit& v : pc.expansion.visits) rows.emplace_back(&v, false);
    for (const planner::Visit& v : pc.expansion.skipped) rows.emplace_back(&v, true);
    std::stable_sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) {
        return a.first->earliest < b.first->earliest;
    });
    for (const auto& [v, left_out] : rows) {
        Row r;
        if (v->is_window()) {
            r.cells.push_back(text::long_date_range(v->earliest, v->latest));
            r.cells.push_back("any day in the window");
        } else {
            r.cells.push_back(text::long_date(v->earliest));
            r.cells.push_back(left_out ? std::string{} : text::visit_times(pc.protocol, *v));
        }
        r.cells.push_back(text::visit_label(pc.protocol, *v));
        std::string notes = left_out ? "left out in this plan" : "";
        if (!left_out)
            for (const std::string& n : words::visit_notes(pc, *v))
                notes += (notes.empty() ? "" : "; ") + n;
        r.cells.push_back(notes);
        Block b = table_row(r, cols);
        b.header = header;
        blocks.push_back(b);
    }
    if (pc.expansion.visits.empty()) blocks.push_back(paragraph("No visits.", kBody, true));
}

// Week rows [first, last) of two months side by side; a page may cut it between week rows
// ("April 2027, continued" on the next), so every visit is drawn and no page is left half
// empty before a tall pair.
Block month_block(const std::vector<planner::PlannedCourse>* only,
                  const std::vector<chr::year_month>& pair, const layout::CalendarOptions& options,
                  const Style& style, LegendState* state, const detail::MonthRows& rows,
                  std::size_t first, std::size_t last) {
    Block b = figure([rows, first, last](Canvas&, double) { return rows.height(first, last); },
                     [only, pair, options, style, first, last](Canvas& c, const Rect& r,
                                                               layout::LegendNeeds* needs) {
                         detail::paint_month_rows(c, r, *only, pair, options, style, 2, first, last,
                                                  needs);
                     },
                     state);
    b.split = [=](Canvas&, double, double room) -> std::optional<std::pair<Block, Block>> {
        std::size_t cut = first;
        while (cut + 1 < last && rows.height(first, cut + 1) <= room) ++cut;
        if (cut == first) return std::nullopt;
        return std::pair{month_block(only, pair, options, style, state, rows, first, cut),
                         month_block(only, pair, options, style, state, rows, cut, last)};
    };
    return b;
}

void course_pages(std::vector<Block>& blocks, Store& store,
                  const std::vector<planner::PlannedCourse>& courses, std::size_t index,
                  const layout::CalendarOptions& options, Canvas& canvas, double body_width,
                  double body_height) {
    const planner::PlannedCourse& pc = courses[index];
    const planner::Protocol& p = pc.protocol;
    const std::string letter = detail::letter_of(index);

    Block title;
    const std::string name = p.title;
    title.height = [name](Canvas& c, double w) {
        return c.measure(name, Font{kTitle, true}, TextBox{w - kTitle * 1.8}).h + 6.0;
    };
    title.paint = [name, index](Canvas& c, const Rect& r) {
        detail::course_badge(c, r.x, r.y + 2.0, kTitle * 1.3, index);
        c.text(r.x + kTitle * 1.8, r.y, name, Font{kTitle, true}, ink().text,
               TextBox{r.w - kTitle * 1.8});
    };
    title.new_page = true;
    title.keep_with_next = true;
    title.bookmark = letter + ": " + p.title;
    blocks.push_back(title);

    std::string facts = std::string{planner::route_label(p.route)} + ". Starts " +
                        text::long_date(chr::sys_days{pc.course.start}) + ", visits at " +
                        text::clock_time(pc.course.start_time) + " on " +
                        text::weekday_list(words::clinic_days(pc)) + ".";
    if (!p.description.empty()) blocks.push_back(paragraph(p.description));
    blocks.push_back(paragraph(facts, kBody, true));
    if (p.illustrative) blocks.push_back(paragraph(words::illustrative_text(p)));

    // The months, two side by side.
    blocks.push_back(heading("The months of the course", kHeading));
    const Style style{Theme::light, kFigureEm, true};
    // The single course, as layout sees it, keeps its letter: pass every course with the
    // others hidden.
    store.plans.push_back(std::make_unique<std::vector<planner::PlannedCourse>>(courses));
    const std::vector<planner::PlannedCourse>* only = store.plans.back().get();
    for (std::size_t i = 0; i < only->size(); ++i)
        store.plans.back()->at(i).course.hidden = i != index;
    const std::vector<chr::year_month> months = layout::months_spanned(*only);
    store.legends.push_back(std::make_unique<LegendState>());
    LegendState* state = store.legends.back().get();
    for (std::size_t m = 0; m < months.size(); m += 2) {
        std::vector<chr::year_month> pair{months[m]};
        if (m + 1 < months.size()) pair.push_back(months[m + 1]);
        // Two columns even for a last month alone, so every month has the same cells; rows
        // grow to hold every visit, as in the window.
        const double most = body_height - 3.0 * kHeading;  // a heading's room kept
        const detail::MonthRows rows =
            detail::month_rows(canvas, body_width, *only, pair, options, style, 2);
        bool rows_fit = true;
        for (std::size_t r = 0; r < rows.count(); ++r)
            rows_fit = rows_fit && rows.height(r, r + 1) <= most;
        if (rows_fit) {
            blocks.push_back(month_block(only, pair, options, style, state, rows, 0, rows.count()));
            blocks.push_back(spacer(8.0));
            continue;
        }
        // A week row taller than a page (hundreds of overlapping windows): fixed cells
        // that fill the page count the rest in "+N more".
        blocks.push_back(figure(
            [only, pair, options, style, most](Canvas& c, double w) {
                return detail::months_height(c, w, *only, pair, options, style, 2, most);
            },
            [only, pair, options, style, most](Canvas& c, const Rect& r,
                                               layout::LegendNeeds* needs) {
                detail::paint_months(c, r, *only, pair, options, style, needs, 2, most);
            },
            state));
        blocks.push_back(spacer(8.0));
    }
    blocks.push_back(legend(only, state, style));

    visit_facts(blocks, pc);
    blocks.push_back(spacer(6.0));
    visit_list(blocks, store, pc);

    blocks.push_back(spacer(6.0));
    blocks.push_back(heading("Differences from the published schedule", kHeading));
    if (pc.differences().empty())
        blocks.push_back(paragraph("None: the visits follow the published schedule.", kBody));
    for (const planner::Difference& d : pc.differences())
        blocks.push_back(paragraph("\u2022 " + d.text + cite(p, d.sources), kBody, false, 4.0));
    // Notices, then the phase notes with their citation marks, as the Markdown has them.
    std::vector<std::string> notes;
    for (const auto& n : pc.expansion.notices) notes.push_back(n.text);
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const planner::Phase& ph = p.phases[i];
        if (!ph.cadence.derived.empty())
            notes.push_back(ph.name + ": " + ph.cadence.derived + cite(p, ph.cadence.sources));
        if (const std::string note = words::phase_note(pc, i); !note.empty())
            notes.push_back(ph.name + ": " + note + cite(p, ph.note_sources));
    }
    if (!notes.empty()) {
        blocks.push_back(spacer(6.0));
        blocks.push_back(heading("Notes", kHeading));
        for (const auto& n : notes) blocks.push_back(paragraph(n));
    }

    blocks.push_back(spacer(6.0));
    blocks.push_back(heading("Sources", kHeading));
    for (const planner::Source* s : planner::sources_by_kind(p))
        blocks.push_back(source_line(planner::source_number(p, s->id), *s));
}

// "Words used here": every glossary entry, as the Markdown lists them, in the body font.
void glossary_pages(std::vector<Block>& blocks) {
    Block title = heading("Words used here", kTitle, "Words used here");
    title.new_page = true;
    blocks.push_back(title);
    const double term_width = 0.24;  // of the body width; the longest term fits on one line
    for (const planner::GlossaryEntry& g : planner::glossary()) {
        const std::string term{g.term};
        const std::string definition{g.definition};
        Block b;
        b.height = [=](Canvas& c, double w) {
            const double t = c.measure(term, Font{kBody, true}, TextBox{w * term_width - 6.0}).h;
            const double d =
                c.measure(definition, Font{kBody, false}, TextBox{w * (1.0 - term_width)}).h;
            return std::max(t, d) + kBody * 0.6;
        };
        b.paint = [=](Canvas& c, const Rect& r) {
            c.text(r.x, r.y, term, Font{kBody, true}, ink().text, TextBox{r.w * term_width - 6.0});
            c.text(r.x + r.w * term_width, r.y, definition, Font{kBody, false}, ink().text,
                   TextBox{r.w * (1.0 - term_width)});
        };
        blocks.push_back(b);
    }
}

}  // namespace

PaperSize paper_size(Paper paper) {
    return paper == Paper::letter ? PaperSize{612.0, 792.0} : PaperSize{595.0, 842.0};
}

// [SECTION] handout()

planner::Result<std::string> handout(const std::vector<planner::PlannedCourse>& all,
                                     const HandoutOptions& options, HandoutReport* report) {
    planner::exporter::Options asked;  // as every writer: the visits' notes only when asked
    asked.notes = options.notes;
    const std::vector<planner::PlannedCourse> courses = words::notes_as_asked(all, asked);
    const PaperSize paper = paper_size(options.paper);
    std::size_t shown = 0;
    std::string running;
    for (std::size_t i = 0; i < courses.size(); ++i) {
        if (courses[i].course.hidden) continue;
        running += (shown++ == 0 ? "" : " \u00b7 ") + detail::letter_of(i) + ": " +
                   words::short_title(courses[i].protocol);
    }
    if (shown == 0) return planner::Error{"handout", "at least one course to show"};
    running = "Course Planner handout \u00b7 " + running;

    auto canvas = Canvas::create(Format::pdf, paper.width, paper.height,
                                 DocumentInfo{running, options.timestamp});
    if (!canvas) return canvas.error();
    Canvas& c = **canvas;
    c.set_min_font_size(kMinHandoutFont);

    Flow flow(c, paper.width, paper.height);
    std::vector<Block> blocks;
    Store store;
    if (shown > 1) comparison_page(blocks, store, courses);
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden)
            course_pages(blocks, store, courses, i, options.calendar, c, flow.body_width(),
                         flow.body_height());
    glossary_pages(blocks);

    int overflows = 0;
    const std::vector<Page> pages = flow.paginate(blocks, overflows);
    flow.paint(pages, running);
    if (report) {
        report->pages = static_cast<int>(pages.size());
        report->smallest_font = c.smallest_font();
        report->raised_fonts = c.raised_fonts();
        report->overflows = overflows;
    }
    return c.finish();
}

}  // namespace render
