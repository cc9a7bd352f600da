// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cache-allocation rules (Intel CAT/CDP; L2 CAT through the extension).
 * A cache entry is a bit range of a capacity bitmask (CBM): first bit and
 * number of bits. The hardware fills a cache way only for the classes of
 * service whose mask has that way's bit, so overlapping masks mean shared
 * ways and shared evictions.
 */
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

static bool is_cdp(const struct jh_cache_part *p)
{
	return p->type == JH_CACHE_L3_CODE || p->type == JH_CACHE_L3_DATA;
}

static unsigned level_of(const struct jh_cache_part *p)
{
	return p->level == JH_CACHE_LEVEL_L2 ? 2 : 3;
}

static const char *type_name(const struct jh_cache_part *p)
{
	switch (p->type) {
	case JH_CACHE_L3_CODE:
		return "code";
	case JH_CACHE_L3_DATA:
		return "data";
	default:
		return "unified";
	}
}

static const struct jh_cache_part *span_part(const struct jh_system *sys,
					     const struct jh_span *s)
{
	return &sys->cells.v[s->cell].cache.v[s->item];
}

static bool both_shared(const struct jh_cache_part *a,
			const struct jh_cache_part *b)
{
	return (a->flags & JH_CACHE_ROOTSHARED) &&
	       (b->flags & JH_CACHE_ROOTSHARED);
}

struct cache_ctx {
	const struct jh_rule *rule;
	const struct jh_system *sys;
	struct jh_diags *d;
};

/* Do the CPUs of two cells share an L2 instance? (board needed) */
static bool share_l2(const struct jh_system *sys, size_t a, size_t b)
{
	const struct jh_board *bd = sys->board;

	for (size_t i = 0; i < bd->cpus.n; i++) {
		const struct jh_board_cpu *x = &bd->cpus.v[i];

		if (x->l2_group < 0 || jh_cpu_owner(sys, x->index) != (long)a)
			continue;
		for (size_t k = 0; k < bd->cpus.n; k++) {
			const struct jh_board_cpu *y = &bd->cpus.v[k];

			if (y->l2_group == x->l2_group &&
			    jh_cpu_owner(sys, y->index) == (long)b)
				return true;
		}
	}
	return false;
}

static bool l3_conflict(const struct jh_span *a, const struct jh_span *b,
			void *pctx)
{
	struct cache_ctx *ctx = pctx;

	return a->cell != b->cell &&
	       !both_shared(span_part(ctx->sys, a), span_part(ctx->sys, b));
}

static bool l2_conflict(const struct jh_span *a, const struct jh_span *b,
			void *pctx)
{
	struct cache_ctx *ctx = pctx;

	return l3_conflict(a, b, pctx) && share_l2(ctx->sys, a->cell, b->cell);
}

static void cache_report(const struct jh_span *a, const struct jh_span *b,
			 void *pctx)
{
	struct cache_ctx *ctx = pctx;
	const struct jh_cell *ca = &ctx->sys->cells.v[a->cell];
	const struct jh_cell *cb = &ctx->sys->cells.v[b->cell];
	const struct jh_cache_part *pa = span_part(ctx->sys, a);
	struct jh_diag *g;

	g = jh_rule_report(ctx->rule, ctx->d, pa->loc,
		"L%u cache mask bits %u..%u of cell '%s' overlap those of "
		"cell '%s'%s", level_of(pa), pa->start,
		pa->start + pa->size - 1, jh_cell_label(ca), jh_cell_label(cb),
		level_of(pa) == 2 ? ", which shares the L2 instance" : "");
	jh_diag_note(g, span_part(ctx->sys, b)->loc,
		     "the mask of cell '%s' is here", jh_cell_label(cb));
	jh_diag_hint(g, "give each cell its own ways, or mark the ways "
		     "root-shared in both cells");
}

static void cache_sweep(const struct jh_rule *rule,
			const struct jh_system *sys, struct jh_diags *d,
			unsigned level, jh_span_conflict_fn conflict)
{
	struct cache_ctx ctx = { rule, sys, d };
	jh_span_vec spans = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->cache.n; i++)
			if (level_of(&cell->cache.v[i]) == level)
				jh_span_push(&spans, cell->cache.v[i].start,
					     cell->cache.v[i].size, c, i, 0);
	}
	jh_spans_sweep(spans.v, spans.n, conflict, cache_report, &ctx);
	free(spans.v);
}

