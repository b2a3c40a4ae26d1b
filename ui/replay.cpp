#include "ui/replay.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <cfloat>
#include <cstdint>
#include <cstring>
#include <optional>

#include "ui/app.hpp"
#include "ui/stamps.hpp"

namespace ui {

namespace {

bool same_bytes(const void* a, const void* b, std::size_t n) {
    return n == 0 || std::memcmp(a, b, n) == 0;  // an empty ImVector's data is null
}

bool same(ImVec2 a, ImVec2 b) {
    return a.x == b.x && a.y == b.y;
}

bool inside(ImVec2 p, const ImVec4& r) {
    return p.x >= r.x && p.y >= r.y && p.x < r.z && p.y < r.w;
}

// [SECTION] Each ImGui context's frame: whether it is quiet, and the units replayed in it

// Where a unit was replayed in its window's list: what the list held then.
struct Split {
    int commands = 0;
    int indices = 0;
    int vertices = 0;
};
struct Unit {
    const ImDrawList* owner = nullptr;
    std::shared_ptr<ImDrawList> list;
    Split at;
};
// One per ImGui context (tests run two side by side), kept by hooks on the context: cleared
// as each frame begins, composed into the draw data as ImGui::Render() ends, dropped when
// the context shuts down. The UI runs on one thread.
struct Frame {
    ImGuiContext* context = nullptr;
    std::optional<bool> quiet;  // worked out at the frame's first unit
    std::vector<Unit> units;    // in the order they were replayed
    std::vector<ImDrawList*> lists;
    // What a window drew after a unit replayed in it, copied to come after the unit's list.
    std::vector<std::unique_ptr<ImDrawList>> tails;
};

std::vector<std::unique_ptr<Frame>>& all_frames() {
    static std::vector<std::unique_ptr<Frame>> frames;
    return frames;
}

void compose(Frame& frame);

Frame& this_frame() {
    ImGuiContext* g = ImGui::GetCurrentContext();
    for (const auto& f : all_frames())
        if (f->context == g) return *f;
    auto frame = std::make_unique<Frame>();
    frame->context = g;
    ImGuiContextHook hook;
    hook.UserData = frame.get();
    hook.Type = ImGuiContextHookType_NewFramePre;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook* h) {
        auto* f = static_cast<Frame*>(h->UserData);
        f->quiet.reset();
        f->units.clear();
    };
    ImGui::AddContextHook(g, &hook);
    hook.Type = ImGuiContextHookType_RenderPost;
    hook.Callback = [](ImGuiContext*, ImGuiContextHook* h) {
        compose(*static_cast<Frame*>(h->UserData));
    };
    ImGui::AddContextHook(g, &hook);
    hook.Type = ImGuiContextHookType_Shutdown;
    hook.Callback = [](ImGuiContext* ctx, ImGuiContextHook*) {
        auto& frames = all_frames();
        frames.erase(std::remove_if(frames.begin(), frames.end(),
                                    [ctx](const auto& f) { return f->context == ctx; }),
                     frames.end());
    };
    ImGui::AddContextHook(g, &hook);
    all_frames().push_back(std::move(frame));
    return *all_frames().back();
}

// Nothing but the pointer's position changed since the last frame, and no widget, popup,
// drag or keyboard navigation is under way.
bool quiet_now() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    const ImGuiIO& io = g.IO;
    if (io.KeyCtrl || io.KeyShift || io.KeyAlt || io.KeySuper) return false;
    if (io.InputQueueCharacters.Size > 0 || io.MouseWheel != 0.0f || io.MouseWheelH != 0.0f)
        return false;
    for (int b = 0; b < IM_ARRAYSIZE(io.MouseDown); ++b)
        if (io.MouseDown[b] || io.MouseReleased[b]) return false;
    for (int k = 0; k < IM_ARRAYSIZE(io.KeysDown); ++k)
        if (io.KeysDown[k] || io.KeysDownDurationPrev[k] >= 0.0f) return false;
    return g.ActiveId == 0 && g.OpenPopupStack.Size == 0 && !g.DragDropActive &&
           g.MovingWindow == nullptr && !g.NavMoveScoringItems && !g.NavInitRequest &&
           g.NavActivateId == 0;
}

bool quiet_frame() {
    Frame& f = this_frame();
    if (!f.quiet) f.quiet = quiet_now();
    return *f.quiet;
}

