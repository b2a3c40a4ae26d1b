// Plan files: reading (positions from planner/io's JSON reader, the embedded protocols
// checked by the preset checker), writing back, and saving with a backup.
// [SECTION] Checker: the plan rules, building the Plan as it goes
// [SECTION] Engine errors placed in the file
// [SECTION] Validate, parse, write, save
#include "planner/plan_io.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "planner/disclaimer.hpp"
#include "planner/io_json.hpp"
#include "planner/parse.hpp"
#include "planner/text.hpp"

namespace planner::io {

namespace {

using Json = nlohmann::json;
using Ordered = nlohmann::ordered_json;
using detail::JsonText;

constexpr std::size_t kMaxCourses = 100;
constexpr std::size_t kMaxClosed = 2000;
constexpr std::size_t kMaxNoteChars = 300;
constexpr std::string_view kEmpty =
    "a JSON object holding one plan (format_version, courses); the file is empty";

std::string join(const std::string& path, std::string_view key) {
    return path.empty() ? std::string(key) : path + "." + std::string(key);
}

std::string index(const std::string& path, std::size_t i) {
    return path + "[" + std::to_string(i) + "]";
}

std::size_t code_points(std::string_view s) {
    return static_cast<std::size_t>(std::count_if(
        s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

constexpr std::string_view kNoDoseNote = "no dose: the planner shows timing and frequency only";

std::string note_rule() {
    return "a non-empty note of at most " + std::to_string(kMaxNoteChars) +
           " characters on one line";
}

// [SECTION] Checker: the plan rules, building the Plan as it goes

class PlanChecker {
public:
    PlanChecker(const JsonText& doc, std::string_view file, std::vector<Problem>& out)
        : doc_(doc), file_(file), out_(out) {}

    Plan run();
    // Where each course sits in the file, by id (engine errors are placed with it).
    std::map<std::string, std::size_t> course_index;

private:
    void add_at(detail::Position p, const std::string& path, std::string expected) {
        out_.push_back(Problem{std::string(file_), p.line, p.column, path.empty() ? "(root)" : path,
                               std::move(expected)});
    }
    void add(const std::string& path, std::string expected) {
        add_at(detail::value_position(doc_, path), path, std::move(expected));
    }
    void add_key(const std::string& path, std::string expected) {
        add_at(detail::key_position(doc_, path), path, std::move(expected));
    }
    void missing(const std::string& path, std::string_view expected) {
        add(path, std::string(expected) + " (the field is missing)");
    }
    [[nodiscard]] static const Json* member(const Json& obj, std::string_view key) {
        const auto it = obj.find(std::string(key));
        return it == obj.end() ? nullptr : &*it;
    }
    void known_fields(const Json& obj, const std::string& path,
                      std::initializer_list<std::string_view> allowed) {
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (std::find(allowed.begin(), allowed.end(), it.key()) != allowed.end()) continue;
            std::string list;
            for (const auto a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
            add_key(join(path, it.key()), "a known field (" + quote(it.key()) +
                                              " is not one; allowed here: " + list + ")");
        }
    }

    std::optional<chr::year_month_day> date(const Json& v, const std::string& path) {
        if (!v.is_string()) {
            add(path, "a date YYYY-MM-DD (a string)");
            return std::nullopt;
        }
        auto d = parse_date(v.get_ref<const std::string&>(), path);
        if (!d) {
            add(path, d.error().what);
            return std::nullopt;
        }
        return *d;
    }
    std::optional<chr::minutes> time(const Json& v, const std::string& path) {
        if (!v.is_string()) {
            add(path, "a time HH:MM (a string)");
            return std::nullopt;
        }
        auto t = parse_time(v.get_ref<const std::string&>(), path);
        if (!t) {
            add(path, t.error().what);
            return std::nullopt;
        }
        return *t;
    }
    std::optional<bool> boolean(const Json& v, const std::string& path) {
        if (v.is_boolean()) return v.get<bool>();
        add(path, "true or false");
        return std::nullopt;
    }

    std::optional<PlanCourse> read_course(const Json& v, const std::string& path,
                                          std::set<std::string>& ids);
    void read_clinic_days(const Json& v, const std::string& path, Course& course);
    void read_overrides(const Json& v, Plan& plan);

    const JsonText& doc_;
    std::string_view file_;
    std::vector<Problem>& out_;
};

Plan PlanChecker::run() {
    Plan plan;
    const Json& root = doc_.root;
    if (!root.is_object()) {
        add("", "a JSON object holding one plan (format_version, courses, ...)");
        return plan;
    }
    // A newer file is reported alone: its other "problems" are probably new features.
    const Json* version = member(root, "format_version");
    constexpr std::string_view version_rule = "format_version 1 (the plan file format)";
    if (version == nullptr) {
        missing("format_version", version_rule);
    } else if (version->is_number_integer() &&
               (version->is_number_unsigned() ? version->get<std::uint64_t>() > 1
                                              : version->get<std::int64_t>() > 1)) {
        add("format_version", "a format_version of 1 or lower (this plan is format_version " +
                                  version->dump() + ", from a newer Course Planner)");
        return plan;
    } else if (!version->is_number_integer() || version->get<std::int64_t>() != 1) {
        add("format_version", std::string(version_rule));
    }
    known_fields(root, "", {"format_version", "disclaimer", "courses", "overrides"});
    if (const Json* d = member(root, "disclaimer"); d != nullptr && !d->is_string())
        add("disclaimer", "a string");

    const Json* courses = member(root, "courses");
    const std::string rule = "a list of 0 to " + std::to_string(kMaxCourses) + " courses";
    if (courses == nullptr) {
        missing("courses", rule);
    } else if (!courses->is_array() || courses->size() > kMaxCourses) {
        add("courses", rule);
    } else {
        std::set<std::string> ids;
        for (std::size_t i = 0; i < courses->size(); ++i) {
            auto course = read_course((*courses)[i], index("courses", i), ids);
            if (!course) continue;
            course_index[course->course.id] = i;
            plan.courses.push_back(std::move(*course));
        }
    }
    if (const Json* o = member(root, "overrides"); o != nullptr) read_overrides(*o, plan);
    return plan;
}

std::optional<PlanCourse> PlanChecker::read_course(const Json& v, const std::string& path,
                                                   std::set<std::string>& ids) {
    if (!v.is_object()) {
        add(path, "an object with id, start and protocol");
        return std::nullopt;
    }
    known_fields(
        v, path,
        {"id", "start", "clinic_days", "time", "closed", "booster_months", "hidden", "protocol"});
    const std::size_t before = out_.size();
    PlanCourse pc;
    constexpr std::string_view id_rule =
        "a course id of 1 to 80 lowercase letters, digits or '-', used once in the plan";
    if (const Json* id = member(v, "id"); id == nullptr) {
        missing(join(path, "id"), id_rule);
    } else if (!id->is_string() || !valid_course_id(id->get_ref<const std::string&>()) ||
               !ids.insert(id->get<std::string>()).second) {
        add(join(path, "id"), std::string(id_rule));
    } else {
        pc.course.id = id->get<std::string>();
    }
    if (const Json* start = member(v, "start"); start == nullptr) {
        missing(join(path, "start"), "a date YYYY-MM-DD");
    } else if (auto d = date(*start, join(path, "start"))) {
        pc.course.start = *d;
    }
    if (const Json* days = member(v, "clinic_days")) read_clinic_days(*days, path, pc.course);
    if (const Json* t = member(v, "time"))
        if (auto m = time(*t, join(path, "time"))) pc.course.start_time = *m;
    if (const Json* closed = member(v, "closed")) {
        const std::string cpath = join(path, "closed");
        if (!closed->is_array() || closed->size() > kMaxClosed) {
            add(cpath, "a list of at most " + std::to_string(kMaxClosed) + " dates YYYY-MM-DD");
        } else {
            for (std::size_t i = 0; i < closed->size(); ++i)
                if (auto d = date((*closed)[i], index(cpath, i))) pc.course.closed.push_back(*d);
        }
    }
    if (const Json* m = member(v, "booster_months")) {
        if (m->is_number_integer() && m->get<std::int64_t>() >= 0 && m->get<std::int64_t>() <= 120)
            pc.course.booster_months = static_cast<int>(m->get<std::int64_t>());
        else
            add(join(path, "booster_months"), "an integer from 0 to 120");
    }
    if (const Json* h = member(v, "hidden"))
        if (auto b = boolean(*h, join(path, "hidden"))) pc.course.hidden = *b;
    if (const Json* p = member(v, "protocol"); p == nullptr) {
        missing(join(path, "protocol"), "the course's preset, embedded (schema_version, id, ...)");
    } else {
        pc.protocol = detail::check_protocol_value(doc_, *p, join(path, "protocol"), file_, out_);
        pc.course.protocol_id = pc.protocol.id;
    }
    if (out_.size() != before) return std::nullopt;
    return pc;
}

void PlanChecker::read_clinic_days(const Json& v, const std::string& course_path, Course& course) {
    const std::string path = join(course_path, "clinic_days");
    if (!v.is_array() || v.empty()) {
        add(path, "a non-empty list of weekday ids such as [\"mon\", \"thu\"]");
        return;
    }
    for (std::size_t i = 0; i < v.size(); ++i) {
        std::optional<chr::weekday> day;
        for (unsigned w = 0; w < 7 && v[i].is_string(); ++w)
            if (weekday_id(chr::weekday{w}) == v[i].get_ref<const std::string&>())
                day = chr::weekday{w};
        if (!day) {
            add(index(path, i), "a weekday id: mon, tue, wed, thu, fri, sat or sun");
        } else if (std::find(course.clinic_days.begin(), course.clinic_days.end(), *day) !=
                   course.clinic_days.end()) {
            add(index(path, i), "each weekday once");
        } else {
            course.clinic_days.push_back(*day);
        }
    }
    std::sort(course.clinic_days.begin(), course.clinic_days.end(),
              [](chr::weekday a, chr::weekday b) { return a.iso_encoding() < b.iso_encoding(); });
}

void PlanChecker::read_overrides(const Json& v, Plan& plan) {
    if (!v.is_object()) {
        add("overrides", "an object of visit ids, each with date, skipped, missed, time or note");
        return;
    }
    detail::check_strings(doc_, v, "overrides", file_, out_);
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string path = join("overrides", it.key());
        auto id = parse_visit_id(it.key(), path);
        if (!id) {
            add_key(path, id.error().what);
            continue;
        }
        const PlanCourse* course = plan.find_course(id->course);
        if (course == nullptr) {
            add_key(path, "a visit of a course in this plan (no course " + quote(id->course) + ")");
            continue;
        }
        const auto& phases = course->protocol.phases;
        if (std::none_of(phases.begin(), phases.end(),
                         [&](const Phase& p) { return p.id == id->phase; })) {
            std::string list;
            for (const auto& p : phases) list += (list.empty() ? "" : ", ") + p.id;
            add_key(path, "a phase of " + id->course + " (" + list + ")");
            continue;
        }
        const Json& o = it.value();
        if (!o.is_object() || o.empty()) {
            add(path, "an object with at least one of date, skipped, missed, time, note");
            continue;
        }
        known_fields(o, path, {"date", "skipped", "missed", "time", "note"});
        VisitOverride change;
        if (const Json* d = member(o, "date"))
            if (auto day = date(*d, join(path, "date"))) change.date = *day;
        if (const Json* s = member(o, "skipped"))
            change.skipped = boolean(*s, join(path, "skipped")).value_or(false);
        if (const Json* m = member(o, "missed"))
            change.missed = boolean(*m, join(path, "missed")).value_or(false);
        if (const Json* t = member(o, "time"))
            if (auto m = time(*t, join(path, "time"))) change.time = *m;
        if (const Json* n = member(o, "note")) {
            // The dose check of check_strings() above reports its own problem.
            const std::string problem =
                n->is_string() ? note_problem(n->get_ref<const std::string&>()) : note_rule();
            if (!problem.empty() && problem != kNoDoseNote)
                add(join(path, "note"), problem);
            else if (problem.empty())
                change.note = n->get<std::string>();
        }
        if (!change.empty()) plan.overrides[*id] = std::move(change);
    }
}

// [SECTION] Engine errors placed in the file

// The engine names a visit ("a/b/3"), or a course id then a field ("a: course.start",
// "a: phases[1].cadence"): put the problem where that is in the file.
Problem placed(const JsonText& doc, std::string_view file, const PlanChecker& checker,
               const Error& e) {
    std::string path;
    if (parse_visit_id(e.where, "").ok()) {
        path = join("overrides", e.where);
        const auto p = detail::key_position(doc, path);
        return Problem{std::string(file), p.line, p.column, path, e.what};
    }
    const auto colon = e.where.find(": ");
    const std::string id = colon == std::string::npos ? e.where : e.where.substr(0, colon);
    const std::string field = colon == std::string::npos ? "" : e.where.substr(colon + 2);
    const auto it = checker.course_index.find(id);
    if (it == checker.course_index.end()) {
        return Problem{std::string(file), 1, 1, "(plan)", e.message()};
    }
    path = index("courses", it->second);
    if (field.rfind("course.", 0) == 0) {
        std::string rest = field.substr(7);
        if (rest == "start_time") rest = "time";
        path = join(path, rest);
    } else if (!field.empty()) {
        path = join(join(path, "protocol"), field);
    }
    const auto p = detail::value_position(doc, path);
    return Problem{std::string(file), p.line, p.column, path, e.what};
}

struct Checked {
    Plan plan;
    std::vector<Problem> problems;
};

Checked check(std::string_view text, std::string_view file) {
    Checked out;
    const JsonText doc = detail::read_json_text(text, file, kEmpty);
    out.problems = doc.problems;
    if (!doc.ok) return out;
    try {
        PlanChecker checker(doc, file, out.problems);
        out.plan = checker.run();
        if (out.problems.empty()) {
            // What only the engine can tell: an override's visit exists, a moved date is free.
            auto planned = plan_courses(out.plan);
            if (!planned) out.problems.push_back(placed(doc, file, checker, planned.error()));
        }
    } catch (const std::exception& e) {  // a bug here must not take the app down
        out.problems.push_back(Problem{std::string(file), 0, 0, "(file)",
                                       std::string("a plan Course Planner can read (internal "
                                                   "error: ") +
                                           e.what() + ")"});
    }
    detail::sort_problems(out.problems);
    return out;
}

}  // namespace

// [SECTION] Validate, parse, write, save

std::string note_problem(std::string_view note) {
    if (note.empty() || code_points(note) > kMaxNoteChars ||
        note.find_first_of("\r\n") != std::string_view::npos)
        return note_rule();
    if (detail::text_has_dose_amount(note)) return std::string(kNoDoseNote);
    return {};
}

bool is_plan_path(std::string_view path) {
    if (path.size() < kPlanSuffix.size()) return false;
    const auto tail = path.substr(path.size() - kPlanSuffix.size());
    return std::equal(tail.begin(), tail.end(), kPlanSuffix.begin(), [](char a, char b) {
        return std::tolower(static_cast<unsigned char>(a)) == b;
    });
}

std::vector<Problem> validate_plan(std::string_view text, std::string_view file) {
    return check(text, file).problems;
}

Result<Plan> parse_plan(std::string_view text, std::string_view file) {
    auto checked = check(text, file);
    if (!checked.problems.empty()) return detail::problem_error(checked.problems.front());
    return std::move(checked.plan);
}

Result<Plan> load_plan_file(const std::filesystem::path& path) {
    auto text = read_text_file(path);
    if (!text) return text.error();
    return parse_plan(*text, path.string());
}

std::string plan_to_json(const Plan& plan) {
    Ordered root;
    root["format_version"] = kPlanFormatVersion;
    root["disclaimer"] = kDisclaimer;
    Ordered courses = Ordered::array();
    for (const auto& [protocol, course] : plan.courses) {
        Ordered c;
        c["id"] = course.id.empty() ? protocol.id : course.id;
        c["start"] = text::iso_date(course.start);
        if (!course.clinic_days.empty()) {
            Ordered days = Ordered::array();
            for (const auto d : course.clinic_days) days.push_back(weekday_id(d));
            c["clinic_days"] = days;
        }
        c["time"] = text::clock_time(course.start_time);
        Ordered closed = Ordered::array();
        for (const auto& d : course.closed) closed.push_back(text::iso_date(d));
        c["closed"] = closed;
        c["booster_months"] = course.booster_months;
        c["hidden"] = course.hidden;
        c["protocol"] = Ordered::parse(protocol_to_json(protocol));
        courses.push_back(std::move(c));
    }
    root["courses"] = std::move(courses);
    Ordered overrides = Ordered::object();
    for (const auto& [id, o] : plan.overrides) {
        if (o.empty()) continue;
        Ordered j;
        if (o.date) j["date"] = text::iso_date(*o.date);
        if (o.skipped) j["skipped"] = true;
        if (o.missed) j["missed"] = true;
        if (o.time) j["time"] = text::clock_time(*o.time);
        if (!o.note.empty()) j["note"] = o.note;
        overrides[id.str()] = std::move(j);
    }
    root["overrides"] = std::move(overrides);
    return root.dump(2, ' ', false, Ordered::error_handler_t::replace) + "\n";
}

Result<bool> save_plan_file(const std::filesystem::path& path, const Plan& plan) {
    std::error_code ec;
    const bool exists = std::filesystem::exists(path, ec);
    if (exists) {
        auto old = read_text_file(path);
        if (!old) return old.error();
        // A plan from a newer Course Planner is never replaced by an older one.
        try {
            const Json j = Json::parse(*old);
            if (const auto it = j.find("format_version");
                j.is_object() && it != j.end() && it->is_number_integer() &&
                (it->is_number_unsigned() ? it->get<std::uint64_t>() > kPlanFormatVersion
                                          : it->get<std::int64_t>() > kPlanFormatVersion))
                return Error{path.string(),
                             "a plan this version can replace: it is format_version " + it->dump() +
                                 ", from a newer Course Planner, and is left as it is"};
        } catch (const std::exception&) {  // not JSON: a plain file, kept as the backup
        }
        std::filesystem::path backup = path;
        backup += "~";
        auto kept = write_file_atomic(backup, *old, true);
        if (!kept) return kept.error();
    }
    return write_file_atomic(path, plan_to_json(plan), true);
}

}  // namespace planner::io
