// Plan files: validation never crashes or hangs, parse agrees with validate, a parsed plan
// survives a write/read round trip unchanged, and it expands and exports without failing.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "planner/export.hpp"
#include "planner/plan.hpp"
#include "planner/plan_io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto problems = planner::io::validate_plan(text, "fuzz.courseplan.json");
    auto parsed = planner::io::parse_plan(text, "fuzz.courseplan.json");
    fuzz::check(parsed.ok() == problems.empty(), "parse_plan agrees with validate_plan");
    if (!parsed) return 0;
    const std::string again = planner::io::plan_to_json(parsed.value());
    fuzz::check(fuzz::valid_utf8(again), "plan_to_json writes valid UTF-8");
    auto reparsed = planner::io::parse_plan(again, "fuzz.courseplan.json");
    fuzz::check(reparsed.ok(), "a written plan parses again");
    fuzz::check(planner::io::plan_to_json(reparsed.value()) == again, "write/read/write is stable");
    // A valid plan is one the engine accepts (validate runs it), so it expands and exports.
    auto planned = planner::plan_courses(parsed.value());
    fuzz::check(planned.ok(), "a valid plan expands");
    if (planned) {
        for (const auto& pc : planned.value())
            for (const auto& d : pc.differences())
                fuzz::check(!d.text.empty(), "differences speak");
        const std::string ics = planner::exporter::to_ics(planned.value(), {});
        fuzz::check(fuzz::valid_utf8(ics), "the calendar is valid UTF-8");
    }
    return 0;
}
