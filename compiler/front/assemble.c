// SPDX-License-Identifier: GPL-2.0-only
/*
 * Expansion of the high-level requests into image items, appended after
 * the items written in the YAML, in the order doc/language.md documents:
 *   memory:  written, derived RAM (root), devices, links, comm region
 *   irqchips: written, then one entry per chip and 128-line window
 *   pio: written, then derived; pci-devices: written, devices, links;
 *   pci-caps: written, then devices'; stream-ids: written, then devices'.
 */
#include <stdlib.h>
#include <string.h>

#include "front-internal.h"
#include "jh-cell-format.h"

#define DEVICE_FLAGS (JH_MEM_READ | JH_MEM_WRITE | JH_MEM_IO)
#define RAM_FLAGS (JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE | JH_MEM_DMA)

static struct jh_region *add_region(struct jh_cell *c, uint64_t phys,
				    uint64_t virt, uint64_t size,
				    uint64_t flags, const char *name,
				    enum jh_origin_kind kind, int32_t index,
				    struct jh_loc loc)
{
	struct jh_region *r = jh_vec_push(&c->mem);

	memset(r, 0, sizeof(*r));
	r->phys_start = phys;
	r->virt_start = virt;
	r->size = size;
	r->flags = flags;
	r->name = name;
	r->origin.kind = kind;
	r->origin.index = index;
	r->loc = loc;
	r->scrub_loc = JH_LOC_NONE;
	return r;
}

static void add_irq(struct jh_fcell *fc, uint32_t chip, uint32_t irq,
		    struct jh_loc loc)
{
	struct jh_firq *r = jh_vec_push(&fc->irqs);

	r->chip = chip;
	r->irq = irq;
	r->loc = loc;
}

static bool is_root(const struct jh_front *f, size_t c)
{
	return f->sys->cells.v[c].is_root;
}

/* Does a non-root cell list this board device? */
static bool taken_by_nonroot(const struct jh_front *f, bool pci, int32_t i)
{
	for (size_t c = 0; c < f->fcells.n; c++) {
		if (is_root(f, c))
			continue;
		for (size_t k = 0; k < f->fcells.v[c].devs.n; k++)
			if (f->fcells.v[c].devs.v[k].pci == pci &&
			    f->fcells.v[c].devs.v[k].index == i)
				return true;
	}
	return false;
}

static bool listed(const struct jh_fcell *fc, bool pci, int32_t i)
{
	for (size_t k = 0; k < fc->devs.n; k++)
		if (fc->devs.v[k].pci == pci && fc->devs.v[k].index == i)
			return true;
	return false;
}

/* ------------------------------------------------------------- devices */

static void mmio_device(struct jh_front *f, struct jh_cell *c,
			struct jh_fcell *fc, int32_t i, struct jh_loc loc)
{
	const struct jh_board_device *dv = &f->board->devices.v[i];

	for (size_t k = 0; k < dv->mmio.n; k++)
		add_region(c, dv->mmio.v[k].start, dv->mmio.v[k].start,
			   dv->mmio.v[k].size, DEVICE_FLAGS, dv->name,
			   JH_ORIGIN_DEVICE, i, loc);
	for (size_t k = 0; k < dv->irqs.n; k++)
		add_irq(fc, dv->irqs.v[k].chip, dv->irqs.v[k].irq, loc);
	for (size_t k = 0; k < dv->stream_ids.n; k++) {
		struct jh_stream_id *s = jh_vec_push(&c->stream_ids);

		s->id = dv->stream_ids.v[k];
		s->loc = loc;
	}
}

