#include "ui/draw_util.hpp"

#include <imgui_internal.h>  // ImRsqrt, as ImGui's own line code uses

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "planner/text.hpp"
#include "ui/stamps.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"
#include "ui/visit_marks.hpp"

namespace ui::draw {

// [SECTION] Date keys

int day_key(chr::year_month_day d) {
    return d.ok() ? static_cast<int>(chr::sys_days{d}.time_since_epoch().count()) : 0;
}

int month_key(chr::year_month m) {
    return m.ok() ? static_cast<int>(m.year()) * 12 + static_cast<int>(unsigned{m.month()}) : 0;
}

// [SECTION] State lookups

const planner::Visit* find_visit(const AppState& state, std::size_t course, std::size_t visit) {
    if (course >= state.planned.size()) return nullptr;
    const auto& visits = state.planned[course].expansion.visits;
    return visit < visits.size() ? &visits[visit] : nullptr;
}

bool course_shown(const AppState& state, std::size_t course) {
    return course < state.planned.size() && !state.planned[course].course.hidden;
}

bool is_selected(const AppState& state, std::size_t course, std::size_t visit) {
    const auto& sel = state.view.selection;
    return sel && sel->course == course && sel->visit && *sel->visit == visit;
}

planner::PhaseKind phase_kind(const AppState& state, std::size_t course, std::size_t visit) {
    const planner::Visit* v = find_visit(state, course, visit);
    if (v == nullptr) return planner::PhaseKind::induction;
    const auto& phases = state.planned[course].protocol.phases;
    return v->phase < phases.size() ? phases[v->phase].kind : planner::PhaseKind::induction;
}

std::string visit_title(const AppState& state, std::size_t course, std::size_t visit) {
    const planner::Visit* v = find_visit(state, course, visit);
    return v ? planner::text::visit_title(state.planned[course].protocol, *v) : std::string{};
}

// [SECTION] Input

bool keys_for_this_view() {
    const ImGuiIO& io = ImGui::GetIO();
    return ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows) && !io.WantTextInput &&
           !ImGui::IsAnyItemActive();
}

bool key_pressed(ImGuiKey key) {
    return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key));
}

int typed_zoom_steps() {
    const ImGuiIO& io = ImGui::GetIO();
    if (io.KeyCtrl) return 0;  // Ctrl+plus/minus is the app's zoom, not the view's
    int steps = 0;
    for (const ImWchar c : io.InputQueueCharacters) {
        if (c == '+' || c == '=') ++steps;
        if (c == '-' || c == '_') --steps;
    }
    return steps;
}

// [SECTION] Colours

ImU32 with_alpha(ImU32 color, float alpha) {
    const float a = static_cast<float>((color >> IM_COL32_A_SHIFT) & 0xFF) * alpha;
    const auto a8 = static_cast<ImU32>(std::lround(std::clamp(a, 0.0f, 255.0f)));
    return (color & ~IM_COL32_A_MASK) | (a8 << IM_COL32_A_SHIFT);
}

ImU32 text_on(ImU32 fill) {
    const float r = static_cast<float>((fill >> IM_COL32_R_SHIFT) & 0xFF) / 255.0f;
    const float g = static_cast<float>((fill >> IM_COL32_G_SHIFT) & 0xFF) / 255.0f;
    const float b = static_cast<float>((fill >> IM_COL32_B_SHIFT) & 0xFF) / 255.0f;
    const float luma = 0.2126f * r + 0.7152f * g + 0.0722f * b;
    return luma > 0.55f ? IM_COL32(20, 20, 24, 255) : IM_COL32(255, 255, 255, 255);
}

ImU32 focus_color() {
    return ImGui::GetColorU32(ImGuiCol_NavHighlight);
}

// [SECTION] Shapes

