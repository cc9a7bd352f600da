// SPDX-License-Identifier: GPL-2.0-only
/*
 * Building the cells from the checked images (boot-time partitioning):
 * CPUs, interrupts and memory each go to exactly one cell. As in the
 * Jailhouse model, the root cell's image describes the whole machine and
 * every non-root cell takes its CPUs, interrupts and memory out of it
 * (memory flagged root-shared stays with the root cell too).
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <iommu.h>
#include <lifecycle.h>
#include <page_pool.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>
#include <vpci.h>

struct cell cells[MAX_CELLS];
unsigned int num_cells;

void cell_take_irqs(struct cell *cell, const struct jh_cell_desc *d,
		    bool give)
{
	const struct jh_irqchip *chip = jh_cell_irqchips(d);
	unsigned int i, pin;

	for (i = 0; i < d->num_irqchips; i++)
		for (pin = 0; pin < JH_IRQCHIP_PINS; pin++) {
			u64 irq = (u64)chip[i].pin_base + pin;

			/* SGIs and PPIs are per CPU: never in the map */
			if (irq < 32 || irq >= MAX_IRQS ||
			    !jh_irqchip_has_pin(&chip[i], (u32)irq))
				continue;
			if (give)
				cell->irqs[irq / 32] |= 1u << (irq % 32);
			else
				cell->irqs[irq / 32] &= ~(1u << (irq % 32));
		}
}

void cell_init_comm_region(struct cell *cell)
{
	struct jh_comm_region *comm = cell->comm;

	/* a restarted cell finds no stale message or heartbeat */
	comm->msg_to_cell = JH_MSG_NONE;
	comm->reply_from_cell = JH_MSG_REPLY_NONE;
	comm->flags = 0;
	*comm_heartbeat(comm) = 0;

	memcpy(comm->signature, JH_COMM_SIGNATURE, sizeof(comm->signature));
	comm->revision = JH_COMM_REVISION;
	comm->cell_state = JH_CELL_RUNNING;
	if (cell->desc->flags & JH_CELL_VIRTUAL_CONSOLE_PERMITTED)
		comm->flags |= JH_COMM_FLAG_PUTC_PERMITTED;
	if (cell->desc->flags & JH_CELL_VIRTUAL_CONSOLE_ACTIVE)
		comm->flags |= JH_COMM_FLAG_PUTC_ACTIVE;
	comm->console = cell->desc->console;
	comm->pci_mmconfig_base = boot.system->pci_mmconfig_base;
	comm->vpci_irq_base = cell->desc->vpci_irq_base;
}

static int map_regions(struct cell *cell)
{
	const struct jh_cell_desc *d = cell->desc;
	const struct jh_memory *mem = jh_cell_mem_regions(d);
	unsigned int i;
	int err;

	for (i = 0; i < d->num_memory_regions; i++) {
		u64 phys = mem[i].phys_start;

		if (mem[i].flags & JH_MEM_COMM_REGION) {
			cell->comm = page_alloc();
			if (!cell->comm)
				return -ENOMEM;
			phys = (u64)cell->comm;
		}
		if (region_is_subpage(&mem[i])) {
			/* trapped; the hypervisor performs each access */
			err = arch_map_hv_device(phys, mem[i].size);
			if (!err)
				err = mmio_register(cell, mem[i].virt_start,
						    mem[i].size,
						    mmio_subpage_access,
						    (void *)&mem[i]);
		} else {
			err = arch_map_memory(cell, &mem[i], phys);
		}
		if (err)
			return err;
	}
	return 0;
}

