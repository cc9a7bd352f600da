#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot a DMA-isolation scenario under the hypervisor in QEMU and check it.

QEMU virt runs with its SMMUv3 (`iommu=smmuv3`, stage 1 only in QEMU 7.2)
and two edu devices (boards/qemu-virt-gicv3-smmu.yaml). The scenario's
YAML is compiled with jh-compile; the root cell and cell 'dma' get the
smmu-dma roles the scenario names; the console (hypervisor fault reports
and the inmates' lines) and the exit status are checked.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

ROOT_END = [
    # the root cell's own checks, run in every scenario with a root inmate
    r'smmu-dma: edu 00:03\.0 answers \(ID 0x010000ed\): ok',
    # edu 00:03.0's stream (0x18) belongs to nobody: both transfers fault
    r"smmu: fault: stream 0x0018 \(00:03\.0\) no cell address 0x41000800 "
    r'\(read\) type F_TRANSLATION',
    r"smmu: fault: stream 0x0018 \(00:03\.0\) no cell address 0x41001000 "
    r'\(write\) type F_TRANSLATION',
    r'smmu-dma: unowned device 00:03\.0: its DMA into root memory did not '
    r'arrive: ok',
    # edu 01:00.0's stream 0x100 is beyond the 256-entry stream table
    r'smmu-dma: edu 01:00\.0 answers \(ID 0x010000ed\): ok',
    r'smmu: fault: stream 0x0100 \(01:00\.0\) no cell type C_BAD_STREAMID',
    r'smmu-dma: device 01:00\.0, stream beyond the table: its DMA into '
    r'root memory did not arrive: ok',
    r'smmu-dma: root canary at 0x41000000 unchanged: ok',
    r'smmu-dma: unowned faults 3 \(\d+ events\), last stream 0x100, ',
    # one line per burst
    r'smmu: fault: stream 0x0100 \(01:00\.0\) no cell type C_BAD_STREAMID '
    r'\(0x2, unit 0, 64 events\)',
    r'smmu-dma: hypervisor integrity digest unchanged: ok',
]
PROBE = [
    r'smmu: unit 0 at 0x9050000: stage 1 only, 16-bit stream IDs \(table '
    r'of 256\), event interrupt 106',
    r'smmu: DMA isolation with hypervisor-owned stage-1 tables',
    r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'dma'",
    r'smmu: every other stream blocked',
]
FAULT = r"smmu: fault: stream 0x0010 \(00:02\.0\) cell 'dma' address "

# scenario -> (config, root role, cell role, exit status, expected lines,
#              forbidden lines)
SCENARIOS = {
    # the SMMU comes up, streams are assigned; with cell 'dma' not
    # started, the root's device without a stream owner is blocked
    'probe': ('smmu-gicv%s.yaml', 'root', None, 0, PROBE + ROOT_END + [
        r"smmu-dma: cell 'dma' faults 0, ",
        r'smmu-dma: 6 checks, 0 failed',
    ], [r'FAIL', r"cell 'dma'\s+address", r'FATAL']),
    # a cell's device DMAs into the cell's own memory
    'own': ('smmu-gicv%s.yaml', 'root', 'own', 0, PROBE + ROOT_END + [
        r'smmu-dma: edu 00:02\.0 answers \(ID 0x010000ed\): ok',
        r'smmu-dma: own memory: RAM -> device -> RAM at guest-physical '
        r'addresses: ok',
        r'smmu-dma: 2 checks, 0 failed',
        r"smmu-dma: cell 'dma' state 2",
        r"smmu-dma: cell 'dma' faults 0, ",
        r'smmu-dma: 6 checks, 0 failed',
    ], [r'FAIL', FAULT, r'FATAL']),
    # the device aimed at the root cell's memory (write, read) and at the
    # hypervisor's code: blocked, reported, counted; nothing changed
    'isolation': ('smmu-gicv%s.yaml', 'root', 'attack', 0,
                  PROBE + ROOT_END + [
        r'smmu-dma: own memory: RAM -> device -> RAM at guest-physical '
        r'addresses: ok',
        FAULT + r'0x41000000 \(write\) type F_TRANSLATION',
        FAULT + r'0x41000000 \(read\) type F_TRANSLATION',
        r'smmu-dma: the canary did not reach the device: ok',
        FAULT + r'0x7fc00000 \(write\) type F_TRANSLATION',
        r'smmu-dma: own memory still works after the faults: ok',
        r'smmu-dma: my fault count 3, last stream 0x10, last address '
        r'0x7fc00000, last type 0x10',
        r"smmu-dma: another cell's counters: -EPERM: ok",
        r'smmu-dma: 5 checks, 0 failed',
        r"smmu-dma: cell 'dma' faults 3, last stream 0x10, last address "
        r'0x7fc00000, last type 0x10, quiesced 0',
        r'smmu-dma: 6 checks, 0 failed',
    ], [r'FAIL', r'quiesced after', r'FATAL']),
    # a device that keeps faulting is quiesced; the other cells go on
    'quiesce': ('smmu-gicv%s.yaml', 'root', 'quiesce', 0,
                PROBE + ROOT_END + [
        r"smmu: stream 0x0010 \(00:02\.0\) of cell 'dma' quiesced after 8 "
        r'faults: its DMA is aborted',
        r'smmu-dma: the hypervisor turned bus mastering off: ok',
        r'smmu-dma: after quiescing, DMA into my own memory is aborted: ok',
        r'smmu-dma: one stream quiesced: ok',
        r'smmu-dma: my fault count 8, last stream 0x10',
        r"smmu-dma: cell 'dma' faults 8, last stream 0x10, last address "
        r'0x41007000, last type 0x10, quiesced 1',
        r'smmu-dma: 5 checks, 0 failed',
        r'smmu-dma: 6 checks, 0 failed',
    ], [r'FAIL', r'FATAL']),
    # cell 'dma' created at run time by the root cell (not in the boot
    # bundle), attacking, destroyed, twice: its stream follows it
    # (these lines must appear in this order)
    'lifecycle': ('smmu-gicv%s.yaml', 'manager', None, 0, [
        r'smmu: every other stream blocked',
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'dma'",
        r"jh: cell 'dma' created",
        r'smmu-dma: own memory: RAM -> device -> RAM at guest-physical '
        r'addresses: ok',
        FAULT + r'0x7fc00000 \(write\) type F_TRANSLATION',
        r'smmu-dma: my fault count 3, ',
        r"smmu-dma: round 1: cell 'dma' state 2, faults 3, last address "
        r'0x7fc00000',
        r'smmu: stream 0x0010 \(00:02\.0\) -> no cell \(blocked\)',
        r"jh: cell 'dma' destroyed",
        r'smmu-dma: its counters went with it \(-ENOENT\): ok',
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'dma'",
        r"jh: cell 'dma' created",
        r'smmu-dma: my fault count 3, ',
        r"smmu-dma: round 2: cell 'dma' state 2, faults 3, last address "
        r'0x7fc00000',
        r'smmu: stream 0x0010 \(00:02\.0\) -> no cell \(blocked\)',
        r"jh: cell 'dma' destroyed",
        r'smmu-dma: root canary at 0x41000000 unchanged: ok',
        r'smmu-dma: hypervisor integrity digest unchanged: ok',
        r'smmu-dma: 16 checks, 0 failed',
    ], [r'FAIL', r'FATAL']),
    # the root cell lists edu 00:02.0's stream as well: at boot it is the
    # root's (its DMA works), cell 'dma' takes it at each create, the
    # root gets it back at each destroy (its DMA works again)
    'reassign': ('smmu-reassign.yaml', 'reassign', None, 0, [
        # (no BDF yet: no image at boot lists 00:02.0 as a PCI device)
        r"smmu: stream 0x0010 -> cell 'root'",
        r'smmu: every other stream blocked',
        r'smmu-dma: root cell: its own DMA through edu 00:02\.0: ok',
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'dma'",
        r"jh: cell 'dma' created",
        r"smmu-dma: round 1: cell 'dma' state 2, faults 3, ",
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'root'",
        r"jh: cell 'dma' destroyed",
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'dma'",
        r"smmu-dma: round 2: cell 'dma' state 2, faults 3, ",
        r"smmu: stream 0x0010 \(00:02\.0\) -> cell 'root'",
        r"jh: cell 'dma' destroyed",
        r'smmu-dma: root cell: its own DMA through edu 00:02\.0 again, '
        r"after cell 'dma': ok",
        r'smmu-dma: root canary at 0x41000000 unchanged: ok',
        r'smmu-dma: 18 checks, 0 failed',
    ], [r'FAIL', r'FATAL', r"cell 'root' address"]),
    # control: the SMMU left out of the system image (QEMU's stays off):
    # the same attacks succeed, and the checks the other tests rely on
    # see it
    'control': ('smmu-control.yaml', 'root', 'control', 0, [
        r"jh: warning: cell 'dma': stream IDs ignored: the system has no "
        r'SMMUv3',
        # guest-physical addresses mean nothing to the device without
        # translation: it reads and writes physical ones
        r'smmu-dma: own memory: RAM -> device -> RAM at guest-physical '
        r'addresses: FAIL',
        r'smmu-dma: 2 checks, 1 failed',
        r'smmu-dma: unowned device 00:03\.0: its DMA into root memory did '
        r'not arrive: FAIL',
        r'smmu-dma: device 01:00\.0, stream beyond the table: its DMA into '
        r'root memory did not arrive: FAIL',
        r'smmu-dma: root canary at 0x41000000 unchanged: FAIL',
        r'smmu-dma: 6 checks, 3 failed',
    ], [r'smmu: ', r'FATAL']),
    # a cell mapping the SMMU's registers is refused at boot
    'bad-mmio': ('smmu-bad-mmio.yaml', 'root', 'own', 2, [
        r"jh: boot error: cell 'dma': memory region 1 maps the registers "
        r'of IOMMU unit 0 \(0x9050000\)',
        r'jh: boot failed, stopping',
    ], [r'starting cell']),
    # a stream ID beyond the stream table is refused at boot
    'bad-sid': ('smmu-bad-sid.yaml', 'root', 'own', 2, [
        r"jh: boot error: cell 'dma': stream ID 0x1000 beyond the 4096 the "
        r'stream table holds',
        r'jh: boot failed, stopping',
    ], [r'starting cell']),
    # the system image lists an SMMU the machine lacks (QEMU without
    # iommu=smmuv3): the probe's load aborts, the hypervisor catches it
    # and refuses the image naming the unit (no panic)
    'absent': ('smmu-gicv%s.yaml', 'root', 'own', 2, [
        r'jh: boot error: IOMMU unit 0: no SMMUv3 at 0x9050000: its '
        r'registers do not answer \(external abort\) \(does the machine '
        r'have it\?\)',
        r'jh: boot failed, stopping',
    ], [r'starting cell', r'PANIC', r'smmu: unit']),
    # the SMMU listed over empty flash: its registers read as zero
    'absent-zero': ('smmu-zero.yaml', 'root', 'own', 2, [
        r'jh: boot error: IOMMU unit 0: no SMMUv3 at 0x4000000: its ID '
        r'registers read as zero \(does the machine have it\?\)',
        r'jh: boot failed, stopping',
    ], [r'starting cell', r'PANIC', r'smmu: unit']),
}
# scenarios run on a machine without the SMMU
NO_SMMU = ('absent', 'absent-zero')

QEMU_ARGS = ['-M', 'iommu=smmuv3,highmem=off',
             '-device', 'edu,addr=2,dma_mask=0xffffffffff',
             '-device', 'edu,addr=3,dma_mask=0xffffffffff',
             '-device', 'pcie-root-port,id=rp0,bus=pcie.0,chassis=1,addr=4',
             '-device', 'edu,bus=rp0,addr=0,dma_mask=0xffffffffff']


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('scenario', choices=sorted(SCENARIOS))
    ap.add_argument('--gic', choices=['2', '3'], default='3')
    ap.add_argument('--jh-compile', required=True)
    ap.add_argument('--boot-qemu', required=True)
    ap.add_argument('--hv', required=True)
    ap.add_argument('--bins', required=True, help='dir of smmu-dma-*.bin')
    ap.add_argument('--config-dir', required=True)
    ap.add_argument('--timeout', type=int, default=90)
    ap.add_argument('--show', action='store_true',
                    help='print the console even when the test passes')
    args = ap.parse_args()
    config, root, cell, want_rc, expect, forbid = SCENARIOS[args.scenario]

    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([args.jh_compile,
                            os.path.join(args.config_dir,
                                         config.replace('%s', args.gic)),
                            '-o', out], capture_output=True, text=True)
        if r.returncode:
            print('FAIL: jh-compile:\n' + r.stdout + r.stderr)
            return 1
        cells = ['--root', os.path.join(args.bins,
                                        'smmu-dma-%s.bin' % root)]
        image = os.path.join(out, 'dma.cell')
        qemu_args = list(QEMU_ARGS)
        if args.scenario in NO_SMMU:
            qemu_args[1] = 'highmem=off'
        if root in ('manager', 'reassign'):
            # created at run time from root memory (smmu-dma.c)
            qemu_args += [
                '-device', 'loader,file=%s,addr=0x42000000,force-raw=on'
                % image,
                '-device', 'loader,file=%s,addr=0x43000000,force-raw=on'
                % os.path.join(args.bins, 'smmu-dma-attack.bin')]
        else:
            if cell:
                image += ':' + os.path.join(args.bins,
                                            'smmu-dma-%s.bin' % cell)
            cells += ['--cell', image]
        cmd = [args.boot_qemu, '--gic', args.gic, '--smp', '4',
               '--timeout', str(args.timeout), '--hv', args.hv,
               '--system', os.path.join(out, 'system.cell')] + cells
        cmd += ['--qemu-arg=' + a for a in qemu_args]
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=args.timeout + 30)
    log = r.stdout + r.stderr
    problems = []
    if r.returncode != want_rc:
        problems.append('exit status %d, expected %d' %
                        (r.returncode, want_rc))
    pos = 0
    for pat in expect:
        # lifecycle: in order; the others: anywhere
        ordered = root in ('manager', 'reassign')
        m = re.compile(pat).search(log, pos if ordered else 0)
        if not m:
            problems.append('console lacks: ' + pat +
                            (' (in this order)' if ordered else ''))
        elif ordered:
            pos = m.end()
    for pat in forbid:
        if re.search(pat, log):
            problems.append('console has: ' + pat)
    if args.scenario in ('lifecycle', 'reassign'):
        # every page the DMA tables took went back to the pool
        boot = re.search(r'page pool (\d+)/\d+ pages used', log)
        gone = re.findall(r"jh: cell 'dma' destroyed, page pool (\d+)/",
                          log)
        if not boot or len(gone) != 2 or set(gone) != {boot.group(1)}:
            problems.append('page pool after destroy %s, at boot %s' %
                            (gone, boot and boot.group(1)))
    if args.scenario == 'quiesce':
        n = len(re.findall(FAULT, log))
        if n != 8:
            problems.append('%d faults of cell dma reported, expected 8 '
                            '(none after quiescing)' % n)
    if problems:
        print('FAIL: ' + '\n      '.join(problems))
        print('--- console ---\n' + log)
        return 1
    if args.show:
        print(log)
    print('PASS: smmu-%s on GICv%s' % (args.scenario, args.gic))
    return 0


if __name__ == '__main__':
    sys.exit(main())
