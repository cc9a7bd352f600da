# SPDX-License-Identifier: GPL-2.0-only
# The driver checks everything before it touches EL2 and refuses bad
# input with a message naming the cause (raw ioctls through jh-ioctl: the
# jh tool would catch most of this itself). /lib/firmware/jh-hv.bin is
# not a hypervisor here. Linux stays up, nothing leaks: the module unloads.
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
must insmod /lib/modules/jh.ko
# expect: jh: system image size 204 outside
# expect: jh-ioctl enable: errno 22
mustfail jh-ioctl enable inmate.cell
# expect: jh: not a system image \(signature is not JHSYS\)
# expect: jh-ioctl enable: errno 22
# (a cell image, made longer than a system descriptor)
cat inmate.cell inmate.cell inmate.cell > notsys.cell
mustfail jh-ioctl enable notsys.cell
# expect: jh: system image truncated
# expect: jh-ioctl enable: errno 22
head -c 500 system.cell > short.cell
mustfail jh-ioctl enable short.cell
# hypervisor_memory moved to 0x60000000, inside Linux RAM
# expect: jh: hypervisor_memory 0x60000000-0x603fffff overlaps Linux RAM
# expect: jh-ioctl enable: errno 16
cp system.cell overlap.cell
printf '\000\000\000\140' | dd of=overlap.cell bs=1 seek=12 conv=notrunc 2>/dev/null
mustfail jh-ioctl enable overlap.cell
# expect: jh: jh-hv.bin is not a jh hypervisor binary
# expect: jh-ioctl enable: errno 22
mustfail jh-ioctl enable system.cell
# expect: jh: cannot load /lib/firmware/jh-hv.bin \(-2\)
# expect: jh-ioctl enable: errno 2
rm /lib/firmware/jh-hv.bin
mustfail jh-ioctl enable system.cell
# expect: jh: the hypervisor is not enabled
# expect: jh-ioctl create: errno 22
mustfail jh-ioctl create inmate.cell
# expect: jh: the hypervisor is not enabled
# expect: jh-ioctl disable: errno 22
mustfail jh-ioctl disable
# expect: ^enabled=0$
echo "enabled=$(cat /sys/kernel/jh/enabled)"
# expect: ^\[rc=0\] rmmod jh
# expect: ^alive$
must rmmod jh
echo alive
