#!/usr/bin/env bash
# The planner opens no network connection: every command runs under strace, and the
# only sockets allowed are the window's local AF_UNIX connection to the X server.
# The command line makes no socket call at all, not even a local one. Exported plan
# files are private (0600), whatever the umask.
set -euo pipefail
bin=$(realpath "$1")
command -v strace >/dev/null || { echo "strace missing (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data SOURCE_DATE_EPOCH=1767225600
# LeakSanitizer cannot run under ptrace (it aborts): in the sanitizer build, leaks are
# checked by every other test, which runs without strace.
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
fail=0

check_cli() {  # $1 = label, rest = command: the command line makes no socket call at all
  local label=$1
  shift
  local status=0
  strace -f -qq -e trace=socket,connect,bind,sendto,sendmsg -o "$tmp/trace" "$@" \
    >/dev/null 2>"$tmp/err" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "FAIL: $label exited with $status: $(head -c 300 "$tmp/err")"
    fail=1
  elif grep -E 'socket\(|connect\(|bind\(|sendto\(|sendmsg\(' "$tmp/trace"; then
    echo "FAIL: $label made a socket call"
    fail=1
  else
    echo "ok: $label: no socket call"
  fi
}

check_cli "list" "$bin" list
check_cli "list --json" "$bin" list --json
check_cli "show" "$bin" show iv-six-two-weeks spravato-label --start 2026-12-07
check_cli "validate" "$bin" validate presets/iv-six-two-weeks.json
for fmt in ics json csv md; do
  check_cli "export $fmt" "$bin" export iv-six-two-weeks spravato-label \
    --start 2026-12-07 --format "$fmt"
  # A wide umask must not leak into the file's mode: -o files are private.
  (umask 000 && check_cli "export $fmt -o" "$bin" export iv-six-two-weeks spravato-label \
    --start 2026-12-07 --format "$fmt" -o "$tmp/plan.$fmt"; exit $fail) || fail=1
  mode=$(stat -c %a "$tmp/plan.$fmt" 2>/dev/null || echo missing)
  if [ "$mode" != 600 ]; then echo "FAIL: export $fmt wrote mode $mode, expected 600"; fail=1; fi
done
if command -v xvfb-run >/dev/null; then
  xvfb-run -a -s "-screen 0 1280x800x24" \
    strace -f -qq -e trace=socket,connect -o "$tmp/trace-window" "$bin" --frames 3 --size 800x600 \
    >/dev/null 2>&1 || { echo "FAIL: the window did not run under Xvfb"; fail=1; }
  if grep -E 'socket\((AF_INET|AF_INET6|AF_PACKET|AF_NETLINK)' "$tmp/trace-window"; then
    echo "FAIL: the window opened a network socket"
    fail=1
  else
    echo "ok: window: $(grep -c 'socket(' "$tmp/trace-window" || true) socket calls, none to a network"
  fi
fi
exit $fail
