#!/usr/bin/python3
"""Every program the test scripts call comes from a package the Makefile installs.

A fresh Debian 12 has only what debootstrap --variant=minbase puts there (the Essential and
"required" packages) plus what `make` installs; a tool that was installed by hand on a
developer's machine or on CI passes every run there and fails on a new machine. This finds
the programs each script calls (words in command position, and any absolute /usr/bin path),
asks dpkg which package ships each one, and checks that the package is listed in one of the
Makefile's *PACKAGES variables, is pulled in by one of them, or is Essential/required.
Python scripts: every module they import is checked the same way (by the module's file).

A program that is not installed here cannot be asked about: it must then be named in
tests/tools.tsv (program, package), which is also checked against the Makefile.

  /usr/bin/python3 tests/scripts/tools_check.py              # the project's scripts
  /usr/bin/python3 tests/scripts/tools_check.py --packages "a b" --script FILE   # self-test
Exit 0 when every program is covered; 1 with one line per program otherwise.
"""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

ROOT = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
SCRIPT_GLOBS = ["tests/scripts/*", "tests/fuzz/*.sh", "bench/*.sh", ".ci/run"]
# The project's own programs, and words a script uses as commands that are not programs here.
OWN = {"course-planner", "planner_tests", "ui_tests", "bench_expand"}
# Words that start a command and take another command after them.
PREFIXES = {"then", "do", "else", "elif", "if", "while", "until", "!", "exec", "time",
            "command", "nice", "setsid", "sudo", "xvfb", "xvfb-run", "strace", "env",
            "timeout", "step"}
SEPARATORS = re.compile(r"\|\||&&|;|\||\$\(|`|\(|\{")


def makefile_packages():
    """Every word of every `NAME_PACKAGES :=` / `PACKAGES :=` list in the Makefile."""
    text = open(os.path.join(ROOT, "Makefile"), encoding="utf-8").read().replace("\\\n", " ")
    names = set()
    for m in re.finditer(r"^([A-Z_]*PACKAGES)\s*[:+]?=\s*(.*)$", text, re.M):
        names.update(w for w in m.group(2).split() if not w.startswith("$"))
    return names


def installed_packages():
    """name -> (depends alternatives, essential or required) for every installed package."""
    out = subprocess.run(
        ["dpkg-query", "-W", "-f",
         "${Package}\t${db:Status-Status}\t${Essential}\t${Priority}\t${Depends}, "
         "${Pre-Depends}\t${Provides}\n"],
        capture_output=True, text=True, check=True).stdout
    pkgs, provides = {}, {}
    for line in out.splitlines():
        name, status, essential, priority, deps, prov = (line.split("\t") + [""] * 6)[:6]
        if status != "installed":
            continue
        groups = []
        for group in deps.split(","):
            alts = [re.sub(r"[\s(:].*", "", a.strip()) for a in group.split("|")]
            alts = [a for a in alts if a]
            if alts:
                groups.append(alts)
        pkgs[name] = (groups, essential == "yes" or priority == "required")
        for p in prov.split(","):
            p = re.sub(r"[\s(].*", "", p.strip())
            if p:
                provides.setdefault(p, []).append(name)
    return pkgs, provides


def closure(roots, pkgs, provides):
    """Packages installed because of `roots` (installed dependencies, recursively)."""
    seen, todo = set(), list(roots)
    while todo:
        name = todo.pop()
        for real in [name] + provides.get(name, []):
            if real in seen or real not in pkgs:
                continue
            seen.add(real)
            for alts in pkgs[real][0]:
                todo.extend(alts)
    return seen


