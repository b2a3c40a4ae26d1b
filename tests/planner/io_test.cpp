// planner/io: preset validation with positions, the broken-file corpus, the library,
// preset folders, and file reading and atomic writing.
#include "planner/io.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>

#include "planner/plan_io.hpp"
#include "tests/env_var.hpp"

namespace fs = std::filesystem;
using namespace planner;
using namespace planner::io;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

void spit(const fs::path& path, const std::string& text) {
    std::ofstream out(path, std::ios::binary);
    out << text;
}

// A fresh empty folder under the system temp folder, removed at scope exit.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "io_test.XXXXXX").string();
        REQUIRE(::mkdtemp(tmpl.data()) != nullptr);
        path_ = tmpl;
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    [[nodiscard]] const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

using test_env::EnvVar;

const fs::path kExample = fs::path(PRESETS_DIR) / "iv-six-two-weeks.json";

// A minimal valid preset with one weekly phase; {ID}, {TITLE}, {ROUTE} are replaced.
std::string preset_text(const std::string& id, const std::string& title,
                        const std::string& route = "iv") {
    return R"({
  "schema_version": 1,
  "id": ")" +
           id + R"(",
  "title": ")" +
           title +
           R"(",
  "description": "A test preset.",
  "route": ")" +
           route +
           R"(",
  "visit": {
    "treatment_minutes": {"min": 40, "max": 40, "sources": ["s"]},
    "observation_minutes": {"min": 0, "max": 60, "sources": ["s"]},
    "ride_home": {"value": true, "sources": ["s"]},
    "no_driving_until_next_day": {"value": false, "sources": ["s"]}
  },
  "phases": [{"id": "p", "name": "Phase", "kind": "induction",
              "cadence": {"per_week": 2, "weeks": 4, "sources": ["s"]}}],
  "sources": [{"id": "s", "title": "A source", "kind": "trial", "identifier": "test"}]
}
)";
}

void check_same(const CitedRange& a, const CitedRange& b) {
    CHECK(a.value == b.value);
    CHECK(a.sources == b.sources);
    CHECK(a.at_least == b.at_least);
    CHECK(a.min_sources == b.min_sources);
    CHECK(a.max_sources == b.max_sources);
    CHECK(a.derived == b.derived);
}

void check_same(const CitedFlag& a, const CitedFlag& b) {
    CHECK(a.value == b.value);
    CHECK(a.sources == b.sources);
}

// Field-by-field equality (the model has no operator== on Protocol).
void check_same(const Protocol& a, const Protocol& b) {
    CHECK(a.schema_version == b.schema_version);
    CHECK(a.id == b.id);
    CHECK(a.title == b.title);
    CHECK(a.description == b.description);
    CHECK(a.route == b.route);
    CHECK(a.illustrative == b.illustrative);
    CHECK(a.illustrative_note == b.illustrative_note);
    CHECK(a.illustrative_sources == b.illustrative_sources);
    CHECK(a.noun == b.noun);
    CHECK(a.default_clinic_days == b.default_clinic_days);
    check_same(a.visit.treatment_minutes, b.visit.treatment_minutes);
    check_same(a.visit.observation_minutes, b.visit.observation_minutes);
    check_same(a.visit.ride_home, b.visit.ride_home);
    check_same(a.visit.no_driving_until_next_day, b.visit.no_driving_until_next_day);
    REQUIRE(a.visit.fasting.has_value() == b.visit.fasting.has_value());
    if (a.visit.fasting) {
        CHECK(a.visit.fasting->solid_food_hours == b.visit.fasting->solid_food_hours);
        CHECK(a.visit.fasting->food_hours == b.visit.fasting->food_hours);
        CHECK(a.visit.fasting->liquids_minutes == b.visit.fasting->liquids_minutes);
        CHECK(a.visit.fasting->sources == b.visit.fasting->sources);
    }
    REQUIRE(a.phases.size() == b.phases.size());
    for (std::size_t i = 0; i < a.phases.size(); ++i) {
        const Phase& x = a.phases[i];
        const Phase& y = b.phases[i];
        CHECK(x.id == y.id);
        CHECK(x.name == y.name);
        CHECK(x.kind == y.kind);
        CHECK(x.cadence.kind == y.cadence.kind);
        CHECK(x.cadence.per_week == y.cadence.per_week);
        CHECK(x.cadence.weeks == y.cadence.weeks);
        CHECK(x.cadence.every_weeks == y.cadence.every_weeks);
        CHECK(x.cadence.count == y.cadence.count);
        CHECK(x.cadence.as_needed == y.cadence.as_needed);
        CHECK(x.cadence.sources == y.cadence.sources);
        CHECK(x.cadence.derived == y.cadence.derived);
        REQUIRE(x.visits.has_value() == y.visits.has_value());
        if (x.visits) check_same(*x.visits, *y.visits);
        CHECK(x.note == y.note);
        CHECK(x.note_sources == y.note_sources);
    }
    REQUIRE(a.sources.size() == b.sources.size());
    for (std::size_t i = 0; i < a.sources.size(); ++i) {
        CHECK(a.sources[i].id == b.sources[i].id);
        CHECK(a.sources[i].title == b.sources[i].title);
        CHECK(a.sources[i].url == b.sources[i].url);
        CHECK(a.sources[i].identifier == b.sources[i].identifier);
        CHECK(a.sources[i].note == b.sources[i].note);
        CHECK(a.sources[i].kind == b.sources[i].kind);
    }
}

