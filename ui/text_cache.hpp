// Wrapped text without wrapping it every frame. ImGui's TextWrapped finds the line breaks
// twice per frame (to size the item, then to draw it); wrapped_text finds them once per
// (text, font, size, wrap width) with ImGui's own functions and then draws each line as
// ImGui would have: the same glyphs at the same places, the same item size.
#pragma once

#include <string_view>

namespace ui {

// ImGui::TextUnformatted(text) under the current wrap position (PushTextWrapPos), which must
// be set (>= 0). Text with a line break goes through ImGui unchanged.
void wrapped_text(std::string_view text);

// Forgets every line break found (new fonts: the same sizes may measure differently).
void clear_text_cache();

}  // namespace ui
