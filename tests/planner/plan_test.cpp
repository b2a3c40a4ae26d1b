// The Plan value: visit ids, stable course ids, overrides, plan files (round trip, saving,
// newer versions) and ICS UIDs that depend on visit ids only.
#include "planner/plan.hpp"

#include <doctest/doctest.h>
#include <sys/stat.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/plan_io.hpp"
#include "planner/schedule.hpp"

namespace {

namespace chr = std::chrono;
namespace fs = std::filesystem;
using namespace std::chrono_literals;
using planner::Course;
using planner::Plan;
using planner::Protocol;
using planner::VisitId;
using planner::VisitOverride;

const fs::path kPresetsDir = PRESETS_DIR;

Protocol preset(const std::string& id) {
    auto p = planner::io::load_protocol_file(kPresetsDir / (id + ".json"));
    REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
    return *p;
}

Course starting(chr::year_month_day start) {
    Course c;
    c.start = start;
    return c;
}

std::vector<planner::PlannedCourse> planned(const Plan& plan) {
    auto r = planner::plan_courses(plan);
    REQUIRE_MESSAGE(r.ok(), (r.ok() ? "" : r.error().message()));
    return std::move(r).value();
}

const planner::Visit* find(const planner::PlannedCourse& pc, const std::string& phase, int n) {
    for (const auto& v : pc.expansion.visits)
        if (pc.protocol.phases[v.phase].id == phase && v.number_in_phase == n) return &v;
    return nullptr;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
}

// A fresh folder under the build's temp dir, removed afterwards.
struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() /
               ("plan-test-" + std::to_string(chr::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path, ec);
    }
};

}  // namespace

TEST_CASE("visit id: string form, parse, format, round trip") {
    const VisitId id{"spravato-label", "induction", 3};
    CHECK(id.str() == "spravato-label/induction/3");
    const auto back = planner::parse_visit_id(id.str(), "--skip");
    REQUIRE(back.ok());
    CHECK(*back == id);
    CHECK(planner::parse_visit_id("spravato-label-2/maintenance-weekly/12", "x")->course ==
          "spravato-label-2");
    for (const char* bad :
         {"", "a", "a/b", "a/b/", "a/b/0", "a/b/03", "a/b/-1", "a/b/+1", "a/b/1/2", "A/b/1",
          "a b/c/1", "a//1", "/b/1", "a/b/1x", "a/b/9999999", "a/b/100001"}) {
        CAPTURE(bad);
        const auto r = planner::parse_visit_id(bad, "--skip");
        REQUIRE_FALSE(r.ok());
        CHECK(r.error().where == "--skip");
        CHECK(r.error().what.rfind("a visit id COURSE/PHASE/NUMBER", 0) == 0);
    }
    CHECK(planner::parse_visit_id("a/b/100000", "x").ok());
    // Ordered by course, then phase, then number (a map key).
    CHECK(VisitId{"a", "b", 2} < VisitId{"a", "b", 10});
    CHECK(VisitId{"a", "b", 9} < VisitId{"a", "c", 1});
}

TEST_CASE("plan: course ids are the preset id, then -2, -3, whatever the order") {
    const Protocol iv = preset("iv-six-two-weeks");
    const Protocol sp = preset("spravato-label");
    Plan a;
    a.add_course(sp, starting(2026y / 12 / 7));
    a.add_course(iv, starting(2026y / 12 / 7));
    a.add_course(sp, starting(2026y / 12 / 7));
    Plan b;
    b.add_course(iv, starting(2026y / 12 / 7));
    b.add_course(sp, starting(2026y / 12 / 7));
    b.add_course(sp, starting(2026y / 12 / 7));
    CHECK(a.courses[0].course.id == "spravato-label");
    CHECK(a.courses[1].course.id == "iv-six-two-weeks");
    CHECK(a.courses[2].course.id == "spravato-label-2");
    CHECK(b.courses[0].course.id == "iv-six-two-weeks");
    CHECK(b.courses[1].course.id == "spravato-label");
    CHECK(b.courses[2].course.id == "spravato-label-2");
    // Ids are kept once given: removing the first does not rename the second.
    a.overrides[{"spravato-label", "induction", 2}].skipped = true;
    a.overrides[{"spravato-label-2", "induction", 2}].skipped = true;
    REQUIRE(a.remove_course(0));
    CHECK(a.courses[1].course.id == "spravato-label-2");
    CHECK(a.overrides.size() == 1);
    CHECK(a.overrides.begin()->first.course == "spravato-label-2");
    CHECK(a.add_course(sp, starting(2026y / 12 / 7)) == "spravato-label");
    CHECK(a.add_course(sp, starting(2026y / 12 / 7)) == "spravato-label-3");
    CHECK_FALSE(a.remove_course(9));
}