std::vector<std::string> problem_lines(std::string_view text) {
    std::vector<std::string> lines;
    for (const auto& p : validate_protocol(text, "t.json")) lines.push_back(p.to_string());
    return lines;
}

}  // namespace

TEST_CASE("io: every shipped preset validates with no problem") {
    std::size_t count = 0;
    for (const auto& entry : fs::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        ++count;
        const std::string text = slurp(entry.path());
        const auto problems = validate_protocol(text, entry.path().string());
        for (const auto& p : problems) INFO(p.to_string());
        CHECK_MESSAGE(problems.empty(), entry.path().string());
        const auto parsed = parse_protocol(text, entry.path().string());
        REQUIRE(parsed.ok());
        CHECK(parsed->file == entry.path().string());
        CHECK(parsed->id == entry.path().stem().string());
    }
    CHECK(count >= 1);
}

TEST_CASE("io: the example preset reads into the model") {
    const auto p = load_protocol_file(kExample);
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
    CHECK(p->id == "iv-six-two-weeks");
    CHECK(p->route == Route::iv);
    CHECK_FALSE(p->illustrative);
    CHECK(p->default_clinic_days ==
          std::vector<chr::weekday>{chr::Monday, chr::Wednesday, chr::Friday});
    // The infusion is the published range, each end citing what states it.
    CHECK(p->visit.treatment_minutes.value == Range{40, 90});
    CHECK(p->visit.treatment_minutes.max_sources == std::vector<std::string>{"seed000"});
    CHECK(p->visit.treatment_minutes.min_sources.front() == "andrade2017");
    CHECK(p->visit.treatment_minutes.sources.size() ==
          p->visit.treatment_minutes.min_sources.size() + 1);  // the union of the two ends
    CHECK_FALSE(p->visit.treatment_minutes.at_least);
    CHECK(p->visit.observation_minutes.value == Range{15, 120});
    CHECK(p->find_source("andrade2017")->kind == SourceKind::review);
    CHECK(p->find_source("phillips2019")->kind == SourceKind::trial);
    CHECK(p->find_source("seed000")->kind == SourceKind::clinic);
    CHECK(p->phases[1].note_sources == std::vector<std::string>{"clinic-nyketamine"});
    CHECK(p->visit.ride_home.value);
    REQUIRE(p->visit.fasting.has_value());
    CHECK(p->visit.fasting->solid_food_hours == 6);
    CHECK(p->visit.fasting->liquids_minutes == 0);
    REQUIRE(p->phases.size() == 2);
    CHECK(p->phases[0].cadence.kind == Cadence::Kind::weekly);
    CHECK(p->phases[0].cadence.per_week == 3);
    CHECK(p->phases[0].cadence.weeks == 2);
    REQUIRE(p->phases[0].visits.has_value());
    CHECK(p->phases[0].visits->value == Range{6, 6});
    CHECK(p->phases[1].kind == PhaseKind::booster);
    CHECK(p->phases[1].cadence.kind == Cadence::Kind::interval);
    CHECK(p->phases[1].cadence.every_weeks == Range{2, 4});
    CHECK(p->phases[1].cadence.count == 0);
    CHECK(p->phases[1].cadence.as_needed);
    // Every cited id resolves to a declared source.
    const auto cited = [&](const std::vector<std::string>& ids) {
        CHECK_FALSE(ids.empty());
        for (const auto& id : ids) CHECK_MESSAGE(p->find_source(id) != nullptr, id);
    };
    cited(p->visit.treatment_minutes.sources);
    cited(p->visit.ride_home.sources);
    for (const auto& phase : p->phases) cited(phase.cadence.sources);
    CHECK(p->find_source("seed001") != nullptr);
    CHECK(p->file == kExample.string());
}

TEST_CASE("io: protocol_to_json round trip on the example preset") {
    const auto first = load_protocol_file(kExample);
    REQUIRE(first.ok());
    const std::string json = protocol_to_json(*first);
    const auto second = parse_protocol(json, "roundtrip.json");
    REQUIRE_MESSAGE(second.ok(), (second.ok() ? "" : second.error().message()));
    check_same(*first, *second);
    // Writing again gives the same text: the writer is deterministic.
    CHECK(protocol_to_json(*second) == json);
}

