#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run one hypervisor system-test scenario under QEMU and check it.

Builds fixture images with mkimages.py, boots them with scripts/boot-qemu
(-icount, bounded by a timeout) and checks the console output (lines that
must appear, in order where it matters, and lines that must not) and the
exit status. Paths come from the environment set by meson.build:
JH_HV, JH_BOOT_QEMU, JH_GUESTS, JH_MKIMAGES.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ENV = {k: os.environ.get(k, "") for k in
       ("JH_HV", "JH_BOOT_QEMU", "JH_GUESTS", "JH_MKIMAGES")}
# build/inmates of the runtime side, for the "inmates" scenarios
INMATES = os.environ.get("JH_INMATES", "")
FORBIDDEN_ALWAYS = [r"PANIC", r"ERROR", r"MISSING"]


def boot(tmp, gic, variant, root, a, b, timeout=60, smp=4, icount=True,
         semihosting=True, cpu=None):
    imgdir = os.path.join(tmp, variant)
    subprocess.check_call([sys.executable, ENV["JH_MKIMAGES"], "--gic",
                           str(gic), "--variant", variant, imgdir])
    def guest(n):
        """own test guest NAME, or inmates/NAME for "inmate:NAME" """
        if n.startswith("inmate:"):
            return os.path.join(INMATES, n[7:] + ".bin")
        return os.path.join(ENV["JH_GUESTS"], n + ".bin")

    cmd = [sys.executable, ENV["JH_BOOT_QEMU"], "--hv", ENV["JH_HV"],
           "--gic", str(gic), "--timeout", str(timeout), "--smp", str(smp),
           "--system", os.path.join(imgdir, "system.cell")]
    if icount:
        cmd += ["--icount"]
    if not semihosting:
        cmd += ["--no-semihosting"]
    if cpu:
        cmd += ["--cpu", cpu]
    if root is not None:
        cmd += ["--root", guest(root)]
    # None: the cell is there but has no inmate, so it is not started
    for name, inmate in (("A", a), ("B", b)):
        spec = os.path.join(imgdir, name + ".cell")
        if inmate is not None:
            spec += ":" + guest(inmate)
        cmd += ["--cell", spec]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = p.stdout.decode(errors="replace").replace("\r", "")
    return p.returncode, out


class Check:
    def __init__(self, name):
        self.name = name
        self.errors = []

    def expect(self, out, status, want_status, ordered=(), present=(),
               absent=()):
        if status != want_status:
            self.errors.append("exit status %d, expected %d"
                               % (status, want_status))
        pos = 0
        for rx in ordered:
            m = re.compile(rx, re.M).search(out, pos)
            if not m:
                self.errors.append("missing (in order): %s" % rx)
            else:
                pos = m.end()
        for rx in present:
            if not re.search(rx, out, re.M):
                self.errors.append("missing: %s" % rx)
        for rx in list(absent) + FORBIDDEN_ALWAYS:
            m = re.search(rx, out, re.M)
            if m:
                self.errors.append("must not appear: %s (found '%s')"
                                   % (rx, m.group(0)))

    def done(self, out):
        if self.errors:
            sys.stdout.write("---- console output ----\n%s\n----\n" % out)
            for e in self.errors:
                print("FAIL %s: %s" % (self.name, e))
            return 1
        print("ok %s" % self.name)
        return 0


def common_hello(cpu, gic, root):
    state_of_1 = r"[02]" if root else r"-1"
    return [
        r"^cpu%d: hello$" % cpu,
        r"^cpu%d: comm JHCOMM rev 2 gic %d state 0 flags 1$" % (cpu, gic),
        r"^cpu%d: cells 3 pool-used>0 1 state-of-1 %s unknown -38 "
        r"cpuinfo 0 cpuinfo-of-cpu0 %s hypercalls>0 1$"
        % (cpu, state_of_1, "0" if root else "-1"),
        r"^cpu%d: psci version 0x10001 features\(cpu_on\) 0$" % cpu,
        r"^cpu%d: sgi 5 received$" % cpu,
        r"^cpu%d: sgi burst 12/12$" % cpu,
        r"^cpu%d: timer irq 27 received$" % cpu,
    ]


SMP = [r"^cpu1: smp primary$", r"^cpu1: affinity of secondary before: 1$",
       r"^cpu1: cpu_on secondary = 0$", r"^cpu1: secondary off again, "
       r"cpu_on self = -4$", r"^cpu1: done$"]


