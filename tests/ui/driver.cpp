#include "tests/ui/driver.hpp"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <stdexcept>
#include <string>

#include "ui/text_cache.hpp"

namespace ui::test {

Driver::Driver(ImVec2 display_size, bool real_fonts) {
    clear_text_cache();  // a new atlas: fonts may come back at the same addresses
    context_ = ImGui::CreateContext();
    ImGui::SetCurrentContext(context_);  // CreateContext makes only the first one current
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // tests never write imgui.ini
    io.LogFilename = nullptr;
    io.DisplaySize = display_size;
    io.DeltaTime = 1.0f / 60.0f;
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    // As imgui_impl_opengl3 sets on GL 3.2+: a draw list past 64K vertices is split, not refused.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
    // The same key map as imgui_impl_glfw in 1.86, so tests press GLFW key codes.
    io.KeyMap[ImGuiKey_Tab] = GLFW_KEY_TAB;
    io.KeyMap[ImGuiKey_LeftArrow] = GLFW_KEY_LEFT;
    io.KeyMap[ImGuiKey_RightArrow] = GLFW_KEY_RIGHT;
    io.KeyMap[ImGuiKey_UpArrow] = GLFW_KEY_UP;
    io.KeyMap[ImGuiKey_DownArrow] = GLFW_KEY_DOWN;
    io.KeyMap[ImGuiKey_PageUp] = GLFW_KEY_PAGE_UP;
    io.KeyMap[ImGuiKey_PageDown] = GLFW_KEY_PAGE_DOWN;
    io.KeyMap[ImGuiKey_Home] = GLFW_KEY_HOME;
    io.KeyMap[ImGuiKey_End] = GLFW_KEY_END;
    io.KeyMap[ImGuiKey_Insert] = GLFW_KEY_INSERT;
    io.KeyMap[ImGuiKey_Delete] = GLFW_KEY_DELETE;
    io.KeyMap[ImGuiKey_Backspace] = GLFW_KEY_BACKSPACE;
    io.KeyMap[ImGuiKey_Space] = GLFW_KEY_SPACE;
    io.KeyMap[ImGuiKey_Enter] = GLFW_KEY_ENTER;
    io.KeyMap[ImGuiKey_Escape] = GLFW_KEY_ESCAPE;
    io.KeyMap[ImGuiKey_KeyPadEnter] = GLFW_KEY_KP_ENTER;
    io.KeyMap[ImGuiKey_A] = GLFW_KEY_A;
    io.KeyMap[ImGuiKey_C] = GLFW_KEY_C;
    io.KeyMap[ImGuiKey_V] = GLFW_KEY_V;
    io.KeyMap[ImGuiKey_X] = GLFW_KEY_X;
    io.KeyMap[ImGuiKey_Y] = GLFW_KEY_Y;
    io.KeyMap[ImGuiKey_Z] = GLFW_KEY_Z;
    if (real_fonts) {
        const char* regular = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
        const char* bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
        const auto exists = [](const char* path) {
            std::FILE* f = std::fopen(path, "rb");
            if (f != nullptr) std::fclose(f);
            return f != nullptr;
        };
        if (exists(regular) && exists(bold)) {
            // FontRole order: regular, heading, large (ui/fonts.cpp's sizes).
            io.Fonts->AddFontFromFileTTF(regular, 17.0f);
            io.Fonts->AddFontFromFileTTF(bold, 21.0f);
            io.Fonts->AddFontFromFileTTF(regular, 34.0f);
        }
    }
    // The atlas must be built before NewFrame; any non-null texture id will do.
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels_, &width, &height);
    io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(1)));
    io.MousePos = ImVec2(-1.0f, -1.0f);
    trace::install(&sink_);
}

Driver::~Driver() {
    trace::install(nullptr);
    ImGui::DestroyContext(context_);
}

void Driver::frame(const Draw& draw) {
    // Two drivers can run side by side (tests/ui/view_cache_test): each frame is its own.
    ImGui::SetCurrentContext(context_);
    trace::install(&sink_);
    sink_.clear();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
}

void Driver::frames(int count, const Draw& draw) {
    for (int i = 0; i < count; ++i) frame(draw);
}

bool Driver::hover(std::string_view label, const Draw& draw) {
    const trace::Item* item = sink_.find(label);
    if (item == nullptr) return false;
    const ImVec2 at((item->min.x + item->max.x) * 0.5f, (item->min.y + item->max.y) * 0.5f);
    const ImVec2 screen = io().DisplaySize;
    if (at.x < 0.0f || at.y < 0.0f || at.x >= screen.x || at.y >= screen.y) return false;
    io().MousePos = at;
    frame(draw);
    return true;
}

