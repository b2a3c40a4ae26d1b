#!/usr/bin/env bash
# The real window under Xvfb, driven with xdotool as a person would: drag a visit to
# another day, drag a second one, Ctrl+Z (the second goes back), Ctrl+S (the in-window
# dialog, as no portal runs), type a path, Enter, Ctrl+Q; then start again with no argument:
# the last plan reopens with the first visit moved and the second where it was; then one
# course from the command line, and its add-course list names every preset.
# Where to press comes from the window itself: COURSE_PLANNER_TRACE=1 prints the traced
# widgets' rectangles on stderr after each frame that moved any.
# Usage: bash tests/scripts/edit_e2e_test.sh path/to/course-planner (from the repo root).
set -u
bin=${1:?usage: edit_e2e_test.sh path/to/course-planner}
python=/usr/bin/python3
for tool in xvfb-run xdotool; do
    command -v $tool >/dev/null || { echo "edit_e2e: $tool missing (apt-get install xvfb xdotool)"; exit 1; }
done
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"  # see gui_e2e_test.sh

work=$(mktemp -d)
export BIN="$bin" WORK="$work" PYTHON="$python"
# Tests never touch the person's own settings, plans or autosaves.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_STATE_HOME="$work/state" \
    XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_STATE_HOME" "$XDG_CACHE_HOME"
trap 'rm -rf "$work"' EXIT

cat >"$work/inner.sh" <<'INNER'
set -u
fail=0
bad() { echo "FAIL: $*"; fail=1; }
app_pid=
trap '[ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null' EXIT

# The centre of a traced widget in the last complete frame of a trace: "x y", or nothing.
centre() {
    "$PYTHON" - "$1" "$2" <<'PY'
import sys
block, frame = [], None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if line == "trace: frame": frame = []
    elif line == "trace: end" and frame is not None: block, frame = frame, None
    elif frame is not None and line.startswith("trace: "): frame.append(line[7:])
for item in block:
    label, _, rect = item.rpartition(" @ ")
    if label == sys.argv[2]:
        x0, y0, x1, y1 = map(int, rect.split())
        print((x0 + x1) // 2, (y0 + y1) // 2)
        break
PY
}
# True when the last frame of a trace has this label and its centre is inside `inside`.
placed() {
    "$PYTHON" - "$1" "$2" "$3" <<'PY'
import sys
block, frame = [], None
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.rstrip("\n")
    if line == "trace: frame": frame = []
    elif line == "trace: end" and frame is not None: block, frame = frame, None
    elif frame is not None and line.startswith("trace: "): frame.append(line[7:])
rects = {}
for item in block:
    label, _, rect = item.rpartition(" @ ")
    rects.setdefault(label, tuple(map(int, rect.split())))
a, b = rects.get(sys.argv[2]), rects.get(sys.argv[3])
ok = a and b and b[0] <= (a[0] + a[2]) / 2 <= b[2] and b[1] <= (a[1] + a[3]) / 2 <= b[3]
sys.exit(0 if ok else 1)
PY
}
has_label() { centre "$1" "$2" | grep -q .; }
wait_for() {  # wait_for TRACE LABEL: up to 20 s for a frame that drew LABEL
    for _ in $(seq 100); do has_label "$1" "$2" && return 0; sleep 0.2; done
    return 1
}
drag() {  # drag TRACE FROM TO: press on FROM, move in steps, release on TO
    local from to
    from=$(centre "$1" "$2"); to=$(centre "$1" "$3")
    [ -n "$from" ] && [ -n "$to" ] || { bad "drag: $2 or $3 not drawn"; return 1; }
    set -- $from $to
    xdotool mousemove "$1" "$2"; sleep 0.3
    xdotool mousedown 1; sleep 0.3
    for step in 1 2 3 4; do
        xdotool mousemove $(($1 + ($3 - $1) * step / 4)) $(($2 + ($4 - $2) * step / 4))
        sleep 0.2
    done
    xdotool mouseup 1; sleep 0.6
}
# A chord as a person presses it: the modifier held down across a few frames.
key() {
    case "$1" in
    ctrl+*) xdotool keydown ctrl; sleep 0.2; xdotool key "${1#ctrl+}"; sleep 0.2; xdotool keyup ctrl ;;
    *) xdotool key "$1" ;;
    esac
    sleep 0.6
}

