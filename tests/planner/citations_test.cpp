// Every number a preset shows, walked back to its field and to the sources that field cites:
// each source exists, is of a kind that can support the field (the table of docs/presets.md,
// written again here), and states the number in its note or title, unless the field says how
// the number was derived. Numbers in notes and derived sentences must appear in a source the
// note or field cites. The visit facts every writer prints carry the field's own numbers and
// citation marks, and every number show and the Markdown print about a visit is a field's.
#include "planner/citations.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/model.hpp"
#include "planner/plan.hpp"

namespace {

using namespace planner;
namespace fs = std::filesystem;

std::vector<Protocol> shipped() {
    std::vector<Protocol> out;
    for (const auto& entry : fs::directory_iterator(PRESETS_DIR)) {
        if (entry.path().extension() != ".json" || entry.path().filename() == "schema.json")
            continue;
        auto p = io::load_protocol_file(entry.path());
        REQUIRE_MESSAGE(p.ok(), (p.ok() ? "" : p.error().message()));
        out.push_back(std::move(p.value()));
    }
    std::sort(out.begin(), out.end(),
              [](const Protocol& a, const Protocol& b) { return a.id < b.id; });
    REQUIRE(out.size() >= 13);
    return out;
}

// Lowercase words and numbers: "two-hour" is "two" "hour", "40-60" is "40" "60", "2.5" stays.
std::vector<std::string> tokens(std::string_view text) {
    std::vector<std::string> out;
    std::string cur;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        const bool digit = std::isdigit(static_cast<unsigned char>(c)) != 0;
        const bool alpha = std::isalpha(static_cast<unsigned char>(c)) != 0;
        const bool decimal_point =
            c == '.' && !cur.empty() && std::isdigit(static_cast<unsigned char>(cur.back())) &&
            i + 1 < text.size() && std::isdigit(static_cast<unsigned char>(text[i + 1]));
        if (digit || alpha || decimal_point) {
            cur += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        } else if (!cur.empty()) {
            out.push_back(cur);
            cur.clear();
        }
    }
    if (!cur.empty()) out.push_back(cur);
    return out;
}

// The number a token stands for: digits, or a word ("twice" is 2). Decimals never match a
// whole number.
std::optional<int> number(const std::string& t) {
    static const std::map<std::string, int> words{
        {"once", 1},  {"one", 1},  {"twice", 2}, {"two", 2},     {"thrice", 3},
        {"three", 3}, {"four", 4}, {"five", 5},  {"six", 6},     {"seven", 7},
        {"eight", 8}, {"nine", 9}, {"ten", 10},  {"eleven", 11}, {"twelve", 12}};
    if (const auto it = words.find(t); it != words.end()) return it->second;
    if (t.empty() || !std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(c); }))
        return std::nullopt;
    return std::stoi(t);
}

enum class Unit { count, minutes, hours, weeks, per_week };

bool near_word(const std::vector<std::string>& t, std::size_t i, std::string_view prefix,
               bool backwards) {
    for (std::size_t k = 1; k <= 3; ++k) {
        if (!backwards && i + k < t.size() && t[i + k].rfind(prefix, 0) == 0) return true;
        if (backwards && i >= k && t[i - k].rfind(prefix, 0) == 0) return true;
    }
    return false;
}

// "three a week", "twice per week", "twice or three times a week", "once weekly" (rate) against
// "over three weeks", "weeks 1 to 4", "four once-weekly infusions" (length): a week word within
// 5 tokens of t[i], with or without a rate word between.
bool week_phrase(const std::vector<std::string>& t, std::size_t i, bool rate) {
    const auto rate_word = [](const std::string& w) {
        return w == "a" || w == "per" || w == "time" || w == "times" || w == "each";
    };
    if (!rate && i + 1 < t.size() &&
        (t[i + 1] == "weekly" || (t[i + 1] == "once" && i + 2 < t.size() && t[i + 2] == "weekly")))
        return true;  // N weekly visits take N weeks
    for (std::size_t j = i + 1; j <= i + 5 && j < t.size(); ++j) {
        if (t[j].rfind("week", 0) != 0) continue;
        const bool between = std::any_of(t.begin() + static_cast<long>(i) + 1,
                                         t.begin() + static_cast<long>(j), rate_word);
        if (rate) return between || (t[j] == "weekly" && j == i + 1);
        return !between && t[j] != "weekly";
    }
    if (!rate)
        for (std::size_t k = 1; k <= 3 && k <= i; ++k)
            if (t[i - k] == "weeks" || t[i - k] == "week") return true;
    return false;
}

