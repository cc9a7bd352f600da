// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: paths between two CPUs of the inmate. CPU 1 is started with
 * the runtime's cpus_start().
 *
 * Under QEMU -icount the PMU's instruction event follows QEMU's global
 * instruction count: a CPU's counter also advances while another CPU
 * runs. Exact per-path figures therefore need every other CPU halted
 * (WFI); the single-CPU paths have that. Here:
 *
 * - ipi-latency: ticks of the global virtual counter (one tick is 16
 *   instructions of whichever CPU QEMU runs) from just before CPU 0
 *   sends an SGI to the first instruction of CPU 1's handler, CPU 1
 *   waiting in WFI.
 * - ipi-roundtrip: CPU 1 answers with an SGI back to CPU 0, which waits
 *   in WFI. Instructions (and ticks) from before the first send to the
 *   first instruction of CPU 0's handler, minus what CPU 1 did between
 *   its handler's first instruction and its reply: both sends and both
 *   wake-ups, every instruction counted once as only one CPU is awake
 *   at a time. Each difference is taken on one CPU's own counter.
 * - cpu-on-latency: CPU 0 powers CPU 1 on with PSCI CPU_ON (after it
 *   turned itself off): ticks from before the call to the first
 *   instruction of the new CPU (bench_cpu_on_entry), whose PMU is not
 *   yet counting.
 */
#include "bench.h"

#define ROLE_RECEIVER		0
#define ROLE_RETURN		1
/* Ticks CPU 0 waits after "ready" so that CPU 1 reaches its WFI. */
#define SETTLE_TICKS		32
/* How long CPU 0 waits for CPU 1 at most: 1 s. */
#define WAIT_TICKS		62500000ULL

u64 bench_cpu_on_stamp __aligned(64);

static volatile u32 role;
static volatile u32 ipi_ready, ipi_done, ipi_seen[2];
/* CPU 1: its handler's first tick; time from there to its reply. */
static u64 rx_ticks[BENCH_SAMPLES];
static u64 rx_insn_held[BENCH_SAMPLES], rx_ticks_held[BENCH_SAMPLES];
static struct series s;

static inline u64 ticks_now(void)
{
	u64 v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static void ipi_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid == BENCH_SGI)
		ipi_seen[cpu_index() & 1] = 1;
}

static void ipi_receiver(void)
{
	struct irq_stamp *st = &bench_irq_stamp[cpu_index()];

	gic_enable_irq(BENCH_SGI);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		u64 before = 0, reply_insn, reply_ticks;

		irq_disable();
		ipi_seen[1] = 0;
		dsb(sy);
		WRITE_ONCE(ipi_ready, i + 1);
		sev();
		while (!ipi_seen[1])
			bench_wait_irq(&before);
		reply_ticks = ticks_now();
		reply_insn = pmu_instructions();
		gic_send_sgi(BENCH_SGI, percpu[0].mpidr);
		rx_ticks[i] = st->ticks;
		rx_insn_held[i] = reply_insn - st->insn;
		rx_ticks_held[i] = reply_ticks - st->ticks;
		dsb(sy);
		WRITE_ONCE(ipi_done, i + 1);
	}
	irq_enable();
}

static void secondary(unsigned int cpu)
{
	(void)cpu;
	if (role != ROLE_RECEIVER)
		return;		/* CPU_ON samples: just turn off */
	bench_cpu_setup();
	ipi_receiver();
}

/* Wait until *v == want, at most WAIT_TICKS; false on timeout. */
static bool wait_for(volatile u32 *v, u32 want)
{
	u64 end = ticks_now() + WAIT_TICKS;

	while (READ_ONCE(*v) != want) {
		if (ticks_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static void ipi(u64 target)
{
	static struct series lat;
	struct irq_stamp *st = &bench_irq_stamp[0];
	unsigned int n = 0;

	gic_enable_irq(BENCH_SGI);
	series_start(&s, "ipi-roundtrip", true, true);
	series_start(&lat, "ipi-latency", false, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++, n++) {
		u64 t0, i0, before;

		if (!wait_for(&ipi_ready, i + 1))
			break;
		timer_delay_ticks(SETTLE_TICKS);
		irq_disable();
		ipi_seen[0] = 0;
		t0 = ticks_now();
		i0 = pmu_instructions();
		gic_send_sgi(BENCH_SGI, target);
		while (!ipi_seen[0])
			bench_wait_irq(&before);
		if (!wait_for(&ipi_done, i + 1))
			break;
		series_add(&s, st->insn - i0 - rx_insn_held[i],
			   st->ticks - t0 - rx_ticks_held[i]);
		series_add(&lat, 0, rx_ticks[i] - t0);
	}
	irq_enable();
	gic_disable_irq(BENCH_SGI);
	if (n != BENCH_SAMPLES) {
		printf("bench: FAIL: no SGI answer from CPU 1 (sample %u)\n",
		       n);
		return;
	}
	series_print(&lat);
	series_print(&s);
}

static bool wait_cpu_off(u64 mpidr)
{
	u64 end = ticks_now() + WAIT_TICKS;

	while (READ_ONCE(percpu[1].state) != CPU_OFF ||
	       psci_call(PSCI_AFFINITY_INFO, mpidr, 0, 0) != 1) {
		if (ticks_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

/* CPU 1 reported in (it may already be off again). */
static bool wait_started(void)
{
	u64 end = ticks_now() + WAIT_TICKS;

	while (READ_ONCE(percpu[1].state) == CPU_STARTING) {
		if (ticks_now() > end)
			return false;
		cpu_relax();
	}
	return true;
}

static void flush_stamp(void)
{
	__asm__ volatile("dc civac, %0\n\tdsb sy" : :
			 "r"(&bench_cpu_on_stamp) : "memory");
}

static void cpu_on(u64 target)
{
	static struct series lat;

	role = ROLE_RETURN;
	series_start(&lat, "cpu-on-latency", false, true);
	for (unsigned int i = 0; i < BENCH_CPU_ON_SAMPLES; i++) {
		u64 t0;
		s64 ret;

		if (!wait_cpu_off(target)) {
			printf("bench: FAIL: CPU 1 did not turn off\n");
			return;
		}
		bench_cpu_on_stamp = 0;
		flush_stamp();
		percpu[1].state = CPU_STARTING;
		dsb(sy);
		t0 = ticks_now();
		ret = psci_cpu_on(target, (unsigned long)bench_cpu_on_entry,
				  1);
		if (ret != PSCI_SUCCESS) {
			printf("bench: FAIL: CPU_ON: %s\n",
			       psci_error_name(ret));
			return;
		}
		if (!wait_started()) {
			printf("bench: FAIL: CPU 1 did not come up\n");
			return;
		}
		flush_stamp();
		series_add(&lat, 0, bench_cpu_on_stamp - t0);
	}
	series_print(&lat);
}

void bench_smp_paths(void)
{
	u64 target;

	role = ROLE_RECEIVER;
	irq_set_handler(ipi_irq);
	if (cpus_start(secondary) < 2) {
		const char *why = "one CPU";

		bench_not_applicable("ipi-latency", why);
		bench_not_applicable("ipi-roundtrip", why);
		bench_not_applicable("cpu-on-latency", why);
		return;
	}
	target = percpu[1].mpidr;
	ipi(target);
	cpu_on(target);
	irq_set_handler(NULL);
}
