// [SECTION] Index
// - Errors and text helpers: one-line messages, user text made printable
// - Arguments: a tiny option scanner shared by the commands
// - Plans: presets and plan files on the command line, visit changes
// - Commands: list, show, export, plan, validate, help, version
// - run: dispatch, window flags, last-resort catch
#include "cli/cli.hpp"

#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <iostream>
#include <limits>
#include <nlohmann/json.hpp>
#include <ostream>
#include <string_view>
#include <tuple>
#include <utility>

#include "planner/disclaimer.hpp"
#include "planner/export.hpp"
#include "planner/io.hpp"
#include "planner/layout.hpp"
#include "planner/model.hpp"
#include "planner/parse.hpp"
#include "planner/plan.hpp"
#include "planner/plan_io.hpp"
#include "planner/result.hpp"
#include "planner/rules.hpp"
#include "planner/text_guard.hpp"
#include "render/render.hpp"

#ifndef COURSE_PLANNER_VERSION
#define COURSE_PLANNER_VERSION "0.1.0"
#endif

namespace cli {
namespace {

namespace chr = std::chrono;
using planner::Error;
using planner::Result;

constexpr std::string_view kProgram = "course-planner";
constexpr int kUsageError = 2;
constexpr int kProblemsFound = 1;
constexpr int kMaxBoosterMonths = 60;
// 9999-12-31T23:59:59Z: past it no calendar date can be written.
constexpr std::int64_t kMaxEpoch = 253402300799;

// [SECTION] Errors and text helpers

// User text echoed in an error: printable, on one line, and short enough to read.
std::string printable(std::string_view text) {
    constexpr std::size_t kMaxShown = 80;
    std::string shown;
    for (const char c : text.substr(0, kMaxShown)) {
        const auto u = static_cast<unsigned char>(c);
        shown += (u < 0x20 || u == 0x7f) ? '?' : c;
    }
    if (text.size() > kMaxShown) shown += "...";
    return shown;
}

// Library messages may quote file contents; keep the error to exactly one line.
std::string one_line(std::string_view text) {
    std::string line;
    for (const char c : text) {
        const auto u = static_cast<unsigned char>(c);
        line += (u < 0x20 || u == 0x7f) ? ' ' : c;
    }
    return planner::terminal_safe(line);  // C1 controls and bidi overrides too
}

// Preset text printed by `list`: no terminal escapes, even with NO_COLOR or a pipe.
std::string safe(std::string_view text) {
    return planner::terminal_safe(text);
}

int fail(std::ostream& err, const Error& error) {
    err << kProgram << ": " << one_line(error.message()) << '\n';
    return kUsageError;
}

int fail(std::ostream& err, std::string_view where, std::string_view what) {
    return fail(err, Error{std::string(where), std::string(what)});
}

constexpr std::string_view kUsage =
    R"(Usage:
  course-planner                      open the planner window
  course-planner list [--json]        the presets: id, title, route and sources
  course-planner show PRESET... [course options] [--color auto|always|never]
                                      a month calendar in the terminal
  course-planner export PRESET... [course options] --format ics|json|csv|md
                 [-o FILE] [--remind] [--remind-at HH:MM] [--notes]
                                      the visits as a calendar file, JSON, CSV or Markdown
  course-planner export PRESET... [course options] --format png|svg|pdf
                 [--view calendar|timeline|week] [--week N] [--size WxH]
                 [--theme light|dark] -o FILE   a slide: title, legend, view, disclaimer
  course-planner export PRESET... [course options] --format handout
                 [--paper a4|letter] -o FILE.pdf  a printable handout
  course-planner plan PRESET... [course options] [visit changes] -o FILE
                                      save a plan file (FILE.courseplan.json) to show,
                                      export or hand out later
  course-planner validate FILE...     check preset and plan files; every problem as
                                      file:line:column: field: what was expected
  course-planner help | --help | -h   this text
  course-planner --version

PRESET is a preset id (see `course-planner list`), the path of a preset file, or a plan
file (*.courseplan.json), which brings its own courses, settings and visit changes.
Courses get stable ids: the preset id, then <id>-2 for a second course from the same preset.

Course options (they apply to every PRESET given, not to plan files):
  --start YYYY-MM-DD       first day of the course (default: next Monday)
  --clinic-days mon,thu    the clinic's weekdays (default: the preset's, else Mon-Fri)
  --closed DATE,...        dates the clinic is closed (see "When the calendar cannot hold
                           the published schedule" below)
  --time HH:MM             usual visit start time (default 09:00)
  --week-start mon|sun     first column of the month grid (default mon)
  --months N               how many months of as-needed boosters to show (1-60, default 3)

Visit changes (show, export and plan; VISIT is COURSE/PHASE/NUMBER, e.g.
spravato-label/induction/3, as listed in the JSON export's "id"):
  --move VISIT=DATE        the visit is on DATE instead
  --skip VISIT             the visit is left out; the other visits keep their dates
  --missed VISIT           the visit was missed: it is made up as a closed day would be
  --visit-time VISIT=HH:MM the visit starts at its own time
  --note VISIT=TEXT        a note shown with the visit (one line, at most 300 characters)

When the calendar cannot hold the published schedule (docs/presets.md lists the rules):
  - a visit on a closed or missed day moves to another clinic day of the same week;
  - when the week has none left, the phase keeps its published number of visits and runs
    longer, and the later phases start after it (phases never overlap);
  - a week never holds more visits than published, counted from the course start;
  - each "every 1 to 2 weeks" window follows the previous visit, and names the closed days
    inside it.
Every change from the published schedule is listed as a difference in show and every export.

Export options:
  --format ics|json|csv|md  output format (guessed from the -o file name when left out)
  -o FILE                  write FILE atomically, readable only by you (default, or
                           -o -: stdout; a FIFO or a device is written as a stream)
  --remind                 ics: a reminder the evening before each visit (at 18:00) with what
                           the sources say about the ride home, food and liquids
  --remind-at HH:MM        ics: the evening reminder at this time instead (implies --remind)
  --notes                  include the notes on visits (left out otherwise: they are personal)

Picture options (--format png, svg or pdf; the format is also guessed from -o FILE):
  --view calendar|timeline|week  the month calendar, the comparison timeline or one week
                           (default calendar)
  --week N                 with --view week: which week, from 1 (default 1)
  --size WxH               pixels (PNG), px (SVG) or points (PDF page); default 1920x1080
  --theme light|dark       default light
Handout options (--format handout, a PDF):
  --paper a4|letter        default a4

Exit status: 0 success; 1 validate found problems (an unreadable file is a problem);
2 bad usage or input (one line on stderr naming what was wrong).
Colour (show): auto uses colour on a terminal unless TERM=dumb or NO_COLOR is set.
)";

void print_usage(std::ostream& out) {
    out << kUsage << '\n' << planner::kDisclaimer << '\n';
}

// [SECTION] Arguments

enum class Command { show, export_, plan };

// --move VISIT=DATE and friends, kept as typed until the plan they apply to is built.
struct VisitChange {
    std::string flag;
    std::string value;
};

struct Options {
    std::vector<std::string> presets;
    std::optional<chr::year_month_day> start;
    std::vector<chr::weekday> clinic_days;
    std::vector<chr::year_month_day> closed;
    std::optional<chr::minutes> time;
    chr::weekday week_start = chr::Monday;
    int booster_months = 3;
    // show
    enum class Color { automatic, always, never } color = Color::automatic;
    // export
    std::optional<planner::exporter::Format> format;
    std::optional<std::string> output;
    bool remind = false;
    std::optional<chr::minutes> remind_at;
    bool notes = false;  // export: the visits' notes (personal) only when asked
    // export as a picture: a slide (png, svg, pdf) or the handout
    enum class Picture { png, svg, pdf, handout };
    std::optional<Picture> picture;
    std::optional<render::View> view;
    std::optional<int> week;  // 1-based
    std::optional<std::pair<int, int>> size;
    std::optional<render::Theme> theme;
    std::optional<render::Paper> paper;
    bool help = false;
    std::vector<VisitChange> changes;
    std::string course_option;  // the first course option given (they need a PRESET)
};

// Splits "--name=value" into name and value; "--name" alone has no value.
std::pair<std::string_view, std::optional<std::string_view>> split_option(std::string_view arg) {
    if (arg.starts_with("--")) {
        if (const auto eq = arg.find('='); eq != std::string_view::npos)
            return {arg.substr(0, eq), arg.substr(eq + 1)};
    }
    return {arg, std::nullopt};
}

Result<int> parse_months(std::string_view text, std::string_view where) {
    int value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (text.empty() || ec != std::errc{} || ptr != end || value < 1 || value > kMaxBoosterMonths)
        return Error{std::string(where), "a whole number of months from 1 to " +
                                             std::to_string(kMaxBoosterMonths) + ", not \"" +
                                             printable(text) + "\""};
    return value;
}

Result<chr::weekday> parse_week_start(std::string_view text, std::string_view where) {
    const auto day = planner::parse_weekday(text, where);
    if (!day || (*day != chr::Monday && *day != chr::Sunday))
        return Error{std::string(where), "mon or sun, not \"" + printable(text) + "\""};
    return *day;
}

std::optional<planner::exporter::Format> format_from_name(std::string_view name) {
    using planner::exporter::Format;
    if (name == "ics") return Format::ics;
    if (name == "json") return Format::json;
    if (name == "csv") return Format::csv;
    if (name == "md" || name == "markdown") return Format::md;
    return std::nullopt;
}

std::optional<Options::Picture> picture_from_name(std::string_view name) {
    if (name == "png") return Options::Picture::png;
    if (name == "svg") return Options::Picture::svg;
    if (name == "pdf") return Options::Picture::pdf;
    if (name == "handout") return Options::Picture::handout;
    return std::nullopt;
}

// The extension of -o FILE, lower-cased ("x.PNG" -> "png"); empty when there is none.
std::string extension_of(std::string_view path) {
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && slash > dot))
        return {};
    std::string ext(path.substr(dot + 1));
    std::transform(ext.begin(), ext.end(), ext.begin(), [](char c) {
        return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    });
    return ext;
}

