// Expands every shipped preset over many start dates and summarizes it: the work the
// window repeats after every edit. Prints a checksum so the work can't be optimized away.
// Timing is done outside (bench/run.sh) as a ratio against a baseline build.
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "planner/io.hpp"
#include "planner/plan.hpp"

int main(int argc, char** argv) {
    if (argc < 2) {
        std::cerr << "usage: bench_expand PRESETS_DIR [ROUNDS]\n";
        return 2;
    }
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 20;
    const auto library = planner::io::load_library({argv[1]});
    if (library.protocols.empty()) {
        std::cerr << "bench_expand: no presets in " << argv[1] << "\n";
        return 2;
    }
    using namespace std::chrono;
    long long checksum = 0;
    for (int round = 0; round < rounds; ++round) {
        for (int day = 0; day < 366; day += 3) {
            const year_month_day start{sys_days{2026y / January / 1} + days{day}};
            std::vector<std::pair<planner::Protocol, planner::Course>> input;
            for (const auto& protocol : library.protocols) {
                planner::Course course;
                course.protocol_id = protocol.id;
                course.start = start;
                course.booster_months = 6;
                input.emplace_back(protocol, course);
            }
            auto planned = planner::plan_courses(input);
            if (!planned) {
                std::cerr << "bench_expand: " << planned.error().message() << "\n";
                return 1;
            }
            for (const auto& pc : planned.value())
                checksum += static_cast<long long>(pc.expansion.visits.size()) +
                            pc.summary.clinic_minutes.max;
        }
    }
    std::cout << "checksum " << checksum << "\n";
    return 0;
}