namespace {

// One dash as the three quads (core and two fringes) ImGui's anti-aliased AddLine makes of a
// thick segment, vertex for vertex, without its general polyline code.
void thick_dash(ImDrawList* dl, ImVec2 p0, ImVec2 p1, ImU32 color, float thickness) {
    p0 = ImVec2(p0.x + 0.5f, p0.y + 0.5f);  // AddLine's pixel-centre offset
    p1 = ImVec2(p1.x + 0.5f, p1.y + 0.5f);
    float nx = p1.x - p0.x, ny = p1.y - p0.y;
    if (const float d2 = nx * nx + ny * ny; d2 > 0.0f) {
        const float inv = ImRsqrt(d2);
        nx *= inv;
        ny *= inv;
    }
    const ImVec2 n0(ny, -nx);
    ImVec2 n1 = n0;  // the end point's normal is averaged with itself, then fixed up
    if (const float d2 = n1.x * n1.x + n1.y * n1.y; d2 > 0.000001f) {
        const float inv = std::min(1.0f / d2, 100.0f);
        n1 = ImVec2(n1.x * inv, n1.y * inv);
    }
    const float aa = dl->_FringeScale;
    const float inner = (thickness - aa) * 0.5f;
    const float outer = inner + aa;
    const ImU32 clear = color & ~IM_COL32_A_MASK;
    const ImVec2 uv = dl->_Data->TexUvWhitePixel;
    dl->PrimReserve(18, 8);
    const auto idx = static_cast<ImDrawIdx>(dl->_VtxCurrentIdx);
    ImDrawVert* v = dl->_VtxWritePtr;
    const auto put = [&](int i, ImVec2 p, ImVec2 n, float k, ImU32 c) {
        v[i].pos = ImVec2(p.x + n.x * k, p.y + n.y * k);
        v[i].uv = uv;
        v[i].col = c;
    };
    put(0, p0, n0, outer, clear);
    put(1, p0, n0, inner, color);
    put(2, p0, n0, -inner, color);
    put(3, p0, n0, -outer, clear);
    put(4, p1, n1, outer, clear);
    put(5, p1, n1, inner, color);
    put(6, p1, n1, -inner, color);
    put(7, p1, n1, -outer, clear);
    static constexpr int kOrder[18] = {5, 1, 2, 2, 6, 5, 5, 1, 0, 0, 4, 5, 6, 2, 3, 3, 7, 6};
    for (int i = 0; i < 18; ++i) dl->_IdxWritePtr[i] = static_cast<ImDrawIdx>(idx + kOrder[i]);
    dl->_VtxWritePtr += 8;
    dl->_IdxWritePtr += 18;
    dl->_VtxCurrentIdx += 8;
}

}  // namespace

// Dashes are many (every optional window, in every week it crosses), so those outside the
// clip rectangle are skipped and the rest emitted directly; the pixels are AddLine's.
void dashed_line(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash, float thickness) {
    const float dx = b.x - a.x;
    const float dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    if (len <= 0.0f || dash <= 0.0f || (color & IM_COL32_A_MASK) == 0) return;
    const float reach = thickness + dl->_FringeScale + 1.0f;
    const ImVec2 clip_min = dl->GetClipRectMin();
    const ImVec2 clip_max = dl->GetClipRectMax();
    const auto outside = [&](ImVec2 p, ImVec2 q) {
        return std::max(p.x, q.x) + reach < clip_min.x || std::min(p.x, q.x) - reach > clip_max.x ||
               std::max(p.y, q.y) + reach < clip_min.y || std::min(p.y, q.y) - reach > clip_max.y;
    };
    if (outside(a, b)) return;
    // ImGui's own thick anti-aliased path (not the textured one it uses for whole widths).
    const bool direct = (dl->Flags & ImDrawListFlags_AntiAliasedLines) != 0 &&
                        thickness > dl->_FringeScale &&
                        thickness - static_cast<float>(static_cast<int>(thickness)) > 0.00001f;
    for (float t = 0.0f; t < len; t += 2.0f * dash) {
        const float e = std::min(t + dash, len);
        const ImVec2 p(a.x + dx * t / len, a.y + dy * t / len);
        const ImVec2 q(a.x + dx * e / len, a.y + dy * e / len);
        if (outside(p, q)) continue;
        if (direct)
            thick_dash(dl, p, q, color, thickness);
        else
            dl->AddLine(p, q, color, thickness);
    }
}

void dashed_rect(ImDrawList* dl, ImVec2 min, ImVec2 max, ImU32 color, float dash, float thickness) {
    dashed_line(dl, min, ImVec2(max.x, min.y), color, dash, thickness);
    dashed_line(dl, ImVec2(max.x, min.y), max, color, dash, thickness);
    dashed_line(dl, max, ImVec2(min.x, max.y), color, dash, thickness);
    dashed_line(dl, ImVec2(min.x, max.y), min, color, dash, thickness);
}