std::optional<planner::exporter::Format> format_from_path(std::string_view path) {
    return format_from_name(extension_of(path));
}

// "1280x800": each side within the slide limits.
Result<std::pair<int, int>> parse_size(std::string_view text, std::string_view where) {
    const auto bad = [&] {
        return Error{std::string(where),
                     "WIDTHxHEIGHT in pixels, each from " + std::to_string(render::kMinSlideSide) +
                         " to " + std::to_string(render::kMaxSlideSide) +
                         ", such as 1920x1080, not \"" + printable(text) + "\""};
    };
    const auto x = text.find('x');
    if (x == std::string_view::npos) return bad();
    int w = 0;
    int h = 0;
    const auto* mid = text.data() + x;
    const auto* end = text.data() + text.size();
    const auto [pw, ew] = std::from_chars(text.data(), mid, w);
    const auto [ph, eh] = std::from_chars(mid + 1, end, h);
    if (ew != std::errc{} || pw != mid || eh != std::errc{} || ph != end) return bad();
    const auto ok = [](int side) {
        return side >= render::kMinSlideSide && side <= render::kMaxSlideSide;
    };
    if (!ok(w) || !ok(h)) return bad();
    return std::pair{w, h};
}

// Reads the options of show or export; the error is the first bad argument.
Result<Options> parse_course_args(Command command, const std::vector<std::string>& args) {
    Options options;
    const std::string_view command_name = command == Command::show      ? "show"
                                          : command == Command::export_ ? "export"
                                                                        : "plan";
    bool only_operands = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (only_operands || arg == "-" || !arg.starts_with("-")) {
            options.presets.emplace_back(arg);
            continue;
        }
        if (arg == "--") {
            only_operands = true;
            continue;
        }
        const auto [name, inline_value] = split_option(arg);
        const std::string flag(name);
        if (name == "--help" || name == "-h") {
            options.help = true;
            continue;
        }
        if (name == "--remind") {
            if (command != Command::export_)
                return Error{flag, "an option of export only (see course-planner --help)"};
            if (inline_value) return Error{flag, "no value (it is a switch)"};
            options.remind = true;
            continue;
        }
        if (name == "--notes") {
            if (command != Command::export_)
                return Error{flag, "an option of export only (see course-planner --help)"};
            if (inline_value) return Error{flag, "no value (it is a switch)"};
            options.notes = true;
            continue;
        }
        const bool change = name == "--move" || name == "--skip" || name == "--missed" ||
                            name == "--visit-time" || name == "--note";
        const bool known =
            name == "--start" || name == "--clinic-days" || name == "--closed" ||
            name == "--time" || name == "--week-start" || name == "--months" || change ||
            (command == Command::show && name == "--color") ||
            (command != Command::show && (name == "-o" || name == "--output")) ||
            (command == Command::export_ &&
             (name == "--format" || name == "--view" || name == "--week" || name == "--size" ||
              name == "--theme" || name == "--paper" || name == "--remind-at"));
        if (!known) {
            constexpr std::string_view common =
                "one of --start, --clinic-days, --closed, --time, --week-start, --months, "
                "--move, --skip, --missed, --visit-time, --note";
            const std::string expected =
                std::string(common) + (command == Command::show ? ", --color"
                                       : command == Command::export_
                                           ? ", --format, -o, --remind, --remind-at, --notes, "
                                             "--view, --week, --size, --theme, --paper"
                                           : ", -o");
            return Error{"unknown option " + printable(arg), expected};
        }
        std::string_view value;
        if (inline_value) {
            value = *inline_value;
        } else if (i + 1 < args.size()) {
            value = args[++i];
        } else {
            return Error{flag, "a value after it (see course-planner --help)"};
        }

        if (name == "--start" || name == "--clinic-days" || name == "--closed" ||
            name == "--time" || name == "--months")
            if (options.course_option.empty()) options.course_option = flag;
        if (change) {
            options.changes.push_back(VisitChange{flag, std::string(value)});
        } else if (name == "--start") {
            auto date = planner::parse_date(value, flag);
            if (!date) return date.error();
            options.start = *date;
        } else if (name == "--clinic-days") {
            auto days = planner::parse_weekday_list(value, flag);
            if (!days) return days.error();
            if (days->empty()) return Error{flag, "at least one weekday, such as mon,thu"};
            options.clinic_days = std::move(*days);
        } else if (name == "--closed") {
            auto dates = planner::parse_date_list(value, flag);
            if (!dates) return dates.error();
            options.closed.insert(options.closed.end(), dates->begin(), dates->end());
        } else if (name == "--time") {
            auto time = planner::parse_time(value, flag);
            if (!time) return time.error();
            options.time = *time;
        } else if (name == "--remind-at") {
            auto time = planner::parse_time(value, flag);
            if (!time) return time.error();
            options.remind = true;
            options.remind_at = *time;
        } else if (name == "--week-start") {
            auto day = parse_week_start(value, flag);
            if (!day) return day.error();
            options.week_start = *day;
        } else if (name == "--months") {
            auto months = parse_months(value, flag);
            if (!months) return months.error();
            options.booster_months = *months;
        } else if (name == "--color") {
            if (value == "auto") {
                options.color = Options::Color::automatic;
            } else if (value == "always") {
                options.color = Options::Color::always;
            } else if (value == "never") {
                options.color = Options::Color::never;
            } else {
                return Error{flag, "auto, always or never, not \"" + printable(value) + "\""};
            }
        } else if (name == "--format") {
            options.format = format_from_name(value);
            options.picture = picture_from_name(value);
            if (!options.format && !options.picture)
                return Error{flag, "ics, json, csv, md, png, svg, pdf or handout, not \"" +
                                       printable(value) + "\""};
        } else if (name == "--view") {
            if (value == "calendar") {
                options.view = render::View::calendar;
            } else if (value == "timeline") {
                options.view = render::View::timeline;
            } else if (value == "week") {
                options.view = render::View::week;
            } else {
                return Error{flag, "calendar, timeline or week, not \"" + printable(value) + "\""};
            }
        } else if (name == "--week") {
            int week = 0;
            const auto* end = value.data() + value.size();
            const auto [ptr, ec] = std::from_chars(value.data(), end, week);
            if (value.empty() || ec != std::errc{} || ptr != end || week < 1)
                return Error{flag, "a week number from 1, not \"" + printable(value) + "\""};
            options.week = week;
        } else if (name == "--size") {
            auto size = parse_size(value, flag);
            if (!size) return size.error();
            options.size = *size;
        } else if (name == "--theme") {
            if (value == "light") {
                options.theme = render::Theme::light;
            } else if (value == "dark") {
                options.theme = render::Theme::dark;
            } else {
                return Error{flag, "light or dark, not \"" + printable(value) + "\""};
            }
        } else if (name == "--paper") {
            if (value == "a4") {
                options.paper = render::Paper::a4;
            } else if (value == "letter") {
                options.paper = render::Paper::letter;
            } else {
                return Error{flag, "a4 or letter, not \"" + printable(value) + "\""};
            }
        } else {  // -o, --output
            if (value.empty()) return Error{flag, "a file name"};
            options.output = std::string(value);
        }
    }
    if (options.help) return options;
    if (options.presets.empty())
        return Error{std::string(command_name),
                     "at least one PRESET (a preset id from `course-planner list`, or a file)"};
    if (command == Command::export_ && !options.format && !options.picture) {
        if (options.output) {
            options.format = format_from_path(*options.output);
            const std::string ext = extension_of(*options.output);
            if (ext != "handout") options.picture = picture_from_name(ext);
        }
        if (!options.format && !options.picture)
            return Error{"--format", "ics, json, csv, md, png, svg, pdf or handout"};
    }
    if (command == Command::export_) {
        using Picture = Options::Picture;
        const bool slide = options.picture && options.picture != Picture::handout;
        const auto only_slides = [](std::string_view f) {
            return Error{std::string(f), "an option of --format png, svg or pdf"};
        };
        if (!slide && options.view) return only_slides("--view");
        if (!slide && options.week) return only_slides("--week");
        if (!slide && options.size) return only_slides("--size");
        if (!slide && options.theme) return only_slides("--theme");
        if (options.paper && options.picture != Picture::handout)
            return Error{"--paper", "an option of --format handout"};
        if (options.week && options.view.value_or(render::View::week) != render::View::week)
            return Error{"--week", "an option of --view week"};
        if (options.week) options.view = render::View::week;
    }
    if (command == Command::plan && !options.output)
        return Error{"plan",
                     "-o FILE, the plan file to write (FILE.courseplan.json; - for stdout)"};
    return options;
}

