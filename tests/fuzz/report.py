#!/usr/bin/python3
"""Writes docs/reliability.md from what the repository records, so the figures stay true.

Sources: tests/fuzz/results.tsv (every fuzz run), tests/fuzz/bugs.tsv (every bug found,
with its regression tests), tests/asan/results.tsv (sanitizer runs), the broken-file
corpus tests/data/bad/, tests/planner/limits_test.cpp, tests/scripts/privacy_test.sh and
crash_save_test.sh, the settings tests in tests/ui/, and the hardening tests (files_test,
hostile_text_test, ics_strict_test, install_test, text_guard_test, dose-samples.txt). Every regression test named in
bugs.tsv must exist, or this script fails.

  /usr/bin/python3 tests/fuzz/report.py            # rewrite docs/reliability.md
  /usr/bin/python3 tests/fuzz/report.py --stdout   # print it (the doc test diffs this)
"""
import csv
import glob
import os
import re
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))


def path(*parts):
    return os.path.join(ROOT, *parts)


def read(rel):
    with open(path(rel), encoding="utf-8") as f:
        return f.read()


def tsv_rows(rel):
    if not os.path.exists(path(rel)):
        return []
    with open(path(rel), encoding="utf-8", newline="") as f:
        return [r for r in csv.DictReader(f, delimiter="\t") if any(r.values())]


def fail(message):
    sys.stderr.write("report.py: " + message + "\n")
    sys.exit(1)


def test_cases(rel):
    """TEST_CASE names in a doctest file."""
    return re.findall(r'TEST_CASE\("((?:[^"\\]|\\.)*)"\)', read(rel))


def thousands(n):
    return f"{n:,}".replace(",", " ")


def fuzz_section():
    runs = tsv_rows("tests/fuzz/results.tsv")
    targets = sorted(
        os.path.basename(p)[len("fuzz_"):-len(".cpp")]
        for p in glob.glob(path("tests/fuzz/fuzz_*.cpp")))
    out = ["## Fuzz targets", ""]
    out.append("libFuzzer with AddressSanitizer and UndefinedBehaviorSanitizer, library code "
               "instrumented as well (`make fuzz FUZZ_SECONDS=N`; every run appends a line to "
               "`tests/fuzz/results.tsv`). Executions survived are summed over every recorded "
               "run; a run that found a crash is counted under *crashing runs*, and its bug "
               "is listed below.")
    out.append("")
    out.append("| target | what it checks | runs | seconds | executions survived | "
               "crashing runs |")
    out.append("|---|---|---:|---:|---:|---:|")
    total_execs = 0
    for t in targets:
        src = read(f"tests/fuzz/fuzz_{t}.cpp")
        first = " ".join(
            line[3:].strip() for line in src.splitlines()[:3] if line.startswith("// "))
        mine = [r for r in runs if r["target"] == t]
        ok = [r for r in mine if r["result"] == "ok"]
        crashes = len(mine) - len(ok)
        execs = sum(int(r["executions"]) for r in ok)
        secs = sum(int(r["seconds"]) for r in mine)
        total_execs += execs
        out.append(f"| `{t}` | {first} | {len(mine)} | {thousands(secs)} | "
                   f"{thousands(execs)} | {crashes} |")
    out.append("")
    out.append(f"In all: {len(targets)} targets, {thousands(total_execs)} executions without "
               "a failure.")
    out.append("")
    out.append("Not fuzzed, and why:")
    out.append("")
    out.append("- **SVG**: the SVG writer does not exist yet, so the export round trip checks "
               "ICS, JSON, CSV and Markdown only (ICS lines end in CRLF and are at most 75 "
               "octets, every output is valid UTF-8 and carries the disclaimer, JSON parses).")
    out.append("")
    return out


