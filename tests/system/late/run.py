#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Late launch without Linux: boot the fake Linux under QEMU and check it.

fake-linux.elf (QEMU -kernel, entered at EL2) plays a kernel with its hyp
stub and jh driver: it loads hv.bin over garbage at 0x7fc00000 and the
system image at +JH_LATE_SYSIMG_OFFSET, is refused for broken images,
enables on CPU 0 and CPU 1, runs cells on an off root CPU and on a CPU it
switched off, starts that CPU again, disables on both CPUs and checks at
every step that its state survived. The images come from
tests/system/hv/mkimages.py's builders; QEMU loader devices put them and
a parameter block (fake-linux.c: struct params) into the fake's RAM.

Layout: fake Linux RAM 0x40000000-0x6fffffff (identity, CPUs 0-2: CPU 2
stays off), PL011, SPIs 32-63; hypervisor 0x7fc00000, 4 MiB; cells get
1 MiB at 0x70000000.
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.environ.get("JH_MKIMAGES_DIR", ""))
import mkimages as mk  # noqa: E402

PARAMS = 0x47f00000
FILES = 0x48000000      # hv.bin, images, cell binary: 1 MiB apart
LOADABLE = 0x40


def root(cpus):
    return {"name": "fake-linux", "cpus": cpus,
            "mem": [(0x40000000, 0x40000000, 0x30000000, mk.RAM),
                    (0x09000000, 0x09000000, 0x1000, mk.R | mk.W | mk.IO)],
            "irqchips": [(None, 32, [0xffffffff, 0, 0, 0])]}


def cell(name, cpu):
    return mk.cell_desc({
        "name": name, "cpus": [cpu],
        "mem": [(0x70000000, 0, 0x100000, mk.RAM | LOADABLE),
                (0, 0x80000000, 0x1000, mk.R | mk.W | mk.COMM)],
        "irqchips": []})


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--gic", type=int, choices=[2, 3], default=3)
    p.add_argument("--timeout", type=int, default=90)
    p.add_argument("--cpu", default="cortex-a57",
                   help="QEMU CPU model (max: SVE, pointer authentication)")
    p.add_argument("--qemu-arg", action="append", default=[],
                   help="extra QEMU argument (debugging)")
    args = p.parse_args()
    env = os.environ
    blobs = [
        ("hv", open(env["JH_HV_BIN"], "rb").read()),
        ("good", mk.system_image(args.gic, root([0, 1, 2]))),
        ("bad", mk.system_image(args.gic, root([0, 1, 2]), sig=b"JHXXX")),
        ("nocpu", mk.system_image(args.gic, root([0, 2]))),
        ("cell2", cell("c2", 2)),
        ("cell1", cell("c1", 1)),
        ("inmate", open(env["JH_LATE_CELL"], "rb").read()),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        loads = []
        fields = [struct.unpack("<Q", b"FAKELNX1")[0], args.gic]
        for n, (name, data) in enumerate(blobs):
            path = os.path.join(tmp, name + ".bin")
            with open(path, "wb") as f:
                f.write(data)
            addr = FILES + n * 0x100000
            loads.append((path, addr))
            fields += [addr, len(data)]
        params = os.path.join(tmp, "params.bin")
        with open(params, "wb") as f:
            f.write(struct.pack("<%dQ" % len(fields), *fields))
        loads.append((params, PARAMS))
        cmd = ["timeout", str(args.timeout), env["JH_QEMU"],
               "-M", "virt,virtualization=on,gic-version=%d" % args.gic,
               "-cpu", args.cpu, "-smp", "3", "-m", "1G",
               "-nographic", "-monitor", "none", "-serial", "stdio",
               "-nic", "none", "-icount", "shift=0,sleep=off",
               "-kernel", env["JH_LATE_FAKE"]] + args.qemu_arg
        for path, addr in loads:
            cmd += ["-device", "loader,file=%s,addr=0x%x,force-raw=on"
                    % (path, addr)]
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT)
    out = proc.stdout.decode(errors="replace").replace("\r", "")
    print(out)
    errors = []
    if proc.returncode != 0:
        errors.append("QEMU exit status %d (124: timeout)" % proc.returncode)
    for bad in ("late: FAIL", "PANIC", "FATAL", "late: FAILED"):
        if bad in out:
            errors.append("output has %r" % bad)
    if "late: PASS" not in out:
        errors.append("no 'late: PASS'")
    checks = re.findall(r"late: note cpu0: checks (\d+)", out)
    if not checks or int(checks[0]) < 60:
        errors.append("too few checks ran (%s)" % checks)
    for e in errors:
        print("FAIL:", e)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
