#!/usr/bin/env bash
# Every output for every preset carries the disclaimer and no dose (mg, mcg, µg, ml, mg/kg).
# Usage: no_dose_test.sh path/to/course-planner (ctest runs it from the repo root).
set -u
bin=${1:?usage: no_dose_test.sh path/to/course-planner}
disclaimer='Educational illustration of published schedules - not medical advice, not a dosing tool.'
dose_regex='([0-9][[:space:]]*(mg|mcg|µg|ml)\b)|mg/kg'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export LC_ALL=C.UTF-8 SOURCE_DATE_EPOCH=1767225600
failures=0
checked=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# check NAME FILE: FILE holds the disclaimer (after iCalendar unfolding and unescaping) and no dose
check() {
    local name=$1 file=$2
    checked=$((checked + 1))
    # RFC 5545: join folded lines, then undo \, \; \\ escaping
    sed -e ':a' -e 'N' -e '$!ba' -e 's/\r\n //g' "$file" | sed -e 's/\\\([,;\\]\)/\1/g' >"$tmp/plain"
    grep -qF -- "$disclaimer" "$tmp/plain" || fail "$name: no disclaimer"
    if grep -qE -i -- "$dose_regex" "$file" "$tmp/plain"; then
        fail "$name: a dose: $(grep -ohE -i -- "$dose_regex" "$file" "$tmp/plain" | head -n 3 | tr '\n' ' ')"
    fi
}

"$bin" list >"$tmp/list.txt" || fail "list failed"
check "list" "$tmp/list.txt"
"$bin" list --json >"$tmp/list.json" || fail "list --json failed"
check "list --json" "$tmp/list.json"
"$bin" --help >"$tmp/help.txt" || fail "--help failed"
check "--help" "$tmp/help.txt"

ids=$(/usr/bin/python3 -c 'import json, sys; print("\n".join(p["id"] for p in json.load(open(sys.argv[1]))))' "$tmp/list.json") ||
    fail "cannot read preset ids from list --json"
[ -n "$ids" ] || fail "list --json named no preset"

for id in $ids; do
    for color in never always; do
        if "$bin" show "$id" --start 2026-12-07 --color "$color" >"$tmp/show" 2>"$tmp/err"; then
            check "show $id --color $color" "$tmp/show"
        else
            fail "show $id: $(head -c 300 "$tmp/err")"
        fi
    done
    for format in ics json csv md; do
        if "$bin" export "$id" --start 2026-12-07 --format "$format" --remind >"$tmp/export" 2>"$tmp/err"; then
            check "export $id --format $format" "$tmp/export"
        else
            fail "export $id --format $format: $(head -c 300 "$tmp/err")"
        fi
    done
done

# Two courses side by side too.
"$bin" show iv-six-two-weeks spravato-label --start 2026-12-07 >"$tmp/both" || fail "show two presets failed"
check "show two presets" "$tmp/both"

# The check itself must be able to fail.
printf '%s\nTake 50 mg.\n' "$disclaimer" >"$tmp/dose"
before=$failures
check "self-test" "$tmp/dose" 2>/dev/null
[ "$failures" -eq $((before + 1)) ] || { echo "FAIL: the dose check did not catch '50 mg'" >&2; exit 1; }
failures=$before

if [ "$failures" -ne 0 ]; then
    echo "$failures problem(s) in $checked outputs" >&2
    exit 1
fi
echo "no_dose_test.sh: $checked outputs checked, disclaimer everywhere, no dose"
