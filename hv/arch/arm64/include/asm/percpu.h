/* SPDX-License-Identifier: GPL-2.0-only */
/* Architecture part of struct per_cpu. */
#ifndef JH_ASM_PERCPU_H
#define JH_ASM_PERCPU_H

#include <types.h>

struct per_cpu;

#define VIRQ_QUEUE_LEN		32

struct arch_per_cpu {
	u64 gicr_base;		/* GICv3: this CPU's redistributor */
	u8 gic_cpuif_mask;	/* GICv2: this CPU's target-list bit */
	/* virtual SGIs waiting: one byte of source CPUs per SGI number */
	volatile u32 sgi_pending[16];
	/* bit n: sgi_pending[n] may be non-zero (set before the event) */
	volatile u32 sgi_summary;
	/* interrupts that found no free list register */
	u16 queue[VIRQ_QUEUE_LEN];
	unsigned int queued;
	/*
	 * Work for arch_cpu_init(), tested with one load (the cell-start
	 * path stays as short as without it): entry_work is non-zero when
	 * any of the flags is set.
	 */
	union {
		struct {
			/* late launch: this CPU comes from Linux (take its
			 * GIC state over) */
			bool takeover;
			/* changed owning cell: reset the PMU (pmu-reset.c) */
			volatile bool pmu_reset;
		};
		volatile u16 entry_work;
	};
	/* late launch: hypervisor PPIs Linux had enabled before */
	u32 late_ppis;
};

void arch_pmu_reset(struct per_cpu *cpu);

#endif
