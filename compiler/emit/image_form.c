// SPDX-License-Identifier: GPL-2.0-only
/*
 * The typed model -> YAML in the image form (one item per image entry,
 * in image order, every value that is not zero). The rules, agreed with
 * the front end, are in doc/abi.md ("The image form"): whatever this file
 * prints, the front end compiles back to the same bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "format.h"
#include "jh-cell-format.h"
#include "model/vocab.h"

/* A flow mapping `{a: 1, b: 2}` being built. */
struct flow {
	struct jh_sbuf *b;
	bool first;
};

static void key(struct flow *f, const char *k)
{
	jh_sbuf_add(f->b, "%s%s: ", f->first ? "{" : ", ", k);
	f->first = false;
}

static void end(struct flow *f)
{
	jh_sbuf_add(f->b, "%s", f->first ? "{}" : "}");
}

/* Name from a table, or the number in hex when it has none. */
static void named(struct jh_sbuf *b, const struct jh_name *t, uint64_t v)
{
	const char *n = jh_name_of(t, v);

	if (n)
		jh_sbuf_add(b, "%s", n);
	else
		jh_sbuf_add(b, "0x%llx", (unsigned long long)v);
}

static void num(struct jh_sbuf *b, uint64_t v)
{
	jh_sbuf_add(b, "%llu", (unsigned long long)v);
}

static bool console_empty(const struct jh_console_desc *c)
{
	return !c->address && !c->size && !c->type && !c->flags &&
	       !c->divider && !c->gate_nr && !c->clock_reg;
}

static void console(struct jh_sbuf *b, const struct jh_console_desc *c)
{
	struct flow f = { b, true };

	key(&f, "address");
	jh_fmt_addr(b, c->address);
	key(&f, "size");
	jh_fmt_size(b, c->size);
	key(&f, "type");
	named(b, jh_vocab_con_type, c->type);
	if (c->flags) {
		key(&f, "flags");
		jh_fmt_flags(b, c->flags, jh_vocab_con_flags);
	}
	if (c->divider) {
		key(&f, "divider");
		num(b, c->divider);
	}
	if (c->gate_nr) {
		key(&f, "gate");
		num(b, c->gate_nr);
	}
	if (c->clock_reg) {
		key(&f, "clock-reg");
		jh_fmt_addr(b, c->clock_reg);
	}
	end(&f);
}

static void region(struct jh_sbuf *b, const struct jh_region *r,
		   bool always_flags)
{
	struct flow f = { b, true };

	key(&f, "phys");
	jh_fmt_addr(b, r->phys_start);
	if (r->virt_start != r->phys_start) {
		key(&f, "virt");
		jh_fmt_addr(b, r->virt_start);
	}
	key(&f, "size");
	jh_fmt_size(b, r->size);
	if (r->flags || always_flags) {
		key(&f, "flags");
		jh_fmt_flags(b, r->flags, jh_vocab_mem_flags);
	}
	end(&f);
}

static bool iommu_empty(const struct jh_iommu_unit *u)
{
	for (size_t i = 0; i < sizeof(u->raw); i++)
		if (u->raw[i])
			return false;
	return !u->type && !u->base && !u->size;
}

static uint64_t raw_le(const uint8_t *p, unsigned int n)
{
	uint64_t v = 0;

	while (n--)
		v = (v << 8) | p[n];
	return v;
}