JH_RULE_FN(check_cache_overlap_cells)
{
	cache_sweep(rule, sys, d, 3, l3_conflict);
}

JH_RULE_FN(check_cache_l2_shared)
{
	if (sys->board)
		cache_sweep(rule, sys, d, 2, l2_conflict);
}

JH_RULE_FN(check_cache_cbm_length)
{
	const struct jh_board_cache_alloc *hw =
		sys->board ? &sys->board->cache_alloc : NULL;

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->cache.n; i++) {
			const struct jh_cache_part *p = &cell->cache.v[i];
			uint64_t limit = 32;
			struct jh_diag *g;

			if (hw && hw->present) {
				uint32_t len = level_of(p) == 2 ?
					hw->l2_cbm_length : hw->l3_cbm_length;

				if (len)
					limit = len;
			}
			if ((uint64_t)p->start + p->size <= limit)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"L%u cache mask of cell '%s' (bits %u..+%u) is "
				"wider than the %llu-bit capacity bitmask",
				level_of(p), jh_cell_label(cell), p->start,
				p->size, (unsigned long long)limit);
			if (hw && hw->present)
				jh_diag_note(g, hw->loc, "the board's cache "
					     "allocation is described here");
			jh_diag_hint(g, "keep start + size within the CBM "
				     "length");
		}
	}
}

JH_RULE_FN(check_cache_empty_mask)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->cache.n; i++) {
			const struct jh_cache_part *p = &cell->cache.v[i];
			struct jh_diag *g;

			if (p->size)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"cache mask %zu of cell '%s' has no bits",
				i, jh_cell_label(cell));
			jh_diag_hint(g, "the hardware rejects an empty "
				     "capacity bitmask; give it at least one "
				     "bit or remove it");
		}
	}
}

struct part_ref {
	uint32_t start, end;
	size_t item;
};

static int part_cmp(const void *pa, const void *pb)
{
	const struct part_ref *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->item < b->item ? -1 : a->item > b->item;
}

JH_RULE_FN(check_cache_noncontiguous)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		struct part_ref *refs;

		if (cell->cache.n < 2)
			continue;
		refs = jh_xmalloc(cell->cache.n * sizeof(*refs));
		/* one mask per cache level and type: check each kind */
		for (unsigned level = 2; level <= 3; level++) {
			for (uint8_t type = 1; type <= 3; type++) {
				size_t n = 0;
				uint64_t reach;

				for (size_t i = 0; i < cell->cache.n; i++) {
					const struct jh_cache_part *p =
						&cell->cache.v[i];

					if (level_of(p) != level ||
					    p->type != type || !p->size)
						continue;
					refs[n].start = p->start;
					refs[n].end = p->start + p->size;
					refs[n].item = i;
					n++;
				}
				if (n < 2)
					continue;
				qsort(refs, n, sizeof(*refs), part_cmp);
				reach = refs[0].end;
				for (size_t k = 1; k < n; k++) {
					const struct jh_cache_part *p =
						&cell->cache.v[refs[k].item];
					struct jh_diag *g;

					if (refs[k].start <= reach) {
						if (refs[k].end > reach)
							reach = refs[k].end;
						continue;
					}
					g = jh_rule_report(rule, d, p->loc,
						"the L%u %s cache masks of cell "
						"'%s' leave a gap (bits %llu.."
						"%u): the mask is not "
						"contiguous", level,
						type_name(p),
						jh_cell_label(cell),
						(unsigned long long)reach,
						refs[k].start - 1);
					jh_diag_note(g,
						cell->cache.v[refs[0].item].loc,
						"the mask starts here");
					jh_diag_hint(g, "Intel CAT only "
						"accepts contiguous capacity "
						"bitmasks; close the gap");
					break;
				}
			}
		}
		free(refs);
	}
}

JH_RULE_FN(check_cache_cdp_unsupported)
{
	const struct jh_board *b = sys->board;

	if (!b || !b->cache_alloc.present)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->cache.n; i++) {
			const struct jh_cache_part *p = &cell->cache.v[i];
			bool cdp = level_of(p) == 2 ? b->cache_alloc.l2_cdp :
				   b->cache_alloc.l3_cdp;
			struct jh_diag *g;

			if (!is_cdp(p) || cdp)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"cell '%s' uses an L%u %s mask, but the board's "
				"L%u cache has no code/data prioritization",
				jh_cell_label(cell), level_of(p), type_name(p),
				level_of(p));
			jh_diag_note(g, b->cache_alloc.loc,
				     "the cache allocation hardware is here");
			jh_diag_hint(g, "use a unified mask");
		}
	}
}

