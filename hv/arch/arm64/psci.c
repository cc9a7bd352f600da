// SPDX-License-Identifier: GPL-2.0-only
/*
 * PSCI for the cells (trapped SMC, or HVC #0), acting only within the
 * calling cell; and the hypervisor's own calls to the firmware.
 */
#include <boot.h>
#include <cell.h>
#include <control.h>
#include <percpu.h>
#include <printk.h>
#include <jh-late-launch.h>
#include <asm/psci.h>
#include <asm/sysregs.h>
#include <asm/traps.h>

s64 psci_firmware_call(u64 fn, u64 a1, u64 a2, u64 a3)
{
	register u64 x0 asm("x0") = fn;
	register u64 x1 asm("x1") = a1;
	register u64 x2 asm("x2") = a2;
	register u64 x3 asm("x3") = a3;

	asm volatile("smc #0" : "+r"(x0), "+r"(x1), "+r"(x2), "+r"(x3) : :
		     "memory");
	return (s64)x0;
}

static bool supported(u64 fn)
{
	switch (fn) {
	case PSCI_VERSION:
	case PSCI_CPU_OFF:
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
	case PSCI_MIGRATE_INFO_TYPE:
	case PSCI_SYSTEM_OFF:
	case PSCI_SYSTEM_RESET:
	case PSCI_FEATURES:
	case SMCCC_VERSION:
		return true;
	}
	return false;
}

static s64 cpu_on(struct per_cpu *cpu, u64 target, u64 entry, u64 ctx)
{
	switch (cpu_on_request(cpu, target & MPIDR_AFF_MASK, entry, ctx)) {
	case CPU_REQ_OK:
		return PSCI_SUCCESS;
	case CPU_REQ_DENIED:
		return PSCI_DENIED;
	case CPU_REQ_INVALID:
		return PSCI_INVALID_PARAMETERS;
	case CPU_REQ_ALREADY_ON:
		return PSCI_ALREADY_ON;
	default:
		return PSCI_INTERNAL_FAILURE;
	}
}

s64 psci_handle_call(struct per_cpu *cpu, struct trap_regs *regs)
{
	u64 fn = regs->x[0];
	int state;

	if (fn >> 32)
		return PSCI_NOT_SUPPORTED;
	if ((fn & 0xbfffffe0) == 0x84000000)
		cpu->stats[JH_CPU_STAT_VMEXITS_PSCI]++;
	else
		cpu->stats[JH_CPU_STAT_VMEXITS_SMCCC]++;
	if (!(fn & 0x40000000) && fn != SMCCC_VERSION &&
	    fn != SMCCC_ARCH_FEATURES) {
		/* 32-bit calling convention: arguments are 32 bits wide */
		regs->x[1] &= 0xffffffff;
		regs->x[2] &= 0xffffffff;
		regs->x[3] &= 0xffffffff;
	}
	switch (fn) {
	case PSCI_VERSION:
		return 0x10001;		/* 1.1 */
	case PSCI_CPU_OFF:
		cpu_off_request(cpu);
	case PSCI_CPU_ON_32:
	case PSCI_CPU_ON_64:
		return cpu_on(cpu, regs->x[1], regs->x[2], regs->x[3]);
	case PSCI_AFFINITY_INFO_32:
	case PSCI_AFFINITY_INFO_64:
		if (regs->x[2] != 0)
			return PSCI_INVALID_PARAMETERS;
		state = cpu_affinity_state(cpu, regs->x[1] & MPIDR_AFF_MASK);
		return state < 0 ? PSCI_INVALID_PARAMETERS : state;
	case PSCI_MIGRATE_INFO_TYPE:
		return 2;		/* no trusted OS to migrate */
	case PSCI_SYSTEM_OFF:
		/* late launch: the root cell's kernel owns the machine */
		if (boot.late && cpu->cell == root_cell())
			return psci_firmware_call(PSCI_SYSTEM_OFF, 0, 0, 0);
		cell_shutdown_request(cpu);
	case PSCI_SYSTEM_RESET:
		if (boot.late && cpu->cell == root_cell())
			return psci_firmware_call(PSCI_SYSTEM_RESET, 0, 0, 0);
		cell_reset_request(cpu);
	case PSCI_FEATURES:
		return supported(regs->x[1]) ? PSCI_SUCCESS :
					       PSCI_NOT_SUPPORTED;
	case SMCCC_VERSION:
		return 0x10001;		/* SMCCC 1.1 */
	}
	return PSCI_NOT_SUPPORTED;
}

/* Linux hyp stub calls (HVC_SET_VECTORS...) use small function ids. */
#define STUB_CALLS_END		16

s64 psci_hvc0(struct per_cpu *cpu, struct trap_regs *regs)
{
	/*
	 * Late launch: a CPU already in the root cell asked the stub for
	 * something, or to enable again: the stub is not there now.
	 */
	if (boot.late && cpu->cell == root_cell() &&
	    (regs->x[0] < STUB_CALLS_END || regs->x[0] == JH_LATE_ENABLE)) {
		printk("jh: CPU %u: hyp stub call 0x%lx while the hypervisor "
		       "runs: refused\n", cpu->id, regs->x[0]);
		return -EBUSY;
	}
	return psci_handle_call(cpu, regs);
}
