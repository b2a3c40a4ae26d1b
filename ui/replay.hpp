// A panel, or a stretch of widgets, drawn again from its last frame's triangles while nothing
// it shows can differ. A frame is drawn whenever something happens in the window: the pointer
// moves over the calendar, a key, a click. Most of those frames change one panel, if any;
// the others would run the same widgets to make the same vertices.
//
// Two kinds of unit: a whole child window (the courses panel, the details panel, the
// calendar's months), or a stretch at the top of a window (the banner and toolbar, the edit
// bar and legend), whose layout (the cursor, the line, the last item) is put back as the
// draw left it. A unit is replayed only when all of these hold:
// - the frame is quiet: no key, character, button, wheel or modifier, no active widget, no
//   popup, no drag, no keyboard-navigation request, and the pointer is not over the unit (so
//   nothing in it is hovered);
// - nothing it reads moved: the state's revision (every applied command that changed
//   something), the window's place, size and scroll, where the stretch starts, the style, the
//   font and its atlas, the focused window and item, and whether a test is tracing;
// - its last two full draws, both quiet, made the same triangles, traced the same widgets and
//   words, and asked for no command (ImGui's tables settle over a few frames: a unit is kept
//   only once its draws agree);
// - it began no window of its own (a child window not begun this frame would disappear).
// Anything else draws it in full, and a full quiet draw is what the next replay copies.
#pragma once

#include <imgui.h>

#include <any>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <type_traits>
#include <vector>

#include "ui/trace.hpp"

namespace ui {

struct PanelReplay {
    struct Key {
        std::uint64_t revision = 0;
        ImVec2 pos, size, scroll, start;
        const void* font = nullptr;
        float font_size = 0.0f;
        ImTextureID texture = nullptr;
        ImVec2 white_uv;
        const void* nav_window = nullptr;
        unsigned nav_id = 0;
        bool nav_highlight = false;
        bool tracing = false;
        ImGuiStyle style;
        bool operator==(const Key& o) const;
    };
    // One draw command's share of a unit as it is taken from its window's list: its clip,
    // texture and triangles.
    struct Segment {
        ImVec4 clip;
        ImTextureID texture = nullptr;
        std::vector<ImDrawVert> vertices;
        std::vector<ImDrawIdx> indices;  // as drawn: from `base`
        unsigned base = 0;               // the first vertex's index in its command
    };
    // Where the layout stood after the draw (a stretch puts it back).
    struct Layout {
        ImVec2 cursor, prev_line_cursor, curr_line, prev_line, cursor_max, ideal_max;
        float curr_offset = 0.0f, prev_offset = 0.0f;
        int nav_layers = 0;
        bool operator==(const Layout& o) const;
    };
    struct Drawn {
        Key key;
        // What it drew, as a draw list of its own: a replayed unit is not copied into its
        // window's list, this one is drawn right after that one's (put into the frame's
        // draw data as ImGui::Render() ends, through a hook on the context).
        std::shared_ptr<ImDrawList> list;
        Layout layout;
        ImVec4 area;  // what the unit covers on screen: the pointer inside means a full draw
        std::vector<trace::Item> items;
        std::vector<std::string> texts;
        std::string last_item;  // ImGui's last-item record as the draw left it (its bytes)
        std::any extra;         // what the draw handed back besides pixels (a view's hit records)
        bool same_as(const Drawn& o) const;
    };
    std::optional<Drawn> last;  // the last full quiet draw
    bool steady = false;        // the two before agreed: `last` may be replayed
    int replayed = 0;           // frames replayed in a row (tests and make bench read it)
    int used = -1;              // the last frame that asked for it
};

// The units of the window, kept in AppState::caches (see PanelReplayStore in ui/app.hpp).
struct PanelReplays {
    PanelReplay top;                       // banner, toolbar, notice
    PanelReplay courses, centre, details;  // the editing layout's three panels
    PanelReplay centre_top;                // the edit bar (the centre holds a child window)
    PanelReplay legend;                    // the calendar's legend
    PanelReplay calendar;                  // the calendar's scrolling months
    // Each month of the calendar on its own (the pointer over one leaves the others), by
    // year * 12 + month; past kMonths the least recently drawn goes.
    std::map<int, PanelReplay> months;
    static constexpr std::size_t kMonths = 8;
    PanelReplay& month(int key);
};

// Where a full draw started, to keep what it added.
struct PanelMark {
    bool capture = false;
    bool stretch = false;
    PanelReplay::Key key;  // as the draw began
    int commands = 0;
    int indices = 0;
    int children = 0;
    std::size_t items = 0;
    std::size_t texts = 0;
};

// Call right after BeginChild (stretch false) or where a stretch begins (stretch true). True:
// the last draw goes into this frame (its list, after the window's) and the caller draws
// nothing. False: the caller draws, then calls end_unit with the mark.
[[nodiscard]] bool replay_unit(PanelReplay& keep, std::uint64_t revision, bool enabled,
                               bool stretch, PanelMark& mark);
// `asked`: the draw pushed a command (it is then never replayed).
void end_unit(PanelReplay& keep, const PanelMark& mark, bool asked, std::any extra = {});

namespace detail {
struct NoExtra {};
// `draw()`, or the unit's replay (with `extra` handed back when there is one).
template <class Out, class Extra, class Draw>
void replay_or_draw(bool stretch, PanelReplay& keep, std::uint64_t revision, bool enabled, Out& out,
                    Extra& extra, Draw&& draw) {
    constexpr bool none = std::is_same_v<Extra, NoExtra>;
    PanelMark mark;
    if (replay_unit(keep, revision, enabled, stretch, mark)) {
        if constexpr (!none) {
            if (const Extra* kept = std::any_cast<Extra>(&keep.last->extra)) extra = *kept;
        }
        return;
    }
    const auto before = out.size();
    draw();
    if constexpr (none)
        end_unit(keep, mark, out.size() != before);
    else
        end_unit(keep, mark, out.size() != before, extra);
}
}  // namespace detail

// A whole child window (call right after BeginChild): `draw()` or its replay. `Out` is the
// command list (its size tells whether the draw asked for something).
template <class Out, class Draw>
void replayable(PanelReplay& keep, std::uint64_t revision, bool enabled, Out& out, Draw&& draw) {
    detail::NoExtra none;
    detail::replay_or_draw(false, keep, revision, enabled, out, none, draw);
}

// The same for a draw that also fills `extra` (a copy is kept, and handed back on replay).
template <class Out, class Extra, class Draw>
void replayable(PanelReplay& keep, std::uint64_t revision, bool enabled, Out& out, Extra& extra,
                Draw&& draw) {
    detail::replay_or_draw(false, keep, revision, enabled, out, extra, draw);
}

// A stretch of widgets at the cursor, in the current window.
template <class Out, class Draw>
void replayable_stretch(PanelReplay& keep, std::uint64_t revision, bool enabled, Out& out,
                        Draw&& draw) {
    detail::NoExtra none;
    detail::replay_or_draw(true, keep, revision, enabled, out, none, draw);
}

// The same for a stretch that also fills `extra`.
template <class Out, class Extra, class Draw>
void replayable_stretch(PanelReplay& keep, std::uint64_t revision, bool enabled, Out& out,
                        Extra& extra, Draw&& draw) {
    detail::replay_or_draw(true, keep, revision, enabled, out, extra, draw);
}

}  // namespace ui
