/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The PMU as an instruction counter: event counter 0 programmed for
 * INST_RETIRED (event 0x08) at EL0, EL1 and, under a hypervisor, EL2
 * (PMEVTYPER0_EL0.NSH), so that a trap's cost shows in the count. Under
 * QEMU -icount shift=0 the count is exact and runs are repeatable.
 * Per CPU: every CPU that measures calls pmu_init() itself.
 */
#ifndef JH_RT_PMU_H
#define JH_RT_PMU_H

#include "types.h"

/* The architectural "instruction architecturally executed" event. */
#define PMU_EVENT_INST_RETIRED	0x08

/*
 * Program and start counter 0 on the calling CPU. Returns NULL when it
 * counts, else why not (no PMUv3, no event counter, event missing).
 */
const char *pmu_init(void);

/* Counter 0 now, ordered after the instructions before it. */
static inline u64 pmu_instructions(void)
{
	u64 v;

	__asm__ volatile("isb\n\tmrs %0, pmevcntr0_el0" : "=r"(v) : :
			 "memory");
	return v;
}

#endif /* JH_RT_PMU_H */
