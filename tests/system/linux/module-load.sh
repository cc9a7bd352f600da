# SPDX-License-Identifier: GPL-2.0-only
# The module loads on Debian's kernel started at EL2 with the hyp stub
# (kvm-arm.mode=none), finds EL2 free and the stub's vectors, creates
# /dev/jh and /sys/kernel/jh (enabled reads 0),
# and unloads again.
# expect: JH-INIT-START
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
# expect: CPU: All CPU\(s\) started at EL2
# expect: jh: loaded; EL2 is free \(hyp stub vectors at 0x[0-9a-f]+\)
# expect: ^\[rc=0\] test -c /dev/jh
# expect: ^enabled=0$
# expect: ^\[rc=0\] rmmod jh
# expect: ^alive after rmmod$
must insmod /lib/modules/jh.ko
dmesg | grep -E 'started at EL2|jh:'
must test -c /dev/jh
echo "enabled=$(cat /sys/kernel/jh/enabled)"
must ls /sys/kernel/jh /sys/kernel/jh/cells
must rmmod jh
echo "alive after rmmod"
