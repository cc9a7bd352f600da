// SPDX-License-Identifier: GPL-2.0-only
/*
 * IOMMU / SMMU rules: stream IDs, unit references, and cells that could
 * reprogram the translation hardware.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

struct sid_use {
	uint32_t id;
	size_t cell, item;
};

static int sid_cmp(const void *pa, const void *pb)
{
	const struct sid_use *a = pa, *b = pb;

	if (a->id != b->id)
		return a->id < b->id ? -1 : 1;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

JH_RULE_FN(check_iommu_stream_id_multiple)
{
	JH_VEC(struct sid_use) uses = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->stream_ids.n; i++) {
			struct sid_use *u = jh_vec_push(&uses);

			u->id = cell->stream_ids.v[i].id;
			u->cell = c;
			u->item = i;
		}
	}
	if (uses.n > 1)
		qsort(uses.v, uses.n, sizeof(*uses.v), sid_cmp);
	for (size_t i = 1; i < uses.n; i++) {
		const struct sid_use *a = &uses.v[i - 1], *b = &uses.v[i];
		const struct jh_cell *ca, *cb;
		struct jh_diag *g;

		if (a->id != b->id || a->cell == b->cell)
			continue;
		ca = &sys->cells.v[a->cell];
		cb = &sys->cells.v[b->cell];
		g = jh_rule_report(rule, d, cb->stream_ids.v[b->item].loc,
			"stream ID 0x%x is given to cell '%s' and to cell '%s'",
			b->id, jh_cell_label(cb), jh_cell_label(ca));
		jh_diag_note(g, ca->stream_ids.v[a->item].loc,
			     "cell '%s' lists it here", jh_cell_label(ca));
		jh_diag_hint(g, "a stream ID selects one translation; give "
			     "the device to one cell");
	}
	free(uses.v);
}

static bool has_stream_unit(const struct jh_system *sys)
{
	for (size_t i = 0; i < JH_MAX_IOMMU_UNITS; i++) {
		uint32_t t = sys->iommu_units[i].type;

		if (t == JH_IOMMU_SMMUV3 || t == JH_IOMMU_PVU ||
		    t == JH_IOMMU_ARM_MMU500)
			return true;
	}
	return false;
}

JH_RULE_FN(check_iommu_stream_id_no_unit)
{
	if (has_stream_unit(sys))
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		struct jh_diag *g;

		if (!cell->stream_ids.n)
			continue;
		g = jh_rule_report(rule, d, cell->stream_ids.v[0].loc,
			"cell '%s' lists stream IDs, but the system has no "
			"SMMU or PVU to apply them", jh_cell_label(cell));
		jh_diag_hint(g, "describe the SMMU in the system, or remove "
			     "the stream IDs");
	}
}

JH_RULE_FN(check_iommu_index)
{
	bool any = false;

	for (size_t i = 0; i < JH_MAX_IOMMU_UNITS; i++)
		any |= sys->iommu_units[i].type != JH_IOMMU_NONE;
	if (!any)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			struct jh_diag *g;

			if (p->type == JH_PCI_TYPE_IVSHMEM ||
			    (p->iommu < JH_MAX_IOMMU_UNITS &&
			     sys->iommu_units[p->iommu].type != JH_IOMMU_NONE))
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"PCI device %02x:%02x.%x of cell '%s' names "
				"IOMMU unit %u, which does not exist",
				p->bdf >> 8, (p->bdf >> 3) & 0x1f, p->bdf & 7,
				jh_cell_label(cell), p->iommu);
			jh_diag_hint(g, "use the index of the unit that "
				     "translates for the device");
		}
	}
}

JH_RULE_FN(check_iommu_mmio_mapped)
{
	for (size_t u = 0; u < JH_MAX_IOMMU_UNITS; u++) {
		const struct jh_iommu_unit *unit = &sys->iommu_units[u];
		uint64_t end;

		if (unit->type == JH_IOMMU_NONE || !unit->size)
			continue;
		end = jh_end_sat(unit->base, unit->size);
		for (size_t c = 0; c < sys->cells.n; c++) {
			const struct jh_cell *cell = &sys->cells.v[c];

			for (size_t i = 0; i < cell->mem.n; i++) {
				const struct jh_region *r = &cell->mem.v[i];
				struct jh_diag *g;

				if (jh_region_is_comm(r) || !r->size ||
				    r->phys_start >= end ||
				    jh_end_sat(r->phys_start, r->size) <=
				    unit->base)
					continue;
				g = jh_rule_report(rule, d, r->loc,
					"memory region %zu of cell '%s' maps "
					"the registers of IOMMU unit %zu "
					"(0x%" PRIx64 ")", i,
					jh_cell_label(cell), u, unit->base);
				jh_diag_note(g, unit->loc,
					     "the unit is described here");
				jh_diag_hint(g, "a cell that can program the "
					     "IOMMU can turn off DMA "
					     "isolation; remove the mapping");
			}
		}
	}
}

JH_RULE_FN(check_dma_device_no_iommu)
{
	const struct jh_board *b = sys->board;
	jh_span_vec wins = { 0 };

	if (!b)
		return;
	jh_board_device_windows(b, &wins);
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		long last = -1;

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			long di = jh_region_board_device(b, &wins, r);
			const struct jh_board_device *dev;
			struct jh_diag *g;

			if (di < 0 || di == last)
				continue;
			last = di;
			dev = &b->devices.v[di];
			/* an SMMU or PVU translates stream IDs only */
			if (!dev->dma || dev->stream_ids.n ||
			    (dev->iommu >= 0 &&
			     !((size_t)dev->iommu < b->iommus.n &&
			       (b->iommus.v[dev->iommu].type ==
				JH_IOMMU_SMMUV3 ||
				b->iommus.v[dev->iommu].type == JH_IOMMU_PVU ||
				b->iommus.v[dev->iommu].type ==
				JH_IOMMU_ARM_MMU500))))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"cell '%s' is given device '%s', which can do "
				"DMA, but no IOMMU translates for it",
				jh_cell_label(cell), dev->name ? dev->name : "?");
			jh_diag_note(g, dev->loc, "the board describes the "
				     "device here");
			jh_diag_hint(g, "give the device its IOMMU and stream "
				     "IDs in the board, or leave it to the root "
				     "cell");
		}
	}
	free(wins.v);
}
