// SPDX-License-Identifier: GPL-2.0-only
/*
 * Late launch, AArch64 side: what late-entry.S saved of each CPU (the
 * Linux hyp stub's EL2 registers and the caller's general registers) is
 * used to check the caller, to set up the EL2 registers as the stub had
 * them where Linux relies on them (no trapping of FP, PMU, debug, timer
 * access; pointer authentication keys), to enter the root cell exactly
 * where Linux made the hvc, and to give the CPU back on disable.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <late.h>
#include <percpu.h>
#include <printk.h>
#include <asm/gic.h>
#include <asm/late.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/traps.h>
#include <jh-late-launch.h>

_Static_assert(((LATE_ENABLE_HI << 24) | (LATE_ENABLE_MID << 12) |
		LATE_ENABLE_LO) == JH_LATE_ENABLE, "JH_LATE_ENABLE pieces");

#define HCR_E2H		BIT(34)
#define SPSR_MODE_MASK	0x1f
#define SPSR_EL1H	0x5
#define SPSR_EL1T	0x4

int arch_mmu_prepare(void);
void arch_cpu_init(struct per_cpu *cpu);

/* The first CPU's stub registers: the model for CPUs started later. */
struct late_cpu_state late_stub;
/* CPUs whose state late-entry.S saved in this enable */
static bool saved[MAX_CPUS];
/* the state of the CPU in late_enable_entry */
static struct late_cpu_state *entering;

/*
 * EL2 registers the Linux stub sets that limit or trap what EL1 may do
 * and that a CPU powered on afresh does not have: the SVE and SME
 * vector lengths (ZCR_EL2, SMCR_EL2: Linux refuses a CPU whose vector
 * lengths differ) and the fine-grained traps (cleared by the stub).
 */
#define ZCR_EL2		S3_4_C1_C2_0
#define SMCR_EL2	S3_4_C1_C2_6
#define HFGRTR_EL2	S3_4_C1_C1_4
#define HFGWTR_EL2	S3_4_C1_C1_5
#define HFGITR_EL2	S3_4_C1_C1_6
#define HDFGRTR_EL2	S3_4_C3_C1_4
#define HDFGWTR_EL2	S3_4_C3_C1_5
#define _str(x)		#x
#define sysreg_rd(r)	({ u64 __v; asm volatile("mrs %0, " _str(r) \
					 : "=r"(__v)); __v; })
#define sysreg_wr(r, v)	asm volatile("msr " _str(r) ", %0" : : \
				     "r"((u64)(v)))

static bool has_sve, has_sme, has_fgt;
static u64 stub_zcr, stub_smcr;

#define CPTR_TZ		BIT(8)
#define CPTR_TSM	BIT(12)

static void save_stub_extras(void)
{
	/* only what the stub lets EL1 use (else it traps at EL2 too) */
	has_sve = (read_sysreg(id_aa64pfr0_el1) >> 32) & 0xf &&
		  !(late_stub.cptr_el2 & CPTR_TZ);
	has_sme = (read_sysreg(id_aa64pfr1_el1) >> 24) & 0xf &&
		  !(late_stub.cptr_el2 & CPTR_TSM);
	has_fgt = (read_sysreg(id_aa64mmfr0_el1) >> 56) & 0xf;
	if (has_sve)
		stub_zcr = sysreg_rd(ZCR_EL2);
	if (has_sme)
		stub_smcr = sysreg_rd(SMCR_EL2);
}

/* With CPTR_EL2 already as the stub had it (nothing SVE/SME trapped). */
void arch_late_cpu_extras(void)
{
	isb();
	if (has_sve)
		sysreg_wr(ZCR_EL2, stub_zcr);
	if (has_sme)
		sysreg_wr(SMCR_EL2, stub_smcr);
	if (has_fgt) {
		sysreg_wr(HFGRTR_EL2, 0);
		sysreg_wr(HFGWTR_EL2, 0);
		sysreg_wr(HFGITR_EL2, 0);
		sysreg_wr(HDFGRTR_EL2, 0);
		sysreg_wr(HDFGWTR_EL2, 0);
	}
}

