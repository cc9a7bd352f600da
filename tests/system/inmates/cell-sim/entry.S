// SPDX-License-Identifier: GPL-2.0-only
/*
 * cell-sim: a stand-in for the hypervisor, just enough of the cell
 * interface to run inmates in "cell" mode on QEMU (virtualization=on)
 * before the real hypervisor exists. Entry points and EL2 vectors.
 */
#define SIM_STACK	4096
#define SIM_MAX_CPUS	8
#define FRAME_SIZE	256

	.section .text.start, "ax"
	.globl sim_start
sim_start:
	msr	daifset, #0xf
	adrp	x0, __sim_bss_start
	add	x0, x0, :lo12:__sim_bss_start
	adrp	x1, __sim_bss_end
	add	x1, x1, :lo12:__sim_bss_end
1:	cmp	x0, x1
	b.hs	2f
	str	xzr, [x0], #8
	b	1b
2:	mov	x0, #0
	bl	sim_cpu_setup
	bl	sim_main
	b	sim_park

/* CPUs started for the cell: x0 = CPU number (Aff0). */
	.text
	.globl sim_secondary_start
sim_secondary_start:
	msr	daifset, #0xf
	mov	x19, x0
	bl	sim_cpu_setup
	mov	x0, x19
	bl	sim_secondary_main
	b	sim_park

/* x0 = CPU number: stack, EL2 vectors. Keeps x0. */
sim_cpu_setup:
	adrp	x1, sim_stacks
	add	x1, x1, :lo12:sim_stacks
	add	x2, x0, #1
	mov	x3, #SIM_STACK
	madd	x1, x2, x3, x1
	mov	sp, x1
	adrp	x1, sim_vectors
	add	x1, x1, :lo12:sim_vectors
	msr	vbar_el2, x1
	isb
	ret

	.globl sim_park
sim_park:
	msr	daifset, #0xf
1:	wfi
	b	1b

/*
 * sim_enter_el1(entry, context): to EL1h at entry with x0 = context,
 * everything masked (EL2 state was set by the caller).
 */
	.globl sim_enter_el1
sim_enter_el1:
	msr	elr_el2, x0
	mov	x2, #0x3c5
	msr	spsr_el2, x2
	mov	x0, x1
	mov	x1, #0
	isb
	eret

/* Only traps from EL1 (AArch64) are expected; all go to sim_trap. */
.macro slot n
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mov	x1, #\n
	b	sim_vector_common
.endm

	.balign	0x800
sim_vectors:
	slot 0
	slot 1
	slot 2
	slot 3
	slot 4
	slot 5
	slot 6
	slot 7
	slot 8
	slot 9
	slot 10
	slot 11
	slot 12
	slot 13
	slot 14
	slot 15

sim_vector_common:
	stp	x2, x3, [sp, #16]
	stp	x4, x5, [sp, #32]
	stp	x6, x7, [sp, #48]
	stp	x8, x9, [sp, #64]
	stp	x10, x11, [sp, #80]
	stp	x12, x13, [sp, #96]
	stp	x14, x15, [sp, #112]
	stp	x16, x17, [sp, #128]
	stp	x18, x19, [sp, #144]
	stp	x20, x21, [sp, #160]
	stp	x22, x23, [sp, #176]
	stp	x24, x25, [sp, #192]
	stp	x26, x27, [sp, #208]
	stp	x28, x29, [sp, #224]
	str	x30, [sp, #240]
	mov	x0, sp
	bl	sim_trap
	ldp	x2, x3, [sp, #16]
	ldp	x4, x5, [sp, #32]
	ldp	x6, x7, [sp, #48]
	ldp	x8, x9, [sp, #64]
	ldp	x10, x11, [sp, #80]
	ldp	x12, x13, [sp, #96]
	ldp	x14, x15, [sp, #112]
	ldp	x16, x17, [sp, #128]
	ldp	x18, x19, [sp, #144]
	ldp	x20, x21, [sp, #160]
	ldp	x22, x23, [sp, #176]
	ldp	x24, x25, [sp, #192]
	ldp	x26, x27, [sp, #208]
	ldp	x28, x29, [sp, #224]
	ldr	x30, [sp, #240]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret

	.bss
	.balign	16
	.globl sim_stacks
sim_stacks:
	.skip	SIM_STACK * SIM_MAX_CPUS
