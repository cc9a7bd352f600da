#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot one inmate standalone on bare QEMU virt and check what it prints.

usage: run-inmate.py --qemu QEMU --kernel X-bare.elf --expect KIND
                     [--gic 2|3] [--smp N] [--virtualization]
                     [--timeout S] [--samples N]

KIND says what a correct run looks like (see check_* below). Exits 0 when
the run matches, 1 with the reasons (and the console output) when not.
"""
import argparse
import re
import subprocess
import sys


class Run:
    def __init__(self, args, lines, status):
        self.args = args
        self.lines = lines
        self.status = status
        self.errors = []

    def fail(self, msg):
        self.errors.append(msg)

    def grep(self, pattern):
        rx = re.compile(pattern)
        return [m for m in (rx.search(l) for l in self.lines) if m]

    def expect_one(self, pattern, what):
        """Exactly one such line per run of the inmate (cell-sim may
        restart it); returns the first."""
        runs = 1 + self.args.sim_restarts
        found = self.grep(pattern)
        if len(found) != runs:
            self.fail('expected exactly %d line(s) for %s (/%s/), found %d'
                      % (runs, what, pattern, len(found)))
            return None
        return found[0]

    def expect_status(self, want):
        if self.status != want:
            self.fail('QEMU exit status %s, expected %d'
                      % (self.status, want))


def check_banner(run):
    """The runtime's start line: environment, entry EL, conduit, GIC."""
    a = run.args
    el = 2 if a.virtualization else 1
    conduit = 'smc' if a.virtualization else 'hvc'
    env = 'standalone'
    console = 'PL011 UART'
    if a.cell_image:
        env = r'standalone \(cell image, no hypervisor answered\)'
    if a.cell_sim:
        env, el, conduit = 'in a cell', 1, 'smc'
        if a.sim_console != 1 or a.sim_comm_revision:
            console = 'hypervisor debug console'
        if a.sim_comm_revision:
            # Ignored comm region: said so, console by hypercall.
            env = 'in a cell without comm region'
            run.expect_one(r'^jh-rt: warning: comm region revision %d, this '
                           r'runtime knows 2: ignored$' % a.sim_comm_revision,
                           'the comm revision warning')
        if a.sim_gic_version:
            run.expect_one(r'^jh-rt: warning: comm region GIC version %d '
                           r'unknown, using GICv%d \(ID_AA64PFR0_EL1\)'
                           % (a.sim_gic_version, a.gic),
                           'the GIC version warning')
    m = run.expect_one(r'^jh-rt: %s, entered at EL(\d), linked at '
                       r'0x40080000, console: %s, PSCI (\d+)\.(\d+) '
                       r'via (\w+), GICv(\d)$' % (env, console),
                       'the runtime banner')
    if not m:
        return
    if int(m.group(1)) != el:
        run.fail('entered at EL%s, expected EL%d' % (m.group(1), el))
    if (int(m.group(2)), int(m.group(3))) < (0, 2):
        run.fail('PSCI version %s.%s, expected >= 0.2'
                 % (m.group(2), m.group(3)))
    if m.group(4) != conduit:
        run.fail('PSCI via %s, expected %s' % (m.group(4), conduit))
    if int(m.group(5)) != a.gic:
        run.fail('runtime chose GICv%s on a GICv%d machine'
                 % (m.group(5), a.gic))
    if run.grep(r'UNEXPECTED EXCEPTION') and a.expect != 'attack':
        run.fail('an unexpected exception was reported')


def check_clean_exit(run, code=0):
    run.expect_one(r'^jh-rt: exit %d$' % code, 'the exit line')
    if run.args.cell_sim:
        # The inmate left "shut down" in the comm region; cell-sim then
        # exits QEMU with 0. With an ignored comm region it stays
        # "running" and cell-sim exits with 1.
        state = 0 if run.args.sim_comm_revision else 2
        run.expect_one(r'^cell-sim: SYSTEM_OFF from CPU 0x%x, cell state '
                       r'0x%x, reply 0x[0-9a-f]+$'
                       % (cell_cpus(run.args)[0], state),
                       'the SYSTEM_OFF seen by cell-sim')
        if run.args.sim_comm_revision:
            code = 1
    run.expect_status(code)