// [SECTION] Plans

// "VISIT=VALUE" -> the visit id and the value; `with_value` false: "VISIT" alone.
Result<std::pair<planner::VisitId, std::string>> split_change(const VisitChange& c,
                                                              bool with_value) {
    std::string_view text = c.value;
    std::string value;
    if (with_value) {
        const auto eq = text.find('=');
        if (eq == std::string_view::npos)
            return Error{c.flag, "VISIT=VALUE, such as spravato-label/induction/3=" +
                                     std::string(c.flag == "--move"         ? "2026-12-16"
                                                 : c.flag == "--visit-time" ? "10:30"
                                                                            : "a note") +
                                     ", not \"" + printable(text) + "\""};
        value = std::string(text.substr(eq + 1));
        text = text.substr(0, eq);
    }
    auto id = planner::parse_visit_id(text, c.flag);
    if (!id) return id.error();
    return std::make_pair(std::move(*id), std::move(value));
}

// Applies --move, --skip, --missed, --visit-time and --note to the plan's overrides.
std::optional<Error> apply_changes(const std::vector<VisitChange>& changes, planner::Plan& plan) {
    for (const auto& c : changes) {
        const bool with_value =
            c.flag == "--move" || c.flag == "--visit-time" || c.flag == "--note";
        auto parsed = split_change(c, with_value);
        if (!parsed) return parsed.error();
        auto& [id, value] = *parsed;
        if (plan.find_course(id.course) == nullptr) {
            std::string ids;
            for (const auto& pc : plan.courses) ids += (ids.empty() ? "" : ", ") + pc.course.id;
            return Error{c.flag + " " + printable(id.str()),
                         "a course of this plan (" + (ids.empty() ? "none" : ids) + ")"};
        }
        auto& o = plan.overrides[id];
        const std::string where = c.flag + " " + id.str();
        if (c.flag == "--move") {
            auto date = planner::parse_date(value, where);
            if (!date) return date.error();
            o.date = *date;
        } else if (c.flag == "--visit-time") {
            auto time = planner::parse_time(value, where);
            if (!time) return time.error();
            o.time = *time;
        } else if (c.flag == "--note") {
            if (const auto problem = planner::io::note_problem(value); !problem.empty())
                return Error{where, problem};
            o.note = value;
        } else if (c.flag == "--skip") {
            o.skipped = true;
        } else {
            o.missed = true;
        }
    }
    return std::nullopt;
}

