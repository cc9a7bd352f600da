// SPDX-License-Identifier: GPL-2.0-only
/*
 * Running and stopping cells. A CPU runs exactly one cell; a CPU that
 * leaves its cell is powered off and only a CPU of the same cell can
 * power it on again. A cell ends when it calls SYSTEM_OFF, when its last
 * CPU turns itself off, or when it commits a violation. When no cell is
 * left the machine is switched off (exit code 0, or 1 if a cell failed).
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <lifecycle.h>
#include <percpu.h>
#include <printk.h>
#include <vpci.h>

struct per_cpu per_cpus[MAX_CPUS];

static spinlock_t cells_lock;
static unsigned int live_cells;
static bool any_failed;

static void flush_line(struct per_cpu *cpu)
{
	if (cpu->line_len)
		console_write_raw(cpu->line, cpu->line_len);
	cpu->line_len = 0;
}

static void cell_ended(struct cell *cell)
{
	bool last;

	/* report under the lock: the last cell's report comes last */
	spin_lock(&cells_lock);
	if (cell->state == JH_CELL_FAILED)
		any_failed = true;
	printk("jh: cell '%s' %s\n", cell->name,
	       cell->state == JH_CELL_FAILED ? "failed" : "shut down");
	last = --live_cells == 0;
	spin_unlock(&cells_lock);
	if (last) {
		printk("jh: no cell left, powering off (%s)\n",
		       any_failed ? "a cell failed" : "all cells shut down");
		arch_system_exit(any_failed ? 1 : 0);
	}
}

/* With the cell lock held: end the cell, ask its other CPUs to park. */
static bool cell_stop_locked(struct cell *cell, u32 state,
			     unsigned int except)
{
	unsigned int cpu;

	if (cell_state_terminal(cell->state))
		return false;
	cell->state = state;
	if (cell->comm)
		cell->comm->cell_state = state;
	arch_cell_irqs_stop(cell);
	vpci_cell_stop(cell);
	for (cpu = 0; cpu < MAX_CPUS; cpu++) {
		if (!cell_owns_cpu(cell, cpu))
			continue;
		if (state == JH_CELL_FAILED)
			per_cpu(cpu)->failed = true;
		if (cpu != except && per_cpu(cpu)->power != CPU_POWER_OFF) {
			__atomic_or_fetch(&per_cpu(cpu)->events, EVENT_PARK,
					  __ATOMIC_SEQ_CST);
			arch_send_event(cpu);
		}
	}
	return true;
}

bool cell_stop(struct cell *cell, u32 state)
{
	bool ended;

	spin_lock(&cell->lock);
	ended = cell_stop_locked(cell, state, MAX_CPUS);
	spin_unlock(&cell->lock);
	if (ended)
		cell_ended(cell);
	return ended;
}

void cell_started(void)
{
	spin_lock(&cells_lock);
	live_cells++;
	spin_unlock(&cells_lock);
}

/* Leave the cell on this CPU and power it off. */
static void __noreturn cpu_park(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	bool ended = false;

	if (!cell)
		arch_cpu_power_off();
	flush_line(cpu);
	spin_lock(&cell->lock);
	if (cpu->power != CPU_POWER_OFF) {
		cpu->power = CPU_POWER_OFF;
		cell->cpus_on--;
	}
	/* nobody can power on a CPU of a cell without running CPUs */
	if (!cell->cpus_on)
		ended = cell_stop_locked(cell, JH_CELL_SHUT_DOWN, cpu->id);
	spin_unlock(&cell->lock);
	if (ended)
		cell_ended(cell);
	arch_cpu_power_off();
}

void __noreturn cpu_enter_cell(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	if (!cell || cell_state_terminal(cell->state))
		cpu_park(cpu);
	cpu->power = CPU_POWER_ON;
	arch_cpu_enter(cpu);
}

void cpu_handle_events(struct per_cpu *cpu)
{
	u32 events = __atomic_exchange_n(&cpu->events, 0, __ATOMIC_SEQ_CST);

	if (events & EVENT_PARK)
		cpu_park(cpu);
}

static int cpu_by_mpidr(u64 mpidr)
{
	unsigned int cpu;

	for (cpu = 0; cpu < MAX_CPUS; cpu++)
		if (arch_cpu_mpidr(cpu) == mpidr)
			return (int)cpu;
	return -1;
}

enum cpu_req_result cpu_on_request(struct per_cpu *caller, u64 target,
				   u64 entry, u64 context)
{
	struct cell *cell = caller->cell;
	int cpu = cpu_by_mpidr(target);
	unsigned int tries;
	struct per_cpu *t;
	int err;

	if (cpu < 0)
		return CPU_REQ_INVALID;
	if (!cell_owns_cpu(cell, (unsigned int)cpu))
		return CPU_REQ_DENIED;
	t = per_cpu((unsigned int)cpu);
	spin_lock(&cell->lock);
	/* the root cell may have just given it to a new cell */
	if (!cell_owns_cpu(cell, (unsigned int)cpu)) {
		spin_unlock(&cell->lock);
		return CPU_REQ_DENIED;
	}
	if (t->power != CPU_POWER_OFF) {
		spin_unlock(&cell->lock);
		return CPU_REQ_ALREADY_ON;
	}
	t->entry = entry;
	t->context = context;
	t->power = CPU_POWER_ON_PENDING;
	cell->cpus_on++;
	spin_unlock(&cell->lock);

	/* a CPU that just parked may still be on its way out: retry */
	for (tries = 0; tries < 1000; tries++) {
		err = arch_cpu_power_on((unsigned int)cpu);
		if (err != -EBUSY)
			break;
	}
	if (err) {
		spin_lock(&cell->lock);
		t->power = CPU_POWER_OFF;
		cell->cpus_on--;
		spin_unlock(&cell->lock);
		printk("jh: cell '%s': CPU %d did not power on (%d)\n",
		       cell->name, cpu, err);
		return CPU_REQ_INTERNAL;
	}
	return CPU_REQ_OK;
}

