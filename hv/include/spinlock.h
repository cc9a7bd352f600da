/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef JH_HV_SPINLOCK_H
#define JH_HV_SPINLOCK_H

#include "types.h"

typedef struct {
	u32 locked;
} spinlock_t;

/* Implemented by the architecture; waiting uses wfe (icount-friendly). */
void spin_lock(spinlock_t *l);
void spin_unlock(spinlock_t *l);

#endif