JH_RULE_FN(check_cache_cdp_mixed)
{
	for (unsigned level = 2; level <= 3; level++) {
		const struct jh_cache_part *first_unified = NULL;
		const struct jh_cache_part *first_cdp = NULL;
		const struct jh_cell *cu = NULL, *cc = NULL;

		for (size_t c = 0; c < sys->cells.n; c++) {
			const struct jh_cell *cell = &sys->cells.v[c];

			for (size_t i = 0; i < cell->cache.n; i++) {
				const struct jh_cache_part *p =
					&cell->cache.v[i];

				if (level_of(p) != level)
					continue;
				if (is_cdp(p) && !first_cdp) {
					first_cdp = p;
					cc = cell;
				} else if (!is_cdp(p) && !first_unified) {
					first_unified = p;
					cu = cell;
				}
			}
		}
		if (first_cdp && first_unified) {
			/* point at whichever comes later in image order */
			bool cdp_later = cc > cu || (cc == cu &&
						    first_cdp > first_unified);
			const struct jh_cache_part *at =
				cdp_later ? first_cdp : first_unified;
			const struct jh_cache_part *other =
				cdp_later ? first_unified : first_cdp;
			struct jh_diag *g;

			g = jh_rule_report(rule, d, at->loc,
				"cell '%s' uses a %s L%u mask while cell '%s' "
				"uses a %s one: code/data prioritization is "
				"on or off for the whole cache",
				jh_cell_label(cdp_later ? cc : cu),
				type_name(at), level,
				jh_cell_label(cdp_later ? cu : cc),
				type_name(other));
			jh_diag_note(g, other->loc, "the other mask is here");
			jh_diag_hint(g, "with CDP give every cell a code and a "
				     "data mask; without it, unified masks "
				     "only");
		}
	}
}

JH_RULE_FN(check_cache_no_hardware)
{
	const struct jh_board *b = sys->board;

	if (!b)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->cache.n; i++) {
			const struct jh_cache_part *p = &cell->cache.v[i];
			bool have = b->cache_alloc.present &&
				(level_of(p) == 3 || b->cache_alloc.l2_cbm_length);
			struct jh_diag *g;

			if (have)
				continue;
			g = jh_rule_report(rule, d, p->loc,
				"cell '%s' partitions the L%u cache, but board "
				"'%s' has no L%u cache allocation",
				jh_cell_label(cell), level_of(p),
				b->name ? b->name : "?", level_of(p));
			jh_diag_hint(g, "remove the cache entry, or describe "
				     "the board's cache allocation hardware");
			break;
		}
	}
}

JH_RULE_FN(check_cache_l2_scope)
{
	const struct jh_board *b = sys->board;

	if (!b)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		const struct jh_cache_part *first = NULL;
		bool shared = false;

		for (size_t i = 0; i < cell->cache.n && !first; i++)
			if (level_of(&cell->cache.v[i]) == 2)
				first = &cell->cache.v[i];
		if (!first)
			continue;
		/* does any of the cell's CPUs share its L2 with another? */
		for (size_t i = 0; i < b->cpus.n && !shared; i++) {
			const struct jh_board_cpu *x = &b->cpus.v[i];

			if (x->l2_group < 0 || !jh_cell_test_cpu(cell, x->index))
				continue;
			for (size_t k = 0; k < b->cpus.n && !shared; k++)
				shared = k != i &&
					 b->cpus.v[k].l2_group == x->l2_group;
		}
		if (shared)
			continue;
		struct jh_diag *g = jh_rule_report(rule, d, first->loc,
			"cell '%s' partitions the L2 cache, but none of its CPUs "
			"shares an L2 with another CPU", jh_cell_label(cell));
		jh_diag_note(g, b->loc, "the board's L2 sharing is described "
			     "here");
		jh_diag_hint(g, "drop the L2 mask, or describe which CPUs "
			     "share an L2 (cpus: l2:) in the board");
	}
}
