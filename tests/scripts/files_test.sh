#!/usr/bin/env bash
# What `export -o` does with each kind of place, what `validate` does with a FIFO, and write
# errors on standard output. FIFOs, symlinks and folders are made here; /dev/full is used
# only as a redirect target (`> /dev/full`), never as an -o argument.
# Usage: bash tests/scripts/files_test.sh path/to/course-planner (from the repo root).
set -u
bin=$(realpath "${1:?usage: files_test.sh path/to/course-planner}")
tmp=$(mktemp -d)
reader=
cleanup() {
    [ -n "$reader" ] && kill "$reader" 2>/dev/null
    rm -rf "$tmp"
}
trap cleanup EXIT
export HOME=$tmp/home XDG_DATA_HOME=$tmp/data SOURCE_DATE_EPOCH=1767225600 TZ=UTC
mkdir -p "$HOME"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
exp=(export iv-six-two-weeks --start 2026-12-07 --format ics)
"$bin" "${exp[@]}" >"$tmp/expected.ics" || fail "export to stdout"

# one_error STATUS: the last run exited STATUS with one stderr line and nothing on stdout
one_error() {
    [ "$status" -eq "$1" ] || fail "$label: exit $status, expected $1"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$label: stderr is not one line: $(cat "$tmp/err")"
    grep -q '^course-planner: ' "$tmp/err" || fail "$label: stderr lacks the program name"
}
run() {
    label=$1
    shift
    "$bin" "$@" >"$tmp/out" 2>"$tmp/err"
    status=$?
}
no_temp_left() {
    local left
    left=$(find "$1" -maxdepth 1 -name '.*.tmp-*' | wc -l)
    [ "$left" -eq 0 ] || fail "$label: $left temporary file(s) left in $1"
}

# 1. `-o -` is standard output; no file named `-` appears.
cd "$tmp" || exit 1
run "-o -" "${exp[@]}" -o -
[ "$status" -eq 0 ] || fail "-o -: exit $status: $(cat "$tmp/err")"
cmp -s "$tmp/out" "$tmp/expected.ics" || fail "-o -: stdout differs from a plain export"
[ -e "$tmp/-" ] && fail "-o - wrote a file named '-'"
cd - >/dev/null || exit 1

# 2. A FIFO is written as a stream and stays a FIFO.
mkfifo "$tmp/pipe"
cat "$tmp/pipe" >"$tmp/from-pipe" &
reader=$!
run "FIFO" "${exp[@]}" -o "$tmp/pipe"
[ "$status" -eq 0 ] || fail "FIFO: exit $status: $(cat "$tmp/err")"
wait "$reader"
reader=
[ -p "$tmp/pipe" ] || fail "FIFO: the FIFO was replaced"
cmp -s "$tmp/from-pipe" "$tmp/expected.ics" || fail "FIFO: the reader got something else"

# 3. A symlink is followed: its target is replaced, the link stays a link.
mkdir "$tmp/real"
printf 'old\n' >"$tmp/real/plan.ics"
ln -s real/plan.ics "$tmp/link.ics"
run "symlink" "${exp[@]}" -o "$tmp/link.ics"
[ "$status" -eq 0 ] || fail "symlink: exit $status: $(cat "$tmp/err")"
[ -L "$tmp/link.ics" ] || fail "symlink: the link was replaced by a file"
cmp -s "$tmp/real/plan.ics" "$tmp/expected.ics" || fail "symlink: the target was not rewritten"
[ "$(stat -c %a "$tmp/real/plan.ics")" = 600 ] || fail "symlink: target mode is not 600"
no_temp_left "$tmp/real"
no_temp_left "$tmp"
# A dangling link: the file it names is created.
ln -s real/new.ics "$tmp/dangling.ics"
run "dangling symlink" "${exp[@]}" -o "$tmp/dangling.ics"
[ "$status" -eq 0 ] || fail "dangling symlink: exit $status"
[ -L "$tmp/dangling.ics" ] && cmp -s "$tmp/real/new.ics" "$tmp/expected.ics" ||
    fail "dangling symlink: the named file was not created through the link"
