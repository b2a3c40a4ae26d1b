// bench_frame CASE [FRAMES]: one full frame of the window's UI on a bare headless ImGui
// context (no GL), the same way ui_tests draw it, with the window's real fonts. make bench
// runs it under callgrind, collecting only measured_frame(), so the figure is instructions
// per frame whatever else the machine does. Cases:
//   demo              ImGui::ShowDemoWindow(), the yardstick, in the same harness
//   default           the first-start window: two courses, calendar, 1280x720, the pointer
//                     away from it (what a frame costs when the event was elsewhere)
//   default-pointer   the same with the pointer moving over the calendar's days
//   stress-calendar   8 courses x 5 years of boosters, calendar
//   stress-timeline   the same plan, timeline
//   stress-present    the same plan, presentation (large type)
// Prints what one frame drew (vertices, indices, draw commands, area painted over the
// window's area), so a change in GL cost can be told from a change in CPU cost.
#include <GLFW/glfw3.h>  // key codes only: the window's key map is imgui_impl_glfw's
#include <imgui.h>
#include <imgui_internal.h>  // the windows' names and places (the pointer case)

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "bench/stress_plan.hpp"
#include "planner/io.hpp"
#include "ui/app.hpp"
#include "ui/fonts.hpp"
#include "ui/frame.hpp"
#include "ui/replay.hpp"
#include "ui/theme.hpp"

namespace {

namespace chr = std::chrono;

constexpr chr::year_month_day kStart = bench::kStressStart;
constexpr chr::year_month_day kToday = chr::year{2026} / chr::January / 1;

struct Case {
    std::string name;
    bool demo = false;
    bool stress = false;
    bool present = false;
    bool pointer = false;  // the pointer moves over the calendar, a few pixels each frame
    ui::View view = ui::View::calendar;
};

ui::AppState make_state(const Case& c, const std::string& presets_dir) {
    planner::io::Library library = planner::io::load_library({presets_dir});
    std::vector<std::string> ids;
    if (c.stress)
        ids.assign(std::begin(bench::kStressPresets), std::end(bench::kStressPresets));
    else
        ids.assign(std::begin(ui::kDefaultPresets), std::end(ui::kDefaultPresets));
    ui::AppState state = ui::make_app_state(std::move(library), ids, kStart, kToday);
    if (c.stress) {
        for (planner::PlanCourse& pc : state.plan.courses)
            pc.course.booster_months = bench::kStressMonths;
        (void)ui::replan(state);
    }
    state.settings.view = c.view;
    state.view.presenting = c.present;
    return state;
}

// What the frame asks the GPU to do: sizes of the draw lists and the area of every
// triangle (inside its clip rectangle's bounds, roughly), over the window's area.
void describe(const ImDrawData& data, const ImVec2& display, std::size_t visits) {
    double area = 0.0;
    int commands = 0;
    for (int l = 0; l < data.CmdListsCount; ++l) {
        const ImDrawList& list = *data.CmdLists[l];
        std::fprintf(stderr, "list %s vtx %d idx %d cmds %d\n",
                     list._OwnerName ? list._OwnerName : "?", list.VtxBuffer.Size,
                     list.IdxBuffer.Size, list.CmdBuffer.Size);
        commands += list.CmdBuffer.Size;
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            const float cw = cmd.ClipRect.z - cmd.ClipRect.x, ch = cmd.ClipRect.w - cmd.ClipRect.y;
            double cmd_area = 0.0;
            for (unsigned i = 0; i + 2 < cmd.ElemCount; i += 3) {
                const ImDrawVert& a =
                    list.VtxBuffer[list.IdxBuffer[cmd.IdxOffset + i] + cmd.VtxOffset];
                const ImDrawVert& b =
                    list.VtxBuffer[list.IdxBuffer[cmd.IdxOffset + i + 1] + cmd.VtxOffset];
                const ImDrawVert& d =
                    list.VtxBuffer[list.IdxBuffer[cmd.IdxOffset + i + 2] + cmd.VtxOffset];
                cmd_area += std::abs((b.pos.x - a.pos.x) * (d.pos.y - a.pos.y) -
                                     (d.pos.x - a.pos.x) * (b.pos.y - a.pos.y)) *
                            0.5;
            }
            area += std::min(cmd_area, static_cast<double>(cw) * ch);
        }
    }
    std::printf("vertices %d indices %d commands %d painted %.2f windows visits %zu\n",
                data.TotalVtxCount, data.TotalIdxCount, commands,
                area / (static_cast<double>(display.x) * display.y), visits);
}

// Where the pointer is for the frame about to be drawn: away from every window, or over the
// calendar's months (found by name once the window has been laid out), a few pixels further
// on each frame, as when a person moves the mouse across the days.
void place_pointer(const Case& c) {
    ImGuiIO& io = ImGui::GetIO();
    io.MousePos = ImVec2(-1.0f, -1.0f);
    if (!c.pointer) return;
    static int step = 0;
    for (const ImGuiWindow* w : ImGui::GetCurrentContext()->Windows) {
        if (std::string_view(w->Name).find("##calendar") == std::string_view::npos) continue;
        ++step;
        io.MousePos = ImVec2(w->Pos.x + w->Size.x * 0.3f + static_cast<float>(step % 40) * 3.0f,
                             w->Pos.y + w->Size.y * 0.4f);
    }
}

