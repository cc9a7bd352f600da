#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The configuration jh-probe generates from the arm64 snapshot, with two
cells carved out, is accepted by the hypervisor: boot it in QEMU (boot-time
mode, scripts/boot-qemu) on the machine the snapshot was taken from, with
the hello inmate in both cells, and check that both run and shut down.

usage: boot_hv.py PROBE COMPILE BOOT_QEMU HV HELLO_BIN FIXTURES_DIR
"""
import os
import re
import subprocess
import sys
import tempfile

# the machine of fixtures/arm64-virt.tar (scripts/take-probe-fixtures)
MACHINE = "virt,iommu=smmuv3,gic-version=3,virtualization=on,highmem=off"


def main():
    probe, compile_, boot, hv, hello, fixtures = sys.argv[1:7]
    for tool in (compile_, hv, hello):
        if not os.path.exists(tool):
            print(f"FAIL: {tool} is not built", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        scen = os.path.join(tmp, "virt.yaml")
        r = subprocess.run(
            [probe, "-q", "--from", os.path.join(fixtures, "arm64-virt.tar"),
             "--name", "virt", "--board", os.path.join(tmp, "board.yaml"),
             "--scenario", scen,
             "--cell", "rtos:cpus=2,mem=64M",
             "--cell", "bm:cpus=3,mem=16M,devices=rtc0"],
            capture_output=True, text=True, timeout=60)
        if r.returncode:
            print(f"FAIL: jh-probe: {r.stderr}", file=sys.stderr)
            return 1
        out = os.path.join(tmp, "out")
        r = subprocess.run([compile_, "--color=never", "-o", out, scen],
                           capture_output=True, text=True, timeout=60)
        if r.returncode:
            print(f"FAIL: jh-compile: {r.stderr}", file=sys.stderr)
            return 1
        r = subprocess.run(
            [sys.executable, boot, "--hv", hv, "--gic", "3", "--smp", "4",
             "--timeout", "60", "--system", os.path.join(out, "system.cell"),
             "--cell", os.path.join(out, "rtos.cell") + ":" + hello,
             "--cell", os.path.join(out, "bm.cell") + ":" + hello,
             "--qemu-arg=-M", "--qemu-arg=" + MACHINE],
            capture_output=True, text=True, timeout=120)
        log = r.stdout + r.stderr
    want = [r"3 cells", r"starting cell 'rtos' on CPU 2",
            r"hello: CPU 2\b", r"cell 'rtos' shut down",
            r"starting cell 'bm' on CPU 3", r"hello: CPU 3\b",
            r"cell 'bm' shut down", r"no cell left"]
    bad = [r"boot error", r"boot failed", r"PANIC", r"ERROR"]
    ok = True
    # the cells run in parallel: no order between them
    for w in want:
        if not re.search(w, log):
            print(f"FAIL: missing: {w}", file=sys.stderr)
            ok = False
    for b in bad:
        if re.search(b, log):
            print(f"FAIL: {b} in the output", file=sys.stderr)
            ok = False
    if not ok:
        print(log, file=sys.stderr)
        return 1
    print("the hypervisor accepted the generated configuration")
    return 0


if __name__ == "__main__":
    sys.exit(main())
