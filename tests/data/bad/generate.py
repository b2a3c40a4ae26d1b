#!/usr/bin/env python3
"""Writes the broken-file corpus: NAME.json and NAME.expected (the first problem line).

Each case edits a small valid preset (BASE) or plan file (PLAN_BASE, NAME.courseplan.json,
which embeds BASE) once. The expected line is written by hand
here (field and expectation) and its line:column is found independently of the C++ code:
the 1-based position of `at` (the first occurrence of that text, or of its `nth` one) in
the broken file, columns counted in code points, CRLF as one line break.
Run from anywhere: python3 tests/data/bad/generate.py
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PREFIX = "tests/data/bad/"

BASE = """{
  "schema_version": 1,
  "id": "test-weekly",
  "title": "Test preset",
  "description": "A small valid preset that the broken files start from.",
  "route": "iv",
  "default_clinic_days": ["mon", "wed", "fri"],
  "visit": {
    "treatment_minutes": {"min": 40, "max": 40, "sources": ["s1"]},
    "observation_minutes": {"min": 15, "max": 60, "sources": ["s1"]},
    "ride_home": {"value": true, "sources": ["s1"]},
    "no_driving_until_next_day": {"value": true, "sources": ["s1"]},
    "fasting": {"solid_food_hours": 6, "sources": ["s1"]}
  },
  "phases": [
    {
      "id": "induction",
      "name": "Initial series",
      "kind": "induction",
      "cadence": {"per_week": 3, "weeks": 2, "sources": ["s1"]},
      "visits": {"min": 6, "max": 6, "sources": ["s1"]}
    },
    {
      "id": "boosters",
      "name": "Boosters",
      "kind": "booster",
      "cadence": {"every_weeks": {"min": 2, "max": 4}, "as_needed": true, "sources": ["s2"]}
    }
  ],
  "sources": [
    {"id": "s1", "title": "Source one", "kind": "trial", "url": "https://example.org/one"},
    {"id": "s2", "title": "Source two", "kind": "clinic", "identifier": "doi:10.0000/two"}
  ]
}
"""


def indented(text, spaces):
    return "\n".join((" " * spaces + line) if line else line for line in text.splitlines())


PLAN_BASE = """{
  "format_version": 1,
  "disclaimer": "Educational illustration of published schedules.",
  "courses": [
    {
      "id": "test-weekly",
      "start": "2026-12-07",
      "clinic_days": ["mon", "wed", "fri"],
      "time": "09:00",
      "closed": ["2026-12-09"],
      "booster_months": 3,
      "hidden": false,
      "protocol": """ + indented(BASE.strip(), 6).lstrip() + """
    }
  ],
  "overrides": {
    "test-weekly/induction/2": {"date": "2026-12-10", "note": "Bring a book"},
    "test-weekly/induction/3": {"time": "10:30"}
  }
}
"""


def position(data: bytes, offset: int):
    """1-based line and column of a byte offset (code points, CRLF = one break)."""
    line, col, i = 1, 1, 0
    while i < offset:
        c = data[i]
        if c == 0x0A:
            line, col = line + 1, 1
        elif c == 0x0D:
            if not (i + 1 < len(data) and data[i + 1] == 0x0A):
                line, col = line + 1, 1
        elif (c & 0xC0) != 0x80:
            col += 1
        i += 1
    return line, col


ID_RULE = ("an id: a lowercase letter, then lowercase letters and digits, single '-' between "
           "groups, at most 64 characters (such as \"iv-six-two-weeks\")")
NO_DOSE = "no dose: the planner shows timing and frequency only"
ONE_LINE_200 = "a non-empty string of at most 200 characters on one line"


def edit(old, new, count=1):
    assert BASE.count(old) >= count, old
    return BASE.replace(old, new, count)


def plan_edit(old, new, count=1):
    assert PLAN_BASE.count(old) >= count, old
    return PLAN_BASE.replace(old, new, count)


CASES = []


def case(name, text, at, field, expected, skip_bom=False, end=False):
    """`at`: text that occurs once in the file, or (text, shift) to point `shift` bytes
    past its start; None for the start of the file (or its end when `end`)."""
    CASES.append((name, text, at, field, expected, skip_bom, end))


# JSON syntax and text limits
case("truncated", BASE[: BASE.index('"phases"')], None, "(json)",
     "valid JSON: unexpected end of input; expected string literal (in object key)", end=True)
case("truncated-in-string", BASE[: BASE.index("Initial") + 3], None, "(json)",
     "valid JSON: invalid string: missing closing quote (in value)", end=True)
case("trailing-comma-array", edit('"identifier": "doi:10.0000/two"}\n',
                                  '"identifier": "doi:10.0000/two"},\n'),
     "]\n}", "(json)", "valid JSON: unexpected ']'; expected '[', '{', or a literal (in value)")
case("trailing-comma-object", edit('"url": "https://example.org/one"}',
                                   '"url": "https://example.org/one",}'),
     (",}", 1), "(json)", "valid JSON: unexpected '}'; expected string literal (in object key)")
case("missing-comma", edit('"route": "iv",', '"route": "iv"'),
     '"default_clinic_days"', "(json)",
     "valid JSON: unexpected string literal; expected '}' (in object)")
case("single-quotes", edit('"route": "iv"', "\"route\": 'iv'"), "'iv'", "(json)",
     "valid JSON: invalid literal (in value)")
case("comment", edit('  "route": "iv",\n', '  // the route\n  "route": "iv",\n'), "// the",
     "(json)", "valid JSON: invalid literal; expected string literal (in object key)")
case("trailing-garbage", BASE + "{}\n", "{}\n", "(json)",
     "valid JSON: unexpected '{'; expected end of input (in value)")
case("control-char-in-string", edit('"Test preset"', '"Test\tpreset"'), "\tpreset", "(json)",
     "valid JSON: invalid string: control character U+0009 (HT) must be escaped to \\u0009 or \\t"
     " (in value)")
case("number-overflow", edit('"per_week": 3', '"per_week": 1e400'), "1e400", "(json)",
     "valid JSON: a number that fits in a double")
case("empty-file", "", None, "(json)", "a JSON object holding one preset (the file is empty)")
case("whitespace-only", "  \n\n  \n", None, "(json)",
     "a JSON object holding one preset (the file is empty)")
case("not-an-object", "[1, 2, 3]\n", None, "(root)",
     "a JSON object holding one preset (schema_version, id, title, ...)")
case("invalid-utf8", edit('"Test preset"', '"Test \udcff preset"'), "\udcff", "(text)",
     "valid UTF-8 text")
case("invalid-utf8-overlong", edit('"Initial series"', '"Initial \udcc0\udcaf series"'),
     "\udcc0", "(text)", "valid UTF-8 text")
case("bom-then-error", "\ufeff" + edit('"weeks": 2', '"weeks": 0'), ('"weeks": 0', 9),
     "phases[0].cadence.weeks", "an integer from 1 to 104", skip_bom=True)
case("crlf-then-error", edit('"kind": "booster"', '"kind": "boost"').replace("\n", "\r\n"),
     '"boost"', "phases[1].kind", "one of induction, maintenance, booster")
case("duplicate-key", edit('  "route": "iv",\n', '  "route": "iv",\n  "id": "again",\n'),
     '"id": "again"', "id", "each field only once in an object (duplicate key)")
case("duplicate-key-nested", edit('{"min": 40, "max": 40,', '{"min": 40, "max": 40, "min": 30,'),
     '"min": 30', "visit.treatment_minutes.min",
     "each field only once in an object (duplicate key)")
case("deeply-nested", edit('  "route": "iv",\n', '  "route": "iv",\n  "nest": ' + "[" * 100 +
                           "]" * 100 + ",\n"),
     "[" * 69 + "]", "nest" + "[0]" * 31, "nesting of at most 32 levels")
case("huge-string", edit('"A small valid preset that the broken files start from."',
                         '"' + "long text " * 300 + '"'),
     '"long text', "description", "a string of at most 2000 bytes")

# Versions and top-level fields
case("schema-version-2", edit('"schema_version": 1', '"schema_version": 2'),
     ('"schema_version": 2', 18), "schema_version",
     "a schema_version of 1 or lower (this file is from a newer Course Planner)")
case("schema-version-0", edit('"schema_version": 1', '"schema_version": 0'),
     ('"schema_version": 0', 18), "schema_version", "an integer from 1 to 1")
case("schema-version-string", edit('"schema_version": 1', '"schema_version": "1"'), '"1"',
     "schema_version", "an integer from 1 to 1")
case("missing-schema-version", edit('  "schema_version": 1,\n', ""), None, "schema_version",
     "an integer from 1 to 1 (the field is missing)")
case("missing-title", edit('  "title": "Test preset",\n', ""), None, "title",
     "a non-empty string of at most 200 characters on one line (the field is missing)")
case("title-not-string", edit('"title": "Test preset"', '"title": true'), ('"title": true', 9),
     "title", "a non-empty string of at most 200 characters on one line")
case("title-empty", edit('"title": "Test preset"', '"title": ""'), '""', "title",
     "a non-empty string of at most 200 characters on one line")
case("title-too-long", edit('"title": "Test preset"', '"title": "' + "t" * 201 + '"'), '"ttt',
     "title", "a non-empty string of at most 200 characters on one line")
case("description-two-lines", edit('"A small valid preset that', '"A small\\nvalid preset that'),
     '"A small', "description", "a non-empty string of at most 300 characters on one line")
case("description-array", edit('"A small valid preset that the broken files start from."',
                               '["A small valid preset"]'),
     '["A small', "description", "a non-empty string of at most 300 characters on one line")
case("id-with-spaces", edit('"id": "test-weekly"', '"id": "test weekly"'), '"test weekly"',
     "id", ID_RULE)
case("id-uppercase", edit('"id": "test-weekly"', '"id": "Test-Weekly"'), '"Test-Weekly"',
     "id", ID_RULE)
case("id-number", edit('"id": "test-weekly"', '"id": 5'), ('"id": 5', 6), "id",
     ID_RULE)
case("bad-route", edit('"route": "iv"', '"route": "intravenous"'), '"intravenous"', "route",
     "one of iv, nasal, im, subcutaneous, oral")
case("route-number", edit('"route": "iv"', '"route": 1'), ('"route": 1', 9), "route",
     "one of iv, nasal, im, subcutaneous, oral")
case("illustrative-not-bool",
     edit('  "route": "iv",\n', '  "route": "iv",\n  "illustrative": "yes",\n'),
     '"yes"', "illustrative", "true or false")
case("illustrative-without-note",
     edit('  "route": "iv",\n', '  "route": "iv",\n  "illustrative": true,\n'),
     None, "illustrative_note",
     "a non-empty note when illustrative is true (\"Illustrative: no standard published course. "
     "...\") (the field is missing)")
case("unknown-field", edit('  "route": "iv",\n', '  "route": "iv",\n  "colour": "blue",\n'),
     '"colour"', "colour",
     "a known field ('colour' is not one; allowed here: schema_version, id, title, description, "
     "route, illustrative, illustrative_note, illustrative_sources, visit_noun, default_clinic_days, "
     "visit, phases, sources)")
case("unknown-field-in-cadence", edit('"weeks": 2,', '"weeks": 2, "every": 1,'), '"every"',
     "phases[0].cadence.every",
     "a known field ('every' is not one; allowed here: per_week, weeks, every_weeks, count, "
     "as_needed, sources, derived)")
case("bad-weekday", edit('["mon", "wed", "fri"]', '["mon", "wednesday", "fri"]'), '"wednesday"',
     "default_clinic_days[1]", "a weekday id: mon, tue, wed, thu, fri, sat or sun")
case("weekday-repeated", edit('["mon", "wed", "fri"]', '["mon", "wed", "mon"]'), '"mon"]',
     "default_clinic_days[2]", "each weekday once ('mon' is repeated)")
case("clinic-days-string", edit('["mon", "wed", "fri"]', '"mon,wed,fri"'), '"mon,wed',
     "default_clinic_days", "a non-empty list of weekday ids such as [\"mon\", \"thu\"]")

# Visit
case("visit-array", BASE[: BASE.index('"visit": {') + 9] + '["treatment_minutes"],\n' +
     BASE[BASE.index('  "phases": ['):], '["treatment', "visit",
     "an object with treatment_minutes, observation_minutes, ride_home, "
     "no_driving_until_next_day")
case("treatment-min-string", edit('{"min": 40, "max": 40', '{"min": "40", "max": 40'), '"40"',
     "visit.treatment_minutes.min", "an integer from 1 to 720")
case("treatment-max-float", edit('{"min": 40, "max": 40', '{"min": 40, "max": 40.5'), "40.5",
     "visit.treatment_minutes.max", "an integer from 40 to 720 (not less than min)")
case("max-below-min", edit('{"min": 40, "max": 40', '{"min": 40, "max": 30'), "30,",
     "visit.treatment_minutes.max", "an integer from 40 to 720 (not less than min)")
case("treatment-zero", edit('{"min": 40, "max": 40', '{"min": 0, "max": 40'), ('{"min": 0', 8),
     "visit.treatment_minutes.min", "an integer from 1 to 720")
case("observation-too-long", edit('{"min": 15, "max": 60', '{"min": 15, "max": 1441'), "1441",
     "visit.observation_minutes.max", "an integer from 15 to 720 (not less than min)")
# What validate accepts, export must export: a visit ends the day it starts (12 hours at most).
case("treatment-1440", edit('{"min": 40, "max": 40', '{"min": 40, "max": 1440'), "1440",
     "visit.treatment_minutes.max", "an integer from 40 to 720 (not less than min)")
case("visit-over-12-hours", edit('{"min": 40, "max": 40', '{"min": 40, "max": 700'),
     ('"max": 60', 7), "visit.observation_minutes.max",
     "at most 20 minutes: treatment and observation together at most 720 minutes (12 hours)")
case("ride-home-not-bool", edit('"ride_home": {"value": true', '"ride_home": {"value": "true"'),
     '"true"', "visit.ride_home.value", "true or false")
case("missing-ride-home", edit('    "ride_home": {"value": true, "sources": ["s1"]},\n', ""),
     '{\n    "treatment', "visit.ride_home",
     "an object with value and sources (the field is missing)")
case("fasting-hours-25", edit('"solid_food_hours": 6', '"solid_food_hours": 25'), "25",
     "visit.fasting.solid_food_hours", "an integer from 0 to 24")

# Sources and citations
case("missing-sources", BASE[: BASE.index(',\n  "sources": [')] + "\n}\n", None, "sources",
     "a non-empty list of sources, each {\"id\", \"title\", \"kind\", \"url\" or "
     "\"identifier\"} (the field is missing)")
case("empty-sources", BASE[: BASE.index('"sources": [\n') + 12] + "]\n}\n", "[]", "sources",
     "a non-empty list of sources, each {\"id\", \"title\", \"kind\", \"url\" or "
     "\"identifier\"}")
case("source-not-declared", edit('"ride_home": {"value": true, "sources": ["s1"]}',
                                 '"ride_home": {"value": true, "sources": ["s9"]}'),
     '"s9"', "visit.ride_home.sources[0]",
     "a source id declared in the top-level \"sources\" ('s9' is not declared)")
case("empty-citation", edit('"per_week": 3, "weeks": 2, "sources": ["s1"]',
                            '"per_week": 3, "weeks": 2, "sources": []'),
     "[]}", "phases[0].cadence.sources",
     "a non-empty list of source ids declared in the top-level \"sources\"")
case("missing-citation", edit('"fasting": {"solid_food_hours": 6, "sources": ["s1"]}',
                              '"fasting": {"solid_food_hours": 6}'),
     '{"solid_food_hours', "visit.fasting.sources",
     "a non-empty list of source ids declared in the top-level \"sources\" (the field is missing)")
case("source-note-only",
     edit('{"id": "s2", "title": "Source two", "kind": "clinic", "identifier": "doi:10.0000/two"}',
          '{"id": "s2", "title": "Source two", "kind": "clinic", "note": "a clinic said so"}'),
     '{"id": "s2"', "sources[1]",
     "a source with a \"url\" or an \"identifier\" a reader can follow")
case("duplicate-source-id",
     edit('"identifier": "doi:10.0000/two"}\n',
          '"identifier": "doi:10.0000/two"},\n    {"id": "s1", "title": "Again", '
          '"kind": "trial", "identifier": "x"}\n'),
     '"s1", "title": "Again"', "sources[2].id",
     "a source id used once in the file ('s1' is also sources[0].id)")
case("url-not-https", edit('"https://example.org/one"', '"http://example.org/one"'),
     '"http:', "sources[0].url", "an https:// URL")
case("source-title-number", edit('"title": "Source one"', '"title": 7'), ('"title": 7', 9),
     "sources[0].title", "a non-empty string on one line")
case("source-without-link", edit(', "identifier": "doi:10.0000/two"', ""), '{"id": "s2"',
     "sources[1]", "a source with a \"url\" or an \"identifier\" a reader can follow")

# Doses (this corpus is the one place dose-like text may appear)
case("dose-key", edit('"kind": "induction",', '"kind": "induction", "dose": "low",'),
     '"dose"', "phases[0].dose", "no dose: the planner shows timing and frequency only")
case("dose-key-uppercase", edit('"ride_home": {', '"Mg_Per_Kg": 1, "ride_home": {'),
     '"Mg_Per_Kg"', "visit.Mg_Per_Kg", "no dose: the planner shows timing and frequency only")
case("dose-string", edit('"name": "Initial series"', '"name": "Initial series at 50 mg"'),
     '"Initial series at', "phases[0].name",
     "no dose: the planner shows timing and frequency only")
case("dose-string-per-kg", edit('"title": "Source two"', '"title": "Source two, 0.5 mg/kg"'),
     '"Source two,', "sources[1].title", "no dose: the planner shows timing and frequency only")
case("dose-string-ml", edit('"name": "Boosters"', '"name": "Boosters of 2ml"'),
     '"Boosters of', "phases[1].name", "no dose: the planner shows timing and frequency only")

# Doses hidden by Unicode: NFKC, format characters and every kind of space (planner/io.cpp)
case("dose-titration", edit('"name": "Initial series"', '"name": "Titration schedule"'),
     '"Titration', "phases[0].name", NO_DOSE)
case("dose-titrate", edit('"name": "Boosters"', '"name": "Boosters, titrate as needed"'),
     '"Boosters,', "phases[1].name", NO_DOSE)
case("dose-no-break-space", edit('"name": "Boosters"', '"name": "Boosters of 50\\u00a0mg"'),
     '"Boosters of', "phases[1].name", NO_DOSE)
case("dose-thin-space", edit('"title": "Source two"', '"title": "Source two, 50\\u2009mg"'),
     '"Source two,', "sources[1].title", NO_DOSE)
case("dose-line-break", edit('"kind": "booster",', '"kind": "booster", "note": "50\\nmg",'),
     '"50\\nmg"', "phases[1].note", NO_DOSE)
case("dose-zero-width-space", edit('"name": "Boosters"', '"name": "Boosters 50\\u200bmg"'),
     '"Boosters 50', "phases[1].name", NO_DOSE)
case("dose-full-width", edit('"name": "Boosters"', '"name": "Boosters \uff15\uff10\uff4d\uff47"'),
     '"Boosters \uff15', "phases[1].name", NO_DOSE)
case("dose-square-mg", edit('"name": "Boosters"', '"name": "Boosters in \u338e"'),
     '"Boosters in', "phases[1].name", NO_DOSE)
case("dose-key-full-width", edit('"ride_home": {', '"\uff4d\uff47": 1, "ride_home": {'),
     '"\uff4d\uff47"', "visit.\uff4d\uff47", NO_DOSE)
case("dose-key-titration", edit('"kind": "induction",', '"kind": "induction", "titration_step": 1,'),
     '"titration_step"', "phases[0].titration_step", NO_DOSE)

# One-line fields stay one line; no control character reaches a terminal or a calendar
case("title-two-lines", edit('"title": "Test preset"', '"title": "Test\\npreset"'),
     '"Test\\npreset"', "title", ONE_LINE_200)
case("title-line-separator", edit('"title": "Test preset"', '"title": "Test\\u2028preset"'),
     '"Test\\u2028', "title", ONE_LINE_200)
case("title-vertical-tab", edit('"title": "Test preset"', '"title": "Test\\u000bpreset"'),
     '"Test\\u000b', "title", ONE_LINE_200)
case("phase-name-carriage-return", edit('"name": "Boosters"', '"name": "Boost\\rers"'),
     '"Boost\\r', "phases[1].name", ONE_LINE_200)
case("phase-name-form-feed", edit('"name": "Boosters"', '"name": "Boost\\fers"'),
     '"Boost\\f', "phases[1].name", ONE_LINE_200)
case("source-title-next-line", edit('"title": "Source two"', '"title": "Source\\u0085two"'),
     '"Source\\u0085', "sources[1].title", "a non-empty string on one line")
case("source-note-two-lines", edit('"identifier": "doi:10.0000/two"}',
                                   '"identifier": "doi:10.0000/two", "note": "a\\nb"}'),
     '"a\\nb"', "sources[1].note", "a non-empty string on one line")
case("title-escape", edit('"title": "Test preset"', '"title": "Test \\u001b[31mpreset"'),
     '"Test \\u001b', "title", "text without control characters (U+001B is one)")
case("phase-note-osc", edit('"kind": "booster",', '"kind": "booster", "note": "\\u001b]0;x\\u0007",'),
     '"\\u001b]0', "phases[1].note", "text without control characters (U+001B is one)")
case("description-c1-control", edit('"A small valid preset', '"A small \\u009b valid preset'),
     '"A small', "description", "text without control characters (U+009B is one)")
case("phase-note-nul", edit('"kind": "booster",', '"kind": "booster", "note": "a\\u0000b",'),
     '"a\\u0000b"', "phases[1].note", "text without control characters (U+0000 is one)")

# Ids a command line could take for an option, or that are hard to type
case("id-option", edit('"id": "test-weekly"', '"id": "--help"'), '"--help"', "id", ID_RULE)
case("id-dash-digit", edit('"id": "test-weekly"', '"id": "-1-1"'), '"-1-1"', "id", ID_RULE)
case("id-leading-digit", edit('"id": "test-weekly"', '"id": "1-course"'), '"1-course"', "id",
     ID_RULE)
case("id-double-dash", edit('"id": "test-weekly"', '"id": "test--weekly"'), '"test--weekly"',
     "id", ID_RULE)
case("phase-id-trailing-dash", edit('"id": "boosters"', '"id": "boosters-"'), '"boosters-"',
     "phases[1].id", ID_RULE)
case("source-id-option", edit('{"id": "s2"', '{"id": "-s2"').replace('["s2"]', '["-s2"]'),
     '"-s2", "title"', "sources[1].id", ID_RULE)
case("id-too-long", edit('"id": "test-weekly"', '"id": "' + "a" * 65 + '"'), '"aaa', "id",
     ID_RULE)

# Phases and cadence
case("phases-empty", BASE[: BASE.index('"phases": [') + 11] + "],\n" +
     BASE[BASE.index('  "sources": [\n'):], '[],', "phases", "a list of 1 to 50 phases")
case("phases-object", BASE[: BASE.index('"phases": [') + 10] + '{"a": 1},\n' +
     BASE[BASE.index('  "sources": [\n'):], '{"a"', "phases", "a list of 1 to 50 phases")
case("duplicate-phase-id", edit('"id": "boosters"', '"id": "induction"'),
     '"induction",\n      "name": "Boosters"', "phases[1].id",
     "a phase id used once in the file ('induction' is also phases[0].id)")
case("phase-id-spaces", edit('"id": "boosters"', '"id": "the boosters"'), '"the boosters"',
     "phases[1].id", ID_RULE)
case("phase-name-null", edit('"name": "Boosters"', '"name": null'), "null", "phases[1].name",
     "a non-empty string of at most 200 characters on one line")
case("phase-kind-number", edit('"kind": "induction"', '"kind": 2'), ('"kind": 2', 8),
     "phases[0].kind", "one of induction, maintenance, booster")
case("per-week-0", edit('"per_week": 3', '"per_week": 0'), ('"per_week": 0', 12),
     "phases[0].cadence.per_week", "an integer from 1 to 7")
case("per-week-8", edit('"per_week": 3', '"per_week": 8'), ('"per_week": 8', 12),
     "phases[0].cadence.per_week", "an integer from 1 to 7")
case("per-week-string", edit('"per_week": 3', '"per_week": "3"'), '"3"',
     "phases[0].cadence.per_week", "an integer from 1 to 7")
case("weeks-0", edit('"weeks": 2', '"weeks": 0'), ('"weeks": 0', 9), "phases[0].cadence.weeks",
     "an integer from 1 to 104")
case("weeks-float", edit('"weeks": 2', '"weeks": 2.0'), "2.0", "phases[0].cadence.weeks",
     "an integer from 1 to 104")
case("every-weeks-min-0", edit('{"min": 2, "max": 4}', '{"min": 0, "max": 4}'), ('"min": 0', 7),
     "phases[1].cadence.every_weeks.min", "an integer from 1 to 52")
case("every-weeks-max-below-min", edit('{"min": 2, "max": 4}', '{"min": 4, "max": 2}'),
     ('"max": 2}', 7), "phases[1].cadence.every_weeks.max",
     "an integer from 4 to 52 (not less than min)")
case("every-weeks-number", edit('{"min": 2, "max": 4}', '3'), '3, "as_needed"',
     "phases[1].cadence.every_weeks", "an object with min and max (weeks from 1 to 52)")
case("count-0", edit('"as_needed": true', '"count": 0'), ('"count": 0', 9),
     "phases[1].cadence.count", "an integer from 1 to 1000")
case("as-needed-number", edit('"as_needed": true', '"as_needed": 1'), ('"as_needed": 1', 13),
     "phases[1].cadence.as_needed", "true or false")
case("both-cadence-forms", edit('"per_week": 3, "weeks": 2,',
                                '"per_week": 3, "weeks": 2, "every_weeks": {"min": 1, "max": 1},'),
     '{"per_week": 3', "phases[0].cadence",
     "one cadence form, not both: per_week and weeks (weekly) or every_weeks, count, as_needed "
     "(interval)")
case("neither-cadence-form", edit('"per_week": 3, "weeks": 2, ', ""), '{"sources": ["s1"]}',
     "phases[0].cadence",
     "a cadence form: per_week and weeks (weekly) or every_weeks (interval), with sources")
case("missing-cadence",
     edit('      "cadence": {"per_week": 3, "weeks": 2, "sources": ["s1"]},\n', ""),
     '{\n      "id": "induction"', "phases[0].cadence",
     "a cadence: per_week and weeks (weekly) or every_weeks (interval), with sources "
     "(the field is missing)")
case("missing-weeks", edit('"per_week": 3, "weeks": 2,', '"per_week": 3,'), '{"per_week": 3',
     "phases[0].cadence.weeks", "an integer from 1 to 104 (the field is missing)")
case("visits-over-cap", edit('{"min": 6, "max": 6', '{"min": 6, "max": 8'), ('"max": 8', 7),
     "phases[0].visits.max", "an integer from 6 to 6 (at most per_week*weeks = 6)")
case("visits-min-0", edit('{"min": 6, "max": 6', '{"min": 0, "max": 6'), ('"min": 0', 7),
     "phases[0].visits.min", "an integer from 1 to 6 (at most per_week*weeks = 6)")
case("visits-in-interval-phase", edit('"as_needed": true, "sources": ["s2"]}',
                                      '"as_needed": true, "sources": ["s2"]},\n'
                                      '      "visits": {"min": 1, "max": 2, "sources": ["s2"]}'),
     '{"min": 1, "max": 2', "phases[1].visits",
     "no visits cap in an interval phase (visits is for weekly phases only)")

# What validate accepts, export must export: 50 phases of 7 a week for 104 weeks is 36400
# visits, past the engine's 5000.
_PHASE = ('    {"id": "p%d", "name": "Phase %d", "kind": "maintenance", '
          '"cadence": {"per_week": 7, "weeks": 104, "sources": ["s1"]}}')
case("too-many-visits",
     BASE[: BASE.index('"phases": [') + 11] + "\n" +
     ",\n".join(_PHASE % (i, i) for i in range(50)) + "\n  ],\n" +
     BASE[BASE.index('  "sources": [\n'):], ('"phases": [', 10), "phases",
     "phases that make at most 5000 visits in a course (these can make 36400, counting "
     "as-needed boosters over 120 months)")

# Plan files (NAME.courseplan.json): the plan rules, the embedded preset checked in place,
# then what only the engine can tell, placed at the override's key.
case("plan-future-version.courseplan", plan_edit('"format_version": 1', '"format_version": 2'),
     ('"format_version": 2', 18), "format_version",
     "a format_version of 1 or lower (this plan is format_version 2, from a newer Course Planner)")
case("plan-format-version-missing.courseplan", plan_edit('  "format_version": 1,\n', ""), None,
     "format_version", "format_version 1 (the plan file format) (the field is missing)")
case("plan-format-version-string.courseplan",
     plan_edit('"format_version": 1', '"format_version": "1"'), '"1"', "format_version",
     "format_version 1 (the plan file format)")
case("plan-empty.courseplan", "", None, "(json)",
     "a JSON object holding one plan (format_version, courses); the file is empty")
case("plan-not-object.courseplan", "[]\n", None, "(root)",
     "a JSON object holding one plan (format_version, courses, ...)")
case("plan-truncated.courseplan", PLAN_BASE[: PLAN_BASE.index('"overrides"')], None, "(json)",
     "valid JSON: unexpected end of input; expected string literal (in object key)", end=True)
case("plan-unknown-field.courseplan",
     plan_edit('  "format_version": 1,\n', '  "format_version": 1,\n  "owner": "me",\n'),
     '"owner"', "owner",
     "a known field ('owner' is not one; allowed here: format_version, disclaimer, courses, "
     "overrides)")
case("plan-courses-missing.courseplan",
     PLAN_BASE[: PLAN_BASE.index('  "courses"')] + '  "overrides": {}\n}\n', None, "courses",
     "a list of 0 to 100 courses (the field is missing)")
case("plan-course-id-bad.courseplan", plan_edit('"id": "test-weekly",\n      "start"',
                                                '"id": "Test Weekly",\n      "start"'),
     '"Test Weekly"', "courses[0].id",
     "a course id of 1 to 80 lowercase letters, digits or '-', used once in the plan")
case("plan-start-missing.courseplan", plan_edit('      "start": "2026-12-07",\n', ""),
     ('{\n      "id": "test-weekly"', 0), "courses[0].start",
     "a date YYYY-MM-DD (the field is missing)")
case("plan-start-not-a-date.courseplan", plan_edit('"start": "2026-12-07"', '"start": "2026-02-30"'),
     '"2026-02-30"', "courses[0].start",
     "'2026-02-30' is not a date: expected a real calendar date as YYYY-MM-DD")
case("plan-clinic-day-bad.courseplan", plan_edit('"clinic_days": ["mon", "wed", "fri"]',
                                                 '"clinic_days": ["mon", "wedn", "fri"]'),
     '"wedn"', "courses[0].clinic_days[1]", "a weekday id: mon, tue, wed, thu, fri, sat or sun")
case("plan-time-bad.courseplan", plan_edit('"time": "09:00"', '"time": "9am"'), '"9am"',
     "courses[0].time", "'9am' is not a time: expected HH:MM from 00:00 to 23:59")
case("plan-closed-not-list.courseplan",
     plan_edit('"closed": ["2026-12-09"]', '"closed": "2026-12-09"'), '"2026-12-09",\n',
     "courses[0].closed", "a list of at most 2000 dates YYYY-MM-DD")
case("plan-booster-months-big.courseplan",
     plan_edit('"booster_months": 3', '"booster_months": 500'), "500",
     "courses[0].booster_months", "an integer from 0 to 120")
case("plan-hidden-string.courseplan", plan_edit('"hidden": false', '"hidden": "no"'), '"no"',
     "courses[0].hidden", "true or false")
case("plan-protocol-missing.courseplan",
     PLAN_BASE[: PLAN_BASE.index(',\n      "protocol"')] + PLAN_BASE[PLAN_BASE.index("\n    }\n  ],"):],
     ('{\n      "id": "test-weekly"', 0), "courses[0].protocol",
     "the course's preset, embedded (schema_version, id, ...) (the field is missing)")
case("plan-protocol-per-week.courseplan", plan_edit('"per_week": 3', '"per_week": 9'),
     ('"per_week": 9', 12), "courses[0].protocol.phases[0].cadence.per_week",
     "an integer from 1 to 7")
case("plan-protocol-dose.courseplan", plan_edit('"name": "Boosters"', '"name": "Boosters, 50 mg"'),
     '"Boosters, 50 mg"', "courses[0].protocol.phases[1].name",
     "no dose: the planner shows timing and frequency only")
case("plan-protocol-schema-version.courseplan",
     plan_edit('"schema_version": 1', '"schema_version": 3'), ('"schema_version": 3', 18),
     "courses[0].protocol.schema_version",
     "a schema_version of 1 or lower (this file is from a newer Course Planner)")
case("plan-override-bad-id.courseplan",
     plan_edit('"test-weekly/induction/3"', '"induction/3"'), '"induction/3"',
     "overrides.induction/3",
     "a visit id COURSE/PHASE/NUMBER such as spravato-label/induction/3, not 'induction/3'")
case("plan-override-unknown-course.courseplan",
     plan_edit('"test-weekly/induction/3"', '"spravato-label/induction/3"'),
     '"spravato-label/induction/3"', "overrides.spravato-label/induction/3",
     "a visit of a course in this plan (no course 'spravato-label')")
case("plan-override-unknown-phase.courseplan",
     plan_edit('"test-weekly/induction/3"', '"test-weekly/maintenance/3"'),
     '"test-weekly/maintenance/3"', "overrides.test-weekly/maintenance/3",
     "a phase of test-weekly (induction, boosters)")
case("plan-override-empty.courseplan", plan_edit('{"time": "10:30"}', "{}"), "{}\n",
     "overrides.test-weekly/induction/3",
     "an object with at least one of date, skipped, missed, time, note")
case("plan-override-unknown-field.courseplan",
     plan_edit('{"time": "10:30"}', '{"time": "10:30", "dose": 2}'), '"dose"',
     "overrides.test-weekly/induction/3.dose", "no dose: the planner shows timing and frequency only")
case("plan-override-date-bad.courseplan", plan_edit('"date": "2026-12-10"', '"date": "10/12/2026"'),
     '"10/12/2026"', "overrides.test-weekly/induction/2.date",
     "'10/12/2026' is not a date: expected YYYY-MM-DD")
case("plan-override-note-two-lines.courseplan",
     plan_edit('"note": "Bring a book"', '"note": "Bring\\na book"'), '"Bring\\n',
     "overrides.test-weekly/induction/2.note",
     "a non-empty note of at most 300 characters on one line")
case("plan-override-note-dose.courseplan",
     plan_edit('"note": "Bring a book"', '"note": "Take 2 ml"'), '"Take 2 ml"',
     "overrides.test-weekly/induction/2.note", "no dose: the planner shows timing and frequency only")
case("plan-override-skip-with-date.courseplan",
     plan_edit('{"date": "2026-12-10", "note"', '{"date": "2026-12-10", "skipped": true, "note"'),
     '"test-weekly/induction/2"', "overrides.test-weekly/induction/2",
     "a skipped visit alone: no date, time or missed with it")
case("plan-override-visit-too-big.courseplan",
     plan_edit('"test-weekly/induction/3"', '"test-weekly/induction/7"'),
     '"test-weekly/induction/7"', "overrides.test-weekly/induction/7",
     "a visit the phase has (Initial series has 6)")
case("plan-override-closed-date.courseplan",
     plan_edit('"date": "2026-12-10"', '"date": "2026-12-09"'), '"test-weekly/induction/2"',
     "overrides.test-weekly/induction/2",
     "a day the clinic is open (2026-12-09 is closed in this course)")
case("plan-course-too-late.courseplan", plan_edit('"time": "09:00"', '"time": "23:30"'),
     '"23:30"', "courses[0].time", "a start time that lets the visit end before midnight")


# Source kinds, citations that hold, and the new range forms
case("source-kind-missing", edit('"title": "Source one", "kind": "trial", ', '"title": "Source one", '),
     '{"id": "s1"', "sources[0].kind",
     "one of label, trial, study, cohort, review, agency, maker, clinic, service "
     "(the field is missing)")
case("source-kind-unknown", edit('"kind": "clinic"', '"kind": "blog"'), '"blog"',
     "sources[1].kind", "one of label, trial, study, cohort, review, agency, maker, clinic, service")
case("source-uncited",
     edit('"identifier": "doi:10.0000/two"}\n',
          '"identifier": "doi:10.0000/two"},\n    {"id": "s3", "title": "Nobody cites me", '
          '"kind": "review", "identifier": "doi:10.0000/three"}\n'),
     '"s3"', "sources[2].id",
     "a source that some field cites ('s3' is declared, but no sources list names it)")
case("cadence-clinic-only", edit('"kind": "trial"', '"kind": "clinic"'),
     '["s1"]},\n      "visits"', "phases[0].cadence.sources",
     "a source of a kind that can support a cadence in a preset that is not illustrative: a "
     "label, trial, study or review (this list cites only: clinic page)")
case("duration-service-only", edit('"kind": "trial"', '"kind": "service"'),
     ('{"min": 40, "max": 40, "sources": ["s1"]}', 34), "visit.treatment_minutes.sources",
     "a source of a kind that can support a duration: a label, trial, study, review, the maker's "
     "site or a clinic page (this list cites only: at-home service)")
case("as-needed-agency-only", edit('"kind": "clinic"', '"kind": "agency"'),
     '["s2"]', "phases[1].cadence.sources",
     "a source of a kind that can support an as-needed cadence: a label, trial, study, review, "
     "the maker's site or a clinic page (this list cites only: public agency)")
S3 = ('"identifier": "doi:10.0000/two"}\n',
      '"identifier": "doi:10.0000/two"},\n    {"id": "s3", "title": "Source three", '
      '"kind": "KIND", "url": "https://example.org/three"}\n')


def with_s3(kind, old, new):
    """BASE with a third source of `kind`, and the edit old -> new that makes a field cite it."""
    text = edit(S3[0], S3[1].replace("KIND", kind))
    assert text.count(old) == 1, old
    return text.replace(old, new)


case("visits-maker-only",
     with_s3("maker", '"visits": {"min": 6, "max": 6, "sources": ["s1"]}',
             '"visits": {"min": 6, "max": 6, "sources": ["s3"]}'),
     '["s3"]', "phases[0].visits.sources",
     "a source of a kind that can support a visit count in a preset that is not illustrative: a "
     "label, trial, study, review or clinic page (this list cites only: maker's site)")
case("ride-home-cohort-only",
     with_s3("cohort", '"ride_home": {"value": true, "sources": ["s1"]}',
             '"ride_home": {"value": true, "sources": ["s3"]}'),
     '["s3"]', "visit.ride_home.sources",
     "a source of a kind that can support what a visit involves: a label, trial, study, review, "
     "the maker's site or a clinic page (this list cites only: cohort)")
case("fasting-service-only",
     with_s3("service", '"fasting": {"solid_food_hours": 6, "sources": ["s1"]}',
             '"fasting": {"solid_food_hours": 6, "sources": ["s3"]}'),
     '["s3"]', "visit.fasting.sources",
     "a source of a kind that can support what a visit involves: a label, trial, study, review, "
     "the maker's site or a clinic page (this list cites only: at-home service)")
case("observation-max-service-only",
     with_s3("service", '"observation_minutes": {"min": 15, "max": 60, "sources": ["s1"]}',
             '"observation_minutes": {"min": 15, "max": 60, "min_sources": ["s1"], '
             '"max_sources": ["s3"]}'),
     '["s3"]', "visit.observation_minutes.max_sources",
     "a source of a kind that can support a duration: a label, trial, study, review, the maker's "
     "site or a clinic page (this list cites only: at-home service)")
case("reschedule-agency-only",
     with_s3("agency", '"cadence": {"per_week": 3, "weeks": 2, "sources": ["s1"]},',
             '"cadence": {"per_week": 3, "weeks": 2, "sources": ["s1"]},\n'
             '      "reschedule": {"rule": "continue-schedule", "sources": ["s3"]},'),
     '["s3"]', "phases[0].reschedule.sources",
     "a source of a kind that can support a rescheduling rule: a label, trial, study, review, "
     "the maker's site or a clinic page (this list cites only: public agency)")
case("cadence-two-unsupporting-kinds",
     with_s3("service", '"cadence": {"per_week": 3, "weeks": 2, "sources": ["s1"]}',
             '"cadence": {"per_week": 3, "weeks": 2, "sources": ["s2", "s3"]}'),
     '["s2", "s3"]', "phases[0].cadence.sources",
     "a source of a kind that can support a cadence in a preset that is not illustrative: a "
     "label, trial, study or review (this list cites only: clinic page, at-home service)")
case("illustrative-agency-only",
     edit('"route": "iv",', '"route": "iv", "illustrative": true, "illustrative_note": '
          '"Illustrative: no standard published course.",').replace('"kind": "trial"',
                                                                    '"kind": "agency"'),
     ('{"min": 40, "max": 40, "sources": ["s1"]}', 34), "visit.treatment_minutes.sources",
     "a source of a kind that can support it in an illustrative preset: any kind but a public "
     "agency page (this list cites only: public agency)")
case("at-least-with-min", edit('"treatment_minutes": {"min": 40, "max": 40,',
                               '"treatment_minutes": {"at_least": 40, "min": 40,'),
     '{"at_least"', "visit.treatment_minutes", "either at_least or min and max, not both")
case("at-least-in-visits", edit('"visits": {"min": 6, "max": 6,', '"visits": {"min": 6, "max": 6, "at_least": 6,'),
     '"at_least"', "phases[0].visits.at_least",
     "a known field ('at_least' is not one; allowed here: min, max, sources, min_sources, "
     "max_sources, derived)")
case("per-end-and-sources", edit('"observation_minutes": {"min": 15, "max": 60, "sources": ["s1"]}',
                                 '"observation_minutes": {"min": 15, "max": 60, "sources": ["s1"], '
                                 '"min_sources": ["s1"], "max_sources": ["s1"]}'),
     '{"min": 15', "visit.observation_minutes",
     "sources, or min_sources and max_sources, not both")
case("per-end-one-list", edit('"observation_minutes": {"min": 15, "max": 60, "sources": ["s1"]}',
                              '"observation_minutes": {"min": 15, "max": 60, "min_sources": ["s1"]}'),
     '{"min": 15', "visit.observation_minutes.max_sources",
     "a non-empty list of source ids declared in the top-level \"sources\" (the field is missing)")
case("per-end-single-value",
     edit('"treatment_minutes": {"min": 40, "max": 40, "sources": ["s1"]}',
          '"treatment_minutes": {"min": 40, "max": 40, "min_sources": ["s1"], "max_sources": ["s1"]}'),
     '{"min": 40', "visit.treatment_minutes",
     "one sources list for a single value (min_sources and max_sources are for a range whose "
     "ends differ)")
case("derived-empty", edit('"weeks": 2, "sources": ["s1"]}', '"weeks": 2, "sources": ["s1"], "derived": ""}'),
     '""}', "phases[0].cadence.derived", "a non-empty string on one line")
case("note-sources-without-note",
     edit('"as_needed": true, "sources": ["s2"]}', '"as_needed": true, "sources": ["s2"]},\n'
          '      "note_sources": ["s2"]'),
     '"note_sources"', "phases[1].note_sources", "note_sources only with a note")
case("illustrative-sources-without-note", edit('"route": "iv",', '"route": "iv", "illustrative_sources": ["s1"],'),
     '"illustrative_sources"', "illustrative_sources",
     "illustrative_sources only with an illustrative_note")
case("food-and-solid-food", edit('"fasting": {"solid_food_hours": 6,', '"fasting": {"food_hours": 2, "solid_food_hours": 6,'),
     '{"food_hours"', "visit.fasting", "food_hours (no food at all) or solid_food_hours, not both")
case("visit-noun-dose", edit('"route": "iv",', '"route": "iv", "visit_noun": "dose",'),
     '"dose"', "visit_noun", "one of infusion, injection, session (what one visit is called)")


def main():
    for name in os.listdir(HERE):
        if name.endswith(".json") or name.endswith(".expected"):
            os.remove(os.path.join(HERE, name))
    names = set()
    for name, text, at, field, expected, skip_bom, end in CASES:
        assert name not in names, name
        names.add(name)
        # Lone surrogates stand for raw invalid bytes (surrogateescape).
        data = text.encode("utf-8", "surrogateescape")
        body = data[3:] if skip_bom else data
        if at is None:
            offset = len(body) if end else 0
        else:
            needle, shift = at if isinstance(at, tuple) else (at, 0)
            needle = needle.encode("utf-8", "surrogateescape")
            assert body.count(needle) == 1, (name, needle, body.count(needle))
            offset = body.index(needle) + shift
        line, col = position(body, offset)
        with open(os.path.join(HERE, name + ".json"), "wb") as f:
            f.write(data)
        with open(os.path.join(HERE, name + ".expected"), "w", encoding="utf-8") as f:
            f.write(f"{PREFIX}{name}.json:{line}:{col}: {field}: {expected}\n")
    print(f"{len(CASES)} cases", file=sys.stderr)


if __name__ == "__main__":
    main()
