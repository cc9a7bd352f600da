// SPDX-License-Identifier: GPL-2.0-only
/*
 * Interrupt rules. A cell owns interrupts through its irqchip entries: a
 * chip address, a first interrupt number and a 128-bit bitmap.
 */
#include <inttypes.h>
#include <stdlib.h>

#include "check_util.h"
#include "rules.h"

#include "jh-cell-format.h"

/* GIC INTIDs 1020..1023 are special; SPIs end at 1019. */
#define GIC_MAX_INTID 1020
#define GIC_FIRST_SPI 32

struct owned_irq {
	uint64_t address;
	uint32_t irq;
	size_t cell, chip;
};

static int owned_cmp(const void *pa, const void *pb)
{
	const struct owned_irq *a = pa, *b = pb;

	if (a->address != b->address)
		return a->address < b->address ? -1 : 1;
	if (a->irq != b->irq)
		return a->irq < b->irq ? -1 : 1;
	if (a->cell != b->cell)
		return a->cell < b->cell ? -1 : 1;
	return a->chip < b->chip ? -1 : a->chip > b->chip;
}

static bool is_arm(const struct jh_system *sys)
{
	return sys->arch == JH_ARCH_ARM || sys->arch == JH_ARCH_ARM64;
}

/* Every owned interrupt of every non-root cell, sorted: duplicates across
 * cells then sit next to each other (n log n). */
JH_RULE_FN(check_irq_multiple_cells)
{
	JH_VEC(struct owned_irq) all = { 0 };

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		if (cell->is_root)
			continue;
		for (size_t k = 0; k < cell->irqchips.n; k++) {
			const struct jh_cell_irqchip *ch = &cell->irqchips.v[k];

			for (uint32_t bit = 0; bit < JH_IRQCHIP_PINS; bit++) {
				struct owned_irq *o;

				if (!(ch->pin_bitmap[bit / 32] &
				      (1u << (bit % 32))))
					continue;
				o = jh_vec_push(&all);
				o->address = ch->address;
				o->irq = ch->pin_base + bit;
				o->cell = c;
				o->chip = k;
			}
		}
	}
	if (all.n > 1)
		qsort(all.v, all.n, sizeof(*all.v), owned_cmp);
	for (size_t i = 1; i < all.n; i++) {
		const struct owned_irq *a = &all.v[i - 1], *b = &all.v[i];
		const struct jh_cell *ca, *cb;
		const struct jh_cell_irqchip *cha, *chb;
		struct jh_diag *g;

		if (a->address != b->address || a->irq != b->irq ||
		    a->cell == b->cell)
			continue;
		ca = &sys->cells.v[a->cell];
		cb = &sys->cells.v[b->cell];
		cha = &ca->irqchips.v[a->chip];
		chb = &cb->irqchips.v[b->chip];
		g = jh_rule_report(rule, d, jh_irq_loc(chb, b->irq -
							 chb->pin_base),
			"interrupt %u of the chip at 0x%" PRIx64 " is given to "
			"cell '%s' and to cell '%s'", b->irq, b->address,
			jh_cell_label(cb), jh_cell_label(ca));
		jh_diag_note(g, jh_irq_loc(cha, a->irq - cha->pin_base),
			     "cell '%s' owns it here", jh_cell_label(ca));
		jh_diag_hint(g, "an interrupt line goes to one cell; give "
			     "the device and its interrupt to one of them");
	}
	free(all.v);
}

static uint64_t board_chip_address(const struct jh_board *b, uint32_t chip)
{
	return chip < b->irqchips.n ? b->irqchips.v[chip].address : 0;
}

static bool is_debug_console(const struct jh_system *sys,
			     const struct jh_board_device *dev)
{
	uint64_t a = sys->debug_console.address;

	if (sys->debug_console.type == JH_CON_TYPE_NONE)
		return false;
	for (size_t k = 0; k < dev->mmio.n; k++)
		if (a >= dev->mmio.v[k].start &&
		    a < jh_end_sat(dev->mmio.v[k].start, dev->mmio.v[k].size))
			return true;
	return false;
}

