#!/usr/bin/python3
"""Writes the no-dose and control-character patterns of presets/schema.json.

The C++ loader normalises text before its no-dose check (planner/io.cpp: NFKC with case
folded, format characters removed, every space one space); JSON Schema has only regular
expressions, so these patterns spell the same rule out: each letter in either case and in
full width, format characters allowed between letters, any Unicode space between a number
and its unit, the square unit signs. The loader stays the authority for the rest of NFKC;
tests/scripts/schema_test.sh runs both over the broken-file corpus, the dose samples and
every preset and fails where they disagree.

  /usr/bin/python3 tests/scripts/schema_patterns.py           # rewrite presets/schema.json
  /usr/bin/python3 tests/scripts/schema_patterns.py --check   # exit 1 when it is stale
"""
import json
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCHEMA = os.path.join(ROOT, "presets", "schema.json")

# Unicode format characters (category Cf) that can sit inside a word unseen.
F = "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
# Space separators and line breaks: one space to the loader.
SP = "[\\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\u0085]"
D = "[0-9\uff10-\uff19]"
LETTER = "[A-Za-z\uff21-\uff3a\uff41-\uff5a\u00c0-\u024f\u0370-\u03ff]"
WORD_CHAR = "A-Za-z0-9\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\u00c0-\u024f\u0370-\u03ff"
END = f"(?!{F}*{LETTER})"
START = f"(?<![{WORD_CHAR}])"
SQUARES = "[\u338d\u338e\u338f\u3396]"  # the square signs for microgram, mg, kg, ml
UNITS = ["mg", "mcg", "\u03bcg", "ug", "ml", "g", "gram", "milligram", "microgram",
         "milliliter", "millilitre", "kg"]


def letter(c):
    if c == "\u03bc":
        return "[\u00b5\u03bc\u039c]"  # micro sign, small and capital mu
    return f"[{c}{c.upper()}{chr(0xFF41 + ord(c) - 97)}{chr(0xFF21 + ord(c) - 97)}]"


def word(w):
    return (F + "*").join(letter(c) for c in w)


def alternatives(words):
    return "(?:" + "|".join(word(w) for w in sorted(words, key=len, reverse=True)) + ")"


PLURAL = f"(?:{F}*{letter('s')})?"
PATTERNS = {
    "a number then a mass or volume unit":
        f"{D}(?:[0-9\uff10-\uff19.,]|{F})*(?:{SP}|{F}|-)*"
        f"(?:{alternatives(UNITS)}{PLURAL}{END}|{SQUARES})",
    "titration, dosage, a unit word on its own, or a dose followed by a number":
        f"{word('titrat')}|{START}{word('dosage')}{PLURAL}{END}|"
        f"{START}{alternatives(u for u in UNITS if u != 'g')}{PLURAL}{END}|{SQUARES}|"
        f"{START}{word('dose')}{PLURAL}(?:{SP}|[:=])*(?:{word('of')}{SP}+)?{D}",
    "a control character (C0 but the line feed, DEL, C1, U+2028, U+2029)":
        "[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]",
}


def render(text):
    for desc, pattern in PATTERNS.items():
        re.compile(pattern)  # a pattern Python cannot compile is a bug here
        line = re.compile(r'(\{ "description": ' + re.escape(json.dumps(desc)) +
                          r', "pattern": )"(?:[^"\\]|\\.)*"( \})')
        if not line.search(text):
            sys.exit(f"schema_patterns: no line for {desc!r} in presets/schema.json")
        text = line.sub(lambda m: m.group(1) + json.dumps(pattern) + m.group(2), text)
    return text


def main():
    with open(SCHEMA, encoding="utf-8") as f:
        old = f.read()
    new = render(old)
    if "--check" in sys.argv[1:]:
        if new != old:
            print("schema_patterns: presets/schema.json is stale: run "
                  "/usr/bin/python3 tests/scripts/schema_patterns.py")
            return 1
        print("schema_patterns: presets/schema.json patterns are current")
        return 0
    with open(SCHEMA, "w", encoding="utf-8") as f:
        f.write(new)
    return 0


if __name__ == "__main__":
    sys.exit(main())
