// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test driver for the YAML front end: loads a file, prints every
 * diagnostic (no colour) to stdout and, with --dump, a compact listing of
 * the resulting model so tests can assert on expansion and placement.
 * Exit status: 0 clean, 1 errors, 2 usage.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "front/front.h"

static void dump_cell(const struct jh_cell *c)
{
	printf("cell %s%s flags=%#x reset=%#" PRIx64 " vpci=%u\n  cpus:",
	       c->name, c->is_root ? " (root)" : "", c->flags,
	       c->cpu_reset_address, c->vpci_irq_base);
	for (uint32_t i = 0; i < c->cpu_set_size * 8; i++)
		if (jh_cell_test_cpu(c, i))
			printf(" %u", i);
	printf(" (set size %u)\n", c->cpu_set_size);
	if (c->console.type)
		printf("  console type=%u addr=%#" PRIx64 " size=%#x "
		       "flags=%#x\n", c->console.type, c->console.address,
		       c->console.size, c->console.flags);
	for (size_t i = 0; i < c->mem.n; i++) {
		const struct jh_region *r = &c->mem.v[i];

		printf("  mem[%zu] phys=%#" PRIx64 " virt=%#" PRIx64
		       " size=%#" PRIx64 " flags=%#" PRIx64 " origin=%d/%d%s"
		       "%s\n", i, r->phys_start, r->virt_start, r->size,
		       r->flags, r->origin.kind, r->origin.index,
		       r->name ? " " : "", r->name ? r->name : "");
	}
	for (size_t i = 0; i < c->cache.n; i++)
		printf("  cache[%zu] start=%u size=%u type=%u flags=%#x "
		       "level=%d\n", i, c->cache.v[i].start,
		       c->cache.v[i].size, c->cache.v[i].type,
		       c->cache.v[i].flags, c->cache.v[i].level);
	for (size_t i = 0; i < c->irqchips.n; i++) {
		const struct jh_cell_irqchip *q = &c->irqchips.v[i];

		printf("  irqchip[%zu] addr=%#" PRIx64 " id=%#x base=%u "
		       "bitmap=%08x %08x %08x %08x\n", i, q->address, q->id,
		       q->pin_base, q->pin_bitmap[0], q->pin_bitmap[1],
		       q->pin_bitmap[2], q->pin_bitmap[3]);
	}
	for (size_t i = 0; i < c->pio.n; i++)
		printf("  pio[%zu] %#x+%#x\n", i, c->pio.v[i].base,
		       c->pio.v[i].length);
	for (size_t i = 0; i < c->pci.n; i++) {
		const struct jh_pci_dev *p = &c->pci.v[i];

		printf("  pci[%zu] type=%u bdf=%02x:%02x.%x dom=%u iommu=%u "
		       "bars=%x,%x,%x,%x,%x,%x caps=%u+%u msi=%u/%#x "
		       "msix=%u/%#x/%#" PRIx64 " shmem=%u/%u/%u/%#x\n", i,
		       p->type, p->bdf >> 8, (p->bdf >> 3) & 31, p->bdf & 7,
		       p->domain, p->iommu, p->bar_mask[0], p->bar_mask[1],
		       p->bar_mask[2], p->bar_mask[3], p->bar_mask[4],
		       p->bar_mask[5], p->caps_start, p->num_caps,
		       p->num_msi_vectors, p->msi_flags, p->num_msix_vectors,
		       p->msix_region_size, p->msix_address,
		       p->shmem_regions_start, p->shmem_dev_id,
		       p->shmem_peers, p->shmem_protocol);
	}
	for (size_t i = 0; i < c->caps.n; i++)
		printf("  cap[%zu] id=%#x start=%#x len=%u flags=%#x\n", i,
		       c->caps.v[i].id, c->caps.v[i].start, c->caps.v[i].len,
		       c->caps.v[i].flags);
	for (size_t i = 0; i < c->stream_ids.n; i++)
		printf("  stream-id[%zu] %#x\n", i, c->stream_ids.v[i].id);
	if (c->watchdog_ms || c->allow_hv_probe || c->l2_isolation)
		printf("  ext watchdog=%u probe=%d l2=%d\n", c->watchdog_ms,
		       c->allow_hv_probe, c->l2_isolation);
}

static void dump(const struct jh_system *s)
{
	printf("system arch=%u flags=%#x hv=%#" PRIx64 "+%#" PRIx64
	       " console=%#" PRIx64 "/%#x/type %u/flags %#x\n", s->arch,
	       s->flags, s->hypervisor_memory.phys_start,
	       s->hypervisor_memory.size, s->debug_console.address,
	       s->debug_console.size, s->debug_console.type,
	       s->debug_console.flags);
	printf("pci mmcfg=%#" PRIx64 " end=%u virtual=%u domain=%u\n",
	       s->pci_mmconfig_base, s->pci_mmconfig_end_bus,
	       s->pci_is_virtual, s->pci_domain);
	for (int i = 0; i < 8; i++)
		if (s->iommu_units[i].type || s->iommu_units[i].base)
			printf("iommu[%d] type=%u base=%#" PRIx64 " size=%#x\n",
			       i, s->iommu_units[i].type,
			       s->iommu_units[i].base, s->iommu_units[i].size);
	if (s->arch == 0)
		printf("x86 pm=%#x apic=%u vtd=%u\n",
		       s->platform.x86.pm_timer_address,
		       s->platform.x86.apic_mode,
		       s->platform.x86.vtd_interrupt_limit);
	else
		printf("arm gic=%u maint=%u gicd=%#" PRIx64 " gicc=%#" PRIx64
		       " gich=%#" PRIx64 " gicv=%#" PRIx64 " gicr=%#" PRIx64
		       "\n", s->platform.arm.gic_version,
		       s->platform.arm.maintenance_irq,
		       s->platform.arm.gicd_base, s->platform.arm.gicc_base,
		       s->platform.arm.gich_base, s->platform.arm.gicv_base,
		       s->platform.arm.gicr_base);
	for (size_t i = 0; i < s->cells.n; i++)
		dump_cell(&s->cells.v[i]);
	for (size_t i = 0; i < s->links.n; i++)
		printf("link %s bdf=%#x base=%#" PRIx64 " peers=%zu\n",
		       s->links.v[i].name, s->links.v[i].bdf,
		       s->links.v[i].phys_base, s->links.v[i].peers.n);
}

int main(int argc, char **argv)
{
	struct jh_diags d;
	struct jh_system sys;
	bool want_dump = false;
	const char *file;
	bool ok;

	if (argc == 3 && strcmp(argv[1], "--dump") == 0) {
		want_dump = true;
		file = argv[2];
	} else if (argc == 2) {
		file = argv[1];
	} else {
		fprintf(stderr, "usage: front-check [--dump] FILE\n");
		return 2;
	}
	jh_diags_init(&d);
	jh_system_init(&sys);
	ok = jh_front_load_file(file, &d, &sys, NULL);
	jh_diags_print(&d, stdout, false, true);
	if (want_dump && ok)
		dump(&sys);
	jh_system_free(&sys);
	jh_diags_free(&d);
	return ok ? 0 : 1;
}