TEST_CASE("plan: merging renames clashing courses and their overrides follow") {
    const Protocol sp = preset("spravato-label");
    Plan one;
    one.add_course(sp, starting(2026y / 12 / 7));
    Plan two;
    two.add_course(sp, starting(2027y / 1 / 4));
    two.add_course(sp, starting(2027y / 2 / 1));
    two.overrides[{"spravato-label", "induction", 1}].note = "first of the second plan";
    two.overrides[{"spravato-label-2", "induction", 1}].note = "second of the second plan";
    planner::merge_plan(one, two);
    REQUIRE(one.courses.size() == 3);
    CHECK(one.courses[0].course.id == "spravato-label");
    CHECK(one.courses[1].course.id == "spravato-label-3");  // -2 is taken by the second plan
    CHECK(one.courses[2].course.id == "spravato-label-2");
    CHECK(one.overrides.at({"spravato-label-3", "induction", 1}).note ==
          "first of the second plan");
    CHECK(one.overrides.at({"spravato-label-2", "induction", 1}).note ==
          "second of the second plan");
    CHECK(planned(one)[1].expansion.visits.front().note == "first of the second plan");
}

TEST_CASE("plan: overrides move, skip, mark missed, retime and annotate one visit") {
    const Protocol sp = preset("spravato-label");  // Mon/Thu
    Plan plan;
    plan.add_course(sp, starting(2026y / 12 / 7));
    const Plan before = plan;
    plan.overrides[{"spravato-label", "induction", 2}].date = 2026y / 12 / 11;  // Thu -> Fri
    plan.overrides[{"spravato-label", "induction", 2}].note = "Fridays suit me";
    plan.overrides[{"spravato-label", "induction", 3}].skipped = true;
    plan.overrides[{"spravato-label", "induction", 6}].time = chr::minutes{10 * 60 + 30};
    plan.overrides[{"spravato-label", "maintenance-weekly", 1}].missed = true;
    const auto pc = planned(plan).front();
    const auto base = planned(before).front();

    const auto* moved = find(pc, "induction", 2);
    REQUIRE(moved != nullptr);
    CHECK(moved->earliest == chr::sys_days{2026y / 12 / 11});
    CHECK(moved->moved_from == chr::sys_days{2026y / 12 / 10});
    CHECK(moved->move_reason == planner::MoveReason::plan);
    CHECK(moved->note == "Fridays suit me");
    // Skipped: gone from the visits, kept in `skipped` on its day; the others keep theirs.
    CHECK(find(pc, "induction", 3) == nullptr);
    REQUIRE(pc.expansion.skipped.size() == 1);
    CHECK(pc.expansion.skipped[0].earliest == chr::sys_days{2026y / 12 / 14});
    for (int n : {1, 4, 5, 7, 8})
        CHECK(find(pc, "induction", n)->earliest == find(base, "induction", n)->earliest);
    CHECK(pc.summary.phases[0].visits == planner::Range{7, 7});
    // Time: its own start, ends from the longest published durations.
    const auto* timed = find(pc, "induction", 6);
    CHECK(timed->time_changed);
    CHECK(timed->treatment_start == chr::minutes{630});
    CHECK(timed->observation_end == chr::minutes{630 + 30 + 120});
    // Missed Mon 4 Jan (week 5): made up on Thu 7 Jan, the same week; the others stay.
    const auto* missed = find(pc, "maintenance-weekly", 1);
    CHECK(missed->moved_from == chr::sys_days{2027y / 1 / 4});
    CHECK(missed->earliest == chr::sys_days{2027y / 1 / 7});
    CHECK(missed->move_reason == planner::MoveReason::missed);
    CHECK(find(pc, "maintenance-weekly", 4)->earliest == chr::sys_days{2027y / 1 / 25});

    std::vector<std::string> texts;
    for (const auto& d : pc.differences()) texts.push_back(d.rule + ": " + d.text);
    CHECK(texts == std::vector<std::string>{
                       "plan-move: This plan moves session 2 (Induction) from Thu 10 Dec "
                       "to Fri 11 Dec.",
                       "plan-skip: Session 3 (Induction) is left out; the phase has 7 of its 8 "
                       "sessions (SPRAVATO nasal spray).",
                       "same-week: Session 1 (Maintenance, weekly), missed on Mon 4 Jan, is "
                       "made up on Thu 7 Jan in the same week."});

    // Missed with no other clinic day that week: made up the next week, the phase runs longer.
    Plan monday = before;
    monday.courses[0].course.clinic_days = {chr::Monday};
    monday.overrides[{"spravato-label", "maintenance-weekly", 1}].missed = true;
    const auto longer = planned(monday).front();
    const auto* made_up = find(longer, "maintenance-weekly", 1);
    CHECK(made_up->moved_from == chr::sys_days{2027y / 2 / 1});  // week 9 with Mondays only
    CHECK(made_up->earliest == chr::sys_days{2027y / 2 / 8});
    CHECK(find(longer, "maintenance-weekly", 4)->earliest == chr::sys_days{2027y / 3 / 1});
    bool cites_rule = false;
    for (const auto& d : longer.differences())
        if (d.visit == VisitId{"spravato-label", "maintenance-weekly", 1}) {
            CHECK(d.rule == "keep-count");
            CHECK(d.text ==
                  "Session 1 (Maintenance, weekly), missed on Mon 1 Feb, is made up on Mon 8 "
                  "Feb; the schedule continues from there.");
            cites_rule = true;
        }
    CHECK(cites_rule);
}

