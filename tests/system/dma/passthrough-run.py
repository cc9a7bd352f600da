#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Physical PCI device assignment under the hypervisor in QEMU.

Compiles a scenario YAML with jh-compile, patches the edu-dma inmate's
parameter block (EDUPARM1, inmates/edu-dma.c), boots it with
scripts/boot-qemu on QEMU virt with highmem=off and two `edu` devices
(slots 2 and 3, 40-bit DMA mask), and checks the console and the exit
status. Besides the built-in scenarios, everything can be given on the
command line (scenario `custom`), so other tests can reuse it:

  passthrough-run.py custom --config my.yaml --cell cell1=edu-dma \\
      --param mode=1 --param dma_offset=@cell1 --machine iommu=smmuv3 \\
      --expect 'edu-dma: 9 checks, 0 failed' --status 0 [common options]

`--param KEY=VALUE`: a field of struct edu_params (bar0, dma_offset,
foreign_read, foreign_write, bad_bar0, mode, length, index, foreign_bdf,
timeout_ms, intid, bar64, bad_bar64); VALUE a number, or `@CELL` for the
physical start of that cell's first memory region (its RAM: bus address
= guest address + this, without an IOMMU), or `@CELL+N`. Parameters go
to every cell that runs edu-dma.
"""
import argparse
import os
import re
import struct
import subprocess
import sys
import tempfile

import yaml

# struct edu_params (inmates/edu-dma.c): name -> (offset, struct format)
PARAMS = {
    'bar0': (8, '<Q'), 'dma_offset': (16, '<Q'),
    'foreign_read': (24, '<Q'), 'foreign_write': (32, '<Q'),
    'bad_bar0': (40, '<Q'), 'mode': (48, '<I'), 'length': (52, '<I'),
    'index': (56, '<I'), 'foreign_bdf': (60, '<I'),
    'timeout_ms': (64, '<I'), 'intid': (68, '<I'), 'bar64': (72, '<Q'),
    'bad_bar64': (80, '<Q'),
}
MAGIC = b'EDUPARM1'
(MODE_DMA, MODE_PROBE, MODE_BAD, MODE_IVSHMEM, MODE_BAR64,
 MODE_RESET, MODE_ROOT) = 1, 2, 4, 8, 16, 32, 64

# QEMU: low memory map (ECAM 0x3f00_0000), the two edu devices and the
# ivshmem-plain (64-bit BAR2) of boards/qemu-virt-gicv*-pci.yaml
QEMU_ARGS = ['-M', 'highmem=off',
             '-device', 'edu,addr=2,dma_mask=0xffffffffff',
             '-device', 'edu,addr=3,dma_mask=0xffffffffff',
             '-object', 'memory-backend-ram,id=shm0,size=1M',
             '-device', 'ivshmem-plain,memdev=shm0,addr=4']

HERE = os.path.dirname(os.path.abspath(__file__))

# scenario -> config (gicv%s filled in), cells and their inmates,
# parameters, exit status, expected lines, forbidden lines
SCENARIOS = {
    # cell1 owns edu0: BAR0, registers, DMA round trip through its RAM,
    # completion interrupts through the device's INTx (SPI 37)
    'dma': {
        'config': 'passthrough-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1', 'intid': 37},
        'status': 0,
        'expect': [
            r'edu-dma: device 00:02\.0, BAR0 1024 KiB, command 0x0',
            r'edu-dma: BAR0 placement in the cell\'s device memory ok',
            r'edu-dma: identification register 0x010000ed ok',
            r'edu-dma: liveness register inverts ok',
            r'edu-dma: DMA buffers at bus 0x7ec0[0-9a-f]{4} and '
            r'0x7ec0[0-9a-f]{4}',
            r'edu-dma: to-device 4032 bytes ok',
            r'edu-dma: from-device, pattern verified ok',
            r'edu-dma: DMA completion interrupts \(INTx\) taken ok',
            r'edu-dma: command 0x6 at the end',
            r'edu-dma: 10 checks, 0 failed',
            r"jh: cell 'cell1' shut down",
        ],
        'forbid': [r'FAIL', r'FATAL', r'warning'],
    },
    # what the cell must not do: another function, BARs outside its
    # memory, I/O decoding, MSI; each refusal warned once
    'probe': {
        'config': 'passthrough-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA | MODE_PROBE, 'dma_offset': '@cell1',
                   'foreign_bdf': 0x18, 'bad_bar0': 0x20000000},
        'status': 0,
        'expect': [
            r'edu-dma: from-device, pattern verified ok',
            r'edu-dma: a function the cell does not own reads all ones ok',
            r'edu-dma: writes to it are ignored ok',
            r"jh: warning: cell 'cell1' CPU 1: PCI 00:02\.0: BAR0: "
            r"placement at 0x20000000 \(0x100000 bytes\) outside the "
            r"cell's I/O memory: refused",
            r'edu-dma: BAR0 placement outside the cell refused, old value '
            r'kept ok',
            r'edu-dma: second refused placement ok',
            r'edu-dma: registers still at the old BAR0 ok',
            r"jh: warning: cell 'cell1' CPU 1: PCI 00:02\.0: I/O decoding "
            r"refused",
            r'edu-dma: I/O decoding refused ok',
            r"jh: warning: cell 'cell1' CPU 1: PCI 00:02\.0: MSI/MSI-X "
            r"enable refused",
            r'edu-dma: MSI enable refused ok',
            r'edu-dma: 19 checks, 0 failed',
            r"jh: cell 'cell1' shut down",
        ],
        'forbid': [r'FAIL', r'FATAL',
                   r'placement at 0x20000000[\s\S]*placement at 0x2000',
                   r'outside the capabilities'],
    },
    # a virtual ivshmem function (00:01.0) on the physical bus next to
    # the physical edu0 (00:02.0)
    'ivshmem': {
        'config': 'passthrough-ivshmem-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA | MODE_IVSHMEM,
                   'dma_offset': '@cell1'},
        'status': 0,
        'expect': [
            r'jh: ivshmem 00:01\.0: 2 of 2 peers',
            r'edu-dma: device 00:02\.0, BAR0 1024 KiB',
            r'edu-dma: from-device, pattern verified ok',
            r'edu-dma: ivshmem 00:01\.0 next to the physical device, peer 0 '
            r'of 2 ok',
            r'edu-dma: the physical function still answers ok',
            r'edu-dma: 11 checks, 0 failed',
        ],
        'forbid': [r'FAIL', r'FATAL', r'warning'],
    },
    # a 64-bit BAR (ivshmem-plain's BAR2, shm0 at 00:04.0) in cell1
    'bar64': {
        'config': 'passthrough-bar64-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_BAR64, 'dma_offset': '@cell1',
                   'bar64': 0x10200000, 'bad_bar64': 0x100000000},
        'status': 0,
        'expect': [
            r'edu-dma: BAR2 of 1af4:1110 is 64-bit, 1 MiB ok',
            r'edu-dma: 64-bit BAR2 placement in the cell\'s device memory ok',
            r'edu-dma: memory behind BAR2 works ok',
            r"jh: warning: cell 'cell1' CPU 1: PCI 00:04\.0: BAR2: "
            r"placement at 0x20000000 \(0x100000 bytes\) outside the "
            r"cell's I/O memory: refused",
            r'edu-dma: lower half moved outside while decoding: refused ok',
            r'edu-dma: upper half moved outside while decoding: refused ok',
            r'edu-dma: sizing while decoding: refused ok',
            r'edu-dma: 64-bit placement outside the cell refused ok',
            r'edu-dma: memory decoding refused with the pair outside ok',
            r'edu-dma: decoding on again, memory behind BAR2 unchanged ok',
            r'edu-dma: 17 checks, 0 failed',
        ],
        # one warning per BAR, however many refusals
        'forbid': [r'FAIL', r'FATAL', r'PCI 00:04\.0: BAR2[\s\S]*'
                   r'PCI 00:04\.0: BAR2'],
    },
    # run time: the root cell creates cell1 (taking edu0), cell1 does DMA,
    # destroy gives edu0 back to the root with decoding and DMA off
    'lifecycle': {
        'config': 'passthrough-life-gicv%s.yaml',
        'cells': {},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1', 'intid': 37},
        'status': 0,
        'expect': [
            r"jh: cell 'cell1' created",
            r'edu-dma: from-device, pattern verified ok',
            r'edu-dma: command 0x6 at the end',
            r'edu-dma: 10 checks, 0 failed',
            r'mgr: peek 0x3f010004 = 1048576',
            r'mgr: done, 0 failed expectations',
        ],
        'forbid': [r'FAIL', r'FATAL', r'expect-failed', r'warning'],
    },
    # without an IOMMU nothing stops the device: it reads the DTB QEMU
    # put at the start of RAM (root memory) and writes root memory; the
    # SMMU tests show the same transfers blocked
    'foreign': {
        'config': 'passthrough-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1',
                   'foreign_read': 0x40000000, 'foreign_write': 0x40100000},
        'status': 0,
        'expect': [
            r'edu-dma: from-device, pattern verified ok',
            r'edu-dma: foreign read from bus 0x40000000: transfer '
            r'completed, device buffer changed \(first word 0xedfe0dd0\)',
            r'edu-dma: foreign write to bus 0x40100000: transfer completed',
            r'edu-dma: 9 checks, 0 failed',
        ],
        'forbid': [r'FAIL', r'FATAL'],
    },
    # the owner resets itself: its device stops decoding and mastering
    'reset': {
        'config': 'passthrough-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA | MODE_RESET, 'dma_offset': '@cell1',
                   'intid': 37},
        'status': 0,
        'expect': [
            r'edu-dma: command 0x6 at the end',
            r'edu-dma: 10 checks, resetting my cell',
            r"jh: cell 'cell1' reset by CPU 1",
            r'edu-dma: life 2: command 0x0, BAR0 0x10000000',
            r"edu-dma: after the cell's reset no decoding, no bus "
            r'mastering ok',
            r'edu-dma: BAR0 kept over the reset ok',
            r'edu-dma: 12 checks, 0 failed',
            r"jh: cell 'cell1' shut down",
        ],
        'forbid': [r'FAIL', r'FATAL'],
    },
    # the root cell drives the function it kept (edu1) next to cell1:
    # its writes are filtered too (BAR0 onto cell1's device memory
    # refused), I/O decoding and MSI enable are its own
    'root': {
        'config': 'passthrough-root-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1', 'intid': 37},
        'root': 'edu-dma-root',
        'root_params': {'mode': MODE_DMA | MODE_PROBE | MODE_ROOT,
                        'bar0': 0x10100000, 'dma_offset': 0, 'intid': 38,
                        'bad_bar0': 0x10000000, 'foreign_bdf': 0x10},
        'status': 0,
        'expect': [
            r'edu-dma: device 00:03\.0, BAR0 1024 KiB',
            r'edu-dma: device 00:02\.0, BAR0 1024 KiB',
            r'edu-dma: BAR0 at 0x10100000',
            r'edu-dma: DMA buffers at bus 0x4[0-9a-f]{7} and',
            r"jh: warning: cell 'root' CPU 0: PCI 00:03\.0: BAR0: "
            r"placement at 0x10000000 \(0x100000 bytes\) outside the "
            r"cell's I/O memory: refused",
            r'edu-dma: I/O decoding is the root cell\'s to set ok',
            r'edu-dma: MSI enable is the root cell\'s to set ok',
            r'edu-dma: 20 checks, 0 failed',
            r'edu-dma: 10 checks, 0 failed',
            r"jh: cell 'cell1' shut down",
            r"jh: cell 'root' shut down",
        ],
        'forbid': [r'FAIL', r'FATAL', r"cell 'cell1' CPU 1: PCI"],
    },
    # two non-root cells list one function: refused at boot
    'conflict': {
        'config': 'passthrough-conflict-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma', 'cell2': 'edu-dma'},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1'},
        'status': 2,
        'expect': [
            r"jh: boot error: cell 'cell2': PCI 00:02\.0 belongs to cell "
            r"'cell1'",
            r"jh: boot error: cell 'cell2': PCI setup failed \(-16\)",
            r'jh: boot failed',
        ],
        'forbid': [r'edu-dma', r'starting cell'],
    },
    # a function beyond the host bridge's last bus: refused at boot
    'bad-bus': {
        'config': 'passthrough-bad-bus-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_DMA, 'dma_offset': '@cell1'},
        'status': 2,
        'expect': [
            r"jh: boot error: cell 'cell1': PCI 20:02\.0: beyond the host "
            r"bridge's last bus 15",
            r'jh: boot failed',
        ],
        'forbid': [r'edu-dma', r'starting cell'],
    },
    # a malformed configuration access stops the cell, naming it
    'bad-access': {
        'config': 'passthrough-gicv%s.yaml',
        'cells': {'cell1': 'edu-dma'},
        'params': {'mode': MODE_BAD, 'dma_offset': '@cell1'},
        'status': 1,
        'expect': [
            r'edu-dma: 6 checks, 0 failed',
            r"jh: cell 'cell1' CPU 1: PCI configuration read at "
            r"0x3f010000 of 8 bytes: only 1, 2 or 4, naturally aligned",
            r"jh: FATAL: cell 'cell1' CPU 1: illegal read at 0x3f010000, "
            r"syndrome 0x[0-9a-f]+: cell stopped",
            r"jh: cell 'cell1' failed",
        ],
        'forbid': [r'FAIL', r'was not stopped'],
    },
}


# Root guest addresses (= physical: identity-mapped root) of what QEMU
# loader devices put into root memory for the lifecycle manager
# (tests/system/lifecycle/manager.c, built as manager-identity.bin).
LIFE_SCRIPT = 0x47000000
LIFE_IMAGE = 0x47100000
LIFE_BIN = 0x47800000
ECAM = 0x3f000000
EDU0_CFG, EDU1_CFG = ECAM + (0x10 << 12), ECAM + (0x18 << 12)
EDU_ID = 0x11e81234


def life_script(image_gpa, ram_phys, bin_gpa, bin_size):
    """manager commands: both devices the root's, cell1 takes edu0 and
    uses it, destroy gives it back with decoding and bus mastering off"""
    return '\n'.join([
        'peek 0x%x' % EDU1_CFG, 'expect 0x%x' % EDU_ID,
        'peek 0x%x' % EDU0_CFG, 'expect 0x%x' % EDU_ID,
        'create 0x%x' % image_gpa, 'expect 1',
        # taken: the root sees nothing there any more
        'peek 0x%x' % EDU0_CFG, 'expect 0xffffffff',
        'peek 0x%x' % EDU1_CFG, 'expect 0x%x' % EDU_ID,
        'loadable 1', 'expect 0',
        'copy 0x%x 0x%x %d' % (ram_phys, bin_gpa, bin_size),
        'start 1', 'expect 0',
        'wait 1 2 5000', 'expect 2',
        # shut down, but still cell1's until destroyed
        'peek 0x%x' % EDU0_CFG, 'expect 0xffffffff',
        'destroy 1', 'expect 0',
        'peek 0x%x' % EDU0_CFG, 'expect 0x%x' % EDU_ID,
        # status: capability list; command: 0 (no memory, no master)
        'peek 0x%x' % (EDU0_CFG + 4), 'expect 0x100000',
        'off', ''])


def run_lifecycle(args, spec, out, images, cmd):
    """boot the root manager; cell1 is created at run time"""
    with open(os.path.join(args.life_guests, 'manager-identity.bin'),
              'rb') as f:
        manager = f.read()
    with open(os.path.join(args.inmates, 'edu-dma.bin'), 'rb') as f:
        binary = patch_params(f.read(), spec['params'], images)
    paths = {}
    for name, data in (('manager', manager), ('cell1.bin', binary)):
        paths[name] = os.path.join(out, 'life-' + name)
        with open(paths[name], 'wb') as f:
            f.write(data)
    script = os.path.join(out, 'script.txt')
    with open(script, 'w') as f:
        f.write(life_script(LIFE_IMAGE, cell_region(images['cell1'])[0],
                            LIFE_BIN, len(binary)))
    cmd += ['--root', paths['manager']]
    for path, addr in ((script, LIFE_SCRIPT),
                       (os.path.join(out, 'cell1.cell'), LIFE_IMAGE),
                       (paths['cell1.bin'], LIFE_BIN)):
        cmd += ['--qemu-arg=-device',
                '--qemu-arg=loader,file=%s,addr=0x%x,force-raw=on'
                % (path, addr)]
    return cmd


def cell_region(image, index=0):
    """(phys, virt) of memory region @index of a cell image"""
    cpu_set_size = struct.unpack_from('<I', image, 48)[0]
    off = 132 + cpu_set_size + 32 * index
    return struct.unpack_from('<QQ', image, off)


def resolve(value, images):
    """a number, or @CELL[+N]: physical start of CELL's first region"""
    if isinstance(value, int):
        return value
    if value.startswith('@'):
        name, _, add = value[1:].partition('+')
        if name not in images:
            raise SystemExit('FAIL: --param names unknown cell %r' % name)
        return cell_region(images[name])[0] + (int(add, 0) if add else 0)
    return int(value, 0)


