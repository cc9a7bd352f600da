// SPDX-License-Identifier: GPL-2.0-only
/*
 * Memory rules: region shape, overlaps inside a cell and between cells,
 * the hypervisor's own memory, flags that make no sense on device memory.
 *
 * Non-root cells borrow their memory from the root cell when they are
 * created (the hypervisor unmaps it from the root cell), so overlap with
 * the root cell is the normal case; only overlap between non-root cells,
 * which can run at the same time, is a conflict.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

#define PAGE_MASK_4K (JH_PAGE_SIZE - 1)

static bool is_io(const struct jh_region *r)
{
	return (r->flags & JH_MEM_IO) != 0;
}

static bool is_shared(const struct jh_region *r)
{
	return (r->flags & JH_MEM_ROOTSHARED) ||
	       r->origin.kind == JH_ORIGIN_LINK;
}

static const struct jh_region *span_region(const struct jh_system *sys,
					   const struct jh_span *s)
{
	return &sys->cells.v[s->cell].mem.v[s->item];
}

JH_RULE_FN(check_mem_zero_size)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (r->size != 0 || jh_region_is_ivshmem_rw(cell, i))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' has size 0",
				i, jh_cell_label(cell));
			jh_diag_hint(g, "give the region a size or remove it");
		}
	}
}

JH_RULE_FN(check_mem_wrap)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;
			bool phys, virt;

			if (r->size == 0)
				continue;
			phys = !jh_region_is_comm(r) &&
			       r->phys_start + (r->size - 1) < r->phys_start;
			virt = r->virt_start + (r->size - 1) < r->virt_start;
			if (!phys && !virt)
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' wraps around "
				"the end of the %s address space (start "
				"0x%" PRIx64 ", size 0x%" PRIx64 ")",
				i, jh_cell_label(cell),
				phys ? "physical" : "guest",
				phys ? r->phys_start : r->virt_start, r->size);
			jh_diag_hint(g, "check the start address and size");
		}
	}
}

JH_RULE_FN(check_mem_unaligned)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			uint64_t phys = jh_region_is_comm(r) ? 0 :
					r->phys_start;
			struct jh_diag *g;

			if (is_io(r) || r->size == 0 ||
			    !((phys | r->virt_start | r->size) & PAGE_MASK_4K))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' is not 4 KiB "
				"aligned (phys 0x%" PRIx64 ", virt 0x%" PRIx64
				", size 0x%" PRIx64 ")", i, jh_cell_label(cell),
				r->phys_start, r->virt_start, r->size);
			jh_diag_hint(g, "round start and size to 4 KiB; only "
				     "trapped I/O regions may be sub-page");
		}
	}
}

/* Overlaps inside one cell: the same sweep on guest or host addresses. */
struct in_cell_ctx {
	const struct jh_rule *rule;
	const struct jh_system *sys;
	struct jh_diags *d;
	bool virt;
};

static bool always_conflict(const struct jh_span *a, const struct jh_span *b,
			    void *ctx)
{
	(void)a;
	(void)b;
	(void)ctx;
	return true;
}

static void report_in_cell(const struct jh_span *a, const struct jh_span *b,
			   void *pctx)
{
	struct in_cell_ctx *ctx = pctx;
	const struct jh_cell *cell = &ctx->sys->cells.v[a->cell];
	const struct jh_region *ra = span_region(ctx->sys, a);
	const struct jh_region *rb = span_region(ctx->sys, b);
	struct jh_diag *g;

	g = jh_rule_report(ctx->rule, ctx->d, ra->loc,
		"memory region %zu of cell '%s' overlaps region %zu in %s "
		"memory at 0x%" PRIx64, a->item, jh_cell_label(cell), b->item,
		ctx->virt ? "guest" : "physical", a->start);
	jh_diag_note(g, rb->loc, "region %zu is here", b->item);
	jh_diag_hint(g, ctx->virt ?
		     "move one region to a free guest address" :
		     "map each piece of memory once per cell");
}

