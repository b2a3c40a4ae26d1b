// What the frame loop does besides drawing, kept apart from GLFW: the autosave timer (one
// wake-up a few seconds after the last edit, none otherwise) and the desktop's file chooser
// (offered once per file dialog; its answer comes back as a command).
#pragma once

#include <cstdint>
#include <functional>

#include "ui/app.hpp"
#include "ui/portal.hpp"

namespace ui {

class Session {
public:
    // `wake` is called from the chooser's thread when it closes (glfwPostEmptyEvent).
    explicit Session(std::function<void()> wake);

    // Once per loop turn, after the frame's commands: writes an autosave that is due, hands
    // a new file dialog to the desktop's chooser, applies its answer. True when the state
    // changed in a way that needs a frame.
    bool tick(AppState& state, double now);
    // Seconds until the next timer, at most `idle`.
    [[nodiscard]] double timeout(double now, double idle) const;

private:
    PortalChooser portal_;
    std::uint64_t offered_dialog_ = 0;  // the last dialog id handed to the portal (or not)
    std::uint64_t seen_version_ = 0;    // the document and autosave versions last looked at
    std::uint64_t seen_autosaved_ = 0;
    double autosave_at_ = 0.0;  // 0: nothing due
};

}  // namespace ui