TEST_CASE("plan: a picked date in a window makes the next windows follow it") {
    const Protocol sp = preset("spravato-label");
    Plan plan;
    plan.add_course(sp, starting(2026y / 12 / 7));
    const auto base = planned(plan).front();
    const auto* w1 = find(base, "maintenance", 1);
    REQUIRE(w1 != nullptr);
    REQUIRE(w1->is_window());
    plan.overrides[{"spravato-label", "maintenance", 1}].date =
        chr::year_month_day{w1->latest};  // the last day of its window
    const auto pc = planned(plan).front();
    const auto* picked = find(pc, "maintenance", 1);
    CHECK_FALSE(picked->is_window());
    CHECK(picked->earliest == w1->latest);
    const auto* next = find(pc, "maintenance", 2);
    CHECK(next->earliest == w1->latest + chr::days{7});
    CHECK(next->latest == w1->latest + chr::days{14});
    CHECK(pc.differences().empty());  // a date inside its window departs from nothing

    plan.overrides[{"spravato-label", "maintenance", 1}].date =
        chr::year_month_day{w1->latest + chr::days{3}};  // outside the window
    const auto out = planned(plan).front();
    REQUIRE(out.differences().size() == 1);
    CHECK(out.differences()[0].rule == "plan-move");
    CHECK(out.differences()[0].text.find("outside its window") != std::string::npos);
}

TEST_CASE("plan: overrides the engine refuses name the visit") {
    const Protocol sp = preset("spravato-label");
    Plan plan;
    Course c = starting(2026y / 12 / 7);
    c.closed = {2026y / 12 / 24};
    plan.add_course(sp, c);
    const auto error = [&](const VisitId& id, VisitOverride o) {
        Plan p = plan;
        p.overrides[id] = o;
        const auto r = planner::plan_courses(p);
        REQUIRE_FALSE(r.ok());
        return r.error().message();
    };
    VisitOverride skip;
    skip.skipped = true;
    CHECK(error({"spravato-label", "induction", 9}, skip) ==
          "spravato-label/induction/9: a visit the phase has (Induction has 8)");
    CHECK(error({"spravato-label", "boosters", 1}, skip) ==
          "spravato-label/boosters/1: a phase of spravato-label (induction, maintenance-weekly, "
          "maintenance)");
    CHECK(error({"other", "induction", 1}, skip) ==
          "other/induction/1: a visit of a course in the plan (no course \"other\")");
    VisitOverride closed;
    closed.date = 2026y / 12 / 24;
    CHECK(error({"spravato-label", "induction", 1}, closed) ==
          "spravato-label/induction/1: a day the clinic is open (2026-12-24 is closed in this "
          "course)");
    VisitOverride both = skip;
    both.time = chr::minutes{600};
    CHECK(error({"spravato-label", "induction", 1}, both) ==
          "spravato-label/induction/1: a skipped visit alone: no date, time or missed with it");
    VisitOverride window_missed;
    window_missed.missed = true;
    CHECK(error({"spravato-label", "maintenance", 1}, window_missed) ==
          "spravato-label/maintenance/1: a dated visit: a window has no day or time to miss or "
          "change (give it a date first)");
    VisitOverride late;
    late.time = chr::minutes{23 * 60};
    CHECK(error({"spravato-label", "induction", 1}, late) ==
          "spravato-label/induction/1: a start time that lets the visit end before midnight");
}

