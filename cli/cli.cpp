#include "cli/cli.hpp"

#include <ostream>

namespace cli {

std::optional<int> run(const std::vector<std::string>& args, std::ostream& /*out*/,
                       std::ostream& err) {
    if (args.empty()) return std::nullopt;
    err << "course-planner: commands are being built\n";
    return 2;
}

}  // namespace cli
