#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden test runner: run the front-end driver on one bad input (from the
golden folder, so file names print relative) and compare what it prints
with the .expected file, exactly. The driver must also exit with 1.
With --clean: a good file must load with no diagnostic and exit 0.
With --expand: a good file's model dump must match an expected dump."""
import os
import subprocess
import sys


def clean(exe, path):
    """A good file: no diagnostic at all, exit status 0."""
    run = subprocess.run([os.path.abspath(exe), path], capture_output=True,
                         text=True, timeout=30)
    if run.returncode != 0 or run.stdout or run.stderr:
        print("%s is not clean (exit %d):\n%s%s" % (path, run.returncode,
                                                 run.stdout, run.stderr))
        return 1
    return 0


def expand(exe, path, expected_path):
    """A good file: its model (front-check --dump) must match exactly, so
    placement and expansion order never change by accident."""
    run = subprocess.run([os.path.abspath(exe), "--dump", path],
                         capture_output=True, text=True, timeout=30)
    with open(expected_path, encoding="utf-8") as f:
        expected = f.read()
    if run.returncode != 0 or run.stdout != expected:
        print("model of %s differs (exit %d)\n--- expected\n%s--- got\n%s%s"
              % (path, run.returncode, expected, run.stdout, run.stderr))
        return 1
    return 0


def main():
    if len(sys.argv) == 5 and sys.argv[1] == "--expand":
        return expand(sys.argv[2], sys.argv[3], sys.argv[4])
    if len(sys.argv) == 4 and sys.argv[1] == "--clean":
        return clean(sys.argv[2], sys.argv[3])
    if len(sys.argv) != 4:
        print("usage: run-golden.py FRONT-CHECK GOLDEN-DIR CASE\n"
              "       run-golden.py --clean FRONT-CHECK FILE")
        return 2
    exe, folder, case = sys.argv[1:]
    exe = os.path.abspath(exe)
    with open(os.path.join(folder, case + ".expected"), encoding="utf-8") as f:
        expected = f.read()
    run = subprocess.run([exe, case + ".yaml"], cwd=folder,
                         capture_output=True, text=True, timeout=30)
    ok = True
    if run.stdout != expected:
        print("diagnostics differ for %s.yaml" % case)
        print("--- expected\n%s--- got\n%s" % (expected, run.stdout))
        ok = False
    if run.returncode != 1:
        print("exit status %d, expected 1" % run.returncode)
        print(run.stderr)
        ok = False
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
