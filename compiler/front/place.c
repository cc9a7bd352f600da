// SPDX-License-Identifier: GPL-2.0-only
/*
 * Automatic placement of memory given only by size.
 *
 * Deterministic: free space is board RAM minus the hypervisor's memory,
 * minus every region written with an address (in any cell) and every link
 * with an address. Requests are served in file order (cells in order,
 * their entries in order, then links), each at the highest free address
 * that fits with its alignment, so that the low part of RAM stays in one
 * piece for the root cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

struct span {
	uint64_t start, end;	/* [start, end) */
};

typedef JH_VEC(struct span) spans_t;

static int by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/* Remove [s, e) from the free list. */
static void take(spans_t *fl, uint64_t s, uint64_t e)
{
	spans_t out = { 0 };

	if (e <= s)
		return;
	for (size_t i = 0; i < fl->n; i++) {
		struct span a = fl->v[i];

		if (e <= a.start || s >= a.end) {
			*jh_vec_push(&out) = a;
			continue;
		}
		if (a.start < s)
			*jh_vec_push(&out) = (struct span){ a.start, s };
		if (e < a.end)
			*jh_vec_push(&out) = (struct span){ e, a.end };
	}
	free(fl->v);
	*fl = out;
}

static uint64_t end_of(uint64_t start, uint64_t size)
{
	uint64_t e = start + size;

	return e < start ? UINT64_MAX : e;
}

static bool alloc_top(spans_t *fl, uint64_t size, uint64_t align,
		      uint64_t *out)
{
	for (size_t i = fl->n; i-- > 0;) {
		struct span a = fl->v[i];
		uint64_t at;

		if (a.end - a.start < size)
			continue;
		at = (a.end - size) & ~(align - 1);
		if (at < a.start)
			continue;
		*out = at;
		take(fl, at, at + size);
		return true;
	}
	return false;
}

void jh_front_fmt_size(char *buf, size_t len, uint64_t v)
{
	static const char *const units[] = { "GiB", "MiB", "KiB" };
	static const unsigned shifts[] = { 30, 20, 10 };

	for (int i = 0; i < 3; i++) {
		if (v && !(v & ((1ull << shifts[i]) - 1))) {
			snprintf(buf, len, "%llu %s",
				 (unsigned long long)(v >> shifts[i]),
				 units[i]);
			return;
		}
	}
	snprintf(buf, len, "0x%llx bytes", (unsigned long long)v);
}

static uint64_t largest(const spans_t *fl)
{
	uint64_t m = 0;

	for (size_t i = 0; i < fl->n; i++)
		if (fl->v[i].end - fl->v[i].start > m)
			m = fl->v[i].end - fl->v[i].start;
	return m;
}

static void no_room(struct jh_front *f, struct jh_loc loc, const char *what,
		    uint64_t size, const spans_t *fl)
{
	char a[32], b[32];
	struct jh_diag *g;

	jh_front_fmt_size(a, sizeof(a), size);
	jh_front_fmt_size(b, sizeof(b), largest(fl));
	g = jh_error(f->d, loc, "no room in board RAM for %s of %s", what, a);
	if (fl->n)
		jh_diag_note(g, f->board->ram.v[0].loc, "the largest free "
			     "block left is %s", b);
	else
		jh_diag_note(g, f->board->loc, "no board RAM is left");
	jh_diag_hint(g, "make it smaller, or give it a `phys` address");
}

void jh_front_place(struct jh_front *f)
{
	struct jh_system *s = f->sys;
	spans_t fl = { 0 };
	bool any = false;

	for (size_t c = 0; c < f->fcells.n && !any; c++)
		any = f->fcells.v[c].place.n > 0;
	for (size_t l = 0; l < f->flinks.n && !any; l++)
		any = !f->flinks.v[l].address_given;
	if (!any)
		return;
	if (!f->board) {
		for (size_t c = 0; c < f->fcells.n; c++)
			for (size_t p = 0; p < f->fcells.v[c].place.n; p++)
				jh_error(f->d, s->cells.v[c].mem.v[
					 f->fcells.v[c].place.v[p].region].loc,
					 "a region without `phys` is placed in "
					 "board RAM, but there is no board");
		for (size_t l = 0; l < f->flinks.n; l++)
			if (!f->flinks.v[l].address_given)
				jh_error(f->d, s->links.v[l].loc, "a link "
					 "without `address` is placed in "
					 "board RAM, but there is no board");
		return;
	}
	for (size_t i = 0; i < f->board->ram.n; i++)
		*jh_vec_push(&fl) = (struct span){ f->board->ram.v[i].start,
			end_of(f->board->ram.v[i].start,
			       f->board->ram.v[i].size) };
	if (fl.n)
		qsort(fl.v, fl.n, sizeof(*fl.v), by_start);
	/* merge overlapping RAM ranges */
	for (size_t i = 1; i < fl.n;) {
		if (fl.v[i].start <= fl.v[i - 1].end) {
			if (fl.v[i].end > fl.v[i - 1].end)
				fl.v[i - 1].end = fl.v[i].end;
			memmove(&fl.v[i], &fl.v[i + 1],
				(fl.n - i - 1) * sizeof(*fl.v));
			fl.n--;
		} else {
			i++;
		}
	}
	if (f->hv_known)
		take(&fl, s->hypervisor_memory.phys_start,
		     end_of(s->hypervisor_memory.phys_start,
			    s->hypervisor_memory.size));
	for (size_t c = 0; c < f->fcells.n; c++) {
		const struct jh_fcell *fc = &f->fcells.v[c];
		const struct jh_cell *cell = &s->cells.v[c];

		for (size_t r = 0; r < cell->mem.n; r++) {
			bool placed = false;

			for (size_t p = 0; p < fc->place.n; p++)
				placed |= fc->place.v[p].region == r;
			if (placed || (cell->mem.v[r].flags &
				       JH_MEM_COMM_REGION))
				continue;
			take(&fl, cell->mem.v[r].phys_start,
			     end_of(cell->mem.v[r].phys_start,
				    cell->mem.v[r].size));
		}
	}
	for (size_t l = 0; l < f->flinks.n; l++)
		if (f->flinks.v[l].address_given)
			take(&fl, s->links.v[l].phys_base,
			     end_of(s->links.v[l].phys_base,
				    jh_flink_size(&s->links.v[l])));
	for (size_t c = 0; c < f->fcells.n; c++) {
		struct jh_fcell *fc = &f->fcells.v[c];

		for (size_t p = 0; p < fc->place.n; p++) {
			struct jh_region *r =
				&s->cells.v[c].mem.v[fc->place.v[p].region];
			uint64_t at;

			if (fc->place.v[p].align == UINT64_MAX)
				continue;
			if (!alloc_top(&fl, r->size, fc->place.v[p].align,
				       &at)) {
				no_room(f, r->loc, "a region", r->size, &fl);
				continue;
			}
			r->phys_start = at;
			if (!fc->place.v[p].virt_given)
				r->virt_start = at;
		}
	}
	for (size_t l = 0; l < f->flinks.n; l++) {
		struct jh_link *link = &s->links.v[l];
		uint64_t size = jh_flink_size(link);
		uint64_t align = size >= (2ull << 20) ? 2ull << 20 :
				 JH_PAGE_SIZE;

		if (f->flinks.v[l].address_given || link->peers.n < 2)
			continue;
		if (!alloc_top(&fl, size, align, &link->phys_base))
			no_room(f, link->loc, "link memory", size, &fl);
	}
	free(fl.v);
}