TEST_CASE("plan: ICS UIDs come from visit ids: alone, beside others, reordered, moved") {
    const Protocol iv = preset("iv-six-two-weeks");
    const Protocol sp = preset("spravato-label");
    const auto uids = [](const Plan& plan, const std::string& course) {
        std::vector<std::string> out;
        const auto ics = planner::exporter::to_ics(planned(plan), {});
        std::istringstream lines(ics);
        std::string line;
        while (std::getline(lines, line))
            if (line.rfind("UID:" + course + ".", 0) == 0) out.push_back(line);
        return out;
    };
    Plan alone;
    alone.add_course(sp, starting(2026y / 12 / 7));
    Plan beside;
    beside.add_course(iv, starting(2026y / 12 / 7));
    beside.add_course(sp, starting(2026y / 12 / 7));
    Plan later;
    later.add_course(sp, starting(2027y / 3 / 1));
    later.add_course(iv, starting(2026y / 12 / 7));
    const auto a = uids(alone, "spravato-label");
    REQUIRE(a.size() == planned(alone)[0].expansion.visits.size());
    CHECK(a.front() == "UID:spravato-label.induction.1@course-planner\r");
    CHECK(uids(beside, "spravato-label") == a);
    // A later start keeps every UID; only the open-ended tail can gain or lose a window,
    // as months differ in length.
    const auto l = uids(later, "spravato-label");
    const std::size_t common = std::min(l.size(), a.size());
    CHECK(common + 1 >= std::max(l.size(), a.size()));
    CHECK(std::equal(a.begin(), a.begin() + static_cast<long>(common), l.begin()));
    CHECK(planner::exporter::ics_uid({"spravato-label-2", "induction", 3}) ==
          "spravato-label-2.induction.3@course-planner");
    // Ids that only a '.' separator keeps apart stay apart.
    CHECK(planner::exporter::ics_uid({"a", "b-c", 1}) !=
          planner::exporter::ics_uid({"a-b", "c", 1}));
}

TEST_CASE("plan files: every preset round trips, with overrides, to the same visits") {
    int checked = 0;
    for (const auto& entry : fs::directory_iterator(kPresetsDir)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        const Protocol p = preset(entry.path().stem().string());
        CAPTURE(p.id);
        Plan plan;
        Course c = starting(2026y / 12 / 7);
        c.closed = {2026y / 12 / 24, 2026y / 12 / 31};
        c.clinic_days = {chr::Monday, chr::Thursday};
        c.start_time = chr::minutes{8 * 60 + 15};
        c.booster_months = 5;
        plan.add_course(p, c);
        plan.add_course(p, starting(2027y / 1 / 4));
        plan.courses[1].course.hidden = true;
        plan.overrides[{p.id, p.phases[0].id, 1}].note = "First visit \u2013 \"quoted\", 100%";
        plan.overrides[{p.id, p.phases[0].id, 1}].time = chr::minutes{7 * 60};
        plan.overrides[{p.id + "-2", p.phases[0].id, 2}].skipped = true;
        const std::string text = planner::io::plan_to_json(plan);
        const auto back = planner::io::parse_plan(text, "round.courseplan.json");
        REQUIRE_MESSAGE(back.ok(), (back.ok() ? "" : back.error().message()));
        CHECK(planner::io::plan_to_json(*back) == text);
        CHECK(back->overrides == plan.overrides);
        REQUIRE(back->courses.size() == 2);
        CHECK(planner::io::protocol_to_json(back->courses[0].protocol) ==
              planner::io::protocol_to_json(p));
        const auto x = planned(plan);
        const auto y = planned(*back);
        for (std::size_t i = 0; i < 2; ++i) {
            CHECK(y[i].course.id == x[i].course.id);
            CHECK(y[i].course.hidden == x[i].course.hidden);
            REQUIRE(y[i].expansion.visits.size() == x[i].expansion.visits.size());
            for (std::size_t k = 0; k < x[i].expansion.visits.size(); ++k) {
                CHECK(y[i].expansion.visits[k].earliest == x[i].expansion.visits[k].earliest);
                CHECK(y[i].expansion.visits[k].latest == x[i].expansion.visits[k].latest);
                CHECK(y[i].expansion.visits[k].treatment_start ==
                      x[i].expansion.visits[k].treatment_start);
                CHECK(y[i].expansion.visits[k].note == x[i].expansion.visits[k].note);
            }
            CHECK(y[i].differences().size() == x[i].differences().size());
        }
        CHECK(planner::io::validate_plan(text, "round.courseplan.json").empty());
        ++checked;
    }
    CHECK(checked >= 10);
}

