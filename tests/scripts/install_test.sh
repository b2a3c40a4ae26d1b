#!/usr/bin/env bash
# Installs like a desktop app: `cmake --install` into a staging DESTDIR puts the program,
# the presets, a valid .desktop entry (desktop-file-validate), an SVG icon, AppStream
# metadata (appstreamcli validate --no-net) with the disclaimer, and a man page that says
# what --help says; the staged program lists its own presets from any folder and loads its own
# modules (window, file chooser, picture painter); CPack builds a .deb with its runtime
# dependencies.
# Usage: bash tests/scripts/install_test.sh path/to/course-planner (the build folder's binary).
set -u
# Under `make test-asan` the real window runs without leak detection, as in gui_e2e_test.sh:
# Mesa's llvmpipe driver, unloaded at exit, leaves blocks no suppression can name.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
bin=$(realpath "${1:?usage: install_test.sh path/to/course-planner}")
build=$(dirname "$bin")
id=io.github.course_planner.CoursePlanner
disclaimer='Educational illustration of published schedules - not medical advice, not a dosing tool.'
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
[ -f "$build/cmake_install.cmake" ] || { echo "FAIL: $build is not a build folder"; exit 1; }

# 1. make install DESTDIR=...: every file where a desktop looks for it.
root=$tmp/root
DESTDIR=$root cmake --install "$build" --prefix /usr >"$tmp/install.log" 2>&1 ||
    { echo "FAIL: cmake --install: $(tail -n 5 "$tmp/install.log")"; exit 1; }
for f in usr/bin/course-planner usr/share/course-planner/presets/iv-six-two-weeks.json \
    usr/share/applications/$id.desktop usr/share/icons/hicolor/scalable/apps/$id.svg \
    usr/share/metainfo/$id.metainfo.xml usr/share/man/man1/course-planner.1 \
    usr/share/doc/course-planner/README.md; do
    [ -s "$root/$f" ] || fail "not installed: /$f"
done
find "$root" -name '*.tmp-*' | grep -q . && fail "temporary files installed"

# 2. The desktop files pass their validators.
desktop-file-validate "$root/usr/share/applications/$id.desktop" >"$tmp/dfv" 2>&1 ||
    fail "desktop-file-validate: $(cat "$tmp/dfv")"
grep -qE '(error|warning):' "$tmp/dfv" && fail "desktop-file-validate: $(cat "$tmp/dfv")"
grep -q '^Exec=course-planner$' "$root/usr/share/applications/$id.desktop" || fail ".desktop Exec"
grep -q "^Icon=$id$" "$root/usr/share/applications/$id.desktop" || fail ".desktop Icon is not the icon's name"
appstreamcli validate --no-net "$root/usr/share/metainfo/$id.metainfo.xml" >"$tmp/as" 2>&1 ||
    fail "appstreamcli validate: $(cat "$tmp/as")"
tr -s ' \n' ' ' <"$root/usr/share/metainfo/$id.metainfo.xml" | grep -qF "$disclaimer" ||
    fail "the metainfo description lacks the disclaimer"
rsvg-convert -w 64 -h 64 "$root/usr/share/icons/hicolor/scalable/apps/$id.svg" -o "$tmp/icon.png" ||
    fail "the icon is not a valid SVG"

# 3. The man page: groff reads it without a warning, its USAGE is --help line for line,
# and it names every window flag the program knows.
man_page=$root/usr/share/man/man1/course-planner.1
groff -man -Tutf8 -ww -z "$man_page" 2>"$tmp/groff" || fail "groff failed on the man page"
[ -s "$tmp/groff" ] && fail "groff warnings: $(head -n 5 "$tmp/groff")"
"$bin" --help | sed -e 's/\\/\\e/g' -e 's/-/\\-/g' -e 's/^\([.'"'"']\)/\\\&\1/' >"$tmp/help.roff"
while IFS= read -r line; do
    grep -qxF -- "$line" "$man_page" || fail "man page lacks the --help line: $line"
