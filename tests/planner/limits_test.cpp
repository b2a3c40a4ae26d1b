// Absurd values get a clear error naming the field, never a hang, a stack overflow or an
// allocation storm. Each case asserts the exact error; docs/presets.md lists the limits.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "cli/cli.hpp"
#include "planner/io.hpp"
#include "planner/parse.hpp"
#include "planner/schedule.hpp"

namespace fs = std::filesystem;
using namespace std::chrono;

namespace {

// A valid preset whose phases list is `phases` (raw JSON text).
std::string preset_with_phases(const std::string& phases) {
    return R"({"schema_version": 1, "id": "limits", "title": "Limits", "description": "Limits.",
  "route": "iv",
  "visit": {
    "treatment_minutes": {"min": 40, "max": 40, "sources": ["s"]},
    "observation_minutes": {"min": 60, "max": 60, "sources": ["s"]},
    "ride_home": {"value": true, "sources": ["s"]},
    "no_driving_until_next_day": {"value": true, "sources": ["s"]}
  },
  "phases": )" +
           phases +
           R"(,
  "sources": [{"id": "s", "title": "A source", "kind": "trial", "identifier": "doi:10.1000/limits"}]
})";
}

std::string interval_phase(int every_min, int every_max) {
    return R"({"id": "boosters", "name": "Boosters", "kind": "booster", "cadence": {"every_weeks": {"min": )" +
           std::to_string(every_min) + ", \"max\": " + std::to_string(every_max) +
           R"(}, "as_needed": true, "sources": ["s"]}})";
}

// A protocol built in code, as the window builds one: one weekly phase.
planner::Protocol weekly_protocol() {
    planner::Protocol p;
    p.id = "limits";
    p.title = "Limits";
    p.visit.treatment_minutes.value = {40, 40};
    p.visit.observation_minutes.value = {60, 60};
    planner::Phase phase;
    phase.id = "induction";
    phase.cadence.kind = planner::Cadence::Kind::weekly;
    phase.cadence.per_week = 2;
    phase.cadence.weeks = 2;
    p.phases.push_back(phase);
    return p;
}

planner::Course course_on(year_month_day start) {
    planner::Course c;
    c.protocol_id = "limits";
    c.start = start;
    return c;
}

// Bytes this process has passed through read(2) so far (Linux /proc/self/io "rchar").
long long bytes_read_so_far() {
    std::ifstream io("/proc/self/io");
    std::string key;
    long long value = 0;
    while (io >> key >> value)
        if (key == "rchar:") return value;
    return -1;
}

struct TempDir {
    fs::path path;
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "limits-XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
};

}  // namespace

TEST_CASE("the limits preset itself is valid, so each case below fails for its own reason") {
    const auto ok = planner::io::parse_protocol(
        preset_with_phases("[" + interval_phase(2, 4) + "]"), "limits.json");
    REQUIRE_MESSAGE(ok.ok(), (ok.ok() ? "" : ok.error().message()));
    CHECK(ok->phases.size() == 1);
}

TEST_CASE("a preset with a million phases is refused by count, not expanded") {
    // "{}," a million times: 3 MB, under the 4 MiB file limit, so the phase count decides.
    std::string phases = "[";
    phases.reserve(3'000'010);
    for (int i = 0; i < 1'000'000; ++i) phases += i == 0 ? "{}" : ",{}";
    phases += "]";
    const std::string text = preset_with_phases(phases);
    REQUIRE(text.size() < (std::size_t{4} << 20));
    const auto r = planner::io::parse_protocol(text, "million.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "million.json:9:13: phases");
    CHECK(r.error().what == "a list of 1 to 50 phases");
    const auto problems = planner::io::validate_protocol(text, "million.json");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].field == "phases");

    // 51 real phases: the same rule, so the limit is 50, not something about "{}".
    std::string many = "[";
    for (int i = 0; i < 51; ++i) {
        std::string phase = interval_phase(2, 4);
        phase.replace(phase.find("boosters"), 8, "b" + std::to_string(i));
        many += (i == 0 ? "" : ",") + phase;
    }
    many += "]";
    const auto r51 = planner::io::parse_protocol(preset_with_phases(many), "many.json");
    REQUIRE_FALSE(r51.ok());
    CHECK(r51.error().what == "a list of 1 to 50 phases");
}

TEST_CASE("a protocol built in code with a million phases stops at the visit limit") {
    // The window or a test can build what no file may hold: the engine's own cap answers,
    // naming the phases rather than a booster horizon the course does not have.
    auto protocol = weekly_protocol();
    protocol.phases.assign(1'000'000, protocol.phases[0]);
    const auto e = planner::expand(protocol, course_on(2026y / December / 7));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where == "phases");
    CHECK(e.error().what ==
          "at most 5000 visits in a course: fewer phases, shorter phases or fewer booster months");
}

