// render/: slides and the handout from real presets, checked in process (the script test
// render_test.sh checks the same files with poppler, librsvg and imagemagick).
#include "render/render.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "planner/disclaimer.hpp"
#include "planner/io.hpp"
#include "planner/plan.hpp"
#include "render/canvas.hpp"

namespace {

namespace chr = std::chrono;

std::vector<planner::PlannedCourse> plan(const std::vector<std::string>& ids, int months = 3) {
    const auto library = planner::io::load_library({PRESETS_DIR});
    std::vector<std::pair<planner::Protocol, planner::Course>> courses;
    for (const auto& id : ids) {
        auto protocol = planner::io::resolve_preset(library, id);
        REQUIRE_MESSAGE(protocol.ok(), id);
        planner::Course course;
        course.protocol_id = protocol->id;
        course.start = chr::year{2026} / chr::December / chr::day{7};
        course.booster_months = months;
        courses.emplace_back(std::move(*protocol), std::move(course));
    }
    auto planned = planner::plan_courses(courses);
    REQUIRE(planned.ok());
    return std::move(*planned);
}

// Width and height from a PNG's IHDR chunk (big-endian at bytes 16 and 20).
std::pair<std::uint32_t, std::uint32_t> png_size(const std::string& png) {
    REQUIRE(png.size() > 24);
    REQUIRE(png.compare(1, 3, "PNG") == 0);
    const auto be = [&](std::size_t at) {
        std::uint32_t v = 0;
        for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(png[at + i]);
        return v;
    };
    return {be(16), be(20)};
}

std::size_t count(const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
}

const std::vector<std::string> kFour{"iv-six-two-weeks", "spravato-label", "im-illustrative",
                                     "subcutaneous-kads"};

}  // namespace

TEST_CASE("render: escaping helpers") {
    CHECK(render::xml_escape("<script>&\"'") == "&lt;script&gt;&amp;&quot;&apos;");
    CHECK(render::xml_escape(std::string("a\x01z")) == "a z");
    CHECK(render::cairo_attr_string("it's a \\ path") == "it\\'s a \\\\ path");
    CHECK(render::valid_utf8("ok \xff") == "ok \xef\xbf\xbd");
}

TEST_CASE("render: the canvas raises text below its floor and counts it") {
    auto canvas = render::Canvas::create(render::Format::pdf, 200, 200, {});
    REQUIRE(canvas.ok());
    render::Canvas& c = **canvas;
    c.set_min_font_size(9.0);
    const auto at9 = c.measure("Some text", render::Font{9.0});
    CHECK(c.raised_fonts() == 0);
    const auto at6 = c.measure("Some text", render::Font{6.0});
    CHECK(c.raised_fonts() == 1);
    CHECK(at6.w == doctest::Approx(at9.w));
    CHECK(c.smallest_font() == doctest::Approx(9.0));
}

TEST_CASE("render: a PNG slide of every view is the requested size in both themes") {
    const auto courses = plan({"iv-six-two-weeks", "spravato-label"});
    for (const auto view : {render::View::calendar, render::View::timeline, render::View::week})
        for (const auto theme : {render::Theme::light, render::Theme::dark})
            for (const auto& [w, h] : {std::pair{1024, 640}, {1280, 800}, {1920, 1080}}) {
                render::SlideOptions o;
                o.view = view;
                o.theme = theme;
                o.width = w;
                o.height = h;
                const auto png = render::slide(render::Format::png, courses, o);
                REQUIRE(png.ok());
                CHECK(png_size(*png) ==
                      std::pair{static_cast<std::uint32_t>(w), static_cast<std::uint32_t>(h)});
            }
}

TEST_CASE("render: SVG and PDF slides are sized in px and points") {
    const auto courses = plan({"iv-six-two-weeks"});
    render::SlideOptions o;
    o.width = 1000;
    o.height = 600;
    const auto svg = render::slide(render::Format::svg, courses, o);
    REQUIRE(svg.ok());
    CHECK(svg->find("width=\"1000px\"") != std::string::npos);
    CHECK(svg->find("height=\"600px\"") != std::string::npos);
    CHECK(svg->find(std::string{planner::kDisclaimer}) != std::string::npos);  // in <desc>
    const auto pdf = render::slide(render::Format::pdf, courses, o);
    REQUIRE(pdf.ok());
    CHECK(pdf->rfind("%PDF-", 0) == 0);
    CHECK(count(*pdf, "/MediaBox [ 0 0 1000 600 ]") == 1);
}

