#include "ui/window/loader.hpp"

#include <iostream>

#include "modules/load.hpp"
#include "ui/window/abi.hpp"

namespace ui::window {

int run(const WindowFlags& flags, Courses courses) {
    const modules::Loaded m = modules::load(kFileName, "the window", kStampSymbol, abi_stamp());
    const auto run_fn = reinterpret_cast<RunFn>(modules::symbol(m, kRunSymbol));
    if (run_fn == nullptr) {
        const std::string why =
            m.handle == nullptr ? m.problem
                                : std::string(kFileName) + " lacks its entry point " + kRunSymbol;
        std::cerr << "course-planner: cannot open the window: " << why << "\n";
        return 2;
    }
    int status = 2;
    run_fn(&flags, &courses, &status);
    return status;
}

}  // namespace ui::window
