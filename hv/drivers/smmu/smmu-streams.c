// SPDX-License-Identifier: GPL-2.0-only
/*
 * Which cell owns which stream, and the translation each stream gets.
 *
 * Ownership: a non-root cell owns the stream IDs its image lists; the
 * root cell owns those its image lists that no live non-root cell took;
 * every other stream is owned by nobody. One list applies to every
 * SMMUv3 of the system (the format has no unit per stream ID).
 *
 * Translation: the input address of a device's DMA is a guest-physical
 * address of its cell, translated as the cell's CPUs see it:
 * - stage 2 (every unit has it): the STE points at the cell's own
 *   stage-2 tables (VMID = the cell's), so DMA reaches exactly what the
 *   cell's CPUs reach;
 * - stage 1 only (QEMU 7.2): the hypervisor builds one stage-1 table per
 *   cell, mirroring the RAM of the cell's stage-2 tables (normal memory
 *   only: no device memory, not the comm region page), with one context
 *   descriptor per cell (ASID = cell id + 1, non-global entries).
 * Streams of nobody use an empty translation (every access faults and is
 * reported); quiesced streams abort silently. Everything is recomputed
 * from the cells' current state at every change (iommu_update), so the
 * SMMU follows carving, lending and destruction without bookkeeping of
 * its own.
 */
#include <boot.h>
#include <iommu.h>
#include <page_pool.h>
#include <paging.h>
#include <pci.h>
#include <printk.h>
#include <string.h>
#include <asm/paging.h>
#include <asm/sysregs.h>
#include "smmu.h"

struct stream_state *streams;
unsigned int smmu_num_sids;
struct dma_cell dma_cells[MAX_CELLS];
struct dma_cell dma_unowned;

/* context descriptors: one per cell, the last one the empty translation */
static u64 cds[MAX_CELLS + 1][CD_DWORDS] __aligned(64);
static u64 *empty_table;
static unsigned int out_size;		/* PS/IPS encoding */

static const struct paging_format *dma_format(void)
{
	return arm64_paging(arm64_ipa_bits());
}

static bool lists_sid(const struct jh_cell_desc *d, u32 sid)
{
	const u32 *ids = jh_cell_stream_ids(d);
	unsigned int i;

	for (i = 0; i < d->num_stream_ids; i++)
		if (ids[i] == sid)
			return true;
	return false;
}

static bool live(const struct cell *c, const struct cell *leaving)
{
	return c->exists && !c->released && c != leaving && c->desc;
}

static int stream_owner(u32 sid, const struct cell *leaving)
{
	unsigned int c;

	for (c = 1; c < MAX_CELLS; c++)
		if (live(&cells[c], leaving) && lists_sid(cells[c].desc, sid))
			return (int)c;
	if (live(root_cell(), leaving) && lists_sid(root_cell()->desc, sid))
		return 0;
	return OWNER_NONE;
}

int smmu_stream_bdf(u32 sid)
{
	unsigned int c, i;

	/* QEMU and most SoCs map requester ID = stream ID */
	for (c = 0; c < MAX_CELLS; c++) {
		const struct jh_cell_desc *d = cells[c].desc;
		const struct jh_pci_device *p;

		if (!cells[c].exists || !d)
			continue;
		p = jh_cell_pci_devices(d);
		for (i = 0; i < d->num_pci_devices; i++)
			if (p[i].type == JH_PCI_TYPE_DEVICE &&
			    p[i].bdf == sid &&
			    p[i].iommu < JH_MAX_IOMMU_UNITS &&
			    boot.system->iommu_units[p[i].iommu].type ==
			    JH_IOMMU_SMMUV3)
				return p[i].bdf;
	}
	return -1;
}

