// SPDX-License-Identifier: GPL-2.0-only
/*
 * A cell trying to power on CPUs of other cells (and a missing one);
 * every attempt must be refused.
 */
#include "guest.h"

static void try_on(const char *what, u64 mpidr)
{
	prefix();
	puts("cpu_on ");
	puts(what);
	puts(" = ");
	putdec(smc(PSCI_CPU_ON, mpidr, (u64)_start, 0xbad));
	puts("\n");
}

void guest_main(u64 context)
{
	(void)context;
	try_on("foreign-off-cpu3", 3);
	try_on("foreign-root-cpu0", 0);
	try_on("missing-cpu", 0x100);
	try_on("self", cpu_id());
	prefix();
	puts("affinity foreign-cpu3 = ");
	putdec(smc(PSCI_AFFINITY_INFO, 3, 0, 0));
	puts("\n");
	prefix();
	puts("done\n");
	system_off();
}
