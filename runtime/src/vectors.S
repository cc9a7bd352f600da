// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * EL1 exception vectors. Every slot saves the full frame (struct
 * exception_frame) and calls rt_handle_exception(frame, slot). The
 * counter is read before anything else so that interrupt latency is
 * measured from the first instruction of the handler.
 */
#include "asm-defs.h"

.macro vector slot
	.balign	0x80
	sub	sp, sp, #FRAME_SIZE
	stp	x0, x1, [sp, #0]
	mrs	x0, cntvct_el0
	mov	x1, #\slot
	b	rt_exception_entry
.endm

	.text
	.balign	0x800
	.globl rt_vectors
rt_vectors:
	vector 0
	vector 1
	vector 2
	vector 3
	vector 4
	vector 5
	vector 6
	vector 7
	vector 8
	vector 9
	vector 10
	vector 11
	vector 12
	vector 13
	vector 14
	vector 15

rt_exception_entry:
	str	x0, [sp, #FRAME_TICKS]
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
	mrs	x2, elr_el1
	mrs	x3, spsr_el1
	stp	x30, x2, [sp, #240]
	str	x3, [sp, #FRAME_SPSR]

	mov	x0, sp
	bl	rt_handle_exception

	ldr	x3, [sp, #FRAME_SPSR]
	ldp	x30, x2, [sp, #240]
	msr	elr_el1, x2
	msr	spsr_el1, x3
	ldp	x28, x29, [sp, #224]
	ldp	x26, x27, [sp, #208]
	ldp	x24, x25, [sp, #192]
	ldp	x22, x23, [sp, #176]
	ldp	x20, x21, [sp, #160]
	ldp	x18, x19, [sp, #144]
	ldp	x16, x17, [sp, #128]
	ldp	x14, x15, [sp, #112]
	ldp	x12, x13, [sp, #96]
	ldp	x10, x11, [sp, #80]
	ldp	x8, x9, [sp, #64]
	ldp	x6, x7, [sp, #48]
	ldp	x4, x5, [sp, #32]
	ldp	x2, x3, [sp, #16]
	ldp	x0, x1, [sp, #0]
	add	sp, sp, #FRAME_SIZE
	eret
