#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Tests of the jh command-line tool without a driver.

A regular file stands in for /dev/jh (JH_DEVICE): read() behaves as on the
device and every ioctl fails with ENOTTY. A folder stands in for
/sys/kernel/jh (JH_SYSFS). Every case checks the exit status, stdout and
stderr exactly.

usage:
  jh_cli_test.py run [--valgrind VALGRIND] [--fake-ioctl SHIM.so] JH
      with --fake-ioctl also the driver's answers, through fake-ioctl.c
      preloaded into jh
  jh_cli_test.py fixtures DIR          write the fixtures into DIR
  jh_cli_test.py documented ERRORS_C FILE...
      every errno name of the tool's table appears in each FILE
"""
import concurrent.futures
import errno
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time

REVISION = 14
ARCH_ARM64 = 2


def cell_desc(sig=b"JHCLL", name=b"inmate", arch=ARCH_ARM64,
              revision=REVISION, cpu_set_size=8, num_memory=0):
    """struct jh_cell_desc (132 bytes), console all zero."""
    return struct.pack("<5sBH32s11IQQ32s", sig, arch, revision, name,
                       0, 0, cpu_set_size, num_memory, 0, 0, 0, 0, 0, 0,
                       0, 0, 0, bytes(32))


def cell_image(num_memory=1, **kw):
    """A cell image: descriptor, 8-byte CPU set (CPU 1), memory regions."""
    mem = struct.pack("<QQQQ", 0x7000_0000, 0, 16 << 20, 0x47)
    return (cell_desc(num_memory=num_memory, **kw) +
            struct.pack("<Q", 2) + mem * num_memory)


def system_image(arch=ARCH_ARM64, revision=REVISION):
    """struct jh_system_desc (488 bytes) with root cell 'linux', CPU set."""
    head = struct.pack("<5sBHI", b"JHSYS", arch, revision, 0)
    hv_mem = struct.pack("<QQQQ", 0x7fc0_0000, 0, 4 << 20, 0)
    rest = bytes(32 + 8 + 4 + 224 + 44)      # console, pci, iommus, platform
    root = cell_desc(name=b"linux", arch=arch, revision=revision)
    img = head + hv_mem + rest + root + struct.pack("<Q", 3)
    assert len(img) == 488 + 8
    return img


CONSOLE = ("jh: hypervisor 0.1.0 at 0x7fc00000, late launch\n"
           "jh: CPU 0 enabled\n"
           "jh: CPU 1 enabled\n")

SYSFS = {
    "enabled": "1\n",
    "mem_pool_size": "960\n",
    "mem_pool_used": "64\n",
    "cells/0/name": "linux\n",
    "cells/0/state": "running\n",
    "cells/0/cpus_assigned": "0\n",
    "cells/0/cpus_failed": "\n",
    "cells/1/name": "inmate\n",
    "cells/1/state": "running/locked\n",
    "cells/1/cpus_assigned": "1\n",
    "cells/1/cpus_failed": "\n",
    "cells/10/name": "broken\n",
    "cells/10/state": "failed\n",
    "cells/10/cpus_assigned": "2-3,5\n",
    "cells/10/cpus_failed": "3\n",
}
COUNTERS = ["vmexits_total", "vmexits_mmio", "vmexits_management",
            "vmexits_hypercall", "vmexits_maintenance", "vmexits_virq",
            "vmexits_vsgi", "vmexits_psci", "vmexits_smccc"]
for i, c in enumerate(COUNTERS):
    SYSFS["cells/1/statistics/" + c] = "%d\n" % (100 * (i + 1))
    SYSFS["cells/0/statistics/" + c] = "%d\n" % i
# a counter a newer driver might add: printed after the known ones
SYSFS["cells/1/statistics/vmexits_future"] = "7\n"
# DMA faults (driver/jh-sysfs-dma.c): cell 1 has them, cell 0 stands for
# a driver without them (no DMA lines printed)
SYSFS["cells/1/dma_faults"] = "3\n"
SYSFS["cells/1/dma_events"] = "12\n"
SYSFS["cells/1/dma_quiesced"] = "0\n"
SYSFS["cells/1/dma_fault_last"] = \
    "stream 0x0010 address 0x41000000 type F_TRANSLATION\n"


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data.encode() if isinstance(data, str) else data)


def make_fixtures(d):
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for rel, text in SYSFS.items():
        write(os.path.join(d, "sysfs", rel), text)
    write(os.path.join(d, "console.dev"), CONSOLE)
    write(os.path.join(d, "system.cell"), system_image())
    write(os.path.join(d, "inmate.cell"), cell_image())
    write(os.path.join(d, "hello.bin"), bytes(range(256)) * 16)
    write(os.path.join(d, "not-an-image.bin"), b"\x7fELF" + bytes(200))
    write(os.path.join(d, "empty.bin"), b"")
    write(os.path.join(d, "rev13.cell"), cell_image(revision=13))
    write(os.path.join(d, "x86.cell"), cell_image(arch=0))
    write(os.path.join(d, "short.cell"), cell_image()[:100])
    write(os.path.join(d, "cut.cell"), cell_image(num_memory=3)[:-40])
    write(os.path.join(d, "cut-system.cell"), system_image()[:300])


USAGE_TAIL = "(try 'jh --help')\n"
LOAD_USAGE = "usage: jh cell load NAME IMAGE[@ADDR]...\n" + USAGE_TAIL
ENOTTY = ("not the jh device, or a jh driver of another version (ioctl "
          "not understood; check JH_DEVICE) (ENOTTY)\n")
NOT_LOADED = ("no such device file: the jh driver is not loaded "
              "(modprobe jh, or insmod jh.ko) (ENOENT)\n")
LIST = (
    "ID   NAME                            STATE            ASSIGNED-CPUS   FAILED-CPUS\n"
    "0    linux                           running          0               -\n"
    "1    inmate                          running/locked   1               -\n"
    "10   broken                          failed           2-3,5           3\n")
STATS = ('cell "inmate" (id 1), summed over its CPUs:\n' +
         "".join("%-24s %d\n" % (c, 100 * (i + 1))
                 for i, c in enumerate(COUNTERS)) +
         "%-24s 7\n" % "vmexits_future" +
         "DMA (SMMU) of the cell's devices:\n" +
         "%-24s 3\n" % "dma_faults" +
         "%-24s 12\n" % "dma_events" +
         "%-24s 0\n" % "dma_quiesced" +
         "%-24s stream 0x0010 address 0x41000000 type F_TRANSLATION\n"
         % "dma_fault_last")


def cases(fix, tmp):
    """(name, args, env, status, stdout, stderr); None = not checked."""
    dev = {"JH_DEVICE": fix + "/console.dev"}
    sysfs = {"JH_SYSFS": fix + "/sysfs"}
    nodev = {"JH_DEVICE": tmp + "/no-such-device"}
    return [
        # help, version
        ("help", ["--help"], {}, 0, None, ""),
        ("help-short", ["-h"], {}, 0, None, ""),
        ("version", ["--version"], {}, 0, "jh 0.1.0\n", ""),
        # usage errors: exit 2 and a usage line
        ("no-command", [], {}, 2, "",
         "jh: no command given\nusage: jh COMMAND [ARGUMENTS]\n" +
         USAGE_TAIL),
        ("unknown-command", ["frob"], {}, 2, "",
         "jh: unknown command 'frob' (commands: enable, disable, cell, "
         "console)\nusage: jh COMMAND [ARGUMENTS]\n" + USAGE_TAIL),
        ("unknown-option", ["--frob"], {}, 2, "",
         "jh: unknown option '--frob'\nusage: jh COMMAND [ARGUMENTS]\n" +
         USAGE_TAIL),
        ("enable-no-image", ["enable"], {}, 2, "",
         "jh: enable: no system image given\nusage: jh enable "
         "SYSTEM.cell\n" + USAGE_TAIL),
        ("enable-two-images", ["enable", "a", "b"], {}, 2, "",
         "jh: enable: one system image only\nusage: jh enable "
         "SYSTEM.cell\n" + USAGE_TAIL),
        ("disable-argument", ["disable", "now"], {}, 2, "",
         "jh: disable: takes no arguments\nusage: jh disable\n" +
         USAGE_TAIL),
        ("cell-nothing", ["cell"], {}, 2, "",
         "jh: cell: no sub-command given\nusage: jh cell create|load|"
         "start|shutdown|destroy|list|stats ...\n" + USAGE_TAIL),
        ("cell-unknown", ["cell", "frob"], {}, 2, "",
         "jh: cell: unknown sub-command 'frob'\nusage: jh cell create|"
         "load|start|shutdown|destroy|list|stats ...\n" + USAGE_TAIL),
        ("create-no-image", ["cell", "create"], {}, 2, "",
         "jh: cell create: no cell image given\nusage: jh cell create "
         "CELL.cell\n" + USAGE_TAIL),
        ("load-no-cell", ["cell", "load"], {}, 2, "",
         "jh: cell load: no cell given\n" + LOAD_USAGE),
        ("load-no-image", ["cell", "load", "inmate"], {}, 2, "",
         "jh: cell load: no image given\n" + LOAD_USAGE),
        ("load-bad-address", ["cell", "load", "inmate", "x.bin@zz"], {}, 2,
         "", "jh: cell load: 'x.bin@zz': 'zz' is not an address (hex "
         "0x... or decimal)\n" + LOAD_USAGE),
        ("load-empty-address", ["cell", "load", "inmate", "x.bin@"], {}, 2,
         "", "jh: cell load: 'x.bin@': '' is not an address (hex 0x... "
         "or decimal)\n" + LOAD_USAGE),
        ("load-hex-prefix-only", ["cell", "load", "inmate", "x.bin@0x"],
         {}, 2, "", "jh: cell load: 'x.bin@0x': '0x' is not an address "
         "(hex 0x... or decimal)\n" + LOAD_USAGE),
        ("load-address-overflow",
         ["cell", "load", "inmate", "x.bin@0x10000000000000000"], {}, 2,
         "", "jh: cell load: 'x.bin@0x10000000000000000': "
         "'0x10000000000000000' is not an address (hex 0x... or "
         "decimal)\n" + LOAD_USAGE),
        ("load-decimal-not-hex", ["cell", "load", "inmate", "x.bin@12ab"],
         {}, 2, "", "jh: cell load: 'x.bin@12ab': '12ab' is not an "
         "address (hex 0x... or decimal)\n" + LOAD_USAGE),
        ("load-no-file", ["cell", "load", "inmate", "@0x1000"], {}, 2, "",
         "jh: cell load: '@0x1000': no image file before '@'\n" +
         LOAD_USAGE),
        ("load-long-name", ["cell", "load", "a" * 32, "x.bin"], {}, 2, "",
         "jh: cell load: '%s' cannot be a cell name (at most 31 "
         "characters)\n" % ("a" * 32) + LOAD_USAGE),
        ("start-no-cell", ["cell", "start"], {}, 2, "",
         "jh: cell start: no cell given\nusage: jh cell start NAME\n" +
         USAGE_TAIL),
        ("shutdown-two-cells", ["cell", "shutdown", "a", "b"], {}, 2, "",
         "jh: cell shutdown: one cell only\nusage: jh cell shutdown "
         "NAME\n" + USAGE_TAIL),
        ("destroy-empty-name", ["cell", "destroy", ""], {}, 2, "",
         "jh: cell destroy: empty cell name\nusage: jh cell destroy "
         "NAME\n" + USAGE_TAIL),
        ("list-argument", ["cell", "list", "all"], {}, 2, "",
         "jh: cell list: takes no arguments\nusage: jh cell list\n" +
         USAGE_TAIL),
        ("stats-no-cell", ["cell", "stats"], {}, 2, "",
         "jh: cell stats: no cell given\nusage: jh cell stats NAME\n" +
         USAGE_TAIL),
        ("console-bad-option", ["console", "-x"], {}, 2, "",
         "jh: console: unknown argument '-x'\nusage: jh console [-f]\n" +
         USAGE_TAIL),
        # files that are not the image wanted: exit 1, the file named
        ("enable-missing-file", ["enable", tmp + "/none.cell"], dev, 1, "",
         "jh: %s/none.cell: cannot open: No such file or directory\n"
         % tmp),
        ("enable-directory", ["enable", tmp], dev, 1, "",
         "jh: %s: is a directory, not a file\n" % tmp),
        ("enable-empty", ["enable", fix + "/empty.bin"], dev, 1, "",
         "jh: %s/empty.bin: empty file, not a jh image\n" % fix),
        ("enable-not-image", ["enable", fix + "/not-an-image.bin"], dev, 1,
         "", "jh: %s/not-an-image.bin: not a jh image (no JHSYS or JHCLL "
         "signature): jh enable needs the system image (system.cell from "
         "jh-compile)\n" % fix),
        ("enable-cell-image", ["enable", fix + "/inmate.cell"], dev, 1, "",
         "jh: %s/inmate.cell: is a cell image (JHCLL), not the system "
         "image: jh enable needs the system image (system.cell from "
         "jh-compile)\n" % fix),
        ("enable-cut-system", ["enable", fix + "/cut-system.cell"], dev, 1,
         "", "jh: %s/cut-system.cell: truncated: 300 bytes, a system "
         "image header alone has 488\n" % fix),
        ("create-system-image", ["cell", "create", fix + "/system.cell"],
         dev, 1, "", "jh: %s/system.cell: is the system image (JHSYS), "
         "not a cell image: jh cell create needs a cell image "
         "(<cell>.cell from jh-compile)\n" % fix),
        ("create-not-image", ["cell", "create", fix + "/not-an-image.bin"],
         dev, 1, "", "jh: %s/not-an-image.bin: not a jh image (no JHSYS "
         "or JHCLL signature): jh cell create needs a cell image "
         "(<cell>.cell from jh-compile)\n" % fix),
        ("create-revision", ["cell", "create", fix + "/rev13.cell"], dev,
         1, "", "jh: %s/rev13.cell: configuration revision 13, this jh "
         "understands 14: compile it again with jh-compile\n" % fix),
        ("create-x86", ["cell", "create", fix + "/x86.cell"], dev, 1, "",
         "jh: %s/x86.cell: an image for x86 (architecture 0); the jh "
         "hypervisor runs on arm64\n" % fix),
        ("create-short", ["cell", "create", fix + "/short.cell"], dev, 1,
         "", "jh: %s/short.cell: truncated: 100 bytes, a cell image "
         "header alone has 132\n" % fix),
        ("create-cut", ["cell", "create", fix + "/cut.cell"], dev, 1, "",
         "jh: %s/cut.cell: truncated: its header describes 236 bytes, "
         "the file has 196\n" % fix),
        ("load-missing-file", ["cell", "load", "inmate", tmp + "/x.bin"],
         dev, 1, "", "jh: %s/x.bin: cannot open: No such file or "
         "directory\n" % tmp),
        ("load-empty-file", ["cell", "load", "inmate",
                             fix + "/empty.bin@0x1000"], dev, 1, "",
         "jh: %s/empty.bin: empty file, nothing to load\n" % fix),
        # the device: missing, or a file that does not understand ioctls
        ("enable-no-device", ["enable", fix + "/system.cell"], nodev, 1,
         "", "jh: %s/no-such-device: " % tmp + NOT_LOADED),
        ("console-no-device", ["console"], nodev, 1, "",
         "jh: %s/no-such-device: " % tmp + NOT_LOADED),
        ("enable-enotty", ["enable", fix + "/system.cell"], dev, 1, "",
         "jh: enable %s/system.cell: " % fix + ENOTTY),
        ("disable-enotty", ["disable"], dev, 1, "",
         "jh: disable: " + ENOTTY),
        ("create-enotty", ["cell", "create", fix + "/inmate.cell"], dev, 1,
         "", "jh: cell create %s/inmate.cell: " % fix + ENOTTY),
        ("load-enotty", ["cell", "load", "inmate", fix + "/hello.bin",
                         fix + "/hello.bin@0x10000", fix + "/hello.bin@4096"],
         dev, 1, "", "jh: cell load inmate: " + ENOTTY),
        ("load-cell-image-warning", ["cell", "load", "1",
                                     fix + "/inmate.cell"], dev, 1, "",
         "jh: warning: %s/inmate.cell is a jh cell image, not a program "
         "(did you mean 'jh cell create'?)\njh: cell load 1: " % fix +
         ENOTTY),
        ("start-enotty", ["cell", "start", "inmate"], dev, 1, "",
         "jh: cell start inmate: " + ENOTTY),
        ("start-by-id-enotty", ["cell", "start", "1"], dev, 1, "",
         "jh: cell start 1: " + ENOTTY),
        ("shutdown-enotty", ["cell", "shutdown", "inmate"], dev, 1, "",
         "jh: cell shutdown inmate: " + ENOTTY),
        ("destroy-enotty", ["cell", "destroy", "inmate"], dev, 1, "",
         "jh: cell destroy inmate: " + ENOTTY),
        # sysfs
        ("list", ["cell", "list"], sysfs, 0, LIST, ""),
        ("stats", ["cell", "stats", "inmate"], sysfs, 0, STATS, ""),
        ("stats-by-id", ["cell", "stats", "1"], sysfs, 0, STATS, ""),
        ("stats-root", ["cell", "stats", "linux"], sysfs, 0,
         'cell "linux" (id 0), summed over its CPUs:\n' +
         "".join("%-24s %d\n" % (c, i) for i, c in enumerate(COUNTERS)),
         ""),
        ("stats-no-such-cell", ["cell", "stats", "nosuch"], sysfs, 1, "",
         "jh: cell stats: no cell named 'nosuch' ('jh cell list')\n"),
        ("stats-no-such-id", ["cell", "stats", "7"], sysfs, 1, "",
         "jh: cell stats: no cell with id '7' ('jh cell list')\n"),
        ("list-no-driver", ["cell", "list"], {"JH_SYSFS": tmp + "/none"},
         1, "", "jh: cell list: %s/none/enabled does not exist: the jh "
         "driver is not loaded (modprobe jh, or insmod jh.ko)\n" % tmp),
        ("list-not-enabled", ["cell", "list"],
         {"JH_SYSFS": tmp + "/disabled"}, 1, "",
         "jh: cell list: the hypervisor is not enabled ('jh enable "
         "SYSTEM.cell' first)\n"),
        ("stats-not-enabled", ["cell", "stats", "inmate"],
         {"JH_SYSFS": tmp + "/disabled"}, 1, "",
         "jh: cell stats: the hypervisor is not enabled ('jh enable "
         "SYSTEM.cell' first)\n"),
        # console: the whole ring from offset 0
        ("console", ["console"], dev, 0, CONSOLE, ""),
        ("console-directory", ["console"], {"JH_DEVICE": tmp}, 1, "",
         "jh: %s: Is a directory (EISDIR)\n" % tmp),
    ]


VALGRIND_IOCTL_NOTE = re.compile(
    r"^==\d+== +(Warning: noted but unhandled ioctl|This could cause "
    r"spurious|See README_MISSING_SYSCALL).*\n", re.M)


def fake_cases(fix, tmp, shim):
    """The driver's answers through the preloaded ioctl stand-in: every
    request decoded (log) and the message for each answer."""
    def env(answer, sysfs=None):
        e = {"LD_PRELOAD": shim, "JH_DEVICE": fix + "/console.dev",
             "JH_FAKE_IOCTL": str(answer)}
        if sysfs:
            e["JH_SYSFS"] = sysfs
        return e
    off = tmp + "/disabled"
    on = fix + "/sysfs"
    sysimg = fix + "/system.cell"
    cellimg = fix + "/inmate.cell"
    hello = fix + "/hello.bin"
    create_log = "CELL_CREATE size=172 sig=JHCLL\n"
    return [
        # success: what each command prints, and what it asked for
        ("ok-enable", ["enable", sysimg], env("ok"), 0,
         'hypervisor enabled, Linux runs as root cell "linux"\n', "",
         "ENABLE size=496 sig=JHSYS\n"),
        ("ok-disable", ["disable"], env("ok"), 0, "hypervisor disabled\n",
         "", "DISABLE\n"),
        ("ok-create", ["cell", "create", cellimg], env("ok:3"), 0,
         'cell "inmate" created, id 3\n', "", create_log),
        ("ok-load", ["cell", "load", "inmate", hello,
                     hello + "@0x7000", hello + "@65536"], env("ok"), 0,
         'cell "inmate": %s loaded at 0x0 (4096 bytes)\n'
         'cell "inmate": %s loaded at 0x7000 (4096 bytes)\n'
         'cell "inmate": %s loaded at 0x10000 (4096 bytes)\n'
         % (hello, hello, hello), "",
         "CELL_LOAD name=inmate images=3 [0x0 4096 first=0x00] "
         "[0x7000 4096 first=0x00] [0x10000 4096 first=0x00]\n"),
        ("ok-load-by-id", ["cell", "load", "2", hello + "@0XFFff"],
         env("ok"), 0,
         'cell "2": %s loaded at 0xffff (4096 bytes)\n' % hello, "",
         "CELL_LOAD id=2 images=1 [0xffff 4096 first=0x00]\n"),
        ("ok-start", ["cell", "start", "inmate"], env("ok"), 0,
         'cell "inmate" started\n', "", "CELL_START name=inmate\n"),
        ("ok-shutdown", ["cell", "shutdown", "1"], env("ok"), 0,
         'cell "1" shut down\n', "", "CELL_SHUTDOWN id=1\n"),
        ("ok-destroy", ["cell", "destroy", "a" * 31], env("ok"), 0,
         'cell "%s" destroyed\n' % ("a" * 31), "",
         "CELL_DESTROY name=%s\n" % ("a" * 31)),
        # failures: the operation's own explanation wins over the generic
        ("enable-ebusy", ["enable", sysimg], env(errno.EBUSY), 1, "",
         "jh: enable %s: the hypervisor is already enabled, EL2 is not "
         "free (Linux runs at EL2 with VHE: boot with id_aa64mmfr1.vh=0; "
         "KVM holds it: boot with kvm-arm.mode=none), or the hypervisor "
         "memory is Linux's RAM (hide it with mem= or a no-map "
         "reserved-memory node), or Linux drives an SMMU the system image "
         "lists (boot without its driver); dmesg says which (EBUSY)\n"
         % sysimg,
         "ENABLE size=496 sig=JHSYS\n"),
        ("enable-eio", ["enable", sysimg], env(errno.EIO), 1, "",
         "jh: enable %s: the hypervisor failed to start on a CPU and was "
         "rolled back: its console says why ('jh console') (EIO)\n"
         % sysimg, None),
        ("disable-ebusy", ["disable"], env(errno.EBUSY), 1, "",
         "jh: disable: non-root cells still exist: destroy them first "
         "('jh cell list'); or an offline root CPU still runs in the "
         "hypervisor ('dmesg') (EBUSY)\n", None),
        ("create-eexist", ["cell", "create", cellimg], env(errno.EEXIST),
         1, "", "jh: cell create %s: a cell with this name exists already "
         "('jh cell list') (EEXIST)\n" % cellimg, create_log),
        ("create-ebusy", ["cell", "create", cellimg], env(errno.EBUSY), 1,
         "", "jh: cell create %s: a CPU, interrupt or memory region the "
         "cell asks for is not free (owned by another cell, or Linux could "
         "not take the CPU offline) (EBUSY)\n" % cellimg, None),
        ("create-einval-enabled", ["cell", "create", cellimg],
         env(errno.EINVAL, on), 1, "", "jh: cell create %s: the driver or "
         "the hypervisor refused the cell image: dmesg and 'jh console' "
         "say why (EINVAL)\n" % cellimg, None),
        ("create-einval-disabled", ["cell", "create", cellimg],
         env(errno.EINVAL, off), 1, "", "jh: cell create %s: the "
         "hypervisor is not enabled ('jh enable SYSTEM.cell' first) "
         "(EINVAL)\n" % cellimg, None),
        ("load-einval", ["cell", "load", "inmate", hello + "@0x1000000"],
         env(errno.EINVAL, on), 1, "", "jh: cell load inmate: an image "
         "does not fit into one loadable memory region of the cell at the "
         "address given (check @ADDR against the cell's loadable "
         "regions), more than 64 images, or the root cell: dmesg says "
         "which (EINVAL)\n", None),
        ("start-enoent", ["cell", "start", "nosuch"], env(errno.ENOENT), 1,
         "", "jh: cell start nosuch: no such cell ('jh cell list') "
         "(ENOENT)\n", "CELL_START name=nosuch\n"),
        ("start-root", ["cell", "start", "0"], env(errno.EINVAL, on), 1,
         "", "jh: cell start 0: not possible for the root cell (id 0), nor "
         "for a cell that failed (destroy it) (EINVAL)\n",
         "CELL_START id=0\n"),
        ("destroy-eperm", ["cell", "destroy", "inmate"], env(errno.EPERM),
         1, "", "jh: cell destroy inmate: refused: a cell is "
         "running-locked, or the cell denied the shutdown request "
         "(EPERM)\n", None),
        ("shutdown-enosys", ["cell", "shutdown", "inmate"],
         env(errno.ENOSYS), 1, "", "jh: cell shutdown inmate: the "
         "hypervisor does not implement this call (driver and hypervisor "
         "binary of different versions?) (ENOSYS)\n", None),
        ("start-unknown-errno", ["cell", "start", "inmate"],
         env(errno.EXDEV), 1, "", "jh: cell start inmate: %s (errno %d)\n"
         % (os.strerror(errno.EXDEV), errno.EXDEV), None),
    ]


def run_case(prefix, jh, case, tmp=None):
    name, args, env_extra, status, out, err = case[:6]
    want_log = case[6] if len(case) > 6 else None
    env = dict(os.environ)
    for k in ("JH_DEVICE", "JH_SYSFS", "JH_FAKE_IOCTL", "JH_FAKE_IOCTL_LOG"):
        env.pop(k, None)
    env.update(env_extra)
    logpath = None
    if want_log is not None:
        logpath = os.path.join(tmp, "ioctl-%s.log" % name)
        env["JH_FAKE_IOCTL_LOG"] = logpath
    if "LD_PRELOAD" in env_extra:
        # an ASan build wants its runtime first; the shim has none
        env["ASAN_OPTIONS"] = ":".join(
            x for x in [env.get("ASAN_OPTIONS"),
                        "verify_asan_link_order=0"] if x)
    p = subprocess.run(prefix + [jh] + args, env=env, capture_output=True,
                       text=True, timeout=120)
    if prefix:
        # valgrind's note on the driver's ioctls, which it does not know
        p.stderr = VALGRIND_IOCTL_NOTE.sub("", p.stderr)
    problems = []
    if p.returncode != status:
        problems.append("exit status %d, expected %d" % (p.returncode,
                                                         status))
    if out is not None and p.stdout != out:
        problems.append("stdout:\n%s\nexpected:\n%s" % (p.stdout, out))
    if err is not None and p.stderr != err:
        problems.append("stderr:\n%s\nexpected:\n%s" % (p.stderr, err))
    if name.startswith("help") and not p.stdout.startswith(
            "usage: jh COMMAND [ARGUMENTS]\n"):
        problems.append("help does not start with the usage line:\n" +
                        p.stdout)
    if want_log is not None:
        try:
            with open(logpath) as f:
                got = f.read()
        except OSError:
            got = ""
        if got != want_log:
            problems.append("ioctls:\n%s\nexpected:\n%s" % (got, want_log))
    return problems


def follow_case(prefix, jh, fix, tmp):
    """console -f: prints what is there, then what is appended, and ends
    with status 0 on SIGINT."""
    devfile = os.path.join(tmp, "follow.dev")
    write(devfile, CONSOLE)
    outpath = os.path.join(tmp, "follow.out")
    env = dict(os.environ, JH_DEVICE=devfile)
    problems = []
    with open(outpath, "w") as out:
        p = subprocess.Popen(prefix + [jh, "console", "-f"], env=env,
                             stdout=out, stderr=subprocess.PIPE, text=True)

        def wait_for(text):
            deadline = time.time() + 30
            while time.time() < deadline:
                with open(outpath) as f:
                    if f.read() == text:
                        return True
                time.sleep(0.05)
            return False

        if not wait_for(CONSOLE):
            problems.append("console -f did not print the console")
        more = "jh: cell \"inmate\" created\nhello: CPU 1 says hello\n"
        with open(devfile, "a") as f:
            f.write(more)
        if not wait_for(CONSOLE + more):
            problems.append("console -f did not print what was appended")
        if p.poll() is not None:
            problems.append("console -f ended by itself (status %d)"
                            % p.returncode)
        else:
            p.send_signal(signal.SIGINT)
        try:
            _, err = p.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()
            p.communicate()
            return problems + ["console -f did not end on SIGINT"]
    if p.returncode != 0:
        problems.append("console -f: status %d after SIGINT, expected 0"
                        % p.returncode)
    if err:
        problems.append("console -f: stderr: " + err)
    with open(outpath) as f:
        got = f.read()
    if got != CONSOLE + more:
        problems.append("console -f printed:\n%s" % got)
    return problems


def run(argv):
    prefix = []
    shim = None
    while argv and argv[0].startswith("--"):
        if argv[0] == "--valgrind":
            prefix = [argv[1], "--error-exitcode=99", "--leak-check=full",
                      "--errors-for-leak-kinds=definite,indirect",
                      "--quiet"]
        elif argv[0] == "--fake-ioctl":
            shim = os.path.abspath(argv[1])
        else:
            print("unknown option " + argv[0], file=sys.stderr)
            return 2
        argv = argv[2:]
    jh = argv[0]
    failed = 0
    total = 0
    with tempfile.TemporaryDirectory(prefix="jh-cli-") as tmp:
        fix = os.path.join(tmp, "fix")
        make_fixtures(fix)
        write(os.path.join(tmp, "disabled", "enabled"), "0\n")
        all_cases = cases(fix, tmp)
        if shim:
            all_cases += fake_cases(fix, tmp, shim)
        names = [c[0] for c in all_cases]
        assert len(names) == len(set(names)), "duplicate case names"
        # two at a time: valgrind makes each run take a while
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as ex:
            results = list(ex.map(lambda c: run_case(prefix, jh, c, tmp),
                                  all_cases))
        for case, problems in zip(all_cases, results):
            total += 1
            if problems:
                failed += 1
                print("FAIL %s (jh %s):\n  %s" % (
                    case[0], " ".join(case[1]),
                    "\n  ".join(problems)))
            else:
                print("ok   %s" % case[0])
        total += 1
        problems = follow_case(prefix, jh, fix, tmp)
        if problems:
            failed += 1
            print("FAIL console-follow:\n  " + "\n  ".join(problems))
        else:
            print("ok   console-follow")
    print("%d cases, %d failed" % (total, failed))
    return 1 if failed else 0


def documented(argv):
    """Every errno the tool explains is listed in each document."""
    with open(argv[0]) as f:
        src = f.read()
    names = sorted(set(re.findall(r"\{ *(?:OP_\w+|ANY_OP), *(E[A-Z0-9]+),",
                                  src)))
    if len(names) < 10:
        print("found only %d errno entries in %s" % (len(names), argv[0]))
        return 1
    bad = 0
    for path in argv[1:]:
        try:
            with open(path) as f:
                text = f.read()
        except OSError as e:
            print("%s: %s" % (path, e))
            bad += 1
            continue
        for n in names:
            if not re.search(r"\b%s\b" % n, text):
                print("%s does not mention %s" % (path, n))
                bad += 1
    print("%d errno names, %d missing" % (len(names), bad))
    return 1 if bad else 0


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "run":
        return run(sys.argv[2:])
    if len(sys.argv) == 3 and sys.argv[1] == "fixtures":
        make_fixtures(sys.argv[2])
        return 0
    if len(sys.argv) >= 4 and sys.argv[1] == "documented":
        return documented(sys.argv[2:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