plan="$HOME/class.courseplan.json"
# 1. The default courses from Mon 7 Dec 2026: course A (IV) on Mon, Wed, Fri.
COURSE_PLANNER_TRACE=1 "$BIN" --start 2026-12-07 --size 1280x800 2>"$WORK/trace1.txt" &
app_pid=$!
wait_for "$WORK/trace1.txt" "chip 0/3" || { bad "the window drew no chip"; exit 1; }
sleep 0.5
# Infusion 2 (Wed 9 Dec) to Thu 10 Dec; infusion 4 (Mon 14 Dec) to Tue 15 Dec.
drag "$WORK/trace1.txt" "chip 0/1" "day 2026-12-10"
wait_for "$WORK/trace1.txt" "differs 0/1" || bad "drag 1: no differs mark on the moved visit"
placed "$WORK/trace1.txt" "chip 0/1" "day 2026-12-10" || bad "drag 1: the visit is not on Thu 10 Dec"
drag "$WORK/trace1.txt" "chip 0/3" "day 2026-12-15"
placed "$WORK/trace1.txt" "chip 0/3" "day 2026-12-15" || bad "drag 2: the visit is not on Tue 15 Dec"
key ctrl+z  # the second move goes back
placed "$WORK/trace1.txt" "chip 0/3" "day 2026-12-14" || bad "Ctrl+Z: infusion 4 is not back on Mon 14 Dec"
placed "$WORK/trace1.txt" "chip 0/1" "day 2026-12-10" || bad "Ctrl+Z undid more than one step"
title=$(xdotool search --name 'Course Planner' getwindowname 2>/dev/null | head -1)
case "$title" in "*"*) ;; *) bad "unsaved title has no mark: '$title'" ;; esac
# 2. Save: no portal under Xvfb, so the in-window dialog takes a typed path.
key ctrl+s
wait_for "$WORK/trace1.txt" "dialog path" || bad "Ctrl+S: no save dialog"
xdotool type --delay 20 "$plan"; sleep 0.3
key Return
for _ in $(seq 50); do [ -s "$plan" ] && break; sleep 0.2; done
[ -s "$plan" ] || bad "no plan file written at $plan"
title=$(xdotool search --name 'Course Planner' getwindowname 2>/dev/null | head -1)
[ "$title" = "class.courseplan.json - Course Planner" ] || bad "saved title: '$title'"
# 3. Quit: nothing unsaved, so no question.
key ctrl+q
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
if kill -0 "$app_pid" 2>/dev/null; then bad "Ctrl+Q: the window did not close"; kill "$app_pid"; fi
wait "$app_pid"; status=$?; app_pid=
[ $status -eq 0 ] || bad "the window exited $status"
# The file: 0600, infusion 2 moved to Thu 10 Dec, infusion 4 not changed.
if [ -s "$plan" ]; then
    [ "$(stat -c %a "$plan")" = 600 ] || bad "plan file mode $(stat -c %a "$plan"), expected 600"
    "$PYTHON" - "$plan" <<'PY' || bad "the saved plan is not the one edited"
import json, sys
plan = json.load(open(sys.argv[1]))
o = plan["overrides"]
assert o.get("iv-six-two-weeks/induction/2", {}).get("date") == "2026-12-10", o
assert "iv-six-two-weeks/induction/4" not in o, o
assert [c["id"] for c in plan["courses"]] == ["iv-six-two-weeks", "spravato-label"], plan["courses"]
PY
fi
[ -z "$(ls -A "$XDG_STATE_HOME/course-planner/autosave" 2>/dev/null)" ] ||
    bad "an autosave was left after a clean quit"

# 4. Start again with no argument: the last plan reopens, as it was saved.
COURSE_PLANNER_TRACE=1 "$BIN" --size 1280x800 2>"$WORK/trace2.txt" &
app_pid=$!
wait_for "$WORK/trace2.txt" "chip 0/3" || bad "reopened: no chip drawn"
sleep 0.5
title=$(xdotool search --name 'Course Planner' getwindowname 2>/dev/null | head -1)
[ "$title" = "class.courseplan.json - Course Planner" ] || bad "reopened title: '$title'"
placed "$WORK/trace2.txt" "chip 0/1" "day 2026-12-10" || bad "reopened: infusion 2 not on Thu 10 Dec"
placed "$WORK/trace2.txt" "chip 0/3" "day 2026-12-14" || bad "reopened: infusion 4 not on Mon 14 Dec"
has_label "$WORK/trace2.txt" "differs 0/1" || bad "reopened: no differs mark on the moved visit"
has_label "$WORK/trace2.txt" "differs 0/3" && bad "reopened: a differs mark on an unchanged visit"
key ctrl+q
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$app_pid" 2>/dev/null && { bad "reopened: Ctrl+Q did not close"; kill "$app_pid"; }
app_pid=

# 5. One course from the command line: the first frame reads only its preset, the rest come
# after it, so the add-course list holds every preset `list` names.
COURSE_PLANNER_TRACE=1 "$BIN" --preset iv-six-two-weeks --size 1280x800 2>"$WORK/trace3.txt" &
app_pid=$!
wait_for "$WORK/trace3.txt" "add course" || bad "one course: no add-course button drawn"
sleep 0.5
at=$(centre "$WORK/trace3.txt" "add course")
if [ -n "$at" ]; then
    xdotool mousemove $at click 1; sleep 0.6
    ids=$("$BIN" list | sed -n 's/^  \([a-z0-9][a-z0-9-]*\)  .*/\1/p')
    [ "$(echo "$ids" | wc -l)" -ge 11 ] || bad "list named fewer presets than are shipped: $ids"
    wait_for "$WORK/trace3.txt" "preset spravato-label" || bad "the add-course list did not open"
    for id in $ids; do
        has_label "$WORK/trace3.txt" "preset $id" || bad "the add-course list lacks $id"
    done
    key Escape
fi
key ctrl+q
for _ in $(seq 50); do kill -0 "$app_pid" 2>/dev/null || break; sleep 0.2; done
kill -0 "$app_pid" 2>/dev/null && { bad "one course: Ctrl+Q did not close"; kill "$app_pid"; }
app_pid=
[ $fail -eq 0 ] && echo "edit_e2e: drag, drag, Ctrl+Z, save, quit, reopen, every preset to add: all passed"
exit $fail
INNER

timeout 180 xvfb-run -a -s "-screen 0 1600x1000x24" bash "$work/inner.sh"
status=$?
# A failure keeps the traces for a look.
[ $status -eq 0 ] || { mkdir -p "${TMPDIR:-/tmp}/edit_e2e_failed" && cp "$work"/trace*.txt "${TMPDIR:-/tmp}/edit_e2e_failed/" 2>/dev/null; }
exit $status
