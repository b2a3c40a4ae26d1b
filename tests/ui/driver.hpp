// A headless ImGui harness for UI tests: a context with a built font atlas and no
// backend, run frame by frame. Widgets are found through ui::trace (the views record the
// rectangles of the widgets a test clicks); input uses the ImGui 1.86 API (io.MousePos,
// io.MouseDown, io.KeysDown with GLFW key codes, as the GLFW backend fills them).
#pragma once

#include <imgui.h>

#include <functional>
#include <string_view>

#include "ui/trace.hpp"

namespace ui::test {

class Driver {
public:
    using Draw = std::function<void()>;

    // `real_fonts`: the window's faces (Noto Sans at 17, 34 and 21 px, in FontRole order) when
    // installed, so sizes measured in a test are the ones on screen; else ImGui's built-in font.
    explicit Driver(ImVec2 display_size = ImVec2(1400.0f, 900.0f), bool real_fonts = false);
    ~Driver();
    Driver(const Driver&) = delete;
    Driver& operator=(const Driver&) = delete;

    // One frame: clears the trace, NewFrame, draw(), Render.
    void frame(const Draw& draw);
    void frames(int count, const Draw& draw);

    // Hover, press, release over three frames (1.86 has no input queue), then one more
    // frame so the result is drawn. False when no widget was traced with this label.
    bool click(std::string_view label, const Draw& draw, int button = 0, bool ctrl = false);
    // Presses on one traced widget, moves over a few frames to another and releases there.
    bool drag(std::string_view from, std::string_view to, const Draw& draw);
    // The same, to a point `dx` pixels right of where it pressed (the timeline's lanes).
    bool drag_by(std::string_view from, float dx, const Draw& draw);
    bool drag_to(ImVec2 start, ImVec2 end, const Draw& draw);
    // Moves the mouse over a traced widget and runs a frame. False when not found, or when
    // its centre is off the screen (no person could point at it there: scroll_to first).
    bool hover(std::string_view label, const Draw& draw);
    // Turns the mouse wheel over the widget's column, as a person would, until the widget is
    // on the screen. False when it is not traced or the wheel does not bring it on.
    bool scroll_to(std::string_view label, const Draw& draw);
    // Types characters, one frame each.
    void type(std::string_view text, const Draw& draw);
    // Presses and releases a key (a GLFW key code) over two frames, with modifiers.
    void key(int glfw_key, const Draw& draw, bool ctrl = false, bool shift = false);

    [[nodiscard]] const trace::Sink& sink() const { return sink_; }
    [[nodiscard]] ImGuiIO& io() {
        ImGui::SetCurrentContext(context_);
        return ImGui::GetIO();
    }

private:
    ImGuiContext* context_ = nullptr;
    trace::Sink sink_;
    unsigned char* pixels_ = nullptr;
};

// Every triangle of a frame's draw data, in drawing order: its three corners, and whether one
// of them is on a display of this size.
using Triangle = const ImDrawVert* const (&)[3];
void for_each_triangle(const ImDrawData& data, ImVec2 display,
                       const std::function<void(Triangle corners, bool on_display)>& visit);

}  // namespace ui::test
