#include "ui/trace.hpp"

#include <imgui_internal.h>

#include "ui/text_cache.hpp"

namespace ui::trace {

namespace {
// Null in the app; a UI test points it at its own Sink for the test's duration.
Sink* g_sink = nullptr;  // NOLINT: the one documented global (see trace.hpp)
}  // namespace

const Item* Sink::find(std::string_view label) const {
    for (const Item& i : items)
        if (i.label == label) return &i;
    return nullptr;
}

bool Sink::has_text(std::string_view part) const {
    for (const std::string& t : texts)
        if (t.find(part) != std::string::npos) return true;
    return false;
}

void install(Sink* sink) {
    g_sink = sink;
}

bool active() {
    return g_sink != nullptr;
}

Sink* installed() {
    return g_sink;
}

void item(std::string_view label) {
    if (g_sink == nullptr) return;
    g_sink->items.push_back({std::string(label), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

void rect(std::string_view label, ImVec2 min, ImVec2 max) {
    if (g_sink == nullptr) return;
    g_sink->items.push_back({std::string(label), min, max});
}

void text(std::string_view line) {
    if (g_sink == nullptr) return;
    g_sink->texts.emplace_back(line);
}

void text_line(std::string_view line) {
    ImGui::TextUnformatted(line.data(), line.data() + line.size());
    text(line);
}

void text_wrapped(std::string_view line) {
    // Like ImGui::TextWrapped: wrap at the window edge unless a wrap position is set.
    const bool push = ImGui::GetCurrentWindow()->DC.TextWrapPos < 0.0f;
    if (push) ImGui::PushTextWrapPos(0.0f);
    wrapped_text(line);  // ImGui::TextUnformatted, with the line breaks kept across frames
    if (push) ImGui::PopTextWrapPos();
    text(line);
}

}  // namespace ui::trace
