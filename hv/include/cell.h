/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells: what the hypervisor knows about each partition. */
#ifndef JH_HV_CELL_H
#define JH_HV_CELL_H

#include "config.h"
#include "mmio.h"
#include "spinlock.h"
#include "types.h"
#include <jh-cell-interface.h>
#include <asm/cell.h>

struct cell {
	unsigned int id;		/* 0 = root */
	char name[JH_CELL_NAME_MAXLEN + 1];
	const struct jh_cell_desc *desc;	/* checked image */
	u64 cpus;			/* CPUs it really owns (bitmap) */
	unsigned int first_cpu;		/* starts at cpu_reset_address */
	unsigned int cpus_on;		/* CPUs currently running it */
	volatile u32 state;		/* JH_CELL_* */
	struct jh_comm_region *comm;	/* hypervisor page, or NULL */
	u32 irqs[MAX_IRQS / 32];	/* interrupts it owns (SPIs) */
	spinlock_t lock;
	unsigned int num_mmio;
	struct mmio_handler mmio[MAX_MMIO_HANDLERS];
	struct arch_cell arch;
};

extern struct cell cells[MAX_CELLS];
extern unsigned int num_cells;

static inline struct cell *root_cell(void)
{
	return &cells[0];
}

static inline bool cell_owns_cpu(const struct cell *c, unsigned int cpu)
{
	return cpu < 64 && (c->cpus >> cpu) & 1;
}

static inline bool cell_owns_irq(const struct cell *c, unsigned int irq)
{
	return irq < MAX_IRQS && (c->irqs[irq / 32] >> (irq % 32)) & 1;
}

static inline bool cell_state_terminal(u32 state)
{
	return state == JH_CELL_SHUT_DOWN || state == JH_CELL_FAILED ||
	       state == JH_CELL_FAILED_COMM_REV;
}

/* Build every cell from the checked images (boot-time mode). */
int cells_create(void);

#endif
