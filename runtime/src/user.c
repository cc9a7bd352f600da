// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * EL0 routines (user.h). user_call() saves its state and erets to EL0
 * (user-entry.S); the routine's `svc #0`, or any fault it takes, arrives
 * in the lower-EL synchronous vector, where user_exception() records the
 * registers and redirects the exception return to rt_user_exit at EL1h,
 * which throws the exception frame away and returns from user_call().
 */
#include "rt.h"
#include "user.h"

#define ESR_EC(esr)		(((esr) >> 26) & 0x3f)
#define EC_SVC64		0x15
#define SPSR_M_EL1H		0x5
#define SPSR_DAIF_MASK		0x3c0

struct user_ctx {
	bool active;
	u64 el1_sp;		/* stack pointer of rt_user_enter */
	u64 daif;		/* the caller's interrupt masks */
	struct user_result *res;
};

static struct user_ctx ctx[JH_RT_MAX_CPUS];

void rt_user_enter(unsigned long entry, unsigned long sp, const u64 *args,
		   u64 *el1_sp);
extern char rt_user_exit[];

bool user_call(unsigned long entry, unsigned long sp, const u64 *args,
	       unsigned int nargs, struct user_result *res)
{
	struct user_ctx *u = &ctx[cpu_index()];
	u64 regs[USER_MAX_ARGS] = { 0 };
	unsigned int i;

	for (i = 0; i < nargs && i < USER_MAX_ARGS; i++)
		regs[i] = args[i];
	memset(res, 0, sizeof(*res));
	u->res = res;
	u->daif = read_sysreg(daif);
	u->active = true;
	rt_user_enter(entry, sp, regs, &u->el1_sp);
	/* back through rt_user_exit */
	return !res->faulted;
}

bool user_exception(struct exception_frame *f)
{
	struct user_ctx *u = &ctx[cpu_index()];
	u64 esr = read_sysreg(esr_el1);
	unsigned int i;

	if (!u->active)
		return false;
	u->active = false;
	for (i = 0; i < 8; i++)
		u->res->x[i] = f->x[i];
	if (ESR_EC(esr) != EC_SVC64 || (esr & 0xffff)) {
		u->res->faulted = true;
		u->res->esr = esr;
		u->res->far = read_sysreg(far_el1);
	}
	/* return to rt_user_exit at EL1h with the caller's masks */
	f->elr = (u64)(uintptr_t)rt_user_exit;
	f->spsr = SPSR_M_EL1H | (u->daif & SPSR_DAIF_MASK);
	f->x[0] = u->el1_sp;
	return true;
}