def blank_quotes(text):
    """Quoted text becomes '' (it is data, or code of another language); comments go;
    newlines stay so line numbers hold. Arithmetic $((...)) goes too."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "'" or c == '"':
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if (c == '"' and text[j] == "\\") else 1
            out.append("''" + "\n" * text.count("\n", i, j + 1))
            i = j + 1
        elif c == "\\" and i + 1 < n:
            out.append(text[i:i + 2] if text[i + 1] != "\n" else " ")
            i += 2
        elif c == "#" and (i == 0 or text[i - 1] in " \t\n;"):
            j = text.find("\n", i)
            i = n if j < 0 else j
        else:
            out.append(c)
            i += 1
    return re.sub(r"\$\(\((?:[^()]|\([^()]*\))*\)\)", "0", "".join(out))


def shell_programs(path):
    """(program, line number) pairs for words in command position, and absolute paths."""
    text = open(path, encoding="utf-8", errors="replace").read()
    found, functions = [], set()
    lines, kept, heredoc = text.splitlines(), [], None
    for n, raw in enumerate(lines, start=1):
        for p in re.findall(r"(?<![\w.$/-])(/(?:usr/)?s?bin/[\w.+-]+)", raw):
            found.append((p, n))
        if heredoc is not None:  # a here-document is data (or another language)
            kept.append("")
            if raw.strip() == heredoc:
                heredoc = None
            continue
        m = re.search(r"<<-?\s*['\"]?(\w+)['\"]?", raw)
        if m:
            heredoc = m.group(1)
            raw = raw[:m.start()]
        kept.append(raw)
    for n, line in enumerate(blank_quotes("\n".join(kept)).split("\n"), start=1):
        fm = re.match(r"\s*(?:function\s+)?([\w-]+)\s*\(\)", line)
        if fm:
            functions.add(fm.group(1))
        for segment in SEPARATORS.split(line):
            words = segment.split()
            while words:
                w = words[0]
                if re.fullmatch(r"\w+=\S*", w) or re.fullmatch(r"[^()\s]+\)", w):
                    words.pop(0)  # VAR=value before a command, or a case pattern
                elif w in PREFIXES:
                    found.append((w, n))  # a program itself too (keywords are dropped later)
                    words.pop(0)
                    if w == "timeout" and words:
                        words.pop(0)  # the duration
                    while words and words[0].startswith("-"):
                        words.pop(0)  # options of the prefix (nice -n, strace -f ...)
                else:
                    break
            if not words:
                continue
            w = words[0]
            if re.fullmatch(r"[a-z][\w.+-]*", w) and w not in OWN:
                found.append((w, n))
    return [(p, n) for p, n in found if p not in functions]


def python_modules(path):
    """Modules a Python file imports; in a shell script, those of its embedded Python
    (here-documents and -c '...')."""
    text = open(path, encoding="utf-8", errors="replace").read()
    lead = r"^\s*" if path.endswith(".py") else r"(?:^\s*|-c\s+['\"]|;\s*)"
    mods = set()
    for m in re.finditer(lead + r"(?:import\s+([\w ,]+)|from\s+(\w+)[\w.]*\s+import)", text,
                         re.M):
        names = m.group(1).split(",") if m.group(1) else [m.group(2)]
        mods.update(n.strip().split(" ")[0] for n in names if n.strip())
    return sorted(mods)


def kinds(words):
    """word -> `type -t` answer (builtin, keyword, file, ...) from one bash."""
    out = subprocess.run(
        ["bash", "-c", 'for w; do printf "%s\\t%s\\n" "$w" "$(type -t -- "$w")"; done', "_"]
        + list(words), capture_output=True, text=True).stdout
    return dict((line.split("\t") + [""])[:2] for line in out.splitlines())


def owners(paths):
    """path -> the installed package that ships it (symlinks followed, /bin vs /usr/bin)."""
    candidates = {}
    for path in paths:
        for p in {path, os.path.realpath(path)}:
            alias = p[4:] if p.startswith("/usr/") else "/usr" + p
            for q in (p, alias):
                candidates.setdefault(q, set()).add(path)
    out = subprocess.run(["dpkg", "-S"] + sorted(candidates), capture_output=True,
                         text=True).stdout
    found = {}
    for line in out.splitlines():
        if line.startswith("diversion") or ": " not in line:
            continue
        pkg, p = line.split(": ", 1)
        for asked in candidates.get(p, ()):
            found.setdefault(asked, pkg.split(",")[0].split(":")[0].strip())
    return found


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--packages", help="the package list to check against (default: Makefile)")
    ap.add_argument("--script", action="append", help="scripts to check (default: the project's)")
    args = ap.parse_args()

    listed = set(args.packages.split()) if args.packages is not None else makefile_packages()
    scripts = args.script or sorted(
        {p for g in SCRIPT_GLOBS for p in glob.glob(os.path.join(ROOT, g)) if os.path.isfile(p)})
    table = {}
    tsv = os.path.join(ROOT, "tests", "tools.tsv")
    if os.path.exists(tsv):
        for line in open(tsv, encoding="utf-8"):
            if line.strip() and not line.startswith("#"):
                prog, pkg = line.split("\t")[:2]
                table[prog.strip()] = pkg.strip()
    pkgs, provides = installed_packages()
    covered = closure(listed, pkgs, provides) | listed
    calls = []  # (name, where, path or None)
    for script in scripts:
        rel = os.path.relpath(script, ROOT)
        for mod in python_modules(script):
            r = subprocess.run(
                ["/usr/bin/python3", "-c",
                 f"import {mod}; print(getattr({mod}, '__file__', None) or '-')"],
                capture_output=True, text=True)
            name = f"python3 module {mod}"
            if r.returncode != 0:
                calls.append((name, rel, None))
            elif r.stdout.strip() != "-":  # built into the interpreter
                calls.append((name, rel, r.stdout.strip()))
        if script.endswith(".py"):
            continue
        calls += [(w, f"{rel}:{n}", None) for w, n in shell_programs(script)]
    first = {}
    for name, where, path in calls:
        first.setdefault(name, (where, path))
    kind = kinds(n for n in first if not n.startswith("/") and " " not in n)
    resolved = {}
    for name, (where, path) in first.items():
        if path is None and not name.startswith("python3 module"):
            if name.startswith("/"):
                path = name if os.path.exists(name) else None
            elif kind.get(name) in ("builtin", "keyword", "alias"):
                continue
            elif kind.get(name) == "file":
                path = shutil.which(name)
        resolved[name] = (where, path)
    shipped = owners(p for _, p in resolved.values() if p)

    problems, checked = [], {}
    for name, (where, path) in sorted(resolved.items(), key=lambda kv: kv[1][0]):
        pkg = shipped.get(path) if path else None
        pkg = pkg or table.get(name)
        if pkg is None:
            problems.append(f"{where}: {name}: not installed here and not in tests/tools.tsv "
                            "(add `program<TAB>package` there and the package to the Makefile)")
            continue
        checked[name] = pkg
        if not (pkg in covered or (pkg in pkgs and pkgs[pkg][1])):
            problems.append(f"{where}: {name} comes from package {pkg}, which the Makefile "
                            "does not install: add it to PACKAGES")

    for p in problems:
        print(f"tools_check: {p}")
    if problems:
        return 1
    print(f"tools_check: ok, {len(checked)} programs and modules in {len(scripts)} scripts, "
          "each from a package the Makefile installs: " +
          ", ".join(f"{k} ({v})" for k, v in sorted(checked.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