TEST_CASE("io: a Spravato observation is a minimum, read and written back as at_least") {
    const auto p = load_protocol_file(fs::path(PRESETS_DIR) / "spravato-label.json");
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
    CHECK(p->visit.observation_minutes.at_least);
    CHECK(p->visit.observation_minutes.value == Range{120, 120});
    CHECK(p->visit.fasting->food_hours == 2);
    CHECK(p->visit.fasting->solid_food_hours == 0);
    CHECK_FALSE(p->visit.treatment_minutes.derived.empty());
    const std::string json = protocol_to_json(*p);
    CHECK(json.find("\"at_least\": 120") != std::string::npos);
    CHECK(json.find("\"kind\": \"label\"") != std::string::npos);
    const auto again = parse_protocol(json, "again.json");
    REQUIRE(again.ok());
    check_same(*p, *again);
}

TEST_CASE("io: every shipped preset survives the round trip, kinds and citations included") {
    for (const auto& entry : fs::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        CAPTURE(entry.path().string());
        const auto p = load_protocol_file(entry.path());
        REQUIRE(p.ok());
        const auto again = parse_protocol(protocol_to_json(*p), "again.json");
        REQUIRE_MESSAGE(again.ok(), (again.ok() ? "" : again.error().message()));
        check_same(*p, *again);
    }
}

TEST_CASE("io: a declared source no field cites, and a schedule resting on a clinic page") {
    std::string text = preset_text("kinds", "Kinds");
    const std::string good = text;
    CHECK(problem_lines(good).empty());
    // The same preset whose only source is a clinic page: the cadence cannot rest on it,
    // but what a visit involves can.
    text.replace(text.find("\"kind\": \"trial\""), 15, "\"kind\": \"clinic\"");
    const auto lines = problem_lines(text);
    REQUIRE(lines.size() == 1);
    CHECK(
        lines[0].find("phases[0].cadence.sources: a source of a kind that can support a cadence") !=
        std::string::npos);
    // Marked illustrative (with its note), the same file loads.
    std::string illustrative = text;
    illustrative.replace(illustrative.find("\"route\""), 0,
                         "\"illustrative\": true, \"illustrative_note\": \"Illustrative: no "
                         "standard published course.\",\n  ");
    CHECK(problem_lines(illustrative).empty());
    // A second source that nothing cites is refused.
    std::string extra = good;
    extra.replace(extra.find("\"identifier\": \"test\"}"), 21,
                  "\"identifier\": \"test\"}, {\"id\": \"t\", \"title\": \"T\", \"kind\": "
                  "\"review\", \"url\": \"https://example.org/t\"}");
    const auto uncited = problem_lines(extra);
    REQUIRE(uncited.size() == 1);
    CHECK(uncited[0].find("sources[1].id: a source that some field cites ('t' is declared") !=
          std::string::npos);
}

TEST_CASE("io: round trip keeps count, illustrative note, liquids and a visits cap") {
    Protocol p;
    p.id = "built";
    p.title = "Built in code";
    p.description = "One line.";
    p.route = Route::nasal;
    p.illustrative = true;
    p.illustrative_note = "Illustrative: no standard published course.";
    p.default_clinic_days = {chr::Tuesday, chr::Saturday, chr::Sunday};
    p.visit.treatment_minutes = {{5, 10}, {"a"}};
    p.visit.observation_minutes = {{120, 120}, {"a", "b"}};
    p.visit.ride_home = {true, {"b"}};
    p.visit.no_driving_until_next_day = {false, {"a"}};
    p.visit.fasting = Fasting{2, 30, {"a"}};
    Phase weekly;
    weekly.id = "w";
    weekly.name = "Weekly";
    weekly.cadence.per_week = 2;
    weekly.cadence.weeks = 4;
    weekly.cadence.sources = {"a"};
    weekly.visits = CitedRange{{6, 8}, {"b"}};
    Phase interval;
    interval.id = "i";
    interval.name = "Every few weeks";
    interval.kind = PhaseKind::maintenance;
    interval.cadence.kind = Cadence::Kind::interval;
    interval.cadence.every_weeks = {1, 2};
    interval.cadence.count = 12;
    interval.cadence.sources = {"b"};
    interval.note = "Caf\xC3\xA9 note, UTF-8 kept.";
    p.phases = {weekly, interval};
    p.sources = {{"a", "Source A", "https://example.org/a", "", ""},
                 {"b", "Source B", "", "NCT00000000", "a note"}};
    const auto back = parse_protocol(protocol_to_json(p), "built.json");
    REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message()));
    check_same(p, *back);
}

