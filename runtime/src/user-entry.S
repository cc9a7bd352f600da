// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * The two halves of user_call() (user.c): rt_user_enter saves the
 * callee-saved registers and the stack pointer and erets to EL0;
 * rt_user_exit is where the exception handler erets to (at EL1h, x0 =
 * the saved stack pointer) when the EL0 routine is done, and returns
 * from rt_user_enter.
 */
#include "asm-defs.h"

/* EL0t with D, A and F masked, IRQs open (SPSR.M = 0). */
#define SPSR_EL0T_IRQ_OPEN	0x340

	.text
/*
 * x0 = entry, x1 = SP_EL0, x2 = pointer to the 8 arguments,
 * x3 = where to store the EL1 stack pointer.
 */
	.globl rt_user_enter
rt_user_enter:
	stp	x29, x30, [sp, #-96]!
	stp	x19, x20, [sp, #16]
	stp	x21, x22, [sp, #32]
	stp	x23, x24, [sp, #48]
	stp	x25, x26, [sp, #64]
	stp	x27, x28, [sp, #80]
	mov	x4, sp
	str	x4, [x3]
	msr	elr_el1, x0
	msr	sp_el0, x1
	mov	x4, #SPSR_EL0T_IRQ_OPEN
	msr	spsr_el1, x4
	ldp	x0, x1, [x2]
	ldp	x4, x5, [x2, #32]
	ldp	x6, x7, [x2, #48]
	ldp	x2, x3, [x2, #16]
	/* nothing of EL1 leaks into the routine's registers */
	mov	x8, #0
	mov	x9, #0
	mov	x10, #0
	mov	x11, #0
	mov	x12, #0
	mov	x13, #0
	mov	x14, #0
	mov	x15, #0
	mov	x16, #0
	mov	x17, #0
	mov	x18, #0
	mov	x19, #0
	mov	x20, #0
	mov	x21, #0
	mov	x22, #0
	mov	x23, #0
	mov	x24, #0
	mov	x25, #0
	mov	x26, #0
	mov	x27, #0
	mov	x28, #0
	mov	x29, #0
	mov	x30, #0
	eret

	.globl rt_user_exit
rt_user_exit:
	mov	sp, x0
	ldp	x19, x20, [sp, #16]
	ldp	x21, x22, [sp, #32]
	ldp	x23, x24, [sp, #48]
	ldp	x25, x26, [sp, #64]
	ldp	x27, x28, [sp, #80]
	ldp	x29, x30, [sp], #96
	ret
