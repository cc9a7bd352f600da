#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Run one cell-lifecycle scenario under QEMU and check it.

The root cell runs the manager (manager.c) with a script of commands;
QEMU loader devices put the script, the cell images and the cells'
binaries into root memory. Images come from tests/system/hv/mkimages.py's
builders (the same fixture layout: root RAM 0x40000000 -> guest 0 and
0x48000000-0x5fffffff identity-mapped). Run-time cells get 1 MiB of RAM
at 0x50000000 (or 0x50100000) carved out of the root cell's identity part.

Root guest addresses used by the scripts:
  0x07000000           script (phys 0x47000000)
  0x07100000 + k*8K    cell image k
  0x07800000 + k*64K   cell binary k
"""
import argparse
import os
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.environ.get("JH_MKIMAGES_DIR", ""))
import mkimages as mk  # noqa: E402

ENV = {k: os.environ.get(k, "") for k in
       ("JH_HV", "JH_BOOT_QEMU", "JH_LIFE_GUESTS")}
ROOT_PHYS = 0x40000000          # root guest 0
SCRIPT = 0x07000000
IMAGES = 0x07100000
BINS = 0x07800000
CELL_RAM = 0x50000000
EPERM, ENOENT, E2BIG, ENOMEM, EBUSY, EEXIST, EINVAL = (-1, -2, -7, -12,
                                                       -16, -17, -22)
LOADABLE = 0x40
FORBIDDEN = [r"PANIC", r"ERROR", r"expect-failed", r"FATAL"]


def cell(name, cpus=(1,), ram=CELL_RAM, size=0x100000, loadable=True,
         ext=None, irqs=None, extra_mem=(), comm=True):
    flags = mk.RAM | (LOADABLE if loadable else 0)
    c = {"name": name, "cpus": list(cpus),
         "mem": [(ram, 0, size, flags)] + list(extra_mem) +
                ([(0, 0x80000000, 0x1000, mk.R | mk.W | mk.COMM)]
                 if comm else []),
         "irqchips": irqs or []}
    if ext:
        c["ext"] = ext
    return c


def watchdog(ms):
    return (mk.EXT_WATCHDOG, struct.pack("<I", ms))


def preserve(*idx):
    return (mk.EXT_PRESERVE, b"".join(struct.pack("<I", i) for i in idx))


def probe_ok():
    return (mk.EXT_FLAGS, struct.pack("<I", mk.ALLOW_HV_PROBE))


class Setup:
    """Images and binaries to load, and the script that uses them."""

    def __init__(self, tmp, identity=False):
        """identity: a root cell whose RAM is identity-mapped (from
        jh-compile): guest addresses are physical, +0x40000000 here"""
        self.tmp = tmp
        self.gbase = ROOT_PHYS if identity else 0
        self.root_phys = 0 if identity else ROOT_PHYS
        self.system = None
        self.manager = "manager-identity.bin" if identity else "manager.bin"
        self.loads = []         # (file, phys)
        self.images = {}        # name -> root gpa
        self.bins = {}          # role -> (root gpa, size)
        self.lines = []
        self.boot_cells = []    # --cell specs: started at boot

    def boot_cell(self, key, data, role):
        path = os.path.join(self.tmp, "boot-%s.cell" % key)
        with open(path, "wb") as f:
            f.write(data)
        self.boot_cells.append("%s:%s" % (path, os.path.join(
            ENV["JH_LIFE_GUESTS"], "cell-%s.bin" % role)))

    def image(self, key, data):
        gpa = self.gbase + IMAGES + 0x2000 * len(self.images)
        path = os.path.join(self.tmp, "img-%s.cell" % key)
        with open(path, "wb") as f:
            f.write(data)
        self.loads.append((path, self.root_phys + gpa))
        self.images[key] = gpa
        return gpa

    def binary(self, role):
        if role not in self.bins:
            path = os.path.join(ENV["JH_LIFE_GUESTS"], "cell-%s.bin" % role)
            if role.startswith("inmate:"):
                path = os.path.join(os.environ.get("JH_INMATES", ""),
                                    role[7:] + ".bin")
            gpa = self.gbase + BINS + 0x10000 * len(self.bins)
            self.loads.append((path, self.root_phys + gpa))
            self.bins[role] = (gpa, os.path.getsize(path))
        return self.bins[role]

    def do(self, *lines):
        self.lines.extend(lines)

    def load(self, role, dst=CELL_RAM):
        gpa, size = self.binary(role)
        self.do("copy 0x%x 0x%x %d" % (dst, gpa, size))

    def run(self, gic=3, timeout=120):
        script = os.path.join(self.tmp, "script.txt")
        with open(script, "w") as f:
            f.write("\n".join(self.lines) + "\n")
        sysf = self.system
        if sysf is None:
            root, _, _ = mk.layout()
            sysf = os.path.join(self.tmp, "system.cell")
            with open(sysf, "wb") as f:
                f.write(mk.system_image(gic, root))
        cmd = [sys.executable, ENV["JH_BOOT_QEMU"], "--hv", ENV["JH_HV"],
               "--gic", str(gic), "--timeout", str(timeout), "--smp", "4",
               "--icount", "--system", sysf,
               "--root", os.path.join(ENV["JH_LIFE_GUESTS"], self.manager),
               "--qemu-arg=-device",
               "--qemu-arg=loader,file=%s,addr=0x%x,force-raw=on"
               % (script, self.root_phys + self.gbase + SCRIPT)]
        for spec in self.boot_cells:
            cmd += ["--cell", spec]
        for path, phys in self.loads:
            cmd += ["--qemu-arg=-device",
                    "--qemu-arg=loader,file=%s,addr=0x%x,force-raw=on"
                    % (path, phys)]
        p = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT)
        return p.returncode, p.stdout.decode(errors="replace").replace(
            "\r", "")


def check(name, out, status, want_status, ordered=(), absent=()):
    import re
    errors = []
    if status != want_status:
        errors.append("exit status %d, expected %d" % (status, want_status))
    pos = 0
    for rx in ordered:
        m = re.compile(rx, re.M).search(out, pos)
        if not m:
            errors.append("missing (in order): %s" % rx)
        else:
            pos = m.end()
    for rx in list(absent) + FORBIDDEN:
        m = re.search(rx, out, re.M)
        if m:
            errors.append("must not appear: %s (found '%s')"
                          % (rx, m.group(0)))
    if errors:
        sys.stdout.write("---- console output ----\n%s\n----\n" % out)
        for e in errors:
            print("FAIL %s: %s" % (name, e))
        return 1
    print("ok %s" % name)
    return 0


def cycle(s, img, role="quick", expect_id=1):
    s.do("create 0x%x" % img, "expect %d" % expect_id,
         "loadable %d" % expect_id, "expect 0")
    s.load(role)
    s.do("start %d" % expect_id, "expect 0",
         "wait %d 2 2000" % expect_id, "expect 2",
         "destroy %d" % expect_id, "expect 0")


def scenario_cycles(tmp, gic, count):
    s = Setup(tmp)
    w = s.image("W", mk.cell_desc(cell("W")))
    s.do("info 1", "save 0", "verify 0", "expect 0")
    cycle(s, w)
    s.do("info 1", "save 1", "expect r0", "repeat %d" % count)
    cycle(s, w)
    s.do("end", "info 1", "expect r1", "expect r0", "info 4", "expect 1",
         "verify 0", "expect 0", "state 1", "expect %d" % ENOENT, "off")
    st, out = s.run(gic, timeout=150)
    return check("cycles gic%d" % gic, out, st, 0, ordered=[
        r"jh: integrity digest \(sha256 of code and bundle\): [0-9a-f]{64}",
        r"mgr: verify 0 = 0",
        r"jh: cell 'W' created \(id 1\)",
        r"jh: starting cell 'W' on CPU 1",
        r"jh: cell 'W' destroyed",
        r"mgr: repeat|mgr: info 1 = \d+",
        r"mgr: info 1 = \d+", r"mgr: expect r1",
        r"mgr: info 4 = 1", r"mgr: verify 0 = 0",
        r"mgr: end of script|mgr: done, 0 failed expectations"]) or \
        count_check(out, count + 1)


def count_check(out, want):
    n = out.count("jh: cell 'W' destroyed")
    if n != want:
        print("FAIL cycles: %d destroys seen, expected %d" % (n, want))
        return 1
    return 0


def scenario_scrub(tmp, gic):
    s = Setup(tmp)
    secret = s.image("S", mk.cell_desc(cell("S", loadable=False)))
    keeper = s.image("SP", mk.cell_desc(cell("SP", loadable=False,
                                             ext=[preserve(0)])))
    reader = s.image("R", mk.cell_desc(cell("R", loadable=False)))
    for img, want in ((secret, "0"), (keeper, "0x5ec2e7")):
        s.load("secret")
        s.do("create 0x%x" % img, "expect 1", "start 1", "expect 0",
             "wait 1 2 2000", "expect 2", "destroy 1", "expect 0",
             "peek 0x%x" % (CELL_RAM + 0x80000),
             "expect %s" % ("0" if want == "0" else "0x5ec2e7"))
        s.load("reader")
        s.do("create 0x%x" % reader, "expect 1", "start 1", "expect 0",
             "wait 1 2 2000", "expect 2", "destroy 1", "expect 0")
    s.do("off")
    st, out = s.run(gic)
    return check("scrub gic%d" % gic, out, st, 0, ordered=[
        r"cell: secret written", r"jh: cell 'S' destroyed",
        r"mgr: peek 0x50080000 = 0$", r"cell: secret reads 0x0$",
        r"cell: secret written", r"jh: cell 'SP' destroyed",
        r"mgr: peek 0x50080000 = 6210279$",
        r"cell: secret reads 0x5ec2e7$",
        r"mgr: done, 0 failed expectations"])


def scenario_watchdog(tmp, gic):
    s = Setup(tmp)
    hang = s.image("H", mk.cell_desc(cell("H", ext=[watchdog(50)])))
    w = s.image("W", mk.cell_desc(cell("W")))
    s.do("info 1", "save 0")
    s.do("create 0x%x" % hang, "expect 1", "loadable 1", "expect 0")
    s.load("hang")
    s.do("start 1", "expect 0", "wait 1 3 3000", "expect 3",
         "info 4", "expect 2", "destroy 1", "expect 0")
    cycle(s, w)
    s.do("verify 0", "expect 0", "off")
    st, out = s.run(gic)
    return check("watchdog gic%d" % gic, out, st, 1, ordered=[
        r"cell: alive, kicking the watchdog",
        r"cell: hanging with interrupts masked",
        r"jh: cell 'H': watchdog: no heartbeat for \d+ ms \(period 50 "
        r"ms\): cell stopped",
        r"jh: cell 'H' failed",
        r"jh: cell 'H': resources returned to the root cell",
        r"mgr: wait 1 3 3000 = 3", r"mgr: destroy 1 = 0",
        r"jh: starting cell 'W' on CPU 1", r"jh: cell 'W' destroyed",
        r"mgr: done, 0 failed expectations"])


def scenario_rt_watchdog(tmp, gic):
    """The runtime's jh_watchdog_kick() keeps a cell alive (inmates/)."""
    s = Setup(tmp)
    img = s.image("RW", mk.cell_desc(cell("RW", ext=[watchdog(30)])))
    s.do("create 0x%x" % img, "expect 1", "loadable 1", "expect 0")
    s.load("inmate:watchdog")
    s.do("start 1", "expect 0", "wait 1 3 5000", "expect 3",
         "destroy 1", "expect 0", "verify 0", "expect 0", "off")
    st, out = s.run(gic)
    return check("rt-watchdog gic%d" % gic, out, st, 1, ordered=[
        r"watchdog: kicking every 5 ms",
        r"watchdog: 10 kicks, now hanging",
        r"jh: cell 'RW': watchdog: no heartbeat for \d+ ms \(period 30 "
        r"ms\): cell stopped",
        r"jh: cell 'RW': resources returned to the root cell",
        r"mgr: done, 0 failed expectations"])


