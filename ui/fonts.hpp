// The window's fonts: which files, sizes and glyphs, and a cache of the built atlas in
// ($XDG_CACHE_HOME or ~/.cache)/course-planner, so a start-up reads a small file instead of
// rasterising every glyph again. GL-free: the platform uploads the texture.
#pragma once

#include <imgui.h>

#include <filesystem>
#include <string>
#include <vector>

#include "planner/io.hpp"

namespace ui {

struct FontOptions {
    float scale = 1.0f;  // content scale times zoom
    bool large = false;  // the presentation size too (built when presentation first opens)
    std::vector<ImWchar> symbols;     // extra symbol codepoints the text needs (symbols_in)
    std::filesystem::path cache_dir;  // empty: no cache
};

struct FontLoad {
    bool from_cache = false;
    std::filesystem::path cache_file;  // where the atlas is (or is to be) cached
    std::string pending;  // a freshly built atlas, serialised: write it with save_font_cache
};

// The cache folder for this user; empty when neither XDG_CACHE_HOME nor HOME is set.
[[nodiscard]] std::filesystem::path font_cache_dir();

// Symbols (arrows, maths, shapes, dingbats) that the preset files' text uses (all of the
// folders' files, Library::codepoints, so a library of a few ids gives the same answer as
// the whole one) and the library's protocols' text: the atlas holds only the symbols the
// UI's own strings and the presets need.
[[nodiscard]] std::vector<ImWchar> symbols_in(const planner::io::Library& library);

// The symbols the window's own strings use; a test keeps this list complete.
[[nodiscard]] const std::vector<ImWchar>& ui_symbols();
// The symbol blocks the merged symbol font is asked for (before: all of them, always).
[[nodiscard]] bool in_symbol_blocks(unsigned codepoint);

// Loads the fonts into the atlas, in FontRole order (regular, heading, then large when
// asked), from the cache when it matches the font files (size and mtime), sizes, glyphs and
// ImGui version; else builds them and returns the serialised atlas in `pending`. A damaged
// or stale cache is ignored. The atlas ends built (TexPixelsAlpha8 set, TexReady true).
FontLoad load_fonts(ImFontAtlas& atlas, const FontOptions& options);

// Writes a pending atlas atomically (temp file and rename); keeps the folder small.
planner::Result<bool> save_font_cache(const FontLoad& load);

// ImGui's own build of the same fonts, untouched by the cache (tests compare against it).
void build_fonts_uncached(ImFontAtlas& atlas, const FontOptions& options);

// The cache key: every input that changes the atlas, one per line (exposed for tests).
[[nodiscard]] std::string font_cache_key(const FontOptions& options);

}  // namespace ui