TEST_CASE("io: the broken-file corpus gives the expected first problem") {
    const fs::path dir = fs::path(TEST_DATA_DIR) / "bad";
    std::vector<fs::path> files;
    for (const auto& entry : fs::directory_iterator(dir))
        if (entry.path().extension() == ".json") files.push_back(entry.path());
    std::sort(files.begin(), files.end());
    CHECK(files.size() >= 40);
    for (const auto& path : files) {
        const std::string name = path.filename().string();
        const std::string relative = "tests/data/bad/" + name;
        fs::path expected_path = path;
        expected_path.replace_extension(".expected");
        REQUIRE_MESSAGE(fs::exists(expected_path), name);
        std::string expected = slurp(expected_path);
        while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r'))
            expected.pop_back();
        const std::string text = slurp(path);
        std::vector<Problem> problems;
        const bool plan = planner::io::is_plan_path(name);
        CHECK_NOTHROW(problems = plan ? planner::io::validate_plan(text, relative)
                                      : validate_protocol(text, relative));
        REQUIRE_MESSAGE(!problems.empty(), name);
        CHECK(problems.front().to_string() == expected);
        // parse_protocol (parse_plan) refuses the file with the same first problem.
        if (plan) {
            const auto parsed = planner::io::parse_plan(text, relative);
            REQUIRE_FALSE(parsed.ok());
            CHECK(parsed.error().message() == expected);
        } else {
            const auto parsed = parse_protocol(text, relative);
            REQUIRE_FALSE(parsed.ok());
            CHECK(parsed.error().message() == expected);
        }
    }
}

TEST_CASE("io: every problem is reported, in file order, with its own position") {
    const std::string text =
        "{\n"
        "  \"schema_version\": 1,\n"
        "  \"id\": \"Bad Id\",\n"
        "  \"title\": \"\",\n"
        "  \"description\": \"ok\",\n"
        "  \"route\": \"iv\",\n"
        "  \"visit\": {\n"
        "    \"treatment_minutes\": {\"min\": 40, \"max\": 40, \"sources\": [\"s\"]},\n"
        "    \"observation_minutes\": {\"min\": 0, \"max\": 60, \"sources\": [\"s\"]},\n"
        "    \"ride_home\": {\"value\": true, \"sources\": [\"s\"]},\n"
        "    \"no_driving_until_next_day\": {\"value\": true, \"sources\": [\"nope\"]}\n"
        "  },\n"
        "  \"phases\": [{\"id\": \"p\", \"name\": \"P\", \"kind\": \"induction\",\n"
        "    \"cadence\": {\"per_week\": 9, \"weeks\": 2, \"sources\": [\"s\"]}}],\n"
        "  \"sources\": [{\"id\": \"s\", \"title\": \"S\", \"kind\": \"trial\", \"url\": "
        "\"ftp://x\"}]\n"
        "}\n";
    const auto lines = problem_lines(text);
    const std::vector<std::string> expected{
        "t.json:3:9: id: an id: a lowercase letter, then lowercase letters and digits, single "
        "'-' between groups, at most 64 characters (such as \"iv-six-two-weeks\")",
        "t.json:4:12: title: a non-empty string of at most 200 characters on one line",
        "t.json:11:62: visit.no_driving_until_next_day.sources[0]: a source id declared in the "
        "top-level \"sources\" ('nope' is not declared)",
        "t.json:14:29: phases[0].cadence.per_week: an integer from 1 to 7",
        "t.json:15:65: sources[0].url: an https:// URL",
    };
    CHECK(lines == expected);
}

TEST_CASE("io: a good preset is checked once, a bad one again for positions, same answer") {
    // A good preset passes without the position maps; a problem anywhere (here a key with
    // ']' in it, which once broke the walk up to its parent) is found in that first pass
    // and reported from a second one, with its own line and column.
    std::string text = slurp(fs::path(PRESETS_DIR) / "spravato-label.json");
    REQUIRE(validate_protocol(text, "s.json").empty());
    const std::size_t close = text.rfind('}');
    REQUIRE(close != std::string::npos);
    const std::size_t line =
        static_cast<std::size_t>(std::count(text.begin(), text.begin() + close, '\n')) + 1;
    text.insert(close, ",\n\"note]\": 5\n");
    const auto problems = validate_protocol(text, "s.json");
    REQUIRE(problems.size() == 1);
    CHECK(problems[0].line == static_cast<int>(line) + 1);
    CHECK(problems[0].column == 1);
    CHECK(problems[0].field == "note]");
    CHECK(problems[0].expected.find("a known field") == 0);
}

TEST_CASE("io: a CRLF counts as one line break and a BOM is skipped") {
    std::string text = preset_text("crlf", "CRLF");
    const std::string good = text;
    text.replace(text.find("\"per_week\": 2"), 13, "\"per_week\": 0");
    const auto lf = problem_lines(text);
    REQUIRE(lf.size() == 1);
    CHECK(lf[0] == "t.json:14:39: phases[0].cadence.per_week: an integer from 1 to 7");
    std::string crlf;
    for (const char c : text) crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(problem_lines(crlf) == lf);
    CHECK(problem_lines("\xEF\xBB\xBF" + crlf) == lf);
    CHECK(validate_protocol("\xEF\xBB\xBF" + good, "t.json").empty());
    // Columns count characters, not bytes.
    std::string wide = good;
    wide.replace(wide.find("\"title\": \"CRLF\""), 15,
                 "\"title\": \"\xC3\xA9t\xC3\xA9\", \"x\": 1");
    const auto w = problem_lines(wide);
    REQUIRE(w.size() == 1);
    CHECK(w[0].rfind("t.json:4:19: x: a known field", 0) == 0);
}

