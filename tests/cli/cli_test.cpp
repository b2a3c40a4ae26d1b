// cli::run end to end in-process: success output, one-line errors with exit 2,
// validate's exit codes, private atomic -o files, and course options moving visits.
#include "cli/cli.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "planner/disclaimer.hpp"
#include "tests/env_var.hpp"

namespace {

namespace fs = std::filesystem;
namespace chr = std::chrono;

struct Ran {
    std::optional<int> status;
    std::string out;
    std::string err;
};

Ran run_cli(const std::vector<std::string>& args) {
    std::ostringstream out;
    std::ostringstream err;
    Ran ran;
    ran.status = cli::run(args, out, err);
    ran.out = out.str();
    ran.err = err.str();
    return ran;
}

bool contains(const std::string& text, std::string_view part) {
    return text.find(part) != std::string::npos;
}

using test_env::EnvVar;

// A fresh folder removed at the end of the test.
class TempDir {
public:
    TempDir() {
        std::string pattern = (fs::temp_directory_path() / "cli_test.XXXXXX").string();
        if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
        path_ = pattern;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

void write_text(const fs::path& path, const std::string& text) {
    std::ofstream file(path, std::ios::binary);
    file << text;
}

std::string read_text(const fs::path& path) {
    std::ifstream file(path, std::ios::binary);
    std::ostringstream text;
    text << file.rdbuf();
    return text.str();
}

// Every error: exit 2, nothing on stdout, exactly one line on stderr naming `names`.
void check_usage_error(const std::vector<std::string>& args, std::string_view names) {
    std::string joined;
    for (const auto& a : args) joined += a + " ";
    CAPTURE(joined);
    const auto ran = run_cli(args);
    CAPTURE(ran.err);
    REQUIRE(ran.status.has_value());
    CHECK(*ran.status == 2);
    CHECK(ran.out.empty());
    CHECK(ran.err.starts_with("course-planner: "));
    CHECK(std::count(ran.err.begin(), ran.err.end(), '\n') == 1);
    CHECK(ran.err.ends_with("\n"));
    CHECK(contains(ran.err, names));
}

// Every object in `j` (at any depth) that has a "date" and a "start": the dated visits.
void collect_visits(const nlohmann::json& j, std::vector<nlohmann::json>& visits) {
    if (j.is_object()) {
        if (j.contains("date") && j.contains("start")) visits.push_back(j);
        for (const auto& [key, value] : j.items()) collect_visits(value, visits);
    } else if (j.is_array()) {
        for (const auto& value : j) collect_visits(value, visits);
    }
}

std::vector<std::string> visit_dates(const std::string& json_text) {
    std::vector<nlohmann::json> visits;
    collect_visits(nlohmann::json::parse(json_text), visits);
    std::vector<std::string> dates;
    for (const auto& v : visits) dates.push_back(v.at("date").get<std::string>());
    std::sort(dates.begin(), dates.end());
    return dates;
}

std::string plus_days(const std::string& date, int days) {
    int y = 0;
    unsigned m = 0;
    unsigned d = 0;
    REQUIRE(std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) == 3);
    const chr::year_month_day ymd{chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}} +
                                  chr::days{days}};
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return text;
}

// Unfolds RFC 5545 lines and removes text escaping, so the disclaimer can be searched.
std::string ics_plain(const std::string& ics) {
    std::string unfolded;
    for (std::size_t i = 0; i < ics.size(); ++i) {
        if (ics.compare(i, 3, "\r\n ") == 0) {
            i += 2;
            continue;
        }
        if (ics[i] == '\\' && i + 1 < ics.size()) {
            ++i;
            unfolded += ics[i] == 'n' || ics[i] == 'N' ? '\n' : ics[i];
            continue;
        }
        unfolded += ics[i];
    }
    return unfolded;
}

const std::vector<std::string> kPresetIds{"iv-six-two-weeks",
                                          "iv-six-three-weeks",
                                          "iv-six-to-eight",
                                          "iv-boosters",
                                          "spravato-label",
                                          "spravato-suicidal-ideation",
                                          "iv-bolus-six-two-weeks",
                                          "subcutaneous-kads",
                                          "im-illustrative",
                                          "oral-lozenge-illustrative",
                                          "iv-singh2016-twice-weekly",
                                          "iv-singh2016-three-weekly"};