done <"$tmp/help.roff"
flags=$(sed -n '/bool is_window_flag/,/};/p' cli/cli.cpp | grep -o '"--[a-z-]*"' | tr -d '"')
[ -n "$flags" ] || fail "could not read the window flags from cli/cli.cpp"
for flag in $flags; do
    grep -qF -- "$(printf '%s' "$flag" | sed 's/-/\\-/g')" "$man_page" || fail "man page lacks the window flag $flag"
done

# 4. The staged program finds its own presets from any folder (not the source tree's).
(cd / && env -u COURSE_PLANNER_PRESETS HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    "$root/usr/bin/course-planner" list --json) >"$tmp/list.json" 2>"$tmp/err" ||
    fail "the installed program: list failed: $(cat "$tmp/err")"
/usr/bin/python3 - "$tmp/list.json" "$root/usr/share/course-planner/presets/" <<'PY' || fail "the installed program does not list its installed presets"
import json, sys
presets = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(presets) >= 5, len(presets)
assert all(p["file"].startswith(sys.argv[2]) for p in presets), [p["file"] for p in presets][:3]
PY
# ... and paints a picture through its installed render module (loaded only for pictures).
(cd / && env -u COURSE_PLANNER_PRESETS HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    "$root/usr/bin/course-planner" export iv-six-two-weeks --format svg -o "$tmp/slide.svg") 2>"$tmp/err" ||
    fail "the installed program: export --format svg failed: $(cat "$tmp/err")"
for m in render window portal; do
    ls "$root"/usr/lib*/course-planner/course-planner-$m.so "$root"/usr/lib/*/course-planner/course-planner-$m.so \
        2>/dev/null | grep -q . || fail "not installed: the $m module course-planner-$m.so"
done

# 5. make install PREFIX=... anywhere, no DESTDIR: the program, started from / through a
# symlink in another folder (as /usr/local/bin links often are), finds the presets of its
# own prefix by its executable's path, never the source tree's or the compiled-in prefix's.
prefix=$tmp/opt/course-planner
cmake --install "$build" --prefix "$prefix" >"$tmp/install2.log" 2>&1 ||
    fail "cmake --install --prefix: $(tail -n 5 "$tmp/install2.log")"
mkdir -p "$tmp/links"
ln -s "$prefix/bin/course-planner" "$tmp/links/course-planner"
(cd / && env -u COURSE_PLANNER_PRESETS HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    "$tmp/links/course-planner" list --json) >"$tmp/list2.json" 2>"$tmp/err" ||
    fail "the program installed under a prefix: list failed: $(cat "$tmp/err")"
/usr/bin/python3 - "$tmp/list2.json" "$prefix/share/course-planner/presets/" <<'PY' || fail "the program installed under a prefix does not list its own presets"
import json, sys
presets = json.load(open(sys.argv[1], encoding="utf-8"))
assert len(presets) >= 5, len(presets)
assert all(p["file"].startswith(sys.argv[2]) for p in presets), [p["file"] for p in presets][:3]
PY
(cd / && env -u COURSE_PLANNER_PRESETS HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" \
    "$tmp/links/course-planner" show iv-six-two-weeks --start 2026-12-07) >/dev/null 2>"$tmp/err" ||
    fail "the program installed under a prefix: show failed: $(cat "$tmp/err")"
# ... and loads the render module of its own prefix (LD_DEBUG names each file dlopen maps).
(cd / && env -u COURSE_PLANNER_PRESETS HOME="$tmp/home" XDG_DATA_HOME="$tmp/data" LD_DEBUG=files \
    "$tmp/links/course-planner" export iv-six-two-weeks --format svg -o "$tmp/slide2.svg") 2>"$tmp/err" ||
    fail "the program installed under a prefix: export --format svg failed: $(grep -v '^ *[0-9]*:' "$tmp/err")"
grep -q "file=$prefix/lib[^ ]*/course-planner/course-planner-render.so " "$tmp/err" ||
    fail "the program installed under a prefix did not load its own render module: $(grep -o 'file=[^ ]*render[^ ]*' "$tmp/err")"