def cell_cpus(args):
    """The CPUs (Aff0) the inmate should end up with."""
    if args.cell_sim:
        return [c for c in range(args.smp) if args.cell_cpus >> c & 1]
    return list(range(args.smp))


def check_hello(run):
    cpus = cell_cpus(run.args)
    n = len(cpus)
    where = 'standalone inmate'
    if run.args.cell_sim:
        where = r'a cell \(comm region found\)'
        if run.args.sim_comm_revision:
            where = r'a cell \(no comm region\)'
    for cpu in cpus:
        run.expect_one(r'^hello: CPU %d \(MPIDR 0x%x, logical \d+\) of '
                       r'%s says hello$' % (cpu, cpu, where),
                       'the greeting of CPU %d' % cpu)
    runs = 1 + run.args.sim_restarts
    greetings = run.grep(r'^hello: CPU ')
    if len(greetings) != n * runs:
        run.fail('%d greetings, expected %d' % (len(greetings), n * runs))
    logical = sorted(int(re.search(r'logical (\d+)', m.group(0)).group(1))
                     for m in run.grep(r'^hello: CPU .*logical \d+'))
    if logical != sorted(list(range(n)) * runs):
        run.fail('logical CPU numbers %s, expected 0..%d in each run'
                 % (logical, n - 1))
    run.expect_one(r'^hello: %d CPUs online, %d greeted$' % (n, n),
                   'the summary')
    check_clean_exit(run)


def check_latency(run, m, what, samples_wanted):
    """A 'samples N min A avg B max C' match: N as wanted, A <= B <= C."""
    samples, lo, avg, hi = (int(g) for g in m.groups())
    if samples != samples_wanted:
        run.fail('%s: %d samples, expected %d' % (what, samples, samples_wanted))
    if not lo <= avg <= hi:
        run.fail('%s: not min <= avg <= max: %d %d %d' % (what, lo, avg, hi))
    # Bare metal: the handler runs within a few ticks; a late or missed
    # interrupt shows up as a latency of a period or more.
    if hi > 100:
        run.fail('%s: maximum latency %d ticks: interrupts arrive late'
                 % (what, hi))


def check_timer(run):
    """Every CPU measures its own virtual timer; then a summary."""
    n = run.args.samples
    cpus = cell_cpus(run.args)
    run.expect_one(r'^timer: GICv%d, frequency \d+ Hz, period \d+ us, '
                   r'%d samples per CPU$' % (run.args.gic, n),
                   'the timer set-up')
    for cpu in cpus:
        m = run.expect_one(r'^timer: CPU %d: samples (\d+) min (\d+) '
                           r'avg (\d+) max (\d+) ticks$' % cpu,
                           'the figures of CPU %d' % cpu)
        if m:
            check_latency(run, m, 'CPU %d' % cpu, n)
    m = run.expect_one(r'^timer: samples (\d+) min (\d+) avg (\d+) max (\d+) '
                       r'ticks on %d CPUs$' % len(cpus), 'the latency summary')
    if m:
        check_latency(run, m, 'summary', n * len(cpus))
    if run.grep(r'unexpected interrupts|FAILED'):
        run.fail('the timer inmate reported a failure')
    check_clean_exit(run)


