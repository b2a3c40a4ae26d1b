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
#include <functional>
#include <memory>
#include <string>

#include "planner/citations.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export_common.hpp"
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
};

// What blocks point at and must outlive them: repeated table headers, one-course views.
struct Store {
    std::vector<std::unique_ptr<Block>> headers;
    std::vector<std::unique_ptr<std::vector<planner::PlannedCourse>>> plans;
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

    // Measures the footer, then places every block; returns the pages.
    std::vector<Page> paginate(const std::vector<Block>& blocks, int& overflows) {
        footer_h_ = footer_height();
        const double top = kMargin + header_height();
        const double bottom = height_ - kMargin - footer_h_;
        std::vector<Page> pages(1);
        double y = top;
        for (std::size_t i = 0; i < blocks.size(); ++i) {
            const Block& b = blocks[i];
            const double w = body_width();
            const double h = b.height(c_, w);
            double need = h;
            // A heading takes the first line of what follows with it.
            if (b.keep_with_next && i + 1 < blocks.size())
                need += std::min(blocks[i + 1].height(c_, w), (bottom - top) / 3.0);
            const bool empty = pages.back().items.empty();
            if (!empty && (b.new_page || y + need > bottom)) {
                pages.emplace_back();
                y = top;
            }
            if (pages.back().items.empty() && b.header != nullptr) {
                const double hh = b.header->height(c_, w);
                pages.back().items.push_back(Placed{b.header, y, hh, true});
                y += hh;
            }
            if (y + h > bottom + 0.5) ++overflows;
            pages.back().items.push_back(Placed{&b, y, h, false});
            y += h;
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

Block figure(double height, std::function<void(Canvas&, const Rect&)> paint, bool grow = false) {
    Block b;
    b.height = [height](Canvas&, double) { return height; };
    b.paint = std::move(paint);
    b.grow = grow;
    return b;
}

// The legend of `courses`, as tall as its lines.
Block legend(const std::vector<planner::PlannedCourse>* courses, const Style& style) {
    Block b;
    b.height = [=](Canvas& c, double w) {
        return detail::paint_legend(c, 0.0, 0.0, w, *courses, style, false) + style.em * 0.4;
    };
    b.paint = [=](Canvas& c, const Rect& r) {
        detail::paint_legend(c, r.x, r.y, r.w, *courses, style);
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

void comparison_page(std::vector<Block>& blocks,
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
    const Style style{Theme::light, kFigureEm};
    blocks.push_back(legend(&courses, style));
    // The timeline takes the rest of the page.
    blocks.push_back(figure(
        kFigureEm * (2.2 + 4.2 * lanes),
        [&courses, style](Canvas& c, const Rect& r) {
            detail::paint_timeline(c, r, courses, style);
        },
        true));
}

// [SECTION] Course pages

// " [1, 3]": the numbers of the cited sources, as every output numbers them (by kind). Kept
// for lists that cite beside their text (the engine's differences) once the handout has them.
[[nodiscard, maybe_unused]] std::string cite(const planner::Protocol& p,
                                             const std::vector<std::string>& ids) {
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
    const std::vector<double> cols{0.27, 0.2, 0.28, 0.25};
    blocks.push_back(heading("The visits", kHeading));
    store.headers.push_back(std::make_unique<Block>(
        table_row(Row{{"Date", "Time", "Visit", "Notes"}, false, true}, cols)));
    const Block* header = store.headers.back().get();
    blocks.push_back(*header);
    for (const planner::Visit& v : pc.expansion.visits) {
        Row r;
        std::string notes;
        if (v.is_window()) {
            r.cells.push_back(text::long_date_range(v.earliest, v.latest));
            r.cells.push_back("any day in the window");
        } else {
            r.cells.push_back(text::long_date(v.earliest));
            r.cells.push_back(text::time_range(v.treatment_start, v.observation_end));
            if (pc.protocol.visit.ride_home.value) notes = "ride home";
        }
        r.cells.push_back(text::visit_label(pc.protocol, v));
        if (v.moved_from)
            notes += (notes.empty() ? "" : "; ") + std::string{"moved from "} +
                     text::weekday_date(*v.moved_from) + " (closed)";
        r.cells.push_back(notes);
        Block b = table_row(r, cols);
        b.header = header;
        blocks.push_back(b);
    }
    if (pc.expansion.visits.empty()) blocks.push_back(paragraph("No visits.", kBody, true));
}

void course_pages(std::vector<Block>& blocks, Store& store,
                  const std::vector<planner::PlannedCourse>& courses, std::size_t index,
                  const layout::CalendarOptions& options) {
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
    const Style style{Theme::light, kFigureEm};
    // The single course, as layout sees it, keeps its letter: pass every course with the
    // others hidden.
    store.plans.push_back(std::make_unique<std::vector<planner::PlannedCourse>>(courses));
    const std::vector<planner::PlannedCourse>* only = store.plans.back().get();
    for (std::size_t i = 0; i < only->size(); ++i)
        store.plans.back()->at(i).course.hidden = i != index;
    const std::vector<chr::year_month> months = layout::months_spanned(*only);
    for (std::size_t m = 0; m < months.size(); m += 2) {
        std::vector<chr::year_month> pair{months[m]};
        if (m + 1 < months.size()) pair.push_back(months[m + 1]);
        const double h = kFigureEm * 18.0;
        blocks.push_back(figure(h, [only, pair, options, style](Canvas& c, const Rect& r) {
            std::vector<chr::year_month> both = pair;
            if (both.size() == 1) {  // half the width, so every month has the same cells
                detail::paint_months(c, Rect{r.x, r.y, (r.w - kFigureEm) / 2.0, r.h}, *only, both,
                                     options, style);
            } else {
                detail::paint_months(c, r, *only, both, options, style);
            }
        }));
        blocks.push_back(spacer(8.0));
    }
    blocks.push_back(legend(only, style));

    visit_facts(blocks, pc);
    blocks.push_back(spacer(6.0));
    visit_list(blocks, store, pc);

    // TODO(engine): the Difference list replaces the notices here once it is on main.
    blocks.push_back(spacer(6.0));
    blocks.push_back(heading("Differences from the published schedule", kHeading));
    if (pc.expansion.notices.empty()) {
        blocks.push_back(paragraph("None: the visits follow the published schedule.", kBody));
    } else {
        for (const auto& n : pc.expansion.notices)
            blocks.push_back(paragraph("\u2022 " + n.text, kBody, false, 4.0));
    }
    std::vector<std::string> notes;
    for (const auto& ph : p.phases)
        if (!ph.note.empty()) notes.push_back(ph.name + ": " + ph.note);
    if (!notes.empty()) {
        blocks.push_back(spacer(6.0));
        blocks.push_back(heading("Notes from the sources", kHeading));
        for (const auto& n : notes) blocks.push_back(paragraph(n));
    }

    blocks.push_back(spacer(6.0));
    blocks.push_back(heading("Sources", kHeading));
    for (const planner::Source* s : planner::sources_by_kind(p))
        blocks.push_back(source_line(planner::source_number(p, s->id), *s));
}

}  // namespace

PaperSize paper_size(Paper paper) {
    return paper == Paper::letter ? PaperSize{612.0, 792.0} : PaperSize{595.0, 842.0};
}

// [SECTION] handout()

planner::Result<std::string> handout(const std::vector<planner::PlannedCourse>& courses,
                                     const HandoutOptions& options, HandoutReport* report) {
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

    std::vector<Block> blocks;
    Store store;
    if (shown > 1) comparison_page(blocks, courses);
    for (std::size_t i = 0; i < courses.size(); ++i)
        if (!courses[i].course.hidden) course_pages(blocks, store, courses, i, options.calendar);

    Flow flow(c, paper.width, paper.height);
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