/* A memory BAR as regions, leaving out the MSI-X table window. */
static void bar_regions(struct jh_cell *c,
			const struct jh_board_pci_device *p, int32_t i,
			const struct jh_board_bar *bar, struct jh_loc loc)
{
	uint64_t s = bar->start, e = bar->start + bar->size;
	uint64_t ms = p->msix_address;
	uint64_t me = ms + (p->msix_region_size ? p->msix_region_size :
			    JH_PAGE_SIZE);

	if (p->num_msix_vectors && ms >= s && ms < e) {
		ms &= ~(JH_PAGE_SIZE - 1);
		me = (me + JH_PAGE_SIZE - 1) & ~(JH_PAGE_SIZE - 1);
		if (me > e)
			me = e;
		if (ms > s)
			add_region(c, s, s, ms - s, DEVICE_FLAGS, p->name,
				   JH_ORIGIN_PCI_DEVICE, i, loc);
		if (me < e)
			add_region(c, me, me, e - me, DEVICE_FLAGS, p->name,
				   JH_ORIGIN_PCI_DEVICE, i, loc);
		return;
	}
	add_region(c, s, s, bar->size, DEVICE_FLAGS, p->name,
		   JH_ORIGIN_PCI_DEVICE, i, loc);
}

static void pci_device(struct jh_front *f, struct jh_cell *c,
		       struct jh_fcell *fc, int32_t i, struct jh_loc loc)
{
	const struct jh_board_pci_device *p = &f->board->pci_devices.v[i];
	struct jh_pci_dev *d = jh_vec_push(&c->pci);

	memset(d, 0, sizeof(*d));
	d->type = p->type;
	d->iommu = p->iommu >= 0 ? (uint8_t)p->iommu : 0;
	d->domain = p->domain;
	d->bdf = p->bdf;
	for (int b = 0; b < 6; b++)
		d->bar_mask[b] = p->bars[b].mask;
	d->caps_start = (uint16_t)c->caps.n;
	d->num_caps = (uint16_t)p->caps.n;
	d->num_msi_vectors = p->num_msi_vectors;
	d->msi_flags = p->msi_flags;
	d->num_msix_vectors = p->num_msix_vectors;
	d->msix_region_size = p->msix_region_size;
	d->msix_address = p->msix_address;
	d->name = p->name;
	d->board_dev = i;
	d->link = -1;
	d->loc = loc;
	for (size_t k = 0; k < p->caps.n; k++) {
		struct jh_pci_cap *cap = jh_vec_push(&c->caps);

		cap->id = p->caps.v[k].id;
		cap->start = p->caps.v[k].start;
		cap->len = p->caps.v[k].len;
		cap->flags = p->caps.v[k].flags;
		cap->loc = loc;
	}
	for (int b = 0; b < 6; b++) {
		const struct jh_board_bar *bar = &p->bars[b];

		if (!bar->size || !bar->start)
			continue;
		if (bar->io) {
			struct jh_port_range *r;

			if (bar->start + bar->size > 0x10000)
				continue;
			r = jh_vec_push(&fc->pio);
			r->base = (uint16_t)bar->start;
			r->length = (uint16_t)bar->size;
			r->name = p->name;
			r->loc = loc;
		} else {
			bar_regions(c, p, i, bar, loc);
		}
	}
	if (p->intx_pin && p->intx_line >= 0)
		add_irq(fc, 0, (uint32_t)p->intx_line, loc);
	for (size_t k = 0; k < p->stream_ids.n; k++) {
		struct jh_stream_id *s = jh_vec_push(&c->stream_ids);

		s->id = p->stream_ids.v[k];
		s->loc = loc;
	}
}

/* ----------------------------------------------------------- derivation */

struct span {
	uint64_t start, end;
};

typedef JH_VEC(struct span) spans_t;

static void cut(spans_t *v, uint64_t s, uint64_t size)
{
	uint64_t e = s + size;

	if (e < s)
		e = UINT64_MAX;
	for (size_t i = 0; i < v->n; i++) {
		struct span a = v->v[i];

		if (e <= a.start || s >= a.end || size == 0)
			continue;
		if (a.start < s && e < a.end) {
			v->v[i].end = s;
			struct span *n = jh_vec_push(v);

			n->start = e;
			n->end = a.end;
			continue;
		}
		if (a.start < s)
			v->v[i].end = s;
		else if (e < a.end)
			v->v[i].start = e;
		else
			v->v[i].end = v->v[i].start;	/* emptied */
	}
}