// Does `text` state `value` in `unit`? ("40 minutes", "two-hour", "three a week", "weeks 1 to
// 4", "6-8 infusions", "every 2 weeks or once weekly").
bool states(std::string_view text, int value, Unit unit) {
    const auto t = tokens(text);
    const bool weekly_word = std::find(t.begin(), t.end(), "weekly") != t.end();
    for (std::size_t i = 0; i < t.size(); ++i) {
        const auto n = number(t[i]);
        if (!n) continue;
        switch (unit) {
            case Unit::count:
                if (*n == value) return true;
                break;
            case Unit::minutes:
                if (*n == value &&
                    (near_word(t, i, "minute", false) || near_word(t, i, "min", false)))
                    return true;
                if (value % 60 == 0 && *n * 60 == value && near_word(t, i, "hour", false))
                    return true;
                break;
            case Unit::hours:
                if (*n == value && near_word(t, i, "hour", false)) return true;
                break;
            case Unit::weeks:
                if (*n == value && week_phrase(t, i, false)) return true;
                if (value == 1 && t[i] == "once" && weekly_word) return true;
                break;
            case Unit::per_week:
                if (*n == value && week_phrase(t, i, true)) return true;
                break;
        }
    }
    return false;
}

enum class Role { cadence, as_needed, visits, duration, visit_fact };

// docs/presets.md "What each kind of source can support", independent of planner/io.cpp.
bool can_support(Role role, SourceKind k, bool illustrative) {
    if (illustrative) return k != SourceKind::agency;
    const std::set<SourceKind> research{SourceKind::label, SourceKind::trial, SourceKind::study,
                                        SourceKind::review};
    std::set<SourceKind> ok = research;
    if (role == Role::visits) ok.insert(SourceKind::clinic);
    if (role == Role::as_needed || role == Role::duration || role == Role::visit_fact) {
        ok.insert(SourceKind::clinic);
        ok.insert(SourceKind::maker);
    }
    return ok.count(k) > 0;
}

struct Shown {
    std::string field;
    int value;
    Unit unit;
    std::vector<std::string> sources;
    std::string derived;
    Role role;
};

// Every number a preset shows, with the field it comes from.
std::vector<Shown> numbers_of(const Protocol& p) {
    std::vector<Shown> out;
    const auto duration = [&](const std::string& name, const CitedRange& r) {
        if (!r.min_sources.empty()) {
            out.push_back({name + ".min", r.value.min, Unit::minutes, r.min_sources, r.derived,
                           Role::duration});
            out.push_back({name + ".max", r.value.max, Unit::minutes, r.max_sources, r.derived,
                           Role::duration});
        } else {
            out.push_back(
                {name + ".min", r.value.min, Unit::minutes, r.sources, r.derived, Role::duration});
            if (!r.value.single())
                out.push_back({name + ".max", r.value.max, Unit::minutes, r.sources, r.derived,
                               Role::duration});
        }
    };
    duration("visit.treatment_minutes", p.visit.treatment_minutes);
    if (p.visit.observation_minutes.value.max > 0)
        duration("visit.observation_minutes", p.visit.observation_minutes);
    if (p.visit.fasting) {
        const auto& f = *p.visit.fasting;
        if (f.food_hours > 0)
            out.push_back({"visit.fasting.food_hours",
                           f.food_hours,
                           Unit::hours,
                           f.sources,
                           {},
                           Role::visit_fact});
        if (f.solid_food_hours > 0)
            out.push_back({"visit.fasting.solid_food_hours",
                           f.solid_food_hours,
                           Unit::hours,
                           f.sources,
                           {},
                           Role::visit_fact});
        if (f.liquids_minutes > 0)
            out.push_back({"visit.fasting.liquids_minutes",
                           f.liquids_minutes,
                           Unit::minutes,
                           f.sources,
                           {},
                           Role::visit_fact});
    }
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const Phase& ph = p.phases[i];
        const std::string at = "phases[" + std::to_string(i) + "]";
        const Cadence& c = ph.cadence;
        const Role role = c.as_needed ? Role::as_needed : Role::cadence;
        if (c.kind == Cadence::Kind::weekly) {
            out.push_back(
                {at + ".cadence.per_week", c.per_week, Unit::per_week, c.sources, c.derived, role});
            out.push_back(
                {at + ".cadence.weeks", c.weeks, Unit::weeks, c.sources, c.derived, role});
        } else {
            out.push_back({at + ".cadence.every_weeks.min", c.every_weeks.min, Unit::weeks,
                           c.sources, c.derived, role});
            out.push_back({at + ".cadence.every_weeks.max", c.every_weeks.max, Unit::weeks,
                           c.sources, c.derived, role});
            if (c.count > 0)
                out.push_back(
                    {at + ".cadence.count", c.count, Unit::count, c.sources, c.derived, role});
        }
        if (ph.visits) {
            const auto& v = *ph.visits;
            const auto& lo = v.min_sources.empty() ? v.sources : v.min_sources;
            const auto& hi = v.max_sources.empty() ? v.sources : v.max_sources;
            out.push_back(
                {at + ".visits.min", v.value.min, Unit::count, lo, v.derived, Role::visits});
            out.push_back(
                {at + ".visits.max", v.value.max, Unit::count, hi, v.derived, Role::visits});
        }
    }
    return out;
}

