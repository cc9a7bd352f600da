// SPDX-License-Identifier: GPL-2.0-only
/*
 * Whole-system rules: names, consoles, hypervisor memory, GIC
 * description, unknown flags.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

static struct jh_loc name_loc(const struct jh_cell *c)
{
	return jh_loc_or(c->name_loc, c->loc);
}

JH_RULE_FN(check_sys_name_empty)
{
	for (size_t i = 0; i < sys->cells.n; i++) {
		const struct jh_cell *c = &sys->cells.v[i];
		struct jh_diag *g;

		if (c->name[0])
			continue;
		g = jh_rule_report(rule, d, name_loc(c),
			"cell %zu has no name", i);
		jh_diag_hint(g, "give every cell a name of 1 to 31 "
			     "characters");
	}
}

enum console_match { CON_OK, CON_NOT_ON_BOARD, CON_WRONG_TYPE };

/* Find the console's device on the board; a device that says which kind
 * of UART it is must agree with the console's type. */
static enum console_match console_match(const struct jh_board *b,
					const struct jh_console_desc *con,
					const struct jh_board_device **dev)
{
	bool pio = !(con->flags & JH_CON_ACCESS_MMIO) &&
		   b->arch == JH_ARCH_X86;

	*dev = NULL;
	if (con->board_dev >= 0 && (size_t)con->board_dev < b->devices.n) {
		*dev = &b->devices.v[con->board_dev];
	} else if (pio) {
		for (size_t i = 0; i < b->ports.n; i++)
			if (con->address >= b->ports.v[i].base &&
			    con->address < (uint64_t)b->ports.v[i].base +
					   b->ports.v[i].length)
				return CON_OK;
		return CON_NOT_ON_BOARD;
	} else {
		for (size_t i = 0; i < b->devices.n && !*dev; i++)
			for (size_t k = 0; k < b->devices.v[i].mmio.n; k++) {
				const struct jh_board_mmio *m =
					&b->devices.v[i].mmio.v[k];

				if (con->address >= m->start &&
				    con->address < jh_end_sat(m->start,
							      m->size))
					*dev = &b->devices.v[i];
			}
		if (!*dev)
			return CON_NOT_ON_BOARD;
	}
	if ((*dev)->console_type && (*dev)->console_type != con->type)
		return CON_WRONG_TYPE;
	return CON_OK;
}

static const char *console_type_name(uint16_t type)
{
	static const char *const names[] = {
		"none", "efifb", "8250", "pl011", "xuartps", "mvebu", "hscif",
		"scifa", "imx", "imx-lpuart", "scif",
	};

	return type < sizeof(names) / sizeof(names[0]) ? names[type] : "?";
}

static void check_console(const struct jh_rule *rule,
			  const struct jh_system *sys, struct jh_diags *d,
			  const struct jh_console_desc *con, const char *owner)
{
	const struct jh_board_device *dev;
	struct jh_diag *g;

	if (con->type == JH_CON_TYPE_NONE || con->type == JH_CON_TYPE_EFIFB)
		return;
	switch (console_match(sys->board, con, &dev)) {
	case CON_OK:
		return;
	case CON_NOT_ON_BOARD:
		g = jh_rule_report(rule, d, con->loc,
			"%s at 0x%" PRIx64 " is not a device of board '%s'",
			owner, con->address,
			sys->board->name ? sys->board->name : "?");
		jh_diag_note(g, sys->board->loc, "the board is described here");
		jh_diag_hint(g, "name one of the board's UARTs");
		return;
	case CON_WRONG_TYPE:
		g = jh_rule_report(rule, d, con->loc,
			"%s is of type %s, but board device '%s' is a %s", owner,
			console_type_name(con->type),
			dev->name ? dev->name : "?",
			console_type_name(dev->console_type));
		jh_diag_note(g, dev->loc, "the device is described here");
		jh_diag_hint(g, "name the device instead of writing the "
			     "console out, so its type comes from the board");
		return;
	}
}

JH_RULE_FN(check_sys_console_not_on_board)
{
	if (!sys->board)
		return;
	check_console(rule, sys, d, &sys->debug_console,
		      "the hypervisor's debug console");
	for (size_t i = 0; i < sys->cells.n; i++) {
		char what[64];

		snprintf(what, sizeof(what), "the console of cell '%s'",
			 jh_cell_label(&sys->cells.v[i]));
		check_console(rule, sys, d, &sys->cells.v[i].console, what);
	}
}

