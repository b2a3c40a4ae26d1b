#!/bin/bash
# Every doctest case name must survive CMake's test discovery: a ';' splits the name into
# a list, the discovered test then filters for a name that does not exist and ctest runs
# nothing for it while reporting a pass. Lists each binary's cases and fails on such a name.
# Usage: test_names.sh BINARY...
set -u
bad=0
for bin in "$@"; do
  if ! list=$("$bin" --list-test-cases --no-version 2>&1); then
    echo "FAIL: $bin --list-test-cases did not run"; bad=1; continue
  fi
  while IFS= read -r line; do
    case "$line" in
      *";"*) echo "FAIL: $(basename "$bin"): test case name has ';' (CMake splits it, ctest runs nothing): $line"; bad=1 ;;
    esac
  done <<<"$list"
  cases=$("$bin" --count --no-version 2>&1 | sed -n 's/.*unskipped test cases passing the current filters: \([0-9]*\).*/\1/p')
  [ -n "$cases" ] && [ "$cases" -gt 0 ] || { echo "FAIL: $(basename "$bin"): no test cases counted"; bad=1; }
done
[ $bad = 0 ] && echo "ok: no test case name holds ';' in $#" binaries
exit $bad
