#!/usr/bin/env bash
# Every shipped preset validates against presets/schema.json (an independent check of the
# C++ loader), cross-references hold, no preset carries a dose, and the schema and the
# loader agree on the broken-file corpus and the dose samples.
# Usage: bash tests/scripts/schema_test.sh path/to/course-planner (run from the repo root).
# PRESETS_DIR overrides the folder (to try a broken copy by hand).
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
        if isinstance(ph.get("reschedule"), dict):
            check_kinds(f"phases[{i}].reschedule.sources", ph["reschedule"].get("sources"), "visit")
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

# The schema and the loader agree: over the broken-file corpus (the loader refuses every
# file; so must the schema, or the semantic checks above, unless the case is one JSON Schema
# cannot say, listed below with why) and over the dose samples put into a good preset
# (each verdict the same). The loader is the real binary: `course-planner validate`.
"$python" tests/scripts/schema_patterns.py --check || fail=1
bin=${1:-}
if [ -n "$bin" ] && [ -x "$bin" ]; then
    agree=$(mktemp -d)
    "$python" - "$schema" "$bin" "$agree" "${files[0]}" <<'PY' || fail=1
import glob, json, os, subprocess, sys
import jsonschema

schema_path, binary, work, good = sys.argv[1:5]
validator = jsonschema.Draft202012Validator(json.load(open(schema_path, encoding="utf-8")))
# Corpus cases only the loader can judge: positions, counts and sums across fields.
LOADER_ONLY = {
    "source-not-declared": "declared source ids (the semantic check sees it too)",
    "duplicate-source-id": "unique source ids",
    "duplicate-phase-id": "unique phase ids",
    "max-below-min": "min <= max",
    "every-weeks-max-below-min": "min <= max",
    "visits-over-cap": "visits.max <= per_week * weeks",
    "visits-min-0": "visits within per_week * weeks",
    "visit-over-12-hours": "treatment plus observation at most 720 minutes",
    "too-many-visits": "at most 5000 visits in a course",
    "huge-string": "the 2000-byte limit counts bytes, the schema characters",
    "deeply-nested": "nesting depth",
    "bom-then-error": "a byte order mark (Python's json refuses the whole file)",
    "weeks-float": "2.0 for an integer (JSON Schema counts it as one; the loader wants 2)",
    "source-uncited": "every declared source cited by some field (the semantic check sees it too)",
    "cadence-clinic-only": "the kinds a field may rest on (the semantic check applies the table)",
    "duration-service-only": "the kinds a field may rest on (the semantic check applies the table)",
    "as-needed-agency-only": "the kinds a field may rest on (the semantic check applies the table)",
    "visits-maker-only": "the kinds a field may rest on (the semantic check applies the table)",
    "ride-home-cohort-only": "the kinds a field may rest on (the semantic check applies the table)",
    "fasting-service-only": "the kinds a field may rest on (the semantic check applies the table)",
    "observation-max-service-only": "the kinds a field may rest on (the semantic check applies the table)",
    "reschedule-agency-only": "the kinds a field may rest on (the semantic check applies the table)",
    "cadence-two-unsupporting-kinds": "the kinds a field may rest on (the semantic check applies the table)",
    "illustrative-agency-only": "the kinds a field may rest on (the semantic check applies the table)",
    "per-end-single-value": "per-end sources only when the ends differ (min != max)",
}

def schema_refuses(path):
    raw = open(path, "rb").read()
    try:
        doc = json.loads(raw.decode("utf-8"),
                         object_pairs_hook=lambda pairs: dict(pairs) if len({k for k, _ in pairs}) == len(pairs)
                         else (_ for _ in ()).throw(ValueError("duplicate key")))
    except (ValueError, UnicodeDecodeError, RecursionError):
        return True
    return any(True for _ in validator.iter_errors(doc))

def loader_verdicts(paths):
    out = subprocess.run([binary, "validate", *paths], capture_output=True, text=True,
                         errors="replace").stdout
    ok = {line[: -len(": ok")] for line in out.splitlines() if line.endswith(": ok")}
    return {p: p not in ok for p in paths}

bad = 0
corpus = sorted(glob.glob("tests/data/bad/*.json"))
loader = loader_verdicts(corpus)
for path in corpus:
    name = os.path.basename(path)[:-5]
    if not loader[path]:
        print(f"schema_test: the loader accepts the broken file {path}")
        bad += 1
    elif name not in LOADER_ONLY and not schema_refuses(path):
        print(f"schema_test: the schema accepts {path}, the loader refuses it")
        bad += 1

base = json.load(open(good, encoding="utf-8"))
samples = []
for line in open("tests/data/bad/dose-samples.txt", encoding="utf-8"):
    kind, _, sample = line.rstrip("\n").partition(": ")
    if kind not in ("refuse", "accept", "key"):
        continue
    doc = json.loads(json.dumps(base))
    if kind == "key":
        doc["visit"][sample] = 1
    else:
        doc["phases"][0]["note"] = json.loads('"' + sample + '"')
    path = os.path.join(work, f"sample-{len(samples)}.json")
    json.dump(doc, open(path, "w", encoding="utf-8"), ensure_ascii=False)
    samples.append((kind, sample, path))
loader = loader_verdicts([p for _, _, p in samples])
for kind, sample, path in samples:
    want = kind != "accept"
    if loader[path] != want or schema_refuses(path) != want:
        print(f"schema_test: {kind} {sample!r}: loader refuses={loader[path]}, "
              f"schema refuses={schema_refuses(path)}")
        bad += 1
print(f"schema_test: schema and loader agree on {len(corpus)} broken files "
      f"({len(LOADER_ONLY)} loader-only) and {len(samples)} dose samples"
      if not bad else f"schema_test: {bad} disagreement(s)")
sys.exit(1 if bad else 0)
PY
    rm -rf "$agree"
else
    echo "schema_test: no course-planner binary given: the loader agreement check did not run"
    fail=1
fi

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
