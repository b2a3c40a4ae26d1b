#include "ui/stamps.hpp"

#include <imgui_internal.h>

#include <cstdint>
#include <cstring>
#include <unordered_map>
#include <vector>

namespace ui::draw {

namespace {

// What a shape's vertices depend on besides its id: the draw list's anti-aliasing and the
// atlas's white pixel and line textures.
struct Key {
    StampId id;
    int list_flags = 0;
    float fringe = 0.0f;
    float white_u = 0.0f;
    float white_v = 0.0f;
    float arc_error = 0.0f;
    bool operator==(const Key&) const = default;
};

struct KeyHash {
    std::size_t operator()(const Key& k) const {
        std::size_t h = 1469598103934665603ULL;
        const auto mix = [&h](const void* p, std::size_t n) {
            const auto* b = static_cast<const unsigned char*>(p);
            for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 1099511628211ULL;
        };
        const float f[] = {k.id.a, k.id.b, k.id.c, k.id.d, k.fringe, k.white_u, k.white_v};
        const std::uint32_t u[] = {static_cast<std::uint32_t>(k.id.kind), k.id.col1, k.id.col2,
                                   static_cast<std::uint32_t>(k.id.flags),
                                   static_cast<std::uint32_t>(k.list_flags)};
        mix(f, sizeof f);
        mix(u, sizeof u);
        return h;
    }
};

struct Shape {
    std::vector<ImDrawVert> vtx;  // positions from `at`
    std::vector<ImDrawIdx> idx;   // from the shape's first vertex
};

constexpr std::size_t kMaxShapes = 4096;

std::unordered_map<Key, Shape, KeyHash>& shapes() {
    static std::unordered_map<Key, Shape, KeyHash> map;  // the UI runs on one thread
    return map;
}

void replay(ImDrawList* dl, const Shape& s, ImVec2 at) {
    if (s.vtx.empty()) return;
    const int nv = static_cast<int>(s.vtx.size());
    const int ni = static_cast<int>(s.idx.size());
    dl->PrimReserve(ni, nv);  // splits the command past 64K vertices, as ImGui's own calls
    ImDrawVert* w = dl->_VtxWritePtr;
    for (const ImDrawVert& v : s.vtx) {
        w->pos = ImVec2(at.x + v.pos.x, at.y + v.pos.y);
        w->uv = v.uv;
        w->col = v.col;
        ++w;
    }
    const auto base = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    ImDrawIdx* iw = dl->_IdxWritePtr;
    for (const ImDrawIdx i : s.idx) *iw++ = static_cast<ImDrawIdx>(base + i);
    dl->_VtxWritePtr += nv;
    dl->_IdxWritePtr += ni;
    dl->_VtxCurrentIdx += static_cast<unsigned>(nv);
}

enum Kind { kRectFilled = 1, kRect, kCircleFilled, kCircle };

}  // namespace

void stamp(ImDrawList* dl, const StampId& id, ImVec2 at, const std::function<void()>& paint) {
    const ImDrawListSharedData* data = dl->_Data;
    const Key key{id,
                  static_cast<int>(dl->Flags),
                  dl->_FringeScale,
                  data->TexUvWhitePixel.x,
                  data->TexUvWhitePixel.y,
                  data->CircleSegmentMaxError};
    auto& map = shapes();
    if (const auto it = map.find(key); it != map.end()) {
        replay(dl, it->second, at);
        return;
    }
    const int commands = dl->CmdBuffer.Size;
    const int v0 = dl->VtxBuffer.Size;
    const int i0 = dl->IdxBuffer.Size;
    const unsigned base = dl->_VtxCurrentIdx;
    const ImDrawCmd* last = commands > 0 ? &dl->CmdBuffer.back() : nullptr;
    const unsigned offset = last != nullptr ? last->VtxOffset : 0;
    paint();
    // Kept only when it went into the same draw command (no 64K split) as plain triangles.
    if (dl->CmdBuffer.Size != commands ||
        (commands > 0 && dl->CmdBuffer.back().VtxOffset != offset) ||
        dl->_VtxCurrentIdx - base != static_cast<unsigned>(dl->VtxBuffer.Size - v0))
        return;
    Shape s;
    s.vtx.assign(dl->VtxBuffer.begin() + v0, dl->VtxBuffer.end());
    for (ImDrawVert& v : s.vtx) v.pos = ImVec2(v.pos.x - at.x, v.pos.y - at.y);
    s.idx.reserve(static_cast<std::size_t>(dl->IdxBuffer.Size - i0));
    for (int i = i0; i < dl->IdxBuffer.Size; ++i)
        s.idx.push_back(static_cast<ImDrawIdx>(dl->IdxBuffer[i] - base));
    if (map.size() >= kMaxShapes) map.clear();
    map.emplace(key, std::move(s));
}

void rect_filled(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col, float rounding,
                 ImDrawFlags flags) {
    // Square corners are two triangles already.
    if (rounding <= 0.0f || (col & IM_COL32_A_MASK) == 0 ||
        (flags & ImDrawFlags_RoundCornersMask_) == ImDrawFlags_RoundCornersNone) {
        dl->AddRectFilled(min, max, col, rounding, flags);
        return;
    }
    const StampId id{kRectFilled, max.x - min.x, max.y - min.y, rounding, 0.0f, col, 0, flags};
    stamp(dl, id, min, [&] { dl->AddRectFilled(min, max, col, rounding, flags); });
}

void rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 col, float rounding, ImDrawFlags flags,
          float thickness) {
    if ((col & IM_COL32_A_MASK) == 0) return;
    const StampId id{kRect, max.x - min.x, max.y - min.y, rounding, thickness, col, 0, flags};
    stamp(dl, id, min, [&] { dl->AddRect(min, max, col, rounding, flags, thickness); });
}

void circle_filled(ImDrawList* dl, ImVec2 c, float r, ImU32 col, int segments) {
    if ((col & IM_COL32_A_MASK) == 0 || r <= 0.0f) return;
    const StampId id{kCircleFilled, r, 0.0f, 0.0f, 0.0f, col, 0, segments};
    stamp(dl, id, c, [&] { dl->AddCircleFilled(c, r, col, segments); });
}

void circle(ImDrawList* dl, ImVec2 c, float r, ImU32 col, int segments, float thickness) {
    if ((col & IM_COL32_A_MASK) == 0 || r <= 0.0f) return;
    const StampId id{kCircle, r, thickness, 0.0f, 0.0f, col, 0, segments};
    stamp(dl, id, c, [&] { dl->AddCircle(c, r, col, segments, thickness); });
}

void clear_stamps() {
    shapes().clear();
}

}  // namespace ui::draw