def scenario_boot_watchdog(tmp, gic):
    """A cell started at boot is watched too (from the boot CPU)."""
    s = Setup(tmp)
    s.boot_cell("H", mk.cell_desc(cell("H", ext=[watchdog(40)])), "hang")
    w = s.image("W", mk.cell_desc(cell("W")))
    s.do("wait 1 3 3000", "expect 3", "destroy 1", "expect 0")
    cycle(s, w)
    s.do("off")
    st, out = s.run(gic)
    return check("boot-watchdog gic%d" % gic, out, st, 1, ordered=[
        r"cell: hanging with interrupts masked",
        r"jh: cell 'H': watchdog: no heartbeat for \d+ ms \(period 40 "
        r"ms\): cell stopped",
        r"jh: cell 'H': resources returned to the root cell",
        r"mgr: destroy 1 = 0", r"jh: cell 'W' destroyed",
        r"mgr: done, 0 failed expectations"])


def with_timeout(data, ms, flags=None):
    """set msg_reply_timeout (offset 92) and optionally the flags (44)"""
    data = bytearray(data)
    struct.pack_into("<Q", data, 92, ms)
    if flags is not None:
        struct.pack_into("<I", data, 44, flags)
    return bytes(data)


def scenario_messages(tmp, gic):
    """reconfiguration messages, reply timeout, passive comm region"""
    s = Setup(tmp)
    serve = s.image("S", mk.cell_desc(cell("S")))
    mute = s.image("M", with_timeout(mk.cell_desc(cell(
        "M", cpus=(2,), ram=CELL_RAM + 0x100000)), 30))
    passive = s.image("P", with_timeout(mk.cell_desc(cell(
        "P", cpus=(2,), ram=CELL_RAM + 0x100000)), 30000,
        mk.CELL_CONSOLE_OK | 0x1))
    s.do("create 0x%x" % serve, "expect 1", "loadable 1", "expect 0")
    s.load("serve")
    s.do("start 1", "expect 0", "sleep 5")
    for img in (mute, passive):
        s.do("create 0x%x" % img, "expect 2", "loadable 2", "expect 0")
        s.load("mute", CELL_RAM + 0x100000)
        s.do("start 2", "expect 0", "sleep 5", "destroy 2", "expect 0")
    s.do("destroy 1", "expect 0", "off")
    st, out = s.run(gic)
    return check("messages gic%d" % gic, out, st, 0, ordered=[
        r"cell: serving", r"jh: cell 'M' created",
        r"cell: reconfiguration completed",
        r"cell: running, answering nothing",
        r"jh: cell 'M' did not answer the shutdown request within 30 ms: "
        r"taken as approval",
        r"jh: cell 'M' destroyed", r"cell: reconfiguration completed",
        r"jh: cell 'P' created", r"cell: running, answering nothing",
        r"jh: cell 'P' destroyed", r"cell: shutdown request approved",
        r"jh: cell 'S' destroyed", r"mgr: done, 0 failed expectations"],
        absent=[r"cell 'P' did not answer"])


