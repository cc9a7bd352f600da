// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry of the root-cell manager: wherever it is linked (guest 0 in the
 * fixture layout, 0x40000000 in an identity-mapped root cell), its
 * stacks are 64 KiB per CPU below _start + 15 MiB.
 */
	.section .text.start, "ax"
	.global _start
_start:
	mrs	x1, mpidr_el1
	and	x1, x1, #0xff
	mov	x2, #0x10000
	mul	x3, x1, x2
	adr	x4, _start
	add	x4, x4, #0xf00000
	sub	sp, x4, x3
	bl	guest_main
1:	wfe
	b	1b
