// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * Entry points of an inmate.
 *
 * rt_start: the first CPU, at the link base (the cell's reset address
 * under the hypervisor; the ELF entry on bare QEMU). rt_secondary_start:
 * CPUs started with PSCI CPU_ON, x0 = their logical number (the context).
 *
 * Either may arrive at EL2 (bare QEMU with virtualization=on and no
 * hypervisor): then the CPU drops to EL1 itself, so that the same binary
 * runs in a cell and standalone. MMU and caches stay off.
 */
#include "asm-defs.h"

	.section .text.start, "ax"
	.globl rt_start
rt_start:
	msr	daifset, #0xf
	mrs	x19, CurrentEL
	lsr	x19, x19, #2
	cmp	x19, #2
	b.ne	1f
	bl	rt_drop_to_el1
1:	msr	spsel, #1
	bl	rt_mmu_off

	/*
	 * Clean and invalidate our memory from the data caches: lines left
	 * by earlier users of this memory must neither be written back over
	 * what we write with the MMU off nor be hit once caches are on.
	 */
	mrs	x2, ctr_el0
	ubfx	x2, x2, #16, #4
	mov	x3, #4
	lsl	x3, x3, x2
	sub	x4, x3, #1
	adrp	x0, __image_start
	add	x0, x0, :lo12:__image_start
	bic	x0, x0, x4
	adrp	x1, __memory_end
	add	x1, x1, :lo12:__memory_end
4:	dc	civac, x0
	add	x0, x0, x3
	cmp	x0, x1
	b.lo	4b
	dsb	sy

	/* BSS first: the stacks live in it. */
	adrp	x0, __bss_start
	add	x0, x0, :lo12:__bss_start
	adrp	x1, __bss_end
	add	x1, x1, :lo12:__bss_end
2:	cmp	x0, x1
	b.hs	3f
	str	xzr, [x0], #8
	b	2b
3:
	mov	x0, #0
	bl	rt_cpu_setup
	mov	x0, x19
	bl	rt_primary_main
	b	rt_park

	.text
	.globl rt_secondary_start
rt_secondary_start:
	msr	daifset, #0xf
	mov	x20, x0
	mrs	x19, CurrentEL
	lsr	x19, x19, #2
	cmp	x19, #2
	b.ne	1f
	bl	rt_drop_to_el1
1:	msr	spsel, #1
	bl	rt_mmu_off
	/* An out-of-range context would write past the stacks. */
	cmp	x20, #JH_RT_MAX_CPUS
	b.hs	rt_park_asm
	/* MMU on before touching memory, as CPU 0 already has it on. */
	adrp	x0, rt_mmu_regs
	add	x0, x0, :lo12:rt_mmu_regs
	bl	rt_mmu_enable
	mov	x0, x20
	bl	rt_cpu_setup
	mov	x0, x20
	bl	rt_secondary_main
	b	rt_park

/*
 * x0 = logical CPU: sp = top of its stack, TPIDR_EL1 = number, vectors.
 * Returns with the new stack.
 */
rt_cpu_setup:
	adrp	x1, rt_stacks
	add	x1, x1, :lo12:rt_stacks
	add	x2, x0, #1
	mov	x3, #JH_RT_STACK_SIZE
	madd	x1, x2, x3, x1
	mov	sp, x1
	msr	tpidr_el1, x0
	adrp	x1, rt_vectors
	add	x1, x1, :lo12:rt_vectors
	msr	vbar_el1, x1
	isb
	ret

/*
 * Leave EL2 for EL1 with nothing trapped: EL1 in AArch64, EL1 may use the
 * physical counter and timer, no virtual offset, GICv3 system registers
 * usable at EL1, virtual CPU identity = the real one. Returns at EL1 to
 * the caller (x30).
 */
rt_drop_to_el1:
	mov	x0, #HCR_EL2_RW
	msr	hcr_el2, x0
	mrs	x0, cnthctl_el2
	orr	x0, x0, #3
	msr	cnthctl_el2, x0
	msr	cntvoff_el2, xzr
	mrs	x0, midr_el1
	msr	vpidr_el2, x0
	mrs	x0, mpidr_el1
	msr	vmpidr_el2, x0
	mov	x0, #CPTR_EL2_RES1
	msr	cptr_el2, x0
	msr	hstr_el2, xzr
	mrs	x0, id_aa64pfr0_el1
	ubfx	x0, x0, #24, #4
	cbz	x0, 1f
	mrs	x0, ICC_SRE_EL2
	orr	x0, x0, #0xf
	msr	ICC_SRE_EL2, x0
	isb
	msr	ICH_HCR_EL2, xzr
1:	ldr	x0, =SCTLR_EL1_RES1
	msr	sctlr_el1, x0
	mov	x0, #SPSR_EL1H_MASKED
	msr	spsr_el2, x0
	msr	elr_el2, x30
	isb
	eret

/*
 * A restart may find the MMU still on from the previous run (if whoever
 * restarts us does not reset SCTLR_EL1): turn it off, we are identity
 * mapped. Uses x0 only.
 */
rt_mmu_off:
	mrs	x0, sctlr_el1
	bic	x0, x0, #SCTLR_EL1_M
	bic	x0, x0, #SCTLR_EL1_C
	bic	x0, x0, #SCTLR_EL1_I
	msr	sctlr_el1, x0
	isb
	ret

/*
 * rt_mmu_enable(regs): load MAIR, TCR, TTBR0 from struct mmu_regs and turn
 * on MMU and caches; nothing if regs->ttbr0 is 0. Uses x0-x3 only.
 */
	.globl rt_mmu_enable
rt_mmu_enable:
	ldr	x1, [x0, #16]
	cbz	x1, 1f
	ldr	x2, [x0]
	ldr	x3, [x0, #8]
	msr	mair_el1, x2
	msr	tcr_el1, x3
	msr	ttbr0_el1, x1
	isb
	tlbi	vmalle1
	dsb	nsh
	ic	iallu
	dsb	nsh
	isb
	mrs	x2, sctlr_el1
	orr	x2, x2, #SCTLR_EL1_M
	orr	x2, x2, #SCTLR_EL1_C
	orr	x2, x2, #SCTLR_EL1_I
	msr	sctlr_el1, x2
	isb
1:	ret

	.globl rt_park_asm
rt_park_asm:
	msr	daifset, #0xf
1:	wfi
	b	1b