def patch_params(binary, params, images):
    """edu-dma .bin bytes with the parameter block changed"""
    data = bytearray(binary)
    at = data.find(MAGIC)
    if at < 0 or data.find(MAGIC, at + 1) >= 0:
        raise SystemExit('FAIL: no single EDUPARM1 block in the inmate')
    for key, value in params.items():
        if key not in PARAMS:
            raise SystemExit('FAIL: unknown parameter %r (known: %s)' %
                             (key, ', '.join(sorted(PARAMS))))
        off, fmt = PARAMS[key]
        struct.pack_into(fmt, data, at + off, resolve(value, images))
    return bytes(data)


def run(args, spec):
    with tempfile.TemporaryDirectory() as out:
        config = spec['config']
        if '%s' in config:
            config = config % args.gic
        if not os.path.isabs(config):
            config = os.path.join(HERE, config)
        r = subprocess.run([args.jh_compile, config, '-o', out],
                           capture_output=True, text=True)
        if r.returncode:
            print('FAIL: jh-compile:\n' + r.stdout + r.stderr)
            return 1
        names = [f[:-5] for f in sorted(os.listdir(out))
                 if f.endswith('.cell') and f != 'system.cell']
        images = {}
        for n in names:
            with open(os.path.join(out, n + '.cell'), 'rb') as f:
                images[n] = f.read()
        cmd = [args.boot_qemu, '--gic', args.gic, '--icount', '--smp', '4',
               '--timeout', str(args.timeout), '--hv', args.hv,
               '--system', os.path.join(out, 'system.cell')]
        # cell ids follow the order of the cells in the YAML
        order = [n for n in spec.get('order') or names if n in images]
        if spec.get('root'):
            with open(os.path.join(args.inmates, spec['root'] + '.bin'),
                      'rb') as f:
                binary = patch_params(f.read(), spec['root_params'],
                                      images)
            path = os.path.join(out, 'root-%s.bin' % spec['root'])
            with open(path, 'wb') as f:
                f.write(binary)
            cmd += ['--root', path]
        if args.scenario == 'lifecycle':
            cmd = run_lifecycle(args, spec, out, images, cmd)
            order = []
        for n in order:
            arg = os.path.join(out, n + '.cell')
            inmate = spec['cells'].get(n)
            if inmate:
                with open(os.path.join(args.inmates, inmate + '.bin'),
                          'rb') as f:
                    binary = f.read()
                if inmate.startswith('edu-dma'):
                    binary = patch_params(binary, spec['params'], images)
                path = os.path.join(out, '%s-%s.bin' % (n, inmate))
                with open(path, 'wb') as f:
                    f.write(binary)
                arg += ':' + path
            cmd += ['--cell', arg]
        qemu = QEMU_ARGS + sum((['-M', m] for m in spec.get('machine', [])),
                               [])
        cmd += ['--qemu-arg=' + a for a in qemu]
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=args.timeout + 30)
    log = (r.stdout + r.stderr).replace('\r', '')
    problems = []
    if r.returncode != spec['status']:
        problems.append('exit status %d, expected %d' %
                        (r.returncode, spec['status']))
    for pat in spec['expect']:
        if not re.search(pat, log):
            problems.append('console lacks: ' + pat)
    for pat in spec['forbid']:
        if re.search(pat, log):
            problems.append('console has: ' + pat)
    if problems:
        print('FAIL: ' + '\n      '.join(problems))
        print('--- console ---\n' + log)
        return 1
    print(log)
    print('PASS: passthrough-%s on GICv%s' % (args.scenario, args.gic))
    return 0


