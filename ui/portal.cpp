// [SECTION] Index: is a portal there, the request thread, the reply.
#include "ui/portal.hpp"

#include <gio/gio.h>
#include <libportal/portal.h>

#include <atomic>
#include <cstdlib>
#include <mutex>
#include <system_error>
#include <thread>

namespace ui {

struct PortalChooser::Impl {
    std::function<void()> wake;
    std::optional<bool> available;
    std::thread worker;
    std::atomic<bool> running{false};
    GCancellable* cancellable = nullptr;  // owned; made per request
    std::mutex mutex;
    std::optional<std::optional<fs::path>> result;  // guarded by mutex
};

namespace {

// [SECTION] Is a portal there
// GLib would autolaunch a bus under X11 when none is set; asking must never start one.
bool session_bus_configured() {
    const char* address = std::getenv("DBUS_SESSION_BUS_ADDRESS");
    if (address != nullptr && address[0] != '\0') return true;
    const char* runtime = std::getenv("XDG_RUNTIME_DIR");
    std::error_code ec;
    return runtime != nullptr && runtime[0] == '/' && fs::is_socket(fs::path(runtime) / "bus", ec);
}

bool portal_has_owner() {
    GError* error = nullptr;
    GDBusConnection* bus = g_bus_get_sync(G_BUS_TYPE_SESSION, nullptr, &error);
    if (bus == nullptr) {
        g_clear_error(&error);
        return false;
    }
    GVariant* reply = g_dbus_connection_call_sync(
        bus, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
        "NameHasOwner", g_variant_new("(s)", "org.freedesktop.portal.Desktop"),
        G_VARIANT_TYPE("(b)"), G_DBUS_CALL_FLAGS_NONE, 1000, nullptr, &error);
    gboolean owned = FALSE;
    if (reply != nullptr) {
        g_variant_get(reply, "(b)", &owned);
        g_variant_unref(reply);
    }
    g_clear_error(&error);
    g_object_unref(bus);
    return owned == TRUE;
}

// [SECTION] The reply
struct Request {
    PortalChooser::Impl* impl;
    GMainLoop* loop;
    bool save;
};

void on_done(GObject* source, GAsyncResult* res, gpointer data) {
    auto* request = static_cast<Request*>(data);
    XdpPortal* portal = XDP_PORTAL(source);
    GError* error = nullptr;
    GVariant* reply = request->save ? xdp_portal_save_file_finish(portal, res, &error)
                                    : xdp_portal_open_file_finish(portal, res, &error);
    std::optional<fs::path> chosen;
    if (reply != nullptr) {
        const char** uris = nullptr;
        if (g_variant_lookup(reply, "uris", "^a&s", &uris) && uris != nullptr &&
            uris[0] != nullptr) {
            if (gchar* file = g_filename_from_uri(uris[0], nullptr, nullptr)) {
                chosen = fs::path(file);
                g_free(file);
            }
        }
        g_free(uris);
        g_variant_unref(reply);
    }
    g_clear_error(&error);  // cancelled or refused: the same as no choice
    {
        std::lock_guard<std::mutex> lock(request->impl->mutex);
        request->impl->result = chosen;
    }
    g_main_loop_quit(request->loop);
}

}  // namespace

PortalChooser::PortalChooser(std::function<void()> wake) : impl_(std::make_unique<Impl>()) {
    impl_->wake = std::move(wake);
}

PortalChooser::~PortalChooser() {
    cancel();
    if (impl_->worker.joinable()) impl_->worker.join();
    if (impl_->cancellable != nullptr) g_object_unref(impl_->cancellable);
}

bool PortalChooser::available() {
    if (!impl_->available) {
        const char* off = std::getenv("COURSE_PLANNER_NO_PORTAL");
        impl_->available =
            (off == nullptr || off[0] == '\0') && session_bus_configured() && portal_has_owner();
    }
    return *impl_->available;
}

bool PortalChooser::start(bool save, const std::string& title, const fs::path& folder,
                          const std::string& name, const std::string& pattern) {
    if (impl_->running || !available()) return false;
    if (impl_->worker.joinable()) impl_->worker.join();  // the last one has finished
    if (impl_->cancellable != nullptr) g_object_unref(impl_->cancellable);
    impl_->cancellable = g_cancellable_new();
    {
        std::lock_guard<std::mutex> lock(impl_->mutex);
        impl_->result.reset();
    }
    impl_->running = true;
    Impl* impl = impl_.get();
    impl_->worker = std::thread([impl, save, title, folder, name, pattern] {
        // [SECTION] The request thread: its own main context, so replies come here.
        GMainContext* context = g_main_context_new();
        g_main_context_push_thread_default(context);
        GMainLoop* loop = g_main_loop_new(context, FALSE);
        XdpPortal* portal = xdp_portal_new();
        Request request{impl, loop, save};
        // The pattern is one of ours ("*.courseplan.json", "*.png"): no quote to escape.
        const std::string filter =
            "[('" + std::string(pattern == "*.courseplan.json" ? "Course plans" : "Files") +
            "', [(uint32 0, '" + pattern + "')])]";
        GVariant* filters = g_variant_new_parsed(filter.c_str());
        if (save) {
            const std::string dir = folder.string();
            xdp_portal_save_file(portal, nullptr, title.c_str(), name.c_str(),
                                 dir.empty() ? nullptr : dir.c_str(), nullptr, filters, nullptr,
                                 nullptr, XDP_SAVE_FILE_FLAG_NONE, impl->cancellable, on_done,
                                 &request);
        } else {
            xdp_portal_open_file(portal, nullptr, title.c_str(), filters, nullptr, nullptr,
                                 XDP_OPEN_FILE_FLAG_NONE, impl->cancellable, on_done, &request);
        }
        g_main_loop_run(loop);
        g_object_unref(portal);
        g_main_loop_unref(loop);
        g_main_context_pop_thread_default(context);
        g_main_context_unref(context);
        impl->running = false;
        if (impl->wake) impl->wake();
    });
    return true;
}

bool PortalChooser::busy() const {
    return impl_->running;
}

std::optional<std::optional<fs::path>> PortalChooser::take_result() {
    std::lock_guard<std::mutex> lock(impl_->mutex);
    auto out = std::move(impl_->result);
    impl_->result.reset();
    return out;
}

void PortalChooser::cancel() {
    if (impl_->running && impl_->cancellable != nullptr) g_cancellable_cancel(impl_->cancellable);
}

}  // namespace ui