/* Remove from the root cell what the non-root cell @d takes. */
static int carve_from_root(const struct jh_cell_desc *d, bool loadable_only)
{
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *mem = jh_cell_mem_regions(d);
	const struct jh_memory *rmem = jh_cell_mem_regions(rd);
	unsigned int i, j;
	int err;

	for (i = 0; i < d->num_memory_regions; i++) {
		if (mem[i].flags & (JH_MEM_COMM_REGION | JH_MEM_ROOTSHARED) ||
		    (loadable_only && !(mem[i].flags & JH_MEM_LOADABLE)))
			continue;
		for (j = 0; j < rd->num_memory_regions; j++) {
			u64 start, end;

			if (rmem[j].flags & JH_MEM_COMM_REGION ||
			    !ranges_overlap(mem[i].phys_start, mem[i].size,
					    rmem[j].phys_start, rmem[j].size))
				continue;
			if (region_is_subpage(&rmem[j])) {
				/* the root cell loses the whole emulation */
				mmio_unregister(root_cell(),
						rmem[j].virt_start);
				continue;
			}
			start = mem[i].phys_start > rmem[j].phys_start ?
				mem[i].phys_start : rmem[j].phys_start;
			end = MIN(mem[i].phys_start + mem[i].size,
				  rmem[j].phys_start + rmem[j].size);
			/* a page partly taken is taken whole */
			start &= PAGE_MASK;
			end = (end + PAGE_SIZE - 1) & PAGE_MASK;
			err = arch_unmap_memory(root_cell(),
						rmem[j].virt_start + start -
						rmem[j].phys_start,
						end - start);
			if (err)
				return err;
		}
	}
	return 0;
}

void cell_assign_cpus(struct cell *cell)
{
	unsigned int cpu;

	cell->first_cpu = MAX_CPUS;
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (cell_owns_cpu(cell, cpu)) {
			per_cpu(cpu)->cell = cell;
			if (cell->first_cpu == MAX_CPUS)
				cell->first_cpu = cpu;
		}
}

int cell_build(struct cell *cell)
{
	int err;

	err = map_regions(cell);
	if (!err && cell->id > 0)
		err = carve_from_root(cell->desc, false);
	if (!err)
		err = arch_cell_create(cell);
	if (!err && cell->comm)
		cell_init_comm_region(cell);
	if (!err)
		err = vpci_cell_create(cell);
	return err;
}

int cells_create(void)
{
	unsigned int n, cpu;
	int err;

	num_cells = boot.num_cells;
	for (n = 0; n < num_cells; n++) {
		struct cell *cell = &cells[n];
		const struct jh_cell_desc *d = boot.cell[n];

		cell->id = n;
		cell->desc = d;
		memcpy(cell->name, d->name, sizeof(cell->name));
		cell->name[JH_CELL_NAME_MAXLEN] = 0;
		for (cpu = 0; cpu < MAX_CPUS; cpu++)
			if (jh_cell_has_cpu(d, cpu))
				cell->cpus |= BIT(cpu);
		cell_take_irqs(cell, d, true);
		if (n > 0) {
			root_cell()->cpus &= ~cell->cpus;
			cell_take_irqs(root_cell(), d, false);
		}
	}
	for (n = 0; n < num_cells; n++) {
		struct cell *cell = &cells[n];

		cell->exists = true;
		cell->ext = boot.ext[n];
		cell_assign_cpus(cell);
		if (!cell->cpus) {
			printk("jh: boot error: cell '%s' has no CPU left\n",
			       cell->name);
			return -EINVAL;
		}
		err = cell_build(cell);
		if (err) {
			printk("jh: boot error: cell '%s': setup failed (%d)\n",
			       cell->name, err);
			return err;
		}
	}
	err = vpci_init();
	return err ? err : iommu_init();
}

int inmates_load(void)
{
	unsigned int n, i, c;

	for (n = 0; n < boot.num_inmates; n++) {
		const struct boot_inmate *im = &boot.inmate[n];
		const struct cell *cell = &cells[im->cell];
		const struct jh_memory *mem = jh_cell_mem_regions(cell->desc);
		u64 phys = 0;
		bool found = false;

		for (i = 0; i < cell->desc->num_memory_regions; i++)
			if (!(mem[i].flags &
			      (JH_MEM_IO | JH_MEM_COMM_REGION)) &&
			    (mem[i].flags & JH_MEM_WRITE) &&
			    range_within(im->load_address, im->size,
					 mem[i].virt_start, mem[i].size)) {
				phys = mem[i].phys_start + im->load_address -
				       mem[i].virt_start;
				found = true;
			}
		if (!found || !im->size) {
			printk("jh: boot error: inmate %u (%lu bytes at guest "
			       "0x%lx) does not fit in one writable RAM region "
			       "of cell '%s'\n", n, im->size, im->load_address,
			       cell->name);
			return -EINVAL;
		}
		/* the root cell may not load into what another cell took */
		for (c = 1; c < num_cells && im->cell == 0; c++) {
			const struct jh_memory *m =
				jh_cell_mem_regions(cells[c].desc);

			for (i = 0; i < cells[c].desc->num_memory_regions; i++)
				if (!(m[i].flags & (JH_MEM_COMM_REGION |
						    JH_MEM_ROOTSHARED)) &&
				    ranges_overlap(phys, im->size,
						   m[i].phys_start,
						   m[i].size)) {
					printk("jh: boot error: root inmate "
					       "lands in memory of cell "
					       "'%s'\n", cells[c].name);
					return -EINVAL;
				}
		}
		memcpy((void *)phys, im->data, im->size);
	}
	return 0;
}