JH_RULE_FN(check_sys_hv_memory)
{
	const struct jh_region *hv = &sys->hypervisor_memory;
	const struct jh_board *b = sys->board;
	struct jh_diag *g;

	/* cell images alone carry no system part */
	if (!sys->cells.n || !sys->cells.v[0].is_root)
		return;
	if (hv->size == 0 || ((hv->phys_start | hv->size) & (JH_PAGE_SIZE - 1))) {
		g = jh_rule_report(rule, d, hv->loc,
			"hypervisor memory (0x%" PRIx64 ", size 0x%" PRIx64
			") is %s", hv->phys_start, hv->size,
			hv->size ? "not 4 KiB aligned" : "empty");
		jh_diag_hint(g, "give the hypervisor a 4 KiB aligned piece "
			     "of RAM (a few MiB)");
		return;
	}
	if (!b || !b->ram.n)
		return;
	for (size_t i = 0; i < b->ram.n; i++)
		if (hv->phys_start >= b->ram.v[i].start &&
		    jh_end_sat(hv->phys_start, hv->size) <=
		    jh_end_sat(b->ram.v[i].start, b->ram.v[i].size))
			return;
	g = jh_rule_report(rule, d, hv->loc,
		"hypervisor memory 0x%" PRIx64 "..+0x%" PRIx64 " is not inside "
		"the RAM of board '%s'", hv->phys_start, hv->size,
		b->name ? b->name : "?");
	jh_diag_note(g, b->ram.v[0].loc, "the board's RAM starts here");
	jh_diag_hint(g, "place the hypervisor in RAM");
}

JH_RULE_FN(check_sys_gic_bases)
{
	const char *problem = NULL;
	struct jh_diag *g;

	if (sys->arch != JH_ARCH_ARM && sys->arch != JH_ARCH_ARM64)
		return;
	if (!sys->cells.n || !sys->cells.v[0].is_root)
		return;
	if (sys->platform.arm.gic_version != 2 &&
	    sys->platform.arm.gic_version != 3)
		problem = "the GIC version is neither 2 nor 3";
	else if (!sys->platform.arm.gicd_base)
		problem = "the GIC distributor base is missing";
	else if (sys->platform.arm.gic_version == 3 &&
		 !sys->platform.arm.gicr_base)
		problem = "a GICv3 needs its redistributor base";
	else if (sys->platform.arm.gic_version == 2 &&
		 (!sys->platform.arm.gicc_base || !sys->platform.arm.gich_base ||
		  !sys->platform.arm.gicv_base))
		problem = "a GICv2 needs its CPU interface, hypervisor and "
			  "virtual CPU interface bases";
	if (!problem)
		return;
	g = jh_rule_report(rule, d, sys->loc, "%s", problem);
	jh_diag_hint(g, "describe the interrupt controller fully; the "
		     "hypervisor cannot start without it");
}

JH_RULE_FN(check_sys_flags_unknown)
{
	struct jh_diag *g;

	if (sys->flags & ~JH_SYS_FLAGS_KNOWN) {
		g = jh_rule_report(rule, d, sys->loc,
			"the system has unknown flag bits 0x%x",
			sys->flags & ~JH_SYS_FLAGS_KNOWN);
		jh_diag_hint(g, "remove them");
	}
	for (size_t i = 0; i < sys->cells.n; i++) {
		const struct jh_cell *c = &sys->cells.v[i];

		if (!(c->flags & ~JH_CELL_FLAGS_KNOWN))
			continue;
		g = jh_rule_report(rule, d, jh_loc_or(c->flags_loc, c->loc),
			"cell '%s' has unknown flag bits 0x%x",
			jh_cell_label(c), c->flags & ~JH_CELL_FLAGS_KNOWN);
		jh_diag_hint(g, "remove them");
	}
}

JH_RULE_FN(check_sys_vconsole_not_permitted)
{
	for (size_t i = 0; i < sys->cells.n; i++) {
		const struct jh_cell *c = &sys->cells.v[i];
		struct jh_diag *g;

		if (!(c->flags & JH_CELL_VIRTUAL_CONSOLE_ACTIVE) ||
		    (c->flags & JH_CELL_VIRTUAL_CONSOLE_PERMITTED))
			continue;
		g = jh_rule_report(rule, d, jh_loc_or(c->flags_loc, c->loc),
			"cell '%s' makes the virtual console active but is not "
			"permitted to use it", jh_cell_label(c));
		jh_diag_hint(g, "add virtual-console-permitted to the cell's "
			     "flags");
	}
}
