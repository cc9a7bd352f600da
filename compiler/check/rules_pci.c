// SPDX-License-Identifier: GPL-2.0-only
/*
 * PCI rules: ownership, bridges, BAR windows, DMA isolation, MSI-X and
 * capability tables.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

static bool is_physical(const struct jh_pci_dev *p)
{
	return p->type == JH_PCI_TYPE_DEVICE || p->type == JH_PCI_TYPE_BRIDGE;
}

static const char *dev_label(const struct jh_pci_dev *p, char *buf,
			     size_t size)
{
	if (p->name) {
		snprintf(buf, size, "'%s' (%04x:%02x:%02x.%x)", p->name,
			 p->domain, p->bdf >> 8, (p->bdf >> 3) & 0x1f,
			 p->bdf & 7);
	} else {
		snprintf(buf, size, "%04x:%02x:%02x.%x", p->domain,
			 p->bdf >> 8, (p->bdf >> 3) & 0x1f, p->bdf & 7);
	}
	return buf;
}

struct pci_use {
	uint32_t key;	/* domain << 16 | bdf */
	size_t cell, item;
};

static int use_cmp(const void *pa, const void *pb)
{
	const struct pci_use *a = pa, *b = pb;

	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

JH_RULE_FN(check_pci_multiple_cells)
{
	JH_VEC(struct pci_use) uses = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			struct pci_use *u;

			if (!is_physical(p))
				continue;
			u = jh_vec_push(&uses);
			u->key = (uint32_t)p->domain << 16 | p->bdf;
			u->cell = c;
			u->item = i;
		}
	}
	if (uses.n > 1)
		qsort(uses.v, uses.n, sizeof(*uses.v), use_cmp);
	for (size_t i = 1; i < uses.n; i++) {
		const struct pci_use *a = &uses.v[i - 1], *b = &uses.v[i];
		const struct jh_cell *ca, *cb;
		const struct jh_pci_dev *pa, *pb;
		char buf[80];
		struct jh_diag *g;

		if (a->key != b->key || a->cell == b->cell)
			continue;
		ca = &sys->cells.v[a->cell];
		cb = &sys->cells.v[b->cell];
		pa = &ca->pci.v[a->item];
		pb = &cb->pci.v[b->item];
		g = jh_rule_report(rule, d, pb->loc,
			"PCI device %s is given to cell '%s' and to cell '%s'",
			dev_label(pb, buf, sizeof(buf)), jh_cell_label(cb),
			jh_cell_label(ca));
		jh_diag_note(g, pa->loc, "cell '%s' lists it here",
			     jh_cell_label(ca));
		jh_diag_hint(g, "give the device to one cell only");
	}
	free(uses.v);
}

/* The board device a cell entry stands for, or -1. */
static long board_index(const struct jh_board *b, const struct jh_pci_dev *p)
{
	if (p->board_dev >= 0 && (size_t)p->board_dev < b->pci_devices.n)
		return p->board_dev;
	if (!is_physical(p))
		return -1;
	for (size_t i = 0; i < b->pci_devices.n; i++)
		if (b->pci_devices.v[i].domain == p->domain &&
		    b->pci_devices.v[i].bdf == p->bdf)
			return (long)i;
	return -1;
}

/* Non-root cell (and its entry) that lists board device `idx`, or -1. */
static long nonroot_owner(const struct jh_system *sys, long idx,
			  const struct jh_pci_dev **entry)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pci.n; i++) {
			if (board_index(sys->board, &cell->pci.v[i]) == idx) {
				*entry = &cell->pci.v[i];
				return (long)c;
			}
		}
	}
	return -1;
}

JH_RULE_FN(check_pci_bridge_other_cell)
{
	const struct jh_board *b = sys->board;

	if (!b)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			const struct jh_pci_dev *bridge_entry = NULL;
			long bi = board_index(b, p), owner;
			const struct jh_board_pci_device *bd;
			char buf[80];
			struct jh_diag *g;

			if (bi < 0)
				continue;
			bd = &b->pci_devices.v[bi];
			if (bd->bridge < 0 ||
			    (size_t)bd->bridge >= b->pci_devices.n)
				continue;
			owner = nonroot_owner(sys, bd->bridge, &bridge_entry);
			if (owner < 0 || owner == (long)c)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"PCI device %s of cell '%s' sits behind a "
				"bridge that cell '%s' owns",
				dev_label(p, buf, sizeof(buf)),
				jh_cell_label(cell),
				jh_cell_label(&sys->cells.v[owner]));
			jh_diag_note(g, bridge_entry->loc,
				     "the bridge is given here");
			jh_diag_hint(g, "keep a bridge and the devices behind "
				     "it in one cell, or leave the bridge to "
				     "the root cell");
		}
	}
}

enum { WIN_BAR = 0, WIN_RAM = 1, WIN_MMIO = 2 };

struct bar_ctx {
	const struct jh_rule *rule;
	const struct jh_system *sys;
	struct jh_diags *d;
};

static bool bar_conflict(const struct jh_span *a, const struct jh_span *b,
			 void *ctx)
{
	(void)ctx;
	if (a->tag != WIN_BAR && b->tag != WIN_BAR)
		return false;	/* RAM/MMIO among themselves: not our rule */
	return true;
}