void bold_text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color,
               std::string_view s) {
    const float shift = std::max(1.0f, size / 18.0f);
    dl->AddText(font, size, pos, color, s.data(), s.data() + s.size());
    dl->AddText(font, size, ImVec2(pos.x + shift, pos.y), color, s.data(), s.data() + s.size());
}

void text(ImDrawList* dl, ImFont* font, float size, ImVec2 pos, ImU32 color, std::string_view s,
          const ImVec4* clip) {
    dl->AddText(font, size, pos, color, s.data(), s.data() + s.size(), 0.0f, clip);
}

void course_badge(ImDrawList* dl, ImVec2 min, float side, std::size_t course) {
    const ImU32 fill = course_color(course);
    rect_filled(dl, min, ImVec2(min.x + side, min.y + side), fill, side * 0.25f);
    const std::string letter = course_letter(course);
    ImFont* f = ImGui::GetFont();
    // Two letters (AA) are drawn smaller so they stay inside the badge.
    const float size = side * (letter.size() > 1 ? 0.55f : 0.8f);
    const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, letter.c_str());
    bold_text(dl, f, size, ImVec2(min.x + (side - ts.x) * 0.5f, min.y + (side - ts.y) * 0.5f),
              text_on(fill), letter);
}

namespace {

// The 24 points ImDrawList::AddCircle(..., 24) puts round a circle, as unit vectors computed
// the way ImGui computes them (PathArcTo from 0 to 2pi * 23/24 in 23 steps).
constexpr int kCircleSegments = 24;
const std::array<ImVec2, kCircleSegments>& unit_circle() {
    static const std::array<ImVec2, kCircleSegments> table = [] {
        std::array<ImVec2, kCircleSegments> t{};
        const float segments = static_cast<float>(kCircleSegments);
        const float a_max = (IM_PI * 2.0f) * (segments - 1.0f) / segments;
        for (int i = 0; i < kCircleSegments; ++i) {
            const float a = 0.0f + (static_cast<float>(i) / (segments - 1.0f)) * (a_max - 0.0f);
            t[static_cast<std::size_t>(i)] = ImVec2(std::cos(a), std::sin(a));
        }
        return t;
    }();
    return table;
}

void circle_path(ImDrawList* dl, ImVec2 c, float radius) {
    for (const ImVec2& u : unit_circle())
        dl->PathLineTo(ImVec2(c.x + u.x * radius, c.y + u.y * radius));
}

}  // namespace

void marker_shape(ImDrawList* dl, ImVec2 c, float r, planner::PhaseKind kind, ImU32 fill,
                  ImU32 outline, bool hollow, ImU32 ink) {
    const float t = std::max(1.5f, r * 0.2f);
    const planner::PhaseShape shape = planner::phase_shape(kind);
    const auto body = [&] {
        switch (shape) {
            case planner::PhaseShape::diamond: {
                const ImVec2 p[4] = {ImVec2(c.x, c.y - r * 1.2f), ImVec2(c.x + r * 1.2f, c.y),
                                     ImVec2(c.x, c.y + r * 1.2f), ImVec2(c.x - r * 1.2f, c.y)};
                dl->AddConvexPolyFilled(p, 4, fill);
                dl->AddPolyline(p, 4, outline, ImDrawFlags_Closed, hollow ? t : 1.0f);
                break;
            }
            case planner::PhaseShape::square: {
                const ImVec2 a(c.x - r * 0.9f, c.y - r * 0.9f);
                const ImVec2 b(c.x + r * 0.9f, c.y + r * 0.9f);
                dl->AddRectFilled(a, b, fill, r * 0.25f);
                if (hollow)
                    dashed_rect(dl, a, b, outline, r * 0.35f, t);
                else
                    dl->AddRect(a, b, outline, r * 0.25f, 0, 1.0f);
                break;
            }
            case planner::PhaseShape::circle:
                // AddCircleFilled(c, r, fill, 24) and AddCircle(c, r, outline, 24, ...), point for
                // point, from a table rather than 48 sines and cosines.
                if ((fill & IM_COL32_A_MASK) != 0 && r > 0.0f) {
                    circle_path(dl, c, r);
                    dl->PathFillConvex(fill);
                }
                if ((outline & IM_COL32_A_MASK) != 0 && r > 0.0f) {
                    circle_path(dl, c, r - 0.5f);
                    dl->PathStroke(outline, ImDrawFlags_Closed, hollow ? t : 1.0f);
                }
                break;
        }
    };
    // A hollow square's dashes depend on the clip rectangle; every other shape is kept.
    if (hollow && shape == planner::PhaseShape::square)
        body();
    else
        stamp(dl,
              StampId{100 + static_cast<int>(shape), r, hollow ? t : 1.0f, 0.0f, 0.0f, fill,
                      outline, hollow ? 1 : 0},
              c, body);
    // The glyph only where it can be read; the shape alone still tells the phase.
    if (r >= 6.0f) {
        const char glyph[2] = {planner::phase_marker(kind), '\0'};
        ImFont* f = ImGui::GetFont();
        const float size = r * 1.45f;
        const ImVec2 ts = f->CalcTextSizeA(size, 1e9f, 0.0f, glyph);
        dl->AddText(f, size, ImVec2(c.x - ts.x * 0.5f, c.y - ts.y * 0.55f), ink, glyph);
    }
}