const std::string kGoodPreset = std::string(PRESETS_DIR) + "/iv-six-two-weeks.json";

}  // namespace

TEST_CASE("no subcommand, or a window flag first, leaves the window to open") {
    CHECK_FALSE(run_cli({}).status.has_value());
    CHECK_FALSE(run_cli({"--preset", "spravato-label"}).status.has_value());
    CHECK_FALSE(run_cli({"--start=2026-12-07"}).status.has_value());
    CHECK_FALSE(run_cli({"--present"}).status.has_value());
    CHECK_FALSE(run_cli({"--screenshot", "out.png", "--frames", "3"}).status.has_value());
}

TEST_CASE("help and version print the usage and the disclaimer, exit 0") {
    for (const auto& args :
         {std::vector<std::string>{"--help"}, {"-h"}, {"help"}, {"show", "--help"}}) {
        const auto ran = run_cli(args);
        REQUIRE(ran.status.has_value());
        CHECK(*ran.status == 0);
        CHECK(contains(ran.out, "Usage"));
        CHECK(contains(ran.out, "validate FILE"));
        CHECK(contains(ran.out, planner::kDisclaimer));
        CHECK(ran.err.empty());
    }
    const auto version = run_cli({"--version"});
    REQUIRE(version.status.has_value());
    CHECK(*version.status == 0);
    CHECK(version.out.starts_with("course-planner "));
}

TEST_CASE("bad usage and bad input: one line on stderr naming the thing, exit 2") {
    const std::string p = "iv-six-two-weeks";
    check_usage_error({"frobnicate"}, "frobnicate");
    check_usage_error({"--bogus"}, "--bogus");
    check_usage_error({"list", "--yaml"}, "--yaml");
    check_usage_error({"show"}, "PRESET");
    check_usage_error({"show", p, "--bogus"}, "--bogus");
    check_usage_error({"show", p, "--start"}, "--start");
    check_usage_error({"show", p, "--start", "2026-13-40"}, "--start");
    check_usage_error({"show", p, "--start=yesterday"}, "--start");
    check_usage_error({"show", p, "--clinic-days", "mon,funday"}, "--clinic-days");
    check_usage_error({"show", p, "--closed", "2026-02-30"}, "--closed");
    check_usage_error({"show", p, "--time", "25:00"}, "--time");
    check_usage_error({"show", p, "--week-start", "wed"}, "--week-start");
    check_usage_error({"show", p, "--months", "0"}, "--months");
    check_usage_error({"show", p, "--months", "12000"}, "--months");
    check_usage_error({"show", p, "--months", "3x"}, "--months");
    check_usage_error({"show", p, "--color", "purple"}, "--color");
    check_usage_error({"show", p, "--remind"}, "--remind");
    check_usage_error({"show", "no-such-preset"}, "no-such-preset");
    check_usage_error({"show", p, "no-such-preset"}, "no-such-preset");
    check_usage_error({"show", "/nonexistent/dir/preset.json"}, "preset.json");
    check_usage_error({"show", "bad\npreset\x1b[31m"}, "preset");
    check_usage_error({"export", p}, "--format");
    check_usage_error({"export", p, "--format", "docx"}, "--format");
    check_usage_error({"export", p, "--format", "ics", "--color", "always"}, "--color");
    check_usage_error({"export", p, "--format", "ics", "-o"}, "-o");
    check_usage_error({"export", p, "--format", "ics", "-o", "/nonexistent/dir/x.ics"}, "x.ics");
    check_usage_error({"validate"}, "FILE");
    check_usage_error({"validate", "--strict", kGoodPreset}, "--strict");
}

