#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The configuration jh-probe generates from an arm64 snapshot, with two
cells carved out, is accepted by the hypervisor: boot it in QEMU (boot-time
mode, scripts/boot-qemu) on the machine the snapshot was taken from, with
the hello inmate in both cells, and check that both run and shut down.

usage: boot_hv.py PROBE COMPILE BOOT_QEMU HV HELLO_BIN FIXTURES_DIR [FIXTURE]
FIXTURE: arm64-virt (default) or arm64-virt-gicv2
"""
import os
import re
import struct
import subprocess
import sys
import tempfile

# fixture: (GIC version, the machine it was taken on, whether the root
# cell maps guest addresses at or above 512 GiB);
# see scripts/take-probe-fixtures
MACHINES = {
    "arm64-virt": ("3", "virt,iommu=smmuv3,gic-version=3,virtualization=on,"
                   "highmem=off", False),
    # QEMU's default memory map: 64-bit BARs at 0x80_0000_0000 (512 GiB)
    "arm64-virt-gicv2": ("2", "virt,iommu=smmuv3,gic-version=2,"
                         "virtualization=on", True),
}
SYS_HEADER = 356        # struct jh_system_desc up to the root cell
CELL_HEADER = 132       # struct jh_cell_desc


def highest_guest_address(system_cell):
    """End of the root cell's highest memory region (schema/jh-cell-format.h
    read directly, so that the check does not trust jh-compile)."""
    with open(system_cell, "rb") as f:
        data = f.read()
    cell = data[SYS_HEADER:]
    cpu_set_size, num_mem = struct.unpack_from("<II", cell, 48)
    top = 0
    for n in range(num_mem):
        _, virt, size, _ = struct.unpack_from(
            "<QQQQ", cell, CELL_HEADER + cpu_set_size + 32 * n)
        top = max(top, virt + size)
    return top


def main():
    probe, compile_, boot, hv, hello, fixtures = sys.argv[1:7]
    fixture = sys.argv[7] if len(sys.argv) > 7 else "arm64-virt"
    if fixture not in MACHINES:
        print(f"FAIL: unknown fixture {fixture}", file=sys.stderr)
        return 1
    gic, machine, high = MACHINES[fixture]
    for tool in (compile_, hv, hello):
        if not os.path.exists(tool):
            print(f"FAIL: {tool} is not built", file=sys.stderr)
            return 1
    with tempfile.TemporaryDirectory() as tmp:
        scen = os.path.join(tmp, "virt.yaml")
        r = subprocess.run(
            [probe, "-q", "--from", os.path.join(fixtures, fixture + ".tar"),
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
        system = os.path.join(out, "system.cell")
        top = highest_guest_address(system)
        if (top > 1 << 39) != high:
            print(f"FAIL: the root cell's memory ends at {top:#x}: "
                  f"expected it {'above' if high else 'below'} 512 GiB",
                  file=sys.stderr)
            return 1
        r = subprocess.run(
            [sys.executable, boot, "--hv", hv, "--gic", gic, "--smp", "4",
             "--timeout", "60", "--system", system,
             "--cell", os.path.join(out, "rtos.cell") + ":" + hello,
             "--cell", os.path.join(out, "bm.cell") + ":" + hello,
             "--qemu-arg=-M", "--qemu-arg=" + machine],
            capture_output=True, text=True, timeout=120)
        log = r.stdout + r.stderr
    want = [r"3 cells", r"starting cell 'rtos' on CPU 2",
            r"hello: CPU 2\b", r"cell 'rtos' shut down",
            r"starting cell 'bm' on CPU 3", r"hello: CPU 3\b",
            r"cell 'bm' shut down", r"no cell left",
            r"GICv%s" % gic]
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
    if r.returncode:
        print(f"FAIL: exit status {r.returncode}", file=sys.stderr)
        ok = False
    if not ok:
        print(log, file=sys.stderr)
        return 1
    print(f"the hypervisor accepted the configuration generated from "
          f"{fixture} (root cell memory up to {top:#x})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