def first_ram_phys(image):
    """physical start of a cell image's first memory region"""
    cpu_set_size = struct.unpack_from("<I", image, 48)[0]
    return struct.unpack_from("<Q", image, 132 + cpu_set_size)[0]


def scenario_compiled(tmp, gic):
    """images from jh-compile (compiled.yaml), identity-mapped root"""
    out_dir = os.path.join(tmp, "compiled")
    subprocess.check_call([os.environ["JH_COMPILE"], "-o", out_dir,
                           os.path.join(os.path.dirname(
                               os.path.abspath(__file__)),
                               "compiled.yaml")])
    s = Setup(tmp, identity=True)
    s.system = os.path.join(out_dir, "system.cell")
    ids = {}
    for n, name in enumerate(("wd", "probe", "noprobe"), start=1):
        with open(os.path.join(out_dir, name + ".cell"), "rb") as f:
            data = f.read()
        ids[name] = (n, s.image(name, data), first_ram_phys(data))
    for name, role, final in (("probe", "probe", 2), ("noprobe", "probe", 2),
                              ("wd", "hang", 3)):
        n, img, phys = ids[name]
        s.do("create 0x%x" % img, "expect 1", "loadable 1", "expect 0")
        s.load(role, phys)
        s.do("start 1", "expect 0", "wait 1 %d 3000" % final,
             "expect %d" % final, "destroy 1", "expect 0")
    s.do("info 4", "expect 1", "verify 0", "expect 0", "off")
    st, out = s.run(gic)
    return check("compiled gic%d" % gic, out, st, 1, ordered=[
        r"jh: cell 'probe' created", r"cell: hypervisor get info = 2$",
        r"jh: cell 'noprobe' created", r"cell: hypervisor get info = -1$",
        r"jh: cell 'wd' created", r"cell: hanging with interrupts masked",
        r"jh: cell 'wd': watchdog: no heartbeat for \d+ ms \(period 40 "
        r"ms\): cell stopped",
        r"mgr: done, 0 failed expectations"])