def bugs_section():
    bugs = tsv_rows("tests/fuzz/bugs.tsv")
    out = ["## Bugs found", ""]
    if not bugs:
        out.append("None yet.")
        out.append("")
        return out
    out.append("Each bug has a regression test; this page is only generated when every test "
               "named here exists.")
    out.append("")
    out.append("| # | found by | where | what | regression tests |")
    out.append("|---:|---|---|---|---|")
    for b in bugs:
        tests = []
        for ref in b["regression"].split(";"):
            ref = ref.strip()
            if "::" in ref:
                rel, name = ref.split("::", 1)
                if name not in test_cases(rel):
                    fail(f"bug {b['id']}: no TEST_CASE \"{name}\" in {rel}")
                tests.append(f"`{rel}`: \"{name}\"")
            else:
                if not os.path.exists(path(ref)):
                    fail(f"bug {b['id']}: regression input {ref} is missing")
                tests.append(f"`{ref}`")
        out.append(f"| {b['id']} | {b['found_by']} | `{b['where']}` | {b['what']} | "
                   f"{'; '.join(tests)} |")
    out.append("")
    return out


def bad_corpus_section():
    out = ["## Broken-file corpus", ""]
    inputs = sorted(
        p for p in glob.glob(path("tests/data/bad/*"))
        if not p.endswith((".expected", ".py", ".txt", ".md")) and os.path.isfile(p))
    if not inputs:
        out.append("`tests/data/bad/` is not there yet.")
        out.append("")
        return out
    missing = [os.path.basename(p) for p in inputs
               if not os.path.exists(os.path.splitext(p)[0] + ".expected")]
    if missing:
        fail("broken files without an .expected error: " + ", ".join(missing))
    empty = [os.path.basename(p) for p in inputs
             if not read(os.path.relpath(os.path.splitext(p)[0] + ".expected", ROOT)).strip()]
    if empty:
        fail("empty .expected files: " + ", ".join(empty))
    fields = {}
    for p in inputs:
        exp = read(os.path.relpath(os.path.splitext(p)[0] + ".expected", ROOT)).strip()
        # "file:line:column: field: expected": group by the field's last part
        parts = exp.split(": ")
        field = parts[1] if len(parts) > 2 else "(file)"
        key = re.split(r"[.\[]", field)[0] or field  # the top-level field it is about
        fields[key] = fields.get(key, 0) + 1
    plans = [p for p in inputs if p.endswith(".courseplan.json")]
    out.append(f"`tests/data/bad/` holds **{len(inputs) - len(plans)} broken preset files** and "
               f"**{len(plans)} broken plan files** (`*.courseplan.json`, a plan from a newer "
               "format version among them), each with the exact first error it must produce in "
               f"a `.expected` file beside it (all {len(inputs)} have one; the io test "
               "\"io: the broken-file corpus gives the expected first problem\" checks every one "
               "against `validate_protocol` and `parse_protocol`, or `validate_plan` and "
               "`parse_plan`). They also seed the `preset_json`, `plan_json` and "
               "`export_roundtrip` fuzz targets.")
    out.append("")
    out.append("First errors by top-level field: " + ", ".join(
        f"`{k}` {v}" for k, v in sorted(fields.items(), key=lambda kv: (-kv[1], kv[0]))) + ".")
    out.append("")
    return out


def limits_section():
    out = ["## Limits", ""]
    rel = "tests/planner/limits_test.cpp"
    if not os.path.exists(path(rel)):
        out.append("No limits test yet.")
        out.append("")
        return out
    out.append("Absurd values get a clear error naming the field, never a hang, a stack "
               "overflow or an allocation storm. The limits themselves are listed in "
               "[docs/presets.md](presets.md#limits); each case below asserts the exact error "
               f"(`{rel}`):")
    out.append("")
    for name in test_cases(rel):
        out.append(f"- {name}")
    out.append("")
    return out