def check_attack(run):
    """Standalone the target address is unmapped: the access must fault."""
    m = run.expect_one(r'^attack: reading (0x[0-9a-f]+)$', 'the attack line')
    run.expect_one(r'^jh-rt: UNEXPECTED EXCEPTION: synchronous from current '
                   r'EL with SPx on CPU 0', 'the exception report')
    esr = run.expect_one(r'^jh-rt:   ESR 0x([0-9a-f]+) \(EC 0x25: data '
                         r'abort\) FAR 0x([0-9a-f]+)$', 'the fault syndrome')
    if m and esr and int(esr.group(2), 16) != int(m.group(1), 16):
        run.fail('FAR 0x%s is not the attacked address %s'
                 % (esr.group(2), m.group(1)))
    if run.grep(r'NOT STOPPED'):
        run.fail('the access went through')
    run.expect_one(r'^jh-rt: stopped on CPU 0 after a fatal error$',
                   'the stop line')
    run.expect_status(99)


def check_spi_steal(run):
    """Standalone nothing protects the SPI: both writes take effect."""
    run.expect_one(r'^spi-steal: INTID 33 enable: before 0 after 1: took '
                   r'effect$', 'the enable result')
    run.expect_one(r'^spi-steal: INTID 33 route: before 0x[0-9a-f]+ after '
                   r'0x[0-9a-f]+: took effect$', 'the route result')
    check_clean_exit(run)


def check_ipi(run):
    """CPU 0 sends SGIs to itself and to every other CPU."""
    n = len(cell_cpus(run.args))
    for cpu in range(n):
        m = run.expect_one(r'^ipi: CPU 0 -> CPU %d: samples (\d+) min (\d+) '
                           r'avg (\d+) max (\d+) ticks$' % cpu,
                           'the IPI figures of CPU %d' % cpu)
        if m:
            samples, lo, avg, hi = (int(g) for g in m.groups())
            if samples != 20:
                run.fail('CPU %d: %d samples, expected 20' % (cpu, samples))
            if not lo <= avg <= hi:
                run.fail('CPU %d: not min <= avg <= max: %d %d %d'
                         % (cpu, lo, avg, hi))
    run.expect_one(r'^ipi: %d CPUs, all IPIs delivered$' % n, 'the summary')
    check_clean_exit(run)


def check_selftest(run):
    """The runtime's self-checks: all pass, and there are enough of them."""
    failed = run.grep(r'^selftest: .*: FAILED$')
    for m in failed:
        run.fail('check failed: ' + m.group(0))
    m = run.expect_one(r'^selftest: (\d+) checks, (\d+) failed$',
                       'the summary')
    if m:
        oks = len(run.grep(r'^selftest: .*: ok$'))
        if int(m.group(1)) < 11 or \
                oks != int(m.group(1)) * (1 + run.args.sim_restarts):
            run.fail('%s checks reported, %d passed: expected 11 or more, '
                     'all passing' % (m.group(1), oks))
    run.expect_one(r'^selftest: spinlock on %d CPUs: '
                   % len(cell_cpus(run.args)),
                   'the spinlock check on every CPU')
    if run.args.cell_sim:
        # cell-sim leaves "reconfiguration completed" (2) pending; the
        # answer is "received" (4).
        run.expect_one(r'^selftest: answered message 2 with 4: ok$',
                       'the comm region message answer')
    check_clean_exit(run)


def check_hypercalls(run):
    """Every call answered as the cell interface prescribes."""
    for m in run.grep(r'^hypercalls: .*FAILED.*$'):
        run.fail('call failed: ' + m.group(0))
    want = 10 if run.args.cell_sim else 4
    m = run.expect_one(r'^hypercalls: (\d+) calls, (\d+) failed$',
                       'the summary')
    if m and (int(m.group(1)) != want or m.group(2) != '0'):
        run.fail('%s calls, %s failed: expected %d, none failed'
                 % (m.group(1), m.group(2), want))
    oks = len(run.grep(r'^hypercalls: .* = -?\d+: ok$'))
    if oks != want:
        run.fail('%d calls ok, expected %d' % (oks, want))
    check_clean_exit(run)


