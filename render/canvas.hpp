// The drawing surface of every picture: a cairo surface that writes PNG, SVG or PDF
// into memory (files are written by planner/io only), and pango text on it. User and
// preset text is always set with pango_layout_set_text, never as markup.
#pragma once

#include <cairo.h>
#include <pango/pangocairo.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "planner/result.hpp"
#include "render/palette.hpp"

namespace render {

enum class Format { png, svg, pdf };

struct Size {
    double w = 0.0;
    double h = 0.0;
};

struct Font {
    double size = 12.0;  // in user units: pixels for PNG/SVG slides, points for PDF
    bool bold = false;
};

enum class Align { left, center, right };

// How a block of text is laid out: width <= 0 means one unwrapped line.
struct TextBox {
    double width = 0.0;
    Align align = Align::left;
    int max_lines = 0;       // 0: as many as the text needs; else the last one ends in "..."
    bool ellipsize = false;  // one line cut with "..." at width
};

// What a PDF carries besides its pages.
struct DocumentInfo {
    std::string title;
    std::int64_t timestamp = 0;  // creation date (SOURCE_DATE_EPOCH makes it reproducible)
};

class Canvas {
public:
    // width x height in user units; for PNG these are pixels.
    [[nodiscard]] static planner::Result<std::unique_ptr<Canvas>> create(Format format,
                                                                         double width,
                                                                         double height,
                                                                         const DocumentInfo& info);
    ~Canvas();
    Canvas(const Canvas&) = delete;
    Canvas& operator=(const Canvas&) = delete;

    [[nodiscard]] cairo_t* cr() const { return cr_; }
    [[nodiscard]] Format format() const { return format_; }
    [[nodiscard]] Size size() const { return size_; }

    // Text smaller than this is raised to it (the handout's 9 pt floor); counted for tests.
    void set_min_font_size(double size) { min_font_ = size; }
    [[nodiscard]] double min_font_size() const { return min_font_; }
    [[nodiscard]] int raised_fonts() const { return raised_; }
    [[nodiscard]] double smallest_font() const { return smallest_; }

    // [SECTION] Colour and shapes
    void color(Rgb c, double alpha = 1.0);
    void fill_rect(double x, double y, double w, double h);
    void stroke_rect(double x, double y, double w, double h, double line);
    void rounded_rect_path(double x, double y, double w, double h, double radius);
    void line(double x0, double y0, double x1, double y1, double width, double dash = 0.0);

    // [SECTION] Text
    [[nodiscard]] Size measure(std::string_view text, const Font& font,
                               const TextBox& box = {}) const;
    // Draws with the top-left of the box at (x, y); returns the size drawn.
    Size text(double x, double y, std::string_view text, const Font& font, Rgb color,
              const TextBox& box = {});
    // Height of one line of text in `font`.
    [[nodiscard]] double line_height(const Font& font) const;

    // [SECTION] PDF only (no-ops elsewhere)
    // Drawing between begin and end becomes a clickable link to `uri`.
    void link_begin(std::string_view uri);
    void link_end();
    // A bookmark to the current page; returns its id for children (0 = top level).
    int outline(std::string_view title, int parent = 0);
    void new_page();
    [[nodiscard]] int page() const { return page_; }

    // Ends the document and returns its bytes (SVG with a title and description).
    [[nodiscard]] planner::Result<std::string> finish(std::string_view svg_title = {},
                                                      std::string_view svg_desc = {});

private:
    Canvas() = default;
    [[nodiscard]] PangoLayout* layout(std::string_view text, const Font& font,
                                      const TextBox& box) const;
    [[nodiscard]] Font effective(const Font& font) const;

    Format format_ = Format::png;
    Size size_;
    cairo_surface_t* surface_ = nullptr;
    cairo_t* cr_ = nullptr;
    PangoFontMap* fonts_ = nullptr;
    PangoContext* pango_ = nullptr;
    std::string bytes_;
    double min_font_ = 0.0;
    mutable int raised_ = 0;
    mutable double smallest_ = 1e9;
    int page_ = 1;
};

// XML text and attribute escaping for what this library writes into SVG itself.
[[nodiscard]] std::string xml_escape(std::string_view text);
// A cairo tag attribute string value: quotes and backslashes escaped.
[[nodiscard]] std::string cairo_attr_string(std::string_view text);
// Valid UTF-8 (bad bytes become U+FFFD), so pango never sees broken text.
[[nodiscard]] std::string valid_utf8(std::string_view text);

}  // namespace render
