// bench_expand all|stress [ROUNDS] [PRESETS_DIR]: the engine alone.
//   all     every shipped preset for a start date every third day of 2026, six booster
//           months: the work the window repeats after every edit (run under callgrind).
//   stress  the stress plan (bench/stress_plan.hpp) expanded ROUNDS times; prints visits
//           expanded per second of wall time.
// Prints a checksum so the work cannot be optimised away.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <string>

#include "bench/stress_plan.hpp"
#include "planner/io.hpp"
#include "planner/plan.hpp"

namespace {

using Input = std::vector<std::pair<planner::Protocol, planner::Course>>;

// Expands once; returns the visits planned (-1 when the engine refused).
long long expand(const Input& input) {
    auto planned = planner::plan_courses(input);
    if (!planned) {
        std::cerr << "bench_expand: " << planned.error().message() << "\n";
        return -1;
    }
    long long visits = 0;
    for (const auto& pc : planned.value())
        visits += static_cast<long long>(pc.expansion.visits.size());
    return visits;
}

}  // namespace

int main(int argc, char** argv) {
    const std::string mode = argc > 1 ? argv[1] : "";
    if (mode != "all" && mode != "stress") {
        std::cerr << "usage: bench_expand all|stress [ROUNDS] [PRESETS_DIR]\n";
        return 2;
    }
    const int rounds = argc > 2 ? std::max(1, std::atoi(argv[2])) : (mode == "all" ? 2 : 200);
    const std::string dir = argc > 3 ? argv[3] : COURSE_PLANNER_PRESETS_DIR;
    const auto library = planner::io::load_library({dir});
    if (library.protocols.empty()) {
        std::cerr << "bench_expand: no presets in " << dir << "\n";
        return 2;
    }
    using namespace std::chrono;
    long long checksum = 0;
    if (mode == "all") {
        for (int round = 0; round < rounds; ++round) {
            for (int day = 0; day < 366; day += 3) {
                const year_month_day start{sys_days{2026y / January / 1} + days{day}};
                Input input;
                for (const auto& protocol : library.protocols) {
                    planner::Course course;
                    course.protocol_id = protocol.id;
                    course.start = start;
                    course.booster_months = 6;
                    input.emplace_back(protocol, course);
                }
                const long long v = expand(input);
                if (v < 0) return 1;
                checksum += v;
            }
        }
        std::cout << "checksum " << checksum << "\n";
        return 0;
    }
    Input input;
    for (const char* id : bench::kStressPresets) {
        auto protocol = planner::io::resolve_preset(library, id);
        if (!protocol) {
            std::cerr << "bench_expand: " << protocol.error().message() << "\n";
            return 2;
        }
        planner::Course course;
        course.protocol_id = protocol->id;
        course.start = bench::kStressStart;
        course.booster_months = bench::kStressMonths;
        input.emplace_back(std::move(*protocol), std::move(course));
    }
    const auto t0 = steady_clock::now();
    for (int round = 0; round < rounds; ++round) {
        const long long v = expand(input);
        if (v < 0) return 1;
        checksum += v;
    }
    const double seconds = duration<double>(steady_clock::now() - t0).count();
    std::cout << "stress visits " << checksum / rounds << " rounds " << rounds << " seconds "
              << seconds << " visits_per_second "
              << static_cast<long long>(static_cast<double>(checksum) / seconds) << "\n";
    return 0;
}
