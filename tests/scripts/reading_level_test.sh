#!/usr/bin/env bash
# Plain words, measured: the prose of each shipped preset (title, description, illustrative
# note, phase names and notes, derived sentences, source notes) and the glossary read at grade 8
# or below on the Flesch-Kincaid grade level of GNU style (Debian package diction). Why that
# index: docs/presets.md "Plain words". Sentence length (at most 25 words) is
# tests/planner/plain_words_test.cpp.
# Usage: bash tests/scripts/reading_level_test.sh [course-planner] (run from the repo root; the
# binary is unused).
set -u
max_grade=8.0
python=/usr/bin/python3
command -v style >/dev/null || { echo "reading_level_test: GNU style missing (apt-get install diction)"; exit 1; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# Kincaid grade of a text file, as style prints it ("Kincaid: 5.2").
grade() {
    style "$1" | sed -n 's/^[[:space:]]*Kincaid:[[:space:]]*\([-0-9.]*\).*/\1/p'
}

# The measure must be able to fail: a sentence of the kind the review found reads far above 8.
cat >"$tmp/hard.txt" <<'EOF'
The label says the frequency is individualized to the least frequent dosing schedule that maintains remission or response, so each subsequent administration is represented as a window.
EOF
hard=$(grade "$tmp/hard.txt")
if [ -z "$hard" ] || ! awk -v g="$hard" -v m="$max_grade" 'BEGIN { exit !(g > m) }'; then
    echo "reading_level_test: style rated a hard sentence at '$hard', not above $max_grade"
    exit 1
fi

"$python" - "$tmp" presets/*.json <<'PY' || exit 1
import json, os, re, sys
out, files = sys.argv[1], [f for f in sys.argv[2:] if not f.endswith("schema.json")]
def sentence(t):
    return t if re.search(r"[.!?]$", t) else t + "."
for f in files:
    doc = json.load(open(f, encoding="utf-8"))
    texts = [doc["title"], doc["description"], doc.get("illustrative_note", "")]
    for key in ("treatment_minutes", "observation_minutes"):
        texts.append(doc["visit"][key].get("derived", ""))
    for ph in doc["phases"]:
        texts += [ph["name"], ph.get("note", ""), ph["cadence"].get("derived", ""),
                  ph.get("visits", {}).get("derived", "")]
    texts += [s.get("note", "") for s in doc["sources"]]
    with open(os.path.join(out, os.path.basename(f) + ".txt"), "w", encoding="utf-8") as fh:
        fh.write("\n\n".join(sentence(t) for t in texts if t) + "\n")
# The glossary: planner/glossary.cpp is plain data, {"Term", "Definition"} pairs.
src = open("planner/glossary.cpp", encoding="utf-8").read()
pairs = re.findall(r'\{"([^"]+)",\s*((?:"[^"]*"\s*)+)\}', src)
assert len(pairs) >= 8, "glossary entries not found in planner/glossary.cpp"
with open(os.path.join(out, "glossary.txt"), "w", encoding="utf-8") as fh:
    for term, parts in pairs:
        fh.write(term + ". " + "".join(re.findall(r'"([^"]*)"', parts)) + "\n\n")
PY

fail=0
count=0
for f in "$tmp"/*.txt; do
    [ "$(basename "$f")" = hard.txt ] && continue
    g=$(grade "$f")
    count=$((count + 1))
    if [ -z "$g" ] || ! awk -v g="$g" -v m="$max_grade" 'BEGIN { exit !(g <= m) }'; then
        echo "reading_level_test: $(basename "$f" .txt): Flesch-Kincaid grade '$g', above $max_grade"
        fail=1
    else
        echo "reading_level_test: $(basename "$f" .txt): grade $g"
    fi
done
[ "$count" -ge 14 ] || { echo "reading_level_test: only $count texts measured"; exit 1; }
[ $fail -eq 0 ] && echo "reading_level_test: ok ($count texts at grade $max_grade or below)"
exit $fail