JH_RULE_FN(check_irq_device_not_owned)
{
	const struct jh_board *b = sys->board;
	jh_span_vec wins = { 0 };

	if (!b)
		return;
	jh_board_device_windows(b, &wins);
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];
		long last_dev = -1;

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			long di = jh_region_board_device(b, &wins, r);
			const struct jh_board_device *dev;

			if (di < 0 || di == last_dev)
				continue;
			last_dev = di;
			dev = &b->devices.v[di];
			/* the hypervisor's console UART is polled */
			if (is_debug_console(sys, dev))
				continue;
			for (size_t k = 0; k < dev->irqs.n; k++) {
				const struct jh_board_irq *irq = &dev->irqs.v[k];
				struct jh_diag *g;

				if (jh_cell_owns_irq(cell,
					board_chip_address(b, irq->chip),
					irq->irq, NULL))
					continue;
				g = jh_rule_report(rule, d, r->loc,
					"cell '%s' owns device '%s' but not "
					"its interrupt %u", jh_cell_label(cell),
					dev->name ? dev->name : "?", irq->irq);
				jh_diag_note(g, jh_loc_or(irq->loc, dev->loc),
					     "the board routes it here");
				jh_diag_hint(g, "give the cell the device's "
					     "interrupts too, or it will never "
					     "see them");
			}
		}
	}
	free(wins.v);
}

static const struct jh_board_irqchip *
find_board_chip(const struct jh_board *b, uint64_t address)
{
	for (size_t i = 0; i < b->irqchips.n; i++)
		if (b->irqchips.v[i].address == address)
			return &b->irqchips.v[i];
	return NULL;
}

JH_RULE_FN(check_irq_out_of_range)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t k = 0; k < cell->irqchips.n; k++) {
			const struct jh_cell_irqchip *ch = &cell->irqchips.v[k];
			const struct jh_board_irqchip *bc = NULL;
			uint64_t limit = 0;

			if (sys->board)
				bc = find_board_chip(sys->board, ch->address);
			if (bc && bc->num_lines)
				limit = bc->num_lines;
			else if (is_arm(sys))
				limit = GIC_MAX_INTID;
			else
				continue;
			for (uint32_t bit = 0; bit < JH_IRQCHIP_PINS; bit++) {
				uint64_t irq = (uint64_t)ch->pin_base + bit;
				struct jh_diag *g;

				if (!(ch->pin_bitmap[bit / 32] &
				      (1u << (bit % 32))) || irq < limit)
					continue;
				g = jh_rule_report(rule, d, jh_irq_loc(ch, bit),
					"cell '%s' owns interrupt %" PRIu64
					" of the chip at 0x%" PRIx64 ", which "
					"has only %" PRIu64 " lines",
					jh_cell_label(cell), irq, ch->address,
					limit);
				if (bc)
					jh_diag_note(g, bc->loc,
						     "the chip is described "
						     "here");
				jh_diag_hint(g, "check the interrupt number "
					     "(GIC SPIs start at 32)");
				break;
			}
		}
	}
}

/* Interrupts the hypervisor keeps: the GIC maintenance interrupt and
 * those the board lists. Returns where it was declared. */
static bool hv_irq(const struct jh_system *sys, uint64_t address,
		   uint32_t irq, struct jh_loc *where)
{
	const struct jh_board *b = sys->board;

	if (is_arm(sys) && sys->platform.arm.maintenance_irq &&
	    irq == sys->platform.arm.maintenance_irq &&
	    address == sys->platform.arm.gicd_base) {
		*where = sys->loc;
		return true;
	}
	if (!b)
		return false;
	for (size_t i = 0; i < b->hv_irqs.n; i++) {
		const struct jh_board_irq *h = &b->hv_irqs.v[i];

		if (h->irq == irq && board_chip_address(b, h->chip) == address) {
			*where = jh_loc_or(h->loc, b->loc);
			return true;
		}
	}
	for (size_t i = 0; i < b->irqchips.n; i++) {
		const struct jh_board_irqchip *bc = &b->irqchips.v[i];

		if (bc->maintenance_irq && bc->maintenance_irq == irq &&
		    bc->address == address) {
			*where = bc->loc;
			return true;
		}
	}
	return false;
}

