#!/bin/bash
# Parses .ics exports with an independent parser (Debian's python3-icalendar, always
# /usr/bin/python3) and checks them against the JSON export of the same plan:
# event count, dates, local times across DST, UIDs unique and stable, 75-octet lines, CRLF.
# Usage (ctest, from the repo root): bash tests/scripts/ics_parse_test.sh path/to/course-planner
set -euo pipefail

bin="${1:?usage: ics_parse_test.sh path/to/course-planner}"
py=/usr/bin/python3
check=tests/scripts/ics_check.py
golden=tests/data/golden
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$py" -c 'import icalendar' || { echo "python3-icalendar is missing (apt-get install python3-icalendar)"; exit 1; }

# 1. The golden files (written by planner_tests with TZ=America/New_York).
"$py" "$check" --ics "$golden/two_courses.ics" --json "$golden/two_courses.json" --tz America/New_York
"$py" "$check" --ics "$golden/two_courses_remind.ics" --json "$golden/two_courses.json" \
    --tz America/New_York --remind --same-uids "$golden/two_courses.ics"

# 2. The checker itself must fail on a broken file, or the checks above prove nothing.
sed 's/^DTSTART:20260309T130000Z/DTSTART:20260309T140000Z/' "$golden/two_courses.ics" >"$tmp/shifted.ics"
if "$py" "$check" --ics "$tmp/shifted.ics" --json "$golden/two_courses.json" --tz America/New_York >/dev/null; then
    echo "FAIL: the checker accepted an event moved by one hour"; exit 1
fi
# an alarm moved into the night (the old 02:30 fasting alarm) is refused
sed 's/^TRIGGER;RELATED=START:-PT30M/TRIGGER;RELATED=START:-PT6H30M/' "$golden/two_courses_remind.ics" >"$tmp/night.ics"
if "$py" "$check" --ics "$tmp/night.ics" --json "$golden/two_courses.json" --tz America/New_York --remind >/dev/null; then
    echo "FAIL: the checker accepted an alarm at 02:30"; exit 1
fi
tr -d '\r' <"$golden/two_courses.ics" >"$tmp/lf.ics"
if "$py" "$check" --ics "$tmp/lf.ics" --json "$golden/two_courses.json" --tz America/New_York >/dev/null; then
    echo "FAIL: the checker accepted LF line ends"; exit 1
fi

# 3. Fresh exports from the command line, once the CLI has the export command.
export SOURCE_DATE_EPOCH=1767225600
if ! probe="$("$bin" export iv-six-two-weeks --format json -o "$tmp/probe.json" 2>&1)"; then
    if grep -q "commands are being built" <<<"$probe"; then
        echo "SKIP fresh exports: the CLI export command has not landed yet"
        exit 0
    fi
    echo "FAIL: course-planner export: $probe"; exit 1
fi
for tz in America/New_York Europe/Berlin Australia/Sydney UTC; do
    for start in 2026-03-02 2026-10-19; do
        args=(export iv-six-two-weeks --start "$start")
        TZ="$tz" "$bin" "${args[@]}" --format json -o "$tmp/p.json"
        TZ="$tz" "$bin" "${args[@]}" --format ics -o "$tmp/p-$start.ics"
        TZ="$tz" "$bin" "${args[@]}" --format ics --remind -o "$tmp/r.ics"
        TZ="$tz" "$bin" "${args[@]}" --format ics --remind-at 19:30 -o "$tmp/r1930.ics"
        "$py" "$check" --ics "$tmp/r1930.ics" --json "$tmp/p.json" --tz "$tz" --remind --remind-at 19:30
        "$py" "$check" --ics "$tmp/p-$start.ics" --json "$tmp/p.json" --tz "$tz"
        "$py" "$check" --ics "$tmp/r.ics" --json "$tmp/p.json" --tz "$tz" --remind \
            --same-uids "$tmp/p-$start.ics"
    done
    # moving the start date keeps every UID, so a re-import updates the same events
    "$py" "$check" --ics "$tmp/p-2026-10-19.ics" --json "$tmp/p.json" --tz "$tz" \
        --same-uids "$tmp/p-2026-03-02.ics" >/dev/null
done
# a course's UIDs are the same alone and beside others (UIDs come from visit ids only)
TZ=UTC "$bin" export spravato-label --start 2026-12-07 --format json -o "$tmp/alone.json"
TZ=UTC "$bin" export spravato-label --start 2026-12-07 --format ics -o "$tmp/alone.ics"
TZ=UTC "$bin" export iv-six-two-weeks spravato-label spravato-label --start 2026-12-07 \
    --format ics -o "$tmp/beside.ics"
"$py" "$check" --ics "$tmp/alone.ics" --json "$tmp/alone.json" --tz UTC --uids-within "$tmp/beside.ics"
# a plan with differences and visit changes: cancelled events, differences in descriptions
args=(export spravato-label iv-six-two-weeks --start 2026-12-07 --closed 2026-12-24,2026-12-31
    --skip iv-six-two-weeks/induction/4 --missed spravato-label/induction/2)
TZ=Europe/Berlin "$bin" "${args[@]}" --format json -o "$tmp/diff.json"
TZ=Europe/Berlin "$bin" "${args[@]}" --format ics -o "$tmp/diff.ics"
"$py" "$check" --ics "$tmp/diff.ics" --json "$tmp/diff.json" --tz Europe/Berlin
# every shipped preset beside the IV course, every format
# free of dose units, a closed day and another start time, reminders on
presets=()
for f in presets/*.json; do
    id="$(basename "$f" .json)"
    [ "$id" = schema ] || presets+=("$id")
done
[ "${#presets[@]}" -ge 5 ] || { echo "FAIL: only ${#presets[@]} presets found"; exit 1; }
for id in "${presets[@]}"; do
    args=(export iv-six-two-weeks "$id" --start 2026-10-19 --time 07:45 --closed 2026-10-21 --months 6)
    TZ=America/Chicago "$bin" "${args[@]}" --format json -o "$tmp/all.json"
    TZ=America/Chicago "$bin" "${args[@]}" --format ics --remind -o "$tmp/all.ics"
    "$py" "$check" --ics "$tmp/all.ics" --json "$tmp/all.json" --tz America/Chicago --remind
    for format in csv md; do
        "$bin" "${args[@]}" --format "$format" -o "$tmp/all.$format"
        if grep -Eiq '([0-9][[:space:]]*(mg|mcg|µg|ml)\b)|mg/kg' "$tmp/all.$format"; then
            echo "FAIL: a dose unit in the $format export of $id"; exit 1
        fi
        grep -qF "Educational illustration of published schedules" "$tmp/all.$format" ||
            { echo "FAIL: no disclaimer in the $format export of $id"; exit 1; }
    done
done
echo "ok"
