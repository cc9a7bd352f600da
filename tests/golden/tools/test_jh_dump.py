#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Behaviour of the jh-dump command line.

  test_jh_dump.py JH_DUMP IMAGES_DIR WORKDIR

IMAGES_DIR is tests/golden/image (good/ and bad/ images).
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


def run(*args):
    p = subprocess.run(list(args), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=60)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def main(dump, images, work):
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    v0 = [os.path.join(images, "good", "v0", f)
          for f in ("system.cell", "rt-cell.cell", "linux-2.cell")]
    x86_cell = os.path.join(images, "good", "v1", "rt-cell.cell")
    bad = os.path.join(images, "bad", "revision-13.cell")

    # one document for several images, system image first or not
    rc, so, se = run(dump, *v0)
    check(rc == 0 and so.count("jh: 1") == 1 and so.count("root: true") == 1
          and "  rt-cell:" in so and "  linux-2:" in so,
          "one document for three images: %d %s" % (rc, se))
    rc, so2, se = run(dump, v0[2], v0[1], v0[0])
    check(rc == 0 and so2.index("  root:") < so2.index("  linux-2:"),
          "the root cell comes first whatever the order of the files")

    # -o: written only when every image is valid
    out = os.path.join(work, "out.yaml")
    rc, so, se = run(dump, "-o", out, *v0)
    check(rc == 0 and so == "" and os.path.exists(out),
          "-o writes the file: %d %s" % (rc, se))
    out2 = os.path.join(work, "never.yaml")
    rc, so, se = run(dump, "-o", out2, v0[0], bad)
    check(rc == 1 and not os.path.exists(out2),
          "-o with a bad image must not write: %d" % rc)
    check("offset 0x6: error: revision: 13" in se, "message: %s" % se)
    check(not [f for f in os.listdir(work) if ".tmp" in f],
          "temporary file left behind")

    # every problem of every image is reported in one run
    rc, so, se = run(dump, bad, os.path.join(images, "bad",
                                             "pci-iommu-index-8.cell"))
    check(rc == 1 and "revision-13.cell" in se and
          "pci-iommu-index-8.cell" in se and so == "",
          "both bad images reported: %s" % se)

    # images that cannot form one document
    rc, so, se = run(dump, v0[1], v0[1])
    check(rc == 1 and "two cells are named 'rt-cell'" in se and so == "",
          "duplicate cell names: %s" % se)
    rc, so, se = run(dump, v0[1], x86_cell)
    check(rc == 1 and "architecture: x86, but the images read before are "
          "arm64" in se, "architecture mismatch: %s" % se)
    rc, so, se = run(dump, v0[0], v0[0])
    check(rc == 1 and "second system image" in se, "two system images")

    # --raw: every image, fields with offsets, extension records
    rc, so, se = run(dump, "--raw", v0[0], v0[1])
    check(rc == 0 and "# %s: " % v0[0] in so and "# %s: " % v0[1] in so
          and "0x000000  5   signature = \"JHSYS\"" in so and
          "extension.record[1].type = 2" in so, "--raw: %s" % se)
    rc, so, se = run(dump, "--raw", bad)
    check(rc == 1 and so == "", "--raw of a bad image prints nothing")

    # usage and file errors
    for args in ([], ["--bogus", v0[0]], ["--color=maybe", v0[0]], ["-o"]):
        rc, so, se = run(dump, *args)
        check(rc == 2 and "usage: jh-dump" in se,
              "usage error %s: %d" % (args, rc))
    rc, so, se = run(dump, "--help")
    check(rc == 0 and "usage: jh-dump" in so, "--help")
    rc, so, se = run(dump, os.path.join(work, "missing.cell"))
    check(rc == 1 and "cannot open" in se, "missing file: %s" % se)
    rc, so, se = run(dump, "--color=always", bad)
    check("\033[" in se, "--color=always")

    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(*[os.path.abspath(a) for a in sys.argv[1:4]]))