static struct jh_loc window_loc(const struct bar_ctx *ctx,
				const struct jh_span *s)
{
	const struct jh_board *b = ctx->sys->board;
	const struct jh_pci_dev *entry = NULL;

	switch (s->tag) {
	case WIN_BAR:
		/* the cell that really gets the BAR: a non-root one first */
		for (size_t c = 0; c < ctx->sys->cells.n; c++) {
			const struct jh_cell *cell = &ctx->sys->cells.v[c];

			for (size_t i = 0; i < cell->pci.n; i++)
				if (board_index(b, &cell->pci.v[i]) ==
				    (long)s->cell && (!entry || !cell->is_root))
					entry = &cell->pci.v[i];
		}
		return entry ? jh_loc_or(entry->loc,
					 b->pci_devices.v[s->cell].loc) :
			       b->pci_devices.v[s->cell].loc;
	case WIN_RAM:
		return b->ram.v[s->cell].loc;
	default:
		return b->devices.v[s->cell].mmio.v[s->item].loc;
	}
}

static void window_name(const struct bar_ctx *ctx, const struct jh_span *s,
			char *buf, size_t size)
{
	const struct jh_board *b = ctx->sys->board;
	const char *name;

	switch (s->tag) {
	case WIN_BAR:
		name = b->pci_devices.v[s->cell].name;
		snprintf(buf, size, "BAR%zu of PCI device '%s'", s->item,
			 name ? name : "?");
		break;
	case WIN_RAM:
		name = b->ram.v[s->cell].name;
		snprintf(buf, size, "RAM '%s'", name ? name : "?");
		break;
	default:
		name = b->devices.v[s->cell].name;
		snprintf(buf, size, "device '%s'", name ? name : "?");
		break;
	}
}

/* Is the BAR's device given to a non-root cell? */
static bool bar_in_nonroot(const struct bar_ctx *ctx, const struct jh_span *s)
{
	if (s->tag != WIN_BAR)
		return false;
	for (size_t c = 0; c < ctx->sys->cells.n; c++) {
		const struct jh_cell *cell = &ctx->sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n && !cell->is_root; i++)
			if (board_index(ctx->sys->board, &cell->pci.v[i]) ==
			    (long)s->cell)
				return true;
	}
	return false;
}

static void bar_report(const struct jh_span *a, const struct jh_span *b,
		       void *pctx)
{
	struct bar_ctx *ctx = pctx;
	char na[96], nb[96];
	struct jh_diag *g;

	/* point at the BAR (of a non-root cell if there is one); the other
	 * party gets the note */
	if (a->tag != WIN_BAR ||
	    (bar_in_nonroot(ctx, b) && !bar_in_nonroot(ctx, a))) {
		const struct jh_span *t = a;

		a = b;
		b = t;
	}
	window_name(ctx, a, na, sizeof(na));
	window_name(ctx, b, nb, sizeof(nb));
	g = jh_rule_report(ctx->rule, ctx->d, window_loc(ctx, a),
		"%s (0x%" PRIx64 "..0x%" PRIx64 ") overlaps %s", na, a->start,
		a->end - 1, nb);
	jh_diag_note(g, window_loc(ctx, b), "%s is here", nb);
	jh_diag_hint(g, "fix the BAR addresses in the board description "
		     "(the firmware assigned them elsewhere)");
}

JH_RULE_FN(check_pci_bar_overlap)
{
	const struct jh_board *b = sys->board;
	struct bar_ctx ctx = { rule, sys, d };
	jh_span_vec spans = { 0 };
	bool *used;

	if (!b)
		return;
	/* only devices some cell is given can do harm */
	used = jh_xcalloc(b->pci_devices.n + 1, sizeof(*used));
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			long bi = board_index(b, &cell->pci.v[i]);

			if (bi >= 0)
				used[bi] = true;
		}
	}
	for (size_t i = 0; i < b->pci_devices.n; i++) {
		if (!used[i])
			continue;
		for (size_t k = 0; k < JH_PCI_NUM_BARS; k++) {
			const struct jh_board_bar *bar =
				&b->pci_devices.v[i].bars[k];

			if (bar->size && !bar->io)
				jh_span_push(&spans, bar->start, bar->size, i,
					     k, WIN_BAR);
		}
	}
	for (size_t i = 0; i < b->ram.n; i++)
		jh_span_push(&spans, b->ram.v[i].start, b->ram.v[i].size, i, 0,
			     WIN_RAM);
	for (size_t i = 0; i < b->devices.n; i++)
		for (size_t k = 0; k < b->devices.v[i].mmio.n; k++)
			jh_span_push(&spans, b->devices.v[i].mmio.v[k].start,
				     b->devices.v[i].mmio.v[k].size, i, k,
				     WIN_MMIO);
	jh_spans_sweep(spans.v, spans.n, bar_conflict, bar_report, &ctx);
	free(spans.v);
	free(used);
}

