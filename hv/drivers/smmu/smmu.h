/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Arm SMMUv3, as the hypervisor drives it: register layout, the
 * structures it reads from memory (stream table entries, context
 * descriptors, queues) and the state shared by the driver's three parts:
 * smmu-v3.c (the hardware: probe, queues, commands), smmu-streams.c
 * (who owns which stream, the translation each gets) and smmu-events.c
 * (faults: decoding, reporting, counting, quiescing).
 */
#ifndef JH_SMMU_H
#define JH_SMMU_H

#include <cell.h>
#include <config.h>
#include <spinlock.h>
#include <types.h>
#include "smmu-entries.h"

/* Registers (page 0 unless noted) */
#define SMMU_IDR0		0x00
#define SMMU_IDR1		0x04
#define SMMU_IDR5		0x14
#define SMMU_AIDR		0x1c
#define SMMU_CR0		0x20
#define SMMU_CR0ACK		0x24
#define SMMU_CR1		0x28
#define SMMU_CR2		0x2c
#define SMMU_GBPA		0x44
#define SMMU_IRQ_CTRL		0x50
#define SMMU_IRQ_CTRLACK	0x54
#define SMMU_GERROR		0x60
#define SMMU_GERRORN		0x64
#define SMMU_STRTAB_BASE	0x80
#define SMMU_STRTAB_BASE_CFG	0x88
#define SMMU_CMDQ_BASE		0x90
#define SMMU_CMDQ_PROD		0x98
#define SMMU_CMDQ_CONS		0x9c
#define SMMU_EVENTQ_BASE	0xa0
#define SMMU_EVENTQ_PROD	0x100a8	/* page 1 */
#define SMMU_EVENTQ_CONS	0x100ac	/* page 1 */
#define SMMU_MMIO_SIZE		0x20000	/* two 64 KiB pages */

#define CR0_SMMUEN		BIT(0)
#define CR0_EVENTQEN		BIT(2)
#define CR0_CMDQEN		BIT(3)
/* CR1: tables and queues inner shareable, write-back cacheable */
#define CR1_WB_INNER_SH		(1u | 1u << 2 | 3u << 4 | 1u << 6 | \
				 1u << 8 | 3u << 10)
#define CR2_RECINVSID		BIT(1)	/* record C_BAD_STREAMID */
#define GBPA_ABORT		BIT(20)
#define GBPA_UPDATE		BIT(31)
#define IRQ_CTRL_GERROR		BIT(0)
#define IRQ_CTRL_EVENTQ		BIT(2)
#define GERROR_CMDQ_ERR		BIT(0)
#define GERROR_EVENTQ_ABT	BIT(2)
#define CMDQ_CONS_ERR(v)	(((v) >> 24) & 0x7f)
/* EVENTQ_PROD.OVFLG, EVENTQ_CONS.OVACKFLG */
#define Q_OVERFLOW		BIT(31)
#define Q_BASE_RA_WA		(BIT(62))

/* Commands: opcode in bits [7:0] of the first double word */
#define CMD_CFGI_ALL		0x04	/* CFGI_STE_RANGE: range 31 = all */
#define CMD_TLBI_EL2_ALL	0x20
#define CMD_TLBI_NSNH_ALL	0x30
#define CMD_SYNC		0x46
#define CMD_SID(sid)		((u64)(sid) << 32)

/* Stage-1 leaf attributes of the hypervisor-owned DMA tables */
#define DMA_S1_NORMAL		(0ull << 2)	/* MAIR index 0 */
#define DMA_S1_AP_EL0		BIT(6)		/* AP[1]: EL0 too */
#define DMA_S1_AP_RO		BIT(7)		/* AP[2] */
#define DMA_S1_NG		BIT(11)		/* per ASID */
#define DMA_S1_PXN		BIT(53)

/* Event records: 4 double words */
#define EVT_DWORDS		4
#define EVT_TYPE(e0)		((unsigned int)((e0) & 0xff))
#define EVT_SID(e0)		((u32)((e0) >> 32))
#define EVT_RNW(e1)		(((e1) >> 35) & 1)

/*
 * Sizes: a linear stream table, sized at boot to the highest stream ID
 * the boot images list: at least 256 entries (16 KiB, one PCI bus), at
 * most 4096 (256 KiB, 16 buses); 256 commands (4 KiB), 512 events
 * (16 KiB: QEMU reports a faulting transfer every 4 bytes).
 */
#define SMMU_MIN_SID_BITS	8
#define SMMU_MAX_SID_BITS	12
#define SMMU_CMDQ_BITS		8
#define SMMU_EVTQ_BITS		9

/* A stream that faults this often is switched to abort (quiesced). */
#define SMMU_QUIESCE_FAULTS	8

/* No cell (stream_state.owner) */
#define OWNER_NONE		(-1)

struct smmu {
	u64 base;
	unsigned int index;		/* in the system image */
	unsigned int sid_bits;		/* 2^sid_bits STEs */
	unsigned int cmdq_bits, evtq_bits;
	unsigned int oas;		/* IDR5.OAS encoding */
	u32 idr0, idr5;			/* for the choice of stage */
	u64 *strtab;
	u64 *cmdq;
	u32 cmdq_prod;
	u64 *evtq;
	u32 evtq_cons;
	unsigned int evt_irq, gerr_irq;	/* 0: polled only */
	/*
	 * What the unit held before the hypervisor touched it, put back
	 * by iommu_shutdown (late launch: disable, or a refused enable).
	 */
	bool taken;
	u32 old_cr1, old_cr2, old_gbpa, old_irq_ctrl, old_strtab_cfg;
	u64 old_strtab, old_cmdq, old_evtq;
};

struct stream_state {
	int owner;			/* cell id or OWNER_NONE */
	bool quiesced;			/* switched to abort */
	u32 faults;			/* since the owner changed */
};

struct dma_cell {
	u64 *s1_root;			/* its stage-1 table */
	u64 faults;			/* coalesced (smmu-events.c) */
	u64 events;			/* event records behind them */
	u32 last_sid, last_type;
	u64 last_addr;
	bool any;			/* last_* valid */
	unsigned int quiesced;
};

extern struct smmu smmus[JH_MAX_IOMMU_UNITS];
extern unsigned int num_smmus;
extern bool smmu_stage2;		/* every unit has stage 2 */
extern struct stream_state *streams;	/* smmu_num_sids of them */
extern unsigned int smmu_num_sids;	/* entries of every table */
extern struct dma_cell dma_cells[MAX_CELLS];
extern struct dma_cell dma_unowned;
extern spinlock_t smmu_lock;

/* smmu-v3.c */
void smmu_cmd(struct smmu *s, u64 c0, u64 c1);
int smmu_sync(struct smmu *s);
/* Write STE @sid of every unit (valid double word last) and sync. */
void smmu_write_ste(u32 sid, const u64 *ste);
/* Invalidate every unit's configuration and TLB caches, then sync. */
void smmu_invalidate_all(void);
u64 smmu_read64_ste(const struct smmu *s, u32 sid, unsigned int dw);

/* smmu-streams.c */
int smmu_streams_init(void);
void smmu_stream_quiesce(u32 sid);
/* The BDF of a stream's PCI device, or -1 when no image tells. */
int smmu_stream_bdf(u32 sid);
/* " (bb:dd.f)" in @buf (12 bytes) when the BDF is known, else "". */
const char *smmu_bdf_label(char *buf, u32 sid);

/* smmu-events.c */
void smmu_events_drain(struct smmu *s);
void smmu_irq(unsigned int irq);

#endif