TEST_CASE("io: limits and odd input never throw and give clear problems") {
    CHECK(problem_lines(std::string(5u << 20, ' ')) ==
          std::vector<std::string>{"t.json:1:1: (file): a file of at most 4 MiB"});
    // Deep nesting far past the limit, and unbalanced brackets.
    CHECK(problem_lines(std::string(100000, '[')).at(0) ==
          "t.json:1:33: [0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
          "[0][0][0][0][0][0][0][0][0]: nesting of at most 32 levels");
    CHECK(
        problem_lines(std::string(100000, ']')).at(0).rfind("t.json:1:1: (json): valid JSON", 0) ==
        0);
    // A nesting of exactly 32 levels is fine as far as depth goes.
    const std::string deep32 = std::string(32, '[') + std::string(32, ']');
    CHECK(problem_lines(deep32).at(0).find("nesting") == std::string::npos);
    CHECK(problem_lines("\"just a string\"").at(0) ==
          "t.json:1:1: (root): a JSON object holding one preset (schema_version, id, title, ...)");
    CHECK(problem_lines("{\"a\": \"\xED\xA0\x80\"}").at(0) ==
          "t.json:1:8: (text): valid UTF-8 text");
    CHECK(problem_lines(std::string_view("{\"a\": 1}\0", 9)).at(0).rfind("t.json:1:9: (json)", 0) ==
          0);
    CHECK(problem_lines("{\"schema_version\": 18446744073709551615}").at(0) ==
          "t.json:1:20: schema_version: a schema_version of 1 or lower (this file is from a "
          "newer Course Planner)");
    // Items past the first thousand of a list report the list's position.
    std::string many = "{\"sources\": [";
    for (int i = 0; i < 1500; ++i) many += "\"x\", ";
    many += "5]}";
    const auto far = validate_protocol(many, "t.json");
    CHECK(std::any_of(far.begin(), far.end(), [](const Problem& p) {
        return p.field == "sources[1000]" && p.line == 1 && p.column == 13;
    }));
    const auto negative = problem_lines("{\"schema_version\": -5}");
    CHECK(std::find(negative.begin(), negative.end(),
                    "t.json:1:20: schema_version: an integer from 1 to 1") != negative.end());
    // Escaped keys are decoded before they are compared.
    CHECK(problem_lines(preset_text("a", "b").replace(1, 0, " \"r\\u006fute\": \"iv\","))
              .at(0)
              .rfind("t.json:6:3: route: each field only once", 0) == 0);
}

TEST_CASE("io: dose text is refused anywhere, timing text is not") {
    // The samples live in tests/data/bad, the one place dose-like text may appear.
    std::istringstream samples(slurp(fs::path(TEST_DATA_DIR) / "bad" / "dose-samples.txt"));
    const auto with_note = [](const std::string& note) {
        std::string t = preset_text("d", "Note check");
        t.replace(t.find("\"kind\": \"induction\""), 19,
                  "\"kind\": \"induction\", \"note\": \"" + note + "\"");
        return validate_protocol(t, "t.json");
    };
    int refused = 0;
    int accepted = 0;
    int keys = 0;
    for (std::string line; std::getline(samples, line);) {
        const std::size_t colon = line.find(": ");
        if (line.empty() || line[0] == '#' || colon == std::string::npos) continue;
        const std::string kind = line.substr(0, colon);
        const std::string sample = line.substr(colon + 2);
        INFO(line);
        if (kind == "refuse") {
            ++refused;
            const auto problems = with_note(sample);
            REQUIRE(problems.size() == 1);
            CHECK(problems[0].field == "phases[0].note");
            CHECK(problems[0].expected == "no dose: the planner shows timing and frequency only");
        } else if (kind == "accept") {
            ++accepted;
            CHECK(with_note(sample).empty());
        } else if (kind == "key") {
            ++keys;
            std::string t = preset_text("d", "Key check");
            t.replace(t.find("\"visit\": {"), 10, "\"visit\": {\"" + sample + "\": 1,");
            const auto problems = validate_protocol(t, "t.json");
            REQUIRE(problems.size() == 1);
            CHECK(problems[0].field == "visit." + sample);
            CHECK(problems[0].expected == "no dose: the planner shows timing and frequency only");
        }
    }
    CHECK(refused >= 10);
    CHECK(accepted >= 5);
    CHECK(keys >= 5);
}

TEST_CASE("io: Problem::to_string") {
    CHECK(Problem{"a.json", 3, 7, "phases[1].cadence.per_week", "an integer from 1 to 7"}
              .to_string() == "a.json:3:7: phases[1].cadence.per_week: an integer from 1 to 7");
    CHECK(Problem{"a.json", 0, 0, "", "cannot read"}.to_string() == "a.json: cannot read");
}

