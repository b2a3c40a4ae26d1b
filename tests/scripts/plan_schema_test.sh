#!/usr/bin/env bash
# Plan files the CLI writes validate against schemas/courseplan.schema.json (an independent
# check of the C++ reader and writer), for every shipped preset with visit changes; and the
# schema refuses what the reader refuses for reasons a schema can express.
# Usage: bash tests/scripts/plan_schema_test.sh path/to/course-planner (from the repo root).
set -u
bin=${1:?usage: plan_schema_test.sh path/to/course-planner}
python=/usr/bin/python3
"$python" -c 'import jsonschema' 2>/dev/null || { echo "plan_schema_test: python3-jsonschema missing"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

ids=$("$bin" list --json | "$python" -c 'import json,sys; print("\n".join(p["id"] for p in json.load(sys.stdin)))')
[ -n "$ids" ] || { echo "plan_schema_test: no presets listed"; exit 1; }
n=0
for id in $ids; do
    first=$("$bin" export "$id" --start 2026-12-07 --format json | "$python" -c \
        'import json,sys; v=json.load(sys.stdin)["visits"]; print(v[0]["id"] if v else "")')
    args=("$id" "$id" --start 2026-12-07 --closed 2026-12-24,2026-12-31 -o "$tmp/$id.courseplan.json")
    [ -n "$first" ] && args+=(--note "$first=Bring a book" --visit-time "$first=10:30")
    if ! "$bin" plan "${args[@]}" >/dev/null 2>"$tmp/err"; then
        echo "FAIL: plan $id: $(cat "$tmp/err")"; fail=1; continue
    fi
    n=$((n + 1))
done

"$python" - "$tmp" <<'PY' || fail=1
import glob, json, os, sys
import jsonschema

tmp = sys.argv[1]
plan_schema = json.load(open("schemas/courseplan.schema.json", encoding="utf-8"))
preset_schema = json.load(open("presets/schema.json", encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(plan_schema)
resolver = jsonschema.RefResolver.from_schema(
    plan_schema, store={preset_schema["$id"]: preset_schema, plan_schema["$id"]: plan_schema})
validator = jsonschema.Draft202012Validator(plan_schema, resolver=resolver)
bad = 0
files = sorted(glob.glob(os.path.join(tmp, "*.courseplan.json")))
for f in files:
    doc = json.load(open(f, encoding="utf-8"))
    for e in validator.iter_errors(doc):
        print(f"{f}: {list(e.absolute_path)}: {e.message[:200]}")
        bad += 1
# The schema must be able to fail: each broken copy is refused.
doc = json.load(open(files[0], encoding="utf-8"))
broken = [
    ("format_version 2", lambda d: d.update(format_version=2)),
    ("a bad visit id", lambda d: d["overrides"].update({"a/b/0": {"skipped": True}})),
    ("skipped with a date", lambda d: d["overrides"].update(
        {"x/y/1": {"skipped": True, "date": "2026-12-01"}})),
    ("a dose in a note", lambda d: d["overrides"].update({"x/y/2": {"note": "take 50 mg"}})),
    ("an unknown course field", lambda d: d["courses"][0].update(dose=1)),
    ("a protocol without phases", lambda d: d["courses"][0]["protocol"].pop("phases")),
]
for name, mutate in broken:
    copy = json.loads(json.dumps(doc))
    mutate(copy)
    if validator.is_valid(copy):
        print(f"FAIL: the schema accepted {name}")
        bad += 1
print(f"plan_schema_test: {len(files)} plan files checked, {len(broken)} broken copies refused")
sys.exit(1 if bad else 0)
PY

# The C++ reader accepts every file it wrote.
for f in "$tmp"/*.courseplan.json; do
    "$bin" validate "$f" >/dev/null || { echo "FAIL: validate $f"; fail=1; }
done
[ "$n" -gt 5 ] || { echo "FAIL: only $n plans written"; fail=1; }
[ $fail -eq 0 ] && echo "plan_schema_test: ok ($n presets)"
exit $fail
