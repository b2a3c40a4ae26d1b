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
        std::uint64_t h = 0;
        const auto mix = [&h](std::uint32_t v) {
            h = (h ^ v) * 0x9E3779B97F4A7C15ULL;
            h ^= h >> 29;
        };
        const auto bits = [](float f) {
            std::uint32_t u = 0;
            std::memcpy(&u, &f, sizeof u);
            return u;
        };
        mix(static_cast<std::uint32_t>(k.id.kind));
        mix(bits(k.id.a));
        mix(bits(k.id.b));
        mix(bits(k.id.c));
        mix(bits(k.id.d));
        mix(k.id.col1);
        mix(k.id.col2);
        mix(static_cast<std::uint32_t>(k.id.flags));
        mix(static_cast<std::uint32_t>(k.list_flags));
        mix(bits(k.fringe));
        return static_cast<std::size_t>(h);
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
    add_to_indices(dl->_IdxWritePtr, s.idx.data(), s.idx.size(), dl->_VtxCurrentIdx);
    dl->_VtxWritePtr += nv;
    dl->_IdxWritePtr += ni;
    dl->_VtxCurrentIdx += static_cast<unsigned>(nv);
}

enum Kind { kRectFilled = 1, kRect, kCircleFilled, kCircle };

Key key_of(const ImDrawList* dl, const StampId& id) {
    const ImDrawListSharedData* data = dl->_Data;
    return Key{id,
               static_cast<int>(dl->Flags),
               dl->_FringeScale,
               data->TexUvWhitePixel.x,
               data->TexUvWhitePixel.y,
               data->CircleSegmentMaxError};
}

}  // namespace

void add_to_indices(ImDrawIdx* out, const ImDrawIdx* in, std::size_t n, unsigned add) {
    std::size_t i = 0;
    if constexpr (sizeof(ImDrawIdx) == 2) {
        const std::uint64_t add4 = 0x0001000100010001ULL * (add & 0xFFFFu);
        for (; i + 4 <= n; i += 4) {
            std::uint64_t four = 0;
            std::memcpy(&four, in + i, sizeof four);
            four += add4;
            std::memcpy(out + i, &four, sizeof four);
        }
    }
    for (; i < n; ++i) out[i] = static_cast<ImDrawIdx>(in[i] + add);
}

bool replay_stamp(ImDrawList* dl, const StampId& id, ImVec2 at) {
    auto& map = shapes();
    const auto it = map.find(key_of(dl, id));
    if (it == map.end()) return false;
    replay(dl, it->second, at);
    return true;
}

StampMark mark_stamp(const ImDrawList* dl) {
    StampMark m;
    m.commands = dl->CmdBuffer.Size;
    m.vertices = dl->VtxBuffer.Size;
    m.indices = dl->IdxBuffer.Size;
    m.current = dl->_VtxCurrentIdx;
    m.offset = m.commands > 0 ? dl->CmdBuffer.back().VtxOffset : 0;
    return m;
}

void keep_stamp(const ImDrawList* dl, const StampId& id, ImVec2 at, const StampMark& m) {
    // Kept only when it went into the same draw command (no 64K split) as plain triangles.
    if (dl->CmdBuffer.Size != m.commands ||
        (m.commands > 0 && dl->CmdBuffer.back().VtxOffset != m.offset) ||
        dl->_VtxCurrentIdx - m.current != static_cast<unsigned>(dl->VtxBuffer.Size - m.vertices))
        return;
    Shape s;
    s.vtx.assign(dl->VtxBuffer.begin() + m.vertices, dl->VtxBuffer.end());
    for (ImDrawVert& v : s.vtx) v.pos = ImVec2(v.pos.x - at.x, v.pos.y - at.y);
    s.idx.reserve(static_cast<std::size_t>(dl->IdxBuffer.Size - m.indices));
    for (int i = m.indices; i < dl->IdxBuffer.Size; ++i)
        s.idx.push_back(static_cast<ImDrawIdx>(dl->IdxBuffer[i] - m.current));
    auto& map = shapes();
    if (map.size() >= kMaxShapes) map.clear();
    map.emplace(key_of(dl, id), std::move(s));
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
