// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry of the lifecycle test cells: like the hv test guests, but for a
 * cell of 1 MiB of RAM at guest 0 (16 KiB of stack per CPU below 1 MiB).
 */
	.section .text.start, "ax"
	.global _start
_start:
	mrs	x1, mpidr_el1
	and	x1, x1, #0xff
	mov	x2, #0x4000
	mul	x3, x1, x2
	mov	x4, #0x100000
	sub	sp, x4, x3
	bl	guest_main
1:	wfe
	b	1b