std::string text_of(const Source& s) {
    return s.title + " " + s.note;
}

// Every number a text states, in digits or in words.
std::set<int> numbers_in(std::string_view text) {
    std::set<int> out;
    for (const auto& t : tokens(text))
        if (t.size() < 9)
            if (const auto n = number(t)) out.insert(*n);
    return out;
}

std::set<int> digits_in(std::string_view text) {
    std::set<int> out;
    for (const auto& t : tokens(text))
        if (!t.empty() && std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(c); }))
            out.insert(std::stoi(t.substr(0, 9)));
    return out;
}

}  // namespace

TEST_CASE("citations: every number shown is stated by a cited source of a supporting kind") {
    std::size_t walked = 0;
    for (const Protocol& p : shipped()) {
        for (const Shown& n : numbers_of(p)) {
            CAPTURE(p.id);
            CAPTURE(n.field);
            CAPTURE(n.value);
            REQUIRE_FALSE(n.sources.empty());
            bool supported = false;
            bool stated = false;
            for (const auto& id : n.sources) {
                CAPTURE(id);
                const Source* s = p.find_source(id);
                REQUIRE_MESSAGE(s != nullptr, "cited but not declared");
                supported = supported || can_support(n.role, s->kind, p.illustrative);
                stated = stated || states(text_of(*s), n.value, n.unit);
            }
            CHECK_MESSAGE(supported, "no cited source is of a kind that can support this field");
            // A number no source states must say how it was worked out.
            const bool explained = !n.derived.empty() && numbers_in(n.derived).count(n.value) > 0;
            CHECK_MESSAGE((stated || explained),
                          "no cited source's note states this number, and it is not derived");
            ++walked;
        }
    }
    CHECK(walked >= 100);
}

TEST_CASE("citations: every declared source is cited, and numbers in notes are sourced") {
    for (const Protocol& p : shipped()) {
        CAPTURE(p.id);
        std::set<std::string> cited;
        const auto add = [&](const std::vector<std::string>& ids) {
            cited.insert(ids.begin(), ids.end());
        };
        add(p.visit.treatment_minutes.sources);
        add(p.visit.observation_minutes.sources);
        add(p.visit.ride_home.sources);
        add(p.visit.no_driving_until_next_day.sources);
        if (p.visit.fasting) add(p.visit.fasting->sources);
        add(p.illustrative_sources);
        for (const Phase& ph : p.phases) {
            add(ph.cadence.sources);
            if (ph.visits) add(ph.visits->sources);
            add(ph.note_sources);
            if (ph.reschedule) add(ph.reschedule->sources);
        }
        for (const Source& s : p.sources) {
            CAPTURE(s.id);
            CHECK(cited.count(s.id) == 1);
            // A reader can follow it: never a path of this project.
            CHECK(s.identifier.find("shared/") == std::string::npos);
            CHECK(s.identifier.find(".txt") == std::string::npos);
            CHECK((!s.url.empty() || !s.identifier.empty()));
        }
        // Each number in a note appears in a source the note cites.
        const auto check_note = [&](const std::string& note, const std::vector<std::string>& ids) {
            CAPTURE(note);
            std::set<int> stated;
            for (const auto& id : ids)
                if (const Source* s = p.find_source(id)) {
                    const auto d = numbers_in(text_of(*s));
                    stated.insert(d.begin(), d.end());
                }
            for (const int n : digits_in(note)) {
                CAPTURE(n);
                CHECK(stated.count(n) == 1);
            }
        };
        for (const Phase& ph : p.phases) check_note(ph.note, ph.note_sources);
        check_note(p.illustrative_note, p.illustrative_sources);
        // A number in the title or description is one of the preset's own figures, or a year
        // or figure stated by one of its sources.
        std::set<int> own;
        for (const Shown& n : numbers_of(p)) own.insert(n.value);
        for (const Source& s : p.sources) {
            const auto d = digits_in(text_of(s));
            own.insert(d.begin(), d.end());
        }
        for (const int n : digits_in(p.title + " " + p.description)) {
            CAPTURE(n);
            CHECK(own.count(n) == 1);
        }
    }
}

