#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
"""Boot Debian's arm64 Linux in QEMU with the jh module and run a session.

Steps: fetch the kernel, busybox and headers (scripts/linux-fetch, cached),
build driver/ against those headers in the work folder (never in the
source tree), pack an initramfs (busybox, jh.ko, /lib/firmware/jh-hv.bin,
the jh tool, jh-ioctl, extra files, the session script), boot it under
QEMU with a timeout and check the serial transcript against the session's
expectations.

A session is a shell script run by /init after the helpers below; its
comment lines state what the transcript must show:
  # expect: REGEX   must match a later line than the previous expect
  # reject: REGEX   must match no line
Helpers in the session: `run CMD...` prints "+ CMD", runs it and prints
"[rc=N] CMD"; `must CMD...` is run that also fails the session (prints
"JH-FAIL") unless N is 0; `mustfail CMD...` the same for N != 0.
/init prints JH-SESSION-END when the script returns and powers off.

Ad-hoc use: run.py --session FILE [--hv hv.bin] [--jh jh] [--file SRC:DEST]
"""
import argparse
import fcntl
import gzip
import os
import re
import shutil
import stat
import subprocess
import sys
import threading
import time

SRC = os.path.normpath(os.path.join(os.path.dirname(__file__), '../../..'))

INIT = r'''#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin:/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
echo JH-INIT-START
run() {
	echo "+ $*"
	"$@"
	rc=$?
	echo "[rc=$rc] $*"
	return $rc
}
must() {
	run "$@" || echo "JH-FAIL: '$*' failed"
}
mustfail() {
	if run "$@"; then echo "JH-FAIL: '$*' should have failed"; fi
}
# start_quietly CELL: a cell printing on the UART Linux shares would mix
# its lines with ours mid-line: start it with our output held back until
# the hypervisor's console says it has shut itself down (at most 30 s)
start_quietly() {
	jh cell start "$1" > start.out 2>&1
	rc=$?
	i=0
	while [ $i -lt 30 ] &&
	      ! jh console | tail -n 3 | grep -q "cell '$1' shut down"; do
		sleep 1
		i=$((i + 1))
	done
	echo "+ jh cell start $1"
	cat start.out
	echo "[rc=$rc] jh cell start $1"
	[ $rc -eq 0 ] || echo "JH-FAIL: 'jh cell start $1' failed"
}
cd /jh
. /jh/session.sh
echo JH-SESSION-END
poweroff -f
'''


# Linux is in trouble: no point in waiting for the timeout
CRASH = re.compile(r'Kernel panic|Internal error:|Oops|BUG:|Call trace:|'
                   r'Unable to handle kernel|rcu: INFO: .*stall|'
                   r'watchdog: BUG: soft lockup')


def log(msg):
    print('run.py: ' + msg, flush=True)


def fetch():
    """Run scripts/linux-fetch under a lock; return its variables."""
    cache = os.environ.get('JH_CACHE_DIR', os.path.expanduser(
        '~/.cache/jh/debian-arm64'))
    os.makedirs(cache, exist_ok=True)
    with open(os.path.join(cache, '.lock'), 'w') as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        res = subprocess.run([os.path.join(SRC, 'scripts/linux-fetch'),
                              '--print-dir'], stdout=subprocess.PIPE,
                             text=True)
    if res.returncode:
        sys.exit('run.py: scripts/linux-fetch failed (status %d)'
                 % res.returncode)
    out = res.stdout.strip().splitlines()[-1]
    env = {}
    with open(os.path.join(out, 'env')) as f:
        for line in f:
            k, _, v = line.strip().partition('=')
            env[k] = v
    return env


