// course-planner: a subcommand runs the CLI; no subcommand opens the window.
#include <iostream>
#include <string>
#include <vector>

#include "cli/cli.hpp"

int main(int argc, char** argv) {
    std::vector<std::string> args(argv + 1, argv + argc);
    if (auto status = cli::run(args, std::cout, std::cerr)) return *status;
    std::cerr << "course-planner: the window is not built yet; use a subcommand (list, show, export, validate)\n";
    return 2;
}
