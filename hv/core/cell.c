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
#include <page_pool.h>
#include <percpu.h>
#include <printk.h>
#include <string.h>
#include <vpci.h>

struct cell cells[MAX_CELLS];
unsigned int num_cells;

static void take_irqs(struct cell *cell, const struct jh_cell_desc *d,
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

static void init_comm_region(struct cell *cell)
{
	struct jh_comm_region *comm = cell->comm;

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
static int carve_from_root(const struct jh_cell_desc *d)
{
	const struct jh_cell_desc *rd = root_cell()->desc;
	const struct jh_memory *mem = jh_cell_mem_regions(d);
	const struct jh_memory *rmem = jh_cell_mem_regions(rd);
	unsigned int i, j;
	int err;

	for (i = 0; i < d->num_memory_regions; i++) {
		if (mem[i].flags & (JH_MEM_COMM_REGION | JH_MEM_ROOTSHARED))
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
		take_irqs(cell, d, true);
		if (n > 0) {
			root_cell()->cpus &= ~cell->cpus;
			take_irqs(root_cell(), d, false);
		}
	}
	for (n = 0; n < num_cells; n++) {
		struct cell *cell = &cells[n];

		for (cpu = 0; cpu < MAX_CPUS; cpu++)
			if (cell_owns_cpu(cell, cpu)) {
				per_cpu(cpu)->cell = cell;
				break;
			}
		cell->first_cpu = cpu;
		for (; cpu < MAX_CPUS; cpu++)
			if (cell_owns_cpu(cell, cpu))
				per_cpu(cpu)->cell = cell;
		if (!cell->cpus) {
			printk("jh: boot error: cell '%s' has no CPU left\n",
			       cell->name);
			return -EINVAL;
		}
		err = map_regions(cell);
		if (!err && n > 0)
			err = carve_from_root(cell->desc);
		if (!err)
			err = arch_cell_create(cell);
		if (err) {
			printk("jh: boot error: cell '%s': setup failed (%d)\n",
			       cell->name, err);
			return err;
		}
		if (cell->comm)
			init_comm_region(cell);
	}
	return vpci_init();
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