def scenario_boot(tmp, gic):
    c = Check("boot gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "smp", "hello")
    c.expect(out, st, 0,
             ordered=[r"jh: GICv%d" % gic, r"jh: 3 cells",
                      r"jh: starting cell 'root' on CPU 0",
                      r"jh: starting cell 'A' on CPU 1",
                      r"jh: starting cell 'B' on CPU 2",
                      r"jh: no cell left, powering off \(all cells shut "
                      r"down\)"],
             present=common_hello(0, gic, True) + common_hello(2, gic, False)
             + SMP + [r"^cpu3: secondary up$", r"jh: cell 'A' shut down",
                      r"jh: cell 'B' shut down", r"jh: cell 'root' shut down"],
             absent=[r"FATAL", r"foreign context"])
    return c.done(out)


def scenario_fault(tmp, gic):
    c = Check("fault gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "watcher", "smp", "fault")
    c.expect(out, st, 1,
             ordered=[r"^cpu2: touching unowned memory$",
                      r"^jh: FATAL: cell 'B' CPU 2: illegal write at "
                      r"0x20000000, syndrome 0x[0-9a-f]+: cell stopped$",
                      r"^jh: cell 'B' failed$",
                      r"^cpu0: watched cell state 3, still running$",
                      r"^cpu0: done$",
                      r"jh: no cell left, powering off \(a cell failed\)"],
             present=SMP + [r"^cpu3: secondary up$",
                            r"jh: cell 'A' shut down"],
             absent=[r"NOT STOPPED"])
    return c.done(out)


def scenario_irq(tmp, gic):
    c = Check("irq-isolation gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "owner", "hello", "attacker")
    route0 = "0x0" if gic == 3 else "0x1"
    route2 = "0x2" if gic == 3 else "0x4"
    c.expect(out, st, 0,
             ordered=[r"^cpu0: owner: own spi 40 enable/disable reads 1/0 "
                      r"route %s$" % route0,
                      r"^cpu2: attacker: foreign spi 40 reads enabled 0$",
                      r"^cpu2: attacker: own spi 64 enabled 1 route %s$"
                      % route2,
                      r"^cpu0: owner: after attack spi 40 enabled 0 pending "
                      r"0 route %s interrupts seen 0$" % route0,
                      r"^cpu0: owner: own ppi 27 enabled 0 pending 0$"],
             present=[r"^cpu2: attacker: cpu0 redistributor reads 0x0$"]
             if gic == 3 else [],
             absent=[r"FATAL", r"never"])
    return c.done(out)


def scenario_psci(tmp, gic):
    c = Check("psci-foreign gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "smp", "psci-attack")
    c.expect(out, st, 0,
             present=[r"^cpu2: cpu_on foreign-off-cpu3 = -3$",
                      r"^cpu2: cpu_on foreign-root-cpu0 = -3$",
                      r"^cpu2: cpu_on missing-cpu = -2$",
                      r"^cpu2: cpu_on self = -4$",
                      r"^cpu2: affinity foreign-cpu3 = -2$",
                      r"^cpu3: secondary up$"] + SMP,
             absent=[r"FATAL", r"foreign context"])
    if len(re.findall(r"^cpu3: ", out, re.M)) != 1:
        c.errors.append("CPU 3 must run exactly once (started by cell A)")
    return c.done(out)


def scenario_putc(tmp, gic):
    c = Check("putc-denied gic%d" % gic)
    st, out = boot(tmp, gic, "no-putc-b", "hello", "smp", "noputc")
    c.expect(out, st, 0, present=[r"jh: cell 'B' shut down"],
             absent=[r"FATAL", r"^X"])
    return c.done(out)


def scenario_reset(tmp, gic):
    c = Check("reset gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "smp", "reset")
    c.expect(out, st, 0,
             ordered=[r"^cpu2: reset guest, run 1, cell state 0 ppi 27 enabled 0$",
                      r"^jh: cell 'B' reset by CPU 2$",
                      r"^cpu2: reset guest, run 2, cell state 0 ppi 27 enabled 0$",
                      r"^jh: cell 'B' shut down$"],
             present=[r"^cpu0: done$", r"^cpu1: done$"],
             absent=[r"FATAL", r"run 3"])
    return c.done(out)


def scenario_idle_boot_cpu(tmp, gic):
    """The boot CPU belongs to no cell: it powers off after the start."""
    c = Check("idle-boot-cpu gic%d" % gic)
    st, out = boot(tmp, gic, "no-cpu0", "hello", "hello", "hello")
    c.expect(out, st, 0,
             present=[r"jh: starting cell 'root' on CPU 1 ",
                      r"jh: starting cell 'A' on CPU 3 ",
                      r"^cpu1: done$", r"^cpu2: done$", r"^cpu3: done$",
                      r"all cells shut down"],
             absent=[r"^cpu0: ", r"FATAL"])
    return c.done(out)


def scenario_bench(tmp, gic):
    """Exit costs in instructions (a benchmark: prints figures)."""
    c = Check("bench gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "bench", None, None)
    names = ["hypercall get-info", "unknown hypercall", "psci-version smc",
             "gicd-typer read", "gicd-priority write", "self-sgi round trip"]
    c.expect(out, st, 0,
             present=[r"^cpu0: bench: %s \d+ instructions$" % n
                      for n in names] + [r"^cpu0: bench: done$"])
    for line in out.splitlines():
        if "bench:" in line and "instructions" in line:
            print("gic%d %s" % (gic, line.split("bench: ", 1)[1]))
    return c.done(out)


def scenario_root_idle(tmp, gic):
    """No inmate for the root cell: it holds its resources, not started."""
    c = Check("root-idle gic%d" % gic)
    st, out = boot(tmp, gic, "ok", None, "smp", "hello")
    c.expect(out, st, 0,
             ordered=[r"^jh: cell 'root' has no inmate: not started$",
                      r"jh: no cell left, powering off \(all cells shut "
                      r"down\)"],
             present=SMP + [r"^cpu2: done$", r"^cpu3: secondary up$"],
             absent=[r"^cpu0: ", r"FATAL", r"'root' shut down"])
    return c.done(out)


def scenario_subpage(tmp, gic):
    """A sub-page I/O region: emulated accesses, widths enforced."""
    c = Check("subpage gic%d" % gic)
    st, out = boot(tmp, gic, "subpage-uart", None, None, "uart")
    c.expect(out, st, 1,
             ordered=[r"^uart guest: written through a sub-page region$",
                      r"^cpu2: uart: now an 8-bit read$",
                      r"^jh: FATAL: cell 'B' CPU 2: illegal read at "
                      r"0x9000000, syndrome 0x[0-9a-f]+: cell stopped$"],
             absent=[r"NOT STOPPED"])
    return c.done(out)


def scenario_missing_cpus(tmp, gic):
    """QEMU has 2 CPUs, the images 4: cell B cannot start, A's CPU_ON of
    CPU 3 fails, the rest runs."""
    c = Check("missing-cpus gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "smp", "hello", smp=2)
    c.expect(out, st, 1,
             present=[r"^jh: CPU 2 of cell 'B' cannot be powered on",
                      r"^jh: cell 'B' failed$",
                      r"^cpu1: cpu_on secondary = -6$", r"^cpu1: done$",
                      r"^cpu0: done$", r"jh: cell 'A' shut down",
                      r"jh: no cell left, powering off \(a cell failed\)"],
             absent=[r"^cpu2: ", r"^cpu3: "])
    return c.done(out)


def scenario_smp_stress(tmp, gic):
    """Real parallelism (no -icount): cross-CPU SGIs while the other
    cells run too; none may get lost."""
    c = Check("smp-stress gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "pingpong", "hello",
                   icount=False)
    c.expect(out, st, 0,
             present=[r"^cpu1: pingpong: 100 SGIs received$",
                      r"^cpu0: done$", r"^cpu2: done$",
                      r"jh: no cell left, powering off \(all cells shut "
                      r"down\)"],
             absent=[r"LOST", r"FATAL"])
    return c.done(out)


def scenario_no_semihosting(tmp, gic):
    """Without semihosting the end is PSCI SYSTEM_OFF (exit status 0)."""
    c = Check("no-semihosting gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "smp", "fault",
                   semihosting=False)
    c.expect(out, st, 0,
             present=[r"jh: cell 'B' failed",
                      r"jh: no cell left, powering off \(a cell failed\)"],
             absent=[r"NOT STOPPED"])
    return c.done(out)


def scenario_carve(tmp, gic):
    """Non-root memory is removed from the root cell, root-shared kept."""
    c = Check("carve gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "rootpeek", "smp", "hello")
    c.expect(out, st, 1,
             ordered=[r"^cpu0: rootpeek: own memory readable$",
                      r"^cpu0: rootpeek: root-shared page of B readable$",
                      r"^cpu0: rootpeek: last own page readable$",
                      r"^jh: FATAL: cell 'root' CPU 0: illegal read at "
                      r"0x50000000, syndrome 0x[0-9a-f]+: cell stopped$"],
             present=SMP + [r"^cpu2: done$", r"jh: cell 'A' shut down",
                            r"jh: cell 'B' shut down"],
             absent=[r"A's RAM readable", r"NOT STOPPED"])
    return c.done(out)


def scenario_high_ipa(tmp, gic):
    """Guest addresses above 512 GiB (4-level stage 2 from level 0):
    RAM, a root-shared page and a device page there work, an unmapped
    address there faults with the full address. The cortex-a57 has 44
    address bits; with GICv3 also on "-cpu max" (52, used: 48), and on
    the cortex-a53 (40 bits: a 39-bit stage 2 from level 1, which must
    refuse these images and still run the usual ones)."""
    fails = 0
    for cpu, bits in [(None, 44)] + ([("max", 48)] if gic == 3 else []):
        fails += high_ipa_run(tmp, gic, cpu, bits)
    if gic == 3:
        fails += high_ipa_a53(tmp, gic)
    return 1 if fails else 0


def high_ipa_a53(tmp, gic):
    c = Check("high-ipa gic%d cpu cortex-a53: refused" % gic)
    st, out = boot(tmp, gic, "high-ipa", None, None, "highmem",
                   cpu="cortex-a53", timeout=30)
    c.expect(out, st, 2,
             ordered=[r"^jh: boot error: cell 'B': memory region 4: guest "
                      r"address 0x8000000fff beyond the limit 0x7fffffffff$",
                      r"jh: boot failed"],
             absent=[r"^cpu\d: ", r"starting cell"])
    fails = c.done(out)
    c = Check("high-ipa gic%d cpu cortex-a53: carve" % gic)
    st, out = boot(tmp, gic, "ok", "rootpeek", "smp", "hello",
                   cpu="cortex-a53")
    c.expect(out, st, 1,
             ordered=[r"^jh: 40-bit physical, 39-bit guest-physical "
                      r"addresses$",
                      r"^cpu0: rootpeek: root-shared page of B readable$",
                      r"^jh: FATAL: cell 'root' CPU 0: illegal read at "
                      r"0x50000000, syndrome 0x[0-9a-f]+: cell stopped$"],
             present=SMP + [r"^cpu2: done$", r"jh: cell 'B' shut down"],
             absent=[r"A's RAM readable", r"NOT STOPPED"])
    return fails + c.done(out)


def high_ipa_run(tmp, gic, cpu, bits):
    c = Check("high-ipa gic%d cpu %s" % (gic, cpu or "cortex-a57"))
    st, out = boot(tmp, gic, "high-ipa", None, None, "highmem", cpu=cpu)
    c.expect(out, st, 1,
             ordered=[r"^jh: %d-bit physical, %d-bit guest-physical "
                      r"addresses$" % (bits, bits),
                      r"jh: starting cell 'B' on CPU 2",
                      r"^cpu2: highmem: own RAM page seen at 0x7ffffff000$",
                      r"^cpu2: highmem: shared page seen at 0x8000000000$",
                      r"^highmem: written to the PL011 at 512 GiB \+ 2 "
                      r"MiB$",
                      r"^cpu2: highmem: reading unmapped 0x8000400000$",
                      r"^jh: FATAL: cell 'B' CPU 2: illegal read at "
                      r"0x8000400000, syndrome 0x[0-9a-f]+: cell stopped$",
                      r"^jh: cell 'B' failed$"],
             absent=[r"NOT", r"boot error"])
    return c.done(out)


def scenario_determinism(tmp, gic):
    """-icount runs of the same images give byte-identical output."""
    c = Check("determinism gic%d" % gic)
    st1, out1 = boot(tmp, gic, "ok", "hello", "smp", "hello")
    st2, out2 = boot(tmp, gic, "ok", "hello", "smp", "hello")
    c.expect(out1, st1, 0, present=[r"all cells shut down"])
    if out1 != out2 or st1 != st2:
        c.errors.append("two runs differ")
    return c.done(out1 + "\n---- second run ----\n" + out2)


BAD = {
    "bad-signature": r"jh: boot error: system image: bad signature",
    "bad-revision": r"jh: boot error: cell 'A': revision 13, expected 14",
    "hv-overlap": r"jh: boot error: cell 'B': memory region 0 "
                  r"\(0x7fb00000\+0x200000\) overlaps hypervisor memory",
    "truncated": r"jh: boot error: cell 'A': image is 172 bytes, its counts "
                 r"say 204",
    "cpu-not-in-root": r"jh: boot error: cell 'B': CPU 5 is not in the root "
                       r"cell's set",
    "cpu-twice": r"jh: boot error: cell 'B': CPU 1 is also in cell 'A'",
    "irq-range": r"jh: boot error: cell 'A': irqchip 0: interrupt 1030 does "
                 r"not exist",
    "irq-twice": r"jh: boot error: cell 'B': interrupt 64 is also given to "
                 r"cell 'A'",
    "gic-mismatch": r"jh: boot error: system image: gic_version \d, but this "
                    r"CPU reports",
    "gic-guest-overlap": r"jh: boot error: cell 'A': memory region 0 "
                         r"\(guest 0x0\+0x10000000\) hides the GIC",
    "pa-range": r"jh: boot error: cell 'B': memory region 0: physical "
                r"address 0x100000ffffff beyond the limit 0xfffffffffff",
    "ipa-range": r"jh: boot error: cell 'B': memory region 3: guest "
                 r"address 0x100000000fff beyond the limit 0xfffffffffff",
    "reset-not-exec": r"jh: boot error: cell 'A': cpu_reset_address "
                      r"0x30000000 is not in an executable RAM region",
    "gic-frame": r"jh: boot error: cell 'B': memory region 3 \(0x8000000"
                 r"\+0x10000\) covers a device the hypervisor owns",
}


def scenario_bad(tmp, gic):
    fails = 0
    for variant, rx in sorted(BAD.items()):
        c = Check("bad-images %s" % variant)
        st, out = boot(tmp, gic, variant, "hello", "smp", "hello",
                       timeout=30)
        c.expect(out, st, 2, ordered=[rx, r"jh: boot failed"],
                 absent=[r"^cpu\d: ", r"starting cell"])
        fails += c.done(out)
    return 1 if fails else 0


def scenario_inmates(tmp, gic):
    """The runtime's inmates (build/inmates) under the hypervisor."""
    if not INMATES:
        print("run.py: JH_INMATES not set")
        return 2
    fails = 0
    c = Check("inmates gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "inmate:selftest", "inmate:hello",
                   "inmate:timer")
    banner = (r"^jh-rt: in a cell, entered at EL1, linked at 0x0, console: "
              r"hypervisor debug console, PSCI 1\.1 via smc, GICv%d$" % gic)
    c.expect(out, st, 0,
             present=[banner, r"^selftest: \d+ checks, 0 failed$",
                      r"^hello: 2 CPUs online, 2 greeted$",
                      r"^timer: .*samples 100 min \d+",
                      r"jh: no cell left, powering off \(all cells shut "
                      r"down\)"],
             absent=[r"FATAL", r"FAILED", r"jh-rt: exit [^0]"])
    if len(re.findall(banner, out, re.M)) != 3:
        c.errors.append("expected the runtime banner from 3 cells")
    fails += c.done(out)
    # cell A owns no SPI and does not map guest 0x40000000
    c = Check("inmates spi-steal gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "inmate:spi-steal", "hello")
    c.expect(out, st, 0,
             present=[r"^spi-steal: INTID 33 enable: before 0 after 0: "
                      r"no effect$",
                      r"^spi-steal: INTID 33 route: .*: no effect$"],
             absent=[r"FATAL", r"took effect"])
    fails += c.done(out)
    c = Check("inmates attack gic%d" % gic)
    st, out = boot(tmp, gic, "ok", "hello", "inmate:attack", "hello")
    c.expect(out, st, 1,
             ordered=[r"^attack: reading 0x40000000$",
                      r"^jh: FATAL: cell 'A' CPU 1: illegal read at "
                      r"0x40000000, syndrome 0x[0-9a-f]+: cell stopped$",
                      r"^jh: cell 'A' failed$"],
             present=[r"^cpu0: done$", r"^cpu2: done$"],
             absent=[r"NOT STOPPED"])
    fails += c.done(out)
    return 1 if fails else 0


SCENARIOS = {"inmates": scenario_inmates, "reset": scenario_reset,
             "idle-boot-cpu": scenario_idle_boot_cpu,
             "root-idle": scenario_root_idle, "subpage": scenario_subpage,
             "missing-cpus": scenario_missing_cpus,
             "smp-stress": scenario_smp_stress,
             "no-semihosting": scenario_no_semihosting,
             "carve": scenario_carve, "bench": scenario_bench,
             "high-ipa": scenario_high_ipa,
             "determinism": scenario_determinism, "boot": scenario_boot, "fault": scenario_fault,
             "irq-isolation": scenario_irq, "psci-foreign": scenario_psci,
             "putc-denied": scenario_putc, "bad-images": scenario_bad}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("scenario", choices=sorted(SCENARIOS))
    p.add_argument("--gic", type=int, choices=[2, 3], default=3)
    a = p.parse_args()
    missing = [k for k, v in ENV.items() if not v]
    if missing:
        print("run.py: environment lacks %s" % ", ".join(missing))
        return 2
    with tempfile.TemporaryDirectory(prefix="jh-hv-test-") as tmp:
        return SCENARIOS[a.scenario](tmp, a.gic)


if __name__ == "__main__":
    sys.exit(main())
