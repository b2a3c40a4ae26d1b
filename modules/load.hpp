// Finding and opening one of the program's dlopen modules (course-planner-render.so,
// course-planner-window.so, course-planner-portal.so): looked for beside the program (the
// build folder), then where `make install` puts it (<prefix>/<libdir>/course-planner, the
// prefix found from the program's own path), then in this build's folder. A module passes
// C++ objects, so it must come from the same build: each exports a stamp function, compared
// with the program's before anything else is called.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace modules {

using StampFn = void (*)(std::string* out);

struct Loaded {
    void* handle = nullptr;  // kept open for the rest of the process
    std::string problem;     // why it could not be loaded (empty when handle is set)
};

// The places looked in for `file_name`, in order.
[[nodiscard]] std::vector<std::filesystem::path> candidates(const std::string& file_name);
// The first of candidates() that exists, opened (RTLD_NOW | RTLD_LOCAL) and its stamp
// (`stamp_symbol`) checked against `stamp`. `what` names the module for a person, as in
// "the window course-planner-window.so is not installed (looked in ...)".
[[nodiscard]] Loaded load(const std::string& file_name, const std::string& what,
                          const char* stamp_symbol, const std::string& stamp);
// An entry point of a loaded module; nullptr when it lacks it.
[[nodiscard]] void* symbol(const Loaded& loaded, const char* name);

}  // namespace modules
