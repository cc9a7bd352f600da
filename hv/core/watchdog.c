// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cell watchdogs. A cell whose image sets a watchdog period must change
 * the heartbeat word of its comm region (JH_COMM_HEARTBEAT_OFFSET) at
 * least once per period. The hypervisor's timer on the root CPU that
 * started the cell ticks every quarter of the shortest period; a cell
 * whose heartbeat stood still for a whole period is stopped, reported,
 * marked failed, and its resources go back to the root cell. The cell's
 * slot stays (state "failed") until the root cell destroys it. Cells
 * started at boot are watched from the boot CPU if it runs a cell.
 */
#include <arch.h>
#include <cell.h>
#include <control.h>
#include <lifecycle.h>
#include <percpu.h>
#include <printk.h>

extern spinlock_t mgmt_lock;

static bool watched(const struct cell *cell)
{
	return cell->exists && !cell->released && cell->comm &&
	       cell->ext.watchdog_ms && !cell_state_terminal(cell->state);
}

/* Next tick in ms, 0 when no cell is watched. */
static u64 tick_interval(void)
{
	u64 best = 0;
	unsigned int n;

	for (n = 1; n < MAX_CELLS; n++)
		if (watched(&cells[n]) &&
		    (!best || cells[n].ext.watchdog_ms < best))
			best = cells[n].ext.watchdog_ms;
	if (!best)
		return 0;
	return best / 4 ? best / 4 : 1;
}

void watchdog_arm(struct per_cpu *cpu __unused)
{
	arch_hv_timer_set(tick_interval());
}

static void expire(struct cell *cell, u64 silent_ms)
{
	unsigned int cpu;
	u64 deadline;

	printk("jh: cell '%s': watchdog: no heartbeat for %lu ms (period "
	       "%u ms): cell stopped\n", cell->name, silent_ms,
	       cell->ext.watchdog_ms);
	cell_stop(cell, JH_CELL_FAILED);
	/* a hung CPU still takes the park event: it is an EL2 interrupt */
	deadline = arch_time_ms() + 1000;
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		while (cell_owns_cpu(cell, cpu) &&
		       per_cpu(cpu)->power != CPU_POWER_OFF &&
		       arch_time_ms() < deadline)
			asm volatile("yield" : : : "memory");
	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (cell_owns_cpu(cell, cpu) &&
		    per_cpu(cpu)->power != CPU_POWER_OFF) {
			printk("jh: cell '%s': CPU %u does not stop, "
			       "resources kept\n", cell->name, cpu);
			return;
		}
	cell_release(cell);
	printk("jh: cell '%s': resources returned to the root cell\n",
	       cell->name);
}

void watchdog_tick(struct per_cpu *cpu)
{
	u64 now = arch_time_ms();
	unsigned int n;

	spin_lock(&mgmt_lock);
	for (n = 1; n < MAX_CELLS; n++) {
		struct cell *cell = &cells[n];
		u32 beat;

		if (!watched(cell))
			continue;
		beat = *comm_heartbeat(cell->comm);
		if (beat != cell->wd_beat) {
			cell->wd_beat = beat;
			cell->wd_seen_ms = now;
		} else if (now - cell->wd_seen_ms >= cell->ext.watchdog_ms) {
			expire(cell, now - cell->wd_seen_ms);
		}
	}
	watchdog_arm(cpu);
	spin_unlock(&mgmt_lock);
}

void watchdog_boot(struct per_cpu *cpu, bool stays)
{
	u64 now = arch_time_ms();
	unsigned int n;

	if (!tick_interval())
		return;
	if (!stays) {
		printk("jh: warning: the boot CPU runs no cell: boot-time "
		       "watchdogs are not served\n");
		return;
	}
	for (n = 1; n < MAX_CELLS; n++) {
		cells[n].wd_beat = 0;
		cells[n].wd_seen_ms = now;
	}
	watchdog_arm(cpu);
}