TEST_CASE("a cadence of every 0 weeks is an error in the file and in the engine") {
    const auto r = planner::io::parse_protocol(preset_with_phases("[" + interval_phase(0, 0) + "]"),
                                               "zero.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "zero.json:9:107: phases[0].cadence.every_weeks.min");
    CHECK(r.error().what == "an integer from 1 to 52");

    // A protocol built in code never reaches the loop that would never advance.
    auto protocol = weekly_protocol();
    planner::Phase boosters;
    boosters.id = "boosters";
    boosters.kind = planner::PhaseKind::booster;
    boosters.cadence.kind = planner::Cadence::Kind::interval;
    boosters.cadence.every_weeks = {0, 0};
    protocol.phases.push_back(boosters);
    const auto e = planner::expand(protocol, course_on(2026y / December / 7));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where == "phases[1].cadence.every_weeks.min");
    CHECK(e.error().what == "an integer from 1 to 52");

    // Zero visits a week for zero weeks: the weekly form has the same guard.
    auto weekly = weekly_protocol();
    weekly.phases[0].cadence.per_week = 0;
    const auto w = planner::expand(weekly, course_on(2026y / December / 7));
    REQUIRE_FALSE(w.ok());
    CHECK(w.error().where == "phases[0].cadence.per_week");
    CHECK(w.error().what == "an integer from 1 to 7");
}

TEST_CASE("a start year of 99999 is refused by the date parser and by the engine") {
    const auto d = planner::parse_date("99999-01-01", "--start");
    REQUIRE_FALSE(d.ok());
    CHECK(d.error().where == "--start");
    CHECK(d.error().what == "'99999-01-01' is not a date: expected YYYY-MM-DD");
    const auto far = planner::parse_date("9999-01-01", "--start");
    REQUIRE_FALSE(far.ok());
    CHECK(far.error().what ==
          "'9999-01-01' is out of range: expected a date in the years 1900 to 2200");

    // std::chrono::year holds a short, so year{99999} wraps to some other year: the range
    // check still refuses it. An invalid date (30 February) has its own message.
    const auto e = planner::expand(weekly_protocol(), course_on(year{99999} / January / 4));
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where == "course.start");
    CHECK(e.error().what == "a year from 1900 to 2200");
    const auto feb30 = planner::expand(weekly_protocol(), course_on(2026y / February / 30));
    REQUIRE_FALSE(feb30.ok());
    CHECK(feb30.error().what == "a valid calendar date");
    const auto e9999 = planner::expand(weekly_protocol(), course_on(9999y / January / 4));
    REQUIRE_FALSE(e9999.ok());
    CHECK(e9999.error().where == "course.start");
    CHECK(e9999.error().what == "a year from 1900 to 2200");
}

TEST_CASE("a 100 MB file is refused from its size, before it is read") {
    TempDir tmp;
    const fs::path big = tmp.path / "huge.json";
    {
        const int fd = ::open(big.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
        REQUIRE(fd >= 0);
        REQUIRE(::ftruncate(fd, off_t{100} << 20) == 0);  // sparse: no disk used
        ::close(fd);
    }
    const long long before = bytes_read_so_far();
    const auto r = planner::io::read_text_file(big);
    const long long after = bytes_read_so_far();
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where.empty());
    CHECK(r.error().what == "cannot read '" + big.string() + "': expected a file of at most 4 MiB");
    REQUIRE(before >= 0);
    CHECK(after - before < (1 << 20));  // refused from fstat, not after reading 100 MB

    const auto loaded = planner::io::load_protocol_file(big);
    REQUIRE_FALSE(loaded.ok());
    CHECK(loaded.error().what.find("expected a file of at most 4 MiB") != std::string::npos);

    // The same text handed over in memory is refused by size as well.
    const std::string five_mib(std::size_t{5} << 20, ' ');
    const auto p = planner::io::parse_protocol(five_mib, "five.json");
    REQUIRE_FALSE(p.ok());
    CHECK(p.error().what == "a file of at most 4 MiB");
}

TEST_CASE("JSON nested 100000 deep is refused without overflowing the stack") {
    const std::size_t depth = 100'000;
    const std::string arrays = std::string(depth, '[') + std::string(depth, ']');
    const auto r = planner::io::parse_protocol(arrays, "deep.json");
    REQUIRE_FALSE(r.ok());
    CHECK(r.error().where == "deep.json:1:33: " + [] {
        std::string path;
        for (int i = 0; i < 32; ++i) path += "[0]";
        return path;
    }());
    CHECK(r.error().what == "nesting of at most 32 levels");

    std::string objects;
    for (std::size_t i = 0; i < depth; ++i) objects += "{\"a\":";
    objects += "1" + std::string(depth, '}');
    const auto o = planner::io::parse_protocol(objects, "deep.json");
    REQUIRE_FALSE(o.ok());
    CHECK(o.error().what == "nesting of at most 32 levels");

    // Unclosed: the same answer, the scan stops at the limit.
    const auto open = planner::io::validate_protocol(std::string(depth, '['), "open.json");
    REQUIRE(open.size() == 1);
    CHECK(open[0].expected == "nesting of at most 32 levels");
}