TEST_CASE("io: read_text_file") {
    TempDir dir;
    const auto missing = read_text_file(dir.path() / "x.json");
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message() ==
          "cannot read '" + (dir.path() / "x.json").string() + "': No such file or directory");
    spit(dir.path() / "small.json", "hello\n");
    const auto small = read_text_file(dir.path() / "small.json");
    REQUIRE(small.ok());
    CHECK(*small == "hello\n");
    spit(dir.path() / "big.json", std::string(101, 'x'));
    const auto big = read_text_file(dir.path() / "big.json", 100);
    REQUIRE_FALSE(big.ok());
    CHECK(big.error().message().find("at most 100 bytes") != std::string::npos);
    CHECK(read_text_file(dir.path() / "big.json", 101).ok());
    spit(dir.path() / "huge.json", std::string((4u << 20) + 1, ' '));
    const auto huge = read_text_file(dir.path() / "huge.json");
    REQUIRE_FALSE(huge.ok());
    CHECK(huge.error().message().find("a file of at most 4 MiB") != std::string::npos);
    const auto folder = read_text_file(dir.path());
    REQUIRE_FALSE(folder.ok());
    CHECK(folder.error().message().find(dir.path().string()) != std::string::npos);
}

TEST_CASE("io: write_file_atomic") {
    TempDir dir;
    const fs::path target = dir.path() / "out.json";
    REQUIRE(write_file_atomic(target, "first", true).ok());
    CHECK(slurp(target) == "first");
    struct stat st {};
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    REQUIRE(write_file_atomic(target, "second, longer", false).ok());
    CHECK(slurp(target) == "second, longer");
    REQUIRE(::stat(target.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0644);
    REQUIRE(write_file_atomic(target, "", true).ok());
    CHECK(slurp(target).empty());
    // No temp files are left behind.
    std::size_t entries = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path())) ++entries;
    CHECK(entries == 1);
    const auto missing = write_file_atomic(dir.path() / "no-such-folder" / "x.json", "x", false);
    REQUIRE_FALSE(missing.ok());
    CHECK(missing.error().message().find("no-such-folder/x.json") != std::string::npos);
    CHECK(missing.error().message().find("No such file or directory") != std::string::npos);
    // A failed write leaves the old file untouched: writing over a folder fails.
    fs::create_directory(dir.path() / "sub");
    spit(dir.path() / "sub" / "keep", "k");
    CHECK_FALSE(write_file_atomic(dir.path() / "sub", "x", false).ok());
    CHECK(slurp(dir.path() / "sub" / "keep") == "k");
    // A relative path writes in the current folder's terms.
    const fs::path old = fs::current_path();
    fs::current_path(dir.path());
    CHECK(write_file_atomic("rel.txt", "r", false).ok());
    fs::current_path(old);
    CHECK(slurp(dir.path() / "rel.txt") == "r");
}

TEST_CASE("io: load_library merges folders, keeps going past bad files, sorts") {
    TempDir a;
    TempDir b;
    spit(a.path() / "one.json", preset_text("one", "Zeta", "iv"));
    spit(a.path() / "two.json", preset_text("two", "Alpha", "iv"));
    spit(a.path() / "three.json", preset_text("three", "Nasal", "nasal"));
    spit(a.path() / "broken.json", "{");
    spit(a.path() / "schema.json", "{\"not\": \"a preset\"}");
    spit(a.path() / "notes.txt", "ignored");
    fs::create_directory(a.path() / "nested");
    spit(a.path() / "nested" / "deep.json", preset_text("deep", "Deep"));
    spit(b.path() / "one-override.json", preset_text("one", "Overridden", "im"));
    const auto lib = load_library({a.path(), b.path(), a.path() / "missing"});
    REQUIRE(lib.protocols.size() == 3);
    CHECK(lib.protocols[0].id == "two");    // iv, "Alpha"
    CHECK(lib.protocols[1].id == "three");  // nasal
    CHECK(lib.protocols[2].id == "one");    // im now, from the later folder
    CHECK(lib.protocols[2].title == "Overridden");
    CHECK(lib.protocols[2].file == (b.path() / "one-override.json").string());
    REQUIRE(lib.problems.size() >= 2);
    CHECK(lib.problems[0].file == (a.path() / "broken.json").string());
    CHECK(lib.problems[0].to_string().find("valid JSON") != std::string::npos);
    // The missing folder is reported, the others still load.
    CHECK(lib.problems.back().file == (a.path() / "missing").string());
}