# ... and opens the window through the window module of its own prefix (under Xvfb).
if command -v xvfb-run >/dev/null; then
    (cd / && env -u COURSE_PLANNER_PRESETS -u DBUS_SESSION_BUS_ADDRESS HOME="$tmp/home" \
        XDG_CONFIG_HOME="$tmp/home/config" XDG_CACHE_HOME="$tmp/home/cache" \
        XDG_STATE_HOME="$tmp/home/state" XDG_DATA_HOME="$tmp/data" LD_DEBUG=files \
        timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" "$tmp/links/course-planner" --frames 2) \
        >/dev/null 2>"$tmp/err" ||
        fail "the program installed under a prefix: the window failed: $(grep -v '^ *[0-9]*:' "$tmp/err" | tail -n 3)"
    grep -q "file=$prefix/lib[^ ]*/course-planner/course-planner-window.so " "$tmp/err" ||
        fail "the program installed under a prefix did not load its own window module: $(grep -o 'file=[^ ]*window[^ ]*' "$tmp/err")"
else
    fail "xvfb-run missing (apt-get install xvfb xauth)"
fi

# 6. make deb (CPack): a package with the files under /usr and its shared-library
# dependencies found by dpkg-shlibdeps.
(cd "$build" && cpack -G DEB -B "$tmp/deb" >"$tmp/cpack.log" 2>&1) || fail "cpack: $(tail -n 5 "$tmp/cpack.log")"
deb=$(ls "$tmp"/deb/course-planner_*.deb 2>/dev/null | head -n 1)
if [ -n "$deb" ]; then
    depends=$(dpkg-deb -f "$deb" Depends)
    for lib in libc6 libglfw3 libunistring2 libstdc++6 libcairo2 libportal1; do
        grep -q "$lib" <<<"$depends" || fail "the .deb does not depend on $lib: $depends"
    done
    # Every library the program and its modules need comes from a package the .deb depends on.
    dpkg-deb -x "$deb" "$tmp/unpacked"
    modules=""
    for m in render window portal; do
        module=$(find "$tmp/unpacked/usr" -name course-planner-$m.so | head -n 1)
        [ -n "$module" ] || fail "the .deb lacks the $m module course-planner-$m.so"
        modules="$modules $module"
    done
    for lib in $(objdump -p "$tmp/unpacked/usr/bin/course-planner" $modules | awk '$1 == "NEEDED" {print $2}' | sort -u); do
        file=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
        [ -n "$file" ] || { fail "cannot find $lib"; continue; }
        pkg=$(dpkg -S "$(realpath "$file")" 2>/dev/null || dpkg -S "$file" 2>/dev/null)
        pkg=${pkg%%:*}
        [ -n "$pkg" ] || { fail "no package owns $file"; continue; }
        tr ',' '\n' <<<"$depends" | sed -e 's/^ *//' -e 's/ *(.*//' | grep -qxF "$pkg" || fail "the .deb needs $lib ($pkg) but does not depend on $pkg: $depends"
    done
    dpkg-deb -c "$deb" >"$tmp/contents"
    for f in ./usr/bin/course-planner ./usr/share/course-planner/presets/spravato-label.json \
        ./usr/share/applications/$id.desktop ./usr/share/man/man1/course-planner.1; do
        grep -q " $f\$" "$tmp/contents" || fail "the .deb lacks $f"
    done
    dpkg-deb -f "$deb" Description | grep -qF "$disclaimer" || fail "the .deb description lacks the disclaimer"
else
    fail "cpack wrote no course-planner_*.deb"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "install_test: staged install, desktop entry, metainfo, icon, man page and .deb all good"
