// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Ticket lock: fair, and waiters sleep in wfe until the owner's sev.
 */
#include "spinlock.h"
#include "sysreg.h"

void spin_lock(struct spinlock *lock)
{
	u32 ticket = __atomic_fetch_add(&lock->next, 1, __ATOMIC_ACQUIRE);

	while (__atomic_load_n(&lock->owner, __ATOMIC_ACQUIRE) != ticket)
		wfe();
}

void spin_unlock(struct spinlock *lock)
{
	__atomic_store_n(&lock->owner, lock->owner + 1, __ATOMIC_RELEASE);
	dsb(ish);
	sev();
}
