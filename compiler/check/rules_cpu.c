// SPDX-License-Identifier: GPL-2.0-only
/*
 * CPU rules. A non-root cell takes its CPUs from the root cell when it is
 * created, so a CPU listed by the root cell and by one non-root cell is
 * normal; two non-root cells listing it is not.
 */
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

static struct jh_loc cpus_loc(const struct jh_cell *c)
{
	return jh_loc_or(c->cpus_loc, c->loc);
}

static long root_index(const struct jh_system *sys)
{
	for (size_t i = 0; i < sys->cells.n; i++)
		if (sys->cells.v[i].is_root)
			return (long)i;
	return -1;
}

struct cpu_use {
	uint32_t cpu;
	size_t cell;
};

static int cpu_use_cmp(const void *pa, const void *pb)
{
	const struct cpu_use *a = pa, *b = pb;

	if (a->cpu != b->cpu)
		return a->cpu < b->cpu ? -1 : 1;
	return a->cell < b->cell ? -1 : a->cell > b->cell;
}

/* Only the CPUs that are set, sorted: no table sized by the (image-given)
 * cpu_set_size. */
JH_RULE_FN(check_cpu_multiple_cells)
{
	JH_VEC(struct cpu_use) uses = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (uint32_t byte = 0; byte < cell->cpu_set_size; byte++) {
			for (uint32_t bit = 0; bit < 8; bit++) {
				struct cpu_use *u;

				if (!(cell->cpu_set[byte] & (1u << bit)))
					continue;
				u = jh_vec_push(&uses);
				u->cpu = byte * 8 + bit;
				u->cell = c;
			}
		}
	}
	if (uses.n > 1)
		qsort(uses.v, uses.n, sizeof(*uses.v), cpu_use_cmp);
	for (size_t i = 1; i < uses.n; i++) {
		const struct jh_cell *cell, *other;
		struct jh_diag *g;

		if (uses.v[i].cpu != uses.v[i - 1].cpu ||
		    uses.v[i].cell == uses.v[i - 1].cell)
			continue;
		cell = &sys->cells.v[uses.v[i].cell];
		other = &sys->cells.v[uses.v[i - 1].cell];
		g = jh_rule_report(rule, d, cpus_loc(cell),
			"CPU %u is given to cell '%s' and to cell '%s'",
			uses.v[i].cpu, jh_cell_label(cell),
			jh_cell_label(other));
		jh_diag_note(g, cpus_loc(other), "cell '%s' lists it here",
			     jh_cell_label(other));
		jh_diag_hint(g, "a CPU runs one cell; give it to one of them");
	}
	free(uses.v);
}

JH_RULE_FN(check_cpu_root_none)
{
	long root = root_index(sys);
	const struct jh_cell *rc;

	if (root < 0)
		return;
	rc = &sys->cells.v[root];
	for (uint32_t cpu = 0; cpu < rc->cpu_set_size * 8; cpu++)
		if (jh_cell_test_cpu(rc, cpu) && jh_cpu_owner(sys, cpu) == root)
			return;
	struct jh_diag *g = jh_rule_report(rule, d, cpus_loc(rc),
		"root cell '%s' is left without a CPU once the other cells "
		"take theirs", jh_cell_label(rc));
	jh_diag_hint(g, "keep at least one CPU for the root cell");
}

JH_RULE_FN(check_cpu_cell_none)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		struct jh_diag *g;

		if (cell->is_root || jh_cell_cpu_count(cell) > 0)
			continue;
		g = jh_rule_report(rule, d, cpus_loc(cell),
			"cell '%s' has no CPU", jh_cell_label(cell));
		jh_diag_hint(g, "give the cell at least one CPU");
	}
}

JH_RULE_FN(check_cpu_not_in_root)
{
	long root = root_index(sys);
	const struct jh_cell *rc;

	if (root < 0)
		return;
	rc = &sys->cells.v[root];
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (uint32_t cpu = 0; cpu < cell->cpu_set_size * 8; cpu++) {
			struct jh_diag *g;

			if (!jh_cell_test_cpu(cell, cpu) ||
			    jh_cell_test_cpu(rc, cpu))
				continue;
			g = jh_rule_report(rule, d, cpus_loc(cell),
				"cell '%s' lists CPU %u, which root cell '%s' "
				"does not have to give", jh_cell_label(cell),
				cpu, jh_cell_label(rc));
			jh_diag_note(g, cpus_loc(rc),
				     "the root cell's CPUs are here");
			jh_diag_hint(g, "add the CPU to the root cell; cells "
				     "are created from the root cell's CPUs");
			break;
		}
	}
}

JH_RULE_FN(check_cpu_l2_isolation)
{
	const struct jh_board *b = sys->board;

	if (!b)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		bool reported = false;

		if (!cell->l2_isolation)
			continue;
		for (size_t i = 0; i < b->cpus.n && !reported; i++) {
			const struct jh_board_cpu *mine = &b->cpus.v[i];

			if (mine->l2_group < 0 ||
			    jh_cpu_owner(sys, mine->index) != (long)c)
				continue;
			for (size_t k = 0; k < b->cpus.n; k++) {
				const struct jh_board_cpu *o = &b->cpus.v[k];
				long owner;
				struct jh_diag *g;

				if (o->l2_group != mine->l2_group)
					continue;
				owner = jh_cpu_owner(sys, o->index);
				if (owner < 0 || owner == (long)c)
					continue;
				g = jh_rule_report(rule, d,
					jh_loc_or(cell->l2_isolation_loc,
						  cpus_loc(cell)),
					"cell '%s' demands L2 isolation, but "
					"its CPU %u shares an L2 with CPU %u of "
					"cell '%s'", jh_cell_label(cell),
					mine->index, o->index,
					jh_cell_label(&sys->cells.v[owner]));
				jh_diag_note(g, cpus_loc(&sys->cells.v[owner]),
					     "cell '%s' takes CPU %u here",
					     jh_cell_label(&sys->cells.v[owner]),
					     o->index);
				jh_diag_hint(g, "give the cell every CPU of "
					     "the L2 cluster, or move the "
					     "other cell to another cluster");
				reported = true;
				break;
			}
		}
	}
}
