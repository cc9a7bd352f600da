/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ivshmem 2.0 inter-cell shared-memory device (doc/ivshmem.md): one
 * endpoint per peer cell, endpoints of one link joined by the physical
 * address of their state table.
 */
#ifndef JH_HV_IVSHMEM_H
#define JH_HV_IVSHMEM_H

#include "types.h"
#include <jh-cell-format.h>

struct cell;

#define IVSHMEM_MAX_PEERS	8	/* per link (no more cells exist) */
#define IVSHMEM_MAX_ENDPOINTS	16	/* in the whole system */

/* Register block (BAR0) */
#define IVSHMEM_REG_ID		0x00
#define IVSHMEM_REG_MAX_PEERS	0x04
#define IVSHMEM_REG_INT_CTRL	0x08
#define IVSHMEM_REG_DOORBELL	0x0c
#define IVSHMEM_REG_STATE	0x10

/* Create the endpoint for the cell's ivshmem PCI device @dev. */
int ivshmem_endpoint_create(struct cell *cell,
			    const struct jh_pci_device *dev);
/* Boot: one console line per link (peers present, sizes). */
void ivshmem_links_report(void);
/* The cell is destroyed: disconnect and free its endpoints. */
void ivshmem_cell_remove(struct cell *cell);
/* Cell reset (true: back to power-on state) or stop (disconnect). */
void ivshmem_cell_disconnect(struct cell *cell, bool reset);

#endif