static int by_start(const void *a, const void *b)
{
	const struct span *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

static void derived_ram(struct jh_front *f, size_t ci)
{
	struct jh_system *s = f->sys;
	struct jh_cell *c = &s->cells.v[ci];
	struct jh_fcell *fc = &f->fcells.v[ci];

	for (size_t ri = 0; ri < f->board->ram.n; ri++) {
		const struct jh_board_ram *ram = &f->board->ram.v[ri];
		spans_t v = { 0 };

		*jh_vec_push(&v) = (struct span){ ram->start,
			ram->start + ram->size };
		if (f->hv_known)
			cut(&v, s->hypervisor_memory.phys_start,
			    s->hypervisor_memory.size);
		for (size_t o = 0; o < s->cells.n; o++) {
			const struct jh_cell *oc = &s->cells.v[o];
			size_t n = o == ci ? fc->written_mem : oc->mem.n;

			for (size_t r = 0; r < n; r++) {
				const struct jh_region *rg = &oc->mem.v[r];

				if (rg->flags & JH_MEM_COMM_REGION)
					continue;
				if (o != ci && (rg->flags & JH_MEM_ROOTSHARED))
					continue;
				cut(&v, rg->phys_start, rg->size);
			}
		}
		for (size_t l = 0; l < s->links.n; l++)
			if (s->links.v[l].peers.n >= 2)
				cut(&v, s->links.v[l].phys_base,
				    jh_flink_size(&s->links.v[l]));
		if (v.n)
			qsort(v.v, v.n, sizeof(*v.v), by_start);
		for (size_t k = 0; k < v.n; k++)
			if (v.v[k].end > v.v[k].start)
				add_region(c, v.v[k].start, v.v[k].start,
					   v.v[k].end - v.v[k].start,
					   RAM_FLAGS, ram->name,
					   JH_ORIGIN_RAM, (int32_t)ri,
					   fc->derive_loc);
		free(v.v);
	}
}

/*
 * A derived root owns every CPU of the board: cells are created from the
 * root cell's CPUs (the hypervisor takes a CPU from the root cell when it
 * starts the cell that lists it), so the root must have them to give.
 */
static void derived_cpus(struct jh_front *f, size_t ci)
{
	struct jh_cell *c = &f->sys->cells.v[ci];

	c->cpus_loc = f->fcells.v[ci].derive_loc;
	for (size_t k = 0; k < f->board->cpus.n; k++)
		jh_cell_set_cpu(c, (uint32_t)k);
}

static void derived_ports(struct jh_front *f, size_t ci)
{
	struct jh_fcell *fc = &f->fcells.v[ci];

	const struct jh_console_desc *con = &f->sys->debug_console;
	/* a port I/O debug console is the hypervisor's: keep it out */
	bool pio_con = con->type != JH_CON_TYPE_NONE && con->size &&
		       !(con->flags & JH_CON_ACCESS_MMIO);

	for (size_t k = 0; k < f->board->ports.n; k++) {
		const struct jh_board_ports *p = &f->board->ports.v[k];
		bool used = pio_con && con->address < p->base + p->length &&
			    p->base < con->address + con->size;

		for (size_t o = 0; o < f->sys->cells.n && !used; o++) {
			const struct jh_cell *oc = &f->sys->cells.v[o];

			if (o == ci)
				continue;
			for (size_t r = 0; r < oc->pio.n && !used; r++)
				used = oc->pio.v[r].base <
				       p->base + p->length &&
				       p->base < oc->pio.v[r].base +
				       oc->pio.v[r].length;
		}
		if (!used) {
			struct jh_port_range *r = jh_vec_push(&fc->pio);

			r->base = p->base;
			r->length = p->length;
			r->name = p->name;
			r->loc = fc->derive_loc;
		}
	}
}

/* -------------------------------------------------------------- links */

/*
 * On a GIC the device interrupts its cell through INTx, SPI 32 +
 * vpci_irq_base + pin - 1 with pin = 1 + device number mod 4
 * (doc/ivshmem.md): a peer that sets vpci-irq-base gets that interrupt.
 * Without vpci-irq-base nothing is added (SPI 32 on is real devices').
 */
static void link_intx(struct jh_front *f, size_t ci, const struct jh_link *l)
{
	const struct jh_cell *c = &f->sys->cells.v[ci];

	if (!f->board || !c->vpci_irq_base)
		return;
	for (size_t k = 0; k < f->board->irqchips.n; k++) {
		uint8_t kind = f->board->irqchips.v[k].kind;

		if (kind != JH_IRQCHIP_GICV2 && kind != JH_IRQCHIP_GICV3)
			continue;
		add_irq(&f->fcells.v[ci], (uint32_t)k, 32 + c->vpci_irq_base +
			((l->bdf >> 3) & 3), l->loc);
		return;
	}
}

static void link_items(struct jh_front *f, size_t ci)
{
	struct jh_system *s = f->sys;
	struct jh_cell *c = &s->cells.v[ci];

	for (size_t li = 0; li < s->links.n; li++) {
		const struct jh_link *l = &s->links.v[li];
		const struct jh_flink *fl = &f->flinks.v[li];
		uint64_t phys = l->phys_base;
		uint64_t virt = fl->virt_given ? fl->virt : phys;
		uint32_t start = (uint32_t)c->mem.n;
		struct jh_pci_dev *d;
		size_t me = SIZE_MAX;

		for (size_t p = 0; p < l->peers.n; p++)
			if ((size_t)l->peers.v[p] == ci)
				me = p;
		if (me == SIZE_MAX || l->peers.n < 2)
			continue;
		add_region(c, phys, virt, l->state_size,
			   JH_MEM_READ | JH_MEM_ROOTSHARED, l->name,
			   JH_ORIGIN_LINK, (int32_t)li, l->loc);
		phys += l->state_size;
		virt += l->state_size;
		if (l->rw_size)
			add_region(c, phys, virt, l->rw_size,
				   JH_MEM_READ | JH_MEM_WRITE |
				   JH_MEM_ROOTSHARED, l->name,
				   JH_ORIGIN_LINK, (int32_t)li, l->loc);
		else	/* an empty slot keeps the layout peers expect */
			add_region(c, 0, 0, 0, 0, l->name, JH_ORIGIN_LINK,
				   (int32_t)li, l->loc);
		phys += l->rw_size;
		virt += l->rw_size;
		for (size_t p = 0; p < l->peers.n; p++) {
			add_region(c, phys, virt, l->out_size,
				   JH_MEM_READ | JH_MEM_ROOTSHARED |
				   (p == me ? JH_MEM_WRITE : 0), l->name,
				   JH_ORIGIN_LINK, (int32_t)li, l->loc);
			phys += l->out_size;
			virt += l->out_size;
		}
		d = jh_vec_push(&c->pci);
		memset(d, 0, sizeof(*d));
		d->type = JH_PCI_TYPE_IVSHMEM;
		d->domain = s->pci_domain;
		d->bdf = l->bdf;
		d->bar_mask[0] = 0xfffff000;
		if (l->msix_vectors) {	/* table + PBA in a 4 KiB BAR1 */
			d->num_msix_vectors = l->msix_vectors;
			d->bar_mask[1] = 0xfffff000;
		}
		d->shmem_regions_start = start;
		d->shmem_dev_id = (uint8_t)me;
		d->shmem_peers = (uint8_t)l->peers.n;
		d->shmem_protocol = l->protocol;
		d->name = l->name;
		d->board_dev = -1;
		d->link = (int32_t)li;
		d->loc = l->loc;
		link_intx(f, ci, l);
	}
}

/* ---------------------------------------------------------- interrupts */

static void irqs_to_chips(struct jh_front *f, struct jh_cell *c,
			  struct jh_fcell *fc)
{
	for (size_t k = 0; k < fc->irqs.n; k++) {
		const struct jh_firq *r = &fc->irqs.v[k];
		const struct jh_board_irqchip *chip;
		struct jh_cell_irqchip *ic = NULL;
		uint32_t base, bit;

		if (r->chip >= f->board->irqchips.n)
			continue;
		chip = &f->board->irqchips.v[r->chip];
		if (chip->kind != JH_IRQCHIP_IOAPIC && r->irq < 32) {
			struct jh_diag *g = jh_error(f->d, r->loc,
				"interrupt %u is private to a CPU (SGI/PPI) "
				"and cannot be given to a cell", r->irq);

			jh_diag_hint(g, "shared peripheral interrupts start "
				     "at 32");
			continue;
		}
		base = jh_fpin_base(chip, r->irq);
		for (size_t i = 0; i < c->irqchips.n && !ic; i++)
			if (c->irqchips.v[i].address == chip->address &&
			    c->irqchips.v[i].pin_base == base)
				ic = &c->irqchips.v[i];
		if (!ic) {
			ic = jh_vec_push(&c->irqchips);
			memset(ic, 0, sizeof(*ic));
			ic->address = chip->address;
			ic->id = chip->id;
			ic->pin_base = base;
			ic->board_chip = (int32_t)r->chip;
			ic->loc = r->loc;
			for (int i = 0; i < 128; i++)
				ic->pin_loc[i] = JH_LOC_NONE;
		}
		bit = r->irq - base;
		ic->pin_bitmap[bit / 32] |= 1u << (bit % 32);
		if (!ic->pin_loc[bit].file)
			ic->pin_loc[bit] = r->loc;
	}
}

/* ------------------------------------------------------------- a cell */

static void assemble_cell(struct jh_front *f, size_t ci)
{
	struct jh_cell *c = &f->sys->cells.v[ci];
	struct jh_fcell *fc = &f->fcells.v[ci];

	if (fc->derive) {
		if (!fc->cpus_given)
			derived_cpus(f, ci);
		derived_ram(f, ci);
	}
	for (size_t k = 0; k < fc->devs.n; k++) {
		if (fc->devs.v[k].pci)
			pci_device(f, c, fc, fc->devs.v[k].index,
				   fc->devs.v[k].loc);
		else
			mmio_device(f, c, fc, fc->devs.v[k].index,
				    fc->devs.v[k].loc);
	}
	if (fc->derive) {
		for (size_t i = 0; i < f->board->devices.n; i++)
			if (!listed(fc, false, (int32_t)i) &&
			    !taken_by_nonroot(f, false, (int32_t)i) &&
			    f->sys->debug_console.board_dev != (int32_t)i)
				mmio_device(f, c, fc, (int32_t)i,
					    fc->derive_loc);
		for (size_t i = 0; i < f->board->pci_devices.n; i++)
			if (!listed(fc, true, (int32_t)i) &&
			    !taken_by_nonroot(f, true, (int32_t)i))
				pci_device(f, c, fc, (int32_t)i,
					   fc->derive_loc);
		derived_ports(f, ci);
	}
	link_items(f, ci);
	if (fc->has_comm)
		*jh_vec_push(&c->mem) = fc->comm;
	if (fc->irqs.n && f->board)
		irqs_to_chips(f, c, fc);
	for (size_t k = 0; k < fc->pio.n; k++)
		*jh_vec_push(&c->pio) = fc->pio.v[k];
	/* regions written in the YAML that lie in board RAM */
	for (size_t r = 0; f->board && r < fc->written_mem; r++) {
		struct jh_region *rg = &c->mem.v[r];

		for (size_t k = 0; k < f->board->ram.n; k++) {
			const struct jh_board_ram *ram = &f->board->ram.v[k];

			if (rg->size && rg->phys_start >= ram->start &&
			    rg->phys_start - ram->start < ram->size &&
			    !(rg->flags & JH_MEM_COMM_REGION)) {
				rg->origin.kind = JH_ORIGIN_RAM;
				rg->origin.index = (int32_t)k;
				break;
			}
		}
	}
}

void jh_front_assemble(struct jh_front *f)
{
	/* non-root cells first: the derived root needs their memory */
	for (size_t ci = 0; ci < f->sys->cells.n; ci++)
		if (!is_root(f, ci))
			assemble_cell(f, ci);
	for (size_t ci = 0; ci < f->sys->cells.n; ci++)
		if (is_root(f, ci))
			assemble_cell(f, ci);
}
