# SPDX-License-Identifier: GPL-2.0-only
# The whole late launch with examples/qemu-arm64-linux.yaml: a refused
# enable rolled back, then enable the hypervisor under the running Linux,
# create the inmate cell (CPU 1 leaves Linux), load and start hello, read
# its greeting from the hypervisor console, shut the cell down, destroy it
# (CPU 1 back), disable, and Linux still runs commands afterwards.
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
must insmod /lib/modules/jh.ko
#
# A root cell the hypervisor refuses (its RAM moved onto the hypervisor's
# memory): the first CPU comes back with the error, the console's tail
# lands in the kernel log, nothing stays enabled. Byte 496 is the root
# cell's first memory region (488-byte system descriptor, 8-byte CPU set).
# expect: jh: CPU 0 did not enter the hypervisor \(-22\)
# expect: jh: hv: .*overlaps hypervisor memory
# expect: ^\[rc=1\] jh enable bad.cell
# expect: ^enabled=0$
cp system.cell bad.cell
printf '\000\000\000\177' | dd of=bad.cell bs=1 seek=496 conv=notrunc 2>/dev/null
mustfail jh enable bad.cell
echo "enabled=$(cat /sys/kernel/jh/enabled)"
#
# expect: ^hypervisor enabled, Linux runs as root cell "linux"
# expect: ^\[rc=0\] jh enable system.cell
must jh enable system.cell
# expect: ^enabled=1$
echo "enabled=$(cat /sys/kernel/jh/enabled)"
# expect: ^root: linux running 0-1$
echo "root: $(cat /sys/kernel/jh/cells/0/name) $(cat /sys/kernel/jh/cells/0/state) $(cat /sys/kernel/jh/cells/0/cpus_assigned)"
# expect: ^pool: [1-9][0-9]* of [1-9][0-9]* pages$
echo "pool: $(cat /sys/kernel/jh/mem_pool_used) of $(cat /sys/kernel/jh/mem_pool_size) pages"
# the module holds itself while CPUs run in the hypervisor
# expect: ^\[rc=[1-9][0-9]*\] rmmod jh
mustfail rmmod jh
#
# A cell the hypervisor refuses (its RAM moved onto the hypervisor's; byte
# 140: 132-byte cell descriptor, 8-byte CPU set): CPU 1 comes back online.
# expect: jh: cell create rejected: .*overlaps hypervisor memory
# expect: jh: cell 'inmate': the hypervisor refused to create it \(-22\)
# expect: ^\[rc=1\] jh cell create badcell.cell
# expect: ^online=0-1$
cp inmate.cell badcell.cell
printf '\000\000\300\177' | dd of=badcell.cell bs=1 seek=140 conv=notrunc 2>/dev/null
mustfail jh cell create badcell.cell
echo "online=$(cat /sys/devices/system/cpu/online)"
#
# expect: ^cell "inmate" created, id 1$
# expect: ^\[rc=0\] jh cell create inmate.cell
must jh cell create inmate.cell
# expect: ^online=0$
echo "online=$(cat /sys/devices/system/cpu/online)"
# expect: ^cell 1: inmate shut down 1$
echo "cell 1: $(cat /sys/kernel/jh/cells/1/name) $(cat /sys/kernel/jh/cells/1/state) $(cat /sys/kernel/jh/cells/1/cpus_assigned)"
# cells by id (raw ioctls): no cell 7, the root cell is not managed
# expect: jh: no cell with id 7
# expect: jh-ioctl start: errno 2
# expect: jh: the root cell \(id 0\) cannot be managed
# expect: jh-ioctl destroy: errno 22
mustfail jh-ioctl start 7
mustfail jh-ioctl destroy 0
# disabling with a cell left is refused
# expect: ^\[rc=[1-9][0-9]*\] jh disable
mustfail jh disable
# outside the cell's loadable 16 MiB
# expect: jh: cell 'inmate': 0x1000000-0x[0-9a-f]+ is not inside one loadable memory region
# expect: ^\[rc=[1-9][0-9]*\] jh cell load inmate hello.bin@0x1000000
mustfail jh cell load inmate hello.bin@0x1000000
#
# expect: ^\[rc=0\] jh cell load inmate hello.bin
must jh cell load inmate hello.bin
# hello prints on the UART Linux shares while it runs: start_quietly
# (run.py) holds our output back until it has ended itself
# expect: ^\[rc=0\] jh cell start inmate
start_quietly inmate
# hello greets through the hypervisor console; read it from the ring
# expect: ^ring: .*hello: CPU 1 .* says hello
# expect: ^ring: .*hello: 1 CPUs online, 1 greeted
jh console | sed 's/^/ring: /'
# expect: ^exits: [1-9][0-9]*$
echo "exits: $(cat /sys/kernel/jh/cells/1/statistics/vmexits_total)"
# expect: ^failed: $
echo "failed: $(cat /sys/kernel/jh/cells/1/cpus_failed)"
# the same through the tool: the table and the cell's counters
# expect: ^ID +NAME +STATE +ASSIGNED-CPUS +FAILED-CPUS$
# expect: ^0 +linux +running +0 +-$
# expect: ^1 +inmate +shut down +1 +-$
# expect: ^\[rc=0\] jh cell list
must jh cell list
# expect: ^cell "inmate" \(id 1\), summed over its CPUs:$
# expect: ^vmexits_total +[1-9][0-9]*$
# expect: ^vmexits_hypercall +[1-9][0-9]*$
# expect: ^\[rc=0\] jh cell stats inmate
must jh cell stats inmate
# expect: ^\[rc=1\] jh cell stats nosuchcell
mustfail jh cell stats nosuchcell
# jh console -f follows the ring until it is stopped
jh console -f > follow.out 2>&1 &
follow=$!
sleep 1
kill -TERM $follow
wait $follow
# expect: ^follow: .*hello: 1 CPUs online, 1 greeted
grep "greeted" follow.out | sed 's/^/follow: /'
# expect: ^\[rc=0\] jh cell shutdown inmate
must jh cell shutdown inmate
# expect: ^state: shut down$
echo "state: $(cat /sys/kernel/jh/cells/1/state)"
# expect: ^\[rc=0\] jh cell destroy inmate
must jh cell destroy inmate
# expect: ^cells: 0$
echo "cells: $(ls /sys/kernel/jh/cells)"
# expect: ^online=0-1$
echo "online=$(cat /sys/devices/system/cpu/online)"
# CPU 1 offline and online by hand (PSCI through the hypervisor), then
# offline again: disable brings it back first, as it can only leave the
# hypervisor running Linux
# expect: ^online=0$
# expect: ^online=0-1$
must sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
echo "online=$(cat /sys/devices/system/cpu/online)"
must sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
echo "online=$(cat /sys/devices/system/cpu/online)"
must sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
#
# expect: ^hypervisor disabled$
# expect: ^\[rc=0\] jh disable
# expect: jh: CPU 1 brought online to leave the hypervisor
must jh disable
dmesg | grep 'brought online'
# expect: ^enabled=0$
echo "enabled=$(cat /sys/kernel/jh/enabled)"
# Linux goes on: both CPUs work, a command runs, the module unloads
# expect: ^online=0-1$
echo "online=$(cat /sys/devices/system/cpu/online)"
# expect: ^cpu0 ok$
# expect: ^cpu1 ok$
for c in 0 1; do taskset -c $c echo "cpu$c ok"; done
# EL2 is the stub's again: a second enable and disable work
# expect: ^\[rc=0\] jh enable system.cell
# expect: ^\[rc=0\] jh disable
must jh enable system.cell
must jh disable
# expect: ^\[rc=0\] rmmod jh
must rmmod jh
# expect: ^alive after disable$
echo "alive after disable"
