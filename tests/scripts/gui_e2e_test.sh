#!/usr/bin/env bash
# The real window under Xvfb: every view in both themes writes a screenshot of the asked
# size that is not blank; no display gives one line and exit 2; a damaged settings file is
# kept aside; idle, the window uses (almost) no CPU; screenshots ignore the pointer and the
# saved settings (unless --use-settings); Ctrl+= zooms; the window never gets smaller than
# 800x600.
# Usage: bash tests/scripts/gui_e2e_test.sh path/to/course-planner (from the repo root).
set -u
bin=${1:?usage: gui_e2e_test.sh path/to/course-planner}
python=/usr/bin/python3
convert=/usr/bin/convert
command -v xvfb-run >/dev/null || { echo "gui_e2e: xvfb-run missing (apt-get install xvfb xauth)"; exit 1; }
[ -x "$convert" ] || { echo "gui_e2e: $convert missing (imagemagick)"; exit 1; }

# Under `make test-asan` the real window keeps AddressSanitizer and UBSan, but not leak
# detection: Mesa's dlopen'ed llvmpipe driver leaves two 56-byte blocks that LeakSanitizer
# cannot even attribute (the driver is unloaded at exit, so no suppression can name it).
# Our UI code is leak-checked without GL by ui_tests, which run every view headless.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"

