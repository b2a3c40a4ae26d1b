#include "planner/export_common.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "planner/citations.hpp"
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

std::string iso_date(chr::sys_days day) {
    const chr::year_month_day ymd{day};
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf.data();
}

std::string hhmm(chr::minutes minutes) {
    const long long total = ((minutes.count() % 1440) + 1440) % 1440;
    std::array<char, 8> buf{};
    std::snprintf(buf.data(), buf.size(), "%02lld:%02lld", total / 60, total % 60);
    return buf.data();
}

std::string iso_timestamp(std::int64_t t) {
    const auto tp = chr::sys_seconds{chr::seconds{t}};
    const auto day = chr::floor<chr::days>(tp);
    const chr::hh_mm_ss hms{tp - day};
    std::array<char, 16> buf{};
    std::snprintf(buf.data(), buf.size(), "T%02d:%02d:%02dZ", static_cast<int>(hms.hours().count()),
                  static_cast<int>(hms.minutes().count()), static_cast<int>(hms.seconds().count()));
    return iso_date(day) + buf.data();
}

std::string weekday_short(chr::weekday d) {
    static constexpr std::array<std::string_view, 7> names{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
    return std::string{d.ok() ? names[d.c_encoding()] : std::string_view{"?"}};
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

std::string short_title(const Protocol& protocol) {
    const auto colon = protocol.title.find(':');
    std::string s = colon == std::string::npos ? protocol.title : protocol.title.substr(0, colon);
    if (s.empty()) s = protocol.id;
    return s;
}

std::string visit_label(const PlannedCourse& course, const Visit& visit) {
    const auto noun = visit_noun(course.protocol, false);
    if (visit.is_window()) {
        const Phase* phase = phase_of(course, visit);
        const std::string kind =
            phase ? std::string{phase_kind_id(phase->kind)} + " " : std::string{};
        if (visit.optional)
            return "possible " + kind + noun + " " + std::to_string(visit.number_in_phase);
        return kind + noun + " " + std::to_string(visit.number_in_phase) + " of " +
               std::to_string(visit.phase_total);
    }
    std::string label = noun + " " + std::to_string(visit.number_in_phase) + " of " +
                        std::to_string(visit.phase_total);
    if (visit.optional) label += ", optional";
    return label;
}

std::string minutes_text(const Range& minutes) {
    if (minutes.max <= 0) return "not stated";
    if (minutes.single()) return "about " + std::to_string(minutes.min) + " minutes";
    return std::to_string(minutes.min) + " to " + std::to_string(minutes.max) + " minutes";
}

std::string range_text(const Range& range) {
    if (range.single()) return std::to_string(range.min);
    return std::to_string(range.min) + " to " + std::to_string(range.max);
}

double hours_one_decimal(int minutes) {
    return std::round(minutes / 6.0) / 10.0;
}

std::string hours_text(int minutes) {
    const long tenths = std::lround(minutes / 6.0);
    return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
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
        case Notice::Kind::moved: return "moved";
        case Notice::Kind::week_short: return "week_short";
        case Notice::Kind::clinic_days_short: return "clinic_days_short";
        case Notice::Kind::horizon_cut: return "horizon_cut";
    }
    return "moved";
}

}  // namespace detail
}  // namespace planner::exporter