TEST_CASE("a bad SOURCE_DATE_EPOCH is an error, a good one makes exports reproducible") {
    const std::vector<std::string> args{"export",     "iv-six-two-weeks", "--start",
                                        "2026-12-07", "--format",         "ics"};
    {
        const EnvVar epoch("SOURCE_DATE_EPOCH", "soon");
        check_usage_error(args, "SOURCE_DATE_EPOCH");
    }
    {
        const EnvVar epoch("SOURCE_DATE_EPOCH", "-5");
        check_usage_error(args, "SOURCE_DATE_EPOCH");
    }
    const EnvVar epoch("SOURCE_DATE_EPOCH", "1767225600");  // 2026-01-01T00:00:00Z
    const auto first = run_cli(args);
    const auto second = run_cli(args);
    REQUIRE(first.status == 0);
    CHECK(first.out == second.out);
    CHECK(contains(first.out, "20260101T000000Z"));
}

TEST_CASE("list: every preset by route with its sources, and the disclaimer") {
    const auto ran = run_cli({"list"});
    REQUIRE(ran.status == 0);
    for (const auto& id : kPresetIds) {
        CAPTURE(id);
        CHECK(contains(ran.out, id));
    }
    CHECK(contains(ran.out, "IV, into a vein"));
    CHECK(contains(ran.out, "Nasal spray"));
    CHECK(contains(ran.out, "sources:"));
    CHECK(contains(ran.out, planner::kDisclaimer));
    // IV presets come before the nasal spray group.
    CHECK(ran.out.find("iv-six-two-weeks") < ran.out.find("Nasal spray"));
    CHECK(ran.out.find("Nasal spray") < ran.out.find("spravato-label"));
}

TEST_CASE("list --json: an array with the required fields for every preset") {
    const auto ran = run_cli({"list", "--json"});
    REQUIRE(ran.status == 0);
    const auto presets = nlohmann::json::parse(ran.out);
    REQUIRE(presets.is_array());
    std::set<std::string> ids;
    const std::set<std::string> routes{"iv", "nasal", "im", "subcutaneous", "oral"};
    for (const auto& p : presets) {
        CAPTURE(p.dump());
        REQUIRE(p.is_object());
        ids.insert(p.at("id").get<std::string>());
        CHECK(p.at("title").is_string());
        CHECK(routes.count(p.at("route").get<std::string>()) == 1);
        CHECK(p.at("description").is_string());
        CHECK(p.at("illustrative").is_boolean());
        CHECK(p.at("disclaimer") == std::string(planner::kDisclaimer));
        REQUIRE(p.at("sources").is_array());
        CHECK_FALSE(p.at("sources").empty());
        for (const auto& s : p.at("sources")) {
            for (const char* field : {"id", "title", "url", "identifier", "note"})
                CHECK(s.at(field).is_string());
        }
    }
    for (const auto& id : kPresetIds) {
        CAPTURE(id);
        CHECK(ids.count(id) == 1);
    }
    const auto im = std::find_if(presets.begin(), presets.end(),
                                 [](const auto& p) { return p.at("id") == "im-illustrative"; });
    REQUIRE(im != presets.end());
    CHECK(im->at("illustrative") == true);
    CHECK(im->at("route") == "im");
}

TEST_CASE("list reports a broken preset on stderr and still lists the good ones") {
    const TempDir dir;
    write_text(dir.path() / "broken-user-preset.json", "{\"schema_version\": 1, \"id\": ");
    const EnvVar presets("COURSE_PLANNER_PRESETS", dir.path().string());
    const auto ran = run_cli({"list"});
    REQUIRE(ran.status == 0);
    CHECK(contains(ran.out, "iv-six-two-weeks"));
    CHECK(contains(ran.err, "broken-user-preset.json"));
}

TEST_CASE("show: a calendar with both courses, the disclaimer, colour only when asked") {
    const std::vector<std::string> args{"show",    "iv-six-two-weeks", "spravato-label",
                                        "--start", "2026-12-07",       "--color"};
    auto never = args;
    never.emplace_back("never");
    const auto plain = run_cli(never);
    CAPTURE(plain.err);
    REQUIRE(plain.status == 0);
    CHECK(contains(plain.out, planner::kDisclaimer));
    CHECK(contains(plain.out, "2026"));
    CHECK_FALSE(contains(plain.out, "\x1b["));

    auto always = args;
    always.emplace_back("always");
    const auto colored = run_cli(always);
    REQUIRE(colored.status == 0);
    CHECK(contains(colored.out, "\x1b["));

    // auto: a string stream is not a terminal
    auto automatic = args;
    automatic.emplace_back("auto");
    CHECK(run_cli(automatic).out == plain.out);
}

