// The program's side of render/: render::slide and render::handout load the render module
// on first use and call into it (see abi.hpp). Looked for beside the program (the build
// folder), then where `make install` puts it, then in this build's folder.
#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <string>
#include <vector>

#include "render/module/abi.hpp"

namespace render {

namespace {

namespace fs = std::filesystem;

struct Module {
    module::SlideFn slide = nullptr;
    module::HandoutFn handout = nullptr;
    std::string problem;  // why it could not be loaded
};

[[nodiscard]] std::vector<fs::path> candidates() {
    std::vector<fs::path> out;
    std::array<char, 4096> buf{};
    const ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    if (n > 0) {
        const fs::path dir =
            fs::path(std::string(buf.data(), static_cast<std::size_t>(n))).parent_path();
        out.push_back(dir / module::kFileName);
        out.push_back(dir.parent_path() / COURSE_PLANNER_RENDER_LIBDIR / module::kFileName);
    }
    out.emplace_back(COURSE_PLANNER_RENDER_BUILT);
    return out;
}

[[nodiscard]] Module open_module() {
    Module m;
    std::string tried;
    for (const fs::path& path : candidates()) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            tried += (tried.empty() ? "" : ", ") + path.string();
            continue;
        }
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            m.problem = path.string() + " could not be loaded (" + dlerror() + ")";
            return m;
        }
        const auto stamp =
            reinterpret_cast<module::StampFn>(dlsym(handle, "course_planner_render_stamp"));
        std::string theirs;
        if (stamp != nullptr) stamp(&theirs);
        if (theirs != module::abi_stamp()) {
            m.problem = path.string() + " is from another build of Course Planner (" + theirs +
                        ", this is " + module::abi_stamp() + ")";
            return m;
        }
        m.slide = reinterpret_cast<module::SlideFn>(dlsym(handle, "course_planner_render_slide"));
        m.handout =
            reinterpret_cast<module::HandoutFn>(dlsym(handle, "course_planner_render_handout"));
        if (m.slide == nullptr || m.handout == nullptr)
            m.problem = path.string() + " lacks the render entry points";
        return m;  // kept loaded for the rest of the process
    }
    m.problem = "the picture painter " + std::string(module::kFileName) +
                " is not installed (looked in " + tried + ")";
    return m;
}

[[nodiscard]] const Module& loaded() {
    static const Module m = open_module();
    return m;
}

[[nodiscard]] planner::Error unavailable(const Module& m) {
    return planner::Error{"--format", "pictures and handouts need " + m.problem};
}

}  // namespace

planner::Result<std::string> slide(Format format,
                                   const std::vector<planner::PlannedCourse>& courses,
                                   const SlideOptions& options) {
    const Module& m = loaded();
    if (m.slide == nullptr) return unavailable(m);
    planner::Result<std::string> out{std::string{}};
    m.slide(format, &courses, &options, &out);
    return out;
}

planner::Result<std::string> handout(const std::vector<planner::PlannedCourse>& courses,
                                     const HandoutOptions& options, HandoutReport* report) {
    const Module& m = loaded();
    if (m.handout == nullptr) return unavailable(m);
    planner::Result<std::string> out{std::string{}};
    m.handout(&courses, &options, report, &out);
    return out;
}

}  // namespace render
