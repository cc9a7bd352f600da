// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * PMU event counter 0 counting retired instructions (see pmu.h).
 */
#include "rt.h"

/* PMCR_EL0 */
#define PMCR_E			BIT(0)	/* enable the counters */
#define PMCR_P			BIT(1)	/* reset event counters */
#define PMCR_N_SHIFT		11
#define PMCR_N_MASK		0x1f
/* PMEVTYPER<n>_EL0: filter bits; all zero but NSH = count everywhere. */
#define PMEVTYPER_NSH		BIT(27)
/* ID_AA64DFR0_EL1.PMUVer: 0 none, 0xf IMPLEMENTATION DEFINED */
#define DFR0_PMUVER_SHIFT	8

const char *pmu_init(void)
{
	u64 ver = (read_sysreg(id_aa64dfr0_el1) >> DFR0_PMUVER_SHIFT) & 0xf;
	u64 pmcr;

	if (ver == 0 || ver == 0xf)
		return "no PMUv3";
	pmcr = read_sysreg(pmcr_el0);
	if (((pmcr >> PMCR_N_SHIFT) & PMCR_N_MASK) == 0)
		return "the PMU has no event counter";
	/* PMCEID0_EL0 bit n: common event n implemented. */
	if (!(read_sysreg(pmceid0_el0) & BIT(PMU_EVENT_INST_RETIRED)))
		return "the PMU does not count retired instructions";
	write_sysreg(pmcntenclr_el0, BIT(0));
	write_sysreg(pmselr_el0, 0);
	isb();
	write_sysreg(pmxevtyper_el0, PMEVTYPER_NSH | PMU_EVENT_INST_RETIRED);
	write_sysreg(pmintenclr_el1, BIT(0));
	write_sysreg(pmovsclr_el0, BIT(0));
	write_sysreg(pmcr_el0, (pmcr & ~0xfful) | PMCR_E | PMCR_P);
	write_sysreg(pmcntenset_el0, BIT(0));
	isb();
	return NULL;
}
