// The window's side of the portal module (ui/portal/abi.hpp): course-planner-portal.so is
// loaded at the first file dialog, and only when a session bus is there to ask, so the
// window maps no GLib, GIO or libportal at start and never when no portal can answer.
#include "ui/portal.hpp"

#include <cstdlib>
#include <memory>
#include <system_error>

#include "modules/load.hpp"
#include "ui/portal/abi.hpp"

namespace ui {

struct PortalChooser::Impl {
    std::function<void()> wake;
    std::optional<bool> available;
    std::unique_ptr<portal::Backend> backend;  // made by the module, at the first dialog
};

namespace {

// GLib would autolaunch a bus under X11 when none is set; asking must never start one.
bool session_bus_configured() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address != nullptr && address[0] != '\0') return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::error_code ec;
    return runtime != nullptr && runtime[0] == '/' && fs::is_socket(fs::path(runtime) / "bus", ec);
}

// The module's factory, once per process; nullptr when it cannot be loaded (then the
// window's own dialog, as when no portal runs).
portal::CreateFn module_factory() {
    static const portal::CreateFn create = [] {
        const modules::Loaded m = modules::load(portal::kFileName, "the file chooser",
                                                portal::kStampSymbol, portal::abi_stamp());
        return reinterpret_cast<portal::CreateFn>(modules::symbol(m, portal::kCreateSymbol));
    }();
    return create;
}

}  // namespace

PortalChooser::PortalChooser(std::function<void()> wake) : impl_(std::make_unique<Impl>()) {
    impl_->wake = std::move(wake);
}

PortalChooser::~PortalChooser() = default;  // the backend cancels and joins its thread

bool PortalChooser::available() {
    if (!impl_->available) {
        const char* off = std::getenv("COURSE_PLANNER_NO_PORTAL");
        impl_->available = false;
        if ((off == nullptr || off[0] == '\0') && session_bus_configured()) {
            if (const portal::CreateFn create = module_factory()) {
                impl_->backend.reset(create(&impl_->wake));
                impl_->available = impl_->backend != nullptr && impl_->backend->portal_running();
            }
        }
    }
    return *impl_->available;
}

bool PortalChooser::start(bool save, const std::string& title, const fs::path& folder,
                          const std::string& name, const std::string& pattern) {
    if (busy() || !available()) return false;
    return impl_->backend->start(save, title, folder, name, pattern);
}

bool PortalChooser::busy() const {
    return impl_->backend != nullptr && impl_->backend->busy();
}

std::optional<std::optional<fs::path>> PortalChooser::take_result() {
    if (impl_->backend == nullptr) return std::nullopt;
    return impl_->backend->take_result();
}

void PortalChooser::cancel() {
    if (impl_->backend != nullptr) impl_->backend->cancel();
}

}  // namespace ui
