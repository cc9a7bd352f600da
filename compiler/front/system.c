// SPDX-License-Identifier: GPL-2.0-only
/*
 * `system:` -> the system-wide fields of the image; defaults come from
 * the board (architecture, PCI host bridge, IOMMUs, interrupt controller,
 * x86 platform facts).
 */
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

void jh_front_console(struct jh_front *f, const struct jh_ynode *n,
		      struct jh_console_desc *con, const char *what)
{
	const struct jh_ynode *v;
	uint64_t x;

	con->loc = n->loc;
	if (n->kind == JH_YNODE_SCALAR && !jh_ynode_is_null(n)) {
		int32_t i = jh_fboard_device(f, n->text);
		const struct jh_board_device *dv;
		struct jh_diag *g;

		if (i < 0) {
			const char *names[64];
			size_t k = 0;

			g = jh_error(f->d, n->loc, "%s: the board has no "
				     "device `%s`", what, n->text);
			for (size_t j = 0; f->board &&
			     j < f->board->devices.n && k < 64; j++)
				names[k++] = f->board->devices.v[j].name;
			jh_fsuggest(g, n->text, names, k);
			return;
		}
		dv = &f->board->devices.v[i];
		if (!dv->console_type ||
		    (!dv->mmio.n && !dv->console_size)) {
			g = jh_error(f->d, n->loc, "%s: device `%s` is not "
				     "usable as a console", what, n->text);
			jh_diag_note(g, dv->loc, "`%s` has no `console:` "
				     "description%s", dv->name,
				     dv->console_type ? " with an address" :
				     "");
			return;
		}
		if (dv->console_size) {
			con->address = dv->console_address;
			con->size = dv->console_size;
		} else {
			con->address = dv->mmio.v[0].start;
			con->size = (uint32_t)dv->mmio.v[0].size;
		}
		con->type = dv->console_type;
		con->flags = dv->console_flags;
		con->board_dev = i;
		return;
	}
	if (!jh_fis_map(f, n, what))
		return;
	jh_fkeys(f, n, JH_FKEYS("address", "size", "type", "flags", "divider",
				"gate", "clock-reg"), what);
	if ((v = jh_ymap_get(n, "address")))
		jh_fint(f, v, "console `address`", UINT64_MAX, &con->address);
	if ((v = jh_ymap_get(n, "size")) &&
	    jh_fint(f, v, "console `size`", UINT32_MAX, &x))
		con->size = (uint32_t)x;
	if ((v = jh_ymap_get(n, "type")) &&
	    jh_fenum(f, v, "console `type`", jh_vocab_con_type, 0xffff, &x))
		con->type = (uint16_t)x;
	if ((v = jh_ymap_get(n, "flags")) &&
	    jh_fflags(f, v, "console `flags`", jh_vocab_con_flags, false, 0xffff,
		      &x))
		con->flags = (uint16_t)x;
	if ((v = jh_ymap_get(n, "divider")) &&
	    jh_fint(f, v, "console `divider`", UINT32_MAX, &x))
		con->divider = (uint32_t)x;
	if ((v = jh_ymap_get(n, "gate")) &&
	    jh_fint(f, v, "console `gate`", UINT32_MAX, &x))
		con->gate_nr = (uint32_t)x;
	if ((v = jh_ymap_get(n, "clock-reg")))
		jh_fint(f, v, "console `clock-reg`", UINT64_MAX,
			&con->clock_reg);
}

static void hv_memory(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_region *r = &f->sys->hypervisor_memory;
	const struct jh_ynode *v;
	bool ok = true;

	r->loc = n->loc;
	if (n->kind != JH_YNODE_MAP) {
		if (jh_frange(f, n, "`hypervisor-memory`", &r->phys_start,
			      &r->size))
			f->hv_known = true;
		return;
	}
	jh_fkeys(f, n, JH_FKEYS("phys", "size", "virt", "flags"),
		 "`hypervisor-memory`");
	if ((v = jh_frequire(f, n, "phys", "`hypervisor-memory`")))
		ok &= jh_fint(f, v, "`phys`", UINT64_MAX, &r->phys_start);
	if ((v = jh_frequire(f, n, "size", "`hypervisor-memory`")))
		ok &= jh_fint(f, v, "`size`", UINT64_MAX, &r->size);
	if ((v = jh_ymap_get(n, "virt")))
		ok &= jh_fint(f, v, "`virt`", UINT64_MAX, &r->virt_start);
	if ((v = jh_ymap_get(n, "flags")))
		ok &= jh_fflags(f, v, "`flags`", jh_vocab_mem_flags, true,
				UINT64_MAX, &r->flags);
	f->hv_known = ok;
}

