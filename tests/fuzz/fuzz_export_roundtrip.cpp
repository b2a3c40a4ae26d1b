// A fuzzed preset that loads is expanded and written in every format; the output
// must be well formed: ICS lines end in CRLF and are at most 75 octets, everything is
// valid UTF-8, JSON parses back, and the disclaimer is present.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/plan.hpp"

namespace {

void check_ics(const std::string& ics) {
    fuzz::check(fuzz::valid_utf8(ics), "ICS is valid UTF-8");
    std::size_t pos = 0;
    while (pos < ics.size()) {
        const auto end = ics.find("\r\n", pos);
        fuzz::check(end != std::string::npos, "every ICS line ends in CRLF");
        fuzz::check(end - pos <= 75, "ICS lines are at most 75 octets");
        fuzz::check(ics.substr(pos, end - pos).find('\n') == std::string::npos, "no bare LF");
        pos = end + 2;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) return 0;
    // The first two bytes pick the start date (any day of 2024-2030) and options.
    using namespace std::chrono;
    const int offset = (data[0] | (data[1] << 8)) % (7 * 366);
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    auto protocol = planner::io::parse_protocol(text, "fuzz.json");
    if (!protocol) return 0;
    planner::Course course;
    course.protocol_id = protocol->id;
    course.start = year_month_day{sys_days{2024y / January / 1} + days{offset}};
    course.booster_months = data[0] % 13;
    auto planned = planner::plan_courses({{protocol.value(), course}});
    if (!planned) return 0;
    planner::exporter::Options options;
    options.timestamp = 1767225600;  // fixed, so outputs depend on the input alone
    options.reminders = (data[1] & 1) != 0;
    const auto& courses = planned.value();
    const std::string ics = planner::exporter::to_ics(courses, options);
    check_ics(ics);
    for (auto format : {planner::exporter::Format::json, planner::exporter::Format::csv,
                        planner::exporter::Format::md}) {
        const std::string out = planner::exporter::write(format, courses, options);
        fuzz::check(fuzz::valid_utf8(out), "export is valid UTF-8");
        fuzz::check(out.find(std::string(planner::kDisclaimer)) != std::string::npos,
                    "export carries the disclaimer");
        if (format == planner::exporter::Format::json)
            fuzz::check(nlohmann::json::accept(out), "JSON export parses");
    }
    return 0;
}