def cell_order(config):
    """non-root cell names in YAML order (cell ids 1, 2, ...)"""
    with open(config) as f:
        doc = yaml.safe_load(f)
    return [n for n, c in (doc.get('cells') or {}).items()
            if not (c or {}).get('root')]


def main():
    ap = argparse.ArgumentParser(
        description=__doc__.split('\n')[0],
        epilog=__doc__.split('\n', 2)[2],
        formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument('scenario', choices=sorted(SCENARIOS) + ['custom'])
    ap.add_argument('--gic', choices=['2', '3'], default='3')
    ap.add_argument('--jh-compile', required=True)
    ap.add_argument('--boot-qemu', required=True)
    ap.add_argument('--hv', required=True)
    ap.add_argument('--inmates', required=True, help='dir of the .bin')
    ap.add_argument('--timeout', type=int, default=60)
    ap.add_argument('--life-guests', help='dir of the lifecycle tests\' '
                    'manager-identity.bin (scenario lifecycle)')
    ap.add_argument('--config', help='scenario YAML (custom; %%s = GIC)')
    ap.add_argument('--cell', action='append', default=[],
                    metavar='CELL=INMATE', help='inmate of a cell (custom)')
    ap.add_argument('--param', action='append', default=[],
                    metavar='KEY=VALUE', help='edu-dma parameter')
    ap.add_argument('--machine', action='append', default=[],
                    metavar='OPTS', help='extra -M options, e.g. '
                    'iommu=smmuv3')
    ap.add_argument('--expect', action='append', default=[],
                    metavar='REGEX', help='the console must match')
    ap.add_argument('--forbid', action='append', default=[],
                    metavar='REGEX', help='the console must not match')
    ap.add_argument('--status', type=int, help='expected exit status '
                    '(custom: default 0)')
    args = ap.parse_args()

    if args.scenario == 'custom':
        if not args.config or not args.cell:
            ap.error('custom needs --config and --cell')
        spec = {'config': args.config, 'cells': {}, 'params': {},
                'status': 0, 'expect': [], 'forbid': []}
    else:
        spec = dict(SCENARIOS[args.scenario])
        spec['params'] = dict(spec['params'])
        spec['cells'] = dict(spec['cells'])
    for c in args.cell:
        name, _, inmate = c.partition('=')
        spec['cells'][name] = inmate
    for p in args.param:
        key, _, value = p.partition('=')
        spec['params'][key] = value
    spec['machine'] = args.machine
    spec['expect'] = spec['expect'] + args.expect
    spec['forbid'] = spec['forbid'] + args.forbid
    if args.status is not None:
        spec['status'] = args.status
    config = spec['config'] % args.gic if '%s' in spec['config'] \
        else spec['config']
    if not os.path.isabs(config):
        config = os.path.join(HERE, config)
    spec['order'] = cell_order(config)
    return run(args, spec)


if __name__ == '__main__':
    sys.exit(main())