# A loop of links is a clear error.
ln -s loop-b "$tmp/loop-a"
ln -s loop-a "$tmp/loop-b"
run "symlink loop" "${exp[@]}" -o "$tmp/loop-a"
one_error 2
grep -q 'loop-a' "$tmp/err" || fail "symlink loop: the error does not name the file"

# 4. A folder, or a place that does not exist: one line, exit 2, nothing left behind.
mkdir "$tmp/folder"
run "folder" "${exp[@]}" -o "$tmp/folder"
one_error 2
grep -q "folder': it is a folder" "$tmp/err" || fail "folder: $(cat "$tmp/err")"
[ -d "$tmp/folder" ] && [ -z "$(ls -A "$tmp/folder")" ] || fail "folder: changed"
no_temp_left "$tmp"
run "missing folder" "${exp[@]}" -o "$tmp/no-such/plan.ics"
one_error 2
grep -q 'No such file or directory' "$tmp/err" || fail "missing folder: $(cat "$tmp/err")"
[ -e "$tmp/no-such" ] && fail "missing folder: something was created"
if [ "$(id -u)" != 0 ]; then  # root writes anywhere: these two need an ordinary user
    mkdir "$tmp/locked" && chmod 500 "$tmp/locked"
    run "unwritable folder" "${exp[@]}" -o "$tmp/locked/plan.ics"
    one_error 2
    grep -q 'Permission denied' "$tmp/err" || fail "unwritable folder: $(cat "$tmp/err")"
    [ -z "$(ls -A "$tmp/locked")" ] || fail "unwritable folder: something was left"
    chmod 700 "$tmp/locked"
    printf 'keep\n' >"$tmp/readonly.ics" && chmod 444 "$tmp/readonly.ics"
    run "read-only file" "${exp[@]}" -o "$tmp/readonly.ics"
    one_error 2
    [ "$(cat "$tmp/readonly.ics")" = keep ] || fail "read-only file: it was replaced"
    no_temp_left "$tmp"
else
    echo "skip: unwritable folder and read-only file (running as root)"
fi

# 5. A hard-linked file is replaced atomically; the other name keeps the old content,
# and a warning says so.
printf 'old\n' >"$tmp/a.ics"
ln "$tmp/a.ics" "$tmp/b.ics"
run "hard link" "${exp[@]}" -o "$tmp/a.ics"
[ "$status" -eq 0 ] || fail "hard link: exit $status"
cmp -s "$tmp/a.ics" "$tmp/expected.ics" || fail "hard link: a.ics not written"
[ "$(cat "$tmp/b.ics")" = old ] || fail "hard link: the other name changed"
grep -q 'warning: .*a.ics.* had 2 hard links' "$tmp/err" || fail "hard link: no warning: $(cat "$tmp/err")"

# 6. Reading a FIFO never blocks: validate and show refuse it in one line.
mkfifo "$tmp/preset.json"
label="validate FIFO"
timeout 10 "$bin" validate "$tmp/preset.json" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 124 ] && fail "validate blocked on a FIFO"
[ "$status" -eq 1 ] || fail "validate FIFO: exit $status, expected 1"
grep -q "expected a regular file, not a FIFO" "$tmp/out" || fail "validate FIFO: $(cat "$tmp/out")"
label="show FIFO"
timeout 10 "$bin" show "$tmp/preset.json" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" -eq 124 ] && fail "show blocked on a FIFO"
one_error 2

# 7. Write errors on standard output: exit 2 and one line, for every command.
if [ -w /dev/full ]; then
    for args in "list" "list --json" "show iv-six-two-weeks --start 2026-12-07" \
        "validate presets/iv-six-two-weeks.json" "--help" "--version" \
        "export iv-six-two-weeks --format json" "export iv-six-two-weeks --format ics -o -"; do
        label="$args > /dev/full"
        # shellcheck disable=SC2086
        "$bin" $args >/dev/full 2>"$tmp/err"
        status=$?
        [ "$status" -eq 2 ] || fail "$label: exit $status, expected 2"
        [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "$label: stderr: $(cat "$tmp/err")"
        grep -q 'stdout' "$tmp/err" || fail "$label: the error does not name stdout"
    done
else
    fail "/dev/full is missing: the stdout write-error checks cannot run"
fi

if [ "$failures" -ne 0 ]; then
    echo "$failures check(s) failed"
    exit 1
fi
echo "files_test: all checks passed"
