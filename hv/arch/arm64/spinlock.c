// SPDX-License-Identifier: GPL-2.0-only
/*
 * Spinlocks with exclusive accesses; waiters sleep in wfe and are woken
 * by the unlocking store (exclusive monitor clear) or sev. Under QEMU
 * icount the CPUs run round-robin, so waiting must yield the CPU.
 */
#include <spinlock.h>

void spin_lock(spinlock_t *l)
{
	u32 tmp;

	asm volatile(
		"	sevl\n"
		"1:	wfe\n"
		"2:	ldaxr	%w0, [%1]\n"
		"	cbnz	%w0, 1b\n"
		"	stxr	%w0, %w2, [%1]\n"
		"	cbnz	%w0, 2b\n"
		: "=&r"(tmp) : "r"(&l->locked), "r"(1) : "memory");
}

void spin_unlock(spinlock_t *l)
{
	asm volatile("stlr wzr, [%0]\n\tsev" : : "r"(&l->locked) : "memory");
}