static void iommu(struct jh_sbuf *b, const struct jh_iommu_unit *u)
{
	struct flow f = { b, true };
	bool raw_used = false;

	key(&f, "type");
	named(b, jh_vocab_iommu_type, u->type);
	if (u->base || u->size) {
		key(&f, "base");
		jh_fmt_addr(b, u->base);
		key(&f, "size");
		jh_fmt_size(b, u->size);
	}
	if (u->type == JH_IOMMU_AMD) {
		uint16_t bdf = (uint16_t)raw_le(u->raw, 2);

		key(&f, "bdf");
		jh_sbuf_add(b, "\"%02x:%02x.%x\"", bdf >> 8, (bdf >> 3) & 0x1f,
			    bdf & 7);
		key(&f, "base-cap");
		jh_sbuf_add(b, "0x%02x", u->raw[2]);
		key(&f, "msi-cap");
		jh_sbuf_add(b, "0x%02x", u->raw[3]);
		key(&f, "features");
		jh_fmt_addr(b, raw_le(u->raw + 4, 4));
		raw_used = true;
	} else if (u->type == JH_IOMMU_PVU) {
		key(&f, "tlb-base");
		jh_fmt_addr(b, raw_le(u->raw, 8));
		key(&f, "tlb-size");
		jh_fmt_size(b, raw_le(u->raw + 8, 4));
		raw_used = true;
	}
	if (!raw_used) {
		bool any = false;

		for (size_t i = 0; i < sizeof(u->raw); i++)
			any |= u->raw[i] != 0;
		if (any) {
			key(&f, "raw");
			jh_sbuf_add(b, "[");
			for (size_t i = 0; i < sizeof(u->raw); i++)
				jh_sbuf_add(b, "%s0x%02x", i ? ", " : "",
					    u->raw[i]);
			jh_sbuf_add(b, "]");
		}
	}
	end(&f);
}

static void emit_system(struct jh_sbuf *b, const struct jh_system *s)
{
	int last_iommu = -1;

	jh_sbuf_add(b, "system:\n  arch: ");
	named(b, jh_vocab_arch, s->arch);
	jh_sbuf_add(b, "\n");
	if (!s->image_file && s->cells.n && !s->cells.v[0].is_root)
		return;	/* only cell images: no system descriptor to print */
	if (s->flags) {
		jh_sbuf_add(b, "  flags: ");
		jh_fmt_flags(b, s->flags, jh_vocab_sys_flags);
		jh_sbuf_add(b, "\n");
	}
	jh_sbuf_add(b, "  hypervisor-memory: ");
	{
		struct flow f = { b, true };
		const struct jh_region *r = &s->hypervisor_memory;

		key(&f, "phys");
		jh_fmt_addr(b, r->phys_start);
		key(&f, "size");
		jh_fmt_size(b, r->size);
		if (r->virt_start) {
			key(&f, "virt");
			jh_fmt_addr(b, r->virt_start);
		}
		if (r->flags) {
			key(&f, "flags");
			jh_fmt_flags(b, r->flags, jh_vocab_mem_flags);
		}
		end(&f);
	}
	jh_sbuf_add(b, "\n");
	if (!console_empty(&s->debug_console)) {
		jh_sbuf_add(b, "  debug-console: ");
		console(b, &s->debug_console);
		jh_sbuf_add(b, "\n");
	}
	if (s->pci_mmconfig_base || s->pci_mmconfig_end_bus ||
	    s->pci_is_virtual || s->pci_domain) {
		struct flow f = { b, true };

		jh_sbuf_add(b, "  pci: ");
		key(&f, "mmconfig-base");
		jh_fmt_addr(b, s->pci_mmconfig_base);
		key(&f, "end-bus");
		num(b, s->pci_mmconfig_end_bus);
		key(&f, "virtual");
		jh_sbuf_add(b, "%s", s->pci_is_virtual ? "true" : "false");
		key(&f, "domain");
		num(b, s->pci_domain);
		end(&f);
		jh_sbuf_add(b, "\n");
	}
	for (int i = 0; i < 8; i++)
		if (!iommu_empty(&s->iommu_units[i]))
			last_iommu = i;
	if (last_iommu >= 0) {
		jh_sbuf_add(b, "  iommus:\n");
		for (int i = 0; i <= last_iommu; i++) {
			jh_sbuf_add(b, "    - ");
			iommu(b, &s->iommu_units[i]);
			jh_sbuf_add(b, "\n");
		}
	}
	if (s->arch == JH_ARCH_X86) {
		struct flow f = { b, true };

		jh_sbuf_add(b, "  x86: ");
		key(&f, "pm-timer");
		jh_sbuf_add(b, "0x%x", s->platform.x86.pm_timer_address);
		key(&f, "apic-mode");
		named(b, jh_vocab_apic_mode, s->platform.x86.apic_mode);
		key(&f, "vtd-interrupt-limit");
		num(b, s->platform.x86.vtd_interrupt_limit);
		key(&f, "tsc-khz");
		num(b, s->platform.x86.tsc_khz);
		key(&f, "apic-khz");
		num(b, s->platform.x86.apic_khz);
		end(&f);
	} else {
		struct flow f = { b, true };

		jh_sbuf_add(b, "  arm: ");
		key(&f, "maintenance-irq");
		num(b, s->platform.arm.maintenance_irq);
		key(&f, "gic-version");
		num(b, s->platform.arm.gic_version);
		key(&f, "gicd");
		jh_fmt_addr(b, s->platform.arm.gicd_base);
		key(&f, "gicc");
		jh_fmt_addr(b, s->platform.arm.gicc_base);
		key(&f, "gich");
		jh_fmt_addr(b, s->platform.arm.gich_base);
		key(&f, "gicv");
		jh_fmt_addr(b, s->platform.arm.gicv_base);
		key(&f, "gicr");
		jh_fmt_addr(b, s->platform.arm.gicr_base);
		end(&f);
	}
	jh_sbuf_add(b, "\n");
}