def build_module(kenv, work):
    """Copy driver/ into work/driver and build jh.ko there."""
    dst = os.path.join(work, 'driver')
    os.makedirs(dst, exist_ok=True)
    drv = os.path.join(SRC, 'driver')
    for name in os.listdir(drv):
        if name.endswith(('.c', '.h')) or name in ('Kbuild', 'Makefile'):
            shutil.copy2(os.path.join(drv, name), dst)
    res = subprocess.run(['make', '-s', '-C', kenv['KDIR'], 'M=' + dst,
                          'ARCH=arm64', 'CROSS_COMPILE=aarch64-linux-gnu-',
                          'JH_SCHEMA=' + os.path.join(SRC, 'schema'),
                          'modules'], stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    # BTF is skipped without vmlinux: not a problem
    noise = re.compile(r'Skipping BTF generation|^\s*$')
    text = '\n'.join(l for l in res.stdout.splitlines()
                     if not noise.search(l))
    if res.returncode or 'warning' in text:
        sys.exit('run.py: building the module failed:\n' + text)
    return os.path.join(dst, 'jh.ko')


def build_ioctl_tool(work):
    """tests/system/linux/jh-ioctl.c, static for the initramfs."""
    out = os.path.join(work, 'jh-ioctl')
    res = subprocess.run(['aarch64-linux-gnu-gcc', '-static', '-O2',
                          '-Wall', '-Wextra', '-Werror', '-I',
                          os.path.join(SRC, 'schema'), '-o', out,
                          os.path.join(os.path.dirname(__file__),
                                       'jh-ioctl.c')],
                         stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                         text=True)
    if res.returncode:
        sys.exit('run.py: building jh-ioctl failed:\n' + res.stdout)
    return out


def cpio_entry(out, name, mode, data=b'', ino=[1]):
    """One newc cpio record."""
    ino[0] += 1
    nlink = 2 if stat.S_ISDIR(mode) else 1
    hdr = '070701' + ''.join('%08x' % v for v in (
        ino[0], mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0,
        len(name) + 1, 0))
    out.write(hdr.encode() + name.encode() + b'\0')
    out.write(b'\0' * ((4 - (110 + len(name) + 1) % 4) % 4))
    out.write(data)
    out.write(b'\0' * ((4 - len(data) % 4) % 4))


def build_initramfs(path, files):
    """files: {dest path: (bytes, mode)}; directories made as needed."""
    dirs = set()
    for dest in files:
        parts = dest.strip('/').split('/')[:-1]
        for i in range(1, len(parts) + 1):
            dirs.add('/'.join(parts[:i]))
    dirs |= {'proc', 'sys', 'dev', 'tmp', 'bin', 'sbin'}
    with gzip.open(path, 'wb', compresslevel=1) as out:
        for d in sorted(dirs):
            cpio_entry(out, d, stat.S_IFDIR | 0o755)
        for dest, (data, mode) in sorted(files.items()):
            cpio_entry(out, dest.strip('/'), stat.S_IFREG | mode, data)
        cpio_entry(out, 'TRAILER!!!', 0)


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def check(transcript, session_text):
    """Expectations of the session against the transcript: errors."""
    lines = transcript.splitlines()
    errors = []
    at = 0
    for m in re.finditer(r'^#\s*(expect|reject):\s?(.*)$', session_text,
                         re.M):
        kind, pattern = m.group(1), re.compile(m.group(2))
        if kind == 'reject':
            for line in lines:
                if pattern.search(line):
                    errors.append('rejected line seen: %r' % line)
            continue
        for i in range(at, len(lines)):
            if pattern.search(lines[i]):
                at = i + 1
                break
        else:
            errors.append('expected (after line %d): %s' % (at, m.group(2)))
    # whatever the session says, Linux must not crash
    for line in lines:
        if 'JH-FAIL' in line or CRASH.search(line):
            errors.append('seen: ' + line.strip())
    if 'JH-SESSION-END' not in transcript:
        errors.append('the session did not reach its end (JH-SESSION-END)')
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--session', required=True, help='session script')
    ap.add_argument('--work', help='work folder (default: a folder named '
                    'after the session under ./linux-work)')
    ap.add_argument('--hv', help='hypervisor binary, as '
                    '/lib/firmware/jh-hv.bin')
    ap.add_argument('--jh', help='the jh tool (static aarch64), as /bin/jh')
    ap.add_argument('--file', action='append', default=[],
                    help='SRC[:DEST] extra file, DEST relative to /jh')
    ap.add_argument('--cpu', default='cortex-a57')
    ap.add_argument('--smp', default='2')
    ap.add_argument('--machine', default='virt,virtualization=on,'
                    'gic-version=3')
    ap.add_argument('--append', default='console=ttyAMA0 panic=-1 '
                    'kvm-arm.mode=none mem=768M quiet',
                    help='kernel command line')
    ap.add_argument('--qemu-arg', action='append', default=[],
                    help='one more QEMU argument (repeat: -device, ...)')
    ap.add_argument('--timeout', type=int, default=150,
                    help='seconds for the QEMU run')
    args = ap.parse_args()

    start = time.monotonic()
    session = args.session
    name = os.path.splitext(os.path.basename(session))[0]
    work = os.path.abspath(args.work or os.path.join('linux-work', name))
    os.makedirs(work, exist_ok=True)

    kenv = fetch()
    ko = build_module(kenv, work)
    session_text = read(session).decode()
    files = {
        'init': (INIT.encode(), 0o755),
        'bin/busybox': (read(kenv['BUSYBOX']), 0o755),
        'lib/modules/jh.ko': (read(ko), 0o644),
        'bin/jh-ioctl': (read(build_ioctl_tool(work)), 0o755),
        'jh/session.sh': (session_text.encode(), 0o755),
    }
    if args.hv:
        files['lib/firmware/jh-hv.bin'] = (read(args.hv), 0o644)
    if args.jh:
        files['bin/jh'] = (read(args.jh), 0o755)
    for spec in args.file:
        src, _, dest = spec.partition(':')
        files['jh/' + (dest or os.path.basename(src))] = (read(src), 0o755)
    initrd = os.path.join(work, 'initramfs.cpio.gz')
    build_initramfs(initrd, files)
    log('kernel %s, module and initramfs ready (%.1f s)'
        % (kenv['KABI'], time.monotonic() - start))

    qemu = ['timeout', '--foreground', '-k', '5', str(args.timeout),
            'qemu-system-aarch64', '-M', args.machine, '-cpu', args.cpu,
            '-smp', args.smp, '-m', '1G', '-nographic', '-no-reboot',
            '-monitor', 'none', '-serial', 'stdio', '-nic', 'none',
            '-kernel', kenv['IMAGE'], '-initrd', initrd,
            '-append', args.append] + args.qemu_arg
    log(' '.join(qemu))
    transcript_path = os.path.join(work, 'transcript.txt')
    with open(transcript_path, 'wb') as tr:
        proc = subprocess.Popen(qemu, stdout=subprocess.PIPE,
                                stdin=subprocess.DEVNULL)
        stopper = None
        for chunk in iter(lambda: proc.stdout.readline(), b''):
            tr.write(chunk)
            if not stopper and CRASH.search(chunk.decode(errors='replace')):
                # a few seconds more for the kernel's report, then stop
                stopper = threading.Timer(5, proc.terminate)
                stopper.start()
            sys.stdout.write(chunk.decode(errors='replace'))
        rc = proc.wait()
        if stopper:
            stopper.cancel()
    transcript = read(transcript_path).decode(errors='replace')
    errors = check(transcript, session_text)
    if rc == 124:
        errors.append('QEMU timed out after %d s' % args.timeout)
    elif rc:
        errors.append('QEMU exited with status %d' % rc)
    for e in errors:
        log('FAIL: ' + e)
    log('%s: %s in %.1f s (transcript: %s)' % (
        name, 'FAILED' if errors else 'passed', time.monotonic() - start,
        transcript_path))
    return 1 if errors else 0


if __name__ == '__main__':
    sys.exit(main())
