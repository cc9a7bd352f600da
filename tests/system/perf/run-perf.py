#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Hypervisor performance: run inmates/bench in a cell and on bare QEMU.

usage: run-perf.py bench|guard|budgets --gic 2|3 --build DIR [--json FILE]
                   [--budgets FILE] [--timeout S]

bench  runs the benchmark inmate on bare QEMU at EL1 (no EL2 at all:
       the machine has no virtualization extension) and in the cell
       'bench' of bench-gicvN.yaml under the hypervisor, both under
       -icount shift=0,sleep=off; prints every path with its bare-metal
       baseline and the ratio, the hypervisor's size and lines of code,
       and writes the same as JSON (--json).
guard  runs only the cell and checks each path's median against
       budgets.json: a path over its budget fails, naming the path, its
       count and its budget (doc/performance.md).
budgets
       measures the cell on both GICs and rewrites budgets.json
       (measured median + margin()).

Exit status 0 when every run worked (and, for guard, every budget held).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

import elfinfo
import loc

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..', '..'))

# Every path the inmate reports, in table order, with what its figures
# mean. 'cross': measured between CPUs, ticks only.
PATHS = [
    ('hypercall', 'hvc round trip: jh get-info (bare: PSCI_VERSION '
     'answered by QEMU)'),
    ('psci-version', 'PSCI_VERSION through the conduit (cell: trapped '
     'smc; bare: hvc to QEMU)'),
    ('gicd-read', 'GICD_TYPER read (cell: trapped, emulated)'),
    ('gicd-write', 'GICD_IPRIORITYR word write (cell: read-modify-write '
     'under a lock)'),
    ('vpci-config-read', 'PCI config space read (cell: virtual PCI; bare: '
     "QEMU's ECAM)"),
    ('ivshmem-reg-read', 'ivshmem register read (cell: emulated; bare: '
     "QEMU's ECAM)"),
    ('timer-latency', 'virtual timer: deadline to the first handler '
     'instruction'),
    ('ipi-latency', 'SGI to another CPU of the cell: send to the first '
     'handler instruction'),
    ('ipi-roundtrip', 'SGI there and back, instructions of both CPUs'),
    ('cpu-on-latency', 'PSCI CPU_ON to the first instruction on the new '
     'CPU'),
    ('cell-start', "cell restart (its SYSTEM_RESET) to the cell's first "
     'instruction'),
    ('cell-start-root', "the root cell's cell-start hypercall to the "
     "cell's first instruction"),
]
PATH_NAMES = [p for p, _ in PATHS]

LINE = re.compile(r'^bench: ([a-z-]+): (\d+) samples, insn (-|\d+) (-|\d+) '
                  r'(-|\d+), ticks (-|\d+) (-|\d+) (-|\d+)$')
NA = re.compile(r'^bench: ([a-z-]+): n/a \((.*)\)$')


class Failure(Exception):
    pass


def run(cmd, timeout):
    try:
        r = subprocess.run(cmd, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout + 10)
    except subprocess.TimeoutExpired:
        raise Failure('%s: no end after %d s' % (cmd[0], timeout + 10))
    return r.returncode, r.stdout.decode('utf-8', 'replace').replace('\r', '')


def parse(out, where):
    """Figures of one run: {path: {'samples', 'insn', 'ticks'}}; insn and
    ticks are [min, median, max] or None; n/a paths have 'na'."""
    figures = {}
    for line in out.splitlines():
        line = line.rstrip('\r')
        m = LINE.match(line)
        if m:
            v = [None if x == '-' else int(x) for x in m.groups()[2:]]
            figures[m.group(1)] = {
                'samples': int(m.group(2)),
                'insn': v[0:3] if v[0] is not None else None,
                'ticks': v[3:6] if v[3] is not None else None}
            continue
        m = NA.match(line)
        if m:
            figures[m.group(1)] = {'na': m.group(2)}
    if 'FAIL' in out or not re.search(r'(?m)^bench: done, \d+ paths', out):
        raise Failure('%s: the benchmark did not complete:\n%s'
                      % (where, out))
    root_starts(out, figures)
    missing = [p for p in PATH_NAMES if p not in figures]
    if missing:
        raise Failure('%s: no figure for %s:\n%s'
                      % (where, ', '.join(missing), out))
    return figures


