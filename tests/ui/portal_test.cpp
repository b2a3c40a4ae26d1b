// PortalChooser: the portal module (course-planner-portal.so) is loaded only when a session
// bus is there to ask; with none, or with no portal on it, the window's own dialog is used.
#include "ui/portal.hpp"

#include <doctest/doctest.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "tests/env_var.hpp"

namespace {

using test_env::EnvVar;

bool mapped(const std::string& file) {
    std::ifstream maps("/proc/self/maps");
    std::stringstream text;
    text << maps.rdbuf();
    return text.str().find(file) != std::string::npos;
}

TEST_CASE("portal: COURSE_PLANNER_NO_PORTAL keeps the window's own dialog") {
    const EnvVar off("COURSE_PLANNER_NO_PORTAL", "1");
    ui::PortalChooser chooser([] {});
    CHECK_FALSE(chooser.available());
    CHECK_FALSE(chooser.start(true, "Save the plan as", "/tmp", "a.courseplan.json"));
    CHECK_FALSE(chooser.busy());
    CHECK_FALSE(chooser.take_result().has_value());
    chooser.cancel();  // nothing open: nothing to do
}

TEST_CASE("portal: no session bus, no module loaded and no dialog asked") {
    const EnvVar on("COURSE_PLANNER_NO_PORTAL", nullptr);
    const EnvVar bus("DBUS_SESSION_BUS_ADDRESS", nullptr);
    const EnvVar runtime("XDG_RUNTIME_DIR", "/nonexistent-runtime-dir");
    ui::PortalChooser chooser([] {});
    CHECK_FALSE(chooser.available());
    CHECK_FALSE(chooser.busy());
}

TEST_CASE("portal: a bus that does not answer, through the module: the window's own dialog") {
    const EnvVar on("COURSE_PLANNER_NO_PORTAL", nullptr);
    const EnvVar bus("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent-course-planner-bus");
    ui::PortalChooser chooser([] {});
    CHECK_FALSE(chooser.available());
    CHECK(mapped("course-planner-portal.so"));  // asked through the module, which said no
    CHECK_FALSE(chooser.start(false, "Open a plan", "/tmp", ""));
    CHECK_FALSE(chooser.busy());
    CHECK_FALSE(chooser.take_result().has_value());
}

}  // namespace