static void defaults_from_board(struct jh_front *f)
{
	struct jh_system *s = f->sys;
	const struct jh_board *b = f->board;

	s->arch = b->arch;
	if (b->has_pci) {
		s->pci_mmconfig_base = b->pci_ecam;
		s->pci_mmconfig_end_bus = b->pci_end_bus;
		s->pci_domain = b->pci_domain;
	}
	for (size_t i = 0; i < b->iommus.n && i < JH_MAX_IOMMU_UNITS; i++) {
		s->iommu_units[i].type = b->iommus.v[i].type;
		s->iommu_units[i].base = b->iommus.v[i].base;
		s->iommu_units[i].size = b->iommus.v[i].size;
		memcpy(s->iommu_units[i].raw, b->iommus.v[i].raw, 12);
		s->iommu_units[i].loc = b->iommus.v[i].loc;
	}
	if (b->arch == JH_ARCH_X86) {
		s->platform.x86.pm_timer_address = b->pm_timer_address;
		s->platform.x86.apic_mode = b->apic_mode;
		s->platform.x86.vtd_interrupt_limit = b->vtd_interrupt_limit;
		s->platform.x86.tsc_khz = b->tsc_khz;
		s->platform.x86.apic_khz = b->apic_khz;
		return;
	}
	for (size_t i = 0; i < b->irqchips.n; i++) {
		const struct jh_board_irqchip *ic = &b->irqchips.v[i];

		if (ic->kind != JH_IRQCHIP_GICV2 &&
		    ic->kind != JH_IRQCHIP_GICV3)
			continue;
		s->platform.arm.gic_version = (uint8_t)ic->kind;
		s->platform.arm.maintenance_irq = (uint8_t)ic->maintenance_irq;
		s->platform.arm.gicd_base = ic->address;
		s->platform.arm.gicc_base = ic->gicc;
		s->platform.arm.gich_base = ic->gich;
		s->platform.arm.gicv_base = ic->gicv;
		s->platform.arm.gicr_base = ic->gicr;
		break;
	}
}

static void sys_pci(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_system *s = f->sys;
	const struct jh_ynode *v;
	uint64_t x;
	bool b;

	if (!jh_fis_map(f, n, "`pci`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("mmconfig-base", "end-bus", "virtual",
				"domain"), "`pci`");
	s->pci_mmconfig_base = 0;
	s->pci_mmconfig_end_bus = 0;
	s->pci_is_virtual = 0;
	s->pci_domain = 0;
	if ((v = jh_ymap_get(n, "mmconfig-base")))
		jh_fint(f, v, "`mmconfig-base`", UINT64_MAX,
			&s->pci_mmconfig_base);
	if ((v = jh_ymap_get(n, "end-bus")) &&
	    jh_fint(f, v, "`end-bus`", 0xff, &x))
		s->pci_mmconfig_end_bus = (uint8_t)x;
	if ((v = jh_ymap_get(n, "virtual"))) {
		/* a boolean; any other byte value as a number */
		if (v->kind == JH_YNODE_SCALAR && v->len && v->text[0] >= '0' &&
		    v->text[0] <= '9') {
			if (jh_fint(f, v, "`virtual`", 0xff, &x))
				s->pci_is_virtual = (uint8_t)x;
		} else if (jh_fbool(f, v, "`virtual`", &b)) {
			s->pci_is_virtual = b;
		}
	}
	if ((v = jh_ymap_get(n, "domain")) &&
	    jh_fint(f, v, "`domain`", 0xffff, &x))
		s->pci_domain = (uint16_t)x;
}

static void sys_iommus(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_system *s = f->sys;

	if (!jh_fis_seq(f, n, "`iommus`"))
		return;
	memset(s->iommu_units, 0, sizeof(s->iommu_units));
	for (size_t i = 0; i < n->num_items; i++) {
		struct jh_iommu_unit *u;

		if (i >= JH_MAX_IOMMU_UNITS) {
			jh_error(f->d, n->items[i]->loc, "the image format "
				 "holds at most %d IOMMU units",
				 JH_MAX_IOMMU_UNITS);
			break;
		}
		u = &s->iommu_units[i];
		u->loc = n->items[i]->loc;
		jh_fiommu(f, n->items[i], &u->type, &u->base, &u->size,
			  u->raw, NULL);
	}
}

static void sys_arm(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_system *s = f->sys;
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`arm`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("maintenance-irq", "gic-version", "gicd",
				"gicc", "gich", "gicv", "gicr"), "`arm`");
	memset(&s->platform.arm, 0, sizeof(s->platform.arm));
	if ((v = jh_ymap_get(n, "maintenance-irq")) &&
	    jh_fint(f, v, "`maintenance-irq`", 0xff, &x))
		s->platform.arm.maintenance_irq = (uint8_t)x;
	if ((v = jh_ymap_get(n, "gic-version")) &&
	    jh_fint(f, v, "`gic-version`", 0xff, &x))
		s->platform.arm.gic_version = (uint8_t)x;
	if ((v = jh_ymap_get(n, "gicd")))
		jh_fint(f, v, "`gicd`", UINT64_MAX, &s->platform.arm.gicd_base);
	if ((v = jh_ymap_get(n, "gicc")))
		jh_fint(f, v, "`gicc`", UINT64_MAX, &s->platform.arm.gicc_base);
	if ((v = jh_ymap_get(n, "gich")))
		jh_fint(f, v, "`gich`", UINT64_MAX, &s->platform.arm.gich_base);
	if ((v = jh_ymap_get(n, "gicv")))
		jh_fint(f, v, "`gicv`", UINT64_MAX, &s->platform.arm.gicv_base);
	if ((v = jh_ymap_get(n, "gicr")))
		jh_fint(f, v, "`gicr`", UINT64_MAX, &s->platform.arm.gicr_base);
}