def sanitizer_section():
    out = ["## Sanitizers", ""]
    runs = tsv_rows("tests/asan/results.tsv")
    out.append("`make test-asan` builds everything but bench/ (library, command line, window, "
               "tests) with AddressSanitizer, LeakSanitizer and UndefinedBehaviorSanitizer "
               "(`-fno-sanitize-recover=all`) in `build-asan/` and runs the whole ctest "
               "suite, the UI tests and the end-to-end window tests under Xvfb included. "
               "Every run appends a line to `tests/asan/results.tsv`.")
    out.append("")
    supp = path("tests/asan/lsan.supp")
    lines = []
    if os.path.exists(supp):
        lines = [l for l in read("tests/asan/lsan.supp").splitlines()
                 if l.strip() and not l.startswith("#")]
    exclusion = ("One exclusion: the real window's Xvfb runs "
                 "(`tests/scripts/gui_e2e_test.sh`) keep ASan and UBSan but not leak "
                 "detection, because Mesa's llvmpipe driver, unloaded at exit, leaves two "
                 "56-byte blocks that LeakSanitizer cannot attribute to any module. Our UI "
                 "code is leak-checked without GL by `ui_tests`.")
    if lines:
        out.append(f"LeakSanitizer suppressions (`tests/asan/lsan.supp`, third-party frames "
                   f"only): {len(lines)} line(s), each documented in the file. " + exclusion)
    else:
        out.append("No LeakSanitizer suppressions. " + exclusion)
    out.append("")
    if runs:
        last = runs[-1]
        out.append(f"Last recorded run ({last['date']}): {last['tests']} tests, "
                   f"{last['failed']} failed, {last['reports']} sanitizer reports. "
                   f"Runs recorded: {len(runs)}.")
    else:
        out.append("No run recorded yet.")
    out.append("")
    return out


def files_section():
    out = ["## Files on disk and privacy", ""]
    if not os.path.exists(path("tests/scripts/privacy_test.sh")):
        out.append("The privacy and crash-during-save tests land with the command line.")
        out.append("")
        return out
    privacy = read("tests/scripts/privacy_test.sh")
    labels = re.findall(r'check_cli "([^"]+)"', privacy)
    labels = [l.replace("$fmt", "ics|json|csv|md") for l in labels]
    crash = read("tests/scripts/crash_save_test.sh")
    kills = re.search(r"for i in \$\(seq 1 (\d+)\)", crash)
    out.append("- **No network** (`tests/scripts/privacy_test.sh`): every command runs under "
               "`strace`; the command line makes no socket call at all (socket, connect, bind, "
               f"sendto, sendmsg), checked for {len(labels)} invocations: "
               + ", ".join(f"`{l}`" for l in labels)
               + ". The window, under Xvfb, makes no AF_INET, AF_INET6, AF_PACKET or AF_NETLINK "
               "socket (its only sockets are the local connection to the X server).")
    out.append("- **Private files**: every `export -o` file is mode 0600, even under umask 000 "
               "(same script); files are written by `planner::io::write_file_atomic` (temporary "
               "file in the same folder, fsync, rename, fsync of the folder).")
    out.append(f"- **Crash during save** (`tests/scripts/crash_save_test.sh`): "
               f"{kills.group(1) if kills else '?'} `kill -9` at random moments while "
               "`export -o` rewrites the same file, alternating two different exports; after "
               "every kill the file is byte for byte one of the two, never torn.")
    settings = []
    for rel in sorted(glob.glob(path("tests/ui/*.cpp"))):
        r = os.path.relpath(rel, ROOT)
        settings += [(r, n) for n in test_cases(r) if "damaged" in n and "aside" in n]
    if settings:
        r, n = settings[0]
        out.append(f"- **Damaged settings**: `{r}`: \"{n}\": the damaged file is renamed aside "
                   "and kept, defaults are used with a warning, and the next save never "
                   "overwrites it.")
    else:
        out.append("- **Damaged settings**: no test yet (the settings file lands with the "
                   "window).")
    out.append("- **Personal notes**: the model holds no personal notes yet, so no export can "
               "contain one; exports hold the published schedule, the course's dates and "
               "weekdays, and the disclaimer.")
    out.append("")
    return out


