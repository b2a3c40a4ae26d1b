// The entry point of the portal module (course-planner-portal.so): the desktop's file
// chooser through libportal, loaded at the first file dialog only, so the window maps no
// GLib, GIO or libportal at start (ui/portal.hpp is the window's side).
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>

namespace ui::portal {

inline constexpr const char* kFileName = "course-planner-portal.so";
inline constexpr const char* kStampSymbol = "course_planner_portal_stamp";
inline constexpr const char* kCreateSymbol = "course_planner_portal_create";

class Backend;

// The module and the program must come from one build: they pass C++ objects.
inline std::string abi_stamp() {
    return std::string(COURSE_PLANNER_VERSION) + "/" +
           std::to_string(sizeof(std::function<void()>)) + "/" +
           std::to_string(sizeof(std::optional<std::optional<std::filesystem::path>>));
}

// One chooser at a time, each on a thread of its own with its own GLib main context, so the
// frame loop keeps sleeping in glfwWaitEvents: the thread calls `wake` once it closes.
class Backend {
public:
    Backend() = default;
    virtual ~Backend() = default;  // cancels a chooser still open and waits for its thread
    Backend(const Backend&) = delete;
    Backend& operator=(const Backend&) = delete;

    // True when org.freedesktop.portal.Desktop has an owner on the session bus.
    [[nodiscard]] virtual bool portal_running() = 0;
    [[nodiscard]] virtual bool start(bool save, const std::string& title,
                                     const std::filesystem::path& folder, const std::string& name,
                                     const std::string& pattern) = 0;
    [[nodiscard]] virtual bool busy() const = 0;
    [[nodiscard]] virtual std::optional<std::optional<std::filesystem::path>> take_result() = 0;
    virtual void cancel() = 0;
};

// A new backend (owned by the caller, deleted through the virtual destructor).
using CreateFn = Backend* (*)(const std::function<void()>* wake);

}  // namespace ui::portal
