// SPDX-License-Identifier: GPL-2.0-only
/*
 * Arm SMMUv3 hardware: probing a unit from its ID registers, its stream
 * table, command queue and event queue, and the commands the driver
 * needs (CFGI_STE, CFGI_ALL, TLBI_NSNH_ALL, TLBI_EL2_ALL, SYNC). The
 * units' registers are mapped for the hypervisor only: no cell may map
 * them (iommu_check_cell), so no cell can change what is written here.
 */
#include <arch.h>
#include <boot.h>
#include <iommu.h>
#include <page_pool.h>
#include <printk.h>
#include <string.h>
#include <asm/gic.h>
#include <asm/paging.h>
#include <asm/sysregs.h>
#include "smmu.h"

struct smmu smmus[JH_MAX_IOMMU_UNITS];
unsigned int num_smmus;
bool smmu_stage2;
spinlock_t smmu_lock;

/*
 * The units whose wired interrupts are known: QEMU virt's SMMUv3 (SPIs
 * 74 event queue, 77 global error). The image format has no field for
 * them; a unit not listed here is polled (when faults are asked for and
 * whenever the streams change).
 */
static const struct {
	u64 base;
	unsigned int evt_irq, gerr_irq;
} known_irqs[] = {
	{ 0x09050000, 32 + 74, 32 + 77 },
};

static u32 rd32(const struct smmu *s, u64 off)
{
	return mmio_read32(s->base + off);
}

static u64 rd64(const struct smmu *s, u64 off)
{
	return mmio_read64(s->base + off);
}

static void wr32(const struct smmu *s, u64 off, u32 v)
{
	mmio_write32(s->base + off, v);
}

static void wr64(const struct smmu *s, u64 off, u64 v)
{
	mmio_write64(s->base + off, v);
}

/* Wait for a register to show @want under @mask; false on timeout. */
static bool wait_reg(const struct smmu *s, u64 off, u32 mask, u32 want)
{
	unsigned int n;

	for (n = 0; n < 1000000; n++) {
		if ((rd32(s, off) & mask) == want)
			return true;
		asm volatile("yield");
	}
	return false;
}

static bool write_cr0(const struct smmu *s, u32 v)
{
	wr32(s, SMMU_CR0, v);
	return wait_reg(s, SMMU_CR0ACK, 0xffffffff, v);
}

void smmu_cmd(struct smmu *s, u64 c0, u64 c1)
{
	u32 size = 1u << s->cmdq_bits, mask = size - 1;
	u32 wrap_mask = 2 * size - 1;
	u64 *slot;

	/* full: same index, different wrap bit; wait for the consumer */
	while (((rd32(s, SMMU_CMDQ_CONS) ^ s->cmdq_prod) & wrap_mask) == size)
		asm volatile("yield");
	slot = s->cmdq + 2 * (s->cmdq_prod & mask);
	slot[0] = c0;
	slot[1] = c1;
	dsb(ishst);
	s->cmdq_prod = (s->cmdq_prod + 1) & wrap_mask;
	wr32(s, SMMU_CMDQ_PROD, s->cmdq_prod);
}

/* CMD_SYNC and wait until the unit consumed everything before it. */
int smmu_sync(struct smmu *s)
{
	u32 wrap_mask = (2u << s->cmdq_bits) - 1;
	unsigned int n;

	smmu_cmd(s, CMD_SYNC, 0);	/* CS = 0: completion seen in CONS */
	for (n = 0; n < 1000000; n++) {
		u32 cons = rd32(s, SMMU_CMDQ_CONS);

		if ((rd32(s, SMMU_GERROR) ^ rd32(s, SMMU_GERRORN)) &
		    GERROR_CMDQ_ERR) {
			printk("smmu: unit %u: command error %u at %u\n",
			       s->index, CMDQ_CONS_ERR(cons),
			       cons & wrap_mask);
			return -EIO;
		}
		if ((cons & wrap_mask) == s->cmdq_prod)
			return 0;
		asm volatile("yield");
	}
	printk("smmu: unit %u: command queue timeout\n", s->index);
	return -EIO;
}