def scenario_locked(tmp, gic):
    s = Setup(tmp)
    lock = s.image("L", mk.cell_desc(cell("L")))
    other = s.image("O", mk.cell_desc(cell("O", cpus=(2,),
                                           ram=CELL_RAM + 0x100000)))
    s.do("create 0x%x" % lock, "expect 1", "loadable 1", "expect 0")
    s.load("locker")
    s.do("start 1", "expect 0", "sleep 20", "state 1", "expect 1",
         "destroy 1", "expect %d" % EPERM,
         "create 0x%x" % other, "expect %d" % EPERM,
         "wait 1 0 3000", "expect 0",
         "destroy 1", "expect %d" % EPERM,
         "destroy 1", "expect 0", "off")
    st, out = s.run(gic)
    return check("locked gic%d" % gic, out, st, 0, ordered=[
        r"cell: locked", r"mgr: destroy 1 = -1",
        r"mgr: create 0x[0-9a-f]+ = -1", r"cell: unlocked",
        r"cell: shutdown request denied", r"mgr: destroy 1 = -1",
        r"cell: shutdown request approved", r"mgr: destroy 1 = 0",
        r"mgr: done, 0 failed expectations"])


def corpus():
    """(name, image bytes or None for a raw address, expected result)"""
    good = cell("G")
    out = []

    def add(name, mutate, want):
        c = cell("G")
        mutate(c)
        out.append((name, mk.cell_desc(c), want))

    def raw(name, data, want):
        out.append((name, data, want))

    img = mk.cell_desc(good)
    raw("bad-signature", b"JHXXX" + img[5:], EINVAL)
    raw("revision-13", img[:6] + struct.pack("<H", 13) + img[8:], EINVAL)
    raw("huge-counts", img[:52] + struct.pack("<I", 0x100000) + img[56:],
        E2BIG)
    raw("truncated-ext", mk.cell_desc(dict(good, ext=[watchdog(10)]))[:-4],
        EINVAL)
    add("caller-cpu", lambda c: c.update(cpus=[0]), EBUSY)
    add("cpu-not-in-root", lambda c: c.update(cpus=[6]), EBUSY)
    add("cpu-8", lambda c: c.update(cpus=[9]), EINVAL)
    add("spi-not-root", lambda c: c.update(
        irqchips=[(None, 32, [0, 0, 1, 0])]), EBUSY)
    add("irq-beyond", lambda c: c.update(
        irqchips=[(None, 1000, [1 << 30, 0, 0, 0])]), EINVAL)
    add("hv-overlap", lambda c: c["mem"].__setitem__(
        0, (0x7fb00000, 0, 0x200000, mk.RAM)), EINVAL)
    add("io-over-gicd", lambda c: c["mem"].insert(
        1, (0x08000000, 0x08000000, 0x10000, mk.R | mk.W | mk.IO)), EINVAL)
    add("guest-overlap", lambda c: c["mem"].insert(
        1, (0x50100000, 0x80000, 0x100000, mk.RAM)), EINVAL)
    add("two-comm", lambda c: c["mem"].append(
        (0, 0x80001000, 0x1000, mk.R | mk.W | mk.COMM)), EINVAL)
    add("unknown-flags", lambda c: c.update(flags=0x100), EINVAL)
    add("reset-outside", lambda c: c.update(reset=0x30000000), EINVAL)
    add("unaligned-ram", lambda c: c["mem"].__setitem__(
        0, (0x50000800, 0, 0x100000, mk.RAM)), EINVAL)
    add("ext-watchdog-0", lambda c: c.update(ext=[watchdog(0)]), EINVAL)
    add("ext-preserve-range", lambda c: c.update(ext=[preserve(7)]),
        EINVAL)
    add("ext-flags-unknown", lambda c: c.update(
        ext=[(mk.EXT_FLAGS, struct.pack("<I", 0x80))]), EINVAL)
    add("ext-unknown-record", lambda c: c.update(
        ext=[(0x77, b"\1\0\0\0")]), EINVAL)
    bad_ext = bytearray(mk.cell_desc(dict(good, ext=[watchdog(10)])))
    bad_ext[-24 + 6] = 2            # extension version 2
    raw("ext-bad-version", bytes(bad_ext), EINVAL)
    add("busy-ram", lambda c: c.update(name="H2"), EBUSY)   # G holds it
    add("same-name", lambda c: c["mem"].__setitem__(
        0, (CELL_RAM + 0x100000, 0, 0x100000, mk.RAM)), EEXIST)
    return out


