/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench: what the hypervisor adds to each path of a real-time cell,
 * measured from inside the cell and, with the same binary, on bare QEMU
 * at EL1 (doc/performance.md). Shared declarations of its files.
 */
#ifndef BENCH_H
#define BENCH_H

#include "rt.h"
#include "pmu.h"
#include "ivshmem.h"

#ifndef BENCH_SAMPLES
#define BENCH_SAMPLES		101	/* odd: the median is one */
#endif
#define BENCH_CPU_ON_SAMPLES	11
#define BENCH_RESTART_SAMPLES	5

/* The SGI the IPI path sends (SGI 0 is the hypervisor's own). */
#define BENCH_SGI		1

/* Per CPU, written by the IRQ vector's first instructions (entry.S). */
struct irq_stamp {
	u64 insn;		/* PMU instructions at the 2nd instruction */
	u64 ticks;		/* CNTVCT_EL0 at the 3rd */
};
extern struct irq_stamp bench_irq_stamp[JH_RT_MAX_CPUS];

/* entry.S */
extern char bench_vectors[];
extern char bench_cpu_on_entry[];
/*
 * With IRQs masked: store the instruction count in *before, wfi, then
 * unmask so that the pending interrupt is taken, and mask again.
 */
void bench_wait_irq(u64 *before);

/* Samples of one path: instructions and ticks (either may be absent). */
struct series {
	const char *name;
	unsigned int n;
	bool has_insn, has_ticks;
	u64 insn[BENCH_SAMPLES];
	u64 ticks[BENCH_SAMPLES];
};

void series_start(struct series *s, const char *name, bool insn,
		  bool ticks);
void series_add(struct series *s, u64 insn, u64 ticks);
/* One result line: "bench: NAME: N samples, insn MIN MED MAX, ticks ..." */
void series_print(struct series *s);
/* "bench: NAME: n/a (WHY)" */
void bench_not_applicable(const char *name, const char *why);

/* Set up by main.c. */
extern bool bench_have_pmu;
extern struct ivshmem_dev bench_ivshmem;
extern bool bench_have_ivshmem;

/* CPU 0: set the vectors; every measuring CPU: also the PMU. */
void bench_cpu_setup(void);

/* paths.c: one CPU; the cost of the measuring bracket itself */
extern u64 bench_bracket_insn, bench_bracket_ticks;
void bench_single_cpu_paths(void);
void bench_timer(void);
/* smp.c: two CPUs of the inmate */
void bench_smp_paths(void);
/* restart.c: the cell's own restart; true if this run is a restart */
bool bench_restart_resume(void);
void bench_restart_begin(void);
/* root.c: the root cell's side of the cell-start figure */
#define BENCH_ROOT_LINK_BASE	0x40000000UL
bool bench_is_root(void);
int bench_root_main(void);
/* restart.c: a start by the root after the measurements (its line) */
bool bench_started_by_root(void);
/* Result lines printed so far (kept across restarts). */
extern unsigned int bench_printed;

#endif /* BENCH_H */