static bool system_has_iommu(const struct jh_system *sys)
{
	for (size_t i = 0; i < JH_MAX_IOMMU_UNITS; i++)
		if (sys->iommu_units[i].type != JH_IOMMU_NONE)
			return true;
	return false;
}

/*
 * Stream-based IOMMUs (SMMU, PVU) translate only the stream IDs they are
 * given: a device behind one without a stream ID is not translated.
 */
static bool stream_based(uint32_t type)
{
	return type == JH_IOMMU_SMMUV3 || type == JH_IOMMU_PVU ||
	       type == JH_IOMMU_ARM_MMU500;
}

/* Does the IOMMU the device names translate for it? */
static bool pci_translated(const struct jh_system *sys,
			   const struct jh_cell *cell,
			   const struct jh_pci_dev *p, long bi)
{
	if (bi >= 0) {
		const struct jh_board_pci_device *bd =
			&sys->board->pci_devices.v[bi];

		if (bd->stream_ids.n)
			return true;
		return bd->iommu >= 0 &&
		       !((size_t)bd->iommu < sys->board->iommus.n &&
			 stream_based(sys->board->iommus.v[bd->iommu].type));
	}
	if (!system_has_iommu(sys))
		return false;
	/* image form: stream IDs are per cell, not per device */
	return cell->stream_ids.n || p->iommu >= JH_MAX_IOMMU_UNITS ||
	       !stream_based(sys->iommu_units[p->iommu].type);
}

JH_RULE_FN(check_pci_dma_no_iommu)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			long bi = sys->board ? board_index(sys->board, p) : -1;
			char buf[80];
			struct jh_diag *g;

			if (p->type != JH_PCI_TYPE_DEVICE ||
			    (bi >= 0 && !sys->board->pci_devices.v[bi].dma) ||
			    pci_translated(sys, cell, p, bi))
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"DMA-capable PCI device %s is given to cell "
				"'%s', but no IOMMU translates for it",
				dev_label(p, buf, sizeof(buf)),
				jh_cell_label(cell));
			if (bi >= 0)
				jh_diag_note(g, sys->board->pci_devices.v[bi].loc,
					     "the board describes the device "
					     "here");
			jh_diag_hint(g, "without an IOMMU the device can read "
				     "and write any memory, breaking "
				     "isolation; put it behind an IOMMU (an "
				     "SMMU needs its stream IDs) or leave it "
				     "to the root cell");
		}
	}
}

JH_RULE_FN(check_pci_msix_table)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			uint32_t need = (uint32_t)p->num_msix_vectors * 16;
			char buf[80];
			struct jh_diag *g;

			/* ivshmem: the hypervisor emulates the table */
			if (!p->num_msix_vectors ||
			    p->type == JH_PCI_TYPE_IVSHMEM ||
			    (p->msix_address && p->msix_region_size >= need))
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"PCI device %s has %u MSI-X vectors, but its "
				"MSI-X table window (0x%" PRIx64 ", size 0x%x) "
				"does not cover them (0x%x bytes needed)",
				dev_label(p, buf, sizeof(buf)),
				p->num_msix_vectors, p->msix_address,
				p->msix_region_size, need);
			jh_diag_hint(g, "set the MSI-X table address and a "
				     "size of at least 16 bytes per vector");
		}
	}
}

JH_RULE_FN(check_pci_caps_range)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			char buf[80];
			struct jh_diag *g;

			if ((size_t)p->caps_start + p->num_caps <=
			    cell->caps.n)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"PCI device %s refers to capabilities %u..%u, "
				"but cell '%s' has only %zu",
				dev_label(p, buf, sizeof(buf)), p->caps_start,
				p->caps_start + p->num_caps - 1,
				jh_cell_label(cell), cell->caps.n);
			jh_diag_hint(g, "fix caps-start / num-caps");
		}
		for (size_t i = 0; i < cell->caps.n; i++) {
			const struct jh_pci_cap *cap = &cell->caps.v[i];
			uint32_t limit = cap->id & JH_PCI_EXT_CAP ? 0x1000 :
					 0x100;
			struct jh_diag *g;

			if ((uint32_t)cap->start + cap->len <= limit)
				continue;
			g = jh_rule_report(rule, d, cap->loc,
				"PCI capability %zu of cell '%s' (0x%x..+0x%x) "
				"runs past the end of the %s configuration "
				"space (0x%x)", i, jh_cell_label(cell),
				cap->start, cap->len,
				limit == 0x100 ? "standard" : "extended",
				limit);
			jh_diag_hint(g, "check the capability's start and "
				     "length");
		}
	}
}

JH_RULE_FN(check_pci_bus_range)
{
	if (!sys->pci_mmconfig_base)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			char buf[80];
			struct jh_diag *g;

			if (!is_physical(p) || p->domain != sys->pci_domain ||
			    (p->bdf >> 8) <= sys->pci_mmconfig_end_bus)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"PCI device %s is on bus %u, beyond the last "
				"bus (%u) of the configuration space window",
				dev_label(p, buf, sizeof(buf)), p->bdf >> 8,
				sys->pci_mmconfig_end_bus);
			jh_diag_hint(g, "raise the host bridge's end bus or "
				     "fix the BDF");
		}
	}
}
