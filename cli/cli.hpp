// The command-line front end: list, show, export, validate. A thin layer over
// planner/; it never touches a window.
#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace cli {

// Runs the command in `args` (argv without the program name). Returns the exit
// status, or std::nullopt when no subcommand was given and the window should open.
// Errors are one line on `err`: exit 2 for bad usage or input, 1 for validation problems.
[[nodiscard]] std::optional<int> run(const std::vector<std::string>& args, std::ostream& out,
                                     std::ostream& err);

}  // namespace cli