def root_starts(out, figures):
    """cell-start-root: the root's call (bench-root) and the cell's first
    instruction, paired in the order they were printed; ticks of the
    global counter. Absent from runs without a root inmate."""
    calls = [int(t) for t in re.findall(
        r'(?m)^bench: root: cell start called at tick (\d+)$', out)]
    entries = [int(t) for t in re.findall(
        r'(?m)^bench: started by the root: first instruction at tick '
        r'(\d+)$', out)]
    if 'cell-start-root' in figures or not (calls or entries):
        return
    if not re.search(r'(?m)^bench: root: done, %d starts$' % len(calls),
                     out) or len(calls) != len(entries):
        raise Failure('%d cell starts by the root, %d first instructions '
                      'seen:\n%s' % (len(calls), len(entries), out))
    ticks = sorted(e - c for c, e in zip(calls, entries))
    figures['cell-start-root'] = {
        'samples': len(ticks), 'insn': None,
        'ticks': [ticks[0], ticks[len(ticks) // 2], ticks[-1]]}


def run_bare(args):
    """Bare QEMU without virtualization=on: entered at EL1, no EL2."""
    kernel = os.path.join(args.build, 'inmates', 'bench-bare.elf')
    cmd = ['timeout', str(args.timeout), args.qemu, '-M',
           'virt,gic-version=%s' % args.gic, '-cpu', 'cortex-a57',
           '-smp', '2', '-m', '256M', '-nographic', '-monitor', 'none',
           '-serial', 'stdio', '-icount', 'shift=0,sleep=off',
           '-semihosting', '-kernel', kernel]
    rc, out = run(cmd, args.timeout)
    where = 'bare GICv%s' % args.gic
    out += '\nbench: cell-start-root: n/a (no hypervisor)\n'
    if rc != 0:
        raise Failure('%s: QEMU exit status %d:\n%s' % (where, rc, out))
    if not re.search(r'(?m)^jh-rt: standalone, entered at EL1, .* via hvc, '
                     r'GICv%s' % args.gic, out):
        raise Failure('%s: not entered at EL1 standalone:\n%s'
                      % (where, out))
    return parse(out, where)


def run_cell(args):
    """The cell 'bench' under the hypervisor, booted with boot-qemu."""
    elf = os.path.join(args.build, 'inmates', 'bench.elf')
    entry = elfinfo.symbol(elf, 'bench_cell_entry')
    config = os.path.join(HERE, 'bench-gicv%s.yaml' % args.gic)
    with open(config) as f:
        text = f.read()
    text = re.sub(r'reset-address: 0  # bench_cell_entry.*',
                  'reset-address: 0x%x' % entry, text)
    text = text.replace('board: ../../../boards/',
                        'board: %s/boards/' % TOP)
    with tempfile.TemporaryDirectory() as tmp:
        yml = os.path.join(tmp, 'bench.yaml')
        with open(yml, 'w') as f:
            f.write(text)
        rc, out = run([args.jh_compile, yml, '-o', tmp], 30)
        if rc:
            raise Failure('jh-compile %s: status %d\n%s' % (config, rc, out))
        binary = os.path.join(args.build, 'inmates', 'bench.bin')
        root = os.path.join(args.build, 'inmates', 'bench-root.bin')
        cmd = [os.path.join(TOP, 'scripts', 'boot-qemu'), '--gic', args.gic,
               '--icount', '--smp', '4', '--timeout', str(args.timeout),
               '--hv', os.path.join(args.build, 'hv', 'hv.elf'),
               '--system', os.path.join(tmp, 'system.cell'),
               '--root', root,
               '--cell', os.path.join(tmp, 'bench.cell') + ':' + binary
               + '@0',
               '--cell', os.path.join(tmp, 'peer.cell')]
        cmd += ['--qemu-arg=' + a for a in getattr(args, 'qemu_args', [])]
        rc, out = run(cmd, args.timeout)
    where = 'cell GICv%s' % args.gic
    if rc != 0:
        raise Failure('%s: boot-qemu exit status %d:\n%s' % (where, rc, out))
    if not re.search(r"(?m)^jh: starting cell 'bench' on CPU 1 at 0x%x$"
                     % entry, out):
        raise Failure('%s: the cell did not start at bench_cell_entry:\n%s'
                      % (where, out))
    return parse(out, where)


def median(fig, kind):
    if not fig or 'na' in fig or not fig.get(kind):
        return None
    return fig[kind][1]


def ratio(cell, bare):
    if cell is None or bare is None:
        return '-'
    if bare == 0:
        return '-'          # below the counter's resolution on bare
    return '%.1f' % (cell / bare)


def fmt(v):
    return '-' if v is None else str(v)


def print_table(gic, bare, cell):
    print('GICv%s, medians (min/max and sample counts in the JSON); '
          'insn = instructions retired at EL0-EL2, ticks = CNTVCT '
          '(62.5 MHz, 16 instructions each under -icount shift=0)' % gic)
    head = ('path', 'bare insn', 'cell insn', 'added', 'x', 'bare ticks',
            'cell ticks', 'x')
    rows = []
    for p in PATH_NAMES:
        bi, ci = median(bare[p], 'insn'), median(cell[p], 'insn')
        bt, ct = median(bare[p], 'ticks'), median(cell[p], 'ticks')
        added = '-' if bi is None or ci is None else str(ci - bi)
        if 'na' in bare[p]:
            bi = bt = None
        rows.append((p, fmt(bi), fmt(ci), added, ratio(ci, bi), fmt(bt),
                     fmt(ct), ratio(ct, bt)))
    widths = [max(len(r[i]) for r in rows + [head]) for i in range(len(head))]
    for r in [head] + rows:
        print('  ' + '  '.join(c.ljust(widths[0]) if i == 0 else
                               c.rjust(widths[i]) for i, c in enumerate(r)))
    for p in PATH_NAMES:
        if 'na' in bare[p]:
            print('  %s: bare metal n/a (%s)' % (p, bare[p]['na']))


def source_dir(build):
    """The source tree BUILD was configured from (meson-info)."""
    try:
        with open(os.path.join(build, 'meson-info', 'meson-info.json')) as f:
            return json.load(f)['directories']['source']
    except (OSError, ValueError, KeyError):
        return TOP


def size_report(build):
    hv = os.path.join(build, 'hv', 'hv.elf')
    size = elfinfo.size(hv)
    lines = loc.count_tree(os.path.join(source_dir(build), 'hv'))
    print('hypervisor image (%s): text %d, data %d, bss %d bytes '
          '(text = executable and read-only sections, data = '
          'writable, bss = zero-filled)' % (os.path.relpath(hv, build),
                                            size['text'], size['data'],
                                            size['bss']))
    print('hypervisor lines of code (%s): core %d (hv/core + '
          'hv/include), arch %d (hv/arch), drivers %d, total %d'
          % (loc.METHOD, lines['core'], lines['arch'], lines['drivers'],
             lines['total']))
    return {'image': size, 'lines_of_code': lines,
            'lines_of_code_method': loc.METHOD}


def bench(args):
    results = {'icount': 'shift=0,sleep=off', 'paths': dict(PATHS),
               'gic': {}}
    status = 0
    for gic in args.gic.split(','):
        a = argparse.Namespace(**vars(args))
        a.gic = gic
        try:
            bare = run_bare(a)
            cell = run_cell(a)
        except Failure as e:
            print('FAIL: %s' % e)
            status = 1
            continue
        print_table(gic, bare, cell)
        print()
        results['gic']['v' + gic] = {'bare': bare, 'cell': cell}
    results['hypervisor'] = size_report(args.build)
    if args.json:
        with open(args.json, 'w') as f:
            json.dump(results, f, indent=1, sort_keys=True)
            f.write('\n')
        print('JSON: %s' % args.json)
    return status


def guard(args):
    with open(args.budgets) as f:
        budgets = json.load(f)
    key = 'v' + args.gic
    if key not in budgets.get('budgets', {}):
        print('FAIL: %s has no budgets for GICv%s' % (args.budgets, args.gic))
        return 1
    try:
        cell = run_cell(args)
    except Failure as e:
        print('FAIL: %s' % e)
        return 1
    problems = []
    for path, b in sorted(budgets['budgets'][key].items()):
        kind = b['unit']
        got = median(cell.get(path), kind)
        if got is None:
            problems.append('%s: no %s figure measured' % (path, kind))
            continue
        verdict = 'ok' if got <= b['budget'] else 'OVER BUDGET'
        print('GICv%s %-16s %6d %-5s (measured at %d, budget %d): %s'
              % (args.gic, path, got, kind, b['measured'], b['budget'],
                 verdict))
        if got > b['budget']:
            problems.append('%s: %d %s, budget %d (measured %d when set)'
                            % (path, got, kind, b['budget'], b['measured']))
    if problems:
        print('FAIL: GICv%s exit-path budgets exceeded:\n  %s'
              % (args.gic, '\n  '.join(problems)))
        return 1
    print('PASS: GICv%s, %d paths within budget'
          % (args.gic, len(budgets['budgets'][key])))
    return 0


# Budget = measured median + this margin (doc/performance.md): 5 %, at
# least 16 instructions (one tick) or 2 ticks. Counts are deterministic
# under -icount; the margin only absorbs small unrelated changes.
def margin(value, unit):
    return max(value * 5 // 100, 16 if unit == 'insn' else 2)


def write_budgets(args):
    """Measure the cell on both GICs and write budgets.json."""
    out = {'$comment': 'SPDX-License-Identifier: GPL-2.0-only. '
           'Exit-path budgets of the hypervisor, checked by the '
           'system tests hv-perf-budget-gic3/2 (tests/system/perf/'
           'run-perf.py guard). Median of each path in the cell under '
           '-icount shift=0; budget = measured + max(5 %, 16 instructions '
           'or 2 ticks). Regenerate with run-perf.py budgets after a '
           'deliberate change, and say why in the commit.',
           'budgets': {}}
    for gic in ('3', '2'):
        a = argparse.Namespace(**vars(args))
        a.gic = gic
        try:
            cell = run_cell(a)
        except Failure as e:
            print('FAIL: %s' % e)
            return 1
        b = {}
        for path in PATH_NAMES:
            unit = 'insn' if median(cell[path], 'insn') is not None \
                else 'ticks'
            got = median(cell[path], unit)
            b[path] = {'unit': unit, 'measured': got,
                       'budget': got + margin(got, unit)}
        out['budgets']['v' + gic] = b
    with open(args.budgets, 'w') as f:
        json.dump(out, f, indent=1, sort_keys=True)
        f.write('\n')
    print('wrote %s' % args.budgets)
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('mode', choices=['bench', 'guard', 'budgets'])
    ap.add_argument('--gic', default='3,2',
                    help='2, 3 or both (bench: comma-separated)')
    ap.add_argument('--build', required=True, help='the build directory')
    ap.add_argument('--qemu', default='qemu-system-aarch64')
    ap.add_argument('--jh-compile')
    ap.add_argument('--json', help='bench: write the figures here')
    ap.add_argument('--budgets', default=os.path.join(HERE, 'budgets.json'))
    ap.add_argument('--timeout', type=int, default=60)
    args = ap.parse_args()
    if not args.jh_compile:
        args.jh_compile = os.path.join(args.build, 'compiler', 'tools',
                                       'jh-compile', 'jh-compile')
    if args.mode == 'guard':
        if args.gic not in ('2', '3'):
            ap.error('guard: --gic 2 or 3')
        return guard(args)
    if args.mode == 'budgets':
        return write_budgets(args)
    return bench(args)


if __name__ == '__main__':
    sys.exit(main())
