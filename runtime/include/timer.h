/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * The generic timer: virtual counter and virtual timer (PPI 27).
 */
#ifndef JH_RT_TIMER_H
#define JH_RT_TIMER_H

#include "types.h"

#define TIMER_VIRT_INTID	27

#define CNTV_CTL_ENABLE		BIT(0)
#define CNTV_CTL_IMASK		BIT(1)
#define CNTV_CTL_ISTATUS	BIT(2)

u64 timer_frequency(void);
/* CNTVCT_EL0, ordered after earlier instructions. */
u64 timer_now(void);
u64 timer_us_to_ticks(u64 us);
/* Fire the virtual timer when CNTVCT reaches deadline. */
void timer_set_deadline(u64 deadline);
void timer_stop(void);
/* Busy-wait (with yield) for a number of ticks. */
void timer_delay_ticks(u64 ticks);
void timer_delay_us(u64 us);

#endif /* JH_RT_TIMER_H */
