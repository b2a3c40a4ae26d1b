// Visit times in real time (planner/export_common: clock_span) and the TZ check, in zones with
// daylight-saving changes. The .ics writer and `course-planner export` use these.
#include <doctest/doctest.h>

#include <cstdlib>
#include <ctime>
#include <optional>
#include <string>

#include "planner/export_common.hpp"

namespace {

using namespace std::chrono;
namespace detail = planner::exporter::detail;

class ScopedTz {
public:
    explicit ScopedTz(const char* tz) {
        if (const char* old = std::getenv("TZ")) old_ = old;
        setenv("TZ", tz, 1);
        tzset();
    }
    ScopedTz(const ScopedTz&) = delete;
    ScopedTz& operator=(const ScopedTz&) = delete;
    ~ScopedTz() {
        if (old_)
            setenv("TZ", old_->c_str(), 1);
        else
            unsetenv("TZ");
        tzset();
    }

private:
    std::optional<std::string> old_;
};

std::string utc(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%MZ", &tm);
    return buf;
}

}  // namespace

TEST_CASE("clock: a visit lasts its minutes across daylight-saving changes") {
    const ScopedTz tz{"America/New_York"};
    // Spring: 02:30 does not exist on 2027-03-14; the visit starts at 03:30 EDT.
    auto s = detail::clock_span(sys_days{2027y / March / 14}, hours{2} + minutes{30}, minutes{125});
    CHECK(utc(s.start) == "2027-03-14T07:30Z");
    CHECK(s.end - s.start == 125 * 60);
    REQUIRE(s.moved_to);
    CHECK(*s.moved_to == hours{3} + minutes{30});
    CHECK_FALSE(s.clocks_change);
    // Spring, a start before the gap: the clocks change during the visit.
    s = detail::clock_span(sys_days{2027y / March / 14}, hours{1} + minutes{30}, minutes{125});
    CHECK(utc(s.start) == "2027-03-14T06:30Z");
    CHECK(detail::local_hhmm(s.end) == "04:35");  // 125 real minutes, 185 on the clock
    CHECK_FALSE(s.moved_to);
    CHECK(s.clocks_change);
    // Autumn: 01:30 happens twice on 2026-11-01; the first one (EDT), and the end 125 real
    // minutes on, which the clock shows as 02:35 EST.
    s = detail::clock_span(sys_days{2026y / November / 1}, hours{1} + minutes{30}, minutes{125});
    CHECK(utc(s.start) == "2026-11-01T05:30Z");
    CHECK(utc(s.end) == "2026-11-01T07:35Z");
    CHECK(detail::local_hhmm(s.end) == "02:35");
    CHECK(s.clocks_change);
    // An ordinary day: nothing moves or changes.
    s = detail::clock_span(sys_days{2026y / December / 7}, hours{9}, minutes{160});
    CHECK(utc(s.start) == "2026-12-07T14:00Z");
    CHECK(detail::local_hhmm(s.end) == "11:40");
    CHECK_FALSE(s.moved_to);
    CHECK_FALSE(s.clocks_change);
}

TEST_CASE("clock: other zones, and a start past midnight is the next day's") {
    {
        const ScopedTz tz{"Europe/Berlin"};  // 02:30 does not exist on 2027-03-28
        const auto s =
            detail::clock_span(sys_days{2027y / March / 28}, hours{2} + minutes{30}, minutes{60});
        REQUIRE(s.moved_to);
        CHECK(*s.moved_to == hours{3} + minutes{30});
        CHECK(s.end - s.start == 3600);
    }
    {
        const ScopedTz tz{"UTC"};
        const auto s = detail::clock_span(sys_days{2026y / December / 7}, hours{25}, minutes{30});
        CHECK(utc(s.start) == "2026-12-08T01:00Z");
        CHECK_FALSE(s.moved_to);
    }
}

TEST_CASE("clock: a TZ the computer does not know is said, a real one is not") {
    for (const char* ok : {"America/New_York", ":Europe/Berlin", "UTC", "EST5EDT,M3.2.0,M11.1.0",
                           "<+0330>-3:30", "JST-9", ""}) {
        const ScopedTz tz{ok};
        INFO(ok);
        CHECK_FALSE(detail::tz_problem());
    }
    for (const char* bad : {"Not/AZone", "America/Nowhere", "garbage", "../../etc/passwd", "5"}) {
        const ScopedTz tz{bad};
        INFO(bad);
        const auto problem = detail::tz_problem();
        REQUIRE(problem);
        CHECK(problem->find(std::string("TZ=") + bad + " is not a time zone") == 0);
    }
}