def scenario_corpus(tmp, gic):
    s = Setup(tmp)
    good = s.image("good", mk.cell_desc(cell("G")))
    s.do("info 1", "save 0", "info 4", "save 2")
    items = corpus()
    holders = ("busy-ram", "same-name")
    for name, data, want in items:
        if name in holders:
            continue
        s.do("create 0x%x" % s.image(name, data), "expect %d" % want)
    # resources held by a live cell: G exists while these are tried
    s.do("create 0x%x" % good, "expect 1")
    for name, data, want in items:
        if name in holders:
            s.do("create 0x%x" % s.image(name, data), "expect %d" % want)
    s.do("disable", "expect %d" % EBUSY, "destroy 1", "expect 0",
         "destroy 0", "expect %d" % EINVAL, "destroy 5",
         "expect %d" % ENOENT, "start 3", "expect %d" % ENOENT,
         "create 0x7ffff000", "expect %d" % EINVAL,
         "disable", "expect %d" % EPERM,
         "info 1", "expect r0", "info 4", "expect r2",
         "verify 0", "expect 0")
    cycle(s, good)
    # a cell without comm region is never asked, and works
    cycle(s, s.image("nocomm", mk.cell_desc(cell("N", comm=False))))
    s.do("off")
    st, out = s.run(gic)
    rejected = out.count("= -")
    want = len(items) + 6
    status = check("corpus gic%d" % gic, out, st, 0, ordered=[
        r"jh: cell create rejected: cell '.*': bad signature",
        r"mgr: verify 0 = 0", r"jh: cell 'G' destroyed",
        r"jh: cell 'N' destroyed",
        r"mgr: done, 0 failed expectations"])
    if rejected < want:
        print("FAIL corpus: %d rejections seen, expected %d"
              % (rejected, want))
        status = 1
    return status


