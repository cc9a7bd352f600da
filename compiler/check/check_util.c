// SPDX-License-Identifier: GPL-2.0-only
/*
 * Helpers shared by the rule files.
 */
#include "check_util.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"

struct jh_diag *jh_rule_report(const struct jh_rule *rule,
			       struct jh_diags *d, struct jh_loc loc,
			       const char *fmt, ...)
{
	struct jh_diag *g;
	va_list ap;

	va_start(ap, fmt);
	g = jh_diag_vadd(d, rule->severity, rule->id, loc, fmt, ap);
	va_end(ap);
	return g;
}

void jh_span_push(jh_span_vec *vec, uint64_t start, uint64_t size,
		  size_t cell, size_t item, uint32_t tag)
{
	struct jh_span *s = jh_vec_push(vec);

	s->start = start;
	s->end = jh_end_sat(start, size);
	s->cell = cell;
	s->item = item;
	s->tag = tag;
}

static int span_cmp(const void *pa, const void *pb)
{
	const struct jh_span *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	/* keep the order stable and deterministic: image order first */
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	if (a->item != b->item)
		return a->item < b->item ? -1 : 1;
	return 0;
}

void jh_spans_sort(struct jh_span *v, size_t n)
{
	if (n > 1)
		qsort(v, n, sizeof(*v), span_cmp);
}

void jh_spans_sweep(struct jh_span *v, size_t n, jh_span_conflict_fn conflict,
		    jh_span_report_fn report, void *ctx)
{
	/* indices into v of spans that are still open */
	size_t *open;
	size_t num_open = 0;

	if (n < 2)
		return;
	jh_spans_sort(v, n);
	open = jh_xmalloc(n * sizeof(*open));
	for (size_t i = 0; i < n; i++) {
		const struct jh_span *s = &v[i];
		size_t keep = 0;

		if (s->end == s->start)
			continue;	/* empty: overlaps nothing */
		/* drop spans that ended before this one starts */
		for (size_t k = 0; k < num_open; k++)
			if (v[open[k]].end > s->start)
				open[keep++] = open[k];
		num_open = keep;
		for (size_t k = 0; k < num_open; k++) {
			if (conflict(s, &v[open[k]], ctx)) {
				report(s, &v[open[k]], ctx);
				break;
			}
		}
		open[num_open++] = i;
	}
	free(open);
}

const char *jh_cell_label(const struct jh_cell *c)
{
	return c->name[0] ? c->name : "<unnamed>";
}

bool jh_region_is_ivshmem_rw(const struct jh_cell *c, size_t idx)
{
	for (size_t i = 0; i < c->pci.n; i++) {
		const struct jh_pci_dev *p = &c->pci.v[i];

		if (p->type == JH_PCI_TYPE_IVSHMEM &&
		    (uint64_t)p->shmem_regions_start + 1 == idx)
			return true;
	}
	return false;
}

long jh_cpu_owner(const struct jh_system *sys, uint32_t cpu)
{
	long root = -1;

	for (size_t i = 0; i < sys->cells.n; i++) {
		const struct jh_cell *c = &sys->cells.v[i];

		if (!jh_cell_test_cpu(c, cpu))
			continue;
		if (!c->is_root)
			return (long)i;
		root = (long)i;
	}
	return root;
}

uint32_t jh_cell_cpu_count(const struct jh_cell *c)
{
	uint32_t n = 0;

	for (uint32_t i = 0; i < c->cpu_set_size; i++)
		n += (uint32_t)__builtin_popcount(c->cpu_set[i]);
	return n;
}

bool jh_cell_owns_irq(const struct jh_cell *c, uint64_t address, uint32_t irq,
		      const struct jh_cell_irqchip **chip_out)
{
	for (size_t i = 0; i < c->irqchips.n; i++) {
		const struct jh_cell_irqchip *ch = &c->irqchips.v[i];
		uint32_t bit;

		if (ch->address != address || irq < ch->pin_base ||
		    irq - ch->pin_base >= JH_IRQCHIP_PINS)
			continue;
		bit = irq - ch->pin_base;
		if (ch->pin_bitmap[bit / 32] & (1u << (bit % 32))) {
			if (chip_out)
				*chip_out = ch;
			return true;
		}
	}
	return false;
}

struct jh_loc jh_irq_loc(const struct jh_cell_irqchip *chip, uint32_t bit)
{
	if (bit < JH_IRQCHIP_PINS)
		return jh_loc_or(chip->pin_loc[bit], chip->loc);
	return chip->loc;
}

void jh_board_device_windows(const struct jh_board *b, jh_span_vec *wins)
{
	for (size_t i = 0; i < b->devices.n; i++)
		for (size_t k = 0; k < b->devices.v[i].mmio.n; k++)
			jh_span_push(wins, b->devices.v[i].mmio.v[k].start,
				     b->devices.v[i].mmio.v[k].size, i, k, 0);
	jh_spans_sort(wins->v, wins->n);
}

long jh_region_board_device(const struct jh_board *b, const jh_span_vec *wins,
			    const struct jh_region *r)
{
	size_t lo = 0, hi = wins->n;

	if (r->origin.kind == JH_ORIGIN_DEVICE && r->origin.index >= 0 &&
	    (size_t)r->origin.index < b->devices.n)
		return r->origin.index;
	if (!(r->flags & JH_MEM_IO) || !r->size)
		return -1;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (wins->v[mid].start <= r->phys_start)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo - 1 is the last window starting at or before the region */
	if (lo > 0 && r->phys_start < wins->v[lo - 1].end)
		return (long)wins->v[lo - 1].cell;
	return -1;
}