u64 smmu_read64_ste(const struct smmu *s, u32 sid, unsigned int dw)
{
	return READ_ONCE(s->strtab[sid * STE_DWORDS + dw]);
}

/*
 * Invalidate the cached STE of @sid: CFGI_STE_RANGE over the two STEs
 * around it rather than CFGI_STE, because QEMU 7.2 finds the device of
 * a CFGI_STE through a bus-number cache that goes stale once a bridge's
 * secondary bus is numbered, and then keeps using the old STE (seen: a
 * quiesced stream kept translating).
 */
static void cfgi_ste(struct smmu *s, u32 sid)
{
	smmu_cmd(s, CMD_CFGI_ALL | CMD_SID(sid), 0);	/* range 2^1 */
	smmu_sync(s);
}

/*
 * A live STE is never seen half written: first invalid, then the other
 * double words, then double word 0 (valid) again, each step made
 * visible with cfgi_ste().
 */
void smmu_write_ste(u32 sid, const u64 *ste)
{
	unsigned int u, i;

	for (u = 0; u < num_smmus; u++) {
		struct smmu *s = &smmus[u];
		u64 *e;

		if (sid >= (1u << s->sid_bits))
			continue;
		e = &s->strtab[sid * STE_DWORDS];
		if (!memcmp(e, ste, STE_DWORDS * sizeof(u64)))
			continue;
		WRITE_ONCE(e[0], 0);
		dsb(ishst);
		cfgi_ste(s, sid);
		for (i = 1; i < STE_DWORDS; i++)
			WRITE_ONCE(e[i], ste[i]);
		dsb(ishst);
		WRITE_ONCE(e[0], ste[0]);
		dsb(ishst);
		cfgi_ste(s, sid);
	}
}

void smmu_invalidate_all(void)
{
	unsigned int u;

	for (u = 0; u < num_smmus; u++) {
		smmu_cmd(&smmus[u], CMD_CFGI_ALL, 31);
		smmu_cmd(&smmus[u], CMD_TLBI_NSNH_ALL, 0);
		smmu_sync(&smmus[u]);
	}
}

/*
 * A linear stream table and each queue must be aligned to their size
 * (the SMMU ignores the address bits below it: QEMU reads a misaligned
 * table from the aligned address below). Sizes are powers of two.
 */
static void *queue_alloc(unsigned int bits, unsigned int entry_bytes)
{
	u64 bytes = (u64)entry_bytes << bits;
	u64 count = (bytes + PAGE_SIZE - 1) / PAGE_SIZE, lead, tail;
	u8 *p = pages_alloc(2 * count - 1);

	if (!p || count == 1)
		return p;
	lead = (((u64)p + count * PAGE_SIZE - 1) & ~(count * PAGE_SIZE - 1)) -
	       (u64)p;
	tail = count - 1 - lead / PAGE_SIZE;
	if (lead)
		pages_free(p, lead / PAGE_SIZE);
	if (tail)
		pages_free(p + lead + count * PAGE_SIZE, tail);
	return p + lead;
}

/*
 * Is there an SMMUv3 at all? A system image may list a unit the machine
 * lacks: its registers then abort (caught by arch_probe_read32 instead
 * of ending the hypervisor) or read as zero (unassigned space on some
 * machines); an AIDR with another major revision than 3 is no SMMUv3
 * either. NULL when the unit looks real.
 */
static const char *absent(const struct smmu *s, u32 *idr0, u32 *idr1,
			  u32 *idr5)
{
	u32 aidr;

	if (arch_probe_read32(s->base + SMMU_IDR0, idr0) ||
	    arch_probe_read32(s->base + SMMU_IDR1, idr1) ||
	    arch_probe_read32(s->base + SMMU_IDR5, idr5) ||
	    arch_probe_read32(s->base + SMMU_AIDR, &aidr))
		return "its registers do not answer (external abort)";
	if (!*idr0 && !*idr1 && !*idr5)
		return "its ID registers read as zero";
	if (aidr & ~0xffu || (aidr >> 4) & 0xf)
		return "its AIDR is not an SMMUv3's";
	return NULL;
}

