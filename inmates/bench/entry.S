// SPDX-License-Identifier: GPL-2.0-only
/*
 * bench: the instructions that must come first for a figure to mean
 * "to the first instruction of ...": the IRQ vector, the entry of a CPU
 * powered on with CPU_ON, and the entry of the cell at (re)start. Each
 * takes its stamp and goes on into the runtime's own code.
 */

/* IRQ vector slot 5 (current EL, SP_ELx); the rest go to the runtime. */
.macro to_runtime slot
	.balign	0x80
	b	rt_vectors + \slot * 0x80
.endm

	.text
	.balign	0x800
	.globl	bench_vectors
bench_vectors:
	to_runtime 0
	to_runtime 1
	to_runtime 2
	to_runtime 3
	to_runtime 4
	.balign	0x80
	/* 1st instruction frees two registers, 2nd and 3rd stamp */
	stp	x0, x1, [sp, #-16]!
	mrs	x0, pmevcntr0_el0
	mrs	x1, cntvct_el0
	b	bench_irq_stamped
	to_runtime 6
	to_runtime 7
	to_runtime 8
	to_runtime 9
	to_runtime 10
	to_runtime 11
	to_runtime 12
	to_runtime 13
	to_runtime 14
	to_runtime 15

bench_irq_stamped:
	stp	x2, x3, [sp, #-16]!
	mrs	x2, tpidr_el1		/* logical CPU number */
	adrp	x3, bench_irq_stamp
	add	x3, x3, :lo12:bench_irq_stamp
	add	x3, x3, x2, lsl #4	/* struct irq_stamp: 16 bytes */
	stp	x0, x1, [x3]
	ldp	x2, x3, [sp], #16
	ldp	x0, x1, [sp], #16
	b	rt_vectors + 5 * 0x80

/*
 * A CPU started by CPU_ON: the counter first, stored with the MMU off
 * (CPU 0 invalidates the line before reading it), then the runtime's
 * secondary entry with x0 (the context) untouched.
 */
	.globl	bench_cpu_on_entry
bench_cpu_on_entry:
	mrs	x1, cntvct_el0
	adrp	x2, bench_cpu_on_stamp
	add	x2, x2, :lo12:bench_cpu_on_stamp
	str	x1, [x2]
	b	rt_secondary_start

/*
 * The cell's reset address when bench runs in a cell (tests/system/perf
 * sets it): both counters first, into .data (kept across a restart,
 * which does not reload the image), then the runtime's start.
 */
	.globl	bench_cell_entry
bench_cell_entry:
	mrs	x1, cntvct_el0
	mrs	x2, pmevcntr0_el0
	adrp	x3, bench_entry_stamp
	add	x3, x3, :lo12:bench_entry_stamp
	stp	x1, x2, [x3]
	mov	x1, #1
	str	x1, [x3, #16]		/* entered through here */
	b	rt_start

	.globl	bench_wait_irq
bench_wait_irq:
	isb
	mrs	x1, pmevcntr0_el0
	str	x1, [x0]
	wfi
	msr	daifclr, #2
	isb
	msr	daifset, #2
	ret
