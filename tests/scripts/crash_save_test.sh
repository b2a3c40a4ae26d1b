#!/usr/bin/env bash
# Kills the program at random moments while it saves the same file over and over:
# the file on disk is always a whole, valid export (old or new), never a torn one.
set -euo pipefail
bin=$(realpath "$1")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export HOME=$tmp XDG_CONFIG_HOME=$tmp/config XDG_DATA_HOME=$tmp/data
target=$tmp/plan.json
"$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --format json -o "$target"
kills=0
for i in $(seq 1 40); do
  (
    while :; do
      "$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 --months 24 \
        --format json -o "$target" || exit 0
    done
  ) &
  loop=$!
  sleep "0.0$((RANDOM % 9 + 1))"
  pkill -KILL -P "$loop" 2>/dev/null || true
  kill -KILL "$loop" 2>/dev/null || true
  wait "$loop" 2>/dev/null || true
  kills=$((kills + 1))
  if ! /usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["visits"] and d["disclaimer"]' "$target"; then
    echo "FAIL: after kill $i the file is not a whole export"
    exit 1
  fi
done
mode=$(stat -c %a "$target")
[ "$mode" = 600 ] || { echo "FAIL: mode $mode, expected 600"; exit 1; }
leftover=$(find "$tmp" -maxdepth 1 -name 'plan.json?*' | wc -l)
echo "ok: $kills kills during repeated saves; the file was always whole and valid (mode $mode);" \
  "$leftover temporary files left by killed writers"