/* What the unit held before, for iommu_shutdown. */
static void save_state(struct smmu *s)
{
	s->old_cr1 = rd32(s, SMMU_CR1);
	s->old_cr2 = rd32(s, SMMU_CR2);
	s->old_gbpa = rd32(s, SMMU_GBPA) & ~GBPA_UPDATE;
	s->old_irq_ctrl = rd32(s, SMMU_IRQ_CTRL);
	s->old_strtab = rd64(s, SMMU_STRTAB_BASE);
	s->old_strtab_cfg = rd32(s, SMMU_STRTAB_BASE_CFG);
	s->old_cmdq = rd64(s, SMMU_CMDQ_BASE);
	s->old_evtq = rd64(s, SMMU_EVENTQ_BASE);
	s->taken = true;
}

/* Bring one unit up with every stream blocked; 0 or -errno. */
static int smmu_probe(struct smmu *s, const struct jh_iommu *unit,
		      unsigned int index, unsigned int want_sid_bits)
{
	const char *prefix = boot.late ? "jh: enable refused: " :
					 "jh: boot error: ";
	u32 idr0, idr1, idr5;
	const char *why;
	unsigned int i;

	s->base = unit->base;
	s->index = index;
	s->taken = false;
	if (!unit->base || !ALIGNED(unit->base, 0x10000) ||
	    unit->size < SMMU_MMIO_SIZE) {
		printk("%sIOMMU unit %u (SMMUv3 at 0x%lx): registers not "
		       "64 KiB aligned or smaller than 128 KiB\n", prefix,
		       index, unit->base);
		return -EINVAL;
	}
	if (arch_map_hv_device(unit->base, SMMU_MMIO_SIZE))
		return -ENOMEM;
	why = absent(s, &idr0, &idr1, &idr5);
	if (why) {
		printk("%sIOMMU unit %u: no SMMUv3 at 0x%lx: %s (does the "
		       "machine have it?)\n", prefix, index, unit->base, why);
		return -EINVAL;
	}
	why = smmu_idr_problem(idr0, idr5);
	if (why) {
		printk("%sIOMMU unit %u (SMMUv3 at 0x%lx): %s\n", prefix,
		       index, unit->base, why);
		return -EINVAL;
	}
	/*
	 * Late launch: a unit Linux has enabled carries Linux's DMA
	 * through Linux's own tables; taking it over would cut that DMA
	 * off behind Linux's back. Refuse, before anything is written.
	 */
	if (boot.late && (rd32(s, SMMU_CR0) & CR0_SMMUEN)) {
		printk("jh: enable refused: IOMMU unit %u: the SMMU at 0x%lx "
		       "is in use by Linux (SMMUEN set): boot Linux without "
		       "its SMMUv3 driver (initcall_blacklist="
		       "arm_smmu_driver_init when built in, "
		       "module_blacklist=arm_smmu_v3), or "
		       "leave the unit out of the system image\n", index,
		       unit->base);
		return -EBUSY;
	}
	s->sid_bits = MIN(IDR1_SIDSIZE(idr1), want_sid_bits);
	s->cmdq_bits = MIN(IDR1_CMDQS(idr1), SMMU_CMDQ_BITS);
	s->evtq_bits = MIN(IDR1_EVENTQS(idr1), SMMU_EVTQ_BITS);
	s->oas = IDR5_OAS(idr5);
	s->idr0 = idr0;
	s->idr5 = idr5;
	for (i = 0; i < ARRAY_SIZE(known_irqs); i++)
		if (known_irqs[i].base == unit->base) {
			s->evt_irq = known_irqs[i].evt_irq;
			s->gerr_irq = known_irqs[i].gerr_irq;
		}

	save_state(s);
	/* off first (a previous owner may have left it on) */
	if (!write_cr0(s, 0))
		goto timeout;
	/* should it ever be turned off: abort, not bypass */
	wr32(s, SMMU_GBPA, GBPA_UPDATE | GBPA_ABORT);
	wait_reg(s, SMMU_GBPA, GBPA_UPDATE, 0);

	s->strtab = queue_alloc(s->sid_bits, STE_DWORDS * 8);
	s->cmdq = queue_alloc(s->cmdq_bits, 16);
	s->evtq = queue_alloc(s->evtq_bits, EVT_DWORDS * 8);
	if (!s->strtab || !s->cmdq || !s->evtq)
		return -ENOMEM;
	/* all STEs invalid (zero) until smmu_streams_init writes them */
	wr32(s, SMMU_CR1, CR1_WB_INNER_SH);
	wr32(s, SMMU_CR2, CR2_RECINVSID);
	wr64(s, SMMU_STRTAB_BASE, Q_BASE_RA_WA |
	     ((u64)s->strtab & ADDR_MASK_51_6));
	wr32(s, SMMU_STRTAB_BASE_CFG, s->sid_bits);	/* linear */
	wr64(s, SMMU_CMDQ_BASE, Q_BASE_RA_WA |
	     ((u64)s->cmdq & ADDR_MASK_51_5) | s->cmdq_bits);
	s->cmdq_prod = 0;
	wr32(s, SMMU_CMDQ_PROD, 0);
	wr32(s, SMMU_CMDQ_CONS, 0);
	wr64(s, SMMU_EVENTQ_BASE, Q_BASE_RA_WA |
	     ((u64)s->evtq & ADDR_MASK_51_5) | s->evtq_bits);
	s->evtq_cons = 0;
	wr32(s, SMMU_EVENTQ_PROD, 0);
	wr32(s, SMMU_EVENTQ_CONS, 0);

	if (!write_cr0(s, CR0_CMDQEN))
		goto timeout;
	smmu_cmd(s, CMD_CFGI_ALL, 31);
	smmu_cmd(s, CMD_TLBI_NSNH_ALL, 0);
	smmu_cmd(s, CMD_TLBI_EL2_ALL, 0);
	if (smmu_sync(s))
		return -EIO;
	if (!write_cr0(s, CR0_CMDQEN | CR0_EVENTQEN))
		goto timeout;
	if (s->evt_irq) {
		wr32(s, SMMU_IRQ_CTRL, IRQ_CTRL_EVENTQ | IRQ_CTRL_GERROR);
		wait_reg(s, SMMU_IRQ_CTRLACK, 0xffffffff,
			 IRQ_CTRL_EVENTQ | IRQ_CTRL_GERROR);
	}
	printk("smmu: unit %u at 0x%lx: %s%s, %u-bit stream IDs (table of "
	       "%u), event interrupt %u\n", index, unit->base,
	       idr0 & IDR0_S1P ? "stage 1" : "",
	       idr0 & IDR0_S2P ? (idr0 & IDR0_S1P ? " and 2" : "stage 2") :
	       " only", IDR1_SIDSIZE(idr1), 1u << s->sid_bits, s->evt_irq);
	return 0;

timeout:
	printk("%sIOMMU unit %u: no acknowledgement from the SMMU\n",
	       prefix, index);
	return -EIO;
}

