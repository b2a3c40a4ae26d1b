// Text from presets made harmless for the place it is shown: no terminal escapes, no
// bidirectional overrides that reorder what a reader sees. Writers call these at the writer
// (docs/reliability.md, "Text from presets", says which writer does what).
#pragma once

#include <string>
#include <string_view>

namespace planner {

// U+FFFD, the visible stand-in for a character that is not shown as itself.
inline constexpr std::string_view kPlaceholder = "\xEF\xBF\xBD";

// For a terminal: every C0 control (tab and line break become a space), DEL, every C1 control
// (U+0080-U+009F), every bidirectional control (see bidi_control_at) and every invalid UTF-8
// byte become U+FFFD, so no escape sequence (ESC, OSC ... BEL, CSI) reaches the terminal.
[[nodiscard]] std::string terminal_safe(std::string_view text);

// For calendar files, CSV and Markdown: bidirectional controls become U+FFFD.
[[nodiscard]] std::string without_bidi_controls(std::string_view text);

// For JSON text already serialised (UTF-8): bidirectional controls become \uXXXX escapes, so
// the data keeps them but a person reading the raw file sees the escape, not reordered text.
// Outside strings the JSON has none, so this is safe on a whole document.
[[nodiscard]] std::string json_escape_bidi_controls(std::string_view json);

// U+202A-U+202E (embeddings, overrides), U+2066-U+2069 (isolates), U+200E/U+200F (marks) and
// U+061C (Arabic letter mark): the code point at text[i], its UTF-8 length, or 0.
[[nodiscard]] std::size_t bidi_control_at(std::string_view text, std::size_t i);

}  // namespace planner
