// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hand-built systems for the image tests (see sample.h).
 */
#include "sample.h"

#include <string.h>

#include "jh-cell-format.h"

static void console(struct jh_console_desc *c, uint16_t type, uint64_t base)
{
	static const uint16_t flag_sets[] = {
		0, JH_CON_ACCESS_MMIO,
		JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4,
		JH_CON_FB_1920x1080,
		JH_CON_ACCESS_MMIO | JH_CON_INVERTED_GATE,
		JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4 | JH_CON_MDR_QUIRK,
		0x0100 /* an unknown bit, kept as a number */,
	};

	c->address = base;
	c->size = 0x1000;
	c->type = type;
	c->flags = flag_sets[type % (sizeof(flag_sets) / sizeof(flag_sets[0]))];
	if (type == JH_CON_TYPE_IMX || type == JH_CON_TYPE_MVEBU) {
		c->divider = 0x1b;
		c->gate_nr = 7;
		c->clock_reg = 0x30380000ull;
	}
}

static struct jh_region *region(struct jh_cell *c, uint64_t phys,
				uint64_t virt, uint64_t size, uint64_t flags)
{
	struct jh_region *r = jh_vec_push(&c->mem);

	memset(r, 0, sizeof(*r));
	r->phys_start = phys;
	r->virt_start = virt;
	r->size = size;
	r->flags = flags;
	r->loc = JH_LOC_NONE;
	r->scrub_loc = JH_LOC_NONE;
	return r;
}

static void cache(struct jh_cell *c, uint32_t start, uint32_t size,
		  uint8_t type, uint16_t flags, enum jh_cache_level level)
{
	struct jh_cache_part *k = jh_vec_push(&c->cache);

	memset(k, 0, sizeof(*k));
	k->start = start;
	k->size = size;
	k->type = type;
	k->flags = flags;
	k->level = level;
	k->loc = JH_LOC_NONE;
}

static void irqchip(struct jh_cell *c, uint64_t addr, uint32_t id,
		    uint32_t base, uint32_t w0, uint32_t w3)
{
	struct jh_cell_irqchip *q = jh_vec_push(&c->irqchips);

	memset(q, 0, sizeof(*q));
	q->address = addr;
	q->id = id;
	q->pin_base = base;
	q->pin_bitmap[0] = w0;
	q->pin_bitmap[3] = w3;
	q->board_chip = -1;
	q->loc = JH_LOC_NONE;
}

static void pio(struct jh_cell *c, uint16_t base, uint16_t len)
{
	struct jh_port_range *p = jh_vec_push(&c->pio);

	memset(p, 0, sizeof(*p));
	p->base = base;
	p->length = len;
	p->loc = JH_LOC_NONE;
}

static struct jh_pci_dev *pci(struct jh_cell *c, uint8_t type, uint16_t bdf)
{
	struct jh_pci_dev *v = jh_vec_push(&c->pci);

	memset(v, 0, sizeof(*v));
	v->type = type;
	v->bdf = bdf;
	v->board_dev = -1;
	v->link = -1;
	v->loc = JH_LOC_NONE;
	return v;
}

static void cap(struct jh_cell *c, uint16_t id, uint16_t start, uint16_t len,
		uint16_t flags)
{
	struct jh_pci_cap *k = jh_vec_push(&c->caps);

	k->id = id;
	k->start = start;
	k->len = len;
	k->flags = flags;
	k->loc = JH_LOC_NONE;
}

static void stream_id(struct jh_cell *c, uint32_t id)
{
	struct jh_stream_id *s = jh_vec_push(&c->stream_ids);

	s->id = id;
	s->loc = JH_LOC_NONE;
}