// [SECTION] Layout painting

planner::layout::Measure measure() {
    ImFont* f = ImGui::GetFont();
    return [f](std::string_view s, bool bold) {
        const float size = f->FontSize > 0.0f ? f->FontSize : 1.0f;
        const float w = f->CalcTextSizeA(size, 1e9f, 0.0f, s.data(), s.data() + s.size()).x;
        // bold_text draws twice, shifted by size / 18.
        return static_cast<double>((w + (bold ? std::max(1.0f, size / 18.0f) : 0.0f)) / size);
    };
}

void paint_label(ImDrawList* dl, const planner::layout::Label& label, planner::PhaseKind kind,
                 ImVec2 min, ImVec2 max, float size, const planner::layout::CellStyle& st,
                 ImU32 ink, ImU32 shape_fill, ImU32 shape_ink) {
    ImFont* f = ImGui::GetFont();
    const float em = size;
    const float pad = static_cast<float>(st.chip_pad) * em;
    const float gap = static_cast<float>(st.gap) * em;
    const float ty = min.y + (max.y - min.y - size) * 0.5f - size * 0.05f;
    const float cy = min.y + (max.y - min.y) * 0.5f;
    float x = min.x + pad;
    bold_text(dl, f, size, ImVec2(x, ty), ink, label.letter);
    x += f->CalcTextSizeA(size, 1e9f, 0.0f, label.letter.c_str()).x + std::max(1.0f, size / 18.0f);
    if (label.marker) {
        const float w = static_cast<float>(st.marker_w) * em;
        const float r = std::min(w * 0.5f, (max.y - min.y) * 0.36f);
        marker_shape(dl, ImVec2(x + gap + w * 0.5f, cy), r, kind, shape_fill, shape_ink, false,
                     ink == shape_fill ? shape_ink : ink);
        x += gap + w;
    }
    if (!label.detail.empty()) {
        const ImVec4 clip(min.x, min.y, max.x, max.y);
        text(dl, f, size, ImVec2(x + gap, ty), ink, label.detail, &clip);
    }
}

// [SECTION] Test hooks

void trace_hit(std::string_view kind, const VisitHit& hit) {
    if (!trace::active()) return;
    trace::rect(
        std::string(kind) + " " + std::to_string(hit.course) + "/" + std::to_string(hit.visit),
        hit.min, hit.max);
}

// [SECTION] Legend

