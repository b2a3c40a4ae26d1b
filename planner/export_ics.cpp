// iCalendar (RFC 5545) writer: one VEVENT per visit, a window as an all-day span.
// [SECTION] Text: escaping, folding, UTF-8 repair
// [SECTION] Description
// [SECTION] Calendar
#include <algorithm>
#include <array>
#include <climits>
#include <cstdio>

#include "planner/citations.hpp"
#include "planner/disclaimer.hpp"
#include "planner/export_common.hpp"
#include "planner/text_guard.hpp"

namespace planner::exporter {

namespace {

// [SECTION] Text: escaping, folding, UTF-8 repair

constexpr std::size_t kMaxOctets = 75;                     // RFC 5545 3.1, excluding the CRLF
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// Length of the valid UTF-8 sequence at s[i], or 0 when it is not valid (RFC 3629).
std::size_t utf8_sequence(std::string_view s, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
    const unsigned char c = byte(i);
    if (c < 0x80) return 1;
    std::size_t len = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3;
        if (c == 0xE0) lo = 0xA0;
        if (c == 0xED) hi = 0x9F;  // no UTF-16 surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4;
        if (c == 0xF0) lo = 0x90;
        if (c == 0xF4) hi = 0x8F;
    } else {
        return 0;
    }
    if (i + len > s.size()) return 0;
    if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
    for (std::size_t k = 2; k < len; ++k)
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
    return len;
}

bool is_continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

std::string utc_stamp(std::time_t t) {
    std::tm tm{};
    gmtime_r(&t, &tm);
    std::array<char, 20> buf{};
    std::strftime(buf.data(), buf.size(), "%Y%m%dT%H%M%SZ", &tm);
    return buf.data();
}

std::string ics_date(chr::sys_days day) {
    std::string s = text::iso_date(day);
    s.erase(std::remove(s.begin(), s.end(), '-'), s.end());
    return s;
}

// UIDs are built from ids; anything outside a safe set (the '.' separator included) is
// percent-encoded so two different visit ids never give the same UID.
std::string uid_part(std::string_view id) {
    std::string out;
    for (const char ch : id) {
        const auto c = static_cast<unsigned char>(ch);
        const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '-' || c == '_';
        if (safe) {
            out += ch;
        } else {
            std::array<char, 4> buf{};
            std::snprintf(buf.data(), buf.size(), "%%%02X", static_cast<unsigned>(c));
            out += buf.data();
        }
    }
    return out;
}

// [SECTION] Description

void add_sources(std::string& out, const Protocol& p, const std::vector<const Source*>& sources) {
    if (sources.empty()) return;
    out += "Sources:\n";
    for (const Source* s : sources) {
        out += source_heading(p, *s);
        if (!s->url.empty()) out += " " + s->url;
        if (const std::string id = detail::extra_identifier(*s); !id.empty())
            out += " (" + id + ")";
        if (!s->note.empty()) out += " - " + s->note;
        out += "\n";
    }
}

void add_differences(std::string& out, const PlannedCourse& course, const Visit& visit) {
    const auto found = detail::differences_of(course, course.visit_id(visit));
    if (found.empty()) return;
    out += "Differs from the published schedule:\n";
    for (const Difference* d : found) out += "- " + d->text + "\n";
}

// Printable ASCII that TEXT carries as it is.
[[nodiscard]] bool is_plain_ascii(char ch) {
    return ch >= 0x20 && ch < 0x7F && ch != '\\' && ch != ';' && ch != ',';
}

}  // namespace

std::string ics_uid(const VisitId& id) {
    return uid_part(id.course) + "." + uid_part(id.phase) + "." + std::to_string(id.number) +
           "@course-planner";
}

std::string ics_escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (std::size_t i = 0; i < text.size();) {
        // a run of printable ASCII needing no escape is copied whole (most of every file)
        std::size_t run = i;
        while (run < text.size() && is_plain_ascii(text[run])) ++run;
        if (run > i) {
            out.append(text.substr(i, run - i));
            i = run;
            continue;
        }
        const char ch = text[i];
        switch (ch) {
            case '\\':
                out += "\\\\";
                ++i;
                continue;
            case ';':
                out += "\\;";
                ++i;
                continue;
            case ',':
                out += "\\,";
                ++i;
                continue;
            case '\n':
                out += "\\n";
                ++i;
                continue;
            case '\r':  // CRLF and a lone CR are both one line break
                out += "\\n";
                i += (i + 1 < text.size() && text[i + 1] == '\n') ? 2 : 1;
                continue;
            case '\t':
                out += ' ';
                ++i;
                continue;
            default: break;
        }
        const auto c = static_cast<unsigned char>(ch);
        if (c < 0x20 || c == 0x7F) {  // control characters are not allowed in TEXT
            ++i;
            continue;
        }
        const std::size_t len = utf8_sequence(text, i);
        if (len == 0) {  // invalid UTF-8: a replacement character keeps the file readable
            out += kReplacement;
            ++i;
            continue;
        }
        if (bidi_control_at(text, i) > 0) {  // an override could reorder what a reader sees
            out += kReplacement;
            i += len;
            continue;
        }
        out.append(text.substr(i, len));
        i += len;
    }
    return out;
}

