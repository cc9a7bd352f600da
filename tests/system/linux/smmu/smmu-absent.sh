# SPDX-License-Identifier: GPL-2.0-only
# The system image lists an SMMUv3 the machine lacks (QEMU without
# iommu=smmuv3): the hypervisor's probe read aborts, the hypervisor
# catches it and refuses the enable naming the unit and its address;
# Linux runs on, and the same hypervisor binary then enables and disables
# with an image without the SMMU (plain.cell, the example's).
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
must insmod /lib/modules/jh.ko
# expect: jh: enable refused: IOMMU unit 0: no SMMUv3 at 0x9050000: its registers do not answer \(external abort\)
# expect: ^jh: enable system.cell: .*\(EINVAL\)$
# expect: ^\[rc=1\] jh enable system.cell
mustfail jh enable system.cell
# expect: ^enabled=0 online=0-1$
echo "enabled=$(cat /sys/kernel/jh/enabled) online=$(cat /sys/devices/system/cpu/online)"
# expect: ^\[rc=0\] jh enable plain.cell
must jh enable plain.cell
# expect: ^\[rc=0\] jh disable
must jh disable
# expect: ^\[rc=0\] rmmod jh
must rmmod jh
# expect: ^alive after the refusal$
echo "alive after the refusal"
