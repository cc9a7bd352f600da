// SPDX-License-Identifier: GPL-2.0-only
/* Per-cell table of trapped MMIO ranges and their handlers. */
#include <cell.h>

int mmio_register(struct cell *cell, u64 start, u64 size,
		  mmio_handler_fn handler, void *arg)
{
	struct mmio_handler *h;

	if (cell->num_mmio >= MAX_MMIO_HANDLERS)
		return -ENOMEM;
	h = &cell->mmio[cell->num_mmio++];
	h->start = start;
	h->size = size;
	h->handler = handler;
	h->arg = arg;
	return 0;
}

enum mmio_result mmio_dispatch(struct cell *cell, u64 address,
			       struct mmio_access *access)
{
	unsigned int n;

	for (n = 0; n < cell->num_mmio; n++) {
		struct mmio_handler *h = &cell->mmio[n];

		if (!range_within(address, access->size, h->start, h->size))
			continue;
		access->address = address - h->start;
		return h->handler(h->arg, access);
	}
	return MMIO_DENIED;
}