std::string ics_fold_line(std::string_view line) {
    std::string out;
    out.reserve(line.size() + line.size() / 70 * 3 + 2);
    std::size_t pos = 0;
    std::size_t room = kMaxOctets;  // the first line has 75 octets, the next ones 74 + space
    while (line.size() - pos > room) {
        std::size_t cut = pos + room;
        // back up to the start of a UTF-8 character, never further than the line start
        while (cut > pos && is_continuation(static_cast<unsigned char>(line[cut]))) --cut;
        // keep a TEXT escape such as "\," on one line: an odd run of backslashes before
        // the cut means the next character is escaped
        std::size_t slashes = 0;
        while (cut - slashes > pos && line[cut - slashes - 1] == '\\') ++slashes;
        if (slashes % 2 == 1 && cut - 1 > pos) --cut;
        if (cut == pos) cut = pos + room;  // invalid UTF-8 run: split anyway
        out.append(line.substr(pos, cut - pos));
        out += "\r\n ";
        pos = cut;
        room = kMaxOctets - 1;
    }
    out.append(line.substr(pos));
    out += "\r\n";
    return out;
}

namespace {

// A dated visit in real time: from its local start, treatment plus observation long.
detail::ClockSpan dated_span(const Visit& visit) {
    return detail::clock_span(visit.earliest, visit.treatment_start,
                              visit.observation_end - visit.treatment_start);
}

}  // namespace

std::vector<std::string> ics_notices(const std::vector<PlannedCourse>& courses) {
    std::vector<std::string> out;
    if (const auto tz = detail::tz_problem()) out.push_back(*tz);
    for (const PlannedCourse& course : courses)
        for (const Visit& visit : course.expansion.visits) {
            if (visit.is_window()) continue;
            const auto span = dated_span(visit);
            if (!span.moved_to) continue;
            out.push_back(detail::short_title(course.protocol) + ", " +
                          text::visit_label(course.protocol, visit) + " on " +
                          text::long_date(visit.earliest) + ": " +
                          text::clock_time(visit.treatment_start) +
                          " does not exist that day (the clocks go forward), so it starts at " +
                          text::clock_time(*span.moved_to));
        }
    return out;
}