bool Driver::scroll_to(std::string_view label, const Draw& draw) {
    // On screen and clear of the panel's bottom edge (its padding, the status bar); a list
    // that cannot scroll further leaves the widget where it is.
    const ImVec2 screen = io().DisplaySize;
    float last = 0.0f;
    for (int turn = 0; turn < 200; ++turn) {
        const trace::Item* item = sink_.find(label);
        if (item == nullptr) return false;
        const float y = (item->min.y + item->max.y) * 0.5f;
        if (y >= 0.0f && y <= screen.y * 0.75f) return true;
        if (turn > 0 && y == last) return y >= 0.0f && item->max.y <= screen.y;
        last = y;
        const float x = std::clamp((item->min.x + item->max.x) * 0.5f, 1.0f, screen.x - 1.0f);
        io().MousePos = ImVec2(x, std::clamp(y, 40.0f, screen.y - 40.0f));
        io().MouseWheel = y < 0.0f ? 1.0f : -1.0f;
        frame(draw);
        io().MouseWheel = 0.0f;
        frame(draw);
    }
    return false;
}

bool Driver::click(std::string_view label, const Draw& draw, int button, bool ctrl) {
    if (!hover(label, draw)) return false;
    io().KeyCtrl = ctrl;
    io().MouseDown[button] = true;
    frame(draw);
    io().MouseDown[button] = false;
    frame(draw);
    io().KeyCtrl = false;
    frame(draw);
    return true;
}

namespace {

ImVec2 centre(const trace::Item& item) {
    return ImVec2((item.min.x + item.max.x) * 0.5f, (item.min.y + item.max.y) * 0.5f);
}

}  // namespace

bool Driver::drag(std::string_view from, std::string_view to, const Draw& draw) {
    const trace::Item* target = sink_.find(to);
    const trace::Item* start = sink_.find(from);
    if (target == nullptr || start == nullptr) return false;
    return drag_to(centre(*start), centre(*target), draw);
}

bool Driver::drag_by(std::string_view from, float dx, const Draw& draw) {
    const trace::Item* item = sink_.find(from);
    if (item == nullptr) return false;
    const ImVec2 start = centre(*item);
    return drag_to(start, ImVec2(start.x + dx, start.y), draw);
}

bool Driver::drag_to(ImVec2 start, ImVec2 end, const Draw& draw) {
    io().MousePos = start;
    frame(draw);
    io().MouseDown[0] = true;
    frame(draw);
    for (int step = 1; step <= 4; ++step) {  // a person's drag crosses several frames
        const float t = static_cast<float>(step) / 4.0f;
        io().MousePos = ImVec2(start.x + (end.x - start.x) * t, start.y + (end.y - start.y) * t);
        frame(draw);
    }
    io().MouseDown[0] = false;
    frame(draw);
    frame(draw);
    return true;
}

void Driver::type(std::string_view text, const Draw& draw) {
    for (const char c : text) {
        io().AddInputCharacter(static_cast<unsigned char>(c));
        frame(draw);
    }
}

void Driver::key(int glfw_key, const Draw& draw, bool ctrl, bool shift) {
    ImGuiIO& in = io();
    in.KeyCtrl = ctrl;
    in.KeyShift = shift;
    in.KeysDown[glfw_key] = true;
    frame(draw);
    in.KeysDown[glfw_key] = false;
    frame(draw);
    in.KeyCtrl = false;
    in.KeyShift = false;
    frame(draw);
}

void for_each_triangle(const ImDrawData& data, ImVec2 display,
                       const std::function<void(Triangle corners, bool on_display)>& visit) {
    for (int l = 0; l < data.CmdListsCount; ++l) {
        const ImDrawList& list = *data.CmdLists[l];
        for (const ImDrawCmd& cmd : list.CmdBuffer) {
            for (unsigned i = 0; i + 3 <= cmd.ElemCount; i += 3) {
                const ImDrawVert* v[3];
                bool on = false;
                for (unsigned k = 0; k < 3; ++k) {
                    v[k] = &list.VtxBuffer[list.IdxBuffer[cmd.IdxOffset + i + k] +
                                           static_cast<int>(cmd.VtxOffset)];
                    on = on || (v[k]->pos.x >= 0.0f && v[k]->pos.y >= 0.0f &&
                                v[k]->pos.x <= display.x && v[k]->pos.y <= display.y);
                }
                visit(v, on);
            }
        }
    }
}

}  // namespace ui::test
