// SPDX-License-Identifier: GPL-2.0-only
/* Per-cell table of trapped MMIO ranges and their handlers. */
#include <cell.h>

/*
 * The first range that holds an access handles it. Dispatch tries the
 * range hit last first (a cell driving a device hits the same one again
 * and again), which gives the same answer only while no two ranges
 * overlap: this keeps count.
 */
static void check_overlap(struct cell *cell)
{
	unsigned int i, j;

	cell->mmio_overlap = false;
	for (i = 0; i < cell->num_mmio; i++)
		for (j = i + 1; j < cell->num_mmio; j++)
			if (cell->mmio[i].start <
			    cell->mmio[j].start + cell->mmio[j].size &&
			    cell->mmio[j].start <
			    cell->mmio[i].start + cell->mmio[i].size)
				cell->mmio_overlap = true;
}

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
	check_overlap(cell);
	return 0;
}

void mmio_unregister(struct cell *cell, u64 start)
{
	unsigned int n;

	for (n = 0; n < cell->num_mmio; n++)
		if (cell->mmio[n].start == start) {
			cell->mmio[n] = cell->mmio[--cell->num_mmio];
			check_overlap(cell);
			return;
		}
}

static enum mmio_result call(struct mmio_handler *h, u64 address,
			     struct mmio_access *access)
{
	access->address = address - h->start;
	return h->handler(h->arg, access);
}

enum mmio_result mmio_dispatch(struct cell *cell, u64 address,
			       struct mmio_access *access)
{
	unsigned int n = cell->mmio_last;

	if (n < cell->num_mmio && !cell->mmio_overlap &&
	    range_within(address, access->size, cell->mmio[n].start,
			 cell->mmio[n].size))
		return call(&cell->mmio[n], address, access);
	for (n = 0; n < cell->num_mmio; n++) {
		struct mmio_handler *h = &cell->mmio[n];

		if (!range_within(address, access->size, h->start, h->size))
			continue;
		cell->mmio_last = n;
		return call(h, address, access);
	}
	return MMIO_DENIED;
}

/* Width n bytes is allowed by flag bit (n) << JH_MEM_IO_WIDTH_SHIFT. */
static bool width_allowed(const struct jh_memory *m, unsigned int size)
{
	u64 widths = (m->flags >> JH_MEM_IO_WIDTH_SHIFT) & 0xf;

	return !widths || (widths & size);
}

enum mmio_result mmio_subpage_access(void *arg, struct mmio_access *a)
{
	const struct jh_memory *m = arg;
	u64 addr = m->phys_start + a->address;
	unsigned int n;

	if (!(m->flags & (a->is_write ? JH_MEM_WRITE : JH_MEM_READ)) ||
	    !width_allowed(m, a->size))
		return MMIO_DENIED;
	if (!ALIGNED(addr, a->size)) {
		if (!(m->flags & JH_MEM_IO_UNALIGNED))
			return MMIO_DENIED;
		/* device memory faults on unaligned access: go bytewise */
		if (!a->is_write)
			a->value = 0;
		for (n = 0; n < a->size; n++) {
			volatile u8 *p = (volatile u8 *)(addr + n);

			if (a->is_write)
				*p = (u8)(a->value >> (8 * n));
			else
				a->value |= (u64)*p << (8 * n);
		}
		return MMIO_HANDLED;
	}
	switch (a->size) {
	case 1:
		if (a->is_write)
			*(volatile u8 *)addr = (u8)a->value;
		else
			a->value = *(volatile u8 *)addr;
		break;
	case 2:
		if (a->is_write)
			*(volatile u16 *)addr = (u16)a->value;
		else
			a->value = *(volatile u16 *)addr;
		break;
	case 4:
		if (a->is_write)
			*(volatile u32 *)addr = (u32)a->value;
		else
			a->value = *(volatile u32 *)addr;
		break;
	default:
		if (a->is_write)
			*(volatile u64 *)addr = a->value;
		else
			a->value = *(volatile u64 *)addr;
	}
	return MMIO_HANDLED;
}