int arch_cpu_firmware_state(unsigned int cpu)
{
	s64 r = psci_firmware_call(PSCI_AFFINITY_INFO_64,
				   arch_cpu_mpidr(cpu), 0, 0);

	return r >= 0 && r <= 2 ? (int)r : -1;
}

int arch_late_check(void)
{
	const struct late_cpu_state *s = entering;
	const struct jh_cell_desc *rd = boot.cell[0];
	const struct jh_memory *m = jh_cell_mem_regions(rd);
	u64 mode = s->spsr_el2 & SPSR_MODE_MASK;
	unsigned int i;

	if (s->hcr_el2 & HCR_E2H)
		return boot_error("late launch", "the kernel runs at EL2 "
				  "(VHE, HCR_EL2.E2H set): boot it at EL1 "
				  "with the hyp stub (id_aa64mmfr1.vh=0)");
	if (mode != SPSR_EL1H && mode != SPSR_EL1T)
		return boot_error("late launch", "the enabling hvc came from "
				  "SPSR mode 0x%lx, not from AArch64 EL1",
				  mode);
	if (s->sctlr_el2 & 1)
		return boot_error("late launch", "the hyp stub runs with its "
				  "EL2 MMU on (SCTLR_EL2 0x%lx)",
				  s->sctlr_el2);
	/* Linux keeps running on its own addresses: guest = physical */
	for (i = 0; i < rd->num_memory_regions; i++)
		if (!(m[i].flags & JH_MEM_COMM_REGION) &&
		    m[i].virt_start != m[i].phys_start)
			return boot_error("root cell", "memory region %u maps "
					  "0x%lx at guest 0x%lx: a running "
					  "kernel needs guest = physical", i,
					  m[i].phys_start, m[i].virt_start);
	late_stub = *s;
	save_stub_extras();
	return 0;
}

int arch_late_init(void)
{
	unsigned int n;

	for (n = 0; n < MAX_CPUS; n++) {
		per_cpu(n)->id = n;
		saved[n] = false;
	}
	if (arch_mmu_prepare() || gic->init())
		return -EIO;
	return 0;
}

void arch_late_cpu_enter(struct per_cpu *cpu)
{
	struct cell *root = root_cell();

	saved[cpu->id] = true;
	if (!(read_sysreg(sctlr_el2) & 1))
		arch_mmu_enable();
	cpu->arch.takeover = true;
	arch_cpu_init(cpu);
	cpu->arch.takeover = false;
	write_sysreg(vttbr_el2, (u64)root->arch.stage2_root |
		     ((u64)root->arch.vmid << 48));
	isb();
	/* no translation of an earlier run with this VMID may survive */
	asm volatile("tlbi alle1\n\tdsb nsh\n\tisb" : : : "memory");
}

static void clean_range(const void *start, u64 size)
{
	arch_clean_dcache((u64)start, size);
}

void __noreturn arch_late_cpu_leave(struct per_cpu *cpu,
				    struct trap_regs *regs, bool last)
{
	struct late_cpu_state *s = &late_cpu_states[cpu->id];
	const struct jh_memory *hv = &boot.system->hypervisor_memory;
	unsigned int n;

	/* a CPU the hypervisor powered on itself gets the stub's setup */
	if (!saved[cpu->id])
		*s = late_stub;
	for (n = 1; n < 31; n++)
		s->x[n] = regs->x[n];
	s->elr_el2 = read_sysreg(elr_el2);
	s->spsr_el2 = read_sysreg(spsr_el2);
	gic->cpu_leave(cpu);
	arch_hv_timer_set(0);
	/* the MMU goes off: what the stub path reads must be in memory */
	if (last)
		clean_range((void *)hv->phys_start, hv->size);
	else
		clean_range(s, sizeof(*s));
	late_return_stub(s, 0);
}

/* From late-entry.S, on the CPU's own stack, with the MMU off. */
void __noreturn late_enable_entry(unsigned int cpu,
				  struct late_cpu_state *s)
{
	int err;

	entering = s;
	err = late_enable(cpu, s->x[1], s->x[2], s->x[4]);
	if (!err)
		late_return_el1(s, 0);
	clean_range(s, sizeof(*s));
	late_return_stub(s, (u64)(s64)err);
}
