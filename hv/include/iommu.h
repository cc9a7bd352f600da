/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * DMA isolation (doc/dma-isolation.md): the hypervisor owns every SMMUv3
 * of the system image and keeps the translation of each stream ID equal
 * to the memory of the cell that owns it; streams no cell owns are
 * blocked. The core calls these at boot and whenever memory or devices
 * change hands. Without an SMMUv3 unit they do nothing.
 */
#ifndef JH_HV_IOMMU_H
#define JH_HV_IOMMU_H

#include "types.h"
#include <jh-cell-format.h>

struct cell;
struct per_cpu;

/* Boot, after the cells are built: probe the units, set up the streams. */
int iommu_init(void);
/*
 * What an image may not do to DMA isolation (map a unit's registers,
 * own its interrupts, use stream IDs beyond the stream table or held by
 * another cell). 0 or -EINVAL with a message naming @who.
 */
int iommu_check_cell(const struct jh_cell_desc *d, const char *who,
		     const struct cell *self);
/*
 * Ownership or memory changed: recompute every stream's translation.
 * @leaving (or NULL) is a cell whose translation is about to be freed:
 * its streams leave it now.
 */
void iommu_update(const struct cell *leaving);
/* The same for a cell being torn down; its fault counters go too. */
void iommu_cell_gone(const struct cell *cell);
/*
 * Late launch: hand every unit back as the hypervisor found it at
 * enable (off, GBPA, queue and table bases, interrupts as they were), so
 * that no hypervisor memory stays in use by the hardware. Called by the
 * last CPU leaving at disable and when a started enable is refused.
 */
void iommu_shutdown(void);
/* JH_HC_DMA_FAULT_INFO */
s64 hc_dma_fault_info(struct per_cpu *cpu, u64 cell_id, u64 type);

#endif
