// Fonts: the cached atlas equals ImGui's own build field by field, a damaged or stale cache
// is ignored and rewritten, the key follows every input, the large size is built on demand,
// and the symbol list covers every symbol the window's sources use.
#include "ui/fonts.hpp"

#include <doctest/doctest.h>
#include <imgui.h>
#include <stdlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "ui/theme.hpp"

namespace fs = std::filesystem;
using namespace ui;

namespace {

struct TempDir {
    fs::path path;
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cp-fonts-XXXXXX").string();
        path = mkdtemp(pattern.data());
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void spill(const fs::path& p, const std::string& bytes) {
    std::ofstream(p, std::ios::binary | std::ios::trunc) << bytes;
}

// Every output a frame reads from the atlas and its fonts.
void check_same(const ImFontAtlas& a, const ImFontAtlas& b) {
    REQUIRE(a.TexWidth == b.TexWidth);
    REQUIRE(a.TexHeight == b.TexHeight);
    REQUIRE(a.TexPixelsAlpha8 != nullptr);
    REQUIRE(b.TexPixelsAlpha8 != nullptr);
    CHECK(std::memcmp(a.TexPixelsAlpha8, b.TexPixelsAlpha8,
                      static_cast<std::size_t>(a.TexWidth) * a.TexHeight) == 0);
    CHECK(a.TexUvScale.x == b.TexUvScale.x);
    CHECK(a.TexUvScale.y == b.TexUvScale.y);
    CHECK(a.TexUvWhitePixel.x == b.TexUvWhitePixel.x);
    CHECK(a.TexUvWhitePixel.y == b.TexUvWhitePixel.y);
    CHECK(std::memcmp(a.TexUvLines, b.TexUvLines, sizeof a.TexUvLines) == 0);
    CHECK(a.IsBuilt() == b.IsBuilt());
    CHECK(a.PackIdMouseCursors == b.PackIdMouseCursors);
    CHECK(a.PackIdLines == b.PackIdLines);
    REQUIRE(a.CustomRects.Size == b.CustomRects.Size);
    for (int i = 0; i < a.CustomRects.Size; ++i) {
        CHECK(a.CustomRects[i].X == b.CustomRects[i].X);
        CHECK(a.CustomRects[i].Y == b.CustomRects[i].Y);
        CHECK(a.CustomRects[i].Width == b.CustomRects[i].Width);
        CHECK(a.CustomRects[i].Height == b.CustomRects[i].Height);
    }
    REQUIRE(a.Fonts.Size == b.Fonts.Size);
    for (int i = 0; i < a.Fonts.Size; ++i) {
        const ImFont& f = *a.Fonts[i];
        const ImFont& g = *b.Fonts[i];
        CAPTURE(i);
        CHECK(f.FontSize == g.FontSize);
        CHECK(f.Ascent == g.Ascent);
        CHECK(f.Descent == g.Descent);
        CHECK(f.FallbackChar == g.FallbackChar);
        CHECK(f.EllipsisChar == g.EllipsisChar);
        CHECK(f.DotChar == g.DotChar);
        CHECK(f.FallbackAdvanceX == g.FallbackAdvanceX);
        REQUIRE(f.FallbackGlyph != nullptr);
        REQUIRE(g.FallbackGlyph != nullptr);
        CHECK(f.FallbackGlyph->Codepoint == g.FallbackGlyph->Codepoint);
        CHECK(f.MetricsTotalSurface == g.MetricsTotalSurface);
        CHECK(f.Scale == g.Scale);
        CHECK(std::memcmp(f.Used4kPagesMap, g.Used4kPagesMap, sizeof f.Used4kPagesMap) == 0);
        REQUIRE(f.Glyphs.Size == g.Glyphs.Size);
        CHECK(std::memcmp(f.Glyphs.Data, g.Glyphs.Data, sizeof(ImFontGlyph) * f.Glyphs.Size) == 0);
        REQUIRE(f.IndexAdvanceX.Size == g.IndexAdvanceX.Size);
        CHECK(std::memcmp(f.IndexAdvanceX.Data, g.IndexAdvanceX.Data,
                          sizeof(float) * f.IndexAdvanceX.Size) == 0);
        REQUIRE(f.IndexLookup.Size == g.IndexLookup.Size);
        CHECK(std::memcmp(f.IndexLookup.Data, g.IndexLookup.Data,
                          sizeof(ImWchar) * f.IndexLookup.Size) == 0);
        const char* sample =
            "Mon 7 Dec \xE2\x80\x93 Fri 18 Dec 2026 \xE2\x96\xB6 \xE2\x9A\xA0 \xC3\xA9\t?";
        const ImVec2 sa = f.CalcTextSizeA(f.FontSize, 1e9f, 0.0f, sample);
        const ImVec2 sb = g.CalcTextSizeA(g.FontSize, 1e9f, 0.0f, sample);
        CHECK(sa.x == sb.x);
        CHECK(sa.y == sb.y);
    }
}

// "\xE2\x96\xB6" or "\u25B6" as the bytes the compiler makes of it.
std::string decode_escapes(const std::string& m) {
    std::string out;
    if (m[1] == 'u') {
        const unsigned cp = static_cast<unsigned>(std::stoul(m.substr(2), nullptr, 16));
        if (cp < 0x80) return std::string(1, static_cast<char>(cp));
        if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
        } else {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        }
        out += static_cast<char>(0x80 | (cp & 0x3F));
        return out;
    }
    for (std::size_t i = 0; i + 4 <= m.size(); i += 4)
        out += static_cast<char>(std::stoi(m.substr(i + 2, 2), nullptr, 16));
    return out;
}

}  // namespace

