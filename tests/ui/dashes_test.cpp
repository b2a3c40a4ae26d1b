// Dashed lines: drawn directly for speed, they must be exactly ImGui's own AddLine output
// (vertex for vertex, index for index), and dashes outside the clip rectangle add nothing.
#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <vector>

#include "tests/ui/driver.hpp"
#include "ui/draw_util.hpp"

namespace {

struct Emitted {
    std::vector<ImDrawVert> vertices;
    std::vector<int> indices;  // relative to the first vertex emitted
};

// What `draw` appends to the window's draw list.
template <class Draw>
Emitted capture(ImDrawList* dl, Draw&& draw) {
    const int v0 = dl->VtxBuffer.Size;
    const int i0 = dl->IdxBuffer.Size;
    const unsigned base = dl->_VtxCurrentIdx;
    draw();
    Emitted out;
    out.vertices.assign(dl->VtxBuffer.Data + v0, dl->VtxBuffer.Data + dl->VtxBuffer.Size);
    for (int i = i0; i < dl->IdxBuffer.Size; ++i)
        out.indices.push_back(static_cast<int>(dl->IdxBuffer[i]) - static_cast<int>(base));
    return out;
}

// The dashes as the window drew them before: one AddLine each.
void reference(ImDrawList* dl, ImVec2 a, ImVec2 b, ImU32 color, float dash, float thickness) {
    const float dx = b.x - a.x, dy = b.y - a.y;
    const float len = std::sqrt(dx * dx + dy * dy);
    for (float t = 0.0f; t < len; t += 2.0f * dash) {
        const float e = std::min(t + dash, len);
        dl->AddLine(ImVec2(a.x + dx * t / len, a.y + dy * t / len),
                    ImVec2(a.x + dx * e / len, a.y + dy * e / len), color, thickness);
    }
}

}  // namespace

TEST_CASE("dashed lines are ImGui's AddLine, vertex for vertex") {
    ui::test::Driver driver(ImVec2(800.0f, 600.0f));
    int compared = 0;
    driver.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(ImVec2(800.0f, 600.0f));
        ImGui::Begin("dashes");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        struct Line {
            ImVec2 a, b;
            float dash, thickness;
        };
        const Line lines[] = {{{10.3f, 20.7f}, {410.9f, 20.7f}, 5.1f, 1.5f},    // horizontal
                              {{33.0f, 40.0f}, {33.0f, 333.3f}, 5.1f, 1.5f},    // vertical
                              {{400.0f, 50.0f}, {50.5f, 50.0f}, 4.0f, 1.5f},    // right to left
                              {{20.0f, 300.0f}, {300.0f, 420.0f}, 6.0f, 1.5f},  // slanted
                              {{5.0f, 500.0f}, {705.0f, 500.0f}, 7.5f, 2.0f},   // textured width
                              {{5.0f, 550.0f}, {705.0f, 550.0f}, 7.5f, 1.0f},   // thin
                              {{5.0f, 580.0f}, {705.0f, 580.0f}, 3.3f, 2.7f}};
        for (const ImU32 color : {IM_COL32(0, 114, 178, 255), IM_COL32(230, 159, 0, 128)}) {
            for (const Line& l : lines) {
                const Emitted fast = capture(
                    dl, [&] { ui::draw::dashed_line(dl, l.a, l.b, color, l.dash, l.thickness); });
                const Emitted slow =
                    capture(dl, [&] { reference(dl, l.a, l.b, color, l.dash, l.thickness); });
                CAPTURE(l.thickness);
                REQUIRE(fast.vertices.size() == slow.vertices.size());
                REQUIRE(!fast.vertices.empty());
                CHECK(std::memcmp(fast.vertices.data(), slow.vertices.data(),
                                  fast.vertices.size() * sizeof(ImDrawVert)) == 0);
                CHECK(fast.indices == slow.indices);  // both relative to their first vertex
                ++compared;
            }
        }
        ImGui::End();
    });
    CHECK(compared == 14);
}

TEST_CASE("dashes outside the clip rectangle add nothing, inside ones still draw") {
    ui::test::Driver driver(ImVec2(800.0f, 600.0f));
    driver.frame([&] {
        ImGui::SetNextWindowPos(ImVec2(0.0f, 0.0f));
        ImGui::SetNextWindowSize(ImVec2(800.0f, 600.0f));
        ImGui::Begin("clipped");
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->PushClipRect(ImVec2(100.0f, 100.0f), ImVec2(200.0f, 200.0f));
        const ImU32 color = IM_COL32(0, 0, 0, 255);
        const Emitted below = capture(dl, [&] {
            ui::draw::dashed_line(dl, ImVec2(0.0f, 400.0f), ImVec2(700.0f, 400.0f), color, 5.0f,
                                  1.5f);
        });
        CHECK(below.vertices.empty());
        const Emitted across = capture(dl, [&] {
            ui::draw::dashed_line(dl, ImVec2(0.0f, 150.0f), ImVec2(700.0f, 150.0f), color, 5.0f,
                                  1.5f);
        });
        const Emitted all = capture(dl, [&] {
            reference(dl, ImVec2(0.0f, 150.0f), ImVec2(700.0f, 150.0f), color, 5.0f, 1.5f);
        });
        CHECK(!across.vertices.empty());
        CHECK(across.vertices.size() < all.vertices.size() / 4);  // about 100 of 700 pixels
        dl->PopClipRect();
        ImGui::End();
    });
}
