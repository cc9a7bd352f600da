#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""jh-lint as a command: exit statuses, options, the summary line, and
linting binary images (built here byte by byte from the revision-14
layout, so the test does not depend on jh-compile).

usage: cli_test.py JH_LINT"""
import json
import os
import struct
import subprocess
import sys
import tempfile

LINT = None
FAILURES = []


def run(*args, cwd=None):
    p = subprocess.run([LINT, *args], capture_output=True, text=True,
                       timeout=60, cwd=cwd)
    return p.returncode, p.stdout, p.stderr


def expect(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL: " + what)


def console(address=0, size=0, ctype=0, flags=0):
    return struct.pack("<QIHHIIQ", address, size, ctype, flags, 0, 0, 0)


def cell_desc(name, cpus, mems, sig=b"JHCLL", arch=2, rev=14):
    """Descriptor plus arrays: cpu set (8 bytes) and memory regions."""
    head = struct.pack("<5sBH32sIIIIIIIIIII", sig, arch, rev,
                       name.encode(), 0, 0, 8, len(mems), 0, 0, 0, 0, 0, 0,
                       0)
    head += struct.pack("<QQ", 0, 0) + console()
    assert len(head) == 132
    arrays = struct.pack("<Q", cpus)
    for phys, virt, size, flags in mems:
        arrays += struct.pack("<QQQQ", phys, virt, size, flags)
    return head, arrays


def system_image(root_mems):
    head = struct.pack("<5sBHI", b"JHSYS", 2, 14, 0)
    head += struct.pack("<QQQQ", 0x7fc00000, 0, 0x400000, 0)   # hv memory
    head += console(0x09000000, 0x1000, 3, 3)
    head += struct.pack("<QBBH", 0, 0, 0, 0)
    head += bytes(28 * 8)
    head += struct.pack("<BBHQQQQQ", 25, 3, 0, 0x08000000, 0, 0, 0,
                        0x080a0000)
    assert len(head) == 356, len(head)
    root, arrays = cell_desc("root", 0xf, root_mems, sig=bytes(5), arch=0,
                             rev=0)
    return head + root + arrays


def cell_image(name, cpus, mems):
    head, arrays = cell_desc(name, cpus, mems)
    return head + arrays


def test_usage():
    rc, _, err = run()
    expect(rc == 2 and "no input files" in err, "no input: exit 2")
    rc, _, err = run("--frobnicate", "x.yaml")
    expect(rc == 2, "unknown option: exit 2")
    rc, _, err = run("-Wno-mem-overlap-cell", "x.yaml")
    expect(rc == 2 and "did you mean 'mem-overlap-cells'" in err,
           "unknown rule gets a suggestion: " + err)
    rc, _, _ = run("--format=xml", "x.yaml")
    expect(rc == 2, "unknown format: exit 2")
    rc, out, _ = run("--list-rules")
    lines = out.strip().split("\n")
    expect(rc == 0 and len(lines) >= 40, "--list-rules: >= 40 lines")
    for line in lines:
        parts = line.split(None, 2)
        expect(len(parts) == 3 and parts[1] in ("error", "warning"),
               "--list-rules line: id severity summary: " + line)
    rc, out, _ = run("--explain=pio-machine-control")
    expect(rc == 0 and "0xcf9" in out, "--explain prints the explanation")
    rc, out, _ = run("--help")
    expect(rc == 0 and "usage:" in out, "--help")


def test_images(tmp):
    ram = 0x1 | 0x2 | 0x4
    sysimg = system_image([(0x40000000, 0x40000000, 0x3fc00000, ram),
                           (0x09000000, 0x09000000, 0x1000, 0x13)])
    a = cell_image("a", 0x4, [(0x70000000, 0, 0x200000, ram | 0x40)])
    b = cell_image("b", 0x8, [(0x70100000, 0, 0x200000, ram | 0x40)])
    paths = {}
    for name, data in (("system.cell", sysimg), ("a.cell", a),
                       ("b.cell", b)):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "wb") as f:
            f.write(data)
    # clean: system + one cell
    rc, out, err = run("--summary", paths["system.cell"], paths["a.cell"])
    expect(rc == 0, "clean images: exit 0 (%d)\n%s%s" % (rc, out, err))
    expect(" 0 errors, 0 warnings, 0 notes, 0 suppressed; " in out and
           out.strip().endswith("rules skipped (no board description)")
           and out.count("\n") == 1, "--summary is one line: %r" % out)
    # overlap between the two cells, found on images; the system image may
    # come after the cell images on the command line
    rc, out, err = run("--format=json", paths["a.cell"], paths["b.cell"],
                       paths["system.cell"])
    expect(rc == 1, "overlapping images: exit 1 (%d) %s" % (rc, err))
    if rc == 1:
        doc = json.loads(out)
        rules = {d["rule"] for d in doc["diagnostics"]}
        expect(rules == {"mem-overlap-cells"}, "images: rule set %s" % rules)
        loc = doc["diagnostics"][0]["location"]
        expect(loc["file"].endswith("b.cell") and
               loc.get("array") == "memory_regions" and
               loc.get("index") == 0 and "offset" in loc,
               "image location names file, array and index: %s" % loc)
        note = doc["diagnostics"][0]["notes"][0]["location"]
        expect(note["file"].endswith("a.cell"), "note at the other image")
    rc, out, _ = run("-Wno-mem-overlap-cells", paths["a.cell"],
                     paths["b.cell"], paths["system.cell"])
    expect(rc == 0 and out == "", "-Wno- silences the rule")
    rc, out, _ = run("--format=sarif", "--srcroot", tmp, paths["a.cell"],
                     paths["b.cell"], paths["system.cell"])
    if rc == 1:
        res = json.loads(out)["runs"][0]["results"][0]
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]
        expect(uri["uri"] == "b.cell" and uri["uriBaseId"] == "%SRCROOT%",
               "SARIF uri relative to --srcroot: %s" % uri)
    else:
        expect(False, "SARIF run exit %d" % rc)
    # a warning rule: DMA on device memory in cell a
    w = cell_image("w", 0x4, [(0x09001000, 0x09001000, 0x1000, 0x1b)])
    wpath = os.path.join(tmp, "w.cell")
    with open(wpath, "wb") as f:
        f.write(w)
    rc, out, _ = run(paths["system.cell"], wpath)
    expect(rc == 0 and "[mem-dma-io]" in out, "warning: exit 0")
    rc, _, _ = run("-Werror", paths["system.cell"], wpath)
    expect(rc == 1, "-Werror: warning fails")
    rc, _, _ = run("-Werror=mem-dma-io", paths["system.cell"], wpath)
    expect(rc == 1, "-Werror=rule fails")
    rc, _, _ = run("-Werror=mem-wrap", paths["system.cell"], wpath)
    expect(rc == 0, "-Werror=other rule does not")
    # truncated image: a reader error, exit 1, never a crash
    bad = os.path.join(tmp, "bad.cell")
    with open(bad, "wb") as f:
        f.write(a[:100])
    rc, out, _ = run(bad)
    expect(rc == 1 and "error" in out, "truncated image: exit 1")
    rc, out, _ = run(os.path.join(tmp, "missing.yaml"))
    expect(rc == 1 and "cannot read" in out, "missing file: exit 1")


def main():
    global LINT
    LINT = sys.argv[1]
    test_usage()
    with tempfile.TemporaryDirectory() as tmp:
        test_images(tmp)
    if FAILURES:
        print("%d failures" % len(FAILURES))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
