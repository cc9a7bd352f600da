/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Ticket spinlock. Waiters execute wfe (woken by sev on release), which
 * also lets QEMU's round-robin icount scheduling run the owner.
 */
#ifndef JH_RT_SPINLOCK_H
#define JH_RT_SPINLOCK_H

#include "types.h"

struct spinlock {
	u32 next;
	u32 owner;
};

#define SPINLOCK_INIT	{ 0, 0 }

void spin_lock(struct spinlock *lock);
void spin_unlock(struct spinlock *lock);

#endif /* JH_RT_SPINLOCK_H */
