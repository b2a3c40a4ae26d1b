// LD_PRELOAD hook shared by course-planner and the stock ImGui example: timestamps the first
// presented frame (glfwSwapBuffers returned) from the launch time bench_launch put in the
// environment. After BENCH_HOOK_FRAMES swaps it writes "first_frame_ms peak_rss_kib cpu_ms"
// (cpu_ms: every thread so far) to BENCH_HOOK_OUT and ends the process. BENCH_HOOK_READY
// names a file made at the first swap (the idle measurement waits for it). Both programs
// call libglfw.so, so the same hook measures both the same way: the stock example links it,
// course-planner maps it with its window module (dlopen RTLD_LOCAL, so RTLD_NEXT does not
// see it; the hook then asks for the already loaded libglfw.so.3 by name).
#include <dlfcn.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>

struct GLFWwindow;

namespace {

long long now_ns() {
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<long long>(ts.tv_sec) * 1000000000LL + ts.tv_nsec;
}

long long env_number(const char* name, long long fallback) {
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::atoll(v) : fallback;
}

// VmHWM: the peak resident set so far, KiB.
long long peak_rss_kib() {
    std::FILE* f = std::fopen("/proc/self/status", "r");
    if (f == nullptr) return -1;
    char line[256];
    long long kib = -1;
    while (std::fgets(line, sizeof line, f) != nullptr)
        if (std::strncmp(line, "VmHWM:", 6) == 0) kib = std::atoll(line + 6);
    std::fclose(f);
    return kib;
}

// User and system time of every thread so far, ms.
double cpu_ms() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    const auto ms = [](const timeval& t) {
        return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_usec) / 1e3;
    };
    return ms(usage.ru_utime) + ms(usage.ru_stime);
}

using SwapFn = void (*)(GLFWwindow*);

SwapFn real_swap() {
    if (void* next = dlsym(RTLD_NEXT, "glfwSwapBuffers")) return reinterpret_cast<SwapFn>(next);
    void* glfw = dlopen("libglfw.so.3", RTLD_LAZY | RTLD_NOLOAD);
    if (glfw == nullptr) glfw = dlopen("libglfw.so.3", RTLD_LAZY);
    return glfw != nullptr ? reinterpret_cast<SwapFn>(dlsym(glfw, "glfwSwapBuffers")) : nullptr;
}

long long g_swaps = 0;
double g_first_ms = -1.0;

}  // namespace

extern "C" void glfwSwapBuffers(GLFWwindow* window) {
    static SwapFn real = real_swap();
    if (real != nullptr) real(window);
    ++g_swaps;
    if (g_swaps == 1) {
        const long long t0 = env_number("BENCH_T0_NS", 0);
        g_first_ms = t0 > 0 ? static_cast<double>(now_ns() - t0) / 1e6 : -1.0;
        if (const char* ready = std::getenv("BENCH_HOOK_READY"); ready != nullptr && *ready)
            if (std::FILE* f = std::fopen(ready, "w")) std::fclose(f);
    }
    const long long frames = env_number("BENCH_HOOK_FRAMES", 0);
    if (frames > 0 && g_swaps >= frames) {
        if (const char* out = std::getenv("BENCH_HOOK_OUT"); out != nullptr && *out != '\0') {
            if (std::FILE* f = std::fopen(out, "a")) {
                std::fprintf(f, "%.3f %lld %.1f\n", g_first_ms, peak_rss_kib(), cpu_ms());
                std::fclose(f);
            }
        }
        _exit(0);  // measured: no teardown, which neither program needs for the figures
    }
}
