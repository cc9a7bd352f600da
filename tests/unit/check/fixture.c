// SPDX-License-Identifier: GPL-2.0-only
#include "fixture.h"

#include <stdlib.h>
#include <string.h>

static unsigned next_line = 100;

struct jh_loc fx_loc(unsigned line)
{
	struct jh_loc l = JH_LOC_NONE;

	l.file = "test.yaml";
	l.line = line;
	l.col = 1;
	return l;
}

static struct jh_loc auto_loc(void)
{
	return fx_loc(next_line++);
}

struct jh_cell *fx_c(struct jh_system *sys, size_t idx)
{
	return &sys->cells.v[idx];
}

static void set_cpus(struct jh_cell *c, uint32_t mask)
{
	for (uint32_t i = 0; i < 32; i++)
		if (mask & (1u << i))
			jh_cell_set_cpu(c, i);
}

static void base(struct jh_system *sys, uint8_t arch)
{
	struct jh_cell *root;

	jh_system_init(sys);
	next_line = 100;
	sys->arch = arch;
	sys->loc = fx_loc(1);
	sys->hypervisor_memory.phys_start = HV_BASE;
	sys->hypervisor_memory.size = HV_SIZE;
	sys->hypervisor_memory.loc = fx_loc(2);
	root = jh_system_add_cell(sys, "root");
	root->is_root = true;
	root->loc = fx_loc(10);
	root->name_loc = fx_loc(10);
	root->cpus_loc = fx_loc(11);
	set_cpus(root, 0xf);
	fx_mem(sys, 0, RAM_BASE, RAM_BASE, HV_BASE - RAM_BASE, RWX);
}

void fx_arm(struct jh_system *sys)
{
	base(sys, JH_ARCH_ARM64);
	sys->debug_console.address = UART0;
	sys->debug_console.size = 0x1000;
	sys->debug_console.type = JH_CON_TYPE_PL011;
	sys->debug_console.flags = JH_CON_ACCESS_MMIO | JH_CON_REGDIST_4;
	sys->debug_console.loc = fx_loc(3);
	sys->platform.arm.gic_version = 3;
	sys->platform.arm.gicd_base = GICD;
	sys->platform.arm.gicr_base = GICR;
	sys->platform.arm.maintenance_irq = 25;
	fx_mem(sys, 0, UART0, UART0, 0x1000, IO_RW);
}

void fx_x86(struct jh_system *sys)
{
	base(sys, JH_ARCH_X86);
	sys->debug_console.address = 0x3f8;
	sys->debug_console.type = JH_CON_TYPE_8250;
	sys->debug_console.loc = fx_loc(3);
	sys->platform.x86.pm_timer_address = 0x608;
}

void fx_board(struct jh_system *sys)
{
	struct jh_board *b = jh_board_new();
	struct jh_board_irqchip *gic;
	struct jh_board_device *dev;

	b->name = jh_board_strdup(b, "test-board");
	b->arch = sys->arch;
	b->loc = fx_loc(500);
	for (uint32_t i = 0; i < 4; i++) {
		struct jh_board_cpu *c = jh_vec_push(&b->cpus);

		memset(c, 0, sizeof(*c));
		c->index = i;
		c->l2_group = (int32_t)(i / 2);
		c->l3_group = 0;
		c->loc = fx_loc(501);
	}
	struct jh_board_ram *ram = jh_vec_push(&b->ram);
	ram->name = jh_board_strdup(b, "ram");
	ram->start = RAM_BASE;
	ram->size = RAM_SIZE;
	ram->loc = fx_loc(502);
	gic = jh_vec_push(&b->irqchips);
	memset(gic, 0, sizeof(*gic));
	gic->name = jh_board_strdup(b, "gic");
	gic->kind = sys->arch == JH_ARCH_X86 ? JH_IRQCHIP_IOAPIC :
		    JH_IRQCHIP_GICV3;
	gic->address = sys->arch == JH_ARCH_X86 ? 0xfec00000 : GICD;
	gic->num_lines = sys->arch == JH_ARCH_X86 ? 24 : 288;
	gic->gicr = GICR;
	gic->maintenance_irq = sys->arch == JH_ARCH_X86 ? 0 : 25;
	gic->loc = fx_loc(503);
	for (int i = 0; i < 2; i++) {
		dev = jh_vec_push(&b->devices);
		memset(dev, 0, sizeof(*dev));
		dev->name = jh_board_strdup(b, i ? "uart1" : "uart0");
		dev->iommu = -1;
		dev->console_type = JH_CON_TYPE_PL011;
		dev->loc = fx_loc(504 + (unsigned)i);
		struct jh_board_mmio *m = jh_vec_push(&dev->mmio);
		m->start = i ? UART1 : UART0;
		m->size = 0x1000;
		m->loc = dev->loc;
		struct jh_board_irq *irq = jh_vec_push(&dev->irqs);
		irq->chip = 0;
		irq->irq = 33 + (uint32_t)i;
		irq->loc = dev->loc;
	}
	struct jh_board_ports *p = jh_vec_push(&b->ports);
	p->name = jh_board_strdup(b, "com1");
	p->base = 0x3f8;
	p->length = 8;
	p->loc = fx_loc(506);
	b->cache_alloc.loc = fx_loc(507);
	sys->board = b;
}

size_t fx_cell(struct jh_system *sys, const char *name, uint32_t mask)
{
	struct jh_cell *c = jh_system_add_cell(sys, name);

	c->loc = auto_loc();
	c->name_loc = c->loc;
	c->cpus_loc = auto_loc();
	set_cpus(c, mask);
	return sys->cells.n - 1;
}

