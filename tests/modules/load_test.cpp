// modules::load: where a module is looked for, and the error that names the file when it is
// missing or from another build (the program prints it and exits 2).
#include "modules/load.hpp"

#include <doctest/doctest.h>

#include <string>

#include "render/module/abi.hpp"

namespace {

namespace fs = std::filesystem;

TEST_CASE("modules: looked for beside the program, then the install libdir, then the build") {
    const auto paths = modules::candidates("course-planner-window.so");
    REQUIRE(paths.size() == 3);
    for (const fs::path& p : paths) CHECK(p.filename() == "course-planner-window.so");
    CHECK(paths[1].parent_path().filename() == "course-planner");
    CHECK(paths[2].parent_path() == fs::path(COURSE_PLANNER_BUILD_DIR));
}

TEST_CASE("modules: a missing module names the file and every place looked in") {
    const modules::Loaded m =
        modules::load("course-planner-absent.so", "the absent part", "absent_stamp", "0/0");
    CHECK(m.handle == nullptr);
    CHECK(m.problem.find("the absent part course-planner-absent.so is not installed") == 0);
    for (const fs::path& p : modules::candidates("course-planner-absent.so"))
        CHECK(m.problem.find(p.string()) != std::string::npos);
    CHECK(modules::symbol(m, "absent_stamp") == nullptr);
}

TEST_CASE("modules: a module of another build is refused and named") {
    // The render module carries no window stamp: the same as a module of another build.
    const modules::Loaded m = modules::load("course-planner-render.so", "the window",
                                            "course_planner_window_stamp", "0.0.0/1/2/3");
    CHECK(m.handle == nullptr);
    CHECK(m.problem.find("course-planner-render.so is from another build of Course Planner") !=
          std::string::npos);
    CHECK(m.problem.find("this is 0.0.0/1/2/3") != std::string::npos);
}

TEST_CASE("modules: this build's module loads and its entry points are found") {
    const modules::Loaded m =
        modules::load(render::module::kFileName, "the picture painter",
                      "course_planner_render_stamp", render::module::abi_stamp());
    REQUIRE(m.handle != nullptr);
    CHECK(m.problem.empty());
    CHECK(modules::symbol(m, "course_planner_render_slide") != nullptr);
    CHECK(modules::symbol(m, "no_such_entry_point") == nullptr);
}

}  // namespace