def check_bench(run):
    """Every path of inmates/bench: figures (each operation costs at
    least one instruction) or "n/a" where it cannot exist here."""
    single = ['hypercall', 'psci-version', 'gicd-read', 'gicd-write',
              'timer-latency']
    cross = ['ipi-latency', 'ipi-roundtrip', 'cpu-on-latency']
    na = {'cell-start': r'no hypervisor|not entered through '
                        r'bench_cell_entry'}
    if len(cell_cpus(run.args)) < 2:
        na.update({p: r'one CPU' for p in cross})
    if run.args.cell_sim:
        na.update({p: r'no ivshmem device'
                   for p in ['vpci-config-read', 'ivshmem-reg-read']})
    else:
        single += ['vpci-config-read', 'ivshmem-reg-read']
    run.expect_one(r'^bench: (bare metal|in a cell), GICv%d, PMU counts '
                   r'instructions \(event 0x08\)' % run.args.gic,
                   'the environment line')
    for path, why in na.items():
        run.expect_one(r'^bench: %s: n/a \((%s)\)$' % (path, why),
                       'n/a for %s' % path)
    for path in single + [p for p in cross if p not in na]:
        m = run.expect_one(r'^bench: %s: (\d+) samples, insn (-|\d+) '
                           r'(-|\d+) (-|\d+), ticks (-|\d+) (-|\d+) '
                           r'(-|\d+)$' % path, 'the %s figures' % path)
        if m and path in single and (m.group(2) == '-' or
                                     int(m.group(2)) < 1):
            run.fail('%s: %s instructions, expected at least 1'
                     % (path, m.group(2)))
    run.expect_one(r'^bench: done, %d paths$' % 11, 'the summary')
    check_clean_exit(run)


def check_busy(run):
    """Runs its time, or answers a shutdown request by its policy."""
    policy = {'busy': 0, 'busy-deny': 1, 'busy-locked': 2}[run.args.expect]
    run.expect_one(r'^busy: running 2000 ms, shutdown requests %s%s$'
                   % ('approved' if policy == 0 else 'denied',
                      ', cell locked' if policy == 2 else ''),
                   'the start line')
    shutdown = run.args.cell_sim and run.args.sim_message == 1
    if shutdown:
        want = 3 if policy == 0 else 2
        run.expect_one(r'^busy: message 1 answered %d$' % want,
                       'the answer to the shutdown request')
        if run.args.cell_sim:
            run.expect_one(r'^cell-sim: SYSTEM_OFF .* reply 0x%x$' % want,
                           'the reply seen by cell-sim')
    if shutdown and policy == 0:
        run.expect_one(r'^busy: shutting down on request after \d+ ms$',
                       'the early shutdown')
        if run.grep(r'^busy: done after'):
            run.fail('ran its full time despite approving shutdown')
    else:
        # cell-sim always leaves one message (by default "reconfiguration
        # completed", answered "received").
        if run.args.cell_sim and not shutdown:
            run.expect_one(r'^busy: message 2 answered 4$',
                           'the answer to the reconfiguration message')
        run.expect_one(r'^busy: done after 2000 ms, %d messages$'
                       % (1 if run.args.cell_sim else 0), 'the end line')
    check_clean_exit(run)