JH_RULE_FN(check_irq_hypervisor)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t k = 0; k < cell->irqchips.n; k++) {
			const struct jh_cell_irqchip *ch = &cell->irqchips.v[k];

			for (uint32_t bit = 0; bit < JH_IRQCHIP_PINS; bit++) {
				struct jh_loc where = JH_LOC_NONE;
				struct jh_diag *g;
				uint32_t irq = ch->pin_base + bit;

				if (!(ch->pin_bitmap[bit / 32] &
				      (1u << (bit % 32))) ||
				    !hv_irq(sys, ch->address, irq, &where))
					continue;
				g = jh_rule_report(rule, d, jh_irq_loc(ch, bit),
					"cell '%s' owns interrupt %u, which "
					"the hypervisor uses itself",
					jh_cell_label(cell), irq);
				jh_diag_note(g, where,
					     "the hypervisor's interrupt is "
					     "declared here");
				jh_diag_hint(g, "remove the interrupt from the "
					     "cell");
			}
		}
	}
}

/* Owner of a board PCI device: the non-root cell listing it, else the
 * root cell listing it, else -1. Also gives the cell's entry. */
static long pci_owner(const struct jh_system *sys, size_t board_idx,
		      const struct jh_pci_dev **entry)
{
	const struct jh_board_pci_device *bd =
		&sys->board->pci_devices.v[board_idx];
	long owner = -1;

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->pci.n; i++) {
			const struct jh_pci_dev *p = &cell->pci.v[i];
			bool match = p->board_dev >= 0 ?
				(size_t)p->board_dev == board_idx :
				(p->type != JH_PCI_TYPE_IVSHMEM &&
				 p->domain == bd->domain && p->bdf == bd->bdf);

			if (!match)
				continue;
			if (owner < 0 || sys->cells.v[owner].is_root) {
				owner = (long)c;
				*entry = p;
			}
		}
	}
	return owner;
}

struct intx_use {
	int32_t line;
	long owner;
	size_t board_dev;
	const struct jh_pci_dev *entry;
};

static int intx_cmp(const void *pa, const void *pb)
{
	const struct intx_use *a = pa, *b = pb;

	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->owner != b->owner)
		return a->owner < b->owner ? -1 : 1;
	return a->board_dev < b->board_dev ? -1 : a->board_dev > b->board_dev;
}

JH_RULE_FN(check_irq_intx_shared)
{
	const struct jh_board *b = sys->board;
	JH_VEC(struct intx_use) uses = { 0 };

	if (!b)
		return;
	for (size_t i = 0; i < b->pci_devices.n; i++) {
		const struct jh_board_pci_device *bd = &b->pci_devices.v[i];
		const struct jh_pci_dev *entry = NULL;
		long owner;
		struct intx_use *u;

		if (!bd->intx_pin || bd->intx_line < 0)
			continue;
		owner = pci_owner(sys, i, &entry);
		if (owner < 0)
			continue;
		u = jh_vec_push(&uses);
		u->line = bd->intx_line;
		u->owner = owner;
		u->board_dev = i;
		u->entry = entry;
	}
	if (uses.n > 1)
		qsort(uses.v, uses.n, sizeof(*uses.v), intx_cmp);
	for (size_t i = 1; i < uses.n; i++) {
		const struct intx_use *a = &uses.v[i - 1], *u = &uses.v[i];
		const struct jh_board_pci_device *ba, *bu;
		struct jh_diag *g;

		if (a->line != u->line || a->owner == u->owner)
			continue;
		ba = &b->pci_devices.v[a->board_dev];
		bu = &b->pci_devices.v[u->board_dev];
		g = jh_rule_report(rule, d, u->entry->loc,
			"PCI device '%s' of cell '%s' shares INTx line %d with "
			"device '%s' of cell '%s'", bu->name ? bu->name : "?",
			jh_cell_label(&sys->cells.v[u->owner]), u->line,
			ba->name ? ba->name : "?",
			jh_cell_label(&sys->cells.v[a->owner]));
		jh_diag_note(g, a->entry->loc, "device '%s' is given here",
			     ba->name ? ba->name : "?");
		jh_diag_note(g, bu->loc, "the board routes the INTx pin of "
			     "'%s' here", bu->name ? bu->name : "?");
		jh_diag_hint(g, "use MSI/MSI-X for the device, or keep every "
			     "device on that line in one cell");
	}
	free(uses.v);
}