void frame(const Case& c, const ui::AppState& state) {
    place_pointer(c);
    ImGui::NewFrame();
    if (c.demo) {
        ImGui::ShowDemoWindow();
    } else {
        ui::Commands commands;
        ui::draw_frame(state, commands);
    }
    ImGui::Render();
}

// The one function callgrind collects (--toggle-collect=measured_frame*).
[[gnu::noinline]] void measured_frame(const Case& c, const ui::AppState& state) {
    frame(c, state);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(
            stderr,
            "usage: bench_frame demo|default|default-pointer|stress-calendar|stress-timeline|"
            "stress-present [FRAMES] [PRESETS_DIR]\n");
        return 2;
    }
    Case c;
    c.name = argv[1];
    c.demo = c.name == "demo";
    c.stress = c.name.rfind("stress-", 0) == 0;
    c.present = c.name == "stress-present";
    c.pointer = c.name == "default-pointer";
    c.view = c.name == "stress-timeline" ? ui::View::timeline : ui::View::calendar;
    if (!c.demo && !c.stress && c.name != "default" && !c.pointer) {
        std::fprintf(stderr, "bench_frame: unknown case %s\n", argv[1]);
        return 2;
    }
    const int frames = argc > 2 ? std::max(1, std::atoi(argv[2])) : 10;
    const std::string presets = argc > 3 ? argv[3] : COURSE_PLANNER_PRESETS_DIR;

    ImGuiContext* context = ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(1280.0f, 720.0f);  // the window's default size
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // What imgui_impl_opengl3 declares on GL 3.2+: draw lists past 64K vertices are split.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    io.MousePos = ImVec2(-1.0f, -1.0f);
    // imgui_impl_glfw's key map (keyboard navigation needs one).
    const int keys[][2] = {{ImGuiKey_Tab, GLFW_KEY_TAB},
                           {ImGuiKey_LeftArrow, GLFW_KEY_LEFT},
                           {ImGuiKey_RightArrow, GLFW_KEY_RIGHT},
                           {ImGuiKey_UpArrow, GLFW_KEY_UP},
                           {ImGuiKey_DownArrow, GLFW_KEY_DOWN},
                           {ImGuiKey_PageUp, GLFW_KEY_PAGE_UP},
                           {ImGuiKey_PageDown, GLFW_KEY_PAGE_DOWN},
                           {ImGuiKey_Home, GLFW_KEY_HOME},
                           {ImGuiKey_End, GLFW_KEY_END},
                           {ImGuiKey_Insert, GLFW_KEY_INSERT},
                           {ImGuiKey_Delete, GLFW_KEY_DELETE},
                           {ImGuiKey_Backspace, GLFW_KEY_BACKSPACE},
                           {ImGuiKey_Space, GLFW_KEY_SPACE},
                           {ImGuiKey_Enter, GLFW_KEY_ENTER},
                           {ImGuiKey_Escape, GLFW_KEY_ESCAPE},
                           {ImGuiKey_KeyPadEnter, GLFW_KEY_KP_ENTER},
                           {ImGuiKey_A, GLFW_KEY_A},
                           {ImGuiKey_C, GLFW_KEY_C},
                           {ImGuiKey_V, GLFW_KEY_V},
                           {ImGuiKey_X, GLFW_KEY_X},
                           {ImGuiKey_Y, GLFW_KEY_Y},
                           {ImGuiKey_Z, GLFW_KEY_Z}};
    for (const auto& k : keys) io.KeyMap[k[0]] = k[1];
    ui::AppState state;
    if (!c.demo) state = make_state(c, presets);
    ui::FontOptions fonts;
    fonts.large = c.present;
    fonts.symbols = ui::symbols_in(state.library);
    (void)ui::load_fonts(*io.Fonts, fonts);  // no cache: the build is outside the count
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    ui::apply_style(state.settings.theme, 1.0f);

    // Windows sized and the layout settled: ImGui's tables size their columns over the first
    // frames (the comparison table takes five), so fewer would measure that, not a redraw.
    for (int i = 0; i < 8; ++i) frame(c, state);
    for (int i = 0; i < frames; ++i) measured_frame(c, state);
    std::size_t visits = 0;
    for (const auto& pc : state.planned) visits += pc.expansion.visits.size();
    // How many of the measured frames each part was drawn again from the last (ui/replay.hpp).
    const ui::PanelReplays& p = state.caches.panels.get();
    std::printf(
        "case %s frames %d replayed top %d courses %d centre %d edit-bar %d legend %d "
        "months %d details %d ",
        c.name.c_str(), frames, p.top.replayed, p.courses.replayed, p.centre.replayed,
        p.centre_top.replayed, p.legend.replayed, p.calendar.replayed, p.details.replayed);
    describe(*ImGui::GetDrawData(), io.DisplaySize, visits);
    ImGui::DestroyContext(context);
    return 0;
}
