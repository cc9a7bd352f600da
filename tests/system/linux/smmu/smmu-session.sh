# SPDX-License-Identifier: GPL-2.0-only
# QEMU's SMMUv3 with Linux's driver kept off
# (initcall_blacklist=arm_smmu_driver_init): enable takes the unit over,
# the DMA fault counters read 0 (root cell, inmate cell, jh cell stats),
# disable hands the unit back with the registers as they were before
# enable (off: no hypervisor memory in use by the SMMU), and Linux runs
# on, able to enable again. QEMU's edu device (00:02.0, stream 0x10,
# listed for the root cell) shows the root cell's DMA confined to its
# memory while enabled, and the fault in sysfs.
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
#
# QEMU's edu at 00:02.0 (stream 0x10, the root cell's) reads memory by
# DMA: Linux's RAM passes the SMMU, the hypervisor's memory does not
# (a fault of cell 'linux', counted in sysfs)
edu=/sys/bus/pci/devices/0000:00:02.0
echo 1 > $edu/enable
printf '\006\000' | dd of=$edu/config bs=1 seek=4 conv=notrunc 2>/dev/null
bar=$(head -1 $edu/resource | cut -d' ' -f1)
edu_read() {	# DMA 4 bytes from $1 into the device's buffer
	devmem $((bar + 0x80)) 64 $1
	devmem $((bar + 0x88)) 64 0x40000
	devmem $((bar + 0x90)) 64 4
	devmem $((bar + 0x98)) 64 1
	i=0
	while [ $i -lt 50 ] && [ $(($(devmem $((bar + 0x98)) 32) & 1)) = 1 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ $i -lt 50 ]; then
		echo "edu dma from $1: done"
	else
		echo "edu dma from $1: still busy"
	fi
}
# expect: ^edu: 0x010000ED$
echo "edu: $(devmem $bar 32)"
# expect: ^edu dma from 0x40000000: done$
edu_read 0x40000000
# expect: ^root dma after reading its RAM: 0 none$
echo "root dma after reading its RAM: $(cat /sys/kernel/jh/cells/0/dma_faults) $(cat /sys/kernel/jh/cells/0/dma_fault_last)"
# expect: smmu: fault: stream 0x0010 cell 'linux' address 0x7fc00000 \(read\) type F_TRANSLATION
# expect: ^edu dma from 0x7fc00000: done$
edu_read 0x7fc00000
# expect: ^root dma after reading the hypervisor: 1 stream 0x0010 address 0x7fc00000 type F_TRANSLATION$
echo "root dma after reading the hypervisor: $(cat /sys/kernel/jh/cells/0/dma_faults) $(cat /sys/kernel/jh/cells/0/dma_fault_last)"
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