PanelReplay::Key key_now(const ImGuiWindow* w, std::uint64_t revision) {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    PanelReplay::Key k;
    k.revision = revision;
    k.pos = w->Pos;
    k.size = w->Size;
    k.scroll = w->Scroll;
    k.start = w->DC.CursorPos;
    k.font = g.Font;
    k.font_size = g.FontSize;
    k.texture = g.Font != nullptr ? g.Font->ContainerAtlas->TexID : nullptr;
    k.white_uv = g.DrawListSharedData.TexUvWhitePixel;
    k.nav_window = g.NavWindow;
    k.nav_id = g.NavId;
    k.nav_highlight = !g.NavDisableHighlight;
    k.tracing = trace::active();
    k.style = g.Style;
    return k;
}

PanelReplay::Layout layout_now(const ImGuiWindow* w) {
    PanelReplay::Layout l;
    l.cursor = w->DC.CursorPos;
    l.prev_line_cursor = w->DC.CursorPosPrevLine;
    l.curr_line = w->DC.CurrLineSize;
    l.prev_line = w->DC.PrevLineSize;
    l.cursor_max = w->DC.CursorMaxPos;
    l.ideal_max = w->DC.IdealMaxPos;
    l.curr_offset = w->DC.CurrLineTextBaseOffset;
    l.prev_offset = w->DC.PrevLineTextBaseOffset;
    l.nav_layers = w->DC.NavLayersActiveMaskNext;
    return l;
}

void put_layout(ImGuiWindow* w, const PanelReplay::Layout& l) {
    w->DC.CursorPos = l.cursor;
    w->DC.CursorPosPrevLine = l.prev_line_cursor;
    w->DC.CurrLineSize = l.curr_line;
    w->DC.PrevLineSize = l.prev_line;
    w->DC.CursorMaxPos = l.cursor_max;
    w->DC.IdealMaxPos = l.ideal_max;
    w->DC.CurrLineTextBaseOffset = l.curr_offset;
    w->DC.PrevLineTextBaseOffset = l.prev_offset;
    w->DC.NavLayersActiveMaskNext = static_cast<short>(l.nav_layers);
}

void copy_segment(ImDrawList* dl, const PanelReplay::Segment& s) {
    const int nv = static_cast<int>(s.vertices.size());
    const int ni = static_cast<int>(s.indices.size());
    dl->PushClipRect(ImVec2(s.clip.x, s.clip.y), ImVec2(s.clip.z, s.clip.w), false);
    dl->PushTextureID(s.texture);
    dl->PrimReserve(ni, nv);  // starts a new command past 64K vertices, as ImGui's own calls
    std::memcpy(dl->_VtxWritePtr, s.vertices.data(), s.vertices.size() * sizeof(ImDrawVert));
    const unsigned base = dl->_VtxCurrentIdx;
    if (base >= s.base) {
        draw::add_to_indices(dl->_IdxWritePtr, s.indices.data(), s.indices.size(), base - s.base);
    } else {
        const unsigned sub = s.base - base;
        for (std::size_t i = 0; i < s.indices.size(); ++i)
            dl->_IdxWritePtr[i] = static_cast<ImDrawIdx>(s.indices[i] - sub);
    }
    dl->_VtxWritePtr += nv;
    dl->_IdxWritePtr += ni;
    dl->_VtxCurrentIdx += static_cast<unsigned>(nv);
    dl->PopTextureID();
    dl->PopClipRect();
}

std::shared_ptr<ImDrawList> make_list(const std::vector<PanelReplay::Segment>& segments,
                                      const ImDrawList* like) {
    auto list = std::make_shared<ImDrawList>(ImGui::GetDrawListSharedData());
    list->_ResetForNewFrame();
    list->Flags = like->Flags;
    std::size_t nv = 0, ni = 0;
    for (const PanelReplay::Segment& s : segments) {
        nv += s.vertices.size();
        ni += s.indices.size();
    }
    list->VtxBuffer.reserve(static_cast<int>(nv));
    list->IdxBuffer.reserve(static_cast<int>(ni));
    for (const PanelReplay::Segment& s : segments) copy_segment(list.get(), s);
    list->_PopUnusedDrawCmd();
    return list;
}