def numbered_steps(rel):
    """The "# 1. ..." headings of a script test, each with its continuation comment lines."""
    steps, current = [], None
    for line in read(rel).splitlines():
        m = re.match(r"# (\d+)\. (.*)", line)
        if m:
            current = [m.group(2).strip()]
            steps.append(current)
        elif current is not None and line.startswith("# ") and not re.match(r"# \S+:", line):
            current.append(line[2:].strip())
        else:
            current = None
    return [" ".join(s) for s in steps]


def steps_list(rel):
    if not os.path.exists(path(rel)):
        return [f"- `{rel}` is not there yet."]
    return [f"- {s}" for s in numbered_steps(rel)]


def hardening_section():
    out = ["## Hostile files, hostile text, strict readers", ""]
    out.append("Found from outside (a fresh Debian 12 root, khal, calcurse, libical, "
               "python3-vobject, hostile preset files) and fixed; each case has a test.")
    out.append("")
    out.append("**Files written and read** (`tests/scripts/files_test.sh`; FIFOs, symlinks and "
               "folders made by the test, `/dev/full` only as a redirect target, never an `-o` "
               "argument):")
    out.append("")
    out += steps_list("tests/scripts/files_test.sh")
    out.append("")
    out.append("A file with other hard links is replaced atomically like any other, which "
               "detaches it from its other names (they keep the old content); the command "
               "line says so in a warning. Atomic saves come first: writing in place could "
               "leave a torn file after a crash. A character device is written as a stream "
               "like a FIFO (`planner::io::write_file_atomic`), but no test points `-o` at a "
               "real device.")
    out.append("")
    out.append("**Text from presets**: the loader refuses control characters and line breaks "
               "in one-line fields (corpus cases `title-escape`, `phase-note-osc`, "
               "`title-two-lines` ...); the writers neutralise what remains, each in its own "
               "way (`planner/text_guard.hpp`):")
    out.append("")
    out.append("| writer | C0/C1 controls, DEL, ESC, NUL | bidi controls (U+202A-202E, "
               "U+2066-2069, U+200E/200F, U+061C) |")
    out.append("|---|---|---|")
    out.append("| terminal (`show`, `list`, error lines), colour or not | U+FFFD (tab and line "
               "feed: a space) | U+FFFD |")
    out.append("| iCalendar | dropped (RFC 5545 TEXT allows none) | U+FFFD |")
    out.append("| CSV, Markdown | (refused by the loader) | U+FFFD |")
    out.append("| JSON (`export`, `list --json`) | escaped by the JSON writer | kept as `\\uXXXX` "
               "escapes: the data survives, a raw view shows the escape |")
    out.append("")
    guard = "tests/planner/text_guard_test.cpp"
    if os.path.exists(path(guard)):
        out.append(f"Tests: `{guard}`: " + "; ".join(f"\"{n}\"" for n in test_cases(guard)) +
                   ". `tests/scripts/hostile_text_test.sh`:")
        out.append("")
        out += steps_list("tests/scripts/hostile_text_test.sh")
        out.append("")
    samples = read("tests/data/bad/dose-samples.txt").splitlines()
    kinds = {k: sum(1 for l in samples if l.startswith(k + ": ")) for k in ("refuse", "accept", "key")}
    out.append(f"**No dose, normalised**: the no-dose check reads text in NFKC with case folded "
               "(libunistring), format characters removed and every space one space, so a "
               "no-break space, a thin space, a line break, a zero-width space or full-width "
               "letters hide nothing. `tests/data/bad/dose-samples.txt` holds "
               f"{kinds['refuse']} texts that must be refused, {kinds['accept']} that must pass "
               f"and {kinds['key']} field names; `tests/scripts/schema_test.sh` runs the loader "
               "and `presets/schema.json` over them and over the broken-file corpus and fails "
               "where the two disagree.")
    out.append("")
    out.append("**What validate accepts, export exports** (`planner/limits.hpp`, used by both): "
               "at most 5000 visits in a course at the longest booster horizon, and a visit of "
               "at most 12 hours; `tests/planner/limits_test.cpp`: \"what validate accepts the "
               "engine expands: presets at the visit and time limits\".")
    out.append("")
    out.append("**Calendar files for strict readers** (`tests/scripts/ics_strict_test.sh`, "
               "`tests/planner/clock_test.cpp`):")
    out.append("")
    out += steps_list("tests/scripts/ics_strict_test.sh")
    out.append("")
    out.append("**A fresh machine and a desktop install**: `tests/scripts/tools_check.py` "
               "(ctest `script.tools_test`, `make check-tools`) maps every program the test, "
               "fuzz, bench and CI scripts call to its Debian package with `dpkg -S` and fails "
               "naming the program and the package when the Makefile does not install it. "
               "`tests/scripts/install_test.sh`:")
    out.append("")
    out += steps_list("tests/scripts/install_test.sh")
    out.append("")
    return out