static void sweep_in_cell(const struct jh_rule *rule,
			  const struct jh_system *sys, struct jh_diags *d,
			  bool virt)
{
	struct in_cell_ctx ctx = { rule, sys, d, virt };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		jh_span_vec spans = { 0 };

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];

			if (!virt && jh_region_is_comm(r))
				continue;
			jh_span_push(&spans, virt ? r->virt_start :
				     r->phys_start, r->size, c, i, 0);
		}
		jh_spans_sweep(spans.v, spans.n, always_conflict,
			       report_in_cell, &ctx);
		free(spans.v);
	}
}

JH_RULE_FN(check_mem_virt_overlap)
{
	sweep_in_cell(rule, sys, d, true);
}

JH_RULE_FN(check_mem_phys_alias)
{
	sweep_in_cell(rule, sys, d, false);
}

/* Overlaps between non-root cells. */
struct between_ctx {
	const struct jh_rule *rule;
	const struct jh_system *sys;
	struct jh_diags *d;
	bool mmio;	/* true: both device memory; false: at least one RAM */
};

static bool between_conflict(const struct jh_span *a, const struct jh_span *b,
			     void *pctx)
{
	struct between_ctx *ctx = pctx;
	const struct jh_region *ra = span_region(ctx->sys, a);
	const struct jh_region *rb = span_region(ctx->sys, b);
	bool both_io = is_io(ra) && is_io(rb);

	if (a->cell == b->cell || both_io != ctx->mmio)
		return false;
	return !(is_shared(ra) && is_shared(rb));
}

static void between_report(const struct jh_span *a, const struct jh_span *b,
			   void *pctx)
{
	struct between_ctx *ctx = pctx;
	const struct jh_cell *ca = &ctx->sys->cells.v[a->cell];
	const struct jh_cell *cb = &ctx->sys->cells.v[b->cell];
	struct jh_diag *g;

	g = jh_rule_report(ctx->rule, ctx->d, span_region(ctx->sys, a)->loc,
		"%s region %zu of cell '%s' overlaps %s region %zu of cell "
		"'%s' at 0x%" PRIx64,
		ctx->mmio ? "device" : "memory", a->item, jh_cell_label(ca),
		ctx->mmio ? "device" : "memory", b->item, jh_cell_label(cb),
		a->start > b->start ? a->start : b->start);
	jh_diag_note(g, span_region(ctx->sys, b)->loc,
		     "the region of cell '%s' is here", jh_cell_label(cb));
	jh_diag_hint(g, ctx->mmio ?
		     "give the device to one cell only" :
		     "give each cell its own memory, or share it through a "
		     "declared link (root-shared in every cell)");
}

static void sweep_between(const struct jh_rule *rule,
			  const struct jh_system *sys, struct jh_diags *d,
			  bool mmio)
{
	struct between_ctx ctx = { rule, sys, d, mmio };
	jh_span_vec spans = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];

			if (!jh_region_is_comm(r))
				jh_span_push(&spans, r->phys_start, r->size,
					     c, i, 0);
		}
	}
	jh_spans_sweep(spans.v, spans.n, between_conflict, between_report,
		       &ctx);
	free(spans.v);
}

JH_RULE_FN(check_mem_overlap_cells)
{
	sweep_between(rule, sys, d, false);
}

JH_RULE_FN(check_mmio_overlap_cells)
{
	sweep_between(rule, sys, d, true);
}

static bool ranges_overlap(uint64_t a, uint64_t asize, uint64_t b,
			   uint64_t bsize)
{
	return asize && bsize && a < jh_end_sat(b, bsize) &&
	       b < jh_end_sat(a, asize);
}

JH_RULE_FN(check_mem_hypervisor)
{
	const struct jh_region *hv = &sys->hypervisor_memory;

	if (hv->size == 0)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (jh_region_is_comm(r) ||
			    !ranges_overlap(r->phys_start, r->size,
					    hv->phys_start, hv->size))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' maps the "
				"hypervisor's own memory (0x%" PRIx64 "..+0x%"
				PRIx64 ")", i, jh_cell_label(cell),
				hv->phys_start, hv->size);
			jh_diag_note(g, hv->loc, "hypervisor memory is here");
			jh_diag_hint(g, "leave the hypervisor's memory out of "
				     "every cell");
		}
	}
}

