// SPDX-License-Identifier: GPL-2.0-only
/*
 * ipi: inter-processor interrupts (SGIs) through the GIC. CPU 0 sends
 * IPI_ROUNDS SGIs to itself and to every other CPU of the inmate, one at
 * a time, and measures the time from the write that sends the SGI to the
 * first instruction of the receiver's handler, in counter ticks.
 *
 * Output (one line per target, then a summary):
 *   ipi: CPU 0 -> CPU 1: samples 20 min 0 avg 0 max 1 ticks
 *   ipi: 2 CPUs, all IPIs delivered
 */
#include "rt.h"

#ifndef IPI_ROUNDS
#define IPI_ROUNDS		20
#endif
#define IPI_SGI			1
/* A delivery taking longer than this (10 ms) counts as lost. */
#define IPI_TIMEOUT_US		10000

static volatile unsigned int received[JH_RT_MAX_CPUS];
static volatile u64 received_at[JH_RT_MAX_CPUS];
static volatile unsigned int ready;
static volatile bool done;
static volatile unsigned int stray;

static void on_irq(u32 intid, u64 entry_ticks)
{
	unsigned int me = cpu_index();

	if (intid != IPI_SGI) {
		stray++;
		return;
	}
	received_at[me] = entry_ticks;
	dsb(sy);
	received[me]++;
}

static void receiver(unsigned int me)
{
	(void)me;
	gic_enable_irq(IPI_SGI);
	irq_enable();
	__atomic_fetch_add(&ready, 1, __ATOMIC_RELEASE);
	/* wfe: woken by the IPIs and by the sev that ends the test. */
	while (!done)
		wfe();
	irq_disable();
}

/* Returns false if an IPI got lost. */
static bool measure(unsigned int target)
{
	u64 min = ~0ull, max = 0, sum = 0, sent, deadline, lat;
	unsigned int k;

	for (k = 0; k < IPI_ROUNDS; k++) {
		unsigned int before = received[target];

		sent = timer_now();
		gic_send_sgi(IPI_SGI, percpu[target].mpidr);
		deadline = sent + timer_us_to_ticks(IPI_TIMEOUT_US);
		while (received[target] == before) {
			if (timer_now() > deadline) {
				printf("ipi: CPU 0 -> CPU %u: IPI %u LOST\n",
				       target, k);
				return false;
			}
			cpu_relax();
		}
		lat = received_at[target] - sent;
		if (lat < min)
			min = lat;
		if (lat > max)
			max = lat;
		sum += lat;
	}
	printf("ipi: CPU 0 -> CPU %u: samples %u min %llu avg %llu max %llu ticks\n",
	       target, k, (unsigned long long)min,
	       (unsigned long long)(sum / k), (unsigned long long)max);
	return true;
}

int inmate_main(void)
{
	unsigned int cpus, i;
	bool ok = true;

	irq_set_handler(on_irq);
	cpus = cpus_start(receiver);
	while (ready < cpus - 1)
		cpu_relax();

	gic_enable_irq(IPI_SGI);
	irq_enable();
	for (i = 0; i < JH_RT_MAX_CPUS; i++)
		if (i == 0 || percpu[i].state == CPU_ONLINE)
			ok = measure(i) && ok;
	irq_disable();

	done = true;
	dsb(sy);
	sev();
	cpus_wait_off();
	if (stray)
		printf("ipi: %u stray interrupts\n", stray);
	printf("ipi: %u CPUs, %s\n", cpus,
	       ok && !stray ? "all IPIs delivered" : "FAILED");
	return ok && !stray ? 0 : 1;
}