TEST_CASE("a boosters horizon of 1000 years is an error, not 12000 months of visits") {
    auto protocol = weekly_protocol();
    planner::Phase boosters;
    boosters.id = "boosters";
    boosters.kind = planner::PhaseKind::booster;
    boosters.cadence.kind = planner::Cadence::Kind::interval;
    boosters.cadence.every_weeks = {1, 1};
    boosters.cadence.as_needed = true;
    protocol.phases.push_back(boosters);
    auto course = course_on(2026y / December / 7);
    course.booster_months = 12000;
    const auto e = planner::expand(protocol, course);
    REQUIRE_FALSE(e.ok());
    CHECK(e.error().where == "course.booster_months");
    CHECK(e.error().what == "a whole number of months from 0 to 120");

    course.booster_months = 120;  // the largest horizon still expands, weekly to the end
    const auto ok = planner::expand(protocol, course);
    REQUIRE(ok.ok());
    CHECK(ok->visits.size() < 600);
}

TEST_CASE("the command line refuses --months 12000 in one line, before planning anything") {
    std::ostringstream out;
    std::ostringstream err;
    const auto status =
        cli::run({"export", "iv-six-two-weeks", "--months", "12000", "--format", "json"}, out, err);
    REQUIRE(status.has_value());
    CHECK(*status == 2);
    CHECK(out.str().empty());
    CHECK(err.str() ==
          "course-planner: --months: a whole number of months from 1 to 60, not \"12000\"\n");
}

TEST_CASE("what validate accepts the engine expands: presets at the visit and time limits") {
    // Phases of one shape, `n` times, each with its own id.
    const auto phases = [](int n, const std::string& cadence) {
        std::string out = "[";
        for (int i = 0; i < n; ++i)
            out += std::string(i == 0 ? "" : ",") + R"({"id": "p)" + std::to_string(i) +
                   R"(", "name": "Phase", "kind": "maintenance", "cadence": )" + cadence + "}";
        return out + "]";
    };
    const std::string weekly = R"({"per_week": 7, "weeks": 104, "sources": ["s"]})";
    const std::string counted = R"({"every_weeks": {"min": 1, "max": 1}, "count": 1000,
        "sources": ["s"]})";
    const std::string open = R"({"every_weeks": {"min": 1, "max": 1}, "as_needed": true,
        "sources": ["s"]})";
    struct Case {
        int phases;
        std::string cadence;
        bool valid;
    };
    // 6 x 728 = 4368 and 7 x 728 = 5096; 5 x 1000 and 6 x 1000; open-ended weekly boosters
    // over 120 months: at most 532 each, so 9 fit and 10 do not.
    const std::vector<Case> cases{{6, weekly, true},   {7, weekly, false}, {5, counted, true},
                                  {6, counted, false}, {9, open, true},    {10, open, false}};
    for (const auto& c : cases) {
        INFO(c.phases << " phases of " << c.cadence);
        const auto r = planner::io::parse_protocol(preset_with_phases(phases(c.phases, c.cadence)),
                                                   "big.json");
        CHECK(r.ok() == c.valid);
        if (!r.ok()) {
            CHECK(r.error().what.find("phases that make at most 5000 visits") == 0);
            continue;
        }
        auto course = course_on(2026y / December / 7);
        course.booster_months = 120;  // the longest horizon a course may ask for
        course.clinic_days = {Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday};
        const auto e = planner::expand(*r, course);
        REQUIRE_MESSAGE(e.ok(), (e.ok() ? "" : e.error().message()));
        CHECK(e->visits.size() <= 5000);
        CHECK(e->visits.size() > 4000);
    }

    // A visit of 12 hours in all is valid and expands from the default 09:00 start; one
    // minute more is refused by validate, not by export.
    const auto with_minutes = [](int treatment, int observation) {
        std::string text = preset_with_phases("[" + interval_phase(2, 4) + "]");
        text.replace(text.find(R"("min": 40, "max": 40)"), 20,
                     R"("min": 40, "max": )" + std::to_string(treatment));
        text.replace(text.find(R"("min": 60, "max": 60)"), 20,
                     R"("min": 0, "max": )" + std::to_string(observation));
        return planner::io::parse_protocol(text, "long.json");
    };
    const auto longest = with_minutes(700, 20);
    REQUIRE(longest.ok());
    CHECK(planner::expand(*longest, course_on(2026y / December / 7)).ok());
    const auto too_long = with_minutes(700, 21);
    REQUIRE_FALSE(too_long.ok());
    CHECK(too_long.error().where == "long.json:5:46: visit.observation_minutes.max");
    CHECK(too_long.error().what ==
          "at most 20 minutes: treatment and observation together at most 720 minutes (12 hours)");
    CHECK_FALSE(with_minutes(1440, 0).ok());
}
