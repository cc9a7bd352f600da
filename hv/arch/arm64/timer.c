// SPDX-License-Identifier: GPL-2.0-only
/*
 * The generic timer as the hypervisor uses it: the counter for time
 * stamps and the EL2 physical timer (PPI 26) for the cell watchdogs.
 */
#include <arch.h>
#include <asm/sysregs.h>

static u64 counter_hz(void)
{
	u64 hz = read_sysreg(cntfrq_el0);

	return hz ? hz : 62500000;	/* QEMU's default if unset */
}

u64 arch_time_ms(void)
{
	u64 t = read_sysreg(cntpct_el0), hz = counter_hz();

	return t / hz * 1000 + t % hz * 1000 / hz;
}

void arch_hv_timer_set(u64 ms)
{
	if (!ms) {
		write_sysreg(cnthp_ctl_el2, 0);
		return;
	}
	write_sysreg(cnthp_tval_el2, ms * counter_hz() / 1000);
	write_sysreg(cnthp_ctl_el2, 1);		/* enabled, not masked */
	isb();
}
