// Preset JSON: validation never crashes or hangs, parse agrees with validate, and a
// parsed preset survives a write/read round trip unchanged.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "planner/io.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto problems = planner::io::validate_protocol(text, "fuzz.json");
    auto parsed = planner::io::parse_protocol(text, "fuzz.json");
    fuzz::check(parsed.ok() == problems.empty(), "parse_protocol agrees with validate_protocol");
    if (!parsed) return 0;
    const std::string again = planner::io::protocol_to_json(parsed.value());
    fuzz::check(fuzz::valid_utf8(again), "protocol_to_json writes valid UTF-8");
    auto reparsed = planner::io::parse_protocol(again, "fuzz.json");
    fuzz::check(reparsed.ok(), "a written preset parses again");
    fuzz::check(planner::io::protocol_to_json(reparsed.value()) == again,
                "write/read/write is stable");
    return 0;
}
