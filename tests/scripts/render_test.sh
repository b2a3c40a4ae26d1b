#!/usr/bin/env bash
# Slides and handouts from the real binary, opened by independent tools: poppler-utils
# (pdfinfo, pdftotext, pdffonts), librsvg (rsvg-convert), imagemagick (identify, compare)
# and Python's XML parser. Golden renders are compared with a small tolerance.
# Usage: render_test.sh path/to/course-planner (ctest runs it from the repo root).
# UPDATE_GOLDEN=1 rewrites tests/data/golden/render/*.png.
set -u
bin=${1:?usage: render_test.sh path/to/course-planner}
bin=$(realpath "$bin")
disclaimer='Educational illustration of published schedules - not medical advice, not a dosing tool.'
tmp=$(mktemp -d)
keep=${RENDER_TEST_KEEP:-}
trap '[ -n "$keep" ] || rm -rf "$tmp"' EXIT
failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
export SOURCE_DATE_EPOCH=1767225600 TZ=UTC
# export2 / export4 ARGS...: export two (IV, Spravato) or four courses from 2026-12-07.
export2() { "$bin" export iv-six-two-weeks spravato-label --start 2026-12-07 "$@"; }
export4() {
    "$bin" export iv-six-two-weeks spravato-label im-illustrative subcutaneous-kads \
        --start 2026-12-07 "$@"
}

for tool in pdfinfo pdftotext pdffonts rsvg-convert identify compare; do
    command -v "$tool" >/dev/null || { echo "FAIL: $tool is missing (make deps installs it)" >&2; exit 1; }
done

