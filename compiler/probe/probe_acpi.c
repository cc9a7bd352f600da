// SPDX-License-Identifier: GPL-2.0-only
/*
 * x86 platform from ACPI: PCI config space (MCFG), CPUs' APIC ids and
 * IOAPICs (MADT), IOMMUs (DMAR for Intel VT-d, IVRS for AMD-Vi).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"
#include "probe/acpi.h"
#include "probe/probe.h"

#define TABLES "sys/firmware/acpi/tables/"

static unsigned char *table(struct jh_probe *p,
			    const struct jh_probe_root *root, const char *sig,
			    size_t *len, bool required, const char *fill)
{
	char err[256], path[64];
	unsigned char *t;

	snprintf(path, sizeof(path), TABLES "%s", sig);
	t = jh_probe_root_read(root, path, len, err, sizeof(err));
	/* DMAR and IVRS are optional (one vendor each), but one that is
	 * there and unreadable must not pass for absent */
	if (!t && (required || (strcmp(err, "No such file or directory") &&
				strcmp(err, "not in the snapshot"))))
		jh_probe_note(p, "ACPI %s table: %s (%s): %s", sig, err,
			      root->dir ? "ACPI tables are readable by root "
			      "only" : "not collected", fill);
	return t;
}

static void mcfg(struct jh_probe *p, const struct jh_probe_root *root)
{
	size_t len;
	unsigned char *t = table(p, root, "MCFG", &len, true,
				 "fill in board.pci.ecam and end-bus");
	struct jh_acpi_mcfg m;
	char err[256];

	if (!t)
		return;
	if (!jh_acpi_parse_mcfg(t, len, &m, err, sizeof(err))) {
		jh_probe_note(p, "%s: fill in board.pci.ecam and end-bus",
			      err);
	} else if (!m.n) {
		jh_probe_note(p, "MCFG lists no PCI segment: fill in "
			      "board.pci");
	} else {
		if (m.n > 1)
			jh_probe_note(p, "MCFG lists %zu PCI segments; only "
				      "segment %u is described (jh has one "
				      "host bridge)", m.n, m.e[0].segment);
		p->board->has_pci = true;
		/* the ECAM base in MCFG is for bus 0 even when the range
		 * starts later */
		p->board->pci_ecam = m.e[0].base;
		p->board->pci_end_bus = m.e[0].end_bus;
		p->board->pci_domain = m.e[0].segment;
	}
	free(t);
}

static void madt(struct jh_probe *p, const struct jh_probe_root *root,
		 const struct jh_acpi_ioapic_source *src, size_t num_src)
{
	size_t len;
	unsigned char *t = table(p, root, "APIC", &len, true,
				 "fill in board.irqchips (IOAPICs)");
	struct jh_acpi_madt *m;
	char err[256];

	if (!t)
		return;
	m = jh_xmalloc(sizeof(*m));
	if (!jh_acpi_parse_madt(t, len, m, err, sizeof(err))) {
		jh_probe_note(p, "%s: fill in board.irqchips (IOAPICs)", err);
		goto out;
	}
	for (size_t i = 0; i < m->num_ioapics; i++) {
		struct jh_board_irqchip *c = jh_vec_push(&p->board->irqchips);
		char name[32];
		bool found = false;

		memset(c, 0, sizeof(*c));
		snprintf(name, sizeof(name), "ioapic%zu", i);
		c->name = jh_board_strdup(p->board, name);
		c->kind = JH_IRQCHIP_IOAPIC;
		c->address = m->ioapics[i].address;
		c->num_lines = 24;
		c->loc = JH_LOC_NONE;
		for (size_t k = 0; k < num_src; k++)
			if (src[k].ioapic_id == m->ioapics[i].id) {
				c->id = src[k].bdf;
				found = true;
			}
		if (!found)
			jh_probe_note(p, "IOAPIC %u: no source id in DMAR or "
				      "IVRS: fill in board.irqchips.%s.id "
				      "(its requester id)", m->ioapics[i].id,
				      name);
		if (m->ioapics[i].gsi_base)
			jh_probe_note(p, "IOAPIC %u starts at GSI %u: its "
				      "pins are numbered from 0 in jh",
				      m->ioapics[i].id,
				      m->ioapics[i].gsi_base);
	}
	if (!m->num_ioapics)
		jh_probe_note(p, "MADT lists no IOAPIC: fill in "
			      "board.irqchips");
	if (m->num_ioapics > 1)
		jh_probe_note(p, "%zu IOAPICs: the INTx lines written are "
			      "Linux's GSIs and the root cell's irqs are pins "
			      "of the first IOAPIC; check devices routed to "
			      "the others", m->num_ioapics);
	if (m->num_cpus == p->board->cpus.n) {
		for (size_t i = 0; i < m->num_cpus; i++)
			if (p->board->cpus.v[i].hw_id != m->apic_ids[i])
				jh_probe_note(p, "CPU %zu: MADT says APIC id "
					      "%u, /proc/cpuinfo says %llu "
					      "(using /proc/cpuinfo)", i,
					      m->apic_ids[i],
					      (unsigned long long)
					      p->board->cpus.v[i].hw_id);
	}
out:
	free(m);
	free(t);
}

