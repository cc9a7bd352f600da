#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The demo pipeline as a test: compile an example scenario with jh-compile,
# boot it under the hypervisor in QEMU (deterministic icount) and check that
# the hypervisor and both cells printed and that every cell shut down.
#
# usage: run-demo.sh SRCDIR BUILDDIR SCENARIO GIC
set -u
src=$1 build=$2 scenario=$3 gic=$4
out=$(mktemp -d)
log=$out/console.log
trap 'rm -rf "$out"' EXIT

fail() {
	echo "FAIL: $*"
	echo "--- console ---"
	cat "$log" 2>/dev/null
	exit 1
}

"$build/compiler/tools/jh-compile/jh-compile" "$src/$scenario" -o "$out" ||
	fail "jh-compile rejected $scenario"
for f in system.cell cell1.cell cell2.cell; do
	[ -s "$out/$f" ] || fail "jh-compile did not write $f"
done

JH_HV=$build/hv/hv.elf "$src/scripts/boot-qemu" --gic "$gic" --icount \
	--timeout 60 --system "$out/system.cell" \
	--cell "$out/cell1.cell:$build/inmates/hello.bin" \
	--cell "$out/cell2.cell:$build/inmates/timer.bin" >"$log" 2>&1
rc=$?
[ $rc -eq 0 ] || fail "boot-qemu exited with $rc"

expect() {
	grep -q -- "$1" "$log" || fail "console lacks: $1"
}
expect "jh: GICv$gic"
expect "jh: starting cell 'cell1' on CPU 1"
expect "jh: starting cell 'cell2' on CPU 2"
expect "hello: CPU 1 .* says hello"
expect "timer: samples 200 min [0-9]* avg [0-9]* max [0-9]* ticks on 2 CPUs"
expect "jh: cell 'cell1' shut down"
expect "jh: cell 'cell2' shut down"
expect "jh: no cell left, powering off"
if grep -q "FAILED\|panic\|boot error" "$log"; then
	fail "console reports a failure"
fi
echo "PASS: $scenario on GICv$gic"
