// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: cost of the operations a hypervisor makes expensive, measured
 * from inside the cell with the virtual counter over BENCH_ROUNDS
 * repetitions each: an empty loop (baseline), a GIC distributor register
 * read (trapped and emulated under the hypervisor), PSCI_VERSION (a
 * trapped SMC in a cell; QEMU's own PSCI standalone), and in a cell the
 * get-info hypercall.
 *
 * Output, in counter ticks per 1000 operations, baseline included (under
 * QEMU -icount shift=0 one tick is 16 instructions):
 *   bench: loop: 1000 ops, 63 ticks/1000
 *   bench: gicd-read: 1000 ops, 125 ticks/1000
 *   bench: psci-version: 1000 ops, 188 ticks/1000
 *   bench: hypercall-get-info: 1000 ops, 9000 ticks/1000
 *   bench: 4 measurements
 */
#include "rt.h"

#ifndef BENCH_ROUNDS
#define BENCH_ROUNDS		1000
#endif

/* GICD_TYPER: read-only, side-effect free, same offset on v2 and v3. */
#define GICD_TYPER		0x4

static unsigned int measurements;

static void report(const char *what, u64 ticks)
{
	measurements++;
	printf("bench: %s: %u ops, %llu ticks/1000\n", what, BENCH_ROUNDS,
	       (unsigned long long)(ticks * 1000 / BENCH_ROUNDS));
}

static u64 bench_loop(void)
{
	u64 t0 = timer_now();

	for (unsigned int i = 0; i < BENCH_ROUNDS; i++)
		__asm__ volatile("" : : : "memory");
	return timer_now() - t0;
}

static u64 bench_gicd_read(void)
{
	unsigned long reg = gic_info.gicd + GICD_TYPER;
	u64 t0 = timer_now();

	for (unsigned int i = 0; i < BENCH_ROUNDS; i++)
		mmio_read32(reg);
	return timer_now() - t0;
}

static u64 bench_psci_version(void)
{
	u64 t0 = timer_now();

	for (unsigned int i = 0; i < BENCH_ROUNDS; i++)
		psci_version();
	return timer_now() - t0;
}

static u64 bench_hypercall(void)
{
	u64 t0 = timer_now();

	for (unsigned int i = 0; i < BENCH_ROUNDS; i++)
		jh_hc_hypervisor_get_info(JH_INFO_NUM_CELLS);
	return timer_now() - t0;
}

int inmate_main(void)
{
	report("loop", bench_loop());
	report("gicd-read", bench_gicd_read());
	report("psci-version", bench_psci_version());
	if (!rt_env.standalone)
		report("hypercall-get-info", bench_hypercall());
	printf("bench: %u measurements\n", measurements);
	return 0;
}