namespace {

// What every visit of the course involves, one fact a line: the same for all its visits,
// so a calendar of hundreds of visits writes it once per course.
std::string facts_text(const Protocol& p) {
    std::string out;
    for (const VisitFact& f : visit_facts(p, true))
        out += f.label + ": " + f.value + "." + (f.note.empty() ? "" : " " + f.note) + "\n";
    return out;
}

std::string describe(const PlannedCourse& course, const Visit& visit, const std::string& facts) {
    const Protocol& p = course.protocol;
    const VisitInfo& info = p.visit;
    const Phase* phase = detail::phase_of(course, visit);
    std::string out;
    out += p.title + "\n";
    if (visit.is_window()) {
        out += "A window, not an appointment: a " + text::visit_label(p, visit) + " could fall " +
               text::between_dates(visit.earliest, visit.latest) +
               (visit.optional ? ", only if needed" : "") + ". Agree on a date with your clinic.\n";
    } else {
        out += text::capitalized(text::visit_label(p, visit)) + ".\n";
        if (visit.optional) out += "Optional: only if needed.\n";
    }
    const auto with_marks = [&p](const std::string& text, const std::vector<std::string>& ids) {
        const std::string m = citation_marks(p, ids);
        return m.empty() ? text : text + " " + m;
    };
    if (phase) {
        out += "Phase: " + phase->name + " (" + std::string{phase_kind_id(phase->kind)} + ").\n";
        if (!phase->cadence.derived.empty())
            out += with_marks(phase->cadence.derived, phase->cadence.sources) + "\n";
        if (const std::string note = detail::phase_note(course, visit.phase); !note.empty())
            out += with_marks(note, phase->note_sources) + "\n";
    }
    if (visit.is_window() && !visit.closed_in_window.empty()) {
        out += "The clinic is closed inside this window on";
        for (std::size_t i = 0; i < visit.closed_in_window.size(); ++i)
            out += (i == 0 ? " " : ", ") + text::long_date(visit.closed_in_window[i]);
        out += ".\n";
    }
    out += facts;
    if (!visit.is_window()) {
        const auto span = dated_span(visit);
        const std::time_t treated =
            span.start + (visit.treatment_end - visit.treatment_start).count() * 60;
        // Real times (text::visit_times gives the same wording on the wall clock).
        out += "Planned here: " + std::string{treatment_label(p)} + " " +
               detail::local_hhmm(span.start) + "-" + detail::local_hhmm(treated);
        if (span.end > treated)
            out += std::string{", then observation until "} +
                   (info.observation_minutes.at_least ? "at least " : "") +
                   detail::local_hhmm(span.end);
        out += ", using the longest published times.";
        if (info.observation_minutes.at_least)
            out += " The observation is a minimum, so the visit can end later.";
        out += "\n";
        if (span.moved_to)
            out += "The clocks go forward that night: " + text::clock_time(visit.treatment_start) +
                   " does not exist on " + text::long_date(visit.earliest) +
                   ", so this visit starts at " + text::clock_time(*span.moved_to) + ".\n";
        if (span.clocks_change)
            out += "The clocks change during this visit: it ends at " +
                   detail::local_hhmm(span.end) + " by the clock, " +
                   std::to_string((span.end - span.start) / 60) + " minutes after it starts.\n";
    }
    if (visit.moved_from) {
        const std::string from = text::long_date(*visit.moved_from);
        switch (visit.move_reason) {
            case MoveReason::missed: out += "Missed on " + from + "; made up here.\n"; break;
            case MoveReason::plan: out += "Moved here from " + from + " by this plan.\n"; break;
            case MoveReason::taken:
                out += "Moved from " + from + ": a moved visit takes that day.\n";
                break;
            case MoveReason::closed:
            case MoveReason::none: out += "Moved from " + from + " (a closed date).\n"; break;
        }
    }
    if (visit.time_changed) out += "Start time set in this plan.\n";
    if (!visit.note.empty()) out += "Note: " + visit.note + "\n";
    add_differences(out, course, visit);
    if (p.illustrative)
        out += with_marks(detail::illustrative_text(p), p.illustrative_sources) + "\n";
    add_sources(out, p, detail::visit_sources(course, visit));
    if (const auto tz = detail::tz_problem()) out += "Warning: " + *tz + ".\n";
    out += std::string{kDisclaimer};
    return out;
}

}  // namespace

std::string visit_description(const PlannedCourse& course, const Visit& visit) {
    return describe(course, visit, facts_text(course.protocol));
}

// [SECTION] Calendar

