/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * CPUs of the inmate: logical numbering, bring-up with PSCI CPU_ON and
 * per-CPU state. The first CPU is logical CPU 0; CPUs started with
 * cpus_start() get 1, 2, ... in the order they are found.
 */
#ifndef JH_RT_CPU_H
#define JH_RT_CPU_H

#include "rt-config.h"
#include "types.h"

enum cpu_state {
	CPU_ABSENT,
	CPU_STARTING,
	CPU_ONLINE,
	CPU_OFF,
};

struct percpu {
	u64 mpidr;
	volatile u32 state;
	/* Probing: an expected fault is recorded instead of reported. */
	volatile bool probe_armed;
	volatile bool probe_faulted;
	volatile u64 probe_esr;
};

extern struct percpu percpu[JH_RT_MAX_CPUS];

typedef void (*cpu_entry_t)(unsigned int cpu);

/* Logical number of the calling CPU (0 for the first). */
unsigned int cpu_index(void);
/* MPIDR_EL1 affinity fields of the calling CPU. */
u64 cpu_mpidr(void);
/* Aff0 of the MPIDR: on QEMU virt the CPU number for up to 8 CPUs. */
unsigned int cpu_hw_number(void);
/* Number of logical CPUs online (including the first). */
unsigned int cpus_online(void);

/*
 * Find and start the other CPUs of the inmate: PSCI CPU_ON for every
 * MPIDR with Aff0 0..JH_RT_MAX_CPUS-1 (upper affinity of the caller);
 * the CPUs that accept run entry(their logical number) on their own
 * stack, with vectors and GIC CPU interface set up, and turn themselves
 * off when entry returns. Returns the number of CPUs now online
 * including the caller. Call once, from CPU 0.
 */
unsigned int cpus_start(cpu_entry_t entry);

/* Wait until every CPU started by cpus_start() has turned itself off. */
void cpus_wait_off(void);

/* Turn the calling (non-first) CPU off (PSCI CPU_OFF). */
void __noreturn cpu_off(void);

#endif /* JH_RT_CPU_H */