JH_RULE_FN(check_irq_chip_unknown)
{
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t k = 0; k < cell->irqchips.n; k++) {
			const struct jh_cell_irqchip *ch = &cell->irqchips.v[k];
			struct jh_diag *g;

			if (sys->board) {
				if (find_board_chip(sys->board, ch->address))
					continue;
			} else if (!is_arm(sys) ||
				   sys->platform.arm.gicd_base == 0 ||
				   ch->address == sys->platform.arm.gicd_base) {
				continue;
			}
			g = jh_rule_report(rule, d, ch->loc,
				"cell '%s' refers to an interrupt controller at "
				"0x%" PRIx64 ", which the %s does not have",
				jh_cell_label(cell), ch->address,
				sys->board ? "board" : "system");
			if (sys->board)
				jh_diag_note(g, sys->board->loc,
					     "the board is described here");
			jh_diag_hint(g, "use the address of the board's "
				     "interrupt controller (GIC distributor "
				     "or IOAPIC)");
		}
	}
}

JH_RULE_FN(check_irq_gic_version)
{
	const struct jh_board *b = sys->board;

	if (!b || !is_arm(sys))
		return;
	for (size_t i = 0; i < b->irqchips.n; i++) {
		const struct jh_board_irqchip *bc = &b->irqchips.v[i];
		struct jh_diag *g;

		if (bc->kind != JH_IRQCHIP_GICV2 && bc->kind != JH_IRQCHIP_GICV3)
			continue;
		if (sys->platform.arm.gic_version == (uint8_t)bc->kind &&
		    (sys->platform.arm.gicd_base == 0 ||
		     sys->platform.arm.gicd_base == bc->address))
			continue;
		g = jh_rule_report(rule, d, sys->loc,
			"the system describes a GICv%u at 0x%" PRIx64 ", but "
			"the board has a GICv%u at 0x%" PRIx64,
			sys->platform.arm.gic_version,
			sys->platform.arm.gicd_base, (unsigned)bc->kind,
			bc->address);
		jh_diag_note(g, bc->loc, "the board's GIC is here");
		jh_diag_hint(g, "take the GIC version and bases from the "
			     "board");
		return;
	}
}

JH_RULE_FN(check_irq_per_cpu)
{
	if (!is_arm(sys))
		return;
	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t k = 0; k < cell->irqchips.n; k++) {
			const struct jh_cell_irqchip *ch = &cell->irqchips.v[k];

			for (uint32_t bit = 0; bit < JH_IRQCHIP_PINS; bit++) {
				uint32_t irq = ch->pin_base + bit;
				struct jh_loc where;
				struct jh_diag *g;

				if (irq >= GIC_FIRST_SPI)
					break;
				if (!(ch->pin_bitmap[bit / 32] &
				      (1u << (bit % 32))) ||
				    hv_irq(sys, ch->address, irq, &where))
					continue;
				g = jh_rule_report(rule, d, jh_irq_loc(ch, bit),
					"cell '%s' owns interrupt %u, a per-CPU "
					"%s that cannot be handed to a cell",
					jh_cell_label(cell), irq,
					irq < 16 ? "SGI" : "PPI");
				jh_diag_hint(g, "only shared peripheral "
					     "interrupts (32 and up) can be "
					     "given to cells; PPIs reach the "
					     "cell with its CPUs");
			}
		}
	}
}

