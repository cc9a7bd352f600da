// SPDX-License-Identifier: GPL-2.0-only
/*
 * Construction and destruction of the typed model.
 */
#include "model.h"

#include <stdlib.h>
#include <string.h>

#include "jh-cell-format.h"

void jh_system_init(struct jh_system *sys)
{
	memset(sys, 0, sizeof(*sys));
	sys->revision = JH_CONFIG_REVISION;
	sys->hypervisor_memory.loc = JH_LOC_NONE;
	sys->debug_console.loc = JH_LOC_NONE;
	sys->debug_console.board_dev = -1;
	sys->loc = JH_LOC_NONE;
}

static void free_cell(struct jh_cell *c)
{
	free(c->cpu_set);
	free(c->mem.v);
	free(c->cache.v);
	free(c->irqchips.v);
	free(c->pio.v);
	free(c->pci.v);
	free(c->caps.v);
	free(c->stream_ids.v);
}

void jh_system_free(struct jh_system *sys)
{
	for (size_t i = 0; i < sys->cells.n; i++)
		free_cell(&sys->cells.v[i]);
	free(sys->cells.v);
	for (size_t i = 0; i < sys->links.n; i++)
		free(sys->links.v[i].peers.v);
	free(sys->links.v);
	for (size_t i = 0; i < sys->strings.n; i++)
		free(sys->strings.v[i]);
	free(sys->strings.v);
	if (sys->board)
		jh_board_free(sys->board);
	memset(sys, 0, sizeof(*sys));
}

const char *jh_system_strdup(struct jh_system *sys, const char *s)
{
	char **slot;

	if (!s)
		return NULL;
	slot = jh_vec_push(&sys->strings);
	*slot = jh_xstrdup(s);
	return *slot;
}

struct jh_cell *jh_system_add_cell(struct jh_system *sys, const char *name)
{
	struct jh_cell *c = jh_vec_push(&sys->cells);

	memset(c, 0, sizeof(*c));
	if (name) {
		strncpy(c->name, name, sizeof(c->name) - 1);
		c->name[sizeof(c->name) - 1] = '\0';
	}
	c->console.board_dev = -1;
	c->console.loc = JH_LOC_NONE;
	c->loc = JH_LOC_NONE;
	c->name_loc = JH_LOC_NONE;
	c->cpus_loc = JH_LOC_NONE;
	c->flags_loc = JH_LOC_NONE;
	c->watchdog_loc = JH_LOC_NONE;
	c->hv_probe_loc = JH_LOC_NONE;
	c->l2_isolation_loc = JH_LOC_NONE;
	return c;
}

void jh_cell_set_cpu(struct jh_cell *cell, uint32_t cpu)
{
	uint32_t need = (cpu / 64 + 1) * 8;

	if (need > cell->cpu_set_size) {
		cell->cpu_set = jh_xrealloc_array(cell->cpu_set, need, 1);
		memset(cell->cpu_set + cell->cpu_set_size, 0,
		       need - cell->cpu_set_size);
		cell->cpu_set_size = need;
	}
	cell->cpu_set[cpu / 8] |= (uint8_t)(1u << (cpu % 8));
}

bool jh_cell_test_cpu(const struct jh_cell *cell, uint32_t cpu)
{
	if (cpu / 8 >= cell->cpu_set_size)
		return false;
	return (cell->cpu_set[cpu / 8] >> (cpu % 8)) & 1;
}

struct jh_board *jh_board_new(void)
{
	struct jh_board *b = jh_xcalloc(1, sizeof(*b));

	b->loc = JH_LOC_NONE;
	return b;
}

const char *jh_board_strdup(struct jh_board *board, const char *s)
{
	char **slot;

	if (!s)
		return NULL;
	slot = jh_vec_push(&board->strings);
	*slot = jh_xstrdup(s);
	return *slot;
}

void jh_board_free(struct jh_board *b)
{
	if (!b)
		return;
	free(b->cpus.v);
	free(b->ram.v);
	free(b->irqchips.v);
	for (size_t i = 0; i < b->devices.n; i++) {
		free(b->devices.v[i].mmio.v);
		free(b->devices.v[i].irqs.v);
		free(b->devices.v[i].stream_ids.v);
	}
	free(b->devices.v);
	for (size_t i = 0; i < b->pci_devices.n; i++) {
		free(b->pci_devices.v[i].caps.v);
		free(b->pci_devices.v[i].stream_ids.v);
	}
	free(b->pci_devices.v);
	free(b->iommus.v);
	free(b->ports.v);
	free(b->hv_irqs.v);
	for (size_t i = 0; i < b->strings.n; i++)
		free(b->strings.v[i]);
	free(b->strings.v);
	free(b);
}
