// SPDX-License-Identifier: GPL-2.0-only
/*
 * Entry points at EL2, MMU off: the boot CPU comes here from QEMU (the
 * ELF entry), the other CPUs through PSCI CPU_ON with x0 = CPU index.
 */
#define HV_STACK_SIZE	0x4000
#define MAX_CPUS	8

	.section .text.entry, "ax"
/*
 * struct jh_hv_header (schema/jh-late-launch.h) at the very start of the
 * image: hv.bin begins with it. Its first word branches to the boot-time
 * entry, so `-kernel hv.elf` (entered at _start) works as before. The
 * sizes and offsets are computed by the linker script (hv.lds).
 */
	.global _start
_start:
	b	hv_boot_entry
	.word	0				/* reserved0 */
	.ascii	"JHHVIMG\0"			/* magic */
	.word	1				/* version */
	.word	72				/* header_size */
	.quad	__hv_start			/* link_address */
	.quad	__hv_image_size			/* image_size */
	.quad	__hv_core_size			/* core_size */
	.quad	__hv_late_vectors_offset	/* late_vectors_offset */
	.quad	__hv_console_offset		/* console_offset */
	.word	MAX_CPUS			/* max_cpus */
	.word	0				/* reserved1 */

hv_boot_entry:
	/* only the boot CPU ever enters here: clear .bss, then run C */
	ldr	x1, =__bss_start
	ldr	x2, =__bss_end
1:	cmp	x1, x2
	b.hs	2f
	str	xzr, [x1], #8
	b	1b
2:	mov	x0, #0
	bl	set_stack_and_vectors
	bl	hv_boot_main
	b	park_forever

	.global hv_secondary_entry
hv_secondary_entry:
	cmp	x0, #MAX_CPUS
	b.hs	park_forever
	mov	x19, x0
	bl	set_stack_and_vectors
	mov	x0, x19
	bl	hv_secondary_main
	b	park_forever

/* x0: CPU index. Sets SP_EL2 to the top of its stack and VBAR_EL2. */
	.global set_stack_and_vectors
set_stack_and_vectors:
	ldr	x1, =hv_stacks
	mov	x2, #HV_STACK_SIZE
	madd	x1, x0, x2, x1
	add	sp, x1, x2
	ldr	x1, =hv_vectors
	msr	vbar_el2, x1
	isb
	ret

park_forever:
	wfe
	b	park_forever

/*
 * arch_guest_start(context): clear every general register but x0 and
 * enter the cell (ELR_EL2, SPSR_EL2 and the EL1 state are already set).
 */
	.global arch_guest_start
arch_guest_start:
	.irp n,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	mov	x\n, xzr
	.endr
	.irp n,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30
	mov	x\n, xzr
	.endr
	eret

	.section .bss.stacks, "aw", %nobits
	.balign	16
	.global hv_stacks
hv_stacks:
	.skip	HV_STACK_SIZE * MAX_CPUS