bool same_lists(const ImDrawList& a, const ImDrawList& b) {
    if (a.VtxBuffer.Size != b.VtxBuffer.Size || a.IdxBuffer.Size != b.IdxBuffer.Size ||
        a.CmdBuffer.Size != b.CmdBuffer.Size ||
        !same_bytes(a.VtxBuffer.Data, b.VtxBuffer.Data,
                    static_cast<std::size_t>(a.VtxBuffer.Size) * sizeof(ImDrawVert)) ||
        !same_bytes(a.IdxBuffer.Data, b.IdxBuffer.Data,
                    static_cast<std::size_t>(a.IdxBuffer.Size) * sizeof(ImDrawIdx)))
        return false;
    for (int c = 0; c < a.CmdBuffer.Size; ++c) {
        const ImDrawCmd& x = a.CmdBuffer[c];
        const ImDrawCmd& y = b.CmdBuffer[c];
        if (!same_bytes(&x.ClipRect, &y.ClipRect, sizeof x.ClipRect) ||
            x.TextureId != y.TextureId || x.VtxOffset != y.VtxOffset ||
            x.IdxOffset != y.IdxOffset || x.ElemCount != y.ElemCount)
            return false;
    }
    return true;
}

// What the draw added to the window's list since the mark, command by command, and the part
// of the screen it covers; false when a command is a callback.
bool segments_since(const ImDrawList* dl, int commands, int indices,
                    std::vector<PanelReplay::Segment>& out, ImVec4& bounds, int indices_end = -1) {
    const int end = indices_end < 0 ? dl->IdxBuffer.Size : indices_end;
    for (int c = std::max(0, commands - 1); c < dl->CmdBuffer.Size; ++c) {
        const ImDrawCmd& cmd = dl->CmdBuffer[c];
        if (cmd.UserCallback != nullptr) return false;
        const int from = std::max(static_cast<int>(cmd.IdxOffset), indices);
        const int to = std::min(static_cast<int>(cmd.IdxOffset + cmd.ElemCount), end);
        if (from >= to) continue;
        unsigned lo = ~0u, hi = 0;
        for (int i = from; i < to; ++i) {
            lo = std::min<unsigned>(lo, dl->IdxBuffer[i]);
            hi = std::max<unsigned>(hi, dl->IdxBuffer[i]);
        }
        PanelReplay::Segment s;
        s.clip = cmd.ClipRect;
        s.texture = cmd.TextureId;
        s.base = lo;
        const ImDrawVert* first = dl->VtxBuffer.Data + cmd.VtxOffset + lo;
        s.vertices.assign(first, first + (hi - lo + 1));
        s.indices.assign(dl->IdxBuffer.Data + from, dl->IdxBuffer.Data + to);
        for (const ImDrawVert& v : s.vertices) {
            const float x = std::clamp(v.pos.x, s.clip.x, s.clip.z);
            const float y = std::clamp(v.pos.y, s.clip.y, s.clip.w);
            bounds = ImVec4(std::min(bounds.x, x), std::min(bounds.y, y), std::max(bounds.z, x),
                            std::max(bounds.w, y));
        }
        out.push_back(std::move(s));
    }
    return true;
}

std::string last_item_bytes() {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    return std::string(reinterpret_cast<const char*>(&g.LastItemData), sizeof g.LastItemData);
}