// The plan the options describe: plan files as they are, presets placed with the course
// options, then the visit changes.
Result<planner::Plan> build_plan(const Options& options) {
    // Only the presets named are parsed and validated (a file path is read by resolve_preset).
    const auto library = planner::io::load_library(planner::io::preset_dirs(), options.presets);
    const auto start =
        options.start ? *options.start : planner::next_monday(planner::today_local());
    planner::Plan plan;
    bool any_preset = false;
    for (const auto& operand : options.presets) {
        if (planner::io::is_plan_path(operand)) {
            auto loaded = planner::io::load_plan_file(operand);
            if (!loaded) return loaded.error();
            planner::merge_plan(plan, std::move(*loaded));
            continue;
        }
        any_preset = true;
        auto protocol = planner::io::resolve_preset(library, operand);
        if (!protocol) return protocol.error();
        planner::Course course;
        course.start = start;
        course.clinic_days = options.clinic_days;
        if (options.time) course.start_time = *options.time;
        course.closed = options.closed;
        course.booster_months = options.booster_months;
        plan.add_course(std::move(*protocol), std::move(course));
    }
    if (!any_preset && !options.course_option.empty())
        return Error{options.course_option,
                     "a PRESET to apply to (a plan file keeps its own course settings)"};
    if (auto err = apply_changes(options.changes, plan)) return *err;
    return plan;
}