def scenario_probe(tmp, gic):
    s = Setup(tmp)
    deny = s.image("P", mk.cell_desc(cell("P")))
    allow = s.image("PA", mk.cell_desc(cell("PA", ext=[probe_ok()])))
    for img in (deny, allow):
        s.do("create 0x%x" % img, "expect 1", "loadable 1", "expect 0")
        s.load("probe")
        s.do("start 1", "expect 0", "wait 1 2 2000", "expect 2",
             "destroy 1", "expect 0")
    s.do("off")
    st, out = s.run(gic)
    return check("probe gic%d" % gic, out, st, 0, ordered=[
        r"cell: hypervisor get info = -1$",
        r"cell: hypervisor get info = 2$",
        r"mgr: done, 0 failed expectations"])


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("scenario", choices=["cycles", "scrub", "watchdog",
                                        "rt_watchdog", "boot_watchdog",
                                        "messages", "compiled",
                                        "locked", "corpus", "probe"])
    p.add_argument("--gic", type=int, default=3, choices=[2, 3])
    p.add_argument("--count", type=int, default=100)
    a = p.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if a.scenario == "cycles":
            return scenario_cycles(tmp, a.gic, a.count)
        return globals()["scenario_" + a.scenario](tmp, a.gic)


if __name__ == "__main__":
    sys.exit(main())