/* Default cpu set size: whole 8-byte words covering the highest CPU. */
static uint32_t default_cpu_set_size(const struct jh_cell *c)
{
	for (uint32_t i = c->cpu_set_size; i > 0; i--)
		if (c->cpu_set[i - 1]) {
			uint32_t highest = (i - 1) * 8;

			for (int bit = 7; bit >= 0; bit--)
				if ((c->cpu_set[i - 1] >> bit) & 1) {
					highest += (uint32_t)bit;
					break;
				}
			return (highest / 64 + 1) * 8;
		}
	return 0;
}

static void scalar_line(struct jh_sbuf *b, const char *k, uint64_t v,
			bool hex)
{
	if (!v)
		return;
	jh_sbuf_add(b, "    %s: ", k);
	if (hex)
		jh_fmt_addr(b, v);
	else
		num(b, v);
	jh_sbuf_add(b, "\n");
}

static void emit_pci(struct jh_sbuf *b, const struct jh_pci_dev *v)
{
	bool bars = false;

	jh_sbuf_add(b, "      - type: ");
	named(b, jh_vocab_pci_type, v->type);
	jh_sbuf_add(b, "\n        bdf: \"%02x:%02x.%x\"\n", v->bdf >> 8,
		    (v->bdf >> 3) & 0x1f, v->bdf & 7);
	if (v->domain)
		jh_sbuf_add(b, "        domain: %u\n", v->domain);
	if (v->iommu)
		jh_sbuf_add(b, "        iommu: %u\n", v->iommu);
	for (int i = 0; i < JH_PCI_NUM_BARS; i++)
		bars |= v->bar_mask[i] != 0;
	if (bars) {
		jh_sbuf_add(b, "        bar-mask: [");
		for (int i = 0; i < JH_PCI_NUM_BARS; i++) {
			jh_sbuf_add(b, "%s", i ? ", " : "");
			jh_fmt_addr(b, v->bar_mask[i]);
		}
		jh_sbuf_add(b, "]\n");
	}
	if (v->caps_start || v->num_caps)
		jh_sbuf_add(b, "        caps-start: %u\n        num-caps: %u\n",
			    v->caps_start, v->num_caps);
	if (v->num_msi_vectors || v->msi_flags)
		jh_sbuf_add(b, "        msi: {vectors: %u, 64bit: %s, "
			    "maskable: %s}\n", v->num_msi_vectors,
			    v->msi_flags & JH_PCI_MSI_64BITS ? "true" : "false",
			    v->msi_flags & JH_PCI_MSI_MASKABLE ? "true" :
			    "false");
	if (v->num_msix_vectors || v->msix_region_size || v->msix_address) {
		jh_sbuf_add(b, "        msix: {vectors: %u, region-size: ",
			    v->num_msix_vectors);
		jh_fmt_size(b, v->msix_region_size);
		jh_sbuf_add(b, ", address: ");
		jh_fmt_addr(b, v->msix_address);
		jh_sbuf_add(b, "}\n");
	}
	if (v->shmem_regions_start || v->shmem_dev_id || v->shmem_peers ||
	    v->shmem_protocol) {
		jh_sbuf_add(b, "        shmem: {regions-start: %u, dev-id: %u, "
			    "peers: %u, protocol: ", v->shmem_regions_start,
			    v->shmem_dev_id, v->shmem_peers);
		named(b, jh_vocab_shmem_proto, v->shmem_protocol);
		jh_sbuf_add(b, "}\n");
	}
}

