#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot an ivshmem scenario under the hypervisor in QEMU and check it.

The scenario's YAML is compiled with jh-compile, the cells get the
inmates the scenario names (ROOT_INMATES: the root cell runs one too),
scripts/boot-qemu runs it (-icount), and the console and exit status are
checked. `bench` prints the figures for
`meson test --benchmark`.
"""
import argparse
import os
import re
import subprocess
import sys
import tempfile

# scenario -> (cell1 inmate, cell2 inmate, exit status, expected lines,
#              forbidden lines)
SCENARIOS = {
    # messages both ways, round trips counted, a peer going down is seen
    'demo': ('ivshmem-demo', 'ivshmem-demo', 0, [
        r'ivshmem-demo: peer 0 of 2, device 00:01\.0, INTID 141',
        r'ivshmem-demo: peer 1 of 2, device 00:01\.0, INTID 145',
        r'ivshmem-demo: peer 0: peer 1 is up',
        r'ivshmem-demo: peer 1: peer 0 is up',
        r'ivshmem-demo: peer 0: 100 round trips, \d+ ticks each, '
        r'1\d\d interrupts',
        r'ivshmem-demo: peer 1: answered 100 pings, 1\d\d interrupts',
        r'ivshmem-demo: peer 0: peer 1 went down \(state 0\)',
        r"jh: cell 'cell1' shut down",
        r"jh: cell 'cell2' shut down",
    ], [r'FATAL', r'FAIL', r'no answer']),
    # configuration space, registers, state table, INTx (peer 1 absent)
    'probe': ('ivshmem-probe', None, 0, [
        r'ivshmem-probe: 40 checks, 0 failed',
        r"jh: cell 'cell2' has no inmate",
    ], [r'FATAL', r'FAIL']),
    # a write into the other peer's output section stops the writer
    'attack': ('ivshmem-demo', 'ivshmem-attack', 1, [
        r"ivshmem-attack: peer 1: writing into peer 0's output section",
        r"jh: FATAL: cell 'cell2' CPU 2: illegal write at 0x70002100, "
        r"syndrome 0x[0-9a-f]+: cell stopped",
        r"jh: cell 'cell2' failed",
        r'ivshmem-demo: peer 0: peer 1 went down \(state 0\)',
        r"jh: cell 'cell1' shut down",
    ], [r'write was not stopped']),
    # peer 1 resets its cell: device back at power-on state, state 0 seen
    'reset': ('ivshmem-reset', 'ivshmem-reset', 0, [
        r'ivshmem-reset: peer 1: resetting my cell',
        r"jh: cell 'cell2' reset by CPU 2[\s\S]*ivshmem-reset: command 0x0, "
        r'BAR0 0x0 at start[\s\S]*ivshmem-reset: peer 1: back after the '
        r'reset',
        r'ivshmem-reset: peer 0: peer 1 is back \(state 2\), went down '
        r'\(state 0\) on the way',
        r'ivshmem-reset: peer 0: 100 round trips',
        r'ivshmem-reset: peer 1: answered 100 pings',
        r'ivshmem-reset: peer 0: peer 1 went down \(state 0\)',
    ], [r'FATAL', r'FAIL', r'did not come back', r'returned']),
    # cell1's console carried to cell2 and input sent back
    'vconsole': ('vconsole-source', 'vconsole-sink', 0, [
        r'vconsole-source: connected as peer 0, ring 8192 bytes',
        r'\[vcon\] vconsole-source: line 1 of 20 on the carried console',
        r'\[vcon\] vconsole-source: line 20 of 20 on the carried console',
        r'\[vcon\] vconsole-source: done, type quit',
        r"vconsole-source: got 'quit' from the sink, 0 bytes dropped",
        r'\[vcon\] vconsole-source: bye',
        r'vconsole-sink: peer went down, 22 lines carried',
    ], [r'FATAL', r'no input', r'nothing from']),
    # cell1's console, printf and all, carried to the root cell, which
    # prints it; the root cell's 'quit' goes back as input
    'vconsole-root': ('vconsole-source-printf', None, 0, [
        r'jh-rt: in a cell, entered at EL1, linked at 0x40000000, '
        r'console: hypervisor debug console',
        r'vconsole-sink: peer 0 of 2, device 00:01\.0, INTID 133',
        r'vconsole-source: connected as peer 1, ring 8192 bytes',
        r'\[vcon\] vconsole-source: line 1 of 20 on the carried console',
        r'\[vcon\] vconsole-source: line 20 of 20 on the carried console',
        r'\[vcon\] vconsole-source: done, type quit',
        r"\[vcon\] vconsole-source: got 'quit' from the sink, 0 bytes "
        r'dropped',
        r'\[vcon\] vconsole-source: bye',
        r'\[vcon\] jh-rt: exit 0',
        r'vconsole-sink: peer went down, 24 lines carried',
        r"jh: cell 'cell1' shut down",
        r"jh: cell 'root' shut down",
    ], [r'FATAL', r'no input', r'nothing from',
        # the carried lines reach the console only through the root
        r'(?m)^vconsole-source: line', r"(?m)^vconsole-source: got"]),
    # peer 0 drives registers and shared memory from EL0 (UIO-style) and
    # waits there for an interrupt event; peer 1 sees the state change
    # and the doorbell
    'uio': ('ivshmem-uio', 'ivshmem-uio', 0, [
        r'ivshmem-uio: peer 0: EL0 read of the register page before '
        r'mapping: fault \(ESR 0x920000(0c|0d|0e|0f)',
        r'ivshmem-uio: peer 0: EL0 read of the configuration space: fault',
        r'ivshmem-uio: peer 0: at EL0: ID 0, max peers 2, state 0 -> 0x5a, '
        r'state table \[0x5a, 0x1\], peer word 0x1111beef',
        r'ivshmem-uio: peer 1: peer 0 set state 0x5a from EL0, '
        r'interrupt 1, word 0xe10e10',
        r'ivshmem-uio: peer 1: doorbell rung from EL0: interrupt 2, state '
        r'still 0x5a',
        r'ivshmem-uio: peer 0: at EL0: event [2-9] \(peer 1 state 2\), '
        r'[1-9] interrupt\(s\) taken at EL0',
        r'ivshmem-uio: peer 0: 19 checks at EL0, 0 failed',
        r'ivshmem-uio: peer 1: peer 0 went down \(state 0\)',
        r"jh: cell 'cell1' shut down",
        r"jh: cell 'cell2' shut down",
    ], [r'FATAL', r'FAIL', r'UNEXPECTED', r'never', r'cannot',
        r'ivshmem-uio: no ', r'ivshmem-uio: peer 1: no ']),
    # MSI-X (msix-gicv*.yaml): doorbells and a state change arrive
    # through the table of BAR1, never through INTx; masked vectors and
    # bad messages (another cell's SPI, a PPI, a wrong address) are
    # dropped, with one warning per device
    'msix': ('ivshmem-msix', 'ivshmem-msix', 0, [
        r'ivshmem-msix: peer 0: 24 checks, 0 failed',
        r'ivshmem-msix: peer 1: 24 checks, 0 failed',
        r"jh: warning: cell 'cell1': ivshmem 00:01\.0: MSI-X message "
        r'with an address other than the doorbell or data not an SPI of '
        r'the cell: dropped',
        r"jh: warning: cell 'cell2': ivshmem 00:01\.0: MSI-X message",
        r"ivshmem-msix: peer 0: peer 1's state change arrived on vector 0 "
        r'\(INTID 142\)',
        r"ivshmem-msix: peer 1: peer 0's doorbell arrived on vector 1 "
        r'\(INTID 147\)',
        r'ivshmem-msix: peer 0: peer 1 saw vector 1, 0 INTx interrupts',
        r"jh: cell 'cell1' shut down",
        r"jh: cell 'cell2' shut down",
    ], [r'FATAL', r'FAIL',
        r"cell 'cell1': ivshmem 00:01\.0: MSI-X[\s\S]*cell 'cell1': "
        r'ivshmem 00:01\.0: MSI-X']),
    # a writable state table is refused at boot
    'bad-layout': ('ivshmem-demo', None, 2, [
        r"jh: boot error: cell 'cell1': ivshmem 00:01\.0: the state table "
        r'is writable',
        r'jh: boot failed, stopping',
    ], [r'starting cell']),
    'bench': ('ivshmem-bench', 'ivshmem-bench', 0, [
        r'ivshmem-bench: 2000 messages of 256 bytes in \d+ ticks',
        r'ivshmem-bench: \d+ messages/s, \d+ bytes/s',
        r'ivshmem-bench: peer 1: received 2000 messages',
    ], [r'FATAL']),
}


# scenario -> the root cell's inmate (the others leave the root idle)
ROOT_INMATES = {
    'vconsole-root': 'vconsole-sink-root',
}


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('scenario', choices=sorted(SCENARIOS))
    ap.add_argument('--gic', choices=['2', '3'], default='3')
    ap.add_argument('--config', required=True, help='scenario YAML')
    ap.add_argument('--jh-compile', required=True)
    ap.add_argument('--boot-qemu', required=True)
    ap.add_argument('--hv', required=True)
    ap.add_argument('--inmates', required=True, help='dir of the .bin')
    ap.add_argument('--timeout', type=int, default=60)
    args = ap.parse_args()
    inmate1, inmate2, want_rc, expect, forbid = SCENARIOS[args.scenario]

    with tempfile.TemporaryDirectory() as out:
        r = subprocess.run([args.jh_compile, args.config, '-o', out],
                           capture_output=True, text=True)
        if r.returncode:
            print('FAIL: jh-compile:\n' + r.stdout + r.stderr)
            return 1
        cells = []
        root = ROOT_INMATES.get(args.scenario)
        if root:
            cells += ['--root', os.path.join(args.inmates, root + '.bin')]
        for n, inmate in ((1, inmate1), (2, inmate2)):
            cell = os.path.join(out, 'cell%d.cell' % n)
            if not inmate and not os.path.exists(cell):
                continue        # a scenario with one non-root cell
            if inmate:
                cell += ':' + os.path.join(args.inmates, inmate + '.bin')
            cells += ['--cell', cell]
        cmd = [args.boot_qemu, '--gic', args.gic, '--icount', '--smp',
               '4', '--timeout', str(args.timeout), '--hv', args.hv,
               '--system', os.path.join(out, 'system.cell')] + cells
        r = subprocess.run(cmd, capture_output=True, text=True,
                           timeout=args.timeout + 30)
    log = r.stdout + r.stderr
    problems = []
    if r.returncode != want_rc:
        problems.append('exit status %d, expected %d' %
                        (r.returncode, want_rc))
    for pat in expect:
        if not re.search(pat, log):
            problems.append('console lacks: ' + pat)
    for pat in forbid:
        if re.search(pat, log):
            problems.append('console has: ' + pat)
    if problems:
        print('FAIL: ' + '\n      '.join(problems))
        print('--- console ---\n' + log)
        return 1
    if args.scenario == 'bench':
        for line in log.splitlines():
            if line.startswith('ivshmem-bench:'):
                print(line)
        print('(QEMU -icount shift=0: figures are per second of virtual '
              'time, one instruction = 1 ns)')
    print('PASS: ivshmem-%s on GICv%s' % (args.scenario, args.gic))
    return 0


if __name__ == '__main__':
    sys.exit(main())