# pdf_text FILE [PAGE]: the text of a PDF (one page), spaces squeezed (pdftotext breaks lines).
pdf_text() {
    if [ $# -gt 1 ]; then pdftotext -f "$2" -l "$2" "$1" - ; else pdftotext "$1" - ; fi |
        tr '\n' ' ' | tr -s ' '
}

# fonts_embedded FILE: every font pdffonts lists is embedded.
fonts_embedded() {
    local rows
    rows=$(pdffonts "$1" | tail -n +3)
    [ -n "$rows" ] || return 1
    ! awk '{ if ($(NF-4) != "yes") bad = 1 } END { exit !bad }' <<<"$rows"
}

# [SECTION] Slides: every view in every format
for view in calendar timeline week; do
    for size in 1024x640 1920x1080; do
        w=${size%x*}
        h=${size#*x}
        base="$tmp/$view-$size"
        export2 --view "$view" --size "$size" -o "$base.png" ||
            fail "png $view $size"
        [ "$(identify -format '%w %h' "$base.png" 2>/dev/null)" = "$w $h" ] ||
            fail "$base.png does not decode at $w x $h"
        export2 --view "$view" --size "$size" --format svg -o "$base.svg" ||
            fail "svg $view $size"
        /usr/bin/python3 -c 'import sys, xml.etree.ElementTree as ET; ET.parse(sys.argv[1])' \
            "$base.svg" || fail "$base.svg is not well-formed XML"
        rsvg-convert "$base.svg" -o "$base.svg.png" || fail "rsvg-convert could not read $base.svg"
        [ "$(identify -format '%w %h' "$base.svg.png" 2>/dev/null)" = "$w $h" ] ||
            fail "$base.svg renders at $(identify -format '%w %h' "$base.svg.png"), not $w $h"
        grep -qF "$disclaimer" "$base.svg" || fail "$base.svg lacks the disclaimer"
        export2 --view "$view" --size "$size" -o "$base.PDF" ||
            fail "pdf $view $size (format from an upper-case extension)"
        pdfinfo "$base.PDF" >"$base.info" 2>&1 || fail "pdfinfo could not read $base.PDF"
        grep -q "^Pages: *1$" "$base.info" || fail "$base.PDF is not one page"
        grep -q "^Page size: *$w x $h pts" "$base.info" || fail "$base.PDF page is not $w x $h pt"
        fonts_embedded "$base.PDF" || fail "$base.PDF has a font that is not embedded"
        pdf_text "$base.PDF" | grep -qF "$disclaimer" || fail "$base.PDF lacks the disclaimer"
    done
done
pdf_text "$tmp/week-1920x1080.PDF" | grep -qF 'Week 1 of' || fail "week slide lacks its heading"
# Under the lanes, each course's figures (the rows `show` prints).
pdf_text "$tmp/timeline-1920x1080.PDF" | grep -qF 'Visits 6 to 12 infusions 18 to 24 sessions' ||
    fail "the timeline slide lacks the figures under its lanes"
# A crowded picture counts what it cannot draw, and points to the handout (no zooming on paper).
export4 --view week --size 1024x640 -o "$tmp/w4.pdf" || fail "week slide of four courses"
pdf_text "$tmp/w4.pdf" | grep -qF 'more visits than fit here; the handout lists every visit' ||
    fail "the crowded week slide does not explain +N more"
pdf_text "$tmp/w4.pdf" | grep -qiF 'zoom' && fail "a slide tells its reader to zoom"
export4 --view week --week 3 --theme dark -o "$tmp/w3.pdf" || fail "week 3"
pdf_text "$tmp/w3.pdf" | grep -qF 'Week 3 of' || fail "--week 3 does not show week 3"
# Reproducible with SOURCE_DATE_EPOCH: the same command gives the same bytes.
export4 --view week --week 3 --theme dark -o "$tmp/w3-again.pdf" &&
    cmp -s "$tmp/w3.pdf" "$tmp/w3-again.pdf" || fail "the PDF slide is not reproducible"
export2 --format handout -o "$tmp/h1.pdf" &&
    export2 --format handout -o "$tmp/h2.pdf" &&
    cmp -s "$tmp/h1.pdf" "$tmp/h2.pdf" || fail "the handout is not reproducible"
# [SECTION] Handouts: page count, paper, disclaimer and page number on every page
check_handout() {  # FILE PAPER_LINE MIN_PAGES
    local file=$1 paper=$2 min=$3 pages p
    pdfinfo "$file" >"$file.info" 2>&1 || { fail "pdfinfo could not read $file"; return; }
    grep -q "^Page size: *$paper" "$file.info" || fail "$file is not $paper: $(grep 'Page size' "$file.info")"
    pages=$(sed -n 's/^Pages: *//p' "$file.info")
    [ "${pages:-0}" -ge "$min" ] || fail "$file has $pages pages, expected at least $min"
    fonts_embedded "$file" || fail "$file has a font that is not embedded"
    # Every page (pdftotext ends each with a form feed): the disclaimer and "Page N of M".
    pdftotext "$file" - | /usr/bin/python3 -c '
import sys
disclaimer, pages = sys.argv[1], int(sys.argv[2])
texts = [" ".join(t.split()) for t in sys.stdin.read().split("\f")][:pages]
bad = []
for n, text in enumerate(texts, 1):
    if disclaimer not in text:
        bad.append("page %d lacks the disclaimer" % n)
    if "Page %d of %d" % (n, pages) not in text:
        bad.append("page %d lacks \"Page %d of %d\"" % (n, n, pages))
if len(texts) != pages:
    bad.append("pdftotext found %d pages" % len(texts))
print("\n".join(bad[:10]))
sys.exit(1 if bad else 0)
' "$disclaimer" "${pages:-0}" || fail "$file: a page lacks its footer"
    # No word below 9 pt: Noto Sans word boxes are 1.362 em tall (ascent 1.069 + descent
    # 0.293), so 9 pt text gives 12.26 pt boxes; and no word outside the page.
    pdftotext -bbox "$file" - | /usr/bin/python3 -c '
import re, sys
page_w = page_h = None
bad = []
for line in sys.stdin:
    m = re.search(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\"", line)
    if m:
        page_w, page_h = float(m.group(1)), float(m.group(2))
        continue
    m = re.search(r"xMin=\"([\d.]+)\" yMin=\"([\d.]+)\" xMax=\"([\d.]+)\" yMax=\"([\d.]+)\">(.*)</word>", line)
    if not m:
        continue
    x0, y0, x1, y1 = map(float, m.groups()[:4])
    if y1 - y0 < 9 * 1.362 - 0.05:
        bad.append("small: %s (%.2f pt box)" % (m.group(5), y1 - y0))
    if x0 < 14 or y0 < 14 or x1 > page_w - 14 or y1 > page_h - 14:
        bad.append("outside the printable area: %s at %.0f,%.0f" % (m.group(5), x0, y0))
if bad:
    print("\n".join(bad[:10]))
    sys.exit(1)
' || fail "$file has text below 9 pt or outside the page"
}
"$bin" export iv-six-two-weeks --start 2026-12-07 --format handout -o "$tmp/one.pdf" || fail "handout 1"
check_handout "$tmp/one.pdf" "595 x 842 pts (A4)" 1
export2 --format handout --paper letter -o "$tmp/two.pdf" || fail "handout 2"
check_handout "$tmp/two.pdf" "612 x 792 pts (letter)" 3
pdf_text "$tmp/two.pdf" 1 | grep -qF 'Comparing two courses' || fail "two-course handout lacks the comparison page first"
# Spravato's overlapping session windows make April too tall to sit beside May on Letter:
# it goes across the page and on to the next, every visit drawn.
pdf_text "$tmp/two.pdf" | grep -qF 'April 2027, continued' || fail "a tall month is not split across pages"
pdftotext "$tmp/two.pdf" - | grep -qE '(^| )\+[0-9]+' && fail "a month of the two-course handout counts visits in +N"
export4 --format handout --paper a4 -o "$tmp/four.pdf" || fail "handout 4"
check_handout "$tmp/four.pdf" "595 x 842 pts (A4)" 5
"$bin" export iv-six-two-weeks --start 2026-12-07 --months 60 --format handout -o "$tmp/long.pdf" ||
    fail "handout of a long plan"
check_handout "$tmp/long.pdf" "595 x 842 pts (A4)" 6
# The differences from the published schedule: those `show` lists, in the handout too.
"$bin" export spravato-label --start 2026-12-07 --closed 2026-12-10 --format handout \
    -o "$tmp/closed.pdf" || fail "handout with a closed day"
pdf_text "$tmp/closed.pdf" | grep -qF 'Week 1 has 1 session, as the clinic is closed Thu 10 Dec' ||
    fail "the handout lacks the difference a closed day makes"
pdf_text "$tmp/one.pdf" | grep -qF 'None: the visits follow the published schedule.' ||
    fail "the handout of an unchanged plan does not say it follows the published schedule"
# A plan file: a visit left out and a person's note (markup stays text) reach the handout.
"$bin" plan iv-six-two-weeks --start 2026-12-07 --skip iv-six-two-weeks/induction/2 \
    --note 'iv-six-two-weeks/induction/1=<b>bring a book</b>' -o "$tmp/my.courseplan.json" \
    >/dev/null || fail "plan file"
"$bin" export "$tmp/my.courseplan.json" --format handout --notes -o "$tmp/plan.pdf" || fail "plan handout"
pdf_text "$tmp/plan.pdf" | grep -qF 'left out in this plan' || fail "the handout lacks the left-out visit"
pdf_text "$tmp/plan.pdf" | grep -qF '<b>bring a book</b>' || fail "the handout lacks the visit's note"
# Notes are personal: without --notes the handout leaves them out, as every writer does.
"$bin" export "$tmp/my.courseplan.json" --format handout -o "$tmp/plan-no-notes.pdf" ||
    fail "plan handout without notes"
pdf_text "$tmp/plan-no-notes.pdf" | grep -qF 'bring a book' && fail "the handout prints a note it was not asked for"
pdf_text "$tmp/plan-no-notes.pdf" | grep -qF 'left out in this plan' || fail "the handout without notes lacks the left-out visit"
"$bin" export "$tmp/my.courseplan.json" --view week -o "$tmp/plan.png" || fail "plan slide"
# Sources are links: pdfinfo -url lists each preset URL as an annotation.
pdfinfo -url "$tmp/one.pdf" | grep -qF 'https://doi.org/10.1016/j.biopsych.2012.06.022' ||
    fail "handout does not link the Murrough 2013 source"
# The glossary: "Words used here" and every entry the Markdown lists, word for word.
spravato_h=$tmp/spravato-h.pdf
"$bin" export spravato-label iv-six-two-weeks --start 2026-12-07 --format handout \
    -o "$spravato_h" || fail "handout of Spravato and IV"
"$bin" export spravato-label --start 2026-12-07 --format md -o "$tmp/spravato.md" || fail "markdown"
pdf_text "$spravato_h" | grep -qF 'Words used here' || fail "the handout lacks \"Words used here\""
terms=0
while IFS= read -r entry; do
    terms=$((terms + 1))
    pdf_text "$spravato_h" | grep -qF -- "$entry" || fail "the handout's glossary lacks: $entry"
done < <(sed -n 's/^- \*\*\([^*]*\)\*\*: \(.*\)$/\1 \2/p' "$tmp/spravato.md")
[ "$terms" -ge 10 ] || fail "only $terms glossary entries read from the Markdown"
# Visit times worded as every writer words them: Spravato's observation is a minimum.
pdf_text "$spravato_h" | grep -qE 'Spray and rest 09:00-09:30, then observation until at least 11:30' ||
    fail "the handout's Spravato visits do not say the observation ends at least at 11:30"
grep -qF 'Spray and rest 09:00-09:30, then observation until at least 11:30' "$tmp/spravato.md" ||
    fail "the Markdown words Spravato's visit times otherwise than the handout test expects"
# Phase notes carry their citation marks, as in the Markdown.
pdf_text "$spravato_h" | grep -qE 'Induction: The label says the benefit is checked at the end of week 4, to decide whether to go on\. \[[0-9]+\]' ||
    fail "the handout's phase note lacks its citation mark"

# [SECTION] Hostile names stay text
hostile='<script>alert(1)</script> =HYPERLINK("http://x")'
/usr/bin/python3 - "$hostile" presets/iv-six-two-weeks.json "$tmp/hostile.json" <<'EOF'
import json, sys
preset = json.load(open(sys.argv[2]))
preset["title"] = sys.argv[1]
preset["id"] = "hostile-title"
json.dump(preset, open(sys.argv[3], "w"))
EOF
"$bin" export "$tmp/hostile.json" --start 2026-12-07 --format svg -o "$tmp/hostile.svg" || fail "hostile svg"
/usr/bin/python3 - "$tmp/hostile.svg" "$hostile" <<'EOF' || fail "hostile title is not inert text in the SVG"
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert not any(e.tag.endswith("script") for e in root.iter()), "a script element"
assert root.find(ns + "title").text == sys.argv[2], root.find(ns + "title").text
EOF
rsvg-convert "$tmp/hostile.svg" -o "$tmp/hostile.png" || fail "rsvg-convert rejects the hostile SVG"
"$bin" export "$tmp/hostile.json" --start 2026-12-07 --format pdf -o "$tmp/hostile.pdf" || fail "hostile pdf"
pdf_text "$tmp/hostile.pdf" | grep -qF '<script>alert(1)</script>' ||
    fail "the hostile title is not plain text in the PDF slide"
"$bin" export "$tmp/hostile.json" --start 2026-12-07 --format handout -o "$tmp/hostile-h.pdf" ||
    fail "hostile handout"
pdf_text "$tmp/hostile-h.pdf" | grep -qF '=HYPERLINK("http://x")' ||
    fail "the hostile title is not plain text in the handout"
"$bin" export "$tmp/hostile.json" --start 2026-12-07 --format csv -o "$tmp/hostile.csv" || fail "hostile csv"
/usr/bin/python3 - "$tmp/hostile.csv" <<'EOF' || fail "a CSV field starts a formula"
import csv, sys
for row in csv.reader(open(sys.argv[1], newline="")):
    for field in row:
        assert not field[:1] in ("=", "+", "-", "@", "\t", "\r"), field
EOF

# [SECTION] Usage errors name the flag
for args in "--size 10x10" "--size big" "--view month" "--theme blue" "--week 0" \
    "--format handout --paper a3" "--format handout --view week" "--format png --paper a4" \
    "--view timeline --week 2"; do
    # shellcheck disable=SC2086
    "$bin" export iv-six-two-weeks --format png $args -o "$tmp/x.png" >"$tmp/out" 2>"$tmp/err"
    status=$?
    [ "$status" -eq 2 ] || fail "exit $status, expected 2: export $args"
    [ "$(wc -l <"$tmp/err")" -eq 1 ] || fail "not one line on stderr: export $args: $(cat "$tmp/err")"
    flag=${args%% *}
    [ "$flag" = "--format" ] && flag=$(awk '{print $3}' <<<"$args")
    grep -qF -- "$flag" "$tmp/err" || fail "stderr does not name $flag: $(cat "$tmp/err")"
done
"$bin" export iv-six-two-weeks --view week --week 99 -o "$tmp/x.png" 2>"$tmp/err"
[ $? -eq 2 ] && grep -qF -- '--week' "$tmp/err" || fail "--week past the plan is not a usage error"

# [SECTION] Golden renders: small PNGs compared pixel by pixel with a 5% colour fuzz
golden=tests/data/golden/render
mkdir -p "$tmp/golden"
golden_case() {  # NAME ARGS... (two courses)
    local name=$1
    shift
    export2 "$@" --size 640x400 -o "$tmp/golden/$name.png" || { fail "golden $name"; return; }
    if [ "${UPDATE_GOLDEN:-}" = 1 ]; then
        cp "$tmp/golden/$name.png" "$golden/$name.png"
        echo "updated $golden/$name.png"
        return
    fi
    [ -f "$golden/$name.png" ] || { fail "missing $golden/$name.png (UPDATE_GOLDEN=1)"; return; }
    local diff=$tmp/golden/$name-diff.png differ
    differ=$(compare -metric AE -fuzz 5% "$golden/$name.png" "$tmp/golden/$name.png" "$diff" 2>&1)
    # Up to 0.2% of the 256000 pixels may differ (font rasteriser versions); more is a change.
    if ! [[ "$differ" =~ ^[0-9]+$ ]] || [ "$differ" -gt 512 ]; then
        local saved=${TMPDIR:-/tmp}/render-golden-$name-diff.png
        cp "$diff" "$saved" 2>/dev/null
        fail "$name.png differs from $golden/$name.png in $differ pixels (diff image: $saved;" \
            "UPDATE_GOLDEN=1 if the change is intended)"
    fi
}
golden_case calendar-light --view calendar
golden_case timeline-dark --view timeline --theme dark
golden_case week2-light --view week --week 2

[ "$failures" -eq 0 ] && echo "render_test.sh: all checks passed"
exit $((failures > 0))
