// SPDX-License-Identifier: GPL-2.0-only
/*
 * The virtual PCI host bridge. With pci_is_virtual the system has no
 * physical host bridge the cells may touch: each cell gets a trapped
 * ECAM window at pci_mmconfig_base covering buses 0..pci_mmconfig_end_bus,
 * and configuration cycles go to the device models registered here
 * (today only ivshmem). With a physical host bridge the same window
 * traps; functions without a device model go to core/pci.c, which
 * forwards those the cell owns to the real ECAM, filtered. Accesses are
 * 8, 16 or 32 bits wide and naturally aligned; anything else is a
 * malformed access and a violation.
 */
#include <boot.h>
#include <cell.h>
#include <ivshmem.h>
#include <pci.h>
#include <percpu.h>
#include <printk.h>
#include <vpci.h>

#define VPCI_MAX_DEVICES	8	/* per cell */
#define ECAM_BUS_SHIFT		20
/* bdf << 12: offset of a function in the window */
#define ECAM_FN_SHIFT		12

struct vpci_device {
	u16 bdf;
	const struct vpci_ops *ops;
	void *priv;
};

struct vpci_bus {
	bool created;
	unsigned int num_devices;
	struct vpci_device dev[VPCI_MAX_DEVICES];
};

static struct vpci_bus buses[MAX_CELLS];

int vpci_add_device(struct cell *cell, u16 bdf, const struct vpci_ops *ops,
		    void *priv)
{
	struct vpci_bus *bus = &buses[cell->id];
	unsigned int n;

	for (n = 0; n < bus->num_devices; n++)
		if (bus->dev[n].bdf == bdf)
			return -EEXIST;
	if (bus->num_devices >= VPCI_MAX_DEVICES)
		return -ENOMEM;
	bus->dev[bus->num_devices].bdf = bdf;
	bus->dev[bus->num_devices].ops = ops;
	bus->dev[bus->num_devices].priv = priv;
	bus->num_devices++;
	return 0;
}

static struct vpci_device *find_device(struct cell *cell, u16 bdf)
{
	struct vpci_bus *bus = &buses[cell->id];
	unsigned int n;

	for (n = 0; n < bus->num_devices; n++)
		if (bus->dev[n].bdf == bdf)
			return &bus->dev[n];
	return NULL;
}

static enum mmio_result ecam_access(void *arg, struct mmio_access *a)
{
	struct vpci_device *dev;
	unsigned int reg = a->address & 0xfff, shift = (reg & 3) * 8;
	u32 mask, dword;

	if ((a->size != 1 && a->size != 2 && a->size != 4) ||
	    !ALIGNED(a->address, a->size)) {
		printk("jh: cell '%s' CPU %u: PCI configuration %s at 0x%lx "
		       "of %u bytes: only 1, 2 or 4, naturally aligned\n",
		       ((struct cell *)arg)->name, this_cpu()->id,
		       a->is_write ? "write" : "read",
		       boot.system->pci_mmconfig_base + a->address, a->size);
		return MMIO_DENIED;
	}
	dev = find_device(arg, (u16)(a->address >> ECAM_FN_SHIFT));
	if (!dev && pci_cell_owns(arg, (u16)(a->address >> ECAM_FN_SHIFT)))
		return pci_cfg_access(arg, (u16)(a->address >> ECAM_FN_SHIFT),
				      a);
	mask = (a->size == 4 ? 0xffffffffu : (1u << (a->size * 8)) - 1)
	       << shift;
	if (!dev) {
		/* no function here: reads all ones, writes vanish */
		if (!a->is_write)
			a->value = mask >> shift;
		return MMIO_HANDLED;
	}
	if (a->is_write) {
		dev->ops->cfg_write(dev->priv, reg & ~3u,
				    (u32)(a->value << shift), mask);
	} else {
		dword = dev->ops->cfg_read(dev->priv, reg & ~3u);
		a->value = (dword & mask) >> shift;
	}
	return MMIO_HANDLED;
}

static int cell_init(struct cell *cell)
{
	const struct jh_system_desc *sys = boot.system;
	const struct jh_cell_desc *d = cell->desc;
	const struct jh_pci_device *pci = jh_cell_pci_devices(d);
	unsigned int i, ignored = 0;
	int err;

	if (pci_bus_is_physical()) {
		err = pci_cell_create(cell);
		if (err)
			return err;
	}
	for (i = 0; i < d->num_pci_devices; i++) {
		if (pci[i].type != JH_PCI_TYPE_IVSHMEM) {
			ignored++;
			continue;
		}
		err = ivshmem_endpoint_create(cell, &pci[i]);
		if (err)
			return err;
	}
	if (ignored && !pci_bus_is_physical())
		printk("jh: warning: cell '%s': %u physical PCI devices "
		       "ignored (the PCI bus is virtual)\n", cell->name,
		       ignored);
	return mmio_register(cell, sys->pci_mmconfig_base,
			     ((u64)sys->pci_mmconfig_end_bus + 1)
			     << ECAM_BUS_SHIFT, ecam_access, cell);
}

/* Virtual or physical host bridge: either way the window traps. */
static bool bus_is_trapped(void)
{
	return boot.system->pci_mmconfig_base != 0;
}

int vpci_cell_create(struct cell *cell)
{
	int err;

	if (buses[cell->id].created)
		return 0;
	if (!bus_is_trapped()) {
		if (cell->desc->num_pci_devices)
			printk("jh: warning: cell '%s': %u PCI devices ignored "
			       "(no PCI host bridge in the system image)\n",
			       cell->name, cell->desc->num_pci_devices);
		return 0;
	}
	err = cell_init(cell);
	if (err) {
		printk("jh: boot error: cell '%s': PCI setup failed "
		       "(%d)\n", cell->name, err);
		ivshmem_cell_remove(cell);
		pci_cell_destroy(cell);
		buses[cell->id].num_devices = 0;
		return err;
	}
	buses[cell->id].created = true;
	return 0;
}

void vpci_cell_destroy(struct cell *cell)
{
	ivshmem_cell_remove(cell);
	pci_cell_destroy(cell);
	buses[cell->id].num_devices = 0;
	buses[cell->id].created = false;
}

int vpci_init(void)
{
	unsigned int n;
	int err;

	for (n = 0; n < num_cells; n++) {
		err = vpci_cell_create(&cells[n]);
		if (err)
			return err;
	}
	if (bus_is_trapped())
		ivshmem_links_report();
	return 0;
}

void vpci_cell_reset(struct cell *cell)
{
	ivshmem_cell_disconnect(cell, true);
	pci_cell_quiesce(cell);
}

void vpci_cell_stop(struct cell *cell)
{
	ivshmem_cell_disconnect(cell, false);
	pci_cell_quiesce(cell);
}
