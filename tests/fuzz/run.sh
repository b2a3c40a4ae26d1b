#!/usr/bin/env bash
# Runs every fuzz target for FUZZ_SECONDS each, starting from the committed seed corpus
# (tests/fuzz/corpus/<target>/, never written to: new inputs go to a scratch copy) plus,
# for the preset and plan targets, today's presets/*.json and the broken-file corpus
# tests/data/bad/ (its plan files, *.courseplan.json, seed the plan target),
# and appends one line per target to tests/fuzz/results.tsv:
#   date  target  seconds  executions  corpus_size  result
# A crash leaves its input in tests/fuzz/crashes/ and fails the run.
#   bash tests/fuzz/run.sh BUILD_DIR
set -euo pipefail
build=${1:-build-fuzz}
seconds=${FUZZ_SECONDS:-30}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
mkdir -p "$here/crashes"
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
# One target: its scratch corpus, its run, its line of results (written by the caller, in
# target order, so parallel runs do not interleave).
fuzz_one() {
  local bin=$1 line=$2
  local name target scratch log result execs corpus
  name=$(basename "$bin")
  target=${name#fuzz_}
  scratch=$(mktemp -d /tmp/fuzz-$target.XXXXXX)
  cp -r "$here/corpus/$target/." "$scratch/" 2>/dev/null || true
  for seed in "$root"/presets/*.json "$root"/tests/data/bad/*.json; do
    [ -f "$seed" ] && [ "$(basename "$seed")" != schema.json ] || continue
    case $target in
      preset_json) cp "$seed" "$scratch/seed-$(basename "$seed")" ;;
      plan_json) case $seed in *.courseplan.json) cp "$seed" "$scratch/seed-$(basename "$seed")" ;; esac ;;
      export_roundtrip) { printf '\020\002'; cat "$seed"; } >"$scratch/seed-$(basename "$seed")" ;;
    esac
  done
  log=$(mktemp /tmp/fuzz-$target-log.XXXXXX)
  result=ok
  if ! "$bin" "$scratch" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
       -max_len=65536 -print_final_stats=1 -artifact_prefix="$here/crashes/$target-" >"$log" 2>&1; then
    result=CRASH
    tail -n 40 "$log"
  fi
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
  corpus=$(find "$scratch" -type f | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$(date -u +%Y-%m-%d)" "$target" "$seconds" "${execs:-0}" \
    "$corpus" "$result" >"$line"
  rm -rf "$scratch" "$log"
  [ "$result" = ok ]
}

# The targets, FUZZ_JOBS at a time (one per core by default: libFuzzer runs on one).
status=0
lines=$(mktemp -d /tmp/fuzz-lines.XXXXXX)
n=0
pids=()
for bin in "$build"/tests/fuzz/fuzz_*; do
  [ -x "$bin" ] || continue
  fuzz_one "$bin" "$lines/$(printf %03d "$n")" &
  pids+=("$!")
  n=$((n + 1))
  if [ "${#pids[@]}" -ge "$jobs" ]; then
    for pid in "${pids[@]}"; do wait "$pid" || status=1; done
    pids=()
  fi
done
for pid in "${pids[@]}"; do wait "$pid" || status=1; done
[ "$n" -eq 0 ] || cat "$lines"/* | tee -a "$here/results.tsv"
rm -rf "$lines"
exit $status