static void emit_extension(struct jh_sbuf *b, const struct jh_cell *c)
{
	bool any_preserve = false, any_l2 = false, first;

	for (size_t i = 0; i < c->mem.n; i++)
		any_preserve |= c->mem.v[i].scrub == JH_SCRUB_PRESERVE;
	for (size_t i = 0; i < c->cache.n; i++)
		any_l2 |= c->cache.v[i].level == JH_CACHE_LEVEL_L2;
	if (!c->watchdog_ms && !c->allow_hv_probe && !c->l2_isolation &&
	    !any_preserve && !any_l2)
		return;
	jh_sbuf_add(b, "    extension:\n");
	if (c->watchdog_ms)
		jh_sbuf_add(b, "      watchdog: %u ms\n", c->watchdog_ms);
	if (c->allow_hv_probe)
		jh_sbuf_add(b, "      allow-hv-probe: true\n");
	if (c->l2_isolation)
		jh_sbuf_add(b, "      l2-isolation: true\n");
	if (any_preserve) {
		jh_sbuf_add(b, "      preserve: [");
		first = true;
		for (size_t i = 0; i < c->mem.n; i++)
			if (c->mem.v[i].scrub == JH_SCRUB_PRESERVE) {
				jh_sbuf_add(b, "%s%zu", first ? "" : ", ", i);
				first = false;
			}
		jh_sbuf_add(b, "]\n");
	}
	if (any_l2) {
		jh_sbuf_add(b, "      cache-level: {");
		first = true;
		for (size_t i = 0; i < c->cache.n; i++)
			if (c->cache.v[i].level == JH_CACHE_LEVEL_L2) {
				jh_sbuf_add(b, "%s%zu: 2", first ? "" : ", ",
					    i);
				first = false;
			}
		jh_sbuf_add(b, "}\n");
	}
}

static bool printable(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return false;
	return true;
}

