// Test hooks: where the important widgets were drawn and what text the panels showed.
// ImGui 1.86 from Debian is built without its test engine, so a headless UI test cannot ask
// "where is the button labelled X?"; views call trace::item after the widgets a test clicks
// and trace::text for the sentences a test reads. In the app no sink is installed and both
// calls return at once.
#pragma once

#include <imgui.h>

#include <string>
#include <string_view>
#include <vector>

namespace ui::trace {

struct Item {
    std::string label;  // stable id chosen by the view, e.g. "course 0 remove", "chip 1/4"
    ImVec2 min;
    ImVec2 max;
};

struct Sink {
    std::vector<Item> items;         // this frame's widgets, in drawing order
    std::vector<std::string> texts;  // this frame's traced text, in drawing order
    void clear() {
        items.clear();
        texts.clear();
    }
    [[nodiscard]] const Item* find(std::string_view label) const;
    [[nodiscard]] bool has_text(std::string_view part) const;  // any text containing `part`
};

// The one mutable global of the UI: tests install a sink, the app never does. It is a
// pointer rather than AppState so views stay functions of the state alone.
void install(Sink* sink);
[[nodiscard]] bool active();
// The installed sink, or null (a replayed panel re-records what it traced).
[[nodiscard]] Sink* installed();

// Records the last ImGui item's rectangle (call right after the widget).
void item(std::string_view label);
// Records an explicit rectangle (for shapes drawn with ImDrawList, e.g. calendar chips).
void rect(std::string_view label, ImVec2 min, ImVec2 max);
// Records text that was drawn.
void text(std::string_view text);

// ImGui::TextUnformatted plus trace::text: for lines a test reads.
void text_line(std::string_view line);
// TextWrapped equivalent plus trace::text.
void text_wrapped(std::string_view line);

}  // namespace ui::trace