TEST_CASE("citations: the checker refuses a number no source states") {
    // The test above proves nothing unless its matcher can fail.
    CHECK(states("The infusion takes about 90 minutes to give.", 90, Unit::minutes));
    CHECK(states("a two-hour post-treatment observation", 120, Unit::minutes));
    CHECK(states("at least 2 hours", 120, Unit::minutes));
    CHECK_FALSE(states("at least 2 hours", 2, Unit::minutes));
    CHECK_FALSE(states("stay about 15-30 minutes afterwards", 45, Unit::minutes));
    CHECK(states("twice per week in weeks 1 to 4", 4, Unit::weeks));
    CHECK(states("twice per week in weeks 1 to 4", 2, Unit::per_week));
    CHECK_FALSE(states("a few weeks", 3, Unit::weeks));  // iv-six-to-eight's old "three weeks"
    CHECK_FALSE(states("twice or three times a week", 3, Unit::weeks));  // a rate, not a length
    CHECK(states("three times a week, for up to four weeks", 4, Unit::weeks));
    CHECK(states("twice or three times a week", 3, Unit::per_week));
    CHECK_FALSE(states("over three weeks", 3, Unit::per_week));
    CHECK(states("then had four once-weekly infusions", 4, Unit::weeks));
    CHECK_FALSE(states("then had four infusions", 4, Unit::weeks));
    CHECK(states("every 2 weeks or once weekly", 1, Unit::weeks));
    CHECK_FALSE(states("six over two weeks", 3, Unit::per_week));  // the bolus spacing is derived
    CHECK(states("6-8 infusions", 8, Unit::count));
    // The old bolus preset credited a 60-minute observation to a study whose note gives none.
    CHECK_FALSE(
        states("A study of 25 men with severe depression, treated in hospital: six IV "
               "bolus injections over 2 weeks. It gives no time for a visit.",
               60, Unit::minutes));
    CHECK_FALSE(can_support(Role::cadence, SourceKind::clinic, false));  // ...and kinds
    CHECK(can_support(Role::as_needed, SourceKind::clinic, false));
    CHECK_FALSE(can_support(Role::duration, SourceKind::service, false));
    CHECK(can_support(Role::duration, SourceKind::service, true));
}

TEST_CASE("citations: the visit facts every writer prints carry the field's numbers and marks") {
    for (const Protocol& p : shipped()) {
        CAPTURE(p.id);
        const auto facts = visit_facts(p, true);
        REQUIRE(facts.size() >= 3);
        // The treatment part is named for the route, never "time in the chair".
        CHECK(facts[0].label == treatment_label(p));
        const CitedRange& t = p.visit.treatment_minutes;
        if (!t.min_sources.empty()) {
            CHECK(facts[0].value == std::to_string(t.value.min) + " " +
                                        citation_marks(p, t.min_sources) + " to " +
                                        std::to_string(t.value.max) + " " +
                                        citation_marks(p, t.max_sources) + " minutes");
        } else {
            CHECK(facts[0].value.find(citation_marks(p, t.sources)) != std::string::npos);
            CHECK(facts[0].value.find(t.at_least ? "at least" : "") != std::string::npos);
        }
        CHECK(facts[1].label == "Observation afterwards");
        if (p.visit.observation_minutes.at_least) {
            CHECK(facts[1].value.rfind("at least ", 0) == 0);
            CHECK(facts[1].note.find("minimum") != std::string::npos);
        }
        for (const VisitFact& f : facts) {
            CAPTURE(f.label);
            const bool solid = p.visit.fasting && p.visit.fasting->solid_food_hours > 0;
            if (!solid) CHECK(f.value.find("solid food") == std::string::npos);
            CHECK(f.value.find('[') != std::string::npos);  // every fact is cited
        }
        // Each [n] names a source, numbered in the order the sources are listed, by kind.
        const auto ordered = sources_by_kind(p);
        for (std::size_t i = 1; i < ordered.size(); ++i)
            CHECK(static_cast<int>(ordered[i - 1]->kind) <= static_cast<int>(ordered[i]->kind));
        for (std::size_t i = 0; i < ordered.size(); ++i)
            CHECK(source_number(p, ordered[i]->id) == static_cast<int>(i) + 1);
    }
}

