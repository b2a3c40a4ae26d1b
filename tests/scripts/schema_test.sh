#!/usr/bin/env bash
# Every shipped preset validates against presets/schema.json (an independent check of the
# C++ loader), cross-references hold, and no preset carries a dose.
# Usage: bash tests/scripts/schema_test.sh [course-planner] (run from the repo root; the
# binary is unused). PRESETS_DIR overrides the folder (to try a broken copy by hand).
set -u
presets_dir=${PRESETS_DIR:-presets}
schema=presets/schema.json
python=/usr/bin/python3
[ -f "$schema" ] || { echo "schema_test: $schema not found (run from the repo root)"; exit 1; }
"$python" -c 'import jsonschema' 2>/dev/null || { echo "schema_test: python3-jsonschema missing"; exit 1; }

shopt -s nullglob
files=()
for f in "$presets_dir"/*.json; do
    [ "$(basename "$f")" = schema.json ] || files+=("$f")
done
[ ${#files[@]} -gt 0 ] || { echo "schema_test: no presets in $presets_dir"; exit 1; }

fail=0
"$python" - "$schema" "${files[@]}" <<'PY' || fail=1
import json, sys
import jsonschema

schema_path, files = sys.argv[1], sys.argv[2:]
with open(schema_path, encoding="utf-8") as fh:
    schema = json.load(fh)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)

def path_of(parts):
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else (("." if out else "") + str(p))
    return out or "(top)"

def no_duplicate_keys(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError(f"duplicate key {sorted(dup)[0]!r}")
    return dict(pairs)

# What the schema cannot say: declared, unique and cited source ids, the kinds each field may
# rest on, unique phase ids, min <= max.
def semantic(doc):
    problems = []
    declared = [s.get("id") for s in doc.get("sources", []) if isinstance(s, dict)]
    for sid in {d for d in declared if declared.count(d) > 1}:
        problems.append(("sources", f"source id {sid!r} is declared more than once"))
    known = set(declared)
    phase_ids = [p.get("id") for p in doc.get("phases", []) if isinstance(p, dict)]
    for pid in {p for p in phase_ids if phase_ids.count(p) > 1}:
        problems.append(("phases", f"phase id {pid!r} is used more than once"))

    cited = set()
    kinds = {s.get("id"): s.get("kind") for s in doc.get("sources", []) if isinstance(s, dict)}
    lists = ("sources", "min_sources", "max_sources", "note_sources", "illustrative_sources")

    def walk(node, where):
        if isinstance(node, dict):
            for key in lists:
                if key in node and isinstance(node[key], list) and (where or key != "sources"):
                    for sid in node[key]:
                        cited.add(sid)
                        if isinstance(sid, str) and sid not in known:
                            problems.append((f"{where}.{key}" if where else key,
                                             f"source {sid!r} is not declared in the top-level sources"))
            if isinstance(node.get("min"), int) and isinstance(node.get("max"), int) \
                    and node["min"] > node["max"]:
                problems.append((where, "min must not exceed max"))
            for k, v in node.items():
                walk(v, f"{where}.{k}" if where else k)
        elif isinstance(node, list) and where != "sources":
            for i, v in enumerate(node):
                walk(v, f"{where}[{i}]")
    walk({k: v for k, v in doc.items() if k != "sources"}, "")
    for sid in declared:
        if sid not in cited:
            problems.append(("sources", f"source {sid!r} is declared but no field cites it"))

    # The kinds table of docs/presets.md, written again independently of planner/io.cpp.
    research = {"label", "trial", "study", "review"}
    allowed = {"cadence": research, "as_needed": research | {"maker", "clinic"},
               "visits": research | {"clinic"}, "visit": research | {"maker", "clinic"}}
    def check_kinds(where, ids, role):
        if not isinstance(ids, list) or not ids:
            return
        ok = ({"label", "trial", "study", "cohort", "review", "maker", "clinic", "service"}
              if doc.get("illustrative") else allowed[role])
        if not any(kinds.get(i) in ok for i in ids):
            problems.append((where, f"cites only {sorted({kinds.get(i) for i in ids})}, which cannot support it"))
    for key, field in doc.get("visit", {}).items():
        if isinstance(field, dict):
            for lk in ("sources", "min_sources", "max_sources"):
                check_kinds(f"visit.{key}.{lk}", field.get(lk), "visit")
    for i, ph in enumerate(doc.get("phases", [])):
        c = ph.get("cadence", {})
        check_kinds(f"phases[{i}].cadence.sources", c.get("sources"),
                    "as_needed" if c.get("as_needed") else "cadence")
        if isinstance(ph.get("visits"), dict):
            for lk in ("sources", "min_sources", "max_sources"):
                check_kinds(f"phases[{i}].visits.{lk}", ph["visits"].get(lk), "visits")
    for i, ph in enumerate(doc.get("phases", [])):
        c, v = ph.get("cadence", {}), ph.get("visits")
        if isinstance(v, dict) and isinstance(c.get("per_week"), int) and isinstance(c.get("weeks"), int) \
                and isinstance(v.get("max"), int) and v["max"] > c["per_week"] * c["weeks"]:
            problems.append((f"phases[{i}].visits.max", "at most per_week * weeks"))
    return problems

bad = 0
seen_ids = {}
for f in files:
    try:
        with open(f, encoding="utf-8") as fh:
            doc = json.load(fh, object_pairs_hook=no_duplicate_keys)
    except (ValueError, UnicodeDecodeError) as e:
        print(f"{f}: not valid JSON: {e}")
        bad += 1
        continue
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
    for e in errors:
        print(f"{f}: {path_of(e.absolute_path)}: {e.message[:300]}")
    problems = semantic(doc) if isinstance(doc, dict) else []
    for where, what in problems:
        print(f"{f}: {where}: {what}")
    pid = doc.get("id") if isinstance(doc, dict) else None
    if pid in seen_ids:
        print(f"{f}: id: {pid!r} is also the id of {seen_ids[pid]}")
        bad += 1
    seen_ids[pid] = f
    if errors or problems:
        bad += 1
print(f"schema_test: {len(files) - bad} of {len(files)} presets valid")
sys.exit(1 if bad else 0)
PY

# No dose anywhere: amounts with a unit, mg/kg, or titration wording.
if grep -n -i -E '([0-9][[:space:]]*(mg|mcg|µg|ml)\b)|mg/kg' "${files[@]}"; then
    echo "schema_test: a preset contains a dose amount (lines above)"
    fail=1
fi
if grep -n -i 'titrat' "${files[@]}"; then
    echo "schema_test: a preset contains titration wording (lines above)"
    fail=1
fi

[ $fail -eq 0 ] && echo "schema_test: ok (${#files[@]} presets)"
exit $fail
