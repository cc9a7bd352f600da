// SPDX-License-Identifier: GPL-2.0-only
/*
 * SGIs between the two CPUs of a cell, for runs with real parallelism
 * (no -icount): the first CPU starts SECONDARY, sends it ROUNDS SGIs one
 * at a time and waits (long) for each to be counted; the secondary polls
 * its interrupt acknowledge register. Reports LOST if one never arrives.
 */
#include "guest.h"

#define ROUNDS		100
#define SGI		2

static volatile u32 got, ready;

static void __attribute__((noreturn)) receiver(void)
{
	gic_cpu_enable();
	asm volatile("dsb sy");
	ready = 1;
	for (;;) {
		unsigned int iar = gic_ack();

		if ((iar & 0x3ff) < 1020) {
			gic_eoi(iar);
			if ((iar & 0x3ff) == SGI)
				got++;
		}
		relax();
	}
}

static void send(unsigned int target)
{
	if (gic_version() == 3)
		asm volatile("msr S3_0_C12_C11_5, %0" : :
			     "r"((u64)SGI << 24 | 1u << target));
	else
		mmio_w32(GICD + 0xf00, (1u << target) << 16 | SGI);
}

void guest_main(u64 context)
{
	unsigned int n;

	(void)context;
	if (cpu_id() == SECONDARY)
		receiver();
	smc(PSCI_CPU_ON, SECONDARY, (u64)_start, 0);
	while (!ready)
		relax();
	for (n = 0; n < ROUNDS; n++) {
		unsigned long w;
		u32 before = got;

		send(SECONDARY);
		for (w = 0; w < 400000000ul && got == before; w++)
			relax();
		if (got == before) {
			prefix();
			puts("pingpong: SGI ");
			putdec(n);
			puts(" LOST\n");
			break;
		}
	}
	prefix();
	puts("pingpong: ");
	putdec(got);
	puts(" SGIs received\n");
	system_off();
}