/* Regions of ivshmem devices are shared by design: never scrubbed. */
static bool region_shared(const struct cell *cell, unsigned int idx)
{
	const struct jh_cell_desc *d = cell->desc;
	const struct jh_pci_device *pci = jh_cell_pci_devices(d);
	unsigned int i;

	if (jh_cell_mem_regions(d)[idx].flags & JH_MEM_ROOTSHARED)
		return true;
	for (i = 0; i < d->num_pci_devices; i++)
		if (pci[i].type == JH_PCI_TYPE_IVSHMEM &&
		    idx >= pci[i].shmem_regions_start &&
		    idx < pci[i].shmem_regions_start + 2u +
			  pci[i].shmem_peers)
			return true;
	return false;
}

/* Does a live non-root cell other than @self hold part of the range? */
bool cell_mem_held_elsewhere(const struct cell *self, u64 start, u64 size)
{
	unsigned int c, i;

	for (c = 1; c < MAX_CELLS; c++) {
		const struct cell *o = &cells[c];
		const struct jh_memory *m;

		if (o == self || !o->exists || o->released)
			continue;
		m = jh_cell_mem_regions(o->desc);
		for (i = 0; i < o->desc->num_memory_regions; i++)
			if (!(m[i].flags & (JH_MEM_COMM_REGION |
					    JH_MEM_ROOTSHARED)) &&
			    ranges_overlap(start, size, m[i].phys_start,
					   m[i].size))
				return true;
	}
	return false;
}

/*
 * Map the part of root region @r that overlaps [start, end) again. When
 * @leaving gives up all its memory, the range grows to the enclosing
 * 1 GiB or 2 MiB block if that lies in @r and no other cell holds any of
 * it: the rest of the block is mapped in the root cell already, and
 * mapping the whole block again puts back the block entry the carving
 * split (its page tables return to the pool).
 */
static int root_remap(const struct jh_memory *r, u64 start, u64 end,
		      const struct cell *leaving)
{
	static const u64 blocks[] = { 1ull << 30, 1ull << 21 };
	struct jh_memory part = *r;
	unsigned int b;

	if (region_is_subpage(r))
		return mmio_register(root_cell(), r->virt_start, r->size,
				     mmio_subpage_access, (void *)r);
	if (start < r->phys_start)
		start = r->phys_start;
	end = MIN(end, r->phys_start + r->size);
	for (b = 0; leaving && b < ARRAY_SIZE(blocks); b++) {
		u64 bs = start & ~(blocks[b] - 1);
		u64 be = (end + blocks[b] - 1) & ~(blocks[b] - 1);

		if (bs >= r->phys_start && be <= r->phys_start + r->size &&
		    !cell_mem_held_elsewhere(leaving, bs, be - bs)) {
			start = bs;
			end = be;
			break;
		}
	}
	part.virt_start = r->virt_start + (start - r->phys_start);
	part.size = end - start;
	if (!leaving)
		part.flags |= JH_MEM_NO_HUGEPAGES;
	return arch_map_memory(root_cell(), &part, start);
}

/*
 * A region no root region covers (jh-compile gives such memory to the
 * cell alone) is lent to the root cell identity-mapped (guest address =
 * physical address, as a jh-compile'd root cell sees its RAM) when set
 * loadable, if that guest range is free in the root cell.
 */
