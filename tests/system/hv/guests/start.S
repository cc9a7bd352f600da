// SPDX-License-Identifier: GPL-2.0-only
/*
 * Test guest entry (EL1, MMU off, linked at guest address 0). Every CPU
 * enters here: the cell's first CPU at cpu_reset_address, the others
 * through PSCI CPU_ON with x0 = context. Stack: 64 KiB per CPU below
 * 15 MiB.
 */
	.section .text.start, "ax"
	.global _start
_start:
	mrs	x1, mpidr_el1
	and	x1, x1, #0xff
	mov	x2, #0x10000
	mul	x3, x1, x2
	mov	x4, #0xf00000
	sub	sp, x4, x3
	bl	guest_main
1:	wfe
	b	1b
