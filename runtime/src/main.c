// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Start-up on the first CPU: find out where we run, pick console and PSCI
 * conduit, set up the GIC, run the inmate, exit.
 */
#include "rt.h"

struct rt_env rt_env;

/*
 * From the linker script: link base and whether this image was linked
 * for running without hypervisor (--defsym jh_rt_standalone=1).
 */
extern const u64 __jh_rt_link_info[2];

/* Semihosting SYS_EXIT reason: application exit. */
#define SEMIHOSTING_SYS_EXIT		0x18
#define ADP_STOPPED_APPLICATION_EXIT	0x20026

/* Exit code used when the inmate stops on a fatal error. */
#define RT_EXIT_FATAL			99

void __noreturn rt_primary_main(u64 entry_el);

static void choose_console(void)
{
	volatile struct jh_comm_region *c = rt_env.comm;

	if (rt_env.standalone) {
		console_select(CONSOLE_PL011, JH_RT_DEFAULT_UART);
		return;
	}
	if (!c || (c->flags & JH_COMM_FLAG_PUTC_ACTIVE)) {
		console_select(CONSOLE_HYPERCALL, 0);
		return;
	}
	if (c->console.type == JH_CON_TYPE_PL011 && c->console.address &&
	    (c->console.flags & JH_CON_ACCESS_MMIO)) {
		console_select(CONSOLE_PL011, c->console.address);
		return;
	}
	if (c->flags & JH_COMM_FLAG_PUTC_PERMITTED)
		console_select(CONSOLE_HYPERCALL, 0);
	else
		console_select(CONSOLE_NONE, 0);
}

/*
 * Linked for a cell and entered at EL1: is there a hypervisor? Every jh
 * (and Jailhouse) cell has its comm region mapped, so a fault reading it
 * means there is none. Memory without a signature there (bare QEMU with
 * RAM at that address) is a hypervisor only if it answers the
 * number-of-cells hypercall with a count: without EL2, QEMU itself takes
 * the hvc as an SMCCC call and answers -1 (NOT_SUPPORTED).
 */
static bool hypervisor_present(void)
{
	u32 sig;
	s64 cells;

	if (!probe_read32(JH_COMM_REGION_INMATE_ADDR, &sig, NULL))
		return false;
	if (comm_region_probe(NULL))
		return true;
	probe_arm();
	cells = jh_hypercall_raw(JH_HC_HYPERVISOR_GET_INFO,
				 JH_INFO_NUM_CELLS, 0);
	return probe_disarm(NULL) && cells >= 1;
}

/* Why mmu_init() left the MMU off, NULL if it is on or built off. */
static const char *mmu_off_reason;

/* A comm region with the right signature but another revision. */
static u16 bad_comm_revision;

static void find_environment(u64 entry_el)
{
	rt_env.entered_el2 = entry_el == 2;
	rt_env.standalone = __jh_rt_link_info[1] || rt_env.entered_el2;
	if (!rt_env.standalone && !hypervisor_present()) {
		rt_env.standalone = true;
		rt_env.no_hypervisor_answered = true;
	}
	if (rt_env.standalone) {
		/*
		 * Entered at EL2: PSCI is below us, reached with SMC.
		 * Entered at EL1 with nothing known above: bare QEMU without
		 * EL2 takes PSCI calls on HVC (so does KVM).
		 */
		psci_set_conduit(rt_env.entered_el2 ? PSCI_CONDUIT_SMC :
						      PSCI_CONDUIT_HVC);
	} else {
		/* The hypervisor traps SMC (HCR_EL2.TSC). */
		psci_set_conduit(PSCI_CONDUIT_SMC);
		rt_env.comm = comm_region_probe(&bad_comm_revision);
	}
	choose_console();
}

void __noreturn rt_primary_main(u64 entry_el)
{
	u32 psci;

	percpu[0].mpidr = cpu_mpidr();
	percpu[0].state = CPU_ONLINE;
	find_environment(entry_el);
	mmu_off_reason = mmu_init();
	gic_init();
	gic_cpu_init();

	psci = psci_version();
	printf("jh-rt: %s, entered at EL%llu, linked at 0x%llx, console: %s, PSCI %u.%u via %s, GICv%u\n",
	       rt_env.no_hypervisor_answered ?
			"standalone (cell image, no hypervisor answered)" :
	       rt_env.standalone ? "standalone" :
	       rt_env.comm ? "in a cell" : "in a cell without comm region",
	       (unsigned long long)entry_el,
	       (unsigned long long)__jh_rt_link_info[0],
	       console_kind_name(console_current()), psci >> 16,
	       psci & 0xffff,
	       psci_conduit() == PSCI_CONDUIT_SMC ? "smc" : "hvc",
	       gic_version());
	if (mmu_off_reason)
		printf("jh-rt: warning: MMU left off: %s\n", mmu_off_reason);
	if (bad_comm_revision)
		printf("jh-rt: warning: comm region revision %u, this runtime knows %u: ignored\n",
		       bad_comm_revision, JH_COMM_REVISION);

	rt_exit(inmate_main());
}

/* Standalone under QEMU -semihosting: exit with a status. */
static void semihosting_exit(int code)
{
	volatile u64 block[2] = { ADP_STOPPED_APPLICATION_EXIT, (u64)code };

	/* Without -semihosting, hlt is undefined: the probe skips it. */
	probe_arm();
	{
		/* Set only after the call above, which may clobber them. */
		register u64 x0 __asm__("x0") = SEMIHOSTING_SYS_EXIT;
		register u64 x1 __asm__("x1") = (u64)(uintptr_t)block;

		__asm__ volatile("hlt #0xf000" : "+r"(x0) : "r"(x1) : "memory");
	}
	probe_disarm(NULL);
}

static void __noreturn power_off(int code)
{
	if (rt_env.standalone)
		semihosting_exit(code);
	psci_system_off();
	printf("jh-rt: SYSTEM_OFF returned, parking CPU %u\n", cpu_index());
	rt_park();
}

void __noreturn rt_exit(int code)
{
	if (cpu_index() != 0)
		cpu_off();
	cpus_wait_off();
	printf("jh-rt: exit %d\n", code);
	comm_set_state(JH_CELL_SHUT_DOWN);
	power_off(code);
}

void __noreturn rt_fatal_stop(void)
{
	printf("jh-rt: stopped on CPU %u after a fatal error\n", cpu_index());
	if (rt_env.standalone)
		power_off(RT_EXIT_FATAL);
	/* In a cell: leave the decision to the hypervisor and the root. */
	comm_set_state(JH_CELL_FAILED);
	rt_park();
}

void __noreturn rt_park(void)
{
	irq_disable();
	for (;;)
		wfi();
}
