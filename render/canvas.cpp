#include "render/canvas.hpp"

#include <cairo-pdf.h>
#include <cairo-svg.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>

namespace render {

namespace {

// One family list for every picture: the window's Noto Sans, DejaVu Sans for arrows and signs.
constexpr const char* kFamilies = "Noto Sans, DejaVu Sans, sans-serif";

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
    static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
    return CAIRO_STATUS_SUCCESS;
}

// "2026-01-01T00:00:00Z" for the PDF creation date.
std::string iso_utc(std::int64_t t) {
    const std::time_t tt = static_cast<std::time_t>(t);
    std::tm tm{};
    gmtime_r(&tt, &tm);
    std::array<char, 32> buf{};
    std::strftime(buf.data(), buf.size(), "%Y-%m-%dT%H:%M:%SZ", &tm);
    return buf.data();
}

planner::Error cairo_error(std::string_view what, cairo_status_t status) {
    return planner::Error{"render", std::string(what) + ": " + cairo_status_to_string(status)};
}

}  // namespace

std::string xml_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (const char c : text) {
        switch (c) {
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&apos;"; break;
            default:
                // XML 1.0 has no control characters apart from tab and line breaks.
                if (static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r')
                    out += ' ';
                else
                    out += c;
        }
    }
    return out;
}

std::string cairo_attr_string(std::string_view text) {
    std::string out;
    for (const char c : text) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out;
}

std::string valid_utf8(std::string_view text) {
    gchar* valid = g_utf8_make_valid(text.data(), static_cast<gssize>(text.size()));
    std::string out = valid;
    g_free(valid);
    return out;
}

planner::Result<std::unique_ptr<Canvas>> Canvas::create(Format format, double width, double height,
                                                        const DocumentInfo& info) {
    if (!(width >= 1.0 && height >= 1.0))
        return planner::Error{"render", "a picture at least 1 by 1 unit"};
    std::unique_ptr<Canvas> c(new Canvas);
    c->format_ = format;
    c->size_ = Size{width, height};
    switch (format) {
        case Format::png:
            c->surface_ = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, static_cast<int>(width),
                                                     static_cast<int>(height));
            break;
        case Format::svg:
            c->surface_ = cairo_svg_surface_create_for_stream(append, &c->bytes_, width, height);
            cairo_svg_surface_set_document_unit(c->surface_, CAIRO_SVG_UNIT_PX);
            break;
        case Format::pdf: {
            c->surface_ = cairo_pdf_surface_create_for_stream(append, &c->bytes_, width, height);
            const std::string title = valid_utf8(info.title);
            cairo_pdf_surface_set_metadata(c->surface_, CAIRO_PDF_METADATA_TITLE, title.c_str());
            cairo_pdf_surface_set_metadata(c->surface_, CAIRO_PDF_METADATA_CREATOR,
                                           "course-planner");
            const std::string date = iso_utc(info.timestamp);
            cairo_pdf_surface_set_metadata(c->surface_, CAIRO_PDF_METADATA_CREATE_DATE,
                                           date.c_str());
            cairo_pdf_surface_set_metadata(c->surface_, CAIRO_PDF_METADATA_MOD_DATE, date.c_str());
            break;
        }
    }
    if (const auto status = cairo_surface_status(c->surface_); status != CAIRO_STATUS_SUCCESS)
        return cairo_error("cannot create the surface", status);
    c->cr_ = cairo_create(c->surface_);
    if (const auto status = cairo_status(c->cr_); status != CAIRO_STATUS_SUCCESS)
        return cairo_error("cannot draw", status);

    // Unhinted metrics: text measures the same on PNG, SVG and PDF, so every format of a
    // slide breaks its lines in the same places.
    // A font map of its own, released with the canvas: no font state outlives a picture.
    c->fonts_ = pango_cairo_font_map_new();
    c->pango_ = pango_font_map_create_context(c->fonts_);
    pango_cairo_update_context(c->cr_, c->pango_);
    cairo_font_options_t* options = cairo_font_options_create();
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
    cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
    pango_cairo_context_set_font_options(c->pango_, options);
    cairo_font_options_destroy(options);
    return c;
}

Canvas::~Canvas() {
    if (pango_) g_object_unref(pango_);
    if (fonts_) g_object_unref(fonts_);
    if (cr_) cairo_destroy(cr_);
    if (surface_) cairo_surface_destroy(surface_);
}

void Canvas::color(Rgb c, double alpha) {
    cairo_set_source_rgba(cr_, c.r / 255.0, c.g / 255.0, c.b / 255.0, alpha);
}

void Canvas::fill_rect(double x, double y, double w, double h) {
    cairo_rectangle(cr_, x, y, w, h);
    cairo_fill(cr_);
}

void Canvas::stroke_rect(double x, double y, double w, double h, double width) {
    cairo_set_line_width(cr_, width);
    cairo_rectangle(cr_, x, y, w, h);
    cairo_stroke(cr_);
}

void Canvas::rounded_rect_path(double x, double y, double w, double h, double radius) {
    const double r = std::max(0.0, std::min({radius, w / 2.0, h / 2.0}));
    constexpr double kPi = 3.14159265358979323846;
    cairo_new_sub_path(cr_);
    cairo_arc(cr_, x + w - r, y + r, r, -kPi / 2.0, 0.0);
    cairo_arc(cr_, x + w - r, y + h - r, r, 0.0, kPi / 2.0);
    cairo_arc(cr_, x + r, y + h - r, r, kPi / 2.0, kPi);
    cairo_arc(cr_, x + r, y + r, r, kPi, 3.0 * kPi / 2.0);
    cairo_close_path(cr_);
}

