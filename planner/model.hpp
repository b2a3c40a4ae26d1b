// The data model: what a source published (Protocol), where a person puts it on
// the calendar (Course), and the dated visits the engine computes (Visit).
// Timing and frequency only: nothing here can hold a dose.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "planner/visit_id.hpp"

namespace planner {

namespace chr = std::chrono;

enum class Route { iv, nasal, im, subcutaneous, oral };
enum class PhaseKind { induction, maintenance, booster };
// What a source is. What a field may rest on depends on it (the table in docs/presets.md):
// a label, a trial, another study, a cohort or case series, a review, a public agency
// (warnings, crisis lines), the maker's own site, a clinic's web page, an at-home service.
enum class SourceKind { label, trial, study, cohort, review, agency, maker, clinic, service };

// A closed range of whole numbers (minutes, visits, hours); min == max for a single value.
struct Range {
    int min = 0;
    int max = 0;
    [[nodiscard]] bool single() const { return min == max; }
    friend bool operator==(const Range&, const Range&) = default;
};

// Where a number was published. Fields cite sources by id.
struct Source {
    std::string id;                        // short key used in "sources": ["..."] lists
    std::string title;                     // article, label or trial title
    std::string url;                       // https URL, may be empty when identifier is set
    std::string identifier;                // DOI, NCT number, DailyMed set id, seed file name...
    std::string note;                      // what the source states that the preset uses
    SourceKind kind = SourceKind::clinic;  // the weakest claim unless the file says otherwise
};

struct CitedRange {
    Range value;
    std::vector<std::string> sources;  // every source behind the value (both ends)
    // A minimum with no published maximum ("at least 2 hours"): value.min == value.max.
    bool at_least = false;
    // When not empty, each end cites its own sources; `sources` is then their union.
    std::vector<std::string> min_sources{};
    std::vector<std::string> max_sources{};
    // How a number no source states was worked out from numbers they do (shown with it).
    std::string derived{};
};

struct CitedFlag {
    bool value = false;
    std::vector<std::string> sources;
};

// Minimums before a visit ("avoid food for at least 2 hours before"); 0 = not stated.
struct Fasting {
    int solid_food_hours = 0;  // no solid food (the source says solid)
    int liquids_minutes = 0;   // no liquids
    std::vector<std::string> sources;
    int food_hours = 0;  // no food at all (the Spravato label's "avoid food")
};

// What one visit involves, as published.
struct VisitInfo {
    CitedRange treatment_minutes;    // the infusion, injection, spray or lozenge itself
    CitedRange observation_minutes;  // monitored afterwards before leaving
    CitedFlag ride_home;             // someone else drives home
    CitedFlag no_driving_until_next_day;
    std::optional<Fasting> fasting;
};

// How often visits happen in a phase. Exactly one of the two forms is used.
struct Cadence {
    enum class Kind { weekly, interval };
    Kind kind = Kind::weekly;
    // weekly: per_week visits in each of `weeks` consecutive 7-day blocks.
    int per_week = 0;
    int weeks = 0;
    // interval: one visit every `every_weeks` weeks (a range: min != max means
    // each visit is a window, "every 2 to 4 weeks").
    Range every_weeks;
    int count = 0;           // interval: fixed number of visits; 0 = repeat until the
                             // course's booster horizon (Course::booster_months)
    bool as_needed = false;  // interval: visits are "as needed", so marked optional
    std::vector<std::string> sources;
    std::string derived{};  // how a spacing no source states was worked out (shown with it)
};

// Which rescheduling rule (planner/rules.hpp) applies when a week of the phase cannot hold
// its visits, with the source that states it ("continue the current schedule").
struct Reschedule {
    std::string rule;
    std::vector<std::string> sources;
};

struct Phase {
    std::string id;    // "induction", "maintenance", "boosters"...
    std::string name;  // shown to people: "Initial series"
    PhaseKind kind = PhaseKind::induction;
    Cadence cadence;
    // Optional cap on the number of visits in a weekly phase ("6 to 8 infusions"):
    // visits past visits->min are marked optional, none are made past visits->max.
    std::optional<CitedRange> visits;
    std::optional<Reschedule> reschedule;  // none: the planner's own keep-count rule
    std::string note;
    std::vector<std::string> note_sources{};  // what the note's facts rest on
};

// One published schedule (one preset file).
struct Protocol {
    int schema_version = 1;
    std::string id;
    std::string title;
    std::string description;  // one line
    Route route = Route::iv;
    bool illustrative = false;  // "illustrative, no standard published course"
    std::string illustrative_note;
    std::vector<std::string> illustrative_sources{};  // what the illustrative note rests on
    std::string noun{};  // what one visit is called when not the route's word ("injection")
    std::vector<chr::weekday> default_clinic_days;  // empty: Monday to Friday
    VisitInfo visit;
    std::vector<Phase> phases;
    std::vector<Source> sources;
    std::string file;  // where it was loaded from (for messages); empty if built in code