// The courses the options describe, expanded. A visit change's error names its flag.
Result<std::vector<planner::PlannedCourse>> plan_from(const Options& options) {
    auto plan = build_plan(options);
    if (!plan) return plan.error();
    auto planned = planner::plan_courses(*plan);
    if (!planned && planner::parse_visit_id(planned.error().where, "").ok())
        return Error{"visit " + planned.error().where, planned.error().what};
    return planned;
}

// SOURCE_DATE_EPOCH (reproducible output) when set, else the current time.
Result<std::int64_t> export_timestamp() {
    const char* env = std::getenv("SOURCE_DATE_EPOCH");
    if (env == nullptr || *env == '\0') {
        const auto now = chr::time_point_cast<chr::seconds>(chr::system_clock::now());
        return static_cast<std::int64_t>(now.time_since_epoch().count());
    }
    const std::string_view text(env);
    std::int64_t value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc{} || ptr != end || value < 0 || value > kMaxEpoch)
        return Error{"SOURCE_DATE_EPOCH", "a whole number of seconds since 1970-01-01 UTC, not \"" +
                                              printable(text) + "\""};
    return value;
}

bool use_color(Options::Color color, const std::ostream& out) {
    if (color != Options::Color::automatic) return color == Options::Color::always;
    // A string stream (tests, embedding) is never a terminal.
    if (&out != &std::cout || isatty(STDOUT_FILENO) == 0) return false;
    const char* term = std::getenv("TERM");
    if (term != nullptr && std::string_view(term) == "dumb") return false;
    const char* no_color = std::getenv("NO_COLOR");
    return no_color == nullptr || *no_color == '\0';
}

