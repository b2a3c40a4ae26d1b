#include "modules/load.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <array>
#include <system_error>

namespace modules {

namespace fs = std::filesystem;

std::vector<fs::path> candidates(const std::string& file_name) {
    std::vector<fs::path> out;
    std::array<char, 4096> buf{};
    const ssize_t n = readlink("/proc/self/exe", buf.data(), buf.size() - 1);
    if (n > 0) {
        const fs::path dir =
            fs::path(std::string(buf.data(), static_cast<std::size_t>(n))).parent_path();
        out.push_back(dir / file_name);
        out.push_back(dir.parent_path() / COURSE_PLANNER_MODULE_LIBDIR / file_name);
    }
    out.push_back(fs::path(COURSE_PLANNER_MODULE_BUILD_DIR) / file_name);
    return out;
}

Loaded load(const std::string& file_name, const std::string& what, const char* stamp_symbol,
            const std::string& stamp) {
    Loaded m;
    std::string tried;
    for (const fs::path& path : candidates(file_name)) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            tried += (tried.empty() ? "" : ", ") + path.string();
            continue;
        }
        void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (handle == nullptr) {
            const char* why = dlerror();
            m.problem = path.string() + " could not be loaded (" +
                        (why != nullptr ? why : "no reason given") + ")";
            return m;
        }
        const auto stamp_fn = reinterpret_cast<StampFn>(dlsym(handle, stamp_symbol));
        std::string theirs;
        if (stamp_fn != nullptr) stamp_fn(&theirs);
        if (theirs != stamp) {
            dlclose(handle);
            m.problem = path.string() + " is from another build of Course Planner (" +
                        (theirs.empty() ? "no " + std::string(stamp_symbol) : theirs) +
                        ", this is " + stamp + ")";
            return m;
        }
        m.handle = handle;
        return m;
    }
    m.problem = what + " " + file_name + " is not installed (looked in " + tried + ")";
    return m;
}

void* symbol(const Loaded& loaded, const char* name) {
    return loaded.handle != nullptr ? dlsym(loaded.handle, name) : nullptr;
}

}  // namespace modules
