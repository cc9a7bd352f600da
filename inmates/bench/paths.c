// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: the paths one CPU measures on its own. Each sample brackets one
 * operation with the counters; the cost of the bracket itself (measured
 * around nothing, its minimum) is subtracted.
 */
#include "bench.h"

/* GICD_TYPER (read-only, same offset on v2 and v3), GICD_IPRIORITYR. */
#define GICD_TYPER		0x004
#define GICD_IPRIORITYR		0x400
/*
 * Bare QEMU virt's PCIe ECAM (high memory map), function 00:00.0: a
 * register of a device QEMU emulates, the baseline of the emulated
 * accesses. Our stage-1 identity map covers it (39 bits).
 */
#define BARE_ECAM		0x4010000000UL
/* SPI whose priority is written when the cell has no ivshmem INTx. */
#define BENCH_SPI_DEFAULT	141
/* Timer deadline this far ahead: well after the CPU is in WFI. */
#define TIMER_AHEAD_TICKS	200

u64 bench_bracket_insn, bench_bracket_ticks;

static inline u64 ticks_now(void)
{
	u64 v;

	__asm__ volatile("isb\n\tmrs %0, cntvct_el0" : "=r"(v) : : "memory");
	return v;
}

static inline u64 sub_floor(u64 a, u64 b)
{
	return a > b ? a - b : 0;
}

/* One sample of OP into series S; the bracket cost is removed. */
#define SAMPLE(s, op) do {						\
	u64 _t0 = ticks_now(), _i0 = pmu_instructions();		\
	op;								\
	u64 _i1 = pmu_instructions(), _t1 = ticks_now();		\
	series_add((s), sub_floor(_i1 - _i0, bench_bracket_insn),	\
		   sub_floor(_t1 - _t0, bench_bracket_ticks));		\
} while (0)

static void calibrate(void)
{
	static struct series s;

	bench_bracket_insn = bench_bracket_ticks = 0;
	series_start(&s, "bracket", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++)
		SAMPLE(&s, __asm__ volatile("" : : : "memory"));
	bench_bracket_insn = bench_bracket_ticks = ~0ULL;
	for (unsigned int i = 0; i < s.n; i++) {
		if (s.insn[i] < bench_bracket_insn)
			bench_bracket_insn = s.insn[i];
		if (s.ticks[i] < bench_bracket_ticks)
			bench_bracket_ticks = s.ticks[i];
	}
}

/* Bare QEMU answers PSCI on hvc itself: the nearest thing to a call. */
static inline void bare_hvc_psci_version(void)
{
	register u64 x0 __asm__("x0") = PSCI_VERSION;

	__asm__ volatile("hvc #0" : "+r"(x0) : : "x1", "x2", "x3",
			 "memory");
}

static struct series s;

static void hypercall(void)
{
	series_start(&s, "hypercall", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		if (rt_env.standalone)
			SAMPLE(&s, bare_hvc_psci_version());
		else
			SAMPLE(&s, jh_hypercall_raw(JH_HC_HYPERVISOR_GET_INFO,
						    JH_INFO_NUM_CELLS, 0));
	}
	series_print(&s);
}

static void psci(void)
{
	series_start(&s, "psci-version", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++)
		SAMPLE(&s, psci_call(PSCI_VERSION, 0, 0, 0));
	series_print(&s);
}

static void gicd(void)
{
	unsigned long typer = gic_info.gicd + GICD_TYPER;
	u32 spi = bench_have_ivshmem ? bench_ivshmem.intid : BENCH_SPI_DEFAULT;
	unsigned long prio = gic_info.gicd + GICD_IPRIORITYR + (spi & ~3u);
	u32 val = mmio_read32(prio);

	series_start(&s, "gicd-read", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++)
		SAMPLE(&s, mmio_read32(typer));
	series_print(&s);

	/* Writes back what it read: a read-modify-write under the lock. */
	series_start(&s, "gicd-write", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++)
		SAMPLE(&s, mmio_write32(prio, val));
	series_print(&s);
}

static void device_read(const char *name, unsigned long addr)
{
	series_start(&s, name, true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++)
		SAMPLE(&s, mmio_read32(addr));
	series_print(&s);
}

static void emulated_mmio(void)
{
	if (rt_env.standalone) {
		/* No emulation on bare QEMU: a device register read. */
		device_read("vpci-config-read", BARE_ECAM);
		device_read("ivshmem-reg-read", BARE_ECAM);
		return;
	}
	if (!bench_have_ivshmem) {
		bench_not_applicable("vpci-config-read", "no ivshmem device");
		bench_not_applicable("ivshmem-reg-read", "no ivshmem device");
		return;
	}
	device_read("vpci-config-read", bench_ivshmem.cfg);
	device_read("ivshmem-reg-read", bench_ivshmem.regs + IVSHMEM_REG_ID);
}

void bench_single_cpu_paths(void)
{
	calibrate();
	printf("bench: bracket: %llu instructions, %llu ticks (subtracted)\n",
	       (unsigned long long)bench_bracket_insn,
	       (unsigned long long)bench_bracket_ticks);
	hypercall();
	psci();
	gicd();
	emulated_mmio();
}

/*
 * Timer: from the deadline to the first instruction of the handler. The
 * CPU waits in WFI, so under -icount the clock jumps to the deadline and
 * every instruction counted after the WFI is on the way to the handler
 * (the WFI, the unmask and the vector's first instruction included).
 */
static volatile u32 timer_fired;

static void timer_irq(u32 intid, u64 entry_ticks)
{
	(void)entry_ticks;
	if (intid == TIMER_VIRT_INTID) {
		timer_stop();
		timer_fired = 1;
	}
}

void bench_timer(void)
{
	struct irq_stamp *st = &bench_irq_stamp[0];

	irq_set_handler(timer_irq);
	gic_enable_irq(TIMER_VIRT_INTID);
	series_start(&s, "timer-latency", true, true);
	for (unsigned int i = 0; i < BENCH_SAMPLES; i++) {
		u64 before, deadline;

		irq_disable();
		timer_fired = 0;
		deadline = ticks_now() + TIMER_AHEAD_TICKS;
		timer_set_deadline(deadline);
		while (!timer_fired)
			bench_wait_irq(&before);
		series_add(&s, st->insn - before,
			   sub_floor(st->ticks, deadline));
	}
	irq_enable();
	gic_disable_irq(TIMER_VIRT_INTID);
	irq_set_handler(NULL);
	series_print(&s);
}
