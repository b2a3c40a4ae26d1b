#include "planner/export_common.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <limits>
#include <regex>

#include "planner/citations.hpp"
#include "planner/differences.hpp"
#include "planner/schedule.hpp"

namespace planner::exporter {

std::int64_t default_timestamp() {
    // Reproducible builds convention: https://reproducible-builds.org/specs/source-date-epoch/
    if (const char* env = std::getenv("SOURCE_DATE_EPOCH"); env != nullptr && *env != '\0') {
        char* end = nullptr;
        errno = 0;
        const long long value = std::strtoll(env, &end, 10);
        if (errno == 0 && end != nullptr && *end == '\0' && value >= 0) return value;
    }
    return chr::duration_cast<chr::seconds>(chr::system_clock::now().time_since_epoch()).count();
}

namespace detail {

std::vector<PlannedCourse> notes_as_asked(const std::vector<PlannedCourse>& courses,
                                          const Options& options) {
    std::vector<PlannedCourse> out = courses;
    if (options.notes) return out;
    for (PlannedCourse& pc : out) {
        for (Visit& v : pc.expansion.visits) v.note.clear();
        for (Visit& v : pc.expansion.skipped) v.note.clear();
    }
    return out;
}

std::int64_t resolve_timestamp(const Options& options) {
    return options.timestamp ? *options.timestamp : default_timestamp();
}

std::time_t local_to_utc(chr::sys_days day, chr::minutes minutes) {
    const chr::year_month_day ymd{day};
    std::tm tm{};
    tm.tm_year = static_cast<int>(ymd.year()) - 1900;
    tm.tm_mon = static_cast<int>(static_cast<unsigned>(ymd.month())) - 1;
    tm.tm_mday = static_cast<int>(static_cast<unsigned>(ymd.day()));
    tm.tm_hour = 0;
    tm.tm_min = static_cast<int>(minutes.count());  // mktime normalises past 60
    tm.tm_sec = 0;
    tm.tm_isdst = -1;  // let the C library decide whether DST applies on that day
    return std::mktime(&tm);
}

namespace {

[[nodiscard]] long utc_offset(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    return tm.tm_gmtoff;
}

}  // namespace

ClockSpan clock_span(chr::sys_days day, chr::minutes start, chr::minutes length) {
    // The wall-clock time asked for, read as if it were UTC (a start past 24:00 is the next
    // day's).
    const auto wall = static_cast<std::time_t>(
        chr::duration_cast<chr::seconds>(day.time_since_epoch() + start).count());
    std::tm asked{};
    gmtime_r(&wall, &asked);
    // That time under each UTC offset in force within a day of it; not mktime, whose search
    // for a requested tm_isdst scans a year and more where a zone has no daylight saving.
    std::optional<std::time_t> first;
    std::time_t latest = std::numeric_limits<std::time_t>::min();
    for (const std::time_t near : {wall - 86400, wall, wall + 86400}) {
        const std::time_t t = wall - utc_offset(near);
        latest = std::max(latest, t);
        std::tm back{};
        localtime_r(&t, &back);
        const bool exists = back.tm_year == asked.tm_year && back.tm_yday == asked.tm_yday &&
                            back.tm_hour == asked.tm_hour && back.tm_min == asked.tm_min;
        if (exists && (!first || t < *first)) first = t;
    }
    ClockSpan span;
    if (first) {
        span.start = *first;
    } else {  // in a gap: the reading with the offset before the change lands after it
        span.start = latest;
        std::tm moved{};
        localtime_r(&span.start, &moved);
        span.moved_to = chr::hours{moved.tm_hour} + chr::minutes{moved.tm_min};
    }
    span.end = span.start + static_cast<std::time_t>(length.count()) * 60;
    span.clocks_change = utc_offset(span.start) != utc_offset(span.end);
    return span;
}

std::string local_hhmm(std::time_t t) {
    std::tm tm{};
    localtime_r(&t, &tm);
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02d:%02d", tm.tm_hour, tm.tm_min);
    return buf.data();
}

std::optional<std::string> tz_problem() {
    const char* env = std::getenv("TZ");
    if (env == nullptr || *env == '\0') return std::nullopt;
    std::string tz = env;
    const std::string shown = tz;
    if (tz[0] == ':') tz.erase(0, 1);
    const auto is_file = [](const std::string& path) {
        struct stat st {};
        return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    };
    if (!tz.empty() && tz[0] == '/') {
        if (is_file(tz)) return std::nullopt;
    } else if (!tz.empty() && tz.find("..") == std::string::npos) {
        const char* dir = std::getenv("TZDIR");
        const std::string base = dir != nullptr && *dir != '\0' ? dir : "/usr/share/zoneinfo";
        if (is_file(base + "/" + tz)) return std::nullopt;
        // A POSIX rule such as "EST5EDT,M3.2.0,M11.1.0" or "<+0330>-3:30".
        static const std::regex rule{
            "(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)[+-]?\\d{1,2}(?::\\d{2}){0,2}"
            "(?:(?:[A-Za-z]{3,}|<[A-Za-z0-9+-]{3,}>)(?:[+-]?\\d{1,2}(?::\\d{2}){0,2})?"
            "(?:,(?:J\\d{1,3}|\\d{1,3}|M\\d{1,2}\\.\\d\\.\\d)(?:/"
            "[+-]?\\d{1,3}(?::\\d{2}){0,2})?){2})?"};
        if (std::regex_match(tz, rule)) return std::nullopt;
    }
    std::string printable;
    for (const char c : shown.substr(0, 60))
        printable += static_cast<unsigned char>(c) < 0x20 || c == 0x7f ? '?' : c;
    return "TZ=" + printable +
           " is not a time zone this computer knows, so the times are in UTC (set TZ to a zone "
           "such as America/New_York, or unset it)";
}

std::string short_title(const Protocol& protocol) {
    const auto colon = protocol.title.find(':');
    std::string s = colon == std::string::npos ? protocol.title : protocol.title.substr(0, colon);
    if (s.empty()) s = protocol.id;
    return s;
}

std::vector<chr::weekday> clinic_days(const PlannedCourse& course) {
    return effective_clinic_days(course.protocol, course.course);
}

const Phase* phase_of(const PlannedCourse& course, const Visit& visit) {
    return visit.phase < course.protocol.phases.size() ? &course.protocol.phases[visit.phase]
                                                       : nullptr;
}

std::vector<const Source*> visit_sources(const PlannedCourse& course, const Visit& visit) {
    std::vector<const Source*> out;
    const auto add = [&](const std::vector<std::string>& ids) {
        for (const auto& id : ids) {
            const Source* s = course.protocol.find_source(id);
            if (s == nullptr) continue;
            bool seen = false;
            for (const Source* o : out) seen = seen || o == s;
            if (!seen) out.push_back(s);
        }
    };
    const VisitInfo& info = course.protocol.visit;
    if (const Phase* phase = phase_of(course, visit)) {
        add(phase->cadence.sources);
        if (phase->visits) add(phase->visits->sources);
        add(phase->note_sources);
    }
    add(info.treatment_minutes.sources);
    add(info.observation_minutes.sources);
    add(info.ride_home.sources);
    add(info.no_driving_until_next_day.sources);
    if (info.fasting) add(info.fasting->sources);
    if (course.protocol.illustrative) add(course.protocol.illustrative_sources);
    std::stable_sort(out.begin(), out.end(), [&](const Source* a, const Source* b) {
        return source_number(course.protocol, a->id) < source_number(course.protocol, b->id);
    });
    return out;
}

std::string extra_identifier(const Source& source) {
    if (source.identifier.empty()) return {};
    const auto colon = source.identifier.find(':');
    const std::string bare =
        colon == std::string::npos ? source.identifier : source.identifier.substr(colon + 1);
    if (!source.url.empty() && source.url.find(bare) != std::string::npos) return {};
    return source.identifier;
}

std::string illustrative_text(const Protocol& protocol) {
    const std::string fixed = "Illustrative: no standard published course.";
    const std::string& note = protocol.illustrative_note;
    if (note.empty()) return fixed;
    if (note.rfind("Illustrative", 0) == 0) return note;  // the preset already says it
    return fixed + " " + note;
}

std::string_view notice_kind_id(Notice::Kind kind) {
    switch (kind) {
        case Notice::Kind::horizon_cut: return "horizon_cut";
    }
    return "horizon_cut";
}

std::string phase_note(const PlannedCourse& course, std::size_t phase) {
    if (phase >= course.protocol.phases.size()) return {};
    const std::string& note = course.protocol.phases[phase].note;
    if (note.empty()) return {};
    const bool shifted =
        phase < course.expansion.phases.size() && course.expansion.phases[phase].shifted();
    return shifted ? "As published: " + note : note;
}

std::vector<std::string> visit_notes(const PlannedCourse& course, const Visit& visit) {
    std::vector<std::string> notes;
    if (visit.optional) notes.emplace_back("if needed");
    if (course.protocol.visit.ride_home.value) notes.emplace_back("ride home");
    if (visit.moved_from) notes.push_back("moved from " + text::long_date(*visit.moved_from));
    if (!visit.closed_in_window.empty()) {
        std::string closed;
        for (const auto d : visit.closed_in_window)
            closed += (closed.empty() ? "" : ", ") + text::long_date(d);
        notes.push_back("clinic closed " + closed);
    }
    if (visit.time_changed) notes.emplace_back("start time set in this plan");
    if (!visit.note.empty()) notes.push_back(visit.note);
    return notes;
}

std::vector<const Difference*> differences_of(const PlannedCourse& course, const VisitId& id) {
    std::vector<const Difference*> out;
    for (const Difference& d : course.differences())
        if (std::find(d.affects.begin(), d.affects.end(), id) != d.affects.end()) out.push_back(&d);
    return out;
}

std::string difference_sources(const PlannedCourse& course, const Difference& d) {
    std::string out;
    for (const auto& id : d.sources)
        if (const Source* s = course.protocol.find_source(id))
            out += (out.empty() ? "" : "; ") + short_source_name(*s);
    return out;
}

std::string_view move_reason_id(MoveReason reason) {
    switch (reason) {
        case MoveReason::none: return "";
        case MoveReason::closed: return "closed";
        case MoveReason::missed: return "missed";
        case MoveReason::taken: return "taken";
        case MoveReason::plan: return "plan";
    }
    return "";
}

}  // namespace detail
}  // namespace planner::exporter
