#!/usr/bin/env bash
# Every program the test scripts call comes from a package the Makefile installs
# (tests/scripts/tools_check.py); and the check itself can fail.
# Usage: bash tests/scripts/tools_test.sh [course-planner] (from the repo root; binary unused).
set -u
py=/usr/bin/python3
check=tests/scripts/tools_check.py
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

"$py" "$check" || fail=1

# Self-test: a script that calls strace, checked against a list without strace, must fail
# and name both the program and its package; with strace listed it passes.
printf '#!/bin/sh\nset -e\nif true; then strace -f true | grep -q x; fi\n' >"$tmp/uses_strace.sh"
"$py" "$check" --packages "coreutils" --script "$tmp/uses_strace.sh" >"$tmp/out" 2>&1
status=$?
if [ $status -eq 0 ] || ! grep -q 'strace comes from package strace' "$tmp/out"; then
    echo "FAIL: the check missed strace outside the list: $(cat "$tmp/out")"
    fail=1
fi
"$py" "$check" --packages "strace" --script "$tmp/uses_strace.sh" >"$tmp/out" 2>&1 ||
    { echo "FAIL: strace listed, yet: $(cat "$tmp/out")"; fail=1; }
# A program that is not installed at all is named too.
printf 'no-such-tool-xyz --version\n' >"$tmp/uses_missing.sh"
"$py" "$check" --packages "strace" --script "$tmp/uses_missing.sh" >"$tmp/out" 2>&1 &&
    { echo "FAIL: a missing program passed"; fail=1; }
grep -q 'no-such-tool-xyz: not installed' "$tmp/out" || { echo "FAIL: $(cat "$tmp/out")"; fail=1; }

# A fresh Debian has no make: the README's first commands install it before `make run`.
first=$(sed -n '/^```sh$/,/^```$/p' README.md | sed -n '2,3p')
grep -q '^apt-get update && apt-get install -y make$' <<<"$first" && grep -q '^make run' <<<"$first" ||
    { echo "FAIL: the README's first commands do not install make before make run: $first"; fail=1; }

[ $fail -eq 0 ] && echo "tools_test: ok"
exit $fail
