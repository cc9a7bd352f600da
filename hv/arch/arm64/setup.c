// SPDX-License-Identifier: GPL-2.0-only
/*
 * AArch64 side of boot and CPU bring-up: checks of the arm platform
 * fields, EL2 register setup per CPU, entering a cell, leaving the
 * machine.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <percpu.h>
#include <printk.h>
#include <asm/gic.h>
#include <asm/late.h>
#include <asm/paging.h>
#include <asm/psci.h>
#include <asm/semihost.h>
#include <asm/sysregs.h>

extern void hv_secondary_entry(void);
extern void __noreturn arch_guest_start(u64 context);
int arch_mmu_prepare(void);

unsigned int arch_cpu_id(void)
{
	return this_cpu()->id;
}

struct per_cpu *this_cpu(void)
{
	return (struct per_cpu *)read_sysreg(tpidr_el2);
}

/* QEMU virt numbers CPUs in clusters of 8: Aff1 = n / 8, Aff0 = n % 8. */
u64 arch_cpu_mpidr(unsigned int cpu)
{
	return ((u64)(cpu / 8) << 8) | (cpu % 8);
}

/* What the translation tables cover (mmu.c, paging-format.c). */
u64 arch_max_phys_address(void)
{
	return 1ull << arm64_pa_bits();
}

u64 arch_max_guest_address(void)
{
	return 1ull << arm64_ipa_bits();
}

const char *arch_irqchip_problem(const struct jh_irqchip *chip)
{
	if (chip->address != boot.system->platform.arm.gicd_base)
		return "not the GIC distributor of the system image";
	if (chip->id != 0)
		return "GIC irqchips have id 0";
	return NULL;
}

int arch_check_platform(const struct jh_system_desc *sys)
{
	const struct jh_platform_arm *arm = &sys->platform.arm;
	u64 pfr0_gic = (read_sysreg(id_aa64pfr0_el1) >> 24) & 0xf;

	if (arm->gic_version != 2 && arm->gic_version != 3)
		return boot_error("system image", "gic_version %u (2 or 3 "
				  "supported)", arm->gic_version);
	if ((arm->gic_version == 3) != (pfr0_gic != 0))
		return boot_error("system image", "gic_version %u, but this "
				  "CPU reports %s (ID_AA64PFR0_EL1.GIC=%lu)",
				  arm->gic_version,
				  pfr0_gic ? "a GICv3 CPU interface" :
				  "no GICv3 system registers", pfr0_gic);
	if (!arm->gicd_base || !ALIGNED(arm->gicd_base, PAGE_SIZE))
		return boot_error("system image", "gicd_base 0x%lx invalid",
				  arm->gicd_base);
	if (arm->gic_version == 3 &&
	    (!arm->gicr_base || !ALIGNED(arm->gicr_base, PAGE_SIZE)))
		return boot_error("system image", "gicr_base 0x%lx invalid",
				  arm->gicr_base);
	if (arm->gic_version == 2 &&
	    (!arm->gicc_base || !arm->gich_base || !arm->gicv_base ||
	     !ALIGNED(arm->gicc_base | arm->gich_base | arm->gicv_base,
		      PAGE_SIZE)))
		return boot_error("system image", "GICv2 needs page-aligned "
				  "gicc_base, gich_base and gicv_base");
	if (arm->maintenance_irq < 16 || arm->maintenance_irq > 31)
		return boot_error("system image", "maintenance_irq %u is not "
				  "a PPI", arm->maintenance_irq);
	gicd_base = arm->gicd_base;
	gic = arm->gic_version == 3 ? &gic_v3_ops : &gic_v2_ops;
	gic_maint_irq = arm->maintenance_irq;
	/* interrupt lines: 32 * (ITLinesNumber + 1), at most 1020 */
	gic_num_irqs = 32 * ((gicd_read32(GICD_TYPER) & 0x1f) + 1);
	if (gic_num_irqs > 1020)
		gic_num_irqs = 1020;
	return 0;
}

unsigned int arch_num_irqs(void)
{
	return gic_num_irqs;
}

/* Devices the hypervisor keeps for itself: the GIC frames. */
int arch_check_cell_region(const struct jh_memory *mem)
{
	const struct jh_platform_arm *arm = &boot.system->platform.arm;
	u64 frames[][2] = {
		{ arm->gicd_base, 0x10000 },
		{ arm->gicr_base, 0x20000ull * MAX_CPUS },
		{ arm->gicc_base, 0x2000 },
		{ arm->gich_base, 0x1000 },
		{ arm->gicv_base, 0x2000 },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(frames); n++)
		if (frames[n][0] && ranges_overlap(mem->phys_start, mem->size,
						   frames[n][0],
						   frames[n][1]))
			return -EBUSY;
	return 0;
}

/* Cells see the GIC at its physical addresses: keep them free. */
int arch_check_cell_guest_range(const struct jh_memory *mem)
{
	const struct jh_platform_arm *arm = &boot.system->platform.arm;
	u64 frames[][2] = {
		{ arm->gicd_base, 0x10000 },
		{ arm->gicr_base, 0x20000ull * MAX_CPUS },
		{ arm->gicc_base, 0x2000 },
	};
	unsigned int n;

	for (n = 0; n < ARRAY_SIZE(frames); n++)
		if (frames[n][0] && ranges_overlap(mem->virt_start, mem->size,
						   frames[n][0],
						   frames[n][1]))
			return -EBUSY;
	return 0;
}