struct chip_window {
	uint64_t start, size;
	const char *what;
	struct jh_loc loc;
};

/* Register windows of the interrupt controllers: from the board when
 * there is one, else from the system's GIC description. */
static size_t chip_windows(const struct jh_system *sys,
			   struct chip_window *w, size_t max)
{
	const struct jh_board *b = sys->board;
	size_t n = 0;

#define ADD(s, sz, name, l) \
	do { \
		if ((s) && n < max) \
			w[n++] = (struct chip_window){ (s), (sz), (name), (l) }; \
	} while (0)
	if (b) {
		uint64_t rd = 0x20000 * (uint64_t)(b->cpus.n ? b->cpus.n : 1);

		for (size_t i = 0; i < b->irqchips.n; i++) {
			const struct jh_board_irqchip *c = &b->irqchips.v[i];

			if (c->kind == JH_IRQCHIP_IOAPIC) {
				ADD(c->address, 0x1000, "the IOAPIC", c->loc);
				continue;
			}
			ADD(c->address, 0x10000, "the GIC distributor", c->loc);
			ADD(c->gicr, rd, "the GIC redistributors", c->loc);
			ADD(c->gicc, 0x2000, "the GIC CPU interface", c->loc);
			ADD(c->gich, 0x2000, "the GIC hypervisor interface",
			    c->loc);
		}
	} else if (is_arm(sys)) {
		uint64_t cpus = 0;

		for (size_t i = 0; i < sys->cells.n; i++)
			if (sys->cells.v[i].cpu_set_size * 8ull > cpus)
				cpus = sys->cells.v[i].cpu_set_size * 8ull;
		ADD(sys->platform.arm.gicd_base, 0x10000,
		    "the GIC distributor", sys->loc);
		if (sys->platform.arm.gic_version == 3)
			ADD(sys->platform.arm.gicr_base, 0x20000 * cpus,
			    "the GIC redistributors", sys->loc);
		ADD(sys->platform.arm.gicc_base, 0x2000,
		    "the GIC CPU interface", sys->loc);
		ADD(sys->platform.arm.gich_base, 0x2000,
		    "the GIC hypervisor interface", sys->loc);
	}
#undef ADD
	return n;
}

JH_RULE_FN(check_irq_chip_mapped)
{
	struct chip_window w[64];
	size_t n = chip_windows(sys, w, 64);

	for (size_t c = 0; c < sys->cells.n; c++) {
		const struct jh_cell *cell = &sys->cells.v[c];

		for (size_t i = 0; i < cell->mem.n; i++) {
			const struct jh_region *r = &cell->mem.v[i];
			uint64_t end = jh_end_sat(r->phys_start, r->size);

			if (jh_region_is_comm(r) || !r->size)
				continue;
			for (size_t k = 0; k < n; k++) {
				struct jh_diag *g;

				if (r->phys_start >= jh_end_sat(w[k].start,
								w[k].size) ||
				    end <= w[k].start)
					continue;
				g = jh_rule_report(rule, d, r->loc,
					"memory region %zu of cell '%s' maps "
					"%s at 0x%" PRIx64, i,
					jh_cell_label(cell), w[k].what,
					w[k].start);
				jh_diag_note(g, w[k].loc,
					     "the interrupt controller is "
					     "described here");
				jh_diag_hint(g, "remove the mapping; the "
					     "hypervisor emulates the "
					     "interrupt controller for cells");
				break;
			}
		}
	}
}
