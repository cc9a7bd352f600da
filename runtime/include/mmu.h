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

/*
 * EL0 (unprivileged) access, for a driver that runs at EL0 the way a
 * Linux UIO driver does (doc/runtime.md, "EL0"). AArch64 stage 1 has no
 * encoding for "EL1 read/write, EL0 read-only", so:
 *   MMU_USER_RW: read/write at EL1 and EL0, never executable (memory
 *                writable at EL0 is never executable at EL1 anyway);
 *   MMU_USER_RO: read-only at EL1 and EL0, not executable;
 *   MMU_USER_RX: read-only at EL1 and EL0, executable at EL0 only
 *                (the inmate's own Normal memory only).
 */
enum mmu_user_prot {
	MMU_USER_RW,
	MMU_USER_RO,
	MMU_USER_RX,
};

/* One translation table (4 KiB); see mmu_add_tables(). */
struct mmu_table {
	u64 entry[512];
} __aligned(4096);

/*
 * Spare tables for mmu_map_user(), from the inmate (usually a static
 * array, so inmates that never map anything for EL0 pay nothing). Each
 * 2 MiB block that gets its first EL0 page needs one, and each GiB that
 * has no table yet one more.
 */
void mmu_add_tables(struct mmu_table *tables, unsigned int n);

/*
 * Make the pages of [lo, hi) accessible from EL0 with @prot, keeping
 * their memory type (Normal for the inmate's own memory and the comm
 * region, Device elsewhere). Blocks are split into pages as needed
 * (break-before-make). The other CPUs must not use the range meanwhile.
 * Returns NULL, or why nothing was changed (MMU off, no spare table,
 * address beyond 39 bits, MMU_USER_RX on Device memory).
 */
const char *mmu_map_user(unsigned long lo, unsigned long hi,
			 enum mmu_user_prot prot);

/* start.S: load rt_mmu_regs into the calling CPU and enable. */
void rt_mmu_enable(const struct mmu_regs *regs);

#endif /* JH_RT_MMU_H */