TEST_CASE("show accepts a preset file path as PRESET") {
    const auto by_path = run_cli({"show", kGoodPreset, "--start", "2026-12-07"});
    const auto by_id = run_cli({"show", "iv-six-two-weeks", "--start", "2026-12-07"});
    REQUIRE(by_path.status == 0);
    CHECK(by_path.out == by_id.out);
}

TEST_CASE("show --week-start sun puts Sunday first in the month header") {
    const auto monday = run_cli({"show", "iv-six-two-weeks", "--start", "2026-12-07"});
    const auto sunday =
        run_cli({"show", "iv-six-two-weeks", "--start", "2026-12-07", "--week-start", "sun"});
    REQUIRE(monday.status == 0);
    REQUIRE(sunday.status == 0);
    CHECK(monday.out != sunday.out);
    // The first header line naming both days: which comes first.
    const auto order = [](const std::string& text) {
        std::istringstream lines(text);
        std::string line;
        while (std::getline(lines, line)) {
            const auto mo = line.find("Mo");
            const auto su = line.find("Su");
            if (mo != std::string::npos && su != std::string::npos) return mo < su ? 'M' : 'S';
        }
        return '?';
    };
    CHECK(order(monday.out) == 'M');
    CHECK(order(sunday.out) == 'S');
}

TEST_CASE("export: every format carries the disclaimer") {
    const EnvVar epoch("SOURCE_DATE_EPOCH", "1767225600");
    for (const char* format : {"ics", "json", "csv", "md"}) {
        CAPTURE(format);
        const auto ran = run_cli({"export", "iv-six-two-weeks", "spravato-label", "--start",
                                  "2026-12-07", "--format", format});
        REQUIRE(ran.status == 0);
        const auto text = std::string(format) == "ics" ? ics_plain(ran.out) : ran.out;
        CHECK(contains(text, planner::kDisclaimer));
    }
    const auto ics = run_cli(
        {"export", "iv-six-two-weeks", "--start", "2026-12-07", "--format", "ics", "--remind"});
    REQUIRE(ics.status == 0);
    CHECK(ics.out.starts_with("BEGIN:VCALENDAR"));
    CHECK(contains(ics.out, "BEGIN:VALARM"));
}

TEST_CASE("export --start moves every visit in the JSON export") {
    const auto early =
        run_cli({"export", "iv-six-two-weeks", "--start", "2026-12-07", "--format", "json"});
    const auto later =
        run_cli({"export", "iv-six-two-weeks", "--start=2027-01-04", "--format=json"});
    REQUIRE(early.status == 0);
    REQUIRE(later.status == 0);
    const auto early_dates = visit_dates(early.out);
    const auto later_dates = visit_dates(later.out);
    REQUIRE(early_dates.size() == 6);
    CHECK(early_dates.front() == "2026-12-07");
    CHECK(early_dates.back() <= "2026-12-20");
    REQUIRE(later_dates.size() == early_dates.size());
    for (std::size_t i = 0; i < early_dates.size(); ++i)
        CHECK(later_dates[i] == plus_days(early_dates[i], 28));
}

TEST_CASE("export --closed moves the visit off the closed day") {
    const auto open =
        run_cli({"export", "iv-six-two-weeks", "--start", "2026-12-07", "--format", "json"});
    const auto closed = run_cli({"export", "iv-six-two-weeks", "--start", "2026-12-07", "--closed",
                                 "2026-12-07,2026-12-25", "--format", "json"});
    REQUIRE(open.status == 0);
    REQUIRE(closed.status == 0);
    const auto open_dates = visit_dates(open.out);
    const auto closed_dates = visit_dates(closed.out);
    REQUIRE(std::find(open_dates.begin(), open_dates.end(), "2026-12-07") != open_dates.end());
    CHECK(std::find(closed_dates.begin(), closed_dates.end(), "2026-12-07") == closed_dates.end());
    CHECK(closed_dates.size() == open_dates.size());
    CHECK(closed_dates.front() > "2026-12-07");
}