// [SECTION] Commands

nlohmann::json preset_json(const planner::Protocol& p) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& s : p.sources)
        sources.push_back({{"id", s.id},
                           {"title", s.title},
                           {"url", s.url},
                           {"identifier", s.identifier},
                           {"note", s.note}});
    nlohmann::json phases = nlohmann::json::array();
    for (const auto& ph : p.phases)
        phases.push_back({{"id", ph.id},
                          {"name", ph.name},
                          {"kind", std::string(planner::phase_kind_id(ph.kind))}});
    nlohmann::json days = nlohmann::json::array();
    for (const auto d : p.default_clinic_days) days.push_back(std::string(planner::weekday_id(d)));
    return {{"id", p.id},
            {"title", p.title},
            {"route", std::string(planner::route_id(p.route))},
            {"route_label", std::string(planner::route_label(p.route))},
            {"description", p.description},
            {"illustrative", p.illustrative},
            {"illustrative_note", p.illustrative_note},
            {"default_clinic_days", days},
            {"phases", phases},
            {"sources", sources},
            {"file", p.file},
            {"disclaimer", std::string(planner::kDisclaimer)}};
}

void print_source(std::ostream& out, const planner::Source& s) {
    out << "      - " << safe(s.title);
    if (!s.url.empty()) out << " <" << safe(s.url) << '>';
    if (!s.identifier.empty()) out << " [" << safe(s.identifier) << ']';
    if (!s.note.empty()) out << " (" << safe(s.note) << ')';
    out << '\n';
}

int run_list(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    bool json = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        if (args[i] == "--json") {
            json = true;
        } else if (args[i] == "--help" || args[i] == "-h") {
            print_usage(out);
            return 0;
        } else {
            const std::string_view kind =
                args[i].starts_with("-") ? "unknown option " : "unexpected argument ";
            return fail(err, std::string(kind) + printable(args[i]), "list takes only --json");
        }
    }
    const auto library = planner::io::load_library(planner::io::preset_dirs());
    // A broken user preset must not hide the good ones: warn and carry on.
    for (const auto& problem : library.problems)
        err << kProgram << ": warning: skipped " << one_line(problem.to_string()) << '\n';

    if (json) {
        nlohmann::json presets = nlohmann::json::array();
        for (const auto& p : library.protocols) presets.push_back(preset_json(p));
        out << planner::json_escape_bidi_controls(
                   presets.dump(2, ' ', false, nlohmann::json::error_handler_t::replace))
            << '\n';
        return 0;
    }

    out << planner::kDisclaimer << "\n";
    std::size_t width = 0;
    for (const auto& p : library.protocols) width = std::max(width, p.id.size());  // ASCII ids
    constexpr std::array routes{planner::Route::iv, planner::Route::nasal, planner::Route::im,
                                planner::Route::subcutaneous, planner::Route::oral};
    for (const auto route : routes) {
        bool header = false;
        for (const auto& p : library.protocols) {
            if (p.route != route) continue;
            if (!header) out << '\n' << planner::route_label(route) << '\n';
            header = true;
            out << "  " << p.id << std::string(width - p.id.size() + 2, ' ') << safe(p.title);
            if (p.illustrative) out << " (illustrative, no standard published course)";
            out << '\n';
            if (!p.description.empty()) out << "      " << safe(p.description) << '\n';
            out << "    sources:\n";
            for (const auto& s : p.sources) print_source(out, s);
        }
    }
    if (library.protocols.empty()) out << "\nNo presets found.\n";
    out << '\n' << planner::kDisclaimer << '\n';
    return 0;
}