CHECKS = {
    'hello': check_hello,
    'timer': check_timer,
    'attack': check_attack,
    'spi-steal': check_spi_steal,
    'ipi': check_ipi,
    'selftest': check_selftest,
    'hypercalls': check_hypercalls,
    'bench': check_bench,
    'busy': check_busy,
    'busy-deny': check_busy,
    'busy-locked': check_busy,
}


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('--qemu', required=True)
    p.add_argument('--kernel', required=True)
    p.add_argument('--expect', required=True, choices=sorted(CHECKS))
    p.add_argument('--gic', type=int, choices=(2, 3), default=3)
    p.add_argument('--smp', type=int, default=2)
    p.add_argument('--virtualization', action='store_true')
    p.add_argument('--cell-image', action='store_true',
                   help='the kernel was linked for a cell (not flagged '
                   'standalone): the runtime must find no hypervisor')
    p.add_argument('--timeout', type=int, default=20)
    p.add_argument('--memory', default='256M')
    p.add_argument('--cell-sim', metavar='ELF',
                   help='boot this stand-in hypervisor and run the kernel '
                   '(linked at 0x40080000 for a cell) in a simulated cell')
    p.add_argument('--cell-cpus', type=lambda v: int(v, 0), default=1,
                   help='CPU mask of the simulated cell')
    p.add_argument('--sim-console', type=int, default=0, choices=(0, 1, 2),
                   help='cell-sim console mode (see cell-sim/sim.c)')
    p.add_argument('--sim-comm-revision', type=int, default=0,
                   help='cell-sim writes this comm region revision')
    p.add_argument('--sim-gic-version', type=int, default=0,
                   help='cell-sim writes this GIC version')
    p.add_argument('--sim-message', type=int, default=0,
                   help='cell-sim leaves this message pending')
    p.add_argument('--sim-restarts', type=int, default=0,
                   help='cell-sim restarts the inmate so many times '
                   'without resetting it')
    p.add_argument('--samples', type=int, default=100)
    p.add_argument('--twice', action='store_true',
                   help='run a second time; the output must be identical '
                   '(-icount makes runs deterministic)')
    args = p.parse_args()

    machine = 'virt,gic-version=%d' % args.gic
    if args.virtualization or args.cell_sim:
        machine += ',virtualization=on'
    cmd = ['timeout', str(args.timeout), args.qemu, '-M', machine,
           '-cpu', 'cortex-a57', '-smp', str(args.smp)]
    if args.cell_sim:
        # RAM up to 0x100000000, so the comm region at 0x80000000 exists.
        cmd += ['-m', '3G', '-kernel', args.cell_sim,
                '-device', 'loader,file=' + args.kernel,
                '-device', 'loader,addr=0x47fff000,data=%d,data-len=4'
                % args.cell_cpus,
                '-device', 'loader,addr=0x47fff004,data=%d,data-len=4'
                % args.sim_console,
                '-device', 'loader,addr=0x47fff008,data=%d,data-len=4'
                % args.sim_comm_revision,
                '-device', 'loader,addr=0x47fff00c,data=%d,data-len=4'
                % args.sim_gic_version,
                '-device', 'loader,addr=0x47fff010,data=%d,data-len=4'
                % args.sim_message,
                '-device', 'loader,addr=0x47fff014,data=%d,data-len=4'
                % args.sim_restarts]
    else:
        cmd += ['-m', args.memory, '-kernel', args.kernel]
    cmd += ['-nographic', '-monitor', 'none', '-serial', 'stdio',
            '-icount', 'shift=0,sleep=off', '-semihosting']
    proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, check=False)
    out = proc.stdout.decode('utf-8', 'replace')
    lines = [l.rstrip('\r') for l in out.split('\n')]
    run = Run(args, lines, proc.returncode)
    if proc.returncode == 124:
        run.fail('QEMU did not finish within %d s' % args.timeout)
    if args.twice:
        again = subprocess.run(cmd, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, check=False)
        if again.stdout != proc.stdout or again.returncode != proc.returncode:
            run.fail('a second run differed (status %d):\n%s'
                     % (again.returncode,
                        again.stdout.decode('utf-8', 'replace')))
    check_banner(run)
    CHECKS[args.expect](run)
    if args.sim_restarts:
        n = len(run.grep(r'^cell-sim: restarting the cell without reset$'))
        if n != args.sim_restarts:
            run.fail('%d restarts, expected %d' % (n, args.sim_restarts))

    print('$ ' + ' '.join(cmd))
    print(out, end='')
    err = proc.stderr.decode('utf-8', 'replace')
    if err.strip():
        print('--- stderr ---\n' + err, end='')
    if run.errors:
        print('--- FAILED ---')
        for e in run.errors:
            print('  ' + e)
        return 1
    print('--- ok ---')
    return 0


if __name__ == '__main__':
    sys.exit(main())
