// SPDX-License-Identifier: GPL-2.0-only
/*
 * Cost of the hypervisor's exits, measured from inside a cell with the
 * PMU cycle counter counting EL1 and EL2 (under QEMU -icount shift=0 it
 * counts instructions). Run it with no other CPU active: under icount
 * all CPUs share one clock.
 */
#include "guest.h"

#define ROUNDS	1000

static inline u64 cycles(void)
{
	u64 v;

	asm volatile("isb\n\tmrs %0, pmccntr_el0" : "=r"(v) : : "memory");
	return v;
}

static void report(const char *what, u64 total, u64 base)
{
	prefix();
	puts("bench: ");
	puts(what);
	puts(" ");
	putdec((long)((total - base) / ROUNDS));
	puts(" instructions\n");
}

void guest_main(u64 context)
{
	u64 t0, base, t;
	unsigned int n;

	(void)context;
	/* cycle counter on, counting at EL2 too (PMCCFILTR_EL0.NSH) */
	asm volatile("msr pmccfiltr_el0, %0" : : "r"(1ul << 27));
	asm volatile("msr pmcntenset_el0, %0" : : "r"(1ul << 31));
	asm volatile("msr pmcr_el0, %0" : : "r"(5ul));
	gic_cpu_enable();

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		asm volatile("" : : : "memory");
	base = cycles() - t0;

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		hvc(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS, 0);
	report("hypercall get-info", cycles() - t0, base);

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		hvc(99, 0, 0);
	report("unknown hypercall", cycles() - t0, base);

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		smc(PSCI_VERSION, 0, 0, 0);
	report("psci-version smc", cycles() - t0, base);

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		(void)mmio_r32(GICD + 0x4);
	report("gicd-typer read", cycles() - t0, base);

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++)
		mmio_w32(GICD + 0x400 + 40, 0xa0a0a0a0);
	report("gicd-priority write", cycles() - t0, base);

	t0 = cycles();
	for (n = 0; n < ROUNDS; n++) {
		unsigned int iar;

		if (gic_version() == 3)
			asm volatile("msr S3_0_C12_C11_5, %0" : :
				     "r"(5ul << 24 | 1u << cpu_id()));
		else
			mmio_w32(GICD + 0xf00, 2u << 24 | 5);
		do {
			iar = gic_ack();
		} while ((iar & 0x3ff) != 5);
		gic_eoi(iar);
	}
	t = cycles() - t0;
	report("self-sgi round trip", t, base);
	prefix();
	puts("bench: done\n");
	system_off();
}