namespace {

class IcsWriter {
public:
    void line(std::string_view name, std::string_view value) {
        std::string l{name};
        l += ':';
        l += value;
        out_ += ics_fold_line(l);
    }
    void text(std::string_view name, std::string_view value) { line(name, ics_escape_text(value)); }
    [[nodiscard]] std::string take() { return std::move(out_); }

private:
    std::string out_;
};

std::string summary_of(const PlannedCourse& course, const Visit& visit) {
    const std::string title = detail::short_title(course.protocol);
    const std::string label = text::visit_label(course.protocol, visit);
    if (visit.is_window())
        return "Window: " + label + " (" + title + ")" + (visit.optional ? ", if needed" : "");
    const Phase* phase = detail::phase_of(course, visit);
    return title + ": " + label + (phase ? " (" + phase->name + ")" : "");
}

// [SECTION] Reminders
//
// Relative triggers only (-PT15H before DTSTART): some clients (khal) ignore absolute ones. The
// evening alarm fires at Options::reminder_time the day before; an alarm when the food or
// liquids rule begins is written only when that falls in waking hours. Each repeats what the
// source says, in its words, and carries the disclaimer.

constexpr int kWakingFrom = 7 * 60;    // 07:00
constexpr int kWakingUntil = 22 * 60;  // 22:00

// "-PT15H", "-PT14H30M": the time from `fire` to `start` as an RFC 5545 duration before START.
std::string before_start(std::time_t fire, std::time_t start) {
    const long long minutes = std::max<long long>(0, (start - fire) / 60);
    std::string out = "-PT";
    if (minutes >= 60) out += std::to_string(minutes / 60) + "H";
    if (minutes % 60 != 0 || minutes < 60) out += std::to_string(minutes % 60) + "M";
    return out;
}

void alarm(IcsWriter& w, const std::string& trigger, const std::string& text) {
    w.line("BEGIN", "VALARM");
    w.line("ACTION", "DISPLAY");
    w.text("DESCRIPTION", text + "\n" + std::string{kDisclaimer});
    w.line("TRIGGER;RELATED=START", trigger);
    w.line("END", "VALARM");
}

// "The label says: avoid food for at least 2 hours before, and avoid liquids for at least 30
// minutes before. For this visit, that is from 07:00 and from 08:30."
std::string fasting_text(const Protocol& p, chr::minutes start) {
    const Fasting& f = *p.visit.fasting;
    std::vector<std::string> rules;
    std::vector<std::string> times;
    const auto rule = [&](const std::string& what, int minutes) {
        rules.push_back("avoid " + what + " for at least " +
                        text::duration(Range{minutes, minutes}) + " before");
        times.push_back("from " + text::clock_time(start - chr::minutes{minutes}) + " for " + what);
    };
    if (f.food_hours > 0) rule("food", f.food_hours * 60);
    if (f.solid_food_hours > 0) rule("solid food", f.solid_food_hours * 60);
    if (f.liquids_minutes > 0) rule("liquids", f.liquids_minutes);
    if (rules.empty()) return {};
    const auto join = [](const std::vector<std::string>& parts) {
        std::string out;
        for (std::size_t i = 0; i < parts.size(); ++i)
            out += (i == 0                                       ? ""
                    : i + 1 == parts.size() && parts.size() == 2 ? " and "
                    : i + 1 == parts.size()                      ? ", and "
                                                                 : ", ") +
                   parts[i];
        return out;
    };
    return says(p, f.sources) + ": " + join(rules) + ". For this visit, that is " + join(times) +
           ".";
}

void write_alarms(IcsWriter& w, const PlannedCourse& course, const Visit& visit,
                  const std::string& summary, const Options& options) {
    const Protocol& p = course.protocol;
    const VisitInfo& info = p.visit;
    // Triggers are relative to DTSTART, which is the visit's real start (a start the clocks
    // skip is moved: dated_span).
    const auto span = dated_span(visit);
    const std::time_t start = span.start;
    const chr::minutes start_local = span.moved_to.value_or(visit.treatment_start);

    std::string evening = "Tomorrow at " + text::clock_time(start_local) + ": " + summary + ".";
    std::vector<std::string> ids = info.ride_home.sources;
    ids.insert(ids.end(), info.no_driving_until_next_day.sources.begin(),
               info.no_driving_until_next_day.sources.end());
    if (info.ride_home.value && info.no_driving_until_next_day.value)
        evening += "\n" + says(p, ids) +
                   ": no driving until the next day, so someone else drives "
                   "you home.";
    else if (info.ride_home.value)
        evening += "\n" + says(p, info.ride_home.sources) + ": someone else drives you home.";
    else if (info.no_driving_until_next_day.value)
        evening += "\n" + says(p, info.no_driving_until_next_day.sources) +
                   ": no driving until the next day.";
    if (info.fasting) {
        const std::string fasting = fasting_text(p, start_local);
        if (!fasting.empty()) evening += "\n" + fasting;
    }
    alarm(w,
          before_start(detail::local_to_utc(visit.earliest - chr::days{1}, options.reminder_time),
                       start),
          evening);

    if (!info.fasting) return;
    const auto at_waking_hours = [&](int minutes_before) {
        const long long local = start_local.count() - minutes_before;
        return local >= kWakingFrom && local < kWakingUntil;
    };
    const std::string who = says(p, info.fasting->sources);
    const std::string visit_at = " Your visit starts at " + text::clock_time(start_local) + ".";
    const auto rule_alarm = [&](const std::string& what, int minutes) {
        if (minutes <= 0 || !at_waking_hours(minutes)) return;
        alarm(w,
              "-PT" + (minutes % 60 == 0 ? std::to_string(minutes / 60) + "H"
                                         : std::to_string(minutes) + "M"),
              who + " " + what + " " + text::duration(Range{minutes, minutes}) + " before." +
                  visit_at);
    };
    rule_alarm("to avoid food for at least", info.fasting->food_hours * 60);
    rule_alarm("to avoid solid food for at least", info.fasting->solid_food_hours * 60);
    rule_alarm("to avoid liquids for at least", info.fasting->liquids_minutes);
}

}  // namespace