struct jh_region *fx_mem(struct jh_system *sys, size_t cell, uint64_t phys,
			 uint64_t virt, uint64_t size, uint64_t flags)
{
	struct jh_region *r = jh_vec_push(&fx_c(sys, cell)->mem);

	memset(r, 0, sizeof(*r));
	r->phys_start = phys;
	r->virt_start = virt;
	r->size = size;
	r->flags = flags;
	r->loc = auto_loc();
	r->scrub_loc = JH_LOC_NONE;
	return r;
}

struct jh_cell_irqchip *fx_irq(struct jh_system *sys, size_t cell,
			       uint64_t chip, uint32_t pin_base, uint32_t irq)
{
	struct jh_cell *c = fx_c(sys, cell);
	struct jh_cell_irqchip *ch = NULL;
	uint32_t bit;

	for (size_t i = 0; i < c->irqchips.n; i++)
		if (c->irqchips.v[i].address == chip &&
		    c->irqchips.v[i].pin_base == pin_base)
			ch = &c->irqchips.v[i];
	if (!ch) {
		ch = jh_vec_push(&c->irqchips);
		memset(ch, 0, sizeof(*ch));
		ch->address = chip;
		ch->pin_base = pin_base;
		ch->board_chip = -1;
		ch->loc = auto_loc();
	}
	bit = irq - pin_base;
	ch->pin_bitmap[bit / 32] |= 1u << (bit % 32);
	ch->pin_loc[bit] = auto_loc();
	return ch;
}

struct jh_pci_dev *fx_pci(struct jh_system *sys, size_t cell, uint8_t type,
			  uint16_t bdf)
{
	struct jh_pci_dev *p = jh_vec_push(&fx_c(sys, cell)->pci);

	memset(p, 0, sizeof(*p));
	p->type = type;
	p->bdf = bdf;
	p->board_dev = -1;
	p->link = -1;
	p->loc = auto_loc();
	return p;
}

struct jh_cache_part *fx_cache(struct jh_system *sys, size_t cell,
			       uint32_t start, uint32_t size, uint8_t type)
{
	struct jh_cache_part *p = jh_vec_push(&fx_c(sys, cell)->cache);

	memset(p, 0, sizeof(*p));
	p->start = start;
	p->size = size;
	p->type = type;
	p->level = JH_CACHE_LEVEL_L3;
	p->loc = auto_loc();
	return p;
}

struct jh_port_range *fx_pio(struct jh_system *sys, size_t cell,
			     uint16_t base, uint16_t length)
{
	struct jh_port_range *p = jh_vec_push(&fx_c(sys, cell)->pio);

	memset(p, 0, sizeof(*p));
	p->base = base;
	p->length = length;
	p->loc = auto_loc();
	return p;
}

void fx_sid(struct jh_system *sys, size_t cell, uint32_t id)
{
	struct jh_stream_id *s = jh_vec_push(&fx_c(sys, cell)->stream_ids);

	s->id = id;
	s->loc = auto_loc();
}

static void ivshmem_peer(struct jh_system *sys, size_t cell, uint8_t id,
			 uint64_t phys)
{
	struct jh_cell *c = fx_c(sys, cell);
	uint32_t start = (uint32_t)c->mem.n;
	struct jh_pci_dev *p;

	fx_mem(sys, cell, phys, phys, 0x1000, JH_MEM_READ | JH_MEM_ROOTSHARED);
	fx_mem(sys, cell, phys + 0x1000, phys + 0x1000, 0x4000,
	       RW | JH_MEM_ROOTSHARED);
	for (uint8_t k = 0; k < 2; k++)
		fx_mem(sys, cell, phys + 0x5000 + k * 0x4000,
		       phys + 0x5000 + k * 0x4000, 0x4000,
		       JH_MEM_READ | JH_MEM_ROOTSHARED |
		       (k == id ? JH_MEM_WRITE : 0));
	p = fx_pci(sys, cell, JH_PCI_TYPE_IVSHMEM, 0x0008);
	p->bar_mask[0] = 0xfffff000;
	p->shmem_regions_start = start;
	p->shmem_dev_id = id;
	p->shmem_peers = 2;
	/* the virtual PCI bus and the INTx line (pin 2 for device 1) */
	sys->pci_is_virtual = 1;
	if (!sys->pci_mmconfig_base)
		sys->pci_mmconfig_base = 0x0b000000;
	c->vpci_irq_base = 100 + 4 * (uint32_t)cell;
	fx_irq(sys, cell, sys->platform.arm.gicd_base, 128,
	       32 + c->vpci_irq_base + 1);
}

void fx_ivshmem(struct jh_system *sys, size_t a, size_t b, uint64_t phys)
{
	ivshmem_peer(sys, a, 0, phys);
	ivshmem_peer(sys, b, 1, phys);
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

const char *fx_run_with(struct jh_system *sys, struct jh_diags *d)
{
	static char buf[4096];
	const char *ids[512];
	size_t n = 0;

	jh_checks_run(sys, d);
	for (size_t i = 0; i < d->n && n < 512; i++)
		if (d->v[i].rule)
			ids[n++] = d->v[i].rule;
	qsort(ids, n, sizeof(*ids), str_cmp);
	buf[0] = '\0';
	for (size_t i = 0; i < n; i++) {
		if (i && strcmp(ids[i], ids[i - 1]) == 0)
			continue;
		if (buf[0])
			strncat(buf, ",", sizeof(buf) - strlen(buf) - 1);
		strncat(buf, ids[i], sizeof(buf) - strlen(buf) - 1);
	}
	return buf;
}

const char *fx_run(struct jh_system *sys)
{
	struct jh_diags d;
	const char *r;

	jh_diags_init(&d);
	r = fx_run_with(sys, &d);
	jh_diags_free(&d);
	return r;
}