/* Stream-table index bits for the highest stream ID of the boot images. */
static unsigned int wanted_sid_bits(void)
{
	unsigned int bits = SMMU_MIN_SID_BITS, c, i;

	for (c = 0; c < num_cells; c++) {
		const u32 *ids = jh_cell_stream_ids(cells[c].desc);

		for (i = 0; i < cells[c].desc->num_stream_ids; i++)
			while (bits < SMMU_MAX_SID_BITS && ids[i] >> bits)
				bits++;
	}
	return bits;
}

/* One stage for every unit (they share the stream table entries). */
static int pick_stage(void)
{
	u32 idr0[JH_MAX_IOMMU_UNITS], idr5[JH_MAX_IOMMU_UNITS];
	unsigned int i, bad = 0, stage;

	for (i = 0; i < num_smmus; i++) {
		idr0[i] = smmus[i].idr0;
		idr5[i] = smmus[i].idr5;
	}
	stage = smmu_pick_stage(idr0, idr5, num_smmus, arm64_ipa_bits(),
				&bad);
	if (!stage) {
		printk("%sIOMMU unit %u: stage 2 only, but "
		       "stage 1 is needed (another unit has no stage 2, or "
		       "guest addresses of %u bits exceed its input size)\n",
		       boot.late ? "jh: enable refused: " : "jh: boot error: ",
		       smmus[bad].index, arm64_ipa_bits());
		return -EINVAL;
	}
	smmu_stage2 = stage == 2;
	return 0;
}

