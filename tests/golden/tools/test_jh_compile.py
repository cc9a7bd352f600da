#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Behaviour of the jh-compile command line.

  test_jh_compile.py JH_COMPILE JH_DUMP SRCDIR WORKDIR

SRCDIR holds the scenario-*.yaml inputs; the repository's examples/ are
used for the depfile (they include a board file).
"""
import os
import shutil
import subprocess
import sys

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)
        print("FAIL: " + what)


def run(*args, cwd=None):
    p = subprocess.run(list(args), cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def read(path):
    with open(path, "rb") as f:
        return f.read()


def main(jhc, dump, src, work):
    clean = os.path.join(src, "scenario-clean.yaml")
    warning = os.path.join(src, "scenario-warning.yaml")
    error = os.path.join(src, "scenario-error.yaml")
    named_system = os.path.join(src, "scenario-cell-named-system.yaml")
    top = os.path.abspath(os.path.join(src, "..", "..", ".."))
    example = os.path.join(top, "examples", "qemu-arm64-demo.yaml")

    # clean compile: one file per image, exit 0, nothing else in the dir
    out = fresh(os.path.join(work, "clean"))
    rc, so, se = run(jhc, "--color=never", "-o", out, clean)
    check(rc == 0, "clean scenario: exit %d: %s" % (rc, se))
    check(sorted(os.listdir(out)) == ["rt-cell.cell", "system.cell"],
          "clean scenario: outputs %s" % sorted(os.listdir(out)))
    sys_img = read(os.path.join(out, "system.cell"))
    rt_img = read(os.path.join(out, "rt-cell.cell"))
    check(sys_img[:5] == b"JHSYS" and rt_img[:5] == b"JHCLL",
          "signatures of the written images")
    check(b"JHEXT" in rt_img and b"JHEXT" not in sys_img,
          "the extension block goes with rt-cell only")

    # the output directory is created; -o DIR and --output=DIR agree
    out2 = os.path.join(fresh(os.path.join(work, "mk")), "new", )
    rc, so, se = run(jhc, "--output=" + out2, clean)
    check(rc == 0 and read(os.path.join(out2, "system.cell")) == sys_img,
          "--output= into a new directory: exit %d %s" % (rc, se))

    # what was written dumps and recompiles to the same bytes
    yaml_path = os.path.join(work, "clean-dump.yaml")
    rc, so, se = run(dump, "-o", yaml_path, os.path.join(out, "system.cell"),
                     os.path.join(out, "rt-cell.cell"))
    check(rc == 0, "jh-dump of the compiled images: %s" % se)
    again = fresh(os.path.join(work, "again"))
    rc, so, se = run(jhc, "-o", again, yaml_path)
    check(rc == 0 and read(os.path.join(again, "system.cell")) == sys_img
          and read(os.path.join(again, "rt-cell.cell")) == rt_img,
          "dump + recompile reproduces the bytes: %s" % se)

    # --dry-run: everything is checked and laid out, nothing written
    dry = fresh(os.path.join(work, "dry"))
    rc, so, se = run(jhc, "--dry-run", "-o", dry, clean)
    check(rc == 0 and os.listdir(dry) == [], "--dry-run wrote files")
    check("would write %s/system.cell (%d bytes)" % (dry, len(sys_img))
          in so, "--dry-run names the images and sizes: %r" % so)

    # errors: exit 1, nothing written, existing outputs left alone
    keep = fresh(os.path.join(work, "keep"))
    with open(os.path.join(keep, "system.cell"), "wb") as f:
        f.write(b"old")
    rc, so, se = run(jhc, "--color=never", "-o", keep, error)
    check(rc == 1, "error scenario: exit %d" % rc)
    check("scenario-error.yaml:20:11: error:" in se and
          "[cpu-not-in-root]" in se, "error names place and rule: %s" % se)
    check(sorted(os.listdir(keep)) == ["system.cell"] and
          read(os.path.join(keep, "system.cell")) == b"old",
          "error scenario touched the output directory")
    rc, so, se = run(jhc, "-o", fresh(os.path.join(work, "none")),
                     "-Wno-cpu-not-in-root", error)
    check(rc == 0, "-Wno-RULE silences an error rule: %d %s" % (rc, se))

    # a write that fails (depfile into a missing directory) changes no
    # output at all: the images are written as one set with the depfile
    keep2 = fresh(os.path.join(work, "keep2"))
    with open(os.path.join(keep2, "system.cell"), "wb") as f:
        f.write(b"old")
    rc, so, se = run(jhc, "--color=never", "-o", keep2, "-MF",
                     os.path.join(work, "no", "such", "dir", "x.d"), clean)
    check(rc == 1 and "x.d" in se, "failed depfile write: exit %d" % rc)
    check(sorted(os.listdir(keep2)) == ["system.cell"] and
          read(os.path.join(keep2, "system.cell")) == b"old",
          "a failed write left changes: %s" % os.listdir(keep2))

    # warnings: exit 0 and images; -Werror / -Werror=RULE: exit 1, none
    w = fresh(os.path.join(work, "warn"))
    rc, so, se = run(jhc, "--color=never", "-o", w, warning)
    check(rc == 0 and "warning:" in se and "[mem-exec-io]" in se and
          len(os.listdir(w)) == 2, "warning scenario: %d %s" % (rc, se))
    for opt in ("-Werror", "-Werror=mem-exec-io"):
        w = fresh(os.path.join(work, "werror"))
        rc, so, se = run(jhc, "--color=never", opt, "-o", w, warning)
        check(rc == 1 and "error:" in se and os.listdir(w) == [],
              "%s: exit %d, files %s" % (opt, rc, os.listdir(w)))
    rc, so, se = run(jhc, "-Wno-mem-exec-io", "-o", w, warning)
    check(rc == 0 and "mem-exec-io" not in se, "-Wno-mem-exec-io: %s" % se)

    # --abi=jailhouse-r14: refuses extension features, naming each and
    # where it was asked for; without them, the bytes are the same
    r14 = fresh(os.path.join(work, "r14"))
    rc, so, se = run(jhc, "--color=never", "--abi=jailhouse-r14", "-o", r14,
                     clean)
    check(rc == 1 and os.listdir(r14) == [], "r14: exit %d" % rc)
    check("scenario-clean.yaml:25:17: error: cell 'rt-cell': a watchdog"
          in se and "scenario-clean.yaml:26:23:" in se and
          "allow-hv-probe" in se, "r14 names features and places: %s" % se)
    rc, so, se = run(jhc, "--abi=jailhouse-r14", "-o", r14, warning,
                     "-Wno-mem-exec-io")
    check(rc == 1, "r14 also refuses the warning scenario's extension")

    # a cell named 'system' would overwrite the system image
    rc, so, se = run(jhc, "--color=never", "--dry-run", named_system)
    check(rc == 1 and "named 'system'" in se, "cell named system: %s" % se)

    # colour
    rc, so, se = run(jhc, "--color=always", "--dry-run", warning)
    check("\033[" in se, "--color=always colours the diagnostics")
    rc, so, se = run(jhc, "--color=never", "--dry-run", warning)
    check("\033[" not in se, "--color=never has no escapes")

    # depfile and --print-deps: the scenario and the board it includes
    if os.path.exists(example):
        d = fresh(os.path.join(work, "deps"))
        depfile = os.path.join(d, "out.d")
        args = [jhc, "-Wno-cpu-not-in-root", "-o", os.path.join(d, "o"),
                "-MF", depfile, example]
        rc, so, se = run(*args)
        check(rc == 0, "depfile compile: %s" % se)
        text = open(depfile).read() if os.path.exists(depfile) else ""
        check(text.startswith(os.path.join(d, "o", "system.cell") + " ")
              and "qemu-virt-gicv3.yaml" in text and
              "qemu-arm64-demo.yaml" in text, "depfile contents: %r" % text)
        # Make reads it: the board is a prerequisite of every image
        rc, so, se = run("make", "-f", depfile, "-n", "-p", cwd=d)
        check(rc in (0, 1, 2) and "qemu-virt-gicv3.yaml" in so,
              "make parses the depfile: %s" % se)
        rc, so, se = run(jhc, "-Wno-cpu-not-in-root", "--print-deps",
                         "--dry-run", example)
        check(rc == 0 and any(l.endswith("qemu-virt-gicv3.yaml")
                              for l in so.splitlines()),
              "--print-deps lists the board: %r" % so)
        rc, so, se = run(jhc, "--dry-run", "--depfile", depfile + "2",
                         "-Wno-cpu-not-in-root", example)
        check(not os.path.exists(depfile + "2"),
              "--dry-run writes no depfile")
    else:
        check(False, "examples/qemu-arm64-demo.yaml is missing")

    # usage errors: exit 2
    for args in ([], ["--bogus", clean], ["--abi=r13", clean],
                 ["--color=sometimes", clean], [clean, clean], ["-o"],
                 ["-MF"], ["-Wno-such-rule-at-all", clean]):
        rc, so, se = run(jhc, *args)
        check(rc == 2 and "jh-compile:" in se,
              "usage error %s: exit %d %s" % (args, rc, se))
    rc, so, se = run(jhc, "--help")
    check(rc == 0 and "usage: jh-compile" in so, "--help")
    rc, so, se = run(jhc, os.path.join(work, "does-not-exist.yaml"))
    check(rc == 1, "a missing scenario is an error (1), got %d" % rc)

    # no temporary files are left anywhere
    for root, dirs, files in os.walk(work):
        for f in files:
            check(".tmp" not in f, "temporary file left: %s" % f)

    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(*[os.path.abspath(a) for a in sys.argv[1:5]]))
