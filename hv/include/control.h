/* SPDX-License-Identifier: GPL-2.0-only */
/* Running and stopping cells and their CPUs. */
#ifndef JH_HV_CONTROL_H
#define JH_HV_CONTROL_H

#include "percpu.h"
#include "types.h"

/* Generic results of a CPU power request; the PSCI layer maps them. */
enum cpu_req_result {
	CPU_REQ_OK,
	CPU_REQ_DENIED,
	CPU_REQ_INVALID,
	CPU_REQ_ALREADY_ON,
	CPU_REQ_INTERNAL,
};

/* Run the calling CPU in its cell from per_cpu entry/context. */
void __noreturn cpu_enter_cell(struct per_cpu *cpu);
/* Ask the cell's CPU @target to start at @entry with x0 = @context. */
enum cpu_req_result cpu_on_request(struct per_cpu *caller, u64 target,
				   u64 entry, u64 context);
/* CPU_OFF from a cell: the calling CPU leaves its cell. */
void __noreturn cpu_off_request(struct per_cpu *cpu);
/* 0 on, 1 off, 2 on-pending; <0 for a CPU not in the caller's cell. */
int cpu_affinity_state(struct per_cpu *caller, u64 target);
/* SYSTEM_OFF from a cell: shut down that cell only. */
void __noreturn cell_shutdown_request(struct per_cpu *cpu);
/* SYSTEM_RESET from a cell: restart its first CPU at the reset address. */
void __noreturn cell_reset_request(struct per_cpu *cpu);
/*
 * The calling CPU's cell did something it may not: report, stop the
 * whole cell (the other cells keep running), park this CPU.
 */
void __noreturn cell_violation(struct per_cpu *cpu, const char *what,
			       u64 address, u64 syndrome);
/* Called on an event interrupt: act on EVENT_* requests. */
void cpu_handle_events(struct per_cpu *cpu);
/*
 * Stop @cell (state @state, its CPUs asked to park), report it like any
 * ending cell. false if it had already ended.
 */
bool cell_stop(struct cell *cell, u32 state);
/* A cell was started at run time (counts as live until it ends). */
void cell_started(void);
/* Start every cell after boot. */
void __noreturn cells_start(void);

#endif
