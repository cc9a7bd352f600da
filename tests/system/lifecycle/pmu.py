#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""PMU isolation between cells, under QEMU (tests lifecycle-pmu-gic*).

The root manager (manager.c) creates cell D on CPU 1, which leaves its
PMU counting with an overflow interrupt enabled, restarts itself (the
PMU must survive a restart in the same cell: the perf benchmark's
cell-start figure counts across it) and shuts down (pmu-cells.c,
ROLE_PMU_DIRTY); D is destroyed, CPU 1 goes back to the root, and cell
C, created on the same CPU, checks that it finds the PMU in its reset
state (ROLE_PMU_CHECK): one "pmu: PASS/FAIL" line per register. Run
twice, so that CPU 1 changes hands four times. Reuses run.py's setup
(images, loader devices, the manager's script).

Limit: on QEMU the owner-change half passes even without the
hypervisor's reset (hv/arch/arm64/pmu-reset.c), because QEMU's own PSCI
CPU_ON resets the whole CPU, PMU included, and every CPU changing cells
goes through CPU_OFF/CPU_ON. The checker itself is shown to catch an
unreset PMU by the restart half (which sees the kept state); the reset
matters on firmware whose CPU_OFF keeps the core's PMU state.
"""
import argparse
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import run as life  # noqa: E402


def scenario(tmp, gic):
    s = life.Setup(tmp)
    dirty = s.image("D", life.mk.cell_desc(life.cell("D", loadable=False)))
    check = s.image("C", life.mk.cell_desc(life.cell("C", loadable=False)))
    for _ in range(2):
        for img, role in ((dirty, "pmu-dirty"), (check, "pmu-check")):
            s.load(role)
            s.do("create 0x%x" % img, "expect 1", "start 1", "expect 0",
                 "wait 1 2 2000", "expect 2", "destroy 1", "expect 0")
    s.do("off")
    st, out = s.run(gic)
    done = r"pmu: PASS: 0 registers not reset$"
    return life.check("pmu gic%d" % gic, out, st, 0, ordered=[
        r"pmu: dirty: counter 0 = 0x[1-9a-f][0-9a-f]*, enabled 0x80000001,",
        r"jh: cell 'D' reset by CPU 1",
        r"pmu: PASS: kept across the cell's own restart",
        r"jh: cell 'D' destroyed", r"pmu: PASS: PMCR_EL0.E = 0x0$",
        r"pmu: PASS: PMEVTYPER0_EL0 = 0x0$", done,
        r"jh: cell 'C' destroyed",
        r"pmu: dirty: counter 0 = 0x[1-9a-f][0-9a-f]*, enabled 0x80000001,",
        done, r"mgr: done, 0 failed expectations"],
        absent=[r"pmu: FAIL"])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gic", type=int, default=3, choices=[2, 3])
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        return scenario(tmp, a.gic)


if __name__ == "__main__":
    sys.exit(main())
