/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trapped MMIO: the architecture decodes a stage-2 fault into an
 * mmio_access; the core finds the handler registered for the range.
 */
#ifndef JH_HV_MMIO_H
#define JH_HV_MMIO_H

#include "types.h"
#include <jh-cell-format.h>

struct cell;

struct mmio_access {
	u64 address;		/* offset from the handler's start */
	u64 value;		/* in for writes, out for reads */
	unsigned int size;	/* 1, 2, 4 or 8 */
	bool is_write;
};

enum mmio_result {
	MMIO_HANDLED,
	MMIO_DENIED,		/* a violation: the cell is stopped */
};

typedef enum mmio_result (*mmio_handler_fn)(void *arg,
					    struct mmio_access *access);

struct mmio_handler {
	u64 start;
	u64 size;
	mmio_handler_fn handler;
	void *arg;
};

/*
 * An I/O region whose guest address or size is not page aligned: it is
 * not mapped but trapped, and each access is checked and performed by
 * the hypervisor (mmio_subpage_access, arg = the region).
 */
static inline bool region_is_subpage(const struct jh_memory *m)
{
	return !ALIGNED(m->virt_start | m->size, PAGE_SIZE);
}

enum mmio_result mmio_subpage_access(void *arg, struct mmio_access *a);

int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler_fn handler, void *arg);
/* Remove the handler registered at @start, if any. */
void mmio_unregister(struct cell *cell, u64 start);
/* MMIO_DENIED when no handler covers the whole access. */
enum mmio_result mmio_dispatch(struct cell *cell, u64 address,
			       struct mmio_access *access);

#endif