TEST_CASE("render: hostile course names stay text in the SVG") {
    auto courses = plan({"iv-six-two-weeks"});
    courses[0].protocol.title = "<script>alert(1)</script> =HYPERLINK(\"http://x\") & co";
    const auto svg = render::slide(render::Format::svg, courses, {});
    REQUIRE(svg.ok());
    CHECK(svg->find("<script") == std::string::npos);
    CHECK(svg->find("&lt;script&gt;alert(1)&lt;/script&gt; =HYPERLINK(&quot;http://x&quot;) "
                    "&amp; co") != std::string::npos);
}

TEST_CASE("render: slide sizes and weeks out of range are errors naming the flag") {
    const auto courses = plan({"iv-six-two-weeks"});
    render::SlideOptions o;
    o.width = 100;
    auto small = render::slide(render::Format::png, courses, o);
    REQUIRE_FALSE(small.ok());
    CHECK(small.error().where == "--size");
    o = {};
    o.view = render::View::week;
    o.week = 400;
    auto late = render::slide(render::Format::png, courses, o);
    REQUIRE_FALSE(late.ok());
    CHECK(late.error().where == "--week");
    o.week = 0;
    CHECK(render::slide(render::Format::png, courses, o).ok());
}

TEST_CASE("render: handouts keep text at 9 pt or more and inside the page") {
    for (const auto& ids : std::vector<std::vector<std::string>>{
             {"iv-six-two-weeks"}, {"iv-six-two-weeks", "spravato-label"}, kFour}) {
        for (const auto paper : {render::Paper::a4, render::Paper::letter}) {
            CAPTURE(ids.size());
            render::HandoutOptions o;
            o.paper = paper;
            render::HandoutReport report;
            const auto pdf = render::handout(plan(ids), o, &report);
            REQUIRE(pdf.ok());
            CHECK(report.pages >= static_cast<int>(ids.size()) + (ids.size() > 1 ? 1 : 0));
            CHECK(report.smallest_font >= render::kMinHandoutFont);
            CHECK(report.raised_fonts == 0);
            CHECK(report.overflows == 0);
            const std::string box = paper == render::Paper::a4 ? "/MediaBox [ 0 0 595 842 ]"
                                                               : "/MediaBox [ 0 0 612 792 ]";
            CHECK(count(*pdf, box) == static_cast<std::size_t>(report.pages));
        }
    }
}

TEST_CASE("render: a long plan flows onto more pages") {
    render::HandoutReport shortr;
    render::HandoutReport longr;
    REQUIRE(render::handout(plan({"iv-six-two-weeks"}, 1), {}, &shortr).ok());
    REQUIRE(render::handout(plan({"iv-six-two-weeks"}, 60), {}, &longr).ok());
    CHECK(longr.pages > shortr.pages + 3);
    CHECK(longr.overflows == 0);
    CHECK(longr.raised_fonts == 0);
}

TEST_CASE("render: a handout links every source that has a URL") {
    const auto courses = plan({"iv-six-two-weeks"});
    const auto pdf = render::handout(courses, {});
    REQUIRE(pdf.ok());
    for (const auto& s : courses[0].protocol.sources) {
        if (s.url.empty()) continue;
        CAPTURE(s.url);
        CHECK(count(*pdf, "/URI (" + s.url + ")") >= 1);
    }
}

// (Not SVG: cairo numbers its SVG ids with counters that run on through the process.)
TEST_CASE("render: the same slide twice gives the same bytes") {
    const auto courses = plan({"iv-six-two-weeks", "spravato-label"});
    for (const auto format : {render::Format::png, render::Format::pdf}) {
        const auto first = render::slide(format, courses, {});
        const auto second = render::slide(format, courses, {});
        REQUIRE(first.ok());
        REQUIRE(second.ok());
        CHECK(*first == *second);
    }
}
