#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden tests of the image tools.

  run_golden.py bad DUMP MAKE_BAD CORPUS TMP [--update]
      regenerate the malformed-image corpus and compare it with the
      checked-in one; run jh-dump on every file and compare its exit
      status (1) and messages with bad/<name>.expected
  run_golden.py dump DUMP MAKE_IMAGES GOLDEN TMP [--update]
      jh-dump of the hand-built sample images against GOLDEN/v<N>.yaml
      and GOLDEN/v<N>-rt-cell.raw
  run_golden.py roundtrip COMPILE DUMP MAKE_IMAGES TMP
      sample images -> jh-dump -> jh-compile -> identical bytes (all
      images of a system, and the cell images alone)
  run_golden.py examples COMPILE DUMP EXAMPLES TMP
      every examples/*.yaml compiles; its images dump and recompile to
      identical bytes
--update rewrites the expected files instead of comparing (review the
diff before committing).
"""
import filecmp
import glob
import os
import shutil
import subprocess
import sys

VARIANT_FILES = ["system.cell", "rt-cell.cell", "linux-2.cell"]
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL: " + msg)


def run(cmd, cwd=None):
    p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def fresh(path):
    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    return path


def compare_text(expected_path, got, update):
    if update:
        with open(expected_path, "w") as f:
            f.write(got)
        return
    try:
        with open(expected_path) as f:
            expected = f.read()
    except OSError as e:
        fail("%s: %s" % (expected_path, e))
        return
    if expected != got:
        fail("%s differs:\n--- expected\n%s--- got\n%s" %
             (expected_path, expected, got))


def check_bad(dump, make_bad, corpus, tmp, update):
    regen = fresh(os.path.join(tmp, "bad"))
    rc, _, err = run([make_bad, regen])
    if rc != 0:
        fail("make-bad failed: " + err)
        return
    made = sorted(os.path.basename(p) for p in glob.glob(regen + "/*.cell"))
    if update:
        for old in glob.glob(corpus + "/*.cell"):
            os.unlink(old)
        for name in made:
            shutil.copy(os.path.join(regen, name), corpus)
    have = sorted(os.path.basename(p) for p in glob.glob(corpus + "/*.cell"))
    if made != have:
        fail("corpus file list differs from the generator's: "
             "missing %s, extra %s" % (sorted(set(made) - set(have)),
                                       sorted(set(have) - set(made))))
    for name in made:
        if name in have and not filecmp.cmp(os.path.join(regen, name),
                                            os.path.join(corpus, name),
                                            shallow=False):
            fail("bad/%s is not what make-bad generates" % name)
    if len(have) < 30:
        fail("corpus too small: %d files" % len(have))
    parent = os.path.dirname(os.path.abspath(corpus))
    for name in have:
        rel = "bad/" + name
        rc, out, err = run([dump, "--color=never", rel], cwd=parent)
        if rc != 1:
            fail("%s: jh-dump exit status %d, expected 1" % (rel, rc))
        if out:
            fail("%s: jh-dump printed output for a bad image" % rel)
        if not err.strip():
            fail("%s: no message" % rel)
        compare_text(os.path.join(corpus, name[:-5] + ".expected"), err,
                     update)


def make_samples(make_images, tmp):
    out = fresh(os.path.join(tmp, "samples"))
    rc, _, err = run([make_images, out])
    if rc != 0:
        fail("make-images failed: " + err)
        return None
    return out


def check_dump(dump, make_images, golden, tmp, update):
    samples = make_samples(make_images, tmp)
    if not samples:
        return
    for v in sorted(os.listdir(samples)):
        files = [v + "/" + f for f in VARIANT_FILES]
        # the checked-in copies (used by direct memcheck tests) must be
        # what the generator makes
        for f in files:
            kept = os.path.join(golden, "good", f)
            if update:
                os.makedirs(os.path.dirname(kept), exist_ok=True)
                shutil.copy(os.path.join(samples, f), kept)
            if not os.path.exists(kept) or not filecmp.cmp(
                    os.path.join(samples, f), kept, shallow=False):
                fail("good/%s is not what make-images generates" % f)
        rc, out, err = run([dump, "--color=never"] + files, cwd=samples)
        if rc != 0:
            fail("jh-dump %s: exit %d: %s" % (v, rc, err))
            continue
        compare_text(os.path.join(golden, v + ".yaml"), out, update)
        rc, out, err = run([dump, "--raw", v + "/rt-cell.cell"],
                           cwd=samples)
        if rc != 0:
            fail("jh-dump --raw %s: exit %d: %s" % (v, rc, err))
            continue
        compare_text(os.path.join(golden, v + "-rt-cell.raw"), out, update)


def dump_and_recompile(compile_, dump, images, work, what, extra=()):
    """images: list of image paths (system first). True when identical."""
    yaml_path = os.path.join(work, "dumped.yaml")
    rc, out, err = run([dump, "--color=never", "-o", yaml_path] + images)
    if rc != 0:
        fail("%s: jh-dump failed (%d): %s" % (what, rc, err))
        return
    outdir = fresh(os.path.join(work, "recompiled"))
    rc, out, err = run([compile_, "--color=never"] + list(extra) +
                       ["-o", outdir, yaml_path])
    if rc != 0:
        fail("%s: jh-compile of the dumped YAML failed (%d):\n%s" %
             (what, rc, err))
        return
    for img in images:
        again = os.path.join(outdir, os.path.basename(img))
        if not os.path.exists(again):
            fail("%s: recompiling did not produce %s" %
                 (what, os.path.basename(img)))
        elif not filecmp.cmp(img, again, shallow=False):
            fail("%s: %s differs after dump + recompile" %
                 (what, os.path.basename(img)))
    produced = sorted(os.listdir(outdir))
    expected = sorted(os.path.basename(i) for i in images)
    if produced != expected:
        fail("%s: recompiling produced %s, expected %s" %
             (what, produced, expected))


def check_roundtrip(compile_, dump, make_images, tmp):
    samples = make_samples(make_images, tmp)
    if not samples:
        return
    for v in sorted(os.listdir(samples)):
        images = [os.path.join(samples, v, f) for f in VARIANT_FILES]
        # the samples are hazardous on purpose (every field and flag
        # used): the checks are jh-lint's business here
        dump_and_recompile(compile_, dump, images,
                           fresh(os.path.join(tmp, "rt-" + v)), v,
                           ["--no-checks"])
        # cell images without their system image: a document with no
        # root cell, which gives back just those cell images
        dump_and_recompile(compile_, dump, images[1:],
                           fresh(os.path.join(tmp, "cells-" + v)),
                           v + " (cells only)", ["--no-checks"])


def check_examples(compile_, dump, examples, tmp):
    scenarios = sorted(glob.glob(os.path.join(examples, "*.yaml")))
    if not scenarios:
        print("no examples/*.yaml: nothing to check")
        return
    if not os.path.exists(compile_):
        fail("examples exist but jh-compile is not built (front end "
             "missing?): %s" % compile_)
        return
    for sc in scenarios:
        name = os.path.basename(sc)[:-5]
        work = fresh(os.path.join(tmp, "ex-" + name))
        first = fresh(os.path.join(work, "first"))
        rc, out, err = run([compile_, "--color=never", "-o", first, sc])
        if rc != 0:
            fail("%s: jh-compile failed (%d):\n%s" % (sc, rc, err))
            continue
        images = [os.path.join(first, "system.cell")] + sorted(
            p for p in glob.glob(first + "/*.cell")
            if os.path.basename(p) != "system.cell")
        dump_and_recompile(compile_, dump, images, work, sc)
        print("%s: %d images round-trip" % (sc, len(images)))


def main(argv):
    update = "--update" in argv
    # tools and directories may be relative; commands run in other dirs
    args = [argv[1]] + [os.path.abspath(a) for a in argv[2:]
                        if a != "--update"]
    mode = args[0]
    if mode == "bad":
        check_bad(*args[1:5], update)
    elif mode == "dump":
        check_dump(*args[1:5], update)
    elif mode == "roundtrip":
        check_roundtrip(*args[1:5])
    elif mode == "examples":
        check_examples(*args[1:5])
    else:
        print(__doc__)
        return 2
    if failures:
        print("%d failure(s)" % len(failures))
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
