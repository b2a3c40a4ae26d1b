// The entry points of the render module (course-planner-render.so), which the program
// loads only to paint a picture or a handout: cairo, pango and the 30 libraries under them
// would otherwise be mapped and relocated by every command and by the window at start.
#pragma once

#include <string>
#include <vector>

#include "planner/result.hpp"
#include "render/render.hpp"

namespace render::module {

inline constexpr const char* kFileName = "course-planner-render.so";

// The module and the program must come from one build: they pass C++ objects.
inline std::string abi_stamp() {
    return std::string(COURSE_PLANNER_VERSION) + "/" +
           std::to_string(sizeof(planner::PlannedCourse)) + "/" +
           std::to_string(sizeof(SlideOptions)) + "/" + std::to_string(sizeof(HandoutOptions));
}

using StampFn = void (*)(std::string* out);
using SlideFn = void (*)(Format format, const std::vector<planner::PlannedCourse>* courses,
                         const SlideOptions* options, planner::Result<std::string>* out);
using HandoutFn = void (*)(const std::vector<planner::PlannedCourse>* courses,
                           const HandoutOptions* options, HandoutReport* report,
                           planner::Result<std::string>* out);

}  // namespace render::module