int run_show(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = parse_course_args(Command::show, args);
    if (!options) return fail(err, options.error());
    if (options->help) {
        print_usage(out);
        return 0;
    }
    auto plan = plan_from(*options);
    if (!plan) return fail(err, plan.error());
    planner::layout::CalendarOptions calendar;
    calendar.week_start = options->week_start;
    calendar.today = planner::today_local();
    out << planner::exporter::terminal_calendar(*plan, calendar, use_color(options->color, out));
    return 0;
}

// A slide (PNG, SVG, PDF) or the handout PDF, painted by render/.
Result<std::string> export_picture(const Options& options,
                                   const std::vector<planner::PlannedCourse>& plan,
                                   std::int64_t timestamp) {
    planner::layout::CalendarOptions calendar;
    calendar.week_start = options.week_start;  // today is never marked: a picture outlives it
    if (*options.picture == Options::Picture::handout) {
        render::HandoutOptions handout;
        handout.paper = options.paper.value_or(render::Paper::a4);
        handout.notes = options.notes;
        handout.calendar = calendar;
        handout.timestamp = timestamp;
        return render::handout(plan, handout);
    }
    render::SlideOptions slide;
    slide.view = options.view.value_or(render::View::calendar);
    slide.week = options.week.value_or(1) - 1;
    if (options.size) std::tie(slide.width, slide.height) = *options.size;
    slide.theme = options.theme.value_or(render::Theme::light);
    slide.calendar = calendar;
    slide.timestamp = timestamp;
    const render::Format format = *options.picture == Options::Picture::png   ? render::Format::png
                                  : *options.picture == Options::Picture::svg ? render::Format::svg
                                                                              : render::Format::pdf;
    return render::slide(format, plan, slide);
}

int run_export(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = parse_course_args(Command::export_, args);
    if (!options) return fail(err, options.error());
    if (options->help) {
        print_usage(out);
        return 0;
    }
    // A picture is bytes, not text: to a file or a pipe, never onto a terminal.
    const bool to_stdout = !options->output || *options->output == "-";
    if (options->picture && to_stdout && &out == &std::cout && isatty(STDOUT_FILENO) != 0)
        return fail(err, "-o", "a file to write the picture to (it is not text for a terminal)");
    auto timestamp = export_timestamp();
    if (!timestamp) return fail(err, timestamp.error());
    auto plan = plan_from(*options);
    if (!plan) return fail(err, plan.error());

    std::string text;
    if (options->picture) {
        auto picture = export_picture(*options, *plan, *timestamp);
        if (!picture) return fail(err, picture.error());
        text = std::move(*picture);
    } else {
        planner::exporter::Options export_options;
        export_options.reminders = options->remind;
        if (options->remind_at) export_options.reminder_time = *options->remind_at;
        export_options.notes = options->notes;
        export_options.timestamp = *timestamp;
        export_options.week_start = options->week_start;
        text = planner::exporter::write(*options->format, *plan, export_options);
        // Said in the file too; on stderr so nobody imports a calendar an hour off unawares.
        if (*options->format == planner::exporter::Format::ics)
            for (const auto& notice : planner::exporter::ics_notices(*plan))
                err << kProgram << ": warning: " << one_line(notice) << '\n';
    }

    // "-o -" is standard output, as for most tools; run() checks that the write worked.
    if (!options->output || *options->output == "-") {
        out << text;
        return 0;
    }
    // Private: an export may say when and where a person is treated.
    std::string warning;
    auto written = planner::io::write_file_atomic(*options->output, text, true, &warning);
    if (!written) return fail(err, written.error());
    if (!warning.empty()) err << kProgram << ": warning: " << one_line(warning) << '\n';
    return 0;
}

