#!/usr/bin/env bash
# The planner opens no network connection: every command runs under strace, and the
# only sockets allowed are the window's local AF_UNIX connection to the X server.
# Exported plan files are private (0600).
set -euo pipefail
bin=$(realpath "$1")
command -v strace >/dev/null || { echo "strace missing (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data SOURCE_DATE_EPOCH=1767225600
fail=0

check_no_network() {  # $1 = label, rest = command
  local label=$1
  shift
  strace -f -qq -e trace=socket,connect -o "$tmp/trace" "$@" >/dev/null 2>"$tmp/err" || true
  if grep -E 'socket\((AF_INET|AF_INET6|AF_PACKET|AF_NETLINK)' "$tmp/trace"; then
    echo "FAIL: $label opened a network socket"
    fail=1
  elif grep -E 'socket\(' "$tmp/trace" | grep -v AF_UNIX; then
    echo "FAIL: $label opened an unexpected socket"
    fail=1
  else
    echo "ok: $label: $(grep -c 'socket(' "$tmp/trace" || true) socket calls, all AF_UNIX"
  fi
}

check_no_network "list" "$bin" list --json
check_no_network "show" "$bin" show iv-six-two-weeks spravato-label --start 2026-12-07
for fmt in ics json csv md; do
  check_no_network "export $fmt" "$bin" export iv-six-two-weeks spravato-label \
    --start 2026-12-07 --format "$fmt" -o "$tmp/plan.$fmt"
  mode=$(stat -c %a "$tmp/plan.$fmt")
  if [ "$mode" != 600 ]; then echo "FAIL: export $fmt wrote mode $mode, expected 600"; fail=1; fi
done
# The command line makes no socket call at all, not even a local one.
strace -f -qq -e trace=socket,connect -o "$tmp/trace" "$bin" list >/dev/null 2>&1 || true
if grep -q 'socket(' "$tmp/trace"; then
  echo "FAIL: list made a socket call"
  fail=1
fi
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