void Canvas::line(double x0, double y0, double x1, double y1, double width, double dash) {
    cairo_set_line_width(cr_, width);
    if (dash > 0.0) cairo_set_dash(cr_, &dash, 1, 0.0);
    cairo_move_to(cr_, x0, y0);
    cairo_line_to(cr_, x1, y1);
    cairo_stroke(cr_);
    if (dash > 0.0) cairo_set_dash(cr_, nullptr, 0, 0.0);
}

Font Canvas::effective(const Font& font) const {
    Font f = font;
    if (f.size < min_font_) {
        f.size = min_font_;
        ++raised_;
    }
    smallest_ = std::min(smallest_, f.size);
    return f;
}

PangoLayout* Canvas::layout(std::string_view text, const Font& font, const TextBox& box) const {
    PangoLayout* lay = pango_layout_new(pango_);
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, kFamilies);
    pango_font_description_set_weight(desc, font.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(desc, font.size * PANGO_SCALE);
    pango_layout_set_font_description(lay, desc);
    pango_font_description_free(desc);
    const std::string valid = valid_utf8(text);
    pango_layout_set_text(lay, valid.c_str(), static_cast<int>(valid.size()));
    if (box.width > 0.0) {
        pango_layout_set_width(lay, static_cast<int>(box.width * PANGO_SCALE));
        pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
        if (box.ellipsize) {
            pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
            pango_layout_set_height(lay, -1);
        } else if (box.max_lines > 0) {
            pango_layout_set_ellipsize(lay, PANGO_ELLIPSIZE_END);
            pango_layout_set_height(lay, -box.max_lines);
        }
        pango_layout_set_alignment(lay, box.align == Align::center  ? PANGO_ALIGN_CENTER
                                        : box.align == Align::right ? PANGO_ALIGN_RIGHT
                                                                    : PANGO_ALIGN_LEFT);
    }
    return lay;
}

Size Canvas::measure(std::string_view text, const Font& font, const TextBox& box) const {
    PangoLayout* lay = layout(text, effective(font), box);
    PangoRectangle logical;
    pango_layout_get_extents(lay, nullptr, &logical);
    g_object_unref(lay);
    return Size{static_cast<double>(logical.width) / PANGO_SCALE,
                static_cast<double>(logical.height) / PANGO_SCALE};
}

double Canvas::line_height(const Font& font) const {
    return measure("Ag", font).h;
}

Size Canvas::text(double x, double y, std::string_view text, const Font& font, Rgb c,
                  const TextBox& box) {
    PangoLayout* lay = layout(text, effective(font), box);
    PangoRectangle logical;
    pango_layout_get_extents(lay, nullptr, &logical);
    double dx = 0.0;
    // An unwrapped line aligns itself; a wrapped one is aligned by pango inside its width.
    if (box.width <= 0.0) dx = 0.0;
    color(c);
    cairo_move_to(cr_, x + dx, y);
    pango_cairo_show_layout(cr_, lay);
    g_object_unref(lay);
    return Size{static_cast<double>(logical.width) / PANGO_SCALE,
                static_cast<double>(logical.height) / PANGO_SCALE};
}

void Canvas::link_begin(std::string_view uri) {
    if (format_ != Format::pdf) return;
    const std::string attrs = "uri='" + cairo_attr_string(valid_utf8(uri)) + "'";
    cairo_tag_begin(cr_, CAIRO_TAG_LINK, attrs.c_str());
}

void Canvas::link_end() {
    if (format_ != Format::pdf) return;
    cairo_tag_end(cr_, CAIRO_TAG_LINK);
}

int Canvas::outline(std::string_view title, int parent) {
    if (format_ != Format::pdf) return 0;
    const std::string name = valid_utf8(title);
    const std::string target = "page=" + std::to_string(page_);
    return cairo_pdf_surface_add_outline(surface_, parent, name.c_str(), target.c_str(),
                                         CAIRO_PDF_OUTLINE_FLAG_OPEN);
}

void Canvas::new_page() {
    cairo_show_page(cr_);
    ++page_;
}

planner::Result<std::string> Canvas::finish(std::string_view svg_title, std::string_view svg_desc) {
    if (const auto status = cairo_status(cr_); status != CAIRO_STATUS_SUCCESS)
        return cairo_error("drawing failed", status);
    if (format_ == Format::png) {
        cairo_surface_flush(surface_);
        const auto status = cairo_surface_write_to_png_stream(surface_, append, &bytes_);
        if (status != CAIRO_STATUS_SUCCESS) return cairo_error("cannot encode the PNG", status);
    } else {
        cairo_destroy(cr_);
        cr_ = nullptr;
        cairo_surface_finish(surface_);
        if (const auto status = cairo_surface_status(surface_); status != CAIRO_STATUS_SUCCESS)
            return cairo_error("cannot write the document", status);
    }
    if (format_ == Format::svg) {
        // A title and description for screen readers and for anyone reading the file: cairo
        // draws text as glyph shapes, so this is the only text an SVG carries.
        const auto open = bytes_.find("<svg");
        const auto end = open == std::string::npos ? open : bytes_.find('>', open);
        if (end == std::string::npos)
            return planner::Error{"render", "cairo wrote an SVG without an <svg> element"};
        const std::string meta = "\n<title>" + xml_escape(valid_utf8(svg_title)) +
                                 "</title>\n<desc>" + xml_escape(valid_utf8(svg_desc)) + "</desc>";
        bytes_.insert(end + 1, meta);
    }
    return std::move(bytes_);
}

}  // namespace render
