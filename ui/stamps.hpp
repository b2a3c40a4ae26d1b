// Shapes drawn many times over at different places with the same size and colours (chips,
// day cells, phase markers, badges). ImDrawList's anti-aliased paths (arcs, normals, fringes)
// are computed the first time a shape is drawn; every later one of the same size and colours
// is a copy of those vertices moved to its place: the same triangles, a fraction of the work.
#pragma once

#include <imgui.h>

#include <cstddef>

namespace ui::draw {

// ImDrawList::AddRectFilled(min, max, col, rounding, flags), kept when rounded.
void rect_filled(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col, float rounding = 0.0f,
                 ImDrawFlags flags = 0);
// ImDrawList::AddRect(min, max, col, rounding, flags, thickness).
void rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col, float rounding = 0.0f,
          ImDrawFlags flags = 0, float thickness = 1.0f);
// ImDrawList::AddCircleFilled(c, r, col, segments) and AddCircle(c, r, col, segments, t).
void circle_filled(ImDrawList* dl, ImVec2 c, float r, ImU32 col, int segments = 0);
void circle(ImDrawList* dl, ImVec2 c, float r, ImU32 col, int segments = 0, float thickness = 1.0f);

// Any shape: `paint` draws it at `at` the first time; later calls with the same `id` (what
// the shape looks like: kind, sizes, colours) copy it to their `at`. `paint` must not change
// the clip rectangle or depend on it.
struct StampId {
    int kind = 0;
    float a = 0.0f;
    float b = 0.0f;
    float c = 0.0f;
    float d = 0.0f;
    ImU32 col1 = 0;
    ImU32 col2 = 0;
    int flags = 0;
    bool operator==(const StampId&) const = default;
};
// Draws the kept shape `id` at `at`; false when there is none yet.
bool replay_stamp(ImDrawList* dl, const StampId& id, ImVec2 at);
// Where the draw list stood before a shape is painted, to keep what the paint added.
struct StampMark {
    int commands = 0;
    int vertices = 0;
    int indices = 0;
    unsigned current = 0;
    unsigned offset = 0;
};
[[nodiscard]] StampMark mark_stamp(const ImDrawList* dl);
void keep_stamp(const ImDrawList* dl, const StampId& id, ImVec2 at, const StampMark& mark);
template <class Paint>
void stamp(ImDrawList* dl, const StampId& id, ImVec2 at, Paint&& paint) {
    if (replay_stamp(dl, id, at)) return;
    const StampMark mark = mark_stamp(dl);
    paint();
    keep_stamp(dl, id, at, mark);
}

// out[i] = in[i] + add for n indices, four at a time where ImDrawIdx is 16 bits: every sum
// must stay below 65536 (PrimReserve starts a new command before a list gets there), so no
// sum carries into its neighbour.
void add_to_indices(ImDrawIdx* out, const ImDrawIdx* in, std::size_t n, unsigned add);

// Forgets every shape (a new font atlas moves the white pixel and the line textures).
void clear_stamps();

}  // namespace ui::draw
