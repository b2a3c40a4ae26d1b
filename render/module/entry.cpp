// The render module's side: the real painter behind three C symbols (see abi.hpp).
#include "render/module/abi.hpp"

#define CP_EXPORT extern "C" [[gnu::visibility("default")]]

CP_EXPORT void course_planner_render_stamp(std::string* out) {
    *out = render::module::abi_stamp();
}

CP_EXPORT void course_planner_render_slide(render::Format format,
                                           const std::vector<planner::PlannedCourse>* courses,
                                           const render::SlideOptions* options,
                                           planner::Result<std::string>* out) {
    *out = render::slide(format, *courses, *options);
}

CP_EXPORT void course_planner_render_handout(const std::vector<planner::PlannedCourse>* courses,
                                             const render::HandoutOptions* options,
                                             render::HandoutReport* report,
                                             planner::Result<std::string>* out) {
    *out = render::handout(*courses, *options, report);
}
