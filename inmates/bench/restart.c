// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: cell start, from the cell's own PSCI SYSTEM_RESET to the first
 * instruction of the cell at its reset address (bench_cell_entry). The
 * hypervisor's start path runs between the two: the cell's interrupts
 * and CPU state are reset and the CPU enters the cell again. The calling
 * CPU is the one that restarts, and nothing resets its PMU, so the
 * instruction count is exact; the image is not reloaded, so what is in
 * .data survives (the runtime clears only BSS).
 *
 * A cell of this inmate runs several times: the first measures every
 * other path and restarts; each later run adds a sample and restarts
 * again, the last prints the figure.
 */
#include "bench.h"

#define __data			__attribute__((section(".data")))

/* Written by bench_cell_entry (entry.S) with the MMU off. */
struct entry_stamp {
	u64 ticks, insn;
	u64 entered;		/* 1: entered through bench_cell_entry */
};
struct entry_stamp bench_entry_stamp __data __aligned(64);

static struct {
	u64 armed, left;
	/* every figure printed: a later start is the root's (root.c) */
	u64 completed;
	u64 t0, i0;		/* just before the SYSTEM_RESET call */
	u64 printed;
	unsigned int n;
	u64 insn[BENCH_RESTART_SAMPLES], ticks[BENCH_RESTART_SAMPLES];
} state __data __aligned(64);

/* To the point of coherency: written with caches on, read with them off. */
static void clean(const void *p, unsigned long size)
{
	for (unsigned long a = (unsigned long)p & ~63UL;
	     a < (unsigned long)p + size; a += 64)
		__asm__ volatile("dc civac, %0" : : "r"(a) : "memory");
	dsb(sy);
}

static void __noreturn call_system_reset(void)
{
	/* A register variable is only x0 if nothing is called before. */
	register u64 x0 __asm__("x0") = PSCI_SYSTEM_RESET;

	__asm__ volatile("smc #0" : "+r"(x0) : : "x1", "x2", "x3", "memory");
	printf("bench: FAIL: SYSTEM_RESET returned %lld\n", (long long)x0);
	rt_exit(1);
}

static void __noreturn restart(void)
{
	clean(&bench_entry_stamp, sizeof(bench_entry_stamp));
	state.armed = 1;
	state.t0 = timer_now();
	state.i0 = pmu_instructions();
	clean(&state, sizeof(state));
	call_system_reset();
}

bool bench_restart_resume(void)
{
	static struct series s;

	if (!state.armed)
		return false;
	state.insn[state.n] = bench_entry_stamp.insn - state.i0;
	state.ticks[state.n] = bench_entry_stamp.ticks - state.t0;
	state.n++;
	if (state.n < BENCH_RESTART_SAMPLES)
		restart();
	state.armed = 0;
	state.completed = 1;
	clean(&state, sizeof(state));
	bench_have_pmu = !pmu_init();
	series_start(&s, "cell-start", true, true);
	for (unsigned int i = 0; i < state.n; i++)
		series_add(&s, state.insn[i], state.ticks[i]);
	bench_printed = state.printed;
	series_print(&s);
	printf("bench: done, %u paths\n", bench_printed);
	return true;
}

bool bench_started_by_root(void)
{
	if (!state.completed || !bench_entry_stamp.entered)
		return false;
	printf("bench: started by the root: first instruction at tick %llu\n",
	       (unsigned long long)bench_entry_stamp.ticks);
	return true;
}

void bench_restart_begin(void)
{
	if (!bench_entry_stamp.entered) {
		bench_not_applicable("cell-start",
				     "not entered through bench_cell_entry");
		return;
	}
	state.n = 0;
	state.printed = bench_printed;
	restart();
}
