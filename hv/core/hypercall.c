// SPDX-License-Identifier: GPL-2.0-only
/*
 * Hypercall dispatch: one table row per code, with the rule who may call
 * it. Management calls (create, start, destroy...) become new rows.
 */
#include <cell.h>
#include <hypercall.h>
#include <iommu.h>
#include <lifecycle.h>
#include <jh-cell-ext.h>
#include <page_pool.h>
#include <printk.h>

static s64 hc_get_info(struct per_cpu *cpu, u64 type, u64 unused __unused)
{
	unsigned int n, count = 0;

	/* only cells allowed to probe learn about the hypervisor */
	if (cpu->cell != root_cell() &&
	    !(cpu->cell->ext.flags & JH_EXT_ALLOW_HV_PROBE))
		return -EPERM;
	switch (type) {
	case JH_INFO_MEM_POOL_SIZE:
		return (s64)page_pool_pages();
	case JH_INFO_MEM_POOL_USED:
		return (s64)page_pool_used();
	case JH_INFO_REMAP_POOL_SIZE:
	case JH_INFO_REMAP_POOL_USED:
		return 0;	/* no separate remapping pool */
	case JH_INFO_NUM_CELLS:
		for (n = 0; n < MAX_CELLS; n++)
			count += cells[n].exists;
		return count;
	}
	return -EINVAL;
}

static s64 hc_cell_get_state(struct per_cpu *cpu __unused, u64 id,
			     u64 unused __unused)
{
	const struct cell *cell;

	if (id >= MAX_CELLS || !cells[id].exists)
		return -ENOENT;
	cell = &cells[id];
	/* a running cell may say it is locked; nothing else is taken */
	if (cell->state == JH_CELL_RUNNING && cell->comm &&
	    cell->comm->cell_state == JH_CELL_RUNNING_LOCKED)
		return JH_CELL_RUNNING_LOCKED;
	return cell->state;
}

static s64 hc_cpu_get_info(struct per_cpu *cpu, u64 target, u64 type)
{
	struct per_cpu *t;

	if (target >= MAX_CPUS || !per_cpu(target)->cell)
		return -EINVAL;
	if (cpu->cell != root_cell() &&
	    !cell_owns_cpu(cpu->cell, (unsigned int)target))
		return -EPERM;
	t = per_cpu(target);
	if (type == JH_CPU_INFO_STATE)
		return t->failed ? JH_CPU_FAILED : JH_CPU_RUNNING;
	if (type >= JH_CPU_INFO_STAT_BASE &&
	    type < JH_CPU_INFO_STAT_BASE + JH_CPU_NUM_STATS)
		return (s64)(t->stats[type - JH_CPU_INFO_STAT_BASE] &
			     0x7fffffffffffffffull);
	return -EINVAL;
}

/* Cell output is collected per CPU and printed a whole line at a time. */
static s64 hc_console_putc(struct per_cpu *cpu, u64 c, u64 unused __unused)
{
	if (!(cpu->cell->desc->flags & JH_CELL_VIRTUAL_CONSOLE_PERMITTED))
		return -EPERM;
	cpu->line[cpu->line_len++] = (char)c;
	if ((char)c == '\n' || cpu->line_len == sizeof(cpu->line)) {
		console_write_raw(cpu->line, cpu->line_len);
		cpu->line_len = 0;
	}
	return 0;
}

struct hypercall_row {
	s64 (*handler)(struct per_cpu *cpu, u64 arg1, u64 arg2);
	bool root_only;
};

static const struct hypercall_row hypercalls[] = {
	[JH_HC_DISABLE] = { hc_disable, true },
	[JH_HC_CELL_CREATE] = { hc_cell_create, true },
	[JH_HC_CELL_START] = { hc_cell_start, true },
	[JH_HC_CELL_SET_LOADABLE] = { hc_cell_set_loadable, true },
	[JH_HC_CELL_DESTROY] = { hc_cell_destroy, true },
	[JH_HC_HYPERVISOR_GET_INFO] = { hc_get_info, false },
	[JH_HC_CELL_GET_STATE] = { hc_cell_get_state, true },
	[JH_HC_CPU_GET_INFO] = { hc_cpu_get_info, false },
	[JH_HC_DEBUG_CONSOLE_PUTC] = { hc_console_putc, false },
	/* jh addition (doc/lifecycle.md) */
	[JH_HC_VERIFY_INTEGRITY] = { hc_verify_integrity, true },
	[JH_HC_DMA_FAULT_INFO] = { hc_dma_fault_info, false },
};

s64 hypercall(struct per_cpu *cpu, u64 code, u64 arg1, u64 arg2)
{
	const struct hypercall_row *row;

	cpu->stats[JH_CPU_STAT_VMEXITS_HYPERCALL]++;
	if (code >= ARRAY_SIZE(hypercalls) || !hypercalls[code].handler)
		return -ENOSYS;
	row = &hypercalls[code];
	if (row->root_only && cpu->cell != root_cell())
		return -EPERM;
	return row->handler(cpu, arg1, arg2);
}
