/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The interface a cell sees: hypercall codes, the communication region
 * and its messages. Compatible with Jailhouse's documented cell interface,
 * so inmates and drivers written for it keep working.
 */
#ifndef JH_CELL_INTERFACE_H
#define JH_CELL_INTERFACE_H

#include "jh-cell-format.h"

/* AArch64: hvc #JH_HVC_IMM, code in x0, arguments in x1 and x2. */
#define JH_HVC_IMM			0x4a48

#define JH_HC_DISABLE			0
#define JH_HC_CELL_CREATE		1
#define JH_HC_CELL_START		2
#define JH_HC_CELL_SET_LOADABLE		3
#define JH_HC_CELL_DESTROY		4
#define JH_HC_HYPERVISOR_GET_INFO	5
#define JH_HC_CELL_GET_STATE		6
#define JH_HC_CPU_GET_INFO		7
#define JH_HC_DEBUG_CONSOLE_PUTC	8

/*
 * jh addition: DMA faults an SMMU reported for a cell's devices
 * (doc/dma-isolation.md); a fault is a burst of events of one stream,
 * type and direction in one page. arg1 = cell id, or
 * JH_DMA_FAULTS_UNOWNED for streams no cell owns (root cell only);
 * arg2 = JH_DMA_INFO_*. The root
 * cell may ask about any cell, another cell about itself only (-EPERM).
 * LAST_* give -ENOENT before the first fault.
 */
#define JH_HC_DMA_FAULT_INFO		0x110
#define JH_DMA_FAULTS_UNOWNED		0xffff
#define JH_DMA_INFO_COUNT		0	/* faults since the cell was created */
#define JH_DMA_INFO_LAST_STREAM		1	/* stream ID of the last fault */
#define JH_DMA_INFO_LAST_ADDRESS	2	/* its input address (IOVA) */
#define JH_DMA_INFO_LAST_TYPE		3	/* its SMMU event type (0x10...) */
#define JH_DMA_INFO_QUIESCED		4	/* streams switched to abort */
#define JH_DMA_INFO_EVENTS		5	/* SMMU event records counted */

/*
 * Names of the SMMUv3 event types JH_DMA_INFO_LAST_TYPE returns (the
 * architecture's event record numbers), or 0 for a type without one:
 * the hypervisor's console and the driver's sysfs print the same words.
 */
static inline const char *jh_dma_fault_type_name(jh_u64 type)
{
	switch (type) {
	case 0x01: return "F_UUT";
	case 0x02: return "C_BAD_STREAMID";
	case 0x03: return "F_STE_FETCH";
	case 0x04: return "C_BAD_STE";
	case 0x06: return "F_STREAM_DISABLED";
	case 0x07: return "F_TRANSL_FORBIDDEN";
	case 0x08: return "C_BAD_SUBSTREAMID";
	case 0x09: return "F_CD_FETCH";
	case 0x0a: return "C_BAD_CD";
	case 0x0b: return "F_WALK_EABT";
	case 0x10: return "F_TRANSLATION";
	case 0x11: return "F_ADDR_SIZE";
	case 0x12: return "F_ACCESS";
	case 0x13: return "F_PERMISSION";
	case 0x20: return "F_TLB_CONFLICT";
	case 0x21: return "F_CFG_CONFLICT";
	}
	return 0;
}

/* JH_HC_HYPERVISOR_GET_INFO types */
#define JH_INFO_MEM_POOL_SIZE		0
#define JH_INFO_MEM_POOL_USED		1
#define JH_INFO_REMAP_POOL_SIZE		2
#define JH_INFO_REMAP_POOL_USED		3
#define JH_INFO_NUM_CELLS		4

/* JH_HC_CPU_GET_INFO types */
#define JH_CPU_INFO_STATE		0
#define JH_CPU_INFO_STAT_BASE		1000

#define JH_CPU_RUNNING			0
#define JH_CPU_FAILED			2

#define JH_CPU_STAT_VMEXITS_TOTAL	0
#define JH_CPU_STAT_VMEXITS_MMIO	1
#define JH_CPU_STAT_VMEXITS_MANAGEMENT	2
#define JH_CPU_STAT_VMEXITS_HYPERCALL	3
#define JH_CPU_STAT_VMEXITS_MAINTENANCE	4
#define JH_CPU_STAT_VMEXITS_VIRQ	5
#define JH_CPU_STAT_VMEXITS_VSGI	6
#define JH_CPU_STAT_VMEXITS_PSCI	7
#define JH_CPU_STAT_VMEXITS_SMCCC	8
#define JH_CPU_NUM_STATS		9

/* Cell states (comm region cell_state, JH_HC_CELL_GET_STATE) */
#define JH_CELL_RUNNING			0
#define JH_CELL_RUNNING_LOCKED		1
#define JH_CELL_SHUT_DOWN		2
#define JH_CELL_FAILED			3
#define JH_CELL_FAILED_COMM_REV		4

/* Messages to a cell */
#define JH_MSG_NONE			0
#define JH_MSG_SHUTDOWN_REQUEST		1
#define JH_MSG_RECONFIG_COMPLETED	2

/* Replies from a cell */
#define JH_MSG_REPLY_NONE		0
#define JH_MSG_UNKNOWN			1
#define JH_MSG_REQUEST_DENIED		2
#define JH_MSG_REQUEST_APPROVED		3
#define JH_MSG_RECEIVED			4

/* comm region flags */
#define JH_COMM_FLAG_PUTC_PERMITTED	0x0001
#define JH_COMM_FLAG_PUTC_ACTIVE	0x0002

#define JH_COMM_SIGNATURE		"JHCOMM"
#define JH_COMM_REVISION		2

/* Guest address where inmates conventionally find their comm region. */
#define JH_COMM_REGION_INMATE_ADDR	0x80000000ull

struct jh_comm_region {
	char signature[6];
	jh_u16 revision;
	volatile jh_u32 cell_state;
	volatile jh_u32 msg_to_cell;
	volatile jh_u32 reply_from_cell;
	jh_u32 flags;
	struct jh_console console;
	jh_u64 pci_mmconfig_base;
	/* arm part */
	jh_u8 gic_version;
	jh_u8 padding[7];
	jh_u64 gicd_base;
	jh_u64 gicc_base;
	jh_u64 gicr_base;
	jh_u32 vpci_irq_base;
} JH_PACKED;

JH_ASSERT_OFF(struct jh_comm_region, revision, 6);
JH_ASSERT_OFF(struct jh_comm_region, cell_state, 8);
JH_ASSERT_OFF(struct jh_comm_region, msg_to_cell, 12);
JH_ASSERT_OFF(struct jh_comm_region, reply_from_cell, 16);
JH_ASSERT_OFF(struct jh_comm_region, flags, 20);
JH_ASSERT_OFF(struct jh_comm_region, console, 24);
JH_ASSERT_OFF(struct jh_comm_region, pci_mmconfig_base, 56);
JH_ASSERT_OFF(struct jh_comm_region, gic_version, 64);
JH_ASSERT_OFF(struct jh_comm_region, gicd_base, 72);
JH_ASSERT_OFF(struct jh_comm_region, gicc_base, 80);
JH_ASSERT_OFF(struct jh_comm_region, gicr_base, 88);
JH_ASSERT_OFF(struct jh_comm_region, vpci_irq_base, 96);
JH_ASSERT_SIZE(struct jh_comm_region, 100);

#endif /* JH_CELL_INTERFACE_H */
