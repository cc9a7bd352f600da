/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Physical PCI devices assigned to cells (doc/pci-passthrough.md). With
 * a physical host bridge (system image: pci_mmconfig_base set,
 * pci_is_virtual 0) every cell's ECAM window traps (core/vpci.c); the
 * accesses to functions the cell owns come here and are forwarded to the
 * real ECAM, filtered. A non-root cell owns the functions of type device
 * or bridge its image lists; the root cell owns every other one.
 */
#ifndef JH_HV_PCI_H
#define JH_HV_PCI_H

#include "mmio.h"
#include "types.h"

struct cell;

/* Does the system image describe a physical host bridge? */
bool pci_bus_is_physical(void);
/*
 * The cell was built: map the ECAM for the hypervisor (once), take it
 * out of the cell's map where its regions cover it (with a warning),
 * claim the physical functions its image lists (taken from the root
 * cell with decoding and bus mastering off). 0 or -errno, reported on
 * the console.
 */
int pci_cell_create(struct cell *cell);
/* Does @cell own the physical function @bdf now? */
bool pci_cell_owns(const struct cell *cell, u16 bdf);
/*
 * A configuration access by @cell to its function @bdf, @a->address the
 * offset in the function's 4 KiB (size 1, 2 or 4, aligned: checked by
 * the caller). Reads go through; writes are filtered.
 */
enum mmio_result pci_cfg_access(struct cell *cell, u16 bdf,
				struct mmio_access *a);
/*
 * The cell stopped or is reset: its functions stop decoding and
 * mastering the bus (command register I/O, memory, bus master cleared).
 */
void pci_cell_quiesce(struct cell *cell);
/* The cell is destroyed: quiesced, and its functions go to the root. */
void pci_cell_destroy(struct cell *cell);
/*
 * Turn bus mastering of physical function @bdf off (e.g. after DMA
 * faults), serialised with the cells' configuration accesses; its owner
 * may turn it on again. Nothing without a physical host bridge.
 */
void pci_master_off(u16 bdf);

#endif
