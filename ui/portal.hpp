// The desktop's own file chooser through the XDG desktop portal (Debian's libportal), used
// when a portal runs on the session bus; otherwise the window draws its own path field
// (ui/file_dialog). libportal, GIO and GLib live in the portal module
// (course-planner-portal.so, ui/portal/), loaded at the first file dialog and only when a
// session bus is there to ask; when it cannot be loaded, the window's own dialog. The
// request runs on a thread of its own with its own GLib main context, so the frame loop
// keeps sleeping in glfwWaitEvents: the thread calls `wake` (glfwPostEmptyEvent) once the
// chooser closes. No busy-waiting, no polling timer.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ui {

namespace fs = std::filesystem;

class PortalChooser {
public:
    explicit PortalChooser(std::function<void()> wake);
    ~PortalChooser();  // cancels a chooser still open and waits for its thread
    PortalChooser(const PortalChooser&) = delete;
    PortalChooser& operator=(const PortalChooser&) = delete;

    // True when org.freedesktop.portal.Desktop has an owner on the session bus. Asked once,
    // at the first file dialog (never at start-up, never from the command line). False
    // when COURSE_PLANNER_NO_PORTAL is set, when there is no session bus to ask, or when the
    // portal module cannot be loaded.
    [[nodiscard]] bool available();
    // Opens the chooser; false when it could not be asked (then the window's own dialog).
    // `pattern`: the files the chooser lists ("*.courseplan.json", "*.png").
    [[nodiscard]] bool start(bool save, const std::string& title, const fs::path& folder,
                             const std::string& name,
                             const std::string& pattern = "*.courseplan.json");
    [[nodiscard]] bool busy() const;
    // Once the chooser closed: the chosen file, or nullopt when it was cancelled.
    [[nodiscard]] std::optional<std::optional<fs::path>> take_result();
    void cancel();

    struct Impl;  // the module's chooser, in portal.cpp

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace ui
