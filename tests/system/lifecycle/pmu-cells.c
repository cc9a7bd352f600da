// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMU isolation between cells (test lifecycle-pmu-*): ROLE_PMU_DIRTY
 * leaves a recognisable PMU state behind on its CPU (counter 0 and the
 * cycle counter counting, an event type, a filter, an overflow interrupt
 * enabled, an overflow flag set, EL0 access), restarts itself once (PSCI
 * SYSTEM_RESET: same cell, same CPU, the PMU must be kept) and shuts
 * down; ROLE_PMU_CHECK, a later cell on the same CPU, prints what it
 * finds, one PASS/FAIL line per register, before touching anything.
 */
#include "guest.h"

#define PMCR_E		(1ul << 0)
#define PMCR_P		(1ul << 1)
#define PMCR_C		(1ul << 2)
#define PMCR_N(v)	(((v) >> 11) & 0x1f)
#define PMU_CYCLES	(1ul << 31)
#define DIRTY_EVENT	0x11ul			/* CPU_CYCLES */
#define DIRTY_FILTER	(1ul << 27)		/* NSH */

#define rd(reg) ({ u64 v_; asm volatile("mrs %0, " #reg : "=r"(v_)); v_; })
#define wr(reg, v) asm volatile("msr " #reg ", %0" : : "r"((u64)(v)))

static int pmu_present(void)
{
	u64 ver = (rd(id_aa64dfr0_el1) >> 8) & 0xf;

	return ver != 0 && ver != 0xf;
}

#if defined(ROLE_PMU_DIRTY)
#define PSCI_SYSTEM_RESET	0x84000009ul

/* .data: the image is not reloaded when the cell restarts */
static volatile int restarted = 0x5a;

/* After the restart: the cell's own PMU state is still there. */
static void __attribute__((noreturn)) check_kept(void)
{
	u64 en = rd(pmcntenset_el0), type;

	wr(pmselr_el0, 0);
	asm volatile("isb");
	type = rd(pmxevtyper_el0);
	puts(en == (1ul | PMU_CYCLES) && type == (DIRTY_FILTER | DIRTY_EVENT) &&
	     rd(pmevcntr0_el0) ? "pmu: PASS" : "pmu: FAIL");
	puts(": kept across the cell's own restart: enabled ");
	puthex(en);
	puts(", type ");
	puthex(type);
	puts("\n");
	/* shut down with the counters still counting */
	system_off();
}

void guest_main(void)
{
	unsigned int n;

	if (restarted != 0x5a)
		check_kept();
	restarted = 1;

	if (!pmu_present()) {
		puts("pmu: FAIL: no PMUv3\n");
		system_off();
	}
	n = PMCR_N(rd(pmcr_el0));
	wr(pmselr_el0, 0);
	asm volatile("isb");
	wr(pmxevtyper_el0, DIRTY_FILTER | DIRTY_EVENT);
	wr(pmccfiltr_el0, DIRTY_FILTER);
	wr(pmcr_el0, PMCR_E | PMCR_P | PMCR_C);
	wr(pmintenset_el1, 1ul | PMU_CYCLES);
	wr(pmcntenset_el0, 1ul | PMU_CYCLES);
	/* an overflow flag as a counter left running would raise it */
	wr(pmovsset_el0, 1ul);
	wr(pmselr_el0, n > 1 ? 1 : 0);
	wr(pmuserenr_el0, 1);
	asm volatile("isb");
	relax();
	puts("pmu: dirty: counter 0 = ");
	puthex(rd(pmevcntr0_el0));
	puts(", enabled ");
	puthex(rd(pmcntenset_el0));
	puts(", counters ");
	putdec(n);
	puts("\n");
	smc(PSCI_SYSTEM_RESET, 0, 0, 0);
	puts("pmu: FAIL: SYSTEM_RESET returned\n");
	system_off();
}
#elif defined(ROLE_PMU_CHECK)
static unsigned int failures;

static void expect(const char *what, u64 got, u64 want)
{
	puts(got == want ? "pmu: PASS: " : "pmu: FAIL: ");
	puts(what);
	puts(" = ");
	puthex(got);
	if (got != want) {
		puts(", want ");
		puthex(want);
		failures++;
	}
	puts("\n");
}

void guest_main(void)
{
	unsigned int n, i;
	u64 pmcr;

	if (!pmu_present()) {
		puts("pmu: FAIL: no PMUv3\n");
		system_off();
	}
	/* read everything before anything here can count */
	pmcr = rd(pmcr_el0);
	n = PMCR_N(pmcr);
	expect("PMCR_EL0.E", pmcr & PMCR_E, 0);
	expect("PMCNTENSET_EL0", rd(pmcntenset_el0), 0);
	expect("PMINTENSET_EL1", rd(pmintenset_el1), 0);
	expect("PMOVSSET_EL0", rd(pmovsset_el0), 0);
	expect("PMUSERENR_EL0", rd(pmuserenr_el0), 0);
	expect("PMSELR_EL0", rd(pmselr_el0), 0);
	expect("PMCCFILTR_EL0", rd(pmccfiltr_el0), 0);
	expect("PMCCNTR_EL0", rd(pmccntr_el0), 0);
	for (i = 0; i < n; i++) {
		wr(pmselr_el0, i);
		asm volatile("isb");
		expect(i ? "PMEVTYPER(n>0)" : "PMEVTYPER0_EL0",
		       rd(pmxevtyper_el0), 0);
		expect(i ? "PMEVCNTR(n>0)" : "PMEVCNTR0_EL0",
		       rd(pmxevcntr_el0), 0);
	}
	wr(pmselr_el0, 0);
	puts(failures ? "pmu: FAIL: " : "pmu: PASS: ");
	putdec(failures);
	puts(" registers not reset\n");
	system_off();
}
#else
#error no ROLE_ given
#endif