static void sys_x86(struct jh_front *f, const struct jh_ynode *n)
{
	struct jh_system *s = f->sys;
	const struct jh_ynode *v;
	uint64_t x;

	if (!jh_fis_map(f, n, "`x86`"))
		return;
	jh_fkeys(f, n, JH_FKEYS("pm-timer", "apic-mode",
				"vtd-interrupt-limit", "tsc-khz", "apic-khz"),
		 "`x86`");
	memset(&s->platform.x86, 0, sizeof(s->platform.x86));
	if ((v = jh_ymap_get(n, "pm-timer")) &&
	    jh_fint(f, v, "`pm-timer`", 0xffff, &x))
		s->platform.x86.pm_timer_address = (uint16_t)x;
	if ((v = jh_ymap_get(n, "apic-mode")) &&
	    jh_fenum(f, v, "`apic-mode`", jh_vocab_apic_mode, 0xff, &x))
		s->platform.x86.apic_mode = (uint8_t)x;
	if ((v = jh_ymap_get(n, "vtd-interrupt-limit")) &&
	    jh_fint(f, v, "`vtd-interrupt-limit`", UINT32_MAX, &x))
		s->platform.x86.vtd_interrupt_limit = (uint32_t)x;
	if ((v = jh_ymap_get(n, "tsc-khz")) &&
	    jh_fint(f, v, "`tsc-khz`", UINT32_MAX, &x))
		s->platform.x86.tsc_khz = (uint32_t)x;
	if ((v = jh_ymap_get(n, "apic-khz")) &&
	    jh_fint(f, v, "`apic-khz`", UINT32_MAX, &x))
		s->platform.x86.apic_khz = (uint32_t)x;
}

void jh_front_system(struct jh_front *f)
{
	struct jh_system *s = f->sys;
	const struct jh_ynode *n = f->system_node, *v;
	uint64_t x;

	if (f->board)
		defaults_from_board(f);
	if (!n) {
		if (!f->board && f->cells.n)
			jh_error(f->d, f->cells.v[0].key->loc, "cells need "
				 "a `system:` (or a board to take it from)");
		return;
	}
	s->loc = f->system_key->loc;
	jh_fkeys(f, n, JH_FKEYS("arch", "flags", "hypervisor-memory",
				"debug-console", "pci", "iommus", "arm",
				"x86"), "`system`");
	if ((v = jh_ymap_get(n, "arch"))) {
		if (jh_fenum(f, v, "`arch`", jh_vocab_arch, 0, &x)) {
			if (f->board && x != f->board->arch)
				jh_error(f->d, v->loc, "`arch` says %s, but "
					 "the board is %s", v->text,
					 jh_vocab_arch[f->board->arch].name);
			s->arch = (uint8_t)x;
		}
	} else if (!f->board) {
		jh_error(f->d, n->loc, "`system` needs `arch` when there is "
			 "no board");
	}
	if ((v = jh_ymap_get(n, "flags")) &&
	    jh_fflags(f, v, "system `flags`", jh_vocab_sys_flags, false,
		      UINT32_MAX, &x))
		s->flags = (uint32_t)x;
	/* required only with a root cell (see cells.c): a document that
	 * holds only non-root cell images has no system descriptor */
	if ((v = jh_ymap_get(n, "hypervisor-memory")))
		hv_memory(f, v);
	if ((v = jh_ymap_get(n, "debug-console")))
		jh_front_console(f, v, &s->debug_console, "`debug-console`");
	if ((v = jh_ymap_get(n, "pci")))
		sys_pci(f, v);
	if ((v = jh_ymap_get(n, "iommus")))
		sys_iommus(f, v);
	if ((v = jh_ymap_get(n, "arm"))) {
		if (s->arch == JH_ARCH_X86)
			jh_error(f->d, jh_fkey_loc(n, "arm"), "`arm` settings "
				 "in an x86 system");
		sys_arm(f, v);
	}
	if ((v = jh_ymap_get(n, "x86"))) {
		if (s->arch != JH_ARCH_X86)
			jh_error(f->d, jh_fkey_loc(n, "x86"), "`x86` settings "
				 "in an Arm system");
		sys_x86(f, v);
	}
}
