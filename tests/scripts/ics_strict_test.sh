#!/usr/bin/env bash
# The .ics export as strict readers and real calendar clients see it: libical (parse errors
# and its RFC 5546 check, tests/ical/ical_check.c), python3-vobject, calcurse (`calcurse -i`)
# and khal (`khal import`), each in a temporary folder; visit lengths in real time across
# daylight-saving changes; a start time that does not exist moved, with a notice; an invalid
# TZ said in the file and on stderr; x.ICS recognised from its name.
# Usage: bash tests/scripts/ics_strict_test.sh path/to/course-planner (ctest sets ICAL_CHECK).
set -u
bin=$(realpath "${1:?usage: ics_strict_test.sh path/to/course-planner}")
ical=${ICAL_CHECK:-build/tests/ical_check}
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/data XDG_CONFIG_HOME=$tmp/config SOURCE_DATE_EPOCH=1767225600
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
[ -x "$ical" ] || { echo "FAIL: $ical missing (the ical_check target, libical-dev)"; exit 1; }

# 1. libical accepts every shipped preset's export (reminders on), with no error at all.
for f in presets/*.json; do
    id=$(basename "$f" .json)
    [ "$id" = schema ] && continue
    TZ=America/New_York "$bin" export iv-six-two-weeks "$id" --start 2026-10-19 --remind \
        --months 6 -o "$tmp/$id.ics" 2>"$tmp/err" || fail "export $id: $(cat "$tmp/err")"
    "$ical" "$tmp/$id.ics" >"$tmp/ical.out" || fail "libical refuses $id: $(grep error "$tmp/ical.out" | head -3)"
done
# ... and the check can fail: METHOD:PUBLISH with no ORGANIZER breaks RFC 5546.
sed 's/^CALSCALE:GREGORIAN\r$/&\nMETHOD:PUBLISH\r/' "$tmp/spravato-label.ics" >"$tmp/method.ics"
grep -q '^METHOD:PUBLISH' "$tmp/method.ics" || fail "self-test: could not add METHOD"
"$ical" "$tmp/method.ics" >"$tmp/ical.out" && fail "libical accepted METHOD:PUBLISH without ORGANIZER"
grep -q ORGANIZER "$tmp/ical.out" || fail "libical did not name ORGANIZER: $(cat "$tmp/ical.out")"

# 2. Real minutes across a clock change: a 125-minute visit (65 + 60) in New York.
cat >"$tmp/long.json" <<'JSON'
{"schema_version": 1, "id": "long-visit", "title": "Long visit", "description": "A 125-minute visit.",
 "route": "iv",
 "visit": {"treatment_minutes": {"min": 65, "max": 65, "sources": ["s"]},
   "observation_minutes": {"min": 60, "max": 60, "sources": ["s"]},
   "ride_home": {"value": false, "sources": ["s"]},
   "no_driving_until_next_day": {"value": false, "sources": ["s"]}},
 "phases": [{"id": "one", "name": "One", "kind": "induction",
   "cadence": {"per_week": 1, "weeks": 1, "sources": ["s"]}}],
 "sources": [{"id": "s", "title": "A test source", "kind": "trial", "identifier": "test:long-visit"}]}
JSON
# date time expected-DTSTART: the spring gap (02:30 does not exist: 03:30 EDT) and the
# autumn repeat (01:30 twice: the first, EDT).
for c in "2027-03-14 02:30 20270314T073000Z sun" "2026-11-01 01:30 20261101T053000Z sun" \
    "2027-03-13 02:30 20270313T073000Z sat"; do
    set -- $c
    TZ=America/New_York "$bin" export "$tmp/long.json" --start "$1" --clinic-days "$4" \
        --time "$2" -o "$tmp/long.ics" 2>"$tmp/err" || { fail "export long $1: $(cat "$tmp/err")"; continue; }
    "$ical" "$tmp/long.ics" >"$tmp/ical.out" || fail "libical refuses the $1 visit"
    line=$(grep '^long-visit' "$tmp/ical.out")
    [ "$line" = "long-visit.one.1@course-planner $3 125" ] ||
        fail "$1 $2: libical reads '$line', expected start $3 and 125 minutes"
    "$py" - "$tmp/long.ics" <<'PY' || fail "$1 $2: vobject disagrees"
import sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
ev = cal.vevent
minutes = (ev.dtend.value - ev.dtstart.value).total_seconds() / 60
assert minutes == 125, minutes
PY
    if [ "$1" = 2027-03-14 ]; then
        grep -q "warning: .*02:30 does not exist that day (the clocks go forward), so it starts at 03:30" \
            "$tmp/err" || fail "no notice of the moved start: $(cat "$tmp/err")"
        tr -d '\r\n ' <"$tmp/long.ics" | grep -q 'sothisvisitstartsat03:30' ||
            fail "the event does not say it was moved"
    else
        [ -s "$tmp/err" ] && fail "$1: unexpected warning: $(cat "$tmp/err")"
    fi
    if [ "$1" = 2026-11-01 ]; then
        tr -d '\r\n ' <"$tmp/long.ics" | grep -qF 'Theclockschangeduringthisvisit:itendsat02:35bytheclock\,125minutes' ||
            fail "the event does not say the clocks change during it"
    fi
done

# 3. An invalid TZ is said, in the file and on stderr; real zones and POSIX rules are not.
TZ=Not/AZone "$bin" export iv-six-two-weeks --start 2026-12-07 -o "$tmp/tz.ics" 2>"$tmp/err" ||
    fail "export with a bad TZ failed"
grep -q "warning: TZ=Not/AZone is not a time zone this computer knows, so the times are in UTC" "$tmp/err" ||
    fail "no stderr warning for TZ=Not/AZone: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "bad TZ: more than one line on stderr"
tr -d '\r\n ' <"$tmp/tz.ics" | grep -q 'X-WR-CALDESC:Warning:TZ=Not/AZoneisnotatimezone' ||
    fail "the file does not carry the TZ warning"
for tz in America/New_York UTC :Europe/Berlin EST5EDT,M3.2.0,M11.1.0 "<+0330>-3:30" ""; do
    TZ=$tz "$bin" export iv-six-two-weeks --start 2026-12-07 -o "$tmp/ok.ics" 2>"$tmp/err" ||
        fail "export TZ=$tz failed"
    [ -s "$tmp/err" ] && fail "TZ='$tz': unexpected warning: $(cat "$tmp/err")"
done

# 4. The format is guessed from the name whatever its case.
TZ=UTC "$bin" export iv-six-two-weeks --start 2026-12-07 -o "$tmp/upper.ICS" 2>"$tmp/err" ||
    fail "-o x.ICS: $(cat "$tmp/err")"
head -n 1 "$tmp/upper.ICS" 2>/dev/null | grep -q '^BEGIN:VCALENDAR' || fail "x.ICS is not an iCalendar file"
TZ=UTC "$bin" export iv-six-two-weeks --start 2026-12-07 -o "$tmp/upper.Json" 2>/dev/null &&
    "$py" -m json.tool "$tmp/upper.Json" >/dev/null || fail "x.Json is not JSON"

# 5. Real clients import every event: calcurse and khal, each in its own folder; khal
# printics and python3-vobject read every event of the same file.
TZ=America/New_York "$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --remind \
    -o "$tmp/two.ics" || fail "export two courses"
events=$(grep -c '^BEGIN:VEVENT' "$tmp/two.ics")
mkdir "$tmp/calcurse"
TZ=America/New_York calcurse -D "$tmp/calcurse" -i "$tmp/two.ics" >"$tmp/cc.out" 2>&1 || fail "calcurse -i failed"
read -r apps evs skipped < <(sed -n 's|^\([0-9]*\) apps / \([0-9]*\) events / [0-9]* todos / \([0-9]*\) skipped.*|\1 \2 \3|p' "$tmp/cc.out")
[ "${skipped:-x}" = 0 ] || fail "calcurse skipped events: $(cat "$tmp/cc.out")"
[ $((${apps:-0} + ${evs:-0})) -eq "$events" ] || fail "calcurse imported ${apps:-?}+${evs:-?} of $events"
TZ=America/New_York calcurse -D "$tmp/calcurse" -Q --filter-type apt --from 12/07/2026 --days 1 \
    >"$tmp/cc.day" 2>&1
# The infusion at its longest published time (90 minutes) and the longest observation (2 hours)
grep -q ' - 09:00 -> 12:30' "$tmp/cc.day" || fail "calcurse: the first infusion is not 09:00-12:30: $(cat "$tmp/cc.day")"
# calcurse's own strictness, so the check above can fail: a line break in a SUMMARY is skipped
sed '0,/^SUMMARY:/s/^SUMMARY:\(.*\)\r$/SUMMARY:two\\nlines\r/' "$tmp/two.ics" >"$tmp/broken.ics"
mkdir "$tmp/calcurse2"
calcurse -D "$tmp/calcurse2" -i "$tmp/broken.ics" >"$tmp/cc2.out" 2>&1
grep -q ' 1 skipped' "$tmp/cc2.out" || fail "calcurse self-test: a two-line summary was not skipped: $(cat "$tmp/cc2.out")"

mkdir -p "$tmp/khal/cal"
cat >"$tmp/khal/config" <<KHAL
[calendars]
[[plan]]
path = $tmp/khal/cal
type = calendar
[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = America/New_York
local_timezone = America/New_York
[sqlite]
path = $tmp/khal/khal.db
KHAL
khal -c "$tmp/khal/config" import --batch -a plan "$tmp/two.ics" >"$tmp/khal.out" 2>&1 ||
    fail "khal import failed: $(head -c 300 "$tmp/khal.out")"
stored=$(find "$tmp/khal/cal" -name '*.ics' | wc -l)
[ "$stored" -eq "$events" ] || fail "khal stored $stored of $events events"
khal -c "$tmp/khal/config" list --format '{start} {end} {title}' 2026-12-07 1d >"$tmp/khal.day" 2>&1
grep -q '^2026-12-07 09:00 2026-12-07 12:30 IV ketamine: infusion 1 of 6' "$tmp/khal.day" ||
    fail "khal: the first infusion is not 09:00-12:30: $(cat "$tmp/khal.day")"
khal -c "$tmp/khal/config" printics "$tmp/two.ics" >"$tmp/khal.print" 2>&1 ||
    fail "khal printics failed: $(head -c 300 "$tmp/khal.print")"
grep -qx "$events events found in $tmp/two.ics" "$tmp/khal.print" ||
    fail "khal printics: $(head -n 1 "$tmp/khal.print"), expected $events events"
grep -q '^2026-12-07 09:00-2026-12-07 12:30 IV ketamine: infusion 1 of 6 ' "$tmp/khal.print" ||
    fail "khal printics: the first infusion is not 09:00-12:30"
"$py" - "$tmp/two.ics" "$events" <<'PY' || fail "vobject does not read every event of the two-course file"
import sys, vobject
cal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())
events = cal.contents.get("vevent", [])
assert len(events) == int(sys.argv[2]), len(events)
for ev in events:
    assert ev.dtend.value > ev.dtstart.value, ev.uid.value
    assert "\n" not in ev.summary.value and ev.summary.value.strip(), ev.uid.value
PY

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "ics_strict_test: libical, vobject, calcurse and khal accept the exports; DST, TZ and .ICS checks passed"
