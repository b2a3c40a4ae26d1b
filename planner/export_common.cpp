#include "planner/export_common.hpp"

#include <cerrno>
#include <cstdlib>

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
    }
    add(info.treatment_minutes.sources);
    add(info.observation_minutes.sources);
    add(info.ride_home.sources);
    add(info.no_driving_until_next_day.sources);
    if (info.fasting) add(info.fasting->sources);
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
