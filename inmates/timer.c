// SPDX-License-Identifier: GPL-2.0-only
/*
 * timer: periodic virtual-timer interrupts through the GIC; measures the
 * latency from the programmed deadline (CNTV_CVAL) to the first
 * instruction of the exception handler, in counter ticks, and prints
 * min/avg/max over TIMER_SAMPLES samples.
 *
 * Output:
 *   timer: GICv3, frequency 62500000 Hz, period 1000 us, 100 samples
 *   timer: samples 100 min 0 avg 0 max 1 ticks
 */
#include "rt.h"

#ifndef TIMER_SAMPLES
#define TIMER_SAMPLES		100
#endif
#ifndef TIMER_PERIOD_US
#define TIMER_PERIOD_US		1000
#endif

static u64 period, deadline;
static volatile unsigned int samples;
static u64 lat_min = ~0ull, lat_max, lat_sum;
static volatile unsigned int unexpected;

static void on_irq(u32 intid, u64 entry_ticks)
{
	u64 latency;

	if (intid != TIMER_VIRT_INTID) {
		unexpected++;
		return;
	}
	latency = entry_ticks - deadline;
	if (latency < lat_min)
		lat_min = latency;
	if (latency > lat_max)
		lat_max = latency;
	lat_sum += latency;
	samples++;
	if (samples < TIMER_SAMPLES) {
		deadline += period;
		timer_set_deadline(deadline);
	} else {
		timer_stop();
	}
}

int inmate_main(void)
{
	u64 wait_end;

	period = timer_us_to_ticks(TIMER_PERIOD_US);
	printf("timer: GICv%u, frequency %llu Hz, period %u us, %u samples\n",
	       gic_version(), (unsigned long long)timer_frequency(),
	       TIMER_PERIOD_US, TIMER_SAMPLES);

	irq_set_handler(on_irq);
	gic_enable_irq(TIMER_VIRT_INTID);
	deadline = timer_now() + period;
	timer_set_deadline(deadline);
	irq_enable();

	/* Generous bound: twice the expected run time. */
	wait_end = timer_now() + 2 * period * (TIMER_SAMPLES + 1);
	while (samples < TIMER_SAMPLES && timer_now() < wait_end) {
		wfi();
		comm_poll_message(true);
	}
	irq_disable();
	timer_stop();
	gic_disable_irq(TIMER_VIRT_INTID);

	if (unexpected)
		printf("timer: %u unexpected interrupts\n", unexpected);
	if (samples < TIMER_SAMPLES) {
		printf("timer: FAILED: only %u of %u interrupts arrived\n",
		       samples, TIMER_SAMPLES);
		return 1;
	}
	printf("timer: samples %u min %llu avg %llu max %llu ticks\n",
	       samples, (unsigned long long)lat_min,
	       (unsigned long long)(lat_sum / samples),
	       (unsigned long long)lat_max);
	return unexpected ? 1 : 0;
}
