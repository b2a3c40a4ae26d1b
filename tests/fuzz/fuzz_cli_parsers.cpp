// The parsers for what people type: never crash, and whatever they accept formats
// back to text that parses to the same value.
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.hpp"
#include "planner/parse.hpp"
#include "planner/text.hpp"
#include "planner/visit_id.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    if (auto d = planner::parse_date(text, "--start")) {
        fuzz::check(d->ok(), "an accepted date is a real date");
        auto again = planner::parse_date(planner::text::iso_date(*d), "--start");
        fuzz::check(again.ok() && *again == *d, "date round trip");
    }
    if (auto list = planner::parse_date_list(text, "--closed")) {
        for (const auto& d : *list) fuzz::check(d.ok(), "closed dates are real dates");
    }
    if (auto days = planner::parse_weekday_list(text, "--clinic-days")) {
        std::string joined;
        for (const auto& d : *days) {
            fuzz::check(d.ok(), "an accepted weekday is valid");
            joined += (joined.empty() ? "" : ",") + std::string(planner::weekday_id(d));
        }
        if (!days->empty()) {
            auto again = planner::parse_weekday_list(joined, "--clinic-days");
            fuzz::check(again.ok() && *again == *days, "weekday list round trip");
        }
    }
    if (auto t = planner::parse_time(text, "--time")) {
        fuzz::check(t->count() >= 0 && t->count() < 24 * 60, "a time is within the day");
        auto again = planner::parse_time(planner::text::clock_time(*t), "--time");
        fuzz::check(again.ok() && *again == *t, "time round trip");
    }
    if (auto id = planner::parse_visit_id(text, "--skip")) {
        fuzz::check(id->str() == text, "a visit id has one spelling");
        auto again = planner::parse_visit_id(id->str(), "--skip");
        fuzz::check(again.ok() && *again == *id, "visit id round trip");
    }
    return 0;
}
