#!/usr/bin/env bash
# Measures the current build against a baseline build of another commit, side by
# side, and prints ratios (current / baseline). Instruction counts come from
# callgrind (repeatable whatever else the machine does); memory is peak RSS.
#   bash bench/run.sh BUILD_DIR            baseline = $BASELINE_REF (default HEAD~1)
# Never used as a pass/fail test: the figures go to docs/performance.md by hand.
set -euo pipefail
build=${1:-build}
ref=${BASELINE_REF:-HEAD~1}
top=$(git rev-parse --show-toplevel)
presets="$top/presets"
base_src=$(mktemp -d /tmp/cp-baseline.XXXXXX)
trap 'git -C "$top" worktree remove --force "$base_src" >/dev/null 2>&1 || rm -rf "$base_src"' EXIT

git -C "$top" worktree add -q --detach "$base_src" "$ref"
if [ ! -f "$base_src/bench/bench_expand.cpp" ]; then
  echo "baseline $ref has no bench/bench_expand.cpp; measuring it with the current benchmark source"
  mkdir -p "$base_src/bench" && cp "$top/bench/bench_expand.cpp" "$top/bench/CMakeLists.txt" "$base_src/bench/"
fi
cmake -S "$base_src" -B "$base_src/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build "$base_src/build" -j 2 --target bench_expand >/dev/null
cmake --build "$build" -j 2 --target bench_expand >/dev/null

count() {  # instructions executed, from callgrind
  valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
    sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
rss() {  # peak resident set, KiB
  /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1
}
rounds=${ROUNDS:-2}
cur_i=$(count "$build/bench/bench_expand" "$presets" "$rounds")
base_i=$(count "$base_src/build/bench/bench_expand" "$presets" "$rounds")
cur_m=$(rss "$build/bench/bench_expand" "$presets" "$rounds")
base_m=$(rss "$base_src/build/bench/bench_expand" "$presets" "$rounds")
printf 'benchmark      baseline(%s)   current   ratio\n' "$ref"
awk -v b="$base_i" -v c="$cur_i" 'BEGIN{printf "instructions   %14d %10d   %.3f\n", b, c, c/b}'
awk -v b="$base_m" -v c="$cur_m" 'BEGIN{printf "peak RSS KiB   %14d %10d   %.3f\n", b, c, c/b}'
