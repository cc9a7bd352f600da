#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Golden tests of jh-probe on the snapshot fixtures.

For every case: generate a board and a scenario from a fixture, compare
them with the reviewed files in expected/, compile them with jh-compile
and lint them with jh-lint (both must be clean). Then the error paths:
bad requests, damaged or incomplete snapshots.

usage: run_probe_golden.py PROBE COMPILE LINT DIR
       (COMPILE/LINT may be "missing": the test then fails, loudly)
Set JH_UPDATE_GOLDEN=1 to rewrite expected/ (review the diff!).
"""
import io
import os
import subprocess
import sys
import tarfile
import tempfile

CASES = [
    # name, fixture, extra arguments, non-root cells expected
    ("arm64-virt", "arm64-virt", [], []),
    ("arm64-virt-cells", "arm64-virt",
     ["--cell", "rtos:cpus=2,mem=64M,devices=nic1",
      "--cell", "bm:cpus=3,mem=16M,devices=ivshmem0+rtc0"], ["rtos", "bm"]),
    ("arm64-virt-gicv2", "arm64-virt-gicv2",
     ["--cell", "bm:cpus=1,mem=8M,devices=nic1"], ["bm"]),
    ("x86-q35", "x86-q35", [], []),
    ("x86-q35-cells", "x86-q35",
     ["--hv-mem", "8M", "--cell", "rtos:cpus=2-3,mem=128M,devices=nic1"],
     ["rtos"]),
    ("x86-q35-amd", "x86-q35-amd", [], []),
]

failures = []


def fail(case, msg):
    failures.append(f"{case}: {msg}")
    print(f"FAIL {case}: {msg}", file=sys.stderr)


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, timeout=60,
                          **kw)


def compare(case, got_path, want_path, update):
    with open(got_path) as f:
        got = f.read()
    if update:
        os.makedirs(os.path.dirname(want_path), exist_ok=True)
        with open(want_path, "w") as f:
            f.write(got)
        return
    try:
        with open(want_path) as f:
            want = f.read()
    except OSError as e:
        fail(case, f"no expected file: {e}")
        return
    if got != want:
        import difflib
        diff = "".join(difflib.unified_diff(
            want.splitlines(True), got.splitlines(True), want_path,
            got_path))
        fail(case, f"output differs from {want_path}:\n{diff}")


def schema_check(case, path, d):
    """The generated YAML must satisfy the language's JSON Schema (what
    editors check through the modeline)."""
    import json
    import jsonschema
    import yaml
    schema_path = os.path.join(d, "..", "..", "..", "schema",
                               "jh-config.schema.json")
    with open(schema_path) as f:
        schema = json.load(f)
    with open(path) as f:
        doc = yaml.safe_load(f)
    cls = jsonschema.validators.validator_for(schema)
    for e in cls(schema).iter_errors(doc):
        fail(case, f"{path}: schema: {list(e.absolute_path)}: "
             f"{e.message[-200:]}")


def golden(probe, compile_, lint, d, update):
    for name, fixture, extra, cells in CASES:
        with tempfile.TemporaryDirectory() as tmp:
            board = os.path.join(tmp, "boards", name + ".yaml")
            scen = os.path.join(tmp, name + ".yaml")
            os.makedirs(os.path.dirname(board))
            r = run([probe, "-q", "--from",
                     os.path.join(d, "fixtures", fixture + ".tar"),
                     "--name", name, "--board", board, "--scenario", scen]
                    + extra)
            if r.returncode != 0:
                fail(name, f"jh-probe exit {r.returncode}: {r.stderr}")
                continue
            compare(name, board,
                    os.path.join(d, "expected", "boards", name + ".yaml"),
                    update)
            compare(name, scen, os.path.join(d, "expected", name + ".yaml"),
                    update)
            schema_check(name, board, d)
            schema_check(name, scen, d)
            if not os.path.exists(compile_) or not os.path.exists(lint):
                fail(name, "jh-compile or jh-lint is not built: the "
                     "generated files cannot be checked")
                continue
            out = os.path.join(tmp, "out")
            r = run([compile_, "--color=never", "-o", out, scen])
            if r.returncode != 0 or "warning" in r.stderr:
                fail(name, f"jh-compile exit {r.returncode}:\n{r.stderr}")
            else:
                made = sorted(os.listdir(out))
                want = sorted(["system.cell"] + [c + ".cell" for c in cells])
                if made != want:
                    fail(name, f"jh-compile wrote {made}, expected {want}")
            r = run([lint, "--summary", scen])
            if r.returncode != 0 or "0 errors, 0 warnings" not in r.stdout \
                    + r.stderr:
                fail(name, f"jh-lint not clean (exit {r.returncode}):\n"
                     f"{r.stdout}{r.stderr}")


def rewrite_tar(src, dst, drop=(), replace=None):
    """Copy a snapshot, leaving out `drop` and replacing contents."""
    replace = replace or {}
    with tarfile.open(src) as tin, \
            tarfile.open(dst, "w", format=tarfile.USTAR_FORMAT) as tout:
        for m in tin.getmembers():
            if m.name in drop:
                continue
            if m.name in replace:
                data = replace[m.name](tin.extractfile(m).read())
                m.size = len(data)
                tout.addfile(m, io.BytesIO(data))
            elif m.isfile():
                tout.addfile(m, tin.extractfile(m))
            else:
                tout.addfile(m)


def expect(case, cmd, code, needles, absent_files=()):
    r = run(cmd)
    if r.returncode != code:
        fail(case, f"exit {r.returncode}, expected {code}: {r.stderr}")
    for n in needles:
        if n not in r.stderr:
            fail(case, f"stderr lacks {n!r}:\n{r.stderr}")
    if "Sanitizer" in r.stderr or "runtime error" in r.stderr:
        fail(case, f"sanitizer report:\n{r.stderr}")
    for f in absent_files:
        if os.path.exists(f):
            fail(case, f"{f} was written although the run failed")
    return r


def errors(probe, d):
    x86 = os.path.join(d, "fixtures", "x86-q35.tar")
    arm = os.path.join(d, "fixtures", "arm64-virt.tar")
    with tempfile.TemporaryDirectory() as tmp:
        b = os.path.join(tmp, "b.yaml")
        s = os.path.join(tmp, "s.yaml")
        out = ["--board", b, "--scenario", s]
        expect("cell-unknown-device",
               [probe, "-q", "--from", x86, "--cell",
                "c:cpus=1,mem=16M,devices=nic9"] + out, 1,
               ["no device named nic9", "did you mean"], [b, s])
        expect("cell-cpu0", [probe, "-q", "--from", x86, "--cell",
                             "c:cpus=0-1,mem=16M"] + out, 1,
               ["CPU 0 stays with the root cell"], [b, s])
        expect("cell-cpu-twice", [probe, "-q", "--from", x86, "--cell",
                                  "c:cpus=1,mem=16M", "--cell",
                                  "e:cpus=1-2,mem=16M"] + out, 1,
               ["both ask for CPU 1"], [b, s])
        expect("cell-its", [probe, "-q", "--from", arm, "--cell",
                            "c:cpus=1,mem=16M,devices=gic-its"] + out, 1,
               ["gic-its stays with the root cell"], [b, s])
        expect("cell-too-big", [probe, "-q", "--from", x86, "--cell",
                                "c:cpus=1,mem=4G"] + out, 1,
               ["do not fit"], [b, s])
        expect("cell-bad-syntax", [probe, "--from", x86, "--cell",
                                   "c:cpus=1,memory=16M"] + out, 2,
               ["unknown key \"memory\""], [b, s])
        expect("usage", [probe, "--bogus"], 2, ["usage:"])
        expect("bad-name", [probe, "--from", x86, "--name", "a b"] + out, 2,
               ["--name a b"], [b, s])
        expect("same-file", [probe, "--from", x86, "--board", b,
                             "--scenario", b], 2, ["the same file"], [b])
        garbage = os.path.join(tmp, "garbage.tar")
        with open(garbage, "wb") as f:
            f.write(bytes(range(256)) * 8)
        expect("not-a-tar", [probe, "--from", garbage] + out, 1,
               ["not a tar archive"], [b, s])
        expect("missing-snapshot", [probe, "--from",
                                    os.path.join(tmp, "nope.tar")] + out, 1,
               ["nope.tar"], [b, s])
        plain = os.path.join(tmp, "plain.tar")
        with tarfile.open(plain, "w", format=tarfile.USTAR_FORMAT) as t:
            info = tarfile.TarInfo("proc/cpuinfo")
            t.addfile(info, io.BytesIO(b""))
        expect("not-a-snapshot", [probe, "--from", plain] + out, 1,
               ["not a jh-probe snapshot"], [b, s])
        cut = os.path.join(tmp, "cut.tar")
        with open(x86, "rb") as f, open(cut, "wb") as g:
            g.write(f.read()[:5000])
        expect("truncated", [probe, "--from", cut] + out, 1,
               ["runs past the end"], [b, s])
        # incomplete snapshots: every gap is named, output still written
        no_acpi = os.path.join(tmp, "no-acpi.tar")
        rewrite_tar(x86, no_acpi, drop={
            "sys/firmware/acpi/tables/APIC", "sys/firmware/acpi/tables/MCFG",
            "sys/firmware/acpi/tables/DMAR", "proc/ioports"})
        expect("no-acpi", [probe, "--from", no_acpi] + out, 0,
               ["ACPI APIC table: not in the snapshot",
                "fill in board.irqchips",
                "ACPI MCFG table: not in the snapshot",
                "fill in board.pci.ecam",
                "no DMAR or IVRS table",
                "/proc/ioports: not in the snapshot"])
        with open(b) as f:
            if "fill in board.irqchips" not in f.read():
                fail("no-acpi", "the board does not carry the notes")
        bad_fdt = os.path.join(tmp, "bad-fdt.tar")
        rewrite_tar(arm, bad_fdt, replace={
            "sys/firmware/fdt": lambda data: data[:200]})
        expect("damaged-fdt", [probe, "--from", bad_fdt] + out, 0,
               ["/sys/firmware/fdt:", "fill in board.irqchips"])
        bad_dmar = os.path.join(tmp, "bad-dmar.tar")
        rewrite_tar(x86, bad_dmar, replace={
            "sys/firmware/acpi/tables/DMAR":
                lambda data: data[:60] + bytes([data[60] ^ 0xff]) +
                data[61:]})
        expect("damaged-dmar", [probe, "--from", bad_dmar] + out, 0,
               ["DMAR: checksum is wrong", "fill in board.iommus"])
        no_pci_cfg = os.path.join(tmp, "no-pci-config.tar")
        rewrite_tar(x86, no_pci_cfg, drop={
            "sys/bus/pci/devices/0000:00:02.0/config"})
        expect("missing-pci-config", [probe, "--from", no_pci_cfg] + out, 0,
               ["0000:00:02.0/config: not in the snapshot",
                "add it to board.pci by hand"])


def body(path):
    """A generated file without its header comment (names the source)."""
    with open(path) as f:
        lines = f.readlines()
    return "".join(lines[lines.index("jh: 1\n"):])


def roundtrip(probe, d):
    """A snapshot unpacked and read with --root, and collected again from
    there with `jh-probe collect --root`, gives the same configuration."""
    for fixture in ("x86-q35", "arm64-virt"):
        case = f"roundtrip-{fixture}"
        snap = os.path.join(d, "fixtures", fixture + ".tar")
        with tempfile.TemporaryDirectory() as tmp:
            tree = os.path.join(tmp, "tree")
            os.makedirs(tree)
            with tarfile.open(snap) as t:
                t.extractall(tree)
            outs = {}
            for how, args in (
                    ("from", ["--from", snap]),
                    ("root", ["--root", tree]),
                    ("recollected", ["--from", os.path.join(tmp, "re.tar")])):
                if how == "recollected":
                    r = run([probe, "collect", os.path.join(tmp, "re.tar"),
                             "--root", tree])
                    if r.returncode != 0:
                        fail(case, f"collect --root: {r.stderr}")
                        break
                os.makedirs(os.path.join(tmp, how))
                b = os.path.join(tmp, how, "board.yaml")
                s = os.path.join(tmp, how, "scenario.yaml")
                r = run([probe, "-q"] + args + ["--name", fixture,
                                               "--board", b, "--scenario", s])
                if r.returncode != 0:
                    fail(case, f"{how}: exit {r.returncode}: {r.stderr}")
                    break
                outs[how] = body(b) + body(s)
            if len(outs) == 3 and not (outs["from"] == outs["root"] ==
                                       outs["recollected"]):
                fail(case, "--from, --root and a re-collected snapshot "
                     "disagree")


def main():
    probe, compile_, lint, d = sys.argv[1:5]
    update = os.environ.get("JH_UPDATE_GOLDEN") == "1"
    golden(probe, compile_, lint, d, update)
    errors(probe, d)
    roundtrip(probe, d)
    if failures:
        print(f"{len(failures)} probe golden check(s) failed",
              file=sys.stderr)
        return 1
    print("probe golden: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
