#!/usr/bin/env bash
# End to end on the real binary: exit codes, which stream gets what, private -o files.
# Usage: cli_test.sh path/to/course-planner (ctest runs it from the repo root).
set -u
bin=${1:?usage: cli_test.sh path/to/course-planner}
disclaimer='Educational illustration of published schedules - not medical advice, not a dosing tool.'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# run ARGS...: sets status, and leaves stdout/stderr in $tmp/out and $tmp/err
run() {
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}

expect_ok() {
    run "$@"
    [ "$status" -eq 0 ] || fail "exit $status, expected 0: $* ($(head -c 300 "$tmp/err"))"
}

# expect_usage_error NAME ARGS...: exit 2, nothing on stdout, one stderr line naming NAME
expect_usage_error() {
    local name=$1
    shift
    run "$@"
    [ "$status" -eq 2 ] || fail "exit $status, expected 2: $*"
    [ -s "$tmp/out" ] && fail "stdout not empty for: $*"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "stderr is not one line for: $*: $(cat "$tmp/err")"
    grep -q '^course-planner: ' "$tmp/err" || fail "stderr lacks the program name for: $*"
    grep -qF -- "$name" "$tmp/err" || fail "stderr does not name '$name' for: $*: $(cat "$tmp/err")"
}

expect_ok --help
grep -qF "$disclaimer" "$tmp/out" || fail "--help lacks the disclaimer"

expect_ok list
grep -q '^  iv-six-two-weeks ' "$tmp/out" || fail "list lacks iv-six-two-weeks"
grep -q 'spravato-label' "$tmp/out" || fail "list lacks spravato-label"
grep -qF "$disclaimer" "$tmp/out" || fail "list lacks the disclaimer"

"$bin" list --json | /usr/bin/python3 -m json.tool >/dev/null || fail "list --json is not JSON"
"$bin" list --json | /usr/bin/python3 -c '
import json, sys
presets = json.load(sys.stdin)
assert isinstance(presets, list) and presets, "not a non-empty array"
for p in presets:
    for field in ("id", "title", "route", "description", "illustrative", "sources"):
        assert field in p, (p.get("id"), field)
    for s in p["sources"]:
        for field in ("id", "title", "url", "identifier", "note"):
            assert field in s, (p["id"], field)
' || fail "list --json lacks required fields"

expect_ok show iv-six-two-weeks spravato-label --start 2026-12-07
grep -qF "$disclaimer" "$tmp/out" || fail "show lacks the disclaimer"
grep -q $'\x1b\[' "$tmp/out" && fail "show coloured a pipe (--color auto)"

expect_ok export iv-six-two-weeks spravato-label --start 2026-12-07 --format ics -o "$tmp/x.ics"
[ -s "$tmp/out" ] && fail "export -o wrote to stdout"
[ "$(stat -c %a "$tmp/x.ics")" = 600 ] || fail "export -o file mode is $(stat -c %a "$tmp/x.ics"), expected 600"
head -n 1 "$tmp/x.ics" | grep -q '^BEGIN:VCALENDAR' || fail "export -o did not write an iCalendar file"

SOURCE_DATE_EPOCH=1767225600 "$bin" export iv-six-two-weeks --start 2026-12-07 --format json >"$tmp/a.json" &&
    SOURCE_DATE_EPOCH=1767225600 "$bin" export iv-six-two-weeks --start 2026-12-07 --format json >"$tmp/b.json" ||
    fail "export json failed"
cmp -s "$tmp/a.json" "$tmp/b.json" || fail "export with SOURCE_DATE_EPOCH is not reproducible"

expect_ok validate presets/iv-six-two-weeks.json
grep -qF 'presets/iv-six-two-weeks.json: ok' "$tmp/out" || fail "validate did not say ok"
printf '{\n  "schema_version": 1,\n  "id": 42\n}\n' >"$tmp/broken.json"
run validate "$tmp/broken.json"
[ "$status" -eq 1 ] || fail "validate of a broken preset: exit $status, expected 1"
grep -qE "^$tmp/broken.json:[0-9]+:[0-9]+: " "$tmp/out" || fail "validate did not print file:line:column: $(cat "$tmp/out")"

# Plan files: private, the previous one kept as FILE~, a newer one left byte for byte.
expect_ok plan spravato-label --start 2026-12-07 --skip spravato-label/induction/3 -o "$tmp/c.courseplan.json"
grep -q '^wrote ' "$tmp/out" || fail "plan did not say what it wrote"
[ "$(stat -c %a "$tmp/c.courseplan.json")" = 600 ] || fail "plan file mode is $(stat -c %a "$tmp/c.courseplan.json")"
expect_ok show "$tmp/c.courseplan.json"
grep -q 'Session 3 (Induction) is left out' "$tmp/out" || fail "show of a plan file lacks its difference"
cp "$tmp/c.courseplan.json" "$tmp/first.json"
expect_ok plan "$tmp/c.courseplan.json" --skip spravato-label/induction/4 -o "$tmp/c.courseplan.json"
cmp -s "$tmp/first.json" "$tmp/c.courseplan.json~" || fail "the previous plan is not kept as FILE~"
[ "$(stat -c %a "$tmp/c.courseplan.json~")" = 600 ] || fail "FILE~ is not 0600"
sed 's/"format_version": 1/"format_version": 3/' "$tmp/c.courseplan.json" >"$tmp/new.courseplan.json"
cp "$tmp/new.courseplan.json" "$tmp/new.copy"
expect_usage_error 'format_version 3' show "$tmp/new.courseplan.json"
expect_usage_error 'format_version 3' plan iv-boosters -o "$tmp/new.courseplan.json"
cmp -s "$tmp/new.copy" "$tmp/new.courseplan.json" || fail "a newer plan file was changed"
[ -e "$tmp/new.courseplan.json~" ] && fail "a newer plan file got a backup (it was never replaced)"
run validate "$tmp/c.courseplan.json" "$tmp/new.courseplan.json"
[ "$status" -eq 1 ] || fail "validate of a newer plan: exit $status, expected 1"
grep -qF "$tmp/c.courseplan.json: ok" "$tmp/out" || fail "validate did not pass the good plan"
grep -qE "^$tmp/new.courseplan.json:2:21: format_version: " "$tmp/out" || fail "validate of a newer plan: $(cat "$tmp/out")"
expect_usage_error 'plan: -o FILE' plan spravato-label
expect_usage_error 'spravato-label/induction/9' show spravato-label --skip spravato-label/induction/9

expect_usage_error frobnicate frobnicate
expect_usage_error --bogus --bogus
expect_usage_error no-such-preset show no-such-preset
expect_usage_error --start show iv-six-two-weeks --start 2026-13-01
expect_usage_error --start show iv-six-two-weeks --start
expect_usage_error --clinic-days show iv-six-two-weeks --clinic-days mon,funday
expect_usage_error --time export iv-six-two-weeks --format ics --time 9am
expect_usage_error --format export iv-six-two-weeks --format docx
expect_usage_error missing.json show "$tmp/missing.json"
SOURCE_DATE_EPOCH=tomorrow expect_usage_error SOURCE_DATE_EPOCH export iv-six-two-weeks --format ics

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed" >&2
    exit 1
fi
echo "cli_test.sh: all checks passed"