namespace {

// Where each legend item goes and its text's lines, for this width and size: computed once
// per key (AppState::caches.legend), painted every frame.
const LegendCache::Entry& legend_layout(const AppState& state,
                                        const planner::layout::LegendNeeds& needs, float em,
                                        float width, bool brief) {
    using planner::layout::LegendKind;
    ImFont* f = ImGui::GetFont();
    LegendCache& cache = state.caches.legend;
    LegendCache::Key key{plan_key(state), needs.today, needs.more, needs.phase_names,
                         brief,           f,           em,         width};
    for (auto it = cache.entries.begin(); it != cache.entries.end(); ++it)
        if (it->key == key) return *it;
    if (!cache.entries.empty() && !(cache.entries.back().key.plan == key.plan))
        cache.entries.clear();  // a new plan: every legend of the old one is stale
    if (cache.entries.size() >= LegendCache::kEntries) cache.entries.erase(cache.entries.begin());
    LegendCache::Entry entry;
    entry.key = std::move(key);
    const float line_h = em * 1.35f;
    const float gap = em * 1.1f;
    float x = 0.0f;
    float y = 0.0f;
    auto items = planner::layout::legend(state.planned, needs);
    for (auto& item : items) {
        const float key_w = item.kind == LegendKind::course || item.kind == LegendKind::phase_name
                                ? em * (item.key.size() > 2 ? 2.6f : 1.4f)
                                : em * 1.5f;
        const float text_room = width - key_w;
        // A title wider than the line wraps at words, indented under its text.
        auto lines = planner::layout::wrap_words(
            brief ? item.brief : item.text, text_room, 1.0, false, [&](std::string_view t, bool) {
                return static_cast<double>(
                    f->CalcTextSizeA(em, 1e9f, 0.0f, t.data(), t.data() + t.size()).x);
            });
        float text_w = 0.0f;
        for (const auto& l : lines)
            text_w = std::max(text_w, f->CalcTextSizeA(em, 1e9f, 0.0f, l.c_str()).x);
        const float w = key_w + text_w;
        if (x > 0.0f && x + w > width) {
            x = 0.0f;
            y += line_h;
        }
        const std::size_t count = lines.size();
        entry.items.push_back(LegendCache::Placed{std::move(item), key_w, x, y, std::move(lines)});
        y += static_cast<float>(count - 1) * line_h;
        x = count > 1 ? width : x + w + gap;
    }
    entry.height = items.empty() ? 0.0f : y + line_h;
    cache.entries.push_back(std::move(entry));
    return cache.entries.back();
}

}  // namespace

float legend(const AppState& state, const planner::layout::LegendNeeds& needs, float size,
             bool brief, bool draw) {
    using planner::layout::LegendKind;
    const float em = size > 0.0f ? size : ImGui::GetFontSize();
    const float width = std::max(ImGui::GetContentRegionAvail().x, em * 4.0f);
    const LegendCache::Entry& layout = legend_layout(state, needs, em, width, brief);
    if (!draw) return layout.height;
    const Palette& pal = palette(state.settings.theme);
    ImFont* f = ImGui::GetFont();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float line_h = em * 1.35f;
    ImDrawList* dl = ImGui::GetWindowDrawList();
    for (const LegendCache::Placed& placed : layout.items) {
        const planner::layout::LegendItem& item = placed.item;
        const ImVec2 at(origin.x + placed.x, origin.y + placed.y);
        const float cy = at.y + line_h * 0.5f;
        const ImU32 dim = pal.text_dim;
        switch (item.kind) {
            case LegendKind::course:
                course_badge(dl, ImVec2(at.x, cy - em * 0.5f), em, item.course);
                break;
            case LegendKind::phase:
                // Neutral grey: the phase shape is not any course's.
                marker_shape(dl, ImVec2(at.x + em * 0.55f, cy), em * 0.5f, item.phase, pal.text_dim,
                             pal.background, false, pal.background);
                break;
            case LegendKind::phase_name:
                course_badge(dl, ImVec2(at.x, cy - em * 0.5f), em, item.course);
                marker_shape(dl, ImVec2(at.x + em * 1.65f, cy), em * 0.42f, item.phase,
                             course_color(item.course), pal.background, false,
                             text_on(course_color(item.course)));
                break;
            case LegendKind::optional:
                dashed_rect(dl, ImVec2(at.x, cy - em * 0.4f),
                            ImVec2(at.x + em * 1.1f, cy + em * 0.4f), dim, em * 0.2f, 1.5f);
                break;
            case LegendKind::window:
                dl->AddRectFilled(ImVec2(at.x, cy - em * 0.3f),
                                  ImVec2(at.x + em * 1.1f, cy + em * 0.3f),
                                  course_color_soft(0, state.settings.theme));
                dl->AddRect(ImVec2(at.x, cy - em * 0.3f), ImVec2(at.x + em * 1.1f, cy + em * 0.3f),
                            course_color(0));
                break;
            case LegendKind::moved: {
                const ImVec2 a(at.x, cy - em * 0.4f);
                const ImVec2 b(at.x + em * 1.1f, cy + em * 0.4f);
                dl->AddRectFilled(a, b, course_color(0), em * 0.2f);
                const float s = em * 0.45f;
                dl->AddTriangleFilled(ImVec2(b.x - s, a.y), ImVec2(b.x, a.y), ImVec2(b.x, a.y + s),
                                      text_on(course_color(0)));
                break;
            }
            case LegendKind::closed:
                dl->AddLine(ImVec2(at.x, cy + em * 0.4f), ImVec2(at.x + em * 1.1f, cy - em * 0.4f),
                            pal.closed, 2.0f);
                break;
            case LegendKind::today:
                dl->AddRect(ImVec2(at.x, cy - em * 0.45f),
                            ImVec2(at.x + em * 1.1f, cy + em * 0.45f), pal.today, 0.0f, 0, 2.0f);
                break;
            case LegendKind::more:
                text(dl, f, em, ImVec2(at.x, cy - em * 0.55f), pal.text, item.key);
                break;
        }
        for (std::size_t l = 0; l < placed.lines.size(); ++l)
            text(dl, f, em,
                 ImVec2(at.x + placed.key_w,
                        at.y + (line_h - em) * 0.5f - em * 0.05f + static_cast<float>(l) * line_h),
                 item.kind == LegendKind::course ? pal.text : dim, placed.lines[l]);
        if (trace::active())
            trace::text((item.key.empty() ? "" : item.key + " ") +
                        (brief ? item.brief : item.text));
    }
    ImGui::Dummy(ImVec2(width, layout.height));
    return layout.height;
}

