/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Stage-1 identity map with caches on. The inmate's own memory (image,
 * data, BSS, stacks) and the comm region are Normal write-back memory,
 * everything else is Device-nGnRE and never executable. Spinlocks
 * (exclusive accesses) and coherency with the hypervisor's cached view of
 * the comm region need this on real hardware; QEMU does not model caches.
 * Build with -DJH_RT_NO_MMU to keep the MMU off.
 */
#ifndef JH_RT_MMU_H
#define JH_RT_MMU_H

#include "types.h"

/* Register values every CPU loads; read by start.S with the MMU off. */
struct mmu_regs {
	u64 mair;
	u64 tcr;
	u64 ttbr0;	/* 0: MMU stays off */
};

extern struct mmu_regs rt_mmu_regs;

/*
 * Build the tables and turn the MMU on for the calling (first) CPU; the
 * CPUs started later turn it on in start.S. Returns NULL, or why the MMU
 * was left off (image crossing a 2 MiB boundary). Built with
 * JH_RT_NO_MMU: does nothing, returns NULL.
 */
const char *mmu_init(void);
bool mmu_enabled(void);

/* start.S: load rt_mmu_regs into the calling CPU and enable. */
void rt_mmu_enable(const struct mmu_regs *regs);

#endif /* JH_RT_MMU_H */