    [[nodiscard]] const Source* find_source(const std::string& source_id) const;
};

// A protocol placed on a person's calendar.
struct Course {
    std::string id;  // stable: the preset id, "<preset>-2" for a second one; empty: protocol id
    std::string protocol_id;
    chr::year_month_day start{};
    std::vector<chr::weekday> clinic_days;  // empty: the protocol's default_clinic_days
    chr::minutes start_time{9 * 60};        // usual visit start, minutes after midnight
    std::vector<chr::year_month_day> closed;
    int booster_months = 3;  // how far to show as-needed visits past the previous phase
    bool hidden = false;
};

// A person's change to one visit of a plan, keyed by its VisitId.
struct VisitOverride {
    std::optional<chr::year_month_day> date;  // moved to this date
    bool skipped = false;                     // left out; the other visits keep their dates
    bool missed = false;               // missed on its planned day: made up under the phase's rule
    std::optional<chr::minutes> time;  // its own start time, minutes after midnight
    std::string note;                  // one line, shown with the visit
    [[nodiscard]] bool empty() const {
        return !date && !skipped && !missed && !time && note.empty();
    }
    friend bool operator==(const VisitOverride&, const VisitOverride&) = default;
};
using Overrides = std::map<VisitId, VisitOverride>;

// Why a visit is not on the day the published pattern gives it: a closed day, a missed
// visit, its day taken by a visit the plan moved there, or the plan moved it.
enum class MoveReason { none, closed, missed, taken, plan };

// One dated visit (or a window: "a booster between these dates").
struct Visit {
    std::size_t course = 0;    // index of the course in the plan
    std::size_t phase = 0;     // index into Protocol::phases
    int number_in_phase = 0;   // 1-based, as published: the stable part of its VisitId
    int phase_total = 0;       // visits the phase has as published (skipped ones included)
    int number_in_course = 0;  // 1-based, in date order
    int week_in_phase = 0;     // 1-based week of the phase (weekly phases); 0 for interval phases
    int week = 0;              // 1-based week counted from the course start, of `earliest`
    chr::sys_days earliest{};
    chr::sys_days latest{};                   // == earliest for a dated visit
    bool optional = false;                    // past the published minimum, or an as-needed booster
    bool may_pass_horizon = false;            // a window that could run past the horizon: cut at it
    std::optional<chr::sys_days> moved_from;  // the day it left, with move_reason
    MoveReason move_reason = MoveReason::none;
    std::vector<chr::sys_days> closed_in_window;  // windows: closed clinic days inside
    // A window the plan picked this visit's date from (earliest, latest).
    std::optional<std::pair<chr::sys_days, chr::sys_days>> picked_from;
    bool time_changed = false;  // an override set its start time
    std::string note;           // an override's note
    // Local wall-clock times, minutes after midnight. Ends use the longest
    // published duration, so a person plans for the longest day.
    chr::minutes treatment_start{};
    chr::minutes treatment_end{};
    chr::minutes observation_end{};

