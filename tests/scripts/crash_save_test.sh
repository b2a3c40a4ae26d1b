#!/usr/bin/env bash
# Kills the program at random moments while it saves the same file over and over:
# the file on disk is always a whole export (old or new, byte for byte), never a torn one.
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data SOURCE_DATE_EPOCH=1767225600
target=$tmp/plan.json
# The two exports the file may hold (fixed stamp, so byte for byte): the first save and
# the one repeated under kill -9.
"$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --format json >"$tmp/old.json"
"$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --months 24 --format json \
  >"$tmp/new.json"
cmp -s "$tmp/old.json" "$tmp/new.json" && { echo "FAIL: the two exports should differ"; exit 1; }
"$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --format json -o "$target"
cmp -s "$target" "$tmp/old.json" || { echo "FAIL: -o wrote something other than stdout"; exit 1; }
kills=0
saved=0
for i in $(seq 1 40); do
  # Its own process group (setsid), so one kill -9 stops the loop and its writer together
  # and no writer outlives the kill to rename a file between the two comparisons below.
  setsid bash -c '
    while :; do  # alternate the two exports, so each kill may tear a replacement
      "$0" export iv-six-two-weeks spravato-label --start 2026-12-07 --months 24 \
        --format json -o "$1" || exit 0
      "$0" export iv-six-two-weeks spravato-label --start 2026-12-07 --format json \
        -o "$1" || exit 0
    done' "$bin" "$target" 2>/dev/null &
  loop=$!
  sleep "$(printf '0.%02d' $((RANDOM % 45 + 5)))"
  kill -KILL -- "-$loop" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  kills=$((kills + 1))
  cp "$target" "$tmp/snapshot"  # one read: compare what a reader saw at one moment
  if ! cmp -s "$tmp/snapshot" "$tmp/old.json" && ! cmp -s "$tmp/snapshot" "$tmp/new.json"; then
    echo "FAIL: after kill $i the file is neither the old nor the new export (torn write)"
    cp "$tmp/snapshot" "${CRASH_SAVE_KEEP:-/dev/null}" 2>/dev/null || true
    exit 1
  fi
  cmp -s "$tmp/snapshot" "$tmp/new.json" && saved=$((saved + 1))
done
mode=$(stat -c %a "$target")
[ "$mode" = 600 ] || { echo "FAIL: mode $mode, expected 600"; exit 1; }
leftover=$(find "$tmp" -maxdepth 1 -name '.plan.json.tmp-*' | wc -l)
[ "$saved" -gt 0 ] || { echo "FAIL: no save finished between kills; nothing was tested"; exit 1; }
echo "ok: $kills kills during saves alternating two exports; the file was always one of them," \
  "whole (the --months 24 one after $saved kills, the other after $((kills - saved)));" \
  "mode $mode; $leftover temporary files left by killed writers"
