#!/usr/bin/env bash
# Plain words in the printed handout: for each shipped preset (and a two-course comparison)
# the handout PDF is read back with pdftotext (poppler-utils), and every sentence is at most
# 25 words, counted as tests/planner/plain_words_test.cpp counts: source titles, links and
# identifiers are quoted as published and not counted, citation marks ("[1, 3]") are not words.
# pdftotext gives one line per printed line: a line that runs near the full width of its
# column (45 characters or more) wraps on to the next, shorter ones (headings, table labels, the
# calendar's cells) stand alone, and so does a course's title. A sentence ends at . ! or ? before a space, or where a line
# stands alone. pdftotext joins a word hyphenated at a line end, so hyphens are compared out.
# Usage: handout_words_test.sh path/to/course-planner (ctest runs it from the repo root).
set -u
bin=${1:?usage: handout_words_test.sh path/to/course-planner}
command -v pdftotext >/dev/null || { echo "FAIL: pdftotext is missing (make deps installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC

ids=()
for f in presets/*.json; do
    [ "$(basename "$f")" = schema.json ] && continue
    ids+=("$(basename "$f" .json)")
done
for id in "${ids[@]}"; do
    "$bin" export "$id" --start 2026-03-02 --closed 2026-03-04 --format handout \
        -o "$tmp/$id.pdf" || { echo "FAIL: no handout for $id"; exit 1; }
    pdftotext "$tmp/$id.pdf" "$tmp/$id.txt"
done
"$bin" export iv-six-two-weeks spravato-label --start 2026-03-02 --format handout \
    -o "$tmp/two.pdf" && pdftotext "$tmp/two.pdf" "$tmp/two.txt"

/usr/bin/python3 - "$tmp" presets/*.json <<'PY'
import glob, json, os, re, sys
tmp, files = sys.argv[1], [f for f in sys.argv[2:] if not f.endswith("schema.json")]
quoted, titles = set(), set()
for f in files:
    doc = json.load(open(f, encoding="utf-8"))
    titles.add(doc["title"])
    for s in doc["sources"]:
        for k in ("title", "url", "identifier"):
            if s.get(k):
                quoted.add(s[k])
quoted = sorted({q.replace("-", "") for q in quoted}, key=len, reverse=True)
MAX = 25

def words(sentence):
    return sum(1 for w in sentence.split() if re.search(r"[A-Za-z0-9]", w))

def sentences(block):
    block = block.replace("-", "")
    for q in quoted:
        block = block.replace(q, " ")
    block = re.sub(r"\[[0-9, ]+\]", " ", block)
    return re.split(r"(?<=[.!?])\s+", block)

# The measure can fail: the kind of sentence the review found is too long.
assert words("The label says the frequency is individualized to the least frequent schedule "
             "that keeps the response, so each visit is shown as a window and more words "
             "follow here.") > MAX

bad = checked = 0
for path in sorted(glob.glob(os.path.join(tmp, "*.txt"))):
    blocks, cur = [], ""
    for line in open(path, encoding="utf-8").read().replace("\f", "\n").split("\n"):
        line = " ".join(line.split())
        cur = (cur + " " + line).strip()
        # A course's title is a heading however long: "A Title", wrapped or not.
        if len(line) < 45 or re.sub(r"^[A-Z]{1,2} ", "", cur) in titles:
            blocks.append(cur)
            cur = ""
    blocks.append(cur)
    for block in blocks:
        for s in sentences(block):
            checked += 1
            if words(s) > MAX:
                print(f"FAIL: {os.path.basename(path)[:-4]}: a sentence of {words(s)} words "
                      f"(at most {MAX}): {s}")
                bad += 1
if checked < 500:
    print(f"FAIL: only {checked} sentences read from the handouts")
    bad += 1
if bad == 0:
    print(f"handout_words_test: ok ({checked} sentences in {len(files) + 1} handouts, "
          f"at most {MAX} words each)")
sys.exit(1 if bad else 0)
PY
