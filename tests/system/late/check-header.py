#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Check struct jh_hv_header at the start of hv.bin (schema/jh-late-launch.h).

usage: check-header.py HV.BIN HV.ELF NM
Every field is compared with what the image and the ELF's symbols say:
magic, version, size, link address, image size = file size, core size
page aligned and covering the image, the late vectors 2 KiB aligned
inside the image and at the symbol hv_late_vectors, the console ring
inside the image with its size field set, the first word a branch to
the boot-time entry.
"""
import struct
import subprocess
import sys

HEADER = "<II8sIIQQQQQII"
JH_HV_CONSOLE_SIZE = 16384


def main():
    binf, elf, nm = sys.argv[1:4]
    data = open(binf, "rb").read()
    syms = {}
    for line in subprocess.run([nm, elf], capture_output=True, text=True,
                               check=True).stdout.splitlines():
        parts = line.split()
        if len(parts) == 3:
            syms[parts[2]] = int(parts[0], 16)
    (branch, _, magic, version, hsize, link, image_size, core_size,
     vec_off, con_off, max_cpus, _) = struct.unpack_from(HEADER, data)
    errors = []

    def need(cond, what):
        if not cond:
            errors.append(what)

    need(magic == b"JHHVIMG\0", "magic %r" % magic)
    need(version == 1, "version %d" % version)
    need(hsize == struct.calcsize(HEADER) == 72, "header_size %d" % hsize)
    need(link == syms.get("__hv_start") == 0x7fc00000,
         "link_address 0x%x" % link)
    need(image_size == len(data), "image_size %d, file has %d bytes"
         % (image_size, len(data)))
    need(core_size % 4096 == 0 and core_size >= image_size and
         link + core_size == syms.get("__hv_end"),
         "core_size 0x%x" % core_size)
    need(vec_off % 0x800 == 0 and 0 < vec_off < image_size and
         link + vec_off == syms.get("hv_late_vectors"),
         "late_vectors_offset 0x%x" % vec_off)
    need(con_off + 16 + JH_HV_CONSOLE_SIZE <= image_size and
         link + con_off == syms.get("hv_console_ring"),
         "console_offset 0x%x" % con_off)
    if con_off + 8 <= len(data):
        seq, size = struct.unpack_from("<II", data, con_off)
        need(seq == 0 and size == JH_HV_CONSOLE_SIZE,
             "console ring seq %d size %d" % (seq, size))
    need(max_cpus == 8, "max_cpus %d" % max_cpus)
    # b <imm26>: 0b000101 in bits 31:26, offset in words
    target = link + ((branch & 0x3ffffff) << 2)
    need(branch >> 26 == 0x05 and target == syms.get("hv_boot_entry"),
         "first word 0x%08x is not a branch to hv_boot_entry" % branch)
    for e in errors:
        print("FAIL: hv.bin header:", e)
    if not errors:
        print("hv.bin header ok: image %d bytes, core 0x%x, vectors +0x%x, "
              "console +0x%x" % (image_size, core_size, vec_off, con_off))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
