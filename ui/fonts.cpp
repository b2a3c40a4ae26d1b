// [SECTION] Index: files and sizes, glyphs, cache key, (de)serialise, load, save.
#include "ui/fonts.hpp"

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <system_error>
#include <type_traits>

#include "ui/stamps.hpp"
#include "ui/text_cache.hpp"

namespace ui {

namespace fs = std::filesystem;

namespace {

// [SECTION] Files and sizes
constexpr const char* kRegularFont = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
constexpr const char* kBoldFont = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
constexpr const char* kSymbolFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
constexpr float kBaseSize = 17.0f;     // body text at scale 1, in pixels
constexpr float kHeadingSize = 21.0f;  // panel headings
constexpr float kLargeSize = 34.0f;    // presentation mode, readable from the back of a room
// Two horizontal samples a pixel keep small text crisp at fractional positions; vertical
// oversampling would double the atlas for no visible gain on horizontal text.
constexpr int kOversampleH = 2;
constexpr int kOversampleV = 1;

// Latin, Latin Extended-A, general punctuation (dashes, bullet, ellipsis): what people
// type in names and notes, and what the presets use.
constexpr ImWchar kTextRanges[] = {0x0020, 0x00FF, 0x0100, 0x017F, 0x2000, 0x206F, 0};
// The blocks the symbol font used to be merged for in full (about 1,250 DejaVu glyphs a
// size): arrows, maths (<= >=), geometric shapes, misc symbols, dingbats. Now only the
// codepoints of these blocks that the text uses are rasterised.
constexpr ImWchar kSymbolBlocks[] = {0x2190, 0x21FF, 0x2200, 0x22FF, 0x25A0,
                                     0x25FF, 0x2600, 0x26FF, 0x2700, 0x27BF};

constexpr std::size_t kMaxCacheFiles = 8;  // scales and presentation on/off, per user
constexpr std::size_t kMaxCacheBytes = 64u << 20;
constexpr char kMagic[8] = {'C', 'P', 'F', 'O', 'N', 'T', 'S', '1'};

bool file_exists(const char* path) {
    std::error_code ec;
    return fs::is_regular_file(path, ec);
}

struct Spec {
    std::string file;  // empty: ImGui's built-in font
    float pixels = 0.0f;
    bool merge = false;
    std::vector<ImWchar> ranges;  // pairs, zero-terminated
};

std::vector<ImWchar> symbol_ranges(const FontOptions& options) {
    std::vector<ImWchar> cps = ui_symbols();
    cps.insert(cps.end(), options.symbols.begin(), options.symbols.end());
    std::sort(cps.begin(), cps.end());
    cps.erase(std::unique(cps.begin(), cps.end()), cps.end());
    std::vector<ImWchar> ranges;
    for (const ImWchar c : cps) {
        if (!ranges.empty() && ranges.back() + 1 == c) {
            ranges.back() = c;
        } else {
            ranges.push_back(c);
            ranges.push_back(c);
        }
    }
    if (!ranges.empty()) ranges.push_back(0);
    return ranges;
}

// In FontRole order: regular, heading, large. Each text font gets the symbols merged in.
std::vector<Spec> specs(const FontOptions& options) {
    const std::vector<ImWchar> text(std::begin(kTextRanges), std::end(kTextRanges));
    const std::vector<ImWchar> symbols = symbol_ranges(options);
    const bool have_regular = file_exists(kRegularFont);
    const bool have_symbols = file_exists(kSymbolFont) && !symbols.empty();
    std::vector<Spec> out;
    const auto add = [&](const char* file, float size) {
        const float pixels = size * options.scale;
        if (!have_regular) {  // the built-in font has no symbols to merge with
            out.push_back(Spec{"", pixels, false, {}});
            return;
        }
        out.push_back(Spec{file, pixels, false, text});
        if (have_symbols) out.push_back(Spec{kSymbolFont, pixels, true, symbols});
    };
    add(kRegularFont, kBaseSize);
    add(file_exists(kBoldFont) ? kBoldFont : kRegularFont, kHeadingSize);
    if (options.large) add(kRegularFont, kLargeSize);
    return out;
}

// [SECTION] Cache key
std::string file_identity(const std::string& file) {
    std::error_code ec;
    const auto size = fs::file_size(file, ec);
    if (ec) return "missing";
    const auto mtime = fs::last_write_time(file, ec);
    if (ec) return "missing";
    return std::to_string(size) + " " + std::to_string(mtime.time_since_epoch().count());
}

std::string key_for(const std::vector<Spec>& list, const ImFontAtlas& atlas) {
    std::string key = "course-planner font atlas 1\n";
    key += "imgui " + std::string(IMGUI_VERSION) + " " + std::to_string(IMGUI_VERSION_NUM) +
           " glyph " + std::to_string(sizeof(ImFontGlyph)) + " wchar " +
           std::to_string(sizeof(ImWchar)) + " order " +
           (std::endian::native == std::endian::little ? "le" : "be") + "\n";
    key += "atlas flags " + std::to_string(atlas.Flags) + " width " +
           std::to_string(atlas.TexDesiredWidth) + " padding " +
           std::to_string(atlas.TexGlyphPadding) + "\n";
    for (const Spec& s : list) {
        key += s.merge ? "merge " : "font ";
        key += s.file.empty() ? std::string("(built-in)") : s.file + " " + file_identity(s.file);
        key += " px " + std::to_string(std::bit_cast<std::uint32_t>(s.pixels));
        key += " oversample " + std::to_string(kOversampleH) + "x" + std::to_string(kOversampleV);
        key += " ranges";
        for (const ImWchar r : s.ranges) key += " " + std::to_string(r);
        key += "\n";
    }
    return key;
}

std::uint64_t fnv1a(std::string_view bytes) {
    std::uint64_t h = 14695981039346656037ull;
    for (const char c : bytes) {
        h ^= static_cast<unsigned char>(c);
        h *= 1099511628211ull;
    }
    return h;
}

std::string hex(std::uint64_t v) {
    static constexpr char digits[] = "0123456789abcdef";
    std::string s(16, '0');
    for (int i = 15; i >= 0; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15u];
    return s;
}

// [SECTION] Serialise: the atlas's outputs (pixels, glyphs, metrics), never its inputs
template <class T>
void put(std::string& out, const T& value) {
    static_assert(std::is_trivially_copyable_v<T>);
    out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_bytes(std::string& out, const void* data, std::size_t size) {
    put(out, static_cast<std::uint64_t>(size));
    out.append(static_cast<const char*>(data), size);
}

class Reader {
public:
    explicit Reader(std::string_view bytes) : bytes_(bytes) {}
    template <class T>
    bool get(T& value) {
        static_assert(std::is_trivially_copyable_v<T>);
        if (bytes_.size() - pos_ < sizeof value) return false;
        std::memcpy(&value, bytes_.data() + pos_, sizeof value);
        pos_ += sizeof value;
        return true;
    }
    // A length-prefixed block of exactly `expected` bytes (any length when expected is 0).
    bool get_bytes(std::string_view& out, std::size_t expected = 0) {
        std::uint64_t size = 0;
        if (!get(size) || size > bytes_.size() - pos_) return false;
        if (expected != 0 && size != expected) return false;
        out = bytes_.substr(pos_, static_cast<std::size_t>(size));
        pos_ += static_cast<std::size_t>(size);
        return true;
    }
    [[nodiscard]] bool done() const { return pos_ == bytes_.size(); }

private:
    std::string_view bytes_;
    std::size_t pos_ = 0;
};

std::string serialise(const ImFontAtlas& atlas, const std::string& key) {
    std::string payload;
    put(payload, atlas.TexWidth);
    put(payload, atlas.TexHeight);
    put(payload, atlas.TexUvWhitePixel);
    put(payload, atlas.TexUvLines);
    put(payload, atlas.PackIdMouseCursors);
    put(payload, atlas.PackIdLines);
    put(payload, static_cast<std::uint32_t>(atlas.CustomRects.Size));
    for (const ImFontAtlasCustomRect& r : atlas.CustomRects) {
        put(payload, r.Width);
        put(payload, r.Height);
        put(payload, r.X);
        put(payload, r.Y);
        put(payload, r.GlyphID);
        put(payload, r.GlyphAdvanceX);
        put(payload, r.GlyphOffset);
    }
    put(payload, static_cast<std::uint32_t>(atlas.Fonts.Size));
    for (const ImFont* f : atlas.Fonts) {
        put(payload, f->FontSize);
        put(payload, f->Ascent);
        put(payload, f->Descent);
        put(payload, f->MetricsTotalSurface);
        put(payload, f->FallbackChar);
        put(payload, f->EllipsisChar);
        put(payload, f->DotChar);
        put(payload, f->Used4kPagesMap);
        put_bytes(payload, f->Glyphs.Data,
                  sizeof(ImFontGlyph) * static_cast<std::size_t>(f->Glyphs.Size));
    }
    put_bytes(payload, atlas.TexPixelsAlpha8,
              static_cast<std::size_t>(atlas.TexWidth) * static_cast<std::size_t>(atlas.TexHeight));
    std::string out(kMagic, sizeof kMagic);
    put_bytes(out, key.data(), key.size());
    put(out, fnv1a(payload));
    put_bytes(out, payload.data(), payload.size());
    return out;
}

// Rebuilds the atlas's outputs from the bytes; false (atlas cleared) when they are not a
// complete, undamaged cache for this key.
bool restore(ImFontAtlas& atlas, std::string_view bytes, const std::string& key,
             std::size_t font_count) {
    atlas.Clear();
    if (bytes.size() < sizeof kMagic ||
        bytes.substr(0, sizeof kMagic) != std::string_view(kMagic, sizeof kMagic))
        return false;
    Reader file(bytes.substr(sizeof kMagic));
    std::string_view stored_key, payload;
    std::uint64_t checksum = 0;
    if (!file.get_bytes(stored_key) || stored_key != key || !file.get(checksum) ||
        !file.get_bytes(payload) || !file.done() || fnv1a(payload) != checksum)
        return false;

    Reader in(payload);
    int width = 0, height = 0;
    ImVec2 white;
    ImVec4 lines[IM_ARRAYSIZE(atlas.TexUvLines)];
    int pack_cursors = -1, pack_lines = -1;
    std::uint32_t rects = 0, fonts = 0;
    if (!in.get(width) || !in.get(height) || width <= 0 || height <= 0 || width > 16384 ||
        height > 16384 || !in.get(white) || !in.get(lines) || !in.get(pack_cursors) ||
        !in.get(pack_lines) || !in.get(rects) || rects > 64)
        return false;
    ImVector<ImFontAtlasCustomRect> custom;
    for (std::uint32_t i = 0; i < rects; ++i) {
        ImFontAtlasCustomRect r;
        if (!in.get(r.Width) || !in.get(r.Height) || !in.get(r.X) || !in.get(r.Y) ||
            !in.get(r.GlyphID) || !in.get(r.GlyphAdvanceX) || !in.get(r.GlyphOffset))
            return false;
        custom.push_back(r);
    }
    if (pack_cursors >= static_cast<int>(rects) || pack_lines >= static_cast<int>(rects))
        return false;
    if (!in.get(fonts) || fonts != font_count) return false;
    for (std::uint32_t i = 0; i < fonts; ++i) {
        ImFont* f = IM_NEW(ImFont);
        atlas.Fonts.push_back(f);  // owned by the atlas from here, also on failure
        f->ContainerAtlas = &atlas;
        std::string_view glyphs;
        if (!in.get(f->FontSize) || !in.get(f->Ascent) || !in.get(f->Descent) ||
            !in.get(f->MetricsTotalSurface) || !in.get(f->FallbackChar) ||
            !in.get(f->EllipsisChar) || !in.get(f->DotChar) || !in.get(f->Used4kPagesMap) ||
            !in.get_bytes(glyphs) || glyphs.empty() || glyphs.size() % sizeof(ImFontGlyph) != 0) {
            atlas.Clear();
            return false;
        }
        f->Glyphs.resize(static_cast<int>(glyphs.size() / sizeof(ImFontGlyph)));
        std::memcpy(f->Glyphs.Data, glyphs.data(), glyphs.size());
        f->BuildLookupTable();
    }
    std::string_view pixels;
    const std::size_t area = static_cast<std::size_t>(width) * static_cast<std::size_t>(height);
    if (!in.get_bytes(pixels, area) || !in.done()) {
        atlas.Clear();
        return false;
    }
    atlas.TexPixelsAlpha8 = static_cast<unsigned char*>(IM_ALLOC(area));
    std::memcpy(atlas.TexPixelsAlpha8, pixels.data(), area);
    atlas.TexWidth = width;
    atlas.TexHeight = height;
    atlas.TexUvScale = ImVec2(1.0f / static_cast<float>(width), 1.0f / static_cast<float>(height));
    atlas.TexUvWhitePixel = white;
    std::memcpy(atlas.TexUvLines, lines, sizeof lines);
    atlas.CustomRects.swap(custom);
    atlas.PackIdMouseCursors = pack_cursors;
    atlas.PackIdLines = pack_lines;
    atlas.TexReady = true;
    return true;
}

// Builds with stb_truetype, as ImGui always did.
void build(ImFontAtlas& atlas, const std::vector<Spec>& list) {
    atlas.Clear();
    for (const Spec& s : list) {
        ImFontConfig config;
        config.MergeMode = s.merge;
        config.OversampleH = kOversampleH;
        config.OversampleV = kOversampleV;
        if (s.file.empty()) {
            config.SizePixels = s.pixels;
            atlas.AddFontDefault(&config);
        } else {
            atlas.AddFontFromFileTTF(s.file.c_str(), s.pixels, &config, s.ranges.data());
        }
    }
    atlas.Build();
}

std::size_t font_count(const std::vector<Spec>& list) {
    return static_cast<std::size_t>(
        std::count_if(list.begin(), list.end(), [](const Spec& s) { return !s.merge; }));
}

// Decodes UTF-8 leniently (a bad byte is skipped): only well-formed symbols matter here.
void collect_symbols(std::string_view text, std::vector<ImWchar>& out) {
    for (std::size_t i = 0; i < text.size();) {
        const auto b = static_cast<unsigned char>(text[i]);
        if (b < 0x80) {
            ++i;
            continue;
        }
        const int extra = (b & 0xE0) == 0xC0   ? 1
                          : (b & 0xF0) == 0xE0 ? 2
                          : (b & 0xF8) == 0xF0 ? 3
                                               : -1;
        if (extra < 0 || text.size() - i <= static_cast<std::size_t>(extra)) {
            ++i;
            continue;
        }
        unsigned cp = b & (0x3Fu >> extra);
        bool ok = true;
        for (int k = 1; k <= extra; ++k) {
            const auto c = static_cast<unsigned char>(text[i + static_cast<std::size_t>(k)]);
            if ((c & 0xC0) != 0x80) ok = false;
            cp = (cp << 6) | (c & 0x3Fu);
        }
        i += ok ? static_cast<std::size_t>(extra) + 1 : 1;
        if (ok && in_symbol_blocks(cp)) out.push_back(static_cast<ImWchar>(cp));
    }
}

}  // namespace

// [SECTION] Public
fs::path font_cache_dir() {
    const char* xdg = std::getenv("XDG_CACHE_HOME");
    if (xdg != nullptr && xdg[0] == '/') return fs::path(xdg) / "course-planner";
    const char* home = std::getenv("HOME");
    if (home == nullptr || home[0] == '\0') return {};
    return fs::path(home) / ".cache" / "course-planner";
}

const std::vector<ImWchar>& ui_symbols() {
    // U+25B6 play (Present button), U+26A0 warning sign (the disclaimer banner), U+2260
    // not equal and U+270E pencil (the badges on a visit that differs or has a note).
    static const std::vector<ImWchar> symbols{0x25B6, 0x26A0, 0x2260, 0x270E};
    return symbols;
}

bool in_symbol_blocks(unsigned codepoint) {
    for (std::size_t i = 0; i < std::size(kSymbolBlocks); i += 2)
        if (codepoint >= kSymbolBlocks[i] && codepoint <= kSymbolBlocks[i + 1]) return true;
    return false;
}

std::vector<ImWchar> symbols_in(const planner::io::Library& library) {
    std::vector<ImWchar> out;
    for (const char32_t cp : library.codepoints)  // every preset file's text, parsed or not
        if (in_symbol_blocks(static_cast<unsigned>(cp))) out.push_back(static_cast<ImWchar>(cp));
    // A protocol read from elsewhere (a preset file named on the command line) too.
    for (const planner::Protocol& p : library.protocols) {
        for (const std::string* s : {&p.title, &p.description, &p.illustrative_note})
            collect_symbols(*s, out);
        for (const planner::Phase& phase : p.phases) {
            collect_symbols(phase.name, out);
            collect_symbols(phase.note, out);
        }
        for (const planner::Source& source : p.sources) {
            collect_symbols(source.title, out);
            collect_symbols(source.note, out);
            collect_symbols(source.identifier, out);
        }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

void build_fonts_uncached(ImFontAtlas& atlas, const FontOptions& options) {
    build(atlas, specs(options));
}

std::string font_cache_key(const FontOptions& options) {
    const ImFontAtlas defaults;
    return key_for(specs(options), defaults);
}

FontLoad load_fonts(ImFontAtlas& atlas, const FontOptions& options) {
    clear_text_cache();    // line breaks measured with the old faces
    draw::clear_stamps();  // shapes with the old atlas's white pixel
    FontLoad out;
    const std::vector<Spec> list = specs(options);
    const std::string key = key_for(list, atlas);
    if (!options.cache_dir.empty()) {
        out.cache_file = options.cache_dir / ("fonts-" + hex(fnv1a(key)) + ".atlas");
        std::error_code ec;
        if (fs::is_regular_file(out.cache_file, ec)) {
            auto bytes = planner::io::read_text_file(out.cache_file, kMaxCacheBytes);
            if (bytes && restore(atlas, *bytes, key, font_count(list))) {
                out.from_cache = true;
                return out;
            }
        }
    }
    build(atlas, list);
    std::string bytes = serialise(atlas, key);
    // The fresh atlas goes through the same restore as a cached one, so both are alike;
    // this also drops the font files' data (megabytes) that the built atlas keeps.
    if (!restore(atlas, bytes, key, font_count(list))) build(atlas, list);
    if (!out.cache_file.empty()) out.pending = std::move(bytes);
    return out;
}

planner::Result<bool> save_font_cache(const FontLoad& load) {
    if (load.pending.empty() || load.cache_file.empty()) return false;
    const fs::path dir = load.cache_file.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return planner::Error{dir.string(), "could not create (" + ec.message() + ")"};
    auto written = planner::io::write_file_atomic(load.cache_file, load.pending, true);
    if (!written) return written;
    // Keep the newest few atlases (zoom levels, presentation on and off).
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.starts_with("fonts-") && name.ends_with(".atlas")) {
            std::error_code tec;
            files.emplace_back(fs::last_write_time(it->path(), tec), it->path());
        }
    }
    if (files.size() > kMaxCacheFiles) {
        std::sort(files.begin(), files.end());
        for (std::size_t i = 0; i + kMaxCacheFiles < files.size(); ++i)
            fs::remove(files[i].second, ec);
    }
    return true;
}

}  // namespace ui