work=$(mktemp -d)
app_pid=
cleanup() {
    [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
# Tests never touch the person's own settings.
export HOME="$work/home" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache"
mkdir -p "$HOME" "$XDG_CONFIG_HOME"
xvfb() { timeout 120 xvfb-run -a -s "-screen 0 1600x1000x24" "$@"; }
fail=0
bad() { echo "FAIL: $*"; fail=1; }

png_size() {  # width x height from the IHDR chunk, no image library needed
    "$python" - "$1" <<'PY'
import struct, sys
with open(sys.argv[1], "rb") as f:
    head = f.read(24)
assert head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR", "not a PNG"
w, h = struct.unpack(">II", head[16:24])
print(f"{w}x{h}")
PY
}

# 1. Every view in both themes.
for view in calendar timeline present; do
    for theme in light dark; do
        out="$work/$view-$theme.png"
        if [ "$view" = present ]; then args=(--present); else args=(--view "$view"); fi
        xvfb "$bin" "${args[@]}" --theme "$theme" --size 1280x800 --screenshot "$out" \
            >"$work/out.txt" 2>"$work/err.txt"
        status=$?
        [ $status -eq 0 ] || { bad "$view/$theme: exit $status: $(head -c 300 "$work/err.txt")"; continue; }
        [ -s "$out" ] || { bad "$view/$theme: no PNG written"; continue; }
        size=$(png_size "$out")
        [ "$size" = 1280x800 ] || bad "$view/$theme: PNG is $size, expected 1280x800"
        colours=$("$convert" "$out" -format '%k' info:)
        deviation=$("$convert" "$out" -colorspace Gray -format '%[fx:standard_deviation*1000]' info:)
        echo "$view/$theme: $size, $colours colours, grey deviation ${deviation%.*}/1000"
        [ "${colours:-0}" -ge 50 ] || bad "$view/$theme: only $colours colours: blank?"
        [ "${deviation%.*}" -ge 20 ] || bad "$view/$theme: almost uniform image: blank?"
    done
done
# Light and dark differ (the theme flag is honoured).
if [ -s "$work/calendar-light.png" ] && [ -s "$work/calendar-dark.png" ]; then
    light=$("$convert" "$work/calendar-light.png" -colorspace Gray -format '%[fx:mean*1000]' info:)
    dark=$("$convert" "$work/calendar-dark.png" -colorspace Gray -format '%[fx:mean*1000]' info:)
    [ "${light%.*}" -gt "${dark%.*}" ] || bad "light theme ($light) is not lighter than dark ($dark)"
fi
# Screenshots and scripted runs never write the settings file.
[ ! -e "$XDG_CONFIG_HOME/course-planner/settings.json" ] || bad "a screenshot run saved settings"

# The font atlas cache: one file for the editing sizes, one with the presentation size,
# private; a start from the cache draws the same pixels as the first; a damaged cache is
# ignored and rewritten.
cache="$XDG_CACHE_HOME/course-planner"
atlases=$(ls "$cache"/fonts-*.atlas 2>/dev/null | wc -l)
[ "$atlases" -eq 2 ] || bad "font cache: expected 2 atlas files, found $atlases"
for f in "$cache"/fonts-*.atlas; do
    [ "$(stat -c %a "$f")" = 600 ] || bad "font cache: $f has mode $(stat -c %a "$f")"
done
xvfb "$bin" --view calendar --theme light --size 1280x800 --screenshot "$work/warm.png" >/dev/null 2>&1
[ "$("$convert" "$work/calendar-light.png" "$work/warm.png" -metric AE -compare -format '%[distortion]' info: 2>&1)" = 0 ] ||
    bad "font cache: a start from the cache draws other pixels than the first start"
for f in "$cache"/fonts-*.atlas; do printf 'damaged' >"$f"; done
xvfb "$bin" --view calendar --theme light --size 1280x800 --screenshot "$work/damaged.png" >/dev/null 2>&1 ||
    bad "font cache: a damaged cache stopped the window"
[ "$("$convert" "$work/calendar-light.png" "$work/damaged.png" -metric AE -compare -format '%[distortion]' info: 2>&1)" = 0 ] ||
    bad "font cache: a damaged cache changed the pixels"
[ "$(find "$cache" -name 'fonts-*.atlas' -size +1k | wc -l)" -ge 1 ] ||
    bad "font cache: the damaged atlas was not rewritten"

# 2. No display: one line, exit 2.
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --frames 1 >"$work/out.txt" 2>"$work/err.txt"
status=$?
[ $status -eq 2 ] || bad "no display: exit $status, expected 2"
[ "$(wc -l <"$work/err.txt")" -eq 1 ] || bad "no display: expected one line, got: $(cat "$work/err.txt")"
grep -q "no display" "$work/err.txt" || bad "no display: message does not say so"
grep -q "course-planner show" "$work/err.txt" || bad "no display: no hint of the terminal calendar"

# 3. Bad flag values: one line, exit 2.
for args in "--size 1280" "--view month" "--theme blue" "--start 2026-02-30" "--frames x"; do
    # shellcheck disable=SC2086
    "$bin" $args >"$work/out.txt" 2>"$work/err.txt"
    status=$?
    [ $status -eq 2 ] || bad "$args: exit $status, expected 2"
    [ "$(wc -l <"$work/err.txt")" -eq 1 ] || bad "$args: expected one line on stderr"
done

# 3b. A preset that cannot be found: one line naming
# --preset and exit 2, with a display (and no window drawn) and without one.
xvfb "$bin" --preset no-such-preset --screenshot "$work/nopreset.png" >"$work/out.txt" 2>"$work/err.txt"
status=$?
[ $status -eq 2 ] || bad "unknown preset: exit $status, expected 2"
[ "$(wc -l <"$work/err.txt")" -eq 1 ] || bad "unknown preset: expected one line, got: $(cat "$work/err.txt")"
grep -q -- "--preset: .*no-such-preset" "$work/err.txt" || bad "unknown preset: $(cat "$work/err.txt")"
[ -e "$work/nopreset.png" ] && bad "unknown preset: a frame was drawn"
env -u DISPLAY -u WAYLAND_DISPLAY "$bin" --preset no-such-preset >"$work/out.txt" 2>"$work/err.txt"
[ $? -eq 2 ] && grep -q -- "--preset: .*no-such-preset" "$work/err.txt" ||
    bad "unknown preset, no display: $(cat "$work/err.txt")"

# 4. A damaged settings file: the window still opens; the file is kept aside.
mkdir -p "$XDG_CONFIG_HOME/course-planner"
printf '{"theme": "dark", ' >"$XDG_CONFIG_HOME/course-planner/settings.json"
xvfb "$bin" --frames 3 >"$work/out.txt" 2>"$work/err.txt" || bad "damaged settings: exit $?"
ls "$XDG_CONFIG_HOME/course-planner/" | grep -q '^settings.json.bad-' ||
    bad "damaged settings: not kept aside"
[ "$(cat "$XDG_CONFIG_HOME"/course-planner/settings.json.bad-* 2>/dev/null)" = '{"theme": "dark", ' ] ||
    bad "damaged settings: the kept copy differs"
rm -rf "$XDG_CONFIG_HOME/course-planner"

# 5. Idle CPU: a few seconds with no input should cost almost nothing.
xvfb sh -c '"$0" --size 1280x800 & echo $! >"$1"; wait' "$bin" "$work/pid" >/dev/null 2>&1 &
runner=$!
for _ in $(seq 50); do [ -s "$work/pid" ] && break; sleep 0.1; done
app_pid=$(cat "$work/pid" 2>/dev/null)
if [ -z "$app_pid" ]; then
    bad "idle: the window did not start"
else
    sleep 4  # start-up (Xvfb, GL context) and the first frames
    ticks() { awk '{print $14 + $15}' "/proc/$app_pid/stat"; }
    t0=$(ticks); sleep 3; t1=$(ticks)
    hz=$(getconf CLK_TCK)
    percent=$(awk -v d=$((t1 - t0)) -v hz="$hz" 'BEGIN { printf "%.1f", d * 100 / hz / 3 }')
    echo "idle CPU: $((t1 - t0)) ticks in 3 s = ${percent}% of one core"
    awk -v p="$percent" 'BEGIN { exit !(p < 30) }' || bad "idle CPU ${percent}% (bound 30%)"
    kill "$app_pid" 2>/dev/null
fi
app_pid=
wait "$runner" 2>/dev/null
[ -e "$XDG_CONFIG_HOME/course-planner/settings.json" ] && echo "(the idle window saved its size on close)"

# 6. Repeatable screenshots: where the pointer is and what the settings say change nothing,
# unless --use-settings asks for the settings.
mkdir -p "$XDG_CONFIG_HOME/course-planner"
printf '{"theme": "dark", "zoom": 1.5}' >"$XDG_CONFIG_HOME/course-planner/settings.json"
xvfb bash -c '
    bin=$0; w=$1; shot() { "$bin" --start 2026-12-07 --size 1024x640 --screenshot "$@"; }
    xdotool mousemove 1010 630 && shot "$w/a.png" || exit 1
    # The pointer keeps moving over a chip while the second one is taken (a hover tooltip
    # would show if the pointer counted). One xdotool does all the moves (a chain of 600,
    # 30 s), so one X connection: a new xdotool per move starved the X server of client
    # slots on a fresh Debian 12, and the window then found no display.
    moves=""; for _ in $(seq 300); do moves="$moves mousemove 460 376 sleep 0.05 mousemove 461 377 sleep 0.05"; done
    xdotool $moves >/dev/null 2>&1 & mover=$!
    shot "$w/b.png"; status=$?
    kill $mover; [ $status -eq 0 ] || exit 1
    shot "$w/c.png" --use-settings || exit 1
' "$bin" "$work" >"$work/out.txt" 2>"$work/err.txt" || bad "repeatable screenshots: $(head -c 300 "$work/err.txt")"
if [ -s "$work/a.png" ] && [ -s "$work/b.png" ] && [ -s "$work/c.png" ]; then
    cmp -s "$work/a.png" "$work/b.png" || bad "two screenshots with the pointer elsewhere differ"
    a=$("$convert" "$work/a.png" -colorspace Gray -format '%[fx:mean*1000]' info:)
    c=$("$convert" "$work/c.png" -colorspace Gray -format '%[fx:mean*1000]' info:)
    [ "${a%.*}" -gt "${c%.*}" ] || bad "--use-settings did not use the saved dark theme ($a vs $c)"
    echo "screenshots: pointer ignored, settings only with --use-settings (grey $a vs $c)"
else
    bad "repeatable screenshots: missing PNGs"
fi
rm -rf "$XDG_CONFIG_HOME/course-planner"

# 7. Ctrl+= zooms (a quick tap, Ctrl let go first, as xdotool does it), and the window is never
# smaller than 800x600. The zoom and size are read back from the saved settings.
xvfb sh -c '
    "$0" --size 1024x640 & pid=$!
    for _ in $(seq 100); do win=$(xdotool search --name "Course Planner" 2>/dev/null | head -1)
        [ -n "$win" ] && break; sleep 0.1; done
    sleep 2
    xdotool key ctrl+equal; sleep 0.6; xdotool key ctrl+equal; sleep 0.6
    xdotool windowsize "$win" 200 150; sleep 1.5
    xdotool getwindowgeometry "$win" >"$1/geometry"
    kill $pid; wait $pid
' "$bin" "$work" >/dev/null 2>&1
settings="$XDG_CONFIG_HOME/course-planner/settings.json"
zoom=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["zoom"])' "$settings" 2>/dev/null)
[ "$zoom" = 1.25 ] || bad "Ctrl+= twice: zoom $zoom, expected 1.25"
grep -q "Geometry: 800x600" "$work/geometry" 2>/dev/null ||
    bad "window shrunk below 800x600: $(cat "$work/geometry" 2>/dev/null)"
echo "Ctrl+= twice: zoom $zoom; $(grep Geometry "$work/geometry" 2>/dev/null)"
rm -rf "$XDG_CONFIG_HOME/course-planner"

[ $fail -eq 0 ] && echo "gui_e2e: all passed"
exit $fail