// After ImGui::Render(): the lists of this frame's replayed units go into the frame's draw
// data, each right after the part of its window's list drawn before it.
void compose(Frame& shown) {
    ImDrawData* data = ImGui::GetDrawData();
    if (data == nullptr || !data->Valid || shown.units.empty()) return;
    shown.lists.clear();
    std::size_t tails = 0;
    data->TotalVtxCount = data->TotalIdxCount = 0;
    const auto add = [&](ImDrawList* list) {
        shown.lists.push_back(list);
        data->TotalVtxCount += list->VtxBuffer.Size;
        data->TotalIdxCount += list->IdxBuffer.Size;
    };
    for (int l = 0; l < data->CmdListsCount; ++l) {
        ImDrawList* list = data->CmdLists[l];
        std::vector<const Unit*> here;
        for (const Unit& u : shown.units)
            if (u.owner == list) here.push_back(&u);
        if (here.empty()) {
            add(list);
            continue;
        }
        // The window's list up to the first unit, each unit's list, and after each what the
        // window drew before the next one (copied): the frame's order, triangle for triangle.
        std::vector<ImDrawList*> after;
        for (std::size_t k = 0; k < here.size(); ++k) {
            const Split& from = here[k]->at;
            const int to = k + 1 < here.size() ? here[k + 1]->at.indices : list->IdxBuffer.Size;
            if (to <= from.indices) {
                after.push_back(nullptr);
                continue;
            }
            std::vector<PanelReplay::Segment> segments;
            ImVec4 bounds(FLT_MAX, FLT_MAX, -FLT_MAX, -FLT_MAX);
            (void)segments_since(list, from.commands, from.indices, segments, bounds, to);
            if (shown.tails.size() <= tails)
                shown.tails.push_back(std::make_unique<ImDrawList>(ImGui::GetDrawListSharedData()));
            ImDrawList* tail = shown.tails[tails++].get();
            tail->_ResetForNewFrame();
            tail->Flags = list->Flags;
            for (const PanelReplay::Segment& seg : segments) copy_segment(tail, seg);
            tail->_PopUnusedDrawCmd();
            after.push_back(tail);
        }
        // The window's own list ends where the first unit was replayed.
        const Split& first = here.front()->at;
        list->CmdBuffer.resize(std::max(1, first.commands));
        ImDrawCmd& last = list->CmdBuffer.back();
        last.ElemCount = static_cast<unsigned>(first.indices) - last.IdxOffset;
        list->IdxBuffer.resize(first.indices);
        list->VtxBuffer.resize(first.vertices);
        add(list);
        for (std::size_t k = 0; k < here.size(); ++k) {
            add(here[k]->list.get());
            if (after[k] != nullptr) add(after[k]);
        }
    }
    data->CmdLists = shown.lists.data();
    data->CmdListsCount = static_cast<int>(shown.lists.size());
}

}  // namespace

bool PanelReplay::Key::operator==(const Key& o) const {
    return revision == o.revision && same(pos, o.pos) && same(size, o.size) &&
           same(scroll, o.scroll) && same(start, o.start) && font == o.font &&
           font_size == o.font_size && texture == o.texture && same(white_uv, o.white_uv) &&
           nav_window == o.nav_window && nav_id == o.nav_id && nav_highlight == o.nav_highlight &&
           tracing == o.tracing && same_bytes(&style, &o.style, sizeof style);
}

bool PanelReplay::Layout::operator==(const Layout& o) const {
    return same(cursor, o.cursor) && same(prev_line_cursor, o.prev_line_cursor) &&
           same(curr_line, o.curr_line) && same(prev_line, o.prev_line) &&
           same(cursor_max, o.cursor_max) && same(ideal_max, o.ideal_max) &&
           curr_offset == o.curr_offset && prev_offset == o.prev_offset &&
           nav_layers == o.nav_layers;
}

bool PanelReplay::Drawn::same_as(const Drawn& o) const {
    if (!(key == o.key) || !list || !o.list || !same_lists(*list, *o.list) ||
        !(layout == o.layout) || last_item != o.last_item || texts != o.texts ||
        items.size() != o.items.size())
        return false;
    for (std::size_t i = 0; i < items.size(); ++i)
        if (items[i].label != o.items[i].label || !same(items[i].min, o.items[i].min) ||
            !same(items[i].max, o.items[i].max))
            return false;
    return true;
}

bool replay_unit(PanelReplay& keep, std::uint64_t revision, bool enabled, bool stretch,
                 PanelMark& mark) {
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    mark.capture = false;
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    // A window covers its rectangle; a stretch what its last draw covered.
    const bool pointer_over =
        stretch ? keep.last && inside(mouse, keep.last->area) : w->Rect().Contains(mouse);
    if (!enabled || w->SkipItems || pointer_over || !quiet_frame()) {
        // A draw with the pointer over it, a key or a click: nothing of it is kept.
        keep.steady = false;
        keep.replayed = 0;
        return false;
    }
    mark.key = key_now(w, revision);
    if (keep.steady && keep.last && keep.last->key == mark.key) {
        const PanelReplay::Drawn& d = *keep.last;
        if (w->DrawList->IdxBuffer.Size == 0) {
            // ImGui leaves an empty list out of the frame, and the unit goes after it: one
            // triangle of no area and no colour keeps it in.
            w->DrawList->PrimReserve(3, 3);
            for (int i = 0; i < 3; ++i)
                w->DrawList->PrimWriteVtx(w->Pos, w->DrawList->_Data->TexUvWhitePixel, 0);
            for (int i = 0; i < 3; ++i)
                w->DrawList->PrimWriteIdx(static_cast<ImDrawIdx>(w->DrawList->_VtxCurrentIdx - 3 +
                                                                 static_cast<unsigned>(i)));
        }
        const ImDrawList* dl = w->DrawList;
        this_frame().units.push_back(
            Unit{dl, d.list, Split{dl->CmdBuffer.Size, dl->IdxBuffer.Size, dl->VtxBuffer.Size}});
        put_layout(w, d.layout);
        std::memcpy(&ImGui::GetCurrentContext()->LastItemData, d.last_item.data(),
                    d.last_item.size());
        if (trace::Sink* sink = trace::installed()) {
            sink->items.insert(sink->items.end(), d.items.begin(), d.items.end());
            sink->texts.insert(sink->texts.end(), d.texts.begin(), d.texts.end());
        }
        ++keep.replayed;
        return true;
    }
    keep.replayed = 0;
    mark.capture = w->DrawList->_Splitter._Count <= 1;
    mark.stretch = stretch;
    mark.commands = w->DrawList->CmdBuffer.Size;
    mark.indices = w->DrawList->IdxBuffer.Size;
    mark.children = w->DC.ChildWindows.Size;
    if (const trace::Sink* sink = trace::installed()) {
        mark.items = sink->items.size();
        mark.texts = sink->texts.size();
    }
    return false;
}