    [[nodiscard]] bool is_window() const { return latest != earliest; }
};

// Where this plan departs from the published schedule, said plainly (informative, never
// advice). Every writer and view shows them; planner/differences.cpp makes them.
struct Difference {
    std::string course;                // course id
    std::optional<VisitId> visit;      // the visit it is about, when it is about one
    std::string phase;                 // phase id; empty when about the whole course
    int week = 0;                      // first week (counted from the course start); 0: none
    int last_week = 0;                 // last week of a run of weeks with the same difference
    std::string rule;                  // a rule id (planner/rules.hpp)
    std::string published;             // what the source publishes: "2 sessions a week"
    std::string planned;               // what this plan does: "1 session in week 3"
    std::vector<std::string> sources;  // protocol source ids behind `published` and the rule
    std::vector<VisitId> affects;      // visits whose calendar event carries it
    chr::sys_days date{};              // first day it is about (sorting)
    std::string text;                  // the sentence, at most 25 words
};

// What is not a difference from the published schedule but a reader needs to know.
struct Notice {
    enum class Kind { horizon_cut };
    Kind kind = Kind::horizon_cut;
    std::size_t course = 0;
    std::optional<chr::sys_days> date;
    std::string text;  // a full sentence for people
};

// Where a phase sits, in weeks counted from the course start (1-based).
struct PhaseSpan {
    int first_week = 0;  // weekly phases: the week it starts in; interval: its first visit's
    int last_week = 0;   // the week of its last visit's latest day (0: no visit)
    // The weeks the published schedule gives it; 0 where it fixes none (an interval phase's
    // end, or any phase after an open-ended one).
    int published_first_week = 0;
    int published_last_week = 0;
    // Interval phases: the week of the visit they count from (0: the course start), and
    // where the published schedule has that visit.
    int anchor_week = 0;
    int published_anchor_week = 0;
    std::optional<chr::sys_days> horizon;  // open-ended interval phases
    [[nodiscard]] bool shifted() const;
};

struct Expansion {
    std::vector<Visit> visits;            // sorted by earliest date
    std::vector<Visit> skipped;           // left out by the plan, on the day they would have had
    std::vector<Difference> differences;  // sorted by date
    std::vector<Notice> notices;
    std::vector<PhaseSpan> phases;  // one per protocol phase
};

struct PhaseSummary {
    std::string name;
    PhaseKind kind = PhaseKind::induction;
    Range visits;           // min: required visits; max: including optional ones
    int windows = 0;        // visits known only as a window
    chr::sys_days first{};  // earliest date of the first visit
    chr::sys_days last{};   // latest date of the last visit
    int first_week = 0;     // weeks counted from the course start (0: no visit)
    int last_week = 0;
    bool shifted = false;  // not in the weeks the published schedule gives it (PhaseSpan)
};

struct Summary {
    std::vector<PhaseSummary> phases;
    Range visits;
    Range clinic_minutes;  // treatment plus observation, shortest..longest
    Range ride_home_days;
    chr::sys_days first{};
    chr::sys_days last{};
};

// Names used in files and on screen.
[[nodiscard]] std::string_view route_id(Route r);     // "iv", "nasal", "im", "subcutaneous", "oral"
[[nodiscard]] std::string_view route_label(Route r);  // "IV, into a vein", "Nasal spray", ...
[[nodiscard]] std::string_view phase_kind_id(PhaseKind k);
[[nodiscard]] std::string_view phase_kind_label(PhaseKind k);
// Phase glyphs are lower case ('i', 'm', 'b') and course letters upper case, so a phase
// marker never reads as a course; painters draw it inside phase_shape, never colour alone.
[[nodiscard]] char phase_marker(PhaseKind k);
enum class PhaseShape { circle, diamond, square };  // induction, maintenance, booster
[[nodiscard]] PhaseShape phase_shape(PhaseKind k);
[[nodiscard]] std::string_view weekday_id(chr::weekday d);  // "mon".."sun"
// What one visit is called for a route: "infusion"/"infusions", "session"/"sessions"
// (nasal spray, oral), "injection"/"injections" (IM, subcutaneous).
[[nodiscard]] std::string_view visit_noun(Route r, bool plural);
// The preset's own word when it names one (an IV bolus is an "injection"), else the route's.
[[nodiscard]] std::string visit_noun(const Protocol& p, bool plural);
// What the treatment part of a visit is called: "Infusion", "Injection", "Spray and rest",
// "Lozenge" (a nasal spray has no "time in the chair").
[[nodiscard]] std::string_view treatment_label(const Protocol& p);
[[nodiscard]] std::string_view source_kind_id(SourceKind k);     // "label", "trial", ...
[[nodiscard]] std::string_view source_kind_label(SourceKind k);  // "Label", "Clinic page", ...
[[nodiscard]] std::optional<SourceKind> source_kind_from_id(std::string_view id);

}  // namespace planner