std::string to_ics(const std::vector<PlannedCourse>& all, const Options& options) {
    const std::vector<PlannedCourse> courses = detail::notes_as_asked(all, options);
    const std::int64_t now = detail::resolve_timestamp(options);
    const std::string stamp = utc_stamp(static_cast<std::time_t>(now));
    // A later export carries a higher SEQUENCE, so calendars that compare it take the
    // re-imported event as the newer version; minutes since 2024-01-01 keep it small.
    const std::int64_t minutes = std::clamp<std::int64_t>((now - 1704067200) / 60, 0, INT_MAX);

    IcsWriter w;
    w.line("BEGIN", "VCALENDAR");
    w.line("VERSION", "2.0");
    w.line("PRODID", "-//Course Planner//EN");
    w.line("CALSCALE", "GREGORIAN");
    // No METHOD: a file to import, not an iTIP message (RFC 5546 wants an ORGANIZER with
    // PUBLISH, and a planner has none to name).
    std::string name = "Course plan";
    for (std::size_t i = 0; i < courses.size(); ++i)
        name += (i == 0 ? ": " : " + ") + detail::short_title(courses[i].protocol);
    w.text("X-WR-CALNAME", name);
    // The calendar's description: the disclaimer (after a time zone warning), then every
    // difference of every course.
    const auto tz = detail::tz_problem();
    std::string about =
        tz ? "Warning: " + *tz + ". " + std::string{kDisclaimer} : std::string{kDisclaimer};
    for (const PlannedCourse& course : courses) {
        if (course.differences().empty()) continue;
        about += "\n" + detail::short_title(course.protocol) + " (" + course.id() +
                 ") differs from the published schedule:";
        for (const Difference& d : course.differences()) about += "\n- " + d.text;
    }
    w.text("X-WR-CALDESC", about);
    w.text("DESCRIPTION", about);

    for (std::size_t ci = 0; ci < courses.size(); ++ci) {
        const PlannedCourse& course = courses[ci];
        const std::string facts = facts_text(course.protocol);
        for (const Visit& visit : course.expansion.visits) {
            const Phase* phase = detail::phase_of(course, visit);
            const std::string summary = summary_of(course, visit);
            w.line("BEGIN", "VEVENT");
            w.line("UID", ics_uid(course.visit_id(visit)));
            w.line("DTSTAMP", stamp);
            w.line("LAST-MODIFIED", stamp);
            w.line("SEQUENCE", std::to_string(minutes));
            if (visit.is_window()) {
                w.line("DTSTART;VALUE=DATE", ics_date(visit.earliest));
                w.line("DTEND;VALUE=DATE", ics_date(visit.latest + chr::days{1}));
                w.line("TRANSP", "TRANSPARENT");
            } else {
                // Real time: a visit across a clock change still lasts its minutes.
                const auto span = dated_span(visit);
                w.line("DTSTART", utc_stamp(span.start));
                w.line("DTEND", utc_stamp(span.end));
                w.line("TRANSP", "OPAQUE");
            }
            w.text("SUMMARY", summary);
            w.text("DESCRIPTION", describe(course, visit, facts));
            if (phase) w.text("CATEGORIES", phase_kind_label(phase->kind));
            w.line("STATUS", "TENTATIVE");  // an illustration until the clinic books it
            if (options.reminders && !visit.is_window())
                write_alarms(w, course, visit, summary, options);
            w.line("END", "VEVENT");
        }
        // A visit the plan leaves out stays as a cancelled event with the same UID, so a
        // calendar that imported it before marks it cancelled instead of keeping it.
        for (const Visit& visit : course.expansion.skipped) {
            w.line("BEGIN", "VEVENT");
            w.line("UID", ics_uid(course.visit_id(visit)));
            w.line("DTSTAMP", stamp);
            w.line("LAST-MODIFIED", stamp);
            w.line("SEQUENCE", std::to_string(minutes));
            w.line("DTSTART;VALUE=DATE", ics_date(visit.earliest));
            w.line("DTEND;VALUE=DATE", ics_date(visit.latest + chr::days{1}));
            w.line("TRANSP", "TRANSPARENT");
            w.text("SUMMARY", "Left out: " + summary_of(course, visit));
            std::string text = detail::short_title(course.protocol) + "\n";
            for (const Difference* d : detail::differences_of(course, course.visit_id(visit)))
                text += d->text + "\n";
            text += std::string{kDisclaimer};
            w.text("DESCRIPTION", text);
            w.line("STATUS", "CANCELLED");
            w.line("END", "VEVENT");
        }
    }
    w.line("END", "VCALENDAR");
    return w.take();
}

}  // namespace planner::exporter
