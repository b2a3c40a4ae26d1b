#!/usr/bin/python3
"""Writes course-planner.1 from course-planner.1.in and the program's own --help text.

  make_man.py PROGRAM TEMPLATE OUTPUT VERSION
The help text goes into the USAGE section verbatim (roff-escaped), so the page says what
the program says; tests/scripts/install_test.sh checks the installed page against --help.
"""
import datetime
import os
import subprocess
import sys


def roff_escape(line):
    line = line.replace("\\", "\\e").replace("-", "\\-")
    return "\\&" + line if line.startswith((".", "'")) else line


def main():
    program, template, output, version = sys.argv[1:5]
    env = dict(os.environ, NO_COLOR="1")
    help_text = subprocess.run([program, "--help"], capture_output=True, text=True, check=True,
                               env=env).stdout
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = (datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc) if epoch
            else datetime.datetime.now(datetime.timezone.utc))
    page = open(template, encoding="utf-8").read()
    page = page.replace("@HELP@", "\n".join(roff_escape(l) for l in help_text.rstrip("\n").split("\n")))
    page = page.replace("@VERSION@", version).replace("@DATE@", when.strftime("%Y-%m-%d"))
    with open(output, "w", encoding="utf-8") as f:
        f.write(page)


if __name__ == "__main__":
    main()
