/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Virtual PCI host bridge: when the system image says pci_is_virtual,
 * each cell sees an ECAM window at pci_mmconfig_base that is never
 * mapped; every configuration access traps and is answered by the
 * emulated device registered for that bus/device/function (absent
 * functions read all ones and ignore writes).
 */
#ifndef JH_HV_VPCI_H
#define JH_HV_VPCI_H

#include "types.h"

struct cell;

/* A device model answers whole dwords of its configuration space. */
struct vpci_ops {
	u32 (*cfg_read)(void *priv, unsigned int reg);
	/* @mask selects the bytes of @value the cell wrote */
	void (*cfg_write)(void *priv, unsigned int reg, u32 value, u32 mask);
};

/* Expose a device at @bdf in @cell's virtual bus. */
int vpci_add_device(struct cell *cell, u16 bdf, const struct vpci_ops *ops,
		    void *priv);

/*
 * A cell was built (boot or cell create): create its virtual devices,
 * trap its ECAM window, join its ivshmem links. Does nothing the second
 * time for the same cell. 0 or -errno (reported on the console).
 */
int vpci_cell_create(struct cell *cell);
/* The cell is being destroyed: its endpoints leave their links. */
void vpci_cell_destroy(struct cell *cell);
/* Boot, after every cell is built: the cells not yet done, a report. */
int vpci_init(void);
/* The cell is reset (its devices return to power-on state). */
void vpci_cell_reset(struct cell *cell);
/* The cell stopped (shut down or failed): its devices disconnect. */
void vpci_cell_stop(struct cell *cell);

/* Architecture: raise the INTx line @irq (an SPI) of a virtual device. */
void arch_vpci_raise_intx(unsigned int irq);
/* Architecture: number of interrupt lines (a virtual INTx must exist). */
unsigned int arch_vpci_num_irqs(void);
/* Architecture: the address an MSI(-X) message of a virtual device names. */
u64 arch_vpci_msi_doorbell(void);

#endif
