/* SPDX-License-Identifier: GPL-2.0-only */
/* Cells: what the hypervisor knows about each partition. */
#ifndef JH_HV_CELL_H
#define JH_HV_CELL_H

#include "cell_ext.h"
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
	unsigned int mmio_last;		/* range hit last (core/mmio.c) */
	bool mmio_overlap;		/* two ranges overlap: no shortcut */
	struct arch_cell arch;
	/* lifecycle (core/manage.c) */
	bool exists;			/* slot in use */
	bool released;			/* resources back in the root */
	bool loadable;			/* loadable regions lent out */
	struct cell_ext ext;		/* from the extension block */
	void *image;			/* run-time cell: copy in pool */
	u64 image_pages;
	u32 wd_beat;			/* last heartbeat value seen */
	u64 wd_seen_ms;			/* when it last changed */
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
/* Map, carve out of the root cell and set up one cell (ids assigned). */
int cell_build(struct cell *cell);
/* Give @cell's CPUs to it and note its first CPU. */
void cell_assign_cpus(struct cell *cell);
/* Interrupts listed in @d: give to / take from @cell. */
void cell_take_irqs(struct cell *cell, const struct jh_cell_desc *d,
		    bool give);
/* Fill the comm region for a (re)started cell. */
void cell_init_comm_region(struct cell *cell);
/*
 * Hand memory of a non-root cell back to the root cell: regions with
 * JH_MEM_LOADABLE only (@loadable_only) or all. Scrubbed first unless
 * preserved or shared. 0 or -errno.
 */
int cell_lend_to_root(struct cell *cell, bool loadable_only);
/* Take the loadable regions back from the root cell (before start). */
int cell_take_from_root(struct cell *cell, bool loadable_only);
/* Does a live non-root cell other than @self hold part of the range? */
bool cell_mem_held_elsewhere(const struct cell *self, u64 start, u64 size);
/* Free what cell_build allocated (translation, comm region, handlers). */
void cell_teardown(struct cell *cell);

#endif