/* " (bb:dd.f)" when the stream's PCI device is known, else "". */
const char *smmu_bdf_label(char *buf, u32 sid)
{
	static const char hex[] = "0123456789abcdef";
	int bdf = smmu_stream_bdf(sid);
	unsigned int dev = ((unsigned int)bdf >> 3) & 0x1f;

	if (bdf < 0)
		return "";
	buf[0] = ' ';
	buf[1] = '(';
	buf[2] = hex[(bdf >> 12) & 0xf];
	buf[3] = hex[(bdf >> 8) & 0xf];
	buf[4] = ':';
	buf[5] = hex[dev >> 4];
	buf[6] = hex[dev & 0xf];
	buf[7] = '.';
	buf[8] = hex[bdf & 7];
	buf[9] = ')';
	buf[10] = 0;
	return buf;
}

static void set_where(char *w, const char *name, bool root)
{
	size_t len = strnlen(name, JH_CELL_NAME_MAXLEN);

	if (root) {
		memcpy(w, "root cell", 10);
		return;
	}
	memcpy(w, "cell '", 6);
	memcpy(w + 6, name, len);
	memcpy(w + 6 + len, "'", 2);
}

int iommu_check_cell(const struct jh_cell_desc *d, const char *name,
		     const struct cell *self)
{
	const struct jh_memory *mem = jh_cell_mem_regions(d);
	const u32 *ids = jh_cell_stream_ids(d);
	bool root = self == root_cell();
	char w[48];
	unsigned int i, u, c;

	if (!num_smmus)
		return 0;
	set_where(w, name, root);
	for (i = 0; i < d->num_memory_regions; i++)
		for (u = 0; u < num_smmus; u++)
			if (!(mem[i].flags & JH_MEM_COMM_REGION) &&
			    ranges_overlap(mem[i].phys_start, mem[i].size,
					   smmus[u].base, SMMU_MMIO_SIZE))
				return boot_error(w, "memory region %u maps "
						  "the registers of IOMMU "
						  "unit %u (0x%lx)", i,
						  smmus[u].index,
						  smmus[u].base);
	for (i = 0; i < d->num_stream_ids; i++) {
		int beyond = smmu_sid_verdict(ids[i], smmu_num_sids, root);

		if (beyond == -ERANGE) {
			/* the SMMU aborts it (C_BAD_STREAMID) */
			printk("jh: warning: root cell: stream ID 0x%x beyond "
			       "the %u the stream table holds: its DMA is "
			       "blocked\n", ids[i], smmu_num_sids);
			continue;
		}
		if (beyond)
			return boot_error(w, "stream ID 0x%x beyond the %u "
					  "the stream table holds", ids[i],
					  smmu_num_sids);
		for (c = 1; c < MAX_CELLS && !root; c++)
			if (&cells[c] != self && live(&cells[c], NULL) &&
			    lists_sid(cells[c].desc, ids[i]))
				return boot_error(w, "stream ID 0x%x is "
						  "already cell '%s''s",
						  ids[i], cells[c].name);
	}
	for (u = 0; u < num_smmus && !root; u++)
		for (i = 0; i < 2; i++) {
			unsigned int irq = i ? smmus[u].gerr_irq :
					       smmus[u].evt_irq;
			const struct jh_irqchip *chip = jh_cell_irqchips(d);

			for (c = 0; irq && c < d->num_irqchips; c++)
				if (jh_irqchip_has_pin(&chip[c], irq))
					return boot_error(w, "interrupt %u "
							  "belongs to the "
							  "SMMU", irq);
		}
	return 0;
}

/* Stage-1 leaf for a stage-2 leaf, or 0 when DMA may not use it. */
static u64 s1_attrs(u64 s2)
{
	u64 a = DMA_S1_NORMAL | PTE_SH_INNER | PTE_XN | DMA_S1_PXN |
		DMA_S1_NG | DMA_S1_AP_EL0;

	if ((s2 & (0xfull << 2)) != S2_MEMATTR_NORMAL || !(s2 & S2_AP_READ))
		return 0;
	if (!(s2 & S2_AP_WRITE))
		a |= DMA_S1_AP_RO;
	return a;
}