TEST_CASE("io: load_library for some ids parses only those and answers like the whole library") {
    TempDir a;
    TempDir b;
    std::string one = preset_text("one", "Zeta", "iv");
    spit(a.path() / "one.json", one);
    spit(a.path() / "two.json", preset_text("two", "Alpha", "iv"));
    spit(a.path() / "broken.json", "{");
    spit(a.path() / "no-id.json", "{\"title\": \"x\", \"phases\": [{\"id\": \"one\"}]}");
    spit(a.path() / "number-id.json", "{\"id\": 7}");
    spit(a.path() / "broken-two.json", "{\"schema_version\": 1, \"id\": \"two\", \"title\": ");
    spit(a.path() / "bom.json", "\xEF\xBB\xBF" + preset_text("bom", "With a BOM"));
    std::string escaped = preset_text("esc", "Escaped key");
    escaped.replace(escaped.find("\"id\""), 4, "\"i\\u0064\"");
    spit(a.path() / "escaped.json", escaped);
    std::string twice = preset_text("first", "Two ids");
    twice.replace(twice.find("\"title\""), 0, "\"id\": \"second\", ");
    spit(a.path() / "twice.json", twice);
    spit(b.path() / "one-override.json", preset_text("one", "Overridden", "im"));
    const std::vector<fs::path> dirs{a.path(), b.path(), fs::path(PRESETS_DIR),
                                     fs::path(TEST_DATA_DIR) / "bad"};
    const Library whole = load_library(dirs);
    std::vector<std::string> ids{"one", "two", "bom", "esc", "first", "second", "7", "none", ""};
    for (const auto& p : whole.protocols) ids.push_back(p.id);
    for (const std::string& id : ids) {
        CAPTURE(id);
        const Library some = load_library(dirs, {id});
        const auto expected = resolve_preset(whole, id);
        const auto got = resolve_preset(some, id);
        REQUIRE(got.ok() == expected.ok());
        if (expected.ok()) {
            CHECK(got->file == expected->file);
            CHECK(protocol_to_json(*got) == protocol_to_json(*expected));
        } else {
            CHECK(got.error().message() == expected.error().message());
        }
    }
    // The later folder's "one" wins, as in the whole library.
    const Library only_one = load_library(dirs, {"one"});
    REQUIRE(only_one.protocols.size() == 1);
    CHECK(only_one.protocols[0].title == "Overridden");
    // Files holding other ids are not parsed: their problems are not reported.
    CHECK(only_one.problems.empty());
    CHECK(whole.problems.size() > 10);
    const Library two = load_library(dirs, {"two"});
    REQUIRE(two.problems.size() == 1);  // broken-two.json says it is "two", and is not valid
    CHECK(two.problems[0].file == (a.path() / "broken-two.json").string());
    CHECK(load_library(dirs, {}).protocols.empty());
}

TEST_CASE("io: a library of some ids collects the code points of every preset file") {
    TempDir a;
    // U+2192 written out, U+2265 as an escape, U+1F600 as a surrogate pair, in files of ids
    // that are not asked for, one of them not a valid preset; an escaped backslash before
    // "u2260" is text, not an escape; a cut UTF-8 sequence is skipped.
    std::string arrow = preset_text("arrow", "Week 1 \xE2\x86\x92 week 2");
    spit(a.path() / "arrow.json", arrow);
    spit(a.path() / "broken.json", "{\"title\": \"at least \\u2265 2 \\ud83d\\ude00\", ");
    spit(a.path() / "plain.json", "{\"id\": \"plain\", \"note\": \"a \\\\u2260 b \xE2\x86\"}");
    spit(a.path() / "wanted.json", preset_text("wanted", "caf\xC3\xA9"));
    const std::vector<char32_t> expected{0xE9, 0x2192, 0x2265, 0x1F600};
    const Library some = load_library({a.path()}, {"wanted"}, Codepoints::collect);
    REQUIRE(some.protocols.size() == 1);
    CHECK(some.codepoints == expected);
    CHECK(load_library({a.path()}, {"wanted", "arrow"}, Codepoints::collect).codepoints ==
          expected);
    CHECK(load_library({a.path()}, {}, Codepoints::collect).codepoints == expected);
    // Not asked for (the command line): none.
    CHECK(load_library({a.path()}, {"wanted"}).codepoints.empty());
    CHECK(load_library({a.path()}).codepoints.empty());
    // The shipped presets (plain ASCII today): the same for two ids as for all of them.
    std::vector<std::string> all;
    for (const Protocol& p : load_library({fs::path(PRESETS_DIR)}).protocols) all.push_back(p.id);
    const std::vector<fs::path> shipped{fs::path(PRESETS_DIR)};
    CHECK(load_library(shipped, {"iv-six-two-weeks", "spravato-label"}, Codepoints::collect)
              .codepoints == load_library(shipped, all, Codepoints::collect).codepoints);
}