void jh_probe_acpi(struct jh_probe *p, const struct jh_probe_root *root)
{
	struct jh_acpi_ioapic_source src[2 * JH_ACPI_MAX];
	size_t num_src = 0, len;
	unsigned char *t;
	char err[256];

	mcfg(p, root);
	t = table(p, root, "DMAR", &len, false, "fill in board.iommus");
	if (t) {
		struct jh_acpi_dmar *d = jh_xmalloc(sizeof(*d));

		if (!jh_acpi_parse_dmar(t, len, d, err, sizeof(err))) {
			jh_probe_note(p, "%s: fill in board.iommus", err);
		} else {
			for (size_t i = 0; i < d->num_units; i++) {
				struct jh_board_iommu *u =
					jh_vec_push(&p->board->iommus);
				char name[32];

				memset(u, 0, sizeof(*u));
				snprintf(name, sizeof(name), "dmar%zu", i);
				u->name = jh_board_strdup(p->board, name);
				u->type = JH_IOMMU_INTEL;
				u->base = d->units[i].base;
				u->size = d->units[i].size;
				u->loc = JH_LOC_NONE;
				if (d->units[i].include_all)
					p->pci_iommu = (int32_t)
						(p->board->iommus.n - 1);
				for (size_t k = 0; k < d->units[i].num_scopes;
				     k++) {
					struct jh_probe_iommu_scope *sc =
						jh_vec_push(&p->iommu_scopes);

					sc->iommu = (int32_t)
						(p->board->iommus.n - 1);
					sc->bridge = d->units[i].scopes[k]
							.type == 2;
					sc->bdf = d->units[i].scopes[k].bdf;
				}
			}
			for (size_t i = 0; i < d->num_ioapics; i++)
				src[num_src++] = d->ioapics[i];
		}
		free(d);
		free(t);
	}
	t = table(p, root, "IVRS", &len, false, "fill in board.iommus");
	if (t) {
		struct jh_acpi_ivrs *v = jh_xmalloc(sizeof(*v));

		if (!jh_acpi_parse_ivrs(t, len, v, err, sizeof(err))) {
			jh_probe_note(p, "%s: fill in board.iommus", err);
		} else {
			for (size_t i = 0; i < v->num_units; i++) {
				struct jh_board_iommu *u =
					jh_vec_push(&p->board->iommus);
				char name[32];
				uint16_t bdf = v->units[i].bdf;
				uint32_t f = v->units[i].features;

				/* keep one unit per IOMMU: IVRS repeats each
				 * as type 10 and 11/40 blocks */
				if (i && v->units[i].base ==
					 v->units[i - 1].base) {
					p->board->iommus.n--;
					continue;
				}
				memset(u, 0, sizeof(*u));
				snprintf(name, sizeof(name), "amd-vi%zu", i);
				u->name = jh_board_strdup(p->board, name);
				u->type = JH_IOMMU_AMD;
				u->base = v->units[i].base;
				u->size = 0x80000;
				/* union amd: bdf, base-cap, msi-cap,
				 * features; the MSI capability is filled in
				 * from config space by the PCI probe */
				u->raw[0] = (uint8_t)bdf;
				u->raw[1] = (uint8_t)(bdf >> 8);
				u->raw[2] = (uint8_t)v->units[i].cap_offset;
				u->raw[4] = (uint8_t)f;
				u->raw[5] = (uint8_t)(f >> 8);
				u->raw[6] = (uint8_t)(f >> 16);
				u->raw[7] = (uint8_t)(f >> 24);
				u->loc = JH_LOC_NONE;
				p->pci_iommu = (int32_t)
					(p->board->iommus.n - 1);
			}
			for (size_t i = 0; i < v->num_ioapics; i++)
				src[num_src++] = v->ioapics[i];
		}
		free(v);
		free(t);
	}
	if (!p->board->iommus.n)
		jh_probe_note(p, "no DMAR or IVRS table: the board has no "
			      "IOMMU jh can use (DMA from devices is not "
			      "confined)");
	madt(p, root, src, num_src);
}
