// [SECTION] Index: is a portal there, the reply, the request thread, the entry points.
#include <gio/gio.h>
#include <libportal/portal.h>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>

#include "ui/portal/abi.hpp"

#define CP_EXPORT extern "C" [[gnu::visibility("default")]]

namespace {

namespace fs = std::filesystem;

// [SECTION] Is a portal there
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

class Chooser final : public ui::portal::Backend {
public:
    explicit Chooser(std::function<void()> wake) : wake_(std::move(wake)) {}
    ~Chooser() override {
        cancel();
        if (worker_.joinable()) worker_.join();
        if (cancellable_ != nullptr) g_object_unref(cancellable_);
    }

    bool portal_running() override { return portal_has_owner(); }
    bool start(bool save, const std::string& title, const fs::path& folder, const std::string& name,
               const std::string& pattern) override;
    bool busy() const override { return running_; }
    std::optional<std::optional<fs::path>> take_result() override {
        std::lock_guard<std::mutex> lock(mutex_);
        auto out = std::move(result_);
        result_.reset();
        return out;
    }
    void cancel() override {
        if (running_ && cancellable_ != nullptr) g_cancellable_cancel(cancellable_);
    }

private:
    struct Request {
        Chooser* self;
        GMainLoop* loop;
        bool save;
    };
    static void on_done(GObject* source, GAsyncResult* res, gpointer data);

    std::function<void()> wake_;
    std::thread worker_;
    std::atomic<bool> running_{false};
    GCancellable* cancellable_ = nullptr;  // owned; made per request
    std::mutex mutex_;
    std::optional<std::optional<fs::path>> result_;  // guarded by mutex_
};

// [SECTION] The reply
void Chooser::on_done(GObject* source, GAsyncResult* res, gpointer data) {
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
        std::lock_guard<std::mutex> lock(request->self->mutex_);
        request->self->result_ = chosen;
    }
    g_main_loop_quit(request->loop);
}

// [SECTION] The request thread
bool Chooser::start(bool save, const std::string& title, const fs::path& folder,
                    const std::string& name, const std::string& pattern) {
    if (running_) return false;
    if (worker_.joinable()) worker_.join();  // the last one has finished
    if (cancellable_ != nullptr) g_object_unref(cancellable_);
    cancellable_ = g_cancellable_new();
    {
        std::lock_guard<std::mutex> lock(mutex_);
        result_.reset();
    }
    running_ = true;
    worker_ = std::thread([this, save, title, folder, name, pattern] {
        // Its own main context, so replies come to this thread.
        GMainContext* context = g_main_context_new();
        g_main_context_push_thread_default(context);
        GMainLoop* loop = g_main_loop_new(context, FALSE);
        XdpPortal* portal = xdp_portal_new();
        Request request{this, loop, save};
        // The pattern is one of ours ("*.courseplan.json", "*.png"): no quote to escape.
        const std::string filter =
            "[('" + std::string(pattern == "*.courseplan.json" ? "Course plans" : "Files") +
            "', [(uint32 0, '" + pattern + "')])]";
        GVariant* filters = g_variant_new_parsed(filter.c_str());
        if (save) {
            const std::string dir = folder.string();
            xdp_portal_save_file(portal, nullptr, title.c_str(), name.c_str(),
                                 dir.empty() ? nullptr : dir.c_str(), nullptr, filters, nullptr,
                                 nullptr, XDP_SAVE_FILE_FLAG_NONE, cancellable_, on_done, &request);
        } else {
            xdp_portal_open_file(portal, nullptr, title.c_str(), filters, nullptr, nullptr,
                                 XDP_OPEN_FILE_FLAG_NONE, cancellable_, on_done, &request);
        }
        g_main_loop_run(loop);
        g_object_unref(portal);
        g_main_loop_unref(loop);
        g_main_context_pop_thread_default(context);
        g_main_context_unref(context);
        running_ = false;
        if (wake_) wake_();
    });
    return true;
}

}  // namespace

// [SECTION] The entry points
CP_EXPORT void course_planner_portal_stamp(std::string* out) {
    *out = ui::portal::abi_stamp();
}

CP_EXPORT ui::portal::Backend* course_planner_portal_create(const std::function<void()>* wake) {
    return new Chooser(*wake);
}