TEST_CASE("export --clinic-days and --time reach every course") {
    const auto ran =
        run_cli({"export", "iv-six-three-weeks", "iv-six-two-weeks", "--start", "2026-12-07",
                 "--clinic-days", "tue,fri", "--time", "13:30", "--format", "json"});
    REQUIRE(ran.status == 0);
    std::vector<nlohmann::json> visits;
    collect_visits(nlohmann::json::parse(ran.out), visits);
    REQUIRE_FALSE(visits.empty());
    for (const auto& v : visits) {
        CAPTURE(v.dump());
        CHECK(v.at("start") == "13:30");
        const auto date = v.at("date").get<std::string>();
        int y = 0;
        unsigned m = 0;
        unsigned d = 0;
        REQUIRE(std::sscanf(date.c_str(), "%d-%u-%u", &y, &m, &d) == 3);
        const chr::weekday day{chr::sys_days{chr::year{y} / chr::month{m} / chr::day{d}}};
        CHECK((day == chr::Tuesday || day == chr::Friday));
    }
}

TEST_CASE("export -o writes a private file atomically, nothing on stdout") {
    const TempDir dir;
    const auto path = dir.path() / "plan.ics";
    write_text(path, "an older export\n");
    ::chmod(path.c_str(), 0644);
    const auto ran = run_cli({"export", "iv-six-two-weeks", "--start", "2026-12-07", "--format",
                              "ics", "-o", path.string()});
    CAPTURE(ran.err);
    REQUIRE(ran.status == 0);
    CHECK(ran.out.empty());
    struct stat info {};
    REQUIRE(::stat(path.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0600);
    const auto text = read_text(path);
    CHECK(text.starts_with("BEGIN:VCALENDAR"));
    CHECK(contains(ics_plain(text), planner::kDisclaimer));
    // No temp file left beside it.
    CHECK(std::distance(fs::directory_iterator(dir.path()), fs::directory_iterator{}) == 1);

    // The format follows the file name when --format is left out.
    const auto csv = dir.path() / "plan.csv";
    REQUIRE(
        run_cli({"export", "iv-six-two-weeks", "--start", "2026-12-07", "--output", csv.string()})
            .status == 0);
    CHECK(contains(read_text(csv), "2026-12-07"));
}

TEST_CASE("validate: ok for a good preset, exit 1 with file:line:column for a broken one") {
    const auto good = run_cli({"validate", kGoodPreset});
    CAPTURE(good.out);
    REQUIRE(good.status == 0);
    CHECK(contains(good.out, kGoodPreset + ": ok"));

    const TempDir dir;
    const auto broken = (dir.path() / "broken.json").string();
    write_text(broken, "{\n  \"schema_version\": 1,\n  \"id\": 42\n}\n");
    const auto bad = run_cli({"validate", kGoodPreset, broken});
    CAPTURE(bad.out);
    REQUIRE(bad.status == 1);
    CHECK(contains(bad.out, kGoodPreset + ": ok"));
    // file:line:column: field: expected
    CHECK(contains(bad.out, broken + ":"));
    const auto at = bad.out.find(broken + ":");
    REQUIRE(at != std::string::npos);
    const auto rest = bad.out.substr(at + broken.size() + 1);
    CHECK(std::isdigit(static_cast<unsigned char>(rest[0])));

    const auto missing = (dir.path() / "missing.json").string();
    const auto unreadable = run_cli({"validate", missing});
    REQUIRE(unreadable.status == 1);
    CHECK(contains(unreadable.out, "missing.json"));
}

// [SECTION] Plans: the plan command, plan files wherever presets go, visit changes

TEST_CASE("plan writes a private plan file that shows and exports like its presets") {
    const EnvVar epoch("SOURCE_DATE_EPOCH", "1767225600");
    const TempDir dir;
    const std::string file = (dir.path() / "class.courseplan.json").string();
    const std::vector<std::string> course{
        "spravato-label", "iv-six-two-weeks",      "--start",       "2026-12-07",
        "--closed",       "2026-12-24,2026-12-31", "--clinic-days", "mon,wed,thu,fri"};
    const std::vector<std::string> changes{
        "--skip",       "iv-six-two-weeks/induction/4",
        "--move",       "spravato-label/induction/2=2026-12-11",
        "--missed",     "spravato-label/induction/5",
        "--visit-time", "spravato-label/maintenance-weekly/1=10:30",
        "--note",       "iv-six-two-weeks/induction/1=Bring a book, and a snack"};
    std::vector<std::string> args{"plan"};
    args.insert(args.end(), course.begin(), course.end());
    args.insert(args.end(), changes.begin(), changes.end());
    args.insert(args.end(), {"-o", file});
    const auto wrote = run_cli(args);
    CAPTURE(wrote.err);
    REQUIRE(wrote.status == 0);
    CHECK(wrote.err.empty());
    CHECK(wrote.out.starts_with("wrote " + file + ": 2 courses, 5 visit changes, "));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto plan = nlohmann::json::parse(read_text(file));
    CHECK(plan["format_version"] == 1);
    CHECK(plan["courses"][0]["id"] == "spravato-label");
    CHECK(plan["courses"][1]["protocol"]["id"] == "iv-six-two-weeks");
    CHECK(plan["overrides"]["iv-six-two-weeks/induction/4"]["skipped"] == true);

    // The same visits and differences as the presets with the same options and changes.
    for (const std::string format : {"json", "csv", "md", "ics"}) {
        CAPTURE(format);
        std::vector<std::string> direct{"export"};
        direct.insert(direct.end(), course.begin(), course.end());
        direct.insert(direct.end(), changes.begin(), changes.end());
        direct.insert(direct.end(), {"--format", format});
        const auto a = run_cli(direct);
        const auto b = run_cli({"export", file, "--format", format});
        REQUIRE(a.status == 0);
        REQUIRE(b.status == 0);
        CHECK(a.out == b.out);
    }
    std::vector<std::string> show{"show"};
    show.insert(show.end(), course.begin(), course.end());
    show.insert(show.end(), changes.begin(), changes.end());
    const auto a = run_cli(show);
    const auto b = run_cli({"show", file});
    REQUIRE(a.status == 0);
    CHECK(a.out == b.out);
    CHECK(contains(b.out, "Differences from the published schedule"));
    CHECK(contains(b.out, "Infusion 4 (Initial series) is left out"));
    CHECK(contains(b.out, "Bring a book, and a snack"));  // show shows the note

    // The note is personal: an export writes it only with --notes.
    for (const std::string format : {"json", "csv", "md", "ics"}) {
        CAPTURE(format);
        const auto plain = run_cli({"export", file, "--format", format});
        const auto asked = run_cli({"export", file, "--format", format, "--notes"});
        REQUIRE(plain.status == 0);
        REQUIRE(asked.status == 0);
        CHECK_FALSE(contains(plain.out, "Bring a book"));
        CHECK(contains(asked.out, "Bring a book"));
    }
    check_usage_error({"show", file, "--notes"}, "--notes");
    check_usage_error({"export", file, "--format", "md", "--notes=yes"}, "--notes");

    const auto valid = run_cli({"validate", file});
    CHECK(valid.status == 0);
    CHECK(valid.out == file + ": ok\n");

    // Saving again keeps the previous file as FILE~.
    const std::string first = read_text(file);
    REQUIRE(run_cli({"plan", file, "--skip", "spravato-label/induction/8", "-o", file}).status ==
            0);
    CHECK(read_text(file + "~") == first);
    CHECK(nlohmann::json::parse(read_text(file))["overrides"].size() == 6);
}

TEST_CASE("plan files beside presets: ids stay stable, a clash gets the next id") {
    const TempDir dir;
    const std::string file = (dir.path() / "one.courseplan.json").string();
    REQUIRE(run_cli({"plan", "spravato-label", "--start", "2026-12-07", "--skip",
                     "spravato-label/induction/1", "-o", file})
                .status == 0);
    const auto ran =
        run_cli({"export", file, "spravato-label", "--start", "2027-01-04", "--format", "json"});
    REQUIRE(ran.status == 0);
    const auto j = nlohmann::json::parse(ran.out);
    REQUIRE(j["courses"].size() == 2);
    CHECK(j["courses"][0]["id"] == "spravato-label");
    CHECK(j["courses"][0]["start"] == "2026-12-07");
    CHECK(j["courses"][0]["left_out"].size() == 1);
    CHECK(j["courses"][1]["id"] == "spravato-label-2");
    CHECK(j["courses"][1]["start"] == "2027-01-04");
    const auto two = run_cli({"export", file, file, "--format", "json"});
    REQUIRE(two.status == 0);
    const auto k = nlohmann::json::parse(two.out);
    CHECK(k["courses"][1]["id"] == "spravato-label-2");
    CHECK(k["courses"][1]["left_out"][0]["id"] == "spravato-label-2/induction/1");
}

TEST_CASE("plan and visit changes: bad input is one line naming the flag or visit") {
    const TempDir dir;
    const std::string file = (dir.path() / "x.courseplan.json").string();
    check_usage_error({"plan", "spravato-label"}, "plan: -o FILE");
    check_usage_error({"plan", "spravato-label", "--skip", "induction/3", "-o", file},
                      "--skip: a visit id COURSE/PHASE/NUMBER");
    check_usage_error({"plan", "spravato-label", "--skip", "other/induction/3", "-o", file},
                      "--skip other/induction/3: a course of this plan (spravato-label)");
    check_usage_error(
        {"plan", "spravato-label", "--skip", "spravato-label/induction/9", "-o", file},
        "visit spravato-label/induction/9: a visit the phase has (Induction has 8)");
    check_usage_error({"show", "spravato-label", "--move", "spravato-label/induction/2"},
                      "--move: VISIT=VALUE");
    check_usage_error({"show", "spravato-label", "--move", "spravato-label/induction/2=soon"},
                      "--move spravato-label/induction/2: 'soon' is not a date");
    check_usage_error(
        {"show", "spravato-label", "--visit-time", "spravato-label/induction/2=25:00"},
        "--visit-time spravato-label/induction/2: '25:00' is not a time");
    check_usage_error({"show", "spravato-label", "--note", "spravato-label/induction/2=take 5 ml"},
                      "no dose");
    check_usage_error({"show", "spravato-label", "--skip", "spravato-label/induction/2", "--move",
                       "spravato-label/induction/2=2026-12-01"},
                      "a skipped visit alone");
    check_usage_error({"export", "spravato-label", "--format", "json", "--remind", "-o", file,
                       "--color", "never"},
                      "unknown option --color");
    CHECK_FALSE(fs::exists(file));
    // Course options need a PRESET: a plan file keeps its own settings.
    REQUIRE(run_cli({"plan", "iv-boosters", "--start", "2026-12-07", "-o", file}).status == 0);
    check_usage_error({"show", file, "--start", "2027-01-04"},
                      "--start: a PRESET to apply to (a plan file keeps its own course settings)");
}

TEST_CASE("a plan file from a newer version is refused, named, and left byte-identical") {
    const TempDir dir;
    const std::string file = (dir.path() / "new.courseplan.json").string();
    REQUIRE(run_cli({"plan", "iv-boosters", "--start", "2026-12-07", "-o", file}).status == 0);
    std::string text = read_text(file);
    text.replace(text.find("\"format_version\": 1"), 19, "\"format_version\": 2");
    write_text(file, text);
    check_usage_error({"show", file},
                      file +
                          ":2:21: format_version: a format_version of 1 or lower (this plan "
                          "is format_version 2, from a newer Course Planner)");
    check_usage_error({"plan", "iv-boosters", "-o", file},
                      "it is format_version 2, from a newer Course Planner, and is left as it is");
    CHECK(read_text(file) == text);
    CHECK_FALSE(fs::exists(file + "~"));
    const auto valid = run_cli({"validate", file});
    CHECK(valid.status == 1);
    CHECK(contains(valid.out, "format_version 2"));
}

TEST_CASE("--help says what the engine does with closed days") {
    const auto help = run_cli({"--help"});
    REQUIRE(help.status == 0);
    CHECK_FALSE(contains(help.out, "a visit moves to the next open day"));
    CHECK(contains(help.out, "the phase keeps its published number of visits and runs"));
    CHECK(contains(help.out, "course-planner plan PRESET..."));
    CHECK(contains(help.out, "--move VISIT=DATE"));
}
