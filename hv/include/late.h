/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Late launch from a running Linux (schema/jh-late-launch.h,
 * doc/late-launch-hv.md): the running kernel becomes the root cell,
 * CPU by CPU, and gets the machine back on disable.
 */
#ifndef JH_HV_LATE_H
#define JH_HV_LATE_H

#include "types.h"

struct per_cpu;
struct trap_regs;

/*
 * In .data (not .bss): non-zero while the hypervisor runs after a late
 * enable, so the next CPU's entry code knows not to clear .bss.
 */
extern volatile u32 hv_late_active;

/*
 * The enabling hvc on CPU @cpu (MMU off for the first CPU): 0 when the
 * CPU now runs the root cell, or a negative errno (nothing changed for
 * the first CPU; the console ring says why).
 */
int late_enable(unsigned int cpu, u64 sysimg, u64 size, u64 ncpus);
/* Have all CPUs announced by the first enable entered? */
bool late_ready(void);
/*
 * JH_HC_DISABLE from the root cell: -EBUSY while other cells exist,
 * else this CPU leaves the hypervisor and does not come back here.
 */
s64 late_disable(struct per_cpu *cpu, struct trap_regs *regs);

/* The architecture's part (arch/arm64/late.c). */
/* Power state of CPU @cpu as the firmware sees it: 0 on, 1 off, 2 on
 * pending, <0 no such CPU. */
int arch_cpu_firmware_state(unsigned int cpu);
/* Is the caller's state one the hypervisor can take over? (0/-errno) */
int arch_late_check(void);
/* EL2 translation and interrupt controller, without touching either. */
int arch_late_init(void);
/* Take this CPU over from the stub: EL2 setup, interrupt controller
 * state handed to the virtual interface, root cell translation. */
void arch_late_cpu_enter(struct per_cpu *cpu);
/* Give this CPU back to Linux (@last: the whole hypervisor goes). */
void __noreturn arch_late_cpu_leave(struct per_cpu *cpu,
				    struct trap_regs *regs, bool last);

#endif
