# SPDX-License-Identifier: GPL-2.0-only
# QEMU's SMMUv3 driven by Linux's own arm-smmu-v3 driver (SMMUEN set):
# the hypervisor must refuse to take the unit over (that would cut off
# Linux's DMA behind its back), say why, leave the SMMU as Linux has it
# and roll everything back; Linux keeps running.
# expect: arm-smmu-v3 9050000\.smmuv3: 
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
dmesg | grep -m 2 'arm-smmu-v3 9050000'
must insmod /lib/modules/jh.ko
# expect: jh: enable refused: IOMMU unit 0: the SMMU at 0x9050000 is in use by Linux \(SMMUEN set\)
# expect: jh: CPU 0 did not enter the hypervisor \(-16\)
# expect: ^jh: enable system.cell: .*Linux drives an SMMU the system image lists.*\(EBUSY\)$
# expect: ^\[rc=1\] jh enable system.cell
mustfail jh enable system.cell
# expect: ^enabled=0$
echo "enabled=$(cat /sys/kernel/jh/enabled)"
# expect: ^online=0-1$
echo "online=$(cat /sys/devices/system/cpu/online)"
# expect: ^\[rc=0\] rmmod jh
must rmmod jh
# expect: ^alive after the refusal$
echo "alive after the refusal"
