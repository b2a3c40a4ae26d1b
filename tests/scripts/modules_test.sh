#!/usr/bin/env bash
# The program links no GUI library: GLFW, GL, Dear ImGui, libportal, GIO, cairo and pango
# are in its modules (course-planner-window.so, -portal.so, -render.so), loaded only when
# needed. The command line maps none of them; the window maps the window module but not the
# portal's GLib at start; a module from another build, or one that cannot be loaded, is an
# error naming the file, exit 2.
# Usage: bash tests/scripts/modules_test.sh path/to/course-planner (the build folder's binary).
set -u
# Under `make test-asan` the real window runs without leak detection, as in gui_e2e_test.sh:
# Mesa's llvmpipe driver, unloaded at exit, leaves blocks no suppression can name.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
bin=$(realpath "${1:?usage: modules_test.sh path/to/course-planner}")
build=$(dirname "$bin")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
gui='libglfw|libGL|libOpenGL|libGLX|libimgui|libX11|libportal|libgio|libglib|libgobject|libcairo|libpango|libharfbuzz|libfontconfig'

# 1. The binary NEEDs none of them, directly (readelf) or through another library (ldd).
needed=$(readelf -d "$bin" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
[ -n "$needed" ] || fail "readelf found no NEEDED entry in $bin"
bad=$(grep -E "^($gui)" <<<"$needed")
[ -z "$bad" ] || fail "course-planner NEEDs GUI libraries: $(tr '\n' ' ' <<<"$bad")"
bad=$(ldd "$bin" | awk '{print $1}' | grep -E "^($gui)")
[ -z "$bad" ] || fail "course-planner maps GUI libraries through its dependencies: $(tr '\n' ' ' <<<"$bad")"

# 2. The modules are beside it and need what they hold; the window module leaves libportal,
# GIO and cairo to the portal and render modules.
for m in window portal render; do
    [ -f "$build/course-planner-$m.so" ] || fail "no $build/course-planner-$m.so"
done
window_needs=$(readelf -d "$build/course-planner-window.so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
grep -q '^libglfw' <<<"$window_needs" || fail "the window module does not NEED libglfw: $window_needs"
bad=$(grep -E '^(libportal|libgio|libglib|libcairo|libpango)' <<<"$window_needs")
[ -z "$bad" ] || fail "the window module NEEDs $(tr '\n' ' ' <<<"$bad")"
readelf -d "$build/course-planner-portal.so" | grep -q 'NEEDED.*\[libportal' ||
    fail "the portal module does not NEED libportal"
# Only their entry points are exported (the static libraries inside stay private).
for m in window portal; do
    exported=$(nm -D --defined-only "$build/course-planner-$m.so" | awk '{print $3}' | grep -v "^course_planner_${m}_" | grep -v '^_')
    [ -z "$exported" ] || fail "course-planner-$m.so exports more than its entry points: $(head -n 5 <<<"$exported" | tr '\n' ' ')"
done

# 3. show and export map no module but the render one for pictures (LD_DEBUG names each file).
LD_DEBUG=files "$bin" show iv-six-two-weeks spravato-label --start 2026-12-07 >/dev/null 2>"$tmp/show.err" ||
    fail "show failed: $(grep -v '^ *[0-9]*:' "$tmp/show.err")"
grep -E "file=[^ ]*($gui|course-planner-)" "$tmp/show.err" >"$tmp/show.maps" &&
    fail "show mapped: $(grep -o 'file=[^ ]*' "$tmp/show.maps" | sort -u | tr '\n' ' ')"
LD_DEBUG=files "$bin" export iv-six-two-weeks --format ics -o "$tmp/plan.ics" 2>"$tmp/ics.err" ||
    fail "export --format ics failed: $(grep -v '^ *[0-9]*:' "$tmp/ics.err")"
grep -qE "file=[^ ]*($gui|course-planner-)" "$tmp/ics.err" &&
    fail "export --format ics mapped: $(grep -oE "file=[^ ]*($gui|course-planner-)[^ ]*" "$tmp/ics.err" | sort -u | tr '\n' ' ')"

# 4. No display: the terminal-calendar hint, exit 2, and the window module is never loaded.
env -u DISPLAY -u WAYLAND_DISPLAY LD_DEBUG=files "$bin" --preset iv-six-two-weeks >/dev/null 2>"$tmp/nodisp.err"
status=$?
[ "$status" = 2 ] || fail "no display: exit $status, not 2"
grep -q "no display to open the window on (try \`course-planner show iv-six-two-weeks spravato-label\`" "$tmp/nodisp.err" ||
    fail "no display: no terminal-calendar hint: $(grep -v '^ *[0-9]*:' "$tmp/nodisp.err")"
grep -q 'file=[^ ]*course-planner-window.so' "$tmp/nodisp.err" && fail "no display: the window module was loaded"

# 5. A window module that is not this build's, or not a library at all, beside a copy of the
# program (looked for there first): one line naming the file, exit 2, before any window.
mkdir -p "$tmp/bin"
cp "$bin" "$tmp/bin/course-planner"
cp "$build/course-planner-render.so" "$tmp/bin/course-planner-window.so"  # no window stamp
DISPLAY=:0 "$tmp/bin/course-planner" --preset iv-six-two-weeks >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || fail "another build's module: exit $status, not 2"
grep -qF "course-planner: cannot open the window: $tmp/bin/course-planner-window.so is from another build of Course Planner" "$tmp/err" ||
    fail "another build's module: $(cat "$tmp/err")"
[ "$(wc -l <"$tmp/err")" = 1 ] || fail "another build's module: more than one line: $(cat "$tmp/err")"
echo "not a library" >"$tmp/bin/course-planner-window.so"
DISPLAY=:0 "$tmp/bin/course-planner" --preset iv-six-two-weeks >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 2 ] || fail "a damaged module: exit $status, not 2"
grep -qF "course-planner: cannot open the window: $tmp/bin/course-planner-window.so could not be loaded (" "$tmp/err" ||
    fail "a damaged module: $(cat "$tmp/err")"
# ... while the command line of that copy still works (it never loads the window).
"$tmp/bin/course-planner" show iv-six-two-weeks --start 2026-12-07 >/dev/null 2>"$tmp/err" ||
    fail "show beside a damaged window module: $(cat "$tmp/err")"

# 6. The window under Xvfb maps the window module, and no libportal, GIO or GLib at start.
if command -v xvfb-run >/dev/null; then
    env -u DBUS_SESSION_BUS_ADDRESS HOME="$tmp/home" XDG_CONFIG_HOME="$tmp/home/config" \
        XDG_CACHE_HOME="$tmp/home/cache" XDG_STATE_HOME="$tmp/home/state" \
        XDG_DATA_HOME="$tmp/home/data" LD_DEBUG=files \
        timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$bin" --frames 3 >/dev/null 2>"$tmp/win.err"
    status=$?
    [ "$status" = 0 ] || fail "the window: exit $status: $(grep -v '^ *[0-9]*:' "$tmp/win.err" | tail -n 3)"
    grep -q 'file=[^ ]*course-planner-window.so ' "$tmp/win.err" || fail "the window did not load course-planner-window.so"
    grep -q 'file=[^ ]*libglfw' "$tmp/win.err" || fail "the window did not map libglfw"
    grep -qE 'file=[^ ]*(libportal|libgio|libglib|course-planner-portal)' "$tmp/win.err" &&
        fail "the window mapped at start: $(grep -oE 'file=[^ ]*(libportal|libgio|libglib|course-planner-portal)[^ ]*' "$tmp/win.err" | sort -u | tr '\n' ' ')"
else
    fail "xvfb-run missing (apt-get install xvfb xauth)"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "modules_test: no GUI library in the program, modules loaded when needed, clear errors"