TEST_CASE("plan files: the embedded protocol, not the library, decides the visits") {
    Protocol p = preset("spravato-label");
    Plan plan;
    plan.add_course(p, starting(2026y / 12 / 7));
    std::string text = planner::io::plan_to_json(plan);
    // A later preset with three sessions a week changes nothing in the saved plan.
    Protocol changed = p;
    changed.phases[0].cadence.per_week = 3;
    const auto back = planner::io::parse_plan(text, "x.courseplan.json");
    REQUIRE(back.ok());
    CHECK(back->courses[0].protocol.phases[0].cadence.per_week == 2);
    CHECK(planned(*back)[0].summary.phases[0].visits == planner::Range{8, 8});
}

TEST_CASE("plan files: save is atomic, 0600, keeps FILE~, refuses a newer plan") {
    TempDir dir;
    const fs::path file = dir.path / "class.courseplan.json";
    Plan plan;
    plan.add_course(preset("iv-six-two-weeks"), starting(2026y / 12 / 7));
    const mode_t old_mask = ::umask(0);
    auto saved = planner::io::save_plan_file(file, plan);
    ::umask(old_mask);
    REQUIRE_MESSAGE(saved.ok(), (saved.ok() ? "" : saved.error().message()));
    struct stat st {};
    REQUIRE(::stat(file.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK_FALSE(fs::exists(dir.path / "class.courseplan.json~"));
    const std::string first = slurp(file);

    plan.overrides[{"iv-six-two-weeks", "induction", 2}].skipped = true;
    REQUIRE(planner::io::save_plan_file(file, plan).ok());
    CHECK(slurp(dir.path / "class.courseplan.json~") == first);
    REQUIRE(::stat((dir.path / "class.courseplan.json~").c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    const auto loaded = planner::io::load_plan_file(file);
    REQUIRE(loaded.ok());
    CHECK(loaded->overrides.size() == 1);
    // Nothing but the plan and its backup is left in the folder (no temp files).
    int files = 0;
    for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir.path)) ++files;
    CHECK(files == 2);

    // A plan from a newer Course Planner: refused on load with its version, never replaced.
    std::string newer = first;
    newer.replace(newer.find("\"format_version\": 1"), 19, "\"format_version\": 7");
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << newer;
    }
    const auto refused = planner::io::load_plan_file(file);
    REQUIRE_FALSE(refused.ok());
    CHECK(refused.error().message() ==
          file.string() +
              ":2:21: format_version: a format_version of 1 or lower (this plan is "
              "format_version 7, from a newer Course Planner)");
    const auto not_saved = planner::io::save_plan_file(file, plan);
    REQUIRE_FALSE(not_saved.ok());
    CHECK(not_saved.error().message() ==
          file.string() +
              ": a plan this version can replace: it is format_version 7, from a newer Course "
              "Planner, and is left as it is");
    CHECK(slurp(file) == newer);
    CHECK(slurp(dir.path / "class.courseplan.json~") == first);
}

TEST_CASE("plan files: the suffix decides, in any letter case") {
    CHECK(planner::io::is_plan_path("class.courseplan.json"));
    CHECK(planner::io::is_plan_path("/a/b/X.CoursePlan.JSON"));
    CHECK_FALSE(planner::io::is_plan_path("spravato-label.json"));
    CHECK_FALSE(planner::io::is_plan_path("courseplan.json"));
    CHECK_FALSE(planner::io::is_plan_path("spravato-label"));
}

TEST_CASE("plan files: notes are one short line without a dose") {
    CHECK(planner::io::note_problem("Bring a book").empty());
    CHECK(planner::io::note_problem("") ==
          "a non-empty note of at most 300 characters on one line");
    CHECK(planner::io::note_problem("two\nlines") ==
          "a non-empty note of at most 300 characters on one line");
    CHECK(planner::io::note_problem(std::string(301, 'x')) ==
          "a non-empty note of at most 300 characters on one line");
    CHECK(planner::io::note_problem(std::string(300, 'x')).empty());
    CHECK(planner::io::note_problem("take 20 mg") ==
          "no dose: the planner shows timing and frequency only");
}
