/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * jh inmate runtime: start-up, environment and exit.
 *
 * An inmate defines inmate_main(); the runtime calls it on the first CPU
 * after start-up (EL1, stack, BSS, vectors, environment, console, GIC
 * distributor) and exits with its return value. See doc/runtime.md.
 */
#ifndef JH_RT_RT_H
#define JH_RT_RT_H

#include "types.h"
#include "sysreg.h"
#include "console.h"
#include "printf.h"
#include "comm.h"
#include "cpu.h"
#include "psci.h"
#include "hypercall.h"
#include "gic.h"
#include "timer.h"
#include "exception.h"
#include "mem.h"
#include "mmio.h"
#include "mmu.h"
#include "user.h"
#include "pmu.h"

/* Where the runtime found itself at start. */
struct rt_env {
	/* No hypervisor below: bare QEMU or bare hardware. */
	bool standalone;
	/*
	 * Linked for a cell, but no hypervisor answered a hypercall: the
	 * runtime behaves as standalone.
	 */
	bool no_hypervisor_answered;
	/* The first CPU entered at EL2 and the runtime dropped to EL1. */
	bool entered_el2;
	/* The comm region, when one with a valid signature is mapped. */
	volatile struct jh_comm_region *comm;
};

extern struct rt_env rt_env;

/* Supplied by the inmate; its return value becomes the exit code. */
int inmate_main(void);

/*
 * Exit the inmate: print "jh-rt: exit <code>", wait for the other CPUs
 * started with cpus_start() to have turned themselves off, then power off
 * (PSCI SYSTEM_OFF; standalone, a semihosting exit first, so that QEMU
 * run with -semihosting reports the code as its exit status).
 */
void __noreturn rt_exit(int code);

/* Stop at once after a fatal error (no waiting for other CPUs). */
void __noreturn rt_fatal_stop(void);

/* Park this CPU forever with interrupts masked. */
void __noreturn rt_park(void);

#endif /* JH_RT_RT_H */