// Numbers as printed: "2.5" stays one number, "40" is 40; citation marks are dropped first.
std::vector<double> printed_numbers(std::string text) {
    for (auto open = text.find('['); open != std::string::npos; open = text.find('[', open)) {
        const auto close = text.find(']', open);
        if (close == std::string::npos) break;
        text.erase(open, close + 1 - open);
    }
    std::vector<double> out;
    for (const auto& t : tokens(text))
        if (!t.empty() && std::isdigit(static_cast<unsigned char>(t.front())) &&
            std::all_of(t.begin(), t.end(), [](char c) { return std::isdigit(c) || c == '.'; }))
            out.push_back(std::stod(t));
    return out;
}

TEST_CASE("citations: every number show and Markdown print about a visit is a field's") {
    exporter::Options options;
    options.timestamp = 1767225600;
    std::size_t walked = 0;
    for (const Protocol& p : shipped()) {
        CAPTURE(p.id);
        // The numbers the visit fields hold, in minutes and as hours where they are whole or
        // half hours ("2 hours", "1.5 hours").
        std::set<double> fields;
        const auto add_minutes = [&](int m) {
            fields.insert(m);
            if (m % 30 == 0) fields.insert(m / 60.0);
        };
        for (const CitedRange* r : {&p.visit.treatment_minutes, &p.visit.observation_minutes}) {
            add_minutes(r->value.min);
            add_minutes(r->value.max);
        }
        if (p.visit.fasting) {
            fields.insert(p.visit.fasting->food_hours);
            fields.insert(p.visit.fasting->solid_food_hours);
            add_minutes(p.visit.fasting->liquids_minutes);
        }
        // What each writer prints as "what a visit involves", without the derived sentences
        // (their numbers are the next test's) and the fixed minimum sentence.
        Course course;
        course.protocol_id = p.id;
        course.start = std::chrono::year{2026} / 3 / 2;
        const auto planned = plan_courses({{p, course}});
        REQUIRE(planned.ok());
        const std::string md = exporter::to_markdown(planned.value(), options);
        const std::string show = exporter::terminal_calendar(planned.value(), {}, false);
        std::vector<std::string> lines;
        const auto at = md.find("### What a visit involves\n");
        REQUIRE(at != std::string::npos);
        for (auto pos = md.find("\n- ", at);
             pos != std::string::npos && pos < md.find("\n###", at + 1);
             pos = md.find("\n- ", pos + 1))
            lines.push_back(md.substr(pos + 3, md.find('\n', pos + 1) - pos - 3));
        const auto each = show.find("Each visit");
        REQUIRE(each != std::string::npos);
        lines.push_back(show.substr(each, show.find("Time in clinic", each) - each));
        REQUIRE(lines.size() >= 3);
        for (std::string line : lines) {
            CAPTURE(line);
            for (const std::string& cut :
                 {p.visit.treatment_minutes.derived, p.visit.observation_minutes.derived,
                  std::string{"This is a minimum, so it can take longer."}}) {
                if (cut.empty()) continue;
                for (auto pos = line.find(cut); pos != std::string::npos; pos = line.find(cut))
                    line.erase(pos, cut.size());
            }
            for (const double n : printed_numbers(line)) {
                CAPTURE(n);
                CHECK_MESSAGE(fields.count(n) == 1, "a number no visit field holds");
                ++walked;
            }
        }
    }
    CHECK(walked >= 80);
}

TEST_CASE("citations: every number in a derived sentence is stated by a source the field cites") {
    for (const Protocol& p : shipped()) {
        CAPTURE(p.id);
        const auto check = [&](const std::string& derived, std::vector<std::string> ids) {
            if (derived.empty()) return;
            CAPTURE(derived);
            std::set<int> stated;
            for (const auto& id : ids)
                if (const Source* s = p.find_source(id)) {
                    const auto d = numbers_in(text_of(*s));
                    stated.insert(d.begin(), d.end());
                }
            for (const int n : digits_in(derived)) {
                CAPTURE(n);
                CHECK(stated.count(n) == 1);
            }
        };
        for (const CitedRange* r : {&p.visit.treatment_minutes, &p.visit.observation_minutes}) {
            std::vector<std::string> ids = r->sources;
            ids.insert(ids.end(), r->min_sources.begin(), r->min_sources.end());
            ids.insert(ids.end(), r->max_sources.begin(), r->max_sources.end());
            check(r->derived, ids);
        }
        for (const Phase& ph : p.phases) {
            check(ph.cadence.derived, ph.cadence.sources);
            if (ph.visits) check(ph.visits->derived, ph.visits->sources);
        }
    }
}
