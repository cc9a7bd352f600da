// SPDX-License-Identifier: GPL-2.0-only
/*
 * Two-CPU cell: the first CPU starts SECONDARY with PSCI CPU_ON, which
 * reports and turns itself off again; the first CPU checks the power
 * states with AFFINITY_INFO and switches the cell off.
 */
#include "guest.h"

#define CONTEXT_MAGIC	0x5ecul

static volatile u32 secondary_ran;

void guest_main(u64 context)
{
	long r;

	if (cpu_id() == SECONDARY) {
		prefix();
		if (context == CONTEXT_MAGIC)
			puts("secondary up\n");
		else
			puts("ERROR: started with a foreign context\n");
		secondary_ran = 1;
		asm volatile("dsb sy");
		smc(PSCI_CPU_OFF, 0, 0, 0);
		puts("ERROR: CPU_OFF returned\n");
		for (;;)
			asm volatile("wfe");
	}
	prefix();
	puts("smp primary\n");
	prefix();
	puts("affinity of secondary before: ");
	putdec(smc(PSCI_AFFINITY_INFO, SECONDARY, 0, 0));
	puts("\n");
	r = smc(PSCI_CPU_ON, SECONDARY, (u64)_start, CONTEXT_MAGIC);
	prefix();
	puts("cpu_on secondary = ");
	putdec(r);
	puts("\n");
	if (r == 0) {
		wait_for(&secondary_ran, 1, 10000000);
		while (smc(PSCI_AFFINITY_INFO, SECONDARY, 0, 0) != 1)
			relax();
	}
	prefix();
	puts("secondary off again, cpu_on self = ");
	putdec(smc(PSCI_CPU_ON, cpu_id(), (u64)_start, 0));
	puts("\n");
	prefix();
	puts("done\n");
	system_off();
}
