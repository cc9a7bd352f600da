/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Exception frames, the dispatcher, and fault probing.
 */
#ifndef JH_RT_EXCEPTION_H
#define JH_RT_EXCEPTION_H

#include "types.h"

/* Layout shared with vectors.S. */
struct exception_frame {
	u64 x[31];
	u64 elr;
	u64 spsr;
	/* CNTVCT_EL0 read first thing on entry (interrupt latency). */
	u64 entry_ticks;
};

/* Vector slot: group (SP0, SPx, lower A64, lower A32) * 4 + type. */
enum exception_type {
	EXC_SYNC,
	EXC_IRQ,
	EXC_FIQ,
	EXC_SERROR,
};

void rt_handle_exception(struct exception_frame *frame, u64 slot);

/*
 * Run one instruction that may fault: probe_arm(), the instruction (in
 * an asm volatile with a "memory" clobber), probe_disarm(). A synchronous
 * exception in between skips the instruction; probe_disarm() returns
 * false and stores the ESR in *esr (when non-NULL) if that happened.
 */
void probe_arm(void);
bool probe_disarm(u64 *esr);

/*
 * Access an address that may fault: returns false (and the ESR in *esr
 * when non-NULL) if it did. For isolation tests and probing; under the
 * hypervisor an access outside the cell stops the cell instead.
 */
bool probe_read32(unsigned long addr, u32 *val, u64 *esr);
bool probe_write32(unsigned long addr, u32 val, u64 *esr);

#endif /* JH_RT_EXCEPTION_H */
