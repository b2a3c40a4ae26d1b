#!/usr/bin/env bash
# A preset dropped into the user presets folder cannot drive the terminal or mislead a
# reader: control characters are refused by the loader (and its warning is inert), bidi
# overrides are shown as U+FFFD by list, show and every export, and kept as \u escapes in JSON.
# Usage: bash tests/scripts/hostile_text_test.sh path/to/course-planner (from the repo root).
set -u
bin=$(realpath "${1:?usage: hostile_text_test.sh path/to/course-planner}")
py=/usr/bin/python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/data SOURCE_DATE_EPOCH=1767225600 TZ=UTC
user=$XDG_DATA_HOME/course-planner/presets
mkdir -p "$HOME" "$user"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# hostile ID TEXT: a copy of a shipped preset with TEXT (JSON string text) in its title,
# description, phase name and source title.
hostile() {
    "$py" - "$1" "$2" <<'PY'
import json, sys
ident, text = sys.argv[1], json.loads('"' + sys.argv[2] + '"')
doc = json.load(open("presets/iv-six-two-weeks.json", encoding="utf-8"))
doc["id"] = ident
doc["title"] = "Hostile " + text + " title"
doc["description"] = "Hostile " + text + " description."
doc["phases"][0]["name"] = "Phase " + text
doc["sources"][0]["title"] = "Source " + text
print(json.dumps(doc, ensure_ascii=False))
PY
}
raw_controls() {  # any C0 control but LF, DEL or C1 control (UTF-8 C2 80-9F) in file $1
    LC_ALL=C grep -q $'[\x01-\x09\x0b-\x1f\x7f]\|\xc2[\x80-\x9f]' "$1"
}
raw_bidi() {  # U+202A-202E, U+2066-2069, U+200E/200F, U+061C in file $1
    LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae\x8e\x8f]\|\xe2\x81[\xa6-\xa9]\|\xd8\x9c' "$1"
}

# 1. Terminal escapes: the loader refuses the file; list and show still run; nothing raw.
hostile escape-preset '\u001b]0;owned\u0007 \u001b[2J \u009b31m' >"$user/escape.json"
for args in "list" "list --json" "show iv-six-two-weeks --start 2026-12-07 --color never"; do
    # shellcheck disable=SC2086
    NO_COLOR=1 "$bin" $args >"$tmp/out" 2>"$tmp/err" || fail "$args: exit $?"
    raw_controls "$tmp/out" && fail "$args: a control character on stdout"
    raw_controls "$tmp/err" && fail "$args: a control character on stderr"
done
"$bin" list >"$tmp/out" 2>"$tmp/err"
grep -q 'warning: skipped .*escape.json.*text without control characters (U+001B is one)' "$tmp/err" ||
    fail "list did not say why the escape preset was skipped: $(cat "$tmp/err")"
grep -q 'escape-preset' "$tmp/out" && fail "list shows the refused preset"
"$bin" validate "$user/escape.json" >"$tmp/out" 2>&1
[ $? -eq 1 ] || fail "validate accepted the escape preset"
raw_controls "$tmp/out" && fail "validate echoed a control character"
rm "$user/escape.json"

# 2. Bidi overrides: valid text, neutralised by every writer.
hostile bidi-preset 'evil \u202egnp.exe\u202c \u2066iso\u2069 \u200f\u061c' >"$user/bidi.json"
"$bin" validate "$user/bidi.json" >/dev/null || fail "validate refused the bidi preset"
"$bin" list >"$tmp/list.txt" 2>"$tmp/err" || fail "list: exit $?"
grep -q 'bidi-preset' "$tmp/list.txt" || fail "list lacks the bidi preset"
raw_bidi "$tmp/list.txt" && fail "list: a raw bidi control"
grep -q $'gnp.exe' "$tmp/list.txt" || fail "list lost the text around the override"
for color in never always; do
    "$bin" show bidi-preset --start 2026-12-07 --color "$color" >"$tmp/show" || fail "show --color $color"
    raw_bidi "$tmp/show" && fail "show --color $color: a raw bidi control"
    grep -q 'Hostile' "$tmp/show" || fail "show --color $color lacks the title"
done
for format in ics csv md json; do
    "$bin" export bidi-preset --start 2026-12-07 --format "$format" -o "$tmp/x.$format" ||
        fail "export $format"
    raw_bidi "$tmp/x.$format" && fail "export $format: a raw bidi control"
done
"$py" -c '
import json, sys
doc = json.load(open(sys.argv[1], encoding="utf-8"))
title = doc["courses"][0]["title"]
assert "\u202e" in title, title  # JSON keeps the data; the escape is in the file
' "$tmp/x.json" || fail "JSON export lost the override character"
grep -qF '\u202E' "$tmp/x.json" || fail "JSON export does not escape U+202E"
"$bin" list --json >"$tmp/list.json" || fail "list --json"
raw_bidi "$tmp/list.json" && fail "list --json: a raw bidi control"

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "hostile_text_test: all checks passed"
