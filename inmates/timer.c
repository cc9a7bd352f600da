// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer: periodic virtual-timer interrupts (PPI 27) through the GIC on
 * every CPU of the inmate at once; measures the latency from the
 * programmed deadline (CNTV_CVAL) to the first instruction of the
 * exception handler, in counter ticks, and prints min/avg/max over
 * TIMER_SAMPLES samples per CPU, then over all of them.
 *
 * Output:
 *   timer: GICv3, frequency 62500000 Hz, period 1000 us, 100 samples per CPU
 *   timer: CPU 1: samples 100 min 0 avg 0 max 1 ticks
 *   timer: CPU 0: samples 100 min 0 avg 0 max 1 ticks
 *   timer: samples 200 min 0 avg 0 max 1 ticks on 2 CPUs
 */
#include "rt.h"

#ifndef TIMER_SAMPLES
#define TIMER_SAMPLES		100
#endif
#ifndef TIMER_PERIOD_US
#define TIMER_PERIOD_US		1000
#endif

struct timer_stats {
	u64 deadline;
	volatile unsigned int samples;
	volatile unsigned int unexpected;
	u64 min, max, sum;
};

static struct timer_stats stats[JH_RT_MAX_CPUS];
static u64 period;

static void on_irq(u32 intid, u64 entry_ticks)
{
	struct timer_stats *st = &stats[cpu_index()];
	u64 latency;

	if (intid != TIMER_VIRT_INTID) {
		st->unexpected++;
		return;
	}
	latency = entry_ticks - st->deadline;
	if (latency < st->min)
		st->min = latency;
	if (latency > st->max)
		st->max = latency;
	st->sum += latency;
	st->samples++;
	if (st->samples < TIMER_SAMPLES) {
		st->deadline += period;
		timer_set_deadline(st->deadline);
	} else {
		timer_stop();
	}
}

/* Measure on the calling CPU. */
static void measure(unsigned int cpu)
{
	struct timer_stats *st = &stats[cpu];
	u64 wait_end;

	st->min = ~0ull;
	gic_enable_irq(TIMER_VIRT_INTID);
	st->deadline = timer_now() + period;
	timer_set_deadline(st->deadline);
	irq_enable();

	/* Generous bound: twice the expected run time. */
	wait_end = timer_now() + 2 * period * (TIMER_SAMPLES + 1);
	while (st->samples < TIMER_SAMPLES && timer_now() < wait_end) {
		wfi();
		if (cpu == 0)
			comm_poll_message(true);
	}
	irq_disable();
	timer_stop();
	gic_disable_irq(TIMER_VIRT_INTID);

	if (st->samples < TIMER_SAMPLES)
		printf("timer: CPU %u: FAILED: only %u of %u interrupts arrived\n",
		       cpu_hw_number(), st->samples, TIMER_SAMPLES);
	else
		printf("timer: CPU %u: samples %u min %llu avg %llu max %llu ticks\n",
		       cpu_hw_number(), st->samples,
		       (unsigned long long)st->min,
		       (unsigned long long)(st->sum / st->samples),
		       (unsigned long long)st->max);
	if (st->unexpected)
		printf("timer: CPU %u: %u unexpected interrupts\n",
		       cpu_hw_number(), st->unexpected);
}

int inmate_main(void)
{
	u64 min = ~0ull, max = 0, sum = 0;
	unsigned int samples = 0, cpus, i;
	bool ok = true;

	period = timer_us_to_ticks(TIMER_PERIOD_US);
	printf("timer: GICv%u, frequency %llu Hz, period %u us, %u samples per CPU\n",
	       gic_version(), (unsigned long long)timer_frequency(),
	       TIMER_PERIOD_US, TIMER_SAMPLES);
	irq_set_handler(on_irq);

	cpus = cpus_start(measure);
	measure(0);
	cpus_wait_off();

	for (i = 0; i < JH_RT_MAX_CPUS; i++) {
		struct timer_stats *st = &stats[i];

		if (i && percpu[i].state != CPU_OFF)
			continue;
		if (st->samples < TIMER_SAMPLES || st->unexpected)
			ok = false;
		samples += st->samples;
		sum += st->sum;
		if (st->samples && st->min < min)
			min = st->min;
		if (st->max > max)
			max = st->max;
	}
	if (!samples) {
		printf("timer: FAILED: no interrupts\n");
		return 1;
	}
	printf("timer: samples %u min %llu avg %llu max %llu ticks on %u CPUs\n",
	       samples, (unsigned long long)min,
	       (unsigned long long)(sum / samples), (unsigned long long)max,
	       cpus);
	return ok ? 0 : 1;
}
