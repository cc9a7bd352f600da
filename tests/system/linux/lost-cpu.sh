# SPDX-License-Identifier: GPL-2.0-only
# The driver's recovery when a CPU fails (test linux-lost-cpu), with its
# test hooks (driver/README.md): an enable where CPU 1 fails after CPU 0
# entered is rolled back to a clean "not enabled" (CPU 0 leaves, a new
# enable works); a disable where CPU 1 is offline and cannot come back
# completes without it (the hypervisor has it powered off, so it has
# nothing to leave), and Linux brings it online afterwards, natively.
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
must insmod /lib/modules/jh.ko
P=/sys/module/jh/parameters
#
# expect: jh: CPU 0 entered the root cell
# expect: jh: CPU 1 did not enter the hypervisor \(-5\)
# expect: jh: CPU 0 left the hypervisor: hypervisor disabled
# expect: ^\[rc=1\] jh enable system.cell
# expect: ^enabled=0 cells=$
echo 1 > $P/test_fail_enter_cpu
mustfail jh enable system.cell
echo "enabled=$(cat /sys/kernel/jh/enabled) cells=$(ls /sys/kernel/jh/cells)"
echo -1 > $P/test_fail_enter_cpu
#
# expect: ^hypervisor enabled, Linux runs as root cell "linux"
# expect: ^\[rc=0\] jh enable system.cell
# expect: ^root: linux running 0-1$
must jh enable system.cell
echo "root: $(cat /sys/kernel/jh/cells/0/name) $(cat /sys/kernel/jh/cells/0/state) $(cat /sys/kernel/jh/cells/0/cpus_assigned)"
#
# expect: ^online=0$
must sh -c 'echo 0 > /sys/devices/system/cpu/cpu1/online'
echo "online=$(cat /sys/devices/system/cpu/online)"
echo 1 > $P/test_fail_online_cpu
# expect: jh: CPU 0 left the hypervisor: hypervisor disabled
# expect: ^hypervisor disabled$
# expect: ^\[rc=0\] jh disable
# expect: jh: CPU 1 is offline and does not come back online \(-5\)
# expect: jh: CPUs 1 stay offline: the hypervisor had them powered off
# expect: ^enabled=0 online=0$
must jh disable
dmesg | grep -E 'does not come back|stay offline'
echo "enabled=$(cat /sys/kernel/jh/enabled) online=$(cat /sys/devices/system/cpu/online)"
echo -1 > $P/test_fail_online_cpu
#
# expect: ^online=0-1$
# expect: ^cpu1 ok$
must sh -c 'echo 1 > /sys/devices/system/cpu/cpu1/online'
echo "online=$(cat /sys/devices/system/cpu/online)"
taskset -c 1 echo "cpu1 ok"
# both CPUs enter and leave again: the driver and the hypervisor agree
# expect: ^\[rc=0\] jh enable system.cell
# expect: ^root: linux running 0-1$
# expect: ^\[rc=0\] jh disable
# expect: ^\[rc=0\] rmmod jh
must jh enable system.cell
echo "root: $(cat /sys/kernel/jh/cells/0/name) $(cat /sys/kernel/jh/cells/0/state) $(cat /sys/kernel/jh/cells/0/cpus_assigned)"
must jh disable
must rmmod jh
# expect: ^alive$
echo alive