void end_unit(PanelReplay& keep, const PanelMark& mark, bool asked, std::any extra) {
    if (!mark.capture) return;  // a draw that is not kept (replay_unit said why)
    ImGuiWindow* w = ImGui::GetCurrentWindow();
    PanelReplay::Drawn d;
    d.key = mark.key;
    d.layout = layout_now(w);
    // A window covers its rectangle; a stretch the window's width, from where it began to
    // where it left the cursor, and wherever it painted.
    d.area = mark.stretch
                 ? ImVec4(w->Pos.x, std::min(mark.key.start.y, d.layout.prev_line_cursor.y),
                          w->Pos.x + w->Size.x,
                          std::max(d.layout.cursor.y,
                                   d.layout.prev_line_cursor.y + d.layout.prev_line.y))
                 : ImVec4(w->Pos.x, w->Pos.y, w->Pos.x + w->Size.x, w->Pos.y + w->Size.y);
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    std::vector<PanelReplay::Segment> segments;
    const bool keepable =
        !asked && w->DC.ChildWindows.Size == mark.children && w->DrawList->_Splitter._Count <= 1 &&
        !inside(mouse, d.area) &&
        segments_since(w->DrawList, mark.commands, mark.indices, segments, d.area) &&
        !inside(mouse, d.area);
    if (!keepable) {
        keep.last.reset();
        keep.steady = false;
        return;
    }
    d.list = make_list(segments, w->DrawList);
    d.last_item = last_item_bytes();
    if (const trace::Sink* sink = trace::installed()) {
        d.items.assign(sink->items.begin() + static_cast<std::ptrdiff_t>(mark.items),
                       sink->items.end());
        d.texts.assign(sink->texts.begin() + static_cast<std::ptrdiff_t>(mark.texts),
                       sink->texts.end());
    }
    d.extra = std::move(extra);
    keep.steady = keep.last && keep.last->same_as(d);
    if (!keep.steady) keep.last = std::move(d);
}

PanelReplay& PanelReplays::month(int key) {
    const int frame = ImGui::GetFrameCount();
    if (months.size() >= kMonths && months.find(key) == months.end()) {
        auto oldest = months.begin();
        for (auto it = months.begin(); it != months.end(); ++it)
            if (it->second.used < oldest->second.used) oldest = it;
        months.erase(oldest);
    }
    PanelReplay& keep = months[key];
    keep.used = frame;
    return keep;
}

PanelReplayStore::PanelReplayStore() : p_(std::make_unique<PanelReplays>()) {}
PanelReplayStore::~PanelReplayStore() = default;
PanelReplayStore::PanelReplayStore(const PanelReplayStore&) : PanelReplayStore() {}
PanelReplayStore& PanelReplayStore::operator=(const PanelReplayStore& other) {
    if (this != &other) p_ = std::make_unique<PanelReplays>();
    return *this;
}
PanelReplayStore::PanelReplayStore(PanelReplayStore&& other) noexcept : p_(std::move(other.p_)) {}
PanelReplayStore& PanelReplayStore::operator=(PanelReplayStore&& other) noexcept {
    p_ = std::move(other.p_);
    return *this;
}
PanelReplays& PanelReplayStore::get() const {
    if (!p_) p_ = std::make_unique<PanelReplays>();  // moved from
    return *p_;
}

}  // namespace ui