/* Everything a cell can have, with values that differ per cell. */
static void fill_cell(struct jh_cell *c, int variant, int n)
{
	uint64_t base = 0x40000000ull * (uint64_t)(n + 1);
	struct jh_pci_dev *v;

	for (uint32_t cpu = 0; cpu < 4; cpu++)
		if ((cpu + (uint32_t)n) % 2 == 0)
			jh_cell_set_cpu(c, cpu);
	if (n == 2)
		jh_cell_set_cpu(c, 70);	/* a second 64-bit word */

	region(c, base, base, 0x10000000,
	       JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA |
	       JH_MEM_LOADABLE | JH_MEM_NO_HUGEPAGES);
	region(c, 0x09000000, 0x09000000, 0x1000,
	       JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO | JH_MEM_ROOTSHARED |
	       JH_MEM_IO_UNALIGNED | JH_MEM_IO_8 | JH_MEM_IO_16 |
	       JH_MEM_IO_32 | JH_MEM_IO_64);
	region(c, 0x7f000000, 0x80000000, 0x2000,
	       JH_MEM_READ | JH_MEM_WRITE | JH_MEM_COMM_REGION |
	       (1ull << 40) /* unknown bit */);
	region(c, 0x0a000010, 0x0a000010, 0x18, JH_MEM_READ | JH_MEM_IO);
	/* ivshmem: state table, shared rw, 2 outputs */
	region(c, 0x7f100000, 0x7f100000, 0x1000, JH_MEM_READ);
	region(c, 0x7f101000, 0x7f101000, 0, JH_MEM_READ | JH_MEM_WRITE);
	region(c, 0x7f102000, 0x7f102000, 0x4000,
	       JH_MEM_READ | (n == 0 ? JH_MEM_WRITE : 0));
	region(c, 0x7f106000, 0x7f106000, 0x4000,
	       JH_MEM_READ | (n == 1 ? JH_MEM_WRITE : 0));

	cache(c, 0, 4, JH_CACHE_L3, JH_CACHE_ROOTSHARED, JH_CACHE_LEVEL_L3);
	cache(c, 4, 2, JH_CACHE_L3_CODE, 0, JH_CACHE_LEVEL_L3);
	cache(c, 6, 2, JH_CACHE_L3_DATA, 0x8000 /* unknown */,
	      JH_CACHE_LEVEL_L3);
	cache(c, 8, 3, 0x7f /* unknown type */, 0, JH_CACHE_LEVEL_L3);

	irqchip(c, 0x08000000, 0, 32, 0x00000006, 0x80000000);
	irqchip(c, 0x08000000, 0, 160, 0xffffffff, 0);
	irqchip(c, 0xfec00000, 0xf0f8, 0, 0x00f0, 0);

	pio(c, 0x3f8, 8);
	pio(c, 0x60, 1);
	pio(c, 0xcf8, 0);

	cap(c, 0x01, 0x40, 8, 0);
	cap(c, 0x05, 0x50, 14, JH_PCICAPS_WRITE);
	cap(c, 0x11, 0x70, 12, JH_PCICAPS_WRITE);
	cap(c, JH_PCI_EXT_CAP | 0x10, 0x100, 4, 0);
	cap(c, JH_PCI_EXT_CAP | 0x01, 0x140, 0x40, 0x8000 /* unknown */);

	v = pci(c, JH_PCI_TYPE_DEVICE, JH_PCI_BDF(0, 1, 0));
	v->bar_mask[0] = 0xfffff000;
	v->bar_mask[2] = 0xffffffe0;
	v->caps_start = 0;
	v->num_caps = 3;
	v->num_msi_vectors = 4;
	v->msi_flags = JH_PCI_MSI_64BITS | JH_PCI_MSI_MASKABLE;
	v->num_msix_vectors = 16;
	v->msix_region_size = 0x1000;
	v->msix_address = 0x10001000;
	v->iommu = 1;
	v->domain = (uint16_t)n;
	v = pci(c, JH_PCI_TYPE_BRIDGE, JH_PCI_BDF(0, 2, 0));
	v->caps_start = 3;
	v->num_caps = 2;
	v->num_msi_vectors = 1;
	v->msi_flags = JH_PCI_MSI_64BITS;
	v = pci(c, JH_PCI_TYPE_IVSHMEM, JH_PCI_BDF(0, 0x10, 0));
	v->bar_mask[0] = 0xfffff000;
	v->bar_mask[1] = 0xfffff000;
	v->num_msix_vectors = 2;
	v->shmem_regions_start = 4;
	v->shmem_dev_id = (uint8_t)(n == 1);
	v->shmem_peers = 2;
	v->shmem_protocol = n == 0 ? JH_SHMEM_PROTO_VETH :
			    n == 1 ? JH_SHMEM_PROTO_VIRTIO_BACK + 3 :
			    JH_SHMEM_PROTO_UNDEFINED;
	v = pci(c, JH_PCI_TYPE_IVSHMEM, JH_PCI_BDF(1, 0x1f, 7));
	v->shmem_regions_start = 4;
	v->shmem_peers = 2;
	v->shmem_protocol = variant == 1 ? JH_SHMEM_PROTO_CUSTOM + 1 :
			    JH_SHMEM_PROTO_VIRTIO_FRONT + 2;

	stream_id(c, 0x10);
	stream_id(c, JH_STREAM_ID_MMU500(0x20, 0x7));

	c->flags = n == 0 ? JH_CELL_PASSIVE_COMMREG | JH_CELL_TEST_DEVICE |
			    JH_CELL_AARCH32 |
			    JH_CELL_VIRTUAL_CONSOLE_PERMITTED |
			    JH_CELL_VIRTUAL_CONSOLE_ACTIVE :
		   n == 1 ? 0x100 /* unknown */ : 0;
	c->vpci_irq_base = n ? 100 + (uint32_t)n : 0;
	c->cpu_reset_address = n == 1 ? 0x40000000 : 0;
	c->msg_reply_timeout = n == 2 ? 100 : 0;
	c->id = n == 2 ? 3 : 0;
}

static void ext_features(struct jh_cell *c)
{
	c->watchdog_ms = 250;
	c->allow_hv_probe = true;
	c->l2_isolation = true;
	c->mem.v[0].scrub = JH_SCRUB_PRESERVE;
	c->mem.v[2].scrub = JH_SCRUB_PRESERVE;
	c->cache.v[1].level = JH_CACHE_LEVEL_L2;
}