TEST_CASE("fonts: a cached atlas is ImGui's own build, glyph for glyph") {
    TempDir dir;
    for (const bool large : {false, true}) {
        for (const float scale : {1.0f, 1.5f}) {
            CAPTURE(large);
            CAPTURE(scale);
            FontOptions options;
            options.scale = scale;
            options.large = large;
            options.symbols = {0x2192};  // an arrow a preset might use
            options.cache_dir = dir.path;
            ImFontAtlas reference;
            build_fonts_uncached(reference, options);

            ImFontAtlas cold;
            const FontLoad first = load_fonts(cold, options);
            CHECK_FALSE(first.from_cache);
            REQUIRE_FALSE(first.pending.empty());
            check_same(cold, reference);
            REQUIRE(save_font_cache(first));
            CHECK(fs::exists(first.cache_file));
            CHECK((fs::status(first.cache_file).permissions() & fs::perms::others_read) ==
                  fs::perms::none);

            ImFontAtlas warm;
            const FontLoad second = load_fonts(warm, options);
            CHECK(second.from_cache);
            CHECK(second.pending.empty());
            check_same(warm, reference);
            CHECK(warm.Fonts.Size == (large ? 3 : 2));
        }
    }
}

TEST_CASE("fonts: a damaged, truncated or foreign cache is ignored and rewritten") {
    TempDir dir;
    FontOptions options;
    options.cache_dir = dir.path;
    ImFontAtlas reference;
    build_fonts_uncached(reference, options);
    ImFontAtlas atlas;
    const FontLoad first = load_fonts(atlas, options);
    REQUIRE(save_font_cache(first));
    const std::string good = slurp(first.cache_file);
    REQUIRE(good.size() > 1000);

    std::string flipped = good;
    flipped[good.size() / 2] = static_cast<char>(flipped[good.size() / 2] ^ 0x40);
    std::string wrong_key = good;
    wrong_key[20] = static_cast<char>(wrong_key[20] ^ 0x01);
    for (const std::string& bad :
         {flipped, good.substr(0, good.size() - 7), good.substr(0, 9), std::string(),
          std::string("not an atlas"), wrong_key, good + "trailing"}) {
        spill(first.cache_file, bad);
        ImFontAtlas again;
        const FontLoad load = load_fonts(again, options);
        CHECK_FALSE(load.from_cache);
        REQUIRE_FALSE(load.pending.empty());
        check_same(again, reference);
        REQUIRE(save_font_cache(load));
        CHECK(slurp(first.cache_file) == good);  // rewritten whole
    }
    // No cache folder: built every time, nothing pending.
    FontOptions uncached;
    ImFontAtlas plain;
    const FontLoad none = load_fonts(plain, uncached);
    CHECK_FALSE(none.from_cache);
    CHECK(none.pending.empty());
    CHECK_FALSE(save_font_cache(none).value());
}

TEST_CASE("fonts: the key follows scale, presentation size, symbols, font files and ImGui") {
    FontOptions base;
    const std::string key = font_cache_key(base);
    FontOptions zoomed = base;
    zoomed.scale = 1.25f;
    FontOptions large = base;
    large.large = true;
    FontOptions symbols = base;
    symbols.symbols = {0x2192};
    CHECK(font_cache_key(zoomed) != key);
    CHECK(font_cache_key(large) != key);
    CHECK(font_cache_key(symbols) != key);
    CHECK(font_cache_key(base) == key);
    CHECK(key.find(IMGUI_VERSION) != std::string::npos);
    CHECK(key.find(std::to_string(IMGUI_VERSION_NUM)) != std::string::npos);
    const fs::path regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    if (fs::exists(regular)) {  // size and mtime of each font file
        const std::string identity =
            std::to_string(fs::file_size(regular)) + " " +
            std::to_string(fs::last_write_time(regular).time_since_epoch().count());
        CHECK(key.find(regular.string() + " " + identity) != std::string::npos);
    }
}