TEST_CASE("io: resolve_preset by id or by path") {
    TempDir dir;
    spit(dir.path() / "p.json", preset_text("by-path", "By path"));
    Library lib;
    lib.protocols.push_back(*parse_protocol(preset_text("by-id", "By id"), "x.json"));
    const auto by_id = resolve_preset(lib, "by-id");
    REQUIRE(by_id.ok());
    CHECK(by_id->title == "By id");
    const auto by_path = resolve_preset(lib, (dir.path() / "p.json").string());
    REQUIRE(by_path.ok());
    CHECK(by_path->id == "by-path");
    const auto unknown = resolve_preset(lib, "xyz");
    REQUIRE_FALSE(unknown.ok());
    CHECK(unknown.error().where == "PRESET");
    CHECK(unknown.error().what.find("unknown preset 'xyz'") == 0);
    CHECK(unknown.error().what.find("course-planner list") != std::string::npos);
    const auto no_file = resolve_preset(lib, "nothing-here.json");
    REQUIRE_FALSE(no_file.ok());
    CHECK(no_file.error().message() ==
          "cannot read 'nothing-here.json': No such file or directory");
}

TEST_CASE("io: preset_dirs") {
    TempDir env1;
    TempDir env2;
    TempDir xdg;
    fs::create_directories(xdg.path() / "course-planner" / "presets");
    {
        const EnvVar presets("COURSE_PLANNER_PRESETS",
                             env1.path().string() + ":/no/such/dir::" + env2.path().string());
        const EnvVar data("XDG_DATA_HOME", xdg.path().string());
        const auto dirs = preset_dirs();
        REQUIRE(dirs.size() >= 3);
        CHECK(dirs[0] == env1.path());
        CHECK(dirs[1] == env2.path());
        CHECK(dirs.back() == xdg.path() / "course-planner" / "presets");
        // The shipped presets come from exactly one folder (installed or source tree).
        std::size_t shipped = 0;
        for (const auto& d : dirs)
            if (fs::exists(d / "iv-six-two-weeks.json")) ++shipped;
        CHECK(shipped == 1);
        for (const auto& d : dirs) CHECK(fs::is_directory(d));
    }
    {
        const EnvVar presets("COURSE_PLANNER_PRESETS", std::nullopt);
        const EnvVar data("XDG_DATA_HOME", std::nullopt);
        const EnvVar home("HOME", xdg.path().string());
        const auto dirs = preset_dirs();
        CHECK(std::find(dirs.begin(), dirs.end(), env1.path()) == dirs.end());
        CHECK(std::find(dirs.begin(), dirs.end(), xdg.path() / "course-planner" / "presets") ==
              dirs.end());  // $HOME/.local/share does not exist there
        fs::create_directories(xdg.path() / ".local" / "share" / "course-planner" / "presets");
        const auto with_home = preset_dirs();
        REQUIRE_FALSE(with_home.empty());
        CHECK(with_home.back() == xdg.path() / ".local" / "share" / "course-planner" / "presets");
    }
}

TEST_CASE("io: random edits of good presets never throw and parse agrees with validate") {
    // A fixed-seed mutation loop: flips, deletions, insertions of JSON punctuation.
    std::vector<std::string> seeds;
    for (const auto& entry : fs::directory_iterator(PRESETS_DIR))
        if (entry.path().extension() == ".json" && entry.path().filename() != "schema.json")
            seeds.push_back(slurp(entry.path()));
    REQUIRE_FALSE(seeds.empty());
    std::sort(seeds.begin(), seeds.end());
    std::uint64_t state = 0x9E3779B97F4A7C15ull;
    const auto next = [&state](std::size_t bound) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        return static_cast<std::size_t>(state % bound);
    };
    const std::string alphabet = "{}[],:\"\\ 0123456789-.eEtrufalsn\n\r\t\xC3\xA9\xFF";
    int parsed_count = 0;
    for (int round = 0; round < 3000; ++round) {
        std::string text = seeds[next(seeds.size())];
        const std::size_t edits = 1 + next(3);
        for (std::size_t e = 0; e < edits && !text.empty(); ++e) {
            const std::size_t at = next(text.size());
            switch (next(3)) {
                case 0: text[at] = alphabet[next(alphabet.size())]; break;
                case 1: text.erase(at, 1 + next(8)); break;
                default: text.insert(at, 1, alphabet[next(alphabet.size())]); break;
            }
        }
        std::vector<Problem> problems;
        REQUIRE_NOTHROW(problems = validate_protocol(text, "m.json"));
        const auto lines = static_cast<int>(std::count(text.begin(), text.end(), '\n')) + 1;
        for (const auto& p : problems) {
            CHECK(p.line >= 1);
            CHECK(p.line <= lines);
            CHECK(p.column >= 1);
            CHECK_FALSE(p.field.empty());
            CHECK_FALSE(p.expected.empty());
        }
        const auto parsed = parse_protocol(text, "m.json");
        REQUIRE(parsed.ok() == problems.empty());
        if (!parsed) continue;
        ++parsed_count;
        const std::string again = protocol_to_json(*parsed);
        const auto reparsed = parse_protocol(again, "m.json");
        REQUIRE(reparsed.ok());
        CHECK(protocol_to_json(*reparsed) == again);
    }
    CHECK(parsed_count > 0);  // some edits land in text and keep the preset valid
}
