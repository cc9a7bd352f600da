# SPDX-License-Identifier: GPL-2.0-only
# The hypervisor under a real Linux, beyond the driver's own session:
# work on both CPUs while enabled, a cell on CPU 1 and CPU 1 back, CPU 1
# offlined and onlined by hand under the hypervisor (PSCI CPU_OFF/CPU_ON
# trapped), disable, work natively, a second enable/cell/disable cycle.
# Run by late-linux-* (meson.build) with tests/system/linux/run.py.
must insmod /lib/modules/jh.ko
# expect: jh: late launch complete: every online CPU runs the root cell
# expect: ^\[rc=0\] jh enable system.cell
must jh enable system.cell
# expect: ^w[01] done
# expect: ^w[01] done
( taskset -c 1 sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo w1 done' ) &
( taskset -c 0 sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo w0 done' ) &
wait
# expect: ^\[rc=0\] jh cell create inmate.cell
must jh cell create inmate.cell
must jh cell load inmate hello.bin
# hello prints on the shared UART: start_quietly (run.py) holds our output
# expect: ^\[rc=0\] jh cell start inmate
start_quietly inmate
# expect: ^ring: .*hello: CPU 1 .* says hello
jh console | grep "says hello" | tail -n 1 | sed 's/^/ring: /'
# expect: ^\[rc=0\] jh cell destroy inmate
must jh cell destroy inmate
# expect: ^online=0-1$
echo "online=$(cat /sys/devices/system/cpu/online)"
# expect: ^cpu1 back$
taskset -c 1 echo cpu1 back
echo 0 > /sys/devices/system/cpu/cpu1/online
# expect: ^offline: online=0$
echo "offline: online=$(cat /sys/devices/system/cpu/online)"
echo 1 > /sys/devices/system/cpu/cpu1/online
# expect: ^online again: online=0-1$
echo "online again: online=$(cat /sys/devices/system/cpu/online)"
# expect: ^cpu1 again$
taskset -c 1 echo cpu1 again
# expect: jh: CPU [01] left the hypervisor: hypervisor disabled
# expect: ^\[rc=0\] jh disable
must jh disable
# expect: ^w1b done
( taskset -c 1 sh -c 'i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; echo w1b done' ) &
wait
# expect: ^\[rc=0\] jh enable system.cell
must jh enable system.cell
must jh cell create inmate.cell
must jh cell load inmate hello.bin
start_quietly inmate
must jh cell destroy inmate
# expect: ^\[rc=0\] jh disable
must jh disable
# expect: ^cpu1 final$
taskset -c 1 echo cpu1 final
# reject: SVE: vector length support mismatch
# reject: will not boot
# reject: FATAL
# reject: PANIC
