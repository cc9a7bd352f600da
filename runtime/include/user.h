/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Running a routine at EL0, the way an unprivileged (UIO-style) driver
 * runs in a process: the inmate maps what the routine may touch with
 * mmu_map_user(), user_call() enters it with eret, and it comes back
 * with `svc #0` (or a fault). See doc/runtime.md, "EL0".
 */
#ifndef JH_RT_USER_H
#define JH_RT_USER_H

#include "types.h"

struct user_result {
	u64 x[8];		/* x0-x7 at the svc (or at the fault) */
	bool faulted;		/* ended by an exception, not svc #0 */
	u64 esr, far;		/* that exception's syndrome and address */
};

#define USER_MAX_ARGS		8

/*
 * Run @entry at EL0 (EL0t: SP_EL0 = @sp, x0.. = the @nargs values of
 * @args (at most 8), every other register 0, IRQs unmasked; D, A, F
 * masked) until it executes `svc #0`
 * or takes any other synchronous exception, and put its registers and
 * the cause in @res. Interrupts taken meanwhile are handled as usual and
 * the routine resumes. Returns true for `svc #0`. @entry's page must be
 * mapped MMU_USER_RX, @sp's MMU_USER_RW (0 for a routine without stack).
 * On the calling CPU only; not nested.
 */
bool user_call(unsigned long entry, unsigned long sp, const u64 *args,
	       unsigned int nargs, struct user_result *res);

/* exception.c: a synchronous exception from EL0; true if consumed. */
struct exception_frame;
bool user_exception(struct exception_frame *frame);

#endif /* JH_RT_USER_H */