# Issue 11's cases, one line each, with the tests that cover them. A reference is a file,
# "file::TEST_CASE name", "script.sh#N" (its numbered step N) or "bad:NAME" (a corpus case);
# the page is only generated when every one exists.
ISSUE_11_CASES = [
    ("every program a test calls comes from a package the Makefile installs (imagemagick "
     "for the window test)", ["tests/scripts/tools_check.py", "tests/scripts/tools_test.sh"]),
    ("the README installs `make` before `make run` (a fresh Debian has none)",
     ["tests/scripts/tools_test.sh"]),
    ("`-o -` is standard output, no file named `-`", ["tests/scripts/files_test.sh#1"]),
    ("`-o FIFO` writes a stream and the FIFO stays", ["tests/scripts/files_test.sh#2"]),
    ("`-o symlink` replaces the target atomically, the link stays", ["tests/scripts/files_test.sh#3"]),
    ("`-o folder` or a missing folder: one line, exit 2, nothing left behind",
     ["tests/scripts/files_test.sh#4"]),
    ("`-o` on a hard-linked file: replaced atomically, with a warning",
     ["tests/scripts/files_test.sh#5"]),
    ("`validate` and `show` on a FIFO refuse it instead of blocking",
     ["tests/scripts/files_test.sh#6"]),
    ("a write error on standard output (`> /dev/full`): exit 2, one line, every command",
     ["tests/scripts/files_test.sh#7"]),
    ("terminal escapes (ESC, OSC with BEL, C1, NUL) never reach the terminal, colour or not",
     ["tests/scripts/hostile_text_test.sh#1",
      "tests/planner/text_guard_test.cpp::text guard: a hostile protocol reaches the terminal "
      "calendar inert, colour or not"]),
    ("bidi overrides (U+202E and friends) neutralised by every writer",
     ["tests/scripts/hostile_text_test.sh#2",
      "tests/planner/text_guard_test.cpp::text guard: every export format neutralises bidi "
      "overrides its own way"]),
    ("one-line fields with a line break are refused by `validate`",
     ["bad:title-two-lines", "bad:phase-name-carriage-return", "bad:description-two-lines",
      "bad:title-line-separator", "bad:source-note-two-lines"]),
    ("no dose: titration words, and mg after a no-break, thin or zero-width space, a line "
     "break or in full width, are refused", ["tests/data/bad/dose-samples.txt",
                                             "bad:dose-line-break", "tests/scripts/schema_test.sh"]),
    ("the loader and `presets/schema.json` agree", ["tests/scripts/schema_test.sh"]),
    ("what `validate` accepts `export` exports (visit count, visit length)",
     ["tests/planner/limits_test.cpp::what validate accepts the engine expands: presets at the "
      "visit and time limits"]),
    ("ids have a pattern: `--help`, `-1-1` and the like are refused",
     ["bad:id-option", "bad:id-dash-digit", "bad:id-double-dash", "bad:source-id-option"]),
    ("no METHOD without ORGANIZER: libical's RFC 5546 check passes",
     ["tests/scripts/ics_strict_test.sh#1"]),
    ("visit ends in real time across daylight-saving changes; a start that does not exist is "
     "moved, with a notice", ["tests/scripts/ics_strict_test.sh#2",
                              "tests/planner/clock_test.cpp::clock: a visit lasts its minutes "
                              "across daylight-saving changes"]),
    ("an invalid TZ is said on stderr and in the file",
     ["tests/scripts/ics_strict_test.sh#3",
      "tests/planner/clock_test.cpp::clock: a TZ the computer does not know is said, a real one "
      "is not"]),
    ("`x.ICS` is recognised as iCalendar", ["tests/scripts/ics_strict_test.sh#4"]),
    ("calcurse and khal import every event, khal printics and python3-vobject read them",
     ["tests/scripts/ics_strict_test.sh#5"]),
    ("`make install`: program, presets, .desktop, SVG icon, metainfo, man page; "
     "desktop-file-validate and appstreamcli validate pass", ["tests/scripts/install_test.sh#1",
                                                              "tests/scripts/install_test.sh#2",
                                                              "tests/scripts/install_test.sh#3"]),
    ("an installed program finds its presets beside its executable, from any folder and any "
     "prefix", ["tests/scripts/install_test.sh#4", "tests/scripts/install_test.sh#5"]),
    ("`make deb`: files under /usr, every needed library's package in Depends",
     ["tests/scripts/install_test.sh#6"]),
]


