# SPDX-License-Identifier: GPL-2.0-only
# QEMU's SMMUv3 with Linux's driver kept off
# (initcall_blacklist=arm_smmu_driver_init): enable takes the unit over,
# the DMA fault counters read 0 (root cell, inmate cell, jh cell stats),
# disable hands the unit back with the registers as they were before
# enable (off: no hypervisor memory in use by the SMMU), and Linux runs
# on, able to enable again.
smmu_regs() {
	# CR0, GBPA, STRTAB_BASE, STRTAB_BASE_CFG, CMDQ_BASE, EVENTQ_BASE
	for r in 0x09050020:32 0x09050044:32 0x09050080:64 0x09050088:32 \
		 0x09050090:64 0x090500a0:64; do
		printf '%s ' "$(devmem ${r%:*} ${r#*:})"
	done
}
# expect: ^\[rc=0\] insmod /lib/modules/jh.ko
must insmod /lib/modules/jh.ko
before="$(smmu_regs)"
# the unit is off: Linux does not drive it
# expect: ^before: 0x00000000 
echo "before: $before"
#
# expect: smmu: unit 0 at 0x9050000: stage 1 only
# expect: ^\[rc=0\] jh enable system.cell
must jh enable system.cell
# expect: ^root dma: 0 0 0 none$
echo "root dma: $(cat /sys/kernel/jh/cells/0/dma_faults) $(cat /sys/kernel/jh/cells/0/dma_events) $(cat /sys/kernel/jh/cells/0/dma_quiesced) $(cat /sys/kernel/jh/cells/0/dma_fault_last)"
# expect: ^\[rc=0\] jh cell create inmate.cell
must jh cell create inmate.cell
# expect: ^inmate dma: 0 none$
echo "inmate dma: $(cat /sys/kernel/jh/cells/1/dma_faults) $(cat /sys/kernel/jh/cells/1/dma_fault_last)"
# expect: ^DMA \(SMMU\) of the cell's devices:$
# expect: ^dma_faults +0$
# expect: ^dma_fault_last +none$
# expect: ^\[rc=0\] jh cell stats inmate
must jh cell stats inmate
# expect: ^\[rc=0\] jh cell destroy inmate
must jh cell destroy inmate
#
# expect: smmu: unit 0 at 0x9050000 handed back: off \(SMMUEN clear\), GBPA 0x[0-9a-f]+ as found
# expect: ^\[rc=0\] jh disable
must jh disable
after="$(smmu_regs)"
echo "after: $after"
# expect: ^smmu registers after disable: as before enable$
if [ "$before" = "$after" ]; then
	echo "smmu registers after disable: as before enable"
else
	echo "smmu registers after disable: CHANGED"
fi
# expect: ^enabled=0$
echo "enabled=$(cat /sys/kernel/jh/enabled)"
# expect: ^online=0-1$
echo "online=$(cat /sys/devices/system/cpu/online)"
#
# a second enable takes the unit over again and hands it back again
# expect: ^\[rc=0\] jh enable system.cell
must jh enable system.cell
# expect: ^\[rc=0\] jh disable
must jh disable
# expect: ^again: as before enable$
[ "$before" = "$(smmu_regs)" ] && echo "again: as before enable"
# expect: ^\[rc=0\] rmmod jh
must rmmod jh
# expect: ^alive after disable$
echo "alive after disable"