TEST_CASE("fonts: a few cache files at most, the newest survive") {
    TempDir dir;
    std::vector<fs::path> files;
    for (int i = 0; i < 10; ++i) {
        FontOptions options;
        options.scale = 1.0f + 0.1f * static_cast<float>(i);
        options.cache_dir = dir.path;
        ImFontAtlas atlas;
        const FontLoad load = load_fonts(atlas, options);
        REQUIRE(save_font_cache(load));
        files.push_back(load.cache_file);
        fs::last_write_time(load.cache_file,
                            fs::file_time_type::clock::now() - std::chrono::seconds(20 - i));
    }
    int kept = 0;
    for (const auto& entry : fs::directory_iterator(dir.path)) {
        (void)entry;
        ++kept;
    }
    CHECK(kept == 8);
    CHECK(fs::exists(files.back()));
    CHECK_FALSE(fs::exists(files.front()));
}

TEST_CASE("fonts: frames draw from a cached atlas whose CPU pixels were freed") {
    TempDir dir;
    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(800, 600);
    io.DeltaTime = 1.0f / 60.0f;
    FontOptions options;
    options.cache_dir = dir.path;
    REQUIRE(save_font_cache(load_fonts(*io.Fonts, options)));
    const FontLoad load = load_fonts(*io.Fonts, options);
    REQUIRE(load.from_cache);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    io.Fonts->ClearTexData();  // what the platform does once the texture is uploaded
    CHECK(io.Fonts->IsBuilt());
    for (int i = 0; i < 2; ++i) {
        ImGui::NewFrame();
        ImGui::PushFont(font(FontRole::heading));
        ImGui::TextUnformatted("Course Planner \xE2\x96\xB6");
        ImGui::PopFont();
        ImGui::Render();
    }
    CHECK(ImGui::GetDrawData()->TotalVtxCount > 0);
    CHECK(font(FontRole::large) == io.Fonts->Fonts[0]);  // not built until presentation
    ImGui::DestroyContext(context);
}

TEST_CASE("fonts: symbols of the presets' text are added, others are not") {
    planner::io::Library library;
    planner::Protocol p;
    p.title = "Week 1 \xE2\x86\x92 week 2";            // U+2192, an arrow
    p.description = "at least \xE2\x89\xA5 2 hours";   // U+2265
    p.illustrative_note = "caf\xC3\xA9 \xE4\xB8\xAD";  // Latin-1 and CJK: not symbols
    planner::Phase phase;
    phase.note = "broken \xE2\x86 byte";  // a cut sequence is skipped
    p.phases.push_back(phase);
    library.protocols.push_back(p);
    CHECK(symbols_in(library) == std::vector<ImWchar>{0x2192, 0x2265});
}

TEST_CASE("fonts: every symbol in the window's sources is in the atlas") {
    // Raw UTF-8 and \x / \u escapes in ui/ and planner/ sources: each codepoint of the symbol
    // blocks must be in ui_symbols(), or it would render as '?'.
    std::set<unsigned> missing;
    const std::regex escapes(R"((\\x[0-9A-Fa-f]{2})+|\\u[0-9A-Fa-f]{4})");
    const auto& known = ui_symbols();
    for (const char* sub : {"ui", "planner"}) {
        for (const auto& entry : fs::recursive_directory_iterator(fs::path(SOURCE_DIR) / sub)) {
            const std::string ext = entry.path().extension().string();
            if (ext != ".cpp" && ext != ".hpp") continue;
            const std::string text = slurp(entry.path());
            std::string decoded;
            std::size_t last = 0;
            for (std::sregex_iterator it(text.begin(), text.end(), escapes), end; it != end; ++it) {
                decoded += text.substr(last, static_cast<std::size_t>(it->position()) - last);
                decoded += decode_escapes(it->str());
                last = static_cast<std::size_t>(it->position() + it->length());
            }
            decoded += text.substr(last);
            planner::io::Library one;
            planner::Protocol p;
            p.title = decoded;
            one.protocols.push_back(p);
            for (const ImWchar cp : symbols_in(one))
                if (std::find(known.begin(), known.end(), cp) == known.end()) missing.insert(cp);
        }
    }
    std::string list;
    char buf[16];
    for (const unsigned cp : missing) {
        std::snprintf(buf, sizeof buf, " U+%04X", cp);
        list += buf;
    }
    INFO("add these to ui_symbols() in ui/fonts.cpp:", list);
    CHECK(missing.empty());
}