JH_RULE_FN(check_mem_debug_console)
{
	const struct jh_console_desc *con = &sys->debug_console;
	uint64_t page;

	if (con->type == JH_CON_TYPE_NONE || con->type == JH_CON_TYPE_EFIFB)
		return;
	/* a port-I/O console on x86 has no page to map */
	if (sys->arch == JH_ARCH_X86 && !(con->flags & JH_CON_ACCESS_MMIO))
		return;
	page = con->address & ~PAGE_MASK_4K;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (jh_region_is_comm(r) ||
			    !ranges_overlap(r->phys_start, r->size, page,
					    JH_PAGE_SIZE))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' maps the "
				"hypervisor's debug console at 0x%" PRIx64,
				i, jh_cell_label(cell), con->address);
			jh_diag_note(g, con->loc, "debug console is here");
			jh_diag_hint(g, "give the cell its own UART, or use "
				     "the hypervisor's virtual console");
		}
	}
}

static void flag_rule(const struct jh_rule *rule, const struct jh_system *sys,
		      struct jh_diags *d, uint64_t flag, const char *what,
		      const char *hint)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (!is_io(r) || !(r->flags & flag))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"device region %zu of cell '%s' is %s",
				i, jh_cell_label(cell), what);
			jh_diag_hint(g, "%s", hint);
		}
	}
}

JH_RULE_FN(check_mem_loadable_io)
{
	flag_rule(rule, sys, d, JH_MEM_LOADABLE, "marked loadable",
		  "drop the loadable flag; only RAM can receive an image");
}

JH_RULE_FN(check_mem_dma_io)
{
	flag_rule(rule, sys, d, JH_MEM_DMA, "marked as a DMA target",
		  "drop the dma flag from device memory");
}

JH_RULE_FN(check_mem_exec_io)
{
	flag_rule(rule, sys, d, JH_MEM_EXECUTE, "executable",
		  "drop the execute flag from device memory");
}

JH_RULE_FN(check_mem_shared_wx)
{
	const uint64_t wx = JH_MEM_WRITE | JH_MEM_EXECUTE;

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if ((r->flags & wx) != wx || !is_shared(r) ||
			    jh_region_is_comm(r))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"shared memory region %zu of cell '%s' is "
				"both writable and executable", i,
				jh_cell_label(cell));
			jh_diag_hint(g, "drop execute (or write) from shared "
				     "memory; another cell could plant code");
		}
	}
}

JH_RULE_FN(check_mem_comm_multiple)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		long first = -1;

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (!jh_region_is_comm(r))
				continue;
			if (first < 0) {
				first = (long)i;
				continue;
			}
			g = jh_rule_report(rule, d, r->loc,
				"cell '%s' has a second comm region (region "
				"%zu)", jh_cell_label(cell), i);
			jh_diag_note(g, cell->mem.v[first].loc,
				     "the first comm region is here");
			jh_diag_hint(g, "keep one comm region per cell");
		}
	}
}

JH_RULE_FN(check_mem_ram_unassigned)
{
	const struct jh_board *b = sys->board;
	jh_span_vec cover = { 0 };

	/* a board file on its own partitions nothing yet */
	if (!b || b->ram.n == 0 || sys->cells.n == 0)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];

			if (!jh_region_is_comm(r))
				jh_span_push(&cover, r->phys_start, r->size,
					     c, i, 0);
		}
	}
	jh_span_push(&cover, sys->hypervisor_memory.phys_start,
		     sys->hypervisor_memory.size, 0, 0, 0);
	jh_spans_sort(cover.v, cover.n);
	for (size_t i = 0; i < b->ram.n; i++) {
		const struct jh_board_ram *ram = &b->ram.v[i];
		uint64_t end = jh_end_sat(ram->start, ram->size);
		uint64_t reach = ram->start, gap = 0, first_gap = 0;
		struct jh_diag *g;

		/* one pass over the sorted cover per RAM range */
		for (size_t k = 0; k < cover.n && reach < end; k++) {
			const struct jh_span *s = &cover.v[k];

			if (s->end <= reach)
				continue;
			if (s->start >= end)
				break;
			if (s->start > reach) {
				if (!gap)
					first_gap = reach;
				gap += s->start - reach;
			}
			reach = s->end;
		}
		if (reach < end) {
			if (!gap)
				first_gap = reach;
			gap += end - reach;
		}
		if (!gap)
			continue;
		g = jh_rule_report(rule, d, ram->loc,
			"0x%" PRIx64 " bytes of RAM '%s' are given to no cell "
			"(first at 0x%" PRIx64 ")", gap,
			ram->name ? ram->name : "?", first_gap);
		jh_diag_hint(g, "give the memory to a cell (usually the root "
			     "cell), or suppress this if it is left out on "
			     "purpose");
	}
	free(cover.v);
}