static void emit_cell(struct jh_sbuf *b, const struct jh_cell *c)
{
	uint32_t def = default_cpu_set_size(c);

	jh_sbuf_add(b, "  ");
	jh_fmt_scalar(b, c->name);
	jh_sbuf_add(b, ":\n");
	if (c->image_file && printable(c->image_file))
		jh_sbuf_add(b, "    # from %s\n", c->image_file);
	if (c->is_root)
		jh_sbuf_add(b, "    root: true\n");
	if (c->flags) {
		jh_sbuf_add(b, "    flags: ");
		jh_fmt_flags(b, c->flags, jh_vocab_cell_flags);
		jh_sbuf_add(b, "\n");
	}
	jh_sbuf_add(b, "    cpus: ");
	jh_fmt_cpus(b, c->cpu_set, c->cpu_set_size);
	jh_sbuf_add(b, "\n");
	if (c->cpu_set_size != def)
		jh_sbuf_add(b, "    cpu-set-size: %u\n", c->cpu_set_size);
	scalar_line(b, "reset-address", c->cpu_reset_address, true);
	scalar_line(b, "msg-reply-timeout", c->msg_reply_timeout, false);
	scalar_line(b, "vpci-irq-base", c->vpci_irq_base, false);
	scalar_line(b, "id", c->id, false);
	if (!console_empty(&c->console)) {
		jh_sbuf_add(b, "    console: ");
		console(b, &c->console);
		jh_sbuf_add(b, "\n");
	}
	if (c->mem.n)
		jh_sbuf_add(b, "    memory:\n");
	for (size_t i = 0; i < c->mem.n; i++) {
		jh_sbuf_add(b, "      - ");
		region(b, &c->mem.v[i], true);
		jh_sbuf_add(b, "\n");
	}
	if (c->cache.n)
		jh_sbuf_add(b, "    cache:\n");
	for (size_t i = 0; i < c->cache.n; i++) {
		const struct jh_cache_part *k = &c->cache.v[i];

		jh_sbuf_add(b, "      - {start: %u, size: %u, type: ", k->start,
			    k->size);
		named(b, jh_vocab_cache_type, k->type);
		if (k->flags) {
			jh_sbuf_add(b, ", flags: ");
			jh_fmt_flags(b, k->flags, jh_vocab_cache_flags);
		}
		jh_sbuf_add(b, "}\n");
	}
	if (c->irqchips.n)
		jh_sbuf_add(b, "    irqchips:\n");
	for (size_t i = 0; i < c->irqchips.n; i++) {
		const struct jh_cell_irqchip *q = &c->irqchips.v[i];

		jh_sbuf_add(b, "      - {address: ");
		jh_fmt_addr(b, q->address);
		jh_sbuf_add(b, ", id: ");
		jh_fmt_addr(b, q->id);
		jh_sbuf_add(b, ", pin-base: %u, pins: ", q->pin_base);
		jh_fmt_pins(b, q->pin_base, q->pin_bitmap);
		jh_sbuf_add(b, "}\n");
	}
	if (c->pio.n)
		jh_sbuf_add(b, "    pio:\n");
	for (size_t i = 0; i < c->pio.n; i++)
		jh_sbuf_add(b, "      - 0x%04x .. +%u\n", c->pio.v[i].base,
			    c->pio.v[i].length);
	if (c->pci.n)
		jh_sbuf_add(b, "    pci-devices:\n");
	for (size_t i = 0; i < c->pci.n; i++)
		emit_pci(b, &c->pci.v[i]);
	if (c->caps.n)
		jh_sbuf_add(b, "    pci-caps:\n");
	for (size_t i = 0; i < c->caps.n; i++) {
		const struct jh_pci_cap *k = &c->caps.v[i];

		jh_sbuf_add(b, "      - {id: 0x%02x, start: 0x%02x, len: %u",
			    k->id, k->start, k->len);
		if (k->flags) {
			jh_sbuf_add(b, ", flags: ");
			jh_fmt_flags(b, k->flags, jh_vocab_cap_flags);
		}
		jh_sbuf_add(b, "}\n");
	}
	if (c->stream_ids.n) {
		jh_sbuf_add(b, "    stream-ids: [");
		for (size_t i = 0; i < c->stream_ids.n; i++)
			jh_sbuf_add(b, "%s0x%x", i ? ", " : "",
				    c->stream_ids.v[i].id);
		jh_sbuf_add(b, "]\n");
	}
	emit_extension(b, c);
}

/* Cell names are keys of one mapping: they must differ. */
static bool names_unique(const struct jh_system *sys, struct jh_diags *d)
{
	bool ok = true;

	for (size_t i = 1; i < sys->cells.n; i++)
		for (size_t j = 0; j < i; j++) {
			struct jh_diag *g;

			if (strcmp(sys->cells.v[i].name,
				   sys->cells.v[j].name) != 0)
				continue;
			g = jh_error(d, sys->cells.v[i].name_loc, "two cells "
				     "are named '%s'; the YAML needs distinct "
				     "names", sys->cells.v[i].name);
			jh_diag_note(g, sys->cells.v[j].name_loc,
				     "the other cell of that name");
			ok = false;
			break;
		}
	return ok;
}

bool jh_emit_image_form(const struct jh_system *sys, FILE *out,
			struct jh_diags *d)
{
	struct jh_sbuf b = { NULL, 0, 0 };

	if (!names_unique(sys, d))
		return false;
	jh_sbuf_add(&b, "# jh image form: compiles back to the same bytes "
		    "(jh-compile)\njh: 1\n");
	emit_system(&b, sys);
	if (sys->cells.n)
		jh_sbuf_add(&b, "cells:\n");
	for (size_t i = 0; i < sys->cells.n; i++)
		emit_cell(&b, &sys->cells.v[i]);
	fwrite(b.s, 1, b.n, out);
	jh_sbuf_free(&b);
	return true;
}
