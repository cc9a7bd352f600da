/* SPDX-License-Identifier: GPL-2.0-only */
/* What the hypervisor keeps per physical CPU. */
#ifndef JH_HV_PERCPU_H
#define JH_HV_PERCPU_H

#include "config.h"
#include "types.h"
#include <jh-cell-interface.h>
#include <asm/percpu.h>

/* power states as the hypervisor tracks them */
enum cpu_power {
	CPU_POWER_OFF,
	CPU_POWER_ON_PENDING,	/* CPU_ON accepted, not yet in the cell */
	CPU_POWER_ON,
};

/* bits of per_cpu.events */
#define EVENT_PARK		0x1	/* stop running the cell: park */

struct cell;

struct per_cpu {
	unsigned int id;
	u64 mpidr;
	struct cell *cell;		/* owner, or NULL */
	volatile u32 power;		/* enum cpu_power */
	volatile u32 events;		/* EVENT_*, set by other CPUs */
	/* late launch: a root CPU running Linux outside the hypervisor
	 * (not entered yet, or left): SGIs to it are physical */
	volatile bool native;
	bool failed;
	u64 entry;			/* where the cell's CPU starts */
	u64 context;			/* its x0 at start */
	u64 stats[JH_CPU_NUM_STATS];
	unsigned int line_len;
	char line[CONSOLE_LINE_MAX];
	struct arch_per_cpu arch;
};

extern struct per_cpu per_cpus[MAX_CPUS];

static inline struct per_cpu *per_cpu(unsigned int cpu)
{
	return &per_cpus[cpu];
}

struct per_cpu *this_cpu(void);

#endif