/* HCR_EL2 bits of the Linux stub kept in late launch: API, APK, ATA */
#define LATE_HCR_KEEP	(BIT(41) | BIT(40) | BIT(56))
#define CPTR_TFP	BIT(10)

void arch_cpu_init(struct per_cpu *cpu)
{
	u64 hcr = HCR_VM | HCR_SWIO | HCR_FMO | HCR_IMO | HCR_AMO | HCR_TSC |
		  HCR_TIDCP | HCR_RW;

	write_sysreg(tpidr_el2, cpu);
	if (boot.late) {
		/* as the hyp stub had them: nothing Linux uses traps
		 * (pointer authentication, FP, PMU and debug, counter and
		 * EL1 physical timer), the virtual counter unchanged */
		hcr |= late_stub.hcr_el2 & LATE_HCR_KEEP;
		write_sysreg(cptr_el2, late_stub.cptr_el2 & ~CPTR_TFP);
		write_sysreg(mdcr_el2, late_stub.mdcr_el2);
		write_sysreg(cnthctl_el2, late_stub.cnthctl_el2 | 3);
		write_sysreg(cntvoff_el2, late_stub.cntvoff_el2);
		arch_late_cpu_extras();
	} else {
		write_sysreg(cptr_el2, 0x33ff);	/* RES1 bits, no FP trap */
		write_sysreg(cnthctl_el2, 3);	/* EL1 physical timer ok */
		write_sysreg(cntvoff_el2, 0);
	}
	write_sysreg(hcr_el2, hcr);
	write_sysreg(vpidr_el2, read_sysreg(midr_el1));
	write_sysreg(vmpidr_el2, read_sysreg(mpidr_el1));
	write_sysreg(hstr_el2, 0);
	isb();
	cpu->mpidr = read_sysreg(mpidr_el1) & MPIDR_AFF_MASK;
	if (__builtin_expect(cpu->arch.entry_work, 0)) {
		if (cpu->arch.pmu_reset)
			arch_pmu_reset(cpu);
		if (cpu->arch.takeover) {
			gic->cpu_takeover(cpu);
			return;
		}
	}
	gic->cpu_init(cpu);
}

int arch_init(void)
{
	unsigned int n;

	for (n = 0; n < MAX_CPUS; n++)
		per_cpu(n)->id = n;
	if (arch_mmu_prepare() || gic->init())
		return -EIO;
	arch_cpu_init(per_cpu(0));
	return 0;
}

void __noreturn hv_secondary_main(unsigned int id)
{
	struct per_cpu *cpu = per_cpu(id);

	/* a CPU comes here powered on afresh: all EL2 state is reset */
	arch_mmu_enable();
	arch_cpu_init(cpu);
	cpu_enter_cell(cpu);
}

int arch_cpu_power_on(unsigned int cpu)
{
	s64 r = psci_firmware_call(PSCI_CPU_ON_64, arch_cpu_mpidr(cpu),
				   (u64)hv_secondary_entry, cpu);

	if (r == PSCI_ALREADY_ON || r == PSCI_ON_PENDING) {
		asm volatile("yield");
		return -EBUSY;
	}
	return r ? -EIO : 0;
}

void __noreturn arch_cpu_power_off(void)
{
	gic->set_underflow_irq(false);
	psci_firmware_call(PSCI_CPU_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfe");
}

void arch_send_event(unsigned int cpu)
{
	gic->send_sgi(cpu, SGI_EVENT);
}

void __noreturn arch_cpu_enter(struct per_cpu *cpu)
{
	struct cell *cell = cpu->cell;

	gic->cpu_reset(cpu);
	write_sysreg(sctlr_el1, SCTLR_EL1_RESET);
	write_sysreg(tcr_el1, 0);
	write_sysreg(ttbr0_el1, 0);
	write_sysreg(ttbr1_el1, 0);
	write_sysreg(mair_el1, 0);
	write_sysreg(vbar_el1, 0);
	write_sysreg(cpacr_el1, 0);
	write_sysreg(cntv_ctl_el0, 0);
	write_sysreg(cntp_ctl_el0, 0);
	write_sysreg(cntkctl_el1, 0);
	write_sysreg(sp_el1, 0);
	write_sysreg(sp_el0, 0);
	write_sysreg(tpidr_el1, 0);
	write_sysreg(vttbr_el2, (u64)cell->arch.stage2_root |
		     ((u64)cell->arch.vmid << 48));
	isb();
	asm volatile("tlbi vmalle1\n\tdsb nsh\n\tic iallu\n\tisb" : : :
		     "memory");
	write_sysreg(elr_el2, cpu->entry);
	write_sysreg(spsr_el2, SPSR_EL1H_MASKED);
	arch_guest_start(cpu->context);
}

void __noreturn arch_system_exit(int code)
{
	if (boot.flags & JH_BUNDLE_SEMIHOSTING)
		semihost_exit(code);
	psci_firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
	for (;;)
		asm volatile("wfe");
}