int run_plan(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    auto options = parse_course_args(Command::plan, args);
    if (!options) return fail(err, options.error());
    if (options->help) {
        print_usage(out);
        return 0;
    }
    auto plan = build_plan(*options);
    if (!plan) return fail(err, plan.error());
    auto planned = planner::plan_courses(*plan);
    if (!planned) {
        const Error& e = planned.error();
        return fail(
            err, planner::parse_visit_id(e.where, "").ok() ? Error{"visit " + e.where, e.what} : e);
    }
    std::size_t differences = 0;
    for (const auto& pc : *planned) differences += pc.differences().size();
    if (*options->output == "-") {
        out << planner::io::plan_to_json(*plan);
        out.flush();
        if (!out) return fail(err, "stdout", "a writable standard output");
        return 0;
    }
    auto saved = planner::io::save_plan_file(*options->output, *plan);
    if (!saved) return fail(err, saved.error());
    out << "wrote " << printable(*options->output) << ": " << plan->courses.size()
        << (plan->courses.size() == 1 ? " course, " : " courses, ") << plan->overrides.size()
        << (plan->overrides.size() == 1 ? " visit change, " : " visit changes, ") << differences
        << (differences == 1 ? " difference" : " differences") << " from the published schedule\n";
    return 0;
}

int run_validate(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    bool only_operands = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string_view arg = args[i];
        if (!only_operands && arg == "--") {
            only_operands = true;
        } else if (!only_operands && (arg == "--help" || arg == "-h")) {
            print_usage(out);
            return 0;
        } else if (!only_operands && arg.starts_with("-") && arg != "-") {
            return fail(err, "unknown option " + printable(arg), "validate takes only files");
        } else {
            files.emplace_back(arg);
        }
    }
    if (files.empty()) return fail(err, "validate", "at least one preset or plan FILE to check");

    bool problems = false;
    for (const auto& file : files) {
        auto text = planner::io::read_text_file(file);
        if (!text) {
            out << one_line(text.error().message()) << '\n';
            problems = true;
            continue;
        }
        const auto found = planner::io::is_plan_path(file)
                               ? planner::io::validate_plan(*text, file)
                               : planner::io::validate_protocol(*text, file);
        for (const auto& problem : found) out << one_line(problem.to_string()) << '\n';
        if (found.empty()) out << file << ": ok\n";
        problems = problems || !found.empty();
    }
    return problems ? kProblemsFound : 0;
}

// Flags the window parses (ui/main.cpp): a first argument among these opens it.
bool is_window_flag(std::string_view arg) {
    constexpr std::array<std::string_view, 8> flags{"--preset",     "--start", "--view",
                                                    "--present",    "--theme", "--size",
                                                    "--screenshot", "--frames"};
    const auto name = split_option(arg).first;
    return std::find(flags.begin(), flags.end(), name) != flags.end();
}

std::optional<int> dispatch(const std::vector<std::string>& args, std::ostream& out,
                            std::ostream& err) {
    if (args.empty() || is_window_flag(args[0])) return std::nullopt;
    const std::string_view command = args[0];
    if (command == "--help" || command == "-h" || command == "help") {
        print_usage(out);
        return 0;
    }
    if (command == "--version") {
        out << kProgram << ' ' << COURSE_PLANNER_VERSION << '\n' << planner::kDisclaimer << '\n';
        return 0;
    }
    if (command == "list") return run_list(args, out, err);
    if (command == "show") return run_show(args, out, err);
    if (command == "export") return run_export(args, out, err);
    if (command == "plan") return run_plan(args, out, err);
    if (command == "validate") return run_validate(args, out, err);
    if (command.starts_with("-"))
        return fail(err, "unknown option " + printable(command),
                    "a command (list, show, export, plan, validate, help) or a window option");
    return fail(err, "unknown command " + printable(command),
                "list, show, export, plan, validate or help");
}

}  // namespace

std::optional<int> run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
    // Last resort: a bug or an exhausted resource is still one line and exit 2.
    try {
        auto status = dispatch(args, out, err);
        // A full disk or a closed pipe on stdout is an error, not a silent success.
        errno = 0;
        if (status && !out.flush()) {
            const int saved = errno;
            return fail(err, "stdout",
                        std::string("a writable standard output (") +
                            (saved != 0 ? std::strerror(saved) : "write failed") + ")");
        }
        return status;
    } catch (const std::exception& e) {
        return fail(err, "internal error", one_line(e.what()));
    } catch (...) {
        return fail(err, "internal error", "an unexpected failure");
    }
}

}  // namespace cli