void __noreturn cpu_off_request(struct per_cpu *cpu)
{
	cpu_park(cpu);
}

int cpu_affinity_state(struct per_cpu *caller, u64 target)
{
	int cpu = cpu_by_mpidr(target);

	if (cpu < 0 || !cell_owns_cpu(caller->cell, (unsigned int)cpu))
		return -1;
	switch (per_cpu((unsigned int)cpu)->power) {
	case CPU_POWER_ON:
		return 0;
	case CPU_POWER_ON_PENDING:
		return 2;
	default:
		return 1;
	}
}

void __noreturn cell_shutdown_request(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	bool ended;

	flush_line(cpu);
	spin_lock(&cell->lock);
	ended = cell_stop_locked(cell, JH_CELL_SHUT_DOWN, cpu->id);
	spin_unlock(&cell->lock);
	if (ended)
		cell_ended(cell);
	cpu_park(cpu);
}

void __noreturn cell_reset_request(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;
	unsigned int n;

	flush_line(cpu);
	spin_lock(&cell->lock);
	for (n = 0; n < MAX_CPUS; n++)
		if (n != cpu->id && cell_owns_cpu(cell, n) &&
		    per_cpu(n)->power != CPU_POWER_OFF) {
			__atomic_or_fetch(&per_cpu(n)->events, EVENT_PARK,
					  __ATOMIC_SEQ_CST);
			arch_send_event(n);
		}
	arch_cell_irqs_reset(cell);
	vpci_cell_reset(cell);
	spin_unlock(&cell->lock);
	printk("jh: cell '%s' reset by CPU %u\n", cell->name, cpu->id);
	cpu->entry = cell->desc->cpu_reset_address;
	cpu->context = 0;
	arch_cpu_enter(cpu);
}

void __noreturn cell_violation(struct per_cpu *cpu, const char *what,
			       u64 address, u64 syndrome)
{
	struct cell *cell = cpu->cell;
	bool ended;

	flush_line(cpu);
	printk("jh: FATAL: cell '%s' CPU %u: %s at 0x%lx, syndrome 0x%lx: "
	       "cell stopped\n", cell->name, cpu->id, what, address,
	       syndrome);
	spin_lock(&cell->lock);
	ended = cell_stop_locked(cell, JH_CELL_FAILED, cpu->id);
	spin_unlock(&cell->lock);
	if (ended)
		cell_ended(cell);
	cpu_park(cpu);
}

void __noreturn cells_start(void)
{
	struct per_cpu *self = this_cpu();
	unsigned int n;

	for (n = 0; n < num_cells; n++)
		live_cells += boot.has_inmate[n];
	for (n = 0; n < num_cells; n++) {
		struct cell *cell = &cells[n];
		struct per_cpu *first = per_cpu(cell->first_cpu);
		int err = 0;

		arch_cell_irqs_reset(cell);
		if (!boot.has_inmate[n]) {
			/* like a created cell that was never started */
			cell->state = JH_CELL_SHUT_DOWN;
			if (cell->comm)
				cell->comm->cell_state = JH_CELL_SHUT_DOWN;
			printk("jh: cell '%s' has no inmate: not started\n",
			       cell->name);
			continue;
		}
		cell->state = JH_CELL_RUNNING;
		first->entry = cell->desc->cpu_reset_address;
		first->context = 0;
		first->power = CPU_POWER_ON_PENDING;
		cell->cpus_on = 1;
		printk("jh: starting cell '%s' on CPU %u at 0x%lx\n",
		       cell->name, first->id, first->entry);
		if (first != self)
			err = arch_cpu_power_on(first->id);
		if (err) {
			bool ended;

			/* this CPU goes on starting the other cells */
			printk("jh: CPU %u of cell '%s' cannot be powered "
			       "on (%d)\n", first->id, cell->name, err);
			spin_lock(&cell->lock);
			first->power = CPU_POWER_OFF;
			cell->cpus_on = 0;
			ended = cell_stop_locked(cell, JH_CELL_FAILED,
						 first->id);
			spin_unlock(&cell->lock);
			if (ended)
				cell_ended(cell);
		}
	}
	/* boot-time cells with a watchdog: the boot CPU's timer serves */
	watchdog_boot(self, self->power == CPU_POWER_ON_PENDING);
	/* the boot CPU runs a cell only if it is that cell's first CPU */
	if (self->power == CPU_POWER_ON_PENDING)
		cpu_enter_cell(self);
	arch_cpu_power_off();
}
