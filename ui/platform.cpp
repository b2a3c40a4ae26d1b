// [SECTION] Index: fonts, callbacks (wake-ups), screenshot, Window (setup/teardown), loop.
#include "ui/platform.hpp"

#define GLFW_INCLUDE_NONE
#include <GL/gl.h>
#include <GLFW/glfw3.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>
#include <imgui.h>
#include <stb_image_write.h>  // implementation in libstb: no STB_IMAGE_WRITE_IMPLEMENTATION

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "planner/parse.hpp"
#include "ui/file_commands.hpp"
#include "ui/fonts.hpp"
#include "ui/frame.hpp"
#include "ui/session.hpp"
#include "ui/settings.hpp"
#include "ui/theme.hpp"
#include "ui/trace.hpp"

namespace ui {

namespace {

// [SECTION] Font texture
// The backend uploads the atlas as RGBA (llvmpipe's fast path; a one-byte texture sampled
// through a swizzle cost more to draw than it saved); ImGui's CPU copies are freed at once.
void remake_font_texture() {
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    ImGui::GetIO().Fonts->ClearTexData();
}

// [SECTION] Callbacks: every event wakes the loop for a few frames
struct Wake {
    bool dirty = true;
    // ImGui 1.86 has no input queue: a key pressed and released between two frames (a quick
    // tap, xdotool) would never be seen, so presses are latched for one frame.
    struct Press {
        int key;
        int mods;
    };
    std::vector<Press> presses;
    bool close_asked = false;  // the window's close button: apply decides (unsaved changes)
};

void mark(GLFWwindow* window) {
    if (auto* wake = static_cast<Wake*>(glfwGetWindowUserPointer(window))) wake->dirty = true;
}

void install_wake_callbacks(GLFWwindow* w) {
    // Installed before ImGui's, which chain to these.
    glfwSetKeyCallback(w, [](GLFWwindow* win, int key, int, int action, int mods) {
        mark(win);
        auto* wake = static_cast<Wake*>(glfwGetWindowUserPointer(win));
        if (wake != nullptr && action == GLFW_PRESS && key >= 0 && key < 512)
            wake->presses.push_back({key, mods});
    });
    glfwSetCharCallback(w, [](GLFWwindow* win, unsigned int) { mark(win); });
    glfwSetMouseButtonCallback(w, [](GLFWwindow* win, int, int, int) { mark(win); });
    glfwSetCursorPosCallback(w, [](GLFWwindow* win, double, double) { mark(win); });
    glfwSetCursorEnterCallback(w, [](GLFWwindow* win, int) { mark(win); });
    glfwSetScrollCallback(w, [](GLFWwindow* win, double, double) { mark(win); });
    glfwSetWindowFocusCallback(w, [](GLFWwindow* win, int) { mark(win); });
    glfwSetFramebufferSizeCallback(w, [](GLFWwindow* win, int, int) { mark(win); });
    glfwSetWindowContentScaleCallback(w, [](GLFWwindow* win, float, float) { mark(win); });
    glfwSetWindowRefreshCallback(w, [](GLFWwindow* win) { mark(win); });
    // Closing asks first when there are unsaved changes, so the close is held here.
    glfwSetWindowCloseCallback(w, [](GLFWwindow* win) {
        mark(win);
        if (auto* wake = static_cast<Wake*>(glfwGetWindowUserPointer(win)))
            wake->close_asked = true;
        glfwSetWindowShouldClose(win, GLFW_FALSE);
    });
}

// [SECTION] Screenshot
bool save_png(const std::filesystem::path& path, int width, int height) {
    std::vector<unsigned char> pixels(static_cast<std::size_t>(width) * height * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadBuffer(GL_BACK);
    glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    // GL's first row is the bottom one; PNG's is the top. Alpha is forced opaque.
    const std::size_t stride = static_cast<std::size_t>(width) * 4;
    std::vector<unsigned char> flipped(pixels.size());
    for (int y = 0; y < height; ++y) {
        const unsigned char* src =
            pixels.data() + static_cast<std::size_t>(height - 1 - y) * stride;
        unsigned char* dst = flipped.data() + static_cast<std::size_t>(y) * stride;
        for (std::size_t x = 0; x < stride; ++x) dst[x] = (x % 4 == 3) ? 255 : src[x];
    }
    return stbi_write_png(path.c_str(), width, height, 4, flipped.data(),
                          static_cast<int>(stride)) != 0;
}

void glfw_error(int code, const char* description) {
    std::cerr << "course-planner: GLFW error " << code << ": " << description << "\n";
}

constexpr int kExtraFrames = 3;        // after input, so hover and layout settle
constexpr int kScreenshotFrames = 6;   // frames before a screenshot, for the same reason
constexpr double kIdleTimeout = 60.0;  // wake once a minute to notice a new day
constexpr double kSaveDelay = 0.5;     // seconds a settings change rests before it is saved

// COURSE_PLANNER_TRACE=1, for the Xvfb tests only: where the traced widgets were drawn,
// on stderr after each frame that moved any, so xdotool can press exactly on a visit.
class TraceDump {
public:
    TraceDump() {
        const char* on = std::getenv("COURSE_PLANNER_TRACE");
        if (on == nullptr || std::string_view(on) != "1") return;
        sink_ = std::make_unique<trace::Sink>();
        trace::install(sink_.get());
    }
    ~TraceDump() {
        if (sink_) trace::install(nullptr);
    }
    TraceDump(const TraceDump&) = delete;
    TraceDump& operator=(const TraceDump&) = delete;
    void begin_frame() {
        if (sink_) sink_->clear();
    }
    void end_frame() {
        if (!sink_) return;
        std::string dump;
        for (const trace::Item& i : sink_->items)
            dump += "trace: " + i.label + " @ " + std::to_string(std::lround(i.min.x)) + " " +
                    std::to_string(std::lround(i.min.y)) + " " +
                    std::to_string(std::lround(i.max.x)) + " " +
                    std::to_string(std::lround(i.max.y)) + "\n";
        if (dump == last_) return;
        last_ = std::move(dump);
        std::cerr << "trace: frame\n" << last_ << "trace: end\n" << std::flush;
    }

private:
    std::unique_ptr<trace::Sink> sink_;
    std::string last_;
};

}  // namespace

int run_window(AppState& state, const WindowOptions& options) {
    const char* no_display = kNoDisplay;
    if (!has_display()) {
        std::cerr << no_display << "\n";
        return 2;
    }
    // 1. GLFW. The error callback is set after init so a failed init prints one line.
    if (glfwInit() != GLFW_TRUE) {
        std::cerr << no_display << "\n";
        return 2;
    }
    glfwSetErrorCallback(glfw_error);

    // 2. Window and GL 3.3 core context.
    glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
    glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
    glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
    glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
    GLFWwindow* window = glfwCreateWindow(state.settings.window_width, state.settings.window_height,
                                          "Course Planner", nullptr, nullptr);
    if (window == nullptr) {
        std::cerr << "course-planner: could not open an OpenGL 3.3 window (try `course-planner "
                     "show` for the terminal calendar)\n";
        glfwTerminate();
        return 2;
    }
    glfwMakeContextCurrent(window);
    glfwSwapInterval(1);
    // Below this the views no longer fit (seven days, every visit drawn or counted).
    glfwSetWindowSizeLimits(window, kMinWindowWidth, kMinWindowHeight, GLFW_DONT_CARE,
                            GLFW_DONT_CARE);
    Wake wake;
    glfwSetWindowUserPointer(window, &wake);
    install_wake_callbacks(window);

    // 3. ImGui and its two backends.
    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is fixed; settings live in settings.json
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    io.ConfigInputTextCursorBlink = false;  // a blinking caret would need frames while idle
    ImGui_ImplGlfw_InitForOpenGL(window, true);
    ImGui_ImplOpenGL3_Init("#version 330 core");

    // 4. Fonts and style at content scale times zoom (reloaded when either changes); the
    // presentation size only once presentation opens. The atlas comes from the cache.
    float content_scale = 1.0f;
    glfwGetWindowContentScale(window, &content_scale, nullptr);
    FontOptions fonts;
    fonts.scale = content_scale * state.settings.zoom;
    fonts.large = state.view.presenting;
    fonts.symbols = symbols_in(state.library);
    fonts.cache_dir = options.font_cache_dir;
    FontLoad font_load = load_fonts(*io.Fonts, fonts);
    Theme styled_theme = state.settings.theme;
    apply_style(styled_theme, fonts.scale);
    ImGui_ImplOpenGL3_CreateDeviceObjects();  // shaders and the font texture, before any frame
    io.Fonts->ClearTexData();

    // 5. The loop: draw only after events, then a few frames more; wait otherwise.
    const bool scripted = options.screenshot.has_value() || options.frames > 0;
    Settings saved = state.settings;
    double changed_at = 0.0;
    bool fullscreen = false;
    int windowed_x = 0, windowed_y = 0, windowed_w = 0, windowed_h = 0;
    int busy = kExtraFrames;
    int frame_count = 0;
    int status = 0;
    chr::year_month_day today = state.today;
    Session session([] { glfwPostEmptyEvent(); });  // the chooser's thread wakes the loop
    std::string title;
    TraceDump trace_dump;
    while (!glfwWindowShouldClose(window)) {
        if (scripted || busy > 0) {
            glfwPollEvents();
        } else {
            // Asleep until an event, a pending settings save, or a minute (a new day).
            const double timeout = changed_at > 0.0
                                       ? std::max(0.01, kSaveDelay - (glfwGetTime() - changed_at))
                                       : kIdleTimeout;
            glfwWaitEventsTimeout(std::max(0.01, session.timeout(glfwGetTime(), timeout)));
        }
        if (wake.dirty) {
            busy = kExtraFrames;
            wake.dirty = false;
        }
        if (wake.close_asked) {
            wake.close_asked = false;
            if (apply(state, cmd::Quit{})) busy = kExtraFrames;
        }
        if (!scripted && session.tick(state, glfwGetTime())) busy = kExtraFrames;
        if (state.files.quit) break;
        if (const std::string t = window_title(state); t != title) {
            title = t;
            glfwSetWindowTitle(window, title.c_str());
        }
        if (const auto now = planner::today_local(); now != today) {  // past midnight
            today = now;
            (void)apply(state, cmd::SetToday{now});
            busy = kExtraFrames;
        }

        // Presentation goes full screen on the window's monitor, and back.
        if (options.fullscreen_when_presenting && state.view.presenting != fullscreen) {
            fullscreen = state.view.presenting;
            if (fullscreen) {
                glfwGetWindowPos(window, &windowed_x, &windowed_y);
                glfwGetWindowSize(window, &windowed_w, &windowed_h);
                GLFWmonitor* monitor = glfwGetPrimaryMonitor();
                if (const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr)
                    glfwSetWindowMonitor(window, monitor, 0, 0, mode->width, mode->height,
                                         mode->refreshRate);
            } else {
                glfwSetWindowMonitor(window, nullptr, windowed_x, windowed_y, windowed_w,
                                     windowed_h, 0);
            }
            busy = kExtraFrames;
        }
        if (!fullscreen) {
            int w = 0, h = 0;
            glfwGetWindowSize(window, &w, &h);
            // Without a window manager nothing enforces the size limits: do it here.
            if (w > 0 && h > 0 && (w < kMinWindowWidth || h < kMinWindowHeight)) {
                w = std::max(w, kMinWindowWidth);
                h = std::max(h, kMinWindowHeight);
                glfwSetWindowSize(window, w, h);
                busy = kExtraFrames;
            }
            (void)apply(state, cmd::SetWindowSize{w, h});
        }

        // Fonts and style between frames, never inside one.
        glfwGetWindowContentScale(window, &content_scale, nullptr);
        const float wanted_scale = content_scale * state.settings.zoom;
        const bool wanted_large = fonts.large || state.view.presenting;
        if (wanted_scale != fonts.scale || wanted_large != fonts.large ||
            styled_theme != state.settings.theme) {
            if (wanted_scale != fonts.scale || wanted_large != fonts.large) {
                fonts.scale = wanted_scale;
                fonts.large = wanted_large;
                font_load = load_fonts(*io.Fonts, fonts);
                remake_font_texture();
            }
            styled_theme = state.settings.theme;
            apply_style(styled_theme, fonts.scale);
            busy = kExtraFrames;
        }

        // Settings are saved once they have rested, so a resize drag writes once.
        if (!scripted && !options.settings_file.empty()) {
            const double now = glfwGetTime();
            if (same_settings(saved, state.settings)) {
                changed_at = 0.0;
            } else if (changed_at == 0.0) {
                changed_at = now;
            } else if (now - changed_at >= kSaveDelay) {
                if (auto r = save_settings(options.settings_file, state.settings); !r) {
                    (void)apply(state,
                                cmd::ReportError{"settings not saved: " + r.error().message()});
                    busy = kExtraFrames;
                }
                saved = state.settings;
                changed_at = 0.0;
            }
        }

        if (!scripted && busy == 0) continue;  // nothing happened: draw nothing

        ImGui_ImplOpenGL3_NewFrame();
        ImGui_ImplGlfw_NewFrame();
        // Keys pressed and already released since the last frame are held for this one, and so
        // are the modifiers they came with: Ctrl let go before '=' (a quick Ctrl+=) still counts.
        std::vector<int> held;
        const bool ctrl = io.KeyCtrl, shift = io.KeyShift, alt = io.KeyAlt, super = io.KeySuper;
        const bool latched = !wake.presses.empty();
        for (const Wake::Press& p : wake.presses) {
            if (!io.KeysDown[p.key]) {
                io.KeysDown[p.key] = true;
                held.push_back(p.key);
            }
            const auto is = [&](int a, int b) { return p.key == a || p.key == b; };
            io.KeyCtrl = io.KeyCtrl || (p.mods & GLFW_MOD_CONTROL) != 0 ||
                         is(GLFW_KEY_LEFT_CONTROL, GLFW_KEY_RIGHT_CONTROL);
            io.KeyShift = io.KeyShift || (p.mods & GLFW_MOD_SHIFT) != 0 ||
                          is(GLFW_KEY_LEFT_SHIFT, GLFW_KEY_RIGHT_SHIFT);
            io.KeyAlt = io.KeyAlt || (p.mods & GLFW_MOD_ALT) != 0 ||
                        is(GLFW_KEY_LEFT_ALT, GLFW_KEY_RIGHT_ALT);
            io.KeySuper = io.KeySuper || (p.mods & GLFW_MOD_SUPER) != 0 ||
                          is(GLFW_KEY_LEFT_SUPER, GLFW_KEY_RIGHT_SUPER);
        }
        wake.presses.clear();
        // A screenshot shows the plan, not where the pointer happens to be (no hover, no
        // tooltip), so the same flags give the same picture.
        if (options.screenshot) {
            io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
            for (bool& down : io.MouseDown) down = false;
        }
        ImGui::NewFrame();
        Commands commands;
        trace_dump.begin_frame();
        draw_frame(state, commands);
        trace_dump.end_frame();
        ImGui::Render();
        for (const int key : held) io.KeysDown[key] = false;
        if (latched) {
            io.KeyCtrl = ctrl;
            io.KeyShift = shift;
            io.KeyAlt = alt;
            io.KeySuper = super;
            busy = std::max(busy, 1);  // the release must be seen by a frame too
        }
        int fb_w = 0, fb_h = 0;
        glfwGetFramebufferSize(window, &fb_w, &fb_h);
        glViewport(0, 0, fb_w, fb_h);
        const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(palette(state.settings.theme).background);
        glClearColor(bg.x, bg.y, bg.z, 1.0f);
        glClear(GL_COLOR_BUFFER_BIT);
        ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
        ++frame_count;
        if (options.screenshot && frame_count >= kScreenshotFrames) {
            if (!save_png(*options.screenshot, fb_w, fb_h)) {
                std::cerr << "course-planner: --screenshot: could not write "
                          << options.screenshot->string() << "\n";
                status = 2;
            }
            glfwSetWindowShouldClose(window, GLFW_TRUE);
        }
        if (options.frames > 0 && frame_count >= options.frames && !options.screenshot)
            glfwSetWindowShouldClose(window, GLFW_TRUE);
        glfwSwapBuffers(window);
        // A freshly built atlas is cached once the frame is up, so the write never delays it.
        if (!font_load.pending.empty()) {
            (void)save_font_cache(font_load);  // no cache (read-only home): the next start builds
            font_load.pending.clear();
        }

        busy = apply_all(state, commands) ? kExtraFrames : std::max(0, busy - 1);
        // The presets the first frame did not need (ui::load_courses), once it is on screen.
        if (complete_library(state)) busy = kExtraFrames;
    }
    // A clean exit leaves no autosave behind; unsaved changes stay for the next start.
    if (!scripted && (!unsaved(state) || state.files.quit))  // quit: saved or discarded
        end_session(autosave_dir(state.files.state_dir), state.files.session);
    if (!scripted && !options.settings_file.empty() && !same_settings(saved, state.settings))
        if (auto r = save_settings(options.settings_file, state.settings); !r)
            std::cerr << "course-planner: settings not saved: " << r.error().message() << "\n";

    // 6. Teardown in reverse order.
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplGlfw_Shutdown();
    ImGui::DestroyContext();
    glfwDestroyWindow(window);
    glfwTerminate();
    return status;
}

}  // namespace ui