static int mirror(const struct paging_format *f, u64 *s1, const u64 *table,
		  unsigned int level, u64 va, const struct cell *cell)
{
	unsigned int i;
	int err;

	for (i = 0; i < 512; i++) {
		u64 e = table[i], a = va + ((u64)i << f->shift[level]);
		u64 size = 1ull << f->shift[level], pa, attrs;

		if (!f->valid(e))
			continue;
		if (f->is_table(e, level)) {
			err = mirror(f, s1, (const u64 *)f->entry_phys(e),
				     level + 1, a, cell);
			if (err)
				return err;
			continue;
		}
		pa = f->entry_phys(e);
		attrs = s1_attrs(f->leaf_attrs(e, level));
		/* the comm region is a hypervisor page */
		if (!attrs || (cell->comm && pa == (u64)cell->comm))
			continue;
		err = paging_map(f, s1, a, pa, size, attrs, true);
		if (err)
			return err;
	}
	return 0;
}

/* A new stage-1 table equal to the RAM part of @cell's stage 2. */
static u64 *build_s1(const struct cell *cell)
{
	const struct paging_format *f = dma_format();
	u64 *root = page_alloc();

	if (!root)
		return NULL;
	if (cell->arch.stage2_root &&
	    mirror(f, root, cell->arch.stage2_root, f->first_level, 0, cell)) {
		paging_destroy(f, root);
		return NULL;
	}
	return root;
}

/*
 * A live CD changes only its table pointer, in one store (the other
 * double words are the same every time; the rest stays zero), so that
 * a walker fetching it meanwhile sees the old table or the new one.
 */
static void write_cd(u64 *cd, u64 *ttb, unsigned int asid)
{
	const struct smmu_s1_desc d = {
		.ttb = (u64)ttb, .asid = (u16)asid,
		.in_bits = arm64_ipa_bits(), .ips = out_size,
	};
	u64 v[CD_USED_DWORDS];

	smmu_cd_build(v, &d);
	WRITE_ONCE(cd[1], v[1]);
	cd[3] = v[3];
	dsb(ishst);
	WRITE_ONCE(cd[0], v[0]);
	dsb(ishst);
}

static void ste_for(u64 *ste, int owner, bool quiesced)
{
	const struct smmu_translation t = {
		.stage2 = smmu_stage2,
		.empty_root = (u64)empty_table,
		.empty_cd = (u64)cds[MAX_CELLS],
		.ipa_bits = arm64_ipa_bits(),
		.first_level = dma_format()->first_level,
		.ps = out_size,
	};
	struct smmu_stream s = { .quiesced = quiesced };

	if (owner != OWNER_NONE) {
		s.owned = true;
		s.s2_root = (u64)cells[owner].arch.stage2_root;
		s.vmid = cells[owner].arch.vmid;
		s.cd = (u64)cds[owner];
	}
	smmu_stream_ste(ste, &t, &s);
}

/* Streams changing hands are told on the console. */
static void print_owner(u32 sid, int from, int to)
{
	char bdf[12];

	if (to != OWNER_NONE)
		printk("smmu: stream 0x%04x%s -> cell '%s'\n", sid,
		       smmu_bdf_label(bdf, sid), cells[to].name);
	else if (from != OWNER_NONE)
		printk("smmu: stream 0x%04x%s -> no cell (blocked)\n", sid,
		       smmu_bdf_label(bdf, sid));
}