static bool lent_identity(const struct jh_memory *m)
{
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *r = jh_cell_mem_regions(rd);
	unsigned int j;

	if (m->flags & (JH_MEM_IO | JH_MEM_COMM_REGION) ||
	    region_is_subpage(m))
		return false;
	for (j = 0; j < rd->num_memory_regions; j++)
		if (ranges_overlap(m->phys_start, m->size, r[j].phys_start,
				   r[j].size) ||
		    ranges_overlap(m->phys_start, m->size, r[j].virt_start,
				   r[j].size))
			return false;
	return true;
}

static int identity_lend(const struct jh_memory *m, bool map)
{
	struct jh_memory part = *m;

	if (!lent_identity(m))
		return 0;
	if (!map)
		return arch_unmap_memory(root_cell(), m->phys_start, m->size);
	part.virt_start = m->phys_start;
	part.flags &= JH_MEM_READ | JH_MEM_WRITE | JH_MEM_EXECUTE;
	return arch_map_memory(root_cell(), &part, m->phys_start);
}

/* Does region @i of @cell go to the root cell now? */
static bool lent(const struct cell *cell, unsigned int i, bool loadable_only)
{
	const struct jh_memory *m = &jh_cell_mem_regions(cell->desc)[i];
	u64 start = m->phys_start & PAGE_MASK;
	u64 end = (m->phys_start + m->size + PAGE_SIZE - 1) & PAGE_MASK;

	return !(m->flags & (JH_MEM_COMM_REGION | JH_MEM_ROOTSHARED)) &&
	       !(loadable_only && !(m->flags & JH_MEM_LOADABLE)) &&
	       !cell_mem_held_elsewhere(cell, start, end - start);
}

int cell_lend_to_root(struct cell *cell, bool loadable_only)
{
	const struct jh_cell_desc *d = cell->desc;
	const struct jh_memory *mem = jh_cell_mem_regions(d);
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *rmem = jh_cell_mem_regions(rd);
	unsigned int i, j;
	int err;

	/* first scrub everything: a remapped block may span regions */
	for (i = 0; i < d->num_memory_regions; i++)
		if (lent(cell, i, loadable_only) &&
		    !(mem[i].flags & JH_MEM_IO) && !region_shared(cell, i) &&
		    !(i < 64 && (cell->ext.preserve >> i) & 1)) {
			/* nothing the cell wrote may reach the next owner */
			memset((void *)mem[i].phys_start, 0, mem[i].size);
			arch_clean_dcache(mem[i].phys_start, mem[i].size);
		}
	for (i = 0; i < d->num_memory_regions; i++) {
		u64 start = mem[i].phys_start & PAGE_MASK;
		u64 end = (mem[i].phys_start + mem[i].size + PAGE_SIZE - 1) &
			  PAGE_MASK;

		if (!lent(cell, i, loadable_only))
			continue;
		/* lent identity-mapped while loadable, to nobody at the end */
		err = identity_lend(&mem[i], loadable_only);
		if (err)
			return err;
		for (j = 0; j < rd->num_memory_regions; j++) {
			if (rmem[j].flags & JH_MEM_COMM_REGION ||
			    !ranges_overlap(start, end - start,
					    rmem[j].phys_start, rmem[j].size))
				continue;
			err = root_remap(&rmem[j], start, end,
					 loadable_only ? NULL : cell);
			if (err)
				return err;
		}
	}
	arch_flush_guest_tlbs();
	return 0;
}

int cell_take_from_root(struct cell *cell, bool loadable_only)
{
	const struct jh_memory *mem = jh_cell_mem_regions(cell->desc);
	int err = carve_from_root(cell->desc, loadable_only);
	unsigned int i;

	for (i = 0; !err && i < cell->desc->num_memory_regions; i++)
		if (!(loadable_only && !(mem[i].flags & JH_MEM_LOADABLE)))
			err = identity_lend(&mem[i], false);

	arch_flush_guest_tlbs();
	return err;
}

void cell_teardown(struct cell *cell)
{
	/* its devices lose their translation before it is freed */
	iommu_cell_gone(cell);
	vpci_cell_destroy(cell);
	if (cell->comm)
		page_free(cell->comm);
	cell->comm = NULL;
	cell->num_mmio = 0;
	arch_cell_destroy(cell);
}