def issue_11_section():
    out = ["## Issue 11, case by case", ""]
    for case, refs in ISSUE_11_CASES:
        named = []
        for ref in refs:
            if ref.startswith("bad:"):
                name = ref[len("bad:"):]
                if not glob.glob(path("tests/data/bad", name + ".*json")):
                    fail(f"issue 11 case '{case}': no corpus file tests/data/bad/{name}.json")
                named.append(f"`{name}`")
            elif "::" in ref:
                rel, name = ref.split("::", 1)
                if name not in test_cases(rel):
                    fail(f"issue 11 case '{case}': no TEST_CASE \"{name}\" in {rel}")
                named.append(f"`{os.path.basename(rel)}` \"{name}\"")
            elif "#" in ref:
                rel, step = ref.split("#", 1)
                if not os.path.exists(path(rel)) or int(step) > len(numbered_steps(rel)):
                    fail(f"issue 11 case '{case}': {rel} has no step {step}")
                named.append(f"`{os.path.basename(rel)}` step {step}")
            else:
                if not os.path.exists(path(ref)):
                    fail(f"issue 11 case '{case}': {ref} is missing")
                named.append(f"`{os.path.basename(ref)}`")
        out.append(f"- {case}: {', '.join(named)}")
    out.append("")
    out.append("Corpus cases (`name`) are files in `tests/data/bad/`, checked by "
               "`tests/planner/io_test.cpp` \"io: the broken-file corpus gives the expected "
               "first problem\". No test points `-o` at a real device; a character device is "
               "written as a stream like a FIFO.")
    out.append("")
    return out


def main():
    doc = ["# Reliability: hostile input, sanitizers, fuzzing", "",
           "<!-- Generated by tests/fuzz/report.py from the files it names; do not edit. "
           "`make fuzz` regenerates it, and the ctest script.reliability_doc_test fails when "
           "it is stale. -->", ""]
    for section in (fuzz_section, bugs_section, bad_corpus_section, limits_section,
                    sanitizer_section, files_section, hardening_section,
                    issue_11_section):
        doc += section()
    text = "\n".join(doc).rstrip("\n") + "\n"
    if "--stdout" in sys.argv[1:]:
        sys.stdout.write(text)
    else:
        with open(path("docs/reliability.md"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
