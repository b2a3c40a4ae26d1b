// JSON, CSV (RFC 4180) and Markdown writers, and the format dispatcher.
// [SECTION] JSON
// [SECTION] CSV
// [SECTION] Markdown
// [SECTION] Dispatch
#include <array>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "planner/citations.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export_common.hpp"
#include "planner/glossary.hpp"
#include "planner/rules.hpp"
#include "planner/text_guard.hpp"

namespace planner::exporter {

namespace {

using Json = nlohmann::ordered_json;

// [SECTION] JSON

Json range_json(const Range& r) {
    return Json{{"min", r.min}, {"max", r.max}};
}

// A cited number as the preset states it: a minimum, a range with each end cited, or a value.
Json cited_json(const CitedRange& r) {
    Json j;
    if (r.at_least) {
        j["at_least"] = r.value.min;
    } else {
        j["min"] = r.value.min;
        j["max"] = r.value.max;
    }
    j["sources"] = r.sources;
    if (!r.min_sources.empty()) j["min_sources"] = r.min_sources;
    if (!r.max_sources.empty()) j["max_sources"] = r.max_sources;
    if (!r.derived.empty()) j["derived"] = r.derived;
    return j;
}

Json visit_info_json(const Protocol& p) {
    const VisitInfo& v = p.visit;
    Json j;
    j["treatment_label"] = treatment_label(p);
    j["treatment_minutes"] = cited_json(v.treatment_minutes);
    j["observation_minutes"] = cited_json(v.observation_minutes);
    j["ride_home"] = Json{{"value", v.ride_home.value}, {"sources", v.ride_home.sources}};
    j["no_driving_until_next_day"] = Json{{"value", v.no_driving_until_next_day.value},
                                          {"sources", v.no_driving_until_next_day.sources}};
    if (v.fasting) {
        Json f;
        if (v.fasting->food_hours > 0) f["food_hours"] = v.fasting->food_hours;
        if (v.fasting->solid_food_hours > 0) f["solid_food_hours"] = v.fasting->solid_food_hours;
        if (v.fasting->liquids_minutes > 0) f["liquids_minutes"] = v.fasting->liquids_minutes;
        f["sources"] = v.fasting->sources;
        j["fasting"] = std::move(f);
    }
    // The same facts in the words the other exports use, for a reader of the file.
    Json facts = Json::array();
    for (const VisitFact& f : visit_facts(p, false)) {
        Json fj{{"label", f.label}, {"text", f.value}};
        if (!f.note.empty()) fj["note"] = f.note;
        facts.push_back(std::move(fj));
    }
    j["facts"] = std::move(facts);
    return j;
}

Json difference_json(const Difference& d) {
    Json j;
    j["course"] = d.course;
    j["visit"] = d.visit ? Json(d.visit->str()) : Json(nullptr);
    j["phase"] = d.phase;
    if (d.week > 0) {
        j["week"] = d.week;
        j["last_week"] = d.last_week;
    }
    j["rule"] = d.rule;
    const Rule* r = find_rule(d.rule);
    j["rule_text"] = r ? std::string{r->sentence} : std::string{};
    j["published"] = d.published;
    j["planned"] = d.planned;
    j["sources"] = d.sources;
    Json affects = Json::array();
    for (const auto& id : d.affects) affects.push_back(id.str());
    j["affects"] = std::move(affects);
    j["date"] = text::iso_date(d.date);
    j["text"] = d.text;
    return j;
}

Json course_json(const PlannedCourse& pc, std::size_t index) {
    const Protocol& p = pc.protocol;
    const Summary& s = pc.summary;
    Json days = Json::array();
    for (const auto d : detail::clinic_days(pc)) days.push_back(weekday_id(d));
    Json phases = Json::array();
    for (std::size_t i = 0; i < s.phases.size(); ++i) {
        const PhaseSummary& ph = s.phases[i];
        Json j;
        if (i < p.phases.size()) j["id"] = p.phases[i].id;
        j["name"] = ph.name;
        j["kind"] = phase_kind_id(ph.kind);
        j["visits"] = range_json(ph.visits);
        j["windows"] = ph.windows;
        j["first"] = text::iso_date(ph.first);
        j["last"] = text::iso_date(ph.last);
        j["first_week"] = ph.first_week;
        j["last_week"] = ph.last_week;
        j["shifted"] = ph.shifted;
        const std::string note = detail::phase_note(pc, i);
        if (!note.empty()) j["note"] = note;
        if (i < p.phases.size()) {
            const Phase& src = p.phases[i];
            j["cadence_sources"] = src.cadence.sources;
            if (!src.cadence.derived.empty()) j["cadence_derived"] = src.cadence.derived;
            if (src.visits) j["visits_sources"] = src.visits->sources;
            if (!src.note_sources.empty()) j["note_sources"] = src.note_sources;
        }
        phases.push_back(std::move(j));
    }
    Json summary;
    summary["visits"] = range_json(s.visits);
    // A visit time that is a minimum makes the course's clinic hours a minimum too.
    if (text::visit_time_at_least(p.visit))
        summary["clinic_hours"] = Json{{"at_least", text::hours_value(s.clinic_minutes.min)}};
    else
        summary["clinic_hours"] = Json{{"min", text::hours_value(s.clinic_minutes.min)},
                                       {"max", text::hours_value(s.clinic_minutes.max)}};
    summary["ride_home_days"] = range_json(s.ride_home_days);
    summary["first"] = text::iso_date(s.first);
    summary["last"] = text::iso_date(s.last);
    summary["phases"] = std::move(phases);

    Json sources = Json::array();
    for (const Source* src : sources_by_kind(p))
        sources.push_back(Json{{"number", source_number(p, src->id)},
                               {"id", src->id},
                               {"kind", source_kind_id(src->kind)},
                               {"kind_label", source_kind_label(src->kind)},
                               {"title", src->title},
                               {"url", src->url},
                               {"identifier", src->identifier},
                               {"note", src->note}});
    Json notices = Json::array();
    for (const Notice& n : pc.expansion.notices) {
        Json j;
        j["kind"] = detail::notice_kind_id(n.kind);
        if (n.date) j["date"] = text::iso_date(*n.date);
        j["text"] = n.text;
        notices.push_back(std::move(j));
    }

    Json differences = Json::array();
    for (const Difference& d : pc.differences()) differences.push_back(difference_json(d));

    Json j;
    j["index"] = index;
    j["id"] = pc.id();
    j["preset"] = p.id;
    j["title"] = p.title;
    j["route"] = route_id(p.route);
    j["start"] = text::iso_date(chr::sys_days{pc.course.start});
    j["start_time"] = text::clock_time(pc.course.start_time);
    j["clinic_days"] = std::move(days);
    j["illustrative"] = p.illustrative;
    if (p.illustrative && !p.illustrative_note.empty()) {
        j["illustrative_note"] = p.illustrative_note;
        j["illustrative_sources"] = p.illustrative_sources;
    }
    j["visit_noun"] = visit_noun(p, false);
    j["visit"] = visit_info_json(p);
    j["summary"] = std::move(summary);
    j["differences"] = std::move(differences);
    Json left_out = Json::array();
    for (const Visit& v : pc.expansion.skipped)
        left_out.push_back(Json{{"id", pc.visit_id(v).str()},
                                {"earliest", text::iso_date(v.earliest)},
                                {"latest", text::iso_date(v.latest)}});
    j["left_out"] = std::move(left_out);
    j["notices"] = std::move(notices);
    j["sources"] = std::move(sources);
    return j;
}

Json visit_json(const PlannedCourse& pc, std::size_t index, const Visit& v) {
    const Phase* phase = detail::phase_of(pc, v);
    Json j;
    j["id"] = pc.visit_id(v).str();
    j["course"] = pc.id();
    j["course_index"] = index;
    j["phase"] = phase ? phase->id : std::to_string(v.phase);
    j["phase_name"] = phase ? phase->name : std::string{};
    j["kind"] = phase ? phase_kind_id(phase->kind) : std::string_view{};
    j["number_in_phase"] = v.number_in_phase;
    j["phase_total"] = v.phase_total;
    j["number_in_course"] = v.number_in_course;
    j["week"] = v.week;
    if (v.is_window()) {
        j["earliest"] = text::iso_date(v.earliest);
        j["latest"] = text::iso_date(v.latest);
    } else {
        j["date"] = text::iso_date(v.earliest);
        j["start"] = text::clock_time(v.treatment_start);
        j["end"] = text::clock_time(v.observation_end);
        // The observation is a minimum: the visit can run past "end".
        j["end_at_least"] = pc.protocol.visit.observation_minutes.at_least;
        j["treatment_end"] = text::clock_time(v.treatment_end);
    }
    j["optional"] = v.optional;
    j["ride_home"] = pc.protocol.visit.ride_home.value;
    if (v.moved_from) {
        j["moved_from"] = text::iso_date(*v.moved_from);
        j["moved_because"] = detail::move_reason_id(v.move_reason);
    }
    if (v.is_window()) {
        Json closed = Json::array();
        for (const auto d : v.closed_in_window) closed.push_back(text::iso_date(d));
        j["closed_in_window"] = std::move(closed);
        if (v.may_pass_horizon) j["may_pass_horizon"] = true;
    }
    if (v.time_changed) j["time_changed"] = true;
    if (!v.note.empty()) j["note"] = v.note;
    Json differences = Json::array();
    for (const Difference* d : detail::differences_of(pc, pc.visit_id(v)))
        differences.push_back(d->text);
    j["differences"] = std::move(differences);
    return j;
}

// [SECTION] CSV

// RFC 4180 quoting; a leading formula character (OWASP's list: = + - @ tab CR) gets a ' in
// front so a spreadsheet shows preset text instead of evaluating it (docs/exports.md).
std::string csv_field(std::string_view value) {
    std::string v = without_bidi_controls(value);
    if (!v.empty() && std::string_view{"=+-@\t\r"}.find(v[0]) != std::string_view::npos)
        v.insert(0, "'");
    if (v.find_first_of(",\"\r\n") == std::string::npos) return v;
    std::string out = "\"";
    for (const char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
    return out;
}

void csv_row(std::string& out, const std::vector<std::string>& fields) {
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) out += ',';
        out += csv_field(fields[i]);
    }
    out += "\r\n";
}

// [SECTION] Markdown

// Escapes Markdown and inline-HTML specials in preset text and flattens line breaks.
std::string md(std::string_view raw) {
    const std::string text = without_bidi_controls(raw);
    std::string out;
    for (const char c : text) {
        switch (c) {
            case '|':
            case '*':
            case '_':
            case '`':
            case '[':
            case ']':
            case '\\':
            case '#':
            case '~':
                out += '\\';
                out += c;
                break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '&': out += "&amp;"; break;
            case '\r': break;
            case '\n': out += ' '; break;
            default: out += c;
        }
    }
    return out;
}

// Only http(s) links become links; characters that would end the link are encoded.
std::string md_url(std::string_view raw) {
    const std::string url = without_bidi_controls(raw);
    std::string out;
    for (const char c : url) {
        if (c == '(' || c == ')' || c == ' ' || c == '<' || c == '>' || c == '"' || c == '\\' ||
            c == '|' || c == '\n' || c == '\r') {
            std::array<char, 4> buf{};
            std::snprintf(buf.data(), buf.size(), "%%%02X",
                          static_cast<unsigned>(static_cast<unsigned char>(c)));
            out += buf.data();
        } else {
            out += c;
        }
    }
    return out;
}

bool is_web_url(std::string_view url) {
    return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

void md_course(std::string& out, const PlannedCourse& pc, std::size_t index) {
    const Protocol& p = pc.protocol;
    const Summary& s = pc.summary;
    out += "## " + std::to_string(index + 1) + ". " + md(p.title) + "\n\n";
    if (!p.description.empty()) out += md(p.description) + "\n\n";
    if (p.illustrative) {
        const std::string m = citation_marks(p, p.illustrative_sources);
        out +=
            "*" + md(detail::illustrative_text(p)) + "*" + (m.empty() ? "" : " " + md(m)) + "\n\n";
    }

    out += "| Figure | Value |\n|---|---|\n";
    out += "| Route | " + std::string{route_label(p.route)} + " |\n";
    out += "| Start | " + text::long_date(chr::sys_days{pc.course.start}) + " at " +
           text::clock_time(pc.course.start_time) + " |\n";
    out += "| Clinic days | " + text::weekday_list(detail::clinic_days(pc)) + " |\n";
    out +=
        "| " + text::capitalized(visit_noun(p, true)) + " | " + text::range_text(s.visits) + " |\n";
    out += "| Hours in the clinic | " +
           text::hours_total(s.clinic_minutes, text::visit_time_at_least(p.visit)) + " |\n";
    out += "| Days needing a ride home | " + text::range_text(s.ride_home_days) + " |\n";
    out += "| First visit | " + text::long_date(s.first) + " |\n";
    out += "| Last visit (or window end) | " + text::long_date(s.last) + " |\n\n";

    if (!s.phases.empty()) {
        out += "| Phase | Kind | Visits | Windows | Dates | Sources |\n|---|---|---|---|---|---|\n";
        for (std::size_t i = 0; i < s.phases.size(); ++i) {
            const PhaseSummary& ph = s.phases[i];
            std::vector<std::string> ids;
            if (i < p.phases.size()) {
                ids = p.phases[i].cadence.sources;
                if (p.phases[i].visits)
                    ids.insert(ids.end(), p.phases[i].visits->sources.begin(),
                               p.phases[i].visits->sources.end());
            }
            out += "| " + md(ph.name) + " | " + std::string{phase_kind_label(ph.kind)} + " | " +
                   text::range_text(ph.visits) + " | " + std::to_string(ph.windows) + " | " +
                   text::date_range(ph.first, ph.last) + " | " + md(citation_marks(p, ids)) +
                   " |\n";
        }
        out += "\n";
    }

    out += "### Visits\n\n| # | Date | Time | Phase | Visit | Notes |\n|---|---|---|---|---|---|\n";
    for (const Visit& v : pc.expansion.visits) {
        const Phase* phase = detail::phase_of(pc, v);
        std::string date;
        std::string time;
        if (v.is_window()) {
            date = text::between_dates(v.earliest, v.latest);
            time = "window, not an appointment";
        } else {
            date = text::long_date(v.earliest);
            time = text::visit_times(p, v);
        }
        std::string notes;
        for (const std::string& n : detail::visit_notes(pc, v))
            notes += (notes.empty() ? "" : "; ") + md(n);
        out += "| " + std::to_string(v.number_in_course) + " | " + date + " | " + time + " | " +
               (phase ? md(phase->name) : std::string{}) + " | " + md(text::visit_label(p, v)) +
               " | " + notes + " |\n";
    }
    out += "\n";

    out += "### What a visit involves\n\n";
    for (const VisitFact& f : visit_facts(p, true)) {
        out += "- " + md(f.label) + ": " + md(f.value);
        if (!f.note.empty()) out += ". " + md(f.note);
        out += "\n";
    }
    out += "\n";
    if (!pc.differences().empty()) {
        out += "### Differences from the published schedule\n\n";
        for (const Difference& d : pc.differences()) {
            out += "- " + md(d.text);
            const std::string cited = detail::difference_sources(pc, d);
            out +=
                " *Rule " + md(d.rule) + (cited.empty() ? "" : "; sources: " + md(cited)) + ".*\n";
        }
        out += "\n";
    }
    bool notes = false;
    for (std::size_t i = 0; i < p.phases.size(); ++i) {
        const Phase& ph = p.phases[i];
        const std::string note = detail::phase_note(pc, i);
        if (note.empty() && ph.cadence.derived.empty()) continue;
        if (!notes) out += "### Phase notes\n\n";
        notes = true;
        if (!ph.cadence.derived.empty())
            out += "- " + md(ph.name) + ": " + md(ph.cadence.derived) + " " +
                   md(citation_marks(p, ph.cadence.sources)) + "\n";
        if (!note.empty()) {
            const std::string m = citation_marks(p, ph.note_sources);
            out += "- " + md(ph.name) + ": " + md(note) + (m.empty() ? "" : " " + md(m)) + "\n";
        }
    }
    if (notes) out += "\n";

    if (!pc.expansion.notices.empty()) {
        // A table: the date is a cell of its own, not part of the notice's sentence.
        out += "### Notices\n\n| Date | Notice |\n|---|---|\n";
        for (const Notice& n : pc.expansion.notices)
            out += "| " + (n.date ? text::long_date(*n.date) : std::string{}) + " | " + md(n.text) +
                   " |\n";
        out += "\n";
    }

    if (!p.sources.empty()) {
        out += "### Sources\n\n";
        for (const Source* s_ptr : sources_by_kind(p)) {
            const Source& src = *s_ptr;
            out += "- \\[" + std::to_string(source_number(p, src.id)) + "\\] " +
                   std::string{source_kind_label(src.kind)} + ": ";
            out += is_web_url(src.url) ? "[" + md(src.title) + "](" + md_url(src.url) + ")"
                                       : md(src.title);
            if (!is_web_url(src.url) && !src.url.empty()) out += " " + md(src.url);
            if (const std::string id = detail::extra_identifier(src); !id.empty())
                out += " (" + md(id) + ")";
            if (!src.note.empty()) out += " - " + md(src.note);
            out += "\n";
        }
        out += "\n";
    }
}

}  // namespace

std::string to_json(const std::vector<PlannedCourse>& all, const Options& options) {
    const std::vector<PlannedCourse> courses = detail::notes_as_asked(all, options);
    Json root;
    root["disclaimer"] = kDisclaimer;
    root["generated"] = text::iso_timestamp(detail::resolve_timestamp(options));
    Json cs = Json::array();
    Json vs = Json::array();
    for (std::size_t i = 0; i < courses.size(); ++i) {
        cs.push_back(course_json(courses[i], i));
        for (const Visit& v : courses[i].expansion.visits)
            vs.push_back(visit_json(courses[i], i, v));
    }
    root["courses"] = std::move(cs);
    root["visits"] = std::move(vs);
    // Invalid UTF-8 in a preset becomes U+FFFD rather than an exception.
    return json_escape_bidi_controls(root.dump(2, ' ', false, Json::error_handler_t::replace)) +
           "\n";
}

std::string to_csv(const std::vector<PlannedCourse>& all, const Options& options) {
    const std::vector<PlannedCourse> courses = detail::notes_as_asked(all, options);
    std::string out;
    csv_row(out, {"course",   "phase",          "kind",     "number",      "of",
                  "date",     "earliest",       "latest",   "start",       "treatment_end",
                  "end",      "end_is_minimum", "optional", "ride_home",   "moved_from",
                  "visit_id", "status",         "note",     "differences", "published_notes",
                  "sources"});
    for (const PlannedCourse& pc : courses) {
        // Held visits in date order, then the ones the plan leaves out.
        std::vector<std::pair<const Visit*, bool>> rows;
        for (const Visit& v : pc.expansion.visits) rows.emplace_back(&v, false);
        for (const Visit& v : pc.expansion.skipped) rows.emplace_back(&v, true);
        for (const auto& [visit, left_out] : rows) {
            const Visit& v = *visit;
            const Phase* phase = detail::phase_of(pc, v);
            const bool window = v.is_window() || left_out;
            std::string differences;
            for (const Difference* d : detail::differences_of(pc, pc.visit_id(v)))
                differences += (differences.empty() ? "" : " ") + d->text;
            // What the preset says about this visit's phase, and the sources behind the visit.
            std::string notes;
            const auto note = [&notes](const std::string& n) {
                if (!n.empty()) notes += (notes.empty() ? "" : " ") + n;
            };
            if (pc.protocol.illustrative) note(detail::illustrative_text(pc.protocol));
            if (phase) {
                note(phase->cadence.derived);
                note(detail::phase_note(pc, v.phase));
            }
            std::string sources;
            for (const Source* src : detail::visit_sources(pc, v))
                sources += (sources.empty() ? "" : "; ") + source_heading(pc.protocol, *src);
            csv_row(out, {pc.id(),
                          phase ? phase->id : std::to_string(v.phase),
                          phase ? std::string{phase_kind_id(phase->kind)} : std::string{},
                          std::to_string(v.number_in_phase),
                          std::to_string(v.phase_total),
                          window ? "" : text::iso_date(v.earliest),
                          window ? text::iso_date(v.earliest) : "",
                          window ? text::iso_date(v.latest) : "",
                          window ? "" : text::clock_time(v.treatment_start),
                          window ? "" : text::clock_time(v.treatment_end),
                          window ? "" : text::clock_time(v.observation_end),
                          window || !pc.protocol.visit.observation_minutes.at_least ? "no" : "yes",
                          v.optional ? "yes" : "no",
                          pc.protocol.visit.ride_home.value ? "yes" : "no",
                          v.moved_from ? text::iso_date(*v.moved_from) : "",
                          pc.visit_id(v).str(),
                          left_out ? "left out" : "planned",
                          v.note,
                          differences,
                          notes,
                          sources});
        }
    }
    // Spreadsheets have no comments: the disclaimer is a visible row after a blank one.
    out += "\r\n";
    csv_row(out, {"Note", std::string{kDisclaimer}});
    return out;
}

std::string to_markdown(const std::vector<PlannedCourse>& all, const Options& options) {
    const std::vector<PlannedCourse> courses = detail::notes_as_asked(all, options);
    std::string out = "# Course plan\n\n> **" + std::string{kDisclaimer} + "**\n\n";
    out += "Generated " + text::iso_timestamp(detail::resolve_timestamp(options)) +
           ". Times are local wall-clock times; ends use the longest published durations.\n\n";
    for (std::size_t i = 0; i < courses.size(); ++i) md_course(out, courses[i], i);
    out += "## Words used here\n\n";
    for (const GlossaryEntry& g : glossary())
        out += "- **" + md(g.term) + "**: " + md(g.definition) + "\n";
    out += "\n> **" + std::string{kDisclaimer} + "**\n";
    return out;
}

// [SECTION] Dispatch

std::string write(Format format, const std::vector<PlannedCourse>& courses,
                  const Options& options) {
    switch (format) {
        case Format::ics: return to_ics(courses, options);
        case Format::json: return to_json(courses, options);
        case Format::csv: return to_csv(courses, options);
        case Format::md: return to_markdown(courses, options);
    }
    return to_json(courses, options);
}

}  // namespace planner::exporter
