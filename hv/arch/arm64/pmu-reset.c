// SPDX-License-Identifier: GPL-2.0-only
/*
 * PMU isolation between cells. The hypervisor neither traps nor uses the
 * PMU, so its counters, event types, enables and overflow state stay with
 * a physical CPU. When the CPU changes owning cell (cell create takes it
 * from the root, destroy gives it back), the next owner must neither read
 * its predecessor's counts nor take a PMU interrupt (PPI 23) from a
 * counter left running: the CPU resets its PMU to the architectural
 * quiescent state before it enters the new owner. A cell restarting on
 * the same CPU keeps its PMU (the perf benchmark's cell-start figure
 * counts across that restart).
 */
#include <arch.h>
#include <percpu.h>
#include <asm/sysregs.h>

/* ID_AA64DFR0_EL1.PMUVer: 0 no PMU, 0xf IMPLEMENTATION DEFINED */
#define DFR0_PMUVER(v)		(((v) >> 8) & 0xf)
/* PMCR_EL0 */
#define PMCR_P			BIT(1)	/* event counters to zero */
#define PMCR_C			BIT(2)	/* cycle counter to zero */
#define PMCR_N(v)		(((v) >> 11) & 0x1f)
#define PMU_CYCLE_COUNTER	BIT(31)

void arch_cpu_owner_changed(unsigned int cpu)
{
	per_cpu(cpu)->arch.pmu_reset = true;
}

/* On the CPU itself, before it enters its (new) cell. */
void arch_pmu_reset(struct per_cpu *cpu)
{
	u64 ver = DFR0_PMUVER(read_sysreg(id_aa64dfr0_el1));
	unsigned int n, i;
	u64 all;

	cpu->arch.pmu_reset = false;
	if (ver == 0 || ver == 0xf)
		return;
	/* at EL2, N counts every counter, also those MDCR_EL2.HPMN hides */
	n = PMCR_N(read_sysreg(pmcr_el0));
	all = PMU_CYCLE_COUNTER | (BIT(n) - 1);
	/* stop and silence first, so nothing overflows while we reset */
	write_sysreg(pmcntenclr_el0, all);
	write_sysreg(pmintenclr_el1, all);
	isb();
	write_sysreg(pmcr_el0, PMCR_P | PMCR_C);
	write_sysreg(pmovsclr_el0, all);
	for (i = 0; i < n; i++) {
		write_sysreg(pmselr_el0, i);
		isb();
		write_sysreg(pmxevtyper_el0, 0);
	}
	write_sysreg(pmselr_el0, 0);
	write_sysreg(pmccfiltr_el0, 0);
	write_sysreg(pmuserenr_el0, 0);
	isb();
}
