// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench in the root cell (the build linked at 0x40000000, bench-root):
 * the other side of the cell-start figure. It waits, asleep in WFI so
 * that the cell's instruction counts stay undisturbed, until the cell
 * 'bench' (id 1) has measured everything and shut down, then starts it
 * again with the cell-start hypercall BENCH_ROOT_STARTS times. Each time
 * it prints the counter just before the call; the cell prints the
 * counter of its first instruction (bench_cell_entry) and shuts down
 * again. tests/system/perf/run-perf.py pairs the two lines: ticks from
 * the root's call to the cell's first instruction, across CPUs.
 */
#include "bench.h"

#define BENCH_CELL_ID		1
#define BENCH_ROOT_STARTS	5
/* Poll the cell's state this often (virtual time); at most 10 s. */
#define POLL_US			2000
#define POLL_MAX		5000

extern char __image_start[];

bool bench_is_root(void)
{
	return !rt_env.standalone &&
	       (unsigned long)__image_start == BENCH_ROOT_LINK_BASE;
}

static volatile bool woken;

static void wake_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid == TIMER_VIRT_INTID) {
		timer_stop();
		woken = true;
	}
}

/* Sleep in WFI (not spinning: the cell's counts see no root work). */
static void nap(void)
{
	u64 before;

	irq_disable();
	woken = false;
	timer_set_deadline(timer_now() + timer_us_to_ticks(POLL_US));
	while (!woken)
		bench_wait_irq(&before);
	irq_enable();
}

static bool wait_shut_down(void)
{
	for (unsigned int n = 0; n < POLL_MAX; n++) {
		s64 st = jh_hc_cell_get_state(BENCH_CELL_ID);

		if (st == JH_CELL_SHUT_DOWN)
			return true;
		if (st < 0 || st == JH_CELL_FAILED) {
			printf("bench: root: FAIL: cell %u in state %lld\n",
			       BENCH_CELL_ID, (long long)st);
			return false;
		}
		nap();
	}
	printf("bench: root: FAIL: cell %u never shut down\n", BENCH_CELL_ID);
	return false;
}

int bench_root_main(void)
{
	write_sysreg(vbar_el1, (unsigned long)bench_vectors);
	isb();
	irq_set_handler(wake_irq);
	gic_enable_irq(TIMER_VIRT_INTID);
	printf("bench: root: waiting for cell %u\n", BENCH_CELL_ID);
	for (unsigned int i = 0; i < BENCH_ROOT_STARTS; i++) {
		u64 t0;
		s64 ret;

		if (!wait_shut_down())
			return 1;
		t0 = timer_now();
		ret = jh_hc_cell_start(BENCH_CELL_ID);
		if (ret) {
			printf("bench: root: FAIL: cell start: %lld\n",
			       (long long)ret);
			return 1;
		}
		printf("bench: root: cell start called at tick %llu\n",
		       (unsigned long long)t0);
	}
	if (!wait_shut_down())
		return 1;
	printf("bench: root: done, %u starts\n", BENCH_ROOT_STARTS);
	return 0;
}
