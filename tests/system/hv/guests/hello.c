// SPDX-License-Identifier: GPL-2.0-only
/*
 * Well-behaved cell: reads its comm region, exercises the hypercalls, a
 * self-SGI and the virtual timer, then switches its cell off. Built with
 * WATCH_CELL=n it also waits (as root) until cell n has failed.
 */
#include "guest.h"

#define CNTV_IRQ	27
#define SGI_TEST	5

static void check_comm(void)
{
	volatile struct jh_comm_region *c = COMM;
	int sig_ok = c->signature[0] == 'J' && c->signature[1] == 'H' &&
		     c->signature[2] == 'C' && c->signature[3] == 'O' &&
		     c->signature[4] == 'M' && c->signature[5] == 'M';

	prefix();
	puts(sig_ok ? "comm JHCOMM" : "comm BAD-SIGNATURE");
	puts(" rev ");
	putdec(c->revision);
	puts(" gic ");
	putdec(c->gic_version);
	puts(" state ");
	putdec(c->cell_state);
	puts(" flags ");
	putdec(c->flags);
	puts("\n");
}

static void check_hypercalls(void)
{
	prefix();
	puts("cells ");
	putdec(hvc(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_NUM_CELLS, 0));
	puts(" pool-used>0 ");
	putdec(hvc(JH_HC_HYPERVISOR_GET_INFO, JH_INFO_MEM_POOL_USED, 0) > 0);
	puts(" state-of-1 ");
	putdec(hvc(JH_HC_CELL_GET_STATE, 1, 0));
	puts(" unknown ");
	putdec(hvc(99, 0, 0));
	puts(" cpuinfo ");
	putdec(hvc(JH_HC_CPU_GET_INFO, cpu_id(), JH_CPU_INFO_STATE));
	puts(" cpuinfo-of-cpu0 ");
	putdec(hvc(JH_HC_CPU_GET_INFO, 0, JH_CPU_INFO_STATE));
	puts(" hypercalls>0 ");
	putdec(hvc(JH_HC_CPU_GET_INFO, cpu_id(), JH_CPU_INFO_STAT_BASE +
		   JH_CPU_STAT_VMEXITS_HYPERCALL) > 0);
	puts("\n");
	prefix();
	puts("psci version ");
	puthex(smc(PSCI_VERSION, 0, 0, 0));
	puts(" features(cpu_on) ");
	putdec(smc(PSCI_FEATURES, PSCI_CPU_ON, 0, 0));
	puts("\n");
}

static int wait_irq(unsigned int want)
{
	unsigned long n;

	for (n = 0; n < 2000000; n++) {
		unsigned int iar = gic_ack();

		if ((iar & 0x3ff) == want) {
			if (want == CNTV_IRQ)
				asm volatile("msr cntv_ctl_el0, %0" : :
					     "r"(2ul));
			gic_eoi(iar);
			return 1;
		}
		if ((iar & 0x3ff) < 1020)
			gic_eoi(iar);
		relax();
	}
	return 0;
}

static void send_self_sgi(unsigned int sgi)
{
	if (gic_version() == 3)
		asm volatile("msr S3_0_C12_C11_5, %0" : :
			     "r"((u64)sgi << 24 | 1u << cpu_id()));
	else
		mmio_w32(GICD + 0xf00, 2u << 24 | sgi);
}

/* More distinct SGIs than list registers: the rest must be queued and
 * delivered after the maintenance interrupt. */
static void check_sgi_burst(void)
{
	unsigned int sgi, seen = 0, count = 0;
	unsigned long n;

	for (sgi = 1; sgi <= 12; sgi++)
		send_self_sgi(sgi);
	for (n = 0; n < 2000000 && count < 12; n++) {
		unsigned int iar = gic_ack(), id = iar & 0x3ff;

		if (id >= 1020) {
			relax();
			continue;
		}
		gic_eoi(iar);
		if (id >= 1 && id <= 12 && !(seen & (1u << id))) {
			seen |= 1u << id;
			count++;
		}
	}
	prefix();
	puts("sgi burst ");
	putdec(count);
	puts("/12\n");
}

static void check_interrupts(void)
{
	u64 sgi;

	gic_cpu_enable();
	/* SGI to itself */
	if (gic_version() == 3) {
		sgi = (u64)SGI_TEST << 24 | 1u << cpu_id();
		asm volatile("msr S3_0_C12_C11_5, %0" : : "r"(sgi));
	} else {
		mmio_w32(GICD + 0xf00, 2u << 24 | SGI_TEST);
	}
	prefix();
	puts(wait_irq(SGI_TEST) ? "sgi 5 received\n" : "sgi 5 MISSING\n");
	check_sgi_burst();

	irq_enable(CNTV_IRQ);
	asm volatile("msr cntv_tval_el0, %0" : : "r"(2000ul));
	asm volatile("msr cntv_ctl_el0, %0" : : "r"(1ul));
	prefix();
	puts(wait_irq(CNTV_IRQ) ? "timer irq 27 received\n" :
				  "timer irq 27 MISSING\n");
}

void guest_main(u64 context)
{
	(void)context;
	prefix();
	puts("hello\n");
	check_comm();
	check_hypercalls();
	check_interrupts();
#ifdef WATCH_CELL
	{
		unsigned long n;
		long state = 0;

		for (n = 0; n < 5000000 && state != JH_CELL_FAILED; n++) {
			state = hvc(JH_HC_CELL_GET_STATE, WATCH_CELL, 0);
			relax();
		}
		prefix();
		puts("watched cell state ");
		putdec(state);
		puts(", still running\n");
	}
#endif
	prefix();
	puts("done\n");
	system_off();
}
