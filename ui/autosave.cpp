#include "ui/autosave.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <nlohmann/json.hpp>
#include <system_error>

#include "planner/io.hpp"

namespace ui {

using nlohmann::json;

namespace {

constexpr std::string_view kPrefix = "session-";
constexpr std::string_view kPlanSuffix = ".courseplan.json";

fs::path file(const fs::path& dir, const std::string& session, std::string_view suffix) {
    return dir / (std::string(kPrefix) + session + std::string(suffix));
}

std::string local_now() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &tm);
    return text;
}

bool valid_session(std::string_view name) {
    return !name.empty() && name.size() <= 64 && std::all_of(name.begin(), name.end(), [](char c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c == '-';
    });
}

// True when no running session holds this lock (the lock is free, or there is none).
bool lock_free(const fs::path& lock) {
    const int fd = ::open(lock.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return true;  // no lock file: its session never ran past writing
    const bool free = ::flock(fd, LOCK_EX | LOCK_NB) == 0;
    ::close(fd);  // closing releases what was just taken
    return free;
}

}  // namespace

std::shared_ptr<SessionLock> SessionLock::take(const fs::path& dir, const std::string& session) {
    std::error_code ec;
    fs::create_directories(dir, ec);
    const fs::path lock = file(dir, session, ".lock");
    const int fd = ::open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0) return nullptr;
    if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
        ::close(fd);
        return nullptr;
    }
    return std::shared_ptr<SessionLock>(new SessionLock(fd));
}

SessionLock::~SessionLock() {
    if (fd_ >= 0) ::close(fd_);
}

fs::path autosave_dir(const fs::path& state_dir) {
    return state_dir.empty() ? fs::path{} : state_dir / "autosave";
}

std::string new_session_name() {
    return std::to_string(::getpid()) + "-" + std::to_string(std::time(nullptr));
}

planner::Result<bool> write_autosave(const fs::path& dir, const std::string& session,
                                     std::string_view plan_text,
                                     const std::optional<fs::path>& original) {
    if (dir.empty()) return planner::Error{"autosave", "no HOME or XDG_STATE_HOME to save into"};
    if (!valid_session(session)) return planner::Error{"autosave", "no session name"};
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec) return planner::Error{dir.string(), "could not create (" + ec.message() + ")"};
    if (auto r = planner::io::write_file_atomic(file(dir, session, kPlanSuffix), plan_text, true);
        !r)
        return r;
    json meta{{"session", session}, {"saved_at", local_now()}};
    meta["plan"] = original ? json(original->string()) : json(nullptr);
    return planner::io::write_file_atomic(file(dir, session, ".json"), meta.dump(2) + "\n", true);
}

void remove_autosave(const fs::path& dir, const std::string& session) {
    if (dir.empty() || !valid_session(session)) return;
    std::error_code ec;
    fs::remove(file(dir, session, kPlanSuffix), ec);
    fs::remove(file(dir, session, ".json"), ec);
}

void end_session(const fs::path& dir, const std::string& session) {
    remove_autosave(dir, session);
    std::error_code ec;
    if (!dir.empty() && valid_session(session)) fs::remove(file(dir, session, ".lock"), ec);
}

std::vector<AutosaveInfo> find_orphans(const fs::path& dir) {
    std::vector<AutosaveInfo> out;
    std::error_code ec;
    if (dir.empty() || !fs::is_directory(dir, ec)) return out;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (name.rfind(kPrefix, 0) != 0 || name.size() <= kPrefix.size() + kPlanSuffix.size() ||
            name.compare(name.size() - kPlanSuffix.size(), kPlanSuffix.size(), kPlanSuffix) != 0)
            continue;
        const std::string session =
            name.substr(kPrefix.size(), name.size() - kPrefix.size() - kPlanSuffix.size());
        if (!valid_session(session) || !lock_free(file(dir, session, ".lock"))) continue;
        AutosaveInfo info;
        info.plan_file = it->path();
        info.meta_file = file(dir, session, ".json");
        info.session = session;
        if (auto text = planner::io::read_text_file(info.meta_file, 1u << 16)) {
            const json meta = json::parse(*text, nullptr, false);
            if (meta.is_object()) {
                if (auto m = meta.find("plan"); m != meta.end() && m->is_string())
                    info.original = fs::path(m->get<std::string>());
                if (auto m = meta.find("saved_at"); m != meta.end() && m->is_string())
                    info.saved_at = m->get<std::string>();
            }
        }
        out.push_back(std::move(info));
    }
    std::sort(out.begin(), out.end(), [](const AutosaveInfo& a, const AutosaveInfo& b) {
        std::error_code e;
        return fs::last_write_time(a.plan_file, e) > fs::last_write_time(b.plan_file, e);
    });
    return out;
}

bool adopt_autosave(const AutosaveInfo& orphan, const fs::path& dir, const std::string& session) {
    if (orphan.session == session) return true;
    std::error_code ec;
    fs::rename(orphan.plan_file, file(dir, session, kPlanSuffix), ec);
    if (ec) return false;
    fs::rename(orphan.meta_file, file(dir, session, ".json"), ec);
    if (ec) fs::remove(orphan.meta_file, ec);
    fs::remove(file(dir, orphan.session, ".lock"), ec);
    return true;
}

void discard_autosave(const AutosaveInfo& orphan) {
    std::error_code ec;
    fs::remove(orphan.plan_file, ec);
    fs::remove(orphan.meta_file, ec);
    fs::remove(orphan.plan_file.parent_path() / (std::string(kPrefix) + orphan.session + ".lock"),
               ec);
}

}  // namespace ui
