#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Where the hypervisor spends its instructions, exit by exit.

usage: profile-el2.py --build DIR [--gic 2|3] [--top N]

Runs the cell of run-perf.py once more with QEMU's execution log
(-d in_asm,exec,nochain: every translated block once with its
instructions, then one line per execution), streamed through a pipe. An
exit is the stretch a CPU spends at hypervisor addresses between two
stretches in the cell; each block executed there is charged, by its
length in instructions, to the hypervisor function it lies in (hv.elf
symbols). Exits are grouped by the handlers they went through (their
"kind", e.g. arch_handle_sync > hypercall > hc_get_info); for each kind
the number of exits, the instructions per exit and the functions that
take them, most first. A development tool for finding the hot spots
(doc/performance.md); it is not a test.
"""
import argparse
import bisect
import collections
import os
import re
import subprocess
import sys
import tempfile
import threading

import elfinfo

HERE = os.path.dirname(os.path.abspath(__file__))
TOP = os.path.normpath(os.path.join(HERE, '..', '..', '..'))
sys.path.insert(0, HERE)
import importlib  # noqa: E402

perf = importlib.import_module('run-perf')

# Functions that say nothing about the kind of an exit.
PLUMBING = {'hv_vectors', 'restore_and_return', 'arch_handle_sync',
            'arch_handle_irq', 'this_cpu', 'spin_lock', 'spin_unlock',
            'memcpy', 'memset'}

TRACE = re.compile(r'^Trace (\d+): 0x[0-9a-f]+ \[[0-9a-f]+/([0-9a-f]+)/')
INSN = re.compile(r'^0x([0-9a-f]+):  [0-9a-f]{8} ')


class Symbols:
    def __init__(self, path, want=None):
        syms = sorted((v, n) for n, v in elfinfo.functions(path)
                      if want is None or n in want)
        self.addrs = [v for v, _ in syms]
        self.names = [n for _, n in syms]

    def lookup(self, pc):
        i = bisect.bisect_right(self.addrs, pc) - 1
        return self.names[i] if i >= 0 else '?'


class Exit:
    def __init__(self):
        self.insn = 0
        self.funcs = collections.Counter()
        self.path = []

    def add(self, fn, n):
        self.insn += n
        self.funcs[fn] += n
        if fn not in PLUMBING and fn not in self.path and \
                len(self.path) < 4:
            self.path.append(fn)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--build', required=True)
    ap.add_argument('--gic', default='3', choices=['2', '3'])
    ap.add_argument('--top', type=int, default=8)
    ap.add_argument('--kinds', type=int, default=12)
    args = ap.parse_args()
    hv = Symbols(os.path.join(args.build, 'hv', 'hv.elf'))
    hv_lo, hv_hi = 0x7fc00000, 0x80000000
    kinds = {}

    with tempfile.TemporaryDirectory() as tmp:
        fifo = os.path.join(tmp, 'log')
        os.mkfifo(fifo)
        tb_len = {}
        current = {}
        state = {'pending': None, 'booted': set(), 'last': None}

        def finish(cpu):
            e = current.pop(cpu, None)
            if not e or not e.insn:
                return
            k = ' > '.join(e.path) or '(plumbing only)'
            agg = kinds.setdefault(k, [0, 0, collections.Counter()])
            agg[0] += 1
            agg[1] += e.insn
            agg[2].update(e.funcs)

        def reader():
            with open(fifo, errors='replace') as f:
                for line in f:
                    if line.startswith('IN:'):
                        state['pending'] = None
                        continue
                    m = INSN.match(line)
                    if m:
                        if state['pending'] is None:
                            state['pending'] = int(m.group(1), 16)
                            tb_len[state['pending']] = 1
                        else:
                            tb_len[state['pending']] += 1
                        continue
                    state['pending'] = None
                    if line.startswith('Stopped execution of TB chain') \
                            and state['last']:
                        # the block logged last did not run after all
                        e, fn, n = state['last']
                        e.add(fn, -n)
                        state['last'] = None
                        continue
                    state['last'] = None
                    m = TRACE.match(line)
                    if not m:
                        continue
                    cpu, pc = int(m.group(1)), int(m.group(2), 16)
                    if hv_lo <= pc < hv_hi:
                        # only exits from a cell, not the boot itself
                        if cpu in state['booted']:
                            e = current.setdefault(cpu, Exit())
                            fn, n = hv.lookup(pc), tb_len.get(pc, 1)
                            e.add(fn, n)
                            state['last'] = (e, fn, n)
                    else:
                        state['booted'].add(cpu)
                        finish(cpu)
        t = threading.Thread(target=reader)
        t.start()
        a = argparse.Namespace(gic=args.gic, build=args.build, timeout=120,
                               jh_compile=os.path.join(
                                   args.build, 'compiler', 'tools',
                                   'jh-compile', 'jh-compile'),
                               qemu_args=['-d', 'in_asm,exec,nochain',
                                          '-D', fifo])
        try:
            perf.run_cell(a)
        finally:
            t.join()
    order = sorted(kinds.items(), key=lambda kv: -kv[1][1])
    for k, (n, insn, funcs) in order[:args.kinds]:
        print('%s: %d exits, %.1f EL2 instructions each'
              % (k, n, insn / n))
        for fn, c in funcs.most_common(args.top):
            print('  %8.1f  %s' % (c / n, fn))
    return 0


if __name__ == '__main__':
    sys.exit(main())
