#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The late-launch example (examples/qemu-arm64-linux.yaml) for QEMU's
virt machine with gic-version=2: the GICv2 frames (GICC, GICH, GICV)
instead of the redistributors, the GICv2m MSI frame instead of the
ITS. Everything else (memory layout, cells) stays as in the example.

usage: gicv2-variant.py EXAMPLE.yaml OUT.yaml [JH_COMPILE SYSTEM INMATE]
With JH_COMPILE, also compiles OUT.yaml and writes its system.cell and
inmate.cell as SYSTEM and INMATE (names meson can tell apart from the
GICv3 images in the same folder).
"""
import os
import shutil
import subprocess
import sys
import tempfile

# (what the GICv3 example says, what the GICv2 machine needs)
EDITS = [
    ('  name: qemu-virt-gicv3-2cpu\n', '  name: qemu-virt-gicv2-2cpu\n'),
    ('      type: gicv3\n', '      type: gicv2\n'),
    ('      gicr: 0x080a_0000                  # 128 KiB per CPU\n',
     '      gicc: 0x0801_0000\n'
     '      gich: 0x0803_0000\n'
     '      gicv: 0x0804_0000\n'),
    ('    gic-its:\n      mmio: 0x0808_0000 .. +128 KiB\n',
     '    gic-v2m:\n      mmio: 0x0802_0000 .. +4 KiB\n'),
    ('      - gic-its\n', '      - gic-v2m\n'),
]


def main():
    if len(sys.argv) not in (3, 6):
        sys.exit(__doc__)
    src, dst = sys.argv[1], sys.argv[2]
    with open(src, encoding='utf-8') as f:
        text = f.read()
    for old, new in EDITS:
        if text.count(old) != 1:
            sys.exit('gicv2-variant.py: %s: expected exactly one %r '
                     '(found %d): the example changed, update EDITS'
                     % (src, old.strip(), text.count(old)))
        text = text.replace(old, new)
    with open(dst, 'w', encoding='utf-8') as f:
        f.write(text)
    if len(sys.argv) == 6:
        with tempfile.TemporaryDirectory() as tmp:
            subprocess.run([sys.argv[3], '-o', tmp, dst], check=True)
            for name, out in (('system.cell', sys.argv[4]),
                              ('inmate.cell', sys.argv[5])):
                shutil.copyfile(os.path.join(tmp, name), out)


if __name__ == '__main__':
    main()
