// The program's side of render/: render::slide and render::handout load the render module
// on first use and call into it (see abi.hpp), found and checked by modules/load.
#include <string>
#include <vector>

#include "modules/load.hpp"
#include "render/module/abi.hpp"

namespace render {

namespace {

struct Module {
    module::SlideFn slide = nullptr;
    module::HandoutFn handout = nullptr;
    std::string problem;  // why it could not be loaded
};

[[nodiscard]] Module open_module() {
    Module m;
    const modules::Loaded loaded =
        modules::load(module::kFileName, "the picture painter", "course_planner_render_stamp",
                      module::abi_stamp());
    if (loaded.handle == nullptr) {
        m.problem = loaded.problem;
        return m;
    }
    m.slide =
        reinterpret_cast<module::SlideFn>(modules::symbol(loaded, "course_planner_render_slide"));
    m.handout = reinterpret_cast<module::HandoutFn>(
        modules::symbol(loaded, "course_planner_render_handout"));
    if (m.slide == nullptr || m.handout == nullptr)
        m.problem = std::string(module::kFileName) + " lacks the render entry points";
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