/* With smmu_lock held. */
static void update_locked(const struct cell *leaving)
{
	const struct paging_format *f = dma_format();
	u64 *old[MAX_CELLS];
	u64 ste[STE_DWORDS];
	unsigned int c, sid;

	/* stage 1: fresh tables first, the old ones freed once unused */
	for (c = 0; c < MAX_CELLS; c++) {
		struct dma_cell *dc = &dma_cells[c];

		old[c] = dc->s1_root;
		dc->s1_root = NULL;
		if (!live(&cells[c], leaving))
			continue;
		if (smmu_stage2)
			continue;
		/* a stopped cell's memory lent to the root: no DMA at all */
		if (!(c > 0 && cells[c].loadable)) {
			dc->s1_root = build_s1(&cells[c]);
			if (!dc->s1_root)
				printk("smmu: out of memory for the DMA tables "
				       "of cell '%s': its DMA is blocked\n",
				       cells[c].name);
		}
		write_cd(cds[c], dc->s1_root ? dc->s1_root : empty_table,
			 c + 1);
	}
	for (sid = 0; sid < smmu_num_sids; sid++) {
		struct stream_state *st = &streams[sid];
		int owner = stream_owner(sid, leaving);

		if (owner != st->owner) {
			print_owner(sid, st->owner, owner);
			st->owner = owner;
			st->quiesced = false;
			st->faults = 0;
		}
		/*
		 * an owner without tables (loadable, out of memory) gets the
		 * empty translation: still its faults
		 */
		ste_for(ste, owner != OWNER_NONE &&
			     ((owner > 0 && cells[owner].loadable) ||
			      (!smmu_stage2 && !dma_cells[owner].s1_root)) ?
			     OWNER_NONE : owner, st->quiesced);
		smmu_write_ste(sid, ste);
	}
	/* CDs and tables may have changed under unchanged STEs */
	smmu_invalidate_all();
	for (c = 0; c < MAX_CELLS; c++)
		if (old[c])
			paging_destroy(f, old[c]);
}

void iommu_update(const struct cell *leaving)
{
	unsigned int u;

	if (!num_smmus)
		return;
	spin_lock(&smmu_lock);
	/* faults of the old configuration are attributed before it goes */
	for (u = 0; u < num_smmus; u++)
		smmu_events_drain(&smmus[u]);
	update_locked(leaving);
	spin_unlock(&smmu_lock);
}

/*
 * A physical PCI device behind the stream also loses bus mastering
 * (core/pci.c); its owner may turn it on again, the abort stays.
 */
static void pci_bus_master_off(u32 sid)
{
	int bdf = smmu_stream_bdf(sid);

	if (bdf >= 0)
		pci_master_off((u16)bdf);
}

void iommu_cell_gone(const struct cell *cell)
{
	if (!num_smmus)
		return;
	iommu_update(cell);
	spin_lock(&smmu_lock);
	/* a new cell in this slot starts from zero */
	memset(&dma_cells[cell->id], 0, sizeof(dma_cells[cell->id]));
	spin_unlock(&smmu_lock);
}

void smmu_stream_quiesce(u32 sid)
{
	u64 ste[STE_DWORDS];

	streams[sid].quiesced = true;
	ste_for(ste, streams[sid].owner, true);
	smmu_write_ste(sid, ste);
	pci_bus_master_off(sid);
}

int smmu_streams_init(void)
{
	u64 bytes = (u64)smmu_num_sids * sizeof(*streams);
	unsigned int u, sid;

	out_size = arm64_pa_range();
	for (u = 0; u < num_smmus; u++)
		out_size = MIN(out_size, smmus[u].oas);
	empty_table = page_alloc();
	streams = pages_alloc((bytes + PAGE_SIZE - 1) / PAGE_SIZE);
	if (!empty_table || !streams) {
		printk("jh: boot error: no memory for the SMMU's streams\n");
		return -ENOMEM;
	}
	write_cd(cds[MAX_CELLS], empty_table, 0);
	for (sid = 0; sid < smmu_num_sids; sid++)
		streams[sid].owner = OWNER_NONE;
	spin_lock(&smmu_lock);
	update_locked(NULL);	/* prints each stream a cell owns */
	spin_unlock(&smmu_lock);
	printk("smmu: every other stream blocked\n");
	return 0;
}