// [SECTION] Tooltip

void visit_tooltip(const AppState& state, std::size_t course, std::size_t visit) {
    const planner::Visit* v = find_visit(state, course, visit);
    if (!v) return;
    const planner::PlannedCourse& pc = state.planned[course];
    const Palette& pal = palette(state.settings.theme);
    ImGui::BeginTooltip();
    const float side = ImGui::GetFontSize();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    course_badge(ImGui::GetWindowDrawList(), at, side, course);
    ImGui::Dummy(ImVec2(side, side));
    ImGui::SameLine();
    ImGui::TextUnformatted(pc.protocol.title.c_str());
    ImGui::TextUnformatted(visit_title(state, course, visit).c_str());
    if (v->is_window()) {
        trace::text_line("Any day " + planner::text::between_dates(v->earliest, v->latest));
    } else {
        trace::text_line(planner::text::long_date(v->earliest));
        if (v->treatment_end > v->treatment_start)
            trace::text_line(planner::text::visit_times(pc.protocol, *v));
    }
    if (v->phase < pc.protocol.phases.size()) {
        const planner::Phase& phase = pc.protocol.phases[v->phase];
        ImGui::Text("Phase: %s, %s (%c)", phase.name.c_str(),
                    std::string(planner::phase_kind_label(phase.kind)).c_str(),
                    planner::phase_marker(phase.kind));
    }
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_dim);
    if (v->optional) ImGui::TextUnformatted("Optional: past the published minimum, or as needed");
    if (v->moved_from)
        trace::text_line("Moved from " + planner::text::long_date(*v->moved_from) +
                         (v->move_reason == planner::MoveReason::missed ? ": missed that day"
                          : v->move_reason == planner::MoveReason::plan ? " by this plan"
                          : v->move_reason == planner::MoveReason::taken
                              ? ": a moved visit takes that day"
                              : ": the clinic is closed that day"));
    ImGui::PopStyleColor();
    if (!v->note.empty()) trace::text_line(std::string(kNoteGlyph) + " Note: " + v->note);
    ImGui::PushStyleColor(ImGuiCol_Text, pal.text_dim);
    ImGui::TextUnformatted("Click to select, drag to move, right-click for more");
    ImGui::PopStyleColor();
    ImGui::EndTooltip();
}

}  // namespace ui::draw
