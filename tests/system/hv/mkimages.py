#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Test fixture generator: system and cell images for the hv system tests.

Writes binary images in the layout of schema/jh-cell-format.h (Jailhouse
configuration revision 14) with Python's struct, independent of the YAML
compiler, so the hypervisor tests do not depend on it. A "variant" breaks
one thing on purpose, to test that the hypervisor rejects it.

Layout used (QEMU virt, 1 GiB RAM, 4 CPUs):
  hypervisor      0x7fc00000, 4 MiB (bundle at 0x7fe00000)
  root cell       CPUs 0-3 (keeps 0), RAM 0x40000000 -> guest 0, 128 MiB,
                  0x48000000-0x5fffffff identity-mapped (the cells' RAM is
                  carved out of it), SPIs 32-63 (minus B's),
                  shared page 0x52000000 -> guest 0x40000000
  cell "A"        CPUs 1,3, RAM 0x50000000 -> guest 0, 16 MiB
  cell "B"        CPU 2,   RAM 0x51000000 -> guest 0, 16 MiB, SPI 64,
                  shared page 0x52000000 -> guest 0x40000000 (root-shared),
                  jh extension block: allow-hv-probe
  every cell      comm region at guest 0x80000000
"""
import argparse
import os
import struct
import sys

R, W, X, IO, COMM, ROOTSHARED = 0x1, 0x2, 0x4, 0x10, 0x20, 0x80
RAM = R | W | X
CELL_CONSOLE_OK = 0x40000000
GICD, GICR, GICC, GICH, GICV = (0x08000000, 0x080a0000, 0x08010000,
                                0x08030000, 0x08040000)


def console(addr=0, size=0, ctype=0, flags=0):
    return struct.pack("<QIHHIIQ", addr, size, ctype, flags, 0, 0, 0)


EXT_FLAGS, EXT_WATCHDOG, EXT_PRESERVE = 1, 2, 3
ALLOW_HV_PROBE = 0x1


def ext_block(records):
    """jh extension block (schema/jh-cell-ext.h); records: [(type, bytes)]"""
    body = b""
    for rtype, payload in sorted(records):
        body += struct.pack("<HH", rtype, len(payload)) + payload
        body += b"\0" * (-len(payload) % 4)
    return struct.pack("<5sBHHHI", b"JHEXT", 0, 1, 16, len(records),
                       16 + len(body)) + body


def cell_desc(c, signature=True):
    cpus = c["cpus"]
    cpu_set = struct.pack("<Q", sum(1 << n for n in cpus))
    mems = b"".join(struct.pack("<QQQQ", *m) for m in c["mem"])
    chips = b"".join(struct.pack("<QII4I", GICD if a is None else a, 0, base,
                                 *words)
                     for a, base, words in c["irqchips"])
    head = struct.pack(
        "<5sBH32sIIIIIIIIIIIQQ",
        c.get("signature", b"JHCLL") if signature else b"\0" * 5,
        2 if signature else 0, c.get("revision", 14) if signature else 0,
        c["name"].encode(), 0, c.get("flags", CELL_CONSOLE_OK),
        len(cpu_set), len(c["mem"]), 0, len(c["irqchips"]),
        0, 0, 0, 0, 0, c.get("reset", 0), 0) + console()
    assert len(head) == 132
    ext = ext_block(c["ext"]) if c.get("ext") else b""
    return head + cpu_set + mems + chips + ext


def system_image(gic, root, sig=b"JHSYS", hv=(0x7fc00000, 0x400000)):
    if gic == 3:
        plat = struct.pack("<BB2xQQQQQ", 25, 3, GICD, 0, 0, 0, GICR)
    else:
        plat = struct.pack("<BB2xQQQQQ", 25, 2, GICD, GICC, GICH, GICV, 0)
    head = struct.pack("<5sBHI", sig, 2, 14, 0)
    head += struct.pack("<QQQQ", hv[0], 0, hv[1], 0)
    head += console(0x09000000, 0x1000, 3, 1)
    head += struct.pack("<QBBH", 0, 0, 0, 0) + b"\0" * (28 * 8) + plat
    assert len(head) == 356, len(head)
    return head + cell_desc(root, signature=False)


def layout():
    comm = (0, 0x80000000, 0x1000, R | W | COMM)
    root = {"name": "root", "cpus": [0, 1, 2, 3],
            "mem": [(0x40000000, 0, 0x08000000, RAM),
                    (0x48000000, 0x48000000, 0x18000000, R | W),
                    (0x52000000, 0x40000000, 0x1000, R | W), comm],
            "irqchips": [(None, 32, [0xffffffff, 0, 0, 0])]}
    a = {"name": "A", "cpus": [1, 3],
         "mem": [(0x50000000, 0, 0x1000000, RAM), comm],
         "irqchips": []}
    b = {"name": "B", "cpus": [2],
         "mem": [(0x51000000, 0, 0x1000000, RAM),
                 (0x52000000, 0x40000000, 0x1000, R | W | ROOTSHARED), comm],
         "irqchips": [(None, 32, [0, 1, 0, 0])],
         # B may probe for the hypervisor (hypervisor get info)
         "ext": [(EXT_FLAGS, struct.pack("<I", ALLOW_HV_PROBE))]}
    return root, a, b


VARIANTS = {
    "ok": "nothing broken",
    "bad-signature": "system image signature JHXXX",
    "bad-revision": "cell A has revision 13",
    "hv-overlap": "cell B RAM overlaps hypervisor memory",
    "truncated": "cell A image 32 bytes shorter than its counts say",
    "cpu-not-in-root": "cell B asks for CPU 5, which the root cell lacks",
    "cpu-twice": "cells A and B both claim CPU 1",
    "irq-range": "cell A owns interrupt 1030",
    "irq-twice": "cells A and B both own SPI 64",
    "gic-mismatch": "system image names the other GIC version",
    "reset-not-exec": "cell A's cpu_reset_address is not in its memory",
    "gic-frame": "cell B maps the GIC distributor as memory",
    "gic-guest-overlap": "cell A's RAM covers the GIC's guest addresses",
    "no-putc-b": "cell B may not use the debug console",
    "no-cpu0": "no cell uses CPU 0 (the boot CPU); root on 1, A on 3",
    "subpage-uart": "cell B owns 0x20 bytes of the PL011, 32-bit access",
    "pa-range": "cell B RAM beyond the 44-bit physical address space",
    "ipa-range": "cell B maps a page beyond the 44-bit guest address space",
    "high-ipa": "cell B sees its last RAM page at 512 GiB - 4 KiB, the "
                "root-shared page at 512 GiB, the PL011 at 512 GiB + 2 MiB",
}

# QEMU's cortex-a57 (scripts/boot-qemu's default) has 44-bit physical
# addresses (ID_AA64MMFR0_EL1.PARange 4); the hypervisor's limit for both.
PA_BITS = 44
GIB = 1 << 30


def build(gic, variant):
    root, a, b = layout()
    sys_sig = b"JHSYS"
    if variant == "bad-signature":
        sys_sig = b"JHXXX"
    elif variant == "bad-revision":
        a["revision"] = 13
    elif variant == "hv-overlap":
        b["mem"][0] = (0x7fb00000, 0, 0x200000, RAM)
    elif variant == "cpu-not-in-root":
        root["cpus"] = [0, 1, 2, 3]
        b["cpus"] = [2, 5]
    elif variant == "cpu-twice":
        b["cpus"] = [1]
    elif variant == "irq-range":
        a["irqchips"] = [(None, 1000, [1 << 30, 0, 0, 0])]
    elif variant == "irq-twice":
        a["irqchips"] = [(None, 32, [0, 1, 0, 0])]
    elif variant == "gic-mismatch":
        gic = 5 - gic
    elif variant == "reset-not-exec":
        a["reset"] = 0x30000000
    elif variant == "gic-frame":
        b["mem"].append((GICD, 0x09000000, 0x10000, R | W | IO))
    elif variant == "gic-guest-overlap":
        a["mem"][0] = (0x50000000, 0, 0x10000000, RAM)
    elif variant == "no-cpu0":
        root["cpus"] = [1, 2, 3]
        a["cpus"] = [3]
    elif variant == "subpage-uart":
        b["mem"].append((0x09000000, 0x09000000, 0x20,
                         R | W | IO | (4 << 16)))
    elif variant == "pa-range":
        b["mem"][0] = (1 << PA_BITS, 0, 0x1000000, RAM)
    elif variant == "ipa-range":
        b["mem"].append((0x51fff000, 1 << PA_BITS, 0x1000, R | W))
    elif variant == "high-ipa":
        b["mem"] += [(0x51fff000, 512 * GIB - 0x1000, 0x1000, R | W),
                     (0x52000000, 512 * GIB, 0x1000, R | W | ROOTSHARED),
                     (0x09000000, 512 * GIB + 0x200000, 0x1000,
                      R | W | IO)]
    elif variant == "no-putc-b":
        b["flags"] = 0
    images = {"system": system_image(gic, root, sys_sig),
              "A": cell_desc(a), "B": cell_desc(b)}
    if variant == "truncated":
        images["A"] = images["A"][:-32]
    return images


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gic", type=int, choices=[2, 3], default=3)
    p.add_argument("--variant", choices=sorted(VARIANTS), default="ok")
    p.add_argument("outdir")
    args = p.parse_args()
    os.makedirs(args.outdir, exist_ok=True)
    for name, data in build(args.gic, args.variant).items():
        with open(os.path.join(args.outdir, name + ".cell"), "wb") as f:
            f.write(data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