void sample_system(struct jh_system *sys, int variant)
{
	static const char *const names[] = { "root", "rt-cell", "linux-2" };
	static const uint32_t iommu_types[] = {
		JH_IOMMU_AMD, JH_IOMMU_INTEL, JH_IOMMU_SMMUV3, JH_IOMMU_PVU,
		JH_IOMMU_ARM_MMU500, JH_IOMMU_NONE, 9 /* unknown */,
	};

	jh_system_init(sys);
	sys->arch = variant == 0 ? JH_ARCH_ARM64 :
		    variant == 1 ? JH_ARCH_X86 : JH_ARCH_ARM;
	sys->flags = variant == 0 ? JH_SYS_VIRTUAL_DEBUG_CONSOLE :
		     variant == 2 ? 0x10 /* unknown */ : 0;
	sys->hypervisor_memory.phys_start = 0x7fc00000;
	sys->hypervisor_memory.size = 0x400000;
	if (variant == 2) {
		sys->hypervisor_memory.virt_start = 0xf0000000;
		sys->hypervisor_memory.flags = JH_MEM_READ;
	}
	console(&sys->debug_console, (uint16_t)((variant * 4) % 11),
		0x09000000);
	if (variant != 2) {
		sys->pci_mmconfig_base = 0x30000000;
		sys->pci_mmconfig_end_bus = 1;
		sys->pci_is_virtual = variant == 0;
		sys->pci_domain = variant == 1 ? 1 : 0;
	}
	for (int i = 0; i < (variant == 2 ? 0 : 7); i++) {
		struct jh_iommu_unit *u = &sys->iommu_units[i];

		u->type = iommu_types[i];
		if (u->type == JH_IOMMU_NONE)
			continue;
		u->base = 0x09050000 + 0x100000ull * (uint64_t)i;
		u->size = 0x20000;
		if (u->type == JH_IOMMU_AMD) {
			u->raw[0] = 0x10;	/* bdf 00:02.0 */
			u->raw[2] = 0x40;	/* base_cap */
			u->raw[3] = 0x54;	/* msi_cap */
			u->raw[4] = 0x02;	/* features */
			u->raw[7] = 0x80;
		} else if (u->type == JH_IOMMU_PVU) {
			u->raw[3] = 0x40;	/* tlb_base */
			u->raw[8] = 0x00;
			u->raw[9] = 0x00;
			u->raw[10] = 0x02;	/* tlb_size */
		} else if (u->type == 9) {
			u->raw[11] = 0xab;
		}
	}
	if (variant == 1) {
		sys->platform.x86.pm_timer_address = 0x608;
		sys->platform.x86.apic_mode = JH_APIC_MODE_X2APIC;
		sys->platform.x86.vtd_interrupt_limit = 256;
		sys->platform.x86.tsc_khz = 2000000;
		sys->platform.x86.apic_khz = 1000000;
	} else {
		sys->platform.arm.maintenance_irq = 25;
		sys->platform.arm.gic_version = variant == 0 ? 3 : 2;
		sys->platform.arm.gicd_base = 0x08000000;
		sys->platform.arm.gicc_base = variant == 0 ? 0 : 0x08010000;
		sys->platform.arm.gich_base = variant == 0 ? 0 : 0x08030000;
		sys->platform.arm.gicv_base = variant == 0 ? 0 : 0x08040000;
		sys->platform.arm.gicr_base = variant == 0 ? 0x080a0000 : 0;
	}
	for (int n = 0; n < 3; n++) {
		struct jh_cell *c = jh_system_add_cell(sys, names[n]);

		c->is_root = n == 0;
		console(&c->console, (uint16_t)((variant * 4 + n + 1) % 11),
			0x09100000 + 0x1000ull * (uint64_t)n);
		fill_cell(c, variant, n);
	}
	if (variant == 0)
		ext_features(&sys->cells.v[1]);
	if (variant == 2)
		ext_features(&sys->cells.v[0]);
}

void sample_big_system(struct jh_system *sys, size_t regions, size_t npci)
{
	struct jh_cell *c;

	jh_system_init(sys);
	sys->arch = JH_ARCH_ARM64;
	sys->hypervisor_memory.phys_start = 0x7fc00000;
	sys->hypervisor_memory.size = 0x400000;
	sys->platform.arm.gic_version = 3;
	sys->platform.arm.gicd_base = 0x08000000;
	sys->platform.arm.gicr_base = 0x080a0000;
	c = jh_system_add_cell(sys, "root");
	c->is_root = true;
	jh_cell_set_cpu(c, 0);
	for (size_t i = 0; i < regions; i++)
		region(c, 0x100000000ull + 0x10000ull * i,
		       0x100000000ull + 0x10000ull * i, 0x10000,
		       JH_MEM_READ | JH_MEM_WRITE);
	for (size_t i = 0; i < npci; i++) {
		struct jh_pci_dev *v = pci(c, JH_PCI_TYPE_DEVICE,
					   (uint16_t)i);

		v->bar_mask[0] = 0xfffff000;
	}
}