int iommu_init(void)
{
	const struct jh_system_desc *sys = boot.system;
	unsigned int i, c, want = wanted_sid_bits();
	int err;

	smmu_num_sids = 1u << want;
	for (i = 0; i < JH_MAX_IOMMU_UNITS; i++) {
		if (sys->iommu_units[i].type != JH_IOMMU_SMMUV3)
			continue;
		err = smmu_probe(&smmus[num_smmus], &sys->iommu_units[i], i,
				 want);
		if (err)
			return err;
		smmu_num_sids = MIN(smmu_num_sids,
				    1u << smmus[num_smmus].sid_bits);
		num_smmus++;
	}
	if (!num_smmus) {
		for (c = 0; c < num_cells; c++)
			if (cells[c].desc->num_stream_ids)
				printk("jh: warning: cell '%s': stream IDs "
				       "ignored: the system has no SMMUv3\n",
				       cells[c].name);
		return 0;
	}
	err = pick_stage();
	if (err)
		return err;
	for (c = 0; c < num_cells; c++) {
		err = iommu_check_cell(cells[c].desc, cells[c].name,
				       &cells[c]);
		if (err)
			return err;
	}
	printk("smmu: DMA isolation with %s\n", smmu_stage2 ?
	       "stage 2 (the cells' own stage-2 tables)" :
	       "hypervisor-owned stage-1 tables (no stage 2 in the SMMU)");
	err = smmu_streams_init();
	if (err)
		return err;
	for (i = 0; i < num_smmus; i++) {
		struct smmu *s = &smmus[i];

		if (!write_cr0(s, CR0_CMDQEN | CR0_EVENTQEN | CR0_SMMUEN)) {
			printk("jh: boot error: IOMMU unit %u: does not "
			       "enable\n", s->index);
			return -EIO;
		}
		if (s->evt_irq) {
			arch_hv_irq_enable(s->evt_irq, smmu_irq);
			arch_hv_irq_enable(s->gerr_irq, smmu_irq);
		}
	}
	return 0;
}

void iommu_shutdown(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(smmus); i++) {
		struct smmu *s = &smmus[i];

		if (!s->taken)
			continue;
		/* off first: from here on it reads none of our memory */
		if (!write_cr0(s, 0))
			printk("smmu: unit %u: does not turn off\n", s->index);
		wr32(s, SMMU_IRQ_CTRL, s->old_irq_ctrl);
		wait_reg(s, SMMU_IRQ_CTRLACK, 0xffffffff, s->old_irq_ctrl);
		/* Linux did not use them (it did not drive the unit) */
		if (s->evt_irq) {
			arch_hv_irq_disable(s->evt_irq);
			arch_hv_irq_disable(s->gerr_irq);
		}
		wr32(s, SMMU_GBPA, GBPA_UPDATE | s->old_gbpa);
		wait_reg(s, SMMU_GBPA, GBPA_UPDATE, 0);
		wr32(s, SMMU_CR1, s->old_cr1);
		wr32(s, SMMU_CR2, s->old_cr2);
		wr64(s, SMMU_STRTAB_BASE, s->old_strtab);
		wr32(s, SMMU_STRTAB_BASE_CFG, s->old_strtab_cfg);
		wr64(s, SMMU_CMDQ_BASE, s->old_cmdq);
		wr32(s, SMMU_CMDQ_PROD, 0);
		wr32(s, SMMU_CMDQ_CONS, 0);
		wr64(s, SMMU_EVENTQ_BASE, s->old_evtq);
		wr32(s, SMMU_EVENTQ_PROD, 0);
		wr32(s, SMMU_EVENTQ_CONS, 0);
		printk("smmu: unit %u at 0x%lx handed back: off (SMMUEN "
		       "clear), GBPA 0x%x as found\n", s->index, s->base,
		       s->old_gbpa);
		s->taken = false;
	}
	num_smmus = 0;
}
