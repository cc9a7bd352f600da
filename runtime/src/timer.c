// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Generic timer: virtual counter and the EL1 virtual timer.
 */
#include "sysreg.h"
#include "timer.h"

u64 timer_frequency(void)
{
	return read_sysreg(cntfrq_el0);
}

u64 timer_now(void)
{
	isb();
	return read_sysreg(cntvct_el0);
}

u64 timer_us_to_ticks(u64 us)
{
	return us * timer_frequency() / 1000000;
}

void timer_set_deadline(u64 deadline)
{
	write_sysreg(cntv_cval_el0, deadline);
	write_sysreg(cntv_ctl_el0, CNTV_CTL_ENABLE);
	isb();
}

void timer_stop(void)
{
	write_sysreg(cntv_ctl_el0, 0);
	isb();
}

void timer_delay_ticks(u64 ticks)
{
	u64 end = timer_now() + ticks;

	while (timer_now() < end)
		cpu_relax();
}

void timer_delay_us(u64 us)
{
	timer_delay_ticks(timer_us_to_ticks(us));
}