JH_RULE_FN(check_mem_flags_unknown)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			struct jh_diag *g;

			if (!(r->flags & ~JH_MEM_FLAGS_KNOWN))
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' has unknown "
				"flag bits 0x%" PRIx64, i, jh_cell_label(cell),
				(uint64_t)(r->flags & ~JH_MEM_FLAGS_KNOWN));
			jh_diag_hint(g, "the hypervisor ignores or rejects "
				     "unknown bits; remove them");
		}
	}
}

/* Everything the board can decode: RAM, device registers, BARs, IOMMU
 * and interrupt controller registers, the PCI configuration window. */
static void board_windows(const struct jh_board *b, jh_span_vec *w)
{
	for (size_t i = 0; i < b->ram.n; i++)
		jh_span_push(w, b->ram.v[i].start, b->ram.v[i].size, 0, 0, 0);
	for (size_t i = 0; i < b->devices.n; i++)
		for (size_t k = 0; k < b->devices.v[i].mmio.n; k++)
			jh_span_push(w, b->devices.v[i].mmio.v[k].start,
				     b->devices.v[i].mmio.v[k].size, 0, 0, 0);
	for (size_t i = 0; i < b->pci_devices.n; i++)
		for (size_t k = 0; k < JH_PCI_NUM_BARS; k++)
			if (!b->pci_devices.v[i].bars[k].io)
				jh_span_push(w, b->pci_devices.v[i].bars[k].start,
					     b->pci_devices.v[i].bars[k].size,
					     0, 0, 0);
	for (size_t i = 0; i < b->iommus.n; i++)
		jh_span_push(w, b->iommus.v[i].base, b->iommus.v[i].size, 0, 0,
			     0);
	for (size_t i = 0; i < b->irqchips.n; i++) {
		const struct jh_board_irqchip *c = &b->irqchips.v[i];

		jh_span_push(w, c->address, 0x10000, 0, 0, 0);
		if (c->gicr)
			jh_span_push(w, c->gicr, 0x20000 * (b->cpus.n + 1),
				     0, 0, 0);
	}
	if (b->has_pci)
		jh_span_push(w, b->pci_ecam,
			     ((uint64_t)b->pci_end_bus + 1) << 20, 0, 0, 0);
}

JH_RULE_FN(check_mem_not_on_board)
{
	const struct jh_board *b = sys->board;
	jh_span_vec w = { 0 };
	size_t merged = 0;

	if (!b)
		return;
	board_windows(b, &w);
	jh_spans_sort(w.v, w.n);
	/* merge touching windows so a region spanning two is covered */
	for (size_t i = 0; i < w.n; i++) {
		if (w.v[i].end == w.v[i].start)
			continue;
		if (merged && w.v[i].start <= w.v[merged - 1].end) {
			if (w.v[i].end > w.v[merged - 1].end)
				w.v[merged - 1].end = w.v[i].end;
			continue;
		}
		w.v[merged++] = w.v[i];
	}
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			uint64_t end = jh_end_sat(r->phys_start, r->size);
			size_t lo = 0, hi = merged;
			struct jh_diag *g;

			if (jh_region_is_comm(r) || !r->size)
				continue;
			while (lo < hi) {
				size_t mid = lo + (hi - lo) / 2;

				if (w.v[mid].start <= r->phys_start)
					lo = mid + 1;
				else
					hi = mid;
			}
			if (lo > 0 && end <= w.v[lo - 1].end)
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"memory region %zu of cell '%s' (0x%" PRIx64
				"..+0x%" PRIx64 ") is not all RAM or registers "
				"of board '%s'", i, jh_cell_label(cell),
				r->phys_start, r->size,
				b->name ? b->name : "?");
			jh_diag_note(g, b->loc, "the board is described here");
			jh_diag_hint(g, "check the address against the board, "
				     "or describe the missing RAM or device");
		}
	}
	free(w.v);
}
