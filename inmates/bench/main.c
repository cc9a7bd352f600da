// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: the cost of every path a hypervisor puts between a real-time
 * cell and the machine, in retired instructions (PMU event 0x08, EL2
 * included) and in virtual counter ticks, as minimum, median and maximum
 * over many samples. The same binary runs in a cell and on bare QEMU at
 * EL1; tests/system/perf puts the two side by side (doc/performance.md).
 *
 * Output, one line per path (insn or ticks "-" when that path cannot be
 * counted that way; "n/a" with the reason when it does not exist here):
 *   bench: hypercall: 101 samples, insn 98 98 98, ticks 6 6 7
 *   bench: cpu-on-latency: 11 samples, insn - - -, ticks 2104 2104 2130
 *   bench: cell-start: n/a (no hypervisor)
 *   bench: done, 14 paths
 */
#include "bench.h"

bool bench_have_pmu;
struct irq_stamp bench_irq_stamp[JH_RT_MAX_CPUS];
struct ivshmem_dev bench_ivshmem;
bool bench_have_ivshmem;

unsigned int bench_printed;

void series_start(struct series *s, const char *name, bool insn, bool ticks)
{
	s->name = name;
	s->n = 0;
	s->has_insn = insn && bench_have_pmu;
	s->has_ticks = ticks;
}

void series_add(struct series *s, u64 insn, u64 ticks)
{
	if (s->n >= BENCH_SAMPLES)
		return;
	s->insn[s->n] = insn;
	s->ticks[s->n] = ticks;
	s->n++;
}

static void sort(u64 *v, unsigned int n)
{
	for (unsigned int i = 1; i < n; i++) {
		u64 x = v[i];
		unsigned int j = i;

		for (; j > 0 && v[j - 1] > x; j--)
			v[j] = v[j - 1];
		v[j] = x;
	}
}

static void print_stats(const char *what, bool have, u64 *v, unsigned int n)
{
	if (!have || n == 0) {
		printf(", %s - - -", what);
		return;
	}
	sort(v, n);
	printf(", %s %llu %llu %llu", what, (unsigned long long)v[0],
	       (unsigned long long)v[n / 2], (unsigned long long)v[n - 1]);
}

void series_print(struct series *s)
{
	bench_printed++;
	printf("bench: %s: %u samples", s->name, s->n);
	print_stats("insn", s->has_insn, s->insn, s->n);
	print_stats("ticks", s->has_ticks, s->ticks, s->n);
	printf("\n");
}

void bench_not_applicable(const char *name, const char *why)
{
	bench_printed++;
	printf("bench: %s: n/a (%s)\n", name, why);
}

void bench_cpu_setup(void)
{
	write_sysreg(vbar_el1, (unsigned long)bench_vectors);
	isb();
	if (bench_have_pmu)
		pmu_init();
}

int inmate_main(void)
{
	const char *why;

	if (bench_is_root())
		return bench_root_main();
	if (bench_started_by_root() || bench_restart_resume())
		return 0;

	why = pmu_init();
	bench_have_pmu = !why;
	bench_cpu_setup();
	bench_have_ivshmem = !rt_env.standalone &&
			     ivshmem_find(&bench_ivshmem, 0, 0) == 0;
	printf("bench: %s, GICv%u, PMU %s%s, counter %llu Hz\n",
	       rt_env.standalone ? "bare metal" : "in a cell", gic_version(),
	       why ? "unusable: " : "counts instructions (event 0x08)",
	       why ? why : "", (unsigned long long)timer_frequency());

	bench_single_cpu_paths();
	bench_timer();
	bench_smp_paths();
	if (rt_env.standalone)
		bench_not_applicable("cell-start", "no hypervisor");
	else
		bench_restart_begin();	/* returns only if it cannot */
	printf("bench: done, %u paths\n", bench_printed);
	return 0;
}
