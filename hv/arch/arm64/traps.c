// SPDX-License-Identifier: GPL-2.0-only
/*
 * Exceptions from the cells. Hypercalls, PSCI, trapped GIC accesses and
 * SGI register writes are served; anything else a cell is not allowed to
 * do ends in cell_violation(), which stops only that cell.
 */
#include <arch.h>
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <hypercall.h>
#include <late.h>
#include <mmio.h>
#include <percpu.h>
#include <printk.h>
#include <asm/gic.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

/* ISS of a trapped MSR/MRS: Op0, Op2, Op1, CRn, CRm (Rt and dir out) */
#define SYSREG_ISS_MASK		0x3ffc1e
#define SYSREG_ISS(op0, op1, crn, crm, op2) \
	((op0) << 20 | (op2) << 17 | (op1) << 14 | (crn) << 10 | (crm) << 1)
#define ISS_ICC_SGI1R		SYSREG_ISS(3, 0, 12, 11, 5)
#define ISS_ICC_ASGI1R		SYSREG_ISS(3, 1, 12, 11, 6)
#define ISS_ICC_SGI0R		SYSREG_ISS(3, 2, 12, 11, 7)

static u64 reg_get(struct trap_regs *regs, unsigned int n)
{
	return n < 31 ? regs->x[n] : 0;
}

static void reg_set(struct trap_regs *regs, unsigned int n, u64 v)
{
	if (n < 31)
		regs->x[n] = v;
}

static void skip_instruction(void)
{
	write_sysreg(elr_el2, read_sysreg(elr_el2) + 4);
}

static u64 fault_ipa(void)
{
	return ((read_sysreg(hpfar_el2) >> 4) << 12) |
	       (read_sysreg(far_el2) & 0xfff);
}

static void data_abort(struct per_cpu *cpu, struct trap_regs *regs,
		       u64 esr)
{
	struct mmio_access a;
	u64 ipa = fault_ipa();
	unsigned int rt = ISS_SRT(esr);

	cpu->stats[JH_CPU_STAT_VMEXITS_MMIO]++;
	if (!(esr & ISS_ISV) || (esr & ISS_S1PTW))
		cell_violation(cpu, "unhandled memory access", ipa, esr);
	a.size = 1u << ISS_SAS(esr);
	a.is_write = esr & ISS_WNR;
	a.value = a.is_write ? reg_get(regs, rt) : 0;
	if (a.size < 8)
		a.value &= (1ull << (a.size * 8)) - 1;
	if (mmio_dispatch(cpu->cell, ipa, &a) != MMIO_HANDLED)
		cell_violation(cpu, a.is_write ? "illegal write" :
			       "illegal read", ipa, esr);
	if (!a.is_write) {
		u64 v = a.value;

		if ((esr & ISS_SSE) && a.size < 8 &&
		    (v >> (a.size * 8 - 1)) & 1)
			v |= ~0ull << (a.size * 8);
		if (!(esr & ISS_SF))
			v &= 0xffffffff;
		reg_set(regs, rt, v);
	}
	skip_instruction();
}

static void sysreg_trap(struct per_cpu *cpu, struct trap_regs *regs,
			u64 esr)
{
	u64 id = esr & SYSREG_ISS_MASK;
	bool read = esr & 1;

	if (!read && gic->sgi_sysreg &&
	    (id == ISS_ICC_SGI1R || id == ISS_ICC_ASGI1R ||
	     id == ISS_ICC_SGI0R)) {
		gic->sgi_sysreg(cpu, reg_get(regs, (esr >> 5) & 0x1f));
		skip_instruction();
		return;
	}
	cell_violation(cpu, "forbidden system register access",
		       read_sysreg(elr_el2), esr);
}

void arch_handle_sync(struct trap_regs *regs)
{
	struct per_cpu *cpu = this_cpu();
	u64 esr = read_sysreg(esr_el2);

	cpu->stats[JH_CPU_STAT_VMEXITS_TOTAL]++;
	switch (ESR_EC(esr)) {
	case EC_HVC64:
		/* ELR already points past the hvc */
		if ((esr & 0xffff) == JH_HVC_IMM) {
			/* late launch: disable leaves EL2 with the caller's
			 * registers, the hypercall table cannot */
			if (regs->x[0] == JH_HC_DISABLE && boot.late)
				regs->x[0] = (u64)late_disable(cpu, regs);
			else
				regs->x[0] = (u64)hypercall(cpu, regs->x[0],
							    regs->x[1],
							    regs->x[2]);
		} else if ((esr & 0xffff) == 0) {
			regs->x[0] = (u64)psci_hvc0(cpu, regs);
		}
		else
			regs->x[0] = (u64)-ENOSYS;
		break;
	case EC_SMC64:
		regs->x[0] = (u64)psci_handle_call(cpu, regs);
		skip_instruction();
		break;
	case EC_DABT_LOW:
		data_abort(cpu, regs, esr);
		break;
	case EC_SYSREG:
		sysreg_trap(cpu, regs, esr);
		break;
	case EC_IABT_LOW:
		cell_violation(cpu, "instruction fetch from unowned memory",
			       fault_ipa(), esr);
	default:
		cell_violation(cpu, "unexpected exception",
			       read_sysreg(elr_el2), esr);
	}
}

/* An asynchronous external abort while a cell ran: that cell's doing. */
void arch_handle_serror(struct trap_regs *regs __unused)
{
	cell_violation(this_cpu(), "SError", read_sysreg(elr_el2),
		       read_sysreg(esr_el2));
}

void arch_handle_irq(struct trap_regs *regs __unused)
{
	struct per_cpu *cpu = this_cpu();

	cpu->stats[JH_CPU_STAT_VMEXITS_TOTAL]++;
	gic_handle_irq(cpu);
}

/*
 * A synchronous exception at EL2: only a data abort of the probe load
 * (arch_probe_read32, vectors.S) is expected; it resumes at the load's
 * fixup, which returns -EIO. x3/x4 are restored by restore_and_return.
 */
void arch_handle_el2_sync(struct trap_regs *regs)
{
	extern u8 probe_load[], probe_fault[];

	if (read_sysreg(elr_el2) == (u64)probe_load &&
	    ESR_EC(read_sysreg(esr_el2)) == EC_DABT_CUR) {
		write_sysreg(elr_el2, (u64)probe_fault);
		return;
	}
	arch_handle_bad(regs, 4);
}

void __noreturn arch_handle_bad(struct trap_regs *regs, u64 kind)
{
	static int panicking;

	/* a fault while reporting (e.g. semihosting absent): just stop */
	if (panicking++) {
		psci_firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
		for (;;)
			asm volatile("wfe");
	}
	printk("jh: PANIC: exception kind %lu in the hypervisor on CPU %u: "
	       "ESR 0x%lx ELR 0x%lx FAR 0x%lx x0 0x%lx\n", kind,
	       (unsigned int)(read_sysreg(mpidr_el1) & 0xff),
	       read_sysreg(esr_el2), read_sysreg(elr_el2),
	       read_sysreg(far_el2), regs->x[0]);
	arch_system_exit(3);
}
