// SPDX-License-Identifier: GPL-2.0-only
/*
 * Port-I/O rules (x86): ownership and the ports that control the whole
 * machine.
 */
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

static const struct jh_port_range *span_port(const struct jh_system *sys,
					     const struct jh_span *s)
{
	return &sys->cells.v[s->cell].pio.v[s->item];
}

struct pio_ctx {
	const struct jh_rule *rule;
	const struct jh_system *sys;
	struct jh_diags *d;
};

static bool pio_conflict(const struct jh_span *a, const struct jh_span *b,
			 void *ctx)
{
	(void)ctx;
	return a->cell != b->cell;
}

static void pio_report(const struct jh_span *a, const struct jh_span *b,
		       void *pctx)
{
	struct pio_ctx *ctx = pctx;
	const struct jh_cell *ca = &ctx->sys->cells.v[a->cell];
	const struct jh_cell *cb = &ctx->sys->cells.v[b->cell];
	struct jh_diag *g;

	g = jh_rule_report(ctx->rule, ctx->d, span_port(ctx->sys, a)->loc,
		"ports 0x%llx..0x%llx of cell '%s' are also given to cell '%s'",
		(unsigned long long)a->start, (unsigned long long)a->end - 1,
		jh_cell_label(ca), jh_cell_label(cb));
	jh_diag_note(g, span_port(ctx->sys, b)->loc,
		     "cell '%s' lists them here", jh_cell_label(cb));
	jh_diag_hint(g, "give each port range to one cell");
}

JH_RULE_FN(check_pio_multiple_cells)
{
	struct pio_ctx ctx = { rule, sys, d };
	jh_span_vec spans = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pio.n; i++)
			jh_span_push(&spans, cell->pio.v[i].base,
				     cell->pio.v[i].length, c, i, 0);
	}
	jh_spans_sweep(spans.v, spans.n, pio_conflict, pio_report, &ctx);
	free(spans.v);
}

/* Ports through which one cell could reset or reprogram the machine. */
static const struct {
	uint16_t base, length;
	const char *what;
} machine_ports[] = {
	{ 0x20, 2, "the master PIC" },
	{ 0x40, 4, "the PIT" },
	{ 0x64, 1, "the keyboard controller (system reset)" },
	{ 0x70, 2, "the CMOS/RTC index and data" },
	{ 0xa0, 2, "the slave PIC" },
	{ 0xcf8, 1, "PCI configuration mechanism 1 (address)" },
	{ 0xcf9, 1, "the reset control register" },
	{ 0xcfc, 4, "PCI configuration mechanism 1 (data)" },
};

static bool pio_overlaps(uint32_t a, uint32_t alen, uint32_t b, uint32_t blen)
{
	return alen && blen && a < b + blen && b < a + alen;
}

JH_RULE_FN(check_pio_machine_control)
{
	uint16_t pm = sys->arch == JH_ARCH_X86 ?
		      sys->platform.x86.pm_timer_address : 0;

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t i = 0; i < cell->pio.n; i++) {
			const struct jh_port_range *r = &cell->pio.v[i];
			const char *what = NULL;
			struct jh_diag *g;

			for (size_t k = 0; k < sizeof(machine_ports) /
			     sizeof(machine_ports[0]) && !what; k++)
				if (pio_overlaps(r->base, r->length,
						 machine_ports[k].base,
						 machine_ports[k].length))
					what = machine_ports[k].what;
			if (!what && pm && pio_overlaps(r->base, r->length,
							pm, 4))
				what = "the ACPI PM timer";
			if (!what)
				continue;
			g = jh_rule_report(rule, d, r->loc,
				"cell '%s' is given ports 0x%x..0x%x, which "
				"include %s", jh_cell_label(cell), r->base,
				r->base + r->length - 1, what);
			jh_diag_hint(g, "these ports control the whole machine; "
				     "leave them to the root cell unless the "
				     "cell really must own them (then "
				     "suppress with a reason)");
		}
	}
}

JH_RULE_FN(check_pio_not_x86)
{
	if (sys->arch == JH_ARCH_X86)
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		struct jh_diag *g;

		if (!cell->pio.n)
			continue;
		g = jh_rule_report(rule, d, cell->pio.v[0].loc,
			"cell '%s' lists port-I/O ranges on an Arm system",
			jh_cell_label(cell));
		jh_diag_hint(g, "port I/O exists on x86 only; remove them");
	}
}

JH_RULE_FN(check_pio_range)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pio.n; i++) {
			const struct jh_port_range *r = &cell->pio.v[i];
			struct jh_diag *g;

			if (r->length && (uint32_t)r->base + r->length <=
			    0x10000)
				continue;
			g = jh_rule_report(rule, d, r->loc,
				r->length ? "port range 0x%x..+0x%x of cell "
				"'%s' runs past port 0xffff" :
				"port range 0x%x..+0x%x of cell '%s' is empty",
				r->base, r->length, jh_cell_label(cell));
			jh_diag_hint(g, "check the base and length");
		}
	}
}
